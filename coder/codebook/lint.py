"""Own codebook lint: warnings about gaps and near-duplicates that are not errors."""

from __future__ import annotations

import re
from datetime import timedelta

from coder.codebook.model import Codebook, Where
from coder.errors import Problem


def _warn(where: Where, code: str, key: str, message: str) -> Problem:
    return Problem(where.path, where.line, where.col, code, key, message)


def _fold(name: str) -> str:
    """Fold a name for near-duplicate detection: case, punctuation, a plural s."""
    folded = re.sub(r"[^a-z0-9 ]", "", name.lower().replace("-", " "))
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in folded.split())


def lint_codebook(book: Codebook) -> list[Problem]:
    """Return warnings: codes with no patterns, groups with no examples, date gaps, near-duplicates."""
    problems: list[Problem] = []
    with_patterns = {p.code for p in book.patterns}
    with_examples = {e.code for e in book.examples}
    for code, where in book.event_codes:
        if code not in with_patterns:
            problems.append(_warn(where, "W101", code, "event code with no patterns: add patterns or remove the group"))
        elif code not in with_examples:
            problems.append(_warn(where, "W102", code, "patterns with no examples: add an example sentence"))
    for actor in book.actors:
        dated = sorted((c for c in actor.codes if c.start or c.end), key=lambda c: c.start or c.end)  # type: ignore[arg-type, return-value]
        for before, after in zip(dated, dated[1:], strict=False):
            if before.end and after.start and after.start - before.end > timedelta(days=1):
                problems.append(
                    _warn(
                        actor.where,
                        "W103",
                        actor.names[0],
                        f"no code from {before.end + timedelta(days=1)} to "
                        f"{after.start - timedelta(days=1)}: close the gap or add a code",
                    )
                )
    seen: dict[str, tuple[str, Where, str]] = {}
    for actor in book.actors:
        code = actor.codes[0].code
        for name in (*actor.names, *actor.adjectives, *actor.capitals, *actor.cities):
            key = _fold(name)
            if key in seen and seen[key][0] != code and seen[key][2] != name:
                problems.append(
                    _warn(
                        actor.where,
                        "W104",
                        name,
                        f"near-duplicate of {seen[key][2]!r} ({seen[key][0]}) at {seen[key][1]}: "
                        "check they are meant to differ",
                    )
                )
            seen.setdefault(key, (code, actor.where, name))
    return sorted(problems, key=lambda p: (p.path, p.line, p.code))
