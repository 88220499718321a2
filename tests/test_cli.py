"""The command line as a user runs it: real subprocesses, exact messages, exact exit codes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import ROWS, make_book
from python_calamine import CalamineWorkbook

from ubsheets.core.validate import validate
from ubsheets.io.reader import read_book
from ubsheets.schema import ALL_TABLES

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, cwd: Path | None = None, lang: str | None = None):
    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"}
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


def _truncated(tmp_path):
    data = make_book(tmp_path / "whole.xlsx").read_bytes()
    return data[: len(data) // 2]


BAD_FILES = {
    "missing": (None, "Ката: «nothing.xlsx» файлы табылган жок"),
    "empty": (b"", "Ката: «bad.xlsx»"),
    "not a workbook": (b"just some text, not a spreadsheet", "Ката: «bad.xlsx»"),
    "legacy xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2048), "Ката: «bad.xlsx»"),
    "password": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)
                 + "EncryptedPackage".encode("utf-16-le") + bytes(512), "Ката: «bad.xlsx»"),
}


@pytest.mark.parametrize("kind", [*BAD_FILES, "truncated", "not ours"])
def test_bad_files_get_one_line_and_exit_2(tmp_path, kind):
    if kind == "truncated":
        path, expected = tmp_path / "bad.xlsx", "Ката: «bad.xlsx»"
        path.write_bytes(_truncated(tmp_path))
    elif kind == "not ours":
        path, expected = tmp_path / "bad.xlsx", "Ката: bad.xlsx ubsheets китеби эмес"
        openpyxl.Workbook().save(path)
    else:
        content, expected = BAD_FILES[kind]
        path = tmp_path / ("nothing.xlsx" if content is None else "bad.xlsx")
        if content is not None:
            path.write_bytes(content)
    before = path.read_bytes() if path.exists() else None
    for args in (("validate", path), ("validate", path, "--json", "--no-write")):
        result = run(*args)
        assert result.returncode == 2, result.stderr
        assert result.stdout == ""
        assert result.stderr.startswith(expected)
        assert len(result.stderr.splitlines()) == 1 and "Traceback" not in result.stderr
    assert (path.read_bytes() if path.exists() else None) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~ubsheets")) == []


def test_error_messages_follow_ubsheets_lang(tmp_path):
    result = run("validate", tmp_path / "nothing.xlsx", lang="ru")
    assert result.returncode == 2 and result.stderr.startswith("Ошибка: ")


def test_every_command_has_help_and_a_readme_mention():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for command in ("new", "demo", "validate", "summarize", "report"):
        result = run(command, "--help")
        assert result.returncode == 0 and "--help" in result.stdout
        assert f"ubsheets {command}" in readme


def test_console_script_is_installed():
    result = subprocess.run(["ubsheets", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("ubsheets ")


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
