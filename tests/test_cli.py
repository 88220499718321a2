"""The command line as a user runs it: real subprocesses, exact messages, exact exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
import sys
import time
import tomllib
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import ROWS, make_book
from python_calamine import CalamineWorkbook
from test_guard import BILLION_LAUGHS
from test_safe_write import excel_lock_bytes

from ubsheets.core.validate import validate
from ubsheets.i18n import t
from ubsheets.io.reader import read_book
from ubsheets.schema import ALL_TABLES

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None, lang: str | None = None):
    # A fixed width: the findings table is then laid out the same on every machine.
    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"} | {"COLUMNS": "120"}
    if lang:
        env["UBSHEETS_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "ubsheets", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def grids(path: Path, sheets) -> dict[str, list]:
    wb = CalamineWorkbook.from_path(str(path))
    return {name: wb.get_sheet_by_name(name).to_python() for name in sheets}


def register_sheets(lang: str) -> set[str]:
    return {reg.sheet.get(lang) for reg in ALL_TABLES}


def test_new_creates_a_workbook_that_validates(tmp_path):
    result = run("new", "book.xlsm", "--school", "Ильич мектеби", "--year", "2020-2021",
                 cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Жаңы китеп түзүлдү: book.xlsm\n", "")
    book = read_book(tmp_path / "book.xlsm")
    assert book.lang == "ky" and book.template_version == "2"
    assert validate(book).errors == 0
    with zipfile.ZipFile(tmp_path / "book.xlsm") as z:
        assert b"macroEnabled.main+xml" in z.read("[Content_Types].xml")
    settings = openpyxl.load_workbook(tmp_path / "book.xlsm")["Жөндөөлөр"]
    assert [settings[cell].value for cell in ("A3", "B3", "A11", "B11", "A12", "B12")] == [
        "Мектеп", "Ильич мектеби", "Окуу жылынын башталышы", dt.datetime(2020, 9, 1),
        "Окуу жылынын аягы", dt.datetime(2021, 5, 25)]
    assert [settings[cell].value for cell in ("D2", "E2", "F2", "D3", "E3", "F3")] == [
        "Каникулдун башталышы", "Каникулдун аягы", "Аталышы",
        dt.datetime(2020, 12, 30), dt.datetime(2021, 1, 10), "Кышкы каникул"]
    assert settings["D4"].value is None  # the winter break only


def test_new_in_russian(tmp_path):
    result = run("new", "книга.xlsx", cwd=tmp_path, lang="ru")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Создана новая книга: книга.xlsx\n", "")
    assert read_book(tmp_path / "книга.xlsx").lang == "ru"
    assert "Состав МО" in CalamineWorkbook.from_path(str(tmp_path / "книга.xlsx")).sheet_names


def test_lang_chooses_the_books_language_and_the_terminal_keeps_its_own(tmp_path):
    result = run("new", "ru.xlsx", "--lang", "ru", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "Жаңы китеп түзүлдү: ru.xlsx\n")
    assert read_book(tmp_path / "ru.xlsx").lang == "ru"
    result = run("new", "ky.xlsx", "--lang", "ky", cwd=tmp_path, lang="ru")
    assert (result.returncode, result.stdout) == (0, "Создана новая книга: ky.xlsx\n")
    assert read_book(tmp_path / "ky.xlsx").lang == "ky"
    result = run("new", "ky.xlsx", cwd=tmp_path, lang="ru")
    assert (result.returncode, result.stderr) == (
        2, "Ошибка: Файл ky.xlsx уже существует. Чтобы перезаписать, добавьте --force.\n")


def test_new_refuses_to_overwrite_without_force(tmp_path):
    run("new", "book.xlsm", cwd=tmp_path)
    before = (tmp_path / "book.xlsm").read_bytes()
    result = run("new", "book.xlsm", cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "Ката: book.xlsm файлы бар. Үстүнө жазуу үчүн --force кошуңуз.\n")
    assert (tmp_path / "book.xlsm").read_bytes() == before
    assert run("new", "book.xlsm", "--force", cwd=tmp_path).returncode == 0


@pytest.mark.parametrize("args, message", [
    (("new", "book.txt"), "Ката: Китептин аты .xlsx же .xlsm менен бүтүшү керек: book.txt\n"),
    (("new", "b.xlsx", "--year", "2020"), "Ката: Окуу жылын 2020-2021 түрүндө жазыңыз: 2020\n"),
])
def test_new_misuse(tmp_path, args, message):
    result = run(*args, cwd=tmp_path)
    assert (result.returncode, result.stderr) == (2, message)


def test_validate_json_is_exactly_the_library_report(tmp_path):
    rows = [dict(r) for r in ROWS["members"]]
    rows[1]["weekly_hours"] = 45
    path = make_book(tmp_path / "b.xlsx", members=rows)
    before = path.read_bytes()
    result = run("validate", path, "--json", "--no-write")
    assert result.returncode == 1
    printed = json.loads(result.stdout)
    assert list(printed) == ["valid", "errors", "warnings", "issues"]
    assert list(printed["issues"][0]) == ["sheet", "cell", "row", "column", "value", "code",
                                          "severity", "message"]
    assert printed == validate(read_book(path)).model_dump(mode="json")
    assert printed["issues"][0]["cell"] == "I4" and printed["valid"] is False
    assert path.read_bytes() == before  # --no-write writes nothing


def test_validate_writes_a_linked_sheet_and_keeps_every_register_value(tmp_path):
    rows = [dict(r) for r in ROWS["open_lessons"]]
    rows[0]["class"] = "7-A"
    path = make_book(tmp_path / "b.xlsx", open_lessons=rows)
    before = grids(path, register_sheets("ky"))
    result = run("validate", path)
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == f"Текшерүүнүн натыйжасы «Текшерүү» барагына жазылды: {path}"
    assert grids(path, register_sheets("ky")) == before
    ws = openpyxl.load_workbook(path)["Текшерүү"]
    assert [c.value for c in ws[1]] == ["№", "Барак", "Уяча", "Деңгээли", "Мааниси",
                                        "Эмне туура эмес", "Коду"]
    assert [c.value for c in ws[2]] == [
        1, "Ачык сабактар", "D3", "ката", "7-A",
        "Класстын аталышында («7-A») латын «A» тамгасы бар: кирилл тамгасы менен «7-А» деп "
        "жазыңыз.",
        "latin_class_letter"]
    assert ws["C2"].hyperlink.location == "'Ачык сабактар'!D3"
    assert (tmp_path / "b.xlsx.bak").exists()


def test_validating_twice_gives_the_same_sheet(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    run("validate", path)
    first = zipfile.ZipFile(path).read("xl/worksheets/sheet16.xml")
    run("validate", path)
    assert zipfile.ZipFile(path).read("xl/worksheets/sheet16.xml") == first
    assert CalamineWorkbook.from_path(str(path)).sheet_names.count("Текшерүү") == 1


def test_validate_in_russian_prints_russian(tmp_path):
    path = make_book(tmp_path / "b.xlsx", "ru")
    result = run("validate", path, "--no-write", lang="ru")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-2:] == ["Ошибок: 0, предупреждений: 0.",
                                               "Ошибок не найдено."]
    result = run("validate", path, "--no-write")  # a Kyrgyz terminal: Kyrgyz lines
    assert result.stdout.splitlines()[-2:] == ["Каталар: 0, эскертүүлөр: 0.",
                                               "Ката табылган жок."]


def test_the_terminal_speaks_russian_about_a_kyrgyz_book(tmp_path):
    """UBSHEETS_LANG is the terminal's language: headings, severities, totals and status lines
    follow it; the findings are the workbook's, in the workbook's language, as its sheet holds
    them."""
    rows = [dict(r) for r in ROWS["members"]]
    rows[1]["weekly_hours"] = 45
    path = make_book(tmp_path / "b.xlsx", members=rows)
    result = run("validate", path, lang="ru")
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert lines[1].split("┃")[1:5] == [" Лист    ", " Ячейка ", " Уровень ", lines[1].split("┃")[4]]
    assert "Что не так" in lines[1]
    [finding] = validate(read_book(path)).issues
    assert [cell.strip() for cell in lines[3].split("│")[1:5]] == [
        "Мүчөлөр", finding.cell, "ошибка", finding.message]  # the finding: Kyrgyz, as on its sheet
    assert lines[-2:] == ["Ошибок: 1, предупреждений: 0.",
                          f"Результат записан на лист «Текшерүү»: {path}"]
    result = run("summarize", path, lang="ru")
    assert (result.returncode, result.stdout, result.stderr) == (
        1, "Записан лист: Жыйынтык\nЗаписан лист: Текшерүү\n",
        "Внимание: в реестрах 1 ошибка; строки с ошибками не учтены (лист «Текшерүү»).\n")
    result = run("report", path, "--month", "2020-10", lang="ru")
    assert (result.returncode, result.stdout) == (
        1, "Записан лист: Отчет 2020-10\nЗаписан лист: Текшерүү\n")


def test_validate_a_russian_book_with_an_error(tmp_path):
    rows = [dict(r) for r in ROWS["members"]]
    rows[1]["weekly_hours"] = 45
    path = make_book(tmp_path / "b.xlsx", "ru", members=rows)
    result = run("validate", path, lang="ru")
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert len(lines) == 7
    assert lines[1] == "┃ Лист      ┃ Ячейка ┃ Уровень ┃ Что не так                                           ┃"
    assert lines[3] == "│ Состав МО │ I4     │ ошибка  │ Нагрузка 45 ч в неделю невозможна: допустимо 1–40 ч. │"
    assert lines[5:] == ["Ошибок: 1, предупреждений: 0.",
                         f"Результат записан на лист «Проверка»: {path}"]
    ws = openpyxl.load_workbook(path)["Проверка"]
    assert [c.value for c in ws[1]] == ["№", "Лист", "Ячейка", "Уровень", "Значение", "Что не так",
                                        "Код"]
    assert [c.value for c in ws[2]] == [1, "Состав МО", "I4", "ошибка", 45,
                                        "Нагрузка 45 ч в неделю невозможна: допустимо 1–40 ч.",
                                        "hours_out_of_range"]
    assert ws["C2"].hyperlink.location == "'Состав МО'!I4"


def test_a_workbook_open_in_excel_is_refused_for_writing(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    (tmp_path / "~$b.xlsx").write_bytes(excel_lock_bytes("Айгүл Асанова"))
    before = path.read_bytes()
    for command in (("validate",), ("report", "--month", "2020-10")):
        result = run(command[0], path, *command[1:])
        assert (result.returncode, result.stdout, result.stderr) == (
            2, "", "Ката: «b.xlsx» файлын азыр Айгүл Асанова Excel же LibreOffice программасында "
                   "ачып турат: файлды ошол жерде жаап, кайра аракет кылыңыз; эгер ал эч жерде ачык "
                   "болбосо, «~$b.xlsx» кулпу файлы программа күтүлбөй жабылгандан калган, аны "
                   "өчүрсөңүз болот.\n"), command
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx", "~$b.xlsx"]
    assert run("validate", path, "--no-write").returncode == 0  # reading is still allowed


def test_an_open_workbook_is_refused_for_writing(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    (tmp_path / ".~lock.b.xlsx#").write_text(",Айгүл,host,26.11.2026 10:00,file:///x;",
                                             encoding="utf-8")
    before = path.read_bytes()
    result = run("validate", path)
    assert result.returncode == 2
    assert result.stderr.startswith("Ката: «b.xlsx» файлын азыр Айгүл Excel же LibreOffice")
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before
    assert run("validate", path, "--no-write").returncode == 0


def _truncated(tmp_path: Path, path: Path) -> None:
    data = make_book(tmp_path / "whole.xlsx").read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _hostile(tmp_path: Path, path: Path) -> None:
    """A real workbook whose workbook.xml starts with an entity bomb."""
    with zipfile.ZipFile(make_book(tmp_path / "whole.xlsx")) as old, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = old.read(info)
            if info.filename == "xl/workbook.xml":
                data = BILLION_LAUGHS.encode() + data
            new.writestr(info.filename, data)


def _bomb(tmp_path: Path, path: Path) -> None:
    """A real workbook plus a 300 MiB part of spaces (about 0.3 MiB packed)."""
    with zipfile.ZipFile(make_book(tmp_path / "whole.xlsx")) as old, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info))
        with new.open("xl/worksheets/sheet99.xml", "w") as part:
            chunk = b" " * 1024**2
            for _ in range(300):
                part.write(chunk)


BAD_FILES = {
    "missing": (None, "«bad.xlsx» файлы табылган жок: папканы жана файлдын атын текшериңиз."),
    "directory": (lambda tmp_path, path: path.mkdir(),
                  "«bad.xlsx» файл эмес, папка: Excel файлын (.xlsx же .xlsm) тандаңыз."),
    "empty": (b"", "«bad.xlsx» файлы бош (0 байт): файлдын бүтүн нускасын кайра көчүрүп, дагы "
                   "аракет кылыңыз."),
    "not a workbook": (b"just some text, not a spreadsheet",
                       "«bad.xlsx» Excel китеби эмес: .xlsx же .xlsm файлын тандаңыз; эгер Excel "
                       "аны ача алса, .xlsx катары сактап, кайра аракет кылыңыз."),
    "legacy xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048),
                   "«bad.xlsx» эски .xls форматында: аны Excel же LibreOffice программасында "
                   "ачып, .xlsx же .xlsm катары сактаңыз (Файл → Сохранить как)."),
    "password": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
                 + "EncryptedPackage".encode("utf-16-le") + bytes(512),
                 "«bad.xlsx» файлы сырсөз менен корголгон: аны Excel программасында ачып, "
                 "сырсөздү алып салыңыз (Файл → Сведения → Защита книги → Зашифровать с "
                 "использованием пароля, талааны тазалаңыз) жана сактаңыз."),
    "truncated": (_truncated, "«bad.xlsx» файлы бузулган же толук эмес (толугу менен "
                              "көчүрүлдүбү?): аны булагынан кайра көчүрүп алыңыз."),
    "not ours": (lambda tmp_path, path: openpyxl.Workbook().save(path),
                 "bad.xlsx ubsheets китеби эмес: бул барактар жок: Жөндөөлөр, Мүчөлөр, Өз "
                 "билимин өркүндөтүү, Ачык сабактар, Иш-чаралар, Аткарылган иштер, Көзөмөл, Иш "
                 "кагаздары, Насаатчылык, Предметтик жумалыктар, Кружоктор, Администрациялык "
                 "текшерүү, Курстар, Жыйналыштар. Жаңы китепти «ubsheets new» менен түзүңүз."),
    "hostile xml": (_hostile, "«bad.xlsx» ичинде Excel эч качан жазбаган коркунучтуу XML "
                              "белгилери (DOCTYPE/ENTITY) бар: коопсуздук үчүн файл ачылбайт; "
                              "Excel программасында сакталган кадимки нускасын алыңыз."),
    "zip bomb": (_bomb, "«bad.xlsx» ачылганда өтө чоң көлөмгө айланат («zip-бомба»): "
                        "коопсуздук үчүн ал ачылбайт; жөнөткөн адамдан кадимки нускасын сураңыз."),
}


def _snapshot(path: Path):
    return path.read_bytes() if path.is_file() else path.is_dir()


@pytest.mark.parametrize("kind", BAD_FILES)
def test_bad_files_get_one_line_and_exit_2(tmp_path, kind):
    make, message = BAD_FILES[kind]
    path = tmp_path / "bad.xlsx"
    if isinstance(make, bytes):
        path.write_bytes(make)
    elif make is not None:
        make(tmp_path, path)
    before = _snapshot(path)
    started = time.perf_counter()
    result = run("validate", path)
    elapsed = time.perf_counter() - started
    assert (result.returncode, result.stdout, result.stderr) == (2, "", f"Ката: {message}\n")
    if kind == "zip bomb":
        assert elapsed < 3  # refused from the declared sizes: nothing was unpacked
    if kind == "truncated":  # the other way to run it: the same line
        again = run("validate", path, "--json", "--no-write")
        assert (again.returncode, again.stdout, again.stderr) == (2, "", f"Ката: {message}\n")
    assert _snapshot(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~ubsheets")) == []
    assert not (tmp_path / "bad.xlsx.bak").exists()


def test_error_messages_follow_ubsheets_lang(tmp_path):
    result = run("validate", tmp_path / "nothing.xlsx", lang="ru")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "Ошибка: Файл «nothing.xlsx» не найден: проверьте папку и имя файла.\n")


HELP = {  # command: (what it does, {option: its help}), as message keys
    "new": ("help_new", {"--from": "help_new_from", "--lang": "help_new_lang",
                         "--school": "help_new_school", "--year": "help_new_year",
                         "--force": "help_new_force", "--district": "help_new_district"}),
    "demo": ("help_demo", {"--schools": "help_demo_schools", "--members": "help_demo_members",
                           "--lang": "help_demo_lang", "--force": "help_demo_force"}),
    "validate": ("help_validate", {"--json": "help_json", "--no-write": "help_validate_no_write"}),
    "summarize": ("help_summarize", {"--json": "help_json"}),
    "report": ("help_report", {"--half": "help_report_half", "--month": "help_report_month",
                               "--year": "help_report_year", "--all": "help_report_all",
                               "--json": "help_json", "--pdf": "help_report_pdf"}),
    # -o/--output is listed as "-o, --output", beside the long options the test counts.
    "consolidate": ("help_consolidate", {"--json": "help_consolidate_json",
                                         "--month": "help_consolidate_month",
                                         "--lang": "help_consolidate_lang"}),
    "upgrade": ("help_upgrade", {"--lang": "help_upgrade_lang", "--year": "help_new_year"}),
}
USAGE = {"ky": "Колдонуу: ubsheets {} КИТЕП [ПАРАМЕТРЛЕР]",
         "ru": "Использование: ubsheets {} КНИГА [ПАРАМЕТРЫ]"}
USAGE["ky:demo"], USAGE["ru:demo"] = (USAGE["ky"].replace("КИТЕП", "ПАПКА"),
                                      USAGE["ru"].replace("КНИГА", "ПАПКА"))
USAGE["ky:consolidate"], USAGE["ru:consolidate"] = (USAGE["ky"].replace("КИТЕП", "КИТЕПТЕР"),
                                                    USAGE["ru"].replace("КНИГА", "КНИГИ"))
# Latin words a help page may hold: commands, options, the program, its variable, the names of
# programs and formats, file extensions, the two language codes.
HELP_NAMES = re.compile(r"--[a-z-]+|\b(?:ubsheets|UBSHEETS_LANG|new|demo|validate|summarize|report"
                        r"|consolidate|upgrade|template|build|workbook_templates|Excel|LibreOffice|JSON|PDF|ky|ru)\b"
                        r"|\.(?:xlsx|xlsm|bak)\b")


def help_words(stdout: str) -> str:
    """The help is drawn in boxes and wrapped: its words, in one line."""
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", stdout).split())


def english_words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z]{3,}", HELP_NAMES.sub(" ", text))


@pytest.mark.parametrize("lang", ["ky", "ru"])
@pytest.mark.parametrize("command", HELP)
def test_every_command_has_help_in_one_language_and_a_readme_mention(command, lang):
    what, options = HELP[command]
    result = run(command, "--help", lang=lang if lang == "ru" else None)
    assert (result.returncode, result.stderr) == (0, "")
    text = help_words(result.stdout)
    assert text.startswith(USAGE.get(f"{lang}:{command}", USAGE[lang]).format(command))
    assert t(what, lang) in text
    listed = re.findall(r"^│ (--[a-z-]+)", result.stdout, flags=re.MULTILINE)
    assert listed == [*options, "--help"]
    for option, key in options.items():
        assert t(key, lang) in text, option
    assert t("help_help", lang) in text
    assert english_words(text) == []
    for english in ("Usage", "Options", "Arguments", "Show this message", "[default", "[required",
                    "<bool>", "<int>", "<path>", "TEXT", "INTEGER"):
        assert english not in result.stdout
    assert f"ubsheets {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_main_help_is_in_one_language(lang):
    result = run("--help", lang=lang if lang == "ru" else None)
    assert (result.returncode, result.stderr) == (0, "")
    text = help_words(result.stdout)
    for key in ("help_app", "help_version", "help_help", "help_other_language"):
        assert t(key, lang) in text
    for command, (what, _options) in HELP.items():  # each command with its first sentence
        assert f"{command} {t(what, lang).split('. ')[0]}" in text
    assert english_words(text) == []


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_template_commands_help_is_in_one_language(lang):
    group = run("template", "--help", lang=lang if lang == "ru" else None)
    assert (group.returncode, group.stderr) == (0, "")
    assert f"build {t('help_template_build', lang).split('. ')[0]}" in help_words(group.stdout)
    result = run("template", "build", "--help", lang=lang if lang == "ru" else None)
    assert (result.returncode, result.stderr) == (0, "")
    text = help_words(result.stdout)
    for key in ("help_template_build", "help_template_folder", "help_template_year", "help_template_check"):
        assert t(key, lang) in text, key
    assert english_words(text) == []
    assert "ubsheets template build" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_help_says_what_a_default_is():
    text = help_words(run("demo", "--help", lang="ru").stdout)
    assert "--schools ЧИСЛО Сколько школ. По умолчанию: 1." in text
    assert "--members ЧИСЛО Сколько членов МО в каждой школе. По умолчанию: 12." in text


def test_console_script_is_installed():
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert version == "0.1.0"
    result = subprocess.run(["ubsheets", "--version"], capture_output=True, text=True)
    assert (result.returncode, result.stdout, result.stderr) == (0, f"ubsheets {version}\n", "")


def test_new_force_keeps_the_replaced_workbook_as_a_backup(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()
    assert run("new", path, "--force").returncode == 0
    assert (tmp_path / "b.xlsx.bak").read_bytes() == before


def test_brackets_in_a_cell_are_printed_as_typed(tmp_path):
    rows = [dict(r) for r in ROWS["members"]]
    rows[1]["weekly_hours"] = "x\\[/] [bold]"
    path = make_book(tmp_path / "b.xlsx", members=rows)
    result = run("validate", path, "--no-write")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "«x\\[/] [bold]» сан эмес." in result.stdout


def test_readme_lists_every_finding_code():
    from ubsheets.core.findings import CODES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert [code for code in CODES if f"`{code}`" not in readme] == []


def test_pdf_into_a_folder_that_cannot_be_made_is_refused_before_anything(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    before = path.read_bytes()
    folder = tmp_path / "afile" / "pdf"  # a file is in the way of the folder
    result = run("report", path, "--month", "2020-10", "--pdf", folder)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"Ката: PDF файлдарын «{folder}» папкасына сактоо мүмкүн эмес: ушундай аттуу файл "
               "жок экенин жана папкага жазууга укугуңуз бар экенин текшериңиз же башка папканы "
               "көрсөтүңүз — китепте эч нерсе өзгөргөн жок.\n")
    result = run("report", path, "--all", "--pdf", tmp_path / "afile", lang="ru")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", f"Ошибка: Нельзя сохранить PDF в папку «{tmp_path / 'afile'}»: проверьте, что нет "
               "файла с таким именем и что у вас есть право записи в эту папку, или укажите "
               "другую папку — книга не изменена.\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile", "b.xlsx"]
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "mine"


def test_pdf_into_a_folder_without_permission_is_refused_before_anything(
        tmp_path, monkeypatch, capsys):
    """What a read-only folder does, even when the tests run as root: creating a file in it is
    refused (os.open), as test_safe_write does; the command runs in this process to see it."""
    from ubsheets import cli

    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()
    folder = tmp_path / "pdf"
    folder.mkdir()
    real_open = os.open

    def refuse_in_folder(file, flags, *args, **kwargs):
        if Path(file).parent == folder and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied")
        return real_open(file, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse_in_folder)
    monkeypatch.delenv("UBSHEETS_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["ubsheets", "report", str(path), "--month", "2020-10",
                                      "--pdf", str(folder)])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    printed = capsys.readouterr()
    assert (exited.value.code, printed.out, printed.err) == (
        2, "", f"Ката: PDF файлдарын «{folder}» папкасына сактоо мүмкүн эмес: ушундай аттуу файл "
               "жок экенин жана папкага жазууга укугуңуз бар экенин текшериңиз же башка папканы "
               "көрсөтүңүз — китепте эч нерсе өзгөргөн жок.\n")
    assert path.read_bytes() == before
    assert list(folder.iterdir()) == []
