"""Workbooks far larger than the demo command makes, for ``bench_large.py`` (bench only: no CLI
option makes them).

* ``register_rows_book``: one demo school scaled until its registers hold ~``rows`` rows, each
  register in the demo's proportions (a tenth members, a quarter the activity log...).
* ``findings_book``: a school of that kind in which nearly every row carries one mistake, the
  kind a whole sheet gets when it is pasted from elsewhere: teachers' names typed in capitals in
  every register that names one (``unknown_teacher``, with "did you mean"), 45 weekly hours for
  every member (``hours_out_of_range``), a word for the attendance of every meeting
  (``not_an_integer``).

Both are written as ``ubsheets demo`` writes its workbooks (``build_workbook``/``save_workbook``,
openpyxl), without the validation sheet the demo command adds.

    python bench/large_books.py rows|findings PATH COUNT

builds one in a process of its own (the benchmark's own process stays small, see
``bench_large.py``) and prints what it built.
"""

from __future__ import annotations

import sys
from pathlib import Path

from baseline import describe

from ubsheets.demo import demo_school
from ubsheets.io.template import build_workbook, save_workbook
from ubsheets.schema import Kind, register

SAMPLE_MEMBERS = 1000  # the demo's rows per member are measured on a school of this size
NOT_A_NUMBER = "көп"  # what a head types for "many" in a column of numbers


def _rows_per_member() -> float:
    rows = demo_school(1, SAMPLE_MEMBERS, "ky").rows
    return sum(len(table) for table in rows.values()) / SAMPLE_MEMBERS


def members_for(rows: int) -> int:
    """Members of a demo school whose registers hold about ``rows`` rows."""
    return max(3, round(rows / _rows_per_member()))


def register_rows_book(path: Path, rows: int, lang: str = "ky") -> Path:
    """A demo school whose registers hold about ``rows`` rows."""
    school = demo_school(1, members_for(rows), lang)
    save_workbook(build_workbook(lang, school.settings, school.rows), path)
    return path


def findings_book(path: Path, findings: int, lang: str = "ky") -> Path:
    """A demo school with about ``findings`` findings: one mistake in nearly every row."""
    school = demo_school(1, members_for(findings), lang)
    for key, table in school.rows.items():
        teachers = [c.key for c in register(key).columns if c.kind is Kind.TEACHER]
        for row in table:
            for column in teachers:
                if row.get(column):
                    row[column] = str(row[column]).upper()
    for member in school.rows["members"]:
        member["weekly_hours"] = 45
    for meeting in school.rows["meetings"]:
        meeting["attended"] = NOT_A_NUMBER
    save_workbook(build_workbook(lang, school.settings, school.rows), path)
    return path



def main() -> None:
    kind, path, count = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3])
    {"rows": register_rows_book, "findings": findings_book}[kind](path, count)
    print(describe(path))
    if kind == "findings":
        from ubsheets.core.validate import validate
        from ubsheets.io.reader import read_book

        print(f"{path.name}: validate finds {len(validate(read_book(path)).issues):,} findings")


if __name__ == "__main__":
    main()
