"""Misuse of the command line and unusual targets: one line in the user's language, exit 2."""

from __future__ import annotations

import copy
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from builders import ROWS, make_book

from ubsheets import cli


def run(*args, lang: str | None = None, cwd=None):
    env = {k: v for k, v in os.environ.items() if k != "UBSHEETS_LANG"}
    if lang:
        env["UBSHEETS_LANG"] = lang
    return subprocess.run([sys.executable, "-m", "ubsheets", *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


# Every way of misusing the command line, and the one line it gets in each language.
MISUSES = [
    (("repot",), "мындай буйрук жок: repot; «report» болушу мүмкүн. Жардам: ubsheets --help",
     "нет такой команды: repot; возможно, «report». Справка: ubsheets --help"),
    (("xyz",), "мындай буйрук жок: xyz. Жардам: ubsheets --help",
     "нет такой команды: xyz. Справка: ubsheets --help"),
    (("validate",), "Китептин (файлдын) аты көрсөтүлгөн жок. Жардам: ubsheets validate --help",
     "Не указан файл книги. Справка: ubsheets validate --help"),
    (("demo",), "Папканын аты көрсөтүлгөн жок. Жардам: ubsheets demo --help",
     "Не указана папка. Справка: ubsheets demo --help"),
    (("demo", "d", "--schools", "x"),
     "--schools: 1 – 500 аралыгындагы бүтүн сан жазыңыз. Жардам: ubsheets demo --help",
     "--schools: нужно целое число от 1 до 500. Справка: ubsheets demo --help"),
    (("demo", "d", "--schools", "0"),
     "--schools: 1 – 500 аралыгындагы бүтүн сан жазыңыз. Жардам: ubsheets demo --help",
     "--schools: нужно целое число от 1 до 500. Справка: ubsheets demo --help"),
    (("demo", "d", "--members", "2.5"),
     "--members: 3 – 5000 аралыгындагы бүтүн сан жазыңыз. Жардам: ubsheets demo --help",
     "--members: нужно целое число от 3 до 5000. Справка: ubsheets demo --help"),
    (("demo", "d", "--lang", "en"), "--lang: ky же ru. Жардам: ubsheets demo --help",
     "--lang: ky или ru. Справка: ubsheets demo --help"),
    (("new", "b.xlsx", "--lang", "kz"), "--lang: ky же ru. Жардам: ubsheets new --help",
     "--lang: ky или ru. Справка: ubsheets new --help"),
    (("validate", "b.xlsx", "--bogus"),
     "мындай параметр жок: --bogus. Жардам: ubsheets validate --help",
     "нет такого параметра: --bogus. Справка: ubsheets validate --help"),
    (("validate", "b.xlsx", "--jsn"),
     "мындай параметр жок: --jsn; «--json» болушу мүмкүн. Жардам: ubsheets validate --help",
     "нет такого параметра: --jsn; возможно, «--json». Справка: ubsheets validate --help"),
    (("report", "b.xlsx", "--month"),
     "--month үчүн маани жазылган жок. Жардам: ubsheets report --help",
     "для --month не указано значение. Справка: ubsheets report --help"),
    (("validate", "b.xlsx", "--json=yes"),
     "--json үчүн маани жазылбайт. Жардам: ubsheets validate --help",
     "--json пишется без значения. Справка: ubsheets validate --help"),
    (("validate", "a.xlsx", "b.xlsx"), "ашыкча жазылган: b.xlsx. Жардам: ubsheets validate --help",
     "лишнее в команде: b.xlsx. Справка: ubsheets validate --help"),
]
# Words a line may hold in Latin letters: commands and options as typed, file names and kinds,
# the programs.
NAMES = re.compile(r"--[a-z-]+|\bubsheets\b|\b(?:new|demo|validate|summarize|report|repot|xyz)\b"
                   r"|\S+\.xlsx\b|\.xls[xm]\b|\bExcel\b|\b(?:ky|ru)\b")


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more that are not names: the CLI library's English."""
    return re.findall(r"[A-Za-z]{3,}", NAMES.sub(" ", text))


@pytest.mark.parametrize("args, kyrgyz, russian", MISUSES, ids=[" ".join(m[0]) for m in MISUSES])
def test_misuse_is_one_line_in_the_users_language(tmp_path, args, kyrgyz, russian):
    for lang, prefix, line in ((None, "Ката", kyrgyz), ("ru", "Ошибка", russian)):
        result = run(*args, lang=lang, cwd=tmp_path)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", f"{prefix}: {line}\n")
        assert english_words(result.stderr) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing was made


def test_the_english_check_sees_the_libraries_english():
    assert english_words("Ката: No such command 'repot'. Did you mean 'report'?.") == [
        "such", "command", "Did", "you", "mean"]
    assert english_words("Ката: schools туура эмес (Input should be a valid integer)") == [
        "schools", "Input", "should", "valid", "integer"]


def test_a_bare_command_shows_its_help_once(tmp_path):
    for lang, usage in ((None, "Колдонуу: ubsheets БУЙРУК [ПАРАМЕТРЛЕР]"),
                        ("ru", "Использование: ubsheets КОМАНДА [ПАРАМЕТРЫ]")):
        result = run(lang=lang, cwd=tmp_path)
        assert (result.returncode, result.stderr) == (0, "")
        assert result.stdout.count(usage) == 1
        assert result.stdout == run("--help", lang=lang, cwd=tmp_path).stdout


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
        assert result.stdout.splitlines()[-1] == "Барак жазылды: Текшерүү"
        assert result.stderr == ("Эскертүү: барактарда 1 ката бар; катасы бар саптар эсепке "
                                 "алынган жок («Текшерүү» барагы).\n")
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


# A BOOK that is not a file one can read: one line in the guard's words, before anything is done.
NOT_A_BOOK = [
    (("validate", "китептер"), "«китептер» файл эмес, папка: Excel файлын (.xlsx же .xlsm) тандаңыз.",
     "«китептер» — это папка, а не файл: выберите файл Excel (.xlsx или .xlsm)."),
    # "." and "" have no name of their own: the folder is named.
    (("summarize", "."), "«мектеп» файл эмес, папка: Excel файлын (.xlsx же .xlsm) тандаңыз.",
     "«мектеп» — это папка, а не файл: выберите файл Excel (.xlsx или .xlsm)."),
    (("report", "", "--all"), "«мектеп» файл эмес, папка: Excel файлын (.xlsx же .xlsm) тандаңыз.",
     "«мектеп» — это папка, а не файл: выберите файл Excel (.xlsx или .xlsm)."),
    # A named pipe: opening it to read would wait for a writer for ever.
    (("validate", "канал.xlsx"),
     "«канал.xlsx» кадимки файл эмес (канал же түзмөк): Excel файлын (.xlsx же .xlsm) тандаңыз.",
     "«канал.xlsx» — не обычный файл (канал или устройство): выберите файл Excel (.xlsx или "
     ".xlsm)."),
]


@pytest.mark.parametrize("args, kyrgyz, russian", NOT_A_BOOK, ids=[" ".join(m[0]) for m in NOT_A_BOOK])
def test_a_book_that_is_a_folder_or_a_pipe_is_one_line(tmp_path, args, kyrgyz, russian):
    school = tmp_path / "мектеп"
    (school / "китептер").mkdir(parents=True)
    os.mkfifo(school / "канал.xlsx")
    for lang, prefix, line in ((None, "Ката", kyrgyz), ("ru", "Ошибка", russian)):
        result = run(*args, lang=lang, cwd=school)
        assert (result.returncode, result.stdout, result.stderr) == (2, "", f"{prefix}: {line}\n")
        assert english_words(result.stderr) == []
    assert sorted(p.name for p in school.iterdir()) == ["канал.xlsx", "китептер"]  # no lock left
    assert list((school / "китептер").iterdir()) == []


def test_a_book_one_may_not_read_is_one_line(tmp_path, monkeypatch, capsys):
    """Tests run as root, who may read anything: the file is made unreadable the way a user's
    would be, to the access check and to opening it alike. The CLI library refused such a file
    itself, as a "bad value" of КИТЕП."""
    path = make_book(tmp_path / "б.xlsx")
    before = path.read_bytes()
    access, opening = os.access, io.open

    def denied(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return opening(file, *args, **kwargs)

    monkeypatch.setattr(os, "access", lambda file, mode, **kw: (
        False if Path(file) == path and mode & os.R_OK else access(file, mode, **kw)))
    monkeypatch.setattr(io, "open", denied)
    for lang, line in (("ky", "Ката: «б.xlsx» файлын окуу мүмкүн болбоду: аны ачууга укугуңуз бар "
                              "экенин текшериңиз."),
                       ("ru", "Ошибка: Не удалось прочитать файл «б.xlsx»: проверьте, что у вас "
                              "есть право его открывать.")):
        monkeypatch.setenv("UBSHEETS_LANG", lang)
        for command in (["validate", str(path)], ["report", str(path), "--all"]):
            monkeypatch.setattr(sys, "argv", ["ubsheets", *command])
            with pytest.raises(SystemExit) as exited:
                cli.main()
            printed = capsys.readouterr()
            assert (exited.value.code, printed.out, printed.err) == (2, "", line + "\n")
            assert english_words(printed.err) == []
    monkeypatch.undo()
    assert path.read_bytes() == before


def test_validate_shows_the_first_findings_and_counts_the_rest(tmp_path):
    """A register of a few thousand rows pasted from elsewhere can hold 100,000 findings: the
    terminal shows the first ones and says how many more there are; the validation sheet and
    --json hold every one."""
    shown = cli.SHOWN_FINDINGS
    lessons = [{**ROWS["open_lessons"][0], "no": n, "class": "7-A", "topic": f"Тема {n}"}
               for n in range(1, shown + 11)]  # a Latin A: one error in each row, D3, D4…
    path = make_book(tmp_path / "b.xlsx", open_lessons=lessons)
    cells = [f"D{line}" for line in range(3, shown + 13)]
    result = run("validate", "b.xlsx", cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.splitlines()[-3:] == [
        "… жана дагы 10 ката же эскертүү: толук тизме «Текшерүү» барагында жана --json менен "
        "чыгат.",
        f"Каталар: {shown + 10}, эскертүүлөр: 0.",
        "Текшерүүнүн натыйжасы «Текшерүү» барагына жазылды: b.xlsx"]
    assert [cell for cell in cells if re.search(rf"│ {cell} +│", result.stdout)] == cells[:shown]
    sheet = openpyxl.load_workbook(path)["Текшерүү"]
    assert [sheet.cell(row, 3).value for row in range(2, shown + 12)] == cells
    unwritten = run("validate", "b.xlsx", "--no-write", lang="ru", cwd=tmp_path)
    assert unwritten.stdout.splitlines()[-2:] == [
        "… и ещё 10 замечаний: полный список — в выводе --json.",
        f"Ошибок: {shown + 10}, предупреждений: 0."]
    printed = run("validate", "b.xlsx", "--json", "--no-write", cwd=tmp_path)
    assert [issue["cell"] for issue in json.loads(printed.stdout)["issues"]] == cells
