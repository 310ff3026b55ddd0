"""Tests for the scoring of gold records."""

from __future__ import annotations

import pytest

from coder.evaluate import _require


@pytest.mark.parametrize(
    ("options", "require"),
    [
        ({}, "source"),
        ({"comma_emax": "8"}, "source"),
        ({"require_dyad": True}, "both"),
        ({"require_dyad": "TRUE"}, "both"),
        ({"require_dyad": False}, "source"),
        ({"require_dyad": "False"}, "source"),
        ({"require_dyad": " false "}, "source"),
    ],
)
def test_require_dyad_is_read_from_booleans_and_strings(options: dict[str, object], require: str) -> None:
    assert _require(options) == require


def test_a_record_without_the_option_keeps_the_coders_requirement() -> None:
    assert _require({}, "both") == "both"
    assert _require({"require_dyad": "false"}, "both") == "source"


VALIDATION_XML = """<Validation>
<Environment>
    <Include>valid RAID TALK</Include>
    <Config option="stop_on_error" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="20220301" id="RAID-01" category="RAID" valid="true">
<EventCoding sourcecode="RUS" targetcode="SYR" eventcode="195"></EventCoding>
<Text>
Russian jets bombed
Idlib on Tuesday.
</Text>
<Parse>(ROOT (S (NP (JJ Russian))))</Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "20220302" id ="TALKS-01"  category="TALKS" valid="true">
<EventCoding noevents = "True"></EventCoding>
<Text>The weather in Doha was mild.</Text>
</Sentence>
<Sentence date="20220303" id="RAID-02" category="RAID" valid="false">
<EventCoding sourcecode="TUR" targetcode="SYR" eventcode="195"></EventCoding>
<Text>Turkish jets bombed Idlib.</Text>
</Sentence>
<Sentence date="20220304" id="OTHER-01" category="OTHER" valid="true">
<EventCoding error="dateline"></EventCoding>
<Text>DOHA, March 4.</Text>
</Sentence>
<Config option="require_dyad" value="TRUE"></Config>
<Sentence date="20220305" id="RAID-03" category="RAID" valid="true">
<EventCoding sourcecode="TUR" targetcode='"---"' eventcode="195"></EventCoding>
<Text>Turkish jets bombed the hills &amp; valleys.</Text>
</Sentence>
</Sentences>
</Validation>
"""


def test_petrarch_validation_xml_is_read_in_document_order(tmp_path) -> None:
    from coder.evaluate import read_gold

    path = tmp_path / "validate.xml"
    path.write_text(VALIDATION_XML, encoding="utf-8")
    records = read_gold(path)
    # invalid records and categories outside <Include> are left out; TALKS starts with TALK
    assert [r.id for r in records] == ["RAID-01", "TALKS-01", "RAID-03"]
    first, second, third = records
    assert first.text == "Russian jets bombed Idlib on Tuesday." and first.date == "20220301"
    assert first.events == (("RUS", "SYR", "195"),) and "require_dyad" not in first.options
    assert second.events == () and second.options["require_dyad"] == "false"  # options apply from where they stand
    assert third.options["require_dyad"] == "TRUE" and third.text.endswith("hills & valleys.")
    assert third.origin == f"{path}:29"


def test_evaluate_scores_validation_xml_like_gold_jsonl(tmp_path, mini_codebook) -> None:
    import json

    from typer.testing import CliRunner

    from coder.cli import app

    path = tmp_path / "validate.xml"
    path.write_text(VALIDATION_XML, encoding="utf-8")
    result = CliRunner().invoke(app, ["evaluate", str(path), "-c", str(mini_codebook), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["records"] == 3 and report["expected"] == 2 and report["per_category"]["RAID"]["records"] == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<Validation><Sentences>\n<Sentence id='x'>\n<Text>a</Sentence></Validation>", "validate.xml:3:"),
        (
            "<Validation><Sentences>\n\n<Sentence id='x' valid='true'></Sentence></Sentences></Validation>",
            "validate.xml:3",
        ),
    ],
)
def test_broken_validation_xml_names_file_and_line(tmp_path, text: str, message: str) -> None:
    from coder.errors import CoderError
    from coder.evaluate import read_gold

    path = tmp_path / "validate.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CoderError, match=message):
        read_gold(path)


def test_a_bare_ampersand_or_angle_bracket_in_a_text_is_read_as_petrarch_reads_it(tmp_path) -> None:
    from coder.evaluate import read_gold

    path = tmp_path / "validate.xml"
    path.write_text(
        VALIDATION_XML.replace("the hills &amp; valleys", "the hills & valleys < 5 km away"), encoding="utf-8"
    )
    records = read_gold(path)
    assert records[-1].text == "Turkish jets bombed the hills & valleys < 5 km away."


def test_record_options_change_the_coder_and_unknown_ones_are_said_once(tmp_path, mini_codebook) -> None:
    from coder import Coder
    from coder.evaluate import read_gold, score

    text = """<Validation><Sentences>
<Config option="stop_on_error" value="True"></Config>
<Sentence date="20220301" id="C-1" category="C" valid="true">
<EventCoding sourcecode="RUS" targetcode="QAT" eventcode="042"></EventCoding>
<EventCoding sourcecode="TURMIL" targetcode="SYR" eventcode="195"></EventCoding>
<Text>Russia visited Qatar, and Turkish jets bombed Syria.</Text>
</Sentence>
<Config option="comma_emax" value="8"></Config>
<Config option="comma_colour" value="blue"></Config>
<Config option="new_actor_length" value="2"></Config>
<Sentence date="20220301" id="C-2" category="C" valid="true">
<EventCoding sourcecode="RUS" targetcode="QAT" eventcode="042"></EventCoding>
<Text>Russia visited Qatar, and Turkish jets bombed Syria.</Text>
</Sentence>
<Sentence date="20220301" id="A-1" category="A" valid="true">
<EventCoding sourcecode='"ELARA VOSS"' targetcode="SYR" eventcode="042"></EventCoding>
<Text>Elara Voss visited Syria.</Text>
</Sentence>
</Sentences></Validation>
"""
    path = tmp_path / "validate.xml"
    path.write_text(text, encoding="utf-8")
    report = score(Coder(mini_codebook), read_gold(path))
    assert report.overall.exact == 3, report.misses
    assert report.notes == [
        f"{path}:2: option 'stop_on_error' is read and ignored: the coder never stops on a record",
        f"{path}:9: unknown option 'comma_colour' ignored",
    ]


def test_evaluate_a_labelled_table_writes_its_misses(tmp_path, mini_codebook) -> None:
    import json

    from typer.testing import CliRunner

    from coder.cli import app

    table = tmp_path / "labels.csv"
    table.write_text("text,label\nRussian aircraft bombed Idlib.,19\nTurkey visited Qatar.,19\n", encoding="utf-8")
    misses = tmp_path / "misses.jsonl"
    result = CliRunner().invoke(app, ["evaluate", str(table), "-c", str(mini_codebook), "--misses", str(misses)])
    assert result.exit_code == 0, result.output
    wrong = [json.loads(line) for line in misses.read_text(encoding="utf-8").splitlines()]
    assert [(m["text"], m["expected"]) for m in wrong] == [("Turkey visited Qatar.", "19")]
    assert wrong[0]["got"] != "19"


# who is source and who is target: a BIO file of actor spans, one token a line
SPANS = """Russian B-S
jets I-S
bombed O
Idlib B-T
. O

Syria B-T
was O
attacked O
by O
Russia B-S
. O

Turkey B-S
praised O
Qatar B-T
. O

Libya O
is O
calm O
. O
"""


def test_spans_file_is_scored_for_roles(tmp_path, mini_coder) -> None:
    from coder.evaluate import read_spans, score_spans

    path = tmp_path / "spans.txt"
    path.write_text(SPANS, encoding="utf-8")
    records = read_spans(path)
    assert [r.text for r in records][1] == "Syria was attacked by Russia."
    assert records[0].spans["S"] == ("Russian jets",) and records[0].origin.endswith("spans.txt:1")
    misses: list[dict] = []
    figures = score_spans(mini_coder, records, misses)
    # three sentences have a dyad; the mini codebook has no pattern for praise
    assert figures["sentences"] == 3 and figures["without_dyad"] == 1
    assert figures["coded"] == pytest.approx(2 / 3, abs=1e-4)
    assert figures["both_right"] == 1.0 and figures["dyads_found"] == pytest.approx(2 / 3, abs=1e-4)
    assert [m["problem"] for m in misses] == ["not coded"] and misses[0]["origin"].endswith("spans.txt:14")


def test_spans_score_a_row_with_its_roles_swapped(tmp_path, mini_coder) -> None:
    from coder.evaluate import read_spans, score_spans

    path = tmp_path / "spans.txt"
    # a gold file that says the attacked is the source: the coder's row has the roles swapped
    path.write_text("Russia B-T\nattacked O\nSyria B-S\n. O\n", encoding="utf-8")
    misses: list[dict] = []
    figures = score_spans(mini_coder, read_spans(path), misses)
    assert figures["swapped"] == 1.0 and figures["both_right"] == 0.0
    assert misses[0]["problem"] == "swapped" and misses[0]["row"][:3] == ["Russia", "RUS", "190"]


@pytest.mark.parametrize("line", ["Russia\n", "Russia B-X\n", "Russia S\n"])
def test_a_bad_spans_line_names_file_and_line(tmp_path, line: str) -> None:
    from coder.errors import CoderError
    from coder.evaluate import read_spans

    path = tmp_path / "spans.txt"
    path.write_text("Syria B-S\n" + line, encoding="utf-8")
    with pytest.raises(CoderError, match="spans.txt:2:"):
        read_spans(path)


def test_evaluate_spans_from_the_command_line(tmp_path, mini_codebook) -> None:
    import json

    from typer.testing import CliRunner

    from coder.cli import app

    path = tmp_path / "spans.txt"
    path.write_text(SPANS, encoding="utf-8")
    misses = tmp_path / "misses.jsonl"
    runner = CliRunner()
    args = ["evaluate", str(path), "--format", "spans", "-c", str(mini_codebook), "--policy", "rules-only"]
    result = runner.invoke(app, [*args, "--json", "--misses", str(misses)])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["both_right"] == 1.0
    assert len(misses.read_text(encoding="utf-8").splitlines()) == 1
    text = runner.invoke(app, args)
    assert "dyads found (both roles right)" in text.stdout
    # without --format, a file of "token TAG" lines is read as spans
    sniffed = runner.invoke(app, ["evaluate", str(path), "-c", str(mini_codebook), "--policy", "rules-only"])
    assert sniffed.exit_code == 0 and sniffed.stdout == text.stdout
    broken = tmp_path / "broken.txt"
    broken.write_text("Syria\n", encoding="utf-8")
    bad = runner.invoke(app, ["evaluate", str(broken), "--format", "spans", "-c", str(mini_codebook)])
    assert bad.exit_code != 0 and "broken.txt:1:" in bad.output and "Traceback" not in bad.output
