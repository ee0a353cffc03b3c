"""Unique, stable ids: the one rule for articles read and events exported or shown.

A repeat of an id gets ``~2``, ``~3``... in input order, so the same input always gives the
same ids: two identical records, one file read or uploaded twice, two folders holding files of
the same name. Everything that selects by id (a map click, the picker, corrections, GeoJSON
feature ids) then stays unambiguous.
"""
from __future__ import annotations


class UniqueIds:
    """Hands out ids, each unique among those handed out before (across chunks of a stream)."""

    def __init__(self) -> None:
        self._used: set[str] = set()
        self._last: dict[str, int] = {}

    def __call__(self, wanted: str) -> str:
        new, n = wanted, self._last.get(wanted, 1)
        while new in self._used:
            n += 1
            new = f"{wanted}~{n}"
        self._last[wanted] = n
        self._used.add(new)
        return new
