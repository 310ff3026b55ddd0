"""Benchmark the classifier: batch speed on one core, and cross-validated accuracy.

    python bench/classifier.py speed --model coder/models/cameo-root.npz
    python bench/classifier.py cv ../shared/data/cameo/pentaclass.train.tsv --format pentaclass
    python bench/classifier.py cv ../shared/data/acled/acled-2022.dev.csv --format acled

Speed is the median of five passes over 50,000 generated sentences.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


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


def cross_validate(path: str, fmt: str, folds: int, char_ngrams: bool, C: float) -> None:
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    from coder import training
    from coder.classifier import EventClassifier
    from coder.evaluate import classification_scores

    if fmt == "pentaclass":
        sets = {"pentaclass": training.read_pentaclass(Path(path))}
    else:
        sets = {
            name: training.read_acled(Path(path), f"acled-{name.replace('_', '-')}")
            for name in ("event_type", "sub_event_type")
        }
    for name, data in sets.items():
        model = EventClassifier(char_ngrams=(2, 5) if char_ngrams else None, C=C)
        predicted = cross_val_predict(
            model, data.texts, data.labels, cv=StratifiedKFold(folds, shuffle=True, random_state=0)
        )
        scores = classification_scores(data.labels, list(predicted))
        print(
            f"{name}: {folds}-fold macro-F1 {scores['macro_f1']:.3f}, accuracy {scores['accuracy']:.3f} "
            f"({scores['n']} items; char n-grams {char_ngrams}, C {C})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="what", required=True)
    s = sub.add_parser("speed")
    s.add_argument("--model", default=str(HERE.parent / "coder" / "models" / "cameo-root.npz"))
    c = sub.add_parser("cv")
    c.add_argument("path")
    c.add_argument("--format", choices=["pentaclass", "acled"], required=True)
    c.add_argument("--folds", type=int, default=5)
    c.add_argument("--char-ngrams", action="store_true")
    c.add_argument("--C", type=float, default=10.0)
    args = parser.parse_args()
    if args.what == "speed":
        speed(args.model)
    else:
        cross_validate(args.path, args.format, args.folds, args.char_ngrams, args.C)


if __name__ == "__main__":
    main()
