"""The reader forgives what people do to headers and sheets, and says what it cannot find."""

from __future__ import annotations

import copy

import openpyxl
import pytest
from builders import ROWS, check, findings_of, make_book

from ubsheets.errors import InputError
from ubsheets.io.reader import read_book


def edit(path, change):
    wb = openpyxl.load_workbook(path)
    change(wb)
    wb.save(path)
    return path


def too_many_hours():
    rows = copy.deepcopy(ROWS["members"])
    rows[1]["weekly_hours"] = 45
    return {"members": rows}


@pytest.mark.parametrize("header", ["ЖУМАЛЫК САAТ", "  жумалык   саат ", "Жумалык саат:",
                                    "Нагрузка (ч/нед)", "weekly hours", "Жумалык саат *"])
def test_headers_match_in_any_language_case_spacing_and_lookalikes(tmp_path, header):
    path = make_book(tmp_path / "b.xlsx", **too_many_hours())
    edit(path, lambda wb: setattr(wb["Мүчөлөр"]["I2"], "value", header))
    assert findings_of(check(path)) == [("Мүчөлөр", "I4", "hours_out_of_range")]


def test_kyrgyz_letters_typed_without_marks_still_match(tmp_path):
    path = make_book(tmp_path / "b.xlsx", **too_many_hours())

    def plain_letters(wb):
        wb["Мүчөлөр"]["A2"] = "Аты-жону"
        wb["Мүчөлөр"].title = "Мучолор"

    edit(path, plain_letters)
    assert findings_of(check(path)) == [("Мучолор", "I4", "hours_out_of_range")]


def test_extra_and_reordered_columns_and_a_title_row(tmp_path):
    path = make_book(tmp_path / "b.xlsx", **too_many_hours())

    def rearrange(wb):
        ws = wb["Мүчөлөр"]
        for merged in list(ws.merged_cells.ranges):  # openpyxl moves no merge with the cells
            ws.unmerge_cells(str(merged))
        ws.insert_cols(1)
        ws["A2"] = "Телефон"
        ws["A3"] = "0555 123 456"
        ws.insert_rows(1)  # a second title above the form's own
        ws["A1"] = "Ильич мектеби, 2020-2021"
        # swap "Жумалык саат" (now J) with "Категориясы" (now M), header at row 3
        for row in range(3, 7):
            ws[f"J{row}"].value, ws[f"M{row}"].value = ws[f"M{row}"].value, ws[f"J{row}"].value

    edit(path, rearrange)
    assert findings_of(check(path)) == [("Мүчөлөр", "M5", "hours_out_of_range")]


def title_block(rows: int):
    """``rows`` rows inserted above the members' table, a title in the first."""
    def insert(wb):
        ws = wb["Мүчөлөр"]
        for merged in list(ws.merged_cells.ranges):  # openpyxl moves no merge with the cells
            ws.unmerge_cells(str(merged))
        ws.insert_rows(1, rows)
        ws["A1"] = "Ильич мектеби, 2020-2021"

    return insert


def test_a_header_below_row_10_is_found(tmp_path):
    """Twelve rows above the form's title put the header in row 14: it was not looked for past
    row 10, and the members register came out empty (~120 follow-on errors)."""
    path = edit(make_book(tmp_path / "b.xlsx", **too_many_hours()), title_block(12))
    assert findings_of(check(path)) == [("Мүчөлөр", "I16", "hours_out_of_range")]


def test_the_header_search_takes_the_first_complete_header(tmp_path):
    """Header words typed again further down (here the whole header, in row 40) are a row of
    data: the search stops at the first row with every required header."""
    path = make_book(tmp_path / "b.xlsx")

    def header_again_below(wb):
        title_block(12)(wb)
        ws = wb["Мүчөлөр"]
        for cell in ws[14]:
            ws.cell(row=40, column=cell.column, value=cell.value)

    edit(path, header_again_below)
    table = read_book(path).tables["members"]
    assert (table.header_line, [row.line for row in table.rows]) == (14, [15, 16, 17, 40])


def test_a_missing_required_column_is_reported(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    edit(path, lambda wb: wb["Ачык сабактар"].delete_cols(5))  # "Тема"
    report = check(path)
    assert findings_of(report) == [("Ачык сабактар", "A2", "column_missing")]
    assert report.issues[0].message == "«Тема» мамычасы жок: аны кайра кошуңуз же атын оңдоңуз."


def test_a_workbook_that_is_not_ours_names_the_missing_registers(tmp_path):
    path = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "Мүчөлөр"
    wb.save(path)
    with pytest.raises(InputError) as caught:
        read_book(path)
    assert caught.value.key == "not_ubsheets_workbook"
    message = caught.value.message("ky")
    assert message.startswith("other.xlsx ubsheets китеби эмес: ")
    assert "Жөндөөлөр, Өз билимин өркүндөтүү, Ачык сабактар" in message
    assert "Мүчөлөр," not in message
    assert "Состав МО" not in message and "Самообразование" in caught.value.message("ru")


def test_language_comes_from_the_hidden_sheet(tmp_path):
    assert read_book(make_book(tmp_path / "ru.xlsx", "ru")).lang == "ru"
    assert read_book(make_book(tmp_path / "ky.xlsx", "ky")).lang == "ky"


def test_language_is_guessed_from_sheet_names_without_the_hidden_sheet(tmp_path):
    path = make_book(tmp_path / "ru.xlsx", "ru")
    edit(path, lambda wb: wb.remove(wb["ubsheets"]))
    assert read_book(path).lang == "ru"
