"""One parser per column kind: what a person typed (or Excel stored) → a clean typed value.

A parser raises ``CellProblem`` with a finding code and the parameters of its message; typing a
row (``core.rows``) collects them and the validator turns them into findings.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable

from ubsheets.core.normalize import LATIN_LOOKALIKES, clean_text, fold, is_blank
from ubsheets.schema.base import ChoiceList, Column, Kind

EXCEL_EPOCH = dt.date(1899, 12, 30)
# Digits are ASCII 0-9 throughout: Python's int() also reads Arabic-Indic or full-width digits,
# which Excel keeps as text.
_DATE_TEXT = re.compile(r"^([0-9]{1,2})[./-]([0-9]{1,2})[./-]([0-9]{2}|[0-9]{4})$")
_ISO_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:[ T].*)?$")
_TIME_TEXT = re.compile(r"^([0-9]{1,2})[:.]([0-9]{2})(?::[0-9]{2})?$")
_CLASS = re.compile(r"^([0-9]{1,2})\s*-?\s*(\w)$")
_INT_TEXT = re.compile(r"[0-9]+(?:[.,]0+)?")
# A number as a person writes one: a decimal comma or point, spaces between thousands
# ("1 000,5"). Not Python's float() syntax, which takes "1_5" as 15, "1e3" as 1000 and "inf" or
# "nan" as numbers: each of these in an hours column is a typo, not a number.
_NUMBER_TEXT = re.compile(
    r"[+-]?(?:(?:[0-9]{1,3}(?: [0-9]{3})+|[0-9]+)(?:[.,][0-9]*)?|[.,][0-9]+)")
_CYRILLIC_LETTER = re.compile(r"^[А-ЯЁӨҮҢ]$")
# A Latin letter typed for the Cyrillic one that looks the same (7-A for 7-А).
_TO_CYRILLIC = str.maketrans("ABCEHKMOPTXY", "АВСЕНКМОРТХУ")


class CellProblem(ValueError):
    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


def is_empty(value: object) -> bool:
    """Nothing there a person could see (a cell holding only a zero-width space is empty)."""
    return value is None or (isinstance(value, str) and is_blank(value))


def parse_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 2005 typed in a text column comes back from Excel as 2005.0
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.strftime("%d.%m.%Y")
    return clean_text(value)


def parse_int(value: object) -> int:
    if isinstance(value, bool):
        raise CellProblem("not_an_integer")
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and _INT_TEXT.fullmatch(text := clean_text(value)):
        return int(re.split(r"[.,]", text)[0])
    raise CellProblem("not_an_integer")


def parse_number(value: object) -> float:
    if isinstance(value, bool):
        raise CellProblem("not_a_number")
    if isinstance(value, int) or (isinstance(value, float) and math.isfinite(value)):
        return float(value)
    if isinstance(value, str) and _NUMBER_TEXT.fullmatch(text := clean_text(value)):
        return float(text.replace(" ", "").replace(",", "."))
    raise CellProblem("not_a_number")


def parse_year(value: object) -> int:
    if isinstance(value, dt.date):
        return value.year
    try:
        year = parse_int(value)
    except CellProblem:
        raise CellProblem("not_a_year") from None
    if not 1900 <= year <= 2100:
        raise CellProblem("not_a_year")
    return year


def parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value < 2958466:
        return EXCEL_EPOCH + dt.timedelta(days=int(value))  # a serial in a cell not formatted
    if isinstance(value, str):
        text = clean_text(value)
        try:
            if m := _DATE_TEXT.match(text):
                day, month, year = (int(g) for g in m.groups())
                return dt.date(year + 2000 if year < 100 else year, month, day)
            if m := _ISO_DATE.match(text):
                year, month, day = (int(g) for g in m.groups())
                return dt.date(year, month, day)
        except ValueError:
            pass
    raise CellProblem("not_a_date")


def parse_time(value: object) -> dt.time:
    if isinstance(value, dt.datetime):
        return value.time().replace(second=0, microsecond=0)
    if isinstance(value, dt.time):
        return value.replace(second=0, microsecond=0)
    if isinstance(value, dt.timedelta) and value < dt.timedelta(days=1):
        minutes = round(value.total_seconds() / 60)
        return dt.time(minutes // 60, minutes % 60)
    if isinstance(value, float) and 0 <= value < 1:
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60 % 24, minutes % 60)
    if isinstance(value, str) and (m := _TIME_TEXT.match(clean_text(value))):
        hours, minutes = int(m.group(1)), int(m.group(2))
        if hours < 24 and minutes < 60:
            return dt.time(hours, minutes)
    raise CellProblem("not_a_time")


def parse_class(value: object) -> str:
    """A class is a grade 1-11 and one Cyrillic letter, kept as "7-А"."""
    text = parse_text(value)
    m = _CLASS.match(text)
    if not m or not 1 <= int(m.group(1)) <= 11:
        raise CellProblem("bad_class")
    grade, letter = int(m.group(1)), m.group(2).upper()
    if letter in LATIN_LOOKALIKES or letter.lower() in LATIN_LOOKALIKES:
        raise CellProblem("latin_class_letter", letter=m.group(2),
                          suggestion=f"{grade}-{letter.translate(_TO_CYRILLIC)}")
    if not _CYRILLIC_LETTER.match(letter):
        raise CellProblem("bad_class")
    return f"{grade}-{letter}"


def parse_choice(value: object, choices: ChoiceList, lang: str) -> str:
    """The code of a dropdown value typed in any of the three languages (or the code itself)."""
    code = _codes_by_folded_label(choices).get(fold(parse_text(value)))
    if code is None:
        raise CellProblem("unknown_choice", allowed=", ".join(choices.labels(lang)))
    return code


_FOLDED_LABELS: dict[int, tuple[ChoiceList, dict[str, str]]] = {}


def _codes_by_folded_label(choices: ChoiceList) -> dict[str, str]:
    """Folded once per list: folding every label for every cell was a quarter of a report. The
    lists are told apart by identity (each is kept, so its id stays its own): hashing a frozen
    list, every label of it, for every cell cost as much as the folding had."""
    known = _FOLDED_LABELS.get(id(choices))
    if known is None:
        codes: dict[str, str] = {}
        for choice in choices.choices:
            for text in (choice.code, *choice.label.all()):
                codes.setdefault(fold(text), choice.code)
        known = _FOLDED_LABELS[id(choices)] = (choices, codes)
    return known[1]


def parser_for(column: Column, lang: str) -> Callable[[object], object]:
    """The parser of one column, range checks included."""
    if column.kind is Kind.CHOICE:
        assert column.choices is not None
        choices = column.choices
        return lambda value: parse_choice(value, choices, lang)
    parse = _PARSERS[column.kind]
    if column.min is None and column.max is None:
        return parse

    def parse_in_range(value: object) -> object:
        number = parse(value)
        assert isinstance(number, int | float), "min and max are set on number columns only"
        low = column.min if column.min is not None else float("-inf")
        high = column.max if column.max is not None else float("inf")
        if not low <= number <= high:
            code = column.range_code if column.max is not None else "below_minimum"
            raise CellProblem(code, min=_show(column.min), max=_show(column.max))
        return number

    return parse_in_range


def _show(limit: float | None) -> str:
    if limit is None:
        return "…"
    return str(int(limit)) if float(limit).is_integer() else str(limit)


_PARSERS: dict[Kind, Callable[[object], object]] = {
    Kind.TEXT: parse_text,
    Kind.TEACHER: parse_text,
    Kind.INT: parse_int,
    Kind.NUMBER: parse_number,
    Kind.YEAR: parse_year,
    Kind.DATE: parse_date,
    Kind.TIME: parse_time,
    Kind.CLASS: parse_class,
}
