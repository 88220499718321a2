"""The file-level operations behind the CLI commands: read → core → write what we own.

Each takes paths and plain options and returns data; printing is the CLI's job.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from ubsheets.core import consolidate, periods
from ubsheets.core.consolidate import Figures
from ubsheets.core.context import Context
from ubsheets.core.counted import counted
from ubsheets.core.findings import Finding, Report
from ubsheets.core.next_year import Carried, next_year
from ubsheets.core.periods import Period
from ubsheets.core.report import head_report
from ubsheets.core.sections import Document
from ubsheets.core.sheet_order import report_sheet_order
from ubsheets.core.summary import summary
from ubsheets.core.validate import check_context, typed_context, validate
from ubsheets.errors import InputError, UsageError
from ubsheets.i18n import t
from ubsheets.io.district import district_sheets, school_rows, write_district
from ubsheets.io.package_writer import KeptSheet, write_owned_sheets
from ubsheets.io.parallel import ordered_map
from ubsheets.io.reader import check_sheets_readable, read_book
from ubsheets.io.report_layout import document_sheet
from ubsheets.io.row_spool import RenderedRows, RowSpool, SpooledRows
from ubsheets.io.safe_write import Fingerprint, check_writable, safe_replace
from ubsheets.io.sheet_model import SheetSpec
from ubsheets.io.upgrade import Upgraded, upgrade_workbook
from ubsheets.io.validation_sheet import validation_sheet
from ubsheets.schema import REGISTERS, SETTINGS, TEMPLATE_VERSION, Label

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
# The usual Kyrgyz calendar; every date is a setting the user can change in the workbook.
TYPICAL_YEAR_END = (5, 25)
TYPICAL_WINTER_BREAK = ((12, 30), (1, 10))
WINTER_BREAK = Label("Кышкы каникул", "Зимние каникулы", "Winter break")


def academic_year(text: str | None, today: dt.date | None = None) -> tuple[int, int]:
    """"2020-2021" -> (2020, 2021); None -> the academic year running on ``today``."""
    if text is None:
        today = today or dt.date.today()
        start = today.year if today.month >= 8 else today.year - 1
        return start, start + 1
    match = re.fullmatch(r"\s*(\d{4})\s*[-–/]\s*(\d{4})\s*", text)
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise UsageError("bad_year", value=text)
    return int(match.group(1)), int(match.group(2))


def fresh_master(lang: str, year: str | None = None) -> tuple[dict, dict[str, list[dict]]]:
    """What a new master holds before anyone types: the academic year (``year`` or the current
    one) from 1 September to the usual end, the settings' defaults in ``lang``, and the usual
    winter break; ``new`` and ``upgrade`` both start from it."""
    start, end = academic_year(year)
    (wm, wd), (em, ed) = TYPICAL_WINTER_BREAK
    settings = {"year_start": dt.date(start, 9, 1), "year_end": dt.date(end, *TYPICAL_YEAR_END),
                **{item.key: item.default_in(lang) for item in SETTINGS if item.default is not None}}
    holidays = [{"start": dt.date(start, wm, wd), "end": dt.date(end, em, ed),
                 "name": WINTER_BREAK.get(lang)}]
    return settings, {"holidays": holidays}


def new_workbook(path: Path, lang: str, school: str | None = None, year: str | None = None,
                 force: bool = False, macros: bool = True) -> Path:
    """A new master workbook. An .xlsm (unless ``macros`` is false) is a macro-enabled master: a
    home sheet first, with the period cell and the buttons, and the VBA project; an .xlsx has
    neither (no macros, so no buttons to describe)."""
    _check_new_path(path, force)
    settings, rows = fresh_master(lang, year)
    _write_master(path, lang, {**settings, "school": school}, rows, macros)
    return path


def _check_new_path(path: Path, force: bool) -> None:
    if path.suffix.lower() not in WORKBOOK_SUFFIXES:
        raise UsageError("bad_extension", name=path.name)
    if path.exists() and not force:
        raise UsageError("file_exists", name=path.name)


def _write_master(path: Path, lang: str, settings: dict, rows: dict[str, list[dict]],
                  macros: bool) -> None:
    """The master with ``settings`` and ``rows`` (as ``build_workbook`` takes them) written to
    ``path``; an .xlsm (unless ``macros`` is false) with the home sheet and the VBA project."""
    from ubsheets.io.template import build_workbook, save_workbook  # openpyxl: only here

    workbook = build_workbook(lang, settings, rows)

    def write(tmp: Path) -> None:
        save_workbook(workbook, tmp)

    if macros and path.suffix.lower() == ".xlsm":
        from ubsheets.io.home_sheet import add_home_sheet, write_master

        add_home_sheet(workbook, lang, settings["year_start"], settings["year_end"])

        def write(tmp: Path) -> None:
            write_master(lambda plain: save_workbook(workbook, plain), tmp, lang)
    # With --force the replaced workbook may hold a year of registers: keep it as .bak.
    safe_replace(path, write, verify=read_book, backup=path.exists())


@dataclass
class NewYear:
    """A new year's workbook made from last year's: where, and what was carried."""

    path: Path
    source: Path
    lang: str
    year_start: dt.date
    year_end: dt.date
    carried: Carried


def next_year_workbook(path: Path, source: Path, lang: str | None = None,
                       school: str | None = None, year: str | None = None, force: bool = False,
                       macros: bool = True) -> NewYear:
    """A new master for the academic year after ``source``'s (or ``year``), in ``lang`` (or
    ``source``'s language), filled from ``source`` as ``core.next_year`` says; written as ``new``
    writes one. ``source`` is only read: a workbook of an older template is read through the
    old labels its headers and dropdown values had (``Label.old``), the mapping ``upgrade``'s
    migration reads it through too, and nothing is written to it."""
    # First: "exists, add --force" said of OLD itself would lead to writing over it.
    if path.resolve() == source.resolve() or (path.exists() and source.exists()
                                              and path.samefile(source)):
        raise UsageError("next_year_same_file", name=path.name)
    _check_new_path(path, force)
    book = read_book(source)
    version = book.template_version or ""
    if version.isdigit() and int(version) > int(TEMPLATE_VERSION):  # columns we could not see
        raise InputError("upgrade_newer_template", name=source.name, version=version,
                         current=TEMPLATE_VERSION)
    ctx, _ = typed_context(book)
    if ctx.calendar.problem() is not None or ctx.calendar.start is None:
        raise InputError("year_not_set", name=source.name)
    old_start = ctx.calendar.start.year
    lang = lang or book.lang
    year = year or f"{old_start + 1}-{old_start + 2}"
    if academic_year(year)[0] <= old_start:
        raise UsageError("next_year_not_after", year=year, name=source.name,
                         old=f"{old_start}-{old_start + 1}", next=f"{old_start + 1}-{old_start + 2}")
    fresh, _holidays = fresh_master(lang, year)  # the new year's holidays are the user's to type
    plan = next_year(book, ctx, fresh)
    if school:
        plan.settings["school"] = school
    _write_master(path, lang, plan.settings, plan.rows, macros)
    return NewYear(path, source, lang, fresh["year_start"], fresh["year_end"], plan.carried)


def new_district_workbook(path: Path, lang: str, force: bool = False) -> Path:
    """A district's workbook (.xlsm only: it is its button): a home sheet with the schools'
    folder, the district workbook's name and the Consolidate button, and the VBA project. The
    button writes the district workbook as ``consolidate`` does, to a file of its own."""
    if path.suffix.lower() != ".xlsm":
        raise UsageError("district_needs_xlsm", name=path.name)
    _check_new_path(path, force)
    from openpyxl import Workbook

    from ubsheets.io.home_sheet import DISTRICT, HOME_SHEET, add_district_home_sheet, write_master
    from ubsheets.io.template import save_workbook

    workbook = Workbook()
    workbook.remove(workbook.active)  # openpyxl's "Sheet"
    add_district_home_sheet(workbook, lang)
    safe_replace(path, lambda tmp: write_master(lambda plain: save_workbook(workbook, plain), tmp, lang, DISTRICT),
                 verify=lambda tmp: check_sheets_readable(tmp, [HOME_SHEET.get(lang)]), backup=path.exists())
    return path


@dataclass
class Validation:
    report: Report
    lang: str
    sheet: str | None  # the validation sheet written, if any
    kept: list[KeptSheet] = field(default_factory=list)  # a changed sheet of ours kept beside it


def validate_file(path: Path, write: bool = True, backup: bool = True) -> Validation:
    """Validate ``path``; unless ``write`` is false, (re)write its validation sheet (keeping the
    previous file as ``.bak`` unless ``backup`` is false: the demo's fresh files need none)."""
    # Refuse before the work, not after it; the file as read is the one the write may replace.
    as_read = check_writable(path) if write else None
    book = read_book(path)
    report = validate(book)
    book.tables.clear()  # the rows as read are done with: 50 MB of a 100,000-row book
    if not write:
        return Validation(report, book.lang, None)
    sheet = validation_sheet(report, book.lang)
    kept = write_sheets(path, [sheet], book.lang, backup, as_read)
    return Validation(report, book.lang, sheet.name, kept)


def write_sheets(path: Path, sheets: list[SheetSpec], lang: str, backup: bool = True,
                 as_read: Fingerprint | None = None) -> list[KeptSheet]:
    """Replace or add the sheets we own; everything else in the file is copied untouched. A sheet
    of ours the user changed is kept under a new name in ``lang``, the workbook's language; those
    are returned."""
    names = [sheet.name for sheet in sheets]
    kept: list[KeptSheet] = []

    def write(tmp: Path) -> None:
        kept[:] = write_owned_sheets(path, tmp, sheets, order=report_sheet_order, lang=lang)

    safe_replace(path, write, verify=lambda tmp: check_sheets_readable(tmp, names), backup=backup,
                 as_read=as_read)
    return kept


@dataclass
class Written:
    """Sheets a summary or report wrote, with what they hold."""

    lang: str
    documents: list[Document]
    errors: int  # validation errors in the registers: their rows were left out
    validation_sheet: str | None = None  # written beside them when the registers have errors
    pdfs: list[Path] = field(default_factory=list)
    kept: list[KeptSheet] = field(default_factory=list)  # a changed sheet of ours kept beside it

    def as_json(self) -> dict:
        return {"sheets": [d.sheet for d in self.documents],
                "counts": {d.sheet: d.counts for d in self.documents},
                "errors": self.errors, "validation_sheet": self.validation_sheet,
                "pdf": [str(p) for p in self.pdfs],
                "kept": [{"sheet": k.sheet, "kept_as": k.kept_as} for k in self.kept]}


def summarize_file(path: Path) -> Written:
    return _regenerate(path, lambda ctx: [summary(ctx)])


def report_file(path: Path, choose: Callable[[Context], list[Period]],
                pdf_dir: Path | None = None) -> Written:
    """Regenerate the report sheets of the periods ``choose`` picks from the book's calendar;
    with ``pdf_dir``, also render them to PDF through LibreOffice (the folder and LibreOffice are
    checked first: a refusal after the sheets were written would leave a changed workbook)."""
    if pdf_dir is not None:
        from ubsheets.io import pdf  # only when asked: it starts LibreOffice

        pdf.check_folder(pdf_dir)
        pdf.check_available()
    written = _regenerate(path, lambda ctx: [head_report(ctx, p) for p in _in_year(ctx, choose)])
    if pdf_dir is not None:
        written.pdfs = pdf.render([document_sheet(d) for d in written.documents], pdf_dir,
                                  path.stem)
    return written


def _in_year(ctx: Context, choose: Callable[[Context], list[Period]]) -> list[Period]:
    """The chosen periods; one wholly outside the academic year is most likely a typo (2019-10
    for 2020-10), so it is refused before anything is written."""
    start, end = ctx.calendar.year_bounds()
    periods = choose(ctx)
    for period in periods:
        if period.end < start or period.start > end:
            raise UsageError("period_outside_year", period=period.code,
                             start=f"{start:%d.%m.%Y}", end=f"{end:%d.%m.%Y}")
    return periods


def _regenerate(path: Path, make: Callable[[Context], list[Document]]) -> Written:
    as_read = check_writable(path)  # before the read: a change after it must stop the write
    book = read_book(path)
    ctx, findings = typed_context(book)
    if ctx.calendar.problem() is not None:  # reports are framed by the academic year
        raise InputError("year_not_set", name=path.name)
    checked = check_context(book, ctx, findings)
    book.tables.clear()  # the rows as read are done with: 50 MB of a 100,000-row book
    ctx, left_out = counted(ctx, checked)
    documents = make(ctx)
    del ctx  # the typed rows are done with too: another 50 MB while the sheets are laid out
    extra: list[SheetSpec] = []
    if left_out or checked.errors:  # the validation sheet the printed ones point at, current
        extra.append(validation_sheet(checked, book.lang))
    for document in documents if left_out else []:
        document.notices.append(t("rows_left_out", book.lang, rows=left_out, sheet=extra[0].name))
    kept = write_sheets(path, [document_sheet(d) for d in documents] + extra, book.lang,
                        as_read=as_read)
    return Written(book.lang, documents, checked.errors, extra[0].name if extra else None, kept=kept)


# --- consolidate: the district's workbook from many associations' ------------------------------

FILE_OK, FILE_FAILED, FILE_DUPLICATE = "ok", "failed", "duplicate"
# Not a school's workbook: Excel's lock files ("~$…"), our own temp files (".~ubsheets-…").
_NOT_INPUTS = ("~$", ".~")


@dataclass
class ConsolidatedFile:
    path: Path
    status: str  # FILE_OK, FILE_FAILED or FILE_DUPLICATE
    school: str | None = None
    association: str | None = None
    reason: str | None = None  # in the district workbook's language
    why: InputError | None = None  # the reason, to be told in another language (the terminal's)
    district: Path | None = None  # the district workbook it was listed in, when read from one


@dataclass
class ConsolidatedSchool:
    """One association's workbook as the district sees it: its figures, findings and rows."""

    file: Path
    school: str
    association: str
    figures: Figures
    template_version: str | None
    modified: dt.datetime
    findings: list[Finding] = field(default_factory=list)
    # Each register's rows as the combined register holds them (``district.school_rows``),
    # rendered where the file was read, then kept in the spool until the district is written.
    registers: dict[str, RenderedRows | SpooledRows] = field(default_factory=dict)
    lang: str = "ky"  # the workbook's own
    district: Path | None = None  # the district workbook it was read back from, if any


@dataclass
class Consolidated:
    output: Path
    lang: str
    files: list[ConsolidatedFile]
    schools: list[ConsolidatedSchool]

    def as_json(self) -> dict:
        return {
            "output": str(self.output),
            "files": [{"path": str(f.path), "status": f.status, "school": f.school,
                       "association": f.association, "reason": f.reason} for f in self.files],
            "schools": [{"file": str(s.file), "school": s.school, "association": s.association,
                         "members": s.figures.members, "open_lessons": s.figures.open_lessons,
                         "open_lessons_held": s.figures.open_lessons_held,
                         "events": s.figures.events, "events_held": s.figures.events_held,
                         "errors": s.figures.errors, "warnings": s.figures.warnings}
                        for s in self.schools]}


def consolidate_files(inputs: list[Path], output: Path, month: str | None = None,
                      lang: str | None = None,
                      progress: Callable[[Path], None] | None = None,
                      workers: int | None = None) -> Consolidated:
    """Read every workbook under ``inputs``, validate each as ``validate`` does, and write the
    district workbook ``output``. A file that cannot be used is listed with its reason; only when
    none can be used (or ``output`` can't be written) is it an error. Prints nothing.

    Many files are read by ``workers`` processes (default: one per core, for 48 files or more;
    ``io.parallel``); the district workbook is the same to the byte however many read them."""
    period = periods.month(month) if month else None
    paths = workbook_paths(inputs, output)
    if not paths:
        raise InputError("consolidate_no_inputs")
    read: list[tuple[Path, ConsolidatedSchool | InputError, tuple]] = []
    passed: list[ConsolidatedFile] = []  # a district input's own row and its unused files
    with RowSpool() as spool:
        for entry in ordered_map(partial(_read_school, month=period), paths, workers):
            for found in _or_district(entry, period, passed):
                if isinstance(found[1], ConsolidatedSchool):
                    found[1].registers = {key: spool.keep(rows) if isinstance(rows, RenderedRows)
                                          else rows for key, rows in found[1].registers.items()}
                read.append(found)
            if progress is not None:
                progress(entry[0])
        usable = [school for _, school, _ in read if isinstance(school, ConsolidatedSchool)]
        if not usable:
            raise NothingUsable(len(paths), [(p, e) for p, e, _ in read if isinstance(e, InputError)])
        langs = [school.lang for school in usable]
        code = lang or max(("ky", "ru"), key=lambda each: langs.count(each))  # a tie: Kyrgyz
        files, schools = _sort_out(read, code)
        result = Consolidated(output, code, files + passed, schools)
        write_district(output, district_sheets(result, spool))
    return result


def workbook_paths(inputs: list[Path], output: Path) -> list[Path]:
    """Files as given, folders searched recursively for .xlsx/.xlsm, sorted; lock and temp files
    and the output itself left out; each file once."""
    found: list[Path] = []
    for given in map(Path, inputs):
        if given.is_dir():
            found.extend(sorted(p for p in given.rglob("*") if p.is_file()
                                and p.suffix.lower() in WORKBOOK_SUFFIXES
                                and not p.name.startswith(_NOT_INPUTS)))
        else:
            found.append(given)
    target = output.resolve()
    seen: set[Path] = set()
    paths = []
    for path in found:
        key = path.resolve()
        if key != target and key not in seen:
            seen.add(key)
            paths.append(path)
    return paths


_REGISTER_KEYS = {reg.key: tuple(col.key for col in reg.columns) for reg in REGISTERS}


def _read_school(path: Path, month: Period | None
                 ) -> tuple[Path, ConsolidatedSchool | InputError, tuple]:
    """The school's figures, or the InputError ``validate`` would give; with the keys that pick
    the newer of two workbooks of one association."""
    try:
        book = read_book(path)
        modified = path.stat().st_mtime
    except InputError as error:
        return path, error, ()
    ctx, findings = typed_context(book)
    checked = check_context(book, ctx, findings)
    name = str(ctx.settings.get("school") or "")
    association = str(ctx.settings.get("association") or "")
    # The rows as read (not typed: the district shows what the school typed), rendered here, in
    # the worker: only they, the figures and the findings outlive this function.
    rows: dict[str, RenderedRows | SpooledRows] = {key: school_rows(name, association,
                             (tuple(map(row.values.get, keys)) for row in book.tables[key].rows))
            for key, keys in _REGISTER_KEYS.items() if key in book.tables}
    counted_ctx, _ = counted(ctx, checked)
    school = ConsolidatedSchool(
        path, name, association, consolidate.figures(counted_ctx, checked, month),
        book.template_version, dt.datetime.fromtimestamp(modified).replace(microsecond=0),
        checked.issues, rows, book.lang)
    return path, school, (consolidate.identity(ctx), consolidate.newness(ctx, modified))


def _sort_out(read: list[tuple[Path, ConsolidatedSchool | InputError, tuple]], lang: str
              ) -> tuple[list[ConsolidatedFile], list[ConsolidatedSchool]]:
    """Each file's status; of two workbooks of one school and association the newer is used."""
    # By position, not path: a district's copy of a school names the school's own file.
    winners: dict[tuple[str, str], tuple[tuple, Path, int]] = {}
    for at, (path, school, keys) in enumerate(read):
        if isinstance(school, ConsolidatedSchool) and all(keys[0]):
            known = winners.get(keys[0])
            if known is None or keys[1] > known[0]:  # equal: the first in order stays
                winners[keys[0]] = (keys[1], path, at)
    files, schools = [], []
    for at, (path, school, keys) in enumerate(read):
        if isinstance(school, InputError):
            files.append(ConsolidatedFile(path, FILE_FAILED, reason=school.message(lang),
                                          why=school))
            continue
        _, winner, won = winners[keys[0]] if all(keys[0]) else ((), path, at)
        if won != at:
            why = InputError("duplicate_of", name=winner.name)
            files.append(ConsolidatedFile(path, FILE_DUPLICATE, school.school, school.association,
                                          why.message(lang), why, school.district))
            continue
        files.append(ConsolidatedFile(path, FILE_OK, school.school, school.association,
                                      district=school.district))
        schools.append(school)
    return files, schools


class NothingUsable(InputError):
    """No input could be used; each file's reason is kept for whoever tells the user."""

    def __init__(self, count: int, failures: list[tuple[Path, InputError]]) -> None:
        super().__init__("consolidate_nothing", count=count)
        self.failures = failures


def _or_district(entry: tuple[Path, ConsolidatedSchool | InputError, tuple], month: Period | None,
                 passed: list[ConsolidatedFile]
                 ) -> list[tuple[Path, ConsolidatedSchool | InputError, tuple]]:
    """A file that is not a school's workbook may be a district's: then its schools, each as a
    school's entry, and its own row and unused files put in ``passed``. Else the entry as it is."""
    from ubsheets.io.district_reader import district_lang, read_district

    path, error = entry[0], entry[1]
    if not isinstance(error, InputError) or error.key != "not_ubsheets_workbook":
        return [entry]
    lang = district_lang(path)
    if lang is None:
        return [entry]
    try:
        schools, files = read_district(path, lang, month)
    except InputError as refused:
        return [(path, refused, ())]
    passed.extend(files)
    return list(schools)


# --- upgrade: our sheets added to a workbook of the school's own -------------------------------


def upgrade_file(path: Path, output: Path | None = None, lang: str = "ky",
                 year: str | None = None) -> Upgraded:
    """Add the settings sheet, the registers and the hidden sheet to ``path`` (or write the result
    to ``output``), filled as ``new`` fills them: the academic year (``year`` or the current one),
    the usual winter break, the settings' defaults in ``lang``."""
    return upgrade_workbook(path, output, lang, *fresh_master(lang, year))
