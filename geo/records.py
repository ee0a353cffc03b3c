"""The records that flow between stages: read -> recognise -> resolve -> date -> events.

All frozen, all plain data: a stage takes records and returns new ones, so any stage can be
tested, cached or shipped to a Dask worker on its own. Coordinates are (lat, lon) everywhere;
the flip to GeoJSON's [lon, lat] happens once, in :mod:`geo.export`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import Enum
from typing import Literal, get_args

from gazetteer.place import Place

#: How precisely an event is dated, finest first (ACLED-like).
TimePrecision = Literal["day", "week", "month", "year", "undated"]
TIME_PRECISIONS: tuple[TimePrecision, ...] = get_args(TimePrecision)
#: Where a point stands for: the place itself, a point near it ("north of Manbij"), the place
#: that contains an unknown name ("the Wahda neighbourhood of Mosul" -> Mosul), an admin area,
#: a country, a sea or named region ("Red Sea", "Middle East": a label point, not a location),
#: or a place the sentence does not name but the article does ("the city", "the Iraqi capital").
GeoPrecision = Literal["exact", "near", "container", "admin", "country", "coreference", "region"]
GEO_PRECISIONS: tuple[GeoPrecision, ...] = get_args(GeoPrecision)
#: A toponym names a place; a demonym ("Syrian") points at one but never locates an event.
MentionKind = Literal["toponym", "demonym"]
#: "event": where something happened; "mention": a place merely named.
Role = Literal["event", "mention"]
#: The parts of a news article the reader tells apart (a Reuters feed has all of them).
SectionName = Literal["title", "caption", "byline", "dateline", "body", "credits"]


class Rule(Enum):
    """Why the recogniser took a span for a place name."""

    GAZETTEER = "gazetteer"  # a name the gazetteer holds
    VARIANT = "gazetteer:variant"  # a transliteration-key match only ("Qayara" ~ "Al Qayyarah")
    DEMONYM = "demonym"  # "Syrian", "South Korean"
    DATELINE = "dateline"  # "BEIRUT/AMMAN (Reuters) –"
    ABBREVIATION = "abbreviation"  # "U.S.", "Calif."
    CONTEXT = "context"  # unknown to the gazetteer but vouched for: "near Khazir", "Hazawneh quarter"
    COREFERENCE = "coreference"  # "the city", "the Iraqi capital": a place named earlier in the article
    MODEL = "model"  # a learned model's place span (GPE, LOC, FAC) the gazetteer knows: --recogniser spacy


class Rejection(Enum):
    """Why the resolver decided a recognised name is not a place after all."""

    NO_CANDIDATE_IN_CONTEXT = "no candidate in context"  # only key matches, all in foreign countries
    WEAK_EVIDENCE = "weak evidence"  # the best candidate scored below Weights.min_score
    PART_OF_TOWN = "part of a town"  # "the Palestine district": a quarter named after a country or province


@dataclass(frozen=True)
class Section:
    """A named part of an article (title, caption, byline, dateline, body, credits)."""

    name: SectionName
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

    def section(self, name: SectionName) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def section_text(self, name: SectionName) -> str:
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
    rule: Rule = Rule.GAZETTEER
    cue: str = ""  # spatial cue before it, e.g. "north of", "near", "in"
    kind: MentionKind = "toponym"
    vouched_by: str = ""  # for Rule.CONTEXT: the cue or container word ("near", "quarter")

    @property
    def rule_label(self) -> str:
        """The rule as reported in predictions: "context:quarter" says which word vouched."""
        return f"{self.rule.value}:{self.vouched_by}" if self.vouched_by else self.rule.value


@dataclass(frozen=True)
class Resolution:
    """A mention tied to one place, or to none: rejected (not a place after all, with the
    reason) or unresolved (a place the gazetteer lacks)."""

    mention: Mention
    place: Place | None
    confidence: float
    alternatives: tuple[Place, ...] = ()  # runner-up candidates, best first
    geo_precision: GeoPrecision = "exact"
    note: str = ""  # for people: the cue ("north of"), the container ("inside Mosul"), the detail
    rejected: Rejection | None = None


@dataclass(frozen=True)
class DateEstimate:
    """A date with the interval it may fall in and why we believe it."""

    value: date | None
    earliest: date | None = None
    latest: date | None = None
    inferred: bool = False
    evidence: str = ""
    precision: TimePrecision = "undated"

    @property
    def interval(self) -> str | None:
        """ISO 8601 interval ("2016-12-29/2017-01-05"); open ends as ".." (ISO 8601-2)."""
        if self.earliest is None and self.latest is None:
            return None
        lo = self.earliest.isoformat() if self.earliest else ".."
        hi = self.latest.isoformat() if self.latest else ".."
        return f"{lo}/{hi}"

    @classmethod
    def undated(cls, why: str = "no date in metadata or text") -> DateEstimate:
        return cls(None, evidence=why, precision="undated")

    @classmethod
    def from_metadata(cls, value: date, evidence: str = "metadata") -> DateEstimate:
        return cls(value, value, value, inferred=False, evidence=evidence, precision="day")


@dataclass(frozen=True)
class Focus:
    """What an article is mainly about: its main country and, where the text supports one, its
    most specific main place (the country itself otherwise, or None if never named)."""

    country_code: str
    place: Place | None
    confidence: float  # the focus country's share of the article's place evidence

    def as_dict(self) -> dict[str, str | int | float | None]:
        p = self.place
        return {"country_code": self.country_code, "geonameid": p.geonameid if p else None,
                "name": p.name if p else None, "confidence": self.confidence}


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
    role: Role = "event"
    event_type: str = ""
    sub_event_type: str = ""
    fatalities: int | None = None
    actors: tuple[str, ...] = ()
    #: A recap of something long past ("IS seized Mosul in 2014"): kept, but off the timeline.
    background: bool = False
    #: A plan, threat or pledge ("will meet on", "vowed to retake"): not (yet) a happening.
    planned: bool = False
    #: Why it is an event: the phrase that fired and the rule ("air strikes [rule Air/drone strike]").
    trigger: str = ""
    #: Other sentences (title, caption, body) that report the same event, in text order.
    supporting: tuple[str, ...] = ()
    #: The words the fatality count was read from ("at least 56 civilians were killed").
    fatalities_phrase: str = ""
    focus: Focus | None = None  # the article's focus (geo.focus), the same on all its events

    @property
    def place(self) -> Place | None:
        return self.resolution.place


class Stage(Enum):
    """The pipeline's stages, in the order data flows through them."""

    READ = "read"
    RECOGNISE = "recognise"
    RESOLVE = "resolve"
    DATE = "date"
    EVENTS = "events"


@dataclass(frozen=True)
class Problem:
    """Why an input (or part of it) produced nothing: nothing is dropped without one.

    ``failed`` marks a stage that raised (a bug, reported with the stage and the error) as
    opposed to input that simply holds nothing to map.
    """

    source: str  # "path:line" or article id
    reason: str
    article_id: str | None = None
    stage: Stage | None = None
    failed: bool = False

    def as_dict(self) -> dict[str, str | bool | None]:
        return {"source": self.source, "reason": self.reason, "article_id": self.article_id,
                "stage": self.stage.value if self.stage else None, "failed": self.failed}


@dataclass(frozen=True)
class ArticleResult:
    """Everything the pipeline learnt about one article."""

    article: Article
    published: DateEstimate
    resolutions: tuple[Resolution, ...] = ()
    events: tuple[Event, ...] = ()
    problems: tuple[Problem, ...] = field(default=())
    focus: Focus | None = None
