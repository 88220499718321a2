"""xl/styles.xml: cell formats imported from another workbook's styles, on an lxml tree, by
namespace URI.

``StylesPart.import_formats`` brings cell formats (``cellXfs`` entries) of a source workbook into
this one, each with its font, fill, border and number format. An entry equal in meaning to one
already here is reused (compared in a canonical form: child order, attribute order, prefixes,
``<b/>`` for ``<b val="1"/>``, an empty border side for a missing one, default values all count
for nothing); anything else is appended. The user's entries are never changed, moved or removed,
so every ``s="N"`` in their sheets keeps its meaning; only the lists' ``count`` attributes grow.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from ubsheets.errors import InputError
from ubsheets.io.parts.namespaces import MAIN, STRICT_MAIN, qn
from ubsheets.io.parts.tree import Element, declaration, parse_part, serialise

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
FIRST_CUSTOM_NUMBER_FORMAT = 164  # below: Excel's built-in formats, the same in every workbook
_NUM_FMTS, _NUM_FMT = qn(MAIN, "numFmts"), qn(MAIN, "numFmt")
# The lists a cell format points into, by its attribute, in the schema's order of <styleSheet>.
_LISTS = (("fontId", "fonts", "font"), ("fillId", "fills", "fill"), ("borderId", "borders", "border"))
_SCHEMA_ORDER = ("numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles",
                 "dxfs", "tableStyles", "colors", "extLst")
# Elements whose missing ``val`` means true (CT_BooleanProperty).
_BOOLEAN_PROPERTIES = frozenset(qn(MAIN, name) for name in (
    "b", "i", "strike", "condense", "extend", "outline", "shadow"))
# Attribute values that mean what their absence means.
_DEFAULTS = {"pivotButton": "0", "quotePrefix": "0", "diagonalUp": "0", "diagonalDown": "0",
             "patternType": "none"}
_BORDER = qn(MAIN, "border")


class StylesPart:
    """styles.xml parsed; ``to_bytes`` gives it back, the original bytes if nothing changed."""

    def __init__(self, data: bytes, name: str) -> None:
        self.tree = parse_part(data, name)
        self.root = self.tree.getroot()
        if self.root.tag == qn(STRICT_MAIN, "styleSheet"):
            raise InputError("strict_ooxml", name=name)
        if self.root.tag != qn(MAIN, "styleSheet"):
            raise InputError("damaged_workbook", name=name, detail="xl/styles.xml: no <styleSheet>")
        self.data, self.head = data, declaration(data)
        self.original = serialise(self.tree, self.head)

    def _list(self, name: str) -> Element:
        """The list ``<name>`` ("fonts"), made empty where the schema puts it when missing."""
        found = self.root.find(qn(MAIN, name))
        if found is not None:
            return found
        new = self.root.makeelement(qn(MAIN, name), {"count": "0"})
        later = _SCHEMA_ORDER[_SCHEMA_ORDER.index(name) + 1:]
        following = next((child for child in self.root if isinstance(child.tag, str)
                          and child.tag.rpartition("}")[2] in later), None)
        if following is None:
            self.root.append(new)
        else:
            following.addprevious(new)
        return new

    def _items(self, name: str, item: str) -> list[Element]:
        found = self.root.find(qn(MAIN, name))
        return [] if found is None else found.findall(qn(MAIN, item))

    def cell_formats(self) -> list[Element]:
        return self._items("cellXfs", "xf")

    def import_formats(self, source: StylesPart, indexes: Iterable[int]) -> dict[int, int]:
        """Source cell format index -> this workbook's index of an equal one, for ``indexes``."""
        formats = source.cell_formats()
        mapping: dict[int, int] = {}
        for index in sorted(set(indexes)):
            if 0 <= index < len(formats):
                mapping[index] = self._import_format(source, formats[index])
        return mapping

    def _import_format(self, source: StylesPart, xf: Element) -> int:
        imported = copy.deepcopy(xf)
        for attr, plural, single in _LISTS:
            if attr in xf.attrib:
                parts = source._items(plural, single)
                at = int(xf.get(attr))
                if at < len(parts):
                    imported.set(attr, str(self._equal_or_appended(plural, single, parts[at])))
        if "numFmtId" in xf.attrib:
            imported.set("numFmtId", str(self._number_format(source, int(xf.get("numFmtId")))))
        imported.set("xfId", "0")  # the source's "Normal" is this workbook's first cell style
        return self._equal_or_appended("cellXfs", "xf", imported)

    def _equal_or_appended(self, plural: str, single: str, element: Element) -> int:
        existing = self._items(plural, single)
        wanted = canonical(element)
        for at, candidate in enumerate(existing):
            if canonical(candidate) == wanted:
                return at
        _append(self._list(plural), copy.deepcopy(element))
        return len(existing)

    def _number_format(self, source: StylesPart, number: int) -> int:
        if number < FIRST_CUSTOM_NUMBER_FORMAT:
            return number
        code = next((el.get("formatCode") for el in source._items("numFmts", "numFmt")
                     if el.get("numFmtId") == str(number)), None)
        if code is None:  # a dangling id in the source: Excel shows it as General
            return 0
        mine = self._items("numFmts", "numFmt")
        for element in mine:
            if element.get("formatCode") == code and (element.get("numFmtId") or "").isdigit():
                return int(element.get("numFmtId"))
        used = [int(el.get("numFmtId")) for el in mine if (el.get("numFmtId") or "").isdigit()]
        free = max([FIRST_CUSTOM_NUMBER_FORMAT - 1, *used]) + 1
        block = self._list("numFmts")
        _append(block, block.makeelement(_NUM_FMT, {"numFmtId": str(free), "formatCode": code}))
        return free

    def to_bytes(self) -> bytes:
        current = serialise(self.tree, self.head)
        return self.data if current == self.original else current


def canonical(element: Element) -> tuple:
    """What an element means, comparable across workbooks: its name, its attributes without
    defaults (booleans and colours written one way), its children in any order, its text."""
    attrs = {}
    for key, value in element.attrib.items():
        value = {"true": "1", "false": "0"}.get(value, value)
        if key in ("rgb",):
            value = value.upper()
        if key == "count" or _DEFAULTS.get(key) == value:
            continue
        attrs[key] = value
    if element.tag in _BOOLEAN_PROPERTIES and "val" not in attrs:
        attrs["val"] = "1"
    children = [child for child in element if isinstance(child.tag, str)]
    if element.tag == _BORDER:  # an empty side is a missing one
        children = [child for child in children if len(child) or child.attrib]
    return (element.tag, tuple(sorted(attrs.items())),
            tuple(sorted((canonical(child) for child in children), key=repr)),
            (element.text or "").strip())


def _append(parent: Element, new: Element) -> None:
    """``new`` after the last element of ``parent`` (lxml declares its namespace as the parent
    already does), and the list's ``count`` updated."""
    items = [child for child in parent if isinstance(child.tag, str)]
    if items:
        items[-1].addnext(new)
        new.tail, items[-1].tail = items[-1].tail, new.tail
    else:
        parent.append(new)
    parent.set("count", str(len(items) + 1))
