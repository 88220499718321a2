"""One row validator per register, built from its definition (no second list of columns).

Each column's parser (``core.cells``) turns what was typed into a clean typed value, or raises a
``CellProblem`` whose code is our finding code. A row with a bad cell still yields its good
values (the bad one as None), so the checks across registers see everything that can be read.

Plain loops, not a pydantic model per row: the parsers already decide every value's type, and
a model around them made typing 100,000 rows take half as long again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from ubsheets.core.cells import CellProblem, is_empty, parser_for
from ubsheets.core.findings import FaultyValue
from ubsheets.schema import Register

Problem = tuple[str, str, dict[str, Any]]  # (column key, finding code, the message's values)


class _Field(NamedTuple):
    key: str
    parse: Callable[[object], object]
    required: bool


_FIELDS: dict[tuple[str, str], tuple[_Field, ...]] = {}


def _fields(register: Register, lang: str) -> tuple[_Field, ...]:
    """The register's columns with their parsers; messages' choice lists are in ``lang``."""
    fields = _FIELDS.get((register.key, lang))
    if fields is None:
        fields = _FIELDS[register.key, lang] = tuple(
            _Field(col.key, parser_for(col, lang), col.required) for col in register.columns)
    return fields


def validate_row(register: Register, lang: str, raw: dict[str, Any]
                 ) -> tuple[dict[str, Any], list[Problem]]:
    """Typed values of one row (every column of the register, None where empty or bad) and its
    problems as (column key, code, params), in the register's column order.

    A column that is not on the sheet is None without a problem: the missing column is one
    finding of its own (``column_missing``), not one per row."""
    typed: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, parse, required in _fields(register, lang):
        value = raw.get(key)
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
