"""Misuse of the command line and unusual targets: one line in the user's language, exit 2."""

from __future__ import annotations

import copy
import os
import subprocess
import sys

import openpyxl
import pytest
from builders import ROWS, make_book


def run(*args, lang: str | None = None, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"}
    if lang:
        env["UBSHEETS_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "ubsheets", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("args, line", [
    (("validate",), "Ката: «book» көрсөтүлгөн жок. Жардам: ubsheets validate --help"),
    (("validate", "b.xlsx", "--bogus"),
     "Ката: мындай параметр жок: --bogus. Жардам: ubsheets validate --help"),
    (("report", "b.xlsx", "--month"),
     "Ката: --month үчүн маани жазылган жок. Жардам: ubsheets --help"),
    (("demo", "d", "--schools", "0"),
     "Ката: schools туура эмес (Input should be greater than or equal to 1). "
     "Жардам: ubsheets demo --help"),
])
def test_misuse_is_one_kyrgyz_line(tmp_path, args, line):
    result = run(*args, cwd=tmp_path)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", line + "\n")


def test_misuse_in_russian(tmp_path):
    result = run("validate", lang="ru", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2, "Ошибка: не указан «book». Справка: ubsheets validate --help\n")


def test_a_bare_command_shows_its_help(tmp_path):
    result = run(cwd=tmp_path)
    assert result.returncode == 0 and "Usage: ubsheets [OPTIONS] COMMAND" in result.stdout
    assert result.stderr == ""


def test_demo_into_a_file_is_refused_in_one_line(tmp_path):
    (tmp_path / "afile").write_text("mine", encoding="utf-8")
    result = run("demo", "afile", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        2, "Ката: «afile» папкасын түзүү мүмкүн болбоду (ушундай аттуу файл барбы?): башка "
           "папканын атын бериңиз.\n")
    assert (tmp_path / "afile").read_text(encoding="utf-8") == "mine"


def test_summaries_of_registers_with_errors_are_written_and_exit_1(tmp_path):
    members = copy.deepcopy(ROWS["members"])
    members[1]["weekly_hours"] = 45
    path = make_book(tmp_path / "b.xlsx", members=members)
    for args in (("summarize",), ("report", "--month", "2020-10")):
        result = run(args[0], path, *args[1:])
        assert result.returncode == 1
        assert result.stderr == ("Эскертүү: реестрлерде 1 ката бар; туура эмес уячалар эсепке "
                                 "алынган жок (ubsheets validate).\n")
    assert {"Жыйынтык", "Отчет 2020-10"} <= set(openpyxl.load_workbook(path).sheetnames)


def test_new_formats_whole_date_and_time_columns(tmp_path):
    assert run("new", "b.xlsx", cwd=tmp_path).returncode == 0
    wb = openpyxl.load_workbook(tmp_path / "b.xlsx")
    lessons, log = wb["Ачык сабактар"], wb["Аткарылган иштер"]
    assert lessons.column_dimensions["F"].number_format == "DD.MM.YYYY"  # Өтүлүүчү күн
    assert lessons.column_dimensions["E"].number_format == "General"  # Тема
    assert log.column_dimensions["D"].number_format == "HH:MM"  # Убакыт


def test_a_period_outside_the_academic_year_is_refused(tmp_path):
    path = make_book(tmp_path / "b.xlsx")
    before = path.read_bytes()
    result = run("report", path, "--month", "2019-10")
    assert (result.returncode, result.stdout, result.stderr) == (
        2, "", "Ката: 2019-10 мезгили окуу жылынан тышкары (01.09.2020 – 25.05.2021): жылды "
               "текшериңиз.\n")
    assert path.read_bytes() == before


def test_demo_shows_progress_on_a_terminal_only(tmp_path):
    import pty

    primary, secondary = pty.openpty()
    process = subprocess.Popen([sys.executable, "-m", "ubsheets", "demo", "d", "--schools", "3"],
                               cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=secondary)
    os.close(secondary)
    seen = b""
    while True:
        try:
            chunk = os.read(primary, 4096)
        except OSError:  # the terminal closed: the process is done
            break
        if not chunk:
            break
        seen += chunk
    assert process.wait(timeout=120) == 0
    assert "Демо-китептер жазылууда".encode() in seen
    piped = run("demo", "e", "--schools", "3", cwd=tmp_path)
    assert piped.returncode == 0 and piped.stderr == ""
