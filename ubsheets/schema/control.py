"""Registers of control: the head's own control visits and the administration's inspections."""

from __future__ import annotations

from ubsheets.schema import choices
from ubsheets.schema.base import Column, Kind, Register
from ubsheets.schema.common import L, date, klass, teacher, text

CONTROL = Register(
    key="control",
    sheet=L("Көзөмөл", "Контроль", "Control"),
    title=L("Усулдук бирикменин жетекчисинин ишке көзөмөл жүргүзүүсү",
            "Контроль руководителя МО", "Control by the head of the association"),
    table_name="Control",
    columns=(
        date(),
        Column("kind", L("Көзөмөлдүн түрү", "Вид контроля", "Kind of control"), Kind.CHOICE,
               L("Көзөмөлдүн алты түрүнүн бири (1–6).", "Один из шести видов контроля (1–6).",
                 "One of the plan's six kinds (1-6)."),
               required=True, choices=choices.CONTROL_KINDS, width=26),
        teacher(required=False, help=L("Кимдин иши текшерилди (мүчөлөрдөн).",
                                       "Чья работа проверялась (из состава МО).",
                                       "Whose work was checked (a member).")),
        text("checked", L("Эмне текшерилди", "Что проверялось", "What was checked"),
             L("Мисалы: класстык журнал, сабактын планы.", "Например: классный журнал, поурочный "
               "план.", "E.g. class journal, lesson plans."), required=True),
        klass(required=False),
        text("findings", L("Жыйынтыгы", "Выводы", "Findings"),
             L("Эмне байкалды.", "Что выявлено.", "What was found."), width=36),
        text("recommendation", L("Сунуштар", "Рекомендации", "Recommendations"),
             L("Кандай сунуш берилди.", "Какие даны рекомендации.", "What was recommended."),
             width=36),
    ),
)

INSPECTIONS = Register(
    key="inspections",
    sheet=L("Администрациялык текшерүү", "Административный контроль", "Inspections"),
    title=L("Администрациянын текшерүү иштерин өткөрүү графиги",
            "График административного контроля", "Administration inspection schedule"),
    table_name="Inspections",
    columns=(
        date(),
        text("topic", L("Эмне текшерилет", "Что проверяется", "What is inspected"),
             L("Текшерүүнүн темасы.", "Тема проверки.", "Subject of the inspection."),
             required=True, width=36),
        text("inspector", L("Ким текшерет", "Кто проверяет", "Inspector"),
             L("Мисалы: директордун ОТИ боюнча орун басары.", "Например: заместитель по УВР.",
               "E.g. the deputy director."), required=True, width=26),
        teacher(required=False, help=L("Текшерилүүчү мугалим (болсо).",
                                       "Проверяемый учитель (если есть).",
                                       "Teacher inspected (if any).")),
        text("result", L("Жыйынтыгы", "Итог", "Result"),
             L("Текшерүүнүн жыйынтыгы.", "Итог проверки.", "Outcome."), width=36),
    ),
)
