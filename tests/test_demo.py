"""Demo schools: the same arguments give the same school, thirty schools are thirty schools, a
thousand members scale every register, and validation finds exactly the deliberate mistakes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook

from ubsheets.core.findings import CODES
from ubsheets.core.validate import validate
from ubsheets.demo import MISTAKES_FROM_MEMBERS, demo_school, school_lang, write_demo
from ubsheets.io.reader import read_book
from ubsheets.schema import ALL_TABLES, SETTINGS, SETTINGS_SHEET, register

# Where the deliberate mistakes of school 1 (Kyrgyz, 12 members) are, as validation finds them.
SCHOOL_1_MISTAKES = [
    ("Мүчөлөр", "I6", "hours_out_of_range"),
    ("Мүчөлөр", "H8", "school_experience_exceeds_total"),
    ("Мүчөлөр", "A9", "no_self_education_topic"),
    ("Ачык сабактар", "D4", "latin_class_letter"),
    ("Ачык сабактар", "B5", "unknown_teacher"),
    ("Ачык сабактар", "F11", "date_in_holiday"),
    ("Аткарылган иштер", "C5", "date_outside_year"),
    ("Иш-чаралар", "A6", "duplicate_row"),
]
SCHOOL_3_MISTAKES = [  # Russian
    ("Состав МО", "I6", "hours_out_of_range"),
    ("Состав МО", "H8", "school_experience_exceeds_total"),
    ("Состав МО", "A9", "no_self_education_topic"),
    ("Открытые уроки", "D4", "latin_class_letter"),
    ("Открытые уроки", "B5", "unknown_teacher"),
    ("Открытые уроки", "F8", "date_in_holiday"),
    ("Журнал работы", "C5", "date_outside_year"),
    ("Мероприятия", "A6", "duplicate_row"),
]
MISTAKE_KINDS = {(register_key, code) for register_key, code in (
    ("members", "hours_out_of_range"), ("members", "school_experience_exceeds_total"),
    ("members", "no_self_education_topic"), ("open_lessons", "latin_class_letter"),
    ("open_lessons", "unknown_teacher"), ("open_lessons", "date_in_holiday"),
    ("activity_log", "date_outside_year"), ("events", "duplicate_row"))}
# Warnings a real school has without any typing mistake: some courses and attestations are due,
# a document or two is not drawn up yet.
EXPECTED_WARNINGS = {"course_overdue", "attestation_overdue", "document_missing"}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("demo") / "schools"
    paths = write_demo(directory, schools=3)
    assert [p.name for p in paths] == ["school-01.xlsx", "school-02.xlsx", "school-03.xlsx"]
    return directory


def mistake_findings(path: Path) -> list[tuple[str, str, str]]:
    report = validate(read_book(path))
    codes = {code for _, code in MISTAKE_KINDS}
    return sorted((f.sheet, f.cell, f.code) for f in report.issues if f.code in codes)


def test_same_arguments_give_the_same_school() -> None:
    assert demo_school(5) == demo_school(5)
    assert demo_school(5, members=30, lang="ru") == demo_school(5, members=30, lang="ru")
    assert demo_school(5).rows != demo_school(6).rows
    assert demo_school(5, seed=1).rows != demo_school(5).rows


def test_thirty_schools_are_thirty_different_schools() -> None:
    schools = [demo_school(i, lang=school_lang(i)) for i in range(1, 31)]
    assert len({s.settings["school"] for s in schools}) == 30
    assert len({s.settings["district"] for s in schools}) >= 7
    assert len({frozenset(m["name"] for m in s.rows["members"]) for s in schools}) == 30


def test_languages_alternate_two_kyrgyz_to_one_russian() -> None:
    assert [school_lang(i) for i in range(1, 7)] == ["ky", "ky", "ru", "ky", "ky", "ru"]


def test_the_head_and_the_settings_agree() -> None:
    school = demo_school(1)
    heads = [m for m in school.rows["members"] if m["role"] == "head"]
    assert [h["name"] for h in heads] == [school.settings["head"]]
    assert heads[0]["education"] == "higher" and heads[0]["experience"] >= 5  # rule 1.1
    names = {m["name"] for m in school.rows["members"]}
    assert {school.settings["deputy"], school.settings["director"]}.isdisjoint(names)


def test_kyrgyz_school_validates_with_exactly_its_mistakes(demo_dir: Path) -> None:
    path = demo_dir / "school-01.xlsx"
    report = validate(read_book(path))
    school = demo_school(1)
    sheet = {m.code: register(m.register).sheet.ky for m in school.mistakes}
    errors = {(f.sheet, f.code) for f in report.issues if f.severity == "error"}
    assert errors == {(sheet[m.code], m.code) for m in school.mistakes
                      if CODES[m.code] == "error"}
    assert mistake_findings(path) == sorted(SCHOOL_1_MISTAKES)
    others = {f.code for f in report.issues} - set(sheet)
    assert others <= EXPECTED_WARNINGS


def test_russian_school_has_russian_sheets_and_the_same_mistakes(demo_dir: Path) -> None:
    path = demo_dir / "school-03.xlsx"
    book = read_book(path)
    assert book.lang == "ru"
    assert {key: table.sheet for key, table in book.tables.items()} == \
        {reg.key: reg.sheet.ru for reg in ALL_TABLES}
    assert mistake_findings(path) == sorted(SCHOOL_3_MISTAKES)
    errors = {f.code for f in validate(book).issues if f.severity == "error"}
    assert errors == {code for _, code in MISTAKE_KINDS if CODES[code] == "error"}


def test_mistakes_file_lists_each_mistake_at_its_cell(demo_dir: Path) -> None:
    text = (demo_dir / "MISTAKES.md").read_text("utf-8")
    for sheet, cell, code in SCHOOL_1_MISTAKES + SCHOOL_3_MISTAKES:
        assert f"| {sheet} | {cell} | `{code}` |" in text
    for mistake in demo_school(1).mistakes:
        assert mistake.what.ky in text and mistake.what.ru in text


def test_every_school_of_eight_or_more_has_the_same_mistakes() -> None:
    for index in range(1, 11):
        for members in (MISTAKES_FROM_MEMBERS, 12, 40):
            school = demo_school(index, members, school_lang(index))
            assert {(m.register, m.code) for m in school.mistakes} == MISTAKE_KINDS
    assert demo_school(1, members=MISTAKES_FROM_MEMBERS - 1).mistakes == []


def test_mistake_codes_are_finding_codes() -> None:
    for mistake in demo_school(1).mistakes:
        assert mistake.code in CODES
        assert all(mistake.what.all())


def test_a_thousand_members_scale_every_register() -> None:
    rows = demo_school(1, members=1000).rows
    counts = {key: len(value) for key, value in rows.items()}
    assert counts["members"] == 1000
    assert counts["self_education"] == 999  # one member without a topic: a deliberate mistake
    minimum = {"open_lessons": 1800, "events": 1200, "activity_log": 2500, "control": 900,
               "mentoring": 150, "subject_weeks": 200, "clubs": 250, "inspections": 300,
               "courses": 250, "meetings": 400}
    assert {key: counts[key] >= low for key, low in minimum.items()} == \
        {key: True for key in minimum}
    assert counts["documents"] == 14 and counts["holidays"] == 3  # fixed by the document
    heads = [m for m in rows["members"] if m["role"] == "head"]
    assert len(heads) == 1


# --- the demo command, as a user runs it ---------------------------------------------------------


def run_demo(*args: str, cwd: Path, lang: str | None = None) -> subprocess.CompletedProcess:
    """The demo command; UBSHEETS_LANG (the terminal's language) only when ``lang`` is given."""
    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"} | {"COLUMNS": "200"}
    if lang:
        env["UBSHEETS_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "ubsheets", "demo", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def printed_findings(stdout: str) -> list[tuple[str, str, str]]:
    """(sheet, cell, severity) of each row of the findings table the command printed."""
    rows = [[cell.strip() for cell in line.strip("│").split("│")]
            for line in stdout.splitlines() if line.startswith("│")]
    return [(sheet, cell, severity) for sheet, cell, severity, _ in rows]


def meta_lang(path: Path) -> str:
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("ubsheets").to_python()
    return {row[0]: row[1] for row in grid}["lang"]


def test_demo_command_writes_a_kyrgyz_school_and_validates_it(tmp_path: Path) -> None:
    result = run_demo("d", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    book, mistakes = Path("d") / "school-01.xlsx", Path("d") / "MISTAKES.md"
    lines = result.stdout.splitlines()
    assert lines[:3] == ["1 демо-китеп жазылды: d", f"Атайын кетирилген каталар: {mistakes}",
                         f"Биринчи китеп текшерилүүдө: {book}"]
    assert lines[-2:] == ["Каталар: 5, эскертүүлөр: 8.",
                          f"Текшерүүнүн натыйжасы «Текшерүү» барагына жазылды: {book}"]
    report = validate(read_book(tmp_path / book))
    severity = {"error": "ката", "warning": "эскертүү"}
    assert printed_findings(result.stdout) == [(f.sheet, f.cell, severity[f.severity])
                                               for f in report.issues]
    assert sorted(SCHOOL_1_MISTAKES) == mistake_findings(tmp_path / book)
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == ["MISTAKES.md", "school-01.xlsx"]
    checked = CalamineWorkbook.from_path(str(tmp_path / book)).get_sheet_by_name("Текшерүү")
    rows = checked.to_python()
    assert rows[0] == ["№", "Барак", "Уяча", "Деңгээли", "Мааниси", "Эмне туура эмес", "Коду"]
    assert [(r[1], r[2], r[6]) for r in rows[1:14]] == [(f.sheet, f.cell, f.code)
                                                        for f in report.issues]


def test_demo_command_in_russian_makes_every_school_russian(tmp_path: Path) -> None:
    result = run_demo("d", "--schools", "3", "--lang", "ru", cwd=tmp_path, lang="ru")
    assert (result.returncode, result.stderr) == (0, "")
    book = Path("d") / "school-01.xlsx"
    lines = result.stdout.splitlines()
    assert lines[:3] == ["Записано демо-книг: 3 в d",
                         f"Намеренно допущенные ошибки: {Path('d') / 'MISTAKES.md'}",
                         f"Проверка первой книги: {book}"]
    assert lines[-2:] == ["Ошибок: 5, предупреждений: 8.",
                          f"Результат записан на лист «Проверка»: {book}"]
    severity = {"error": "ошибка", "warning": "предупреждение"}
    assert printed_findings(result.stdout) == [
        (f.sheet, f.cell, severity[f.severity]) for f in validate(read_book(tmp_path / book)).issues]
    paths = [tmp_path / "d" / f"school-{i:02d}.xlsx" for i in (1, 2, 3)]
    assert [meta_lang(p) for p in paths] == ["ru", "ru", "ru"]
    assert [read_book(p).lang for p in paths] == ["ru", "ru", "ru"]
    assert "Проверка" in CalamineWorkbook.from_path(str(paths[0])).sheet_names


def test_demo_command_writes_thirty_different_schools(tmp_path: Path) -> None:
    result = run_demo("d", "--schools", "30", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == "30 демо-китеп жазылды: d"
    folder = tmp_path / "d"
    paths = [folder / f"school-{i:02d}.xlsx" for i in range(1, 31)]
    assert sorted(folder.iterdir()) == sorted([*paths, folder / "MISTAKES.md"])
    schools = [CalamineWorkbook.from_path(str(p)).get_sheet_by_name(
        SETTINGS_SHEET.get(lang)).to_python()[2] for p, lang in
        zip(paths, [school_lang(i) for i in range(1, 31)], strict=True)]
    assert [row[0] for row in schools] == [
        SETTINGS[0].label.get(school_lang(i)) for i in range(1, 31)]  # B2 is the school's name
    names = [row[1] for row in schools]
    assert len(set(names)) == 30 and all(isinstance(n, str) and n for n in names)
    assert names == [demo_school(i, lang=school_lang(i)).settings["school"] for i in range(1, 31)]
    assert [meta_lang(p) for p in paths] == ["ky", "ky", "ru"] * 10


def test_demo_in_russian_on_a_kyrgyz_terminal_speaks_kyrgyz(tmp_path: Path) -> None:
    """--lang is the workbooks' language; the terminal keeps its own (UBSHEETS_LANG, else ky)."""
    result = run_demo("d", "--lang", "ru", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    book = Path("d") / "school-01.xlsx"
    assert result.stdout.splitlines()[-2:] == [
        "Каталар: 5, эскертүүлөр: 8.", f"Текшерүүнүн натыйжасы «Проверка» барагына жазылды: {book}"]
    assert {severity for _, _, severity in printed_findings(result.stdout)} == {"ката", "эскертүү"}
    assert read_book(tmp_path / book).lang == "ru"


def test_demo_refuses_to_replace_a_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "school-02.xlsx").write_bytes(b"a year of work")
    for lang, line in ((None, "Ката: d/school-02.xlsx файлы бар. Үстүнө жазуу үчүн --force "
                              "кошуңуз.\n"),
                       ("ru", "Ошибка: Файл d/school-02.xlsx уже существует. Чтобы перезаписать, "
                              "добавьте --force.\n")):
        result = run_demo("d", "--schools", "3", cwd=tmp_path, lang=lang)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", line)
    # Checked before anything was written: not even the schools before it.
    assert sorted(p.name for p in folder.iterdir()) == ["school-02.xlsx"]
    assert (folder / "school-02.xlsx").read_bytes() == b"a year of work"


def test_demo_force_replaces_a_workbook_and_keeps_it_as_bak(tmp_path: Path) -> None:
    assert run_demo("d", cwd=tmp_path).returncode == 0
    book = tmp_path / "d" / "school-01.xlsx"
    before = book.read_bytes()
    (tmp_path / "d" / "MISTAKES.md").write_text("old", encoding="utf-8")
    assert run_demo("d", cwd=tmp_path).returncode == 2
    assert book.read_bytes() == before
    result = run_demo("d", "--force", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (0, "")
    assert (tmp_path / "d" / "school-01.xlsx.bak").read_bytes() == before
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == [
        "MISTAKES.md", "school-01.xlsx", "school-01.xlsx.bak"]
    assert (tmp_path / "d" / "MISTAKES.md").read_text(encoding="utf-8").startswith("# ")
    assert len(mistake_findings(book)) == len(SCHOOL_1_MISTAKES)  # a fresh demo school again
