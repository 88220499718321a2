"""Where a report sheet stands among the others: in the order of its period, as a head of an
association files them: by the period's start, a month before its halves, the year after its months.

The key is read from the sheet's name alone ("Отчет 2020-10-1", "Отчёт 2020-10", "Report
2020-2021"), in any of our languages, so sheets written in another language, or by an earlier
version, still find their place.
"""

from __future__ import annotations

import datetime as dt

from ubsheets.core.periods import period_of_code
from ubsheets.schema.owned import REPORT_SHEET_PREFIX

_PREFIXES = frozenset(prefix.casefold() for prefix in REPORT_SHEET_PREFIX.all())
# A month and its first half start on the same day: the month's report comes first.
_RANK = {"month": 0, "half": 1, "year": 2}


def report_sheet_order(name: str) -> tuple[dt.date, int] | None:
    """The sort key of a report sheet's name; None for any other sheet (the prefix ignores case,
    the period code must be exactly ``Period.code``). The year sorts by its end, after each of
    its months and halves."""
    prefix, space, code = name.partition(" ")
    if not space or prefix.casefold() not in _PREFIXES:
        return None
    period = period_of_code(code)
    if period is None:
        return None
    return (period.end if period.kind == "year" else period.start, _RANK[period.kind])
