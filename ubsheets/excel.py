"""What the workbook's buttons call through xlwings' ``RunPython``: the CLI's actions, open book.

Each entry point (``validate``, ``summarize``, ``report``, ``consolidate``) takes the calling book
(``xw.Book.caller()`` unless one is passed in), runs the same function of ``ubsheets.actions`` as
the command line, and tells the outcome in one message box in the book's language. A user's
problem becomes its one readable message; anything else one line, "unexpected error"; never a
traceback.

How generated sheets reach the open book, without a second layout implementation:
the book is saved, the saved file is copied to a temporary folder, the action writes its sheets
into that copy through the file writer (which keeps everything else), and the copy is opened in
the same Excel under a name of its own, where each written sheet is copied into the caller with
``Sheet.copy`` (an old sheet of the same name deleted first, one the user had changed renamed as
the writer renamed it), after which the book is saved again. Writing the caller's own file in
place and reopening it is not possible: Excel holds the open file (its owner file ``~$NAME``
makes ``safe_write`` refuse, and Windows refuses to replace a file Excel has open), and closing
the book whose macro is running under ``RunPython`` would pull the button's own VBA out from
under it. Excel cannot open two books of one name even from different folders, hence the
copy's other name.

Consolidate writes the district workbook through ``consolidate_files`` as the CLI does, to a file
of its own (a fresh workbook: it would drop the calling book's macros and buttons), and opens it.
Named cells (``ub_period``, ``ub_folder``, ``ub_output``) are read with one range read each.
Importing this module needs neither Excel nor an xlwings engine.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ubsheets import actions
from ubsheets.core import periods
from ubsheets.core.context import Context
from ubsheets.core.periods import Period
from ubsheets.errors import InputError, UbsheetsError, UsageError
from ubsheets.i18n import t
from ubsheets.io.home_sheet import DISTRICT, FOLDER_NAME, HOME_SHEET, MONTH_NAME, OUTPUT_NAME, PERIOD_NAME, SCHOOL
from ubsheets.io.package_writer import KeptSheet
from ubsheets.schema import ALL_TABLES, Label

TITLE = "ubsheets"
MAX_DETAIL = 200  # characters of an unexpected error's own text in its one line

Book = Any  # an xlwings Book (or the tests' stand-in): xlwings is only imported for the caller


def validate(book: Book | None = None) -> None:
    _run(book, _validate)


def summarize(book: Book | None = None) -> None:
    _run(book, _summarize)


def report(book: Book | None = None) -> None:
    """The report for the period in the cell named ``ub_period`` (2020-10-1, 2020-10, 2020-2021)."""
    _run(book, _report)


def consolidate(book: Book | None = None) -> None:
    """The district workbook of every workbook in the folder named in the cell ``ub_folder``."""
    _run(book, _consolidate)


def _caller() -> Book:
    import xlwings as xw  # only here: importing this module must not need Excel

    return xw.Book.caller()


def _run(book: Book | None, action: Callable[[Book], tuple[str, list[str]]]) -> None:
    """Run one action; its outcome, or the one line of what went wrong, in a message box."""
    book = book if book is not None else _caller()
    lang = "ky"
    try:
        lang = book_lang(book)
        lang, lines = action(book)
        message = "\n".join(lines)
    except UbsheetsError as error:
        message = error.message(lang)
    except Exception as error:  # a bug: one line for the user, details on request
        if os.environ.get("UBSHEETS_DEBUG"):
            raise
        detail = " ".join(f"{type(error).__name__}: {error}".split())[:MAX_DETAIL]
        message = t("excel_unexpected", lang, detail=detail)
    book.app.alert(message, title=TITLE)


def book_lang(book: Book) -> str:
    """The book's language from its sheets' names (Kyrgyz when they don't tell)."""
    names = {sheet.name.casefold() for sheet in book.sheets}
    labels = [reg.sheet for reg in ALL_TABLES] + [HOME_SHEET]
    votes = {lang: sum(label.get(lang).casefold() in names for label in labels
                       if label.get(lang) != label.ky) for lang in ("ru", "en")}
    lang, count = max(votes.items(), key=lambda item: item[1])
    return lang if count else "ky"


# --- the actions -----------------------------------------------------------------------------


def _validate(book: Book) -> tuple[str, list[str]]:
    def run(path: Path) -> tuple[actions.Validation, list[str], list[KeptSheet]]:
        result = actions.validate_file(path, backup=False)
        return result, [result.sheet] if result.sheet else [], result.kept

    result = _through_copy(book, run)
    lang, report_ = result.lang, result.report
    errors = sum(f.severity == "error" for f in report_.issues)
    lines = [t("validation_totals", lang, errors=errors, warnings=len(report_.issues) - errors)
             if report_.issues else t("validation_ok", lang)]
    if result.sheet:
        lines.append(t("sheet_written", lang, sheet=result.sheet))
    return lang, lines + _kept_lines(result.kept, lang)


def _summarize(book: Book) -> tuple[str, list[str]]:
    written = _through_copy(book, lambda path: _sheets_of(actions.summarize_file(path)))
    return written.lang, _written_lines(written)


def _report(book: Book) -> tuple[str, list[str]]:
    choose = period_choice(named_value(book, PERIOD_NAME))  # before anything is saved
    written = _through_copy(book, lambda path: _sheets_of(actions.report_file(path, choose)))
    return written.lang, _written_lines(written)


def _consolidate(book: Book) -> tuple[str, list[str]]:
    lang = book_lang(book)
    caller = _saved_path(book).resolve()
    here = caller.parent
    folder = here / str(named_value(book, FOLDER_NAME)).strip()
    if not folder.is_dir():
        raise InputError("excel_not_a_folder", path=folder)
    month = _month_text(book)  # before anything is read
    given = _optional_value(book, OUTPUT_NAME)
    output = here / given if given else folder.parent / f"{folder.name}.xlsx"
    # The calling workbook may sit in the schools' folder ("."): it is not a school's.
    inputs = [path for path in actions.workbook_paths([folder], output) if path.resolve() != caller]
    result = actions.consolidate_files(inputs, output, month=month, lang=lang)
    counts = {status: sum(f.status == status for f in result.files)
              for status in (actions.FILE_OK, actions.FILE_FAILED, actions.FILE_DUPLICATE)}
    book.app.books.open(str(output))  # the district workbook, for the user to read
    return result.lang, [t("consolidate_written", result.lang, path=output, ok=counts["ok"],
                           failed=counts["failed"], duplicate=counts["duplicate"])]


def _sheets_of(written: actions.Written) -> tuple[actions.Written, list[str], list[KeptSheet]]:
    names = [document.sheet for document in written.documents]
    return written, names + ([written.validation_sheet] if written.validation_sheet else []), \
        written.kept


def _written_lines(written: actions.Written) -> list[str]:
    lang = written.lang
    lines = [t("sheet_written", lang, sheet=document.sheet) for document in written.documents]
    if written.validation_sheet:
        lines.append(t("sheet_written", lang, sheet=written.validation_sheet))
    lines += _kept_lines(written.kept, lang)
    if written.errors:
        lines.append(t("registers_have_errors", lang, errors=written.errors,
                       sheet=written.validation_sheet))
    return lines


def _kept_lines(kept: list[KeptSheet], lang: str) -> list[str]:
    return [t("sheet_kept", lang, sheet=sheet.sheet, kept=sheet.kept_as) for sheet in kept]


# --- the period and the named cells ----------------------------------------------------------

_HALF, _MONTH = re.compile(r"\d{4}-\d{1,2}-\d"), re.compile(r"\d{4}-\d{1,2}")


def period_choice(value: object) -> Callable[[Context], list[Period]]:
    """The periods a cell's text names: "2020-10-1" a half-month, "2020-10" a month, "2020-2021"
    the academic year (the book's own days when it is the book's year; another year is refused
    as the CLI refuses a period outside the year). A date (Excel's reading of "2020-10") or
    anything else is refused with the forms it takes."""
    text = value.strip() if isinstance(value, str) else None
    if text and _HALF.fullmatch(text):
        return periods.chooser(text, None, False, False)
    if text and _MONTH.fullmatch(text):
        return periods.chooser(None, text, False, False)
    asked = periods.period_of_code(text) if text else None
    if asked is None or asked.kind != "year":
        start, end = actions.academic_year(None)  # examples from this year, as the list has them
        raise UsageError("excel_bad_period", value="" if value is None else value,
                         month=f"{start}-10", year=f"{start}-{end}")

    def year(ctx: Context) -> list[Period]:
        own = periods.academic_year(*ctx.calendar.year_bounds())
        return [own if own.code == asked.code else asked]

    return year


def named_value(book: Book, name: str) -> object:
    """The value of the cell a defined name points at (one range read); refused when missing."""
    if not book.names.contains(name):
        raise InputError("excel_no_cell", name=cell_label(name))
    value = book.names[name].refers_to_range.value
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError("excel_empty_cell", name=cell_label(name))
    return value


def cell_label(name: str) -> Label | str:
    """What the home sheet calls the cell ``name`` (its label, without the colon): a teacher
    reads "Период", not "ub_period"."""
    for field in (*SCHOOL.fields, *DISTRICT.fields):
        if field.name == name:
            ky, ru, en = (t(field.label, lang).rstrip(":") for lang in ("ky", "ru", "en"))
            return Label(ky, ru, en)
    return name


def _month_text(book: Book) -> str | None:
    """The month cell's "2020-10"; a date there (Excel reads a typed "2020-10" in a cell not
    formatted as text as 1 October 2020) is its month."""
    value = _cell_value(book, MONTH_NAME)
    if isinstance(value, dt.date):
        return f"{value.year}-{value.month:02d}"
    return _text(value)


def _optional_value(book: Book, name: str) -> str | None:
    return _text(_cell_value(book, name))


def _cell_value(book: Book, name: str) -> object:
    """The value of the cell ``name`` (one range read); None when there is no such name."""
    return book.names[name].refers_to_range.value if book.names.contains(name) else None


def _text(value: object) -> str | None:
    return (str(value).strip() or None) if value is not None else None


# --- sheets: written into a copy by the file writer, copied into the open book ----------------


def _saved_path(book: Book) -> Path:
    """The book's file; a book never saved has none (its full name is "Book1")."""
    path = Path(book.fullname)
    if not path.is_absolute() or not path.is_file():
        raise InputError("excel_save_first")
    return path


def _through_copy(book: Book, run: Callable[[Path], tuple[Any, list[str], list[KeptSheet]]]
                  ) -> Any:
    # Asked before saving: xlwings saves a book that never was one as <cwd>\Book1.xlsx, without
    # its macros and without asking (xlwings/_xlwindows.py, Book.save).
    source = _saved_path(book)
    book.save()  # the registers as typed, unsaved edits included
    with tempfile.TemporaryDirectory(prefix="ubsheets-excel-") as folder:
        copy = Path(folder) / source.name  # so that a message names the user's file
        shutil.copyfile(source, copy)
        result, names, kept = run(copy)
        if names:
            # Excel cannot open two books of one name, even from two folders.
            _place(book, copy.replace(copy.with_name(f"ubsheets-{source.name}")), names, kept)
            book.save()
    return result


def _place(book: Book, rendered_path: Path, names: list[str], kept: list[KeptSheet]) -> None:
    """Copy the sheets ``names`` from the written file into ``book``, each after the sheet it
    follows in the written file (as the writer ordered them), replacing one of the same name."""
    rendered = book.app.books.open(str(rendered_path))
    try:
        order = [sheet.name for sheet in rendered.sheets]
        present = [sheet.name for sheet in book.sheets]
        for each in kept:  # the user's changed sheet stays, under the name the writer gave it
            if each.sheet in present:
                book.sheets[each.sheet].name = each.kept_as
                present[present.index(each.sheet)] = each.kept_as
        for name in names:
            if name in present:
                book.sheets[name].delete()
                present.remove(name)
            before = order[:order.index(name)]
            anchor = next((other for other in reversed(before) if other in present), None)
            if anchor is None:
                rendered.sheets[name].copy(before=book.sheets[0])
                present.insert(0, name)
            else:
                rendered.sheets[name].copy(after=book.sheets[anchor])
                present.insert(present.index(anchor) + 1, name)
    finally:
        rendered.close()
