"""The opt-in Nominatim fallback, against a Nominatim-shaped server on loopback (no internet).

The real geopy client, RateLimiter and on-disk cache run; only the server is local.
"""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from geo.online import OnlineFallback
from geo.pipeline import geoparse_articles
from geo.records import Article
from geo.settings import Settings


@pytest.fixture()
def nominatim():
    requests: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            q = parse_qs(urlsplit(self.path).query)
            requests.append({"q": q.get("q", [""])[0], "agent": self.headers.get("User-Agent")})
            hits = [{"lat": "36.3065", "lon": "43.5366", "display_name": "Khazir, Iraq", "osm_type": "node",
                     "osm_id": 42}] if q.get("q", [""])[0] == "Khazir" else []
            body = json.dumps(hits).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()


def test_answers_and_misses_are_cached_with_identifying_agent(tmp_path, nominatim):
    url, requests = nominatim
    fb = OnlineFallback(tmp_path / "n.sqlite", "dateline-test/1.0", min_delay=0.0, url=url)
    place = fb.lookup("Khazir", ["iq"])
    assert place and round(place.lat, 2) == 36.31 and place.id == "nominatim:node42"
    assert fb.lookup("Nowhereville") is None
    fb.lookup("Khazir", ["iq"]), fb.lookup("Nowhereville")
    assert [r["q"] for r in requests] == ["Khazir", "Nowhereville"]  # second round came from the cache
    assert requests[0]["agent"] == "dateline-test/1.0"


def test_pipeline_uses_fallback_only_when_asked(tmp_path, small_gaz, nominatim):
    url, requests = nominatim
    article = Article(id="k", text="Families fled to a camp near Khazir on Friday after clashes.", title="Camp")
    offline = geoparse_articles([article], gazetteer=small_gaz)
    assert not any(e.place for e in offline.events) and requests == []
    online = geoparse_articles([article], Settings(cache_dir=tmp_path, online=True, online_url=url,
                                                   online_min_delay=0.0), gazetteer=small_gaz)
    [event] = online.events
    assert event.place.source == "nominatim" and event.place.name == "Khazir"
