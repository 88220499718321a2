"""Words of the district workbook (``ubsheets consolidate``): its columns, statuses and the
command's lines on the terminal."""

MESSAGES: dict[str, dict[str, str]] = {
    "dcol_file": {"ky": "Файл", "ru": "Файл", "en": "File"},
    "dcol_school": {"ky": "Мектеп", "ru": "Школа", "en": "School"},
    "dcol_association": {"ky": "Усулдук бирикме", "ru": "Методическое объединение",
                         "en": "Association"},
    "dcol_status": {"ky": "Абалы", "ru": "Статус", "en": "Status"},
    "dcol_reason": {"ky": "Себеби", "ru": "Причина", "en": "Reason"},
    "dcol_members": {"ky": "Мүчөлөр", "ru": "Членов", "en": "Members"},
    "dcol_avg_experience": {"ky": "Орточо стаж", "ru": "Средний стаж", "en": "Average experience"},
    "dcol_higher_share": {"ky": "Жогорку билимдүү, %", "ru": "С высшим образованием, %",
                          "en": "Higher education, %"},
    "dcol_courses_due": {"ky": "Курстар мөөнөтү өткөн", "ru": "Курсы просрочены",
                         "en": "Courses overdue"},
    "dcol_attestation_due": {"ky": "Аттестация мөөнөтү өткөн", "ru": "Аттестация просрочена",
                             "en": "Attestation overdue"},
    "dcol_open_lessons": {"ky": "Ачык сабактар", "ru": "Открытые уроки", "en": "Open lessons"},
    "dcol_open_lessons_held": {"ky": "Ачык сабактар өткөрүлдү", "ru": "Открытых уроков проведено",
                               "en": "Open lessons held"},
    "dcol_events": {"ky": "Иш-чаралар", "ru": "Мероприятия", "en": "Events"},
    "dcol_events_held": {"ky": "Иш-чаралар өткөрүлдү", "ru": "Мероприятий проведено",
                         "en": "Events held"},
    "dcol_control": {"ky": "Көзөмөл", "ru": "Контроль", "en": "Control actions"},
    "dcol_documents": {"ky": "Документтер", "ru": "Документы", "en": "Documents"},
    "dcol_self_education": {"ky": "Өз алдынча билим алуу", "ru": "Самообразование",
                            "en": "Self-education"},
    "dcol_errors": {"ky": "Каталар", "ru": "Ошибки", "en": "Errors"},
    "dcol_warnings": {"ky": "Эскертүүлөр", "ru": "Предупреждения", "en": "Warnings"},
    "dcol_version": {"ky": "Шаблондун версиясы", "ru": "Версия шаблона",
                     "en": "Template version"},
    "dcol_modified": {"ky": "Өзгөртүлгөн", "ru": "Изменён", "en": "Modified"},
    "dcol_total": {"ky": "Бардыгы", "ru": "Итого", "en": "Total"},
    "dcol_what": {"ky": "Көрсөткүч", "ru": "Показатель", "en": "Figure"},
    "dchart_held": {"ky": "Өткөрүлгөн ачык сабактар жана иш-чаралар",
                    "ru": "Проведённые открытые уроки и мероприятия",
                    "en": "Open lessons and events held"},
    "dstatus_ok": {"ky": "колдонулду", "ru": "использован", "en": "ok"},
    "dstatus_failed": {"ky": "окулган жок", "ru": "не прочитан", "en": "failed"},
    "dstatus_duplicate": {"ky": "кайталанма", "ru": "дубликат", "en": "duplicate"},
    "duplicate_of": {
        "ky": "Ошол эле мектеп жана бирикме, {name} файлы жаңыраак.",
        "ru": "Та же школа и то же объединение, файл {name} новее.",
        "en": "The same school and association; {name} is newer."},
    "consolidate_nothing": {
        "ky": "Бир дагы китеп колдонулган жок: {count} файл текшерилди.",
        "ru": "Не удалось использовать ни одной книги: проверено файлов: {count}.",
        "en": "No workbook could be used: {count} files checked."},
    "consolidate_no_inputs": {
        "ky": "Киргизилген файлдарда жана папкаларда .xlsx же .xlsm китеп жок.",
        "ru": "Среди указанных файлов и папок нет книг .xlsx или .xlsm.",
        "en": "The given files and folders hold no .xlsx or .xlsm workbook."},
    "consolidate_progress": {"ky": "Китептер окулууда", "ru": "Чтение книг",
                             "en": "Reading workbooks"},
    "consolidate_written": {
        "ky": "Райондун китеби жазылды: {path} (колдонулду: {ok}, окулган жок: {failed}, "
              "кайталанма: {duplicate}).",
        "ru": "Книга района записана: {path} (использовано: {ok}, не прочитано: {failed}, "
              "дубликатов: {duplicate}).",
        "en": "District workbook written: {path} (used: {ok}, failed: {failed}, "
              "duplicates: {duplicate})."},
    "consolidate_file_line": {"ky": "{path}: {status}. {reason}", "ru": "{path}: {status}. {reason}",
                              "en": "{path}: {status}. {reason}"},
    "help_consolidate": {
        "ky": "Көп мектептин китептерин бир райондук китепке бириктирет.",
        "ru": "Сводит книги многих школ в одну книгу района.",
        "en": "Consolidates the workbooks of many schools into one district workbook."},
    "help_consolidate_inputs": {
        "ky": "Китептер же папкалар (папкалар ичиндеги папкалары менен изделет).",
        "ru": "Книги или папки (папки просматриваются вместе с вложенными).",
        "en": "Workbooks or folders (searched with the folders inside them)."},
    "help_consolidate_output": {"ky": "Жазыла турган райондук китеп.",
                                "ru": "Книга района, которая будет записана.",
                                "en": "The district workbook to write."},
    "help_consolidate_month": {"ky": "Ошол айдын гана көрсөткүчтөрү.",
                               "ru": "Показатели только этого месяца.",
                               "en": "That month's figures only."},
    "help_consolidate_lang": {
        "ky": "Райондук китептин тили (болбосо: китептердин көпчүлүгүнүн тили).",
        "ru": "Язык книги района (иначе: язык большинства книг).",
        "en": "The district workbook's language (else: that of most inputs)."},
    "help_consolidate_json": {"ky": "Жыйынтыкты JSON катары басып чыгарат.",
                              "ru": "Вывести итог в формате JSON.",
                              "en": "Print the result as JSON."},
    "metavar_inputs": {"ky": "КИТЕПТЕР", "ru": "КНИГИ", "en": "INPUTS"},
    "dcol_district": {"ky": "Райондун китеби", "ru": "Книга района", "en": "District workbook"},
    "district_input": {
        "ky": "Райондун китеби: мектептердин {count} китеби кайра окулду.",
        "ru": "Книга района: прочитано книг школ: {count}.",
        "en": "A district workbook: {count} schools' workbooks read back."},
    "district_month": {
        "ky": "«{name}» райондун китеби: анын көрсөткүчтөрүн бир айга бөлүүгө болбойт; "
              "мектептердин өз китептерин --month менен бириктириңиз.",
        "ru": "«{name}» — книга района: её показатели нельзя разделить по месяцам; "
              "сведите с --month книги самих школ.",
        "en": "\"{name}\" is a district workbook: its figures cannot be cut to one month; "
              "consolidate the schools' own workbooks with --month."},
}
