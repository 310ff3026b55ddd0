"""Own the command line: arguments -> one library call -> a summary line.

Known errors print one message to stderr and exit 1; bad usage exits 2 (typer's own).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from coder.codebook.load import check_codebook
from coder.dates import parse_date
from coder.document import TableColumns, read_documents
from coder.errors import CodebookError, CoderError
from coder.export import FORMATS, check_writable, write_events
from coder.pipeline import DEFAULT_CODEBOOK, REQUIRE, Coder, Summary

app = typer.Typer(
    help="Code news text into dated who-did-what-to-whom event rows (CAMEO).",
    no_args_is_help=True,
    add_completion=False,
)
codebook_app = typer.Typer(help="Check, test and inspect codebooks.", no_args_is_help=True)
app.add_typer(codebook_app, name="codebook")

CodebookOpt = Annotated[Path, typer.Option("--codebook", "-c", help="Codebook YAML file.")]


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


def _coder(codebook: Path, require: str = "source") -> Coder:
    try:
        return Coder(codebook, require=require)
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
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Output file (default: stdout).")] = None,
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"Output format: {', '.join(FORMATS)}.")] = "cameo",
    story_date: Annotated[
        Optional[str], typer.Option("--date", help="Story date (YYYY-MM-DD) for documents that have none.")
    ] = None,
    id_column: Annotated[str, typer.Option(help="Table column with the document id.")] = "id",
    date_column: Annotated[str, typer.Option(help="Table column with the story date.")] = "date",
    text_column: Annotated[str, typer.Option(help="Table column with the text.")] = "text",
    title_column: Annotated[str, typer.Option(help="Table column with the title (optional).")] = "title",
    require: Annotated[str, typer.Option(help=f"Actors an event needs: {', '.join(REQUIRE)}.")] = "source",
    safe_formulas: Annotated[
        bool,
        typer.Option(
            "--safe-formulas/--no-safe-formulas", help="Neutralise text cells a spreadsheet would run as formulas."
        ),
    ] = True,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print no summary.")] = False,
) -> None:
    """Code articles into event rows (CSV by default)."""
    if fmt not in FORMATS:
        typer.echo(f"error: --format {fmt!r}: use one of {', '.join(FORMATS)}", err=True)
        raise typer.Exit(2)
    if require not in REQUIRE:
        typer.echo(f"error: --require {require!r}: use one of {', '.join(REQUIRE)}", err=True)
        raise typer.Exit(2)
    default_date = _day(story_date, "--date")
    coder = _coder(codebook, require)
    columns = TableColumns(id_column, date_column, text_column, title_column)
    summary = Summary()
    try:
        if output is not None:
            check_writable(output)
        documents = read_documents(inputs, columns, default_date)
        write_events(coder.code_documents(documents, summary), output, fmt, safe_formulas)
    except CoderError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"{output}: cannot write: {exc.strerror}")
    if not quiet:
        for skipped in summary.skipped:
            typer.echo(f"skipped {skipped.origin}: {skipped.reason}", err=True)
        for note in summary.notes:
            typer.echo(f"note {note}", err=True)
        typer.echo(summary.line(), err=True)


@app.command()
def evaluate(
    gold: Annotated[Path, typer.Argument(help="Gold file (JSON Lines, one record a line).")],
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
    as_json: Annotated[bool, typer.Option("--json", help="Print one JSON object.")] = False,
    misses: Annotated[Optional[Path], typer.Option(help="Write records coded wrongly to this JSONL file.")] = None,
) -> None:
    """Score the coder against gold records: precision, recall, F1, exact records."""
    from coder.evaluate import format_report, read_gold, score

    coder = _coder(codebook)
    try:
        report = score(coder, read_gold(gold))
    except CoderError as exc:
        _fail(str(exc))
        raise
    if misses is not None:
        misses.write_text("".join(json.dumps(m) + "\n" for m in report.misses), encoding="utf-8")
    typer.echo(json.dumps(report.as_dict(), indent=2) if as_json else format_report(report))


@app.command()
def explain(
    text: Annotated[str, typer.Argument(help="The text to explain (quote it), or - for stdin.")],
    story_date: Annotated[Optional[str], typer.Option("--date", help="Story date, YYYY-MM-DD.")] = None,
    codebook: CodebookOpt = DEFAULT_CODEBOOK,
) -> None:
    """Show how each sentence is coded: tokens, actors, patterns, near misses, rows."""
    from coder.explain import explain_text

    coder = _coder(codebook)
    body = sys.stdin.read() if text == "-" else text
    typer.echo(explain_text(coder, body, _day(story_date, "--date")))


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

    coder = _coder(path)
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


@codebook_app.command("schema")
def codebook_schema() -> None:
    """Print the codebook JSON Schema (for editors: yaml-language-server)."""
    from importlib import resources

    typer.echo(resources.files("coder.codebook").joinpath("schema.json").read_text("utf-8"), nl=False)


def main() -> None:
    """Run the CLI."""
    app()
