"""Own scoring against gold files: (source, target, code) triples per record as multisets.

Scoring follows the reference coders' convention (see the gold README): duplicate triples
within a record are removed, then predicted and expected triples are matched as multisets;
precision = matched / predicted, recall = matched / expected; a record is exact when its
predicted set equals its expected set. Lenient figures compare only the code's root and the
source and target countries.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from coder.dates import parse_date
from coder.document import parse_article
from coder.errors import CoderError
from coder.labels import NONE, code_label
from coder.options import IGNORED_NAMES, petrarch_options
from coder.pipeline import Coder

Triple = tuple[str, str, str]


@dataclass(frozen=True, slots=True)
class GoldRecord:
    """One gold record: text, story date, category, expected triples, options."""

    id: str
    text: str
    date: str
    category: str
    events: tuple[Triple, ...]
    options: dict[str, Any]
    origin: str
    option_origins: dict[str, str] = field(default_factory=dict)  # where each option was set, if not `origin`


@dataclass(slots=True)
class Tally:
    matched: int = 0
    predicted: int = 0
    expected: int = 0
    records: int = 0
    exact: int = 0

    def add(self, predicted: Counter[Triple], expected: Counter[Triple]) -> None:
        self.matched += sum((predicted & expected).values())
        self.predicted += sum(predicted.values())
        self.expected += sum(expected.values())
        self.records += 1
        self.exact += predicted == expected

    def figures(self) -> dict[str, float | int]:
        precision = self.matched / self.predicted if self.predicted else 0.0
        recall = self.matched / self.expected if self.expected else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "records": self.records,
            "records_exact": round(self.exact / self.records, 4) if self.records else 0.0,
            "matched": self.matched,
            "predicted": self.predicted,
            "expected": self.expected,
        }


@dataclass(slots=True)
class Report:
    overall: Tally = field(default_factory=Tally)
    lenient: Tally = field(default_factory=Tally)
    per_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    misses: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # options ignored, each said once

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.overall.figures())
        out["per_category"] = {k: v.figures() for k, v in sorted(self.per_category.items())}
        lenient = self.lenient.figures()
        out["lenient"] = {k: lenient[k] for k in ("precision", "recall", "f1")}
        return out


def read_gold(path: Path) -> list[GoldRecord]:
    """Read a gold JSON Lines file, or PETRARCH's validation XML (`.xml`); a malformed line is
    an error naming file and line."""
    if path.suffix.lower() == ".xml":
        return read_petrarch_xml(path)
    records = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CoderError(f"{path}: cannot read: {exc.strerror}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            events = tuple((e.get("source", ""), e.get("target", ""), str(e["code"])) for e in raw.get("events", []))
            records.append(
                GoldRecord(
                    str(raw["id"]),
                    raw["text"],
                    str(raw.get("date", "")),
                    raw.get("category", ""),
                    events,
                    raw.get("options") or {},
                    f"{path}:{number}",
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
            raise CoderError(f"{path}:{number}: not a gold record ({exc}); see the gold format in the README") from None
    return records


def read_petrarch_xml(path: Path) -> list[GoldRecord]:
    """Read PETRARCH's validation XML (`<Validation>`: `<Environment>`, `<Sentences>`).

    `<Config option= value=>` records set options for the sentences after them, in document
    order, as PETRARCH applies them (see `score` for the options honoured). The environment's
    `<Include>` keeps the sentences whose category starts with one of its words and, with
    `valid`, only those marked `valid="true"`; `<Exclude>` drops categories. Each sentence
    gives its `<Text>` (whitespace joined) and its `<EventCoding>`s: `sourcecode`,
    `targetcode`, `eventcode`, or `noevents`/`error` for none. The `<Parse>` is not used.
    """
    import xml.etree.ElementTree as ET

    try:
        raw = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CoderError(f"{path}: cannot read: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise CoderError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    try:
        root = ET.fromstring(raw)
    except ET.ParseError as exc:
        # PETRARCH reads its files line by line and passes a bare "&" or "<" in a text; so do we
        try:
            root = ET.fromstring(_escape_bare(raw))
        except ET.ParseError:
            line, column = exc.position
            raise CoderError(f"{path}:{line}:{column + 1}: not well-formed XML ({exc.msg})") from None
    lines = [raw.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<Sentence\b", raw)]
    config_lines = [raw.count("\n", 0, m.start()) + 1 for m in re.finditer(r"<Config\b", raw)]

    def words(tag: str) -> list[str]:
        found = root.find(f"Environment/{tag}")
        return (found.text or "").split() if found is not None else []

    include, exclude = words("Include"), words("Exclude")
    valid_only = "valid" in include
    categories = tuple(w for w in include if w != "valid")
    options: dict[str, Any] = {}
    origins: dict[str, str] = {}
    records = []
    sentence = config = 0
    for element in root.iter():
        if element.tag == "Config":
            config += 1
            name = element.get("option")
            if name:
                options = {**options, name: element.get("value", "")}
                where = config_lines[config - 1] if config <= len(config_lines) else "?"
                origins = {**origins, name: f"{path}:{where}"}
            continue
        if element.tag != "Sentence":
            continue
        origin = f"{path}:{lines[sentence] if sentence < len(lines) else '?'}"
        sentence += 1
        category = element.get("category", "")
        if valid_only and element.get("valid", "true").strip().lower() != "true":
            continue
        if (categories and not category.startswith(categories)) or (exclude and category.startswith(tuple(exclude))):
            continue
        text = element.find("Text")
        if element.get("id") is None or text is None or not (text.text or "").strip():
            raise CoderError(f"{origin}: a <Sentence> needs an id and a <Text>")
        events = tuple(
            (_attr(coding, "sourcecode"), _attr(coding, "targetcode"), _attr(coding, "eventcode"))
            for coding in element.iter("EventCoding")
            if coding.get("eventcode") is not None
        )
        records.append(
            GoldRecord(
                str(element.get("id")),
                " ".join((text.text or "").split()),
                element.get("date", "").strip(),
                category,
                events,
                options,
                origin,
                origins,
            )
        )
    return records


def _escape_bare(raw: str) -> str:
    """Escape a bare `&` (not an entity) anywhere, and `<` inside `<Text>`, as PETRARCH would read them."""
    raw = re.sub(r"&(?!#?\w+;)", "&amp;", raw)

    def text(match: re.Match[str]) -> str:
        return match.group(1) + match.group(2).replace("<", "&lt;") + match.group(3)

    return re.sub(r"(<Text>)(.*?)(</Text>)", text, raw, flags=re.S)


def _attr(element: Any, name: str) -> str:
    return str(element.get(name, "")).strip()


def lenient_triple(triple: Triple, country_of: Any) -> Triple:
    source, target, code = triple
    return (country_of(source) or source[:3], country_of(target) or target[:3], code[:2])


def _clean(code: str) -> str:
    """Normalise a gold code: strip quotes; PETRARCH's `---` (no actor) is our empty code."""
    code = code.strip().strip('"')
    return "" if code == "---" else code


def _require(options: dict[str, Any], default: str = "source") -> str:
    """Read PETRARCH's `require_dyad` option (a boolean or a string such as "FALSE"): true
    needs both actors, false a source (PETRARCH writes the missing target as `---`); a
    record without the option keeps the coder's own requirement."""
    value = options.get("require_dyad")
    if value is None:
        return default
    if isinstance(value, str):
        value = value.strip().lower() not in ("false", "0", "no", "off")
    return "both" if value else "source"


def _record_coder(coder: Coder, record: GoldRecord, said: set[str], notes: list[str]) -> Coder:
    """Return the coder with a record's options applied; note each option ignored once."""
    if not record.options:
        return coder
    options, unknown, bad = petrarch_options(coder.options, record.options)
    for name in record.options:
        key = name.strip().lower()
        if key in IGNORED_NAMES and key not in said:
            said.add(key)
            where = record.option_origins.get(name, record.origin)
            notes.append(f"{where}: option {name!r} is read and ignored: the coder never stops on a record")
    for name, problem in [(n, f"unknown option {n!r} ignored") for n in unknown] + [
        (b.split("=", 1)[0], f"option {b!r} ignored: not a whole number of 0 or more") for b in bad
    ]:
        if problem not in said:
            said.add(problem)
            notes.append(f"{record.option_origins.get(name, record.origin)}: {problem}")
    return coder.with_options(options).with_require(_require(record.options, coder.require))


def score(coder: Coder, records: Iterable[GoldRecord]) -> Report:
    """Code every record and score it against its expected triples.

    A record's options change the coder for it: `require_dyad` (the actors an event needs),
    the comma options (`comma_min`, `comma_max`, `comma_bmin`, `comma_bmax`, `comma_emin`,
    `comma_emax`) and `new_actor_length`, applied over the codebook's own settings;
    `stop_on_error` is read and ignored, and other names are reported once in `notes`.
    """
    report = Report()
    country_of = coder.actors.country_of
    said: set[str] = set()
    for record in records:
        day = parse_date(record.date)
        events = _record_coder(coder, record, said, report.notes).code_text(record.text, day, record.id)
        predicted = Counter(set((e.source_code, e.target_code, e.event_code) for e in events))
        expected = Counter(set((_clean(s), _clean(t), c) for s, t, c in record.events))
        report.overall.add(predicted, expected)
        report.per_category[record.category].add(predicted, expected)
        report.lenient.add(
            Counter({lenient_triple(t, country_of) for t in predicted}),
            Counter({lenient_triple(t, country_of) for t in expected}),
        )
        if predicted != expected:
            report.misses.append(
                {"id": record.id, "text": record.text, "expected": sorted(expected), "predicted": sorted(predicted)}
            )
    return report


def format_report(report: Report) -> str:
    """Render a report as a table for people."""
    lines = [f"{'category':<16} {'records':>7} {'exact':>6} {'prec':>6} {'recall':>6} {'f1':>6}"]

    def row(name: str, tally: Tally) -> str:
        f = tally.figures()
        return (
            f"{name:<16} {f['records']:>7} {f['records_exact']:>6.3f} {f['precision']:>6.3f} "
            f"{f['recall']:>6.3f} {f['f1']:>6.3f}"
        )

    for name, tally in sorted(report.per_category.items()):
        lines.append(row(name, tally))
    lines.append(row("ALL", report.overall))
    lines.append(row("ALL (lenient)", report.lenient))
    return "\n".join(lines)


# -- classification ------------------------------------------------------------------------


def classification_scores(truth: list[str], predicted: list[str]) -> dict[str, Any]:
    """Accuracy, macro-F1, per-class precision/recall/F1 and the confusion matrix."""
    from sklearn.metrics import accuracy_score, confusion_matrix, f1_score, precision_recall_fscore_support

    labels = sorted(set(truth) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(truth, predicted, labels=labels, zero_division=0)
    present = sorted(set(truth))
    return {
        "accuracy": round(float(accuracy_score(truth, predicted)), 4),
        "macro_f1": round(float(f1_score(truth, predicted, labels=present, average="macro", zero_division=0)), 4),
        "n": len(truth),
        "per_class": {
            label: {
                "precision": round(float(p), 4),
                "recall": round(float(r), 4),
                "f1": round(float(f), 4),
                "support": int(s),
            }
            for label, p, r, f, s in zip(labels, precision, recall, f1, support, strict=True)
        },
        "labels": labels,
        "confusion": confusion_matrix(truth, predicted, labels=labels).tolist(),
    }


def format_classification(name: str, scores: dict[str, Any]) -> str:
    """Render classification scores as text: summary, per-class table, confusion matrix."""
    lines = [
        f"{name}: accuracy {scores['accuracy']:.4f}, macro-F1 {scores['macro_f1']:.4f} ({scores['n']} items)",
        f"{'class':<40} {'prec':>6} {'recall':>6} {'f1':>6} {'n':>6}",
    ]
    for label, row in scores["per_class"].items():
        lines.append(
            f"{label[:40]:<40} {row['precision']:>6.3f} {row['recall']:>6.3f} {row['f1']:>6.3f} {row['support']:>6}"
        )
    labels = scores["labels"]
    short = [label[:6] for label in labels]
    lines.append("confusion (rows: truth, columns: predicted)")
    lines.append(" " * 8 + " ".join(f"{s:>6}" for s in short))
    for s, row in zip(short, scores["confusion"], strict=True):
        lines.append(f"{s:>7} " + " ".join(f"{v:>6}" for v in row))
    return "\n".join(lines)


def plot_confusion(scores: dict[str, Any], path: Path, title: str) -> None:
    """Save the confusion matrix as a PNG (needs matplotlib: pip install 'coder[plot]')."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise CoderError("--plot needs matplotlib: pip install 'coder[plot]'") from None
    labels = scores["labels"]
    size = max(4.0, 0.45 * len(labels) + 2)
    fig, ax = plt.subplots(figsize=(size, size))
    ax.imshow(scores["confusion"], cmap="Blues")
    ax.set_xticks(range(len(labels)), labels, rotation=90, fontsize=7)
    ax.set_yticks(range(len(labels)), labels, fontsize=7)
    ax.set_xlabel("predicted")
    ax.set_ylabel("truth")
    ax.set_title(title)
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def rule_labels(coder: Coder, texts: list[str], label_set: str) -> list[list[str]]:
    """Code each text with the rules; return the labels of its rule events, surest first."""
    out = []
    for text in texts:
        document = parse_article(text, "t", "t", None)
        traces = [coder.trace_sentence(s, None) for s in coder.sentences(document)]
        events = sorted((e for t in traces for e in t.events), key=lambda e: -e.confidence)
        out.append([code_label(e.event_code, label_set) for e in events])
    return out


def classify_texts(coder: Coder, texts: list[str], policy: str | None = None) -> list[str]:
    """Label texts as the coder would: model and rules combined by the policy."""
    policy = policy or coder.policy
    label_set = coder.label_set
    rules = (
        rule_labels(coder, texts, label_set)
        if policy != "model-only" or coder.model_header.get("rule_features")
        else [[] for _ in texts]
    )
    if coder.model is None or policy == "rules-only":
        return [r[0] if r else NONE for r in rules]
    if not coder.model_header.get("rule_features"):
        inputs = texts
    elif label_set.startswith("acled"):  # an ACLED model reads the rules' decision on the whole note
        from coder.training import acled_rule_features

        inputs = [f"{t} {f}" for t, f in zip(texts, acled_rule_features(coder, texts), strict=True)]
    else:
        inputs = [t + " " + " ".join(sorted({f"rulelabel{x}" for x in r})) for t, r in zip(texts, rules, strict=True)]
    probabilities = coder.model.predict_proba(inputs)
    classes = coder.model.classes_
    out = []
    for row, rule in zip(probabilities, rules, strict=True):
        best = int(row.argmax())
        label, p = str(classes[best]), float(row[best])
        if policy == "rules-first" and rule:
            out.append(rule[0])
        elif policy == "model-first" and p < coder.threshold and rule:
            out.append(rule[0])
        else:
            out.append(label)
    return out


# -- ACLED exports ---------------------------------------------------------------------------

ACLED_FIELDS = ("inter1", "inter2", "interaction", "event_date", "fatalities", "country", "admin1", "location")


def score_acled(coder: Coder, path: Path, misses: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Code each `notes` text of an ACLED export (dated by `timestamp`) and compare field by
    field; each row with a field coded wrongly is added to `misses` when given."""
    import pandas as pd

    from coder.acled import acled_rows, country_names, document_type
    from coder.document import Document

    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    except (OSError, ValueError) as exc:
        raise CoderError(f"{path}: cannot read the ACLED export ({exc})") from None
    missing = {"notes", "timestamp", "event_type", "sub_event_type", *ACLED_FIELDS} - set(frame.columns)
    if missing:
        raise CoderError(f"{path}: not an ACLED export; missing columns {', '.join(sorted(missing))}")
    names = country_names(coder.actors)
    coder = coder.with_require("none")  # an ACLED event may have no named actor in its text
    truth: dict[str, list[str]] = {k: [] for k in ("event_type", "sub_event_type", *ACLED_FIELDS)}
    got: dict[str, list[str]] = {k: [] for k in truth}
    found = 0
    for number, row in enumerate(frame.itertuples(index=False), 2):
        notes = str(row.notes)
        try:
            story = datetime.fromtimestamp(int(float(row.timestamp)), tz=timezone.utc).date()
        except (TypeError, ValueError, OverflowError):
            story = None
        paragraphs = tuple(p for p in notes.split("\n\n") if p.strip())
        events, _ = coder.code_document(Document(f"row{number}", story, "", paragraphs, f"{path}:{number}"))
        rows = acled_rows(
            events, coder.actors, notes, str(row.timestamp), names, document_type(coder, notes, events), coder.taxonomy
        )
        best = rows[0] if rows else {}
        found += bool(rows)
        wrong: dict[str, dict[str, str]] = {}
        for key in truth:
            expected = str(getattr(row, key))
            value = best.get(key, "")
            if key == "fatalities":
                expected = str(int(float(expected or 0)))
            truth[key].append(expected)
            got[key].append(str(value) if value != "" else ("0" if key in ("inter2", "fatalities") and best else ""))
            if got[key][-1] != expected:
                wrong[key] = {"expected": expected, "got": got[key][-1]}
        if misses is not None and wrong:
            misses.append({"line": number, "notes": notes, "rows": len(rows), "wrong": wrong})
    out: dict[str, Any] = {}
    for key in ("event_type", "sub_event_type"):
        scores = classification_scores(truth[key], [g or NONE for g in got[key]])
        out[key] = {"macro_f1": scores["macro_f1"], "accuracy": scores["accuracy"]}
    for key in ACLED_FIELDS:
        pairs = list(zip(truth[key], got[key], strict=True))
        out[key] = {"accuracy": round(sum(a == b for a, b in pairs) / len(pairs), 4) if pairs else 0.0}
    out["events_found"] = round(found / len(frame), 4) if len(frame) else 0.0
    out["events"] = len(frame)
    return out


# -- who is source, who is target: BIO-tagged actor spans -------------------------------------

ROLES = ("S", "T", "R")  # source, target, reciprocal (either role)
_FILLER = frozenset({"the", "a", "an", "of", "and", "s", "its", "their", "his", "her"})


@dataclass(frozen=True, slots=True)
class SpanRecord:
    """One sentence of a BIO file: its text and its gold actor spans by role."""

    text: str
    spans: dict[str, tuple[str, ...]]
    origin: str

    def has_dyad(self) -> bool:
        return bool(self.spans["S"] or self.spans["R"]) and bool(self.spans["T"] or self.spans["R"])


def read_spans(path: Path) -> list[SpanRecord]:
    """Read a BIO file: one `token TAG` a line (TAG `O`, `B-S`/`I-S` source, `B-T`/`I-T` target,
    `B-R`/`I-R` reciprocal), a blank line after each sentence; a bad line is an error naming
    file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise CoderError(f"{path}: cannot read: {exc.strerror}") from None
    records: list[SpanRecord] = []
    tokens: list[str] = []
    spans: dict[str, list[list[str]]] = {r: [] for r in ROLES}
    start, previous = 1, "O"
    for number, line in enumerate([*lines, ""], 1):
        if not line.strip():
            if tokens:
                records.append(
                    SpanRecord(
                        detokenize(tokens),
                        {r: tuple(detokenize(s) for s in spans[r]) for r in ROLES},
                        f"{path}:{start}",
                    )
                )
            tokens, spans, start, previous = [], {r: [] for r in ROLES}, number + 1, "O"
            continue
        token, _, tag = line.rstrip().rpartition(" ")
        role = tag[2:]
        if not token.strip() or not (tag == "O" or (tag[:2] in ("B-", "I-") and role in ROLES)):
            raise CoderError(f"{path}:{number}: expected 'token TAG' with TAG O, B-S, I-S, B-T, I-T, B-R or I-R")
        tokens.append(token.strip())
        if tag.startswith("I-") and previous[2:] == role:
            spans[role][-1].append(token)
        elif tag != "O":  # B-, or an I- that starts a span (as CoNLL readers take it)
            spans[role].append([token])
        previous = tag
    return records


_SPAN_LINE = re.compile(r"\S+ (?:O|[BI]-[STR])")


def looks_like_spans(path: Path) -> bool:
    """Say whether a file's first lines are `token TAG` lines of a BIO span file."""
    try:
        with path.open(encoding="utf-8") as handle:
            lines = [line.rstrip("\n") for _, line in zip(range(20), handle, strict=False)]
    except (OSError, UnicodeDecodeError):
        return False  # reading it as a table says what is wrong
    lines = [line for line in lines if line.strip()]
    return bool(lines) and all(_SPAN_LINE.fullmatch(line.rstrip()) for line in lines)


def detokenize(tokens: list[str]) -> str:
    """Join tokens into running text: no space before closing punctuation and clitics."""
    text = " ".join(tokens)
    text = re.sub(r" (?=[,.;:!?%)\]]|'s\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b)", "", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return text.replace("`` ", '"').replace(" ''", '"')


def _content_words(text: str) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[^\W_]+", text.lower()) if w not in _FILLER)


def score_spans(coder: Coder, records: list[SpanRecord], misses: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """Code each sentence that has a gold source and target, and say how often the coder finds
    an event and puts the right actors in its roles.

    A row's source is right when its source text shares a content word with a gold source span
    (or a reciprocal one), its target likewise; of a sentence's rows the one with the most roles
    right counts. `dyads_found` is the share of sentences with a row whose roles are both right.
    """
    counts: Counter[str] = Counter()
    for record in records:
        if not record.has_dyad():
            counts["no_dyad"] += 1
            continue
        counts["sentences"] += 1
        events = coder.code_text(record.text, None, record.origin)
        if not events:
            if misses is not None:
                misses.append({"origin": record.origin, "text": record.text, "problem": "not coded"})
            continue
        counts["coded"] += 1
        gold = {r: [_content_words(s) for s in record.spans[r]] for r in ROLES}
        sources, targets = gold["S"] + gold["R"], gold["T"] + gold["R"]
        best = max(
            (
                (any(words & g for g in sources), any(words_t & g for g in targets), e)
                for e in events
                for words, words_t in [(_content_words(e.source_text), _content_words(e.target_text))]
            ),
            key=lambda x: (x[0] and x[1], x[0] + x[1]),
        )
        source_ok, target_ok, event = best
        swapped = any(_content_words(event.source_text) & g for g in gold["T"]) and any(
            _content_words(event.target_text) & g for g in gold["S"]
        )
        counts["source_right"] += source_ok
        counts["target_right"] += target_ok
        counts["both_right"] += source_ok and target_ok
        counts["target_empty"] += not event.target_text
        counts["swapped"] += swapped and not (source_ok and target_ok)
        if misses is not None and not (source_ok and target_ok):
            misses.append(
                {
                    "origin": record.origin,
                    "text": record.text,
                    "problem": "swapped" if swapped else ("target empty" if not event.target_text else "wrong actor"),
                    "row": [
                        event.source_text,
                        event.source_code,
                        event.event_code,
                        event.target_text,
                        event.target_code,
                    ],
                    "gold": {r: list(record.spans[r]) for r in ROLES if record.spans[r]},
                }
            )
    coded = counts["coded"]
    out: dict[str, Any] = {
        "sentences": counts["sentences"],
        "without_dyad": counts["no_dyad"],
        "coded": round(coded / counts["sentences"], 4) if counts["sentences"] else 0.0,
        "dyads_found": round(counts["both_right"] / counts["sentences"], 4) if counts["sentences"] else 0.0,
    }
    for key in ("source_right", "target_right", "both_right", "target_empty", "swapped"):
        out[key] = round(counts[key] / coded, 4) if coded else 0.0
    return out


def format_spans(figures: dict[str, Any]) -> str:
    """Render `score_spans` figures for people."""
    n = figures["sentences"]
    return "\n".join(
        [
            f"sentences with a gold source and target  {n} ({figures['without_dyad']} without, not scored)",
            f"coded (at least one row)                 {figures['coded']:.3f}",
            f"dyads found (both roles right)           {figures['dyads_found']:.3f}",
            "of the coded sentences, the best row has:",
            f"  the right source                       {figures['source_right']:.3f}",
            f"  the right target                       {figures['target_right']:.3f}",
            f"  both right                             {figures['both_right']:.3f}",
            f"  no target                              {figures['target_empty']:.3f}",
            f"  source and target swapped              {figures['swapped']:.3f}",
        ]
    )
