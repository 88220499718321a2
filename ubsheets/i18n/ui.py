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
    # Under the first findings on the terminal (cli.SHOWN_FINDINGS), when there are more.
    "findings_not_shown": {
        "ky": "… жана дагы {more} ката же эскертүү: толук тизме «{sheet}» барагында жана "
              "--json менен чыгат.",
        "ru": "… и ещё {more:замечание|замечания|замечаний}: полный список — на листе «{sheet}» "
              "и в выводе --json.",
        "en": "… and {more:more finding|more findings}: the full list is on the sheet “{sheet}” "
              "and in --json."},
    "findings_not_shown_no_sheet": {
        "ky": "… жана дагы {more} ката же эскертүү: толук тизме --json менен чыгат.",
        "ru": "… и ещё {more:замечание|замечания|замечаний}: полный список — в выводе --json.",
        "en": "… and {more:more finding|more findings}: the full list is in --json."},
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
        "ru": "Намеренно допущенные ошибки: {path}",
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
    # A sheet of ours the user changed is kept as "Отчет 2020-10 (түзөтүлгөн)". Russian says "with
    # edits": a phrase, not a participle, so it is grammatical after any sheet's name («Отчёт»,
    # «Сводка», «Проверка»), where «изменённый» would agree with «лист» but not with «Сводка».
    "edited_sheet_suffix": {"ky": "түзөтүлгөн", "ru": "с правками", "en": "edited"},
    "sheet_kept": {
        "ky": "Барак «{sheet}» колго өзгөртүлгөн: ал «{kept}» деп сакталды, жаңысы жазылды.",
        "ru": "Лист «{sheet}» был изменён вручную: он сохранён как «{kept}», записан новый.",
        "en": "Sheet “{sheet}” was changed by hand: it is kept as “{kept}”, a new one was written."},
    "registers_have_errors": {
        "ky": "Эскертүү: барактарда {errors} ката бар; катасы бар саптар эсепке алынган жок "
              "(«{sheet}» барагы).",
        "ru": "Внимание: в реестрах {errors:ошибка|ошибки|ошибок}; строки с ошибками не учтены "
              "(лист «{sheet}»).",
        "en": "Note: the registers have {errors:error|errors}; the rows with errors were left out "
              "(sheet “{sheet}”)."},
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
    # Misuse of the command line (ubsheets/cli_help.py): one line, no word of the CLI library's.
    "misuse": {
        "ky": "{detail}. Жардам: {command} --help",
        "ru": "{detail}. Справка: {command} --help",
        "en": "{detail}. Help: {command} --help"},
    "misuse_missing_book": {"ky": "Китептин (файлдын) аты көрсөтүлгөн жок",
                            "ru": "Не указан файл книги", "en": "The workbook file is not given"},
    "misuse_missing_directory": {"ky": "Папканын аты көрсөтүлгөн жок", "ru": "Не указана папка",
                                 "en": "The folder is not given"},
    "misuse_needs_value": {"ky": "{what} үчүн маани жазылган жок", "ru": "для {what} не указано "
                           "значение", "en": "{what} needs a value"},
    "misuse_takes_no_value": {"ky": "{what} үчүн маани жазылбайт",
                              "ru": "{what} пишется без значения", "en": "{what} takes no value"},
    "misuse_no_option": {"ky": "мындай параметр жок: {what}", "ru": "нет такого параметра: {what}",
                         "en": "no such option: {what}"},
    "misuse_no_command": {"ky": "мындай буйрук жок: {name}", "ru": "нет такой команды: {name}",
                          "en": "no such command: {name}"},
    "misuse_suggest": {"ky": "{what}; {names} болушу мүмкүн", "ru": "{what}; возможно, {names}",
                       "en": "{what}; perhaps {names}"},
    "misuse_or": {"ky": "же", "ru": "или", "en": "or"},
    "misuse_integer": {"ky": "{what}: бүтүн сан жазыңыз", "ru": "{what}: нужно целое число",
                       "en": "{what}: give a whole number"},
    # One message for "x" and for "0": both are answered by what the option takes.
    "misuse_integer_range": {"ky": "{what}: {low} – {high} аралыгындагы бүтүн сан жазыңыз",
                             "ru": "{what}: нужно целое число от {low} до {high}",
                             "en": "{what}: give a whole number from {low} to {high}"},
    "misuse_choice": {"ky": "{what}: {choices}", "ru": "{what}: {choices}",
                      "en": "{what}: {choices}"},
    "misuse_bad_value": {"ky": "{what}: маани туура эмес", "ru": "{what}: неверное значение",
                         "en": "{what}: bad value"},
    "misuse_extra": {"ky": "ашыкча жазылган: {what}", "ru": "лишнее в команде: {what}",
                     "en": "unexpected: {what}"},
    "misuse_other": {"ky": "буйрук туура эмес жазылды", "ru": "команда записана неверно",
                     "en": "the command is not written correctly"},
    "period_outside_year": {
        "ky": "{period} мезгили окуу жылынан тышкары ({start} – {end}): жылды текшериңиз.",
        "ru": "Период {period} вне учебного года ({start} – {end}): проверьте год.",
        "en": "The period {period} is outside the academic year ({start} - {end}): check the year."},
    "demo_progress": {"ky": "Демо-китептер жазылууда", "ru": "Запись демо-книг",
                      "en": "Writing demo workbooks"},
    # Help pages (ubsheets/cli_help.py draws them; cli.py names these keys beside each option).
    "help_usage": {"ky": "Колдонуу", "ru": "Использование", "en": "Usage"},
    "help_options": {"ky": "Параметрлер", "ru": "Параметры", "en": "Options"},
    "help_commands": {"ky": "Буйруктар", "ru": "Команды", "en": "Commands"},
    "help_default": {"ky": "Демейки: {value}.", "ru": "По умолчанию: {value}.",
                     "en": "Default: {value}."},
    "help_help": {"ky": "Ушул жардамды көрсөтүү.", "ru": "Показать эту справку.",
                  "en": "Show this help."},
    # Each line in one language: the Kyrgyz page tells a Russian reader, in Russian, how to get
    # the Russian page, and the other way round.
    "help_other_language": {"ky": "По-русски: UBSHEETS_LANG=ru ubsheets --help",
                            "ru": "Кыргызча: UBSHEETS_LANG=ky ubsheets --help",
                            "en": "Кыргызча: UBSHEETS_LANG=ky; по-русски: UBSHEETS_LANG=ru"},
    "metavar_command": {"ky": "БУЙРУК", "ru": "КОМАНДА", "en": "COMMAND"},
    "metavar_options": {"ky": "[ПАРАМЕТРЛЕР]", "ru": "[ПАРАМЕТРЫ]", "en": "[OPTIONS]"},
    "metavar_book": {"ky": "КИТЕП", "ru": "КНИГА", "en": "BOOK"},
    "metavar_folder": {"ky": "ПАПКА", "ru": "ПАПКА", "en": "FOLDER"},
    "metavar_number": {"ky": "САН", "ru": "ЧИСЛО", "en": "NUMBER"},
    "metavar_name": {"ky": "АТАЛЫШ", "ru": "НАЗВАНИЕ", "en": "NAME"},
    "metavar_lang": {"ky": "ky|ru", "ru": "ky|ru", "en": "ky|ru"},
    # Examples say more than a word would, and are the same in every language.
    "metavar_year": {"ky": "2020-2021", "ru": "2020-2021", "en": "2020-2021"},
    "metavar_half": {"ky": "2020-10-1", "ru": "2020-10-1", "en": "2020-10-1"},
    "metavar_month": {"ky": "2020-10", "ru": "2020-10", "en": "2020-10"},
    "help_app": {
        "ky": "ubsheets: усулдук бирикменин (УБ) реестрлери бир Excel китепте.",
        "ru": "ubsheets: реестры методического объединения (МО) в одной книге Excel.",
        "en": "ubsheets: the registers of a methodological association in one Excel workbook."},
    "help_version": {"ky": "Программанын версиясы.", "ru": "Версия программы.",
                     "en": "The program's version."},
    "help_new": {
        "ky": "Бардык реестрлери бар бош мастер-китеп түзөт же --from менен: өткөн жылдын китебинен "
              "кийинки жылдыкын.",
        "ru": "Создать пустую мастер-книгу со всеми реестрами или, с --from, книгу следующего года "
              "из прошлогодней.",
        "en": "Create an empty master workbook with every register or, with --from, next year's "
              "from last year's."},
    "district_options": {
        "ky": "--district параметрин --from, --school же --year менен бирге колдонууга болбойт: "
              "райондун китебинде мектеп да, окуу жылы да жок.",
        "ru": "--district не сочетается с --from, --school или --year: в книге района нет ни школы, "
              "ни учебного года.",
        "en": "--district does not go with --from, --school or --year: a district workbook has "
              "no school and no academic year."},
    "help_new_district": {
        "ky": "Райондун китеби (.xlsm): мектептердин папкасы жана «Бириктирүү» баскычы менен.",
        "ru": "Книга района (.xlsm): папка школ и кнопка «Свести».",
        "en": "A district workbook (.xlsm): the schools' folder and the Consolidate button."},
    "help_new_book": {"ky": "Жаңы китеп (.xlsm же .xlsx).", "ru": "Новая книга (.xlsm или .xlsx).",
                      "en": "The new workbook (.xlsm or .xlsx)."},
    "help_new_lang": {
        "ky": "Китептин тили: ky (кыргызча) же ru (орусча). Берилбесе, UBSHEETS_LANG тили, ал да "
              "жок болсо ky.",
        "ru": "Язык книги: ky (кыргызский) или ru (русский). Если не указан, язык из "
              "UBSHEETS_LANG, а без него ky.",
        "en": "The workbook's language: ky (Kyrgyz) or ru (Russian). If not given, that of "
              "UBSHEETS_LANG, else ky."},
    "help_new_school": {"ky": "Мектептин аталышы.", "ru": "Название школы.",
                        "en": "The school's name."},
    "help_new_year": {
        "ky": "Окуу жылы, мисалы 2020-2021. Берилбесе, учурдагы окуу жылы.",
        "ru": "Учебный год, например 2020-2021. Если не указан, текущий.",
        "en": "The academic year, e.g. 2020-2021. If not given, the current one."},
    "help_new_force": {
        "ky": "Бар файлдын ордуна жазуу (мурункусу .bak болуп сакталат).",
        "ru": "Перезаписать существующий файл (прежний сохраняется как .bak).",
        "en": "Overwrite an existing file (the old one is kept as .bak)."},
    "help_demo": {
        "ky": "Толтурулган демо-китептерди жазып, биринчисин текшерет.",
        "ru": "Записать заполненные демо-книги и проверить первую.",
        "en": "Write filled demo workbooks and validate the first."},
    "help_demo_directory": {"ky": "Демо-китептер үчүн папка.", "ru": "Папка для демо-книг.",
                            "en": "The folder for the demo workbooks."},
    "help_demo_schools": {"ky": "Канча мектеп.", "ru": "Сколько школ.",
                          "en": "How many schools."},
    "help_demo_members": {"ky": "Ар бир мектептеги УБ мүчөлөрүнүн саны.",
                          "ru": "Сколько членов МО в каждой школе.",
                          "en": "How many association members in each school."},
    "help_demo_lang": {
        "ky": "Демо-китептердин тили: ky же ru. Берилбесе, эки мектеп кыргызча, үчүнчүсү орусча, "
              "ж.б.",
        "ru": "Язык демо-книг: ky или ru. Если не указан, две школы кыргызские, третья русская "
              "и так далее.",
        "en": "The demo workbooks' language: ky or ru. If not given, two Kyrgyz schools, then a "
              "Russian one, and so on."},
    "help_demo_force": {
        "ky": "Бар демо-китептердин ордуна жазуу (мурункулары .bak болуп сакталат).",
        "ru": "Перезаписать существующие демо-книги (прежние сохраняются как .bak).",
        "en": "Overwrite existing demo workbooks (the old ones are kept as .bak)."},
    "help_validate": {
        "ky": "Реестрлерди текшерет. Чыгуу коду: 0 ката жок, 1 ката бар, 2 файл окулбады.",
        "ru": "Проверить реестры книги. Код выхода: 0 ошибок нет, 1 есть ошибки, 2 файл не "
              "прочитан.",
        "en": "Validate the registers. Exit code: 0 no errors, 1 errors found, 2 the file could "
              "not be read."},
    "help_validate_book": {"ky": "Текшерилүүчү китеп.", "ru": "Книга для проверки.",
                           "en": "The workbook to validate."},
    "help_json": {"ky": "JSON менен чыгаруу.", "ru": "Вывод в JSON.", "en": "Print JSON."},
    "help_validate_no_write": {
        "ky": "Текшерүү барагын жазбоо.", "ru": "Не записывать лист проверки.",
        "en": "Do not write the validation sheet."},
    "help_summarize": {
        "ky": "Жыйынтык барагын жазат (квалификация, ачык сабактар, иш-чаралар, көзөмөл, иш "
              "кагаздары, өз билимин өркүндөтүү).",
        "ru": "Записать лист сводки (квалификация, открытые уроки, мероприятия, контроль, "
              "документы, самообразование).",
        "en": "Write the summary sheet (qualification, open lessons, events, control, documents, "
              "self-education)."},
    "help_master_book": {"ky": "Мастер-китеп.", "ru": "Мастер-книга.",
                         "en": "The master workbook."},
    "help_report": {
        "ky": "УБнын жетекчисинин мезгил боюнча отчетун жазат.",
        "ru": "Записать отчёт руководителя МО за период.",
        "en": "Write the association head's report for a period."},
    "help_report_half": {
        "ky": "Жарым ай: 2020-10-1 (1–15) же 2020-10-2 (16–31).",
        "ru": "Полмесяца: 2020-10-1 (1–15) или 2020-10-2 (16–31).",
        "en": "A half-month: 2020-10-1 (1-15) or 2020-10-2 (16-31)."},
    "help_report_month": {"ky": "Ай.", "ru": "Месяц.", "en": "A month."},
    "help_report_year": {"ky": "Жылдык отчет.", "ru": "Годовой отчёт.",
                         "en": "The annual report."},
    "help_report_all": {"ky": "Ар бир ай жана жылдык отчет.", "ru": "Каждый месяц и годовой отчёт.",
                        "en": "Every month and the annual report."},
    "help_report_pdf": {
        "ky": "PDF файлдары үчүн папка (LibreOffice аркылуу).",
        "ru": "Папка для PDF (через LibreOffice).",
        "en": "A folder for PDFs (made by LibreOffice)."},
    "upgrade_vba_added": {
        "ky": "Баскычтар жана алардын макростору «{sheet}» барагында: Excel'де ачканда макросторду "
              "иштетүүгө уруксат бериңиз.",
        "ru": "Кнопки и их макросы — на листе «{sheet}»: при открытии книги в Excel разрешите "
              "макросы.",
        "en": "The buttons and their macros are on the sheet “{sheet}”: allow macros when Excel "
              "opens the workbook."},
    "upgrade_vba_kept": {
        "ky": "Китептин өз макростору сакталды, ошондуктан «{sheet}» барагы жана баскычтар кошулган "
              "жок.",
        "ru": "Собственные макросы книги сохранены, поэтому лист «{sheet}» с кнопками не добавлен.",
        "en": "The workbook's own macros were kept, so no sheet “{sheet}” or buttons were added."},
    "upgraded": {
        "ky": "«{path}» китебине барактар кошулду ({count}): {sheets}.",
        "ru": "В книгу «{path}» добавлены листы ({count}): {sheets}.",
        "en": "Added {count:sheet|sheets} to \"{path}\": {sheets}."},
    "migrated": {
        "ky": "«{path}» китеби ubsheets үлгүсүнүн {version} версиясынан {current} версиясына"
              " которулду: {rows} сап көчүрүлдү; өзгөртүлгөн маанилер: {renamed}.",
        "ru": "Книга «{path}» переведена с версии шаблона ubsheets {version} на {current}:"
              " перенесено строк: {rows}; переименованные значения: {renamed}.",
        "en": 'Migrated "{path}" from ubsheets template {version} to {current}: {rows:row|rows}'
              " carried; values renamed: {renamed}."},
    "migrated_nothing_renamed": {"ky": "жок", "ru": "нет", "en": "none"},
    "upgrade_nothing_to_do": {
        "ky": "«{path}» китеби ubsheets үлгүсүнүн азыркы версиясында: кошула турган эч нерсе"
              " жок, файл өзгөргөн жок.",
        "ru": "Книга «{path}» уже по текущей версии шаблона ubsheets: добавлять нечего, файл не"
              " изменён.",
        "en": '"{path}" already has the current ubsheets template: nothing to add, the file was'
              " not changed."},
    "help_template": {
        "ky": "workbook_templates/ папкасындагы даяр китептер (иштеп чыгуучуларга).",
        "ru": "Готовые книги в папке workbook_templates/ (для разработчиков).",
        "en": "The ready-made workbooks in workbook_templates/ (for developers)."},
    "help_template_build": {
        "ky": "Мектептин (кыргызча, орусча) жана райондун китептерин баскычтары жана макростору "
              "менен кайра курат.",
        "ru": "Заново собрать книги школы (на кыргызском и русском) и района с кнопками и "
              "макросами.",
        "en": "Rebuild the school masters (Kyrgyz, Russian) and the district workbooks with their "
              "buttons and macros."},
    "help_template_folder": {"ky": "Китептердин папкасы.", "ru": "Папка для книг.",
                             "en": "The templates' folder."},
    "help_template_year": {
        "ky": "Китептердин окуу жылы, мисалы 2026-2027 (демейки: учурдагы).",
        "ru": "Учебный год книг, например 2026-2027 (по умолчанию текущий).",
        "en": "The templates' school year, e.g. 2026-2027 (default: the current one)."},
    "help_template_check": {
        "ky": "Эч нерсе жазбай, папкадагы китептер азыр курулганы менен бирдейби, текшерет.",
        "ru": "Ничего не записывая, проверить, совпадают ли книги в папке со свежей сборкой.",
        "en": "Write nothing; check that the folder's templates equal a fresh build."},
    "templates_drifted": {
        "ky": "Эскирген: {path}", "ru": "Устарела: {path}", "en": "Out of date: {path}"},
    "templates_stale": {
        "ky": "{count} китеп азыркы курулуштан айырмаланат: ubsheets template build менен кайра "
              "куруңуз.",
        "ru": "{count:книга отличается|книги отличаются|книг отличаются} от свежей сборки: "
              "пересоберите командой ubsheets template build.",
        "en": "{count} template(s) differ from a fresh build: rebuild with ubsheets template "
              "build."},
    "templates_current": {
        "ky": "Бардык китептер азыркы курулуш менен бирдей.",
        "ru": "Все книги совпадают со свежей сборкой.",
        "en": "Every template equals a fresh build."},
    "help_upgrade": {
        "ky": "Өз Excel китебиңизге жөндөөлөр барагын, бардык реестрлерди жана жашыруун баракты"
              " кошот; сиздин барактарыңыз жана маалыматтарыңыз өзгөрбөйт.",
        "ru": "Добавить в вашу книгу Excel лист настроек, все реестры и скрытый лист; ваши листы и"
              " данные не меняются.",
        "en": "Add the settings sheet, every register and the hidden sheet to a workbook of your"
              " own; your sheets and data stay as they are."},
    "help_upgrade_book": {"ky": "Сиздин Excel китебиңиз (.xlsx же .xlsm).",
                          "ru": "Ваша книга Excel (.xlsx или .xlsm).",
                          "en": "Your Excel workbook (.xlsx or .xlsm)."},
    "help_upgrade_output": {
        "ky": "Натыйжаны башка файлга жазуу (.xlsm: макростор иштей турган китеп); жок болсо,"
              " КИТЕП өзү жаңыланат (мурункусу .bak болуп калат).",
        "ru": "Записать результат в другой файл (.xlsm: книга с поддержкой макросов); без него"
              " обновляется сама КНИГА (прежняя остаётся как .bak).",
        "en": "Write the result to another file (.xlsm: a macro-enabled workbook); without it BOOK"
              " itself is updated (the previous one is kept as .bak)."},
    "help_upgrade_lang": {
        "ky": "Кошулган барактардын тили (жок болсо: терминалдын тили же кыргызча).",
        "ru": "Язык добавляемых листов (без него: язык терминала или кыргызский).",
        "en": "The language of the added sheets (else: the terminal's, or Kyrgyz)."},
    # The workbook's buttons (ubsheets/excel.py): one message box, in the book's language.
    "excel_unexpected": {
        "ky": "Күтүлбөгөн ката ({detail}). Иштеп чыгуучуларга билдириңиз.",
        "ru": "Непредвиденная ошибка ({detail}). Сообщите разработчикам.",
        "en": "Unexpected error ({detail}). Please report it."},
    "excel_save_first": {
        "ky": "Адегенде китепти .xlsm файлы катары сактаңыз (Файл → Сохранить как), анан баскычты "
              "кайра басыңыз.",
        "ru": "Сначала сохраните книгу как файл .xlsm (Файл → Сохранить как), затем нажмите кнопку "
              "снова.",
        "en": "Save the workbook as an .xlsm file first (File → Save As), then press the button "
              "again."},
    "excel_no_cell": {
        "ky": "Китепте «{name}» уячасы жок: баскыч ubsheets new же ubsheets upgrade түзгөн "
              "Башкы бет барагы менен иштейт.",
        "ru": "В книге нет ячейки «{name}»: кнопка работает с листом «Главная», который создают "
              "команды ubsheets new и ubsheets upgrade.",
        "en": "The workbook has no cell “{name}”: the button works with the home sheet that "
              "ubsheets new and ubsheets upgrade make."},
    "excel_empty_cell": {
        "ky": "«{name}» уячасы бош: «Башкы бет» барагында толтуруңуз.",
        "ru": "Ячейка «{name}» пуста: заполните её на листе «Главная».",
        "en": "The cell “{name}” is empty: fill it in on the home sheet."},
    "excel_bad_period": {
        "ky": "«{value}» — мезгил эмес. Мезгилди тизмеден тандаңыз же {month}, {month}-1, {year} "
              "түрүндө жазыңыз.",
        "ru": "«{value}» — не период. Выберите период из списка или впишите его в виде {month}, "
              "{month}-1 или {year}.",
        "en": "“{value}” is not a period. Pick one from the list or type it as {month}, {month}-1 "
              "or {year}."},
    "excel_not_a_folder": {
        "ky": "Мындай папка жок: {path}. Башкы беттеги «Мектептердин папкасы» уячасына "
              "мектептердин китептери турган папканы жазыңыз.",
        "ru": "Такой папки нет: {path}. Укажите на листе «Главная» в ячейке «Папка школ» папку "
              "с книгами школ.",
        "en": "No such folder: {path}. Put the folder with the schools' workbooks in the cell "
              "“Schools' folder” on the home sheet."},
    # The home sheet of a macro-enabled master (ubsheets.io.home_sheet).
    "home_title": {
        "ky": "Усулдук бирикменин китеби", "ru": "Книга методического объединения",
        "en": "The methodological association's workbook"},
    "home_period_label": {"ky": "Мезгил:", "ru": "Период:", "en": "Period:"},
    "home_period_hint": {
        "ky": "Отчеттун мезгилин тизмеден тандаңыз же жазыңыз: {month} (ай), {month}-1 (айдын "
              "1–15-күндөрү), {month}-2 (16-күндөн айдын аягына чейин) же {year} (окуу жылы).",
        "ru": "Выберите период отчёта из списка или впишите его: {month} (месяц), {month}-1 "
              "(с 1 по 15 число), {month}-2 (с 16 числа до конца месяца) или {year} (учебный год).",
        "en": "Pick the report's period from the list or type it: {month} (a month), {month}-1 "
              "(days 1–15), {month}-2 (the 16th to the month's end) or {year} (the school "
              "year)."},
    "home_period_prompt": {
        "ky": "{month}, {month}-1 же {year}", "ru": "{month}, {month}-1 или {year}",
        "en": "{month}, {month}-1 or {year}"},
    "home_button_validate": {"ky": "Текшерүү", "ru": "Проверка", "en": "Validate"},
    "home_button_summary": {"ky": "Жыйынтык", "ru": "Сводка", "en": "Summary"},
    "home_button_report": {"ky": "Отчет", "ru": "Отчёт", "en": "Report"},
    "home_does_validate": {
        "ky": "Реестрлерди текшерет; каталар жана эскертүүлөр өзүнчө баракка жазылат.",
        "ru": "Проверяет реестры; ошибки и предупреждения записываются на отдельный лист.",
        "en": "Checks the registers; errors and warnings go to a sheet of their own."},
    "home_does_summary": {
        "ky": "Окуу жылы боюнча жыйынтык барактарын түзөт же жаңылайт.",
        "ru": "Создаёт или обновляет листы сводки за учебный год.",
        "en": "Makes or refreshes the summary sheets of the school year."},
    "home_does_report": {
        "ky": "Жогоруда тандалган мезгилдин отчетун түзөт же жаңылайт.",
        "ru": "Создаёт или обновляет отчёт за период, выбранный выше.",
        "en": "Makes or refreshes the report for the period chosen above."},
    "district_needs_xlsm": {
        "ky": "{name}: райондун китеби баскычы менен иштейт, ошондуктан файлдын аты .xlsm менен "
              "бүтүшү керек, мисалы Район.xlsm.",
        "ru": "{name}: книга района работает через кнопку, поэтому файл должен иметь расширение "
              ".xlsm, например Район.xlsm.",
        "en": "{name}: a district workbook works through its button, so it must be an .xlsm, e.g. "
              "District.xlsm."},
    # The home sheet of a district's workbook (ubsheets.io.home_sheet.DISTRICT).
    "district_home_title": {
        "ky": "Райондун усулдук бирикмелеринин жыйынтыгы",
        "ru": "Свод методических объединений района",
        "en": "The district's methodological associations"},
    "district_home_folder_label": {"ky": "Мектептердин папкасы:", "ru": "Папка школ:",
                                   "en": "Schools' folder:"},
    "district_home_folder_hint": {
        "ky": "Мектептердин китептери (.xlsx, .xlsm) турган папка: ушул китептин жанындагы "
              "папканын аты же толук жолу, мисалы D:\\Отчеттор\\2026-10.",
        "ru": "Папка, где лежат книги школ (.xlsx, .xlsm): имя папки рядом с этой книгой или "
              "полный путь, например D:\\Отчёты\\2026-10.",
        "en": "The folder holding the schools' workbooks (.xlsx, .xlsm): a folder's name beside "
              "this workbook, or a full path such as D:\\Reports\\2026-10."},
    "district_home_folder_default": {"ky": "мектептер", "ru": "школы", "en": "schools"},
    "district_home_output_label": {"ky": "Жыйынтык файлы:", "ru": "Файл свода:",
                                   "en": "Result file:"},
    "district_home_output_hint": {
        "ky": "Жыйынтык ушул аталыш менен ушул китептин жанына жазылат; мурунку ошол аттагы "
              "китеп алмаштырылат.",
        "ru": "Свод записывается под этим именем рядом с этой книгой; прежняя книга с тем же "
              "именем заменяется.",
        "en": "The consolidated workbook is written under this name beside this workbook; an "
              "earlier one of that name is replaced."},
    "district_home_output_default": {"ky": "район.xlsx", "ru": "район.xlsx", "en": "district.xlsx"},
    "district_home_month_label": {"ky": "Ай:", "ru": "Месяц:", "en": "Month:"},
    "district_home_month_hint": {
        "ky": "Бош калса, бүт окуу жылы эсептелет; бир ай үчүн аны 2026-10 түрүндө жазыңыз.",
        "ru": "Если пусто, считается весь учебный год; для одного месяца впишите его как 2026-10.",
        "en": "Empty: the whole school year is counted; for one month, type it as 2026-10."},
    "district_home_button": {"ky": "Бириктирүү", "ru": "Свести", "en": "Consolidate"},
    "district_home_does": {
        "ky": "Папкадагы мектептердин китептерин текшерип, райондун китебине бириктирет жана "
              "аны ачат.",
        "ru": "Проверяет книги школ в папке, сводит их в книгу района и открывает её.",
        "en": "Checks the schools' workbooks in the folder, consolidates them into the district "
              "workbook and opens it."},
    "district_home_note": {
        "ky": "Баскыч Python жана ubsheets орнотулган компьютерде иштейт; китепти ачканда "
              "макросторду иштетүүгө уруксат бериңиз.",
        "ru": "Кнопка работает на компьютере, где установлены Python и ubsheets; при открытии "
              "книги разрешите макросы.",
        "en": "The button works on a computer with Python and ubsheets installed; allow macros "
              "when you open the workbook."},
    "home_note": {
        "ky": "Баскычтар Python жана ubsheets орнотулган компьютерде иштейт; китепти ачканда "
              "макросторду иштетүүгө уруксат бериңиз.",
        "ru": "Кнопки работают на компьютере, где установлены Python и ubsheets; при открытии "
              "книги разрешите макросы.",
        "en": "The buttons work on a computer with Python and ubsheets installed; allow macros "
              "when you open the workbook."},
}
