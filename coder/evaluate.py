"""Own scoring against gold files: (source, target, code) triples per record as multisets.

Scoring follows the reference coders' convention (see the gold README): duplicate triples
within a record are removed, then predicted and expected triples are matched as multisets;
precision = matched / predicted, recall = matched / expected; a record is exact when its
predicted set equals its expected set. Lenient figures compare only the code's root and the
source and target countries.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coder.dates import parse_date
from coder.errors import CoderError
from coder.pipeline import Coder

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold record: text, story date, category, expected triples, options."""

    id: str
    text: str
    date: str
    category: str
    events: tuple[Triple, ...]
    options: dict[str, Any]
    origin: str


@dataclass(slots=True)
class Tally:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    records: int = 0
    exact: int = 0

    def add(self, predicted: Counter[Triple], expected: Counter[Triple]) -> None:
        self.matched += sum((predicted & expected).values())
        self.predicted += sum(predicted.values())
        self.expected += sum(expected.values())
        self.records += 1
        self.exact += predicted == expected

    def figures(self) -> dict[str, float | int]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.expected if self.expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "records": self.records,
            "records_exact": round(self.exact / self.records, 4) if self.records else 0.0,
            "matched": self.matched,
            "predicted": self.predicted,
            "expected": self.expected,
        }


@dataclass(slots=True)
class Report:
    overall: Tally = field(default_factory=Tally)
    lenient: Tally = field(default_factory=Tally)
    per_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.overall.figures())
        out["per_category"] = {k: v.figures() for k, v in sorted(self.per_category.items())}
        lenient = self.lenient.figures()
        out["lenient"] = {k: lenient[k] for k in ("precision", "recall", "f1")}
        return out


def read_gold(path: Path) -> list[GoldRecord]:
    """Read a gold JSON Lines file; a malformed line is an error naming file and line."""
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CoderError(f"{path}: cannot read: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            events = tuple((e.get("source", ""), e.get("target", ""), str(e["code"])) for e in raw.get("events", []))
            records.append(
                GoldRecord(
                    str(raw["id"]),
                    raw["text"],
                    str(raw.get("date", "")),
                    raw.get("category", ""),
                    events,
                    raw.get("options") or {},
                    f"{path}:{number}",
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise CoderError(f"{path}:{number}: not a gold record ({exc}); see the gold format in the README") from None
    return records


def lenient_triple(triple: Triple, country_of: Any) -> Triple:
    source, target, code = triple
    return (country_of(source) or source[:3], country_of(target) or target[:3], code[:2])


def _clean(code: str) -> str:
    return code.strip().strip('"')


def score(coder: Coder, records: Iterable[GoldRecord]) -> Report:
    """Code every record and score it against its expected triples."""
    report = Report()
    country_of = coder.actors.country_of
    for record in records:
        require = "both" if record.options.get("require_dyad", True) else "source"
        day = parse_date(record.date)
        events = coder.with_require(require).code_text(record.text, day, record.id)
        predicted = Counter(set((e.source_code, e.target_code, e.event_code) for e in events))
        expected = Counter(set((_clean(s), _clean(t), c) for s, t, c in record.events))
        report.overall.add(predicted, expected)
        report.per_category[record.category].add(predicted, expected)
        report.lenient.add(
            Counter({lenient_triple(t, country_of) for t in predicted}),
            Counter({lenient_triple(t, country_of) for t in expected}),
        )
        if predicted != expected:
            report.misses.append(
                {"id": record.id, "text": record.text, "expected": sorted(expected), "predicted": sorted(predicted)}
            )
    return report


def format_report(report: Report) -> str:
    """Render a report as a table for people."""
    lines = [f"{'category':<16} {'records':>7} {'exact':>6} {'prec':>6} {'recall':>6} {'f1':>6}"]

    def row(name: str, tally: Tally) -> str:
        f = tally.figures()
        return (
            f"{name:<16} {f['records']:>7} {f['records_exact']:>6.3f} {f['precision']:>6.3f} "
            f"{f['recall']:>6.3f} {f['f1']:>6.3f}"
        )

    for name, tally in sorted(report.per_category.items()):
        lines.append(row(name, tally))
    lines.append(row("ALL", report.overall))
    lines.append(row("ALL (lenient)", report.lenient))
    return "\n".join(lines)
