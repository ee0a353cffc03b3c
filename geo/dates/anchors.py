"""Named, dated events found across a corpus, and the durations that count from them.

One article dates an event ("a major offensive on Oct. 17", "the Dec. 19 truck attack", "they
renewed the offensive on Thursday"); another counts from it without a date ("since the
offensive began 10 weeks ago", "renewed their push a week ago", "in its 12th week", "the
Berlin attack last week"). Put together they bound the second article's publication, with
the chain of evidence spelt out. The table is built from the corpus itself, so nothing about
particular wars is written here: only how news English names and counts from an event.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from geo.dates.arithmetic import add_months, month_day_near, valid_date, weekday_near
from geo.dates.expressions import WEEKDAYS, DateMention, find_date_expressions
from geo.records import Article, DateEstimate
from geo.text import sentences

#: Words that name one kind of event; "push" and "offensive" are one campaign in news English.
KINDS = {"offensive": "offensive", "push": "offensive", "campaign": "offensive", "operation": "offensive",
         "assault": "offensive", "attack": "attack", "bombing": "attack", "truce": "truce", "ceasefire": "truce"}
_NOUN = r"(?P<noun>" + "|".join(KINDS) + r")s?\b"
_ANY_NOUN = re.compile(_NOUN, re.IGNORECASE)
#: Kinds a corpus holds many of at once (the Berlin attack, the Nice attack): a count matches
#: an anchor of these only when their sentences share a name. A campaign is one at a time.
NAMED_KINDS = frozenset({"attack"})
_RENEW = re.compile(r"\b(?:renew|resum|restart|relaunch)\w*", re.IGNORECASE)
_NUM = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_ORD = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
        "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12}
_N = r"(?P<n>\d+|" + "|".join(_NUM) + r")"
_UNIT = r"(?P<unit>day|week|month)s?"


@dataclass(frozen=True)
class Anchor:
    """An event the corpus dates: its kind, whether it is a renewal, the names around it."""

    kind: str
    renewed: bool
    names: frozenset[str]
    day: date
    phrase: str
    article_id: str


@dataclass(frozen=True)
class Count:
    """A duration counted from a named event: publication lies in [day + lo, day + hi]."""

    kind: str
    renewed: bool
    names: frozenset[str]
    lo: timedelta
    hi: timedelta
    phrase: str
    months: int = 0  # whole months added before the day offsets ("a month ago")


def _names(sentence: str) -> frozenset[str]:
    """The capitalised words of a sentence (not its first), to tell the Berlin attack from another."""
    words = [m.group(0) for m in re.finditer(r"\b[A-Z][a-z]{2,}\b", sentence) if m.start() > 0]
    return frozenset(w for w in words if w not in WEEKDAYS)


def _sentences(text: str) -> list[str]:
    """The sentences that name a kind of event: only they can date one or count from one."""
    return [text[s:e] for s, e in sentences(text) if _ANY_NOUN.search(text, s, e)]


# "a major offensive on Oct. 17", "the offensive, launched on Oct. 17", "renewed the offensive on Thursday"
_DATED_AFTER = re.compile(rf"\b{_NOUN}(?:[^.;]{{0,30}}?\b(?:launched|began|begun|started))?\s+on\s*$", re.IGNORECASE)
# "the Dec. 19 truck attack"
_DATED_BEFORE = re.compile(rf"^(?:\s+[\w-]+){{0,2}}?\s+{_NOUN}", re.IGNORECASE)


@dataclass(frozen=True)
class Named:
    """An event phrase with a date expression, before that expression is placed on the calendar
    (a weekday needs its article's publication day)."""

    kind: str
    renewed: bool
    names: frozenset[str]
    when: DateMention
    phrase: str
    article_id: str

    def anchor(self, published: DateEstimate) -> Anchor | None:
        m = self.when
        day = _day(m.kind, m.year, m.month, m.day, m.text, published)
        return Anchor(self.kind, self.renewed, self.names, day, self.phrase, self.article_id) if day else None


def named_events(article: Article) -> list[Named]:
    """The events an article dates: by a full or year-less date, or by a weekday (which counts
    only once the article itself is dated to the day)."""
    out = []
    for sentence in _sentences(article.text):
        for m in find_date_expressions(sentence):
            before = sentence[max(0, m.start - 60):m.start]
            hit = (_DATED_AFTER.search(before) if m.cue == "on" else None) or _DATED_BEFORE.match(sentence[m.end:])
            if hit is not None and m.kind in ("date", "month_day", "weekday"):
                out.append(Named(KINDS[hit.group("noun").lower()], bool(_RENEW.search(before)), _names(sentence), m,
                                 " ".join(sentence[max(0, m.start - 40):m.end + 20].split()), article.id))
    return out


def anchors(article: Article, published: DateEstimate) -> list[Anchor]:
    """The events an article dates, placed on the calendar against its publication estimate."""
    return [a for n in named_events(article) if (a := n.anchor(published)) is not None]


def _day(kind: str, year: int | None, month: int | None, day: int | None, text: str,
         published: DateEstimate) -> date | None:
    if kind == "date" and year and month and day and valid_date(year, month, day):
        return date(year, month, day)
    ref = published.value
    if ref is None:
        return None
    if kind == "month_day" and month and day:
        return month_day_near(month, day, ref, future=False)
    if kind == "weekday" and published.precision == "day":
        return weekday_near(ref, WEEKDAYS.index(text), future=False)
    return None


def _weeks(n: int) -> tuple[timedelta, timedelta]:
    """"N weeks ago" is rounded down by writers: between N weeks less a few days and N+1 weeks."""
    return timedelta(days=7 * n - 3), timedelta(days=7 * n + 7)


_COUNTS: tuple[tuple[re.Pattern[str], Callable[[re.Match[str]], tuple[timedelta, timedelta, int]]], ...] = (
    # "since the offensive began 10 weeks ago", "renewed their push for the city a week ago"
    (re.compile(rf"\b{_NOUN}[^.;]{{0,40}}?\b{_N} {_UNIT} ago\b", re.IGNORECASE),
     lambda m: _ago(m)),
    # "in its 12th week", "the second day of a renewed push"
    (re.compile(rf"\b(?:in its|the) (?P<ord>\d+(?:st|nd|rd|th)|{'|'.join(_ORD)}) (?P<unit>day|week)\b"
                rf"(?:[^.;]{{0,30}}?\b{_NOUN})?", re.IGNORECASE),
     lambda m: _ordinal(m)),
    # "the seven-week campaign"
    (re.compile(rf"\b{_N}-(?P<unit>day|week|month)(?:-old)? (?:[\w-]+ )?{_NOUN}", re.IGNORECASE),
     lambda m: _ago(m)),
)


def _ago(m: re.Match[str]) -> tuple[timedelta, timedelta, int]:
    raw = m.group("n").lower()
    n = _NUM.get(raw) or int(raw)
    unit = m.group("unit").lower()
    if unit == "day":
        return timedelta(days=n - 1), timedelta(days=n + 1), 0
    if unit == "week":
        lo, hi = _weeks(n)
        return lo, hi, 0
    return timedelta(days=-15), timedelta(days=15), n


def _ordinal(m: re.Match[str]) -> tuple[timedelta, timedelta, int]:
    raw = m.group("ord").lower()
    n = _ORD.get(raw) or int(re.sub(r"\D", "", raw))
    if m.group("unit").lower() == "day":
        return timedelta(days=n - 1), timedelta(days=n - 1), 0
    return timedelta(days=7 * (n - 1)), timedelta(days=7 * n - 1), 0


def counts(article: Article) -> list[Count]:
    """The durations an article counts from a named event it does not date itself."""
    out = []
    for sentence in _sentences(article.text):
        for pattern, span in _COUNTS:
            for m in pattern.finditer(sentence):
                noun = m.group("noun") or _noun_in(sentence)
                if noun is None:
                    continue
                lo, hi, months = span(m)
                renewed = bool(_RENEW.search(sentence[max(0, m.start() - 60):m.end()]))
                out.append(Count(KINDS[noun.lower()], renewed, _names(sentence), lo, hi, m.group(0), months))
    return out


def _noun_in(sentence: str) -> str | None:
    m = re.search(rf"\b{_NOUN}", sentence, re.IGNORECASE)
    return m.group("noun") if m else None


@dataclass(frozen=True)
class Chain:
    """A publication interval an article's duration gives, with the anchor it counted from."""

    earliest: date
    latest: date
    why: str


@dataclass(frozen=True)
class Corpus:
    """What the corpus's words say about named events, read once: the events each article dates
    and the durations each counts (by article index)."""

    named: tuple[tuple[int, Named], ...]
    counts: tuple[tuple[int, Count], ...]

    @classmethod
    def read(cls, articles: Sequence[Article]) -> Corpus:
        return cls(tuple((i, n) for i, a in enumerate(articles) for n in named_events(a)),
                   tuple((i, c) for i, a in enumerate(articles) for c in counts(a)))


def chains(corpus: Corpus, estimates: Sequence[DateEstimate]) -> dict[int, list[Chain]]:
    """For each article (by index), the intervals its durations give once the other articles'
    named, dated events are known; a duration whose event the corpus dates two ways gives none.
    An article's own anchors are left out: its "renewed on Thursday", dated by its own
    estimate, would only confirm that estimate."""
    table = [(i, a) for i, n in corpus.named if (a := n.anchor(estimates[i])) is not None]
    out: dict[int, list[Chain]] = {}
    for i, c in corpus.counts:
        match = [a for j, a in table if j != i and a.kind == c.kind and a.renewed == c.renewed
                 and (c.kind not in NAMED_KINDS or a.names & c.names)]
        days = {a.day for a in match}
        if not match or max(days) - min(days) > timedelta(days=3):
            continue
        a = match[0]
        start = add_months(a.day, c.months) if c.months else a.day
        if start is None:
            continue
        out.setdefault(i, []).append(Chain(start + c.lo, start + c.hi,
                                           f"'{c.phrase}' counted from '{a.phrase}' = {a.day} ({a.article_id})"))
    return out
