"""The members' qualification: experience, hours, the head's rule 1.1, courses, attestation,
self-education."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ubsheets.core.context import Context
from ubsheets.core.findings import Finding
from ubsheets.core.normalize import fold
from ubsheets.i18n import t

HEAD_MIN_EXPERIENCE = 5  # rule 1.1 of the planning document
YOUNG_TEACHER_MAX_EXPERIENCE = 3  # "жаш адис": the first three years of work
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


@dataclass(frozen=True)
class Due:
    """A member due for courses ("course") or attestation ("attestation")."""

    name: str
    line: int
    what: str
    last: int | None  # the year of the last one; None: none on record
    due: int | None


def dues(ctx: Context) -> list[Due]:
    """Courses and attestation are due every N years (settings); a course already planned in
    this academic year counts as taken care of. The summary lists the same people."""
    done_in_courses: dict[str, int] = {}
    planned: set[str] = set()
    for row in ctx.rows("courses"):
        name, done, when = row.values.get("teacher"), row.values.get("done"), \
            row.values.get("planned")
        if not name:
            continue
        if done:
            done_in_courses[fold(name)] = max(done.year, done_in_courses.get(fold(name), 0))
        elif when and ctx.calendar.in_year(when):
            planned.add(fold(name))
    course_period, attestation_period = ctx.settings.period("course_period"), \
        ctx.settings.period("attestation_period")
    found = []
    for row in ctx.rows("members"):
        v = row.values
        if not v.get("name"):
            continue
        key = fold(v["name"])
        years = [y for y in (v.get("last_course_year"), done_in_courses.get(key)) if y]
        if key not in planned:
            if not years and v.get("role") != "young":
                found.append(Due(v["name"], row.line, "course", None, None))
            elif years and max(years) + course_period <= ctx.year_end:
                found.append(Due(v["name"], row.line, "course", max(years),
                                 max(years) + course_period))
        attested = v.get("attestation_year")
        if attested and attested + attestation_period <= ctx.year_end:
            found.append(Due(v["name"], row.line, "attestation", attested,
                             attested + attestation_period))
    return found


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
    with_topic = {fold(row.values.get("name")) for row in ctx.rows("self_education")
                  if row.values.get("topic")}
    for row in ctx.rows("members"):
        name = row.values.get("name")
        if name and fold(name) not in with_topic:
            yield ctx.finding("no_self_education_topic", "members", row.line, "name", name)


RULES = (experience, head, overdue, self_education)
