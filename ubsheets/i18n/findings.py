"""Messages of validation findings, one per finding code (see ``core/findings.py``).

Fields: {value} is the cell's value, {column} its column's header; others are named per code.
"""

MESSAGES: dict[str, dict[str, str]] = {
    "column_missing": {
        "ky": "«{column}» мамычасы жок: аны кайра кошуңуз же атын оңдоңуз.",
        "ru": "Нет столбца «{column}»: верните его или исправьте заголовок.",
        "en": "Column “{column}” is missing: add it back or fix its header."},
    "value_outside_table": {
        "ky": "Бул маани реестрдин таблицасынан алыс турат жана окулбайт{others}: керек болсо"
              " таблицага көчүрүңүз, болбосо өчүрүңүз.",
        "ru": "Это значение стоит далеко за пределами таблицы реестра и не читается{others}:"
              " перенесите его в таблицу или удалите.",
        "en": "This value is far outside the register's table and is not read{others}: move it"
              " into the table or delete it."},
    "outside_others": {
        "ky": " (дагы {count} уяча)",
        "ru": " (и ещё {count:ячейка|ячейки|ячеек})",
        "en": " (and {count:other cell|other cells})"},
    "setting_missing": {
        "ky": "«{setting}» толтурулган эмес.",
        "ru": "Не заполнено: «{setting}».",
        "en": "“{setting}” is not filled in."},
    "setting_required": {
        "ky": "«{setting}» милдеттүү: окуу жылынын күндөрүн жазыңыз.",
        "ru": "Обязательный параметр «{setting}»: укажите даты учебного года.",
        "en": "“{setting}” is required: give the academic year's dates."},
    "unknown_setting": {
        "ky": "Белгисиз параметр «{value}»: параметрлердин аттарын өзгөртпөңүз.",
        "ru": "Неизвестный параметр «{value}»: не переименовывайте параметры.",
        "en": "Unknown setting “{value}”: do not rename the settings."},
    "required": {
        "ky": "«{column}» толтурулушу керек.",
        "ru": "Нужно заполнить «{column}».",
        "en": "“{column}” must be filled in."},
    "error_value": {
        "ky": "Уячада ката мааниси бар ({value}): формуланы оңдоңуз же маанини жазыңыз.",
        "ru": "В ячейке значение ошибки ({value}): исправьте формулу или впишите значение.",
        "en": "The cell holds an error value ({value}): fix the formula or type the value."},
    "formula_without_value": {
        "ky": "Формуланын сакталган мааниси жок: файлды Excelде ачып, сактаңыз.",
        "ru": "У формулы нет сохранённого значения: откройте файл в Excel и сохраните его.",
        "en": "The formula has no saved value: open the file in Excel and save it."},
    "not_an_integer": {
        "ky": "«{value}» бүтүн сан эмес.",
        "ru": "«{value}» — не целое число.",
        "en": "“{value}” is not a whole number."},
    "not_a_number": {
        "ky": "«{value}» сан эмес.",
        "ru": "«{value}» — не число.",
        "en": "“{value}” is not a number."},
    "not_a_year": {
        "ky": "«{value}» жыл эмес: жылды төрт цифра менен жазыңыз, мисалы 2015.",
        "ru": "«{value}» — не год: укажите год четырьмя цифрами, например 2015.",
        "en": "“{value}” is not a year: write four digits, e.g. 2015."},
    "not_a_date": {
        "ky": "«{value}» күн эмес: КК.АА.ЖЖЖЖ түрүндө жазыңыз, мисалы 15.10.2020.",
        "ru": "«{value}» — не дата: пишите ДД.ММ.ГГГГ, например 15.10.2020.",
        "en": "“{value}” is not a date: write DD.MM.YYYY, e.g. 15.10.2020."},
    "not_a_time": {
        "ky": "«{value}» убакыт эмес: СС:ММ түрүндө жазыңыз, мисалы 14:00.",
        "ru": "«{value}» — не время: пишите ЧЧ:ММ, например 14:00.",
        "en": "“{value}” is not a time: write HH:MM, e.g. 14:00."},
    "out_of_range": {
        "ky": "{value} туура эмес: {min} – {max} аралыгында болушу керек.",
        "ru": "{value} — недопустимое значение: от {min} до {max}.",
        "en": "{value} is out of range: it must be {min} to {max}."},
    "below_minimum": {
        "ky": "{value} туура эмес: {min} же андан чоң болушу керек.",
        "ru": "{value} — недопустимое значение: не меньше {min}.",
        "en": "{value} is too small: it must be at least {min}."},
    "hours_out_of_range": {
        "ky": "Жумалык саат {value} болушу мүмкүн эмес: {min}–{max} саат.",
        "ru": "Нагрузка {value} ч в неделю невозможна: допустимо {min}–{max} ч.",
        "en": "{value} weekly hours is not possible: {min}-{max} hours."},
    "experience_out_of_range": {
        "ky": "Стаж {value} жыл болушу мүмкүн эмес: {min}–{max} жыл.",
        "ru": "Недопустимый стаж: {value:год|года|лет} (допустимо {min}–{max}).",
        "en": "{value:year|years} of experience is not possible: {min}-{max} years."},
    "unknown_choice": {
        "ky": "«{value}» тизмеде жок. Тандаңыз: {allowed}.",
        "ru": "«{value}» нет в списке. Выберите: {allowed}.",
        "en": "“{value}” is not in the list. Choose: {allowed}."},
    "bad_class": {
        "ky": "«{value}» класс эмес: 1–11 жана тамга, мисалы 7-А.",
        "ru": "«{value}» — не класс: 1–11 и буква, например 7-А.",
        "en": "“{value}” is not a class: grade 1-11 and a letter, e.g. 7-А."},
    "latin_class_letter": {
        "ky": "Класстын аталышында («{value}») латын «{letter}» тамгасы бар: кирилл тамгасы менен "
              "«{suggestion}» деп жазыңыз.",
        "ru": "В обозначении класса «{value}» латинская «{letter}»: напишите кириллицей "
              "«{suggestion}».",
        "en": "Class “{value}” has a Latin “{letter}”: type “{suggestion}” in Cyrillic."},
    "mixed_script": {
        "ky": "«{value}» атында латын тамгасы бар: башка барактардагы аты менен дал келбей калат.",
        "ru": "В имени «{value}» есть латинская буква: оно не совпадёт с тем же именем на других "
              "листах.",
        "en": "“{value}” contains a Latin letter: it will not match the name on other sheets."},
    "invisible_character": {
        "ky": "«{marked}» текстинде көрүнбөгөн белги ({char}) бар: текшерүү аны эске албайт, бирок"
              " Excel үчүн (издөө, формулалар) бул башка текст. Уячаны тазалап, текстти кайра"
              " жазыңыз.",
        "ru": "В тексте «{marked}» есть невидимый символ ({char}): проверка его пропускает, но для"
              " Excel (поиск, формулы) это уже другой текст. Очистите ячейку и введите текст"
              " заново.",
        "en": "“{marked}” holds an invisible character ({char}): validation skips it, but to Excel"
              " (search, formulas) it is a different text. Clear the cell and type the text"
              " again."},
    "unknown_teacher": {
        "ky": "«{value}» Мүчөлөр барагында жок.{hint}",
        "ru": "«{value}» нет на листе «Состав МО».{hint}",
        "en": "“{value}” is not on the members sheet.{hint}"},
    "did_you_mean": {
        "ky": " Балким: «{name}»?", "ru": " Может быть: «{name}»?", "en": " Did you mean “{name}”?"},
    "duplicate_member": {
        "ky": "«{value}» эки жолу жазылган (биринчиси {first}-сапта).",
        "ru": "«{value}» записан(а) дважды (впервые в строке {first}).",
        "en": "“{value}” is listed twice (first in row {first})."},
    "duplicate_row": {
        "ky": "Бул сап {first}-сапты кайталайт.",
        "ru": "Эта строка повторяет строку {first}.",
        "en": "This row repeats row {first}."},
    "date_outside_year": {
        "ky": "{value} окуу жылынан тышкары ({start} – {end}).",
        "ru": "{value} вне учебного года ({start} – {end}).",
        "en": "{value} is outside the academic year ({start} - {end})."},
    "date_in_holiday": {
        # The holiday's name says it is one («күзгү каникул»): no need to say "каникул" twice. A
        # holiday without a name shows its dates instead (Calendar.holiday), less clear.
        "ky": "{value} — {holiday}.",
        "ru": "{value} — {holiday}.",
        "en": "{value} falls in the holidays ({holiday})."},
    "end_before_start": {
        "ky": "Аягы ({value}) башталышынан ({start}) мурун.",
        "ru": "Окончание ({value}) раньше начала ({start}).",
        "en": "The end ({value}) is before the start ({start})."},
    "year_end_before_start": {
        "ky": "Окуу жылынын аягы ({value}) башталышынан мурун.",
        "ru": "Конец учебного года ({value}) раньше его начала.",
        "en": "The academic year ends ({value}) before it starts."},
    "year_too_long": {
        "ky": "Окуу жылынын аягы ({value}) башталышынан бир жылдан ашык алыс: жылды текшериңиз.",
        "ru": "Конец учебного года ({value}) более чем через год после начала: проверьте год.",
        "en": "The academic year ends ({value}) more than a year after it starts: check the year."},
    "month_mismatch": {
        "ky": "Ай ({value}) күнгө ({date}) туура келбейт.",
        "ru": "Месяц ({value}) не совпадает с датой ({date}).",
        "en": "The month ({value}) does not match the date ({date})."},
    "school_experience_exceeds_total": {
        "ky": "Ушул мектептеги стаж ({value}) жалпы стаждан ({total}) көп.",
        "ru": "Стаж в школе ({value}) больше общего стажа ({total}).",
        "en": "Years at this school ({value}) exceed total experience ({total})."},
    "experience_exceeds_graduation": {
        "ky": "Стаж {value} жыл, бирок {graduated}-жылы бүткөн: бүткөндөн бери {possible} жылдай "
              "өттү.",
        "ru": "Стаж {value:год|года|лет}, но год окончания — {graduated}: после окончания прошло "
              "около {possible:года|лет|лет}.",
        "en": "{value:year|years} of experience, but graduated in {graduated}: about "
              "{possible:year|years} since."},
    "graduation_in_future": {
        "ky": "Бүткөн жылы {value} окуу жылынан ({year}) кийин.",
        "ru": "Год окончания {value} позже начала учебного года ({year}).",
        "en": "Graduation year {value} is after the academic year starts ({year})."},
    "hours_high": {
        "ky": "Жумасына {value} саат — өтө көп (>{limit}): текшериңиз.",
        "ru": "{value} ч в неделю — очень много (>{limit}): проверьте.",
        "en": "{value} hours a week is very high (>{limit}): please check."},
    "young_teacher_experienced": {
        "ky": "Жаш мугалимдин стажы {value} жыл ({limit} жылдан ашпашы керек).",
        "ru": "Стаж молодого специалиста — {value:год|года|лет}, а должен быть не более "
              "{limit:года|лет|лет}.",
        "en": "A young teacher with {value:year|years} of experience (at most {limit})."},
    "head_missing": {
        "ky": "Мүчөлөрдүн ичинен УБнын жетекчиси белгиленген эмес (Ролу: жетекчи).",
        "ru": "Среди членов МО не указан руководитель (Роль: руководитель).",
        "en": "No member has the role of head."},
    "head_not_qualified": {
        "ky": "УБнын жетекчиси 1.1-талапка жооп бербейт: {need}",
        "ru": "Руководитель МО не отвечает требованию 1.1: {need}",
        "en": "The head does not meet rule 1.1: {need}"},
    "head_rule_education": {
        "ky": "жогорку кесиптик билими болушу керек.",
        "ru": "нужно высшее профессиональное образование.",
        "en": "higher professional education is required."},
    "head_rule_experience": {
        "ky": "билим берүүдө {years} жылдан кем эмес стажы болушу керек.",
        "ru": "нужен стаж в образовании не менее {years:года|лет|лет}.",
        "en": "at least {years} years of work in education are required."},
    "head_not_member": {
        "ky": "Жетекчи «{value}» Мүчөлөр барагында жок.",
        "ru": "Руководителя «{value}» нет на листе «Состав МО».",
        "en": "The head “{value}” is not on the members sheet."},
    "course_overdue": {
        "ky": "{name}: акыркы курс {value}-жылы, кийинкиси {due}-жылдан кечиктирбей.",
        "ru": "{name}: последние курсы в {value} г., следующие — не позднее {due} г.",
        "en": "{name}: last course in {value}, the next is due by {due}."},
    "course_never": {
        "ky": "{name}: билимин өркүндөтүү курсу жөнүндө маалымат жок.",
        "ru": "{name}: нет сведений о курсах повышения квалификации.",
        "en": "{name}: no professional-development course on record."},
    "attestation_overdue": {
        "ky": "{name}: акыркы аттестация {value}-жылы, кийинкиси {due}-жылы.",
        "ru": "{name}: последняя аттестация в {value} году, следующая — в {due} году.",
        "en": "{name}: last attestation in {value}, the next is due in {due}."},
    "no_self_education_topic": {
        "ky": "«{value}» үчүн өз билимин өркүндөтүү темасы жок.",
        "ru": "Нет темы самообразования: «{value}».",
        "en": "“{value}” has no self-education topic."},
    "mentor_is_young_teacher": {
        "ky": "Насаатчы жаш мугалимдин өзү болуп калган: «{value}».",
        "ru": "Наставник совпадает с молодым специалистом: «{value}».",
        "en": "The mentor is the young teacher themself: “{value}”."},
    "document_missing": {
        "ky": "Иш кагазы жок: {document}.",
        "ru": "Нет документа: {document}.",
        "en": "Missing document: {document}."},
}
