"""The resolver on the seed articles and on made-up sentences, with the real gazetteer."""
import pytest

from geo.evaluate import haversine_km
from geo.pipeline import locate
from geo.records import Article

#: True coordinates of places the seed articles name (GeoNames / Wikipedia).
SEED_PLACES = {
    "Manbij": (36.5281, 37.9549), "Mosul": (36.335, 43.1189), "Aleppo": (36.2021, 37.1343),
    "Sabratha": (32.7933, 12.4885), "Qayara": (35.7934, 43.2906), "Tel Keyf": (36.4925, 43.1194),
    "Makhmour": (35.7757, 43.5798),
}


def located(text, gaz, title=""):
    return locate(Article(id="t", text=text, title=title), gaz)


@pytest.fixture(scope="module")
def seed_resolutions(seed_articles, gaz):
    return [r for a in seed_articles for r in locate(a, gaz)]


@pytest.mark.parametrize("name", sorted(SEED_PLACES))
def test_seed_places_resolve_within_25_km(name, seed_resolutions):
    hits = [r for r in seed_resolutions if r.mention.text.lower() == name.lower() and r.place]
    assert hits, f"{name} not found in the seeds"
    lat, lon = SEED_PLACES[name]
    for r in hits:
        assert haversine_km(lat, lon, r.place.lat, r.place.lon) < 25, (name, r.place)


def test_tripoli_in_a_libya_article_is_in_libya(gaz):
    text = ("Fighting broke out in Tripoli on Monday as rival Libyan militias clashed. "
            "Libya's government said Tripoli airport was closed; Benghazi was calm.")
    tripoli = [r for r in located(text, gaz) if r.mention.text == "Tripoli"]
    assert tripoli and all(r.place.country_code == "LY" for r in tripoli)


def test_nice_next_to_paris_is_in_france(gaz):
    nice = [r for r in located("Police in Paris and Nice raised the alert level.", gaz) if r.mention.text == "Nice"]
    assert nice and nice[0].place.country_code == "FR"


def test_abbreviations_resolve_to_the_area(gaz):
    got = {r.mention.text: r.place for r in located("U.S. officials met in Pasadena, Calif., on Monday.", gaz)}
    assert got["U.S."].is_country and got["U.S."].country_code == "US"
    assert got["Calif."].feature_code == "ADM1" and got["Calif."].admin1 == "CA"
    assert got["Pasadena"].country_code == "US" and got["Pasadena"].admin1 == "CA"


def test_county_falls_back_to_its_head_name_in_the_named_state(gaz):
    text = "LONDON, Ky. - Laurel County officials in Kentucky met on Monday."
    county = [r for r in located(text, gaz) if r.mention.text == "Laurel County"]
    assert county and county[0].place and county[0].place.admin1 == "KY"


def test_demonym_resolves_to_its_country(gaz):
    syrian = [r for r in located("Syrian forces shelled the town.", gaz) if r.mention.text == "Syrian"]
    assert syrian[0].mention.kind == "demonym" and syrian[0].place.country_code == "SY"


def test_confidence_is_a_probability(gaz, seed_resolutions):
    assert all(0.0 <= r.confidence <= 1.0 for r in seed_resolutions)
