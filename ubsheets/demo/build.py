"""One demo school: its settings, the rows of every register and its deliberate mistakes, from
``random.Random(seed + index)`` alone, so the same arguments give the same school."""

from __future__ import annotations

import random
from dataclasses import dataclass

from ubsheets.demo import people, registers
from ubsheets.demo.associations import ASSOCIATIONS, THEMES
from ubsheets.demo.mistakes import MISTAKES_FROM_MEMBERS, Mistake, add_mistakes
from ubsheets.demo.places import school_name
from ubsheets.demo.school import School
from ubsheets.demo.school_year import YEAR_END, YEAR_START
from ubsheets.schema.settings import DEPUTY_ROLE


@dataclass
class DemoSchool:
    settings: dict
    rows: dict[str, list[dict]]
    mistakes: list[Mistake]
    lang: str = "ky"


def demo_school(index: int, members: int = 12, lang: str = "ky", seed: int = 2020) -> DemoSchool:
    """One demo school (its settings, register rows and deliberate mistakes), deterministic.

    The draws follow the order below: the association, the school's name, the director and the
    deputy, the members, each register in turn, then the theme."""
    rng = random.Random(seed + index)
    school = School(rng, lang, max(1, members), rng.choice(ASSOCIATIONS))
    name, district = school_name(rng, index, seed, lang)
    names = people.Names(rng, lang)
    director, deputy = names.person(), names.person()
    rows: dict[str, list[dict]] = {
        "holidays": registers.holidays(school),
        "members": people.members(school, names),
        "self_education": registers.self_education(school),
        "open_lessons": registers.open_lessons(school),
        "events": registers.events(school),
        "activity_log": registers.activity_log(school),
        "control": registers.control(school),
        "documents": registers.documents(school),
        "mentoring": registers.mentoring(school),
        "subject_weeks": registers.subject_weeks(school),
        "clubs": registers.clubs(school),
        "inspections": registers.inspections(school, deputy),
        "courses": registers.courses(school),
        "meetings": registers.meetings(school),
    }
    settings = {"school": name, "district": district,
                "association": school.t(school.association.name), "head": school.staff[0].name,
                "deputy": deputy, "deputy_role": DEPUTY_ROLE.get(lang), "director": director,
                "theme": school.pick(THEMES), "year_start": YEAR_START, "year_end": YEAR_END,
                "course_period": 5, "attestation_period": 5}
    mistakes = add_mistakes(rows) if members >= MISTAKES_FROM_MEMBERS else []
    return DemoSchool(settings, rows, mistakes, lang)
