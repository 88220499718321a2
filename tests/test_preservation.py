"""A regeneration (summarize, report, validate) replaces only the sheets it owns and keeps every
other part of the user's file.

Proven on two real workbooks a user enriched (``enrich.py``): one as Excel writes it (XlsxWriter:
picture, chart, comments, dropdowns including an x14 one, conditional format, a sheet of formulas,
VBA and a form button) and one LibreOffice itself saved with a picture, a chart and a comment. The
commands run as a user runs them, ``python -m ubsheets ...`` in a subprocess, and LibreOffice is the
independent reader of what comes out.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from builders import entries
from conftest import SOFFICE, needs_libreoffice
from enrich import (
    LESSONS_SHEET,
    MAIN_NS,
    MEMBERS_SHEET,
    PKG_REL_NS,
    SETTINGS_SHEET_NAME,
    USER_SHEET,
    X14_NS,
    X14_VALIDATION_URI,
    XM_NS,
    demo_book,
    enrich_with_libreoffice,
    enrich_with_xlsxwriter,
    resolve,
    sheet_parts,
    uno_python,
)
from python_calamine import CalamineWorkbook

from ubsheets import actions
from ubsheets.core import periods
from ubsheets.io.safe_write import BACKUP_SUFFIX, TEMP_PREFIX

COMMANDS = (("summarize",), ("report", "--all"), ("report", "--half", "2020-10-1"), ("validate",))
# The sheets those commands write, in the demo's language and academic year.
OUR_SHEETS = frozenset({
    "Жыйынтык", "Текшерүү", "Отчет 2020-2021", "Отчет 2020-10-1",
    *(f"Отчет 2020-{m:02d}" for m in range(9, 13)), *(f"Отчет 2021-{m:02d}" for m in range(1, 6)),
})
# Parts the writer edits as text; every user's item inside them must survive.
WORKBOOK, WORKBOOK_RELS, TYPES, STYLES = (
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "xl/styles.xml")
EDITED = frozenset({WORKBOOK, WORKBOOK_RELS, TYPES, STYLES, "docProps/app.xml"})  # app.xml: the sheet list
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"

# What each enriched workbook carries (checked on the fixture itself), and what LibreOffice must
# still find in it after our commands ran.
CARRIES = {
    "xlsxwriter": {
        "vba", f"image:{SETTINGS_SHEET_NAME}", f"chart:{USER_SHEET}", f"button:{USER_SHEET}",
        f"comments:{MEMBERS_SHEET}", f"comments:{USER_SHEET}", f"x14-dropdown:{LESSONS_SHEET}",
        f"dropdown:{LESSONS_SHEET}", f"dropdown:{MEMBERS_SHEET}", f"dropdown:{USER_SHEET}",
        f"conditional-format:{MEMBERS_SHEET}", f"x14-conditional-format:{MEMBERS_SHEET}",
        f"formula:{MEMBERS_SHEET}", f"formula:{USER_SHEET}", f"table:{USER_SHEET}",
        f"local-name:{MEMBERS_SHEET}", f"local-name:{USER_SHEET}",
    },
    "libreoffice": {f"image:{MEMBERS_SHEET}", f"chart:{MEMBERS_SHEET}", f"comments:{MEMBERS_SHEET}"},
}
# LibreOffice reads the x14 dropdown and writes it back as a plain one ("dropdown" covers it);
# it re-exports the VBA project when it saves an .xlsm.
LIBREOFFICE_SEES = {
    "xlsxwriter": CARRIES["xlsxwriter"] - {f"x14-dropdown:{LESSONS_SHEET}"},
    "libreoffice": CARRIES["libreoffice"],
}
LIBREOFFICE_FORMAT = {".xlsm": "xlsm:Calc MS Excel 2007 VBA XML", ".xlsx": "xlsx"}


# --- reading packages ----------------------------------------------------------------------




def sheets_of(parts: dict[str, bytes]) -> dict[str, str]:
    return sheet_parts(parts.__getitem__)


def rels_name(part: str) -> str:
    folder, base = part.rsplit("/", 1) if "/" in part else ("", part)
    return f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"


def related(parts: dict[str, bytes], part: str) -> set[str]:
    """``part``, its relationships part and every part they lead to, recursively."""
    found, todo = set(), [part]
    while todo:
        current = todo.pop()
        if current in found or current not in parts:
            continue
        found.add(current)
        rels = rels_name(current)
        if rels in parts:
            found.add(rels)
            for rel in ET.fromstring(parts[rels]).iter(f"{{{PKG_REL_NS}}}Relationship"):
                if rel.get("TargetMode") != "External":
                    todo.append(resolve(current, rel.get("Target", "")))
    return found


def owned(parts: dict[str, bytes]) -> set[str]:
    sheets = sheets_of(parts)
    return set().union(*(related(parts, sheets[name]) for name in OUR_SHEETS if name in sheets))


def features(parts: dict[str, bytes]) -> set[str]:
    """What the user put in the workbook, as ``kind:sheet`` tags (see ``CARRIES``)."""
    found = {"vba"} if "xl/vbaProject.bin" in parts else set()
    sheets = sheets_of(parts)
    names = list(sheets)
    for defined in ET.fromstring(parts[WORKBOOK]).iter(f"{{{MAIN_NS}}}definedName"):
        if defined.get("localSheetId") is not None:
            found.add(f"local-name:{names[int(defined.get('localSheetId'))]}")
    for name, part in sheets.items():
        around = related(parts, part) - {part}
        xml = ET.fromstring(parts[part])
        checks = {
            "image": any(p.startswith("xl/media/") for p in around),
            "chart": any(re.match(r"xl/charts/chart\d+\.xml$", p) for p in around),
            "comments": any(re.search(r"comments\d*\.xml$", p) for p in around),
            "table": any(p.startswith("xl/tables/") for p in around),
            "button": any(p.endswith(".vml") and b"FmlaMacro" in parts[p] for p in around),
            "x14-dropdown": any(ext.get("uri") == X14_VALIDATION_URI and ext.find(f".//{{{X14_NS}}}dataValidation")
                                is not None for ext in xml.iter(f"{{{MAIN_NS}}}ext")),
            "dropdown": any("!" in (f.text or "") for f in _list_sources(xml)),
            "conditional-format": xml.find(f"{{{MAIN_NS}}}conditionalFormatting") is not None,
            "x14-conditional-format": xml.find(f".//{{{X14_NS}}}conditionalFormatting") is not None,
            "formula": xml.find(f"{{{MAIN_NS}}}sheetData//{{{MAIN_NS}}}f") is not None,
        }
        found |= {f"{kind}:{name}" for kind, present in checks.items() if present}
    return found


def _list_sources(sheet: ET.Element) -> list[ET.Element]:
    """The list formulas of a sheet's dropdowns, plain and x14 alike."""
    plain = [v.find(f"{{{MAIN_NS}}}formula1") for v in sheet.iter(f"{{{MAIN_NS}}}dataValidation")
             if v.get("type") == "list"]
    x14 = [v.find(f"{{{X14_NS}}}formula1/{{{XM_NS}}}f") for v in sheet.iter(f"{{{X14_NS}}}dataValidation")
           if v.get("type") == "list"]
    return [f for f in plain + x14 if f is not None]


def cell_values(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python(skip_empty_area=False) for name in book.sheet_names}


# --- running the commands ------------------------------------------------------------------


def ubsheets(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ubsheets", *args], capture_output=True, text=True,
                          timeout=300)


@dataclass
class Run:
    command: tuple[str, ...]
    returncode: int
    output: str
    before: bytes
    after: bytes
    backup: bytes | None  # the .bak beside the book after the command
    others: list[str]  # files in the folder besides the book and its .bak


def run_commands(book: Path) -> list[Run]:
    runs = []
    backup = book.with_name(book.name + BACKUP_SUFFIX)
    for command in COMMANDS:
        before = book.read_bytes()
        result = ubsheets(*command, str(book))
        others = sorted(p.name for p in book.parent.iterdir() if p not in (book, backup))
        runs.append(Run(command, result.returncode, result.stdout + result.stderr, before, book.read_bytes(),
                        backup.read_bytes() if backup.exists() else None, others))
    return runs


@dataclass
class Regenerated:
    kind: str
    original: bytes
    book: Path
    first: list[Run]
    second: list[Run]


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    return demo_book(tmp_path_factory.mktemp("demo"))


UNO_PYTHON = uno_python()


@pytest.fixture(scope="module", params=[
    "xlsxwriter",
    pytest.param("libreoffice", marks=[needs_libreoffice, pytest.mark.skipif(
        UNO_PYTHON is None, reason="no Python with the uno module (apt-get install python3-uno)")]),
])
def enriched(request, demo, tmp_path_factory) -> tuple[str, Path]:
    """(kind, path) of a pristine enriched workbook; tests work on copies."""
    folder = tmp_path_factory.mktemp(f"enriched-{request.param}")
    if request.param == "xlsxwriter":
        return request.param, enrich_with_xlsxwriter(demo, folder / "enriched.xlsm")
    python = UNO_PYTHON
    profile = tmp_path_factory.mktemp("uno-profile")
    return request.param, enrich_with_libreoffice(demo, folder / "enriched.xlsx", SOFFICE, python, profile)


def copy_to(book: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy2(book, folder / book.name))


@pytest.fixture(scope="module")
def regenerated(enriched, tmp_path_factory) -> Regenerated:
    """Every command run twice, in order, on a copy of the enriched workbook."""
    kind, source = enriched
    book = copy_to(source, tmp_path_factory.mktemp(f"regenerated-{kind}"))
    original = book.read_bytes()
    first = run_commands(book)
    second = run_commands(book)
    for run in first + second:
        # The demo carries deliberate mistakes: every command reports them with exit code 1 (the
        # sheets are written all the same).
        assert run.returncode == 1, (run.command, run.output)
    return Regenerated(kind, original, book, first, second)


# --- the enriched workbooks are what we claim ----------------------------------------------


@needs_libreoffice
def test_the_enriched_workbooks_carry_every_kind_of_user_object_and_are_ubsheets_books(
        enriched, libreoffice, tmp_path):
    kind, book = enriched
    assert CARRIES[kind] <= features(entries(book))
    result = ubsheets("validate", "--no-write", str(book))
    assert result.returncode == 1, result.stdout + result.stderr  # the demo's deliberate errors
    saved = libreoffice(book, LIBREOFFICE_FORMAT[book.suffix], tmp_path / "lo")
    assert LIBREOFFICE_SEES[kind] <= features(entries(saved))


# --- (a) what we do not own is copied byte for byte; what we edit keeps the user's items --------


def test_every_part_we_do_not_own_is_copied_byte_for_byte(regenerated):
    for run in regenerated.first + regenerated.second:
        before, after = entries(run.before), entries(run.after)
        ours = owned(before) | owned(after)
        kept = [name for name in before if name not in ours | EDITED]
        assert [name for name in kept if after.get(name) != before[name]] == [], run.command
        assert set(after) - set(before) <= ours, run.command
    final = entries(regenerated.first[-1].after)
    assert set(sheets_of(final)) - set(sheets_of(entries(regenerated.original))) == OUR_SHEETS
    assert owned(final).isdisjoint(entries(regenerated.original))


def test_the_parts_we_edit_keep_every_item_of_the_users(regenerated):
    original = entries(regenerated.original)
    for run in regenerated.first + regenerated.second:
        after = entries(run.after)
        assert _items(original[WORKBOOK], "sheet") <= _items(after[WORKBOOK], "sheet"), run.command
        assert _items(original[WORKBOOK], "definedName") <= _items(after[WORKBOOK], "definedName")
        assert _workbook_rest(original[WORKBOOK]) == _workbook_rest(after[WORKBOOK]), run.command
        assert _items(original[WORKBOOK_RELS], "Relationship") <= _items(after[WORKBOOK_RELS], "Relationship")
        assert _items(original[TYPES], "Override") <= _items(after[TYPES], "Override"), run.command
        assert _items(original[TYPES], "Default") <= _items(after[TYPES], "Default"), run.command
        _assert_styles_extend(original[STYLES], after[STYLES])


def _items(xml: bytes, tag: str) -> set[tuple]:
    """Each ``tag`` element as (attributes, text), whatever its namespace."""
    return {(tuple(sorted(e.attrib.items())), (e.text or "").strip())
            for e in ET.fromstring(xml).iter() if e.tag.rsplit("}", 1)[-1] == tag}


def _workbook_rest(xml: bytes) -> list[bytes]:
    """workbook.xml's children other than the sheet list and the names: VBA code name, views,
    calculation settings, extensions."""
    root = ET.fromstring(xml)
    return [ET.tostring(child) for child in root
            if child.tag not in (f"{{{MAIN_NS}}}sheets", f"{{{MAIN_NS}}}definedNames")]


def _assert_styles_extend(original: bytes, after: bytes) -> None:
    """Every section of the user's styles.xml keeps its entries, in place (their indexes are what
    the user's cells, conditional formats and tables point at); ours may only come after."""
    old, new = ET.fromstring(original), ET.fromstring(after)
    for section in old:
        found = new.find(section.tag)
        assert found is not None, section.tag
        kept = [ET.tostring(child) for child in section]
        assert [ET.tostring(child) for child in found][: len(kept)] == kept, section.tag


# --- (b) register values ---------------------------------------------------------------------


def test_the_values_of_every_register_and_user_sheet_are_unchanged(regenerated, tmp_path):
    original = tmp_path / regenerated.book.name
    original.write_bytes(regenerated.original)
    before = cell_values(original)
    for after in (cell_values(regenerated.book), cell_values(_saved(regenerated.first[-1], tmp_path))):
        assert {name: after[name] for name in before} == before


def _saved(run: Run, folder: Path) -> Path:
    path = folder / "after-first-round.xlsx"
    path.write_bytes(run.after)
    return path


# --- (c) a second run changes nothing -------------------------------------------------------------


def test_running_the_same_commands_again_gives_the_same_entries(regenerated):
    first = entries(regenerated.first[-1].after)
    for run in regenerated.second:
        assert list(entries(run.after).items()) == list(first.items()), run.command
        assert run.after == run.before, run.command  # the whole file, zip headers and all


# --- (d) LibreOffice opens the result and still sees the user's objects -----------------------


@needs_libreoffice
def test_libreoffice_opens_the_result_and_still_sees_the_users_objects(regenerated, libreoffice, tmp_path):
    saved = libreoffice(regenerated.book, LIBREOFFICE_FORMAT[regenerated.book.suffix], tmp_path / "lo")
    parts = entries(saved)
    assert LIBREOFFICE_SEES[regenerated.kind] <= features(parts)
    assert list(sheets_of(parts)) == list(sheets_of(entries(regenerated.book)))


# --- (e) backups, lock files and interrupted writes -------------------------------------------


def test_each_write_backs_up_the_version_it_replaces_and_leaves_no_temp_file(regenerated):
    for run in regenerated.first + regenerated.second:
        assert run.backup == run.before, run.command
        assert run.others == [], run.command


def test_a_file_open_in_libreoffice_is_refused_and_left_byte_identical(enriched, tmp_path):
    _, source = enriched
    book = copy_to(source, tmp_path / "locked")
    lock = book.with_name(f".~lock.{book.name}#")
    lock.write_text("Айгүл Асанова,aigul,school-pc,01.03.2021 10:00,file:///home/aigul/.config/libreoffice/4;",
                    "utf-8")
    original = book.read_bytes()
    for command in COMMANDS:
        result = ubsheets(*command, str(book))
        assert result.returncode == 2, (command, result.stdout + result.stderr)
        assert "Айгүл Асанова" in result.stderr and lock.name in result.stderr, result.stderr
        assert book.read_bytes() == original, command
        assert sorted(p.name for p in book.parent.iterdir()) == sorted([book.name, lock.name]), command


@pytest.mark.parametrize("interruption", [OSError("No space left on device"), KeyboardInterrupt()],
                         ids=["disk-full", "ctrl-c"])
def test_an_interrupted_write_leaves_the_original_and_no_temp_files(enriched, tmp_path, monkeypatch,
                                                                     interruption):
    _, source = enriched
    book = copy_to(source, tmp_path / "interrupted")
    older_backup = book.with_name(book.name + BACKUP_SUFFIX)
    older_backup.write_bytes(b"the backup of an earlier run")
    original = book.read_bytes()
    halfway = len(entries(original)) // 2
    written: list[str] = []
    open_entry = zipfile.ZipFile.open

    def open_then_fail(self, name, mode="r", pwd=None, **options):
        """Entries of our temp zip are written through ``open(..., "w")`` (``writestr`` too):
        fail there halfway, whatever the writer's own functions are called."""
        if mode == "w" and Path(str(self.filename)).name.startswith(TEMP_PREFIX):
            if len(written) == halfway:
                raise interruption
            written.append(getattr(name, "filename", name))
        return open_entry(self, name, mode, pwd, **options)

    monkeypatch.setattr(zipfile.ZipFile, "open", open_then_fail)
    with pytest.raises(type(interruption)):
        actions.report_file(book, periods.chooser(None, None, False, True))
    assert len(written) == halfway  # the temp zip was half written when the write failed
    assert book.read_bytes() == original
    assert older_backup.read_bytes() == b"the backup of an earlier run"
    assert sorted(p.name for p in book.parent.iterdir()) == sorted([book.name, older_backup.name])
    assert not any(p.name.startswith(TEMP_PREFIX) for p in book.parent.iterdir())
