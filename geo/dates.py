"""Dating news: when an article was published, and when the thing a sentence reports happened.

Wire copy rarely states its own date. It says "on Tuesday", "last week", "the Dec. 19 attack",
and leaves the reader to know today's date. So publication dates are *inferred* from what
the text does pin down (a dated photo caption, a full date, an upcoming holiday), from the
articles around it in the same feed, and finally from which day makes its weekday mentions
most natural. Every estimate carries the interval it may fall in and the evidence, because a
wrong day reported as certain is worse than an honest week.

Rule-based on purpose: the measured alternatives (HeidelTime, parsedatetime, dateparser;
see the project notes) were either unshippable or wrong on the idioms that matter here
("said on Tuesday" means the past, "Feb. 19" without a year means this year).
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from geo.records import Article, DateEstimate

# --- finding date expressions ---------------------------------------------------------------


@dataclass(frozen=True)
class DateMention:
    """A date expression in text, parsed only as far as the text alone allows.

    ``kind`` is one of: date (full, with year), month_day ("Feb. 19"), month_year ("October
    2015"), month ("in March"), year, weekday, holiday ("New Year's Eve", "2017 New Year"),
    relative ("last week", "a year ago"). ``cue`` is the preposition before it ("on", "late",
    "until"); ``future`` says the clause looks forward ("will", "ahead of", "upcoming"), which
    flips how weekdays and partial dates resolve.
    """

    start: int
    end: int
    text: str
    kind: str
    cue: str = ""
    future: bool = False
    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def phrase(self) -> str:
        """The expression with its preposition, as a reader would quote it."""
        return self.cue + ("" if self.cue.endswith("-") else " ") + self.text if self.cue else self.text

    @property
    def lead(self) -> str:
        """The first word of the cue: "since the start of May" bounds a period like "since May"."""
        return self.cue.split()[0] if self.cue else ""


_MONTH_NUMBERS = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                  "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12}
_MONTH_FULL = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
# Reuters/AP abbreviate Jan., Feb., Aug., Sept., Oct., Nov., Dec. only before a day number.
_MONTH_ANY = rf"(?:{_MONTH_FULL}|(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.)"
_YEAR = r"(?:19|20)\d\d"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "a few": 3, "several": 3}

# Earlier patterns win overlaps of equal length; longer matches always win.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH_ANY})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
                       rf"(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_FULL})\b(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("holiday", re.compile(rf"(?:\b(?P<y>{_YEAR})\s+)?\b(?P<h>New Year['’]s Eve|New Year['’]s Day|New Year|"
                           r"Christmas Eve|Christmas Day|Christmas)(?:['’]s)?\b")),
    ("month_year", re.compile(rf"\b(?P<mon>{_MONTH_FULL})\s+(?P<y>{_YEAR})\b")),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH_FULL})\b(?!\s*\d)")),
    ("year", re.compile(rf"\b(?P<y>{_YEAR})\b(?!\s*(?:GMT|EDT|EST|UTC|CET|BST|local|hours|hrs|people|"
                        r"troops|soldiers|fighters|civilians|police|residents|km|kilometers|miles|meters)\b)")),
    ("weekday", re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")),
    ("relative", re.compile(
        r"\b(?:yesterday|today|tonight|overnight|last night|this (?:morning|afternoon|evening)"
        r"|(?:earlier |later )?this (?:week|weekend|month|year)|(?:last|next|past) (?:week|weekend|month|year)"
        r"|(?:over|at|on) the weekend"
        r"|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|\d+(?:-\d/\d)?)"
        r" (?:days?|weeks?|months?|years?|decades?) ago)\b", re.IGNORECASE)),
)

_CUE = re.compile(r"(?:\b(?:late|early|mid|in|on|at|since|until|till|by|from|during|last|this|next|"
                  r"ahead of|before|after|(?:the )?(?:end|start|beginning|middle) of)[\s-]+)+$", re.IGNORECASE)
# A forward-looking clause: "will be presented ... on Thursday", "ahead of New Year's Eve".
_FUTURE = re.compile(r"\b(?:will|won['’]t|shall|would|going to|to be|is due|are due|due to|scheduled|"
                     r"plans?|planned|planning|expected to|upcoming|ahead of|until|till|next)\b|['’]ll\b",
                     re.IGNORECASE)
# What was said is reported in the past even after a future clause: "..., he said on Monday".
_CLAUSE_BREAK = re.compile(r"[,;:“”\"(—–]|\b(?:said|says|told|added|announced|reported|according to)\b")
_SENTENCE_END = re.compile(r"[.!?][\"”’)]?\s+(?=[A-Z“\"(])|\n")
# "May" and "March" are also words; as bare months they need a preposition in front.
_AMBIGUOUS_MONTHS = ("May", "March")


def find_date_expressions(text: str) -> list[DateMention]:
    """Every date expression in ``text``, left to right, without overlaps.

    Parsing stops at what the words say: "on Tuesday" stays a weekday until someone knows
    which week it is (see :func:`event_date`), so one scan serves both publication dating and
    per-sentence dating.
    """
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    for rank, (name, pattern) in enumerate(_PATTERNS):
        for m in pattern.finditer(text):
            found.append((m.start(), -(m.end() - m.start()), rank, name, m))
    found.sort()
    mentions: list[DateMention] = []
    taken_until = -1
    for start, _, _, name, m in found:
        if start < taken_until:
            continue
        mention = _parse(text, name, m)
        if mention is not None:
            mentions.append(mention)
            taken_until = m.end()
    return mentions


def _parse(text: str, name: str, m: re.Match[str]) -> DateMention | None:
    groups = m.groupdict()
    year = int(groups["y"]) if groups.get("y") else None
    month = _MONTH_NUMBERS[groups["mon"][:3].lower()] if groups.get("mon") else None
    day = int(groups["d"]) if groups.get("d") else None
    cue_match = _CUE.search(text, max(0, m.start() - 40), m.start())
    cue = " ".join(cue_match.group(0).lower().split()) if cue_match else ""
    if name == "iso":
        month = int(groups["m"])
    if name in ("iso", "mdy", "dmy"):
        if not _valid(year or 2000, month, day):  # 2000 is a leap year: accepts Feb. 29
            return None
        kind = "date" if year else "month_day"
    elif name == "holiday":
        kind, (month, day) = "holiday", _HOLIDAYS[_holiday_key(groups["h"])]
        if year and _holiday_key(groups["h"]) == "new year":  # "2017 New Year" is celebrated Dec 31, 2016
            year -= 1
    elif name == "month" and groups["mon"] in _AMBIGUOUS_MONTHS and not cue:
        return None
    else:
        kind = name
    return DateMention(m.start(), m.end(), m.group(0), kind, cue, _looks_forward(text, m.start(), cue),
                       year, month, day)


#: (month, day) a holiday is dated by; "New Year" celebrations happen on the eve.
_HOLIDAYS = {"new year's eve": (12, 31), "new year": (12, 31), "new year's day": (1, 1),
             "christmas eve": (12, 24), "christmas": (12, 25), "christmas day": (12, 25)}


def _holiday_key(name: str) -> str:
    return name.lower().replace("’", "'")


def _valid(year: int, month: int | None, day: int | None) -> bool:
    if month is None or day is None or not 1 <= month <= 12:
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def _looks_forward(text: str, start: int, cue: str) -> bool:
    """Does the clause leading up to ``start`` speak of the future?

    Only the clause after the last comma or reporting verb counts, so "the U.S. will act,
    officials said on Monday" still puts Monday in the past.
    """
    if cue.startswith(("until", "till", "ahead of", "next")):
        return True
    sentence_start = max(0, start - 400)  # a sentence longer than this is a list, not a clause
    for sm in _SENTENCE_END.finditer(text, sentence_start, start):
        sentence_start = sm.end()
    clause = text[sentence_start:start]
    breaks = list(_CLAUSE_BREAK.finditer(clause))
    if breaks:
        clause = clause[breaks[-1].end():]
    return bool(_FUTURE.search(clause))


# --- calendar arithmetic ----------------------------------------------------------------------


def _weekday_index(mention: DateMention) -> int:
    return next(i for i, name in enumerate(_WEEKDAYS) if mention.text.startswith(name))


def _weekday_near(ref: date, weekday: int, future: bool) -> date:
    """The weekday on or before ``ref`` (on or after it, for a forward-looking clause).

    News uses a bare weekday for the past six days or today; further back it gives a date.
    """
    if future:
        return ref + timedelta(days=(weekday - ref.weekday()) % 7)
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def _month_day_near(month: int, day: int, ref: date, future: bool, margin: int = 0) -> date | None:
    """A year-less date: the latest one not after ``ref`` (earliest not before, if forward).

    AP style drops the year for dates in the current year, so "Feb. 19" in a July story is
    this February and "Dec. 19" in a January story is last December. ``margin`` widens the
    window when ``ref`` is itself only approximate.
    """
    candidates = [date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1) if _valid(y, month, day)]
    if future:
        after = [c for c in candidates if c >= ref - timedelta(days=margin)]
        return min(after) if after else None
    before = [c for c in candidates if c <= ref + timedelta(days=margin)]
    return max(before) if before else None


def _month_start_near(month: int, ref: date, future: bool) -> date:
    """The first day of the named month: the latest one begun by ``ref`` (or the next one)."""
    this = date(ref.year, month, 1)
    if future:
        return this if (this.year, this.month) >= (ref.year, ref.month) else date(ref.year + 1, month, 1)
    return this if this <= ref else date(ref.year - 1, month, 1)


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def _add_months(d: date, months: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _coarser(a: str, b: str) -> str:
    order = ("day", "week", "month", "year", "undated")
    return max(a, b, key=order.index)


def _precision_for_width(days: int) -> str:
    return "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"


# --- publication dates ------------------------------------------------------------------------

#: Feeds run roughly newest first; allow this much disorder between neighbours.
ORDER_SLACK = timedelta(days=1)
#: How far past a close anchor (a photo caption, a feed neighbour) an article is assumed to be
#: published, and how far ahead it anticipates an upcoming event. A dated event in the body
#: gets no window: stories recall events months old ("Feb. 2, 2016" in a July story).
AFTER_ANCHOR = {3: 7}
BEFORE_ANCHOR = {3: 30}
#: Cost per day of moving the estimate away from the closest anchor; a weekday mismatch costs
#: 1 per day, so weekday evidence outweighs the anchor's pull unless the candidates are weeks apart.
ANCHOR_PULL = 0.1

#: Cues that bound a period rather than date an event: "since 2014", "by April", "until July 19".
_RANGE_CUES = ("since", "until", "till", "by", "before", "after")
#: Sections that are the article's words; bylines, datelines and credits hold no dates.
_TEXT_SECTIONS = ("title", "caption", "body")


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
            if cap and not articles[i].published and (value is None or value > cap + ORDER_SLACK):
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
            day = _month_day_near(m.month, m.day, ref, m.future, margin=14)
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
    dated_older = [(e.value, j) for j in older if _to_the_day(e := estimates[j])]
    if dated_older:
        value, j = max(dated_older)
        bounds.append(_Bound("lo", value - ORDER_SLACK, 1, 3, f"feed order: follows {articles[j].id} ({value})"))
    ceilings = [(b.day, j) for j in newer for b in own[j] if b.side == "hi" and b.tier == 2]
    ceilings += [(e.value, j) for j in newer if _to_the_day(e := estimates[j])]
    if ceilings:
        day, j = min(ceilings)
        bounds.append(_Bound("hi", day + ORDER_SLACK, 1, 3, f"feed order: precedes {articles[j].id} ({day})"))
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
        if anchor is lo and (hi is None or lo.day + timedelta(days=n) < hi.day):
            hi = _Bound("hi", lo.day + timedelta(days=n), 0, 0, f"assumed within {n} days after")
        elif anchor is hi and (lo is None or hi.day - timedelta(days=n) > lo.day):
            lo = _Bound("lo", hi.day - timedelta(days=n), 0, 0, f"assumed at most {n} days before")
    return lo, hi, anchor


def _weekday_cost(day: date, weekdays: list[DateMention]) -> int:
    """Days between ``day`` and each weekday mention, looking back (forward if the clause does)."""
    cost = 0
    for m in weekdays:
        w = _weekday_index(m)
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
    precision = "day" if weekdays and width <= 7 else _precision_for_width(width)
    parts = [f"after {lo.why}" if lo.tier else f"{lo.why} {hi.day}",
             f"before {hi.why}" if hi.tier else f"{hi.why} {lo.day}"]
    if weekdays:
        counts: dict[str, int] = {}
        for m in weekdays:
            name = _WEEKDAYS[_weekday_index(m)]
            counts[name] = counts.get(name, 0) + 1
        names = "/".join(n + (f"×{c}" if c > 1 else "") for n, c in counts.items())
        parts.insert(0, f"weekday mentions {names} fit {value} ({_WEEKDAYS[value.weekday()]})")
    return DateEstimate(value, lo.day, hi.day, inferred=True, evidence="; ".join(parts), precision=precision)


# --- event dates ------------------------------------------------------------------------------

_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def event_date(sentence: str, published: DateEstimate) -> DateEstimate:
    """When the sentence's event happened, read against the publication date.

    The most precise date expression wins ("on Tuesday" over "this year"); with none, the
    event is taken to be as recent as the report, so the publication estimate stands.
    """
    candidates = []
    for m in find_date_expressions(sentence):
        if m.lead in _RANGE_CUES:
            continue
        resolved = _resolve(m, published)
        if resolved is not None:
            candidates.append((_PRECISION_RANK.get(resolved.precision, 4), m.start, resolved))
    if candidates:
        return min(candidates, key=lambda c: c[:2])[2]
    if published.value is None:
        return DateEstimate.undated("no absolute date in sentence and publication undated")
    return replace(published, evidence=f"publication date ({published.evidence}); no date in sentence")


def _resolve(m: DateMention, pub: DateEstimate) -> DateEstimate | None:
    """Place one mention on the calendar: absolute ones alone, relative ones against ``pub``."""
    quoted = f"'{m.phrase}'"
    if m.year is not None and m.kind in ("date", "holiday"):
        d = date(m.year, m.month, m.day)
        return DateEstimate(d, d, d, inferred=True, evidence=f"{quoted} in sentence", precision="day")
    if m.kind == "month_year":
        start = date(m.year, m.month, 1)
        return _period(start, _month_end(start), "month", f"{quoted} in sentence", m.cue)
    if m.kind == "year":
        return DateEstimate(date(m.year, 1, 1), date(m.year, 1, 1), date(m.year, 12, 31), inferred=True,
                            evidence=f"{quoted} in sentence", precision="year")
    if pub.value is None:
        return None
    spans = [_relative_span(m, pub.value)]
    if spans[0] is None:
        return None
    if pub.precision != "day" and pub.earliest and pub.latest:  # as uncertain as the publication
        spans += [_relative_span(m, pub.earliest), _relative_span(m, pub.latest)]
    value, _, _, precision = spans[0]
    earliest = min(s[1] for s in spans)
    latest = max(s[2] for s in spans)
    if len(set(spans)) > 1:  # the publication's uncertainty carries over ("Feb. 19" usually survives it)
        precision = _coarser(precision, pub.precision)
    return DateEstimate(value, earliest, latest, inferred=True,
                        evidence=f"{quoted} relative to {pub.value}", precision=precision)


def _period(start: date, end: date, precision: str, evidence: str, cue: str = "") -> DateEstimate:
    """A month, narrowed by "early"/"mid"/"late" (or "the end of") to a third of it."""
    if precision == "month":
        part = "late" if cue.endswith("end of") else cue.split()[-1].rstrip("-") if cue else ""
        if part == "early":
            end = start.replace(day=10)
        elif part == "mid":
            start, end = start.replace(day=11), start.replace(day=20)
        elif part == "late":
            start = start.replace(day=21)
    return DateEstimate(start, start, end, inferred=True, evidence=evidence, precision=precision)


def _relative_span(m: DateMention, ref: date) -> tuple[date, date, date, str] | None:
    """(value, earliest, latest, precision) of a relative mention, given the report date."""
    if m.kind == "weekday":
        d = _weekday_near(ref, _weekday_index(m), m.future)
        return d, d, d, "day"
    if m.kind in ("month_day", "holiday"):
        d = _month_day_near(m.month, m.day, ref, m.future)
        return (d, d, d, "day") if d else None
    if m.kind == "month":
        start = _month_start_near(m.month, ref, m.future)
        if m.lead == "last" and start.year == ref.year and start.month == ref.month:
            start = date(ref.year - 1, m.month, 1)  # "last November", said in November
        p = _period(start, _month_end(start), "month", "", m.cue)
        return p.value, p.earliest, p.latest, "month"
    if m.kind == "relative":
        return _relative_phrase(m.text.lower(), ref, m.future)
    return None


def _relative_phrase(text: str, ref: date, future: bool) -> tuple[date, date, date, str] | None:
    """Calendar periods ("last week" is Monday to Sunday before) except "the past ...", which rolls."""
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return ref, ref, ref, "day"
    if text in ("yesterday", "last night", "overnight"):
        d = ref - timedelta(days=1)
        return d, d, d, "day"
    ago = re.fullmatch(r"(.+) (day|week|month|year|decade)s? ago", text)
    if ago:
        return _ago(ago.group(1), ago.group(2), ref)
    first, unit = text.split()[0], text.split()[-1]
    if first == "past":
        days = {"week": 7, "weekend": 2, "month": 30, "year": 365}[unit]
        return ref - timedelta(days=days), ref - timedelta(days=days), ref, "week" if unit == "weekend" else unit
    shift = {"last": -1, "next": 1}.get(first, 0)
    if unit == "weekend":
        upcoming = shift > 0 or (shift == 0 and future)
        sat = _weekday_near(ref, 5, future=upcoming)
        return sat, sat, sat + timedelta(days=1), "week"
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        end = min(ref, monday + timedelta(days=6)) if shift == 0 else monday + timedelta(days=6)
        return monday, monday, end, "week"
    if unit == "month":
        start = _add_months(ref.replace(day=1), shift)
        return start, start, _month_end(start), "month"
    if unit == "year":
        start = date(ref.year + shift, 1, 1)
        return start, start, date(start.year, 12, 31), "year"
    return None


def _ago(amount: str, unit: str, ref: date) -> tuple[date, date, date, str]:
    """"A year ago" is about a year: the span widens with the unit, as the idiom does."""
    whole, _, fraction = amount.partition("-")
    n = _NUMBER_WORDS.get(whole, None) or int(whole)
    if fraction:  # "2-1/2"
        num, den = fraction.split("/")
        n += int(num) / int(den)
    if unit == "day":
        d = ref - timedelta(days=round(n))
        return d, d, d, "day"
    if unit == "week":
        d = ref - timedelta(days=round(7 * n))
        return d, d - timedelta(days=3), d + timedelta(days=3), "week"
    months = round(n * {"month": 1, "year": 12, "decade": 120}[unit])
    d = _add_months(ref, -months)
    spread = timedelta(days=15 if unit == "month" or n == 1 else 182)
    return d, d - spread, d + spread, "month" if unit == "month" or (unit == "year" and n == 1) else "year"
