"""The shipped codebook, model and samples: valid, every example passes, the quick start codes."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from coder import Coder
from coder.acled import disorder_types
from coder.classifier import load_model
from coder.cli import app
from coder.codebook.examples import run_examples
from coder.codebook.load import check_codebook
from coder.pipeline import DEFAULT_CODEBOOK, DEFAULT_MODEL

ROOT = Path(__file__).resolve().parents[1]
_CODER: list[Coder] = []


def _coder() -> Coder:
    if not _CODER:
        _CODER.append(Coder(DEFAULT_CODEBOOK))
    return _CODER[0]


def test_shipped_codebook_has_no_problems() -> None:
    book, problems = check_codebook(DEFAULT_CODEBOOK)
    assert book is not None and [str(p) for p in problems] == []
    assert len(book.examples) > 500 and len({c for c, _ in book.event_codes}) > 250


def test_every_shipped_example_passes() -> None:
    failures = [str(r.problem()) for r in run_examples(_coder().codebook, _coder()) if not r.passed]
    assert failures == []


def test_acled_codebook_is_valid_and_its_examples_pass() -> None:
    path = ROOT / "codebooks" / "acled.yaml"
    book, problems = check_codebook(path)
    assert book is not None and [str(p) for p in problems] == []
    # the 25 sub-event types, and the null code of what is not an event (calls, accusations)
    assert book.taxonomy.name == "acled" and {c for c, _ in book.event_codes} - {"---"} == set(disorder_types())
    coder = Coder(path)
    assert [str(r.problem()) for r in run_examples(book, coder) if not r.passed] == []


@pytest.mark.parametrize("path", sorted((ROOT / "codebooks").rglob("*.yaml")), ids=lambda p: p.name)
def test_codebook_files_name_the_schema(path: Path) -> None:
    assert path.read_text(encoding="utf-8").startswith("# yaml-language-server: $schema=")


def test_shipped_model_is_small_and_loads() -> None:
    assert DEFAULT_MODEL.stat().st_size < 5_000_000
    model, header = load_model(DEFAULT_MODEL)
    assert header["label_set"] == "cameo-root" and "none" in header["labels"]
    assert len(model.classes_) == 21


def test_quick_start_codes_every_sample(tmp_path: Path) -> None:
    out = tmp_path / "events.csv"
    result = CliRunner().invoke(app, ["code", str(ROOT / "data" / "samples"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "10 documents read, 10 coded, 0 skipped" in result.stderr
    assert "model-first" in result.stderr
    text = out.read_text(encoding="utf-8")
    for number in range(1, 11):
        assert f"\n{number:02d}-" in text or f",{number:02d}-" in text
