"""Own the coding pipeline: documents -> sentences -> actors and patterns -> events.

`Coder` is the library's entry point: build it from a codebook, then code text, documents or
whole corpora. The CLI is a thin layer over it.
"""

from __future__ import annotations

import copy
import dataclasses
import gc
import os
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from coder.actors import ActorTable, Chunk, DocumentContext
from coder.clauses import glosses, kept_tokens, skipped_clauses
from coder.codebook.cache import load_cached, save_cached
from coder.codebook.load import read_codebook
from coder.codebook.model import Codebook
from coder.combination import POLICIES, Prediction, combine, heuristic_dyad, rule_tokens
from coder.dates import find_date
from coder.document import Document, Skipped, parse_article
from coder.errors import CoderError
from coder.events import Dyad, Event, code_name, dyads, rule_confidence
from coder.inflection import word_forms
from coder.options import Options
from coder.patterns import RECODING_NEGATIONS, Match, PatternIndex, SentenceMatcher, select
from coder.sentences import fold, folds, split_sentences, tokenize
from coder.transformations import apply_transformations

if TYPE_CHECKING:  # scikit-learn loads only when a model is used
    from coder.classifier import EventClassifier


# The model probability needed for the model to decide, by label set, when none is given. A
# sentence model must be sure before it overrides a rule; an ACLED model judges a whole note,
# where the rules are weaker (and a model trained with rule features knows what they say): on
# two halves of the ACLED dev file, each model tested on the other half, 0.3 gave the best
# event and sub-event types (0.0-0.15 and 0.5-0.7 were worse on one half or the other). A
# penta-class model trained on
# news sentences overrode the rules too often below 0.9 on our CAMEO-style sentences
# (bench/README.md).
THRESHOLDS = {"acled-sub-event-type": 0.3, "acled-event-type": 0.3, "penta": 0.9}


def _shipped(name: str) -> Path:
    """Return the path of a shipped codebook, in a checkout or an installed package."""
    checkout = Path(__file__).resolve().parent.parent / "codebooks" / name
    if checkout.exists():
        return checkout
    return Path(str(resources.files("coder.books").joinpath(name)))


DEFAULT_CODEBOOK = _shipped("cameo.yaml")
ACLED_CODEBOOK = _shipped("acled.yaml")
# The shipped classifier: CAMEO roots, trained on data/training/ and the codebook's examples
# by `coder train data/training/cameo-root.tsv --examples --label-set cameo-root -o ...`.
DEFAULT_MODEL = Path(__file__).resolve().parent / "models" / "cameo-root.npz"
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
    story_discard: str = ""  # a phrase that discards the whole story
    fallback: Event | None = None  # a row from the actors alone, for the model to code
    prediction: Prediction | None = None
    skipped: list[str] = field(default_factory=list)  # comma clauses left out (`comma_clauses`)


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
    mode: str = ""
    duplicates: int = 0
    dedupe: str = ""

    def admit(self, document: Document | Skipped) -> bool:
        """Count a document read; record it if skipped; say whether to code it."""
        self.documents += 1
        if isinstance(document, Skipped):
            self.skipped.append(document)
            return False
        if not document.paragraphs:
            self.skipped.append(Skipped(document.origin, "empty document (no text after boilerplate)"))
            return False
        self.notes.extend(f"{document.origin}: {note}" for note in document.notes if note != "no story date found")
        self.undated += document.date is None
        return True

    def add(self, events: int, sentences: int, seconds: float) -> None:
        """Count a coded document."""
        self.coded += 1
        self.sentences += sentences
        self.events += events
        self.seconds = seconds

    def reasons(self) -> Counter[str]:
        return Counter(s.reason.split(";")[0].split(" (")[0] for s in self.skipped)

    def line(self) -> str:
        rate = self.sentences / self.seconds if self.seconds > 0 else 0.0
        skipped = ""
        if self.skipped:
            skipped = " (" + ", ".join(f"{n} {r}" for r, n in self.reasons().most_common()) + ")"
        undated = f", {self.undated} without a date" if self.undated else ""
        mode = f" [{self.mode}]" if self.mode else ""
        if self.dedupe:
            mode = f"; {self.duplicates} duplicate rows removed ({self.dedupe} filter){mode}"
        return (
            f"{self.documents} documents read, {self.coded} coded, {len(self.skipped)} skipped{skipped}"
            f"{undated}; {self.sentences} sentences, {self.events} events in {self.seconds:.2f} s "
            f"({rate:,.0f} sentences/s){mode}"
        )


class Coder:
    """Code text into events with one codebook."""

    def __init__(
        self,
        codebook: Codebook | str | Path | None = None,
        *,
        require: str | None = None,
        model: str | Path | None = None,
        policy: str | None = None,
        threshold: float | None = None,
        options: Options | None = None,
    ) -> None:
        if codebook is None:
            codebook = DEFAULT_CODEBOOK
        if require is not None and require not in REQUIRE:
            raise ValueError(f"require must be one of {REQUIRE}")
        tables = None
        use_cache = not isinstance(codebook, Codebook) and not os.environ.get("CODER_NO_CACHE")
        if use_cache:
            tables = load_cached(Path(codebook))  # type: ignore[arg-type]
        if tables is None:
            # as when loading the cache: the cyclic collector would walk the tables' hundreds of
            # thousands of objects again and again while they are made and, unless they are
            # frozen, all through the run (a freshly compiled Phoenix set coded three times slower)
            collecting = gc.isenabled()
            gc.disable()
            try:
                book = codebook if isinstance(codebook, Codebook) else read_codebook(codebook)
                actors, patterns = ActorTable(book), PatternIndex(book)
                # "say" takes a clause, never an object: in "witnesses said police beat
                # protesters" the role word after it is the clause's subject, not a noun
                # modifier of "beat", even where a pattern starts with "say".
                actors.verbs = frozenset(patterns.verbs) - word_forms("say")
                tables = (book, actors, patterns)
                gc.collect()  # the garbage of reading and compiling, before the rest is frozen
                gc.freeze()
            finally:
                if collecting:
                    gc.enable()
            if use_cache:
                save_cached(Path(codebook), book.paths, tables)  # type: ignore[arg-type]
        self.codebook, self.actors, self.patterns = tables
        # the caller's word, else the codebook's own default (`require:`), else a source
        self.require = require or self.codebook.require or "source"
        self.options = options or self.codebook.options
        self.taxonomy = self.codebook.taxonomy
        self._discard_sentence = _phrase_set(self.codebook.sentence_discards)
        self._discard_story = _phrase_set(self.codebook.story_discards)
        self.model: EventClassifier | None = None
        self.model_header: dict[str, object] = {}
        if model is not None:
            from coder.classifier import load_model

            self.model, self.model_header = load_model(Path(model))
            self.model_header["path"] = str(model)
        self.policy = policy or ("model-first" if self.model is not None else "rules-only")
        if self.policy not in POLICIES:
            raise CoderError(f"unknown policy {self.policy!r}; use one of {', '.join(POLICIES)}")
        if self.model is None and self.policy != "rules-only":
            raise CoderError(f"policy {self.policy} needs a model: give --model, or use --policy rules-only")
        self.label_set = str(self.model_header.get("label_set", "cameo-root"))
        self.threshold = threshold if threshold is not None else THRESHOLDS.get(self.label_set, 0.6)

    def describe(self) -> str:
        """Say in a few words who decides: the rules alone, or a model and a policy."""
        if self.model is None:
            return "rules only: no model"
        name = Path(str(self.model_header.get("path", "model"))).name
        return f"{self.policy}, {self.label_set} model {name}, threshold {self.threshold}"

    def with_require(self, require: str) -> Coder:
        """Return a coder sharing this one's tables with another dyad requirement."""
        if require == self.require:
            return self
        other = copy.copy(self)
        other.require = require
        return other

    def with_options(self, options: Options) -> Coder:
        """Return a coder sharing this one's tables with other reading options."""
        if options == self.options:
            return self
        other = copy.copy(self)
        other.options = options
        return other

    # -- one sentence ---------------------------------------------------------------------
    def trace_sentence(
        self,
        text: str,
        story_date: date | None,
        context: DocumentContext | None = None,
        doc_id: str = "",
        sentence_id: int = 0,
        decide: bool = False,
    ) -> SentenceTrace:
        """Code one sentence by the rules (and the model if `decide`), keeping every step."""
        texts = tokenize(text)
        # a curly apostrophe matches as a straight one (`fold`), checked once per sentence
        lows = folds(texts, apostrophes="’" in text)
        day, precision = find_date(text, story_date)
        present = set(lows)
        discard = _find_phrase(lows, present, self._discard_sentence)
        story_discard = _find_phrase(lows, present, self._discard_story)
        skipped: list[str] = []
        if "(" in present:
            spans = glosses(texts)
            if spans:  # "the Lebanese Armed Forces (LAF) said": the abbreviation is left out
                left = kept_tokens(len(lows), spans)
                skipped = [" ".join(texts[start:end]) for start, end in spans]
                texts, lows = [texts[i] for i in left], [lows[i] for i in left]
                present = set(lows)
        if "," in present and self.options.skips_commas:
            texts, lows, clauses = self._skip_clauses(texts, lows, day)
            skipped += clauses
            present = set(lows)
        chunks = self.actors.chunks(texts, lows, day, context, self.options.new_actor_length)
        matcher = SentenceMatcher(self.patterns, lows, texts, chunks, present)
        matches = matcher.matches()
        # a verb negated by `not`, `n't` or `never` still governs its infinitive complement
        negated = [m for m in matches if m.blocked and m.negator in RECODING_NEGATIONS]
        if self.patterns.transformations:
            kept = apply_transformations(matcher, [m for m in matches if not m.blocked], negated)
        else:
            kept = select([m for m in matches if not m.blocked], lows, negated)
        for match in kept:
            match.blocked = matcher.asked_of(match)
        kept = [m for m in kept if not m.blocked]
        events: list[Event] = []
        dropped: list[tuple[str, str]] = []
        seen: set[tuple[str, str, str]] = set()
        if not discard:
            for match in kept:
                code = match.pattern.code
                root, name, quad, goldstein = code_name(self.taxonomy, code)
                mutual = code.startswith(self.codebook.mutual)
                target = match.target
                if self.codebook.place_roles and target is not None and all(c.startswith("---") for c in target.codes):
                    # victims of no country named take the country where it happened
                    place = matcher.place_after(match, self.actors.countries)
                    if place is not None:
                        roles = [c[3:] for c in target.codes]
                        codes = [p + r for p in place.codes for r in roles]
                        match = copy.copy(match)
                        match.target = dataclasses.replace(target, codes=codes)
                for dyad in dyads(match, lambda c: " ".join(texts[c.start : c.end]) if c else "", mutual):
                    if self.require != "none" and not dyad.source:
                        dropped.append((_label(dyad, code), "no source actor found"))
                        continue
                    if self.require == "both" and not dyad.target:
                        dropped.append((_label(dyad, code), "no target actor found"))
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
        fallback = None
        if self.judges_sentences() and not discard:  # a row for the model to code, if it decides
            source, target = heuristic_dyad(chunks)
            if source is not None:
                fallback = Event(
                    doc_id,
                    sentence_id,
                    day,
                    precision,
                    " ".join(texts[source.start : source.end]),
                    source.codes[0],
                    self.actors.country_of(source.codes[0]),
                    " ".join(texts[target.start : target.end]) if target else "",
                    target.codes[0] if target else "",
                    self.actors.country_of(target.codes[0]) if target else "",
                    "",
                    "",
                    "",
                    "",
                    None,
                    "model",
                    "",
                    0.0,
                    text,
                )
        trace = SentenceTrace(
            text, texts, day, precision, chunks, matches, kept, discard, events, dropped, story_discard, fallback
        )
        trace.skipped = skipped
        if decide:
            self.decide([trace])
        return trace

    def _skip_clauses(
        self, texts: list[str], lows: list[str], day: date | None
    ) -> tuple[list[str], list[str], list[str]]:
        """Leave out the short comma clauses the options name; return the tokens left and the
        clauses left out. A comma inside an actor phrase (a list, "X, the awful Y, and Z", or
        an apposition) delimits no clause: the actor phrases say which commas those are."""
        joined = {i for c in self.actors.chunks(texts, lows, day) for i in range(c.start, c.end) if lows[i] == ","}
        spans = skipped_clauses(lows, self.options, joined)
        if not spans:
            return texts, lows, []
        kept = kept_tokens(len(lows), spans)
        left_out = [" ".join(texts[start:end]) for start, end in spans]
        return [texts[i] for i in kept], [lows[i] for i in kept], left_out

    def judges_sentences(self) -> bool:
        """Say whether the model decides each sentence's rows (with a policy that lets it)."""
        # an ACLED model judges whole notes (`coder.acled.document_type`), not sentences
        return self.model is not None and self.policy != "rules-only" and not self.label_set.startswith("acled")

    def decide(self, traces: list[SentenceTrace]) -> None:
        """Let the classifier and the policy decide the rows of sentences (in one batch)."""
        if not self.judges_sentences() or not traces:
            return
        live = [t for t in traces if not t.discard]
        if not live:
            return
        texts = [
            t.text + " " + rule_tokens(t.events, self.label_set) if self.model_header.get("rule_features") else t.text
            for t in live
        ]
        probabilities = self.model.predict_proba(texts)
        classes = self.model.classes_
        for trace, row in zip(live, probabilities, strict=True):
            order = row.argsort()[::-1][:3]
            trace.prediction = Prediction(
                str(classes[order[0]]),
                float(row[order[0]]),
                tuple((str(classes[i]), round(float(row[i]), 3)) for i in order),
            )
            events, dropped = combine(
                trace.events,
                trace.prediction,
                policy=self.policy,
                threshold=self.threshold,
                label_set=self.label_set,
                taxonomy=self.taxonomy,
                fallback=trace.fallback,
            )
            if self.require == "both":
                events = [e for e in events if e.target_code]
            trace.events = events
            trace.dropped.extend(dropped)

    def code_sentence(self, text: str, story_date: date | None = None) -> list[Event]:
        """Code one sentence on its own."""
        return self.trace_sentence(text, story_date, decide=True).events

    # -- documents --------------------------------------------------------------------------
    def sentences(self, document: Document) -> Iterator[str]:
        for paragraph in document.paragraphs:
            yield from split_sentences(paragraph)

    def code_document(self, document: Document) -> tuple[list[Event], int]:
        """Code a document; return its events and its number of sentences."""
        events: list[Event] = []
        context = DocumentContext()
        sentences = list(self.sentences(document))
        traces = [
            self.trace_sentence(sentence, document.date, context, document.id, number)
            for number, sentence in enumerate(sentences, 1)
        ]
        if any(t.story_discard for t in traces):
            return [], len(sentences)
        self.decide(traces)
        for trace in traces:
            events.extend(trace.events)
        return events, len(sentences)

    def code_text(self, text: str, story_date: date | None = None, doc_id: str = "text") -> list[Event]:
        """Code a whole article given as text."""
        return self.code_document(parse_article(text, doc_id, doc_id, story_date))[0]

    def code_batches(
        self, documents: Iterable[Document | Skipped], summary: Summary | None = None
    ) -> Iterator[list[Event]]:
        """Code a stream of documents, yielding each document's events (empty if skipped)."""
        summary = summary if summary is not None else Summary()
        started = time.perf_counter()
        for document in documents:
            if not summary.admit(document):
                yield []
                continue
            assert isinstance(document, Document)
            events, sentences = self.code_document(document)
            summary.add(len(events), sentences, time.perf_counter() - started)
            yield events
        summary.seconds = time.perf_counter() - started

    def code_documents(
        self, documents: Iterable[Document | Skipped], summary: Summary | None = None
    ) -> Iterator[Event]:
        """Code a stream of documents, counting what happened in `summary`."""
        for events in self.code_batches(documents, summary):
            yield from events


def _label(dyad: Dyad, code: str) -> str:
    return f"{dyad.source or '?'} {code} {dyad.target or '?'}"


def _phrase_set(phrases: Iterable[str]) -> dict[str, list[tuple[str, ...]]]:
    table: dict[str, list[tuple[str, ...]]] = {}
    for phrase in phrases:
        tokens = tuple(fold(t) for t in tokenize(phrase))
        if tokens:
            table.setdefault(tokens[0], []).append(tokens)
    return table


def _find_phrase(lows: list[str], present: set[str], table: dict[str, list[tuple[str, ...]]]) -> str:
    """Return the first phrase of the table in the sentence (`present` is its set of tokens)."""
    if not table or table.keys().isdisjoint(present):  # iterates the smaller of the two
        return ""
    # a phrase can be in the sentence only if all its words are ("in the middle ages")
    if not any(present.issuperset(phrase) for first in table.keys() & present for phrase in table[first]):
        return ""
    for i, low in enumerate(lows):
        for phrase in table.get(low, ()):
            if tuple(lows[i : i + len(phrase)]) == phrase:
                return " ".join(phrase)
    return ""
