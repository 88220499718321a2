"""``ubsheets upgrade``: a workbook of the school's own (saved by Excel) gets our sheets.

The settings sheet, every register sheet, the hidden sheet and our defined names are added, built
by ``template.build_workbook`` (the one layout of the register sheets) and moved into the user's
package by ``transplant``; every sheet, part and value of the user's stays as it was. What cannot be
upgraded is refused in one line before anything is written: the guard's refusals (encrypted,
legacy .xls, damaged), Strict OOXML, a protected structure, a name of ours already taken, macros an
.xlsx would drop, a file open elsewhere (``safe_write``). A workbook made by ubsheets is left
alone at the current template (nothing to do); one of an older template is migrated (``migrate``):
its sheets of ours replaced by the current ones, filled with what it held.

Into an .xlsm whose source has no VBA project (an .xlsx, or an .xlsm without one) the workbook
also gets what ``new BOOK.xlsm`` gives: the home sheet with its buttons (built into the master as
``new`` builds it, and transplanted with its VML drawing like the other sheets: after the user's
sheets, since putting it first would move the sheet positions the user's names and formulas may
point at), then the VBA project (``vba.add_vba_project``, which writes a code name on every sheet,
as Excel does in a workbook with macros). A source that has a VBA project keeps it untouched: ours
cannot be merged into it, so it gets our sheets without the home sheet and buttons (``Upgraded.vba``
says so).
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook

from ubsheets.core.normalize import fold
from ubsheets.core.validate import typed_context
from ubsheets.errors import InputError, UsageError
from ubsheets.io.guard import check_workbook_file
from ubsheets.io.migrate import Migration, plan_migration, replaced_positions
from ubsheets.io.opc_package import WORKBOOK, Package, open_package, rels_name
from ubsheets.io.parts.namespaces import MAIN, qn
from ubsheets.io.parts.relationships import RelationshipsPart, kind_of
from ubsheets.io.parts.workbook import WorkbookPart
from ubsheets.io.reader import read_book
from ubsheets.io.safe_write import check_writable, safe_replace
from ubsheets.io.transplant import transplant, user_tables
from ubsheets.schema import ALL_TABLES, META_SHEET, TEMPLATE_VERSION
from ubsheets.schema.choices import ALL_LISTS

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
_PROTECTION = qn(MAIN, "workbookProtection")
_PROPERTIES = qn(MAIN, "workbookPr")
_DEFINED_NAME = f"{qn(MAIN, 'definedNames')}/{qn(MAIN, 'definedName')}"


@dataclass
class Upgraded:
    path: Path  # the workbook written (or, with nothing to do, the one given)
    added: list[str] = field(default_factory=list)  # empty: it was current, nothing was written
    migrated: Migration | None = None  # a workbook of an older template: what was carried
    # Into an .xlsm: "added" (the home sheet, its buttons and our VBA project), "kept" (the
    # workbook's own VBA project kept, so no home sheet or buttons); None: an .xlsx.
    vba: str | None = None
    home_sheet: str | None = None  # the home sheet's name in the book's language (with ``vba``)


def upgrade_workbook(book: Path, output: Path | None, lang: str, settings: Mapping[str, Any],
                     rows: Mapping[str, Sequence[Mapping[str, Any]]]) -> Upgraded:
    """Add our sheets to ``book`` (in place, or into ``output``), in ``lang`` with ``settings``
    and ``rows`` (as ``template.build_workbook`` takes them)."""
    book = Path(book)
    target = Path(output) if output is not None else book
    in_place = output is None or (target.exists() and book.exists() and os.path.samefile(book, target))
    if target.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise UsageError("bad_extension", name=target.name)
    if not in_place and target.exists():
        raise UsageError("upgrade_output_exists", name=target.name)
    as_read = check_writable(book) if in_place else None  # the file as read is the one replaced
    check_workbook_file(book)
    migration: Migration | None = None
    replace: dict[str, int] = {}
    with open_package(book) as user:
        state = _template_state(user, book)
        has_vba = _has_vba(user)
        buttons = target.suffix.lower() == ".xlsm" and not has_vba
        # A current workbook has all of ours but, into an .xlsm, perhaps the home sheet.
        home_only = state == _CURRENT and buttons and not _has_home(user)
        if state == _CURRENT and not home_only:
            return Upgraded(book)
        if home_only:
            _check_home_addable(user)
            lang, settings = _own_year(book, lang, settings)
        else:
            _check_upgradable(user, state == _OLDER, buttons)
        date1904 = _uses_1904(user)
        if state == _OLDER:  # the book's own language, settings and rows
            old = read_book(book)
            migration = plan_migration(old, str(book))
            lang, settings, rows = migration.lang, migration.settings, migration.rows
            replace = replaced_positions(user, old, lang)
    macro_enabled = None if in_place else target.suffix.lower() == ".xlsm"
    if has_vba and macro_enabled is False:
        raise InputError("upgrade_macros_dropped", name=book.name, output=target.name)
    master = _master(lang, settings, rows, date1904, buttons)
    added: list[str] = []

    def write(tmp: Path) -> None:
        if not buttons:
            with open_package(book) as user, _opened(master) as source:
                added[:] = transplant(user, source, tmp, macro_enabled, replace)
            return
        from ubsheets.io.home_sheet import HOME_SHEET  # openpyxl: only here
        from ubsheets.vba import add_vba_project  # pyOpenVBA and xlwings: only when building

        with tempfile.TemporaryDirectory(prefix="ubsheets-upgrade-") as scratch:
            staged = Path(scratch) / "staged.xlsm"
            with open_package(book) as user, _opened(master) as source:
                # The home sheet alone goes before our first sheet (the settings'): in a
                # workbook of ours, the first tab.
                added[:] = transplant(user, source, staged, True, replace,
                                      only=[HOME_SHEET.get(lang)] if home_only else None,
                                      at=_first_of_ours(user) if home_only else None)
            add_vba_project(staged, tmp)

    safe_replace(target, write, verify=read_book, backup=in_place, as_read=as_read)
    vba = None if target.suffix.lower() != ".xlsm" else "added" if buttons else "kept" if has_vba else None
    from ubsheets.io.home_sheet import HOME_SHEET  # openpyxl: only here

    return Upgraded(target, added, migration, vba, HOME_SHEET.get(lang) if vba else None)


def _master(lang: str, settings: Mapping[str, Any], rows: Mapping[str, Sequence[Mapping[str, Any]]],
            date1904: bool, home: bool = False) -> bytes:
    """The master workbook's package, its dates counted as the user's workbook counts them (a
    date is a number of days: from 1900, or from 1904 in a workbook made on an old Mac). With
    ``home``, the home sheet first and its buttons, as ``new BOOK.xlsm`` makes them (no VBA: the
    project is built for the upgraded workbook's own sheets)."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904

    from ubsheets.io.template import build_workbook  # openpyxl: only here

    workbook = build_workbook(lang, settings, rows)
    if date1904:
        workbook.epoch = CALENDAR_MAC_1904
    if not home:
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()
    from ubsheets.io.home_sheet import add_buttons, add_home_sheet

    add_home_sheet(workbook, lang, settings["year_start"], settings["year_end"])
    with tempfile.TemporaryDirectory(prefix="ubsheets-master-") as scratch:
        plain, staged = Path(scratch) / "plain.xlsx", Path(scratch) / "buttons.xlsx"
        workbook.save(plain)
        add_buttons(plain, staged, lang)
        return staged.read_bytes()


@contextmanager
def _opened(data: bytes) -> Iterator[Package]:
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        yield Package(zin, "master")


_CURRENT, _OLDER, _FOREIGN = "current", "older", "foreign"


def _template_state(user: Package, book: Path) -> str:
    """A ubsheets workbook of the current template, one of an older template (migrated), or a
    workbook of the school's own. A newer template's, or one whose registers are all there
    without the hidden sheet, is refused."""
    workbook = WorkbookPart(user.required(WORKBOOK), user.name)  # Strict OOXML: refused here
    names = [sheet.name for sheet in workbook.sheets()]
    if META_SHEET in names:
        version = _meta(book).get("template_version") or "?"
        if version == TEMPLATE_VERSION:
            return _CURRENT
        if version.isdigit() and int(version) < int(TEMPLATE_VERSION):
            return _OLDER
        raise InputError("upgrade_newer_template", name=book.name, version=version,
                         current=TEMPLATE_VERSION)
    folded = {fold(name) for name in names}
    if all(any(fold(label) in folded for label in reg.sheet.all()) for reg in ALL_TABLES):
        raise InputError("upgrade_older_template", name=book.name, version="?",
                         current=TEMPLATE_VERSION)
    return _FOREIGN


def _our_names(home: bool = False) -> list[str]:
    """The workbook-level names the master defines: the dropdowns' lists and the teachers (and,
    with the home sheet, its period cell)."""
    from ubsheets.io.home_sheet import PERIOD_NAME  # openpyxl: only here
    from ubsheets.io.template import TEACHERS_NAME

    return [choices.defined_name for choices in ALL_LISTS] + [TEACHERS_NAME] + ([PERIOD_NAME] if home else [])


def _uses_1904(user: Package) -> bool:
    properties = WorkbookPart(user.required(WORKBOOK), user.name).root.find(_PROPERTIES)
    return properties is not None and properties.get("date1904") in ("1", "true")


def _meta(book: Path) -> dict[str, str]:
    grid = CalamineWorkbook.from_path(str(book)).get_sheet_by_name(META_SHEET).to_python()
    return {str(row[0]): str(row[1]) for row in grid if len(row) >= 2 and row[0] and row[1]}


def _check_upgradable(user: Package, migrating: bool, home: bool = False) -> None:
    """Refuse what can't be upgraded. Migrating, our sheets and names are there already, to be
    replaced. With ``home``, the home sheet and its period name are ours too."""
    workbook = WorkbookPart(user.required(WORKBOOK), user.name)
    _refuse_protected(workbook, user.name)
    if migrating:
        taken_home = next((s.name for s in workbook.sheets() if home and fold(s.name) in _home_names()), None)
        if taken_home is not None:
            raise InputError("upgrade_sheet_taken", name=user.name, sheet=taken_home)
        return
    # The reader finds each register by its sheet's name, in any language: a sheet of the user's
    # so named beside ours would make it unclear which one is the register, so it is refused, to
    # be renamed by the user, rather than read by chance or given a name the reader won't find.
    ours = _register_sheet_names() | {fold(META_SHEET)}
    if home:
        ours |= _home_names()
    for sheet in workbook.sheets():
        if fold(sheet.name) in ours:
            raise InputError("upgrade_sheet_taken", name=user.name, sheet=sheet.name)
    taken = {(el.get("name") or "").casefold(): el.get("name") for el in workbook.root.iterfind(_DEFINED_NAME)
             if el.get("localSheetId") is None}
    for table in user_tables(user):
        taken |= {(table.get(a) or "").casefold(): table.get(a) for a in ("name", "displayName")}
    for name in _our_names(home):
        if name.casefold() in taken:
            raise InputError("upgrade_name_taken", name=user.name, defined=taken[name.casefold()])


def _refuse_protected(workbook: WorkbookPart, name: str) -> None:
    protection = workbook.root.find(_PROTECTION)
    if protection is not None and protection.get("lockStructure") in ("1", "true"):
        raise InputError("workbook_structure_protected", name=name)


def _register_sheet_names() -> set[str]:
    """Our register sheets' names in every language, folded."""
    return {fold(label) for reg in ALL_TABLES for label in reg.sheet.all()}


def _home_names() -> set[str]:
    """The home sheet's name in every language, folded."""
    from ubsheets.io.home_sheet import HOME_SHEET  # openpyxl: only here

    return {fold(label) for label in HOME_SHEET.all()}


def _has_home(user: Package) -> bool:
    home_names = _home_names()
    return any(fold(s.name) in home_names for s in WorkbookPart(user.required(WORKBOOK), user.name).sheets())


def _first_of_ours(user: Package) -> int:
    """The position of the first register sheet (the settings') among the workbook's sheets."""
    ours = _register_sheet_names()
    sheets = WorkbookPart(user.required(WORKBOOK), user.name).sheets()
    return next((index for index, sheet in enumerate(sheets) if fold(sheet.name) in ours), len(sheets))


def _check_home_addable(user: Package) -> None:
    """Adding the home sheet alone: refused on a protected structure or a taken period name."""
    from ubsheets.io.home_sheet import PERIOD_NAME  # openpyxl: only here

    workbook = WorkbookPart(user.required(WORKBOOK), user.name)
    _refuse_protected(workbook, user.name)
    taken = {(el.get("name") or "").casefold(): el.get("name") for el in workbook.root.iterfind(_DEFINED_NAME)}
    if PERIOD_NAME.casefold() in taken:
        raise InputError("upgrade_name_taken", name=user.name, defined=taken[PERIOD_NAME.casefold()])


def _own_year(book: Path, lang: str, settings: Mapping[str, Any]) -> tuple[str, Mapping[str, Any]]:
    """A workbook of ours: its own language, and its own school year for the period dropdown
    (the given one when its calendar cannot frame a year)."""
    own = read_book(book)
    context, _ = typed_context(own)
    if context.calendar.problem() is None and context.calendar.start and context.calendar.end:
        settings = {**settings, "year_start": context.calendar.start, "year_end": context.calendar.end}
    return own.lang, settings


def _has_vba(user: Package) -> bool:
    rels = RelationshipsPart(user.required(rels_name(WORKBOOK)), user.name, rels_name(WORKBOOK))
    return any(kind_of(rel.get("Type", "")) == "vbaProject" for rel in rels.items())
