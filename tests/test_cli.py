"""The ``dateline`` command as a user runs it: real subprocesses, real files."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT, SEEDS, SHARED


def dateline(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    proc = subprocess.run([sys.executable, "-m", "geo.cli", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=300)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def test_parse_seeds_to_geojson(tmp_path, gaz):
    out = tmp_path / "events.geojson"
    proc = dateline("parse", str(SEEDS), "-o", str(out))
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) > 100
    assert "of 19 articles" in proc.stderr


def test_parse_csv_format_from_suffix_and_problems_report(tmp_path, gaz):
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "a", "title": "T", "text": "Fighting in Mosul."}\n{"id": "b", "title": "T", "text": ""}\n',
                   encoding="utf-8")
    out, problems = tmp_path / "e.csv", tmp_path / "p.jsonl"
    dateline("parse", str(src), "-o", str(out), "--problems", str(problems))
    assert out.read_text(encoding="utf-8").startswith("event_id,article_id,")
    [p] = [json.loads(line) for line in problems.read_text(encoding="utf-8").splitlines()]
    assert p["source"].endswith("in.jsonl:2")


def test_bad_input_is_a_message_not_a_traceback(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("headline,body\nx,y\n", encoding="utf-8")
    proc = dateline("parse", str(bad), check=False)
    assert proc.returncode == 2
    assert "bad.csv:1: field 'title'" in proc.stderr and "Traceback" not in proc.stderr


def test_gazetteer_lookup_lists_ranked_candidates(gaz):
    proc = dateline("gazetteer", "lookup", "Tel Keyf")
    assert "Tallkayf" in proc.stdout and "IQ" in proc.stdout


def test_gazetteer_info_shows_attribution(gaz):
    assert "GeoNames" in dateline("gazetteer", "info").stdout


def test_gazetteer_import_adds_a_dump(tmp_path):
    cache = tmp_path / "cache"
    proc = dateline("--cache-dir", str(cache), "gazetteer", "import", str(ROOT / "tests/data/IQ-sample.zip"))
    assert "imported 4 places" in proc.stderr
    assert "PPLA2" in dateline("--cache-dir", str(cache), "gazetteer", "lookup", "Tall Kayf").stdout


@pytest.mark.skipif(not (SHARED / "eval/dev/gwn-dev.jsonl").exists(), reason="needs ../shared/eval beside the checkout")
def test_annotate_then_eval_json(tmp_path, gaz):
    gold = SHARED / "eval/dev/gwn-dev.jsonl"
    pred = tmp_path / "pred.jsonl"
    dateline("annotate", str(gold), "-o", str(pred))
    assert sum(1 for _ in pred.open()) == 100
    report = json.loads(dateline("eval", str(gold), "--pred", str(pred), "--match", "exact", "--json").stdout)
    assert 0 < report["recognition"]["f1"] <= 1 and 0 < report["resolution"]["acc@161"] <= 1
