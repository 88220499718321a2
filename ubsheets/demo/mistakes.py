"""The deliberate mistakes of a demo school: the same in every school with at least
``MISTAKES_FROM_MEMBERS`` members, each in a row that is otherwise valid, so a teacher sees what
the check finds and tests can rely on them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ubsheets.demo.people import initials
from ubsheets.demo.school_year import HOLIDAYS
from ubsheets.demo.words import KYRGYZ_LETTERS, TO_RUSSIAN_SPELLING
from ubsheets.schema.base import Label

MISTAKES_FROM_MEMBERS = 8
HOLIDAY_MISTAKE_DAY = date(2020, 11, 5)  # in the autumn break


@dataclass(frozen=True)
class Mistake:
    """A deliberate mistake: the register it is in, the finding code it must give, and what a
    teacher should see in it."""

    register: str
    code: str
    what: Label


def add_mistakes(rows: dict[str, list[dict]]) -> list[Mistake]:
    """The same mistakes in every school, each in a row that is otherwise right."""
    return [
        _hours_mistake(rows["members"][3]),
        _school_experience_mistake(rows["members"][5]),
        _self_education_mistake(rows, rows["members"][6]["name"]),
        _latin_class_mistake(rows["open_lessons"][1]),
        _holiday_mistake(rows["open_lessons"]),
        _teacher_name_mistake(rows["open_lessons"]),
        _old_year_mistake(rows["activity_log"][2]),
        _duplicate_mistake(rows["events"], 2),
    ]


def _hours_mistake(member: dict) -> Mistake:
    member["weekly_hours"] = 45
    name = member["name"]
    return Mistake("members", "hours_out_of_range", Label(
        f"{name}: жумалык жүктөм 45 саат деп жазылган, ал 40 сааттан ашпайт (15 же 25 болушу "
        f"керек эле).",
        f"{name}: нагрузка записана как 45 ч в неделю, больше 40 ч не бывает (имелось в виду 15 "
        f"или 25).",
        f"{name}: 45 weekly hours typed; a load is at most 40 (15 or 25 was meant)."))


def _school_experience_mistake(member: dict) -> Mistake:
    total = member["experience"]
    swapped = int(str(total)[::-1])  # 12 typed as 21; else five years too many
    here = member["school_experience"] = swapped if total < swapped <= 60 else total + 5
    name = member["name"]
    return Mistake("members", "school_experience_exceeds_total", Label(
        f"{name}: ушул мектептеги стажы {here} жыл, жалпы педагогикалык стажы {total} жыл; "
        f"мектептеги стаж жалпысынан чоң боло албайт (сандар алмашып калган).",
        f"{name}: стаж в этой школе записан как {here}, а общий педагогический стаж — {total}; "
        f"стаж в школе не может быть больше общего (перепутаны цифры).",
        f"{name}: {here} years at this school but {total} years in all; the school's share "
        f"cannot be larger (digits swapped)."))


def _self_education_mistake(rows: dict[str, list[dict]], name: str) -> Mistake:
    rows["self_education"] = [r for r in rows["self_education"] if r["name"] != name]
    return Mistake("members", "no_self_education_topic", Label(
        f"{name}: «Өз билимин өркүндөтүү» барагында темасы жазылган эмес.",
        f"{name}: нет темы на листе «Самообразование».",
        f"{name}: no topic on the self-education sheet."))


def _latin_class_mistake(lesson: dict) -> Mistake:
    good = lesson["class"][:-1] + "А"  # Cyrillic А
    bad = lesson["class"] = good[:-1] + "A"  # the Latin A that looks the same
    return Mistake("open_lessons", "latin_class_letter", Label(
        f"«{bad}» классы латын «A» тамгасы менен терилген; кирилл тамгасы менен «{good}» деп "
        f"жазыңыз.",
        f"Класс «{bad}» набран с латинской «A»; нужно кириллицей: «{good}».",
        f"Class “{bad}” is typed with a Latin “A”; type the Cyrillic “{good}”."))


def _teacher_name_mistake(lessons: list[dict]) -> Mistake:
    """A name typed without ң, ө, ү (a keyboard without Kyrgyz letters), or as initials."""
    rows = [r for r in lessons[2:] if r["date"] != HOLIDAY_MISTAKE_DAY]
    lesson = next((r for r in rows if _has_kyrgyz_letters(r["teacher"])), rows[0])
    good = lesson["teacher"]
    if _has_kyrgyz_letters(good):
        bad = good.translate(TO_RUSSIAN_SPELLING)
        why = ("ң, ө, ү тамгаларысыз", "без букв ң, ө, ү", "without ң, ө, ү")
    else:
        bad = initials(good)
        why = ("инициалдар менен", "с инициалами", "with initials")
    lesson["teacher"] = bad
    return Mistake("open_lessons", "unknown_teacher", Label(
        f"Мугалимдин аты-жөнү {why[0]} «{bad}» деп жазылган; Мүчөлөр барагында «{good}».",
        f"ФИО учителя написано {why[1]}: «{bad}»; на листе «Состав МО» — «{good}».",
        f"The teacher's name is typed {why[2]}: “{bad}”; the members sheet has “{good}”."))


def _has_kyrgyz_letters(text: str) -> bool:
    return any(letter in text for letter in KYRGYZ_LETTERS)


def _holiday_mistake(lessons: list[dict]) -> Mistake:
    autumn_start, autumn_end, _ = HOLIDAYS[0]
    lesson = next(r for r in lessons[2:] if r["date"] > autumn_end)
    day = lesson["date"] = HOLIDAY_MISTAKE_DAY
    lesson["status"], lesson["note"] = "held", None
    return Mistake("open_lessons", "date_in_holiday", Label(
        f"Ачык сабак {day:%d.%m.%Y} күнүнө коюлган: бул күзгү каникул "
        f"({autumn_start:%d.%m}–{autumn_end:%d.%m.%Y}).",
        f"Открытый урок назначен на {day:%d.%m.%Y}: это осенние каникулы "
        f"({autumn_start:%d.%m}–{autumn_end:%d.%m.%Y}).",
        f"An open lesson on {day:%d.%m.%Y}, in the autumn break "
        f"({autumn_start:%d.%m}-{autumn_end:%d.%m.%Y})."))


def _old_year_mistake(entry: dict) -> Mistake:
    good = entry["date"]
    bad = entry["date"] = good.replace(year=2002)
    return Mistake("activity_log", "date_outside_year", Label(
        f"Күнү {bad:%d.%m.%Y} деп жазылган, {good:%d.%m.%Y} болушу керек (2002 эмес, 2020).",
        f"Дата записана как {bad:%d.%m.%Y}, должно быть {good:%d.%m.%Y} (2020, а не 2002).",
        f"The date reads {bad:%d.%m.%Y}; it should be {good:%d.%m.%Y} (2020, not 2002)."))


def _duplicate_mistake(events: list[dict], index: int) -> Mistake:
    event = events[index]
    events.insert(index + 1, dict(event))
    title = event["title"]
    return Mistake("events", "duplicate_row", Label(
        f"«{title}» иш-чарасы эки жолу жазылган (катар кайталанган).",
        f"Мероприятие «{title}» записано дважды (строка повторяется).",
        f"The event “{title}” is entered twice (a repeated row)."))
