"""The district workbook (``ubsheets consolidate``): its sheets as SheetSpecs, written through the
part writer into a fresh workbook.

A school's values are data: every text is written as an inline string (never a formula, however
it starts), the reader gave the cached value of a school's formula, and the only hyperlinks are
the ones built here, to the school's own file and cell.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ubsheets.core.a1 import col_letter, sheet_ref
from ubsheets.core.consolidate import SCHOOL_MONTHS
from ubsheets.i18n import t
from ubsheets.io.blank_workbook import blank_workbook
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.reader import check_sheets_readable
from ubsheets.io.report_layout import LINE_HEIGHT, page_footer, row_height, word_width
from ubsheets.io.row_spool import RenderedRows, RowSpool, RowStream, SpooledRows, render_rows
from ubsheets.io.safe_write import safe_replace
from ubsheets.io.sheet_model import Cell, CellValue, ChartSpec, SheetSpec, Style
from ubsheets.schema import REGISTERS, Register
from ubsheets.schema.owned import BY_MONTH_SHEET, FILES_SHEET, FINDINGS_SHEET, SCHOOLS_SHEET

if TYPE_CHECKING:
    from ubsheets.actions import Consolidated, ConsolidatedSchool

HEADER = Style(bold=True, fill="DDEBF7", border=True, wrap=True, valign="top")
TOTAL = Style(bold=True, border=True)
WRAPPED = Style(wrap=True, valign="top")  # long texts: names, reasons, messages
_SCHOOL_COLUMNS = ("dcol_school", "dcol_association", "dcol_members", "dcol_avg_experience",
                   "dcol_higher_share", "dcol_courses_due", "dcol_attestation_due",
                   "dcol_open_lessons", "dcol_open_lessons_held", "dcol_events",
                   "dcol_events_held", "dcol_control", "dcol_documents", "dcol_self_education",
                   "dcol_errors", "dcol_warnings", "dcol_version", "dcol_file", "dcol_modified")
# The Schools sheet's columns: names wrapped, counts narrow (their headers wrap), so the printed
# part (to the warnings: the template, file and time are for the screen) fits a landscape page
# at about two thirds of full size.
_SCHOOL_WIDTHS = (24, 20, *(8,) * 14, 9, 20, 16)
# The counts the totals row adds up, in their columns' order (after members, experience, share).
_SUMMED = ("courses_due", "attestation_due", "open_lessons", "open_lessons_held", "events",
           "events_held", "control")
_DOCUMENTS_TOTAL = 14


def district_sheets(result: Consolidated, spool: RowSpool) -> list[SheetSpec]:
    """The district workbook's sheets; the combined registers' rows come from ``spool``."""
    lang, folder = result.lang, result.output.resolve().parent
    return [schools_sheet(result.schools, lang, folder), by_month_sheet(result.schools, lang),
            files_sheet(result, folder), findings_sheet(result.schools, lang, folder),
            *(register_sheet(reg, result.schools, lang, spool) for reg in REGISTERS)]


def relative(path: Path, folder: Path) -> str:
    """The file as a link from the district workbook's folder: the folder can be moved whole."""
    return Path(os.path.relpath(path.resolve(), folder)).as_posix()


def _header(keys: tuple[str, ...] | list[str], lang: str) -> list[Cell | CellValue]:
    return [Cell(t(key, lang), HEADER) for key in keys]


def _table(name: str, header: list[Cell | CellValue], rows: list[list[Cell | CellValue]],
           widths: tuple[float, ...], lang: str, *, filtered: int | None = None,
           more_rows: RowStream | None = None, freeze: str = "A2",
           charts: tuple[ChartSpec, ...] = (), print_columns: int = 0) -> SheetSpec:
    """A district sheet: on screen, the header frozen and filtered (over ``filtered`` rows, else
    all); printed, landscape A4 fitted to the page's width (the first ``print_columns`` only,
    when given), the header on every page, pages numbered. Each column at least as wide as its
    header's longest word: headers wrap, words don't break."""
    count = (len(rows) if filtered is None else filtered) + (more_rows.rows if more_rows else 0)
    widths = tuple(max(width, word_width(str(_shown(cell))))
                   for width, cell in zip(widths, header, strict=True))
    # Rows of wrapped text get their height (LibreOffice does not grow a row it opens); a
    # combined register's rows, streamed, are one line each.
    heights = {number: height for number, row in enumerate([header, *rows], start=1)
               if (height := row_height([_shown(cell) for cell in row], widths)) != LINE_HEIGHT}
    return SheetSpec(name, [header, *rows], col_widths=widths, freeze=freeze, row_heights=heights,
                     autofilter=f"A1:{col_letter(len(header))}{count + 1}", landscape=True,
                     print_title_rows=(1, 1), print_columns=print_columns,
                     footer=page_footer(lang), charts=charts,
                     more_rows=more_rows)


def _shown(cell: Cell | CellValue) -> CellValue:
    return cell.value if isinstance(cell, Cell) else cell


def _wrapped(text: str | None) -> Cell | None:
    return None if text is None else Cell(text, WRAPPED)


def schools_sheet(schools: list[ConsolidatedSchool], lang: str, folder: Path) -> SheetSpec:
    rows = [_school_row(school, folder) for school in schools]
    total: list[Cell | CellValue] = [Cell(t("dcol_total", lang), TOTAL), None,
                                     Cell(sum(s.figures.members for s in schools), TOTAL),
                                     None, None]
    total.extend(Cell(sum(getattr(s.figures, key) for s in schools), TOTAL) for key in _SUMMED)
    return _table(SCHOOLS_SHEET.get(lang), _header(_SCHOOL_COLUMNS, lang), [*rows, total],
                  _SCHOOL_WIDTHS, lang, filtered=len(rows), freeze="C2",
                  charts=(_held_chart(len(schools), lang),),
                  print_columns=_SCHOOL_COLUMNS.index("dcol_warnings") + 1)


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
            rows.append([_wrapped(school.school), _wrapped(school.association),
                         _wrapped(t(what, lang)), *months, sum(months)])
    widths = (24, 20, 20, *(8,) * len(SCHOOL_MONTHS), 8)
    return _table(BY_MONTH_SHEET.get(lang), header, rows, widths, lang)


def _school_row(school: ConsolidatedSchool, folder: Path) -> list[Cell | CellValue]:
    f = school.figures
    path = relative(school.file, folder)
    return [_wrapped(school.school), _wrapped(school.association), f.members, f.avg_experience, f.higher_share,
            f.courses_due, f.attestation_due, f.open_lessons, f.open_lessons_held, f.events,
            f.events_held, f.control, f"{f.documents}/{_DOCUMENTS_TOTAL}",
            f"{f.self_education}/{f.members}", f.errors, f.warnings, school.template_version,
            Cell(path, external=path), school.modified]


def files_sheet(result: Consolidated, folder: Path) -> SheetSpec:
    lang = result.lang
    rows: list[list[Cell | CellValue]] = [
        [Cell(relative(f.path, folder), external=relative(f.path, folder)) if f.path.exists()
         else relative(f.path, folder), t("dstatus_" + f.status, lang), _wrapped(f.school),
         _wrapped(f.association), _wrapped(f.reason), _district_cell(f.district, folder)]
        for f in result.files]
    header = _header(("dcol_file", "dcol_status", "dcol_school", "dcol_association",
                      "dcol_reason", "dcol_district"), lang)
    return _table(FILES_SHEET.get(lang), header, rows, (24, 12, 24, 20, 50, 20), lang)


def _district_cell(district: Path | None, folder: Path) -> Cell | CellValue:
    """The district workbook a file was listed in (a region's inputs), linked; else empty."""
    if district is None:
        return None
    path = relative(district, folder)
    return Cell(path, external=path)


def findings_sheet(schools: list[ConsolidatedSchool], lang: str, folder: Path) -> SheetSpec:
    """Every finding, each linked to its cell in the school's own file. The message is the one
    ``validate`` gave the school, in the school's language: it names the school's sheets,
    columns and dropdown values as they are in that file."""
    rows: list[list[Cell | CellValue]] = []
    for school in schools:
        path = relative(school.file, folder)
        for f in school.findings:
            target = sheet_ref(f.sheet, f.cell) if f.cell else None
            rows.append([Cell(path, external=path), school.school, school.association, f.sheet,
                         Cell(f.cell, link=target, external=path),
                         t("severity_" + f.severity, lang), Cell(f.message, WRAPPED)])
    header = _header(("dcol_file", "dcol_school", "dcol_association", "col_sheet", "col_cell",
                      "col_severity", "col_message"), lang)
    return _table(FINDINGS_SHEET.get(lang), header, rows, (20, 24, 20, 16, 8, 12, 60), lang)


def register_sheet(register: Register, schools: list[ConsolidatedSchool], lang: str,
                   spool: RowSpool) -> SheetSpec:
    """The register of every school, with the school and the association first: the schools'
    rows as ``school_rows`` rendered them, copied from the spool while the sheet is written."""
    header = [*_header(("dcol_school", "dcol_association"), lang),
              *(Cell(col.header.get(lang), HEADER) for col in register.columns)]
    rows = spool.stream([spooled for school in schools
                         if isinstance(spooled := school.registers.get(register.key), SpooledRows)])
    widths = (24, 20, *(col.width for col in register.columns))
    return _table(register.sheet.get(lang), header, [], widths, lang, more_rows=rows)


def school_rows(school: str, association: str, rows: Iterable[Sequence[object]]) -> RenderedRows:
    """One school's rows of a register as its combined register holds them: the school and the
    association, then each value as data. Called where the school's workbook was read."""
    return render_rows([school, association, *values] for values in rows)


def write_district(output: Path, sheets: list[SheetSpec]) -> None:
    """A fresh workbook holding only ``sheets``, written safely (lock refused, .bak, atomic)."""
    names = [sheet.name for sheet in sheets]

    def write(tmp: Path) -> None:
        with tempfile.TemporaryDirectory(prefix="ubsheets-district-") as work:
            base = blank_workbook(Path(work) / "base.xlsx", names[0])
            # No digests: a district workbook is written afresh every time, never merged into.
            write_owned_sheets(base, tmp, sheets, digests=False)

    verify: Callable[[Path], None] = lambda tmp: check_sheets_readable(tmp, names)  # noqa: E731
    safe_replace(output, write, verify=verify, backup=output.exists())


