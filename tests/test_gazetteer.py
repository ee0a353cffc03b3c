"""The gazetteer: real GeoNames data, variant spellings, dump import, user aliases."""
from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from gazetteer import SQLiteGazetteer, lookup, save_alias
from gazetteer.aliases import iter_aliases
from gazetteer.build import build, default_sources
from gazetteer.errors import IndexMissing, SourceError
from gazetteer.geometry import centroid as _centroid
from gazetteer.geometry import haversine_km
from gazetteer.sources import FEATURE_CODES, data_file, feature_codes, iter_airports, iter_geonames_dump, iter_snapshot

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name, expected, cc", [
    ("Qayara", "Al Qayyārah", "IQ"), ("Makhmour", "Mexmur", "IQ"), ("Tel Keyf", "Tallkayf", "IQ"),
    ("Qaim", "Al Qā’im", "IQ"), ("Mosul", "Mosul", "IQ"), ("Manbij", "Manbij", "SY"),
    ("Sabratha", "Şabrātah", "LY"),
])
def test_transliteration_variants_find_the_place(gaz, name, expected, cc):
    top = lookup(gaz, name)[0]
    assert (top.name, top.country_code) == (expected, cc)


def test_countries_regions_and_air_bases_are_indexed(gaz):
    assert lookup(gaz, "Syria")[0].feature_code == "PCLI"
    assert {p.feature_code for p in lookup(gaz, "Nineveh")} >= {"ADM1"}
    assert any(p.id == "airport:ORQW" for p in lookup(gaz, "Qayyarah West"))
    assert any(p.id == "airport:LTAG" for p in lookup(gaz, "Incirlik"))


def test_exact_names_rank_above_transliteration_keys(gaz):
    matches = [c.match for c in gaz.candidates("Nice")]
    assert matches == sorted(matches, key=["alias", "fold", "key"].index)


def test_gazetteer_pickles_as_its_path(gaz):
    clone = pickle.loads(pickle.dumps(gaz))
    assert clone.path == gaz.path and lookup(clone, "Mosul")[0].geonameid == 99072


def test_snapshot_is_real_geonames_format():
    rows = list(iter_snapshot())
    iraq = next(p for p in rows if p.geonameid == 99237)
    assert iraq.feature_code == "PCLI" and abs(iraq.lat - 33) < 1
    assert any(p.feature_code == "ADM1" and p.country_code == "SY" for p in rows)


def test_us_point_is_the_centre_of_the_contiguous_states(gaz):
    # Published geographic centre of the contiguous US: 39°50′N 98°35′W. Ours is the centroid
    # of Natural Earth's 10m outline of the 48 states, 23 km away; CIA's 38N 97W is 235 km.
    us = next(p for p in lookup(gaz, "United States") if p.is_country)
    assert haversine_km(39 + 50 / 60, -(98 + 35 / 60), us.lat, us.lon) < 25


def test_centroid_is_on_the_sphere_and_ignores_winding():
    square = [[10, 60], [20, 60], [20, 70], [10, 70], [10, 60]]
    lat, lon = _centroid({"type": "Polygon", "coordinates": [square]}, largest_only=False)
    # Same area, either winding; the degree-box middle (65N) overweights the narrow north.
    assert _centroid({"type": "Polygon", "coordinates": [square[::-1]]}, largest_only=False) == pytest.approx((lat, lon))
    assert abs(lon - 15) < 1e-9 and 64.5 < lat < 65


def test_centroid_of_the_largest_part_or_of_the_whole():
    big = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    small = [[20, 0], [21, 0], [21, 1], [20, 1], [20, 0]]
    shape = {"type": "MultiPolygon", "coordinates": [[big], [small]]}
    assert _centroid(shape, largest_only=True) == pytest.approx((2, 2), abs=0.01)
    assert 2.5 < _centroid(shape, largest_only=False)[1] < 4


def test_cities_carry_geonames_feature_codes(gaz):
    washingtons = [p for p in lookup(gaz, "Washington", limit=50) if p.feature_class == "P"]
    assert washingtons[0].feature_code == "PPLC" and washingtons[0].admin1 == "DC"
    assert [p.admin1 for p in washingtons if p.feature_code == "PPLC"] == ["DC"]
    sacramento = next(p for p in lookup(gaz, "Sacramento") if p.country_code == "US" and p.feature_class == "P")
    assert sacramento.feature_code == "PPLA"  # California's capital
    assert gaz.get("geonames:99072").feature_code == "PPLA"  # Mosul, Nineveh's capital


def test_rows_missing_from_the_code_table_keep_the_capital_guess(monkeypatch):
    import gazetteer.sources as sources

    monkeypatch.setattr(sources, "feature_codes", dict)
    capitals = {(p.country_code, p.name) for p in sources.iter_cities("cities15000") if p.feature_code == "PPLC"}
    assert ("LY", "Tripoli") in capitals and ("US", "Washington") in capitals


def test_feature_code_table_leaves_out_plain_towns():
    codes = feature_codes()
    assert data_file(FEATURE_CODES).read_text(encoding="utf-8").startswith("# ")
    plain = [gid for gid, code in codes.items() if code == "PPL"]
    assert len(plain) < 100 and len(codes) > 50_000  # PPL only for towns named like a capital


def test_us_counties_are_indexed_in_their_state(gaz):
    butler = [p for p in lookup(gaz, "Butler County") if p.feature_code == "ADM2"]
    assert {p.admin1 for p in butler} >= {"OH", "PA", "KY", "AL"}
    ohio = next(p for p in butler if p.admin1 == "OH")
    # Butler County, Ohio: seat Hamilton, 39.40, -84.56.
    assert ohio.id == "admin2:US.OH.017" and haversine_km(39.40, -84.56, ohio.lat, ohio.lon) < 30


def test_airports_carry_short_names():
    qayyarah = next(p for p in iter_airports() if p.id == "airport:ORQW")
    assert "Qayyarah West" in qayyarah.alternate_names


@pytest.mark.parametrize("sample", ["IQ-sample.txt", "IQ-sample.zip"])
def test_dump_import_plain_and_zipped(tmp_path, sample):
    gaz = build(tmp_path / "g.sqlite", [("dump", lambda: iter_geonames_dump(DATA / sample))])
    [place] = lookup(gaz, "Tall Kayf")
    assert (place.geonameid, place.feature_code) == (90353, "PPLA2")


@pytest.mark.slow  # builds a cities15000 index
def test_dump_rows_replace_embedded_rows_and_keep_their_codes(tmp_path):
    sources = default_sources("cities15000")[:1] + [("dump", lambda: iter_geonames_dump(DATA / "IQ-sample.txt"))]
    gaz = build(tmp_path / "g.sqlite", sources)
    assert gaz.get("geonames:99072").feature_code == "PPLA"


def test_malformed_dump_names_file_and_line(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("1\tonly three\tcolumns\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"bad.txt:1: expected 19"):
        list(iter_geonames_dump(bad))


def test_alias_file_round_trip_and_priority(tmp_path, gaz):
    path = tmp_path / "aliases.tsv"
    mosul = gaz.get("geonames:99072")
    save_alias("Old City of Mosul", mosul, path)
    [(surface, place)] = list(iter_aliases(path))
    assert surface == "Old City of Mosul" and place.id == mosul.id and place.geonameid == 99072
    index = build(tmp_path / "g.sqlite", [("dump", lambda: iter_geonames_dump(DATA / "IQ-sample.txt"))])
    from gazetteer.index import IndexWriter
    w = IndexWriter(index.path)
    w.add_aliases(iter_aliases(path))
    w.close()
    top = SQLiteGazetteer(index.path).candidates("old city of mosul")[0]
    assert (top.place.id, top.match) == (mosul.id, "alias")


def test_alias_file_errors_name_the_line(tmp_path):
    path = tmp_path / "aliases.tsv"
    path.write_text("surface\tplace_id\tname\tlat\tlon\nWahda\t\tWahda\tnorth\t43.1\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"aliases.tsv:2: field 'lat'"):
        list(iter_aliases(path))


def test_missing_index_is_a_gazetteer_error_that_says_what_to_do(tmp_path):
    with pytest.raises(IndexMissing, match="DATELINE_CACHE_DIR") as e:
        SQLiteGazetteer(tmp_path / "none.sqlite").candidates("Mosul")
    assert isinstance(e.value, FileNotFoundError)


# --- seas, oceans, regions and air bases (issue 9 items 4 and 5) -------------------------------


@pytest.mark.parametrize("text, name, place_id, code", [
    ("Migrants drowned in the Mediterranean on Sunday, the coastguard said.", "Mediterranean",
     "region:mediterranean-sea", "SEA"),
    ("A ship was hit by a missile in the Red Sea off Yemen.", "Red Sea", "region:red-sea", "SEA"),
    ("Tension rose across the Middle East after the strike on Damascus.", "Middle East", "region:middle-east", "RGN"),
    ("Drought has hit the Sahel, from Mali to Chad.", "Sahel", "region:sahel", "RGN"),
])
def test_seas_and_regions_resolve_to_their_label_point(gaz, text, name, place_id, code):
    from geo.pipeline import locate
    from geo.records import Article

    [r] = [r for r in locate(Article(id="t", text=text), gaz) if r.mention.text == name]
    assert (r.place.id, r.place.feature_code, r.geo_precision) == (place_id, code, "region")


def test_air_base_short_name_resolves_to_the_base(gaz):
    from geo.pipeline import locate
    from geo.records import Article

    text = "Rockets hit the Al Asad base in Anbar province, Iraqi officials said."
    [r] = [r for r in locate(Article(id="t", text=text), gaz) if r.mention.text == "Al Asad"]
    assert r.place.id == "airport:ORAA"
    names = {p.id: p.alternate_names for p in iter_airports()}
    assert "Al Taji" in names["airport:ORTI"]  # "Al Taji Army Air Field"


def test_region_table_points_are_derived_from_their_members():
    from gazetteer.geometry import mean_point
    from gazetteer.sources import iter_regions

    regions = {p.id: p for p in iter_regions()}
    snapshot = {(p.country_code, p.admin1): p for p in iter_snapshot() if p.feature_code == "ADM1"}
    darfur = [snapshot[("SD", code)] for code in ("47", "49", "55", "60", "61")]
    lat, lon = mean_point([(p.lat, p.lon) for p in darfur])
    assert regions["region:darfur"].country_code == "SD"
    assert haversine_km(lat, lon, regions["region:darfur"].lat, regions["region:darfur"].lon) < 1
    assert len(regions) > 300 and all(p.is_region and p.population == 0 for p in regions.values())
    assert all(p.name and p.id != "region:" for p in regions.values())  # Natural Earth has a nameless polygon


def test_marine_pickle_is_loaded_only_when_it_holds_plain_data():
    import pickle

    from gazetteer.snapshot_regions import _plain_pickle, _water_code

    assert _plain_pickle(pickle.dumps({"marine": [("Red Sea", (0, 0, 1, 1), [])]})) == {
        "marine": [("Red Sea", (0, 0, 1, 1), [])]}
    with pytest.raises(ValueError, match="refusing"):
        _plain_pickle(pickle.dumps(len))  # a reference to a callable: a GLOBAL opcode
    assert [_water_code(n) for n in ("Gulf of Aden", "Bosporus", "Irish Sea", "Bay of Biscay")] == [
        "GULF", "STRT", "SEA", "BAY"]
