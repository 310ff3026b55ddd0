"""Own the coding pipeline: documents -> sentences -> actors and patterns -> events.

`Coder` is the library's entry point: build it from a codebook, then code text, documents or
whole corpora. The CLI is a thin layer over it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path

from coder.actors import ActorTable, Chunk, DocumentContext
from coder.codebook.load import read_codebook
from coder.codebook.model import Codebook
from coder.dates import find_date
from coder.document import Document, Skipped, parse_article
from coder.events import Event, code_name, dyads, rule_confidence
from coder.patterns import Match, PatternIndex, SentenceMatcher, select
from coder.sentences import split_sentences, tokenize


def _shipped(name: str) -> Path:
    """Return the path of a shipped codebook, in a checkout or an installed package."""
    checkout = Path(__file__).resolve().parent.parent / "codebooks" / name
    if checkout.exists():
        return checkout
    return Path(str(resources.files("coder.books").joinpath(name)))


DEFAULT_CODEBOOK = _shipped("cameo.yaml")
REQUIRE = ("none", "source", "both")


@dataclass(slots=True)
class SentenceTrace:
    """Everything the coder saw in one sentence, for `explain` and for tests."""

    text: str
    tokens: list[str]
    date: date | None
    date_precision: str
    chunks: list[Chunk]
    matches: list[Match]
    kept: list[Match]
    discard: str
    events: list[Event]
    dropped: list[tuple[str, str]]  # (row description, why it was dropped)


@dataclass(slots=True)
class Summary:
    """What a run did: documents read, coded and skipped (with reasons), sentences, events."""

    documents: int = 0
    coded: int = 0
    skipped: list[Skipped] = field(default_factory=list)
    undated: int = 0
    notes: list[str] = field(default_factory=list)
    sentences: int = 0
    events: int = 0
    seconds: float = 0.0

    def reasons(self) -> Counter[str]:
        return Counter(s.reason.split(";")[0].split(" (")[0] for s in self.skipped)

    def line(self) -> str:
        rate = self.sentences / self.seconds if self.seconds > 0 else 0.0
        skipped = ""
        if self.skipped:
            skipped = " (" + ", ".join(f"{n} {r}" for r, n in self.reasons().most_common()) + ")"
        undated = f", {self.undated} without a date" if self.undated else ""
        return (
            f"{self.documents} documents read, {self.coded} coded, {len(self.skipped)} skipped{skipped}"
            f"{undated}; {self.sentences} sentences, {self.events} events in {self.seconds:.2f} s "
            f"({rate:,.0f} sentences/s)"
        )


class Coder:
    """Code text into events with one codebook."""

    def __init__(self, codebook: Codebook | str | Path | None = None, *, require: str = "source") -> None:
        if codebook is None:
            codebook = DEFAULT_CODEBOOK
        if not isinstance(codebook, Codebook):
            codebook = read_codebook(codebook)
        if require not in REQUIRE:
            raise ValueError(f"require must be one of {REQUIRE}")
        self.codebook = codebook
        self.require = require
        self.actors = ActorTable(codebook)
        self.patterns = PatternIndex(codebook)
        self.actors.verbs = frozenset(self.patterns.by_anchor)
        self.taxonomy = codebook.taxonomy
        self._discard_sentence = _phrase_set(codebook.sentence_discards)
        self._discard_story = _phrase_set(codebook.story_discards)

    def with_require(self, require: str) -> Coder:
        """Return a coder sharing this one's tables with another dyad requirement."""
        if require == self.require:
            return self
        other = object.__new__(Coder)
        for name in ("codebook", "actors", "patterns", "taxonomy", "_discard_sentence", "_discard_story"):
            setattr(other, name, getattr(self, name))
        other.require = require
        return other

    # -- one sentence ---------------------------------------------------------------------
    def trace_sentence(
        self,
        text: str,
        story_date: date | None,
        context: DocumentContext | None = None,
        doc_id: str = "",
        sentence_id: int = 0,
    ) -> SentenceTrace:
        """Code one sentence and keep every step, for explanation."""
        texts = tokenize(text)
        lows = [t.lower() for t in texts]
        day, precision = find_date(text, story_date)
        discard = _find_phrase(lows, self._discard_sentence)
        chunks = self.actors.chunks(texts, lows, day, context)
        matcher = SentenceMatcher(self.patterns, lows, texts, chunks)
        matches = matcher.matches()
        kept = select([m for m in matches if not m.blocked])
        events: list[Event] = []
        dropped: list[tuple[str, str]] = []
        seen: set[tuple[str, str, str]] = set()
        if not discard:
            for match in kept:
                code = match.pattern.code
                root, name, quad, goldstein = code_name(self.taxonomy, code)
                for dyad in dyads(match, lambda c: " ".join(texts[c.start : c.end]) if c else ""):
                    label = f"{dyad.source or '?'} {code} {dyad.target or '?'}"
                    if self.require != "none" and not dyad.source:
                        dropped.append((label, "no source actor found"))
                        continue
                    if self.require == "both" and not dyad.target:
                        dropped.append((label, "no target actor found"))
                        continue
                    key = (dyad.source, dyad.target, code)
                    if key in seen:
                        continue
                    seen.add(key)
                    events.append(
                        Event(
                            doc_id,
                            sentence_id,
                            day,
                            precision,
                            dyad.source_text,
                            dyad.source,
                            self.actors.country_of(dyad.source),
                            dyad.target_text,
                            dyad.target,
                            self.actors.country_of(dyad.target),
                            code,
                            root,
                            name,
                            quad,
                            goldstein,
                            "rule",
                            match.pattern.id,
                            rule_confidence(match),
                            text,
                        )
                    )
        if context is not None:
            people = [c for c in chunks if c.person and len(c.codes) == 1]
            if people:
                context.last_person = list(people[0].codes)
        return SentenceTrace(text, texts, day, precision, chunks, matches, kept, discard, events, dropped)

    def code_sentence(self, text: str, story_date: date | None = None) -> list[Event]:
        """Code one sentence on its own."""
        return self.trace_sentence(text, story_date).events

    # -- documents --------------------------------------------------------------------------
    def sentences(self, document: Document) -> Iterator[str]:
        for paragraph in document.paragraphs:
            yield from split_sentences(paragraph)

    def code_document(self, document: Document) -> tuple[list[Event], int]:
        """Code a document; return its events and its number of sentences."""
        events: list[Event] = []
        context = DocumentContext()
        sentences = list(self.sentences(document))
        if self._discard_story and any(
            _find_phrase([t.lower() for t in tokenize(s)], self._discard_story) for s in sentences
        ):
            return [], len(sentences)
        for number, sentence in enumerate(sentences, 1):
            events.extend(self.trace_sentence(sentence, document.date, context, document.id, number).events)
        return events, len(sentences)

    def code_text(self, text: str, story_date: date | None = None, doc_id: str = "text") -> list[Event]:
        """Code a whole article given as text."""
        return self.code_document(parse_article(text, doc_id, doc_id, story_date))[0]

    def code_documents(
        self, documents: Iterable[Document | Skipped], summary: Summary | None = None
    ) -> Iterator[Event]:
        """Code a stream of documents, counting what happened in `summary`."""
        summary = summary if summary is not None else Summary()
        started = time.perf_counter()
        for document in documents:
            summary.documents += 1
            if isinstance(document, Skipped):
                summary.skipped.append(document)
                continue
            if not document.paragraphs:
                summary.skipped.append(Skipped(document.origin, "empty document (no text after boilerplate)"))
                continue
            summary.notes.extend(
                f"{document.origin}: {note}" for note in document.notes if note != "no story date found"
            )
            if document.date is None:
                summary.undated += 1
            events, sentences = self.code_document(document)
            summary.coded += 1
            summary.sentences += sentences
            summary.events += len(events)
            summary.seconds = time.perf_counter() - started
            yield from events
        summary.seconds = time.perf_counter() - started


def _phrase_set(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        tokens = tuple(t.lower() for t in tokenize(phrase))
        if tokens:
            table.setdefault(tokens[0], []).append(tokens)
    return table


def _find_phrase(lows: list[str], table: dict[str, list[tuple[str, ...]]]) -> str:
    if not table:
        return ""
    for i, low in enumerate(lows):
        for phrase in table.get(low, ()):
            if tuple(lows[i : i + len(phrase)]) == phrase:
                return " ".join(phrase)
    return ""
