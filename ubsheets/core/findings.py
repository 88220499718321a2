"""Findings are data: a stable code, a severity, a position and a message in the user's language.

``CODES`` is the one list of every finding code and its severity; messages live in
``ubsheets/i18n/findings.py`` under the same codes (a test checks both agree).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel

from ubsheets.i18n import t

Severity = Literal["error", "warning"]

CODES: dict[str, Severity] = {
    # the workbook's shape
    "column_missing": "error",
    "value_outside_table": "warning",
    "setting_missing": "warning",
    "setting_required": "error",
    "unknown_setting": "warning",
    # one cell
    "required": "error",
    "not_an_integer": "error",
    "not_a_number": "error",
    "not_a_year": "error",
    "not_a_date": "error",
    "not_a_time": "error",
    "out_of_range": "error",
    "below_minimum": "error",
    "hours_out_of_range": "error",
    "experience_out_of_range": "error",
    "unknown_choice": "error",
    "bad_class": "error",
    "latin_class_letter": "error",
    "mixed_script": "warning",
    "error_value": "error",
    "formula_without_value": "error",
    "invisible_character": "warning",
    # across rows and registers
    "unknown_teacher": "error",
    "duplicate_member": "error",
    "duplicate_row": "warning",
    "date_outside_year": "error",
    "date_in_holiday": "warning",
    "end_before_start": "error",
    "year_end_before_start": "error",
    "year_too_long": "error",
    "month_mismatch": "warning",
    "school_experience_exceeds_total": "error",
    "experience_exceeds_graduation": "warning",
    "graduation_in_future": "error",
    "hours_high": "warning",
    "young_teacher_experienced": "warning",
    "head_missing": "warning",
    "head_not_qualified": "error",
    "head_not_member": "warning",
    "course_overdue": "warning",
    "course_never": "warning",
    "attestation_overdue": "warning",
    "no_self_education_topic": "warning",
    "mentor_is_young_teacher": "error",
    "document_missing": "warning",
}


class FaultyValue(str):
    """A cell's raw value that is itself a finding: what the cell shows (an error value such as
    ``#REF!``, or the formula of a cell with no saved value) and the code it is reported under.

    calamine reads both as an empty cell, which validation would call "must be filled"; the reader
    puts one of these in its place, and typing reports ``code`` instead of the value's kind."""

    code: str

    def __new__(cls, text: str, code: str) -> FaultyValue:
        value = super().__new__(cls, text)
        value.code = code
        return value


class Finding(BaseModel):
    sheet: str
    cell: str
    row: int
    column: str
    value: Any = None
    code: str
    severity: Severity
    message: str


class Report(BaseModel):
    valid: bool
    errors: int
    warnings: int
    issues: list[Finding]

    @classmethod
    def of(cls, findings: list[Finding]) -> Report:
        errors = sum(1 for f in findings if f.severity == "error")
        return cls(valid=errors == 0, errors=errors, warnings=len(findings) - errors,
                   issues=findings)


def make_finding(lang: str, code: str, *, sheet: str, cell: str, row: int, column: str,
                 value: object = None, **params: object) -> Finding:
    shown = _jsonable(value)
    finding = Finding(sheet=sheet, cell=cell, row=row, column=column, value=shown, code=code,
                      severity=CODES[code],
                      message=t(code, lang, value=_shown(value), column=column, **params))
    # Every field is given, so one set says so for all findings: pydantic keeps a set per model,
    # 700 bytes, half a finding's memory (70 MB of a validation with 100,000 findings).
    object.__setattr__(finding, "__pydantic_fields_set__", _EVERY_FIELD)
    return finding


_EVERY_FIELD = set(Finding.model_fields)


def _shown(value: object) -> object:
    """A value as a teacher would write it in a message."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%d.%m.%Y %H:%M}" if value.time() != dt.time() else f"{value:%d.%m.%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, dt.time):
        return f"{value:%H:%M}"
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _jsonable(value: object) -> object:
    if isinstance(value, FaultyValue):
        return str(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return value
