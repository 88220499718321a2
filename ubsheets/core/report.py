"""The head's report for a period, laid out as the planning document's form, and the annual one.

The form (УБНЫН ЖЕТЕКЧИСИНИН ОТЧЕТУ): № | Усулдук иштин темасы | Өтүлгөн күн, убакыт | Жооптуу
мугалим | Катышкандар | Эскертүү, from the activity log; then what else happened in the period.
Every header comes from the register definitions.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable
from typing import Any

from ubsheets.core.context import Context
from ubsheets.core.facts import documents_present, members, members_without_topic
from ubsheets.core.periods import Period
from ubsheets.core.sections import Document, Section
from ubsheets.core.tables import Row
from ubsheets.i18n import t
from ubsheets.schema import register
from ubsheets.schema.owned import REPORT_SHEET_PREFIX


def report_sheet_name(period: Period, lang: str) -> str:
    return f"{REPORT_SHEET_PREFIX.get(lang)} {period.code}"


def head_report(ctx: Context, period: Period) -> Document:
    lang = ctx.lang
    sections = [activity_section(ctx, period)]
    if period.kind == "year":
        sections.insert(0, totals_section(ctx, period))
    sections += [
        _listing(ctx, period, "open_lessons", "date", ("topic", "date", "teacher", "subject",
                                                       "class"), only="held"),
        _listing(ctx, period, "events", "date", ("title", "date", "responsible", "kind", "note"),
                 only="held"),
        _listing(ctx, period, "control", "date", ("checked", "date", "teacher", "kind",
                                                  "findings")),
        _listing(ctx, period, "courses", "done", ("course", "done", "teacher", "provider",
                                                  "hours"), only="done"),
    ]
    settings = ctx.settings
    title = [t("report_title" if period.kind != "year" else "annual_title", lang,
               year=_school_year(ctx)),
             *_nonempty(settings.get("school"), settings.get("association")),
             t(f"period_{period.kind}", lang, start=f"{period.start:%d.%m.%Y}",
               end=f"{period.end:%d.%m.%Y}", year=_school_year(ctx), month_year=period.start.year,
               month_name=t(f"month_name_{period.start.month:02d}", lang))]
    return Document(
        key=f"report-{period.code}", sheet=report_sheet_name(period, lang), title=title,
        sections=sections,
        signatures=[t("signature_head", lang, name=settings.get("head") or ""),
                    t("signature_deputy", lang, name=settings.get("deputy") or "",
                      role=settings.get("deputy_role"))],
        notes=[t("report_note", lang, role=settings.get("deputy_role"))]
        if period.kind != "year" else [],
        counts={s.key: len(s.rows) for s in sections if s.key != "totals"}, lang=lang)


def activity_section(ctx: Context, period: Period) -> Section:
    log = register("activity_log")
    header = [_header(log, "no", ctx.lang), _header(log, "topic", ctx.lang),
              f"{_header(log, 'date', ctx.lang)}, {_header(log, 'time', ctx.lang).lower()}",
              _header(log, "responsible", ctx.lang), _header(log, "participants", ctx.lang),
              _header(log, "note", ctx.lang)]
    rows = sorted(_in_period(ctx.rows("activity_log"), "date", period),
                  key=lambda r: (r.values["date"], r.values.get("time") or dt.time()))
    body = [[number, r.values.get("topic"), _when(r.values["date"], r.values.get("time")),
             r.values.get("responsible"), r.values.get("participants"), r.values.get("note")]
            for number, r in enumerate(rows, start=1)]
    return Section("activity_log", t("section_activity_log", ctx.lang), header, body,
                   empty=t("nothing_in_period", ctx.lang))


def totals_section(ctx: Context, period: Period) -> Section:
    lessons = list(_in_period(ctx.rows("open_lessons"), "date", period))
    everyone = members(ctx)
    counted: list[tuple[str, Any]] = [
        ("total_members", len(everyone)),
        ("total_open_lessons_planned", len(lessons)),
        ("total_open_lessons_held", sum(r.values.get("status") == "held" for r in lessons)),
        ("total_events_held", sum(r.values.get("status") == "held"
                                  for r in _in_period(ctx.rows("events"), "date", period))),
        ("total_activities", len(list(_in_period(ctx.rows("activity_log"), "date", period)))),
        ("total_control", len(list(_in_period(ctx.rows("control"), "date", period)))),
        ("total_courses_done", len(list(_in_period(ctx.rows("courses"), "done", period)))),
        ("total_meetings", len(list(_in_period(ctx.rows("meetings"), "date", period)))),
        ("total_documents", f"{documents_present(ctx)}/{len(ctx.rows('documents'))}"),
        ("total_self_education",
         f"{len(everyone) - len(members_without_topic(ctx))}/{len(everyone)}"),
    ]
    # The labels get a column of their own, as wide as the form's topic column.
    return Section("totals", t("section_totals", ctx.lang),
                   ["№", t("col_indicator", ctx.lang), t("col_count", ctx.lang)],
                   [[number, t(key, ctx.lang), value]
                    for number, (key, value) in enumerate(counted, start=1)])


def _listing(ctx: Context, period: Period, key: str, date_key: str, fields: Iterable[str],
             only: str | None = None) -> Section:
    """A register's rows of the period under the register's title from the planning document;
    ``only="held"`` keeps the held ones, ``only="done"`` says the dated ones are completed."""
    reg = register(key)
    fields = list(fields)
    rows = [r for r in _in_period(ctx.rows(key), date_key, period)
            if only != "held" or r.values.get("status") == "held"]
    rows.sort(key=lambda r: r.values[date_key])
    show = _shower(ctx, reg)
    body = [[number, *(show(f, r.values.get(f)) for f in fields)]
            for number, r in enumerate(rows, start=1)]
    # A list of what was held is dated "held on", whatever the register's planning header says.
    header = ["№", *(t("col_held_on", ctx.lang) if f == date_key and only == "held"
                     else _header(reg, f, ctx.lang) for f in fields)]
    title = reg.title.get(ctx.lang)
    if only is not None:
        title = t("title_of_some", ctx.lang, title=title, which=t(f"only_{only}", ctx.lang))
    return Section(key, title, header, body, empty=t("nothing_in_period", ctx.lang))


def _shower(ctx: Context, reg) -> Callable[[str, Any], Any]:
    """Values as printed: dropdown codes as their labels in the workbook's language."""
    def show(field: str, value: Any) -> Any:
        choices = reg.column(field).choices
        return value if choices is None else choices.label_or_value(value, ctx.lang)
    return show


def _in_period(rows: list[Row], key: str, period: Period) -> Iterable[Row]:
    return (r for r in rows if r.values.get(key) in period)


@functools.lru_cache(maxsize=4096)
def _when(day: dt.date, time: dt.time | None) -> str:
    """"03.09.2020 14:00". Remembered: a year's log has a few thousand distinct days and times
    among its 100,000 rows, each printed twice (in its month's report and the year's); formatting
    each anew was most of the time the reports took to assemble, and one text is kept, not 200,000."""
    return f"{day:%d.%m.%Y} {time:%H:%M}" if time else f"{day:%d.%m.%Y}"


def _header(reg, key: str, lang: str) -> str:
    return reg.column(key).header.get(lang)


def _school_year(ctx: Context) -> str:
    start, end = ctx.calendar.start, ctx.calendar.end
    return f"{start.year}/{end.year}" if start and end else ""


def _nonempty(*values: Any) -> list[str]:
    return [str(v) for v in values if v]
