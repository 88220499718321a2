"""Copy the sheets of one workbook package (our master) into another (a user's), at the zip level.

``ubsheets upgrade`` adds our sheets to a workbook Excel saved: the master is built once, by
``template.build_workbook``, and its sheets are moved over here, so the register sheets have one
layout only. For each of the master's sheets its worksheet part is copied under a part name free
in the user's package, with the parts it relates to (comments, the VML drawing of their notes,
tables), each under a free name and its relationships retargeted. Table ids and names are made
unique in the user's workbook; the shapes of the notes get a VML id block of their own; every cell
format the sheets use is imported into the user's styles.xml (``parts.styles``), never changing
one of the user's. workbook.xml gets the ``<sheet>`` elements (after the user's, so nothing that
names a sheet by position moves) and the master's defined names; its relationships, the content
types and docProps/app.xml follow. Every other entry of the user's package is copied byte for byte
(``opc_package.write_package``).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from ubsheets.errors import InputError
from ubsheets.io.opc_package import (
    TYPES,
    WORKBOOK,
    ContentTypes,
    Package,
    part_key,
    relationships_xml,
    relative_target,
    rels_name,
    write_package,
)
from ubsheets.io.parts.app import AppPart
from ubsheets.io.parts.content_types import STYLES
from ubsheets.io.parts.namespaces import CONTENT_TYPES, MAIN, qn
from ubsheets.io.parts.relationships import RelationshipsPart, kind_of
from ubsheets.io.parts.styles import StylesPart
from ubsheets.io.parts.tree import parse_part, serialise
from ubsheets.io.parts.verify import check_written_parts
from ubsheets.io.parts.workbook import (
    CONTENT_TYPE,
    MACRO_CONTENT_TYPE,
    WorkbookPart,
    defined_name_value,
    remove_defined_name,
)

_DEFINED_NAME = f"{qn(MAIN, 'definedNames')}/{qn(MAIN, 'definedName')}"
_TABLE = qn(MAIN, "table")
_DEFAULT = qn(CONTENT_TYPES, "Default")
# The cell-format attributes of a worksheet: <c s>, <row s> (with customFormat), <col style>.
_STYLED = ((qn(MAIN, "c"), "s"), (qn(MAIN, "row"), "s"), (qn(MAIN, "col"), "style"))
_SHEET_VIEW = qn(MAIN, "sheetView")
_VML_BLOCK = 1024  # shape ids of a VML drawing are ``_x0000_s`` + block × 1024 + n
_IDMAP = re.compile(rb"""idmap\b[^>]*?\bdata\s*=\s*["']([\d,\s]*)["']""")
_SHAPE_ID = re.compile(rb"_x0000_s(\d+)")


@dataclass(frozen=True)
class MasterSheet:
    name: str
    part: str  # the master's part name, as its zip names it
    hidden: bool


class _Transplant:
    """What is being added to the ``user``'s package from the ``master``'s."""

    def __init__(self, user: Package, master: Package) -> None:
        self.user, self.master = user, master
        self.parts: dict[str, bytes] = {}  # by part_key: new and edited parts
        self.new_names: list[str] = []
        self.new_types: dict[str, str] = {}  # new part -> its content type
        self.taken = set(self.user.names)
        self.master_types = ContentTypes(self.master.required(TYPES), self.master.name)

    def free_name(self, like: str) -> str:
        """A part name like ``like`` (xl/tables/table3.xml → xl/tables/tableN.xml) no part of the
        user's package, nor one added, has."""
        folder, base = posixpath.split(like)
        stem, _, ext = base.rpartition(".")
        stem = stem.rstrip("0123456789") or "part"
        number = 1
        while part_key(candidate := posixpath.join(folder, f"{stem}{number}.{ext}")) in self.taken:
            number += 1
        self.taken.add(part_key(candidate))
        return candidate

    def add(self, name: str, data: bytes, content_type: str) -> None:
        self.parts[part_key(name)] = data
        self.new_names.append(name)
        self.new_types[name] = content_type

    def master_type(self, part: str) -> str:
        return self.master_types.content_type(part) or _default_type(
            self.master_types, part.rpartition(".")[2]) or "application/xml"


def master_sheets(master: Package) -> list[MasterSheet]:
    """The master's sheets in order, each with its worksheet part."""
    workbook = WorkbookPart(master.required(WORKBOOK), master.name)
    targets = {rel["Id"]: master.names[rel["part"]] for rel in master.rels(WORKBOOK) if "part" in rel}
    return [MasterSheet(sheet.name, targets[sheet.rid], sheet.state == "hidden")
            for sheet in workbook.sheets()]


def transplant(user: Package, master: Package, dst: Path, macro_enabled: bool | None,
               replace: Mapping[str, int] | None = None, only: Collection[str] | None = None,
               at: int | None = None) -> list[str]:
    """Write ``user`` to ``dst`` with every sheet of ``master`` added after its own sheets;
    the names of the sheets added. ``macro_enabled``: the workbook's content type made that of an
    .xlsm (True) or an .xlsx (False); None: left as it is. The caller has checked that no sheet or
    defined name of the master's is one of the user's.

    ``replace`` (a migration): master sheet name -> the position of an older sheet of ours that it
    takes the place of. That sheet keeps its position, sheetId and relationship id; its part and
    the parts only it relates to (tables, notes, VML), the defined names local to it, our lists'
    names and the calculation chain are dropped.

    ``only``: the names of the master's sheets to add (the home sheet, to a workbook of ours that
    has the rest), with the defined names that are about those sheets alone. ``at``: the position
    the added sheets start at (default: after every sheet); what names a sheet by position moves
    on past them."""
    replace = replace or {}
    job = _Transplant(user, master)
    workbook = WorkbookPart(user.required(WORKBOOK), user.name)
    wb_rels = RelationshipsPart(user.required(rels_name(WORKBOOK)), user.name, rels_name(WORKBOOK))
    every = master_sheets(master)  # positions count among all of them (sheet-local names)
    sheets = [sheet for sheet in every if only is None or sheet.name in only]
    dropped = _drop_replaced(job, workbook, wb_rels, set(replace.values())) if replace else set()
    mapping = _import_styles(job, wb_rels, sheets)
    tables = _Tables(user, workbook, dropped)
    vml_blocks = _used_vml_blocks(user)
    before = workbook.sheets()
    next_id = max((int(s.sheet_id) for s in before if s.sheet_id.isdigit()), default=0) + 1
    positions: dict[int, int] = {}
    for number, sheet in enumerate(every):
        if sheet not in sheets:
            continue
        part = _copy_sheet(job, sheet, mapping, tables, vml_blocks)
        if sheet.name in replace:
            index = positions[number] = replace[sheet.name]
            wb_rels.edit(before[index].rid, Target=relative_target(WORKBOOK, part))
            workbook.set_sheet(index, name=sheet.name, **({"state": "hidden"} if sheet.hidden else {}))
            continue
        rid = wb_rels.free_id()
        wb_rels.add(rid, "worksheet", relative_target(WORKBOOK, part))
        index = positions[number] = len(workbook.sheets()) if at is None else at + len(positions)
        workbook.insert_sheet(index, sheet.name, next_id + number, rid, sheet.hidden)
    if at is not None:
        workbook.show_tab(at)  # the sheets added in sight, not scrolled out past the tab bar's start
    _copy_defined_names(master, workbook, positions, None if only is None else [s.name for s in sheets])
    types = ContentTypes(user.required(TYPES), user.name)
    _type_new_parts(job, types)
    if macro_enabled is not None:
        _set_macro_enabled(types, macro_enabled)
    _put(job, WORKBOOK, workbook.to_bytes(), workbook.data)
    _put(job, rels_name(WORKBOOK), wb_rels.to_bytes(), wb_rels.data)
    _put(job, TYPES, types.to_bytes(), types.data)
    types.remove_overrides(dropped)
    if replace:
        _sync_app_renamed(job, before, workbook.sheets())
    elif at is None:
        _sync_app(job, before, [sheet.name for sheet in sheets])
    else:  # the worksheets in their new order
        _sync_app(job, before, [], order=[sheet.name for sheet in workbook.sheets()])
    try:
        write_package(user, dst, dict(job.parts), dropped, job.new_names)
        check_written_parts(dst, [user.names.get(key, key) for key in job.parts if key in user.names]
                            + job.new_names)
    except BaseException:
        dst.unlink(missing_ok=True)  # half a zip is worse than none
        raise
    return [sheet.name for sheet in sheets]


def _put(job: _Transplant, part: str, content: bytes, original: bytes) -> None:
    if content != original:
        job.parts[part_key(part)] = content


# --- a migration: the older sheets of ours dropped -------------------------------------------


def _drop_replaced(job: _Transplant, workbook: WorkbookPart, wb_rels: RelationshipsPart,
                   indexes: set[int]) -> set[str]:
    """The part keys that go with the sheets at ``indexes``: each sheet's part, its rels and the
    parts only they relate to; the calculation chain (it names their cells: Excel rebuilds it).
    The names local to those sheets and the global names the master defines are removed."""
    user, sheets = job.user, workbook.sheets()
    targets = {rel["Id"]: part_key(rel["part"]) for rel in user.rels(WORKBOOK) if "part" in rel}
    replaced = {targets[sheets[index].rid] for index in indexes}
    names = {user.names[part] for part in replaced}
    dropped = set(replaced)
    for name in names:
        dropped.add(part_key(rels_name(name)))
        for rel in user.rels(name):
            if "part" in rel and user.sources.get(rel["part"], set()) <= names:
                dropped.add(part_key(rel["part"]))
    for rel in wb_rels.items():
        if kind_of(rel.get("Type", "")) == "calcChain" and rel.get("Id") in targets:
            dropped.add(targets[rel["Id"]])
            wb_rels.remove(rel["Id"])
    ours = {(el.get("name") or "").casefold() for el in WorkbookPart(job.master.required(WORKBOOK), job.master.name)
            .root.iterfind(_DEFINED_NAME) if el.get("localSheetId") is None}
    for element in list(workbook.root.iterfind(_DEFINED_NAME)):
        local = element.get("localSheetId")
        if (local is None and (element.get("name") or "").casefold() in ours) or (
                local is not None and local.isdigit() and int(local) in indexes):
            remove_defined_name(element)
    return {key for key in dropped if key in user.names}


# --- styles ----------------------------------------------------------------------------------


def _styles_part(pkg: Package, rels: Iterable[dict[str, str]]) -> str | None:
    found = next((rel for rel in rels if rel.get("Type", "").endswith("/styles")), None)
    if found is None:
        return None
    if "part" not in found or not pkg.has(found["part"]):
        raise InputError("damaged_workbook", name=pkg.name, detail="styles relationship")
    return pkg.names[part_key(found["part"])]


def _import_styles(job: _Transplant, wb_rels: RelationshipsPart, sheets: list[MasterSheet]
                   ) -> dict[int, int]:
    """The master's cell formats the sheets use, as the user's; a workbook without styles.xml
    (Excel always writes one) gets the master's whole."""
    master_part = _styles_part(job.master, job.master.rels(WORKBOOK))
    if master_part is None:
        return {}
    source = StylesPart(job.master.read(master_part), job.master.name)
    user_part = _styles_part(job.user, job.user.rels(WORKBOOK))
    if user_part is None:
        name = job.free_name("xl/styles.xml")
        job.add(name, job.master.read(master_part), STYLES)
        wb_rels.add(wb_rels.free_id(), "styles", relative_target(WORKBOOK, name))
        return {index: index for index in range(len(source.cell_formats()))}
    used: set[int] = set()
    for sheet in sheets:
        root = parse_part(job.master.read(sheet.part), job.master.name).getroot()
        for tag, attr in _STYLED:
            used.update(int(el.get(attr)) for el in root.iter(tag) if (el.get(attr) or "").isdigit())
    styles = StylesPart(job.user.read(user_part), job.user.name)
    mapping = styles.import_formats(source, used)
    _put(job, user_part, styles.to_bytes(), styles.data)
    return mapping


# --- sheets and the parts they relate to --------------------------------------------------------


def _copy_sheet(job: _Transplant, sheet: MasterSheet, mapping: dict[int, int], tables: _Tables,
                vml_blocks: set[int]) -> str:
    """The master's ``sheet`` and its related parts in the user's package; its new part name."""
    part = job.free_name(sheet.part)
    tree = parse_part(job.master.read(sheet.part), job.master.name)
    for tag, attr in _STYLED:
        for element in tree.getroot().iter(tag):
            value = element.get(attr)
            if value is not None and value.isdigit() and int(value) in mapping:
                element.set(attr, str(mapping[int(value)]))
    for view in tree.getroot().iter(_SHEET_VIEW):  # two selected tabs would group the sheets
        view.attrib.pop("tabSelected", None)
    job.add(part, serialise(tree, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'),
            job.master_type(sheet.part))
    rels = []
    for rel in job.master.rels(sheet.part):
        if "part" not in rel:
            raise ValueError(f"{sheet.part}: an external relationship in the master")
        source = job.master.names[rel["part"]]
        if job.master.rels(source):
            raise ValueError(f"{source}: the master's {kind_of(rel['Type'])} has relationships")
        related = job.free_name(source)
        data = job.master.read(source)
        if kind_of(rel["Type"]) == "table":
            data = tables.renumber(data, job.master.name)
        elif source.lower().endswith(".vml"):
            data = _renumber_vml(data, vml_blocks)
        job.add(related, data, job.master_type(source))
        rels.append((rel["Id"], kind_of(rel["Type"]), relative_target(part, related)))
    if rels:
        job.add(rels_name(part), relationships_xml(rels), "application/vnd.openxmlformats-package.relationships+xml")
    return part


class _Tables:
    """The table ids and names of the user's workbook, and the names of its defined names: a
    table's name shares their namespace (Excel), its id must be unique in the workbook."""

    def __init__(self, user: Package, workbook: WorkbookPart, dropped: Collection[str]) -> None:
        self.ids: set[int] = set()
        self.names = {(el.get("name") or "").casefold() for el in workbook.root.iterfind(_DEFINED_NAME)}
        for table in user_tables(user, dropped):
            if (table.get("id") or "").isdigit():
                self.ids.add(int(table.get("id")))
            self.names |= {(table.get(a) or "").casefold() for a in ("name", "displayName")}

    def renumber(self, data: bytes, name: str) -> bytes:
        tree = parse_part(data, name)
        table = tree.getroot()
        number = max(self.ids, default=0) + 1
        self.ids.add(number)
        table.set("id", str(number))
        wanted = table.get("displayName") or table.get("name") or "Table"
        unique, suffix = wanted, 1
        while unique.casefold() in self.names:
            suffix += 1
            unique = f"{wanted}{suffix}"
        self.names.add(unique.casefold())
        table.set("name", unique)
        table.set("displayName", unique)
        return serialise(tree, b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n')


def user_tables(user: Package, dropped: Collection[str] = ()) -> list:
    """The root of every table part of ``user`` (by its relationships' type), but ``dropped``."""
    found = []
    for key, sources in user.sources.items():
        if key.startswith("xl/tables/") or any(_is_table(user, source, key) for source in sources):
            if user.has(key) and key not in dropped:
                root = parse_part(user.read(key), user.name).getroot()
                if root.tag == _TABLE:
                    found.append(root)
    return found


def _is_table(user: Package, source: str, key: str) -> bool:
    return any(rel.get("part") == key and kind_of(rel.get("Type", "")) == "table" for rel in user.rels(source))


def _used_vml_blocks(user: Package) -> set[int]:
    """The shape-id blocks the user's VML drawings claim (``<o:idmap data="1,2">``); Excel's VML
    is not always well-formed XML, so it is searched, not parsed."""
    used: set[int] = set()
    for name in user.names.values():
        if name.lower().endswith(".vml"):
            for found in _IDMAP.finditer(user.read(name)):
                used.update(int(n) for n in re.findall(rb"\d+", found.group(1)))
    return used


def _renumber_vml(data: bytes, used: set[int]) -> bytes:
    """Our VML drawing (openpyxl's, well-formed) moved to a block no other drawing uses."""
    found = _IDMAP.search(data)
    if found is None:
        return data
    block = 1
    while block in used:
        block += 1
    used.add(block)
    data = data[:found.start(1)] + str(block).encode() + data[found.end(1):]
    return _SHAPE_ID.sub(lambda m: b"_x0000_s%d" % (block * _VML_BLOCK + int(m[1]) % _VML_BLOCK), data)


# --- workbook-level parts -----------------------------------------------------------------------


def _copy_defined_names(master: Package, workbook: WorkbookPart, positions: Mapping[int, int],
                        about: Collection[str] | None = None) -> None:
    """The master's defined names; a sheet-local one (print titles) local to the same sheet,
    now at ``positions`` of its master position. With ``about`` (sheet names), only the names
    that point into those sheets."""
    source = WorkbookPart(master.required(WORKBOOK), master.name)
    for element in source.root.iterfind(_DEFINED_NAME):
        if about is not None and not any(_points_into(defined_name_value(element), s) for s in about):
            continue
        local = element.get("localSheetId")
        workbook.add_defined_name(element.get("name"), defined_name_value(element),
                                  None if local is None else positions[int(local)],
                                  element.get("hidden") in ("1", "true"))


def _points_into(value: str, sheet: str) -> bool:
    """Whether a defined name's formula refers to ``sheet`` (quoted or not)."""
    quoted = "'" + sheet.replace("'", "''") + "'!"
    return value.startswith((quoted, f"{sheet}!"))


def _default_type(types: ContentTypes, extension: str) -> str | None:
    return next((el.get("ContentType") for el in types.root.findall(_DEFAULT)
                 if (el.get("Extension") or "").lower() == extension.lower()), None)


def _type_new_parts(job: _Transplant, types: ContentTypes) -> None:
    """Each new part's content type: by a Default for its extension (added for one the user's
    package has none for, as "vml"), else by an Override."""
    for name, wanted in job.new_types.items():
        extension = name.rpartition(".")[2]
        default = _default_type(types, extension)
        if default is None and extension.lower() not in ("xml", "rels"):
            _add_default(types, extension, wanted)
        elif default != wanted:
            types.override(name, wanted)


def _add_default(types: ContentTypes, extension: str, content_type: str) -> None:
    new = types.root.makeelement(_DEFAULT, {"Extension": extension, "ContentType": content_type})
    defaults = types.root.findall(_DEFAULT)
    if defaults:
        defaults[-1].addnext(new)
        new.tail, defaults[-1].tail = defaults[-1].tail, new.tail
    else:
        types.root.insert(0, new)


def _set_macro_enabled(types: ContentTypes, enabled: bool) -> None:
    current = types.content_type(WORKBOOK)
    wanted = MACRO_CONTENT_TYPE if enabled else CONTENT_TYPE
    if current in (CONTENT_TYPE, MACRO_CONTENT_TYPE) and current != wanted:
        types.override(WORKBOOK, wanted)


def _sync_app_renamed(job: _Transplant, before: list, after: list) -> None:
    """docProps/app.xml's list of worksheets with the sheets a migration renamed."""
    if [sheet.name for sheet in before] != [sheet.name for sheet in after]:
        _sync_app(job, before, [], [sheet.name for sheet in after])


def _sync_app(job: _Transplant, before: list, added: list[str], renamed: list[str] | None = None,
              order: list[str] | None = None) -> None:
    """docProps/app.xml's list of worksheets with ours at its end (``parts.app``), if it has one
    that matches; one we cannot read is copied as it is (Excel rewrites it on its next save)."""
    user = job.user
    part = next((rel["part"] for rel in user.rels("") if "part" in rel
                 and rel.get("Type", "").endswith("/extended-properties")), None)
    if part is None or not user.has(part):
        return
    kinds = {rel.get("Id"): kind_of(rel.get("Type", "")) for rel in user.rels(WORKBOOK)}
    worksheets = [sheet.name for sheet in before if kinds.get(sheet.rid) == "worksheet"]
    if renamed is not None:
        names = dict(zip([sheet.name for sheet in before], renamed, strict=True))
        added, worksheets_after = [], [names[name] for name in worksheets]
    elif order is not None:  # ``order``: every sheet now; the chartsheets are not listed here
        others = {sheet.name for sheet in before} - set(worksheets)
        worksheets_after = [name for name in order if name not in others]
    else:
        worksheets_after = worksheets + added
    try:
        app = AppPart(user.read(part), user.name)
    except InputError:
        return
    if app.sync_worksheets(worksheets, worksheets_after):
        _put(job, user.names[part_key(part)], app.to_bytes(), app.data)
