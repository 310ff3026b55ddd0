"""Own coding on several processes: the same rows in the same order as one process.

Documents are sent to worker processes in order-preserving batches; each worker builds its
own `Coder` once. Results come back in input order (`imap`), so `--jobs N` writes exactly
what `--jobs 1` writes.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from coder.document import Document, Skipped
from coder.events import Event
from coder.pipeline import Coder, Summary

_WORKER: Coder | None = None
BATCH = 16


def _start(options: dict[str, Any]) -> None:
    global _WORKER
    _WORKER = Coder(**options)


def _code_batch(batch: list[Document]) -> list[tuple[list[Event], int]]:
    assert _WORKER is not None
    return [_WORKER.code_document(document) for document in batch]


def _batches(documents: Iterable[Document | Skipped], size: int) -> Iterator[list[Document | Skipped]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def code_parallel(
    options: dict[str, Any], documents: Iterable[Document | Skipped], jobs: int, summary: Summary
) -> Iterator[list[Event]]:
    """Code documents on `jobs` processes, yielding each document's events in input order."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    started = time.perf_counter()
    pending: list[list[tuple[Document | Skipped, bool]]] = []

    def feed() -> Iterator[list[Document]]:
        for batch in _batches(documents, BATCH):
            admitted = [(d, summary.admit(d)) for d in batch]
            pending.append(admitted)
            yield [d for d, ok in admitted if ok]  # type: ignore[misc]

    with context.Pool(jobs, initializer=_start, initargs=(options,)) as pool:
        for results in pool.imap(_code_batch, feed()):
            coded = iter(results)
            for _, ok in pending.pop(0):
                if not ok:
                    yield []
                    continue
                events, sentences = next(coded)
                summary.add(len(events), sentences, time.perf_counter() - started)
                yield events
    summary.seconds = time.perf_counter() - started
