"""The building blocks of a register definition.

A register is defined once (its columns, their types, headers in three languages, help texts and
dropdown choices); the template writer, the reader, the validator and the reports all derive from
that one definition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# How the workbook shows dates and times (the way Kyrgyz and Russian schools write them).
DATE_FORMAT = "DD.MM.YYYY"
TIME_FORMAT = "HH:MM"
DATETIME_FORMAT = f"{DATE_FORMAT} {TIME_FORMAT}"


@dataclass(frozen=True)
class Label:
    """One piece of user-facing text in Kyrgyz, Russian and English.

    ``old`` holds the texts earlier versions wrote (a renamed header, a corrected dropdown
    value): workbooks made then still have them, so the reader keeps recognising them; new
    workbooks get only the current text."""

    ky: str
    ru: str
    en: str
    old: tuple[str, ...] = ()

    def get(self, lang: str) -> str:
        return getattr(self, lang, self.en)

    def all(self) -> tuple[str, ...]:
        """Every text this label is recognised by when reading: the three languages, then the
        old texts."""
        return (self.ky, self.ru, self.en, *self.old)


class Kind(StrEnum):
    """What a column holds; each kind has one parser (``core.cells``)."""

    TEXT = "text"
    INT = "int"
    NUMBER = "number"
    DATE = "date"
    TIME = "time"
    YEAR = "year"
    CLASS = "class"  # a school class such as 7-А: grade 1-11 and a Cyrillic letter
    CHOICE = "choice"  # one of a fixed list (stored as its code)
    TEACHER = "teacher"  # a full name that must exist in the members register


@dataclass(frozen=True)
class Choice:
    code: str
    label: Label


@dataclass(frozen=True)
class ChoiceList:
    """A dropdown list. ``strict`` lists reject other values; others only suggest."""

    key: str
    choices: tuple[Choice, ...]
    strict: bool = True

    @property
    def defined_name(self) -> str:
        return f"ub_list_{self.key}"

    def labels(self, lang: str) -> list[str]:
        return [c.label.get(lang) for c in self.choices]

    def label_of(self, code: str, lang: str) -> str:
        for choice in self.choices:
            if choice.code == code:
                return choice.label.get(lang)
        raise KeyError(code)

    def label_or_value(self, value: object, lang: str) -> object:
        """A code shown as its label; anything else (a typo a user made) as it is."""
        for choice in self.choices:
            if choice.code == value:
                return choice.label.get(lang)
        return value


@dataclass(frozen=True)
class Column:
    key: str
    header: Label
    kind: Kind
    help: Label
    required: bool = False
    choices: ChoiceList | None = None
    min: float | None = None
    max: float | None = None
    width: float = 16
    range_code: str = "out_of_range"  # the finding code when a number is out of min..max


@dataclass(frozen=True)
class Register:
    """One register: one Excel Table on one sheet."""

    key: str
    sheet: Label
    title: Label  # the form's full title, as in the planning document
    table_name: str  # the Excel Table name (ASCII, unique in the workbook)
    columns: tuple[Column, ...]
    first_col: int = 1  # 1 = column A; lets two tables share the settings sheet
    prefill: tuple[dict[str, object], ...] = field(default=())  # rows a new workbook starts with

    def column(self, key: str) -> Column:
        for col in self.columns:
            if col.key == key:
                return col
        raise KeyError(key)
