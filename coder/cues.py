"""Own cue lexicons: named groups of word patterns whose counts become classifier features.

A bag of n-grams spreads the evidence for a rare class over many weak, normalised features;
a cue group pools the words a definition turns on ("set fire", "barricades", "vandalised"
for a violent demonstration) into one strong feature, so a class with a handful of training
examples can still be learned. The groups follow the published definitions of the event
types, not any training record. A fitted model stores the patterns it was trained with, so
it does not change when a lexicon here is edited.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

# ACLED event and sub-event types, as the ACLED codebook defines them: who used force on
# whom, with what weapon, with what outcome, and the marks of ACLED's own notes (the
# `[size=...]` tag of demonstration events, the fatality sentence).
ACLED_CUES: dict[str, str] = {
    "size_tag": r"\[size=",
    "crowd_violence": (
        r"vandali[sz]|barricad|set (?:\w+ )?(?:fire|ablaze|alight)|torch|burn|ston(?:e|ing)|pelt|threw|throw"
        r"|smash|damag|destroy|loot|beat|brawl|scuffle|molotov|tyres?\b|tires?\b|rampag|ransack"
    ),
    "intervention": r"dispers|tear ?gas|water cannon|rubber bullet|baton|intervened|cracked down|charged",
    "arrest": r"arrest|detain|apprehend|custody",
    "lethal": r"killed|shot dead|live (?:ammunition|bullets|rounds)|opened fire|fired (?:on|at)|shot|death|dead",
    "armed_actor": (
        r"\bforces\b|militant|rebel|soldier|\barmy\b|militia|troops|\bgang|fighter|insurgent|jihadist"
        r"|\bmilitary\b|armed group|combatant|\bpolice\b"
    ),
    "civilian": (
        r"civilian|\bm[ae]n\b|\bwom[ae]n\b|\bchild|\bboy\b|\bgirl\b|resident|villager|farmer|trader|student"
        r"|journalist|teacher|worker|driver|herder"
    ),
    "clash": r"clash|fought|fighting|exchange of fire|gun ?battle|engag|repel|ambush|offensive|counter",
    "shelling": r"artiller|shell|mortar|rocket|missile|mlrs|grad\b|howitzer",
    "air": r"drone|air ?strike|aircraft|jet|helicopter|bomb(?:ed|ing)|aerial|\buav",
    "explosive": r"\bied|landmine|\bmine\b|explosive|detonat|roadside|device",
    "grenade": r"grenade",
    "suicide": r"suicid",
    "territory": (
        r"took control|taken control|captur|seiz|overt(?:ook|aken)|regain|recaptur|retook|retaken"
        r"|establish(?:ed)? control|liberat|withdr"
    ),
    "agreement": r"agreement|agreed|signed|\bdeal\b|ceasefire|cease-fire|peace talk|surrender|accord|truce",
    "abduction": r"abduct|kidnap|hostage|disappear",
    "sexual": r"\brap(?:e|ed|ing)\b|sexual",
    "protest": r"protest|demonstrat|march|rally|rallied|sit-in|strike\b|picket|petition",
    "no_casualties": r"no (?:casualties|fatalities|injuries)|casualties unknown",
    "fatalities": r"\bfatalit",
}

# Who was hurt, armed or not: ACLED's types turn on it (killing soldiers is a battle, killing
# villagers violence against civilians), and a bag of words cannot tell the victim from the
# attacker. These cues span a verb and its object ("killed two soldiers") or a passive subject
# and its verb ("a soldier was shot"), so they overlap the word cues above: groups named
# `phrase:...` are counted in a pass of their own.
_HARM = r"(?:kill|shot|shoot|attack|injur|wound|abduct|kidnap|ambush|target|beat|murder|stabb|execut|behead)\w*"
_BE = r"(?:was|were|got|had been|have been|has been)"
_ARMED = (
    r"(?:soldiers?|troops?|servicem[ae]n|police(?:m[ae]n| officers?)?|gendarmes?|militants?|fighters?|rebels?"
    r"|militiam[ae]n|militia members?|members? of (?:the )?\w+|army|military|officers?|guards?|commanders?"
    r"|jihadists?|insurgents?|combatants?|vigilantes?|security forces|forces)"
)
_CIVILIANS = (
    r"(?:civilians?|villagers?|residents?|m[ae]n|wom[ae]n|child(?:ren)?|boys?|girls?|farmers?|traders?|students?"
    r"|teachers?|journalists?|persons?|people|family|herders?|worshippers?|passengers?|drivers?|workers?)"
)


def _victim(who: str) -> str:
    return rf"{_HARM}\s+(?:\S+\s+){{0,3}}?{who}\b|{who}\s+(?:\S+\s+){{0,2}}?{_BE}\s+(?:\S+\s+)?{_HARM}"


ACLED_CUES.update({"phrase:victim_armed": _victim(_ARMED), "phrase:victim_civilian": _victim(_CIVILIANS)})

CUE_SETS: dict[str, dict[str, str]] = {"acled": ACLED_CUES}


def cue_patterns(name: str) -> dict[str, str]:
    """Return the named cue set's patterns, group name to regular expression."""
    try:
        return dict(CUE_SETS[name])
    except KeyError:
        raise ValueError(f"unknown cue set {name!r}; use one of {', '.join(CUE_SETS)}") from None


class CueCounter:
    """Count each group's matches at word starts, the word groups in one pass and the `phrase:`
    groups in another; features are log(1 + count)."""

    def __init__(self, patterns: dict[str, str]) -> None:
        self.names = list(patterns)
        # patterns written in lower case run on lower-cased text, 2.5 times faster than
        # case-blind matching; a pattern with a capital letter (outside an escape) needs that
        self._fold = not any(ch.isupper() for p in patterns.values() for ch in re.sub(r"\\.", "", p))
        passes = [
            [(i, p) for i, (name, p) in enumerate(patterns.items()) if name.startswith("phrase:") == phrase]
            for phrase in (False, True)
        ]
        # Cues start where a word starts: the regex skips positions inside words quickly. Each
        # alternative of each group is one branch of the regex, marked by an empty group after
        # it (the last group closed names the match's cue): at a word start the regex engine
        # skips a branch by its first letter, where a group's branch would have to be entered.
        # The branches are tried in the same order, so the same cue matches, over the same text.
        self._cue_of: dict[str, int] = {}
        self._regexes = []
        for groups in passes:
            branches = []
            for i, p in groups:
                for j, branch in enumerate(_alternatives(p)):
                    self._cue_of[f"g{i}_{j}"] = i
                    branches.append(f"{branch}(?P<g{i}_{j}>)")
            if branches:
                body = _by_first_character(branches) if self._fold else "|".join(branches)
                self._regexes.append(re.compile("(?<![^\\W_])(?:" + body + ")", 0 if self._fold else re.IGNORECASE))

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """Return a texts x groups sparse matrix of log-scaled match counts."""
        counts = np.zeros((len(texts), len(self.names)), dtype=np.float32)
        for row, text in enumerate(texts):
            text = text.lower() if self._fold else text
            for regex in self._regexes:
                for match in regex.finditer(text):
                    counts[row, self._cue_of[match.lastgroup]] += 1  # type: ignore[index]
        return sp.csr_matrix(np.log1p(counts, out=counts))


# The character a branch must start with: a lower-case letter or digit (perhaps after `\b`) or an
# escaped sign ("\\["), itself not repeated ("a?b" may start with "b").
_FIRST = re.compile(r"(\\b)?([a-z0-9])(?![*+?{])|(\\[^\w\s])(?![*+?{])")


def _by_first_character(branches: list[str]) -> str:
    """Join the branches of a case-sensitive regex that all start with a known character,
    grouped by it: `burn|shell|beat` -> `b(?:urn|eat)|s(?:hell)` (else the plain alternation).

    At a word start the regex engine tries each branch in turn, but rejects one that starts with
    a character by that character alone, without entering it: grouped, it tests one character
    per group instead of one per branch (the ACLED word cues, three times faster). A branch can
    match only where its first character stands, so the branch that matches, its end and its
    marker group are the same: within a group the branches keep their order. A `\\b` before the
    letter, at a word start (the cues' look-behind), only rules out a "_" before it: so does
    `(?<!_x)` after the letter x.
    """
    groups: dict[str, list[str]] = {}
    for branch in branches:
        first = _FIRST.match(branch)
        if first is None:
            return "|".join(branches)
        char = first.group(2) or first.group(3)
        rest = branch[first.end() :]
        groups.setdefault(char, []).append(f"(?<!_{char}){rest}" if first.group(1) else rest)
    return "|".join(f"{char}(?:{'|'.join(rests)})" for char, rests in groups.items())


def _alternatives(pattern: str) -> list[str]:
    """Split a regular expression at the `|`s outside its groups and sets: its alternatives,
    in order (the whole pattern when it cannot be read so)."""
    parts: list[str] = []
    depth = start = 0
    i, size = 0, len(pattern)
    while i < size:
        ch = pattern[i]
        if ch == "\\":
            i += 1  # the escaped character is no operator
        elif ch == "[":
            i += 2 if pattern.startswith("[^", i) else 1
            i += pattern.startswith("]", i)  # a "]" first in a set is one of its characters
            while i < size and pattern[i] != "]":
                i += 2 if pattern[i] == "\\" else 1
            if i >= size:
                return [pattern]
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return [pattern]
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    return [pattern] if depth else [*parts, pattern[start:]]
