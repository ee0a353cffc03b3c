"""The optional ``dateline[full]`` sources: the US postal towns reader on the real ``zipcodes``
package (skipped where it is not installed), their filter, and how the choice of sources
names, builds and describes the index."""
from __future__ import annotations

from dataclasses import replace

import pytest

from gazetteer import MemoryGazetteer
from gazetteer.build import build, default_index_path, source_statuses
from gazetteer.errors import GazetteerError
from gazetteer.extras import OPTIONAL_SOURCES, OptionalSource, selected
from gazetteer.geometry import haversine_km
from gazetteer.place import coordinate_problem
from gazetteer.postal import SAME_TOWN_KM, US_STATES, WORD_ZIPF, iter_us_postal_towns, postal_towns
from gazetteer.sources import iter_geonames_dump
from geo.cli import main
from geo.settings import Settings
from tests.conftest import SMALL_GAZETTEER

POSTAL = OPTIONAL_SOURCES[0]


NOT_INSTALLED = 'the full extra is not installed (pip install "dateline[full]")'


@pytest.fixture(scope="module")
def zipcodes():
    return pytest.importorskip("zipcodes", reason=NOT_INSTALLED)


@pytest.fixture(scope="module")
def zipf():
    wordfreq = pytest.importorskip("wordfreq", reason=NOT_INSTALLED)
    return lambda word: wordfreq.zipf_frequency(word, "en")


@pytest.fixture(scope="module")
def all_towns(zipcodes, zipf):
    return list(iter_us_postal_towns(lambda folded: []))


def _indexed(gaz: MemoryGazetteer):
    return lambda folded: [c.place for c in gaz.candidates(folded) if c.match == "fold"]


def test_postal_towns_from_the_real_package_are_well_formed(all_towns):
    towns = all_towns
    assert len(towns) > 20_000  # one per (state, USPS city name) of the 50 states and DC, less the words
    assert len({t.id for t in towns}) == len(towns)
    for t in towns:
        assert t.id == f"uspostal:{t.admin1}:{t.name}" and t.admin1 in US_STATES, t
        assert (t.country_code, t.feature_class, t.feature_code, t.population, t.source) == ("US", "P", "PPL", 0, "zipcodes")
        assert coordinate_problem(t.lat, t.lon) is None and 18 < t.lat < 72, t  # Hawaii to Alaska
        assert t.name in t.alternate_names and "Mc " not in t.name and "&" not in t.name, t


def test_the_filter_drops_towns_already_indexed_and_namesakes_of_big_places(zipcodes, small_gaz):
    indexed, rare = _indexed(small_gaz), lambda word: 0.0
    laurels = [p for p in indexed("laurel") if p.country_code == "US"]
    kept = list(postal_towns(zipcodes.filter_by(city="Laurel"), indexed, rare))
    assert "uspostal:DE:Laurel" not in {t.id for t in kept}  # GeoNames' Laurel, Delaware is that town
    assert kept, "a Laurel no indexed row is near (Iowa's) is added"
    assert all(haversine_km(t.lat, t.lon, p.lat, p.lon) >= SAME_TOWN_KM for t in kept for p in laurels)
    assert not list(postal_towns(zipcodes.filter_by(city="Paris"), indexed, rare))  # Paris (2 million) owns the name
    # USPS writes "Mc Lean"; with no indexed town of that name near, it is added as "McLean"
    assert [t.name for t in postal_towns(zipcodes.filter_by(city="Mc Lean", state="VA"), lambda f: [], rare)] == ["McLean"]


def test_one_word_names_common_in_english_are_left_out(zipcodes, zipf):
    records = [z for city in ("Power", "Carter", "Emma", "Lanexa", "Meadow Grove") for z in zipcodes.filter_by(city=city)]
    kept = {t.name for t in postal_towns(records, lambda folded: [], zipf)}
    assert kept == {"Lanexa", "Meadow Grove"}  # a word, a surname, a first name out; a rare name and two words in
    assert zipf("lanexa") < WORD_ZIPF <= min(zipf("power"), zipf("carter"), zipf("emma"))


def test_the_filter_keeps_only_town_zips_of_the_states_on_real_records(zipcodes):
    records = zipcodes.filter_by(city="Holtsville") + zipcodes.filter_by(state="PR")[:20] + \
        zipcodes.filter_by(zip_code_type="MILITARY")[:20]
    towns = list(postal_towns(records, lambda folded: [], lambda word: 0.0))
    assert [t.id for t in towns] == ["uspostal:NY:Holtsville"]  # its STANDARD ZIP; not Puerto Rico, not APO/FPO


def test_an_installed_extra_is_in_the_index_name_so_a_cached_index_is_rebuilt(tmp_path, zipcodes, zipf):
    default, full = default_index_path(tmp_path, "default"), default_index_path(tmp_path, "full")
    assert default != full and "zipcodes" in full.name and "wordfreq" in full.name and "zipcodes" not in default.name
    assert default_index_path(tmp_path, "auto") == full


def test_a_missing_extra_leaves_the_default_name_and_full_names_the_install(tmp_path, monkeypatch):
    absent = OptionalSource("Nowhere towns", ("dateline-no-such-package",), "none", lambda indexed: [])
    monkeypatch.setattr("gazetteer.extras.OPTIONAL_SOURCES", (absent,))
    assert selected("auto") == ()
    assert default_index_path(tmp_path, "auto") == default_index_path(tmp_path, "default")
    with pytest.raises(GazetteerError, match=r'pip install "dateline\[full\]"'):
        selected("full")
    with pytest.raises(GazetteerError, match="DATELINE_GAZETTEER"):
        selected("everything")


def test_a_full_build_adds_the_towns_after_the_rest_and_notes_each_source(tmp_path, zipcodes):
    small = ("small", lambda: iter_geonames_dump(SMALL_GAZETTEER))
    two_states = replace(POSTAL, read=lambda indexed: postal_towns(
        zipcodes.filter_by(state="KY") + zipcodes.filter_by(state="DE"), indexed, lambda word: 0.0))  # fewer real rows
    gaz = build(tmp_path / "full.sqlite", [small], (two_states,))
    [n] = [s.places for s in source_statuses(gaz) if s.label == POSTAL.label]
    assert n and n > 500 and gaz.get("uspostal:KY:Rineyville") is not None
    assert gaz.get("uspostal:DE:Laurel") is None  # left out: the small index's Laurel is that town
    assert [c.place.id for c in gaz.candidates("Rineyville")] == ["uspostal:KY:Rineyville"]
    assert POSTAL.licence in gaz.meta()["attribution"]
    plain = build(tmp_path / "default.sqlite", [small])
    [status] = [s for s in source_statuses(plain) if s.label == POSTAL.label]
    assert status.places is None and "DATELINE_GAZETTEER=default" in status.note


def test_gazetteer_info_lists_the_sources_with_licences_and_the_inactive_extra(small_cache, capsys):
    assert main(["--cache-dir", str(small_cache), "gazetteer", "info"]) == 0
    out = capsys.readouterr().out
    assert "small " in out and "places" in out
    line = next(row for row in out.splitlines() if row.strip().startswith(POSTAL.label))
    assert "not active" in line and POSTAL.licence in line
    assert ('pip install "dateline[full]"' in line) or ("DATELINE_GAZETTEER=default" in line)


def test_the_choice_is_read_from_the_environment():
    assert Settings.from_env({"DATELINE_GAZETTEER": " Full "}).gazetteer == "full"
    assert Settings.from_env({}).gazetteer == "auto"

