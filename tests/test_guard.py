"""check_workbook_file: one clear cause for each kind of bad file, never a traceback."""

from __future__ import annotations

import functools
import io
import os
import random
import subprocess
import sys
import time
import warnings
import zipfile
import zlib
from pathlib import Path
from unittest import mock

import openpyxl
import pytest
import xlsxwriter
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ubsheets.errors import InputError
from ubsheets.io import guard
from ubsheets.io.guard import check_workbook_file
from ubsheets.io.reader import check_sheets_readable

BILLION_LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
)


@functools.cache
def fuzz_base() -> bytes:
    """One fixed workbook for the fuzz test (each openpyxl save stamps a new time)."""
    buffer = io.BytesIO()
    make_openpyxl_book(buffer, rows=3)
    return buffer.getvalue()


def make_openpyxl_book(path: Path, rows: int = 20) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Мүчөлөр"
    sheet.append(["Аты-жөнү", "Сааты", "Категория"])
    for row in range(rows):
        sheet.append([f"Мугалим {row}", row % 40, "биринчи"])
    workbook.save(path)
    return path


def rewrite_part(source: Path, target: Path, part: str, content: bytes) -> Path:
    """Copy a workbook, replacing one zip entry's bytes."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = content if info.filename == part else old.read(info)
            new.writestr(info.filename, data)
    return target


def refusal(path: Path) -> InputError:
    with pytest.raises(InputError) as caught:
        check_workbook_file(path)
    return caught.value


@pytest.fixture
def book(tmp_path: Path) -> Path:
    return make_openpyxl_book(tmp_path / "book.xlsx")


def test_openpyxl_workbook_passes(book: Path) -> None:
    assert check_workbook_file(book) is None


def test_xlsxwriter_workbook_with_comments_passes(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    workbook = xlsxwriter.Workbook(path)
    sheet = workbook.add_worksheet("Пландар")
    sheet.write("A1", "Иш-чара")
    sheet.write_comment("A1", "Эскертүү")  # adds a .vml part
    workbook.close()
    assert check_workbook_file(path) is None


def test_missing_file(tmp_path: Path) -> None:
    error = refusal(tmp_path / "жок.xlsx")
    assert error.key == "file_not_found"
    assert error.message("en") == (
        'File "жок.xlsx" was not found: check the folder and the file name.'
    )
    assert error.message("ky") == (
        "«жок.xlsx» файлы табылган жок: папканы жана файлдын атын текшериңиз."
    )


def test_directory(tmp_path: Path) -> None:
    folder = tmp_path / "folder.xlsx"
    folder.mkdir()
    assert refusal(folder).key == "not_a_file"


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.xlsx"
    path.write_bytes(b"")
    assert refusal(path).key == "file_empty"


def test_random_bytes(tmp_path: Path) -> None:
    path = tmp_path / "noise.xlsx"
    path.write_bytes(b"\x00" + random.Random(7).randbytes(5000))
    assert refusal(path).key == "not_a_workbook"


def test_text_renamed_as_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "export.xlsx"
    path.write_text("<html><table><tr><td>1</td></tr></table></html>", encoding="utf-8")
    assert refusal(path).key == "not_a_workbook"


def test_truncated_workbook(book: Path, tmp_path: Path) -> None:
    data = book.read_bytes()
    half = tmp_path / "half.xlsx"
    half.write_bytes(data[: len(data) // 2])
    error = refusal(half)
    assert error.key == "damaged_workbook"
    assert error.message("en") == (
        '"half.xlsx" is damaged or incomplete (was it copied fully?): copy it again from'
        " where it came from."
    )


def test_zip_without_workbook_part(tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    assert refusal(path).key == "not_a_workbook"


def test_empty_zip(tmp_path: Path) -> None:
    path = tmp_path / "empty-zip.xlsx"
    zipfile.ZipFile(path, "w").close()
    assert refusal(path).key == "not_a_workbook"


def ole_file(path: Path, body: bytes = b"") -> Path:
    header = guard.OLE_MAGIC + bytes(16) + b"\x3e\x00\x03\x00\xfe\xff\x09\x00"
    path.write_bytes(header.ljust(512, b"\x00") + body.ljust(4096, b"\x00"))
    return path


def test_legacy_xls(tmp_path: Path) -> None:
    error = refusal(ole_file(tmp_path / "эски.xls", "Workbook".encode("utf-16-le")))
    assert error.key == "legacy_xls"
    assert error.message("en") == (
        '"эски.xls" is in the old .xls format: open it in Excel or LibreOffice and save it'
        " as .xlsx or .xlsm (File → Save As)."
    )
    assert error.message("ky") == (
        "«эски.xls» эски .xls форматында: аны Excel же LibreOffice программасында ачып, .xlsx"
        " же .xlsm катары сактаңыз (Файл → Сохранить как)."
    )


def test_password_protected(tmp_path: Path) -> None:
    body = "EncryptionInfo".encode("utf-16-le") + bytes(50) + guard.ENCRYPTED_STREAM_NAME
    error = refusal(ole_file(tmp_path / "secret.xlsx", body))
    assert error.key == "password_protected"
    assert "File → Info → Protect Workbook" in error.message("en")


def test_password_stream_name_across_read_chunks(tmp_path: Path) -> None:
    path = tmp_path / "secret-big.xlsx"
    # The handle is at byte 8 after the magic: put the name across the first 1 MiB chunk's end.
    start = 8 + guard.SCAN_CHUNK_BYTES - 10
    data = bytearray(guard.OLE_MAGIC + bytes(start - 8 + 64))
    data[start : start + len(guard.ENCRYPTED_STREAM_NAME)] = guard.ENCRYPTED_STREAM_NAME
    path.write_bytes(bytes(data))
    assert refusal(path).key == "password_protected"


def test_zip_bomb_by_declared_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    chunk = b" " * 1024**2
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        with archive.open("xl/worksheets/sheet1.xml", "w") as part:
            for _ in range(300):
                part.write(chunk)
    started = time.perf_counter()
    error = refusal(path)
    assert time.perf_counter() - started < 0.5  # declared sizes only, nothing decompressed
    assert error.key == "zip_bomb"
    assert error.params["part"] == "xl/worksheets/sheet1.xml"


def test_zip_bomb_by_ratio(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "dense.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        sheet = b"<worksheet>" + b" " * (2 * 1024**2) + b"</worksheet>"
        archive.writestr("xl/worksheets/sheet1.xml", sheet)  # ~230:1 at level 1
    assert check_workbook_file(path) is None
    monkeypatch.setattr(guard, "MAX_RATIO", 100)
    assert refusal(path).key == "zip_bomb"


def test_zip_bomb_by_total(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(guard, "MAX_TOTAL_BYTES", 1000)
    assert refusal(book).key == "zip_bomb"


def test_billion_laughs_in_workbook_part(book: Path, tmp_path: Path) -> None:
    original = zipfile.ZipFile(book).read("xl/workbook.xml")
    hostile = BILLION_LAUGHS.encode() + original  # openpyxl writes no XML declaration
    path = rewrite_part(book, tmp_path / "laughs.xlsx", "xl/workbook.xml", hostile)
    error = refusal(path)
    assert error.key == "unsafe_xml"
    assert error.params["part"] == "xl/workbook.xml"
    assert error.message("ky") == (
        "«laughs.xlsx» ичинде Excel эч качан жазбаган коркунучтуу XML белгилери (DOCTYPE/ENTITY)"
        " бар: коопсуздук үчүн файл ачылбайт; Excel программасында сакталган кадимки нускасын"
        " алыңыз."
    )


XXE = '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
UNSAFE_PROLOGS = {
    "xxe in rels": ("_rels/.rels", f'<?xml version="1.0"?>{XXE}<Relationships/>'.encode()),
    "doctype after a comment holding '<a'": (
        "xl/workbook.xml",
        b"<?xml version='1.0'?><!-- <a --><!DOCTYPE w [<!ENTITY e 'x'>]><workbook/>",
    ),
    "utf-16 doctype": ("xl/workbook.xml", f"\ufeff{BILLION_LAUGHS}<workbook/>".encode("utf-16-le")),
    "no root within 64 KiB": ("xl/workbook.xml", b"<?xml version='1.0'?>" + b" " * 70_000),
    "doctype in vml": ("xl/drawings/vmlDrawing1.vml", f"{XXE}<xml/>".encode()),
}


@pytest.mark.parametrize("part, content", UNSAFE_PROLOGS.values(), ids=UNSAFE_PROLOGS.keys())
def test_unsafe_prologs(book: Path, tmp_path: Path, part: str, content: bytes) -> None:
    path = tmp_path / "hostile.xlsx"
    with zipfile.ZipFile(book) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename != part:
                new.writestr(info.filename, old.read(info))
        new.writestr(part, content)
    assert refusal(path).key == "unsafe_xml"


SAFE_PROLOGS = {
    "utf-16 with bom": '\ufeff<?xml version="1.0" encoding="UTF-16"?><workbook/>'.encode(
        "utf-16-le"
    ),
    "utf-8 bom and comment": b"\xef\xbb\xbf<?xml version='1.0'?><!-- <!DOCTYPE --><workbook/>",
    "namespaced root": b"<?xml version='1.0'?>\r\n<x:workbook xmlns:x='urn:x'/>",
}


@pytest.mark.parametrize("content", SAFE_PROLOGS.values(), ids=SAFE_PROLOGS.keys())
def test_safe_prologs(book: Path, tmp_path: Path, content: bytes) -> None:
    path = rewrite_part(book, tmp_path / "odd-but-safe.xlsx", "xl/workbook.xml", content)
    assert check_workbook_file(path) is None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_no_traceback_for_any_bytes(tmp_path_factory: pytest.TempPathFactory, data) -> None:
    """Random bytes, and a real workbook with bytes overwritten or cut anywhere."""
    folder = tmp_path_factory.mktemp("fuzz")
    original = fuzz_base()
    kind = data.draw(st.sampled_from(["noise", "zip-noise", "mutated", "cut"]))
    if kind == "noise":
        content = data.draw(st.binary(max_size=2000))
    elif kind == "zip-noise":
        content = b"PK\x03\x04" + data.draw(st.binary(max_size=2000))
    else:
        content = bytearray(original)
        for _ in range(data.draw(st.integers(1, 8))):
            position = data.draw(st.integers(0, len(content) - 1))
            content[position] = data.draw(st.integers(0, 255))
        if kind == "cut":
            content = content[: data.draw(st.integers(0, len(content)))]
    path = folder / "fuzz.xlsx"
    path.write_bytes(bytes(content))
    try:
        check_workbook_file(path)
    except InputError as error:
        assert "\n" not in error.message("en")


def with_second_entry(book: Path, name: str) -> Path:
    """``book`` with one more zip entry called ``name`` (this copy's own "Duplicate name" warning
    is silenced: the test is about what ubsheets prints)."""
    with warnings.catch_warnings(), zipfile.ZipFile(book, "a") as package:
        warnings.simplefilter("ignore")
        package.writestr(name, package.read("xl/worksheets/sheet1.xml"))
    return book


@pytest.mark.parametrize("name", ["xl/worksheets/sheet1.xml", "XL/Worksheets/Sheet1.xml",
                                  "xl/worksheets/sheet%31.xml"])
def test_two_entries_for_one_part_are_a_damaged_file(book: Path, name: str) -> None:
    """OPC names ignore case and percent-encoding: zipfile would read one entry, calamine another."""
    assert refusal(with_second_entry(book, name)).key == "damaged_workbook"


def test_a_duplicate_entry_is_refused_in_one_line_and_no_python_warning(tmp_path: Path) -> None:
    from builders import make_book

    book = with_second_entry(make_book(tmp_path / "dup.xlsx"), "xl/worksheets/sheet2.xml")
    before = book.read_bytes()
    result = subprocess.run([sys.executable, "-m", "ubsheets", "validate", str(book)],
                            cwd=Path(__file__).resolve().parent.parent, capture_output=True, text=True,
                            env={k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"}, timeout=120)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == ("Ката: «dup.xlsx» файлы бузулган же толук эмес (толугу менен көчүрүлдүбү?):"
                             " аны булагынан кайра көчүрүп алыңыз.\n")
    assert book.read_bytes() == before


def test_a_part_the_guard_does_not_open_is_refused_where_it_is_read(book: Path, tmp_path: Path) -> None:
    """Only XML parts are opened here, so a picture zipfile cannot unpack (an unknown compression
    method) passes; reading it is left to ``BROKEN_ZIP``, shared by the reader and the writer."""
    path = tmp_path / "picture.xlsx"
    with zipfile.ZipFile(book) as old, zipfile.ZipFile(path, "w") as new:
        for info in old.infolist():
            new.writestr(info, old.read(info))
        new.writestr("xl/media/image1.png", b"\x89PNG\r\n\x1a\n")
        new.getinfo("xl/media/image1.png").compress_type = 99
    assert check_workbook_file(path) is None
    with pytest.raises(InputError) as caught:
        check_sheets_readable(path, ["Мүчөлөр"])
    assert (caught.value.key, caught.value.params["name"]) == ("damaged_workbook", "picture.xlsx")


def test_every_message_is_one_line_in_every_language() -> None:
    from ubsheets.i18n import LANGS, t

    keys = [
        "file_not_found", "not_a_file", "file_empty", "cannot_read", "legacy_xls",
        "password_protected", "not_a_workbook", "damaged_workbook", "zip_bomb", "unsafe_xml",
    ]
    for key in keys:
        for lang in LANGS:
            text = t(key, lang, name="book.xlsx")
            assert "book.xlsx" in text and "\n" not in text, (key, lang)


def test_guard_reads_only_the_prologs(book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Parts are read in small pieces up to their root element, never whole (here through
    zipfile, as for a file too big to read at once)."""
    monkeypatch.setattr(guard, "WHOLE_FILE_READ_BYTES", 0)
    reads: list[int] = []
    real_open = zipfile.ZipFile.open

    def counting_open(self, name, *args, **kwargs):
        handle = real_open(self, name, *args, **kwargs)
        real_read = handle.read

        def read(size=-1):
            assert size != -1
            chunk = real_read(size)
            reads.append(len(chunk))
            return chunk

        handle.read = read
        return handle

    monkeypatch.setattr(zipfile.ZipFile, "open", counting_open)
    check_workbook_file(book)
    assert reads and max(reads) <= guard.PROLOG_FIRST_READ_BYTES


def test_a_workbook_is_read_once_and_its_parts_unpacked_only_to_their_prologs(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The usual case: the file's bytes are read once, no part is opened through zipfile, and
    each deflated part is unpacked only a window deep, a large sheet never whole."""
    book = make_openpyxl_book(tmp_path / "big.xlsx", rows=2000)
    with zipfile.ZipFile(book) as package:
        assert package.getinfo("xl/worksheets/sheet1.xml").file_size > 8 * guard.PROLOG_UNPACK_BYTES
    unpacked: list[int] = []
    real_inflater = zlib.decompressobj

    class CountingInflater:
        def __init__(self, *args) -> None:
            self.inflater = real_inflater(*args)

        def decompress(self, data, max_length=0):
            assert 0 < max_length <= guard.PROLOG_UNPACK_BYTES
            chunk = self.inflater.decompress(data, max_length)
            unpacked.append(len(chunk))
            return chunk

        def __getattr__(self, name):
            return getattr(self.inflater, name)

    def no_open(*args, **kwargs):
        raise AssertionError("a part opened through zipfile")

    monkeypatch.setattr(guard.zlib, "decompressobj", CountingInflater)
    monkeypatch.setattr(zipfile.ZipFile, "open", no_open)
    assert check_workbook_file(book) is None
    assert unpacked and max(unpacked) <= guard.PROLOG_UNPACK_BYTES


def package_with(path: Path, part: str, content: bytes, method: int) -> Path:
    """A minimal workbook whose ``part`` holds ``content``, stored or deflated as ``method`` says."""
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("[Content_Types].xml", b"<Types/>", zipfile.ZIP_DEFLATED)
        if part != "xl/workbook.xml":
            package.writestr("xl/workbook.xml", b"<workbook/>", zipfile.ZIP_DEFLATED)
        package.writestr(part, content, method)
    return path


def refusal_both_ways(path: Path) -> str | None:
    """What the guard says of ``path``, the same read from memory and through zipfile alone."""
    def outcome() -> str | None:
        try:
            check_workbook_file(path)
        except InputError as error:
            return error.key
        return None

    in_memory = outcome()
    with mock.patch.object(guard, "WHOLE_FILE_READ_BYTES", 0):
        assert outcome() == in_memory
    return in_memory


LONG_COMMENT = b"<!--" + b"<a " * 1500 + b"-->"  # 4.5 KB: past the first read and the window
HIDDEN_DOCTYPES = {
    "deflated, after a comment longer than the first read": (
        "xl/workbook.xml", b"<?xml version='1.0'?>" + LONG_COMMENT + XXE.encode() + b"<workbook/>"),
    "deflated, after a comment within the first read": (
        "xl/workbook.xml", b"<?xml version='1.0'?><!--" + b"x" * 900 + b"-->" + XXE.encode() + b"<w/>"),
    "deflated, after a comment ending just past the first read": (
        "_rels/.rels", b"<!--" + b"x" * 1015 + b"-->" + XXE.encode() + b"<Relationships/>"),
    "deflated, utf-16 after a comment": (
        "xl/workbook.xml", f"\ufeff<!--{'x' * 700}-->{BILLION_LAUGHS}<workbook/>".encode("utf-16-le")),
}


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED],
                         ids=["deflated", "stored"])
@pytest.mark.parametrize("part, content", HIDDEN_DOCTYPES.values(), ids=HIDDEN_DOCTYPES.keys())
def test_a_doctype_behind_a_comment_is_found_in_a_stored_or_deflated_part(
        tmp_path: Path, part: str, content: bytes, method: int) -> None:
    path = package_with(tmp_path / "hidden.xlsx", part, content, method)
    assert refusal_both_ways(path) == "unsafe_xml"


@pytest.mark.parametrize("content", [XXE.encode() + b"<workbook/>",
                                     b"<?xml version='1.0'?>" + XXE.encode() + b"<workbook/>"])
def test_a_stored_part_with_a_doctype_is_unsafe(tmp_path: Path, content: bytes) -> None:
    path = package_with(tmp_path / "stored.xlsx", "xl/workbook.xml", content, zipfile.ZIP_STORED)
    assert refusal_both_ways(path) == "unsafe_xml"


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED],
                         ids=["deflated", "stored"])
def test_safe_parts_pass_stored_or_deflated(tmp_path: Path, method: int) -> None:
    content = b"<?xml version='1.0'?>" + LONG_COMMENT + b"<workbook>" + b"<x/>" * 5000 + b"</workbook>"
    path = package_with(tmp_path / "safe.xlsx", "xl/workbook.xml", content, method)
    assert refusal_both_ways(path) is None


def with_central_crc(path: Path, part: str, crc: int) -> Path:
    """``path`` with the CRC its central directory gives ``part`` replaced (zipfile checks that
    one, once it has read the part to its end)."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        position = package.start_dir
        for info in package.infolist():
            assert data[position:position + 4] == b"PK\x01\x02"
            if info.filename == part:
                data[position + 16:position + 20] = crc.to_bytes(4, "little")
            position += 46 + len(info.orig_filename.encode()) + len(info.extra) + len(info.comment)
    path.write_bytes(bytes(data))
    return path


@pytest.mark.parametrize("method", [zipfile.ZIP_DEFLATED, zipfile.ZIP_STORED],
                         ids=["deflated", "stored"])
def test_a_wrong_crc_is_a_damaged_file_as_far_as_zipfile_reads(tmp_path: Path, method: int) -> None:
    """zipfile's first read of a part reaches a small part's end, and checks its CRC there, not a
    large one's: the guard answers as it did when it read every part through zipfile."""
    small = package_with(tmp_path / "small.xlsx", "xl/workbook.xml", b"<workbook/>", method)
    assert refusal_both_ways(with_central_crc(small, "xl/workbook.xml", 1)) == "damaged_workbook"
    large_content = b"<workbook>" + b"<x/>" * 5000 + b"</workbook>"
    large = package_with(tmp_path / "large.xlsx", "xl/workbook.xml", large_content, method)
    assert refusal_both_ways(with_central_crc(large, "xl/workbook.xml", 1)) is None


def test_a_local_header_naming_another_part_is_a_damaged_file(tmp_path: Path) -> None:
    path = package_with(tmp_path / "renamed.xlsx", "xl/styles.xml", b"<styleSheet/>",
                        zipfile.ZIP_DEFLATED)
    data = path.read_bytes()
    assert data.count(b"xl/styles.xml") == 2  # the local header's name, then the directory's
    path.write_bytes(data.replace(b"xl/styles.xml", b"xl/styleZ.xml", 1))
    assert refusal_both_ways(path) == "damaged_workbook"


@functools.cache
def differential_bases() -> tuple[bytes, ...]:
    """Workbooks to damage: openpyxl's small one, one with a large sheet, one stored whole."""
    small = fuzz_base()
    large = io.BytesIO()
    make_openpyxl_book(large, rows=300)
    stored = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(small)) as old, zipfile.ZipFile(stored, "w") as new:
        for info in old.infolist():
            new.writestr(info.filename, old.read(info), zipfile.ZIP_STORED)
    return small, large.getvalue(), stored.getvalue()


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_reading_parts_from_memory_answers_as_zipfile_does(
        tmp_path_factory: pytest.TempPathFactory, data) -> None:
    """Damaged workbooks (bytes overwritten anywhere, near an entry's header and data, or the file
    cut): the guard's answer is the same whether it reads parts from its copy of the file or
    through zipfile."""
    content = bytearray(data.draw(st.sampled_from(differential_bases())))
    with zipfile.ZipFile(io.BytesIO(bytes(content))) as package:
        offsets = [info.header_offset for info in package.infolist()]
    kind = data.draw(st.sampled_from(["anywhere", "near an entry", "cut"]))
    for _ in range(data.draw(st.integers(0 if kind == "cut" else 1, 6))):
        if kind == "near an entry":
            position = data.draw(st.sampled_from(offsets)) + data.draw(st.integers(0, 200))
        else:
            position = data.draw(st.integers(0, len(content) - 1))
        if position < len(content):
            content[position] = data.draw(XML_BYTES)
    if kind == "cut":
        content = content[: data.draw(st.integers(0, len(content) - 1))]
    folder = tmp_path_factory.getbasetemp() / "fuzz-guard-paths"
    folder.mkdir(exist_ok=True)
    path = folder / "book.xlsx"
    path.write_bytes(bytes(content))
    refusal_both_ways(path)



@functools.cache
def ubsheets_book() -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    """The entries of one real ubsheets workbook (the tests' valid association)."""
    import tempfile

    from builders import make_book

    with tempfile.TemporaryDirectory() as folder:
        path = make_book(Path(folder) / "book.xlsx")
        with zipfile.ZipFile(path) as package:
            return tuple((info, package.read(info)) for info in package.infolist())


def packed(entries) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for info, data in entries:
            package.writestr(info, data)
    return buffer.getvalue()


# Bytes that matter to an XML parser, and any byte at all.
XML_BYTES = st.one_of(st.sampled_from(b'<>/&;="\' \x00\xff'), st.integers(0, 255))


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_a_damaged_ubsheets_workbook_is_refused_in_words_never_a_traceback(
        tmp_path_factory: pytest.TempPathFactory, data) -> None:
    """End to end: a real workbook with bytes overwritten in the file or inside one of its parts
    (past the zip's checksums, into the XML), or cut anywhere, goes through the whole validation.
    It validates or is refused with an UbsheetsError; any other exception fails the test."""
    from ubsheets import actions
    from ubsheets.errors import UbsheetsError

    entries = list(ubsheets_book())
    kind = data.draw(st.sampled_from(["file", "part", "part", "cut"]))
    if kind == "part":
        index = data.draw(st.integers(0, len(entries) - 1))
        info, part = entries[index]
        part = bytearray(part)
        for _ in range(data.draw(st.integers(1, 6))):
            part[data.draw(st.integers(0, len(part) - 1))] = data.draw(XML_BYTES)
        entries[index] = (info, bytes(part))
        content = packed(entries)
    else:
        content = bytearray(packed(entries))
        if kind == "file":
            for _ in range(data.draw(st.integers(1, 8))):
                content[data.draw(st.integers(0, len(content) - 1))] = data.draw(XML_BYTES)
        else:
            content = content[: data.draw(st.integers(0, len(content) - 1))]
    folder = tmp_path_factory.getbasetemp() / "fuzz-ubsheets"
    folder.mkdir(exist_ok=True)
    path = folder / "book.xlsx"
    path.write_bytes(bytes(content))
    try:
        actions.validate_file(path, write=False)
    except UbsheetsError as error:
        assert "\n" not in error.message("ky")
