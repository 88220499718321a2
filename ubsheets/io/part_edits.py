"""The zip entries one write changes, over the source ``Package``: new part contents, parts dropped
together with what only they used, names for new parts, and the drawing and chart parts of our
charts (``chart_xml`` renders them).

A dropped part's name is free again, so a second run over the first run's output picks the names
the first run picked, and writes the same bytes.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ubsheets.io.chart_xml import chart_rid, render_chart_xml, render_drawing_xml
from ubsheets.io.opc_package import (
    ContentTypes,
    Package,
    part_key,
    relationships_xml,
    relative_target,
    rels_name,
    write_package,
)
from ubsheets.io.sheet_model import SheetSpec
from ubsheets.io.sheet_xml import DRAWING_RID, external_relationships

_DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
_CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"


class PartEdits:
    """What ``write_package`` gets: ``parts`` to write, ``dropped`` to leave out, ``new_names`` to
    append; ``types`` is [Content_Types].xml, given an Override for each part we add."""

    def __init__(self, pkg: Package, types: ContentTypes) -> None:
        self.pkg, self.types = pkg, types
        # lower-case part name -> new content, or the temporary file that holds it
        self.parts: dict[str, bytes | Path] = {}
        self.new_names: list[str] = []  # parts that did not exist, in the order added
        self.dropped: set[str] = set()  # lower-case part names not copied
        self.released: set[str] = set()  # parts whose relationships are dropped
        self.spooled: list[Path] = []  # the files of ``spooled_part``

    def free_part(self, pattern: str, reuse_dropped: bool = True) -> str:
        """First ``pattern.format(N)`` that no part we keep or write has, nor an orphan _rels that
        would attach to it; reserved until ``put``. The names of parts we drop are free again,
        unless ``reuse_dropped`` is false: a sheet part is named while sheets are still being
        placed, so what was dropped so far would make its name depend on the order of the sheets."""

        def taken(name: str) -> bool:
            key = part_key(name)
            return key in self.parts or (self.pkg.has(name) and not (reuse_dropped and key in self.dropped))

        number = 1
        while taken(pattern.format(number)) or taken(rels_name(pattern.format(number))):
            number += 1
        part = pattern.format(number)
        self.parts[part_key(part)] = b""
        return part

    def put(self, part: str, content: bytes | Path, content_type: str | None = None) -> None:
        """``part`` gets ``content``: in its place in the zip if it exists there, else appended."""
        if not self.pkg.has(part) and part not in self.new_names:
            self.new_names.append(part)
        self.parts[part_key(part)] = content
        if content_type:
            self.types.override(part, content_type)

    @contextmanager
    def spooled_part(self, part: str, content_type: str | None = None) -> Iterator[IO[bytes]]:
        """``put`` for content written into the file yielded: a part too large to hold in memory.
        The file lives until ``write`` (or ``discard``)."""
        handle, name = tempfile.mkstemp(prefix="ubsheets-part-", suffix=".xml")
        path = Path(name)
        self.spooled.append(path)
        with os.fdopen(handle, "wb") as out:
            yield out
        self.put(part, path, content_type)

    def discard(self) -> None:
        """The temporary files of ``spooled_part``, deleted."""
        for path in self.spooled:
            path.unlink(missing_ok=True)
        self.spooled.clear()

    def release(self, part: str) -> None:
        """Drop ``part``'s relationships, and each part that only they kept alive."""
        self.released.add(part)
        self.dropped.add(part_key(rels_name(part)))
        for rel in self.pkg.rels(part):
            target = rel.get("part")
            if (
                target
                and target not in self.dropped
                and target not in self.parts
                and self.pkg.has(target)
                and self.pkg.sources[target] <= self.released
            ):
                self.drop(target)

    def drop(self, part: str) -> None:
        """Leave ``part`` out (its Override goes in ``finish``, unless we write a part by that name)."""
        self.dropped.add(part_key(part))
        self.release(part_key(part))

    def add_charts(self, sheet_part: str, sheet_name: str, spec: SheetSpec) -> None:
        """A drawing part for the sheet and a chart part for each of ``spec.charts``. Called once
        every sheet is placed, so the names all replaced sheets freed are free."""
        drawing = self.free_part("xl/drawings/drawing{}.xml")
        charts = [self.free_part("xl/charts/chart{}.xml") for _ in spec.charts]
        to_drawing = relative_target(sheet_part, drawing)
        self.put(rels_name(sheet_part), _with_links(
            relationships_xml([(DRAWING_RID, "drawing", to_drawing)]), spec))
        self.put(drawing, render_drawing_xml(spec.charts), _DRAWING_CT)
        to_charts = [(chart_rid(i), "chart", relative_target(drawing, c)) for i, c in enumerate(charts)]
        self.put(rels_name(drawing), relationships_xml(to_charts))
        for chart, part in zip(spec.charts, charts, strict=True):
            self.put(part, render_chart_xml(chart, sheet_name, spec.rows), _CHART_CT)

    def add_links(self, sheet_part: str, spec: SheetSpec) -> None:
        """The relationships of the files the sheet's cells link to (``Cell.external``); a sheet
        with charts gets them beside its drawing's, in ``add_charts``."""
        if not spec.charts and external_relationships(spec):
            self.put(rels_name(sheet_part), _with_links(relationships_xml([]), spec))

    def finish(self) -> None:
        """The Overrides of the parts we dropped go (a name we reused keeps its own)."""
        self.types.remove_overrides(self.dropped - set(self.parts))

    def written_names(self) -> list[str]:
        """The zip names of the parts we generate or edit, for the check after writing."""
        new = {part_key(name): name for name in self.new_names}
        return [self.pkg.names.get(key) or new[key] for key in self.parts if key in self.pkg.names or key in new]

    def write(self, dst: Path) -> None:
        try:
            write_package(self.pkg, dst, self.parts, self.dropped, self.new_names)
        finally:
            self.discard()


def _with_links(rels: bytes, spec: SheetSpec) -> bytes:
    links = external_relationships(spec).encode("utf-8")
    return rels.replace(b"</Relationships>", links + b"</Relationships>") if links else rels
