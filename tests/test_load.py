"""Exports read back: the same rows, typed, from GeoJSON, CSV and Parquet; bad rows reported."""
from __future__ import annotations

import io

import pytest
from synthetic import event, make_events

from geo import filters, load
from geo.errors import InputError
from geo.export import COLUMNS, render, rows


@pytest.fixture(scope="module")
def exported():
    return rows([*make_events(60), event(place=None, start=9000)])


def test_geojson_and_csv_read_back_to_the_same_export(exported):
    for fmt in ("geojson", "csv"):
        loaded = load.load_bytes(render(exported, fmt).encode(), f"events.{fmt}")
        assert loaded.problems == []
        expected = exported if fmt == "csv" else [r for r in exported if r["lat"] is not None]
        assert render(loaded.rows, fmt) == render(expected, fmt)


def test_parquet_reads_back(exported):
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist([{c: r[c] for c in COLUMNS} for r in exported]), buf)
    loaded = load.load_bytes(buf.getvalue(), "events.parquet")
    assert render(loaded.rows, "csv") == render(exported, "csv")


def test_bad_rows_are_reported_with_line_and_field_and_the_rest_kept(exported):
    text = render(exported[:3], "csv").splitlines()
    header, good, bad = text[0], text[1], text[2]
    cols = header.removeprefix("\ufeff").split(",")  # the export starts with a BOM for Excel
    fields = bad.split(",")
    fields[cols.index("event_id")] = ""
    lat = text[3].split(",")
    lat[cols.index("lat")] = "north"
    data = "\n".join([header, good, ",".join(fields), ",".join(lat)]) + "\n"
    loaded = load.load_bytes(data.encode(), "mine.csv")
    assert len(loaded.rows) == 1
    assert [(p.source, p.reason) for p in loaded.problems] == [
        ("mine.csv: line 3", "field 'event_id' is empty; every exported event has one"),
        ("mine.csv: line 4", "field 'lat': 'north' is not a number")]


@pytest.mark.parametrize("name, data, message", [
    ("x.geojson", b"{", "not a GeoJSON file"),
    ("x.geojson", b'{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
    ("x.csv", b"title,text\na,b\n", "no column 'event_id', 'lat', 'lon'"),
    ("x.parquet", b"PAR1 nope", "not a Parquet file"),
    ("x.txt", b"hello", "not an export"),
])
def test_unreadable_files_name_the_file_and_the_fix(name, data, message):
    with pytest.raises(InputError, match=message) as e:
        load.load_bytes(data, name)
    assert str(e.value).startswith(name)


def test_exports_are_told_from_articles_and_folders_split(tmp_path, exported):
    (tmp_path / "events.csv").write_text(render(exported, "csv"), encoding="utf-8")
    (tmp_path / "articles.csv").write_text("title,text\nA,Fighting in Mosul.\n", encoding="utf-8")
    (tmp_path / "map.geojson").write_text(render(exported, "geojson"), encoding="utf-8")
    (tmp_path / "notes.md").write_text("not data", encoding="utf-8")
    assert load.is_export("a.csv", render(exported, "csv").encode()[:4096])
    assert not load.is_export("a.csv", b"title,text\n")
    exports, rest = load.split_paths([tmp_path])
    assert [p.name for p in exports] == ["events.csv", "map.geojson"]
    assert [p.name for p in rest] == ["articles.csv"]
    articles_only = tmp_path / "only"
    articles_only.mkdir()
    assert load.split_paths([articles_only]) == ([], [articles_only])
    corpus = filters.Corpus.from_batch(None, load.load_paths(exports).rows)
    assert len(corpus.rows) == 2 * len(exported) - 1 and len({r["event_id"] for r in corpus.rows}) == len(corpus.rows)
