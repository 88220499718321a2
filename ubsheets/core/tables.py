"""The tables that flow between the adapters (workbook files, live Excel) and the core.

Data flows one way: workbook → adapter → ``Book`` of raw tables → core (validate, summarize,
report) → tables of output → adapter → workbook. Nothing here touches a file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ubsheets.core.a1 import col_letter
from ubsheets.core.findings import Finding, make_finding
from ubsheets.schema import Register


@dataclass
class Row:
    line: int  # the row number in Excel
    values: dict[str, Any]  # by column key; raw as read, or typed after validation


@dataclass
class Table:
    register: Register
    sheet: str  # the sheet's name as it is in the workbook
    header_line: int
    columns: dict[str, int]  # column key -> Excel column number (1 = A), for found columns
    headers: dict[str, str] = field(default_factory=dict)  # column key -> header as typed
    rows: list[Row] = field(default_factory=list)

    def finding(self, lang: str, code: str, key: str, line: int, value: object = None,
                **params: object) -> Finding:
        """A finding at this table's cell of column ``key`` in row ``line``, under the column's
        header as the user typed it (or ours, in ``lang``, when the column is gone)."""
        header = self.headers.get(key) or self.register.column(key).header.get(lang)
        return make_finding(lang, code, sheet=self.sheet, cell=self.cell(key, line), row=line,
                            column=header, value=value, **params)

    def cell(self, key: str, line: int) -> str:
        """The A1 address of a column's cell (the header's neighbour when the column is gone)."""
        number = self.columns.get(key, self.register.first_col)
        return f"{col_letter(number)}{line}"


@dataclass
class Book:
    """A workbook as the core sees it: its language and its tables."""

    name: str
    lang: str
    template_version: str | None
    tables: dict[str, Table]
    findings: list[Finding] = field(default_factory=list)  # the reader's: values outside tables

    def rows(self, key: str) -> list[Row]:
        table = self.tables.get(key)
        return table.rows if table else []


MAX_YEAR_DAYS = 366


@dataclass
class Calendar:
    """The academic year and its holidays, from the settings sheet."""

    start: dt.date | None
    end: dt.date | None
    holidays: list[tuple[dt.date, dt.date, str]]

    def problem(self) -> str | None:
        """Why the academic year cannot frame reports: a finding code, or None when it can."""
        if self.start is None or self.end is None:
            return "setting_required"
        if self.end <= self.start:
            return "year_end_before_start"
        if (self.end - self.start).days > MAX_YEAR_DAYS:
            return "year_too_long"  # e.g. 25.05.2201 typed for 25.05.2021
        return None

    def year_bounds(self) -> tuple[dt.date, dt.date]:
        """The academic year's first and last day, for what only a sound calendar can frame
        (summaries, reports): callers check ``problem()`` first and tell the user."""
        problem = self.problem()
        if problem is not None or self.start is None or self.end is None:
            raise ValueError(f"the academic year cannot frame reports: {problem}")
        return self.start, self.end

    def in_year(self, day: dt.date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def holiday(self, day: dt.date) -> str | None:
        for start, end, name in self.holidays:
            if start <= day <= end:
                return name or f"{start:%d.%m}–{end:%d.%m}"
        return None
