"""The rows that summaries and reports count: a row validation found an error in, and the repeat
of a row typed twice, are left out, so the printed figures never count a misspelt teacher as a
second person or one event twice. How many were left out is said on the printed sheet itself."""

from __future__ import annotations

from dataclasses import replace

from ubsheets.core.context import Context
from ubsheets.core.findings import Finding, Report
from ubsheets.schema import SETTINGS_TABLE

# Not an error, but counting it would count one thing twice (the first of the two stays).
_LEFT_OUT_WARNINGS = {"duplicate_row"}


def counted(ctx: Context, report: Report) -> tuple[Context, int]:
    """``ctx`` without the rows to leave out, and how many rows that is. The settings and the
    holidays frame the year and are read as they are."""
    wrong = {(f.sheet, f.row) for f in report.issues if _leaves_row_out(f)}
    tables, left_out = {}, 0
    for key, table in ctx.tables.items():
        if table.register is SETTINGS_TABLE or key == "holidays":
            tables[key] = table
            continue
        kept = [row for row in table.rows if (table.sheet, row.line) not in wrong]
        left_out += len(table.rows) - len(kept)
        tables[key] = replace(table, rows=kept)
    return replace(ctx, tables=tables), left_out


def _leaves_row_out(finding: Finding) -> bool:
    return finding.severity == "error" or finding.code in _LEFT_OUT_WARNINGS
