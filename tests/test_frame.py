"""The DataFrame interface gives the same rows as the CLI's coder."""

from __future__ import annotations

from datetime import date

import pandas as pd

from coder import Coder, code_dataframe


def test_code_dataframe_matches_coder(mini_codebook) -> None:
    frame = pd.DataFrame(
        {
            "id": ["a", "b", "c"],
            "date": ["2019-12-07", None, "2019-12-07"],
            "text": ["Russian aircraft bombed Idlib on Monday.", "Turkey visited Russia.", ""],
        }
    )
    events = code_dataframe(frame, mini_codebook)
    assert list(events["event_code"]) == ["195", "042"]
    assert list(events["date"]) == ["2019-12-02", ""]
    [expected] = Coder(mini_codebook).code_text("Russian aircraft bombed Idlib on Monday.", date(2019, 12, 7), "a")
    assert events["event_id"].iloc[0] == expected.event_id == "a-1-195-RUSMIL-SYR"


def test_empty_frame_has_columns(mini_codebook) -> None:
    events = code_dataframe(pd.DataFrame({"id": [], "text": []}), mini_codebook)
    assert len(events) == 0 and "event_code" in events.columns
