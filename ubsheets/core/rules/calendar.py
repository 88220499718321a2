"""Dates against the academic year and its holidays (both settings, never hard-coded)."""

from __future__ import annotations

from collections.abc import Iterator

from ubsheets.core.context import Context
from ubsheets.core.findings import Finding

# Dates that must fall inside the academic year.
IN_YEAR: dict[str, tuple[str, ...]] = {
    "open_lessons": ("date",),
    "events": ("date",),
    "activity_log": ("date",),
    "control": ("date",),
    "meetings": ("date",),
    "subject_weeks": ("start", "end"),
    "inspections": ("date",),
}
# Dates that need pupils in school: not in the holidays. (Seminars and courses often are.)
SCHOOL_DAYS: dict[str, tuple[str, ...]] = {
    "open_lessons": ("date",),
    "control": ("date",),
    "subject_weeks": ("start",),
}
# Date pairs that must not run backwards.
SPANS: dict[str, tuple[str, str]] = {"subject_weeks": ("start", "end"), "holidays": ("start", "end")}


def academic_year(ctx: Context) -> Iterator[Finding]:
    start, end = ctx.calendar.start, ctx.calendar.end
    problem = ctx.calendar.problem()
    if problem in ("year_end_before_start", "year_too_long"):
        line = ctx.settings.lines.get("year_end", ctx.tables["settings"].header_line)
        yield ctx.finding(problem, "settings", line, "value", end)
    if problem is not None:
        return  # a missing year is reported with the settings; dates cannot be placed
    for key, columns in IN_YEAR.items():
        for row in ctx.rows(key):
            for column in columns:
                day = row.values.get(column)
                if day and not ctx.calendar.in_year(day):
                    yield ctx.finding("date_outside_year", key, row.line, column, day,
                                      start=f"{start:%d.%m.%Y}", end=f"{end:%d.%m.%Y}")


def holidays(ctx: Context) -> Iterator[Finding]:
    for key, columns in SCHOOL_DAYS.items():
        for row in ctx.rows(key):
            for column in columns:
                day = row.values.get(column)
                holiday = day and ctx.calendar.holiday(day)
                if holiday:
                    yield ctx.finding("date_in_holiday", key, row.line, column, day,
                                      holiday=holiday)


def spans(ctx: Context) -> Iterator[Finding]:
    for key, (first, last) in SPANS.items():
        for row in ctx.rows(key):
            start, end = row.values.get(first), row.values.get(last)
            if start and end and end < start:
                yield ctx.finding("end_before_start", key, row.line, last, end,
                                  start=f"{start:%d.%m.%Y}")


def months(ctx: Context) -> Iterator[Finding]:
    for row in ctx.rows("events"):
        day, month = row.values.get("date"), row.values.get("month")
        if day and month and f"{day.month:02d}" != month:
            yield ctx.finding("month_mismatch", "events", row.line, "month", month,
                              date=f"{day:%d.%m.%Y}")


RULES = (academic_year, holidays, spans, months)
