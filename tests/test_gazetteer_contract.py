"""One behaviour, two backends: the SQLite index and the in-memory gazetteer answer alike.

Both are built from the same real GeoNames rows (``tests/data/small-gazetteer.txt``); the
resolver and recogniser only see the :class:`gazetteer.Gazetteer` interface, so any backend
that passes these tests gives them the same answers.
"""
from __future__ import annotations

import pytest

from gazetteer import Gazetteer, MemoryGazetteer, SQLiteGazetteer, lookup
from gazetteer.build import build
from gazetteer.normalise import fold, key
from gazetteer.sources import iter_geonames_dump
from tests.conftest import SMALL_GAZETTEER

NAMES = ("Mosul", "Manbij", "Qayara", "Tel Keyf", "Makhmour", "Tripoli", "Nice", "Paris", "Syria",
         "United States", "Kerry", "Jackson", "Aleppo", "nowhere at all", "")


@pytest.fixture(scope="module", params=["sqlite", "memory"])
def backend(request, tmp_path_factory) -> Gazetteer:
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("contract") / "small.sqlite"
        return build(path, [("small", lambda: iter_geonames_dump(SMALL_GAZETTEER))])
    return MemoryGazetteer(iter_geonames_dump(SMALL_GAZETTEER))


@pytest.fixture(scope="module")
def reference(tmp_path_factory) -> SQLiteGazetteer:
    return build(tmp_path_factory.mktemp("reference") / "small.sqlite",
                 [("small", lambda: iter_geonames_dump(SMALL_GAZETTEER))])


@pytest.mark.parametrize("name", NAMES)
def test_candidates_agree_with_the_sqlite_index(backend, reference, name):
    got = [(c.place, c.match) for c in backend.candidates(name)]
    assert got == [(c.place, c.match) for c in reference.candidates(name)]


def test_ranking_puts_better_matches_first_then_population(backend):
    cands = backend.candidates("Tripoli")
    ranks = [("alias", "fold", "key").index(c.match) for c in cands]
    assert ranks == sorted(ranks)
    folds = [c.place.population for c in cands if c.match == "fold"]
    assert folds == sorted(folds, reverse=True) and cands[0].place.country_code == "LY"


def test_transliteration_variant_is_a_key_match(backend):
    [top, *_] = backend.candidates("Qayara")
    assert (top.place.name, top.match) == ("Al Qayyārah", "key")


def test_limit_get_and_name_tests(backend):
    assert len(backend.candidates("Paris", limit=2)) == 2
    mosul = lookup(backend, "Mosul")[0]
    assert backend.get(mosul.id) == mosul and backend.get("geonames:0") is None
    assert backend.has_fold(fold("Mosul")) and not backend.has_fold("nowhere at all")
    assert backend.has_key(key("Makhmour")) and not backend.has_key(key("Nowhereville"))


def test_admin1_finds_the_region_by_code(backend):
    nineveh = backend.admin1("IQ", lookup(backend, "Mosul")[0].admin1)
    assert nineveh is not None and nineveh.feature_code == "ADM1" and nineveh.country_code == "IQ"
    assert backend.admin1("IQ", "no such code") is None


def test_memory_aliases_win_like_the_index_ones():
    rows = list(iter_geonames_dump(SMALL_GAZETTEER))
    mosul = next(p for p in rows if p.name == "Mosul")
    gaz = MemoryGazetteer(rows, aliases=[("Old City of Mosul", mosul)])
    top = gaz.candidates("old city of mosul")[0]
    assert (top.place.id, top.match) == (mosul.id, "alias")
