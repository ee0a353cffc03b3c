"""Fuzzing the exporters: any cell text gives valid GeoJSON and JSONL, a CSV that reads back
to the same rows and values, nothing a spreadsheet would run, and unique ids."""
from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from geo import export
from tests.fuzz.strategies import texts

coordinates = st.tuples(st.floats(-90, 90), st.floats(-180, 180))
rows = st.lists(st.builds(lambda i, title, sentence, point, conf: {
    "event_id": i, "title": title, "sentence": sentence, "lat": point[0], "lon": point[1], "confidence": conf,
    "place": title[:10]}, st.sampled_from(["a:1", "a:2", "b:1", "a:1~2"]), texts, texts, coordinates,
    st.one_of(st.none(), st.floats(0, 1), st.just(float("nan")))), max_size=10)


@given(rows)
def test_csv_round_trips_and_neutralises(rows_):
    text = export.csv_from_rows(rows_)
    back = list(csv.DictReader(io.StringIO(text.removeprefix(export.CSV_BOM), newline="")))
    assert len(back) == len(rows_)
    for row, got in zip(rows_, back):
        for k in ("title", "sentence"):
            assert not got[k].startswith(export.FORMULA_TRIGGERS)
            assert export.restore(got[k]) == row[k]
    assert len({r["event_id"] for r in back}) == len(back)


@given(rows)
def test_geojson_and_jsonl_are_valid(rows_):
    doc = json.loads(export.geojson_from_rows(rows_))
    assert len(doc["features"]) == len(rows_) and len({f["id"] for f in doc["features"]}) == len(rows_)
    for f, row in zip(doc["features"], rows_):
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90 and f["properties"]["title"] == row["title"]
    lines = export.jsonl_from_rows(rows_).split("\n")
    assert lines[-1] == "" and [json.loads(line)["sentence"] for line in lines[:-1]] == [r["sentence"] for r in rows_]
    assert export.geojson_from_rows(rows_) == export.geojson_from_rows(rows_)
