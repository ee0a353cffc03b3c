"""Regenerate the accuracy table of ``benchmarks/ACCURACY.md`` on the dev sets.

    DATELINE_CACHE_DIR=... python3 benchmarks/accuracy.py [--corpora gwn-dev lgl ...]

One row per corpus: P, R, F1 for exact and overlap spans, accuracy@161 km, AUC, mean and
median error (exact spans), documents per second; then the calibration table (accuracy@161
per confidence bucket) over all corpora. Scoring is :func:`geo.evaluate.score`, which a test
checks against the reference ``shared/eval/metrics.py``.
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import open_default  # noqa: E402
from geo.evaluate import calibration, load_jsonl, prediction, score  # noqa: E402

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl", "wiktor-dev")


def _row(name: str, gaz) -> tuple[str, list[tuple[float, float]]]:
    gold = load_jsonl(DEV / f"{name}.jsonl")
    started = time.perf_counter()
    pred = {doc_id: prediction(doc, gaz) for doc_id, doc in gold.items()}
    speed = len(gold) / (time.perf_counter() - started)
    exact, _ = score(gold, pred, "exact")
    overlap, _ = score(gold, pred, "overlap")
    e, o, res = exact["recognition"], overlap["recognition"], exact["resolution"]
    row = (f"| {name} | {e['precision']:.3f} / {e['recall']:.3f} / {e['f1']:.3f} | "
           f"{o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f} | {res['acc@161']:.3f} | "
           f"{overlap['resolution']['acc@161']:.3f} | {res['auc']:.3f} | {res['mean_km']:.0f} | "
           f"{res['median_km']:.1f} | {speed:.0f} |")
    confident = [(t["confidence"], err) for t, err in _scored(gold, pred)]
    return row, confident


def _scored(gold: dict, pred: dict):
    """(prediction, error km) of every exact-span match with coordinates on both sides."""
    from geo.evaluate import haversine_km, match_spans

    for doc_id, gdoc in gold.items():
        p = pred[doc_id]["toponyms"]
        for i, j in match_spans(gdoc["toponyms"], p, "exact"):
            g, t = gdoc["toponyms"][i], p[j]
            if g.get("lat") is not None and t.get("lat") is not None:
                yield t, haversine_km(g["lat"], g["lon"], t["lat"], t["lon"])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    args = ap.parse_args()
    gaz = open_default()
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, one process\n")
    print("| corpus | exact P / R / F1 | overlap P / R / F1 | acc@161 (exact) | acc@161 (overlap) | AUC | "
          "mean km | median km | docs/s |")
    print("|---|---|---|---|---|---|---|---|---|")
    confident = []
    for name in args.corpora:
        row, conf = _row(name, gaz)
        print(row)
        confident += conf
    print("\n| confidence | n | acc@161 |\n|---|---|---|")
    for r in calibration(confident):
        print(f"| {r['confidence']} | {r['n']} | {r['acc@161']:.3f} |")


if __name__ == "__main__":
    main()
