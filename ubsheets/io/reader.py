"""Read a master workbook into raw tables, fast (python-calamine), forgiving about headers.

Sheets and headers are recognised in any of the three languages, in any case, with extra
spaces, Latin lookalike letters, or Kyrgyz letters typed without their marks; columns may be
reordered and extra columns are ignored. Values come back as Excel stored them; typing them is
the validator's job, except for what calamine reads as an empty cell although it is not: an error
value (``#REF!``) or a formula with no saved value comes back as a ``FaultyValue``.

Each sheet is looked at before calamine reads it (``sheet_scan``), so that a stray value far away
cannot make it allocate the empty space up to that value. A value far from a register's table is
not read but reported, once per sheet (``value_outside_table``): one more than ``OUTSIDE_COLUMNS``
columns right of the table's last header, one below more than ``OUTSIDE_ROWS`` empty rows under
the table, and one beyond A1:AF199999 (``sheet_scan.MAX_ROWS``, ``MAX_COLUMNS``).
"""

from __future__ import annotations

import io
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any, NamedTuple

from python_calamine import CalamineError, CalamineWorkbook

from ubsheets.core.a1 import col_letter
from ubsheets.core.cells import is_empty
from ubsheets.core.findings import FaultyValue, Finding, make_finding
from ubsheets.core.normalize import fold
from ubsheets.core.tables import Book, Row, Table
from ubsheets.errors import InputError
from ubsheets.i18n import LANGS, t
from ubsheets.io.guard import BROKEN_ZIP, check_workbook_file, open_checked_workbook
from ubsheets.io.sheet_scan import (
    is_plain,
    rewritten_sheet,
    rewritten_workbook,
    scan_cells,
    sheet_entries,
)
from ubsheets.schema import ALL_TABLES, META_SHEET, SETTINGS_TABLE, Register

HEADER_SEARCH_ROWS = 10  # a user may insert a title above the table
# A longer title (or rows inserted above the table) is searched past that only while no row shows
# every required header, and only this far: a normal sheet costs nothing more.
HEADER_FAR_ROWS = 100
# Where a table ends, for values typed far from it (README: value_outside_table).
OUTSIDE_COLUMNS = 3
OUTSIDE_ROWS = 1000
# A file the guard let through can still be damaged where it did not look (inside a sheet).
_UNREADABLE = (*BROKEN_ZIP, CalamineError)

Grid = list[list[Any]]  # calamine's values: str, float, bool, dates and times


def read_book(path: Path) -> Book:
    """The workbook at ``path`` as raw tables; ``InputError`` when it cannot be one."""
    package = open_checked_workbook(path)  # the guard's checks, on the zip read here
    with package:
        sheets = _SheetReader(path, package)
        sheet_of = _match_sheets(sheets.names)
        missing = [reg.sheet for reg in ALL_TABLES if reg.key not in sheet_of]
        if missing:
            unique = list(dict.fromkeys(missing))
            raise InputError("not_ubsheets_workbook", name=path.name, missing=unique)
        # Only the registers' sheets: reports, summaries and the user's own sheets are not read.
        meta = _read_meta(sheets.grid(META_SHEET).cells) if META_SHEET in sheets.names else {}
        lang = meta.get("lang") or _guess_lang(sheet_of.values())
        lang = lang if lang in LANGS else "ky"
        tables: dict[str, Table] = {}
        findings: list[Finding] = []
        for sheet, registers in _registers_by_sheet(sheet_of).items():
            # One sheet at a time: a big grid is let go before the next is read.
            found = _read_sheet(registers, sheet, sheets.grid(sheet), lang)
            tables.update(found.tables)
            findings.extend(found.findings)
    return Book(name=path.name, lang=lang, template_version=meta.get("template_version"),
                tables={reg.key: tables[reg.key] for reg in ALL_TABLES}, findings=findings)


def check_sheets_readable(path: Path, names: list[str]) -> None:
    """A written file is sound: the package passes the guard, every entry's checksum holds, and
    a spreadsheet reader finds the named sheets in it.

    Cheaper than parsing the whole book again, which cost a fifth of a report regeneration. No
    sheet is read into a grid here, so no sheet's extent matters."""
    check_workbook_file(path)
    with _damaged_if_unreadable(path.name):
        with zipfile.ZipFile(path) as package:
            broken = package.testzip()
        found = set(CalamineWorkbook.from_path(str(path)).sheet_names)
    if broken is not None or not set(names) <= found:
        raise InputError("damaged_workbook", name=path.name, detail=broken or "sheets")


@contextmanager
def _damaged_if_unreadable(name: str) -> Iterator[None]:
    try:
        yield
    except _UNREADABLE as error:
        raise InputError("damaged_workbook", name=name, detail=str(error)[:200]) from None


@dataclass
class SheetGrid:
    """A sheet's values from A1 as calamine reads them, within A1:AF199999, with what it cannot
    say: the cells that are not what they seem (``marks``) and the cells beyond the bounds."""

    cells: Grid
    marks: dict[tuple[int, int], FaultyValue] = field(default_factory=dict)
    beyond: int = 0
    first_beyond: tuple[int, int] | None = None


class _SheetReader:
    """The workbook's sheets, each read into a grid no larger than its values need."""

    def __init__(self, path: Path, package: zipfile.ZipFile) -> None:
        self.name, self.package = path.name, package
        with _damaged_if_unreadable(self.name):
            self.workbook = CalamineWorkbook.from_path(str(path))
            self.names: list[str] = self.workbook.sheet_names
            self.entries = sheet_entries(package)

    def grid(self, sheet: str) -> SheetGrid:
        entry = self.entries.get(sheet)
        if entry is None:  # calamine could only read it some other way than we look
            raise InputError("damaged_workbook", name=self.name, detail=f"no part for {sheet}")
        with _damaged_if_unreadable(self.name):
            data = self.package.read(entry)
            if is_plain(data):  # nearly every sheet: calamine reads it as it is
                return SheetGrid(self._dense(self.workbook, sheet))
            scan = scan_cells(data)
            workbook = self.workbook
            if scan.needs_copy:
                copy = rewritten_workbook(self.package, entry, rewritten_sheet(data))
                workbook = CalamineWorkbook.from_filelike(io.BytesIO(copy))
            grid = SheetGrid(self._dense(workbook, sheet), scan.marks, scan.beyond, scan.first_beyond)
        _place_marks(grid)
        return grid

    @staticmethod
    def _dense(workbook: CalamineWorkbook, sheet: str) -> Grid:
        return workbook.get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def _place_marks(grid: SheetGrid) -> None:
    """Each mark in its cell: calamine has an empty cell there, or none (a formula without a
    value at the table's edge is past calamine's last row or column)."""
    cells = grid.cells
    for (row, column), value in grid.marks.items():
        cells.extend([] for _ in range(row - len(cells)))
        line = cells[row - 1]
        line.extend("" for _ in range(column - len(line)))
        line[column - 1] = value


def _read_meta(grid: Sequence[Sequence[object]]) -> dict[str, str]:
    return {str(row[0]): str(row[1]) for row in grid if len(row) >= 2 and row[0] and row[1]}


def _match_sheets(sheet_names: list[str]) -> dict[str, str]:
    """Register key -> the workbook's sheet that holds it, by the sheet's name in any language."""
    by_folded = {fold(name): name for name in sheet_names}
    found = {}
    for reg in ALL_TABLES:
        for label in reg.sheet.all():
            if fold(label) in by_folded:
                found[reg.key] = by_folded[fold(label)]
                break
    return found


def _registers_by_sheet(sheet_of: dict[str, str]) -> dict[str, list[Register]]:
    """The settings sheet holds two tables; every other register has a sheet of its own."""
    by_sheet: dict[str, list[Register]] = {}
    for reg in ALL_TABLES:
        by_sheet.setdefault(sheet_of[reg.key], []).append(reg)
    return by_sheet


def _guess_lang(sheet_names: Iterable[str]) -> str:
    votes: Counter[str] = Counter()
    names = {fold(name) for name in sheet_names}
    for reg in ALL_TABLES:
        for lang in LANGS:
            if fold(reg.sheet.get(lang)) in names and reg.sheet.get(lang) != reg.sheet.ky:
                votes[lang] += 1
    return votes.most_common(1)[0][0] if votes else "ky"


class _Header(NamedTuple):
    row_index: int  # the header's row, 0-based
    columns: dict[str, int]  # column key -> Excel column number (1 = A)
    texts: dict[str, str]  # column key -> the header as typed


@dataclass
class _SheetTables:
    tables: dict[str, Table]
    findings: list[Finding]


def _read_sheet(registers: list[Register], sheet: str, grid: SheetGrid, lang: str) -> _SheetTables:
    """The sheet's tables, and one finding for the values far from them."""
    cells = grid.cells
    headers = {reg.key: _find_header(reg, cells) for reg in registers}
    found = [header for header in headers.values() if header.columns]
    # A sheet without any header found has no table to measure against: every row is read.
    last_line, right = _table_extent(cells, found) if found else (len(cells), None)
    tables = {reg.key: _read_table(reg, sheet, cells, headers[reg.key], last_line)
              for reg in registers}
    outside = _outside(grid, last_line, right)
    return _SheetTables(tables, [_outside_finding(sheet, lang, *outside)] if outside else [])


def _read_table(register: Register, sheet: str, cells: Grid, header: _Header,
                last_line: int) -> Table:
    table = Table(register=register, sheet=sheet, header_line=header.row_index + 1,
                  columns=header.columns, headers=header.texts)
    keys = list(header.columns)
    if not keys:
        return table
    indexes = [number - 1 for number in header.columns.values()]
    # calamine's rows are all as wide as the sheet: one C call picks a row's values. A short row
    # is one a mark was placed in, past calamine's last row or column.
    pick = itemgetter(*indexes) if len(indexes) > 1 else lambda row: (row[indexes[0]],)
    settings = register is SETTINGS_TABLE  # read as they always were: a mark is an empty cell
    for index in range(header.row_index + 1, min(last_line, len(cells))):
        row = cells[index]
        try:
            values = pick(row)
        except IndexError:
            values = tuple(row[i] if i < len(row) else None for i in indexes)
        if settings:
            values = tuple("" if isinstance(v, FaultyValue) else v for v in values)
        if values.count("") == len(values) or all(map(is_empty, values)):
            continue
        table.rows.append(Row(line=index + 1, values=dict(zip(keys, values, strict=True))))
    return table


def _find_header(register: Register, grid: Sequence[Sequence[object]]) -> _Header:
    """The header row with the most of the register's headers, and where each is: in the first
    ``HEADER_SEARCH_ROWS`` rows, or further down (to ``HEADER_FAR_ROWS``) while no row found so
    far has every required header; the first of equal rows wins."""
    wanted, required = _wanted_headers(register)
    best = _Header(0, {}, {})
    for index, cells in enumerate(grid[:HEADER_FAR_ROWS]):
        if len(best.columns) == len(register.columns):
            break  # every column found: no row can be better
        if index >= HEADER_SEARCH_ROWS and best.columns and required <= best.columns.keys():
            break
        columns: dict[str, int] = {}
        texts: dict[str, str] = {}
        for number, cell in enumerate(cells, start=1):
            key = wanted.get(fold(cell)) if isinstance(cell, str) and cell else None
            if key and key not in columns:
                columns[key], texts[key] = number, str(cell)
        if len(columns) > len(best.columns):
            best = _Header(index, columns, texts)
    return best


_WANTED: dict[str, tuple[dict[str, str], frozenset[str]]] = {}


def _wanted_headers(register: Register) -> tuple[dict[str, str], frozenset[str]]:
    """The register's headers folded (folded header -> column key) and its required columns,
    once per register: building them for each sheet of each workbook was most of the search."""
    known = _WANTED.get(register.key)
    if known is None:
        wanted = {fold(text): col.key for col in register.columns for text in col.header.all()}
        required = frozenset(col.key for col in register.columns if col.required)
        known = _WANTED[register.key] = (wanted, required)
    return known


def _table_extent(cells: Grid, headers: list[_Header]) -> tuple[int, int]:
    """The last line of the sheet's tables and the last column a value may stand in: the table
    runs down from its header until more than ``OUTSIDE_ROWS`` empty rows follow (a row counts if
    it holds a value up to the right edge), and ``OUTSIDE_COLUMNS`` past its last header."""
    right = max(_last_header_column(cells[h.row_index], h) for h in headers) + OUTSIDE_COLUMNS
    last = min(h.row_index for h in headers)
    while True:
        # The farthest row with a value within reach; rows are looked at from the far end, so a
        # full table moves on a whole window at a time.
        reach = min(last + OUTSIDE_ROWS + 1, len(cells) - 1)
        step = next((i for i in range(reach, last, -1) if _has_value(cells[i], right)), None)
        if step is None:
            return last + 1, right
        last = step


def _last_header_column(row: Sequence[object], header: _Header) -> int:
    """The header row's last filled cell (the user's own extra columns included)."""
    filled = [number for number, cell in enumerate(row, start=1) if cell != ""]
    return max([*filled, *header.columns.values()])


def _has_value(row: list[object], right: int) -> bool:
    part = row[:right]
    return part.count("") != len(part)


def _outside(grid: SheetGrid, last_line: int, right: int | None
             ) -> tuple[tuple[int, int], object, int] | None:
    """The first value outside the sheet's tables (row by row: its row and column, its value)
    and how many there are, those calamine did not read included."""
    first: tuple[int, int] | None = None
    value: object = None
    count = grid.beyond
    cells = grid.cells
    wide = right is not None and max(map(len, cells), default=0) > right
    # Most sheets end at their table's last row and column: then nothing is looked at here.
    if right is not None and (wide or len(cells) > last_line):
        for index in range(0 if wide else last_line, len(cells)):
            row, start = cells[index], (right if index < last_line else 0)
            part = row[start:]
            filled = len(part) - part.count("")
            if filled and first is None:
                column = next(n for n, cell in enumerate(part, start=start + 1) if cell != "")
                first, value = (index + 1, column), row[column - 1]
            count += filled
    if grid.first_beyond is not None and (first is None or grid.first_beyond < first):
        first, value = grid.first_beyond, None
    return (first, value, count) if first is not None else None


def _outside_finding(sheet: str, lang: str, position: tuple[int, int], value: object,
                     count: int) -> Finding:
    row, column = position
    others = t("outside_others", lang, count=count - 1) if count > 1 else ""
    return make_finding(lang, "value_outside_table", sheet=sheet,
                        cell=f"{col_letter(column)}{row}", row=row, column=col_letter(column),
                        value=value, others=others)
