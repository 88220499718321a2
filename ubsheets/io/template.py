"""Build the master workbook from the register definitions, with openpyxl.

Used by ``ubsheets new`` (empty registers) and ``ubsheets demo`` (filled ones). We build the whole
file here, so a whole-workbook writer is right; users' files are never rewritten this way.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

import ubsheets
from ubsheets.i18n import t
from ubsheets.io.report_layout import LINE_HEIGHT, page_footer, row_height
from ubsheets.schema import (
    ALL_TABLES,
    MEMBERS,
    META_SHEET,
    SETTINGS,
    SETTINGS_TABLE,
    TEMPLATE_VERSION,
    Column,
    Kind,
    Label,
    Register,
)
from ubsheets.schema.base import DATE_FORMAT, TIME_FORMAT
from ubsheets.schema.choices import ALL_LISTS

TEACHERS_NAME = "ub_teachers"
MIN_VALIDATED_ROWS = 1000  # dropdowns reach this far below the header, more with more rows
# Each register sheet is the planning document's form: its title, then the table's header.
TITLE_LINE, HEADER_LINE = 1, 2
FIRST_ROW = HEADER_LINE + 1
# Columns wider than this (in characters) print on landscape; A4 portrait holds about 75.
PORTRAIT_CHARS = 75

_REQUIRED_FILL = PatternFill("solid", fgColor="1F4E78")
_OPTIONAL_FILL = PatternFill("solid", fgColor="2E75B6")
# Named: a font without a name prints in LibreOffice's serif default, not the book's Calibri.
_HEADER_FONT = Font(name="Calibri", bold=True, color="FFFFFF")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_THIN = Side(style="thin", color="BFBFBF")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_TITLE_FONT = Font(name="Calibri", bold=True, size=13)
_TEXT_ALIGN = Alignment(wrap_text=True, vertical="top")
_TITLE_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")

_COLUMN_FORMATS = {Kind.DATE: DATE_FORMAT, Kind.TIME: TIME_FORMAT}

Rows = Mapping[str, Sequence[Mapping[str, Any]]]


def build_workbook(lang: str, settings: Mapping[str, Any], rows: Rows) -> Workbook:
    """A master workbook in ``lang`` with ``settings`` and the given register rows (by key).

    A register without rows gets its prefill (the 14 documents) or stays empty."""
    wb = Workbook()
    wb.remove(wb.active)
    meta = _meta_sheet(wb, lang)
    settings_rows = [{"setting": s.label.get(lang), "value": settings.get(s.key)}
                     for s in SETTINGS]
    by_sheet: dict[str, Worksheet] = {}
    for register in ALL_TABLES:
        name = register.sheet.get(lang)
        ws = by_sheet.get(name) or wb.create_sheet(name)
        by_sheet[name] = ws
        data = settings_rows if register is SETTINGS_TABLE else rows.get(register.key)
        if not data:
            data = register.prefill
        _write_table(ws, register, lang, data)
    for ws in by_sheet.values():
        _print_setup(ws, lang)
    wb.move_sheet(meta, offset=len(wb.sheetnames))
    wb.active = 0
    return wb


def save_workbook(wb: Workbook, path: Path) -> None:
    """Save, marking the file macro-enabled when it is an .xlsm (Excel refuses an .xlsm whose
    package says it is a plain .xlsx)."""
    wb.save(path)
    if path.suffix.lower() == ".xlsm":
        _mark_macro_enabled(path)


def _mark_macro_enabled(path: Path) -> None:
    xlsx = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
    xlsm = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"
    with zipfile.ZipFile(path) as zin:
        entries = [(info, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, data in entries:
            if info.filename == "[Content_Types].xml":
                data = data.replace(xlsx, xlsm)
            zout.writestr(info, data)


def _write_table(ws: Worksheet, register: Register, lang: str,
                 data: Sequence[Mapping[str, Any]]) -> None:
    first = register.first_col
    last = first + len(register.columns) - 1
    title = ws.cell(row=TITLE_LINE, column=first, value=register.title.get(lang))
    title.font, title.alignment = _TITLE_FONT, _TITLE_ALIGN
    ws.merge_cells(start_row=TITLE_LINE, start_column=first, end_row=TITLE_LINE, end_column=last)
    ws.row_dimensions[TITLE_LINE].height = 36
    widths = [_column_width(column, lang) for column in register.columns]
    for offset, column in enumerate(register.columns):
        cell = ws.cell(row=HEADER_LINE, column=first + offset, value=column.header.get(lang))
        cell.font, cell.alignment, cell.border = _HEADER_FONT, _HEADER_ALIGN, _HEADER_BORDER
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.comment = _help_comment(column, lang)
        dimension = ws.column_dimensions[get_column_letter(first + offset)]
        dimension.width = widths[offset]
        if column.kind in _COLUMN_FORMATS:  # what users type later shows as a date, a time
            dimension.number_format = _COLUMN_FORMATS[column.kind]
    # Bold headers break at words: counted a fifth narrower, they are not cut when printed.
    header_height = row_height([c.header.get(lang) for c in register.columns],
                               [width * 0.8 for width in widths])
    ws.row_dimensions[HEADER_LINE].height = max(32, header_height,
                                                 ws.row_dimensions[HEADER_LINE].height or 0)
    for line, row in enumerate(data, start=FIRST_ROW):
        values = [_cell_value(column, row.get(column.key), lang) for column in register.columns]
        height = row_height(values, widths)  # the taller of two tables that share the row
        if height > (ws.row_dimensions[line].height or LINE_HEIGHT):
            ws.row_dimensions[line].height = height
        for offset, value in enumerate(values):
            cell = ws.cell(row=line, column=first + offset, value=value)
            cell.alignment = _TEXT_ALIGN  # a long name or title wraps, printed whole
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed text, not a formula
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, dt.time):
                cell.number_format = TIME_FORMAT
    last_line = max(FIRST_ROW, len(data) + HEADER_LINE)
    ref = f"{get_column_letter(first)}{HEADER_LINE}:{get_column_letter(last)}{last_line}"
    table = Table(displayName=register.table_name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    if first == 1:
        ws.freeze_panes = f"A{FIRST_ROW}"
    _add_validations(ws, register, lang, max(MIN_VALIDATED_ROWS, len(data) + 200))


def _column_width(column: Column, lang: str) -> float:
    """The schema's width, or wider where a word of the header would not fit: «Педагогикалык»
    is not printed as «Педагоги|калык»."""
    longest = max(len(word) for word in column.header.get(lang).split())
    return max(column.width, round(longest * 1.2 + 1, 1))  # bold Cyrillic runs wide


def _print_setup(ws: Worksheet, lang: str) -> None:
    """Printed, a register is the planning document's form: A4 (landscape when its columns need
    it) fitted to the page's width so no column goes to a page of its own, the title and the
    header on every page, the page's number and the count at the bottom."""
    width = sum(d.width or 0 for d in ws.column_dimensions.values())
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if width > PORTRAIT_CHARS else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75, header=0.3,
                                  footer=0.3)
    ws.print_title_rows = f"{TITLE_LINE}:{HEADER_LINE}"
    ws.oddFooter.center.text = page_footer(lang).removeprefix("&C")


def _cell_value(column: Column, value: Any, lang: str) -> Any:
    if value is None or value == "":
        return None
    if isinstance(value, Label):
        return value.get(lang)
    if column.kind is Kind.CHOICE and column.choices is not None:
        return column.choices.label_or_value(value, lang)  # a non-code: as typed (the demo's
        # mistakes and the tests write such values)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time())  # openpyxl writes dates as datetimes anyway
    return value


def _help_comment(column: Column, lang: str) -> Comment:
    text = column.help.get(lang)
    if column.required:
        text = f"{text}\n{t('required_column', lang)}"
    comment = Comment(text, "ubsheets")
    comment.width, comment.height = 240, 90
    return comment


def _add_validations(ws: Worksheet, register: Register, lang: str, rows: int) -> None:
    for offset, column in enumerate(register.columns):
        letter = get_column_letter(register.first_col + offset)
        area = f"{letter}{FIRST_ROW}:{letter}{rows + HEADER_LINE}"
        if column.choices is not None:
            dv = DataValidation(type="list", formula1=column.choices.defined_name,
                                showErrorMessage=column.choices.strict)
        elif column.kind is Kind.TEACHER:
            dv = DataValidation(type="list", formula1=TEACHERS_NAME, showErrorMessage=False)
        elif column.kind is Kind.DATE:
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526")  # 2000
        else:
            continue
        # A date is not picked from a list: its error says how to write one (its help).
        dv.error = t("dropdown_error", lang) if dv.type == "list" else column.help.get(lang)
        dv.prompt = column.help.get(lang)
        dv.showInputMessage = True
        dv.add(area)
        ws.add_data_validation(dv)


def _meta_sheet(wb: Workbook, lang: str) -> Worksheet:
    """The hidden sheet: template version, language, and the lists behind every dropdown."""
    ws = wb.create_sheet(META_SHEET)
    ws.sheet_state = "hidden"
    for line, (key, value) in enumerate((("template_version", TEMPLATE_VERSION),
                                         ("lang", lang),
                                         ("created_by", f"ubsheets {ubsheets.__version__}")),
                                        start=1):
        ws.cell(row=line, column=1, value=key)
        ws.cell(row=line, column=2, value=value)
    for offset, choices in enumerate(ALL_LISTS):
        column = 4 + offset
        letter = get_column_letter(column)
        ws.cell(row=1, column=column, value=choices.key)
        labels = choices.labels(lang)
        for line, label in enumerate(labels, start=2):
            ws.cell(row=line, column=column, value=label)
        ref = f"{quote_sheetname(META_SHEET)}!${letter}$2:${letter}${len(labels) + 1}"
        wb.defined_names[choices.defined_name] = DefinedName(choices.defined_name, attr_text=ref)
    members = quote_sheetname(MEMBERS.sheet.get(lang))
    name_col = get_column_letter(MEMBERS.first_col + [c.key for c in MEMBERS.columns].index("name"))
    names = f"{members}!${name_col}${FIRST_ROW}:${name_col}${MIN_VALIDATED_ROWS * 5}"
    wb.defined_names[TEACHERS_NAME] = DefinedName(TEACHERS_NAME, attr_text=names)
    return ws
