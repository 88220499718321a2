"""Words of the workbook and the command line: notes, prompts, headings, progress."""

MESSAGES: dict[str, dict[str, str]] = {
    "required_column": {"ky": "Толтуруу милдеттүү.", "ru": "Обязательно для заполнения.",
                        "en": "Required."},
    "dropdown_error": {"ky": "Тизмеден тандаңыз.", "ru": "Выберите значение из списка.",
                       "en": "Pick a value from the list."},
    "col_no": {"ky": "№", "ru": "№", "en": "No."},
    "col_sheet": {"ky": "Барак", "ru": "Лист", "en": "Sheet"},
    "col_cell": {"ky": "Уяча", "ru": "Ячейка", "en": "Cell"},
    "col_severity": {"ky": "Деңгээли", "ru": "Уровень", "en": "Severity"},
    "col_value": {"ky": "Мааниси", "ru": "Значение", "en": "Value"},
    "col_message": {"ky": "Эмне туура эмес", "ru": "Что не так", "en": "What is wrong"},
    "col_code": {"ky": "Коду", "ru": "Код", "en": "Code"},
    "severity_error": {"ky": "ката", "ru": "ошибка", "en": "error"},
    "severity_warning": {"ky": "эскертүү", "ru": "предупреждение", "en": "warning"},
    "validation_totals": {
        "ky": "Каталар: {errors}, эскертүүлөр: {warnings}.",
        "ru": "Ошибок: {errors}, предупреждений: {warnings}.",
        "en": "Errors: {errors}, warnings: {warnings}."},
    "validation_ok": {
        "ky": "Ката табылган жок.", "ru": "Ошибок не найдено.", "en": "No errors found."},
    "validation_written": {
        "ky": "Текшерүүнүн натыйжасы «{sheet}» барагына жазылды: {path}",
        "ru": "Результат записан на лист «{sheet}»: {path}",
        "en": "Results written to sheet “{sheet}”: {path}"},
    "created": {
        "ky": "Жаңы китеп түзүлдү: {path}", "ru": "Создана новая книга: {path}",
        "en": "New workbook created: {path}"},
    "file_exists": {
        "ky": "{name} файлы бар. Үстүнө жазуу үчүн --force кошуңуз.",
        "ru": "Файл {name} уже существует. Чтобы перезаписать, добавьте --force.",
        "en": "{name} already exists. Add --force to overwrite it."},
    "bad_extension": {
        "ky": "Китептин аты .xlsx же .xlsm менен бүтүшү керек: {name}",
        "ru": "Имя книги должно оканчиваться на .xlsx или .xlsm: {name}",
        "en": "The workbook name must end in .xlsx or .xlsm: {name}"},
    "bad_year": {
        "ky": "Окуу жылын 2020-2021 түрүндө жазыңыз: {value}",
        "ru": "Укажите учебный год в виде 2020-2021: {value}",
        "en": "Give the academic year as 2020-2021: {value}"},
    "demo_written": {
        "ky": "{count} демо-китеп жазылды: {path}",
        "ru": "Записано демо-книг: {count} в {path}",
        "en": "{count} demo workbook(s) written to {path}"},
    "demo_mistakes": {
        "ky": "Атайын кетирилген каталар: {path}",
        "ru": "Нарочно допущенные ошибки: {path}",
        "en": "Deliberate mistakes: {path}"},
    "demo_validating": {
        "ky": "Биринчи китеп текшерилүүдө: {path}", "ru": "Проверка первой книги: {path}",
        "en": "Validating the first workbook: {path}"},
    "unexpected": {
        "ky": "Күтүлбөгөн ката ({detail}). UBSHEETS_DEBUG=1 менен кайталап, иштеп чыгуучуларга "
              "билдириңиз.",
        "ru": "Непредвиденная ошибка ({detail}). Повторите с UBSHEETS_DEBUG=1 и сообщите "
              "разработчикам.",
        "en": "Unexpected error ({detail}). Run again with UBSHEETS_DEBUG=1 and report it."},
    "sheet_written": {"ky": "Барак жазылды: {sheet}", "ru": "Записан лист: {sheet}",
                      "en": "Sheet written: {sheet}"},
    "pdf_written": {"ky": "PDF: {path}", "ru": "PDF: {path}", "en": "PDF: {path}"},
    "registers_have_errors": {
        "ky": "Эскертүү: реестрлерде {errors} ката бар; туура эмес уячалар эсепке алынган жок "
              "(ubsheets validate).",
        "ru": "Внимание: ошибок в реестрах: {errors}; неверные ячейки не учтены "
              "(ubsheets validate).",
        "en": "Note: the registers have {errors} errors; their bad cells were left out "
              "(ubsheets validate)."},
    "bad_half": {
        "ky": "Жарым айды 2020-10-1 (1–15) же 2020-10-2 (16–31) түрүндө жазыңыз: {value}",
        "ru": "Укажите полмесяца как 2020-10-1 (1–15) или 2020-10-2 (16–31): {value}",
        "en": "Give the half-month as 2020-10-1 (1-15) or 2020-10-2 (16-end): {value}"},
    "bad_month": {
        "ky": "Айды 2020-10 түрүндө жазыңыз: {value}",
        "ru": "Укажите месяц как 2020-10: {value}",
        "en": "Give the month as 2020-10: {value}"},
    "choose_one_period": {
        "ky": "Бир мезгилди тандаңыз: --half, --month, --year же --all.",
        "ru": "Выберите один период: --half, --month, --year или --all.",
        "en": "Choose one period: --half, --month, --year or --all."},
    "misuse": {
        "ky": "{detail}. Жардам: {command} --help",
        "ru": "{detail}. Справка: {command} --help",
        "en": "{detail}. Help: {command} --help"},
    "misuse_missing": {"ky": "«{what}» көрсөтүлгөн жок", "ru": "не указан «{what}»",
                       "en": "“{what}” is missing"},
    "misuse_needs_value": {"ky": "{what} үчүн маани жазылган жок", "ru": "для {what} не указано "
                           "значение", "en": "{what} needs a value"},
    "misuse_no_option": {"ky": "мындай параметр жок: {what}", "ru": "нет такого параметра: {what}",
                         "en": "no such option: {what}"},
    "misuse_bad_value": {"ky": "{what} туура эмес ({detail})",
                         "ru": "неверное значение {what} ({detail})",
                         "en": "bad value for {what} ({detail})"},
    "period_outside_year": {
        "ky": "{period} мезгили окуу жылынан тышкары ({start} – {end}): жылды текшериңиз.",
        "ru": "Период {period} вне учебного года ({start} – {end}): проверьте год.",
        "en": "The period {period} is outside the academic year ({start} - {end}): check the year."},
    "demo_progress": {"ky": "Демо-китептер жазылууда", "ru": "Запись демо-книг",
                      "en": "Writing demo workbooks"},
}
