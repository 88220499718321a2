"""Every register of the master workbook, defined once, in workbook order."""

from __future__ import annotations

from ubsheets.schema.base import Choice, ChoiceList, Column, Kind, Label, Register
from ubsheets.schema.control import CONTROL, INSPECTIONS
from ubsheets.schema.documents import DOCUMENTS, REQUIRED_DOCUMENTS
from ubsheets.schema.events import ACTIVITY_LOG, EVENTS, MEETINGS
from ubsheets.schema.people import COURSES, MEMBERS, MENTORING, SELF_EDUCATION
from ubsheets.schema.settings import HOLIDAYS, SETTINGS, SETTINGS_SHEET, SETTINGS_TABLE, Setting
from ubsheets.schema.teaching import CLUBS, OPEN_LESSONS, SUBJECT_WEEKS

# The hidden sheet of every master workbook: template version, language, dropdown lists.
META_SHEET = "ubsheets"

# Bump when a register, column or list changes in a way an older workbook would not match.
TEMPLATE_VERSION = "2"

# The registers a user fills, in the order of the sheets.
REGISTERS: tuple[Register, ...] = (
    MEMBERS, SELF_EDUCATION, OPEN_LESSONS, EVENTS, ACTIVITY_LOG, CONTROL, DOCUMENTS,
    MENTORING, SUBJECT_WEEKS, CLUBS, INSPECTIONS, COURSES, MEETINGS,
)

# Every table in the workbook, the two on the settings sheet included.
ALL_TABLES: tuple[Register, ...] = (SETTINGS_TABLE, HOLIDAYS, *REGISTERS)


def register(key: str) -> Register:
    for reg in ALL_TABLES:
        if reg.key == key:
            return reg
    raise KeyError(key)


__all__ = [
    "ALL_TABLES", "Choice", "ChoiceList", "Column", "DOCUMENTS", "HOLIDAYS", "Kind", "Label",
    "MEMBERS", "META_SHEET", "REGISTERS", "REQUIRED_DOCUMENTS", "Register", "SETTINGS", "SETTINGS_SHEET",
    "SETTINGS_TABLE", "Setting", "TEMPLATE_VERSION", "register",
]
