"""Own the progress line on stderr: documents, sentences per second, time left.

Shown only for runs longer than a couple of seconds, only when stderr is a terminal, and
never with --quiet; it never writes to the output.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

from coder.pipeline import Summary

T = TypeVar("T")
DELAY = 2.0
EVERY = 0.5


def with_progress(
    items: Iterable[T], summary: Summary, total: int | None = None, quiet: bool = False, stream: IO[str] | None = None
) -> Iterator[T]:
    """Pass items through, drawing a progress line from `summary` while they flow."""
    stream = stream or sys.stderr
    if quiet or not stream.isatty():
        yield from items
        return
    started = last = time.monotonic()
    shown = False
    for item in items:
        yield item
        now = time.monotonic()
        if now - started >= DELAY and now - last >= EVERY:
            last, shown = now, True
            stream.write("\r" + progress_line(summary, now - started, total) + "\033[K")
            stream.flush()
    if shown:
        stream.write("\r\033[K")
        stream.flush()


def progress_line(summary: Summary, elapsed: float, total: int | None) -> str:
    """Describe a run in progress in one line."""
    rate = summary.sentences / elapsed if elapsed > 0 else 0.0
    line = f"{summary.documents:,} documents"
    if total:
        line += f" of {total:,}"
    line += f", {summary.sentences:,} sentences, {rate:,.0f} sentences/s, {elapsed:,.0f} s"
    if total and summary.documents:
        left = elapsed * (total - summary.documents) / summary.documents
        line += f", about {left:,.0f} s left"
    return line
