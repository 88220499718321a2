"""Names that must exist, rows that must not repeat, documents that must be there."""

from __future__ import annotations

from collections.abc import Iterator

from ubsheets.core.context import Context
from ubsheets.core.findings import Finding
from ubsheets.core.normalize import fold, has_mixed_script
from ubsheets.i18n import t
from ubsheets.schema import REGISTERS, Kind


def unknown_teachers(ctx: Context) -> Iterator[Finding]:
    """Every teacher named in a register is a member (as typed on the members sheet)."""
    names = {row.values["name"] for row in ctx.rows("members") if row.values.get("name")}
    folded = {fold(name): name for name in names}
    for register in REGISTERS:
        for column in register.columns:
            if column.kind is not Kind.TEACHER:
                continue
            for row in ctx.rows(register.key):
                name = row.values.get(column.key)
                if name and name not in names:
                    close = folded.get(fold(name))
                    hint = t("did_you_mean", ctx.lang, name=close) if close else ""
                    yield ctx.finding("unknown_teacher", register.key, row.line, column.key,
                                      name, hint=hint)


def duplicate_members(ctx: Context) -> Iterator[Finding]:
    seen: dict[str, int] = {}
    for row in ctx.rows("members"):
        name = row.values.get("name")
        if not name:
            continue
        if fold(name) in seen:
            yield ctx.finding("duplicate_member", "members", row.line, "name", name,
                              first=seen[fold(name)])
        else:
            seen[fold(name)] = row.line


def duplicate_rows(ctx: Context) -> Iterator[Finding]:
    """The same row typed twice (its № aside) in one register."""
    for register in REGISTERS:
        if register.key == "members":
            continue  # a repeated member is an error of its own (duplicate_member)
        keys = [c.key for c in register.columns if c.key != "no"]
        seen: dict[tuple, int] = {}
        for row in ctx.rows(register.key):
            signature = tuple(row.values.get(k) for k in keys)
            if signature in seen:
                yield ctx.finding("duplicate_row", register.key, row.line, keys[0],
                                  row.values.get(keys[0]), first=seen[signature])
            else:
                seen[signature] = row.line


def mixed_script_names(ctx: Context) -> Iterator[Finding]:
    """A member's name with a Latin letter inside will not match the same name typed right."""
    for row in ctx.rows("members"):
        name = row.values.get("name")
        if name and has_mixed_script(name):
            yield ctx.finding("mixed_script", "members", row.line, "name", name)


def missing_documents(ctx: Context) -> Iterator[Finding]:
    for row in ctx.rows("documents"):
        if row.values.get("present") == "missing":
            yield ctx.finding("document_missing", "documents", row.line, "present",
                              row.values.get("document"), document=row.values.get("document"))


def mentors(ctx: Context) -> Iterator[Finding]:
    for row in ctx.rows("mentoring"):
        young, mentor = row.values.get("young_teacher"), row.values.get("mentor")
        if young and mentor and fold(young) == fold(mentor):
            yield ctx.finding("mentor_is_young_teacher", "mentoring", row.line, "mentor", mentor)


RULES = (unknown_teachers, duplicate_members, duplicate_rows, mixed_script_names,
         missing_documents, mentors)
