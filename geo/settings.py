"""The one settings object, passed explicitly to the pipeline.

:meth:`Settings.from_env` is the only place Dateline reads environment variables; everything
below the CLI, the app and the Python API's defaults gets a ``Settings`` instead.
"""
from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

#: The recogniser used unless one is named (geo.recognisers.REGISTRY): the rules, no model.
DEFAULT_RECOGNISER = "rules"
DEFAULT_USER_AGENT = "dateline-geoparser/0.1 (offline news geoparser; opt-in Nominatim fallback)"
#: The variables :meth:`Settings.from_env` reads, and what for (shown in ``dateline --help``).
ENVIRONMENT = {
    "DATELINE_CACHE_DIR": "where the gazetteer index and caches live (default: $XDG_CACHE_HOME/dateline "
                          "or ~/.cache/dateline)",
    "DATELINE_ALIASES": "the alias file of your own place names (default: aliases.tsv in the cache dir)",
    "DATELINE_DATA": "files or folders the map app opens instead of the seed corpus (separated by "
                     f"'{os.pathsep}')",
    "DATELINE_SHARED_ALIASES": "1: the map app saves aliases to the alias file, for every visitor (default: "
                               "a visitor's aliases stay in their own session)",
    "DATELINE_GAZETTEER": "which place sources the index holds: auto (the default ones plus those of the installed "
                          "'full' extra), default (the hosted demo's, even with the extra installed) or full",
}


def _home_cache() -> Path:
    return Path.home() / ".cache" / "dateline"


@dataclass(frozen=True)
class Settings:
    cache_dir: Path = field(default_factory=_home_cache)  # gazetteer index and online cache
    alias_file: Path | None = None  # default: aliases.tsv in cache_dir
    data: tuple[Path, ...] = ()  # what the map app opens; empty: the seed corpus
    online: bool = False  # opt-in: ask Nominatim for names the local gazetteer lacks
    user_agent: str = DEFAULT_USER_AGENT  # Nominatim's policy requires an identifying agent
    online_min_delay: float = 1.0  # seconds between Nominatim requests (policy: at most 1/s)
    online_url: str = "https://nominatim.openstreetmap.org"  # or your own Nominatim server
    shared_aliases: bool = False  # the app writes aliases to the shared file only when the operator says so
    gazetteer: str = "auto"  # optional place sources: auto, default or full (gazetteer.extras)
    recogniser: str = DEFAULT_RECOGNISER  # a name in geo.recognisers.REGISTRY: "rules", or "spacy" (the extra)

    @property
    def aliases(self) -> Path:
        return self.alias_file or self.cache_dir / "aliases.tsv"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Settings from the environment (see :data:`ENVIRONMENT`); ``overrides`` that are not
        None win, so a CLI flag beats its variable."""
        env = os.environ if env is None else env
        xdg = env.get("XDG_CACHE_HOME")
        cache = env.get("DATELINE_CACHE_DIR") or (str(Path(xdg) / "dateline") if xdg else None)
        found = cls(cache_dir=Path(cache) if cache else _home_cache(),
                    alias_file=Path(env["DATELINE_ALIASES"]) if env.get("DATELINE_ALIASES") else None,
                    data=tuple(Path(p) for p in env.get("DATELINE_DATA", "").split(os.pathsep) if p),
                    shared_aliases=env.get("DATELINE_SHARED_ALIASES", "").strip().lower() in ("1", "true", "yes"),
                    gazetteer=env.get("DATELINE_GAZETTEER", "").strip().lower() or "auto")
        return replace(found, **{k: v for k, v in overrides.items() if v is not None})
