"""Many files, each read on its own: spread over the machine's cores, results in input order.

Reading and validating a school's workbook is ~5 ms of Python per file, and python-calamine
holds the GIL only part of that time, so threads gain little: worker processes do. They pay
only for many files: starting a worker costs ~10 ms where it forks (Linux) and ~0.3 s where it
spawns (Windows, macOS: a fresh interpreter imports ubsheets), and every result crosses back
pickled. So a few files are read here, in this process (NOTES.md measured 500 files of
calamine alone gaining 5 % from two processes: there the work per file was too small).

The caller's function runs in the workers as it would here: it must be picklable (a module-level
function, or a ``functools.partial`` of one) and so must its results. A worker that dies (killed,
out of memory) is not the file's fault: the files are then read here instead, from where the
workers stopped, so the outcome is the same, only slower.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

Item = TypeVar("Item")
Result = TypeVar("Result")

# Below this many files, one process: a worker's start and the pickling would eat the gain.
POOL_FROM_FILES = 48
# Files handed to a worker at a time: fewer round trips, and still a steady progress bar.
CHUNK_FILES = 8


def worker_count(files: int) -> int:
    """Processes worth starting for ``files`` files: one per core, none for a few files."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return min(cores, 8) if files >= POOL_FROM_FILES and cores > 1 else 1


def ordered_map(work: Callable[[Item], Result], items: list[Item], workers: int | None = None
                ) -> Iterator[Result]:
    """``work(item)`` for each item, yielded in the items' order as soon as each is ready."""
    count = worker_count(len(items)) if workers is None else workers
    if count <= 1:
        yield from map(work, items)
        return
    done = 0
    try:
        with ProcessPoolExecutor(max_workers=count) as pool:
            for result in pool.map(work, items, chunksize=CHUNK_FILES):
                yield result
                done += 1
    except (BrokenProcessPool, OSError, NotImplementedError):
        # No pool here (no /dev/shm, a sandbox without semaphores) or a worker died: the rest
        # is read in this process.
        yield from map(work, items[done:])
