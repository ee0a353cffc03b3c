"""The eval command must agree with the reference scorer ../shared/eval/metrics.py."""
import json
import subprocess
import sys

import pytest
from conftest import ROOT, SHARED

from gazetteer.geometry import haversine_km
from geo.evaluate import auc, calibration, expected_calibration_error, gold_article, match_spans, prediction, score

METRICS = SHARED / "eval" / "metrics.py"
GOLD = SHARED / "eval" / "dev" / "trnews-dev.jsonl"


def test_haversine_and_auc():
    assert haversine_km(0, 0, 0, 1) == pytest.approx(111.195, abs=0.01)
    assert auc([0.0, 0.0]) == 0.0


def test_overlap_matching_is_one_to_one():
    gold = [{"start": 0, "end": 10}, {"start": 12, "end": 15}]
    pred = [{"start": 0, "end": 7}, {"start": 5, "end": 14}]
    assert sorted(match_spans(gold, pred, "overlap")) == [(0, 0), (1, 1)]
    assert match_spans(gold, pred, "exact") == []


def test_calibration_buckets_count_every_scored_prediction():
    rows = calibration([(0.99, 10.0), (0.97, 500.0), (0.55, 5.0)])
    assert sum(r["n"] for r in rows) == 3
    assert rows[-1]["acc@161"] == 0.5


def test_expected_calibration_error_is_the_weighted_gap_per_bin():
    assert expected_calibration_error([(0.95, 10.0), (0.95, 10.0)]) == pytest.approx(0.05)
    # 0.75-bin: 0.75 stated, half right -> 0.25 gap, half the answers; 0.95-bin: right -> 0.05
    assert expected_calibration_error([(0.75, 10.0), (0.75, 900.0), (0.95, 1.0), (0.95, 2.0)]) == \
        pytest.approx(0.5 * 0.25 + 0.5 * 0.05)


def test_score_reports_calibration_when_predictions_have_confidence():
    gold = {"d": {"id": "d", "toponyms": [{"start": 0, "end": 5, "name": "Mosul", "lat": 36.3, "lon": 43.1}]}}
    pred = {"d": {"id": "d", "toponyms": [{"start": 0, "end": 5, "lat": 36.3, "lon": 43.1, "confidence": 0.9}]}}
    report, _ = score(gold, pred)
    assert report["recognition"]["f1"] == 1.0 and report["calibration"][0]["n"] == 1


@pytest.mark.skipif(not METRICS.exists() or not GOLD.exists(), reason="../shared/eval is absent")
@pytest.mark.parametrize("mode", ["exact", "overlap"])
def test_eval_pred_agrees_with_reference_metrics(mode, tmp_path, gaz):
    pred = tmp_path / "pred.jsonl"
    subprocess.run([sys.executable, "-m", "geo.cli", "annotate", str(GOLD), "-o", str(pred)],
                   cwd=ROOT, check=True, capture_output=True)
    ours = json.loads(subprocess.run(
        [sys.executable, "-m", "geo.cli", "eval", str(GOLD), "--pred", str(pred), "--match", mode, "--json"],
        cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    ref = json.loads(subprocess.run([sys.executable, str(METRICS), str(GOLD), str(pred), "--match", mode],
                                    cwd=ROOT, check=True, capture_output=True, text=True).stdout)
    for section in ("recognition", "resolution"):
        for name, value in ref[section].items():
            assert ours[section][name] == pytest.approx(value, abs=1e-9), (section, name)


def test_prediction_scores_demonyms_only_when_asked_and_carries_the_focus(small_gaz):
    doc = {"id": "d", "text": "Syrian troops shelled Aleppo. Aleppo burned.", "toponyms": []}
    kinds = {t["name"]: t["kind"] for t in prediction(doc, small_gaz)["toponyms"]}
    assert kinds == {"Syrian": "demonym", "Aleppo": "toponym"}
    without = prediction(doc, small_gaz, demonyms=False)
    assert {t["name"] for t in without["toponyms"]} == {"Aleppo"}
    assert without["focus"]["country_code"] == "SY" and without["focus"]["name"] == "Aleppo"


def test_a_gold_document_gets_the_dateline_section_the_reader_finds():
    text = "ERBIL, Iraq (Reuters) - Kurdish forces advanced on Sunday.\n"
    article = gold_article({"id": "d", "text": text})
    assert article.text == text and article.section("dateline") is not None
    assert gold_article({"id": "e", "text": "Kurdish forces advanced."}).sections == ()
