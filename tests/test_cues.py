"""Cue lexicons: one pass counts each group's matches; unknown sets are named."""

from __future__ import annotations

import numpy as np
import pytest

from coder.cues import ACLED_CUES, CueCounter, cue_patterns


def test_counts_each_group_log_scaled() -> None:
    counter = CueCounter({"fire": r"set fire|burn", "gas": r"tear ?gas"})
    matrix = counter.transform(["they set fire to tyres and burned a car", "police fired tear gas", "calm"])
    assert counter.names == ["fire", "gas"]
    assert np.allclose(matrix.toarray(), np.log1p([[2, 0], [0, 1], [0, 0]]))


def test_acled_cues_compile_and_see_the_size_tag() -> None:
    counter = CueCounter(ACLED_CUES)
    row = counter.transform(["On 1 May 2022, workers marched in the town. [size=dozens]"]).toarray()[0]
    assert row[counter.names.index("size_tag")] > 0 and row[counter.names.index("protest")] > 0


def test_unknown_cue_set_lists_the_known_ones() -> None:
    with pytest.raises(ValueError, match="use one of acled"):
        cue_patterns("nope")


def test_case_does_not_matter_whether_patterns_are_lower_case_or_not() -> None:
    text = ["Police FIRED Tear Gas as Protesters Burned tyres"]
    lower = CueCounter({"gas": r"tear ?gas", "fire": r"burn"})
    capital = CueCounter({"gas": r"Tear ?Gas", "fire": r"\bBurn"})  # matched case-blind
    assert np.allclose(lower.transform(text).toarray(), np.log1p([[1, 1]]))
    assert np.allclose(capital.transform(text).toarray(), np.log1p([[1, 1]]))


def test_phrase_groups_overlap_the_word_groups() -> None:
    # one pass gives a word to one group only; a phrase group is counted in a pass of its own
    counter = CueCounter(
        {"lethal": r"killed", "armed": r"soldiers?", "phrase:victim": r"killed\s+(?:\S+\s+)?soldiers?"}
    )
    matrix = counter.transform(["Gunmen killed two soldiers.", "Soldiers killed a man."]).toarray()
    assert np.allclose(matrix, np.log1p([[1, 1, 1], [1, 1, 0]]))


@pytest.mark.parametrize(
    "note, armed, civilian",
    [
        ("Gunmen shot dead two soldiers at a checkpoint.", 1, 0),
        ("A police officer was killed by militants.", 1, 0),
        ("Militants killed three villagers in their homes.", 0, 1),
        ("Two farmers were abducted by gunmen.", 0, 1),
        ("Soldiers clashed with rebels; no casualties.", 0, 0),
    ],
)
def test_acled_victim_cues_tell_who_was_hurt(note: str, armed: int, civilian: int) -> None:
    counter = CueCounter(ACLED_CUES)
    row = counter.transform([note]).toarray()[0]
    got = (row[counter.names.index("phrase:victim_armed")] > 0, row[counter.names.index("phrase:victim_civilian")] > 0)
    assert got == (bool(armed), bool(civilian))


def test_branches_grouped_by_first_character_match_as_the_plain_alternation() -> None:
    import re

    from coder.cues import _alternatives, _by_first_character

    branches = [
        f"{b}(?P<g{i}>)" for i, b in enumerate(_alternatives(ACLED_CUES["crowd_violence"] + r"|\bboy\b|\[size="))
    ]
    grouped = _by_first_character(branches)
    assert grouped != "|".join(branches) and grouped.startswith("v(?:andali[sz](?P<g0>))|b(?:")
    plain, fast = (re.compile(r"(?<![^\W_])(?:" + body + ")") for body in ("|".join(branches), grouped))
    text = "burnt tyres, a boy and _boy, x_boy, beat beaten [size=no report] set the car on fire; 2boy boy_"
    assert [(m.span(), m.lastgroup) for m in fast.finditer(text)] == [
        (m.span(), m.lastgroup) for m in plain.finditer(text)
    ]
    # a branch whose first character is not known (a set, a repeated letter) leaves them all as they are
    assert _by_first_character(["[ab]c", "d"]) == "[ab]c|d"
    assert _by_first_character(["a?b", "c"]) == "a?b|c"
