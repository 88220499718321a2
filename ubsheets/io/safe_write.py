"""Replace a user's workbook without ever leaving it half-written (NOTES.md, "Safe writes").

The contract, in the order things happen:

1. ``check_writable(path)`` before the caller reads the file: refuse a backup (``*.bak``), a file
   marked read-only, a file Excel or LibreOffice (or another ubsheets run) holds; and return the
   file's fingerprint (size, mtime, digest) as it is before the read.
2. ``safe_replace(path, write, verify, backup, as_read)``: take our own lock (LibreOffice's
   ``.~lock.NAME#``, so LibreOffice honours it too), remove temp files a killed run of ours left
   → ``write(tmp)`` into a temp file in the same folder, synced to disk → ``verify(tmp)`` → make
   sure the file on disk is still the one that was read and no one else has opened it → back it up
   to ``NAME.bak`` (written to a temp file and renamed, so the old backup stays whole until the new
   one is) → check again → ``os.replace``, atomic on one volume → release the lock.

Any failure leaves the workbook and its old backup byte-identical and no temp file behind; a
failure of the disk (full, read-only, no permission) is named in one line. A file changed by
another program since it was read is not replaced: its changes would be lost, so the command
refuses and says so; it never reports a write that did not land.

One backup generation is kept, as Excel, LibreOffice and Word do: a teacher's folder stays the
workbook and one ``.bak``, and on a nearly full flash drive a second and third copy would be what
fills it. What the generations would have protected (a note typed into a sheet we regenerate) is
kept in the workbook itself (issue 7, item 1).
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ubsheets.errors import InputError
from ubsheets.i18n import t, ui_lang
from ubsheets.io.guard import check_regular_file
from ubsheets.io.lock_files import (
    OwnLock,
    find_lock_file,
    find_lock_files,
    libreoffice_lock_path,
    lock_owner,
    remove_if_stale,
    take_lock,
)
from ubsheets.io.temp_files import (
    TEMP_PREFIX,
    discard,
    disk_cause,
    fsync,
    make_temp,
    remove_stale_temps,
    sync_folder,
)

__all__ = ["BACKUP_SUFFIX", "TEMP_PREFIX", "Fingerprint", "backup_path", "check_not_open",
           "check_writable", "find_lock_file", "fingerprint", "is_backup", "lock_owner",
           "safe_replace"]

BACKUP_SUFFIX = ".bak"
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm")
ANY_WRITE_BIT = stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH
# On Windows os.replace fails with WinError 5/32 while any process holds the target; antivirus and
# search indexers let go within a second or two, Excel only when the user closes the book.
REPLACE_TRIES = 10
REPLACE_RETRY_DELAY_S = 0.2
HASH_CHUNK = 1 << 20


@dataclass(frozen=True)
class Fingerprint:
    """A file as it was read: a save from any program changes at least one of these."""

    size: int
    mtime_ns: int
    sha256: str  # tools that restore the modification time (sync, copy -p) still change bytes


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of ``path``, or None when it is missing or not a readable file (reading it
    will fail with its own message)."""
    try:
        with Path(path).open("rb") as handle:
            status = os.fstat(handle.fileno())
            if not stat.S_ISREG(status.st_mode):
                return None
            digest = hashlib.sha256()
            while chunk := handle.read(HASH_CHUNK):
                digest.update(chunk)
    except OSError:
        return None
    return Fingerprint(status.st_size, status.st_mtime_ns, digest.hexdigest())


def is_backup(path: Path) -> bool:
    return Path(path).name.lower().endswith(BACKUP_SUFFIX)


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + BACKUP_SUFFIX)


def check_writable(path: Path) -> Fingerprint | None:
    """Refuse now what would make the write refuse later, and return the file's fingerprint as it
    is now; call it before reading the file, and give the result to ``safe_replace(as_read=…)``."""
    path = _target(Path(path))
    _refuse_unwritable(path)
    return fingerprint(path)


def _refuse_unwritable(path: Path) -> None:
    if is_backup(path):
        raise InputError("backup_not_written", name=path.name, copy=_copy_name(path),
                         ext=Path(_copy_name(path)).suffix)
    if path.exists():
        check_regular_file(path)  # a folder or a pipe: the fingerprint would fail or block on it
        _check_not_read_only(path)
        check_not_open(path)


def _copy_name(backup: Path) -> str:
    """A name to copy a backup to: ``УБ.xlsx.bak`` → ``УБ-bak.xlsx``."""
    base = Path(backup.name[: -len(BACKUP_SUFFIX)] or "backup")
    if base.suffix.lower() in WORKBOOK_SUFFIXES:
        return f"{base.stem}-bak{base.suffix}"
    return f"{base.name}-bak.xlsx"


def _check_not_read_only(path: Path) -> None:
    """A file marked read-only (no write bit for anyone; Windows shows its read-only attribute
    so) is the user's "do not change": os.replace would ignore it, so we look ourselves."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return
    if not mode & ANY_WRITE_BIT:
        raise InputError("file_read_only", name=path.name)


def check_not_open(path: Path, own: OwnLock | None = None) -> None:
    """Raise ``InputError("file_is_open")`` if Excel, LibreOffice or another ubsheets run has a
    lock on ``path``; ``own`` is ours, not a refusal. A lock a killed run of ours left is removed."""
    path = Path(path)
    for lock in find_lock_files(path):
        if own is not None and lock == own.path and own.held():
            continue
        if lock == libreoffice_lock_path(path) and remove_if_stale(lock):
            continue
        # The owner is a person's name in any language; only the fallback word needs one.
        owner = lock_owner(lock) or t("unknown_owner", ui_lang())
        raise InputError("file_is_open", name=path.name, lock=lock.name, owner=owner)


def safe_replace(
    path: Path,
    write: Callable[[Path], None],
    verify: Callable[[Path], object] | None = None,  # its result, e.g. a Book read, is unused
    backup: bool = True,
    as_read: Fingerprint | None = None,
) -> None:
    """Write a new ``path`` through ``write(tmp)``; ``verify(tmp)`` raises to abort.

    ``as_read`` is the fingerprint ``check_writable`` returned before the caller read the file;
    without it, the file as it is now (a caller that does not read it first). If the file is not
    that one any more when it would be replaced, ``InputError("file_changed")``. The original stays
    intact until the final atomic ``os.replace``; with ``backup`` it is first copied to
    ``<path>.bak``. On any exception, KeyboardInterrupt included, the temp files are removed and
    the exception re-raised; the disk's own refusals become one-line InputErrors.
    """
    path = _target(Path(path))
    _refuse_unwritable(path)
    expected = as_read if as_read is not None else fingerprint(path)
    exists = path.exists()
    lock = _take_lock(path)
    try:
        if lock is not None:
            remove_stale_temps(path, lock.taken_ns)
        tmp = _make_temp(path, path.name)
        try:
            _write_temp(path, tmp, write)
            if verify is not None:
                verify(tmp)
            if exists:
                _copy_mode(path, tmp)
            _check_unchanged(path, expected, lock)
            if backup and exists:
                _backup(path)
                _check_unchanged(path, expected, lock)  # the copy took time: look once more
            _replace_with_retry(tmp, path, path)
        except BaseException:
            discard(tmp)
            raise
        sync_folder(path.parent)
    finally:
        if lock is not None:
            lock.release()


def _target(path: Path) -> Path:
    """Replace the file a link points to, not the link."""
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def _take_lock(path: Path) -> OwnLock | None:
    lock = libreoffice_lock_path(path)
    for _ in range(2):
        try:
            return take_lock(path)
        except FileExistsError:  # another run or LibreOffice took it since we looked: who?
            check_not_open(path)
        except OSError as error:
            raise _disk_error(error, path.name, path) from None
    owner = lock_owner(lock) or t("unknown_owner", ui_lang())
    raise InputError("file_is_open", name=path.name, lock=lock.name, owner=owner)


def _check_unchanged(path: Path, expected: Fingerprint | None, lock: OwnLock | None) -> None:
    """Just before the backup and the replace: nobody opened the file since (Excel, LibreOffice,
    a run that removed our lock), it is not read-only now, and its bytes are the ones read."""
    check_not_open(path, own=lock)
    if path.exists():
        _check_not_read_only(path)
    if fingerprint(path) != expected:
        raise InputError("file_changed", name=path.name)


def _write_temp(path: Path, tmp: Path, write: Callable[[Path], None]) -> None:
    """The caller's writer, then fsync: a disk that fills up may say so only then (network
    drives), and a power cut after the rename must not leave an empty workbook."""
    try:
        write(tmp)
        fsync(tmp)
    except OSError as error:
        if disk_cause(error) is None:
            raise
        raise _disk_error(error, path.name, path) from None


def _disk_error(error: OSError, name: str, book: Path) -> InputError:
    """One line naming the cause; a missing folder or an odd name keeps the general message."""
    key = disk_cause(error)
    if key is None:
        return InputError("cannot_write", name=name, folder=str(book.parent))
    return InputError(key, name=name, folder=str(book.parent), book=book.name)


def _make_temp(path: Path, shown: str) -> Path:
    """A temp file beside ``path``; ``shown`` is the name a refusal gives (the workbook's or its
    backup's: the temp file's own name means nothing to a person)."""
    try:
        return make_temp(path)
    except OSError as error:
        raise _disk_error(error, shown, path) from None


def _copy_mode(path: Path, tmp: Path) -> None:
    """Keep the workbook's permissions (shared folders); best effort."""
    try:
        shutil.copymode(path, tmp)
    except OSError:
        pass


def _backup(path: Path) -> None:
    """Copy the workbook to ``NAME.bak`` as the workbook itself is written: to a temp file beside
    it, synced, then renamed over the old backup, so a full disk leaves the old backup whole. The
    copy gets the workbook's permissions with the owner's write bit: a backup must never be what
    makes the next run fail."""
    backup = backup_path(path)
    tmp = _make_temp(path, backup.name)
    try:
        try:
            shutil.copyfile(path, tmp)
            _backup_mode(path, tmp)
            fsync(tmp)
        except OSError as error:
            raise _disk_error(error, backup.name, path) from None
        _keep_times(path, tmp)
        _make_writable(backup)
        _replace_with_retry(tmp, backup, path)
    except BaseException:
        discard(tmp)
        raise


def _backup_mode(path: Path, tmp: Path) -> None:
    try:
        os.chmod(tmp, stat.S_IMODE(path.stat().st_mode) | stat.S_IWUSR)
    except OSError:
        pass


def _keep_times(path: Path, tmp: Path) -> None:
    """The backup keeps the date of the version it holds, as a copy in Explorer does."""
    try:
        status = path.stat()
        os.utime(tmp, ns=(status.st_atime_ns, status.st_mtime_ns))
    except OSError:
        pass


def _make_writable(existing: Path) -> None:
    """An older backup made read-only (by an older version, or by hand) must not block the
    rename: Windows refuses to replace a read-only file."""
    try:
        mode = existing.stat().st_mode
        if not mode & stat.S_IWUSR:
            os.chmod(existing, stat.S_IMODE(mode) | stat.S_IWUSR)
    except OSError:
        pass


def _replace_with_retry(tmp: Path, target: Path, book: Path) -> None:
    """``os.replace(tmp, target)``, waiting out a program that holds ``target`` on Windows; the
    refusals of the disk are named for ``target`` (the workbook or its backup)."""
    for attempt in range(1, REPLACE_TRIES + 1):
        try:
            os.replace(tmp, target)
            return
        except PermissionError as error:
            if getattr(error, "winerror", None) is None:  # POSIX: the folder's permission
                raise _disk_error(error, target.name, book) from None
            if attempt == REPLACE_TRIES:
                raise InputError("file_locked_by_other", name=target.name) from None
            time.sleep(REPLACE_RETRY_DELAY_S)
        except OSError as error:
            raise _disk_error(error, target.name, book) from None
