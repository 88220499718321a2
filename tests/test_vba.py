"""The VBA project built from macros/*.bas (ubsheets.vba), read back by an independent reader
(oletools' olevba), compared with projects Excel wrote, and opened by LibreOffice."""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import needs_libreoffice

from ubsheets import vba
from ubsheets.actions import new_workbook

olevba = pytest.importorskip("oletools.olevba", reason="oletools is a test dependency (olevba)")
olefile = pytest.importorskip("olefile", reason="olefile comes with oletools")

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "excel-corpus"
EXCEL_PROJECT = CORPUS / "macro01.xlsm"
needs_corpus = pytest.mark.skipif(not EXCEL_PROJECT.exists(),
                                  reason=f"no Excel-written VBA project: {EXCEL_PROJECT} is absent")
STREAMS = ("PROJECT", "PROJECTwm", "VBA/dir", "VBA/_VBA_PROJECT")


def lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def olevba_modules(path: Path) -> dict[str, str]:
    """Module name -> source, as olevba reads them (Attribute lines included), LF line ends."""
    parser = olevba.VBA_Parser(str(path))
    try:
        return {vba_filename.rpartition(".")[0]: lf(code)
                for _, _, vba_filename, code in parser.extract_macros()}
    finally:
        parser.close()


def streams(project: bytes) -> set[str]:
    with olefile.OleFileIO(io.BytesIO(project)) as ole:
        return {"/".join(entry) for entry in ole.listdir(streams=True, storages=False)}


def project_stream(project: bytes) -> list[str]:
    with olefile.OleFileIO(io.BytesIO(project)) as ole:
        return ole.openstream("PROJECT").read().decode("latin-1").splitlines()


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    return new_workbook(tmp_path_factory.mktemp("vba") / "book.xlsm", "ky", macros=False)


@pytest.fixture(scope="module")
def project(book) -> bytes:
    return vba.build_vba_project(book)


@pytest.fixture(scope="module")
def with_macros(book, project, tmp_path_factory) -> tuple[Path, list[str]]:
    out = tmp_path_factory.mktemp("vba-out") / "macros.xlsm"
    names = vba.add_vba_project(book, out, project)
    return out, names


def test_olevba_shows_every_module_as_written(with_macros):
    found = olevba_modules(with_macros[0])
    for module in vba.project_modules():
        assert found[module.name] == lf(module.source), module.name
    ours = {path.stem: path.read_text(encoding="ascii") for path in vba.MACROS.glob("*.bas")}
    assert ours, "macros/ holds no .bas"
    for module in vba.macro_modules():
        assert found[module.name] in (lf(text) for text in ours.values())


def test_xlwings_modules_are_the_standalone_ones(with_macros):
    """The same text olevba reads from the xlwings package's own standalone quickstart."""
    import xlwings

    assert xlwings.__version__ == vba.XLWINGS_VERSION
    standalone = olevba_modules(Path(xlwings.__file__).parent / "quickstart_standalone.xlsm")
    found = olevba_modules(with_macros[0])
    for name in vba.XLWINGS_MODULES:
        assert found[name] == standalone[name], name
    assert f'XLWINGS_VERSION As String = "{vba.XLWINGS_VERSION}"' in found["xlwings"]


def test_every_button_sub_exists_and_runs_its_function(with_macros):
    found = olevba_modules(with_macros[0])
    code = "\n".join(source for name, source in found.items() if name not in vba.XLWINGS_MODULES)
    for sub, function in vba.BUTTON_MACROS.items():
        body = re.search(rf"^(?:Public\s+)?Sub\s+{sub}\s*\(\s*\)\s*$(.*?)^End Sub", code, re.M | re.S | re.I)
        assert body, sub
        assert f'RunPython "import ubsheets.excel; ubsheets.excel.{function}()"' in body.group(1)
    assert re.search(r"^(?:Public\s+)?(?:Function|Sub)\s+RunPython\b", found["xlwings"], re.M)


def test_every_runpython_target_is_callable():
    excel = pytest.importorskip("ubsheets.excel", reason="ubsheets/excel.py is not written yet")
    for function in vba.BUTTON_MACROS.values():
        assert callable(getattr(excel, function)), function


def test_build_is_byte_reproducible(book, project):
    assert vba.build_vba_project(book) == project
    other = subprocess.run(
        [sys.executable, "-c", "import sys, hashlib; from pathlib import Path; from ubsheets.vba import "
         "build_vba_project; print(hashlib.sha256(build_vba_project(Path(sys.argv[1]))).hexdigest())", str(book)],
        capture_output=True, text=True, check=True)
    assert other.stdout.strip() == hashlib.sha256(project).hexdigest()


def test_package_is_reproducible(book, project, with_macros, tmp_path):
    again = tmp_path / "again.xlsm"
    vba.add_vba_project(book, again, project)
    assert again.read_bytes() == with_macros[0].read_bytes()


def test_package_carries_the_project(book, project, with_macros):
    out, names = with_macros
    with zipfile.ZipFile(out) as package, zipfile.ZipFile(book) as before:
        assert package.read(vba.PART) == project
        types = package.read("[Content_Types].xml").decode()
        assert f'PartName="/{vba.PART}" ContentType="{vba.PROJECT_CONTENT_TYPE}"' in types
        assert 'PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"' \
            in types
        rels = package.read("xl/_rels/workbook.xml.rels").decode()
        assert f'Type="{vba.RELATIONSHIP}" Target="vbaProject.bin"' in rels
        assert f'codeName="{names[0]}"' in package.read("xl/workbook.xml").decode()
        changed = {info.filename for info in before.infolist() if package.read(info.filename) != before.read(info)}
    # The document modules in the project are the code names written into the workbook.
    documents = [line.partition("=")[2].partition("/")[0] for line in project_stream(project)
                 if line.startswith("Document=")]
    assert documents == names
    assert names[0] == "ThisWorkbook" and names[1:] == [f"Sheet{n}" for n in range(1, len(names))]
    # Only what a project needs was rewritten: workbook, its rels, content types, sheets (code names).
    assert changed <= {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "[Content_Types].xml"} | {
        name for name in changed if name.startswith("xl/worksheets/sheet")}


def test_adding_twice_is_refused(with_macros, tmp_path):
    with pytest.raises(vba.VBABuildError):
        vba.add_vba_project(with_macros[0], tmp_path / "twice.xlsm", b"")


def test_wrong_xlwings_version_is_refused(monkeypatch):
    monkeypatch.setattr(vba, "XLWINGS_VERSION", "0.0.1")
    with pytest.raises(vba.VBABuildError, match="0.0.1"):
        vba.xlwings_modules()


@needs_corpus
def test_structure_matches_a_project_excel_wrote(project):
    with zipfile.ZipFile(EXCEL_PROJECT) as package:
        excel = package.read(vba.PART)
    ours, theirs = streams(project), streams(excel)
    for name in STREAMS:
        assert name in ours and name in theirs, name
    # Excel's extra streams are its compiled caches (__SRP_*), which a writer must not emit.
    assert {name for name in theirs - ours if not name.startswith("VBA/__SRP_")} <= {
        f"VBA/{module}" for module in ("Module1",)}
    assert not any(name.startswith("VBA/__SRP_") for name in ours)

    def keys(lines: list[str]) -> set[str]:
        return {line.partition("=")[0] for line in lines if "=" in line and not line.startswith("[")}

    ours_keys, theirs_keys = keys(project_stream(project)), keys(project_stream(excel))
    assert {"ID", "Document", "Module", "Name", "HelpContextID", "VersionCompatible32", "CMG", "DPB", "GC"} \
        <= ours_keys & theirs_keys
    assert "Class" in ours_keys  # xlwings' Dictionary
    # The dir streams name the same references (stdole, Office), as olevba and pyOpenVBA read them.
    from pyopenvba import ExcelFile

    with ExcelFile(EXCEL_PROJECT) as book:
        excel_refs = [ref.name for ref in book.references()]
    with olefile.OleFileIO(io.BytesIO(project)) as ole:
        dir_stream = olevba.decompress_stream(bytearray(ole.openstream("VBA/dir").read()))
    for name in excel_refs:
        assert name.encode() in dir_stream, name
    # A source-only project: the _VBA_PROJECT cache holds its header only, so Office compiles on open.
    with olefile.OleFileIO(io.BytesIO(project)) as ole:
        cache = ole.openstream("VBA/_VBA_PROJECT").read()
    assert cache[:2] == b"\xcc\x61" and not any(cache[7:])


@needs_libreoffice
def test_libreoffice_opens_it_and_imports_the_macros(with_macros, libreoffice, tmp_path):
    out = libreoffice(with_macros[0], "ods", tmp_path)
    with zipfile.ZipFile(out) as package:
        names = set(package.namelist())
        for module in vba.project_modules():
            assert f"Basic/VBAProject/{module.name}.xml" in names, module.name
        ours = package.read(f"Basic/VBAProject/{vba.macro_modules()[0].name}.xml").decode()
    for sub in vba.BUTTON_MACROS:
        assert f"Sub {sub}()" in ours
