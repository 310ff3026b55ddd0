"""The event-type classifier: estimator conventions, probabilities, safe persistence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

from coder.classifier import MODEL_FORMAT, EventClassifier, load_model, save_model
from coder.errors import CoderError

TEXTS = [
    "troops shelled the town",
    "jets bombed the village",
    "rebels attacked the base",
    "gunmen fired on police",
    "ministers held talks",
    "leaders met in the capital",
    "envoys discussed the crisis",
    "officials met to talk",
    "prices rose in march",
    "the weather was mild",
    "exports fell last year",
    "the team won the match",
]
LABELS = ["19"] * 4 + ["04"] * 4 + ["none"] * 4


@pytest.fixture(scope="module")
def fitted() -> EventClassifier:
    return EventClassifier(C=10.0).fit(TEXTS, LABELS)


def test_follows_estimator_conventions(fitted: EventClassifier) -> None:
    fresh = EventClassifier(C=3.0)
    assert fresh.get_params()["C"] == 3.0 and not hasattr(fresh, "classes_")
    assert clone(fresh).get_params() == fresh.get_params()
    assert list(fitted.classes_) == ["04", "19", "none"]


def test_probabilities_sum_to_one_and_predict_is_argmax(fitted: EventClassifier) -> None:
    proba = fitted.predict_proba(["artillery shelled the town", "the envoys met"])
    assert proba.shape == (2, 3)
    assert np.allclose(proba.sum(axis=1), 1.0)
    assert list(fitted.predict(["artillery shelled the town", "the envoys met"])) == ["19", "04"]


def test_save_and_load_round_trip(fitted: EventClassifier, tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "cameo-root"})
    model, header = load_model(path)
    assert header["label_set"] == "cameo-root" and header["format"] == MODEL_FORMAT
    assert "scikit-learn" in header["versions"]
    assert np.allclose(model.predict_proba(TEXTS), fitted.predict_proba(TEXTS), atol=1e-5)


def test_incompatible_format_is_a_clear_error(fitted: EventClassifier, tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "cameo-root"})
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    header = json.loads(bytes(arrays["header"]).decode())
    header["format"] = MODEL_FORMAT + 1
    arrays["header"] = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    np.savez(path, **arrays)
    with pytest.raises(CoderError, match="retrain it"):
        load_model(path)


def test_a_pickle_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "evil.npz"
    with path.open("wb") as handle:
        np.save(handle, np.array([{"a": 1}], dtype=object), allow_pickle=True)
    with pytest.raises(CoderError, match="not a coder model"):
        load_model(path)


def test_missing_model_file(tmp_path: Path) -> None:
    with pytest.raises(CoderError, match="not found"):
        load_model(tmp_path / "absent.npz")
