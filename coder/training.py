"""Own labelled data for the classifier: tables, gold files, ACLED exports, codebook
examples and rule-coded corpora -> (texts, labels) in one label set.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from coder.classifier import LABEL_SETS, NB_LABEL_SETS, NB_SMOOTHING
from coder.codebook.model import Codebook
from coder.document import Document
from coder.errors import CoderError
from coder.labels import NONE, code_label

if TYPE_CHECKING:
    from coder.classifier import EventClassifier
    from coder.pipeline import Coder, Summary


@dataclass(slots=True)
class Labelled:
    """Texts with their labels, and where each came from."""

    texts: list[str]
    labels: list[str]
    label_set: str
    skipped: list[str]


def _open_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CoderError(f"{path}: no such file") from None
    except OSError as exc:  # a folder, a file we may not read
        raise CoderError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CoderError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def _has_column(path: Path, column: str) -> bool:
    """Whether a CSV/TSV table's header (or a JSONL table's first row) has `column`."""
    text = _open_text(path)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        try:
            return column in json.loads(first)
        except (json.JSONDecodeError, TypeError):
            return False
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    return column in next(csv.reader([first], delimiter=delimiter), [])


def read_table(path: Path, text_column: str, label_column: str, label_set: str) -> Labelled:
    """Read a CSV, TSV or JSONL table with a text and a label column."""
    out = Labelled([], [], label_set, [])
    text = _open_text(path)
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        rows = []
        for number, line in enumerate(text.splitlines(), 1):
            if line.strip():
                try:
                    rows.append((number, json.loads(line)))
                except json.JSONDecodeError as exc:
                    out.skipped.append(f"{path}:{number}: not valid JSON ({exc.msg})")
    else:
        delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
        reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
        header = next(csv.reader(io.StringIO(text.partition("\n")[0]), delimiter=delimiter), [])
        twice = sorted({name for name in header if header.count(name) > 1} & {text_column, label_column})
        if twice:
            raise CoderError(f"{path}:1: the header names {', '.join(map(repr, twice))} more than once")
        rows = [(reader.line_num, row) for row in reader]
        if reader.fieldnames and (text_column not in reader.fieldnames or label_column not in reader.fieldnames):
            raise CoderError(
                f"{path}: needs columns {text_column!r} and {label_column!r}; it has "
                f"{', '.join(reader.fieldnames)}: use --text-column and --label-column"
            )
    for number, row in rows:
        value, label = row.get(text_column), row.get(label_column)
        if not isinstance(value, str) or not value.strip() or label in (None, ""):
            out.skipped.append(f"{path}:{number}: missing text or label")
            continue
        out.texts.append(value)
        out.labels.append(str(label))
    return out


def read_pentaclass(path: Path) -> Labelled:
    """Read a `sentence<TAB>label` file with penta-class labels 0-4 (no header)."""
    out = Labelled([], [], "penta", [])
    for number, line in enumerate(_open_text(path).splitlines(), 1):
        if not line.strip():
            continue
        sentence, _, label = line.rpartition("\t")
        if not sentence or label.strip() not in ("0", "1", "2", "3", "4"):
            if number == 1 and not label.strip().isdigit():
                continue  # a header line
            out.skipped.append(f"{path}:{number}: expected sentence<TAB>label with a label 0-4")
            continue
        out.texts.append(sentence)
        out.labels.append(label.strip())
    return out


def read_gold(path: Path, label_set: str) -> Labelled:
    """Read gold JSONL records: the first event's code gives the label, no events `none`."""
    from coder.evaluate import read_gold as read_records

    out = Labelled([], [], label_set, [])
    for record in read_records(path):
        code = record.events[0][2] if record.events else NONE
        out.texts.append(record.text)
        out.labels.append(code_label(code, label_set))
    return out


def read_acled(path: Path, label_set: str) -> Labelled:
    """Read an ACLED export: `notes` as text, `event_type` or `sub_event_type` as label."""
    column = "sub_event_type" if label_set == "acled-sub-event-type" else "event_type"
    return read_table(path, "notes", column, label_set if label_set.startswith("acled") else "acled-event-type")


def read_examples(book: Codebook, label_set: str) -> Labelled:
    """Use a codebook's example sentences: the expected code, or `none` when none expected."""
    out = Labelled([], [], label_set, [])
    for example in book.examples:
        code = example.expect[0].code if example.expect else NONE
        out.texts.append(example.text)
        out.labels.append(code_label(code, label_set))
    return out


def check_label_set(label_set: str) -> None:
    if label_set not in LABEL_SETS:
        raise CoderError(f"unknown label set {label_set!r}; use one of {', '.join(LABEL_SETS)}")


def read_rule_coded(coder: Coder, documents: Iterable[object], label_set: str, min_confidence: float = 0.7) -> Labelled:
    """Label a corpus by the rules: confident rule matches become labels, unmatched sentences `none`.

    Unmatched sentences are kept at most as many as the labelled ones, evenly spread, so
    that `none` does not swamp the classes.
    """
    out = Labelled([], [], label_set, [])
    unmatched: list[str] = []
    for document in documents:
        if not isinstance(document, Document):
            out.skipped.append(f"{document.origin}: {document.reason}")  # type: ignore[attr-defined]
            continue
        for sentence in coder.sentences(document):
            events = coder.trace_sentence(sentence, document.date).events
            sure = [e for e in events if e.confidence >= min_confidence]
            if sure:
                out.texts.append(sentence)
                out.labels.append(code_label(max(sure, key=lambda e: e.confidence).event_code, label_set))
            elif not events:
                unmatched.append(sentence)
    if unmatched and out.texts:
        step = max(1, len(unmatched) // len(out.texts))
        for sentence in unmatched[::step][: len(out.texts)]:
            out.texts.append(sentence)
            out.labels.append(NONE)
    return out


def acled_rule_features(coder: Coder, texts: list[str]) -> list[str]:
    """Return the tokens that describe the ACLED rules' decision on each note (`coder.acled.rule_features`)."""
    from coder.acled import rule_features
    from coder.document import Document

    coder = coder.with_require("none")  # as when ACLED rows are coded
    out = []
    for number, text in enumerate(texts):
        paragraphs = tuple(p for p in text.split("\n\n") if p.strip()) or (text,)
        events, _ = coder.code_document(Document(f"t{number}", None, "", paragraphs, "training"))
        out.append(rule_features(events, text, coder.taxonomy))
    return out


def with_rule_features(coder: Coder, texts: list[str], label_set: str) -> list[str]:
    """Append the rules' decision on each text as tokens, as the coder does when it predicts.

    An ACLED note gets what the ACLED rules make of the whole note (see
    `acled_rule_features`); other texts the codes of their sentences' rule events.
    """
    if label_set.startswith("acled"):
        return [f"{text} {tokens}" for text, tokens in zip(texts, acled_rule_features(coder, texts), strict=True)]
    from coder.evaluate import rule_labels

    return [
        t + " " + " ".join(sorted({f"rulelabel{x}" for x in r}))
        for t, r in zip(texts, rule_labels(coder, texts, label_set), strict=True)
    ]


def cv_predictions(
    model: EventClassifier, texts: list[str], labels: list[str], splits: list[tuple[np.ndarray, np.ndarray]]
) -> tuple[list[str], list[str]]:
    """Return each text's label from the fold that held it out, as the coder would decide it
    (within the parent its head is surest of, for a model with one), and that parent ([] for a
    model without a parent head)."""
    from sklearn.base import clone

    from coder.classifier import within_parents

    x, y = np.asarray(texts, dtype=object), np.asarray(labels)
    decided = np.empty(len(texts), dtype=object)
    parents = np.empty(len(texts), dtype=object)
    for train, test in splits:
        fitted = clone(model).fit(list(x[train]), y[train])
        fine, upper = fitted.predict_both_proba(list(x[test]))
        if upper.shape[1]:
            decided[test] = within_parents(fitted, fine, upper)[0]
            parents[test] = fitted.parent_classes_[upper.argmax(axis=1)]
        else:
            decided[test] = fitted.classes_[fine.argmax(axis=1)]
    return [str(d) for d in decided], ([str(p) for p in parents] if model.parents else [])


def train_model(
    coder: Coder,
    data: list[Path],
    output: Path,
    *,
    source: str | None,
    label_set: str,
    text_column: str = "text",
    label_column: str = "label",
    rules_corpus: list[str] = (),  # type: ignore[assignment]
    examples: bool = False,
    rule_features: bool | None = None,
    char_ngrams: bool | None = None,
    C: float = 1.0,
    cues: str | None = None,
    estimator: str = "svm",
) -> list[str]:
    """Read labelled data, fit the classifier, save it with metadata; return report lines.

    ACLED label sets use the `acled` cue lexicon unless `cues` names another, character
    n-grams unless `char_ngrams` is False and the rules' decision unless `rule_features` is
    False: their long notes gain from all three (bench/README.md). Their models also read
    capitalised words inside the text as one placeholder (`mask_names`) and the words of the
    note's first sentence once more as features of their own (`lead_words`).
    """
    from coder.acled import event_types
    from coder.classifier import EventClassifier, data_hash, save_model, stratified_folds
    from coder.document import read_documents
    from coder.evaluate import classification_scores

    if source == "pentaclass":
        label_set = "penta"
    if source == "acled" and not label_set.startswith("acled"):
        # one model for both where the export has sub-event types: a sub-event type fixes the event type
        label_set = (
            "acled-sub-event-type" if all(_has_column(p, "sub_event_type") for p in data) else "acled-event-type"
        )
    check_label_set(label_set)
    parts: list[Labelled] = []
    for path in data:
        kind = source or ("gold" if path.suffix.lower() in (".jsonl", ".ndjson") else "table")
        if kind == "pentaclass":
            parts.append(read_pentaclass(path))
        elif kind == "gold":
            parts.append(read_gold(path, label_set))
        elif kind == "acled":
            parts.append(read_acled(path, label_set))
        elif kind == "examples":
            parts.append(read_examples(coder.codebook, label_set))
        else:
            parts.append(read_table(path, text_column, label_column, label_set))
    if examples or (source == "examples" and not data):
        parts.append(read_examples(coder.codebook, label_set))
    if rules_corpus:
        parts.append(read_rule_coded(coder, read_documents(rules_corpus), label_set))
    texts = [t for part in parts for t in part.texts]
    labels = [label for part in parts for label in part.labels]
    skipped = [s for part in parts for s in part.skipped]
    if len(set(labels)) < 2:
        raise CoderError(
            f"training needs at least two different labels; got {len(texts)} texts with "
            f"{sorted(set(labels)) or 'no'} labels"
        )
    if label_set.startswith("acled"):
        cues = cues or "acled"
        char_ngrams = char_ngrams is not False
        rule_features = rule_features is not False
    if label_set == "penta":
        # character n-grams carry penta classes to sentences unlike the training ones (bench/README.md)
        char_ngrams = char_ngrams is not False
    rule_features = bool(rule_features)
    inputs = with_rule_features(coder, texts, label_set) if rule_features else texts
    # a sub-event model also learns the event types, which it then decides first (bench/README.md)
    parents = event_types() if label_set == "acled-sub-event-type" else None
    model = EventClassifier(
        char_ngrams=(2, 5) if char_ngrams else None,
        C=C,
        cues=cues,
        estimator=estimator,
        parents=parents,
        parent_nb=NB_SMOOTHING if parents else None,
        nb=NB_SMOOTHING if label_set in NB_LABEL_SETS else None,
        # ACLED notes name many places and people: models learn the event words, not the names
        mask_names=label_set.startswith("acled"),
        # and the first sentence of a note, which usually states its event, apart from the rest
        lead_words=label_set.startswith("acled"),
    )
    counts = Counter(labels)
    splits = stratified_folds(labels, 5)
    metrics: dict[str, object] = {}
    if splits:
        decided, upper = cv_predictions(model, inputs, labels, splits)
        scores = classification_scores(labels, decided)
        metrics = {"cv_folds": len(splits), "cv_accuracy": scores["accuracy"], "cv_macro_f1": scores["macro_f1"]}
        if upper and parents:
            head = classification_scores([parents.get(label, label) for label in labels], upper)
            metrics |= {"cv_parent_accuracy": head["accuracy"], "cv_parent_macro_f1": head["macro_f1"]}
    model.fit(inputs, labels)
    save_model(
        model,
        output,
        {
            "label_set": label_set,
            "rule_features": rule_features,
            "labels": sorted(counts),
            "training": {
                "items": len(texts),
                "data_hash": data_hash(texts, labels),
                "sources": [str(p) for p in data],
                "examples": examples,
                "rules_corpus": list(rules_corpus),
                "label_counts": dict(counts),
            },
            "metrics": metrics,
        },
    )
    lines = [f"skipped {s}" for s in skipped]
    cv = (
        (
            f"; {metrics['cv_folds']}-fold cross-validation: accuracy {metrics['cv_accuracy']:.3f}, "
            f"macro-F1 {metrics['cv_macro_f1']:.3f}"
        )
        if metrics
        else ""
    )
    if "cv_parent_macro_f1" in metrics:
        cv += (
            f" (event types, from its event-type head: accuracy {metrics['cv_parent_accuracy']:.3f}, "
            f"macro-F1 {metrics['cv_parent_macro_f1']:.3f})"
        )
    lines.append(
        f"trained {label_set} model on {len(texts)} texts, {len(counts)} labels{cv}; wrote {output} "
        f"({output.stat().st_size / 1e6:.1f} MB)"
    )
    return lines


def least_certain(
    coder: Coder, documents: Iterable[object], n: int, output: Path, summary: Summary | None = None
) -> int:
    """Write the n sentences the model is least sure of to a CSV with an empty label column.

    A model of ACLED types judges whole notes, so for it whole documents are the candidates.
    A model trained with rule features is given them, as when it codes. Documents that cannot
    be read are counted in `summary` with their reasons.
    """
    import csv as csv_module

    from coder.pipeline import Summary

    if coder.model is None:
        raise CoderError("sampling needs a model: give --model")
    summary = summary if summary is not None else Summary()
    documents = [doc for doc in documents if summary.admit(doc)]  # type: ignore[arg-type]
    if coder.label_set.startswith("acled"):
        sentences = [(doc.id, "\n".join(doc.paragraphs)) for doc in documents]
    else:
        sentences = [(doc.id, s) for doc in documents for s in coder.sentences(doc)]
    if not sentences:
        raise CoderError("no sentences to sample from")
    texts = [s for _, s in sentences]
    if coder.model_header.get("rule_features"):
        texts = with_rule_features(coder, texts, coder.label_set)
    probabilities = coder.model.predict_proba(texts)
    ordered = sorted(range(len(sentences)), key=lambda i: float(probabilities[i].max()))[:n]
    classes = coder.model.classes_
    with output.open("w", encoding="utf-8", newline="") as handle:
        writer = csv_module.writer(handle)
        writer.writerow(["text", "label", "model_label", "model_probability", "doc_id"])
        for i in ordered:
            best = int(probabilities[i].argmax())
            writer.writerow(
                [sentences[i][1], "", classes[best], round(float(probabilities[i][best]), 3), sentences[i][0]]
            )
    return len(ordered)
