"""The validation sheet: every finding as a row, its cell a link to the place in the register."""

from __future__ import annotations

from ubsheets.core.findings import Report
from ubsheets.i18n import t
from ubsheets.io.sheet_model import Cell, CellValue, SheetSpec, Style, sheet_ref
from ubsheets.schema.owned import VALIDATION_SHEET

_HEADER = Style(bold=True, color="FFFFFF", fill="1F4E78", border=True, wrap=True,
                valign="center")
_LINK = Style(color="0563C1", underline=True, border=True)
_TEXT = Style(border=True, wrap=True, valign="top")
_SEVERITY = {"error": Style(border=True, fill="F8CBAD", valign="top"),
             "warning": Style(border=True, fill="FFE699", valign="top")}
_COLUMNS = ("col_no", "col_sheet", "col_cell", "col_severity", "col_value", "col_message",
            "col_code")
_WIDTHS = (5, 22, 8, 13, 22, 70, 24)


def validation_sheet(report: Report, lang: str) -> SheetSpec:
    """The owned sheet for ``report``; nothing in it depends on the time it was made, so the
    same registers give the same sheet."""
    rows: list[list[Cell | CellValue]] = [[Cell(t(key, lang), _HEADER) for key in _COLUMNS]]
    # A sheet's name, a severity and a code repeat on every row: one cell each, shared (a Cell is
    # frozen), keeps 300,000 cell objects of 100,000 findings out of memory.
    shared: dict[tuple[str, str], Cell] = {
        ("severity", severity): Cell(t(f"severity_{severity}", lang), style)
        for severity, style in _SEVERITY.items()}

    def once(kind: str, text: str) -> Cell:
        cell = shared.get((kind, text))
        if cell is None:
            cell = shared[kind, text] = Cell(text, _TEXT)
        return cell

    for number, finding in enumerate(report.issues, start=1):
        rows.append([
            Cell(number, _TEXT),
            once("sheet", finding.sheet),
            Cell(finding.cell, _LINK, link=sheet_ref(finding.sheet, finding.cell)),
            shared["severity", finding.severity],
            Cell(_plain(finding.value), _TEXT),
            Cell(finding.message, _TEXT),
            once("code", finding.code),
        ])
    rows.append([])
    rows.append([Cell(t("validation_totals", lang, errors=report.errors,
                        warnings=report.warnings), Style(bold=True))])
    return SheetSpec(name=VALIDATION_SHEET.get(lang), rows=rows,
                     col_widths=list(_WIDTHS), freeze="A2",
                     autofilter=f"A1:G{len(report.issues) + 1}", landscape=True,
                     print_title_rows=(1, 1), tab_color="C00000" if report.errors else "70AD47")


def _plain(value: object) -> CellValue:
    return value if isinstance(value, str | int | float) or value is None else str(value)
