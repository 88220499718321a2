"""The workbook's VBA project (``xl/vbaProject.bin``): built from ``macros/*.bas`` with pyOpenVBA, and
added to a workbook package that has none.

How the buttons reach Python: xlwings' *standalone* mode. The project carries xlwings' own VBA
modules, ``xlwings`` (standard; holds ``RunPython`` and ``XLWINGS_VERSION``) and ``Dictionary``
(class), read at build time out of ``quickstart_standalone.xlsm`` in the installed xlwings package,
which is what ``xlwings quickstart --standalone`` embeds. The user then needs no add-in in Excel,
only ``pip install ubsheets`` (which brings xlwings); the VBA and the Python package must be the same
xlwings version, so the build refuses any other than ``XLWINGS_VERSION``.

The project itself is made by pyOpenVBA (``ExcelFile.add_vba_project``): a document module for the
workbook and one per sheet, named as Excel names them (``ThisWorkbook``, ``Sheet1``…), then our
modules. pyOpenVBA starts from a project captured from Excel, whose ``ID`` GUID and storage times are
constants of that template, adds no time or random id of its own, and leaves the ``_VBA_PROJECT``
cache header-only, so Office compiles from the source on first open: the same workbook sheets and
the same sources give the same bytes.

``add_vba_project`` writes the project into a package with our own writer (``opc_package``): the
part, its relationship from ``workbook.xml``, its content type, the macro-enabled main content type,
and the code names (``workbookPr``/``sheetPr`` ``codeName``) that tie the document modules to the
workbook and its sheets. Every other entry is copied byte for byte.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ubsheets.io.opc_package import TYPES, WORKBOOK, ContentTypes, open_package, part_key, rels_name, write_package
from ubsheets.io.parts.namespaces import MAIN, qn
from ubsheets.io.parts.relationships import RelationshipsPart, kind_of
from ubsheets.io.parts.tree import Element, declaration, parse_part, serialise
from ubsheets.io.parts.workbook import CONTENT_TYPE, MACRO_CONTENT_TYPE, WorkbookPart

#: The xlwings version the embedded ``xlwings`` VBA module is taken from. Its ``RunPython`` does not
#: compare versions on Windows; the pin keeps the VBA and the Python side it calls
#: (``xlwings.utils.prepare_sys_path``, ``Book.caller``) from one release.
XLWINGS_VERSION = "0.37.8"


def _macros_folder() -> Path:
    """Where the project's own modules live (one ``.bas`` per standard module): ``macros/`` at the
    top of the source tree (a checkout, an editable install), which a wheel installs as
    ``ubsheets/macros`` (pyproject.toml's package-dir)."""
    here = Path(__file__).resolve().parent
    installed = here / "macros"
    return installed if installed.is_dir() else here.parent / "macros"


MACROS = _macros_folder()
#: xlwings' standalone modules, as ``quickstart_standalone.xlsm`` carries them.
XLWINGS_MODULES = ("xlwings", "Dictionary")
#: Each button's Sub (in macros/ubsheets.bas) and the ``ubsheets.excel`` function it runs.
BUTTON_MACROS = {"UbValidate": "validate", "UbSummarize": "summarize", "UbReport": "report",
                 "UbConsolidate": "consolidate"}
PART = "xl/vbaProject.bin"
RELATIONSHIP = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
PROJECT_CONTENT_TYPE = "application/vnd.ms-office.vbaProject"

_WORKBOOK_PR, _SHEET_PR = qn(MAIN, "workbookPr"), qn(MAIN, "sheetPr")
# What the schema puts before <workbookPr> in <workbook> (ECMA-376 Part 1, 18.2.27).
_BEFORE_WORKBOOK_PR = frozenset(qn(MAIN, name) for name in ("fileVersion", "fileSharing"))
# The code name Excel gives a sheet without one: this prefix and its place among the sheets.
_CODE_NAME_PREFIX = {"worksheet": "Sheet", "chartsheet": "Chart"}


class VBABuildError(RuntimeError):
    """The VBA project cannot be built here (wrong xlwings, missing sources): a build-time fault."""


@dataclass(frozen=True)
class Module:
    """One VBA module: its name (``VB_Name``), source with CRLF line ends, and whether it is a class."""

    name: str
    source: str
    is_class: bool = False


def crlf(text: str) -> str:
    """``text`` with every line ending CRLF, as the VBA editor stores a module."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\r\n")


def module_name(source: str) -> str:
    """The ``Attribute VB_Name = "…"`` of a module's source."""
    for line in source.splitlines():
        if line.startswith("Attribute VB_Name"):
            return line.partition("=")[2].strip().strip('"')
    raise VBABuildError("a module without Attribute VB_Name")


def macro_modules(folder: Path = MACROS) -> list[Module]:
    """Our modules, one per ``*.bas`` in ``folder``, in file-name order."""
    files = sorted(folder.glob("*.bas"))
    if not files:
        raise VBABuildError(f"no .bas files in {folder}")
    modules = []
    for path in files:
        source = crlf(path.read_text(encoding="ascii"))  # code page 1252: keep the sources ASCII
        modules.append(Module(module_name(source), source))
    return modules


def xlwings_modules() -> list[Module]:
    """xlwings' standalone modules from the installed package (VBABuildError if its version is not
    ``XLWINGS_VERSION``)."""
    import xlwings
    from pyopenvba import ExcelFile  # type: ignore[import-untyped]  # ships no py.typed

    if xlwings.__version__ != XLWINGS_VERSION:
        raise VBABuildError(f"xlwings {xlwings.__version__} is installed; the VBA is built for {XLWINGS_VERSION}")
    source_book = Path(xlwings.__file__).parent / "quickstart_standalone.xlsm"
    with ExcelFile(source_book) as book:
        found = book.vba_modules()
    missing = [name for name in XLWINGS_MODULES if name not in found]
    if missing:
        raise VBABuildError(f"{source_book.name} has no module {', '.join(missing)}")
    if f'XLWINGS_VERSION As String = "{XLWINGS_VERSION}"' not in found["xlwings"]:
        raise VBABuildError(f"the xlwings VBA module is not version {XLWINGS_VERSION}")
    return [Module(name, crlf(found[name]), is_class=name == "Dictionary") for name in XLWINGS_MODULES]


def project_modules(macros: Path = MACROS) -> list[Module]:
    """Every module we put into a project, in the order it is added: xlwings', then ours."""
    return [*xlwings_modules(), *macro_modules(macros)]


def build_vba_project(workbook: Path, macros: Path = MACROS) -> bytes:
    """``xl/vbaProject.bin`` for ``workbook`` (a package with no VBA project): its document modules,
    then ``project_modules(macros)``. The same sheets and sources give the same bytes."""
    from pyopenvba import ExcelFile
    from pyopenvba.vba import VBAModuleKind  # type: ignore[import-untyped]

    modules = project_modules(macros)
    with tempfile.TemporaryDirectory(prefix="ubsheets-vba-") as scratch:
        source, built = Path(scratch) / "in.xlsm", Path(scratch) / "out.xlsm"
        shutil.copyfile(workbook, source)  # pyOpenVBA adds a project to .xlsm files only
        with ExcelFile(source) as book:
            project = book.add_vba_project()
            for module in modules:
                kind = VBAModuleKind.other if module.is_class else VBAModuleKind.standard
                project.add_module(module.name, module.source, kind=kind)
            book.save(built)
        with zipfile.ZipFile(built) as package:
            return package.read(PART)


def _code_name(element: Element, default: str) -> str:
    """``element``'s codeName, set to ``default`` first if it has none."""
    if not element.get("codeName"):
        element.set("codeName", default)
    return str(element.get("codeName"))


def _first_child(parent: Element, tag: str, after: frozenset[str] = frozenset()) -> Element:
    """``parent``'s child ``tag``, made where the schema puts it (after the ``after`` tags) if missing."""
    found = parent.find(tag)
    if found is not None:
        return found
    new = parent.makeelement(tag, {})
    index = 0
    for position, child in enumerate(parent):
        if child.tag in after:
            index = position + 1
    parent.insert(index, new)
    return new


def add_vba_project(src: Path, dst: Path, project: bytes | None = None) -> list[str]:
    """``src`` (a package without VBA) written to ``dst`` with the VBA project ``project`` (built from
    ``src`` if None), macro-enabled. Returns the document module names: the workbook's code name,
    then each sheet's, in sheet order."""
    if project is None:
        project = build_vba_project(src)
    parts: dict[str, bytes | Path] = {}
    with open_package(src) as pkg:
        if pkg.has(PART):
            raise VBABuildError(f"{src.name} has a VBA project already")
        book = WorkbookPart(pkg.read(WORKBOOK), src.name)
        workbook_pr = _first_child(book.root, _WORKBOOK_PR, _BEFORE_WORKBOOK_PR)
        names = [_code_name(workbook_pr, "ThisWorkbook")]
        targets = {rel.get("Id"): rel for rel in pkg.rels(WORKBOOK)}
        for place, sheet in enumerate(book.sheets(), start=1):
            rel = targets.get(sheet.rid, {})
            kind, key = kind_of(rel.get("Type", "")), rel.get("part", "")
            if kind not in _CODE_NAME_PREFIX or not pkg.has(key):
                raise VBABuildError(f"{src.name}: sheet {sheet.name!r} is a {kind or 'missing part'}")
            data = pkg.read(key)
            tree = parse_part(data, src.name)
            names.append(_code_name(_first_child(tree.getroot(), _SHEET_PR), f"{_CODE_NAME_PREFIX[kind]}{place}"))
            new = serialise(tree, declaration(data))
            if new != serialise(parse_part(data, src.name), declaration(data)):
                parts[key] = new
        parts[part_key(WORKBOOK)] = book.to_bytes()

        workbook_rels = rels_name(WORKBOOK)
        rels = RelationshipsPart(pkg.required(workbook_rels), src.name, workbook_rels)
        rid = rels.free_id()
        rels.add(rid, "vbaProject", "vbaProject.bin")
        rels.edit(rid, Type=RELATIONSHIP)
        parts[part_key(workbook_rels)] = rels.to_bytes()

        types = ContentTypes(pkg.required(TYPES), src.name)
        types.override(PART, PROJECT_CONTENT_TYPE)
        if types.content_type(WORKBOOK) in (CONTENT_TYPE, None):
            types.override(WORKBOOK, MACRO_CONTENT_TYPE)
        parts[part_key(TYPES)] = types.to_bytes()
        parts[part_key(PART)] = project
        write_package(pkg, dst, parts, set(), [PART])
    return names
