import json
from datetime import date

import pytest
from synthetic import BAGHDAD, MOSUL, event, make_events

from geo import filters, mapview
from geo.export import rows

PAYLOAD = ('<img src=x onerror=alert(1)> ${alert(2)} `</script><script>alert(3)</script>` \\1 \u2028'
           "{{ 'DL' ~ 'JINJA' }} {% for x in 'ab' %}LOOP{% endfor %} {{ ''.__class__ }}")


def frame_of(*events):
    return filters.frame(rows(events))


def rendered(df, **kw) -> str:
    m = mapview.base_map(mapview.data_bounds(df), tiles=None)
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
    long = "x" * 500
    df = frame_of(event("Strikes", MOSUL, date(2016, 7, 19), inferred=True, confidence=0.876,
                        sentence=f"{long} hit Mosul today {long}", geo_precision="near"))
    row = mapview.marker_rows(df, "country", {"IQ": "#123456"})[0]
    named = dict(zip(("lat", "lon", "colour", *mapview.POPUP_FIELDS), row))
    assert (named["lat"], named["lon"], named["colour"]) == (36.335, 43.11889, "#123456")
    assert named["date"] == "2016-07-19, inferred"
    assert named["place"] == "Mosul, IQ (near) · confidence 0.88"
    assert named["mention"] == "Mosul"
    assert named["before"].startswith("…") and named["before"].endswith(" hit ")
    assert len(named["before"]) == mapview.SNIPPET_CONTEXT + 1
    assert named["after"].startswith(" today ") and named["after"].endswith("…")
    assert named["url"] == "https://example.org/a"
    assert mapview.marker_rows(frame_of(event(day=None)), "country", {})[0][4] == "undated"


def test_playback_holds_dated_events_only_and_heatmap_is_separate():
    df = frame_of(event(day=date(2016, 7, 19), start=0), event(day=None, start=50), event(place=None, start=90))
    layers = mapview.event_layers(df, "country", {}, heatmap=True, playback=True)
    assert [layer.layer_name for layer in layers] == ["Events", "Heatmap"]
    playback = next(c for c in layers[0]._children.values() if type(c).__name__ == "_Playback")
    data = json.loads(playback.rows)
    assert len(data) == 1 and data[0][-1] == 1468886400000  # 2016-07-19T00:00Z in ms
    markers = mapview.event_layers(df, "country", {})[0]
    assert len(json.loads(next(iter(markers._children.values())).rows)) == 2  # the place-less one is not drawn


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
    scripts = {_get_map_string(mapview.base_map(mapview.data_bounds(df), tiles=None)) for _ in range(2)}
    assert len(scripts) == 1
    html = rendered(df)
    assert "GeoNames" in html and "fitBounds" in html


def test_an_inferred_date_shows_the_interval_it_may_fall_in():
    df = frame_of(event("Strikes", MOSUL, date(2016, 7, 19), inferred=True))
    df.loc[:, "event_interval"] = "2016-07-13/2016-07-20"
    row = mapview.marker_rows(df, "country", {})[0]
    named = dict(zip(("lat", "lon", "colour", *mapview.POPUP_FIELDS), row))
    assert named["date"] == "2016-07-19, inferred (2016-07-13/2016-07-20)"
