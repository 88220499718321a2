"""Rows rendered where they are read, kept on disk until the sheet that holds them is written.

A district's combined registers hold every row of every school: 12,000 workbooks give about two
million rows, more than memory should hold as cells. So each school's rows are rendered to
worksheet XML right after its workbook is read (in the worker that read it, ``render_rows``),
appended to one spool file, and copied from there into the sheet part in one pass
(``RowSpool.stream``), through the same cell rendering as every other sheet (``sheet_xml``).

Two things are not known when a school's rows are rendered, and are left as marks no XML text can
hold (``sheet_xml.cell_text`` drops every control character):
- the row's number (which schools come first, and which are duplicates, is known only when every
  file is read): ``\\x00`` in ``<row r="…">`` and in each cell's reference;
- a style's id in the written workbook (the part writer numbers styles as it meets them):
  ``\\x01N\\x02`` where the `` s="…"`` attribute goes, N the style's index in the rows' own
  ``styles``.
"""

from __future__ import annotations

import datetime as dt
import math
import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import IO, BinaryIO, cast

from ubsheets.core.a1 import col_letter
from ubsheets.io.sheet_model import CellValue, Style
from ubsheets.io.sheet_xml import cell_tail

_ROW_MARK = b"\x00"
_REMEMBERED = 4096  # renderings of texts or dates kept at a time
_ROW_END = b"</row>"


@dataclass(frozen=True)
class RenderedRows:
    """Rows as worksheet XML with marks for their numbers and styles (see the module)."""

    count: int
    xml: bytes
    styles: tuple[Style, ...] = ()


@dataclass(frozen=True)
class SpooledRows:
    """Where a ``RenderedRows`` lies in the spool file."""

    count: int
    offset: int
    length: int
    styles: tuple[Style, ...] = ()


def render_rows(rows: Iterable[Sequence[object]]) -> RenderedRows:
    """``rows`` of values as ``sheet_xml`` writes them (a text inline, never a formula); a value
    no cell holds as it is (a time of day) as its text."""
    styles: dict[Style, str] = {}

    def style_mark(style: Style | None) -> str:
        if style is None:
            return ""
        if style not in styles:
            styles[style] = f"\x01{len(styles)}\x02"
        return styles[style]

    # A school's name and association are in each of its rows, dropdown values and dates in many:
    # their rendering is looked up, not redone. Bounded: a register of long unique texts meets
    # each once. Numbers, as quick to write again, are written at once.
    known: dict[type, dict] = {str: {}, dt.date: {}}
    letters: list[str] = []
    parts: list[str] = []
    for row in rows:
        while len(letters) < len(row):
            letters.append(f'<c r="{col_letter(len(letters) + 1)}\x00"')
        cells = []
        for letter, value in zip(letters, row, strict=False):  # a shorter row: its cells
            kind = value.__class__
            if kind is float and math.isfinite(value):  # type: ignore[arg-type]
                cells.append(f"{letter}><v>{value!r}</v></c>")
                continue
            if value is None:
                continue
            memo = known.get(kind)
            tail = None if memo is None else memo.get(value)
            if tail is None:
                tail = cell_tail(cast(CellValue, value), None, style_mark)
                if tail is None:  # a time of day, or anything else a cell cannot hold as it is
                    tail = cell_tail(str(value), None, style_mark) or ""
                if memo is not None:
                    if len(memo) >= _REMEMBERED:
                        memo.clear()
                    memo[value] = tail
            if tail:
                cells.append(letter + tail)
        parts.append(f'<row r="\x00">{"".join(cells)}</row>')
    return RenderedRows(len(parts), "".join(parts).encode("utf-8"), tuple(styles))


class RowStream:
    """The rows of several ``SpooledRows``, in order, as one sheet's rows after its first ones:
    what ``SheetSpec.more_rows`` holds."""

    def __init__(self, spool: RowSpool, parts: list[SpooledRows]) -> None:
        self.spool, self.parts = spool, parts
        self.rows = sum(part.count for part in parts)

    def write(self, out: IO[bytes], first: int, style_attr: Callable[[Style | None], str]) -> None:
        """Every row into ``out``, the first numbered ``first``."""
        number = first
        for part in self.parts:
            xml = self.spool.read(part)
            for index, style in enumerate(part.styles):
                xml = xml.replace(b"\x01%d\x02" % index, style_attr(style).encode())
            pieces = xml.split(_ROW_END)[:-1]  # the last is what follows the last </row>: nothing
            if not pieces:
                continue
            out.write(_ROW_END.join([piece.replace(_ROW_MARK, b"%d" % n)
                                     for n, piece in enumerate(pieces, start=number)]) + _ROW_END)
            number += len(pieces)


class RowSpool:
    """One temporary file the rendered rows are appended to; deleted on ``close``."""

    def __init__(self, folder: str | None = None) -> None:
        handle, self.path = tempfile.mkstemp(prefix="ubsheets-rows-", suffix=".xml", dir=folder)
        self.file: BinaryIO = os.fdopen(handle, "w+b")
        self.end = 0

    def keep(self, rows: RenderedRows) -> SpooledRows:
        self.file.seek(self.end)
        self.file.write(rows.xml)
        spooled = SpooledRows(rows.count, self.end, len(rows.xml), rows.styles)
        self.end += len(rows.xml)
        return spooled

    def read(self, part: SpooledRows) -> bytes:
        self.file.seek(part.offset)
        return self.file.read(part.length)

    def stream(self, parts: list[SpooledRows]) -> RowStream:
        return RowStream(self, parts)

    def close(self) -> None:
        self.file.close()
        os.unlink(self.path)

    def __enter__(self) -> RowSpool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
