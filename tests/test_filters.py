from datetime import date

import pytest
from synthetic import BAGHDAD, MANBIJ, MOSUL, event, make_events

from geo import filters
from geo.export import render, rows
from geo.filters import Filters


@pytest.fixture
def df():
    return filters.frame(rows([
        event("Strikes hit Mosul", MOSUL, date(2016, 7, 19), confidence=0.9, event_type="Battles", start=0),
        event("Protest in Baghdad", BAGHDAD, date(2016, 7, 21), confidence=0.5, event_type="Protests", start=100),
        event("Manbij siege", MANBIJ, None, confidence=0.8, event_type="", start=200),
        event("Lost city", None, date(2016, 7, 20), confidence=0.2, start=300),
    ]))


def test_download_of_a_frame_is_byte_identical_to_the_cli_export():
    events = make_events(300)
    view = filters.frame(rows(events)).to_dict("records")
    for fmt in ("geojson", "csv", "jsonl"):
        assert render(view, fmt) == render(events, fmt)


def test_each_filter_narrows_the_view(df):
    titles = lambda f: sorted(filters.apply(df, f)["title"])  # noqa: E731
    assert titles(Filters(countries=("IQ",))) == ["Protest in Baghdad", "Strikes hit Mosul"]
    assert titles(Filters(places=(MANBIJ.id,))) == ["Manbij siege"]
    assert titles(Filters(event_types=(filters.NO_TYPE,))) == ["Manbij siege"]
    assert titles(Filters(text="  SIEGE ")) == ["Manbij siege"]
    assert titles(Filters(text="air strikes hit manbij")) == ["Manbij siege"]  # sentences too
    assert titles(Filters(min_confidence=0.6)) == ["Manbij siege", "Strikes hit Mosul"]


def test_date_range_keeps_undated_events_unless_asked(df):
    f = Filters(start=date(2016, 7, 20), end=date(2016, 7, 21))
    assert sorted(filters.apply(df, f)["title"]) == ["Lost city", "Manbij siege", "Protest in Baghdad"]
    f = Filters(start=date(2016, 7, 20), end=date(2016, 7, 21), undated=False)
    assert sorted(filters.apply(df, f)["title"]) == ["Lost city", "Protest in Baghdad"]
    assert list(filters.undated(df)["title"]) == ["Manbij siege"]
    assert list(filters.mappable(df)["title"]) == ["Strikes hit Mosul", "Protest in Baghdad", "Manbij siege"]


def test_date_bounds_widen_a_single_day_and_skip_undated(df):
    assert filters.date_bounds(df) == (date(2016, 7, 19), date(2016, 7, 21))
    one = filters.frame(rows([event(day=date(2016, 7, 19))]))
    assert filters.date_bounds(one) == (date(2016, 7, 19), date(2016, 7, 20))
    assert filters.date_bounds(filters.frame(rows([event(day=None)]))) is None


def test_per_day_counts_include_empty_days():
    df = filters.frame(rows([event(day=date(2016, 7, 19), start=0), event(day=date(2016, 7, 19), start=50),
                             event(day=date(2016, 7, 22), start=99), event(day=None, start=120)]))
    counts = filters.per_day(df)["events"]
    assert [str(d.date()) for d in counts.index] == ["2016-07-19", "2016-07-20", "2016-07-21", "2016-07-22"]
    assert list(counts) == [2, 0, 0, 1]
    assert filters.per_day(filters.frame([])).empty


def test_place_labels_and_clicked_point(df):
    assert filters.place_labels(df)[MOSUL.id] == "Mosul (IQ)"
    assert list(filters.at_point(df, 36.335, 43.11889)["title"]) == ["Strikes hit Mosul"]
    assert filters.at_point(df, 36.3351, 43.11889).empty


@pytest.mark.parametrize("params, expected", [
    ({"lat": "36.3", "lon": "43.1", "zoom": "7"}, filters.MapView(36.3, 43.1, 7)),
    ({"lat": "36.3", "lon": "403.1", "zoom": "7"}, filters.MapView(36.3, 43.1, 7)),  # wrapped
    ({"lat": "36.3", "lon": "43.1"}, None),
    ({"lat": "nan", "lon": "43.1", "zoom": "3"}, None),
    ({"lat": "95", "lon": "43.1", "zoom": "3"}, None),
    ({"lat": "<script>", "lon": "1", "zoom": "3"}, None),
    ({"lat": "1", "lon": "1", "zoom": "99"}, None),
])
def test_map_view_from_query_params(params, expected):
    view = filters.parse_view(params)
    if expected is None:
        assert view is None
    else:
        assert (round(view.lat, 6), round(view.lon, 6), view.zoom) == (expected.lat, expected.lon, expected.zoom)


def test_correction_rewrites_the_place_columns_and_only_that_row():
    wrong = event("Strikes", BAGHDAD, mention="Mosul", alternatives=(MOSUL,), confidence=0.4, start=0)
    other = event("Other", MANBIJ, start=500)
    corpus_rows = rows([wrong, other])
    by_id = {r["event_id"]: e for r, e in zip(corpus_rows, [wrong, other])}
    fixed = filters.corrected_rows(corpus_rows, by_id, {corpus_rows[0]["event_id"]: MOSUL})
    assert fixed[1] is corpus_rows[1]
    row = fixed[0]
    assert (row["place"], row["lat"], row["lon"], row["geonameid"], row["place_id"], row["country_code"],
            row["feature_code"], row["confidence"]) == ("Mosul", 36.335, 43.11889, 99072, MOSUL.id, "IQ", "PPLA", 1.0)
    assert row["alternatives"] == "Baghdad (IQ)"
    assert row["mention"] == "Mosul" and row["event_id"] == corpus_rows[0]["event_id"]


def test_correction_precision_follows_the_new_place():
    from gazetteer.place import Place
    iraq = Place("geonames:99237", "Iraq", 33.0, 44.0, "IQ", "A", "PCLI", geonameid=99237)
    near = event(place=BAGHDAD, geo_precision="near")
    assert filters.correct(near, MOSUL).resolution.geo_precision == "near"
    assert filters.correct(near, iraq).resolution.geo_precision == "country"
    assert filters.correct(event(place=iraq, geo_precision="country"), MOSUL).resolution.geo_precision == "exact"


def test_background_and_planned_events_are_off_the_default_map():
    table = [{"event_id": "a:1", "event_date": "2016-07-19", "background": False, "planned": False},
            {"event_id": "a:2", "event_date": "2014-01-01", "background": True, "planned": False},
            {"event_id": "a:3", "event_date": "2016-07-21", "background": False, "planned": True}]
    df = filters.frame(table)
    assert list(filters.apply(df, Filters())["event_id"]) == ["a:1"]
    assert list(filters.apply(df, Filters(background_and_planned=True))["event_id"]) == ["a:1", "a:2", "a:3"]
