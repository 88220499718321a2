"""The summary sheet: the members' qualification picture, open lessons, events, control,
documents and self-education, as the planning document's September–May grids."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable
from typing import Any

from ubsheets.core.context import Context
from ubsheets.core.facts import documents_present, dues, members, members_without_topic
from ubsheets.core.normalize import fold
from ubsheets.core.periods import Period, months_of_year
from ubsheets.core.sections import Document, Section
from ubsheets.i18n import t
from ubsheets.schema.choices import CATEGORIES, CONTROL_KINDS, EDUCATION, EVENT_KINDS, STATUSES
from ubsheets.schema.owned import SUMMARY_SHEET

EXPERIENCE_BANDS = ((0, 3), (4, 10), (11, 20), (21, None))  # "young", growing, experienced…


def summary(ctx: Context) -> Document:
    lang = ctx.lang
    start, end = ctx.calendar.year_bounds()
    months = months_of_year(start, end)
    sections = [
        qualification(ctx), hours(ctx), overdue_list(ctx),
        lessons_by_teacher(ctx), lessons_by_month(ctx, months), events_by_month(ctx, months),
        control_by_month(ctx, months), documents(ctx), self_education(ctx),
    ]
    settings = ctx.settings
    title = [t("summary_title", lang), *[str(v) for v in (settings.get("school"),
                                                          settings.get("association")) if v],
             t("period_year", lang, year=f"{start.year}/{end.year}")]
    return Document(key="summary", sheet=SUMMARY_SHEET.get(lang),
                    title=title, sections=sections, layout="grid",
                    counts={s.key: len(s.rows) for s in sections}, lang=lang)


def _members(ctx: Context) -> list[dict]:
    return [row.values for row in members(ctx)]


def qualification(ctx: Context) -> Section:
    lang, members = ctx.lang, _members(ctx)
    rows: list[list] = [[t("total_members", lang), len(members)]]
    education = Counter(m.get("education") for m in members)
    # «Билими: жогорку», not a bare «жогорку» beside «жогорку категория».
    rows += [[t("education_level", lang, level=c.label.get(lang)), education[c.code]]
             for c in EDUCATION.choices]
    for low, high in EXPERIENCE_BANDS:
        count = sum(1 for m in members if m.get("experience") is not None
                    and low <= m["experience"] and (high is None or m["experience"] <= high))
        label = t("experience_band", lang, low=low, high=high) if high is not None else \
            t("experience_band_open", lang, low=low)
        rows.append([label, count])
    categories = Counter(m.get("category") for m in members)
    rows += [[c.label.get(lang), categories[c.code]] for c in CATEGORIES.choices]
    return Section("qualification", t("section_qualification", lang),
                   [t("col_indicator", lang), t("col_count", lang)], rows)


def hours(ctx: Context) -> Section:
    lang = ctx.lang
    values = [m["weekly_hours"] for m in _members(ctx) if m.get("weekly_hours") is not None]
    rows = [[t("total", lang), sum(values)],
            [t("hours_average", lang), round(sum(values) / len(values), 1) if values else 0],
            [t("hours_min", lang), min(values, default=0)],
            [t("hours_max", lang), max(values, default=0)]]
    return Section("weekly_hours", t("section_hours", lang),  # an average is not a count
                   [t("col_indicator", lang), t("col_value", lang)], rows)


def overdue_list(ctx: Context) -> Section:
    """Who is due for courses or attestation, by name: the same rule as validation's."""
    lang = ctx.lang
    rows = [[due.name, t(f"due_{due.what}", lang), due.last or "—", due.due or "—"]
            for due in dues(ctx)]
    return Section("overdue", t("section_overdue", lang),
                   [t("col_name", lang), t("col_kind", lang), t("col_last", lang),
                    t("col_due", lang)], rows, empty=t("nobody_overdue", lang))


def lessons_by_teacher(ctx: Context) -> Section:
    lang = ctx.lang
    counts: dict[str, Counter] = {}
    for row in ctx.rows("open_lessons"):
        name = row.values.get("teacher")
        if name:
            counts.setdefault(name, Counter())[row.values.get("status")] += 1
    codes = [c.code for c in STATUSES.choices]
    rows: list[list[Any]] = [[name, *(c[code] for code in codes), sum(c.values())]
                             for name, c in sorted(counts.items(), key=lambda item: fold(item[0]))]
    rows.append([t("total", lang), *(sum(r[i + 1] for r in rows) for i in range(len(codes))),
                 sum(r[-1] for r in rows)])
    return Section("open_lessons_by_teacher", t("section_lessons_by_teacher", lang),
                   [t("col_teacher", lang), *STATUSES.labels(lang), t("total", lang)], rows,
                   total=True)


def _month_grid(ctx: Context, key: str, day_of: Callable[[dict], dt.date | None],
                months: list[Period], category: str, labels: list[tuple[str, str]],
                first_header: str = "col_kind", total_row: bool = True
                ) -> tuple[list[str], list[list]]:
    """Rows per category, a column per month and a total, as the planning document's grid."""
    grid: dict[str, Counter] = {code: Counter() for code, _ in labels}
    for row in ctx.rows(key):
        day, code = day_of(row.values), row.values.get(category)
        if code in grid and day:
            for index, month in enumerate(months):
                if day in month:
                    grid[code][index] += 1
    rows: list[list[Any]] = [[label, *(grid[code][i] for i in range(len(months))),
                              sum(grid[code].values())]
                             for code, label in labels]
    if total_row:
        rows.append([t("total", ctx.lang), *(sum(r[i + 1] for r in rows)
                                             for i in range(len(months))),
                     sum(r[-1] for r in rows)])
    header = [t(first_header, ctx.lang), *(t(f"month_{m.start.month:02d}", ctx.lang)
                                           for m in months), t("total", ctx.lang)]
    return header, rows


def _dated(values: dict) -> dt.date | None:
    return values.get("date")


def lessons_by_month(ctx: Context, months: list[Period]) -> Section:
    labels = [(c.code, c.label.get(ctx.lang)) for c in STATUSES.choices]
    header, rows = _month_grid(ctx, "open_lessons", _dated, months, "status", labels,
                               first_header="col_status", total_row=False)
    return Section("open_lessons_by_month", t("section_lessons_by_month", ctx.lang), header,
                   rows, chart="column")


def events_by_month(ctx: Context, months: list[Period]) -> Section:
    """An event planned for a month without a day yet still counts in its month."""
    first_day = {f"{m.start.month:02d}": m.start for m in months}

    def day_of(values: dict) -> dt.date | None:
        month = values.get("month")
        return values.get("date") or (first_day.get(month) if month else None)

    labels = [(c.code, c.label.get(ctx.lang)) for c in EVENT_KINDS.choices]
    header, rows = _month_grid(ctx, "events", day_of, months, "kind", labels)
    return Section("events_by_month", t("section_events_by_month", ctx.lang), header, rows,
                   total=True, chart="column")


def control_by_month(ctx: Context, months: list[Period]) -> Section:
    labels = [(c.code, c.label.get(ctx.lang)) for c in CONTROL_KINDS.choices]
    header, rows = _month_grid(ctx, "control", _dated, months, "kind", labels)
    return Section("control_by_month", t("section_control_by_month", ctx.lang), header, rows,
                   total=True)


def documents(ctx: Context) -> Section:
    lang, rows = ctx.lang, ctx.rows("documents")
    present = documents_present(ctx)
    body = [[r.values.get("document"),
             t("doc_present" if r.values.get("present") == "present" else "doc_missing", lang)]
            for r in rows]
    return Section("documents", t("section_documents", lang, present=present, total=len(rows)),
                   [t("col_document", lang), t("col_present", lang)], body)


def self_education(ctx: Context) -> Section:
    lang, everyone = ctx.lang, members(ctx)
    missing = [row.values["name"] for row in members_without_topic(ctx)]
    rows = [[t("self_education_covered", lang),
             f"{len(everyone) - len(missing)}/{len(everyone)}"]]
    rows += [[name, t("self_education_no_topic", lang)] for name in missing]
    return Section("self_education", t("section_self_education", lang),
                   [t("col_indicator", lang), t("col_count", lang)], rows)
