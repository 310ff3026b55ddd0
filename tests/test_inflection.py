"""Word forms: a base word matches its inflections."""

from __future__ import annotations

from coder.inflection import noun_forms, word_forms


def test_regular_verbs() -> None:
    assert {"attack", "attacks", "attacked", "attacking"} <= word_forms("attack")
    assert {"stop", "stops", "stopped", "stopping"} <= word_forms("stop")
    assert {"agree", "agreed", "agreeing"} <= word_forms("agree")
    assert {"deny", "denies", "denied", "denying"} <= word_forms("deny")


def test_irregular_verbs() -> None:
    assert {"meet", "met", "meeting"} <= word_forms("meet")
    assert {"hold", "held"} <= word_forms("hold")
    assert {"strike", "struck"} <= word_forms("strike")


def test_nouns() -> None:
    assert noun_forms("ministry") == {"ministry", "ministries"}
    assert noun_forms("policeman") == {"policeman", "policemen"}
    assert "airstrikes" in word_forms("airstrike")
