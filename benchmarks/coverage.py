"""How good the gazetteer's points are, independent of the resolver, on the dev sets.

    DATELINE_CACHE_DIR=... python3 benchmarks/coverage.py [--corpora gwn-dev lgl ...]

Per corpus:
(a) country points: the share of gold country mentions (gold geonameid is a country's) that lie
    within 161 km of the point the index gives that country. A resolver that picks the right
    country still scores a miss when this point is off. WikToR gives no ids; its toponyms that
    share a country's name are other places ("Georgia", "Lebanon"), so none count.
(b) reach: the share of gold toponyms with coordinates for which the index holds an entry of
    the same folded name within 161 km of the gold point, overall and by gold feature code
    where the gold gives one (``fcode`` in LGL and TR-News). No resolver can beat this bound.
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import open_default  # noqa: E402
from gazetteer.normalise import fold  # noqa: E402
from geo.evaluate import haversine_km, load_jsonl  # noqa: E402

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl", "wiktor-dev")
KM = 161
#: Feature codes reported one by one; the rest are pooled as "other".
SHOWN_CODES = ("PCLI", "ADM1", "ADM2", "PPLC", "PPLA", "PPLA2", "PPL")


def countries(gaz) -> dict[int, tuple[float, float]]:
    """The index's country points by geonameid."""
    rows = gaz.db.execute("SELECT geonameid, lat, lon FROM places WHERE fcode LIKE 'PCL%' AND geonameid IS NOT NULL")
    return {gid: (lat, lon) for gid, lat, lon in rows}


def reached(gaz, top: dict) -> bool:
    """Whether any index entry of the gold toponym's folded name lies within KM of gold."""
    rows = gaz.db.execute("SELECT p.lat, p.lon FROM names n JOIN places p ON p.rowid = n.place WHERE n.fold = ?",
                          (fold(top["name"]),)).fetchall()
    return any(haversine_km(top["lat"], top["lon"], lat, lon) < KM for lat, lon in rows)


def report(name: str, gaz, points: dict) -> str:
    tops = [t for doc in load_jsonl(DEV / f"{name}.jsonl").values() for t in doc["toponyms"] if t.get("lat") is not None]
    near = [haversine_km(t["lat"], t["lon"], *points[int(t["geonameid"])]) < KM for t in tops
            if t.get("geonameid") and int(t["geonameid"]) in points]
    total, hit = Counter(), Counter()
    for t in tops:
        code = t.get("fcode")
        group = code if code in SHOWN_CODES else ("other" if code else None)
        ok = reached(gaz, t)
        for g in ("all", group) if group else ("all",):
            total[g] += 1
            hit[g] += ok
    by_code = ", ".join(f"{g} {hit[g] / total[g]:.3f} ({total[g]})" for g in ("all", *SHOWN_CODES, "other") if total[g])
    share = f"{sum(near) / len(near):.3f} ({len(near)})" if near else "- (0)"
    return f"| {name} | {share} | {by_code} |"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    args = ap.parse_args()
    gaz = open_default()
    points = countries(gaz)
    print(f"index: {gaz.path.name}\n")
    print(f"| corpus | (a) country mentions within {KM} km (n) | (b) same name within {KM} km, by gold fcode (n) |")
    print("|---|---|---|")
    for name in args.corpora:
        print(report(name, gaz, points))


if __name__ == "__main__":
    main()
