"""The part modules (``ubsheets.io.parts``) on legal XML our own files never contain: comments
holding lookalike elements, whitespace inside tags, single quotes, other prefixes, a default
namespace redeclared on a child, Strict OOXML. Each case runs on a real workbook from
``make_book`` whose part was rewritten inside the zip, through the actions a user runs."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from builders import make_book
from lxml import etree
from python_calamine import CalamineWorkbook

from ubsheets.actions import summarize_file
from ubsheets.errors import InputError
from ubsheets.io.opc_package import part_key
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.parts.app import AppPart
from ubsheets.io.parts.content_types import ContentTypesPart
from ubsheets.io.parts.namespaces import MAIN, RELATIONSHIPS
from ubsheets.io.parts.relationships import RelationshipsPart
from ubsheets.io.parts.workbook import WorkbookPart
from ubsheets.io.sheet_model import SheetSpec

WORKBOOK = "xl/workbook.xml"
SUMMARY = "Жыйынтык"
REGISTERS = ["Жөндөөлөр", "Мүчөлөр", "Өз билимин өркүндөтүү", "Ачык сабактар", "Иш-чаралар",
             "Аткарылган иштер", "Көзөмөл", "Иш кагаздары", "Насаатчылык", "Предметтик жумалыктар",
             "Кружоктор", "Администрациялык текшерүү", "Курстар", "Жыйналыштар", "ubsheets"]
MARKER = '<definedName name="_ubsheets_owned" localSheetId="15" hidden="1">TRUE</definedName>'


def rewrite(path: Path, part: str, edit: Callable[[str], str]) -> Path:
    """``path`` with ``part`` replaced by ``edit(text)``, every other entry as it was."""
    with zipfile.ZipFile(path) as z:
        items = [(info, z.read(info.filename)) for info in z.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info, data in items:
            out.writestr(info, edit(data.decode()).encode() if info.filename == part else data)
    return path


def read(path: Path, part: str) -> bytes:
    with zipfile.ZipFile(path) as z:
        return z.read(part)


def summarized(tmp_path: Path) -> Path:
    """A book of ``ubsheets new`` after one ``summarize``: our summary sheet last, with our marker."""
    book = make_book(tmp_path / "book.xlsx")
    summarize_file(book)
    assert MARKER in read(book, WORKBOOK).decode()
    return book


def local_names(path: Path) -> set[tuple[str, str, str]]:
    """(name, localSheetId, formula) of each sheet-local defined name, read by namespace URI."""
    root = etree.fromstring(read(path, WORKBOOK))
    return {(el.get("name"), el.get("localSheetId"), el.xpath("string()"))
            for el in root.iter(f"{{{MAIN}}}definedName") if el.get("localSheetId") is not None}


def ours(path: Path) -> set[tuple[str, str]]:
    return {(name, sheet) for name, sheet, _ in local_names(path) if name.startswith("_ubsheets")}


def sheet_names(path: Path) -> list[str]:
    return CalamineWorkbook.from_path(str(path)).sheet_names


# --- workbook.xml ---------------------------------------------------------------------------


def test_a_comment_holding_our_marker_does_not_make_a_users_sheet_ours(tmp_path: Path) -> None:
    """The review's case: the marker only in a comment; "Жыйынтык" is then the user's sheet."""
    book = rewrite(summarized(tmp_path), WORKBOOK,
                   lambda text: text.replace(MARKER, f"<!-- {MARKER} -->").replace(
                       '<definedName name="_ubsheets_digest"', '<!-- x --><definedName name="_ubsheets_digest"'))
    before = book.read_bytes()
    with pytest.raises(InputError) as caught:
        summarize_file(book)
    assert (caught.value.key, caught.value.params["sheet"]) == ("sheet_name_taken", SUMMARY)
    assert book.read_bytes() == before


def test_whitespace_inside_tags(tmp_path: Path) -> None:
    book = rewrite(summarized(tmp_path), WORKBOOK, lambda text: text.replace("</sheets>", "</sheets >").replace(
        "<sheets>", "<sheets\n  >").replace('"/>', '" \n/>').replace("</definedNames>", "</definedNames\t>"))
    summarize_file(book)
    assert sheet_names(book) == [*REGISTERS, SUMMARY]
    assert ours(book) == {("_ubsheets_owned", "15"), ("_ubsheets_digest", "15")}


def test_single_quoted_attributes(tmp_path: Path) -> None:
    book = rewrite(summarized(tmp_path), WORKBOOK, lambda text: re.sub(r'(\s[\w:]+)="([^"]*)"', r"\1='\2'", text))
    assert "localSheetId='15'" in read(book, WORKBOOK).decode()
    summarize_file(book)
    assert sheet_names(book) == [*REGISTERS, SUMMARY]
    assert ours(book) == {("_ubsheets_owned", "15"), ("_ubsheets_digest", "15")}


def _prefixed(text: str) -> str:
    """workbook.xml with the main namespace as ``x:`` and the relationships one as ``rel:``."""
    text = re.sub(r"<(/?)(?=[A-Za-z])", r"<\1x:", text).replace("<x:xml ", "<xml ")
    text = text.replace(f'<x:workbook xmlns="{MAIN}"', f'<x:workbook xmlns:x="{MAIN}" xmlns:rel="{RELATIONSHIPS}"')
    return text.replace(f' xmlns:r="{RELATIONSHIPS}"', "").replace(" r:id=", " rel:id=")


def test_other_prefixes_for_the_main_and_relationship_namespaces(tmp_path: Path) -> None:
    book = rewrite(summarized(tmp_path), WORKBOOK, _prefixed)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(book, out, [SheetSpec(SUMMARY, [["a"]]), SheetSpec("Жаңы", [["b"]])])
    assert sheet_names(out) == [*REGISTERS, SUMMARY, "Жаңы"]
    text = read(out, WORKBOOK).decode()
    assert '<x:sheet name="Жаңы" sheetId="17" rel:id="rId19"/>' in text
    assert "ns0" not in text and "xmlns:r=" not in text and 'xmlns="' not in text
    assert ours(out) == {("_ubsheets_owned", "15"), ("_ubsheets_digest", "15"),
                         ("_ubsheets_owned", "16"), ("_ubsheets_digest", "16")}
    summarize_file(out)  # and again through the action
    assert sheet_names(out) == [*REGISTERS, SUMMARY, "Жаңы"]


def test_a_default_namespace_redeclared_on_a_child(tmp_path: Path) -> None:
    """The root prefixed, <sheets> and <definedNames> in the default namespace declared on them."""

    def redeclared(text: str) -> str:
        text = _prefixed(text)
        for name in ("sheets", "sheet", "definedNames", "definedName"):
            text = re.sub(rf"<(/?)x:{name}(?=[\s/>])", rf"<\1{name}", text)
        return text.replace("<sheets>", f'<sheets xmlns="{MAIN}">').replace(
            "<definedNames>", f'<definedNames xmlns="{MAIN}">')

    book = rewrite(summarized(tmp_path), WORKBOOK, redeclared)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(book, out, [SheetSpec("Жаңы", [["b"]])])
    text = read(out, WORKBOOK).decode()
    assert '<sheet name="Жаңы" sheetId="17" rel:id="rId19"/></sheets>' in text
    assert '<definedName name="_ubsheets_owned" localSheetId="16" hidden="1">TRUE</definedName>' in text
    assert sheet_names(out) == [*REGISTERS, SUMMARY, "Жаңы"]


def test_strict_ooxml_is_refused_in_one_line_before_anything_is_written(tmp_path: Path) -> None:
    book = rewrite(make_book(tmp_path / "strict.xlsx"), WORKBOOK,
                   lambda text: text.replace(MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main"))
    before = book.read_bytes()
    with pytest.raises(InputError) as caught:
        summarize_file(book)
    assert caught.value.key == "strict_ooxml"
    assert caught.value.message("en") == (
        '"strict.xlsx" is saved as "Strict Open XML Spreadsheet", which ubsheets cannot work with: open it in'
        ' Excel, choose File → Save As, pick "Excel Workbook (*.xlsx)" and try again.')
    assert all("\n" not in caught.value.message(lang) and "*.xlsx" in caught.value.message(lang)
               for lang in ("ky", "ru", "en"))
    assert book.read_bytes() == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["strict.xlsx"]


def test_an_inserted_sheet_moves_what_names_sheets_by_position() -> None:
    """Positions of sheets (local names, the active tab) move on past an inserted sheet; comments
    untouched."""
    data = (f"<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<x:workbook xmlns:x='{MAIN}' "
            f"xmlns:r='{RELATIONSHIPS}'><x:bookViews><x:workbookView xWindow='0'/>"
            "<x:workbookView activeTab='4' firstSheet='1'/></x:bookViews><x:sheets>"
            + "".join(f"<x:sheet name='s{i}' sheetId='{i + 1}' r:id='rId{i + 1}'/>" for i in range(5))
            + "</x:sheets><!-- <x:definedName name='c' localSheetId='3'/> --><x:definedNames>"
            "<x:definedName name='a' localSheetId='2' hidden='1'>A</x:definedName>"
            "<x:definedName localSheetId='1' name='b'>B</x:definedName>"
            "<x:definedName name='c' localSheetId='x'>C</x:definedName></x:definedNames></x:workbook>").encode()
    part = WorkbookPart(data, "book.xlsx")
    part.insert_sheet(2, "new", 6, "rId6")
    assert [sheet.name for sheet in part.sheets()] == ["s0", "s1", "new", "s2", "s3", "s4"]
    text = part.to_bytes().decode()
    assert text.startswith("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<x:workbook ")
    assert "<!-- <x:definedName name='c' localSheetId='3'/> -->" in text  # comments are never matched
    assert ('<x:definedName name="a" localSheetId="3" hidden="1">A</x:definedName>'
            '<x:definedName localSheetId="1" name="b">B</x:definedName>'
            '<x:definedName name="c" localSheetId="x">C</x:definedName>') in text
    assert '<x:workbookView xWindow="0"/><x:workbookView activeTab="5" firstSheet="1"/>' in text
    assert '<x:sheet name="s1" sheetId="2" r:id="rId2"/><x:sheet name="new" sheetId="6" r:id="rId6"/>' in text
    part.insert_sheet(0, "first", 7, "rId7")
    assert b'<x:workbookView xWindow="0" activeTab="1"/>' in part.to_bytes()


def test_prefixes_and_mc_ignorable_survive_an_edit() -> None:
    data = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook xmlns="{MAIN}" '
            f'xmlns:r="{RELATIONSHIPS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
            'mc:Ignorable="x15 xr" xmlns:x15="urn:x15" xmlns:xr="urn:xr"><?app keep?><sheets>'
            '<sheet name="a" sheetId="1" r:id="rId1" xr:uid="{1}"/></sheets><calcPr calcId="1"/></workbook>').encode()
    part = WorkbookPart(data, "book.xlsx")
    assert part.to_bytes() is data  # nothing changed: the original bytes
    part.add_defined_name("n", "a!$A$1", 0, hidden=True)
    out = part.to_bytes().decode()
    assert out.startswith('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook ')
    assert 'mc:Ignorable="x15 xr"' in out and 'xmlns:x15="urn:x15"' in out and "<?app keep?>" in out
    assert ('</sheets><definedNames><definedName name="n" localSheetId="0" hidden="1">a!$A$1</definedName>'
            '</definedNames><calcPr') in out


# --- workbook.xml.rels ----------------------------------------------------------------------

PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def test_relationships_by_uri_with_comments_quotes_and_a_prefix() -> None:
    data = (f"<pr:Relationships xmlns:pr='{PACKAGE_RELS}'><!-- <pr:Relationship Id='rId9' Target='x'/> -->"
            f"<pr:Relationship Id='rId1' Type='{RELATIONSHIPS}/worksheet' Target='worksheets/sheet1.xml' />"
            f"<pr:Relationship Target='styles.xml' Type='{RELATIONSHIPS}/styles' Id='rId2'></pr:Relationship >"
            "</pr:Relationships >").encode()
    rels = RelationshipsPart(data, "book.xlsx", "xl/_rels/workbook.xml.rels")
    assert [rel["Id"] for rel in rels.items()] == ["rId1", "rId2"] and rels.free_id() == "rId3"
    rels.add("rId3", "worksheet", "worksheets/sheet2.xml")
    rels.edit("rId1", Target="/xl/worksheets/sheet9.xml")
    rels.remove("rId2")
    text = rels.to_bytes().decode()
    assert "<!-- <pr:Relationship Id='rId9' Target='x'/> -->" in text and "rId2" not in text
    assert f'<pr:Relationship Id="rId3" Type="{RELATIONSHIPS}/worksheet" Target="worksheets/sheet2.xml"/>' in text
    assert 'Target="/xl/worksheets/sheet9.xml"' in text and "xmlns=" not in text


def test_the_workbook_rels_with_another_prefix_take_a_new_sheet(tmp_path: Path) -> None:
    rels = "xl/_rels/workbook.xml.rels"
    lookalike = "<!-- <p:Relationship Id='rId99'/> -->"

    def prefixed(text: str) -> str:
        text = re.sub(r"<(/?)(?=[A-Z])", r"<\1p:", text).replace("<p:Relationships xmlns=", "<p:Relationships xmlns:p=")
        return text.replace('"/>', f'" >{lookalike}</p:Relationship>')

    book = rewrite(summarized(tmp_path), rels, prefixed)
    out = tmp_path / "out.xlsx"
    write_owned_sheets(book, out, [SheetSpec("Жаңы", [["b"]])])
    assert sheet_names(out) == [*REGISTERS, SUMMARY, "Жаңы"]
    assert '<p:Relationship Id="rId19" ' in read(out, rels).decode()
    assert CalamineWorkbook.from_path(str(out)).get_sheet_by_name("Жаңы").to_python() == [["b"]]


# --- [Content_Types].xml --------------------------------------------------------------------

TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"


def test_content_types_by_uri_with_comments_and_whitespace() -> None:
    data = (f"<?xml version='1.0'?><t:Types xmlns:t='{TYPES_NS}'><t:Default Extension='xml' ContentType='a' />"
            "<!-- <t:Override PartName='/xl/worksheets/sheet2.xml' ContentType='x'/> -->"
            "<t:Override PartName='/XL/Worksheets/Sheet1.xml' ContentType='old' ></t:Override >"
            "<t:Override PartName='/xl/calcChain.xml' ContentType='c'/></t:Types >").encode()
    types = ContentTypesPart(data, "book.xlsx", part_key)
    types.override("xl/worksheets/sheet1.xml", "ws")  # retargeted where it stands, its name as written
    types.override("xl/worksheets/sheet2.xml", "ws")  # the comment is no Override: a new one
    types.remove_overrides({part_key("xl/calcChain.xml")})
    text = types.to_bytes().decode()
    assert text == (
        f"<?xml version='1.0'?><t:Types xmlns:t=\"{TYPES_NS}\"><t:Default Extension=\"xml\" ContentType=\"a\"/>"
        "<!-- <t:Override PartName='/xl/worksheets/sheet2.xml' ContentType='x'/> -->"
        '<t:Override PartName="/XL/Worksheets/Sheet1.xml" ContentType="ws"/>'
        '<t:Override PartName="/xl/worksheets/sheet2.xml" ContentType="ws"/></t:Types>')


# --- docProps/app.xml -----------------------------------------------------------------------

EXTENDED = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
VT = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"


def app_xml(sheets: list[str], named: list[str]) -> str:
    """docProps/app.xml as Russian Excel writes it: groups labelled in its language."""
    titles = "".join(f"<vt:lpstr>{name}</vt:lpstr>" for name in sheets + named)
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<Properties xmlns="{EXTENDED}" '
            f'xmlns:vt="{VT}"><Application>Microsoft Excel</Application><HeadingPairs><vt:vector size="4" '
            f'baseType="variant"><vt:variant><vt:lpstr>Листы</vt:lpstr></vt:variant><vt:variant><vt:i4>{len(sheets)}'
            '</vt:i4></vt:variant><vt:variant><vt:lpstr>Именованные диапазоны</vt:lpstr></vt:variant><vt:variant>'
            f'<vt:i4>{len(named)}</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector '
            f'size="{len(sheets) + len(named)}" baseType="lpstr">{titles}</vt:vector></TitlesOfParts></Properties>')


def test_app_xml_lists_the_sheets_we_add(tmp_path: Path) -> None:
    named = ["Мүчөлөр!Print_Titles", "ub_teachers"]
    book = rewrite(make_book(tmp_path / "book.xlsx"), "docProps/app.xml", lambda _: app_xml(REGISTERS, named))
    summarize_file(book)
    assert read(book, "docProps/app.xml").decode() == app_xml([*REGISTERS, SUMMARY], named)
    before = read(book, "docProps/app.xml")
    summarize_file(book)  # replaced in place: the list stays
    assert read(book, "docProps/app.xml") == before


def test_app_xml_follows_a_kept_sheet_and_the_new_one() -> None:
    app = AppPart(app_xml(["a", "Отчет"], []).encode(), "book.xlsx")
    assert app.sync_worksheets(["a", "Отчет"], ["a", "Отчет (түзөтүлгөн)", "Отчет"])
    assert app.to_bytes().decode() == app_xml(["a", "Отчет (түзөтүлгөн)", "Отчет"], [])
    other = AppPart(app_xml(["x"], []).encode(), "book.xlsx")  # lists that do not match: left alone
    assert not other.sync_worksheets(["a"], ["a", "b"])


def test_app_xml_without_lists_is_copied_as_it_is(tmp_path: Path) -> None:
    book = make_book(tmp_path / "book.xlsx")
    before = read(book, "docProps/app.xml")
    summarize_file(book)
    assert read(book, "docProps/app.xml") == before
