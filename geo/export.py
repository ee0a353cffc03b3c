"""Writing events out: GeoJSON (RFC 7946), CSV and JSONL, all from one flat row per event.

One row builder serves every format, the app's table and its downloads, so a file written by
the CLI and one downloaded from the map are the same bytes for the same events.
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
    "focus_country", "focus_place",
)
COORD_DECIMALS = 6
FORMATS = ("geojson", "csv", "jsonl")
MEDIA_TYPES = {"geojson": "application/geo+json", "csv": "text/csv", "jsonl": "application/x-ndjson"}


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
        "focus_country": event.focus.country_code if event.focus else None,
        "focus_place": event.focus.place.name if event.focus and event.focus.place else None,
    }


def rows(events: Iterable[Event]) -> list[dict]:
    return [event_row(e) for e in events]


def geojson_from_rows(rows_: Sequence[dict]) -> str:
    """A FeatureCollection of the rows that have a point; ``[lon, lat]``, no ``crs``, no NaN."""
    features = []
    for row in rows_:
        lat, lon = row.get("lat"), row.get("lon")
        if _missing(lat) or _missing(lon):
            continue
        assert lat is not None and lon is not None  # _missing covers None
        props = {k: _clean(row.get(k)) for k in COLUMNS if k not in ("lat", "lon")}
        features.append({
            "type": "Feature",
            "id": row["event_id"],
            "geometry": {"type": "Point", "coordinates": [round(float(lon), COORD_DECIMALS),
                                                          round(float(lat), COORD_DECIMALS)]},
            "properties": props,
        })
    doc = {"type": "FeatureCollection", "features": features}
    return json.dumps(doc, ensure_ascii=False, allow_nan=False, indent=1) + "\n"


def csv_from_rows(rows_: Sequence[dict]) -> str:
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows_:
        writer.writerow({k: "" if _missing(row.get(k)) else _clean(row.get(k)) for k in COLUMNS})
    return buf.getvalue()


def jsonl_from_rows(rows_: Sequence[dict]) -> str:
    return "".join(json.dumps({k: _clean(row.get(k)) for k in COLUMNS}, ensure_ascii=False,
                              allow_nan=False) + "\n" for row in rows_)


WRITERS = {"geojson": geojson_from_rows, "csv": csv_from_rows, "jsonl": jsonl_from_rows}


def render(events_or_rows: Iterable[Event] | Sequence[dict], fmt: str = "geojson") -> str:
    """Serialise events (or rows already flattened, e.g. a filtered app view) to ``fmt``."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    items: list[Event | dict] = list(events_or_rows)
    row_list = [i if isinstance(i, dict) else event_row(i) for i in items]
    return WRITERS[fmt](row_list)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _missing(v: object) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _clean(v: object) -> object:
    """JSON-safe scalars: NaN (e.g. from a pandas frame) becomes null, numpy scalars plain."""
    if _missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    return v
