"""``ubsheets upgrade``: our sheets added to workbooks Excel saved, every part of the user's kept."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import needs_libreoffice
from lxml import etree
from openpyxl.utils.datetime import CALENDAR_MAC_1904
from openpyxl.workbook.defined_name import DefinedName
from python_calamine import CalamineWorkbook
from test_safe_write import excel_lock_bytes

from tests.builders import load_with_vba
from ubsheets import actions
from ubsheets.core import periods
from ubsheets.errors import InputError, UsageError
from ubsheets.io.home_sheet import HOME_SHEET
from ubsheets.io.parts.styles import canonical
from ubsheets.io.template import HEADER_LINE
from ubsheets.schema import ALL_TABLES, META_SHEET, TEMPLATE_VERSION

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "excel-corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the Excel corpus is absent: {CORPUS}")
# The parts an upgrade edits; every other entry of the user's package stays byte for byte.
EDITED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
          "docProps/app.xml"}
SAMPLE = ("chart_bar01.xlsx", "table01.xlsx", "comment01.xlsx", "macro01.xlsm", "button07.xlsm",
          "image01.xlsx", "chartsheet01.xlsx", "defined_name01.xlsx", "hyperlink01.xlsx",
          "format01.xlsx")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
YEAR = "2020-2021"


def copied(name: str, folder: Path) -> Path:
    """A writable copy of a corpus workbook (the corpus files are read-only)."""
    path = folder / name
    shutil.copyfile(CORPUS / name, path)
    return path


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def values(path: Path) -> dict[str, list]:
    workbook = CalamineWorkbook.from_path(str(path))
    return {name: workbook.get_sheet_by_name(name).to_python() for name in workbook.sheet_names}


def headers(path: Path, lang: str) -> dict[str, list]:
    """Each table's header row as the sheet holds it, by register key."""
    workbook = CalamineWorkbook.from_path(str(path))
    found = {}
    for register in ALL_TABLES:
        row = workbook.get_sheet_by_name(register.sheet.get(lang)).to_python()[HEADER_LINE - 1]
        first = register.first_col - 1
        found[register.key] = row[first:first + len(register.columns)]
    return found


def expected_headers(lang: str) -> dict[str, list]:
    return {register.key: [column.header.get(lang) for column in register.columns]
            for register in ALL_TABLES}


def run(*args: object, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"}
    if lang:
        env["UBSHEETS_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "ubsheets", "upgrade", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120)


def with_workbook_xml(path: Path, edit) -> Path:
    """``path`` rewritten with its workbook.xml passed through ``edit`` (bytes -> bytes)."""
    items = entries(path)
    items["xl/workbook.xml"] = edit(items["xl/workbook.xml"])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in items.items():
            package.writestr(name, data)
    return path


def refused(path: Path, key: str, **upgrade) -> InputError | UsageError:
    before = path.read_bytes()
    with pytest.raises((InputError, UsageError)) as caught:
        actions.upgrade_file(path, **upgrade)
    assert caught.value.key == key
    assert path.read_bytes() == before and not Path(f"{path}.bak").exists()
    return caught.value


# --- workbooks Excel saved ------------------------------------------------------------------


@needs_corpus
@pytest.mark.parametrize("name", SAMPLE)
def test_upgrade_adds_our_sheets_and_keeps_every_part_and_value(name, tmp_path):
    path = copied(name, tmp_path)
    before, shown = entries(path), values(path)
    result = actions.upgrade_file(path, lang="ky", year=YEAR)
    ours = [register.sheet.ky for register in ALL_TABLES]
    assert result.added == list(dict.fromkeys(ours)) + [META_SHEET]
    after = entries(path)
    assert {n: d for n, d in before.items() if n not in EDITED} == \
           {n: after[n] for n in before if n not in EDITED}
    now = values(path)
    assert {sheet: now[sheet] for sheet in shown} == shown
    assert list(now)[:len(shown)] == list(shown)  # the user's sheets first, in their order
    assert headers(path, "ky") == expected_headers("ky")
    assert actions.validate_file(path).report.errors == 0
    actions.summarize_file(path)
    actions.report_file(path, periods.chooser(None, None, False, True))
    loaded = openpyxl.load_workbook(path)
    assert loaded[META_SHEET].sheet_state == "hidden"
    assert loaded[META_SHEET]["B1"].value == TEMPLATE_VERSION
    again = path.read_bytes()
    assert actions.upgrade_file(path).added == []
    assert path.read_bytes() == again


@needs_corpus
def test_the_users_table_keeps_its_id_and_ours_are_unique(tmp_path):
    path = copied("table01.xlsx", tmp_path)
    own = etree.fromstring(entries(path)["xl/tables/table1.xml"])
    actions.upgrade_file(path, lang="ru", year=YEAR)
    tables = [etree.fromstring(data) for name, data in entries(path).items()
              if name.startswith("xl/tables/")]
    assert etree.fromstring(entries(path)["xl/tables/table1.xml"]).get("id") == own.get("id")
    ids = [table.get("id") for table in tables]
    names = [table.get("displayName").casefold() for table in tables]
    assert len(tables) == 16 and len(set(ids)) == 16 and len(set(names)) == 16
    assert headers(path, "ru") == expected_headers("ru")


@needs_corpus
def test_each_drawing_of_notes_has_its_own_shape_ids(tmp_path):
    path = copied("comment01.xlsx", tmp_path)
    actions.upgrade_file(path, year=YEAR)
    blocks = [re.search(rb'idmap[^>]*data="(\d+)"', data)[1] for name, data in entries(path).items()
              if name.endswith(".vml")]
    assert len(blocks) == 15 and len(set(blocks)) == 15
    assert entries(path)["[Content_Types].xml"].count(b'Extension="vml"') == 1


@needs_corpus
def test_the_users_styles_stay_as_they_were_ours_appended(tmp_path):
    path = copied("format01.xlsx", tmp_path)
    mine = etree.fromstring(entries(path)["xl/styles.xml"])
    actions.upgrade_file(path, year=YEAR)
    now = etree.fromstring(entries(path)["xl/styles.xml"])
    for name in ("numFmts", "fonts", "fills", "borders", "cellXfs", "cellStyleXfs", "dxfs"):
        was, found = mine.find(f"{{{MAIN}}}{name}"), now.find(f"{{{MAIN}}}{name}")
        if was is None:
            continue
        assert [canonical(el) for el in found[:len(was)]] == [canonical(el) for el in was]
        assert found.get("count") == str(len(found))


@needs_corpus
def test_an_xlsx_upgraded_into_an_xlsm_is_macro_enabled(tmp_path):
    path = copied("table01.xlsx", tmp_path)
    before = path.read_bytes()
    result = actions.upgrade_file(path, tmp_path / "Методбирикме.xlsm", year=YEAR)
    assert path.read_bytes() == before
    types = entries(result.path)["[Content_Types].xml"]
    assert b'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"' in types
    load_with_vba(result.path)


@needs_corpus
def test_macros_are_kept_and_never_dropped_into_an_xlsx(tmp_path):
    path = copied("macro01.xlsm", tmp_path)
    refused(path, "upgrade_macros_dropped", output=tmp_path / "out.xlsx")
    assert not (tmp_path / "out.xlsx").exists()
    vba = entries(path)["xl/vbaProject.bin"]
    actions.upgrade_file(path, year=YEAR)
    assert entries(path)["xl/vbaProject.bin"] == vba
    assert b"macroEnabled.main+xml" in entries(path)["[Content_Types].xml"]


@needs_corpus
def test_an_existing_output_is_not_replaced(tmp_path):
    path = copied("simple01.xlsx", tmp_path)
    (tmp_path / "out.xlsx").write_bytes(b"mine")
    refused(path, "upgrade_output_exists", output=tmp_path / "out.xlsx")
    assert (tmp_path / "out.xlsx").read_bytes() == b"mine"


@needs_corpus
def test_a_protected_structure_is_refused_with_how_to_unprotect(tmp_path):
    path = with_workbook_xml(copied("simple01.xlsx", tmp_path), lambda xml: xml.replace(
        b"<bookViews>", b'<workbookProtection lockStructure="1"/><bookViews>'))
    error = refused(path, "workbook_structure_protected")
    assert "Review → Protect Workbook" in error.message("en")
    assert "Рецензирование → Защитить книгу" in error.message("ky")


@needs_corpus
def test_strict_ooxml_is_refused(tmp_path):
    path = with_workbook_xml(copied("simple01.xlsx", tmp_path), lambda xml: xml.replace(
        MAIN.encode(), b"http://purl.oclc.org/ooxml/spreadsheetml/main"))
    refused(path, "strict_ooxml")


@needs_corpus
def test_a_workbook_open_in_excel_is_refused(tmp_path):
    path = copied("simple01.xlsx", tmp_path)
    (tmp_path / "~$simple01.xlsx").write_bytes(excel_lock_bytes("Айгүл"))
    refused(path, "file_is_open")


def test_legacy_xls_is_refused(tmp_path):
    path = tmp_path / "old.xlsx"
    path.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 1024)
    refused(path, "legacy_xls")


# --- workbooks made here -----------------------------------------------------------------------


def test_a_sheet_named_like_a_register_is_refused(tmp_path):
    path = tmp_path / "own.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Мүчөлөр"
    workbook.active["A1"] = "Асанова Айгүл"
    workbook.save(path)
    error = refused(path, "upgrade_sheet_taken")
    assert error.params["sheet"] == "Мүчөлөр"


def test_a_name_our_lists_need_is_refused(tmp_path):
    path = tmp_path / "own.xlsx"
    workbook = openpyxl.Workbook()
    workbook.defined_names["UB_Teachers"] = DefinedName("UB_Teachers", attr_text="Sheet!$A$1:$A$9")
    workbook.save(path)
    assert refused(path, "upgrade_name_taken").params["defined"] == "UB_Teachers"


def test_a_current_ubsheets_workbook_has_nothing_to_do(tmp_path):
    path = actions.new_workbook(tmp_path / "УБ.xlsx", "ky", year=YEAR)
    before = path.read_bytes()
    assert actions.upgrade_file(path).added == []
    assert path.read_bytes() == before and not Path(f"{path}.bak").exists()


def test_a_newer_template_is_refused(tmp_path):
    path = actions.new_workbook(tmp_path / "УБ.xlsx", "ky", year=YEAR)
    workbook = openpyxl.load_workbook(path)
    workbook[META_SHEET]["B1"] = "3"
    workbook.save(path)
    error = refused(path, "upgrade_newer_template")
    assert "update ubsheets" in error.message("en")


def test_dates_follow_a_workbook_that_counts_from_1904(tmp_path):
    path = tmp_path / "mac.xlsx"
    workbook = openpyxl.Workbook()
    workbook.epoch = CALENDAR_MAC_1904
    workbook.active["A1"] = "1904"
    workbook.save(path)
    actions.upgrade_file(path, year=YEAR)
    settings = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("Жөндөөлөр").to_python()
    starts = [row[1] for row in settings if row[0] == "Окуу жылынын башталышы"]
    assert [str(day) for day in starts] == ["2020-09-01"]


# --- LibreOffice and the command line -----------------------------------------------------------


@needs_corpus
@needs_libreoffice
def test_libreoffice_opens_an_upgraded_workbook(tmp_path, libreoffice):
    path = copied("chart_bar01.xlsx", tmp_path)
    actions.upgrade_file(path, year=YEAR)
    resaved = libreoffice(path, "xlsx", tmp_path / "lo")
    names = CalamineWorkbook.from_path(str(resaved)).sheet_names
    assert names == CalamineWorkbook.from_path(str(path)).sheet_names
    assert headers(resaved, "ky") == expected_headers("ky")


@needs_corpus
def test_the_command_says_in_one_line_what_it_added_or_why_not(tmp_path):
    path = copied("table01.xlsx", tmp_path)
    done = run(path, "--year", YEAR)
    # The hidden sheet is added too, but not named: the user never sees it.
    ours = ", ".join(dict.fromkeys(r.sheet.ky for r in ALL_TABLES))
    assert (done.returncode, done.stdout, done.stderr) == (
        0, f"«{path}» китебине барактар кошулду (14): {ours}.\n", "")
    assert META_SHEET in CalamineWorkbook.from_path(str(path)).sheet_names
    again = run(path, lang="ru")
    assert (again.returncode, again.stdout, again.stderr) == (
        0, f"Книга «{path}» уже по текущей версии шаблона ubsheets: добавлять нечего, файл не изменён.\n",
        "")
    russian = run(copied("simple01.xlsx", tmp_path), "-o", tmp_path / "ru.xlsm", lang="ru")
    # An .xlsm gets the home sheet with its buttons first among ours (and the VBA project).
    ru_ours = ", ".join([HOME_SHEET.ru, *dict.fromkeys(r.sheet.ru for r in ALL_TABLES)])
    assert (russian.returncode, russian.stdout) == (
        0, f"В книгу «{tmp_path / 'ru.xlsm'}» добавлены листы (15): {ru_ours}.\n"
           "Кнопки и их макросы — на листе «Главная»: при открытии книги в Excel разрешите макросы.\n")


def test_the_command_refuses_in_one_line_with_exit_2(tmp_path):
    path = tmp_path / "own.xlsx"
    workbook = openpyxl.Workbook()
    workbook.active.title = "Мүчөлөр"
    workbook.save(path)
    ky = run(path)
    assert (ky.returncode, ky.stdout) == (2, "")
    assert ky.stderr == ("Ката: «own.xlsx» китебинде «Мүчөлөр» барагы бар, ubsheets да ушундай"
                         " аталыштагы барак кошот: эки барак бирдей аталса, реестр кайсынысы экени"
                         " белгисиз болот; өз барагыңыздын атын өзгөртүп, кайра аракет кылыңыз —"
                         " файл өзгөргөн жок.\n")
    ru = run(path, lang="ru")
    assert (ru.returncode, ru.stdout) == (2, "")
    assert ru.stderr == ("Ошибка: В книге «own.xlsx» уже есть лист «Мүчөлөр», а ubsheets добавляет"
                         " лист с таким же именем: с двумя такими листами непонятно, какой из них"
                         " реестр; переименуйте свой лист и попробуйте снова — файл не изменён.\n")
