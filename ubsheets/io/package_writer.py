"""Put the sheets we own into a user's .xlsx/.xlsm, copying every other zip entry untouched.

A whole-workbook openpyxl load+save drops images, x14 validations, chart formatting and cached
formula values (/work/shared/NOTES.md). Here only our worksheet parts are written; workbook.xml, its
rels, [Content_Types].xml and styles.xml get small text edits (``xml_text``, ``stylebook``), each
part checked by defusedxml first, so a hostile or broken part is refused before any edit.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import shutil
import zipfile
import zlib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from urllib.parse import unquote

from ubsheets.errors import InputError
from ubsheets.io.sheet_model import SheetSpec
from ubsheets.io.sheet_xml import render_sheet_xml, xml_text
from ubsheets.io.stylebook import MINIMAL_STYLES, StyleBook
from ubsheets.io.xml_text import (
    attrs,
    edit_elements,
    elements,
    first_element,
    insert_before_close,
    insert_before_first,
    parse_safely,
    qualify,
    root_prefix,
    set_attr,
)

WORKBOOK = "xl/workbook.xml"
TYPES = "[Content_Types].xml"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_STYLES_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
_BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, EOFError)
_MANAGED_NAMES = ("_xlnm.Print_Titles", "_xlnm._FilterDatabase")
# What the schema puts after <definedNames> in <workbook>.
_AFTER_DEFINED_NAMES = (
    "calcPr",
    "oleSize",
    "customWorkbookViews",
    "pivotCaches",
    "smartTagPr",
    "smartTagTypes",
    "webPublishing",
    "fileRecoveryPr",
    "webPublishObjects",
    "extLst",
)


# --- the package: parts, relationships, and what we change ----------------------------------


def rels_name(part: str) -> str:
    folder, base = posixpath.split(part)
    return posixpath.join(folder, "_rels", base + ".rels")


def _source_of(rels: str) -> str:
    folder, base = posixpath.split(rels)
    return posixpath.join(posixpath.dirname(folder), base[: -len(".rels")])


def _key(part: str) -> str:
    """How we compare part names: OPC ignores case, and zip names may be percent-encoded or not."""
    return unquote(part).lower()


def _resolve(source: str, target: str) -> str:
    path = target[1:] if target.startswith("/") else posixpath.join(posixpath.dirname(source), target)
    return _key(posixpath.normpath(path))


class _Package:
    """Read access to the source zip; part names are looked up case-insensitively."""

    def __init__(self, zin: zipfile.ZipFile, name: str) -> None:
        self.zin, self.name = zin, name
        self.names = {_key(info.filename): info.filename for info in zin.infolist()}

    def has(self, part: str) -> bool:
        return _key(part) in self.names

    def read(self, part: str) -> bytes:
        return self.zin.read(self.names[_key(part)])

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
        root = parse_safely(self.read(rels_name(part)), self.name)
        found = []
        for rel in root.findall("{*}Relationship"):
            rel_attrs = {"Type": "", **rel.attrib}
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


class _Plan:
    """The edits to one package: new part contents, dropped parts, edited XML texts."""

    def __init__(self, pkg: _Package) -> None:
        self.pkg = pkg
        self.workbook, self.wb_rels, self.types = (pkg.text(WORKBOOK), pkg.text(rels_name(WORKBOOK)), pkg.text(TYPES))
        self.originals = (self.workbook, self.wb_rels, self.types)
        self.wp = root_prefix(self.workbook, "workbook")
        self.rp = root_prefix(self.wb_rels, "Relationships")
        self.tp = root_prefix(self.types, "Types")
        self.rels = {rel.get("Id", ""): rel for rel in pkg.rels(WORKBOOK)}
        self.sheets = [attrs(m.group(0)) for m in elements(self.workbook, self.wp + "sheet")]
        self.parts: dict[str, bytes] = {}  # lower-case part name -> new content
        self.new_names: list[str] = []  # parts that did not exist, in the order added
        self.dropped: set[str] = set()  # lower-case part names not copied
        self.released: set[str] = set()  # parts whose relationships are dropped
        self.replaced_ids: set[str] = set()
        styles_rel = next((r for r in self.rels.values() if r["Type"].endswith("/styles")), None)
        self.styles_part = styles_rel["part"] if styles_rel else "xl/styles.xml"
        self.styles_related = styles_rel is not None
        self.styles = StyleBook(pkg.text(self.styles_part) if pkg.has(self.styles_part) else MINIMAL_STYLES)

    def place(self, spec: SheetSpec) -> None:
        for index, sheet in enumerate(self.sheets):
            if sheet.get("name", "").casefold() == spec.name.casefold():
                return self._replace(spec, index, sheet)
        return self._append(spec)

    def _replace(self, spec: SheetSpec, index: int, sheet: dict[str, str]) -> None:
        rid = next((v for k, v in sheet.items() if k.endswith(":id")), "")
        rel = self.rels.get(rid, {})
        part = rel.get("part")
        if not part:
            raise InputError("not_a_workbook", name=self.pkg.name)
        code_name = None
        if rel["Type"].endswith("/worksheet") and self.pkg.has(part):
            code_name = self._code_name(part)
        else:  # a chart or dialog sheet by that name becomes a worksheet in a part of its own
            self._drop(part)
            part = self._new_sheet_part()
            self._edit_rel(rid, lambda el: set_attr(set_attr(el, "Type", _REL_NS + "/worksheet"), "Target", "/" + part))
        self._release(_key(part))
        self.parts[_key(part)] = render_sheet_xml(spec, self.styles.xf_id, code_name)
        self.replaced_ids.add(sheet.get("sheetId", ""))
        if (sheet.get("state") or "visible") != ("hidden" if spec.hidden else "visible"):
            state = "hidden" if spec.hidden else None
            self.workbook = edit_elements(
                self.workbook, self.wp + "sheet", lambda i, el: set_attr(el, "state", state) if i == index else el
            )
        self._set_defined_names(index, sheet["name"], spec)

    def _code_name(self, part: str) -> str | None:
        """The sheet's VBA code name: given to our sheet, it keeps the VBA module bound."""
        head = self.pkg.read(part)[:4096].decode("utf-8", "replace")
        found = re.search(r"""<(?:[\w.-]+:)?sheetPr\b[^>]*?\bcodeName=["']([^"']*)""", head)
        return html.unescape(found[1]) if found else None

    def _append(self, spec: SheetSpec) -> None:
        part, rid = self._new_sheet_part(), self._free_rid()
        sheet_id = max([int(s.get("sheetId", 0)) for s in self.sheets] + [0]) + 1
        found = re.search(rf'xmlns:([\w.-]+)="{_REL_NS}"', self.workbook)
        rel_attr = f'{found[1]}:id="{rid}"' if found else f'r:id="{rid}" xmlns:r="{_REL_NS}"'
        state = ' state="hidden"' if spec.hidden else ""
        tag = f'<sheet name="{xml_text(spec.name)}" sheetId="{sheet_id}"{state} {rel_attr}/>'
        self.workbook = insert_before_close(self.workbook, self.wp + "sheets", qualify(tag, self.wp))
        self.sheets.append({"name": spec.name, "sheetId": str(sheet_id)})
        self._add_rel(rid, "worksheet", posixpath.relpath(part, "xl"))
        self.parts[_key(part)] = render_sheet_xml(spec, self.styles.xf_id)
        self._set_defined_names(len(self.sheets) - 1, spec.name, spec)

    def _free_rid(self) -> str:
        numbers = [int(rid[3:]) for rid in self.rels if re.fullmatch(r"rId\d+", rid)]
        return f"rId{max(numbers, default=0) + 1}"

    def _new_sheet_part(self) -> str:
        """First free sheetN.xml; an orphan _rels for it would attach to our sheet, so skip those."""
        number = 1
        while any(
            self.pkg.has(name) or _key(name) in self.parts
            for name in (f"xl/worksheets/sheet{number}.xml", f"xl/worksheets/_rels/sheet{number}.xml.rels")
        ):
            number += 1
        part = f"xl/worksheets/sheet{number}.xml"
        self.new_names.append(part)
        self.parts[_key(part)] = b""  # reserved until rendered
        self._add_override(part, _WORKSHEET_CT)
        return part

    def _add_override(self, part: str, content_type: str) -> None:
        tag = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        self.types = insert_before_close(self.types, self.tp + "Types", qualify(tag, self.tp))

    def _add_rel(self, rid: str, kind: str, target: str) -> None:
        self.rels[rid] = {"Id": rid, "Type": f"{_REL_NS}/{kind}"}
        tag = f'<Relationship Id="{rid}" Type="{_REL_NS}/{kind}" Target="{xml_text(target)}"/>'
        self.wb_rels = insert_before_close(self.wb_rels, self.rp + "Relationships", qualify(tag, self.rp))

    def _set_defined_names(self, index: int, sheet_name: str, spec: SheetSpec) -> None:
        """Print titles and the filter range of our sheet: replaced in place, others kept."""
        quoted = "'" + sheet_name.replace("'", "''") + "'!"
        wanted: dict[str, str] = {}
        if spec.print_title_rows:
            wanted["_xlnm.Print_Titles"] = quoted + "${}:${}".format(*spec.print_title_rows)
        if spec.autofilter:
            wanted["_xlnm._FilterDatabase"] = quoted + re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", spec.autofilter.upper())

        def render(name: str) -> str:
            hidden = ' hidden="1"' if name == "_xlnm._FilterDatabase" else ""
            value = xml_text(wanted.pop(name))
            return qualify(f'<definedName name="{name}" localSheetId="{index}"{hidden}>{value}</definedName>', self.wp)

        def edit(_: int, element: str) -> str:
            found = attrs(element)
            if found.get("localSheetId") != str(index) or found.get("name") not in _MANAGED_NAMES:
                return element
            return render(found["name"]) if found["name"] in wanted else ""

        self.workbook = edit_elements(self.workbook, self.wp + "definedName", edit)
        if wanted:
            added = "".join(render(name) for name in _MANAGED_NAMES if name in wanted)
            self._ensure_defined_names()
            self.workbook = insert_before_close(self.workbook, self.wp + "definedNames", added)

    def _ensure_defined_names(self) -> None:
        if first_element(self.workbook, self.wp + "definedNames"):
            return
        later = [self.wp + name for name in _AFTER_DEFINED_NAMES]
        block = qualify("<definedNames></definedNames>", self.wp)
        self.workbook = insert_before_first(self.workbook, later, block, self.wp + "workbook")

    def _release(self, part: str) -> None:
        """Drop ``part``'s relationships, and each part that only they kept alive."""
        self.released.add(part)
        self.dropped.add(_key(rels_name(part)))
        for rel in self.pkg.rels(part):
            target = rel.get("part")
            if (
                target
                and target not in self.dropped
                and target not in self.parts
                and self.pkg.has(target)
                and self.pkg.sources[target] <= self.released
            ):
                self._drop(target)

    def _edit_rel(self, rid: str, edit: Callable[[str], str]) -> None:
        """Replace the workbook relationship ``rid`` by ``edit(element)``; "" removes it."""
        self.wb_rels = edit_elements(
            self.wb_rels, self.rp + "Relationship", lambda _, el: edit(el) if attrs(el).get("Id") == rid else el
        )

    def _drop(self, part: str) -> None:
        self.dropped.add(_key(part))
        self.types = edit_elements(
            self.types,
            self.tp + "Override",
            lambda _, el: "" if _key(attrs(el).get("PartName", "").lstrip("/")) == _key(part) else el,
        )
        self._release(_key(part))

    def finish(self) -> None:
        """calcChain, styles, and the edited texts become parts."""
        for rid, rel in list(self.rels.items()):
            chain = rel.get("part", "")
            if rel["Type"].endswith("/calcChain") and self.pkg.has(chain):
                sheet_ids = set(re.findall(r'\bi="(\d+)"', self.pkg.read(chain).decode("utf-8", "replace")))
                if sheet_ids & self.replaced_ids:  # stale entries make Excel "repair" the file
                    self._drop(chain)
                    self._edit_rel(rid, lambda _: "")
        if self.styles.changed:
            self.parts[_key(self.styles_part)] = self.styles.text.encode("utf-8")
            if not self.pkg.has(self.styles_part):
                self.new_names.append(self.styles_part)
                self._add_override(self.styles_part, _STYLES_CT)
            if not self.styles_related:
                self._add_rel(self._free_rid(), "styles", posixpath.relpath(self.styles_part, "xl"))
        for part, text, original in zip(
            (WORKBOOK, rels_name(WORKBOOK), TYPES),
            (self.workbook, self.wb_rels, self.types),
            self.originals,
            strict=True,
        ):
            if text != original:
                self.parts[_key(part)] = text.encode("utf-8")


# --- the entry point -------------------------------------------------------------------------


def write_owned_sheets(src: Path, dst: Path, sheets: list[SheetSpec]) -> None:
    """Write ``src`` to ``dst`` with ``sheets`` replaced in place (same name, ignoring case) or
    appended; every part we do not own is copied byte for byte.

    ``dst`` must be another file: to update a workbook in place, go through
    ``safe_write.safe_replace(path, lambda tmp: write_owned_sheets(path, tmp, sheets))``.
    """
    src, dst = Path(src), Path(dst)
    names = [spec.name.casefold() for spec in sheets]
    if len(set(names)) != len(names):
        raise ValueError(f"two sheets with the same name: {[spec.name for spec in sheets]}")
    if dst.exists() and src.exists() and os.path.samefile(src, dst):
        raise ValueError("write_owned_sheets reads src while it writes dst: give another dst")
    try:
        with zipfile.ZipFile(src) as zin:
            pkg = _Package(zin, src.name)
            if not pkg.has(WORKBOOK):
                raise InputError("not_a_workbook", name=src.name)
            plan = _Plan(pkg)
            for spec in sheets:
                plan.place(spec)
            plan.finish()
            try:
                _write_zip(zin, dst, plan)
            except BaseException:
                dst.unlink(missing_ok=True)  # half a zip is worse than none
                raise
    except _BROKEN_ZIP as exc:  # a damaged entry shows only when it is read
        raise InputError("not_a_workbook", name=src.name) from exc


def _write_zip(zin: zipfile.ZipFile, dst: Path, plan: _Plan) -> None:
    stamp = zin.getinfo(plan.pkg.names[WORKBOOK]).date_time  # new parts: reproducible dates
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            key = _key(info.filename)
            if key in plan.parts:
                zout.writestr(_copy_info(info), plan.parts[key])
            elif key not in plan.dropped:
                _copy_entry(zin, zout, info)
        for name in plan.new_names:
            if _key(name) in plan.parts:
                new = zipfile.ZipInfo(name, stamp)
                new.compress_type = zipfile.ZIP_DEFLATED
                zout.writestr(new, plan.parts[_key(name)])


def _copy_info(info: zipfile.ZipInfo) -> zipfile.ZipInfo:
    """A fresh ZipInfo with the original name, date, method and attributes (no stale extras)."""
    copy = zipfile.ZipInfo(info.filename, info.date_time)
    copy.compress_type = info.compress_type
    copy.external_attr, copy.comment, copy.file_size = info.external_attr, info.comment, info.file_size
    return copy


def _copy_entry(zin: zipfile.ZipFile, zout: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    if info.is_dir():
        zout.writestr(_copy_info(info), b"")
        return
    with zin.open(info) as reader, zout.open(_copy_info(info), "w") as writer:
        shutil.copyfileobj(reader, writer, 1 << 20)
