"""Messages of ``ubsheets new NEW --from OLD``: a new academic year from last year's workbook.

Sheet names in them are the new workbook's (its language); the words around, the terminal's.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "help_new_from": {
        "ky": "Өткөн окуу жылынын китеби: мүчөлөр, өз билимин өркүндөтүү темалары, насаатчылык,"
              " кружоктор жана жөндөөлөр андан алынат, ал өзү өзгөрбөйт. Анда --year берилбесе,"
              " кийинки окуу жылы; --lang берилбесе, ошол китептин тили.",
        "ru": "Книга прошлого учебного года: из неё берутся состав МО, темы самообразования,"
              " наставничество, кружки и настройки; сама она не меняется. Тогда без --year —"
              " следующий учебный год, без --lang — язык этой книги.",
        "en": "Last year's workbook: its members, self-education topics, mentoring, clubs and"
              " settings are carried; it is never changed. With it, --year defaults to the next"
              " academic year and --lang to its language."},
    "next_year_created": {
        "ky": "Жаңы окуу жылынын китеби түзүлдү: {path} ({source} китебинен).",
        "ru": "Создана книга нового учебного года: {path} (из книги {source}).",
        "en": "The new academic year's workbook was created: {path} (from {source})."},
    "next_year_members": {
        "ky": "Мүчөлөр көчүрүлдү: {members}, стажы {years} жылга көбөйтүлдү (жаш мугалимден"
              " мүчөгө: {promoted}). Мектептен кеткендерди «{sheet}» барагынан өзүңүз өчүрүңүз.",
        "ru": "Члены МО перенесены: {members}, стаж увеличен на {years:год|года|лет} (из молодых"
              " специалистов в члены МО: {promoted}). Выбывших удалите сами на листе «{sheet}».",
        "en": "Members carried: {members}, their experience {years:year|years} longer (young"
              " teachers who became members: {promoted}). Delete those who left yourself, on the"
              " sheet \"{sheet}\"."},
    "next_year_registers": {
        "ky": "Дагы көчүрүлдү: өз билимин өркүндөтүү темалары – {topics}, насаатчылык – {pairs},"
              " кружоктор – {clubs}. Калган реестрлер бош, иш кагаздары «жок» деп белгиленди.",
        "ru": "Также перенесены: темы самообразования — {topics}, пары наставничества — {pairs},"
              " кружки — {clubs}. Остальные реестры пусты, документы МО отмечены как"
              " отсутствующие.",
        "en": "Also carried: self-education topics: {topics}, mentoring pairs: {pairs}, clubs:"
              " {clubs}. The other registers are empty, the documents marked missing."},
    "next_year_mentoring_ended": {
        "ky": "Насаатчылыктан алынды: {count} (жаш мугалими мүчө болду).",
        "ru": "Из наставничества убрано пар: {count} (молодой специалист стал членом МО).",
        "en": "Mentoring pairs ended: {count} (the young teacher became a member)."},
    "next_year_not_members": {
        "ky": "Көчүрүлгөн жок: {count} сап, анда жазылган мугалим мүчөлөрдүн тизмесинде жок.",
        "ru": "Не перенесено строк: {count} — в них указан учитель не из состава МО.",
        "en": "Not carried: {count:row|rows} naming a teacher who is not a member."},
    "next_year_check": {
        "ky": "Окуу жылы: {start} – {end}, текшериңиз. Каникулдар жана усулдук тема бош:"
              " «{sheet}» барагына жазыңыз.",
        "ru": "Учебный год: {start} – {end}, проверьте. Каникулы и методическая тема не"
              " заполнены: впишите их на листе «{sheet}».",
        "en": "Academic year: {start} – {end}: check it. The holidays and the methodological"
              " theme are empty: fill them in on the sheet \"{sheet}\"."},
    "next_year_same_file": {
        "ky": "{name} — өткөн жылдын китеби өзү: жаңы китепке башка ат бериңиз (өткөн жылдын"
              " китеби өзгөрбөйт).",
        "ru": "{name} — это сама книга прошлого года: дайте новой книге другое имя (книга"
              " прошлого года не меняется).",
        "en": "{name} is last year's workbook itself: give the new workbook another name (last"
              " year's is never changed)."},
    "next_year_not_after": {
        "ky": "{year} окуу жылы {name} китебиндеги жылдан ({old}) кийин эмес: кийинки жылды"
              " жазыңыз.",
        "ru": "Учебный год {year} не позже года книги {name} ({old}): укажите следующий год.",
        "en": "The academic year {year} is not after that of {name} ({old}): give a later one."},
}
