"""The ``dateline`` command as a user runs it: real subprocesses, real files; in-process where a
failure has to be injected."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from geo.cli import main
from tests.conftest import ROOT, SEEDS, SHARED, SMALL_GAZETTEER

THREE = "".join(json.dumps(r) + "\n" for r in (
    {"id": "a", "title": "A", "text": "Clashes erupted in Mosul on Tuesday."},
    {"id": "b", "title": "B", "text": "Air strikes hit Aleppo on Monday."},
    {"id": "c", "title": "C", "text": "Fighting was reported in Tripoli, Libya."}))


def dateline(*args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "geo.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300, env=env)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_parse_seeds_to_geojson(tmp_path, gaz):
    out = tmp_path / "events.geojson"
    proc = dateline("parse", str(SEEDS), "-o", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) > 100
    assert "of 19 articles" in proc.stderr


def test_parse_csv_format_from_suffix_and_problems_report(tmp_path, small_cache):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "title": "T", "text": "Fighting in Mosul."}\n{"id": "b", "title": "T", "text": ""}\n',
                   encoding="utf-8")
    out, problems = tmp_path / "e.csv", tmp_path / "p.jsonl"
    assert main(["--cache-dir", str(small_cache), "parse", str(src), "-o", str(out), "--problems", str(problems)]) == 0
    assert out.read_text(encoding="utf-8").startswith("\ufeffevent_id,article_id,")  # BOM: Excel reads UTF-8
    [p] = [json.loads(line) for line in problems.read_text(encoding="utf-8").splitlines()]
    assert p["source"].endswith("in.jsonl:2") and p["stage"] == "read" and p["failed"] is False


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("headline,body\nx,y\n", encoding="utf-8")
    proc = dateline("parse", str(bad), check=False)
    assert proc.returncode == 2
    assert "bad.csv:1: field 'title'" in proc.stderr and "Traceback" not in proc.stderr


def test_one_failing_article_of_three_leaves_two_articles_and_one_problem(tmp_path, small_cache, monkeypatch,
                                                                          capsys):
    import geo.pipeline

    real = geo.pipeline.events_for

    def broken(article, *args):
        if article.id == "b":
            raise ValueError("math domain error")
        return real(article, *args)

    monkeypatch.setattr(geo.pipeline, "events_for", broken)
    src, out, problems = tmp_path / "in.jsonl", tmp_path / "e.geojson", tmp_path / "p.jsonl"
    src.write_text(THREE, encoding="utf-8")
    code = main(["--cache-dir", str(small_cache), "parse", str(src), "-o", str(out), "--problems", str(problems)])
    assert code == 3
    features = json.loads(out.read_text(encoding="utf-8"))["features"]
    assert {f["properties"]["article_id"] for f in features} == {"a", "c"}
    [p] = [json.loads(line) for line in problems.read_text(encoding="utf-8").splitlines()]
    assert (p["article_id"], p["stage"], p["failed"]) == ("b", "events", True)
    err = capsys.readouterr().err
    assert "1 of 3 articles failed" in err and "--debug" in err and "Traceback" not in err


def test_a_bug_outside_the_articles_is_a_one_line_hint_or_a_traceback_with_debug(tmp_path, small_cache,
                                                                                monkeypatch, capsys):
    import geo.export

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(geo.export, "rows", broken)
    src = tmp_path / "in.jsonl"
    src.write_text(THREE, encoding="utf-8")
    assert main(["--cache-dir", str(small_cache), "parse", str(src)]) == 1
    err = capsys.readouterr().err
    assert "internal error: ZeroDivisionError" in err and "--debug" in err and "Traceback" not in err
    with pytest.raises(ZeroDivisionError):
        main(["--cache-dir", str(small_cache), "--debug", "parse", str(src)])


def test_version_and_every_help_has_an_example_and_the_cache_variable(capsys):
    assert dateline("--version").stdout.startswith("dateline 0.")  # the installed command, once
    for command in ([], ["parse"], ["app"], ["annotate"], ["eval"], ["gazetteer"], ["gazetteer", "lookup"],
                    ["gazetteer", "import"], ["gazetteer", "info"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        out = capsys.readouterr().out
        assert "example:" in out and "DATELINE_CACHE_DIR" in out, command


def test_geoparsing_imports_no_web_stack_and_no_model():
    """Neither importing the geoparser nor geoparsing an article with the default recogniser loads
    the web stack or spaCy (the ``spacy`` recogniser is an extra, imported only when asked for)."""
    code = ("import sys, geo.cli, geo.pipeline, geo.export, geo.read, geo.evaluate\n"
            "from gazetteer import MemoryGazetteer\nfrom gazetteer.sources import iter_geonames_dump\n"
            "from geo.records import Article\n"
            f"gaz = MemoryGazetteer(iter_geonames_dump({str(SMALL_GAZETTEER)!r}))\n"
            "found = geo.pipeline.geoparse_articles([Article('a', 'Clashes erupted in Mosul.')], gazetteer=gaz)\n"
            "assert found.events, found.problems\n"
            "print(sorted(m for m in ('streamlit', 'folium', 'pandas', 'geopy', 'pyarrow', 'dask', 'tqdm', 'spacy', "
            "'thinc', 'geo.recognisers.spacy_ner') if m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout.strip() == "[]"


def test_gazetteer_lookup_lists_ranked_candidates(gaz):
    proc = dateline("gazetteer", "lookup", "Tel Keyf")
    assert "Tallkayf" in proc.stdout and "IQ" in proc.stdout


def test_gazetteer_info_shows_attribution(gaz):
    assert "GeoNames" in dateline("gazetteer", "info").stdout


def test_gazetteer_import_adds_a_dump(small_cache, capsys):
    dump = ROOT / "tests/data/IQ-sample.zip"
    assert main(["--cache-dir", str(small_cache), "gazetteer", "import", str(dump)]) == 0
    assert "imported 4 places" in capsys.readouterr().err
    assert main(["--cache-dir", str(small_cache), "gazetteer", "lookup", "Tall Kayf"]) == 0
    assert "PPLA2" in capsys.readouterr().out
    assert str(dump.resolve()) in (small_cache / "imports.json").read_text(encoding="utf-8")


@pytest.mark.slow
def test_dateline_app_serves_the_map(tmp_path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "STREAMLIT_SERVER_HEADLESS": "true", "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none"}
    proc = subprocess.Popen([sys.executable, "-m", "geo.cli", "app", str(SEEDS), "--port", str(port)], cwd=ROOT,
                            env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    assert r.read() == b"ok"
                    return
            except OSError:
                time.sleep(0.5)
        pytest.fail("dateline app did not answer its health check within 60 s")
    finally:  # the whole group: `dateline app` runs streamlit as its own child, which must not outlive the test
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)


@pytest.mark.slow
@pytest.mark.skipif(not (SHARED / "eval/dev/gwn-dev.jsonl").exists(), reason="needs ../shared/eval beside the checkout")
def test_annotate_then_eval_json(tmp_path, gaz):
    gold = SHARED / "eval/dev/gwn-dev.jsonl"
    pred = tmp_path / "pred.jsonl"
    dateline("annotate", str(gold), "-o", str(pred))
    assert sum(1 for _ in pred.open()) == 100
    report = json.loads(dateline("eval", str(gold), "--pred", str(pred), "--match", "exact", "--json").stdout)
    assert 0 < report["recognition"]["f1"] <= 1 and 0 < report["resolution"]["acc@161"] <= 1


def _many(tmp_path, n: int = 60):
    src = tmp_path / "many.jsonl"
    texts = json.loads("[" + ",".join(THREE.splitlines()) + "]")
    src.write_text("".join(json.dumps({**texts[i % 3], "id": f"m{i}"}) + "\n" for i in range(n)) + "{broken\n",
                   encoding="utf-8")
    return src


def test_parse_streams_partitions_of_a_large_file_to_the_same_bytes(tmp_path, small_cache):
    src = _many(tmp_path)
    whole, split = tmp_path / "whole.geojson", tmp_path / "split.geojson"
    assert main(["--cache-dir", str(small_cache), "parse", str(src), "-o", str(whole)]) == 0
    assert main(["--cache-dir", str(small_cache), "parse", str(src), "-o", str(split), "--partition-mb", "0.0005"]) == 0
    assert split.read_bytes() == whole.read_bytes()
    assert len(json.loads(whole.read_text(encoding="utf-8"))["features"]) >= 60
    assert not list(tmp_path.glob(".*partial*"))  # written aside, then moved into place


def test_parse_writes_parquet_and_geojsonl_by_suffix(tmp_path, small_cache, capsys):
    import pyarrow.parquet as pq

    src = _many(tmp_path, 6)
    for name in ("e.parquet", "e.geojsonl", "e.jsonl"):
        assert main(["--cache-dir", str(small_cache), "parse", str(src), "-o", str(tmp_path / name)]) == 0
    jsonl = [json.loads(line) for line in (tmp_path / "e.jsonl").read_text(encoding="utf-8").splitlines()]
    assert pq.read_table(tmp_path / "e.parquet").to_pylist() == jsonl
    features = [json.loads(line) for line in (tmp_path / "e.geojsonl").read_text(encoding="utf-8").splitlines()]
    assert [f["id"] for f in features] == [r["event_id"] for r in jsonl if r["lat"] is not None]
    assert "many.jsonl:7: not valid JSON" in capsys.readouterr().err  # the bad record is reported, not lost


def test_parquet_needs_a_file_and_dask_needs_a_folder(tmp_path, small_cache, capsys):
    src = _many(tmp_path, 3)
    assert main(["--cache-dir", str(small_cache), "parse", str(src), "--format", "parquet"]) == 2
    assert "add -o events.parquet" in capsys.readouterr().err
    assert main(["--cache-dir", str(small_cache), "parse", str(src), "--engine", "dask"]) == 2
    assert "add -o FOLDER" in capsys.readouterr().err


@pytest.mark.slow
def test_parse_shows_a_progress_bar_with_articles_per_second_on_a_terminal(tmp_path, small_cache):
    import fcntl
    import pty
    import struct
    import termios

    src = _many(tmp_path, 30)
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "geo.cli", "--cache-dir", str(small_cache), "parse", str(src),
                             "-o", str(tmp_path / "e.csv")], cwd=ROOT, stdin=follower, stdout=follower, stderr=follower)
    os.close(follower)
    out = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        out += chunk
    assert proc.wait(timeout=120) == 0
    screen = out.decode("utf-8", errors="replace")
    assert "30article [" in screen and "article/s]" in screen


@pytest.mark.slow
def test_parse_of_one_article_imports_no_web_or_table_stack(tmp_path, small_cache):
    src = tmp_path / "one.txt"
    src.write_text("Clashes erupted in Mosul on Tuesday.\n", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "geo.cli", "--cache-dir", str(small_cache),
                           "parse", str(src), "-o", str(tmp_path / "e.geojson")], cwd=ROOT, capture_output=True,
                          text=True, timeout=120, check=True)
    imported = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in proc.stderr.splitlines()
                if line.startswith("import time:")}
    assert "geo" in imported and "gazetteer" in imported
    assert not imported & {"streamlit", "folium", "pandas", "pyarrow", "dask", "distributed", "geopy"}
