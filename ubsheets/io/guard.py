"""Cheap checks of a workbook file before any parser touches it.

Parsers (openpyxl, calamine) answer a wrong file with a traceback, a hang or a memory blow-up.
Here each bad kind becomes one ``InputError`` with one cause, decided from the file's first bytes,
the zip central directory and the first few KiB of each XML part; nothing is fully decompressed.
"""

from __future__ import annotations

import lzma
import os
import re
import stat
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO
from urllib.parse import unquote

from ubsheets.errors import InputError

OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
# Office stores a password-protected .xlsx as an OLE file with this stream (MS-OFFCRYPTO 2.3.4.4).
ENCRYPTED_STREAM_NAME = "EncryptedPackage".encode("utf-16-le")
WORKBOOK_PART = "xl/workbook.xml"
# A zip starts with a local file header, or is an empty zip (end record only).
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")

# Zip bomb limits, on the sizes the central directory declares. Our largest real workbooks are a
# few MB, and their biggest part (a sheet of 30,000 rows) unpacks to ~30 MB: these limits are ten
# times beyond any school workbook, yet far below what would exhaust a teacher's 4-8 GB laptop.
MAX_PART_BYTES = 256 * 1024**2
MAX_TOTAL_BYTES = 512 * 1024**2
# Sheet XML compresses ~10-30x, long runs of one repeated byte ~1000x (deflate's ceiling is 1032x):
# a large part that claims more than that is made to unpack huge, not made by Excel.
RATIO_CHECK_FROM_BYTES = 1024**2
MAX_RATIO = 1000

XML_SUFFIXES = (".xml", ".rels", ".vml")
# Every real part names its root element within the first hundred bytes; 64 KiB is generous.
MAX_PROLOG_BYTES = 64 * 1024
# First read; each next read doubles the buffer, so a long prolog is rescanned only ~twice.
PROLOG_FIRST_READ_BYTES = 1024
SCAN_CHUNK_BYTES = 1024**2
_NAME_START = re.compile(rb"[A-Za-z_:\x80-\xff]")

# A file up to this size is read once, and each XML part's first bytes are unpacked from that copy:
# a few microseconds a part instead of the ~20 ``ZipFile.open`` costs. School workbooks are a few
# hundred KiB; past a few MiB, copying the file costs about what it saves, so a bigger file is
# checked through ``ZipFile.open`` alone, as is any part the copy cannot settle.
WHOLE_FILE_READ_BYTES = 8 * 1024**2
# A zip local file header (APPNOTE 4.3.7): signature, versions, flags, method, time, date, CRC,
# sizes, then the lengths of the name and of the extra field that come before the data.
_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
# Encrypted, compressed patched data, strong encryption: zipfile refuses these, in its own words.
_FLAGS_LEFT_TO_ZIPFILE = 0x01 | 0x20 | 0x40
_UTF8_NAME_FLAG = 0x800
# How far ``_prolog_verdict_in`` unpacks each part. ``_prolog_is_safe``'s first read unpacks up to
# ``PROLOG_FIRST_READ_BYTES - 1 + ZipExtFile.MIN_READ_SIZE`` bytes, so a deflate error or a wrong
# CRC within those is a damaged file: unpacking as far finds the same ones.
PROLOG_UNPACK_BYTES = PROLOG_FIRST_READ_BYTES + zipfile.ZipExtFile.MIN_READ_SIZE

# What zipfile raises on broken or hostile bytes, as found by fuzzing real workbooks: bad offsets
# (OSError EINVAL), bad streams (zlib/bz2/lzma errors, EOFError), unknown methods, versions or flags
# (NotImplementedError), encrypted entries (RuntimeError), non-UTF-8 names (UnicodeDecodeError, a
# ValueError). The one list: the reader and the writer catch these too, since an entry the guard
# does not open (a picture) can be broken as well, and shows it only when it is read.
BROKEN_ZIP = (
    zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error, lzma.LZMAError,
    NotImplementedError, RuntimeError, OverflowError,
)


def check_workbook_file(path: Path) -> None:
    """Raise ``InputError`` with one clear cause if ``path`` is not a safe .xlsx/.xlsm workbook."""
    open_checked_workbook(path).close()


def open_checked_workbook(path: Path) -> zipfile.ZipFile:
    """``check_workbook_file``, handing back the checked package still open: a reader then reads
    what the guard looked at, without parsing the zip's directory a second time."""
    path = Path(path)
    name = shown_name(path)
    check_regular_file(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
            if head == OLE_MAGIC:
                encrypted = _contains(handle, ENCRYPTED_STREAM_NAME)
                raise InputError("password_protected" if encrypted else "legacy_xls", name=name)
    except OSError:
        raise InputError("cannot_read", name=name) from None
    if head[:4] not in ZIP_SIGNATURES:
        raise InputError("not_a_workbook", name=name)
    try:
        archive = zipfile.ZipFile(path)
    except BROKEN_ZIP:
        raise InputError("damaged_workbook", name=name) from None
    try:
        _check_parts(archive, name)
    except BROKEN_ZIP:
        archive.close()
        raise InputError("damaged_workbook", name=name) from None
    except BaseException:
        archive.close()
        raise
    return archive


def check_regular_file(path: Path) -> None:
    name = shown_name(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError("file_not_found", name=name) from None
    except (OSError, ValueError):  # permission, name too long, NUL in the name
        raise InputError("cannot_read", name=name) from None
    if stat.S_ISDIR(info.st_mode):
        raise InputError("not_a_file", name=name)
    if not stat.S_ISREG(info.st_mode):  # a pipe or a device: a reader would block on it
        raise InputError("not_a_regular_file", name=name)
    if info.st_size == 0:
        raise InputError("file_empty", name=name)


def shown_name(path: Path) -> str:
    """The name a message gives ``path``: "." and "" have none of their own, so their folder's."""
    return path.name or Path(os.path.abspath(path)).name


def _contains(handle: BinaryIO, needle: bytes) -> bool:
    """Whether the rest of ``handle`` contains ``needle``, reading 1 MiB at a time."""
    tail = b""
    while chunk := handle.read(SCAN_CHUNK_BYTES):
        if needle in tail + chunk:
            return True
        tail = chunk[-(len(needle) - 1):]
    return False


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    infos = archive.infolist()
    if not any(info.filename.lower() == WORKBOOK_PART for info in infos):
        raise InputError("not_a_workbook", name=name)
    if _has_duplicate_part(infos):
        raise InputError("damaged_workbook", name=name)
    total = 0
    for info in infos:
        total += info.file_size
        if _too_big(info) or total > MAX_TOTAL_BYTES:
            raise InputError("zip_bomb", name=name, part=info.filename)
    package = _whole_file(archive)
    for info in infos:
        if info.filename.lower().endswith(XML_SUFFIXES):
            safe = None if package is None else _prolog_verdict_in(package, info, archive)
            if safe is None:
                safe = _prolog_is_safe(archive, info)
            if not safe:
                raise InputError("unsafe_xml", name=name, part=info.filename)


def _has_duplicate_part(infos: list[zipfile.ZipInfo]) -> bool:
    """Two entries for one part (OPC compares part names ignoring case and percent-encoding).

    Readers disagree on which of the two is real (Python's zipfile takes the last, calamine the
    first it meets), so what we check would not be what is read; and copying the entries to write
    the file would warn "Duplicate name" on the terminal. No Office application writes such a
    file: it is damaged."""
    keys = [unquote(info.filename).lower() for info in infos]
    return len(set(keys)) != len(keys)


def _too_big(info: zipfile.ZipInfo) -> bool:
    if info.file_size > MAX_PART_BYTES:
        return True
    if info.file_size <= RATIO_CHECK_FROM_BYTES:
        return False
    return info.file_size > MAX_RATIO * max(info.compress_size, 1)


def _whole_file(archive: zipfile.ZipFile) -> bytes | None:
    """The bytes of the zip the archive has open (the very file its entries are read from), or
    None when it is too big to read at once."""
    handle = archive.fp
    if handle is None:
        return None
    try:
        size = os.fstat(handle.fileno()).st_size
        if size > WHOLE_FILE_READ_BYTES:
            return None
        position = handle.tell()
        handle.seek(0)
        content = handle.read(size)
        handle.seek(position)
    except (OSError, ValueError):  # zipfile's own reads will meet it and say so
        return None
    return content


def _prolog_verdict_in(package: bytes, info: zipfile.ZipInfo,
                       archive: zipfile.ZipFile) -> bool | None:
    """``_prolog_is_safe`` for an entry of ``package``, the zip's bytes, without ``ZipFile.open``;
    None whenever this cannot be sure to answer as ``_prolog_is_safe`` would, which then answers.

    That one reads the entry through zipfile, which checks the local header, the method, the flags
    and, once it reaches the entry's end, the CRC, and whose first read unpacks at most
    ``PROLOG_FIRST_READ_BYTES - 1 + ZipExtFile.MIN_READ_SIZE`` bytes (a deflate error there is a
    damaged file). Here the same header checks are made, at least as many bytes are unpacked, and
    the CRC is checked whenever they reach the entry's end: anything amiss (a broken or truncated
    entry, a CRC that does not match, an unusual method or flag), or a prolog longer than that
    first read, is left to ``_prolog_is_safe``, so a damaged file is refused exactly as before."""
    if info.flag_bits & _FLAGS_LEFT_TO_ZIPFILE:
        return None
    offset = info.header_offset
    if offset < 0 or offset + _LOCAL_HEADER.size > len(package):
        return None
    header = _LOCAL_HEADER.unpack_from(package, offset)
    signature, flags, name_length, extra_length = header[0], header[3], header[10], header[11]
    if signature != b"PK\x03\x04":
        return None
    name_start = offset + _LOCAL_HEADER.size
    # zipfile decodes the local name as the local header's own flag says.
    local_encoding = getattr(archive, "metadata_encoding", None) or "cp437"
    encoding = "utf-8" if flags & _UTF8_NAME_FLAG else local_encoding
    raw_name = package[name_start:name_start + name_length]
    if raw_name.isascii() and encoding in ("utf-8", "cp437"):
        encoding = "ascii"  # the same characters, decoded without a Python-level codec
    try:
        if raw_name.decode(encoding) != info.orig_filename:
            return None
    except UnicodeDecodeError:
        return None
    start = name_start + name_length + extra_length
    end = start + info.compress_size
    end_offset = getattr(info, "_end_offset", None)  # Python 3.13+ refuses overlapping entries
    if end > len(package) or end_offset is not None and end > end_offset:
        return None
    return _unpacked_verdict(package, info, start, end)


def _unpacked_verdict(package: bytes, info: zipfile.ZipInfo, start: int, end: int) -> bool | None:
    """``_prolog_verdict_in`` for an entry whose data is ``package[start:end]``."""
    first = PROLOG_FIRST_READ_BYTES
    window = max(PROLOG_UNPACK_BYTES, first)
    if info.compress_type == zipfile.ZIP_STORED:
        stored = min(info.compress_size, info.file_size)
        whole = stored <= window
        content = package[start:start + (stored if whole else first)]
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        try:
            content, whole = _inflate_head(memoryview(package)[start:end], window)
        except zlib.error:
            return None
        whole = whole or len(content) >= info.file_size
        content = content[:info.file_size]
    else:
        return None
    if whole and zlib.crc32(content) != info.CRC:
        return None
    # The first turn of _prolog_is_safe's loop, on the same bytes.
    if MAX_PROLOG_BYTES <= 0:
        return False
    buffer = content[:first]
    if not buffer:
        return True
    verdict = _prolog_verdict(_as_utf8(buffer))
    if verdict is not None:
        return verdict
    if len(buffer) >= MAX_PROLOG_BYTES:
        return False
    if whole and len(content) <= len(buffer):
        return True  # its next read finds the end
    return None


def _inflate_head(raw: memoryview, window: int) -> tuple[bytes, bool]:
    """The first ``window`` bytes (or more) a raw deflate stream unpacks to, and whether they are
    all it unpacks to. The input is fed a window at a time: a large part's tail is never copied."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    fed = min(len(raw), window)
    content = inflater.decompress(raw[:fed], window)
    while len(content) < window and not inflater.eof and fed < len(raw):
        more = min(len(raw), fed + window)
        content += inflater.decompress(raw[fed:more], window - len(content))
        fed = more
    if inflater.eof:
        return content, True
    if fed == len(raw) and not inflater.unconsumed_tail:
        return content + inflater.flush(), True
    return content, False


def _prolog_is_safe(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    """Read a part up to its root element; a DTD before it (entities, XXE) makes it unsafe."""
    buffer = b""
    with archive.open(info) as part:
        while len(buffer) < MAX_PROLOG_BYTES:
            chunk = part.read(max(PROLOG_FIRST_READ_BYTES, len(buffer)))
            if not chunk:  # no root element at all: not XML, but no DTD either
                return True
            buffer += chunk
            verdict = _prolog_verdict(_as_utf8(buffer))
            if verdict is not None:
                return verdict
    return False


def _as_utf8(data: bytes) -> bytes:
    """UTF-16 parts (allowed by XML, rare in Office) recoded so the byte scan sees ASCII markup."""
    if data.startswith(b"\xff\xfe") or data[1:2] == b"\x00":
        return data[: len(data) // 2 * 2].decode("utf-16-le", "replace").encode()
    if data.startswith(b"\xfe\xff") or data[:1] == b"\x00":
        return data[: len(data) // 2 * 2].decode("utf-16-be", "replace").encode()
    return data


def _prolog_verdict(data: bytes) -> bool | None:
    """True: root element reached cleanly; False: a declaration (``<!DOCTYPE``, ``<!ENTITY``) came
    first; None: need more bytes. Comments and processing instructions are skipped, so a comment
    holding ``<a`` cannot hide a DOCTYPE behind it."""
    position = 0
    while (position := data.find(b"<", position)) >= 0:
        if data.startswith(b"<?", position):
            end = data.find(b"?>", position + 2)
            position = end + 2 if end >= 0 else -1
        elif data.startswith(b"<!--", position):
            end = data.find(b"-->", position + 4)
            position = end + 3 if end >= 0 else -1
        elif len(data) - position < 4:
            return None  # "<", "<!" or "<!-" cut at the buffer's end
        elif data.startswith(b"<!", position):
            return False
        elif _NAME_START.match(data, position + 1):
            return True
        else:
            position += 1  # a stray "<": not well-formed, which the parser will report
        if position < 0:
            return None
    return None
