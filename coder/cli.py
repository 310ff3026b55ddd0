"""Own the command line: arguments -> one library call -> a summary line.

Known errors print one message to stderr and exit 1; bad usage exits 2 (typer's own).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.codebook.load import check_codebook
from coder.combination import POLICIES
from coder.dates import parse_date
from coder.document import TEXT_SUFFIXES, TableColumns, expand_inputs, read_documents
from coder.errors import CodebookError, CoderError
from coder.events import DEDUPE
from coder.events import dedupe as dedupe_events
from coder.export import FORMATS, check_writable, resume_point, write_batches
from coder.pipeline import ACLED_CODEBOOK, DEFAULT_CODEBOOK, DEFAULT_MODEL, REQUIRE, Coder, Summary
from coder.progress import with_progress

app = typer.Typer(
    help="Code news text into dated who-did-what-to-whom event rows (CAMEO).",
    no_args_is_help=True,
    add_completion=False,
)
codebook_app = typer.Typer(help="Check, test and inspect codebooks.", no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")

CodebookOpt = Annotated[Path, typer.Option("--codebook", "-c", help="Codebook YAML file.")]
ModelOpt = Annotated[Optional[Path], typer.Option("--model", "-m", help="Classifier model (.npz) from `coder train`.")]
PolicyOpt = Annotated[
    Optional[str],
    typer.Option(
        help=f"Who decides the event type: {', '.join(POLICIES)} (default model-first with a model, else rules-only)."
    ),
]
ThresholdOpt = Annotated[
    Optional[float],
    typer.Option(
        help="Model probability needed for the model to decide (default 0.6; 0.3 for ACLED models, 0.9 for penta-class models)."
    ),
]
DEFAULT_THRESHOLD = None  # the Coder's default for the model's label set


def _count_documents(inputs: list[str]) -> int | None:
    """Count the documents ahead when every input is an article file (else unknown).

    Raise `CoderError` for a missing input now, before any output is written.
    """
    files = expand_inputs(inputs)
    if all(isinstance(f, Path) and f.suffix.lower() in TEXT_SUFFIXES for f in files):
        return len(files)
    return None


def _is_default(codebook: Path) -> bool:
    try:
        return codebook.resolve() == DEFAULT_CODEBOOK.resolve()
    except OSError:
        return False


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _day(value: Optional[str], option: str) -> Optional[date]:
    if value is None:
        return None
    day = parse_date(value)
    if day is None:
        typer.echo(f"error: {option} {value!r} is not a date; write YYYY-MM-DD", err=True)
        raise typer.Exit(2)
    return day


def _coder(
    codebook: Path,
    require: Optional[str] = None,
    model: Optional[Path] = None,
    policy: Optional[str] = None,
    threshold: Optional[float] = DEFAULT_THRESHOLD,
) -> Coder:
    if policy is not None and policy not in POLICIES:
        typer.echo(f"error: --policy {policy!r}: use one of {', '.join(POLICIES)}", err=True)
        raise typer.Exit(2)
    if model is None and policy != "rules-only" and _is_default(codebook) and DEFAULT_MODEL.exists():
        model = DEFAULT_MODEL  # the shipped classifier goes with the shipped codebook
    try:
        return Coder(codebook, require=require, model=model, policy=policy, threshold=threshold)
    except CodebookError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        _fail(f"{codebook}: {sum(p.is_error for p in exc.problems)} error(s) in the codebook; fix them and run again")
        raise  # unreachable
    except CoderError as exc:
        _fail(str(exc))
        raise


@app.command()
def code(
    inputs: Annotated[
        list[str], typer.Argument(help="Article .txt files, folders, .csv/.tsv/.jsonl tables, or - for stdin.")
    ],
    output: Annotated[
        Optional[Path], typer.Option("--output", "-o", help="Output file (default, or -: stdout).")
    ] = None,
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "cameo",
    story_date: Annotated[
        Optional[str], typer.Option("--date", help="Story date (YYYY-MM-DD) for documents that have none.")
    ] = None,
    id_column: Annotated[str, typer.Option(help="Table column with the document id.")] = "id",
    date_column: Annotated[str, typer.Option(help="Table column with the story date.")] = "date",
    text_column: Annotated[str, typer.Option(help="Table column with the text.")] = "text",
    title_column: Annotated[str, typer.Option(help="Table column with the title (optional).")] = "title",
    require: Annotated[
        Optional[str],
        typer.Option(help=f"Actors an event needs: {', '.join(REQUIRE)} (default: the codebook's, else source)."),
    ] = None,
    model: ModelOpt = None,
    policy: PolicyOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    safe_formulas: Annotated[
        bool,
        typer.Option(
            "--safe-formulas/--no-safe-formulas", help="Neutralise text cells a spreadsheet would run as formulas."
        ),
    ] = True,
    resume: Annotated[
        bool, typer.Option("--resume", help="Continue an interrupted run into the same -o file.")
    ] = False,
    checkpoint_seconds: Annotated[float, typer.Option(help="With --resume: seconds between checkpoints.")] = 2.0,
    engine: Annotated[str, typer.Option(help="local (this machine) or dask (a Dask cluster).")] = "local",
    scheduler: Annotated[Optional[str], typer.Option(help="Dask scheduler address (default: a LocalCluster).")] = None,
    dedupe: Annotated[
        Optional[str],
        typer.Option(help="Drop repeats: story (one event a story) or day (one a day across the corpus)."),
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Worker processes (same rows, same order).")] = 1,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary.")] = False,
) -> None:
    """Code articles into event rows (CSV by default)."""
    if fmt not in FORMATS:
        typer.echo(f"error: --format {fmt!r}: use one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    if dedupe is not None and dedupe not in DEDUPE:
        typer.echo(f"error: --dedupe {dedupe!r}: use story or day", err=True)
        raise typer.Exit(2)
    if engine not in ("local", "dask"):
        typer.echo(f"error: --engine {engine!r}: use local or dask", err=True)
        raise typer.Exit(2)
    if require is not None and require not in REQUIRE:
        typer.echo(f"error: --require {require!r}: use one of {', '.join(REQUIRE)}", err=True)
        raise typer.Exit(2)
    default_date = _day(story_date, "--date")
    if fmt == "acled" and _is_default(codebook):
        codebook = ACLED_CODEBOOK  # ACLED rows come from the ACLED codebook
    if fmt == "acled":
        require = "none"  # an ACLED event's actors may go unnamed: the row names the usual ones
    coder = _coder(codebook, require, model, policy, threshold)
    if fmt == "acled" and coder.taxonomy.name != "acled":
        _fail(f"--format acled needs a codebook with the acled taxonomy; {codebook} uses {coder.taxonomy.name}")
    if fmt == "acled":
        _acled_model_only(coder, model)
    columns = TableColumns(id_column, date_column, text_column, title_column)
    summary = Summary(mode=coder.describe())
    if output is not None and str(output) == "-":
        output = None  # `-o -` is stdout, as for the inputs
    try:
        if output is not None:
            check_writable(output)
        total = _count_documents(inputs)
        documents = read_documents(inputs, columns, default_date)
        skip = resume_point(output, fmt) if resume else 0
        if skip:
            documents = islice(documents, skip, None)
            typer.echo(f"resuming after {skip} documents already written to {output}", err=True)
        options = {
            "codebook": coder.codebook,
            "require": coder.require,
            "model": model,
            "policy": policy,
            "threshold": threshold,
        }
        if engine == "dask":
            from coder.distributed import code_dask

            if skip:
                _fail("--resume is not supported with --engine dask; rerun without it")
            batches = code_dask(options, inputs, columns, default_date, summary, scheduler, workers=max(jobs, 2))
        elif jobs > 1 and fmt != "acled":  # ACLED rows have their own parallel path, below
            from coder.parallel import code_parallel

            # with no filter after them, workers write the rows' text too: the parent only copies it
            render_as = (fmt, safe_formulas) if fmt in ("cameo", "jsonl") and not dedupe else None
            batches = code_parallel(options, documents, jobs, summary, coder, render_as)  # type: ignore[assignment]
        else:
            batches = coder.code_batches(documents, summary)
        removed = [0]
        if dedupe:
            batches = dedupe_events(batches, dedupe, removed)
        if fmt == "acled":
            from coder.acled import code_acled

            if engine != "local" or dedupe:
                _fail(
                    "--format acled merges reports of one event itself and runs on this machine: "
                    "drop --dedupe and --engine"
                )
            batches = code_acled(coder, documents, summary, jobs=jobs)  # type: ignore[assignment]
        write_batches(
            with_progress(batches, summary, total, quiet),
            output,
            fmt,
            safe_formulas,
            resume_from=skip,
            checkpoint_seconds=checkpoint_seconds if resume else float("inf"),
        )
        if dedupe:
            summary.dedupe, summary.duplicates = dedupe, removed[0]
            summary.events -= removed[0]
    except CoderError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror}")
    if not quiet:
        _report(summary)
        typer.echo(summary.line(), err=True)


def _report(summary: Summary) -> None:
    """Print each document skipped, with its reason, and each note, to stderr."""
    for skipped in summary.skipped:
        typer.echo(f"skipped {skipped.origin}: {skipped.reason}", err=True)
    for note in summary.notes:
        typer.echo(f"note {note}", err=True)


def _acled_model_only(coder: Coder, model: Path | None) -> None:
    """Refuse a model of other labels for ACLED rows, rather than ignore it without a word."""
    if model is not None and not coder.label_set.startswith("acled"):
        _fail(
            f"{model}: the model predicts {coder.label_set} labels; ACLED rows take an ACLED event-type or "
            "sub-event-type model (coder train EXPORT.csv --from acled)"
        )


EVAL_FORMATS = ("gold", "pentaclass", "acled", "spans", "table")


@app.command()
def evaluate(
    data: Annotated[
        Path,
        typer.Argument(
            help="Gold JSONL or PETRARCH validation XML (their options apply: see README), a penta-class TSV, an ACLED CSV, a BIO file of source and target spans, or a labelled table."
        ),
    ],
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
    fmt: Annotated[
        Optional[str],
        typer.Option(
            "--format",
            "-f",
            help=f"One of {', '.join(EVAL_FORMATS)} (default: gold for .jsonl and .xml, spans for a file of 'token TAG' lines, else table).",
        ),
    ] = None,
    model: ModelOpt = None,
    policy: PolicyOpt = None,
    threshold: ThresholdOpt = DEFAULT_THRESHOLD,
    text_column: Annotated[str, typer.Option(help="Table column with the text.")] = "text",
    label_column: Annotated[str, typer.Option(help="Table column with the label.")] = "label",
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    plot: Annotated[Optional[Path], typer.Option(help="Save the confusion matrix as a PNG here.")] = None,
    misses: Annotated[
        Optional[Path], typer.Option(help="Write the records, notes or texts coded wrongly to this JSONL file.")
    ] = None,
    require: Annotated[
        Optional[str],
        typer.Option(
            help=f"Actors an event needs where a gold record sets no require_dyad: {', '.join(REQUIRE)} "
            "(default: the codebook's, else source)."
        ),
    ] = None,
) -> None:
    """Score the coder: event triples against gold records, or event types against labelled text."""
    from coder import evaluate as ev
    from coder import training

    if fmt is None:
        fmt = "gold" if data.suffix.lower() in (".jsonl", ".ndjson", ".xml") else "table"
        fmt = "spans" if fmt == "table" and ev.looks_like_spans(data) else fmt
    if fmt not in EVAL_FORMATS:
        typer.echo(f"error: --format {fmt!r}: use one of {', '.join(EVAL_FORMATS)}", err=True)
        raise typer.Exit(2)
    if require is not None and require not in REQUIRE:
        typer.echo(f"error: --require {require!r}: use one of {', '.join(REQUIRE)}", err=True)
        raise typer.Exit(2)
    if fmt == "acled" and _is_default(codebook):
        codebook = ACLED_CODEBOOK  # an ACLED export is scored row by row with the ACLED rules (and model)
    coder = _coder(codebook, require, model=model, policy=policy, threshold=threshold)
    if fmt == "acled" and coder.taxonomy.name == "acled":
        _acled_model_only(coder, model)
    try:
        for path in (misses, plot):
            if path is not None:
                check_writable(path)
        if fmt == "gold":
            report = ev.score(coder, ev.read_gold(data))
            for note in report.notes:
                typer.echo(f"note: {note}", err=True)
            if misses is not None:
                misses.write_text("".join(json.dumps(m) + "\n" for m in report.misses), encoding="utf-8")
            typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else ev.format_report(report))
            return
        if fmt == "spans":
            found: list[dict[str, object]] = []
            figures = ev.score_spans(coder, ev.read_spans(data), found)
            if misses is not None:
                misses.write_text("".join(json.dumps(m) + "\n" for m in found), encoding="utf-8")
            typer.echo(json.dumps(figures, indent=2) if as_json else ev.format_spans(figures))
            return
        results: dict[str, object] = {}
        if fmt == "acled" and coder.taxonomy.name == "acled":
            wrong: list[dict[str, object]] = []
            report = ev.score_acled(coder, data, wrong)
            if misses is not None:
                misses.write_text("".join(json.dumps(m) + "\n" for m in wrong), encoding="utf-8")
            if as_json:
                typer.echo(json.dumps(report, indent=2))
            else:
                for key, value in report.items():
                    typer.echo(f"{key:<16} {value}")
            return
        if fmt == "pentaclass":
            sets = {"pentaclass": training.read_pentaclass(data)}
        elif fmt == "acled":
            sets = {
                "event_type": training.read_acled(data, "acled-event-type"),
                "sub_event_type": training.read_acled(data, "acled-sub-event-type"),
            }
        else:
            sets = {"label": training.read_table(data, text_column, label_column, "custom")}
        wrong_labels: list[dict[str, str]] = []
        for name, labelled in sets.items():
            for skipped in labelled.skipped:
                typer.echo(f"skipped {skipped}", err=True)
            if not labelled.texts:
                _fail(f"{data}: no rows with both a text and a label to score")
            if coder.model is not None and labelled.label_set not in (coder.label_set, "custom") and len(sets) == 1:
                _fail(f"the model predicts {coder.label_set} labels but {data} holds {labelled.label_set} labels")
            if coder.model is not None and len(sets) > 1 and coder.label_set != labelled.label_set:
                continue
            predicted = ev.classify_texts(coder, labelled.texts)
            scores = ev.classification_scores(labelled.labels, predicted)
            results[name] = scores
            wrong_labels.extend(
                {"set": name, "text": text, "expected": label, "got": guess}
                for text, label, guess in zip(labelled.texts, labelled.labels, predicted, strict=True)
                if label != guess
            )
            if plot is not None:
                ev.plot_confusion(
                    scores,
                    plot if len(sets) == 1 else plot.with_name(f"{plot.stem}-{name}{plot.suffix}"),
                    f"{data.name}: {name}",
                )
        if misses is not None:
            misses.write_text("".join(json.dumps(m) + "\n" for m in wrong_labels), encoding="utf-8")
    except CoderError as exc:
        _fail(str(exc))
        raise
    if as_json:
        typer.echo(
            json.dumps(
                {
                    k: {"macro_f1": v["macro_f1"], "accuracy": v["accuracy"], **v}  # type: ignore[dict-item]
                    for k, v in results.items()
                },
                indent=2,
            )
        )
    else:
        for name, scores in results.items():
            typer.echo(ev.format_classification(name, scores))  # type: ignore[arg-type]


@app.command()
def explain(
    text: Annotated[str, typer.Argument(help="The text to explain (quote it), or - for stdin.")],
    story_date: Annotated[Optional[str], typer.Option("--date", help="Story date, YYYY-MM-DD.")] = None,
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
    model: ModelOpt = None,
) -> None:
    """Show how each sentence is coded: tokens, actors, patterns, near misses, model, rows."""
    from coder.explain import explain_text

    coder = _coder(codebook, model=model)
    body = sys.stdin.read() if text == "-" else text
    typer.echo(explain_text(coder, body, _day(story_date, "--date")))


TRAIN_SOURCES = ("table", "pentaclass", "gold", "acled", "examples")


@app.command()
def train(
    data: Annotated[
        Optional[list[Path]], typer.Argument(help="Labelled data files (none with --from examples).")
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="Model file to write (.npz).")] = Path("model.npz"),
    source: Annotated[
        Optional[str],
        typer.Option(
            "--from", help=f"What the data is: {', '.join(TRAIN_SOURCES)} (default: gold for .jsonl, else table)."
        ),
    ] = None,
    fmt: Annotated[Optional[str], typer.Option("--format", help="Same as --from (e.g. --format pentaclass).")] = None,
    label_set: Annotated[
        str, typer.Option(help="cameo-root, cameo-code, penta, acled-event-type, acled-sub-event-type or custom.")
    ] = "cameo-root",
    text_column: Annotated[str, typer.Option(help="Table column with the text.")] = "text",
    label_column: Annotated[str, typer.Option(help="Table column with the label.")] = "label",
    from_rules: Annotated[
        Optional[list[str]],
        typer.Option(
            "--from-rules", help="Also learn from a corpus coded by the rules (confident rule matches become labels)."
        ),
    ] = None,
    examples: Annotated[
        Optional[bool],
        typer.Option(
            "--examples/--no-examples",
            help="Add the codebook's example sentences (default: on for penta-class models).",
        ),
    ] = None,
    rule_features: Annotated[
        Optional[bool],
        typer.Option(help="Give the model the rules' codes as features (default: on for ACLED label sets)."),
    ] = None,
    char_ngrams: Annotated[
        Optional[bool],
        typer.Option(help="Add character n-grams (slower, more accurate; default: on for ACLED and penta label sets)."),
    ] = None,
    C: Annotated[float, typer.Option("--C", help="Inverse regularisation strength.")] = 1.0,
    estimator: Annotated[
        str,
        typer.Option(help="svm (a linear SVM, calibrated probabilities) or logreg (logistic regression)."),
    ] = "svm",
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
) -> None:
    """Train the event-type classifier and save it with its metadata."""
    from coder.training import train_model

    source = source or fmt
    if estimator not in ("svm", "logreg"):
        typer.echo(f"error: --estimator {estimator!r}: use svm or logreg", err=True)
        raise typer.Exit(2)
    if source is not None and source not in TRAIN_SOURCES:
        typer.echo(f"error: --from {source!r}: use one of {', '.join(TRAIN_SOURCES)}", err=True)
        raise typer.Exit(2)
    if source == "acled" and codebook == DEFAULT_CODEBOOK:
        codebook = ACLED_CODEBOOK  # rule features of ACLED notes come from the ACLED rules
    coder = _coder(codebook)
    try:
        report = train_model(
            coder,
            data or [],
            output,
            source=source,
            label_set=label_set,
            text_column=text_column,
            label_column=label_column,
            rules_corpus=from_rules or [],
            # a penta-class model also learns the codebook's own (CAMEO-manual style) examples
            examples=examples if examples is not None else (label_set == "penta" or source == "pentaclass"),
            rule_features=rule_features,
            char_ngrams=char_ngrams,
            C=C,
            estimator=estimator,
        )
    except CoderError as exc:
        _fail(str(exc))
        raise
    for line in report:
        typer.echo(line, err=True)


@app.command()
def sample(
    corpus: Annotated[list[str], typer.Argument(help="Documents to draw sentences from.")],
    model: Annotated[Path, typer.Option("--model", "-m", help="Classifier model (.npz).")],
    n: Annotated[int, typer.Option("-n", min=1, help="How many sentences to pick.")] = 100,
    output: Annotated[Path, typer.Option("--output", "-o", help="CSV to write (text, label, ...).")] = Path(
        "to_label.csv"
    ),
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
) -> None:
    """Pick the sentences the model is least sure of, for a person to label."""
    from coder.training import least_certain

    coder = _coder(codebook, model=model)
    summary = Summary()
    try:
        check_writable(output)
        count = least_certain(coder, read_documents(corpus), n, output, summary)
    except CoderError as exc:
        _report(summary)
        _fail(str(exc))
        raise
    _report(summary)
    label_set = (coder.model_header or {}).get("label_set", "cameo-root")
    option = "" if label_set == "cameo-root" else f" --label-set {label_set}"  # train's default
    typer.echo(
        f"{count} sentences written to {output}: fill in the label column, then `coder train {output}{option}`",
        err=True,
    )


@codebook_app.command("validate")
def codebook_validate(
    paths: Annotated[list[Path], typer.Argument(help="Codebook files.")],
) -> None:
    """Check codebooks; print every problem as path:line:col: CODE key: message."""
    errors = 0
    for path in paths:
        try:
            _, problems = check_codebook(path)
        except CoderError as exc:
            typer.echo(f"error: {exc}", err=True)
            errors += 1
            continue
        for problem in problems:
            kind = "error" if problem.is_error else "warning"
            typer.echo(f"{problem} [{kind}]")
        n_err = sum(p.is_error for p in problems)
        errors += n_err
        typer.echo(f"{path}: {n_err} error(s), {len(problems) - n_err} warning(s)", err=True)
    raise typer.Exit(1 if errors else 0)


@codebook_app.command("test")
def codebook_test(
    path: Annotated[Path, typer.Argument(help="Codebook file.")] = DEFAULT_CODEBOOK,
) -> None:
    """Run every example sentence of a codebook; print failures as expected versus got."""
    from coder.codebook.examples import run_examples

    coder = _coder(path, policy="rules-only")  # examples test the codebook's rules, not a model
    results = run_examples(coder.codebook, coder)
    failed = [r for r in results if not r.passed]
    for result in failed:
        typer.echo(str(result.problem()))
    typer.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed", err=False)
    raise typer.Exit(1 if failed else 0)


@codebook_app.command("stats")
def codebook_stats(
    path: Annotated[Path, typer.Argument(help="Codebook file.")] = DEFAULT_CODEBOOK,
) -> None:
    """Count codes, patterns, actors, agents and examples."""
    book = _coder(path).codebook
    countries = sum(a.kind == "country" for a in book.actors)
    typer.echo(
        f"files: {len(book.files) or 1}\nevent codes: {len({c for c, _ in book.event_codes})}\n"
        f"patterns: {len(book.patterns)}\ncountries: {countries}\nactors: {len(book.actors) - countries}\n"
        f"agents: {len(book.agents)} ({sum(len(a.words) for a in book.agents)} words)\n"
        f"classes: {len(book.classes)}\nexamples: {len(book.examples)}\n"
        f"discards: {len(book.sentence_discards)} sentence, {len(book.story_discards)} story"
    )


@codebook_app.command("lint")
def codebook_lint(
    path: Annotated[Path, typer.Argument(help="Codebook file.")] = DEFAULT_CODEBOOK,
) -> None:
    """Warn about codes with no patterns, patterns with no examples, date gaps, near-duplicates."""
    from coder.codebook.lint import lint_codebook

    warnings = lint_codebook(_coder(path).codebook)
    for warning in warnings:
        typer.echo(f"{warning} [warning]")
    typer.echo(f"{path}: {len(warnings)} warning(s)", err=True)


@codebook_app.command("diff")
def codebook_diff(
    old: Annotated[Path, typer.Argument(help="The old codebook.")],
    new: Annotated[Path, typer.Argument(help="The new codebook.")],
    corpus: Annotated[Optional[list[str]], typer.Option("--corpus", help="Documents to code with both.")] = None,
) -> None:
    """Show patterns and actors added, removed and changed, and events that appear or disappear."""
    from coder.codebook.diff import diff_codebooks

    before, after = _coder(old).codebook, _coder(new).codebook
    try:
        documents = list(read_documents(corpus)) if corpus else []
    except CoderError as exc:
        _fail(str(exc))
        raise
    for line in diff_codebooks(before, after, documents).lines():
        typer.echo(line)


@codebook_app.command("import-petrarch")
def codebook_import_petrarch(
    output: Annotated[Path, typer.Option("--output", "-o", help="Codebook YAML to write.")],
    verbs: Annotated[Optional[Path], typer.Option(help="Verb patterns (PETRARCH-1 or -2 syntax).")] = None,
    actors: Annotated[Optional[list[Path]], typer.Option(help="Actor dictionaries (repeat the option).")] = None,
    agents: Annotated[Optional[Path], typer.Option(help="Agent dictionary.")] = None,
    discards: Annotated[Optional[Path], typer.Option(help="Discard list.")] = None,
    issues: Annotated[Optional[Path], typer.Option(help="Issue coding file (reported, not converted).")] = None,
) -> None:
    """Convert PETRARCH/TABARI dictionaries into a codebook; report what could not be converted."""
    from coder.codebook.petrarch import import_petrarch

    for path in (verbs, agents, discards, issues, *(actors or [])):
        if path is not None and not path.is_file():
            _fail(f"{path}: no such file")
    try:
        check_writable(output)
    except CoderError as exc:
        _fail(str(exc))
    text, report = import_petrarch(verbs, actors or [], agents, discards, issues)
    output.write_text(text, encoding="utf-8")
    for file, line, reason in report.skipped:
        typer.echo(f"{file}:{line}: skipped: {reason}", err=True)
    counts = ", ".join(f"{n:,} {k}" for k, n in report.counts.items())
    reasons = ", ".join(f"{n:,} {r}" for r, n in report.reasons().most_common())
    typer.echo(f"wrote {output}: {counts}; {len(report.skipped):,} entries skipped ({reasons or 'none'})", err=True)


@codebook_app.command("schema")
def codebook_schema() -> None:
    """Print the codebook JSON Schema (for editors: yaml-language-server)."""
    from importlib import resources

    typer.echo(resources.files("coder.codebook").joinpath("schema.json").read_text("utf-8"), nl=False)


def main() -> None:
    """Run the CLI."""
    app()
