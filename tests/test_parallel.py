"""io.parallel: many files over worker processes, the results in the files' order."""

from __future__ import annotations

import os

from ubsheets.io.parallel import POOL_FROM_FILES, ordered_map, worker_count

PARENT = os.getpid()


def _square_and_where(number: int) -> tuple[int, bool]:
    return number * number, os.getpid() == PARENT


def _dies_in_a_worker(number: int) -> int:
    """A worker killed (as by the out-of-memory killer) at the fifth item; here it just works."""
    if number == 5 and os.getpid() != PARENT:
        os._exit(9)
    return number * number


def test_results_come_in_the_items_order_from_the_workers():
    results = list(ordered_map(_square_and_where, list(range(40)), workers=2))
    assert [square for square, _ in results] == [n * n for n in range(40)]
    assert not any(here for _, here in results)  # every item was read by a worker


def test_a_few_files_are_read_in_this_process():
    assert worker_count(POOL_FROM_FILES - 1) == 1
    assert all(here for _, here in ordered_map(_square_and_where, list(range(5))))


def test_a_dead_worker_costs_time_not_results():
    assert list(ordered_map(_dies_in_a_worker, list(range(40)), workers=2)) == [
        n * n for n in range(40)]
