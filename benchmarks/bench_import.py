"""``dateline gazetteer import`` at allCountries scale: time, peak memory, index size, lookups.

    PYTHONPATH=. python benchmarks/bench_import.py              # 1,000,000 rows
    PYTHONPATH=. python benchmarks/bench_import.py --rows 13000000

Generates a well-formed GeoNames dump (19 columns, ~125 bytes a row like allCountries: names,
a few alternate names, points spread over the globe, real feature codes and country codes)
with a fixed seed, imports it in a subprocess into a cache dir whose index is the small test
gazetteer (so the figures are the import's own, not the embedded build's), and measures the
subprocess's wall time and peak RSS, the index size, a cold open of the imported index, and
lookup latency for 2,000 names (hits and misses). Prints a Markdown block for RESULTS.md.
"""
from __future__ import annotations

import argparse
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from gazetteer.build import build, default_index_path, open_default  # noqa: E402
from gazetteer.sources import iter_geonames_dump  # noqa: E402

SMALL = ROOT / "tests" / "data" / "small-gazetteer.txt"
SYLLABLES = ("al", "bar", "ka", "mos", "ul", "ra", "qa", "tel", "dar", "zan", "kir", "ma", "nor", "vil", "ber",
             "sha", "hu", "lin", "ton", "ford", "ville", "abad", "pur", "grad", "sk", "ov", "ia", "en", "burg")
CODES = (("P", "PPL"), ("P", "PPL"), ("P", "PPL"), ("P", "PPLX"), ("H", "STM"), ("T", "HLL"), ("S", "SCH"),
         ("A", "ADM3"), ("L", "AREA"), ("V", "FRST"))
COUNTRIES = ("US", "CN", "IN", "IR", "IQ", "SY", "RU", "MX", "BR", "NO", "FR", "DE", "NG", "PK", "ID")


def _name(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def generate(path: Path, rows: int, seed: int = 14) -> list[str]:
    """Write the dump; return a sample of its names for the lookup test."""
    rng = random.Random(seed)
    sample = []
    with path.open("w", encoding="utf-8") as f:
        for i in range(rows):
            name = _name(rng)
            alternates = ",".join(_name(rng) for _ in range(rng.choice((0, 0, 1, 2, 4))))
            fclass, fcode = rng.choice(CODES)
            lat, lon = rng.uniform(-89.9, 89.9), rng.uniform(-179.9, 179.9)
            f.write(f"{10_000_000 + i}\t{name}\t{name}\t{alternates}\t{lat:.5f}\t{lon:.5f}\t{fclass}\t{fcode}\t"
                    f"{rng.choice(COUNTRIES)}\t\t{rng.randint(1, 40):02d}\t\t\t\t{rng.choice((0, 0, 0, 120, 5400))}"
                    f"\t\t{rng.randint(0, 3000)}\tEurope/Paris\t2024-01-{rng.randint(10, 28)}\n")
            if i % max(1, rows // 1500) == 0:
                sample.append(name)
    return sample


IMPORT = """
import logging, sys
sys.path.insert(0, {root!r})
logging.basicConfig(level=logging.INFO, format="  %(message)s")
from pathlib import Path
from gazetteer.build import import_dumps
print(import_dumps([Path({dump!r})], Path({cache!r}), progress=False))
"""


def _timed(gaz, name: str) -> tuple[float, int]:
    """Milliseconds for one lookup, and how many places share the name (what a lookup's cost grows with)."""
    t = time.perf_counter()
    gaz.candidates(name)
    ms = (time.perf_counter() - t) * 1000
    return ms, gaz.db.execute("SELECT count(*) FROM names WHERE fold = ?", (name.lower(),)).fetchone()[0]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="dateline-bench-import-"))
    try:
        dump, cache = work / "allCountries-synthetic.txt", work / "cache"
        t = time.perf_counter()
        names = generate(dump, args.rows)
        print(f"generated {args.rows:,} rows, {dump.stat().st_size / 1e6:.0f} MB in {time.perf_counter() - t:.0f} s",
              file=sys.stderr)
        build(default_index_path(cache), [("small", lambda: iter_geonames_dump(SMALL))])
        before = default_index_path(cache).stat().st_size
        t = time.perf_counter()
        out = subprocess.run([sys.executable, "-c", IMPORT.format(root=str(ROOT), dump=str(dump), cache=str(cache))],
                             check=True, capture_output=True, text=True)
        seconds = time.perf_counter() - t
        child = resource.getrusage(resource.RUSAGE_CHILDREN)
        rss_mb, cpu = child.ru_maxrss / 1024, child.ru_utime + child.ru_stime
        print(out.stderr, file=sys.stderr)
        index = default_index_path(cache)
        t = time.perf_counter()
        gaz = open_default(cache, sources=lambda: [("small", lambda: iter_geonames_dump(SMALL))])
        gaz.candidates("Mosul")
        open_s = time.perf_counter() - t
        stats = gaz.stats()
        rng = random.Random(7)
        hits = [_timed(gaz, q) for q in names[:1000]]
        misses = [_timed(gaz, _name(rng) + "xq") for _ in range(1000)]
        q = statistics.quantiles([ms for ms, _ in hits + misses], n=100)
        qh = statistics.quantiles([ms for ms, _ in hits], n=100)
        qm = statistics.quantiles([ms for ms, _ in misses], n=100)
        worst = max(hits)
        print(f"Machine: {platform.machine()}, {platform.system()}, Python {platform.python_version()}, "
              f"SQLite {__import__('sqlite3').sqlite_version}\n")
        print("| rows | dump | import time (CPU) | rows/s | peak RSS | index before → after | places / names | "
              "open after import | lookup p50 / p99 |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        print(f"| {args.rows:,} | {dump.stat().st_size / 1e6:,.0f} MB | {seconds:,.0f} s ({cpu:,.0f} s) | "
              f"{args.rows / seconds:,.0f} | "
              f"{rss_mb:,.0f} MB | {before / 1e6:.1f} → {index.stat().st_size / 1e6:,.0f} MB | "
              f"{int(stats['places']):,} / {int(stats['names']):,} | {open_s * 1000:.0f} ms | "
              f"{q[49]:.2f} / {q[98]:.2f} ms |")
        print(f"\nLookups: names in the dump p50 {qh[49]:.2f} / p99 {qh[98]:.2f} ms, names not in it p50 {qm[49]:.2f} "
              f"/ p99 {qm[98]:.2f} ms; slowest {worst[0]:.0f} ms for a name with {worst[1]} places. "
              f"import_dumps returned (added, rejected) = {out.stdout.strip()}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
