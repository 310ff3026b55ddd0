"""Odd input, end to end: no traceback, no hang, no silent loss, counts that add up.

Every input here is made up for the test. A case passes when the library returns (quickly),
or the CLI exits 0 with a summary, or 1 with a message that names the file (and line); good
documents in the same run are still coded. Fixed defects keep their case as a regression test.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from coder import Coder
from coder.cli import app
from coder.document import Document, Skipped, read_documents
from coder.sentences import split_sentences

runner = CliRunner()
DAY = date(2020, 3, 4)
GOOD = "Russian jets strike Syria\n7 Dec 2019\n\nRussian aircraft bombed Idlib on Tuesday.\n"
WORDS = "Russia attacked Syria and Turkey said the government of Libya met rebels in Tripoli".split()

ODD_TEXTS = {
    "empty": "",
    "whitespace": "  \n\t \r\n \u00a0 ",
    "punctuation": "!?.,;:-()[]{}\"'" * 200,
    "numbers": "12 3.5 1e309 12,,000 -0 0x1F " * 200,
    "one 50,000-word sentence": " ".join(WORDS[i % len(WORDS)] for i in range(50_000)),
    "long token": "x" * 200_000 + " Russian aircraft bombed Idlib.",
    "nested brackets": "(" * 3000 + "[{Russian aircraft bombed Idlib.}]" + ")" * 3000,
    "nested quotes": "\"'«“" * 1000 + "Russian aircraft bombed Idlib." + "”»'\"" * 1000,
    "unbalanced": '"Russian (aircraft [bombed "Idlib. ) ] ( "',
    "control characters": "Russian\x01 aircraft\x1b[31m bombed\x7f Idlib.\x0b\x0c\x00",
    "mixed scripts": "روسيا هاجمت سوريا. Россия атаковала. 俄罗斯袭击了。🇷🇺💣 Russian aircraft bombed Idlib 🙂.",
    "right-to-left marks": "\u200fRussian\u200e aircraft \u202ebombed\u202c Idlib.\u2066x\u2069",
    "zero-width and odd spaces": "Russian\u200baircraft\u00a0bombed\u2028Idlib\u2029today\u0085.",
    "lone surrogate": "Russian \ud800 aircraft bombed Idlib.",
    "combining marks": "Russ\u0301ian aircraft bombed Idlib" + "\u0301" * 3000,
    "BOM": "\ufeffRussian aircraft bombed Idlib.",
    "CRLF and lone CR": "Title\r\n\r\nRussian aircraft bombed Idlib.\r\rTurkey attacked Syria.\r",
    "HTML": "<html><p>Russian aircraft bombed <b>Idlib</b>.</p><script>a<b&&c;</script>&amp;&#0;&#99999999;</html>",
    "odd dates": "On 31 February 2020 Russia attacked Syria. In year 0, on 00/00/0000, Turkey met Libya on 9999-99-99.",
    "odd fatalities": "Russia attacked Syria, killing 1e309 people. Clashes left 12,,000 dead; 99999999999999999999 were killed.",
    "run of full stops": "." * 20_000,
    "run of abbreviations": "U.S. " * 10_000 + "Gen. " * 10_000,
    "underscores and entities": "_" * 5000 + "&" * 5000 + ";" * 5000 + " Russia_attacked_Syria",
}


@pytest.fixture(scope="module")
def coders(mini_codebook: Path) -> dict[str, Coder]:
    from coder.pipeline import ACLED_CODEBOOK

    return {"mini": Coder(mini_codebook), "cameo": Coder(), "acled": Coder(ACLED_CODEBOOK, require="none")}


@pytest.mark.parametrize("name", ODD_TEXTS)
def test_odd_text_is_coded_quickly(name: str, coders: dict[str, Coder]) -> None:
    for coder in coders.values():
        started = time.perf_counter()
        events = coder.code_text(ODD_TEXTS[name], DAY)
        assert time.perf_counter() - started < 3, f"{name}: too slow"
        assert all(e.event_code for e in events)


def test_sentence_splitting_stays_linear() -> None:
    # was quadratic: a run of full stops, or of abbreviations, took minutes at 200 kB
    for text in ("." * 200_000, "U.S. " * 40_000, "Gen. " * 40_000):
        started = time.perf_counter()
        pieces = list(split_sentences(text))
        assert time.perf_counter() - started < 1 and pieces


# -- reading documents ----------------------------------------------------------------------
def _read(tmp_path: Path, name: str, content: bytes) -> list[Document | Skipped]:
    path = tmp_path / name
    path.write_bytes(content)
    return list(read_documents([str(path)]))


def test_csv_with_lone_cr_line_ends(tmp_path: Path) -> None:
    items = _read(tmp_path, "mac.csv", b'id,text\r1,Russian aircraft bombed Idlib.\r2,"Turkey\rattacked Syria."\r')
    assert [(d.id, d.origin[-9:]) for d in items if isinstance(d, Document)] == [("1", "mac.csv:2"), ("2", "mac.csv:4")]


def test_csv_quote_left_open_is_reported_not_swallowed(tmp_path: Path) -> None:
    items = _read(tmp_path, "open.csv", b'id,text\n1,"Russian aircraft\n2,Turkey attacked Syria.\n3,more\n')
    [skipped] = items
    assert isinstance(skipped, Skipped) and skipped.origin.endswith("open.csv:2")
    assert "quote" in skipped.reason and "lines 2-4" in skipped.reason


def test_csv_quoted_newline_and_stray_inch_mark_are_fine(tmp_path: Path) -> None:
    items = _read(tmp_path, "ok.csv", b'id,text\n1,"line one\nline two"\n2,a 5" screen')
    assert [d.id for d in items if isinstance(d, Document)] == ["1", "2"]


@pytest.mark.parametrize(
    "name, content",
    [("empty.csv", b""), ("header.csv", b"id,text\n"), ("blank.jsonl", b"\n\n"), ("empty.tsv", b"\n")],
)
def test_table_without_rows_is_reported(tmp_path: Path, name: str, content: bytes) -> None:
    [skipped] = _read(tmp_path, name, content)
    assert isinstance(skipped, Skipped) and skipped.origin.endswith(name) and "empty table" in skipped.reason


def test_jsonl_odd_values(tmp_path: Path) -> None:
    lines = [
        {"id": "a", "text": "Russian aircraft bombed Idlib.", "date": "31 February 2020"},
        {"id": 5, "text": 7},
        {"id": None, "text": "Turkey attacked Syria.", "date": 12345678901234567890},
        {"id": [1], "text": "Turkey attacked Syria.", "date": {"a": 1}, "title": 5},
    ]
    content = "\n".join(json.dumps(line) for line in lines).encode() + b'\n{"broken\n[1]\n"text"\nnull\n'
    items = _read(tmp_path, "t.jsonl", content)
    docs = [d for d in items if isinstance(d, Document)]
    assert [d.id for d in docs] == ["a", "t-3", "[1]"] and all(d.date is None for d in docs)
    assert docs[0].notes == ("date '31 February 2020' not understood; used the default date",)
    reasons = {s.origin.rsplit(":", 1)[1]: s.reason for s in items if isinstance(s, Skipped)}
    assert reasons["2"] == "text is not a string" and "JSON" in reasons["5"]
    assert reasons["6"] == reasons["7"] == reasons["8"] == "not a JSON object"


def test_latin1_table_notes_once_on_its_row(tmp_path: Path) -> None:
    rows = "id,text\n1,Russie attaqu\xe9e.\n" + "".join(f"{i},Russian aircraft bombed Idlib.\n" for i in range(2, 50))
    docs = _read(tmp_path, "latin.csv", rows.encode("latin-1"))
    assert len(docs) == 49
    assert docs[0].notes == (
        "line 2 is not valid UTF-8 (invalid continuation byte); decoded with replacement characters",
    )
    assert all(not d.notes for d in docs[1:])  # was repeated on every later row


def test_header_naming_a_column_twice_is_noted_and_the_first_used(tmp_path: Path) -> None:
    docs = _read(tmp_path, "twice.csv", b"id,text,text\n1,Turkey attacked Syria.,not this one\n2,Quiet day.,nor this\n")
    assert [d.paragraphs for d in docs] == [("Turkey attacked Syria.",), ("Quiet day.",)]  # was the last column
    assert docs[0].notes == ("the header (line 1) names 'text' more than once; the first is used",)
    assert not docs[1].notes


def test_training_table_naming_its_label_column_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "labels.csv"
    path.write_text("text,label,label\nTurkey attacked Syria.,19,18\n", encoding="utf-8")
    result = runner.invoke(app, ["train", str(path), "-o", str(tmp_path / "m.npz")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{path}:1: the header names 'label' more than once" in result.output


def test_truncated_gzip_table_names_the_line_it_breaks_at(tmp_path: Path) -> None:
    rows = b"id,text\n" + b"".join(b"%d,Turkey attacked Syria.\n" % i for i in range(3000))
    items = _read(tmp_path, "cut.csv.gz", gzip.compress(rows)[:-30])
    *docs, broken = items
    assert all(isinstance(d, Document) for d in docs) and isinstance(broken, Skipped)
    assert broken.origin == f"{tmp_path / 'cut.csv.gz'}:{len(docs) + 2}"  # header, then one line a document
    assert "cannot read the rest of the file" in broken.reason


def test_broken_parquet_is_skipped(tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    [skipped] = _read(tmp_path, "t.parquet", b"PAR1 not really")
    assert isinstance(skipped, Skipped) and "not a readable Parquet file" in skipped.reason


def test_dangling_link_in_a_folder_is_reported(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(read_documents([str(tmp_path)]))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped"]
    assert items[1].origin.endswith("gone.txt") and "cannot read" in items[1].reason  # type: ignore[union-attr]


# -- the CLI on a corpus with every kind of broken document -----------------------------------
BROKEN = {
    "empty.txt": b"",
    "whitespace.txt": b" \n\t\r\n",
    "binary.txt": b"\x00\x01\x02 not text",
    "broken.txt.gz": b"not gzip at all",
    "truncated.jsonl.gz": gzip.compress(b'{"text": "Turkey attacked Syria."}\n' * 50)[:-20],
    "broken.zip": b"PK\x03\x04 not a zip",
    "broken.parquet": b"not parquet",
    "header-only.csv": b"id,text\n",
    "wrong-columns.csv": b"id,body\n1,Russian aircraft bombed Idlib.\n",
}
GOOD_FILES = {
    "good.txt": GOOD.encode(),
    "bom-crlf.txt": b"\xef\xbb\xbf" + GOOD.replace("\n", "\r\n").encode(),
    "lone-cr.txt": GOOD.replace("\n", "\r").encode(),
    "latin1.txt": "Titre\n\nRussian aircraft bombed Idlib, \xe0 l'aube.\n".encode("latin-1"),
    "markup.txt": b"<html><body><p>Russian aircraft bombed Idlib.</p></body></html>",
    "punctuation.txt": b"?!?! ... ---\n",
    "mixed.jsonl": b'{"id": "j1", "text": "Russian aircraft bombed Idlib.", "date": "2019-12-07"}\n'
    b'{"id": "j2", "text": \n'
    b'{"id": "j3", "text": "Turkey attacked Syria.", "date": "0000-01-01"}\n',
    "ragged.csv": b'id,text,date\nc1,"Russian aircraft bombed Idlib.",2019-12-07\nc2,two only\n'
    b'c3,"Turkey attacked\nSyria.",2020-02-31\nc4,a,b,c\n',
}
GOOD_IDS = {"good", "bom-crlf", "lone-cr", "latin1", "markup", "j1", "c1"}  # documents with an event


@pytest.fixture()
def messy(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, content in {**BROKEN, **GOOD_FILES}.items():
        (folder / name).write_bytes(content)
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    return folder


def _summary(stderr: str) -> tuple[int, int, int]:
    found = re.search(r"(\d+) documents read, (\d+) coded, (\d+) skipped", stderr)
    assert found, stderr
    read, coded, skipped = map(int, found.groups())
    return read, coded, skipped


@pytest.mark.parametrize(
    "extra",
    [[], ["--jobs", "2"], ["--format", "jsonl"], ["--format", "acled"], ["--format", "acled", "--jobs", "2"]],
    ids=["cameo", "jobs2", "jsonl", "acled", "acled-jobs2"],
)
def test_messy_corpus_is_coded_and_counted(messy: Path, tmp_path: Path, mini_codebook: Path, extra: list[str]) -> None:
    out = tmp_path / "out"
    book = [] if "acled" in extra else ["-c", str(mini_codebook)]
    result = runner.invoke(app, ["code", str(messy), "-o", str(out), *book, *extra])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    read, coded, skipped = _summary(result.stderr)
    skipped_lines = [line for line in result.stderr.splitlines() if line.startswith("skipped ")]
    assert read == coded + skipped and skipped == len(skipped_lines)
    # every broken file, and every broken row, is named with its reason
    for name in [*BROKEN, "dangling.txt"]:
        assert any(f"/{name}" in line for line in skipped_lines), name
    for row in ("mixed.jsonl:2", "ragged.csv:3", "ragged.csv:6"):
        assert any(row in line for line in skipped_lines), row
    assert coded == 25  # 6 article files, 2 + 2 good table rows, 15 rows before the gzip file breaks off
    assert "note" in result.stderr and "2020-02-31" in result.stderr and "0000-01-01" in result.stderr
    if "acled" not in extra:
        text = out.read_text(encoding="utf-8")
        ids = (
            {json.loads(line)["doc_id"] for line in text.splitlines()}
            if "jsonl" in extra
            else {row["doc_id"] for row in csv.DictReader(text.splitlines())}
        )
        assert GOOD_IDS <= ids


def test_jobs_give_the_same_rows_with_broken_documents(messy: Path, tmp_path: Path, mini_codebook: Path) -> None:
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.csv"
        result = runner.invoke(app, ["code", str(messy), "-o", str(out), "-c", str(mini_codebook), "-j", jobs])
        assert result.exit_code == 0, result.output
        outputs.append((out.read_bytes(), _summary(result.stderr)))
    assert outputs[0] == outputs[1]


# -- user errors: exit 1, one message naming the file, no traceback ---------------------------
def _invoke(args: list[str], code: int, *needles: str) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    for needle in needles:
        assert needle in result.stderr, result.stderr
    return result.stdout


def test_missing_input_writes_nothing_to_stdout(tmp_path: Path, mini_codebook: Path) -> None:
    # the CSV header used to reach stdout before the error
    assert _invoke(["code", str(tmp_path / "nope"), "-c", str(mini_codebook)], 1, "nope: no such file") == ""


def test_output_dash_is_stdout_not_a_file_named_dash(tmp_path: Path, mini_codebook: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text("Russian aircraft bombed Idlib.", encoding="utf-8")
    result = runner.invoke(app, ["code", "a.txt", "-c", str(mini_codebook), "--format", "jsonl", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert '"event_code": "195"' in result.stdout and not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "not an .npz archive"),  # was "Aborted." (an EOFError caught by click)
        (b"junk", "not an .npz archive"),  # was numpy's advice to unpickle the file
        (None, "Is a directory"),
    ],
    ids=["empty", "junk", "folder"],
)
def test_bad_model_file(tmp_path: Path, mini_codebook: Path, content: bytes | None, message: str) -> None:
    model = tmp_path / "model.npz"
    if content is None:
        model.mkdir()
    else:
        model.write_bytes(content)
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    _invoke(["code", str(article), "-c", str(mini_codebook), "-m", str(model)], 1, str(model), message)


def test_evaluate_a_folder_or_a_table_without_labels(tmp_path: Path, mini_codebook: Path) -> None:
    _invoke(["evaluate", str(tmp_path), "-c", str(mini_codebook)], 1, f"{tmp_path}: cannot read")
    table = tmp_path / "labels.csv"
    table.write_text('text,label\n"Russian aircraft bombed Idlib.",\nonly text\n', encoding="utf-8")
    _invoke(
        ["evaluate", str(table), "-c", str(mini_codebook)],
        1,
        "labels.csv:2: missing text or label",
        "labels.csv:3: missing text or label",
        "no rows with both a text and a label",
    )


def test_output_folder_missing(tmp_path: Path, mini_codebook: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    nowhere = tmp_path / "no" / "out"
    model = Path(__file__).parent.parent / "coder" / "models" / "cameo-root.npz"
    _invoke(["sample", str(article), "-m", str(model), "-o", f"{nowhere}.csv"], 1, "does not exist")
    _invoke(["codebook", "import-petrarch", "-o", f"{nowhere}.yaml", "--verbs", str(article)], 1, "does not exist")
    _invoke(["evaluate", str(article), "-c", str(mini_codebook), "--misses", f"{nowhere}.jsonl"], 1, "does not exist")


def test_sample_reports_skipped_documents(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "b.txt").write_bytes(b"\x00\x00")
    model = Path(__file__).parent.parent / "coder" / "models" / "cameo-root.npz"
    out = tmp_path / "sample.csv"
    _invoke(["sample", str(tmp_path), "-m", str(model), "-o", str(out)], 0, "skipped", "b.txt: binary file")


# -- codebooks: every problem named by file:line ----------------------------------------------
CODEBOOKS = {
    "tab": ('codebook: t\nevents:\n  - code: "190"\n\tpatterns: ["{source} attack {target}"]\n', "4:1: C002"),
    "duplicate key": ("codebook: t\ntaxonomy: cameo\ntaxonomy: acled\n", "3:1: C003"),
    "unknown field": ('codebook: t\nevents:\n  - code: "190"\n    colour: red\n', "4:5: C006"),
    "bad pattern": (
        'codebook: t\nevents:\n  - code: "190"\n    patterns: ["{source} (re:*[ {target}"]\n',
        "4:16: C020",
    ),
    "empty": ("# nothing but a comment\n", "1:1: C007"),
    "alias cycle": ("codebook: t\nx: &a [*a]\n", "2:4: C001"),
    "alias bomb": (
        "codebook: t\n" + "".join(f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'x'}]\n" for i in range(9)),
        "9:5: C001",
    ),
    "include a folder": ("codebook: t\ninclude: [.]\n", "2:11: C030"),
}


@pytest.mark.parametrize("name", CODEBOOKS)
def test_codebook_problems_name_file_and_line(tmp_path: Path, name: str) -> None:
    text, where = CODEBOOKS[name]
    book = tmp_path / "book.yaml"
    book.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    stdout = _invoke(["codebook", "validate", str(book)], 1)
    assert f"book.yaml:{where}" in stdout
    assert time.perf_counter() - started < 5
    article = tmp_path / "a.txt"
    article.write_text(GOOD)
    _invoke(["code", str(article), "-c", str(book)], 1, "book.yaml:", "error(s) in the codebook")


def test_codebook_not_utf8_names_the_line(tmp_path: Path) -> None:
    book = tmp_path / "book.yaml"
    book.write_bytes(b"codebook: t\ncountries:\n  - {code: LBY, names: [Libya\xe9]}\n")
    _invoke(["codebook", "validate", str(book)], 1, "book.yaml:3: codebook is not UTF-8")
