"""Own the event taxonomies: the code tables that codebooks may use.

A taxonomy is a CSV shipped as package data (`cameo.csv`, `acled.csv`): code, root, name,
Goldstein value, quad and penta class. Codes are strings with their leading zeros.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class EventType:
    """One code of a taxonomy."""

    code: str
    root: str
    name: str
    goldstein: float | None
    quad_class: str
    penta_class: str


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """A named table of event codes."""

    name: str
    types: dict[str, EventType]

    def __contains__(self, code: object) -> bool:
        return code in self.types

    def get(self, code: str) -> EventType | None:
        return self.types.get(code)


TAXONOMIES = ("cameo", "acled")


@cache
def load_taxonomy(name: str) -> Taxonomy:
    """Load a shipped taxonomy by name (`cameo` or `acled`)."""
    text = resources.files("coder.taxonomy").joinpath(f"{name}.csv").read_text("utf-8")
    types = {}
    for row in csv.DictReader(text.splitlines()):
        goldstein = row.get("goldstein") or ""
        types[row["code"]] = EventType(
            code=row["code"],
            root=row["root"],
            name=row["name"],
            goldstein=float(goldstein) if goldstein else None,
            quad_class=row.get("quad_class", ""),
            penta_class=row.get("penta_class", ""),
        )
    return Taxonomy(name, types)
