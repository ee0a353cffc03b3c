"""The on-disk gazetteer index (SQLite) and its lookup interface.

Built once into the user cache dir (a few seconds to a minute), then every start only opens a
file: the hosted demo and each Dask worker stay small because nothing is held in memory
beyond SQLite's page cache. The object pickles as its path, so it ships to workers as is.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from gazetteer.errors import IndexMissing, SourceError
from gazetteer.lookup import Candidate, MatchKind, ranked
from gazetteer.normalise import fold, key
from gazetteer.place import Place, coordinate_problem

SCHEMA = """
CREATE TABLE IF NOT EXISTS places (
    rowid INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, name TEXT NOT NULL,
    lat REAL NOT NULL, lon REAL NOT NULL, cc TEXT, fclass TEXT, fcode TEXT,
    population INTEGER, admin1 TEXT, geonameid INTEGER, source TEXT);
CREATE TABLE IF NOT EXISTS names (fold TEXT NOT NULL, key TEXT NOT NULL, place INTEGER NOT NULL,
    name TEXT NOT NULL, alias INTEGER NOT NULL DEFAULT 0, UNIQUE (fold, place));
CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT);
"""
INDEXES = """
CREATE INDEX IF NOT EXISTS names_fold ON names(fold);
CREATE INDEX IF NOT EXISTS names_key ON names(key);
CREATE INDEX IF NOT EXISTS places_cc ON places(cc, fcode);
"""
_PLACE_COLS = "p.id, p.name, p.lat, p.lon, p.cc, p.fclass, p.fcode, p.population, p.admin1, p.geonameid, p.source"


class SQLiteGazetteer:
    """The :class:`~gazetteer.lookup.Gazetteer` over an index file. Cheap to construct;
    connects on first use, once per thread."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._local = threading.local()

    def __getstate__(self) -> dict[str, Path]:
        return {"path": self.path}

    def __setstate__(self, state: dict[str, Path]) -> None:
        self.__init__(state["path"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"SQLiteGazetteer({str(self.path)!r})"

    @property
    def db(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if not self.path.exists():
                raise IndexMissing(f"{self.path}: no gazetteer index here; any dateline command builds the "
                                   "default one on first use (or point --cache-dir / DATELINE_CACHE_DIR at it)")
            conn = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    # -- lookups ---------------------------------------------------------------------------

    def candidates(self, name: str, limit: int = 50) -> list[Candidate]:
        """Places a surface form may denote, best match first, then by population."""
        f, k = fold(name), key(name)
        if not f:
            return []
        rows = self.db.execute(
            f"SELECT {_PLACE_COLS}, n.name, n.alias, n.fold = ? FROM names n JOIN places p ON p.rowid = n.place "
            "WHERE n.fold = ? OR n.key = ?", (f, f, k)).fetchall()
        return ranked(((_place(row), _how(row[12], row[13]), row[11]) for row in rows), limit)

    def get(self, place_id: str) -> Place | None:
        row = self.db.execute(f"SELECT {_PLACE_COLS} FROM places p WHERE p.id = ?", (place_id,)).fetchone()
        return _place(row) if row else None

    def has_fold(self, folded: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE fold = ? LIMIT 1", (folded,)).fetchone() is not None

    def has_key(self, keyed: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE key = ? LIMIT 1", (keyed,)).fetchone() is not None

    def admin1(self, cc: str, code: str) -> Place | None:
        row = self.db.execute(f"SELECT {_PLACE_COLS} FROM places p WHERE p.cc = ? AND p.admin1 = ? "
                              "AND p.fcode = 'ADM1' LIMIT 1", (cc, code)).fetchone()
        return _place(row) if row else None

    def meta(self) -> dict[str, str]:
        """The index's own notes (version, attribution, alias stamp, row counts): one small read."""
        return dict(self.db.execute("SELECT k, v FROM meta").fetchall())

    def stats(self) -> dict[str, int | str]:
        """Meta plus the row counts, which the writer stored: counting 13 million rows on
        every start would cost seconds."""
        out: dict[str, int | str] = dict(self.meta())
        for table in ("places", "names"):
            stored = out.get(table)
            out[table] = int(stored) if stored is not None else self.db.execute(
                f"SELECT count(*) FROM {table}").fetchone()[0]
        return out


def damage(path: Path) -> str | None:
    """Why the file at ``path`` is no usable index, or None: cheap checks only (a stat, the
    100-byte header, one meta read), run on every open. Catches a missing, zero-length,
    truncated or overwritten-header file and one that is not a Dateline index; damage deeper
    inside is caught by the seal (see :mod:`gazetteer.build`)."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(100)
    except FileNotFoundError:
        return "missing"
    except OSError as e:
        return f"unreadable ({e.strerror})"
    if size == 0:
        return "empty (zero bytes)"
    if len(header) < 100 or not header.startswith(b"SQLite format 3\x00"):
        return "not an SQLite file (bad header)"
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    change, pages, valid_for = (int.from_bytes(header[a:a + 4], "big") for a in (24, 28, 92))
    if change == valid_for and pages * page_size != size:
        return f"truncated or extended: {size:,} bytes, the header says {pages * page_size:,}"
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = conn.execute("SELECT v FROM meta WHERE k = 'version'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError as e:
        return f"unreadable by SQLite ({e})"
    return None if row else "no version stamp (an unfinished build?)"


def _how(alias: int, same_fold: int) -> MatchKind:
    return "alias" if alias else ("fold" if same_fold else "key")


def _place(row: tuple) -> Place:
    return Place(id=row[0], name=row[1], lat=row[2], lon=row[3], country_code=row[4] or "",
                 feature_class=row[5] or "", feature_code=row[6] or "", population=row[7] or 0,
                 admin1=row[8] or "", geonameid=row[9], source=row[10] or "")


# --- writing ----------------------------------------------------------------------------------


class IndexWriter:
    """Adds places to an index file. Later sources win: a GeoNames dump row replaces the
    cities500 row with the same id and brings its exact feature code."""

    def __init__(self, path: str | Path):
        """Only ever on a private copy (:mod:`gazetteer.build` swaps it in when done), so no
        journal is needed: a crash loses the copy, never the live index."""
        self.path = Path(path)
        self.db = sqlite3.connect(self.path)
        self.db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144;"
                              + SCHEMA)

    def drop_lookup_indexes(self) -> None:
        """Before a bulk import: maintaining the lookup indexes row by row is slower than
        building them once at :meth:`close`."""
        self.db.executescript("DROP INDEX IF EXISTS names_fold; DROP INDEX IF EXISTS names_key; "
                              "DROP INDEX IF EXISTS places_cc;")

    def add(self, places: Iterable[Place], batch: int = 20000) -> int:
        n = 0
        for chunk in _chunks(places, batch):
            for place in chunk:
                self._add_one(place, place.alternate_names or (place.name,), alias=False)
            n += len(chunk)
        self.db.commit()
        return n

    def add_aliases(self, aliases: Iterable[tuple[str, Place]]) -> int:
        n = 0
        for surface, place in aliases:
            stored = self._rowid(place.id)
            if stored is None:
                stored = self._insert_place(place)
            self.db.execute("INSERT OR REPLACE INTO names(fold, key, place, name, alias) VALUES (?,?,?,?,1)",
                            (fold(surface), key(surface), stored, surface))
            n += 1
        self.db.commit()
        return n

    def indexed(self, folded: str) -> list[Place]:
        """The places written so far under a folded name: an optional source asks, to leave
        out what the index already holds (see :mod:`gazetteer.extras`)."""
        rows = self.db.execute(f"SELECT {_PLACE_COLS} FROM names n JOIN places p ON p.rowid = n.place "
                               "WHERE n.fold = ?", (folded,)).fetchall()
        return [_place(row) for row in rows]

    def _rowid(self, place_id: str) -> int | None:
        row = self.db.execute("SELECT rowid FROM places WHERE id = ?", (place_id,)).fetchone()
        return row[0] if row else None

    def _insert_place(self, p: Place) -> int:
        why = coordinate_problem(p.lat, p.lon)
        if why:  # sources check their rows with file and line; this catches one that does not
            raise SourceError(f"{p.source or 'a source'} place {p.id}: {why}; it cannot be indexed")
        cur = self.db.execute(
            "INSERT INTO places(id, name, lat, lon, cc, fclass, fcode, population, admin1, geonameid, source) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET name=excluded.name, lat=excluded.lat, "
            "lon=excluded.lon, cc=excluded.cc, fclass=excluded.fclass, fcode=excluded.fcode, "
            "population=max(excluded.population, places.population), admin1=excluded.admin1, "
            "geonameid=excluded.geonameid, source=excluded.source RETURNING rowid",
            (p.id, p.name, p.lat, p.lon, p.country_code, p.feature_class, p.feature_code, p.population,
             p.admin1, p.geonameid, p.source))
        return cur.fetchone()[0]

    def _add_one(self, place: Place, names: Iterable[str], alias: bool) -> None:
        rowid = self._insert_place(place)
        self.db.executemany(
            "INSERT OR IGNORE INTO names(fold, key, place, name, alias) VALUES (?,?,?,?,?)",
            [(f, key(n), rowid, n, int(alias)) for n in names if (f := fold(n))])

    def set_meta(self, **items: str) -> None:
        self.db.executemany("INSERT OR REPLACE INTO meta(k, v) VALUES (?, ?)", list(items.items()))
        self.db.commit()

    def close(self) -> None:
        """Index, analyse and note the row counts (so opening never counts them)."""
        self.db.executescript(INDEXES + "ANALYZE;")
        counts = {t: str(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for t in ("places", "names")}
        self.set_meta(**counts)
        self.db.close()


def _chunks(items: Iterable[Place], size: int) -> Iterator[list[Place]]:
    chunk: list[Place] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk

