"""What ``pip install`` of a built wheel holds: every package of the source tree, and the VBA
sources of ``macros/`` (as ``ubsheets/macros``), with which the installed package builds a
macro-enabled workbook on its own: no checkout beside it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Built from a copy: a build in the checkout leaves build/ and *.egg-info behind.
    source, out = tmp_path_factory.mktemp("source"), tmp_path_factory.mktemp("wheel")
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for folder in ("ubsheets", "macros"):
        shutil.copytree(ROOT / folder, source / folder, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
                   check=True, capture_output=True)
    (built,) = out.glob("ubsheets-*.whl")
    return built


def test_the_wheel_holds_every_package_and_the_macros(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    packages = {path.parent.relative_to(ROOT).as_posix() for path in (ROOT / "ubsheets").rglob("__init__.py")}
    missing = sorted(p for p in packages if f"{p}/__init__.py" not in names)
    assert missing == [], "add these to [tool.setuptools] packages in pyproject.toml"
    sources = sorted(path.name for path in (ROOT / "macros").glob("*.bas"))
    assert sources and all(f"ubsheets/macros/{name}" in names for name in sources)


def test_the_installed_package_builds_the_buttons_vba(wheel, tmp_path):
    site = tmp_path / "site"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    book = tmp_path / "book.xlsm"
    code = ("import sys, ubsheets, ubsheets.vba as v; print(ubsheets.__file__); print(v.MACROS);"
            "from ubsheets.cli import main; sys.argv = ['ubsheets', 'new', sys.argv[1]]; main()")
    run = subprocess.run([sys.executable, "-c", code, str(book)], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    module, macros = run.stdout.splitlines()[:2]
    assert Path(module).is_relative_to(site) and Path(macros) == site / "ubsheets" / "macros"
    with zipfile.ZipFile(book) as package:
        assert "xl/vbaProject.bin" in package.namelist()
