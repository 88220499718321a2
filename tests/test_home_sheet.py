"""The macro-enabled master from ``new BOOK.xlsm``: its home sheet (texts, the period cell
``ub_period`` and its dropdown), its form-control buttons bound to the Subs of macros/ubsheets.bas,
its VBA project (read back by olevba), LibreOffice keeping the buttons bound, and the file writer
keeping the VBA project and the buttons byte for byte."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook

from tests.builders import assert_buttons_bound
from ubsheets import vba
from ubsheets.actions import new_workbook, report_file, validate_file
from ubsheets.core.periods import chooser
from ubsheets.i18n import t
from ubsheets.io.home_sheet import BUTTONS, HOME_SHEET, PERIOD_NAME

olevba = pytest.importorskip("oletools.olevba", reason="oletools is a test dependency (olevba)")

SUBS = set(re.findall(r"^Public Sub (\w+)\(\)", (vba.MACROS / "ubsheets.bas").read_text(), re.M))
VML = "xl/drawings/vmlDrawing1.vml"


@pytest.fixture(scope="module", params=["ky", "ru"])
def book(request, tmp_path_factory) -> tuple[str, Path]:
    path = tmp_path_factory.mktemp("home") / "b.xlsm"
    return request.param, new_workbook(path, request.param, year="2020-2021")


def expected_periods() -> list[str]:
    months = [(2020, m) for m in range(9, 13)] + [(2021, m) for m in range(1, 6)]
    return [code for y, m in months for code in (f"{y}-{m:02d}", f"{y}-{m:02d}-1", f"{y}-{m:02d}-2")] \
        + ["2020-2021"]


def test_the_home_sheet_comes_first_with_its_texts(book):
    lang, path = book
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names[0] == HOME_SHEET.get(lang) == {"ky": "Башкы бет", "ru": "Главная"}[lang]
    cells = [value for row in workbook.get_sheet_by_index(0).to_python() for value in row if value != ""]
    for key in ("home_title", "home_note", *(b.does for b in BUTTONS)):
        assert t(key, lang) in cells, key
    # The hint's examples are this book's year: October 2020, and the year 2020-2021.
    hint = t("home_period_hint", lang, month="2020-10", year="2020-2021")
    assert hint in cells and "2020-10-1" in hint and "2020-10-2" in hint


def test_ub_period_names_a_text_cell_with_the_years_periods(book):
    lang, path = book
    wb = openpyxl.load_workbook(path)
    home = wb.worksheets[0]
    [(title, ref)] = list(wb.defined_names[PERIOD_NAME].destinations)
    assert title == home.title and ref == "$B$3"
    cell = home["B3"]
    assert cell.number_format == "@" and cell.value == "2020-2021"
    [dv] = home.data_validations.dataValidation
    assert dv.type == "list" and str(dv.sqref) == "B3"
    # A warning, so that a period the list lacks (another year set since) can still be typed.
    assert dv.errorStyle == "warning" and dv.showErrorMessage
    first, last = dv.formula1.replace("$", "").split(":")
    assert [c.value for row in home[f"{first}:{last}"] for c in row] == expected_periods()
    # Every listed period is one the report understands.
    for code in expected_periods():
        text = {"half": (code, None, False), "month": (None, code, False)}
        kind = "year" if code == "2020-2021" else "half" if code.count("-") == 2 else "month"
        if kind != "year":
            half, month, year = text[kind]
            assert chooser(half, month, year, False)(None)[0].code == code  # type: ignore[arg-type]


def test_each_button_runs_an_existing_sub_and_reads_in_the_books_language(book):
    lang, path = book
    with zipfile.ZipFile(path) as package:
        vml = package.read(VML).decode("utf-8")
        sheet = package.read("xl/worksheets/sheet1.xml").decode()
        rels = package.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        types = package.read("[Content_Types].xml").decode()
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert macros == ["UbValidate", "UbSummarize", "UbReport"] and set(macros) <= SUBS
    assert vml.count('<x:ClientData ObjectType="Button">') == len(macros) == vml.count('o:spt="201"') + 2
    assert vml.count('type="#_x0000_t201"') == len(macros) and "\r\n" in vml
    for button in BUTTONS:
        assert f">{t(button.caption, lang)}</font>" in vml
    assert re.search(r'<legacyDrawing r:id="(rId\d+)"/>', sheet)
    assert 'Target="../drawings/vmlDrawing1.vml"' in rels and "/vmlDrawing" in rels
    assert 'Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"' in types
    # The idmap block is not one the comments' drawings use.
    assert re.search(r'<o:idmap v:ext="edit" data="2"/>', vml)


def test_olevba_reads_the_macros(book):
    _, path = book
    parser = olevba.VBA_Parser(str(path))
    try:
        sources = {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()
    ours = next(code for name, code in sources.items() if name.startswith("UbSheets"))
    for sub in SUBS:
        assert f"Sub {sub}()" in ours
    assert any(name.startswith("xlwings") for name in sources)


def test_the_writer_keeps_the_project_and_the_buttons(book, tmp_path):
    lang, path = book
    copy = tmp_path / "copy.xlsm"
    copy.write_bytes(path.read_bytes())
    with zipfile.ZipFile(copy) as package:
        before = {name: package.read(name) for name in (vba.PART, VML)}
    validate_file(copy, backup=False)
    report_file(copy, chooser(None, "2020-10", False, False))
    with zipfile.ZipFile(copy) as package:
        assert {name: package.read(name) for name in before} == before
        assert b"<legacyDrawing" in package.read("xl/worksheets/sheet1.xml")
    names = CalamineWorkbook.from_path(str(copy)).sheet_names
    assert names[0] == HOME_SHEET.get(lang) and len(names) > len(CalamineWorkbook.from_path(str(path)).sheet_names)


def test_xlsx_has_no_home_sheet(tmp_path):
    path = new_workbook(tmp_path / "b.xlsx", "ky")
    assert HOME_SHEET.ky not in CalamineWorkbook.from_path(str(path)).sheet_names
    with zipfile.ZipFile(path) as package:
        assert vba.PART not in package.namelist()


@needs_libreoffice
def test_libreoffice_keeps_the_buttons_bound(book, libreoffice, tmp_path):
    lang, path = book
    assert_buttons_bound(libreoffice(path, "ods", tmp_path), BUTTONS, lang)
