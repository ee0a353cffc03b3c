"""Export: RFC 7946 GeoJSON, CSV and JSONL from the same rows, byte-stable."""
from __future__ import annotations

import csv
import io
import json

import pytest

from geo import export
from geo.records import Article


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


# --- incremental writers: chunk by chunk, the same bytes and schema --------------------------------

NEWS = tuple(Article(id=f"n{i}", title=f"T{i}", source=f"in.jsonl:{i}", text=text) for i, text in enumerate((
    "Clashes erupted in Mosul on Tuesday.", "Air strikes hit Aleppo on Monday.",
    "Fighting was reported in Tripoli, Libya.", "Nothing happened today.", "Protesters gathered in Baghdad.")))


@pytest.fixture(scope="module")
def small_rows(small_gaz):
    from geo.pipeline import geoparse_articles

    rows = export.rows(geoparse_articles(list(NEWS), gazetteer=small_gaz).events)
    assert len(rows) >= 4
    return rows


@pytest.mark.parametrize("fmt", export.FORMATS)
@pytest.mark.parametrize("chunk", [1, 2, 1000])
def test_writing_in_chunks_gives_the_bytes_of_writing_at_once(small_rows, fmt, chunk):
    out = io.StringIO()
    writer = export.open_writer(fmt, out=out)
    for i in range(0, len(small_rows), chunk):
        writer.write(small_rows[i:i + chunk])
        writer.write([])  # an article without events writes nothing
    writer.close()
    assert out.getvalue() == export.render(small_rows, fmt)


@pytest.mark.parametrize("fmt", export.FORMATS)
def test_an_empty_output_is_still_a_valid_file(fmt):
    out = io.StringIO()
    writer = export.open_writer(fmt, out=out)
    writer.close()
    assert out.getvalue() == export.render([], fmt)


def test_geojsonl_is_one_feature_per_line_of_the_geojson(small_rows):
    out = io.StringIO()
    writer = export.open_writer("geojsonl", out=out)
    writer.write(small_rows)
    writer.close()
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert lines == json.loads(export.render(small_rows, "geojson"))["features"]


def test_parquet_has_the_export_columns_and_the_jsonl_values(small_rows, tmp_path):
    import pyarrow.parquet as pq

    path = tmp_path / "e.parquet"
    with export.file_writer(path, "parquet") as writer:
        writer.write(small_rows[:2])
        writer.write(small_rows[2:])
    table = pq.read_table(path)
    assert tuple(table.column_names) == export.COLUMNS
    assert str(table.schema.field("lat").type) == "double" and str(table.schema.field("fatalities").type) == "int64"
    jsonl = [json.loads(line) for line in export.render(small_rows, "jsonl").splitlines()]
    assert table.to_pylist() == jsonl
    assert [p.name for p in tmp_path.iterdir()] == ["e.parquet"]  # the partial file was moved, not copied


def test_a_failed_write_leaves_no_file_under_the_name(small_rows, tmp_path):
    path = tmp_path / "e.csv"
    with pytest.raises(ZeroDivisionError), export.file_writer(path, "csv") as writer:
        writer.write(small_rows)
        raise ZeroDivisionError
    assert list(tmp_path.iterdir()) == []


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
