"""Combining the classifier with the rules under each policy."""

from __future__ import annotations

from datetime import date

from coder.combination import Prediction, combine
from coder.events import Event
from coder.taxonomy import load_taxonomy

CAMEO = load_taxonomy("cameo")


def _event(code: str, source: str = "RUSMIL", target: str = "SYR", method: str = "rule") -> Event:
    kind = CAMEO.get(code)
    return Event(
        "d",
        1,
        date(2020, 1, 1),
        "story",
        "x",
        source,
        source[:3],
        "y",
        target,
        target[:3],
        code,
        kind.root if kind else "",
        kind.name if kind else "",
        "",
        None,
        method,
        "r.1",
        0.7,
        "s",
    )


def _run(events, label, p, policy, fallback=None):
    return combine(
        events,
        Prediction(label, p, ((label, p),)),
        policy=policy,
        threshold=0.5,
        label_set="cameo-root",
        taxonomy=CAMEO,
        fallback=fallback,
    )


def test_agreement_keeps_the_rule_code_and_says_both() -> None:
    rows, _ = _run([_event("195")], "19", 0.9, "model-first")
    assert [(r.event_code, r.method, r.confidence) for r in rows] == [("195", "both", 0.9)]


def test_model_first_overrides_a_disagreeing_rule_when_confident() -> None:
    rows, dropped = _run([_event("042")], "19", 0.8, "model-first")
    assert [(r.event_code, r.method, r.source_code, r.rule_id) for r in rows] == [("190", "model", "RUSMIL", "r.1")]
    assert "the model says 19" in dropped[0][1]


def test_model_first_defers_to_rules_below_threshold() -> None:
    rows, _ = _run([_event("042")], "19", 0.3, "model-first")
    assert [(r.event_code, r.method) for r in rows] == [("042", "rule")]


def test_rules_first_keeps_rules_and_model_fills_gaps() -> None:
    rows, _ = _run([_event("042")], "19", 0.9, "rules-first")
    assert [(r.event_code, r.method) for r in rows] == [("042", "rule")]
    fallback = _event("", method="model")
    rows, _ = _run([], "19", 0.9, "rules-first", fallback)
    assert [(r.event_code, r.method) for r in rows] == [("190", "model")]


def test_model_says_no_event() -> None:
    rows, dropped = _run([_event("042")], "none", 0.9, "model-first")
    assert rows == [] and "no event" in dropped[0][1]


def test_model_only_and_rules_only() -> None:
    rows, _ = _run([_event("042")], "04", 0.9, "model-only")
    assert [(r.event_code, r.method) for r in rows] == [("040", "model")]
    rows, _ = _run([_event("042")], "19", 0.99, "rules-only")
    assert [(r.event_code, r.method) for r in rows] == [("042", "rule")]
