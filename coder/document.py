"""Own input documents: files, folders, tables and stdin -> `Document` records.

An article saved from a news site has a title line, a dateline, boilerplate lines
(`Posted in:`, `Written By:`, `Share`) and paragraphs. The reader keeps the title as a
paragraph of its own, takes the story date from the dateline, and drops boilerplate. A
document that cannot be read becomes a `Skipped` record with its reason, never an exception
and never a silent loss.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from coder.dates import is_dateline, parse_date
from coder.errors import CoderError

TEXT_SUFFIXES = (".txt", ".text")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson")
HEADER_LINES = 12
csv.field_size_limit(64 * 1024 * 1024)

_BOILERPLATE = re.compile(
    r"^(?:posted\s+(?:in|on|by)|filed\s+under|written\s+by|by\s+[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*$|"
    r"share|shares|tweet|e-?mail|print|advertisement|sponsored|read\s+more|related|see\s+also|"
    r"copyright|©|\(c\)|all\s+rights\s+reserved|subscribe|sign\s+up|follow\s+us|click\s+here|"
    r"photo|image|picture|caption|tags?|categor(?:y|ies)|comments?|leave\s+a\s+comment|"
    r"share\s+this|facebook|twitter|whatsapp|linkedin|reporting\s+by|editing\s+by|"
    r"additional\s+reporting|source|credit|updated|last\s+updated|published)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Document:
    """One article to code: an id, a story date (or None), a title and paragraphs."""

    id: str
    date: date | None
    title: str
    paragraphs: tuple[str, ...]
    origin: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document that could not be coded, with where it was and why."""

    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class TableColumns:
    """Which columns of a table hold the id, date, text and title."""

    id: str = "id"
    date: str = "date"
    text: str = "text"
    title: str = "title"


@dataclass(slots=True)
class _Decoded:
    text: str
    notes: list[str] = field(default_factory=list)


def _decode(raw: bytes, origin: str) -> _Decoded | Skipped:
    if b"\0" in raw[:8192]:
        return Skipped(origin, "binary file (contains NUL bytes); not text")
    try:
        return _Decoded(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        text = raw.decode("utf-8", errors="replace")
        return _Decoded(
            text, [f"not valid UTF-8 ({exc.reason} at byte {exc.start}); decoded with replacement characters"]
        )


def is_boilerplate(line: str) -> bool:
    """Say whether a line is site furniture rather than story text."""
    return bool(_BOILERPLATE.match(line)) and (len(line.split()) <= 12 or ":" in line[:30])


def parse_article(
    text: str, doc_id: str, origin: str, default_date: date | None = None, notes: Iterable[str] = ()
) -> Document:
    """Split an article's text into title, story date and paragraphs."""
    lines = text.splitlines() if len(text) < 50_000_000 else [text]
    story_date: date | None = None
    title = ""
    paragraphs: list[str] = []
    block: list[str] = []
    seen_text = 0
    for number, raw in enumerate(lines):
        line = raw.strip()
        if not line:
            if block:
                paragraphs.append(" ".join(block))
                block = []
            continue
        if seen_text < HEADER_LINES:
            seen_text += 1
            day = is_dateline(line) if story_date is None and len(line) < 80 else None
            if day is not None:
                story_date = day
                continue
        if is_boilerplate(line):
            continue
        if (
            not title
            and not paragraphs
            and not block
            and number < HEADER_LINES
            and _looks_like_title(line, lines, number)
        ):
            title = line
            paragraphs.append(line)
            continue
        if not block and len(line.split()) <= 3 and not line.endswith((".", "!", "?", '"', "”")) and paragraphs:
            continue  # a stray label ("Share", "World") between paragraphs
        block.append(line)
    if block:
        paragraphs.append(" ".join(block))
    return Document(
        doc_id,
        story_date or default_date,
        title,
        tuple(paragraphs),
        origin,
        tuple(notes) + (() if story_date or default_date else ("no story date found",)),
    )


def _looks_like_title(line: str, lines: list[str], number: int) -> bool:
    if len(line) > 250:
        return False
    following = lines[number + 1].strip() if number + 1 < len(lines) else ""
    return not line.endswith((".", "!", "?")) or not following or is_dateline(following) is not None


def read_text_file(path: Path, default_date: date | None, doc_id: str | None = None) -> Document | Skipped:
    """Read one article file."""
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return Skipped(origin, f"cannot read: {exc.strerror}")
    decoded = _decode(raw, origin)
    if isinstance(decoded, Skipped):
        return decoded
    if not decoded.text.strip():
        return Skipped(origin, "empty document")
    return parse_article(decoded.text, doc_id or path.stem, origin, default_date, decoded.notes)


def _table_rows(path: Path, origin: str, handle: io.TextIOBase) -> Iterator[tuple[int, dict[str, str] | str]]:
    """Yield (line number, row or error text) from a CSV, TSV or JSONL table."""
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, f"not valid JSON ({exc.msg})"
                continue
            yield number, row if isinstance(row, dict) else "not a JSON object"
        return
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(handle, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield 1, f"malformed header ({exc})"
        return
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, f"malformed row ({exc})"
            continue
        if not values:
            continue
        if len(values) != len(header):
            yield reader.line_num, f"row has {len(values)} fields, the header has {len(header)}"
            continue
        yield reader.line_num, dict(zip(header, values, strict=True))


def read_table(path: Path, columns: TableColumns, default_date: date | None) -> Iterator[Document | Skipped]:
    """Read a table of documents, one a row; bad rows are skipped with file and line."""
    origin = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield Skipped(origin, f"cannot read: {exc.strerror}")
        return
    decoded = _decode(raw, origin)
    if isinstance(decoded, Skipped):
        yield decoded
        return
    checked = False
    for number, row in _table_rows(path, origin, io.StringIO(decoded.text, newline="")):
        where = f"{origin}:{number}"
        if isinstance(row, str):
            yield Skipped(where, row)
            continue
        if not checked:
            checked = True
            if columns.text not in row:
                yield Skipped(
                    origin,
                    f"no text column {columns.text!r}; columns are {', '.join(map(str, row))}: use --text-column",
                )
                return
        text = row.get(columns.text)
        if not isinstance(text, str) or not text.strip():
            yield Skipped(where, "empty text")
            continue
        doc_id = str(row.get(columns.id) or f"{path.stem}-{number}")
        day = default_date
        raw_date = row.get(columns.date)
        notes = list(decoded.notes)
        if raw_date not in (None, ""):
            parsed = parse_date(str(raw_date))
            if parsed is None:
                notes.append(f"{where}: date {raw_date!r} not understood; used the default date")
            else:
                day = parsed
        title = row.get(columns.title)
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        if isinstance(title, str) and title.strip():
            paragraphs.insert(0, title.strip())
        yield Document(doc_id, day, title if isinstance(title, str) else "", tuple(paragraphs), where, tuple(notes))


def expand_inputs(inputs: Iterable[str]) -> list[Path | str]:
    """Resolve input arguments to files (folders recursively); raise if one is missing."""
    out: list[Path | str] = []
    for item in inputs:
        if item == "-":
            out.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES + TABLE_SUFFIXES)
            )
        elif path.is_file():
            out.append(path)
        else:
            raise CoderError(f"{item}: no such file or folder")
    return out


def read_documents(
    inputs: Iterable[str], columns: TableColumns = TableColumns(), default_date: date | None = None
) -> Iterator[Document | Skipped]:
    """Yield every document (or skipped one) from files, folders, tables and stdin (`-`)."""
    for item in expand_inputs(inputs):
        if item == "-":
            text = sys.stdin.read()
            if not text.strip():
                yield Skipped("<stdin>", "empty document")
            else:
                yield parse_article(text, "stdin", "<stdin>", default_date)
        elif isinstance(item, Path) and item.suffix.lower() in TABLE_SUFFIXES:
            yield from read_table(item, columns, default_date)
        elif isinstance(item, Path):
            yield read_text_file(item, default_date)
