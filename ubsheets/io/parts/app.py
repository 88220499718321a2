"""docProps/app.xml: the worksheet names it lists (TitlesOfParts, counted in HeadingPairs) kept
in step with the sheets we add and rename. Excel lists its worksheets as one group, labelled in
the language of the Excel that saved it ("Worksheets", "Листы"): the group is found by its names,
not its label. An app.xml without such lists, or whose lists do not match the workbook, is left
as it is (Excel rewrites them on its next save).
"""

from __future__ import annotations

from ubsheets.io.parts.namespaces import EXTENDED_PROPERTIES, VARIANT_TYPES, qn
from ubsheets.io.parts.tree import Element, declaration, parse_part, remove, serialise

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.extended-properties+xml"
RELATIONSHIP = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties"
_VECTOR, _VARIANT = qn(VARIANT_TYPES, "vector"), qn(VARIANT_TYPES, "variant")
_LPSTR, _I4 = qn(VARIANT_TYPES, "lpstr"), qn(VARIANT_TYPES, "i4")


class AppPart:
    def __init__(self, data: bytes, name: str) -> None:
        self.tree = parse_part(data, name)
        self.root = self.tree.getroot()
        self.data, self.head = data, declaration(data)
        self.original = serialise(self.tree, self.head)

    def _vectors(self) -> tuple[Element, Element] | None:
        if self.root.tag != qn(EXTENDED_PROPERTIES, "Properties"):
            return None
        pairs = self.root.find(f"{qn(EXTENDED_PROPERTIES, 'HeadingPairs')}/{_VECTOR}")
        titles = self.root.find(f"{qn(EXTENDED_PROPERTIES, 'TitlesOfParts')}/{_VECTOR}")
        return None if pairs is None or titles is None else (pairs, titles)

    def sync_worksheets(self, before: list[str], after: list[str]) -> bool:
        """The group that lists exactly the worksheets ``before`` (in any order) lists ``after``
        instead, its count and the vectors' sizes set to match; whether it was found."""
        vectors = self._vectors()
        if vectors is None or not before:
            return False
        pairs, titles = vectors
        variants = pairs.findall(_VARIANT)
        names = titles.findall(_LPSTR)
        start = 0
        for count in variants[1::2]:
            number = count.find(_I4)
            if number is None or not (number.text or "").strip().isdigit():
                return False
            size = int((number.text or "").strip())
            group = names[start:start + size]
            if sorted(el.text or "" for el in group) == sorted(before):
                self._replace(titles, group, after)
                number.text = str(len(after))
                titles.set("size", str(len(titles.findall(_LPSTR))))
                return True
            start += size
        return False

    @staticmethod
    def _replace(titles: Element, group: list[Element], after: list[str]) -> None:
        anchor = group[0]
        for name in after:
            new = titles.makeelement(_LPSTR, {})
            new.text = name
            anchor.addprevious(new)
        for element in group:
            remove(element)

    def to_bytes(self) -> bytes:
        current = serialise(self.tree, self.head)
        return self.data if current == self.original else current
