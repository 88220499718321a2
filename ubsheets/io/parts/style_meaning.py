"""What an entry of styles.xml means, as a value two spellings of the same style share.

Excel, LibreOffice and openpyxl write the same font, fill, border, number format or cell format
in different ways: ``<b val="true"/>`` for ``<b/>``, ``ff0563c1`` for ``FF0563C1``, defaults
written out (``wrapText="false"``, ``<protection locked="true"/>``), hints added
(``<family val="2"/>``), ``DD.MM.YYYY`` as ``dd\\.mm\\.yyyy``. ``StyleBook`` compares these
meanings, not text, so a workbook re-saved by another program gets nothing appended again.

Elements are read by local name under the element given (any prefix, comments skipped); the
caller checks the namespace of the section it reads.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any

Element = Any  # lxml's _Element; lxml ships no annotations mypy reads here
Meaning = tuple[Any, ...]

# Excel's built-in number formats whose code does not follow the system's locale.
BUILTIN_FORMATS = {
    0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 9: "0%", 10: "0.00%",
    11: "0.00E+00", 12: "# ?/?", 13: "# ??/??", 18: "h:mm AM/PM", 19: "h:mm:ss AM/PM",
    20: "h:mm", 21: "h:mm:ss", 45: "mm:ss", 46: "[h]:mm:ss", 47: "mmss.0", 48: "##0.0E+0", 49: "@",
}
# Shown as they are wherever they stand in a format code; "." "," "/" only where no digit
# placeholder makes them the decimal point, the thousands separator or a fraction's bar.
_ALWAYS_LITERAL = frozenset("$-+():!^&'~{}<>= ")
_LITERAL_WITHOUT_DIGITS = frozenset(".,/")
_FONT_FLAGS = frozenset(("b", "i", "strike", "outline", "shadow", "condense", "extend"))
# Hints for finding a substitute when the face is missing, not how the text looks.
_FONT_HINTS = frozenset(("family", "charset"))
_SIDES = {"left": "left", "start": "left", "right": "right", "end": "right", "top": "top",
          "bottom": "bottom", "diagonal": "diagonal", "vertical": "vertical", "horizontal": "horizontal"}
_ALIGNMENT_DEFAULTS: dict[str, object] = {
    "horizontal": "general", "vertical": "bottom", "textRotation": 0.0, "wrapText": False,
    "indent": 0.0, "relativeIndent": 0.0, "justifyLastLine": False, "shrinkToFit": False,
    "readingOrder": 0.0,
}
_PROTECTION_DEFAULTS: dict[str, object] = {"locked": True, "hidden": False}
_XF_FLAGS = ("quotePrefix", "pivotButton")


def local(element: Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def kids(element: Element, name: str | None = None) -> Iterator[Element]:
    """Child elements (comments and processing instructions skipped), by local name if given."""
    for child in element:
        if isinstance(child.tag, str) and (name is None or local(child) == name):
            yield child


def _attrs(element: Element) -> dict[str, str]:
    """Attributes by name: unqualified, or ``{uri}local`` in another namespace (never a prefix)."""
    return dict(element.attrib)


def flag(value: str | None, default: bool) -> bool:
    """An xsd:boolean: "1"/"true" or "0"/"false"; absent, the schema's default."""
    if value is None:
        return default
    return value.strip().lower() in ("1", "true")


def _number(value: str | None) -> object:
    try:
        return float(value) if value is not None else None
    except ValueError:
        return value.strip() if value is not None else None


def color(element: Element | None) -> Meaning | None:
    """A CT_Color; None for automatic (``auto="1"``, or no colour at all)."""
    if element is None:
        return None
    found = _attrs(element)
    tint = _number(found.get("tint")) or 0.0
    if "rgb" in found:
        rgb = found["rgb"].strip().upper()
        return ("rgb", "FF" + rgb if len(rgb) == 6 else rgb, tint)
    if "theme" in found:
        return ("theme", _number(found["theme"]), tint)
    if "indexed" in found:
        return ("indexed", _number(found["indexed"]), tint)
    return None


def _first(element: Element, name: str) -> Element | None:
    return next(kids(element, name), None)


def _generic(element: Element) -> Meaning:
    """An element we have no rule for: its name, attributes and children, in any order."""
    return (local(element), tuple(sorted(_attrs(element).items())),
            tuple(sorted((_generic(child) for child in kids(element)), key=repr)))


def _settings(element: Element | None, defaults: dict[str, object]) -> Meaning:
    """An attribute-only element (alignment, protection) without the values that are defaults."""
    if element is None:
        return ()
    found: dict[str, object] = {}
    for name, text in _attrs(element).items():
        default = defaults.get(name)
        value = flag(text, False) if isinstance(default, bool) else (
            _number(text) if isinstance(default, float) else text)
        if value != default:
            found[name] = value
    return tuple(sorted(found.items(), key=lambda item: item[0]))


def font_meaning(font: Element) -> Meaning:
    found: dict[str, object] = {}
    for child in kids(font):
        name, value = local(child), child.get("val")
        if name in _FONT_FLAGS:
            if flag(value, True):
                found[name] = True
        elif name == "u":
            if (value or "single") != "none":
                found[name] = value or "single"
        elif name == "sz":
            found[name] = _number(value)
        elif name == "color":
            if (shade := color(child)) is not None:
                found[name] = shade
        elif name in ("vertAlign", "scheme"):
            if value not in (None, "baseline", "none"):
                found[name] = value
        elif name not in _FONT_HINTS:
            found[name] = value if value is not None else _generic(child)
    return tuple(sorted(found.items(), key=lambda item: item[0]))


def fill_meaning(fill: Element) -> Meaning:
    """A solid fill shows its foreground colour only; "none" shows neither."""
    pattern = _first(fill, "patternFill")
    if pattern is None:
        gradient = _first(fill, "gradientFill")
        return ("gradient", _generic(gradient)) if gradient is not None else ("none",)
    kind = pattern.get("patternType") or "none"
    if kind == "none":
        return ("none",)
    fg = color(_first(pattern, "fgColor"))
    return ("pattern", kind, fg) if kind == "solid" else ("pattern", kind, fg, color(_first(pattern, "bgColor")))


def border_meaning(border: Element) -> Meaning:
    up, down = flag(border.get("diagonalUp"), False), flag(border.get("diagonalDown"), False)
    sides: dict[str, Meaning] = {}
    for child in kids(border):
        side = _SIDES.get(local(child))
        style = child.get("style") or "none"
        if side is None or style == "none" or (side == "diagonal" and not (up or down)):
            continue
        sides[side] = (style, color(_first(child, "color")))
    return (up, down, flag(border.get("outline"), True), tuple(sorted(sides.items())))


@functools.lru_cache(maxsize=4096)
def format_meaning(code: str) -> Meaning:
    """A number format code as tokens: a literal character however it is written (escaped,
    quoted or bare), any other character case-folded (``DD``/``dd`` mean the same)."""
    digits = _has_digit_placeholders(code)
    tokens: list[tuple[str, str]] = []
    at = 0
    while at < len(code):
        char = code[at]
        if char == "\\" and at + 1 < len(code):
            tokens.append(("text", code[at + 1]))
            at += 2
        elif char == '"':
            end = code.find('"', at + 1)
            end = len(code) if end < 0 else end
            tokens.extend(("text", quoted) for quoted in code[at + 1 : end])
            at = end + 1
        elif char == "[":
            end = code.find("]", at)
            end = len(code) - 1 if end < 0 else end
            tokens.append(("code", code[at : end + 1].lower()))
            at = end + 1
        else:
            literal = char in _ALWAYS_LITERAL or (char in _LITERAL_WITHOUT_DIGITS and not digits)
            tokens.append(("text", char) if literal else ("code", char.lower()))
            at += 1
    return tuple(tokens)


def _has_digit_placeholders(code: str) -> bool:
    at, quoted = 0, False
    while at < len(code):
        char = code[at]
        if char == '"':
            quoted = not quoted
        elif not quoted and char == "\\":
            at += 1
        elif not quoted and char in "0#?":
            return True
        at += 1
    return False


def xf_meaning(xf: Element, entry: Callable[[str, str | None], Meaning]) -> Meaning:
    """A cell format by what it shows: its number format, font, fill and border by their meaning
    (``entry(section, id)``), alignment and protection without defaults. The ``apply…`` flags are
    left out: Excel shows a cell format's own font, fill and border whatever they say."""
    return (
        entry("numFmts", xf.get("numFmtId")),
        entry("fonts", xf.get("fontId")),
        entry("fills", xf.get("fillId")),
        entry("borders", xf.get("borderId")),
        _number(xf.get("xfId")) or 0.0,
        _settings(_first(xf, "alignment"), _ALIGNMENT_DEFAULTS),
        _settings(_first(xf, "protection"), _PROTECTION_DEFAULTS),
        tuple(flag(xf.get(name), False) for name in _XF_FLAGS),
    )
