"""Running an import hook's pure preparation (claim extraction) over a batch of texts, in this
process or in a pool of worker processes, one per core.

Nothing here touches Django: the worker processes import this module and the hook's `prepare`
function only (both free of models), so a worker starts fast and never opens a database
connection.
"""

from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass

# (body, language) -> what the hook stores for that text; pure, picklable by name.
Prepare = Callable[[str, str], object]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A hook's preparation of one text: its result, or the error that stopped it."""

    result: object = None
    error: str = ""  # "ExceptionType: message", for the import report
    seconds: float = 0.0  # CPU time it took, wherever it ran (for the benchmark's profile)


def prepare_all(prepare: Prepare, texts: Sequence[tuple[str, str]]) -> list[Prepared]:
    """Prepare each text; one that raises is an error of its own, never of its neighbours."""
    out = []
    for body, language in texts:
        began = time.process_time()
        try:
            result = prepare(body, language)
        except Exception as error:  # reported per article by the caller
            out.append(Prepared(error=f"{type(error).__name__}: {error}"))
        else:
            out.append(Prepared(result=result, seconds=time.process_time() - began))
    return out


class Preparer:
    """Prepares batches with a hook's `prepare`, in `workers` processes (serially when 1).

    `submit` hands a batch to the pool and returns at once, so that the next batch is being
    prepared while the caller writes the previous one to the database; `result` waits for it.
    Use as a context manager: the pool lives for one import run.
    """

    def __init__(self, prepare: Prepare, workers: int = 1) -> None:
        self.prepare = prepare
        self.workers = max(1, workers)
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Preparer:
        if self.workers > 1:
            self._pool = _new_pool(self.prepare, self.workers)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def submit(self, texts: Sequence[tuple[str, str]]) -> PendingBatch:
        if self._pool is None or not texts:
            return PendingBatch(self, texts, done=prepare_all(self.prepare, texts))
        # One chunk per worker and a few more, so that a long text does not leave a core idle.
        chunks = _chunks(list(texts), self.workers * 2)
        try:
            futures = [self._pool.submit(prepare_all, self.prepare, chunk) for chunk in chunks]
        except BrokenProcessPool:
            self._pool = None
            return PendingBatch(self, texts, done=prepare_all(self.prepare, texts))
        return PendingBatch(self, texts, futures=futures)


class PendingBatch:
    """A batch being prepared; `result()` is its preparations, in the order of its texts."""

    def __init__(
        self,
        preparer: Preparer,
        texts: Sequence[tuple[str, str]],
        *,
        done: list[Prepared] | None = None,
        futures: list[Future] | None = None,
    ) -> None:
        self._preparer = preparer
        self._texts = texts
        self._done = done
        self._futures = futures or []

    def result(self) -> list[Prepared]:
        if self._done is None:
            try:
                self._done = [p for future in self._futures for p in future.result()]
            except BrokenProcessPool:
                # A worker died (killed for memory, say): this batch is prepared here, and the
                # rest of the run goes on without the pool rather than failing every article.
                self._preparer._pool = None
                self._done = prepare_all(self._preparer.prepare, self._texts)
        return self._done


def _chunks(items: list, parts: int) -> list[list]:
    size = max(1, -(-len(items) // parts))
    return [items[i : i + size] for i in range(0, len(items), size)]


def _new_pool(prepare: Prepare, workers: int) -> ProcessPoolExecutor:
    """A pool whose workers fork from a fresh server process with the preparing module loaded
    (not from this process: it has database connections and perhaps threads)."""
    methods = multiprocessing.get_all_start_methods()
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__, prepare.__module__])
    else:
        context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)
