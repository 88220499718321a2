"""Cells that are not what they seem: a stray value far away, an error value, a formula that was
never calculated. Each is reported where it is; none crashes a command or exhausts memory.

The far-away cases run ubsheets in a subprocess under a 1.5 GB address-space limit: on a reader
that materialises empty space they would abort (exit -6, a Rust backtrace) or take gigabytes."""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from builders import check, findings_of, make_book
from conftest import needs_libreoffice

from ubsheets.core.a1 import col_letter
from ubsheets.core.validate import validate
from ubsheets.io.reader import read_book
from ubsheets.io.sheet_scan import MAX_COLUMNS, MAX_ROWS, is_plain, scan_cells, sheet_entries
from ubsheets.schema import ALL_TABLES
from ubsheets.schema.events import ACTIVITY_LOG

ROOT = Path(__file__).resolve().parent.parent
MEMORY_LIMIT_BYTES = 1536 * 1024**2
TIME_LIMIT_S = 60  # each run takes about a second here; CI machines are slower, not 60 times
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EMPTY_TEXT_AT_XFD1048576 = '<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t></t></is></c></row>'
MEMBERS = "Мүчөлөр"


def run_limited(*args: object) -> tuple[subprocess.CompletedProcess[str], float]:
    """``python -m ubsheets ARGS`` from this checkout, its memory capped, and how long it took."""
    def cap_memory() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))

    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"} | {"COLUMNS": "200"}
    start = time.monotonic()
    result = subprocess.run([sys.executable, "-m", "ubsheets", *map(str, args)], cwd=ROOT, env=env,
                            capture_output=True, text=True, timeout=300, preexec_fn=cap_memory)
    return result, time.monotonic() - start


def edited(source: Path, target: Path, sheet: str, edit: Callable[[str], str]) -> Path:
    """A copy of the workbook with one sheet's XML changed by ``edit``."""
    with zipfile.ZipFile(source) as package:
        entry = sheet_entries(package)[sheet]
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
            for info in package.infolist():
                data = package.read(info)
                copy.writestr(info, edit(data.decode()).encode() if info.filename == entry else data)
    return target


def appended(rows: str) -> Callable[[str], str]:
    return lambda xml: xml.replace("</sheetData>", rows + "</sheetData>")


def added_cell(row: int, cell: str) -> Callable[[str], str]:
    """``cell`` at the end of row ``row`` (the cells of a row stay in order: add from left)."""
    def edit(xml: str) -> str:
        changed, count = re.subn(rf'(<row r="{row}"[^>]*>.*?)(</row>)', rf"\1{cell}\2", xml, count=1)
        assert count == 1, row
        return changed

    return edit


def replaced_cell(ref: str, cell: str) -> Callable[[str], str]:
    def edit(xml: str) -> str:
        changed, count = re.subn(rf'<c r="{ref}"[^>]*?(?:/>|>.*?</c>)', cell, xml, count=1)
        assert count == 1, ref
        return changed

    return edit


def outside_findings(path: Path) -> list[tuple[str, str, str]]:
    return [f for f in findings_of(check(path)) if f[2] == "value_outside_table"]


def test_an_empty_text_at_xfd1048576_is_one_warning_read_in_bounded_memory(tmp_path):
    book = edited(make_book(tmp_path / "valid.xlsx"), tmp_path / "far.xlsx", MEMBERS,
                  appended(EMPTY_TEXT_AT_XFD1048576))
    result, seconds = run_limited("validate", book, "--no-write")
    assert (result.returncode, result.stderr) == (0, "")
    assert ("│ Мүчөлөр │ XFD1048576 │ эскертүү │ Бул маани реестрдин таблицасынан алыс турат жана "
            "окулбайт: керек болсо таблицага көчүрүңүз, болбосо өчүрүңүз. │"
            ) in result.stdout.splitlines()
    assert "Каталар: 0, эскертүүлөр: 1." in result.stdout.splitlines()
    assert seconds < TIME_LIMIT_S


@pytest.mark.parametrize("command", [["summarize"], ["report", "--all"], ["validate"]])
def test_every_command_that_reads_a_workbook_reads_it_in_bounded_memory(tmp_path, command):
    """A value at XFD3000 alone took 1.9 GB: a command that writes reads the book twice."""
    book = edited(make_book(tmp_path / "valid.xlsx"), tmp_path / "far.xlsx", MEMBERS,
                  appended('<row r="3000"><c r="XFD3000"><v>1</v></c></row>'))
    result, seconds = run_limited(command[0], book, *command[1:])
    assert (result.returncode, result.stderr) == (0, "")
    assert seconds < TIME_LIMIT_S


def handcrafted_book(path: Path) -> tuple[Path, list[tuple[str, str]]]:
    """A workbook of a few KB written by hand: every register's sheet with its headers in row 1
    and, on each, a cell placed far away in one of the ways calamine accepts. Returns it and
    where each far cell is, as (sheet, cell)."""
    strays = [  # (rows appended to the sheet's data, or put before it with "^"; the cell)
        (EMPTY_TEXT_AT_XFD1048576, "XFD1048576"),
        ('<row r="1048576"><c r="xfd1048576" t="inlineStr"><is><t>x</t></is></c></row>', "XFD1048576"),
        # no references: calamine counts the cells of a row, 16,383 empty ones then a value
        ('<row r="150000">' + "<c/>" * 16383 + "<c><v>1</v></c></row>", "XFD150000"),
        (f'<row r="1048576"><x:c xmlns:x="{MAIN_NS}" r="XFD1048576"><x:v>1</x:v></x:c></row>',
         "XFD1048576"),
        ('<row r="1048576"><c r="XFD1048576" t="e"><v>#REF!</v></c></row>', "XFD1048576"),
        ('^<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', "XFD1048576"),  # first, unsorted
        ('<row r="1048576"><c><v>1</v></c></row>', "A1048576"),
        ('<row r="2"><c r="AG2"><v>1</v></c></row><row r="250000"><c r="AF250000"><v>1</v></c></row>',
         "AG2"),
    ]
    sheets: dict[str, list[str]] = {}
    for register in ALL_TABLES:
        cells = sheets.setdefault(register.sheet.ky, [])
        for offset, column in enumerate(register.columns):
            ref = f"{col_letter(register.first_col + offset)}1"
            cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{column.header.ky}</t></is></c>')
    parts, expected = {}, []
    for number, (name, headers) in enumerate(sheets.items(), start=1):
        stray, cell = strays[number % len(strays)]
        first = stray[1:] if stray.startswith("^") else ""
        last = "" if first else stray
        parts[f"xl/worksheets/sheet{number}.xml"] = (
            f'<worksheet xmlns="{MAIN_NS}"><sheetData>{first}<row r="1">{"".join(headers)}</row>'
            f"{last}</sheetData></worksheet>")
        expected.append((name, cell))
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    listed = "".join(f'<sheet name="{name}" sheetId="{n}" r:id="rId{n}"/>'
                     for n, name in enumerate(sheets, start=1))
    parts["xl/workbook.xml"] = (f'<workbook xmlns="{MAIN_NS}" xmlns:r="{rel}"><sheets>{listed}'
                                "</sheets></workbook>")
    parts["xl/_rels/workbook.xml.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        + "".join(f'<Relationship Id="rId{n}" Type="{rel}/worksheet" Target="worksheets/sheet{n}.xml"/>'
                  for n in range(1, len(sheets) + 1)) + "</Relationships>")
    parts["_rels/.rels"] = (
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        for name, xml in parts.items():
            package.writestr(name, xml)
    return path, expected


def test_a_handcrafted_workbook_of_a_few_kb_is_read_in_bounded_memory(tmp_path):
    book, expected = handcrafted_book(tmp_path / "hostile.xlsx")
    assert book.stat().st_size < 8 * 1024
    result, seconds = run_limited("validate", book, "--no-write", "--json")
    assert (result.returncode, result.stderr) == (1, "")  # the settings are empty: errors
    issues = json.loads(result.stdout)["issues"]
    assert [(i["sheet"], i["cell"]) for i in issues if i["code"] == "value_outside_table"] == expected
    assert seconds < TIME_LIMIT_S


def test_the_bounds_hold_a_register_with_room_to_spare():
    assert (MAX_ROWS, MAX_COLUMNS) == (199_999, 32)
    assert max(len(reg.columns) + reg.first_col - 1 for reg in ALL_TABLES) * 2 < MAX_COLUMNS


def test_a_note_beside_the_table_is_read_as_before_and_one_further_away_is_reported(tmp_path):
    """The members' last header is in M: N to P are the user's (ignored, as always), Q on is
    outside; one finding per sheet, at the first such cell, counting the others."""
    book = edited(make_book(tmp_path / "valid.xlsx"), tmp_path / "notes.xlsx", MEMBERS,
                  added_cell(4, '<c r="P4" t="inlineStr"><is><t>телефон</t></is></c>'))
    assert findings_of(check(book)) == []
    book = edited(book, tmp_path / "far-notes.xlsx", MEMBERS,
                  added_cell(4, '<c r="Q4" t="inlineStr"><is><t>эскертме</t></is></c>'))
    book = edited(book, tmp_path / "far-notes2.xlsx", MEMBERS,
                  appended('<row r="1200"><c r="B1200"><v>7</v></c></row>'))
    [finding] = check(book).issues
    assert (finding.sheet, finding.cell, finding.code, finding.severity, finding.value) == (
        MEMBERS, "Q4", "value_outside_table", "warning", "эскертме")
    assert finding.message == ("Бул маани реестрдин таблицасынан алыс турат жана окулбайт (дагы 1"
                               " уяча): керек болсо таблицага көчүрүңүз, болбосо өчүрүңүз.")


def test_a_value_below_a_long_empty_gap_is_reported_not_read_as_a_row(tmp_path):
    """The members end in row 5: a value after more than 1,000 empty rows is outside, and so is
    all below it; one after 1,000 is a row of the register (what it lacks reported, as always)."""
    valid = make_book(tmp_path / "valid.xlsx", lang="ru")
    far = edited(valid, tmp_path / "far.xlsx", "Состав МО",
                 appended('<row r="1007"><c r="A1007" t="inlineStr"><is><t>Иванов</t></is></c></row>'
                          '<row r="1010"><c r="C1010"><v>3</v></c></row>'))
    [finding] = check(far).issues
    assert (finding.cell, finding.code) == ("A1007", "value_outside_table")
    assert finding.message == ("Это значение стоит далеко за пределами таблицы реестра и не читается"
                               " (и ещё 1 ячейка): перенесите его в таблицу или удалите.")
    near = edited(valid, tmp_path / "near.xlsx", "Состав МО",
                  appended('<row r="1006"><c r="A1006" t="inlineStr"><is><t>Иванов</t></is></c></row>'))
    assert ("Состав МО", "B1006", "required") in findings_of(check(near))
    assert outside_findings(near) == []


def test_cells_beyond_the_bounds_are_left_out_and_the_registers_read_as_before(tmp_path):
    """A1:AF199999 is read; AG and row 200,000 on are reported, never read into a grid."""
    valid = make_book(tmp_path / "valid.xlsx")
    far = edited(valid, tmp_path / "far.xlsx", MEMBERS, appended(
        '<row r="5"><c r="AG5"><v>1</v></c></row><row r="200000"><c r="A200000"><v>1</v></c></row>'))
    [finding] = check(far).issues
    assert (finding.cell, finding.code, finding.value) == ("AG5", "value_outside_table", None)
    assert finding.message == ("Бул маани реестрдин таблицасынан алыс турат жана окулбайт (дагы 1"
                               " уяча): керек болсо таблицага көчүрүңүз, болбосо өчүрүңүз.")
    assert rows_of(far) == rows_of(valid)


def sheet_xml(cells: str) -> bytes:
    return (f'<worksheet xmlns="{MAIN_NS}" xmlns:x="{MAIN_NS}"><sheetData><row r="1">{cells}</row>'
            "</sheetData></worksheet>").encode()


@pytest.mark.parametrize(("cells", "plain"), [
    ('<c r="AF199999" s="1" t="s"><v>0</v></c><c r="B2" s="3" />', True),
    ('<c r="A1"><f>1+1</f><v>2</v></c>', True),
    ('<c r="AG1"><v>1</v></c>', False),
    ('<c r="A200000"><v>1</v></c>', False),
    ('<c r="a1"><v>1</v></c>', False),  # calamine reads lower case too: the walk places it
    ('<c s="1" r="A1"><v>1</v></c>', False),
    ("<c><v>1</v></c>", False),
    ('<c r="A1" t="e"><v>#REF!</v></c>', False),
    ('<c r="A1"><f>1+1</f></c>', False),
    ('<c r="A1"><f t="shared" si="0"/><v/></c>', False),
    ('<c r="A1"><f>1+1</f><v></v></c>', False),
    ('<c r="A1" t="str"><f>""</f><v></v></c>', False),  # a false alarm: the walk finds text ""
    ('<x:c r="A1"><x:v>1</x:v></x:c>', False),  # a false alarm (its end tag): the walk reads it
])
def test_a_sheet_is_plain_when_calamine_can_read_it_as_it_is(cells, plain):
    assert is_plain(sheet_xml(cells)) is plain


def test_the_walk_finds_what_calamine_reads_as_empty_and_what_lies_beyond():
    scan = scan_cells(sheet_xml(
        '<c r="B1" t="e"><v>#N/A</v></c><c r="C1"><f>A1*2</f></c><c r="D1" s="4"/>'
        '<c r="E1" t="str"><f>""</f><v></v></c>'
        '<c r="AG1" t="inlineStr"><is><t></t></is></c><c r="XFD1"><f>1</f></c>'
        '</row><row r="199999"><c r="AF199999"><v>1</v></c></row><row r="200000"><c><v>1</v></c>'))
    assert scan.marks == {(1, 2): "#N/A", (1, 3): "=A1*2"}
    assert [mark.code for mark in scan.marks.values()] == ["error_value", "formula_without_value"]
    assert (scan.beyond, scan.first_beyond, scan.needs_copy) == (2, (1, 33), True)


def rows_of(path: Path) -> dict[str, list[tuple[int, dict]]]:
    return {key: [(row.line, row.values) for row in table.rows]
            for key, table in read_book(path).tables.items()}


@pytest.mark.parametrize(("error", "ref"), [("#REF!", "I4"), ("#DIV/0!", "I4"), ("#N/A", "M4"),
                                             ("#SPILL!", "I4"), ("#CALC!", "M4")])
def test_an_error_value_is_reported_as_one(tmp_path, error, ref):
    """Not "must be filled" (calamine reads it as an empty cell), and #SPILL!, which calamine
    refuses, does not make the whole workbook "damaged"."""
    book = edited(make_book(tmp_path / "valid.xlsx"), tmp_path / "error.xlsx", MEMBERS,
                  replaced_cell(ref, f'<c r="{ref}" s="5" t="e"><f>A1/0</f><v>{error}</v></c>'))
    [finding] = check(book).issues
    assert (finding.sheet, finding.cell, finding.code, finding.severity, finding.value) == (
        MEMBERS, ref, "error_value", "error", error)
    assert finding.message == f"Уячада ката мааниси бар ({error}): формуланы оңдоңуз же маанини жазыңыз."


def test_a_picture_placed_in_a_cell_is_not_an_error_value(tmp_path):
    """Excel 365 stores a picture placed in a cell as #VALUE! with value metadata ("vm")."""
    book = edited(make_book(tmp_path / "valid.xlsx"), tmp_path / "picture.xlsx", MEMBERS,
                  replaced_cell("M4", '<c r="M4" t="e" vm="1"><v>#VALUE!</v></c>'))
    assert check(book).issues == []


def test_a_formula_without_a_saved_value_is_reported_as_one(tmp_path):
    """openpyxl saves formulas without their values; Excel saves both."""
    valid = make_book(tmp_path / "valid.xlsx", lang="ru")
    book = tmp_path / "formula.xlsx"
    workbook = openpyxl.load_workbook(valid)
    workbook["Состав МО"]["I4"] = "=10+8"
    workbook.save(book)
    [finding] = check(book).issues
    assert (finding.cell, finding.code, finding.value) == ("I4", "formula_without_value", "=10+8")
    assert finding.message == "У формулы нет сохранённого значения: откройте файл в Excel и сохраните его."
    saved = edited(book, tmp_path / "saved.xlsx", "Состав МО",
                   replaced_cell("I4", '<c r="I4"><f>10+8</f><v>18</v></c>'))
    assert check(saved).issues == []


def test_marks_in_a_row_of_their_own_are_read_as_a_row(tmp_path):
    """A formula without a value past calamine's last row still makes a row of the register."""
    book = edited(make_book(tmp_path / "valid.xlsx"), tmp_path / "edge.xlsx", MEMBERS,
                  appended('<row r="6"><c r="A6"><f>A5</f></c></row>'))
    assert ((MEMBERS, "A6", "formula_without_value") in findings_of(check(book)))


@needs_libreoffice
def test_the_walk_places_cells_as_calamine_does(tmp_path, libreoffice):
    """A book LibreOffice saved (shared strings, styles, dates as numbers), its members' cells
    written without references and a cell beyond the bounds added (in AH: small enough to run in
    this process): read through the copy the reader makes for calamine, every register reads as
    the book itself does."""
    far = source = libreoffice(make_book(tmp_path / "valid.xlsx"), "xlsx", tmp_path / "lo")
    sheets = [MEMBERS, ACTIVITY_LOG.sheet.ky]  # texts and numbers; dates and times by their style
    for number, sheet in enumerate(sheets):
        far = edited(far, tmp_path / f"bare{number}.xlsx", sheet,
                     lambda xml: re.sub(r'(<c) r="[A-Z]+[0-9]+"', r"\1", xml))
        far = edited(far, tmp_path / f"far{number}.xlsx", sheet,
                     appended('<row r="40"><c r="AH40"><v>1</v></c></row>'))
    assert rows_of(far) == rows_of(source)
    issues = validate(read_book(far)).issues
    assert [f for f in issues if f.code != "value_outside_table"] == validate(read_book(source)).issues
    assert [(f.sheet, f.cell) for f in issues if f.code == "value_outside_table"] == [
        (sheet, "AH40") for sheet in sheets]
