"""Every validation rule: a workbook with one thing wrong, and the exact finding it gives."""

from __future__ import annotations

import copy
import datetime as dt

import openpyxl
import pytest
from builders import HEAD, MEMBER, ROWS, YOUNG, check, findings_of, make_book, with_row

D = dt.date


def changed(register: str, index: int, **values) -> dict:
    rows = copy.deepcopy(ROWS[register])
    rows[index].update(values)
    return {register: rows}


def without(register: str, index: int) -> dict:
    rows = copy.deepcopy(ROWS[register])
    del rows[index]
    return {register: rows}


M, OL = "Мүчөлөр", "Ачык сабактар"

CASES = {
    "hours over 40": (changed("members", 1, weekly_hours=45), [(M, "I4", "hours_out_of_range")]),
    "hours high": (changed("members", 1, weekly_hours=33), [(M, "I4", "hours_high")]),
    "hours not a number": (changed("members", 1, weekly_hours="он сегиз"),
                           [(M, "I4", "not_a_number")]),
    # Python's float() and int() syntax is not a number a person types: digit separators,
    # exponents, infinities. A decimal comma and spaces between thousands are.
    "hours 1_5": (changed("members", 1, weekly_hours="1_5"), [(M, "I4", "not_a_number")]),
    "hours 1e1": (changed("members", 1, weekly_hours="1e1"), [(M, "I4", "not_a_number")]),
    "hours inf": (changed("members", 1, weekly_hours="inf"), [(M, "I4", "not_a_number")]),
    "hours nan": (changed("members", 1, weekly_hours="nan"), [(M, "I4", "not_a_number")]),
    "hours 1 8": (changed("members", 1, weekly_hours="1 8"), [(M, "I4", "not_a_number")]),
    "hours 18,5": (changed("members", 1, weekly_hours="18,5"), []),
    "hours 18.5 with spaces": (changed("members", 1, weekly_hours=" 18.5 "), []),
    "experience 1_0": (changed("members", 1, experience="1_0"), [(M, "G4", "not_an_integer")]),
    "experience full-width": (changed("members", 1, experience="１０"),
                              [(M, "G4", "not_an_integer")]),
    "experience 10,0": (changed("members", 1, experience="10,0"), []),
    "pupils 1e1": (changed("clubs", 0, pupils="1e1"), [("Кружоктор", "D3", "not_an_integer")]),
    "experience 75": (changed("members", 1, experience=75, school_experience=2),
                      [(M, "G4", "experience_out_of_range")]),
    "experience not whole": (changed("members", 1, experience="10,5"),
                             [(M, "G4", "not_an_integer")]),
    "school exceeds total": (changed("members", 1, school_experience=12),
                             [(M, "H4", "school_experience_exceeds_total")]),
    "experience before graduation": (changed("members", 1, graduation_year=2015),
                                     [(M, "G4", "experience_exceeds_graduation")]),
    "graduation in future": (changed("members", 1, graduation_year=2022),
                             [(M, "F4", "graduation_in_future")]),
    "graduation not a year": (changed("members", 1, graduation_year="эки миң"),
                              [(M, "F4", "not_a_year")]),
    "graduated in 1940": (changed("members", 1, graduation_year=1940),
                          [(M, "F4", "below_minimum")]),
    "head with 3 years": (changed("members", 0, experience=3, school_experience=3),
                          [(M, "G3", "head_not_qualified")]),
    "head without higher education": (changed("members", 0, education="vocational"),
                                      [(M, "D3", "head_not_qualified")]),
    "no head": (changed("members", 0, role="member"), [(M, "C2", "head_missing")]),
    "unknown role": (changed("members", 1, role="директор"), [(M, "C4", "unknown_choice")]),
    "young teacher with 6 years": (changed("members", 2, experience=6, graduation_year=2012),
                                   [(M, "G5", "young_teacher_experienced")]),
    "course overdue": (changed("members", 1, last_course_year=2015),
                       [(M, "J4", "course_overdue")]),
    "no course ever": (changed("members", 1, last_course_year=None),
                       [(M, "J4", "course_never")]),
    "attestation overdue": (changed("members", 1, attestation_year=2015),
                            [(M, "K4", "attestation_overdue")]),
    "member listed twice": (with_row("members"), [(M, "A6", "duplicate_member")]),
    "no self-education topic": (without("self_education", 2),
                                [(M, "A5", "no_self_education_topic")]),
    "latin class letter": (changed("open_lessons", 0, **{"class": "7-A"}),
                           [(OL, "D3", "latin_class_letter")]),
    "grade 12": (changed("open_lessons", 0, **{"class": "12-А"}), [(OL, "D3", "bad_class")]),
    "class without letter": (changed("open_lessons", 0, **{"class": "7"}),
                             [(OL, "D3", "bad_class")]),
    "unknown teacher": (changed("open_lessons", 0, teacher="Токтогулов Нурлан"),
                        [(OL, "B3", "unknown_teacher")]),
    "open lesson in holidays": (changed("open_lessons", 0, date=D(2021, 1, 5)),
                                [(OL, "F3", "date_in_holiday")]),
    "open lesson in July": (changed("open_lessons", 0, date=D(2021, 7, 1)),
                            [(OL, "F3", "date_outside_year")]),
    "not a date": (changed("open_lessons", 0, date="32.13.2020"), [(OL, "F3", "not_a_date")]),
    "topic missing": (changed("open_lessons", 0, topic=None), [(OL, "E3", "required")]),
    "log dated 2002": (changed("activity_log", 0, date=D(2002, 9, 3)),
                       [("Аткарылган иштер", "C3", "date_outside_year")]),
    "not a time": (changed("activity_log", 0, time="25:00"),
                   [("Аткарылган иштер", "D3", "not_a_time")]),
    "event twice": (with_row("events"), [("Иш-чаралар", "A4", "duplicate_row")]),
    "month against date": (changed("events", 0, month="11"),
                           [("Иш-чаралар", "D3", "month_mismatch")]),
    "subject week backwards": (changed("subject_weeks", 0, end=D(2021, 2, 1)),
                               [("Предметтик жумалыктар", "C3", "end_before_start")]),
    "mentor is the young teacher": (changed("mentoring", 0, mentor=YOUNG),
                                    [("Насаатчылык", "B3", "mentor_is_young_teacher")]),
    "document missing": (changed("documents", 3, present="missing"),
                         [("Иш кагаздары", "C6", "document_missing")]),
    "control kind unknown": (changed("control", 0, kind="7. Башка"),
                             [("Көзөмөл", "B3", "unknown_choice")]),
    "club of 500 pupils": (changed("clubs", 0, pupils=500), [("Кружоктор", "D3", "out_of_range")]),
}


@pytest.mark.parametrize("name", CASES)
def test_rule_gives_exactly_its_finding(tmp_path, name):
    changes, expected = CASES[name]
    report = check(make_book(tmp_path / "book.xlsx", **changes))
    assert findings_of(report) == expected


def test_the_valid_association_has_no_findings(tmp_path):
    assert check(make_book(tmp_path / "book.xlsx")).issues == []


SETTINGS_CASES = {
    "year ends before it starts": ({"year_end": D(2020, 5, 25)},
                                   [("Жөндөөлөр", "B12", "year_end_before_start")]),
    "head is not a member": ({"head": "Белгисиз Адам"}, [("Жөндөөлөр", "B6", "head_not_member")]),
    "year start missing": ({"year_start": None}, [("Жөндөөлөр", "B11", "setting_required")]),
    "year end typed as 2201": ({"year_end": D(2201, 5, 25)},
                               [("Жөндөөлөр", "B12", "year_too_long")]),
    "school missing": ({"school": None}, [("Жөндөөлөр", "B3", "setting_missing")]),
}


@pytest.mark.parametrize("name", SETTINGS_CASES)
def test_settings_rules(tmp_path, name):
    settings, expected = SETTINGS_CASES[name]
    report = check(make_book(tmp_path / "book.xlsx", settings=settings))
    assert findings_of(report) == expected


def test_course_planned_this_year_is_not_overdue(tmp_path):
    courses = ROWS["courses"] + [{"teacher": MEMBER, "course": "Математика", "planned":
                                  D(2021, 3, 22)}]
    report = check(make_book(tmp_path / "b.xlsx", courses=courses,
                             **changed("members", 1, last_course_year=2015)))
    assert findings_of(report) == []


def test_course_completed_in_courses_register_counts(tmp_path):
    courses = ROWS["courses"] + [{"teacher": MEMBER, "course": "Алгебра", "done": D(2020, 6, 1)}]
    report = check(make_book(tmp_path / "b.xlsx", courses=courses,
                             **changed("members", 1, last_course_year=2012)))
    assert findings_of(report) == []


def test_messages_are_in_the_workbooks_language(tmp_path):
    ky = check(make_book(tmp_path / "ky.xlsx", **changed("members", 1, weekly_hours=45)))
    ru = check(make_book(tmp_path / "ru.xlsx", "ru", **changed("members", 1, weekly_hours=45)))
    assert [(f.sheet, f.cell, f.column, f.message) for f in ky.issues] == [
        ("Мүчөлөр", "I4", "Жумалык саат", "Жумалык саат 45 болушу мүмкүн эмес: 1–40 саат.")]
    assert [(f.sheet, f.cell, f.column, f.message) for f in ru.issues] == [
        ("Состав МО", "I4", "Нагрузка (ч/нед)",
         "Нагрузка 45 ч в неделю невозможна: допустимо 1–40 ч.")]


def test_latin_letter_message_suggests_the_cyrillic_class(tmp_path):
    report = check(make_book(tmp_path / "b.xlsx", **changed("open_lessons", 0,
                                                            **{"class": "7-A"})))
    assert report.issues[0].message == (
        "Класстын аталышында («7-A») латын «A» тамгасы бар: кирилл тамгасы менен «7-А» деп "
        "жазыңыз.")


def test_misspelt_teacher_gets_a_suggestion(tmp_path):
    typo = MEMBER.replace("о", "o", 1)  # a Latin "o" typed for the Cyrillic one
    report = check(make_book(tmp_path / "b.xlsx", **changed("open_lessons", 0, teacher=typo)))
    assert findings_of(report) == [(OL, "B3", "unknown_teacher")]
    assert report.issues[0].message == f"«{typo}» Мүчөлөр барагында жок. Балким: «{MEMBER}»?"


def test_mixed_script_member_name_is_flagged(tmp_path):
    name = "Aсанова Айгүл Бакытовна"  # Latin A
    # The head under that name everywhere, so the one finding left is about the name itself.
    rows = {key: [{k: name if v == HEAD else v for k, v in row.items()} for row in register]
            for key, register in ROWS.items()}
    report = check(make_book(tmp_path / "b.xlsx", settings={"head": name}, **rows))
    assert findings_of(report) == [(M, "A3", "mixed_script")]
    assert report.issues[0].message == (
        "«Aсанова Айгүл Бакытовна» атында латын тамгасы бар: башка барактардагы аты менен дал "
        "келбей калат.")


def test_out_of_range_message_names_the_bounds(tmp_path):
    report = check(make_book(tmp_path / "b.xlsx", **changed("clubs", 0, pupils=500)))
    assert [(f.column, f.value, f.severity, f.message) for f in report.issues] == [
        ("Окуучулардын саны", 500, "error", "500 туура эмес: 1 – 100 аралыгында болушу керек.")]


def test_a_setting_the_template_does_not_know_is_flagged(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    workbook = openpyxl.load_workbook(path)
    sheet = workbook["Жөндөөлөр"]
    assert sheet["A14"].value == "Аттестациянын мөөнөтү (жыл)" and sheet["A15"].value is None
    sheet["A15"], sheet["B15"] = "Телефон", "0312 123456"  # a row the user added
    workbook.save(path)
    report = check(path)
    assert findings_of(report) == [("Жөндөөлөр", "A15", "unknown_setting")]
    assert (report.issues[0].severity, report.issues[0].message) == (
        "warning", "Белгисиз параметр «Телефон»: параметрлердин аттарын өзгөртпөңүз.")
