"""Own running a codebook's example sentences: expected rows versus what the coder gives."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from coder.codebook.model import Codebook, Example
from coder.errors import Problem
from coder.pipeline import Coder


@dataclass(frozen=True, slots=True)
class ExampleResult:
    example: Example
    expected: Counter[tuple[str, str, str]]
    got: Counter[tuple[str, str, str]]

    @property
    def passed(self) -> bool:
        return self.expected == self.got

    def problem(self) -> Problem:
        w = self.example.where

        def show(rows: Counter[tuple[str, str, str]]) -> str:
            return "; ".join(f"{s or '-'} {c} {t or '-'}" for s, t, c in sorted(rows)) or "nothing"

        return Problem(
            w.path,
            w.line,
            w.col,
            "C070",
            f"example for {self.example.code}",
            f"{self.example.text!r}: expected {show(self.expected)}; got {show(self.got)}",
        )


def run_examples(codebook: Codebook, coder: Coder | None = None) -> list[ExampleResult]:
    """Code every example sentence of a codebook and compare with its expected rows."""
    coder = coder or Coder(codebook)
    results = []
    for example in codebook.examples:
        events = coder.code_text(example.text, example.date, "example")
        got = Counter({(e.source_code, e.target_code, e.event_code) for e in events})
        expected = Counter({(r.source, r.target, r.code) for r in example.expect})
        results.append(ExampleResult(example, expected, got))
    return results
