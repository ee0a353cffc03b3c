"""The only place the stages meet: read -> recognise -> resolve -> date -> events.

Every input article ends in exactly one :class:`ArticleResult`; one that yields no event
carries a :class:`Problem` saying why, so a batch never loses an article silently.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from gazetteer import Gazetteer, open_default
from geo.dates import publication_dates
from geo.events import events_for
from geo.read import read_paths
from geo.recognise import Lexicon, recognise
from geo.records import Article, ArticleResult, Event, Problem, Resolution
from geo.resolve import REJECTED, resolve
from geo.settings import Settings


@dataclass
class Batch:
    results: list[ArticleResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # read errors and articles with no events

    @property
    def events(self) -> list[Event]:
        return [e for r in self.results for e in r.events]


def locate(article: Article, gazetteer: Gazetteer, settings: Settings = Settings()) -> list[Resolution]:
    """Recognise and resolve the place names of one article (what ``dateline annotate`` scores)."""
    mentions = recognise(article, Lexicon(gazetteer.has_fold, gazetteer.has_key))
    resolutions = resolve(article, mentions, gazetteer)
    if settings.online:
        resolutions = _online(resolutions, settings)
    return resolutions


@lru_cache(maxsize=4)
def _fallback(settings: Settings):
    """One client per settings for the whole run: its RateLimiter must span articles to keep
    Nominatim's one-request-a-second policy."""
    from gazetteer.index import default_cache_dir
    from geo.online import OnlineFallback

    return OnlineFallback((settings.cache_dir or default_cache_dir()) / "nominatim.sqlite",
                          settings.user_agent, settings.online_min_delay, settings.online_url)


def _online(resolutions: list[Resolution], settings: Settings) -> list[Resolution]:
    fallback = _fallback(settings)
    countries = sorted({r.place.country_code.lower() for r in resolutions if r.place and r.place.country_code})
    out = []
    for r in resolutions:
        if r.place is None and r.mention.kind == "toponym" and not r.note.startswith(REJECTED):
            place = fallback.lookup(r.mention.text, countries)
            if place is not None:
                r = Resolution(r.mention, place, 0.5, geo_precision="exact", note="online: Nominatim")
        out.append(r)
    return out


Progress = bool | Callable[[int, int], None]  # True: a bar on a terminal; a callable gets (done, total)


def geoparse_articles(articles: Sequence[Article], settings: Settings | None = None, progress: Progress = False,
                      gazetteer: Gazetteer | None = None) -> Batch:
    settings = settings or Settings()
    gazetteer = gazetteer or open_default(settings.cache_dir)
    published = publication_dates(articles)
    batch = Batch()
    for done, (article, pub) in enumerate(_progress(zip(articles, published), len(articles), progress), 1):
        resolutions = tuple(locate(article, gazetteer, settings))
        events = tuple(events_for(article, resolutions, pub))
        problems = () if events else (Problem(article.source or article.id, _why_no_events(resolutions),
                                              article_id=article.id),)
        batch.results.append(ArticleResult(article, pub, resolutions, events, problems))
        batch.problems.extend(problems)
        if callable(progress):
            progress(done, len(articles))
    return batch


def geoparse_paths(paths: Sequence[str | Path], settings: Settings | None = None, progress: Progress = False,
                   gazetteer: Gazetteer | None = None) -> Batch:
    read = read_paths(list(paths))
    batch = geoparse_articles(read.articles, settings, progress, gazetteer)
    batch.problems[:0] = read.problems
    return batch


def _why_no_events(resolutions: Sequence[Resolution]) -> str:
    if not resolutions:
        return "no place names recognised"
    unresolved = sorted({r.mention.text for r in resolutions if r.place is None})
    if unresolved:
        return "no place resolved; names not in the gazetteer: " + ", ".join(unresolved[:8])
    return "only demonyms (e.g. 'Syrian') found; no place where something happened"


def _progress(items: Iterable, total: int, progress: Progress) -> Iterable:
    if progress is not True or not sys.stderr.isatty():
        return items
    from tqdm import tqdm
    return tqdm(items, total=total, unit="article", file=sys.stderr)
