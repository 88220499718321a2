"""The demo files: ``school-01.xlsx``... and ``MISTAKES.md``, which tells where validation finds
each deliberate mistake."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

from ubsheets.demo.build import DemoSchool, demo_school
from ubsheets.demo.mistakes import Mistake
from ubsheets.errors import InputError, UsageError
from ubsheets.schema import register


def school_lang(index: int) -> str:
    """The language of demo school ``index`` when none is asked for: Kyrgyz, Kyrgyz, Russian..."""
    return "ru" if index % 3 == 0 else "ky"


def write_demo(directory: Path, schools: int = 1, members: int = 12,
               lang: str | None = None,
               on_school: Callable[[Path], None] | None = None,
               force: bool = False) -> list[Path]:
    """Write ``school-01.xlsx``... and ``MISTAKES.md`` (where each deliberate mistake is, as the
    validator finds it) into ``directory``; returns the workbooks' paths. ``on_school`` hears of
    each workbook written (the CLI's progress bar).

    A workbook already there may be a teacher's year of work renamed or copied over: it is never
    replaced unless ``force``, and then it is kept as ``.bak`` (as ``ubsheets new --force`` does).
    ``MISTAKES.md`` is the demo's own and is rewritten."""
    # Imported here so that generating rows alone (demo_school) never loads the workbook side.
    from ubsheets.core.validate import validate
    from ubsheets.io.reader import read_book
    from ubsheets.io.safe_write import safe_replace
    from ubsheets.io.template import build_workbook, save_workbook

    directory = Path(directory)
    paths = [directory / f"school-{index:02d}.xlsx" for index in range(1, schools + 1)]
    _check_replaceable(paths, force)  # all of them, before the first is written
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError:  # a file of that name, or a folder we may not create
        raise InputError("not_a_folder", name=str(directory)) from None
    sections = []
    for index, path in enumerate(paths, start=1):
        code = lang or school_lang(index)
        demo = demo_school(index, members, code)
        workbook = build_workbook(code, demo.settings, demo.rows)
        safe_replace(path, partial(save_workbook, workbook), backup=path.exists())
        found = mistake_cells(demo, validate(read_book(path)).issues) if demo.mistakes else []
        sections.append(_mistakes_section(path.name, demo, found))
        if on_school is not None:
            on_school(path)
    (directory / "MISTAKES.md").write_text(_MISTAKES_HEADER + "\n".join(sections), "utf-8")
    return paths


def _check_replaceable(paths: list[Path], force: bool) -> None:
    """Refuse before any work: without ``force``, the first workbook that exists; with it, a
    workbook open in Excel or LibreOffice (found now rather than halfway through the schools)."""
    from ubsheets.io.safe_write import check_not_open

    existing = [path for path in paths if path.exists()]
    if existing and not force:
        raise UsageError("file_exists", name=str(existing[0]))
    for path in existing:
        check_not_open(path)


def mistake_cells(demo: DemoSchool, findings: list) -> list[tuple[Mistake, str, str]]:
    """Each mistake with the sheet and cell(s) where validation found it ("—" if it did not)."""
    located = []
    for mistake in demo.mistakes:
        sheet = register(mistake.register).sheet.get(demo.lang)
        cells = [f.cell for f in findings if f.sheet == sheet and f.code == mistake.code]
        located.append((mistake, sheet, ", ".join(cells) or "—"))
    return located


_MISTAKES_HEADER = """# Атайын кетирилген каталар / Намеренно допущенные ошибки

Ар бир демо-китепке ушул каталар атайын кетирилди: «ubsheets validate» аларды табышы керек.
В каждую демо-книгу нарочно внесены эти ошибки: «ubsheets validate» должна их найти.

"""


def _mistakes_section(file: str, demo: DemoSchool, found: list[tuple[Mistake, str, str]]) -> str:
    lines = [f"## {file}: {demo.settings['school']} ({demo.settings['district']})", ""]
    if not found:
        lines.append("Каталар жок / Ошибок нет.")
    else:
        lines += ["| Барак / Лист | Уяча / Ячейка | Код | Түшүндүрмө | Пояснение |",
                  "|---|---|---|---|---|"]
        lines += [f"| {sheet} | {cells} | `{mistake.code}` | {mistake.what.ky} | "
                  f"{mistake.what.ru} |" for mistake, sheet, cells in found]
    return "\n".join(lines + [""])
