"""styles.xml: entries reused by meaning, never by text (issue 9).

A workbook LibreOffice re-saved spells our fonts, fills, borders, formats and cell formats its own
way; a run after that must find them, not append them again run after run.
"""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import openpyxl
import pytest
from builders import entries, make_book
from conftest import needs_libreoffice

from ubsheets import actions
from ubsheets.core import periods
from ubsheets.io.sheet_model import Style
from ubsheets.io.sheet_xml import LINK_STYLE
from ubsheets.io.stylebook import MINIMAL_STYLES, StyleBook
from ubsheets.schema.base import DATE_FORMAT

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
ENTRIES = {"numFmts": "numFmt", "fonts": "font", "fills": "fill", "borders": "border", "cellXfs": "xf"}


def style_counts(book: Path) -> dict[str, int]:
    """How many entries each section of the workbook's styles.xml holds."""
    root = ET.fromstring(entries(book)["xl/styles.xml"])
    counts = {}
    for section, entry in ENTRIES.items():
        found = root.find(f"{{{MAIN}}}{section}")
        counts[section] = 0 if found is None else len(found.findall(f"{{{MAIN}}}{entry}"))
    return counts


# --- a workbook LibreOffice re-saved -----------------------------------------------------------


@needs_libreoffice
def test_after_libreoffice_resaves_a_book_runs_append_no_styles(libreoffice, tmp_path):
    every_period = periods.chooser(None, None, False, True)
    book = make_book(tmp_path / "book.xlsx")
    actions.report_file(book, every_period)
    resaved = libreoffice(book, "xlsx", tmp_path / "resaved")
    before = style_counts(resaved)

    actions.report_file(resaved, every_period)
    first = style_counts(resaved)
    # LibreOffice's spelling of our fonts, fills and formats is found. A cell format may still be
    # added: LibreOffice writes the first cell of a merged range without its right border.
    assert {k: first[k] for k in ("numFmts", "fonts", "fills")} == \
        {k: before[k] for k in ("numFmts", "fonts", "fills")}
    actions.report_file(resaved, every_period)
    assert style_counts(resaved) == first
    actions.report_file(resaved, every_period)
    assert style_counts(resaved) == first

    _assert_report_cells_formatted(resaved)


def _assert_report_cells_formatted(book: Path) -> None:
    """Our headers are bold and wrapped, our dates show as DD.MM.YYYY (in LibreOffice's spelling
    or ours)."""
    workbook = openpyxl.load_workbook(book)
    sheet = workbook[workbook.sheetnames[-1]]  # the year's report
    cells = [cell for row in sheet.iter_rows() for cell in row]
    headers = [cell for cell in cells if cell.value == "№"]
    dates = [cell for cell in cells if isinstance(cell.value, dt.datetime)]
    assert headers and dates
    assert all(cell.font.b and cell.alignment.wrap_text for cell in headers)
    assert all(cell.is_date and cell.number_format.replace("\\", "").lower() == "dd.mm.yyyy" for cell in dates)


# --- equal by meaning, written otherwise -------------------------------------------------------

HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'


def styles(fonts: str = "", fills: str = "", borders: str = "", xfs: str = "", num_fmts: str = "",
           prefix: str = "") -> str:
    """A styles.xml with Excel's defaults first and the given entries after them."""
    body = (
        (f"<numFmts>{num_fmts}</numFmts>" if num_fmts else "")
        + f'<fonts><font><sz val="11"/><name val="Calibri"/></font>{fonts}</fonts>'
        + '<fills><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/>'
        + f"</fill>{fills}</fills>"
        + f"<borders><border><left/><right/><top/><bottom/><diagonal/></border>{borders}</borders>"
        + '<cellStyleXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        + f'<cellXfs><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>{xfs}</cellXfs>'
    )
    if prefix:
        body = re.sub(r"<(/?)(?=[A-Za-z])", rf"<\1{prefix}:", body)
        return f'{HEAD}<{prefix}:styleSheet xmlns:{prefix}="{MAIN}">{body}</{prefix}:styleSheet>'
    return f'{HEAD}<styleSheet xmlns="{MAIN}">{body}</styleSheet>'


BOLD_XF = '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
LINK_XF = '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0"/>'
SAME_MEANING = {
    "b val=true": (styles('<font><b val="true"/><sz val="11"/><name val="Calibri"/></font>', xfs=BOLD_XF),
                   Style(bold=True)),
    "b val=1, size 11.0, hints": (
        styles('<font><b val="1"/><sz val="11.0"/><name val="Calibri"/><family val="2"/><charset val="204"/>'
               '</font>', xfs=BOLD_XF), Style(bold=True)),
    "lower-case colour": (
        styles('<font><u val="single"/><sz val="11"/><color rgb="ff0563c1"/><name val="Calibri"/></font>',
               xfs=LINK_XF), LINK_STYLE),
    "six-digit colour": (
        styles('<font><u/><sz val="11"/><color rgb="0563C1"/><name val="Calibri"/></font>', xfs=LINK_XF),
        LINK_STYLE),
    "reordered attributes and children": (
        styles('<font><name val="Calibri"/><sz val="11"/><b/></font>',
               xfs='<xf applyFont="true" xfId="0" borderId="0" fillId="0" fontId="1" numFmtId="0"/>'),
        Style(bold=True)),
    "single quotes": (
        styles("<font><b/><sz val='11'/><name val='Calibri'/></font>",
               xfs="<xf numFmtId='0' fontId='1' fillId='0' borderId='0' xfId='0'/>"),
        Style(bold=True)),
    "comment inside fonts and cellXfs": (
        styles('<!-- <font><i/></font> --><font><b/><sz val="11"/><name val="Calibri"/></font><!-- x -->',
               xfs=f"<!-- {BOLD_XF} -->{BOLD_XF}"), Style(bold=True)),
    "x: prefix for the main namespace": (
        styles('<font><b/><sz val="11"/><name val="Calibri"/></font>', xfs=BOLD_XF, prefix="x"),
        Style(bold=True)),
    "whitespace inside tags": (
        styles('<font ><b val = "1" /><sz\n val="11"/><name val="Calibri" ></name></font\t>',
               xfs=BOLD_XF.replace("/>", " />")), Style(bold=True)),
    "a default namespace on a child of an x: root": (
        styles(xfs=BOLD_XF, prefix="x").replace(
            '<x:fonts><x:font><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts>',
            f'<fonts xmlns="{MAIN}"><font><sz val="11"/><name val="Calibri"/></font>'
            '<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'), Style(bold=True)),
    "defaults written out (LibreOffice)": (
        styles('<font><b val="true"/><sz val="11"/><name val="Calibri"/></font>',
               xfs='<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="true" '
                   'applyAlignment="true" applyProtection="true"><alignment horizontal="center" '
                   'vertical="center" textRotation="0" wrapText="true" indent="0" shrinkToFit="false"/>'
                   '<protection locked="true" hidden="false"/></xf>'),
        Style(bold=True, wrap=True, halign="center", valign="center")),
    "solid fill with another background": (
        styles(fills='<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/>'
                     '<bgColor rgb="FFCCFFFF"/></patternFill></fill>',
               xfs='<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0"/>'),
        Style(fill="DDEBF7")),
    "border sides without colour, diagonal flags false": (
        styles(borders='<border diagonalUp="false" diagonalDown="false"><left style="thin"/>'
                       '<right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border>',
               xfs='<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0"/>'),
        Style(border=True)),
    "date format escaped and lower-case": (
        styles(num_fmts='<numFmt numFmtId="165" formatCode="dd\\.mm\\.yyyy"/>',
               xfs='<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'),
        Style(num_format=DATE_FORMAT)),
    "General as a numFmt of its own": (
        styles(num_fmts='<numFmt numFmtId="164" formatCode="General"/>',
               xfs='<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0"><alignment wrapText="1"/></xf>'),
        Style(wrap=True)),
}


@pytest.mark.parametrize("text, style", SAME_MEANING.values(), ids=SAME_MEANING.keys())
def test_an_entry_that_means_the_same_is_reused(text, style):
    book = StyleBook(text)
    assert book.xf_id(style) == 1
    assert not book.changed
    assert book.text == text


def test_a_new_entry_is_appended_in_the_part_s_own_prefix_and_declaration():
    text = styles('<font><b/><sz val="11"/><name val="Calibri"/></font>', xfs=BOLD_XF, prefix="x")
    book = StyleBook(text)
    assert book.xf_id(Style(bold=True)) == 1
    assert book.xf_id(Style(italic=True, wrap=True)) == 2
    assert book.changed
    assert book.text.startswith(HEAD)
    assert book.text.count("xmlns") == 1  # nothing declared again
    assert '<x:fonts count="3">' in book.text
    assert '<x:font><x:i/><x:sz val="11"/><x:name val="Calibri"/></x:font></x:fonts>' in book.text
    assert '<x:alignment wrapText="1"/></x:xf></x:cellXfs>' in book.text
    _assert_entries_kept(text, book.text)


def test_the_root_start_tag_and_what_precedes_it_stay_as_written():
    """lxml would put the namespace declarations before ``mc:Ignorable``; Excel does not mind,
    but what we do not need to change we keep."""
    head = (f"{HEAD}<!-- the user's --><styleSheet mc:Ignorable='x14ac' xmlns:x14ac=\"urn:x14ac\" "
            f'xmlns="{MAIN}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">')
    text = head + styles()[len(HEAD) + len(f'<styleSheet xmlns="{MAIN}">'):]
    book = StyleBook(text)
    assert book.xf_id(Style(bold=True)) == 1 and book.changed
    assert book.text.startswith(head)
    _assert_entries_kept(text, book.text)


def test_what_means_otherwise_is_appended_and_the_user_s_entries_stay():
    text = styles('<font><b/><i/><sz val="11"/><name val="Calibri"/></font>', xfs=BOLD_XF)
    book = StyleBook(text)
    assert book.xf_id(Style(bold=True)) == 2  # bold and italic is not bold
    assert book.xf_id(Style(bold=True, size=12)) == 3
    assert book.xf_id(Style(num_format="DD.MM.YYYY hh:mm")) == 4
    assert '<numFmts count="1"><numFmt numFmtId="164" formatCode="DD.MM.YYYY hh:mm"/></numFmts>' in book.text
    _assert_entries_kept(text, book.text)


def test_the_reserved_fills_are_never_ours():
    """Excel reads fill 1 as gray125 whatever it says: a solid fill there is not reused."""
    text = styles().replace('<patternFill patternType="gray125"/>',
                            '<patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/></patternFill>')
    book = StyleBook(text)
    assert book.xf_id(Style(fill="DDEBF7")) == 1
    assert '<fills count="3">' in book.text and 'fillId="2"' in book.text


def test_the_same_input_gives_the_same_ids_and_text():
    wanted = [Style(bold=True), LINK_STYLE, Style(fill="1F4E78", border=True), Style(num_format=DATE_FORMAT),
              Style(bold=True)]
    first, second = StyleBook(MINIMAL_STYLES), StyleBook(MINIMAL_STYLES)
    assert [first.xf_id(s) for s in wanted] == [second.xf_id(s) for s in wanted] == [1, 2, 3, 4, 1]
    assert first.text == second.text
    again = StyleBook(first.text)
    assert [again.xf_id(s) for s in wanted] == [1, 2, 3, 4, 1]
    assert not again.changed


def _assert_entries_kept(original: str, after: str) -> None:
    old, new = ET.fromstring(original.encode()), ET.fromstring(after.encode())
    for section in old:
        found = new.find(section.tag)
        assert found is not None, section.tag
        kept = [ET.tostring(child) for child in section]
        assert [ET.tostring(child) for child in found][: len(kept)] == kept, section.tag
