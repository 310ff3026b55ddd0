"""Codebook tools: lint, diff, schema, stats."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from coder.cli import app
from coder.codebook.diff import diff_codebooks
from coder.codebook.lint import lint_codebook
from coder.codebook.load import read_codebook
from coder.document import parse_article

runner = CliRunner()


def _book(tmp_path: Path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_codebook(path)


def test_lint_warns_about_gaps_and_missing_parts(tmp_path: Path) -> None:
    book = _book(
        tmp_path,
        "l.yaml",
        """
actors:
  - names: [Jane Doe]
    codes:
      - {code: USAGOV, from: "2010-01-01", to: "2012-01-01"}
      - {code: USAELI, from: "2013-01-01"}
  - {code: USA, names: [United States]}
  - {code: USG, names: [United-States]}
events:
  - code: "042"
    patterns: ["{source} visit {target}"]
  - code: "043"
  - code: "190"
    patterns: ["{source} attack {target}"]
    examples:
      - {text: "Jane Doe attacked the United States.", expect: [{source: USAGOV, target: USA, code: "190"}]}
""",
    )
    codes = sorted((w.code, w.key) for w in lint_codebook(book))
    assert ("W101", "043") in codes
    assert ("W102", "042") in codes
    assert ("W103", "Jane Doe") in codes
    assert ("W104", "United-States") in codes


def test_diff_patterns_actors_and_events(tmp_path: Path, mini_codebook: Path) -> None:
    old = read_codebook(mini_codebook)
    text = mini_codebook.read_text().replace('"{source} visit {target}"', '"{source} tour {target}"')
    text = text.replace("{code: QAT, names: [Qatar]", "{code: QAR, names: [Qatar]")
    new = _book(tmp_path, "new.yaml", text)
    doc = parse_article("Title\n\nTurkey visited Russia. Turkey toured Qatar.\n", "d", "d")
    result = diff_codebooks(old, new, [doc])
    assert "{source} tour {target} [042]" in result.added_patterns
    assert "{source} visit {target} [042]" in result.removed_patterns
    assert "Qatar: QAT -> QAR" in result.changed_actors
    assert result.appeared == ["d#3: TUR 042 QAR"]
    assert result.disappeared == ["d#2: TUR 042 RUS"]


def test_schema_is_json_and_names_top_keys() -> None:
    result = runner.invoke(app, ["codebook", "schema"])
    schema = json.loads(result.stdout)
    assert {"countries", "actors", "agents", "classes", "events", "include", "extends"} <= set(schema["properties"])


def test_stats_counts(mini_codebook: Path) -> None:
    result = runner.invoke(app, ["codebook", "stats", str(mini_codebook)])
    assert result.exit_code == 0
    assert "patterns: 10" in result.stdout and "countries: 8" in result.stdout and "examples: 1" in result.stdout
