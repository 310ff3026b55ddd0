"""Own input documents: files, folders, tables and stdin -> `Document` records.

An article saved from a news site has a title line, a dateline, boilerplate lines
(`Posted in:`, `Written By:`, `Share`) and paragraphs. The reader keeps the title as a
paragraph of its own, takes the story date from the dateline, and drops boilerplate. A
document that cannot be read becomes a `Skipped` record with its reason, never an exception
and never a silent loss.
"""

from __future__ import annotations

import bz2
import csv
import glob
import gzip
import json
import re
import sys
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO

from coder.dates import is_dateline, parse_date
from coder.errors import CoderError

TEXT_SUFFIXES = (".txt", ".text")
TABLE_SUFFIXES = (".csv", ".tsv", ".jsonl", ".ndjson", ".parquet")
COMPRESSED = (".gz", ".bz2")
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
        with _open(path) as handle:
            raw = handle.read()
    except (OSError, EOFError, zlib.error) as exc:
        return Skipped(origin, f"cannot read: {getattr(exc, 'strerror', None) or exc}")
    stem = Path(path.stem).stem if path.name.lower().endswith(COMPRESSED) else path.stem
    return _article(raw, origin, doc_id or stem, default_date)


def _table_rows(suffix: str, handle: Iterable[str], notes: list[str]) -> Iterator[tuple[int, dict[str, object] | str]]:
    """Yield (line number, row or error text) from the lines of a CSV, TSV or JSONL table; a header
    that names a column twice is noted, and the first column of that name is used."""
    if suffix in (".jsonl", ".ndjson"):
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
    delimiter = "\t" if suffix == ".tsv" else ","
    lines = _Lines(handle)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        yield 1, f"malformed header ({exc})"
        return
    twice = sorted({name for name in header if header.count(name) > 1})
    if twice:
        notes.append(f"the header (line 1) names {', '.join(map(repr, twice))} more than once; the first is used")
        header = [name if name not in header[:i] else f"\0{i}" for i, name in enumerate(header)]
    while True:
        first = reader.line_num + 1
        lines.quotes = 0
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield reader.line_num, f"malformed row ({exc})"
            continue
        if not values:
            continue
        if lines.done and lines.quotes % 2:
            # csv reads an unclosed quote to the end of the file: the rows after it are inside it
            yield (
                first,
                f"a quote opened in this row is not closed; lines {first}-{reader.line_num} were read as one field",
            )
            return
        if len(values) != len(header):
            yield reader.line_num, f"wrong number of fields; the row has {len(values)}, the header {len(header)}"
            continue
        yield reader.line_num, dict(zip(header, values, strict=True))


class _Lines:
    """Iterate over a table's lines, counting quote marks and noticing the end of the file."""

    def __init__(self, lines: Iterable[str]) -> None:
        self.lines = iter(lines)
        self.quotes = 0
        self.done = False

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        try:
            line = next(self.lines)
        except StopIteration:
            self.done = True
            raise
        self.quotes += line.count('"')
        return line


def _suffix(name: str) -> str:
    """Return a file's format suffix, looking through .gz and .bz2 (`a.jsonl.gz` -> `.jsonl`)."""
    parts = name.lower().rsplit(".", 2)
    if len(parts) == 3 and f".{parts[2]}" in COMPRESSED:
        return f".{parts[1]}"
    return f".{parts[-1]}" if len(parts) > 1 else ""


def _open(path: Path) -> IO[bytes]:
    """Open a file for reading bytes, decompressing .gz and .bz2 on the fly."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".bz2"):
        return bz2.open(path, "rb")
    return path.open("rb")


class _TextLines:
    """Decode a file's lines one at a time, counting them (a file that breaks off is reported with
    the line it broke at); a bad line is decoded with replacement and noted once."""

    def __init__(self, handle: IO[bytes], notes: list[str]) -> None:
        self.handle = handle
        self.notes = notes
        self.number = 0
        self.bad_bytes = False

    def __iter__(self) -> Iterator[str]:
        for chunk in self.handle:
            # a file with old Mac line ends (a lone CR) comes as one chunk: split it into its lines
            for raw in chunk.splitlines(keepends=True) if b"\r" in chunk[:-2] else (chunk,):
                self.number += 1
                try:
                    yield raw.decode("utf-8-sig" if self.number == 1 else "utf-8")
                except UnicodeDecodeError as exc:
                    if not self.bad_bytes:
                        self.bad_bytes = True
                        self.notes.append(
                            f"line {self.number} is not valid UTF-8 ({exc.reason}); decoded with replacement characters"
                        )
                    yield raw.decode("utf-8", errors="replace")


def _rows_to_documents(
    rows: Iterable[tuple[int, dict[str, object] | str]],
    origin: str,
    stem: str,
    columns: TableColumns,
    default_date: date | None,
    notes: list[str],
) -> Iterator[Document | Skipped]:
    checked = False
    noted = 0  # notes[:noted] went with earlier rows
    number = 0
    for number, row in rows:
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
            yield Skipped(
                where, "empty text" if text in (None, "") or isinstance(text, str) else "text is not a string"
            )
            continue
        doc_id = str(row.get(columns.id) or f"{stem}-{number}")
        day = default_date
        raw_date = row.get(columns.date)
        row_notes, noted = notes[noted:], len(notes)
        if raw_date not in (None, "") and raw_date == raw_date:  # NaN is not a date
            parsed = parse_date(str(raw_date))
            if parsed is None:
                row_notes.append(f"date {raw_date!r} not understood; used the default date")
            else:
                day = parsed
        title = row.get(columns.title)
        paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        if isinstance(title, str) and title.strip():
            paragraphs.insert(0, title.strip())
        yield Document(doc_id, day, title if isinstance(title, str) else "", tuple(paragraphs), where, tuple(row_notes))
    if not number:
        yield Skipped(origin, "empty table (no rows)")


def _parquet_rows(path: Path) -> Iterator[tuple[int, dict[str, object] | str]]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise CoderError(f"{path}: reading Parquet needs pyarrow: pip install 'coder[parquet]'") from None
    number = 0
    for batch in pq.ParquetFile(path).iter_batches(batch_size=1024):
        for row in batch.to_pylist():
            number += 1
            yield number, row


def read_table(
    path: Path,
    columns: TableColumns,
    default_date: date | None,
    handle: IO[bytes] | None = None,
    origin: str | None = None,
) -> Iterator[Document | Skipped]:
    """Read a table of documents, one a row, streaming; bad rows are skipped with file and line."""
    origin = origin or str(path)
    if _suffix(path.name) == ".parquet":
        try:
            yield from _rows_to_documents(_parquet_rows(path), origin, path.stem, columns, default_date, [])
        except (OSError, ValueError) as exc:  # pyarrow's ArrowInvalid is a ValueError
            yield Skipped(origin, f"not a readable Parquet file ({exc})")
        return
    try:
        handle = handle or _open(path)
        head = handle.peek(8192)[:8192] if hasattr(handle, "peek") else b""
    except OSError as exc:
        yield Skipped(origin, f"cannot read: {exc.strerror}")
        return
    with handle:
        if b"\0" in head:
            yield Skipped(origin, "binary file (contains NUL bytes); not a table")
            return
        notes: list[str] = []
        lines = _TextLines(handle, notes)
        try:
            rows = _table_rows(_suffix(path.name), iter(lines), notes)
            yield from _rows_to_documents(rows, origin, path.stem.split(".")[0], columns, default_date, notes)
        except (OSError, EOFError, zlib.error) as exc:
            yield Skipped(f"{origin}:{lines.number + 1}", f"cannot read the rest of the file from this line: {exc}")


def _readable(path: Path) -> bool:
    name = path.name.lower()
    return name.endswith(".zip") or _suffix(name) in TEXT_SUFFIXES + TABLE_SUFFIXES


def expand_inputs(inputs: Iterable[str]) -> list[Path | str]:
    """Resolve input arguments to files: folders recursively, globs; raise if one is missing."""
    out: list[Path | str] = []
    for item in inputs:
        if item == "-":
            out.append("-")
            continue
        path = Path(item)
        if path.is_dir():
            # a broken link is kept, to be reported as unreadable rather than silently left out
            out.extend(sorted(p for p in path.rglob("*") if (p.is_file() or p.is_symlink()) and _readable(p)))
        elif path.is_file():
            out.append(path)
        elif any(c in item for c in "*?["):
            matches = sorted(Path(p) for p in glob.glob(item, recursive=True) if Path(p).is_file())
            if not matches:
                raise CoderError(f"{item}: no file matches this pattern")
            out.extend(matches)
        else:
            raise CoderError(f"{item}: no such file or folder")
    return out


def _read_zip(path: Path, columns: TableColumns, default_date: date | None) -> Iterator[Document | Skipped]:
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        yield Skipped(str(path), f"not a readable zip file ({exc})")
        return
    with archive:
        for member in sorted(archive.namelist()):
            inner = Path(member)
            origin = f"{path}!{member}"
            if member.endswith("/"):
                continue
            if _suffix(inner.name) in TABLE_SUFFIXES and _suffix(inner.name) != ".parquet":
                yield from read_table(inner, columns, default_date, archive.open(member), origin)
            elif _suffix(inner.name) in TEXT_SUFFIXES:
                yield _article(archive.read(member), origin, inner.stem, default_date)
            else:
                yield Skipped(origin, "not a .txt, .csv, .tsv or .jsonl member")


def _article(raw: bytes, origin: str, doc_id: str, default_date: date | None) -> Document | Skipped:
    decoded = _decode(raw, origin)
    if isinstance(decoded, Skipped):
        return decoded
    if not decoded.text.strip():
        return Skipped(origin, "empty document")
    return parse_article(decoded.text, doc_id, origin, default_date, decoded.notes)


def read_documents(
    inputs: Iterable[str], columns: TableColumns = TableColumns(), default_date: date | None = None
) -> Iterator[Document | Skipped]:
    """Yield every document (or skipped one) from files, folders, globs, archives and stdin (`-`)."""
    for item in expand_inputs(inputs):
        if item == "-":
            text = sys.stdin.read()
            if not text.strip():
                yield Skipped("<stdin>", "empty document")
            else:
                yield parse_article(text, "stdin", "<stdin>", default_date)
            continue
        assert isinstance(item, Path)
        if item.name.lower().endswith(".zip"):
            yield from _read_zip(item, columns, default_date)
        elif _suffix(item.name) in TABLE_SUFFIXES:
            yield from read_table(item, columns, default_date)
        else:
            yield read_text_file(item, default_date)
