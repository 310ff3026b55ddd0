"""Own every problem code and the exceptions that carry problems to the edge.

Problem codes are stable: tests and users rely on them. `docs/problems.md` documents each.
"""

from __future__ import annotations

from dataclasses import dataclass

# code -> one-line meaning; the single source of truth for documentation and tests.
PROBLEMS: dict[str, str] = {
    # YAML reading
    "C001": "YAML syntax error, or aliases that loop or expand the file beyond reason",
    "C002": "tab character in indentation",
    "C003": "duplicate key (YAML would silently keep the last)",
    "C004": "YAML read a value as a number, boolean, date or null where text is meant",
    "C005": "wrong type of value",
    "C006": "unknown key",
    "C007": "missing required key (or an empty codebook)",
    # structure of the codebook
    "C010": "unknown event code",
    "C011": "event code does not belong to the codebook's taxonomy",
    "C012": "unknown taxonomy",
    "C020": "malformed pattern",
    "C021": "undefined word class",
    "C022": "undefined actor code referenced by a pattern",
    "C023": "duplicate pattern id",
    "C024": "malformed transformation: its verb, a variable, or a result variable the inner event does not name",
    "C030": "included file not found or not readable",
    "C031": "include cycle",
    "C040": "malformed date",
    "C041": "date range ends before it starts",
    "C042": "overlapping date ranges give one actor two codes on one day",
    "C043": "malformed actor code",
    "C050": "one name given to two different actors",
    "C051": "word class or verb defined twice",
    "C060": "pattern shadowed by an earlier, more general one: it can never fire",
    # examples and lint (warnings)
    "C070": "example sentence not coded as expected",
    "W101": "event code with no patterns",
    "W102": "pattern group with no examples",
    "W103": "actor date ranges leave a gap",
    "W104": "near-duplicate entries",
    "W105": "event code outside the taxonomy, kept because of `unknown_codes: allow`",
}

WARNINGS = {code for code in PROBLEMS if code.startswith("W")}


@dataclass(frozen=True, slots=True)
class Problem:
    """One problem found in a file: where, which code, what and how to fix."""

    path: str
    line: int
    col: int
    code: str
    key: str
    message: str

    @property
    def is_error(self) -> bool:
        return self.code not in WARNINGS

    def __str__(self) -> str:
        key = f" {self.key}:" if self.key else ""
        return f"{self.path}:{self.line}:{self.col}: {self.code}{key} {self.message}"


class CoderError(Exception):
    """A user error with a message fit to print as it is."""


class CodebookError(CoderError):
    """A codebook with one or more errors; `problems` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.is_error]
        super().__init__(f"{len(errors)} problem(s) in the codebook:\n" + "\n".join(str(p) for p in problems))
