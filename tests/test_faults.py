"""Faults (issue 14): bad coordinates, a damaged, unwritable or concurrently built index, and
an interrupted import, each on a real index built from real GeoNames rows."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from gazetteer.aliases import ALIAS_COLUMNS, iter_aliases, save_alias
from gazetteer.build import default_index_path, import_dumps, integrity, open_default
from gazetteer.errors import GazetteerError, RejectLog, SourceError
from gazetteer.sources import GEONAMES_COLUMNS, iter_geonames_dump
from tests.conftest import ROOT, SMALL_GAZETTEER


def small_sources():
    return [("small", lambda: iter_geonames_dump(SMALL_GAZETTEER))]


def _dump_row(gid: int, name: str, lat: str, lon: str) -> str:
    cols = [str(gid), name, name, "", lat, lon, "P", "PPL", "IQ", "", "15", "", "", "", "1000", "", "", "", ""]
    assert len(cols) == len(GEONAMES_COLUMNS)
    return "\t".join(cols)


BAD_POINTS = [("nan", "43.1"), ("36.3", "inf"), ("999", "0"), ("0", "-400"), ("1e308", "1e308"), ("-inf", "0")]


def test_dump_rows_outside_wgs84_are_rejected_with_file_and_line(tmp_path):
    dump = tmp_path / "bad.txt"
    rows = [_dump_row(1, "Gooda", "36.3", "43.1")] + [_dump_row(i + 2, f"Bad{i}", lat, lon)
                                                      for i, (lat, lon) in enumerate(BAD_POINTS)]
    dump.write_text("\n".join(rows + [_dump_row(99, "Goodb", "-33.9", "151.2")]) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad.txt:2: field 'latitude'/'longitude': coordinates \(nan"):
        list(iter_geonames_dump(dump))
    errors: list[SourceError] = []
    places = list(iter_geonames_dump(dump, on_reject=errors.append))
    assert [p.name for p in places] == ["Gooda", "Goodb"]
    assert [str(e).split(": ")[0] for e in errors] == [f"{dump}:{i}" for i in range(2, 2 + len(BAD_POINTS))]


def test_bad_numbers_and_widths_after_the_first_row_are_rejected_not_fatal(tmp_path):
    dump = tmp_path / "d.txt"
    dump.write_text("\n".join([_dump_row(1, "Gooda", "36.3", "43.1"), "x\ttoo\tnarrow",
                               _dump_row(2, "Pop", "1", "2").replace("\t1000\t", "\tmany\t"),
                               _dump_row(3, "Goodb", "1", "2")]) + "\n", encoding="utf-8")
    log = RejectLog()
    assert [p.name for p in iter_geonames_dump(dump, on_reject=log)] == ["Gooda", "Goodb"] and log.count == 2


def test_alias_rows_outside_wgs84_are_rejected(tmp_path):
    path = tmp_path / "aliases.tsv"
    lines = ["\t".join(ALIAS_COLUMNS), "Wahda\t\tWahda\t36.3\t43.1\tIQ\tPPLX"]
    lines += [f"Bad{i}\t\tBad\t{lat}\t{lon}\tIQ\tPPL" for i, (lat, lon) in enumerate(BAD_POINTS)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"aliases.tsv:3: field 'lat'/'lon'"):
        list(iter_aliases(path))
    errors: list[SourceError] = []
    assert [s for s, _ in iter_aliases(path, on_reject=errors.append)] == ["Wahda"]
    assert len(errors) == len(BAD_POINTS)
    from gazetteer.place import Place
    with pytest.raises(SourceError, match="latitude 999"):
        save_alias("X", Place("alias:X", "X", 999.0, 0.0), tmp_path / "new.tsv")


def _fresh(cache: Path) -> Path:
    return open_default(cache, sources=small_sources).path


def _corrupt_zero(p: Path) -> None:
    p.write_bytes(b"")


def _corrupt_truncate(p: Path) -> None:
    with p.open("r+b") as f:
        f.truncate(p.stat().st_size // 2)


def _corrupt_header(p: Path) -> None:
    with p.open("r+b") as f:
        f.write(b"garbage garbage!")


def _corrupt_middle(p: Path) -> None:  # same size, bytes flipped deep inside
    with p.open("r+b") as f:
        f.seek(p.stat().st_size // 2)
        f.write(os.urandom(4096))


def _corrupt_tail(p: Path) -> None:
    with p.open("r+b") as f:
        f.seek(p.stat().st_size - 4096)
        f.write(b"\0" * 4096)


def _corrupt_append(p: Path) -> None:
    with p.open("ab") as f:
        f.write(b"junk" * 1000)


def _corrupt_text(p: Path) -> None:
    p.write_text("not a database at all\n", encoding="utf-8")


def _corrupt_seal(p: Path) -> None:
    p.with_name(p.name + ".seal").write_text("{broken", encoding="utf-8")


def _corrupt_no_seal(p: Path) -> None:
    p.with_name(p.name + ".seal").unlink()


CORRUPTIONS = [_corrupt_zero, _corrupt_truncate, _corrupt_header, _corrupt_middle, _corrupt_tail, _corrupt_append,
               _corrupt_text, _corrupt_seal, _corrupt_no_seal]


@pytest.mark.parametrize("corrupt", CORRUPTIONS, ids=lambda f: f.__name__.removeprefix("_corrupt_"))
def test_damaged_index_is_detected_and_rebuilt(tmp_path, corrupt):
    path = _fresh(tmp_path)
    corrupt(path)
    assert integrity(path) is not None
    gaz = open_default(tmp_path, sources=small_sources)
    assert integrity(gaz.path) is None and gaz.candidates("Mosul")[0].place.geonameid == 99072


def test_touched_but_intact_index_is_kept_and_resealed(tmp_path):
    path = _fresh(tmp_path)
    before = path.stat().st_ino
    os.utime(path, ns=(1, 1))
    assert integrity(path) is None  # the CRC still matches: the seal is renewed, nothing rebuilt
    assert open_default(tmp_path, sources=small_sources).path.stat().st_ino == before


def test_opening_an_intact_index_counts_nothing(tmp_path):
    gaz = open_default(tmp_path, sources=small_sources)
    statements: list[str] = []
    gaz.db.set_trace_callback(statements.append)
    stats = gaz.stats()
    assert stats["places"] > 100 and not any("count(" in s.lower() for s in statements)


def test_unwritable_cache_dir_falls_back_to_a_temp_dir(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setattr("gazetteer.build.fallback_cache_dir", lambda: tmp_path / "fallback")
    gaz = open_default(blocker / "cache", sources=small_sources)
    assert gaz.path.parent == tmp_path / "fallback" and gaz.candidates("Mosul")
    monkeypatch.setattr("gazetteer.build.fallback_cache_dir", lambda: blocker / "also-unwritable")
    with pytest.raises(GazetteerError, match="set DATELINE_CACHE_DIR"):
        open_default(blocker / "cache", sources=small_sources)


def test_an_intact_index_in_a_read_only_dir_is_used_as_is(tmp_path, monkeypatch):
    path = _fresh(tmp_path)
    monkeypatch.setattr("gazetteer.build._writable", lambda d: False)
    assert open_default(tmp_path, sources=small_sources).path == path


def test_import_adds_rows_and_reports_rejected_ones(tmp_path):
    _fresh(tmp_path)
    dump = tmp_path / "extra.txt"
    dump.write_text("\n".join([_dump_row(900000001, "Qaraqosh Newtown", "36.27", "43.38"),
                               _dump_row(900000002, "Nowhere", "nan", "0")]) + "\n", encoding="utf-8")
    added, rejected = import_dumps([dump], tmp_path, progress=False)
    assert (added, rejected) == (1, 1)
    gaz = open_default(tmp_path, sources=small_sources)
    assert gaz.candidates("Qaraqosh Newtown")[0].place.geonameid == 900000001 and integrity(gaz.path) is None
    assert json.loads((tmp_path / "imports.json").read_text(encoding="utf-8")) == [str(dump.resolve())]


# --- processes: concurrent builds, interrupted imports -----------------------------------------

# The child takes Ctrl-C as a terminal would: a test run in the background (``cmd &``) inherits
# an ignored SIGINT, which would let the import finish.
_CHILD = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
sys.path.insert(0, {root!r})
from pathlib import Path
from tests.test_faults import small_sources
from gazetteer.build import open_default, import_dumps
cache = Path(sys.argv[1])
if sys.argv[2] == "open":
    print(open_default(cache, sources=small_sources).candidates("Mosul")[0].place.id)
else:
    print("importing", flush=True)
    import_dumps([Path(sys.argv[3])], cache, progress=False)
"""


def _child(*args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", _CHILD.format(root=str(ROOT)), *args], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_two_processes_building_at_once_give_one_intact_index(tmp_path):
    procs = [_child(str(tmp_path), "open") for _ in range(3)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], outs
    assert {o.strip() for o, _ in outs} == {"geonames:99072"}
    assert integrity(default_index_path(tmp_path)) is None
    assert not list(tmp_path.glob("*.building"))


def big_dump(path: Path, rows: int) -> Path:
    """A well-formed GeoNames-format dump of ``rows`` synthetic rows (points on a lattice)."""
    with path.open("w", encoding="utf-8") as f:
        for i in range(rows):
            f.write(_dump_row(800000000 + i, f"Synthplace {i}", f"{(i % 1700) / 10 - 85:.4f}",
                              f"{(i % 3500) / 10 - 175:.4f}") + "\n")
    return path


@pytest.mark.slow
@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM, signal.SIGINT], ids=["kill-9", "SIGTERM", "Ctrl-C"])
def test_interrupted_import_leaves_the_previous_index_usable(tmp_path, sig):
    path = _fresh(tmp_path)
    seal = path.with_name(path.name + ".seal").read_text(encoding="utf-8")
    dump = big_dump(tmp_path / "big.txt", 300_000)
    proc = _child(str(tmp_path), "import", str(dump))
    assert proc.stdout is not None and proc.stdout.readline().strip() == "importing"
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob("*.building")) and time.monotonic() < deadline:
        time.sleep(0.05)  # the import has started writing its private copy
    assert proc.poll() is None, "the import ended before it could be interrupted"
    for _ in range(3):  # a parse during the import: the live index answers
        assert open_default(tmp_path, sources=small_sources).candidates("Mosul")[0].place.geonameid == 99072
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    assert proc.returncode != 0  # it really was interrupted, not finished
    assert integrity(path) is None and path.with_name(path.name + ".seal").read_text(encoding="utf-8") == seal
    assert not open_default(tmp_path, sources=small_sources).candidates("Synthplace 5")
    assert not (tmp_path / "imports.json").exists()


def test_the_index_refuses_a_point_outside_wgs84_from_any_source(tmp_path):
    from gazetteer.index import IndexWriter
    from gazetteer.place import Place

    writer = IndexWriter(tmp_path / "i.sqlite")
    with pytest.raises(SourceError, match=r"airportsdata place airport:XXXX: latitude 91\.0"):
        writer.add([Place("airport:XXXX", "Nowhere", 91.0, 0.0, source="airportsdata")])


def test_an_unsealed_but_whole_index_in_a_read_only_dir_is_used(tmp_path, monkeypatch):
    path = _fresh(tmp_path)
    _corrupt_no_seal(path)
    monkeypatch.setattr("gazetteer.build._writable", lambda d: False)
    assert open_default(tmp_path, sources=small_sources).path == path
