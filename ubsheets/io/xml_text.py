"""``parse_safely``: a part checked by defusedxml before we read it.

The edits of workbook.xml, its rels, [Content_Types].xml and docProps/app.xml are on lxml trees by
namespace URI (``ubsheets.io.parts``).
"""

from __future__ import annotations

from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ubsheets.errors import InputError


def parse_safely(data: bytes, name: str) -> Element:
    try:
        return SafeET.fromstring(data)
    except (SafeET.ParseError, DefusedXmlException, LookupError) as exc:  # LookupError: a garbled encoding name
        raise InputError("not_a_workbook", name=name) from exc
