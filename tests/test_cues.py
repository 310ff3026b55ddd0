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
