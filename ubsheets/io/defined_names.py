"""The defined names of our sheets in workbook.xml: the marker that says a sheet is ours, its print
titles and its filter range, edited on the workbook.xml tree (``parts.workbook``); every other name
stays as it was.

Which sheets are ours: a sheet-local defined name on each sheet we write. Only a sheet with it is
replaced; a user's own sheet that happens to have our name is refused (``sheet_name_taken``).
A local name belongs to the sheet itself: it follows the sheet when it is moved or renamed (Excel
and LibreOffice renumber localSheetId) and goes when the sheet is deleted, which a list of owned
sheet names (a custom document property) would not. Hidden, so Excel's Name Manager does not show
it. LibreOffice 7.4 keeps it (name and localSheetId) when it re-saves, but writes hidden="false"
and "TRUE()": we look only at the name and the sheet, and render it hidden again on every write.

Beside the marker, a second local name holds the digest of what the sheet showed when we wrote it
(``sheet_digest``), as a formula's text constant ("v1:…"): it follows the sheet as the marker does,
so the next write can tell a sheet the user changed, which ``release_sheet`` then gives to the user.
"""

from __future__ import annotations

import re

from ubsheets.io.parts.tree import Element
from ubsheets.io.parts.workbook import WorkbookPart, defined_name_value, remove_defined_name, set_defined_name
from ubsheets.io.sheet_model import SheetSpec, col_letter, sheet_ref

OWNED_MARKER = "_ubsheets_owned"
DIGEST_NAME = "_ubsheets_digest"
_MANAGED_NAMES = ("_xlnm.Print_Titles", "_xlnm.Print_Area", "_xlnm._FilterDatabase", OWNED_MARKER,
                  DIGEST_NAME)
_HIDDEN_NAMES = ("_xlnm._FilterDatabase", OWNED_MARKER, DIGEST_NAME)


def _local_name(workbook: WorkbookPart, index: int, name: str) -> Element | None:
    """The defined name ``name`` local to the sheet at ``index`` in <sheets> (names ignore case)."""
    return next((el for el in workbook.local_names(index) if el.get("name", "").casefold() == name.casefold()),
                None)


def carries_marker(workbook: WorkbookPart, index: int) -> bool:
    """Whether the sheet at ``index`` in <sheets> carries our marker."""
    return _local_name(workbook, index, OWNED_MARKER) is not None


def recorded_digest(workbook: WorkbookPart, index: int) -> str | None:
    """The digest recorded when we wrote the sheet at ``index``; None if there is none (a sheet an
    older ubsheets wrote). The constant is read as Excel or LibreOffice may have saved it:
    ``"v1:…"``, with or without a leading "="."""
    found = _local_name(workbook, index, DIGEST_NAME)
    if found is None:
        return None
    return defined_name_value(found).strip().lstrip("=").strip().strip('"')


def set_sheet_names(workbook: WorkbookPart, index: int, sheet_name: str, spec: SheetSpec,
                    digest: str | None = None) -> None:
    """Our marker, the digest of what we wrote (``sheet_digest``), print titles and the filter
    range of our sheet at ``index``: replaced in place (a duplicate of one, invalid in Excel, is
    dropped), new ones appended, others kept. Excel writes names sorted but reads them in any
    order, so appending is enough."""
    wanted: dict[str, str] = {OWNED_MARKER: "TRUE"}
    if digest:
        wanted[DIGEST_NAME] = f'"{digest}"'  # a text constant: no application evaluates it as a reference
    if spec.print_title_rows:
        wanted["_xlnm.Print_Titles"] = sheet_ref(sheet_name, "${}:${}".format(*spec.print_title_rows))
    if spec.print_columns:
        wanted["_xlnm.Print_Area"] = sheet_ref(sheet_name, f"$A:${col_letter(spec.print_columns)}")
    if spec.autofilter:
        absolute = re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", spec.autofilter.upper())
        wanted["_xlnm._FilterDatabase"] = sheet_ref(sheet_name, absolute)

    managed = {name.casefold(): name for name in _MANAGED_NAMES}
    for element in list(workbook.local_names(index)):
        name = managed.get(element.get("name", "").casefold())
        if name is None:
            continue
        if name in wanted:
            set_defined_name(element, name, wanted.pop(name), index, name in _HIDDEN_NAMES)
        else:
            remove_defined_name(element)
    for name in _MANAGED_NAMES:
        if name in wanted:
            workbook.add_defined_name(name, wanted.pop(name), index, name in _HIDDEN_NAMES)


def release_sheet(workbook: WorkbookPart, index: int, old_name: str, new_name: str) -> None:
    """The sheet at ``index`` was renamed from ``old_name`` to ``new_name`` and given to the user:
    our marker and digest go (it is never replaced again), and its other local names (print
    titles, filter range, a user's own) follow it to its new name, as a rename in Excel makes
    them; every other name stays as it was."""
    quoted = re.escape("'" + old_name.replace("'", "''") + "'")
    # The name as a reference: quoted anywhere, bare (as LibreOffice writes a plain name) only where
    # a reference may start, so "MyОтчет!A1" is not taken for "Отчет!A1".
    reference = re.compile(rf"(?:{quoted}|(?<![^=(,;+\-*/&^<>:\s]){re.escape(old_name)})!", re.IGNORECASE)
    ours = {OWNED_MARKER.casefold(), DIGEST_NAME.casefold()}
    for element in list(workbook.local_names(index)):
        if element.get("name", "").casefold() in ours:
            remove_defined_name(element)
            continue
        formula = defined_name_value(element)
        renamed = reference.sub(lambda _: sheet_ref(new_name, ""), formula)
        if renamed != formula:
            for child in list(element):  # comments inside the formula go with the old text
                element.remove(child)
            element.text = renamed
