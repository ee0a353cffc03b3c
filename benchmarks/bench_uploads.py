"""Does one session's memory grow without bound as it uploads file after file?

    DATELINE_CACHE_DIR=... python benchmarks/bench_uploads.py [--uploads 20]

Drives the real app through Streamlit's AppTest in this process: one session uploads
``--uploads`` different files of 20 seed-like articles each, one after another (each replaces
the last, as in the browser), and the process's resident memory is printed after every upload.
Bounded means the later uploads stop adding: the session keeps only its current upload.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def articles(i: int, n: int = 20) -> bytes:
    towns = ("Mosul", "Aleppo", "Manbij", "Tripoli", "Raqqa", "Baghdad", "Sirte", "Homs")
    rows = [{"id": f"u{i}-{k}", "title": f"Report {i}.{k}",
             "text": f"Air strikes hit {towns[(i + k) % len(towns)]} on Tuesday, residents said. "
                     f"Fighting went on near {towns[(i + k + 3) % len(towns)]} on Wednesday. " * 5}
            for k in range(n)]
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def main() -> None:
    from streamlit.testing.v1 import AppTest

    ap = argparse.ArgumentParser()
    ap.add_argument("--uploads", type=int, default=20)
    args = ap.parse_args()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    at.run()
    print(f"machine: {platform.machine()}, Python {platform.python_version()}; after the seed map: {rss_mb():.0f} MB")
    print("| upload | RSS MB |\n|---:|---:|")
    for i in range(1, args.uploads + 1):
        at.file_uploader(key="upload_files").set_value((f"up{i}.jsonl", articles(i), "application/json")).run()
        assert not at.exception, at.exception
        print(f"| {i} | {rss_mb():.0f} |", flush=True)


if __name__ == "__main__":
    main()
