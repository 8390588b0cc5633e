"""Work on the other cores: one function run in a child process while the caller goes on
(`Pending`), and one function mapped over many items on every core (`parallel_map`).

`mkdocs build` is one process on one core, and some of its work depends only on the library: the
site-search index (search.static.PendingSiteSearch), the similar practices (search.related.similar_ids)
and the share images are computed in a child meanwhile, and collected when they are needed
(lumbung.build). Loading a large library and indexing it map one function over thousands of files.

Children are always spawned, never forked: MkDocs may run the build in a thread (tests, serve), and
a fork from a thread is not safe. A spawned child imports what it runs afresh (about 0.4 s), so
`parallel_map` keeps this process working too while the children start.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.connection import Connection
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
PARALLEL_THRESHOLD = 400  # items below which starting worker processes costs more than it saves
_CHUNKS_PER_WORKER = 8  # small chunks: the work stays balanced while a child is still starting


def _run(conn: Connection, fn: Callable[..., Any], args: tuple) -> None:
    try:
        conn.send(("ok", fn(*args)))
    except BaseException as exc:  # reported by Pending.result in the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


class Pending:
    """fn(*args) in a child process started now; result() waits for what it returns.

    The child is spawned, not forked: MkDocs may run the build in a thread (tests, serve), and a fork
    from a thread is not safe. The arguments are pickled to the child once (a library of 5,000
    practices in 0.2 s), and the result back.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any) -> None:
        ctx = multiprocessing.get_context("spawn")
        self._conn, child = ctx.Pipe(duplex=False)
        self.process = ctx.Process(target=_run, args=(child, fn, args), daemon=True)
        self.process.start()
        child.close()

    def result(self) -> Any:
        """What fn returned; raises RuntimeError with the child's error if it failed."""
        try:
            status, value = self._conn.recv()
        except EOFError:  # the child died without a word (killed, out of memory)
            self.process.join()
            status, value = "error", f"exit code {self.process.exitcode}"
        finally:
            self._conn.close()
            self.process.join()
        if status != "ok":
            raise RuntimeError(value)
        return value

    def cancel(self) -> None:
        """Stop the child, if it still runs."""
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()
        self._conn.close()


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def parallel_map(
    fn: Callable[..., list[R]],
    items: Sequence[T],
    *args: Any,
    workers: int | None = None,
    threshold: int = PARALLEL_THRESHOLD,
) -> list[R]:
    """fn(chunk, *args) over chunks of `items`, on every core: the results of all chunks in order.

    `fn` takes a list and returns a list, and must be a module-level function: children are spawned
    and import it. Below `threshold` items, or with one worker, fn runs here on all of them. This
    process takes chunks from the end while `workers - 1` children take them from the start, so
    nothing waits for a child that is slow to start.
    """
    workers = workers if workers is not None else cores()
    if len(items) < threshold or workers < 2:
        return fn(list(items), *args)
    size = max(1, -(-len(items) // (workers * _CHUNKS_PER_WORKER)))
    chunks = [list(items[i : i + size]) for i in range(0, len(items), size)]
    done: list[list[R] | None] = [None] * len(chunks)
    with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("spawn")) as pool:
        futures: list[Future] = [pool.submit(fn, chunk, *args) for chunk in chunks]
        for k in reversed(range(len(chunks))):
            if not futures[k].cancel():  # a child has it already: the rest is theirs
                break
            done[k] = fn(chunks[k], *args)
        out: list[R] = []
        for chunk, mine, future in zip(chunks, done, futures, strict=True):
            if mine is None:
                try:
                    mine = future.result()
                except BrokenProcessPool:
                    # A child could not start or died: a script that imports us without an
                    # `if __name__ == "__main__":` guard is run again by each spawned child, and
                    # fails there. The work is done here instead.
                    mine = fn(chunk, *args)
            out += mine
        return out
