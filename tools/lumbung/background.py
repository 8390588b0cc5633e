"""Work on the other core: a function run in a child process while the caller goes on.

`mkdocs build` is one process on one core, and some of its work depends only on the library: the
site-search index (sitesearch.PendingSiteSearch) and the related practices (similarity.related_ids)
are computed in a child meanwhile, and collected when they are needed.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from typing import Any


def _run(conn, fn: Callable[..., Any], args: tuple) -> None:
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
