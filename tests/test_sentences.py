"""Sentence splitting and tokenisation."""

from __future__ import annotations

import pytest

from coder.sentences import MAX_SENTENCE_CHARS, split_sentences, tokenize


@pytest.mark.parametrize(
    "text, count",
    [
        ("Mr. Smith met Gen. John F. Kennedy at the U.S. Army base on Jan. 5. It rained.", 2),
        ("The deal is worth $1.5 billion. Talks resume on No. 10 Downing Street.", 2),
        ('"We will not retreat," the minister said. Troops moved in.', 2),
        ("Sanctions were imposed by the U.S. The move angered Tehran.", 2),
        ("Headline without a full stop", 1),
        ("Who attacked? Nobody knows! Police said so.", 3),
    ],
)
def test_split_sentences(text: str, count: int) -> None:
    assert len(list(split_sentences(text))) == count


def test_long_runs_are_cut_to_bounded_pieces() -> None:
    pieces = list(split_sentences("word " * 100_000))
    assert len(pieces) > 100
    assert max(len(p) for p in pieces) <= MAX_SENTENCE_CHARS


def test_tokenize_splits_possessives_contractions_and_hyphens() -> None:
    assert tokenize("Libya's minister didn't visit al-Qaeda's U.S. base.") == [
        "Libya",
        "'s",
        "minister",
        "did",
        "n't",
        "visit",
        "al",
        "-",
        "Qaeda",
        "'s",
        "U.S.",
        "base",
        ".",
    ]


def test_tokenize_keeps_numbers_whole() -> None:
    assert tokenize("1,000 troops and 2.5 tonnes") == ["1,000", "troops", "and", "2.5", "tonnes"]


def test_tokenize_splits_words_joined_by_underscores() -> None:
    assert tokenize("the Cair_Paravel court") == ["the", "Cair", "Paravel", "court"]


def test_tokenize_reads_html_entities_so_their_semicolon_is_no_token() -> None:
    assert tokenize("Narnia &amp; Archenland said &quot;no&quot;") == [
        "Narnia",
        "&",
        "Archenland",
        "said",
        '"',
        "no",
        '"',
    ]
    assert tokenize("R&D; costs") == ["R", "&", "D", ";", "costs"]
