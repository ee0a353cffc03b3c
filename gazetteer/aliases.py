"""The user's alias file: local names no gazetteer has, and corrections made in the app.

A TSV with a header of :data:`ALIAS_COLUMNS`, one surface form a line. Aliases are matched
before any gazetteer name, so a correction saved once applies to every later run.
"""
from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from gazetteer.errors import OnReject, SourceError, reject_or_raise
from gazetteer.place import Place, coordinate_problem

ALIAS_COLUMNS = ("surface", "place_id", "name", "lat", "lon", "country_code", "feature_code")


def iter_aliases(path: str | Path, on_reject: OnReject = None) -> Iterator[tuple[str, Place]]:
    """A user's alias file: surface form -> place, for local names no gazetteer has.

    TSV with a header of :data:`ALIAS_COLUMNS`. ``place_id`` may point at an indexed place
    (then the other columns are informative) or be new, with its own coordinates. A bad row
    (no surface, a point outside WGS84) raises, or goes to ``on_reject`` and reading goes on.
    """
    path = Path(path)
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f, delimiter="\t")
        missing = [c for c in ("surface", "name", "lat", "lon") if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceError(f"{path}:1: alias file lacks column(s) {', '.join(missing)}; "
                              f"expected a header: {chr(9).join(ALIAS_COLUMNS)}")
        for row in reader:
            where = f"{path}:{reader.line_num}"
            try:
                lat, lon = float(row["lat"]), float(row["lon"])
            except (TypeError, ValueError):
                reject_or_raise(SourceError(f"{where}: field 'lat'/'lon' is not a number"), on_reject)
                continue
            why = coordinate_problem(lat, lon)
            surface = (row.get("surface") or "").strip()
            if why or not surface:
                reject_or_raise(SourceError(f"{where}: field 'lat'/'lon': {why}" if why else
                                            f"{where}: field 'surface' is empty"), on_reject)
                continue
            place_id = (row.get("place_id") or "").strip() or f"alias:{surface}"
            gid = int(place_id.split(":")[1]) if place_id.startswith("geonames:") else None
            yield surface, Place(
                id=place_id, name=row["name"], lat=lat, lon=lon,
                country_code=(row.get("country_code") or "").strip(),
                feature_class="P", feature_code=(row.get("feature_code") or "PPL").strip(),
                geonameid=gid, source="alias", alternate_names=(surface, row["name"]),
            )


def save_alias(surface: str, place: Place, path: Path) -> Path:
    """Append ``surface -> place`` to the user's alias file (created with a header if new)."""
    why = coordinate_problem(place.lat, place.lon)
    if why:
        raise SourceError(f"{place.id}: {why}; not saved as an alias")
    path.parent.mkdir(parents=True, exist_ok=True)
    new = not path.exists()
    with path.open("a", encoding="utf-8", newline="") as f:
        if new:
            f.write("\t".join(ALIAS_COLUMNS) + "\n")
        values = (surface, place.id, place.name, f"{place.lat:.6f}", f"{place.lon:.6f}",
                  place.country_code, place.feature_code or "PPL")
        f.write("\t".join(v.replace("\t", " ").replace("\n", " ") for v in values) + "\n")
    return path
