"""The command line: parse options → call one function → print. Errors become one line and an
exit code, in one place (``_run``): 0 no errors, 1 errors found, 2 unreadable input or misuse."""

from __future__ import annotations

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

from ubsheets import __version__, actions
from ubsheets.core import periods
from ubsheets.core.findings import Report
from ubsheets.errors import UbsheetsError
from ubsheets.i18n import t, ui_lang

EXIT_OK, EXIT_ERRORS, EXIT_INPUT = 0, 1, 2
T = TypeVar("T")

app = typer.Typer(
    add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="ubsheets: усулдук бирикменин (УБ) реестрлери бир Excel китепте / реестры "
         "методического объединения (МО) в одной книге Excel.",
)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class Language(StrEnum):
    ky = "ky"
    ru = "ru"


LangOption = Annotated[Language | None, typer.Option(
    "--lang", help="Китептин тили / язык книги: ky (кыргызча) же/или ru (русский).")]


def _run(action: Callable[[], T], lang: str | None = None) -> T:
    """Run one library call; a user's problem becomes one line on stderr and exit code 2."""
    try:
        return action()
    except UbsheetsError as error:
        lang = ui_lang(lang)
        err.print(f"{t('error_prefix', lang)}: {error.message(lang)}", markup=False)
        raise typer.Exit(EXIT_INPUT) from None
    except (typer.Exit, KeyboardInterrupt):
        raise
    except Exception as error:  # a bug: still one line for the user, details on request
        if os.environ.get("UBSHEETS_DEBUG"):
            raise
        lang = ui_lang(lang)
        detail = f"{type(error).__name__}: {error}"[:200]
        err.print(f"{t('error_prefix', lang)}: {t('unexpected', lang, detail=detail)}",
                  markup=False)
        raise typer.Exit(EXIT_INPUT) from None


@app.command()
def new(
    book: Annotated[Path, typer.Argument(help="Жаңы китеп / новая книга (.xlsm же .xlsx).")],
    lang: LangOption = Language.ky,
    school: Annotated[str | None, typer.Option(help="Мектептин аталышы / название школы.")] = None,
    year: Annotated[str | None, typer.Option(
        help="Окуу жылы / учебный год, мисалы 2020-2021 (демейки: учурдагы).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Бар файлдын үстүнө жазуу / "
                                                        "перезаписать существующий файл.")] = False,
) -> None:
    """Бош мастер-китеп түзөт / создать пустую мастер-книгу со всеми реестрами."""
    code = (lang or Language.ky).value
    path = _run(lambda: actions.new_workbook(book, code, school, year, force), code)
    out.print(t("created", code, path=path), markup=False)


@app.command()
def demo(
    directory: Annotated[Path, typer.Argument(help="Папка / папка для демо-книг.")],
    schools: Annotated[int, typer.Option(min=1, max=500, help="Канча мектеп / сколько школ.")] = 1,
    members: Annotated[int, typer.Option(min=3, max=5000,
                                         help="Мүчөлөрдүн саны / членов МО в школе.")] = 12,
    lang: LangOption = None,
) -> None:
    """Толтурулган демо-китептерди жазып, биринчисин текшерет / записать демо-книги и
    проверить первую."""
    from ubsheets.demo import write_demo  # the demo data is only loaded when asked for

    code = lang.value if lang else None
    with _progress(schools, t("demo_progress", ui_lang(code))) as advance:
        paths = _run(lambda: write_demo(directory, schools, members, code, advance), code)
    shown = ui_lang(code)
    out.print(t("demo_written", shown, count=len(paths), path=directory), markup=False)
    out.print(t("demo_mistakes", shown, path=directory / "MISTAKES.md"), markup=False)
    out.print(t("demo_validating", shown, path=paths[0]), markup=False)
    result = _run(lambda: actions.validate_file(paths[0], backup=False), code)
    _print_report(result.report, result.lang)
    out.print(t("validation_written", result.lang, sheet=result.sheet, path=paths[0]),
              markup=False)


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


@app.command("validate")
def validate_command(
    book: Annotated[Path, typer.Argument(help="Текшерилүүчү китеп / книга для проверки.")],
    json: Annotated[bool, typer.Option("--json", help="JSON менен чыгаруу / вывод в JSON.")] = False,
    no_write: Annotated[bool, typer.Option("--no-write", help="Текшерүү барагын жазбоо / не "
                                                              "записывать лист проверки.")] = False,
) -> None:
    """Реестрлерди текшерет / проверить реестры книги. Код: 0 ката жок / ошибок нет, 1 ката бар / есть
    ошибки, 2 файл окулбады / файл не прочитан."""
    result = _run(lambda: actions.validate_file(book, write=not no_write))
    if json:
        print(result.report.model_dump_json(indent=2))
    else:
        _print_report(result.report, result.lang)
        if result.sheet:
            out.print(t("validation_written", result.lang, sheet=result.sheet, path=book),
                      markup=False)
    raise typer.Exit(EXIT_OK if result.report.valid else EXIT_ERRORS)


@app.command()
def summarize(
    book: Annotated[Path, typer.Argument(help="Мастер-китеп / мастер-книга.")],
    json: Annotated[bool, typer.Option("--json", help="JSON менен чыгаруу / вывод в JSON.")] = False,
) -> None:
    """Жыйынтык барагын жазат / записать лист сводки (квалификация, открытые уроки,
    мероприятия, контроль, документы, самообразование)."""
    written = _run(lambda: actions.summarize_file(book))
    _print_written(written, json)
    raise typer.Exit(EXIT_ERRORS if written.errors else EXIT_OK)


@app.command()
def report(
    book: Annotated[Path, typer.Argument(help="Мастер-китеп / мастер-книга.")],
    half: Annotated[str | None, typer.Option(
        help="Жарым ай / полмесяца: 2020-10-1 (1–15) же/или 2020-10-2 (16–31).")] = None,
    month: Annotated[str | None, typer.Option(help="Ай / месяц: 2020-10.")] = None,
    year: Annotated[bool, typer.Option("--year", help="Жылдык отчет / годовой отчёт.")] = False,
    all_: Annotated[bool, typer.Option("--all", help="Ар бир ай жана жылдык / каждый месяц и "
                                                     "годовой.")] = False,
    json: Annotated[bool, typer.Option("--json", help="JSON менен чыгаруу / вывод в JSON.")] = False,
    pdf: Annotated[Path | None, typer.Option(help="PDF папкасы / папка для PDF (LibreOffice).")]
    = None,
) -> None:
    """УБнын жетекчисинин отчетун жазат / записать отчёт руководителя МО за период."""
    choose = _run(lambda: periods.chooser(half, month, year, all_))
    written = _run(lambda: actions.report_file(book, choose, pdf))
    _print_written(written, json)
    raise typer.Exit(EXIT_ERRORS if written.errors else EXIT_OK)  # the sheets are written anyway


def _print_written(written: actions.Written, as_json: bool) -> None:
    if as_json:
        print(json_module.dumps(written.as_json(), ensure_ascii=False, indent=2))
        return
    lang = written.lang
    for document in written.documents:
        out.print(t("sheet_written", lang, sheet=document.sheet), markup=False)
    for path in written.pdfs:
        out.print(t("pdf_written", lang, path=path), markup=False)
    if written.errors:
        err.print(t("registers_have_errors", lang, errors=written.errors), markup=False)


def _print_report(report: Report, lang: str) -> None:
    if report.issues:
        table = Table(show_lines=False, header_style="bold")
        for key in ("col_sheet", "col_cell", "col_severity", "col_message"):
            table.add_column(t(key, lang), overflow="fold")
        for finding in report.issues:
            style = "red" if finding.severity == "error" else "yellow"
            # Text, not markup: a cell's value may hold anything, brackets included.
            table.add_row(Text(finding.sheet), Text(finding.cell),
                          Text(t("severity_" + finding.severity, lang), style=style),
                          Text(finding.message))
        out.print(table)
    out.print(t("validation_totals", lang, errors=report.errors, warnings=report.warnings))
    if report.valid:
        out.print(f"[green]{t('validation_ok', lang)}[/]")


def _version(value: bool) -> None:
    if value:
        out.print(f"ubsheets {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: Annotated[bool, typer.Option("--version", callback=_version,
                                                is_eager=True, help="Версия.")] = False) -> None:
    pass


def main() -> None:
    """The console script: runs the app, and turns a misuse of it into one line in the user's
    language (the CLI library's own messages are English boxes) with exit code 2."""
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
    if "NoArgsIsHelpError" in kinds and ctx is not None:  # a bare command: show its help
        out.print(ctx.get_help(), markup=False)
        return EXIT_OK
    if "Abort" in kinds:  # Ctrl-C at a prompt
        return EXIT_INPUT
    if "UsageError" not in kinds:
        raise error
    lang = ui_lang()
    command = ctx.command_path if ctx is not None else "ubsheets"
    err.print(f"{t('error_prefix', lang)}: "
              f"{t('misuse', lang, detail=_misuse_detail(error, kinds, lang), command=command)}",
              markup=False)
    return EXIT_INPUT


def _misuse_detail(error: Exception, kinds: set[str], lang: str) -> str:
    param = getattr(error, "param", None)
    what = str(getattr(error, "param_hint", None) or getattr(param, "name", "") or "").strip("'")
    if "MissingParameter" in kinds:
        return t("misuse_missing", lang, what=what)
    if "BadOptionUsage" in kinds:  # an option given without its value
        return t("misuse_needs_value", lang, what=getattr(error, "option_name", ""))
    if "NoSuchOption" in kinds:
        return t("misuse_no_option", lang, what=getattr(error, "option_name", ""))
    if "BadParameter" in kinds:
        return t("misuse_bad_value", lang, what=what, detail=getattr(error, "message", ""))
    return str(error.format_message()).rstrip(".")  # type: ignore[attr-defined]


if __name__ == "__main__":
    main()
