"""Own the Dask engine: code partitions of the input files on a Dask cluster.

Input files are split into partitions in their sorted order; workers read and code their
partition's documents; the client gathers partitions in order, so the rows are the same, in
the same order, as the local engine's. Without a scheduler address a `LocalCluster` is
started. Dask is an optional extra: `pip install 'coder[dask]'`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from coder.document import Document, Skipped, TableColumns, expand_inputs, read_documents
from coder.errors import CoderError
from coder.events import Event
from coder.pipeline import Coder, Summary

_CODERS: dict[str, Coder] = {}


def _code_partition(
    options: dict[str, Any], files: list[str], columns: TableColumns, default_date: date | None
) -> list[tuple[Document | Skipped, list[Event], int]]:
    """Read and code one partition of files on a worker."""
    key = repr(sorted((k, getattr(v, "digest", str(v))) for k, v in options.items()))
    coder = _CODERS.get(key)
    if coder is None:
        coder = _CODERS[key] = Coder(**options)
    out: list[tuple[Document | Skipped, list[Event], int]] = []
    for document in read_documents(files, columns, default_date):
        if isinstance(document, Document) and document.paragraphs:
            events, sentences = coder.code_document(document)
            out.append(
                (
                    Document(document.id, document.date, "", document.paragraphs[:1], document.origin, document.notes),
                    events,
                    sentences,
                )
            )
        else:
            out.append((document, [], 0))
    return out


def code_dask(
    options: dict[str, Any],
    inputs: list[str],
    columns: TableColumns,
    default_date: date | None,
    summary: Summary,
    scheduler: str | None = None,
    files_per_partition: int = 4,
    workers: int = 2,
) -> Iterator[list[Event]]:
    """Code input files on a Dask cluster, yielding each document's events in input order."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise CoderError("the dask engine needs Dask: pip install 'coder[dask]'") from None
    files = [str(p) for p in expand_inputs(inputs)]
    if "-" in files:
        raise CoderError("the dask engine reads files, not stdin: give file or folder paths")
    partitions = [files[i : i + files_per_partition] for i in range(0, len(files), files_per_partition)]
    cluster = None
    if scheduler is None:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
    client = Client(scheduler or cluster)
    try:
        futures = client.map(
            _code_partition,
            [options] * len(partitions),
            partitions,
            [columns] * len(partitions),
            [default_date] * len(partitions),
            pure=False,
        )
        for future in futures:
            for document, events, sentences in future.result():
                if summary.admit(document):
                    summary.add(len(events), sentences, summary.seconds)
                yield events
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
