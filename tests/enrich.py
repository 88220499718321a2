"""User-enriched copies of a demo workbook, made the way users make them.

``enrich_with_xlsxwriter`` writes what Excel would write: XlsxWriter rebuilds the demo (same sheets,
headers and values, read with python-calamine) and adds a picture, a native chart, comments, a
conditional format, a dropdown whose list is on another sheet, a sheet of the user's own formulas,
xlwings' VBA project and a form button; then an Excel 2010 x14 dropdown (which XlsxWriter cannot
write) is put into the sheet XML as Excel stores it.

``enrich_with_libreoffice`` lets LibreOffice itself add a picture, a chart and a comment through
UNO, in a Python that has the ``uno`` module (python3-uno: the system Python, not ours).
"""

from __future__ import annotations

import datetime as dt
import io
import posixpath
import shutil
import struct
import subprocess
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from xml.etree import ElementTree as ET

import xlsxwriter
import xlwings
from python_calamine import CalamineWorkbook, SheetVisibleEnum
from xlsxwriter.utility import xl_col_to_name

from ubsheets.demo import write_demo
from ubsheets.schema import MEMBERS, OPEN_LESSONS, SETTINGS_SHEET

LANG = "ky"
SETTINGS_SHEET_NAME = SETTINGS_SHEET.get(LANG)
MEMBERS_SHEET = MEMBERS.sheet.get(LANG)
LESSONS_SHEET = OPEN_LESSONS.sheet.get(LANG)
USER_SHEET = "Менин эсептөөлөрүм"  # the user's own sheet: "my calculations"
MACRO = "SampleCall"  # the macro of xlwings' quickstart project
ROOMS = ("101", "102", "204", "205", "Спортзал")

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
X14_NS = "http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"
XM_NS = "http://schemas.microsoft.com/office/excel/2006/main"
X14_VALIDATION_URI = "{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}"


def demo_book(directory: Path) -> Path:
    """The one-school demo workbook of 12 members, in Kyrgyz."""
    return write_demo(directory, schools=1, members=12, lang=LANG)[0]


def png(width: int = 96, height: int = 48, rgb: tuple[int, int, int] = (31, 111, 180)) -> bytes:
    """A small solid PNG, made without Pillow."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def xlwings_vba_project() -> bytes:
    """``xl/vbaProject.bin`` of the quickstart workbook shipped in the installed xlwings."""
    template = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with zipfile.ZipFile(template) as package:
        return package.read("xl/vbaProject.bin")


# --- package parts -------------------------------------------------------------------------


def sheet_parts(read: Callable[[str], bytes]) -> dict[str, str]:
    """Sheet name -> its part name, from workbook.xml and its relationships (``read(part)``)."""
    workbook = ET.fromstring(read("xl/workbook.xml"))
    rels = ET.fromstring(read("xl/_rels/workbook.xml.rels"))
    targets = {rel.get("Id"): resolve("xl/workbook.xml", rel.get("Target", ""))
               for rel in rels.iter(f"{{{PKG_REL_NS}}}Relationship")}
    return {sheet.get("name"): targets[sheet.get(f"{{{REL_NS}}}id")]
            for sheet in workbook.iter(f"{{{MAIN_NS}}}sheet")}


def resolve(source: str, target: str) -> str:
    if target.startswith("/"):
        return target[1:]
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


def _defined_names(package: zipfile.ZipFile) -> list[tuple[str, str]]:
    workbook = ET.fromstring(package.read("xl/workbook.xml"))
    return [(name.get("name", ""), name.text or "") for name in workbook.iter(f"{{{MAIN_NS}}}definedName")
            if name.get("localSheetId") is None]


def _replace_part(path: Path, part: str, edit: Callable[[str], str]) -> None:
    """Rewrite ``path`` with ``part`` changed by ``edit(text) -> text``, as a saving app would."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == part:
                data = edit(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)


# --- the XlsxWriter workbook ---------------------------------------------------------------


class _Cells:
    """Writes calamine values back with their Excel types."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.header = workbook.add_format({"bold": True, "text_wrap": True, "valign": "top"})
        self.date = workbook.add_format({"num_format": "dd.mm.yyyy"})
        self.time = workbook.add_format({"num_format": "hh:mm"})
        self.stamp = workbook.add_format({"num_format": "dd.mm.yyyy hh:mm"})

    def write(self, sheet, row: int, col: int, value: object) -> None:
        if value is None or value == "":
            return
        if isinstance(value, bool):
            sheet.write_boolean(row, col, value)
        elif isinstance(value, int | float):
            sheet.write_number(row, col, value)
        elif isinstance(value, dt.datetime):
            sheet.write_datetime(row, col, value, self.stamp)
        elif isinstance(value, dt.date):
            sheet.write_datetime(row, col, value, self.date)
        elif isinstance(value, dt.time):
            sheet.write_datetime(row, col, value, self.time)
        elif isinstance(value, dt.timedelta):
            sheet.write_number(row, col, value.total_seconds() / 86400, self.time)
        else:
            sheet.write_string(row, col, str(value), self.header if row == 0 else None)


def _column(grid: list[list[object]], header: str) -> int:
    return grid[_header_row(grid, header)].index(header)


def _header_row(grid: list[list[object]], header: str) -> int:
    """The register's header row (0-based): under the form's title in a workbook we made."""
    return next(index for index, row in enumerate(grid[:5]) if header in row)


def enrich_with_xlsxwriter(demo: Path, target: Path) -> Path:
    """An .xlsm with the demo's sheets and values and everything a user adds in Excel."""
    source = CalamineWorkbook.from_path(str(demo))
    grids = {name: source.get_sheet_by_name(name).to_python(skip_empty_area=False)
             for name in source.sheet_names}
    hidden = {meta.name for meta in source.sheets_metadata if meta.visible != SheetVisibleEnum.Visible}
    with zipfile.ZipFile(demo) as package:
        names = _defined_names(package)

    workbook = xlsxwriter.Workbook(str(target))
    cells = _Cells(workbook)
    sheets = {}
    for name, grid in grids.items():
        sheet = sheets[name] = workbook.add_worksheet(name)
        for row, values in enumerate(grid):
            for col, value in enumerate(values):
                cells.write(sheet, row, col, value)
        if name in hidden:
            sheet.hide()
    user = sheets[USER_SHEET] = workbook.add_worksheet(USER_SHEET)
    for name, formula in names:
        workbook.define_name(name, "=" + formula)
    workbook.define_name("ub_user_rooms", f"='{USER_SHEET}'!$E$2:$E${1 + len(ROOMS)}")

    _enrich_members(workbook, sheets[MEMBERS_SHEET], grids[MEMBERS_SHEET])
    _enrich_user_sheet(workbook, user, grids[MEMBERS_SHEET], grids[LESSONS_SHEET])
    sheets[SETTINGS_SHEET_NAME].insert_image("H2", "logo.png", {"image_data": io.BytesIO(png())})
    workbook.add_vba_project(io.BytesIO(xlwings_vba_project()), is_stream=True)
    workbook.set_vba_name("ThisWorkbook")
    workbook.close()
    _add_x14_validation(target)
    return target


def _enrich_members(workbook: xlsxwriter.Workbook, sheet, grid: list[list[object]]) -> None:
    """Comments, conditional formats (one a 2010 data bar), a dropdown from the user's sheet, a
    formula column and a filter."""
    header = MEMBERS.column("weekly_hours").header.get(LANG)
    hours, top = _column(grid, header), _header_row(grid, header)
    last = len(grid)  # Excel row of the last member
    extra = len(grid[top])
    letter = xl_col_to_name(hours)
    sheet.write_comment(top, 0, "Толук аты-жөнү, паспорттогудай.", {"author": "Айгүл Асанова"})
    sheet.write_comment(top + 1, hours, "Жүктөм 24 сааттан ашпашы керек.", {"author": "Айгүл Асанова"})
    red = workbook.add_format({"bg_color": "#FFC7CE", "font_color": "#9C0006"})
    sheet.conditional_format(top + 1, hours, 999, hours,
                             {"type": "cell", "criteria": ">", "value": 24, "format": red})
    sheet.conditional_format(top + 1, hours, last - 1, hours, {"type": "data_bar", "data_bar_2010": True})
    sheet.write_string(top, extra, "Бөлмөсү", workbook.add_format({"bold": True}))
    sheet.data_validation(top + 1, extra, 999, extra,
                          {"validate": "list", "source": f"='{USER_SHEET}'!$E$2:$E$6"})
    sheet.write_string(top, extra + 1, "Жүктөм, ставка", workbook.add_format({"bold": True}))
    for row in range(top + 1, last):
        value = grid[row][hours]
        sheet.write_formula(row, extra + 1, f"={letter}{row + 1}/18", None,
                            value / 18 if isinstance(value, int | float) else "")
    sheet.autofilter(top, 0, last - 1, extra + 1)  # a hidden name local to this sheet


def _enrich_user_sheet(workbook: xlsxwriter.Workbook, user, members: list[list[object]],
                       lessons: list[list[object]]) -> None:
    """Formulas over the registers, a table, a dropdown, a chart, a comment, a button for a macro
    and print settings."""
    header = MEMBERS.column("weekly_hours").header.get(LANG)
    hours, top = _column(members, header), _header_row(members, header)
    lessons_top = _header_row(lessons, OPEN_LESSONS.column("topic").header.get(LANG))
    letter = xl_col_to_name(hours)
    count = len(members) - 1 - top
    first = top + 2  # the Excel row of the first member
    total = sum(row[hours] for row in members[top + 1:] if isinstance(row[hours], int | float))
    bold = workbook.add_format({"bold": True})
    rows = (
        ("Мүчөлөрдүн саны", f"=COUNTA('{MEMBERS_SHEET}'!A{first}:A1000)", count),
        ("Жумалык сааттар", f"=SUM('{MEMBERS_SHEET}'!{letter}{first}:{letter}1000)", total),
        ("Орточо жүктөм", "=B3/B2", total / count),
        ("Ачык сабактар", f"=COUNTA('{LESSONS_SHEET}'!E{lessons_top + 2}:E1000)",
         len(lessons) - 1 - lessons_top),
    )
    user.write_string(0, 0, "Көрсөткүч", bold)
    user.write_string(0, 1, "Мааниси", bold)
    for row, (label, formula, value) in enumerate(rows, start=1):
        user.write_string(row, 0, label)
        user.write_formula(row, 1, formula, None, value)
    user.add_table(0, 4, len(ROOMS), 4, {"name": "Rooms", "columns": [{"header": "Бөлмөлөр"}],
                                          "data": [[room] for room in ROOMS]})
    user.write_string(6, 0, "Мугалим")
    names = f"='{MEMBERS_SHEET}'!$A${first}:$A${first + count - 1}"
    user.data_validation(6, 1, 6, 1, {"validate": "list", "source": names})
    user.write_comment(1, 1, "Мүчөлөр барагынан эсептелет.", {"author": "Айгүл Асанова"})
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({
        "name": "Жумалык саат",
        "categories": [MEMBERS_SHEET, top + 1, 0, top + count, 0],
        "values": [MEMBERS_SHEET, top + 1, hours, top + count, hours],
    })
    chart.set_title({"name": "Мугалимдердин жүктөмү"})
    user.insert_chart("D9", chart)
    user.insert_button("A9", {"macro": MACRO, "caption": "Эсептөө", "width": 120, "height": 30})
    user.repeat_rows(0)  # print titles: a name local to this sheet
    user.print_area(0, 0, 30, 12)


def _add_x14_validation(path: Path) -> None:
    """A teacher dropdown on the open lessons register, stored as Excel 2010+ stores a list on
    another sheet: in the sheet's extLst (as in LibreOffice's oox/xls/worksheetfragment.hxx)."""
    with zipfile.ZipFile(path) as package:
        part = sheet_parts(package.read)[LESSONS_SHEET]
    block = (
        f'<extLst><ext uri="{X14_VALIDATION_URI}" xmlns:x14="{X14_NS}">'
        f'<x14:dataValidations count="1" xmlns:xm="{XM_NS}">'
        '<x14:dataValidation type="list" allowBlank="1" showInputMessage="1" showErrorMessage="1">'
        f"<x14:formula1><xm:f>'{MEMBERS_SHEET}'!$A$2:$A$13</xm:f></x14:formula1>"
        "<xm:sqref>B2:B500</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst>"
    )

    def edit(text: str) -> str:
        assert "<extLst>" not in text and text.count("</worksheet>") == 1
        return text.replace("</worksheet>", block + "</worksheet>")

    _replace_part(path, part, edit)


# --- LibreOffice through UNO ---------------------------------------------------------------

# The start of every UNO script: a headless LibreOffice on a pipe of its own (``soffice`` and
# ``profile`` set before), and ``ctx`` its component context once it answers (None if never).
UNO_CONNECT = r'''
pipe = "ubsheets_uno_%d" % os.getpid()
office = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore", "--nologo",
                           "--nodefault", "-env:UserInstallation=" + profile,
                           "--accept=pipe,name=%s;urp;" % pipe],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
local = uno.getComponentContext()
resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
ctx = None
for _ in range(600):
    try:
        ctx = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        break
    except Exception:
        time.sleep(0.1)
'''

UNO_SCRIPT = r'''
"""Open a workbook in a headless LibreOffice, add a picture, a chart and a comment, save as xlsx."""
import os
import subprocess
import sys
import time

import uno
from com.sun.star.awt import Point, Rectangle, Size
from com.sun.star.beans import PropertyValue
from com.sun.star.table import CellAddress

soffice, profile, source, target, picture, sheet_name, name_col, hours_col, last_row, top = sys.argv[1:]


def prop(name, value):
    return PropertyValue(Name=name, Value=value)


''' + UNO_CONNECT + r'''
if ctx is None:
    office.kill()
    sys.exit("LibreOffice did not answer on its UNO pipe")
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
try:
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0,
                                       (prop("Hidden", True),))
    sheets = doc.Sheets
    index = list(sheets.ElementNames).index(sheet_name)
    sheet = sheets.getByName(sheet_name)
    last = int(last_row)

    sheet.Annotations.insertNew(CellAddress(index, int(hours_col), int(top) + 1),
                                "LibreOfficeто кошулган эскертүү: жүктөмдү текшериңиз.")

    ranges = tuple(sheet.getCellRangeByPosition(int(col), int(top), int(col), last).RangeAddress
                   for col in (name_col, hours_col))
    sheet.Charts.addNewByName("UserHoursChart", Rectangle(2000, 9000, 16000, 8000), ranges, True, True)

    provider = ctx.ServiceManager.createInstanceWithContext("com.sun.star.graphic.GraphicProvider", ctx)
    graphic = provider.queryGraphic((prop("URL", uno.systemPathToFileUrl(picture)),))
    shape = doc.createInstance("com.sun.star.drawing.GraphicObjectShape")
    shape.Graphic = graphic
    sheet.DrawPage.add(shape)
    shape.setSize(Size(3000, 1500))
    shape.setPosition(Point(20000, 9000))

    doc.storeToURL(uno.systemPathToFileUrl(target),
                   (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))
    doc.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass  # the bridge goes away with the office
    try:
        office.wait(timeout=60)
    except subprocess.TimeoutExpired:
        office.kill()
'''


def uno_python() -> str | None:
    """A Python that can ``import uno`` (Debian's python3-uno is for the system Python)."""
    for candidate in ("/usr/bin/python3", shutil.which("python3")):
        if candidate and Path(candidate).exists():
            found = subprocess.run([candidate, "-c", "import uno"], capture_output=True)
            if found.returncode == 0:
                return candidate
    return None


def enrich_with_libreoffice(demo: Path, target: Path, soffice: str, python: str, profile: Path) -> Path:
    """The demo workbook with a picture, a chart and a comment that LibreOffice added and saved."""
    work = target.parent
    script = work / "enrich_uno.py"
    script.write_text(UNO_SCRIPT, "utf-8")
    picture = work / "logo.png"
    picture.write_bytes(png(rgb=(200, 60, 40)))
    grid = CalamineWorkbook.from_path(str(demo)).get_sheet_by_name(MEMBERS_SHEET).to_python()
    header = MEMBERS.column("weekly_hours").header.get(LANG)
    hours, top = _column(grid, header), _header_row(grid, header)
    result = subprocess.run(
        [python, str(script), soffice, profile.as_uri(), str(demo), str(target), str(picture),
         MEMBERS_SHEET, "0", str(hours), str(len(grid) - 1), str(top)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and target.exists(), result.stdout + result.stderr
    return target
