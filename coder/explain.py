"""Own explanations: why a sentence was or was not coded, step by step, for people."""

from __future__ import annotations

from datetime import date

from coder.actors import DocumentContext
from coder.document import Document, parse_article
from coder.patterns import Match, _match_literal
from coder.pipeline import Coder, SentenceTrace

MAX_NEAR_MISSES = 12


def _near_misses(coder: Coder, trace: SentenceTrace) -> list[str]:
    """Patterns whose first word is in the sentence but which did not match whole."""
    lows = [t.lower() for t in trace.tokens]
    matched = {m.pattern.id for m in trace.matches}
    out = []
    for i, low in enumerate(lows):
        for compiled in coder.patterns.by_anchor.get(low, ()):
            if compiled.pattern.id in matched:
                continue
            if _match_literal(compiled.steps[compiled.anchor], lows, i) < 0:  # type: ignore[arg-type]
                continue
            out.append(
                f"{compiled.pattern.id} {compiled.pattern.text!r} ({compiled.pattern.where}): "
                f"{trace.tokens[i]!r} matched, but not the rest of the pattern (a word or actor slot)"
            )
    return out


def _describe(match: Match, tokens: list[str]) -> str:
    def text(chunk: object) -> str:
        if chunk is None:
            return "-"
        return " ".join(tokens[chunk.start : chunk.end]) + f" [{'/'.join(chunk.codes)}]"  # type: ignore[attr-defined]

    words = " ".join(tokens[i] for i in sorted(match.positions))
    passive = ", passive" if match.passive else ""
    return (
        f"{match.pattern.id} ({match.pattern.code}) {match.pattern.text!r} on {words!r}{passive}: "
        f"source {text(match.source)}, target {text(match.target)}"
    )


def explain_text(coder: Coder, text: str, story_date: date | None = None) -> str:
    """Explain how every sentence of a text is coded."""
    document = parse_article(text, "text", "text", story_date)
    context = DocumentContext()
    out: list[str] = []
    for number, sentence in enumerate(coder.sentences(document), 1):
        trace = coder.trace_sentence(sentence, document.date, context, "text", number, decide=True)
        out.append(f"sentence {number}: {sentence}")
        out.append(f"  date: {trace.date or '-'} ({trace.date_precision})")
        out.append("  tokens: " + " ".join(trace.tokens))
        for clause in trace.skipped:
            why = "bracketed abbreviation" if clause.startswith("(") else "comma clause (comma_clauses)"
            out.append(f"  {why} left out: {clause!r}")
        out.append("  actors:")
        for chunk in trace.chunks:
            where = f" after {chunk.prep!r}" if chunk.prep else ""
            out.append(
                f"    {' '.join(trace.tokens[chunk.start : chunk.end])!r} -> {', '.join(chunk.codes)}"
                f"{where}  from {'; '.join(chunk.origin)}"
            )
        if not trace.chunks:
            out.append("    none found")
        out.append("  patterns matched:")
        kept = {id(m) for m in trace.kept}
        for match in trace.matches:
            if match.blocked:
                status = f"blocked: {match.blocked}"
            elif id(match) in kept:
                status = "kept"
            else:
                status = "dropped: a more specific pattern matched the same words"
            out.append(f"    {_describe(match, trace.tokens)} -> {status}")
        if not trace.matches:
            out.append("    none")
        misses = _near_misses(coder, trace)
        if misses:
            out.append("  near misses:")
            out.extend(f"    {m}" for m in misses[:MAX_NEAR_MISSES])
            if len(misses) > MAX_NEAR_MISSES:
                out.append(f"    ... and {len(misses) - MAX_NEAR_MISSES} more")
        if trace.discard:
            out.append(f"  discarded: the sentence contains {trace.discard!r}")
        if trace.prediction is not None:
            top = ", ".join(f"{label} {p:.2f}" for label, p in trace.prediction.top)
            out.append(f"  classifier ({coder.describe()}): {top}")
        elif coder.model is None:
            out.append("  classifier: none (rules only)")
        out.append("  rows:")
        for event in trace.events:
            out.append(
                f"    {event.source_code or '-'} {event.event_code} {event.target_code or '-'}"
                f"  ({event.event_name}; decided by {event.method}"
                f"{' with rule ' + event.rule_id if event.rule_id else ''}, confidence {event.confidence})"
            )
        for label, why in trace.dropped:
            out.append(f"    dropped {label}: {why}")
        if not trace.events and not trace.dropped:
            out.append("    none")
    if coder.taxonomy.name == "acled":
        out.extend(_acled_note(coder, text, story_date))
    return "\n".join(out)


def _acled_note(coder: Coder, text: str, story_date: date | None) -> list[str]:
    """Explain the note-level decisions of ACLED rows: which rule event stands for the note
    and why, what the model says, and the rows (docs/acled.md)."""
    from coder.acled import (
        SIZE_TAG,
        code_acled,
        document_type,
        is_note,
        note_event,
        noted_code,
        rules_type,
        tagged_type,
    )
    from coder.pipeline import Summary

    document = parse_article(text, "text", "text", story_date)
    if "\n\n" not in text.strip():
        # one paragraph reads as a note, as a table's notes column does (a one-line file
        # would read as a title)
        document = Document("text", document.date, "", (" ".join(text.split()),), "text")
    coder = coder.with_require("none")  # as `coder code --format acled` codes: actors may go unnamed
    events, _ = coder.code_document(document)
    whole = " ".join(document.paragraphs)
    out = ["ACLED:"]
    if not is_note(document):
        out.append("  an article (a title or several paragraphs): a row for each event its sentences report")
    else:
        out.append("  a note (one paragraph, no title): one event, the note's")
        codes = [noted_code(e, whole) for e in events]
        for event, code in zip(events, codes, strict=True):
            seen = f" -> {code} in the light of the note" if code != event.event_code else ""
            out.append(
                f"  rule event: {event.event_code}{seen} ({event.source_code or '-'} -> {event.target_code or '-'})"
            )
        tag = tagged_type(whole)
        if tag:
            out.append(f"  opening tag: {tag}")
        elif SIZE_TAG.search(whole):
            out.append("  crowd-size tag [size=...]: a protest or a riot")
        if codes and not tag:
            index, code = note_event(codes, whole)
            out.append(f"  the note's event: rule event {index + 1} as {code}")
        out.append(f"  the rules give: {rules_type(events, whole) or '-'}")
        if coder.model is not None:
            decided = document_type(coder, whole, events)
            out.append(f"  the model gives: {decided or '- (below the threshold: the rules decide)'}")
    rows = [row for batch in code_acled(coder, [document], Summary(), merge=False) for row in batch]
    for row in rows:
        out.append(
            f"  row: {row['event_date'] or '-'} {row['sub_event_type']} ({row['event_type']}): "
            f"{row['actor1'] or '-'} [{row['inter1']}] -> {row['actor2'] or '-'} [{row['inter2']}], "
            f"{row['location'] or row['admin1'] or row['country'] or '-'}, fatalities {row['fatalities']}"
        )
    if not rows:
        out.append("  row: none")
    return out
