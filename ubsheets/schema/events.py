"""Registers of what the association does: events, the head's activity log, meetings."""

from __future__ import annotations

from ubsheets.schema import choices
from ubsheets.schema.base import Column, Kind, Register
from ubsheets.schema.common import L, date, note, number, status, teacher, text
from ubsheets.schema.teaching import NUMBER_COLUMN

RESPONSIBLE = teacher("responsible", L("Жооптуу мугалим", "Ответственный", "Responsible teacher"))

EVENTS = Register(
    key="events",
    sheet=L("Иш-чаралар", "Мероприятия", "Events"),
    title=L("Семинарларды, тегерек столдорду, чыгармачыл отчетторду, кружокторду өтүү боюнча "
            "график", "График семинаров, круглых столов, творческих отчётов, кружков",
            "Schedule of seminars, round tables, creative reports and clubs"),
    table_name="Events",
    columns=(
        Column("kind", L("Иш-чаранын түрү", "Вид мероприятия", "Kind"), Kind.CHOICE,
               L("Семинар, тегерек стол, чыгармачыл отчет...",
                 "Семинар, круглый стол, творческий отчёт...",
                 "Seminar, round table, creative report..."),
               required=True, choices=choices.EVENT_KINDS, width=20),
        text("title", L("Тема", "Тема", "Title", old=("Аталышы",)),
             L("Иш-чаранын темасы.", "Тема мероприятия.", "Title of the event."),
             required=True, width=36),
        RESPONSIBLE,
        Column("month", L("Айы", "Месяц", "Month"), Kind.CHOICE,
               L("Өтүлө турган ай (сентябрь – май).", "Месяц проведения (сентябрь – май).",
                 "Month it falls in (September to May)."),
               required=True, choices=choices.MONTHS, width=12),
        date(required=False),
        status(),
        note(),
    ),
)

ACTIVITY_LOG = Register(
    key="activity_log",
    sheet=L("Аткарылган иштер", "Журнал работы", "Activity log"),
    title=L("УБнын жетекчисинин отчету", "Отчёт руководителя МО", "Report of the head"),
    table_name="ActivityLog",
    columns=(
        NUMBER_COLUMN,
        text("topic", L("Усулдук иштин темасы", "Тема методической работы",
                        "Topic of the methodological work"),
             L("Кандай иш аткарылды.", "Какая работа проведена.", "What was done."),
             required=True, width=40),
        date(header=L("Өтүлгөн күн", "Дата проведения", "Date held")),
        Column("time", L("Убакыт", "Время", "Time"), Kind.TIME,
               L("Саат: СС:ММ, мисалы 14:00.", "Время: ЧЧ:ММ, например 14:00.",
                 "Time: HH:MM, e.g. 14:00."), width=8),
        RESPONSIBLE,
        text("participants", L("Катышкандар", "Участники", "Participants"),
             L("Кимдер катышты (аты-жөнү же саны).", "Кто участвовал (ФИО или количество).",
               "Who took part (names or a number)."), width=30),
        note(),
    ),
)

MEETINGS = Register(
    key="meetings",
    sheet=L("Жыйналыштар", "Заседания МО", "Meetings"),
    title=L("УБнын жыйналыштарынын токтомдору", "Протоколы и решения заседаний МО",
            "Minutes and resolutions of the meetings"),
    table_name="Meetings",
    columns=(
        number("no", L("Протокол №", "Протокол №", "Minutes No."),
               L("Жыйналыштын номери.", "Номер заседания.", "Meeting number."),
               required=True, min=1, max=100, width=10),
        date(),
        text("agenda", L("Күн тартиби", "Повестка дня", "Agenda"),
             L("Каралган маселелер.", "Рассмотренные вопросы.", "Questions discussed."),
             required=True, width=40),
        text("resolution", L("Токтому", "Решение", "Resolution"),
             L("Кабыл алынган токтом.", "Принятое решение.", "Resolution adopted."), width=40),
        number("attended", L("Катышкандар (саны)", "Присутствовали (чел.)", "Attended"),
               L("Канча мүчө катышты.", "Сколько членов МО присутствовало.",
                 "How many members attended."), min=1, max=200),
    ),
)

