"""Words of the report and summary sheets. The report's wording follows the planning document."""

_MONTHS = {
    "01": ("Янв.", "Янв.", "Jan"), "02": ("Фев.", "Фев.", "Feb"), "03": ("Март", "Март", "Mar"),
    "04": ("Апр.", "Апр.", "Apr"), "05": ("Май", "Май", "May"), "06": ("Июнь", "Июнь", "Jun"),
    "07": ("Июль", "Июль", "Jul"), "08": ("Авг.", "Авг.", "Aug"), "09": ("Сент.", "Сент.", "Sep"),
    "10": ("Окт.", "Окт.", "Oct"), "11": ("Ноя.", "Нояб.", "Nov"), "12": ("Дек.", "Дек.", "Dec"),
}
# Whole names, as a month report's period line needs them: «2020-жылдын октябрь айы», «За
# октябрь 2020 г.» (Kyrgyz schools use the Russian-derived names; after «за» the Russian
# accusative of a month is its nominative).
_MONTH_NAMES = {
    "01": ("январь", "январь", "January"), "02": ("февраль", "февраль", "February"),
    "03": ("март", "март", "March"), "04": ("апрель", "апрель", "April"),
    "05": ("май", "май", "May"), "06": ("июнь", "июнь", "June"),
    "07": ("июль", "июль", "July"), "08": ("август", "август", "August"),
    "09": ("сентябрь", "сентябрь", "September"), "10": ("октябрь", "октябрь", "October"),
    "11": ("ноябрь", "ноябрь", "November"), "12": ("декабрь", "декабрь", "December"),
}


def _m(ky: str, ru: str, en: str) -> dict[str, str]:
    return {"ky": ky, "ru": ru, "en": en}


MESSAGES: dict[str, dict[str, str]] = {
    **{f"month_{number}": _m(*names) for number, names in _MONTHS.items()},
    **{f"month_name_{number}": _m(*names) for number, names in _MONTH_NAMES.items()},
    "report_title": _m("УБНЫН ЖЕТЕКЧИСИНИН ОТЧЕТУ, {year} ОКУУ ЖЫЛЫ",
                       "ОТЧЁТ РУКОВОДИТЕЛЯ МО {year} УЧЕБНЫЙ ГОД",
                       "REPORT OF THE HEAD OF THE ASSOCIATION, {year}"),
    "annual_title": _m("УСУЛДУК БИРИКМЕНИН {year} ОКУУ ЖЫЛЫ БОЮНЧА ОТЧЕТУ",
                       "ОТЧЁТ МЕТОДИЧЕСКОГО ОБЪЕДИНЕНИЯ ЗА {year} УЧЕБНЫЙ ГОД",
                       "ANNUAL REPORT OF THE ASSOCIATION, {year}"),
    "period_half": _m("Отчеттук мезгил: {start} – {end}", "Отчётный период: {start} – {end}",
                      "Reporting period: {start} - {end}"),
    "period_month": _m("{month_year}-жылдын {month_name} айы", "За {month_name} {month_year} г.",
                       "{month_name} {month_year}"),
    "period_year": _m("{year} окуу жылы", "{year} учебный год", "Academic year {year}"),
    "signature_head": _m("УБнын жетекчиси ____________ {name}",
                         "Руководитель МО ____________ {name}",
                         "Head of the association ____________ {name}"),
    # {role} is the settings' deputy_role, as the user typed it: the wording around it needs no
    # case ending on it (Kyrgyz would inflect «…орун басарына», which a typed title can't get).
    "signature_deputy": _m("Кабыл алды: {role} ____________ {name}",
                           "Принял(а): {role} ____________ {name}",
                           "Received: {role} ____________ {name}"),
    "report_note": _m("ЭСКЕРТҮҮ: Бул отчет айына эки жолу жыйналышта тапшырылат. "
                      "Кабыл алуучу: {role}.",
                      "ПРИМЕЧАНИЕ: отчёт по этой форме сдаётся на совещаниях дважды в месяц. "
                      "Принимает: {role}.",
                      "NOTE: this report is handed in at the meetings held twice a month. "
                      "Received by: {role}."),
    "nothing_in_period": _m("Бул мезгилде эч нерсе катталган эмес.", "За этот период записей нет.",
                            "None in this period."),
    "section_activity_log": _m("Аткарылган усулдук иштер", "Проведённая методическая работа",
                               "Methodological work done"),
    "section_totals": _m("Жылдын жыйынтыгы", "Итоги года", "The year in figures"),
    "col_indicator": _m("Көрсөткүч", "Показатель", "Indicator"),
    "col_count": _m("Саны", "Количество", "Count"),
    "total_members": _m("УБнын мүчөлөрү", "Членов МО", "Members"),
    "total_open_lessons_planned": _m("Ачык сабактар (баары)", "Открытых уроков (всего)",
                                     "Open lessons (all)"),
    "total_open_lessons_held": _m("Ачык сабактар (өткөрүлгөн)", "Открытых уроков проведено",
                                  "Open lessons held"),
    "total_events_held": _m("Иш-чаралар (өткөрүлгөн)", "Мероприятий проведено", "Events held"),
    "total_activities": _m("Аткарылган иштер", "Записей в журнале работы", "Activities logged"),
    "total_control": _m("Көзөмөл", "Посещений и проверок (контроль)", "Control visits"),
    "total_courses_done": _m("Бүткөн курстар", "Пройдено курсов ПК", "Courses completed"),
    "total_meetings": _m("Жыйналыштар", "Заседаний МО", "Meetings"),
    "total_documents": _m("Иш кагаздары (бар/баары)", "Документы (есть/всего)",
                          "Documents (present/all)"),
    "total_self_education": _m("Өз билимин өркүндөтүү темасы бар", "С темой самообразования",
                               "With a self-education topic"),
    "summary_title": _m("УСУЛДУК БИРИКМЕНИН ЖЫЙЫНТЫГЫ", "СВОДКА ПО МЕТОДИЧЕСКОМУ ОБЪЕДИНЕНИЮ",
                        "SUMMARY OF THE ASSOCIATION"),
    "section_qualification": _m("Мүчөлөрдүн квалификациясы", "Квалификация членов МО",
                                "Members' qualification"),
    # The noun agrees with the last number: «0–3 года», «4–10 лет», «21 год и более» (plural.py).
    "experience_band": _m("Стажы {low}–{high} жыл", "Стаж {low}–{high:год|года|лет}",
                          "{low}-{high} years of experience"),
    "experience_band_open": _m("Стажы {low} жыл жана андан көп",
                               "Стаж {low:год|года|лет} и более",
                               "{low}+ years of experience"),
    "education_level": _m("Билими: {level}", "Образование: {level}", "Education: {level}"),
    "section_hours": _m("Жумалык саат", "Учебная нагрузка (ч/нед)", "Weekly hours"),
    "hours_average": _m("Орточо", "В среднем", "Average"),
    "hours_min": _m("Эң аз", "Наименьшая", "Lowest"),
    "hours_max": _m("Эң көп", "Наибольшая", "Highest"),
    "section_overdue": _m("Курстар жана аттестация: мөөнөтү келгендер",
                          "Курсы и аттестация: подошёл срок", "Courses and attestation due"),
    "due_course": _m("курс", "курсы ПК", "course"),
    "due_attestation": _m("аттестация", "аттестация", "attestation"),
    "nobody_overdue": _m("Мөөнөтү келгендер жок.", "Ни у кого не подошёл срок.", "Nobody is due."),
    "col_name": _m("Аты-жөнү", "ФИО", "Name"),
    "col_last": _m("Акыркысы (жылы)", "Последний раз (год)", "Last (year)"),
    "col_due": _m("Мөөнөтү (жылы)", "Срок (год)", "Due (year)"),
    "col_teacher": _m("Мугалим", "Учитель", "Teacher"),
    "col_kind": _m("Түрү", "Вид", "Kind"),
    "col_status": _m("Абалы", "Статус", "Status"),
    "col_document": _m("Иш кагазы", "Документ", "Document"),
    "col_present": _m("Бар/жок", "Наличие", "Present"),
    "total": _m("Бардыгы", "Всего", "Total"),
    "section_lessons_by_teacher": _m("Ачык сабактар: мугалимдер боюнча",
                                     "Открытые уроки по учителям", "Open lessons by teacher"),
    "section_lessons_by_month": _m("Ачык сабактар: айлар боюнча", "Открытые уроки по месяцам",
                                   "Open lessons by month"),
    "section_events_by_month": _m("Семинарлар, тегерек столдор, чыгармачыл отчеттор, кружоктор: "
                                  "айлар боюнча",
                                  "Семинары, круглые столы, творческие отчёты, кружки по месяцам",
                                  "Events by month"),
    "section_control_by_month": _m("Көзөмөлдүн түрлөрү: айлар боюнча",
                                   "Контроль по видам и месяцам", "Control by kind and month"),
    "section_documents": _m("Иш кагаздары: {present}/{total}", "Документация МО: {present}/{total}",
                            "Documents: {present}/{total}"),
    "doc_present": _m("бар", "есть", "present"),
    "doc_missing": _m("жок", "нет", "missing"),
    "section_self_education": _m("Өз билимин өркүндөтүү", "Самообразование", "Self-education"),
    "self_education_covered": _m("Темасы барлар", "С темой", "With a topic"),
    "self_education_no_topic": _m("темасы жок", "нет темы", "no topic"),
}
