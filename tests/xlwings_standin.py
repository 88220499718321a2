"""A stand-in for the few xlwings objects ``ubsheets.excel`` uses, recording every call.

Books are real files: a book's sheets (names and values) are read from its file with
python-calamine when it is made or opened, so a sheet copied from a book the writer wrote carries
what that file holds. Each class names the real xlwings class it stands for (``REAL``); every
public attribute of the stand-in must exist there (tests/test_excel.py checks it). What the
stand-in records lives in attributes starting with an underscore.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from python_calamine import CalamineWorkbook


class App:
    REAL = "App"

    def __init__(self) -> None:
        self._calls: list[tuple[Any, ...]] = []
        self._alerts: list[str] = []
        self.books = Books(self)

    def alert(self, prompt: str, title: str | None = None, buttons: str = "ok",
              mode: str | None = None, callback: str | None = None) -> str | None:
        self._calls.append(("alert", prompt, title))
        self._alerts.append(prompt)
        return None


class Books:
    REAL = "main.Books"

    def __init__(self, app: App) -> None:
        self._app = app
        self._open: list[Book] = []

    def open(self, fullname: str) -> Book:
        self._app._calls.append(("books.open", fullname))
        book = Book(self._app, fullname)
        self._open.append(book)
        return book


class Book:
    REAL = "Book"

    def __init__(self, app: App, fullname: str, names: dict[str, Any] | None = None,
                 sheets: list[str] | None = None) -> None:
        self.app = app
        self.fullname = fullname
        self.names = Names(app, names or {})
        self.sheets = Sheets(self, _read_sheets(Path(fullname)) if sheets is None
                             else [Sheet(self, name, []) for name in sheets])

    def save(self, path: str | None = None) -> None:
        self.app._calls.append(("save", Path(self.fullname).name))

    def close(self) -> None:
        self.app._calls.append(("close", Path(self.fullname).name))


def _read_sheets(path: Path) -> list[Sheet]:
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # a damaged file: Excel would not have opened it; no sheets then
        return []
    return [Sheet(None, name, workbook.get_sheet_by_name(name).to_python())
            for name in workbook.sheet_names]


class Sheets:
    REAL = "main.Sheets"

    def __init__(self, book: Book, sheets: list[Sheet]) -> None:
        self._book = book
        self._list = sheets
        for sheet in sheets:
            sheet.book = book

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(list(self._list))

    def __len__(self) -> int:
        return len(self._list)

    def __getitem__(self, key: int | str) -> Sheet:
        if isinstance(key, int):
            return self._list[key]
        return next(sheet for sheet in self._list if sheet.name.casefold() == key.casefold())


class Sheet:
    REAL = "Sheet"

    def __init__(self, book: Book | None, name: str, values: list[list[Any]]) -> None:
        self.book = book
        self._name = name
        self._values = values

    @property
    def name(self) -> str:
        return self._name

    @name.setter
    def name(self, value: str) -> None:
        self._app()._calls.append(("rename", self._name, value))
        self._name = value

    def delete(self) -> None:
        self._app()._calls.append(("delete", self._name))
        assert self.book is not None
        self.book.sheets._list.remove(self)

    def copy(self, before: Sheet | None = None, after: Sheet | None = None,
             name: str | None = None) -> Sheet:
        target = before or after
        assert target is not None and target.book is not None
        self._app()._calls.append(("copy", self._name, "before" if before else "after",
                                   target.name))
        book = target.book
        if any(sheet.name.casefold() == self._name.casefold() for sheet in book.sheets):
            raise AssertionError(f"Excel would rename the copy: {self._name} is in the book")
        sheets = book.sheets._list
        copied = Sheet(book, name or self._name, self._values)
        sheets.insert(sheets.index(target) + (0 if before else 1), copied)
        return copied

    def _app(self) -> App:
        assert self.book is not None
        return self.book.app


class Names:
    REAL = "main.Names"

    def __init__(self, app: App, values: dict[str, Any]) -> None:
        self._app = app
        self._values = values

    def contains(self, name_or_index: int | str) -> bool:
        return name_or_index in self._values

    def __getitem__(self, name: str) -> Name:
        return Name(self._app, name, self._values[name])


class Name:
    REAL = "main.Name"

    def __init__(self, app: App, name: str, value: Any) -> None:
        self._app = app
        self.name = name
        self._value = value

    @property
    def refers_to_range(self) -> Range:
        return Range(self._app, self.name, self._value)


class Range:
    REAL = "Range"

    def __init__(self, app: App, name: str, value: Any) -> None:
        self._app = app
        self._name = name
        self._value = value

    @property
    def value(self) -> Any:
        self._app._calls.append(("read", self._name))
        return self._value


STANDINS = (App, Books, Book, Sheets, Sheet, Names, Name, Range)
