"""The settings sheet: who and where (school, association, signatories) and the calendar.

It holds two tables side by side: the settings as name/value pairs, and the holidays. The
calendar is always a setting, never hard-coded: dates and holidays change every year.
"""

from __future__ import annotations

from dataclasses import dataclass

from ubsheets.schema.base import Column, Kind, Label, Register
from ubsheets.schema.common import L, date, text


@dataclass(frozen=True)
class Setting:
    key: str
    label: Label
    kind: Kind
    help: Label
    required: bool = False  # required settings are errors when missing, others warnings
    default: object = None  # used when the cell is empty; a setting with one is never missing

    def default_in(self, lang: str) -> object:
        """The default as a workbook in ``lang`` holds it (a text default is a Label)."""
        return self.default.get(lang) if isinstance(self.default, Label) else self.default


DEFAULT_PERIOD_YEARS = 5  # no national rule since the 2023 law (NOTES.md); a setting
DEPUTY_ROLE = Label("директордун ОТИ боюнча орун басары", "заместитель директора по УВР",
                    "deputy director for teaching and learning")

SETTINGS: tuple[Setting, ...] = (
    Setting("school", L("Мектеп", "Школа", "School"), Kind.TEXT,
            L("Мектептин толук аталышы.", "Полное название школы.", "Full name of the school.")),
    Setting("district", L("Район", "Район", "District"), Kind.TEXT,
            L("Район же шаар.", "Район или город.", "District or town.")),
    Setting("association", L("Усулдук бирикме", "Методическое объединение", "Association"),
            Kind.TEXT, L("Мисалы: математика жана информатика мугалимдеринин усулдук бирикмеси.",
                         "Например: МО учителей математики и информатики.",
                         "E.g. mathematics and informatics teachers.")),
    Setting("head", L("УБнын жетекчиси", "Руководитель МО", "Head of the association"), Kind.TEXT,
            L("Аты-жөнү Мүчөлөр барагындагыдай.", "ФИО как на листе «Состав МО».",
              "Full name as on the members sheet.")),
    # The deputy's name, and their title apart (schools name the post differently): both are
    # printed in the report's note and signature line. Before the title was a setting, the
    # name's label was the title itself: such workbooks are still read.
    Setting("deputy", L("Директордун орун басары (аты-жөнү)", "Заместитель директора (ФИО)",
                        "Deputy director (name)",
                        old=("Директордун ОТИ боюнча орун басары", "Заместитель директора по УВР",
                             "Deputy director")), Kind.TEXT,
            L("Отчетту кабыл алуучунун аты-жөнү.", "ФИО того, кому сдаётся отчёт.",
              "Who receives the reports.")),
    Setting("deputy_role", L("Директордун орун басарынын кызматы",
                             "Должность заместителя директора", "Deputy director's title"),
            Kind.TEXT,
            L("Отчеттун эскертүүсүндө жана кол коюу сабында ушундай жазылат.",
              "Так должность пишется в примечании и в подписи отчёта.",
              "As printed in the reports' note and signature line."),
            default=DEPUTY_ROLE),
    Setting("director", L("Мектеп директору", "Директор школы", "Director"), Kind.TEXT,
            L("Планды бекитүүчү.", "Утверждает план.", "Approves the plan.")),
    Setting("theme", L("Усулдук тема", "Методическая тема", "Methodological theme"), Kind.TEXT,
            L("УБнын ушул жылдагы усулдук темасы.", "Методическая тема МО на год.",
              "The association's theme for the year.")),
    Setting("year_start", L("Окуу жылынын башталышы", "Начало учебного года", "Year starts"),
            Kind.DATE, L("Мисалы 01.09.2020.", "Например 01.09.2020.", "E.g. 01.09.2020."),
            required=True),
    Setting("year_end", L("Окуу жылынын аягы", "Конец учебного года", "Year ends"), Kind.DATE,
            L("Мисалы 25.05.2021.", "Например 25.05.2021.", "E.g. 25.05.2021."), required=True),
    Setting("course_period", L("Курстардын мөөнөтү (жыл)", "Периодичность курсов ПК (лет)",
                               "Course period (years)"), Kind.INT,
            L("Канча жылда бир жолу курстан өтүү керек (бош калса, 5 жыл).",
              "Периодичность курсов ПК, лет (по умолчанию 5).",
              "Courses are due after this many years (default 5)."),
            default=DEFAULT_PERIOD_YEARS),
    Setting("attestation_period", L("Аттестациянын мөөнөтү (жыл)",
                                    "Периодичность аттестации (лет)",
                                    "Attestation period (years)"), Kind.INT,
            L("Канча жылда бир жолу аттестациядан өтүү керек (бош калса, 5 жыл).",
              "Периодичность аттестации, лет (по умолчанию 5).",
              "Attestation is due after this many years (default 5)."),
            default=DEFAULT_PERIOD_YEARS),
)

SETTINGS_SHEET = L("Жөндөөлөр", "Настройки", "Settings")

SETTINGS_TABLE = Register(
    key="settings",
    sheet=SETTINGS_SHEET,
    title=L("Жөндөөлөр", "Настройки", "Settings"),
    table_name="Settings",
    columns=(
        text("setting", L("Параметр", "Параметр", "Setting"),
             L("Өзгөртпөңүз.", "Не изменяйте.", "Do not change."), required=True, width=36),
        Column("value", L("Мааниси", "Значение", "Value"), Kind.TEXT,
               L("Маанини жазыңыз.", "Впишите значение.", "Type the value."), width=44),
    ),
)

HOLIDAYS = Register(
    key="holidays",
    sheet=SETTINGS_SHEET,
    title=L("Каникулдар", "Каникулы", "Holidays"),
    table_name="Holidays",
    first_col=4,
    columns=(
        date("start", L("Каникулдун башталышы", "Начало каникул", "Holiday starts")),
        date("end", L("Каникулдун аягы", "Конец каникул", "Holiday ends")),
        text("name", L("Аталышы", "Название", "Name"),
             L("Мисалы: кышкы каникул.", "Например: зимние каникулы.", "E.g. winter break."),
             width=20),
    ),
)


def setting(key: str) -> Setting:
    for item in SETTINGS:
        if item.key == key:
            return item
    raise KeyError(key)
