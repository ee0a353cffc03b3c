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
import tempfile
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


def _blank_png() -> bytes:
    """A 1 x 1 transparent PNG."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x00\x00\x00")) + chunk(b"IEND", b""))


BLANK_TILE = _blank_png()

SHOTS = Path(tempfile.gettempdir()) / "dateline-screenshots"  # to look at; the README's is docs/map.png
SHOTS.mkdir(exist_ok=True)
#: Each sets ``__pwned`` in whatever window runs it (the map iframe can reach the top page).
PWN = "window.top.__pwned=1"
HOSTILE = [
    f"<script>{PWN}</script>", f"<img src=x onerror=\"{PWN}\">", f"<svg onload={PWN}>",
    f"<svg><script>{PWN}</script></svg>", f"${{{PWN}}}", f"`;{PWN};`", f"`${{{PWN}}}`",
    f"</script><script>{PWN}</script>", f'"></script><script>{PWN}</script>', f"'\"><img src=x onerror={PWN}>",
    f"\" onmouseover=\"{PWN}\" x=\"", f"' onfocus='{PWN}' autofocus='", f"<a href=\"javascript:{PWN}\">link</a>",
    f"javascript:{PWN}", f"data:text/html,<script>{PWN}</script>", f"<iframe src=\"javascript:{PWN}\"></iframe>",
    f"<div style=\"background:url(javascript:{PWN})\">css</div>", "<style>body{display:none}</style>",
    f"[click me](javascript:{PWN})", "![tracker](https://evil.example/pixel.png)", "[fake](https://evil.example)",
    ":red[SECURITY ALERT] your session expired", "# Fake banner", "$$\\text{LaTeX}$$",
    "\u202egnp.exe\u202c RTL override", "\u2066isolate\u2069 \u200f", f"{{{{ {PWN} }}}}",
    "{% for x in 'ab' %}LOOP{% endfor %}", f"\\u003cscript\\u003e{PWN}\\u003c/script\\u003e",
    f"<math><mtext><table><mglyph><style><img src=x onerror={PWN}>", f"<details open ontoggle={PWN}>",
    f"<body onload={PWN}>", f"\\`${{{PWN}}}\\`", f"<object data=\"javascript:{PWN}\">",
]
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


def _serve(env: dict[str, str]):
    """``streamlit run app.py`` on a free port until the generator is closed; yields its URL."""
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "PYTHONUNBUFFERED": "1", **env}, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
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
def app_url():
    yield from _serve({})


#: Enough events that the markers load in several batches: before the batched loader,
#: markercluster's chunked loading failed here on its own ("reading 'lat'") at first paint.
BIG = 10_000


@pytest.fixture(scope="module")
def big_app_url(tmp_path_factory):
    """The app on a ``dateline parse`` GeoJSON export of BIG synthetic events (DATELINE_DATA)."""
    from synthetic import make_events

    from geo.export import render, rows

    data = tmp_path_factory.mktemp("big") / f"events-{BIG}.geojson"
    data.write_text(render(rows(make_events(BIG)), "geojson"), encoding="utf-8")
    yield from _serve({"DATELINE_DATA": str(data)})


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
        """``browser`` may also be a browser context: pages of one context share cookies."""
        self.assets = _local_assets()
        self.outside: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.console: list[str] = []  # console errors: failed requests, errors a library logs
        self.page = browser.new_page() if hasattr(browser, "pages") else \
            browser.new_page(viewport={"width": 1400, "height": 1100})
        self.page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        self.page.on("pageerror", lambda e: self.errors.append(f"{e}\n{e.stack or ''}"[:1500]))
        self.page.on("console", lambda m: self.console.append(f"{m.text} at {m.location}"[:500])
                     if m.type == "error" else None)
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
        if url.startswith(TILES):  # a blank tile, so that a missing tile is no console error
            return route.fulfill(body=BLANK_TILE, content_type="image/png")
        self.outside.append(url)
        return route.fulfill(status=404, body="")

    def wait_idle(self):
        """Until the script has run to its end (its last line is the attribution) and is not rerunning."""
        self.page.get_by_text("Map tiles © OpenStreetMap").wait_for(timeout=120_000)
        self.page.wait_for_timeout(300)
        self.page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=120_000)

    def wait_map(self):
        try:
            self.map.locator(".marker-cluster, path.leaflet-interactive").locator("visible=true").first.wait_for(
                timeout=60_000)
        except Exception as e:
            raise AssertionError(f"no marker on the map; page errors: {self.errors}") from e

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
        expect(p.page.get_by_label("Search titles, sentences and place names")).to_have_value("Manbij", timeout=30_000)
    except AssertionError as e:
        raise AssertionError(f"{e}\npage URL: {p.page.url}\npage errors: {p.errors}") from None
    p.wait_idle()
    caption = p.page.get_by_text(re.compile(r"^\d+ events on the map")).inner_text()
    assert 0 < int(caption.split(" events")[0]) < 40


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


def _hostile_articles() -> list[dict]:
    """One article per payload, in the title, the text (twice, around a real place) and the URL."""
    return [{"id": f"h-{i}", "title": f"{payload} #{i}", "date": "2016-10-20",
             "url": payload if i % 2 else f"https://example.org/{i}?q={payload}",
             "text": f"{payload} Iraqi forces shelled Mosul on Thursday, residents said. {payload}\n"}
            for i, payload in enumerate(HOSTILE)]


def _pwned(p: Page) -> list:
    return [f.evaluate("window.__pwned") for f in p.page.frames if f.evaluate("window.__pwned") is not None]


def test_hostile_payloads_in_titles_text_urls_and_searches_never_run(app_url, browser, tmp_path):
    assert len(HOSTILE) >= 30
    upload = tmp_path / "hostile.jsonl"
    upload.write_text("".join(json.dumps(a) + "\n" for a in _hostile_articles()), encoding="utf-8")
    p = Page(browser, app_url)
    p.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(upload))
    p.page.get_by_text("from your upload").wait_for(timeout=180_000)
    p.wait_idle()
    p.wait_map()
    for _ in range(3):  # popups
        text, html = p.open_a_popup()
        assert re.search(r"#\d+", text), text
        assert not re.search(r"<(img|script|svg|iframe|a|style|object|details|body|math)\b", html), html
        p.wait_idle()
    # The article panel (opened by the last click) shows the title and the sentence as text.
    title = text.split("\n")[0]
    number = int(re.search(r"#(\d+)", title)[1])
    payload = HOSTILE[number]
    heading = p.page.locator("[data-testid=stHeading]").filter(has_text=f"#{number}").first
    heading.wait_for(timeout=30_000)
    assert heading.inner_text().strip() == " ".join(f"{payload} #{number}".split())
    assert heading.locator("a, img, script, svg").count() == 0
    sentence = p.page.locator("[data-testid=stText]").filter(has_text="Iraqi forces shelled Mosul").first
    assert payload.split()[0] in sentence.inner_text()
    assert p.page.locator("main a[href^='javascript'], main img[src*='evil.example']").count() == 0
    # A search in the correction panel echoes the typed text into Markdown ("No place called ...").
    p.page.get_by_text("Wrong place? Correct it").click()
    box = p.page.get_by_label("Search the gazetteer")
    box.fill(f"<img src=x onerror={PWN}> [x](javascript:{PWN}) zzqx")
    box.press("Enter")
    p.wait_idle()
    p.page.wait_for_timeout(500)
    echoed = p.page.locator("[data-testid=stAlert]").filter(has_text="zzqx")
    if echoed.count():  # no candidate: the query is echoed, as text
        assert f"<img src=x onerror={PWN}>" in echoed.first.inner_text()
        assert echoed.first.locator("a, img").count() == 0
    # The table renders every title (on a canvas, as text).
    p.page.get_by_role("tab", name="Events", exact=True).click()
    p.page.locator("[data-testid=stDataFrame]").first.wait_for(timeout=30_000)
    p.page.wait_for_timeout(1000)
    p.page.screenshot(path=str(SHOTS / "hostile.png"), full_page=True)
    assert _pwned(p) == [] and p.dialogs == []
    assert not p.outside, p.outside
    assert not p.errors, p.errors


def _largest_cluster(p: Page):
    clusters = p.map.locator(".marker-cluster")
    best, size = None, 0
    for i in range(clusters.count()):
        text = clusters.nth(i).inner_text().strip()
        if text.isdigit() and int(text) > size and clusters.nth(i).bounding_box():
            best, size = clusters.nth(i), int(text)
    return best, size


SPIDER_LEGS = """() => { const out = []; window.map.eachLayer(l => {
  if (l._spiderLeg && l._path) { const r = l._path.getBoundingClientRect(); out.push([r.x + r.width / 2, r.y + r.height / 2]); }
}); return out; }"""


def test_the_fifth_marker_of_a_stacked_point_opens_its_own_event(app_url, browser):
    """Markers stacked on one point spiderfy; the clicked one (not a neighbour) is selected."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    p = Page(browser, app_url + "/?q=Mosul")
    p.wait_map()
    legs: list = []
    for _ in range(12):  # click the biggest cluster (zooming in) until it spiderfies
        p.wait_idle()
        p.frame().wait_for_function("window.map && !window.map._animatingZoom", timeout=30_000)
        p.page.wait_for_timeout(700)
        legs = p.frame().evaluate(SPIDER_LEGS)
        if len(legs) >= 5:
            break
        cluster, _ = _largest_cluster(p)
        assert cluster is not None, "no cluster to open"
        cluster.click()
    assert len(legs) >= 5, f"no stacked point with 5 markers; page errors: {p.errors}"
    box = p.page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    seen = []
    popup = p.map.locator(".leaflet-popup-content .dl-sentence")
    for i in (4, len(legs) - 1):  # the 5th marker, then the last (the first ones hide under the cluster icon)
        for _ in range(4):  # a click during a rerun or the popup's pan can miss: let it settle, retry
            p.wait_idle()
            p.page.wait_for_timeout(500)
            x, y = p.frame().evaluate(SPIDER_LEGS)[i]
            p.page.mouse.click(box["x"] + x, box["y"] + y)
            try:
                popup.wait_for(timeout=5_000)
                break
            except PlaywrightTimeout:
                continue
        sentence = popup.inner_text().strip("… ")
        p.wait_idle()
        panel = p.page.locator("[data-testid=stText]").first
        panel.wait_for(timeout=30_000)
        p.page.wait_for_function("s => document.querySelector('[data-testid=stText]').innerText.includes(s)",
                                 arg=sentence[:80], timeout=30_000)
        assert sentence in panel.inner_text(), (sentence, panel.inner_text())
        seen.append(sentence)
        if i == 4:
            p.page.screenshot(path=str(SHOTS / "stacked.png"))
        p.map.locator(".leaflet-popup-close-button").click()
        p.page.wait_for_timeout(400)
    assert seen[0] != seen[1]
    assert not p.errors, p.errors


def test_two_sessions_do_not_see_each_others_uploads(app_url, browser, tmp_path):
    upload = tmp_path / "private.jsonl"
    article = {**XSS_ARTICLE, "id": "private-1", "title": "Private upload 7f3a", "url": "https://example.org/p"}
    upload.write_text(json.dumps(article) + "\n", encoding="utf-8")
    one, two = (browser.new_context(viewport={"width": 1400, "height": 1100}) for _ in range(2))
    try:
        a, b = Page(one, app_url), Page(two, app_url)
        a.page.locator("[data-testid=stFileUploaderDropzoneInput]").set_input_files(str(upload))
        a.page.get_by_text("from your upload").wait_for(timeout=120_000)
        b.page.reload()
        b.wait_idle()
        assert b.page.get_by_text("from the seed corpus").count() == 1
        assert b.page.get_by_text("Private upload 7f3a").count() == 0
        # Corrections live in session state too: tests/test_app.py checks two sessions there.
        assert not (a.errors or b.errors)
    finally:
        one.close()
        two.close()


def test_screenshot_of_the_seed_map(app_url, browser):
    p = Page(browser, app_url)
    p.wait_map()
    p.page.wait_for_timeout(1500)
    p.page.screenshot(path=str(ROOT / "docs" / "map.png"))
    assert not p.errors, p.errors


MARKERS_LOADED = """() => { let n = 0;
  window.map.eachLayer(l => { if (l instanceof L.MarkerClusterGroup) n += l.getLayers().length; }); return n; }"""


def _wait_loaded(p: Page, n: int) -> None:
    try:
        p.frame().wait_for_function(f"({MARKERS_LOADED})() === {n}", timeout=120_000, polling=500)
    except Exception as e:
        raise AssertionError(f"{p.frame().evaluate(MARKERS_LOADED)} of {n} markers loaded; page errors: {p.errors}") from e


def _events_on_map(p: Page) -> int:
    return int(p.page.get_by_text(re.compile(r"^[\d,]+ events on the map")).inner_text().split(" events")[0].replace(",", ""))


def _zoom_and_pan(p: Page) -> None:
    """Zoom in, pan and zoom out at once, while the markers may still be loading."""
    p.map.locator(".leaflet-control-zoom-in").click()
    box = p.page.locator('iframe[title="streamlit_folium.st_folium"]').bounding_box()
    p.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    p.page.mouse.down()
    p.page.mouse.move(box["x"] + box["width"] / 2 - 150, box["y"] + box["height"] / 2 - 80, steps=5)
    p.page.mouse.up()
    p.map.locator(".leaflet-control-zoom-out").click()


def test_a_large_map_zoomed_panned_and_filtered_while_loading_has_no_errors(big_app_url, browser):
    """BIG events: every marker reaches the cluster layer although the map moves while it loads,
    and a filter change replaces the layer; no page error and no console error on the way."""
    from playwright.sync_api import expect

    p = Page(browser, big_app_url)
    caption = p.page.get_by_text(re.compile(r"^[\d,]+ events on the map"))
    p.wait_map()
    _zoom_and_pan(p)
    shown = _events_on_map(p)
    assert shown > BIG / 2
    _wait_loaded(p, shown)

    search = p.page.get_by_label("Search titles, sentences and place names")
    search.fill("Mosul")  # a sixth of the synthetic events: a new, smaller layer
    search.press("Enter")
    expect(caption).not_to_have_text(re.compile(rf"^{shown}\b"), timeout=120_000)
    p.wait_idle()
    _zoom_and_pan(p)
    fewer = _events_on_map(p)
    assert 0 < fewer < shown
    _wait_loaded(p, fewer)
    _zoom_and_pan(p)
    p.page.wait_for_timeout(1500)
    assert not p.errors, p.errors
    assert not p.console, p.console
    assert not p.outside, p.outside
