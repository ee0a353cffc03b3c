"""Finding date expressions in news text and parsing each as far as the words alone allow.

Parsing stops at what the words say: "on Tuesday" stays a weekday until someone knows which
week it is, so one scan serves both publication dating (:mod:`geo.dates.publication`) and
the dating of each sentence's event (:mod:`geo.dates.sentence`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from geo.dates.arithmetic import valid_date


@dataclass(frozen=True)
class DateMention:
    """A date expression in text, parsed only as far as the text alone allows.

    ``kind`` is one of: date (full, with year), month_day ("Feb. 19"), month_year ("October
    2015"), month ("in March"), year, weekday, holiday ("New Year's Eve", "2017 New Year"),
    relative ("last week", "a year ago"), decade ("the 1980s": ``year`` is its first). ``cue``
    is the preposition before it ("on", "late", "until"); ``future`` says the clause looks
    forward ("will", "ahead of", "upcoming"), which flips how weekdays and partial dates resolve.
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
    def weekday(self) -> int:
        """Monday = 0, for a weekday mention ("Tuesday" -> 1)."""
        return next(i for i, name in enumerate(WEEKDAYS) if self.text.startswith(name))

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
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Earlier patterns win overlaps of equal length; longer matches always win.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("mdy", re.compile(rf"\b(?P<mon>{_MONTH_ANY})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
                       rf"(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("dmy", re.compile(rf"\b(?P<d>\d{{1,2}})\s+(?P<mon>{_MONTH_FULL})\b(?:,?\s+(?P<y>{_YEAR})\b)?")),
    ("holiday", re.compile(rf"(?:\b(?P<y>{_YEAR})\s+)?\b(?P<h>New Year['’]s Eve|New Year['’]s Day|New Year|"
                           r"Christmas Eve|Christmas Day|Christmas)(?:['’]s)?\b")),
    ("month_year", re.compile(rf"\b(?P<mon>{_MONTH_FULL})\s+(?P<y>{_YEAR})\b")),
    ("decade", re.compile(r"\b(?P<y>(?:1[89]|20)\d0)['’]?s\b")),
    ("month", re.compile(rf"\b(?P<mon>{_MONTH_FULL})\b(?!\s*\d)")),
    ("year", re.compile(rf"\b(?P<y>{_YEAR})\b(?!\s*(?:GMT|EDT|EST|UTC|CET|BST|local|hours|hrs|people|"
                        r"troops|soldiers|fighters|civilians|police|residents|km|kilometers|miles|meters)\b)")),
    ("weekday", re.compile(r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b")),
    ("relative", re.compile(
        r"\b(?:yesterday|today|tonight|overnight|last night|this (?:morning|afternoon|evening)"
        r"|(?:earlier |later )?this (?:week|weekend|month|year)|(?:last|next|past) (?:week|weekend|month|year)"
        r"|(?:over|at|on) the weekend"
        r"|(?:recent|coming|(?:past|last|next) (?:few|several|two|three)) (?:days|weeks|months)"
        r"|(?:an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|several|\d+(?:-\d/\d)?)"
        r" (?:days?|weeks?|months?|years?|decades?) ago)\b", re.IGNORECASE)),
)

_CUE = re.compile(r"(?:\b(?:late|early|mid|in|on|at|since|until|till|by|from|during|last|this|next|"
                  r"ahead of|before|after|(?:the )?(?:end|start|beginning|middle) of)[\s-]+)+$", re.IGNORECASE)
# A forward-looking clause: "will be presented ... on Thursday", "ahead of New Year's Eve".
_FUTURE = re.compile(r"\b(?:will|won['’]t|shall|would|going to|to be|is due|are due|due to|scheduled|"
                     r"plans?|planned|planning|expected to|upcoming|ahead of|until|till|next|"
                     r"takes? office|is sworn in)\b|['’]ll\b",
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
        if not valid_date(year or 2000, month, day):  # 2000 is a leap year: accepts Feb. 29
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
