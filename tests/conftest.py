"""Shared test setup: one gazetteer index for the whole session, built from the real data.

The cache dir is set before anything imports the gazetteer, so the CLI subprocesses, the
Streamlit app under test and the Dask workers all find the same index instead of building
their own. Set DATELINE_CACHE_DIR yourself to reuse an index across runs.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"

os.environ.setdefault("DATELINE_CACHE_DIR", str(Path(tempfile.gettempdir()) / "dateline-test-cache"))
# Tests never touch the user's own alias file.
os.environ["DATELINE_ALIASES"] = str(Path(tempfile.mkdtemp(prefix="dateline-aliases-")) / "aliases.tsv")


@pytest.fixture(scope="session")
def gaz():
    from gazetteer import open_default

    return open_default()


@pytest.fixture(scope="session")
def seed_articles():
    from geo.read import read_paths

    return read_paths([SEEDS]).articles


@pytest.fixture(scope="session")
def seed_batch(gaz):
    from geo.pipeline import geoparse_paths

    return geoparse_paths([SEEDS], gazetteer=gaz)
