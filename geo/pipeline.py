"""The only place the stages meet: read -> recognise -> resolve -> date -> events.

Every input article ends in exactly one :class:`ArticleResult`. One that yields no event
carries a :class:`Problem` saying why; one whose processing raised carries a Problem naming
the stage and the error, and the rest of the batch goes on: a bug costs one article, not a run.
"""
from __future__ import annotations

import dataclasses
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from gazetteer import Gazetteer, SQLiteGazetteer, open_default
from gazetteer.cache import cached
from geo.dates import date_sentences, publication_dates
from geo.events import events_for
from geo.focus import focus
from geo.partition import PARTITION_BYTES, Partition, plan, read_partition
from geo.recognisers import recogniser_for
from geo.records import Article, ArticleResult, DateEstimate, Event, Mention, Problem, Resolution, Stage
from geo.resolve import WEIGHTS, resolve
from geo.settings import Settings

if TYPE_CHECKING:
    from geo.online import OnlineFallback

log = logging.getLogger(__name__)
P = ParamSpec("P")
T = TypeVar("T")


@dataclass
class Batch:
    results: list[ArticleResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # read errors, failed articles, articles with no events

    @property
    def events(self) -> list[Event]:
        return [e for r in self.results for e in r.events]

    @property
    def failed(self) -> list[Problem]:
        """Articles a stage raised on: bugs to report, as opposed to input with nothing to map."""
        return [p for p in self.problems if p.failed]


class StageFailed(Exception):
    """A stage raised on one article; carries which stage, with the error as its cause."""

    def __init__(self, stage: Stage, error: Exception):
        super().__init__(f"{stage.value} stage failed: {type(error).__name__}: {error}")
        self.stage = stage


def _run(stage: Stage, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    try:
        return fn(*args, **kwargs)
    except Exception as e:
        raise StageFailed(stage, e) from e


def open_gazetteer(settings: Settings) -> SQLiteGazetteer:
    """The default index for these settings (built on first use, aliases applied)."""
    return open_default(settings.cache_dir, settings.aliases, gazetteer=settings.gazetteer)


def recognise(article: Article, gazetteer: Gazetteer, settings: Settings | None = None) -> list[Mention]:
    """The place-name mentions of one article, by the recogniser ``settings`` names (default: the rules)."""
    return recogniser_for(settings)(article, gazetteer)


def locate(article: Article, gazetteer: Gazetteer, settings: Settings | None = None) -> list[Resolution]:
    """Recognise and resolve the place names of one article (what ``dateline annotate`` scores)."""
    return _resolve(article, recognise(article, gazetteer, settings), gazetteer, settings)


def _resolve(article: Article, mentions: Sequence[Mention], gazetteer: Gazetteer,
             settings: Settings | None) -> list[Resolution]:
    resolutions = resolve(article, mentions, gazetteer)
    if settings is not None and settings.online:
        resolutions = _online(resolutions, _fallback(settings))
    return resolutions


@lru_cache(maxsize=4)
def _fallback(settings: Settings) -> OnlineFallback:
    """One client per settings for the whole run: its RateLimiter must span articles to keep
    Nominatim's one-request-a-second policy."""
    from geo.online import OnlineFallback

    return OnlineFallback(settings.cache_dir / "nominatim.sqlite", settings.user_agent,
                          settings.online_min_delay, settings.online_url)


def _online(resolutions: list[Resolution], fallback: OnlineFallback) -> list[Resolution]:
    countries = sorted({r.place.country_code.lower() for r in resolutions if r.place and r.place.country_code})
    out = []
    for r in resolutions:
        if r.place is None and r.mention.kind == "toponym" and r.rejected is None:
            place = fallback.lookup(r.mention.text, countries)
            if place is not None:
                r = Resolution(r.mention, place, WEIGHTS.online_confidence, geo_precision="exact",
                               note="online: Nominatim")
        out.append(r)
    return out


def geoparse_article(article: Article, published: DateEstimate, gazetteer: Gazetteer,
                     settings: Settings | None = None) -> ArticleResult:
    """One article through every stage after reading; never raises for a bug in a stage."""
    try:
        mentions = _run(Stage.RECOGNISE, recognise, article, gazetteer, settings)
        resolutions = tuple(_run(Stage.RESOLVE, _resolve, article, mentions, gazetteer, settings))
        dates = _run(Stage.DATE, date_sentences, article, resolutions, published)
        events = tuple(_run(Stage.EVENTS, events_for, article, resolutions, published, dates))
        main = _run(Stage.RESOLVE, focus, article, resolutions)
    except StageFailed as e:
        return _failed(article, published, e)
    problems = () if events else (Problem(article.source or article.id, _why_no_events(resolutions),
                                          article_id=article.id),)
    events = tuple(dataclasses.replace(e, focus=main) for e in events)
    return ArticleResult(article, published, resolutions, events, problems, focus=main)


def _failed(article: Article, published: DateEstimate, e: StageFailed) -> ArticleResult:
    source = article.source or article.id
    log.debug("%s: %s", source, e, exc_info=e.__cause__)
    return ArticleResult(article, published, problems=(
        Problem(source, str(e), article_id=article.id, stage=e.stage, failed=True),))


Progress = bool | Callable[[int, int], None]  # True: a bar on a terminal; a callable gets (done, total)

#: Publication dates are inferred over windows of this many articles of a feed, each seeing
#: DATING_CONTEXT neighbours on either side: feed order only ever matters between nearby
#: articles, and dating a whole feed at once is quadratic in its length (54 s at 10k articles).
#: Feeds up to DATING_WINDOW articles (every seed feed) are dated in one piece, as before.
DATING_WINDOW = 100
DATING_CONTEXT = 25


def geoparse_articles(articles: Sequence[Article], settings: Settings | None = None, progress: Progress = False,
                      gazetteer: Gazetteer | None = None) -> Batch:
    settings = settings or Settings.from_env()
    gazetteer = gazetteer or open_gazetteer(settings)
    batch = Batch()
    results = with_progress(geoparse_stream(articles, settings, gazetteer), len(articles), progress)
    for done, result in enumerate(results, 1):
        batch.results.append(result)
        batch.problems.extend(result.problems)
        if callable(progress):
            progress(done, len(articles))
    return batch


def geoparse_stream(articles: Sequence[Article], settings: Settings | None,
                    gazetteer: Gazetteer) -> Iterator[ArticleResult]:
    """One result per article, in order, dating one window at a time: memory stays bounded by a
    window's results however long the input, once the caller drops what it has written."""
    recogniser_for(settings)  # loads a model once, here; a missing extra stops the run, not each article
    for start in range(0, len(articles), DATING_WINDOW):
        window = articles[start:start + DATING_WINDOW]
        before = articles[max(0, start - DATING_CONTEXT):start]
        after = articles[start + DATING_WINDOW:start + DATING_WINDOW + DATING_CONTEXT]
        dates = _publication_dates([*before, *window, *after])[len(before):len(before) + len(window)]
        for article, published in zip(window, dates):
            if isinstance(published, StageFailed):
                yield _failed(article, DateEstimate.undated("publication date inference failed"), published)
            else:
                yield geoparse_article(article, published, gazetteer, settings)


def _publication_dates(articles: Sequence[Article]) -> list[DateEstimate | StageFailed]:
    """Dated across their feeds; if that raises, one by one, so only the culprit fails."""
    try:
        return list(_run(Stage.DATE, publication_dates, articles))
    except StageFailed:
        log.debug("feed-wide publication dating failed; dating articles one by one", exc_info=True)
    out: list[DateEstimate | StageFailed] = []
    for article in articles:
        try:
            out.append(_run(Stage.DATE, publication_dates, [article])[0])
        except StageFailed as e:
            out.append(e)
    return out


def stream_partition(part: Partition, settings: Settings | None, gazetteer: Gazetteer) -> Iterator[ArticleResult | Problem]:
    """A partition's read problems, then one result per article: the unit both engines run."""
    read = read_partition(part)
    yield from read.problems
    yield from geoparse_stream(read.articles, settings, gazetteer)


def stream_paths(paths: Sequence[str | Path], settings: Settings | None = None, gazetteer: Gazetteer | None = None,
                 partition_bytes: int = PARTITION_BYTES) -> Iterator[ArticleResult | Problem]:
    """Every input record, in input order, as a read :class:`Problem` or an :class:`ArticleResult`.

    Files are read one partition at a time (a whole file, or a slice of a large JSONL file), so
    peak memory depends on the partition size, not on the corpus.
    """
    settings = settings or Settings.from_env()
    gazetteer = gazetteer or cached(open_gazetteer(settings))
    for part in plan(paths, partition_bytes):
        yield from stream_partition(part, settings, gazetteer)


def geoparse_paths(paths: Sequence[str | Path], settings: Settings | None = None, progress: Progress = False,
                   gazetteer: Gazetteer | None = None) -> Batch:
    """Everything in memory at once (the app, the Python API); ``dateline parse`` streams instead."""
    batch = Batch()
    items = stream_paths(paths, settings, gazetteer)
    for item in with_progress(items, None, progress):
        if isinstance(item, Problem):
            batch.problems.append(item)
        else:
            batch.results.append(item)
            batch.problems.extend(item.problems)
    return batch


def _why_no_events(resolutions: Sequence[Resolution]) -> str:
    if not resolutions:
        return "no place names recognised"
    unresolved = sorted({r.mention.text for r in resolutions if r.place is None})
    if unresolved:
        return "no place resolved; names not in the gazetteer: " + ", ".join(unresolved[:8])
    return "only demonyms (e.g. 'Syrian') found; no place where something happened"


def with_progress(items: Iterable[T], total: int | None, progress: Progress = True) -> Iterable[T]:
    """``items``, counted on a progress bar when ``progress`` is True and stderr is a terminal."""
    bar = progress_bar(total) if progress is True else None
    return items if bar is None else _counted(items, bar)


def _counted(items: Iterable[T], bar: Any) -> Iterator[T]:
    with bar:
        for item in items:
            yield item
            bar.update()


def progress_bar(total: int | None = None) -> Any:
    """A tqdm bar (count, articles/s) on stderr when it is a terminal, else None: logs stay clean."""
    if not sys.stderr.isatty():
        return None
    from tqdm import tqdm
    return tqdm(total=total, unit="article", file=sys.stderr, smoothing=0.1)
