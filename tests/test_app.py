"""The script paths of app.py through Streamlit's AppTest: real widgets, real pipeline."""
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

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
    caption = next(c.value for c in at.caption if " events on the map" in c.value)
    m = re.match(r"(\d+) of (\d+) events", caption)
    return int(m[1]), int(m[2])


def map_args(at: AppTest) -> str:
    (comp,) = [e for e in at.main if e.type == "component_instance"]
    return comp.proto.json_args


def test_opens_on_the_seed_corpus():
    at = run()
    on_map, total = shown(at)
    assert total > 50 and 0 < total - on_map < total / 10  # recaps and plans are off the default map
    at.checkbox(key="recaps").check().run()
    assert shown(at) == (total, total)
    args = json.loads(map_args(at))
    assert args["returned_objects"] == ["last_object_clicked"]
    assert "markerClusterGroup" in args["feature_group"] and "GeoNames" in args["script"]
    # The bytes are built on click (a callable, tested through geo.export.render in test_filters).
    buttons = {b.proto.label: b.proto for b in at.get("download_button")}
    assert set(buttons) == {"Download GeoJSON", "Download CSV"}
    assert all(b.deferred_file_id and b.ignore_rerun for b in buttons.values())


def test_filters_come_from_and_narrow_by_the_url():
    at = run({"q": "Manbij"})
    assert at.text_input(key="q").value == "Manbij"
    on_map, total = shown(at)
    assert 0 < on_map < total
    at = run({"country": ["SY"], "conf": "0.9"})
    assert at.multiselect(key="country").value == ["SY"]
    assert at.slider(key="conf").value == 0.9
    assert shown(at)[0] < total


def test_date_slider_and_bad_url_values():
    at = run({"zoom": "banana", "country": ["ZZ"], "dates": ["1999-01-01", "not-a-date"]})
    lo, hi = at.slider(key="dates").value
    assert lo < hi and shown(at) == shown(run())  # junk is ignored, not fatal
    total = shown(at)[1]
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
    assert "Mosul" in args
    for raw in ("<img", "${alert", "`x`"):
        assert raw not in args


@pytest.mark.parametrize("name, data, message", [
    ("bad.jsonl", b"\xff\xfe not utf-8", "not UTF-8"),
    ("bad.csv", b"headline,body\nx,y\n", "no column 'title'"),
    ("big.txt", b"x" * (5 * 1024 * 1024 + 1), "the limit is 5 MB"),
])
def test_bad_uploads_get_a_clear_message_and_the_seed_map_stays(name, data, message):
    at = run()
    at.file_uploader(key="upload_files").set_value((name, data, "application/octet-stream")).run()
    assert not at.exception
    assert any(message in e.value for e in at.error), [e.value for e in at.error]
    assert any("seed corpus" in c.value for c in at.caption)


def test_selected_event_shows_its_article_and_can_be_corrected():
    at = run({"q": "Manbij"})
    event_id = at.selectbox(key="event").options[0]
    at.selectbox(key="event").set_value(event_id).run()
    assert any("Manbij" in e.value and len(e.value) > 500 for e in at.text)  # the full article
    picker = at.selectbox(key="correct_pick")
    assert len(picker.options) >= 1
    at.text_input(key="correct_query").input("Baghdad").run()
    choice = next(o for o in at.selectbox(key="correct_pick").options if o.startswith("Baghdad, IQ"))
    at.selectbox(key="correct_pick").set_value(choice)
    at.button(key="correct_apply").click().run()
    assert not at.exception
    caption = next(c.value for c in at.caption if "mention" in c.value)
    assert "Baghdad, IQ" in caption and "confidence 1.00" in caption
