"""A1 references, the way Excel names cells and ranges. Pure text: no workbook involved."""

from __future__ import annotations

import re

_CELL_REF = re.compile(r"\$?([A-Z]{1,3})\$?([0-9]{1,7})")


def parse_cell_ref(ref: str) -> tuple[int, int]:
    """``"B3"`` -> (row 3, column 2), both 1-based."""
    match = _CELL_REF.fullmatch(ref.upper())
    if not match:
        raise ValueError(f"not a cell reference: {ref!r}")
    col = 0
    for letter in match.group(1):
        col = col * 26 + ord(letter) - 64
    return int(match.group(2)), col


def col_letter(col: int) -> str:
    """1 -> "A", 27 -> "AA"."""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def sheet_ref(sheet: str, ref: str) -> str:
    """``'Мүчөлөр'!D7``: a reference into a sheet, its name quoted as Excel requires."""
    return "'{}'!{}".format(sheet.replace("'", "''"), ref)
