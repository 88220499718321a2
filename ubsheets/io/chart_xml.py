"""Render a sheet's ``ChartSpec``s as native Excel charts: one DrawingML chart part per chart and
the drawing part that anchors them on the sheet.

Series point at cells of the sheet by fully qualified formulas, and carry caches of those cells'
values taken from the spec, so Excel and LibreOffice draw the bars before any recalculation.
Pure text building: the same spec gives the same bytes (the writer's second run changes nothing).
"""

from __future__ import annotations

import datetime as dt
import math
import numbers
from collections.abc import Callable, Sequence

from ubsheets.io.sheet_model import Cell, CellValue, ChartSpec, col_letter, parse_cell_ref, sheet_ref
from ubsheets.io.sheet_xml import RELATIONSHIPS_NS, excel_serial, xml_text

CHART_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
DRAWINGML_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
SHEET_DRAWING_NS = "http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing"
_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Any two ids unique within the chart; fixed, so the bytes are too.
_CAT_AXIS, _VAL_AXIS = 50010001, 50010002
Rows = Sequence[Sequence[Cell | CellValue]]


def chart_rid(index: int) -> str:
    """The drawing's relationship id for its ``index``-th chart (0-based)."""
    return f"rId{index + 1}"


def render_drawing_xml(charts: Sequence[ChartSpec]) -> bytes:
    """One two-cell anchor per chart: from its anchor cell, ``width_cols`` × ``height_rows``."""
    anchors = "".join(_anchor(index, chart) for index, chart in enumerate(charts))
    return f'{_HEAD}<xdr:wsDr xmlns:xdr="{SHEET_DRAWING_NS}" xmlns:a="{DRAWINGML_NS}">{anchors}</xdr:wsDr>'.encode()


def _anchor(index: int, chart: ChartSpec) -> str:
    row, col = parse_cell_ref(chart.anchor)

    def marker(tag: str, col0: int, row0: int) -> str:
        return (
            f"<xdr:{tag}><xdr:col>{col0}</xdr:col><xdr:colOff>0</xdr:colOff>"
            f"<xdr:row>{row0}</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:{tag}>"
        )

    return (
        "<xdr:twoCellAnchor>"
        + marker("from", col - 1, row - 1)
        + marker("to", col - 1 + chart.width_cols, row - 1 + chart.height_rows)
        + '<xdr:graphicFrame macro="">'
        f'<xdr:nvGraphicFramePr><xdr:cNvPr id="{index + 2}" name="Chart {index + 1}" '
        f'descr="{xml_text(chart.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>'
        '<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm>'
        f'<a:graphic><a:graphicData uri="{CHART_NS}">'
        f'<c:chart xmlns:c="{CHART_NS}" xmlns:r="{RELATIONSHIPS_NS}" r:id="{chart_rid(index)}"/>'
        "</a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>"
    )


def render_chart_xml(chart: ChartSpec, sheet_name: str, rows: Rows) -> bytes:
    """A clustered column chart of ``chart``'s series; ``rows`` are the sheet's cells (for caches)."""
    categories = _range_cells(chart.categories)
    series = "".join(
        _series(index, name_ref, values_ref, categories, sheet_name, rows)
        for index, (name_ref, values_ref) in enumerate(chart.series)
    )
    return (
        f'{_HEAD}<c:chartSpace xmlns:c="{CHART_NS}" xmlns:a="{DRAWINGML_NS}" xmlns:r="{RELATIONSHIPS_NS}">'
        '<c:roundedCorners val="0"/><c:chart>'
        + _title(chart.title)
        + '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        + series
        + f'<c:gapWidth val="150"/><c:axId val="{_CAT_AXIS}"/><c:axId val="{_VAL_AXIS}"/></c:barChart>'
        + _axes(_highest(chart, rows))
        + '</c:plotArea><c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>'
    ).encode("utf-8")


def _title(text: str) -> str:
    return (
        '<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1"/></a:pPr>'
        f'<a:r><a:rPr sz="1200" b="1"/><a:t>{xml_text(text)}</a:t></a:r></a:p></c:rich></c:tx>'
        '<c:overlay val="0"/></c:title>'
    )


def _series(
    index: int,
    name_ref: str,
    values_ref: str,
    categories: list[tuple[int, int]],
    sheet_name: str,
    rows: Rows,
) -> str:
    name_cell = parse_cell_ref(name_ref)
    values = _range_cells(values_ref)
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>'
        f"<c:tx>{_str_ref(sheet_name, [name_cell], rows)}</c:tx>"
        '<c:invertIfNegative val="0"/>'
        f"<c:cat>{_str_ref(sheet_name, categories, rows)}</c:cat>"
        f"<c:val>{_num_ref(sheet_name, values, rows)}</c:val></c:ser>"
    )


WHOLE_STEPS_UP_TO = 10  # counts this small get a step of 1: no "0.5 lessons" on the axis


def _highest(chart: ChartSpec, rows: Rows) -> float:
    numbers = [float(n) for _, values_ref in chart.series for cell in _range_cells(values_ref)
               if (n := _as_number(_value(rows, *cell))) is not None]
    return max(numbers, default=0.0)


def _axes(highest: float) -> str:
    text = '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="out"/>'
    text += '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
    return (
        f'<c:catAx><c:axId val="{_CAT_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="b"/>{text}<c:crossAx val="{_VAL_AXIS}"/>'
        '<c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/>'
        '<c:noMultiLvlLbl val="0"/></c:catAx>'
        f'<c:valAx><c:axId val="{_VAL_AXIS}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>{text}<c:crossAx val="{_CAT_AXIS}"/>'
        '<c:crosses val="autoZero"/><c:crossBetween val="between"/>'
        + ('<c:majorUnit val="1"/>' if highest <= WHOLE_STEPS_UP_TO else "")
        + "</c:valAx>"
    )


# --- references and their caches ------------------------------------------------------------


def _range_cells(ref: str) -> list[tuple[int, int]]:
    """ "B12:J12" -> [(12, 2), …, (12, 10)]: one row or one column, as a chart series takes."""
    first, _, last = ref.partition(":")
    (row1, col1), (row2, col2) = parse_cell_ref(first), parse_cell_ref(last or first)
    if row1 != row2 and col1 != col2:
        raise ValueError(f"a chart range must be one row or one column: {ref!r}")
    return [(row, col) for row in range(min(row1, row2), max(row1, row2) + 1)
            for col in range(min(col1, col2), max(col1, col2) + 1)]


def formula(sheet_name: str, cells: list[tuple[int, int]]) -> str:
    """``'Жыйынтык'!$B$12:$J$12``: always quoted, so any sheet name works."""
    start, end = (f"${col_letter(col)}${row}" for row, col in (cells[0], cells[-1]))
    return sheet_ref(sheet_name, start if len(cells) == 1 else f"{start}:{end}")


def _value(rows: Rows, row: int, col: int) -> CellValue:
    line = rows[row - 1] if row <= len(rows) else ()
    cell = line[col - 1] if col <= len(line) else None
    return cell.value if isinstance(cell, Cell) else cell


def _str_ref(sheet_name: str, cells: list[tuple[int, int]], rows: Rows) -> str:
    cache = f'<c:strCache><c:ptCount val="{len(cells)}"/>{_points(cells, rows, _as_text)}</c:strCache>'
    return f"<c:strRef><c:f>{xml_text(formula(sheet_name, cells))}</c:f>{cache}</c:strRef>"


def _num_ref(sheet_name: str, cells: list[tuple[int, int]], rows: Rows) -> str:
    points = _points(cells, rows, _as_number)
    cache = f'<c:numCache><c:formatCode>General</c:formatCode><c:ptCount val="{len(cells)}"/>{points}</c:numCache>'
    return f"<c:numRef><c:f>{xml_text(formula(sheet_name, cells))}</c:f>{cache}</c:numRef>"


def _points(cells: list[tuple[int, int]], rows: Rows, show: Callable[[CellValue], str | None]) -> str:
    """A cache's points: each cell as ``show`` renders it, empty ones left out (Excel's way)."""
    return "".join(
        f'<c:pt idx="{index}"><c:v>{xml_text(text)}</c:v></c:pt>'
        for index, text in enumerate(show(_value(rows, *cell)) for cell in cells)
        if text is not None
    )


def _as_text(value: CellValue) -> str | None:
    """What the cell shows, as a category or series name; None for an empty cell."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")  # as our DATE_FORMAT shows it
    if isinstance(value, numbers.Real):
        return _as_number(value)
    return str(value)


def _as_number(value: CellValue) -> str | None:
    """The cached number of a value cell; None where Excel would plot nothing (text, blanks)."""
    if isinstance(value, dt.date):
        serial = excel_serial(value)
        return None if serial is None else repr(serial)
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return None
    number = float(value)
    if not math.isfinite(number):
        return None
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)
