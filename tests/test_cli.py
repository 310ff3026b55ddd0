"""The command line, through typer's CliRunner."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coder.cli import app

runner = CliRunner()
ARTICLE = """Russian jets strike Syria
7 Dec 2019
Share

Russian aircraft bombed Idlib on Tuesday.

Turkey said Russian troops attacked Syria yesterday.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return folder


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_code_writes_csv_and_summary(corpus: Path, tmp_path: Path, mini_codebook: Path) -> None:
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out), "-c", str(mini_codebook)])
    assert result.exit_code == 0, result.output
    rows = _rows(out)
    assert [(r["source_code"], r["event_code"], r["target_code"], r["date"]) for r in rows] == [
        ("RUSMIL", "195", "SYR", "2019-12-03"),
        ("RUSMIL", "190", "SYR", "2019-12-06"),
    ]
    assert rows[0]["event_root"] == "19" and rows[0]["method"] == "rule" and rows[0]["rule_id"] == "195.1"
    assert "1 documents read, 1 coded, 0 skipped" in result.stderr


def test_code_jsonl_keeps_codes_as_strings(corpus: Path, tmp_path: Path, mini_codebook: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out), "-c", str(mini_codebook), "--format", "jsonl"])
    assert result.exit_code == 0
    first = json.loads(out.read_text().splitlines()[0])
    assert first["event_code"] == "195" and first["event_root"] == "19"


def test_missing_input_exits_1(tmp_path: Path, mini_codebook: Path) -> None:
    result = runner.invoke(app, ["code", str(tmp_path / "nope.txt"), "-c", str(mini_codebook)])
    assert result.exit_code == 1
    assert "no such file or folder" in result.stderr
    assert "Traceback" not in result.output


def test_unwritable_output_leaves_no_file(corpus: Path, tmp_path: Path, mini_codebook: Path) -> None:
    out = tmp_path / "missing-folder" / "events.csv"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out), "-c", str(mini_codebook)])
    assert result.exit_code == 1
    assert "does not exist" in result.stderr
    assert not out.exists()


def test_broken_codebook_lists_every_problem(corpus: Path, tmp_path: Path) -> None:
    book = tmp_path / "bad.yaml"
    book.write_text('events:\n  - code: 042\n  - code: "999"\n', encoding="utf-8")
    result = runner.invoke(app, ["code", str(corpus), "-c", str(book)])
    assert result.exit_code == 1
    assert "bad.yaml:2:" in result.stderr and "C004" in result.stderr
    assert "bad.yaml:3:" in result.stderr and "C010" in result.stderr


def test_bad_documents_are_reported_and_run_goes_on(corpus: Path, tmp_path: Path, mini_codebook: Path) -> None:
    (corpus / "empty.txt").write_text("")
    (corpus / "binary.txt").write_bytes(b"\x00\x00\x00")
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out), "-c", str(mini_codebook)])
    assert result.exit_code == 0
    assert "3 documents read, 1 coded, 2 skipped" in result.stderr
    assert "binary" in result.stderr and "empty document" in result.stderr
    assert len(_rows(out)) == 2


def test_ten_megabyte_single_line_document(tmp_path: Path, mini_codebook: Path) -> None:
    big = tmp_path / "big.txt"
    sentence = "Russian aircraft bombed Idlib and nobody said anything about it at all "
    big.write_text(sentence * (10_000_000 // len(sentence)), encoding="utf-8")
    out = tmp_path / "events.csv"
    result = runner.invoke(app, ["code", str(big), "-o", str(out), "-c", str(mini_codebook), "--date", "2020-01-01"])
    assert result.exit_code == 0, result.stderr
    assert len(_rows(out)) >= 1


def test_stdin_input(mini_codebook: Path) -> None:
    result = runner.invoke(app, ["code", "-", "-c", str(mini_codebook), "--date", "2019-12-07"], input=ARTICLE)
    assert result.exit_code == 0
    assert "RUSMIL" in result.stdout


def test_formula_cells_are_neutralised(tmp_path: Path, mini_codebook: Path) -> None:
    src = tmp_path / "t.csv"
    src.write_text('id,text\n=cmd,"Russian aircraft bombed Idlib."\n', encoding="utf-8")
    out = tmp_path / "e.csv"
    runner.invoke(app, ["code", str(src), "-o", str(out), "-c", str(mini_codebook)])
    assert _rows(out)[0]["doc_id"] == "'=cmd"
    runner.invoke(app, ["code", str(src), "-o", str(out), "-c", str(mini_codebook), "--no-safe-formulas"])
    assert _rows(out)[0]["doc_id"] == "=cmd"


def test_bad_date_option_is_usage_error(corpus: Path, mini_codebook: Path) -> None:
    result = runner.invoke(app, ["code", str(corpus), "-c", str(mini_codebook), "--date", "someday"])
    assert result.exit_code == 2


def test_explain_names_blocked_and_near_miss(mini_codebook: Path) -> None:
    result = runner.invoke(
        app,
        [
            "explain",
            "Russia did not attack Syria. Turkish aircraft carried out an inspection.",
            "-c",
            str(mini_codebook),
        ],
    )
    assert result.exit_code == 0
    assert "blocked: negated by 'not'" in result.stdout
    assert "near misses" in result.stdout and "195.3" in result.stdout


def test_evaluate_json(tmp_path: Path, mini_codebook: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    records = [
        {
            "id": "a",
            "date": "20191207",
            "category": "X",
            "text": "Russian aircraft bombed Idlib.",
            "events": [{"source": "RUSMIL", "target": "SYR", "code": "195"}],
        },
        {
            "id": "b",
            "date": "20191207",
            "category": "Y",
            "text": "Russia attacked Turkey.",
            "events": [{"source": "RUS", "target": "SYR", "code": "190"}],
        },
    ]
    gold.write_text("".join(json.dumps(r) + "\n" for r in records))
    result = runner.invoke(app, ["evaluate", str(gold), "-c", str(mini_codebook), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["precision"] == 0.5 and report["recall"] == 0.5 and report["records_exact"] == 0.5
    assert report["per_category"]["X"]["recall"] == 1.0
    assert report["lenient"]["precision"] == 0.5


def test_evaluate_bad_gold_names_line(tmp_path: Path, mini_codebook: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "a", "text": "x"}\n{oops\n')
    result = runner.invoke(app, ["evaluate", str(gold), "-c", str(mini_codebook)])
    assert result.exit_code == 1 and "gold.jsonl:2" in result.stderr


def test_codebook_validate_and_test(mini_codebook: Path) -> None:
    assert runner.invoke(app, ["codebook", "validate", str(mini_codebook)]).exit_code == 0
    result = runner.invoke(app, ["codebook", "test", str(mini_codebook)])
    assert result.exit_code == 0 and "1 passed, 0 failed" in result.stdout


def test_codebook_test_reports_failures(tmp_path: Path, mini_codebook: Path) -> None:
    book = tmp_path / "b.yaml"
    book.write_text(mini_codebook.read_text().replace("target: TURMED", "target: TURGOV"))
    result = runner.invoke(app, ["codebook", "test", str(book)])
    assert result.exit_code == 1
    assert "C070" in result.stdout and "expected LBYCOP 173 TURGOV; got LBYCOP 173 TURMED" in result.stdout


@pytest.mark.parametrize(
    "command",
    [["code"], ["evaluate"], ["explain"], ["codebook", "validate"], ["codebook", "test"], ["codebook", "stats"]],
)
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0 and len(result.stdout) > 100


def test_jobs_give_identical_output(tmp_path: Path, mini_codebook: Path) -> None:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(40):
        (folder / f"{i:02d}.txt").write_text(ARTICLE.replace("Tuesday", ["Monday", "Friday"][i % 2]), encoding="utf-8")
    one, two = tmp_path / "one.csv", tmp_path / "two.csv"
    assert runner.invoke(app, ["code", str(folder), "-o", str(one), "-c", str(mini_codebook)]).exit_code == 0
    result = runner.invoke(app, ["code", str(folder), "-o", str(two), "-c", str(mini_codebook), "--jobs", "2"])
    assert result.exit_code == 0, result.output
    assert one.read_bytes() == two.read_bytes()
    assert "40 documents read, 40 coded" in result.stderr


def test_killed_run_resumes_to_identical_file(tmp_path: Path, mini_codebook: Path) -> None:
    import os
    import signal
    import subprocess
    import sys
    import time

    table = tmp_path / "corpus.jsonl"
    lines = [
        json.dumps(
            {
                "id": f"d{i}",
                "date": "2019-12-07",
                "text": "Russian aircraft bombed Idlib on Monday. Turkey said Russian troops attacked Syria. "
                * (1 + i % 5),
            }
        )
        for i in range(6000)
    ]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    full, resumed = tmp_path / "full.csv", tmp_path / "resumed.csv"
    command = [sys.executable, "-m", "coder", "code", str(table), "-c", str(mini_codebook), "--quiet"]
    assert subprocess.run([*command, "-o", str(full)], check=False).returncode == 0
    progress = tmp_path / ".resumed.csv.progress"
    process = subprocess.Popen([*command, "-o", str(resumed), "--resume", "--checkpoint-seconds", "0.05"])
    deadline = time.monotonic() + 60
    while not progress.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    assert process.poll() is None, "the run ended before it could be killed; make the corpus bigger"
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert not resumed.exists() and progress.exists()
    done = json.loads(progress.read_text())["documents"]
    assert 0 < done < 6000
    assert subprocess.run([*command, "-o", str(resumed), "--resume"], check=False).returncode == 0
    assert resumed.read_bytes() == full.read_bytes()
    assert not progress.exists()


def test_dask_engine_gives_the_local_rows(tmp_path: Path, mini_codebook: Path) -> None:
    pytest.importorskip("dask.distributed", reason="the dask extra is not installed")
    folder = tmp_path / "docs"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02d}.txt").write_text(ARTICLE.replace("Tuesday", ["Monday", "Friday", "Sunday"][i % 3]))
    (folder / "bad.txt").write_bytes(b"\x00\x00")
    local, dask = tmp_path / "local.csv", tmp_path / "dask.csv"
    assert runner.invoke(app, ["code", str(folder), "-o", str(local), "-c", str(mini_codebook)]).exit_code == 0
    result = runner.invoke(app, ["code", str(folder), "-o", str(dask), "-c", str(mini_codebook), "--engine", "dask"])
    assert result.exit_code == 0, result.output
    assert dask.read_bytes() == local.read_bytes()
    assert "13 documents read, 12 coded, 1 skipped" in result.stderr


def test_parquet_output(corpus: Path, tmp_path: Path, mini_codebook: Path) -> None:
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow", reason="Parquet needs the parquet extra")
    out = tmp_path / "events.parquet"
    result = runner.invoke(app, ["code", str(corpus), "-o", str(out), "-c", str(mini_codebook), "-f", "parquet"])
    assert result.exit_code == 0, result.output
    frame = pd.read_parquet(out)
    assert list(frame["event_code"]) == ["195", "190"] and list(frame.columns)[:3] == [
        "event_id",
        "doc_id",
        "sentence_id",
    ]


def test_dedupe_story_and_day(tmp_path: Path, mini_codebook: Path) -> None:
    folder = tmp_path / "d"
    folder.mkdir()
    story = "Title\n7 Dec 2019\n\nRussian aircraft bombed Idlib. Russian jets bombed Idlib again.\n"
    (folder / "a.txt").write_text(story)
    (folder / "b.txt").write_text(story)
    counts = {}
    for mode in ("story", "day"):
        out = tmp_path / f"{mode}.csv"
        result = runner.invoke(app, ["code", str(folder), "-o", str(out), "-c", str(mini_codebook), "--dedupe", mode])
        assert result.exit_code == 0, result.output
        counts[mode] = len(_rows(out))
        assert f"({mode} filter)" in result.stderr
    assert counts == {"story": 2, "day": 1}
    assert "3 duplicate rows removed (day filter)" in result.stderr


def test_progress_line_only_on_a_terminal() -> None:
    import io

    from coder.pipeline import Summary
    from coder.progress import progress_line, with_progress

    summary = Summary(documents=50, sentences=1000)
    assert progress_line(summary, 10.0, 100) == (
        "50 documents of 100, 1,000 sentences, 100 sentences/s, 10 s, about 10 s left"
    )
    stream = io.StringIO()  # not a terminal: items pass, nothing is drawn
    assert list(with_progress([1, 2, 3], summary, stream=stream)) == [1, 2, 3]
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    "args, code, message",
    [
        (["code", "-", "--format", "xml"], 2, "--format 'xml'"),
        (["code", "-", "--engine", "spark"], 2, "--engine 'spark'"),
        (["code", "-", "--dedupe", "week"], 2, "--dedupe 'week'"),
        (["code", "-", "--require", "all"], 2, "--require 'all'"),
        (["code", "-", "--policy", "coin-flip"], 2, "--policy 'coin-flip'"),
        (["code", "-", "--resume"], 1, "--resume needs an output file"),
        (["code", "-", "--format", "parquet"], 1, "needs an output file"),
        (["evaluate", "x.csv", "--format", "xml"], 2, "--format 'xml'"),
        (["train", "x.csv", "--from", "nowhere"], 2, "--from 'nowhere'"),
        (["codebook", "import-petrarch", "-o", "out.yaml", "--verbs", "missing.txt"], 1, "missing.txt: no such file"),
    ],
)
def test_usage_and_user_errors(
    args: list[str], code: int, message: str, mini_codebook: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    if args[0] in ("code", "evaluate", "train"):
        args = [*args, "-c", str(mini_codebook)]
    result = runner.invoke(app, args, input="Title\n\nRussian jets bombed Idlib.\n")
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_import_petrarch_command(tmp_path: Path) -> None:
    verbs = tmp_path / "verbs.txt"
    verbs.write_text("--- ATTACK [190] ---\nATTACK\n- * FIERCELY [195]\n- * WITH % [99?]\n", encoding="utf-8")
    actors = tmp_path / "actors.txt"
    actors.write_text("ARNOR [ARN]\nGONDOR [GON]\n", encoding="utf-8")
    out = tmp_path / "book.yaml"
    result = runner.invoke(
        app, ["codebook", "import-petrarch", "--verbs", str(verbs), "--actors", str(actors), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "verbs.txt:4: skipped: not an event code" in result.stderr
    assert runner.invoke(app, ["codebook", "validate", str(out)]).exit_code == 0
    events = runner.invoke(
        app,
        ["code", "-", "-c", str(out), "-f", "jsonl", "--date", "2020-01-01"],
        input="Title\n\nArnor attacked Gondor.\n",
    )
    assert json.loads(events.stdout.splitlines()[0])["event_code"] == "190"
