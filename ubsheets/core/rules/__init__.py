"""Checks across rows and registers. Each rule takes the typed ``Context`` and yields findings."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ubsheets.core.context import Context
from ubsheets.core.findings import Finding
from ubsheets.core.rules import calendar, integrity, people

Rule = Callable[[Context], Iterable[Finding]]

RULES: tuple[Rule, ...] = (
    *integrity.RULES,
    *people.RULES,
    *calendar.RULES,
)
