"""Render a SheetSpec as worksheet XML, and a Style as the styles.xml fragments it needs.

Pure text building, no I/O: the same spec and the same style ids always give the same bytes, so
running the writer twice on a workbook changes nothing (tests/test_package_writer.py).
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
import numbers
import re
from collections.abc import Callable
from dataclasses import replace
from typing import IO

from ubsheets.io.sheet_model import Cell, CellValue, MoreRows, SheetSpec, Style, col_letter, parse_cell_ref
from ubsheets.schema.base import DATE_FORMAT, DATETIME_FORMAT

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELATIONSHIPS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DRAWING_RID = "rId1"  # our sheet's only relationship: the drawing that holds its charts
LINK_STYLE = Style(color="0563C1", underline=True)  # what Excel gives a typed-in hyperlink
_PLAIN = Style()
MAX_CELL_CHARS = 32767  # Excel refuses (repairs) a file with a longer cell text
_LONG_TEXT = 64  # characters: a text this long is seldom in two cells (``_sheet_data``)
_REMEMBERED_CELLS = 4096  # cells whose rendering ``_sheet_data`` keeps at a time

# Characters XML 1.0 forbids even as references: a user's pasted text can carry them.
_ILLEGAL_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Excel decodes _xHHHH_ in cell text; escaping the underscore keeps such text literal.
_EXCEL_ESCAPE = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_EPOCH = dt.datetime(1899, 12, 30)
_FAKE_LEAP_DAY_END = dt.datetime(1900, 3, 1)


# One search decides whether a text needs any work; most cells' texts need none.
_NEEDS_ESCAPING = re.compile('[&<>"\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]')


def xml_text(text: str) -> str:
    """Escape text for element content or a double-quoted attribute."""
    if not _NEEDS_ESCAPING.search(text):
        return text
    text = _ILLEGAL_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def cell_text(text: str) -> str:
    if "_x" in text or "_X" in text:
        text = _EXCEL_ESCAPE.sub(r"_x005F_\1", text)
    return xml_text(text[:MAX_CELL_CHARS])


def excel_serial(value: dt.date) -> int | float | None:
    """Days since 1899-12-30 (1900 date system); None before 1900, which Excel cannot show."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime(value.year, value.month, value.day)
    moment = moment.replace(tzinfo=None)
    days = (moment - _EPOCH) / dt.timedelta(days=1)
    if moment < _FAKE_LEAP_DAY_END:
        days -= 1  # Excel counts a 29 Feb 1900 that never was
    if days < 1:
        return None
    return days if isinstance(value, dt.datetime) else int(days)


def render_sheet_xml(spec: SheetSpec, style_ids: Callable[[Style], int], code_name: str | None = None) -> bytes:
    """The worksheet part for ``spec``. ``code_name`` keeps the VBA module name of a replaced sheet.

    The rows are encoded one by one into one growing buffer, whose bytes are returned without a
    copy: a sheet of 100,000 rows joined as one text first took four times its size in memory
    (Cyrillic text is two bytes a character in a str, and a join copies)."""
    part = io.BytesIO()
    write_sheet_xml(spec, style_ids, part, code_name)
    return part.getvalue()


def write_sheet_xml(spec: SheetSpec, style_ids: Callable[[Style], int], part: IO[bytes],
                    code_name: str | None = None) -> None:
    """``render_sheet_xml`` into ``part``: a file, for a sheet whose ``more_rows`` would not fit
    in memory whole."""
    rows = spec.rows
    more = spec.more_rows
    count = len(rows) + (more.rows if more else 0)
    width = max(map(len, rows), default=0)
    last_ref = f"{col_letter(width)}{count}" if width and count else "A1"
    externals = dict(external_links(spec))
    # Sheets without charts or links to other files: bytes as before.
    r_ns = f' xmlns:r="{RELATIONSHIPS_NS}"' if spec.charts or externals else ""
    head = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n',
        f'<worksheet xmlns="{MAIN_NS}"{r_ns}>',
        _sheet_pr(spec, code_name),
        f'<dimension ref="{"A1" if last_ref == "A1" else "A1:" + last_ref}"/>',
        _sheet_views(spec.freeze),
        '<sheetFormatPr defaultRowHeight="15"/>',
        _cols(spec.col_widths),
    ]
    links: list[str] = []
    part.write("".join(head).encode("utf-8"))
    _sheet_data(part, rows, width, spec.row_heights, style_ids, links,
                {target: rid for rid, target in externals.items()}, more)
    tail = [
        f'<autoFilter ref="{xml_text(spec.autofilter)}"/>' if spec.autofilter else "",
        _merges(spec.merges),
        f"<hyperlinks>{''.join(links)}</hyperlinks>" if links else "",
        '<printOptions gridLines="0"/>',
        '<pageMargins left="0.5" right="0.5" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>',
        _page_setup(spec),
        f"<headerFooter><oddFooter>{xml_text(spec.footer)}</oddFooter></headerFooter>" if spec.footer else "",
        _row_breaks(spec.page_breaks),
        # CT_Worksheet: … pageSetup, headerFooter, rowBreaks, colBreaks, customProperties, cellWatches,
        # ignoredErrors, smartTags, drawing, legacyDrawing, …, tableParts, extLst.
        f'<drawing r:id="{DRAWING_RID}"/>' if spec.charts else "",
        "</worksheet>",
    ]
    part.write("".join(tail).encode("utf-8"))


def _row_breaks(starts: tuple[int, ...]) -> str:
    """Manual page breaks; Excel's break id is the last row of the page before."""
    if not starts:
        return ""
    breaks = "".join(f'<brk id="{row - 1}" max="16383" man="1"/>' for row in starts)
    return f'<rowBreaks count="{len(starts)}" manualBreakCount="{len(starts)}">{breaks}</rowBreaks>'


def _sheet_pr(spec: SheetSpec, code_name: str | None) -> str:
    attrs = f' codeName="{xml_text(code_name)}"' if code_name else ""
    inner = f'<tabColor rgb="FF{spec.tab_color}"/>' if spec.tab_color else ""
    inner += '<pageSetUpPr fitToPage="1"/>' if spec.fit_width else ""
    if not attrs and not inner:
        return ""
    return f"<sheetPr{attrs}>{inner}</sheetPr>" if inner else f"<sheetPr{attrs}/>"


def _sheet_views(freeze: str | None) -> str:
    # No tabSelected: the user's selected sheet stays the one selected.
    row, col = parse_cell_ref(freeze) if freeze else (1, 1)
    if (row, col) == (1, 1):
        return '<sheetViews><sheetView workbookViewId="0"/></sheetViews>'
    pane = {(True, True): "bottomRight", (True, False): "bottomLeft"}.get((row > 1, col > 1), "topRight")
    splits = (f' xSplit="{col - 1}"' if col > 1 else "") + (f' ySplit="{row - 1}"' if row > 1 else "")
    top_left = f"{col_letter(col)}{row}"
    return (
        '<sheetViews><sheetView workbookViewId="0">'
        f'<pane{splits} topLeftCell="{top_left}" activePane="{pane}" state="frozen"/>'
        f'<selection pane="{pane}" activeCell="{top_left}" sqref="{top_left}"/>'
        "</sheetView></sheetViews>"
    )


def _cols(widths: list[float | None] | tuple[float, ...]) -> str:
    cols = [f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>' for i, w in enumerate(widths, start=1) if w]
    return f"<cols>{''.join(cols)}</cols>" if cols else ""


def _sheet_data(part: IO[bytes], rows: list[list[Cell | CellValue]], width: int, heights: dict[int, float],
                style_ids: Callable[[Style], int], links: list[str],
                externals: dict[str, str] | None = None, more: MoreRows | None = None) -> None:
    """``<sheetData>`` written to ``part``; each cell's internal link is added to ``links``, in the
    order of the cells. Styles are looked up cell by cell, in the order of the cells, so that a
    style new to the workbook gets the same id on every run.

    A cell object met again (a report shares its cells of equal value) is rendered once: what
    follows its reference is remembered while the sheet is written, unless it is a whole number
    (as quick to write again) or a long text (seldom met twice). The memory is bounded: the
    cells of a validation sheet's 100,000 links are each met once."""
    letters = [col_letter(i) for i in range(1, width + 1)]
    style_attr = _style_attributes(style_ids)
    tails: dict[int, str] = {}  # id of a cell object in ``rows`` -> what follows <c r="…"
    count = len(rows)
    beyond = sorted(number for number in heights if not 1 <= number <= count)  # height only
    written = False
    for number in [*(n for n in beyond if n < 1), *range(1, count + 1), *(n for n in beyond if n > count)]:
        cells = rows[number - 1] if 1 <= number <= count else ()
        line = str(number)
        xml = []
        for index, cell in enumerate(cells):
            if isinstance(cell, Cell):
                if cell.link or cell.external:
                    links.append(_hyperlink(f"{letters[index]}{line}", cell, externals or {}))
                tail = tails.get(id(cell))
                if tail is None:
                    linked = cell.link or cell.external
                    style = LINK_STYLE if cell.style is None and linked else cell.style
                    tail = cell_tail(cell.value, style, style_attr)
                    if tail is not None and _worth_remembering(cell.value):
                        if len(tails) >= _REMEMBERED_CELLS:  # cells met once would fill it: start again
                            tails.clear()
                        tails[id(cell)] = tail
            else:
                tail = cell_tail(cell, None, style_attr)
            if tail is None:
                value = cell.value if isinstance(cell, Cell) else cell
                raise TypeError(f"cell {letters[index]}{line}: cannot write a {type(value).__name__} to a sheet")
            if tail:
                xml.append(f'<c r="{letters[index]}{line}"{tail}')
        height = f' ht="{heights[number]:g}" customHeight="1"' if number in heights else ""
        if xml or height:
            row = f'<row r="{line}"{height}>{"".join(xml)}</row>' if xml else f'<row r="{line}"{height}/>'
            part.write((row if written else "<sheetData>" + row).encode("utf-8"))
            written = True
    if more is not None and more.rows:
        if any(number > count for number in heights):
            raise ValueError("a height for a row of more_rows: only the first rows can have one")
        if not written:
            part.write(b"<sheetData>")
        more.write(part, count + 1, style_attr)
        written = True
    part.write(b"</sheetData>" if written else b"<sheetData/>")


def _hyperlink(ref: str, cell: Cell, externals: dict[str, str]) -> str:
    """An internal link has a location only; a link to another file names its relationship."""
    location = f' location="{xml_text(cell.link.lstrip("#"))}"' if cell.link else ""
    rid = f' r:id="{externals[cell.external]}"' if cell.external else ""
    return f'<hyperlink ref="{ref}"{rid}{location}/>'


def external_links(spec: SheetSpec) -> list[tuple[str, str]]:
    """(relationship id, file) for each file the sheet's cells link to, in the order first met:
    the sheet's relationships after the drawing's (``DRAWING_RID``)."""
    targets: dict[str, None] = {}
    for row in spec.rows:
        for cell in row:
            if isinstance(cell, Cell) and cell.external:
                targets.setdefault(cell.external)
    return [(f"rId{number}", target) for number, target in enumerate(targets, start=2)]


def external_relationships(spec: SheetSpec) -> str:
    """The <Relationship> elements of ``external_links``: hyperlinks to files outside."""
    return "".join(
        f'<Relationship Id="{rid}" Type="{RELATIONSHIPS_NS}/hyperlink" Target="{xml_text(target)}"'
        ' TargetMode="External"/>' for rid, target in external_links(spec))


def _worth_remembering(value: CellValue) -> bool:
    return type(value) is not int and not (type(value) is str and len(value) > _LONG_TEXT)


def _style_attributes(style_ids: Callable[[Style], int]) -> Callable[[Style | None], str]:
    """A cell's ` s="N"` attribute. Sheets share a few style objects among thousands of cells:
    each object is looked up once instead of being hashed and compared per cell."""
    known: dict[int, tuple[Style | None, str]] = {}  # the style is kept so its id stays its own

    def attribute(style: Style | None) -> str:
        found = known.get(id(style))
        if found is None:
            attr = "" if style is None or style == _PLAIN else f' s="{style_ids(style)}"'
            found = known[id(style)] = (style, attr)
        return found[1]

    return attribute


def cell_tail(value: CellValue, style: Style | None, style_attr: Callable[[Style | None], str]) -> str | None:
    """What follows ``<c r="A1"`` in a cell's element: its style, type and content, closed. ""
    for a cell with neither a value nor a style (none is written), None for a value a sheet cannot
    hold. Text and whole numbers, nearly every cell, are written without the general path's checks."""
    if type(value) is str:
        s = style_attr(style)
        if value:
            return f'{s} t="inlineStr"><is><t xml:space="preserve">{cell_text(value)}</t></is></c>'
        return f"{s}/>" if s else ""
    if type(value) is int:
        return f"{style_attr(style)}><v>{value}</v></c>"
    if isinstance(value, dt.date):
        serial = excel_serial(value)
        if serial is not None:
            style = _dated(style, isinstance(value, dt.datetime))
        value = value.isoformat() if serial is None else serial
    s = style_attr(style)
    content = _typed_content(value)
    if content is None:
        return None
    if content:
        return f"{s}{content}</c>"
    return f"{s}/>" if s else ""


def _typed_content(value: object) -> str | None:
    """Type attribute and content of a cell; "" for an empty cell, None for a type we cannot write."""
    if isinstance(value, str):
        return f' t="inlineStr"><is><t xml:space="preserve">{cell_text(value)}</t></is>' if value else ""
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v>'
    if isinstance(value, (int, numbers.Integral)):
        return f"><v>{int(value)}</v>"
    if isinstance(value, (float, numbers.Real)):
        # NaN is pandas' "missing": an empty cell, as is None.
        return f"><v>{float(value)!r}</v>" if math.isfinite(value) else ""
    return "" if value is None else None


@functools.lru_cache(maxsize=256)
def _dated(style: Style | None, is_datetime: bool) -> Style:
    """A date cell's style: the caller's, with our date format when it names none."""
    if style is not None and style.num_format is not None:
        return style
    return replace(style or _PLAIN, num_format=DATETIME_FORMAT if is_datetime else DATE_FORMAT)


def _merges(merges: list[str] | tuple[str, ...]) -> str:
    if not merges:
        return ""
    cells = "".join(f'<mergeCell ref="{xml_text(ref)}"/>' for ref in merges)
    return f'<mergeCells count="{len(merges)}">{cells}</mergeCells>'


def _page_setup(spec: SheetSpec) -> str:
    orientation = "landscape" if spec.landscape else "portrait"
    fit = ' fitToWidth="1" fitToHeight="0"' if spec.fit_width else ""
    return f'<pageSetup paperSize="9" orientation="{orientation}"{fit}/>'


# --- styles.xml fragments. Exact strings: package_writer reuses an identical one already there.


def font_xml(style: Style, base_name: str, base_size: str) -> str | None:
    """None when the style keeps the workbook's default font (font 0)."""
    if not (style.bold or style.italic or style.underline or style.size or style.color):
        return None
    size = f"{style.size:g}" if style.size else base_size
    return (
        "<font>"
        + ("<b/>" if style.bold else "")
        + ("<i/>" if style.italic else "")
        + ("<u/>" if style.underline else "")
        + f'<sz val="{size}"/>'
        + (f'<color rgb="FF{style.color}"/>' if style.color else "")
        + f'<name val="{xml_text(base_name)}"/>'
        + "</font>"
    )


def fill_xml(style: Style) -> str | None:
    if not style.fill:
        return None
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{style.fill}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
    )


def border_xml(style: Style) -> str | None:
    if not style.border:
        return None
    sides = "".join(f'<{side} style="thin"><color auto="1"/></{side}>' for side in ("left", "right", "top", "bottom"))
    return f"<border>{sides}<diagonal/></border>"


def xf_xml(style: Style, num_fmt_id: int, font_id: int, fill_id: int, border_id: int) -> str:
    applies = "".join(
        f' apply{name}="1"'
        for name, used in (
            ("NumberFormat", num_fmt_id),
            ("Font", font_id),
            ("Fill", fill_id),
            ("Border", border_id),
        )
        if used
    )
    align = "".join(
        f' {name}="{value}"'
        for name, value in (
            ("horizontal", style.halign),
            ("vertical", style.valign),
            ("wrapText", style.wrap and "1"),
        )
        if value
    )
    head = f'<xf numFmtId="{num_fmt_id}" fontId="{font_id}" fillId="{fill_id}" borderId="{border_id}" xfId="0"{applies}'
    if not align:
        return head + "/>"
    return f'{head} applyAlignment="1"><alignment{align}/></xf>'
