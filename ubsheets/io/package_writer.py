"""Put the sheets we own into a user's .xlsx/.xlsm, copying every other zip entry untouched.

A whole-workbook openpyxl load+save drops images, x14 validations, chart formatting and cached
formula values (/work/shared/NOTES.md). Here only our worksheet parts (and the drawing and chart
parts of their charts, ``chart_xml``) are written; workbook.xml, its rels, [Content_Types].xml and
styles.xml get small text edits (``xml_text``, ``stylebook``), each part checked by defusedxml first,
so a hostile or broken part is refused before any edit. Reading and writing the zip: ``opc_package``.
"""

from __future__ import annotations

import html
import os
import posixpath
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from ubsheets.errors import InputError
from ubsheets.io.chart_xml import chart_rid, render_chart_xml, render_drawing_xml
from ubsheets.io.opc_package import (
    BROKEN_ZIP,
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
from ubsheets.io.sheet_model import SheetSpec
from ubsheets.io.sheet_xml import DRAWING_RID, RELATIONSHIPS_NS, render_sheet_xml, xml_text
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

_WORKSHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_STYLES_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"
_DRAWING_CT = "application/vnd.openxmlformats-officedocument.drawing+xml"
_CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
# Which sheets are ours: a sheet-local defined name on each sheet we write. Only a sheet with it is
# replaced; a user's own sheet that happens to have our name is refused (``sheet_name_taken``).
# A local name belongs to the sheet itself: it follows the sheet when it is moved or renamed (Excel
# and LibreOffice renumber localSheetId) and goes when the sheet is deleted, which a list of owned
# sheet names (a custom document property) would not. Hidden, so Excel's Name Manager does not show
# it. LibreOffice 7.4 keeps it (name and localSheetId) when it re-saves, but writes hidden="false"
# and "TRUE()": we look only at the name and the sheet, and render it hidden again on every write.
_OWNED = "_ubsheets_owned"
_MANAGED_NAMES = ("_xlnm.Print_Titles", "_xlnm._FilterDatabase", _OWNED)
_HIDDEN_NAMES = ("_xlnm._FilterDatabase", _OWNED)
# The children of a worksheet that holds nothing of the user's: no cells, no pictures, no comments
# (a new workbook's renamed "Sheet1", as ``pdf`` makes). Such a sheet may be taken without the marker.
_EMPTY_SHEET_CHILDREN = {"sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData",
                         "printOptions", "pageMargins", "pageSetup"}
# What the schema puts after <definedNames> in <workbook>.
_AFTER_DEFINED_NAMES = ("calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes",
                        "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst")


# --- what we change -------------------------------------------------------------------------


class _Plan:
    """The edits to one package: new part contents, dropped parts, edited XML texts."""

    def __init__(self, pkg: Package) -> None:
        self.pkg = pkg
        self.workbook, self.wb_rels = pkg.text(WORKBOOK), pkg.text(rels_name(WORKBOOK))
        self.types = ContentTypes(pkg.text(TYPES))
        self.originals = (self.workbook, self.wb_rels, self.types.text)
        self.wp = root_prefix(self.workbook, "workbook")
        self.rp = root_prefix(self.wb_rels, "Relationships")
        self.rels = {rel.get("Id", ""): rel for rel in pkg.rels(WORKBOOK)}
        self.sheets = [attrs(m.group(0)) for m in elements(self.workbook, self.wp + "sheet")]
        self.parts: dict[str, bytes] = {}  # lower-case part name -> new content
        self.new_names: list[str] = []  # parts that did not exist, in the order added
        self.dropped: set[str] = set()  # lower-case part names not copied
        self.released: set[str] = set()  # parts whose relationships are dropped
        self.replaced_ids: set[str] = set()
        self.charted: list[tuple[str, str, SheetSpec]] = []  # (sheet part, sheet name, spec) with charts
        styles_rel = next((r for r in self.rels.values() if r["Type"].endswith("/styles")), None)
        self.styles_part = styles_rel["part"] if styles_rel else "xl/styles.xml"
        self.styles_related = styles_rel is not None
        self.styles = StyleBook(pkg.text(self.styles_part) if pkg.has(self.styles_part) else MINIMAL_STYLES)

    def place(self, spec: SheetSpec) -> None:
        for index, sheet in enumerate(self.sheets):
            if sheet.get("name", "").casefold() == spec.name.casefold():
                if not (self._owned(index) or self._holds_nothing(sheet)):
                    raise InputError("sheet_name_taken", name=self.pkg.name, sheet=sheet["name"])
                return self._replace(spec, index, sheet)
        return self._append(spec)

    def _owned(self, index: int) -> bool:
        """Whether the sheet at ``index`` in <sheets> carries our marker (names ignore case)."""
        return any(
            found.get("name", "").casefold() == _OWNED and found.get("localSheetId") == str(index)
            for found in (attrs(m.group(0)) for m in elements(self.workbook, self.wp + "definedName"))
        )

    def _holds_nothing(self, sheet: dict[str, str]) -> bool:
        """A worksheet with no cells and no related parts: replacing it loses nothing."""
        rid = next((v for k, v in sheet.items() if k.endswith(":id")), "")
        rel = self.rels.get(rid, {})
        part = rel.get("part")
        if not (part and rel["Type"].endswith("/worksheet") and self.pkg.has(part)) or self.pkg.rels(part):
            return False
        root = parse_safely(self.pkg.read(part), self.pkg.name)
        children = {child.tag.rpartition("}")[2] for child in root}
        return children <= _EMPTY_SHEET_CHILDREN and not root.findall(".//{*}sheetData/{*}row/{*}c")

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
            worksheet = RELATIONSHIPS_NS + "/worksheet"
            self._edit_rel(rid, lambda el: set_attr(set_attr(el, "Type", worksheet), "Target", "/" + part))
        self._release(part_key(part))
        self.parts[part_key(part)] = render_sheet_xml(spec, self.styles.xf_id, code_name)
        if spec.charts:
            self.charted.append((part, sheet["name"], spec))
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
        found = re.search(rf'xmlns:([\w.-]+)="{RELATIONSHIPS_NS}"', self.workbook)
        rel_attr = f'{found[1]}:id="{rid}"' if found else f'r:id="{rid}" xmlns:r="{RELATIONSHIPS_NS}"'
        state = ' state="hidden"' if spec.hidden else ""
        tag = f'<sheet name="{xml_text(spec.name)}" sheetId="{sheet_id}"{state} {rel_attr}/>'
        self.workbook = insert_before_close(self.workbook, self.wp + "sheets", qualify(tag, self.wp))
        self.sheets.append({"name": spec.name, "sheetId": str(sheet_id)})
        self._add_rel(rid, "worksheet", posixpath.relpath(part, "xl"))
        self.parts[part_key(part)] = render_sheet_xml(spec, self.styles.xf_id)
        if spec.charts:
            self.charted.append((part, spec.name, spec))
        self._set_defined_names(len(self.sheets) - 1, spec.name, spec)

    def _free_rid(self) -> str:
        numbers = [int(rid[3:]) for rid in self.rels if re.fullmatch(r"rId\d+", rid)]
        return f"rId{max(numbers, default=0) + 1}"

    def _new_sheet_part(self) -> str:
        """First free sheetN.xml; an orphan _rels for it would attach to our sheet, so skip those."""
        number = 1
        while any(
            self.pkg.has(name) or part_key(name) in self.parts
            for name in (f"xl/worksheets/sheet{number}.xml", f"xl/worksheets/_rels/sheet{number}.xml.rels")
        ):
            number += 1
        part = f"xl/worksheets/sheet{number}.xml"
        self.new_names.append(part)
        self.parts[part_key(part)] = b""  # reserved until rendered
        self.types.override(part, _WORKSHEET_CT)
        return part

    def _add_charts(self) -> None:
        """Drawing and chart parts for each sheet with charts. Done once every sheet is placed, so
        the names all replaced sheets freed are free: a second run picks the same names."""
        for sheet_part, sheet_name, spec in self.charted:
            drawing = self._free_part("xl/drawings/drawing{}.xml")
            charts = [self._free_part("xl/charts/chart{}.xml") for _ in spec.charts]
            to_drawing = relative_target(sheet_part, drawing)
            self._put(rels_name(sheet_part), relationships_xml([(DRAWING_RID, "drawing", to_drawing)]))
            self._put(drawing, render_drawing_xml(spec.charts), _DRAWING_CT)
            to_charts = [(chart_rid(i), "chart", relative_target(drawing, c)) for i, c in enumerate(charts)]
            self._put(rels_name(drawing), relationships_xml(to_charts))
            for chart, part in zip(spec.charts, charts, strict=True):
                self._put(part, render_chart_xml(chart, sheet_name, spec.rows), _CHART_CT)

    def _free_part(self, pattern: str) -> str:
        """First ``pattern.format(N)`` that no part we keep or write has, nor an orphan _rels that
        would attach to it; the names of parts we drop are free again."""

        def taken(name: str) -> bool:
            key = part_key(name)
            return key in self.parts or (self.pkg.has(name) and key not in self.dropped)

        number = 1
        while taken(pattern.format(number)) or taken(rels_name(pattern.format(number))):
            number += 1
        part = pattern.format(number)
        self.parts[part_key(part)] = b""  # reserved until rendered
        return part

    def _put(self, part: str, content: bytes, content_type: str | None = None) -> None:
        """``part`` gets ``content``: in its place in the zip if it exists there, else appended."""
        if not self.pkg.has(part) and part not in self.new_names:
            self.new_names.append(part)
        self.parts[part_key(part)] = content
        if content_type:
            self.types.override(part, content_type)

    def _add_rel(self, rid: str, kind: str, target: str) -> None:
        self.rels[rid] = {"Id": rid, "Type": f"{RELATIONSHIPS_NS}/{kind}"}
        tag = f'<Relationship Id="{rid}" Type="{RELATIONSHIPS_NS}/{kind}" Target="{xml_text(target)}"/>'
        self.wb_rels = insert_before_close(self.wb_rels, self.rp + "Relationships", qualify(tag, self.rp))

    def _set_defined_names(self, index: int, sheet_name: str, spec: SheetSpec) -> None:
        """Our marker, print titles and the filter range of our sheet: replaced in place (a
        duplicate of one, invalid in Excel, is dropped), new ones appended, others kept. Excel
        writes names sorted but reads them in any order, so appending is enough."""
        quoted = "'" + sheet_name.replace("'", "''") + "'!"
        wanted: dict[str, str] = {_OWNED: "TRUE"}
        if spec.print_title_rows:
            wanted["_xlnm.Print_Titles"] = quoted + "${}:${}".format(*spec.print_title_rows)
        if spec.autofilter:
            wanted["_xlnm._FilterDatabase"] = quoted + re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", spec.autofilter.upper())

        managed = {name.casefold(): name for name in _MANAGED_NAMES}

        def render(name: str) -> str:
            hidden = ' hidden="1"' if name in _HIDDEN_NAMES else ""
            value = xml_text(wanted.pop(name))
            return qualify(f'<definedName name="{name}" localSheetId="{index}"{hidden}>{value}</definedName>', self.wp)

        def edit(_: int, element: str) -> str:
            found = attrs(element)
            name = managed.get(found.get("name", "").casefold())
            if found.get("localSheetId") != str(index) or name is None:
                return element
            return render(name) if name in wanted else ""

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
        self.dropped.add(part_key(rels_name(part)))
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
        """Leave ``part`` out (its Override goes in ``finish``, unless we write a part by that name)."""
        self.dropped.add(part_key(part))
        self._release(part_key(part))

    def finish(self) -> None:
        """Charts, calcChain, styles, and the edited texts become parts."""
        self._add_charts()
        for rid, rel in list(self.rels.items()):
            chain = rel.get("part", "")
            if rel["Type"].endswith("/calcChain") and self.pkg.has(chain):
                sheet_ids = set(re.findall(r'\bi="(\d+)"', self.pkg.read(chain).decode("utf-8", "replace")))
                if sheet_ids & self.replaced_ids:  # stale entries make Excel "repair" the file
                    self._drop(chain)
                    self._edit_rel(rid, lambda _: "")
        if self.styles.changed:
            self.parts[part_key(self.styles_part)] = self.styles.text.encode("utf-8")
            if not self.pkg.has(self.styles_part):
                self.new_names.append(self.styles_part)
                self.types.override(self.styles_part, _STYLES_CT)
            if not self.styles_related:
                self._add_rel(self._free_rid(), "styles", posixpath.relpath(self.styles_part, "xl"))
        self.types.remove_overrides(self.dropped - set(self.parts))
        for part, text, original in zip(
            (WORKBOOK, rels_name(WORKBOOK), TYPES),
            (self.workbook, self.wb_rels, self.types.text),
            self.originals,
            strict=True,
        ):
            if text != original:
                self.parts[part_key(part)] = text.encode("utf-8")


# --- the entry point -------------------------------------------------------------------------


def write_owned_sheets(src: Path, dst: Path, sheets: list[SheetSpec]) -> None:
    """Write ``src`` to ``dst`` with ``sheets`` replaced in place (same name, ignoring case) or
    appended; every part we do not own is copied byte for byte. A sheet by that name is replaced
    only if we wrote it (our marker, ``_OWNED``) or it holds nothing; otherwise InputError
    ``sheet_name_taken``, raised before ``dst`` is created.

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
            pkg = Package(zin, src.name)
            if not pkg.has(WORKBOOK):
                raise InputError("not_a_workbook", name=src.name)
            plan = _Plan(pkg)
            for spec in sheets:
                plan.place(spec)
            plan.finish()
            try:
                write_package(pkg, dst, plan.parts, plan.dropped, plan.new_names)
            except BaseException:
                dst.unlink(missing_ok=True)  # half a zip is worse than none
                raise
    except BROKEN_ZIP as exc:  # a damaged entry shows only when it is read
        raise InputError("not_a_workbook", name=src.name) from exc
