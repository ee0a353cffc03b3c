"""Speed and memory of ``dateline parse``: index build, start-up, throughput and peak RSS by corpus
size, the Dask speed-up, and an independent baseline (geotext) on the same text.

    python benchmarks/bench_pipeline.py                       # fresh temporary cache dir: builds the index
    python benchmarks/bench_pipeline.py --cache-dir DIR       # reuse a built index (skips the build row)
    python benchmarks/bench_pipeline.py --sizes 1000,10000,100000 --dask-articles 10000

Every measurement is a real ``python -m geo.cli`` run in its own process; CPU seconds and peak
RSS are that process's own (``os.wait4``), so "per core" rates hold on a busy machine too,
while wall-clock figures (start-up, Dask speed-up) depend on what else runs. Corpora are
seed-like (``benchmarks/corpus.py``). Prints Markdown for benchmarks/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
GWN = ROOT.parent / "shared" / "eval" / "dev" / "gwn-dev.jsonl"

from benchmarks.corpus import write_seed_like  # noqa: E402
from geo.read import read_paths  # noqa: E402


@dataclass(frozen=True)
class Run:
    wall: float
    cpu: float
    rss_mb: float


def run(*args: str, env: dict) -> Run:
    """One command, its wall time, and the CPU time and peak RSS of it and its descendants."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, *args], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    err = proc.stderr.read() if proc.stderr else ""
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed ({proc.returncode}):\n{err[-2000:]}")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)


def dateline(*args: str, env: dict) -> Run:
    return run("-m", "geo.cli", *args, env=env)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cache-dir", type=Path, help="an index already built (default: a fresh one, built here)")
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes in articles (default 1000,10000)")
    ap.add_argument("--dask-articles", type=int, default=4000, help="corpus for the 1 -> 2 worker speed-up")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    cache = args.cache_dir or work / "cache"
    env = dict(os.environ, DATELINE_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.system()}, "
          f"Python {platform.python_version()}; load average before: {os.getloadavg()[0]:.1f}\n")
    print("| step | articles | wall s | CPU s | articles/s per core | words/s per core | peak RSS |\n"
          "|---|---:|---:|---:|---:|---:|---:|")
    if args.cache_dir is None:
        r = dateline("gazetteer", "info", env=env)
        print(f"| build the gazetteer index (first start) | | {r.wall:.1f} | {r.cpu:.1f} | | | {r.rss_mb:.0f} MB |")

    one = work / "one.txt"
    one.write_text(read_paths([ROOT / "seeds"]).articles[0].text, encoding="utf-8")
    starts = [dateline("parse", str(one), "-o", str(work / "one.geojson"), env=env) for _ in range(5)]
    best = min(starts, key=lambda r: r.wall)
    print(f"| start-up: `parse` one article, warm index (best of 5; median {statistics.median(r.wall for r in starts):.2f} s)"
          f" | 1 | {best.wall:.2f} | {best.cpu:.2f} | | | {best.rss_mb:.0f} MB |")

    for n in (int(s) for s in args.sizes.split(",")):
        corpus = work / f"seedlike-{n}.jsonl"
        words = write_seed_like(n, corpus)
        r = dateline("parse", str(corpus), "-o", str(work / f"out-{n}.jsonl"), env=env)
        print(f"| `parse` seed-like JSONL → JSONL | {n:,} | {r.wall:.0f} | {r.cpu:.0f} | {n / r.cpu:.0f} | "
              f"{words / r.cpu:,.0f} | {r.rss_mb:.0f} MB |")
        (work / f"out-{n}.jsonl").unlink()

    if GWN.exists():
        r = dateline("annotate", str(GWN), "-o", str(work / "gwn-pred.jsonl"), env=env)
        print(f"| `annotate` GWN dev (recognise + resolve only) | 100 | {r.wall:.1f} | {r.cpu:.1f} | {100 / r.cpu:.0f} | "
              f"{_words(GWN) / r.cpu:,.0f} | {r.rss_mb:.0f} MB |")

    corpus = work / "dask.jsonl"
    write_seed_like(args.dask_articles, corpus)
    mb = str(max(0.5, corpus.stat().st_size / 2**20 / 8))  # 8 partitions: both workers stay busy to the end
    walls = {}
    for w in (1, 2):
        r = dateline("parse", str(corpus), "--engine", "dask", "--workers", str(w), "--partition-mb", mb,
                     "-o", str(work / f"dask-{w}"), "--format", "parquet", env=env)
        walls[w] = r.wall
        print(f"| `parse --engine dask`, {w} worker{'s' if w > 1 else ''} (wall; CPU incl. workers) | "
              f"{args.dask_articles:,} | {r.wall:.0f} | {r.cpu:.0f} | {args.dask_articles / r.wall:.0f} (wall) | | "
              f"{r.rss_mb:.0f} MB (largest process) |")
    print(f"\nDask speed-up 1 → 2 workers: {walls[1] / walls[2]:.2f}× "
          f"(load average after: {os.getloadavg()[0]:.1f})")
    if GWN.exists():
        _baseline(cache, work / "gwn-pred.jsonl")


def _words(path: Path) -> int:
    return sum(len(json.loads(line)["text"].split()) for line in path.open(encoding="utf-8"))


def _baseline(cache: Path, ours: Path) -> None:
    """geotext (regex over a city/country list) with the most populous gazetteer match as its point."""
    try:
        from geotext import GeoText
    except ImportError:
        print("\nbaseline: geotext is not installed (pip install geotext) - skipped")
        return
    from gazetteer import lookup
    from geo.evaluate import load_jsonl, score
    from geo.pipeline import open_gazetteer
    from geo.settings import Settings

    gold = load_jsonl(GWN)
    gaz = open_gazetteer(Settings(cache_dir=cache))
    started = time.process_time()
    pred = {}
    for doc_id, doc in gold.items():
        text = doc["text"]
        found = GeoText(text)
        toponyms = []
        for name in dict.fromkeys([*found.cities, *found.countries]):
            places = lookup(gaz, name, 1)
            for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text):
                t = {"start": m.start(), "end": m.end()}
                if places:
                    t |= {"lat": places[0].lat, "lon": places[0].lon}
                toponyms.append(t)
        pred[doc_id] = {"id": doc_id, "toponyms": toponyms}
    seconds = time.process_time() - started
    print("\n| GWN dev (100 docs) | exact P / R / F1 | overlap F1 | acc@161 (exact) | docs/s per core |\n"
          "|---|---|---:|---:|---:|")
    for label, p, rate in (("Dateline", load_jsonl(ours), None), ("geotext 0.4 + most populous match", pred,
                                                                  len(gold) / seconds)):
        exact, _ = score(gold, p, "exact")
        overlap, _ = score(gold, p, "overlap")
        rec, res = exact["recognition"], exact["resolution"]
        assert isinstance(rec, dict) and isinstance(res, dict) and isinstance(overlap["recognition"], dict)
        print(f"| {label} | {rec['precision']:.3f} / {rec['recall']:.3f} / {rec['f1']:.3f} | "
              f"{overlap['recognition']['f1']:.3f} | {res['acc@161']:.3f} | "
              f"{f'{rate:.0f}' if rate else 'see annotate row'} |")


if __name__ == "__main__":
    main()
