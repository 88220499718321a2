"""The defined names of our sheets in workbook.xml: the marker that says a sheet is ours, its print
titles and its filter range. Text edits (``xml_text``); every other name stays byte for byte.

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

import html
import re

from ubsheets.io.sheet_model import SheetSpec, col_letter, sheet_ref
from ubsheets.io.sheet_xml import xml_text
from ubsheets.io.xml_text import (
    attrs,
    edit_elements,
    elements,
    first_element,
    insert_before_close,
    insert_before_first,
    qualify,
)

# A start tag, allowing ">" inside quoted attribute values.
_START_TAG = re.compile(r"""<(?:[^>"']|"[^"]*"|'[^']*')*>""")
OWNED_MARKER = "_ubsheets_owned"
DIGEST_NAME = "_ubsheets_digest"
_MANAGED_NAMES = ("_xlnm.Print_Titles", "_xlnm.Print_Area", "_xlnm._FilterDatabase", OWNED_MARKER,
                  DIGEST_NAME)
_HIDDEN_NAMES = ("_xlnm._FilterDatabase", OWNED_MARKER, DIGEST_NAME)
# What the schema puts after <definedNames> in <workbook>.
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                        "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")


def _local_name(workbook: str, prefix: str, index: int, name: str) -> re.Match[str] | None:
    """The defined name ``name`` local to the sheet at ``index`` in <sheets> (names ignore case).
    ``prefix`` is the workbook's namespace prefix ("x:" or "")."""
    return next(
        (m for m in elements(workbook, prefix + "definedName")
         if (found := attrs(m.group(0))).get("name", "").casefold() == name.casefold()
         and found.get("localSheetId") == str(index)),
        None,
    )


def carries_marker(workbook: str, prefix: str, index: int) -> bool:
    """Whether the sheet at ``index`` in <sheets> carries our marker."""
    return _local_name(workbook, prefix, index, OWNED_MARKER) is not None


def recorded_digest(workbook: str, prefix: str, index: int) -> str | None:
    """The digest recorded when we wrote the sheet at ``index``; None if there is none (a sheet an
    older ubsheets wrote). The constant is read as Excel or LibreOffice may have saved it:
    ``"v1:…"``, with or without a leading "="."""
    found = _local_name(workbook, prefix, index, DIGEST_NAME)
    if found is None:
        return None
    start, end = _content(found.group(0))
    return html.unescape(found.group(0)[start:end]).strip().lstrip("=").strip().strip('"')


def _content(element: str) -> tuple[int, int]:
    """Where a <definedName>'s text (its formula) starts and ends in ``element``; empty if none."""
    start = _START_TAG.match(element)
    if start is None or start.group(0).endswith("/>"):
        return 0, 0
    return start.end(), element.rfind("<")


def set_sheet_names(workbook: str, prefix: str, index: int, sheet_name: str, spec: SheetSpec,
                    digest: str | None = None) -> str:
    """``workbook`` with our marker, the digest of what we wrote (``sheet_digest``), print titles
    and the filter range of our sheet at ``index``: replaced in place (a duplicate of one, invalid
    in Excel, is dropped), new ones appended, others kept. Excel writes names sorted but reads
    them in any order, so appending is enough."""
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

    def render(name: str) -> str:
        hidden = ' hidden="1"' if name in _HIDDEN_NAMES else ""
        value = xml_text(wanted.pop(name))
        return qualify(f'<definedName name="{name}" localSheetId="{index}"{hidden}>{value}</definedName>', prefix)

    def edit(_: int, element: str) -> str:
        found = attrs(element)
        name = managed.get(found.get("name", "").casefold())
        if found.get("localSheetId") != str(index) or name is None:
            return element
        return render(name) if name in wanted else ""

    workbook = edit_elements(workbook, prefix + "definedName", edit)
    if wanted:
        added = "".join(render(name) for name in _MANAGED_NAMES if name in wanted)
        workbook = insert_before_close(_with_defined_names(workbook, prefix), prefix + "definedNames", added)
    return workbook


def _with_defined_names(workbook: str, prefix: str) -> str:
    """``workbook`` with a <definedNames> block, added where the schema's order puts it if missing."""
    if first_element(workbook, prefix + "definedNames"):
        return workbook
    later = [prefix + name for name in _AFTER_DEFINED_NAMES]
    block = qualify("<definedNames></definedNames>", prefix)
    return insert_before_first(workbook, later, block, prefix + "workbook")


def release_sheet(workbook: str, prefix: str, index: int, old_name: str, new_name: str) -> str:
    """``workbook`` after the sheet at ``index`` was renamed from ``old_name`` to ``new_name`` and
    given to the user: our marker and digest go (it is never replaced again), and its other local
    names (print titles, filter range, a user's own) follow it to its new name, as a rename in
    Excel makes them; each other name stays byte for byte."""
    quoted = re.escape("'" + old_name.replace("'", "''") + "'")
    # The name as a reference: quoted anywhere, bare (as LibreOffice writes a plain name) only where
    # a reference may start, so "MyОтчет!A1" is not taken for "Отчет!A1".
    reference = re.compile(rf"(?:{quoted}|(?<![^=(,;+\-*/&^<>:\s]){re.escape(old_name)})!", re.IGNORECASE)
    ours = {OWNED_MARKER.casefold(), DIGEST_NAME.casefold()}

    def edit(_: int, element: str) -> str:
        found = attrs(element)
        if found.get("localSheetId") != str(index):
            return element
        if found.get("name", "").casefold() in ours:
            return ""
        start, end = _content(element)
        formula = html.unescape(element[start:end])
        renamed = reference.sub(lambda _: sheet_ref(new_name, ""), formula)
        return element if renamed == formula else element[:start] + xml_text(renamed) + element[end:]

    return edit_elements(workbook, prefix + "definedName", edit)
