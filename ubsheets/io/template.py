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
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

import ubsheets
from ubsheets.i18n import t
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

_REQUIRED_FILL = PatternFill("solid", fgColor="1F4E78")
_OPTIONAL_FILL = PatternFill("solid", fgColor="2E75B6")
_HEADER_FONT = Font(bold=True, color="FFFFFF")
_HEADER_ALIGN = Alignment(wrap_text=True, vertical="center", horizontal="center")
_THIN = Side(style="thin", color="BFBFBF")
_HEADER_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)

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
    for offset, column in enumerate(register.columns):
        cell = ws.cell(row=1, column=first + offset, value=column.header.get(lang))
        cell.font, cell.alignment, cell.border = _HEADER_FONT, _HEADER_ALIGN, _HEADER_BORDER
        cell.fill = _REQUIRED_FILL if column.required else _OPTIONAL_FILL
        cell.comment = _help_comment(column, lang)
        dimension = ws.column_dimensions[get_column_letter(first + offset)]
        dimension.width = column.width
        if column.kind in _COLUMN_FORMATS:  # what users type later shows as a date, a time
            dimension.number_format = _COLUMN_FORMATS[column.kind]
    for line, row in enumerate(data, start=2):
        for offset, column in enumerate(register.columns):
            value = _cell_value(column, row.get(column.key), lang)
            cell = ws.cell(row=line, column=first + offset, value=value)
            if isinstance(value, str) and value.startswith("="):
                cell.data_type = "s"  # typed text, not a formula
            if isinstance(value, dt.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, dt.time):
                cell.number_format = TIME_FORMAT
    last_line = max(2, len(data) + 1)
    ref = f"{get_column_letter(first)}1:{get_column_letter(first + len(register.columns) - 1)}"
    table = Table(displayName=register.table_name, ref=f"{ref}{last_line}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.row_dimensions[1].height = 32
    if first == 1:
        ws.freeze_panes = "A2"
    _add_validations(ws, register, lang, max(MIN_VALIDATED_ROWS, len(data) + 200))


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
        area = f"{letter}2:{letter}{rows + 1}"
        if column.choices is not None:
            dv = DataValidation(type="list", formula1=column.choices.defined_name,
                                showErrorMessage=column.choices.strict)
        elif column.kind is Kind.TEACHER:
            dv = DataValidation(type="list", formula1=TEACHERS_NAME, showErrorMessage=False)
        elif column.kind is Kind.DATE:
            dv = DataValidation(type="date", operator="greaterThan", formula1="36526")  # 2000
        else:
            continue
        dv.error = t("dropdown_error", lang)
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
    names = f"{members}!${name_col}$2:${name_col}${MIN_VALIDATED_ROWS * 5}"
    wb.defined_names[TEACHERS_NAME] = DefinedName(TEACHERS_NAME, attr_text=names)
    return ws
