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
from coder.export import Rendered, render
from coder.pipeline import Coder, Summary

_WORKER: Coder | None = None
_NAMES: dict[str, str] | None = None  # a worker's ACLED display names, built once
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


def _acled_batch(batch: list[Document]) -> list[tuple[list[dict[str, Any]], int]]:
    """Code a batch into ACLED rows (numbered and merged later, in order, by the parent)."""
    from coder.acled import batch_rows, country_names

    global _NAMES
    assert _WORKER is not None
    if _NAMES is None:
        _NAMES = country_names(_WORKER.actors)
    return batch_rows(_WORKER, batch, _NAMES)


def _render_batch(job: tuple[list[Document], str, bool]) -> list[tuple[Rendered, int]]:
    """Code a batch and turn each document's events into output text here, in the worker."""
    assert _WORKER is not None
    batch, fmt, safe = job
    out = []
    for document in batch:
        events, sentences = _WORKER.code_document(document)
        out.append((render(events, fmt, safe), sentences))
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
    render_as: tuple[str, bool] | None = None,
    acled: bool = False,
) -> Iterator[list[Event] | Rendered | list[dict[str, Any]]]:
    """Code documents on `jobs` processes, yielding each document's events in input order.

    On Linux the workers are forked after `coder` (if given) is in place, so they share its
    compiled tables instead of building their own. With `render_as` (format, safe formulas)
    the workers also write each document's rows as text, yielded as `Rendered`; with `acled`
    they turn each document into ACLED rows (dicts).
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
        if acled:
            results: Iterator[list[Any]] = pool.imap(_acled_batch, feed())
        elif render_as is None:
            results = pool.imap(_code_batch, feed())
        else:
            results = pool.imap(_render_batch, ((batch, *render_as) for batch in feed()))
        for result in results:
            coded = iter(result)
            for _, ok in pending.pop(0):
                if not ok:
                    yield []
                    continue
                rows, sentences = next(coded)
                if isinstance(rows, Rendered):
                    out: list[Event] | Rendered | list[dict[str, Any]] = rows
                    count = rows.rows
                else:
                    out = rows if acled else [Event(*row) for row in rows]
                    count = len(rows)
                summary.add(count, sentences, time.perf_counter() - started)
                yield out
    summary.seconds = time.perf_counter() - started
