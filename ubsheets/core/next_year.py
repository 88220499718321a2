"""The next academic year's master from last year's workbook (``ubsheets new NEW --from OLD``).

A pure function on the old workbook's tables, typed (``validate.typed_context``) and as read:
what the new master holds (settings and rows, as ``template.build_workbook`` takes them) and
what was carried, for the command's message. A value that did not type (a mistake in the old
workbook) is carried as it was typed, so nothing the user typed into a carried row is lost and
the mistake shows again where it was.

A new year starts from the people and what they keep doing from one year to the next:
- members: every row; experience and years at this school grow by the years between the two
  academic years; a young teacher whose three years are done becomes a member; the year of the
  last course is the later of the members sheet's and the courses register's (a course finished
  last year and typed only in the register must not fall due again, since that register starts
  empty); attestation years as they were: dues are then computed as for any workbook;
- self-education: the topics, as this year's plan (teachers work on one for several years), the
  report's form and where and when cleared;
- mentoring: the pairs whose young teacher is still young;
- clubs.
A carried row naming someone who is not a member is not carried: the people are the members
(the message lists each, by the old workbook's sheet and row). An experience that is not a number
is carried as typed, not grown (listed by its old cell). Every other register is the old year's
record (each has a date column, which a test checks) and starts as in a new master: empty, or
from its prefill (the 14 documents, all missing); the courses register's courses not finished
are counted, for the user to type again. Which people left the school can't be known from the
workbook: the user deletes them.

Settings: every setting is carried but the year's own, which the new master sets (the year's
start and end; see ``NEW_YEAR_SETTINGS``); a setting that holds its default stays the default,
in the new workbook's language.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from ubsheets.core.cells import is_empty
from ubsheets.core.context import Context
from ubsheets.core.facts import courses_done
from ubsheets.core.findings import FaultyValue
from ubsheets.core.normalize import fold
from ubsheets.core.rules.people import YOUNG_TEACHER_MAX_EXPERIENCE
from ubsheets.core.tables import Book
from ubsheets.schema import REGISTERS, SETTINGS, Kind, register

# The registers carried into the new year, each with the columns that belong to the old year and
# start empty. Mentoring's "since" is kept: it says when the pair began, which stays true (and it
# is required: an empty one would be an error in the new workbook).
CARRIED: dict[str, tuple[str, ...]] = {
    "members": (),
    "self_education": ("form", "where_when", "date"),
    "mentoring": (),
    "clubs": (),
}
# Settings that belong to one academic year: the new master's own, never carried. The
# methodological theme is "the association's theme for the year" (its help on the settings
# sheet): left for the user to write, the command says so, and validation warns while it is
# empty.
NEW_YEAR_SETTINGS = ("year_start", "year_end", "theme")
# A young teacher is one in the first three years of work (``rules.people``). Experience counts
# whole years at the start of the academic year (a demo school's mentoring began on 1 September
# of the year minus the young teacher's experience): one with 2 years is in the third, and starts
# the next year with 3, the three years done: a member. Not the mentoring's "since": a pair may
# begin after the first year, or a mentor change.
YOUNG_TEACHER_YEARS = YOUNG_TEACHER_MAX_EXPERIENCE
GROWING = ("experience", "school_experience")  # whole years: one more each year

Rows = dict[str, list[dict[str, Any]]]


@dataclass(frozen=True)
class Dropped:
    """A carried register's row left out: it names someone not on the members sheet."""

    sheet: str  # as named in the old workbook
    line: int  # the row in the old workbook
    names: tuple[str, ...]  # the names that are not members'


@dataclass(frozen=True)
class Carried:
    """What the new year got from the old one, for the command's message."""

    years: int  # between the two academic years' starts (1: the next year)
    members: int  # members (rows with a name) carried
    promoted: tuple[str, ...]  # young teachers who became members
    rows: dict[str, int] = field(default_factory=dict)  # other carried registers: rows carried
    # Pairs not carried: their young teacher became a member (a pair whose young teacher
    # was not one in the old workbook is the user's to judge: carried as it was).
    mentoring_ended: int = 0
    dropped: tuple[Dropped, ...] = ()  # rows naming someone not on the members sheet
    members_sheet: str = ""  # the old workbook's members sheet, as named there
    # Experience cells that are not a number (e.g. "11 жыл"): carried as typed, not grown; the
    # member's name and the old workbook's cell.
    not_grown: tuple[tuple[str, str], ...] = ()
    unfinished_courses: int = 0  # the courses register's rows with no completion date


@dataclass
class NextYear:
    settings: dict[str, Any]
    rows: Rows
    carried: Carried


def next_year(book: Book, ctx: Context, fresh: Mapping[str, Any]) -> NextYear:
    """The new year's settings and rows from ``book`` (typed as ``ctx``); ``fresh`` is a new
    master's settings for the new year, in its language: its start and end, the defaults."""
    start = ctx.calendar.start
    if start is None:
        raise ValueError("the old academic year has no start: the caller refuses such a book")
    years = fresh["year_start"].year - start.year
    settings = {**fresh, **_carried_settings(ctx, book.lang)}
    members, promoted, not_grown = _members(book, ctx, years)
    named = [row["name"] for row in members if row.get("name")]
    names, promoted_names = set(map(fold, named)), set(map(fold, promoted))
    rows: Rows = {reg.key: [] for reg in REGISTERS}  # a new master's: empty, or its prefill
    rows["holidays"] = []  # the new year's are not known: the user types them
    rows["members"] = members
    counts: dict[str, int] = {}
    dropped: list[Dropped] = []
    ended = 0
    for key in CARRIED:
        if key == "members":
            continue
        for line, values in _values(book, ctx, key):
            strangers = _not_members(key, values, names)
            if strangers:
                dropped.append(Dropped(_sheet(book, key), line, strangers))
            elif key == "mentoring" and fold(values.get("young_teacher")) in promoted_names:
                ended += 1
            else:
                rows[key].append(values)
        counts[key] = len(rows[key])
    carried = Carried(years, len(named), tuple(promoted), counts, ended, tuple(dropped),
                      _sheet(book, "members"), not_grown, _unfinished_courses(book))
    return NextYear(settings, rows, carried)


def _carried_settings(ctx: Context, old_lang: str) -> dict[str, Any]:
    """The old settings but the year's own; one that holds its default (in the old workbook's
    language) is left out, so the new master's default, in its own language, stands."""
    carried = {}
    for item in SETTINGS:
        value = ctx.settings.get(item.key)
        if item.key in NEW_YEAR_SETTINGS or value is None or value == item.default_in(old_lang):
            continue
        carried[item.key] = value
    return carried


def _members(book: Book, ctx: Context, years: int
             ) -> tuple[list[dict[str, Any]], list[str], tuple[tuple[str, str], ...]]:
    """Every member a year on (``years`` on); the young teachers whose three years are done;
    the experience cells that are not a number, so not grown (name, old cell)."""
    latest_course = courses_done(ctx)
    table = book.tables.get("members")
    rows, promoted, not_grown = [], [], []
    for line, values in _values(book, ctx, "members"):
        for key in GROWING:
            if isinstance(values.get(key), int):
                values[key] += years
            elif values.get(key) is not None and table is not None:
                not_grown.append((str(values.get("name") or ""), table.cell(key, line)))
        course = latest_course.get(fold(values.get("name")))
        last = values.get("last_course_year")
        if course is not None and (last is None or isinstance(last, int) and last < course):
            values["last_course_year"] = course
        experience = values.get("experience")
        if values.get("role") == "young" and isinstance(experience, int) \
                and experience >= YOUNG_TEACHER_YEARS:
            values["role"] = "member"
            promoted.append(values.get("name") or "")
        rows.append(values)
    return rows, promoted, tuple(not_grown)


def _values(book: Book, ctx: Context, key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each row of a carried register (with its row number in the old workbook), typed, with
    the old year's columns cleared; a value that did not type, as it was typed (an error value
    as its text)."""
    cleared = CARRIED[key]
    for raw, typed in zip(book.rows(key), ctx.rows(key), strict=True):
        values = {}
        for column in register(key).columns:
            value = typed.values.get(column.key)
            if value is None and not is_empty(raw.values.get(column.key)):
                value = raw.values[column.key]
                value = str(value) if isinstance(value, FaultyValue) else value
            values[column.key] = None if column.key in cleared else value
        if any(value is not None for value in values.values()):
            yield raw.line, values


def _not_members(key: str, values: Mapping[str, Any], names: set[str]) -> tuple[str, ...]:
    """The names in the row that are not members' (compared as validation's hint compares
    them); an empty name is carried as it is, the old mistake with it."""
    teachers = [column.key for column in register(key).columns if column.kind is Kind.TEACHER]
    return tuple(str(values[column]) for column in teachers
                 if values.get(column) and fold(values[column]) not in names)


def _sheet(book: Book, key: str) -> str:
    """A register's sheet as named in the old workbook (the schema's name in its language when
    the workbook lacks it)."""
    table = book.tables.get(key)
    return table.sheet if table is not None else register(key).sheet.get(book.lang)


def _unfinished_courses(book: Book) -> int:
    """The courses register's rows with no completion date: last year's plans, which the new
    year's register (empty) does not carry."""
    return sum(1 for row in book.rows("courses")
               if is_empty(row.values.get("done"))
               and any(not is_empty(value) for value in row.values.values()))


def dated_registers() -> tuple[str, ...]:
    """The registers that start empty (or from their prefill): every register not carried."""
    return tuple(reg.key for reg in REGISTERS if reg.key not in CARRIED)

