"""styles.xml: append what our styles need, reuse what an earlier run appended.

Edited as text (see ``xml_text``), so the user's own styles stay byte for byte.
"""

from __future__ import annotations

import html
import re

from ubsheets.io.sheet_model import Style
from ubsheets.io.sheet_xml import MAIN_NS, border_xml, fill_xml, font_xml, xf_xml, xml_text
from ubsheets.io.xml_text import (
    attrs,
    elements,
    first_element,
    insert_before_close,
    insert_before_first,
    qualify,
    root_prefix,
    set_attr,
)

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
_BUILTIN_FORMATS = {
    "General": 0,
    "0": 1,
    "0.00": 2,
    "#,##0": 3,
    "#,##0.00": 4,
    "0%": 9,
    "0.00%": 10,
    "0.00E+00": 11,
    "@": 49,
}
MINIMAL_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{MAIN_NS}">'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)


class StyleBook:
    """Gives each Style an xf index, appending fonts/fills/borders/numFmts/xfs as text.

    A fragment identical to one already in the section is reused, so a second run adds nothing
    and styles.xml stays byte-identical.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.changed = False
        self.p = root_prefix(text, "styleSheet")
        self._ids: dict[Style, int] = {}
        self._kids: dict[str, list[str]] = {}  # section -> its children's exact text
        self._font: tuple[str, str] | None = None

    def xf_id(self, style: Style) -> int:
        if style not in self._ids:
            if self._font is None:
                for section, defaults in _SECTION_DEFAULTS.items():
                    self._ensure_section(section, defaults)
                self._font = self._base_font()
            fragment = xf_xml(
                style,
                self._num_fmt_id(style.num_format),
                self._add("fonts", font_xml(style, *self._font)),
                self._add("fills", fill_xml(style)),
                self._add("borders", border_xml(style)),
            )
            self._ids[style] = self._add("cellXfs", fragment)
        return self._ids[style]

    def _children(self, section: str) -> list[str]:
        if section not in self._kids:
            body = first_element(self.text, self.p + section)
            child = self.p + _CHILD[section]
            self._kids[section] = [m.group(0) for m in elements(body.group(0), child)] if body else []
        return self._kids[section]

    def _add(self, section: str, fragment: str | None) -> int:
        if fragment is None:
            return 0
        fragment = qualify(fragment, self.p)
        children = self._children(section)
        if fragment in children:
            return children.index(fragment)
        self._append(section, fragment)
        return len(children) - 1

    def _append(self, section: str, fragment: str) -> None:
        """Append a qualified fragment to the section and its ``count``, without looking for a twin."""
        children = self._children(section)
        children.append(fragment)
        self.text = insert_before_close(self.text, self.p + section, fragment)
        body = next(elements(self.text, self.p + section))
        counted = set_attr(body.group(0), "count", str(len(children)))
        self.text = self.text[: body.start()] + counted + self.text[body.end() :]
        self.changed = True

    def _ensure_section(self, section: str, defaults: tuple[str, ...]) -> None:
        children = self._children(section)
        if not first_element(self.text, self.p + section):
            later = [self.p + name for name in _STYLE_SECTIONS[_STYLE_SECTIONS.index(section) + 1 :]]
            empty = qualify(f'<{section} count="0"></{section}>', self.p)
            self.text = insert_before_first(self.text, later, empty, self.p + "styleSheet")
        for fragment in defaults[len(children) :]:
            self._append(section, qualify(fragment, self.p))

    def _base_font(self) -> tuple[str, str]:
        """Our fonts keep the workbook's default face and size, so headers match the user's text."""
        fonts = self._children("fonts")
        first = fonts[0] if fonts else ""
        name = re.search(r"""<(?:[\w.-]+:)?name\s+val=["']([^"']*)""", first)
        size = re.search(r"""<(?:[\w.-]+:)?sz\s+val=["']([^"']*)""", first)
        return (html.unescape(name[1]) if name else "Calibri"), (size[1] if size else "11")

    def _num_fmt_id(self, code: str | None) -> int:
        if code is None:
            return 0
        if code in _BUILTIN_FORMATS:
            return _BUILTIN_FORMATS[code]
        self._ensure_section("numFmts", ())
        found = [a for a in map(attrs, self._children("numFmts")) if a.get("numFmtId", "").isdigit()]
        for fmt in found:
            if fmt.get("formatCode") == code:
                return int(fmt["numFmtId"])
        fmt_id = max([163, *(int(fmt["numFmtId"]) for fmt in found)]) + 1
        self._append("numFmts", qualify(f'<numFmt numFmtId="{fmt_id}" formatCode="{xml_text(code)}"/>', self.p))
        return fmt_id
