"""Own event-pattern matching: a tokenised sentence with its actor phrases -> matches.

Patterns are indexed by their first word's forms, so a sentence costs one dictionary lookup
per token plus the work on the few patterns that could match there. Around that anchor the
other words are matched forward and backward within the clause, `{source}` is the clause's
subject (the first actor outside a prepositional phrase), `{target}` the first actor after
its word. Passive voice swaps the roles; negation blocks the match but keeps it, so that
`explain` can say why nothing was coded.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import product
from typing import TypeVar

from coder.actors import PREPOSITIONS, Chunk
from coder.codebook.model import Codebook, Element, Pattern, Transformation
from coder.dates import MONTHS
from coder.inflection import PARTICIPLES, word_forms
from coder.sentences import fold, tokenize

T = TypeVar("T")

NEAR_GAP = 2  # words allowed between neighbouring pattern words
FAR_GAP = 6  # words allowed at `...`
TARGET_WINDOW = 6  # words allowed between a pattern word and its target actor

BOUNDARIES = frozenset(
    '; : ( ) [ ] “ ” " who which whom whose whereas while although though because unless '
    "whether if when after before since but that said says say told tells added adding "
    "according stated stressed noted insisted".split()
)
PLACE_PREPOSITIONS = frozenset(
    "in at near inside outside around across during after before from within since via through".split()
)
PLACE_TARGET_PREPOSITIONS = frozenset("in inside across throughout".split())  # `place_targets:`
ARTICLES = frozenset({"the", "a", "an"})
RELATIVES = frozenset("who which whom whose".split())
SUBJECT_COMPLEMENTS = frozenset({"of", "between", "among"})  # "the ministry of X", "talks between X and Y"
# a passive's subject names what was done to whom: "Sanctions against X were lifted", "strikes on X were"
PATIENT_COMPLEMENTS = SUBJECT_COMPLEMENTS | frozenset({"against", "on"})
FREE_WORDS = frozenset("a an the its their his her this that these those million billion".split())
FUNCTION_WORDS = frozenset("to of for with from by on at in against into about over".split())
CHARGES = frozenset(("of", "for", "over"))  # "accused of", "condemned for", "criticised over"
SPEECH = frozenset("said says say told tells added stated stressed noted insisted".split())
CONDITIONS = frozenset(("if", "unless", "whether"))  # a clause of what may happen, not of what did
SUBORDINATORS = CONDITIONS | frozenset("when while although though because whereas".split())
NEGATIONS = frozenset("not n't cannot never no neither nor without".split())
# The negations that a codebook's `negated:` codes may recode ("would not allow": a refusal).
RECODING_NEGATIONS = frozenset({"not", "n't", "cannot", "never"})
DENIALS = frozenset(word_forms("deny") | word_forms("refute") | {"rejected", "rejects"})
BE_FORMS = frozenset("is are was were be been being get got gets getting".split())
# "killed in an Israeli air strike": the actor just before one of these nouns did the passive's deed
ATTACK_NOUNS = frozenset(
    "attack attacks strike strikes airstrike airstrikes shelling bombardment bombing bombings raid raids "
    "fire gunfire offensive ambush assault crackdown operation".split()
)
ATTACK_MODIFIERS = frozenset("air drone artillery tank rocket missile mortar sniper naval military police army".split())
CONJUNCTIONS = frozenset({"and", "but", "then"})
POSSESSIVES = frozenset("his her its their our my your".split())
# Words before a participle that make it an adjective of the noun after it ("a sweeping
# agreement", "the detained activists"): not a verb of its own.
ADJECTIVE_DETERMINERS = POSSESSIVES | frozenset("a an the this these those".split())
# A pronoun that can only be a subject starts a complement clause after a verb ("says it has
# evidence proving X", "warned they would ..."): an actor after it is that clause's, not the
# verb's object. "it" is also an object ("condemned it"), so it counts before a verb form only.
SUBJECT_PRONOUNS = frozenset("he she they we i".split())
AUXILIARIES = frozenset("is was has had have would will could can should may might must did does".split())
# Verbs of saying whose clause complement is reported speech ("announced it would free X"):
# the event in that clause is coded on its own, not as the complement of the speech verb.
REPORTING = frozenset(
    form
    for verb in "say tell announce claim allege declare state add insist stress note report confirm reveal assert".split()
    for form in word_forms(verb)
)
# A time phrase ("on Thursday", "yesterday") does not count as words between pattern words.
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
TIME_WORDS = WEEKDAYS | frozenset("yesterday today tomorrow tonight".split())
TIME_STARTS = TIME_WORDS | {"on"}
UNCOUNTED = FREE_WORDS | TIME_WORDS  # words `_reach` does not count, with numbers
# Words that end the noun phrase a `^` skips: prepositions, conjunctions, clause words.
PHRASE_ENDS = PREPOSITIONS | BOUNDARIES | frozenset("about as like than upon and or but then to".split())
# Tokens after which a capitalised word may open a sentence or a quotation.
_OPENERS = frozenset(":;\"“‘'(-—–")
# A sentence with none of these words has no negation or denial, and no pronoun subject.
OBLIGATIONS = frozenset({"must", "should"})  # "X said Y must end the attacks": Y has not
NEGATING = NEGATIONS | DENIALS | OBLIGATIONS
PRONOUN_SUBJECTS = SUBJECT_PRONOUNS | {"it"}
# The pronoun subject of a reported clause is the speaker ("X said it would ..."), also past
# the words that may stand between: a time phrase, "in a statement", "that".
REPORTED_SUBJECTS = frozenset({"it", "they", "he", "she"})
REPORT_FILLERS = (
    TIME_STARTS
    | frozenset(MONTHS)
    | frozenset("that late early earlier last this week month in a an the statement interview".split())
)


@dataclass(frozen=True, slots=True)
class Literal:
    """A compiled pattern word: the token sequences it matches, by first token."""

    phrases: dict[str, tuple[tuple[str, ...], ...]]


@dataclass(frozen=True, slots=True)
class Compiled:
    """A pattern ready to match: its elements compiled and its anchor chosen."""

    pattern: Pattern
    order: int
    steps: tuple[object, ...]  # Literal, Element(slot) or Element(gap)
    anchor: int
    passive_ok: bool
    needs: tuple[frozenset[str], ...]  # for each other word, the tokens it can start with
    specificity: int = 0  # the pattern's number of words, which `select` ranks by
    reverse: Compiled | None = None  # the same words coding target -> source (`reverse:`)
    tight: frozenset[int] = frozenset()  # steps that must follow the step before directly (`a+b`)
    exact: frozenset[int] = frozenset()  # steps written `=word`: that form only, a noun or a fixed word
    has_target: bool = False  # the pattern names a target slot
    # `{source} =missile blow_up`: words naming the doer's head noun, which in the passive
    # stand in the by-phrase ("was blown up by a missile")
    instrument: bool = False


@dataclass(slots=True)
class Match:
    """One pattern matched in a sentence: where, which actors, and what blocked it."""

    compiled: Compiled
    positions: frozenset[int]
    source: Chunk | None
    target: Chunk | None
    passive: bool = False
    blocked: str = ""  # why the match gives no event ("negated: not")
    negator: str = ""  # the word negating it, lower case ("not"), if one does

    @property
    def pattern(self) -> Pattern:
        return self.compiled.pattern


def _phrases(text: str, verbs: dict[str, tuple[str, ...]], exact: bool = False) -> list[tuple[str, ...]]:
    tokens = [fold(t) for t in tokenize(text)]
    if not tokens:
        return []
    if exact:
        return [tuple(tokens)]

    def forms(word: str) -> set[str]:
        return set(word_forms(word)) | set(verbs.get(word, ()))

    first = forms(tokens[0])
    if len(tokens) == 1:
        return [(f,) for f in first]
    last = forms(tokens[-1])
    return [(f, *tokens[1:-1], la) for f, la in product(first, last)]


class PatternIndex:
    """The compiled event patterns of a codebook."""

    def __init__(self, codebook: Codebook) -> None:
        self.by_anchor: dict[str, list[Compiled]] = {}
        self.patterns: list[Compiled] = []
        self._literals: dict[tuple[str, str], tuple[Literal, frozenset[str]]] = {}
        self.verbs: set[str] = set()  # the words patterns start with (the verb, mostly)
        for order, pattern in enumerate(codebook.patterns):
            compiled = self._compile(pattern, order, codebook)
            self.patterns.append(compiled)
            self.verbs.update(compiled.steps[compiled.anchor].phrases)  # type: ignore[union-attr]
            for one in (compiled, self._instrument_variant(compiled)):
                if one is None:
                    continue
                literal = one.steps[one.anchor]
                assert isinstance(literal, Literal)
                for first in literal.phrases:
                    self.by_anchor.setdefault(first, []).append(one)
        # For each anchor word, the patterns that need no other word, and the others keyed by
        # the tokens of their most selective other word (a content word rather than "to"): a
        # sentence then looks up its own tokens instead of testing every pattern of a common verb.
        self.keyed: dict[str, tuple[list[Compiled], dict[str, list[Compiled]]]] = {}
        for anchor, compiled_list in self.by_anchor.items():
            free: list[Compiled] = []
            keys: dict[str, list[Compiled]] = {}
            for compiled in compiled_list:
                if not compiled.needs:
                    free.append(compiled)
                    continue
                for token in min(compiled.needs, key=_rarity):
                    keys.setdefault(token, []).append(compiled)
            self.keyed[anchor] = (free, keys)
        # `transformations:` each with its outer verb compiled, and the words that start one
        self.transformations: tuple[tuple[Transformation, Literal], ...] = tuple(
            (rule, self._verbs(rule, codebook)) for rule in codebook.transformations
        )
        self.outer_words = frozenset(word for _, literal in self.transformations for word in literal.phrases)
        # `negated:` the code a negated match gives instead, and the patterns recoded so far
        self.negated = dict(codebook.negated)
        self.place_targets = codebook.place_targets  # `place_targets:` see `SentenceMatcher._place`
        self.verb_anchors = codebook.verb_anchors  # `verb_anchors:` see `SentenceMatcher._plural_subject`
        self._recoded: dict[tuple[int, str], Compiled] = {}
        # the rules by the first word of their outer verb, in the codebook's order: a codebook
        # may have many (one for each verb code and inner code), a word only a few of them
        by_word: dict[str, list[tuple[Transformation, Literal]]] = {}
        for rule, literal in self.transformations:
            for word in literal.phrases:
                by_word.setdefault(word, []).append((rule, literal))
        self.outer_rules = {word: tuple(rules) for word, rules in by_word.items()}
        # words whose rules all want an infinitive complement: outer verbs only before `to`
        self.only_infinitive = frozenset(
            word for word, rules in by_word.items() if all(rule.inner_source == "_" for rule, _ in rules)
        )

    def recoded(self, compiled: Compiled, code: str) -> Compiled:
        """Return a pattern with another code (its negated code), made once."""
        key = (compiled.order, compiled.anchor, code)
        known = self._recoded.get(key)
        if known is None:
            known = replace(compiled, pattern=replace(compiled.pattern, code=code, reverse=""), reverse=None)
            self._recoded[key] = known
        return known

    def _verbs(self, rule: Transformation, codebook: Codebook) -> Literal:
        """Compile a transformation's outer verbs into one literal."""
        table: dict[str, set[tuple[str, ...]]] = {}
        for element in rule.verbs:
            literal, _ = self._literal(element.kind, element.value, codebook)
            for first, phrases in literal.phrases.items():
                table.setdefault(first, set()).update(phrases)
        return Literal({k: tuple(sorted(v, key=len, reverse=True)) for k, v in table.items()})

    def _literal(self, kind: str, value: str, codebook: Codebook) -> tuple[Literal, frozenset[str]]:
        """Compile a pattern word or class once, however many patterns use it (the compiled
        index is then smaller and loads faster), with the tokens it can start with."""
        known = self._literals.get((kind, value))
        if known is not None:
            return known
        if kind == "class":
            phrases = [p for member in codebook.classes.get(value, ()) for p in _phrases(member, codebook.verbs)]
        else:
            phrases = _phrases(value, codebook.verbs, exact=kind == "exact")
        table: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            table.setdefault(phrase[0], []).append(phrase)
        literal = Literal({k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in table.items()})
        self._literals[(kind, value)] = literal, frozenset(literal.phrases)
        return self._literals[(kind, value)]

    def _compile(self, pattern: Pattern, order: int, codebook: Codebook) -> Compiled:
        steps: list[object] = []
        starts: dict[int, frozenset[str]] = {}
        for element in pattern.elements:
            if element.kind in ("word", "exact", "class"):
                literal, starts[len(steps)] = self._literal(element.kind, element.value, codebook)
                steps.append(literal)
            else:
                steps.append(element)
        anchor = next(i for i, s in enumerate(steps) if isinstance(s, Literal))
        first = steps[0]
        # `{source} verb` and `{source} ... verb` (the doer may stand apart from the verb) read a
        # passive "X was attacked by Y" as well
        between = steps[1:anchor]
        passive_ok = (
            isinstance(first, Element)
            and first.value == "source"
            and all(isinstance(s, Element) and s.kind == "gap" for s in between)
        )
        needs = tuple(tokens for i, tokens in starts.items() if i != anchor)
        tight = frozenset(i for i, e in enumerate(pattern.elements) if e.tight)
        # the words that may be the head noun of the actor phrase they stand in (`=gunmen`, `@MILITARY`)
        exact = frozenset(i for i, e in enumerate(pattern.elements) if e.kind in ("exact", "class"))
        has_target = any(e.kind == "slot" and e.value == "target" for e in pattern.elements)
        reverse = None
        if pattern.reverse:
            back = replace(pattern, id=f"{pattern.id}.reverse", code=pattern.reverse, reverse="", symmetric=False)
            reverse = Compiled(back, order, tuple(steps), anchor, passive_ok, needs, pattern.specificity)
            reverse = replace(reverse, tight=tight, exact=exact, has_target=has_target)
        compiled = Compiled(pattern, order, tuple(steps), anchor, passive_ok, needs, pattern.specificity, reverse)
        return replace(compiled, tight=tight, exact=exact, has_target=has_target)

    def _instrument_variant(self, compiled: Compiled) -> Compiled | None:
        """For `{source} =missile blow_up ...` (fixed words naming the doer's head noun, then the
        verb), the same pattern anchored on its verb, to read the passive "was blown up by a
        missile", where those words stand in the by-phrase (see `SentenceMatcher._instrument`)."""
        steps, elements = compiled.steps, compiled.pattern.elements
        if not (isinstance(steps[0], Element) and steps[0].kind == "slot" and steps[0].value == "source"):
            return None
        verb = 1
        while verb < len(steps) and isinstance(steps[verb], Literal) and elements[verb].kind == "exact":
            value = elements[verb].value
            if value.endswith(("ed", "ing")) or value in PARTICIPLES or value in FUNCTION_WORDS:
                return None  # `{source} =protested against {target}`: the fixed word is the verb itself
            verb += 1
        if verb == 1 or verb >= len(steps) or not isinstance(steps[verb], Literal):
            return None
        if elements[verb].kind == "word" and elements[verb].value in FUNCTION_WORDS:
            return None  # `{source} =protest against {target}`: no verb after the fixed word
        needs = tuple(
            frozenset(step.phrases) for i, step in enumerate(steps) if isinstance(step, Literal) and i != verb
        )
        return replace(compiled, anchor=verb, needs=needs, instrument=True, reverse=None)


def _rarity(need: frozenset[str]) -> tuple[int, int]:
    """Rank a pattern word by how seldom a sentence has it: a function word ("to", "on") is
    in nearly every sentence, so a pattern is best keyed by its content words."""
    return (sum(1 for token in need if token in FUNCTION_WORDS or token in FREE_WORDS), len(need))


def fits(code: str, restrict: str) -> bool:
    """Say whether an actor code fits a slot's restriction: a code prefix (`IGO`), or with
    `---` any country's role (`---CVL` fits `KENCVL` and `---CVL`), also an organisation's
    (`---MIL` fits `IGOWSTNATMIL`, NATO's forces: the role is a later three-letter part);
    alternatives joined by `|` fit when one does (`---REB|---MIL|IMG`)."""
    if "|" in restrict:
        return any(fits(code, one) for one in restrict.split("|"))
    if restrict.startswith("---"):
        role = restrict[3:]
        return code[3:].startswith(role) or any(
            code.startswith(role, at) for at in range(6, len(code) - len(role) + 1, 3)
        )
    return code.startswith(restrict)


def _match_literal(literal: Literal, lows: list[str], pos: int) -> int:
    """Return the end of the literal's match at pos, or -1."""
    phrases = literal.phrases.get(lows[pos])
    if not phrases:
        return -1
    if len(phrases[0]) == 1:
        return pos + 1  # the longest phrase is one word (the common case): all are
    for phrase in phrases:
        size = len(phrase)
        if size == 1 or tuple(lows[pos : pos + size]) == phrase:
            return pos + size
    return -1


_UNKNOWN = object()


def _per_sentence(method: Callable[..., T]) -> Callable[..., T]:
    """Remember a matcher method's answers for the sentence: the patterns of one verb ask
    the same questions (the subject before it, the actor after it) again and again."""
    name = method.__name__

    @functools.wraps(method)
    def remembered(self: SentenceMatcher, *args: object) -> T:
        key = (name, *args)
        known = self._memo.get(key, _UNKNOWN)
        if known is _UNKNOWN:
            known = self._memo[key] = method(self, *args)
        return known  # type: ignore[return-value]

    return remembered


def _restriction(steps: Sequence[object], value: str) -> str:
    """Return the restriction of a compiled pattern's `source` or `target` slot ('' if none)."""
    for step in steps:
        if isinstance(step, Element) and step.value == value and step.kind == "slot":
            return step.restrict
    return ""


class SentenceMatcher:
    """Match a codebook's patterns in one tokenised sentence."""

    def __init__(
        self,
        index: PatternIndex,
        lows: list[str],
        texts: list[str],
        chunks: list[Chunk],
        present: set[str] | None = None,
    ):
        self.index = index
        self.lows = lows
        self.present = present if present is not None else set(lows)
        self.texts = texts
        self.chunks = chunks
        n = len(lows)
        # clause[i]: the number of the clause token i is in; boundaries start a new clause.
        starts = [i for i, low in enumerate(lows) if low in BOUNDARIES]
        self.clause = [0] * n
        for number, (first, end) in enumerate(zip(starts, [*starts[1:], n][: len(starts)], strict=True), 1):
            self.clause[first:end] = [number] * (end - first)
        self.clause_start = [0, *starts]
        self._memo: dict[tuple[object, ...], object] = {}
        self.ends = {c.start: c.end for c in chunks}
        # positions inside an actor phrase after its first word: a `=word` there is the phrase's
        # head ("X gunmen killed"), and the slot before it is that phrase
        self._inside = {i for c in chunks for i in range(c.start + 1, c.end)}
        self._named: set[int] | None = None
        # Most sentences lack the words some rules look for: those rules are then skipped.
        present = self.present
        self._has_that = "that" in present
        self._has_conjunction = not CONJUNCTIONS.isdisjoint(present)
        self._has_pronoun = not PRONOUN_SUBJECTS.isdisjoint(present)
        self._has_negation = not NEGATING.isdisjoint(present)
        self._has_hyphen = "-" in present
        self._has_condition = not CONDITIONS.isdisjoint(present)
        self._uncounted: set[str] | None = None

    def matches(self) -> list[Match]:
        found: list[Match] = []
        lows = self.lows
        present = self.present
        keyed = self.index.keyed
        anchors = [i for i, low in enumerate(lows) if low in keyed]
        names = self._names_in_text(anchors)
        for i in [i for i in anchors if i not in names] if names else anchors:
            free, keys = entry = keyed[lows[i]]
            # an anchor whose patterns need other words: none of them may be in the sentence
            candidates = free if not keys or keys.keys().isdisjoint(present) else self._candidates(entry, present)
            for compiled in candidates:
                end = _match_literal(compiled.steps[compiled.anchor], lows, i)  # type: ignore[arg-type]
                if end < 0:
                    continue
                match = self._match_at(compiled, i, end)
                if match is not None:
                    if not match.blocked:
                        match.blocked = self._in_name(match.positions)
                    found.append(match)
        return found

    def _in_name(self, positions: frozenset[int]) -> str:
        """Say whether all of a match's words stand inside one actor phrase ("government
        forces", "two armed men", "Kayin state"): they are part of the actor's name, not a verb."""
        first, last = min(positions), max(positions)
        if first not in self._inside and first not in self.ends:
            return ""
        for chunk in self.chunks:
            if chunk.start <= first and last < chunk.end and chunk.end - chunk.start > 1:
                return f"part of an actor's name: {' '.join(self.texts[chunk.start : chunk.end])!r}"
        return ""

    def _names_in_text(self, anchors: list[int]) -> set[int]:
        """Return the anchors that are capitalised words inside running text ("the US State
        department"): part of a name, not a verb. A word opening the sentence or following a
        colon, quote or bracket may be capitalised for that reason, and a headline in Title
        Case says nothing."""
        texts = self.texts
        capitals = {
            i
            for i in anchors
            if i and texts[i][:1].isupper() and texts[i][1:].islower() and texts[i - 1] not in _OPENERS
        }
        if capitals and not any(len(t) > 3 and t.isalpha() and t.islower() for t in texts):
            return set()  # no long word in lower case: a headline in Title Case or capitals
        return capitals

    @staticmethod
    def _candidates(entry: tuple[list[Compiled], dict[str, list[Compiled]]], present: set[str]) -> list[Compiled]:
        """Return an anchor's patterns whose other words all occur in the sentence."""
        free, keys = entry
        if not keys:
            return free
        candidates = list(free)
        seen: set[int] = set()
        for token in keys.keys() & present:  # iterates the smaller of the two
            for compiled in keys[token]:
                order = compiled.order
                if order in seen:
                    continue
                seen.add(order)
                for need in compiled.needs:
                    if present.isdisjoint(need):
                        break
                else:
                    candidates.append(compiled)
        return candidates

    # -- the pieces of one match ----------------------------------------------------------
    def _match_at(self, compiled: Compiled, start: int, end: int) -> Match | None:
        steps = compiled.steps
        lows = self.lows
        if compiled.passive_ok and start > 0 and lows[start - 1] in POSSESSIVES and lows[start].endswith("s"):
            return None  # "made his remarks": a plural noun, not the subject's verb "remarks"
        clause = self.clause[start]
        # A pattern word that is itself a clause boundary ("X noted ...") belongs to the clause before it.
        back_clause = clause - 1 if clause > 0 and self.clause_start[clause] == start else clause
        positions = set(range(start, end))
        source: Chunk | None = None
        target: Chunk | None = None
        open_target: Element | None = None  # an optional target slot left empty
        word = lows[start]
        participle = (word.endswith(("ed", "en")) or word in PARTICIPLES) and self._is_passive(start)
        passive = compiled.passive_ok and participle
        # "was blown up by a missile fired by rebels": `{source} =missile blow_up` in the passive
        by_phrase = None
        if compiled.instrument:
            by_phrase = self._instrument(compiled, end, clause) if participle else None
            if by_phrase is None:
                return None
            passive = True
            positions.update(by_phrase[0])
        # forward from the anchor
        pos = end
        gap = NEAR_GAP
        prev_literal = True
        literal_at = start
        tight = compiled.tight
        n = len(lows)
        clause_of = self.clause
        for k, step in enumerate(steps[compiled.anchor + 1 :], compiled.anchor + 1):
            if self._has_that:
                after = self._after_time(pos) if pos < n and lows[pos] in TIME_STARTS else pos
                if after < n and lows[after] == "that" and clause_of[after] == clause + 1:
                    # "demanded (on Monday) that Russia withdraw": the complement clause belongs to the match
                    clause, pos = clause + 1, after + 1
            if isinstance(step, Literal):
                found = -1
                last = pos + 1 if k in tight else self._reach(pos, gap) + 1
                phrases = step.phrases
                for q in range(pos, min(last, n)):
                    if clause_of[q] != clause:
                        break
                    if lows[q] not in phrases:
                        continue
                    found_end = _match_literal(step, lows, q)
                    if found_end >= 0:
                        # A short gap spans modifiers ("allow UN inspectors"), not another
                        # actor before a function word ("wants Putin to attack").
                        if gap == NEAR_GAP and lows[q] in FUNCTION_WORDS and self._actor_between(pos, q):
                            break
                        found = q
                        break
                if found < 0:
                    return None
                positions.update(range(found, found_end))
                pos, gap, prev_literal, literal_at = found_end, NEAR_GAP, True, found
            elif step.kind == "gap":  # type: ignore[attr-defined]
                gap = FAR_GAP
            elif step.kind == "skip":  # type: ignore[attr-defined]
                pos = self._phrase_end(pos, clause)
                if pos < 0:
                    return None
                # the next slot is the first actor after the skipped phrase, wherever it stands
                gap, prev_literal = NEAR_GAP, False
            else:
                slot: Element = step  # type: ignore[assignment]
                if passive and slot.value == "target":
                    continue
                if pos == start + 1 and slot.value == "target" and self._coordinated_verb(start):
                    pos += 2  # "condemned and rejected the Israeli decision": both verbs' object
                chunk = self._chunk_after(
                    pos, max(gap, TARGET_WINDOW), clause, slot.restrict, prev_literal and not slot.loose
                )
                if chunk is None and prev_literal and literal_at != start:
                    # the word before the slot is the actor's own head: "received ministers from X";
                    # never the pattern's first word ("beheaded an aid worker" has no verb "aid")
                    chunk = self._chunk_from(literal_at, pos, slot.restrict)
                if chunk is None:
                    if slot.optional:
                        if slot.value == "target":
                            open_target = slot
                        continue  # `{target?}`: the event then has no target
                    if compiled.pattern.symmetric and slot.value == "target" and step is steps[-1]:
                        break  # "The US, Russia and Switzerland met": pairs within the source
                    return None  # a pattern that names a slot needs an actor there
                if slot.value == "source":
                    source = chunk
                else:
                    target = chunk
                # the next word may be the actor's own head noun: "expelled {target} diplomats"
                pos, gap, prev_literal = chunk.start + 1, NEAR_GAP + chunk.end - chunk.start - 1, False
        # backward from the anchor
        left = start
        gap = NEAR_GAP
        for k in range(compiled.anchor - 1, -1, -1):
            step = steps[k]
            if isinstance(step, Literal) and by_phrase is not None:
                continue  # found in the by-phrase
            if isinstance(step, Literal):
                found = -1
                joined = k + 1 in tight  # the word after this one is joined to it: no gap
                for q in range(left - 1, max(self._reach_back(left, gap) - 2, -1), -1):
                    if self.clause[q] != back_clause:
                        break
                    found_end = _match_literal(step, lows, q)
                    if found_end >= 0 and (found_end == left if joined else found_end <= left):
                        found = q
                        break
                if found < 0:
                    return None
                positions.update(range(found, found_end))
                left, gap = found, NEAR_GAP
            elif step.kind in ("gap", "skip"):  # type: ignore[attr-defined]
                gap = FAR_GAP
            else:
                slot = step  # type: ignore[assignment]
                # a passive's subject is its target: "traders were detained by rebels" checks the
                # traders against the target slot's restriction, the rebels against the source's
                restrict = _restriction(steps, "target") if passive and slot.value == "source" else slot.restrict
                by = self._by_phrase_at(left) if slot.value == "source" and not passive else -1
                if by >= 0:
                    # "were killed by a roadside bomb planted by X": `{source} roadside bomb` is
                    # X's, and the victims, the passive's subject, are its target if it has none
                    chunk = next((c for c in self.chunks if by < c.start and c.end <= left), None)
                    chunk = chunk or self._planted_by(by, back_clause)
                    if target is None and chunk is not None:
                        target = self._subject(by - 1, back_clause, "")
                elif lows[left] in ("'s", "’s"):  # "Qatar's visit": the possessor, wherever it stands
                    chunk = next((c for c in self.chunks if c.end == left), None)
                elif left in self._inside and k + 1 in compiled.exact:
                    # "X gunmen killed": `{source} =gunmen kill` names the head noun of the actor
                    # phrase the word stands in, so that phrase is the slot's actor (a verb inside
                    # a phrase, "the Secretary of state", is no head: the slot stays empty)
                    chunk = next(c for c in self.chunks if c.start < left < c.end)
                    if restrict and not any(fits(code, restrict) for code in chunk.codes):
                        chunk = None
                else:
                    chunk = self._subject(left, back_clause, restrict)
                    if chunk is None and passive and slot.value == "source":
                        chunk = self._subject_complement(left, back_clause, restrict, PATIENT_COMPLEMENTS)
                if slot.value == "source":
                    source = chunk
                else:
                    target = chunk
        if passive:
            if any(lows[q] == "by" and q not in positions for q in range(end, max(positions))):
                # "a civilian was killed by IS militants": `{source} kill ... @A_FIGHTER` took the
                # doer's noun for the verb's object, which in the passive is its subject
                return None
            if by_phrase is not None:
                by_agent = by_phrase[1]
            else:
                # `{source} host =by {target:any?}`: the pattern's own `by` introduces the doer
                by_agent = self._by_agent(pos - 1 if lows[pos - 1] == "by" else pos, clause)
            if not any(lows[q] in BE_FORMS for q in range(max(start - 2, 0), start)) and not self._second_participle(
                start
            ):
                # reduced passive, "victims killed by X": the target is the phrase just before
                source = next((c for c in self.chunks if c.end == start), None)
            source, target = by_agent, source
            for chunk, value in ((source, "source"), (target, "target")):
                restrict = _restriction(steps, value)
                if restrict and (chunk is None or not any(fits(code, restrict) for code in chunk.codes)):
                    return None  # `{source:---REB} detain`: a doer that is no rebel, or none named
        if (
            target is None
            and not passive
            and (open_target or not compiled.has_target)
            and compiled.pattern.code.startswith(self.index.place_targets)
        ):
            # `place_targets:` a pattern with an open target slot, or none, finds no target
            target = self._place(pos, clause, open_target.restrict if open_target else "", source)
        match = Match(compiled, frozenset(positions), source, target, passive)
        if self._adjectival(start) and start + 1 not in positions:
            return None  # "a sweeping agreement": a modifier, unless the pattern names its noun
        if self._nominal(start) and start + 1 not in positions:
            return None  # "killed in Israeli tank shelling": a noun, not a verb of its own
        if self.index.verb_anchors and self._plural_subject(start) and start + 1 not in positions:
            return None  # "Syrian forces attacked Aleppo": the subject's noun, not the verb "force"
        if self._has_negation:
            left = min(positions)
            if (
                left + 1 < len(lows)
                and lows[left] in AUXILIARIES
                and lows[left + 1] in RECODING_NEGATIONS
                and left + 1 not in positions
            ):
                left += 2  # "will not visit X" negates "{source} @WILL visit {target}" too (a
                # pattern that names the negation itself, "{source} will not clash", is not negated)
            match.blocked = self._negation(left, clause)
            match.negator = self._negator(left, clause) if match.blocked else ""
            negated = self.index.negated.get(compiled.pattern.code)
            if negated and match.negator in RECODING_NEGATIONS:
                # `negated:` "would not give permission" is a refusal to yield, not nothing
                match.compiled, match.blocked = self.index.recoded(compiled, negated), ""
        if self._has_condition and not match.blocked:
            match.blocked = self._condition(start)
        return match

    def asked_of(self, match: Match) -> str:
        """Say whether a match is an infinitive after another actor than its subject, the
        object of the verb before it ("urged Russia to withdraw", "asked China to release X",
        "called on Israel to halt"): an event asked or wanted of that actor, which has not
        happened. The verb before, if the codebook knows it, is coded instead."""
        start = min(match.positions)
        lows = self.lows
        to = start - 1
        if to > 0 and lows[to] != "to" and lows[to].endswith("ly"):
            to -= 1  # "to quickly withdraw"
        if to < 1 or lows[to] != "to":
            return ""
        chunk = next((c for c in self.chunks if c.end == to), None)
        if chunk is None or chunk.prep and chunk.prep not in ("on", "upon"):
            return ""
        for actor in (match.source, match.target):  # the target too: the source of a `reverse:`
            if actor is not None and (actor is chunk or set(actor.codes) == set(chunk.codes)):
                return ""
        return f"asked of another actor: {' '.join(self.texts[chunk.start : chunk.end])!r} before its `to`"

    def _condition(self, pos: int) -> str:
        """Say whether the verb at pos stands in a condition or an open question ("will
        attack if Hezbollah fires rockets", "asked whether Russia would withdraw"): no event
        has happened there. The clause runs from its `if` to the verb, or to a comma before
        it ("If X fires rockets, Y will attack": Y's verb is the main clause's)."""
        lows = self.lows
        opener = self.clause_start[self.clause[pos]]
        if lows[opener] not in CONDITIONS or "," in lows[opener:pos]:
            return ""
        return f"conditional: in a clause opened by {self.texts[opener]!r}"

    def _coordinated_verb(self, verb: int) -> bool:
        """Say whether `and` and another verb of the same form follow the verb at pos
        ("condemned and rejected X", "rejects and condemns X"): the object after them is both
        verbs'."""
        lows = self.lows
        if verb + 2 >= len(lows) or lows[verb + 1] != "and" or lows[verb + 2] not in self.index.keyed:
            return False
        first, other = lows[verb], lows[verb + 2]
        if first.endswith("ed"):
            return other.endswith("ed")
        return first.endswith("s") and other.endswith("s") and not first.endswith("ss") and not other.endswith("ss")

    def _adjectival(self, pos: int) -> bool:
        """Say whether the participle at pos modifies the noun after it: a word after it that
        is no preposition, conjunction or clause word, and before it a determiner ("a sweeping
        agreement"), or for a past participle a preposition ("with exiled dissidents") or the
        hyphen of a compound ("military-ruled Myanmar")."""
        lows = self.lows
        if pos == 0 or pos + 1 >= len(lows):
            return False
        word, before, after = lows[pos], lows[pos - 1], lows[pos + 1]
        if before in ADJECTIVE_DETERMINERS:
            suffixes: tuple[str, ...] = ("ing", "ed")
        elif before == "-" or (before in PREPOSITIONS and before != "by"):
            suffixes = ("ed",)
        else:
            return False
        return (
            word.endswith(suffixes)
            and after.isalpha()
            and after not in PHRASE_ENDS
            and after not in AUXILIARIES
            and after not in BE_FORMS
        )

    def _second_participle(self, pos: int) -> bool:
        """Say whether the participle at pos is the second of two joined after a form of "be"
        ("was attacked and threatened by X"): the subject of "was" is its target too."""
        lows = self.lows
        if pos < 3 or lows[pos - 1] not in ("and", "or"):
            return False
        first = lows[pos - 2]
        return (first.endswith(("ed", "en")) or first in PARTICIPLES) and any(
            lows[q] in BE_FORMS for q in range(max(pos - 4, 0), pos - 2)
        )

    def _plural_subject(self, pos: int) -> bool:
        """Say whether the -s form at pos is a plural noun heading the subject: a finite verb
        or auxiliary follows it ("Syrian forces attacked", "government forces have", "the
        talks were"), and two verbs do not stand side by side."""
        lows = self.lows
        word = lows[pos]
        if pos + 1 >= len(lows) or not word.endswith("s") or word.endswith("ss"):
            return False
        after = lows[pos + 1]
        if after in AUXILIARIES or after in BE_FORMS or (after.endswith("ed") and after in self.index.keyed):
            return True
        # "Syrian forces clash with rioters", "jets strike Gaza": a plain verb form after it,
        # itself followed by a preposition or an actor ("forces protest leaders to" is no pair)
        if after.endswith(("s", "ed", "ing")) or after not in self.index.keyed or pos + 2 >= len(lows):
            return False
        return lows[pos + 2] in FUNCTION_WORDS or any(c.start == pos + 2 for c in self.chunks)

    def _nominal(self, pos: int) -> bool:
        """Say whether the -ing form at pos is the noun that ends a prepositional phrase
        ("killed in Israeli tank shelling on Friday", "after heavy fighting"): modifiers, not
        only determiners, stand between the preposition and it, and no object follows it.
        "by shelling X" is a gerund with its object, and "for the killing of X" names its
        doer's act as before."""
        lows = self.lows
        if pos < 2 or not lows[pos].endswith("ing"):
            return False
        after = lows[pos + 1] if pos + 1 < len(lows) else "."
        if after.isalpha() and after not in PHRASE_ENDS:
            return False  # "rebels in Aleppo shelling the city"
        modifiers = 0
        for k in range(pos - 1, max(pos - 5, -1), -1):
            low = lows[k]
            if low in PREPOSITIONS:
                return modifiers > 0
            if not low.isalpha() or low in PHRASE_ENDS or low in BE_FORMS or low in AUXILIARIES or low == "not":
                return False
            modifiers += low not in ADJECTIVE_DETERMINERS
        return False

    def _chunk_from(self, first: int, pos: int, restrict: str) -> Chunk | None:
        """Return the actor phrase that starts with the words first..pos and goes on after them."""
        for i in range(first, pos):
            if self.ends.get(i, -1) > pos:
                chunk = next(c for c in self.chunks if c.start == i)
                if not restrict or any(fits(c, restrict) for c in chunk.codes):
                    return chunk
        return None

    def _actor_between(self, pos: int, q: int) -> bool:
        """Say whether a whole actor phrase lies between pos and q."""
        if self._named is None:  # the chunks that name an actor, not just a role ("---GOV")
            self._named = {c.start for c in self.chunks if not all(code.startswith("---") for code in c.codes)}
        return any(self.ends.get(i, q + 1) <= q and i in self._named for i in range(pos, q))

    def _reach(self, pos: int, words: int) -> int:
        """Return the index `words` words after pos; a hyphenated word counts once, and
        articles and numbers do not count ("signed an 800 million dollar deal")."""
        lows, end = self.lows, pos
        n = len(lows)
        uncounted = self._uncounted
        if uncounted is None:  # this sentence's words that do not count, found once
            uncounted = self._uncounted = {low for low in lows if low in UNCOUNTED or low[:1].isdigit()}
        hyphens = self._has_hyphen
        while words > 0 and end < n:
            low = lows[end]
            if low not in uncounted:
                if low == "on" and end + 1 < n and lows[end + 1] in WEEKDAYS:
                    end += 2  # "vowed on Thursday to wage war"
                    continue
                words -= 1
            end += 1
            if hyphens:
                while end + 1 < n and lows[end] == "-":
                    end += 2
        return end

    def _reach_back(self, left: int, words: int) -> int:
        """Return the index `words` words before left; a hyphenated word counts once."""
        lows, start = self.lows, left
        while words > 0 and start > 0:
            start -= 1
            while start >= 2 and lows[start - 1] == "-":
                start -= 2
            words -= 1
        return start

    def _after_time(self, pos: int) -> int:
        """Return the index after a time phrase at pos ("on Friday", "today"), else pos."""
        lows = self.lows
        n = len(lows)
        if pos + 1 < n and lows[pos] == "on" and lows[pos + 1] in WEEKDAYS:
            return pos + 2
        return pos + 1 if pos < n and lows[pos] in TIME_WORDS else pos

    @_per_sentence
    def _phrase_end(self, pos: int, clause: int) -> int:
        """Return the end of the noun phrase at pos (`^`), or -1 if none starts there.

        The phrase may open with its preposition ("with Eriador"); it runs over modifiers,
        nouns and whole actor phrases up to the next preposition, conjunction or punctuation,
        so "warned their Ent populations about X" skips "their Ent populations".
        """
        lows, ends = self.lows, self.ends
        n = len(lows)
        while pos < n and lows[pos] in PREPOSITIONS:
            pos += 1
        end = pos
        while end < n and self.clause[end] == clause and end - pos < 8:
            if end in ends:
                end = ends[end]
                continue
            low = lows[end]
            if low in PHRASE_ENDS:
                break
            if not low[:1].isalnum() and low not in ("-", "'s", "’s"):
                break
            end += 1
        return end if end > pos else -1

    @_per_sentence
    def _is_passive(self, anchor: int) -> bool:
        word = self.lows[anchor]
        if not (word.endswith(("ed", "en")) or word in PARTICIPLES):
            return False
        for q in range(anchor - 1, max(anchor - 3, -1), -1):
            if self.lows[q] in BE_FORMS:
                return True  # "were killed (by fighters)", whether or not the doer is a known actor
        if anchor + 1 < len(self.lows) and self.lows[anchor + 1] == "by" and anchor > 0:
            # "victims killed by the rebels": a reduced passive, if an actor follows "by"
            return any(anchor + 2 <= c.start <= anchor + 4 for c in self.chunks)
        return False

    def _instrument(self, compiled: Compiled, end: int, clause: int) -> tuple[range, Chunk | None] | None:
        """Find a pattern's pre-verb words in the by-phrase of the passive verb ending at `end`:
        `{source} =missile blow_up` reads "was blown up (over X) by a Russian missile" and "by
        a missile fired by rebels" as well as "a Russian missile blew up". Return the positions
        from `by` to the last pattern word and the doer: the actor the first word heads
        ("by unknown gunmen"), or an actor before it in the by-phrase, or after a second `by`
        that follows it."""
        lows, n = self.lows, len(self.lows)
        by = next((q for q in range(end, min(end + 6, n)) if lows[q] == "by"), -1)
        if by < 0 or any(self.clause[q] != clause for q in range(end, by + 1)):
            return None
        stop = by + 1  # the by-phrase: to a comma, a preposition (not in "surface-to-air") or a clause word
        while stop < min(by + 12, n) and self.clause[stop] == clause:
            low = lows[stop]
            if low in (",", "by") or low in BE_FORMS or low in RELATIVES or low == "that":
                break
            if low in FUNCTION_WORDS and lows[stop - 1] != "-":
                break
            stop += 1
        pos, first = by + 1, -1
        for step in compiled.steps[1 : compiled.anchor]:
            found = next((q for q in range(pos, stop) if 0 <= _match_literal(step, lows, q) <= stop), -1)
            if found < 0:
                return None
            first = found if first < 0 else first
            pos = _match_literal(step, lows, found)
        # the actor the first word heads ("by unknown gunmen"), or an actor before it ("by a Russian missile")
        doer = next((c for c in self.chunks if by < c.start <= first < c.end), None) or next(
            (c for c in self.chunks if by < c.start and c.end <= first), None
        )
        if doer is None:
            later = next((q for q in range(pos, min(pos + 6, n)) if lows[q] == "by"), -1)
            if later >= 0 and all(self.clause[q] == clause for q in range(pos, later + 1)):
                doer = next((c for c in self.chunks if later < c.start <= later + 3), None)
        return range(by, pos), doer

    @_per_sentence
    def _by_agent(self, pos: int, clause: int) -> Chunk | None:
        """Return the doer of a passive verb: the actor after `by`, or the actor naming the
        attack the deed was done in ("were killed in Israeli tank shelling")."""
        lows = self.lows
        for q in range(pos, min(pos + 8, len(lows))):
            if self.clause[q] != clause:
                return None
            if lows[q] == "by":
                for chunk in self.chunks:
                    if q < chunk.start <= q + 3 and not (chunk.prep_at > q and chunk.prep in PLACE_PREPOSITIONS):
                        return chunk  # not a place after it: "killed by fighters near Gao"
                return self._planted_by(q, clause)
            if lows[q] in ("in", "during") and q == pos:
                for chunk in self.chunks:
                    if q < chunk.start <= q + 2 and self._attack_after(chunk.end):
                        return chunk
        return None

    def _by_phrase_at(self, pos: int) -> int:
        """Return where `by` opens the by-phrase of a passive verb that the word at pos heads
        ("were killed by a roadside bomb"), past articles and modifiers; -1 if it heads none."""
        lows = self.lows
        for q in range(pos - 1, max(pos - 5, 0), -1):
            low = lows[q]
            if low == "by":
                return q if self._is_passive(q - 1) else -1
            if low in FUNCTION_WORDS or not (low.isalpha() or low == "-") or q in self.ends:
                return -1
        return -1

    def _planted_by(self, by: int, clause: int) -> Chunk | None:
        """Return the doer of a reduced passive that follows a by-phrase naming no actor:
        "killed by a roadside bomb planted by X", "by a rocket fired by X"."""
        lows = self.lows
        for q in range(by + 2, min(by + 9, len(lows))):
            if self.clause[q] != clause or lows[q] == ",":
                return None
            if lows[q] == "by":
                before = lows[q - 1]
                if not (before.endswith(("ed", "en")) or before in PARTICIPLES):
                    return None
                return next((c for c in self.chunks if q < c.start <= q + 3 and c.prep == "by"), None)
        return None

    def _attack_after(self, end: int) -> bool:
        """Whether an attack noun ends the phrase at `end`, past modifiers: "tank shelling", "air strike"."""
        for q in range(end, min(end + 3, len(self.lows))):
            if self.lows[q] in ATTACK_NOUNS:
                return True
            if self.lows[q] not in ATTACK_MODIFIERS and self.lows[q] != "-":
                return False
        return False

    @_per_sentence
    def _chunk_after(self, pos: int, window: int, clause: int, restrict: str, after_word: bool) -> Chunk | None:
        reach = -1
        for chunk in self.chunks:
            if chunk.start < pos:
                continue
            if reach < 0:
                reach = self._reach(pos, window)
            if chunk.start > reach or self.clause[chunk.start] != clause:
                return None
            if self._has_conjunction and CONJUNCTIONS.intersection(self.lows[pos : chunk.start]):
                return None  # "condemned the strikes, and the US urged ...": a new clause's actor
            if self._has_pronoun and self._clause_subject_at(pos, chunk.start) >= 0:
                return None  # "says it has evidence proving X": X belongs to the complement clause
            if self._speaker_after_comma(chunk):
                return None  # "captured the town, Prime Minister X said": the speaker, not the object
            if restrict and not any(fits(c, restrict) for c in chunk.codes):
                continue
            # "attacked in Syria": a place after the verb is not its object.
            if after_word and chunk.prep_at >= pos and (chunk.prep in PLACE_PREPOSITIONS or chunk.prep == "by"):
                continue  # a place, or the doer of a passive, is not the verb's object
            return chunk
        return None

    def place_after(self, match: Match, countries: set[str]) -> Chunk | None:
        """Return the country where a match's deed happened, named after it in its clause
        ("were killed in shelling in the east of the Gaza Strip", "near X"), or None."""
        lows = self.lows
        last = max(match.positions)
        clause = self.clause[last]
        for chunk in self.chunks:
            if chunk.start <= last:
                continue
            if chunk.start > last + 12 or self.clause[chunk.start] != clause:
                return None
            if not all(code[:3] in countries and len(code) in (3, 6) for code in chunk.codes):
                continue
            if match.source is not None and set(chunk.codes) & set(match.source.codes):
                continue  # the doer's own country is no place ("in Israeli tank shelling")
            if self._attack_after(chunk.end):
                continue  # "in Israeli shelling": the doer of the attack, not a place
            at = chunk.prep_at
            if chunk.prep in ("in", "near", "inside", "across", "throughout"):
                return chunk
            # "in the east of X", "in northern parts of X"
            if chunk.prep == "of" and at >= 2 and "in" in lows[max(at - 4, 0) : at]:
                return chunk
        return None

    def _speaker_after_comma(self, chunk: Chunk) -> bool:
        """Say whether an actor opens an attribution after a comma: "..., Prime Minister X said"
        (past an article and up to two modifiers, "..., the army said")."""
        lows = self.lows
        if chunk.end >= len(lows) or lows[chunk.end] not in SPEECH:
            return False
        q = chunk.start - 1
        while q >= 0 and chunk.start - q <= 3 and lows[q] != "," and lows[q].isalpha():
            q -= 1
        return q >= 0 and lows[q] == ","

    def _place(self, pos: int, clause: int, restrict: str, source: Chunk | None) -> Chunk | None:
        """Return the country named after `in` soon after pos in the clause, for `place_targets`.

        "declared a state of emergency in Bolivia": where an event with no object happens is
        whom it concerns. A country is a phrase whose codes are all bare country codes (a city
        gives its country's); the source's own code is no target of its event.
        """
        reach = self._reach(pos, TARGET_WINDOW)
        lows = self.lows
        for chunk in self.chunks:
            if chunk.start < pos:
                continue
            if chunk.start > reach or self.clause[chunk.start] != clause:
                return None
            if self._has_conjunction and CONJUNCTIONS.intersection(lows[pos : chunk.start]):
                return None  # "agreed to lay down arms and join forces with X": another verb's
            if chunk.prep not in PLACE_TARGET_PREPOSITIONS or chunk.prep_at < pos:
                continue
            if not all(len(code) == 3 and code.isalpha() for code in chunk.codes):
                continue
            if source is not None and set(chunk.codes) & set(source.codes):
                continue
            if restrict and not any(fits(code, restrict) for code in chunk.codes):
                continue
            return chunk
        return None

    def _clause_subject_at(self, pos: int, end: int) -> int:
        """Return where a pronoun subject of a new clause stands between pos and end, or -1."""
        lows = self.lows
        for q in range(pos, end):
            low = lows[q]
            if low in SUBJECT_PRONOUNS:
                return q
            if low == "it" and q + 1 < len(lows) and (lows[q + 1] in AUXILIARIES or lows[q + 1].endswith("ed")):
                return q
        return -1

    def _back_clause(self, pos: int) -> int:
        """Return the clause a verb at pos belongs to: a verb that is itself a clause boundary
        ("X said ...") belongs to the clause before it."""
        clause = self.clause[pos]
        return clause - 1 if clause > 0 and self.clause_start[clause] == pos else clause

    def subject_before(self, pos: int) -> Chunk | None:
        """Return the subject of the verb at pos, as a pattern's `{source}` before it would."""
        return self._subject(pos, self._back_clause(pos), "")

    def negated(self, pos: int) -> bool:
        """Say whether the verb at pos is negated or denied ("did not say")."""
        return self._has_negation and bool(self._negation(pos, self._back_clause(pos)))

    @_per_sentence
    def _subject(self, left: int, clause: int, restrict: str) -> Chunk | None:
        """Find the subject of the clause ending at `left`: its first actor outside a PP."""
        if self.lows[left] in SPEECH:
            speaker = self._attribution(left, clause, restrict)
            if speaker is not None:
                return speaker
        opening = self._opening_phrase_end(clause, left)
        candidates = [
            c
            for c in self.chunks
            if opening <= c.start
            and c.end <= left
            and self.clause[c.start] == clause
            and not c.prep
            and (not restrict or any(fits(code, restrict) for code in c.codes))
        ]
        if not candidates and clause > 0:
            boundary = self.clause_start[clause]
            if self.lows[boundary] in (")", "]"):
                # "a militant (suspected separatists) was killed": the subject stands before the aside
                aside = next((q for q in range(boundary - 1, -1, -1) if self.lows[q] in ("(", "[")), 0)
                if aside > 0:
                    return self._subject(aside, self.clause[aside - 1], restrict)
            if self.lows[boundary] in RELATIVES or self.lows[boundary] in ("that",):
                return self._subject(boundary, clause - 1, restrict)
            if self.lows[boundary] in SPEECH and self._reported_pronoun(boundary):
                return self._subject(boundary, clause - 1, restrict)  # "X said it (he) would ..." is X
        if not candidates:
            return self._subject_complement(left, clause, restrict)
        # "X attacked Y and Z bombed W": a new subject after a conjunction, right before the verb.
        for chunk in reversed(candidates):
            before = chunk.start - 1
            while before >= 0 and self.lows[before] in ("the", "a", "an"):
                before -= 1
            if before >= 0 and left - chunk.end <= 3:
                if self.lows[before] in CONJUNCTIONS:
                    return chunk
                # "were killed as Syrian forces launched strikes": `as` opens a clause of its own
                # (not "such as", "as well as")
                if self.lows[before] == "as" and before > 0 and self.lows[before - 1] not in ("such", "well"):
                    return chunk
        return candidates[0]

    def _attribution(self, speech: int, clause: int, restrict: str) -> Chunk | None:
        """Return the speaker of an attribution after a comma ("..., Afghan officials said"):
        the actor that opens the words between the comma and the speech verb (a role word may
        follow it), unless an actor ends right before the comma ("Obama, the US president, said"
        is Obama)."""
        lows = self.lows
        for chunk in self.chunks:
            if chunk.end > speech or chunk.end < speech - 1 or self.clause[chunk.start] != clause or chunk.prep:
                continue
            comma = chunk.start - 1
            while comma >= 0 and lows[comma] in ARTICLES:
                comma -= 1
            if comma < 1 or lows[comma] != "," or any(c.end == comma for c in self.chunks):
                continue
            if restrict and not any(fits(code, restrict) for code in chunk.codes):
                continue
            return chunk
        return None

    def _reported_pronoun(self, speech: int) -> bool:
        """Say whether a subject pronoun opens the clause reported by the verb of saying at
        `speech`, past a time phrase, "in a statement" and "that" ("X said on Monday that it
        would ...")."""
        lows = self.lows
        for q in range(speech + 1, min(speech + 8, len(lows))):
            if lows[q] in REPORTED_SUBJECTS:
                return True
            if q in self.ends or not (lows[q] in REPORT_FILLERS or lows[q].isdigit()):
                return False
        return False

    def _opening_phrase_end(self, clause: int, left: int) -> int:
        """Return where a clause's opening prepositional phrase ends ("On talks with X and Y's
        aid, Z said": at the comma), or 0 if the clause opens otherwise."""
        start = self.clause_start[clause]
        first = start + (clause > 0)
        lows = self.lows
        # the boundary word may be the preposition itself ("After meeting X, Y said"), or a
        # subordinating word ("If X attacks, Y will ...", "When X arrived, Y said")
        if first >= left or (
            lows[first] not in PREPOSITIONS and lows[start] not in PREPOSITIONS and lows[start] not in SUBORDINATORS
        ):
            return 0
        for q in range(first + 1, left):
            if lows[q] == ",":
                return q
        return 0

    def _subject_complement(
        self, left: int, clause: int, restrict: str, preps: frozenset[str] = SUBJECT_COMPLEMENTS
    ) -> Chunk | None:
        """Find the actor of a subject whose head is no actor: "The foreign ministry of X said",
        "Talks between X and Y may spur ...", before a verb of saying "A report from a meeting
        in X alleged"; for a passive, whose subject is what the deed was done to, also after
        `against` or `on` (`PATIENT_COMPLEMENTS`: "Sanctions against X were lifted").
        The clause must open with that noun phrase (not with a preposition, "After talks with
        X, ..."), and the actor end near the verb."""
        first = self.clause_start[clause] + (clause > 0)
        lows = self.lows
        opening = self._opening_phrase_end(clause, left)
        while opening and lows[opening + 1] in PREPOSITIONS:
            # "On 7 April 2022, in Cuernavaca, Morelos, a member of X was shot": the clause's
            # noun phrase follows its opening phrases of time and place
            opening = next((q for q in range(opening + 2, left) if lows[q] == ","), 0)
        if opening:
            first = opening + 1
        if first >= left or lows[first] in PREPOSITIONS:
            return None
        for c in self.chunks:
            if c.start < first or c.end > left or self.clause[c.start] != clause:
                continue
            # "A report released in X alleged ...": where a statement comes from speaks for it,
            # but "Fighting in X killed ..." says nothing of who fought
            speaks = c.prep == "in" and lows[left] in REPORTING
            if (c.prep in preps or speaks) and self._reach(c.end, 4) >= left:
                if not restrict or any(fits(code, restrict) for code in c.codes):
                    return c
        return None

    def _negator(self, left: int, clause: int) -> str:
        """Return the word negating the verb at `left` right before it, or after one word
        ("would not give", "did not even visit"), or ''. A negation further back may belong to
        another verb ("who did not survive the injuries blocked ...")."""
        if self._obligation(left, clause) >= 0:
            return ""  # "Y must not lift the ban" is no refusal by Y
        for q in range(left - 1, max(left - 3, -1), -1):
            if self.clause[q] != clause:
                break
            if self.lows[q] in NEGATIONS:
                return self.lows[q]
        return ""

    def _obligation(self, left: int, clause: int) -> int:
        """Return where `must` or `should` stands within three words before the verb at `left`
        in its clause ("must immediately end", "should be released"), or -1."""
        for q in range(left - 1, max(left - 4, -1), -1):
            if self.clause[q] != clause:
                break
            if self.lows[q] in OBLIGATIONS:
                return q
        return -1

    @_per_sentence
    def _negation(self, left: int, clause: int) -> str:
        lows = self.lows
        modal = self._obligation(left, clause)
        if modal >= 0:
            return f"an obligation, not an event: {self.texts[modal]!r}"
        for q in range(left - 1, max(left - 5, -1), -1):
            if self.clause[q] != clause:
                break
            if lows[q] in NEGATIONS:
                return f"negated by {self.texts[q]!r}"
        for q in range(left - 1, max(left - 7, -1), -1):
            if lows[q] in DENIALS and not (q == left - 2 and lows[q + 1] == "and"):
                return f"denied by {self.texts[q]!r}"  # "rejects and condemns X" denies nothing
        return ""


def _covered(match: Match) -> int:
    """Count the tokens a match covers: its words and its actors."""
    chunks = [c for c in (match.source, match.target) if c is not None]
    return len(match.positions) + sum(c.end - c.start for c in chunks)


def select(matches: list[Match], lows: list[str] | None = None, negated: Sequence[Match] = ()) -> list[Match]:
    """Keep the most specific match wherever matches share words; drop subordinate ones.

    Ties go to the match covering more of the sentence, then to the one with more exact
    forms (`=left` over `leave`), then to the one that starts first (the clause's main verb). A match whose verb follows another match of the same subject,
    with no `and`/`but` between them, is a complement ("demanded Russia withdraw",
    "threatened to veto aid"), not an event of its own, and is dropped; so is one after a
    `negated` match of its subject as its infinitive ("would not allow X to attack Y").
    """
    if len(matches) < 2 and not negated:
        return _coded(matches)  # nothing to rank or to subordinate
    ranked = sorted(
        matches,
        key=lambda m: (
            -m.compiled.specificity,
            -_covered(m),
            -m.compiled.pattern.exactness,
            min(m.positions),
            m.compiled.order,
        ),
    )
    kept: list[Match] = []
    taken: set[int] = set()
    for match in ranked:
        if match.positions & taken:
            # a match naming no actor gives way to one of the same code that names them: "a gang
            # member was shot and killed" (`@A_FIGHTER ... be @A_KILLED`) and "... by armed men"
            twin = next((k for k in kept if k.positions & match.positions), None)
            if (
                twin is None
                or twin.source is not None
                or twin.target is not None
                or match.source is None
                or twin.compiled.pattern.code != match.compiled.pattern.code
                or (match.positions - twin.positions) & taken
            ):
                continue
            kept.remove(twin)
            taken -= twin.positions
        kept.append(match)
        taken |= match.positions
    kept.sort(key=lambda m: min(m.positions))
    out: list[Match] = []
    for match in kept:
        start = min(match.positions)
        target = match.target
        if match.passive and target is not None and target.end == start and any(a.target is target for a in out):
            # "help identify victims killed by X": a reduced relative in another match's object
            match.blocked = "a reduced relative in the object of another match"
            continue
        head = next(
            (
                a
                for a in out
                if max(a.positions) < start
                and match.source is not None
                and (a.source is match.source or (a.passive and a.target is match.source and _charge(start, lows)))
            ),
            None,
        )
        denied = next(
            (
                a
                for a in negated
                if max(a.positions) < start
                and a.source is not None
                and a.source is match.source
                and (head is None or min(a.positions) > max(head.positions))
            ),
            None,
        )
        if lows is not None and denied is not None and lows[start - 1] == "to" and not _conjoined(denied, start, lows):
            match.blocked = f"complement of {denied.pattern.id}, which is negated"
            continue
        if lows is not None and head is not None and not _conjoined(head, start, lows):
            if head in out and _instrument_of(head, start, lows):
                # "were killed by a roadside bomb": the bombing is the killing, told more exactly
                out.remove(head)
                head.blocked = f"told more exactly by {match.pattern.id}, its means"
                out.append(match)
                continue
            if _reported(head, start, lows):
                # "announced it would free X": the reported event is coded, and a speech verb
                # with no addressee says nothing more than that event
                if head.target is None and head in out:
                    out.remove(head)
                    head.blocked = f"reported speech: {match.pattern.id} is coded"
            else:
                match.blocked = f"complement of {head.pattern.id}"
                if match.target is not None and _open_target(head) and _attached(head, start, lows):
                    # "claimed responsibility for an attack on X": the complement's object is the head's
                    head.target = match.target
                continue
        out.append(match)
    return _coded(out)


def _instrument_of(head: Match, start: int, lows: list[str]) -> bool:
    """Say whether the match at start names the means in a passive head's by-phrase: "were
    killed by a roadside bomb" (`by` and at most three modifiers before it)."""
    if not head.passive:
        return False
    between = lows[max(head.positions) + 1 : start]
    return (
        0 < len(between) <= 4
        and between[0] == "by"
        and all(w.isalpha() and w not in FUNCTION_WORDS for w in between[1:])
    )


def _charge(start: int, lows: list[str] | None) -> bool:
    """Say whether the match at start is what a passive head's subject is charged with or
    praised for: "X was accused by Y of supporting Z", "condemned by Y for the raid on Z"
    (`of`/`for`/`over` before it, past an article or modifier), whose subject is the passive's
    target; not a verb of its own ("demonstrators organized by X protested")."""
    if lows is None:
        return False
    for q in range(start - 1, max(start - 4, -1), -1):
        if lows[q] in CHARGES:
            return True
        if lows[q] in FUNCTION_WORDS or not lows[q].isalpha():
            return False
    return False


def _open_target(match: Match) -> bool:
    """Say whether a match's pattern has an optional target that it left empty."""
    return (
        match.target is None
        and not match.passive
        and any(
            isinstance(step, Element) and step.kind == "slot" and step.value == "target" and step.optional
            for step in match.compiled.steps
        )
    )


def _attached(head: Match, start: int, lows: list[str]) -> bool:
    """Say whether the match at start is a noun phrase hung on the head by a preposition
    ("responsibility for a deadly attack"), not a verb after it ("a trip aimed at ...")."""
    between = lows[max(head.positions) + 1 : start]
    return 0 < len(between) <= 4 and between[0] in FUNCTION_WORDS


def _reported(head: Match, start: int, lows: list[str]) -> bool:
    """Say whether the head match is a verb of saying and start lies in its clause
    complement: after `that` or a pronoun subject ("announced it would free X")."""
    first, last = min(head.positions), max(head.positions)
    if lows[first] not in REPORTING:
        return False
    between = lows[last + 1 : start]
    return any(
        low == "that" or low in SUBJECT_PRONOUNS or (low == "it" and q + 1 < len(between))
        for q, low in enumerate(between)
    )


def _conjoined(head: Match, start: int, lows: list[str]) -> bool:
    """Say whether a conjunction joins a new verb phrase between the head match and start;
    the `and` of a compound object ("meet X and Y leaders during a visit") does not."""
    inside = head.target
    return any(
        lows[q] in CONJUNCTIONS and not (inside is not None and inside.start <= q < inside.end)
        for q in range(max(head.positions), start)
    )


def _coded(kept: list[Match]) -> list[Match]:
    """Drop the null-code matches (they have blocked others; they code nothing) and add the
    reverse of each match whose pattern codes target -> source too."""
    out: list[Match] = []
    for match in kept:
        if match.pattern.null:
            match.blocked = "null code: blocks other matches, codes nothing"
            continue
        out.append(match)
        reverse = match.compiled.reverse
        if reverse is not None and match.source is not None and match.target is not None:
            out.append(Match(reverse, match.positions, match.target, match.source, match.passive))
    return out
