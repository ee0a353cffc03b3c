import re
from datetime import date, timedelta

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


def test_place_labels_carry_the_names_the_articles_wrote(small_gaz):
    qayyarah = small_gaz.get("geonames:99003")
    df = filters.frame(rows([event(place=MOSUL, start=0), event(place=qayyarah, mention="Qayara", start=90),
                             event(place=qayyarah, mention="Al Qaiyara", start=190)]))
    labels = filters.place_labels(df)
    assert labels[MOSUL.id] == "Mosul (IQ)"
    assert labels[qayyarah.id] == "Al Qayyārah (IQ) · written Al Qaiyara, Qayara"


def test_search_finds_places_through_the_gazetteer_folding(small_gaz):
    tallkayf, mexmur = small_gaz.get("geonames:90353"), small_gaz.get("geonames:93818")
    df = filters.frame(rows([
        event("A", tallkayf, mention="Tel Kaif", sentence="Shelling hit Tel Kaif.", start=0),
        event("B", mexmur, mention="Makhmur", sentence="Troops left Makhmur.", start=100),
        event("C", MOSUL, start=200)]))
    found = lambda q: sorted(filters.apply(df, Filters(text=q))["title"])  # noqa: E731
    assert found("Tel Keyf") == ["A"] and found("Tallkayf") == ["A"]
    assert found("Makhmour") == ["B"]
    assert found("Qayara") == []


def test_event_labels_are_unique_and_say_which_sentence():
    same = [event("T", MOSUL, sentence="Air strikes hit Mosul on Tuesday, residents said.", start=i * 100)
            for i in range(3)]
    other = event("T", MOSUL, sentence="Shelling resumed near Mosul airport overnight, officials said.", start=900)
    df = filters.frame(rows([*same, other]))
    labels = filters.event_labels(df)
    assert len(set(labels.values())) == 4
    assert labels[df["event_id"][3]] == "Mosul · 2016-07-19 · “Shelling resumed near Mosul airport overnight, officials said.”"
    assert labels[df["event_id"][1]].endswith("residents said.” (2)")


def test_repeated_event_ids_are_made_unique_and_each_row_kept():
    e = event("Twice", MOSUL)
    corpus = filters.Corpus.from_batch(None, rows([e, e, e]))
    assert [r["event_id"] for r in corpus.rows] == ["a-000:16", "a-000:16~2", "a-000:16~3"]
    assert [r["title"] for r in corpus.rows] == ["Twice"] * 3


def test_events_and_other_roles_are_told_apart():
    from dataclasses import replace
    df = filters.frame(rows([event(start=0), replace(event(start=100), role="mention")]))
    assert list(filters.is_event(df)) == [True, False]


def test_date_window_opens_on_the_publication_span_not_on_recalled_years():
    from dataclasses import replace

    from geo.records import DateEstimate
    news = [event(day=date(2016, 7, 1) + timedelta(days=i), start=i * 100) for i in range(0, 120, 10)]
    recalled = replace(news[0], date=DateEstimate(date(2003, 1, 1), precision="year"))
    df = filters.frame(rows([*news, recalled]))
    assert filters.date_bounds(df) == (date(2003, 1, 1), date(2016, 10, 19))
    assert filters.date_window(df) == (date(2016, 7, 1), date(2016, 10, 19))


def test_per_day_leaves_month_and_year_dates_to_their_own_count():
    from dataclasses import replace

    from geo.records import DateEstimate
    day = event(day=date(2016, 7, 19), start=0)
    month = replace(event(start=100), date=DateEstimate(date(2016, 7, 1), precision="month"))
    year = replace(event(start=200), date=DateEstimate(date(2016, 1, 1), precision="year"))
    df = filters.frame(rows([day, month, year]))
    counts = filters.per_day(df)["events"]
    assert [str(d.date()) for d in counts.index] == ["2016-07-19"]
    assert filters.per_precision(df).to_dict("records") == [
        {"precision": "month", "period": "2016-07", "events": 1}, {"precision": "year", "period": "2016", "events": 1}]


@pytest.mark.parametrize("days, step", [(20, 1), (90, 1), (200, 7), (700, 7), (3000, 30)])
def test_playback_pace_fits_the_range(days, step):
    assert filters.playback_step(date(2016, 1, 1), date(2016, 1, 1) + timedelta(days=days)) == step


def test_download_names_say_the_view():
    f = Filters(countries=("SY",), start=date(2016, 7, 1), end=date(2016, 7, 31))
    assert filters.download_name(f, None, "geojson") == "dateline-SY-2016-07-01_2016-07-31.geojson"
    assert filters.download_name(Filters(text="Tel Keyf!"), (date(2016, 1, 1), date(2016, 2, 1)), "csv") == \
        "dateline-2016-01-01_2016-02-01-tel-keyf.csv"
    assert filters.download_name(Filters(), None, "csv") == "dateline.csv"


@pytest.mark.parametrize("text", [
    "[click](https://evil.example)", "![x](https://evil.example/p.png)", ":red[ALERT] :warning:", "# Big",
    "**bold** _it_ `code`", "$$x^2$$", "<b>tag</b>", "line\n\n---\nbanner",
])
def test_plain_markdown_leaves_no_markup(text):
    """Every character Markdown (or Streamlit's :colour[] and $math$) could act on is escaped;
    the rendered result in a real browser is checked in test_browser."""
    out = filters.plain_markdown(text)
    assert "\n" not in out
    assert not re.search(r"(?<!\\)[\[\]()!:#*_`$<>|~-]", re.sub(r"\\.", "", out))
    assert re.sub(r"\\(.)", r"\1", out) == " ".join(text.split())


def test_fit_frames_the_events_not_the_outliers():
    far = [event(place=BAGHDAD, start=5000), event(place=MANBIJ, start=6000)]
    near = [event(place=MOSUL, start=i * 100) for i in range(10)]
    country = event(place=BAGHDAD, geo_precision="country", start=7000)
    df = filters.frame(rows([*near, *far, country]))
    (s, w), (n, e) = filters.fit_bounds(df)
    assert (s, w, n, e) == (MOSUL.lat, MOSUL.lon, MOSUL.lat, MOSUL.lon)
    small = filters.frame(rows([near[0], far[0]]))
    assert filters.fit_bounds(small) == [[BAGHDAD.lat, MOSUL.lon], [MOSUL.lat, BAGHDAD.lon]]
    assert filters.fit_bounds(filters.frame(rows([country]))) == [[BAGHDAD.lat, BAGHDAD.lon]] * 2
    assert filters.fit_bounds(filters.frame([])) is None


def test_countries_by_name_and_table_headers(df):
    assert filters.country_label("SY") == "Syria" and filters.country_label("ZZ") == "ZZ"
    shown = filters.table(df)
    assert list(shown.columns) == list(filters.TABLE_HEADERS.values())
    assert list(shown["Country"]) == ["Iraq", "Iraq", "Syria", None]


def test_country_colours_go_to_the_most_frequent_and_one_other():
    df = filters.frame(rows([event(place=p, start=i * 100) for i, p in enumerate([MOSUL] * 3 + [MANBIJ] * 2 + [None])]))
    assert list(filters.country_categories(df, 1)) == ["IQ"] * 3 + ["other"] * 3


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


def test_session_aliases_correct_every_event_with_that_mention():
    a = event("A", BAGHDAD, mention="Mosul", start=0)
    b = event("B", BAGHDAD, mention="MOSUL", sentence="Air strikes hit MOSUL.", start=100)
    c = event("C", MANBIJ, start=200)
    corpus_rows = rows([a, b, c])
    by_id = {r["event_id"]: e for r, e in zip(corpus_rows, [a, b, c])}
    fixed = filters.corrected_rows(corpus_rows, by_id, {}, {"Mosul": MOSUL})
    assert [r["place"] for r in fixed] == ["Mosul", "Mosul", "Manbij"]
    assert filters.corrected_rows(corpus_rows, by_id, {corpus_rows[0]["event_id"]: MANBIJ},
                                  {"Mosul": MOSUL})[0]["place"] == "Manbij"  # an explicit correction wins


def test_correction_precision_follows_the_new_place():
    from gazetteer.place import Place
    iraq = Place("geonames:99237", "Iraq", 33.0, 44.0, "IQ", "A", "PCLI", geonameid=99237)
    near = event(place=BAGHDAD, geo_precision="near")
    assert filters.correct(near, MOSUL).resolution.geo_precision == "near"
    assert filters.correct(near, iraq).resolution.geo_precision == "country"
    assert filters.correct(event(place=iraq, geo_precision="country"), MOSUL).resolution.geo_precision == "exact"


def test_background_and_planned_events_are_off_the_default_map():
    table = [{"event_id": "a:1", "role": "event", "background": False, "planned": False},
             {"event_id": "a:2", "role": "event", "background": True, "planned": False},
             {"event_id": "a:3", "role": "event", "background": False, "planned": True},
             {"event_id": "a:4", "role": "mention", "background": False, "planned": False}]
    df = filters.frame(table)
    assert list(df[filters.is_event(df)]["event_id"]) == ["a:1"]  # the rest are the grey "others" layer


def test_a_long_view_lists_a_few_events_and_keeps_the_chosen_one():
    df = filters.frame(rows(make_events(50)))
    chosen = df["event_id"].iloc[-1]
    short = filters.listed(df, None, 10)
    assert len(short) == 10
    with_chosen = filters.listed(df, chosen, 10)
    assert len(with_chosen) == 11 and with_chosen["event_id"].iloc[0] == chosen
