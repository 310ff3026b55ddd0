"""Own the engine's reading options: comma-clause skipping and new actors, all off by default.

A codebook sets them (`comma_clauses:`, `new_actor_length:`), and a gold record may change
them under PETRARCH's names (`comma_min`, `comma_emax`, `new_actor_length`, ...), as the
`<Config>` records of PETRARCH's validation XML do. `require_dyad` is read by the scorer;
`stop_on_error` is known and ignored (the coder never stops on a bad record).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

# PETRARCH-1's lower bounds, used when an option sets only a maximum: a middle or final
# clause needs two words, an opening clause none.
MIDDLE_MIN, START_MIN, END_MIN = 2, 0, 2
# PETRARCH's option names -> (field, index into the (min, max) pair, or -1 for a number)
PETRARCH_NAMES = {
    "comma_min": ("middle", 0),
    "comma_max": ("middle", 1),
    "comma_bmin": ("start", 0),
    "comma_bmax": ("start", 1),
    "comma_emin": ("end", 0),
    "comma_emax": ("end", 1),
    "new_actor_length": ("new_actor_length", -1),
}
# Names the scorer reads itself, or reads and ignores.
SCORER_NAMES = frozenset({"require_dyad"})
IGNORED_NAMES = frozenset({"stop_on_error"})


@dataclass(frozen=True, slots=True)
class Options:
    """How the engine reads a sentence beyond the codebook's words.

    `start`, `middle`, `end`: (min, max) words of a comma-delimited clause that is skipped
    before coding: the clause before the first comma, one between two commas, the one after
    the last comma; a max of 0 skips none. `new_actor_length`: an unknown proper-noun phrase
    of at most so many words is an actor coded as the phrase itself; 0 finds none.
    """

    start: tuple[int, int] = (START_MIN, 0)
    middle: tuple[int, int] = (MIDDLE_MIN, 0)
    end: tuple[int, int] = (END_MIN, 0)
    new_actor_length: int = 0

    @property
    def skips_commas(self) -> bool:
        return bool(self.start[1] or self.middle[1] or self.end[1])


DEFAULT = Options()


def petrarch_options(base: Options, values: Mapping[str, Any]) -> tuple[Options, list[str], list[str]]:
    """Apply PETRARCH-named options (strings or numbers) to `base`.

    Return the new options, the names that are not options of ours, and the values that are
    not whole numbers (as `name=value`); both kinds are left out.
    """
    unknown: list[str] = []
    bad: list[str] = []
    changes: dict[str, Any] = {}
    for name, value in values.items():
        key = name.strip().lower()
        if key in SCORER_NAMES or key in IGNORED_NAMES:
            continue
        if key not in PETRARCH_NAMES:
            unknown.append(name)
            continue
        try:
            number = int(str(value).strip())
        except ValueError:
            number = -1
        if number < 0:
            bad.append(f"{name}={value}")
            continue
        field, index = PETRARCH_NAMES[key]
        if index < 0:
            changes[field] = number
        else:
            pair = list(changes.get(field, getattr(base, field)))
            pair[index] = number
            changes[field] = tuple(pair)
    return (replace(base, **changes) if changes else base), unknown, bad
