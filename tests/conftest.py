"""Shared fixtures: LibreOffice as the independent spreadsheet client."""

from __future__ import annotations

import glob
import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """``convert(path, fmt, outdir) -> Path``: LibreOffice opens ``path`` and saves it as ``fmt``.

    ``path`` may also be a list of paths: one LibreOffice start converts them all (each start
    costs a second or more) and a list of what it wrote comes back, in the same order. A format
    that writes a file per sheet (CSV with sheet -1) gives ``stem-Sheet.csv`` files instead, and
    the path returned is where the single file would have been.

    One profile per test session, so a user's own LibreOffice (or a parallel run) cannot lock it.
    """
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(path: Path | list[Path], fmt: str, outdir: Path) -> Path | list[Path]:
        paths = list(path) if isinstance(path, list | tuple) else [path]
        result = subprocess.run(
            [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
             "--convert-to", fmt, "--outdir", str(outdir), *map(str, paths)],
            capture_output=True, text=True, timeout=180)
        extension = fmt.split(":")[0]
        targets = [outdir / f"{p.stem}.{extension}" for p in paths]
        for source, target in zip(paths, targets, strict=True):
            per_sheet = glob.glob(f"{glob.escape(str(outdir / source.stem))}-*.{extension}")
            assert result.returncode == 0 and (target.exists() or per_sheet), \
                result.stdout + result.stderr
        return targets if isinstance(path, list | tuple) else targets[0]

    return convert
