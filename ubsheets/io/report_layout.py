"""Lay a report or summary ``Document`` out on a printable sheet: A4, fit to width, borders,
wrapped text, page numbers, and native charts where the core asked for one.

Pages are laid out here, not left to the printer: a sheet has several tables, and a sheet's print
titles can repeat only one fixed row, which would head the open lessons' pages with the activity
log's columns. So every page break is ours (``rowBreaks``), placed before the page is full, and a
table that continues on the next page starts it with its own title and header again.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
from collections.abc import Sequence
from typing import Any

from ubsheets.core.sections import Document, Section
from ubsheets.i18n import t
from ubsheets.io.sheet_model import Cell, CellValue, ChartSpec, SheetSpec, Style, col_letter
from ubsheets.schema.base import DATE_FORMAT

_TITLE = Style(bold=True, size=13, halign="center", valign="center", wrap=True)
_SUBTITLE = Style(halign="center", valign="center", wrap=True)
_NOTICE = Style(italic=True, color="C00000", halign="center", valign="center", wrap=True)
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
# Points of page height kept free for what a renderer rounds differently (scale to whole percent).
PAGE_SLACK = 0.97


def document_sheet(doc: Document) -> SheetSpec:
    widths = SUMMARY_WIDTHS if doc.layout == "grid" else REPORT_WIDTHS
    ncols = max([len(s.header) for s in doc.sections] + [len(REPORT_WIDTHS)])
    widths = tuple(widths[:ncols]) + (widths[-1],) * max(0, ncols - len(widths))
    if doc.layout == "grid":
        widths = _unbroken(widths, doc)
    landscape = doc.layout == "grid"
    sheet = _Pages(ncols, widths, page_height(widths, landscape), doc.lang)
    for index, title in enumerate(doc.title):
        sheet.merged_line(title, _TITLE if index == 0 else _SUBTITLE)
    for notice in doc.notices:
        sheet.merged_line(notice, _NOTICE)
    sheet.blank()
    charts = [chart for section in doc.sections if (chart := sheet.section(section))]
    sheet.closing(doc.notes, doc.signatures)
    return SheetSpec(name=doc.sheet, rows=sheet.rows, col_widths=list(widths),
                     merges=sheet.merges, landscape=landscape, fit_width=True,
                     row_heights=sheet.heights, charts=tuple(charts),
                     page_breaks=tuple(sheet.breaks), footer=page_footer(doc.lang))


def _unbroken(widths: tuple[float, ...], doc: Document) -> tuple[float, ...]:
    """The grid's narrow columns widened to their longest word, so that a header such as
    «жылдырылган» is never printed as «жылдыр|ылган»."""
    longest = list(widths)
    for section in doc.sections:
        for row in [section.header, *section.rows]:
            for index, value in enumerate(row[1:len(widths)], start=1):
                if isinstance(value, str) and value:
                    longest[index] = max(longest[index], word_width(value))
    return tuple(longest)


def word_width(text: str) -> float:
    """The column width that holds ``text``'s longest word unbroken, in bold (bold Cyrillic runs
    wide)."""
    return round(max(map(len, text.split()), default=0) * 1.3 + 1, 1)


def page_footer(lang: str) -> str:
    """"Бет 3 / 27" centred in the footer, in Excel's header/footer codes (&P the page, &N the
    count); a literal & is written twice."""
    label = t("page_label", lang, page="{page}", pages="{pages}").replace("&", "&&")
    return "&C" + label.format(page="&P", pages="&N")


def page_height(widths: tuple[float, ...], landscape: bool) -> float:
    """How many points of rows fit on one printed A4 page once the sheet is fitted to the page's
    width (the margins are the sheet's: 0.5 in left and right, 0.75 in top and bottom).

    The narrower the columns print, the less the sheet is shrunk and the fewer rows fit. Excel's
    Calibri 11 has 7-pixel digits; LibreOffice without Calibri substitutes a wider font (~9 px,
    measured on its PDFs: 88 rows of 15 pt on a portrait page of the report's columns). Counting
    7 px gives the smaller page, so our breaks come before either program would break by itself
    (LibreOffice with Carlito, which has Calibri's metrics, fills the page as Excel does).
    """
    page_width, page_height = (A4_POINTS[1], A4_POINTS[0]) if landscape else A4_POINTS
    columns = sum((width * 7 + 5) * 0.75 for width in widths)
    scale = min(1.0, (page_width - 72) / columns)
    return (page_height - 108) / scale * PAGE_SLACK


class _Pages:
    """Rows laid out top to bottom onto pages: their merges, heights and the page breaks."""

    def __init__(self, ncols: int, widths: tuple[float, ...], capacity: float, lang: str) -> None:
        self.ncols, self.widths, self.capacity, self.lang = ncols, widths, capacity, lang
        self.rows: list[list[Cell | CellValue]] = []
        self.merges: list[str] = []
        self.heights: dict[int, float] = {}
        self.breaks: list[int] = []
        self.used = 0.0  # points of the current page taken
        self.cells = _BodyCells()

    @property
    def next_line(self) -> int:
        return len(self.rows) + 1

    def room(self) -> float:
        return self.capacity - self.used

    def new_page(self) -> None:
        if self.used:
            self.breaks.append(self.next_line)
            self.used = 0.0

    def put(self, cells: Sequence[Cell | CellValue], height: float = LINE_HEIGHT,
            merge: int = 0) -> int:
        """One row; ``merge`` > 1 merges its first cell over that many columns."""
        line = self.next_line
        self.rows.append(cells if isinstance(cells, list) else list(cells))  # rows are not changed
        if merge > 1:
            self.merges.append(f"A{line}:{col_letter(merge)}{line}")
        if height != LINE_HEIGHT:
            self.heights[line] = height
        self.used += height
        return line

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            if self.used:  # a page never starts with empty rows
                self.put([])

    def merged_line(self, text: str, style: Style) -> None:
        self.put([Cell(text, style)], row_height([text], [sum(self.widths)], style.size or 11),
                 merge=self.ncols)

    def section(self, section: Section) -> ChartSpec | None:
        """Title, header, rows, and the chart below them if asked for. A section that fits on a
        page is not cut in two; a longer one starts where it is and, at each page break, goes on
        under its own title and header."""
        title_height = row_height([section.title], [sum(self.widths)], _SECTION.size or 11)
        header = [Cell(text, _HEADER) for text in section.header]
        header_height = row_height(section.header, self.widths)
        body = self._body(section)
        if not body:
            body = [([Cell(section.empty or "—", _EMPTY)], LINE_HEIGHT)]
        chart_height = CHART_ROWS * LINE_HEIGHT if section.chart and section.rows else 0.0
        whole = title_height + header_height + sum(h for _, h in body) + LINE_HEIGHT + chart_height
        least = title_height + header_height + sum(h for _, h in body[:3])  # no orphaned header
        if whole > self.room() and (whole <= self.capacity or least > self.room()):
            self.new_page()
        self.put([Cell(section.title, _SECTION)], title_height)
        header_line = self.put(header, header_height)
        for cells, height in body:
            if height > self.room() and self.used > title_height + header_height:
                self.new_page()
                self.put([Cell(t("continued", self.lang, title=section.title), _SECTION)],
                         title_height)
                self.put(header, header_height)
            self.put(cells, height, merge=len(section.header) if not section.rows else 0)
        self.blank()
        return self.chart(section, header_line) if chart_height else None

    def _body(self, section: Section) -> list[tuple[list[Cell], float]]:
        """The section's rows as styled cells, each with its height: a report of a 100,000-row
        log has more than a million cells, so the usual ones are shared (``_BodyCells``)."""
        limits = _limits(self.widths, 11)
        total = len(section.rows) - 1 if section.total else -1
        cells = self.cells
        body = []
        for n, values in enumerate(section.rows):
            if n == total:
                row = [Cell(v, _style(v, i, True)) for i, v in enumerate(values)]
            else:
                # -0.0 == 0.0, yet each is written as itself: floats (rare) are not shared.
                row = [cells[type(v), v] if type(v) is not float else Cell(v, _NUMBER) for v in values]
            body.append((row, _height(values, limits, 11)))
        return body

    def chart(self, section: Section, header_line: int) -> ChartSpec:
        """A column chart of the section's rows (totals aside) over its month columns, placed
        below it; rows are left free for it."""
        last_col = col_letter(len(section.header) - 1)  # the last column is the total
        body = section.rows[:-1] if section.total else section.rows
        series = tuple((f"A{header_line + 1 + i}", f"B{header_line + 1 + i}:{last_col}"
                        f"{header_line + 1 + i}") for i in range(len(body)))
        anchor = f"A{self.next_line}"
        for _ in range(CHART_ROWS):
            self.put([])
        return ChartSpec(title=section.title, categories=f"B{header_line}:{last_col}{header_line}",
                         series=series, anchor=anchor, width_cols=self.ncols,
                         height_rows=CHART_ROWS - 1)

    def closing(self, notes: list[str], signatures: list[str]) -> None:
        """The notes and the signature lines, kept together on the last page."""
        lines = [(note, _NOTE) for note in notes] + [(s, _SIGN) for s in signatures]
        height = sum(row_height([text], [sum(self.widths)]) for text, _ in lines)
        if height + LINE_HEIGHT * len(signatures) > self.room():
            self.new_page()
        for text, style in lines:
            if style is _SIGN:
                self.blank()
            self.merged_line(text, style)

def row_height(values: list[Any], widths: tuple[float, ...] | list[float],
               size: float = 11) -> float:
    """A row's height for its wrapped text, estimated from the characters per line of each
    column: deterministic, so regenerating gives the same sheet, and printed rows are never cut
    (LibreOffice does not grow a row of wrapped text it opens)."""
    return _height(values, _limits(tuple(widths), size), size)


@functools.lru_cache(maxsize=64)
def _limits(widths: tuple[float, ...], size: float) -> tuple[float, ...]:
    """The characters a line of each column holds (Cyrillic runs wide: a column of width w
    holds about 0.9 w), worked out once for a sheet's columns rather than for every cell."""
    return tuple(width * 0.9 * 11 / size for width in widths)


def _height(values: Sequence[Any], limits: tuple[float, ...], size: float) -> float:
    lines = 1
    for value, limit in zip(values, limits, strict=False):
        if type(value) is str and (len(value) > limit or "\n" in value):  # noqa: E721
            lines = max(lines, _line_count(value, max(1.0, limit)))
    if lines > 1 or size > 11:
        return round(lines * LINE_HEIGHT * size / 11, 1)
    return LINE_HEIGHT


@functools.lru_cache(maxsize=8192)
def _line_count(text: str, per_line: float) -> int:
    """Lines ``text`` takes wrapped at word boundaries, ``per_line`` characters a line (Cyrillic
    runs wide: a column of width w holds about 0.9 w); a word longer than a line is broken.

    Remembered for the texts met again and again (a log's dates and times, its teachers, its
    participants): counting them anew was the largest part of laying out a 100,000-row log."""
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            if used and used + 1 + len(word) > per_line:
                lines, used = lines + 1, 0.0
            if len(word) > per_line:
                broken = math.ceil(len(word) / per_line) - 1
                lines, used = lines + broken, len(word) - broken * per_line
            else:
                used += (1 if used else 0) + len(word)
        total += lines
    return total


class _BodyCells(dict[tuple[type, Any], Cell]):
    """The cells of a sheet's table bodies by value: a body cell's style follows from its value
    alone, and equal cells are one object (a Cell is frozen). A report repeats its numbers,
    dates, teachers and empty notes from row to row: a cell object for each of a million cells
    was a fifth of a large report's memory. The key holds the value's type, since 1, 1.0 and
    True are equal."""

    def __missing__(self, key: tuple[type, Any]) -> Cell:
        kind, value = key
        cell = self[key] = Cell(value, _STYLE_OF_TYPE.get(kind) or _style(value, 0, False))
        return cell


# The body style of a value of each usual type; ``_style`` decides the rest (bool, subclasses).
_STYLE_OF_TYPE: dict[type, Style] = {str: _BODY, type(None): _BODY, int: _NUMBER, float: _NUMBER,
                                     dt.date: _BODY_DATE, dt.datetime: _BODY_DATE}


def _style(value: Any, position: int, total: bool) -> Style:
    if total:
        return _TOTAL_LABEL if position == 0 else _TOTAL
    if isinstance(value, dt.date):
        return _BODY_DATE
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _NUMBER
    return _BODY
