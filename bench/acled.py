"""Benchmark the ACLED path: notes coded into ACLED rows per second on one core.

    python bench/acled.py                                  # rules only
    python bench/acled.py --model even.npz                 # with an ACLED sub-event model
    coder train even.csv --from acled --label-set acled-sub-event-type -o even.npz

The notes are the odd-numbered rows of the ACLED dev file (`../shared/data/acled/`), so that a
model trained on the even-numbered rows never sees them; each note is a document, as in
`coder evaluate --format acled`. Every run is a fresh process (cold caches, as a real run
starts) and times CPU time from the first note to the last row, after the codebook, model and
gazetteer are loaded; the figure is the median of --runs runs.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
DEV = HERE.parent.parent / "shared" / "data" / "acled" / "acled-2022.dev.csv"


def measure(data: str, notes: int, model: str | None) -> dict[str, float]:
    """Code `notes` odd-numbered notes into ACLED rows; return sentences, rows and CPU seconds."""
    import pandas as pd

    from coder import places
    from coder.acled import code_acled
    from coder.document import Document
    from coder.pipeline import ACLED_CODEBOOK, Coder, Summary

    frame = pd.read_csv(data, dtype=str, keep_default_na=False).iloc[1::2].head(notes)
    coder = Coder(ACLED_CODEBOOK, model=model).with_require("none")
    places.locate("in Kyiv (Kyiv)", "")  # load the gazetteer before the clock starts
    documents = [Document(f"n{i}", None, "", (text,), "bench") for i, text in enumerate(frame.notes)]
    summary = Summary()
    started = time.process_time()
    rows = sum(len(r) for r in code_acled(coder, documents, summary))
    seconds = time.process_time() - started
    return {"sentences": summary.sentences, "rows": rows, "seconds": seconds}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(DEV), help="an ACLED export with notes (default: the dev file)")
    parser.add_argument("--model", default=None, help="an ACLED model (.npz); default rules only")
    parser.add_argument("--notes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not Path(args.data).is_file():
        sys.exit(f"{args.data}: not found; give --data with an ACLED export")
    if args.child:
        print(json.dumps(measure(args.data, args.notes, args.model)))
        return
    command = [sys.executable, __file__, "--child", "--data", args.data, "--notes", str(args.notes)]
    if args.model:
        command += ["--model", args.model]
    runs = [
        json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout) for _ in range(args.runs)
    ]
    rates = [r["sentences"] / r["seconds"] for r in runs]
    what = f"model {Path(args.model).name}" if args.model else "rules only"
    print(
        f"ACLED path, {what}: {statistics.median(rates):,.0f} sentences/s "
        f"(median of {len(runs)}; runs {min(rates):,.0f}-{max(rates):,.0f}; "
        f"{runs[0]['sentences']:,} sentences in {args.notes:,} notes, {runs[0]['rows']:,} rows)"
    )


if __name__ == "__main__":
    main()
