"""The first build of the index, default vs ``dateline[full]``: time, peak memory, size.

    PYTHONPATH=. python benchmarks/bench_build.py [--rounds 1] [--keep DIR]

Each build runs in a fresh subprocess (``DATELINE_GAZETTEER=default`` or ``full``) into an
empty cache dir, the two alternating so machine load falls on both alike; reported: wall and
CPU seconds, the child's peak RSS, the index file's size and its place and name counts, and
how many places each source gave. ``--keep DIR`` leaves the caches in ``DIR/default`` and
``DIR/full`` (to run ``benchmarks/accuracy.py`` and ``coverage.py`` on them).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer.extras import OPTIONAL_SOURCES

ROOT = Path(__file__).resolve().parent.parent
CHILD = """
import resource, sys, time
sys.path.insert(0, {root!r})
from geo.pipeline import open_gazetteer
from geo.settings import Settings
gaz = open_gazetteer(Settings.from_env())
usage = resource.getrusage(resource.RUSAGE_SELF)
print(gaz.path, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024)
"""


def build_once(choice: str, cache: Path) -> dict:
    shutil.rmtree(cache, ignore_errors=True)
    cache.mkdir(parents=True)
    env = {**os.environ, "DATELINE_GAZETTEER": choice, "DATELINE_CACHE_DIR": str(cache)}
    started = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", CHILD.format(root=str(ROOT))], env=env, check=True,
                         capture_output=True, text=True)
    wall = time.perf_counter() - started
    path, cpu, rss = out.stdout.split()
    index = Path(path)
    con = sqlite3.connect(index)
    meta = dict(con.execute("SELECT k, v FROM meta"))
    con.close()
    return {"choice": choice, "wall_s": wall, "cpu_s": float(cpu), "rss_mb": float(rss),
            "size_mb": index.stat().st_size / 1e6, "places": int(meta["places"]),
            "names": int(meta["names"]), "sources": json.loads(meta["sources"]), "index": index.name}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=1)
    ap.add_argument("--keep", type=Path, help="leave the caches in DIR/default and DIR/full")
    args = ap.parse_args()
    root = args.keep or Path(tempfile.mkdtemp(prefix="dateline-bench-build-"))
    rows = []
    try:
        for _ in range(args.rounds):
            for choice in ("default", "full"):
                rows.append(build_once(choice, root / choice))
                print(json.dumps(rows[-1]), file=sys.stderr)
    finally:
        if args.keep is None:
            shutil.rmtree(root, ignore_errors=True)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end\n")
    optional = {s.label for s in OPTIONAL_SOURCES}
    print("| index | wall s | CPU s | peak RSS | index size | places | names | added by the extra |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        extra = ", ".join(f"{label} {n:,}" for label, n in r["sources"] if label in optional) or "-"
        print(f"| {r['choice']} | {r['wall_s']:.0f} | {r['cpu_s']:.0f} | {r['rss_mb']:.0f} MB | {r['size_mb']:.0f} MB | "
              f"{r['places']:,} | {r['names']:,} | {extra} |")


if __name__ == "__main__":
    main()
