"""Registers about lessons: open lessons, subject weeks, clubs."""

from __future__ import annotations

from ubsheets.schema import choices
from ubsheets.schema.base import Column, Kind, Register
from ubsheets.schema.common import L, date, klass, note, number, status, subject, teacher, text

NUMBER_COLUMN = number("no", L("№", "№", "No."), L("Катар номери.", "Порядковый номер.",
                                                    "Row number."), min=1, width=5)

OPEN_LESSONS = Register(
    key="open_lessons",
    sheet=L("Ачык сабактар", "Открытые уроки", "Open lessons"),
    title=L("Ачык сабактарды жана предметтер боюнча класстан тышкаркы ачык сабактарды өтүүнүн "
            "графиги", "График открытых уроков и открытых внеклассных мероприятий",
            "Schedule of open lessons and open extracurricular lessons"),
    table_name="OpenLessons",
    columns=(
        NUMBER_COLUMN,
        teacher(header=L("УБдагы мугалимдин аты-жөнү", "ФИО учителя", "Teacher")),
        subject(),
        klass(),
        text("topic", L("Тема", "Тема", "Topic"),
             L("Сабактын темасы.", "Тема урока.", "Lesson topic."), required=True, width=36),
        date(header=L("Өтүлүүчү күн", "Дата проведения", "Date")),
        Column("extracurricular", L("Класстан тышкаркы", "Внеклассное", "Extracurricular"),
               Kind.CHOICE, L("Класстан тышкаркы ачык сабак болсо «ооба».",
                              "«да», если это внеклассное мероприятие.",
                              "“yes” for an extracurricular open lesson."),
               choices=choices.YES_NO, width=12),
        status(),
        note(),
    ),
)

SUBJECT_WEEKS = Register(
    key="subject_weeks",
    sheet=L("Предметтик жумалыктар", "Предметные недели", "Subject weeks"),
    title=L("Предметтер боюнча жумалыктарды өткөрүүнүн планы", "План предметных недель",
            "Plan of subject weeks"),
    table_name="SubjectWeeks",
    columns=(
        subject(),
        date("start", L("Башталышы", "Начало", "Starts")),
        date("end", L("Аягы", "Окончание", "Ends")),
        teacher("responsible", L("Жооптуу мугалим", "Ответственный", "Responsible teacher")),
        note(),
    ),
)

CLUBS = Register(
    key="clubs",
    sheet=L("Кружоктор", "Кружки", "Clubs"),
    title=L("Кружоктор жөнүндө маалымат", "Сведения о кружках", "Clubs"),
    table_name="Clubs",
    columns=(
        text("club", L("Кружоктун аталышы", "Название кружка", "Club"),
             L("Кружоктун аталышы.", "Название кружка.", "Name of the club."), required=True),
        teacher(header=L("Жетекчиси", "Руководитель", "Teacher")),
        text("classes", L("Класстар", "Классы", "Classes"),
             L("Мисалы: 5-7 же 8-А, 8-Б.", "Например: 5-7 или 8-А, 8-Б.", "E.g. 5-7 or 8-А, 8-Б."),
             width=14),
        number("pupils", L("Окуучулардын саны", "Кол-во учащихся", "Pupils"),
               L("Канча окуучу катышат.", "Сколько учащихся занимается.", "Number of pupils."),
               min=1, max=100),
        text("schedule", L("Убактысы", "Расписание", "Schedule"),
             L("Мисалы: шейшемби, 14:00.", "Например: вторник, 14:00.", "E.g. Tuesday 14:00."),
             width=18),
    ),
)
