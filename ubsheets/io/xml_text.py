"""Small edits to OOXML parts as text, leaving every byte we do not touch as it was.

Parts are never re-serialised: ElementTree renames namespace prefixes that ``mc:Ignorable`` names,
and Excel then refuses the file. The regexes here only touch elements whose shape the OOXML schema
fixes (no nesting of the same name); ``parse_safely`` lets defusedxml check a part before any edit.
"""

from __future__ import annotations

import html
import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ubsheets.errors import InputError
from ubsheets.io.sheet_xml import xml_text

# A start tag, allowing ">" inside quoted attribute values.
_TAG_BODY = r"""(?:[^>"']|"[^"]*"|'[^']*')*?"""
_START_TAG = re.compile(rf"<{_TAG_BODY}(?=/?>)", re.DOTALL)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _element_re(qname: str) -> re.Pattern[str]:
    q = re.escape(qname)
    return re.compile(rf"<{q}(?=[\s/>]){_TAG_BODY}(?:/>|>.*?</{q}\s*>)", re.DOTALL)


def elements(text: str, qname: str) -> Iterator[re.Match[str]]:
    """Each ``<qname …/>`` or ``<qname …>…</qname>``; only for elements that never nest."""
    return _element_re(qname).finditer(text)


def first_element(text: str, qname: str) -> re.Match[str] | None:
    return _element_re(qname).search(text)


def edit_elements(text: str, qname: str, edit: Callable[[int, str], str]) -> str:
    """Replace each such element by ``edit(position, element)``; "" removes it."""
    counter = itertools.count()
    return _element_re(qname).sub(lambda m: edit(next(counter), m.group(0)), text)


def attrs(element: str) -> dict[str, str]:
    start = _START_TAG.match(element)
    head = start.group(0) if start else element
    return {m[1]: html.unescape(m[2] if m[2] is not None else m[3]) for m in _ATTR.finditer(head)}


def set_attr(element: str, name: str, value: str | None) -> str:
    """Set (or with None remove) one attribute in the element's start tag."""
    start = _START_TAG.match(element)
    assert start is not None, f"not an element: {element[:80]!r}"  # callers pass an element
    head_end = start.end()
    head, rest = element[:head_end], element[head_end:]
    head = re.sub(rf"""\s{re.escape(name)}\s*=\s*(?:"[^"]*"|'[^']*')""", "", head)
    return head + (f' {name}="{xml_text(value)}"' if value is not None else "") + rest


def shift_positions(text: str, qname: str, attr: str, inserted: int, default: int | None = None) -> str:
    """``text`` after an item was inserted at ``inserted`` in a list that each ``qname``'s ``attr``
    points into by position (0-based): a position of ``inserted`` or more moves one on, rewritten
    where it stands. A value that is no number is left alone; a missing attribute counts as
    ``default`` (None: it stays missing)."""

    def shift(_: int, element: str) -> str:
        start = _START_TAG.match(element)
        head = start.group(0) if start else element
        found = next((m for m in _ATTR.finditer(head) if m[1] == attr), None)
        if found is None:
            if default is None or default < inserted:
                return element
            return set_attr(element, attr, str(default + 1))
        group = 2 if found[2] is not None else 3
        if not re.fullmatch(r"[0-9]+", found[group]) or int(found[group]) < inserted:
            return element
        return element[: found.start(group)] + str(int(found[group]) + 1) + element[found.end(group) :]

    return edit_elements(text, qname, shift)


def root_prefix(text: str, local: str) -> str:
    """The prefix (``"x:"`` or ``""``) of the root element, used for everything we insert."""
    match = re.search(rf"<([\w.-]+:)?{local}(?=[\s/>])", text)
    return (match.group(1) or "") if match else ""


def qualify(fragment: str, prefix: str) -> str:
    return re.sub(r"<(/?)(?=[A-Za-z])", lambda m: f"<{m[1]}{prefix}", fragment) if prefix else fragment


def insert_before_close(text: str, qname: str, fragment: str) -> str:
    """Insert before ``</qname>``, opening a self-closed ``<qname …/>`` first."""
    close = text.rfind(f"</{qname}>")
    if close >= 0:
        return text[:close] + fragment + text[close:]
    empty = re.search(rf"<{re.escape(qname)}(?=[\s/>]){_TAG_BODY}/>", text, re.DOTALL)
    if not empty:
        raise ValueError(f"no <{qname}> element")
    opened = empty.group(0)[:-2].rstrip() + ">"
    return text[: empty.start()] + opened + fragment + f"</{qname}>" + text[empty.end() :]


def insert_child(text: str, parent: str, child: str, position: int, fragment: str) -> str:
    """Insert ``fragment`` as the ``position``-th ``child`` (0-based) of ``parent``: before the child
    now there, or with none there, last. ``child`` must occur nowhere else in ``text``."""
    children = list(elements(text, child))
    if position >= len(children):
        return insert_before_close(text, parent, fragment)
    at = children[position].start()
    return text[:at] + fragment + text[at:]


def insert_before_first(text: str, later: Iterable[str], fragment: str, parent: str) -> str:
    """Insert before the first element named in ``later``, or with none there before ``</parent>``:
    where the schema's sequence puts a child that is missing."""
    names = "|".join(re.escape(qname) for qname in later)
    after = re.search(rf"<(?:{names})(?=[\s/>])", text)
    if after is None:
        return insert_before_close(text, parent, fragment)
    return text[: after.start()] + fragment + text[after.start() :]


def parse_safely(data: bytes, name: str) -> Element:
    try:
        return SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException, LookupError) as exc:  # LookupError: a garbled encoding name
        raise InputError("not_a_workbook", name=name) from exc
