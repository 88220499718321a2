"""Render the home-sheet pictures of docs/excel.md as LibreOffice draws them.

    python docs/render_pictures.py

For each picture: ``ubsheets new`` makes the workbook (a school's for the academic year 2020-2021,
so the picture does not change with the date; or a district's), LibreOffice (``soffice``) prints
it to PDF, and poppler's ``pdftoppm`` cuts the first page's drawn area out at 80 dpi into
``docs/``. The buttons are set not to print (``<x:PrintObject>False``, as Excel stores them), so
the copy that is printed here has them made printable; nothing else is changed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

DOCS = Path(__file__).resolve().parent
DPI, MARGIN = 80, 12
# picture → the arguments of `ubsheets new`
PICTURES = {"excel-home-ky.png": ["--lang", "ky", "--year", "2020-2021"],
            "excel-home-ru.png": ["--lang", "ru", "--year", "2020-2021"],
            "excel-district-home.png": ["--lang", "ky", "--district"]}


def printable_buttons(src: Path, dst: Path) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename.endswith(".vml"):
                data = data.replace(b"<x:PrintObject>False</x:PrintObject>", b"<x:PrintObject>True</x:PrintObject>")
            zout.writestr(info, data)


def drawn_box(ppm: Path) -> tuple[int, int, int, int]:
    """x, y, width, height of the non-white pixels of a binary PPM (P6, 8-bit), with a margin."""
    data = ppm.read_bytes()
    magic, *size = data.split(maxsplit=4)[:3]
    assert magic == b"P6", magic
    width, height = (int(n) for n in size)
    pixels = data[len(data) - width * height * 3:]
    left, right, rows = width, 0, []
    for y in range(height):
        row = pixels[y * width * 3:(y + 1) * width * 3]
        ink = row.lstrip(b"\xff")
        if ink:
            rows.append(y)
            left = min(left, (len(row) - len(ink)) // 3)
            right = max(right, (len(row.rstrip(b"\xff")) - 1) // 3)
    x, y = max(left - MARGIN, 0), max(rows[0] - MARGIN, 0)
    return x, y, min(right + MARGIN, width - 1) - x + 1, min(rows[-1] + MARGIN, height - 1) - y + 1


def render(picture: str, new_args: list[str], work: Path) -> Path:
    book = work / f"{Path(picture).stem}.xlsm"
    subprocess.run([sys.executable, "-m", "ubsheets", "new", str(book), *new_args],
                   check=True, stdout=subprocess.DEVNULL)
    printed = work / "print" / book.name
    printed.parent.mkdir(exist_ok=True)
    printable_buttons(book, printed)
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(work), str(printed)],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    pdf, page = work / f"{book.stem}.pdf", ["-r", str(DPI), "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run(["pdftoppm", *page, str(pdf), str(work / "page")], check=True)
    x, y, w, h = drawn_box(work / "page.ppm")
    out = DOCS / picture
    subprocess.run(["pdftoppm", "-png", *page, "-x", str(x), "-y", str(y), "-W", str(w), "-H", str(h),
                    str(pdf), str(out.with_suffix(""))], check=True)
    return out


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="ubsheets-pictures-") as folder:
        for picture, new_args in PICTURES.items():
            print(render(picture, new_args, Path(folder)))


if __name__ == "__main__":
    main()
