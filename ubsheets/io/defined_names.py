"""The defined names of our sheets in workbook.xml: the marker that says a sheet is ours, its print
titles and its filter range. Text edits (``xml_text``); every other name stays byte for byte.

Which sheets are ours: a sheet-local defined name on each sheet we write. Only a sheet with it is
replaced; a user's own sheet that happens to have our name is refused (``sheet_name_taken``).
A local name belongs to the sheet itself: it follows the sheet when it is moved or renamed (Excel
and LibreOffice renumber localSheetId) and goes when the sheet is deleted, which a list of owned
sheet names (a custom document property) would not. Hidden, so Excel's Name Manager does not show
it. LibreOffice 7.4 keeps it (name and localSheetId) when it re-saves, but writes hidden="false"
and "TRUE()": we look only at the name and the sheet, and render it hidden again on every write.
"""

from __future__ import annotations

import re

from ubsheets.io.sheet_model import SheetSpec, sheet_ref
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

OWNED_MARKER = "_ubsheets_owned"
_MANAGED_NAMES = ("_xlnm.Print_Titles", "_xlnm._FilterDatabase", OWNED_MARKER)
_HIDDEN_NAMES = ("_xlnm._FilterDatabase", OWNED_MARKER)
# What the schema puts after <definedNames> in <workbook>.
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                        "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")


def carries_marker(workbook: str, prefix: str, index: int) -> bool:
    """Whether the sheet at ``index`` in <sheets> carries our marker (names ignore case).
    ``prefix`` is the workbook's namespace prefix ("x:" or "")."""
    return any(
        found.get("name", "").casefold() == OWNED_MARKER and found.get("localSheetId") == str(index)
        for found in (attrs(m.group(0)) for m in elements(workbook, prefix + "definedName"))
    )


def set_sheet_names(workbook: str, prefix: str, index: int, sheet_name: str, spec: SheetSpec) -> str:
    """``workbook`` with our marker, print titles and the filter range of our sheet at ``index``:
    replaced in place (a duplicate of one, invalid in Excel, is dropped), new ones appended, others
    kept. Excel writes names sorted but reads them in any order, so appending is enough."""
    wanted: dict[str, str] = {OWNED_MARKER: "TRUE"}
    if spec.print_title_rows:
        wanted["_xlnm.Print_Titles"] = sheet_ref(sheet_name, "${}:${}".format(*spec.print_title_rows))
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
