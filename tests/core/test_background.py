"""lumbung.background: a function in a spawned child process, its result or its error collected later."""

from __future__ import annotations

import time

import pytest

from lumbung.background import Pending


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
