"""What the lookup cache and the token cache buy, in one process, alternating (CPU time).

    python benchmarks/speed_ab.py

The 19 seed articles, three times per round, three rounds; each round starts with cold caches.
Outputs are the same in every variant (the caches change no answer; checked with ``cmp`` on
``parse seeds`` and ``annotate`` gwn-dev/lgl when they went in).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import geo.recognise as recognise  # noqa: E402
import geo.text as text  # noqa: E402
from gazetteer import Gazetteer  # noqa: E402
from gazetteer.cache import cached  # noqa: E402
from geo.pipeline import geoparse_articles, open_gazetteer  # noqa: E402
from geo.read import read_paths  # noqa: E402
from geo.settings import Settings  # noqa: E402

TOKENS = text.tokens


def cpu_seconds(articles: list, gazetteer: Gazetteer, cached_tokens: bool, repeat: int = 3) -> float:
    recognise.tokens = TOKENS if cached_tokens else TOKENS.__wrapped__  # type: ignore[assignment]
    started = time.process_time()
    for _ in range(repeat):
        TOKENS.cache_clear()
        geoparse_articles(articles, gazetteer=gazetteer)
    return time.process_time() - started


def main() -> None:
    articles = read_paths([ROOT / "seeds"]).articles
    raw = open_gazetteer(Settings.from_env())
    cpu_seconds(articles, raw, False, 1)  # warm the OS page cache and the imports
    variants = {"before (every lookup in SQLite, sentences tokenised twice)": lambda: cpu_seconds(articles, raw, False),
                "+ name lookup cache": lambda: cpu_seconds(articles, cached(raw), False),
                "+ token cache": lambda: cpu_seconds(articles, cached(raw), True)}
    runs: dict[str, list[float]] = {k: [] for k in variants}
    for _ in range(3):
        for label, fn in variants.items():
            runs[label].append(fn())
    n = 3 * len(articles)
    print(f"| variant | CPU s / {n} articles | articles/s |\n|---|---:|---:|")
    for label, times in runs.items():
        print(f"| {label} | {min(times):.2f} | {n / min(times):.0f} |")


if __name__ == "__main__":
    main()
