"""The committed masters in ``workbook_templates/``, for whoever takes a file rather than a
command: the Kyrgyz and Russian school masters and the district workbooks, each with its home
sheet, buttons and VBA project.

They are made by the very functions ``ubsheets new`` runs (``new_workbook``,
``new_district_workbook``): there is no second way to a master. ``ubsheets template build``
writes them; ``--check`` builds them afresh in a scratch folder and names each committed file that
differs (tests/test_templates.py runs it, so a changed macro, layout or wording fails the suite
until the templates are rebuilt).

To compare bytes, a build must give the same bytes twice. openpyxl stamps the save time into
``docProps/core.xml`` and into each zip entry; ``_settle`` rewrites the package with every entry
dated 1980-01-01 (zip's first day) and the document's created/modified set to the first day of
the template's school year, entries in the same order with the same compression. The VBA project
is reproducible already (``ubsheets.vba``). The check rebuilds the school year the committed
Kyrgyz master holds, so a new calendar year alone is not drift.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ubsheets import actions
from ubsheets.io.parts.tree import declaration, parse_part, serialise

FOLDER = Path("workbook_templates")
CORE = "docProps/core.xml"
_DCTERMS = "http://purl.org/dc/terms/"
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Template:
    file: str
    kind: str  # "school" or "district"
    lang: str


TEMPLATES = (Template("ubsheets-ky.xlsm", "school", "ky"), Template("ubsheets-ru.xlsm", "school", "ru"),
             Template("district-ky.xlsm", "district", "ky"), Template("district-ru.xlsm", "district", "ru"))
#: The template whose settings tell the school year a check rebuilds.
YEAR_FROM = TEMPLATES[0]


def build_templates(folder: Path, year: str | None = None) -> list[Path]:
    """Write every template into ``folder`` for ``year`` (default: the current school year)."""
    start, end = actions.academic_year(year)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for template in TEMPLATES:
        path = folder / template.file
        if template.kind == "school":
            actions.new_workbook(path, template.lang, year=f"{start}-{end}", force=True)
        else:
            actions.new_district_workbook(path, template.lang, force=True)
        path.with_name(path.name + ".bak").unlink(missing_ok=True)  # --force keeps the old one
        _settle(path, dt.datetime(start, 9, 1))
        written.append(path)
    return written


def drifted(folder: Path) -> list[str]:
    """The templates in ``folder`` that are missing or differ from what the build makes now."""
    year = committed_year(folder / YEAR_FROM.file)
    with tempfile.TemporaryDirectory(prefix="ubsheets-templates-") as scratch:
        fresh = Path(scratch)
        build_templates(fresh, year)
        return [t.file for t in TEMPLATES
                if not (folder / t.file).is_file()
                or (folder / t.file).read_bytes() != (fresh / t.file).read_bytes()]


def committed_year(path: Path) -> str | None:
    """The school year a committed school master holds ("2026-2027"), None when it is missing."""
    if not path.is_file():
        return None
    with zipfile.ZipFile(path) as package:
        created = parse_part(package.read(CORE), path.name).getroot().find(f"{{{_DCTERMS}}}created")
    start = dt.datetime.fromisoformat(created.text.rstrip("Z")).year
    return f"{start}-{start + 1}"


def _settle(path: Path, moment: dt.datetime) -> None:
    """Rewrite ``path`` so that building it again gives the same bytes (module docstring)."""
    with zipfile.ZipFile(path) as package:
        entries = [(info, package.read(info)) for info in package.infolist()]
    stamp = moment.strftime("%Y-%m-%dT%H:%M:%SZ")
    with zipfile.ZipFile(path, "w") as package:
        for info, data in entries:
            if info.filename == CORE:
                data = _dated_core(data, stamp, path.name)
            settled = zipfile.ZipInfo(info.filename, date_time=_ZIP_EPOCH)
            settled.compress_type, settled.external_attr = info.compress_type, info.external_attr
            package.writestr(settled, data)


def _dated_core(data: bytes, stamp: str, name: str) -> bytes:
    tree = parse_part(data, name)
    for tag in ("created", "modified"):
        element = tree.getroot().find(f"{{{_DCTERMS}}}{tag}")
        if element is not None:
            element.text = stamp
    return serialise(tree, declaration(data))
