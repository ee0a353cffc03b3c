"""The one settings object, passed explicitly to the pipeline (no globals, no env lookups deep inside)."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

DEFAULT_USER_AGENT = "dateline-geoparser/0.1 (offline news geoparser; opt-in Nominatim fallback)"


@dataclass(frozen=True)
class Settings:
    cache_dir: Path | None = None  # gazetteer index and online cache; default ~/.cache/dateline
    online: bool = False  # opt-in: ask Nominatim for names the local gazetteer lacks
    user_agent: str = DEFAULT_USER_AGENT  # Nominatim's policy requires an identifying agent
    online_min_delay: float = 1.0  # seconds between Nominatim requests (policy: at most 1/s)
    online_url: str = "https://nominatim.openstreetmap.org"  # or your own Nominatim server
