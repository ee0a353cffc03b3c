"""The records that flow between stages: read -> recognise -> resolve -> date -> events.

All frozen, all plain data: a stage takes records and returns new ones, so any stage can be
tested, cached or shipped to a Dask worker on its own. Coordinates are (lat, lon) everywhere;
the flip to GeoJSON's [lon, lat] happens once, in :mod:`geo.export`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from gazetteer.place import Place

#: Time precision codes, finest first (ACLED-like).
TIME_PRECISIONS = ("day", "week", "month", "year", "undated")
#: Geo precision codes: the place itself, a point near it ("north of Manbij"), the place that
#: contains an unknown name ("the Wahda neighbourhood of Mosul" -> Mosul), or a whole country.
GEO_PRECISIONS = ("exact", "near", "container", "admin", "country")


@dataclass(frozen=True)
class Section:
    """A named part of an article (title, caption, byline, dateline, body, credits)."""

    name: str
    start: int
    end: int


@dataclass(frozen=True)
class Article:
    """One news article. ``text`` is what every character offset in Dateline refers to."""

    id: str
    text: str
    title: str = ""
    url: str | None = None
    published: date | None = None  # from metadata only; inferred dates live in DateEstimate
    source: str = ""  # "path:line" it was read from, for error messages and reports
    feed: str = ""  # the file/feed it came from: articles of one feed share a time frame
    feed_position: int = 0  # order within the feed (the seed feeds run roughly newest first)
    sections: tuple[Section, ...] = ()
    dateline: str | None = None  # place part of "ERBIL, Iraq (Reuters) -", as written

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def section_text(self, name: str) -> str:
        s = self.section(name)
        return self.text[s.start:s.end] if s else ""


@dataclass(frozen=True)
class Mention:
    """A span of article text recognised as a place name."""

    start: int
    end: int
    text: str
    sentence_start: int
    sentence_end: int
    rule: str = "gazetteer"  # why it was recognised: gazetteer, dateline, context:<cue>, ...
    cue: str = ""  # spatial cue before it, e.g. "north of", "near", "in"
    kind: str = "toponym"  # "toponym", or "demonym" (Syrian -> Syria): geographic, but never an event place


@dataclass(frozen=True)
class Resolution:
    """A mention tied to one place (or to none, with the reason in ``note``)."""

    mention: Mention
    place: Place | None
    confidence: float
    alternatives: tuple[Place, ...] = ()  # runner-up candidates, best first
    geo_precision: str = "exact"
    note: str = ""


@dataclass(frozen=True)
class DateEstimate:
    """A date with the interval it may fall in and why we believe it."""

    value: date | None
    earliest: date | None = None
    latest: date | None = None
    inferred: bool = False
    evidence: str = ""
    precision: str = "undated"  # one of TIME_PRECISIONS

    @classmethod
    def undated(cls, why: str = "no date in metadata or text") -> DateEstimate:
        return cls(None, evidence=why, precision="undated")

    @classmethod
    def from_metadata(cls, value: date, evidence: str = "metadata") -> DateEstimate:
        return cls(value, value, value, inferred=False, evidence=evidence, precision="day")


@dataclass(frozen=True)
class Event:
    """Something that happened (or, with role "mention", a place merely named) in an article."""

    article_id: str
    title: str
    sentence: str
    resolution: Resolution
    published: DateEstimate
    date: DateEstimate
    url: str | None = None
    role: str = "event"  # "event": where it happened; "mention": named but not the location
    event_type: str = ""
    sub_event_type: str = ""
    fatalities: int | None = None
    actors: tuple[str, ...] = ()

    @property
    def place(self) -> Place | None:
        return self.resolution.place


@dataclass(frozen=True)
class Problem:
    """Why an input (or part of it) produced nothing: nothing is dropped without one."""

    source: str  # "path:line" or article id
    reason: str
    article_id: str | None = None


@dataclass(frozen=True)
class ArticleResult:
    """Everything the pipeline learnt about one article."""

    article: Article
    published: DateEstimate
    resolutions: tuple[Resolution, ...] = ()
    events: tuple[Event, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
