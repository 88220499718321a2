"""The workbook ``ubsheets new`` makes: a table, a frozen header and notes on every register, the
dropdowns behind the cells, and the hidden sheet that says which template and language it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter

from ubsheets import actions
from ubsheets.errors import UsageError
from ubsheets.schema import (
    ALL_TABLES,
    HOLIDAYS,
    META_SHEET,
    OPEN_LESSONS,
    SETTINGS,
    SETTINGS_TABLE,
    TEMPLATE_VERSION,
)
from ubsheets.schema.settings import setting


@pytest.fixture(scope="module", params=["ky", "ru"])
def new_book(request, tmp_path_factory) -> tuple[str, openpyxl.Workbook]:
    path = tmp_path_factory.mktemp("new") / "book.xlsx"
    actions.new_workbook(path, request.param, school="Ильич мектеби", year="2020-2021")
    return request.param, openpyxl.load_workbook(path)


def test_every_register_is_a_table_under_a_frozen_header(new_book):
    lang, wb = new_book
    tables = {name: ref for ws in wb.worksheets for name, ref in ws.tables.items()}
    assert sorted(tables) == sorted(reg.table_name for reg in ALL_TABLES)
    assert len(tables) == 15
    for register in ALL_TABLES:
        ws = wb[register.sheet.get(lang)]
        first = get_column_letter(register.first_col)
        last = get_column_letter(register.first_col + len(register.columns) - 1)
        assert tables[register.table_name].startswith(f"{first}2:{last}"), register.key
        assert [ws.cell(2, register.first_col + i).value for i in range(len(register.columns))] \
            == [column.header.get(lang) for column in register.columns], register.key
        # Above the table, the form's title from the planning document, merged over its width.
        assert ws.cell(1, register.first_col).value == register.title.get(lang), register.key
        assert f"{first}1:{last}1" in {str(r) for r in ws.merged_cells.ranges}, register.key
        # Frozen under the header; the settings sheet holds two tables and one freeze.
        assert ws.freeze_panes == "A3", register.key
    # The settings' second table, the holidays, sits beside the first one: D2:F3.
    assert tables[HOLIDAYS.table_name] == "D2:F3"
    assert tables[SETTINGS_TABLE.table_name] == f"A2:B{len(SETTINGS) + 2}"
    assert tables[OPEN_LESSONS.table_name] == "A2:I3"  # an empty register: a header, a blank row


def test_every_register_prints_as_the_documents_form(new_book):
    """A4, fitted to the page's width (landscape where the columns need it), the title and the
    header on every page, the page's number and the count in the footer."""
    lang, wb = new_book
    footer = {"ky": "Бет &P / &N", "ru": "Стр. &P из &N"}[lang]
    for ws in wb.worksheets[:-1]:  # the hidden sheet aside
        setup = ws.page_setup
        assert (setup.paperSize, setup.fitToWidth, setup.fitToHeight) == (9, 1, 0), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$2", ws.title
        assert ws.oddFooter.center.text == footer, ws.title
    members = wb[ALL_TABLES[2].sheet.get(lang)]
    assert members.page_setup.orientation == "landscape"  # 13 columns


def test_every_header_cell_has_a_note(new_book):
    lang, wb = new_book
    for register in ALL_TABLES:
        ws = wb[register.sheet.get(lang)]
        for offset, column in enumerate(register.columns):
            note = ws.cell(2, register.first_col + offset).comment
            expected = column.help.get(lang)
            if column.required:
                expected += {"ky": "\nТолтуруу милдеттүү.", "ru": "\nОбязательно для заполнения."}[lang]
            assert note is not None and note.text == expected, (register.key, column.key)
    a1 = {"ky": "Өзгөртпөңүз.\nТолтуруу милдеттүү.", "ru": "Не изменяйте.\nОбязательно для заполнения."}
    assert wb[SETTINGS_TABLE.sheet.get(lang)]["A2"].comment.text == a1[lang]


def test_open_lessons_have_their_dropdowns_and_a_date_check(new_book):
    lang, wb = new_book
    ws = wb[OPEN_LESSONS.sheet.get(lang)]
    found = [(str(dv.sqref), dv.type, dv.formula1, dv.operator, bool(dv.showErrorMessage))
             for dv in ws.data_validations.dataValidation]
    assert found == [
        ("B3:B1002", "list", "ub_teachers", None, False),  # a teacher: suggested, not enforced
        ("C3:C1002", "list", "ub_list_subject", None, False),
        ("F3:F1002", "date", "36526", "greaterThan", False),  # after 01.01.2000
        ("G3:G1002", "list", "ub_list_yes_no", None, True),
        ("H3:H1002", "list", "ub_list_status", None, True),
    ]
    names = {name: value.attr_text for name, value in wb.defined_names.items()}
    members = {"ky": "Мүчөлөр", "ru": "Состав МО"}[lang]
    assert names["ub_teachers"] == f"'{members}'!$A$3:$A$5000"
    assert names["ub_list_status"] == "'ubsheets'!$G$2:$G$4"
    assert names["ub_list_yes_no"] == "'ubsheets'!$H$2:$H$3"
    meta = wb[META_SHEET]
    statuses = {"ky": ["пландалган", "өткөрүлгөн", "жылдырылган"],
                "ru": ["запланировано", "проведено", "перенесено"]}[lang]
    assert [meta[f"G{row}"].value for row in range(1, 5)] == ["status", *statuses]
    assert [meta[f"H{row}"].value for row in range(1, 4)] == [
        "yes_no", *{"ky": ["ооба", "жок"], "ru": ["да", "нет"]}[lang]]


def test_the_hidden_sheet_names_the_template_and_the_language(new_book):
    lang, wb = new_book
    assert wb.sheetnames[-1] == META_SHEET
    meta = wb[META_SHEET]
    assert meta.sheet_state == "hidden"
    assert [[meta.cell(row, col).value for col in (1, 2)] for row in (1, 2, 3)] == [
        ["template_version", TEMPLATE_VERSION], ["lang", lang], ["created_by", "ubsheets 0.1.0"]]
    assert TEMPLATE_VERSION == "2"
    assert [ws.sheet_state for ws in wb.worksheets[:-1]] == ["visible"] * 14


@pytest.mark.parametrize("today, year", [
    (dt.date(2021, 7, 31), (2020, 2021)),  # still the year that ends in summer
    (dt.date(2021, 8, 1), (2021, 2022)),  # August: the new year is being planned
    (dt.date(2021, 1, 15), (2020, 2021)),
    (dt.date(2020, 12, 31), (2020, 2021)),
])
def test_the_academic_year_turns_on_the_first_of_august(today, year):
    assert actions.academic_year(None, today) == year


@pytest.mark.parametrize("text, year", [
    ("2020-2021", (2020, 2021)), (" 2020 – 2021 ", (2020, 2021)), ("2020/2021", (2020, 2021)),
])
def test_an_academic_year_as_typed(text, year):
    assert actions.academic_year(text) == year


@pytest.mark.parametrize("text", ["2020", "2020-2022", "2021-2020", "20-21"])
def test_an_academic_year_that_is_not_one(text):
    with pytest.raises(UsageError) as caught:
        actions.academic_year(text)
    assert (caught.value.key, caught.value.params) == ("bad_year", {"value": text})


def test_new_without_a_year_takes_the_running_one(tmp_path: Path):
    start, end = actions.academic_year(None)
    actions.new_workbook(tmp_path / "b.xlsx", "ky")
    settings = openpyxl.load_workbook(tmp_path / "b.xlsx")["Жөндөөлөр"]
    value = {row[0].value: row[1].value for row in settings.iter_rows(min_row=3, max_col=2)}
    assert (value[setting("year_start").label.ky], value[setting("year_end").label.ky]) == (
        dt.datetime(start, 9, 1), dt.datetime(end, 5, 25))
