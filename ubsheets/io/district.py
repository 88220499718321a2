"""The district workbook (``ubsheets consolidate``): its sheets as SheetSpecs, written through the
part writer into a fresh workbook.

A school's values are data: every text is written as an inline string (never a formula, however
it starts), the reader gave the cached value of a school's formula, and the only hyperlinks are
the ones built here, to the school's own file and cell.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook

from ubsheets.core.a1 import col_letter, sheet_ref
from ubsheets.core.consolidate import SCHOOL_MONTHS
from ubsheets.i18n import t
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.reader import check_sheets_readable
from ubsheets.io.safe_write import safe_replace
from ubsheets.io.sheet_model import Cell, CellValue, ChartSpec, SheetSpec, Style
from ubsheets.schema import REGISTERS, Register
from ubsheets.schema.owned import BY_MONTH_SHEET, FILES_SHEET, FINDINGS_SHEET, SCHOOLS_SHEET

if TYPE_CHECKING:
    from ubsheets.actions import Consolidated, ConsolidatedSchool

HEADER = Style(bold=True, fill="DDEBF7", border=True, wrap=True, valign="top")
TOTAL = Style(bold=True, border=True)
# A fresh workbook's zip entries and properties carry the time it was made; fixed, the same
# inputs give the same bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_STAMP = "2000-01-01T00:00:00Z"
_STAMPS = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_SCHOOL_COLUMNS = ("dcol_school", "dcol_association", "dcol_members", "dcol_avg_experience",
                   "dcol_higher_share", "dcol_courses_due", "dcol_attestation_due",
                   "dcol_open_lessons", "dcol_open_lessons_held", "dcol_events",
                   "dcol_events_held", "dcol_control", "dcol_documents", "dcol_self_education",
                   "dcol_errors", "dcol_warnings", "dcol_version", "dcol_file", "dcol_modified")
# The counts the totals row adds up, in their columns' order (after members, experience, share).
_SUMMED = ("courses_due", "attestation_due", "open_lessons", "open_lessons_held", "events",
           "events_held", "control")
_DOCUMENTS_TOTAL = 14


def district_sheets(result: Consolidated) -> list[SheetSpec]:
    lang, folder = result.lang, result.output.resolve().parent
    return [schools_sheet(result.schools, lang, folder), by_month_sheet(result.schools, lang),
            files_sheet(result, folder), findings_sheet(result.schools, lang, folder),
            *(register_sheet(reg, result.schools, lang) for reg in REGISTERS)]


def relative(path: Path, folder: Path) -> str:
    """The file as a link from the district workbook's folder: the folder can be moved whole."""
    return Path(os.path.relpath(path.resolve(), folder)).as_posix()


def _header(keys: tuple[str, ...] | list[str], lang: str) -> list[Cell | CellValue]:
    return [Cell(t(key, lang), HEADER) for key in keys]


def _table(name: str, header: list[Cell | CellValue], rows: list[list[Cell | CellValue]],
           widths: tuple[float, ...] = ()) -> SheetSpec:
    width = len(header)
    last = f"{col_letter(width)}{len(rows) + 1}"
    return SheetSpec(name, [header, *rows], col_widths=widths or (24,) * width, freeze="A2",
                     autofilter=f"A1:{last}", landscape=True)


def schools_sheet(schools: list[ConsolidatedSchool], lang: str, folder: Path) -> SheetSpec:
    rows = [_school_row(school, folder) for school in schools]
    total: list[Cell | CellValue] = [Cell(t("dcol_total", lang), TOTAL), None,
                                     Cell(sum(s.figures.members for s in schools), TOTAL),
                                     None, None]
    total.extend(Cell(sum(getattr(s.figures, key) for s in schools), TOTAL) for key in _SUMMED)
    header = _header(_SCHOOL_COLUMNS, lang)
    spec = _table(SCHOOLS_SHEET.get(lang), header, rows)
    return SheetSpec(spec.name, [*spec.rows, total], col_widths=spec.col_widths,
                     freeze="C2", autofilter=spec.autofilter, landscape=True,
                     charts=(_held_chart(len(schools), lang),))


def _held_chart(count: int, lang: str) -> ChartSpec:
    """Schools side by side: open lessons held (column I) and events held (column K)."""
    last = count + 1
    return ChartSpec(t("dchart_held", lang), f"A2:A{last}",
                     (("I1", f"I2:I{last}"), ("K1", f"K2:K{last}")), anchor=f"A{last + 3}",
                     width_cols=12, height_rows=18)


def by_month_sheet(schools: list[ConsolidatedSchool], lang: str) -> SheetSpec:
    """Schools × September–May: open lessons held and events held, the district's monthly view."""
    header = [*_header(("dcol_school", "dcol_association", "dcol_what"), lang),
              *(Cell(t(f"month_{m:02d}", lang), HEADER) for m in SCHOOL_MONTHS),
              Cell(t("total", lang), HEADER)]
    rows: list[list[Cell | CellValue]] = []
    for school in schools:
        for what, months in (("dcol_open_lessons_held", school.figures.lessons_by_month),
                             ("dcol_events_held", school.figures.events_by_month)):
            rows.append([school.school, school.association, t(what, lang), *months, sum(months)])
    widths = (30, 30, 24, *(8,) * len(SCHOOL_MONTHS), 8)
    return _table(BY_MONTH_SHEET.get(lang), header, rows, widths)


def _school_row(school: ConsolidatedSchool, folder: Path) -> list[Cell | CellValue]:
    f = school.figures
    path = relative(school.file, folder)
    return [school.school, school.association, f.members, f.avg_experience, f.higher_share,
            f.courses_due, f.attestation_due, f.open_lessons, f.open_lessons_held, f.events,
            f.events_held, f.control, f"{f.documents}/{_DOCUMENTS_TOTAL}",
            f"{f.self_education}/{f.members}", f.errors, f.warnings, school.template_version,
            Cell(path, external=path), school.modified]


def files_sheet(result: Consolidated, folder: Path) -> SheetSpec:
    lang = result.lang
    rows: list[list[Cell | CellValue]] = [
        [Cell(relative(f.path, folder), external=relative(f.path, folder)) if f.path.exists()
         else relative(f.path, folder), t("dstatus_" + f.status, lang), f.school, f.association,
         f.reason, _district_cell(f.district, folder)] for f in result.files]
    header = _header(("dcol_file", "dcol_status", "dcol_school", "dcol_association",
                      "dcol_reason", "dcol_district"), lang)
    return _table(FILES_SHEET.get(lang), header, rows, (30, 14, 30, 30, 60, 30))


def _district_cell(district: Path | None, folder: Path) -> Cell | CellValue:
    """The district workbook a file was listed in (a region's inputs), linked; else empty."""
    if district is None:
        return None
    path = relative(district, folder)
    return Cell(path, external=path)


def findings_sheet(schools: list[ConsolidatedSchool], lang: str, folder: Path) -> SheetSpec:
    """Every finding, each linked to its cell in the school's own file."""
    rows: list[list[Cell | CellValue]] = []
    for school in schools:
        path = relative(school.file, folder)
        for f in school.findings:
            target = sheet_ref(f.sheet, f.cell) if f.cell else None
            rows.append([Cell(path, external=path), school.school, school.association, f.sheet,
                         Cell(f.cell, link=target, external=path), t("severity_" + f.severity,
                                                                     lang), f.message])
    header = _header(("dcol_file", "dcol_school", "dcol_association", "col_sheet", "col_cell",
                      "col_severity", "col_message"), lang)
    return _table(FINDINGS_SHEET.get(lang), header, rows, (24, 30, 30, 20, 10, 14, 70))


def register_sheet(register: Register, schools: list[ConsolidatedSchool], lang: str) -> SheetSpec:
    """The register of every school, with the school and the association first (each school's
    row holds its values in the register's column order)."""
    header = [*_header(("dcol_school", "dcol_association"), lang),
              *(Cell(col.header.get(lang), HEADER) for col in register.columns)]
    rows: list[list[Cell | CellValue]] = [
        [school.school, school.association, *map(_value, values)]
        for school in schools for values in school.registers.get(register.key, [])]
    widths = (30, 30, *(col.width for col in register.columns))
    return _table(register.sheet.get(lang), header, rows, widths)


def _value(value: object) -> CellValue:
    """A school's value as data: a time or anything unusual becomes its text."""
    if value is None or isinstance(value, str | bool | int | float | dt.date):
        return value
    return str(value)


def write_district(output: Path, sheets: list[SheetSpec]) -> None:
    """A fresh workbook holding only ``sheets``, written safely (lock refused, .bak, atomic)."""
    names = [sheet.name for sheet in sheets]

    def write(tmp: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="ubsheets-district-") as work:
            base = fresh_base(Path(work) / "base.xlsx", names[0])
            write_owned_sheets(base, tmp, sheets)

    verify: Callable[[Path], None] = lambda tmp: check_sheets_readable(tmp, names)  # noqa: E731
    safe_replace(output, write, verify=verify, backup=output.exists())


def fresh_base(path: Path, first_sheet: str) -> Path:
    """An empty workbook with one sheet, ``first_sheet`` (replaced in place by ours), made the
    same to the byte on every run."""
    workbook = Workbook()
    workbook.active.title = first_sheet
    made = path.with_suffix(".made.xlsx")
    workbook.save(made)
    with zipfile.ZipFile(made) as zin, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "docProps/core.xml":
                data = _STAMPS.sub(rb"\g<1>" + FIXED_STAMP.encode() + rb"\g<2>", data)
            zout.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), data,
                          zipfile.ZIP_DEFLATED)
    made.unlink()
    return path
