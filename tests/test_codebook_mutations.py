"""Single-line changes to the shipped codebook are each caught with the right code and line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coder.codebook.load import check_codebook

ROOT = Path(__file__).resolve().parents[1]


def _mutate(tmp_path: Path, rel: str, find: str, replace: str) -> tuple[Path, int]:
    """Copy the shipped codebooks, change the first line containing `find`; return file and line."""
    shutil.copytree(ROOT / "codebooks", tmp_path / "codebooks")
    path = tmp_path / "codebooks" / rel
    lines = path.read_text(encoding="utf-8").split("\n")
    number = next(i for i, line in enumerate(lines) if find in line)
    lines[number] = lines[number].replace(find, replace, 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return path, number + 1


@pytest.mark.parametrize(
    "rel, find, replace, code",
    [
        ("cameo/events/04.yaml", 'code: "042"', "code: 042", "C004"),  # an unquoted code
        ("cameo/events/19.yaml", 'code: "195"', 'code: "199"', "C010"),  # an unknown code
        ("cameo/events/04.yaml", "@R04_PHONE with", "@R04_FONE with", "C021"),  # an undefined class
        ("cameo/events/04.yaml", '  - code: "042"', '\t- code: "042"', "C002"),  # a tab
        ("cameo/events/04.yaml", '"{source} hold @R04_MEETING', '"{source} hold {tgt}', "C020"),  # bad pattern
    ],
)
def test_single_line_change_is_caught(tmp_path: Path, rel: str, find: str, replace: str, code: str) -> None:
    path, line = _mutate(tmp_path, rel, find, replace)
    _, problems = check_codebook(tmp_path / "codebooks" / "cameo.yaml")
    assert (code, line) in [(p.code, p.line) for p in problems if Path(p.path).name == path.name], [
        str(p) for p in problems
    ]


def test_duplicate_key_in_shipped_codebook(tmp_path: Path) -> None:
    path, line = _mutate(tmp_path, "cameo/events/04.yaml", "  R04_TALK: [", "  R04_PHONE: [call]\n  R04_TALK: [")
    text = path.read_text(encoding="utf-8")
    first = text.split("\n").index("  R04_PHONE: [call]") + 1
    _, problems = check_codebook(tmp_path / "codebooks" / "cameo.yaml")
    codes = [(p.code, p.line) for p in problems if Path(p.path).name == path.name]
    assert any(c == "C003" and n > first for c, n in codes), codes
