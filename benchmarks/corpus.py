"""Seed-like corpora of any size, for throughput and memory runs.

    python benchmarks/corpus.py 10000 /tmp/seedlike-10k.jsonl

The 19 seed articles (Reuters, ~610 words each) cycled as JSONL records without a date, so
publication dates are inferred for every one, as for the seeds. Names repeat every 19
articles, so a lookup cache hits more often than on a real wire feed; the GWN row of the
benchmark is the check on distinct documents.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.read import read_paths  # noqa: E402


def write_seed_like(n: int, path: Path) -> int:
    """Write ``n`` articles to ``path``; returns their word count."""
    seeds = read_paths([ROOT / "seeds"]).articles
    words = 0
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            a = seeds[i % len(seeds)]
            f.write(json.dumps({"id": f"s{i:07d}", "title": a.title, "text": a.text}, ensure_ascii=False) + "\n")
            words += len(a.text.split())
    return words


if __name__ == "__main__":
    print(write_seed_like(int(sys.argv[1]), Path(sys.argv[2])), "words")
