"""Run every sentence case in tests/cases/: text, date, expected rows."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
import yaml

from coder import Coder

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))
_CODERS: dict[str, Coder] = {}


def _coder(name: str) -> Coder:
    if name not in _CODERS:
        root = Path(__file__).parent
        path = root / "data" / "mini.yaml" if name == "mini" else root.parent / "codebooks" / f"{name}.yaml"
        _CODERS[name] = Coder(path)
    return _CODERS[name]


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_case(path: Path) -> None:
    case = yaml.safe_load(path.read_text(encoding="utf-8"))
    story = date.fromisoformat(case["date"]) if case.get("date") else None
    events = _coder(case.get("codebook", "mini")).code_text(case["text"], story)
    got = Counter((e.source_code, e.target_code, e.event_code) for e in events)
    expected = Counter((r["source"], r.get("target", ""), r["code"]) for r in case["expect"])
    assert got == expected
    for row in case["expect"]:
        if "date" in row or "precision" in row:
            event = next(e for e in events if (e.source_code, e.target_code) == (row["source"], row.get("target", "")))
            if "date" in row:
                assert event.date == date.fromisoformat(row["date"])
            if "precision" in row:
                assert event.date_precision == row["precision"]
