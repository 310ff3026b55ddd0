"""Benchmark coding speed, peak memory and codebook load time; print a Markdown table.

    python bench/bench.py                      # default codebook, 100,000 sentences
    python bench/bench.py --codebook X.yaml --sentences 200000 --runs 5

Each measurement runs in a fresh process (so peak memory is that configuration's own) on one
core; figures are medians of --runs runs.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))


def measure(codebook: str, n_sentences: int, model: str | None = None) -> dict[str, float]:
    """Load the codebook, code a generated corpus, and return the figures (in this process)."""
    from bench.corpus import documents
    from coder.document import Document
    from coder.pipeline import Coder, Summary

    started = time.perf_counter()
    coder = Coder(codebook, model=model, threshold=0.6)
    load = time.perf_counter() - started
    docs = [
        Document(r["id"], None, "", tuple(r["text"].split("\n\n")), r["id"])
        for r in documents(n_sentences, coder.codebook)
    ]
    summary = Summary()
    started = time.perf_counter()
    events = sum(1 for _ in coder.code_documents(docs, summary))
    seconds = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "load_s": load,
        "sentences": summary.sentences,
        "events": events,
        "seconds": seconds,
        "sentences_per_s": summary.sentences / seconds,
        "peak_mb": peak_mb,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", default=str(HERE.parent / "codebooks" / "cameo.yaml"))
    parser.add_argument("--sentences", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--model", default=None, help="Classifier model: measure the model-first pipeline.")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(measure(args.codebook, args.sentences, args.model)))
        return
    runs = []
    for _ in range(args.runs):
        out = subprocess.run(
            [
                "taskset",
                "-c",
                "0",
                sys.executable,
                __file__,
                "--child",
                "--codebook",
                args.codebook,
                "--sentences",
                str(args.sentences),
                *(["--model", args.model] if args.model else []),
            ],
            capture_output=True,
            text=True,
            check=True,
        )
        runs.append(json.loads(out.stdout))
    median = {key: statistics.median(r[key] for r in runs) for key in runs[0]}
    print(f"| codebook | model | sentences | events | sentences/s (median of {args.runs}) | peak memory MB | load s |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| {Path(args.codebook).name} | {Path(args.model).name if args.model else 'none'} | "
        f"{median['sentences']:,.0f} | {median['events']:,.0f} | "
        f"{median['sentences_per_s']:,.0f} | {median['peak_mb']:,.0f} | {median['load_s']:.2f} |"
    )
    print(json.dumps({"runs": runs, "median": median}), file=sys.stderr)


if __name__ == "__main__":
    main()
