"""The figures of one association for the district's workbook, from its counted rows, and the
choice between two workbooks of the same school and association. Pure: no file is touched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ubsheets.core.context import Context
from ubsheets.core.facts import documents_present, dues, members, members_without_topic
from ubsheets.core.findings import Report
from ubsheets.core.normalize import fold
from ubsheets.core.periods import Period
from ubsheets.core.tables import Row

PERCENT = 100
SCHOOL_MONTHS = (9, 10, 11, 12, 1, 2, 3, 4, 5)  # September to May, as the plan's grid


@dataclass(frozen=True)
class Figures:
    """One association's figures, side by side in the district's Schools sheet."""

    members: int
    avg_experience: float | None  # years; None: no member with experience typed
    higher_share: float | None  # percent of members with higher education
    courses_due: int
    attestation_due: int
    open_lessons: int  # planned, held or moved
    open_lessons_held: int
    events: int
    events_held: int
    control: int
    documents: int  # of the 14 required
    self_education: int  # members with a self-education topic
    errors: int
    warnings: int
    # Held in each month of SCHOOL_MONTHS, the district's monthly view.
    lessons_by_month: tuple[int, ...] = ()
    events_by_month: tuple[int, ...] = ()


def figures(ctx: Context, report: Report, month: Period | None = None) -> Figures:
    """``ctx`` is the counted context (rows with errors left out, as the summary does); with
    ``month``, only the dated rows of that month count."""
    people = members(ctx)
    experience = [r.values["experience"] for r in people
                  if isinstance(r.values.get("experience"), int | float)]
    higher = sum(r.values.get("education") == "higher" for r in people)
    due = dues(ctx)
    lessons = _in_month(ctx.rows("open_lessons"), month)
    events = _in_month(ctx.rows("events"), month)
    return Figures(
        members=len(people),
        avg_experience=round(sum(experience) / len(experience), 1) if experience else None,
        higher_share=round(PERCENT * higher / len(people), 1) if people else None,
        courses_due=sum(d.what == "course" for d in due),
        attestation_due=sum(d.what == "attestation" for d in due),
        open_lessons=len(lessons), open_lessons_held=_held(lessons),
        events=len(events), events_held=_held(events),
        control=len(_in_month(ctx.rows("control"), month)),
        documents=documents_present(ctx),
        self_education=len(people) - len(members_without_topic(ctx)),
        errors=report.errors, warnings=report.warnings,
        lessons_by_month=_held_by_month(lessons, _day),
        events_by_month=_held_by_month(events, _event_day))


def _day(values: dict) -> dt.date | None:
    day = values.get("date")
    return day if isinstance(day, dt.date) else None


def _event_day(values: dict) -> int | dt.date | None:
    """An event planned for a month without a day yet still counts in its month, as in the
    summary's grid: its month's number."""
    month = values.get("month")
    return _day(values) or (int(month) if isinstance(month, str) and month.isdigit() else None)


def _held_by_month(rows: list[Row], day_of: Callable[[dict], int | dt.date | None]
                   ) -> tuple[int, ...]:
    months = [0] * len(SCHOOL_MONTHS)
    for row in rows:
        when = day_of(row.values)
        number = when.month if isinstance(when, dt.date) else when
        if row.values.get("status") == "held" and number in SCHOOL_MONTHS:
            months[SCHOOL_MONTHS.index(number)] += 1
    return tuple(months)


def _in_month(rows: list[Row], month: Period | None) -> list[Row]:
    if month is None:
        return rows
    return [r for r in rows if isinstance(r.values.get("date"), dt.date)
            and month.start <= r.values["date"] <= month.end]


def _held(rows: list[Row]) -> int:
    return sum(r.values.get("status") == "held" for r in rows)


def identity(ctx: Context) -> tuple[str, str]:
    """School and association as validation compares teacher names (case, spaces, lookalikes)."""
    return fold(ctx.settings.get("school") or ""), fold(ctx.settings.get("association") or "")


def newness(ctx: Context, modified: float) -> tuple[dt.date, float]:
    """Which of two workbooks of one association is newer: the academic year, then the file's
    modified time."""
    start = ctx.settings.get("year_start")
    return (start if isinstance(start, dt.date) else dt.date.min, modified)


def newness_unknown_year(modified: float) -> tuple[dt.date, float]:
    """The key of a school known only from a district's workbook, which does not hold the academic
    year: any school's own workbook with its year set is newer (it is the source, read now)."""
    return dt.date.min, modified
