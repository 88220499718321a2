"""Parse a part into an lxml tree safely, and serialise it back with its own declaration.

No entity is resolved, no network used, no DTD accepted (an OOXML part never has one); comments
and processing instructions stay in the tree, and lxml's ``find`` by ``{uri}local`` never matches
them. lxml keeps every prefix and namespace declaration as parsed, which matters because
``mc:Ignorable`` names prefixes: a renamed one makes Excel call the file damaged.
"""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from ubsheets.errors import InputError

_DECLARATION = re.compile(rb"""<\?xml\s(?:[^?"']|"[^"]*"|'[^']*')*\?>\s*""")
_STANDARD_DECLARATION = b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
_UTF8 = re.compile(rb"""encoding\s*=\s*["']utf-?8["']""", re.IGNORECASE)

Tree = Any  # etree._ElementTree; lxml ships no annotations mypy reads here
Element = Any  # etree._Element


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, remove_comments=False,
                           remove_pis=False, huge_tree=False, load_dtd=False)


def parse_part(data: bytes, name: str) -> Tree:
    """``data`` as a tree; InputError ``not_a_workbook`` (naming the file ``name``) if it is no
    well-formed XML, or carries a DTD."""
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser()))
    except (etree.XMLSyntaxError, ValueError, LookupError) as exc:
        raise InputError("not_a_workbook", name=name) from exc
    if tree.docinfo.doctype:
        raise InputError("not_a_workbook", name=name)
    return tree


def declaration(data: bytes) -> bytes:
    """The XML declaration ``data`` opens with (and the whitespace after it), to write back as it
    was; a standard one if it has none or names an encoding other than UTF-8."""
    found = _DECLARATION.match(data.removeprefix(b"\xef\xbb\xbf"))
    if found and (_UTF8.search(found.group(0)) or b"encoding" not in found.group(0)):
        return found.group(0)
    return _STANDARD_DECLARATION


def serialise(tree: Tree, head: bytes) -> bytes:
    """``tree`` as UTF-8 after the declaration ``head`` (``declaration``): top-level comments and
    processing instructions included, every prefix as parsed."""
    return head + etree.tostring(tree, encoding="UTF-8", xml_declaration=False)


def remove(element: Element) -> None:
    """Take ``element`` out of its parent, keeping the text that followed it (its tail)."""
    parent = element.getparent()
    if element.tail:
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + element.tail
        else:
            parent.text = (parent.text or "") + element.tail
    parent.remove(element)


def prefix_of(element: Element, namespace: str) -> str | None:
    """The prefix ``namespace`` has where ``element`` stands; None if it has none there."""
    return next((p for p, uri in element.nsmap.items() if uri == namespace and p is not None), None)


def new_prefix(element: Element, wanted: str) -> str:
    """``wanted`` or the first of ``wanted2``, ``wanted3``… no namespace in scope uses."""
    used = set(element.nsmap)
    candidate, number = wanted, 1
    while candidate in used:
        number += 1
        candidate = f"{wanted}{number}"
    return candidate


def first_child_attribute(head: bytes, tag: str, attr: str) -> str | None:
    """``attr`` of the root's first child element if that is ``tag``, read from the first bytes of
    a part (``head``) without parsing the rest; None if it is not there."""
    parser = etree.XMLPullParser(events=("start",), resolve_entities=False, no_network=True, huge_tree=False,
                                 load_dtd=False)
    try:
        parser.feed(head)
        starts = [element for _, element in parser.read_events()]
    except etree.XMLSyntaxError:
        return None
    if len(starts) < 2:
        return None
    value = starts[1].get(attr) if starts[1].tag == tag else None
    return None if value is None else str(value)
