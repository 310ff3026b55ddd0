"""Transformations: an event told by an outer verb is recoded, and only when the rule fits."""

from __future__ import annotations

from pathlib import Path

import pytest

from coder import Coder

CODEBOOK = Path(__file__).parent / "data" / "transform.yaml"


@pytest.fixture(scope="module")
def coder() -> Coder:
    return Coder(CODEBOOK)


def _rows(coder: Coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source_code, e.target_code, e.event_code) for e in coder.code_text(text)}


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # a (b . 19) say -> a b 112: the speaker accuses the attacker
        ("Hungary said Romania attacked Turkey.", {("HUN", "ROU", "112")}),
        # a (a b 19) claim -> a b 015: the speaker claims its own attack
        ("Hungary claimed that it had attacked Turkey.", {("HUN", "TUR", "015")}),
        # an event conjoined to the told one is told too
        ("Hungary says it bombed Turkey and attacked Qatar.", {("HUN", "TUR", "015"), ("HUN", "QAT", "015")}),
        # a (_ b 19) want -> a b 138; a (b . 19) want -> a b 021
        ("Hungary wants to attack Turkey.", {("HUN", "TUR", "138")}),
        ("Hungary wants Romania to attack Turkey.", {("HUN", "ROU", "021")}),
        # a (_ b 186) attempt -> a b 185
        ("Hungary tried to assassinate the Turkish minister.", {("HUN", "TURGOV", "185")}),
        # a (a b Q) say -> a b Q: the told event itself, without the speech
        ("Hungary said it visited Turkey.", {("HUN", "TUR", "042")}),
    ],
)
def test_a_fitting_rule_replaces_the_inner_and_outer_events(coder: Coder, text: str, rows: set) -> None:
    assert _rows(coder, text) == rows


@pytest.mark.parametrize(
    ("text", "rows"),
    [
        # wrong code family: no rule for another actor's visit, the speech and the visit stay
        ("Hungary said Romania visited Turkey.", {("HUN", "ROU", "010"), ("ROU", "TUR", "042")}),
        # wrong relation: attempt needs no subject of its own (`_`), here Romania is one; the
        # assassination, asked of Romania, has not happened either
        ("Hungary tried to get Romania to assassinate the Turkish minister.", set()),
        # no outer verb at all
        ("Romania attacked Turkey.", {("ROU", "TUR", "190")}),
        # a negated outer verb tells nothing
        ("Hungary did not say Romania attacked Turkey.", {("ROU", "TUR", "190")}),
        # the told clause has its own verb: the attack is not what is said
        ("Hungary says it has evidence showing Romania attacked Turkey.", {("ROU", "TUR", "190")}),
    ],
)
def test_a_rule_that_does_not_fit_leaves_the_events(coder: Coder, text: str, rows: set) -> None:
    assert _rows(coder, text) == rows


def test_explain_names_the_transformation(coder: Coder) -> None:
    trace = coder.trace_sentence("Hungary said Romania attacked Turkey.", None)
    assert [e.rule_id for e in trace.events] == ["says.other.attack"]
    assert any(m.blocked == "transformed by says.other.attack" for m in trace.matches)


def test_a_codebook_without_transformations_compiles_none() -> None:
    coder = Coder(Path(__file__).parent / "data" / "mini.yaml")
    assert coder.patterns.transformations == ()
    assert coder.patterns.outer_words == frozenset()


PROMISES = """
codebook: promises-test
taxonomy: cameo
extends: {base}
events:
  - code: "060"
    patterns: ["{{source}} provide {{target?}}"]
  - code: "070"
    patterns: ["{{source}} provide =aid {{target?}}"]
transformations:
  - id: promises.to.cooperate
    verb: promise
    inner: {{source: _, target: b, code: "06"}}
    result: {{source: a, target: b, code: "031"}}
  - id: promises.to.give
    verb: promise
    inner: {{source: _, target: b, code: "07"}}
    result: {{source: a, target: b, code: "033"}}
  - id: aids.to
    verb: aid
    inner: {{source: _, target: b, code: Q}}
    result: {{source: a, target: b, code: Q}}
"""


def test_an_outer_verb_inside_the_inner_event_does_not_hide_it(tmp_path: Path) -> None:
    path = tmp_path / "promises.yaml"
    path.write_text(PROMISES.format(base=CODEBOOK.resolve()), encoding="utf-8")
    coder = Coder(path)
    # "aid to rebuild" looks like an outer verb with its infinitive; it governs nothing here,
    # so the inner event of "promised" is the most specific match, "provide aid" (070 -> 033)
    assert _rows(coder, "Hungary promised to provide aid to rebuild Romania.") == {("HUN", "ROU", "033")}
    # `to` before an actor is no infinitive: "aid to Romania" is no outer verb at all
    assert _rows(coder, "Hungary promised to provide aid to Romania.") == {("HUN", "ROU", "033")}
    assert _rows(coder, "Hungary promised to provide Romania with food.") == {("HUN", "ROU", "031")}
