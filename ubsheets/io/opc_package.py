"""The zip side of a workbook (OPC): parts by name, their relationships, and entries copied untouched.

``package_writer`` decides what changes; this module reads the source package and writes the
result, copying every entry it is not given new content for byte for byte. An entry that cannot be
read (the guard opens only the XML parts) is ``damaged_workbook``; a failure to write is not ours to
rename and goes up as it is.
"""

from __future__ import annotations

import posixpath
import shutil
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from ubsheets.errors import InputError
from ubsheets.io.guard import BROKEN_ZIP
from ubsheets.io.parts.content_types import ContentTypesPart
from ubsheets.io.parts.relationships import read_relationships
from ubsheets.io.sheet_xml import RELATIONSHIPS_NS, xml_text
from ubsheets.io.xml_text import parse_safely

WORKBOOK = "xl/workbook.xml"
TYPES = "[Content_Types].xml"
_PACKAGE_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_COPY_CHUNK_BYTES = 1 << 20


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels: str) -> str:
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def part_key(part: str) -> str:
    """How we compare part names: OPC ignores case, and zip names may be percent-encoded or not."""
    return unquote(part).lower()


def _resolve(source: str, target: str) -> str:
    path = target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
    return part_key(posixpath.normpath(path))


class Package:
    """Read access to the source zip; part names are looked up case-insensitively."""

    def __init__(self, zin: zipfile.ZipFile, name: str) -> None:
        self.zin, self.name = zin, name
        self.names = {part_key(info.filename): info.filename for info in zin.infolist()}

    def has(self, part: str) -> bool:
        return part_key(part) in self.names

    def read(self, part: str) -> bytes:
        name = self.names[part_key(part)]
        with _reading_entry(self.name, name):
            return self.zin.read(name)

    def head(self, part: str, size: int) -> bytes:
        """The first ``size`` bytes of a part, without unpacking the rest."""
        name = self.names[part_key(part)]
        with _reading_entry(self.name, name), self.zin.open(name) as entry:
            return entry.read(size)

    def required(self, part: str) -> bytes:
        """The bytes of ``part``, which every workbook has: ``not_a_workbook`` if it is missing."""
        if not self.has(part):
            raise InputError("not_a_workbook", name=self.name)
        return self.read(part)

    def text(self, part: str) -> str:
        if not self.has(part):
            raise InputError("not_a_workbook", name=self.name)
        data = self.read(part)
        parse_safely(data, self.name)
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:  # UTF-16 parts: legal, but no Office app writes them
            raise InputError("not_a_workbook", name=self.name) from exc

    def rels(self, part: str) -> list[dict[str, str]]:
        if not self.has(rels_name(part)):
            return []
        found = []
        for rel_attrs in read_relationships(self.read(rels_name(part)), self.name):
            rel_attrs = {"Type": "", **rel_attrs}
            if rel_attrs.get("TargetMode") != "External" and rel_attrs.get("Target"):
                rel_attrs["part"] = _resolve(part, rel_attrs["Target"])
            found.append(rel_attrs)
        return found

    @cached_property
    def sources(self) -> dict[str, set[str]]:
        """Part -> the parts whose relationships point at it."""
        found: dict[str, set[str]] = {}
        for name in self.names:
            if name.endswith(".rels") and posixpath.basename(posixpath.dirname(name)) == "_rels":
                source = _source_of(name)
                for rel in self.rels(source):
                    if "part" in rel:
                        found.setdefault(rel["part"], set()).add(source)
        return found


@contextmanager
def open_package(path: Path) -> Iterator[Package]:
    """The workbook package at ``path``, open for reading; one ``InputError`` if it is none."""
    try:
        zin = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise InputError("file_not_found", name=path.name) from None
    except zipfile.BadZipFile:  # no zip at all
        raise InputError("not_a_workbook", name=path.name) from None
    except BROKEN_ZIP as exc:
        raise InputError("damaged_workbook", name=path.name, detail=str(exc)[:200]) from exc
    with zin:
        pkg = Package(zin, path.name)
        if not pkg.has(WORKBOOK):
            raise InputError("not_a_workbook", name=path.name)
        yield pkg


def relative_target(source: str, part: str) -> str:
    """How a relationship of ``source`` names ``part``: "../drawings/drawing2.xml"."""
    return posixpath.relpath(part, posixpath.dirname(source))


def relationships_xml(rels: Iterable[tuple[str, str, str]]) -> bytes:
    """A whole .rels part from (Id, kind such as "drawing", relative target)."""
    items = "".join(
        f'<Relationship Id="{rid}" Type="{RELATIONSHIPS_NS}/{kind}" Target="{xml_text(target)}"/>'
        for rid, kind, target in rels
    )
    head = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    return f'{head}<Relationships xmlns="{_PACKAGE_RELS_NS}">{items}</Relationships>'.encode()


class ContentTypes(ContentTypesPart):
    """[Content_Types].xml of the package ``name``: Overrides set or removed (``parts.content_types``)."""

    def __init__(self, data: bytes, name: str) -> None:
        super().__init__(data, name, part_key)


def write_package(pkg: Package, dst: Path, parts: dict[str, bytes | Path], dropped: set[str],
                  new_names: list[str]) -> None:
    """``pkg`` to ``dst``: entries named in ``parts`` (by ``part_key``) get that content in their
    place (a Path: the file's content, streamed), ``dropped`` ones are left out, ``new_names`` are
    appended; the rest is copied as is."""
    stamp = pkg.zin.getinfo(pkg.names[WORKBOOK]).date_time  # new parts: reproducible dates
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in pkg.zin.infolist():
            key = part_key(info.filename)
            if key in parts:
                _write_new(zout, _copy_info(info), parts[key])
            elif key not in dropped:
                _copy_entry(pkg, zout, info)
        for name in new_names:
            if part_key(name) in parts:
                new = zipfile.ZipInfo(name, stamp)
                new.compress_type = zipfile.ZIP_DEFLATED
                _write_new(zout, new, parts[part_key(name)])


# A streamed part is a district's combined register, tens or hundreds of megabytes of XML:
# deflate's fastest level writes it ~3 times as fast as the default, for a file ~15 % larger.
_LARGE_PART_LEVEL = 1


def _write_new(zout: zipfile.ZipFile, info: zipfile.ZipInfo, content: bytes | Path) -> None:
    if isinstance(content, bytes):
        zout.writestr(info, content)
        return
    info.file_size = content.stat().st_size  # over 2 GiB: zip64 from the start
    info._compresslevel = _LARGE_PART_LEVEL  # type: ignore[attr-defined]  # what ZipFile.open reads
    with content.open("rb") as source, zout.open(info, "w") as writer:
        shutil.copyfileobj(source, writer, _COPY_CHUNK_BYTES)


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh ZipInfo with the original name, date, method and attributes (no stale extras)."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr, copy.comment, copy.file_size = info.external_attr, info.comment, info.file_size
    return copy


def _copy_entry(pkg: Package, zout: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    """Copy one entry; only the reading side is guarded, so a full disk stays an OSError."""
    if info.is_dir():
        zout.writestr(_copy_info(info), b"")
        return
    with _reading_entry(pkg.name, info.filename):
        reader = pkg.zin.open(info)  # an unknown compression method fails here
    with reader, zout.open(_copy_info(info), "w") as writer:
        while True:
            with _reading_entry(pkg.name, info.filename):
                chunk = reader.read(_COPY_CHUNK_BYTES)  # a bad stream or CRC fails here
            if not chunk:
                break
            writer.write(chunk)


@contextmanager
def _reading_entry(name: str, entry: str) -> Iterator[None]:
    """What a broken zip raises while reading ``entry`` of the file ``name`` becomes one
    ``damaged_workbook``, naming the entry."""
    try:
        yield
    except BROKEN_ZIP as exc:
        raise InputError("damaged_workbook", name=name, detail=f"{entry}: {exc}"[:200]) from exc
