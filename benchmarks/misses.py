"""The resolution misses of the dev sets, by class, with the names behind each class.

    DATELINE_CACHE_DIR=... python3 benchmarks/misses.py [--corpora gwn-dev lgl ...] [--names 8]

Every exact-span answer 161 km or more from the gold point is put in one class by where the
gold point is among the name's candidates: none within 161 km ("not in the index", or a country
or region point that is too far from the gold's), a country or region chosen over a place the
index has, an area meant but a town chosen, a county or state chosen over the town, another
feature class, a namesake in another country, a namesake in the same country. Counts say which
rule of geo/resolve.py is worth changing; the names say what the class is made of.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer.lookup import Gazetteer
from gazetteer.place import Place
from geo.evaluate import ACC_KM, haversine_km, load_jsonl, match_spans, prediction
from geo.pipeline import open_gazetteer
from geo.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl", "wiktor-dev")


def miss_class(gold: dict, answer: Place, candidates: list[Place]) -> tuple[str, Place | None]:
    """The class of one miss, and the candidate the gold point is (the first within 161 km)."""
    meant = next((p for p in candidates if haversine_km(gold["lat"], gold["lon"], p.lat, p.lon) < ACC_KM), None)
    area = answer.is_country or answer.feature_code == "CONT" or answer.is_region
    if meant is None:
        return ("country or region point too far" if area else "not in the index"), None
    if area:
        return "country or region over a place", meant
    if meant.is_admin or meant.is_country:
        return ("town over the area meant" if meant.country_code == answer.country_code
                else "namesake in another country"), meant
    if answer.is_admin and answer.country_code == meant.country_code:
        return "area over the town meant", meant
    if answer.feature_class != meant.feature_class:
        return "other feature class", meant
    if answer.country_code != meant.country_code:
        return "namesake in another country", meant
    return "namesake in the same country", meant


def misses(name: str, gaz: Gazetteer) -> tuple[int, Counter[str], dict[str, Counter[str]]]:
    scored, classes, names = 0, Counter[str](), defaultdict(Counter)
    for doc in load_jsonl(DEV / f"{name}.jsonl").values():
        pred = prediction(doc, gaz)["toponyms"]
        for i, j in match_spans(doc["toponyms"], pred, "exact"):
            g, t = doc["toponyms"][i], pred[j]
            if g.get("lat") is None or t.get("lat") is None:
                continue
            scored += 1
            if haversine_km(g["lat"], g["lon"], t["lat"], t["lon"]) < ACC_KM:
                continue
            cands = [c.place for c in gaz.candidates(t["name"], 5000)]
            answer = next((p for p in cands if (round(p.lat, 5), round(p.lon, 5)) == (t["lat"], t["lon"])), None)
            if answer is None:  # a container answer or a user alias: not a candidate of the name itself
                classes["answer not a candidate of the name"] += 1
                continue
            cls, meant = miss_class(g, answer, cands)
            classes[cls] += 1
            where = f"{meant.name}, {meant.country_code} {meant.feature_code}" if meant else "-"
            names[cls][f"{t['name']} -> {answer.name}, {answer.country_code} {answer.feature_code} (meant {where})"] += 1
    return scored, classes, names


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    ap.add_argument("--names", type=int, default=5, help="names shown per class")
    args = ap.parse_args()
    gaz = open_gazetteer(Settings.from_env())
    for name in args.corpora:
        scored, classes, names = misses(name, gaz)
        print(f"\n{name}: {sum(classes.values())} misses of {scored} scored answers")
        for cls, n in classes.most_common():
            shown = "; ".join(f"{k} {v}" for k, v in names[cls].most_common(args.names))
            print(f"  {n:5d} {cls}" + (f": {shown}" if shown else ""))


if __name__ == "__main__":
    main()
