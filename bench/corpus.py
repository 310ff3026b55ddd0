"""Generate a synthetic news corpus for benchmarks, from templates we wrote.

Sentences mix events the coder should find, background it should ignore, and the noise of real
wire copy (datelines, quotes, numbers), with actors drawn from the codebook's countries.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta

TEMPLATES = [
    "{A} {role} {Name} visited {B} on {day} for talks on trade and security.",
    "{Adj} warplanes carried out airstrikes on rebel positions near the border with {B} on {day}, a monitor said.",
    "The {adj} foreign ministry said it had summoned the ambassador of {B} over the remarks.",
    "{A} and {B} signed an agreement on energy cooperation in the capital, officials said.",
    "Police in {A} arrested 14 protesters who had gathered outside parliament, according to local media.",
    "{Adj} troops clashed with militants in the north of the country, killing at least 12 people.",
    "{A} imposed new sanctions on {B} after the talks collapsed last week.",
    "The {adj} president condemned the attack and called for restraint on all sides.",
    "Share prices rose 2.5 percent in early trading as investors bet on lower interest rates.",
    "The weather in the region was mild for the time of year, forecasters said.",
    '"We will not accept threats," the {adj} prime minister told reporters in {Capital}.',
    "{A} offered to mediate between the rival factions, a spokesman for the ministry said.",
    "Thousands of people demonstrated in {Capital} on {day} against rising fuel prices.",
    "{A} expelled two diplomats from {B}, accusing them of spying.",
    "The {adj} government pledged $1.5 billion in humanitarian aid to {B} on {day}.",
    "The match ended in a draw after a late goal in the second half.",
    "{Adj} officials denied that their forces had attacked civilians in the area.",
    "{A} and {B} held talks in {Capital} on {day} aimed at ending the dispute.",
    "Gunmen kidnapped three aid workers in the east of {B} overnight, the United Nations said.",
    "The {adj} parliament approved the budget after a long debate that lasted into the night.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ROLES = ["Foreign Minister", "President", "Prime Minister", "Defence Minister", "Interior Minister"]
NAMES = ["Amal Haddad", "Pieter Jansen", "Li Wen", "Maria Souza", "Kofi Mensah", "Olga Petrova", "Omar Farouk"]


def countries(book: object) -> list[tuple[str, str, str]]:
    """Return (name, adjective, capital) triples of the codebook's countries."""
    out = []
    for actor in getattr(book, "actors", []):
        if actor.kind == "country" and actor.adjectives and actor.capitals:
            out.append((actor.names[0], actor.adjectives[0], actor.capitals[0]))
    return out or [("Libya", "Libyan", "Tripoli"), ("Turkey", "Turkish", "Ankara"), ("Qatar", "Qatari", "Doha")]


def sentences(n: int, book: object, seed: int = 7) -> Iterator[str]:
    """Yield n generated sentences."""
    rng = random.Random(seed)
    pool = countries(book)
    for _ in range(n):
        (a, adj, capital), (b, _, _) = rng.sample(pool, 2)
        yield rng.choice(TEMPLATES).format(
            A=a,
            B=b,
            Adj=adj,
            adj=adj,
            Capital=capital,
            day=rng.choice(DAYS),
            role=rng.choice(ROLES),
            Name=rng.choice(NAMES),
        )


def documents(n_sentences: int, book: object, per_doc: int = 20, seed: int = 7) -> Iterator[dict[str, str]]:
    """Yield table rows (id, date, text) holding n_sentences sentences in documents of per_doc."""
    batch: list[str] = []
    start = date(2020, 1, 1)
    number = 0
    for sentence in sentences(n_sentences, book, seed):
        batch.append(sentence)
        if len(batch) == per_doc:
            number += 1
            yield {
                "id": f"doc{number}",
                "date": (start + timedelta(days=number % 365)).isoformat(),
                "text": "\n\n".join(batch),
            }
            batch = []
    if batch:
        number += 1
        yield {"id": f"doc{number}", "date": start.isoformat(), "text": "\n\n".join(batch)}
