"""Own comma-clause skipping: the tokens of short comma-delimited clauses to leave out.

PETRARCH-1 drops such clauses before coding ("Arnor, its closest ally, said ..." is coded as
"Arnor said ..."): the clause before the first comma, each clause between two commas, and
the clause after the last comma, each when its number of words lies within the bounds set in
`coder.options.Options`. A comma that joins two actor names ("X, Y and Z met") is part of a
list, not a clause boundary: PETRARCH's parser keeps such commas inside the noun phrase.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from coder.options import Options


def _is_word(token: str) -> bool:
    return token not in ("'s", "’s") and any(ch.isalnum() for ch in token)


def skipped_clauses(lows: list[str], options: Options, joined: Collection[int] = ()) -> list[tuple[int, int]]:
    """Return the token spans (start, end) to leave out, each a clause with one of its commas.

    `joined` holds the positions of commas that join a list and delimit no clause.
    """
    commas = [i for i, low in enumerate(lows) if low == "," and i not in joined]
    if not commas:
        return []
    stop = len(lows)
    while stop > 0 and not _is_word(lows[stop - 1]):
        stop -= 1  # the sentence's closing punctuation stays
    if commas[-1] >= stop:
        commas = [c for c in commas if c < stop]
        if not commas:
            return []

    def words(first: int, end: int) -> int:
        return sum(1 for low in lows[first:end] if _is_word(low))

    def within(bounds: tuple[int, int], count: int) -> bool:
        low, high = bounds
        return high > 0 and low <= count <= high

    spans: list[tuple[int, int]] = []
    if within(options.start, words(0, commas[0])):
        spans.append((0, commas[0] + 1))  # the clause and its comma
    if within(options.end, words(commas[-1] + 1, stop)) and not (spans and len(commas) == 1):
        spans.append((commas[-1], stop))  # the comma and the clause; the full stop stays
    if options.middle[1]:
        for before, after in zip(commas, commas[1:], strict=False):
            if within(options.middle, words(before + 1, after)):
                spans.append((before, after))  # the first comma and the clause; the second stays
    return sorted(spans)


def kept_tokens(n: int, spans: list[tuple[int, int]]) -> list[int]:
    """Return the positions of the n tokens that lie outside the spans."""
    left_out = {i for start, end in spans for i in range(start, end)}
    return [i for i in range(n) if i not in left_out]


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&]+$")  # "LAF", "NAF", "CPN", "G7": two capitals or more
_GLOSS_PART = re.compile(r"^(?:[A-Z0-9][A-Za-z0-9&]*|-)$")


def glosses(texts: list[str]) -> list[tuple[int, int]]:
    """Return the token spans of bracketed abbreviations after a word, to leave out:
    "the Lebanese Armed Forces (LAF) said" is coded as "the Lebanese Armed Forces said".

    A gloss is one to three tokens in round brackets that open with an all-capitals
    abbreviation ("(LAF)", "(CPN - Maoists)"); a bracket that names a place or says anything
    else stays.
    """
    spans = []
    for i, token in enumerate(texts):
        if token != "(" or i == 0 or not any(ch.isalnum() for ch in texts[i - 1]):
            continue
        for j in range(i + 2, min(i + 5, len(texts))):
            if texts[j] == ")":
                inside = texts[i + 1 : j]
                if _ACRONYM.match(inside[0]) and all(_GLOSS_PART.match(t) for t in inside):
                    spans.append((i, j + 1))
                break
    return spans
