"""Messages for files that cannot be read or written, and for misuse of a command."""

MESSAGES: dict[str, dict[str, str]] = {
    "error_prefix": {"ky": "Ката", "ru": "Ошибка", "en": "Error"},
    # Reading a workbook file (ubsheets/io/guard.py)
    "file_not_found": {
        "ky": "«{name}» файлы табылган жок: папканы жана файлдын атын текшериңиз.",
        "ru": "Файл «{name}» не найден: проверьте папку и имя файла.",
        "en": 'File "{name}" was not found: check the folder and the file name.',
    },
    "not_a_file": {
        "ky": "«{name}» файл эмес, папка: Excel файлын (.xlsx же .xlsm) тандаңыз.",
        "ru": "«{name}» — это папка, а не файл: выберите файл Excel (.xlsx или .xlsm).",
        "en": '"{name}" is a folder, not a file: choose an Excel file (.xlsx or .xlsm).',
    },
    "not_a_regular_file": {
        "ky": "«{name}» кадимки файл эмес (канал же түзмөк): Excel файлын (.xlsx же .xlsm) "
              "тандаңыз.",
        "ru": "«{name}» — не обычный файл (канал или устройство): выберите файл Excel (.xlsx или "
              ".xlsm).",
        "en": '"{name}" is not a regular file (a pipe or a device): choose an Excel file (.xlsx '
              "or .xlsm).",
    },
    "file_empty": {
        "ky": "«{name}» файлы бош (0 байт): файлдын бүтүн нускасын кайра көчүрүп, дагы аракет"
        " кылыңыз.",
        "ru": "Файл «{name}» пустой (0 байт): скопируйте исправную копию файла заново и"
        " попробуйте ещё раз.",
        "en": '"{name}" is empty (0 bytes): copy a good version of the file again and retry.',
    },
    "cannot_read": {
        "ky": "«{name}» файлын окуу мүмкүн болбоду: аны ачууга укугуңуз бар экенин текшериңиз.",
        "ru": "Не удалось прочитать файл «{name}»: проверьте, что у вас есть право его открывать.",
        "en": 'Cannot read "{name}": check that you are allowed to open it.',
    },
    "legacy_xls": {
        "ky": "«{name}» эски .xls форматында: аны Excel же LibreOffice программасында ачып, .xlsx"
        " же .xlsm катары сактаңыз (Файл → Сохранить как).",
        "ru": "Файл «{name}» в старом формате .xls: откройте его в Excel или LibreOffice и"
        " сохраните как .xlsx или .xlsm (Файл → Сохранить как).",
        "en": '"{name}" is in the old .xls format: open it in Excel or LibreOffice and save it'
        " as .xlsx or .xlsm (File → Save As).",
    },
    "password_protected": {
        "ky": "«{name}» файлы сырсөз менен корголгон: аны Excel программасында ачып, сырсөздү"
        " алып салыңыз (Файл → Сведения → Защита книги → Зашифровать с использованием пароля,"
        " талааны тазалаңыз) жана сактаңыз.",
        "ru": "Файл «{name}» защищён паролем: откройте его в Excel, снимите пароль (Файл →"
        " Сведения → Защита книги → Зашифровать с использованием пароля, очистите поле) и"
        " сохраните.",
        "en": '"{name}" is protected with a password: open it in Excel, remove the password'
        " (File → Info → Protect Workbook → Encrypt with Password, clear the box) and save it.",
    },
    "not_a_workbook": {
        "ky": "«{name}» Excel китеби эмес: .xlsx же .xlsm файлын тандаңыз; эгер Excel аны ача"
        " алса, .xlsx катары сактап, кайра аракет кылыңыз.",
        "ru": "Файл «{name}» не является книгой Excel: выберите файл .xlsx или .xlsm; если Excel"
        " его открывает, сохраните его как .xlsx и попробуйте снова.",
        "en": '"{name}" is not an Excel workbook: choose an .xlsx or .xlsm file; if Excel opens'
        " it, save it as .xlsx and try again.",
    },
    "strict_ooxml": {
        "ky": "«{name}» «Strict Open XML» форматында сакталган, ubsheets аны менен иштей албайт: файлды"
        " Excelде ачып, «Файл → Башкача сактоо» менен «Книга Excel (*.xlsx)» (англисче «Excel Workbook»)"
        " түрүн тандап сактаңыз, анан кайра аракет кылыңыз.",
        "ru": "Файл «{name}» сохранён как «Электронная таблица в строгом формате Open XML», с которой"
        " ubsheets не работает: откройте его в Excel, выберите «Файл → Сохранить как», тип «Книга Excel"
        " (*.xlsx)», и попробуйте снова.",
        "en": '"{name}" is saved as "Strict Open XML Spreadsheet", which ubsheets cannot work with: open'
        ' it in Excel, choose File → Save As, pick "Excel Workbook (*.xlsx)" and try again.',
    },
    "damaged_workbook": {
        "ky": "«{name}» файлы бузулган же толук эмес (толугу менен көчүрүлдүбү?): аны булагынан"
        " кайра көчүрүп алыңыз.",
        "ru": "Файл «{name}» повреждён или неполный (скопирован ли он полностью?): скопируйте его"
        " заново из источника.",
        "en": '"{name}" is damaged or incomplete (was it copied fully?): copy it again from'
        " where it came from.",
    },
    "zip_bomb": {
        "ky": "«{name}» ачылганда өтө чоң көлөмгө айланат («zip-бомба»): коопсуздук үчүн ал"
        " ачылбайт; жөнөткөн адамдан кадимки нускасын сураңыз.",
        "ru": "Файл «{name}» при распаковке разрастается до огромного объёма («zip-бомба»): из"
        " соображений безопасности он не открывается; попросите у отправителя обычную копию.",
        "en": '"{name}" would unpack to an enormous size (a "zip bomb"): it is refused for'
        " safety; ask the sender for a normal copy.",
    },
    "unsafe_xml": {
        "ky": "«{name}» ичинде Excel эч качан жазбаган коркунучтуу XML белгилери (DOCTYPE/ENTITY)"
        " бар: коопсуздук үчүн файл ачылбайт; Excel программасында сакталган кадимки нускасын"
        " алыңыз.",
        "ru": "В файле «{name}» есть опасные XML-объявления (DOCTYPE/ENTITY), которые Excel"
        " никогда не записывает: из соображений безопасности файл не открывается; возьмите"
        " обычную копию, сохранённую в Excel.",
        "en": '"{name}" contains dangerous XML declarations (DOCTYPE/ENTITY) that Excel never'
        " writes: it is refused for safety; get a normal copy saved by Excel.",
    },
    # Writing a workbook file (ubsheets/io/safe_write.py)
    "file_is_open": {
        "ky": "«{name}» файлын азыр {owner} Excel же LibreOffice программасында ачып турат: файлды"
        " ошол жерде жаап, кайра аракет кылыңыз; эгер ал эч жерде ачык болбосо, «{lock}» кулпу"
        " файлы программа күтүлбөй жабылгандан калган, аны өчүрсөңүз болот.",
        "ru": "Файл «{name}» сейчас открыт в Excel или LibreOffice (открыл: {owner}): закройте его"
        " там и попробуйте снова; если он нигде не открыт, файл блокировки «{lock}» остался после"
        " сбоя, его можно удалить.",
        "en": '"{name}" is open in Excel or LibreOffice by {owner}: close it there and try again;'
        ' if it is not open anywhere, the lock file "{lock}" was left by a crash and can be'
        " deleted.",
    },
    "unknown_owner": {"ky": "кимдир бирөө", "ru": "неизвестно", "en": "someone"},
    "file_locked_by_other": {
        "ky": "«{name}» файлын алмаштыруу болбой жатат: аны башка программа кармап турат (Excel,"
        " антивирус, синхрондоо) же ал «окуу үчүн гана» деп белгиленген; ал программаны жаап,"
        " кайра аракет кылыңыз — файл өзгөргөн жок.",
        "ru": "Не удаётся заменить файл «{name}»: его держит другая программа (Excel, антивирус,"
        " синхронизация) или он помечен «только для чтения»; закройте её и попробуйте снова —"
        " файл не изменён.",
        "en": 'Cannot replace "{name}": another program is holding it (Excel, an antivirus, a'
        " sync tool) or it is read-only; close that program and try again — the file was not"
        " changed.",
    },
    "cannot_write": {
        "ky": "«{name}» файлын «{folder}» папкасына сактоо мүмкүн болбоду: папка бар экенин жана"
        " ага жазууга укугуңуз бар экенин текшериңиз.",
        "ru": "Не удалось сохранить «{name}» в папку «{folder}»: проверьте, что папка существует и"
        " у вас есть право записи в неё.",
        "en": 'Cannot save "{name}" in the folder "{folder}": check that the folder exists and'
        " that you may save files there.",
    },
    # The disk's refusals, named (safe_write: the temp file, the backup, the replace)
    "no_space": {
        "ky": "«{name}» сакталган жок: «{folder}» папкасы турган дискте бош орун калган жок; орун"
        " бошотуп, кайра аракет кылыңыз — «{book}» файлы өзгөргөн жок.",
        "ru": "Не удалось сохранить «{name}»: на диске с папкой «{folder}» закончилось место;"
        " освободите место и попробуйте снова — файл «{book}» не изменён.",
        "en": 'Cannot save "{name}": the disk with the folder "{folder}" is full; free some space'
        ' and try again — "{book}" was not changed.',
    },
    "read_only_disk": {
        "ky": "«{name}» сакталган жок: «{folder}» папкасы турган диск «окуу үчүн гана» (жазуудан"
        " корголгон флешка, компакт-диск, окуу үчүн гана ачылган тармак папкасы); китепти сактоого"
        " болгон папкага көчүрүңүз — «{book}» файлы өзгөргөн жок.",
        "ru": "Не удалось сохранить «{name}»: диск с папкой «{folder}» доступен только для чтения"
        " (флешка с защитой от записи, компакт-диск, сетевая папка только для чтения); скопируйте"
        " книгу в папку, куда можно сохранять, — файл «{book}» не изменён.",
        "en": 'Cannot save "{name}": the disk with the folder "{folder}" is read-only (a'
        " write-protected flash drive, a CD, a read-only network share); copy the workbook to a"
        ' folder you can save in — "{book}" was not changed.',
    },
    "no_permission": {
        "ky": "«{name}» сакталган жок: «{folder}» папкасына файл жазууга укугуңуз жок; ага жазуу"
        " укугун сураңыз же китепти өз папкаңызга көчүрүңүз — «{book}» файлы өзгөргөн жок.",
        "ru": "Не удалось сохранить «{name}»: у вас нет права записи в папку «{folder}»; попросите"
        " право на запись или скопируйте книгу в свою папку — файл «{book}» не изменён.",
        "en": 'Cannot save "{name}": you may not save files in the folder "{folder}"; ask for'
        ' write access or copy the workbook to your own folder — "{book}" was not changed.',
    },
    "file_read_only": {
        "ky": "«{name}» файлы «окуу үчүн гана» деп белгиленген: ubsheets аны өзгөртпөйт; файлдын"
        " касиеттеринен (Свойства) «Только чтение» белгисин алып салып, кайра аракет кылыңыз —"
        " файл өзгөргөн жок.",
        "ru": "Файл «{name}» помечен «только для чтения»: ubsheets его не изменяет; снимите"
        " отметку «Только чтение» в свойствах файла и попробуйте снова — файл не изменён.",
        "en": '"{name}" is marked read-only: ubsheets does not change it; clear "Read-only" in the'
        " file's properties and try again — the file was not changed.",
    },
    "file_changed": {
        "ky": "«{name}» файлы ушул учурда башка программа тарабынан өзгөртүлдү (Excel, LibreOffice"
        " же башка ubsheets буйругу): ал өзгөрүүлөр жоголбошу үчүн ubsheets эч нерсе жазган жок;"
        " буйрукту кайра иштетиңиз.",
        "ru": "Файл «{name}» был изменён другой программой во время работы (Excel, LibreOffice или"
        " другой командой ubsheets): чтобы эти изменения не потерялись, ubsheets ничего не"
        " записал; запустите команду снова.",
        "en": '"{name}" was changed by another program meanwhile (Excel, LibreOffice or another'
        " ubsheets command): so that those changes are not lost, ubsheets wrote nothing; run the"
        " command again.",
    },
    "backup_not_written": {
        "ky": "«{name}» — камдык көчүрмө (.bak): ubsheets камдык көчүрмөгө эч нерсе жазбайт; аны"
        " {ext} файлы катары көчүрүп (мисалы, «{copy}»), буйрукту ошол көчүрмө менен иштетиңиз.",
        "ru": "«{name}» — резервная копия (.bak): ubsheets не записывает в резервные копии;"
        " скопируйте её в файл {ext} (например, «{copy}») и запустите команду для копии.",
        "en": '"{name}" is a backup copy (.bak): ubsheets never writes into a backup; copy it to'
        ' an {ext} file (for example "{copy}") and run the command on the copy.',
    },
    "not_ubsheets_workbook": {
        "ky": "{name} ubsheets китеби эмес: бул барактар жок: {missing}. "
              "Жаңы китепти «ubsheets new» менен түзүңүз.",
        "ru": "{name} — не книга ubsheets: нет листов: {missing}. "
              "Создайте новую книгу командой «ubsheets new».",
        "en": "{name} is not a ubsheets workbook: these sheets are missing: {missing}. "
              "Create one with “ubsheets new”."},
    "year_not_set": {
        "ky": "{name}: Жөндөөлөр барагында окуу жылынын башталышы жана аягы туура жазылган эмес "
              "(ubsheets validate).",
        "ru": "{name}: на листе «Настройки» неверно указаны начало и конец учебного года "
              "(ubsheets validate).",
        "en": "{name}: the settings sheet does not give a valid academic year start and end "
              "(ubsheets validate)."},
    "libreoffice_missing": {
        "ky": "PDF үчүн LibreOffice керек: аны орнотуңуз (https://www.libreoffice.org) же --pdf "
              "колдонбоңуз.",
        "ru": "Для PDF нужен LibreOffice: установите его (https://www.libreoffice.org) или "
              "уберите --pdf.",
        "en": "PDF needs LibreOffice: install it (https://www.libreoffice.org) or drop --pdf."},
    "pdf_folder_unwritable": {
        "ky": "PDF файлдарын «{folder}» папкасына сактоо мүмкүн эмес: ушундай аттуу файл жок экенин"
              " жана папкага жазууга укугуңуз бар экенин текшериңиз же башка папканы көрсөтүңүз —"
              " китепте эч нерсе өзгөргөн жок.",
        "ru": "Нельзя сохранить PDF в папку «{folder}»: проверьте, что нет файла с таким именем и"
              " что у вас есть право записи в эту папку, или укажите другую папку — книга не"
              " изменена.",
        "en": "Cannot save the PDFs in the folder “{folder}”: check that no file has that name and"
              " that you may save files there, or give another folder — the workbook was not"
              " changed."},
    "pdf_failed": {
        "ky": "LibreOffice PDF түзө алган жок: {detail}",
        "ru": "LibreOffice не смог создать PDF: {detail}",
        "en": "LibreOffice could not make the PDF: {detail}"},
    "sheet_name_taken": {
        "ky": "«{name}» китебинде ubsheets түзбөгөн «{sheet}» барагы бар: анын атын өзгөртүңүз же"
              " аны өчүрүңүз, анан кайра аракет кылыңыз — файлда эч нерсе өзгөргөн жок.",
        "ru": "В книге «{name}» уже есть лист «{sheet}», созданный не ubsheets: переименуйте или"
              " удалите его и запустите снова — файл не изменён.",
        "en": 'The workbook "{name}" already has a sheet "{sheet}" that ubsheets did not make:'
              " rename or delete it and run again — nothing was changed."},
    "not_a_folder": {
        "ky": "«{name}» папкасын түзүү мүмкүн болбоду (ушундай аттуу файл барбы?): башка папканын "
              "атын бериңиз.",
        "ru": "Не удалось создать папку «{name}» (нет ли файла с таким именем?): укажите другую "
              "папку.",
        "en": "Could not create the folder “{name}” (is there a file of that name?): give "
              "another folder."},
    # ubsheets upgrade (ubsheets/io/upgrade.py)
    "workbook_structure_protected": {
        "ky": "«{name}» китебинин түзүмү корголгон, ага барак кошууга болбойт: коргоону алып салыңыз"
              " (Excel: Рецензирование → Защитить книгу; LibreOffice: Сервис → Защитить структуру"
              " книги), сактап, кайра аракет кылыңыз — файл өзгөргөн жок.",
        "ru": "Структура книги «{name}» защищена, добавить в неё листы нельзя: снимите защиту"
              " (Excel: Рецензирование → Защитить книгу; LibreOffice: Сервис → Защитить структуру"
              " книги), сохраните и попробуйте снова — файл не изменён.",
        "en": 'The structure of "{name}" is protected, so no sheet can be added: unprotect it'
              " (Excel: Review → Protect Workbook; LibreOffice: Tools → Protect Spreadsheet"
              " Structure), save it and try again — the file was not changed."},
    "upgrade_sheet_taken": {
        "ky": "«{name}» китебинде «{sheet}» барагы бар, ubsheets да ушундай аталыштагы барак"
              " кошот: эки барак бирдей аталса, реестр кайсынысы экени белгисиз болот; өз"
              " барагыңыздын атын өзгөртүп, кайра аракет кылыңыз — файл өзгөргөн жок.",
        "ru": "В книге «{name}» уже есть лист «{sheet}», а ubsheets добавляет лист с таким же"
              " именем: с двумя такими листами непонятно, какой из них реестр; переименуйте свой"
              " лист и попробуйте снова — файл не изменён.",
        "en": 'The workbook "{name}" already has a sheet "{sheet}", a name ubsheets gives one of'
              " its own sheets: with two, it would be unclear which is the register; rename yours"
              " and try again — the file was not changed."},
    "upgrade_name_taken": {
        "ky": "«{name}» китебинде «{defined}» деген ат (аталган диапазон же таблица) бар, ал"
              " ubsheets тизмелерине керек: аны Excel программасында Формулы → Диспетчер имен"
              " аркылуу өзгөртүп, кайра аракет кылыңыз — файл өзгөргөн жок.",
        "ru": "В книге «{name}» уже есть имя «{defined}» (именованный диапазон или таблица),"
              " которое нужно спискам ubsheets: переименуйте его в Excel (Формулы → Диспетчер"
              " имён) и попробуйте снова — файл не изменён.",
        "en": 'The workbook "{name}" already has the name "{defined}" (a named range or a'
              " table) that the lists of ubsheets need: rename it in Excel (Formulas → Name"
              " Manager) and try again — the file was not changed."},
    "upgrade_older_template": {
        "ky": "«{name}» ubsheets үлгүсүнүн мурунку версиясы ({version}) менен түзүлгөн, азыркысы"
              " {current}: мындай китептерди жаңылоо азырынча мүмкүн эмес — файл өзгөргөн жок.",
        "ru": "Книга «{name}» сделана по прежней версии шаблона ubsheets ({version}, текущая —"
              " {current}): обновлять такие книги пока нельзя — файл не изменён.",
        "en": '"{name}" was made from an earlier ubsheets template ({version}; the current one is'
              " {current}): such workbooks cannot be upgraded yet — the file was not changed."},
    "upgrade_newer_template": {
        "ky": "«{name}» ubsheets үлгүсүнүн {version} версиясы менен түзүлгөн, бул программа {current}"
              " версиясын гана билет: ubsheets программасын жаңыртыңыз — файл өзгөргөн жок.",
        "ru": "Книга «{name}» сделана по версии шаблона ubsheets {version}, а эта программа знает"
              " только версию {current}: обновите ubsheets — файл не изменён.",
        "en": '"{name}" was made from ubsheets template {version}, and this program knows only'
              " {current}: update ubsheets — the file was not changed."},
    "migrate_value_outside": {
        "ky": "«{name}» китебинин «{sheet}» барагында {cell} уячасы таблицанын тышында (же"
              " белгисиз жөндөө): жаңылоодо ал жоголмок; аны өз барагыңызга көчүрүп, кайра аракет"
              " кылыңыз — файл өзгөргөн жок.",
        "ru": "В книге «{name}» на листе «{sheet}» ячейка {cell} вне таблицы (или неизвестная"
              " настройка): при обновлении она потерялась бы; перенесите её на свой лист и"
              " попробуйте снова — файл не изменён.",
        "en": 'In "{name}", sheet "{sheet}", cell {cell} is outside the table (or an unknown'
              " setting): upgrading would lose it; move it to a sheet of your own first and try"
              " again — the file was not changed."},
    "migrate_sheet_has_objects": {
        "ky": "«{name}» китебинин «{sheet}» барагында сиздин диаграммаңыз, сүрөтүңүз же башка"
              " объектиңиз бар: жаңылоодо ал жоголмок; аны өз барагыңызга көчүрүп, кайра аракет"
              " кылыңыз — файл өзгөргөн жок.",
        "ru": "На листе «{sheet}» книги «{name}» есть ваша диаграмма, рисунок или другой объект:"
              " при обновлении он потерялся бы; перенесите его на свой лист и попробуйте снова —"
              " файл не изменён.",
        "en": 'The sheet "{sheet}" of "{name}" holds a chart, picture or other object of yours:'
              " upgrading would lose it; move it to a sheet of your own first and try again —"
              " the file was not changed."},
    "upgrade_macros_dropped": {
        "ky": "«{name}» китебинде макростор бар, ал эми «{output}» .xlsx файлы макросторду"
              " сактай албайт (Excel аларды өчүрөт): .xlsm менен бүткөн ат бериңиз — эч нерсе"
              " жазылган жок.",
        "ru": "В книге «{name}» есть макросы, а файл .xlsx «{output}» хранить их не может (Excel"
              " их удалит): укажите имя с окончанием .xlsm — ничего не записано.",
        "en": '"{name}" holds macros, and the .xlsx file "{output}" cannot keep them (Excel'
              " would drop them): give a name ending in .xlsm — nothing was written."},
    "upgrade_output_exists": {
        "ky": "«{name}» файлы бар: башка ат бериңиз же аны өчүрүңүз — эч нерсе жазылган жок.",
        "ru": "Файл «{name}» уже существует: укажите другое имя или удалите его — ничего не"
              " записано.",
        "en": '"{name}" already exists: give another name or delete it — nothing was written.'},
}
