"""``parse_safely``: a part checked by defusedxml before we read it.

The edits of workbook.xml, its rels, [Content_Types].xml and docProps/app.xml are on lxml trees by
namespace URI (``ubsheets.io.parts``). ``shift_positions``, a text edit, stays only for
``tests/test_sheet_order.py`` until that test moves to ``parts.workbook`` (``tests/test_parts.py``
covers the same cases there).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ubsheets.errors import InputError
from ubsheets.io.sheet_xml import xml_text

# A start tag, allowing ">" inside quoted attribute values.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*?"""
_START_TAG = re.compile(rf"<{_TAG_BODY}(?=/?>)", re.DOTALL)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _edit_elements(text: str, qname: str, edit: Callable[[int, str], str]) -> str:
    q = re.escape(qname)
    pattern = re.compile(rf"<{q}(?=[\s/>]){_TAG_BODY}(?:/>|>.*?</{q}\s*>)", re.DOTALL)
    counter = itertools.count()
    return pattern.sub(lambda m: edit(next(counter), m.group(0)), text)


def _set_attr(element: str, name: str, value: str) -> str:
    start = _START_TAG.match(element)
    assert start is not None, f"not an element: {element[:80]!r}"
    head, rest = element[: start.end()], element[start.end() :]
    head = re.sub(rf"""\s{re.escape(name)}\s*=\s*(?:"[^"]*"|'[^']*')""", "", head)
    return head + f' {name}="{xml_text(value)}"' + rest


def shift_positions(text: str, qname: str, attr: str, inserted: int, default: int | None = None) -> str:
    """``text`` after an item was inserted at ``inserted`` in a list that each ``qname``'s ``attr``
    points into by position (0-based): a position of ``inserted`` or more moves one on. A value
    that is no number is left alone; a missing attribute counts as ``default`` (None: it stays
    missing). Superseded by ``parts.workbook.WorkbookPart.insert_sheet``."""

    def shift(_: int, element: str) -> str:
        start = _START_TAG.match(element)
        head = start.group(0) if start else element
        found = next((m for m in _ATTR.finditer(head) if m[1] == attr), None)
        if found is None:
            if default is None or default < inserted:
                return element
            return _set_attr(element, attr, str(default + 1))
        group = 2 if found[2] is not None else 3
        if not re.fullmatch(r"[0-9]+", found[group]) or int(found[group]) < inserted:
            return element
        return element[: found.start(group)] + str(int(found[group]) + 1) + element[found.end(group) :]

    return _edit_elements(text, qname, shift)


def parse_safely(data: bytes, name: str) -> Element:
    try:
        return SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException, LookupError) as exc:  # LookupError: a garbled encoding name
        raise InputError("not_a_workbook", name=name) from exc
