"""Large registers: time and peak memory of the commands on ~100,000 rows and ~100,000 findings.

Builds two workbooks (``large_books``): a demo school scaled to ~``--rows`` register rows, and one
with ~``--findings`` findings (a mistake in nearly every row). Then, each in a child process of its
own on a fresh copy of the workbook, as a user runs them (``python -m ubsheets ...``, this tree's
package), ``--runs`` times each, the operations taking turns round by round:

* on the rows workbook: the baseline (``baseline.py``: openpyxl load + save of the same file),
  ``report --all``, ``summarize``, ``validate``;
* on the findings workbook: the baseline, ``validate`` (the terminal shows the first findings,
  the sheet gets all of them) and ``validate --json --no-write`` (all of them printed).

Prints the median seconds, each run, the ratio to the baseline of the same workbook and the peak
resident memory (``ru_maxrss`` of the child, from ``os.wait4``), and whether the targets hold:
``report --all`` of the rows workbook under ``TARGET_SECONDS`` and ``TARGET_MB``, and ``validate``
of the findings workbook too.

This process only starts the others: it builds nothing and loads no workbook. A child starts as a
copy of it, and Linux counts that copy's memory in the child's peak, so a large parent (as it was
when it built the workbooks itself) would show its own size as every small child's peak.

    python bench/bench_large.py [--rows 100000] [--findings 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from baseline import BASELINE  # a name: baseline.py imports openpyxl only where it is used
from child import BENCH, run_child

TARGET_SECONDS, TARGET_MB = 10.0, 400.0
REPORT_ALL, VALIDATE = "ubsheets report --all", "ubsheets validate"


@dataclass
class Operation:
    name: str
    args: list[str]  # after the Python executable; "{book}" stands for the copy's path
    runs: list[tuple[float, float]] = field(default_factory=list)  # (seconds, peak MB)

    def median(self) -> tuple[float, float]:
        return (statistics.median(s for s, _ in self.runs), statistics.median(m for _, m in self.runs))


def operations() -> dict[str, list[Operation]]:
    """The operations of each workbook, the baseline first."""
    baseline = [str(BENCH / "baseline.py"), "{book}"]
    cli = ["-m", "ubsheets"]
    return {
        "rows": [Operation(BASELINE, baseline), Operation(REPORT_ALL, [*cli, "report", "{book}", "--all"]),
                 Operation("ubsheets summarize", [*cli, "summarize", "{book}"]),
                 Operation(VALIDATE, [*cli, "validate", "{book}"])],
        "findings": [Operation(BASELINE, baseline), Operation(VALIDATE, [*cli, "validate", "{book}"]),
                     Operation("ubsheets validate --json --no-write",
                               [*cli, "validate", "{book}", "--json", "--no-write"])],
    }


def time_runs(books: dict[str, Path], plan: dict[str, list[Operation]], work: Path, runs: int) -> None:
    """Each operation ``runs`` times on a fresh copy of its workbook in a folder of its own (the copy
    is not timed); the operations take turns round by round, so a busy machine slows all alike."""
    for number in range(runs):
        for kind, ops in plan.items():
            for index, op in enumerate(ops):
                folder = work / f"run{number}-{kind}{index}"
                folder.mkdir()
                book = Path(shutil.copy2(books[kind], folder / books[kind].name))
                seconds, peak, _ = run_child([arg.replace("{book}", str(book)) for arg in op.args], folder)
                op.runs.append((seconds, peak))


def build(kind: str, path: Path, count: int, work: Path) -> str:
    """One workbook, built in a child process (``large_books.py``); what it printed about it."""
    folder = work / f"build-{kind}"
    folder.mkdir()
    _, _, printed = run_child([str(BENCH / "large_books.py"), kind, str(path), str(count)], folder)
    return printed.read_text(encoding="utf-8")


def print_table(title: str, ops: list[Operation]) -> None:
    base_seconds = ops[0].median()[0]
    width = max(len(op.name) for op in ops)
    print(f"\n{title}")
    print(f"{'operation':<{width}}  {'median s':>8}  {'runs (s)':<22}  {'× baseline':>10}  {'peak MB':>7}")
    for op in ops:
        seconds, peak = op.median()
        runs = " ".join(f"{s:.2f}" for s, _ in op.runs)
        print(f"{op.name:<{width}}  {seconds:>8.2f}  {runs:<22}  {seconds / base_seconds:>10.2f}  {peak:>7.0f}")


def verdict(name: str, op: Operation) -> bool:
    seconds, peak = op.median()
    met = seconds <= TARGET_SECONDS and peak <= TARGET_MB
    print(f"{name}: {seconds:.1f} s, {peak:.0f} MB (target ≤ {TARGET_SECONDS:.0f} s, ≤ {TARGET_MB:.0f} MB): "
          f"{'met' if met else 'NOT met'}")
    return met


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000, help="register rows of the first workbook")
    parser.add_argument("--findings", type=int, default=100_000, help="findings in the second workbook")
    parser.add_argument("--runs", type=int, default=3, help="runs per operation; the median is shown")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ubsheets-bench-large-") as temp:
        work = Path(temp)
        start = time.perf_counter()
        books = {"rows": work / "rows.xlsx", "findings": work / "findings.xlsx"}
        built = build("rows", books["rows"], args.rows, work) + \
            build("findings", books["findings"], args.findings, work)
        print(f"workbooks built in {time.perf_counter() - start:.0f} s:")
        print("".join(f"  {line}\n" for line in built.splitlines()), end="")
        findings = built.rpartition("finds ")[2].split()[0]
        print(f"Python {sys.version.split()[0]}, openpyxl {version('openpyxl')}, {os.cpu_count()} CPUs, "
              f"load average {os.getloadavg()[0]:.1f}; each operation in a child process on a fresh "
              f"copy, median of {args.runs} runs")
        plan = operations()
        time_runs(books, plan, work, args.runs)
        print_table(f"{books['rows'].name}: ~{args.rows:,} register rows", plan["rows"])
        print_table(f"{books['findings'].name}: {findings} findings", plan["findings"])
        print()
        report_ok = verdict(f"report --all, {books['rows'].name}", plan["rows"][1])
        validate_ok = verdict(f"validate, {books['findings'].name}", plan["findings"][1])
        print(f"targets: {'met' if report_ok and validate_ok else 'NOT met'}")


if __name__ == "__main__":
    main()
