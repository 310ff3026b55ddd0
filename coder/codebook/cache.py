"""Own the compiled-codebook cache: a coder's tables saved once, reloaded while the YAML is unchanged.

The cache lives in `$CODER_CACHE` (default `~/.cache/coder`), one file per codebook path,
named by a hash of the path. It records each YAML file's content hash and a hash of the
engine modules that build the tables; it is used only when all of them still hash the same,
and rebuilt otherwise. It is written with pickle by this
program for this program, like Python's own `__pycache__`; it is never read from a path a
user passes in.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

FORMAT = 1
# The compiled tables depend on these modules: a change to any of them invalidates the cache.
_ENGINE = (
    "actors.py",
    "patterns.py",
    "pipeline.py",
    "inflection.py",
    "sentences.py",
    "codebook/model.py",
    "codebook/load.py",
    "codebook/syntax.py",
    "codebook/cache.py",
)


@functools.cache
def _engine_hash() -> str:
    """Hash the engine's source once, when this module is imported: a process that imported
    the old code and runs on after an edit must not label its tables with the new code's hash."""
    digest = hashlib.sha256()
    root = Path(__file__).resolve().parent.parent
    for name in _ENGINE:
        try:
            digest.update((root / name).read_bytes())
        except OSError:
            digest.update(name.encode())
    return digest.hexdigest()[:16]


_engine_hash()


def cache_dir() -> Path:
    return Path(os.environ.get("CODER_CACHE") or Path.home() / ".cache" / "coder")


def _key(path: Path) -> Path:
    digest = hashlib.sha256(str(path.resolve()).encode()).hexdigest()[:24]
    version = f"{sys.version_info.major}{sys.version_info.minor}"
    return cache_dir() / f"codebook-{digest}-py{version}.pickle"


def _hashes(files: list[str]) -> dict[str, str] | None:
    out = {}
    for name in files:
        try:
            out[name] = hashlib.sha256(Path(name).read_bytes()).hexdigest()
        except OSError:
            return None
    return out


def load_cached(path: Path) -> Any | None:
    """Return the cached tables for a codebook if its files are unchanged, else None."""
    target = _key(path)
    try:
        with target.open("rb") as handle:
            header = pickle.load(handle)
            if (
                header.get("format") != FORMAT
                or header.get("engine") != _engine_hash()
                or _hashes(header["files"]) != header["hashes"]
            ):
                return None
            # hundreds of thousands of small objects: the cyclic collector would walk them all
            # again and again while they are made, and after; none of them is garbage, so they
            # go to the collector's permanent generation (refcounting still frees them)
            collecting = gc.isenabled()
            gc.disable()
            try:
                tables = pickle.load(handle)
                gc.freeze()
                return tables
            finally:
                if collecting:
                    gc.enable()
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, KeyError, TypeError, ImportError):
        return None


class _Pickler(pickle.Pickler):
    """Pickle frozen slotted dataclasses as a call of their class with their fields, which
    loads several times faster than the dataclass module's own `__setstate__`."""

    def reducer_override(self, obj: Any) -> Any:
        kind = type(obj)
        params = getattr(kind, "__dataclass_params__", None)
        if params is None or not params.frozen or not hasattr(kind, "__slots__") or isinstance(obj, type):
            return NotImplemented
        fields = kind.__dataclass_fields__.values()
        if any(not f.init for f in fields) or hasattr(kind, "__post_init__"):
            return NotImplemented
        return kind, tuple(getattr(obj, f.name) for f in fields if f._field_type is dataclasses._FIELD)  # type: ignore[attr-defined]


def save_cached(path: Path, files: list[str], tables: Any) -> None:
    """Save a codebook's tables; a cache that cannot be written is silently skipped."""
    hashes = _hashes(files)
    if hashes is None:
        return
    target = _key(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        with temporary.open("wb") as handle:
            header = {"format": FORMAT, "engine": _engine_hash(), "files": files, "hashes": hashes}
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            _Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL).dump(tables)
        os.replace(temporary, target)
    except OSError:
        pass
