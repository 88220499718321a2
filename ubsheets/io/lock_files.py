"""Lock files beside a workbook: who has it open, and our own lock while we write it.

Excel keeps an owner file ``~$NAME``; LibreOffice keeps ``.~lock.NAME#``. While ubsheets writes a
workbook it keeps a lock of its own in LibreOffice's format and under LibreOffice's name, so that
LibreOffice, asked to open the file meanwhile, opens it read-only ("locked for editing by
ubsheets (login)"; for the same login it asks first), and a second ubsheets run refuses instead of
overwriting the first one's work (tests/test_safe_write.py runs LibreOffice to see it).
"""

from __future__ import annotations

import errno
import getpass
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

EXCEL_PREFIX = "~$"
LIBREOFFICE_PREFIX, LIBREOFFICE_SUFFIX = ".~lock.", "#"
# Office refuses user names over 52 characters; anything longer in a lock file is not a name.
MAX_OWNER_CHARS = 52
LOCK_READ_BYTES = 4096
EMPTY_LOCK_RETRIES, EMPTY_LOCK_RETRY_DELAY_S = 5, 0.05
# LibreOffice's entry: full name, login, host, edit time, the URL of the program's profile. Ours
# puts its process id where the profile goes: LibreOffice only compares that field with its own
# (a match means "locked by yourself"), and we need the id to tell a lock a killed run left.
OWN_NAME = "ubsheets"
OWN_PROFILE_PREFIX = "ubsheets:pid="
LOCK_FIELDS = 5
LOCK_TIME_FORMAT = "%d.%m.%Y %H:%M"  # LibreOffice's own format for the edit time, not a display one


def excel_lock_names(name: str) -> list[str]:
    """The owner file names Excel may keep for ``name``, the exact one first.

    Excel (and PowerPoint) keep the whole name: ``~$12345678.xlsx``. Word drops the first two
    characters of a name whose stem has 8 characters or more, one of a 7-character stem
    (LibreOffice's reverse engineering of MS Office 2016, svl/source/misc/msodocumentlockfile.cxx,
    and its unit test testExcelLockFileURL/testWordLockFileURL). Sync tools report the shortened
    form for Office files in general, so it is kept as a second candidate; ``find_lock_file`` only
    counts it when it cannot be another file's exact lock."""
    stem_length = len(Path(name).stem)
    cut = 2 if stem_length >= 8 else 1 if stem_length == 7 else 0
    names = [EXCEL_PREFIX + name]
    if cut:
        names.append(EXCEL_PREFIX + name[cut:])
    return names


def libreoffice_lock_path(path: Path) -> Path:
    return path.with_name(LIBREOFFICE_PREFIX + path.name + LIBREOFFICE_SUFFIX)


def find_lock_files(path: Path) -> list[Path]:
    """Every lock file beside ``path`` that says it is open: Excel's, then LibreOffice's (ours
    included). ``~$УБ.xlsx`` is the lock of ``УБ.xlsx``, never of ``1 УБ.xlsx``."""
    path = Path(path)
    exact, *shortened = excel_lock_names(path.name)
    found = [lock for lock in [path.with_name(exact)] if _is_file(lock)]
    for name in shortened:
        # The shortened name is also the exact lock of the file named by the rest: then it is that
        # file's, not ours.
        if _is_file(path.with_name(name)) and not _exists(path.with_name(name[2:])):
            found.append(path.with_name(name))
    libreoffice = libreoffice_lock_path(path)
    if _is_file(libreoffice):
        found.append(libreoffice)
    return found


def find_lock_file(path: Path) -> Path | None:
    """The lock file Excel (``~$name``) or LibreOffice (``.~lock.name#``) keeps beside ``path``."""
    found = find_lock_files(path)
    return found[0] if found else None


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:
        return False


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def lock_owner(lock: Path) -> str | None:
    """The user name a lock file records, best effort; None when it is unreadable or odd."""
    data = _read(lock)
    for _ in range(EMPTY_LOCK_RETRIES):
        # Empty: its maker has created it (O_EXCL) and is about to write into it.
        if data != b"":
            break
        time.sleep(EMPTY_LOCK_RETRY_DELAY_S)
        data = _read(lock)
    if data is None:
        return None
    if Path(lock).name.startswith(LIBREOFFICE_PREFIX):
        fields = libreoffice_fields(data)
        names = (_clean_name(value) for value in fields[:2])
        return next((name for name in names if name), None)
    return _clean_name(_excel_owner(data))


def _read(lock: Path) -> bytes | None:
    try:
        with Path(lock).open("rb") as handle:
            return handle.read(LOCK_READ_BYTES)
    except OSError:
        return None


def _excel_owner(data: bytes) -> str | None:
    """MS Office owner file: byte 0 = length, the name in the ANSI code page, padding; then a
    2-byte length and a UTF-16-LE copy at offset 54 (Word) or 55 (Excel, PowerPoint), as
    reverse-engineered in LibreOffice's svl/source/misc/msodocumentlockfile.cxx."""
    if not data or not 0 < data[0] <= MAX_OWNER_CHARS:
        return None
    offset = 54
    if len(data) > 55 and data[54] == 0x20 and (data[53] != 0 or data[52] != 0):
        offset = 55  # Excel pads the ANSI name with spaces through byte 54
    length = int.from_bytes(data[offset : offset + 2], "little")
    utf16 = data[offset + 2 : offset + 2 + 2 * length]
    if 0 < length <= MAX_OWNER_CHARS and len(utf16) == 2 * length:
        return utf16.decode("utf-16-le", "replace")
    # Cyrillic names are in cp1251 on Russian/Kyrgyz Windows (Kyrgyz letters become "?").
    return data[1 : 1 + data[0]].decode("cp1251", "replace")


def libreoffice_fields(data: bytes) -> list[str]:
    """LibreOffice lock: ``full name,login,host,date,profile URL;`` in UTF-8, with ``\\`` escaping
    ``,;\\`` (svl/source/misc/lockfilecommon.cxx, ParseEntry). The fields of the first entry, as
    far as they are complete; the full name (Tools → Options → User Data) is often empty."""
    fields, field, escaped = [], bytearray(), False
    for byte in data:
        if escaped:
            field.append(byte)
            escaped = False
        elif byte == 0x5C:  # backslash
            escaped = True
        elif byte in b",;":
            fields.append(field.decode("utf-8", "replace"))
            field = bytearray()
            if byte == 0x3B:  # ";" ends the entry
                break
        else:
            field.append(byte)
    return fields


def _clean_name(owner: str | None) -> str | None:
    if owner is None:
        return None
    owner = "".join(char for char in owner if char.isprintable()).strip()
    if not owner or len(owner) > MAX_OWNER_CHARS or "\ufffd" in owner:
        return None
    return owner


# --- our own lock -------------------------------------------------------------------------


@dataclass(frozen=True)
class OwnLock:
    """The lock this run holds on a workbook: the file and the exact bytes we put in it."""

    path: Path
    content: bytes
    taken_ns: int  # when it was taken: a temp file of ours older than this is a dead run's

    def held(self) -> bool:
        """Still ours: nobody removed it or put their own in its place."""
        return _read(self.path) == self.content

    def release(self) -> None:
        """Remove the lock if it is still ours; never someone else's."""
        if self.held():
            try:
                self.path.unlink()
            except OSError:
                pass


def take_lock(path: Path) -> OwnLock | None:
    """Create our lock beside ``path`` atomically (O_CREAT|O_EXCL: of two runs exactly one gets
    it). A lock a killed run of ours left (this host, a dead process) is removed first.

    Returns None when the file's name is too long for a lock beside it (LibreOffice cannot lock
    it either): the caller's check that the file is unchanged still guards the write. Raises
    FileExistsError when another program holds it, and OSError when the lock cannot be created
    (the caller names the cause)."""
    lock = libreoffice_lock_path(path)
    try:
        return _create(lock)
    except FileExistsError:
        if not remove_if_stale(lock):
            raise
    return _create(lock)  # a second FileExistsError: another run took it meanwhile


def _create(lock: Path) -> OwnLock | None:
    content = _own_entry()
    try:
        handle = os.open(lock, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0),
                         0o666)
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            return None
        raise
    taken_ns = time.time_ns()
    try:
        os.write(handle, content)
    except BaseException:
        os.close(handle)
        _remove_quietly(lock)
        raise
    os.close(handle)
    return OwnLock(lock, content, taken_ns)


def remove_if_stale(lock: Path) -> bool:
    """Remove ``lock`` if a run of ours that has died left it on this host; True if removed.

    Another host's lock is never judged: its process cannot be seen from here. The file is read
    again just before it goes, so a lock another run has just taken in its place stays; and the
    winner checks its own lock is still there before it replaces the workbook."""
    data = _read(lock)
    if data is None or not _is_stale(data):
        return False
    if _read(lock) != data:
        return False
    return _remove_quietly(lock)


def _is_stale(data: bytes) -> bool:
    fields = libreoffice_fields(data)
    if len(fields) != LOCK_FIELDS or not fields[4].startswith(OWN_PROFILE_PREFIX):
        return False
    pid_text = fields[4][len(OWN_PROFILE_PREFIX):]
    if not pid_text.isdigit() or fields[2].casefold() != socket.gethostname().casefold():
        return False
    pid = int(pid_text)
    # Our own process id: another thread of this process is writing, so it is not stale.
    return pid != os.getpid() and not pid_alive(pid)


def _remove_quietly(lock: Path) -> bool:
    try:
        lock.unlink()
        return True
    except OSError:
        return False


def _own_entry() -> bytes:
    login = _login()
    fields = [f"{OWN_NAME} ({login})" if login else OWN_NAME, login, socket.gethostname(),
              time.strftime(LOCK_TIME_FORMAT), f"{OWN_PROFILE_PREFIX}{os.getpid()}"]
    return (",".join(_escape(field) for field in fields) + ";").encode("utf-8")


def _login() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login variable and no password entry
        return ""


def _escape(field: str) -> str:
    return "".join("\\" + char if char in ",;\\" else char for char in field)


def pid_alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine; when it cannot be told, it is taken as alive
    (a lock wrongly kept only means a refusal that names the lock to delete)."""
    if sys.platform == "win32":
        return _windows_pid_alive(pid)
    try:
        os.kill(pid, 0)  # signal 0: only asks whether the process exists
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, as another user's
        return True
    return True


def _windows_pid_alive(pid: int) -> bool:
    """os.kill would terminate the process on Windows: ask the kernel instead."""
    if sys.platform != "win32":  # keeps type checkers on other systems quiet
        return True
    import ctypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    query_limited_information, still_active, invalid_parameter = 0x1000, 259, 87
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return ctypes.get_last_error() != invalid_parameter  # no such process
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == still_active
    finally:
        kernel32.CloseHandle(handle)
