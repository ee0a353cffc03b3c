"""The script paths of app.py through Streamlit's AppTest: real widgets, real pipeline."""
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from geo import filters

pytestmark = pytest.mark.slow  # AppTest runs the whole app on the full index

APP = str(Path(__file__).resolve().parent.parent / "app.py")
XSS = '<img src=x onerror=alert(1)> ${alert(2)} `x` \\1'
ARTICLE = {"id": "up-1", "title": XSS, "date": "2016-10-20", "url": "https://example.org/up-1",
           "text": "Iraqi forces shelled Mosul on Thursday, residents said.\n"}


def run(query: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    at.run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> tuple[int, int]:
    """(events on the map, other place mentions) from the caption above the map."""
    caption = next(c.value for c in at.caption if " events on the map" in c.value)
    m = re.match(r"(\d+) events on the map \((\d+) other place mentions", caption)
    return int(m[1]), int(m[2])


def pick(at: AppTest, i: int = 0) -> AppTest:
    """Select the table's ``i``-th event, as a table-row or marker click does (by event id)."""
    at.session_state["event"] = at.session_state["table_ids"][i]
    return at.run()


def unescaped(markdown: str) -> str:
    """The text a Markdown element shows for source escaped by :func:`geo.filters.plain_markdown`."""
    return re.sub(r"\\(.)", r"\1", markdown)


def map_args(at: AppTest) -> str:
    (comp,) = [e for e in at.main if e.type == "component_instance"]
    return comp.proto.json_args


def test_opens_on_the_seed_events_only_fitted_to_the_war_and_its_months():
    at = run()
    events, others = shown(at)
    assert 50 < events < 100 and others > 200
    assert any(f"({others} other place mentions hidden)" in c.value for c in at.caption)
    args = json.loads(map_args(at))
    assert args["returned_objects"] == ["last_object_clicked_popup"]
    assert "L.dateline.cluster(" in args["feature_group"] and "L.canvas(" not in args["feature_group"]
    (south, west), (north, east) = json.loads(re.search(r"fitBounds\((\[\[.*?\]\])", args["feature_group"])[1])
    assert 30 < south < north < 38 and 10 < west < 20 and 40 < east < 46  # Libya to Iraq, not the world
    lo, hi = at.slider(key="dates").value
    assert (lo.isoformat()[:7], hi.isoformat()[:7]) == ("2016-06", "2017-01")  # the feeds span July to New Year
    assert at.button(key="all_dates")  # the full range, one click away
    at.button(key="all_dates").click().run()
    assert at.slider(key="dates").value[0].year < 2016
    at.toggle(key="others").set_value(True).run()
    assert "L.canvas(" in json.loads(map_args(at))["feature_group"]
    assert any(f"({shown(at)[1]} other place mentions shown as grey dots)" in c.value for c in at.caption)
    # The bytes are built on click (a callable, tested through geo.export.render in test_filters).
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) == {"Download GeoJSON", "Download CSV"}
    assert all(b.deferred_file_id and b.ignore_rerun for b in buttons.values())


def test_filters_come_from_and_narrow_by_the_url_and_speak_names():
    total = shown(run())[0]
    at = run({"q": "Manbij"})
    assert at.text_input(key="q").value == "Manbij"
    assert 0 < shown(at)[0] < total
    at = run({"country": ["Syria"], "conf": "0.9"})  # the URL holds what the widget shows
    assert at.multiselect(key="country").value == ["SY"]
    assert at.slider(key="conf").value == 0.9
    assert shown(at)[0] < total
    labels = at.selectbox(key="event").options
    assert len(labels) == len(set(labels))


def test_date_slider_and_bad_url_values():
    at = run({"zoom": "banana", "country": ["ZZ"], "dates": ["1999-01-01", "not-a-date"]})
    lo, hi = at.slider(key="dates").value
    assert lo < hi and shown(at)[0] > 0  # junk is ignored, not fatal
    total = shown(at)[0]
    at.slider(key="dates").set_value((lo, lo)).run()
    assert shown(at)[0] < total


def test_changing_a_widget_changes_the_map_layers():
    at = run()
    before = map_args(at)
    at.text_input(key="q").input("Mosul").run()
    assert not at.exception
    after = json.loads(map_args(at))
    assert after["feature_group"] != json.loads(before)["feature_group"]
    at.toggle(key="play").set_value(True).run()
    assert "timelineSliderControl" in json.loads(map_args(at))["feature_group"]
    at.toggle(key="heat").set_value(True).run()
    assert "heatLayer" in json.loads(map_args(at))["feature_group"]


def test_upload_is_geoparsed_and_escaped():
    at = run()
    at.file_uploader(key="upload_files").set_value(("mine.jsonl", (json.dumps(ARTICLE) + "\n").encode(),
                                                    "application/json")).run()
    assert not at.exception and not at.error
    assert any("from your upload" in c.value for c in at.caption)
    args = map_args(at)
    assert shown(at)[0] >= 1
    assert "Mosul" in args
    for raw in ("<img", "${alert", "`x`"):
        assert raw not in args


@pytest.mark.parametrize("name, data, message", [
    ("bad.jsonl", b"\xe9t\xe9 not utf-8", "not UTF-8"),  # latin-1 bytes (\xff\xfe would be a UTF-16 mark)
    ("bad.csv", b"headline,body\nx,y\n", "no column 'title'"),
    ("big.txt", b"x" * (5 * 1024 * 1024 + 1), "is 5,242,881 bytes; the limit is 5 MB (5,242,880 bytes)"),
    ("bad.geojson", b'{"type": "Feature"}', "not a GeoJSON FeatureCollection"),
])
def test_bad_uploads_get_a_clear_message_and_the_seed_map_stays(name, data, message):
    at = run()
    at.file_uploader(key="upload_files").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception
    assert any(message in unescaped(e.value) for e in at.error), [e.value for e in at.error]
    assert any("seed corpus" in c.value for c in at.caption)


def test_upload_limit_agrees_with_the_server_config():
    import tomllib
    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    at = run()
    assert config["server"]["maxUploadSize"] == 5
    assert "up to 5 MB (5,242,880 bytes) each" in at.sidebar.get("file_uploader")[0].proto.label


def test_a_crashing_upload_shows_a_short_message_and_later_reruns_work(monkeypatch, caplog):
    import geo.pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("secret internals /etc/passwd")
    monkeypatch.setattr(geo.pipeline, "geoparse_articles", boom)
    at = run()
    at.file_uploader(key="upload_files").set_value(("mine.jsonl", (json.dumps(ARTICLE) + "\n").encode(),
                                                    "application/json")).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "internal error" in error and "secret" not in error and "Traceback" not in error
    assert "secret internals" in caplog.text  # the server log keeps it
    at.text_input(key="q").input("Mosul").run()
    assert not at.exception and not at.error and any("seed corpus" in c.value for c in at.caption)


def test_the_same_file_twice_keeps_every_event_selectable():
    at = run()
    data = (json.dumps(ARTICLE) + "\n").encode()
    at.file_uploader(key="upload_files").set_value([("a.jsonl", data, "application/json"),
                                                    ("b.jsonl", data, "application/json")]).run()
    assert not at.exception, at.exception
    ids = at.selectbox(key="event").options
    assert len(ids) == len(set(ids)) >= 2
    pick(at, 1)
    assert not at.exception, at.exception
    assert any("Mosul" in t.value for t in at.text)


def test_markdown_in_titles_and_places_is_shown_as_text():
    hostile = {**ARTICLE, "id": "md-1", "title": "[click me](https://evil.example) ![x](https://evil.example/i.png) "
                                                  ":red[ALERT] **bold**"}
    at = run()
    at.file_uploader(key="upload_files").set_value(("md.jsonl", (json.dumps(hostile) + "\n").encode(),
                                                    "application/json")).run()
    pick(at, 0)
    (heading,) = [h.value for h in at.subheader]
    assert heading == filters.plain_markdown(hostile["title"]) and "](" not in heading


def test_selected_event_shows_its_article_and_can_be_corrected():
    at = run({"q": "Manbij"})
    pick(at, 0)
    assert any("Manbij" in e.value and len(e.value) > 500 for e in at.text)  # the full article
    picker = at.selectbox(key="correct_pick")
    assert len(picker.options) >= 1
    at.text_input(key="correct_query").input("Baghdad").run()
    choice = next(o for o in at.selectbox(key="correct_pick").options if o.startswith("Baghdad, IQ"))
    at.selectbox(key="correct_pick").set_value(choice)
    at.button(key="correct_apply").click().run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "written" in c.value)
    assert "Baghdad, Iraq" in caption and "confidence 1\\.00" in caption


def markers(at: AppTest) -> str:
    """The marker layer's data in the map's script."""
    return re.search(r"L\.dateline\.cluster\((.*?)\)\.addTo", map_args(at))[1]


def test_a_correction_redraws_its_own_marker_only_and_others_keep_the_shared_markers():
    at, other = run({"q": "Manbij"}), run({"q": "Manbij"})
    shared = markers(at)
    assert markers(other) == shared and "Manbij" in shared
    pick(at, 0)
    at.text_input(key="correct_query").input("Baghdad").run()
    choice = next(o for o in at.selectbox(key="correct_pick").options if o.startswith("Baghdad, IQ"))
    at.selectbox(key="correct_pick").set_value(choice)
    at.button(key="correct_apply").click().run()
    assert not at.exception
    assert markers(at).count("Baghdad, Iraq") == shared.count("Baghdad, Iraq") + 1
    other.run()
    assert markers(other) == shared  # the corrected session's markers were not shared


def test_aliases_stay_in_their_session_unless_shared(tmp_path):
    import os

    first, second = run({"q": "Mosul"}), run({"q": "Mosul"})
    before = sorted(r for r in second.selectbox(key="event").options)
    pick(first, 0)
    first.text_input(key="correct_query").input("Baghdad").run()
    choice = next(o for o in first.selectbox(key="correct_pick").options if o.startswith("Baghdad, IQ"))
    first.selectbox(key="correct_pick").set_value(choice)
    first.checkbox(key="correct_save").check()
    first.button(key="correct_apply").click().run()
    assert not first.exception
    assert any("Baghdad" in o for o in first.selectbox(key="event").options)
    assert not Path(os.environ["DATELINE_ALIASES"]).exists()  # nothing written for other visitors
    second.run()
    assert sorted(second.selectbox(key="event").options) == before
