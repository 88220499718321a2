"""The committed masters of workbook_templates/: equal to a fresh build (so a changed macro, layout
or wording fails here until ``ubsheets template build`` is run), made by the same functions as
``ubsheets new``, each with its home sheet, its buttons bound to Subs of macros/ubsheets.bas and
its VBA project; the district workbook's Consolidate button end to end through the xlwings
stand-in; LibreOffice loading each with its buttons bound."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook

from tests import xlwings_standin as standin
from tests.builders import assert_buttons_bound, make_book
from ubsheets import actions, excel, templates, vba
from ubsheets.actions import new_workbook
from ubsheets.core.validate import validate
from ubsheets.io.home_sheet import (
    DISTRICT,
    FOLDER_NAME,
    HOME_SHEET,
    MONTH_NAME,
    OUTPUT_NAME,
    PERIOD_NAME,
    SCHOOL,
)
from ubsheets.io.reader import read_book

olevba = pytest.importorskip("oletools.olevba", reason="oletools is a test dependency (olevba)")

ROOT = Path(__file__).resolve().parents[1]
COMMITTED = ROOT / "workbook_templates"
SUBS = set(re.findall(r"^Public Sub (\w+)\(\)", (vba.MACROS / "ubsheets.bas").read_text(), re.M))
HOMES = {"school": SCHOOL, "district": DISTRICT}


def parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def test_the_committed_templates_equal_a_fresh_build():
    assert sorted(p.name for p in COMMITTED.glob("*.xlsm")) == sorted(t.file for t in templates.TEMPLATES)
    assert templates.drifted(COMMITTED) == []


def test_a_changed_macro_is_drift(tmp_path, monkeypatch):
    shutil.copytree(COMMITTED, tmp_path / "t")
    real = vba.macro_modules

    def edited(folder: Path = vba.MACROS) -> list[vba.Module]:
        return [vba.Module(m.name, m.source + "' edited\r\n") for m in real(folder)]

    monkeypatch.setattr(vba, "macro_modules", edited)
    assert templates.drifted(tmp_path / "t") == [t.file for t in templates.TEMPLATES]


def test_another_build_or_a_missing_file_is_drift_and_the_command_says_so(tmp_path):
    folder = tmp_path / "t"
    shutil.copytree(COMMITTED, folder)
    (folder / "district-ru.xlsm").unlink()
    new_workbook(folder / "ubsheets-ru.xlsm", "ru", year="2020-2021", force=True)
    run = subprocess.run([sys.executable, "-m", "ubsheets", "template", "build", str(folder), "--check"],
                         capture_output=True, text=True, env={"UBSHEETS_LANG": "ru", "PATH": ""})
    assert run.returncode == 1, run.stderr
    assert run.stdout.splitlines() == [
        f"Устарела: {folder / 'ubsheets-ru.xlsm'}", f"Устарела: {folder / 'district-ru.xlsm'}",
        "2 книги отличаются от свежей сборки: пересоберите командой ubsheets template build."]


@pytest.mark.parametrize("template", templates.TEMPLATES, ids=lambda t: t.file)
def test_each_template_has_its_home_sheet_buttons_and_vba(template):
    path = COMMITTED / template.file
    home = HOMES[template.kind]
    book = openpyxl.load_workbook(path)
    first = book.worksheets[0]
    assert first.title == HOME_SHEET.get(template.lang)
    for index, field in enumerate(home.fields):
        [(title, ref)] = list(book.defined_names[field.name].destinations)
        assert (title, ref) == (first.title, f"$B${home.field_row(index)}")
    with zipfile.ZipFile(path) as package:
        vml = package.read("xl/drawings/vmlDrawing1.vml").decode()
        assert "xl/vbaProject.bin" in package.namelist()
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert macros == [b.macro for b in home.buttons] and set(macros) <= SUBS
    parser = olevba.VBA_Parser(str(path))
    try:
        modules = {name.split(".")[0] for _, _, name, _ in parser.extract_macros()}
    finally:
        parser.close()
    assert {"UbSheets", "xlwings", "Dictionary"} <= modules


def test_the_school_masters_hold_three_buttons_and_the_year_they_say():
    for lang in ("ky", "ru"):
        path = COMMITTED / f"ubsheets-{lang}.xlsm"
        assert len(SCHOOL.buttons) == 3
        book = read_book(path)
        assert book.lang == lang
        assert not [f for f in validate(book).issues if f.severity == "error"]
        home = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
        year = templates.committed_year(path)
        assert home[2][1] == year  # the period cell starts on the year


def test_new_makes_the_same_workbook_as_the_template(tmp_path):
    year = templates.committed_year(COMMITTED / "ubsheets-ky.xlsm")
    for args, name in ((["--lang", "ru", "--year", str(year)], "ubsheets-ru.xlsm"),
                       (["--lang", "ky", "--district"], "district-ky.xlsm")):
        made = tmp_path / name
        run = subprocess.run([sys.executable, "-m", "ubsheets", "new", str(made), *args],
                             capture_output=True, text=True)
        assert run.returncode == 0, run.stderr
        ours, committed = parts(made), parts(COMMITTED / name)
        assert ours.keys() == committed.keys()
        assert [n for n in ours if ours[n] != committed[n]] == [templates.CORE]  # the save time only


def test_a_district_workbook_must_be_macro_enabled(tmp_path):
    run = subprocess.run([sys.executable, "-m", "ubsheets", "new", str(tmp_path / "d.xlsx"), "--district"],
                         capture_output=True, text=True, env={"UBSHEETS_LANG": "ky", "PATH": ""})
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.strip() == ("Ката: d.xlsx: райондун китеби баскычы менен иштейт, ошондуктан файлдын "
                                  "аты .xlsm менен бүтүшү керек, мисалы Район.xlsm.")
    assert not (tmp_path / "d.xlsx").exists()


@pytest.mark.parametrize("lang, folder, output, message", [
    ("ky", "мектептер", "район.xlsx", "Райондун китеби жазылды: {out} (колдонулду: 2, окулган жок: 0, "
                                      "кайталанма: 0)."),
    ("ru", "школы", "район.xlsx", "Книга района записана: {out} (использовано: 2, не прочитано: 0, "
                                  "дубликатов: 0)."),
])
def test_the_district_button_consolidates_the_folder_its_cells_name(lang, folder, output, message, tmp_path):
    district = tmp_path / f"district-{lang}.xlsm"
    shutil.copyfile(COMMITTED / district.name, district)
    book = openpyxl.load_workbook(district)
    cells = {}
    for name in (FOLDER_NAME, OUTPUT_NAME, MONTH_NAME):
        [(title, ref)] = list(book.defined_names[name].destinations)
        cells[name] = book[title][ref.replace("$", "")].value
    assert cells == {FOLDER_NAME: folder, OUTPUT_NAME: output, MONTH_NAME: None}
    assert PERIOD_NAME not in book.defined_names
    (tmp_path / folder).mkdir()
    make_book(tmp_path / folder / "a.xlsx")
    make_book(tmp_path / folder / "b.xlsx", settings={"school": "№2 орто мектеп"})
    caller = standin.Book(standin.App(), str(district), names=cells)
    excel.consolidate(caller)
    out = tmp_path / output
    assert caller.app._alerts == [message.format(out=out)]
    assert ("books.open", str(out)) in caller.app._calls
    assert out.is_file() and district.read_bytes() == (COMMITTED / district.name).read_bytes()


@needs_libreoffice
def test_libreoffice_loads_each_template_with_its_buttons_bound(libreoffice, tmp_path):
    sources = [COMMITTED / t.file for t in templates.TEMPLATES]
    for template, out in zip(templates.TEMPLATES, libreoffice(sources, "ods", tmp_path), strict=True):
        assert_buttons_bound(out, HOMES[template.kind].buttons, template.lang)


def test_district_with_a_schools_option_is_refused(tmp_path):
    run = subprocess.run([sys.executable, "-m", "ubsheets", "new", str(tmp_path / "d.xlsm"), "--district",
                          "--year", "2020-2021"], capture_output=True, text=True,
                         env={"UBSHEETS_LANG": "ru", "PATH": ""})
    assert (run.returncode, run.stdout) == (2, "")
    assert run.stderr.strip() == ("Ошибка: --district не сочетается с --from, --school или --year: в книге "
                                  "района нет ни школы, ни учебного года.")
    assert not (tmp_path / "d.xlsm").exists()


def test_the_district_workbook_in_the_schools_folder_is_not_read_as_a_school(tmp_path):
    district = tmp_path / "district-ky.xlsm"
    shutil.copyfile(COMMITTED / district.name, district)
    make_book(tmp_path / "a.xlsx")
    make_book(tmp_path / "b.xlsx", settings={"school": "№2 орто мектеп"})
    caller = standin.Book(standin.App(), str(district), names={FOLDER_NAME: ".", OUTPUT_NAME: "район.xlsx"})
    excel.consolidate(caller)
    out = tmp_path / "район.xlsx"
    assert caller.app._alerts == [f"Райондун китеби жазылды: {out} (колдонулду: 2, окулган жок: 0, "
                                  "кайталанма: 0)."]


@pytest.mark.parametrize("month", ["2020-10", dt.datetime(2020, 10, 1)])  # as typed; as Excel read it
def test_the_district_month_cell_counts_that_month_as_consolidate_does(month, tmp_path):
    (tmp_path / "schools").mkdir()
    make_book(tmp_path / "schools" / "a.xlsx")
    district = tmp_path / "district-ru.xlsm"
    shutil.copyfile(COMMITTED / district.name, district)
    caller = standin.Book(standin.App(), str(district),
                          names={FOLDER_NAME: "schools", OUTPUT_NAME: "button.xlsx", MONTH_NAME: month})
    excel.consolidate(caller)
    assert caller.app._alerts[0].startswith("Книга района записана")
    actions.consolidate_files([tmp_path / "schools"], tmp_path / "command.xlsx", month="2020-10", lang="ru")
    whole_year = actions.consolidate_files([tmp_path / "schools"], tmp_path / "year.xlsx", lang="ru")
    assert whole_year.schools

    def schools(name: str) -> list[list[object]]:
        return CalamineWorkbook.from_path(str(tmp_path / name)).get_sheet_by_index(0).to_python()

    assert schools("button.xlsx")[:4] == schools("command.xlsx")[:4] != schools("year.xlsx")[:4]


def test_a_bad_month_is_one_message(tmp_path):
    (tmp_path / "schools").mkdir()
    district = tmp_path / "district-ky.xlsm"
    shutil.copyfile(COMMITTED / district.name, district)
    caller = standin.Book(standin.App(), str(district),
                          names={FOLDER_NAME: "schools", OUTPUT_NAME: "район.xlsx", MONTH_NAME: "октябрь"})
    excel.consolidate(caller)
    assert caller.app._alerts == ["Айды 2020-10 түрүндө жазыңыз: октябрь"]
