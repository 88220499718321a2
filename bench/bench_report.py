"""How long a regeneration takes on a big workbook, against a bare openpyxl load + save.

Builds ``ubsheets demo --members 1000`` (one school) in a temp folder, then times, each on a fresh
copy of that workbook and as the median of ``--runs`` runs:

* ``actions.report_file(path, every period)``: the library call behind ``ubsheets report --all``;
* ``actions.summarize_file(path)``: ``ubsheets summarize``;
* ``actions.validate_file(path)``: ``ubsheets validate`` (it writes its sheet);
* ``openpyxl.load_workbook(path)`` + ``save(path)``: the baseline, what a naive regeneration costs.

Target: every regeneration ≤ 0.5 × the baseline. ``--profile`` adds a cProfile of report --all.

    python bench/bench_report.py [--members 1000] [--runs 3] [--profile]
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import os
import pstats
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import openpyxl
from baseline import BASELINE, describe, openpyxl_load_save

from ubsheets import actions
from ubsheets.core import periods

TARGET_RATIO = 0.5
EVERY_PERIOD = periods.chooser(None, None, False, True)  # report --all: each month and the year


def build_demo(folder: Path, members: int) -> Path:
    """``ubsheets demo`` through the CLI, as a user builds it (it also writes the validation sheet)."""
    result = subprocess.run(
        [sys.executable, "-m", "ubsheets", "demo", str(folder), "--schools", "1", "--members", str(members),
         "--lang", "ky"],
        capture_output=True, text=True)
    if result.returncode not in (0, 1):  # 1: the demo's deliberate mistakes were found
        sys.exit(f"ubsheets demo failed:\n{result.stdout}{result.stderr}")
    return folder / "school-01.xlsx"


def time_runs(source: Path, work: Path, operations: dict[str, Callable[[Path], object]],
              runs: int) -> dict[str, list[float]]:
    """Each operation timed ``runs`` times, each time on a fresh copy of ``source`` in a folder of
    its own (no earlier run's .bak or temp file around); the copy is not timed. The operations take
    turns round by round, so a busy machine slows them all alike and the ratios hold."""
    times: dict[str, list[float]] = {name: [] for name in operations}
    for number in range(runs):
        for index, (name, operation) in enumerate(operations.items()):
            folder = work / f"run{number}-op{index}"
            folder.mkdir()
            path = Path(shutil.copy2(source, folder / source.name))
            gc.collect()  # the previous operation's garbage is not this one's cost
            start = time.perf_counter()
            operation(path)
            times[name].append(time.perf_counter() - start)
    return times


def report_all(path: Path) -> None:
    actions.report_file(path, EVERY_PERIOD)


def summarize(path: Path) -> None:
    actions.summarize_file(path)


def validate(path: Path) -> None:
    actions.validate_file(path)


OPERATIONS: dict[str, Callable[[Path], object]] = {
    BASELINE: openpyxl_load_save,
    "report --all (actions.report_file)": report_all,
    "summarize (actions.summarize_file)": summarize,
    "validate (actions.validate_file)": validate,
}


def print_table(results: dict[str, list[float]], baseline: float) -> bool:
    width = max(len(name) for name in results)
    print(f"{'operation':<{width}}  {'median s':>8}  {'runs (s)':<24}  {'× baseline':>10}  target ≤ {TARGET_RATIO}")
    met = True
    for name, times in results.items():
        median = statistics.median(times)
        ratio = median / baseline
        runs = " ".join(f"{t:.3f}" for t in times)
        if name == BASELINE:
            verdict = "(baseline)"
        else:
            ok = ratio <= TARGET_RATIO
            met &= ok
            verdict = "met" if ok else "NOT met"
        print(f"{name:<{width}}  {median:>8.3f}  {runs:<24}  {ratio:>10.2f}  {verdict}")
    return met



def profile_report(source: Path, work: Path, top: int = 25) -> None:
    folder = work / "profile"
    folder.mkdir()
    path = Path(shutil.copy2(source, folder / source.name))
    profiler = cProfile.Profile()
    profiler.enable()
    report_all(path)
    profiler.disable()
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).strip_dirs().sort_stats(order).print_stats(top)
        print(f"\n--- cProfile of report --all, by {order} ---")
        print(out.getvalue().split("\n", 4)[-1].rstrip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=1000, help="members of the one demo school")
    parser.add_argument("--runs", type=int, default=3, help="runs per operation; the median is shown")
    parser.add_argument("--profile", action="store_true", help="also cProfile one report --all")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ubsheets-bench-") as temp:
        work = Path(temp)
        start = time.perf_counter()
        source = build_demo(work / "demo", args.members)
        print(f"demo built in {time.perf_counter() - start:.1f} s — {describe(source)}")
        print(f"Python {sys.version.split()[0]}, openpyxl {openpyxl.__version__}, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}; median of {args.runs} runs, each on a fresh copy\n")
        results = time_runs(source, work, OPERATIONS, args.runs)
        met = print_table(results, statistics.median(results[BASELINE]))
        print(f"\nregeneration ≤ {TARGET_RATIO} × load+save: {'met' if met else 'NOT met'}")
        if args.profile:
            profile_report(source, work)


if __name__ == "__main__":
    main()
