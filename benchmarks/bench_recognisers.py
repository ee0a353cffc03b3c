"""``dateline parse`` with each recogniser, side by side: start-up, articles/s per core, peak RSS.

    DATELINE_CACHE_DIR=... python benchmarks/bench_recognisers.py [--articles 200] [--recognisers rules spacy]

Each row is a real ``python -m geo.cli parse`` process on the same seed-like corpus
(``benchmarks/corpus.py``), with a warm index; the recognisers run alternately, ``--repeat``
times each, and the best CPU time is kept. "start-up" is one article end to end (the model
loads there). CPU seconds and peak RSS are the process's own (``os.wait4``), so the rates
hold on a busy machine. Prints Markdown for benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_pipeline import Run, dateline  # noqa: E402
from benchmarks.corpus import write_seed_like  # noqa: E402
from geo.recognisers import NAMES  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--recognisers", nargs="+", choices=NAMES, default=list(NAMES))
    args = ap.parse_args()
    env = dict(os.environ)
    with tempfile.TemporaryDirectory() as tmp:
        one, corpus = Path(tmp) / "one.jsonl", Path(tmp) / "corpus.jsonl"
        write_seed_like(1, one)
        words = write_seed_like(args.articles, corpus)
        dateline("parse", str(one), "-o", str(Path(tmp) / "warm.jsonl"), env=env)  # builds the index if needed
        starts: dict[str, list[Run]] = {r: [] for r in args.recognisers}
        runs: dict[str, list[Run]] = {r: [] for r in args.recognisers}
        for _ in range(args.repeat):
            for rec in args.recognisers:
                out = str(Path(tmp) / f"{rec}.jsonl")
                starts[rec].append(dateline("parse", str(one), "--recogniser", rec, "-o", out, env=env))
                runs[rec].append(dateline("parse", str(corpus), "--recogniser", rec, "-o", out, env=env))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, CPython {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}; {args.articles} seed-like articles ({words:,} words)\n")
    print("| recogniser | start-up: 1 article, CPU s | corpus CPU s | articles/s per core | words/s per core "
          "| peak RSS |\n|---|---:|---:|---:|---:|---:|")
    for rec in args.recognisers:
        start = min(r.cpu for r in starts[rec])
        best = min(runs[rec], key=lambda r: r.cpu)
        work = max(best.cpu - start, 1e-9)  # the corpus less the start-up both runs pay
        print(f"| {rec} | {start:.1f} | {best.cpu:.1f} | {args.articles / work:.0f} | {words / work:,.0f} "
              f"| {max(r.rss_mb for r in runs[rec]):.0f} MB |")


if __name__ == "__main__":
    main()
