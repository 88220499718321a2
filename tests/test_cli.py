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
    assert book.lang == "ky" and book.template_version == "1"
    assert validate(book).errors == 0
    with zipfile.ZipFile(tmp_path / "book.xlsm") as z:
        assert b"macroEnabled.main+xml" in z.read("[Content_Types].xml")
    settings = openpyxl.load_workbook(tmp_path / "book.xlsm")["Жөндөөлөр"]
    assert [settings[cell].value for cell in ("A2", "B2", "A9", "B9", "A10", "B10")] == [
        "Мектеп", "Ильич мектеби", "Окуу жылынын башталышы", dt.datetime(2020, 9, 1),
        "Окуу жылынын аягы", dt.datetime(2021, 5, 25)]
    assert [settings[cell].value for cell in ("D1", "E1", "F1", "D2", "E2", "F2")] == [
        "Каникулдун башталышы", "Каникулдун аягы", "Аталышы",
        dt.datetime(2020, 12, 30), dt.datetime(2021, 1, 10), "Кышкы каникул"]
    assert settings["D3"].value is None  # the winter break only


def test_new_in_russian(tmp_path):
    result = run("new", "книга.xlsx", "--lang", "ru", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "Создана новая книга: книга.xlsx\n")
    assert "Состав МО" in CalamineWorkbook.from_path(str(tmp_path / "книга.xlsx")).sheet_names


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
    assert printed["issues"][0]["cell"] == "I3" and printed["valid"] is False
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
        1, "Ачык сабактар", "D2", "ката", "7-A",
        "«7-A» классында латын тамгасы бар: кириллица менен «7-А» деп жазыңыз.",
        "latin_class_letter"]
    assert ws["C2"].hyperlink.location == "'Ачык сабактар'!D2"
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
    result = run("validate", path, "--no-write")
    assert result.returncode == 0
    assert result.stdout.splitlines()[-2:] == ["Ошибок: 0, предупреждений: 0.",
                                               "Ошибок не найдено."]


def test_validate_a_russian_book_with_an_error(tmp_path):
    rows = [dict(r) for r in ROWS["members"]]
    rows[1]["weekly_hours"] = 45
    path = make_book(tmp_path / "b.xlsx", "ru", members=rows)
    result = run("validate", path)
    assert (result.returncode, result.stderr) == (1, "")
    lines = result.stdout.splitlines()
    assert len(lines) == 7
    assert lines[1] == "┃ Лист      ┃ Ячейка ┃ Уровень ┃ Что не так                                           ┃"
    assert lines[3] == "│ Состав МО │ I3     │ ошибка  │ Нагрузка 45 ч в неделю невозможна: допустимо 1–40 ч. │"
    assert lines[5:] == ["Ошибок: 1, предупреждений: 0.",
                         f"Результат записан на лист «Проверка»: {path}"]
    ws = openpyxl.load_workbook(path)["Проверка"]
    assert [c.value for c in ws[1]] == ["№", "Лист", "Ячейка", "Уровень", "Значение", "Что не так",
                                        "Код"]
    assert [c.value for c in ws[2]] == [1, "Состав МО", "I3", "ошибка", 45,
                                        "Нагрузка 45 ч в неделю невозможна: допустимо 1–40 ч.",
                                        "hours_out_of_range"]
    assert ws["C2"].hyperlink.location == "'Состав МО'!I3"


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


LANG_HELP = "Китептин тили / язык книги: ky (кыргызча) же/или ru (русский)."
JSON_HELP = "JSON менен чыгаруу / вывод в JSON."
HELP = {  # command: (what it does, {option: its help})
    "new": ("Бош мастер-китеп түзөт / создать пустую мастер-книгу со всеми реестрами.", {
        "--lang": LANG_HELP,
        "--school": "Мектептин аталышы / название школы.",
        "--year": "Окуу жылы / учебный год, мисалы 2020-2021 (демейки: учурдагы).",
        "--force": "Бар файлдын үстүнө жазуу / перезаписать существующий файл.",
    }),
    "demo": ("Толтурулган демо-китептерди жазып, биринчисин текшерет / записать демо-книги и "
             "проверить первую.", {
                 "--schools": "Канча мектеп / сколько школ.",
                 "--members": "Мүчөлөрдүн саны / членов МО в школе.",
                 "--lang": LANG_HELP,
             }),
    "validate": ("Реестрлерди текшерет / проверить реестры книги. Код: 0 ката жок / ошибок нет, 1 "
                 "ката бар / есть ошибки, 2 файл окулбады / файл не прочитан.", {
                     "--json": JSON_HELP,
                     "--no-write": "Текшерүү барагын жазбоо / не записывать лист проверки.",
                 }),
    "summarize": ("Жыйынтык барагын жазат / записать лист сводки (квалификация, открытые уроки, "
                  "мероприятия, контроль, документы, самообразование).", {"--json": JSON_HELP}),
    "report": ("УБнын жетекчисинин отчетун жазат / записать отчёт руководителя МО за период.", {
        "--half": "Жарым ай / полмесяца: 2020-10-1 (1–15) же/или 2020-10-2 (16–31).",
        "--month": "Ай / месяц: 2020-10.",
        "--year": "Жылдык отчет / годовой отчёт.",
        "--all": "Ар бир ай жана жылдык / каждый месяц и годовой.",
        "--json": JSON_HELP,
        "--pdf": "PDF папкасы / папка для PDF (LibreOffice).",
    }),
}


@pytest.mark.parametrize("command", HELP)
def test_every_command_has_help_and_a_readme_mention(command):
    what, options = HELP[command]
    result = run(command, "--help")
    assert (result.returncode, result.stderr) == (0, "")
    # The help is drawn in boxes and wrapped: compare its words.
    text = " ".join(re.sub(r"[│╭╮╰╯─]", " ", result.stdout).split())
    assert text.startswith(f"Usage: ubsheets {command} [OPTIONS]")
    assert what in text
    listed = re.findall(r"^│ (?:\*\s+)?(--[a-z-]+)", result.stdout, flags=re.MULTILINE)
    assert listed == [*options, "--help"]
    for option, help_text in options.items():
        assert help_text in text, option
    assert f"ubsheets {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


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
