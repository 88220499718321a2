"""Replace a user's workbook without ever leaving it half-written (NOTES.md, "Safe writes").

Refuse while Excel or LibreOffice holds the file (their lock files say who) → write a temp file in
the same folder → let the caller verify it → back up the original → ``os.replace``, which is
atomic on one volume. Any failure leaves the original byte-identical and no temp file behind.
"""

from __future__ import annotations

import os
import secrets
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from ubsheets.errors import InputError
from ubsheets.i18n import t, ui_lang

TEMP_PREFIX = ".~ubsheets-"
TEMP_NAME_TRIES = 5
BACKUP_SUFFIX = ".bak"
# On Windows os.replace fails with WinError 5/32 while any process holds the target; antivirus and
# search indexers let go within a second or two, Excel only when the user closes the book.
REPLACE_TRIES = 10
REPLACE_RETRY_DELAY_S = 0.2
# Office refuses user names over 52 characters; anything longer in a lock file is not a name.
MAX_OWNER_CHARS = 52
LOCK_READ_BYTES = 4096


def find_lock_file(path: Path) -> Path | None:
    """The lock file Excel (``~$name``) or LibreOffice (``.~lock.name#``) keeps beside ``path``."""
    path = Path(path)
    name = path.name
    # Word-style owner files drop the first characters of long names; Excel usually keeps them.
    candidates = ["~$" + name, ".~lock." + name + "#"]
    if len(name) > 2:
        candidates.insert(1, "~$" + name[2:])
    for candidate in candidates:
        lock = path.with_name(candidate)
        try:
            if lock.is_file():
                return lock
        except OSError:
            continue
    return None


def lock_owner(lock: Path) -> str | None:
    """The user name a lock file records, best effort; None when it is unreadable or odd."""
    try:
        with Path(lock).open("rb") as handle:
            data = handle.read(LOCK_READ_BYTES)
    except OSError:
        return None
    if Path(lock).name.startswith(".~lock."):
        owner = _libreoffice_owner(data)
    else:
        owner = _excel_owner(data)
    return _clean_name(owner)


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


def _libreoffice_owner(data: bytes) -> str | None:
    """LibreOffice lock: ``full name,login,host,date,profile URL;`` in UTF-8, with ``\\`` escaping
    ``,;\\``. The full name (Tools → Options → User Data) is often empty: then take the login."""
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
            if byte == 0x3B or len(fields) == 2:  # ";" ends the entry; we only need two fields
                break
        else:
            field.append(byte)
    names = (_clean_name(value) for value in fields)
    return next((name for name in names if name), None)


def _clean_name(owner: str | None) -> str | None:
    if owner is None:
        return None
    owner = "".join(char for char in owner if char.isprintable()).strip()
    if not owner or len(owner) > MAX_OWNER_CHARS or "\ufffd" in owner:
        return None
    return owner


def check_not_open(path: Path) -> None:
    """Raise ``InputError("file_is_open")`` if Excel or LibreOffice has a lock on ``path``."""
    path = Path(path)
    lock = find_lock_file(path)
    if lock is None:
        return
    # The owner is a person's name in any language; only the fallback word needs one.
    owner = lock_owner(lock) or t("unknown_owner", ui_lang())
    raise InputError("file_is_open", name=path.name, lock=lock.name, owner=owner)


def safe_replace(
    path: Path,
    write: Callable[[Path], None],
    verify: Callable[[Path], object] | None = None,  # its result, e.g. a Book read, is unused
    backup: bool = True,
) -> None:
    """Write a new ``path`` through ``write(tmp)``; ``verify(tmp)`` raises to abort.

    The original stays intact until the final atomic ``os.replace``; with ``backup`` it is first
    copied to ``<path>.bak``. On any exception, KeyboardInterrupt included, the temp file is
    removed and the exception re-raised.
    """
    path = Path(path)
    if path.is_symlink():  # replace the file the link points to, not the link
        path = Path(os.path.realpath(path))
    exists = path.exists()
    if exists:
        check_not_open(path)
    tmp = _make_temp(path)
    try:
        write(tmp)
        if verify is not None:
            verify(tmp)
        if exists:
            _copy_mode(path, tmp)
        if backup and exists:
            _backup(path)
        _replace_with_retry(tmp, path)
    except BaseException:
        _discard(tmp)
        raise


def _make_temp(path: Path) -> Path:
    """An empty new file beside ``path``; created with mode 0666 so the umask applies, as for any
    file the user saves (``tempfile.mkstemp`` would make it private to this user)."""
    folder = path.parent
    for _ in range(TEMP_NAME_TRIES):
        tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(6)}{path.suffix}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue
        except (OSError, ValueError):  # missing folder, no write permission, bad name
            break
    raise InputError("cannot_write", name=path.name, folder=str(folder))


def _discard(tmp: Path) -> None:
    """Remove the temp file without masking the exception being handled."""
    try:
        if not os.access(tmp, os.W_OK):  # Windows refuses to delete a read-only file
            os.chmod(tmp, 0o600)
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def _copy_mode(path: Path, tmp: Path) -> None:
    """Keep the workbook's permissions (shared folders); best effort."""
    try:
        shutil.copymode(path, tmp)
    except OSError:
        pass


def _backup(path: Path) -> None:
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    try:
        shutil.copy2(path, backup)  # a copy, not a move: the original stays until the replace
    except OSError:
        raise InputError("cannot_write", name=backup.name, folder=str(path.parent)) from None


def _replace_with_retry(tmp: Path, path: Path) -> None:
    for attempt in range(1, REPLACE_TRIES + 1):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES:
                raise InputError("file_locked_by_other", name=path.name) from None
            time.sleep(REPLACE_RETRY_DELAY_S)
        except OSError:
            raise InputError("cannot_write", name=path.name, folder=str(path.parent)) from None
