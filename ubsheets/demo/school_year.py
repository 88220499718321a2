"""The 2020-2021 academic year of every demo school: its breaks, school days and months, and the
demo's "today" (``TODAY``): what lies before it was held, what lies after it is planned."""

from __future__ import annotations

import bisect
from datetime import date, timedelta

from ubsheets.demo.words import KyRu

YEAR_START, YEAR_END = date(2020, 9, 1), date(2021, 5, 25)
TODAY = date(2021, 3, 1)
HOLIDAYS: tuple[tuple[date, date, KyRu], ...] = (
    (date(2020, 11, 2), date(2020, 11, 8), ("күзгү каникул", "осенние каникулы")),
    (date(2020, 12, 30), date(2021, 1, 12), ("кышкы каникул", "зимние каникулы")),
    (date(2021, 3, 20), date(2021, 3, 28), ("жазгы каникул", "весенние каникулы")),
)
# Days off outside the breaks (23 February, 8 March, 5 May) stay free of lessons.
PUBLIC_HOLIDAYS = frozenset({date(2021, 2, 23), date(2021, 3, 8), date(2021, 5, 5)})
SCHOOL_MONTHS: tuple[str, ...] = ("09", "10", "11", "12", "01", "02", "03", "04", "05")


def _in_holidays(day: date) -> bool:
    return any(start <= day <= end for start, end, _ in HOLIDAYS)


_CALENDAR_DAYS = [YEAR_START + timedelta(days=n) for n in range((YEAR_END - YEAR_START).days + 1)]
WEEKDAYS: tuple[date, ...] = tuple(day for day in _CALENDAR_DAYS if day.weekday() < 5)
SCHOOL_DAYS: tuple[date, ...] = tuple(
    day for day in WEEKDAYS if not _in_holidays(day) and day not in PUBLIC_HOLIDAYS)


def half_months(until: date) -> list[list[date]]:
    """School days by reporting half-month (1-15, 16-end), up to ``until``."""
    halves: dict[tuple[int, int, bool], list[date]] = {}
    for day in SCHOOL_DAYS:
        if day < until:
            halves.setdefault((day.year, day.month, day.day > 15), []).append(day)
    return list(halves.values())


def near_school_day(day: date) -> date:
    """The school day nearest to ``day`` (the earlier one of two as near)."""
    after = bisect.bisect_left(SCHOOL_DAYS, day)
    near = SCHOOL_DAYS[max(0, after - 1):after + 1]
    return min(near, key=lambda d: (abs((d - day).days), d))
