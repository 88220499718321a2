"""Summaries and the head's report: exact content, printable layout, determinism, PDF."""

from __future__ import annotations

import json
import os
import posixpath
import re
import shutil
import subprocess
import sys
import zipfile
from datetime import date
from xml.etree import ElementTree as ET

import pytest
from builders import HEAD, MEMBER, ROWS, YOUNG, make_book
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook

from ubsheets.schema import REQUIRED_DOCUMENTS


def run(*args, env=None, lang=None):
    """``python -m ubsheets`` as a user runs it; UBSHEETS_LANG only when ``lang`` is given."""
    env = {k: v for k, v in (env or os.environ).items() if k != "UBSHEETS_LANG"}
    if lang:
        env["UBSHEETS_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "ubsheets", *map(str, args)],
                          capture_output=True, text=True, timeout=300, env=env)


def sheet(path, name):
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(name).to_python()


def filled(path, name):
    """The sheet's rows that hold anything, each as wide as the sheet."""
    return [r for r in sheet(path, name) if any(c != "" for c in r)]


def compact(path, name):
    """The sheet's rows without their empty cells (blank rows stay, as [])."""
    return [[c for c in r if c != ""] for r in sheet(path, name)]


def section(rows, title):
    """A section of a compacted sheet: its title row up to the first blank row."""
    start = rows.index([title])
    end = next((i for i in range(start, len(rows)) if rows[i] == []), len(rows))
    return rows[start:end]


LESSONS_HELD = ("Ачык сабактарды жана предметтер боюнча класстан тышкаркы ачык сабактарды өтүүнүн "
                "графиги: өткөрүлгөндөрү")
EVENTS_HELD = ("Семинарларды, тегерек столдорду, чыгармачыл отчетторду, кружокторду өтүү боюнча "
               "график: өткөрүлгөндөрү")
CONTROL = "Усулдук бирикменин жетекчисинин ишке көзөмөл жүргүзүүсү"
COURSES_DONE = "Мугалимдердин билимин өркүндөтүү курстарынан өтүү графиги: бүткөндөрү"
LESSONS_HEADER = ["№", "Тема", "Өтүлгөн күнү", "УБдагы мугалимдин аты-жөнү", "Предмет", "Класс"]


def wide(*cells, width=6):
    return [*cells, *[""] * (width - len(cells))]


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
    assert rows[3][0] == "Отчеттук мезгил: 01.09.2020 – 15.09.2020"
    header = rows.index(["№", "Усулдук иштин темасы", "Өтүлгөн күн, убакыт", "Жооптуу мугалим",
                         "Катышкандар", "Эскертүү"])
    assert rows[header + 1] == [1, "УБнын биринчи жыйналышы", "03.09.2020 14:00", HEAD,
                                "6 мугалим", ""]
    flat = [c for r in rows for c in r if c != ""]
    assert f"УБнын жетекчиси ____________ {HEAD}" in flat
    assert "Кабыл алды: директордун ОТИ боюнча орун басары ____________ Токтогулова Нургүл" \
        in flat
    assert flat.count("Бул мезгилде эч нерсе катталган эмес.") == 4  # no lessons, events, control or courses yet


def test_month_report_lists_what_else_happened(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    result = run("report", path, "--month", "2020-10")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Барак жазылды: Отчет 2020-10\n", "")
    none = wide("Бул мезгилде эч нерсе катталган эмес.")
    assert filled(path, "Отчет 2020-10") == [
        wide("УБНЫН ЖЕТЕКЧИСИНИН ОТЧЕТУ, 2020/2021 ОКУУ ЖЫЛЫ"),
        wide("Ильич атындагы орто мектеп"),
        wide("Математика жана информатика"),
        wide("2020-жылдын октябрь айы"),
        wide("Аткарылган усулдук иштер"),
        ["№", "Усулдук иштин темасы", "Өтүлгөн күн, убакыт", "Жооптуу мугалим", "Катышкандар",
         "Эскертүү"],
        none,  # the first meeting was on 03.09.2020
        wide(LESSONS_HELD),
        LESSONS_HEADER,
        [1, "Квадраттык теңдемелер", date(2020, 10, 15), MEMBER, "Алгебра", "7-А"],
        wide(EVENTS_HELD),
        ["№", "Тема", "Өтүлгөн күнү", "Жооптуу мугалим", "Иш-чаранын түрү", "Эскертүү"],
        [1, "Функционалдык сабаттуулук", date(2020, 10, 20), HEAD, "семинар", ""],
        wide(CONTROL),
        ["№", "Эмне текшерилди", "Күнү", "Мугалимдин аты-жөнү", "Көзөмөлдүн түрү", "Жыйынтыгы"],
        none,  # the observation was on 12.11.2020
        wide(COURSES_DONE),
        ["№", "Курстун аталышы", "Бүткөн күнү", "Мугалимдин аты-жөнү", "Уюштуруучу", "Саат"],
        none,  # the course ended on 20.08.2020, before the year
        wide("ЭСКЕРТҮҮ: Бул отчет айына эки жолу жыйналышта тапшырылат. Кабыл алуучу: директордун "
             "ОТИ боюнча орун басары."),
        wide(f"УБнын жетекчиси ____________ {HEAD}"),
        wide("Кабыл алды: директордун ОТИ боюнча орун басары ____________ Токтогулова Нургүл"),
    ]


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
    assert [9, "Иш кагаздары (бар/баары)", "14/14"] == [c for c in next(
        r for r in totals if "Иш кагаздары (бар/баары)" in r) if c != ""]


PLANNED_LESSON = {"no": 2, "teacher": YOUNG, "subject": "Геометрия", "class": "5-Б",
                  "topic": "Үч бурчтуктар", "date": date(2021, 2, 18), "extracurricular": "no",
                  "status": "planned"}


def test_year_report_totals_and_a_planned_lesson_is_not_held(tmp_path):
    path = make_book(tmp_path / "b.xlsx", open_lessons=[*ROWS["open_lessons"], PLANNED_LESSON])
    result = run("report", path, "--year")
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Барак жазылды: Отчет 2020-2021\n", "")
    rows = compact(path, "Отчет 2020-2021")
    assert rows[:4] == [["УСУЛДУК БИРИКМЕНИН 2020/2021 ОКУУ ЖЫЛЫ БОЮНЧА ОТЧЕТУ"],
                        ["Ильич атындагы орто мектеп"], ["Математика жана информатика"],
                        ["2020/2021 окуу жылы"]]
    assert section(rows, "Жылдын жыйынтыгы") == [
        ["Жылдын жыйынтыгы"],
        ["№", "Көрсөткүч", "Саны"],  # the labels in a column of their own
        [1, "УБнын мүчөлөрү", 3],
        [2, "Ачык сабактар (баары)", 2],
        [3, "Ачык сабактар (өткөрүлгөн)", 1],
        [4, "Иш-чаралар (өткөрүлгөн)", 1],
        [5, "Аткарылган иштер", 1],
        [6, "Көзөмөл", 1],
        [7, "Бүткөн курстар", 0],  # the one course ended before the year began
        [8, "Жыйналыштар", 1],
        [9, "Иш кагаздары (бар/баары)", "14/14"],
        [10, "Өз билимин өркүндөтүү темасы бар", "3/3"],
    ]
    assert section(rows, LESSONS_HELD) == [
        [LESSONS_HELD],
        LESSONS_HEADER,
        [1, "Квадраттык теңдемелер", date(2020, 10, 15), MEMBER, "Алгебра", "7-А"],
    ]
    assert section(rows, CONTROL) == [
        [CONTROL],
        ["№", "Эмне текшерилди", "Күнү", "Мугалимдин аты-жөнү", "Көзөмөлдүн түрү", "Жыйынтыгы"],
        [1, "Сабакка катышуу", date(2020, 11, 12), YOUNG, "1. Байкоо", "Жакшы"],
    ]
    assert rows[-3:] == [[f"УБнын жетекчиси ____________ {HEAD}"], [],
                         ["Кабыл алды: директордун ОТИ боюнча орун басары ____________ "
                          "Токтогулова Нургүл"]]

    result = run("report", path, "--half", "2021-02-2")  # the half-month of the planned lesson
    assert (result.returncode, result.stdout) == (0, "Барак жазылды: Отчет 2021-02-2\n")
    rows = compact(path, "Отчет 2021-02-2")
    assert rows[3] == ["Отчеттук мезгил: 16.02.2021 – 28.02.2021"]
    assert section(rows, LESSONS_HELD) == [
        [LESSONS_HELD],
        LESSONS_HEADER,
        ["Бул мезгилде эч нерсе катталган эмес."],
    ]


MONTHS = ["Сент.", "Окт.", "Ноя.", "Дек.", "Янв.", "Фев.", "Март", "Апр.", "Май"]


def by_month(label, *counts):
    """A row of a months table: a count for each month, September first, then the total."""
    months = [*counts, *[0] * (9 - len(counts))]
    return [label, *months, sum(months)]


def test_summary_sheet(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    result = run("summarize", path, "--json")
    assert (result.returncode, result.stderr) == (0, "")
    assert json.loads(result.stdout)["sheets"] == ["Жыйынтык"]
    rows = compact(path, "Жыйынтык")
    assert rows[:4] == [["УСУЛДУК БИРИКМЕНИН ЖЫЙЫНТЫГЫ"], ["Ильич атындагы орто мектеп"],
                        ["Математика жана информатика"], ["2020/2021 окуу жылы"]]
    assert section(rows, "Мүчөлөрдүн квалификациясы") == [
        ["Мүчөлөрдүн квалификациясы"], ["Көрсөткүч", "Саны"],
        ["УБнын мүчөлөрү", 3],
        ["Билими: жогорку", 3], ["Билими: толук эмес жогорку", 0],
        ["Билими: орто кесиптик", 0], ["Билими: орто", 0],
        ["Стажы 0–3 жыл", 1], ["Стажы 4–10 жыл", 1], ["Стажы 11–20 жыл", 1],
        ["Стажы 21 жыл жана андан көп", 0],
        ["категориясы жок", 1], ["экинчи категория", 0], ["биринчи категория", 2],
        ["жогорку категория", 0],
    ]
    assert section(rows, "Жумалык саат") == [
        ["Жумалык саат"], ["Көрсөткүч", "Мааниси"],
        ["Бардыгы", 54], ["Орточо", 18], ["Эң аз", 18], ["Эң көп", 18]]
    assert section(rows, "Курстар жана аттестация: мөөнөтү келгендер") == [
        ["Курстар жана аттестация: мөөнөтү келгендер"],
        ["Аты-жөнү", "Түрү", "Акыркысы (жылы)", "Мөөнөтү (жылы)"],
        ["Мөөнөтү келгендер жок."]]
    assert section(rows, "Ачык сабактар: мугалимдер боюнча") == [
        ["Ачык сабактар: мугалимдер боюнча"],
        ["Мугалим", "пландалган", "өткөрүлгөн", "жылдырылган", "Бардыгы"],
        [MEMBER, 0, 1, 0, 1],
        ["Бардыгы", 0, 1, 0, 1]]
    assert section(rows, "Ачык сабактар: айлар боюнча") == [
        ["Ачык сабактар: айлар боюнча"], ["Абалы", *MONTHS, "Бардыгы"],
        by_month("пландалган"), by_month("өткөрүлгөн", 0, 1), by_month("жылдырылган")]
    events = "Семинарлар, тегерек столдор, чыгармачыл отчеттор, кружоктор: айлар боюнча"
    assert section(rows, events) == [
        [events], ["Түрү", *MONTHS, "Бардыгы"],
        by_month("семинар", 0, 1), by_month("тегерек стол"), by_month("чыгармачыл отчет"),
        by_month("кружок"), by_month("конференция"), by_month("педагогикалык окуулар"),
        by_month("көргөзмө"), by_month("мастер-класс"), by_month("башка"),
        by_month("Бардыгы", 0, 1)]
    control = section(rows, "Көзөмөлдүн түрлөрү: айлар боюнча")
    assert control[:3] == [["Көзөмөлдүн түрлөрү: айлар боюнча"], ["Түрү", *MONTHS, "Бардыгы"],
                           by_month("1. Байкоо", 0, 0, 1)]
    assert control[-1] == by_month("Бардыгы", 0, 0, 1) and len(control) == 10
    documents = section(rows, "Иш кагаздары: 14/14")
    assert documents[:2] == [["Иш кагаздары: 14/14"], ["Иш кагазы", "Бар/жок"]]
    assert documents[2:] == [[label.ky, "бар"] for label in REQUIRED_DOCUMENTS]
    assert section(rows, "Өз билимин өркүндөтүү") == [
        ["Өз билимин өркүндөтүү"], ["Көрсөткүч", "Саны"], ["Темасы барлар", "3/3"]]


def test_summary_lists_who_is_overdue_by_name(tmp_path):
    members = [dict(r) for r in ROWS["members"]]
    members[1]["last_course_year"] = 2014
    path = make_book(tmp_path / "b.xlsx", members=members)
    assert run("summarize", path).returncode == 0  # an overdue course is only a warning
    assert section(compact(path, "Жыйынтык"), "Курстар жана аттестация: мөөнөтү келгендер") == [
        ["Курстар жана аттестация: мөөнөтү келгендер"],
        ["Аты-жөнү", "Түрү", "Акыркысы (жылы)", "Мөөнөтү (жылы)"],
        [MEMBER, "курс", 2014, 2019]]


REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def related(z: zipfile.ZipFile, part: str, rel_type: str) -> list[str]:
    """The parts ``part`` points at through relationships of ``rel_type``, in their order."""
    folder, name = posixpath.split(part)
    rels = ET.fromstring(z.read(f"{folder}/_rels/{name}.rels"))
    return [posixpath.normpath(posixpath.join(folder, r.get("Target"))) if not
            r.get("Target").startswith("/") else r.get("Target").lstrip("/")
            for r in rels.iter(REL) if r.get("Type").endswith("/" + rel_type)]


def charts_of(path, sheet_name) -> list[dict]:
    """Each chart drawn on a sheet, reached as Excel reaches it: workbook → sheet → drawing →
    chart."""
    with zipfile.ZipFile(path) as z:
        workbook = ET.fromstring(z.read("xl/workbook.xml"))
        rid = next(s.get(R_ID) for s in workbook.iter(f"{MAIN}sheet") if s.get("name") == sheet_name)
        rels = ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = next(r.get("Target") for r in rels.iter(REL) if r.get("Id") == rid)
        part = target.lstrip("/") if target.startswith("/") else "xl/" + target
        [drawing] = related(z, part, "drawing")
        charts = []
        for chart_part in related(z, drawing, "chart"):
            chart = ET.fromstring(z.read(chart_part))
            charts.append({
                "title": "".join(t.text for t in chart.find(f"{C}chart/{C}title").iter(f"{A}t")),
                "bar_dir": [b.get("val") for b in chart.iter(f"{C}barDir")],
                "series": [(ser.find(f"{C}tx//{C}f").text, ser.find(f"{C}cat//{C}f").text,
                            ser.find(f"{C}val//{C}f").text) for ser in chart.iter(f"{C}ser")],
                "names": [ser.find(f"{C}tx//{C}v").text for ser in chart.iter(f"{C}ser")],
                "values": [[float(v.text) for v in ser.find(f"{C}val").iter(f"{C}v")]
                           for ser in chart.iter(f"{C}ser")],
            })
        return charts


def test_summarize_draws_column_charts_from_its_own_cells(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    assert run("summarize", path).returncode == 0
    lessons, events = charts_of(path, "Жыйынтык")
    ref = "'Жыйынтык'!"
    assert lessons["title"] == "Ачык сабактар: айлар боюнча"
    assert events["title"] == ("Семинарлар, тегерек столдор, чыгармачыл отчеттор, кружоктор: "
                               "айлар боюнча")
    assert lessons["bar_dir"] == events["bar_dir"] == ["col"]
    assert lessons["series"] == [(f"{ref}$A${row}", f"{ref}$B$39:$J$39", f"{ref}$B${row}:$J${row}")
                                 for row in (40, 41, 42)]
    assert events["series"] == [(f"{ref}$A${row}", f"{ref}$B$63:$J$63", f"{ref}$B${row}:$J${row}")
                                for row in range(64, 73)]  # nine kinds, not the total row
    assert lessons["names"] == ["пландалган", "өткөрүлгөн", "жылдырылган"]
    assert lessons["values"] == [[0] * 9, [0, 1, 0, 0, 0, 0, 0, 0, 0], [0] * 9]
    assert events["values"][0] == [0, 1, 0, 0, 0, 0, 0, 0, 0]  # the seminar in October
    # The references name the cells that hold what the charts cache.
    grid = sheet(path, "Жыйынтык")
    for chart in (lessons, events):
        for (name_ref, months_ref, values_ref), name, values in zip(
                chart["series"], chart["names"], chart["values"], strict=True):
            row = int(name_ref.rsplit("$", 1)[1]) - 1
            assert grid[row][0] == name and grid[row][1:10] == values
            assert values_ref == f"'Жыйынтык'!$B${row + 1}:$J${row + 1}"
            header = int(months_ref.rsplit("$", 1)[1]) - 1
            assert grid[header][1:10] == MONTHS


def test_reports_in_russian(tmp_path):
    path = make_book(tmp_path / "b.xlsx", "ru")
    result = run("report", path, "--half", "2020-09-1", lang="ru")  # a Russian terminal too
    assert (result.returncode, result.stdout, result.stderr) == (
        0, "Записан лист: Отчёт 2020-09-1\n", "")
    rows = filled(path, "Отчёт 2020-09-1")
    assert rows[:4] == [wide("ОТЧЁТ РУКОВОДИТЕЛЯ МО 2020/2021 УЧЕБНЫЙ ГОД"),
                        wide("Ильич атындагы орто мектеп"), wide("Математика жана информатика"),
                        wide("Отчётный период: 01.09.2020 – 15.09.2020")]
    header = rows.index(["№", "Тема методической работы", "Дата проведения, время",
                         "Ответственный", "Участники", "Примечание"])
    assert rows[header - 1: header + 2] == [
        wide("Проведённая методическая работа"),
        ["№", "Тема методической работы", "Дата проведения, время", "Ответственный", "Участники",
         "Примечание"],
        [1, "УБнын биринчи жыйналышы", "03.09.2020 14:00", HEAD, "6 мугалим", ""]]
    assert rows.count(wide("За этот период записей нет.")) == 4
    assert rows[-2:] == [
        wide(f"Руководитель МО ____________ {HEAD}"),
        wide("Принял(а): заместитель директора по УВР ____________ Токтогулова Нургүл")]
    result = run("report", path, "--half", "2020-10-2", lang="ru")
    assert (result.returncode, result.stdout) == (0, "Записан лист: Отчёт 2020-10-2\n")
    assert filled(path, "Отчёт 2020-10-2")[3] == wide("Отчётный период: 16.10.2020 – 31.10.2020")
    result = run("summarize", path, lang="ru")
    assert (result.returncode, result.stdout) == (0, "Записан лист: Сводка\n")
    assert [r[0] for r in sheet(path, "Сводка")[:4]] == [
        "СВОДКА ПО МЕТОДИЧЕСКОМУ ОБЪЕДИНЕНИЮ", "Ильич атындагы орто мектеп",
        "Математика жана информатика", "2020/2021 учебный год"]


def test_regenerating_changes_nothing(tmp_path):
    path = make_book(tmp_path / "b.xlsx")

    def regenerate() -> bytes:
        assert run("report", path, "--month", "2020-10").returncode == 0
        assert run("summarize", path).returncode == 0
        return path.read_bytes()

    first = regenerate()
    assert regenerate() == first  # every entry, and the zip around them


def test_report_sheet_is_printable(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    run("report", path, "--month", "2020-10")
    xml = part_of(path, "Отчет 2020-10").decode()
    assert 'paperSize="9"' in xml and 'fitToWidth="1"' in xml and 'fitToHeight="0"' in xml
    assert '<pageSetUpPr fitToPage="1"' in xml
    assert "<headerFooter><oddFooter>&amp;CБет &amp;P / &amp;N</oddFooter></headerFooter>" in xml
    with zipfile.ZipFile(path) as z:
        workbook = z.read("xl/workbook.xml").decode()
    # No fixed print titles: a sheet of several tables heads each page with its own table's header.
    assert "'Отчет 2020-10'!" not in workbook


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


def test_period_misuse_in_the_users_language(tmp_path):
    path = make_book(tmp_path / "b.xlsx")  # a Kyrgyz book: the message follows UBSHEETS_LANG
    result = run("report", path, lang="ru")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "Ошибка: Выберите один период: --half, --month, --year или --all.\n")


def test_pdf_without_libreoffice_is_a_clear_error(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()
    env = {**os.environ, "PATH": str(tmp_path / "empty")}
    result = run("report", path, "--month", "2020-10", "--pdf", tmp_path / "pdf", env=env)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "Ката: PDF үчүн LibreOffice керек: аны орнотуңуз (https://www.libreoffice.org) же "
               "--pdf колдонбоңуз.\n")
    assert path.read_bytes() == before


@needs_libreoffice
@pytest.mark.skipif(shutil.which("pdfinfo") is None or shutil.which("pdftotext") is None,
                    reason="poppler-utils is not installed")
@pytest.mark.parametrize("lang, title, signature", [
    ("ky", "УБНЫН ЖЕТЕКЧИСИНИН ОТЧЕТУ, 2020/2021 ОКУУ ЖЫЛЫ",
     f"УБнын жетекчиси ____________ {HEAD}"),
    ("ru", "ОТЧЁТ РУКОВОДИТЕЛЯ МО 2020/2021 УЧЕБНЫЙ ГОД", f"Руководитель МО ____________ {HEAD}"),
], ids=["ky", "ru"])
def test_report_renders_to_an_a4_pdf(tmp_path, lang, title, signature):
    path = make_book(tmp_path / "b.xlsx", lang)
    result = run("report", path, "--month", "2020-10", "--pdf", tmp_path / "pdf")
    assert result.returncode == 0, result.stderr
    name = "Отчет" if lang == "ky" else "Отчёт"
    pdf = tmp_path / "pdf" / f"b {name} 2020-10.pdf"
    assert result.stdout.splitlines()[-1] == f"PDF: {pdf}"
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    assert re.search(r"Pages:\s+1\n", info)
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert lines[0] == title
    assert signature in lines  # the whole line, as printed under the report


def test_a_users_own_sheet_with_our_name_is_never_replaced(tmp_path):
    import openpyxl

    path = make_book(tmp_path / "b.xlsx")
    wb = openpyxl.load_workbook(path)
    wb.create_sheet("Жыйынтык")["A1"] = "менин эсептерим"
    wb.save(path)
    before = path.read_bytes()
    result = run("summarize", path)
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "Ката: «b.xlsx» китебинде ubsheets түзбөгөн «Жыйынтык» барагы бар: анын атын "
               "өзгөртүңүз же аны өчүрүңүз, анан кайра аракет кылыңыз — файлда эч нерсе "
               "өзгөргөн жок.\n")
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
