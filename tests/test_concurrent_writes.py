"""Two commands at once on one workbook (issue 7, item 3): each either lands, with its sheets in
the final file, or says it refused; none says "written" while its sheets are missing.

Real processes, repeated with different timings. Each command is slowed between reading the
workbook and writing it (the time a 100,000-row report takes), by a wrapper around the reader in
the subprocess itself: the shipped code has no hook for tests.
"""

from __future__ import annotations

import getpass
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from builders import make_book

from ubsheets.io.safe_write import BACKUP_SUFFIX

TRIALS = 10
# Runs ``ubsheets`` with a pause after the workbook was read: argv = [pause seconds, *arguments].
SLOW_READER = """
import sys, time
from ubsheets import actions, cli

pause, sys.argv = float(sys.argv[1]), ["ubsheets", *sys.argv[2:]]
read_book = actions.read_book

def read_then_pause(path):
    book = read_book(path)
    time.sleep(pause)
    return book

actions.read_book = read_then_pause
cli.main()
"""
REPORT_SHEETS = {f"Отчет {month}" for month in ("2020-09", "2020-10", "2021-05", "2020-2021")}
SUMMARY_SHEETS = {"Жыйынтык"}


def start(pause: float, *args: str) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"} | {"COLUMNS": "120"}
    return subprocess.Popen([sys.executable, "-c", SLOW_READER, str(pause), *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def sheet_names(path: Path) -> set[str]:
    import re

    workbook = zipfile.ZipFile(path).read("xl/workbook.xml").decode("utf-8")
    return set(re.findall(r'<sheet [^>]*name="([^"]+)"', workbook))


def refusals(book: Path) -> set[str]:
    """The lines a command that did not write may print (in Kyrgyz): the other run holds the
    workbook, or it was changed by the other run after this one read it."""
    owner = f"ubsheets ({getpass.getuser()})"
    return {
        f"Ката: «{book.name}» файлын азыр {owner} Excel же LibreOffice программасында ачып турат:"
        " файлды ошол жерде жаап, кайра аракет кылыңыз; эгер ал эч жерде ачык болбосо,"
        f" «.~lock.{book.name}#» кулпу файлы программа күтүлбөй жабылгандан калган, аны"
        " өчүрсөңүз болот.\n",
        f"Ката: «{book.name}» файлы ушул учурда башка программа тарабынан өзгөртүлдү (Excel,"
        " LibreOffice же башка ubsheets буйругу): ал өзгөрүүлөр жоголбошу үчүн ubsheets эч нерсе"
        " жазган жок; буйрукту кайра иштетиңиз.\n",
    }


@pytest.mark.skipif(os.name != "posix", reason="timing of two real processes, checked on POSIX")
def test_two_commands_at_once_never_lose_a_write_they_reported(tmp_path: Path) -> None:
    pristine = make_book(tmp_path / "pristine.xlsx").read_bytes()
    outcomes: list[tuple[str, str]] = []
    for trial in range(TRIALS):
        book = tmp_path / f"trial-{trial}" / "УБ.xlsx"
        book.parent.mkdir()
        book.write_bytes(pristine)
        # Both read the original; then the pauses decide who comes to write first and whether
        # the second is still reading, waiting or writing when the first one writes.
        report_pause, summary_pause = 0.05 * (trial % 5), 0.05 * ((trial * 3) % 5)
        report = start(report_pause, "report", str(book), "--all")
        summary = start(summary_pause, "summarize", str(book))
        final_sheets = None
        results = []
        for process, sheets in ((report, REPORT_SHEETS), (summary, SUMMARY_SHEETS)):
            out, err = process.communicate(timeout=120)
            results.append((process.returncode, out, err, sheets))
        final_sheets = sheet_names(book)
        for code, out, err, sheets in results:
            if code == 2:  # refused: one line, and it says so
                assert err in refusals(book), (trial, err)
                outcomes.append(("refused", "report" if sheets is REPORT_SHEETS else "summary"))
            else:  # it said "written": its sheets are in the final file
                assert (code, err) == (0, ""), (trial, code, err)
                assert "Барак жазылды" in out, (trial, out)
                assert sheets <= final_sheets, (trial, sorted(final_sheets))
                outcomes.append(("written", "report" if sheets is REPORT_SHEETS else "summary"))
        left = sorted(p.name for p in book.parent.iterdir())
        assert left == ["УБ.xlsx", "УБ.xlsx" + BACKUP_SUFFIX], (trial, left)  # no lock, no temp
    # The trials overlapped for real: commands were refused, and each kind of command landed.
    assert ("refused", "report") in outcomes or ("refused", "summary") in outcomes, outcomes
    assert {("written", "report"), ("written", "summary")} <= set(outcomes), outcomes
