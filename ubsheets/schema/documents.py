"""The 14 required documents of an association, as listed in the planning document."""

from __future__ import annotations

from ubsheets.schema import choices
from ubsheets.schema.base import Column, Kind, Label, Register
from ubsheets.schema.common import L, date, note, text
from ubsheets.schema.teaching import NUMBER_COLUMN

REQUIRED_DOCUMENTS: tuple[Label, ...] = (
    L("УБнын түзүлгөндүгү жөнүндө мектеп жетекчисинин буйругу",
      "Приказ директора о создании МО", "Order founding the association"),
    L("УБнын жетекчиси болуп дайындалгандыгы жөнүндө буйрук",
      "Приказ о назначении руководителя МО", "Order appointing the head"),
    L("УБнын жобосу", "Положение о МО", "Regulations of the association"),
    L("УБнын мүчөлөрү жөнүндө маалымат", "Сведения о членах МО", "Information on members"),
    L("Жаңы окуу жылынын иш планы", "План работы на новый учебный год", "Work plan for the year"),
    L("Жаш мугалимдер менен иштөө планы", "План работы с молодыми специалистами",
      "Plan of work with young teachers"),
    L("Предметтер боюнча жумалыктарды өткөрүүнүн планы", "План проведения предметных недель",
      "Plan of subject weeks"),
    L("УБга кирген мугалимдердин билимин өркүндөтүү жөнүндө маалымат",
      "Сведения о повышении квалификации членов МО", "Members' professional development"),
    L("Ачык сабактарды өткөрүүнүн графиги", "График открытых уроков", "Open-lesson schedule"),
    L("Кружоктор жөнүндө маалымат", "Сведения о кружках", "Information on clubs"),
    L("Администрациянын текшерүү иштерин өткөрүү графиги", "График административного контроля",
      "Administration inspection schedule"),
    L("Мугалимдердин билимин өркүндөтүү курстарынан өтүү графиги",
      "График курсов повышения квалификации", "Course schedule"),
    L("УБнын жыйналыштарынын токтомдору", "Протоколы и решения заседаний МО",
      "Minutes and resolutions of meetings"),
    L("УБнын өткөн окуу жылы боюнча отчету", "Отчёт МО за прошлый учебный год",
      "Last year's report"),
)

DOCUMENTS = Register(
    key="documents",
    sheet=L("Иш кагаздары", "Документация МО", "Documents"),
    title=L("Усулдук бирикменин иш кагаздары", "Документация методического объединения",
            "Required documents of the association"),
    table_name="Documents",
    columns=(
        NUMBER_COLUMN,
        text("document", L("Иш кагазы", "Документ", "Document"),
             L("Милдеттүү иш кагазы (14 иш кагазы).", "Обязательный документ (всего 14).",
               "A required document (14 in all)."), required=True, width=52),
        Column("present", L("Бар/жок", "Наличие", "Present"), Kind.CHOICE,
               L("Иш кагазы папкада барбы.", "Есть ли документ в папке МО.",
                 "Whether the document is in the folder."),
               required=True, choices=choices.PRESENCE, width=12),
        date(required=False, help=L("Иш кагазы түзүлгөн же бекитилген күнү.",
                                    "Дата составления или утверждения.",
                                    "When it was drawn up or approved.")),
        note(),
    ),
    prefill=tuple({"no": i, "document": label, "present": "missing"}
                  for i, label in enumerate(REQUIRED_DOCUMENTS, start=1)),
)
