"""The year's work of a demo school, register by register, drawn from its staff (``people``) and
its words (``words``). Counts are set for ``BASE_MEMBERS`` members and scale with the school."""

from __future__ import annotations

import random
from collections.abc import Iterable
from datetime import date, time, timedelta

from ubsheets.demo.associations import LESSON_TOPICS
from ubsheets.demo.people import initials
from ubsheets.demo.school import School
from ubsheets.demo.school_year import (
    HOLIDAYS,
    SCHOOL_DAYS,
    SCHOOL_MONTHS,
    TODAY,
    WEEKDAYS,
    YEAR_END,
    half_months,
    near_school_day,
)
from ubsheets.demo.words import (
    CONTROL,
    COURSES,
    EVENT_KINDS,
    EVENTS,
    EXTRACURRICULAR,
    INSPECTIONS,
    LOG_NOTES,
    LOG_TOPICS,
    MEETINGS,
    PROVIDERS,
    RECOMMENDATIONS,
    RESULTS,
    SELF_EDUCATION,
    WEEKDAY_NAMES,
    WHERE,
)
from ubsheets.schema import REQUIRED_DOCUMENTS
from ubsheets.schema.choices import MONTHS, REPORT_FORMS

COURSE_DUE_YEAR = 2016  # a course or attestation of 2016 or before is due in 2021 (5 years)
_COURSE_DAYS_DONE = [d for d in WEEKDAYS if d.year == 2020 and d.month in (10, 11)] + [
    date(2020, 6, 15), date(2020, 8, 10)]
_DAYS_AHEAD = [d for d in WEEKDAYS if d >= TODAY]
_DOCUMENT_DATES = (date(2016, 8, 29), date(2020, 8, 28), date(2016, 8, 29), date(2020, 9, 1),
                   date(2020, 9, 1), date(2020, 9, 4), date(2020, 9, 4), date(2020, 9, 7),
                   date(2020, 9, 7), date(2020, 9, 10), date(2020, 9, 10), date(2020, 9, 14),
                   date(2020, 9, 4), date(2020, 5, 29))
_OFTEN_MISSING = (6, 7, 10, 12, 14)  # documents heads most often have not drawn up yet


def holidays(school: School) -> list[dict]:
    return [{"start": start, "end": end, "name": school.t(name)} for start, end, name in HOLIDAYS]


def self_education(school: School) -> list[dict]:
    rows = []
    for person in school.staff:
        month = school.rng.choice(SCHOOL_MONTHS[2:])
        day = near_school_day(date(2021 if month < "09" else 2020, int(month), 15))
        rows.append({"name": person.name, "topic": school.pick(SELF_EDUCATION),
                     "form": REPORT_FORMS.label_of(school.rng.choice(
                         ("report", "report", "message", "open_lesson", "seminar",
                          "master_class", "article")), school.lang),
                     "where_when": f"{school.pick(WHERE)}, "
                                   f"{MONTHS.label_of(month, school.lang).lower()}",
                     "date": day if day < TODAY else None})
    return rows


def open_lessons(school: School) -> list[dict]:
    rng, rows = school.rng, []
    for person in school.staff:
        for _ in range(rng.choice((1, 2, 2, 3))):
            subject = rng.choice(person.subjects)
            extra = rng.random() < 0.15
            day = rng.choice(SCHOOL_DAYS)
            status = _status(rng, past=day < TODAY)
            rows.append({"teacher": person.name, "subject": school.subject(subject),
                         "class": school.klass(subject),
                         "topic": school.pick(EXTRACURRICULAR if extra
                                              else LESSON_TOPICS[subject]),
                         "date": day, "extracurricular": "yes" if extra else "no",
                         "status": status,
                         "note": school.t(("Кийинки жумага жылдырылды",
                                           "Перенесён на следующую неделю"))
                         if status == "moved" else None})
    return _numbered(_distinct(sorted(rows, key=lambda r: r["date"])))


def events(school: School) -> list[dict]:
    """Events by month; three in ten have no day yet (the month is what the plan says)."""
    rng, rows = school.rng, []
    for month in SCHOOL_MONTHS:
        days = [d for d in WEEKDAYS if f"{d.month:02d}" == month]
        for _ in range(school.count(1, 3)):
            kind = rng.choice(EVENT_KINDS)
            day = rng.choice(days) if rng.random() < 0.7 else None
            past = day < TODAY if day else month in ("09", "10", "11", "12", "01", "02")
            status = _status(rng, past)
            rows.append({"kind": kind, "title": school.pick(EVENTS[kind]),
                         "responsible": school.anyone().name, "month": month, "date": day,
                         "status": status, "note": school.pick((
                             ("", ""), ("Мектептик деңгээлде", "На уровне школы"),
                             ("Райондук деңгээлде", "На уровне района")))})
    return _distinct(rows)


def activity_log(school: School) -> list[dict]:
    """Entries for each half-month before TODAY; half led by the head, attended by a count of
    teachers or by two or three named ones."""
    rng, rows = school.rng, []
    head = school.staff[0]
    for days in half_months(TODAY):
        for _ in range(school.count(2, 4)):
            responsible = head if rng.random() < 0.5 else school.anyone()
            if rng.random() < 0.5:
                size = min(school.members, 40)
                participants = school.teachers(rng.randint(max(1, size // 2), size))
            else:
                chosen = rng.sample(school.staff, min(len(school.staff), rng.randint(2, 3)))
                participants = ", ".join(initials(p.name) for p in chosen)
            rows.append({"topic": school.pick(LOG_TOPICS), "date": rng.choice(days),
                         "time": rng.choice((time(14, 0), time(15, 30))),
                         "responsible": responsible.name, "participants": participants,
                         "note": school.pick(LOG_NOTES) or None})
    return _numbered(_distinct(sorted(rows, key=lambda r: (r["date"], r["time"]))))


def control(school: School) -> list[dict]:
    rng, rows = school.rng, []
    autumn = [d for d in SCHOOL_DAYS if d.month in (9, 10)]
    for kind, (checked, findings) in CONTROL.items():
        for _ in range(school.count(1, 3)):
            day = rng.choice(autumn if kind == "retroactive" else SCHOOL_DAYS)
            person = school.anyone()
            done = day < TODAY
            rows.append({"date": day, "kind": kind,
                         "teacher": None if kind == "retroactive" else person.name,
                         "checked": school.pick(checked),
                         "class": school.klass(person.subjects[0])
                         if kind in ("observation", "written", "testing") else None,
                         "findings": school.pick(findings) if done else None,
                         "recommendation": school.pick(RECOMMENDATIONS) if done else None})
    return _distinct(sorted(rows, key=lambda r: r["date"]))


def documents(school: School) -> list[dict]:
    """The required documents, one or two of those often missing not drawn up yet."""
    missing = set(school.rng.sample(_OFTEN_MISSING, school.rng.choice((1, 2))))
    rows = []
    pairs = zip(REQUIRED_DOCUMENTS, _DOCUMENT_DATES, strict=True)
    for number, (label, day) in enumerate(pairs, start=1):
        absent = number in missing
        rows.append({"no": number, "document": label.get(school.lang),
                     "present": "missing" if absent else "present",
                     "date": None if absent else day,
                     "note": school.t(("Даярдалып жатат", "В работе")) if absent else None})
    return rows


def mentoring(school: School) -> list[dict]:
    """A mentor for each young teacher: a member of ten years or more, of the same subject where
    possible (the head if no one has ten years)."""
    experienced = [p for p in school.staff if p.role != "young" and p.experience >= 10]
    mentors = experienced or [school.staff[0]]
    rows = []
    for person in (p for p in school.staff if p.role == "young"):
        same = [m for m in mentors if set(m.subjects) & set(person.subjects)]
        mentor = school.rng.choice(same or mentors)
        rows.append({"young_teacher": person.name, "mentor": mentor.name,
                     "since": date(2020 - person.experience, 9, 1),
                     "note": school.pick((("Өз ара сабактарга катышуу", "Взаимопосещение уроков"),
                                          ("Сабакты пландоого жардам", "Помощь в планировании")))})
    return rows


def subject_weeks(school: School) -> list[dict]:
    """A week (Monday to Friday) for each subject taught, more in larger schools."""
    subjects = sorted({code for p in school.staff for code in p.subjects})
    mondays = [d for d in SCHOOL_DAYS if d.weekday() == 0 and d + timedelta(days=4) <= YEAR_END]
    rows = []
    for number in range(max(1, round(len(subjects) * school.factor))):
        subject = subjects[number % len(subjects)]
        start = school.rng.choice(mondays)
        teaching = [p for p in school.staff if subject in p.subjects] or school.staff
        rows.append({"subject": school.subject(subject), "start": start,
                     "end": start + timedelta(days=4),
                     "responsible": school.rng.choice(teaching).name,
                     "note": school.t(("Олимпиада, викторина, дубал гезит",
                                       "Олимпиада, викторина, стенгазета"))})
    return _distinct(sorted(rows, key=lambda r: r["start"]))


def clubs(school: School) -> list[dict]:
    rng, rows = school.rng, []
    low, high = school.association.grades
    for _ in range(school.count(3, 5)):
        grade = rng.randint(low, high - 1)
        weekday = rng.choice(WEEKDAY_NAMES)
        rows.append({"club": school.pick(school.association.clubs), "teacher": school.anyone().name,
                     "classes": rng.choice((f"{grade}-{grade + 1}", f"{grade}-А, {grade}-Б")),
                     "pupils": rng.randint(8, 25),
                     "schedule": f"{school.t(weekday)}, {rng.choice(('14:00', '15:00'))}"})
    return _distinct(rows)


def inspections(school: School, deputy: str) -> list[dict]:
    """Inspections by the deputy director, of a teacher or of the whole association."""
    rng, rows = school.rng, []
    role = school.t(("ОТИ боюнча орун басар", "зам. директора по УВР"))
    for _ in range(school.count(4, 6)):
        day = rng.choice(SCHOOL_DAYS)
        rows.append({"date": day, "topic": school.pick(INSPECTIONS),
                     "inspector": f"{initials(deputy)}, {role}",
                     "teacher": school.anyone().name if rng.random() < 0.6 else None,
                     "result": school.pick(RESULTS) if day < TODAY else None})
    return _distinct(sorted(rows, key=lambda r: r["date"]))


def courses(school: School) -> list[dict]:
    """Courses done in 2020 by those whose last course is 2020, and courses planned this spring
    for half of those due (the other half stays due: a warning the head should see)."""
    rng, rows = school.rng, []
    for person in school.staff:
        course, provider = school.pick(COURSES), school.pick(PROVIDERS)
        hours = rng.choice((36, 72, 72, 144))
        # Young teachers have had no course yet, so they are never also due.
        due = person.last_course is not None and person.last_course <= COURSE_DUE_YEAR
        if person.last_course == 2020 and rng.random() < 0.6:
            planned = done = rng.choice(_COURSE_DAYS_DONE)
        elif (due or person.role == "young") and rng.random() < 0.5:
            planned, done = rng.choice(_DAYS_AHEAD), None
        else:
            continue
        rows.append({"teacher": person.name, "course": course, "provider": provider,
                     "planned": planned, "done": done, "hours": hours})
    return sorted(rows, key=lambda r: r["planned"])


def meetings(school: School) -> list[dict]:
    """Five or six meetings a year for each BASE_MEMBERS teachers, numbered within each set."""
    rng, rows, seen = school.rng, [], set()
    sets = max(1, round(school.factor))
    size = min(200, max(1, round(school.members / sets)))
    for _ in range(sets):
        plan = list(MEETINGS)
        if rng.random() < 0.5:
            del plan[4]  # the April meeting, skipped half the time
        for number, (aimed, agenda, resolution) in enumerate(plan, start=1):
            aimed += timedelta(days=rng.randint(-4, 4))
            # The nearest school day without this agenda yet, else a repeated row (the calendar
            # runs out of days only beyond ~2000 members).
            day = _nearest_day((d for d in SCHOOL_DAYS if (d, agenda) not in seen), aimed)
            seen.add((day, agenda))
            held = day < TODAY
            rows.append({"no": number, "date": day, "agenda": school.t(agenda),
                         "resolution": (school.t(resolution) or None) if held else None,
                         "attended": rng.randint(max(1, size - 3), size) if held else None})
    return sorted(rows, key=lambda r: (r["date"], r["no"]))


def _nearest_day(days: Iterable[date], aimed: date) -> date:
    """The day nearest ``aimed``, the earlier of two as near; ``aimed`` itself when none is left."""
    return min(days, default=aimed, key=lambda day: (abs((day - aimed).days), day))


def _status(rng: random.Random, past: bool) -> str:
    """What became of a planned activity: held (one in ten moved) once its day has passed."""
    if not past:
        return "planned"
    return "moved" if rng.random() < 0.1 else "held"


def _distinct(rows: list[dict]) -> list[dict]:
    """Rows without repeats (the validator warns about a row typed twice)."""
    seen, kept = set(), []
    for row in rows:
        signature = tuple(value for key, value in row.items() if key != "no")
        if signature not in seen:
            seen.add(signature)
            kept.append(row)
    return kept


def _numbered(rows: list[dict]) -> list[dict]:
    return [{"no": number, **row} for number, row in enumerate(rows, start=1)]
