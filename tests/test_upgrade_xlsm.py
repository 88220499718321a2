"""``ubsheets upgrade BOOK -o BOOK.xlsm``: a workbook without VBA gets the home sheet, its buttons
and the VBA project, as ``new BOOK.xlsm`` makes them; one with a VBA project keeps it, untouched."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import needs_libreoffice
from lxml import etree
from python_calamine import CalamineWorkbook

from tests.builders import assert_buttons_bound
from ubsheets import actions, vba
from ubsheets.io.home_sheet import BUTTONS, HOME_SHEET

olevba = pytest.importorskip("oletools.olevba", reason="oletools is a test dependency (olevba)")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "excel-corpus"
needs_corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"the Excel corpus {CORPUS} is absent")
SUBS = set(re.findall(r"^Public Sub (\w+)\(\)", (vba.MACROS / "ubsheets.bas").read_text(), re.M))
# The parts an upgrade edits; the user's sheets get only a code name (the VBA project's document
# modules are bound to the sheets by it); every other entry stays byte for byte.
EDITED = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml",
          "docProps/app.xml"}
CODE_NAME = re.compile(rb'<sheetPr codeName="\w+"/>|(?<=<sheetPr) codeName="\w+"')
YEAR = "2020-2021"


def canonical(data: bytes) -> bytes:
    return etree.tostring(etree.fromstring(data), method="c14n")


def entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def upgraded(name: str, folder: Path, lang: str = "ky") -> tuple[Path, Path, actions.Upgraded]:
    source = folder / name
    shutil.copyfile(CORPUS / name, source)
    source.chmod(0o644)
    return source, folder / "out.xlsm", actions.upgrade_file(source, folder / "out.xlsm", lang, YEAR)


def home_vml(path: Path, lang: str) -> str:
    """The VML drawing the home sheet's ``legacyDrawing`` points at."""
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        workbook = package.read("xl/workbook.xml").decode()
        rid = re.search(rf'<sheet [^>]*name="{HOME_SHEET.get(lang)}"[^>]* r:id="(rId\d+)"',
                        workbook)[1]
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
        sheet = "xl/" + re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)[1]
        assert sheet in names
        drawing = re.search(r'<legacyDrawing r:id="(rId\d+)"/>', package.read(sheet).decode())[1]
        sheet_rels = package.read(sheet.replace("worksheets/", "worksheets/_rels/") + ".rels").decode()
        target = re.search(rf'<Relationship [^>]*Id="{drawing}"[^>]*/>', sheet_rels)[0]
        assert "/vmlDrawing" in target
        vml = "xl/drawings/" + re.search(r'Target="\.\./drawings/([^"]+)"', target)[1]
        return package.read(vml).decode()


@needs_corpus
@pytest.mark.parametrize("name", ["table01.xlsx", "comment01.xlsx"])
def test_an_xlsx_gets_the_home_sheet_its_buttons_and_the_vba(name, tmp_path):
    source, out, result = upgraded(name, tmp_path)
    before = entries(source)
    assert result.vba == "added" and result.added[0] == HOME_SHEET.ky
    after = entries(out)
    for part, data in before.items():
        if part in EDITED:
            continue
        if part.startswith("xl/worksheets/") and part.endswith(".xml"):
            assert CODE_NAME.sub(b"", after[part]) == data, part
        else:
            assert after[part] == data, part
    # The user's sheets first, in their order; the home sheet first of ours.
    user_sheets = CalamineWorkbook.from_path(str(source)).sheet_names
    sheets = CalamineWorkbook.from_path(str(out)).sheet_names
    assert sheets[:len(user_sheets)] == user_sheets and sheets[len(user_sheets)] == HOME_SHEET.ky
    # The buttons, bound to Subs of macros/ubsheets.bas.
    vml = home_vml(out, "ky")
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", vml)
    assert macros == [b.macro for b in BUTTONS] and len(macros) == 3 and set(macros) <= SUBS
    # No two VML drawings share a shape-id block or a shape id.
    blocks, shapes = [], []
    for part, data in after.items():
        if part.endswith(".vml"):
            blocks += re.findall(rb'idmap[^>]*data="([\d,]+)"', data)
            shapes += re.findall(rb'<v:shape id="_x0000_s(\d+)"', data)
    assert len(blocks) == len(set(blocks)) and len(shapes) == len(set(shapes))
    # The VBA project, read by olevba.
    parser = olevba.VBA_Parser(str(out))
    try:
        sources = {module: code for _, _, module, code in parser.extract_macros()}
    finally:
        parser.close()
    ours = next(code for module, code in sources.items() if module.startswith("UbSheets"))
    assert all(f"Sub {sub}()" in ours for sub in SUBS)
    assert b"macroEnabled.main+xml" in after["[Content_Types].xml"]
    # The workbook works as a master: validate writes into it, keeping project and buttons.
    assert actions.validate_file(out, backup=False).report.errors == 0
    kept = entries(out)
    assert kept[vba.PART] == after[vba.PART]
    assert home_vml(out, "ky") == vml


@needs_corpus
def test_a_workbook_with_its_own_vba_project_keeps_it_without_a_home_sheet(tmp_path):
    source, out, result = upgraded("macro01.xlsm", tmp_path)
    assert result.vba == "kept" and HOME_SHEET.ky not in result.added
    assert entries(out)[vba.PART] == entries(source)[vba.PART]
    assert HOME_SHEET.ky not in CalamineWorkbook.from_path(str(out)).sheet_names



@needs_corpus
@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_command_says_the_workbooks_own_macros_were_kept(lang, tmp_path):
    source = tmp_path / "macro01.xlsm"
    shutil.copy(CORPUS / "macro01.xlsm", source)
    source.chmod(0o644)
    done = subprocess.run([sys.executable, "-m", "ubsheets", "upgrade", str(source)],
                          capture_output=True, text=True, env={**os.environ, "UBSHEETS_LANG": lang})
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.splitlines()[-1] == {
        "ky": "Китептин өз макростору сакталды, ошондуктан «Башкы бет» барагы жана баскычтар кошулган жок.",
        "ru": "Собственные макросы книги сохранены, поэтому лист «Главная» с кнопками не добавлен."}[lang]


@needs_corpus
def test_an_xlsx_output_gets_no_home_sheet(tmp_path):
    source = tmp_path / "table01.xlsx"
    shutil.copyfile(CORPUS / "table01.xlsx", source)
    source.chmod(0o644)
    result = actions.upgrade_file(source, tmp_path / "out.xlsx", "ky", YEAR)
    assert result.vba is None and HOME_SHEET.ky not in result.added
    assert vba.PART not in entries(result.path)


@needs_corpus
@needs_libreoffice
def test_libreoffice_keeps_the_upgraded_buttons_bound(tmp_path, libreoffice):
    _, out, _ = upgraded("table01.xlsx", tmp_path, "ru")
    assert_buttons_bound(libreoffice(out, "ods", tmp_path), BUTTONS, "ru")


@pytest.mark.parametrize("lang, year", [("ky", "2020-2021"), ("ru", "2024-2025")])
def test_a_current_workbook_into_an_xlsm_gets_the_home_sheet_alone(lang, year, tmp_path):
    source = actions.new_workbook(tmp_path / "book.xlsx", lang, year=year)
    before = entries(source)
    result = actions.upgrade_file(source, tmp_path / "book.xlsm", "ky", "2030-2031")
    out = tmp_path / "book.xlsm"
    assert (result.vba, result.added) == ("added", [HOME_SHEET.get(lang)])  # in the book's language
    assert entries(source) == before  # the input is read only
    sheets = CalamineWorkbook.from_path(str(out)).sheet_names
    # First, before the settings: the first tab, shown (firstSheet stays 0).
    assert sheets == [HOME_SHEET.get(lang), *CalamineWorkbook.from_path(str(source)).sheet_names]
    after = entries(out)
    for part, data in before.items():
        if part.startswith("xl/worksheets/") and part.endswith(".xml"):
            # Given its code name, the part is written again by lxml (openpyxl's character
            # references become UTF-8, a declaration is added): the same XML, compared canonically.
            assert canonical(CODE_NAME.sub(b"", after[part])) == canonical(data), part
        elif part not in EDITED:
            assert after[part] == data, part
    macros = re.findall(r"<x:FmlaMacro>\[0\]!(\w+)</x:FmlaMacro>", home_vml(out, lang))
    assert macros == [b.macro for b in BUTTONS]
    # The period cell and its list are the book's own year, not the one asked for.
    home = CalamineWorkbook.from_path(str(out)).get_sheet_by_name(HOME_SHEET.get(lang)).to_python()
    assert home[2][1] == year and home[0][25] == f"{year[:4]}-09"
    workbook = after["xl/workbook.xml"].decode()
    assert workbook.count('name="ub_period"') == 1 and workbook.count('name="Teachers"') <= 1
    # The home tab in sight; the sheet that was active stays so (one selected tab, no group).
    assert 'firstSheet="0" activeTab="1"' in workbook
    assert actions.validate_file(out, backup=False).report.errors == 0
    # Once there, nothing more to do.
    again = actions.upgrade_file(out, tmp_path / "again.xlsm", lang)
    assert again.added == [] and not (tmp_path / "again.xlsm").exists()
