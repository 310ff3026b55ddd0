"""Own ACLED-style rows: event types, actor names and inter codes, dates, fatalities.

An ACLED row names actors the ACLED way (`Military Forces of Nigeria`, `Protesters (Kenya)`),
gives each an `inter` code (1 state forces ... 8 external/other forces) and the two-digit
`interaction`, counts fatalities conservatively (`dozens` = 12, the lowest of conflicting
figures, injuries are not deaths) and gives ACLED's `time_precision` (1 day, 2 week, 3 month).
Locations need a gazetteer, which is not there yet: those columns stay blank.
"""

from __future__ import annotations

import csv
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from coder.actors import ActorTable
from coder.events import Event

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
PRECISION = {"day": 1, "story": 1, "week": 2, "month": 3}

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
}
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
_NUMBER = r"(\d[\d,]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
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


def count_fatalities(text: str) -> int:
    """Return the lowest death figure a text reports (0 when none): ACLED's conservative count."""
    figures = []
    for pattern in _FATALITIES:
        for match in pattern.finditer(text):
            value = _value(match.group(1))
            if value is not None and value < 100_000:
                figures.append(value)
    return min(figures) if figures else 0


@cache
def disorder_types() -> dict[str, str]:
    """Map each ACLED sub-event type to its disorder type."""
    text = resources.files("coder.taxonomy").joinpath("acled-categories.csv").read_text("utf-8")
    return {row["sub_event_type"]: row["disorder_type"] for row in csv.DictReader(text.splitlines())}


@dataclass(frozen=True, slots=True)
class AcledActor:
    name: str
    inter: int
    country: str


A = TypeVar("A", AcledActor, AcledActor | None)


def acled_actor(code: str, text: str, actors: ActorTable, names: dict[str, str], sub_event: str) -> AcledActor | None:
    """Name an actor code the ACLED way, with its inter code."""
    if not code:
        return None
    country = actors.country_of(code)
    role = code[3:] if len(code) >= 6 else ""
    country_name = names.get(country, country)
    if code.startswith(("IGO", "NGO")):
        return AcledActor(names.get(code, text or code), 8, "")
    if role and role[-3:] in ROLES:
        template, inter = ROLES[role[-3:]]
        if role[-3:] == "OPP" and sub_event in RIOTS:
            template, inter = "Rioters ({c})", 5
        if not country:
            return AcledActor(template.replace(" of {c}", "").replace(" ({c})", ""), inter, "")
        return AcledActor(template.format(c=country_name), inter, country)
    if country and code == country:
        return AcledActor(f"Military Forces of {country_name}", 1, country)
    return AcledActor(names.get(code, text or code), 3, country)


def interaction(inter1: int, inter2: int | None) -> str:
    """Return ACLED's two-digit interaction code (the lower inter code first)."""
    if not inter2:
        return f"{inter1}0"
    low, high = sorted((inter1, inter2))
    return f"{low}{high}"


def country_names(actors: ActorTable) -> dict[str, str]:
    """Map codes to display names: countries by their first name, named actors likewise."""
    out: dict[str, str] = {}
    for entries in actors.phrases.values():
        for _, entry in entries:
            if entry.actor is not None:
                for dated in entry.actor.codes:
                    out.setdefault(dated.code, entry.actor.names[0])
    return out


def document_type(coder: Any, text: str) -> str:
    """Return the ACLED sub-event type a confident document-level model gives a text, or ''.

    ACLED models are trained on whole `notes`, so they judge the whole text; below the
    coder's threshold, or with a rules-only policy, the rules decide.
    """
    if coder.model is None or coder.policy == "rules-only" or coder.label_set != "acled-sub-event-type":
        return ""
    probabilities = coder.model.predict_proba([text])[0]
    best = int(probabilities.argmax())
    label = str(coder.model.classes_[best])
    if probabilities[best] < coder.threshold or label not in coder.taxonomy:
        return ""
    return label


def acled_rows(
    events: Iterable[Event],
    actors: ActorTable,
    text: str = "",
    timestamp: str = "",
    names: dict[str, str] | None = None,
    label: str = "",
    taxonomy: Any = None,
) -> list[dict[str, Any]]:
    """Turn one document's events into ACLED rows, one per (actors, day) event.

    `text` is the document's text (ACLED's `notes`); by default the events' sentences. A
    document-level `label` (a sub-event type, see `document_type`) overrides the rules' types.
    """
    events = list(events)
    names = names if names is not None else country_names(actors)
    if not text:
        text = " ".join(dict.fromkeys(e.sentence for e in events))
    rows: dict[tuple[str, ...], dict[str, Any]] = {}
    assumed: set[tuple[str, ...]] = set()
    fatalities = count_fatalities(text)
    story_country, place_country = _countries(text, actors)
    if label and taxonomy is not None:
        kind = taxonomy.get(label)
        if not events and kind is not None:  # the model found an event the rules missed
            events = [
                Event(
                    "",
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
                    "model",
                    "",
                    0.0,
                    text,
                )
            ]
        events = (
            [
                replace(e, event_code=label, event_root=kind.root, method="model" if e.event_code != label else "both")
                for e in events
            ]
            if kind is not None
            else events
        )
    for event in events:
        sub_event = event.event_code
        first = acled_actor(event.source_code, event.source_text, actors, names, sub_event)
        second = acled_actor(event.target_code, event.target_text, actors, names, sub_event)
        defaulted = first is None
        if first is None:  # every ACLED event has an actor1: the usual one for its type
            first = _default_actor(event.event_root, sub_event, second, story_country, names)
            if first is None:
                continue
        first, second = fit_roles(first, second, event.event_root, sub_event, story_country, names)
        first, second = abroad(first, place_country), abroad(second, place_country)
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
            "actor1": first.name,
            "assoc_actor_1": "",
            "inter1": first.inter,
            "actor2": second.name if second else "",
            "assoc_actor_2": "",
            "inter2": second.inter if second else 0,
            "interaction": interaction(first.inter, second.inter if second else None),
            "civilian_targeting": "Civilian targeting" if second is not None and second.inter == 7 else "",
            "iso": "",
            "region": "",
            "country": names.get(country, ""),
            "admin1": "",
            "admin2": "",
            "admin3": "",
            "location": "",
            "latitude": "",
            "longitude": "",
            "geo_precision": "",
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
    return [row for key, row in rows.items() if key not in assumed or (key[-1], row["sub_event_type"]) not in named]


def _first_country(text: str, actors: ActorTable) -> str:
    """Return the first country a text names (a capital or city counts), for events whose
    actors have none: "protesters gathered in Chisinau" happened in Moldova."""
    return _countries(text, actors)[0]


def _countries(text: str, actors: ActorTable) -> tuple[str, str]:
    """Return the first country a text names, and the first it names as a place.

    A country word right before a role word names an actor ("Russian forces", "Syrian
    rebels"), not where the event was: "Russian forces shelled Ukrainian positions" was in
    Ukraine, so Russia's forces there are foreign.
    """
    from coder.sentences import tokenize

    texts = tokenize(text[:5000])
    lows = [t.lower() for t in texts]
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
}


def _default_actor(
    event_type: str, sub_event: str, target: AcledActor | None, story_country: str, names: dict[str, str]
) -> AcledActor | None:
    """Name the actor an ACLED event of this type has when the text names none."""
    template, inter = DEFAULT_ACTORS.get(event_type, ("", 0))
    if sub_event == "Mob violence":
        template, inter = "Rioters ({c})", 5
    if not template:
        return None
    country = (target.country if target else "") or story_country
    return AcledActor(
        template.format(c=names.get(country, country)) if country else template.split(" (")[0], inter, country
    )


INTERVENTION = ("Protest with intervention", "Excessive force against protesters")
AGAINST_CIVILIANS = ("Attack", "Abduction/forced disappearance", "Sexual violence")
STATE = (1, 8)
CROWDS = (5, 6, 7)


def fit_roles(
    first: AcledActor, second: AcledActor | None, event_type: str, sub_event: str, country: str, names: dict[str, str]
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
        if other is None and sub_event == "Mob violence":
            other = usual("Civilians ({c})", 7)
        return usual("Rioters ({c})", 5), other
    if sub_event in AGAINST_CIVILIANS:
        if first.inter in CROWDS:
            first, second = (
                (second, first)
                if second is not None and second.inter not in CROWDS
                else (usual("Unidentified Armed Group ({c})", 3), first)
            )
        return first, second if second is not None and second.inter == 7 else usual("Civilians ({c})", 7)
    if sub_event == "Arrests":
        if first.inter not in STATE:
            first, second = (state, first) if state is not None else (usual("Police Forces of {c}", 1), first)
        if second is None or second is first or second.inter in STATE + (5, 6):
            second = usual("Civilians ({c})", 7)
        return first, second
    return first, second


def abroad(actor: A, country: str) -> A:
    """Code a state's forces outside their country as ACLED does: external forces (8)."""
    if actor is None or actor.inter != 1 or not country or not actor.country or actor.country == country:
        return actor
    return replace(actor, inter=8)


def code_acled(coder: Any, documents: Iterable[Any], summary: Any) -> Iterator[list[dict[str, Any]]]:
    """Code documents into ACLED rows, one list per document (empty when skipped)."""
    names = country_names(coder.actors)
    started = time.perf_counter()
    for document in documents:
        if not summary.admit(document):
            yield []
            continue
        events, sentences = coder.code_document(document)
        text = " ".join(document.paragraphs)
        rows = acled_rows(events, coder.actors, text, "", names, document_type(coder, text), coder.taxonomy)
        summary.add(len(rows), sentences, time.perf_counter() - started)
        yield rows
