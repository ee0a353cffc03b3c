"""End to end: `streamlit run app.py` driven by a real headless Chromium, offline.

The map loads Leaflet and its plugins from public CDNs; the test browser gets local copies
(tests/assets, from npm) by route interception, empty stand-ins for styling-only assets, and
404s for map tiles, and fails on any other outside request.
"""
from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium "
                                                     "(apt-get install -y chromium)"),
]

ROOT = Path(__file__).resolve().parent.parent
ASSETS = Path(__file__).parent / "assets"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
MARKERCLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"


def _local_assets() -> dict[str, Path]:
    import folium

    return {
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js": ASSETS / "leaflet.js",
        "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css": ASSETS / "leaflet.css",
        "https://code.jquery.com/jquery-3.7.1.min.js": ASSETS / "jquery.min.js",
        MARKERCLUSTER + "leaflet.markercluster.js": ASSETS / "leaflet.markercluster.js",
        MARKERCLUSTER + "MarkerCluster.css": ASSETS / "MarkerCluster.css",
        MARKERCLUSTER + "MarkerCluster.Default.css": ASSETS / "MarkerCluster.Default.css",
        "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.js": ASSETS / "leaflet.timeline.js",
        # folium ships the heatmap plugin it links to from GitHub via jsDelivr.
        "https://cdn.jsdelivr.net/gh/python-visualization/folium@main/folium/templates/leaflet_heat.min.js":
            Path(folium.__file__).parent / "templates" / "leaflet_heat.min.js",
    }


#: folium's default styling for Bootstrap and awesome-markers, unused by Dateline's circle markers.
STYLING_ONLY = ("bootstrap", "fontawesome", "awesome-markers", "awesome.rotate", "glyphicons")
TILES = "https://tile.openstreetmap.org/"

XSS_TITLE = ('<img src=x onerror="window.top.__xss=1"> ${window.top.__xss=2} `</script>'
             '<script>window.top.__xss=3</script>` \\1 \\u0060')
XSS_ARTICLE = {
    "id": "xss-1", "title": XSS_TITLE, "date": "2016-10-20", "url": "javascript:window.top.__xss=4",
    "text": "Iraqi forces shelled Mosul on Thursday, residents said.\n\n"
            "The fighting in Mosul continued into the night, a military spokesman said.\n",
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def app_url():
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as r:
                    if r.read() == b"ok":
                        break
            except OSError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("streamlit did not start:\n" + (proc.stdout.read() if proc.poll() is not None else ""))
            time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield b
        b.close()


class Page:
    """One browser tab on the app, offline, recording dialogs, page errors and stray requests."""

    def __init__(self, browser, url: str):
        self.assets = _local_assets()
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 1100})
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._route)
        self.page.goto(url)
        self.wait_idle()

    def _route(self, route):
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "http://localhost", "data:", "blob:")):
            return route.continue_()
        if url in self.assets:
            kind = "text/css" if url.endswith(".css") else "application/javascript"
            return route.fulfill(body=self.assets[url].read_bytes(), content_type=kind)
        if any(s in url for s in STYLING_ONLY):
            return route.fulfill(body="", content_type="text/css" if url.endswith(".css") else "application/javascript")
        if not url.startswith(TILES):
            self.outside.append(url)
        return route.fulfill(status=404, body="")

    def wait_idle(self):
        """Until the script has run to its end (its last line is the attribution) and is not rerunning."""
        self.page.get_by_text("Map tiles © OpenStreetMap").wait_for(timeout=120_000)
        self.page.wait_for_timeout(300)
        self.page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=120_000)

    def wait_map(self):
        self.map.locator(".marker-cluster, path.leaflet-interactive").first.wait_for(timeout=60_000)

    @property
    def map(self):
        return self.page.frame_locator('iframe[title="streamlit_folium.st_folium"]')

    def open_a_popup(self) -> tuple[str, str]:
        """Click clusters (zooming in or spiderfying them) until a marker shows; click it.

        Returns the popup's text and HTML, read at once: the click reruns the script, which may
        redraw the map. A click that lands during a zoom animation or a redraw opens nothing, so
        the map is let settle first and a marker is clicked again if no popup comes.
        """
        from playwright.sync_api import TimeoutError as PlaywrightTimeout

        for _ in range(25):
            self.wait_idle()
            self.frame().wait_for_function("window.map && !window.map._animatingZoom", timeout=30_000)
            self.page.wait_for_timeout(400)  # markercluster's own animation (about 250 ms)
            target = self._visible(self.map.locator("path.leaflet-interactive:not([fill=none])"))
            if target is not None:
                target.click()
                popup = self.map.locator(".leaflet-popup-content")
                try:
                    popup.wait_for(timeout=5_000)
                    return tuple(popup.evaluate("e => [e.innerText, e.innerHTML]"))
                except PlaywrightTimeout:
                    continue
            cluster = self._visible(self.map.locator(".marker-cluster"))
            assert cluster is not None, "neither a marker nor a cluster on the map"
            cluster.click()
        raise AssertionError(f"no popup opened after expanding clusters; page errors: {self.errors}")

    def frame(self):
        return self.page.locator('iframe[title="streamlit_folium.st_folium"]').element_handle().content_frame()

    def _visible(self, items):
        """The first item well inside the map: Leaflet keeps some just outside the view."""
        frame = self.page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
        for i in range(items.count()):
            box = items.nth(i).bounding_box()
            if box and frame["x"] + 60 < box["x"] < frame["x"] + frame["width"] - 60 \
                    and frame["y"] + 60 < box["y"] < frame["y"] + frame["height"] - 60:
                return items.nth(i)
        return None

    def view(self) -> tuple[float, float, int]:
        return tuple(self.frame().evaluate("[window.map.getCenter().lat, window.map.getCenter().lng, window.map.getZoom()]"))


def test_seed_map_popup_article_and_shared_link(app_url, browser):
    p = Page(browser, app_url)
    p.wait_map()
    assert "GeoNames" in p.map.locator(".leaflet-control-attribution").inner_text()

    text, html = p.open_a_popup()
    assert "confidence" in text and "Full text" in text
    assert html.count("<mark>") == 1
    # The click reran the script with the clicked event: its article is shown below the map.
    p.wait_idle()
    p.page.get_by_text("Full article text").wait_for(timeout=30_000)
    assert "event=" in p.page.url and "zoom=" in p.page.url

    # Pan and zoom: the view goes into the URL without a rerun; a copy of the URL restores it.
    p.map.locator(".leaflet-control-zoom-in").click()
    p.page.wait_for_timeout(800)
    lat, lon, zoom = p.view()
    shared = p.page.url
    assert f"zoom={zoom}" in shared
    q = Page(browser, shared)
    q.page.get_by_text("Full article text").wait_for(timeout=30_000)
    q.wait_map()
    lat2, lon2, zoom2 = q.view()
    assert (zoom2, round(lat2, 3), round(lon2, 3)) == (zoom, round(lat, 3), round(lon, 3))
    assert not (p.outside or q.outside), f"requests left the machine: {p.outside + q.outside}"
    assert not (p.errors or q.errors), p.errors + q.errors


def test_filter_in_url_limits_the_map(app_url, browser):
    from playwright.sync_api import expect

    p = Page(browser, app_url + "/?q=Manbij")
    try:
        expect(p.page.get_by_label("Search titles and sentences")).to_have_value("Manbij", timeout=30_000)
    except AssertionError as e:
        raise AssertionError(f"{e}\npage URL: {p.page.url}\npage errors: {p.errors}") from None
    p.wait_idle()
    caption = p.page.get_by_text(re.compile(r"^\d+ of \d+ events on the map")).inner_text()
    shown, total = (int(x) for x in caption.split(" events")[0].split(" of "))
    assert 0 < shown < total


def test_uploaded_xss_title_is_shown_as_text_and_never_runs(app_url, browser, tmp_path):
    upload = tmp_path / "xss.jsonl"
    upload.write_text(json.dumps(XSS_ARTICLE) + "\n", encoding="utf-8")
    p = Page(browser, app_url)
    p.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(upload))
    p.page.get_by_text("from your upload").wait_for(timeout=120_000)
    p.wait_idle()
    p.wait_map()

    text, html = p.open_a_popup()
    assert XSS_TITLE in text
    assert not re.search(r"<(img|script)\b", html)
    assert not re.search(r"<a\b", html)  # a javascript: URL never becomes a link
    p.wait_idle()
    assert p.page.evaluate("window.__xss") is None
    for frame in p.page.frames:
        assert frame.evaluate("window.__xss") is None
    assert p.dialogs == []
    assert not p.outside, p.outside
