"""Workbooks built in code for the tests: a small valid association, changed one thing at a time."""

from __future__ import annotations

import copy
import datetime as dt
import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import Any

from ubsheets.core.findings import Report
from ubsheets.core.validate import validate
from ubsheets.io.reader import read_book
from ubsheets.io.template import build_workbook, save_workbook
from ubsheets.schema import REQUIRED_DOCUMENTS

D = dt.date

SETTINGS: dict[str, Any] = {
    "school": "Ильич атындагы орто мектеп", "district": "Чүй району",
    "association": "Математика жана информатика", "head": "Асанова Айгүл Бакытовна",
    "deputy": "Токтогулова Нургүл", "director": "Мамункулова А.Т.",
    "theme": "Сабактын сапатын жогорулатуу", "year_start": D(2020, 9, 1),
    "year_end": D(2021, 5, 25), "course_period": 5, "attestation_period": 5,
}
HEAD, MEMBER, YOUNG = "Асанова Айгүл Бакытовна", "Токтогулов Нурлан Маратович", "Эркинова Жаңыл"


def _member(name: str, role: str, experience: int, graduated: int, **more: Any) -> dict:
    return {"name": name, "subject": "Математика", "role": role, "education": "higher",
            "university": "КМУ", "graduation_year": graduated, "experience": experience,
            "school_experience": min(experience, 4), "weekly_hours": 18,
            "last_course_year": 2019, "attestation_year": 2018, "category": "first", **more}


ROWS: dict[str, list[dict[str, Any]]] = {
    "holidays": [{"start": D(2020, 12, 30), "end": D(2021, 1, 12), "name": "Кышкы каникул"}],
    "members": [
        _member(HEAD, "head", 20, 2000),
        _member(MEMBER, "member", 10, 2010),
        _member(YOUNG, "young", 1, 2019, last_course_year=None, attestation_year=None,
                category="none"),
    ],
    "self_education": [{"name": n, "topic": "Интерактивдүү ыкмалар", "form": "доклад",
                        "where_when": "УБнын жыйналышы, март"} for n in (HEAD, MEMBER, YOUNG)],
    "open_lessons": [{"no": 1, "teacher": MEMBER, "subject": "Алгебра", "class": "7-А",
                      "topic": "Квадраттык теңдемелер", "date": D(2020, 10, 15),
                      "extracurricular": "no", "status": "held"}],
    "events": [{"kind": "seminar", "title": "Функционалдык сабаттуулук", "responsible": HEAD,
                "month": "10", "date": D(2020, 10, 20), "status": "held"}],
    "activity_log": [{"no": 1, "topic": "УБнын биринчи жыйналышы", "date": D(2020, 9, 3),
                      "time": dt.time(14, 0), "responsible": HEAD, "participants": "6 мугалим"}],
    "control": [{"date": D(2020, 11, 12), "kind": "observation", "teacher": YOUNG,
                 "checked": "Сабакка катышуу", "class": "5-Б", "findings": "Жакшы"}],
    "documents": [{"no": i, "document": label, "present": "present", "date": D(2020, 9, 1)}
                  for i, label in enumerate(REQUIRED_DOCUMENTS, start=1)],
    "mentoring": [{"young_teacher": YOUNG, "mentor": MEMBER, "since": D(2020, 9, 1)}],
    "subject_weeks": [{"subject": "Математика", "start": D(2021, 2, 8), "end": D(2021, 2, 13),
                       "responsible": MEMBER}],
    "clubs": [{"club": "Жаш математик", "teacher": MEMBER, "classes": "5-7", "pupils": 15}],
    "inspections": [{"date": D(2020, 12, 10), "topic": "Журналдарды текшерүү",
                     "inspector": "Токтогулова Нургүл", "teacher": MEMBER}],
    "courses": [{"teacher": HEAD, "course": "Санариптик сабаттуулук", "provider": "КББА",
                 "done": D(2020, 8, 20), "hours": 72}],
    "meetings": [{"no": 1, "date": D(2020, 9, 3), "agenda": "Жылдык план",
                  "resolution": "Бекитилсин", "attended": 6}],
}


def make_book(path: Path, lang: str = "ky", settings: dict | None = None,
              **changes: list[dict[str, Any]]) -> Path:
    """The valid association in ``lang`` with some registers replaced by ``changes``."""
    rows = copy.deepcopy(ROWS)
    rows.update(changes)
    save_workbook(build_workbook(lang, {**SETTINGS, **(settings or {})}, rows), path)
    return path


def with_row(register: str, **values: Any) -> dict[str, list[dict[str, Any]]]:
    """The register's valid rows plus one more, built from its first row and ``values``."""
    rows = copy.deepcopy(ROWS[register])
    rows.append({**rows[0], **values})
    return {register: rows}


def errors_of(report: Report) -> list[tuple[str, str, str]]:
    return [(f.sheet, f.cell, f.code) for f in report.issues if f.severity == "error"]


def findings_of(report: Report) -> list[tuple[str, str, str]]:
    return [(f.sheet, f.cell, f.code) for f in report.issues]


def check(path: Path) -> Report:
    return validate(read_book(path))


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A tiny real PNG (no Pillow needed): a picture for the user's workbooks."""
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    pixels = b"".join(b"\x00" + b"\x20\x80\xff" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(pixels))
            + chunk(b"IEND", b""))


def entries(data: bytes | Path) -> dict[str, bytes]:
    """Zip entry name -> uncompressed bytes, in the zip's order."""
    with zipfile.ZipFile(data if isinstance(data, Path) else io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def load_with_vba(path: Path) -> Any:
    """``openpyxl.load_workbook(path, keep_vba=True)``, for reading: openpyxl keeps the package's
    other parts in an archive it never closes (``vba_archive``, a ZipFile on a BytesIO), which the
    collector then finalises after its buffer and reports as an ignored exception. Closed here."""
    import openpyxl

    book = openpyxl.load_workbook(path, keep_vba=True)
    book.vba_archive.close()
    return book


def assert_buttons_bound(ods: Path, buttons: Any, lang: str) -> None:
    """LibreOffice's save (.ods) of a workbook with the home sheet's ``buttons``: one form button
    each, its caption in ``lang``, bound to its Sub of macros/ubsheets.bas."""
    import re

    from ubsheets.i18n import t

    with zipfile.ZipFile(ods) as package:
        content = package.read("content.xml").decode()
    found = re.findall(r"<form:button\b.*?</form:button>", content, re.S)
    assert len(found) == len(buttons), ods.name
    for button in buttons:
        labelled = [b for b in found if f'form:label="{t(button.caption, lang)}"' in b]
        assert labelled and f"VBAProject.UbSheets.{button.macro}" in labelled[0], (ods.name, button.macro)
