"""What a user types or pastes into a sheet we generate is never lost (issue 7, item 1).

A sheet of ours the user changed since we wrote it (a note typed, a cell changed or cleared, a
stamp picture pasted) is kept under a new name, byte for byte, and becomes the user's; our fresh
sheet is written beside it and the command says so in one line. A sheet opened and saved again
without an edit, by LibreOffice or as Excel stores it, is replaced in place as before.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import xlsxwriter
from builders import entries, make_book, png_bytes, with_row
from conftest import needs_libreoffice
from enrich import MAIN_NS, resolve, sheet_parts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from python_calamine import CalamineWorkbook
from typer.testing import CliRunner

from ubsheets.cli import app
from ubsheets.io.package_writer import KeptSheet, write_owned_sheets
from ubsheets.io.sheet_model import Cell, ChartSpec, SheetSpec, Style

REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
NOTE = "Директорго тапшырылды 02.11.2020"
REPORT = {"ky": "Отчет 2020-10", "ru": "Отчёт 2020-10"}
KEPT_REPORT = {"ky": "Отчет 2020-10 (түзөтүлгөн)", "ru": "Отчёт 2020-10 (с правками)"}
KEPT_LINE = {
    "ky": "Барак «{sheet}» колго өзгөртүлгөн: ал «{kept}» деп сакталды, жаңысы жазылды.",
    "ru": "Лист «{sheet}» был изменён вручную: он сохранён как «{kept}», записан новый.",
}


# --- the workbook as files and parts ------------------------------------------------------------


def ubsheets(*args: object, lang: str = "ky", code: int = 0):
    """The CLI in this process, the terminal in ``lang``; the command must exit with ``code``."""
    result = CliRunner().invoke(app, [str(arg) for arg in args], env={"UBSHEETS_LANG": lang})
    assert result.exit_code == code, result.output
    return result


def rewrite(path: Path, changes: dict[str, bytes]) -> None:
    """``path`` with the entries in ``changes`` replaced or added, as an application saves it."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            target.writestr(info, changes.pop(info.filename, data))
        for name, data in changes.items():
            target.writestr(name, data)


def part_of(path: Path, sheet: str) -> str:
    return sheet_parts(entries(path).__getitem__)[sheet]


def edit_sheet(path: Path, sheet: str, edit: Callable[[str], str]) -> None:
    part = part_of(path, sheet)
    text = entries(path)[part].decode()
    changed = edit(text)
    assert changed != text
    rewrite(path, {part: changed.encode()})


def sheet_names(path: Path) -> list[str]:
    root = ET.fromstring(entries(path)["xl/workbook.xml"])
    return [sheet.get("name", "") for sheet in root.iter(f"{{{MAIN_NS}}}sheet")]


def local_names(path: Path, sheet: str) -> dict[str, str]:
    """The defined names local to ``sheet``: name -> formula."""
    root = ET.fromstring(entries(path)["xl/workbook.xml"])
    index = sheet_names(path).index(sheet)
    return {name.get("name", ""): name.text or "" for name in root.iter(f"{{{MAIN_NS}}}definedName")
            if name.get("localSheetId") == str(index)}


def values(path: Path, sheet: str) -> list[list[object]]:
    """The sheet's cells from A1."""
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python(skip_empty_area=False)


def related_parts(path: Path, part: str) -> dict[str, bytes]:
    """``part``, its relationships and every part they lead to, with their bytes."""
    parts, found, todo = entries(path), {}, [part]
    while todo:
        current = todo.pop()
        if current in found or current not in parts:
            continue
        found[current] = parts[current]
        folder, base = current.rsplit("/", 1)
        rels = f"{folder}/_rels/{base}.rels"
        if rels in parts:
            found[rels] = parts[rels]
            todo += [resolve(current, rel.get("Target", ""))
                     for rel in ET.fromstring(parts[rels]).iter(f"{{{PKG_REL_NS}}}Relationship")
                     if rel.get("TargetMode") != "External"]
    return found


# --- what a user does ---------------------------------------------------------------------------


def type_note(xml: str, text: str = NOTE) -> str:
    """A note typed two rows under the sheet's last row, in column B, as Excel stores it."""
    last = max(int(row) for row in re.findall(r'<row r="(\d+)"', xml))
    row = last + 2
    cell = f'<row r="{row}"><c r="B{row}" t="inlineStr"><is><t>{text}</t></is></c></row>'
    return xml.replace("</sheetData>", cell + "</sheetData>", 1)


def note_cell(xml: str) -> str:
    """Where ``type_note`` types."""
    last = max(int(row) for row in re.findall(r'<row r="(\d+)"', xml))
    return f"B{last + 2}"


def change_a_text(xml: str) -> str:
    """The first text cell says something else."""
    return re.sub(r'(<t xml:space="preserve">)[^<]+', r"\g<1>Өзгөртүлдү", xml, count=1)


def clear_a_number(xml: str) -> str:
    """The first number cell is cleared (its style stays, as Delete leaves it)."""
    return re.sub(r'<c r="([A-Z]+\d+)"( s="\d+")?><v>[^<]*</v></c>', r'<c r="\1"\2/>', xml, count=1)


def recolour_a_cell(xml: str) -> str:
    """A style change only: the first styled cell gets the default style."""
    return re.sub(r'(<c r="[A-Z]+\d+") s="\d+"', r"\1", xml, count=1)


def paste_picture(path: Path, sheet: str) -> None:
    """A stamp picture pasted onto ``sheet`` (whose drawing holds our charts), as Excel stores it:
    one more anchor in the drawing, an image relationship, the picture in xl/media."""
    parts = entries(path)
    rels = ET.fromstring(parts[_rels(part_of(path, sheet))])
    drawing = next(resolve(part_of(path, sheet), rel.get("Target", ""))
                   for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship") if rel.get("Type", "").endswith("/drawing"))
    anchor = (
        '<xdr:oneCellAnchor><xdr:from><xdr:col>1</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>1</xdr:row>'
        '<xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:ext cx="952500" cy="476250"/><xdr:pic><xdr:nvPicPr>'
        '<xdr:cNvPr id="90" name="Мөөр"/><xdr:cNvPicPr/></xdr:nvPicPr><xdr:blipFill>'
        f'<a:blip xmlns:r="{REL_NS}" r:embed="rIdStamp"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>'
        '<xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/>'
        "</xdr:oneCellAnchor>"
    )
    image = f'<Relationship Id="rIdStamp" Type="{REL_NS}/image" Target="../media/stamp.png"/>'
    types = parts["[Content_Types].xml"].decode()
    if 'Extension="png"' not in types:
        types = types.replace("</Types>", '<Default Extension="png" ContentType="image/png"/></Types>')
    rewrite(path, {
        drawing: parts[drawing].decode().replace("</xdr:wsDr>", anchor + "</xdr:wsDr>").encode(),
        _rels(drawing): parts[_rels(drawing)].decode().replace("</Relationships>", image + "</Relationships>").encode(),
        "[Content_Types].xml": types.encode(),
        "xl/media/stamp.png": png_bytes(),
    })


def _rels(part: str) -> str:
    folder, base = part.rsplit("/", 1)
    return f"{folder}/_rels/{base}.rels"


def save_as_excel_does(path: Path) -> None:
    """What Excel's save does to our sheets without an edit: every inline string becomes a shared
    string, numbers get 17 digits, attributes another order."""
    parts = entries(path)
    workbook_rels = parts["xl/_rels/workbook.xml.rels"].decode()
    sst = re.search(r'Type="[^"]*/sharedStrings" Target="([^"]*)"', workbook_rels)
    sst_part = resolve("xl/workbook.xml", sst[1]) if sst else "xl/sharedStrings.xml"
    sst_xml = parts[sst_part].decode() if sst else f'<sst xmlns="{MAIN_NS}" count="0" uniqueCount="0"></sst>'
    strings = re.findall(r"<si>.*?</si>", sst_xml, re.S)

    def shared(match: re.Match[str]) -> str:
        strings.append(f'<si><t xml:space="preserve">{match["text"]}</t></si>')
        return f'<c t="s" r="{match["ref"]}"{match["style"] or ""}><v>{len(strings) - 1}</v></c>'

    changes = {}
    for sheet, part in sheet_parts(parts.__getitem__).items():
        if "_ubsheets_owned" in local_names(path, sheet):
            xml = re.sub(r'<c r="(?P<ref>[A-Z]+\d+)"(?P<style> s="\d+")? t="inlineStr"><is>'
                         r'<t xml:space="preserve">(?P<text>[^<]*)</t></is></c>', shared, parts[part].decode())
            xml = re.sub(r"<v>(-?[0-9.]+(?:e[+-]?\d+)?)</v>", lambda m: f"<v>{float(m[1]):.17g}</v>", xml)
            changes[part] = xml.encode()
    head = re.sub(r'\s(?:count|uniqueCount)="\d+"', "", sst_xml[: sst_xml.index(">", sst_xml.index("<sst")) + 1])
    head = head.replace("<sst ", f'<sst count="{len(strings)}" uniqueCount="{len(strings)}" ', 1)
    changes[sst_part] = (head + "".join(strings) + "</sst>").encode()
    if not sst:
        rel = f'<Relationship Id="rIdShared" Type="{REL_NS}/sharedStrings" Target="sharedStrings.xml"/>'
        changes["xl/_rels/workbook.xml.rels"] = workbook_rels.replace("</Relationships>",
                                                                      rel + "</Relationships>").encode()
        shared_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"
        changes["[Content_Types].xml"] = parts["[Content_Types].xml"].decode().replace(
            "</Types>", f'<Override PartName="/{sst_part}" ContentType="{shared_type}"/></Types>').encode()
    rewrite(path, changes)


# --- through the commands ---------------------------------------------------------------------


def reported_book(folder: Path, lang: str) -> Path:
    """A valid association in ``lang`` with every report written (exit code 0)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = make_book(folder / "b.xlsx", lang)
    ubsheets("report", path, "--all")
    return path


@pytest.mark.parametrize(("book_lang", "ui_lang"), [("ky", "ky"), ("ru", "ru"), ("ky", "ru")])
def test_a_note_typed_into_a_report_is_kept_under_a_new_name(tmp_path: Path, book_lang: str, ui_lang: str) -> None:
    path = reported_book(tmp_path, book_lang)
    report, kept = REPORT[book_lang], KEPT_REPORT[book_lang]
    fresh = values(path, report)
    cell = note_cell(entries(path)[part_of(path, report)].decode())
    edit_sheet(path, report, type_note)
    edited_part = related_parts(path, part_of(path, report))
    names_before = sheet_names(path)

    result = ubsheets("report", path, "--all", lang=ui_lang)

    line = KEPT_LINE[ui_lang].format(sheet=report, kept=kept)
    assert result.stdout.splitlines().count(line) == 1, result.stdout
    at = names_before.index(report)
    assert sheet_names(path) == names_before[:at] + [kept, report] + names_before[at + 1:]
    assert values(path, kept)[int(cell[1:]) - 1][1] == NOTE
    assert related_parts(path, part_of(path, kept)) == edited_part  # the user's sheet, byte for byte
    assert values(path, report) == fresh  # ours, current, without the note
    assert set(local_names(path, report)) == {"_ubsheets_owned", "_ubsheets_digest"}
    assert local_names(path, kept) == {}  # the user's sheet now: never replaced again


def test_the_line_is_the_only_new_one_and_json_names_the_kept_sheet(tmp_path: Path) -> None:
    path = reported_book(tmp_path, "ky")
    plain = ubsheets("report", path, "--month", "2020-10").stdout
    edit_sheet(path, "Отчет 2020-10", type_note)
    result = ubsheets("report", path, "--month", "2020-10", "--json")
    assert json.loads(result.stdout)["kept"] == [{"sheet": "Отчет 2020-10", "kept_as": "Отчет 2020-10 (түзөтүлгөн)"}]
    edit_sheet(path, "Отчет 2020-10", type_note)
    lines = ubsheets("report", path, "--month", "2020-10").stdout.splitlines()
    assert lines == plain.splitlines() + [
        "Барак «Отчет 2020-10» колго өзгөртүлгөн: ал «Отчет 2020-10 (түзөтүлгөн) 2» деп сакталды, жаңысы жазылды."]


def test_a_second_run_after_the_rename_changes_nothing(tmp_path: Path) -> None:
    path = reported_book(tmp_path, "ky")
    edit_sheet(path, "Отчет 2020-10", type_note)
    ubsheets("report", path, "--all")
    after_first = path.read_bytes()
    result = ubsheets("report", path, "--all")
    assert "колго өзгөртүлгөн" not in result.stdout
    assert path.read_bytes() == after_first
    assert sheet_names(path).count("Отчет 2020-10 (түзөтүлгөн)") == 1


def test_an_unchanged_report_is_replaced_in_place(tmp_path: Path) -> None:
    path = reported_book(tmp_path, "ky")
    names, before = sheet_names(path), path.read_bytes()
    result = ubsheets("report", path, "--all")
    assert "колго өзгөртүлгөн" not in result.stdout
    assert sheet_names(path) == names and path.read_bytes() == before


def test_a_report_saved_as_excel_saves_it_is_unchanged_and_a_note_then_is_kept(tmp_path: Path) -> None:
    path = reported_book(tmp_path, "ru")
    save_as_excel_does(path)
    assert b"inlineStr" not in entries(path)[part_of(path, "Отчёт 2020-10")]
    names = sheet_names(path)
    assert "изменён вручную" not in ubsheets("report", path, "--all", lang="ru").stdout
    assert sheet_names(path) == names
    save_as_excel_does(path)
    edit_sheet(path, "Отчёт 2020-11", lambda xml: re.sub(r"(<c t=\"s\" r=\"A1\"[^>]*><v>)\d+", r"\g<1>3", xml))
    result = ubsheets("report", path, "--all", lang="ru")
    assert result.stdout.splitlines().count(
        "Лист «Отчёт 2020-11» был изменён вручную: он сохранён как «Отчёт 2020-11 (с правками)», записан новый.") == 1
    assert "Отчёт 2020-10 (с правками)" not in sheet_names(path)


def test_a_picture_pasted_into_the_summary_survives_summarize(tmp_path: Path) -> None:
    path = make_book(tmp_path / "b.xlsx", "ru")
    ubsheets("summarize", path, lang="ru")
    fresh = values(path, "Сводка")
    paste_picture(path, "Сводка")
    edited = related_parts(path, part_of(path, "Сводка"))
    assert "xl/media/stamp.png" in edited

    result = ubsheets("summarize", path, lang="ru")

    assert result.stdout.splitlines()[-1] == (
        "Лист «Сводка» был изменён вручную: он сохранён как «Сводка (с правками)», записан новый.")
    assert sheet_names(path)[-2:] == ["Сводка (с правками)", "Сводка"]
    assert related_parts(path, part_of(path, "Сводка (с правками)")) == edited
    ours = related_parts(path, part_of(path, "Сводка"))
    assert values(path, "Сводка") == fresh
    assert "xl/media/stamp.png" not in ours and sum(name.startswith("xl/charts/") for name in ours) == 2


def test_validate_keeps_an_edited_validation_sheet(tmp_path: Path) -> None:
    path = make_book(tmp_path / "b.xlsx", "ky", **with_row("members", weekly_hours=45))
    ubsheets("validate", path, code=1)
    edit_sheet(path, "Текшерүү", change_a_text)
    result = ubsheets("validate", path, code=1)
    assert result.stdout.splitlines()[-2:] == [
        f"Текшерүүнүн натыйжасы «Текшерүү» барагына жазылды: {path}",
        "Барак «Текшерүү» колго өзгөртүлгөн: ал «Текшерүү (түзөтүлгөн)» деп сакталды, жаңысы жазылды."]
    assert values(path, "Текшерүү (түзөтүлгөн)")[0][0] == "Өзгөртүлдү"
    assert values(path, "Текшерүү")[0][0] == "№"
    kept_names = {name: formula.replace("'Текшерүү'", "'Текшерүү (түзөтүлгөн)'")
                  for name, formula in local_names(path, "Текшерүү").items() if name.startswith("_xlnm")}
    assert kept_names.keys() == {"_xlnm.Print_Titles", "_xlnm._FilterDatabase"}
    assert local_names(path, "Текшерүү (түзөтүлгөн)") == kept_names  # they follow it to its name
    edit_sheet(path, "Текшерүү", clear_a_number)
    result = ubsheets("validate", path, "--json", code=1)
    assert result.stdout.startswith("{") and '"valid": false' in result.stdout and "колго" not in result.stdout
    assert result.stderr == ("Барак «Текшерүү» колго өзгөртүлгөн: ал «Текшерүү (түзөтүлгөн) 2» деп сакталды,"
                             " жаңысы жазылды.\n")


@needs_libreoffice
def test_libreoffice_resaving_is_no_change_and_a_note_survives_it(tmp_path: Path, libreoffice: Callable) -> None:
    path = reported_book(tmp_path / "book", "ky")
    ubsheets("summarize", path)
    noted = path.with_name("noted.xlsx")  # LibreOffice names what it saves by the file's stem
    noted.write_bytes(path.read_bytes())
    edit_sheet(noted, "Отчет 2020-10", type_note)
    resaved, resaved_noted = libreoffice([path, noted], "xlsx", tmp_path / "lo")
    assert b"inlineStr" not in entries(resaved)[part_of(resaved, "Отчет 2020-10")]  # shared strings now
    names = sheet_names(resaved)

    for command in (("report", "--all"), ("summarize",), ("validate",)):
        assert "колго өзгөртүлгөн" not in ubsheets(*command, resaved).stdout, command
    assert sheet_names(resaved) == names + ["Текшерүү"]  # validate's sheet is new: the book is valid

    result = ubsheets("report", "--all", resaved_noted)
    assert "Барак «Отчет 2020-10» колго өзгөртүлгөн: ал «Отчет 2020-10 (түзөтүлгөн)» деп сакталды, жаңысы жазылды." \
        in result.stdout.splitlines()
    kept = values(resaved_noted, "Отчет 2020-10 (түзөтүлгөн)")
    assert any(NOTE in row for row in kept)


# --- the writer itself ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("base") / "user.xlsx"
    wb = xlsxwriter.Workbook(path)
    wb.add_worksheet("Data").write_row("A1", ["мугалим", 18])
    wb.close()
    return path


def ours(name: str = "Жыйынтык", charts: bool = False) -> SheetSpec:
    rows: list[list[object]] = [[Cell("Көрсөткүч", Style(bold=True)), Cell("Саны", Style(bold=True))],
                                ["Мүчөлөр", 12], ["Ачык сабактар", 3.5], ["Күнү", dt.date(2020, 10, 15)],
                                [Cell("Мүчөлөр!A2", link="'Data'!A1"), True]]
    chart = ChartSpec("Саны", "A2:A3", (("B1", "B2:B3"),), "D2")
    return SheetSpec(name, rows, charts=(chart,) if charts else ())  # type: ignore[arg-type]


def write_twice(base: Path, folder: Path, edit: Callable[[str], str] | None,
                spec: SheetSpec | None = None) -> tuple[Path, list[KeptSheet]]:
    spec = spec or ours()
    first, second = folder / "first.xlsx", folder / "second.xlsx"
    assert write_owned_sheets(base, first, [spec]) == []
    if edit:
        edit_sheet(first, spec.name, edit)
    return second, write_owned_sheets(first, second, [spec])


@pytest.mark.parametrize("edit", [type_note, change_a_text, clear_a_number], ids=["note", "changed", "cleared"])
def test_each_edit_of_a_cell_keeps_the_sheet(base: Path, tmp_path: Path, edit: Callable[[str], str]) -> None:
    out, kept = write_twice(base, tmp_path, edit)
    assert kept == [KeptSheet("Жыйынтык", "Жыйынтык (түзөтүлгөн)")]
    assert sheet_names(out) == ["Data", "Жыйынтык (түзөтүлгөн)", "Жыйынтык"]


def test_a_style_change_alone_is_no_edit(base: Path, tmp_path: Path) -> None:
    out, kept = write_twice(base, tmp_path, recolour_a_cell)
    assert kept == [] and sheet_names(out) == ["Data", "Жыйынтык"]


def test_a_picture_pasted_beside_our_chart_keeps_the_sheet(base: Path, tmp_path: Path) -> None:
    spec = ours(charts=True)
    first = tmp_path / "first.xlsx"
    write_owned_sheets(base, first, [spec])
    paste_picture(first, spec.name)
    assert write_owned_sheets(first, tmp_path / "second.xlsx", [spec]) == [
        KeptSheet("Жыйынтык", "Жыйынтык (түзөтүлгөн)")]


def test_a_sheet_an_older_ubsheets_wrote_is_replaced_as_before(base: Path, tmp_path: Path) -> None:
    """Marker, no digest: nothing tells what it showed, so a note there goes as it always did."""
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    write_owned_sheets(base, first, [ours()])
    workbook = entries(first)["xl/workbook.xml"].decode()
    rewrite(first, {"xl/workbook.xml": re.sub(r'<definedName name="_ubsheets_digest"[^>]*>[^<]*</definedName>',
                                              "", workbook).encode()})
    edit_sheet(first, "Жыйынтык", type_note)
    assert write_owned_sheets(first, second, [ours()]) == []
    assert sheet_names(second) == ["Data", "Жыйынтык"]


def test_a_digest_we_cannot_read_keeps_the_sheet(base: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    write_owned_sheets(base, first, [ours()])
    workbook = re.sub(r"v1:[0-9a-f:]+", "v9:later", entries(first)["xl/workbook.xml"].decode())
    rewrite(first, {"xl/workbook.xml": workbook.encode()})
    assert write_owned_sheets(first, second, [ours()], lang="ru") == [KeptSheet("Жыйынтык", "Жыйынтык (с правками)")]


def test_a_long_name_loses_the_word_and_a_taken_name_gets_a_number(base: Path, tmp_path: Path) -> None:
    long = "Өз билимин өркүндөтүүнүн жыйынт"  # 31 characters, Excel's most
    spec = ours(long)
    path = tmp_path / "0.xlsx"
    write_owned_sheets(base, path, [spec])
    kept_names = []
    for run in range(1, 3):
        edit_sheet(path, long, type_note)
        out = tmp_path / f"{run}.xlsx"
        kept_names += [k.kept_as for k in write_owned_sheets(path, out, [spec])]
        path = out
    assert kept_names == ["Өз билимин өркүндөтүүнүн жы (2)", "Өз билимин өркүндөтүүнүн жы (3)"]
    assert all(len(name) <= 31 for name in sheet_names(path))


# --- the digest: what we wrote reads back the same, however it is stored -------------------------

_TEXTS = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12) | st.sampled_from(
    ["_x0041_", "a & b < c", "жол\r\nжол", "\x00", "  чекит  ", "'Мүчөлөр'!A1", "=SUM(A1)"])
_VALUES = st.one_of(
    _TEXTS, st.integers(-10**18, 10**18), st.floats(allow_nan=True, allow_infinity=True), st.booleans(),
    st.none(), st.dates(dt.date(1800, 1, 1), dt.date(2100, 1, 1)),
    st.datetimes(dt.datetime(1900, 3, 1), dt.datetime(2100, 1, 1)),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.lists(_VALUES, max_size=4), min_size=1, max_size=4))
def test_any_values_saved_as_excel_saves_them_are_no_edit(base: Path, tmp_path: Path, rows: list[list[object]]) -> None:
    spec = SheetSpec("Жыйынтык", rows)  # type: ignore[arg-type]
    first, second = tmp_path / "first.xlsx", tmp_path / "second.xlsx"
    write_owned_sheets(base, first, [spec])
    save_as_excel_does(first)
    assert write_owned_sheets(first, second, [spec]) == []
    if any(value != "" for row in values(first, "Жыйынтык") for value in row):  # clearing what shows is an edit
        edit_sheet(first, "Жыйынтык", clear_every_value)
        assert write_owned_sheets(first, second, [spec]) != []


def clear_every_value(xml: str) -> str:
    return re.sub(r"<c ([^>]*?)(?<!/)>.*?</c>", r"<c \1/>", xml)
