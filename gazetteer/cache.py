"""An in-memory cache of name lookups in front of any :class:`~gazetteer.lookup.Gazetteer`.

News repeats its names: a few hundred lookups per article, most of them for names seen in the
last few articles ("Mosul", "Syria", "Tuesday"). Answering repeats from memory instead of
SQLite changes no result, only the time. The caches are LRU-bounded so a long run's memory
stays flat; use it only while the index does not change (a batch run, a Dask worker), not in
the app, where a saved alias must take effect at once.
"""
from __future__ import annotations

from functools import lru_cache

from gazetteer.lookup import Candidate, Gazetteer

#: Names whose candidate lists are kept (a list holds up to ``limit`` places; most hold a few).
CANDIDATE_NAMES = 20_000
#: Yes/no answers the recogniser asks for every run of capitalised words; tiny entries.
NAME_ANSWERS = 200_000


class CachedGazetteer:
    """The same answers as ``inner``, repeated ones from memory. Pickles as ``inner`` does."""

    def __init__(self, inner: Gazetteer):
        self.inner = inner
        self._candidates = lru_cache(CANDIDATE_NAMES)(self._fetch)
        self.get = lru_cache(NAME_ANSWERS)(inner.get)
        self.has_fold = lru_cache(NAME_ANSWERS)(inner.has_fold)
        self.has_key = lru_cache(NAME_ANSWERS)(inner.has_key)
        self.admin1 = lru_cache(4096)(inner.admin1)

    def __getstate__(self) -> dict[str, Gazetteer]:
        return {"inner": self.inner}

    def __setstate__(self, state: dict[str, Gazetteer]) -> None:
        self.__init__(state["inner"])  # type: ignore[misc]

    def __repr__(self) -> str:
        return f"CachedGazetteer({self.inner!r})"

    def candidates(self, name: str, limit: int = 50) -> list[Candidate]:
        return list(self._candidates(name, limit))  # a fresh list: a caller may sort or trim its own

    def _fetch(self, name: str, limit: int) -> tuple[Candidate, ...]:
        return tuple(self.inner.candidates(name, limit))


def cached(gazetteer: Gazetteer) -> Gazetteer:
    """``gazetteer`` behind a lookup cache (once: wrapping a cached one returns it as is)."""
    return gazetteer if isinstance(gazetteer, CachedGazetteer) else CachedGazetteer(gazetteer)

