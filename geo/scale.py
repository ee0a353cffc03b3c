"""Scaling out: the same per-partition pipeline on a Dask cluster, read and written by the workers.

The client only plans (file names, sizes, byte ranges: :mod:`geo.partition`) and adds up small
summaries. Each task reads its partition on the worker, geoparses it with the gazetteer the
worker opened once (:class:`GazetteerPlugin`), and writes ``part-NNNNN.<fmt>`` plus
``_manifest/part-NNNNN.jsonl``, one row per input record with its outcome. A part appears under
its name only when complete, so when a worker dies Dask reruns its partition elsewhere and
the rerun's files are the only ones there: no article lost, none doubled.

Both engines cut the input the same way and date a feed within its partition, so the events
are the same as ``--engine local`` writes (a test holds them to it, byte for byte).
"""
from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from dask.distributed import WorkerPlugin, get_worker

from gazetteer import Gazetteer
from gazetteer.cache import cached
from geo import export
from geo.errors import InputError
from geo.partition import PARTITION_BYTES, Partition, plan
from geo.pipeline import open_gazetteer, progress_bar, stream_partition
from geo.recognisers import check, recogniser_for
from geo.records import Problem
from geo.settings import Settings

PLUGIN = "dateline-gazetteer"
#: The manifest folder inside the output; the underscore makes Parquet dataset readers skip it.
MANIFEST = "_manifest"


@dataclass(frozen=True)
class Summary:
    """What a partition (or, added up, a run) produced; small enough to send to the client."""

    partitions: int = 0
    articles: int = 0
    with_events: int = 0
    events: int = 0
    read_problems: int = 0
    failed: int = 0

    @classmethod
    def total(cls, parts: Iterable[Summary]) -> Summary:
        parts = list(parts)
        return cls(**{f.name: sum(getattr(p, f.name) for p in parts) for f in fields(cls)})


class GazetteerPlugin(WorkerPlugin):
    """Opens the index once per worker process (building it from the installed packages if the
    worker's cache dir has none), instead of once per task, behind a lookup cache that then
    serves every partition the worker runs; and builds the settings' recogniser there, so a
    model (``--recogniser spacy``) loads once per worker too."""

    name = PLUGIN

    def __init__(self, settings: Settings):
        self.settings = settings
        self.gazetteer: Gazetteer | None = None

    def setup(self, worker: Any) -> None:
        self.gazetteer = cached(open_gazetteer(self.settings))
        recogniser_for(self.settings)


def _worker_gazetteer() -> Gazetteer:
    plugin = get_worker().plugins[PLUGIN]
    assert isinstance(plugin, GazetteerPlugin) and plugin.gazetteer is not None, "setup() opens it"
    return plugin.gazetteer


def part_name(part: Partition) -> str:
    return f"part-{part.index:05d}"


def geoparse_partition_to(part: Partition, out_dir: str, fmt: str, settings: Settings) -> Summary:
    """The task: one partition in, its events and its manifest out, a summary back."""
    gazetteer = _worker_gazetteer()
    out, name = Path(out_dir), part_name(part)
    articles = with_events = events = read_problems = failed = 0
    manifest: list[dict] = []  # a few small fields per article of one partition
    with export.file_writer(out / f"{name}.{fmt}", fmt) as writer:
        for item in stream_partition(part, settings, gazetteer):
            if isinstance(item, Problem):
                read_problems += 1
                manifest.append(_manifest_row(part, item.source, item.article_id, 0, item))
                continue
            writer.write(export.rows(item.events))
            articles += 1
            with_events += bool(item.events)
            events += len(item.events)
            failed += any(p.failed for p in item.problems)
            problem = item.problems[0] if item.problems else None
            manifest.append(_manifest_row(part, item.article.source, item.article.id, len(item.events), problem))
    with export.atomic_path(out / MANIFEST / f"{name}.jsonl") as path:
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in manifest), encoding="utf-8")
    return Summary(1, articles, with_events, events, read_problems, failed)


def _manifest_row(part: Partition, source: str, article_id: str | None, events: int, problem: Problem | None) -> dict:
    return {"partition": part.index, "source": source, "article_id": article_id, "events": events,
            "problem": problem.reason if problem else None,
            "stage": problem.stage.value if problem and problem.stage else None,
            "failed": bool(problem and problem.failed)}


def run_dask(paths: Sequence[str | Path], out_dir: Path, fmt: str, settings: Settings, scheduler: str | None = None,
             workers: int = 2, partition_bytes: int = PARTITION_BYTES) -> Summary:
    """``scheduler`` is a Dask scheduler address, or None for a LocalCluster of ``workers`` processes."""
    from dask.distributed import Client, LocalCluster

    parts = plan(paths, partition_bytes)
    _prepare(out_dir)
    if scheduler is not None:
        with Client(scheduler) as client:
            return run_on(client, parts, out_dir, fmt, settings)
    open_gazetteer(settings)  # build the index once here, not once per local worker
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        return run_on(client, parts, out_dir, fmt, settings)


def _prepare(out_dir: Path) -> None:
    """Refuse a folder with files in it: parts of an earlier run would mix with this one's."""
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise InputError(out_dir, "the Dask engine writes a folder of parts; name a new or empty folder")


def run_on(client: Any, parts: Sequence[Partition], out_dir: Path, fmt: str, settings: Settings) -> Summary:
    """Run on an existing client; every worker's output goes to ``out_dir`` (a shared file system)."""
    from dask.distributed import as_completed

    if fmt not in export.FILE_FORMATS:
        raise InputError(out_dir, f"unknown format {fmt!r}; use one of {', '.join(export.FILE_FORMATS)}")
    check(settings.recogniser)  # here, without loading it: the workers load it
    (out_dir / MANIFEST).mkdir(parents=True, exist_ok=True)
    client.register_plugin(GazetteerPlugin(settings))
    futures = client.map(geoparse_partition_to, parts, out_dir=str(out_dir.resolve()), fmt=fmt, settings=settings,
                         pure=False)
    bar = progress_bar()
    done = []
    for future in as_completed(futures):
        summary = future.result()
        done.append(summary)
        if bar is not None:
            bar.update(summary.articles)
    if bar is not None:
        bar.close()
    for stale in [*out_dir.glob(".*.partial-*"), *(out_dir / MANIFEST).glob(".*.partial-*")]:
        stale.unlink()  # left by workers killed mid-write; their partitions were rerun
    (out_dir / MANIFEST / "_SUCCESS").write_text(json.dumps({"partitions": len(parts)}) + "\n", encoding="utf-8")
    return Summary.total(done)
