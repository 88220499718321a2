"""Reporting periods: a half-month (days 1–15, 16 to the end), a month, the academic year."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from ubsheets.core.context import Context
from ubsheets.errors import UsageError

PeriodKind = Literal["half", "month", "year"]


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    start: dt.date
    end: dt.date
    code: str  # "2020-10-1", "2020-10", "2020-2021": also the end of the sheet's name

    def __contains__(self, day: object) -> bool:
        return isinstance(day, dt.date) and self.start <= day <= self.end


def half_month(text: str) -> Period:
    period = _half_month(text.strip())
    if period is None:
        raise UsageError("bad_half", value=text)
    return period


def _half_month(text: str) -> Period | None:
    match = re.fullmatch(r"((?:19|20)\d\d)-(\d{1,2})-([12])", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    year, month, half = (int(g) for g in match.groups())
    last = calendar.monthrange(year, month)[1]
    start, end = (dt.date(year, month, 1), dt.date(year, month, 15)) if half == 1 else \
        (dt.date(year, month, 16), dt.date(year, month, last))
    return Period("half", start, end, f"{year}-{month:02d}-{half}")


def month(text: str) -> Period:
    period = _month(text.strip())
    if period is None:
        raise UsageError("bad_month", value=text)
    return period


def _month(text: str) -> Period | None:
    match = re.fullmatch(r"((?:19|20)\d\d)-(\d{1,2})", text)
    if not match or not 1 <= int(match.group(2)) <= 12:
        return None
    return month_of(int(match.group(1)), int(match.group(2)))


def month_of(year: int, number: int) -> Period:
    last = calendar.monthrange(year, number)[1]
    return Period("month", dt.date(year, number, 1), dt.date(year, number, last),
                  f"{year}-{number:02d}")


def academic_year(start: dt.date, end: dt.date) -> Period:
    return Period("year", start, end, f"{start.year}-{end.year}")


def period_of_code(code: str) -> Period | None:
    """The period whose ``code`` is exactly ``code`` (as a report sheet's name ends), or None.

    An academic year's code holds no days (they are settings of the book): it is taken as
    1 September to 31 August ("2020-2021"), or as the calendar year ("2021-2021", a year kept
    within one). That holds every month of a school year as schools keep it (September to May or
    June) and ends before the next one starts, which is all that ordering report sheets needs."""
    period = _half_month(code) or _month(code) or _year_of_code(code)
    return period if period is not None and period.code == code else None


def _year_of_code(code: str) -> Period | None:
    match = re.fullmatch(r"((?:19|20)\d\d)-((?:19|20)\d\d)", code)
    if not match:
        return None
    first, last = int(match.group(1)), int(match.group(2))
    if last == first + 1:
        return academic_year(dt.date(first, 9, 1), dt.date(last, 8, 31))
    if last == first:
        return academic_year(dt.date(first, 1, 1), dt.date(last, 12, 31))
    return None


def months_of_year(start: dt.date, end: dt.date) -> list[Period]:
    """Every calendar month the academic year touches, September to May (or June)."""
    months, year, number = [], start.year, start.month
    while (year, number) <= (end.year, end.month):
        months.append(month_of(year, number))
        year, number = (year + 1, 1) if number == 12 else (year, number + 1)
    return months


def chooser(half: str | None, month_text: str | None, year: bool, every: bool
            ) -> Callable[[Context], list[Period]]:
    """The periods asked for on the command line, as a function of the book's calendar (the
    academic year is only known once the workbook is read). Exactly one option is allowed."""
    given = [half is not None, month_text is not None, year, every]
    if sum(given) != 1:
        raise UsageError("choose_one_period")
    if half is not None:
        period = half_month(half)
        return lambda ctx: [period]
    if month_text is not None:
        period = month(month_text)
        return lambda ctx: [period]
    return _whole_year if year else _every_period


def _whole_year(ctx: Context) -> list[Period]:
    return [academic_year(*ctx.calendar.year_bounds())]


def _every_period(ctx: Context) -> list[Period]:
    start, end = ctx.calendar.year_bounds()
    return [*months_of_year(start, end), academic_year(start, end)]
