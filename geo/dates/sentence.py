"""The date stage: when each sentence's event happened, read against the publication date.

The most precise date expression of the sentence wins ("on Tuesday" over "this year"); with
none, the event is taken to be as recent as the report, so the publication estimate stands.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta

from geo.dates.arithmetic import (
    add_months,
    coarser,
    month_day_near,
    month_end,
    month_start_near,
    shift_days,
    weekday_near,
)
from geo.dates.expressions import DateMention, find_date_expressions
from geo.records import TIME_PRECISIONS, Article, DateEstimate, Resolution, TimePrecision

_Span = tuple[date, date, date, TimePrecision]  # value, earliest, latest, precision
#: Cues that bound a period rather than date an event: "since 2014", "by April", "until July 19".
_RANGE_CUES = ("since", "until", "till", "by", "before", "after")
_NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                 "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                 "a few": 3, "several": 3}


def date_sentences(article: Article, resolutions: Sequence[Resolution],
                   published: DateEstimate) -> dict[int, DateEstimate]:
    """The date of every sentence that names a resolved place, keyed by the sentence's start."""
    out: dict[int, DateEstimate] = {}
    for r in resolutions:
        m = r.mention
        if r.place is not None and m.sentence_start not in out:
            out[m.sentence_start] = event_date(article.text[m.sentence_start:m.sentence_end], published)
    return out


def event_date(sentence: str, published: DateEstimate, near: int | None = None) -> DateEstimate:
    """When the sentence's event happened, read against the publication date.

    A date that only says when something was said ("On Tuesday, the coalition said ...",
    "forces said on Saturday") yields to one that dates the happening; then the most precise
    expression wins ("on Tuesday" over "this year"), then the one nearest ``near`` (the
    event's place in the sentence, for a sentence that reports several). With none, the
    event is taken to be as recent as the report, so the publication estimate stands.
    """
    candidates = []
    for m in find_date_expressions(sentence):
        if m.lead in _RANGE_CUES:
            continue
        try:
            resolved = _resolve(m, published)
        except (ValueError, OverflowError):  # off the calendar (a report dated near year 1 or 9999): no date
            resolved = None
        if resolved is not None and _after_publication(resolved, published) and not m.future:
            continue  # a past-tense report cannot date its event after it was written
        if resolved is not None:
            distance = abs(m.start - near) if near is not None else m.start
            candidates.append((_of_speech(sentence, m), TIME_PRECISIONS.index(resolved.precision), distance,
                               resolved))
    if candidates:
        return min(candidates, key=lambda c: c[:3])[3]
    if published.value is None:
        return DateEstimate.undated("no absolute date in sentence and publication undated")
    return replace(published, evidence=f"publication date ({published.evidence}); no date in sentence")


def _after_publication(d: DateEstimate, published: DateEstimate) -> bool:
    last = published.latest or published.value
    return d.value is not None and last is not None and (d.earliest or d.value) > last


_SPEECH_BEFORE = re.compile(r"\b(?:said|says|told \w+|announced|reported|added|stated)\s+$", re.IGNORECASE)
_SPEECH_AFTER = re.compile(r"^,?\s+(?:[\w.’'-]+\s+){0,4}?(?:said|says|told|announced|reported)\b", re.IGNORECASE)


def _of_speech(sentence: str, m: DateMention) -> bool:
    """Does the expression date the saying rather than the deed? ("said on Monday",
    "On Tuesday, the coalition said")."""
    before = sentence[:m.start]
    if m.cue and before.lower().rstrip().endswith(m.cue):
        before = before.rstrip()[:-len(m.cue)]
    return bool(_SPEECH_BEFORE.search(before) or _SPEECH_AFTER.match(sentence[m.end:m.end + 60]))


def _resolve(m: DateMention, pub: DateEstimate) -> DateEstimate | None:
    """Place one mention on the calendar: absolute ones alone, relative ones against ``pub``."""
    quoted = f"'{m.phrase}'"
    if m.year is not None and m.kind in ("date", "holiday"):
        assert m.month is not None and m.day is not None  # full dates and holidays carry both
        d = date(m.year, m.month, m.day)
        return DateEstimate(d, d, d, inferred=True, evidence=f"{quoted} in sentence", precision="day")
    if m.kind == "month_year":
        assert m.year is not None and m.month is not None  # the pattern requires both
        start = date(m.year, m.month, 1)
        return _period(start, month_end(start), "month", f"{quoted} in sentence", m.cue)
    if m.kind == "decade":
        assert m.year is not None  # the pattern is the decade's first year
        return DateEstimate(date(m.year, 1, 1), date(m.year, 1, 1), date(m.year + 9, 12, 31), inferred=True,
                            evidence=f"{quoted} in sentence", precision="year")
    if m.kind == "year":
        assert m.year is not None  # the pattern is the year
        return DateEstimate(date(m.year, 1, 1), date(m.year, 1, 1), date(m.year, 12, 31), inferred=True,
                            evidence=f"{quoted} in sentence", precision="year")
    if pub.value is None:
        return None
    first = _relative_span(m, pub.value)
    if first is None:
        return None
    spans = [first]
    uncertain = False
    if pub.precision != "day" and pub.earliest and pub.latest:  # as uncertain as the publication
        for ref in (pub.earliest, pub.latest):
            span = _relative_span(m, ref)
            if span is None:  # "Feb. 29" has no year near this end of the interval: it bounds nothing
                uncertain = True
                continue
            spans.append(span)
    value, _, _, precision = spans[0]
    earliest = min(s[1] for s in spans)
    latest = max(s[2] for s in spans)
    if uncertain or len(set(spans)) > 1:  # the publication's uncertainty carries over ("Feb. 19" usually survives it)
        precision = coarser(precision, pub.precision)
    return DateEstimate(value, earliest, latest, inferred=True,
                        evidence=f"{quoted} relative to {pub.value}", precision=precision)


def _period(start: date, end: date, precision: TimePrecision, evidence: str, cue: str = "") -> DateEstimate:
    """A month, narrowed by "early"/"mid"/"late" (or "the end of") to a third of it."""
    if precision == "month":
        start, end = _month_part(start, end, cue)
    return DateEstimate(start, start, end, inferred=True, evidence=evidence, precision=precision)


def _month_part(start: date, end: date, cue: str) -> tuple[date, date]:
    """The third of the month that "early"/"mid"/"late" (or "the end of") names; all of it without."""
    part = "late" if cue.endswith("end of") else cue.split()[-1].rstrip("-") if cue else ""
    if part == "early":
        end = start.replace(day=10)
    elif part == "mid":
        start, end = start.replace(day=11), start.replace(day=20)
    elif part == "late":
        start = start.replace(day=21)
    return start, end


def _relative_span(m: DateMention, ref: date) -> _Span | None:
    """(value, earliest, latest, precision) of a relative mention, given the report date."""
    if m.kind == "weekday":
        d = weekday_near(ref, m.weekday, m.future)
        return d, d, d, "day"
    if m.kind in ("month_day", "holiday"):
        assert m.month is not None and m.day is not None  # both kinds carry month and day
        near = month_day_near(m.month, m.day, ref, m.future)
        return (near, near, near, "day") if near else None
    if m.kind == "month":
        assert m.month is not None  # the pattern is the month
        start = month_start_near(m.month, ref, m.future)
        if m.lead == "last" and start.year == ref.year and start.month == ref.month:
            start = date(ref.year - 1, m.month, 1)  # "last November", said in November
        lo, hi = _month_part(start, month_end(start), m.cue)
        return lo, lo, hi, "month"
    if m.kind == "relative":
        return _relative_phrase(m.text.lower(), ref, m.future)
    return None


def _relative_phrase(text: str, ref: date, future: bool) -> _Span | None:
    """Calendar periods ("last week" is Monday to Sunday before) except "the past ...", which rolls."""
    if text in ("today", "tonight", "this morning", "this afternoon", "this evening"):
        return ref, ref, ref, "day"
    if text in ("yesterday", "last night", "overnight"):
        d = ref - timedelta(days=1)
        return d, d, d, "day"
    ago = re.fullmatch(r"(.+) (day|week|month|year|decade)s? ago", text)
    if ago:
        return _ago(ago.group(1), ago.group(2), ref)
    vague = re.fullmatch(r"(recent|coming|past|last|next)(?: (few|several|two|three))? (day|week|month)s", text)
    if vague:
        return _vague_period(vague.group(1), vague.group(2), vague.group(3), ref)
    first, unit = text.split()[0], text.split()[-1]
    if first == "past":
        past: dict[str, tuple[int, TimePrecision]] = {"week": (7, "week"), "weekend": (2, "week"),
                                                      "month": (30, "month"), "year": (365, "year")}
        days, precision = past[unit]
        return ref - timedelta(days=days), ref - timedelta(days=days), ref, precision
    shift = {"last": -1, "next": 1}.get(first, 0)
    if unit == "weekend":
        upcoming = shift > 0 or (shift == 0 and future)
        sat = weekday_near(ref, 5, future=upcoming)
        return sat, sat, sat + timedelta(days=1), "week"
    span: _Span | None = None
    if unit == "week":
        monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
        end = min(ref, monday + timedelta(days=6)) if shift == 0 else monday + timedelta(days=6)
        span = monday, monday, end, "week"
    elif unit == "month":
        start = add_months(ref.replace(day=1), shift)
        span = (start, start, month_end(start), "month") if start else None
    elif unit == "year":
        start = date(ref.year + shift, 1, 1)
        span = start, start, date(start.year, 12, 31), "year"
    if span is not None and first in ("earlier", "later"):  # "earlier this month" ends with the report
        _, lo, hi, precision = span
        lo, hi = (lo, min(hi, ref)) if first == "earlier" else (max(lo, ref), hi)
        span = lo, lo, hi, precision
    return span


#: How far "recent days", "the coming weeks", "the past few months" reach from the report.
_VAGUE_REACH: dict[str, tuple[int, TimePrecision]] = {"day": (7, "week"), "week": (31, "month"),
                                                      "month": (183, "year")}


def _vague_period(lead: str, amount: str | None, unit: str, ref: date) -> _Span | None:
    """"In recent days", "over the past three weeks", "in the coming months": a stretch that
    ends (or starts) with the report, as long as the idiom usually means; "two weeks" is 14 days."""
    days, precision = _VAGUE_REACH[unit]
    if amount in ("two", "three"):
        days = _NUMBER_WORDS[amount] * {"day": 1, "week": 7, "month": 31}[unit]
    if lead in ("coming", "next"):
        hi = shift_days(ref, days)
        return (ref, ref, hi, precision) if hi else None
    lo = shift_days(ref, -days)
    return (lo, lo, ref, precision) if lo else None


def _ago(amount: str, unit: str, ref: date) -> _Span | None:
    """"A year ago" is about a year: the span widens with the unit, as the idiom does.
    "3000 years ago" falls before the calendar starts: no date, not an error."""
    whole, _, fraction = amount.partition("-")
    n: float = _NUMBER_WORDS.get(whole) or int(whole)
    if fraction:  # "2-1/2"
        num, den = fraction.split("/")
        n += int(num) / int(den)
    if unit == "day":
        d = shift_days(ref, -round(n))
        return (d, d, d, "day") if d else None
    if unit == "week":
        d = shift_days(ref, -round(7 * n))
        return _spread(d, 3, "week")
    d = add_months(ref, -round(n * {"month": 1, "year": 12, "decade": 120}[unit]))
    monthly = unit == "month" or (unit == "year" and n == 1)
    return _spread(d, 15 if unit == "month" or n == 1 else 182, "month" if monthly else "year")


def _spread(d: date | None, days: int, precision: TimePrecision) -> _Span | None:
    lo, hi = (shift_days(d, -days), shift_days(d, days)) if d else (None, None)
    return (d, lo, hi, precision) if d and lo and hi else None
