"""Time per article as its place names grow: the resolver must stay near-linear.

    PYTHONPATH=. python benchmarks/bench_scaling.py 5 10 20 40 80 160

Each article (of the given sizes in KB) is made of news-like sentences naming two places
each, taken in turn from the 3,000 names the full index holds most places for ("Springfield",
"San Jose"...): the worst case for the resolver's spatial work, since every mention brings
many candidates and the article has ever more names. Prints a Markdown table.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.pipeline import geoparse_articles, open_gazetteer
from geo.records import Article
from geo.settings import Settings


def dense_text(names: list[str], kb: int) -> str:
    out, n, i = [], 0, 0
    while n < kb * 1000:
        s = f"Clashes were reported in {names[i % len(names)]} and near {names[(i + 1) % len(names)]} on Tuesday. "
        out.append(s)
        n += len(s)
        i += 2
    return "".join(out)


def main(sizes: list[int]) -> None:
    gaz = open_gazetteer(Settings.from_env())
    names = [r[0] for r in gaz.db.execute("SELECT name, count(*) c FROM places WHERE fclass = 'P' GROUP BY name "
                                          "HAVING c >= 5 ORDER BY c DESC, name LIMIT 3000")]
    print("| article | place mentions | seconds | ms per mention |\n|---:|---:|---:|---:|")
    for kb in sizes:
        article = Article(id=f"dense-{kb}", text=dense_text(names, kb), title="Dense")
        t = time.perf_counter()
        batch = geoparse_articles([article], gazetteer=gaz)
        seconds = time.perf_counter() - t
        mentions = len(batch.results[0].resolutions)
        print(f"| {kb} KB | {mentions:,} | {seconds:.2f} | {1000 * seconds / max(mentions, 1):.1f} |", flush=True)


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [5, 10, 20, 40, 80])
