"""Export: RFC 7946 GeoJSON, CSV and JSONL from the same rows, byte-stable."""
from __future__ import annotations

import csv
import io
import json

import pytest

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
    rows = list(csv.DictReader(io.StringIO(export.render(seed_batch.events, "csv").removeprefix(export.CSV_BOM))))
    assert tuple(rows[0]) == export.COLUMNS and len(rows) == len(seed_batch.events)
    first = json.loads(export.render(seed_batch.events, "jsonl").splitlines()[0])
    assert tuple(first) == export.COLUMNS


def test_rows_without_point_are_left_out_of_geojson_and_nan_becomes_null():
    rows = [{"event_id": "a:1", "lat": None, "lon": None}, {"event_id": "a:2", "lat": 1.0, "lon": 2.0,
                                                           "confidence": float("nan")}]
    doc = json.loads(export.geojson_from_rows(rows))
    [f] = doc["features"]
    assert f["id"] == "a:2" and f["properties"]["confidence"] is None


def _row(**values):
    return {"event_id": "a:1", "lat": 36.335, "lon": 43.11889, **values}


HOSTILE_CELLS = ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tTAB", "\rCR", "'=quoted",
                 "''+twice", "plain", "line\nbreak", "bare\rcr", "crlf\r\nend", "'", "", "x,y\"z"]


def test_csv_neutralises_formulas_and_round_trips():
    rows = [_row(event_id=f"a:{i}", title=c, sentence=c) for i, c in enumerate(HOSTILE_CELLS)]
    text = export.csv_from_rows(rows)
    assert text.startswith(export.CSV_BOM)
    back = list(csv.DictReader(io.StringIO(text.removeprefix(export.CSV_BOM), newline="")))
    assert len(back) == len(rows)  # a bare CR or LF never makes a new row
    for cell, row in zip(HOSTILE_CELLS, back):
        assert not row["title"].startswith(export.FORMULA_TRIGGERS)
        assert export.restore(row["title"]) == cell
    assert back[0]["lat"] == "36.335" and export.neutralise("-2") == "'-2"  # numbers stay numbers


def test_duplicate_event_ids_become_unique_in_every_format():
    rows = [_row(), _row(), _row(event_id="a:1~2"), _row()]
    doc = json.loads(export.geojson_from_rows(rows))
    ids = [f["id"] for f in doc["features"]]
    assert ids == ["a:1", "a:1~2", "a:1~2~2", "a:1~3"]
    assert [f["properties"]["event_id"] for f in doc["features"]] == ids
    assert [json.loads(line)["event_id"] for line in export.jsonl_from_rows(rows).splitlines()] == ids


@pytest.mark.parametrize(("lat", "lon"), [(999.0, 0.0), (0.0, -400.0), (float("inf"), 0.0), (1e308, 1e308)])
def test_coordinates_outside_wgs84_stop_the_export(lat, lon):
    with pytest.raises(ValueError, match="outside WGS84"):
        export.geojson_from_rows([_row(lat=lat, lon=lon)])
