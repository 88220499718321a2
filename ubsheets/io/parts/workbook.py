"""xl/workbook.xml: its sheets (name, sheetId, relationship id, state) and defined names, on an
lxml tree (``tree``), by namespace URI. What names a sheet by position moves on when one is
inserted; ``<definedNames>`` is added where the schema's sequence puts it.

Strict OOXML (Excel's "Strict Open XML Spreadsheet") is refused: the same elements under other
URIs, and every other part of such a file too.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ubsheets.errors import InputError
from ubsheets.io.parts.namespaces import MAIN, RELATIONSHIPS, STRICT_MAIN, qn
from ubsheets.io.parts.tree import Element, declaration, new_prefix, parse_part, prefix_of, remove, serialise

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
MACRO_CONTENT_TYPE = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"

_SHEETS, _SHEET = qn(MAIN, "sheets"), qn(MAIN, "sheet")
_DEFINED_NAMES, _DEFINED_NAME = qn(MAIN, "definedNames"), qn(MAIN, "definedName")
_RID = qn(RELATIONSHIPS, "id")
# What in workbook.xml names a sheet by its position in <sheets> (ECMA-376 Part 1, 18.2), as
# (path, attribute, the value a missing attribute means): a sheet-local defined name, a window's
# selected tab and the first tab it shows. All else names a sheet by sheetId (customWorkbookView,
# calcChain), by relationship or by name (formulas), and is untouched by an insertion.
_SHEET_POSITIONS = ((f"{_DEFINED_NAMES}/{_DEFINED_NAME}", "localSheetId", None),
                    (f"{qn(MAIN, 'bookViews')}/{qn(MAIN, 'workbookView')}", "activeTab", 0),
                    (f"{qn(MAIN, 'bookViews')}/{qn(MAIN, 'workbookView')}", "firstSheet", None))
# What the schema puts after <definedNames> in <workbook>.
_AFTER_DEFINED_NAMES = frozenset(qn(MAIN, name) for name in (
    "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
    "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"))


@dataclass(frozen=True)
class Sheet:
    """One <sheet>: its name, sheetId ("" if none), relationship id ("" if none), state."""

    name: str
    sheet_id: str
    rid: str
    state: str


class WorkbookPart:
    """workbook.xml parsed; ``to_bytes`` gives it back, the original bytes if nothing changed."""

    def __init__(self, data: bytes, name: str) -> None:
        self.tree = parse_part(data, name)
        self.root = self.tree.getroot()
        if self.root.tag == qn(STRICT_MAIN, "workbook"):
            raise InputError("strict_ooxml", name=name)
        sheets = self.root.find(_SHEETS) if self.root.tag == qn(MAIN, "workbook") else None
        if sheets is None:
            raise InputError("damaged_workbook", name=name, detail="xl/workbook.xml: no <sheets>")
        self.sheets_element: Element = sheets
        self.data, self.head = data, declaration(data)
        self.original = serialise(self.tree, self.head)

    # --- sheets ---------------------------------------------------------------------------

    def _sheet_elements(self) -> list[Element]:
        return self.sheets_element.findall(_SHEET)

    def sheets(self) -> list[Sheet]:
        return [Sheet(el.get("name", ""), el.get("sheetId", ""), el.get(_RID, ""), el.get("state", ""))
                for el in self._sheet_elements()]

    def set_sheet(self, index: int, **values: str | None) -> None:
        """Set (None: remove) attributes of the ``index``-th sheet: ``name``, ``state``."""
        element = self._sheet_elements()[index]
        for attr, value in values.items():
            if value is None:
                element.attrib.pop(attr, None)
            else:
                element.set(attr, value)

    def insert_sheet(self, index: int, name: str, sheet_id: int, rid: str, hidden: bool = False) -> None:
        """A new <sheet> as the ``index``-th; what names a later sheet by its position moves on
        with it, so a user's names, our markers and the active tab stay on their sheets."""
        for path, attr, default in _SHEET_POSITIONS:
            for element in self.root.findall(path):
                _shift(element, attr, index, default)
        attrib = {"name": name, "sheetId": str(sheet_id)}
        if hidden:
            attrib["state"] = "hidden"
        attrib[_RID] = rid
        nsmap = None if prefix_of(self.sheets_element, RELATIONSHIPS) else {
            new_prefix(self.sheets_element, "r"): RELATIONSHIPS}
        new = self.sheets_element.makeelement(_SHEET, attrib, nsmap)
        existing = self._sheet_elements()
        if index < len(existing):
            existing[index].addprevious(new)
        else:
            _append(self.sheets_element, new, existing[-1] if existing else None)

    def show_tab(self, index: int) -> None:
        """Make the tab bar of every window start at ``index`` at the latest, so that the sheet
        there is in sight (``firstSheet``: the first tab a window shows)."""
        for view in self.root.iterfind(f"{qn(MAIN, 'bookViews')}/{qn(MAIN, 'workbookView')}"):
            first = view.get("firstSheet")
            if first is not None and first.isascii() and first.isdigit() and int(first) > index:
                view.set("firstSheet", str(index))

    # --- defined names --------------------------------------------------------------------

    def local_names(self, index: int) -> Iterator[Element]:
        """The <definedName>s local to the sheet at ``index``."""
        for element in self.root.findall(f"{_DEFINED_NAMES}/{_DEFINED_NAME}"):
            if element.get("localSheetId") == str(index):
                yield element

    def add_defined_name(self, name: str, value: str, local_sheet: int | None = None,
                         hidden: bool = False) -> Element:
        """A new <definedName>, last in <definedNames> (made where the schema's order puts it)."""
        block = self.root.find(_DEFINED_NAMES)
        if block is None:
            block = self.root.makeelement(_DEFINED_NAMES, {})
            later = next((child for child in self.root if child.tag in _AFTER_DEFINED_NAMES), None)
            if later is None:
                self.root.append(block)
            else:
                later.addprevious(block)
        element = block.makeelement(_DEFINED_NAME, {})
        existing = block.findall(_DEFINED_NAME)
        _append(block, element, existing[-1] if existing else None)
        set_defined_name(element, name, value, local_sheet, hidden)
        return element

    def to_bytes(self) -> bytes:
        current = serialise(self.tree, self.head)
        return self.data if current == self.original else current


def defined_name_value(element: Element) -> str:
    """A <definedName>'s formula: its text, without comments or processing instructions."""
    return str(element.xpath("string()"))


def set_defined_name(element: Element, name: str, value: str, local_sheet: int | None = None,
                     hidden: bool = False) -> None:
    """``element`` made ``<definedName name localSheetId hidden>value</definedName>``: its other
    attributes (LibreOffice's hidden="false", a comment) and content go."""
    tail = element.tail
    element.clear()
    element.tail = tail
    element.set("name", name)
    if local_sheet is not None:
        element.set("localSheetId", str(local_sheet))
    if hidden:
        element.set("hidden", "1")
    element.text = value


def remove_defined_name(element: Element) -> None:
    remove(element)


def _shift(element: Element, attr: str, inserted: int, default: int | None) -> None:
    """An item was inserted at ``inserted`` in a list that ``attr`` points into by position
    (0-based): a position of ``inserted`` or more moves one on. A value that is no number is left
    alone; a missing attribute counts as ``default`` (None: it stays missing)."""
    value = element.get(attr)
    if value is None:
        if default is not None and default >= inserted:
            element.set(attr, str(default + 1))
        return
    if value.isascii() and value.isdigit() and int(value) >= inserted:
        element.set(attr, str(int(value) + 1))


def _append(parent: Element, new: Element, last: Element | None) -> None:
    """``new`` right after ``last`` (the last element of its kind), or as ``parent``'s last child
    when there is none: a comment after the list stays after it."""
    if last is None:
        parent.append(new)
    else:
        last.addnext(new)
        new.tail, last.tail = last.tail, new.tail
