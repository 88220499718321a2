"""Validation: type every row with its register's parsers, then run the checks across registers."""

from __future__ import annotations

from collections.abc import Callable

from ubsheets.core.context import Context
from ubsheets.core.findings import Finding, Report
from ubsheets.core.rows import validate_row
from ubsheets.core.rules import RULES
from ubsheets.core.rules.invisible import invisible_cells
from ubsheets.core.settings import calendar_of, read_settings
from ubsheets.core.tables import Book, Row, Table
from ubsheets.schema import ALL_TABLES, SETTINGS_TABLE


def validate(book: Book) -> Report:
    return check_context(book, *typed_context(book))


def check_context(book: Book, context: Context, findings: list[Finding]) -> Report:
    """The rules across registers on a typed book, after its cell findings."""
    findings = [*findings, *(f for rule in RULES for f in rule(context))]
    return Report.of(sorted(findings, key=_position(book)))


def typed_context(book: Book) -> tuple[Context, list[Finding]]:
    """The book with every value typed, and the findings of single cells and settings.

    Summaries and reports start from here too, so they see exactly what validation saw."""
    findings: list[Finding] = list(book.findings)  # the reader's, found before any typing
    typed: dict[str, Table] = {}
    for key, table in book.tables.items():
        findings.extend(_missing_columns(table, book.lang))
        findings.extend(invisible_cells(table, book.lang))  # typing drops them: look first
        if table.register is SETTINGS_TABLE:
            typed[key] = table
            continue
        typed[key] = _typed_table(table, book.lang, findings)
    settings, setting_findings = read_settings(book.tables["settings"], book.lang)
    findings.extend(setting_findings)
    calendar = calendar_of(settings, typed["holidays"])
    return Context(book.lang, typed, settings, calendar), findings


def _typed_table(table: Table, lang: str, findings: list[Finding]) -> Table:
    typed = Table(table.register, table.sheet, table.header_line, table.columns, table.headers)
    for row in table.rows:
        values, problems = validate_row(table.register, lang, row.values)
        typed.rows.append(Row(row.line, values))
        findings.extend(table.finding(lang, code, key, row.line, row.values.get(key), **params)
                        for key, code, params in problems)
    return typed


def _missing_columns(table: Table, lang: str) -> list[Finding]:
    """A required column that is not on the sheet at all (renamed or deleted)."""
    return [table.finding(lang, "column_missing", col.key, table.header_line)
            for col in table.register.columns
            if col.required and col.key not in table.columns]


def _position(book: Book) -> Callable[[Finding], tuple[int, int, int, str, str]]:
    """The sort key of findings: sheets in the registers' order, then row, then column."""
    order = {reg.key: index for index, reg in enumerate(ALL_TABLES)}
    sheet_order: dict[str, int] = {}
    for key, table in book.tables.items():
        sheet_order.setdefault(table.sheet, order[key])

    def position(finding: Finding) -> tuple[int, int, int, str, str]:
        letters = "".join(ch for ch in finding.cell if ch.isalpha())
        return (sheet_order.get(finding.sheet, 99), finding.row, len(letters), letters,
                finding.code)

    return position
