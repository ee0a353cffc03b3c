"""Shared test setup: the full gazetteer index for the slow tier, a small one for the quick tier.

The cache dir is set before anything imports the gazetteer, so the CLI subprocesses, the
Streamlit app under test and the Dask workers all find the same index instead of building
their own. Set DATELINE_CACHE_DIR yourself to reuse an index across runs.

Tiers: ``pytest -m "not slow"`` is the developer's quick loop. A test is slow when it needs
the full 120 MB index (the ``gaz`` and ``seed_batch`` fixtures mark it so automatically), a
real browser, a Dask cluster or a subprocess that opens the index; quick tests run on
``small_gaz``, a few hundred real GeoNames rows in ``tests/data/small-gazetteer.txt``.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
DATA = Path(__file__).resolve().parent / "data"
SMALL_GAZETTEER = DATA / "small-gazetteer.txt"
#: Fixtures that open the full index: any test using one is in the slow tier.
FULL_INDEX_FIXTURES = frozenset({"gaz", "seed_batch", "seed_resolutions", "full_lex"})

# Fuzzing profiles (tests/fuzz): a short run in every suite; `--hypothesis-profile=long` for
# the dedicated run of >= 10,000 cases per target. Registered here, before pytest's configure
# step, so hypothesis' own --hypothesis-profile option can pick one.
hypothesis_settings.register_profile("quick", max_examples=40, deadline=None, derandomize=True,
                                     suppress_health_check=[HealthCheck.too_slow])
hypothesis_settings.register_profile("long", max_examples=10_000, deadline=None,
                                     suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
hypothesis_settings.load_profile("quick")

os.environ.setdefault("DATELINE_CACHE_DIR", str(Path(tempfile.gettempdir()) / "dateline-test-cache"))
# The suite tests the default index wherever it runs: a developer's venv may hold the `full`
# extra's packages (the `snapshot` extra installs zipcodes) where CI's does not. The extra's
# own tests (tests/test_extras.py) choose explicitly.
os.environ.setdefault("DATELINE_GAZETTEER", "default")
# Tests never touch the user's own alias file.
os.environ["DATELINE_ALIASES"] = str(Path(tempfile.mkdtemp(prefix="dateline-aliases-")) / "aliases.tsv")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if FULL_INDEX_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def settings():
    from geo.settings import Settings

    return Settings.from_env()


@pytest.fixture(scope="session")
def gaz(settings):
    from geo.pipeline import open_gazetteer

    return open_gazetteer(settings)


@pytest.fixture(scope="session")
def small_gaz():
    from gazetteer import MemoryGazetteer
    from gazetteer.sources import iter_geonames_dump

    return MemoryGazetteer(iter_geonames_dump(SMALL_GAZETTEER))


@pytest.fixture(scope="session")
def seed_articles():
    from geo.read import read_paths

    return read_paths([SEEDS]).articles


@pytest.fixture(scope="session")
def seed_batch(gaz):
    from geo.pipeline import geoparse_paths

    return geoparse_paths([SEEDS], gazetteer=gaz)


@pytest.fixture()
def small_cache(tmp_path):
    """A cache dir whose default index is the small gazetteer: CLI commands run on it in seconds."""
    from gazetteer.build import build, default_index_path
    from gazetteer.sources import iter_geonames_dump

    cache = tmp_path / "cache"
    build(default_index_path(cache, os.environ["DATELINE_GAZETTEER"]),
          [("small", lambda: iter_geonames_dump(SMALL_GAZETTEER))])
    return cache
