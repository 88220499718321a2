"""Rows written through the template read back equal: the schema, writer, reader and row
models agree on every column kind."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from builders import SETTINGS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ubsheets.core.rows import validate_row
from ubsheets.io.reader import read_book
from ubsheets.io.template import build_workbook, save_workbook
from ubsheets.schema import ALL_TABLES, SETTINGS_TABLE, Column, Kind, Register

WORDS = st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщъыьэюяңөүАБВГДҢӨҮabcXYZ0123456789-.,()«»=",
                min_size=1, max_size=12)
TEXT = st.lists(WORDS, min_size=1, max_size=4).map(" ".join)
CYRILLIC_CLASS_LETTERS = "АБВГДЕЖЗИКЛМНОПРСТУФ"


def cell_strategy(column: Column) -> st.SearchStrategy:
    low = column.min if column.min is not None else 0
    high = column.max if column.max is not None else 10_000
    kinds = {
        Kind.TEXT: TEXT, Kind.TEACHER: TEXT,
        Kind.INT: st.integers(int(low), int(high)),
        Kind.YEAR: st.integers(max(int(low), 1950), 2100),
        Kind.NUMBER: st.integers(int(low * 4), int(high * 4)).map(lambda q: q / 4),
        Kind.DATE: st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
        Kind.TIME: st.times().map(lambda t: t.replace(second=0, microsecond=0)),
        Kind.CLASS: st.tuples(st.integers(1, 11), st.sampled_from(CYRILLIC_CLASS_LETTERS))
                      .map(lambda g: f"{g[0]}-{g[1]}"),
        Kind.CHOICE: st.sampled_from([c.code for c in column.choices.choices])
                     if column.choices else st.nothing(),
    }
    value = kinds[column.kind]
    return value if column.required else st.one_of(st.none(), value)


def row_strategy(register: Register) -> st.SearchStrategy:
    return st.fixed_dictionaries({col.key: cell_strategy(col) for col in register.columns})


TABLES = [reg for reg in ALL_TABLES if reg is not SETTINGS_TABLE]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({reg.key: st.lists(row_strategy(reg), min_size=1, max_size=3)
                              for reg in TABLES}),
       st.sampled_from(["ky", "ru"]))
def test_rows_read_back_equal(rows, lang):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.xlsx"
        save_workbook(build_workbook(lang, SETTINGS, rows), path)
        book = read_book(path)
    for register in TABLES:
        table = book.tables[register.key]
        read = []
        for row in table.rows:
            values, problems = validate_row(register, lang, row.values)
            assert problems == []
            read.append(values)
        assert read == rows[register.key], register.key
