"""An empty workbook of one sheet, written from its parts' text: the base the district workbook's
sheets are written into by the part writer, the same to the byte on every run.

Made here rather than by openpyxl: importing openpyxl alone took 0.3 s of a consolidation that
takes a few seconds. The parts are the fewest Excel and LibreOffice open without a word: no
theme (the font is named, not taken from one), no shared strings (our cells are inline).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ubsheets.io.sheet_xml import MAIN_NS, RELATIONSHIPS_NS, xml_text

# A fresh workbook's zip entries and properties carry the time it was made; fixed, the same
# inputs give the same bytes.
FIXED_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
FIXED_STAMP = "2000-01-01T00:00:00Z"

_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "application/vnd.openxmlformats-officedocument."
_PARTS = {
    "[Content_Types].xml": (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_TYPES}spreadsheetml.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_TYPES}spreadsheetml.worksheet+xml"/>'
        f'<Override PartName="/xl/styles.xml" ContentType="{_TYPES}spreadsheetml.styles+xml"/>'
        '<Override PartName="/docProps/core.xml" '
        'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
        f'<Override PartName="/docProps/app.xml" ContentType="{_TYPES}extended-properties+xml"/>'
        "</Types>"),
    "_rels/.rels": (
        f'<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS_NS}/officeDocument" Target="xl/workbook.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
        'metadata/core-properties" Target="docProps/core.xml"/>'
        f'<Relationship Id="rId3" Type="{RELATIONSHIPS_NS}/extended-properties" Target="docProps/app.xml"/>'
        "</Relationships>"),
    "docProps/app.xml": (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>ubsheets</Application></Properties>"),
    "docProps/core.xml": (
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"'
        ' xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{FIXED_STAMP}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{FIXED_STAMP}</dcterms:modified>'
        "</cp:coreProperties>"),
    "xl/_rels/workbook.xml.rels": (
        f'<Relationships xmlns="{_PACKAGE_RELS}">'
        f'<Relationship Id="rId1" Type="{RELATIONSHIPS_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{RELATIONSHIPS_NS}/styles" Target="styles.xml"/>'
        "</Relationships>"),
    "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{MAIN_NS}"><sheetData/></worksheet>',
    "xl/styles.xml": (
        f'<styleSheet xmlns="{MAIN_NS}">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill>'
        '<fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"),
}


def blank_workbook(path: Path, first_sheet: str) -> Path:
    """``path``: an empty workbook whose one sheet is ``first_sheet``."""
    workbook = (f'<workbook xmlns="{MAIN_NS}" xmlns:r="{RELATIONSHIPS_NS}">'
                '<bookViews><workbookView activeTab="0"/></bookViews>'
                f'<sheets><sheet name="{xml_text(first_sheet)}" sheetId="1" r:id="rId1"/></sheets>'
                "</workbook>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, text in {**_PARTS, "xl/workbook.xml": workbook}.items():
            package.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), _DECLARATION + text,
                             zipfile.ZIP_DEFLATED)
    return path
