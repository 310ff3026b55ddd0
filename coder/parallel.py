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
from dataclasses import fields
from itertools import islice
from typing import Any

from coder.document import Document, Skipped
from coder.events import Event
from coder.pipeline import Coder, Summary

_WORKER: Coder | None = None
BATCH = 64
_FIELDS = tuple(f.name for f in fields(Event))


def _start(options: dict[str, Any] | None) -> None:
    global _WORKER
    if options is not None:  # spawned workers build their own coder; forked ones inherit it
        _WORKER = Coder(**options)


def _code_batch(batch: list[Document]) -> list[tuple[list[tuple[object, ...]], int]]:
    """Code a batch; events travel back as plain tuples, which pickle about twice as fast."""
    assert _WORKER is not None
    out = []
    for document in batch:
        events, sentences = _WORKER.code_document(document)
        out.append(([_row(e) for e in events], sentences))
    return out


def _row(event: Event) -> tuple[object, ...]:
    return tuple(getattr(event, name) for name in _FIELDS)


def _batches(documents: Iterable[Document | Skipped], size: int) -> Iterator[list[Document | Skipped]]:
    iterator = iter(documents)
    while batch := list(islice(iterator, size)):
        yield batch


def code_parallel(
    options: dict[str, Any],
    documents: Iterable[Document | Skipped],
    jobs: int,
    summary: Summary,
    coder: Coder | None = None,
) -> Iterator[list[Event]]:
    """Code documents on `jobs` processes, yielding each document's events in input order.

    On Linux the workers are forked after `coder` (if given) is in place, so they share its
    compiled tables instead of building their own.
    """
    global _WORKER
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    initargs: tuple[dict[str, Any] | None] = (options,)
    if method == "fork" and coder is not None:
        _WORKER, initargs = coder, (None,)
    started = time.perf_counter()
    pending: list[list[tuple[Document | Skipped, bool]]] = []

    def feed() -> Iterator[list[Document]]:
        for batch in _batches(documents, BATCH):
            admitted = [(d, summary.admit(d)) for d in batch]
            pending.append(admitted)
            yield [d for d, ok in admitted if ok]  # type: ignore[misc]

    with context.Pool(jobs, initializer=_start, initargs=initargs) as pool:
        for results in pool.imap(_code_batch, feed()):
            coded = iter(results)
            for _, ok in pending.pop(0):
                if not ok:
                    yield []
                    continue
                rows, sentences = next(coded)
                events = [Event(*row) for row in rows]
                summary.add(len(events), sentences, time.perf_counter() - started)
                yield events
    summary.seconds = time.perf_counter() - started
