"""CPU time of recognise + resolve (``geo.pipeline.locate``) on the news dev sets.

    DATELINE_CACHE_DIR=... PYTHONPATH=. python3 benchmarks/bench_locate.py

CPU seconds of this process (``time.process_time``), so a shared machine's load does not
count, after a warm-up of 50 articles; run it on an older checkout's code with the same index
to compare (benchmarks/RESULTS.md).
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.evaluate import gold_article, load_jsonl
from geo.pipeline import locate, open_gazetteer
from geo.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl")
WARM_UP = 50


def main() -> None:
    gaz = open_gazetteer(Settings.from_env())
    articles = [gold_article(doc) for name in CORPORA for doc in load_jsonl(DEV / f"{name}.jsonl").values()]
    for article in articles[:WARM_UP]:
        locate(article, gaz)
    started = time.process_time()
    for article in articles:
        locate(article, gaz)
    cpu = time.process_time() - started
    print(f"{len(articles)} articles, {cpu:.1f} s CPU, {len(articles) / cpu:.0f} articles per CPU-second")


if __name__ == "__main__":
    main()
