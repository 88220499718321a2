"""What the benchmarks share: the baseline they measure against and a workbook's description.

Kept apart from the benchmarks and from ubsheets, so that a child process running the baseline
loads nothing the baseline does not need; openpyxl and python-calamine are imported where they
are used, so that ``bench_large.py``'s own process, which only starts the others, stays small.
"""

from __future__ import annotations

import warnings
from pathlib import Path

BASELINE = "openpyxl load_workbook + save"


def openpyxl_load_save(path: Path) -> None:
    """The baseline: what regenerating through openpyxl would cost at the very least (and it
    loses parts of the user's file, see /work/shared/NOTES.md)."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Data Validation extension is not supported" and kin
        workbook = openpyxl.load_workbook(path)
    workbook.save(path)


def describe(path: Path) -> str:
    """"name: 0.57 MB, 16 sheets, 11,798 rows below the headers"."""
    from python_calamine import CalamineWorkbook

    book = CalamineWorkbook.from_path(str(path))
    rows = sum(max(len(book.get_sheet_by_name(n).to_python()) - 1, 0) for n in book.sheet_names)
    size = path.stat().st_size / 1024**2
    return f"{path.name}: {size:.2f} MB, {len(book.sheet_names)} sheets, {rows:,} rows below the headers"


if __name__ == "__main__":  # the baseline in a child process: python bench/baseline.py BOOK
    import sys

    openpyxl_load_save(Path(sys.argv[1]))
