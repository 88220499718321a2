"""The home sheet of a macro-enabled master (Башкы бет / Главная): short instructions, the period
cell ``ub_period`` with a dropdown of the school year's periods, and form-control buttons bound to
the Subs of ``macros/ubsheets.bas``.

The sheet's cells are written with openpyxl (``add_home_sheet``, before the workbook is saved).
openpyxl writes no form controls, so the buttons are added to the saved package (``add_buttons``)
as Excel itself stores a "Button (Form Control)" (compared with ``button07.xlsm`` of the Excel
corpus): a legacy VML drawing ``xl/drawings/vmlDrawingN.vml`` holding one ``v:shape`` of type
``#_x0000_t201`` per button, with ``<x:ClientData ObjectType="Button">``, its ``x:Anchor`` and
``<x:FmlaMacro>[0]!UbValidate</x:FmlaMacro>``; the sheet's ``<legacyDrawing r:id=…>``, its
relationship, and the ``vml`` Default content type. Every other entry is copied byte for byte.

A plain .xlsx gets no home sheet: without macros there is nothing to press, and its instructions
would describe buttons that are not there.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from ubsheets.core.periods import academic_year, half_month, months_of_year
from ubsheets.i18n import t
from ubsheets.io.opc_package import (
    TYPES,
    WORKBOOK,
    ContentTypes,
    Package,
    open_package,
    part_key,
    relationships_xml,
    relative_target,
    rels_name,
    write_package,
)
from ubsheets.io.parts.namespaces import CONTENT_TYPES, MAIN, RELATIONSHIPS, qn
from ubsheets.io.parts.relationships import RelationshipsPart
from ubsheets.io.parts.tree import declaration, parse_part, serialise
from ubsheets.io.parts.workbook import WorkbookPart
from ubsheets.schema import Label

HOME_SHEET = Label("Башкы бет", "Главная", "Home")
PERIODS_COLUMN = "Z"  # the dropdown's list, in a hidden column of the home sheet
VML_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
VML_RELATIONSHIP = "vmlDrawing"


@dataclass(frozen=True)
class Button:
    macro: str  # a Sub of macros/ubsheets.bas (ubsheets.vba.BUTTON_MACROS)
    caption: str  # i18n key of the button's text
    does: str  # i18n key of what it does, beside it


@dataclass(frozen=True)
class Field:
    """A cell the user fills in before pressing a button, read by ``ubsheets.excel`` through its
    workbook-level name."""

    name: str  # the defined name of the cell
    label: str  # i18n key of its label, left of it
    hint: str  # i18n key of the line under it


@dataclass(frozen=True)
class Home:
    """What a home sheet holds, top to bottom: a title, its fields (a row each, with a hint
    under it), a blank row, its buttons (a row each, in column A, what each does in B), a note."""

    title: str  # i18n key
    fields: tuple[Field, ...]
    buttons: tuple[Button, ...]
    note: str  # i18n key

    def field_row(self, index: int) -> int:
        return _FIRST_FIELD_ROW + 2 * index

    @property
    def first_button_row(self) -> int:
        return self.field_row(len(self.fields)) + 1

    @property
    def note_row(self) -> int:
        return self.first_button_row + len(self.buttons) + 1

    def row_heights(self) -> dict[int, float]:
        heights = {_TITLE_ROW: 30.0, _TITLE_ROW + 1: 15.0}
        for index in range(len(self.fields)):
            heights[self.field_row(index)], heights[self.field_row(index) + 1] = 22.0, 33.0
        heights[self.first_button_row - 1] = 15.0
        for row in range(self.first_button_row, self.first_button_row + len(self.buttons)):
            heights[row] = _BUTTON_ROW_HEIGHT
        heights[self.note_row] = 33.0
        return heights


PERIOD_NAME, FOLDER_NAME, OUTPUT_NAME, MONTH_NAME = "ub_period", "ub_folder", "ub_output", "ub_month"
#: A school's master: the report's period, and the buttons on its registers.
SCHOOL = Home("home_title", (Field(PERIOD_NAME, "home_period_label", "home_period_hint"),),
              (Button("UbValidate", "home_button_validate", "home_does_validate"),
               Button("UbSummarize", "home_button_summary", "home_does_summary"),
               Button("UbReport", "home_button_report", "home_does_report")), "home_note")
#: A district's workbook: where the schools' workbooks are, where the district workbook goes,
#: and a month to count (empty: the whole year), as ``consolidate --month`` takes it.
DISTRICT = Home("district_home_title",
                (Field(FOLDER_NAME, "district_home_folder_label", "district_home_folder_hint"),
                 Field(OUTPUT_NAME, "district_home_output_label", "district_home_output_hint"),
                 Field(MONTH_NAME, "district_home_month_label", "district_home_month_hint")),
                (Button("UbConsolidate", "district_home_button", "district_home_does"),),
                "district_home_note")
BUTTONS = SCHOOL.buttons

# Layout: column A holds the labels and buttons, B the cells and texts. Heights in points,
# widths in characters.
_WIDTHS = {"A": 30.0, "B": 90.0}
_TITLE_ROW, _FIRST_FIELD_ROW = 1, 3
_BUTTON_ROW_HEIGHT = 36.0
# The button inside its cell of column A: offsets from the cell's edges, in pixels.
_INSET_X, _INSET_Y = 6, 6
_INPUT_FILL = "FFF2CC"
PERIOD_CELL = f"B{SCHOOL.field_row(0)}"


def period_codes(start: dt.date, end: dt.date) -> list[str]:
    """What the period cell's dropdown lists: each month of the school year followed by its two
    half-months, then the year ("2020-09", "2020-09-1", "2020-09-2", …, "2020-2021")."""
    codes = []
    for month in months_of_year(start, end):
        codes.append(month.code)
        codes += [half_month(f"{month.start.year}-{month.start.month}-{half}").code for half in (1, 2)]
    return [*codes, academic_year(start, end).code]


def add_home_sheet(wb: Workbook, lang: str, start: dt.date, end: dt.date) -> Worksheet:
    """A school master's home sheet (``SCHOOL``), first and active: ``ub_period`` formatted as
    text with a dropdown of ``period_codes``, the year chosen; the hint's examples from this
    year."""
    codes = period_codes(start, end)
    months = months_of_year(start, end)
    example = months[min(1, len(months) - 1)].code  # October: a month with both halves
    ws = _lay_out(wb, SCHOOL, lang, {PERIOD_NAME: codes[-1]},
                  {"month": example, "year": codes[-1]})
    for line, code in enumerate(codes, start=1):  # the dropdown's list, in a hidden column
        listed = ws[f"{PERIODS_COLUMN}{line}"]
        listed.value, listed.number_format = code, "@"
    ws.column_dimensions[PERIODS_COLUMN].hidden = True
    # A warning, not a stop: a period the list lacks (the year changed on the settings sheet
    # since the list was made) can still be typed; the button checks it against the book's year.
    dv = DataValidation(type="list", formula1=f"${PERIODS_COLUMN}$1:${PERIODS_COLUMN}${len(codes)}",
                        showErrorMessage=True, showInputMessage=True, errorStyle="warning")
    dv.error = t("home_period_hint", lang, month=example, year=codes[-1])
    dv.prompt = t("home_period_prompt", lang, month=example, year=codes[-1])
    dv.add(PERIOD_CELL)
    ws.add_data_validation(dv)
    return ws


def add_district_home_sheet(wb: Workbook, lang: str) -> Worksheet:
    """A district workbook's home sheet (``DISTRICT``), first and active: the schools' folder and
    the district workbook's name, filled with the usual ones."""
    return _lay_out(wb, DISTRICT, lang, {FOLDER_NAME: t("district_home_folder_default", lang),
                                         OUTPUT_NAME: t("district_home_output_default", lang),
                                         MONTH_NAME: None}, {})


def _lay_out(wb: Workbook, home: Home, lang: str, values: dict[str, str | None],
             hint_params: dict[str, str]) -> Worksheet:
    """The sheet of ``home`` in ``lang``, first and active, each field's cell holding
    ``values[name]`` as text under its workbook-level name; room left for the buttons, which
    ``add_buttons`` draws."""
    ws = wb.create_sheet(HOME_SHEET.get(lang), 0)
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = sheet is ws
    wb.active = 0
    for letter, width in _WIDTHS.items():
        ws.column_dimensions[letter].width = width
    # Printed on one landscape page: the buttons' column and the texts beside them together
    # (portrait put the texts on a page of their own).
    ws.page_setup.orientation, ws.page_setup.paperSize = "landscape", ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for row, height in home.row_heights().items():
        ws.row_dimensions[row].height = height
    title = ws.cell(_TITLE_ROW, 1, t(home.title, lang))
    title.font, title.alignment = Font(name="Calibri", bold=True, size=14), Alignment(vertical="center")
    ws.merge_cells(start_row=_TITLE_ROW, start_column=1, end_row=_TITLE_ROW, end_column=2)

    wrap = Alignment(wrap_text=True, vertical="center")
    thin = Side(style="thin", color="7F7F7F")
    for index, field in enumerate(home.fields):
        row = home.field_row(index)
        label = ws.cell(row, 1, t(field.label, lang))
        label.font = Font(name="Calibri", bold=True)
        label.alignment = Alignment(horizontal="right", vertical="center")
        cell = ws.cell(row, 2, values[field.name])
        cell.number_format = "@"  # "2020-10" stays text, not a date
        cell.font, cell.fill = Font(name="Calibri", bold=True, size=12), PatternFill("solid", fgColor=_INPUT_FILL)
        cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
        cell.alignment = Alignment(horizontal="left", vertical="center")
        wb.defined_names[field.name] = DefinedName(
            field.name, attr_text=f"{quote_sheetname(ws.title)}!$B${row}")
        ws.cell(row + 1, 2, t(field.hint, lang, **hint_params)).alignment = wrap
    for row, button in enumerate(home.buttons, start=home.first_button_row):
        ws.cell(row, 2, t(button.does, lang)).alignment = wrap
    note = ws.cell(home.note_row, 2, t(home.note, lang))
    note.alignment, note.font = wrap, Font(name="Calibri", italic=True, color="595959")
    return ws


def _column_pixels(width: float) -> int:
    """A column's width in pixels at Calibri 11 (7 pixels a character, 5 of padding)."""
    return int(width * 7 + 5)


# One button as Excel writes it (button07.xlsm), CRLF line ends, no XML declaration.
_VML_HEAD = (
    '<xml xmlns:v="urn:schemas-microsoft-com:vml"\n'
    ' xmlns:o="urn:schemas-microsoft-com:office:office"\n'
    ' xmlns:x="urn:schemas-microsoft-com:office:excel">\n'
    ' <o:shapelayout v:ext="edit">\n'
    '  <o:idmap v:ext="edit" data="{block}"/>\n'
    ' </o:shapelayout><v:shapetype id="_x0000_t201" coordsize="21600,21600" o:spt="201"\n'
    '  path="m,l,21600r21600,l21600,xe">\n'
    '  <v:stroke joinstyle="miter"/>\n'
    '  <v:path shadowok="f" o:extrusionok="f" strokeok="f" fillok="f" o:connecttype="rect"/>\n'
    '  <o:lock v:ext="edit" shapetype="t"/>\n'
    ' </v:shapetype>')
_VML_SHAPE = (
    '<v:shape id="_x0000_s{shape}" type="#_x0000_t201" style=\'position:absolute;\n'
    '  margin-left:{left}pt;margin-top:{top}pt;width:{width}pt;height:{height}pt;z-index:{z};\n'
    '  mso-wrap-style:tight\' o:button="t" fillcolor="buttonFace [67]" strokecolor="windowText [64]"\n'
    '  o:insetmode="auto">\n'
    '  <v:fill color2="buttonFace [67]" o:detectmouseclick="t"/>\n'
    '  <o:lock v:ext="edit" rotation="t"/>\n'
    '  <v:textbox style=\'mso-direction-alt:auto\' o:singleclick="f">\n'
    '   <div style=\'text-align:center\'><font face="Calibri" size="220"\n'
    '   color="#000000">{caption}</font></div>\n'
    '  </v:textbox>\n'
    '  <x:ClientData ObjectType="Button">\n'
    '   <x:Anchor>\n'
    '    {anchor}</x:Anchor>\n'
    '   <x:PrintObject>False</x:PrintObject>\n'
    '   <x:AutoFill>False</x:AutoFill>\n'
    '   <x:FmlaMacro>[0]!{macro}</x:FmlaMacro>\n'
    '   <x:TextHAlign>Center</x:TextHAlign>\n'
    '   <x:TextVAlign>Center</x:TextVAlign>\n'
    '  </x:ClientData>\n'
    ' </v:shape>')


def _points(value: float) -> str:
    return f"{value:g}"


def buttons_vml(lang: str, block: int, home: Home = SCHOOL) -> bytes:
    """The home sheet's VML drawing: ``home.buttons`` in column A, one a row; ``block`` is the
    drawing's shape-id block (``o:idmap``), unique in the workbook."""
    heights = home.row_heights()
    width_px = _column_pixels(_WIDTHS["A"])
    shapes = []
    for index, button in enumerate(home.buttons):
        row = home.first_button_row + index  # 1-based; the anchor counts from 0
        row_px = round(_BUTTON_ROW_HEIGHT * 4 / 3)
        anchor = (0, _INSET_X, row - 1, _INSET_Y, 0, width_px - _INSET_X, row - 1, row_px - _INSET_Y)
        top = sum(heights.get(r, 15.0) for r in range(1, row)) + _INSET_Y * 0.75
        shapes.append(_VML_SHAPE.format(
            shape=block * 1024 + 1 + index, left=_points(_INSET_X * 0.75), top=_points(top),
            width=_points((width_px - 2 * _INSET_X) * 0.75),
            height=_points((row_px - 2 * _INSET_Y) * 0.75), z=index + 1,
            caption=escape(t(button.caption, lang)), anchor=", ".join(map(str, anchor)),
            macro=button.macro))
    text = _VML_HEAD.format(block=block) + "".join(shapes) + "</xml>"
    return text.replace("\n", "\r\n").encode("utf-8")


# What the schema puts after <legacyDrawing> in <worksheet> (ECMA-376 Part 1, 18.3.1.99).
_AFTER_LEGACY = frozenset(qn(MAIN, name) for name in (
    "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems",
    "tableParts", "extLst"))
# Any prefix: openpyxl writes ns0:idmap, Excel o:idmap (VML from Excel is not always well-formed XML).
_IDMAP = re.compile(rb"""<(?:[\w.-]+:)?idmap\b[^>]*\bdata\s*=\s*["']([\d,\s]+)["']""")


def _free_block(pkg: Package) -> int:
    """A shape-id block no VML drawing of the package uses yet."""
    used = {0}
    for name in pkg.names:
        if name.endswith(".vml"):
            for found in _IDMAP.finditer(pkg.read(name)):
                used.update(int(n) for n in re.findall(rb"\d+", found.group(1)))
    return max(used) + 1


def _free_part(pkg: Package, pattern: str) -> str:
    number = 1
    while pkg.has(pattern.format(number)):
        number += 1
    return pattern.format(number)


def add_buttons(src: Path, dst: Path, lang: str, home: Home = SCHOOL) -> str:
    """``src`` written to ``dst`` with the home sheet's buttons (the first sheet, which has no
    drawing yet). Returns the VML part's name."""
    parts: dict[str, bytes | Path] = {}
    new_names: list[str] = []
    with open_package(src) as pkg:
        book = WorkbookPart(pkg.read(WORKBOOK), src.name)
        first = book.sheets()[0]
        if first.name != HOME_SHEET.get(lang):
            raise ValueError(f"{src.name}: the first sheet is {first.name!r}, not the home sheet")
        sheet = next(rel["part"] for rel in pkg.rels(WORKBOOK) if rel.get("Id") == first.rid)
        sheet_name = pkg.names[sheet]
        vml = _free_part(pkg, "xl/drawings/vmlDrawing{}.vml")
        parts[part_key(vml)] = buttons_vml(lang, _free_block(pkg), home)
        new_names.append(vml)

        sheet_rels = rels_name(sheet_name)
        target = relative_target(sheet_name, vml)
        if pkg.has(sheet_rels):
            rels = RelationshipsPart(pkg.read(sheet_rels), src.name, sheet_rels)
            rid = rels.free_id()
            rels.add(rid, VML_RELATIONSHIP, target)
            parts[part_key(sheet_rels)] = rels.to_bytes()
        else:
            rid = "rId1"
            parts[part_key(sheet_rels)] = relationships_xml([(rid, VML_RELATIONSHIP, target)])
            new_names.append(sheet_rels)

        data = pkg.read(sheet)
        tree = parse_part(data, src.name)
        root = tree.getroot()
        if root.find(qn(MAIN, "legacyDrawing")) is not None:
            raise ValueError(f"{src.name}: the home sheet has a drawing already")
        drawing = root.makeelement(qn(MAIN, "legacyDrawing"), {qn(RELATIONSHIPS, "id"): rid})
        later = [child for child in root if child.tag in _AFTER_LEGACY]
        if later:
            later[0].addprevious(drawing)
        else:
            root.append(drawing)
        # r: declared on <worksheet>, as Excel writes it, not on the new element.
        etree.cleanup_namespaces(tree, top_nsmap={"r": RELATIONSHIPS},
                                 keep_ns_prefixes=[p for p in root.nsmap if p])
        parts[part_key(sheet)] = serialise(tree, declaration(data))

        types = ContentTypes(pkg.required(TYPES), src.name)
        defaults = types.root.findall(qn(CONTENT_TYPES, "Default"))
        if not any(d.get("Extension", "").lower() == "vml" for d in defaults):
            default = types.root.makeelement(qn(CONTENT_TYPES, "Default"),
                                             {"Extension": "vml", "ContentType": VML_CONTENT_TYPE})
            types.root.insert(len(defaults), default)
        parts[part_key(TYPES)] = types.to_bytes()
        write_package(pkg, dst, parts, set(), new_names)
    return posixpath.normpath(vml)


def finish_master(plain: Path, dst: Path, lang: str, home: Home = SCHOOL) -> None:
    """The saved workbook ``plain`` (with its home sheet) written to ``dst`` as a macro-enabled
    master: the buttons, then the VBA project (``ubsheets.vba``)."""
    from ubsheets.vba import add_vba_project  # pyOpenVBA and xlwings: only when building

    with tempfile.TemporaryDirectory(prefix="ubsheets-home-") as scratch:
        staged = Path(scratch) / "buttons.xlsm"
        add_buttons(plain, staged, lang, home)
        add_vba_project(staged, dst)


def write_master(save: Callable[[Path], None], dst: Path, lang: str, home: Home = SCHOOL) -> None:
    """Run ``save(path)`` (the workbook's own save) into a scratch file, then ``finish_master``."""
    with tempfile.TemporaryDirectory(prefix="ubsheets-plain-") as scratch:
        plain = Path(scratch) / "plain.xlsm"
        save(plain)
        finish_master(plain, dst, lang, home)
