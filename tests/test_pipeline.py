"""The whole pipeline on the seed corpus, end to end (its Dask twin: tests/test_scale.py)."""
from __future__ import annotations

import pytest

from gazetteer.geometry import haversine_km
from geo.pipeline import geoparse_articles
from geo.records import Article

TRUE_PLACES = {  # GeoNames points of the places the seed stories are about
    "Manbij": (36.5281, 37.9549), "Mosul": (36.335, 43.11889), "Aleppo": (36.20124, 37.16117),
    "Sabratha": (32.79335, 12.48845), "Qayara": (35.79933, 43.29447), "Tel Keyf": (36.49118, 43.12114),
    "Makhmour": (35.77622, 43.57974),
}


def test_most_seed_articles_yield_events(seed_batch):
    assert len(seed_batch.results) == 19
    assert sum(1 for r in seed_batch.results if r.events) >= 17


def test_every_article_has_events_or_a_reason(seed_batch):
    for r in seed_batch.results:
        assert r.events or r.problems


@pytest.mark.parametrize("name", sorted(TRUE_PLACES))
def test_story_places_land_within_25_km(seed_batch, name):
    hits = [e for e in seed_batch.events if e.resolution.mention.text == name]
    assert hits, f"{name} not found in the seeds"
    for e in hits:
        assert haversine_km(e.place.lat, e.place.lon, *TRUE_PLACES[name]) < 25


def test_demonyms_and_rejections_never_become_events(seed_batch):
    texts = {e.resolution.mention.text for e in seed_batch.events}
    assert not texts & {"Syrian", "Iraqi", "Islamic State", "Kerry"}


def test_events_carry_sentence_and_dates(seed_batch):
    e = next(e for e in seed_batch.events if e.resolution.mention.text == "Manbij")
    assert "Manbij" in e.sentence
    assert e.published.value is not None and e.published.inferred and e.published.evidence


def test_metadata_date_is_used_and_not_marked_inferred(small_gaz):
    from datetime import date

    a = Article(id="m1", text="Clashes erupted in Mosul on Tuesday.", title="Mosul", published=date(2016, 11, 4))
    [result] = geoparse_articles([a], gazetteer=small_gaz).results
    assert result.published.value == date(2016, 11, 4) and not result.published.inferred


def test_article_with_no_places_is_reported(small_gaz):
    a = Article(id="n1", text="Nothing happened here today.", title="Quiet", source="x.txt:1")
    batch = geoparse_articles([a], gazetteer=small_gaz)
    [problem] = batch.problems
    assert problem.article_id == "n1" and "no place names" in problem.reason


# --- failure isolation: one broken article never costs the others -------------------------------

THREE = (Article(id="a", text="Clashes erupted in Mosul on Tuesday.", title="A", source="in.jsonl:1"),
         Article(id="b", text="Air strikes hit Aleppo on Monday.", title="B", source="in.jsonl:2"),
         Article(id="c", text="Fighting was reported in Tripoli, Libya.", title="C", source="in.jsonl:3"))


def _fail_on(monkeypatch, target: str, article_id: str) -> None:
    """Make the stage function ``target`` of geo.pipeline raise for one article only."""
    import geo.pipeline

    real = getattr(geo.pipeline, target)

    def broken(article, *args, **kwargs):
        if article.id == article_id:
            raise ValueError("math domain error")
        return real(article, *args, **kwargs)

    monkeypatch.setattr(geo.pipeline, target, broken)


@pytest.mark.parametrize("target, stage", [("recognise", "recognise"), ("_resolve", "resolve"),
                                           ("date_sentences", "date"), ("events_for", "events")])
def test_a_stage_failing_on_one_article_of_three_loses_only_that_article(monkeypatch, small_gaz, target, stage):
    _fail_on(monkeypatch, target, "b")
    batch = geoparse_articles(list(THREE), gazetteer=small_gaz)
    assert [r.article.id for r in batch.results] == ["a", "b", "c"]
    assert {e.article_id for e in batch.events} == {"a", "c"}
    [failed] = batch.failed
    assert (failed.article_id, failed.stage.value, failed.source) == ("b", stage, "in.jsonl:2")
    assert "ValueError: math domain error" in failed.reason


def test_publication_dating_failure_is_isolated_too(monkeypatch, small_gaz):
    import geo.pipeline

    real = geo.pipeline.publication_dates

    def broken(articles):
        if any(a.id == "b" for a in articles):
            raise OverflowError("date value out of range")
        return real(articles)

    monkeypatch.setattr(geo.pipeline, "publication_dates", broken)
    batch = geoparse_articles(list(THREE), gazetteer=small_gaz)
    assert {e.article_id for e in batch.events} == {"a", "c"}
    assert [(p.article_id, p.stage.value) for p in batch.failed] == [("b", "date")]


def test_articles_with_nothing_to_map_are_problems_but_not_failures(small_gaz):
    batch = geoparse_articles([Article(id="q", text="Nothing happened today.", title="Quiet")], gazetteer=small_gaz)
    [problem] = batch.problems
    assert not problem.failed and problem.stage is None and not batch.failed


# --- streaming: windows of a feed, bounded memory, same answers ---------------------------------


def _long_feed(n: int) -> list[Article]:
    """A Reuters feed newest first, one article a day, each with a dated caption and a weekday."""
    from datetime import date, timedelta

    from geo.read import split_text

    first = date(2016, 3, 1)
    parts = []
    for i in range(n):
        day = first + timedelta(days=n - 1 - i)
        shot = day - timedelta(days=1)
        parts.append(f"Clashes in Mosul {i}\nSmoke rises over Mosul, Iraq {shot:%B} {shot.day}, {shot.year}. "
                     f"REUTERS/Staff\nMOSUL, Iraq (Reuters) - Clashes erupted in Mosul on {day:%A}, officials said.\n")
    return split_text("\n".join(parts), "feed.txt")


def test_a_long_feed_is_dated_window_by_window_as_it_would_be_whole(small_gaz):
    from geo.dates import publication_dates
    from geo.pipeline import DATING_WINDOW, geoparse_stream

    feed = _long_feed(DATING_WINDOW * 2 + 37)
    results = list(geoparse_stream(feed, None, small_gaz))
    assert [r.article.id for r in results] == [a.id for a in feed]
    assert [r.published for r in results] == publication_dates(feed)
    assert len(results) == len(feed) and all(r.published.precision == "day" for r in results)


def test_a_dating_failure_in_one_window_costs_only_its_culprit(monkeypatch, small_gaz):
    import geo.pipeline

    real = geo.pipeline.publication_dates
    feed = _long_feed(geo.pipeline.DATING_WINDOW + 10)

    def broken(articles):
        if any(a.id == "feed-105" for a in articles):
            raise OverflowError("date value out of range")
        return real(articles)

    monkeypatch.setattr(geo.pipeline, "publication_dates", broken)
    results = list(geo.pipeline.geoparse_stream(feed, None, small_gaz))
    assert len(results) == len(feed)
    assert [r.article.id for r in results if any(p.failed for p in r.problems)] == ["feed-105"]
