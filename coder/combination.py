"""Own combining the classifier with the rules: which part decides each row.

Policies: `model-first` (the default when a model is given: a confident model decides the
event type; rules supply the fine code and the actors when they agree), `rules-first` (rules
decide where they match; the model fills in sentences no rule coded), `rules-only`, and
`model-only`. Every row says which decided (`method`: rule, model, both), how sure
(`confidence`) and which rule (`rule_id`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from coder.actors import Chunk
from coder.events import Event
from coder.labels import NONE, code_label
from coder.taxonomy import Taxonomy

POLICIES = ("model-first", "rules-first", "rules-only", "model-only")


@dataclass(frozen=True, slots=True)
class Prediction:
    """The classifier's verdict on one sentence."""

    label: str
    probability: float
    top: tuple[tuple[str, float], ...]


def rule_tokens(events: list[Event], label_set: str) -> str:
    """Describe the rules' codes as extra tokens for a model trained with rules in the loop."""
    # a label may have spaces or slashes ("Air/drone strike"): one token keeps only its word characters
    return " ".join(sorted({"rulelabel" + re.sub(r"\W", "", code_label(e.event_code, label_set)) for e in events}))


def model_code(label: str, label_set: str, taxonomy: Taxonomy) -> str:
    """Return the event code a model label stands for, or '' if it names no code."""
    if label == NONE:
        return ""
    if label_set.startswith("acled") and label in taxonomy:
        return label
    if label_set == "cameo-code" and label in taxonomy:
        return label
    if label_set == "cameo-root" and f"{label}0" in taxonomy:
        return f"{label}0"
    return ""


def heuristic_dyad(chunks: list[Chunk]) -> tuple[Chunk | None, Chunk | None]:
    """Guess source and target with no pattern: the first actor outside a PP, then the next actor."""
    source = next((c for c in chunks if not c.prep), None)
    if source is None:
        return None, None
    target = next((c for c in chunks if c.start >= source.end), None)
    return source, target


def combine(
    events: list[Event],
    prediction: Prediction | None,
    *,
    policy: str,
    threshold: float,
    label_set: str,
    taxonomy: Taxonomy,
    fallback: Event | None,
) -> tuple[list[Event], list[tuple[str, str]]]:
    """Decide a sentence's rows from its rule events and the model's prediction.

    `fallback` is a row built from the sentence's actors with no pattern (code left empty),
    used when the model codes a sentence no rule matched. Returns rows and (row, why) drops.
    """
    dropped: list[tuple[str, str]] = []
    # an ACLED model judges whole notes (`coder.acled.document_type`), not single sentences
    if prediction is None or policy == "rules-only" or label_set.startswith("acled"):
        return events, dropped
    label, p = prediction.label, round(prediction.probability, 3)
    confident = p >= threshold
    agree = [e for e in events if code_label(e.event_code, label_set) == label]

    def model_row(base: Event) -> Event | None:
        code = model_code(label, label_set, taxonomy)
        if not code:
            return None
        kind = taxonomy.get(code)
        assert kind is not None
        return replace(
            base,
            event_code=code,
            event_root=kind.root,
            event_name=kind.name,
            quad_class=kind.quad_class,
            goldstein=kind.goldstein,
            method="model",
            confidence=p,
        )

    if policy == "model-only":
        if not confident or label == NONE:
            return [], [
                (f"{e.source_code} {e.event_code} {e.target_code}", f"model-only: model says {label} ({p})")
                for e in events
            ]
        base = events[0] if events else fallback
        row = model_row(base) if base is not None else None
        return ([row] if row else []), dropped
    if events and agree:
        return [
            replace(e, method="both", confidence=max(p, e.confidence)) if e in agree else e for e in events
        ], dropped
    if events:  # the rules coded something the model disagrees with
        if policy == "rules-first" or not confident:
            return events, dropped
        if label == NONE:
            return [], [
                (
                    f"{e.source_code} {e.event_code} {e.target_code}",
                    f"model-first: the model says no event ({p} >= {threshold})",
                )
                for e in events
            ]
        rows = [r for r in (model_row(e) for e in events[:1]) if r is not None]
        return rows, [
            (f"{e.source_code} {e.event_code} {e.target_code}", f"model-first: the model says {label} ({p})")
            for e in events
        ] if rows else []
    # no rule matched: a confident model codes the sentence with the actors in sight
    if confident and label != NONE and fallback is not None:
        row = model_row(fallback)
        return ([row] if row else []), dropped
    return events, dropped
