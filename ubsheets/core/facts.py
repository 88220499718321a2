"""Facts about the association that validation, the summary and the reports share, so that
all three always agree (who is due for courses, who has no self-education topic...)."""

from __future__ import annotations

from dataclasses import dataclass

from ubsheets.core.context import Context
from ubsheets.core.normalize import fold
from ubsheets.core.tables import Row


def members(ctx: Context) -> list[Row]:
    return [row for row in ctx.rows("members") if row.values.get("name")]


def members_without_topic(ctx: Context) -> list[Row]:
    """Members with no self-education topic (names compared as ``fold`` compares them)."""
    with_topic = {fold(row.values.get("name")) for row in ctx.rows("self_education")
                  if row.values.get("topic")}
    return [row for row in members(ctx) if fold(row.values["name"]) not in with_topic]


def documents_present(ctx: Context) -> int:
    return sum(row.values.get("present") == "present" for row in ctx.rows("documents"))


@dataclass(frozen=True)
class Due:
    """A member due for courses ("course") or attestation ("attestation")."""

    name: str
    line: int
    what: str
    last: int | None  # the year of the last one; None: none on record
    due: int | None


def courses_done(ctx: Context) -> dict[str, int]:
    """The year of each member's latest course in the courses register, by folded name."""
    done_in_courses: dict[str, int] = {}
    for row in ctx.rows("courses"):
        name, done = row.values.get("teacher"), row.values.get("done")
        if name and done:
            done_in_courses[fold(name)] = max(done.year, done_in_courses.get(fold(name), 0))
    return done_in_courses


def dues(ctx: Context) -> list[Due]:
    """Courses and attestation are due every N years (settings); a course already planned in
    this academic year counts as taken care of. The summary lists the same people."""
    done_in_courses = courses_done(ctx)
    planned: set[str] = set()
    for row in ctx.rows("courses"):
        name, done, when = row.values.get("teacher"), row.values.get("done"), \
            row.values.get("planned")
        if name and not done and when and ctx.calendar.in_year(when):
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
