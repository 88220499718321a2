"""ubsheets consolidate: many associations' workbooks → the district's workbook."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import re
import zipfile
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from tests.builders import ROWS, check, make_book
from tests.conftest import needs_libreoffice
from ubsheets.actions import consolidate_files
from ubsheets.cli import app
from ubsheets.demo import write_demo
from ubsheets.errors import InputError
from ubsheets.i18n import t
from ubsheets.io.reader import read_book
from ubsheets.schema import TEMPLATE_VERSION

SCHOOL_A, SCHOOL_B = "Ильич атындагы орто мектеп", "№5 гимназия"
MATH, PHYSICS = "Математика жана информатика", "Физика"
LIVE_TEXT = '=HYPERLINK("http://x","y")'
NOT_A_WORKBOOK = ("«notes.xlsx» Excel китеби эмес: .xlsx же .xlsm файлын тандаңыз; эгер Excel аны "
                  "ача алса, .xlsx катары сактап, кайра аракет кылыңыз.")


def _open_lessons() -> list[dict]:
    """The builders' held lesson, and a planned one in November whose topic is a formula's text."""
    rows = copy.deepcopy(ROWS["open_lessons"])
    rows.append({**rows[0], "no": 2, "topic": LIVE_TEXT, "date": ROWS["open_lessons"][0]["date"]
                 .replace(month=11, day=5), "status": "planned"})
    return rows


@pytest.fixture
def inputs(tmp_path: Path) -> dict[str, Path]:
    """a/one.xlsx (school A, maths), a/copy.xlsx (the same, older, names typed otherwise),
    a/b/inner/two.xlsx (school A, physics, in Russian, one weekly-hours error), a/notes.xlsx (text),
    a/cut.xlsx (a workbook cut in half), lock and other files to skip; b.xlsx (school B)."""
    folder = tmp_path / "a"
    (folder / "b" / "inner").mkdir(parents=True)
    copy_path = make_book(folder / "copy.xlsx", settings={
        "school": "  ильич АТЫНДАГЫ орто мектеп", "association": "МАТЕМАТИКА ЖАНА ИНФОРМАТИКА"})
    os.utime(copy_path, (1_600_000_000, 1_600_000_000))  # older
    one = make_book(folder / "one.xlsx", open_lessons=_open_lessons(),
                    settings={"school": SCHOOL_A, "association": MATH})
    os.utime(one, (1_700_000_000, 1_700_000_000))
    members = copy.deepcopy(ROWS["members"])
    members[1]["weekly_hours"] = 45
    two = make_book(folder / "b" / "inner" / "two.xlsx", lang="ru", members=members,
                    settings={"school": SCHOOL_A, "association": PHYSICS})
    (folder / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    (folder / "cut.xlsx").write_bytes(one.read_bytes()[: len(one.read_bytes()) // 2])
    (folder / "~$one.xlsx").write_bytes(b"lock")
    (folder / "readme.txt").write_text("skip me", encoding="utf-8")
    other = make_book(tmp_path / "b.xlsx", settings={"school": SCHOOL_B, "association": MATH})
    return {"folder": folder, "one": one, "copy": copy_path, "two": two, "other": other,
            "notes": folder / "notes.xlsx", "cut": folder / "cut.xlsx"}


def _reason(path: Path) -> str:
    with pytest.raises(InputError) as refused:
        read_book(path)
    return refused.value.message("ky")


def test_statuses_reasons_and_the_json(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    result = consolidate_files([inputs["folder"], inputs["other"]], output)
    two_errors = check(inputs["two"])
    got = result.as_json()
    assert _reason(inputs["notes"]) == NOT_A_WORKBOOK
    assert got["output"] == str(output)
    assert got["files"] == [
        {"path": str(inputs["folder"] / "b" / "inner" / "two.xlsx"), "status": "ok",
         "school": SCHOOL_A, "association": PHYSICS, "reason": None},
        {"path": str(inputs["copy"]), "status": "duplicate",
         "school": "ильич АТЫНДАГЫ орто мектеп", "association": "МАТЕМАТИКА ЖАНА ИНФОРМАТИКА",
         "reason": "Ошол эле мектеп жана бирикме, one.xlsx файлы жаңыраак."},
        {"path": str(inputs["cut"]), "status": "failed", "school": None, "association": None,
         "reason": _reason(inputs["cut"])},
        {"path": str(inputs["notes"]), "status": "failed", "school": None, "association": None,
         "reason": NOT_A_WORKBOOK},
        {"path": str(inputs["one"]), "status": "ok", "school": SCHOOL_A, "association": MATH,
         "reason": None},
        {"path": str(inputs["other"]), "status": "ok", "school": SCHOOL_B, "association": MATH,
         "reason": None},
    ]
    members = len(ROWS["members"])
    assert got["schools"] == [
        {"file": str(inputs["two"]), "school": SCHOOL_A, "association": PHYSICS,
         "members": members - 1,  # the row with 45 weekly hours has an error: left out
         "open_lessons": 1, "open_lessons_held": 1, "events": 1, "events_held": 1,
         "errors": two_errors.errors, "warnings": two_errors.warnings},
        {"file": str(inputs["one"]), "school": SCHOOL_A, "association": MATH, "members": members,
         "open_lessons": 2, "open_lessons_held": 1, "events": 1, "events_held": 1,
         "errors": 0, "warnings": check(inputs["one"]).warnings},
        {"file": str(inputs["other"]), "school": SCHOOL_B, "association": MATH,
         "members": members, "open_lessons": 1, "open_lessons_held": 1, "events": 1,
         "events_held": 1, "errors": 0, "warnings": check(inputs["other"]).warnings},
    ]
    assert two_errors.errors == 1
    assert json.loads(json.dumps(got)) == got


def test_the_schools_sheet_holds_every_figure_and_a_total(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    consolidate_files([inputs["one"], inputs["other"]], output)
    grid = CalamineWorkbook.from_path(str(output)).get_sheet_by_name("Мектептер").to_python()
    experience = [m["experience"] for m in ROWS["members"]]
    members = len(ROWS["members"])
    with_topic = len({r["name"] for r in ROWS["self_education"]})
    assert grid[0][:3] == ["Мектеп", "Усулдук бирикме", "Мүчөлөр"]
    assert grid[1][:18] == [
        SCHOOL_A, MATH, members, round(sum(experience) / members, 1), 100.0, 0, 0, 2, 1, 1, 1,
        len(ROWS["control"]), f"{len(ROWS['documents'])}/14", f"{with_topic}/{members}", 0,
        check(inputs["one"]).warnings, TEMPLATE_VERSION, "a/one.xlsx"]
    assert grid[3][:12] == ["Бардыгы", "", 2 * members, "", "", 0, 0, 3, 2, 2, 2,
                            2 * len(ROWS["control"])]


def test_by_month_holds_what_was_held_in_each_month(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    consolidate_files([inputs["one"]], output)
    grid = CalamineWorkbook.from_path(str(output)).get_sheet_by_name("Айлар боюнча").to_python()
    assert grid[0] == ["Мектеп", "Усулдук бирикме", "Көрсөткүч", "Сент.", "Окт.", "Ноя.",
                       "Дек.", "Янв.", "Фев.", "Март", "Апр.", "Май", "Бардыгы"]
    october = [0, 1, 0, 0, 0, 0, 0, 0, 0, 1]  # the lesson held 15.10, the event held 20.10
    assert grid[1:] == [[SCHOOL_A, MATH, "Ачык сабактар өткөрүлдү", *october],
                        [SCHOOL_A, MATH, "Иш-чаралар өткөрүлдү", *october]]


def test_the_newer_academic_year_wins_over_a_newer_file(inputs, tmp_path):
    older_year = inputs["one"]  # modified later, but of 2020-2021
    newer_year = make_book(tmp_path / "next.xlsx", settings={
        "school": SCHOOL_A, "association": MATH, "year_start": dt.date(2021, 9, 1),
        "year_end": dt.date(2022, 5, 25)})
    os.utime(newer_year, (1_500_000_000, 1_500_000_000))
    result = consolidate_files([older_year, newer_year], tmp_path / "d.xlsx")
    assert [(f.path.name, f.status, f.reason) for f in result.files] == [
        ("one.xlsx", "duplicate", "Ошол эле мектеп жана бирикме, next.xlsx файлы жаңыраак."),
        ("next.xlsx", "ok", None)]


def test_month_counts_that_months_rows_only(inputs, tmp_path):
    result = consolidate_files([inputs["one"]], tmp_path / "d.xlsx", month="2020-11")
    school = result.as_json()["schools"][0]
    assert (school["open_lessons"], school["open_lessons_held"], school["events"]) == (1, 0, 0)
    assert result.schools[0].figures.control == 1  # 12.11.2020


def test_nothing_live_survives_from_a_school(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    consolidate_files([inputs["folder"]], output)
    with zipfile.ZipFile(output) as package:
        sheets = [n for n in package.namelist() if n.startswith("xl/worksheets/sheet")]
        assert sheets and all(b"<f>" not in package.read(n) and b"<f " not in package.read(n)
                              for n in sheets)
        assert not [n for n in package.namelist() if "vba" in n.lower() or "external" in n]
    grid = CalamineWorkbook.from_path(str(output)).get_sheet_by_name("Ачык сабактар").to_python()
    assert [row[:2] + [row[6]] for row in grid[1:] if row[6] == LIVE_TEXT] == [
        [SCHOOL_A, MATH, LIVE_TEXT]]


def test_a_schools_formula_gives_its_cached_value_only(tmp_path):
    school = make_book(tmp_path / "school.xlsx", open_lessons=_open_lessons())
    formula = '<c r="E3" s="5" t="str"><f>"Live"&amp;"ly"</f><v>Lively</v></c>'
    with zipfile.ZipFile(school) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    sheet = next(n for n, d in parts.items() if LIVE_TEXT.encode() in d)
    parts[sheet] = re.sub(rb'<c r="E3"[^>]*t="inlineStr"><is><t>[^<]*</t></is></c>',
                          formula.encode(), parts[sheet], count=1)
    assert formula.encode() in parts[sheet]
    with zipfile.ZipFile(school, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    output = tmp_path / "district.xlsx"
    consolidate_files([school], output)
    grid = CalamineWorkbook.from_path(str(output)).get_sheet_by_name("Ачык сабактар").to_python()
    assert [row[6] for row in grid[1:]] == ["Lively", LIVE_TEXT]
    with zipfile.ZipFile(output) as package:
        assert not [n for n in package.namelist() if b"<f>" in package.read(n)]


def test_an_output_that_cannot_be_written_is_exit_2(inputs, tmp_path):
    output = tmp_path / "missing" / "district.xlsx"
    result = CliRunner().invoke(app, ["consolidate", str(inputs["one"]), "-o", str(output)],
                                env={"UBSHEETS_LANG": "ky"})
    assert result.exit_code == 2
    assert f"Ката: {t('cannot_write', 'ky', name='district.xlsx', folder=output.parent)}" \
        in " ".join(result.output.split())


def _links(output: Path, sheet: str) -> list[tuple[str, str, str]]:
    """(cell, target file, location) of every hyperlink on the sheet named ``sheet``."""
    with zipfile.ZipFile(output) as package:
        workbook = package.read("xl/workbook.xml").decode()
        rid = re.search(rf'<sheet name="{sheet}"[^>]*r:id="(rId\d+)"', workbook)[1]
        book_rels = package.read("xl/_rels/workbook.xml.rels").decode()
        part = next(re.search(r'Target="/?(?:xl/)?([^"]+)"', rel)[1]
                    for rel in re.findall(r"<Relationship [^>]*>", book_rels)
                    if f'Id="{rid}"' in rel)
        xml = package.read(f"xl/{part}").decode()
        rels = package.read(f"xl/{part.replace('worksheets/', 'worksheets/_rels/')}.rels").decode()
    targets = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]*)" TargetMode="External"', rels))
    return [(ref, targets[rid], location.replace("&apos;", "'"))
            for ref, rid, location in re.findall(
                r'<hyperlink ref="(\w+)" r:id="(rId\d+)"(?: location="([^"]*)")?/>', xml)]


def test_a_finding_links_to_its_cell_in_the_schools_file(inputs, tmp_path):
    output = tmp_path / "out" / "district.xlsx"
    output.parent.mkdir()
    consolidate_files([inputs["two"]], output, lang="ky")
    finding = next(f for f in check(inputs["two"]).issues if f.severity == "error")
    grid = CalamineWorkbook.from_path(str(output)).get_sheet_by_name(
        "Текшерүү жыйынтыгы").to_python()
    row = next(i for i, r in enumerate(grid) if r[4] == finding.cell and r[3] == finding.sheet)
    target = "../a/b/inner/two.xlsx"
    assert (f"E{row + 1}", target, f"'{finding.sheet}'!{finding.cell}") in _links(
        output, "Текшерүү жыйынтыгы")
    assert _links(output, "Мектептер") == [("R2", target, "")]  # beside the chart's drawing
    assert grid[row][5:] == ["ката", finding.message]


def test_same_inputs_give_the_same_bytes_and_a_bak_is_kept(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    consolidate_files([inputs["folder"], inputs["other"]], output)
    first = output.read_bytes()
    consolidate_files([inputs["folder"], inputs["other"]], output)
    assert output.read_bytes() == first
    assert (tmp_path / "district.xlsx.bak").read_bytes() == first


def test_worker_processes_write_the_same_bytes_as_one_process(inputs, tmp_path):
    one, two = tmp_path / "one" / "district.xlsx", tmp_path / "two" / "district.xlsx"
    for output, workers in ((one, 1), (two, 2)):
        output.parent.mkdir()
        result = consolidate_files([inputs["folder"], inputs["other"]], output, workers=workers)
        assert [f.status for f in result.files] == [
            "ok", "duplicate", "failed", "failed", "ok", "ok"], workers
    assert one.read_bytes() == two.read_bytes()


def test_a_combined_register_holds_each_schools_rows_as_typed(inputs, tmp_path):
    """Rows streamed from the spool: numbered on, dates as dates (their style applied), each
    school's rows after the school and association, the duplicate's rows left out."""
    output = tmp_path / "district.xlsx"
    consolidate_files([inputs["folder"], inputs["other"]], output)
    lesson = ROWS["open_lessons"][0]
    typed = ["Алгебра", "7-А", "Квадраттык теңдемелер", lesson["date"]]
    assert [row[:3] + row[4:8] for row in _grid(output, "Ачык сабактар")] == [
        ["Мектеп", "Усулдук бирикме", "№", "Предмет", "Класс", "Тема", "Өтүлүүчү күн"],
        [SCHOOL_A, PHYSICS, 1.0, *typed],  # a/b/inner/two.xlsx: the files in their path's order
        [SCHOOL_A, MATH, 1.0, *typed],
        [SCHOOL_A, MATH, 2.0, "Алгебра", "7-А", LIVE_TEXT, lesson["date"].replace(month=11, day=5)],
        [SCHOOL_B, MATH, 1.0, *typed]]
    with zipfile.ZipFile(output) as package:
        names = dict(re.findall(r'<sheet name="([^"]+)" sheetId="\d+" r:id="(rId\d+)"',
                                package.read("xl/workbook.xml").decode()))
        rels = dict(re.findall(r'Id="(rId\d+)"[^>]*Target="([^"]+)"',
                               package.read("xl/_rels/workbook.xml.rels").decode()))
        sheet = package.read("xl/" + rels[names["Ачык сабактар"]].lstrip("/").removeprefix("xl/"))
    assert re.findall(rb'<row r="(\d+)"', sheet) == [b"1", b"2", b"3", b"4", b"5"]
    assert re.findall(rb'<c r="([A-Z]+)5"', sheet)[:3] == [b"A", b"B", b"C"]
    assert b'<dimension ref="A1:K5"/>' in sheet and b"\x00" not in sheet and b"\x01" not in sheet


def test_the_district_prints_fitted_with_its_header_on_every_page(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    consolidate_files([inputs["folder"], inputs["other"]], output)
    with zipfile.ZipFile(output) as package:
        workbook = package.read("xl/workbook.xml").decode()
    names = re.findall(r'<definedName name="(_xlnm\.Print_\w+)" localSheetId="(\d+)"[^>]*>([^<]*)<',
                       workbook)
    assert ("_xlnm.Print_Area", "0", "'Мектептер'!$A:$P") in names  # to the warnings
    assert ("_xlnm.Print_Titles", "0", "'Мектептер'!$1:$1") in names
    assert ("_xlnm.Print_Titles", "4", "'Мүчөлөр'!$1:$1") in names


def test_demo_schools_in_both_languages(tmp_path):
    write_demo(tmp_path / "ky", 2, 8, "ky")
    write_demo(tmp_path / "ru", 1, 8, "ru")
    result = consolidate_files([tmp_path], tmp_path / "district.xlsx", lang="ru")
    assert [f.status for f in result.files] == ["ok", "ok", "ok"]
    names = CalamineWorkbook.from_path(str(tmp_path / "district.xlsx")).sheet_names
    assert names[:5] == ["Школы", "По месяцам", "Файлы", "Замечания", "Состав МО"]
    for school in result.schools:  # members as the demo wrote them, rows with errors left out
        report = check(school.file)
        sheet = read_book(school.file).tables["members"]
        wrong = {f.row for f in report.issues if f.sheet == sheet.sheet and f.severity == "error"}
        named = [r for r in sheet.rows if r.values.get("name") and r.line not in wrong]
        assert (school.figures.members, school.figures.errors) == (len(named), report.errors)


def test_cli_writes_and_lists_bad_files(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    result = CliRunner().invoke(app, ["consolidate", str(inputs["folder"]), "-o", str(output)],
                                env={"UBSHEETS_LANG": "ky"})
    assert result.exit_code == 0
    assert t("consolidate_written", "ky", path=output, ok=2, failed=2, duplicate=1) in result.stdout
    assert f"{inputs['notes']}: окулган жок. {NOT_A_WORKBOOK}" in result.output
    russian = CliRunner().invoke(app, ["consolidate", str(inputs["folder"]), "-o", str(output),
                                       "--lang", "ky"], env={"UBSHEETS_LANG": "ru"})
    assert (f"{inputs['copy']}: дубликат. Та же школа и то же объединение, файл one.xlsx новее."
            in " ".join(russian.output.split()))


def test_cli_exit_2_when_nothing_can_be_used(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    result = CliRunner().invoke(app, ["consolidate", str(inputs["notes"]), "-o", str(output)],
                                env={"UBSHEETS_LANG": "ru"})
    assert result.exit_code == 2
    assert "Ошибка: Не удалось использовать ни одной книги: проверено файлов: 1." in result.output
    assert not output.exists()


def test_cli_json_is_the_librarys(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    result = CliRunner().invoke(app, ["consolidate", str(inputs["one"]), "-o", str(output),
                                      "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["schools"][0]["open_lessons"] == 2


@needs_libreoffice
def test_libreoffice_opens_the_district_workbook(inputs, tmp_path, libreoffice):
    output = tmp_path / "district.xlsx"
    consolidate_files([inputs["folder"]], output)
    converted = libreoffice(output, "csv:Text - txt - csv (StarCalc):44,34,76",
                            tmp_path / "csv")
    assert SCHOOL_A in converted.read_text(encoding="utf-8")


# --- district workbooks as inputs: a region's workbook -----------------------------------------

def _grid(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


@pytest.fixture
def districts(tmp_path: Path) -> dict[str, Path]:
    """d1/one.xlsx (school A, maths), d1/two.xlsx (school A, physics, in Russian, one error);
    d2/other.xlsx (school B, maths), d2/notes.xlsx (text); each folder consolidated into
    districts/d1.xlsx and districts/d2.xlsx."""
    (tmp_path / "d1").mkdir()
    (tmp_path / "d2").mkdir()
    (tmp_path / "districts").mkdir()
    one = make_book(tmp_path / "d1" / "one.xlsx", open_lessons=_open_lessons(),
                    settings={"school": SCHOOL_A, "association": MATH})
    members = copy.deepcopy(ROWS["members"])
    members[1]["weekly_hours"] = 45
    two = make_book(tmp_path / "d1" / "two.xlsx", lang="ru", members=members,
                    settings={"school": SCHOOL_A, "association": PHYSICS})
    other = make_book(tmp_path / "d2" / "other.xlsx",
                      settings={"school": SCHOOL_B, "association": MATH})
    (tmp_path / "d2" / "notes.xlsx").write_text("not a workbook", encoding="utf-8")
    d1, d2 = tmp_path / "districts" / "d1.xlsx", tmp_path / "districts" / "d2.xlsx"
    consolidate_files([tmp_path / "d1"], d1, lang="ky")
    consolidate_files([tmp_path / "d2"], d2, lang="ky")
    return {"one": one, "two": two, "other": other, "notes": tmp_path / "d2" / "notes.xlsx",
            "d1": d1, "d2": d2}


def test_a_region_from_two_districts_lists_every_school_with_the_same_figures(districts,
                                                                              tmp_path):
    region = tmp_path / "region.xlsx"
    result = consolidate_files([districts["d1"], districts["d2"]], region)
    rows = [*_grid(districts["d1"], "Мектептер")[1:-1], *_grid(districts["d2"], "Мектептер")[1:-1]]
    got = _grid(region, "Мектептер")
    file_column = 17  # relative to the workbook's folder: the districts' is another
    assert [r[:file_column] + r[file_column + 1:] for r in got[1:-1]] == [
        r[:file_column] + r[file_column + 1:] for r in rows]
    assert [r[file_column] for r in got[1:-1]] == ["d1/one.xlsx", "d1/two.xlsx", "d2/other.xlsx"]
    members = len(ROWS["members"])
    # Figures computed here from the rows written: the error row of two.xlsx is left out.
    assert [r[2] for r in got[1:-1]] == [members, members - 1, members]
    assert [r[7:11] for r in got[1:-1]] == [[2, 1, 1, 1], [1, 1, 1, 1], [1, 1, 1, 1]]
    assert [r[14] for r in got[1:-1]] == [0, check(districts["two"]).errors, 0]
    assert got[-1][:12] == ["Бардыгы", "", 3 * members - 1, "", "", 0, 0, 4, 3, 3, 3,
                            3 * len(ROWS["control"])]
    months = [*_grid(districts["d1"], "Айлар боюнча")[1:], *_grid(districts["d2"], "Айлар боюнча")[1:]]
    assert _grid(region, "Айлар боюнча")[1:] == months
    for sheet in ("Мүчөлөр", "Ачык сабактар"):
        combined = [*_grid(districts["d1"], sheet)[1:], *_grid(districts["d2"], sheet)[1:]]
        assert _grid(region, sheet)[1:] == combined
    schools = [*consolidate_files([districts["d1"].parent.parent / "d1"],
                                  tmp_path / "again1.xlsx").as_json()["schools"],
               *consolidate_files([districts["d2"].parent.parent / "d2"],
                                  tmp_path / "again2.xlsx").as_json()["schools"]]
    assert result.as_json()["schools"] == schools


def test_a_regions_files_name_each_schools_file_with_its_district(districts, tmp_path):
    region = tmp_path / "region.xlsx"
    result = consolidate_files([tmp_path / "districts"], region)
    assert _grid(region, "Файлдар") == [
        ["Файл", "Абалы", "Мектеп", "Усулдук бирикме", "Себеби", "Райондун китеби"],
        ["d1/one.xlsx", "колдонулду", SCHOOL_A, MATH, "", "districts/d1.xlsx"],
        ["d1/two.xlsx", "колдонулду", SCHOOL_A, PHYSICS, "", "districts/d1.xlsx"],
        ["d2/other.xlsx", "колдонулду", SCHOOL_B, MATH, "", "districts/d2.xlsx"],
        ["districts/d1.xlsx", "колдонулду", "", "",
         "Райондун китеби: мектептердин 2 китеби кайра окулду.", ""],
        ["districts/d2.xlsx", "колдонулду", "", "",
         "Райондун китеби: мектептердин 1 китеби кайра окулду.", ""],
        ["d2/notes.xlsx", "окулган жок", "", "", NOT_A_WORKBOOK, "districts/d2.xlsx"],
    ]
    assert [(f["path"], f["status"]) for f in result.as_json()["files"]] == [
        (str(districts["one"]), "ok"), (str(districts["two"]), "ok"),
        (str(districts["other"]), "ok"), (str(districts["d1"]), "ok"),
        (str(districts["d2"]), "ok"), (str(districts["notes"]), "failed")]
    assert [link for link in _links(region, "Файлдар") if link[0].startswith("F")] == [
        ("F2", "districts/d1.xlsx", ""), ("F3", "districts/d1.xlsx", ""),
        ("F4", "districts/d2.xlsx", ""), ("F7", "districts/d2.xlsx", "")]
    # The district's findings, read back, still open the school's own file at the cell.
    finding = next(f for f in check(districts["two"]).issues if f.severity == "error")
    grid = _grid(region, "Текшерүү жыйынтыгы")
    row = next(i for i, r in enumerate(grid) if r[4] == finding.cell and r[3] == finding.sheet)
    assert grid[row][5:] == ["ката", finding.message]
    assert (f"E{row + 1}", "d1/two.xlsx", f"'{finding.sheet}'!{finding.cell}") in _links(
        region, "Текшерүү жыйынтыгы")


def test_a_schools_own_file_wins_over_its_districts_copy(districts, tmp_path):
    """The school's own workbook is the source, read now, its findings linked to its own cells;
    the district's row is a copy of it as it was. The copy is the duplicate."""
    region = tmp_path / "region.xlsx"
    result = consolidate_files([districts["d1"], districts["one"]], region)
    files = [(f["path"], f["status"], f["reason"]) for f in result.as_json()["files"]]
    assert files == [
        (str(districts["one"]), "duplicate",
         "Ошол эле мектеп жана бирикме, one.xlsx файлы жаңыраак."),
        (str(districts["two"]), "ok", None), (str(districts["one"]), "ok", None),
        (str(districts["d1"]), "ok", "Райондун китеби: мектептердин 2 китеби кайра окулду.")]
    assert [r[4:6] for r in _grid(region, "Файлдар")[1:3]] == [
        ["Ошол эле мектеп жана бирикме, one.xlsx файлы жаңыраак.", "districts/d1.xlsx"],
        ["", "districts/d1.xlsx"]]
    assert [(s.school, s.association, s.district) for s in result.schools] == [
        (SCHOOL_A, PHYSICS, districts["d1"]), (SCHOOL_A, MATH, None)]


def test_a_district_cannot_be_cut_to_a_month(districts, tmp_path):
    result = CliRunner().invoke(app, ["consolidate", str(districts["d1"]), str(districts["notes"]),
                                      "-o", str(tmp_path / "region.xlsx"), "--month", "2020-10"],
                                env={"UBSHEETS_LANG": "en"})
    assert result.exit_code == 2
    with pytest.raises(InputError) as refused:
        read_book(districts["notes"])
    assert result.output.splitlines() == [
        f"{districts['d1']}: failed. \"d1.xlsx\" is a district workbook: its figures cannot be "
        "cut to one month; consolidate the schools' own workbooks with --month.",
        f"{districts['notes']}: failed. {refused.value.message('en')}",
        "Error: No workbook could be used: 2 files checked."]


def test_cli_tells_each_files_reason_when_nothing_can_be_used(inputs, tmp_path):
    output = tmp_path / "district.xlsx"
    result = CliRunner().invoke(app, ["consolidate", str(inputs["notes"]), str(inputs["cut"]),
                                      "-o", str(output)], env={"UBSHEETS_LANG": "ky"})
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{inputs['notes']}: окулган жок. {NOT_A_WORKBOOK}",
        f"{inputs['cut']}: окулган жок. {_reason(inputs['cut'])}",
        "Ката: Бир дагы китеп колдонулган жок: 2 файл текшерилди."]
    assert not output.exists()
