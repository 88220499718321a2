"""Summaries and the head's report: exact content, printable layout, determinism, PDF."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import zipfile

import pytest
from builders import HEAD, MEMBER, ROWS, make_book
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook


def run(*args, env=None):
    return subprocess.run([sys.executable, "-m", "ubsheets", *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=env)


def sheet(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def part_of(path, sheet_name):
    """The worksheet XML of a sheet, found through workbook.xml and its rels."""
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
        rels = z.read("xl/_rels/workbook.xml.rels").decode()
        rid = re.search(rf'<sheet [^>]*name="{re.escape(sheet_name)}"[^>]*r:id="([^"]+)"',
                        workbook).group(1)
        target = re.search(rf'<Relationship [^>]*Id="{rid}"[^>]*Target="([^"]+)"', rels) \
            or re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid}"', rels)
        return z.read("xl/" + target.group(1).lstrip("/").removeprefix("xl/"))


def test_half_month_report_is_the_documents_form(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    result = run("report", path, "--half", "2020-09-1")
    assert (result.returncode, result.stdout) == (0, "Барак жазылды: Отчет 2020-09-1\n")
    rows = [r for r in sheet(path, "Отчет 2020-09-1") if any(c != "" for c in r)]
    assert rows[0][0] == "УБНЫН ЖЕТЕКЧИСИНИН ОТЧЕТУ, 2020/2021 ОКУУ ЖЫЛЫ"
    assert rows[1][0] == "Ильич атындагы орто мектеп"
    assert rows[3][0] == "Мезгил: 01.09.2020 – 15.09.2020"
    header = rows.index(["№", "Усулдук иштин темасы", "Өтүлгөн күн, убакыт", "Жооптуу мугалим",
                         "Катышкандар", "Эскертүү"])
    assert rows[header + 1] == [1, "УБнын биринчи жыйналышы", "03.09.2020 14:00", HEAD,
                                "6 мугалим", ""]
    flat = [c for r in rows for c in r if c != ""]
    assert f"УБнын жетекчиси ____________ {HEAD}" in flat
    assert "Кабыл алды: директордун ОТИ боюнча орун басары ____________ Токтогулова Нургүл" \
        in flat
    assert flat.count("Бул мезгилде жок.") == 4  # no lessons, events, control or courses yet


def test_month_report_lists_what_else_happened(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    assert run("report", path, "--month", "2020-10").returncode == 0
    rows = sheet(path, "Отчет 2020-10")
    flat = [c for r in rows for c in r if c != ""]
    lesson = next(r for r in rows if "Квадраттык теңдемелер" in r)
    assert [c for c in lesson if c != ""][:5] == [1, "Квадраттык теңдемелер", lesson[2], MEMBER,
                                                 "Алгебра"]
    assert "Функционалдык сабаттуулук" in flat  # the seminar held on 20.10.2020


def test_year_and_all(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    result = run("report", path, "--all", "--json")
    assert result.returncode == 0
    printed = json.loads(result.stdout)
    assert printed["sheets"] == [f"Отчет 2020-{m:02d}" for m in (9, 10, 11, 12)] + \
        [f"Отчет 2021-{m:02d}" for m in (1, 2, 3, 4, 5)] + ["Отчет 2020-2021"]
    assert printed["counts"]["Отчет 2020-2021"] == {
        "activity_log": 1, "open_lessons": 1, "events": 1, "control": 1, "courses": 0}
    assert printed["errors"] == 0
    totals = sheet(path, "Отчет 2020-2021")
    assert ["Иш кагаздары (бар/баары)", "14/14"] == [c for c in next(
        r for r in totals if "Иш кагаздары (бар/баары)" in r) if c != ""]


def test_summary_sheet(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    result = run("summarize", path, "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["sheets"] == ["Жыйынтык"]
    rows = [[c for c in r if c != ""] for r in sheet(path, "Жыйынтык")]
    assert ["УБнын мүчөлөрү", 3] in rows
    assert ["жогорку", 3] in rows
    assert ["Стажы 0–3 жыл", 1] in rows and ["Стажы 11–20 жыл", 1] in rows
    assert ["Темасы барлар", "3/3"] in rows
    assert ["Ачык сабактар: айлар боюнча"] in rows
    month_header = rows.index(["Абалы", "Сент.", "Окт.", "Ноя.", "Дек.", "Янв.", "Фев.", "Март",
                               "Апр.", "Май", "Баары"])
    assert rows[month_header + 2] == ["өткөрүлдү", 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
    assert "Иш кагаздары: 14/14" in [r[0] for r in rows if r]


def test_summary_lists_who_is_overdue_by_name(tmp_path):
    members = [dict(r) for r in ROWS["members"]]
    members[1]["last_course_year"] = 2014
    path = make_book(tmp_path / "b.xlsx", members=members)
    assert run("summarize", path).returncode == 0
    rows = [[c for c in r if c != ""] for r in sheet(path, "Жыйынтык")]
    assert [MEMBER, "курс", 2014, 2019] in rows


def test_reports_in_russian(tmp_path):
    path = make_book(tmp_path / "b.xlsx", "ru")
    assert run("report", path, "--half", "2020-09-1").returncode == 0
    rows = [r for r in sheet(path, "Отчёт 2020-09-1") if any(c != "" for c in r)]
    assert rows[0][0] == "ОТЧЁТ РУКОВОДИТЕЛЯ МО, 2020/2021 УЧЕБНЫЙ ГОД"
    assert ["№", "Тема методической работы", "Дата проведения, время", "Ответственный",
            "Участники", "Примечание"] in rows


def test_regenerating_changes_nothing(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    for _ in range(2):
        assert run("report", path, "--month", "2020-10").returncode == 0
        assert run("summarize", path).returncode == 0
    first = zipfile.ZipFile(path)
    entries = {i.filename: first.read(i) for i in first.infolist()}
    assert run("report", path, "--month", "2020-10").returncode == 0
    assert run("summarize", path).returncode == 0
    again = zipfile.ZipFile(path)
    assert {i.filename: again.read(i) for i in again.infolist()} == entries


def test_report_sheet_is_printable(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    run("report", path, "--month", "2020-10")
    xml = part_of(path, "Отчет 2020-10").decode()
    assert 'paperSize="9"' in xml and 'fitToWidth="1"' in xml and 'fitToHeight="0"' in xml
    assert '<pageSetUpPr fitToPage="1"' in xml
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
    assert re.search(r"_xlnm\.Print_Titles[^>]*>'Отчет 2020-10'!\$\d+:\$\d+<", workbook)


@pytest.mark.parametrize("args, message", [
    ((), "Ката: Бир мезгилди тандаңыз: --half, --month, --year же --all.\n"),
    (("--half", "2020-10-3"),
     "Ката: Жарым айды 2020-10-1 (1–15) же 2020-10-2 (16–31) түрүндө жазыңыз: 2020-10-3\n"),
    (("--month", "2020-13"), "Ката: Айды 2020-10 түрүндө жазыңыз: 2020-13\n"),
    (("--month", "0000-01"), "Ката: Айды 2020-10 түрүндө жазыңыз: 0000-01\n"),
    (("--year", "--all"), "Ката: Бир мезгилди тандаңыз: --half, --month, --year же --all.\n"),
])
def test_period_misuse(tmp_path, args, message):
    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()
    result = run("report", path, *args)
    assert (result.returncode, result.stderr) == (2, message)
    assert path.read_bytes() == before


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    result = run("report", path, "--month", "2020-10", "--pdf", tmp_path / "pdf", env=env)
    assert result.returncode == 2
    assert result.stderr.startswith("Ката: PDF үчүн LibreOffice керек")
    assert path.read_bytes() == before


@needs_libreoffice
@pytest.mark.parametrize("lang, title", [("ky", "УБНЫН ЖЕТЕКЧИСИНИН ОТЧЕТУ"),
                                         ("ru", "ОТЧЁТ РУКОВОДИТЕЛЯ МО")])
def test_report_renders_to_an_a4_pdf(tmp_path, lang, title):
    path = make_book(tmp_path / "b.xlsx", lang)
    result = run("report", path, "--month", "2020-10", "--pdf", tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    name = "Отчет" if lang == "ky" else "Отчёт"
    pdf = tmp_path / "pdf" / f"b {name} 2020-10.pdf"
    assert pdf.exists()
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
        assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
        assert re.search(r"Pages:\s+1\n", info)
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                              text=True).stdout
        assert title in text and HEAD.split()[0] in text


def test_a_users_own_sheet_with_our_name_is_never_replaced(tmp_path):
    import openpyxl

    path = make_book(tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Жыйынтык")["A1"] = "менин эсептерим"
    wb.save(path)
    before = path.read_bytes()
    result = run("summarize", path)
    assert result.returncode == 2
    assert result.stderr.startswith("Ката: ") and "«Жыйынтык»" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert path.read_bytes() == before
    assert not (tmp_path / "b.xlsx.bak").exists()


def test_a_year_typed_wrong_refuses_reports_instead_of_making_thousands(tmp_path):
    import datetime as dt

    path = make_book(tmp_path / "b.xlsx", settings={"year_end": dt.date(2201, 5, 25)})
    before = path.read_bytes()
    result = run("report", path, "--all")
    assert result.returncode == 2
    assert result.stderr == ("Ката: b.xlsx: Жөндөөлөр барагында окуу жылынын башталышы жана аягы "
                             "туура жазылган эмес (ubsheets validate).\n")
    assert path.read_bytes() == before


@needs_libreoffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_each_summary_section_prints_on_one_page_with_its_chart(tmp_path):
    """Page breaks keep a section, and the chart drawn under it, on one printed page."""
    from ubsheets.core.summary import summary
    from ubsheets.core.validate import typed_context
    from ubsheets.demo import write_demo
    from ubsheets.io import pdf
    from ubsheets.io.reader import read_book
    from ubsheets.io.report_layout import document_sheet

    book = write_demo(tmp_path / "demo")[0]
    ctx, _ = typed_context(read_book(book))
    doc = summary(ctx)
    spec = document_sheet(doc)
    assert len(spec.page_breaks) >= 3  # the summary is several pages long
    [made] = pdf.render([spec], tmp_path / "pdf", "s")
    text = subprocess.run(["pdftotext", "-layout", str(made), "-"], capture_output=True,
                          text=True).stdout
    pages = text.split("\f") + [""]
    titles = [section.title for section in doc.sections]
    for section in doc.sections:
        on = [i for i, page in enumerate(pages) if section.title in page]
        assert len(on) == 1, (section.title, on)
        # What a cut section leaves at the top of the next page, before the next title.
        top_of_next = pages[on[0] + 1]
        cut = min([top_of_next.find(t) for t in titles if t in top_of_next] or [len(top_of_next)])
        spill = top_of_next[:cut]
        body = section.rows[:-1] if section.total else section.rows
        if section.chart:
            # The legend lists the series side by side on one line, the table never does.
            first, second = body[0][0], body[1][0]
            legend = [line for line in spill.splitlines() if first in line and second in line]
            assert legend == [], f"the chart of {section.title!r} is cut by a page end"
            assert pages[on[0]].count(section.title) == 2  # the table's title and the chart's
