"""write_owned_sheets: our sheets go in, every part of the user's workbook we do not own stays."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
import xlwings
from builders import entries, load_with_vba, make_book, png_bytes
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook

from ubsheets.errors import InputError
from ubsheets.i18n import t
from ubsheets.io.guard import check_workbook_file
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.safe_write import safe_replace
from ubsheets.io.sheet_model import Cell, SheetSpec, Style
from ubsheets.io.sheet_xml import excel_serial, render_sheet_xml

OURS = "Текшерүү"
EDITED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
          "docProps/app.xml"}  # the sheet list
HEADER = Style(bold=True, fill="DDEBF7", border=True, halign="center")
WRAP = Style(wrap=True, valign="top")


def check_spec(rows: int = 3, **options: object) -> SheetSpec:
    body = [
        [Cell("Data!B3", link="'Data'!B3"), dt.date(2024, 9, 1), 7.5, Cell("узун\nтекст", WRAP)],
        ["Other!A1", dt.date(2025, 5, 25), 42, "экинчи катар"],
    ]
    return SheetSpec(
        OURS,
        [[Cell(h, HEADER) for h in ("Уяча", "Күнү", "Саат", "Билдирүү")], *body[: rows - 1]],
        col_widths=[18, 12, 8, 40],
        freeze="A2",
        autofilter=f"A1:D{rows}",
        print_title_rows=(1, 1),
        landscape=True,
        **options,  # type: ignore[arg-type]
    )




def vba_project(tmp_path: Path) -> Path:
    template = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    target = tmp_path / "vbaProject.bin"
    target.write_bytes(zipfile.ZipFile(template).read("xl/vbaProject.bin"))
    return target


def user_workbook(tmp_path: Path, old_ours: bool = False) -> Path:
    """A user's .xlsm with what a whole-workbook openpyxl save would damage (NOTES.md)."""
    path = tmp_path / "user.xlsm"
    wb = xlsxwriter.Workbook(path)
    data, other = wb.add_worksheet("Data"), wb.add_worksheet("Other")
    for row in range(1, 11):
        data.write_row(row - 1, 0, [f"name {row}", row, row * 1.5])
        data.write_formula(row - 1, 3, f"=B{row}*C{row}", None, row * row * 1.5)
    other.write_column("A1", ["экинчи", "биринчи", "жогорку"])
    other.write_formula("B1", "=SUM(Data!B1:B10)", None, 55)
    image = {"image_data": io.BytesIO(png_bytes())}
    data.insert_image("F2", "pixel.png", image)
    chart = wb.add_chart({"type": "column"})
    chart.add_series({"values": "=Data!$B$1:$B$10", "name": "Hours"})
    data.insert_chart("F8", chart)
    data.write_comment("A1", "a teacher's note")
    data.data_validation("E1:E10", {"validate": "list", "source": "=Other!$A$1:$A$3"})
    data.conditional_format(
        "B1:B10", {"type": "cell", "criteria": ">", "value": 5, "format": wb.add_format({"bold": True})}
    )
    wb.define_name("Categories", "=Other!$A$1:$A$3")
    wb.add_vba_project(str(vba_project(tmp_path)))
    wb.set_vba_name()
    data.insert_button("H2", {"macro": "SampleCall", "caption": "Run"})
    if old_ours:  # our previous version, with a comment and the same picture as Data
        old = wb.add_worksheet(OURS.upper())
        old.write_row("A1", ["old", "rows"] * 3)
        old.write_comment("B2", "stale")
        old.insert_image("C3", "pixel.png", {"image_data": io.BytesIO(png_bytes())})
        mark_ours(wb, OURS.upper())
    wb.close()
    return path


def mark_ours(wb: xlsxwriter.Workbook, sheet: str) -> None:
    """The marker our writer puts on each sheet it writes (not hidden: XlsxWriter cannot)."""
    wb.define_name(f"'{sheet}'!_ubsheets_owned", "=TRUE")




def sheet_entries(path: Path) -> list[tuple[str, str]]:
    """(name, sheetId) of each <sheet> in workbook.xml, in order."""
    text = entries(path)["xl/workbook.xml"].decode()
    return re.findall(r'<sheet name="([^"]*)" sheetId="(\d+)"', text)


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    return user_workbook(tmp_path)


@pytest.fixture
def written(user_file: Path) -> Path:
    out = user_file.with_name("out.xlsm")
    write_owned_sheets(user_file, out, [check_spec()])
    return out


def test_parts_we_do_not_own_stay_byte_identical(user_file: Path, written: Path) -> None:
    before, after = entries(user_file), entries(written)
    assert set(before) <= set(after)
    changed = {name for name in before if before[name] != after[name]}
    assert changed <= EDITED
    assert set(after) - set(before) == {"xl/worksheets/sheet3.xml"}
    assert after["xl/vbaProject.bin"] == before["xl/vbaProject.bin"]
    assert any(name.startswith("xl/media/") for name in after)
    assert any(name.startswith("xl/charts/") for name in after)


def test_our_sheet_reads_back_exactly(written: Path) -> None:
    expected = [
        ["Уяча", "Күнү", "Саат", "Билдирүү"],
        ["Data!B3", dt.date(2024, 9, 1), 7.5, "узун\nтекст"],
        ["Other!A1", dt.date(2025, 5, 25), 42, "экинчи катар"],
    ]
    book = CalamineWorkbook.from_path(str(written))
    assert book.sheet_names == ["Data", "Other", OURS]
    assert book.get_sheet_by_name(OURS).to_python() == expected
    assert book.get_sheet_by_name("Other").to_python()[0] == ["экинчи", 55.0]  # cached value kept

    wb = load_with_vba(written)
    ws = wb[OURS]
    as_dates = [[v.date() if isinstance(v, dt.datetime) else v for v in row] for row in ws.iter_rows(values_only=True)]
    assert as_dates == expected
    assert ws["A2"].hyperlink.location == "'Data'!B3"
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb == "FFDDEBF7"
    assert ws["B2"].number_format == "DD.MM.YYYY"
    assert ws["D2"].alignment.wrap_text
    assert (ws.freeze_panes, ws.auto_filter.ref, ws.print_title_rows) == ("A2", "A1:D3", "$1:$1")
    assert ws.page_setup.paperSize == 9 and ws.page_setup.orientation == "landscape"
    assert wb.vba_archive is not None and "Categories" in wb.defined_names


def test_second_run_changes_nothing(written: Path) -> None:
    again = written.with_name("again.xlsm")
    write_owned_sheets(written, again, [check_spec()])
    assert entries(again) == entries(written)


def test_replacing_keeps_position_sheet_id_and_part(written: Path) -> None:
    fewer = written.with_name("fewer.xlsm")
    write_owned_sheets(written, fewer, [check_spec(rows=2, hidden=True)])
    assert sheet_entries(fewer) == sheet_entries(written) == [("Data", "1"), ("Other", "2"), (OURS, "3")]
    assert 'state="hidden"' in entries(fewer)["xl/workbook.xml"].decode()
    rows = CalamineWorkbook.from_path(str(fewer)).get_sheet_by_name(OURS).to_python()
    assert len(rows) == 2
    assert set(entries(fewer)) == set(entries(written))
    names = entries(fewer)["xl/workbook.xml"].decode()
    assert names.count("_xlnm.Print_Titles") == 1 and "'Текшерүү'!$A$1:$D$2" in names


def test_replacing_drops_only_parts_our_old_sheet_alone_used(tmp_path: Path) -> None:
    src = user_workbook(tmp_path, old_ours=True)
    out = tmp_path / "out.xlsm"
    write_owned_sheets(src, out, [check_spec()])
    before, after = entries(src), entries(out)
    gone = set(before) - set(after)
    assert gone == {
        "xl/worksheets/_rels/sheet3.xml.rels",
        "xl/comments2.xml",
        "xl/drawings/vmlDrawing2.vml",
        "xl/drawings/drawing2.xml",
        "xl/drawings/_rels/drawing2.xml.rels",
    }
    assert all(
        not name.startswith("/" + part)
        for part in gone
        for name in re.findall(r'PartName="([^"]+)"', after["[Content_Types].xml"].decode())
    )
    assert "xl/media/image1.png" in after  # Data's picture is the same image: still used
    assert sheet_entries(out)[2] == (OURS.upper(), "3")  # matched ignoring case, kept in place
    assert b'codeName="Sheet3"' in after["xl/worksheets/sheet3.xml"]  # still bound to its VBA module
    changed = {name for name in after if name in before and before[name] != after[name]}
    assert changed <= EDITED | {"xl/worksheets/sheet3.xml"}


def test_a_chart_sheet_by_our_name_becomes_our_worksheet(tmp_path: Path) -> None:
    src = tmp_path / "charts.xlsx"
    wb = xlsxwriter.Workbook(src)
    wb.add_worksheet("Data").write_column("A1", [1, 2, 3])
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"values": "=Data!$A$1:$A$3"})
    wb.add_chartsheet(OURS).set_chart(chart)
    wb.add_worksheet("After")
    mark_ours(wb, OURS)
    wb.close()
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [check_spec()])
    after = entries(out)
    assert sheet_entries(out) == sheet_entries(src)
    assert not any(name.startswith(("xl/chartsheets/", "xl/charts/", "xl/drawings/")) for name in after)
    assert b"chartsheet" not in after["[Content_Types].xml"] + after["xl/_rels/workbook.xml.rels"]
    book = CalamineWorkbook.from_path(str(out))
    assert book.sheet_names == ["Data", OURS, "After"]
    assert book.get_sheet_by_name(OURS).to_python()[2][3] == "экинчи катар"


def test_several_sheets_in_one_write(written: Path) -> None:
    summary = SheetSpec("Жыйынтык", [["Барак", "Ката"], [OURS, 2]], hidden=True, print_title_rows=(1, 1))
    out = written.with_name("two.xlsm")
    write_owned_sheets(written, out, [summary, check_spec(rows=2)])
    assert sheet_entries(out) == [("Data", "1"), ("Other", "2"), (OURS, "3"), ("Жыйынтык", "4")]
    workbook = entries(out)["xl/workbook.xml"].decode()
    assert '<sheet name="Жыйынтык" sheetId="4" state="hidden" r:id="rId' in workbook
    titles = re.findall(r'<definedName name="_xlnm.Print_Titles" localSheetId="(\d)">([^<]*)<', workbook)
    assert titles == [("2", "'Текшерүү'!$1:$1"), ("3", "'Жыйынтык'!$1:$1")]
    book = load_with_vba(out)
    assert book["Жыйынтык"].sheet_state == "hidden" and book["Жыйынтык"]["B2"].value == 2


def test_a_workbook_excel_saved_keeps_its_markup(tmp_path: Path) -> None:
    """xlwings' template: mc:Ignorable prefixes, <definedNames />, "/>" after a space."""
    src = tmp_path / "quickstart.xlsm"
    shutil.copy(Path(xlwings.__file__).parent / "quickstart_standalone.xlsm", src)
    out = tmp_path / "out.xlsm"
    write_owned_sheets(src, out, [check_spec()])
    before, after = entries(src), entries(out)
    # Its app.xml lists no sheets: nothing there to keep in step.
    assert {name for name in before if before[name] != after[name]} == EDITED - {"docProps/app.xml"}
    root = re.compile(rb"<styleSheet[^>]*>")
    assert root.search(after["xl/styles.xml"])[0] == root.search(before["xl/styles.xml"])[0]
    assert b'<sz val="12"/>' in after["xl/styles.xml"]  # our fonts take the default size
    workbook = after["xl/workbook.xml"].decode()
    assert '<definedNames><definedName name="_xlnm.Print_Titles" localSheetId="2">' in workbook
    book = load_with_vba(out)
    assert book.sheetnames == ["Sheet1", "_xlwings.conf", OURS] and book[OURS]["A2"].value == "Data!B3"


# --- only sheets we wrote are replaced ------------------------------------------------------


SUMMARY = "Жыйынтык"


def summary_spec() -> SheetSpec:
    return SheetSpec(SUMMARY, [["Барак", "Ката"], [OURS, 2]], print_title_rows=(1, 1))


def markers(path: Path) -> list[str]:
    """The localSheetId of each marker, in workbook.xml order; each must be hidden."""
    workbook = entries(path)["xl/workbook.xml"].decode()
    found = re.findall(r'<definedName name="_ubsheets_owned" localSheetId="(\d+)"( hidden="1")?>TRUE<', workbook)
    assert workbook.lower().count("_ubsheets_owned") == len(found)
    assert all(hidden for _, hidden in found)
    return [index for index, _ in found]


def users_summary(tmp_path: Path, sheet: str = SUMMARY, marked_sheet: str | None = None) -> Path:
    """A workbook whose user made a sheet of their own that happens to have our summary's name."""
    path = tmp_path / "users.xlsx"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet("Data").write_column("A1", [1, 2, 3])
    wb.add_worksheet(sheet).write_row("A1", ["менин", "жыйынтыгым", 42])
    if marked_sheet:
        mark_ours(wb, marked_sheet)
    wb.close()
    return path


@pytest.mark.parametrize("sheet", [SUMMARY, SUMMARY.upper()])
def test_a_users_own_sheet_by_our_name_is_refused(tmp_path: Path, sheet: str) -> None:
    src = users_summary(tmp_path, sheet)
    before = src.read_bytes()
    out = tmp_path / "out.xlsx"
    with pytest.raises(InputError) as caught:  # our validation sheet, placed first, is not written either
        write_owned_sheets(src, out, [check_spec(), summary_spec()])
    assert (caught.value.key, caught.value.params) == ("sheet_name_taken", {"name": "users.xlsx", "sheet": sheet})
    assert f"«{sheet}»" in caught.value.message("ky") and f"«{sheet}»" in caught.value.message("ru")
    assert src.read_bytes() == before
    assert not out.exists()


def test_our_marker_on_another_sheet_does_not_count(tmp_path: Path) -> None:
    src = users_summary(tmp_path, marked_sheet="Data")  # localSheetId 0; the user's sheet is 1
    with pytest.raises(InputError, match="Жыйынтык"):
        write_owned_sheets(src, tmp_path / "out.xlsx", [summary_spec()])
    assert not (tmp_path / "out.xlsx").exists()


def test_updating_in_place_leaves_the_users_sheet_and_no_backup(tmp_path: Path) -> None:
    src = users_summary(tmp_path)
    before = src.read_bytes()
    with pytest.raises(InputError):
        safe_replace(src, lambda tmp: write_owned_sheets(src, tmp, [summary_spec()]))
    assert src.read_bytes() == before
    assert [path.name for path in tmp_path.iterdir()] == ["users.xlsx"]


def test_sheets_we_wrote_carry_the_marker_and_are_replaced(written: Path) -> None:
    assert markers(written) == ["2"]
    out = written.with_name("two.xlsm")
    write_owned_sheets(written, out, [summary_spec(), check_spec(rows=2)])
    assert sheet_entries(out)[2:] == [(OURS, "3"), (SUMMARY, "4")]
    assert markers(out) == ["2", "3"]
    again = written.with_name("again.xlsm")
    write_owned_sheets(out, again, [check_spec(rows=2), summary_spec()])
    assert entries(again) == entries(out)
    book = load_with_vba(again)
    assert book.sheetnames == ["Data", "Other", OURS, SUMMARY] and book[SUMMARY]["B2"].value == 2
    assert "_ubsheets_owned" in book[OURS].defined_names and "_ubsheets_owned" not in book.defined_names


def test_a_marked_user_sheet_by_our_name_is_ours(tmp_path: Path) -> None:
    """A marker that another writer left visible, in other case, twice: one hidden marker stays."""
    src = users_summary(tmp_path, marked_sheet=SUMMARY)
    parts = entries(src)
    twice = '<definedName name="_UBSHEETS_OWNED" localSheetId="1">TRUE()</definedName></definedNames>'
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b"</definedNames>", twice.encode())
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [summary_spec()])
    assert markers(out) == ["1"]
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_name(SUMMARY).to_python()[1] == [OURS, 2.0]


def test_an_empty_sheet_by_our_name_is_taken(tmp_path: Path) -> None:
    """Nothing to lose: a new workbook's sheet renamed (the PDF export writes into one)."""
    src = tmp_path / "base.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = SUMMARY
    wb.create_sheet("Notes")["A1"] = "менин"
    wb.save(src)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [summary_spec()])
    assert markers(out) == ["0"]
    with pytest.raises(InputError, match="Notes"):
        write_owned_sheets(src, tmp_path / "notes.xlsx", [SheetSpec("Notes", [["биздики"]])])


def add_calc_chain(path: Path, sheet_id: int) -> None:
    """Excel's calcChain, which XlsxWriter does not write."""
    parts = entries(path)
    parts["xl/calcChain.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns='
        f'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="{sheet_id}"/></calcChain>'
    ).encode()
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"</Relationships>",
        b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/'
        b'officeDocument/2006/relationships/calcChain" Target="calcChain.xml"/></Relationships>',
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>",
        b'<Override PartName="/xl/calcChain.xml" ContentType="application/vnd.'
        b'openxmlformats-officedocument.spreadsheetml.calcChain+xml"/></Types>',
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize(("chain_sheet", "dropped"), [(3, True), (1, False)])
def test_calc_chain_goes_only_when_it_names_a_replaced_sheet(written: Path, chain_sheet: int, dropped: bool) -> None:
    add_calc_chain(written, chain_sheet)
    out = written.with_name("chain.xlsm")
    write_owned_sheets(written, out, [check_spec()])
    after = entries(out)
    assert ("xl/calcChain.xml" not in after) is dropped
    assert (b"calcChain" not in after["xl/_rels/workbook.xml.rels"] + after["[Content_Types].xml"]) is dropped


MINIMAL_PARTS = {
    "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument'
    '.spreadsheetml.sheet.main+xml"/>{styles_type}</Types>',
    "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<{p}workbook xmlns{x}="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><{p}sheets/></{p}workbook>',
    "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
    'relationships">{styles_rel}</Relationships>',
    "xl/styles.xml": '<{p}styleSheet xmlns{x}="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<{p}cellXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></{p}cellXfs>'
    "</{p}styleSheet>",
}


def minimal_workbook(path: Path, prefix: str = "", styles: bool = True) -> Path:
    """Hand-made packages other tools write: no fonts/fills, no styles part, or x:-prefixed XML."""
    fields = {
        "p": prefix and prefix + ":",
        "x": prefix and ":" + prefix,
        "styles_type": '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-'
        'officedocument.spreadsheetml.styles+xml"/>'
        if styles
        else "",
        "styles_rel": '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
        '2006/relationships/styles" Target="styles.xml"/>'
        if styles
        else "",
    }
    with zipfile.ZipFile(path, "w") as z:
        for name, text in MINIMAL_PARTS.items():
            if name != "xl/styles.xml" or styles:
                z.writestr(name, text.format(**fields))
    return path


@pytest.mark.filterwarnings("ignore:Workbook contains no default style")
@pytest.mark.parametrize(("prefix", "styles"), [("", True), ("", False), ("x", True)])
def test_minimal_packages_get_what_our_styles_need(tmp_path: Path, prefix: str, styles: bool) -> None:
    src = minimal_workbook(tmp_path / "min.xlsx", prefix, styles)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [check_spec()])
    styles_xml = entries(out)["xl/styles.xml"].decode()
    assert styles_xml.count(f"<{prefix + ':' if prefix else ''}fill>") == 3  # none, gray125, ours
    ws = openpyxl.load_workbook(out)[OURS]
    assert ws["A1"].font.b and ws["A1"].fill.fgColor.rgb == "FFDDEBF7" and ws["A3"].value == "Other!A1"
    again = tmp_path / "again.xlsx"
    write_owned_sheets(out, again, [check_spec()])
    assert entries(again) == entries(out)


def test_a_file_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    not_zip = tmp_path / "notes.xlsx"
    not_zip.write_bytes(b"just text")
    no_workbook = tmp_path / "empty.xlsx"
    with zipfile.ZipFile(no_workbook, "w") as z:
        z.writestr("hello.txt", "hi")
    for path in (not_zip, no_workbook):
        with pytest.raises(InputError) as caught:
            write_owned_sheets(path, tmp_path / "out.xlsx", [check_spec()])
        assert (caught.value.key, caught.value.params) == ("not_a_workbook", {"name": path.name})
    assert not (tmp_path / "out.xlsx").exists()


# --- damaged and malformed packages ----------------------------------------------------------


def with_broken_picture(source: Path, target: Path, damage: str) -> Path:
    """``source`` with its picture (or one more) broken so that the guard, which opens only XML
    parts, lets it pass and it fails only when it is read: a compression method zipfile cannot
    read, or a wrong checksum."""
    picture = "xl/media/image1.png"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != picture:
                new.writestr(info, old.read(info))
        new.writestr(zipfile.ZipInfo(picture, (2020, 9, 1, 0, 0, 0)), png_bytes(), zipfile.ZIP_STORED)
        info = new.getinfo(picture)
        if damage == "method":
            info.compress_type = 99  # the central directory, which a reader trusts, says so
        else:
            info.CRC ^= 1
    check_workbook_file(target)
    return target


@pytest.mark.parametrize("damage", ["method", "checksum"])
def test_an_entry_that_fails_while_copied_is_a_damaged_workbook(written: Path, damage: str) -> None:
    src = with_broken_picture(written, written.with_name("broken.xlsm"), damage)
    out = written.with_name("out2.xlsm")
    with pytest.raises(InputError) as caught:
        write_owned_sheets(src, out, [check_spec()])
    assert caught.value.key == "damaged_workbook" and caught.value.params["name"] == "broken.xlsm"
    assert str(caught.value.params["detail"]).startswith("xl/media/image1.png: ")
    assert not out.exists()


def test_the_cli_refuses_a_damaged_picture_in_one_line_and_keeps_the_file(tmp_path: Path) -> None:
    book = with_broken_picture(make_book(tmp_path / "whole.xlsx"), tmp_path / "book.xlsx", "method")
    before = book.read_bytes()
    env = {k: v for k, v in os.environ.items() if k not in {"UBSHEETS_LANG", "UBSHEETS_DEBUG"}}
    result = subprocess.run([sys.executable, "-m", "ubsheets", "summarize", str(book)], env=env,
                            capture_output=True, text=True, timeout=120)
    expected = f"{t('error_prefix', 'ky')}: {t('damaged_workbook', 'ky', name='book.xlsx')}\n"
    assert (result.returncode, result.stdout, result.stderr) == (2, "", expected)
    assert book.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["book.xlsx", "whole.xlsx"]


ONE_SHEET = '<sheets><sheet name="Data" sheetId="1" r:id="rId2"/></sheets>'
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
MALFORMED = {  # (part, its text in minimal_workbook, replaced by)
    "sheetId not a number": ("xl/workbook.xml", "<sheets/>", ONE_SHEET.replace('sheetId="1"', 'sheetId="x1"')),
    "sheet without a name": ("xl/workbook.xml", "<sheets/>", ONE_SHEET.replace('name="Data" ', "")),
    "no <sheets>": ("xl/workbook.xml", "<sheets/>", ""),
    "our sheet names no part": (
        "xl/workbook.xml",
        "<sheets/>",
        f'<sheets><sheet name="{OURS}" sheetId="1" r:id="rId9"/></sheets><definedNames>'
        '<definedName name="_ubsheets_owned" localSheetId="0">TRUE</definedName></definedNames>',
    ),
    "styles relationship names no part": (WORKBOOK_RELS, 'Target="styles.xml"', 'TargetMode="External" Target="x"'),
}


@pytest.mark.parametrize(("part", "old", "new"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_workbook_xml_we_cannot_make_sense_of_is_damaged(tmp_path: Path, part: str, old: str, new: str) -> None:
    src = minimal_workbook(tmp_path / "min.xlsx")
    parts = entries(src)
    assert old.encode() in parts[part]
    parts[part] = parts[part].replace(old.encode(), new.encode())
    with zipfile.ZipFile(src, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    out = tmp_path / "out.xlsx"
    with pytest.raises(InputError) as caught:
        write_owned_sheets(src, out, [check_spec()])
    assert (caught.value.key, caught.value.params["name"]) == ("damaged_workbook", "min.xlsx")
    assert str(caught.value.params["detail"]).startswith(part + ": ")
    assert "\n" not in caught.value.message("ky")
    assert not out.exists()


def test_cell_values_become_excel_values() -> None:
    assert [excel_serial(dt.date(*d)) for d in ((1900, 1, 1), (1900, 2, 28), (1900, 3, 1))] == [1, 59, 61]
    assert excel_serial(dt.datetime(2024, 9, 1, 18)) == 45536.75
    assert excel_serial(dt.date(1899, 12, 31)) is None
    spec = SheetSpec("S", [["a\x00b\x1f <&>", True, None, float("nan"), dt.date(1850, 1, 1)]])
    xml = render_sheet_xml(spec, lambda style: 7).decode()
    assert '<t xml:space="preserve">ab &lt;&amp;&gt;</t>' in xml
    assert '<c r="B1" t="b"><v>1</v></c>' in xml and 'r="C1"' not in xml and 'r="D1"' not in xml
    assert "1850-01-01" in xml
    assert render_sheet_xml(spec, lambda style: 7) == render_sheet_xml(spec, lambda style: 7)


def test_text_that_looks_like_an_excel_escape_stays_literal(tmp_path: Path) -> None:
    """Excel decodes _xHHHH_ in cell text; calamine and LibreOffice do too (openpyxl does not)."""
    out = tmp_path / "out.xlsx"
    write_owned_sheets(minimal_workbook(tmp_path / "min.xlsx"), out, [SheetSpec(OURS, [["код _x0041_"]])])
    assert b"_x005F_x0041_" in entries(out)["xl/worksheets/sheet1.xml"]
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_name(OURS).to_python() == [["код _x0041_"]]


# --- LibreOffice as the independent reader -------------------------------------------------

CSV_ALL_SHEETS = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


@needs_libreoffice
def test_libreoffice_reads_our_sheet_and_the_users(written: Path, libreoffice: Callable, tmp_path: Path) -> None:
    outdir = tmp_path / "csv"
    libreoffice(written, CSV_ALL_SHEETS, outdir)
    ours = list(csv.reader((outdir / f"{written.stem}-{OURS}.csv").open(encoding="utf-8")))
    assert ours[0] == ["Уяча", "Күнү", "Саат", "Билдирүү"]
    assert ours[1][0] == "Data!B3" and ours[1][2:] == ["7.5", "узун\nтекст"]
    assert ours[1][1] in {"09/01/2024", "01.09.2024", "2024-09-01"}
    assert ours[2][2:] == ["42", "экинчи катар"]
    data = list(csv.reader((outdir / f"{written.stem}-Data.csv").open(encoding="utf-8")))
    assert data[1][:4] == ["name 2", "2", "3", "6"]


@needs_libreoffice
def test_libreoffice_converts_the_result(tmp_path: Path, libreoffice: Callable) -> None:
    src = user_workbook(tmp_path, old_ours=True)
    out = tmp_path / "out.xlsm"
    write_owned_sheets(src, out, [check_spec()])
    outdir = tmp_path / "converted"
    libreoffice(out, "xlsx", outdir)
    book = CalamineWorkbook.from_path(str(outdir / "out.xlsx"))
    assert book.sheet_names == ["Data", "Other", OURS.upper()]
    assert book.get_sheet_by_name(OURS.upper()).to_python()[1][:3] == ["Data!B3", dt.date(2024, 9, 1), 7.5]


@needs_libreoffice
def test_our_marker_survives_libreoffice(written: Path, libreoffice: Callable, tmp_path: Path) -> None:
    """LibreOffice keeps the sheet-local name (as hidden="false", "TRUE()"): writing again is
    allowed, and hides the marker again."""
    outdir = tmp_path / "resaved"
    resaved = libreoffice(written, "xlsx", outdir)
    workbook = entries(resaved)["xl/workbook.xml"].decode()
    assert re.search(r'<definedName [^>]*localSheetId="2" name="_ubsheets_owned"', workbook)
    out, again = tmp_path / "out.xlsx", tmp_path / "again.xlsx"
    write_owned_sheets(resaved, out, [check_spec(rows=2), summary_spec()])
    assert markers(out) == ["2", "3"]
    assert CalamineWorkbook.from_path(str(out)).sheet_names == ["Data", "Other", OURS, SUMMARY]
    write_owned_sheets(out, again, [check_spec(rows=2), summary_spec()])
    assert entries(again) == entries(out)
