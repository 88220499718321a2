"""What the checks across registers see: typed tables, the settings, the calendar, and one way
to make a finding that points at a cell."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ubsheets.core.findings import Finding
from ubsheets.core.tables import Calendar, Row, Table
from ubsheets.schema.settings import setting


@dataclass
class Settings:
    values: dict[str, Any] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)  # setting key -> Excel row of its value

    def get(self, key: str) -> Any:
        return self.values.get(key)

    def period(self, key: str) -> int:
        """A period in years; a zero or negative one typed by mistake counts as the default."""
        value = self.values.get(key)
        if isinstance(value, int) and value > 0:
            return value
        default = setting(key).default
        if not isinstance(default, int):
            raise TypeError(f"setting {key!r} is not a period: its default is {default!r}")
        return default


@dataclass
class Context:
    lang: str
    tables: dict[str, Table]  # rows hold typed values
    settings: Settings
    calendar: Calendar

    def rows(self, key: str) -> list[Row]:
        return self.tables[key].rows

    def finding(self, code: str, register: str, line: int, column: str, value: object = None,
                **params: object) -> Finding:
        choices = self.tables[register].register.column(column).choices
        if choices is not None:
            value = choices.label_or_value(value, self.lang)  # "жогорку", not "higher"
        return self.tables[register].finding(self.lang, code, column, line, value, **params)

    @property
    def year_end(self) -> int:
        """The calendar year in which the academic year ends; when the settings' end cannot be
        trusted (missing, before the start, a typo years ahead), the year after the start."""
        start, end = self.calendar.start, self.calendar.end
        if end is not None and (start is None or self.calendar.problem() is None):
            return end.year
        return start.year + 1 if start else dt.date.today().year
