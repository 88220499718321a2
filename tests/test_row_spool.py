"""io.row_spool: rows rendered where a file is read, numbered and styled when the sheet is written."""

from __future__ import annotations

import datetime as dt
import io
import os

from ubsheets.io.row_spool import RowSpool, render_rows
from ubsheets.io.sheet_model import Style
from ubsheets.schema.base import DATE_FORMAT


def _style_attr(style: Style | None) -> str:
    """The written workbook's ids: the date style is the seventh there."""
    return ' s="7"' if style == Style(num_format=DATE_FORMAT) else ' s="99"'


def test_rows_are_numbered_on_across_parts_and_their_styles_named():
    first = render_rows([["Мектеп №1", "=SUM(A1)", dt.date(2020, 10, 15)], ["Мектеп №1", None, 3]])
    empty = render_rows([])
    second = render_rows([["<b>&", 2.5]])
    assert (first.count, empty.count, second.count) == (2, 0, 1)
    out = io.BytesIO()
    with RowSpool() as spool:
        stream = spool.stream([spool.keep(first), spool.keep(empty), spool.keep(second)])
        assert stream.rows == 3
        stream.write(out, 2, _style_attr)
        path = spool.path
    assert out.getvalue().decode() == (
        '<row r="2"><c r="A2" t="inlineStr"><is><t xml:space="preserve">Мектеп №1</t></is></c>'
        '<c r="B2" t="inlineStr"><is><t xml:space="preserve">=SUM(A1)</t></is></c>'
        '<c r="C2" s="7"><v>44119</v></c></row>'
        '<row r="3"><c r="A3" t="inlineStr"><is><t xml:space="preserve">Мектеп №1</t></is></c>'
        '<c r="C3"><v>3</v></c></row>'
        '<row r="4"><c r="A4" t="inlineStr"><is><t xml:space="preserve">&lt;b&gt;&amp;</t></is></c>'
        '<c r="B4"><v>2.5</v></c></row>')
    assert not os.path.exists(path)  # the spool is deleted when closed


def test_control_characters_in_a_text_cannot_pass_for_marks():
    rows = render_rows([["a\x00b\x01c\x02d"]])
    assert b"\x00" not in rows.xml.replace(b'r="\x00"', b"").replace(b'r="A\x00"', b"")
    assert b"\x01" not in rows.xml and b"\x02" not in rows.xml
