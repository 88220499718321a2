"""[Content_Types].xml: Overrides added, retargeted, removed by namespace URI; Defaults kept."""

from __future__ import annotations

from collections.abc import Callable

from ubsheets.errors import InputError
from ubsheets.io.parts.namespaces import CONTENT_TYPES, qn
from ubsheets.io.parts.tree import declaration, parse_part, remove, serialise

PART = "[Content_Types].xml"
WORKSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
STYLES = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
DRAWING = "application/vnd.openxmlformats-officedocument.drawing+xml"
CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_ROOT, _OVERRIDE = qn(CONTENT_TYPES, "Types"), qn(CONTENT_TYPES, "Override")


class ContentTypesPart:
    """[Content_Types].xml parsed. Part names are compared by ``key`` (OPC ignores case; zip
    names may be percent-encoded or not)."""

    def __init__(self, data: bytes, name: str, key: Callable[[str], str]) -> None:
        self.tree = parse_part(data, name)
        self.root = self.tree.getroot()
        if self.root.tag != _ROOT:
            raise InputError("damaged_workbook", name=name, detail=f"{PART}: no <Types>")
        self.key = key
        self.data, self.head = data, declaration(data)
        self.original = serialise(self.tree, self.head)

    def _overrides(self, part_key: str) -> list:
        return [el for el in self.root.findall(_OVERRIDE) if self.key(el.get("PartName", "").lstrip("/")) == part_key]

    def content_type(self, part: str) -> str | None:
        """``part``'s Override, if it has one."""
        found = self._overrides(self.key(part))
        return found[0].get("ContentType") if found else None

    def override(self, part: str, content_type: str) -> None:
        """``part``'s Override: one already there (a dropped part's name reused) stays in place."""
        found = self._overrides(self.key(part))
        if found:
            if found[0].get("ContentType") != content_type:
                found[0].set("ContentType", content_type)
            return
        new = self.root.makeelement(_OVERRIDE, {"PartName": "/" + part, "ContentType": content_type})
        existing = self.root.findall(_OVERRIDE)
        if existing:
            existing[-1].addnext(new)
            new.tail, existing[-1].tail = existing[-1].tail, new.tail
        else:
            self.root.append(new)

    def remove_overrides(self, part_keys: set[str]) -> None:
        for element in self.root.findall(_OVERRIDE):
            if self.key(element.get("PartName", "").lstrip("/")) in part_keys:
                remove(element)

    def to_bytes(self) -> bytes:
        current = serialise(self.tree, self.head)
        return self.data if current == self.original else current
