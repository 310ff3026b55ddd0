"""The compiled-codebook cache: reused while the YAML is unchanged, rebuilt when it changes."""

from __future__ import annotations

import shutil
from pathlib import Path

from coder import Coder


def test_cache_is_used_and_invalidated(tmp_path: Path, mini_codebook: Path, monkeypatch) -> None:
    monkeypatch.setenv("CODER_CACHE", str(tmp_path / "cache"))
    book = tmp_path / "book.yaml"
    shutil.copy(mini_codebook, book)
    first = Coder(book)
    assert len(list((tmp_path / "cache").glob("codebook-*.pickle"))) == 1
    second = Coder(book)
    assert [p.id for p in second.codebook.patterns] == [p.id for p in first.codebook.patterns]
    assert second.code_sentence("Russian aircraft bombed Idlib.")[0].event_code == "195"
    book.write_text(book.read_text().replace('"{source} bomb {target}"', '"{source} shell {target}"'))
    third = Coder(book)
    assert third.code_sentence("Russian aircraft bombed Idlib.") == []


def test_a_damaged_cache_is_rebuilt(tmp_path: Path, mini_codebook: Path, monkeypatch) -> None:
    monkeypatch.setenv("CODER_CACHE", str(tmp_path / "cache"))
    Coder(mini_codebook)
    [cached] = (tmp_path / "cache").glob("codebook-*.pickle")
    cached.write_bytes(b"not a pickle")
    assert Coder(mini_codebook).code_sentence("Russian aircraft bombed Idlib.")[0].event_code == "195"


def test_a_cache_from_other_engine_code_is_not_used(tmp_path: Path, mini_codebook: Path, monkeypatch) -> None:
    from coder.codebook import cache

    monkeypatch.setenv("CODER_CACHE", str(tmp_path / "cache"))
    Coder(mini_codebook)
    assert cache.load_cached(mini_codebook) is not None
    monkeypatch.setattr(cache, "_engine_hash", lambda: "another engine")
    assert cache.load_cached(mini_codebook) is None


def test_the_shipped_codebook_codes_the_same_from_its_cache(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CODER_CACHE", str(tmp_path / "cache"))
    built = Coder()  # compiled from the YAML, then saved
    cached = Coder()  # loaded from the cache
    assert cached.codebook == built.codebook
    for example in built.codebook.examples[::7]:
        assert cached.code_text(example.text, example.date) == built.code_text(example.text, example.date)


def test_freshly_compiled_tables_are_frozen_as_cached_ones_are(mini_codebook: Path, monkeypatch) -> None:
    import gc

    from coder import Coder

    monkeypatch.setenv("CODER_NO_CACHE", "1")
    gc.unfreeze()
    try:
        coder = Coder(mini_codebook)
        # the tables sit in the collector's permanent generation, which a full collection skips
        assert gc.get_freeze_count() > 0 and gc.isenabled()
        assert coder.code_text("Russian jets bombed Idlib.")
    finally:
        gc.unfreeze()
