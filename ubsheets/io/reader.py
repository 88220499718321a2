"""Read a master workbook into raw tables, fast (python-calamine), forgiving about headers.

Sheets and headers are recognised in any of the three languages, in any case, with extra
spaces, Latin lookalike letters, or Kyrgyz letters typed without their marks; columns may be
reordered and extra columns are ignored. Values come back as Excel stored them; typing them is
the validator's job.
"""

from __future__ import annotations

import zipfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

from python_calamine import CalamineError, CalamineWorkbook

from ubsheets.core.cells import is_empty
from ubsheets.core.normalize import fold
from ubsheets.core.tables import Book, Row, Table
from ubsheets.errors import InputError
from ubsheets.i18n import LANGS
from ubsheets.io.guard import BROKEN_ZIP, check_workbook_file
from ubsheets.schema import ALL_TABLES, META_SHEET, Register

HEADER_SEARCH_ROWS = 10  # a user may insert a title above the table
# A file the guard let through can still be damaged where it did not look (inside a sheet).
_UNREADABLE = (*BROKEN_ZIP, CalamineError)


def read_book(path: Path) -> Book:
    """The workbook at ``path`` as raw tables; ``InputError`` when it cannot be one."""
    check_workbook_file(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet_of = _match_sheets(workbook.sheet_names)
        missing = [reg.sheet for reg in ALL_TABLES if reg.key not in sheet_of]
        if missing:
            unique = list(dict.fromkeys(missing))
            raise InputError("not_ubsheets_workbook", name=path.name, missing=unique)
        # Only the registers' sheets: reports, summaries and the user's own sheets are not read.
        wanted = {*sheet_of.values(), *([META_SHEET] if META_SHEET in workbook.sheet_names else [])}
        grids = {name: workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
                 for name in wanted}
    except _UNREADABLE as error:
        raise InputError("damaged_workbook", name=path.name, detail=str(error)[:200]) from None
    meta = _read_meta(grids.get(META_SHEET, []))
    lang = meta.get("lang") or _guess_lang(sheet_of.values())
    tables = {reg.key: _read_table(reg, sheet_of[reg.key], grids[sheet_of[reg.key]])
              for reg in ALL_TABLES}
    return Book(name=path.name, lang=lang if lang in LANGS else "ky",
                template_version=meta.get("template_version"), tables=tables)


def check_sheets_readable(path: Path, names: list[str]) -> None:
    """A written file is sound: the package passes the guard, every entry's checksum holds, and
    a spreadsheet reader finds the named sheets in it.

    Cheaper than parsing the whole book again, which cost a fifth of a report regeneration."""
    check_workbook_file(path)
    try:
        with zipfile.ZipFile(path) as package:
            broken = package.testzip()
        found = set(CalamineWorkbook.from_path(str(path)).sheet_names)
    except _UNREADABLE as error:
        raise InputError("damaged_workbook", name=path.name, detail=str(error)[:200]) from None
    if broken is not None or not set(names) <= found:
        raise InputError("damaged_workbook", name=path.name, detail=broken or "sheets")


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


def _guess_lang(sheet_names: Iterable[str]) -> str:
    votes: Counter[str] = Counter()
    names = {fold(name) for name in sheet_names}
    for reg in ALL_TABLES:
        for lang in LANGS:
            if fold(reg.sheet.get(lang)) in names and reg.sheet.get(lang) != reg.sheet.ky:
                votes[lang] += 1
    return votes.most_common(1)[0][0] if votes else "ky"


def _read_table(register: Register, sheet: str, grid: Sequence[Sequence[object]]) -> Table:
    header_index, columns, headers = _find_header(register, grid)
    table = Table(register=register, sheet=sheet, header_line=header_index + 1,
                  columns=columns, headers=headers)
    for index in range(header_index + 1, len(grid)):
        cells = grid[index]
        values = {key: (cells[col - 1] if col - 1 < len(cells) else None)
                  for key, col in columns.items()}
        if all(is_empty(v) for v in values.values()):
            continue
        table.rows.append(Row(line=index + 1, values=values))
    return table


def _find_header(register: Register, grid: Sequence[Sequence[object]]
                 ) -> tuple[int, dict[str, int], dict[str, str]]:
    """The header row (0-based) with the most of the register's headers, and where each is."""
    wanted = {fold(text): col.key for col in register.columns for text in col.header.all()}
    best: tuple[int, dict[str, int], dict[str, str]] = (0, {}, {})
    for index, cells in enumerate(grid[:HEADER_SEARCH_ROWS]):
        columns: dict[str, int] = {}
        headers: dict[str, str] = {}
        for number, cell in enumerate(cells, start=1):
            key = wanted.get(fold(cell)) if isinstance(cell, str) else None
            if key and key not in columns:
                columns[key], headers[key] = number, str(cell)
        if len(columns) > len(best[1]):
            best = (index, columns, headers)
    return best
