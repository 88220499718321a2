"""A district workbook read back as an input of ``ubsheets consolidate``: districts make a
region's workbook, regions a republic's, with the same command.

How a district workbook is recognised (the marker): its Schools and Files sheets, both named in one
language, and the Schools sheet's first row exactly the district's Schools headers in that
language. No school's workbook has these (its sheets are the registers'), and the check reads only
one row of one sheet. A defined name would have been as good, but none is copied or written by
the district writer, and the sheets are what a person sees too.

What is read back, and why from where:
- the figures from the Schools sheet (and the monthly ones from By month), not recomputed from the
  combined registers: those hold every row, the rows with errors too, and no settings; the figures
  were computed from the school's own file, and the region must show the very same ones;
- the combined registers' rows, grouped by (school, association), as the school's raw rows;
- the findings from the Findings sheet, each still pointing at its cell in the school's file;
- the Files sheet's rows that were not used (failed, duplicate), passed on with their reasons.
Paths in the district workbook are relative to its folder; they are made relative to ours here.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from python_calamine import CalamineError, CalamineWorkbook

from ubsheets.core import consolidate
from ubsheets.core.a1 import col_letter, parse_cell_ref
from ubsheets.core.consolidate import Figures
from ubsheets.core.findings import Finding, Severity
from ubsheets.core.normalize import fold
from ubsheets.errors import InputError
from ubsheets.i18n import t
from ubsheets.io.district import _SCHOOL_COLUMNS, school_rows
from ubsheets.schema import REGISTERS
from ubsheets.schema.owned import BY_MONTH_SHEET, FILES_SHEET, FINDINGS_SHEET, SCHOOLS_SHEET

if TYPE_CHECKING:
    from ubsheets.actions import ConsolidatedFile, ConsolidatedSchool

DISTRICT_LANGS = ("ky", "ru", "en")
STATUSES = ("ok", "failed", "duplicate")
# The Schools sheet's columns, as district.schools_sheet writes them.
_FIGURE_COLUMNS = ("members", "avg_experience", "higher_share", "courses_due", "attestation_due",
                   "open_lessons", "open_lessons_held", "events", "events_held", "control")
_FILE, _MODIFIED = _SCHOOL_COLUMNS.index("dcol_file"), _SCHOOL_COLUMNS.index("dcol_modified")
_DOCUMENTS, _SELF_EDUCATION = (_SCHOOL_COLUMNS.index("dcol_documents"),
                               _SCHOOL_COLUMNS.index("dcol_self_education"))
_ERRORS, _WARNINGS, _VERSION = (_SCHOOL_COLUMNS.index("dcol_errors"),
                                _SCHOOL_COLUMNS.index("dcol_warnings"),
                                _SCHOOL_COLUMNS.index("dcol_version"))

Entry = tuple[Path, "ConsolidatedSchool", tuple]


def district_lang(path: Path) -> str | None:
    """The district workbook's language, or None when ``path`` is not one (see the marker)."""
    try:
        book = CalamineWorkbook.from_path(str(path))
        for lang in DISTRICT_LANGS:
            schools, files = SCHOOLS_SHEET.get(lang), FILES_SHEET.get(lang)
            if schools in book.sheet_names and files in book.sheet_names:
                first = book.get_sheet_by_name(schools).to_python(nrows=1)
                if first and list(first[0][:len(_SCHOOL_COLUMNS)]) == _headers(lang):
                    return lang
    except (CalamineError, OSError, ValueError):
        return None
    return None


def _headers(lang: str) -> list[str]:
    return [t(key, lang) for key in _SCHOOL_COLUMNS]


def read_district(path: Path, lang: str, month: object | None = None
                  ) -> tuple[list[Entry], list[ConsolidatedFile]]:
    """The district's schools as consolidate's entries (path, school, keys that pick the newer of
    two), and its Files rows that were not used plus its own row, to be listed as they are.
    With ``month`` it is refused: its figures are the whole year's (or another month's) and cannot
    be cut to a month without the schools' own files."""
    from ubsheets.actions import FILE_OK, ConsolidatedFile

    if month is not None:
        raise InputError("district_month", name=path.name)
    book = CalamineWorkbook.from_path(str(path))
    grids = {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}
    folder = path.parent
    schools = _schools(path, grids, lang, folder)
    passed = [_passed_file(row, lang, folder, path) for row in grids[FILES_SHEET.get(lang)][1:]
              if row and _status(row[1], lang) != FILE_OK]
    own = ConsolidatedFile(path, FILE_OK, reason=t("district_input", lang, count=len(schools)),
                           why=InputError("district_input", count=len(schools)))
    entries = [(s.file, s, _keys(s)) for s in schools]
    return entries, [own, *[f for f in passed if f is not None]]


def _schools(path: Path, grids: dict[str, list[list[Any]]], lang: str, folder: Path
             ) -> list[ConsolidatedSchool]:
    from ubsheets.actions import ConsolidatedSchool

    rows = grids[SCHOOLS_SHEET.get(lang)][1:-1]  # the last row is the totals'
    months = grids.get(BY_MONTH_SHEET.get(lang), [[]])[1:]
    registers = _registers(grids, lang)
    findings = _findings(grids.get(FINDINGS_SHEET.get(lang), [[]])[1:], lang)
    schools = []
    for i, row in enumerate(rows):
        school, association = str(row[0]), str(row[1])
        lessons, events = (months[2 * i][3:12], months[2 * i + 1][3:12]) \
            if len(months) > 2 * i + 1 else ((), ())
        file = _located(row[_FILE], folder)
        schools.append(ConsolidatedSchool(
            file, school, association, _figures(row, lessons, events),
            _text(row[_VERSION]), _modified(row[_MODIFIED]),
            findings.get((file.name, school, association), []),
            {key: school_rows(school, association, values)
             for key, values in registers.get((school, association), {}).items()},
            lang, district=path))
    return schools


def _figures(row: Sequence[Any], lessons: Sequence[Any], events: Sequence[Any]) -> Figures:
    values = {key: _number(row[2 + i]) for i, key in enumerate(_FIGURE_COLUMNS)}
    counts = {key: int(value or 0) for key, value in values.items()
              if key not in ("avg_experience", "higher_share")}
    return Figures(
        **counts, avg_experience=values["avg_experience"], higher_share=values["higher_share"],
        documents=_fraction(row[_DOCUMENTS]), self_education=_fraction(row[_SELF_EDUCATION]),
        errors=int(_number(row[_ERRORS]) or 0), warnings=int(_number(row[_WARNINGS]) or 0),
        lessons_by_month=tuple(int(_number(v) or 0) for v in lessons),
        events_by_month=tuple(int(_number(v) or 0) for v in events))


def _registers(grids: dict[str, list[list[Any]]], lang: str
               ) -> dict[tuple[str, str], dict[str, list[tuple]]]:
    """Each combined register's rows, back under their school and association, each row's values
    in the register's column order (as a school's are kept)."""
    grouped: dict[tuple[str, str], dict[str, list[tuple]]] = {}
    for register in REGISTERS:
        grid = grids.get(register.sheet.get(lang))
        width = len(register.columns)
        for row in grid[1:] if grid else []:
            cells = list(row[2:2 + width])
            values = tuple(_raw(value) for value in cells + [None] * (width - len(cells)))
            key = (str(row[0]), str(row[1]))
            grouped.setdefault(key, {}).setdefault(register.key, []).append(values)
    return grouped


def _findings(rows: list[list[Any]], lang: str
              ) -> dict[tuple[str, str, str], list[Finding]]:
    """Findings by (file name, school, association), as the Findings sheet holds them."""
    levels: tuple[Severity, ...] = ("error", "warning")
    severity = {t("severity_" + level, lang): level for level in levels}
    found: dict[tuple[str, str, str], list[Finding]] = {}
    for row in rows:
        if len(row) < 7:
            continue
        cell = str(row[4] or "")
        try:
            line, column = parse_cell_ref(cell) if cell else (0, 0)
        except ValueError:
            line, column = 0, 0
        finding = Finding(sheet=str(row[3]), cell=cell, row=line,
                          column=col_letter(column) if column else "", code="district",
                          severity=severity.get(str(row[5]), "warning"), message=str(row[6]))
        key = (Path(str(row[0])).name, str(row[1]), str(row[2]))
        found.setdefault(key, []).append(finding)
    return found


def _passed_file(row: Sequence[Any], lang: str, folder: Path, district: Path
                 ) -> ConsolidatedFile | None:
    from ubsheets.actions import ConsolidatedFile

    if not row[0]:
        return None
    return ConsolidatedFile(_located(row[0], folder), _status(row[1], lang), _text(row[2]),
                            _text(row[3]), _text(row[4]), district=district)


def _status(text: object, lang: str) -> str:
    by_text = {t("dstatus_" + status, lang): status for status in STATUSES}
    return by_text.get(str(text), "failed")


def _keys(school: ConsolidatedSchool) -> tuple:
    """The same keys as a school's own workbook gives; the academic year is not in a district's
    workbook, so its copy loses to the school's own file (the source, read now, its findings
    linked to its cells), and of two districts' copies the newer file wins."""
    identity = fold(school.school), fold(school.association)
    return identity, consolidate.newness_unknown_year(school.modified.timestamp())


def _located(text: object, folder: Path) -> Path:
    return Path(os.path.normpath(folder / str(text)))


def _modified(value: object) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return dt.datetime(1970, 1, 1)


def _fraction(value: object) -> int:
    """"9/14" -> 9."""
    head = str(value or "0").split("/")[0].strip()
    return int(head) if head.isdigit() else 0


def _number(value: object) -> float | None:
    if isinstance(value, bool) or value in ("", None):
        return None
    if isinstance(value, int | float):
        return value
    try:
        return float(str(value))
    except ValueError:
        return None


def _text(value: object) -> str | None:
    return None if value in ("", None) else str(value)


def _raw(value: object) -> object:
    """A cell as the school's reader gives it: an empty one is None."""
    return None if value == "" else value
