"""Opt-in online fallback: geopy's Nominatim for names the local gazetteer lacks.

Off by default so nothing needs the network. When on, requests are rate limited with geopy's
``RateLimiter`` (Nominatim allows one a second), carry an identifying user agent, and every
answer, including "not found", is cached on disk so a name is asked about once.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from gazetteer.place import Place


class OnlineFallback:
    def __init__(self, cache_path: Path, user_agent: str, min_delay: float = 1.0,
                 url: str = "https://nominatim.openstreetmap.org"):
        self.cache_path = Path(cache_path)
        self.cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(self.cache_path, check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS answers (query TEXT PRIMARY KEY, place TEXT)")
        from urllib.parse import urlsplit

        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        parts = urlsplit(url)
        geocoder = Nominatim(user_agent=user_agent, timeout=10, domain=parts.netloc, scheme=parts.scheme)
        self._geocode = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay, max_retries=1,
                                    swallow_exceptions=True, return_value_on_exception=None)

    def lookup(self, name: str, country_codes: list[str] | None = None) -> Place | None:
        query = json.dumps([name, sorted(country_codes or [])])
        row = self._db.execute("SELECT place FROM answers WHERE query = ?", (query,)).fetchone()
        if row is not None:
            return Place(**json.loads(row[0])) if row[0] else None
        loc = self._geocode(name, exactly_one=True, country_codes=country_codes or None, language="en")
        place = None
        if loc is not None:
            raw = getattr(loc, "raw", {}) or {}
            place = Place(id=f"nominatim:{raw.get('osm_type', '')}{raw.get('osm_id', '')}",
                          name=name, lat=float(loc.latitude), lon=float(loc.longitude),
                          feature_class="P", feature_code="PPL", source="nominatim")
        self.remember(query, place)
        return place

    def remember(self, query: str, place: Place | None) -> None:
        payload = "" if place is None else json.dumps(
            {k: v for k, v in place.__dict__.items() if k != "alternate_names"})
        self._db.execute("INSERT OR REPLACE INTO answers VALUES (?, ?)", (query, payload))
        self._db.commit()
