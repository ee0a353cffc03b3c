"""Speed and memory of the pipeline: index build, cold start, geoparsing throughput.

    python benchmarks/bench_pipeline.py            # uses a fresh temporary cache dir

Prints a Markdown table for benchmarks/RESULTS.md. Each measurement runs in its own
subprocess so peak memory (ru_maxrss) belongs to that step alone.
"""
from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GWN = ROOT.parent / "shared" / "eval" / "dev" / "gwn-dev.jsonl"

STEPS = {
    "build the gazetteer index (first start)": (
        "from geo.pipeline import open_gazetteer; from geo.settings import Settings; open_gazetteer(Settings.from_env())"),
    "open the index + geoparse the 19 seed articles": (
        "from geo.pipeline import geoparse_paths; b = geoparse_paths(['seeds']); n = len(b.results)"),
    "geoparse 100 GWN documents (recognise + resolve)": (
        "import json; from geo.pipeline import open_gazetteer; from geo.settings import Settings\n"
        "from geo.evaluate import prediction\n"
        f"docs = [json.loads(l) for l in open({str(GWN)!r})]; g = open_gazetteer(Settings.from_env())\n"
        "for d in docs: prediction(d, g)\nn = len(docs)"),
}


def run(code: str, env: dict) -> dict:
    probe = ("import resource, time, json\nt = time.perf_counter()\nn = 0\n" + code +
             "\nprint(json.dumps({'s': time.perf_counter() - t, 'n': n, "
             "'rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))")
    out = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    env = dict(os.environ, DATELINE_CACHE_DIR=tempfile.mkdtemp(prefix="dateline-bench-"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}\n")
    print("| step | seconds | items/s | peak RSS |\n|---|---:|---:|---:|")
    for label, code in STEPS.items():
        if "GWN" in label and not GWN.exists():
            continue
        r = run(code, env)
        rate = f"{r['n'] / r['s']:.0f}" if r["n"] else ""
        print(f"| {label} | {r['s']:.1f} | {rate} | {r['rss_mb']:.0f} MB |")
    index = next(Path(env["DATELINE_CACHE_DIR"]).glob("gazetteer-*.sqlite"))
    print(f"\nindex file: {index.stat().st_size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
