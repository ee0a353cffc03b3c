"""Writing events out: GeoJSON (RFC 7946), CSV and JSONL, all from one flat row per event.

One row builder serves every format, the app's table and its downloads, so a file written by
the CLI and one downloaded from the map are the same bytes for the same events.

Article text is untrusted, and this module is the one place its cells leave Dateline: CSV
cells that a spreadsheet would run as a formula are neutralised here (OWASP's rule), every
feature id is unique, and a coordinate outside WGS84 stops the export instead of producing
invalid GeoJSON.
"""
from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import Any, Protocol, TextIO

from geo.ids import UniqueIds
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
    "background", "planned", "trigger", "supporting_sentences", "published_interval", "event_interval",
    "fatalities_phrase",
    "focus_country", "focus_place",
)
#: Supporting sentences in one cell: sentences never hold a newline (geo.text splits at them).
SUPPORT_SEPARATOR = "\n"
COORD_DECIMALS = 6
FORMATS = ("geojson", "csv", "jsonl")  # what render() returns as text
#: What a file can be written as, row chunk by row chunk (see :func:`open_writer`).
FILE_FORMATS = (*FORMATS, "geojsonl", "parquet")
#: Column types in Parquet (pyarrow type names); every other column is a string (ISO dates stay strings, as in CSV/JSON).
#: A new non-string column needs its entry here.
COLUMN_TYPES = {"date_inferred": "bool_", "published_inferred": "bool_", "fatalities": "int64", "geonameid": "int64",
                "lat": "float64", "lon": "float64", "confidence": "float64", "mention_start": "int64",
                "mention_end": "int64", "background": "bool_", "planned": "bool_"}
MEDIA_TYPES = {"geojson": "application/geo+json", "csv": "text/csv", "jsonl": "application/x-ndjson",
               "geojsonl": "application/geo+json-seq", "parquet": "application/vnd.apache.parquet"}
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
        "background": event.background,
        "planned": event.planned,
        "trigger": event.trigger or None,
        "supporting_sentences": SUPPORT_SEPARATOR.join(event.supporting) or None,
        "published_interval": event.published.interval,
        "event_interval": event.date.interval,
        "fatalities_phrase": event.fatalities_phrase or None,
        "focus_country": event.focus.country_code if event.focus else None,
        "focus_place": event.focus.place.name if event.focus and event.focus.place else None,
    }


def rows(events: Iterable[Event]) -> list[dict]:
    return [event_row(e) for e in events]


def geojson_from_rows(rows_: Sequence[dict]) -> str:
    """A FeatureCollection of the rows that have a point; ``[lon, lat]``, no ``crs``, no NaN."""
    buf = io.StringIO()
    writer = GeoJSONWriter(buf)
    writer.write(rows_)
    writer.close()
    return buf.getvalue()


def feature(row: dict) -> dict | None:
    """One row as a GeoJSON Feature, or None when it has no point (RFC 7946 needs one)."""
    lat, lon = row.get("lat"), row.get("lon")
    if _missing(lat) or _missing(lon):
        return None
    assert lat is not None and lon is not None  # _missing covers None
    return {
        "type": "Feature",
        "id": row["event_id"],
        "geometry": {"type": "Point", "coordinates": _point(row["event_id"], float(lat), float(lon))},
        "properties": {k: _clean(row.get(k)) for k in COLUMNS if k not in ("lat", "lon")},
    }


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


def unique_ids(rows_: Iterable[dict], ids: UniqueIds | None = None) -> list[dict]:
    """The rows with every ``event_id`` unique (:mod:`geo.ids`); pass ``ids`` to keep them unique
    across the chunks of one streamed file."""
    ids = ids or UniqueIds()
    return [row if (new := ids(str(row.get("event_id")))) == row.get("event_id") else {**row, "event_id": new}
            for row in rows_]


WRITERS = {"geojson": geojson_from_rows, "csv": csv_from_rows, "jsonl": jsonl_from_rows}



# --- incremental writers: a file grows chunk by chunk, so no run holds all its events ------------


class Writer(Protocol):
    def write(self, rows_: Sequence[dict]) -> None: ...
    def close(self) -> None: ...


class _TextWriter:
    """A text format written chunk by chunk; event ids stay unique across the chunks."""

    def __init__(self, out: TextIO):
        self._out = out
        self._ids = UniqueIds()

    def write(self, rows_: Sequence[dict]) -> None:
        self._write(unique_ids(rows_, self._ids))

    def _write(self, rows_: Sequence[dict]) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


class CSVWriter(_TextWriter):
    """Chunks of :func:`csv_from_rows` under one header: the same bytes as writing all rows at once."""

    def __init__(self, out: TextIO):
        super().__init__(out)
        self._started = False

    def _write(self, rows_: Sequence[dict]) -> None:
        if not rows_:
            return
        text = csv_from_rows(rows_)
        self._out.write(text if not self._started else text.split("\n", 1)[1])
        self._started = True

    def close(self) -> None:
        if not self._started:
            self._out.write(csv_from_rows([]))


class JSONLWriter(_TextWriter):
    def _write(self, rows_: Sequence[dict]) -> None:
        self._out.write(jsonl_from_rows(rows_))


class GeoJSONWriter(_TextWriter):
    """A FeatureCollection written feature by feature, byte for byte what ``json.dumps(doc, indent=1)``
    gives for the whole collection (JSON strings hold no raw newline, so re-indenting lines is safe)."""

    def __init__(self, out: TextIO):
        super().__init__(out)
        self._features = 0

    def _write(self, rows_: Sequence[dict]) -> None:
        for row in rows_:
            f = feature(row)
            if f is None:
                continue
            text = json.dumps(f, ensure_ascii=False, allow_nan=False, indent=1).replace("\n", "\n  ")
            self._out.write(('{\n "type": "FeatureCollection",\n "features": [\n  ' if not self._features else ",\n  ")
                            + text)
            self._features += 1

    def close(self) -> None:
        self._out.write("\n ]\n}\n" if self._features else '{\n "type": "FeatureCollection",\n "features": []\n}\n')


class GeoJSONLWriter(_TextWriter):
    """GeoJSON Lines: one Feature per line (rows without a point are left out, as in GeoJSON)."""

    def _write(self, rows_: Sequence[dict]) -> None:
        for row in rows_:
            f = feature(row)
            if f is not None:
                self._out.write(json.dumps(f, ensure_ascii=False, allow_nan=False) + "\n")


class ParquetWriter:
    """Parquet with the export columns (types in :data:`COLUMN_TYPES`), one row group per
    ``group_rows`` rows. pyarrow is imported here, so geoparsing alone never loads it."""

    def __init__(self, path: Path, group_rows: int = 20_000):
        import pyarrow as pa
        import pyarrow.parquet as pq

        self._pa = pa
        self.schema = pa.schema([(c, getattr(pa, COLUMN_TYPES.get(c, "string"))()) for c in COLUMNS])
        self._file = pq.ParquetWriter(str(path), self.schema)
        self._pending: list[dict] = []
        self._group_rows = group_rows
        self._ids = UniqueIds()

    def write(self, rows_: Sequence[dict]) -> None:
        self._pending.extend({k: _clean(row.get(k)) for k in COLUMNS} for row in unique_ids(rows_, self._ids))
        if len(self._pending) >= self._group_rows:
            self._flush()

    def _flush(self) -> None:
        if self._pending:
            self._file.write_table(self._pa.Table.from_pylist(self._pending, schema=self.schema))
            self._pending = []

    def close(self) -> None:
        self._flush()
        self._file.close()


@contextlib.contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A path to write instead of ``path``, moved to ``path`` only when the block succeeds: a crash
    (or a killed Dask worker) never leaves half a file under its name, and writing twice is harmless."""
    partial = path.with_name(f".{path.name}.partial-{os.getpid()}")  # hidden: dataset readers skip it
    try:
        yield partial
        partial.replace(path)
    finally:
        partial.unlink(missing_ok=True)


@contextlib.contextmanager
def file_writer(path: Path, fmt: str) -> Iterator[Writer]:
    """A :class:`Writer` into ``path``, which appears complete or not at all (:func:`atomic_path`)."""
    with atomic_path(path) as partial, contextlib.ExitStack() as stack:
        out = None if fmt == "parquet" else stack.enter_context(partial.open("w", encoding="utf-8", newline=""))
        writer = open_writer(fmt, out=out, path=partial)
        yield writer
        writer.close()


_TEXT_WRITERS: dict[str, Any] = {"geojson": GeoJSONWriter, "csv": CSVWriter, "jsonl": JSONLWriter,
                                 "geojsonl": GeoJSONLWriter}


def open_writer(fmt: str, out: TextIO | None = None, path: Path | None = None) -> Writer:
    """A writer of ``fmt`` to the text stream ``out``, or (Parquet, which is binary) to ``path``."""
    if fmt == "parquet":
        if path is None:
            raise ValueError("Parquet is binary: give a file to write to (-o events.parquet)")
        return ParquetWriter(path)
    if fmt not in _TEXT_WRITERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FILE_FORMATS)}")
    if out is None:
        raise ValueError(f"{fmt} needs a text stream to write to")
    return _TEXT_WRITERS[fmt](out)


def render(events_or_rows: Iterable[Event] | Sequence[dict], fmt: str = "geojson") -> str:
    """Serialise events (or rows already flattened, e.g. a filtered app view) to ``fmt``."""
    if fmt not in WRITERS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    items: list[Event | dict] = list(events_or_rows)
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
    if type(v) in _PLAIN:  # nearly every value: skip the checks below
        return v
    if _missing(v):
        return None
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):
        return v.item()
    return v


_PLAIN = frozenset({str, int, bool, type(None)})
