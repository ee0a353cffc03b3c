"""Scaling out: the same pipeline over a Dask cluster, one task per feed.

A feed is the unit because publication dates are inferred across the articles of one feed;
splitting a feed would change the answer. Workers open the gazetteer index from the shared
cache dir (the Gazetteer pickles as its path), so each needs the index file on its disk.
"""
from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from gazetteer import Gazetteer
from geo.pipeline import Batch, geoparse_articles, open_gazetteer
from geo.read import read_paths
from geo.records import Article
from geo.settings import Settings


def _feeds(articles: Sequence[Article]) -> list[list[Article]]:
    by_feed: dict[str, list[Article]] = {}
    for a in articles:
        by_feed.setdefault(a.feed, []).append(a)
    return list(by_feed.values())


def geoparse_paths_dask(paths: Sequence[str | Path], address: str, settings: Settings | None = None) -> Batch:
    """``address`` is a scheduler address, or "local" for a LocalCluster on this machine."""
    from dask.distributed import Client, LocalCluster

    settings = settings or Settings.from_env()
    read = read_paths(list(paths))
    gazetteer = open_gazetteer(settings)  # build once here, not once per worker
    if address == "local":
        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
                Client(cluster) as client:
            batch = geoparse_on(client, read.articles, settings, gazetteer)
    else:
        with Client(address) as client:
            batch = geoparse_on(client, read.articles, settings, gazetteer)
    batch.problems[:0] = read.problems
    return batch


def geoparse_on(client: Any, articles: Sequence[Article], settings: Settings, gazetteer: Gazetteer) -> Batch:
    """Run on an existing Dask client; results come back in input order."""
    futures = client.map(geoparse_articles, _feeds(articles), settings=settings, gazetteer=gazetteer, pure=False)
    out = Batch()
    for part in client.gather(futures):
        out.results.extend(part.results)
        out.problems.extend(part.problems)
    return out
