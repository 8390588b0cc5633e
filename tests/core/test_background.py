"""lumbung.background: a function in a spawned child process, its result or its error collected later;
one function mapped over many items on every core."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from lumbung.background import Pending, parallel_map


def _add(a: int, b: int) -> int:
    return a + b


def _fail(message: str) -> None:
    raise ValueError(message)


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "awake"


def test_result_is_what_the_child_returned():
    assert Pending(_add, 2, 3).result() == 5


def test_an_error_in_the_child_is_raised_in_the_parent_with_its_message():
    with pytest.raises(RuntimeError, match="ValueError: indeks rusak"):
        Pending(_fail, "indeks rusak").result()


def test_cancel_stops_a_running_child():
    pending = Pending(_sleep, 60)
    started = time.monotonic()
    pending.cancel()
    assert not pending.process.is_alive()
    assert time.monotonic() - started < 30


def test_a_child_that_dies_without_a_word_is_an_error():
    pending = Pending(_sleep, 60)
    pending.process.kill()
    with pytest.raises(RuntimeError, match="exit code -9"):
        pending.result()


# parallel_map: one function over many items on every core, in spawned children.

_MARK = "as imported"


def _where(items: list[int], pause: float) -> list[tuple[int, int, str]]:
    """Each item with the process that handled it and what that process sees of _MARK."""
    time.sleep(pause * len(items))
    return [(i, os.getpid(), _MARK) for i in items]


def _square_or_fail(items: list[int]) -> list[int]:
    if 13 in items:
        raise ValueError("item 13")
    return [i * i for i in items]


def test_parallel_map_keeps_the_order_and_uses_this_process_and_a_spawned_child(monkeypatch):
    # A forked child would see the parent's _MARK; a spawned one imports this module afresh.
    monkeypatch.setattr(sys.modules[__name__], "_MARK", "set in the parent")
    out = parallel_map(_where, list(range(64)), 0.03, workers=2, threshold=1)
    assert [i for i, _, _ in out] == list(range(64))
    marks = {pid: mark for _, pid, mark in out}
    assert marks.get(os.getpid()) == "set in the parent"  # this process took chunks too
    children = {pid for pid in marks if pid != os.getpid()}
    assert children and all(marks[pid] == "as imported" for pid in children)


def test_parallel_map_runs_from_a_thread_as_mkdocs_serve_builds():
    result: list = []
    thread = threading.Thread(
        target=lambda: result.append(parallel_map(_where, list(range(40)), 0.01, workers=2, threshold=1))
    )
    thread.start()
    thread.join(120)
    assert not thread.is_alive()
    assert [i for i, _, _ in result[0]] == list(range(40))


def test_parallel_map_below_the_threshold_stays_in_this_process():
    out = parallel_map(_where, list(range(10)), 0.0, workers=2, threshold=11)
    assert {pid for _, pid, _ in out} == {os.getpid()}


def test_parallel_map_raises_the_error_of_a_chunk():
    with pytest.raises(ValueError, match="item 13"):
        parallel_map(_square_or_fail, list(range(40)), workers=2, threshold=1)


UNGUARDED = """
from lumbung.background import parallel_map


def double(items):
    return [i * 2 for i in items]


print(sum(parallel_map(double, list(range(200)), workers=2, threshold=1)))
"""


def test_parallel_map_in_a_script_without_a_main_guard_still_finishes(tmp_path):
    # Each spawned child runs such a script again and fails while starting: the work is done here.
    script = tmp_path / "tanpa_penjaga.py"
    script.write_text(UNGUARDED, encoding="utf-8")
    tools = str(Path(__file__).resolve().parents[2] / "tools")
    done = subprocess.run(
        [sys.executable, str(script)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        env={**os.environ, "PYTHONPATH": tools},
    )
    assert (done.returncode, done.stdout.strip()) == (0, str(sum(i * 2 for i in range(200))))
