"""The gazetteer interface the geoparser depends on, and the ranking every index shares.

Like geopy's geocoders, many backends (the SQLite index, an in-memory one for tests and
tuning) answer one small interface; unlike geopy, a lookup always returns a ranked list.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal, Protocol, get_args

from gazetteer.place import Place

#: How a name matched: a user alias, the folded name, the transliteration key.
MatchKind = Literal["alias", "fold", "key"]
#: Best first: an alias a person saved beats an exact name, which beats a transliteration key.
MATCH_RANK: dict[MatchKind, int] = {kind: rank for rank, kind in enumerate(get_args(MatchKind))}


@dataclass(frozen=True)
class Candidate:
    place: Place
    match: MatchKind
    matched_name: str


class NameIndex(Protocol):
    """What the recogniser asks: is this folded (or transliteration-keyed) string a name?"""

    def has_fold(self, folded: str) -> bool: ...

    def has_key(self, keyed: str) -> bool: ...


class Gazetteer(NameIndex, Protocol):
    """What the resolver asks besides: the places a name may denote, and places by id."""

    def candidates(self, name: str, limit: int = 50) -> list[Candidate]: ...

    def get(self, place_id: str) -> Place | None: ...

    def admin1(self, cc: str, code: str) -> Place | None: ...


def ranked(matches: Iterable[tuple[Place, MatchKind, str]], limit: int) -> list[Candidate]:
    """One candidate per place (its best match), best match first, then by population."""
    best: dict[str, Candidate] = {}
    for place, how, name in matches:
        old = best.get(place.id)
        if old is None or MATCH_RANK[how] < MATCH_RANK[old.match]:
            best[place.id] = Candidate(place, how, name)
    order = sorted(best.values(), key=lambda c: (MATCH_RANK[c.match], -c.place.population, c.place.id))
    return order[:limit]


def lookup(gazetteer: Gazetteer, name: str, limit: int = 20) -> list[Place]:
    """The places a name may denote, best first: the candidates without their match details."""
    return [c.place for c in gazetteer.candidates(name, limit)]
