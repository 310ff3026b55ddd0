"""Own codebook diffs: patterns and actors added, removed or changed, and events that move."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from coder.codebook.model import Codebook


@dataclass(slots=True)
class CodebookDiff:
    """What changed from one codebook to another."""

    added_patterns: list[str] = field(default_factory=list)
    removed_patterns: list[str] = field(default_factory=list)
    changed_patterns: list[str] = field(default_factory=list)
    added_actors: list[str] = field(default_factory=list)
    removed_actors: list[str] = field(default_factory=list)
    changed_actors: list[str] = field(default_factory=list)
    appeared: list[str] = field(default_factory=list)
    disappeared: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        for title, items, mark in (
            ("patterns added", self.added_patterns, "+"),
            ("patterns removed", self.removed_patterns, "-"),
            ("patterns changed", self.changed_patterns, "~"),
            ("actors added", self.added_actors, "+"),
            ("actors removed", self.removed_actors, "-"),
            ("actors changed", self.changed_actors, "~"),
            ("events that appear", self.appeared, "+"),
            ("events that disappear", self.disappeared, "-"),
        ):
            if items:
                out.append(f"{title} ({len(items)}):")
                out.extend(f"  {mark} {item}" for item in items)
        return out or ["no differences"]


def _patterns(book: Codebook) -> dict[str, str]:
    return {" ".join(p.text.lower().split()): p.code for p in book.patterns}


def _actors(book: Codebook) -> dict[str, str]:
    out = {}
    for actor in book.actors:
        codes = ", ".join(
            f"{c.code}" + (f" {c.start or ''}..{c.end or ''}" if c.start or c.end else "") for c in actor.codes
        )
        for name in actor.names:
            out[name] = codes
    return out


def diff_codebooks(old: Codebook, new: Codebook, corpus: Iterable[object] = ()) -> CodebookDiff:
    """Compare two codebooks; with a corpus of documents, also the events each gives."""
    result = CodebookDiff()
    for mine, theirs, added, removed, changed in (
        (_patterns(old), _patterns(new), result.added_patterns, result.removed_patterns, result.changed_patterns),
        (_actors(old), _actors(new), result.added_actors, result.removed_actors, result.changed_actors),
    ):
        for key in sorted(theirs.keys() - mine.keys()):
            added.append(f"{key} [{theirs[key]}]")
        for key in sorted(mine.keys() - theirs.keys()):
            removed.append(f"{key} [{mine[key]}]")
        for key in sorted(mine.keys() & theirs.keys()):
            if mine[key] != theirs[key]:
                changed.append(f"{key}: {mine[key]} -> {theirs[key]}")
    documents = list(corpus)
    if documents:
        from coder.pipeline import Coder

        def events(book: Codebook) -> set[str]:
            coder = Coder(book)
            return {
                f"{e.doc_id}#{e.sentence_id}: {e.source_code or '-'} {e.event_code} {e.target_code or '-'}"
                for e in coder.code_documents(documents)  # type: ignore[arg-type]
            }

        before, after = events(old), events(new)
        result.appeared = sorted(after - before)
        result.disappeared = sorted(before - after)
    return result
