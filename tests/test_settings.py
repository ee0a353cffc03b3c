"""Settings: the environment is read in one place, and flags beat variables."""
from __future__ import annotations

import os
from pathlib import Path

from geo.settings import Settings
from tests.conftest import ROOT


def test_variables_fill_the_settings_and_overrides_win():
    env = {"DATELINE_CACHE_DIR": "/c", "DATELINE_ALIASES": "/a.tsv", "DATELINE_DATA": os.pathsep.join(["x", "y"])}
    s = Settings.from_env(env)
    assert (s.cache_dir, s.aliases, s.data) == (Path("/c"), Path("/a.tsv"), (Path("x"), Path("y")))
    assert Settings.from_env(env, cache_dir=Path("/flag"), online=None).cache_dir == Path("/flag")


def test_defaults_follow_xdg_and_put_aliases_in_the_cache():
    s = Settings.from_env({"XDG_CACHE_HOME": "/xdg"})
    assert s.cache_dir == Path("/xdg/dateline") and s.aliases == Path("/xdg/dateline/aliases.tsv")
    assert Settings.from_env({}).cache_dir == Path.home() / ".cache" / "dateline"


def test_no_module_but_settings_reads_the_environment():
    """The CLI only hands its environment on, whole, to the app process it starts."""
    readers = sorted(p.relative_to(ROOT).as_posix() for folder in ("geo", "gazetteer")
                     for p in (ROOT / folder).rglob("*.py")
                     if "os.environ" in (text := p.read_text(encoding="utf-8")) or "getenv" in text)
    assert readers == ["geo/cli.py", "geo/settings.py"]


def test_shared_aliases_only_when_the_operator_enables_them():
    assert Settings.from_env({}).shared_aliases is False
    assert Settings.from_env({"DATELINE_SHARED_ALIASES": "0"}).shared_aliases is False
    assert Settings.from_env({"DATELINE_SHARED_ALIASES": "1"}).shared_aliases is True
    assert Settings.from_env({"DATELINE_SHARED_ALIASES": " Yes "}).shared_aliases is True
