"""Own event rows: matches with their actors -> dated who-did-what-to-whom records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from datetime import date
from typing import Any

from coder.actors import Chunk
from coder.patterns import Match
from coder.taxonomy import Taxonomy


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event: a row of the output."""

    doc_id: str
    sentence_id: int
    date: date | None
    date_precision: str
    source_text: str
    source_code: str
    source_country: str
    target_text: str
    target_code: str
    target_country: str
    event_code: str
    event_root: str
    event_name: str
    quad_class: str
    goldstein: float | None
    method: str
    rule_id: str
    confidence: float
    sentence: str

    @property
    def event_id(self) -> str:
        return f"{self.doc_id}-{self.sentence_id}-{self.event_code}-{self.source_code}-{self.target_code}"


_EVENT_FIELDS = tuple(field.name for field in fields(Event))


def replaced(event: Event, **changes: Any) -> Event:
    """Return `event` with some fields changed, as `dataclasses.replace` does in twice the
    time (it checks each field's kind and passes every field by keyword): ACLED rows change
    the type and the date of most events."""
    return Event(*[changes[name] if name in changes else getattr(event, name) for name in _EVENT_FIELDS])


@dataclass(frozen=True, slots=True)
class Dyad:
    """A source and target code with their text, before the event is dated."""

    source: str
    target: str
    source_text: str
    target_text: str


def rule_confidence(match: Match) -> float:
    """Score a rule match: more pattern words and both actors found make it surer.

    A heuristic in [0.5, 0.95], not a calibrated probability.
    """
    score = 0.5 + 0.1 * min(match.pattern.specificity, 3)
    if match.source is not None and match.target is not None:
        score += 0.05
    return round(min(score, 0.95), 2)


def dyads(match: Match, text_of: Callable[[Chunk | None], str], mutual: bool = False) -> list[Dyad]:
    """Expand a match into one dyad per actor pair (compound actors give several).

    A compound source with no target gives every ordered pair of its members when the
    pattern is symmetric or its code is `mutual` ("X, Y and Z met").
    """
    source, target = match.source, match.target
    sources = source.codes if source else [""]
    targets = target.codes if target else [""]
    out: list[Dyad] = []
    s_text, t_text = text_of(source), text_of(target)
    for s in sources:
        for t in targets:
            if s and s == t and not s.startswith("---"):  # "villagers lynched a man" is two actors
                continue
            out.append(Dyad(s, t, s_text, t_text))
            if match.pattern.symmetric and s and t:
                out.append(Dyad(t, s, t_text, s_text))
    if (match.pattern.symmetric or mutual) and target is None and source is not None and len(sources) > 1:
        out = [Dyad(a, b, s_text, s_text) for a in sources for b in sources if a != b]
    return out


def code_name(taxonomy: Taxonomy, code: str) -> tuple[str, str, str, float | None]:
    """Return (root, name, quad class, Goldstein value) of a code."""
    kind = taxonomy.get(code)
    if kind is None:
        return code[:2], "", "", None
    return kind.root, kind.name, kind.quad_class, kind.goldstein


DEDUPE = ("story", "day")


def dedupe(batches: Iterable[list[Event]], mode: str, removed: list[int]) -> Iterator[list[Event]]:
    """Drop repeated events: one (source, target, code) a story, or one a day across the corpus.

    `story` is PETRARCH's one-event-a-story filter, `day` Phoenix's one-a-day filter; the
    number of rows removed is added to `removed[0]`.
    """
    seen: set[tuple[object, ...]] = set()
    for batch in batches:
        if mode == "story":
            seen = set()
        kept = []
        for event in batch:
            key = (event.source_code, event.target_code, event.event_code)
            if mode == "day":
                key = (event.date, *key)
            if key in seen:
                removed[0] += 1
                continue
            seen.add(key)
            kept.append(event)
        yield kept
