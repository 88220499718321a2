"""Invisible characters and no-break spaces: names compare without them, and the cell that holds
an invisible one is pointed at once (a zero-width space pasted after a member's name gave 26 false
"not on the members sheet" errors)."""

from __future__ import annotations

import copy
import sys
import unicodedata

import openpyxl
import pytest
from builders import HEAD, MEMBER, ROWS, check, findings_of, make_book

from ubsheets.core.normalize import INVISIBLE, clean_text, fold
from ubsheets.core.rules.invisible import excerpt
from ubsheets.core.summary import lessons_by_teacher
from ubsheets.core.validate import typed_context
from ubsheets.io.reader import read_book

M, OL = "Мүчөлөр", "Ачык сабактар"
ZWSP = "\u200b"


def renamed(register: str, index: int, key: str, name: str) -> dict:
    rows = copy.deepcopy(ROWS[register])
    rows[index][key] = name
    return {register: rows}


def test_zero_width_space_after_a_members_name_is_one_warning_at_its_cell(tmp_path):
    # The head is named without it on six other sheets and in the settings.
    report = check(make_book(tmp_path / "b.xlsx", **renamed("members", 0, "name", HEAD + ZWSP)))
    assert findings_of(report) == [(M, "A3", "invisible_character")]
    finding = report.issues[0]
    assert (finding.severity, finding.column, finding.value) == (
        "warning", "Аты-жөнү", HEAD + ZWSP)
    assert finding.message == (
        "«Асанова Айгүл Бакытовна[U+200B]» текстинде көрүнбөгөн белги (U+200B) бар: текшерүү "
        "аны эске албайт, бирок Excel үчүн (издөө, формулалар) бул башка текст. Уячаны тазалап, "
        "текстти кайра жазыңыз.")


def test_the_message_in_russian(tmp_path):
    report = check(make_book(tmp_path / "b.xlsx", "ru",
                             **renamed("members", 0, "name", HEAD + ZWSP)))
    assert findings_of(report) == [("Состав МО", "A3", "invisible_character")]
    assert report.issues[0].message == (
        "В тексте «Асанова Айгүл Бакытовна[U+200B]» есть невидимый символ (U+200B): проверка его "
        "пропускает, но для Excel (поиск, формулы) это уже другой текст. Очистите ячейку и "
        "введите текст заново.")


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2007"])
def test_a_no_break_space_between_words_matches_with_no_finding(tmp_path, space):
    name = HEAD.replace(" ", space)
    assert check(make_book(tmp_path / "b.xlsx", **renamed("members", 0, "name", name))).issues \
        == []


def test_no_break_space_in_a_note_is_not_reported(tmp_path):
    # Russian typography puts one between a number and its unit on purpose.
    note = {"note": "Катышкандар: 25\u00a0окуучу"}
    events = [{**ROWS["events"][0], **note}]
    assert check(make_book(tmp_path / "b.xlsx", events=events)).issues == []


def test_once_per_cell_whatever_it_holds(tmp_path):
    name = f"{ZWSP}Аса\u00adнова Айгүл{ZWSP} Бакытовна\ufeff"  # a soft hyphen from Word
    report = check(make_book(tmp_path / "b.xlsx", **renamed("members", 0, "name", name)))
    assert findings_of(report) == [(M, "A3", "invisible_character")]
    assert "«[U+200B]Аса[U+00AD]нова Айгүл[U+200B] Бакытовна[U+FEFF]» текстинде көрүнбөгөн белги " \
        "(U+200B) бар" in report.issues[0].message


def test_a_cell_holding_only_an_invisible_character_is_empty(tmp_path):
    report = check(make_book(tmp_path / "b.xlsx", **renamed("open_lessons", 0, "topic", ZWSP)))
    assert findings_of(report) == [(OL, "E3", "invisible_character"), (OL, "E3", "required")]


def test_a_number_with_an_invisible_character_is_still_the_number(tmp_path):
    report = check(make_book(tmp_path / "b.xlsx",
                             **renamed("members", 1, "weekly_hours", "18" + ZWSP)))
    assert findings_of(report) == [(M, "I4", "invisible_character")]


def test_a_repeated_member_is_a_duplicate_despite_the_character(tmp_path):
    members = [*copy.deepcopy(ROWS["members"]), {**ROWS["members"][0], "name": HEAD + ZWSP}]
    report = check(make_book(tmp_path / "b.xlsx", members=members))
    assert findings_of(report) == [(M, "A6", "duplicate_member"), (M, "A6", "invisible_character")]


def test_the_summary_counts_the_person_once(tmp_path):
    second = {**ROWS["open_lessons"][0], "no": 2, "teacher": MEMBER + ZWSP,
              "topic": "Сызыктуу функция"}
    path = make_book(tmp_path / "b.xlsx", open_lessons=[*ROWS["open_lessons"], second])
    context, findings = typed_context(read_book(path))
    assert [(f.sheet, f.cell, f.code) for f in findings] == [(OL, "B4", "invisible_character")]
    section = lessons_by_teacher(context)
    assert [(row[0], row[-1]) for row in section.rows] == [(MEMBER, 2), ("Бардыгы", 2)]


def test_a_header_with_an_invisible_character_is_recognised(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook[M]
    assert sheet["A2"].value == "Аты-жөнү"
    sheet["A2"] = "Аты-жөнү" + ZWSP
    workbook.save(path)
    assert check(path).issues == []


def test_a_long_note_is_shown_in_the_words_around_the_character():
    note = ("Биринчи жыйналышта жылдык план каралды жана" + ZWSP +
            " бекитилди; кийинки жыйналыш ноябрда болот.")
    assert excerpt(note) == "…план каралды жана[U+200B] бекитилди; кийинки жыйналыш…"
    assert excerpt(HEAD + ZWSP) == "Асанова Айгүл Бакытовна[U+200B]"


def test_fold_and_clean_text_drop_format_characters_and_read_no_break_spaces_as_spaces():
    assert fold(f"Аты-жөнү{ZWSP}\u00ad\u200e") == fold("Аты-жөнү")
    assert clean_text(f"Айгүл\u202fБакытовна{ZWSP}") == "Айгүл Бакытовна"


def test_the_list_of_format_characters_is_unicodes():
    """Every Cf character this Python knows is in the list; the list holds nothing else (a newer
    Unicode's additions are unassigned, Cn, in an older one)."""
    every = {chr(code) for code in range(sys.maxunicode + 1)
             if unicodedata.category(chr(code)) == "Cf"}
    assert every <= set(INVISIBLE)
    assert {unicodedata.category(ch) for ch in INVISIBLE} <= {"Cf", "Cn"}
