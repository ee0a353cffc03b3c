"""When an article was published, inferred from its own words and its feed.

Wire copy rarely states its own date. It says "on Tuesday", "last week", "the Dec. 19 attack",
and leaves the reader to know today's date. So publication dates are *inferred* from what
the text does pin down (a dated photo caption, a full date, an upcoming holiday), from the
articles around it in the same feed, and finally from which day makes its weekday mentions
most natural. Every estimate carries the interval it may fall in and the evidence, because a
wrong day reported as certain is worse than an honest week.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from geo.dates.arithmetic import clamp_days, month_day_near, precision_for_width
from geo.dates.expressions import WEEKDAYS, DateMention, find_date_expressions
from geo.records import Article, DateEstimate, SectionName, TimePrecision

#: Feeds run roughly newest first; allow this much disorder between neighbours.
ORDER_SLACK = 1  # days
#: How far past a close anchor (a photo caption, a feed neighbour) an article is assumed to be
#: published, and how far ahead it anticipates an upcoming event. A dated event in the body
#: gets no window: stories recall events months old ("Feb. 2, 2016" in a July story).
AFTER_ANCHOR = {3: 7}
BEFORE_ANCHOR = {3: 30}
#: Cost per day of moving the estimate away from the closest anchor; a weekday mismatch costs
#: 1 per day, so weekday evidence outweighs the anchor's pull unless the candidates are weeks apart.
ANCHOR_PULL = 0.1

#: Sections that are the article's words; bylines, datelines and credits hold no dates.
_TEXT_SECTIONS: tuple[SectionName, ...] = ("title", "caption", "body")


@dataclass(frozen=True)
class _Bound:
    """One side of the publication interval, and how far to trust it.

    ``tier`` settles conflicts (the article's own words 2 > feed order 1 > assumption 0);
    ``closeness`` says how near publication such evidence usually lies (3 close, 2 weeks off,
    1 years off, 0 assumed) and picks which side the estimate leans to.
    """

    side: str  # "lo" (published on or after) or "hi" (on or before)
    day: date
    tier: int
    closeness: int
    why: str


@dataclass(frozen=True)
class _Reading:
    """What one article's own words say about its date, before its feed is considered."""

    mentions: tuple[tuple[str, DateMention], ...]  # (section, mention)
    anchor: date | None  # a dated fact that fixes the year of partial dates

    @property
    def weekdays(self) -> list[DateMention]:
        return [m for _, m in self.mentions if m.kind == "weekday"]


def publication_dates(articles: Sequence[Article]) -> list[DateEstimate]:
    """One estimate per article, in order: metadata when present, otherwise inferred.

    Articles of one feed are dated together because a feed is a window of time: an article
    with nothing but "on Tuesday" becomes datable once its older neighbour is, and an
    upcoming holiday in one article bounds the older ones. One pass oldest first carries
    dates forward; a second, newest first, pulls back any article that came out later than a
    newer one dated to the day (it could not see those in the first pass).
    """
    readings = [_read(a) for a in articles]
    feeds: dict[str, list[int]] = {}
    for i, a in enumerate(articles):
        feeds.setdefault(a.feed or f"\0{i}", []).append(i)
    estimates: list[DateEstimate | None] = [None] * len(articles)
    for members in feeds.values():
        members.sort(key=lambda i: articles[i].feed_position)  # newest first
        refs = _year_references(members, readings)
        own = {i: _own_bounds(articles[i], readings[i], refs[i]) for i in members}
        for k in range(len(members) - 1, -1, -1):
            i = members[k]
            if articles[i].published:
                estimates[i] = DateEstimate.from_metadata(articles[i].published)
                continue
            feed = _feed_bounds(members[:k], members[k + 1:], articles, own, estimates)
            estimates[i] = _estimate(own[i] + feed, readings[i].weekdays)
        for k, i in enumerate(members):
            cap = min((e.value for j in members[:k] if _to_the_day(e := estimates[j])), default=None)
            value = estimates[i].value
            if cap and not articles[i].published and (value is None or value > clamp_days(cap, ORDER_SLACK)):
                feed = _feed_bounds(members[:k], members[k + 1:], articles, own, estimates)
                estimates[i] = _estimate(own[i] + feed, readings[i].weekdays)
    return [e for e in estimates if e is not None]


def _read(article: Article) -> _Reading:
    spans = [(s.name, s.start, s.end) for s in article.sections if s.name in _TEXT_SECTIONS]
    if not article.sections:
        spans = [("body", 0, len(article.text))]
    mentions = []
    for name, start, end in spans:
        for m in find_date_expressions(article.text[start:end]):
            mentions.append((name, replace(m, start=m.start + start, end=m.end + start)))
    full = [date(m.year, m.month, m.day) for _, m in mentions if m.year and m.month and m.day]
    return _Reading(tuple(mentions), article.published or max(full, default=None))


def _year_references(members: list[int], readings: list[_Reading]) -> dict[int, date | None]:
    """The date that fixes the year of each article's partial dates.

    An article's own full dates, else those of its nearest neighbour in the feed: a feed
    covers weeks, not years, so "Oct. 17" means the same October throughout.
    """
    anchored = [(k, readings[i].anchor) for k, i in enumerate(members) if readings[i].anchor]
    refs = {}
    for k, i in enumerate(members):
        nearest = min(anchored, key=lambda ka: abs(ka[0] - k), default=None)
        refs[i] = nearest[1] if nearest else None
    return refs


def _own_bounds(article: Article, reading: _Reading, ref: date | None) -> list[_Bound]:
    """Bounds from the article's own words: what has happened, and what is still to come."""
    if article.published:
        p = article.published
        return [_Bound("lo", p, 2, 3, f"metadata {p}"), _Bound("hi", p, 2, 3, f"metadata {p}")]
    bounds = []
    for section, m in reading.mentions:
        if m.kind == "year" and m.cue and not m.future and m.lead not in ("until", "till", "by", "before"):
            # "in 2015", "since 2003"; a bare number ("the 2022 World Cup") may be a plan or a name
            bounds.append(_Bound("lo", date(m.year, 1, 1), 2, 1, f"mentions {m.year}"))
            continue
        if m.kind not in ("date", "month_day", "holiday") or m.lead in ("by", "before"):
            continue
        if m.year:
            day = date(m.year, m.month, m.day)
        elif ref:
            day = month_day_near(m.month, m.day, ref, m.future, margin=14)
        else:
            continue
        if day is None:
            continue
        if m.future:
            bounds.append(_Bound("hi", day, 2, 3, f"upcoming '{m.text}' ({day})"))
        elif section == "caption":
            bounds.append(_Bound("lo", day, 2, 3, f"caption date '{m.text}'"))
        elif m.kind != "holiday":  # "an attack on New Year's Eve" may be last week's or next week's
            bounds.append(_Bound("lo", day, 2, 2, f"'{m.text}' ({day}) has happened"))
    return bounds


def _feed_bounds(newer: list[int], older: list[int], articles: Sequence[Article],
                 own: dict[int, list[_Bound]], estimates: list[DateEstimate | None]) -> list[_Bound]:
    """Soft bounds from feed order: after the older articles dated to the day, before the
    newer ones so dated and before whatever the newer ones' own words say is still to come."""
    bounds = []
    dated_older = [(e.value, j) for j in older if _to_the_day(e := estimates[j]) and e is not None and e.value]
    if dated_older:
        value, j = max(dated_older)
        bounds.append(_Bound("lo", clamp_days(value, -ORDER_SLACK), 1, 3, f"feed order: follows {articles[j].id} ({value})"))
    ceilings = [(b.day, j) for j in newer for b in own[j] if b.side == "hi" and b.tier == 2]
    ceilings += [(e.value, j) for j in newer if _to_the_day(e := estimates[j])]
    if ceilings:
        day, j = min(ceilings)
        bounds.append(_Bound("hi", clamp_days(day, ORDER_SLACK), 1, 3, f"feed order: precedes {articles[j].id} ({day})"))
    return bounds


def _to_the_day(e: DateEstimate | None) -> bool:
    return e is not None and e.value is not None and e.precision == "day"


def _interval(bounds: Iterable[_Bound]) -> tuple[_Bound | None, _Bound | None, _Bound | None]:
    """The interval the bounds allow, and the side the estimate should lean to.

    Contradictions drop the weaker side (own words beat feed order). The side whose evidence
    usually lies closer to publication is the anchor; ties go to the lower bound, because
    news is published soon after what it reports. A window around the anchor then replaces
    an opposite side that is missing or no more trustworthy than the anchor itself.
    """
    lo = hi = None
    for b in sorted(bounds, key=lambda b: (-b.tier, -b.closeness)):
        if b.side == "lo" and (hi is None or b.day <= hi.day) and (lo is None or b.day > lo.day):
            lo = b
        elif b.side == "hi" and (lo is None or b.day >= lo.day) and (hi is None or b.day < hi.day):
            hi = b
    if lo is None and hi is None:
        return None, None, None
    anchor = lo if lo is not None and (hi is None or lo.closeness >= hi.closeness) else hi
    windows = AFTER_ANCHOR if anchor is lo else BEFORE_ANCHOR
    opposite = hi if anchor is lo else lo
    if anchor.closeness in windows and (opposite is None or
                                        (opposite.closeness, opposite.tier) <= (anchor.closeness, anchor.tier)):
        n = windows[anchor.closeness]
        if anchor is lo and (hi is None or clamp_days(lo.day, n) < hi.day):
            hi = _Bound("hi", clamp_days(lo.day, n), 0, 0, f"assumed within {n} days after")
        elif anchor is hi and (lo is None or clamp_days(hi.day, -n) > lo.day):
            lo = _Bound("lo", clamp_days(hi.day, -n), 0, 0, f"assumed at most {n} days before")
    return lo, hi, anchor


def _weekday_cost(day: date, weekdays: list[DateMention]) -> int:
    """Days between ``day`` and each weekday mention, looking back (forward if the clause does)."""
    cost = 0
    for m in weekdays:
        w = m.weekday
        cost += (w - day.weekday()) % 7 if m.future else (day.weekday() - w) % 7
    return cost


def _estimate(bounds: list[_Bound], weekdays: list[DateMention]) -> DateEstimate:
    lo, hi, anchor = _interval(bounds)
    if lo is None or hi is None:
        if lo is not None:  # only a year mention: say what we know, claim no day
            return replace(DateEstimate.undated(f"not before {lo.day} ({lo.why}); nothing narrower"),
                           earliest=lo.day, inferred=True)
        why = "weekday mentions but no dated anchor" if weekdays else "no date in metadata or text"
        return DateEstimate.undated(why)
    days = [lo.day + timedelta(days=n) for n in range((hi.day - lo.day).days + 1)]
    value = min(days, key=lambda d: (_weekday_cost(d, weekdays) + ANCHOR_PULL * abs((d - anchor.day).days), d))
    width = (hi.day - lo.day).days
    precision: TimePrecision = "day" if weekdays and width <= 7 else precision_for_width(width)
    parts = [f"after {lo.why}" if lo.tier else f"{lo.why} {hi.day}",
             f"before {hi.why}" if hi.tier else f"{hi.why} {lo.day}"]
    if weekdays:
        counts: dict[str, int] = {}
        for m in weekdays:
            name = WEEKDAYS[m.weekday]
            counts[name] = counts.get(name, 0) + 1
        names = "/".join(n + (f"×{c}" if c > 1 else "") for n, c in counts.items())
        parts.insert(0, f"weekday mentions {names} fit {value} ({WEEKDAYS[value.weekday()]})")
    return DateEstimate(value, lo.day, hi.day, inferred=True, evidence="; ".join(parts), precision=precision)
