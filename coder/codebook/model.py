"""Own the codebook's records: what a loaded, validated codebook holds."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from coder.options import DEFAULT as DEFAULT_OPTIONS
from coder.options import Options
from coder.taxonomy import Taxonomy

NULL_CODE = "---"  # the event code of patterns that block other matches and code nothing


@dataclass(frozen=True, slots=True)
class Where:
    """A place in a codebook file."""

    path: str
    line: int
    col: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class DatedCode:
    """An actor code valid from `start` to `end` (inclusive; None is open)."""

    code: str
    start: date | None = None
    end: date | None = None

    def covers(self, day: date | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A named actor, country or person: names and one or more (dated) codes."""

    names: tuple[str, ...]
    codes: tuple[DatedCode, ...]
    kind: str  # "country", "actor"
    where: Where
    person: bool = False
    adjectives: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    group: tuple[str, ...] = ()  # an actor standing for several at once ("the Shire": three hobbits)

    def codes_on(self, day: date | None) -> list[str]:
        """Return the codes in force on a day: the group's members, or the one dated code."""
        return list(self.group) if self.group else [self.code_on(day)]

    def code_on(self, day: date | None) -> str:
        """Return the code in force on a day (the undated or latest code when unknown)."""
        if len(self.codes) == 1:
            return self.codes[0].code
        for dated in self.codes:
            if dated.covers(day):
                return dated.code
        if day is None:
            return self.codes[-1].code
        return ""


@dataclass(frozen=True, slots=True)
class Agent:
    """Role words and the role code they add to an actor."""

    code: str
    words: tuple[str, ...]
    where: Where
    prepend: bool = False  # the code goes before the actor's (`HGM` + `NGO`), not after


@dataclass(frozen=True, slots=True)
class Element:
    """One token of a compiled pattern."""

    kind: str  # "word", "exact", "class", "slot", "gap", "skip" (`^`: one noun phrase)
    value: str  # the word, class name or slot name ("source"/"target")
    restrict: str = ""  # for slots: a code prefix the actor must have
    loose: bool = False  # `{target:any}`: the first actor after the word, even after `in` or `by`
    tight: bool = False  # `a+b`: this word must follow the previous one directly
    optional: bool = False  # `{target?}`: the pattern matches without an actor there too


@dataclass(frozen=True, slots=True)
class Pattern:
    """An event pattern: its id, code, elements and options."""

    id: str
    code: str
    text: str
    elements: tuple[Element, ...]
    where: Where
    symmetric: bool = False
    reverse: str = ""  # a code for target -> source as well ("arrive": 032 one way, 033 back)

    @property
    def null(self) -> bool:
        """Say whether the pattern has the null code: it matches and blocks, but codes nothing."""
        return self.code == NULL_CODE

    @property
    def specificity(self) -> int:
        return sum(1 for e in self.elements if e.kind in ("word", "exact", "class"))

    @property
    def exactness(self) -> int:
        return sum(1 for e in self.elements if e.kind == "exact")


@dataclass(frozen=True, slots=True)
class Transformation:
    """A rule that recodes an event told by an outer verb ("X says Y attacked Z": X accuses Y).

    Variables name actors: `a` the outer verb's subject, `b` another actor, `_` none, `.` any.
    """

    id: str
    verbs: tuple[Element, ...]  # the outer verb: words, exact forms or classes
    inner_source: str  # a | b | _ | .
    inner_target: str  # a | b | _ | .
    inner_code: str  # a code or its first digits; "Q" is any code
    source: str  # a | b
    target: str  # a | b
    code: str  # the result's code; "Q" is the inner event's code
    where: Where


@dataclass(frozen=True, slots=True)
class ExpectedRow:
    source: str
    target: str
    code: str


@dataclass(frozen=True, slots=True)
class Example:
    """An example sentence of a pattern group with the rows it must give."""

    text: str
    date: date | None
    expect: tuple[ExpectedRow, ...]
    code: str
    where: Where


@dataclass(slots=True)
class Codebook:
    """A loaded codebook: everything the coder needs, with where each part came from."""

    name: str
    taxonomy: Taxonomy
    files: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)  # the files' absolute paths, for the cache
    actors: list[Actor] = field(default_factory=list)
    agents: list[Agent] = field(default_factory=list)
    classes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    verbs: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sentence_discards: list[str] = field(default_factory=list)
    story_discards: list[str] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    transformations: list[Transformation] = field(default_factory=list)
    examples: list[Example] = field(default_factory=list)
    event_codes: list[tuple[str, Where]] = field(default_factory=list)
    open_codes: bool = False  # `unknown_codes: allow`: codes outside the taxonomy are kept
    place_targets: tuple[str, ...] = ()  # `place_targets:` codes whose target-less events take a country after "in"
    require: str = ""  # `require:` the actors an event needs unless the user says (source, both, none)
    mutual: tuple[str, ...] = ()  # `mutual:` codes (prefixes) a compound subject without a target codes pairwise
    verb_anchors: bool = False  # `verb_anchors:` every pattern's first word is a verb (imported PETRARCH sets)
    place_roles: bool = False  # `place_roles:` a target with a role and no country takes the place's country
    negated: dict[str, str] = field(default_factory=dict)  # `negated:` the code a negated match gives instead
    options: Options = DEFAULT_OPTIONS  # `comma_clauses:` and `new_actor_length:`
    digest: str = ""
