"""An in-memory gazetteer with the SQLite index's semantics, for tests and tuning.

Built from the same :class:`Place` records any source yields (a few hundred real GeoNames
rows for the quick test tier), it answers the :class:`~gazetteer.lookup.Gazetteer` interface
without a file; ``tests/test_gazetteer_contract.py`` holds both backends to one behaviour.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace

from gazetteer.lookup import Candidate, MatchKind, ranked
from gazetteer.normalise import fold, key
from gazetteer.place import Place


@dataclass(frozen=True)
class _Name:
    place_id: str
    fold: str
    key: str
    name: str
    alias: bool


class MemoryGazetteer:
    """Later places replace earlier ones with the same id (keeping the larger population),
    and their names add to the old ones, as :class:`gazetteer.index.IndexWriter` does."""

    def __init__(self, places: Iterable[Place] = (), aliases: Iterable[tuple[str, Place]] = ()):
        self._places: dict[str, Place] = {}
        self._names: dict[tuple[str, str], _Name] = {}
        self._by_fold: dict[str, list[tuple[str, str]]] = defaultdict(list)
        self._by_key: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for place in places:
            self._put(place)
            for name in place.alternate_names or (place.name,):
                self._name(place.id, name, alias=False, overwrite=False)
        for surface, place in aliases:
            if place.id not in self._places:
                self._put(place)
            self._name(place.id, surface, alias=True, overwrite=True)

    def _put(self, place: Place) -> None:
        old = self._places.get(place.id)
        population = max(place.population, old.population) if old else place.population
        self._places[place.id] = replace(place, population=population, alternate_names=())

    def _name(self, place_id: str, name: str, alias: bool, overwrite: bool) -> None:
        f = fold(name)
        if not f or (not overwrite and (f, place_id) in self._names):
            return
        entry = _Name(place_id, f, key(name), name, alias)
        if (f, place_id) not in self._names:
            self._by_fold[f].append((f, place_id))
            self._by_key[entry.key].append((f, place_id))
        self._names[(f, place_id)] = entry

    def candidates(self, name: str, limit: int = 50) -> list[Candidate]:
        f, k = fold(name), key(name)
        if not f:
            return []
        hits = dict.fromkeys(self._by_fold.get(f, []) + self._by_key.get(k, []))
        return ranked((self._match(self._names[h], f) for h in hits), limit)

    def _match(self, n: _Name, f: str) -> tuple[Place, MatchKind, str]:
        how: MatchKind = "alias" if n.alias else ("fold" if n.fold == f else "key")
        return self._places[n.place_id], how, n.name

    def get(self, place_id: str) -> Place | None:
        return self._places.get(place_id)

    def has_fold(self, folded: str) -> bool:
        return folded in self._by_fold

    def has_key(self, keyed: str) -> bool:
        return keyed in self._by_key

    def admin1(self, cc: str, code: str) -> Place | None:
        return next((p for p in self._places.values()
                     if p.country_code == cc and p.admin1 == code and p.feature_code == "ADM1"), None)
