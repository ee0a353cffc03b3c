"""Export: RFC 7946 GeoJSON, CSV and JSONL from the same rows, byte-stable."""
from __future__ import annotations

import csv
import io
import json

from geo import export


def test_geojson_is_rfc7946(seed_batch):
    doc = json.loads(export.render(seed_batch.events, "geojson"))
    assert doc["type"] == "FeatureCollection" and "crs" not in doc
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert f["properties"]["article_id"] and f["properties"]["sentence"]
    mosul = next(f for f in doc["features"] if f["properties"]["place"] == "Mosul")
    assert mosul["geometry"]["coordinates"] == [43.11889, 36.335]  # [lon, lat]


def test_same_input_same_bytes(gaz, seed_batch):
    from geo.pipeline import geoparse_paths
    from tests.conftest import SEEDS

    again = geoparse_paths([SEEDS], gazetteer=gaz)
    for fmt in export.FORMATS:
        assert export.render(again.events, fmt) == export.render(seed_batch.events, fmt)


def test_csv_and_jsonl_carry_the_schema(seed_batch):
    rows = list(csv.DictReader(io.StringIO(export.render(seed_batch.events, "csv"))))
    assert tuple(rows[0]) == export.COLUMNS and len(rows) == len(seed_batch.events)
    first = json.loads(export.render(seed_batch.events, "jsonl").splitlines()[0])
    assert tuple(first) == export.COLUMNS


def test_rows_without_point_are_left_out_of_geojson_and_nan_becomes_null():
    rows = [{"event_id": "a:1", "lat": None, "lon": None}, {"event_id": "a:2", "lat": 1.0, "lon": 2.0,
                                                           "confidence": float("nan")}]
    doc = json.loads(export.geojson_from_rows(rows))
    [f] = doc["features"]
    assert f["id"] == "a:2" and f["properties"]["confidence"] is None
