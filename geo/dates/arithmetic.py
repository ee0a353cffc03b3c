"""Calendar arithmetic for news dates: which Tuesday, which February, how wide a month is.

Every function here clamps or returns None at the edges of the calendar; none raises on a
date a text can name ("3000 years ago" is not a date, not a crash).
"""
from __future__ import annotations

import calendar
from datetime import date, timedelta

from geo.records import TIME_PRECISIONS, TimePrecision


def valid_date(year: int, month: int | None, day: int | None) -> bool:
    if month is None or day is None or not 1 <= month <= 12 or not date.min.year <= year <= date.max.year:
        return False
    return 1 <= day <= calendar.monthrange(year, month)[1]


def weekday_near(ref: date, weekday: int, future: bool) -> date:
    """The weekday on or before ``ref`` (on or after it, for a forward-looking clause).

    News uses a bare weekday for the past six days or today; further back it gives a date.
    At the calendar's ends it is held at the end.
    """
    if future:
        return clamp_days(ref, (weekday - ref.weekday()) % 7)
    return clamp_days(ref, -((ref.weekday() - weekday) % 7))


def month_day_near(month: int, day: int, ref: date, future: bool, margin: int = 0) -> date | None:
    """A year-less date: the latest one not after ``ref`` (earliest not before, if forward).

    AP style drops the year for dates in the current year, so "Feb. 19" in a July story is
    this February and "Dec. 19" in a January story is last December. ``margin`` widens the
    window when ``ref`` is itself only approximate.
    """
    candidates = [date(y, month, day) for y in (ref.year - 1, ref.year, ref.year + 1) if valid_date(y, month, day)]
    if future:
        after = [c for c in candidates if c >= clamp_days(ref, -margin)]
        return min(after) if after else None
    before = [c for c in candidates if c <= clamp_days(ref, margin)]
    return max(before) if before else None


def month_start_near(month: int, ref: date, future: bool) -> date:
    """The first day of the named month: the latest one begun by ``ref`` (or the next one)."""
    this = date(ref.year, month, 1)
    if future:
        return this if (this.year, this.month) >= (ref.year, ref.month) else date(ref.year + 1, month, 1)
    return this if this <= ref else date(ref.year - 1, month, 1)


def month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


def add_months(d: date, months: int) -> date | None:
    """The same day ``months`` later (earlier, if negative); None past the calendar's ends."""
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    if not date.min.year <= y <= date.max.year:
        return None
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift_days(d: date, days: float) -> date | None:
    """``d`` moved by ``days``; None past the calendar's ends."""
    try:
        return d + timedelta(days=days)
    except OverflowError:
        return None


def clamp_days(d: date, days: int) -> date:
    """``d`` moved by ``days``, held at the calendar's ends (for bounds, where the edge will do)."""
    return shift_days(d, days) or (date.max if days > 0 else date.min)


def coarser(a: TimePrecision, b: TimePrecision) -> TimePrecision:
    return max(a, b, key=TIME_PRECISIONS.index)


def precision_for_width(days: int) -> TimePrecision:
    return "day" if days == 0 else "week" if days <= 7 else "month" if days <= 31 else "year"
