"""Reading ``dateline parse`` exports back (GeoJSON, CSV, Parquet), so the map opens big
corpora without geoparsing them again.

Rows come back with the types :func:`geo.export.event_row` gives them (a CSV holds only
strings), so a view of loaded rows downloads as the same bytes as the original export. A row
that cannot be read becomes a :class:`~geo.records.Problem` naming file, line and field;
nothing is dropped silently.
"""
from __future__ import annotations

import csv
import io
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from geo.errors import InputError
from geo.export import COLUMNS, restore
from geo.read import SUPPORTED_SUFFIXES as ARTICLE_SUFFIXES
from geo.records import Problem, Stage

EXPORT_SUFFIXES = (".geojson", ".parquet")  # always exports; a .csv is one when its header says so
#: Columns a file must have to be read as an export rather than as articles.
REQUIRED = ("event_id", "lat", "lon")
_INTS = ("fatalities", "geonameid", "mention_start", "mention_end")
_FLOATS = ("lat", "lon", "confidence")
_BOOLS = ("date_inferred", "published_inferred", "background", "planned")
#: Export CSVs may neutralise cells that start like a formula with a leading apostrophe.


@dataclass
class Loaded:
    rows: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def is_export(name: str, head: bytes) -> bool:
    """Whether a file is an export: by suffix, or for a CSV by a first line with the export's columns.

    ``head`` is the start of the file (its first line is enough).
    """
    suffix = Path(name).suffix.lower()
    if suffix in EXPORT_SUFFIXES:
        return True
    if suffix != ".csv":
        return False
    first = head.decode("utf-8-sig", errors="replace").splitlines()[:1]
    header = next(csv.reader(first), [])
    return all(c in header for c in REQUIRED)


def split_paths(paths: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """``(exports, the rest)``: a folder holding exports is opened file by file, others as they are."""
    exports: list[Path] = []
    rest: list[Path] = []
    for path in paths:
        if not path.is_dir():
            (exports if path.is_file() and is_export(path.name, _head(path)) else rest).append(path)
            continue
        files = sorted(p for p in path.rglob("*") if p.is_file())
        found = [f for f in files if is_export(f.name, _head(f))]
        if not found:
            rest.append(path)
            continue
        exports += found
        rest += [f for f in files if f not in found and f.suffix.lower() in ARTICLE_SUFFIXES]
    return exports, rest


def load_paths(paths: Sequence[Path]) -> Loaded:
    out = Loaded()
    for path in paths:
        loaded = load_bytes(path.read_bytes(), str(path))
        out.rows += loaded.rows
        out.problems += loaded.problems
    return out


def _head(path: Path) -> bytes:
    with path.open("rb") as f:
        return f.read(4096)


def load_bytes(data: bytes, name: str) -> Loaded:
    suffix = Path(name).suffix.lower()
    readers: dict[str, Callable[[bytes, str], list[tuple[str, dict]]]] = {
        ".geojson": _geojson, ".csv": _csv, ".parquet": _parquet}
    if suffix not in readers:
        raise InputError(name, "not an export; open a .geojson, .csv or .parquet file from `dateline parse`")
    out = Loaded()
    for where, raw in readers[suffix](data, name):
        try:
            out.rows.append(typed(raw))
        except ValueError as e:
            out.problems.append(Problem(source=where, reason=str(e), stage=Stage.READ))
    return out


def typed(raw: dict) -> dict:
    """One export row from strings or JSON values; raises ValueError naming the bad field."""
    row = {c: _blank(raw.get(c)) for c in COLUMNS}
    if row["event_id"] is None:
        raise ValueError("field 'event_id' is empty; every exported event has one")
    for c in _FLOATS:
        row[c] = _number(c, row[c], float)
    for c in _INTS:
        row[c] = _number(c, row[c], int)
    for c in _BOOLS:
        row[c] = _bool(c, row[c])
    if (row["lat"] is None) != (row["lon"] is None):
        raise ValueError("fields 'lat' and 'lon': one is empty; give both or neither")
    lat, lon = row["lat"], row["lon"]
    if isinstance(lat, float) and isinstance(lon, float) and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"fields 'lat', 'lon': {row['lat']}, {row['lon']} is not a point on Earth")
    for c in COLUMNS:
        if c not in _FLOATS + _INTS + _BOOLS and row[c] is not None:
            row[c] = str(row[c])
    return row


def _geojson(data: bytes, name: str) -> list[tuple[str, dict]]:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InputError(name, f"not a GeoJSON file ({e}); export one with `dateline parse --format geojson`") from e
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise InputError(name, "not a GeoJSON FeatureCollection; export one with `dateline parse --format geojson`")
    out = []
    for i, feat in enumerate(doc.get("features") or [], 1):
        props = dict((feat or {}).get("properties") or {})
        coords = ((feat or {}).get("geometry") or {}).get("coordinates") or [None, None]
        props["lon"], props["lat"] = (coords + [None, None])[:2]
        out.append((f"{name}: feature {i}", props))
    return out


def _csv(data: bytes, name: str) -> list[tuple[str, dict]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(name, f"not UTF-8 ({e}); save it as UTF-8") from e
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise InputError(name, f"no column {', '.join(map(repr, missing))}; is this a `dateline parse` CSV?")
    # the export guarded formula-looking cells with a quote (geo.export.neutralise): undo it
    return [(f"{name}: line {reader.line_num}", {k: restore(v) if isinstance(v, str) else v for k, v in row.items()})
            for row in reader]


def _parquet(data: bytes, name: str) -> list[tuple[str, dict]]:
    import pyarrow.parquet as pq  # a Streamlit dependency, imported only when needed

    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as e:  # pyarrow raises its own error types for a bad file
        raise InputError(name, f"not a Parquet file ({e})") from e
    return [(f"{name}: row {i}", row) for i, row in enumerate(table.to_pylist(), 1)]


def _blank(v: object) -> object:
    if v is None or (isinstance(v, float) and math.isnan(v)) or (isinstance(v, str) and not v.strip()):
        return None
    return v


def _number(column: str, v: object, kind: type) -> object:
    if v is None:
        return None
    try:
        n = kind(float(str(v))) if kind is int else kind(str(v))
    except (TypeError, ValueError):
        raise ValueError(f"field {column!r}: {str(v)[:40]!r} is not a number") from None
    if isinstance(n, float) and not math.isfinite(n):
        raise ValueError(f"field {column!r}: {v!r} is not a finite number")
    return n


def _bool(column: str, v: object) -> bool | None:
    if v is None or isinstance(v, bool):
        return v
    text = str(v).strip().lower()
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise ValueError(f"field {column!r}: {str(v)[:40]!r} is not true or false")

