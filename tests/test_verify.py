"""The parts we wrote are parsed again before the file replaces the user's (issue 9)."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from builders import make_book

from ubsheets import actions
from ubsheets.core import periods
from ubsheets.io import package_writer, sheet_xml
from ubsheets.io.parts.verify import WrittenPartInvalid, check_written_parts
from ubsheets.io.safe_write import safe_replace

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
MARGINS = '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
SHEET = (f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{MAIN}"><dimension ref="A1"/>'
         f'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>1</t></is></c></row></sheetData>'
         f'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells>{MARGINS}</worksheet>')


def package(path: Path, parts: dict[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as out:
        for name, data in parts.items():
            out.writestr(name, data)
    return path


def failure(path: Path, names: list[str]) -> WrittenPartInvalid:
    with pytest.raises(WrittenPartInvalid) as caught:
        check_written_parts(path, names)
    return caught.value


PREFIXED = (f'<x:worksheet xmlns:x="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
            "<!-- <pageMargins/> --><x:sheetData/><x:conditionalFormatting sqref='A1'/>"
            "<x:conditionalFormatting sqref='B1'/><mc:AlternateContent><mc:Choice Requires='x14'/>"
            "</mc:AlternateContent><x:pageMargins left='0.7' right='0.7' top='0.75' bottom='0.75'"
            " header='0.3' footer='0.3'/></x:worksheet>")


def test_well_formed_parts_in_schema_order_pass(tmp_path):
    book = package(tmp_path / "ok.xlsx", {
        "xl/worksheets/sheet1.xml": SHEET,
        "xl/worksheets/sheet2.xml": PREFIXED,
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"/>',
    })
    check_written_parts(book, ["xl/worksheets/sheet1.xml", "/xl/worksheets/sheet2.xml", "xl/styles.xml"])


def test_a_part_cut_short_fails_naming_the_part(tmp_path):
    book = package(tmp_path / "cut.xlsx", {"xl/worksheets/sheet1.xml": SHEET,
                                           "xl/worksheets/sheet2.xml": SHEET[: len(SHEET) // 2]})
    error = failure(book, ["xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
    assert error.part == "xl/worksheets/sheet2.xml"
    assert str(error).startswith("xl/worksheets/sheet2.xml: not well-formed XML")


def test_a_missing_part_fails(tmp_path):
    book = package(tmp_path / "missing.xlsx", {"xl/worksheets/sheet1.xml": SHEET})
    assert failure(book, ["xl/worksheets/sheet2.xml"]).reason == "missing from the package"


@pytest.mark.parametrize("edit, reason", [
    (lambda x: x.replace("<sheetData>", MARGINS + "<sheetData>").replace(f"</mergeCells>{MARGINS}", "</mergeCells>"),
     "<sheetData> comes after <pageMargins>, the schema puts it before"),
    (lambda x: x.replace("</worksheet>", "<dimension/></worksheet>"), "<dimension> occurs twice"),
    (lambda x: x.replace("</worksheet>", "<cell/></worksheet>"), "<cell> is no child of <worksheet>"),
    (lambda x: re.sub("<sheetData>.*</sheetData>", "", x), "no <sheetData>"),
])
def test_a_worksheet_out_of_schema_order_fails(tmp_path, edit, reason):
    book = package(tmp_path / "order.xlsx", {"xl/worksheets/sheet1.xml": edit(SHEET)})
    error = failure(book, ["xl/worksheets/sheet1.xml"])
    assert (error.part, error.reason) == ("xl/worksheets/sheet1.xml", reason)


def test_only_worksheets_are_held_to_the_worksheet_order(tmp_path):
    misordered = SHEET.replace("<sheetData>", MARGINS + "<sheetData>")
    book = package(tmp_path / "other.xlsx", {"xl/other.xml": misordered})
    check_written_parts(book, ["xl/other.xml"])


def test_a_long_sheet_is_checked_as_a_stream(tmp_path):
    rows = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 50_001))
    book = package(tmp_path / "long.xlsx", {"xl/worksheets/sheet1.xml": SHEET.replace(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>1</t></is></c></row>', rows)})
    check_written_parts(book, ["xl/worksheets/sheet1.xml"])


# --- the user's file stays as it was ---------------------------------------------------------


def test_safe_replace_leaves_the_file_untouched_when_the_check_fails(tmp_path):
    book = tmp_path / "book.xlsx"
    book.write_bytes(b"the user's workbook")

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"ours, broken")
        raise WrittenPartInvalid("xl/worksheets/sheet1.xml", "out of order")

    with pytest.raises(WrittenPartInvalid):
        safe_replace(book, write)
    assert book.read_bytes() == b"the user's workbook"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]  # no backup, no temp file


def test_a_misordered_sheet_of_ours_stops_the_report_and_the_book_stays(tmp_path, monkeypatch):
    book = make_book(tmp_path / "book.xlsx")
    original = book.read_bytes()
    render = sheet_xml.render_sheet_xml

    def misordered(*args, **kwargs) -> bytes:
        content = render(*args, **kwargs)
        margins = re.search(rb"<pageMargins[^>]*/>", content)
        assert margins is not None
        content = content.replace(margins.group(0), b"")
        return content.replace(b"<sheetData", margins.group(0) + b"<sheetData", 1)

    monkeypatch.setattr(sheet_xml, "render_sheet_xml", misordered)
    monkeypatch.setattr(package_writer, "render_sheet_xml", misordered)
    with pytest.raises(WrittenPartInvalid, match=r"xl/worksheets/sheet\d+\.xml: <sheetData> comes after"):
        actions.report_file(book, periods.chooser(None, "2020-10", False, False))
    assert book.read_bytes() == original
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.xlsx"]


def _large(sheet: str) -> str:
    """``sheet`` with enough rows in its <sheetData> to take the large sheets' way (expat)."""
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>Мектеп №{n}</t></is></c></row>'
                   for n in range(2, 12_000))
    return sheet.replace("</row></sheetData>", "</row>" + rows + "</sheetData>")


def test_a_large_sheet_is_checked_as_thoroughly(tmp_path):
    """A district's combined register is checked without an event per element: still its
    children's order, its well-formedness to the last row, and its prefixes."""
    good = _large(SHEET)
    misordered = _large(SHEET.replace(MARGINS, "").replace("<dimension", MARGINS + "<dimension"))
    cut = good.replace('<row r="11000">', '<row r="11000"><c>', 1)
    unbound = good.replace('<row r="9000">', '<row r="9000"><x:c/>', 1)
    assert len(good.encode()) > 256 * 1024  # verify._LARGE_PART_BYTES
    book = package(tmp_path / "large.xlsx", {"xl/worksheets/sheet1.xml": good,
                                             "xl/worksheets/sheet2.xml": misordered,
                                             "xl/worksheets/sheet3.xml": cut,
                                             "xl/worksheets/sheet4.xml": unbound})
    check_written_parts(book, ["xl/worksheets/sheet1.xml"])
    assert str(failure(book, ["xl/worksheets/sheet2.xml"])) == (
        "xl/worksheets/sheet2.xml: <dimension> comes after <pageMargins>, the schema puts it before")
    for part in ("xl/worksheets/sheet3.xml", "xl/worksheets/sheet4.xml"):
        assert str(failure(book, [part])).startswith(f"{part}: not well-formed XML")
