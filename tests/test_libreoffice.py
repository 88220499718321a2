"""LibreOffice, a real spreadsheet client, opens what we write, and what it saves validates the
same way."""

from __future__ import annotations

import copy
import subprocess
import sys

from builders import ROWS, check, findings_of, make_book
from conftest import needs_libreoffice
from python_calamine import CalamineWorkbook


def with_mistakes():
    members = copy.deepcopy(ROWS["members"])
    members[1]["weekly_hours"] = 45
    lessons = copy.deepcopy(ROWS["open_lessons"])
    lessons[0]["class"] = "7-A"
    lessons[0]["date"] = "32.13.2020"
    return {"members": members, "open_lessons": lessons}


@needs_libreoffice
def test_new_workbook_opens_in_libreoffice(tmp_path, libreoffice):
    for lang in ("ky", "ru"):
        book = tmp_path / f"new-{lang}.xlsm"
        result = subprocess.run([sys.executable, "-m", "ubsheets", "new", str(book), "--lang",
                                 lang], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        saved = libreoffice(book, "xlsx", tmp_path / "lo")
        ours = CalamineWorkbook.from_path(str(book)).sheet_names
        assert CalamineWorkbook.from_path(str(saved)).sheet_names == ours
        assert check(saved).errors == 0


@needs_libreoffice
def test_a_copy_libreoffice_saved_validates_the_same(tmp_path, libreoffice):
    for lang in ("ky", "ru"):
        book = make_book(tmp_path / f"book-{lang}.xlsx", lang, **with_mistakes())
        saved = libreoffice(book, "xlsx", tmp_path / "lo")
        ours, theirs = check(book), check(saved)
        assert findings_of(theirs) == findings_of(ours)
        assert [f.message for f in theirs.issues] == [f.message for f in ours.issues]
        assert len(ours.issues) == 3


@needs_libreoffice
def test_libreoffice_opens_a_workbook_after_validation_wrote_its_sheet(tmp_path, libreoffice):
    book = make_book(tmp_path / "book.xlsx", **with_mistakes())
    result = subprocess.run([sys.executable, "-m", "ubsheets", "validate", str(book)],
                            capture_output=True, text=True)
    assert result.returncode == 1
    saved = libreoffice(book, "xlsx", tmp_path / "lo")
    sheet = CalamineWorkbook.from_path(str(saved)).get_sheet_by_name("Текшерүү").to_python()
    assert [row[2] for row in sheet[1:4]] == ["I3", "D2", "F2"]
    assert findings_of(check(saved)) == findings_of(check(book))
