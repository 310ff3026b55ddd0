"""Reading documents: scraped articles, tables, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from coder.document import Document, Skipped, TableColumns, parse_article, read_documents

ARTICLE = """Libya's minister visits Ankara
December 07, 2019 - 20:20
Posted in: World
Written By: Jane Roe
Share

Libya's interior minister visited Ankara on Monday.

He also visited Doha.
Tweet
"""


def test_parse_article_takes_title_date_and_drops_boilerplate() -> None:
    doc = parse_article(ARTICLE, "a", "a.txt")
    assert doc.date == date(2019, 12, 7)
    assert doc.title == "Libya's minister visits Ankara"
    assert doc.paragraphs == (
        "Libya's minister visits Ankara",
        "Libya's interior minister visited Ankara on Monday.",
        "He also visited Doha.",
    )


def test_article_without_date_uses_default_or_none() -> None:
    text = "Title\n\nTroops attacked the town.\n"
    assert parse_article(text, "a", "a").date is None
    assert parse_article(text, "a", "a", date(2020, 1, 1)).date == date(2020, 1, 1)


def _read(tmp_path: Path, name: str, content: bytes, **kw) -> list[Document | Skipped]:
    path = tmp_path / name
    path.write_bytes(content)
    return list(read_documents([str(path)], **kw))


def test_binary_file_is_skipped_with_reason(tmp_path: Path) -> None:
    [item] = _read(tmp_path, "x.txt", b"\x00\x01\x02binary")
    assert isinstance(item, Skipped) and "binary" in item.reason


def test_empty_file_is_skipped(tmp_path: Path) -> None:
    [item] = _read(tmp_path, "x.txt", b"  \n\n")
    assert isinstance(item, Skipped) and item.reason == "empty document"


def test_bad_encoding_is_decoded_with_a_note(tmp_path: Path) -> None:
    [item] = _read(tmp_path, "x.txt", "Title\n\nTroops attacked Tripoli caf\xe9.\n".encode("latin-1"))
    assert isinstance(item, Document)
    assert any("replacement" in note for note in item.notes)


def test_csv_table_with_columns_and_bad_row(tmp_path: Path) -> None:
    content = (
        b'doc,day,body\n1,2019-12-07,"Troops attacked Tripoli."\n2,2019-12-08\n3,not a date,"Police arrested ten."\n'
    )
    items = _read(tmp_path, "t.csv", content, columns=TableColumns(id="doc", date="day", text="body"))
    assert isinstance(items[0], Document) and items[0].id == "1" and items[0].date == date(2019, 12, 7)
    assert isinstance(items[1], Skipped) and items[1].origin.endswith("t.csv:3")
    assert isinstance(items[2], Document) and items[2].date is None and "not understood" in items[2].notes[0]


def test_table_without_text_column_is_skipped(tmp_path: Path) -> None:
    [item] = _read(tmp_path, "t.csv", b"id,body\n1,hello\n")
    assert isinstance(item, Skipped) and "no text column 'text'" in item.reason


def test_jsonl_with_broken_line(tmp_path: Path) -> None:
    items = _read(tmp_path, "t.jsonl", b'{"id": "a", "text": "Troops attacked.", "date": "20191207"}\n{broken\n')
    assert isinstance(items[0], Document) and items[0].date == date(2019, 12, 7)
    assert isinstance(items[1], Skipped) and items[1].origin.endswith("t.jsonl:2") and "JSON" in items[1].reason


def test_folder_is_read_recursively(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Title\n\nTroops attacked.\n")
    (tmp_path / "b.txt").write_text("Title\n\nPolice arrested ten.\n")
    (tmp_path / "notes.md").write_text("not an article")
    assert sorted(d.id for d in read_documents([str(tmp_path)])) == ["a", "b"]


def test_compressed_zipped_and_globbed_inputs(tmp_path: Path) -> None:
    import bz2
    import gzip
    import zipfile

    article = "Title\n\nTroops attacked the town.\n"
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(article.encode()))
    (tmp_path / "b.jsonl.bz2").write_bytes(bz2.compress(b'{"id": "b1", "text": "Police arrested ten."}\n'))
    with zipfile.ZipFile(tmp_path / "c.zip", "w") as archive:
        archive.writestr("c1.txt", article)
        archive.writestr("tables/c2.csv", "id,text\nc2,Rebels attacked.\n")
        archive.writestr("notes.bin", b"\x00\x01")
    items = list(read_documents([str(tmp_path / "*.*")]))
    docs = [i for i in items if isinstance(i, Document)]
    assert sorted(d.id for d in docs) == ["a", "b1", "c1", "c2"]
    [skipped] = [i for i in items if isinstance(i, Skipped)]
    assert skipped.origin.endswith("c.zip!notes.bin")


def test_glob_without_match_is_an_error(tmp_path: Path) -> None:
    import pytest

    from coder.errors import CoderError

    with pytest.raises(CoderError, match="no file matches"):
        list(read_documents([str(tmp_path / "*.txt")]))


def test_parquet_table(tmp_path: Path) -> None:
    import pytest

    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow", reason="Parquet needs the parquet extra")
    pd.DataFrame(
        {"id": ["p1", "p2"], "date": ["2019-12-07", None], "text": ["Troops attacked.", "Police arrested ten."]}
    ).to_parquet(tmp_path / "t.parquet")
    docs = list(read_documents([str(tmp_path / "t.parquet")]))
    assert [(d.id, d.date) for d in docs] == [("p1", date(2019, 12, 7)), ("p2", None)]
