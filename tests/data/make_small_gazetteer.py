"""Regenerate ``small-gazetteer.txt``: the real GeoNames rows the quick test tier needs.

    DATELINE_CACHE_DIR=... python tests/data/make_small_gazetteer.py

For every run of capitalised words in the tests' string literals (and the names the
recogniser expands abbreviations to), it writes every GeoNames row the full index returns as
a candidate, plus each country, continent and the admin-1 region of every row written, in
the 19-column GeoNames dump format. A resolver that sees the same candidates for a name
decides the same, so quick tests on this file agree with the full index for their sentences.
Airports and second-level divisions are not GeoNames rows and are left out: tests about them are slow.
"""
from __future__ import annotations

import ast
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from gazetteer.sources import GEONAMES_COLUMNS  # noqa: E402
from geo import lexicon  # noqa: E402
from geo.pipeline import open_gazetteer  # noqa: E402
from geo.settings import Settings  # noqa: E402
from geo.text import tokens  # noqa: E402

MAX_RUN = 6


def _strings(path: Path) -> list[str]:
    return [n.value for n in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _names(text: str) -> set[str]:
    toks = tokens(text)
    out = set()
    for i in range(len(toks)):
        for j in range(i + 1, min(len(toks), i + MAX_RUN) + 1):
            out.add(text[toks[i].start:toks[j - 1].end])
    return {n for n in out if n[:1].isupper()}


def main() -> None:
    gaz = open_gazetteer(Settings.from_env())
    names = set(lexicon.COUNTRY_ABBREVIATIONS.values()) | set(lexicon.STATE_ABBREVIATIONS.values())
    for test in sorted(HERE.parent.rglob("test_*.py")):
        for s in _strings(test):
            names |= _names(s)
    ids = {c.place.id for n in sorted(names) for c in gaz.candidates(n)}
    db = gaz.db
    ids |= {r[0] for r in db.execute("SELECT id FROM places WHERE fcode LIKE 'PCL%' OR fcode = 'CONT'")}
    regions = {(r[0], r[1]) for i in ids if (r := db.execute("SELECT cc, admin1 FROM places WHERE id = ?",
                                                            (i,)).fetchone())}
    ids |= {r[0] for cc, a1 in regions for r in db.execute(
        "SELECT id FROM places WHERE cc = ? AND admin1 = ? AND fcode = 'ADM1'", (cc, a1))}
    rows = []
    for place_id in sorted(i for i in ids if i.startswith("geonames:")):
        p = db.execute("SELECT rowid, name, lat, lon, fclass, fcode, cc, admin1, population, geonameid "
                       "FROM places WHERE id = ?", (place_id,)).fetchone()
        alts = sorted({n for (n,) in db.execute("SELECT name FROM names WHERE place = ? AND alias = 0", (p[0],))}
                      - {p[1]})
        row = {"geonameid": str(p[9]), "name": p[1], "asciiname": p[1], "alternatenames": ",".join(alts),
               "latitude": f"{p[2]}", "longitude": f"{p[3]}", "feature class": p[4], "feature code": p[5],
               "country code": p[6], "admin1 code": p[7], "population": str(p[8])}
        rows.append("\t".join(row.get(c, "") for c in GEONAMES_COLUMNS))
    (HERE / "small-gazetteer.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} rows from {len(names)} names")


if __name__ == "__main__":
    main()
