"""Own writing events: CSV (the default) and JSON Lines, whole or not at all.

Rows go to a hidden part file beside the output, renamed into place only when every row is
written, so a failed run leaves no partial output; with `--resume` a killed run continues
from its last checkpoint and gives the same file as an uninterrupted run. Text cells that a spreadsheet would
run as a formula (leading `=`, `+`, `-`, `@`) are neutralised with a leading apostrophe
unless asked not to.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from coder.acled import ACLED_COLUMNS, PROVENANCE
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
FORMATS = ("cameo", "jsonl", "parquet", "acled")
PARQUET_BATCH = 50_000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_TEXT_COLUMNS = frozenset(
    {"source_text", "target_text", "sentence", "event_name", "doc_id", "notes", "actor1", "actor2"}
)


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


def _paths(path: Path) -> tuple[Path, Path]:
    return path.with_name(f".{path.name}.part"), path.with_name(f".{path.name}.progress")


def resume_point(path: Path | None, fmt: str) -> int:
    """Return how many input documents an interrupted run into `path` has already written."""
    if path is None:
        raise CoderError("--resume needs an output file (-o)")
    part, progress = _paths(path)
    if not (part.exists() and progress.exists()):
        return 0
    try:
        state = json.loads(progress.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return 0
    if state.get("format") != fmt:
        raise CoderError(
            f"{path}: the interrupted run wrote format {state.get('format')!r}, not {fmt!r}: "
            "resume with the same options, or start again without --resume"
        )
    return int(state.get("documents", 0))


@dataclass(frozen=True, slots=True)
class Rendered:
    """One document's rows already turned into output text, by a worker process: the parent
    of a `--jobs` run then only writes text, which keeps it from slowing the workers."""

    text: str
    rows: int


def render(events: list[Event], fmt: str, safe_formulas: bool = True) -> Rendered:
    """Turn one document's events into the text `write_batches` would write for them."""
    buffer = io.StringIO()
    writer = _Writer(buffer, fmt, safe_formulas, header=False)
    for event in events:
        writer.write(event)
    return Rendered(buffer.getvalue(), len(events))


class _Writer:
    """Write rows of one format to an open text handle."""

    def __init__(self, handle: IO[str], fmt: str, safe_formulas: bool, header: bool) -> None:
        self.handle = handle
        self.columns = (*ACLED_COLUMNS, *PROVENANCE) if fmt == "acled" else CAMEO_COLUMNS
        self.csv = csv.writer(handle, lineterminator="\n") if fmt != "jsonl" else None
        # the text cells a spreadsheet could run as formulas, by position
        self.text = [i for i, c in enumerate(self.columns) if c in _TEXT_COLUMNS] if safe_formulas else []
        if self.csv is not None and header:
            self.csv.writerow(self.columns)

    def write_batch(self, batch: list[Event] | list[dict[str, Any]] | Rendered) -> int:
        """Write one document's rows; return how many."""
        if isinstance(batch, Rendered):
            self.handle.write(batch.text)
            return batch.rows
        for event in batch:
            self.write(event)
        return len(batch)

    def write(self, event: Event | dict[str, Any]) -> None:
        record = event if isinstance(event, dict) else event_record(event)
        if self.csv is None:
            self.handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            return
        row = [record.get(column, "") for column in self.columns]
        for i in self.text:
            row[i] = neutralise(row[i])
        self.csv.writerow(row)


def write_batches(
    batches: Iterable[list[Event]] | Iterable[list[Event] | Rendered],
    path: Path | None,
    fmt: str = "cameo",
    safe_formulas: bool = True,
    resume_from: int = 0,
    checkpoint_seconds: float = 2.0,
) -> int:
    """Write each document's events; to a file whole or not at all, resumable after a kill.

    Rows go to a hidden `.NAME.part` file beside `path`, with a `.NAME.progress` record of how
    many documents and bytes are safely written; the part file is renamed into place at the
    end. With `resume_from` (from `resume_point`), the part file is cut back to the recorded
    size and writing continues after that many documents (the caller skips them).
    """
    if fmt not in FORMATS:
        raise CoderError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if path is None or resume_from:
            raise CoderError("--format parquet needs an output file (-o) and cannot --resume")
        return _write_parquet(batches, path)  # type: ignore[arg-type]  # never Rendered: workers render only text formats
    count = 0
    if path is None:
        writer = _Writer(sys.stdout, fmt, safe_formulas, header=True)
        for batch in batches:
            count += writer.write_batch(batch)
        return count
    check_writable(path)
    part, progress = _paths(path)
    documents = 0
    if resume_from:
        state = json.loads(progress.read_text(encoding="utf-8"))
        raw = part.open("r+b")
        raw.truncate(int(state["bytes"]))
        raw.seek(0, os.SEEK_END)
        documents, count = resume_from, int(state.get("rows", 0))
    else:
        raw = part.open("wb")
    done = False
    try:
        handle = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        writer = _Writer(handle, fmt, safe_formulas, header=not resume_from)
        last = time.monotonic()
        for batch in batches:
            count += writer.write_batch(batch)
            documents += 1
            if time.monotonic() - last >= checkpoint_seconds:
                _checkpoint(handle, raw, progress, documents, count, fmt)
                last = time.monotonic()
        handle.flush()
        raw.flush()
        os.fsync(raw.fileno())
        handle.close()
        os.replace(part, path)
        progress.unlink(missing_ok=True)
        done = True
    finally:
        if not done:
            raw.close()
            if not progress.exists():
                part.unlink(missing_ok=True)
    return count


def _write_parquet(batches: Iterable[list[Event]], path: Path) -> int:
    """Write events to a Parquet file in row groups, whole or not at all (needs pyarrow)."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise CoderError("--format parquet needs pyarrow: pip install 'coder[parquet]'") from None
    check_writable(path)
    fields = [
        pa.field(
            c, pa.int64() if c == "sentence_id" else pa.float64() if c in ("goldstein", "confidence") else pa.string()
        )
        for c in CAMEO_COLUMNS
    ]
    schema = pa.schema(fields)
    part, _ = _paths(path)
    count = 0
    rows: list[dict[str, Any]] = []
    done = False
    try:
        with pq.ParquetWriter(part, schema) as writer:
            for batch in batches:
                for event in batch:
                    record = event_record(event)
                    record["goldstein"] = None if record["goldstein"] == "" else record["goldstein"]
                    rows.append(record)
                if len(rows) >= PARQUET_BATCH:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    count += len(rows)
                    rows = []
            if rows or not count:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                count += len(rows)
        os.replace(part, path)
        done = True
    finally:
        if not done:
            part.unlink(missing_ok=True)
    return count


def _checkpoint(handle: IO[str], raw: IO[bytes], progress: Path, documents: int, rows: int, fmt: str) -> None:
    """Record that `documents` documents (and `rows` rows) are safely on disk."""
    handle.flush()
    raw.flush()
    os.fsync(raw.fileno())
    state = {"documents": documents, "bytes": raw.tell(), "rows": rows, "format": fmt}
    temporary = progress.with_suffix(".tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temporary, progress)


def write_events(events: Iterable[Event], path: Path | None, fmt: str = "cameo", safe_formulas: bool = True) -> int:
    """Write events to `path` (stdout if None) as CSV or JSON Lines; return the row count."""
    return write_batches(([e] for e in events), path, fmt, safe_formulas)
