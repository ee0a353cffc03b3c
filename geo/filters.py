"""The app's view over export rows: filtering, per-day counts, the URL's map view, corrections.

Everything here is pure and works on :data:`geo.export.COLUMNS` rows held in a pandas frame of
Python objects, so the rows a user filters are the very dicts the CLI would export and the
downloads stay byte-identical to ``dateline parse``'s export of the same events. Streamlit stays in ``app.py``.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

from gazetteer.place import Place
from geo.export import COLUMNS, event_row
from geo.records import Article, Event, GeoPrecision, Problem

if TYPE_CHECKING:
    from geo.pipeline import Batch


@dataclass(frozen=True)
class Corpus:
    """What the app shows: one geoparsed batch, flattened once (cached by the app)."""

    rows: tuple[dict, ...] = ()
    events: dict[str, Event] = field(default_factory=dict)  # by event_id, to re-export corrections
    articles: dict[str, Article] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()

    @classmethod
    def from_batch(cls, batch: Batch) -> Corpus:
        """``batch`` is a :class:`geo.pipeline.Batch` (not imported: filtering needs no gazetteer)."""
        events = batch.events
        rows = tuple(event_row(e) for e in events)
        return cls(rows, {r["event_id"]: e for r, e in zip(rows, events)},
                   {r.article.id: r.article for r in batch.results}, tuple(batch.problems))


@dataclass(frozen=True)
class Filters:
    """What the user asked to see; empty selections mean "all"."""

    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place_id values
    event_types: tuple[str, ...] = ()
    text: str = ""
    min_confidence: float = 0.0
    start: date | None = None  # inclusive bounds on event_date; undated rows are not affected
    end: date | None = None
    undated: bool = True  # keep undated events in the view (they are always listed apart too)
    #: recaps of long-past events and plans/threats are exported but off the default map
    background_and_planned: bool = False


@dataclass(frozen=True)
class MapView:
    """Where the map looks: shared through the URL as ``lat``, ``lon`` and ``zoom``."""

    lat: float
    lon: float
    zoom: int


NO_TYPE = "(no type)"  # label for rows without an event type, so they can be selected too


def frame(rows: Sequence[dict]) -> pd.DataFrame:
    """Rows as a frame of plain Python objects.

    ``dtype=object`` stops pandas turning ``geonameid`` 99072 into 99072.0 or None into NaN,
    either of which would make a download differ from the CLI's export of the same events.
    """
    return pd.DataFrame(list(rows), columns=list(COLUMNS), dtype=object)


def apply(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    keep = pd.Series(True, index=df.index)
    if f.countries:
        keep &= df["country_code"].isin(f.countries)
    if f.places:
        keep &= df["place_id"].isin(f.places)
    if f.event_types:
        keep &= event_types(df).isin(f.event_types)
    if f.min_confidence > 0:
        keep &= df["confidence"].astype(float) >= f.min_confidence
    if f.text.strip():
        needle = f.text.strip().casefold()
        haystack = df["title"].fillna("") + "\n" + df["sentence"].fillna("")
        keep &= haystack.str.casefold().str.contains(needle, regex=False)
    dated = df["event_date"].notna()
    if f.start is not None:
        keep &= ~dated | (df["event_date"] >= f.start.isoformat())
    if f.end is not None:
        keep &= ~dated | (df["event_date"] <= f.end.isoformat())
    if not f.undated:
        keep &= dated
    if not f.background_and_planned:
        keep &= ~(df["background"].fillna(False).astype(bool) | df["planned"].fillna(False).astype(bool))
    return df[keep]


def event_types(df: pd.DataFrame) -> pd.Series:
    return df["event_type"].fillna(NO_TYPE)


def undated(df: pd.DataFrame) -> pd.DataFrame:
    return df[df["event_date"].isna()]


def mappable(df: pd.DataFrame) -> pd.DataFrame:
    """Rows with a point: a mention resolved to no place has no coordinates to draw."""
    return df[df["lat"].notna() & df["lon"].notna()]


def date_bounds(df: pd.DataFrame) -> tuple[date, date] | None:
    """The slider's range. A single day is widened by one because a slider needs min < max."""
    dates = df["event_date"].dropna()
    if dates.empty:
        return None
    lo, hi = date.fromisoformat(dates.min()), date.fromisoformat(dates.max())
    return (lo, hi + timedelta(days=1)) if lo == hi else (lo, hi)


def per_day(df: pd.DataFrame) -> pd.DataFrame:
    """Events per day over the whole span, zero days included, so gaps show in the chart."""
    dates = pd.to_datetime(df["event_date"].dropna())
    if dates.empty:
        return pd.DataFrame({"events": pd.Series(dtype=int)}, index=pd.DatetimeIndex([], name="date"))
    counts = dates.value_counts().sort_index()
    days = pd.date_range(counts.index.min(), counts.index.max(), freq="D", name="date")
    return counts.reindex(days, fill_value=0).rename("events").to_frame()


def options(df: pd.DataFrame, column: str) -> list[str]:
    return sorted(v for v in df[column].dropna().unique())


def place_labels(df: pd.DataFrame) -> dict[str, str]:
    """place_id -> "Mosul (IQ)", for a place filter that is read by name but keyed by id."""
    places = df.dropna(subset=["place_id"]).drop_duplicates("place_id")
    return {pid: f"{name} ({cc})" if cc else name
            for pid, name, cc in zip(places["place_id"], places["place"], places["country_code"])}


def at_point(df: pd.DataFrame, lat: float, lon: float) -> pd.DataFrame:
    """The events drawn at a clicked marker (coordinates are rounded to 6 decimals on export)."""
    pts = mappable(df)
    near = ((pts["lat"].astype(float) - lat).abs() < 1e-6) & ((pts["lon"].astype(float) - lon).abs() < 1e-6)
    return pts[near]


def parse_view(params: Mapping[str, str]) -> MapView | None:
    """The map view from query parameters; anything missing or out of range means "fit data"."""
    try:
        lat, lon, zoom = float(params["lat"]), float(params["lon"]), int(float(params["zoom"]))
    except (KeyError, TypeError, ValueError):
        return None
    if not (math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and 0 <= zoom <= 19):
        return None
    return MapView(lat, (lon + 180) % 360 - 180, zoom)


def correct(event: Event, place: Place) -> Event:
    """The event as if the resolver had picked ``place``: a person chose it, so confidence is 1.

    The kind of place decides country/admin precision; a "near" or "container" reading of the
    sentence still holds for the new place, anything else becomes exact.
    """
    r = event.resolution
    precision: GeoPrecision
    if place.is_country:
        precision = "country"
    elif place.is_admin:
        precision = "admin"
    else:
        precision = r.geo_precision if r.geo_precision in ("near", "container") else "exact"
    others = tuple(p for p in (r.place, *r.alternatives) if p is not None and p.id != place.id)
    return replace(event, resolution=replace(r, place=place, confidence=1.0, geo_precision=precision,
                                             alternatives=others))


def corrected_rows(rows: Sequence[dict], events: Mapping[str, Event],
                   corrections: Mapping[str, Place]) -> list[dict]:
    """``rows`` with the user's corrections (event_id -> place) re-exported from their events."""
    fixed = {eid: event_row(correct(events[eid], place)) for eid, place in corrections.items() if eid in events}
    return [fixed.get(r["event_id"], r) for r in rows]
