"""A workbook of an older ubsheets template brought to the current one (``ubsheets upgrade``).

The old workbook is read as any other (``read_book``: old headers are found by their columns,
``Label.old``); its settings and rows are built into the current master (``build_workbook``) in
the book's own language, a dropdown value typed as an old label becoming its current label and
anything else kept exactly as typed. The master's sheets then take the places of the old ones
(``transplant`` with ``replace``); every other sheet of the user's is kept byte for byte.

Nothing typed is lost: a value on one of our sheets that would not be carried (beside a table, above
its header, a setting we don't know) refuses the migration, the file untouched, as does a sheet of
ours holding a chart or a picture of the user's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from python_calamine import CalamineWorkbook

from ubsheets.core.a1 import col_letter
from ubsheets.core.findings import FaultyValue
from ubsheets.core.normalize import fold
from ubsheets.core.tables import Book, Table
from ubsheets.errors import InputError
from ubsheets.io.opc_package import WORKBOOK, Package
from ubsheets.io.parts.relationships import kind_of
from ubsheets.io.parts.workbook import WorkbookPart
from ubsheets.schema import ALL_TABLES, META_SHEET, SETTINGS, SETTINGS_TABLE, Kind, Label

# What a sheet of ours relates to, made by ubsheets: dropped with the sheet.
_OWN_PARTS = frozenset({"table", "comments", "vmlDrawing", "printerSettings"})

Rows = dict[str, list[dict[str, Any]]]


@dataclass
class Migration:
    """What an older workbook becomes: the master's settings and rows, and what was changed."""

    version: str
    lang: str
    settings: dict[str, Any]
    rows: Rows
    carried: int = 0  # register rows carried over (the settings not counted)
    renamed: dict[str, str] = field(default_factory=dict)  # old dropdown value -> its current label


def plan_migration(book: Book, path_text: str) -> Migration:
    """The settings and rows of ``book`` (read from the file at ``path_text``) for the current
    master; refused when a value on our sheets would not be carried."""
    _check_all_carried(book, path_text)
    lang = book.lang
    migration = Migration(book.template_version or "?", lang, _settings(book), {})
    for register in ALL_TABLES:
        if register is SETTINGS_TABLE:
            continue
        rows = [{key: _carried(register.column(key), value, lang, migration.renamed)
                 for key, value in row.values.items()} for row in book.rows(register.key)]
        migration.rows[register.key] = rows
        if register.key != "holidays":
            migration.carried += len(rows)
    return migration


def replaced_positions(package: Package, book: Book, lang: str) -> dict[str, int]:
    """The master's sheet name -> the position of the old sheet of ours it replaces; refused when
    one of those holds a part of the user's (a chart, a picture)."""
    workbook = WorkbookPart(package.required(WORKBOOK), package.name)
    sheets = workbook.sheets()
    position = {sheet.name: index for index, sheet in enumerate(sheets)}
    replace = {reg.sheet.get(lang): position[book.tables[reg.key].sheet] for reg in ALL_TABLES}
    replace[META_SHEET] = position[META_SHEET]
    targets = {rel["Id"]: rel["part"] for rel in package.rels(WORKBOOK) if "part" in rel}
    for index in sorted(set(replace.values())):
        part = targets.get(sheets[index].rid)
        for rel in package.rels(package.names[part]) if part in package.names else []:
            if kind_of(rel.get("Type", "")) not in _OWN_PARTS:
                raise InputError("migrate_sheet_has_objects", name=package.name, sheet=sheets[index].name)
    return replace


def _carried(column: Any, value: Any, lang: str, renamed: dict[str, str]) -> Any:
    """A cell's value for the new master: a dropdown's old label as its current one; anything
    else as typed (a dropdown's text wrapped, so that the master does not take a code for one)."""
    if isinstance(value, FaultyValue):
        return str(value)  # an error or a formula without a value: its text, not lost
    if column.kind is not Kind.CHOICE or column.choices is None or not isinstance(value, str):
        return value
    folded = fold(value)
    for choice in column.choices.choices:
        if any(fold(old) == folded for old in choice.label.old):
            renamed[value] = choice.label.get(lang)
            return Label(*(choice.label.get(lang),) * 3)
    return Label(value, value, value)


def _settings(book: Book) -> dict[str, Any]:
    """The settings by key; one the old workbook did not have gets its default."""
    known = {fold(text): item for item in SETTINGS for text in item.label.all()}
    table = book.tables[SETTINGS_TABLE.key]
    found: dict[str, Any] = {}
    for row in table.rows:
        item = known.get(fold(str(row.values.get("setting", ""))))
        if item is None:
            column = col_letter(table.columns.get("setting", SETTINGS_TABLE.first_col))
            raise InputError("migrate_value_outside", name=book.name, sheet=table.sheet,
                             cell=f"{column}{row.line}")
        value = row.values.get("value")
        found[item.key] = str(value) if isinstance(value, FaultyValue) else value
    for item in SETTINGS:
        if item.key not in found and item.default is not None:
            found[item.key] = item.default_in(book.lang)
    return found


def _check_all_carried(book: Book, path_text: str) -> None:
    """Every value on the sheets of our tables is in a table's header or one of its rows, under
    one of its columns: else the first other is named (row by row), to be moved first."""
    by_sheet: dict[str, list[Table]] = {}
    for table in book.tables.values():
        by_sheet.setdefault(table.sheet, []).append(table)
    workbook = CalamineWorkbook.from_path(path_text)
    for sheet, tables in by_sheet.items():
        carried = _carried_cells(tables)
        # A form's title above its header (a workbook marked "1" made after it came in): ours.
        titles = {fold(text) for table in tables for text in table.register.title.all()}
        top = min(table.header_line for table in tables)
        for line, cells in enumerate(workbook.get_sheet_by_name(sheet).to_python(), start=1):
            for number, cell in enumerate(cells, start=1):
                if cell == "" or cell is None or (line, number) in carried:
                    continue
                if not (line < top and isinstance(cell, str) and fold(cell) in titles):
                    raise InputError("migrate_value_outside", name=book.name, sheet=sheet,
                                     cell=f"{col_letter(number)}{line}")


def _carried_cells(tables: list[Table]) -> set[tuple[int, int]]:
    cells: set[tuple[int, int]] = set()
    for table in tables:
        cells |= {(table.header_line, number) for number in table.columns.values()}
        for row in table.rows:
            cells |= {(row.line, table.columns[key]) for key in row.values}
    return cells
