"""Render sheets we own to PDF through LibreOffice (headless), one PDF per sheet.

Each sheet is written alone into a fresh workbook (the same part writer as everywhere), so the
PDF holds the report and nothing of the user's other sheets.
"""

from __future__ import annotations

import os
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path

from openpyxl import Workbook

from ubsheets.errors import InputError, UsageError
from ubsheets.io.package_writer import write_owned_sheets
from ubsheets.io.sheet_model import SheetSpec

SOFFICE_NAMES = ("soffice", "libreoffice")
TIMEOUT_S = 300


def soffice() -> str | None:
    for name in SOFFICE_NAMES:
        if found := shutil.which(name):
            return found
    return None


def check_available() -> str:
    """The LibreOffice program to run; UsageError when there is none."""
    program = soffice()
    if program is None:
        raise UsageError("libreoffice_missing")
    return program


def check_folder(out_dir: Path) -> None:
    """Refuse, before any work, a PDF folder that can't be written: a file in the way of it or
    of a folder above it, no permission, a read-only disk. Nothing is left behind: the folder (or
    the nearest one above it that exists, where it would be created) is tried with a file that is
    removed at once, and a folder still to be made is made only when the PDFs are ready."""
    existing = Path(out_dir)
    while not existing.exists() and existing.parent != existing:
        existing = existing.parent
    if not existing.is_dir() or not _can_create_files_in(existing):
        raise InputError("pdf_folder_unwritable", folder=str(out_dir))


def _can_create_files_in(folder: Path) -> bool:
    probe = folder / f".~ubsheets-{secrets.token_hex(6)}.pdf"
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except (OSError, ValueError):
        return False
    try:
        probe.unlink()
    except OSError:
        pass
    return True


def render(sheets: list[SheetSpec], out_dir: Path, stem: str) -> list[Path]:
    """``out_dir/<stem> <sheet>.pdf`` for every sheet; LibreOffice starts once for all."""
    program = check_available()
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError:  # checked before the workbook was written (check_folder), so rare: and by
        # now the workbook is written, which pdf_folder_unwritable would deny
        raise InputError("cannot_write", name=out_dir.name, folder=str(out_dir)) from None
    with tempfile.TemporaryDirectory(prefix="ubsheets-pdf-") as work:
        work_dir = Path(work)
        sources = [_single_sheet_book(sheet, work_dir / f"{i:03d}.xlsx")
                   for i, sheet in enumerate(sheets)]
        profile = (work_dir / "profile").as_uri()
        try:
            result = subprocess.run(
                [program, "--headless", "--norestore", f"-env:UserInstallation={profile}",
                 "--convert-to", "pdf", "--outdir", str(work_dir / "pdf"), *map(str, sources)],
                capture_output=True, text=True, timeout=TIMEOUT_S)
        except (OSError, subprocess.TimeoutExpired) as error:
            raise InputError("pdf_failed", detail=str(error)[-200:]) from None
        written = []
        for sheet, source in zip(sheets, sources, strict=True):
            made = work_dir / "pdf" / f"{source.stem}.pdf"
            if result.returncode != 0 or not made.exists():
                raise InputError("pdf_failed", detail=(result.stderr or result.stdout)[-200:])
            target = out_dir / f"{stem} {sheet.name}.pdf"
            try:
                shutil.move(made, target)
            except OSError:
                raise InputError("cannot_write", name=target.name, folder=str(out_dir)) from None
            written.append(target)
    return written


def _single_sheet_book(sheet: SheetSpec, path: Path) -> Path:
    base = path.with_suffix(".base.xlsx")
    workbook = Workbook()
    workbook.active.title = sheet.name  # replaced in place by our sheet
    workbook.save(base)
    write_owned_sheets(base, path, [sheet])
    return path
