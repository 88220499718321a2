"""What a user sees on a sheet we wrote, as a short digest recorded beside it: the next write
compares it with the sheet as it is now, and keeps a sheet the user changed (``package_writer``)
instead of replacing it.

What counts is what a person would miss: each cell's position and value (text, number, date,
truth value, error, formula) and how many objects the sheet holds (pictures, shapes and charts in
its drawing, comments, form controls and embedded objects, tables, hyperlinks). A note typed, a
cell changed or cleared, a stamp picture pasted: each changes the digest.

What does not count is how an application stores the same sheet. Excel and LibreOffice rewrite
our inline strings as shared strings and our numbers with their own digits when they save, so
texts are compared as texts and numbers to Excel's 15 significant digits: a file opened and saved
without an edit keeps its digest. Styles do not count either: a cell coloured, a column widened, a
print setting changed is the look of a sheet we regenerate, not a user's words or pictures, and
counting it would keep a copy of a sheet every time an application rewrote its styles on save.

The recorded text is "v1:VALUES:RAW". VALUES is the digest of the values, computed on writing from
the sheet's spec as ``sheet_xml`` writes each value (parsing our own XML again would cost more than
writing it; tests/test_user_edits.py checks that the spec and the written XML give the same
digest). RAW fingerprints the part's bytes and its objects: while no application has rewritten the
sheet, the next write knows it unchanged without parsing it; only a sheet saved by Excel or
LibreOffice is parsed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import math
import numbers
import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ubsheets.errors import InputError
from ubsheets.io.opc_package import WORKBOOK, Package
from ubsheets.io.sheet_model import Cell, SheetSpec, col_letter, parse_cell_ref
from ubsheets.io.sheet_xml import cell_text, excel_serial

DIGEST_VERSION = "v1"
_HEX = 32  # of each digest: 128 bits tell any two sheets apart
# Elements of a worksheet that each put an object on it: a hyperlink, a table, VML (comments' boxes,
# form buttons), header and footer pictures, an embedded object, an ActiveX control, a background.
_OBJECT_ELEMENTS = frozenset({"hyperlink", "tablePart", "legacyDrawing", "legacyDrawingHF", "oleObject",
                              "control", "picture"})
# What a drawing or comments part holds, one each: a picture, shape, chart or group; a comment.
_DRAWN_ELEMENTS = frozenset({"twoCellAnchor", "oneCellAnchor", "absoluteAnchor", "comment"})
_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_NUMBER_DIGITS = ".15g"  # Excel keeps 15 significant digits
_BATCH = 4096  # cells hashed at once
_REMEMBERED = 4096  # values converted, kept for the next cells
_EXACT = 10**15  # whole numbers below this print alike as int and as a 15-digit float


# --- values, as a spreadsheet shows them ----------------------------------------------------


def _text(value: str) -> str:
    """Cell text as shown: Excel's ``_xHHHH_`` escapes decoded (``_x005F_`` keeps the next one
    literal, as one left-to-right pass does), line ends as one ``\\n``."""
    if "_x" in value or "_X" in value:
        value = _EXCEL_ESCAPE.sub(lambda m: chr(int(m[1], 16)), value)
    return value.replace("\r\n", "\n").replace("\r", "\n") if "\r" in value else value


def _number(text: str) -> str:
    try:
        return format(float(text), _NUMBER_DIGITS)
    except ValueError:
        return text.strip()


class _Digest:
    """Cells in the order the sheet stores them (rows ascending, cells left to right, as the
    schema requires and every application writes), then the count of objects."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()
        self.pending: list[str] = []  # "A1\x1fs:text\x1e" each
        self.objects = 0

    def cell(self, ref: str, value: str) -> None:
        self.pending.append(f"{ref}\x1f{value}\x1e")
        if len(self.pending) >= _BATCH:
            self.flush()

    def flush(self) -> None:
        self.hash.update("".join(self.pending).encode("utf-8", "surrogatepass"))
        self.pending.clear()

    def hexdigest(self) -> str:
        self.flush()
        self.hash.update(f"objects\x1f{self.objects}".encode())
        return self.hash.hexdigest()[:_HEX]


# --- on writing: from the spec --------------------------------------------------------------


def _written_value(value: object) -> str:
    """What ``sheet_xml`` writes for ``value``, as the reader below reads it back: the same
    conversions (a date as its serial, or as text before 1900; NaN as nothing), the text as
    ``cell_text`` escapes it and an XML parser unescapes it."""
    if isinstance(value, dt.date):
        serial = excel_serial(value)
        value = value.isoformat() if serial is None else serial
    if isinstance(value, str):
        escaped = cell_text(value)  # "" too for a text of characters XML cannot hold
        return "s:" + _text(html.unescape(escaped) if "&" in escaped else escaped) if escaped else ""
    if isinstance(value, bool):
        return f"b:{int(value)}"
    if isinstance(value, numbers.Integral):
        return "n:" + _number(str(int(value)))
    if isinstance(value, numbers.Real):
        return "n:" + _number(repr(float(value))) if math.isfinite(value) else ""
    return ""


def _values_of_spec(spec: SheetSpec) -> str:
    """The values digest of ``spec`` as written. A sheet repeats few values (a severity, a
    sheet's name, a code) among many cells: each is converted once."""
    digest = _Digest()
    width = max((len(row) for row in spec.rows), default=0)
    letters = [col_letter(i) for i in range(1, width + 1)]
    shown: dict[tuple[type, object], str] = {}
    for number, row in enumerate(spec.rows, start=1):
        tail = f"{number}\x1f"
        for index, cell in enumerate(row):
            if isinstance(cell, Cell):
                value = cell.value
                digest.objects += bool(cell.link)  # ``sheet_xml`` writes a <hyperlink> for it
            else:
                value = cell
            kind = type(value)
            if kind is int and -_EXACT < value < _EXACT:  # type: ignore[operator]
                text = f"n:{value}"  # as ``_number`` gives it, without the float
            elif (found := shown.get((kind, value))) is not None:  # the type too: 1, 1.0, True
                text = found
            else:
                if len(shown) >= _REMEMBERED:  # unique texts would fill it: start again
                    shown.clear()
                text = shown[kind, value] = _written_value(value)
            if text:
                digest.pending.append(f"{letters[index]}{tail}{text}\x1e")
        if len(digest.pending) >= _BATCH:
            digest.flush()
    digest.objects += len(spec.charts)  # the anchors of our drawing
    return digest.hexdigest()


def _raw(content: bytes, drawn: int) -> str:
    """The fingerprint of a part's bytes and of the objects its drawing and comments hold."""
    fingerprint = hashlib.sha256(content)  # not content + …: a long part is not copied
    fingerprint.update(b"\0%d" % drawn)
    return fingerprint.hexdigest()[:_HEX]


def written_digest(spec: SheetSpec, content: bytes) -> str:
    """The digest to record for ``spec`` written as the part ``content``."""
    return f"{DIGEST_VERSION}:{_values_of_spec(spec)}:{_raw(content, len(spec.charts))}"


# --- on reading: from the sheet as an application saved it ----------------------------------


def _local(tag: str) -> str:
    return tag.rpartition("}")[2]


def _iterparse(data: bytes, name: str, events: tuple[str, ...]) -> Iterator[tuple[str, Element]]:
    """defusedxml's streaming parse: a long sheet is never held whole; a broken or hostile part
    is ``not_a_workbook``, as for every part we read."""
    try:
        yield from SafeET.iterparse(io.BytesIO(data), events=events)
    except (SafeET.ParseError, DefusedXmlException, LookupError) as exc:
        raise InputError("not_a_workbook", name=name) from exc


def _rich_text(element: Element | None) -> str:
    """The text of an <is> or <si>: its <t>, or its runs' <t>, never the phonetic guide (<rPh>)."""
    if element is None:
        return ""
    parts = []
    for child in element:
        local = _local(child.tag)
        if local == "t":
            parts.append(child.text or "")
        elif local == "r":
            parts.extend(t.text or "" for t in child if _local(t.tag) == "t")
    return _text("".join(parts))


def _cell_value(cell: Element, shared: list[str]) -> str:
    """A cell's value tagged with its kind ("s:…", "n:…", "b:…", "e:…"), with its formula if it
    has one; "" for a cell that shows nothing (only a style)."""
    children = {_local(child.tag): child for child in cell}
    kind = cell.get("t", "n")
    raw = (children["v"].text or "") if "v" in children else ""
    if kind == "inlineStr":
        value = "s:" + _rich_text(children.get("is"))
    elif not raw.strip():
        value = ""  # no value, whatever its type says: it shows nothing
    elif kind == "s":
        index = int(raw) if raw.strip().isdigit() else -1
        value = "s:" + (shared[index] if 0 <= index < len(shared) else "?" + raw)
    elif kind == "str":
        value = "s:" + _text(raw)
    elif kind in ("b", "e", "d"):
        value = f"{kind}:{raw.strip()}"
    else:
        value = "n:" + _number(raw)
    if value == "s:":
        value = ""  # an empty text shows as an empty cell
    formula = children.get("f")
    if formula is not None:
        value += "\x1d=" + (formula.text or formula.get("si") or "")
    return value


def _values_of_part(data: bytes, name: str, shared: list[str], drawn: int) -> str:
    """The values digest of a worksheet part; ``drawn``: the objects of its drawing and comments."""
    digest = _Digest()
    digest.objects = drawn
    row = column = 0
    for event, element in _iterparse(data, name, ("start", "end")):
        local = _local(element.tag)
        if event == "start":
            if local == "row":
                found = element.get("r", "")
                row, column = (int(found) if found.isdigit() else row + 1), 0
            continue
        if local == "c":
            ref = element.get("r", "").replace("$", "").upper()
            try:
                _, column = parse_cell_ref(ref)
            except ValueError:  # no reference: the cell after the last one
                column += 1
                ref = f"{col_letter(column)}{row}"
            value = _cell_value(element, shared)
            if value:
                digest.cell(ref, value)
        elif local == "row":
            element.clear()  # a row's cells are counted: let them go
        elif local in _OBJECT_ELEMENTS:
            digest.objects += 1
    return digest.hexdigest()


class SheetDigests:
    """Compares worksheets in a user's package with their recorded digests; the package's shared
    strings are read once, and only if a sheet must be parsed."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self._shared: list[str] | None = None

    def changed(self, part: str, recorded: str) -> bool:
        """Whether the worksheet ``part`` shows other than the digest ``recorded``. A digest we
        cannot read (another version's) cannot vouch for the sheet: it counts as changed, since
        keeping an unchanged sheet costs a tab and losing a user's note costs the note."""
        version, _, rest = recorded.partition(":")
        values, _, raw = rest.partition(":")
        if version != DIGEST_VERSION or len(values) != _HEX or len(raw) != _HEX:
            return True
        drawn = self._drawn(part)
        data = self.pkg.read(part)
        if _raw(data, drawn) == raw:
            return False
        return _values_of_part(data, self.pkg.name, self._shared_strings(), drawn) != values

    def _drawn(self, part: str) -> int:
        """The objects in the sheet's drawing and comments parts."""
        count = 0
        for rel in self.pkg.rels(part):
            target, kind = rel.get("part", ""), rel.get("Type", "")
            if target and self.pkg.has(target) and kind.endswith(("/drawing", "/comments")):
                for _, element in _iterparse(self.pkg.read(target), self.pkg.name, ("end",)):
                    if _local(element.tag) in _DRAWN_ELEMENTS:
                        count += 1
                        element.clear()
        return count

    def _shared_strings(self) -> list[str]:
        if self._shared is None:
            rels = self.pkg.rels(WORKBOOK)
            rel = next((r for r in rels if r.get("Type", "").endswith("/sharedStrings")), None)
            part = rel.get("part", "") if rel else ""
            self._shared = []
            if part and self.pkg.has(part):
                for _, element in _iterparse(self.pkg.read(part), self.pkg.name, ("end",)):
                    if _local(element.tag) == "si":
                        self._shared.append(_rich_text(element))
                        element.clear()
        return self._shared
