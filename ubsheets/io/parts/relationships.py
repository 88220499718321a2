"""A .rels part (here the workbook's): relationships read, added, edited, removed by namespace URI."""

from __future__ import annotations

import re

from ubsheets.errors import InputError
from ubsheets.io.parts.namespaces import PACKAGE_RELATIONSHIPS, RELATIONSHIPS, qn
from ubsheets.io.parts.tree import Element, declaration, parse_part, remove, serialise

CONTENT_TYPE = "application/vnd.openxmlformats-package.relationships+xml"
_ROOT, _RELATIONSHIP = qn(PACKAGE_RELATIONSHIPS, "Relationships"), qn(PACKAGE_RELATIONSHIPS, "Relationship")


def read_relationships(data: bytes, name: str) -> list[dict[str, str]]:
    """The attributes of each <Relationship> of a .rels part (``name``: the file, for errors)."""
    root = parse_part(data, name).getroot()
    return [dict(el.attrib) for el in root.findall(_RELATIONSHIP)] if root.tag == _ROOT else []


def kind_of(rel_type: str) -> str:
    """"worksheet" of ``.../relationships/worksheet``: what a relationship's Type names."""
    return rel_type.rpartition("/")[2]


class RelationshipsPart:
    """A .rels part parsed; ``to_bytes`` gives it back, the original bytes if nothing changed."""

    def __init__(self, data: bytes, name: str, part: str) -> None:
        self.tree = parse_part(data, name)
        self.root = self.tree.getroot()
        if self.root.tag != _ROOT:
            raise InputError("damaged_workbook", name=name, detail=f"{part}: no <Relationships>")
        self.data, self.head = data, declaration(data)
        self.original = serialise(self.tree, self.head)

    def _element(self, rid: str) -> Element | None:
        return next((el for el in self.root.findall(_RELATIONSHIP) if el.get("Id") == rid), None)

    def items(self) -> list[dict[str, str]]:
        return [dict(el.attrib) for el in self.root.findall(_RELATIONSHIP)]

    def free_id(self) -> str:
        numbers = [int(m[1]) for el in self.root.findall(_RELATIONSHIP)
                   if (m := re.fullmatch(r"rId(\d+)", el.get("Id", "")))]
        return f"rId{max(numbers, default=0) + 1}"

    def add(self, rid: str, kind: str, target: str) -> None:
        """A relationship of type ``kind`` ("worksheet") to the relative ``target``."""
        new = self.root.makeelement(_RELATIONSHIP, {"Id": rid, "Type": f"{RELATIONSHIPS}/{kind}", "Target": target})
        existing = self.root.findall(_RELATIONSHIP)
        if existing:
            existing[-1].addnext(new)
            new.tail, existing[-1].tail = existing[-1].tail, new.tail
        else:
            self.root.append(new)

    def edit(self, rid: str, **values: str) -> None:
        element = self._element(rid)
        if element is not None:
            for attr, value in values.items():
                element.set(attr, value)

    def remove(self, rid: str) -> None:
        element = self._element(rid)
        if element is not None:
            remove(element)

    def to_bytes(self) -> bytes:
        current = serialise(self.tree, self.head)
        return self.data if current == self.original else current
