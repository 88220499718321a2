"""Shared fixtures: LibreOffice as the independent spreadsheet client."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice")
needs_libreoffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed")


@pytest.fixture(scope="session")
def libreoffice(tmp_path_factory):
    """``convert(path, fmt, outdir) -> Path``: LibreOffice opens ``path`` and saves it as ``fmt``.

    One profile per test session, so a user's own LibreOffice (or a parallel run) cannot lock it.
    """
    profile = tmp_path_factory.mktemp("lo-profile")

    def convert(path: Path, fmt: str, outdir: Path) -> Path:
        result = subprocess.run(
            [SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
             "--convert-to", fmt, "--outdir", str(outdir), str(path)],
            capture_output=True, text=True, timeout=180)
        target = outdir / f"{path.stem}.{fmt.split(':')[0]}"
        assert result.returncode == 0 and target.exists(), result.stdout + result.stderr
        return target

    return convert
