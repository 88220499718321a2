"""The file system's side of a safe write (``safe_write``): temp files beside the workbook, what a
killed run left of them, syncing to disk, and the disk's refusals a person can act on."""

from __future__ import annotations

import errno
import os
import re
import secrets
import time
from pathlib import Path

TEMP_PREFIX = ".~ubsheets-"
TEMP_TOKEN_CHARS = 12
TEMP_NAME_TRIES = 5
# A temp file is ".~ubsheets-<token>-<the workbook's name>": the name says whose it is, so a run
# holding a workbook's lock knows which leftovers are a dead run's. Older versions named it
# ".~ubsheets-<token><suffix>": those are removed once a day old, as no run lasts that long.
TEMP_NAME = re.compile(re.escape(TEMP_PREFIX) + f"[0-9a-f]{{{TEMP_TOKEN_CHARS}}}(?P<rest>.*)",
                       re.DOTALL)
LEGACY_REST = re.compile(r"(\.[^.]*)?", re.DOTALL)
LEGACY_TEMP_AGE_S = 24 * 3600
MAX_NAME_BYTES = 255  # a file name's limit on the usual file systems (NTFS counts UTF-16 units)
# The disk's refusals a person can act on, by the message that names them.
DISK_CAUSES = {
    errno.ENOSPC: "no_space",
    getattr(errno, "EDQUOT", errno.ENOSPC): "no_space",  # over the user's quota: full for them
    errno.EROFS: "read_only_disk",
    errno.EACCES: "no_permission",
    errno.EPERM: "no_permission",
}


def disk_cause(error: OSError) -> str | None:
    """The message key for a refusal of the disk a person can act on, else None."""
    return DISK_CAUSES.get(error.errno) if error.errno is not None else None


def make_temp(path: Path) -> Path:
    """An empty new file beside ``path``, named after it; created with mode 0666 so the umask
    applies, as for any file the user saves (``tempfile.mkstemp`` would make it private to this
    user). Raises OSError: a missing folder, a full disk, no permission, a name it cannot take."""
    folder = path.parent
    for _ in range(TEMP_NAME_TRIES):
        tmp = folder / f"{TEMP_PREFIX}{secrets.token_hex(TEMP_TOKEN_CHARS // 2)}-{temp_tail(path)}"
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            return tmp
        except FileExistsError:
            continue
        except ValueError:  # a name the system cannot take (a NUL in it)
            raise OSError(errno.EINVAL, "invalid file name", str(tmp)) from None
    raise FileExistsError(errno.EEXIST, "no free temp file name", str(folder))


def temp_tail(path: Path) -> str:
    """The workbook's name, which its temp files end with, shortened from the front to fit a file
    name (the suffix is kept: writers look at it)."""
    tail = path.name
    budget = MAX_NAME_BYTES - len(TEMP_PREFIX) - TEMP_TOKEN_CHARS - 1
    while len(tail.encode("utf-8", "surrogateescape")) > budget:
        tail = tail[1:]
    return tail


def remove_stale_temps(path: Path, run_started_ns: int) -> None:
    """Remove the temp files a killed run left beside ``path``: those named for this workbook and
    older than this run (the caller holds the workbook's lock, so no live run is writing them),
    and those of the older naming once a day old. Nothing else is ever touched."""
    own_rest = "-" + os.path.normcase(temp_tail(path))
    legacy_before_ns = time.time_ns() - LEGACY_TEMP_AGE_S * 10**9
    try:
        entries = list(os.scandir(path.parent))
    except OSError:
        return
    for entry in entries:
        match = TEMP_NAME.fullmatch(entry.name)
        if match is None:
            continue
        ours = os.path.normcase(match.group("rest")) == own_rest
        legacy = LEGACY_REST.fullmatch(match.group("rest")) is not None
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            modified = entry.stat(follow_symlinks=False).st_mtime_ns
        except OSError:
            continue
        if (ours and modified < run_started_ns) or (legacy and modified < legacy_before_ns):
            discard(Path(entry.path))


def discard(tmp: Path) -> None:
    """Remove a temp file without masking the exception being handled."""
    try:
        if not os.access(tmp, os.W_OK):  # Windows refuses to delete a read-only file
            os.chmod(tmp, 0o600)
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def fsync(path: Path) -> None:
    """Flush ``path`` to the disk: a power cut after the rename must not leave an empty workbook,
    and a network drive may only now say it is full. A file system that cannot sync is let be."""
    handle = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
    try:
        os.fsync(handle)
    except OSError as error:
        if disk_cause(error) is not None:
            raise
    finally:
        os.close(handle)


def sync_folder(folder: Path) -> None:
    """Make a rename in ``folder`` durable (POSIX); best effort, Windows cannot open a folder so."""
    if os.name != "posix":
        return
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)
