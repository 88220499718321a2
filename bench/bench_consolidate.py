"""Consolidation: ``consolidate_files`` against a naive pandas loop and the reading floor, then its
cost per workbook as the number of workbooks grows.

In one run, each step in a child process of its own (``child.run_child``: wall time and peak
resident memory), so that this process stays small and no step's memory shows in another's:

1. Generates the inputs: ``ubsheets demo DIR --schools N`` (``write_demo``, timed), then copies of
   those workbooks with the school's name varied (the settings sheet's XML edited inside a zip
   copy, not through openpyxl; one copy is read back with ``read_book`` to check the new name), up
   to the largest set. The sets of 1,000 and 3,000 workbooks are hard links of those files.
2. On the N demo workbooks: the naive loop (pandas ``read_excel`` with openpyxl for every register
   sheet of every file, ``concat`` per register, ``to_excel`` of the combined frames into one
   workbook), the reading floor (python-calamine merely reading every sheet of every file into
   Python lists) and ``consolidate_files``; prints consolidate's ratio to each.
3. The floor and ``consolidate_files`` on every set: seconds per workbook and peak memory, and the
   extrapolation to ``TARGET_FILES`` workbooks.

The seconds compared are those of the work itself, measured inside the child after its imports
(the child's wall time, imports included, is shown too).

    python bench/bench_consolidate.py            # 300 demo schools; sets of 300, 1,000, 3,000
    python bench/bench_consolidate.py --quick    # 60 demo schools; sets of 60, 200, 600
"""

from __future__ import annotations

import argparse
import math
import os
import re
import sys
import tempfile
import time
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from child import run_child

SCRIPT = Path(__file__).resolve()
SCALE = (1, 10 / 3, 10)  # the sets, as multiples of the demo's schools: 300, 1,000, 3,000
TARGET_NAIVE = 15.0  # consolidate at least this many times faster than the naive loop
TARGET_FLOOR = 1.5  # and at most this many times the reading floor
TARGET_FILES, TARGET_SECONDS, TARGET_MB = 12_000, 120.0, 2048.0  # the republic, on 2 cores
NAIVE, FLOOR, CONSOLIDATE = "naive loop (pandas + openpyxl)", "reading floor (python-calamine)", "consolidate"
JOBS = {NAIVE: "naive", FLOOR: "floor", CONSOLIDATE: "consolidate"}
# The school's name in the demo's settings sheet: the value cell of its first row, an inline string.
SETTINGS_PART = "xl/worksheets/sheet1.xml"
SCHOOL_CELL = re.compile(rb'(<c r="B3"[^>]*t="inlineStr"[^>]*><is><t[^>]*>)([^<]*)(</t>)')


# ---------------------------------------------------------------- the jobs, run in the children


def workbooks(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.xlsx"))


def job_generate(directory: Path, schools: int, sizes: list[int]) -> None:
    """The demo's workbooks, then copies with the school renamed, then one folder per set."""
    from ubsheets.demo.files import write_demo

    start = time.perf_counter()
    base = write_demo(directory / "base", schools=schools)
    print(f"demo: ubsheets demo --schools {schools} in {time.perf_counter() - start:.1f} s")
    start = time.perf_counter()
    copies = write_copies(base, directory / "copies", math.ceil(max(sizes) / schools) - 1)
    print(f"copies: {len(copies):,} workbooks with the school renamed in {time.perf_counter() - start:.1f} s")
    ordered = base + copies
    for size in sizes:
        folder = directory / f"set-{size}"
        folder.mkdir()
        for path in ordered[:size]:
            os.link(path, folder / path.name)
    if copies:
        print(f"check: {verify_copy(copies[0])}")


def write_copies(base: list[Path], folder: Path, rounds: int) -> list[Path]:
    """``rounds`` copies of each workbook, round by round (the first copy of every school, then the
    second...), each school read once. Every entry but the settings sheet is written unchanged."""
    folder.mkdir()
    by_round: list[list[Path]] = [[] for _ in range(rounds)]
    for path in base:
        with zipfile.ZipFile(path) as source:
            entries = [(info, source.read(info)) for info in source.infolist()]
        for number in range(1, rounds + 1):
            copy = folder / f"{path.stem}-copy{number:02d}.xlsx"
            with zipfile.ZipFile(copy, "w", zipfile.ZIP_DEFLATED) as target:
                for info, data in entries:
                    target.writestr(info, renamed_school(data, number) if info.filename == SETTINGS_PART else data)
            by_round[number - 1].append(copy)
    return [path for paths in by_round for path in paths]


def renamed_school(settings: bytes, number: int) -> bytes:
    """The settings sheet with `` №{number + 1}`` after the school's name."""
    edited, count = SCHOOL_CELL.subn(lambda m: m[1] + m[2] + f" №{number + 1}".encode() + m[3], settings, 1)
    if count != 1:
        sys.exit(f"no school name at B3 of {SETTINGS_PART}: the demo's settings sheet has changed")
    return edited


def verify_copy(copy: Path) -> str:
    """``read_book`` sees the copy's new school name (the value next to the first setting)."""
    from ubsheets.io.reader import read_book

    settings = read_book(copy).tables["settings"].rows
    name = str(settings[0].values.get("value"))
    if not name.endswith(" №2"):
        sys.exit(f"read_book reads the school of {copy.name} as {name!r}: the copy was not renamed")
    return f"read_book reads {copy.name}'s school as {name!r}"


def job_naive(folder: Path, output: Path) -> None:
    """What one would write with pandas: every register sheet of every file through openpyxl,
    one frame per register, one workbook of the combined frames."""
    import warnings

    import pandas as pd

    from ubsheets.schema import ALL_TABLES

    warnings.simplefilter("ignore")  # openpyxl: "Data Validation extension is not supported" and kin
    register_of = {name: reg.key for reg in reversed(ALL_TABLES) for name in (reg.sheet.ky, reg.sheet.ru)}
    start = time.perf_counter()
    frames: dict[str, list[pd.DataFrame]] = {}
    columns: dict[str, list[str]] = {}
    for path in workbooks(folder):
        with pd.ExcelFile(path, engine="openpyxl") as book:
            for sheet in book.sheet_names:
                if sheet not in register_of:
                    continue
                frame = pd.read_excel(book, sheet_name=sheet, header=1)  # the title is row 1
                key = register_of[sheet]
                names = columns.setdefault(key, list(frame.columns))
                if len(names) == len(frame.columns):  # the same template in Kyrgyz and Russian
                    frame.columns = names
                frame.insert(0, "school", path.stem)
                frames.setdefault(key, []).append(frame)
    rows = 0
    with pd.ExcelWriter(output, engine="openpyxl") as writer:
        for key, parts in frames.items():
            combined = pd.concat(parts, ignore_index=True)
            combined.to_excel(writer, sheet_name=key, index=False)
            rows += len(combined)
    print(f"seconds {time.perf_counter() - start:.3f}")
    print(f"rows {rows}")


def job_floor(folder: Path) -> None:
    """The least any reader of these files must do: every sheet of every file into Python lists."""
    from python_calamine import CalamineWorkbook

    start = time.perf_counter()
    cells = 0
    for path in workbooks(folder):
        book = CalamineWorkbook.from_path(str(path))
        for name in book.sheet_names:
            cells += sum(map(len, book.get_sheet_by_name(name).to_python()))
    print(f"seconds {time.perf_counter() - start:.3f}")
    print(f"cells {cells}")


def job_consolidate(folder: Path, output: Path) -> None:
    """``consolidate_files`` as the CLI calls it, or ``missing`` while it does not exist yet."""
    try:
        from ubsheets.actions import consolidate_files
    except ImportError:
        print("missing")
        return
    import resource

    from ubsheets.io.parallel import worker_count

    files = workbooks(folder)
    start = time.perf_counter()
    result = consolidate_files(files, output)
    print(f"seconds {time.perf_counter() - start:.3f}")
    statuses = Counter(file.status for file in result.files)  # "ok", "duplicate", "failed"
    for status, count in sorted(statuses.items()):
        print(f"{status} {count}")
    # The worker processes' memory adds to this process's: the largest worker's peak (Linux:
    # RUSAGE_CHILDREN gives the largest child's) counted once per worker, over this one's own.
    workers = worker_count(len(files))
    if workers > 1:
        own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"workers {workers}")
        print(f"all_processes_mb {own + workers * worker:.0f}")


def run_job(argv: list[str]) -> None:
    name, *rest = argv
    if name == "generate":
        job_generate(Path(rest[0]), int(rest[1]), [int(size) for size in rest[2:]])
    elif name == "naive":
        job_naive(Path(rest[0]), Path(rest[1]))
    elif name == "floor":
        job_floor(Path(rest[0]))
    elif name == "consolidate":
        job_consolidate(Path(rest[0]), Path(rest[1]))
    else:
        sys.exit(f"unknown job {name}")


# ---------------------------------------------------------------- the parent: starts and prints


@dataclass
class Measure:
    """One job on one set: the work's seconds (None: not available), wall seconds, peak MB."""

    files: int
    seconds: float | None
    wall: float
    peak: float
    note: str = ""
    did: str = ""  # what else the job counted: "49,642 rows", "300 ok"

    def per_file_ms(self) -> float | None:
        return None if self.seconds is None else 1000 * self.seconds / self.files


def measure(job: str, folder: Path, files: int, work: Path) -> Measure:
    """``job`` on the workbooks in ``folder``, in a child process in a folder of its own."""
    run = work / f"run-{job}-{files}"
    run.mkdir()
    args = [str(SCRIPT), "--job", job, str(folder)]
    if job != "floor":
        args.append(str(run / "combined.xlsx"))
    wall, peak, printed = run_child(args, run)
    said = dict(line.partition(" ")[::2] for line in printed.read_text(encoding="utf-8").splitlines())
    if "seconds" in said:
        if "all_processes_mb" in said:  # consolidate's workers: their memory counts too
            peak = max(peak, float(said.pop("all_processes_mb")))
        did = ", ".join(f"{int(value):,} {key}" for key, value in said.items() if key != "seconds")
        return Measure(files, float(said["seconds"]), wall, peak, did=did)
    errors = (run / "stderr.txt").read_text(encoding="utf-8").strip().splitlines()
    note = "not available yet" if "missing" in said else f"failed: {errors[-1] if errors else 'no output'}"
    return Measure(files, None, wall, peak, note)


def print_comparison(measures: dict[str, Measure]) -> bool:
    files = measures[FLOOR].files
    print(f"\n{files} demo workbooks, each job in a child process:")
    width = max(map(len, measures))
    print(f"{'job':<{width}}  {'work s':>7}  {'wall s':>7}  {'ms/book':>7}  {'peak MB':>7}  done")
    for name, found in measures.items():
        if found.seconds is None:
            print(f"{name:<{width}}  {'—':>7}  {found.wall:>7.2f}")
            continue
        print(f"{name:<{width}}  {found.seconds:>7.2f}  {found.wall:>7.2f}  {found.per_file_ms():>7.1f}  "
              f"{found.peak:>7.0f}  {found.did}")
    ours = measures[CONSOLIDATE].seconds
    if ours is None:
        print(f"consolidate: {measures[CONSOLIDATE].note}")
        return False
    faster = (measures[NAIVE].seconds or 0) / ours
    of_floor = ours / (measures[FLOOR].seconds or math.inf)
    print(f"consolidate is {faster:.1f}× faster than the naive loop (target ≥ {TARGET_NAIVE:.0f}×): "
          f"{'met' if faster >= TARGET_NAIVE else 'NOT met'}")
    print(f"consolidate takes {of_floor:.2f}× the reading floor (target ≤ {TARGET_FLOOR}×): "
          f"{'met' if of_floor <= TARGET_FLOOR else 'NOT met'}")
    return faster >= TARGET_NAIVE and of_floor <= TARGET_FLOOR


def print_scale(scale: dict[str, list[Measure]]) -> bool:
    print("\nper workbook as the sets grow (work seconds, peak memory):")
    print(f"{'job':<12}  {'books':>6}  {'work s':>7}  {'ms/book':>7}  {'peak MB':>7}")
    for name, found in scale.items():
        for one in found:
            if one.seconds is None:
                print(f"{JOBS[name]:<12}  {one.files:>6,}  {one.note}")
            else:
                print(f"{JOBS[name]:<12}  {one.files:>6,}  {one.seconds:>7.2f}  {one.per_file_ms():>7.2f}  "
                      f"{one.peak:>7.0f}")
    met = CONSOLIDATE in scale  # its line above says why it is missing
    for name, found in scale.items():
        met = extrapolate(JOBS[name], found) and met
    return met


def extrapolate(name: str, found: list[Measure]) -> bool:
    """``TARGET_FILES`` workbooks at the largest set's cost per workbook; the memory along the line
    through the two largest sets (what grows with the workbooks, above what does not)."""
    if any(one.seconds is None for one in found):
        print(f"{name}: {next(one.note for one in found if one.seconds is None)}")
        return False
    last, before = found[-1], found[-2]
    seconds = (last.per_file_ms() or 0) * TARGET_FILES / 1000
    slope = (last.peak - before.peak) / (last.files - before.files)
    peak = last.peak + max(slope, 0) * (TARGET_FILES - last.files)
    met = seconds < TARGET_SECONDS and peak < TARGET_MB
    print(f"{name}: {TARGET_FILES:,} workbooks ≈ {seconds:.0f} s and {peak:.0f} MB "
          f"({slope * 1024:.0f} KB more per workbook; target < {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MB): "
          f"{'met' if met else 'NOT met'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--schools", type=int, default=300, help="demo schools: the first set")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 60 demo schools")
    args = parser.parse_args()
    schools = 60 if args.quick else args.schools
    sizes = [round(schools * factor) for factor in SCALE]
    from importlib.metadata import version

    print(f"Python {sys.version.split()[0]}, pandas {version('pandas')}, openpyxl {version('openpyxl')}, "
          f"python-calamine {version('python-calamine')}, {os.cpu_count()} CPUs, "
          f"load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="ubsheets-bench-consolidate-") as temp:
        work = Path(temp)
        (work / "gen").mkdir()
        wall, peak, printed = run_child([str(SCRIPT), "--job", "generate", str(work / "data"), str(schools),
                                         *map(str, sizes)], work / "gen")
        print(printed.read_text(encoding="utf-8"), end="")
        print(f"inputs ready in {wall:.0f} s (peak {peak:.0f} MB)")
        sets = {size: work / "data" / f"set-{size}" for size in sizes}
        first = {name: measure(job, sets[schools], schools, work) for name, job in JOBS.items()}
        compared = print_comparison(first)
        # consolidate on the larger sets only when it ran on the first (another helper may be building it)
        growing = (FLOOR, CONSOLIDATE) if first[CONSOLIDATE].seconds is not None else (FLOOR,)
        scale = {name: [first[name]] + [measure(JOBS[name], sets[size], size, work) for size in sizes[1:]]
                 for name in growing}
        scaled = print_scale(scale)
        print(f"\ntargets: {'met' if compared and scaled else 'NOT met'}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--job"]:  # a child: python bench/bench_consolidate.py --job NAME ARGS
        run_job(sys.argv[2:])
    else:
        main()
