"""Regenerate the accuracy table of ``benchmarks/ACCURACY.md`` on the dev sets.

    DATELINE_CACHE_DIR=... python3 benchmarks/accuracy.py [--corpora gwn-dev lgl ...] [--recognisers rules spacy]

One row per corpus: P, R, F1 for exact and overlap spans, accuracy@161 km, AUC, mean and
median error (exact spans), documents per second; then how many misses are country answers
a few hundred km off (the country points are not GeoNames' own), and the calibration table
(accuracy@161 per confidence bucket) over all corpora. With several ``--recognisers``, each corpus
gets one row per recogniser, one after the other in the same process (the calibration table
is then over all of them). Scoring is :func:`geo.evaluate.score`, which a test
checks against the reference ``shared/eval/metrics.py``.
"""
from __future__ import annotations

import argparse
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.evaluate import calibration, load_jsonl, prediction, score
from geo.pipeline import open_gazetteer
from geo.recognisers import NAMES, recogniser_for
from geo.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl", "wiktor-dev")


#: A country-precision answer this close to the gold point names the right country; the
#: countries' points are not GeoNames' own (see gazetteer/snapshot.py), so it can still miss 161 km.
SAME_COUNTRY_KM = 1100


def _row(name: str, gaz, demonyms: bool = True, settings: Settings | None = None) -> tuple[str, list[tuple[float, float]], str]:
    gold = load_jsonl(DEV / f"{name}.jsonl")
    recogniser_for(settings)  # a model loads before the clock starts
    started = time.perf_counter()
    pred = {doc_id: prediction(doc, gaz, settings, demonyms=demonyms) for doc_id, doc in gold.items()}
    if settings and settings.recogniser != "rules":
        name = f"{name} ({settings.recogniser})"
    speed = len(gold) / (time.perf_counter() - started)
    exact, _ = score(gold, pred, "exact")
    overlap, _ = score(gold, pred, "overlap")
    e, o, res = exact["recognition"], overlap["recognition"], exact["resolution"]
    row = (f"| {name} | {e['precision']:.3f} / {e['recall']:.3f} / {e['f1']:.3f} | "
           f"{o['precision']:.3f} / {o['recall']:.3f} / {o['f1']:.3f} | {res['acc@161']:.3f} | "
           f"{overlap['resolution']['acc@161']:.3f} | {res['auc']:.3f} | {res['mean_km']:.0f} | "
           f"{res['median_km']:.1f} | {res.get('ece', float('nan')):.3f} | {speed:.0f} |")
    scored = list(_scored(gold, pred))
    confident = [(t["confidence"], err) for t, err in scored]
    ok = sum(1 for _, err in scored if err < 161)
    country = sum(1 for t, err in scored if 161 <= err < SAME_COUNTRY_KM and t["geo_precision"] == "country")
    points = f"| {name} | {len(scored)} | {ok / len(scored):.3f} | {country} | {(ok + country) / len(scored):.3f} |"
    return row, confident, points


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
    ap.add_argument("--demonyms", choices=("include", "exclude"), default="include",
                    help="score demonyms as toponyms, as TR-News and LGL annotate them (GeoVirus does not)")
    ap.add_argument("--recognisers", nargs="+", choices=NAMES, default=["rules"],
                    help="one row per corpus and recogniser, side by side in this one run")
    args = ap.parse_args()
    gaz = open_gazetteer(Settings.from_env())
    print(f"machine: {platform.processor() or platform.machine()}, {platform.python_implementation()} "
          f"{platform.python_version()}, one process; demonyms {args.demonyms}d\n")
    print("| corpus | exact P / R / F1 | overlap P / R / F1 | acc@161 (exact) | acc@161 (overlap) | AUC | "
          "mean km | median km | ECE | docs/s |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    confident, points = [], []
    for name in args.corpora:
        for rec in args.recognisers:
            row, conf, point_row = _row(name, gaz, args.demonyms == "include", Settings.from_env(recogniser=rec))
            print(row, flush=True)
            confident += conf
            points.append(point_row)
    print(f"\n| corpus | scored | acc@161 | country answers 161-{SAME_COUNTRY_KM} km off | acc@161 counting them |"
          "\n|---|---|---|---|---|")
    print("\n".join(points))
    print("\n| confidence | n | acc@161 |\n|---|---|---|")
    for r in calibration(confident):
        print(f"| {r['confidence']} | {r['n']} | {r['acc@161']:.3f} |")


if __name__ == "__main__":
    main()
