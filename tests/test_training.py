"""Training from labelled data, the CLI's train/evaluate/sample loop, and model-first coding."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from typer.testing import CliRunner

from coder import Coder
from coder.classifier import NB_SMOOTHING, load_model
from coder.cli import app

runner = CliRunner()
ROWS = [
    ("Russian jets bombed Idlib.", "19"),
    ("Turkish troops attacked Syria.", "19"),
    ("Syria was attacked by Russian troops.", "19"),
    ("Turkish aircraft bombed rebel positions.", "19"),
    ("Russian artillery shelled the town.", "19"),
    ("Turkish troops fought rebels near Idlib.", "19"),
    ("Libyan officials met with Qatari officials.", "04"),
    ("Turkey held talks with Russia.", "04"),
    ("Russia met with Turkey in Moscow.", "04"),
    ("The ministers discussed the crisis in Doha.", "04"),
    ("Qatari envoys consulted Turkish officials.", "04"),
    ("Leaders of Libya and Turkey talked by phone.", "04"),
    ("Oil prices rose sharply in March.", "none"),
    ("The weather in Tripoli was mild.", "none"),
    ("Exports fell last year.", "none"),
    ("The team won the cup.", "none"),
    ("The river flooded the valley.", "none"),
    ("Tourism grew by ten percent.", "none"),
]


def _table(tmp_path: Path) -> Path:
    path = tmp_path / "train.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(ROWS)
    return path


def test_train_evaluate_and_code_with_model(tmp_path: Path, mini_codebook: Path) -> None:
    model = tmp_path / "m.npz"
    result = runner.invoke(app, ["train", str(_table(tmp_path)), "-o", str(model), "-c", str(mini_codebook)])
    assert result.exit_code == 0, result.output
    assert "trained cameo-root model on 18 texts, 3 labels" in result.stderr
    result = runner.invoke(
        app, ["evaluate", str(_table(tmp_path)), "-m", str(model), "-c", str(mini_codebook), "--json"]
    )
    scores = json.loads(result.stdout)["label"]
    assert set(scores) >= {"accuracy", "macro_f1", "per_class", "confusion"}
    coder = Coder(mini_codebook, model=model)
    assert coder.policy == "model-first"
    events = coder.code_text("Russian jets bombed Idlib.", None)
    assert [(e.source_code, e.event_code, e.target_code, e.method) for e in events] == [
        ("RUSMIL", "195", "SYR", "both")
    ]


def test_train_needs_two_labels(tmp_path: Path, mini_codebook: Path) -> None:
    path = tmp_path / "one.csv"
    path.write_text("text,label\na,x\nb,x\n")
    result = runner.invoke(app, ["train", str(path), "-o", str(tmp_path / "m.npz"), "-c", str(mini_codebook)])
    assert result.exit_code == 1 and "at least two different labels" in result.stderr


def test_train_table_missing_columns(tmp_path: Path, mini_codebook: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("sentence,code\na,x\n")
    result = runner.invoke(app, ["train", str(path), "-o", str(tmp_path / "m.npz"), "-c", str(mini_codebook)])
    assert result.exit_code == 1 and "--text-column" in result.stderr


def test_sample_picks_uncertain_sentences_and_feeds_back(tmp_path: Path, mini_codebook: Path) -> None:
    model = tmp_path / "m.npz"
    runner.invoke(app, ["train", str(_table(tmp_path)), "-o", str(model), "-c", str(mini_codebook)])
    corpus = tmp_path / "c.txt"
    corpus.write_text("Title\n\nRussian jets bombed Idlib. Turkey held talks with Russia. The sky was grey.\n")
    out = tmp_path / "to_label.csv"
    result = runner.invoke(
        app, ["sample", str(corpus), "-m", str(model), "-n", "2", "-o", str(out), "-c", str(mini_codebook)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open()))
    assert (
        len(rows) == 2
        and rows[0]["label"] == ""
        and float(rows[0]["model_probability"]) <= float(rows[1]["model_probability"])
    )
    assert f"`coder train {out}`" in result.stderr  # a CAMEO-root model: train's default label set
    # a model of another label set: the hint names it, so the labels go back into the same kind of model
    penta = tmp_path / "penta.tsv"
    penta.write_text("Russian jets bombed Idlib.\t4\nTurkey praised Qatar.\t1\n" * 4, encoding="utf-8")
    pmodel = tmp_path / "p.npz"
    trained = runner.invoke(
        app,
        ["train", str(penta), "--format", "pentaclass", "--no-examples", "-o", str(pmodel), "-c", str(mini_codebook)],
    )
    assert trained.exit_code == 0, trained.output
    result = runner.invoke(
        app, ["sample", str(corpus), "-m", str(pmodel), "-n", "2", "-o", str(out), "-c", str(mini_codebook)]
    )
    assert result.exit_code == 0 and f"`coder train {out} --label-set penta`" in result.stderr


def test_code_with_policy_needs_model(tmp_path: Path, mini_codebook: Path) -> None:
    result = runner.invoke(app, ["code", "-", "-c", str(mini_codebook), "--policy", "model-first"], input="x\n")
    assert result.exit_code == 1 and "needs a model" in result.stderr


def test_acled_models_get_cues_and_character_ngrams(tmp_path: Path, mini_codebook: Path) -> None:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["notes", "event_type"])
        for i in range(4):
            writer.writerow([f"On {i + 1} May 2022, workers marched in town {i}. [size=dozens]", "Protests"])
            writer.writerow([f"On {i + 1} May 2022, rebels clashed with troops in town {i}. 1 fatality.", "Battles"])
    model = tmp_path / "m.npz"
    result = runner.invoke(app, ["train", str(path), "--from", "acled", "-o", str(model), "-c", str(mini_codebook)])
    assert result.exit_code == 0, result.output
    params = Coder(mini_codebook, model=model).model_header["params"]
    assert params["cues"] == "acled" and tuple(params["char_ngrams"]) == (2, 5)
    assert params["nb"] == NB_SMOOTHING  # an event-type model is an NB-SVM
    assert params["mask_names"] is True  # and reads names inside the notes as one placeholder
    assert params["lead_words"] is True  # and the words of a note's first sentence apart


def test_a_penta_model_also_learns_the_codebook_examples(tmp_path: Path, mini_codebook: Path) -> None:
    penta = tmp_path / "penta.tsv"
    lines = [("Russian jets bombed Idlib.", "4"), ("Turkey praised Qatar.", "1"), ("Libya said it would talk.", "0")]
    penta.write_text("".join(f"{text}\t{label}\n" for text, label in lines * 4), encoding="utf-8")
    base = ["train", str(penta), "--format", "pentaclass", "-c", str(mini_codebook)]
    alone = runner.invoke(app, [*base, "--no-examples", "-o", str(tmp_path / "a.npz")])
    assert alone.exit_code == 0, alone.output
    assert "trained penta model on 12 texts" in alone.stderr
    together = runner.invoke(app, [*base, "-o", str(tmp_path / "b.npz")])
    assert together.exit_code == 0, together.output
    count = int(together.stderr.split("trained penta model on ")[1].split()[0])
    assert count > 12
    params = load_model(tmp_path / "b.npz")[1]["params"]
    assert params["nb"] == NB_SMOOTHING and tuple(params["char_ngrams"]) == (2, 5)  # an NB-SVM with char n-grams
    assert params["mask_names"] is False  # names are masked in ACLED models only
    assert params["lead_words"] is False  # and first sentences read apart in them only


def test_acled_models_learn_the_rules_decision(tmp_path: Path, mini_codebook: Path) -> None:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["notes", "sub_event_type"])
        for i in range(4):
            writer.writerow([f"On {i + 1} May 2022, workers marched in town {i}. [size=dozens]", "Peaceful protest"])
            writer.writerow(
                [f"Looting: On {i + 1} May 2022, a shop was looted in town {i}.", "Looting/property destruction"]
            )
        writer.writerow(["On 9 May 2022, a chemical weapon was used in town 9.", "Chemical weapon"])
    model = tmp_path / "m.npz"
    args = ["train", str(path), "--from", "acled", "--label-set", "acled-sub-event-type", "-o", str(model)]
    result = runner.invoke(app, [*args, "-c", str(mini_codebook)])
    assert result.exit_code == 0, result.output
    header = Coder(mini_codebook, model=model).model_header
    assert header["rule_features"] is True
    # a class with one example no longer stops cross-validation
    assert header["metrics"]["cv_folds"] == 4
    # the sub-event model has an event-type head, cross-validated and reported too
    assert header["metrics"]["cv_parent_macro_f1"] > 0 and "from its event-type head" in result.stderr
    fitted, _ = load_model(model)
    # the sub-event types get a plain SVM, their event-type head an NB-SVM
    assert fitted.nb is None and fitted.parent_nb == NB_SMOOTHING
    assert fitted.has_parent_head and set(fitted.parent_classes_) == {
        "Protests",
        "Strategic developments",
        "Explosions/Remote violence",
    }
    assert "rulesublootingpropertydestruction" in fitted.vocabularies_[0]  # lowercased
    result = runner.invoke(app, [*args, "-c", str(mini_codebook), "--no-rule-features"])
    assert result.exit_code == 0 and Coder(mini_codebook, model=model).model_header["rule_features"] is False


def _acled_model(tmp_path: Path) -> Path:
    """Train a small ACLED sub-event model (with rule features, the default) from notes we wrote."""
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["notes", "event_type", "sub_event_type"])
        for i in range(4):
            writer.writerow(
                [f"On {i + 1} May 2022, workers marched in town {i}. [size=dozens]", "Protests", "Peaceful protest"]
            )
            writer.writerow(
                [f"On {i + 1} May 2022, rebels clashed with troops in town {i}. 1 fatality.", "Battles", "Armed clash"]
            )
    model = tmp_path / "acled.npz"
    result = runner.invoke(
        app, ["train", str(path), "--from", "acled", "--label-set", "acled-sub-event-type", "-o", str(model)]
    )
    assert result.exit_code == 0, result.output
    return model


def test_an_acled_model_is_given_the_acled_rule_features_when_scoring_and_sampling(tmp_path: Path) -> None:
    from coder.evaluate import classify_texts
    from coder.pipeline import ACLED_CODEBOOK

    coder = Coder(ACLED_CODEBOOK, model=_acled_model(tmp_path))
    assert coder.model_header["rule_features"]
    seen: list[str] = []
    predict = coder.model.predict_proba

    def spy(texts: list[str]):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return predict(texts)

    coder.model.predict_proba = spy  # type: ignore[method-assign]
    notes = ["On 3 June 2022, farmers marched to the town hall. [size=no report]", "Militants clashed with police."]
    classify_texts(coder, notes, "model-only")
    assert len(seen) == 2 and all("rulesub" in text and "rulelabel" not in text for text in seen)

    corpus = tmp_path / "notes.txt"
    corpus.write_text("On 3 June 2022, farmers marched. Police dispersed them.\n", encoding="utf-8")
    out = tmp_path / "to_label.csv"
    from coder.training import least_certain

    seen.clear()
    from coder.document import read_documents

    assert least_certain(coder, read_documents([str(corpus)]), 5, out) == 1  # one note, not two sentences
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert "marched" in rows[0]["text"] and "dispersed" in rows[0]["text"] and "rulesub" in seen[0]


def test_an_acled_export_trains_a_sub_event_model_when_it_has_sub_event_types(tmp_path: Path) -> None:
    path = tmp_path / "acled.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["notes", "event_type", "sub_event_type"])
        for i in range(4):
            writer.writerow([f"On {i + 1} May 2022, workers marched in town {i}.", "Protests", "Peaceful protest"])
            writer.writerow([f"On {i + 1} May 2022, rebels clashed with troops in {i}.", "Battles", "Armed clash"])
    model = tmp_path / "m.npz"
    result = runner.invoke(app, ["train", str(path), "--from", "acled", "-o", str(model)])
    assert result.exit_code == 0, result.output
    _, header = load_model(model)
    assert header["label_set"] == "acled-sub-event-type"
    # an export without sub-event types trains an event-type model
    only = tmp_path / "types.csv"
    only.write_text(
        "notes,event_type\n"
        + "".join(f"Note {i} about a march.,Protests\nNote {i} about a clash.,Battles\n" for i in range(4))
    )
    result = runner.invoke(app, ["train", str(only), "--from", "acled", "-o", str(model)])
    assert result.exit_code == 0, result.output
    assert load_model(model)[1]["label_set"] == "acled-event-type"
