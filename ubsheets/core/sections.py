"""What summaries and reports produce: titled tables, pure data, in the workbook's language.

The adapters lay them out on sheets (``io/report_layout.py``); nothing here knows about cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal


@dataclass
class Section:
    key: str  # stable id: tests and --json refer to it
    title: str
    header: list[str]
    rows: list[list[Any]]
    total: bool = False  # the last row is a total (printed bold)
    chart: str | None = None  # "column": chart the rows as series over the header's columns
    empty: str | None = None  # what to print when there are no rows


@dataclass
class Document:
    """A whole sheet's content: title lines, sections, and lines to sign at the bottom."""

    key: str  # "summary", "report-2020-10-1", ...
    sheet: str  # the sheet's name
    title: list[str]
    sections: list[Section]
    signatures: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # "form": a few wide columns on portrait (the head's report); "grid": a label column and
    # narrow month columns, on landscape (summary). Either way a table that runs over a page
    # break is headed on the next page by its own header.
    layout: Literal["form", "grid"] = "form"
    counts: dict[str, int] = field(default_factory=dict)  # for --json
    lang: str = "ky"  # the workbook's language: page numbers and "continued" are printed in it
    notices: list[str] = field(default_factory=list)  # lines under the title, e.g. rows left out
