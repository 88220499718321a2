"""One row validator per register, built from its definition (no second list of columns).

Each column's parser (``core.cells``) turns what was typed into a clean typed value, or raises a
``CellProblem`` whose code is our finding code. A row with a bad cell still yields its good
values (the bad one as None), so the checks across registers see everything that can be read.

Plain loops, not a pydantic model per row: the parsers already decide every value's type, and
a model around them made typing 100,000 rows take half as long again.

What a cell comes to depends on its column and its value only, and values repeat (dropdown
values, class names, subjects, hours, dates): each column remembers the outcome of the texts,
numbers and dates it has seen (empty or not, the typed value or the problem): typing a row takes
half as long.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date as _date
from typing import Any, NamedTuple

from ubsheets.core.cells import CellProblem, is_empty, parser_for
from ubsheets.core.findings import FaultyValue
from ubsheets.core.normalize import is_blank
from ubsheets.schema import Register

Problem = tuple[str, str, dict[str, Any]]  # (column key, finding code, the message's values)
# A value's outcome in one column: its typed value (None when empty or bad) and its problem, as
# (code, the message's values), or None.
Outcome = tuple[Any, tuple[str, dict[str, Any]] | None]


class _Field(NamedTuple):
    key: str
    parse: Callable[[object], object]
    required: bool
    seen: dict[object, Outcome]  # values seen in this column (str, float, date) -> outcome


_FIELDS: dict[tuple[str, str], tuple[_Field, ...]] = {}
# The values remembered, all columns together; past this many every column forgets, so that
# registers of 100,000 different names are not kept for good.
MEMO_SIZE = 50_000
_remembered = 0


def _fields(register: Register, lang: str) -> tuple[_Field, ...]:
    """The register's columns with their parsers; messages' choice lists are in ``lang``."""
    fields = _FIELDS.get((register.key, lang))
    if fields is None:
        fields = _FIELDS[register.key, lang] = tuple(
            _Field(col.key, parser_for(col, lang), col.required, {}) for col in register.columns)
    return fields


def _remember(field: _Field, value: object) -> Outcome:
    """The outcome of ``value`` (a str, a float or a date) in ``field``'s column, remembered.
    Not a float that equals another one and types otherwise (-0.0 as a number), nor NaN, which
    equals nothing."""
    global _remembered
    if _remembered >= MEMO_SIZE:
        for fields in _FIELDS.values():
            for known in fields:
                known.seen.clear()
        _remembered = 0
    outcome: Outcome
    if isinstance(value, str) and is_blank(value):
        outcome = None, (("required", {}) if field.required else None)
    else:
        try:
            outcome = field.parse(value), None
        except CellProblem as problem:
            outcome = None, (problem.code, problem.params)
    if value == value and (value or isinstance(value, str)):
        field.seen[value] = outcome
        _remembered += 1
    return outcome


def validate_row(register: Register, lang: str, raw: dict[str, Any]
                 ) -> tuple[dict[str, Any], list[Problem]]:
    """Typed values of one row (every column of the register, None where empty or bad) and its
    problems as (column key, code, params), in the register's column order.

    A column that is not on the sheet is None without a problem: the missing column is one
    finding of its own (``column_missing``), not one per row."""
    typed: dict[str, Any] = {}
    problems: list[Problem] = []
    for field in _fields(register, lang):
        key, parse, required, seen = field
        value = raw.get(key)
        cls = value.__class__  # exactly: a FaultyValue is a str, a datetime a date
        if cls is str or cls is float or cls is _date:
            outcome = seen.get(value)
            if outcome is None:
                outcome = _remember(field, value)
            typed[key], issue = outcome
            if issue is not None:
                problems.append((key, issue[0], dict(issue[1])))
            continue
        if isinstance(value, FaultyValue):  # an error value, a formula never calculated
            problems.append((key, value.code, {}))
            typed[key] = None
            continue
        if is_empty(value):
            if required and key in raw:
                problems.append((key, "required", {}))
            typed[key] = None
            continue
        try:
            typed[key] = parse(value)
        except CellProblem as problem:
            problems.append((key, problem.code, dict(problem.params)))
            typed[key] = None
    return typed, problems
