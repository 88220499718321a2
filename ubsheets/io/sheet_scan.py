"""What a worksheet part holds, looked at before calamine reads it into a dense grid.

calamine allocates one slot for every cell between A1 and the farthest cell with a value: a single
empty string at XFD1048576 asks for 17 billion slots (512 GB) and the process aborts. So each
sheet is looked at first, and read within ``MAX_ROWS`` × ``MAX_COLUMNS`` (A1:AF199999), which
holds any register with room to spare and bounds a read to ~6.4 million slots:

* ``is_plain``: three C-speed searches of the part's bytes show that every cell is written as
  Excel, LibreOffice and openpyxl write one (its reference first, inside the bounds), that no
  cell holds an error value and no formula lacks its saved value. Almost every workbook is plain
  and goes straight to calamine.
* ``scan_cells``: anything else is walked cell by cell with a streaming parse (defusedxml's
  ``iterparse``: the tree is never built whole), placing each cell as calamine does. It finds the
  cells beyond the bounds, the error values and the formulas without a saved value, all of which
  calamine reads as empty cells.
* ``rewritten_sheet``: when cells lie beyond the bounds (or hold an error value calamine refuses,
  such as ``#SPILL!``), calamine reads a copy of the sheet holding only the cells within the
  bounds, with the workbook's own shared strings and styles: its values are calamine's own.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element, ParseError, tostring

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ubsheets.core.a1 import col_letter
from ubsheets.core.findings import FaultyValue
from ubsheets.io.sheet_xml import xml_text

MAX_COLUMNS = 32  # A..AF: a register has about 15 columns; the rest is room for the user's own
MAX_ROWS = 199_999  # twice the largest register we benchmark (100,000 rows)
# A hostile sheet could hold a marked cell in every slot: past this many the rest read as empty.
MAX_MARKS = 200_000
# The error values calamine knows; it refuses a sheet with any other (#SPILL!, #CALC!…).
CALAMINE_ERRORS = frozenset({"#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!"})

# A cell tag not in the plain form: the reference first, in capitals, inside A1:AF199999. A
# prefixed cell ("<x:c") always looks odd (its end tag does): rare, and only slower to read.
# (Starting at the "c" and looking behind is a third faster than starting at the "<".)
_ODD_CELL = re.compile(rb'c(?<=[<:]c)(?! r="(?:[A-Z]|A[A-F])(?:[1-9][0-9]{0,4}|1[0-9]{5})")[\s/>]')
_ERROR_TYPE = b't="e"'  # as Excel and LibreOffice write an error value's type
# A formula followed by no saved value: "<f>…</f></c>", "<f …/><v/>", "<f>…</f><v></v>".
_FORMULA_WITHOUT_VALUE = re.compile(
    rb"f(?:\s[^<>]*)?(?:>[^<]*</(?:[\w.-]+:)?f>|/>)\s*(?:</|<(?:[\w.-]+:)?v\s*/>|<(?:[\w.-]+:)?v>\s*</)")
_REF = re.compile(r"([A-Za-z]+)([0-9]+)")
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


class SheetXmlError(ValueError):
    """A worksheet part that cannot be read cell by cell (the reader calls the file damaged)."""


def is_plain(data: bytes) -> bool:
    """Whether calamine can read this worksheet part as it is: no cell beyond the bounds, every
    cell in the plain form, no error value and no formula without a saved value.

    Only the cells' region is searched (from the first "sheetData" to the last one: a hostile
    comment can only widen it); a false alarm costs a slower walk, never a wrong read."""
    start, end = data.find(b"sheetData"), data.rfind(b"sheetData")
    if start < 0:
        return True  # no cells at all: calamine reads nothing, or refuses the part
    return (_ODD_CELL.search(data, start, end) is None
            and data.find(_ERROR_TYPE, start, end) < 0
            and _FORMULA_WITHOUT_VALUE.search(data, start, end) is None)


@dataclass
class SheetScan:
    """What the walk over a sheet's cells found."""

    # (row, column) -> the error value, or the formula that has no saved value; within bounds
    marks: dict[tuple[int, int], FaultyValue] = field(default_factory=dict)
    beyond: int = 0  # cells with a value beyond the bounds
    first_beyond: tuple[int, int] | None = None  # the first of them, row by row
    refused_error: bool = False  # an error value calamine refuses (it is left out of the copy)

    @property
    def needs_copy(self) -> bool:
        """calamine must read the copy of the sheet, not the sheet itself."""
        return self.beyond > 0 or self.refused_error


@dataclass(slots=True)
class _Cell:
    row: int  # 1-based, as calamine places the cell
    column: int
    element: Element  # valid until the walk moves on
    kind: str  # "value", "error", "formula" (no saved value) or "empty"
    text: str = ""  # the error value, or the formula


def scan_cells(data: bytes) -> SheetScan:
    scan = SheetScan()
    for cell in _cells(data):
        if cell.kind == "empty":
            continue
        if not _inside(cell):
            if cell.kind != "formula":  # calamine places no cell for a formula without a value
                scan.beyond += 1
                position = (cell.row, cell.column)
                if scan.first_beyond is None or position < scan.first_beyond:
                    scan.first_beyond = position
            continue
        if cell.kind == "error":
            scan.refused_error |= cell.text not in CALAMINE_ERRORS
            _mark(scan, cell, "error_value")
        elif cell.kind == "formula":
            _mark(scan, cell, "formula_without_value")
    return scan


def rewritten_sheet(data: bytes) -> bytes:
    """The sheet with only its cells that have a plain value within the bounds (error values are
    left out: the reader has them as marks), each with its reference written out."""
    chunks = [f'<worksheet xmlns="{_MAIN_NS}"><sheetData><row>']
    for cell in _cells(data):
        if cell.kind == "value" and _inside(cell):
            chunks.append(_cell_xml(cell))
    chunks.append("</row></sheetData></worksheet>")
    return "".join(chunks).encode()


def _inside(cell: _Cell) -> bool:
    return cell.row <= MAX_ROWS and cell.column <= MAX_COLUMNS


def _mark(scan: SheetScan, cell: _Cell, code: str) -> None:
    if len(scan.marks) < MAX_MARKS:
        scan.marks[cell.row, cell.column] = _faulty(cell.text, code)


@functools.lru_cache(maxsize=1024)
def _faulty(text: str, code: str) -> FaultyValue:
    """One shared value per text: a column of #REF! is one object, not thousands."""
    return FaultyValue(text, code)


def _cell_xml(cell: _Cell) -> str:
    attributes = "".join(f' {key}="{xml_text(cell.element.get(key) or "")}"' for key in ("s", "t")
                         if cell.element.get(key) is not None)
    children = "".join(tostring(child, encoding="unicode") for child in cell.element)
    return f'<c r="{col_letter(cell.column)}{cell.row}"{attributes}>{children}</c>'




def _cells(data: bytes) -> Iterator[_Cell]:
    """Every ``c`` element of the sheet's data, placed as calamine places it: by its reference,
    else after the previous cell of its row (a row without ``r`` follows the previous row).

    The tree keeps nothing that has ended (but the open cell's content, until the cell ends), so
    memory stays flat whatever the part holds: a million rows, or a million elements elsewhere."""
    walk = _Walk()
    open_elements: list[Element] = []
    cell_depth = 0  # how many elements are open down to the open cell; 0: no cell is open
    try:
        for event, element in SafeET.iterparse(io.BytesIO(data), events=("start", "end")):
            name = element.tag.rpartition("}")[2]
            if event == "start":
                open_elements.append(element)
                walk.start(name, element)
                if name == "c" and walk.in_data and not cell_depth:
                    cell_depth = len(open_elements)
                continue
            if walk.in_data and name == "sheetData":
                return  # calamine reads no further
            if cell_depth == len(open_elements):
                cell_depth = 0
                yield walk.cell(element)
            elif name == "row":
                walk.end_row()
            open_elements.pop()
            if open_elements and not cell_depth:
                del open_elements[-1][:]  # the element that ended, handed out or not needed
    except (ParseError, DefusedXmlException, LookupError) as error:
        raise SheetXmlError(str(error)[:200]) from None


class _Walk:
    """calamine's counters while it reads a sheet's cells (``XlsxCellReader.next_cell``)."""

    def __init__(self) -> None:
        self.in_data = False  # inside sheetData
        self.row_index = 0  # 0-based, as calamine counts
        self.col_index = 0

    def start(self, name: str, element: Element) -> None:
        if name == "sheetData":
            self.in_data = True
        elif name == "row" and self.in_data:
            number = element.get("r")
            if number is not None:
                self.row_index = _number(number) - 1

    def end_row(self) -> None:
        if self.in_data:
            self.row_index += 1
            self.col_index = 0

    def cell(self, element: Element) -> _Cell:
        reference = element.get("r")
        if reference is None:
            row, column = self.row_index + 1, self.col_index + 1
        else:
            row, column = _position(reference)
        self.col_index = column  # calamine: the next cell without a reference follows this one
        kind, text = _content(element)
        return _Cell(row, column, element, kind, text)


def _position(reference: str) -> tuple[int, int]:
    match = _REF.fullmatch(reference)
    if not match:
        raise SheetXmlError(f"cell reference {reference[:20]!r}")
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def _number(text: str) -> int:
    if not text.isascii() or not text.isdigit():
        raise SheetXmlError(f"row number {text[:20]!r}")
    return int(text)


def _content(element: Element) -> tuple[str, str]:
    """What calamine makes of a cell (``read_value``): its last ``v``, ``is`` or ``f`` child
    decides; a formula resets the value, and an empty ``v`` is no value unless it is text."""
    kind_of = element.get("t")
    kind, text, formula = "empty", "", None
    for child in element:
        name = child.tag.rpartition("}")[2]
        if name == "is":
            kind = "value"
        elif name == "v":
            text = child.text or ""
            has_value = kind_of not in ("inlineStr", "is") and (
                bool(text) or kind_of not in (None, "n", "s", "b", "e"))
            kind = ("error" if kind_of == "e" else "value") if has_value else "empty"
        elif name == "f":
            kind, formula = "empty", child.text or ""
    if kind == "error":
        # A picture placed in a cell is stored as #VALUE! with "value metadata": not a mistake.
        return ("value", "") if element.get("vm") is not None else (kind, text)
    if kind == "empty" and formula is not None:
        return "formula", f"={formula}"  # never "": the mark must not read as an empty cell
    return kind, ""


def sheet_entries(package: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name -> the zip entry calamine reads for it, found as calamine finds it: the
    workbook's ``r:id`` names a relationship whose target is relative to ``xl/`` (or to the
    package's root when it starts with "/"), looked up ignoring ASCII case; the first sheet of a
    name wins. Relationships that could be read two ways (an entity in them, one Id twice) are
    refused: the part we look at must be the part calamine reads."""
    names = {info.filename.lower(): info.filename for info in package.infolist()}
    rels_data = _part(package, names, "xl/_rels/workbook.xml.rels")
    if b"&" in rels_data:
        raise SheetXmlError("an entity in the workbook's relationships")
    targets: dict[str, str] = {}
    for rel in _parse(rels_data).iter():
        if rel.tag.rpartition("}")[2] == "Relationship" and rel.get("Id") is not None:
            if rel.get("Id") in targets:
                raise SheetXmlError(f"relationship {rel.get('Id')!r} twice")
            targets[rel.get("Id", "")] = rel.get("Target", "")
    entries: dict[str, str] = {}
    for sheet in _parse(_part(package, names, "xl/workbook.xml")).iter():
        if sheet.tag.rpartition("}")[2] != "sheet":
            continue
        rid = next((value for key, value in sheet.attrib.items() if key.endswith("}id")), None)
        target = targets.get(rid or "")
        path = target[1:] if target and target.startswith("/") else f"xl/{target}"
        if target and path.lower() in names:
            entries.setdefault(sheet.get("name", ""), names[path.lower()])
    return entries


def _part(package: zipfile.ZipFile, names: dict[str, str], part: str) -> bytes:
    if part not in names:
        raise SheetXmlError(f"no {part}")
    return package.read(names[part])


def _parse(data: bytes) -> Element:
    try:
        return SafeET.fromstring(data)
    except (ParseError, DefusedXmlException, LookupError) as error:
        raise SheetXmlError(str(error)[:200]) from None


def rewritten_workbook(package: zipfile.ZipFile, entry: str, sheet: bytes) -> bytes:
    """A workbook for calamine alone: the parts it reads at opening (workbook, its relationships,
    shared strings, styles) and ``sheet`` in place of ``entry``. Other sheets are left out."""
    wanted = {"[content_types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
              "xl/sharedstrings.xml", "xl/styles.xml"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
        for info in package.infolist():
            if info.filename.lower() in wanted and info.filename.lower() != entry.lower():
                copy.writestr(info.filename, package.read(info))
        copy.writestr(entry, sheet)
    return buffer.getvalue()
