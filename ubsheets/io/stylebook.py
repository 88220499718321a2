"""styles.xml: append what our styles need, reuse an entry that already means the same.

The part is edited as an lxml tree (``parts.tree``): sections and entries found by namespace URI
and local name, so prefixes, comments, quoting and attribute order change nothing. Entries are
only appended, never changed or removed: the user's cells, conditional formats and tables point
at them by position. An entry is reused when it means what ours would (``parts.style_meaning``),
so after LibreOffice or Excel re-saves a workbook in their own spelling a run appends nothing,
and the same workbook always gives the same ids.
"""

from __future__ import annotations

import re

from lxml import etree

from ubsheets.errors import InputError
from ubsheets.io.parts import namespaces
from ubsheets.io.parts.style_meaning import (
    BUILTIN_FORMATS,
    Element,
    Meaning,
    border_meaning,
    fill_meaning,
    font_meaning,
    format_meaning,
    kids,
    local,
    xf_meaning,
)
from ubsheets.io.parts.tree import parse_part
from ubsheets.io.sheet_model import Style
from ubsheets.io.sheet_xml import MAIN_NS, border_xml, fill_xml, font_xml, xf_xml, xml_text

_STYLE_SECTIONS = (
    "numFmts",
    "fonts",
    "fills",
    "borders",
    "cellStyleXfs",
    "cellXfs",
    "cellStyles",
    "dxfs",
    "tableStyles",
    "colors",
    "extLst",
)
# What Excel expects at the head of a section a minimal styles.xml lacks; fills 0 and 1 are
# reserved (Excel reads fill 1 as gray125 whatever it says), so ours start at 2.
_SECTION_DEFAULTS = {
    "fonts": ('<font><sz val="11"/><name val="Calibri"/></font>',),
    "fills": (
        '<fill><patternFill patternType="none"/></fill>',
        '<fill><patternFill patternType="gray125"/></fill>',
    ),
    "borders": ("<border><left/><right/><top/><bottom/><diagonal/></border>",),
    "cellStyleXfs": ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>',),
    "cellXfs": ('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',),
}
_CHILD = {
    "numFmts": "numFmt",
    "fonts": "font",
    "fills": "fill",
    "borders": "border",
    "cellStyleXfs": "xf",
    "cellXfs": "xf",
}
# The format codes we give a built-in id rather than a numFmt of their own.
# Fills 0 and 1 as Excel reads them, whatever the file says.
_EXCEL_FILLS = (("none",), ("pattern", "gray125", None, None))
_BUILTIN_IDS = {code: fmt_id for fmt_id, code in BUILTIN_FORMATS.items() if fmt_id <= 11 or fmt_id == 49}
_FIRST_CUSTOM_FORMAT = 164
_MAIN_NAMESPACES = (namespaces.MAIN, namespaces.STRICT_MAIN)
_TOKENS = re.compile(r"""<!--.*?-->|<\?.*?\?>|<![^>]*>|(<[^!?](?:[^>"']|"[^"]*"|'[^']*')*>)""", re.DOTALL)
MINIMAL_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN_NS}">'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


class StyleBook:
    """Gives each Style an xf index, appending fonts/fills/borders/numFmts/xfs it does not find.

    ``text`` is styles.xml as given until something is appended (``changed``), then the tree
    written back with its own declaration and prefixes. ``name`` is the workbook's file name, for
    the message if the part is no styleSheet.
    """

    def __init__(self, text: str, name: str = "styles.xml") -> None:
        self._source = text
        self._name = name
        self.changed = False
        self._ids: dict[Style, int] = {}
        self._root: Element | None = None
        self._ns = namespaces.MAIN
        self._sections: dict[str, _Section] = {}
        self._font: tuple[str, str] = ("Calibri", "11")
        self._formats: dict[int, Meaning] | None = None  # numFmtId -> meaning, once read

    @property
    def text(self) -> str:
        """Everything up to the end of the root's start tag as it was (declaration, comments,
        the order of its namespace declarations and attributes, which lxml would rewrite),
        then the tree as lxml writes it: we never touch the root's own attributes."""
        if not self.changed or self._root is None:
            return self._source
        written = etree.tostring(self._root.getroottree(), encoding="unicode")
        old, new = _root_start(self._source), _root_start(written)
        if old is None or new is None or old.group(0).endswith("/>"):
            return written
        return self._source[: old.end()] + written[new.end() :]

    def xf_id(self, style: Style) -> int:
        if style not in self._ids:
            if self._root is None:
                self._open()
            fragment = xf_xml(
                style,
                self._num_fmt_id(style.num_format),
                self._add("fonts", font_xml(style, *self._font)),
                self._add("fills", fill_xml(style)),
                self._add("borders", border_xml(style)),
            )
            self._ids[style] = self._add("cellXfs", fragment)
        return self._ids[style]

    # --- reading ---------------------------------------------------------------------------

    def _open(self) -> None:
        root = parse_part(self._source.encode("utf-8"), self._name).getroot()
        namespace = etree.QName(root).namespace
        if local(root) != "styleSheet" or namespace not in _MAIN_NAMESPACES:
            raise InputError("damaged_workbook", name=self._name, detail="styles.xml: no <styleSheet>")
        self._root, self._ns = root, namespace
        for section, defaults in _SECTION_DEFAULTS.items():
            self._ensure_section(section, defaults)
        self._font = self._base_font()

    def _section(self, name: str) -> _Section:
        if name not in self._sections:
            element = next(iter(kids_in(self._root, self._ns, name)), None)
            self._sections[name] = _Section(self, name, element)
        return self._sections[name]

    def meaning_of(self, section: str, entry_id: str | None) -> Meaning:
        """What entry ``entry_id`` of ``section`` means; a number format by its code."""
        if section == "numFmts":
            return self._format_by_id(entry_id)
        found = self._section(section)
        index = _index(entry_id)
        if index is None or index >= len(found.meanings):
            return ("missing", entry_id)
        return found.meanings[index]

    def _format_by_id(self, fmt_id: str | None) -> Meaning:
        index = _index(fmt_id) or 0
        if self._formats is None:
            self._formats = {}
            for element in self._section("numFmts").entries:
                custom = _index(element.get("numFmtId"))
                if custom is not None:
                    self._formats.setdefault(custom, format_meaning(element.get("formatCode") or ""))
        if index in self._formats:
            return self._formats[index]
        if index in BUILTIN_FORMATS:
            return format_meaning(BUILTIN_FORMATS[index])
        return ("builtin", index)  # a locale's date or currency: its meaning is the id

    def _base_font(self) -> tuple[str, str]:
        """Our fonts keep the workbook's default face and size, so headers match the user's text."""
        first = next(iter(self._section("fonts").entries), None)
        name = next(iter(kids_in(first, self._ns, "name")), None) if first is not None else None
        size = next(iter(kids_in(first, self._ns, "sz")), None) if first is not None else None
        return ((name.get("val") if name is not None else None) or "Calibri",
                (size.get("val") if size is not None else None) or "11")

    # --- appending -------------------------------------------------------------------------

    def _add(self, section: str, fragment: str | None) -> int:
        if fragment is None:
            return 0
        entry = _parse_fragment(fragment)
        found = self._section(section)
        existing = found.index_of(found.meaning(entry))
        return existing if existing is not None else found.append(entry)

    def _ensure_section(self, section: str, defaults: tuple[str, ...]) -> None:
        found = self._section(section)
        if found.element is None:
            later = set(_STYLE_SECTIONS[_STYLE_SECTIONS.index(section) + 1 :])
            after = next((child for child in kids(self._root)
                          if etree.QName(child).namespace == self._ns and local(child) in later), None)
            element = etree.SubElement(self._root, f"{{{self._ns}}}{section}", count="0")
            if after is not None:  # moved within the tree: it keeps the root's prefix
                after.addprevious(element)
            found.element = element
            self.changed = True
        for fragment in defaults[len(found.entries) :]:
            found.append(_parse_fragment(fragment))

    def _num_fmt_id(self, code: str | None) -> int:
        if code is None:
            return 0
        if code in _BUILTIN_IDS:
            return _BUILTIN_IDS[code]
        wanted = format_meaning(code)
        for builtin, builtin_id in _BUILTIN_IDS.items():
            if format_meaning(builtin) == wanted:
                return builtin_id
        self._ensure_section("numFmts", ())
        ids = []
        for element in self._section("numFmts").entries:
            fmt_id = _index(element.get("numFmtId"))
            if fmt_id is None:
                continue
            if format_meaning(element.get("formatCode") or "") == wanted:
                return fmt_id
            ids.append(fmt_id)
        fmt_id = max([_FIRST_CUSTOM_FORMAT - 1, *ids]) + 1
        self._formats = None
        self._section("numFmts").append(
            _parse_fragment(f'<numFmt numFmtId="{fmt_id}" formatCode="{xml_text(code)}"/>'))
        return fmt_id


class _Section:
    """One section of styles.xml (``fonts``…): its entries and what each means, in order."""

    def __init__(self, book: StyleBook, name: str, element: Element | None) -> None:
        self.book, self.name, self.element = book, name, element
        self.child = _CHILD.get(name, "")
        self.entries: list[Element] = (
            list(kids_in(element, book._ns, self.child)) if element is not None else [])
        self.meanings: list[Meaning] = []
        self._first: dict[Meaning, int] = {}  # meaning -> the first entry with it
        for entry in self.entries:
            self._remember(self.meaning(entry))

    def meaning(self, entry: Element) -> Meaning:
        if self.name == "fonts":
            return font_meaning(entry)
        if self.name == "fills":
            return fill_meaning(entry)
        if self.name == "borders":
            return border_meaning(entry)
        if self.name == "numFmts":
            return format_meaning(entry.get("formatCode") or "")
        return xf_meaning(entry, self.book.meaning_of)

    def index_of(self, meaning: Meaning) -> int | None:
        return self._first.get(meaning)

    def _remember(self, meaning: Meaning) -> None:
        position = len(self.meanings)
        if self.name == "fills" and position < len(_EXCEL_FILLS):  # never ours, whatever they say
            meaning = _EXCEL_FILLS[position]
        else:
            self._first.setdefault(meaning, position)
        self.meanings.append(meaning)

    def append(self, fragment: Element) -> int:
        """Append ``fragment`` (an entry in no namespace) in the section's namespace; its index."""
        assert self.element is not None
        meaning = self.meaning(fragment)
        entry = _copy_into(self.element, fragment, self.book._ns)
        self.entries.append(entry)
        self._remember(meaning)
        self.element.set("count", str(len(self.entries)))
        self.book.changed = True
        return len(self.entries) - 1


def kids_in(element: Element, namespace: str, name: str) -> list[Element]:
    return [child for child in kids(element, name) if etree.QName(child).namespace == namespace]


def _root_start(text: str) -> re.Match[str] | None:
    """The root element's start tag: the first tag that is no comment, PI or declaration."""
    return next((found for found in _TOKENS.finditer(text) if found.group(1)), None)


def _index(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def _parse_fragment(fragment: str) -> Element:
    """One of ``sheet_xml``'s fragments as an element (no namespace: read by local name)."""
    return etree.fromstring(fragment)


def _copy_into(parent: Element, fragment: Element, namespace: str) -> Element:
    """``fragment`` rebuilt under ``parent`` in ``namespace``: lxml gives each element the prefix
    ``parent`` already has for it, so nothing new is declared."""
    made = etree.SubElement(parent, f"{{{namespace}}}{local(fragment)}", dict(fragment.attrib))
    for child in kids(fragment):
        _copy_into(made, child, namespace)
    return made
