"""LibreOffice, a real spreadsheet client, opens what we write, and what it saves validates the
same way.

Every workbook of this module goes through one LibreOffice start (``saved``): each start costs
a second or more."""

from __future__ import annotations

import copy
import subprocess
import sys
from pathlib import Path

import pytest
from builders import ROWS, check, findings_of, make_book
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook

from ubsheets import actions
from ubsheets.demo import write_demo
from ubsheets.io.reader import read_book

pytestmark = needs_libreoffice  # every test here is about what LibreOffice makes of our files


def with_mistakes():
    members = copy.deepcopy(ROWS["members"])
    members[1]["weekly_hours"] = 45
    lessons = copy.deepcopy(ROWS["open_lessons"])
    lessons[0]["class"] = "7-A"
    lessons[0]["date"] = "32.13.2020"
    return {"members": members, "open_lessons": lessons}


@pytest.fixture(scope="module")
def saved(tmp_path_factory, libreoffice) -> dict[str, tuple[Path, Path]]:
    """name -> (our workbook, the copy LibreOffice saved as .xlsx)."""
    folder = tmp_path_factory.mktemp("ours")
    books: dict[str, Path] = {}
    for lang in ("ky", "ru"):
        books[f"new-{lang}"] = actions.new_workbook(folder / f"new-{lang}.xlsm", lang,
                                                    year="2020-2021")
        books[f"book-{lang}"] = make_book(folder / f"book-{lang}.xlsx", lang, **with_mistakes())
    demo = write_demo(folder / "demo", schools=3)
    books["demo-ky"], books["demo-ru"] = demo[0], demo[2]  # school-01 (ky), school-03 (ru)
    validated = make_book(folder / "validated.xlsx", **with_mistakes())
    result = subprocess.run([sys.executable, "-m", "ubsheets", "validate", str(validated)],
                            capture_output=True, text=True)
    assert result.returncode == 1, result.stdout + result.stderr
    books["validated"] = validated
    copies = libreoffice(list(books.values()), "xlsx", tmp_path_factory.mktemp("lo"))
    return {name: (book, theirs) for (name, book), theirs in zip(books.items(), copies, strict=True)}


def assert_validates_the_same(book: Path, theirs: Path) -> None:
    ours, again = check(book), check(theirs)
    assert findings_of(again) == findings_of(ours)
    assert [f.message for f in again.issues] == [f.message for f in ours.issues]


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_new_workbook_opens_in_libreoffice(saved, lang):
    book, theirs = saved[f"new-{lang}"]
    ours = CalamineWorkbook.from_path(str(book)).sheet_names
    assert CalamineWorkbook.from_path(str(theirs)).sheet_names == ours
    assert check(theirs).errors == 0
    assert_validates_the_same(book, theirs)


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_a_copy_libreoffice_saved_validates_the_same(saved, lang):
    book, theirs = saved[f"book-{lang}"]
    assert_validates_the_same(book, theirs)
    assert [f.code for f in check(book).issues] == ["hours_out_of_range", "latin_class_letter",
                                                    "not_a_date"]


@pytest.mark.parametrize("school, lang, errors, warnings", [
    ("demo-ky", "ky", 5, 8),
    ("demo-ru", "ru", 5, 8),
])
def test_a_demo_workbook_libreoffice_saved_validates_the_same(saved, school, lang, errors,
                                                               warnings):
    """The demo's deliberate mistakes, found at the same cells with the same words."""
    book, theirs = saved[school]
    assert read_book(book).lang == lang
    report = check(book)
    assert (report.errors, report.warnings) == (errors, warnings)
    assert_validates_the_same(book, theirs)


def test_libreoffice_opens_a_workbook_after_validation_wrote_its_sheet(saved):
    book, theirs = saved["validated"]
    sheet = CalamineWorkbook.from_path(str(theirs)).get_sheet_by_name("Текшерүү").to_python()
    assert [row[2] for row in sheet[1:4]] == ["I4", "D3", "F3"]
    assert findings_of(check(theirs)) == findings_of(check(book))
