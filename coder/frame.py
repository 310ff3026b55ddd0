"""Own the DataFrame interface: code a pandas DataFrame of documents into one of events.

This is the entry point for engines that work on partitions: Dask's `map_partitions`,
Spark's `mapInPandas`, or a plain pandas loop. Coders are cached per process and codebook.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from coder.dates import parse_date
from coder.document import Document
from coder.export import CAMEO_COLUMNS, event_record
from coder.pipeline import DEFAULT_CODEBOOK, Coder


@lru_cache(maxsize=4)
def _coder(codebook: str, require: str | None, model: str | None, policy: str | None, threshold: float | None) -> Coder:
    return Coder(codebook, require=require, model=model, policy=policy, threshold=threshold)


def empty_events() -> pd.DataFrame:
    """Return an empty events frame with the CAMEO columns (for Dask's `meta`)."""
    return pd.DataFrame({column: pd.Series(dtype="object") for column in CAMEO_COLUMNS})


def code_dataframe(
    frame: pd.DataFrame,
    codebook: str | Path = DEFAULT_CODEBOOK,
    *,
    text_column: str = "text",
    id_column: str = "id",
    date_column: str = "date",
    require: str | None = None,
    model: str | Path | None = None,
    policy: str | None = None,
    threshold: float | None = None,
) -> pd.DataFrame:
    """Code each row of `frame` as a document; return one row per event with the CAMEO columns."""
    coder = _coder(str(codebook), require, str(model) if model else None, policy, threshold)
    records: list[dict[str, Any]] = []
    for position, row in enumerate(frame.itertuples(index=False)):
        values = row._asdict()
        text = values.get(text_column)
        if not isinstance(text, str) or not text.strip():
            continue
        raw_date = values.get(date_column)
        day = parse_date(str(raw_date)) if raw_date is not None and raw_date == raw_date else None
        doc_id = str(values.get(id_column, position))
        paragraphs = tuple(p for p in text.split("\n\n") if p.strip())
        events, _ = coder.code_document(Document(doc_id, day, "", paragraphs, doc_id))
        records.extend(event_record(e) for e in events)
    if not records:
        return empty_events()
    return pd.DataFrame.from_records(records, columns=list(CAMEO_COLUMNS)).astype("object")
