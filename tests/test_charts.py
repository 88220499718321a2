"""Native column charts on our sheets: wired into the package, the user's own drawings untouched."""

from __future__ import annotations

import io
import posixpath
import subprocess
import zipfile
from pathlib import Path

import defusedxml.ElementTree as SafeET
import openpyxl
import pytest
import xlsxwriter
from builders import entries, png_bytes
from conftest import needs_libreoffice

from ubsheets.io.chart_xml import formula, render_chart_xml
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.sheet_model import Cell, ChartSpec, SheetSpec, Style

OURS = "Жыйынтык"
MONTHS = ("Сен", "Окт", "Ноя", "Дек", "Янв", "Фев", "Мар", "Апр", "Май")
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
# XlsxWriter puts the user's chart in drawing1/chart1 (Data) and the picture in drawing2 (Photos).
USERS = {
    "xl/charts/chart1.xml",
    "xl/drawings/drawing1.xml",
    "xl/drawings/_rels/drawing1.xml.rels",
    "xl/drawings/drawing2.xml",
    "xl/drawings/_rels/drawing2.xml.rels",
    "xl/media/image1.png",
    "xl/worksheets/_rels/sheet1.xml.rels",
    "xl/worksheets/_rels/sheet2.xml.rels",
}
OUR_PARTS = {
    "xl/worksheets/sheet3.xml",
    "xl/worksheets/_rels/sheet3.xml.rels",
    "xl/drawings/drawing3.xml",
    "xl/drawings/_rels/drawing3.xml.rels",
    "xl/charts/chart2.xml",
}


def month_spec(charts: bool = True) -> SheetSpec:
    """A month grid: header on row 3, two activities on rows 4-5, a chart below from A7."""
    header = Style(bold=True, border=True)
    rows = [
        [Cell("Айлар боюнча жыйынтык", Style(bold=True, size=13))],
        [],
        [Cell(text, header) for text in ("Иш", *MONTHS, "Бардыгы")],
        ["Ачык сабактар", 2, 3, 1, 4, 0, 2, 5, 1, 3, 21],
        ["Иш-чаралар", 1, 0, 2, 2.5, None, 1, 1, 0, 2, 9.5],
    ]
    chart = ChartSpec("Айлар боюнча", "B3:J3", (("A4", "B4:J4"), ("A5", "B5:J5")), "A7", 8, 15)
    return SheetSpec(OURS, rows, col_widths=[22, *[7] * 10], charts=(chart,) if charts else ())






def rel_targets(parts: dict[str, bytes], source: str) -> dict[str, tuple[str, str]]:
    """Id -> (type's last word, resolved part name) of ``source``'s relationships."""
    folder, base = posixpath.split(source)
    root = SafeET.fromstring(parts[posixpath.join(folder, "_rels", base + ".rels")])
    found = {}
    for rel in root:
        target = posixpath.normpath(posixpath.join(folder, rel.get("Target")))
        found[rel.get("Id")] = (rel.get("Type").rsplit("/", 1)[1], target)
    return found


def overrides(parts: dict[str, bytes]) -> dict[str, str]:
    root = SafeET.fromstring(parts["[Content_Types].xml"])
    return {el.get("PartName"): el.get("ContentType") for el in root if el.tag.endswith("Override")}


@pytest.fixture
def user_file(tmp_path: Path) -> Path:
    path = tmp_path / "user.xlsx"
    wb = xlsxwriter.Workbook(path)
    data, photos = wb.add_worksheet("Data"), wb.add_worksheet("Photos")
    data.write_column("A1", [3, 1, 4, 1, 5])
    chart = wb.add_chart({"type": "line"})
    chart.add_series({"values": "=Data!$A$1:$A$5", "name": "Users' own"})
    data.insert_chart("C2", chart)
    photos.insert_image("B2", "pixel.png", {"image_data": io.BytesIO(png_bytes())})
    wb.close()
    return path


@pytest.fixture
def written(user_file: Path) -> Path:
    out = user_file.with_name("out.xlsx")
    write_owned_sheets(user_file, out, [month_spec()])
    return out


def test_the_users_drawings_stay_and_ours_are_wired_in(user_file: Path, written: Path) -> None:
    before, after = entries(user_file), entries(written)
    assert USERS <= set(before)
    assert {name: after[name] for name in before if name in USERS} == {name: before[name] for name in USERS}
    assert set(after) - set(before) == OUR_PARTS
    assert rel_targets(after, "xl/worksheets/sheet3.xml") == {"rId1": ("drawing", "xl/drawings/drawing3.xml")}
    assert rel_targets(after, "xl/drawings/drawing3.xml") == {"rId1": ("chart", "xl/charts/chart2.xml")}
    types = overrides(after)
    assert (types["/xl/drawings/drawing3.xml"], types["/xl/charts/chart2.xml"]) == (DRAWING_CT, CHART_CT)
    assert types["/xl/charts/chart1.xml"] == CHART_CT and types["/xl/drawings/drawing1.xml"] == DRAWING_CT

    sheet = SafeET.fromstring(after["xl/worksheets/sheet3.xml"])
    children = [child.tag.removeprefix(MAIN) for child in sheet]
    assert children[-2:] == ["pageSetup", "drawing"]  # CT_Worksheet: drawing follows pageSetup
    assert sheet.find(MAIN + "drawing").get(R_ID) == "rId1"


def test_the_drawing_anchors_the_chart_below_the_grid(written: Path) -> None:
    drawing = SafeET.fromstring(entries(written)["xl/drawings/drawing3.xml"])
    (anchor,) = drawing.findall(XDR + "twoCellAnchor")

    def cell(tag: str) -> tuple[int, int]:
        return int(anchor.find(f"{XDR}{tag}/{XDR}col").text), int(anchor.find(f"{XDR}{tag}/{XDR}row").text)

    assert (cell("from"), cell("to")) == ((0, 6), (8, 21))  # A7, 8 columns × 15 rows
    assert anchor.find(f".//{C}chart").get(R_ID) == "rId1"


def test_the_chart_refers_to_our_cells_and_caches_their_values(written: Path) -> None:
    space = SafeET.fromstring(entries(written)["xl/charts/chart2.xml"])
    bar = space.find(f"{C}chart/{C}plotArea/{C}barChart")
    assert (bar.find(C + "barDir").get("val"), bar.find(C + "grouping").get("val")) == ("col", "clustered")
    found = [
        (
            ser.find(f"{C}tx/{C}strRef/{C}f").text,
            ser.find(f"{C}tx/{C}strRef/{C}strCache/{C}pt/{C}v").text,
            ser.find(f"{C}cat/{C}strRef/{C}f").text,
            [pt.find(C + "v").text for pt in ser.iterfind(f"{C}cat/{C}strRef/{C}strCache/{C}pt")],
            ser.find(f"{C}val/{C}numRef/{C}f").text,
            [(pt.get("idx"), pt.find(C + "v").text) for pt in ser.iterfind(f"{C}val/{C}numRef/{C}numCache/{C}pt")],
        )
        for ser in bar.iterfind(C + "ser")
    ]
    cats = list(MONTHS)
    ones = [("0", "1"), ("1", "0"), ("2", "2"), ("3", "2.5"), ("5", "1"), ("6", "1"), ("7", "0"), ("8", "2")]
    assert found == [
        ("'Жыйынтык'!$A$4", "Ачык сабактар", "'Жыйынтык'!$B$3:$J$3", cats, "'Жыйынтык'!$B$4:$J$4",
         [(str(i), v) for i, v in enumerate(("2", "3", "1", "4", "0", "2", "5", "1", "3"))]),
        ("'Жыйынтык'!$A$5", "Иш-чаралар", "'Жыйынтык'!$B$3:$J$3", cats, "'Жыйынтык'!$B$5:$J$5", ones),
    ]  # the empty cell (Jan, row 5) has no cached point
    assert bar.find(f"{C}ser/{C}val/{C}numRef/{C}numCache/{C}ptCount").get("val") == "9"
    assert "".join(space.find(f"{C}chart/{C}title").itertext()) == "Айлар боюнча"
    assert space.find(f"{C}chart/{C}legend/{C}legendPos").get("val") == "b"
    axes = [ax.find(C + "axId").get("val") for ax in space.find(f"{C}chart/{C}plotArea") if ax.tag.endswith("Ax")]
    assert axes == [ax.get("val") for ax in bar.iterfind(C + "axId")] and len(set(axes)) == 2


def test_openpyxl_loads_the_workbook_and_sees_both_charts(written: Path) -> None:
    wb = openpyxl.load_workbook(written)
    assert wb.sheetnames == ["Data", "Photos", OURS]
    (ours,) = wb[OURS]._charts  # openpyxl 3.1 reads charts back into its model
    assert [s.val.numRef.f for s in ours.series] == ["'Жыйынтык'!$B$4:$J$4", "'Жыйынтык'!$B$5:$J$5"]
    assert len(wb["Data"]._charts) == 1 and len(wb["Photos"]._images) == 0  # no Pillow here: images skipped
    assert wb[OURS]["K4"].value == 21


def test_second_run_gives_identical_entries(written: Path) -> None:
    again = written.with_name("again.xlsx")
    write_owned_sheets(written, again, [month_spec()])
    assert list(entries(again).items()) == list(entries(written).items())  # same bytes, same order


def test_a_spec_without_charts_removes_our_drawing_and_chart(user_file: Path, written: Path) -> None:
    plain = written.with_name("plain.xlsx")
    write_owned_sheets(written, plain, [month_spec(charts=False)])
    before, after = entries(user_file), entries(plain)
    assert set(after) - set(before) == {"xl/worksheets/sheet3.xml"}
    assert {name: after[name] for name in USERS} == {name: before[name] for name in USERS}
    assert set(overrides(after)) - set(overrides(before)) == {"/xl/worksheets/sheet3.xml"}
    assert b"<drawing" not in after["xl/worksheets/sheet3.xml"]
    back = written.with_name("back.xlsx")  # and charts again: the same parts as the first time
    write_owned_sheets(plain, back, [month_spec()])
    assert entries(back) == entries(written)


def test_charts_replace_a_users_sheet_and_its_drawing(user_file: Path, tmp_path: Path) -> None:
    """A sheet by our name with the user's picture: its drawing goes, the shared image stays."""
    src = tmp_path / "old.xlsx"
    wb = xlsxwriter.Workbook(src)
    wb.add_worksheet("Data").insert_image("B2", "p.png", {"image_data": io.BytesIO(png_bytes())})
    wb.add_worksheet(OURS).insert_image("B2", "p.png", {"image_data": io.BytesIO(png_bytes())})
    wb.define_name(f"'{OURS}'!_ubsheets_owned", "=TRUE")  # our marker: an earlier run wrote it
    wb.close()
    out, again = tmp_path / "out.xlsx", tmp_path / "again.xlsx"
    two = SheetSpec("Экинчи", month_spec().rows, charts=month_spec().charts * 2)
    write_owned_sheets(src, out, [month_spec(), two])
    after = entries(out)
    assert after["xl/media/image1.png"] == entries(src)["xl/media/image1.png"]
    assert rel_targets(after, "xl/worksheets/sheet2.xml") == {"rId1": ("drawing", "xl/drawings/drawing2.xml")}
    assert [target for _, target in rel_targets(after, "xl/drawings/drawing3.xml").values()] == [
        "xl/charts/chart2.xml", "xl/charts/chart3.xml"]
    assert "'Экинчи'!$B$4:$J$4".encode() in after["xl/charts/chart3.xml"]
    write_owned_sheets(out, again, [month_spec(), two])
    assert list(entries(again).items()) == list(after.items())


def test_a_users_chart_on_a_sheet_by_our_name_goes_with_its_own_parts(tmp_path: Path) -> None:
    """Drawing -> chart -> the chart's colors part (Excel 2013+): dropped down the chain, while
    the user's chart on Data stays. Our parts take the freed names."""
    src = tmp_path / "src.xlsx"
    wb = xlsxwriter.Workbook(src)
    for name in ("Data", OURS):
        chart = wb.add_chart({"type": "line"})
        chart.add_series({"values": "=Data!$A$1:$A$3"})
        wb.add_worksheet(name).insert_chart("C2", chart)
    wb.define_name(f"'{OURS}'!_ubsheets_owned", "=TRUE")  # our marker: an earlier run wrote it
    wb.close()
    parts = entries(src)
    parts["xl/charts/colors2.xml"] = b'<cs:colorStyle xmlns:cs="http://schemas.microsoft.com/office/drawing/2012/chartStyle"/>'
    parts["xl/charts/_rels/chart2.xml.rels"] = (
        b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
        b'Type="http://schemas.microsoft.com/office/2011/relationships/chartColorStyle" Target="colors2.xml"/>'
        b"</Relationships>"
    )
    parts["[Content_Types].xml"] = parts["[Content_Types].xml"].replace(
        b"</Types>", b'<Override PartName="/xl/charts/colors2.xml" ContentType="application/vnd.ms-office.'
        b'chartcolorstyle+xml"/></Types>')
    with zipfile.ZipFile(src, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(src, out, [month_spec()])
    after = entries(out)
    assert set(parts) - set(after) == {"xl/charts/colors2.xml", "xl/charts/_rels/chart2.xml.rels"}
    assert not any(b"colors2" in after[name] for name in after)
    for name in ("xl/charts/chart1.xml", "xl/drawings/drawing1.xml", "xl/drawings/_rels/drawing1.xml.rels"):
        assert after[name] == parts[name]
    assert rel_targets(after, "xl/drawings/drawing2.xml") == {"rId1": ("chart", "xl/charts/chart2.xml")}
    assert "'Жыйынтык'!$B$4:$J$4".encode() in after["xl/charts/chart2.xml"]  # ours now
    assert [name for name in after if name in parts] == [name for name in parts if name in after]  # in place


def test_formulas_quote_any_sheet_name() -> None:
    assert formula("Бала's", [(3, 2), (3, 10)]) == "'Бала''s'!$B$3:$J$3"
    assert formula("S", [(4, 1)]) == "'S'!$A$4"
    bad = ChartSpec("t", "B3:C4", (("A4", "B4:C4"),), "A7")
    with pytest.raises(ValueError, match="one row or one column"):
        render_chart_xml(bad, "S", [])


# --- LibreOffice reads and draws the chart -------------------------------------------------


def colored_pixels(pdf: Path, page: int) -> int:
    """Pixels of ``page`` far from gray: bars, not text or grid lines."""
    result = subprocess.run(["pdftoppm", "-r", "30", "-f", str(page), "-l", str(page), str(pdf)],
                            capture_output=True, check=True, timeout=60)
    magic, width, height, maxval, data = result.stdout.split(maxsplit=4)
    assert magic == b"P6" and maxval == b"255"
    rgb = data[: int(width) * int(height) * 3]
    return sum(1 for i in range(0, len(rgb), 3) if max(rgb[i : i + 3]) - min(rgb[i : i + 3]) > 80)


def last_page(pdf: Path) -> tuple[int, str]:
    """Number and text of the PDF's last page: our sheet, the last in the workbook."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True, timeout=60).stdout
    page = int(info.split("Pages:")[1].split()[0])
    command = ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"]
    return page, subprocess.run(command, capture_output=True, text=True, check=True, timeout=60).stdout


@needs_libreoffice
def test_libreoffice_draws_our_chart(written: Path, tmp_path: Path, libreoffice) -> None:
    pdf = libreoffice(written, "pdf", tmp_path / "pdf")
    page, text = last_page(pdf)
    assert "Айлар боюнча жыйынтык" in text and "Ачык сабактар" in text  # our grid, on the page with the chart
    assert colored_pixels(pdf, page) > 500  # blue and red bars

    plain = tmp_path / "plain.xlsx"
    write_owned_sheets(written, plain, [month_spec(charts=False)])
    pdf = libreoffice(plain, "pdf", tmp_path / "plain")
    assert colored_pixels(pdf, last_page(pdf)[0]) < 50  # text and borders only


@needs_libreoffice
def test_libreoffice_keeps_our_chart_when_it_saves(written: Path, tmp_path: Path, libreoffice) -> None:
    saved = entries(libreoffice(written, "xlsx", tmp_path / "lo"))
    workbook = SafeET.fromstring(saved["xl/workbook.xml"])
    rid = next(s.get(R_ID) for s in workbook.iter(MAIN + "sheet") if s.get("name") == OURS)
    sheet = rel_targets(saved, "xl/workbook.xml")[rid][1]
    (drawing,) = [target for kind, target in rel_targets(saved, sheet).values() if kind == "drawing"]
    (chart,) = [target for kind, target in rel_targets(saved, drawing).values() if kind == "chart"]
    space = SafeET.fromstring(saved[chart])
    formulas = [f.text for f in space.iter(C + "f")]
    assert len(list(space.iter(C + "ser"))) == 2 and any("$B$4:$J$4" in f for f in formulas), formulas


def test_small_counts_step_by_one_large_ones_automatically() -> None:
    def chart_of(values: list[int]) -> str:
        rows = [["", "Сент.", "Окт."], ["Ачык сабактар", *values]]
        chart = ChartSpec("x", "B1:C1", (("A2", "B2:C2"),), anchor="A4")
        return render_chart_xml(chart, "Жыйынтык", rows).decode()

    assert '<c:crossBetween val="between"/><c:majorUnit val="1"/></c:valAx>' in chart_of([4, 2])
    assert "majorUnit" not in chart_of([40, 2])
