"""How good the gazetteer's points are, independent of the resolver, on the dev sets.

    DATELINE_CACHE_DIR=... python3 benchmarks/coverage.py [--corpora gwn-dev lgl ...]

Per corpus:
(a) country points: the share of gold country mentions (gold geonameid is a country's) that lie
    within 161 km of the point the index gives that country. A resolver that picks the right
    country still scores a miss when this point is off. WikToR gives no ids; its toponyms that
    share a country's name are other places ("Georgia", "Lebanon"), so none count.
    Admin-1 regions likewise (gold geonameid is a region's).
(b) reach: the share of gold toponyms with coordinates for which the index holds an entry of
    the same folded name within 161 km of the gold point, overall and by gold feature code
    where the gold gives one (``fcode`` in LGL and TR-News). No resolver can beat this bound.

``--countries DIR`` (DIR: the node_modules of ``python -m gazetteer.snapshot``, with its pip
extras installed) also prints, per country that matters (the most mentioned, and those whose
sources disagree by more than 100 km), our point and the alternatives the snapshot chose from,
and (a) under alternative rules for every country, e.g. the population-weighted centre of the
country's cities500 towns where Natural Earth's two middles disagree (Russia, Canada, China).
"""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import SQLiteGazetteer
from gazetteer.geometry import haversine_km, mean_point
from gazetteer.normalise import fold
from geo.evaluate import load_jsonl
from geo.pipeline import open_gazetteer
from geo.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl", "wiktor-dev")
KM = 161
#: Feature codes reported one by one; the rest are pooled as "other".
SHOWN_CODES = ("PCLI", "ADM1", "ADM2", "PPLC", "PPLA", "PPLA2", "PPL")


def points(gaz, fcode_like: str) -> dict[int, tuple[float, float]]:
    """The index's points of one kind (``PCL%`` countries, ``ADM1`` regions) by geonameid."""
    rows = gaz.db.execute("SELECT geonameid, lat, lon FROM places WHERE fcode LIKE ? AND geonameid IS NOT NULL",
                          (fcode_like,))
    return {gid: (lat, lon) for gid, lat, lon in rows}


def share_near(tops: list[dict], table: dict[int, tuple[float, float]]) -> str:
    """Share of the gold toponyms whose id is in ``table`` that lie within KM of its point."""
    near = [haversine_km(t["lat"], t["lon"], *table[int(t["geonameid"])]) < KM for t in tops
            if t.get("geonameid") and int(t["geonameid"]) in table]
    return f"{sum(near) / len(near):.3f} ({len(near)})" if near else "- (0)"


def reached(gaz, top: dict) -> bool:
    """Whether any index entry of the gold toponym's folded name lies within KM of gold."""
    rows = gaz.db.execute("SELECT p.lat, p.lon FROM names n JOIN places p ON p.rowid = n.place WHERE n.fold = ?",
                          (fold(top["name"]),)).fetchall()
    return any(haversine_km(top["lat"], top["lon"], lat, lon) < KM for lat, lon in rows)


def report(name: str, gaz, countries: dict, regions: dict) -> str:
    tops = [t for doc in load_jsonl(DEV / f"{name}.jsonl").values() for t in doc["toponyms"] if t.get("lat") is not None]
    total, hit = Counter(), Counter()
    for t in tops:
        code = t.get("fcode")
        group = code if code in SHOWN_CODES else ("other" if code else None)
        ok = reached(gaz, t)
        for g in ("all", group) if group else ("all",):
            total[g] += 1
            hit[g] += ok
    by_code = ", ".join(f"{g} {hit[g] / total[g]:.3f} ({total[g]})" for g in ("all", *SHOWN_CODES, "other") if total[g])
    return f"| {name} | {share_near(tops, countries)} | {share_near(tops, regions)} | {by_code} |"


def country_table(gaz, node_modules: Path, corpora: list[str], most: int = 12) -> list[str]:
    """Markdown rows: dev mentions, our point and method, the alternatives, distances between them."""
    from gazetteer.snapshot import _countryinfo_points, _ne_country_centres, _ne_label_points, country_points

    ours, cia = country_points(node_modules), _countryinfo_points()
    centres, labels = _ne_country_centres(node_modules), _ne_label_points()
    gid_cc = {gid: cc for gid, cc in gaz.db.execute("SELECT geonameid, cc FROM places WHERE fcode LIKE 'PCL%'")}
    mentions: Counter = Counter()
    near: Counter = Counter()
    for name in corpora:
        for doc in load_jsonl(DEV / f"{name}.jsonl").values():
            for t in doc["toponyms"]:
                cc = gid_cc.get(int(t["geonameid"])) if t.get("geonameid") and t.get("lat") is not None else None
                if cc in ours:
                    mentions[cc] += 1
                    near[cc] += haversine_km(t["lat"], t["lon"], *ours[cc][:2]) < KM
    pt = lambda p: f"{p[0]:.2f}, {p[1]:.2f}" if p else "-"  # noqa: E731
    km = lambda a, b: f"{haversine_km(*a, *b):.0f}" if a and b else "-"  # noqa: E731
    rows = []
    for cc, n in mentions.most_common():
        c, ne, lab = cia[cc][:2], centres.get(cc), labels.get(cc)
        spread = max(haversine_km(*a, *b) for a in (c, ne, lab) for b in (c, ne, lab) if a and b)
        if len(rows) < most or spread > 100:
            rows.append(f"| {cc} | {n} | {near[cc] / n:.2f} | {pt(ours[cc])} ({ours[cc][2]}) | {pt(c)} | {pt(ne)} | "
                        f"{pt(lab)} | {km(c, ne)} | {km(ne, lab)} |")
    return ["| country | dev mentions | within 161 km | ours (method) | CIA (countryinfo) | NE 10m centroid | "
            "NE 110m label | CIA-centroid km | centroid-label km |", "|---|---|---|---|---|---|---|---|---|", *rows]


def _population_centres() -> dict[str, tuple[float, float]]:
    from collections import defaultdict

    from gazetteer.sources import iter_cities

    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    weights: dict[str, list[float]] = defaultdict(list)
    for p in iter_cities():
        towns[p.country_code].append((p.lat, p.lon))
        weights[p.country_code].append(max(p.population, 1))
    return {cc: mean_point(towns[cc], weights[cc]) for cc in towns}


def rule_table(gaz, node_modules: Path, corpora: list[str]) -> list[str]:
    """Markdown rows: (a) per corpus under the snapshot's rule and under alternatives to it."""
    from gazetteer.snapshot import AGREE_KM, _ne_country_centres, _ne_label_points, country_points

    ours, centres, labels, pop = (country_points(node_modules), _ne_country_centres(node_modules),
                                  _ne_label_points(), _population_centres())
    no_middle = {cc for cc in ours if cc in centres and cc in labels
                 and haversine_km(*centres[cc], *labels[cc]) >= AGREE_KM}
    rules = {"snapshot rule": {cc: p[:2] for cc, p in ours.items()},
             "population centre where no middle": {cc: pop.get(cc, p[:2]) if cc in no_middle else p[:2]
                                                   for cc, p in ours.items()},
             "population centre everywhere": {cc: pop.get(cc, p[:2]) for cc, p in ours.items()},
             "NE label where no middle": {cc: labels[cc] if cc in no_middle else p[:2] for cc, p in ours.items()}}
    gid_cc = {gid: cc for gid, cc in gaz.db.execute("SELECT geonameid, cc FROM places WHERE fcode LIKE 'PCL%'")}
    rows = []
    for name in corpora:
        tops = [(t, gid_cc[int(t["geonameid"])]) for doc in load_jsonl(DEV / f"{name}.jsonl").values()
                for t in doc["toponyms"] if t.get("geonameid") and t.get("lat") is not None
                and gid_cc.get(int(t["geonameid"])) in ours]
        if tops:
            shares = [sum(haversine_km(t["lat"], t["lon"], *table[cc]) < KM for t, cc in tops) / len(tops)
                      for table in rules.values()]
            rows.append(f"| {name} ({len(tops)}) | " + " | ".join(f"{x:.3f}" for x in shares) + " |")
    return ["| corpus (country mentions) | " + " | ".join(rules) + " |", "|---" * (len(rules) + 1) + "|", *rows]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    ap.add_argument("--countries", type=Path, metavar="NODE_MODULES", help="also print the per-country table")
    ap.add_argument("--index", type=Path, help="an index file other than the default (e.g. an older build)")
    args = ap.parse_args()
    gaz = SQLiteGazetteer(args.index) if args.index else open_gazetteer(Settings.from_env())
    countries, regions = points(gaz, "PCL%"), points(gaz, "ADM1")
    print(f"index: {gaz.path.name}\n")
    print(f"| corpus | (a) country mentions within {KM} km (n) | admin-1 mentions within {KM} km (n) | "
          f"(b) same name within {KM} km, by gold fcode (n) |")
    print("|---|---|---|---|")
    for name in args.corpora:
        print(report(name, gaz, countries, regions))
    if args.countries:
        print("\n" + "\n".join(country_table(gaz, args.countries, args.corpora)))
        print("\n" + "\n".join(rule_table(gaz, args.countries, args.corpora)))


if __name__ == "__main__":
    main()
