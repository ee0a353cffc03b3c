"""Article focus: the main country and the most specific main place, on made-up and seed articles."""
from geo.export import COLUMNS, event_row
from geo.focus import focus
from geo.pipeline import geoparse_article, locate
from geo.records import Article, DateEstimate, Section


def article_focus(text, gaz, **kw):
    article = Article(id="t", text=text, **kw)
    return focus(article, locate(article, gaz))


def test_the_city_named_most_is_the_main_place_of_the_main_country(small_gaz):
    f = article_focus("Shelling hit Aleppo on Monday. Turkey said it was worried. Residents of Aleppo fled "
                      "to Manbij, and Syria's army moved in.", small_gaz)
    assert f.country_code == "SY" and f.place.name == "Aleppo"
    assert 0.5 < f.confidence <= 1.0


def test_a_place_named_once_in_passing_leaves_the_country_as_focus(small_gaz):
    f = article_focus("Syria's government met in Damascus. Syria rejected the plan. Syria will vote.", small_gaz)
    assert f.country_code == "SY" and f.place.is_country and f.place.geonameid == 163843


def test_a_dateline_place_is_main_even_when_named_once(small_gaz):
    text = "MOSUL, Iraq (Reuters) - Fighting went on. Baghdad sent troops."
    f = article_focus(text, small_gaz, sections=(Section("dateline", 0, len("MOSUL, Iraq (Reuters) -")),))
    assert f.country_code == "IQ" and f.place.name == "Mosul"


def test_no_place_no_focus(small_gaz):
    assert article_focus("Nothing happened today.", small_gaz) is None


def test_exports_carry_the_focus_of_the_article(small_gaz):
    article = Article(id="a", text="Air strikes killed 12 people in Aleppo. Aleppo was shelled again on Monday.")
    result = geoparse_article(article, DateEstimate.undated(), small_gaz)
    assert result.events and result.focus is not None
    row = event_row(result.events[0])
    assert COLUMNS[-2:] == ("focus_country", "focus_place")
    assert (row["focus_country"], row["focus_place"]) == ("SY", "Aleppo")


def test_seed_article_focus(seed_articles, gaz):
    article = next(a for a in seed_articles if "Manbij" in a.text)
    f = focus(article, locate(article, gaz))
    assert f.country_code == "SY" and f.place.name == "Manbij"
