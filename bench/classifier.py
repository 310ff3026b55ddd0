"""Benchmark the classifier: batch speed on one core, and cross-validated accuracy.

    python bench/classifier.py speed --model coder/models/cameo-root.npz
    python bench/classifier.py cv ../shared/data/acled/acled-2022.dev.csv --format acled
    python bench/classifier.py split ../shared/data/acled/acled-2022.dev.csv --format acled
    python bench/classifier.py cv ../shared/data/acled/acled-2022.dev.csv --format acled --char-ngrams --rule-features
    python bench/classifier.py cv ../shared/data/cameo/pentaclass.train.tsv --format pentaclass
    python bench/classifier.py penta ../shared/data/cameo/pentaclass.train.tsv data/training/cameo-root.tsv

`cv` is stratified k-fold cross-validation; `split` trains on a stratified 80% and tests on
the other 20%, over three seeds. ACLED models use the `acled` cue lexicon unless `--cues
none`; `--char-ngrams` adds character 2-5-grams; `--rule-features` the ACLED rules' decision on
each note (as `coder train` does by default for ACLED); `--nb` the smoothing of the NB-SVMs
that `coder train` fits for event types, penta classes and the event-type head (0 for plain
SVMs). For ACLED, `event_type` is also derived from
the predicted `sub_event_type` (it is a function of it). `penta` trains on the first file and
tests on the second, mapping CAMEO roots to penta classes. Speed is the median of five passes
over 50,000 generated sentences.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from coder.classifier import NB_SMOOTHING  # noqa: E402


def speed(model_path: str) -> None:
    from bench.corpus import sentences
    from coder.classifier import load_model

    model, _ = load_model(Path(model_path))
    texts = list(sentences(50_000, None))
    rates = []
    for _ in range(5):
        started = time.perf_counter()
        model.predict_proba(texts)
        rates.append(len(texts) / (time.perf_counter() - started))
    print(f"classifier {Path(model_path).name}: {statistics.median(rates):,.0f} sentences/s (median of 5)")


def _label_sets(path: str, fmt: str, rule_features: bool) -> dict[str, tuple[list[str], list[str]]]:
    from coder import training

    if fmt == "pentaclass":
        data = training.read_pentaclass(Path(path))
        return {"pentaclass": (data.texts, data.labels)}
    out = {}
    for name in ("event_type", "sub_event_type"):
        data = training.read_acled(Path(path), f"acled-{name.replace('_', '-')}")
        out[name] = (data.texts, data.labels)
    if rule_features:  # the ACLED rules' decision on each note, as `coder train` gives it
        from coder.pipeline import ACLED_CODEBOOK, Coder

        texts = training.with_rule_features(Coder(ACLED_CODEBOOK), out["event_type"][0], "acled-sub-event-type")
        out = {name: (texts, labels) for name, (_, labels) in out.items()}
    return out


def _report(what: str, truth: list[str], predicted: list[str], settings: str) -> None:
    from coder.evaluate import classification_scores

    scores = classification_scores(truth, predicted)
    print(
        f"{what}: macro-F1 {scores['macro_f1']:.3f}, accuracy {scores['accuracy']:.3f} ({scores['n']} items; {settings})"
    )


def _derived(sub_types: list[str]) -> list[str]:
    """Map predicted ACLED sub-event types to their event types."""
    import csv

    table = HERE.parent / "coder" / "taxonomy" / "acled-categories.csv"
    with table.open(encoding="utf-8") as handle:
        parent = {row["sub_event_type"]: row["event_type"] for row in csv.DictReader(handle)}
    return [parent[s] for s in sub_types]


def evaluate(
    path: str,
    fmt: str,
    how: str,
    folds: int,
    options: dict[str, object],
    rule_features: bool,
    extra_train: str | None = None,
) -> None:
    """Score the classifier by cross-validation (`cv`) or train-part/test-rest (`split`).

    `extra_train` names a second file in the same format whose rows join every training part
    and are never tested on (e.g. data/training/acled-notes.csv).
    """
    import numpy as np
    from sklearn.model_selection import StratifiedKFold, train_test_split

    from coder.acled import event_types
    from coder.classifier import EventClassifier

    sets = _label_sets(path, fmt, rule_features)
    extra = _label_sets(extra_train, fmt, rule_features) if extra_train else None
    settings = ", ".join(f"{k} {v}" for k, v in {**options, "rule_features": rule_features}.items())
    if extra_train:
        settings += f", extra_train {extra_train} ({len(next(iter(extra.values()))[1])} rows)"  # type: ignore[union-attr]
    truths: dict[str, list[str]] = {}
    predictions: dict[str, list[str]] = {}
    seeds = (0,) if how == "cv" else (0, 1, 2)
    headed: dict[str, list[str]] = {}  # the sub-event model with its event-type head, as coder train makes it
    for seed in seeds:
        for name, (texts, labels) in sets.items():
            # as coder train: NB-SVMs for the event types and penta classes and the sub-event
            # model's event-type head, a plain SVM for the sub-event types themselves
            nb = options["nb"]
            parents = event_types() if name == "sub_event_type" else None
            model = EventClassifier(
                **{**options, "nb": None if parents else nb},  # type: ignore[arg-type]
                parents=parents,
                parent_nb=nb if parents else None,
            )
            x, y = np.asarray(texts, dtype=object), np.asarray(labels)
            more = extra[name] if extra else ([], [])  # rows that only ever train
            if how == "cv":
                # stratify by the finer label set, so both label sets see the same folds
                strata = np.asarray(sets["sub_event_type"][1]) if "sub_event_type" in sets else y
                predicted = np.empty(len(y), dtype=object)
                within = np.empty(len(y), dtype=object)
                for train, test in StratifiedKFold(folds, shuffle=True, random_state=seed).split(x, strata):
                    _fit(model, x[train], y[train], more)
                    predicted[test] = model.predict(list(x[test]))
                    within[test] = _within(model, list(x[test]))
                truth = list(y)
            else:
                index = np.arange(len(y))
                strata = np.asarray(sets["sub_event_type"][1]) if "sub_event_type" in sets else y
                rare = {label for label, n in zip(*np.unique(strata, return_counts=True), strict=True) if n < 2}
                strata = np.where(np.isin(strata, list(rare)), "rare", strata)
                train, test = train_test_split(index, test_size=0.2, random_state=seed, stratify=strata)
                _fit(model, x[train], y[train], more)
                predicted = model.predict(list(x[test]))
                within = _within(model, list(x[test]))
                truth = list(y[test])
            truths.setdefault(name, []).extend(truth)
            predictions.setdefault(name, []).extend(str(p) for p in predicted)
            headed.setdefault(name, []).extend(str(p) for p in within)
    label = f"{folds}-fold" if how == "cv" else f"80/20 split x{len(seeds)}"
    for name in sets:
        _report(f"{name} {label}", truths[name], predictions[name], settings)
    if "sub_event_type" in sets:
        _report(
            f"event_type from sub_event_type {label}",
            truths["event_type"],
            _derived(predictions["sub_event_type"]),
            settings,
        )
        # what `coder train --from acled` now makes: the event-type head decides the type, the
        # sub-event type is the likeliest one of that type
        _report(
            f"sub_event_type within the event-type head {label}",
            truths["sub_event_type"],
            headed["sub_event_type"],
            settings,
        )
        _report(
            f"event_type from the event-type head {label}",
            truths["event_type"],
            _derived(headed["sub_event_type"]),
            settings,
        )


def _fit(model: object, texts: object, labels: object, more: tuple[list[str], list[str]]) -> None:
    """Fit a model on a training part and the extra training rows `more` (none: the part alone)."""
    import numpy as np

    if not more[0]:
        model.fit(list(texts), labels)  # type: ignore[attr-defined,call-overload]
        return
    model.fit(list(texts) + more[0], np.asarray(list(labels) + more[1]))  # type: ignore[attr-defined,call-overload,operator]


def _within(model: object, texts: list[str]) -> list[str]:
    """Return the labels a model with a parent head gives (its own best labels without one)."""
    from coder.classifier import within_parents

    fine, upper = model.predict_both_proba(texts)  # type: ignore[attr-defined]
    if not upper.shape[1]:
        return [str(c) for c in model.classes_[fine.argmax(axis=1)]]  # type: ignore[attr-defined]
    return [str(c) for c in within_parents(model, fine, upper)[0]]


def penta(train_path: str, test_path: str, char_ngrams: bool, nb: float | None) -> None:
    """Train on a penta-class file; test on a CAMEO-root table mapped to penta classes."""
    from coder import training
    from coder.classifier import EventClassifier
    from coder.labels import NONE, code_label

    train = training.read_pentaclass(Path(train_path))
    test = training.read_table(Path(test_path), "text", "label", "cameo-root")
    pairs = [(t, code_label(c, "penta")) for t, c in zip(test.texts, test.labels, strict=True) if c != NONE]
    model = EventClassifier(char_ngrams=(2, 5) if char_ngrams else None, nb=nb).fit(train.texts, train.labels)
    predicted = [str(p) for p in model.predict([t for t, _ in pairs])]
    settings = f"char n-grams {char_ngrams}, nb {nb}"
    _report(f"penta on {Path(test_path).name}", [p for _, p in pairs], predicted, settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("speed")
    s.add_argument("--model", default=str(HERE.parent / "coder" / "models" / "cameo-root.npz"))
    for how in ("cv", "split"):
        c = sub.add_parser(how)
        c.add_argument("path")
        c.add_argument("--format", choices=["pentaclass", "acled"], required=True)
        c.add_argument("--folds", type=int, default=5)
        c.add_argument("--char-ngrams", action="store_true")
        c.add_argument("--C", type=float, default=1.0)
        c.add_argument("--cues", default=None, help="cue lexicon (default: acled for ACLED data; none for no cues)")
        c.add_argument("--rule-features", action="store_true", help="ACLED: add the rules' decision on each note")
        c.add_argument(
            "--nb",
            type=float,
            default=NB_SMOOTHING,
            help=f"smoothing of the NB-SVMs (default {NB_SMOOTHING}) where coder train fits them: event types, "
            "penta classes, the event-type head; 0 for plain SVMs",
        )
        c.add_argument(
            "--no-mask-names",
            action="store_true",
            help="ACLED: read capitalised words as they are (coder train masks them for ACLED models)",
        )
        c.add_argument(
            "--no-lead-words",
            action="store_true",
            help="ACLED: no features of a note's first sentence apart (coder train adds them for ACLED models)",
        )
        c.add_argument(
            "--extra-train",
            metavar="FILE",
            default=None,
            help="a file in the same format whose rows join every training part and are never tested on "
            "(e.g. data/training/acled-notes.csv; default: none)",
        )
    p = sub.add_parser("penta")
    p.add_argument("train")
    p.add_argument("test")
    p.add_argument("--char-ngrams", action="store_true")
    p.add_argument("--nb", type=float, default=NB_SMOOTHING, help="NB-SVM smoothing (0: a plain SVM)")
    args = parser.parse_args()
    if args.what == "speed":
        speed(args.model)
    elif args.what == "penta":
        penta(args.train, args.test, args.char_ngrams, args.nb or None)
    else:
        cues = args.cues or ("acled" if args.format == "acled" else None)
        options = {
            "char_ngrams": (2, 5) if args.char_ngrams else None,
            "C": args.C,
            "cues": None if cues == "none" else cues,
            "nb": args.nb or None,
            "mask_names": args.format == "acled" and not args.no_mask_names,
            "lead_words": args.format == "acled" and not args.no_lead_words,
        }
        evaluate(
            args.path,
            args.format,
            args.what,
            args.folds,
            options,
            args.rule_features and args.format == "acled",
            args.extra_train,
        )


if __name__ == "__main__":
    main()
