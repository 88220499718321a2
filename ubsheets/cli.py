"""The command line: parse options → call one function → print. Errors become one line and an
exit code, in one place (``_run``): 0 no errors, 1 errors found, 2 unreadable input or misuse.

Every line printed to the terminal is in the terminal's language (UBSHEETS_LANG, else Kyrgyz);
what is written into a workbook is in the workbook's language, and so are validation findings
(they are the workbook's own sheet, shown as they are written). The help texts and metavars below
are message keys, rendered in the terminal's language by ``cli_help``.
"""

from __future__ import annotations

import gc
import json as json_module
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, TypeVar

import typer
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from rich.text import Text

from ubsheets import __version__, actions, schema, templates
from ubsheets.cli_help import HelpCommand, HelpGroup, misuse_detail
from ubsheets.core import periods
from ubsheets.core.findings import Report
from ubsheets.errors import UbsheetsError, UsageError
from ubsheets.i18n import t, ui_lang
from ubsheets.io.package_writer import KeptSheet
from ubsheets.schema import TEMPLATE_VERSION

EXIT_OK, EXIT_ERRORS, EXIT_INPUT = 0, 1, 2
T = TypeVar("T")

app = typer.Typer(add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
                  cls=HelpGroup, help="help_app")
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Language(StrEnum):
    ky = "ky"
    ru = "ru"


BOOK_LANGS = ("ky", "ru")  # a workbook is Kyrgyz or Russian; the terminal may also be English
SCHOOLS, MEMBERS = (1, 500), (3, 5000)
SHOWN_FINDINGS = 50  # a terminal shows the first ones; the sheet and --json hold all
GC_FIRST_PASS_AFTER = 100_000  # new objects (Python's default: 700); see main()


def _book(help_key: str) -> typer.models.ArgumentInfo:
    """A BOOK to read. The CLI library's own check of a path is off (``readable=False``): it
    refused an unreadable file as a "bad value" of КИТЕП, on an English message; the guard, on
    the first touch of the file, says what is wrong instead."""
    return typer.Argument(help=help_key, metavar="metavar_book", readable=False)


Book = Annotated[Path, _book("help_master_book")]
Json = Annotated[bool, typer.Option("--json", help="help_json")]


def _lang_option(help_key: str) -> typer.models.OptionInfo:
    return typer.Option("--lang", help=help_key, metavar="metavar_lang")


def _run(action: Callable[[], T]) -> T:
    """Run one library call; a user's problem becomes one line on stderr and exit code 2."""
    try:
        return action()
    except UbsheetsError as error:
        lang = ui_lang()
        err.print(f"{t('error_prefix', lang)}: {error.message(lang)}", markup=False)
        raise typer.Exit(EXIT_INPUT) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as error:  # a bug: still one line for the user, details on request
        if os.environ.get("UBSHEETS_DEBUG"):
            raise
        lang = ui_lang()
        detail = f"{type(error).__name__}: {error}"[:200]
        err.print(f"{t('error_prefix', lang)}: {t('unexpected', lang, detail=detail)}",
                  markup=False)
        raise typer.Exit(EXIT_INPUT) from None


@app.command(cls=HelpCommand, help="help_new")
def new(
    book: Annotated[Path, typer.Argument(help="help_new_book", metavar="metavar_book",
                                         readable=False)],
    source: Annotated[Path | None, typer.Option("--from", help="help_new_from",
                                                metavar="metavar_book", readable=False)] = None,
    lang: Annotated[Language | None, _lang_option("help_new_lang")] = None,
    school: Annotated[str | None, typer.Option(help="help_new_school",
                                               metavar="metavar_name")] = None,
    year: Annotated[str | None, typer.Option(help="help_new_year", metavar="metavar_year")] = None,
    force: Annotated[bool, typer.Option("--force", help="help_new_force")] = False,
    district: Annotated[bool, typer.Option("--district", help="help_new_district")] = False,
) -> None:
    """A new master workbook, in the language asked for, else in the terminal's; with --from,
    the next academic year's, filled from last year's workbook (in its language unless asked)."""
    shown = ui_lang()
    if district and (source is not None or school is not None or year is not None):
        _run(lambda: _refuse(UsageError("district_options")))
    if source is not None:
        made = _run(lambda: actions.next_year_workbook(book, source, lang.value if lang else None,
                                                      school, year, force))
        _print_next_year(made, shown)
        return
    code = lang.value if lang else (shown if shown in BOOK_LANGS else BOOK_LANGS[0])
    if district:  # its only cells are the folder and the output: nothing of a school's
        path = _run(lambda: actions.new_district_workbook(book, code, force))
        out.print(t("created", shown, path=path), markup=False)
        return
    path = _run(lambda: actions.new_workbook(book, code, school, year, force))
    out.print(t("created", shown, path=path), markup=False)


def _refuse(error: UsageError) -> None:
    raise error


def _print_next_year(made: actions.NewYear, shown: str) -> None:
    """What was carried and what the user has to do, in a few lines: sheet names are the new
    workbook's (but where a line points at the old workbook's rows and cells), the words around
    them the terminal's."""
    carried, book_lang = made.carried, made.lang
    promoted = t("next_year_promoted", shown, count=len(carried.promoted),
                 names=", ".join(carried.promoted)) if carried.promoted else ""
    lines = [t("next_year_created", shown, path=made.path, source=made.source),
             t("next_year_members", shown, members=carried.members, years=carried.years,
               promoted=promoted, sheet=schema.MEMBERS.sheet.get(book_lang)),
             t("next_year_registers", shown, topics=carried.rows["self_education"],
               pairs=carried.rows["mentoring"], clubs=carried.rows["clubs"]),
             *_next_year_notes(made, shown),
             t("next_year_check", shown, start=f"{made.year_start:%d.%m.%Y}",
               end=f"{made.year_end:%d.%m.%Y}", sheet=schema.SETTINGS_SHEET.get(book_lang))]
    for line in lines:
        out.print(line, markup=False)


def _next_year_notes(made: actions.NewYear, shown: str) -> list[str]:
    """The lines for what was not carried as the rest, or may not be what the user meant."""
    carried, notes = made.carried, []
    if carried.years > 1:
        old, new = made.year_start.year - carried.years, made.year_start.year
        notes.append(t("next_year_years_between", shown, years=carried.years,
                       old=f"{old}-{old + 1}", year=f"{new}-{new + 1}"))
    if carried.not_grown:
        cells = [f"{name} ({cell})" if name else cell for name, cell in carried.not_grown]
        notes.append(t("next_year_not_grown", shown, cells=_capped(cells, ", ", shown)))
    if carried.mentoring_ended:
        notes.append(_counted("next_year_mentoring_ended", shown, carried.mentoring_ended))
    if carried.dropped:
        rows = [t("next_year_dropped_row", shown, sheet=row.sheet, line=row.line,
                  names=", ".join(row.names)) for row in carried.dropped]
        notes.append(_counted("next_year_not_members", shown, len(rows),
                              members=carried.members_sheet, rows=_capped(rows, "; ", shown)))
    if carried.unfinished_courses:
        notes.append(_counted("next_year_unfinished_courses", shown, carried.unfinished_courses,
                              sheet=schema.COURSES.sheet.get(made.lang)))
    return notes


NEXT_YEAR_LISTED = 10  # a long list of the next year's message: its first items, then "and N more"


def _capped(items: list[str], separator: str, shown: str) -> str:
    """The first items of a list, then how many more."""
    listed = separator.join(items[:NEXT_YEAR_LISTED])
    more = len(items) - NEXT_YEAR_LISTED
    return f"{listed} {t('next_year_more', shown, count=more)}" if more > 0 else listed


def _counted(key: str, shown: str, count: int, **params: object) -> str:
    """Message ``key`` for ``count`` things: its "_one" variant for one."""
    return t(f"{key}_one" if count == 1 else key, shown, count=count, **params)


@app.command(cls=HelpCommand, help="help_demo")
def demo(
    directory: Annotated[Path, typer.Argument(help="help_demo_directory",
                                              metavar="metavar_folder", readable=False)],
    schools: Annotated[int, typer.Option(min=SCHOOLS[0], max=SCHOOLS[1], help="help_demo_schools",
                                         metavar="metavar_number")] = 1,
    members: Annotated[int, typer.Option(min=MEMBERS[0], max=MEMBERS[1], help="help_demo_members",
                                         metavar="metavar_number")] = 12,
    lang: Annotated[Language | None, _lang_option("help_demo_lang")] = None,
    force: Annotated[bool, typer.Option("--force", help="help_demo_force")] = False,
) -> None:
    """Demo workbooks (Kyrgyz and Russian schools unless --lang), then the first validated."""
    from ubsheets.demo import write_demo  # the demo data is only loaded when asked for

    code = lang.value if lang else None
    shown = ui_lang()
    with _progress(schools, t("demo_progress", shown)) as advance:
        paths = _run(lambda: write_demo(directory, schools, members, code, advance, force))
    out.print(t("demo_written", shown, count=len(paths), path=directory), markup=False)
    out.print(t("demo_mistakes", shown, path=directory / "MISTAKES.md"), markup=False)
    out.print(t("demo_validating", shown, path=paths[0]), markup=False)
    # No .bak: the file is the demo's, fresh; with --force the .bak holds the replaced workbook.
    result = _run(lambda: actions.validate_file(paths[0], backup=False))
    _print_report(result.report, shown, result.sheet)
    out.print(t("validation_written", shown, sheet=result.sheet, path=paths[0]), markup=False)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[Path], None]]:
    """A progress bar on the terminal for long work; nothing when output goes to a file or a
    pipe (scripts and tests read exactly what was printed)."""
    if total < 2 or not err.is_terminal:
        yield lambda _path: None
        return
    with Progress(console=err, transient=True) as progress:
        task = progress.add_task(label, total=total)
        yield lambda _path: progress.advance(task)


@app.command("validate", cls=HelpCommand, help="help_validate")
def validate_command(
    book: Annotated[Path, _book("help_validate_book")],
    json: Json = False,
    no_write: Annotated[bool, typer.Option("--no-write", help="help_validate_no_write")] = False,
) -> None:
    """Exit code 0: no errors, 1: errors found, 2: the file could not be read."""
    result = _run(lambda: actions.validate_file(book, write=not no_write))
    if json:
        print(result.report.model_dump_json(indent=2))
        _print_kept(result.kept, err)  # stdout holds exactly the report
    else:
        shown = ui_lang()
        _print_report(result.report, shown, result.sheet)
        if result.sheet:
            out.print(t("validation_written", shown, sheet=result.sheet, path=book),
                      markup=False)
        _print_kept(result.kept, out)
    raise typer.Exit(EXIT_OK if result.report.valid else EXIT_ERRORS)


@app.command(cls=HelpCommand, help="help_summarize")
def summarize(book: Book, json: Json = False) -> None:
    written = _run(lambda: actions.summarize_file(book))
    _print_written(written, json)
    raise typer.Exit(EXIT_ERRORS if written.errors else EXIT_OK)


@app.command(cls=HelpCommand, help="help_report")
def report(
    book: Book,
    half: Annotated[str | None, typer.Option(help="help_report_half",
                                             metavar="metavar_half")] = None,
    month: Annotated[str | None, typer.Option(help="help_report_month",
                                              metavar="metavar_month")] = None,
    year: Annotated[bool, typer.Option("--year", help="help_report_year")] = False,
    all_: Annotated[bool, typer.Option("--all", help="help_report_all")] = False,
    json: Json = False,
    pdf: Annotated[Path | None, typer.Option(help="help_report_pdf", metavar="metavar_folder",
                                             readable=False)] = None,
) -> None:
    choose = _run(lambda: periods.chooser(half, month, year, all_))
    written = _run(lambda: actions.report_file(book, choose, pdf))
    _print_written(written, json)
    raise typer.Exit(EXIT_ERRORS if written.errors else EXIT_OK)  # the sheets are written anyway


template_app = typer.Typer(no_args_is_help=True, cls=HelpGroup, help="help_template")
app.add_typer(template_app, name="template")


@template_app.command("build", cls=HelpCommand, help="help_template_build")
def template_build(
    folder: Annotated[Path, typer.Argument(help="help_template_folder", metavar="metavar_folder",
                                           file_okay=False)] = templates.FOLDER,
    year: Annotated[str | None, typer.Option(help="help_template_year", metavar="metavar_year")] = None,
    check: Annotated[bool, typer.Option("--check", help="help_template_check")] = False,
) -> None:
    """The committed masters (``ubsheets.templates``); with --check, the ones that differ from a
    fresh build, exit 1 when any does."""
    shown = ui_lang()
    if check:
        stale = _run(lambda: templates.drifted(folder))
        for name in stale:
            out.print(t("templates_drifted", shown, path=folder / name), markup=False)
        out.print(t("templates_stale" if stale else "templates_current", shown, count=len(stale)),
                  markup=False)
        raise typer.Exit(EXIT_ERRORS if stale else EXIT_OK)
    for path in _run(lambda: templates.build_templates(folder, year)):
        out.print(t("created", shown, path=path), markup=False)


@app.command(cls=HelpCommand, help="help_upgrade")
def upgrade(
    book: Annotated[Path, _book("help_upgrade_book")],
    output: Annotated[Path | None, typer.Option("-o", "--output", help="help_upgrade_output",
                                                metavar="metavar_book", readable=False)] = None,
    lang: Annotated[Language | None, _lang_option("help_upgrade_lang")] = None,
    year: Annotated[str | None, typer.Option(help="help_new_year", metavar="metavar_year")] = None,
) -> None:
    """Our sheets added to a workbook of the school's own; one line says which (or that it
    already has them)."""
    shown = ui_lang()
    code = lang.value if lang else (shown if shown in BOOK_LANGS else BOOK_LANGS[0])
    result = _run(lambda: actions.upgrade_file(book, output, code, year))
    if result.migrated is not None:
        moved = result.migrated
        renamed = ", ".join(f"«{old}» → «{new}»" for old, new in moved.renamed.items())
        out.print(t("migrated", shown, path=result.path, version=moved.version, current=TEMPLATE_VERSION,
                    rows=moved.carried, renamed=renamed or t("migrated_nothing_renamed", shown)),
                  markup=False)
    elif result.added:
        visible = [sheet for sheet in result.added if sheet != schema.META_SHEET]  # it is hidden
        out.print(t("upgraded", shown, path=result.path, count=len(visible), sheets=", ".join(visible)),
                  markup=False)
        if result.vba in ("added", "kept"):
            out.print(t(f"upgrade_vba_{result.vba}", shown, sheet=result.home_sheet), markup=False)
    else:
        out.print(t("upgrade_nothing_to_do", shown, path=result.path), markup=False)


@app.command(cls=HelpCommand, help="help_consolidate")
def consolidate(
    inputs: Annotated[list[Path], typer.Argument(help="help_consolidate_inputs",
                                                 metavar="metavar_inputs", readable=False)],
    output: Annotated[Path, typer.Option("-o", "--output", help="help_consolidate_output",
                                         metavar="metavar_book", readable=False)],
    json: Annotated[bool, typer.Option("--json", help="help_consolidate_json")] = False,
    month: Annotated[str | None, typer.Option(help="help_consolidate_month",
                                              metavar="metavar_month")] = None,
    lang: Annotated[Language | None, _lang_option("help_consolidate_lang")] = None,
) -> None:
    """Exit code 0: the district workbook was written (bad files listed); 2: no input could be
    used, or the workbook could not be written."""
    code = lang.value if lang else None
    shown = ui_lang()
    total = len(_run(lambda: actions.workbook_paths(inputs, output)))
    with _progress(total, t("consolidate_progress", shown)) as advance:
        result = _run(lambda: _consolidate_or_explain(inputs, output, month, code, advance))
    if json:
        print(json_module.dumps(result.as_json(), ensure_ascii=False, indent=2))
        return
    for file in result.files:
        if file.status != actions.FILE_OK:
            reason = file.why.message(shown) if file.why else file.reason
            err.print(t("consolidate_file_line", shown, path=file.path,
                        status=t("dstatus_" + file.status, shown), reason=reason), markup=False)
    counts = {status: sum(f.status == status for f in result.files)
              for status in (actions.FILE_OK, actions.FILE_FAILED, actions.FILE_DUPLICATE)}
    out.print(t("consolidate_written", shown, path=result.output, ok=counts["ok"],
                failed=counts["failed"], duplicate=counts["duplicate"]), markup=False)


def _consolidate_or_explain(inputs: list[Path], output: Path, month: str | None,
                            code: str | None, advance: Callable[[Path], None]
                            ) -> actions.Consolidated:
    """When no input could be used, each file's reason comes before the error's one line."""
    try:
        return actions.consolidate_files(inputs, output, month, code, advance)
    except actions.NothingUsable as nothing:
        shown = ui_lang()
        for path, why in nothing.failures:
            err.print(t("consolidate_file_line", shown, path=path,
                        status=t("dstatus_failed", shown), reason=why.message(shown)),
                      markup=False)
        raise


def _print_written(written: actions.Written, as_json: bool) -> None:
    if as_json:
        print(json_module.dumps(written.as_json(), ensure_ascii=False, indent=2))
        return
    shown = ui_lang()  # the sheets' names are the workbook's, the words around them the terminal's
    for document in written.documents:
        out.print(t("sheet_written", shown, sheet=document.sheet), markup=False)
    if written.validation_sheet:
        out.print(t("sheet_written", shown, sheet=written.validation_sheet), markup=False)
    _print_kept(written.kept, out)
    for path in written.pdfs:
        out.print(t("pdf_written", shown, path=path), markup=False)
    if written.errors:
        err.print(t("registers_have_errors", shown, errors=written.errors,
                    sheet=written.validation_sheet), markup=False)


def _print_kept(kept: list[KeptSheet], console: Console) -> None:
    """One line for each sheet of ours the user had changed: where the change is now."""
    for sheet in kept:
        console.print(t("sheet_kept", ui_lang(), sheet=sheet.sheet, kept=sheet.kept_as), markup=False)


def _print_report(report: Report, lang: str, sheet: str | None) -> None:
    """The first findings as a table: headings, severities and totals in ``lang`` (the
    terminal's), each finding's message as the validation sheet holds it (the workbook's
    language). Beyond ``SHOWN_FINDINGS`` a line says how many more there are and where all of
    them are (``sheet``, the validation sheet written, if any, and --json): a table of 100,000
    rows took a terminal longer than the check itself, and no one reads it there."""
    if report.issues:
        table = Table(show_lines=False, header_style="bold")
        for key in ("col_sheet", "col_cell", "col_severity", "col_message"):
            table.add_column(t(key, lang), overflow="fold")
        for finding in report.issues[:SHOWN_FINDINGS]:
            style = "red" if finding.severity == "error" else "yellow"
            # Text, not markup: a cell's value may hold anything, brackets included.
            table.add_row(Text(finding.sheet), Text(finding.cell),
                          Text(t("severity_" + finding.severity, lang), style=style),
                          Text(finding.message))
        out.print(table)
    more = len(report.issues) - SHOWN_FINDINGS
    if more > 0:
        key = "findings_not_shown" if sheet else "findings_not_shown_no_sheet"
        out.print(t(key, lang, more=more, sheet=sheet), markup=False)
    out.print(t("validation_totals", lang, errors=report.errors, warnings=report.warnings))
    if report.valid:
        out.print(f"[green]{t('validation_ok', lang)}[/]")


def _version(value: bool) -> None:
    if value:
        out.print(f"ubsheets {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version,
                                                is_eager=True, help="help_version")] = False) -> None:
    pass


def main() -> None:
    """The console script: runs the app, and turns a misuse of it into one line in the user's
    language (the CLI library's own messages are English) with exit code 2."""
    # One run makes hundreds of thousands of rows, cells and findings and keeps most of them to
    # the end: the cyclic collector's default pass every 700 new objects scanned them again and
    # again, a tenth of a large report's time. Our data makes no cycles to collect early.
    gc.set_threshold(GC_FIRST_PASS_AFTER)
    try:
        code = app(prog_name="ubsheets", standalone_mode=False)
    except Exception as error:
        code = _misused(error)
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _misused(error: Exception) -> int:
    """Typer ships its own copy of Click, so its exceptions are recognised by their Click class
    names (a stable interface) rather than imported from a private module."""
    kinds = {cls.__name__ for cls in type(error).__mro__}
    ctx = getattr(error, "ctx", None)
    if "NoArgsIsHelpError" in kinds and ctx is not None:  # a bare command: show its help, once
        print(ctx.get_help())
        return EXIT_OK
    if "Abort" in kinds:  # Ctrl-C at a prompt
        return EXIT_INPUT
    if "UsageError" not in kinds and "Misuse" not in kinds:
        raise error
    lang = ui_lang()
    command = ctx.command_path if ctx is not None else "ubsheets"
    err.print(f"{t('error_prefix', lang)}: "
              f"{t('misuse', lang, detail=misuse_detail(error, lang), command=command)}",
              markup=False)
    return EXIT_INPUT


if __name__ == "__main__":
    main()
