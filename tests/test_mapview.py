import json
import re
import shutil
import subprocess
from datetime import date, timedelta

import pytest
from synthetic import BAGHDAD, MOSUL, event, make_events

from geo import filters, mapview
from geo.export import rows

PAYLOAD = ('<img src=x onerror=alert(1)> ${alert(2)} `</script><script>alert(3)</script>` \\1 \u2028'
           "{{ 'DL' ~ 'JINJA' }} {% for x in 'ab' %}LOOP{% endfor %} {{ ''.__class__ }}")


def frame_of(*events):
    return filters.frame(rows(events))


def rendered(df, **kw) -> str:
    m = mapview.base_map(filters.fit_bounds(df), tiles=None)
    for layer in mapview.event_layers(df, "event_type", mapview.palette(df, "event_type"), **kw):
        layer.add_to(m)
    return m.get_root().render()


def test_js_literal_is_inert_and_loses_nothing():
    lit = mapview.js_literal([PAYLOAD, [PAYLOAD, 1.5, None]])
    for ch in "<>`$'&{}\u2028":
        assert ch not in lit
    assert json.loads(lit) == [PAYLOAD, [PAYLOAD, 1.5, None]]


@pytest.mark.parametrize("url, ok", [
    ("https://www.reuters.com/article/x", True), ("http://example.org/a?b=1", True), (" HTTPS://x.org ", True),
    ("javascript:alert(1)", False), (" javascript:alert(1)", False), ("JaVaScRiPt:alert(1)", False),
    ("data:text/html,<script>alert(1)</script>", False), ("https:alert(1)", False), ("//evil.org", False),
    ("", False), (None, False), (float("nan"), False),
])
def test_only_absolute_http_links(url, ok):
    assert (mapview.safe_url(url) is not None) is ok


def test_article_text_never_reaches_the_map_script_raw():
    df = frame_of(event(PAYLOAD, mention="Mosul", sentence=f"{PAYLOAD} Mosul {PAYLOAD}", url="javascript:alert(4)"))
    for kw in ({}, {"playback": True}, {"heatmap": True}):
        html = rendered(df, **kw)
        assert "<img src=x" not in html and "${alert" not in html and "<script>alert" not in html
        assert "javascript:alert" not in html
        # branca compiles rendered scripts as Jinja templates: article text must not be run there.
        assert "DLJINJA" not in html and "LOOPLOOP" not in html and "<class" not in html


def test_marker_rows_carry_the_popup_fields():
    from dataclasses import replace
    long = "x" * 500
    e = replace(event("Strikes", MOSUL, date(2016, 7, 19), inferred=True, confidence=0.876,
                      sentence=f"{long} hit Mosul today {long}", geo_precision="near"),
                sub_event_type="Armed clash", fatalities=12, actors=("Islamic State", "SDF"))
    row = mapview.marker_rows(frame_of(e), "country", {"IQ": "#123456"})[0]
    named = dict(zip(("lat", "lon", "colour", *mapview.POPUP_FIELDS), row))
    assert (named["lat"], named["lon"], named["colour"]) == (36.335, 43.11889, "#123456")
    assert named["id"] == "a-000:505"  # article id, then where the mention starts
    assert named["what"] == "Battles: Armed clash · 12 killed · actors: Islamic State; SDF"
    e = replace(e, trigger="air strikes [rule Air/drone strike]")
    named = dict(zip(("lat", "lon", "colour", *mapview.POPUP_FIELDS), mapview.marker_rows(frame_of(e), "country", {})[0]))
    assert named["what"].endswith(" · why: air strikes [rule Air/drone strike]")  # the trigger, in the popup
    assert named["date"] == "2016-07-19, inferred from the text"
    assert named["place"] == "near Mosul, Iraq · confidence 0.88"
    assert named["mention"] == "Mosul"
    assert named["before"].startswith("…") and named["before"].endswith(" hit ")
    assert len(named["before"]) == mapview.SNIPPET_CONTEXT + 1
    assert named["after"].startswith(" today ") and named["after"].endswith("…")
    assert named["url"] == "https://example.org/a"
    assert mapview.marker_rows(frame_of(event(day=None)), "country", {})[0][6] == "undated"


@pytest.mark.parametrize("precision, day, label", [
    ("day", "2016-07-19", "2016-07-19"), ("week", "2016-07-18", "week of 2016-07-18"),
    ("month", "2016-07-01", "July 2016"), ("year", "2016-01-01", "2016"), (None, None, "undated")])
def test_dates_are_shown_at_their_precision(precision, day, label):
    assert mapview._date_label(day, False, precision) == label


@pytest.mark.parametrize("precision, label", [
    ("exact", "in Mosul, Iraq"), ("near", "near Mosul, Iraq"),
    ("container", "in Mosul, Iraq (the spot itself is not in the gazetteer)"),
    ("admin", "in Mosul, Iraq (the region as a whole)"), ("country", "somewhere in Iraq (country only)")])
def test_places_are_phrased_by_their_precision(precision, label):
    assert mapview._place_label("Mosul", "IQ", 0.5, precision) == f"{label} · confidence 0.50"


def test_playback_holds_dated_events_only_and_heatmap_is_separate():
    df = frame_of(event(day=date(2016, 7, 19), start=0), event(day=None, start=50), event(place=None, start=90))
    layers = mapview.event_layers(df, "country", {}, heatmap=True, playback=True)
    assert [layer.layer_name for layer in layers] == ["Events", "Heatmap"]
    playback = next(c for c in layers[0]._children.values() if type(c).__name__ == "_Playback")
    data = json.loads(playback.rows)
    assert len(data) == 1 and data[0][-1] == 1468886400000  # 2016-07-19T00:00Z in ms
    markers = mapview.event_layers(df, "country", {})[0]
    assert len(json.loads(next(iter(markers._children.values())).rows)) == 2  # the place-less one is not drawn


def test_playback_steps_and_window_follow_the_settings():
    df = frame_of(*(event(day=date(2016, 1, 1) + timedelta(days=d), start=d * 100) for d in (0, 350)))
    playback = next(c for c in mapview.event_layers(df, "country", {}, playback=True, step_days=7,
                                                    window_days=14)[0]._children.values()
                    if type(c).__name__ == "_Playback")
    assert playback.steps == (350 + 14) // 7 and playback.duration == playback.steps * mapview.FRAME_MS
    assert playback.window_ms == 14 * mapview.DAY_MS


def test_other_mentions_are_a_separate_grey_layer_and_an_empty_view_says_so():
    from dataclasses import replace
    ev, mention = event(start=0), replace(event(place=BAGHDAD, start=100), role="mention")
    df = frame_of(ev, mention)
    events, others = df[filters.is_event(df)], df[~filters.is_event(df)]
    layers = mapview.event_layers(events, "event_type", mapview.palette(events, "event_type"), others=others)
    assert [layer.layer_name for layer in layers] == ["Events", "Other place mentions"]
    dots = json.loads(next(iter(layers[1]._children.values())).rows)
    assert [(r[2], r[5]) for r in dots] == [(mapview.MENTION_COLOUR, "Place mention (not an event here)")]
    html = rendered(events.iloc[:0])
    assert "No events match these filters." in html
    assert "No events match" not in rendered(events)


def test_clusters_are_neutral_and_the_click_carries_the_event_id():
    html = rendered(frame_of(event(start=0), event(start=100)))
    assert re.search(r"L\.dateline\.cluster\(\[\[.*\]\]\)\.addTo\(feature_group", html)
    assert "iconCreateFunction" in html and "dl-cluster" in html
    assert "content.innerText = r[3]" in html


def test_colour_by_country_gives_the_most_frequent_their_own_colour():
    full = filters.frame(rows(make_events(200)))
    colours = mapview.palette(full, "country")
    assert set(colours) == {"IQ", "SY", "TR", "other"} and colours["other"] == mapview.OTHER_COLOUR
    assert len(set(colours.values())) == 4


def test_colours_do_not_change_when_the_view_is_filtered():
    full = filters.frame(rows(make_events(50)))
    palette = mapview.palette(full, "event_type")
    assert len(set(palette.values())) == len(palette)
    view = filters.apply(full, filters.Filters(event_types=("Protests",)))
    filtered = mapview.palette(view, "event_type")["Protests"]
    assert mapview.palette(full, "event_type")["Protests"] == palette["Protests"] != filtered


def test_base_map_depends_on_the_data_set_not_the_view():
    """streamlit-folium remounts the map when its script changes; filters must not cause that."""
    from streamlit_folium import _get_map_string

    df = frame_of(event(place=MOSUL, start=0), event(place=BAGHDAD, start=60))
    scripts = {_get_map_string(mapview.base_map(filters.fit_bounds(df), tiles=None)) for _ in range(2)}
    assert len(scripts) == 1
    html = rendered(df)
    assert "GeoNames" in html and "fitBounds" in html


def test_an_inferred_date_shows_the_interval_it_may_fall_in():
    df = frame_of(event("Strikes", MOSUL, date(2016, 7, 19), inferred=True))
    df.loc[:, "event_interval"] = "2016-07-13/2016-07-20"
    row = mapview.marker_rows(df, "country", {})[0]
    named = dict(zip(("lat", "lon", "colour", *mapview.POPUP_FIELDS), row))
    assert named["date"] == "2016-07-19, inferred from the text (2016-07-13/2016-07-20)"


@pytest.mark.skipif(not shutil.which("node"), reason="needs node to parse the generated JavaScript")
def test_the_generated_script_is_valid_javascript(tmp_path):
    """A string literal broken by a raw newline, say, would stop the whole map in the browser."""
    from dataclasses import replace
    df = frame_of(event(PAYLOAD, sentence=f"{PAYLOAD} Mosul", mention="Mosul", start=0),
                  replace(event(place=BAGHDAD, start=100), role="mention"))
    events, others = df[filters.is_event(df)], df[~filters.is_event(df)]
    for kw in ({}, {"playback": True}, {"heatmap": True}, {"others": others}):
        html = rendered(events, **kw)
        for i, script in enumerate(re.findall(r"<script>(.*?)</script>", html, flags=re.S)):
            path = tmp_path / f"s{i}.js"
            path.write_text(script, encoding="utf-8")
            check = subprocess.run(["node", "--check", str(path)], capture_output=True, text=True)
            assert check.returncode == 0, check.stderr[:2000]
