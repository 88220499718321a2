"""Russian and English nouns agree with the number before them: «21 год», «22 года», «25 лет»."""

from __future__ import annotations

import copy

import pytest
from builders import ROWS, check, make_book

from ubsheets.i18n import t
from ubsheets.i18n.plural import render, ru_plural


@pytest.mark.parametrize("n, word", [
    (0, "лет"), (1, "год"), (2, "года"), (4, "года"), (5, "лет"), (11, "лет"), (12, "лет"),
    (14, "лет"), (21, "год"), (22, "года"), (25, "лет"), (101, "год"), (111, "лет"),
    (112, "лет"), (122, "года"),
])
def test_russian_years(n, word):
    assert ru_plural(n, "год", "года", "лет") == word


@pytest.mark.parametrize("template, params, text", [
    ("Стаж {value:год|года|лет}", {"value": 21}, "Стаж 21 год"),
    ("Стаж {value:год|года|лет}", {"value": 45.0}, "Стаж 45.0 лет"),  # shown as given
    ("Стаж {value:год|года|лет}", {"value": "3"}, "Стаж 3 года"),
    ("Стаж {low}–{high:год|года|лет}", {"low": 0, "high": 3}, "Стаж 0–3 года"),
    ("Стаж {low}–{high:год|года|лет}", {"low": 4, "high": 10}, "Стаж 4–10 лет"),
    ("не менее {years:года|лет|лет}", {"years": 1}, "не менее 1 года"),
    ("не менее {years:года|лет|лет}", {"years": 5}, "не менее 5 лет"),
    ("{value:year|years} of experience", {"value": 1}, "1 year of experience"),
    ("{value:year|years} of experience", {"value": 7}, "7 years of experience"),
    ("{value} ({n:>3})", {"value": "a", "n": 5}, "a (  5)"),  # other specs as str.format
])
def test_templates_ask_for_agreement_with_a_spec(template, params, text):
    assert render(template, **params) == text


@pytest.mark.parametrize("low, high, ru, ky", [
    (0, 3, "Стаж 0–3 года", "Стажы 0–3 жыл"),
    (4, 10, "Стаж 4–10 лет", "Стажы 4–10 жыл"),
    (11, 20, "Стаж 11–20 лет", "Стажы 11–20 жыл"),
])
def test_summary_experience_bands(low, high, ru, ky):
    assert t("experience_band", "ru", low=low, high=high) == ru
    assert t("experience_band", "ky", low=low, high=high) == ky


def test_the_open_band_agrees_with_its_first_year():
    assert t("experience_band_open", "ru", low=21) == "Стаж 21 год и более"
    assert t("experience_band_open", "ru", low=25) == "Стаж 25 лет и более"
    assert t("experience_band_open", "ky", low=21) == "Стажы 21 жыл жана андан көп"


def test_finding_messages_agree_with_the_value():
    assert t("experience_out_of_range", "ru", value=45, min=0, max=60) == \
        "Недопустимый стаж: 45 лет (допустимо 0–60)."
    assert t("experience_out_of_range", "ru", value=61, min=0, max=60) == \
        "Недопустимый стаж: 61 год (допустимо 0–60)."
    assert t("head_rule_experience", "ru", years=1) == "нужен стаж в образовании не менее 1 года."
    assert t("young_teacher_experienced", "ru", value=4, limit=3) == \
        "Стаж молодого специалиста — 4 года, а должен быть не более 3 лет."


def test_a_russian_workbooks_findings_agree_with_their_numbers(tmp_path):
    members = copy.deepcopy(ROWS["members"])
    members[1].update(experience=61, school_experience=2)
    members[2].update(experience=4, graduation_year=2012)  # a young teacher of four years
    report = check(make_book(tmp_path / "ru.xlsx", "ru", members=members))
    assert [(f.code, f.message) for f in report.issues] == [
        ("experience_out_of_range", "Недопустимый стаж: 61 год (допустимо 0–60)."),
        ("young_teacher_experienced",
         "Стаж молодого специалиста — 4 года, а должен быть не более 3 лет."),
    ]
