"""One benchmark step in a child process: its wall time and its peak resident memory.

Shared by the benchmarks that measure memory (``bench_large.py``, ``bench_consolidate.py``). The
parent that starts the children should stay small: a child starts as a copy of its parent, and
Linux counts that copy in the child's peak (``ru_maxrss`` survives ``exec``), so a parent grown
large would show its own size as the peak of every smaller child.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent  # the tree whose ubsheets is measured


def run_child(args: list[str], folder: Path) -> tuple[float, float, Path]:
    """One child process, ``python ARGS`` in ``folder``: its wall time, its peak resident memory in
    MB and the file that holds what it printed. Exit codes 0 and 1 (errors found) are both a
    finished run; any other ends the benchmark with the child's error output."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    printed = folder / "stdout.txt"
    with printed.open("w", encoding="utf-8") as stdout, (folder / "stderr.txt").open("w") as stderr:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, *args], cwd=folder, env=env, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(child.pid, 0)  # reaped here, with its resource usage
        seconds = time.perf_counter() - start
    child.returncode = code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        sys.exit(f"{' '.join(args)} failed ({code}):\n{(folder / 'stderr.txt').read_text()}")
    return seconds, usage.ru_maxrss / 1024, printed  # ru_maxrss is in KiB on Linux
