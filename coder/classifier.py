"""Own the event-type classifier: a linear model over word and character n-grams.

It follows scikit-learn's estimator conventions (the constructor stores parameters, `fit`
returns self, learned state ends in `_`) and gives probabilities. It is saved as a plain
NumPy `.npz` file of arrays and a JSON header, read back with `allow_pickle=False`, so loading
a model never runs code from the file.
"""

from __future__ import annotations

import hashlib
import json
import platform
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
import sklearn
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize

from coder.errors import CoderError

MODEL_FORMAT = 1
LABEL_SETS = ("cameo-root", "cameo-code", "penta", "acled-event-type", "acled-sub-event-type", "custom")
_WORD = r"(?u)\b\w[\w'-]*\b"


class EventClassifier(ClassifierMixin, BaseEstimator):
    """Predict an event type from sentence text with TF-IDF n-grams and logistic regression."""

    def __init__(
        self,
        word_ngrams: tuple[int, int] = (1, 2),
        char_ngrams: tuple[int, int] | None = None,
        C: float = 10.0,
        min_df: int = 1,
        max_features: int | None = 300_000,
        class_weight: str | None = "balanced",
    ) -> None:
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.C = C
        self.min_df = min_df
        self.max_features = max_features
        self.class_weight = class_weight

    # -- fitting --------------------------------------------------------------------------
    def _vectorizers(self) -> list[TfidfVectorizer]:
        out = [
            TfidfVectorizer(
                ngram_range=tuple(self.word_ngrams),
                token_pattern=_WORD,
                sublinear_tf=True,
                min_df=self.min_df,
                max_features=self.max_features,
                dtype=np.float32,
            )
        ]
        if self.char_ngrams:
            out.append(
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=tuple(self.char_ngrams),
                    sublinear_tf=True,
                    min_df=max(self.min_df, 2),
                    max_features=self.max_features,
                    dtype=np.float32,
                )
            )
        return out

    def fit(self, X: Sequence[str], y: Sequence[str]) -> EventClassifier:
        """Learn vocabularies, IDF weights and the linear model."""
        texts = list(X)
        labels = np.asarray([str(label) for label in y])
        vectorizers = self._vectorizers()
        blocks = [v.fit_transform(texts) for v in vectorizers]
        model = LogisticRegression(C=self.C, max_iter=2000, class_weight=self.class_weight)
        model.fit(sp.hstack(blocks).tocsr(), labels)
        self.vocabularies_ = [list(v.get_feature_names_out()) for v in vectorizers]
        self.idf_ = [v.idf_.astype(np.float32) for v in vectorizers]
        self.classes_ = model.classes_
        coef = model.coef_.astype(np.float32)
        intercept = model.intercept_.astype(np.float32)
        if len(self.classes_) == 2:  # binary logistic regression keeps one row; make it two
            coef = np.vstack([-coef[0] / 2, coef[0] / 2])
            intercept = np.array([-intercept[0] / 2, intercept[0] / 2], dtype=np.float32)
        self.coef_ = coef
        self.intercept_ = intercept
        self._build()
        return self

    def _build(self) -> None:
        """Make the counting vectorizers from the learned vocabularies (no fitting needed)."""
        counters = [
            CountVectorizer(
                ngram_range=tuple(self.word_ngrams),
                token_pattern=_WORD,
                vocabulary={w: i for i, w in enumerate(self.vocabularies_[0])},
                dtype=np.float32,
            )
        ]
        if self.char_ngrams and len(self.vocabularies_) > 1:
            counters.append(
                CountVectorizer(
                    analyzer="char_wb",
                    ngram_range=tuple(self.char_ngrams),
                    vocabulary={w: i for i, w in enumerate(self.vocabularies_[1])},
                    dtype=np.float32,
                )
            )
        self._counters = counters
        self._coef_t = np.ascontiguousarray(self.coef_.T)

    # -- predicting ------------------------------------------------------------------------
    def _features(self, texts: Sequence[str]) -> sp.csr_matrix:
        blocks = []
        for counter, idf in zip(self._counters, self.idf_, strict=True):
            counts = counter.transform(texts)
            counts.data = np.log1p(counts.data)  # sublinear tf, as in training
            blocks.append(normalize(counts.multiply(idf).tocsr()))
        return sp.hstack(blocks).tocsr()

    def decision_function(self, X: Sequence[str]) -> np.ndarray:
        return np.asarray(self._features(list(X)) @ self._coef_t) + self.intercept_

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        scores = self.decision_function(X)
        scores -= scores.max(axis=1, keepdims=True)
        np.exp(scores, out=scores)
        scores /= scores.sum(axis=1, keepdims=True)
        return scores

    def predict(self, X: Sequence[str]) -> np.ndarray:
        return self.classes_[np.argmax(self.decision_function(X), axis=1)]


# -- persistence ------------------------------------------------------------------------------


def data_hash(texts: Sequence[str], labels: Sequence[str]) -> str:
    """Return a short hash of training data, for the model's metadata."""
    digest = hashlib.sha256()
    for text, label in zip(texts, labels, strict=True):
        digest.update(f"{label}\t{text}\n".encode())
    return digest.hexdigest()[:16]


def save_model(model: EventClassifier, path: Path, metadata: dict[str, Any]) -> None:
    """Write a fitted classifier and its metadata to a `.npz` file of plain arrays."""
    header = {
        "format": MODEL_FORMAT,
        "params": {k: list(v) if isinstance(v, tuple) else v for k, v in model.get_params().items()},
        "versions": {"python": platform.python_version(), "scikit-learn": sklearn.__version__, "numpy": np.__version__},
        **metadata,
    }
    arrays: dict[str, np.ndarray] = {
        "header": np.frombuffer(json.dumps(header).encode("utf-8"), dtype=np.uint8),
        "classes": np.asarray(model.classes_, dtype=str),
        "coef": model.coef_,
        "intercept": model.intercept_,
    }
    for i, (vocab, idf) in enumerate(zip(model.vocabularies_, model.idf_, strict=True)):
        arrays[f"vocab{i}"] = np.asarray(vocab, dtype=str)
        arrays[f"idf{i}"] = idf
    with open(path, "wb") as handle:
        np.savez_compressed(handle, **arrays)


def load_model(path: Path) -> tuple[EventClassifier, dict[str, Any]]:
    """Read a model saved by `save_model`; a foreign or incompatible file is a clear error."""
    try:
        with np.load(path, allow_pickle=False) as data:
            header = json.loads(bytes(data["header"]).decode("utf-8"))
            if header.get("format") != MODEL_FORMAT:
                raise CoderError(
                    f"{path}: model format {header.get('format')!r}, but this coder reads format "
                    f"{MODEL_FORMAT}: retrain it with `coder train`"
                )
            params = header["params"]
            for key in ("word_ngrams", "char_ngrams"):
                if params.get(key) is not None:
                    params[key] = tuple(params[key])
            model = EventClassifier(**params)
            count = sum(1 for name in data.files if name.startswith("vocab"))
            model.vocabularies_ = [list(data[f"vocab{i}"]) for i in range(count)]
            model.idf_ = [data[f"idf{i}"] for i in range(count)]
            model.classes_ = data["classes"]
            model.coef_ = data["coef"]
            model.intercept_ = data["intercept"]
    except FileNotFoundError:
        raise CoderError(f"{path}: model file not found") from None
    except CoderError:
        raise
    except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
        raise CoderError(
            f"{path}: not a coder model ({exc.__class__.__name__}: {exc}); train one with `coder train`"
        ) from None
    if model.coef_.shape != (len(model.classes_), sum(len(v) for v in model.vocabularies_)):
        raise CoderError(f"{path}: model arrays do not fit together; the file is damaged: retrain it")
    model._build()
    return model, header
