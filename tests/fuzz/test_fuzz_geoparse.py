"""Fuzzing the whole geoparse on the small gazetteer: no stage ever fails, the books balance,
every point is valid RFC 7946 in range, and the same input gives the same bytes."""
from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from geo import export
from geo.pipeline import geoparse_articles
from geo.records import Article
from geo.tally import tally
from tests.fuzz.strategies import texts

published = st.one_of(st.none(), st.dates(min_value=date(1000, 1, 1), max_value=date(8999, 12, 31)),
                      st.sampled_from([date(2016, 7, 19), date(2016, 2, 29)]))


@given(st.lists(st.tuples(texts, texts, published), min_size=1, max_size=3))
def test_geoparse_of_arbitrary_text(small_gaz, docs):
    articles = [Article(id=f"f-{i}", title=t, text=x, published=p, feed="f", feed_position=i)
                for i, (t, x, p) in enumerate(docs)]
    batch = geoparse_articles(articles, gazetteer=small_gaz)
    assert not batch.failed, [p.reason for p in batch.failed]
    books = tally(batch)
    assert books.balanced and books.records == len(articles)
    doc = json.loads(export.render(batch.events, "geojson"))
    assert doc["type"] == "FeatureCollection"
    ids = [f["id"] for f in doc["features"]]
    assert len(set(ids)) == len(ids)
    for f in doc["features"]:
        lon, lat = f["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    again = geoparse_articles(articles, gazetteer=small_gaz)
    for fmt in export.FORMATS:
        assert export.render(again.events, fmt) == export.render(batch.events, fmt)
