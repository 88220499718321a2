"""Columns that several registers share, defined once."""

from __future__ import annotations

from ubsheets.schema import choices
from ubsheets.schema.base import Column, Kind, Label

L = Label


def teacher(key: str = "teacher", header: Label | None = None, *, required: bool = True,
            help: Label | None = None) -> Column:
    return Column(
        key, header or L("Мугалимдин аты-жөнү", "ФИО учителя", "Teacher"), Kind.TEACHER,
        help or L("Мүчөлөр барагындагыдай толук аты-жөнү (тизмеден тандаңыз).",
                  "ФИО как на листе «Состав МО» (выберите из списка).",
                  "Full name as on the members sheet (pick from the list)."),
        required=required, width=28)


def date(key: str = "date", header: Label | None = None, *, required: bool = True,
         help: Label | None = None) -> Column:
    return Column(
        key, header or L("Күнү", "Дата", "Date"), Kind.DATE,
        help or L("Күнү: КК.АА.ЖЖЖЖ, мисалы 15.10.2020.",
                  "Дата: ДД.ММ.ГГГГ, например 15.10.2020.",
                  "Date: DD.MM.YYYY, e.g. 15.10.2020."),
        required=required, width=12)


def klass(*, required: bool = True) -> Column:
    return Column(
        "class", L("Класс", "Класс", "Class"), Kind.CLASS,
        L("Класс: 1–11 жана кирилл тамгасы, мисалы 7-А.",
          "Класс: 1–11 и буква кириллицы, например 7-А.",
          "Class: grade 1-11 and a Cyrillic letter, e.g. 7-А."),
        required=required, width=8)


def subject(*, required: bool = True) -> Column:
    return Column(
        "subject", L("Предмет", "Предмет", "Subject"), Kind.TEXT,
        L("Предмет (тизмеден тандаңыз же жазыңыз).", "Предмет (выберите или впишите).",
          "Subject (pick or type)."),
        required=required, choices=choices.SUBJECTS, width=18)


def status() -> Column:
    return Column(
        "status", L("Абалы", "Статус", "Status"), Kind.CHOICE,
        L("Пландалган, өткөрүлгөн же жылдырылган.", "Запланировано, проведено или перенесено.",
          "Planned, held or moved."),
        required=True, choices=choices.STATUSES, width=14)


def note() -> Column:
    return Column(
        "note", L("Эскертүү", "Примечание", "Note"), Kind.TEXT,
        L("Кошумча маалымат (милдеттүү эмес).", "Дополнительно (необязательно).",
          "Anything else (optional)."),
        width=24)


def text(key: str, header: Label, help: Label, *, required: bool = False,
         width: float = 30) -> Column:
    return Column(key, header, Kind.TEXT, help, required=required, width=width)


def number(key: str, header: Label, help: Label, *, kind: Kind = Kind.INT,
           required: bool = False, min: float | None = None, max: float | None = None,
           width: float = 10, range_code: str = "out_of_range") -> Column:
    return Column(key, header, kind, help, required=required, min=min, max=max, width=width,
                  range_code=range_code)
