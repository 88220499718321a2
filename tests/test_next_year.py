"""``ubsheets new NEW --from OLD``: next academic year's workbook from last year's. The people and
what they keep doing are carried (experience a year on, a young teacher whose three years are
done a member, dues as usual), the year's records start empty, and OLD is never written."""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import shutil
from pathlib import Path

import openpyxl
import pytest
from builders import HEAD, MEMBER, ROWS, SETTINGS, _member, make_book
from conftest import needs_libreoffice
from test_cli import run
from typer.testing import CliRunner

from ubsheets import actions
from ubsheets.cli import app
from ubsheets.core.facts import dues
from ubsheets.core.next_year import CARRIED, NEW_YEAR_SETTINGS, Dropped, dated_registers
from ubsheets.core.validate import typed_context, validate
from ubsheets.errors import InputError, UsageError
from ubsheets.io.reader import read_book
from ubsheets.schema import META_SHEET, REGISTERS, REQUIRED_DOCUMENTS, Kind, register

D = dt.date
FIXTURES = Path(__file__).parent / "fixtures" / "template_v1"
THIRD_YEAR = "Эркинова Жаңыл"  # a young teacher in her third year: a member next year
FIRST_YEAR = "Садыкова Айпери"  # a young teacher in her first year: still young, still mentored
TOPIC = ("Интерактивдүү ыкмалар", "доклад", "УБнын жыйналышы, март", D(2021, 3, 10))


def old_rows() -> dict[str, list[dict]]:
    """Last year (2020-2021): the head (a course done in August 2020, typed only in the courses
    register), a member whose attestation (2017) falls due in 2022, two young teachers, each
    with a mentor, a topic for the head only, a club, and a record in every dated register."""
    rows = copy.deepcopy(ROWS)
    rows["members"] = [
        _member(HEAD, "head", 20, 2000),
        _member(MEMBER, "member", 10, 2010, attestation_year=2017),
        _member(THIRD_YEAR, "young", 2, 2018, last_course_year=None, attestation_year=None,
                category="none"),
        _member(FIRST_YEAR, "young", 0, 2020, last_course_year=None, attestation_year=None,
                category="none", school_experience=0),
    ]
    topic, form, where_when, day = TOPIC
    rows["self_education"] = [{"name": HEAD, "topic": topic, "form": form,
                               "where_when": where_when, "date": day}]
    rows["mentoring"] = [
        {"young_teacher": THIRD_YEAR, "mentor": MEMBER, "since": D(2018, 9, 1)},
        {"young_teacher": FIRST_YEAR, "mentor": HEAD, "since": D(2020, 9, 1),
         "note": "Өз ара сабактарга катышуу"},
    ]
    rows["control"][0]["teacher"] = THIRD_YEAR
    return rows


def old_book(path: Path, lang: str = "ky") -> Path:
    make_book(path, lang, **{key: value for key, value in old_rows().items()})
    return path


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def typed(path: Path):
    book = read_book(path)
    return book, typed_context(book)[0]


def values(ctx, key: str, *columns: str) -> list[tuple]:
    return [tuple(row.values[c] for c in columns) for row in ctx.rows(key)]


# --- what is carried, what is reset ----------------------------------------------------------


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_next_year_carries_the_people_and_resets_the_year(tmp_path, lang):
    old = old_book(tmp_path / "old.xlsx", lang)
    before = digest(old)
    made = actions.next_year_workbook(tmp_path / "new.xlsx", old)
    assert digest(old) == before  # OLD is only read
    assert (made.lang, made.year_start, made.year_end) == (lang, D(2021, 9, 1), D(2022, 5, 25))
    carried = made.carried
    assert (carried.years, carried.members, carried.promoted, carried.rows,
            carried.mentoring_ended, carried.dropped, carried.not_grown,
            carried.unfinished_courses) == (
        1, 4, (THIRD_YEAR,), {"self_education": 1, "mentoring": 1, "clubs": 1}, 1, (), (), 0)

    book, ctx = typed(made.path)
    assert book.lang == lang
    # name, role, experience, years at this school, last course, attestation
    assert values(ctx, "members", "name", "role", "experience", "school_experience",
                  "last_course_year", "attestation_year") == [
        (HEAD, "head", 21, 5, 2020, 2018),  # the course of August 2020 from the courses register
        (MEMBER, "member", 11, 5, 2019, 2017),
        (THIRD_YEAR, "member", 3, 3, None, None),
        (FIRST_YEAR, "young", 1, 1, None, None),
    ]
    assert [(due.name, due.what, due.last, due.due) for due in dues(ctx)] == [
        (MEMBER, "attestation", 2017, 2022),
        (THIRD_YEAR, "course", None, None),  # a member now: no course on record
    ]
    assert values(ctx, "self_education", "name", "topic", "form", "where_when", "date") == [
        (HEAD, TOPIC[0], None, None, None)]
    assert values(ctx, "mentoring", "young_teacher", "mentor", "since", "note") == [
        (FIRST_YEAR, HEAD, D(2020, 9, 1), "Өз ара сабактарга катышуу")]
    assert values(ctx, "clubs", "club", "teacher", "classes", "pupils") == [
        ("Жаш математик", MEMBER, "5-7", 15)]

    settings = {key: ctx.settings.get(key) for key in SETTINGS}
    assert settings == {**SETTINGS, "theme": None, "year_start": D(2021, 9, 1),
                        "year_end": D(2022, 5, 25)}
    assert ctx.rows("holidays") == []
    for key in dated_registers():
        if key == "documents":
            assert values(ctx, key, "no", "document", "present", "date") == [
                (number, label.get(lang), "missing", None)
                for number, label in enumerate(REQUIRED_DOCUMENTS, start=1)]
        else:
            assert ctx.rows(key) == [], key

    report = validate(book)
    assert report.errors == 0
    assert {finding.code for finding in report.issues} == {
        "setting_missing", "attestation_overdue", "course_never", "no_self_education_topic",
        "document_missing"}


def test_the_registers_that_start_empty_are_the_years_records():
    """"Dated registers" is what it says: every register not carried has a date column; a
    carried register clears the dates of the old year, but mentoring's beginning."""
    assert set(dated_registers()) == {reg.key for reg in REGISTERS} - set(CARRIED)
    for key in dated_registers():
        assert any(column.kind is Kind.DATE for column in register(key).columns), key
    for key, cleared in CARRIED.items():
        dates = {column.key for column in register(key).columns if column.kind is Kind.DATE}
        assert dates - set(cleared) <= {"since"}, key
    assert set(NEW_YEAR_SETTINGS) == {"year_start", "year_end", "theme"}


def test_a_later_year_counts_the_years_between(tmp_path):
    old = old_book(tmp_path / "old.xlsx")
    made = actions.next_year_workbook(tmp_path / "new.xlsx", old, year="2022-2023")
    _, ctx = typed(made.path)
    assert (made.carried.years, made.year_start) == (2, D(2022, 9, 1))
    assert values(ctx, "members", "name", "role", "experience") == [
        (HEAD, "head", 22), (MEMBER, "member", 12), (THIRD_YEAR, "member", 4),
        (FIRST_YEAR, "young", 2)]


def test_another_language_and_school_can_be_asked_for(tmp_path):
    old = old_book(tmp_path / "old.xlsx", "ky")
    made = actions.next_year_workbook(tmp_path / "new.xlsx", old, "ru", school="Мектеп №2")
    book, ctx = typed(made.path)
    assert (book.lang, ctx.settings.get("school")) == ("ru", "Мектеп №2")
    # A default in the old language is the new language's default; a typed value is kept.
    assert ctx.settings.get("deputy_role") == "заместитель директора по УВР"
    assert values(ctx, "members", "role")[:1] == [("head",)]
    assert validate(book).errors == 0


def test_a_mistake_in_a_carried_row_is_carried_as_typed_and_a_non_member_is_dropped(tmp_path):
    rows = old_rows()
    rows["members"][1]["weekly_hours"] = 45  # out of range: carried as typed, an error again
    rows["clubs"].append({"club": "Шахмат", "teacher": "Белгисиз Адам", "classes": "5-9"})
    old = tmp_path / "old.xlsx"
    make_book(old, **rows)
    made = actions.next_year_workbook(tmp_path / "new.xlsx", old)
    assert (made.carried.rows["clubs"], made.carried.dropped) == (
        1, (Dropped("Кружоктор", 4, ("Белгисиз Адам",)),))
    book, ctx = typed(made.path)
    assert [row.values["weekly_hours"] for row in book.rows("members")][1] == 45
    assert [(f.cell, f.code) for f in validate(book).issues if f.severity == "error"] == [
        ("I4", "hours_out_of_range")]


# --- refusals: one line, OLD untouched --------------------------------------------------------


def test_the_year_must_come_after_olds(tmp_path):
    old = old_book(tmp_path / "old.xlsx")
    with pytest.raises(UsageError) as refused:
        actions.next_year_workbook(tmp_path / "new.xlsx", old, year="2020-2021")
    assert refused.value.message("ru") == (
        "Учебный год 2020-2021 должен быть позже года книги old.xlsx (2020-2021): укажите более"
        " поздний, например 2021-2022.")
    assert refused.value.message("ky") == (
        "2020-2021 окуу жылы old.xlsx китебинин жылынан (2020-2021) кийин болушу керек: кийинки"
        " жылды жазыңыз, мисалы 2021-2022.")
    assert not (tmp_path / "new.xlsx").exists()


def test_old_is_never_the_new_workbook(tmp_path):
    old = old_book(tmp_path / "old.xlsx")
    before = digest(old)
    for target in (old, tmp_path / "." / "old.xlsx"):
        with pytest.raises(UsageError) as refused:
            actions.next_year_workbook(target, old, force=True)
        assert refused.value.key == "next_year_same_file"
    assert digest(old) == before and not (tmp_path / "old.xlsx.bak").exists()


def test_an_old_workbook_without_its_year_is_refused(tmp_path):
    old = tmp_path / "old.xlsx"
    make_book(old, settings={"year_start": None}, **old_rows())
    with pytest.raises(InputError) as refused:
        actions.next_year_workbook(tmp_path / "new.xlsx", old)
    assert refused.value.key == "year_not_set"


def test_an_old_of_a_newer_template_is_refused(tmp_path):
    """Its registers may have columns this ubsheets cannot see: they would be lost."""
    old = old_book(tmp_path / "old.xlsx")
    workbook = openpyxl.load_workbook(old)
    workbook[META_SHEET]["B1"] = "3"
    workbook.save(old)
    with pytest.raises(InputError) as refused:
        actions.next_year_workbook(tmp_path / "new.xlsx", old)
    assert refused.value.key == "upgrade_newer_template"
    assert not (tmp_path / "new.xlsx").exists()


@pytest.mark.parametrize("kind", ["missing", "text", "truncated"])
def test_a_bad_old_is_refused_in_one_line(tmp_path, kind):
    old = tmp_path / "old.xlsx"
    if kind == "text":
        old.write_text("not a workbook", encoding="utf-8")
    elif kind == "truncated":
        data = old_book(tmp_path / "whole.xlsx").read_bytes()
        old.write_bytes(data[: len(data) // 2])
    result = run("new", tmp_path / "new.xlsm", "--from", old)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("Ката: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "new.xlsm").exists()


# --- the command as a user runs it ------------------------------------------------------------


def test_the_command_says_what_was_carried_in_kyrgyz_and_russian(tmp_path):
    old = old_book(tmp_path / "old.xlsx")
    before = digest(old)
    result = run("new", "NEXT.xlsm", "--from", "old.xlsx", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout == (
        "Жаңы окуу жылынын китеби түзүлдү: NEXT.xlsm (old.xlsx китебинен).\n"
        "Мүчөлөр көчүрүлдү: 4; алардын стажы 1 жылга көбөйтүлдү (жаш мугалимден мүчөгө"
        f" өткөндөр: 1 — {THIRD_YEAR}). Мектептен кеткендерди «Мүчөлөр» барагынан өзүңүз"
        " өчүрүңүз.\n"
        "Дагы көчүрүлдү: өз билимин өркүндөтүү темалары — 1, насаатчылык жуптары — 1, кружоктор"
        " — 1. Калган реестрлер бош, иш кагаздары «жок» деп белгиленди.\n"
        "Насаатчылык жуптарынан алынды: 1 (жаш мугалим УБнын мүчөсү болду).\n"
        "Окуу жылы: 01.09.2021 – 25.05.2022, текшериңиз. Каникулдар жана усулдук тема бош:"
        " «Жөндөөлөр» барагына жазыңыз.\n")
    russian = run("new", "СЛЕД.xlsx", "--from", "old.xlsx", "--lang", "ru", cwd=tmp_path,
                  lang="ru")
    assert (russian.returncode, russian.stderr) == (0, "")
    assert russian.stdout == (
        "Создана книга нового учебного года: СЛЕД.xlsx (из книги old.xlsx).\n"
        "Перенесено членов МО: 4; стаж увеличен на 1 год (переведены из молодых специалистов в"
        f" члены МО: 1 — {THIRD_YEAR}). Выбывших учителей удалите сами на листе «Состав МО».\n"
        "Также перенесены: темы самообразования — 1, пары наставничества — 1, кружки — 1."
        " Остальные реестры пусты, документы МО отмечены как отсутствующие.\n"
        "Снята пара наставничества: молодой специалист в ней стал членом МО.\n"
        "Учебный год: 01.09.2021 – 25.05.2022, проверьте. Каникулы и методическая тема не"
        " заполнены: впишите их на листе «Настройки».\n")
    assert digest(old) == before
    for name, lang in (("NEXT.xlsm", "ky"), ("СЛЕД.xlsx", "ru")):
        checked = run("validate", name, "--no-write", cwd=tmp_path)
        assert checked.returncode == 0, checked.stdout  # warnings only
        assert read_book(tmp_path / name).lang == lang
    again = run("new", "NEXT.xlsm", "--from", "old.xlsx", cwd=tmp_path)
    assert (again.returncode, again.stderr) == (
        2, "Ката: NEXT.xlsm файлы бар. Үстүнө жазуу үчүн --force кошуңуз.\n")


def notes(lang: str, *args: str) -> list[str]:
    """The lines ``new NEXT.xlsx --from old.xlsx`` prints between what was carried and the
    year to check (run in the current folder, in-process)."""
    result = CliRunner().invoke(app, ["new", "NEXT.xlsx", "--from", "old.xlsx", "--force", *args],
                                env={"UBSHEETS_LANG": lang})
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()[3:-1]


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_what_could_not_be_carried_is_listed_by_the_old_workbooks_rows_and_cells(in_tmp):
    """Rows naming someone not on the members sheet, experience that is not a number (carried
    as typed, not grown) and courses not finished (the courses register starts empty)."""
    rows = old_rows()
    rows["members"][1]["experience"] = "11 жыл"  # G4
    rows["members"][3]["school_experience"] = "бир жыл"  # H6
    rows["self_education"].append({"name": "Белгисиз Адам", "topic": "Оюн ыкмалары"})
    rows["mentoring"].append({"young_teacher": FIRST_YEAR, "mentor": "Жок Мугалим",
                              "since": D(2020, 9, 1)})
    rows["clubs"].append({"club": "Шахмат", "teacher": "Белгисиз Адам", "classes": "5-9"})
    rows["courses"] += [{"teacher": MEMBER, "course": "Санариптик сабаттуулук",
                         "planned": D(2021, 4, 1)},
                        {"teacher": HEAD, "course": "Инклюзия", "planned": D(2021, 6, 10)}]
    make_book(in_tmp / "old.xlsx", **rows)
    assert notes("ky") == [
        f"Стажы сан эмес, көбөйтүлгөн жок: {MEMBER} (G4), {FIRST_YEAR} (H6).",
        "Насаатчылык жуптарынан алынды: 1 (жаш мугалим УБнын мүчөсү болду).",
        "3 сап көчүрүлгөн жок, анткени аларда жазылган мугалим «Мүчөлөр» барагында жок:"
        " «Өз билимин өркүндөтүү», 4-сап — Белгисиз Адам; «Насаатчылык», 5-сап — Жок Мугалим;"
        " «Кружоктор», 4-сап — Белгисиз Адам.",
        "Бүтпөгөн курстар көчүрүлгөн жок: 2 — «Курстар» барагына кайра жазыңыз."]
    # A Russian terminal: the old workbook's sheets by their names there, the new one's
    # (Kyrgyz, as the old one) by theirs.
    assert notes("ru") == [
        f"Стаж не число и не увеличен: {MEMBER} (G4), {FIRST_YEAR} (H6).",
        "Снята пара наставничества: молодой специалист в ней стал членом МО.",
        "Не перенесено строк: 3 — указанного в них учителя нет на листе «Мүчөлөр»:"
        " «Өз билимин өркүндөтүү», строка 4 — Белгисиз Адам; «Насаатчылык», строка 5 — Жок"
        " Мугалим; «Кружоктор», строка 4 — Белгисиз Адам.",
        "Незавершённые курсы не перенесены: 2 — впишите их заново на листе «Курстар»."]
    book, ctx = typed(in_tmp / "NEXT.xlsx")
    # As typed, the other column grown; no course carried.
    assert [(row.values["experience"], row.values["school_experience"])
            for row in book.rows("members")][1:4:2] == [("11 жыл", 5), (1, "бир жыл")]
    assert ctx.rows("courses") == []


def test_one_of_a_kind_is_said_in_the_singular(in_tmp):
    rows = old_rows()
    rows["clubs"].append({"club": "Шахмат", "teacher": "Белгисиз Адам", "classes": "5-9"})
    rows["courses"].append({"teacher": MEMBER, "course": "Инклюзия", "planned": D(2021, 4, 1)})
    make_book(in_tmp / "old.xlsx", "ru", **rows)
    assert notes("ru") == [
        "Снята пара наставничества: молодой специалист в ней стал членом МО.",
        "Не перенесена строка — указанного в ней учителя нет на листе «Состав МО»: «Кружки»,"
        " строка 4 — Белгисиз Адам.",
        "Незавершённый курс не перенесён — впишите его заново на листе «Курсы ПК»."]
    assert notes("ky")[1:] == [
        "1 сап көчүрүлгөн жок, анткени анда жазылган мугалим «Состав МО» барагында жок:"
        " «Кружки», 4-сап — Белгисиз Адам.",
        "Бүтпөгөн курс көчүрүлгөн жок: 1 — «Курсы ПК» барагына кайра жазыңыз."]


def test_a_long_list_names_the_first_ten(in_tmp):
    rows = old_rows()
    rows["self_education"] += [{"name": f"Белгисиз Адам {n}", "topic": "Оюн ыкмалары"}
                               for n in range(1, 13)]  # rows 4-15
    make_book(in_tmp / "old.xlsx", **rows)
    listed = "; ".join(f"«Өз билимин өркүндөтүү», {line}-сап — Белгисиз Адам {line - 3}"
                       for line in range(4, 14))
    assert notes("ky")[1] == (
        "12 сап көчүрүлгөн жок, анткени аларда жазылган мугалим «Мүчөлөр» барагында жок:"
        f" {listed} жана дагы 2.")
    assert notes("ru")[1].endswith("строка 13 — Белгисиз Адам 10 и ещё 2.")


def test_a_year_more_than_one_on_says_how_many_years_experience_grew(in_tmp):
    old_book(in_tmp / "old.xlsx")
    assert notes("ky", "--year", "2022-2023")[0] == (
        "2022-2023 окуу жылы 2020-2021 окуу жылынан 2 жыл кийин, ошондуктан стаж 2 жылга"
        " көбөйтүлдү: ушул жыл туура экенин текшериңиз.")
    result = CliRunner().invoke(app, ["new", "NEXT.xlsx", "--from", "old.xlsx", "--force",
                                      "--year", "2025-2026"], env={"UBSHEETS_LANG": "ru"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[1].startswith("Перенесено членов МО: 4; стаж увеличен на 5 лет (переведены из"
                               " молодых специалистов в члены МО: 2 — ")
    assert lines[3] == (
        "Учебный год 2025-2026 наступает через 5 лет после 2020-2021, поэтому стаж увеличен на"
        " 5 лет: проверьте, что нужен именно этот год.")
    _, ctx = typed(in_tmp / "NEXT.xlsx")
    assert values(ctx, "members", "experience") == [(25,), (15,), (7,), (5,)]


def test_no_young_teacher_promoted_leaves_the_parenthesis_out(in_tmp):
    rows = old_rows()
    rows["members"][2]["experience"] = 1  # in her second year: still young next year
    make_book(in_tmp / "old.xlsx", **rows)
    for lang, members in (("ky", "Мүчөлөр көчүрүлдү: 4; алардын стажы 1 жылга көбөйтүлдү."
                                 " Мектептен кеткендерди «Мүчөлөр» барагынан өзүңүз өчүрүңүз."),
                          ("ru", "Перенесено членов МО: 4; стаж увеличен на 1 год. Выбывших"
                                 " учителей удалите сами на листе «Мүчөлөр».")):
        result = CliRunner().invoke(app, ["new", "NEXT.xlsx", "--from", "old.xlsx", "--force"],
                                    env={"UBSHEETS_LANG": lang})
        assert result.stdout.splitlines()[1] == members


# --- older templates, LibreOffice --------------------------------------------------------------


def comparable(path: Path) -> dict[str, list[dict]]:
    """The new workbook's settings and typed rows."""
    _, ctx = typed(path)
    rows = {key: [row.values for row in ctx.rows(key)] for key in ctx.tables if key != "settings"}
    return {"settings": [dict(ctx.settings.values)], **rows}


@pytest.mark.parametrize("lang,name", [("ky", "kyrgyz.xlsx"), ("ru", "russian.xlsx")])
def test_an_old_of_the_first_template_gives_what_its_upgrade_gives(tmp_path, lang, name):
    old = tmp_path / name
    shutil.copyfile(FIXTURES / name, old)
    before = digest(old)
    made = actions.next_year_workbook(tmp_path / "from-v1.xlsx", old)
    assert digest(old) == before
    upgraded = tmp_path / "upgraded.xlsx"
    actions.upgrade_file(old, upgraded)
    through = actions.next_year_workbook(tmp_path / "from-upgraded.xlsx", upgraded)
    assert comparable(made.path) == comparable(through.path)
    assert made.carried == through.carried and made.lang == lang
    _, ctx = typed(made.path)
    # The young teacher typed «жаш адис» in the first template: in her second year, still young.
    assert [row.values["role"] for row in ctx.rows("members")].count("young") == 1
    assert made.carried.rows["mentoring"] == 1


@needs_libreoffice
def test_an_old_libreoffice_saved_gives_the_same_and_libreoffice_opens_the_new(tmp_path,
                                                                              libreoffice):
    old = old_book(tmp_path / "old.xlsx")
    resaved = libreoffice(old, "xlsx", tmp_path / "lo")
    before = digest(resaved)
    made = actions.next_year_workbook(tmp_path / "new.xlsx", old)
    again = actions.next_year_workbook(tmp_path / "new-lo.xlsx", resaved)
    assert digest(resaved) == before
    assert comparable(again.path) == comparable(made.path)
    assert again.carried == made.carried
    opened = libreoffice(made.path, "xlsx", tmp_path / "lo-new")
    assert comparable(opened) == comparable(made.path)
    assert validate(read_book(opened)).errors == 0


def test_the_readme_shows_what_the_command_prints_on_the_demo(tmp_path):
    """The README's example is the real output: the demo school, then both commands."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")
    block = readme.split("```console\n$ ubsheets new NEXT.xlsm", 1)[1].split("```", 1)[0]
    runs = ("$ ubsheets new NEXT.xlsm" + block).split("$ ")[1:]
    assert run("demo", "demo-out", cwd=tmp_path).returncode == 0
    for shown in runs:
        command, printed = shown.split("\n", 1)
        lang = "ru" if command.startswith("UBSHEETS_LANG=ru ") else None
        args = command.removeprefix("UBSHEETS_LANG=ru ").split()[1:]
        result = run(*args, cwd=tmp_path, lang=lang)
        assert (result.returncode, result.stdout, result.stderr) == (0, printed, ""), command
