"""``ubsheets upgrade`` on workbooks of the first template (tests/fixtures/template_v1): migrated
to the current one, nothing typed lost, the user's own sheets kept."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
from python_calamine import CalamineWorkbook

from ubsheets import actions
from ubsheets.core import periods
from ubsheets.core.normalize import fold
from ubsheets.errors import InputError
from ubsheets.io.template import HEADER_LINE, TITLE_LINE
from ubsheets.schema import ALL_TABLES, META_SHEET, REGISTERS, SETTINGS_TABLE, TEMPLATE_VERSION

FIXTURES = Path(__file__).parent / "fixtures" / "template_v1"
BOOKS = {"ky": "kyrgyz.xlsx", "ru": "russian.xlsx"}
# The renames since the first template, as the fixtures hold them (README.md there).
RENAMED = {"ky": {"жаш адис": "жаш мугалим", "өткөрүлдү": "өткөрүлгөн", "жылдырылды": "жылдырылган",
                  "Сүрөт": "Сүрөт искусствосу"},
           "ru": {"запланирован": "запланировано", "проведён": "проведено", "перенесён": "перенесено"}}
OLD_HEADERS = {"events": {"Аталышы": "Тема"}, "courses": {"Өткөн күнү": "Бүткөн күнү"}}


def copied(lang: str, folder: Path) -> Path:
    path = folder / BOOKS[lang]
    shutil.copyfile(FIXTURES / BOOKS[lang], path)
    return path


def grid(path: Path, sheet: str) -> list[list]:
    return CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()


def old_rows(path: Path, register, lang: str) -> list[dict[str, object]]:
    """The fixture's rows of ``register`` (header in row 1), by current header text, the
    renamed headers and dropdown values mapped: what the migrated sheet must hold."""
    cells = grid(path, register.sheet.get(lang))
    first = register.first_col - 1
    width = len(register.columns)
    renamed = OLD_HEADERS.get(register.key, {})
    header = [renamed.get(str(text), str(text)) for text in cells[0][first:first + width]]
    rows = []
    for row in cells[1:]:
        values = row[first:first + width]
        if all(value == "" for value in values):
            continue
        rows.append({head: RENAMED[lang].get(value, value) if isinstance(value, str) else value
                     for head, value in zip(header, values, strict=True)})
    return rows


def new_rows(path: Path, register, lang: str) -> list[dict[str, object]]:
    cells = grid(path, register.sheet.get(lang))
    first = register.first_col - 1
    width = len(register.columns)
    header = [str(text) for text in cells[HEADER_LINE - 1][first:first + width]]
    return [dict(zip(header, row[first:first + width], strict=True)) for row in cells[HEADER_LINE:]
            if any(value != "" for value in row[first:first + width])]


def comparable(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Numbers as Excel keeps them (5 and 5.0 are one number), datetimes at midnight as dates."""
    def one(value: object) -> object:
        if isinstance(value, float) and value.is_integer():
            return int(value)
        if isinstance(value, dt.datetime) and value.time() == dt.time():
            return value.date()
        return value
    return [{key: one(value) for key, value in row.items()} for row in rows]


def with_own_sheet(path: Path) -> Path:
    """The user's own sheet, with values, added (openpyxl rewrites the file: fine for a copy)."""
    workbook = openpyxl.load_workbook(path)
    own = workbook.create_sheet("Менин барагым", 1)
    own["A1"], own["B2"] = "Өзүмдүн эсебим", 42
    workbook.save(path)
    return path


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_an_older_workbook_migrates_with_nothing_lost(lang, tmp_path):
    path = copied(lang, tmp_path)
    expected = {reg.key: comparable(old_rows(path, reg, lang)) for reg in ALL_TABLES
                if reg is not SETTINGS_TABLE}
    names = CalamineWorkbook.from_path(str(path)).sheet_names
    result = actions.upgrade_file(path)
    assert result.migrated is not None and result.migrated.version == "1"
    assert result.migrated.carried == sum(len(expected[reg.key]) for reg in REGISTERS)
    assert set(result.migrated.renamed) <= set(RENAMED[lang]) and result.migrated.renamed
    assert CalamineWorkbook.from_path(str(path)).sheet_names == names  # same sheets, same places
    for register in ALL_TABLES:
        if register is SETTINGS_TABLE:
            continue
        assert comparable(new_rows(path, register, lang)) == expected[register.key], register.key
    settings = {row[0]: row[1] for row in grid(path, SETTINGS_TABLE.sheet.get(lang))[HEADER_LINE:]
                if row[0]}
    old_settings = {row[0]: row[1] for row in grid(FIXTURES / BOOKS[lang], names[0])[1:] if row[0]}
    deputy = {"ky": ("Директордун ОТИ боюнча орун басары", "Директордун орун басары (аты-жөнү)"),
              "ru": ("Заместитель директора по УВР", "Заместитель директора (ФИО)")}[lang]
    old_settings[deputy[1]] = old_settings.pop(deputy[0])
    assert {k: v for k, v in settings.items() if k in old_settings} == old_settings
    assert len(settings) == len(old_settings) + 1  # the deputy's title, new: its default


def test_renamed_values_and_headers_show_the_new_labels(tmp_path):
    path = copied("ky", tmp_path)
    actions.upgrade_file(path)
    everything = {str(v) for reg in REGISTERS for row in grid(path, reg.sheet.ky) for v in row}
    assert not everything & set(RENAMED["ky"]) - {"Сүрөт"}
    assert "Өткөн күнү" not in everything
    assert {"жаш мугалим", "өткөрүлгөн", "Тема", "Бүткөн күнү"} <= everything


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_the_migrated_book_is_of_the_current_template(lang, tmp_path):
    path = copied(lang, tmp_path)
    actions.upgrade_file(path)
    workbook = openpyxl.load_workbook(path)
    assert workbook[META_SHEET]["B1"].value == TEMPLATE_VERSION == "2"
    assert workbook[META_SHEET]["B2"].value == lang
    assert workbook[META_SHEET].sheet_state == "hidden"
    for register in REGISTERS:
        sheet = workbook[register.sheet.get(lang)]
        assert sheet.cell(TITLE_LINE, 1).value == register.title.get(lang)
        assert f"A{TITLE_LINE}" in {str(r).split(":")[0] for r in sheet.merged_cells.ranges}
        assert sheet.cell(HEADER_LINE, 1).value == register.columns[0].header.get(lang)
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
    assert len([n for n in names if n.startswith("xl/tables/")]) == 15  # old ones dropped
    assert len([n for n in names if n.startswith("xl/worksheets/sheet")]) == 15


@pytest.mark.parametrize("lang", ["ky", "ru"])
def test_validate_summarize_and_report_work_after_migration(lang, tmp_path):
    (tmp_path / "old").mkdir()
    old = copied(lang, tmp_path / "old")
    path = copied(lang, tmp_path)
    actions.upgrade_file(path)
    before = actions.validate_file(old, write=False).report
    after = actions.validate_file(path).report
    assert (after.errors, after.warnings) == (before.errors, before.warnings)
    actions.summarize_file(path)
    actions.report_file(path, periods.chooser(None, None, False, True))


def test_the_users_own_sheet_survives_and_a_second_upgrade_has_nothing_to_do(tmp_path):
    path = with_own_sheet(copied("ky", tmp_path))
    with zipfile.ZipFile(path) as package:
        own_part = package.read("xl/worksheets/sheet2.xml")
    actions.upgrade_file(path)
    workbook = CalamineWorkbook.from_path(str(path))
    assert workbook.sheet_names[1] == "Менин барагым"
    assert workbook.get_sheet_by_name("Менин барагым").to_python() == [
        ["Өзүмдүн эсебим", ""], ["", 42.0]]
    with zipfile.ZipFile(path) as package:
        assert package.read("xl/worksheets/sheet2.xml") == own_part  # byte for byte
    again = path.read_bytes()
    assert actions.upgrade_file(path).added == [] and actions.upgrade_file(path).migrated is None
    assert path.read_bytes() == again


def test_a_workbook_marked_1_with_the_title_row_migrates_too(tmp_path):
    path = actions.new_workbook(tmp_path / "УБ.xlsx", "ky", year="2020-2021")
    workbook = openpyxl.load_workbook(path)
    workbook[META_SHEET]["B1"] = "1"
    workbook["Мүчөлөр"]["A3"] = "Асанова Айгүл"
    workbook.save(path)
    result = actions.upgrade_file(path)
    assert result.migrated is not None and result.migrated.carried >= 1
    assert grid(path, "Мүчөлөр")[HEADER_LINE][0] == "Асанова Айгүл"
    assert openpyxl.load_workbook(path)[META_SHEET]["B1"].value == "2"


@pytest.mark.parametrize(("sheet", "cell"), [("Иш-чаралар", "K3"), ("Жөндөөлөр", "A20")])
def test_a_value_outside_a_table_refuses_with_the_file_untouched(sheet, cell, tmp_path):
    path = copied("ky", tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook[sheet][cell] = "менин эскертүүм"
    workbook.save(path)
    before = path.read_bytes()
    with pytest.raises(InputError) as caught:
        actions.upgrade_file(path)
    assert caught.value.key == "migrate_value_outside"
    assert (caught.value.params["sheet"], caught.value.params["cell"]) == (sheet, cell)
    assert "move it to a sheet of your own first" in caught.value.message("en")
    assert path.read_bytes() == before and not Path(f"{path}.bak").exists()


def run(*args: object, lang: str) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"}, "UBSHEETS_LANG": lang}
    return subprocess.run([sys.executable, "-m", "ubsheets", "upgrade", *map(str, args)], env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_command_says_what_was_migrated_in_ky_and_ru(tmp_path):
    ky = copied("ky", tmp_path)
    done = run(ky, lang="ky")
    result = actions.upgrade_file(ky)  # now current: what the command carried is not known here
    assert result.migrated is None
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout == (
        f"«{ky}» китеби ubsheets үлгүсүнүн 1 версиясынан 2 версиясына которулду: 109 сап"
        " көчүрүлдү; өзгөртүлгөн маанилер: «жаш адис» → «жаш мугалим», «өткөрүлдү» → «өткөрүлгөн»,"
        " «жылдырылды» → «жылдырылган».\n")
    ru = copied("ru", tmp_path)
    done = run(ru, "-o", tmp_path / "новый.xlsx", lang="ru")
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"Книга «{tmp_path / 'новый.xlsx'}» переведена с версии шаблона"
                                  " ubsheets 1 на 2: перенесено строк: ")
    assert "«запланирован» → «запланировано»" in done.stdout
    assert ru.read_bytes() == (FIXTURES / BOOKS["ru"]).read_bytes()  # -o: the book untouched


def test_the_command_refuses_a_value_outside_in_one_line(tmp_path):
    path = copied("ru", tmp_path)
    workbook = openpyxl.load_workbook(path)
    workbook["Мероприятия"]["L2"] = "заметка"
    workbook.save(path)
    done = run(path, lang="ru")
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "Ошибка: В книге «russian.xlsx» на листе «Мероприятия» ячейка L2 вне таблицы (или"
        " неизвестная настройка): при обновлении она потерялась бы; перенесите её на свой лист и"
        " попробуйте снова — файл не изменён.\n")


def test_old_headers_and_values_are_read_before_the_upgrade(tmp_path):
    """An old workbook validates sensibly as it is: old headers found, old values as codes."""
    from ubsheets.core.cells import parse_choice
    from ubsheets.io.reader import read_book
    from ubsheets.schema.choices import ROLES, STATUSES, SUBJECTS

    book = read_book(copied("ky", tmp_path))
    assert "title" in book.tables["events"].columns and "done" in book.tables["courses"].columns
    assert parse_choice("жаш адис", ROLES, "ky") == "young"
    assert parse_choice("проведён", STATUSES, "ru") == "held"
    assert parse_choice("Сүрөт", SUBJECTS, "ky") == "art"
    assert fold("Сүрөт") != fold("Сүрөт искусствосу")
