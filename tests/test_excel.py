"""The Excel buttons' functions, end to end through a recording stand-in of xlwings, on real files."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
import xlwings
import xlwings.main

from tests import xlwings_standin as standin
from tests.builders import make_book
from ubsheets import actions, excel
from ubsheets.i18n import t


def caller(path: Path, **names: object) -> standin.Book:
    return standin.Book(standin.App(), str(path), names=dict(names))


def copied(book: standin.Book) -> list[str]:
    return [call[1] for call in book.app._calls if call[0] == "copy"]


def text_of(sheet: standin.Sheet) -> str:
    return " ".join(str(value) for row in sheet._values for value in row)


def test_validate_puts_the_validation_sheet_in_the_open_book_kyrgyz(tmp_path):
    book = caller(make_book(tmp_path / "ub.xlsx"))
    excel.validate(book)
    assert book.app._alerts == ["Ката табылган жок.\nБарак жазылды: Текшерүү"]
    assert copied(book) == ["Текшерүү"]
    assert "Текшерүү" in [sheet.name for sheet in book.sheets]
    # Saved before (the registers as typed) and after (the sheet in place); the copy closed.
    names = [call[0] for call in book.app._calls]
    assert names[0] == "save" and names[-2:] == ["save", "alert"] and "close" in names


def test_validate_russian_replaces_the_sheet_and_reports_errors(tmp_path):
    path = make_book(tmp_path / "mo.xlsx", "ru", members=[])
    actions.validate_file(path, backup=False)  # the book already holds a validation sheet
    book = caller(path)
    excel.validate(book)
    [message] = book.app._alerts
    assert message.startswith("Ошибок: ") and message.endswith("\nЗаписан лист: Проверка")
    assert ("delete", "Проверка") in book.app._calls
    assert [sheet.name for sheet in book.sheets].count("Проверка") == 1
    assert text_of(book.sheets["Проверка"])  # the copy carries what the writer wrote on disk


def test_summarize_and_report_in_kyrgyz(tmp_path):
    book = caller(make_book(tmp_path / "ub.xlsx"), ub_period="2020-10")
    excel.summarize(book)
    excel.report(book)
    sheets = copied(book)
    assert sheets[0] == "Жыйынтык" and len(sheets) == 2 and "2020-10" in sheets[1]
    assert book.app._alerts == ["Барак жазылды: Жыйынтык", f"Барак жазылды: {sheets[1]}"]
    assert ("read", "ub_period") in book.app._calls
    assert text_of(book.sheets["Жыйынтык"]) and text_of(book.sheets[sheets[1]])


@pytest.mark.parametrize("value", ["2020-10-1", "2020-2021"])
def test_report_half_month_and_year_in_russian(tmp_path, value):
    book = caller(make_book(tmp_path / "mo.xlsx", "ru"), ub_period=value)
    excel.report(book)
    [sheet] = copied(book)
    assert sheet.endswith(value)
    assert book.app._alerts == [f"Записан лист: {sheet}"]


@pytest.mark.parametrize(("value", "message"), [
    ("2020-13", "Айды 2020-10 түрүндө жазыңыз: 2020-13"),
    ("октябрь", "«октябрь» — мезгил эмес. Мезгилди тизмеден тандаңыз же {month}, {month}-1, {year} "
                "түрүндө жазыңыз."),
    ("2019-2020", "2019-2020 мезгили окуу жылынан тышкары (01.09.2020 – 25.05.2021): жылды "
                  "текшериңиз."),
])
def test_a_bad_period_is_one_message_and_nothing_is_copied(tmp_path, value, message):
    book = caller(make_book(tmp_path / "ub.xlsx"), ub_period=value)
    excel.report(book)
    start, end = actions.academic_year(None)  # the examples are this year's, as the list is
    assert book.app._alerts == [message.format(month=f"{start}-10", year=f"{start}-{end}")]
    assert copied(book) == []


def test_a_missing_period_cell_is_named(tmp_path):
    book = caller(make_book(tmp_path / "mo.xlsx", "ru"))
    excel.report(book)
    assert book.app._alerts == ["В книге нет ячейки «Период»: кнопка работает с листом «Главная», "
                                "который создают команды ubsheets new и ubsheets upgrade."]


def test_an_empty_period_cell_is_named_by_its_label(tmp_path):
    book = caller(make_book(tmp_path / "ub.xlsx"), ub_period="  ")
    excel.report(book)
    assert book.app._alerts == ["«Мезгил» уячасы бош: «Башкы бет» барагында толтуруңуз."]


def test_a_damaged_file_is_one_readable_message(tmp_path):
    path = tmp_path / "ub.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    book = standin.Book(standin.App(), str(path), sheets=["Мүчөлөр"])
    excel.validate(book)
    [message] = book.app._alerts
    assert "\n" not in message and "Traceback" not in message and "«ub.xlsx»" in message


def test_an_unsaved_book_is_asked_to_be_saved(tmp_path):
    book = standin.Book(standin.App(), "Book1", sheets=["Sheet1"])
    excel.summarize(book)
    assert book.app._alerts == ["Адегенде китепти .xlsm файлы катары сактаңыз (Файл → Сохранить как), "
                                "анан баскычты кайра басыңыз."]
    # Not saved by the button: xlwings would save it as <cwd>\Book1.xlsx, without its macros.
    assert [call for call in book.app._calls if call[0] == "save"] == []


def test_an_unexpected_error_is_one_line_in_the_books_language(tmp_path, monkeypatch):
    def broken(path):
        raise RuntimeError("boom\n  at line 2")

    monkeypatch.setattr(actions, "summarize_file", broken)
    book = caller(make_book(tmp_path / "mo.xlsx", "ru"))
    excel.summarize(book)
    assert book.app._alerts == ["Непредвиденная ошибка (RuntimeError: boom at line 2). "
                                "Сообщите разработчикам."]


def test_consolidate_writes_the_district_workbook_and_opens_it(tmp_path):
    schools = tmp_path / "schools"
    schools.mkdir()
    make_book(schools / "a.xlsx")
    make_book(schools / "b.xlsx", settings={"school": "№2 орто мектеп"})
    district = make_book(tmp_path / "district.xlsx")  # the button's book: any saved workbook
    book = caller(district, ub_folder="schools")
    excel.consolidate(book)
    output = tmp_path / "schools.xlsx"
    assert book.app._alerts == [f"Райондун китеби жазылды: {output} (колдонулду: 2, окулган жок: 0, "
                                "кайталанма: 0)."]
    assert ("books.open", str(output)) in book.app._calls
    opened = book.app.books._open[-1]
    assert len(opened.sheets) >= 2  # the district workbook as written on disk, read by calamine


def test_consolidate_without_the_folder(tmp_path):
    book = caller(make_book(tmp_path / "district.xlsx"), ub_folder="nowhere")
    excel.consolidate(book)
    assert book.app._alerts == [f"Мындай папка жок: {tmp_path / 'nowhere'}. Башкы беттеги «Мектептердин "
                                "папкасы» уячасына мектептердин китептери турган папканы жазыңыз."]


def test_every_xlwings_attribute_the_standin_offers_exists_on_the_real_classes():
    for cls in standin.STANDINS:
        real = xlwings
        for part in cls.REAL.split("."):
            real = getattr(real, part)
        offered = [name for name, _ in inspect.getmembers(cls)
                   if not name.startswith("_") and name != "REAL"]
        offered += [name for name in ("__getitem__", "__iter__", "__len__") if name in vars(cls)]
        missing = [name for name in offered + _instance_attributes(cls) if not hasattr(real, name)]
        assert not missing, f"{cls.REAL} lacks {missing}"


def _instance_attributes(cls: type) -> list[str]:
    source = inspect.getsource(cls.__init__)
    return sorted({line.split("self.")[1].split(" ")[0].split(":")[0]
                   for line in source.splitlines() if line.strip().startswith("self.")
                   and not line.strip().startswith("self._")})


def test_importing_the_module_needs_no_excel():
    assert callable(excel.validate) and callable(excel.consolidate)
    assert "xlwings" not in excel.__dict__


def test_a_period_outside_the_books_year_is_one_message(tmp_path):
    book = caller(make_book(tmp_path / "ub.xlsx"), ub_period="2021-10")
    excel.report(book)
    assert book.app._alerts == [t("period_outside_year", "ky", period="2021-10", start="01.09.2020",
                                  end="25.05.2021")]
    assert copied(book) == []
