"""safe_replace and the lock-file checks: the user's workbook is never left half-written."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import openpyxl
import pytest

from ubsheets.errors import InputError
from ubsheets.io import safe_write
from ubsheets.io.guard import check_workbook_file
from ubsheets.io.safe_write import check_not_open, find_lock_file, lock_owner, safe_replace

OWNER = "Айгүл Асанова"


def excel_lock_bytes(user: str) -> bytes:
    """An Excel owner file as LibreOffice's msodocumentlockfile.cxx describes it: length byte, ANSI
    name padded with spaces to byte 54, then a 2-byte length and the UTF-16-LE name at 55."""
    ansi = user.encode("cp1251", "replace")  # Kyrgyz ү, ө, ң become "?" in cp1251
    head = bytes([len(user)]) + ansi.ljust(54, b" ")
    utf16 = len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    return (head + utf16).ljust(165, b" ")


def word_lock_bytes(user: str) -> bytes:
    """A Word owner file: the ANSI name padded with zeros, the UTF-16 copy at byte 54."""
    head = bytes([len(user)]) + user.encode("cp1251", "replace").ljust(53, b"\0")
    utf16 = len(user).to_bytes(2, "little") + user.encode("utf-16-le")
    return (head + utf16).ljust(162, b"\0")


def libreoffice_lock_bytes(full_name: str, login: str) -> bytes:
    entry = f"{full_name},{login},school-pc,26.11.2026 10:00,file:///C:/Users/x/LibreOffice/4;"
    return entry.encode("utf-8")


def temp_files(folder: Path) -> list[Path]:
    return sorted(folder.glob(safe_write.TEMP_PREFIX + "*"))


def writer(content: bytes):
    def write(tmp: Path) -> None:
        tmp.write_bytes(content)

    return write


@pytest.fixture
def book(tmp_path: Path) -> Path:
    path = tmp_path / "book.xlsx"
    path.write_bytes(b"old workbook")
    return path


@pytest.fixture(autouse=True)
def no_retry_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safe_write, "REPLACE_RETRY_DELAY_S", 0)


def test_replace_keeps_a_backup_and_no_temp_file(book: Path) -> None:
    seen: list[Path] = []

    def write(tmp: Path) -> None:
        seen.append(tmp)
        tmp.write_bytes(b"new workbook")

    safe_replace(book, write)
    assert book.read_bytes() == b"new workbook"
    assert (book.parent / "book.xlsx.bak").read_bytes() == b"old workbook"
    assert seen[0].parent == book.parent and seen[0].suffix == ".xlsx"
    assert seen[0].name.startswith(".~ubsheets-")
    assert temp_files(book.parent) == []


def test_backup_overwrites_an_older_backup(book: Path) -> None:
    (book.parent / "book.xlsx.bak").write_bytes(b"very old")
    safe_replace(book, writer(b"new"))
    assert (book.parent / "book.xlsx.bak").read_bytes() == b"old workbook"


def test_new_file_and_no_backup(tmp_path: Path, book: Path) -> None:
    fresh = tmp_path / "fresh.xlsm"
    safe_replace(fresh, writer(b"first"))
    assert fresh.read_bytes() == b"first"
    assert not (tmp_path / "fresh.xlsm.bak").exists()
    safe_replace(book, writer(b"new"), backup=False)
    assert not (tmp_path / "book.xlsx.bak").exists()


def test_failing_verify_leaves_the_original_untouched(book: Path) -> None:
    def verify(tmp: Path) -> None:
        assert tmp.read_bytes() == b"broken"
        raise ValueError("verification failed")

    with pytest.raises(ValueError, match="verification failed"):
        safe_replace(book, writer(b"broken"), verify)
    assert book.read_bytes() == b"old workbook"
    assert not (book.parent / "book.xlsx.bak").exists()
    assert temp_files(book.parent) == []


def test_interrupt_while_writing_removes_the_temp_file(book: Path) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        safe_replace(book, write)
    assert book.read_bytes() == b"old workbook"
    assert temp_files(book.parent) == []


def test_real_workbook_written_and_verified(tmp_path: Path) -> None:
    path = tmp_path / "УБ.xlsx"
    openpyxl.Workbook().save(path)

    def write(tmp: Path) -> None:
        workbook = openpyxl.Workbook()
        workbook.active["A1"] = "Жаңы"
        workbook.save(tmp)

    def verify(tmp: Path) -> None:
        check_workbook_file(tmp)
        assert openpyxl.load_workbook(tmp).active["A1"].value == "Жаңы"

    safe_replace(path, write, verify)
    assert openpyxl.load_workbook(path).active["A1"].value == "Жаңы"
    check_workbook_file(tmp_path / "УБ.xlsx.bak")


def test_excel_lock_refuses_with_the_owner(book: Path) -> None:
    (book.parent / "~$book.xlsx").write_bytes(excel_lock_bytes(OWNER))
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    error = caught.value
    assert error.key == "file_is_open"
    assert error.params == {"name": "book.xlsx", "lock": "~$book.xlsx", "owner": OWNER}
    assert error.message("en") == (
        '"book.xlsx" is open in Excel or LibreOffice by Айгүл Асанова: close it there and try'
        ' again; if it is not open anywhere, the lock file "~$book.xlsx" was left by a crash and'
        " can be deleted."
    )
    assert error.message("ky") == (
        "«book.xlsx» файлын азыр Айгүл Асанова Excel же LibreOffice программасында ачып турат:"
        " файлды ошол жерде жаап, кайра аракет кылыңыз; эгер ал эч жерде ачык болбосо,"
        " «~$book.xlsx» кулпу файлы программа күтүлбөй жабылгандан калган, аны өчүрсөңүз болот."
    )
    assert book.read_bytes() == b"old workbook"
    assert temp_files(book.parent) == []


def test_libreoffice_lock_refuses_with_the_owner(book: Path) -> None:
    (book.parent / ".~lock.book.xlsx#").write_bytes(libreoffice_lock_bytes("", OWNER))
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    assert caught.value.key == "file_is_open"
    assert caught.value.params["lock"] == ".~lock.book.xlsx#"
    assert caught.value.params["owner"] == OWNER
    assert book.read_bytes() == b"old workbook"


def test_excel_lock_of_a_long_name_drops_two_characters(tmp_path: Path) -> None:
    path = tmp_path / "methodical-plan-2026.xlsx"
    path.write_bytes(b"x")
    lock = tmp_path / "~$thodical-plan-2026.xlsx"
    lock.write_bytes(excel_lock_bytes("teacher"))
    assert find_lock_file(path) == lock
    with pytest.raises(InputError) as caught:
        check_not_open(path)
    assert caught.value.params["owner"] == "teacher"


def test_unreadable_lock_names_someone(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (book.parent / "~$book.xlsx").write_bytes(b"")
    monkeypatch.setenv("UBSHEETS_LANG", "en")
    with pytest.raises(InputError) as caught:
        check_not_open(book)
    assert caught.value.params["owner"] == "someone"
    monkeypatch.setenv("UBSHEETS_LANG", "ky")
    with pytest.raises(InputError) as caught:
        check_not_open(book)
    assert caught.value.params["owner"] == "кимдир бирөө"


def test_no_lock_no_error(book: Path) -> None:
    (book.parent / "~$other.xlsx").write_bytes(excel_lock_bytes("x"))
    assert find_lock_file(book) is None
    check_not_open(book)


@pytest.mark.parametrize(
    "lock_name, content, owner",
    [
        ("~$a.xlsx", excel_lock_bytes(OWNER), OWNER),
        ("~$a.xlsx", excel_lock_bytes("x" * 52), "x" * 52),
        ("~$a.xlsx", word_lock_bytes(OWNER), OWNER),
        ("~$a.xlsx", bytes([5]) + b"Aigul", "Aigul"),  # no UTF-16 copy: the ANSI name
        # ANSI only (no UTF-16 copy): Kyrgyz letters were already lost as "?" when Excel wrote it
        ("~$a.xlsx", bytes([5]) + "Айгүл".encode("cp1251", "replace"), "Айг?л"),
        ("~$a.xlsx", bytes([0]) + b" " * 200, None),
        ("~$a.xlsx", bytes([200]) + b"x" * 300, None),
        ("~$a.xlsx", b"\xff" * 165, None),
        (".~lock.a.xlsx#", libreoffice_lock_bytes("Айгүл Асанова", "aigul"), OWNER),
        (".~lock.a.xlsx#", libreoffice_lock_bytes("", "aigul"), "aigul"),
        (".~lock.a.xlsx#", libreoffice_lock_bytes(r"Асанова\, Айгүл", "a"), "Асанова, Айгүл"),
        (".~lock.a.xlsx#", b"\xff\xfe,aigul,pc,26.11.2026 10:00,file:///x;", "aigul"),
        (".~lock.a.xlsx#", b",,,,;", None),
        (".~lock.a.xlsx#", b"\xff\xfe\x00garbage", None),
        (".~lock.a.xlsx#", b"", None),
    ],
)
def test_lock_owner(tmp_path: Path, lock_name: str, content: bytes, owner: str | None) -> None:
    lock = tmp_path / lock_name
    lock.write_bytes(content)
    assert lock_owner(lock) == owner


def test_lock_owner_of_a_missing_file(tmp_path: Path) -> None:
    assert lock_owner(tmp_path / "~$gone.xlsx") is None


def test_replace_retries_while_another_program_holds_the_file(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace
    calls: list[int] = []

    def held_three_times(source, target) -> None:
        calls.append(1)
        if len(calls) <= 3:
            raise PermissionError(13, "The process cannot access the file (WinError 32)")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", held_three_times)
    safe_replace(book, writer(b"new"))
    assert len(calls) == 4
    assert book.read_bytes() == b"new"
    assert temp_files(book.parent) == []


def test_replace_gives_up_with_a_clear_message(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def always_held(source, target) -> None:
        calls.append(1)
        raise PermissionError(13, "Access is denied (WinError 5)")

    monkeypatch.setattr(os, "replace", always_held)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    assert caught.value.key == "file_locked_by_other"
    assert caught.value.message("en") == (
        'Cannot replace "book.xlsx": another program is holding it (Excel, an antivirus, a sync'
        " tool) or it is read-only; close that program and try again — the file was not changed."
    )
    assert len(calls) == safe_write.REPLACE_TRIES
    assert book.read_bytes() == b"old workbook"
    assert temp_files(book.parent) == []


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        safe_replace(tmp_path / "нет" / "book.xlsx", writer(b"x"))
    assert caught.value.key == "cannot_write"
    assert caught.value.message("en") == (
        f'Cannot save "book.xlsx" in the folder "{tmp_path / "нет"}": check that the folder'
        " exists and that you may save files there."
    )


def test_folder_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_bytes(b"")
    with pytest.raises(InputError) as caught:
        safe_replace(tmp_path / "file" / "book.xlsx", writer(b"x"))
    assert caught.value.key == "cannot_write"


def test_folder_refuses_new_files(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What an unwritable folder does, even when the tests run as root."""

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"x"))
    assert caught.value.key == "cannot_write"
    assert caught.value.params == {"name": "book.xlsx", "folder": str(book.parent)}


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0,
                    reason="a real read-only folder needs POSIX and a user other than root (root "
                           "writes anywhere); test_folder_refuses_new_files covers this path as "
                           "root, by making os.open refuse")
def test_unwritable_folder(tmp_path: Path) -> None:
    folder = tmp_path / "readonly"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        with pytest.raises(InputError) as caught:
            safe_replace(folder / "book.xlsx", writer(b"x"))
        assert caught.value.key == "cannot_write"
    finally:
        folder.chmod(0o700)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_permissions_are_kept(book: Path, tmp_path: Path) -> None:
    book.chmod(0o640)
    safe_replace(book, writer(b"new"))
    assert stat.S_IMODE(book.stat().st_mode) == 0o640
    fresh = tmp_path / "fresh.xlsx"
    safe_replace(fresh, writer(b"x"))
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o666 & ~umask


@pytest.mark.skipif(os.name != "posix", reason="symlinks need privileges on Windows")
def test_symlink_keeps_pointing_to_the_new_file(book: Path, tmp_path: Path) -> None:
    link = tmp_path / "link.xlsx"
    link.symlink_to(book)
    safe_replace(link, writer(b"through the link"))
    assert link.is_symlink()
    assert book.read_bytes() == b"through the link"
