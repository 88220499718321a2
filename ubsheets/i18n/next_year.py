"""Messages of ``ubsheets new NEW --from OLD``: a new academic year from last year's workbook.

Sheet names in them are the new workbook's (its language); the words around, the terminal's.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help_new_from": {
        "ky": "Өткөн жылдын китеби: андан кийинки окуу жылынын китеби түзүлөт. --year берилбесе,"
              " кийинки окуу жылы алынат; --lang берилбесе, ошол китептин тили.",
        "ru": "Прошлогодняя книга: из неё создаётся книга следующего учебного года. Без --year"
              " берётся следующий учебный год, без --lang — язык этой книги.",
        "en": "Last year's workbook: the next academic year's workbook is made from it. Without"
              " --year, the next academic year; without --lang, that workbook's language."},
    "next_year_created": {
        "ky": "Жаңы окуу жылынын китеби түзүлдү: {path} ({source} китебинен).",
        "ru": "Создана книга нового учебного года: {path} (из книги {source}).",
        "en": "The new academic year's workbook was created: {path} (from {source})."},
    "next_year_members": {
        "ky": "Мүчөлөр көчүрүлдү: {members}; алардын стажы {years} жылга көбөйтүлдү{promoted}."
              " Мектептен кеткендерди «{sheet}» барагынан өзүңүз өчүрүңүз.",
        "ru": "Перенесено членов МО: {members}; стаж увеличен на {years:год|года|лет}{promoted}."
              " Выбывших учителей удалите сами на листе «{sheet}».",
        "en": "Members carried: {members}; their experience {years:year|years} longer{promoted}."
              " Delete those who left yourself, on the sheet \"{sheet}\"."},
    # Left out of the line above when no young teacher became a member.
    "next_year_promoted": {
        "ky": " (жаш мугалимден мүчөгө өткөндөр: {count} — {names})",
        "ru": " (переведены из молодых специалистов в члены МО: {count} — {names})",
        "en": " (young teachers who became members: {count} — {names})"},
    # A --year more than one year after the old workbook's.
    "next_year_years_between": {
        "ky": "{year} окуу жылы {old} окуу жылынан {years} жыл кийин, ошондуктан стаж {years}"
              " жылга көбөйтүлдү: ушул жыл туура экенин текшериңиз.",
        "ru": "Учебный год {year} наступает через {years:год|года|лет} после {old}, поэтому стаж"
              " увеличен на {years:год|года|лет}: проверьте, что нужен именно этот год.",
        "en": "The academic year {year} is {years:year|years} after {old}, so experience grew"
              " by {years:year|years}: check that this is the year you meant."},
    "next_year_not_grown": {
        "ky": "Стажы сан эмес, көбөйтүлгөн жок: {cells}.",
        "ru": "Стаж не число и не увеличен: {cells}.",
        "en": "Experience that is not a number, not increased: {cells}."},
    "next_year_registers": {
        "ky": "Дагы көчүрүлдү: өз билимин өркүндөтүү темалары — {topics}, насаатчылык жуптары —"
              " {pairs}, кружоктор — {clubs}. Калган реестрлер бош, иш кагаздары «жок» деп"
              " белгиленди.",
        "ru": "Также перенесены: темы самообразования — {topics}, пары наставничества — {pairs},"
              " кружки — {clubs}. Остальные реестры пусты, документы МО отмечены как"
              " отсутствующие.",
        "en": "Also carried: self-education topics — {topics}, mentoring pairs — {pairs}, clubs"
              " — {clubs}. The other registers are empty, the documents marked missing."},
    # A key ending in "_one" is the line for a count of 1 (cli: ``_counted``).
    "next_year_mentoring_ended": {
        "ky": "Насаатчылык жуптарынан алынды: {count} (жаш мугалимдер УБнын мүчөсү болушту).",
        "ru": "Снято пар наставничества: {count} — молодые специалисты в них стали членами МО.",
        "en": "Mentoring pairs ended: {count} — their young teachers became members."},
    "next_year_mentoring_ended_one": {
        "ky": "Насаатчылык жуптарынан алынды: {count} (жаш мугалим УБнын мүчөсү болду).",
        "ru": "Снята пара наставничества: молодой специалист в ней стал членом МО.",
        "en": "A mentoring pair ended: its young teacher became a member."},
    "next_year_not_members": {
        "ky": "{count} сап көчүрүлгөн жок, анткени аларда жазылган мугалим «{members}» барагында"
              " жок: {rows}.",
        "ru": "Не перенесено строк: {count} — указанного в них учителя нет на листе «{members}»:"
              " {rows}.",
        "en": "Not carried: {count} rows naming a teacher who is not on the sheet \"{members}\":"
              " {rows}."},
    "next_year_not_members_one": {
        "ky": "{count} сап көчүрүлгөн жок, анткени анда жазылган мугалим «{members}» барагында"
              " жок: {rows}.",
        "ru": "Не перенесена строка — указанного в ней учителя нет на листе «{members}»: {rows}.",
        "en": "Not carried: a row naming a teacher who is not on the sheet \"{members}\":"
              " {rows}."},
    # One row of the line above: the old workbook's sheet and row, the names not on its
    # members sheet.
    "next_year_dropped_row": {
        "ky": "«{sheet}», {line}-сап — {names}",
        "ru": "«{sheet}», строка {line} — {names}",
        "en": "\"{sheet}\", row {line} — {names}"},
    "next_year_unfinished_courses": {
        "ky": "Бүтпөгөн курстар көчүрүлгөн жок: {count} — «{sheet}» барагына кайра жазыңыз.",
        "ru": "Незавершённые курсы не перенесены: {count} — впишите их заново на листе"
              " «{sheet}».",
        "en": "Courses not completed were not carried: {count} — type them again on the sheet"
              " \"{sheet}\"."},
    "next_year_unfinished_courses_one": {
        "ky": "Бүтпөгөн курс көчүрүлгөн жок: {count} — «{sheet}» барагына кайра жазыңыз.",
        "ru": "Незавершённый курс не перенесён — впишите его заново на листе «{sheet}».",
        "en": "A course not completed was not carried — type it again on the sheet"
              " \"{sheet}\"."},
    # After the first items of a long list.
    "next_year_more": {"ky": "жана дагы {count}", "ru": "и ещё {count}",
                       "en": "and {count} more"},
    "next_year_check": {
        "ky": "Окуу жылы: {start} – {end}, текшериңиз. Каникулдар жана усулдук тема бош:"
              " «{sheet}» барагына жазыңыз.",
        "ru": "Учебный год: {start} – {end}, проверьте. Каникулы и методическая тема не"
              " заполнены: впишите их на листе «{sheet}».",
        "en": "Academic year: {start} – {end}: check it. The holidays and the methodological"
              " theme are empty: fill them in on the sheet \"{sheet}\"."},
    "next_year_same_file": {
        "ky": "{name} — бул өткөн жылдын китеби: жаңы китепке башка ат бериңиз (өткөн жылдын"
              " китеби өзгөртүлбөйт).",
        "ru": "{name} — это сама книга прошлого года: дайте новой книге другое имя (книга"
              " прошлого года не меняется).",
        "en": "{name} is last year's workbook itself: give the new workbook another name (last"
              " year's is never changed)."},
    "next_year_not_after": {
        "ky": "{year} окуу жылы {name} китебинин жылынан ({old}) кийин болушу керек: кийинки"
              " жылды жазыңыз, мисалы {next}.",
        "ru": "Учебный год {year} должен быть позже года книги {name} ({old}): укажите более"
              " поздний, например {next}.",
        "en": "The academic year {year} must come after that of {name} ({old}): give a later"
              " one, e.g. {next}."},
}
