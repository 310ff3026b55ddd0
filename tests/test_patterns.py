"""The pattern language and its matcher: `^` skips a noun phrase."""

from __future__ import annotations

from pathlib import Path

from coder import Coder
from coder.codebook.syntax import parse_pattern

BOOK = """
codebook: patterns-test
taxonomy: cameo
countries:
  - {code: NAR, names: [Narnia], adjectives: [Narnian]}
  - {code: CAL, names: [Calormen], adjectives: [Calormene]}
  - {code: ARC, names: [Archenland]}
agents:
  - {code: GOV, words: [minister, government, official]}
  - {code: LEG, words: [lawmaker, parliament]}
  - {code: MED, words: [media, newspaper]}
events:
  - code: "162"
    patterns:
      - "{source} warn their ^ {target:any}"
      - "{source} host ^ with {target}"
"""


def _coder(tmp_path: Path) -> Coder:
    path = tmp_path / "book.yaml"
    path.write_text(BOOK, encoding="utf-8")
    return Coder(path)


def _rows(coder: Coder, text: str) -> set[tuple[str, str, str]]:
    return {(e.source_code, e.target_code, e.event_code) for e in coder.code_sentence(text)}


def test_a_caret_is_one_noun_phrase_and_must_stand_between_tokens() -> None:
    elements, errors = parse_pattern("{source} warn their ^ ^ {target}")
    assert not errors
    assert [e.kind for e in elements] == ["slot", "word", "word", "skip", "skip", "slot"]
    assert parse_pattern("^ warn {target}")[1] == ["`^` must stand between two other tokens"]
    assert parse_pattern("{source} warn ^")[1] == ["`^` must stand between two other tokens"]
    assert parse_pattern("{source} warn ... ^ {target}")[1] == ["`^` must stand between two other tokens"]


def test_the_slot_after_a_caret_is_the_first_actor_after_the_skipped_phrase(tmp_path: Path) -> None:
    coder = _coder(tmp_path)
    # "their Calormene traders" is skipped; the target is the actor after it
    assert _rows(coder, "Narnia warned their Calormene traders about Archenland.") == {("NAR", "ARC", "162")}
    # the phrase may open with its preposition; a skipped phrase needs a word
    assert _rows(coder, "Narnia hosted a feast with Calormen.") == {("NAR", "CAL", "162")}
    assert _rows(coder, "Narnia warned their.") == set()
