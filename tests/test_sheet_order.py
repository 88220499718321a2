"""Report sheets stand in period order, and a sheet inserted among them moves nothing else: a
user's sheet-local names, our markers and print titles and the active tab stay on their sheets."""

from __future__ import annotations

import datetime as dt
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from builders import entries
from conftest import needs_libreoffice
from openpyxl.workbook.defined_name import DefinedName
from test_package_writer import minimal_workbook
from typer.testing import CliRunner

from ubsheets.cli import app
from ubsheets.core.periods import half_month, month, period_of_code
from ubsheets.core.sheet_order import report_sheet_order
from ubsheets.i18n import t
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.sheet_model import SheetSpec

PREFIX = {"ky": "Отчет", "ru": "Отчёт", "en": "Report"}
# The academic year's report sheets in the order wanted, with both halves of October.
CODES = ["2020-09", "2020-10", "2020-10-1", "2020-10-2", "2020-11", "2020-12", "2021-01", "2021-02",
         "2021-03", "2021-04", "2021-05", "2020-2021"]
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EDITED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
          "docProps/app.xml"}  # the sheet list


# --- the key ---------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru", "en"])
def test_report_sheets_sort_in_period_order(lang: str) -> None:
    names = [f"{PREFIX[lang]} {code}" for code in CODES]
    assert sorted(reversed(names), key=report_sheet_order) == names
    keys = [report_sheet_order(name) for name in names]
    assert all(a < b for a, b in zip(keys, keys[1:], strict=False))


def test_the_prefix_ignores_case_and_language() -> None:
    key = report_sheet_order("Отчет 2020-10-1")
    assert key == (dt.date(2020, 10, 1), 1)
    assert [report_sheet_order(n) for n in ("ОТЧЕТ 2020-10-1", "отчёт 2020-10-1", "REPORT 2020-10-1")] == [key] * 3
    assert report_sheet_order("Отчет 2020-2021") == (dt.date(2021, 8, 31), 2)


@pytest.mark.parametrize("name", ["Мүчөлөр", "Отчет foo", "Отчет", "Отчет 2020-9", "Отчет 2020-13",
                                  "Отчет 2020-10-3", "Отчет 2020-2022", "Отчет  2020-10", "Отчет 2020-10 ",
                                  "Отчеты 2020-10", "Жыйынтык 2020-10", "2020-10"])
def test_other_sheet_names_have_no_key(name: str) -> None:
    assert report_sheet_order(name) is None


def test_a_code_reads_back_as_its_period() -> None:
    assert period_of_code("2020-10-2") == half_month("2020-10-2")
    assert period_of_code("2020-10") == month("2020-10")
    year = period_of_code("2020-2021")
    assert year is not None and (year.kind, year.start, year.end) == ("year", dt.date(2020, 9, 1), dt.date(2021, 8, 31))
    assert [period_of_code(code) for code in (" 2020-10", "2020-1", "2020-10-01", "2020-2019", "")] == [None] * 5


# --- the writer: what names a sheet by its position follows it ------------------------------


@dataclass
class Layout:
    sheets: list[str]
    local: dict[str, set[tuple[str, str]]]  # sheet -> (defined name, its formula) of its local names
    active: str
    first: str


def layout(path: Path) -> Layout:
    """The sheets of ``path`` in order, and the sheet each position-based reference lands on."""
    root = ET.fromstring(entries(path)["xl/workbook.xml"])
    sheets = [sheet.get("name", "") for sheet in root.iter(f"{{{MAIN}}}sheet")]
    local: dict[str, set[tuple[str, str]]] = {}
    for name in root.iter(f"{{{MAIN}}}definedName"):
        # Our digest is a hash of the sheet's values (tests/test_user_edits.py); the rest is compared.
        if name.get("localSheetId") is not None and name.get("name") != "_ubsheets_digest":
            sheet = sheets[int(name.get("localSheetId", ""))]
            local.setdefault(sheet, set()).add((name.get("name", ""), name.text or ""))
    found = root.find(f"{{{MAIN}}}bookViews/{{{MAIN}}}workbookView")
    view = found.attrib if found is not None else {}  # no view: the first sheet is shown
    return Layout(sheets, local, sheets[int(view.get("activeTab", 0))], sheets[int(view.get("firstSheet", 0))])


def report_spec(code: str) -> SheetSpec:
    return SheetSpec(f"Отчет {code}", [["Отчет", code], ["№", "Мазмуну"]], print_title_rows=(2, 2))


def users_book(path: Path, sheets: list[str], active: str, first: str | None = None) -> Path:
    """A user's workbook with a sheet-local name on each sheet, and our marker on report sheets."""
    wb = xlsxwriter.Workbook(path)
    for name in sheets:
        ws = wb.add_worksheet(name)
        ws.write_row("A1", [name, 1, 2])
        ws.repeat_rows(0)  # _xlnm.Print_Titles, local to the sheet
        wb.define_name(f"'{name}'!mine", f"='{name}'!$B$1")
        if report_sheet_order(name):
            wb.define_name(f"'{name}'!_ubsheets_owned", "=TRUE")
    wb.get_worksheet_by_name(active).activate()
    if first:
        wb.get_worksheet_by_name(first).set_first_sheet()
    wb.close()
    return path


def test_a_new_report_sheet_goes_to_its_place_and_nothing_moves(tmp_path: Path) -> None:
    src = users_book(tmp_path / "users.xlsx", ["Data", "Отчет 2020-09", "Отчет 2020-11", "Notes"],
                     active="Notes", first="Отчет 2020-11")
    before = layout(src)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [report_spec("2020-10")], order=report_sheet_order)
    after = layout(out)
    assert after.sheets == ["Data", "Отчет 2020-09", "Отчет 2020-10", "Отчет 2020-11", "Notes"]
    ours = {("_ubsheets_owned", "TRUE"), ("_xlnm.Print_Titles", "'Отчет 2020-10'!$2:$2")}
    assert after.local == before.local | {"Отчет 2020-10": ours}
    assert (after.active, after.first) == ("Notes", "Отчет 2020-11")
    assert openpyxl.load_workbook(out).active.title == "Notes"
    changed = {name for name, data in entries(out).items() if entries(src).get(name) != data}
    assert changed - EDITED == {"xl/worksheets/sheet5.xml"}  # our new sheet; no other part moves


def test_without_order_a_new_sheet_goes_last(tmp_path: Path) -> None:
    src = users_book(tmp_path / "users.xlsx", ["Data", "Отчет 2020-11"], active="Data")
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [report_spec("2020-10")])
    assert layout(out).sheets == ["Data", "Отчет 2020-11", "Отчет 2020-10"]


def test_a_sheet_after_every_report_goes_after_the_last_one(tmp_path: Path) -> None:
    """Not at the end: after the last report sheet, before the user's sheets that follow them."""
    src = users_book(tmp_path / "users.xlsx", ["Отчет 2020-09", "Data", "Отчет 2020-10", "Notes"], active="Data")
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [report_spec("2020-10-1"), report_spec("2020-2021")], order=report_sheet_order)
    assert layout(out).sheets == ["Отчет 2020-09", "Data", "Отчет 2020-10", "Отчет 2020-10-1", "Отчет 2020-2021",
                                  "Notes"]
    assert layout(out).active == "Data"


def test_inserted_first_the_default_active_tab_stays_on_its_sheet(tmp_path: Path) -> None:
    """No activeTab means the first sheet: once a sheet goes before it, the tab is written."""
    src = users_book(tmp_path / "users.xlsx", ["Отчет 2020-11", "Data"], active="Отчет 2020-11")
    assert 'activeTab' not in entries(src)["xl/workbook.xml"].decode()
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [report_spec("2020-10")], order=report_sheet_order)
    after = layout(out)
    assert after.sheets == ["Отчет 2020-10", "Отчет 2020-11", "Data"]
    assert after.active == "Отчет 2020-11" and after.local["Data"] == layout(src).local["Data"]


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
def test_one_write_puts_its_sheets_in_order_in_an_x_prefixed_workbook(tmp_path: Path) -> None:
    src = minimal_workbook(tmp_path / "min.xlsx", prefix="x")
    out = tmp_path / "out.xlsx"
    codes = ["2020-11", "2020-2021", "2020-09", "2020-10-2", "2020-10"]
    write_owned_sheets(src, out, [report_spec(code) for code in codes], order=report_sheet_order)
    assert "<x:sheet " in entries(out)["xl/workbook.xml"].decode()
    names = [f"Отчет {code}" for code in ("2020-09", "2020-10", "2020-10-2", "2020-11", "2020-2021")]
    assert layout(out).local == {
        name: {("_ubsheets_owned", "TRUE"), ("_xlnm.Print_Titles", f"'{name}'!$2:$2")} for name in names
    }
    assert sheet_names(out) == names


# --- through the command line, on the demo ----------------------------------------------------


def ubsheets(*args: object, lang: str | None = None) -> str:
    """The CLI in this process, with UBSHEETS_LANG only when ``lang`` is given; its output. Every
    command here succeeds (exit code 0)."""
    result = CliRunner().invoke(app, [str(arg) for arg in args], env={"UBSHEETS_LANG": lang})
    assert result.exit_code == 0, result.output
    return result.stdout


def demo_book(directory: Path, lang: str) -> Path:
    """A demo school small enough to have no deliberate mistakes (reports then exit 0)."""
    ubsheets("demo", directory, "--members", 3, "--lang", lang)
    return directory / "school-01.xlsx"


def sheet_names(path: Path) -> list[str]:
    return openpyxl.load_workbook(path, read_only=True).sheetnames


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_later_halves_go_to_their_place(tmp_path: Path, lang: str) -> None:
    book = demo_book(tmp_path / "demo", lang)
    registers = sheet_names(book)
    ubsheets("report", book, "--all")
    written = ubsheets("report", book, "--half", "2020-10-1", lang=lang)
    assert written == t("sheet_written", lang, sheet=f"{PREFIX[lang]} 2020-10-1") + "\n"
    ubsheets("report", book, "--half", "2020-10-2")
    assert sheet_names(book) == registers + [f"{PREFIX[lang]} {code}" for code in CODES]


def users_demo(directory: Path) -> Path:
    """The demo after ``report --all``, then changed as a user might in Excel: the members' sheet
    moved after the reports, with a name of its own and print titles, active, and the tab bar
    scrolled to the November report."""
    book = demo_book(directory, "ky")
    ubsheets("report", book, "--all")
    wb = openpyxl.load_workbook(book)
    members = wb["Мүчөлөр"]
    wb.move_sheet(members, offset=len(wb.sheetnames) - 1 - wb.sheetnames.index("Мүчөлөр"))
    members.defined_names["my_teachers"] = DefinedName("my_teachers", attr_text="'Мүчөлөр'!$A$2:$A$4")
    members.print_title_rows = "1:1"
    wb.active = members
    wb.views[0].firstSheet = wb.sheetnames.index("Отчет 2020-11")
    wb.save(book)
    return book


def openpyxl_view(path: Path) -> dict[str, tuple[str | None, list[str]]]:
    """Each sheet's print titles and local names, as openpyxl (an independent reader) sees them."""
    wb = openpyxl.load_workbook(path)
    return {ws.title: (ws.print_title_rows, sorted(ws.defined_names)) for ws in wb.worksheets}


def test_an_insertion_leaves_the_users_names_and_tabs_on_their_sheets(tmp_path: Path) -> None:
    book = users_demo(tmp_path / "demo")
    before, seen_before = layout(book), openpyxl_view(book)
    assert before.sheets[-2:] == ["Отчет 2020-2021", "Мүчөлөр"]
    ubsheets("report", book, "--half", "2020-10-1")
    after = layout(book)
    at = before.sheets.index("Отчет 2020-11")
    assert after.sheets == before.sheets[:at] + ["Отчет 2020-10-1"] + before.sheets[at:]
    new = after.local["Отчет 2020-10-1"]
    assert after.local == before.local | {"Отчет 2020-10-1": new} and ("_ubsheets_owned", "TRUE") in new
    assert ("my_teachers", "'Мүчөлөр'!$A$2:$A$4") in after.local["Мүчөлөр"]
    assert (after.active, after.first) == ("Мүчөлөр", "Отчет 2020-11")
    seen = openpyxl_view(book)
    assert seen == seen_before | {"Отчет 2020-10-1": seen["Отчет 2020-10-1"]}
    assert seen["Мүчөлөр"] == ("$1:$1", ["my_teachers"])
    assert all("_ubsheets_owned" in names for sheet, (_, names) in seen.items() if report_sheet_order(sheet))
    assert openpyxl.load_workbook(book).active.title == "Мүчөлөр"


LO_MY_TEACHERS = ("my_teachers", "Мүчөлөр!$A$2:$A$4")  # LibreOffice leaves out needless quotes


@needs_libreoffice
def test_libreoffice_reads_the_order_and_keeps_our_sheets_ours(tmp_path: Path, libreoffice: Callable) -> None:
    """LibreOffice, the independent client: same order, every report sheet still carries our
    marker, so writing again replaces in place, and a new half still goes to its place."""
    book = users_demo(tmp_path / "demo")
    ubsheets("report", book, "--half", "2020-10-1")
    ours = layout(book)
    resaved = libreoffice(book, "xlsx", tmp_path / "resaved")
    seen = layout(resaved)
    assert seen.sheets == ours.sheets and seen.active == "Мүчөлөр"
    for sheet in ours.sheets:
        marked = any(name.casefold() == "_ubsheets_owned" for name, _ in seen.local.get(sheet, ()))
        assert marked == (report_sheet_order(sheet) is not None or sheet == "Текшерүү"), sheet
    assert LO_MY_TEACHERS in seen.local["Мүчөлөр"]
    copy = shutil.copy(resaved, tmp_path / "copy.xlsx")
    ubsheets("report", copy, "--half", "2020-10-1")  # ours: replaced in place, not refused
    assert layout(copy).sheets == ours.sheets
    ubsheets("report", copy, "--half", "2020-10-2")
    at = ours.sheets.index("Отчет 2020-11")
    again = layout(copy)
    assert again.sheets == ours.sheets[:at] + ["Отчет 2020-10-2"] + ours.sheets[at:]
    assert again.active == "Мүчөлөр" and LO_MY_TEACHERS in again.local["Мүчөлөр"]
    assert all(
        any(name.casefold() == "_ubsheets_owned" for name, _ in again.local.get(sheet, ()))
        for sheet in again.sheets if report_sheet_order(sheet)
    )
