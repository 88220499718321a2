"""What a deputy director gets on paper: whole labels, every page headed by its own table's
header, page numbers, and figures that leave out the rows with errors and say so.

LibreOffice renders the PDFs; pdftotext reads them back."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from builders import HEAD, MEMBER, ROWS, make_book, with_row
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook

from ubsheets import actions
from ubsheets.core.periods import month
from ubsheets.core.report import head_report
from ubsheets.core.validate import typed_context
from ubsheets.demo import write_demo
from ubsheets.i18n import t
from ubsheets.io import pdf
from ubsheets.io.reader import read_book
from ubsheets.io.report_layout import document_sheet
from ubsheets.io.sheet_model import Cell

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils is not installed")
TOTALS = ("total_members", "total_open_lessons_planned", "total_open_lessons_held",
          "total_events_held", "total_activities", "total_control", "total_courses_done",
          "total_meetings", "total_documents", "total_self_education")


def pdf_pages(path: Path) -> list[list[str]]:
    """Each printed page's non-empty lines, stripped."""
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = [[line.strip() for line in page.splitlines() if line.strip()]
             for page in text.split("\f")]
    return [page for page in pages if page]


def first_text(cell: Cell | object) -> str:
    return str(cell.value if isinstance(cell, Cell) else cell)


@needs_libreoffice
@needs_poppler
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_annual_report_labels_print_whole_in_a_column_of_their_own(tmp_path, lang):
    path = make_book(tmp_path / "b.xlsx", lang)
    written = actions.report_file(path, lambda ctx: [p for p in _year(ctx)], tmp_path / "pdf")
    [page, *_] = pdf_pages(written.pdfs[0])
    for key in TOTALS:  # "Көрсөткүч", not "Көрс/өткү/ч": each label whole on its line
        label = t(key, lang)
        assert any(label in line for line in page), label
    assert any(line.split()[:2] == ["№", t("col_indicator", lang)] for line in page)


def _year(ctx):
    from ubsheets.core.periods import academic_year

    return [academic_year(*ctx.calendar.year_bounds())]


@needs_libreoffice
@needs_poppler
@pytest.mark.parametrize("lang, members, page_label", [
    ("ky", 1000, "Бет {} / {}"), ("ru", 300, "Стр. {} из {}")])
def test_every_page_is_headed_by_the_table_that_continues_on_it(tmp_path, lang, members,
                                                                page_label):
    """A long month report: our page breaks are the only ones (LibreOffice adds none), each page
    after the first starts with the title and header of the table that runs on it, and each
    page carries its number and the count."""
    book = write_demo(tmp_path / "demo", members=members, lang=lang)[0]
    ctx, _ = typed_context(read_book(book))
    spec = document_sheet(head_report(ctx, month("2020-10")))
    assert len(spec.page_breaks) >= 5
    headers = {tuple(first_text(c) for c in row) for row in spec.rows
               if row and isinstance(row[0], Cell) and row[0].value == "№"}
    starts = []
    for row in spec.page_breaks:
        title, header = spec.rows[row - 1], spec.rows[row]
        if row == spec.page_breaks[-1] and not header:  # the note and signatures, kept together
            assert len(spec.rows) - row <= 5  # nothing but the note and the two signatures
        else:
            assert tuple(first_text(c) for c in header) in headers, row  # a table's own header
        starts.append(first_text(title[0]))
    [made] = pdf.render([spec], tmp_path / "pdf", "r")
    pages = pdf_pages(made)
    assert len(pages) == len(spec.page_breaks) + 1
    for number, page in enumerate(pages, start=1):
        assert page[-1] == page_label.format(number, len(pages))
        if number > 1:
            assert page[0] == starts[number - 2]
    continued = t("continued", lang, title=t("section_activity_log", lang))
    assert starts.count(continued) >= 1  # the activity log runs over several pages


@needs_libreoffice
@needs_poppler
def test_summary_pages_are_numbered(tmp_path):
    from ubsheets.core.summary import summary

    book = write_demo(tmp_path / "demo", members=200)[0]
    ctx, _ = typed_context(read_book(book))
    [made] = pdf.render([document_sheet(summary(ctx))], tmp_path / "pdf", "s")
    pages = pdf_pages(made)
    assert len(pages) > 2
    assert [page[-1] for page in pages] == [f"Бет {n} / {len(pages)}"
                                            for n in range(1, len(pages) + 1)]


MISSPELT = "Токтогулов Нурлан Маратавич"  # one letter off MEMBER


def test_rows_with_errors_are_left_out_and_the_sheet_says_so(tmp_path):
    """A misspelt teacher is not a second person in the summary, a repeated event is not held
    twice in the report, and both sheets say under the title how many rows were left out."""
    lessons = with_row("open_lessons", teacher=MISSPELT, topic="Бөлчөктөр")
    path = make_book(tmp_path / "b.xlsx", events=[*ROWS["events"], *ROWS["events"]], **lessons)
    summary_written = actions.summarize_file(path)
    report_written = actions.report_file(path, lambda ctx: [month("2020-10")])
    assert (summary_written.errors, report_written.errors) == (1, 1)
    book = CalamineWorkbook.from_path(str(path))
    notice = "Катасы бар же кайталанган 2 сап эсепке алынган жок («Текшерүү» барагын караңыз)."
    for name in ("Жыйынтык", "Отчет 2020-10"):
        rows = book.get_sheet_by_name(name).to_python()
        assert [c for c in rows[4] if c != ""] == [notice], name
    summary_rows = [[c for c in r if c != ""] for r in
                    book.get_sheet_by_name("Жыйынтык").to_python()]
    teachers = [r[0] for r in summary_rows if r and r[0] in (HEAD, MEMBER, MISSPELT)]
    assert MISSPELT not in teachers and MEMBER in teachers
    report_rows = [[c for c in r if c != ""] for r in
                   book.get_sheet_by_name("Отчет 2020-10").to_python()]
    held = [r for r in report_rows if "Функционалдык сабаттуулук" in r]
    assert held == [[1, "Функционалдык сабаттуулук", dt.date(2020, 10, 20), HEAD, "семинар"]]
    findings = book.get_sheet_by_name("Текшерүү").to_python()  # written with them, current
    assert [r[6] for r in findings[1:] if r[6]] == ["unknown_teacher", "duplicate_row"]


def test_a_clean_book_prints_no_notice(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    actions.summarize_file(path)
    book = CalamineWorkbook.from_path(str(path))
    assert "Текшерүү" not in book.sheet_names
    rows = book.get_sheet_by_name("Жыйынтык").to_python()
    assert set(rows[4]) == {""} and rows[5][0] == t("section_qualification", "ky")


@needs_libreoffice
@needs_poppler
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_register_prints_as_the_documents_form(tmp_path, libreoffice, lang):
    """The members register of a 150-member association, printed alone: every page carries the
    form's title and the whole header (its first and last columns side by side), each member is
    on one page, and the pages are numbered."""
    import openpyxl

    from ubsheets.schema import MEMBERS

    book = write_demo(tmp_path / "demo", members=150, lang=lang)[0]
    workbook = openpyxl.load_workbook(book)
    for ws in list(workbook.worksheets):
        if ws.title != MEMBERS.sheet.get(lang):
            workbook.remove(ws)
    alone = tmp_path / "members.xlsx"
    workbook.save(alone)
    pages = pdf_pages(libreoffice(alone, "pdf", tmp_path))
    assert len(pages) >= 2
    first, last = MEMBERS.columns[0].header.get(lang), MEMBERS.columns[-1].header.get(lang)
    label = {"ky": "Бет {} / {}", "ru": "Стр. {} из {}"}[lang]
    for number, page in enumerate(pages, start=1):
        assert page[0] == MEMBERS.title.get(lang)
        header = " ".join(page[1:8])  # the header's cells wrap over a few lines
        assert first in header and last.split()[0] in header, page[:8]
        assert page[-1] == label.format(number, len(pages))
    names = [row[0].value for row in workbook.active.iter_rows(min_row=3) if row[0].value]
    raw = subprocess.run(["pdftotext", str(tmp_path / "members.pdf"), "-"], capture_output=True,
                         text=True, check=True).stdout
    text = [" ".join(page.split()) for page in raw.split("\f")]  # a wrapped name joins again
    for name in names:
        assert sum(name in page for page in text) == 1, name
