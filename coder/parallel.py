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
) -> Iterator[Event]:
    """Code documents on `jobs` processes, yielding events in input order."""
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    context = multiprocessing.get_context(method)
    started = time.perf_counter()
    pending: list[list[Document | Skipped]] = []

    def feed() -> Iterator[list[Document]]:
        for batch in _batches(documents, BATCH):
            pending.append(batch)
            yield [d for d in batch if isinstance(d, Document) and d.paragraphs]

    with context.Pool(jobs, initializer=_start, initargs=(options,)) as pool:
        for results in pool.imap(_code_batch, feed()):
            batch = pending.pop(0)
            coded = iter(results)
            for document in batch:
                summary.documents += 1
                if isinstance(document, Skipped):
                    summary.skipped.append(document)
                    continue
                if not document.paragraphs:
                    summary.skipped.append(Skipped(document.origin, "empty document (no text after boilerplate)"))
                    continue
                summary.notes.extend(f"{document.origin}: {n}" for n in document.notes if n != "no story date found")
                summary.undated += document.date is None
                events, sentences = next(coded)
                summary.coded += 1
                summary.sentences += sentences
                summary.events += len(events)
                yield from events
            summary.seconds = time.perf_counter() - started
    summary.seconds = time.perf_counter() - started
