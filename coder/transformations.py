"""Own transformations: an event told by an outer verb, recoded ("X says Y attacked Z": X accuses Y).

A codebook's `transformations:` name an outer verb (say, want, attempt), the inner event it
governs (a code or code family, with how its subject and target stand to the outer verb's
subject) and the event to code instead. They are applied to a sentence's matches around
pattern selection: the inner event is the first event selected after the outer verb once
the matches on the outer verb itself are set aside; when a rule fits, its event replaces the
inner event (and any event conjoined to it, "attacked X and took Y"), and the matches on the
outer verb code nothing. A sentence whose words hold no outer verb is selected as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from coder.actors import Chunk
from coder.codebook.model import Pattern, Transformation
from coder.patterns import (
    CONJUNCTIONS,
    FUNCTION_WORDS,
    SUBJECT_PRONOUNS,
    Compiled,
    Literal,
    Match,
    SentenceMatcher,
    select,
)
from coder.patterns import _match_literal as match_literal

ANY = "Q"  # any inner code; in a result, the inner event's code
_PRONOUN = object()  # the inner event's subject is a pronoun: the outer subject ("X said it ...")
_NO_AGENT = object()  # a passive inner event without its doer: fits only `.`
_FAR = object()  # the inner verb stands too far from its subject to be the told clause's verb
_FINITE = object()  # no subject of its own, yet no infinitive: "met X, discussing Y"; fits only `.`
CLOSE = 3  # words allowed between the inner event's subject (or the outer verb) and its verb
_STOPS = frozenset(";:") | {"who", "which", "whom", "whose"}  # words ending the outer verb's reach


@dataclass(frozen=True, slots=True)
class _Fired:
    """A transformation that fits: the outer verb's words, the inner match and the new match."""

    outer: frozenset[int]
    inner: Match
    match: Match


def apply_transformations(matcher: SentenceMatcher, live: list[Match], negated: Sequence[Match] = ()) -> list[Match]:
    """Select a sentence's matches (`select`, with the `negated` ones that subordinate their
    complements), applying the codebook's transformations."""
    lows = matcher.lows
    by_word: dict[str, tuple[tuple[Transformation, Literal], ...]] = matcher.index.outer_rules
    only_infinitive = matcher.index.only_infinitive
    outers: list[tuple[int, int, list[Transformation]]] = []
    if by_word and not matcher.index.outer_words.isdisjoint(matcher.present):
        for p, low in enumerate(lows):
            if low not in by_word or (low in only_infinitive and "to" not in lows[p + 1 : p + 4]):
                continue
            fitting = [(rule, match_literal(literal, lows, p)) for rule, literal in by_word[low]]
            # a rule for a complement with no subject of its own ("wants to attack") needs
            # `to` after the verb: elsewhere the verb is no outer verb for it (and its own
            # matches stay candidates for the inner event of another outer verb)
            fitting = [(r, end) for r, end in fitting if end > p and (r.inner_source != "_" or _to_after(matcher, end))]
            if fitting:
                outers.append((p, max(end for _, end in fitting), [rule for rule, _ in fitting]))
    if not outers:
        return select(live, lows, negated)
    words = {q for p, end, _ in outers for q in range(p, end)}
    fired: list[_Fired] = []
    for _ in range(2):
        # the inner events: the selection once the matches on outer verbs are set aside (made
        # on copies, as `select` marks the matches it subordinates)
        trial = select([replace(m) for m in live if not m.positions & words], lows, negated)
        trial.sort(key=lambda m: min(m.positions))
        fired = [f for p, end, outer_rules in outers for f in _fire(matcher, p, end, outer_rules, trial, words)]
        if not fired:
            return select(live, lows, negated)
        used = {q for f in fired for q in f.outer}
        unused = words - used
        if not unused or not any(m.positions & unused for m in live):
            break  # no match stands on an outer verb that governs nothing: the trial holds
        # Only some outer verbs fired ("promised to provide economic aid to X": `aid to` looked
        # like one): set aside just those, and find the inner events again, so that each inner
        # event is one the final selection keeps ("provide economic aid", not "provide").
        outers = [(p, end, rules) for p, end, rules in outers if set(range(p, end)) <= used]
        words = used
    for match in live:
        for f in fired:
            if match.positions & f.outer:
                match.blocked = f"outer verb of transformation {f.match.pattern.id}"
    kept = select([m for m in live if not m.positions & used], lows, negated)
    waiting = {(f.inner.pattern.id, f.inner.positions): f for f in fired}
    out = [m for m in kept if not any(m.positions & f.inner.positions for f in fired)]
    for match in kept:
        done = waiting.pop((match.pattern.id, match.positions), None)
        if done is not None:
            match.blocked = f"transformed by {done.match.pattern.id}"
            out.append(done.match)
    return sorted(out, key=lambda m: min(m.positions))


def _to_after(matcher: SentenceMatcher, end: int) -> bool:
    """Say whether `to` follows a verb ending at end, directly or after one word ("agreed
    to lift", "wants quickly to"), and no actor follows it ("aid to Egypt")."""
    lows = matcher.lows
    at = next((q for q in range(end, min(end + 2, len(lows))) if lows[q] == "to"), -1)
    return at >= 0 and at + 1 not in matcher.ends


def _fire(
    matcher: SentenceMatcher,
    p: int,
    end: int,
    rules: list[Transformation],
    trial: list[Match],
    words: set[int],
) -> list[_Fired]:
    """Apply the first rule that fits the outer verb at p and the event it governs: the first
    event after it, with no other outer verb, clause stop or new conjoined clause between."""
    speaker = matcher.subject_before(p)
    if matcher.negated(p):
        return []  # "X did not say Y attacked Z" tells no accusation
    following = [m for m in trial if min(m.positions) >= end]
    if speaker is None or not following:
        return []
    first = following[0]
    start = min(first.positions)
    if any(q in words for q in range(end, start)) or _breaks(matcher, end, start, first):
        return []
    own = _own_subject(matcher, end, start, first)
    for rule in rules:
        bound = _bind(rule, speaker, own, first)
        if bound is None:
            continue
        outer = frozenset(range(p, end))
        out = [_Fired(outer, first, _result(rule, bound, first, outer))]
        previous = first
        for later in following[1:]:
            # "claimed X had attacked Y and taken Z": an event conjoined to the inner one, with
            # no subject of its own, is told by the outer verb too
            if later.positions == previous.positions:
                continue  # the reverse of a match (`reverse:`)
            last = max(max(previous.positions) + 1, previous.target.end if previous.target else 0)
            first_word = min(later.positions)
            between = matcher.lows[last:first_word]
            if (
                later.passive
                or not any(w in CONJUNCTIONS for w in between)
                or _subject_between(matcher, last, first_word)
            ):
                break
            more = _bind(rule, speaker, own, later)
            if more is None:
                break
            out.append(_Fired(outer, later, _result(rule, more, later, outer)))
            previous = later
        return out
    return []


def _breaks(matcher: SentenceMatcher, end: int, start: int, inner: Match) -> bool:
    """Say whether the inner event lies out of the outer verb's reach: a clause stop, or a
    conjunction outside an actor phrase, between them."""
    inside = {q for c in matcher.chunks if end <= c.start and c.end <= start for q in range(c.start, c.end)}
    return any(
        low in _STOPS or (low in CONJUNCTIONS and q not in inside) for q, low in enumerate(matcher.lows[end:start], end)
    )


def _subject_between(matcher: SentenceMatcher, end: int, start: int) -> bool:
    """Say whether an actor or subject pronoun stands between two positions."""
    return any(end <= c.start and c.end <= start for c in matcher.chunks) or any(
        low in SUBJECT_PRONOUNS or low == "it" for low in matcher.lows[end:start]
    )


def _own_subject(matcher: SentenceMatcher, end: int, start: int, inner: Match) -> object:
    """Return the inner event's own subject after the outer verb: the first actor there not
    after a preposition ("wants X to attack", "said that X attacked"), `_PRONOUN` for a
    subject pronoun ("said it attacked"), None for none ("wants to attack"); `_FAR` when the
    inner verb does not follow it closely ("says it has evidence proving X ..."), as then
    the inner event is no verb of the told clause. A passive inner event's subject is its
    doer, if it names one."""
    if inner.passive:
        return inner.source if inner.source is not None else _NO_AGENT
    own: object = None
    after = end
    for q in range(end, start):
        chunk = next((c for c in matcher.chunks if c.start == q and c.end <= start), None)
        if chunk is not None and not chunk.prep and chunk is not inner.target:
            own, after = chunk, chunk.end
            break
        if matcher.lows[q] in SUBJECT_PRONOUNS or matcher.lows[q] == "it":
            own, after = _PRONOUN, q + 1
            break
    if start - after > CLOSE:
        return _FAR
    if own is None and not _infinitive(matcher.lows, end, start):
        return _FINITE
    return own


def _infinitive(lows: list[str], end: int, start: int) -> bool:
    """Say whether the verb at start is an infinitive after the outer verb ("wants to attack",
    "pledged to quickly expel", "want to re-examine"): `to` before it, with at most an adverb
    or the parts of a hyphenated word between."""
    for q in range(start - 1, max(end, start - 4) - 1, -1):
        if lows[q] == "to":
            return True
        if not (lows[q] == "-" or (lows[q].isalpha() and lows[q] not in FUNCTION_WORDS)):
            return False
    return False


def _same(one: Chunk, other: Chunk) -> bool:
    return one is other or set(one.codes) == set(other.codes)


def _bind(rule: Transformation, speaker: Chunk, own: object, inner: Match) -> dict[str, Chunk] | None:
    """Bind the rule's variables to the actors, or return None if the rule does not fit."""
    code = inner.pattern.code
    if own is _FAR:
        return None
    if rule.inner_code != ANY and not code.startswith(rule.inner_code):
        return None
    bound: dict[str, Chunk] = {"a": speaker}
    subject = rule.inner_source
    if subject == "a" and not (own is _PRONOUN or (isinstance(own, Chunk) and _same(own, speaker))):
        return None
    if subject == "_" and own is not None:
        return None
    if subject == "b":
        if not isinstance(own, Chunk) or _same(own, speaker):
            return None
        bound["b"] = own
    target = inner.target
    wanted = rule.inner_target
    if wanted == "_" and target is not None:
        return None
    if wanted in ("a", "b") and target is None:
        return None
    if wanted == "a" and target is not None and not _same(target, speaker):
        return None
    if wanted == "b" and target is not None:
        if _same(target, speaker) or ("b" in bound and not _same(target, bound["b"])):
            return None
        bound["b"] = target
    return bound


def _result(rule: Transformation, bound: dict[str, Chunk], inner: Match, outer: frozenset[int]) -> Match:
    """Build the match that codes the transformed event in place of the inner one."""
    code = inner.pattern.code if rule.code == ANY else rule.code
    pattern = Pattern(
        rule.id,
        code,
        f"{rule.id}: transformation of {inner.pattern.id}",
        (*rule.verbs[:1], *inner.pattern.elements),
        rule.where,
    )
    compiled = Compiled(pattern, inner.compiled.order, (), 0, False, (), pattern.specificity)
    return Match(compiled, inner.positions | outer, bound[rule.source], bound[rule.target])
