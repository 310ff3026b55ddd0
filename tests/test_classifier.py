"""The event-type classifier: estimator conventions, probabilities, safe persistence."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.feature_extraction.text import CountVectorizer
from sklearn.svm import LinearSVC

from coder.classifier import (
    _WORD,
    MODEL_FORMAT,
    CharCounter,
    EventClassifier,
    WordCounter,
    lead_words,
    load_model,
    nb_ratio,
    save_model,
    stratified_folds,
)
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


def test_cues_and_temperature_survive_a_round_trip(tmp_path: Path) -> None:
    texts = [*TEXTS, "protesters set fire to tyres [size=dozens]", "crowds burned a car [size=hundreds]"]
    labels = [*LABELS, "14", "14"]
    fitted = EventClassifier(cues="acled").fit(texts, labels)
    assert fitted.temperature_ > 0 and "size_tag" in fitted.cue_patterns_
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "custom"})
    model, _ = load_model(path)
    assert model.cue_patterns_ == fitted.cue_patterns_ and model.temperature_ == pytest.approx(fitted.temperature_)
    assert np.allclose(model.predict_proba(texts), fitted.predict_proba(texts), atol=1e-5)


def test_a_binary_model_gives_two_columns(fitted: EventClassifier) -> None:
    model = EventClassifier().fit(TEXTS[:8], LABELS[:8])
    assert model.predict_proba(["troops shelled the town"]).shape == (1, 2)
    assert list(model.predict(["troops shelled the town"])) == ["19"]


def _rewrite(path: Path, change: dict[str, np.ndarray | None]) -> None:
    with np.load(path) as data:
        arrays = {k: data[k] for k in data.files}
    for key, value in change.items():
        if value is None:
            arrays.pop(key)
        else:
            arrays[key] = value
    np.savez(path, **arrays)


def test_a_format_1_model_still_loads(fitted: EventClassifier, tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "cameo-root"})
    with np.load(path) as data:
        header = json.loads(bytes(data["header"]).decode())
    header["format"] = 1
    header["params"].pop("cues")
    blob = np.frombuffer(json.dumps(header).encode(), dtype=np.uint8)
    _rewrite(path, {"header": blob, "temperature": None, "cue_names": None, "cue_patterns": None})
    model, _ = load_model(path)
    assert model.temperature_ == 1.0 and list(model.predict(["jets bombed the village"])) == ["19"]


def test_a_broken_cue_pattern_is_a_clear_error(tmp_path: Path) -> None:
    fitted = EventClassifier(cues="acled").fit(TEXTS, LABELS)
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "custom"})
    patterns = np.asarray(["(" for _ in fitted.cue_patterns_], dtype=str)
    _rewrite(path, {"cue_patterns": patterns})
    with pytest.raises(CoderError, match="cue pattern does not compile"):
        load_model(path)


def test_mismatched_arrays_are_reported_as_damage(fitted: EventClassifier, tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "cameo-root"})
    _rewrite(path, {"coef": np.zeros((2, 2), dtype=np.float32)})
    with pytest.raises(CoderError, match="do not fit together"):
        load_model(path)


def test_logistic_regression_keeps_its_own_probabilities(tmp_path: Path) -> None:
    from sklearn.linear_model import LogisticRegression

    model = EventClassifier(C=10.0, estimator="logreg").fit(TEXTS, LABELS)
    assert model.temperature_ == 1.0
    plain = LogisticRegression(C=10.0, class_weight="balanced", max_iter=2000)
    plain.fit(model._features(TEXTS), LABELS)
    expected = plain.predict_proba(model._features(TEXTS))
    np.testing.assert_allclose(model.predict_proba(TEXTS), expected, atol=3e-3)  # weights kept as float32
    save_model(model, tmp_path / "m.npz", {})
    loaded, _ = load_model(tmp_path / "m.npz")
    assert loaded.estimator == "logreg"
    np.testing.assert_allclose(loaded.predict_proba(TEXTS), model.predict_proba(TEXTS), atol=1e-6)


def test_an_unknown_estimator_is_refused() -> None:
    with pytest.raises(ValueError, match="estimator"):
        EventClassifier(estimator="forest").fit(TEXTS, LABELS)


def test_a_class_with_one_example_still_gets_a_fitted_temperature() -> None:
    texts = [*TEXTS, "a chemical weapon was used on the town"]
    labels = [*LABELS, "20"]
    fitted = EventClassifier().fit(texts, labels)
    # before, one example of a class left the temperature at 1 and the probabilities flat
    assert fitted.temperature_ != 1.0
    assert list(fitted.classes_) == ["04", "19", "20", "none"]


def test_folds_put_rare_classes_together() -> None:
    labels = ["a"] * 6 + ["b"] * 6 + ["c"]
    splits = stratified_folds(labels, 5)
    assert len(splits) == 5
    assert sorted(i for _, test in splits for i in test) == list(range(13))
    assert stratified_folds(["a", "b"], 5) == []


@pytest.mark.parametrize("ngrams", [(2, 5), (4, 6), (1, 3)])
@pytest.mark.parametrize("coded", [True, False])
def test_character_counts_match_scikit_learns_char_wb(ngrams: tuple[int, int], coded: bool) -> None:
    texts = [*TEXTS, "A  b\tc  x", "", "Élan at İzmir: 12,000 re-armed", "troops troops shelled", "ab 𝔘𝔫𝔦 q\ud800z"]
    reference = CountVectorizer(analyzer="char_wb", ngram_range=ngrams).fit([*TEXTS[:6], "a ab élan"])
    vocabulary = list(reference.get_feature_names_out())
    ours = CharCounter(vocabulary, ngrams)
    if not coded:  # as for a vocabulary whose n-grams do not fit in 63 bits: one word at a time
        ours._codes = None
    expected = reference.transform(texts)
    expected.sort_indices()
    for _ in range(2):  # the second pass reads the remembered words
        counts = ours.transform(texts)
        assert (counts != expected).nnz == 0
        # the same entries in the same order: a model's scores add them up in this order
        assert (counts.indptr == expected.indptr).all() and (counts.indices == expected.indices).all()
    assert ours.transform([]).shape == (0, len(vocabulary))


def test_a_vocabulary_of_too_many_characters_is_counted_one_word_at_a_time() -> None:
    vocabulary = [chr(0x4E00 + i) * 2 for i in range(5000)]  # 13 bits a character, 65 for five
    ours = CharCounter(vocabulary, (2, 5))
    assert ours._codes is None
    assert ours.transform([chr(0x4E00) * 3]).toarray()[0, 0] == 2


@pytest.mark.parametrize("ngrams", [(1, 1), (1, 2), (2, 3)])
@pytest.mark.parametrize("coded", [True, False])
def test_word_counts_match_scikit_learns(ngrams: tuple[int, int], coded: bool) -> None:
    texts = [*TEXTS, "", "A", "Élan at İzmir: don't re-arm 12,000 troops", "the the the"]
    reference = CountVectorizer(ngram_range=ngrams, token_pattern=_WORD).fit(TEXTS[:8])
    ours = WordCounter(list(reference.get_feature_names_out()), ngrams)
    if not coded:  # as for a vocabulary whose n-grams' codes do not fit in 63 bits: one by one
        ours._codes = None
    expected = reference.transform(texts)
    expected.sort_indices()
    counts = ours.transform(texts)
    assert (counts != expected).nnz == 0
    assert (counts.indptr == expected.indptr).all() and (counts.indices == expected.indices).all()
    assert ours.transform([]).shape == (0, len(reference.get_feature_names_out()))
    assert ours.transform(["", ""]).nnz == 0


def test_a_parent_head_decides_the_parents_and_survives_a_round_trip(tmp_path: Path) -> None:
    # fine labels 190 / 195 / 040 / 042 under their roots; the head learns the roots
    texts = [*TEXTS[:8], "troops fired mortars", "jets struck the depot", "ministers visited", "envoys met again"]
    labels = ["190", "195", "190", "190", "040", "042", "040", "040", "190", "195", "042", "040"]
    parents = {"190": "19", "195": "19", "040": "04", "042": "04"}
    fitted = EventClassifier(C=10.0, parents=parents).fit(texts, labels)
    assert fitted.has_parent_head and list(fitted.parent_classes_) == ["04", "19"]
    fine, upper = fitted.predict_both_proba(["artillery shelled the town", "the envoys met"])
    assert fine.shape == (2, 4) and upper.shape == (2, 2) and np.allclose(upper.sum(axis=1), 1.0)
    assert list(fitted.parent_classes_[upper.argmax(axis=1)]) == ["19", "04"]
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "custom"})
    model, header = load_model(path)
    assert header["params"]["parents"] == parents and model.parents == parents
    again = model.predict_both_proba(["artillery shelled the town", "the envoys met"])
    assert np.allclose(again[0], fine, atol=1e-5) and np.allclose(again[1], upper, atol=1e-5)
    # a model without one gives no parent probabilities
    assert EventClassifier(C=10.0).fit(texts, labels).predict_both_proba(["x"])[1].shape == (1, 0)


def test_an_nb_svm_head_folds_its_scaling_into_the_weights(tmp_path: Path) -> None:
    texts = [*TEXTS[:8], "troops fired mortars", "jets struck the depot", "ministers visited", "envoys met again"]
    labels = ["190", "195", "190", "190", "040", "042", "040", "040", "190", "195", "042", "040"]
    parents = {"190": "19", "195": "19", "040": "04", "042": "04"}
    fitted = EventClassifier(C=10.0, parents=parents, parent_nb=0.1).fit(texts, labels)
    plain = EventClassifier(C=10.0, parents=parents).fit(texts, labels)
    assert not np.allclose(fitted.parent_coef_, plain.parent_coef_)  # the head is another model
    assert np.allclose(fitted.coef_, plain.coef_, atol=1e-4)  # the fine labels' model is not
    # each class's weights are its binary model's, times the features' log-count ratios
    features = fitted._features(texts)
    upper = np.asarray([parents[label] for label in labels])
    ratio = nb_ratio(features, upper == "19", 0.1)
    binary = LinearSVC(C=10.0, class_weight="balanced").fit(features @ sp.diags(ratio), upper == "19")
    k = list(fitted.parent_classes_).index("19")
    assert np.allclose(fitted.parent_coef_[k], ratio * binary.coef_[0], atol=1e-4)
    # a word seen only with one parent has a positive ratio for it and a negative one for the other
    shelled = fitted.vocabularies_[0].index("shelled")
    assert ratio[shelled] > 0 > nb_ratio(features, upper == "04", 0.1)[shelled]
    _, head = fitted.predict_both_proba(["artillery shelled the town", "the envoys met"])
    assert list(fitted.parent_classes_[head.argmax(axis=1)]) == ["19", "04"]
    path = tmp_path / "nb.npz"
    save_model(fitted, path, {"label_set": "custom"})
    model, _ = load_model(path)
    assert model.parent_nb == 0.1 and np.allclose(model.predict_both_proba(["the envoys met"])[1], head[1:], atol=1e-5)
    # `nb` makes the labels' own model an NB-SVM the same way
    own = EventClassifier(C=10.0, nb=0.1).fit(texts, labels)
    ratio = nb_ratio(features, np.asarray(labels) == "040", 0.1)
    binary = LinearSVC(C=10.0, class_weight="balanced").fit(features @ sp.diags(ratio), np.asarray(labels) == "040")
    k = list(own.classes_).index("040")
    assert np.allclose(own.coef_[k], ratio * binary.coef_[0], atol=1e-4)


def test_masked_names_are_one_placeholder_and_survive_a_round_trip(tmp_path: Path) -> None:
    texts = [*TEXTS, "troops shelled Kharkiv and Izium", "ministers met in Geneva"]
    labels = [*LABELS, "19", "04"]
    fitted = EventClassifier(char_ngrams=(2, 5), mask_names=True).fit(texts, labels)
    # no name of the training texts is in the vocabulary; the placeholder is
    words = fitted.vocabularies_[0]
    assert "kharkiv" not in words and "geneva" not in words and "cap" in words
    # a text read with other names inside it is the same text to the model; its first word is no name
    one, other = fitted.predict_proba(["Troops shelled Odesa overnight", "Troops shelled Mosul overnight"])
    assert np.allclose(one, other)
    assert fitted._prepared(["Russian troops shelled Kharkiv, Izium"]) == ["Russian troops shelled Cap, Cap"]
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "custom"})
    model, _ = load_model(path)
    assert model.mask_names is True
    assert np.allclose(model.predict_proba(texts), fitted.predict_proba(texts), atol=1e-5)
    # a model without it reads the names
    plain = EventClassifier(char_ngrams=(2, 5)).fit(texts, labels)
    assert "kharkiv" in plain.vocabularies_[0]


def test_lead_words_are_the_first_sentence_without_its_date_names_and_function_words() -> None:
    text = "On 2 March 2021, in Northtown, gunmen shot two guards of Acme Ltd. Police later arrested a man. 1 fatality."
    assert lead_words(text) == "fsgunmen fsshot fsguards"
    assert lead_words("Around 5 May 2020 (as reported), farmers marched. [size=no report]") == "fsfarmers fsmarched"
    # one sentence, no date: all of it; a hyphenated word or a possessive is one word
    assert (
        lead_words("A pro-government mob burned a teacher's car") == "fsprogovernment fsmob fsburned fsteachers fscar"
    )
    assert lead_words("") == ""


def test_a_model_with_lead_words_weighs_the_first_sentence_and_survives_a_round_trip(tmp_path: Path) -> None:
    texts = [
        "Soldiers clashed with rebels near the river. Villagers fled.",
        "Troops fought militants for hours. A farmer was hurt.",
        "Gunmen killed a farmer at home. Soldiers arrived later.",
        "Bandits shot a trader at the market. Troops searched the area.",
    ] * 3
    labels = ["Battles", "Battles", "Violence", "Violence"] * 3
    fitted = EventClassifier(char_ngrams=(2, 5), mask_names=True, lead_words=True).fit(texts, labels)
    words = fitted.vocabularies_[0]
    # the first sentence's words are features of their own; the later sentences' are not
    assert "fsclashed" in words and "fskilled" in words and "fsvillagers" not in words and "fsarrived" not in words
    texts_in = ["Troops shelled Kharkiv. Rain fell."]
    assert fitted._with_lead(fitted._prepared(texts_in), texts_in) == [
        "Troops shelled Cap. Rain fell. fstroops fsshelled"
    ]
    path = tmp_path / "m.npz"
    save_model(fitted, path, {"label_set": "custom"})
    model, _ = load_model(path)
    assert model.lead_words is True
    assert np.allclose(model.predict_proba(texts), fitted.predict_proba(texts), atol=1e-5)
    assert "fsclashed" not in EventClassifier().fit(texts, labels).vocabularies_[0]  # off by default
