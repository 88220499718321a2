"""Dropdown lists shared by several registers. Each value is stored by its code and shown in the
workbook's language; any of the three languages is accepted when reading."""

from __future__ import annotations

from ubsheets.schema.base import Choice, ChoiceList, Label


def _list(key: str, *items: tuple[str, ...], strict: bool = True) -> ChoiceList:
    """Each item: the code, the Kyrgyz, Russian and English labels, then any labels earlier
    versions wrote (old workbooks hold them in their cells; they are still read as the code)."""
    return ChoiceList(key, tuple(_choice(*item) for item in items), strict)


def _choice(code: str, ky: str, ru: str, en: str, *old: str) -> Choice:
    return Choice(code, Label(ky, ru, en, old=old))


ROLES = _list(
    "role",
    ("head", "жетекчи", "руководитель", "head"),
    ("member", "мүчө", "член МО", "member"),
    ("young", "жаш мугалим", "молодой специалист", "young teacher", "жаш адис"),
)

EDUCATION = _list(
    "education",
    ("higher", "жогорку", "высшее", "higher"),
    ("incomplete_higher", "толук эмес жогорку", "неполное высшее", "incomplete higher"),
    ("vocational", "орто кесиптик", "среднее профессиональное", "vocational"),
    ("secondary", "орто", "среднее", "secondary"),
)

# Attestation categories as named in Kyrgyz schools (NOTES.md: second, first, highest).
CATEGORIES = _list(
    "category",
    ("none", "категориясы жок", "без категории", "no category"),
    ("second", "экинчи категория", "вторая категория", "second category"),
    ("first", "биринчи категория", "первая категория", "first category"),
    ("highest", "жогорку категория", "высшая категория", "highest category"),
)

# Said of an open lesson or an event («мероприятие», neuter): «проведено», and in Kyrgyz three
# participles alike. Earlier versions wrote «проведён», «өткөрүлдү»...: still read.
STATUSES = _list(
    "status",
    ("planned", "пландалган", "запланировано", "planned", "запланирован"),
    ("held", "өткөрүлгөн", "проведено", "held", "өткөрүлдү", "проведён"),
    ("moved", "жылдырылган", "перенесено", "moved", "жылдырылды", "перенесён"),
)

YES_NO = _list(
    "yes_no",
    ("yes", "ооба", "да", "yes"),
    ("no", "жок", "нет", "no"),
)

PRESENCE = _list(
    "presence",
    ("present", "бар", "есть", "present"),
    ("missing", "жок", "отсутствует", "missing"),
)

# The six kinds of control fixed by the planning document; questioning has an oral and a
# written form, so it is two entries (3а, 3б).
CONTROL_KINDS = _list(
    "control_kind",
    ("observation", "1. Байкоо", "1. Наблюдение", "1. Observation"),
    ("documents", "2. Иш кагаздарын текшерүү", "2. Проверка документации", "2. Checking documents"),
    ("oral", "3а. Оозеки суроо", "3а. Устный опрос", "3a. Oral questioning"),
    ("written", "3б. Жазуу жүзүндө суроо", "3б. Письменный опрос", "3b. Written questioning"),
    ("testing", "4. Тестирлөө", "4. Тестирование", "4. Testing"),
    ("operational", "5. Оперативдүү талкуу", "5. Оперативный разбор", "5. Operational discussion"),
    ("retroactive", "6. Ретроактивдүү талкуу", "6. Ретроактивный анализ",
     "6. Retroactive discussion"),
)

# Kyrgyz schools use the Russian-derived month names (the planning document does too).
MONTHS = _list(
    "month",
    ("09", "Сентябрь", "Сентябрь", "September"),
    ("10", "Октябрь", "Октябрь", "October"),
    ("11", "Ноябрь", "Ноябрь", "November"),
    ("12", "Декабрь", "Декабрь", "December"),
    ("01", "Январь", "Январь", "January"),
    ("02", "Февраль", "Февраль", "February"),
    ("03", "Март", "Март", "March"),
    ("04", "Апрель", "Апрель", "April"),
    ("05", "Май", "Май", "May"),
    ("06", "Июнь", "Июнь", "June"),
)

EVENT_KINDS = _list(
    "event_kind",
    ("seminar", "семинар", "семинар", "seminar"),
    ("round_table", "тегерек стол", "круглый стол", "round table"),
    ("creative_report", "чыгармачыл отчет", "творческий отчёт", "creative report"),
    ("club", "кружок", "кружок", "club session"),
    ("conference", "конференция", "конференция", "conference"),
    ("reading", "педагогикалык окуулар", "педагогические чтения", "pedagogical readings"),
    ("exhibition", "көргөзмө", "выставка", "exhibition"),
    ("master_class", "мастер-класс", "мастер-класс", "master class"),
    ("other", "башка", "другое", "other"),
)

REPORT_FORMS = _list(
    "report_form",
    ("report", "доклад", "доклад", "report"),
    ("message", "билдирүү", "сообщение", "short talk"),
    ("open_lesson", "ачык сабак", "открытый урок", "open lesson"),
    ("seminar", "семинар", "семинар", "seminar"),
    ("master_class", "мастер-класс", "мастер-класс", "master class"),
    ("article", "макала", "статья", "article"),
    ("other", "башка", "другое", "other"),
    strict=False,
)

# Subjects are suggested, not enforced: schools name combined subjects their own way.
SUBJECTS = _list(
    "subject",
    ("kyrgyz_language", "Кыргыз тили", "Кыргызский язык", "Kyrgyz language"),
    ("kyrgyz_literature", "Кыргыз адабияты", "Кыргызская литература", "Kyrgyz literature"),
    ("russian_language", "Орус тили", "Русский язык", "Russian language"),
    ("russian_literature", "Орус адабияты", "Русская литература", "Russian literature"),
    ("english", "Англис тили", "Английский язык", "English"),
    ("mathematics", "Математика", "Математика", "Mathematics"),
    ("algebra", "Алгебра", "Алгебра", "Algebra"),
    ("geometry", "Геометрия", "Геометрия", "Geometry"),
    ("informatics", "Информатика", "Информатика", "Informatics"),
    ("physics", "Физика", "Физика", "Physics"),
    ("chemistry", "Химия", "Химия", "Chemistry"),
    ("biology", "Биология", "Биология", "Biology"),
    ("geography", "География", "География", "Geography"),
    ("history", "Тарых", "История", "History"),
    ("society", "Адам жана коом", "Человек и общество", "Man and society"),
    ("music", "Музыка", "Музыка", "Music"),
    ("art", "Сүрөт искусствосу", "Изобразительное искусство", "Art", "Сүрөт"),
    ("pe", "Дене тарбия", "Физическая культура", "Physical education"),
    ("technology", "Технология", "Технология", "Technology"),
    ("primary", "Башталгыч класстар", "Начальные классы", "Primary classes"),
    strict=False,
)

ALL_LISTS: tuple[ChoiceList, ...] = (
    ROLES, EDUCATION, CATEGORIES, STATUSES, YES_NO, PRESENCE, CONTROL_KINDS, MONTHS,
    EVENT_KINDS, REPORT_FORMS, SUBJECTS,
)
