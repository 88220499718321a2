"""Put the sheets we own into a user's .xlsx/.xlsm, copying every other zip entry untouched.

A whole-workbook openpyxl load+save drops images, x14 validations, chart formatting and cached
formula values (/work/shared/NOTES.md). Here only our worksheet parts (and the drawing and chart
parts of their charts) are written; workbook.xml, its rels, [Content_Types].xml, docProps/app.xml
and styles.xml get small edits: the first four on lxml trees by namespace URI (``parts``,
``defined_names``), styles.xml by ``stylebook``. Each part is parsed before any edit, so a hostile,
broken or Strict OOXML part is refused before anything is written, and every part we made or edited
is parsed again once written (``parts.verify``). Which entries change: ``part_edits``;
reading and writing the zip: ``opc_package``.

A sheet we own that the user changed since we wrote it (a note typed, a picture pasted:
``sheet_digest``) is never replaced: it is renamed, "Отчет 2020-10 (түзөтүлгөн)", becomes the
user's sheet with every part of it as it was, and our fresh sheet is written beside it.
"""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ubsheets.errors import InputError
from ubsheets.i18n import DEFAULT_LANG, t
from ubsheets.io.defined_names import carries_marker, recorded_digest, release_sheet, set_sheet_names
from ubsheets.io.opc_package import TYPES, WORKBOOK, ContentTypes, Package, open_package, part_key, rels_name
from ubsheets.io.part_edits import PartEdits
from ubsheets.io.parts.app import AppPart
from ubsheets.io.parts.namespaces import MAIN, qn
from ubsheets.io.parts.relationships import RelationshipsPart
from ubsheets.io.parts.tree import first_child_attribute, parse_part
from ubsheets.io.parts.verify import check_written_parts
from ubsheets.io.parts.workbook import WorkbookPart
from ubsheets.io.sheet_digest import SheetDigests, written_digest
from ubsheets.io.sheet_model import SheetSpec
from ubsheets.io.sheet_xml import RELATIONSHIPS_NS, render_sheet_xml, write_sheet_xml
from ubsheets.io.stylebook import MINIMAL_STYLES, StyleBook
from ubsheets.io.xml_text import parse_safely

_WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_STYLES_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
_WORKSHEET_PART = "xl/worksheets/sheet{}.xml"
# The children of a worksheet that holds nothing of the user's: no cells, no pictures, no comments
# (a new workbook's renamed "Sheet1", as ``pdf`` makes). Such a sheet may be taken without the marker.
_EMPTY_SHEET_CHILDREN = {"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
                         "printOptions", "pageMargins", "pageSetup"}

# A sheet name's sort key, None for a name it does not order (``core.sheet_order``).
SheetOrder = Callable[[str], tuple | None]
MAX_SHEET_NAME = 31  # Excel's limit


@dataclass(frozen=True)
class KeptSheet:
    """A sheet of ours the user had changed: kept as ``kept_as``, ours written anew as ``sheet``."""

    sheet: str
    kept_as: str


# --- what we change -------------------------------------------------------------------------


class _Plan:
    """The edits to one package: workbook.xml, its rels and [Content_Types].xml as trees
    (``parts``), the entries that change (``edits``)."""

    def __init__(self, pkg: Package, order: SheetOrder | None = None, lang: str = DEFAULT_LANG,
                 digests: bool = True) -> None:
        self.pkg = pkg
        self.order = order
        self.lang = lang
        self.record_digests = digests
        self.digests = SheetDigests(pkg)
        self.kept: list[KeptSheet] = []
        # Each part is parsed and checked for what we edit or read before any edit: Strict OOXML,
        # a part that is no XML, or one that lacks <sheets> is refused here.
        self.workbook = WorkbookPart(pkg.required(WORKBOOK), pkg.name)
        self.wb_rels = RelationshipsPart(pkg.required(rels_name(WORKBOOK)), pkg.name, rels_name(WORKBOOK))
        self.edits = PartEdits(pkg, ContentTypes(pkg.required(TYPES), pkg.name))
        self.rels = {rel.get("Id", ""): rel for rel in pkg.rels(WORKBOOK)}
        self.sheets = self._read_sheets()
        self.worksheets_before = self._worksheet_names()
        self.replaced_ids: set[str] = set()
        self.charted: list[tuple[str, str, SheetSpec]] = []  # (sheet part, sheet name, spec) with charts
        self.styles_part, self.styles_related = self._find_styles()
        self.styles = StyleBook(pkg.text(self.styles_part) if pkg.has(self.styles_part) else MINIMAL_STYLES)

    def _damaged(self, detail: str) -> InputError:
        return InputError("damaged_workbook", name=self.pkg.name, detail=detail)

    def _read_sheets(self) -> list[dict[str, str]]:
        """Each <sheet>'s name, sheetId, state and relationship id ("rid"), those it has; each has
        a name, and a sheetId, if any, is a number."""
        sheets = [
            {key: value for key, value in (("name", s.name), ("sheetId", s.sheet_id), ("state", s.state),
                                           ("rid", s.rid)) if value}
            for s in self.workbook.sheets()
        ]
        for sheet in sheets:
            if not sheet.get("name"):
                raise self._damaged(f"{WORKBOOK}: a <sheet> without a name")
            self._sheet_id(sheet)
        return sheets

    def _worksheet_names(self) -> list[str]:
        """The names of the sheets that are worksheets, in order (docProps/app.xml lists them)."""
        return [sheet["name"] for sheet in self.sheets
                if self.rels.get(sheet.get("rid", ""), {}).get("Type", "").endswith("/worksheet")]

    def _find_styles(self) -> tuple[str, bool]:
        """The styles part, and whether the workbook already has a relationship to it."""
        styles_rel = next((r for r in self.rels.values() if r.get("Type", "").endswith("/styles")), None)
        if styles_rel is None:
            return "xl/styles.xml", False
        if not styles_rel.get("part"):  # external, or no target
            raise self._damaged(f"{rels_name(WORKBOOK)}: a styles relationship that names no part")
        return styles_rel["part"], True

    def _sheet_id(self, sheet: dict[str, str]) -> int:
        try:
            return int(sheet.get("sheetId", 0))
        except ValueError:
            raise self._damaged(f"{WORKBOOK}: sheetId {sheet['sheetId']!r}") from None

    def _sheet_part(self, sheet: dict[str, str]) -> tuple[str, str, bool]:
        """The sheet's relationship id, the part it names ("" if none), and whether that part is a
        worksheet the package holds (not a chart or dialog sheet, not missing)."""
        rid = sheet.get("rid", "")
        rel = self.rels.get(rid, {})
        part = rel.get("part", "")
        return rid, part, bool(part) and rel.get("Type", "").endswith("/worksheet") and self.pkg.has(part)

    def place(self, spec: SheetSpec) -> None:
        for index, sheet in enumerate(self.sheets):
            name = sheet["name"]  # every <sheet> has one (``__init__``)
            if name.casefold() == spec.name.casefold():
                marked = carries_marker(self.workbook, index)
                if not (marked or self._holds_nothing(sheet)):
                    raise InputError("sheet_name_taken", name=self.pkg.name, sheet=name)
                if marked and self._changed_by_user(index, sheet):
                    return self._keep(spec, index, name)
                return self._replace(spec, index, name)
        return self._append(spec)

    def _changed_by_user(self, index: int, sheet: dict[str, str]) -> bool:
        """Whether our worksheet at ``index`` shows other than what we wrote (``sheet_digest``).
        A sheet with our marker and no digest was written by an older ubsheets: nothing tells what
        it showed then, and keeping every such sheet as changed would double every report sheet
        on the first run after an upgrade, so it is replaced as before."""
        recorded = recorded_digest(self.workbook, index)
        _, part, is_worksheet = self._sheet_part(sheet)
        if recorded is None or not is_worksheet:
            return False
        return self.digests.changed(part, recorded)

    def _keep(self, spec: SheetSpec, index: int, name: str) -> None:
        """The user changed our sheet ``name``: it stays, byte for byte, under a free name and
        without our marker (the user's own sheet from now on), and ``spec`` is added beside it."""
        kept = self._kept_name(name)
        self.workbook.set_sheet(index, name=kept)
        self.sheets[index]["name"] = kept
        release_sheet(self.workbook, index, name, kept)
        self.kept.append(KeptSheet(name, kept))
        self._append(spec, beside=index)

    def _kept_name(self, name: str) -> str:
        """The name the changed sheet ``name`` is kept under: "Отчет 2020-10 (түзөтүлгөн)" in the
        workbook's language, or with " 2", " 3" the first free one; within Excel's 31 characters,
        where a long name loses the word for a number: "… (2)"."""
        word = t("edited_sheet_suffix", self.lang)
        taken = {sheet["name"].casefold() for sheet in self.sheets}
        number = 1
        while True:
            tail = f" ({word})" if number == 1 else f" ({word}) {number}"
            if len(name) + len(tail) > MAX_SHEET_NAME:
                tail = f" ({number + 1})"
            candidate = name[: MAX_SHEET_NAME - len(tail)].rstrip() + tail
            if candidate.casefold() not in taken:
                return candidate
            number += 1

    def _holds_nothing(self, sheet: dict[str, str]) -> bool:
        """A worksheet with no cells and no related parts: replacing it loses nothing."""
        _, part, is_worksheet = self._sheet_part(sheet)
        if not is_worksheet or self.pkg.rels(part):
            return False
        root = parse_safely(self.pkg.read(part), self.pkg.name)
        children = {child.tag.rpartition("}")[2] for child in root}
        return children <= _EMPTY_SHEET_CHILDREN and not root.findall(".//{*}sheetData/{*}row/{*}c")

    def _replace(self, spec: SheetSpec, index: int, name: str) -> None:
        sheet = self.sheets[index]
        rid, part, is_worksheet = self._sheet_part(sheet)
        if not part:
            raise self._damaged(f"{WORKBOOK}: sheet {name!r} names no part")
        if is_worksheet:
            code_name = self._code_name(part)
        else:  # a chart or dialog sheet by that name becomes a worksheet in a part of its own
            code_name = None
            self.edits.drop(part)
            part = self.edits.free_part(_WORKSHEET_PART, reuse_dropped=False)
            worksheet = RELATIONSHIPS_NS + "/worksheet"
            self.wb_rels.edit(rid, Type=worksheet, Target="/" + part)
            self.rels[rid] = {**self.rels[rid], "Type": worksheet, "part": part_key(part)}
        self.edits.release(part_key(part))
        digest = self._put_sheet(part, spec, None if is_worksheet else _WORKSHEET_CT, code_name)
        self.edits.add_links(part, spec)
        if spec.charts:
            self.charted.append((part, name, spec))
        self.replaced_ids.add(sheet.get("sheetId", ""))
        if (sheet.get("state") or "visible") != ("hidden" if spec.hidden else "visible"):
            self.workbook.set_sheet(index, state="hidden" if spec.hidden else None)
        set_sheet_names(self.workbook, index, name, spec, digest)

    def _put_sheet(self, part: str, spec: SheetSpec, content_type: str | None,
                   code_name: str | None = None) -> str | None:
        """The sheet's part rendered and put; the digest to record of what was written.

        A sheet with ``more_rows`` is rendered into a file, never held whole, and gets no digest:
        it is a district's combined register, and a district workbook is written afresh every
        time, so no later run compares what it shows with what we wrote."""
        if spec.more_rows is not None:
            with self.edits.spooled_part(part, content_type) as out:
                write_sheet_xml(spec, self.styles.xf_id, out, code_name)
            return None
        content = render_sheet_xml(spec, self.styles.xf_id, code_name)
        self.edits.put(part, content, content_type)
        return written_digest(spec, content) if self.record_digests else None

    def _code_name(self, part: str) -> str | None:
        """The sheet's VBA code name: given to our sheet, it keeps the VBA module bound."""
        return first_child_attribute(self.pkg.head(part, 4096), qn(MAIN, "sheetPr"), "codeName")

    def _append(self, spec: SheetSpec, beside: int | None = None) -> None:
        """A new sheet for ``spec`` at its place (``_new_position``), or right after the sheet at
        ``beside`` when ``order`` gives it none."""
        part, rid = self.edits.free_part(_WORKSHEET_PART, reuse_dropped=False), self.wb_rels.free_id()
        sheet_id = max([self._sheet_id(s) for s in self.sheets] + [0]) + 1
        index = self._new_position(spec.name, None if beside is None else beside + 1)
        self.workbook.insert_sheet(index, spec.name, sheet_id, rid, spec.hidden)
        self.sheets.insert(index, {"name": spec.name, "sheetId": str(sheet_id), "rid": rid})
        self._add_rel(rid, "worksheet", posixpath.relpath(part, "xl"))
        digest = self._put_sheet(part, spec, _WORKSHEET_CT)
        self.edits.add_links(part, spec)
        if spec.charts:
            self.charted.append((part, spec.name, spec))
        set_sheet_names(self.workbook, index, spec.name, spec, digest)

    def _new_position(self, name: str, unordered: int | None = None) -> int:
        """Where a new sheet goes in <sheets>: before the first sheet that ``order`` puts after it;
        with none, right after the last sheet ``order`` knows; with none either, or a name it does
        not know, at ``unordered``, else last. Sheets are never moved: a user who reordered them
        keeps their order."""
        order = self.order
        key = order(name) if order else None
        if order is None or key is None:
            return len(self.sheets) if unordered is None else unordered
        keyed = [(index, k) for index, sheet in enumerate(self.sheets) if (k := order(sheet["name"])) is not None]
        later = next((index for index, k in keyed if k > key), None)
        if later is not None:
            return later
        return keyed[-1][0] + 1 if keyed else len(self.sheets)

    def _add_rel(self, rid: str, kind: str, target: str) -> None:
        self.rels[rid] = {"Id": rid, "Type": f"{RELATIONSHIPS_NS}/{kind}"}
        self.wb_rels.add(rid, kind, target)

    def finish(self) -> None:
        """Charts, calcChain, styles, and the edited texts become parts."""
        for sheet_part, sheet_name, spec in self.charted:  # once every sheet is placed: PartEdits.add_charts
            self.edits.add_charts(sheet_part, sheet_name, spec)
        for rid, rel in list(self.rels.items()):
            chain = rel.get("part", "")
            if rel.get("Type", "").endswith("/calcChain") and self.pkg.has(chain):
                if _chain_sheet_ids(self.pkg.read(chain), self.pkg.name) & self.replaced_ids:
                    # stale entries make Excel "repair" the file
                    self.edits.drop(chain)
                    self.wb_rels.remove(rid)
        if self.styles.changed:
            new_type = None if self.pkg.has(self.styles_part) else _STYLES_CT
            self.edits.put(self.styles_part, self.styles.text.encode("utf-8"), new_type)
            if not self.styles_related:
                self._add_rel(self.wb_rels.free_id(), "styles", posixpath.relpath(self.styles_part, "xl"))
        self._sync_app()
        self.edits.finish()
        for part, edited in ((WORKBOOK, self.workbook), (rels_name(WORKBOOK), self.wb_rels), (TYPES, self.edits.types)):
            content = edited.to_bytes()
            if content != edited.data:
                self.edits.parts[part_key(part)] = content

    def _sync_app(self) -> None:
        """docProps/app.xml's list of worksheets in step with ours (``parts.app``), if it has one.
        One we cannot read is not ours to refuse the write for: it is copied as it is."""
        part = next((rel["part"] for rel in self.pkg.rels("") if "part" in rel
                     and rel.get("Type", "").endswith("/extended-properties")), None)
        if part is None or not self.pkg.has(part):
            return
        try:
            app = AppPart(self.pkg.read(part), self.pkg.name)
        except InputError:
            return
        if app.sync_worksheets(self.worksheets_before, self._worksheet_names()):
            content = app.to_bytes()
            if content != app.data:
                self.edits.parts[part_key(part)] = content


def _chain_sheet_ids(data: bytes, name: str) -> set[str]:
    """The sheetIds a calcChain part names: each <c>'s ``i``, which a cell without one takes from
    the cell before it (ECMA-376 Part 1, 18.6.1)."""
    ids, current = set(), ""
    for cell in parse_part(data, name).getroot().iter(qn(MAIN, "c")):
        current = cell.get("i", current)
        ids.add(current)
    return ids


# --- the entry point -------------------------------------------------------------------------


def write_owned_sheets(src: Path, dst: Path, sheets: list[SheetSpec], order: SheetOrder | None = None,
                       lang: str = DEFAULT_LANG, digests: bool = True) -> list[KeptSheet]:
    """Write ``src`` to ``dst`` with ``sheets`` replaced in place (same name, ignoring case) or
    added; every part we do not own is copied byte for byte. An added sheet goes last or, when
    ``order`` gives its name a key, to its place among the sheets ``order`` knows
    (``_Plan._new_position``). A sheet by that name is replaced only if we wrote it (our marker,
    ``defined_names.OWNED_MARKER``) or it holds nothing; otherwise InputError
    ``sheet_name_taken``, raised before ``dst`` is created. A workbook.xml we cannot
    make sense of, or an entry that cannot be read, is InputError ``damaged_workbook``.

    A sheet of ours the user changed since we wrote it is kept under a new name in ``lang`` (the
    workbook's language) and ours is added beside it (``_Plan._keep``); the sheets so kept are
    returned. Without ``digests`` nothing is recorded to tell (a workbook written afresh every
    time, as a district's, is never compared with what was written before).

    ``dst`` must be another file: to update a workbook in place, go through
    ``safe_write.safe_replace(path, lambda tmp: write_owned_sheets(path, tmp, sheets))``.
    """
    src, dst = Path(src), Path(dst)
    names = [spec.name.casefold() for spec in sheets]
    if len(set(names)) != len(names):
        raise ValueError(f"two sheets with the same name: {[spec.name for spec in sheets]}")
    if dst.exists() and src.exists() and os.path.samefile(src, dst):
        raise ValueError("write_owned_sheets reads src while it writes dst: give another dst")
    with open_package(src) as pkg:
        plan = _Plan(pkg, order, lang, digests)
        try:
            for spec in sheets:
                plan.place(spec)
            plan.finish()
            written = plan.edits.written_names()
            try:
                plan.edits.write(dst)
            except BaseException:
                dst.unlink(missing_ok=True)  # half a zip is worse than none
                raise
        finally:
            plan.edits.discard()  # the files of parts too large to hold in memory
    check_written_parts(dst, written)
    return plan.kept
