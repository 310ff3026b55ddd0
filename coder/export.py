"""Own writing events: CSV (the default) and JSON Lines, whole or not at all.

Rows go to a temporary file beside the output, which is renamed into place only when every
row is written, so a failed run leaves no partial file. Text cells that a spreadsheet would
run as a formula (leading `=`, `+`, `-`, `@`) are neutralised with a leading apostrophe
unless asked not to.
"""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from coder.errors import CoderError
from coder.events import Event

CAMEO_COLUMNS = (
    "event_id",
    "doc_id",
    "sentence_id",
    "date",
    "date_precision",
    "source_text",
    "source_code",
    "source_country",
    "target_text",
    "target_code",
    "target_country",
    "event_code",
    "event_root",
    "event_name",
    "quad_class",
    "goldstein",
    "method",
    "rule_id",
    "confidence",
    "sentence",
)
FORMATS = ("cameo", "jsonl")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = frozenset({"source_text", "target_text", "sentence", "event_name", "doc_id"})


def event_record(event: Event) -> dict[str, Any]:
    """Return an event as a flat record with the CAMEO columns, codes as strings."""
    return {
        "event_id": event.event_id,
        "doc_id": event.doc_id,
        "sentence_id": event.sentence_id,
        "date": event.date.isoformat() if event.date else "",
        "date_precision": event.date_precision,
        "source_text": event.source_text,
        "source_code": event.source_code,
        "source_country": event.source_country,
        "target_text": event.target_text,
        "target_code": event.target_code,
        "target_country": event.target_country,
        "event_code": event.event_code,
        "event_root": event.event_root,
        "event_name": event.event_name,
        "quad_class": event.quad_class,
        "goldstein": "" if event.goldstein is None else event.goldstein,
        "method": event.method,
        "rule_id": event.rule_id,
        "confidence": event.confidence,
        "sentence": event.sentence,
    }


def neutralise(value: Any) -> Any:
    """Make a text cell safe from spreadsheet formula injection."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def check_writable(path: Path) -> None:
    """Raise `CoderError` now, before any coding, if `path` cannot be written."""
    folder = path.parent if str(path.parent) else Path(".")
    if path.is_dir():
        raise CoderError(f"{path}: is a folder; give a file name for the output")
    if not folder.is_dir():
        raise CoderError(f"{path}: folder {folder} does not exist; create it or choose another path")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise CoderError(f"{path}: not writable; choose another path")


@contextmanager
def _atomic(path: Path | None) -> Iterator[IO[str]]:
    if path is None:
        yield sys.stdout
        return
    check_writable(path)
    handle = tempfile.NamedTemporaryFile(
        "w",
        encoding="utf-8",
        newline="",
        dir=path.parent if str(path.parent) else ".",
        prefix=f".{path.name}.",
        suffix=".part",
        delete=False,
    )
    try:
        with handle:
            yield handle
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def write_events(events: Iterable[Event], path: Path | None, fmt: str = "cameo", safe_formulas: bool = True) -> int:
    """Write events to `path` (stdout if None) as CSV or JSON Lines; return the row count."""
    if fmt not in FORMATS:
        raise CoderError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    count = 0
    with _atomic(path) as handle:
        if fmt == "jsonl":
            for event in events:
                handle.write(json.dumps(event_record(event), ensure_ascii=False) + "\n")
                count += 1
            return count
        writer = csv.DictWriter(handle, fieldnames=CAMEO_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for event in events:
            record = event_record(event)
            if safe_formulas:
                record = {k: neutralise(v) if k in _TEXT_COLUMNS else v for k, v in record.items()}
            writer.writerow(record)
            count += 1
    return count
