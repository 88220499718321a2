"""Lay a report or summary ``Document`` out on a printable sheet: A4, fit to width, borders,
wrapped text, repeated header rows, and native charts where the core asked for one."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from ubsheets.core.sections import Document, Section
from ubsheets.io.sheet_model import Cell, CellValue, ChartSpec, SheetSpec, Style, col_letter
from ubsheets.schema.base import DATE_FORMAT

_TITLE = Style(bold=True, size=13, halign="center", valign="center", wrap=True)
_SUBTITLE = Style(halign="center", valign="center", wrap=True)
_SECTION = Style(bold=True, size=12, valign="center")
_HEADER = Style(bold=True, fill="DDEBF7", border=True, wrap=True, halign="center",
                valign="center")
_BODY = Style(border=True, wrap=True, valign="top")
_BODY_DATE = Style(border=True, wrap=True, valign="top", num_format=DATE_FORMAT, halign="center")
_NUMBER = Style(border=True, valign="top", halign="center")
_TOTAL = Style(bold=True, border=True, valign="top", halign="center")
_TOTAL_LABEL = Style(bold=True, border=True, valign="top", wrap=True)
_EMPTY = Style(italic=True, border=True, halign="center")
_NOTE = Style(italic=True, wrap=True, valign="top")
_SIGN = Style(valign="bottom")

REPORT_WIDTHS = (5, 40, 17, 26, 24, 22)  # № | topic | date, time | teacher | participants | note
SUMMARY_WIDTHS = (42, *([8.5] * 11))  # a label, then the months of the year and a total
LINE_HEIGHT = 15.0  # points per line of 11-pt text
CHART_ROWS = 18
A4_POINTS = (595.0, 842.0)
PIXELS_PER_CHARACTER = 9


def document_sheet(doc: Document) -> SheetSpec:
    widths = SUMMARY_WIDTHS if doc.layout == "grid" else REPORT_WIDTHS
    ncols = max([len(s.header) for s in doc.sections] + [len(REPORT_WIDTHS)])
    widths = tuple(widths[:ncols]) + (widths[-1],) * max(0, ncols - len(widths))
    sheet = _Layout(ncols, widths)
    for index, title in enumerate(doc.title):
        sheet.merged_line(title, _TITLE if index == 0 else _SUBTITLE)
    sheet.blank()
    header_line: int | None = None
    charts: list[ChartSpec] = []
    blocks = [(1, sheet.next_line)]  # (first row, first row after): kept on one page if they fit
    for section in doc.sections:
        start = sheet.next_line
        line = sheet.section(section)
        header_line = header_line or line
        if section.chart and section.rows:
            charts.append(sheet.chart(section, line))
        blocks.append((start, sheet.next_line))
    start = sheet.next_line
    for note in doc.notes:
        sheet.merged_line(note, _NOTE)
    for signature in doc.signatures:
        sheet.blank()
        sheet.merged_line(signature, _SIGN)
    blocks.append((start, sheet.next_line))
    landscape = doc.layout == "grid"
    repeat = (header_line, header_line) if doc.layout == "form" and header_line else None
    breaks = sheet.page_breaks(blocks, page_height(widths, landscape))
    return SheetSpec(name=doc.sheet, rows=sheet.rows, col_widths=list(widths),
                     merges=sheet.merges, landscape=landscape, fit_width=True,
                     print_title_rows=repeat, row_heights=sheet.heights, charts=tuple(charts),
                     page_breaks=breaks)


def page_height(widths: tuple[float, ...], landscape: bool) -> float:
    """How many points of rows fit on one printed A4 page once the sheet is fitted to the page's
    width (the margins are the sheet's: 0.5 in left and right, 0.75 in top and bottom)."""
    page_width, page_height = (A4_POINTS[1], A4_POINTS[0]) if landscape else A4_POINTS
    # ~9 px a character of column width: measured on LibreOffice's PDFs (88 rows of 15 pt on a
    # portrait page of the report's columns, 40 on a landscape page of the summary's). Excel's
    # Calibri is narrower (~7 px), so there a page holds a little more: breaks stay safe.
    columns = sum((width * PIXELS_PER_CHARACTER + 5) * 0.75 for width in widths)
    scale = min(1.0, (page_width - 72) / columns)
    return (page_height - 108) / scale


class _Layout:
    """Rows being laid out top to bottom, with their merges and heights."""

    def __init__(self, ncols: int, widths: tuple[float, ...]) -> None:
        self.ncols, self.widths = ncols, widths
        self.rows: list[list[Cell | CellValue]] = []
        self.merges: list[str] = []
        self.heights: dict[int, float] = {}

    @property
    def next_line(self) -> int:
        return len(self.rows) + 1

    def page_breaks(self, blocks: list[tuple[int, int]], capacity: float) -> tuple[int, ...]:
        """Rows to start a new printed page at, so that no block that fits on one page is cut
        in two (a section with its chart, the signatures). Longer blocks simply run on."""
        breaks, used = [], 0.0
        for start, end in blocks:
            height = sum(self.heights.get(line, LINE_HEIGHT) for line in range(start, end))
            if used and used + height > capacity and height <= capacity:
                breaks.append(start)
                used = 0.0
            used = (used + height) % capacity
        return tuple(breaks)

    def blank(self, count: int = 1) -> None:
        self.rows.extend([] for _ in range(count))

    def merged_line(self, text: str, style: Style) -> None:
        line = self.next_line
        self.rows.append([Cell(text, style)])
        self.merges.append(f"A{line}:{col_letter(self.ncols)}{line}")
        self._fit(line, [text], [sum(self.widths)], style.size or 11)

    def section(self, section: Section) -> int:
        """Title, header, rows; returns the header's line."""
        self.rows.append([Cell(section.title, _SECTION)])
        header_line = self.next_line
        self.rows.append([Cell(text, _HEADER) for text in section.header])
        self._fit(header_line, section.header, self.widths)
        if not section.rows:
            line = self.next_line
            self.rows.append([Cell(section.empty or "—", _EMPTY)])
            self.merges.append(f"A{line}:{col_letter(len(section.header))}{line}")
        for index, values in enumerate(section.rows):
            is_total = section.total and index == len(section.rows) - 1
            line = self.next_line
            self.rows.append([Cell(v, _style(v, position, is_total))
                              for position, v in enumerate(values)])
            self._fit(line, values, self.widths)
        self.blank()
        return header_line

    def chart(self, section: Section, header_line: int) -> ChartSpec:
        """A column chart of the section's rows (totals aside) over its month columns, placed
        below it; rows are left free for it."""
        last_col = col_letter(len(section.header) - 1)  # the last column is the total
        body = section.rows[:-1] if section.total else section.rows
        series = tuple((f"A{header_line + 1 + i}", f"B{header_line + 1 + i}:{last_col}"
                        f"{header_line + 1 + i}") for i in range(len(body)))
        anchor = f"A{self.next_line}"
        self.blank(CHART_ROWS)
        return ChartSpec(title=section.title, categories=f"B{header_line}:{last_col}{header_line}",
                         series=series, anchor=anchor, width_cols=self.ncols,
                         height_rows=CHART_ROWS - 1)

    def _fit(self, line: int, values: list[Any], widths: tuple[float, ...] | list[float],
             size: float = 11) -> None:
        """Row height for wrapped text: deterministic, so regenerating gives the same sheet."""
        lines = 1
        for value, width in zip(values, widths, strict=False):
            if type(value) is str and len(value) > width * 0.9 * 11 / size:  # noqa: E721
                chars_per_line = max(1.0, width * 0.9 * 11 / size)  # Cyrillic runs wide
                wrapped = sum(math.ceil(max(1, len(part)) / chars_per_line)
                              for part in value.split("\n"))
                lines = max(lines, wrapped)
        if lines > 1 or size > 11:
            self.heights[line] = round(lines * LINE_HEIGHT * size / 11, 1)


def _style(value: Any, position: int, total: bool) -> Style:
    if total:
        return _TOTAL_LABEL if position == 0 else _TOTAL
    if isinstance(value, dt.date):
        return _BODY_DATE
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _NUMBER
    return _BODY
