"""Writing events out: GeoJSON (RFC 7946), CSV and JSONL, all from one flat row per event.

One row builder serves every format, the app's table and its downloads, so a file written by
the CLI and one downloaded from the map are the same bytes for the same events.

Article text is untrusted, and this module is the one place its cells leave Dateline: CSV
cells that a spreadsheet would run as a formula are neutralised here (OWASP's rule), every
feature id is unique, and a coordinate outside WGS84 stops the export instead of producing
invalid GeoJSON.
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Iterable, Sequence
from datetime import date

from geo.records import Event

#: The export schema, in column order. Documented in README.md ("Output schema").
COLUMNS = (
    "event_id", "article_id", "title", "url", "role",
    "event_date", "time_precision", "date_inferred",
    "published", "published_inferred", "published_evidence",
    "event_type", "sub_event_type", "fatalities", "actors",
    "place", "mention", "geonameid", "place_id", "country_code", "feature_code",
    "lat", "lon", "confidence", "geo_precision", "alternatives",
    "sentence", "mention_start", "mention_end",
)
COORD_DECIMALS = 6
FORMATS = ("geojson", "csv", "jsonl")
MEDIA_TYPES = {"geojson": "application/geo+json", "csv": "text/csv", "jsonl": "application/x-ndjson"}
#: A cell starting with one of these is a formula to Excel/LibreOffice (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
#: Excel reads a CSV as UTF-8 only when it starts with a byte order mark.
CSV_BOM = "\ufeff"


def event_row(event: Event) -> dict:
    """Flatten an event. ``mention_start``/``mention_end`` index into ``sentence`` (for highlighting)."""
    r = event.resolution
    place = r.place
    m = r.mention
    sentence_offset = m.sentence_start
    return {
        "event_id": f"{event.article_id}:{m.start}",
        "article_id": event.article_id,
        "title": event.title,
        "url": event.url,
        "role": event.role,
        "event_date": _iso(event.date.value),
        "time_precision": event.date.precision,
        "date_inferred": event.date.inferred,
        "published": _iso(event.published.value),
        "published_inferred": event.published.inferred,
        "published_evidence": event.published.evidence,
        "event_type": event.event_type or None,
        "sub_event_type": event.sub_event_type or None,
        "fatalities": event.fatalities,
        "actors": "; ".join(event.actors) or None,
        "place": place.name if place else None,
        "mention": m.text,
        "geonameid": place.geonameid if place else None,
        "place_id": place.id if place else None,
        "country_code": (place.country_code or None) if place else None,
        "feature_code": (place.feature_code or None) if place else None,
        "lat": round(place.lat, COORD_DECIMALS) if place else None,
        "lon": round(place.lon, COORD_DECIMALS) if place else None,
        "confidence": round(r.confidence, 3),
        "geo_precision": r.geo_precision,
        "alternatives": "; ".join(f"{p.name} ({p.country_code})" for p in r.alternatives) or None,
        "sentence": event.sentence,
        "mention_start": m.start - sentence_offset,
        "mention_end": m.end - sentence_offset,
    }


def rows(events: Iterable[Event]) -> list[dict]:
    return [event_row(e) for e in events]


def geojson_from_rows(rows_: Sequence[dict]) -> str:
    """A FeatureCollection of the rows that have a point; ``[lon, lat]``, no ``crs``, no NaN."""
    features = []
    for row in unique_ids(rows_):
        lat, lon = row.get("lat"), row.get("lon")
        if lat is None or lon is None or _missing(lat) or _missing(lon):
            continue
        props = {k: _clean(row.get(k)) for k in COLUMNS if k not in ("lat", "lon")}
        features.append({
            "type": "Feature",
            "id": row["event_id"],
            "geometry": {"type": "Point", "coordinates": _point(row["event_id"], float(lat), float(lon))},
            "properties": props,
        })
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=1) + "\n"


def csv_from_rows(rows_: Sequence[dict]) -> str:
    """RFC 4180 CSV (CRLF rows, so a bare CR or LF inside a cell is always quoted) with a BOM
    for Excel, and formula-looking text cells neutralised (:func:`neutralise`)."""
    buf = io.StringIO(newline="")
    buf.write(CSV_BOM)
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\r\n")
    writer.writeheader()
    for row in unique_ids(rows_):
        writer.writerow({k: _csv_cell(row.get(k)) for k in COLUMNS})
    return buf.getvalue()


def jsonl_from_rows(rows_: Sequence[dict]) -> str:
    return "".join(json.dumps({k: _clean(row.get(k)) for k in COLUMNS}, ensure_ascii=False,
                              allow_nan=False) + "\n" for row in unique_ids(rows_))


def neutralise(cell: str) -> str:
    """OWASP's CSV-injection rule: a cell a spreadsheet would evaluate gets a leading ``'``.

    Reversible by :func:`restore`: a cell that already starts with quotes before a trigger
    gets one more, so reading an export back gives the original text.
    """
    return "'" + cell if cell.lstrip("'").startswith(FORMULA_TRIGGERS) else cell


def restore(cell: str) -> str:
    """The original text of a cell :func:`neutralise` wrote (for reading an export back)."""
    return cell[1:] if cell.startswith("'") and cell.lstrip("'").startswith(FORMULA_TRIGGERS) else cell


def unique_ids(rows_: Iterable[dict]) -> list[dict]:
    """The rows with every ``event_id`` unique: a repeat gets ``~2``, ``~3``... in input order.

    The pipeline's ids are unique already; rows merged from several uploads of one file are
    not, and a GeoJSON with duplicate feature ids breaks selection in most viewers.
    """
    used: set[str] = set()
    last: dict[str, int] = {}
    out = []
    for row in rows_:
        base = new = str(row.get("event_id"))
        n = last.get(base, 1)
        while new in used:
            n += 1
            new = f"{base}~{n}"
        last[base] = n
        used.add(new)
        out.append(row if new == base else {**row, "event_id": new})
    return out


WRITERS = {"geojson": geojson_from_rows, "csv": csv_from_rows, "jsonl": jsonl_from_rows}


def render(events_or_rows: Iterable[Event] | Sequence[dict], fmt: str = "geojson") -> str:
    """Serialise events (or rows already flattened, e.g. a filtered app view) to ``fmt``."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    items = list(events_or_rows)
    row_list = [i if isinstance(i, dict) else event_row(i) for i in items]
    return WRITERS[fmt](row_list)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _point(event_id: str, lat: float, lon: float) -> list[float]:
    """``[lon, lat]`` rounded; a point outside WGS84 is a bug upstream (sources validate), so fail loudly."""
    if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
        raise ValueError(f"event {event_id}: coordinates ({lat}, {lon}) are outside WGS84; "
                         "check the gazetteer or alias row it was resolved to")
    return [round(lon, COORD_DECIMALS), round(lat, COORD_DECIMALS)]


def _csv_cell(v: object) -> object:
    if _missing(v):
        return ""
    v = _clean(v)
    return neutralise(v) if isinstance(v, str) else v


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _clean(v: object) -> object:
    """JSON-safe scalars: NaN (e.g. from a pandas frame) becomes null, numpy scalars plain."""
    if _missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    return v
