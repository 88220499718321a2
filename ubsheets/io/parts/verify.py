"""Parse again every part we generated or edited, before the file replaces the user's.

Each part must be well-formed XML, and a worksheet's children must come in the order of
CT_Worksheet (ECMA-376 Part 1, 18.3.1.99): Excel calls a file with ``<pageMargins>`` before
``<sheetData>`` damaged and "repairs" it, where LibreOffice and openpyxl read it without a word.
A failure here is our bug, not the user's file: ``WrittenPartInvalid`` (not an ``InputError``)
is raised from the write callback, and ``safe_write.safe_replace`` then leaves the workbook as it
was. Parts are read as streams, so a district's 100,000-row sheet is never held whole.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any
from xml.parsers import expat

from lxml import etree

from ubsheets.io.parts import namespaces

# CT_Worksheet's sequence; every child occurs at most once but conditionalFormatting.
WORKSHEET_ORDER = (
    "sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr",
    "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate",
    "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations",
    "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks",
    "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing",
    "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls",
    "webPublishItems", "tableParts", "extLst",
)
_POSITION = {name: index for index, name in enumerate(WORKSHEET_ORDER)}
_REPEATABLE = frozenset(("conditionalFormatting",))
_MAIN_NAMESPACES = frozenset((namespaces.MAIN, namespaces.STRICT_MAIN))
_WORKSHEETS = "xl/worksheets/"


class WrittenPartInvalid(RuntimeError):
    """A part we wrote is not what Excel can open: a bug of ours, never of the user's file."""

    def __init__(self, part: str, reason: str) -> None:
        super().__init__(f"{part}: {reason}")
        self.part, self.reason = part, reason


def check_written_parts(path: Path, parts: Iterable[str]) -> None:
    """Parse each of ``parts`` in the zip at ``path``; raise ``WrittenPartInvalid`` for the first
    that is missing, not well-formed, or a worksheet whose children are out of schema order."""
    with zipfile.ZipFile(path) as package:
        present = set(package.namelist())
        for part in parts:
            name = part.lstrip("/")
            if name not in present:
                raise WrittenPartInvalid(name, "missing from the package")
            info = package.getinfo(name)
            with package.open(name) as stream:
                if info.file_size > _LARGE_PART_BYTES and name.startswith(_WORKSHEETS):
                    _check_large_sheet(name, stream)
                else:
                    _check_part(name, stream)


# Above this size a worksheet (a district's combined register: up to hundreds of MB) is checked without an
# event per element, which took longer than writing it: expat checks it is well-formed in C, and
# only what surrounds its <sheetData> is parsed as a tree, for the children's order.
_LARGE_PART_BYTES = 256 * 1024
_CHUNK_BYTES = 1024**2
_DATA_START, _DATA_END = b"<sheetData", b"</sheetData>"


def _check_large_sheet(name: str, stream: IO[bytes]) -> None:
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse_dtd(*_: object) -> None:
        raise WrittenPartInvalid(name, "declares a DTD")

    parser.StartDoctypeDeclHandler = refuse_dtd
    head, tail = bytearray(), bytearray()
    window = b""  # the end of what came before, where a tag cut by a chunk's edge begins
    in_head, in_tail = True, False
    try:
        while chunk := stream.read(_CHUNK_BYTES):
            parser.Parse(chunk, False)
            if in_head:
                head += chunk
                at = head.find(_DATA_START)
                if at >= 0:
                    rest, head[:] = bytes(head[at:]), head[:at]
                    in_head, window = False, b""
                    chunk = rest
            if not in_head and not in_tail:
                seen = window + chunk
                at = seen.find(_DATA_END)
                if at >= 0:
                    tail += seen[at + len(_DATA_END):]
                    in_tail = True
                else:
                    window = seen[-len(_DATA_END):]
            elif in_tail:
                tail += chunk
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise WrittenPartInvalid(name, f"not well-formed XML: {error}") from error
    if in_head:  # no <sheetData> as we write it (another prefix): ``head`` holds it all
        _check_part(name, io.BytesIO(bytes(head)))
        return
    if not in_tail:
        raise WrittenPartInvalid(name, "<sheetData> is never closed")
    _check_part(name, io.BytesIO(bytes(head) + b"<sheetData/>" + bytes(tail)))


def _check_part(name: str, stream: IO[bytes]) -> None:
    order = _WorksheetOrder(name) if name.startswith(_WORKSHEETS) else None
    depth = 0
    try:
        events = etree.iterparse(stream, events=("start", "end"), resolve_entities=False,
                                 no_network=True, load_dtd=False, huge_tree=False)
        for event, element in events:
            if event == "start":
                depth += 1
                if order is not None and depth <= 2:
                    order.see(element, depth)
                continue
            depth -= 1
            if depth >= 1:  # done with it: keep memory flat however long the part
                element.clear(keep_tail=True)
                while element.getprevious() is not None:
                    del element.getparent()[0]
        if events.root.getroottree().docinfo.doctype:
            raise WrittenPartInvalid(name, "declares a DTD")
    except etree.XMLSyntaxError as error:
        raise WrittenPartInvalid(name, f"not well-formed XML: {error}") from error
    if order is not None:
        order.finish()


class _WorksheetOrder:
    """The children of a worksheet's root, in CT_Worksheet's order; markup-compatibility and
    other namespaces' elements (``mc:AlternateContent``) are left to their own rules."""

    def __init__(self, part: str) -> None:
        self.part = part
        self.is_worksheet = False
        self.last: tuple[int, str] = (-1, "")
        self.seen: set[str] = set()

    def see(self, element: Any, depth: int) -> None:
        qname = etree.QName(element)
        if depth == 1:
            self.is_worksheet = qname.localname == "worksheet" and qname.namespace in _MAIN_NAMESPACES
            return
        if not self.is_worksheet or qname.namespace not in _MAIN_NAMESPACES:
            return
        name = qname.localname
        position = _POSITION.get(name)
        if position is None:
            raise WrittenPartInvalid(self.part, f"<{name}> is no child of <worksheet>")
        if name in self.seen and name not in _REPEATABLE:
            raise WrittenPartInvalid(self.part, f"<{name}> occurs twice")
        if position < self.last[0]:
            raise WrittenPartInvalid(self.part, f"<{name}> comes after <{self.last[1]}>, the schema puts it before")
        self.seen.add(name)
        self.last = (position, name)

    def finish(self) -> None:
        if self.is_worksheet and "sheetData" not in self.seen:
            raise WrittenPartInvalid(self.part, "no <sheetData>")
