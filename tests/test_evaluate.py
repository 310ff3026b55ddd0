"""Tests for the scoring of gold records."""

from __future__ import annotations

import pytest

from coder.evaluate import _require


@pytest.mark.parametrize(
    ("options", "require"),
    [
        ({}, "source"),
        ({"comma_emax": "8"}, "source"),
        ({"require_dyad": True}, "both"),
        ({"require_dyad": "TRUE"}, "both"),
        ({"require_dyad": False}, "source"),
        ({"require_dyad": "False"}, "source"),
        ({"require_dyad": " false "}, "source"),
    ],
)
def test_require_dyad_is_read_from_booleans_and_strings(options: dict[str, object], require: str) -> None:
    assert _require(options) == require


def test_a_record_without_the_option_keeps_the_coders_requirement() -> None:
    assert _require({}, "both") == "both"
    assert _require({"require_dyad": "false"}, "both") == "source"
