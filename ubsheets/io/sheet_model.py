"""What a sheet we own looks like, independent of how it is written.

Core code builds these (validation results, reports, summaries); ``sheet_xml`` renders them and
``package_writer`` puts them into a user's workbook. Frozen so a spec can be shared and compared.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Protocol

from ubsheets.core.a1 import col_letter, parse_cell_ref, sheet_ref

CellValue = str | int | float | bool | dt.date | dt.datetime | None

_HEX_COLOR = re.compile(r"[0-9A-F]{6}")
# Excel refuses these in sheet names, and names over 31 characters.
_BAD_NAME_CHARS = re.compile(r"[\[\]:*?/\\]")
HALIGNS = {"general", "left", "center", "right", "fill", "justify", "centerContinuous", "distributed"}
VALIGNS = {"top", "center", "bottom", "justify", "distributed"}


def _color(value: str | None, what: str) -> str | None:
    """Normalise "#0563c1" to "0563C1", so equal colours give equal style XML."""
    if value is None:
        return None
    color = value.lstrip("#").upper()
    if not _HEX_COLOR.fullmatch(color):
        raise ValueError(f"{what} must be RRGGBB, got {value!r}")
    return color


@dataclass(frozen=True)
class Style:
    """The few formatting choices our sheets use. Hashable: it keys the xf cache."""

    bold: bool = False
    italic: bool = False
    size: float | None = None
    color: str | None = None
    fill: str | None = None
    border: bool = False
    wrap: bool = False
    halign: str | None = None
    valign: str | None = None
    num_format: str | None = None
    underline: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "color", _color(self.color, "color"))
        object.__setattr__(self, "fill", _color(self.fill, "fill"))
        if self.halign is not None and self.halign not in HALIGNS:
            raise ValueError(f"halign must be one of {sorted(HALIGNS)}, got {self.halign!r}")
        if self.valign is not None and self.valign not in VALIGNS:
            raise ValueError(f"valign must be one of {sorted(VALIGNS)}, got {self.valign!r}")


@dataclass(frozen=True, slots=True)  # slots: a large report holds hundreds of thousands
class Cell:
    """A value with optional style and an internal link such as ``'Мүчөлөр'!D7``; with
    ``external`` (a file's path relative to the workbook, "school-01.xlsx"), the link opens that
    file, at ``link`` when given."""

    value: CellValue
    style: Style | None = None
    link: str | None = None
    external: str | None = None


@dataclass(frozen=True)
class ChartSpec:
    """A native clustered column chart drawn from cells of its own sheet.

    Ranges are A1 ranges on the sheet ("B12:J12"); each series is (name cell, values range).
    """

    title: str
    categories: str
    series: tuple[tuple[str, str], ...]
    anchor: str  # the top-left cell the chart sits on
    width_cols: int = 10
    height_rows: int = 16


class MoreRows(Protocol):
    """Rows too many to hold as cells, written after a sheet's ``rows`` straight into its part
    (``row_spool.RowStream``: a district's combined register)."""

    rows: int  # how many

    def write(self, out: IO[bytes], first: int, style_attr: Callable[[Style | None], str]) -> None:
        """The ``<row>`` elements, numbered from ``first``; ``style_attr`` gives a style's
        `` s="…"`` attribute in the workbook being written."""


@dataclass(frozen=True)
class SheetSpec:
    """A whole sheet we own. Row and cell positions are 1-based where Excel shows them."""

    name: str
    rows: list[list[Cell | CellValue]]
    col_widths: list[float | None] | tuple[float, ...] = ()
    freeze: str | None = None
    merges: list[str] | tuple[str, ...] = ()
    autofilter: str | None = None
    landscape: bool = False
    fit_width: bool = True
    print_title_rows: tuple[int, int] | None = None
    # Only the first columns are printed (0: all): those after them are for the screen.
    print_columns: int = 0
    tab_color: str | None = None
    hidden: bool = False
    row_heights: dict[int, float] = field(default_factory=dict)
    charts: tuple[ChartSpec, ...] = ()
    page_breaks: tuple[int, ...] = ()  # a printed page starts at each of these rows
    # The printed page's footer in Excel's header/footer codes ("&CБет &P / &N"): the sheet's
    # own footer, which Excel and LibreOffice both print.
    footer: str | None = None
    more_rows: MoreRows | None = field(default=None, compare=False)

    def __post_init__(self) -> None:
        check_sheet_name(self.name)
        object.__setattr__(self, "tab_color", _color(self.tab_color, "tab_color"))
        if self.freeze is not None:
            parse_cell_ref(self.freeze)
        if self.print_title_rows is not None:
            first, last = self.print_title_rows
            if not 1 <= first <= last:
                raise ValueError(f"print_title_rows must be 1 <= first <= last: {first, last}")


def check_sheet_name(name: str) -> None:
    """Excel's own rules; a spec breaking them is our bug, so ValueError, not InputError."""
    if not name or len(name) > 31 or _BAD_NAME_CHARS.search(name):
        raise ValueError(f"not a valid Excel sheet name: {name!r}")
    if name.startswith("'") or name.endswith("'") or name.casefold() == "history":
        raise ValueError(f"not a valid Excel sheet name: {name!r}")


__all__ = ["Cell", "CellValue", "ChartSpec", "SheetSpec", "Style", "check_sheet_name", "col_letter",
           "parse_cell_ref", "sheet_ref"]
