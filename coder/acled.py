"""Own ACLED-style rows: event types, actor names and inter codes, dates, fatalities.

An ACLED row names actors the ACLED way (`Military Forces of Nigeria`, `Protesters (Kenya)`),
gives each an `inter` code (1 state forces ... 8 external/other forces) and the two-digit
`interaction`, counts fatalities conservatively (`dozens` = 12, the lowest of conflicting
figures, injuries are not deaths) and gives ACLED's `time_precision` (1 day, 2 week, 3 month).
Locations come from `coder.places`: the place a note names, its regions and country.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from importlib import resources
from itertools import islice
from typing import Any, TypeVar

from coder.actors import ActorTable
from coder.dates import find_date
from coder.events import Event, replaced
from coder.labels import NONE
from coder.places import countries, locate, location_columns
from coder.sentences import fold, folds, tokenize

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
PROVENANCE = ("doc_id", "source_code", "target_code", "method", "rule_id", "confidence")
PRECISION = {"day": 1, "story": 1, "week": 2, "month": 3, "year": 3}

# Role code -> (name template, inter code). {c} is the country's name.
ROLES: dict[str, tuple[str, int]] = {
    "MIL": ("Military Forces of {c}", 1),
    "SPY": ("Military Forces of {c}", 1),
    "COP": ("Police Forces of {c}", 1),
    "GOV": ("Government of {c}", 1),
    "LEG": ("Government of {c}", 1),
    "JUD": ("Government of {c}", 1),
    "REB": ("Rebels ({c})", 2),
    "UAF": ("Unidentified Armed Group ({c})", 3),
    "CRM": ("Unidentified Armed Group ({c})", 3),
    "OPP": ("Protesters ({c})", 6),
    "CVL": ("Civilians ({c})", 7),
    "MED": ("Civilians ({c})", 7),
    "EDU": ("Civilians ({c})", 7),
    "REF": ("Civilians ({c})", 7),
    "AGR": ("Civilians ({c})", 7),
    "LAB": ("Civilians ({c})", 7),
    "HLH": ("Civilians ({c})", 7),
    "REL": ("Civilians ({c})", 7),
    "BUS": ("Civilians ({c})", 7),
    "NGO": ("Civilians ({c})", 7),
    "IDM": ("Communal Militia ({c})", 4),
    # ACLED codes political leaders' forces as the state's, and the Taliban as Afghanistan's
    # state forces since they took power in August 2021.
    "ELI": ("Government of {c}", 1),
    "TAL": ("Military Forces of {c}", 1),
}
# Roles whose actors ACLED names as crowds or civilians (inter 5-7).
CROWD_ROLES = frozenset(role for role, (_, inter) in ROLES.items() if inter in (5, 6, 7))
# An unnamed "militia" in an ACLED note is a local, communal one (ACLED's "Unidentified
# Communal Militia"); political militias are named.
_COMMUNAL = re.compile(r"\bmilitia(?:s|man|men)?\s*$", re.I)
RIOTS = ("Violent demonstration", "Mob violence")

NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "hundred": 100,
    "tens": 10,
    "dozens": 12,
    "dozen": 12,
    "hundreds": 100,
    "scores": 20,
}
# A number's first character is checked before its alternatives are tried: most words start
# with another, and the look-ahead rejects them at once (the matches are the same).
_NUMBER_STARTS = "".join(sorted({word[0] for word in NUMBER_WORDS}))
_NUMBER = rf"(?=[\d{_NUMBER_STARTS}])(\d[\d,]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
_FATALITIES = [
    re.compile(rf"\b{_NUMBER}\s+(?:reported\s+)?fatalit(?:y|ies)\b", re.I),
    re.compile(rf"\bkill(?:ing|ed|s)?\s+(?:at\s+least\s+|about\s+|around\s+|some\s+|over\s+)?{_NUMBER}\b", re.I),
    re.compile(
        rf"\b(?:at\s+least\s+|about\s+|around\s+|some\s+)?{_NUMBER}\s+(?:[a-z-]+\s+){{0,3}}(?:were|was|have been|had been)?\s*"
        r"(?:killed|dead|died|shot dead|beheaded|executed|lynched)\b",
        re.I,
    ),
    re.compile(rf"\bdeath toll\s+(?:of|rose to|stood at|is|was|reached)\s+{_NUMBER}\b", re.I),
]


def _value(token: str) -> int | None:
    token = token.lower().replace(",", "")
    if token.isdigit():
        return int(token)
    return NUMBER_WORDS.get(token)


# Each of _FATALITIES needs one of these words: a text with none of them reports no deaths.
_DEATH_CUES = ("fatalit", "kill", "dead", "died", "behead", "execut", "lynch", "death toll")


def count_fatalities(text: str) -> int:
    """Return the lowest death figure a text reports (0 when none): ACLED's conservative count."""
    low = text.lower()
    if not any(cue in low for cue in _DEATH_CUES):
        return 0
    figures = []
    for pattern in _FATALITIES:
        for match in pattern.finditer(text):
            value = _value(match.group(1))
            if value is not None and value < 100_000:
                figures.append(value)
    return min(figures) if figures else 0


@cache
def _categories() -> list[dict[str, str]]:
    text = resources.files("coder.taxonomy").joinpath("acled-categories.csv").read_text("utf-8")
    return list(csv.DictReader(text.splitlines()))


@cache
def disorder_types() -> dict[str, str]:
    """Map each ACLED sub-event type to its disorder type."""
    return {row["sub_event_type"]: row["disorder_type"] for row in _categories()}


@cache
def event_types() -> dict[str, str]:
    """Map each ACLED sub-event type to its event type."""
    return {row["sub_event_type"]: row["event_type"] for row in _categories()}


@dataclass(frozen=True, slots=True)
class AcledActor:
    name: str
    inter: int
    country: str
    role: str = ""  # the actor code's role (MIL, AGR ...), when it has one


A = TypeVar("A", AcledActor, AcledActor | None)


def acled_actor(code: str, text: str, actors: ActorTable, names: dict[str, str], sub_event: str) -> AcledActor | None:
    """Name an actor code the ACLED way, with its inter code."""
    if not code:
        return None
    country = actors.country_of(code)
    role = code[3:] if len(code) >= 6 else ""
    country_name = names.get(country, country)
    if code.startswith(("IGO", "NGO")):
        return AcledActor(_named(actors, text, code) or names.get(code, text or code), 8, "")
    if code.startswith("IMG") and role[-3:] not in ROLES:  # transnational armed groups: IS, al-Qaeda
        return AcledActor(_named(actors, text, code) or names.get(code, text or code), 2, "")
    if role[-3:] == "UAF" and _COMMUNAL.search(text):
        role = "IDM"
    if role and role[-3:] in ROLES:
        template, inter = ROLES[role[-3:]]
        if role[-3:] == "OPP" and sub_event in RIOTS:
            template, inter = "Rioters ({c})", 5
        if not country:
            return AcledActor(template.replace(" of {c}", "").replace(" ({c})", ""), inter, "", role[-3:])
        return AcledActor(template.format(c=country_name), inter, country, role[-3:])
    if country and code == country:  # a country that acts: its forces, or its government where it agrees
        template = "Government of {c}" if sub_event in GOVERNMENT_SUB_EVENTS else "Military Forces of {c}"
        return AcledActor(template.format(c=country_name), 1, country)
    return AcledActor(_named(actors, text, code) or names.get(code, text or code), 3, country)


def _named(actors: ActorTable, text: str, code: str) -> str:
    """Return the name of the codebook actor the text matched ("the U.N." -> "United Nations"),
    when that actor has the code: many actors share one code (IGOUNO), so the code alone does
    not name it."""
    words = tuple(fold(t) for t in tokenize(text))
    best: tuple[int, str] = (0, "")
    for start in range(len(words)):  # "the U.N. humanitarian office" holds "U.N."
        for tokens, entry in actors.phrases.get(words[start], ()):
            if (
                len(tokens) > best[0]
                and tokens == words[start : start + len(tokens)]
                and entry.actor is not None
                and any(d.code == code for d in entry.actor.codes)
            ):
                best = (len(tokens), entry.actor.names[0])
    return best[1]


def interaction(inter1: int, inter2: int | None) -> str:
    """Return ACLED's two-digit interaction code (the lower inter code first)."""
    if not inter2:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def country_names(actors: ActorTable) -> dict[str, str]:
    """Map codes to display names: countries by ACLED's name for them (the codebook's first
    name for a country ACLED does not list), named actors by their first name."""
    out: dict[str, str] = {}
    for entries in actors.phrases.values():
        for _, entry in entries:
            if entry.actor is not None:
                for dated in entry.actor.codes:
                    known = countries().get(dated.code) if len(dated.code) == 3 else None
                    out.setdefault(dated.code, known.name if known is not None else entry.actor.names[0])
    return out


# Countries ACLED names with an article after "of": "Military Forces of the Philippines",
# but "Protesters (Philippines)" and the country column "Philippines".
WITH_ARTICLE = (
    "Bahamas|Central African Republic|Czech Republic|Democratic Republic of Congo|Dominican Republic"
    "|Marshall Islands|Netherlands|Philippines|Republic of Congo|Solomon Islands|United Arab Emirates"
    "|United Kingdom|United States"
)
_ARTICLE = re.compile(rf"^((?:Former )?(?:Military Forces|Police Forces|Government) of )(?={WITH_ARTICLE}\b)")


@lru_cache(maxsize=4096)
def with_article(name: str) -> str:
    """Write a state actor's name as ACLED does: `Military Forces of the Philippines`.

    (Remembered: rows name the same few hundred actors again and again.)"""
    return _ARTICLE.sub(r"\1the ", name)


def document_type(coder: Any, text: str, events: Sequence[Event] = ()) -> str:
    """Return the ACLED sub-event type a confident document-level model gives a text, or ''.

    ACLED models are trained on whole `notes`, so they judge the whole text; below the
    coder's threshold, or with a rules-only policy, the rules decide. A model trained with
    rule features also reads the rules' decision from the note's rule `events`.
    """
    return document_types(coder, [text], [events])[0]


# The sub-event type an event-type model's decision stands for when no rule event of the
# note has that type: each type's most usual sub-event type in ACLED's data.
USUAL_SUB_EVENT = {
    "Battles": "Armed clash",
    "Explosions/Remote violence": "Shelling/artillery/missile attack",
    "Violence against civilians": "Attack",
    "Protests": "Peaceful protest",
    "Riots": "Mob violence",
    "Strategic developments": "Looting/property destruction",
}


def document_types(coder: Any, texts: Sequence[str], events: Sequence[Sequence[Event]]) -> list[str]:
    """`document_type` for many texts in one call of the model (much faster than one by one).

    A sub-event model names the sub-event type itself; one with an event-type head (what
    `coder train --from acled` makes) decides the event type first, then the likeliest
    sub-event type of that type. An event-type model names the event type: the rules'
    sub-event type stands when it is of that type, else the type's usual one.
    """
    if coder.model is None or coder.policy == "rules-only" or not coder.label_set.startswith("acled"):
        return [""] * len(texts)
    inputs = list(texts)
    if coder.model_header.get("rule_features"):
        inputs = [f"{t} {rule_features(e, t, coder.taxonomy)}" for t, e in zip(texts, events, strict=True)]
    from coder.classifier import within_parents  # with a model, scikit-learn is loaded anyway

    fine, upper = coder.model.predict_both_proba(inputs)
    if upper.shape[1]:
        decided, sure = within_parents(coder.model, fine, upper)
    else:
        decided, sure = coder.model.classes_[fine.argmax(axis=1)], fine.max(axis=1)
    out = []
    for label, confidence, text, found in zip(decided, sure, texts, events, strict=True):
        label = str(label)
        if confidence < coder.threshold:
            label = ""
        elif coder.label_set == "acled-event-type" and label in USUAL_SUB_EVENT:
            ruled = rules_type(found, text)
            kind = coder.taxonomy.get(ruled) if ruled else None
            label = ruled if kind is not None and kind.root == label else USUAL_SUB_EVENT[label]
        out.append(label if label in coder.taxonomy else "")
    return out


def rules_type(events: Sequence[Event], text: str) -> str:
    """Return the sub-event type the rules alone give a note, as `acled_rows` would without a model."""
    tag = tagged_type(text)
    if tag:
        return tag
    codes = [noted_code(e, text) for e in events] or [fallback_type(text)]
    return note_event(codes, text)[1]


# ACLED's notes of demonstrations end with their crowd's size ("[size=around 80]", "[size=no
# report]"), and only theirs: a note with the tag reports a protest or a riot.
SIZE_TAG = re.compile(r"\[size=")
DEMONSTRATIONS = ("Protests", "Riots")


def note_event(codes: Sequence[str], text: str) -> tuple[int, str]:
    """Return which of a note's rule events stands for the note (its index), and as what type.

    A note tagged with a crowd's size is a demonstration: its first protest or riot stands (as
    far as it went); where the rules found none, violence they read is a crowd's (Mob
    violence), else the crowd demonstrated, violently if the note tells of crowd violence.
    Other notes: `main_event`.
    """
    if SIZE_TAG.search(text):
        kinds = event_types()
        shown = [i for i, code in enumerate(codes) if kinds.get(code) in DEMONSTRATIONS]
        if shown:
            index = shown[main_event([codes[i] for i in shown])]
            return index, codes[index]
        violent = [i for i, code in enumerate(codes) if kinds.get(code) in ARMED]
        if violent:
            return violent[0], "Mob violence"
        return 0, violent_demonstration("Peaceful protest", text)
    index = main_event(codes)
    return index, codes[index]


# The two readings of one detention: by the state an arrest, by others an abduction.
DETENTIONS = ("Arrests", "Abduction/forced disappearance")


def main_event(codes: Sequence[str]) -> int:
    """Return the index of the sub-event type that stands for a note of several rule events.

    The first event stands, with two exceptions from ACLED's definitions. A strategic
    development is a non-violent one: a note that also tells of political violence or a
    demonstration is that event ("police detained and tortured a blogger" is an Attack, "youths
    looted shops and burned tyres while demonstrating" a Violent demonstration); an abduction
    after an arrest is the same detention read again, not violence beyond it. And a
    demonstration is coded at the furthest it went (`ESCALATION`).
    """
    kinds = event_types()
    first = codes[0]
    candidates = [
        i
        for i, code in enumerate(codes)
        if kinds.get(code) != "Strategic developments" and not (code != first and {code, first} <= set(DETENTIONS))
    ] or list(range(len(codes)))
    furthest = max(ESCALATION.get(codes[i], -1) for i in candidates)
    return next(i for i in candidates if ESCALATION.get(codes[i], furthest) >= furthest)


# What demonstrators do that makes a demonstration violent, in ACLED's definition: burning,
# barricades, stones and other missiles, vandalism, looting, brawls. Lower case only (not
# "Burnt Store", "Brawley"); burning an effigy or a flag, or oneself, is a protest's symbol.
# A road blocked with logs, tyres or stones is barricaded. Clashes count only with the police
# or soldiers ("clashed with police during the protest"): a note's other "clashes" are as
# often what its protest is against.
_SYMBOL = r"(?:\w+\s+){0,3}?(?:effig\w*|flags?|cop(?:y|ies)|photos?|portraits?|posters?|pictures?|candles?|himself|herself|themselves)\b"
CROWD_VIOLENCE = re.compile(
    r"\b(?:"
    rf"burn(?:s|ed|t|ing)?\b(?!\s+{_SYMBOL})"
    rf"|set\s+(?!{_SYMBOL})(?:\w+\s+){{0,3}}?(?:on\s+)?(?:fire|ablaze|alight)"
    r"|barricad\w*|pelt\w*|ston(?:es|ed|ing)"
    r"|(?:threw|thrown|throw\w*|hurl\w*) (?:\w+ ){0,2}?(?:stones?|rocks?|bricks?|bottles?|objects?|projectiles?|petrol bombs?)"
    r"|vandali[sz]\w*|brawl\w*|loot\w*|smash\w*|ransack\w*|molotov|rampag\w*|destroy\w*"
    r"|block\w*\s+(?:\w+\s+){0,4}?with\s+(?:\w+\s+){0,4}?"
    r"(?:logs?|trees?|trunks?|tires|tyres|stones|rocks|debris|sandbags|woods?|benches|branches|boulders)"
    r"|(?:clash\w*|fought|scuffl\w*|confrontation)\s+(?:\w+\s+){0,3}?(?:with|between)\s+(?:\w+\s+){0,3}?"
    r"(?:police|security forces|officers|gendarm\w*|soldiers)"
    r")\b"
)


def violent_demonstration(code: str, text: str) -> str:
    """Return a demonstration's sub-event type as the whole note shows it: a Peaceful protest,
    or one with intervention, is a Violent demonstration when the note tells of crowd violence
    ("demonstrated against the power cuts, burning tyres"), wherever in the note it stands."""
    if code in ("Peaceful protest", "Protest with intervention") and CROWD_VIOLENCE.search(text):
        return "Violent demonstration"
    return code


# Roles whose people bear arms: the state's soldiers and police, rebels, armed groups and
# gangs, militias. Off duty, or former ones, ACLED counts them as civilians.
ARMED_ROLES = ("MIL", "SPY", "COP", "TAL", "REB", "UAF", "CRM", "IDM")
_OFF_DUTY = re.compile(
    r"\b(?:off[- ]duty|(?:former|retired|ex-)\s*(?:\w+\s+){0,2}?"
    r"(?:members?|soldiers?|police\w*|officers?|commanders?|forces|fighters?|militants?|servicem[ae]n|guards?))\b",
    re.I,
)


# Fighting on the ground: small arms, an exchange of fire, clashes (not "previous clashes",
# whose leftover mines explode now).
_GROUND_FIGHT = re.compile(
    r"\b(?:small arms|exchang\w* (?:of )?(?:fire|gunfire)|(?:fired|shot) back|returned fire|gunfights?"
    r"|firefights?|(?<!previous )(?<!recent )(?<!earlier )(?<!past )clash(?:ed|es)?)\b"
)


def noted_code(event: Event, text: str) -> str:
    """Return the sub-event type the rules give one event of a note, in the light of the note.

    A demonstration went as far as the note tells (`violent_demonstration`). An attack on
    people who bear arms (soldiers, police, a group's fighters) by an armed side is an armed
    clash: ACLED's violence against civilians has civilians on the other side, and its
    attacks on armed actors are battles; a crowd's beating of a thief stays what it was. Off
    duty or former ones are civilians: a clash the patterns read on them is an attack.
    Remote violence in a note that tells of fighting on the ground ("fired mortars and small
    arms", "shelled ... and both sides exchanged fire") is part of that battle, as ACLED codes it.
    """
    code = violent_demonstration(event.event_code, text)
    if event_types().get(code) == "Explosions/Remote violence" and _GROUND_FIGHT.search(text):
        return "Armed clash"
    if code in ("Attack", "Armed clash") and event.target_code[3:][-3:] in ARMED_ROLES:
        if _OFF_DUTY.search(text):
            return "Attack"
        if code == "Attack" and event.source_code[3:][-3:] not in CROWD_ROLES:
            return "Armed clash"
    return code


def rule_features(events: Sequence[Event], text: str, taxonomy: Any) -> str:
    """Describe the rules' decision on a note as tokens for a model trained with `--rule-features`.

    The tokens name the sub-event and event type the rules give the whole note, and every
    sub-event type one of its sentences matched (a note can hold an attack and a clash).
    """
    codes = " ".join(sorted({f"rulecode{_slug(e.event_code)}" for e in events}))
    return f"{type_tokens(rules_type(events, text), taxonomy)} {codes}".rstrip()


def type_tokens(sub_event: str, taxonomy: Any) -> str:
    """Return the tokens that stand for a sub-event type and its event type in a model's input."""
    sub_event = sub_event or NONE
    kind = taxonomy.get(sub_event) if taxonomy is not None else None
    return f"rulesub{_slug(sub_event)} ruleet{_slug(kind.root if kind is not None else NONE)}"


@cache
def _slug(label: str) -> str:
    return re.sub(r"\W", "", label)  # remembered: a note's rule features name a few labels again and again


def acled_rows(
    events: Iterable[Event],
    actors: ActorTable,
    text: str = "",
    timestamp: str = "",
    names: dict[str, str] | None = None,
    label: str = "",
    taxonomy: Any = None,
    doc_id: str = "",
    note: bool = True,
) -> list[dict[str, Any]]:
    """Turn one document's events into ACLED rows, one per (actors, day) event.

    `text` is the document's text (ACLED's `notes`); by default the events' sentences. A
    document-level `label` (a sub-event type, see `document_type`) overrides the rules' types.
    A `note` (an event description, as ACLED's notes are) gets a row even when no pattern
    matched it; another document (a news article) gets rows only for the events found in it.
    """
    # an event dated only by a past year ("an explosion in 2014") is the story's background:
    # ACLED codes each event from the reports of its own time
    events = [e for e in events if e.date_precision != "year"]
    names = names if names is not None else country_names(actors)
    if not text:
        text = " ".join(dict.fromkeys(e.sentence for e in events))
    rows: dict[tuple[str, ...], dict[str, Any]] = {}
    assumed: set[tuple[str, ...]] = set()
    fatalities = count_fatalities(text)
    tokens = _tokens(text, COUNTRY_CHARS)  # read for countries, then for actors after "by"
    story_country, place_country = _countries(text, actors, tokens)
    located = locate(text, place_country or story_country)
    decided_by = "model" if label else "rule"
    tag = tagged_type(text)
    label = label or tag
    kind = taxonomy.get(label) if label and taxonomy is not None else None
    if kind is not None:
        events = [
            replaced(e, event_code=label, event_root=kind.root, method="model" if e.event_code != label else "both")
            for e in events
        ]
    elif taxonomy is not None:  # the rules decide: a demonstration went as far as the note tells
        events = [
            replaced(e, event_code=code, event_root=taxonomy.get(code).root)
            if (code := noted_code(e, text)) != e.event_code
            else e
            for e in events
        ]
        if events:  # and the event that stands for the note comes first (its row is the note's)
            main, code = note_event([e.event_code for e in events], text)
            lead = events.pop(main)
            if code != lead.event_code:
                lead = replaced(lead, event_code=code, event_root=taxonomy.get(code).root)
            events.insert(0, lead)
    if not events:
        # ACLED records an event for every note, so a note the patterns missed still gets a row
        # (of the model's type, its tag's, or the one its words suggest); an article does not:
        # a row there would be an event invented from a story that reports none
        if not note:
            return []
        if kind is None:
            label, decided_by = rules_type((), text), "rule"
            kind = taxonomy.get(label) if taxonomy is not None else None
        if kind is not None:
            rule_id = "" if decided_by == "model" else "tag" if tag else "words"
            events = [
                Event(
                    doc_id,
                    0,
                    None,
                    "story",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                    label,
                    kind.root,
                    label,
                    "",
                    None,
                    decided_by,
                    rule_id,
                    0.0,
                    text,
                )  # fmt: skip
            ]
    lead, lead_precision = lead_date(text)
    if lead is not None:  # the note's own date stands for every event only dated by the story
        events = [
            replaced(e, date=lead, date_precision=lead_precision)
            if e.date is None or e.date_precision == "story"
            else e
            for e in events
        ]
    armed = (  # demonstrations have their usual sides: no need to look for armed actors
        _armed_actors(events, actors, names, _agents_by(text, actors, events[0].date, tokens))
        if any(e.event_root not in ("Protests", "Riots") for e in events)
        else []
    )
    # the country the event happened in, whose own forces are state forces (1), others' external (8)
    host = located.country.iso3 if located is not None and located.country is not None else place_country
    for event in events:
        sub_event = event.event_code
        first = acled_actor(event.source_code, event.source_text, actors, names, sub_event)
        second = acled_actor(event.target_code, event.target_text, actors, names, sub_event)
        defaulted = first is None
        if first is None and event.event_root != "Protests":  # the note's armed actor, when it names one
            first = _other(armed, second)
        if first is None:  # every ACLED event has an actor1: the usual one for its type
            first = _default_actor(event.event_root, sub_event, second, story_country, names)
            if first is None:
                continue
        first, second = fit_roles(first, second, event.event_root, sub_event, story_country, names, armed, text)
        first, second = abroad(first, host), abroad(second, host)
        first, second = placed(first, host, names), placed(second, host, names)
        first, second = dated(first, event.date, names), dated(second, event.date, names)
        day = event.date.isoformat() if event.date else ""
        key = (*sorted((first.name, second.name if second else "")), day)
        if key in rows:
            continue  # reports of the same actors and day are one event, whichever side is first
        country = first.country or (second.country if second else "") or story_country
        rows[key] = {
            "event_id_cnty": "",
            "event_date": day,
            "year": event.date.year if event.date else "",
            "time_precision": PRECISION.get(event.date_precision, 1),
            "disorder_type": disorder_types().get(sub_event, ""),
            "event_type": event.event_root,
            "sub_event_type": sub_event,
            "actor1": with_article(first.name),
            "assoc_actor_1": "",
            "inter1": first.inter,
            "actor2": with_article(second.name) if second else "",
            "assoc_actor_2": "",
            "inter2": second.inter if second else 0,
            "interaction": interaction(first.inter, second.inter if second else None),
            "civilian_targeting": "Civilian targeting" if second is not None and second.inter == 7 else "",
            **location_columns(located, country, names.get(country, "")),
            "source": "",
            "source_scale": "",
            "notes": text,
            "fatalities": fatalities,
            "tags": "",
            "timestamp": timestamp,
            "doc_id": event.doc_id,
            "source_code": event.source_code,
            "target_code": event.target_code,
            "method": event.method,
            "rule_id": event.rule_id,
            "confidence": event.confidence,
        }
        if defaulted:
            assumed.add(key)
    named = {(key[-1], rows[key]["sub_event_type"]) for key in rows if key not in assumed}
    # A row whose actor was only assumed ("Clashes in Borno") is the same event as a named one.
    kept = [row for key, row in rows.items() if key not in assumed or (key[-1], row["sub_event_type"]) not in named]
    return _escalated(kept)


# How far a demonstration went: ACLED codes one demonstration once, at the furthest it went.
ESCALATION = {
    "Peaceful protest": 0,
    "Protest with intervention": 1,
    "Violent demonstration": 2,
    "Excessive force against protesters": 2,
}


def _escalated(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Drop the rows of a demonstration that another row shows went further.

    "Protesters gathered ... and burned tyres" is one Violent demonstration, not a Peaceful
    protest as well.
    """
    furthest = max((ESCALATION.get(row["sub_event_type"], -1) for row in rows), default=-1)
    return [row for row in rows if ESCALATION.get(row["sub_event_type"], furthest) >= furthest]


# ACLED opens some notes with a tag that names a strategic development's kind ("Looting: On
# 3 May 2022, ..."): each tag belongs to one sub-event type.
TAGS = {
    "agreement": "Agreement",
    "arrests": "Arrests",
    "change to armed group": "Change to group/activity",
    "movement of forces": "Change to group/activity",
    "recruitment": "Change to group/activity",
    "security measures": "Change to group/activity",
    "defusal": "Disrupted weapons use",
    "detonation": "Disrupted weapons use",
    "interception": "Disrupted weapons use",
    "weapons seizure": "Disrupted weapons use",
    "land seizure": "Looting/property destruction",
    "looting": "Looting/property destruction",
    "property destruction": "Looting/property destruction",
    "displacement": "Other",
    "elections/referendum": "Other",
    "explosive remnants of war": "Other",
    "mass grave": "Other",
    "non-violent activity": "Other",
    "other": "Other",
    "training": "Other",
}
_TAG = re.compile(r"^\s*([A-Za-z /-]{4,40}):\s")

# The likeliest sub-event type of a note no pattern matched, by its words, most specific
# first: ACLED records an event for every note, so a note always gets a row.
FALLBACK = [
    ("Suicide bomb", re.compile(r"\bsuicide\b", re.I)),
    ("Air/drone strike", re.compile(r"\b(?:air ?strikes?|air raids?|drone strikes?|airstrikes?|warplanes?)\b", re.I)),
    (
        "Shelling/artillery/missile attack",
        re.compile(r"\b(?:shell(?:s|ed|ing)|artillery|mortars?|rockets?|missiles?)\b", re.I),
    ),
    ("Remote explosive/landmine/IED", re.compile(r"\b(?:IEDs?|landmines?|mines?|explosive devices?|bombs?)\b")),
    ("Grenade", re.compile(r"\bgrenades?\b", re.I)),
    ("Armed clash", re.compile(r"\b(?:clash(?:ed|es)?|exchanged? (?:of )?fire|gunfights?|firefights?|fought)\b", re.I)),
    ("Abduction/forced disappearance", re.compile(r"\b(?:abduct|kidnap)\w*", re.I)),
    ("Sexual violence", re.compile(r"\b(?:rap(?:e|ed|ing)|sexual(?:ly)?)\b", re.I)),
    ("Mob violence", re.compile(r"\b(?:mobs?|lynch\w*|rioters?|brawl\w*|scuffle\w*|altercation)\b", re.I)),
    (
        "Attack",
        re.compile(
            r"\b(?:kill\w*|shot|shoot\w*|murder\w*|stabb\w*|beat(?:en|ing)?|tortur\w*|attack\w*|assault\w*)\b", re.I
        ),
    ),
    ("Arrests", re.compile(r"\b(?:arrest\w*|detain\w*)\b", re.I)),
    (
        "Looting/property destruction",
        re.compile(r"\b(?:loot\w*|set (?:fire|ablaze)|burn\w*|destroy\w*|vandali[sz]\w*|smash\w*|seiz\w*)\b", re.I),
    ),
    (
        "Peaceful protest",
        re.compile(
            r"\b(?:protest\w*|demonstrat\w*|rall(?:y|ied|ies)|(?-i:march)\w*|gathered|sit-in|strike|picket\w*)\b", re.I
        ),
    ),
]


def tagged_type(text: str) -> str:
    """Return the sub-event type the tag opening a note names ("Looting: On ..."), or ''."""
    match = _TAG.match(text)
    return TAGS.get(match.group(1).strip().lower(), "") if match else ""


def fallback_type(text: str) -> str:
    """Return the likeliest sub-event type of a note by its words ("Other" if none fits)."""
    return next((sub_event for sub_event, words in FALLBACK if words.search(text)), "Other")


_ROUGHLY = re.compile(r"\b(?:around|about|between|week of|weekend of|week|weekend)\b", re.I)
# "(month of)" anywhere, or a month and year opening the note: two expressions, one searched and
# one matched at the start (as one, the search would try the anchored one at every character)
_MONTH_OF = re.compile(r"\bmonth of\b", re.I)
_IN_MONTH = re.compile(r"\W*(?:in|during)\s+[A-Z][a-z]+\s+\d{4}", re.I)


def lead_date(text: str) -> tuple[date | None, str]:
    """Return the date a note opens with and its precision, else (None, "story").

    ACLED notes open with their event's date: "On 23 February 2022, ..." (a day), "Around
    15 June 2022 (as reported), ..." or "Between 1 and 7 May 2022" (a week), "(month of)"
    (a month). A date further in is about something else.
    """
    head = text[:160]
    found, _ = find_date(head, None)
    if found is None:
        return None, "story"
    before = head[: head.find(str(found.year))]
    if _MONTH_OF.search(head) or _IN_MONTH.match(head):
        return found, "month"
    return found, "week" if _ROUGHLY.search(before) else "day"


def _first_country(text: str, actors: ActorTable) -> str:
    """Return the first country a text names (a capital or city counts), for events whose
    actors have none: "protesters gathered in Chisinau" happened in Moldova."""
    return _countries(text, actors)[0]


COUNTRY_CHARS = 5000  # the characters of a note read for its countries
AGENT_CHARS = 2000  # ... and for its actors after "by"


def _tokens(text: str, size: int) -> tuple[list[str], list[str]]:
    """Return the tokens of a text's first `size` characters, and their folded forms."""
    texts = tokenize(text[:size])
    return texts, folds(texts)


def _countries(text: str, actors: ActorTable, tokens: tuple[list[str], list[str]] | None = None) -> tuple[str, str]:
    """Return the first country a text names, and the first it names as a place.

    A country word right before a role word names an actor ("Russian forces", "Syrian
    rebels"), not where the event was: "Russian forces shelled Ukrainian positions" was in
    Ukraine, so Russia's forces there are foreign.
    """
    texts, lows = tokens if tokens is not None else _tokens(text, COUNTRY_CHARS)
    mentions = actors.mentions(texts, lows)
    first = place = ""
    for index, mention in enumerate(mentions):
        after = mentions[index + 1] if index + 1 < len(mentions) else None
        if mention.entry.kind != "country" or mention.entry.actor is None:
            continue
        code = mention.entry.actor.codes[0].code
        first = first or code
        said = " ".join(lows[mention.start : mention.end])
        if said not in {a.lower() for a in mention.entry.actor.adjectives} and not (
            after is not None and after.start == mention.end and after.entry.kind == "agent"
        ):
            place = code
            break
    return first, place


DEFAULT_ACTORS: dict[str, tuple[str, int]] = {
    "Protests": ("Protesters ({c})", 6),
    "Riots": ("Rioters ({c})", 5),
    "Violence against civilians": ("Unidentified Armed Group ({c})", 3),
    "Explosions/Remote violence": ("Unidentified Armed Group ({c})", 3),
    "Battles": ("Unidentified Armed Group ({c})", 3),
    "Strategic developments": ("Military Forces of {c}", 1),
}
# Strategic developments whose usual actor is not the state's forces.
SUB_EVENT_ACTORS: dict[str, tuple[str, int]] = {
    "Mob violence": ("Rioters ({c})", 5),
    "Arrests": ("Police Forces of {c}", 1),
    "Looting/property destruction": ("Unidentified Armed Group ({c})", 3),
    "Other": ("Civilians ({c})", 7),
    "Agreement": ("Government of {c}", 1),
}
# Sub-event types where a country named as the actor is its government, not its forces.
GOVERNMENT_SUB_EVENTS = ("Agreement",)


def _default_actor(
    event_type: str, sub_event: str, target: AcledActor | None, story_country: str, names: dict[str, str]
) -> AcledActor | None:
    """Name the actor an ACLED event of this type has when the text names none."""
    template, inter = SUB_EVENT_ACTORS.get(sub_event) or DEFAULT_ACTORS.get(event_type, ("", 0))
    if not template:
        return None
    country = (target.country if target else "") or story_country
    if not country:
        return AcledActor(template.replace(" of {c}", "").replace(" ({c})", ""), inter, "")
    return AcledActor(template.format(c=names.get(country, country)), inter, country)


INTERVENTION = ("Protest with intervention", "Excessive force against protesters")
AGAINST_CIVILIANS = ("Attack", "Abduction/forced disappearance", "Sexual violence")
STATE = (1, 8)
CROWDS = (5, 6, 7)
ARMED = ("Battles", "Explosions/Remote violence", "Violence against civilians")
ARMED_INTER = (1, 2, 3, 4, 8)
HERDERS = ("AGR",)  # herders and farmers who attack are communal militias in ACLED


def _agents_by(
    text: str, actors: ActorTable, day: date | None, tokens: tuple[list[str], list[str]] | None = None
) -> list[tuple[str, str]]:
    """Return the (code, text) of the actors a note names after `by`: the doers of its event
    ("killed by the police", "an IED planted by unknown militants").

    `tokens` are those `_countries` read: the same when the note is no longer than `AGENT_CHARS`.
    """
    if tokens is None or len(text) > AGENT_CHARS:
        tokens = _tokens(text, AGENT_CHARS)
    texts, lows = tokens
    if "by" not in lows:
        return []  # four notes in five: no actor phrase to find
    return [
        (chunk.codes[0], " ".join(texts[chunk.start : chunk.end]))
        for chunk in actors.chunks(texts, lows, day)
        if chunk.prep == "by" and chunk.codes
    ]


def _armed_actors(
    events: list[Event], actors: ActorTable, names: dict[str, str], doers: list[tuple[str, str]]
) -> list[AcledActor]:
    """Return the armed actors (inter 1-4, 8) a note names as doers: after `by`, then as sources.

    An ACLED note tells one event, so an armed actor named as a doer anywhere in it ("killed
    by the police", "Houthi forces shelled") is the likely actor1 of a row whose rule found none.
    """
    found: dict[str, AcledActor] = {}
    sub_event = events[0].event_code if events else ""
    for code, text in [*doers, *((e.source_code, e.source_text) for e in events)]:
        actor = acled_actor(code, text, actors, names, sub_event)
        if actor is not None and actor.inter in ARMED_INTER:
            found.setdefault(actor.name, actor)
    return list(found.values())


def _other(armed: Sequence[AcledActor], second: AcledActor | None) -> AcledActor | None:
    """Return the first armed actor that is not the event's other side."""
    return next((a for a in armed if second is None or a.name != second.name), None)


def fit_roles(
    first: AcledActor,
    second: AcledActor | None,
    event_type: str,
    sub_event: str,
    country: str,
    names: dict[str, str],
    armed: Sequence[AcledActor] = (),
    text: str = "",
) -> tuple[AcledActor, AcledActor | None]:
    """Give an event the actor1 and actor2 that ACLED's definition of its type implies.

    ACLED codes a protest as by `Protesters`, a riot as by `Rioters`, whoever the text says
    took part (the named group would be an associate actor); violence against civilians has
    civilians on the other side, arrests the state on the arresting side. A side the type
    implies but the text leaves out gets the usual actor of the event's country.
    """
    where = country or first.country or (second.country if second else "")

    def usual(template: str, inter: int) -> AcledActor:
        return AcledActor(
            template.format(c=names.get(where, where)) if where else template.split(" (")[0].replace(" of {c}", ""),
            inter,
            where,
        )

    state = next((a for a in (first, second) if a is not None and a.inter in STATE), None)
    if event_type == "Protests":
        other = (state or usual("Police Forces of {c}", 1)) if sub_event in INTERVENTION else None
        return usual("Protesters ({c})", 6), other
    if event_type == "Riots":
        other = second if first.inter in CROWDS + (3,) else first
        if other is None and sub_event == "Mob violence":  # a crowd fights another, or attacks people
            if not _CLASH.search(text):
                other = usual("Civilians ({c})", 7)
            else:
                other = usual("Police Forces of {c}", 1) if _POLICE.search(text) else usual("Rioters ({c})", 5)
        return usual("Rioters ({c})", 5), other

    def perpetrator(crowd: AcledActor) -> AcledActor:
        """Name the armed group a crowd or a civilian said to fight or attack stands for."""
        named = _other(armed, second)
        if named is not None:
            return named
        if crowd.role in HERDERS:
            return usual("Communal Militia ({c})", 4)
        return usual("Unidentified Armed Group ({c})", 3)

    if sub_event in AGAINST_CIVILIANS:
        if first.inter in CROWDS:
            first, second = (
                (second, first) if second is not None and second.inter not in CROWDS else (perpetrator(first), first)
            )
        return first, second if second is not None and second.inter == 7 else usual("Civilians ({c})", 7)
    if event_type in ARMED and first.inter in CROWDS:
        return perpetrator(first), second
    if sub_event == "Looting/property destruction" and second is None and first.inter != 7:
        return first, usual("Civilians ({c})", 7)  # whose property it was, when the text says nothing else
    if event_type == "Explosions/Remote violence" and second is None and _civilians_hurt(text):
        return first, usual("Civilians ({c})", 7)  # shelling that killed or hurt people hit civilians
    if event_type == "Battles" and (second is None or second.name == first.name):
        return first, _opponent(first, armed, text, usual)
    if sub_event == "Arrests":
        if first.inter not in STATE:
            first, second = (state, first) if state is not None else (usual("Police Forces of {c}", 1), first)
        if second is None or second is first or second.inter in STATE + (5, 6):
            second = usual("Civilians ({c})", 7)
        return first, second
    return first, second


_CLASH = re.compile(r"\b(?:clash\w*|fight\w*|fought|brawl\w*|scuffle\w*|between|two groups|rival\w*)\b", re.I)
_CIVILIANS = re.compile(
    r"\b(?:civilians?|residents?|villagers?|children|child|wom[ae]n|m[ae]n|people|persons?|famil(?:y|ies)|boys?"
    r"|girls?|farmers?|worshippers?|passengers?)\b",
    re.I,
)
_HARM = re.compile(r"\b(?:kill\w*|dead|died|injur\w*|wound\w*|casualt\w*|fatalit\w*)\b", re.I)


_UNHURT = re.compile(
    r"\b(?:no|without|unknown|unspecified)\s+(?:\w+\s+)?(?:casualt\w*|fatalit\w*|injur\w*)|casualties unknown", re.I
)


def _civilians_hurt(text: str) -> bool:
    """Whether a note tells of people killed or hurt ("killing two civilians", "a man was
    injured"), not that nobody was ("no casualties", "casualties unknown")."""
    return bool(_CIVILIANS.search(text) and _HARM.search(_UNHURT.sub(" ", text)))


_POLICE = re.compile(r"\b(?:police|policem[ae]n|gendarm\w*)\b", re.I)
_STATE_FORCES = re.compile(
    r"\b(?:military|army|soldiers?|troops|security forces|armed forces|national guard|marines?|navy)\b", re.I
)


def _opponent(first: AcledActor, armed: Sequence[AcledActor], text: str, usual: Any) -> AcledActor:
    """Return the other side of a battle whose text names one: another armed actor the note
    names as a doer, else the state's forces where the note mentions them (the police, the
    army), else the usual opponent: an unidentified group for the state, a group of its own
    kind for an unidentified group or a communal militia, the state for rebels."""
    named = next((a for a in armed if a.name != first.name), None)
    if named is not None:
        return named
    if first.inter not in STATE and _POLICE.search(text):
        return usual("Police Forces of {c}", 1)
    if first.inter not in STATE and (_STATE_FORCES.search(text) or first.inter not in (3, 4)):
        return usual("Military Forces of {c}", 1)
    if first.inter == 4:
        return usual("Communal Militia ({c})", 4)
    return usual("Unidentified Armed Group ({c})", 3)


@cache
def _templates() -> dict[str, str]:
    """Map each generic actor name without its country to its template: `Rebels` -> `Rebels ({c})`."""
    found = [template for template, _ in (*ROLES.values(), *DEFAULT_ACTORS.values(), *SUB_EVENT_ACTORS.values())]
    found += ["Rioters ({c})", "Communal Militia ({c})"]
    return {t.replace(" of {c}", "").replace(" ({c})", ""): t for t in found}


def placed(actor: A, country: str, names: dict[str, str]) -> A:
    """Give a generic actor the text names no country for (`Military Forces`) the country the
    event happened in, as ACLED names them (`Military Forces of Syria`)."""
    if actor is None or actor.country or not country or actor.name not in _templates():
        return actor
    return replace(actor, name=_templates()[actor.name].format(c=names.get(country, country)), country=country)


STATE_NAMES = ("Military Forces of {c}", "Police Forces of {c}", "Government of {c}")


@lru_cache(maxsize=1024)
def _state_names(country_name: str) -> frozenset[str]:
    """Return the names of a country's state forces, as `STATE_NAMES` make them."""
    return frozenset(t.format(c=country_name) for t in STATE_NAMES)


@cache
def periods() -> dict[str, list[tuple[date, date | None, str]]]:
    """Return each country's government periods as ACLED names them (`coder/taxonomy/acled-periods.csv`)."""
    out: dict[str, list[tuple[date, date | None, str]]] = {}
    with resources.files("coder.taxonomy").joinpath("acled-periods.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            end = date.fromisoformat(row["end"]) if row["end"] else None
            out.setdefault(row["iso3"], []).append((date.fromisoformat(row["start"]), end, row["label"]))
    return out


def dated(actor: A, day: date | None, names: dict[str, str]) -> A:
    """Add the government period to a state's forces, as ACLED names them on that day
    (`Military Forces of Myanmar (2021-)`); a country or day the period table lacks keeps the plain name."""
    if actor is None or day is None or actor.inter not in (1, 8) or not actor.country:
        return actor
    if actor.name not in _state_names(names.get(actor.country, actor.country)):
        return actor
    for start, end, label in periods().get(actor.country, ()):
        if start <= day and (end is None or day <= end):
            return replace(actor, name=f"{actor.name} ({label})")
    return actor


def abroad(actor: A, country: str) -> A:
    """Code a state's forces outside their country as ACLED does: external forces (8)."""
    if actor is None or actor.inter != 1 or not country or not actor.country or actor.country == country:
        return actor
    return replace(actor, inter=8)


def code_acled(
    coder: Any, documents: Iterable[Any], summary: Any, merge: bool = True, jobs: int = 1
) -> Iterator[list[dict[str, Any]]]:
    """Code documents into ACLED rows, one list per document (empty when skipped).

    With `merge`, ACLED's rule holds across documents too: a later report of the same
    actors, day and location is the same event, so its row is dropped and counted in the
    summary. Each row gets an `event_id_cnty`: the country's ISO code and a running number.
    With `jobs` > 1 the documents are coded on that many processes, with the same rows.
    """
    if jobs > 1:
        from coder.parallel import code_parallel

        per_document = code_parallel({}, documents, jobs, summary, coder, acled=True)
    else:
        per_document = _serial_rows(coder, documents, summary)
    iso3 = {c.name: c.iso3 for c in countries().values()}
    numbers: dict[str, int] = {}
    seen: set[tuple[str, ...]] = set()
    if merge:
        summary.dedupe = "ACLED: same actors, day and location"
    for rows in per_document:
        kept = []
        for row in rows:  # type: ignore[union-attr]
            key = _same_event(row)
            if merge and key is not None:
                if key in seen:
                    summary.duplicates += 1
                    summary.events -= 1
                    continue
                seen.add(key)
            prefix = iso3.get(row["country"], "XXX")
            numbers[prefix] = numbers.get(prefix, 0) + 1
            row["event_id_cnty"] = f"{prefix}{numbers[prefix]}"
            kept.append(row)
        yield kept


def document_rows(coder: Any, document: Any, names: dict[str, str]) -> tuple[list[dict[str, Any]], int]:
    """Code one document into its ACLED rows; return them and its number of sentences."""
    return batch_rows(coder, [document], names)[0]


def batch_rows(coder: Any, documents: Sequence[Any], names: dict[str, str]) -> list[tuple[list[dict[str, Any]], int]]:
    """Code documents into their ACLED rows (a model judges all the notes in one call).

    An ACLED model was trained on notes, one event each, so it decides the type of a note only;
    an article reports several events of different types, and keeps the rules' types."""
    coded = [coder.code_document(document) for document in documents]
    texts = ["\n".join(d.paragraphs) for d in documents]  # a title's last word is not the first word's name
    notes = [i for i, d in enumerate(documents) if is_note(d)]
    judged = document_types(coder, [texts[i] for i in notes], [coded[i][0] for i in notes]) if notes else []
    types = [""] * len(documents)
    for i, kind in zip(notes, judged, strict=True):
        types[i] = kind
    return [
        (acled_rows(events, coder.actors, text, "", names, kind, coder.taxonomy, d.id, is_note(d)), sentences)
        for d, (events, sentences), text, kind in zip(documents, coded, texts, types, strict=True)
    ]


def is_note(document: Any) -> bool:
    """Say whether a document reads as one event description, as ACLED's notes do: a single
    paragraph with no title. A titled or longer text is an article, which may report no event."""
    return len(document.paragraphs) == 1 and not document.title


# Documents a model judges at a time: a call costs about 1 ms besides the notes, and larger
# batches are counted faster still (their new words are analysed together): 2,000 notes took
# 0.405 s in batches of 128, 0.348 s in batches of 512, 0.343 s in one.
BATCH = 512


def _serial_rows(coder: Any, documents: Iterable[Any], summary: Any) -> Iterator[list[dict[str, Any]]]:
    names = country_names(coder.actors)
    started = time.perf_counter()
    iterator = iter(documents)
    while batch := list(islice(iterator, BATCH)):
        admitted = [summary.admit(document) for document in batch]
        coded = iter(batch_rows(coder, [d for d, ok in zip(batch, admitted, strict=True) if ok], names))
        for ok in admitted:
            if not ok:
                yield []
                continue
            rows, sentences = next(coded)
            summary.add(len(rows), sentences, time.perf_counter() - started)
            yield rows


def _same_event(row: dict[str, Any]) -> tuple[str, ...] | None:
    """Return what makes two rows one ACLED event (actors, day, place), or None when the row
    has no day or no place to compare by."""
    place = row["location"] or row["admin1"]
    if not row["event_date"] or not place:
        return None
    return (row["event_date"], row["country"], place, *sorted((row["actor1"], row["actor2"])))
