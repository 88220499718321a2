"""The members' qualification: experience, hours, the head's rule 1.1, courses, attestation,
self-education."""

from __future__ import annotations

from collections.abc import Iterator

from ubsheets.core.context import Context
from ubsheets.core.facts import dues, members_without_topic
from ubsheets.core.findings import Finding
from ubsheets.core.normalize import fold
from ubsheets.i18n import t

HEAD_MIN_EXPERIENCE = 5  # rule 1.1 of the planning document
YOUNG_TEACHER_MAX_EXPERIENCE = 3  # "жаш мугалим": the first three years of work
HOURS_WARNING = 30  # above this a week's load is possible but worth a second look
# Some teachers start working in their last student years (common in village schools).
EXPERIENCE_BEFORE_GRADUATION = 2


def experience(ctx: Context) -> Iterator[Finding]:
    start_year = ctx.calendar.start.year if ctx.calendar.start else ctx.year_end - 1
    for row in ctx.rows("members"):
        v = row.values
        total, here, graduated = v.get("experience"), v.get("school_experience"), \
            v.get("graduation_year")
        if total is not None and here is not None and here > total:
            yield ctx.finding("school_experience_exceeds_total", "members", row.line,
                              "school_experience", here, total=total)
        if graduated is not None and graduated > start_year:
            yield ctx.finding("graduation_in_future", "members", row.line, "graduation_year",
                              graduated, year=start_year)
        elif graduated is not None and total is not None and \
                total > start_year - graduated + EXPERIENCE_BEFORE_GRADUATION:
            yield ctx.finding("experience_exceeds_graduation", "members", row.line, "experience",
                              total, graduated=graduated, possible=start_year - graduated)
        if v.get("role") == "young" and total is not None and \
                total > YOUNG_TEACHER_MAX_EXPERIENCE:
            yield ctx.finding("young_teacher_experienced", "members", row.line, "experience",
                              total, limit=YOUNG_TEACHER_MAX_EXPERIENCE)
        hours = v.get("weekly_hours")
        if hours is not None and hours > HOURS_WARNING:
            yield ctx.finding("hours_high", "members", row.line, "weekly_hours", hours,
                              limit=HOURS_WARNING)


def head(ctx: Context) -> Iterator[Finding]:
    members = ctx.rows("members")
    heads = [row for row in members if row.values.get("role") == "head"]
    if members and not heads:
        yield ctx.finding("head_missing", "members", ctx.tables["members"].header_line, "role")
    for row in heads:
        v = row.values
        if v.get("education") not in (None, "higher"):
            yield ctx.finding("head_not_qualified", "members", row.line, "education",
                              v.get("education"), need=_need(ctx, "education"))
        if v.get("experience") is not None and v["experience"] < HEAD_MIN_EXPERIENCE:
            yield ctx.finding("head_not_qualified", "members", row.line, "experience",
                              v["experience"], need=_need(ctx, "experience"))
    named = ctx.settings.get("head")
    names = {fold(row.values.get("name")) for row in members}
    if named and fold(named) not in names:
        table = ctx.tables["settings"]
        line = ctx.settings.lines.get("head", table.header_line)
        yield ctx.finding("head_not_member", "settings", line, "value", named)


def _need(ctx: Context, what: str) -> str:
    return t(f"head_rule_{what}", ctx.lang, years=HEAD_MIN_EXPERIENCE)


def overdue(ctx: Context) -> Iterator[Finding]:
    for due in dues(ctx):
        if due.what == "attestation":
            yield ctx.finding("attestation_overdue", "members", due.line, "attestation_year",
                              due.last, name=due.name, due=due.due)
        elif due.last is None:
            yield ctx.finding("course_never", "members", due.line, "last_course_year",
                              name=due.name)
        else:
            yield ctx.finding("course_overdue", "members", due.line, "last_course_year",
                              due.last, name=due.name, due=due.due)


def self_education(ctx: Context) -> Iterator[Finding]:
    for row in members_without_topic(ctx):
        yield ctx.finding("no_self_education_topic", "members", row.line, "name",
                          row.values["name"])


RULES = (experience, head, overdue, self_education)
