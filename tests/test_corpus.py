"""Every write holds on workbooks real Microsoft Excel saved (issue 9, item 3).

``../shared/excel-corpus/`` (beside the repository) holds 122 workbooks Excel itself saved: charts
of every kind, chartsheets, images, header images, text boxes, tables, comments, hyperlinks, rich
strings, conditional formats, validation, defined names, print setups, protection, form buttons and
VBA. Into each, the writer every command uses (``package_writer.write_owned_sheets``) puts a
validation-like sheet of ours, and then:

1. every zip entry but those we own or must edit is byte for byte the original, and no entry of the
   user's is lost or added;
2. every original sheet shows the same values (python-calamine, an independent reader);
3. openpyxl opens the result and finds our sheet with what we wrote;
4. a second run into the result is byte for byte the first (deterministic, replaced in place);
5. a workbook the writer refuses is refused with an InputError of one non-empty line, the source
   untouched (refused books are skipped by the other tests, with the refusal as the reason: ``-rs``
   lists them).

The same holds for what a school does with such a workbook: ``upgrade`` it (into a copy), then
``report --all`` (every month of the academic year and the year) and ``summarize``. Every entry of
the original but those the commands edit is byte for byte in the final file, every original sheet
shows the same values, openpyxl finds the registers and the report sheets, a second run of the whole
sequence (the upgrade has nothing to do) gives the same bytes, and a workbook ``upgrade`` refuses is
refused in one line, untouched.

LibreOffice opens a sample of the results of both (one start for all of them).

A fresh clone has no ``../shared``: every test here is skipped with a reason naming the folder.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import posixpath
import shutil
import warnings
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET

import openpyxl
import pytest
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook

from ubsheets import actions
from ubsheets.core import periods
from ubsheets.errors import InputError
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.sheet_model import Cell, SheetSpec, Style
from ubsheets.schema import ALL_TABLES, META_SHEET

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "excel-corpus"
ABSENT = f"the corpus of Excel-saved workbooks {CORPUS} is absent"
BOOKS = (
    [pytest.param(path, id=path.name) for path in sorted(CORPUS.iterdir()) if path.suffix in {".xlsx", ".xlsm"}]
    if CORPUS.is_dir()
    else [pytest.param(None, id="excel-corpus", marks=pytest.mark.skip(reason=ABSENT))]
)
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=ABSENT)

# --- our sheet: what ``validate`` writes, in small --------------------------------------------

SHEET = "Текшерүү"
HEADER = ["№", "Мугалим", "Сабак", "Күнү", "Саат", "Эскертүү"]
ROWS = [
    [1, "Асанова Г.", "Математика", dt.date(2020, 10, 5), 2, "Күнү дептерде жок"],
    [2, "Бекова А. & Ко", "Орус тили <5-класс>", dt.date(2020, 11, 12), 1.5, None],
    [3, "Жумабаев Т.", "Физика", dt.date(2021, 2, 1), 1, "Саат \"эки\" эмес"],
]
BOLD = Style(bold=True, fill="DDEBF7", border=True, halign="center")
SPEC = SheetSpec(
    name=SHEET,
    rows=[[Cell(value, BOLD) for value in HEADER], *ROWS],
    col_widths=(5, 24, 20, 12, 8, 30),
    freeze="A2",
    autofilter=f"A1:F{1 + len(ROWS)}",
    footer="&CБет &P / &N",
    print_title_rows=(1, 1),
)

# --- the parts of a package, read here independently of ubsheets --------------------------------

WORKBOOK, WORKBOOK_RELS, TYPES, APP = (
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml", "docProps/app.xml")


def _local(name: str) -> str:
    return name.rpartition("}")[2]


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {info.filename: z.read(info) for info in z.infolist()}


def _workbook_rels(entries: dict[str, bytes]) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, the part it names: a zip entry name)."""
    rels = {}
    for rel in ET.fromstring(entries[WORKBOOK_RELS]):
        target = rel.get("Target", "")
        part = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
        rels[rel.get("Id", "")] = (rel.get("Type", ""), part)
    return rels


def _sheet_part(entries: dict[str, bytes], name: str) -> str:
    """The zip entry of the sheet called ``name`` in workbook.xml."""
    rels = _workbook_rels(entries)
    for sheet in ET.fromstring(entries[WORKBOOK]).iter():
        if _local(sheet.tag) == "sheet" and sheet.get("name") == name:
            rid = next(v for k, v in sheet.attrib.items() if _local(k) == "id")
            return rels[rid][1]
    raise AssertionError(f"no sheet {name!r} in {WORKBOOK}")


def _styles_part(entries: dict[str, bytes]) -> str:
    found = [part for kind, part in _workbook_rels(entries).values() if kind.endswith("/styles")]
    return found[0] if found else "xl/styles.xml"


def _rels_of(part: str) -> str:
    folder, _, name = part.rpartition("/")
    return f"{folder}/_rels/{name}.rels"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- one write per workbook, shared by the tests (per xdist worker) ------------------------------


@dataclass
class Written:
    book: Path
    first: Path | None  # None: refused
    second: Path | None
    refusal: InputError | None
    source_kept: bool  # the source's bytes after the writes are those before


_CACHE: dict[str, Written] = {}


def _write(book: Path, out: Path) -> Written:
    before = _digest(book)
    first, second = out / f"first{book.suffix}", out / f"second{book.suffix}"
    try:
        write_owned_sheets(book, first, [SPEC])
    except InputError as err:
        return Written(book, None, None, err, _digest(book) == before and not first.exists())
    write_owned_sheets(first, second, [SPEC])
    return Written(book, first, second, None, _digest(book) == before)


@pytest.fixture
def written(book: Path, tmp_path_factory) -> Written:
    if book.name not in _CACHE:
        _CACHE[book.name] = _write(book, tmp_path_factory.mktemp(book.stem))
    return _CACHE[book.name]


@pytest.fixture
def accepted(written: Written) -> Written:
    if written.refusal is not None:
        pytest.skip(f"refused: {written.refusal.message('en')}")
    return written


# --- the tests -------------------------------------------------------------------------------


@pytest.mark.parametrize("book", BOOKS)
def test_a_refusal_is_one_line_and_the_source_untouched(written: Written) -> None:
    assert written.source_kept
    if written.refusal is not None:
        message = written.refusal.message("ky")
        assert message.strip() and "\n" not in message.strip(), repr(message)


@pytest.mark.parametrize("book", BOOKS)
def test_every_part_we_do_not_own_is_kept_byte_for_byte(accepted: Written) -> None:
    original, result = _entries(accepted.book), _entries(accepted.first)
    ours = _sheet_part(result, SHEET)
    edited = {WORKBOOK, WORKBOOK_RELS, TYPES, APP, _styles_part(original), _styles_part(result)}
    dropped = {part for kind, part in _workbook_rels(original).values() if kind.endswith("/calcChain")}
    assert ours not in original, f"our sheet took the user's part {ours}"
    added = set(result) - set(original)
    assert added <= {ours, _rels_of(ours)} | edited, f"entries added: {sorted(added)}"
    lost = set(original) - set(result)
    assert lost <= dropped, f"entries lost: {sorted(lost)}"
    changed = sorted(n for n in set(original) & set(result) - edited if original[n] != result[n])
    assert not changed, f"entries changed: {changed}"


@pytest.mark.parametrize("book", BOOKS)
def test_every_original_sheet_shows_the_same_values(accepted: Written) -> None:
    before = CalamineWorkbook.from_path(str(accepted.book))
    after = CalamineWorkbook.from_path(str(accepted.first))
    assert [n for n in after.sheet_names if n != SHEET] == before.sheet_names
    for name in before.sheet_names:
        try:
            values = before.get_sheet_by_name(name).to_python()
        except Exception:  # a chartsheet or dialog sheet: no cells to compare
            continue
        assert after.get_sheet_by_name(name).to_python() == values, name
    assert after.get_sheet_by_name(SHEET).to_python()[0] == HEADER


@pytest.mark.parametrize("book", BOOKS)
def test_openpyxl_opens_the_result_and_finds_our_sheet(accepted: Written) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(accepted.first)
    try:
        ws = wb[SHEET]
        rows = [list(row) for row in ws.iter_rows(values_only=True)]
        assert rows[0] == HEADER
        dates = [row[3] for row in rows[1:]]
        assert dates == [dt.datetime.combine(row[3], dt.time()) for row in ROWS]
        assert ws.freeze_panes == "A2"
    finally:
        wb.close()


@pytest.mark.parametrize("book", BOOKS)
def test_a_second_run_is_byte_for_byte_the_first(accepted: Written) -> None:
    first, second = accepted.first.read_bytes(), accepted.second.read_bytes()
    if first != second:
        a, b = _entries(accepted.first), _entries(accepted.second)
        differ = sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n))
        assert not differ, f"entries that differ: {differ}"
        assert first == second, "the same entries, but the zips differ (order, dates or compression)"


# --- upgrade, report --all, summarize: what a school does with its own workbook -----------------

YEAR = "2020-2021"
EVERY_PERIOD = periods.chooser(None, None, False, True)  # ``ubsheets report --all``
REGISTERS = list(dict.fromkeys(register.sheet.ky for register in ALL_TABLES))


@dataclass
class Upgraded:
    book: Path
    final: Path | None  # upgraded, reported, summarized; None: the upgrade refused
    again: Path | None  # the final file through the same sequence once more
    refusal: InputError | None
    source_kept: bool
    added: list[str]  # the sheets the upgrade added
    reports: list[str]  # the sheets report --all wrote, then the summary's
    added_again: list[str] | None  # what the second upgrade added: nothing


_UPGRADED: dict[str, Upgraded] = {}


def _report_and_summarize(path: Path) -> list[str]:
    reported = actions.report_file(path, EVERY_PERIOD)
    summarized = actions.summarize_file(path)
    return [d.sheet for d in reported.documents + summarized.documents]


def _upgrade(book: Path, out: Path) -> Upgraded:
    before = _digest(book)
    final, again = out / f"final{book.suffix}", out / f"again{book.suffix}"
    try:
        added = actions.upgrade_file(book, final, year=YEAR).added
    except InputError as err:
        return Upgraded(book, None, None, err, _digest(book) == before and not final.exists(), [], [],
                        None)
    reports = _report_and_summarize(final)
    shutil.copyfile(final, again)
    added_again = actions.upgrade_file(again, year=YEAR).added
    _report_and_summarize(again)
    return Upgraded(book, final, again, None, _digest(book) == before, added, reports, added_again)


@pytest.fixture
def upgraded(book: Path, tmp_path_factory) -> Upgraded:
    if book.name not in _UPGRADED:
        _UPGRADED[book.name] = _upgrade(book, tmp_path_factory.mktemp(f"up-{book.stem}"))
    return _UPGRADED[book.name]


@pytest.fixture
def upgrade_accepted(upgraded: Upgraded) -> Upgraded:
    if upgraded.refusal is not None:
        pytest.skip(f"upgrade refused: {upgraded.refusal.message('en')}")
    return upgraded


@pytest.mark.parametrize("book", BOOKS)
def test_an_upgrade_refusal_is_one_line_and_the_source_untouched(upgraded: Upgraded) -> None:
    assert upgraded.source_kept
    if upgraded.refusal is not None:
        message = upgraded.refusal.message("ky")
        assert message.strip() and "\n" not in message.strip(), repr(message)


@pytest.mark.parametrize("book", BOOKS)
def test_upgraded_and_reported_every_part_we_do_not_edit_is_kept(upgrade_accepted: Upgraded) -> None:
    original, result = _entries(upgrade_accepted.book), _entries(upgrade_accepted.final)
    edited = {WORKBOOK, WORKBOOK_RELS, TYPES, APP, _styles_part(original)}
    dropped = {part for kind, part in _workbook_rels(original).values() if kind.endswith("/calcChain")}
    lost = set(original) - set(result)
    assert lost <= dropped, f"entries lost: {sorted(lost)}"
    changed = sorted(n for n in set(original) & set(result) - edited if original[n] != result[n])
    assert not changed, f"entries changed: {changed}"
    ours = [_sheet_part(result, name) for name in upgrade_accepted.added + upgrade_accepted.reports]
    assert not set(ours) & set(original), "a sheet of ours took a part of the user's"


@pytest.mark.parametrize("book", BOOKS)
def test_upgraded_and_reported_every_original_sheet_shows_the_same_values(
        upgrade_accepted: Upgraded) -> None:
    before = CalamineWorkbook.from_path(str(upgrade_accepted.book))
    after = CalamineWorkbook.from_path(str(upgrade_accepted.final))
    ours = upgrade_accepted.added + upgrade_accepted.reports
    assert after.sheet_names == before.sheet_names + ours  # the user's first, in their order
    for name in before.sheet_names:
        try:
            values = before.get_sheet_by_name(name).to_python()
        except Exception:  # a chartsheet or dialog sheet: no cells to compare
            continue
        assert after.get_sheet_by_name(name).to_python() == values, name


@pytest.mark.parametrize("book", BOOKS)
def test_openpyxl_opens_the_upgraded_and_reported_workbook(upgrade_accepted: Upgraded) -> None:
    assert upgrade_accepted.added == [*REGISTERS, META_SHEET]
    # Nine months of 2020-2021, the year, the summary.
    assert len(upgrade_accepted.reports) == 11, upgrade_accepted.reports
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wb = openpyxl.load_workbook(upgrade_accepted.final, read_only=True)
    try:
        for name in upgrade_accepted.added + upgrade_accepted.reports:
            assert name in wb.sheetnames, name
        assert wb[META_SHEET].sheet_state == "hidden"
        for name in upgrade_accepted.reports:
            assert any(v is not None for row in wb[name].iter_rows(values_only=True) for v in row), name
    finally:
        wb.close()


@pytest.mark.parametrize("book", BOOKS)
def test_a_second_upgrade_report_and_summary_is_byte_for_byte_the_first(
        upgrade_accepted: Upgraded) -> None:
    assert upgrade_accepted.added_again == []
    first, second = upgrade_accepted.final.read_bytes(), upgrade_accepted.again.read_bytes()
    if first != second:
        a, b = _entries(upgrade_accepted.final), _entries(upgrade_accepted.again)
        differ = sorted(n for n in set(a) | set(b) if a.get(n) != b.get(n))
        assert not differ, f"entries that differ: {differ}"
        assert first == second, "the same entries, but the zips differ (order, dates or compression)"


# --- LibreOffice opens a sample ------------------------------------------------------------------

# A chart, a chartsheet, VBA, a table, comments, a picture.
SAMPLE = ("chart_bar01.xlsx", "chartsheet01.xlsx", "macro01.xlsm", "table01.xlsx", "comment01.xlsx",
          "image01.xlsx")
# Every sheet to a CSV of its own (sheet -1): stem-SheetName.csv.
CSV_EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1"


def _title_lines(grid: list[list]) -> list[list[str]]:
    """The first two rows (a sheet's title and its header or period), trailing blanks left off."""
    lines = []
    for row in grid[:2]:
        cells = ["" if v is None else str(v) for v in row]
        while cells and not cells[-1]:
            cells.pop()
        lines.append(cells)
    return lines


@needs_libreoffice
def test_libreoffice_opens_a_sample_and_reads_our_sheets(tmp_path: Path, libreoffice) -> None:
    written, upgraded = [], []
    for name in SAMPLE:
        folder = tmp_path / Path(name).stem
        folder.mkdir()
        # One stem per book: LibreOffice names its CSVs after it.
        written.append(folder / f"{Path(name).stem}{Path(name).suffix}")
        write_owned_sheets(CORPUS / name, written[-1], [SPEC])
        upgraded.append(folder / f"up-{Path(name).stem}{Path(name).suffix}")
        actions.upgrade_file(CORPUS / name, upgraded[-1], year=YEAR)
        _report_and_summarize(upgraded[-1])
    libreoffice(written + upgraded, CSV_EVERY_SHEET, tmp_path / "csv")
    found = sorted(p.name for p in (tmp_path / "csv").iterdir())
    for result in written:
        ours = tmp_path / "csv" / f"{result.stem}-{SHEET}.csv"
        assert ours.exists(), found
        assert ours.read_text(encoding="utf-8").splitlines()[0] == ",".join(HEADER)
    for result in upgraded:
        book = CalamineWorkbook.from_path(str(result))
        for name in book.sheet_names[book.sheet_names.index(REGISTERS[0]):]:
            csv_file = tmp_path / "csv" / f"{result.stem}-{name}.csv"
            assert csv_file.exists(), (csv_file.name, found)
            if name == META_SHEET:
                continue
            with csv_file.open(encoding="utf-8", newline="") as text:
                seen = _title_lines(list(csv.reader(text)))
            assert seen == _title_lines(book.get_sheet_by_name(name).to_python()), (result.name, name)
