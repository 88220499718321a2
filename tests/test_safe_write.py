"""safe_replace and the lock-file checks: the user's workbook is never left half-written."""

from __future__ import annotations

import errno
import getpass
import os
import re
import shutil
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import openpyxl
import pytest
from builders import make_book
from conftest import SOFFICE, needs_libreoffice
from enrich import UNO_CONNECT, uno_python

from ubsheets import actions
from ubsheets.errors import InputError
from ubsheets.io import safe_write
from ubsheets.io.guard import check_workbook_file
from ubsheets.io.safe_write import (
    check_not_open,
    check_writable,
    find_lock_file,
    lock_owner,
    safe_replace,
)

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


def lock_of(book: Path) -> Path:
    return book.with_name(f".~lock.{book.name}#")


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


def held(winerror: int, text: str) -> PermissionError:
    """What os.replace raises on Windows while another program holds the target."""
    error = PermissionError(13, text)
    error.winerror = winerror  # type: ignore[attr-defined]  # set by Windows only
    return error


def test_replace_retries_while_another_program_holds_the_file(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_replace = os.replace
    calls: list[int] = []

    def held_three_times(source, target) -> None:
        if Path(target) == book:
            calls.append(1)
            if len(calls) <= 3:
                raise held(32, "The process cannot access the file (WinError 32)")
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", held_three_times)
    safe_replace(book, writer(b"new"))
    assert len(calls) == 4
    assert book.read_bytes() == b"new"
    assert temp_files(book.parent) == []


def test_replace_gives_up_with_a_clear_message(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace
    calls: list[int] = []

    def always_held(source, target) -> None:
        if Path(target) != book:
            return real_replace(source, target)
        calls.append(1)
        raise held(5, "Access is denied (WinError 5)")

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
    assert not lock_of(book).exists()


def test_replace_in_a_folder_without_permission_is_named_at_once(
    book: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On POSIX a refused rename is the folder's permission, not a program holding the file:
    no waiting, and the cause named."""
    real_replace = os.replace
    calls: list[int] = []

    def refuse(source, target) -> None:
        if Path(target) != book:
            return real_replace(source, target)
        calls.append(1)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    assert (caught.value.key, len(calls)) == ("no_permission", 1)
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
    assert caught.value.key == "no_permission"
    assert caught.value.params == {"name": "book.xlsx", "folder": str(book.parent),
                                   "book": "book.xlsx"}
    assert caught.value.message("ky") == (
        f"«book.xlsx» сакталган жок: «{book.parent}» папкасына файл жазууга укугуңуз жок; ага"
        " жазуу укугун сураңыз же китепти өз папкаңызга көчүрүңүз — «book.xlsx» файлы өзгөргөн"
        " жок."
    )
    assert caught.value.message("ru") == (
        f"Не удалось сохранить «book.xlsx»: у вас нет права записи в папку «{book.parent}»;"
        " попросите право на запись или скопируйте книгу в свою папку — файл «book.xlsx» не"
        " изменён."
    )
    assert book.read_bytes() == b"old workbook"


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
        assert caught.value.key == "no_permission"
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


# --- our own lock, and a file changed by another program during the run (issue 7, item 3) ------


def parse_like_libreoffice(data: bytes) -> list[str]:
    """LibreOffice's LockFileCommon::ParseEntry, strictly: five fields, the first four ended by
    ",", the last by ";", a backslash escaping only ",;\\\\". Raises where LibreOffice would."""
    fields, position = [], 0
    for index in range(5):
        field = bytearray()
        while True:
            byte = data[position]  # IndexError: the entry ended early
            position += 1
            if byte == 0x5C:
                escaped = data[position]
                assert escaped in b",;\\", "LibreOffice refuses any other escape"
                field.append(escaped)
                position += 1
            elif byte in b",;":
                assert byte == (0x3B if index == 4 else 0x2C), "a field ended by the wrong mark"
                break
            else:
                field.append(byte)
        fields.append(field.decode("utf-8"))
    return fields


def our_lock_bytes(pid: int, host: str | None = None, login: str = "aigul") -> bytes:
    host = socket.gethostname() if host is None else host
    return f"ubsheets ({login}),{login},{host},01.03.2021 10:00,ubsheets:pid={pid};".encode()


def dead_pid() -> int:
    """The id of a process that has just ended (and been reaped)."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_our_lock_is_held_while_writing_in_libreoffices_format(book: Path) -> None:
    seen: list[bytes] = []

    def write(tmp: Path) -> None:
        seen.append(lock_of(book).read_bytes())
        tmp.write_bytes(b"new workbook")

    safe_replace(book, write)
    login = getpass.getuser()
    fields = parse_like_libreoffice(seen[0])
    assert fields[:3] == [f"ubsheets ({login})", login, socket.gethostname()]
    assert re.fullmatch(r"\d\d\.\d\d\.\d{4} \d\d:\d\d", fields[3])
    assert fields[4] == f"ubsheets:pid={os.getpid()}"
    assert seen[0].endswith(b";")
    assert not lock_of(book).exists()  # released after the write
    assert book.read_bytes() == b"new workbook"


def test_the_lock_escapes_what_libreoffice_escapes(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(getpass, "getuser", lambda: r"a,b;c\d")
    seen: list[bytes] = []

    def write(tmp: Path) -> None:
        seen.append(lock_of(book).read_bytes())
        tmp.write_bytes(b"new")

    safe_replace(book, write)
    assert parse_like_libreoffice(seen[0])[:2] == [r"ubsheets (a,b;c\d)", r"a,b;c\d"]


# Loads a workbook in a headless LibreOffice and prints whether it opened it read-only.
LIBREOFFICE_OPENS = r"""
import os, subprocess, sys, time
import uno
from com.sun.star.beans import PropertyValue

soffice, profile, book = sys.argv[1:]
""" + UNO_CONNECT + r"""
desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
try:
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(book), "_blank", 0,
                                       (PropertyValue(Name="Hidden", Value=True),))
    if doc is None:
        print("not opened")
    else:
        print("read-only" if doc.isReadonly() else "editable")
        doc.close(True)
finally:
    try:
        desktop.terminate()
    except Exception:
        pass
    office.wait(timeout=60)
"""


@needs_libreoffice
@pytest.mark.skipif(uno_python() is None, reason="no Python with the uno module (python3-uno)")
@pytest.mark.parametrize("login, during", [("aigul", "read-only"), (None, "not opened")],
                         ids=["another-login", "the-same-login"])
def test_libreoffice_honours_our_lock(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      login: str | None, during: str) -> None:
    """LibreOffice, asked to open the workbook while we write it, does not open it for editing:
    a lock of another login gets it read-only ("locked for editing by ubsheets (aigul)"); with
    the same login it asks the person ("locked by yourself", read-only or open anyway), and
    headless, with no one to ask, it does not open it. Once we are done, it may edit it."""
    if login is not None:
        monkeypatch.setattr(getpass, "getuser", lambda: login)
    path = make_book(tmp_path / "b.xlsx")
    profile = (tmp_path / "lo-profile").as_uri()

    def libreoffice_opens() -> str:
        opened = subprocess.run([str(uno_python()), "-c", LIBREOFFICE_OPENS, str(SOFFICE), profile,
                                 str(path)], capture_output=True, text=True, timeout=180)
        assert opened.returncode == 0, opened.stderr
        return opened.stdout.strip()

    seen: list[str] = []

    def write(tmp: Path) -> None:
        seen.append(libreoffice_opens())
        shutil.copyfile(path, tmp)

    safe_replace(path, write)
    assert seen == [during]
    if login is None:
        assert libreoffice_opens() == "editable"


def test_a_live_run_holding_the_lock_refuses_the_write(book: Path) -> None:
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        lock_of(book).write_bytes(our_lock_bytes(other.pid))
        with pytest.raises(InputError) as caught:
            safe_replace(book, writer(b"new"))
    finally:
        other.kill()
        other.wait()
    assert caught.value.key == "file_is_open"
    assert caught.value.params == {"name": "book.xlsx", "lock": ".~lock.book.xlsx#",
                                   "owner": "ubsheets (aigul)"}
    assert caught.value.message("ru") == (
        "Файл «book.xlsx» сейчас открыт в Excel или LibreOffice (открыл: ubsheets (aigul)):"
        " закройте его там и попробуйте снова; если он нигде не открыт, файл блокировки"
        " «.~lock.book.xlsx#» остался после сбоя, его можно удалить."
    )
    assert book.read_bytes() == b"old workbook"
    assert lock_of(book).read_bytes() == our_lock_bytes(other.pid)  # never someone else's
    assert temp_files(book.parent) == []


def test_a_lock_a_killed_run_of_ours_left_is_removed(book: Path) -> None:
    lock_of(book).write_bytes(our_lock_bytes(dead_pid()))
    assert check_writable(book) is not None
    assert not lock_of(book).exists()
    lock_of(book).write_bytes(our_lock_bytes(dead_pid()))
    safe_replace(book, writer(b"new"))
    assert book.read_bytes() == b"new"
    assert not lock_of(book).exists()


@pytest.mark.parametrize("content", [
    pytest.param(lambda: our_lock_bytes(dead_pid(), host="other-pc"), id="ours-on-another-host"),
    pytest.param(lambda: our_lock_bytes(os.getpid()), id="ours-in-this-process"),
    pytest.param(lambda: libreoffice_lock_bytes("", "aigul"), id="libreoffices"),
    pytest.param(lambda: b"ubsheets (x),x,h,d,ubsheets:pid=notanumber;", id="odd-pid"),
])
def test_a_lock_that_may_be_alive_is_kept_and_refuses(book: Path, content) -> None:
    data = content()
    lock_of(book).write_bytes(data)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    assert caught.value.key == "file_is_open"
    assert lock_of(book).read_bytes() == data
    assert book.read_bytes() == b"old workbook"


def test_excel_opening_the_file_during_the_run_stops_the_replace(book: Path) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(b"new")
        (book.parent / "~$book.xlsx").write_bytes(excel_lock_bytes(OWNER))

    with pytest.raises(InputError) as caught:
        safe_replace(book, write)
    assert (caught.value.key, caught.value.params["owner"]) == ("file_is_open", OWNER)
    assert book.read_bytes() == b"old workbook"
    assert not (book.parent / "book.xlsx.bak").exists()
    assert not lock_of(book).exists()
    assert temp_files(book.parent) == []


FILE_CHANGED = {
    "ky": "«book.xlsx» файлы ушул учурда башка программа тарабынан өзгөртүлдү (Excel, LibreOffice"
          " же башка ubsheets буйругу): ал өзгөрүүлөр жоголбошу үчүн ubsheets эч нерсе жазган жок;"
          " буйрукту кайра иштетиңиз.",
    "ru": "Файл «book.xlsx» был изменён другой программой во время работы (Excel, LibreOffice или"
          " другой командой ubsheets): чтобы эти изменения не потерялись, ubsheets ничего не"
          " записал; запустите команду снова.",
    "en": '"book.xlsx" was changed by another program meanwhile (Excel, LibreOffice or another'
          " ubsheets command): so that those changes are not lost, ubsheets wrote nothing; run the"
          " command again.",
}


def save_elsewhere(book: Path, how: str) -> bytes:
    """What a save from Excel or LibreOffice does to ``book``; returns the bytes it leaves."""
    if how == "new bytes":
        book.write_bytes(b"their version of the workbook")
    else:  # the same size and modification time, as a sync tool restoring a copy leaves it
        status = book.stat()
        book.write_bytes(book.read_bytes().upper())
        os.utime(book, ns=(status.st_atime_ns, status.st_mtime_ns))
    return book.read_bytes()


@pytest.mark.parametrize("how", ["new bytes", "same size and time"])
def test_a_save_by_another_program_during_the_write_is_never_overwritten(book: Path, how: str) -> None:
    older_backup = book.parent / "book.xlsx.bak"
    older_backup.write_bytes(b"the backup of an earlier run")
    theirs: list[bytes] = []

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"ours")
        theirs.append(save_elsewhere(book, how))

    with pytest.raises(InputError) as caught:
        safe_replace(book, write)
    assert caught.value.key == "file_changed"
    assert {lang: caught.value.message(lang) for lang in FILE_CHANGED} == FILE_CHANGED
    assert book.read_bytes() == theirs[0]
    assert older_backup.read_bytes() == b"the backup of an earlier run"
    assert temp_files(book.parent) == []
    assert not lock_of(book).exists()


@pytest.mark.parametrize("how", ["new bytes", "same size and time"])
def test_a_change_between_the_read_and_the_write_is_caught(book: Path, how: str) -> None:
    as_read = check_writable(book)  # what an action does before it reads the workbook
    theirs = save_elsewhere(book, how)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"ours"), as_read=as_read)
    assert caught.value.key == "file_changed"
    assert book.read_bytes() == theirs
    assert not (book.parent / "book.xlsx.bak").exists()
    safe_replace(book, writer(b"ours"), as_read=check_writable(book))  # read again: it lands
    assert book.read_bytes() == b"ours"


def test_a_change_during_the_backup_is_caught(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_copy = shutil.copyfile

    def copy_while_excel_saves(source, target, *args, **kwargs):
        result = real_copy(source, target, *args, **kwargs)
        book.write_bytes(b"saved in Excel while the backup was made")
        return result

    monkeypatch.setattr(shutil, "copyfile", copy_while_excel_saves)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"ours"))
    assert caught.value.key == "file_changed"
    assert book.read_bytes() == b"saved in Excel while the backup was made"
    assert temp_files(book.parent) == []


def test_a_file_created_meanwhile_is_not_overwritten(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.xlsx"

    def write(tmp: Path) -> None:
        tmp.write_bytes(b"ours")
        fresh.write_bytes(b"theirs")

    with pytest.raises(InputError) as caught:
        safe_replace(fresh, write)
    assert caught.value.key == "file_changed"
    assert fresh.read_bytes() == b"theirs"


def test_an_action_refuses_when_the_workbook_changes_after_it_was_read(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_book(tmp_path / "b.xlsx")
    real_read = actions.read_book

    def read_then_excel_saves(book_path: Path):
        book = real_read(book_path)
        path.write_bytes(path.read_bytes() + b"\0")  # any save: the zip's end moves
        return book

    monkeypatch.setattr(actions, "read_book", read_then_excel_saves)
    theirs = path.read_bytes() + b"\0"
    for action in (lambda: actions.validate_file(path), lambda: actions.summarize_file(path)):
        path.write_bytes(theirs[:-1])
        with pytest.raises(InputError) as caught:
            action()
        assert caught.value.key == "file_changed"
        assert path.read_bytes() == theirs
        assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]


# --- faults while backing up, and a full disk (issue 7, item 4) --------------------------------


def no_space() -> OSError:
    return OSError(errno.ENOSPC, "No space left on device")


def test_disk_full_during_the_backup_keeps_the_old_backup_whole(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    older_backup = book.parent / "book.xlsx.bak"
    older_backup.write_bytes(b"the backup of an earlier run")

    def half_then_full(source, target, *args, **kwargs):
        Path(target).write_bytes(Path(source).read_bytes()[:5])
        raise no_space()

    monkeypatch.setattr(shutil, "copyfile", half_then_full)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new workbook"))
    error = caught.value
    assert (error.key, error.params) == ("no_space", {
        "name": "book.xlsx.bak", "folder": str(book.parent), "book": "book.xlsx"})
    assert error.message("ky") == (
        f"«book.xlsx.bak» сакталган жок: «{book.parent}» папкасы турган дискте бош орун калган"
        " жок; орун бошотуп, кайра аракет кылыңыз — «book.xlsx» файлы өзгөргөн жок."
    )
    assert error.message("ru") == (
        f"Не удалось сохранить «book.xlsx.bak»: на диске с папкой «{book.parent}» закончилось"
        " место; освободите место и попробуйте снова — файл «book.xlsx» не изменён."
    )
    assert book.read_bytes() == b"old workbook"
    assert older_backup.read_bytes() == b"the backup of an earlier run"
    assert sorted(p.name for p in book.parent.iterdir()) == ["book.xlsx", "book.xlsx.bak"]


@pytest.mark.parametrize("code, key", [
    (errno.ENOSPC, "no_space"),
    (getattr(errno, "EDQUOT", errno.ENOSPC), "no_space"),
    (errno.EROFS, "read_only_disk"),
    (errno.EACCES, "no_permission"),
    (errno.EPERM, "no_permission"),
])
def test_a_refusal_of_the_disk_while_writing_the_temp_file_is_named(
        book: Path, code: int, key: str) -> None:
    def write(tmp: Path) -> None:
        tmp.write_bytes(b"half")
        raise OSError(code, os.strerror(code))

    with pytest.raises(InputError) as caught:
        safe_replace(book, write)
    assert (caught.value.key, caught.value.params["name"]) == (key, "book.xlsx")
    assert book.read_bytes() == b"old workbook"
    assert sorted(p.name for p in book.parent.iterdir()) == ["book.xlsx"]


def test_a_read_only_disk_is_named(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(os, "open", refuse)  # the first file we create is the lock
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    assert caught.value.message("ky") == (
        f"«book.xlsx» сакталган жок: «{book.parent}» папкасы турган диск «окуу үчүн гана»"
        " (жазуудан корголгон флешка, компакт-диск, окуу үчүн гана ачылган тармак папкасы);"
        " китепти сактоого болгон папкага көчүрүңүз — «book.xlsx» файлы өзгөргөн жок."
    )
    assert caught.value.message("ru") == (
        f"Не удалось сохранить «book.xlsx»: диск с папкой «{book.parent}» доступен только для"
        " чтения (флешка с защитой от записи, компакт-диск, сетевая папка только для чтения);"
        " скопируйте книгу в папку, куда можно сохранять, — файл «book.xlsx» не изменён."
    )


def test_a_full_disk_that_says_so_only_when_syncing(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full(handle: int) -> None:
        raise no_space()

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    assert (caught.value.key, caught.value.params["name"]) == ("no_space", "book.xlsx")
    assert sorted(p.name for p in book.parent.iterdir()) == ["book.xlsx"]


def test_a_file_system_that_cannot_sync_is_still_written(
        book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def cannot(handle: int) -> None:
        raise OSError(errno.EINVAL, "Invalid argument")

    monkeypatch.setattr(os, "fsync", cannot)
    safe_replace(book, writer(b"new"))
    assert book.read_bytes() == b"new"
    assert (book.parent / "book.xlsx.bak").read_bytes() == b"old workbook"


def test_a_full_disk_is_one_line_from_the_command_not_an_unexpected_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()

    def full(source, tmp, *args, **kwargs) -> None:
        Path(tmp).write_bytes(b"PK half a zip")
        raise no_space()

    monkeypatch.setattr(actions, "write_owned_sheets", full)
    assert run_cli(monkeypatch, capsys, "validate", str(path)) == (
        2, "", f"Ката: «b.xlsx» сакталган жок: «{tmp_path}» папкасы турган дискте бош орун калган"
               " жок; орун бошотуп, кайра аракет кылыңыз — «b.xlsx» файлы өзгөргөн жок.\n")
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]


def run_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture,
            *args: str) -> tuple[int, str, str]:
    """The command in this process (to see what a monkeypatch fakes), in Kyrgyz."""
    from ubsheets import cli

    monkeypatch.delenv("UBSHEETS_LANG", raising=False)
    monkeypatch.setattr(sys, "argv", ["ubsheets", *args])
    with pytest.raises(SystemExit) as exited:
        cli.main()
    printed = capsys.readouterr()
    return exited.value.code, printed.out, printed.err


@pytest.fixture
def small_disk(tmp_path: Path):
    """A real 400 KB file system (tmpfs), when this user may mount one (root on Linux)."""
    folder = tmp_path / "small-disk"
    folder.mkdir()
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small file system needs root on Linux; the faked ENOSPC tests"
                    " above cover the same paths")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=400k", "tmpfs", str(folder)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], capture_output=True)


def leave_free(folder: Path, free_bytes: int) -> None:
    """Fill ``folder``'s file system until about ``free_bytes`` are left."""
    filler = folder / "filler"
    filler.unlink(missing_ok=True)
    status = os.statvfs(folder)
    with filler.open("wb") as handle:
        handle.write(b"\0" * max(status.f_bavail * status.f_frsize - free_bytes, 0))


def test_a_real_full_disk_leaves_the_workbook_and_the_old_backup_whole(
        small_disk: Path, tmp_path: Path) -> None:
    source = make_book(tmp_path / "source.xlsx")
    original, older = source.read_bytes(), b"the backup of an earlier run"
    book, backup = small_disk / "b.xlsx", small_disk / "b.xlsx.bak"
    refused: dict[str, str] = {}
    for free_kb in range(0, 200, 8):
        book.write_bytes(original)
        backup.write_bytes(older)
        leave_free(small_disk, free_kb * 1024)
        try:
            actions.validate_file(book)
        except InputError as error:
            assert error.key == "no_space", (free_kb, error.message("en"))
            refused[error.params["name"]] = error.message("ky")
            assert (book.read_bytes(), backup.read_bytes()) == (original, older), free_kb
        else:
            assert backup.read_bytes() == original, free_kb
            assert check_workbook_file(book) is None
        names = sorted(p.name for p in small_disk.iterdir())
        assert names == ["b.xlsx", "b.xlsx.bak", "filler"], (free_kb, names)
    # Refused while writing the workbook's temp file, refused while writing the backup's, and
    # written once there was room for both.
    assert set(refused) == {"b.xlsx", "b.xlsx.bak"}, refused
    assert refused["b.xlsx.bak"] == (
        f"«b.xlsx.bak» сакталган жок: «{small_disk}» папкасы турган дискте бош орун калган жок;"
        " орун бошотуп, кайра аракет кылыңыз — «b.xlsx» файлы өзгөргөн жок.")
    assert backup.read_bytes() == original  # the last, roomiest run wrote


# --- read-only files (issue 7, item 5) ----------------------------------------------------------


@pytest.mark.parametrize("mode", [0o444, 0o400, 0o555])
def test_a_file_marked_read_only_is_refused_and_untouched(book: Path, mode: int) -> None:
    """Tests run as root, whom the system lets write anything: the mark itself is what counts."""
    book.chmod(mode)
    with pytest.raises(InputError) as caught:
        safe_replace(book, writer(b"new"))
    assert caught.value.key == "file_read_only"
    assert caught.value.message("ky") == (
        "«book.xlsx» файлы «окуу үчүн гана» деп белгиленген: ubsheets аны өзгөртпөйт; файлдын"
        " касиеттеринен (Свойства) «Только чтение» белгисин алып салып, кайра аракет кылыңыз —"
        " файл өзгөргөн жок.")
    assert caught.value.message("ru") == (
        "Файл «book.xlsx» помечен «только для чтения»: ubsheets его не изменяет; снимите отметку"
        " «Только чтение» в свойствах файла и попробуйте снова — файл не изменён.")
    assert book.read_bytes() == b"old workbook"
    assert stat.S_IMODE(book.stat().st_mode) == mode
    assert sorted(p.name for p in book.parent.iterdir()) == ["book.xlsx"]


@pytest.mark.parametrize("mode", [0o644, 0o600, 0o640, 0o660])
def test_a_writable_file_keeps_its_mode(book: Path, mode: int) -> None:
    book.chmod(mode)
    safe_replace(book, writer(b"new"))
    assert stat.S_IMODE(book.stat().st_mode) == mode


def test_the_backup_is_never_left_read_only(book: Path) -> None:
    older_backup = book.parent / "book.xlsx.bak"
    older_backup.write_bytes(b"an older backup, marked read-only")
    older_backup.chmod(0o444)
    book.chmod(0o640)
    safe_replace(book, writer(b"new"))
    assert older_backup.read_bytes() == b"old workbook"
    assert stat.S_IMODE(older_backup.stat().st_mode) == 0o640
    safe_replace(book, writer(b"newer"))  # the next run is not blocked by the backup
    assert older_backup.read_bytes() == b"new"


def test_the_backup_keeps_the_date_of_the_version_it_holds(book: Path) -> None:
    os.utime(book, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    safe_replace(book, writer(b"new"))
    assert (book.parent / "book.xlsx.bak").stat().st_mtime_ns == 1_600_000_000_000_000_000


# --- temp files a killed run left (issue 7) ------------------------------------------------------


def test_temp_files_a_killed_run_left_are_removed_and_nothing_else(book: Path) -> None:
    folder = book.parent
    hour_ago, two_days_ago, in_an_hour = time.time() - 3600, time.time() - 2 * 86400, time.time() + 3600
    files = {
        ".~ubsheets-0123456789ab-book.xlsx": hour_ago,  # ours, for this workbook: removed
        ".~ubsheets-aaaaaaaaaaaa.xlsx": two_days_ago,  # the older naming, a day old: removed
        ".~ubsheets-bbbbbbbbbbbb.xlsx": hour_ago,  # the older naming, recent: kept
        ".~ubsheets-ba9876543210-book.xlsx": in_an_hour,  # not older than this run: kept
        ".~ubsheets-cccccccccccc-other.xlsx": hour_ago,  # another workbook's run: kept
        ".~ubsheets-notes.txt": two_days_ago,  # not a name of ours: kept
        ".~ubsheets-0123456789AB-book.xlsx": two_days_ago,
        "~ubsheets-0123456789ab-book.xlsx": two_days_ago,
    }
    for name, when in files.items():
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (when, when))
    safe_replace(book, writer(b"new"))
    assert sorted(p.name for p in folder.iterdir()) == sorted([
        "book.xlsx", "book.xlsx.bak", ".~ubsheets-bbbbbbbbbbbb.xlsx",
        ".~ubsheets-ba9876543210-book.xlsx", ".~ubsheets-cccccccccccc-other.xlsx",
        ".~ubsheets-notes.txt", ".~ubsheets-0123456789AB-book.xlsx",
        "~ubsheets-0123456789ab-book.xlsx"])


KILLED_WRITER = """
import sys, time
from pathlib import Path
from ubsheets.io.safe_write import safe_replace

def write(tmp):
    tmp.write_bytes(b"half a workbook")
    print("writing", flush=True)
    time.sleep(120)

safe_replace(Path(sys.argv[1]), write)
"""


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_the_next_run_cleans_up_after_a_run_killed_while_writing(book: Path) -> None:
    run = subprocess.Popen([sys.executable, "-c", KILLED_WRITER, str(book)],
                           stdout=subprocess.PIPE, text=True)
    try:
        assert run.stdout is not None and run.stdout.readline() == "writing\n"
    finally:
        run.kill()  # SIGKILL: no finally clause of the writer runs
        run.wait()
    left = sorted(p.name for p in book.parent.iterdir())
    assert len(temp_files(book.parent)) == 1 and lock_of(book).name in left, left
    safe_replace(book, writer(b"new"))
    assert book.read_bytes() == b"new"
    assert (book.parent / "book.xlsx.bak").read_bytes() == b"old workbook"
    assert sorted(p.name for p in book.parent.iterdir()) == ["book.xlsx", "book.xlsx.bak"]


# --- Excel's lock names, exactly (issue 7) -------------------------------------------------------


@pytest.mark.parametrize("name, lock, others, blocked", [
    ("1 УБ.xlsx", "~$УБ.xlsx", ["УБ.xlsx"], False),  # another file's lock
    ("1 УБ.xlsx", "~$УБ.xlsx", [], False),
    ("УБ.xlsx", "~$УБ.xlsx", [], True),
    ("12345678.xlsx", "~$12345678.xlsx", [], True),  # Excel keeps the whole name
    ("methodical-plan-2026.xlsx", "~$methodical-plan-2026.xlsx", [], True),
    # Word's shortened form (2 characters off a stem of 8 or more, 1 off a stem of 7) counts only
    # where it cannot be another file's exact lock.
    ("methodical-plan-2026.xlsx", "~$thodical-plan-2026.xlsx", [], True),
    ("methodical-plan-2026.xlsx", "~$thodical-plan-2026.xlsx", ["thodical-plan-2026.xlsx"], False),
    ("12345678.xlsx", "~$345678.xlsx", ["345678.xlsx"], False),
    ("1234567.xlsx", "~$234567.xlsx", [], True),
    ("1234567.xlsx", "~$34567.xlsx", [], False),
    ("123456.xlsx", "~$3456.xlsx", [], False),
    ("123456.xlsx", "~$23456.xlsx", [], False),
])
def test_excel_lock_names_are_matched_exactly(tmp_path: Path, name: str, lock: str,
                                              others: list[str], blocked: bool) -> None:
    path = tmp_path / name
    path.write_bytes(b"x")
    for other in others:
        (tmp_path / other).write_bytes(b"y")
    (tmp_path / lock).write_bytes(excel_lock_bytes("teacher"))
    assert find_lock_file(path) == (tmp_path / lock if blocked else None)


def test_another_files_excel_lock_does_not_block_the_write(tmp_path: Path) -> None:
    path = tmp_path / "1 УБ.xlsx"
    path.write_bytes(b"old")
    (tmp_path / "~$УБ.xlsx").write_bytes(excel_lock_bytes(OWNER))
    safe_replace(path, writer(b"new"))
    assert path.read_bytes() == b"new"
    assert (tmp_path / "~$УБ.xlsx").read_bytes() == excel_lock_bytes(OWNER)


# --- backups are never written into (issue 7) ----------------------------------------------------


@pytest.mark.parametrize("name, copy", [
    ("УБ.xlsx.bak", "УБ-bak.xlsx"),
    ("УБ.xlsm.BAK", "УБ-bak.xlsm"),
    ("notes.bak", "notes-bak.xlsx"),
])
def test_a_backup_is_never_written_into(tmp_path: Path, name: str, copy: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"a backup")
    with pytest.raises(InputError) as caught:
        safe_replace(path, writer(b"new"))
    assert (caught.value.key, caught.value.params["copy"]) == ("backup_not_written", copy)
    assert path.read_bytes() == b"a backup"
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_the_backup_refusal_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        check_writable(tmp_path / "УБ.xlsx.bak")
    assert caught.value.message("ky") == (
        "«УБ.xlsx.bak» — камдык көчүрмө (.bak): ubsheets камдык көчүрмөгө эч нерсе жазбайт; аны"
        " .xlsx файлы катары көчүрүп (мисалы, «УБ-bak.xlsx»), буйрукту ошол көчүрмө менен"
        " иштетиңиз.")
    assert caught.value.message("ru") == (
        "«УБ.xlsx.bak» — резервная копия (.bak): ubsheets не записывает в резервные копии;"
        " скопируйте её в файл .xlsx (например, «УБ-bak.xlsx») и запустите команду для копии.")


def test_commands_refuse_to_write_into_a_backup_and_may_read_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    """A backup is a whole workbook (a zip the guard checks by its content): reading it to see
    what it holds is safe; writing into it would leave no backup and make ``.bak.bak``."""
    original = make_book(tmp_path / "b.xlsx")
    backup = tmp_path / "b.xlsx.bak"
    shutil.copyfile(original, backup)
    before = backup.read_bytes()
    line = ("Ката: «b.xlsx.bak» — камдык көчүрмө (.bak): ubsheets камдык көчүрмөгө эч нерсе"
            " жазбайт; аны .xlsx файлы катары көчүрүп (мисалы, «b-bak.xlsx»), буйрукту ошол"
            " көчүрмө менен иштетиңиз.\n")
    for command in (["validate"], ["summarize"], ["report", "--all"]):
        assert run_cli(monkeypatch, capsys, *command, str(backup)) == (2, "", line), command
    code, out, err = run_cli(monkeypatch, capsys, "validate", "--no-write", str(original))
    assert run_cli(monkeypatch, capsys, "validate", "--no-write", str(backup)) == (code, out, err)
    assert backup.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx", "b.xlsx.bak"]


def test_a_read_only_workbook_from_the_command(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()
    path.chmod(0o444)
    for command in (["validate"], ["summarize"], ["report", "--month", "2020-10"]):
        assert run_cli(monkeypatch, capsys, *command, str(path)) == (
            2, "", "Ката: «b.xlsx» файлы «окуу үчүн гана» деп белгиленген: ubsheets аны"
                   " өзгөртпөйт; файлдын касиеттеринен (Свойства) «Только чтение» белгисин алып"
                   " салып, кайра аракет кылыңыз — файл өзгөргөн жок.\n"), command
    code, _, err = run_cli(monkeypatch, capsys, "validate", "--no-write", str(path))
    assert (code, err) == (0, "")  # reading is not changing
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.xlsx"]
