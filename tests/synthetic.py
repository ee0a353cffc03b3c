"""Synthetic events built from the real records, for map/filter tests and the map benchmark.

They go through :func:`geo.export.event_row` like pipeline output does, so the rows have the
real schema without needing the gazetteer or the pipeline.
"""
from __future__ import annotations

import random
from datetime import date, timedelta

from gazetteer.place import Place
from geo.records import DateEstimate, Event, Mention, Resolution

PLACES = (
    Place("geonames:99072", "Mosul", 36.335, 43.11889, "IQ", "P", "PPLA", 1739800, "15", 99072),
    Place("geonames:98182", "Baghdad", 33.34058, 44.40088, "IQ", "P", "PPLC", 7216000, "07", 98182),
    Place("geonames:166365", "Manbij", 36.5281, 37.9549, "SY", "P", "PPL", 99497, "09", 166365),
    Place("geonames:170654", "Damascus", 33.5102, 36.29128, "SY", "P", "PPLC", 1569394, "13", 170654),
    Place("geonames:323786", "Ankara", 39.91987, 32.85427, "TR", "P", "PPLC", 3517182, "68", 323786),
    Place("geonames:99532", "Mosul Dam", 36.6297, 42.8231, "IQ", "S", "DAM", 0, "15", 99532),
)
MOSUL, BAGHDAD, MANBIJ = PLACES[0], PLACES[1], PLACES[2]
TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "")


def event(title: str = "Strikes hit Mosul", place: Place | None = MOSUL, day: date | None = date(2016, 7, 19),
          *, mention: str | None = None, sentence: str | None = None, url: str | None = "https://example.org/a",
          inferred: bool = False, confidence: float = 0.9, event_type: str = "Battles",
          article_id: str = "a-000", start: int = 0, alternatives: tuple[Place, ...] = (),
          geo_precision: str = "exact") -> Event:
    mention = mention if mention is not None else (place.name if place else "Atlantis")
    sentence = sentence if sentence is not None else f"Air strikes hit {mention} on Tuesday, residents said."
    at = sentence.index(mention) if mention in sentence else 0
    m = Mention(start + at, start + at + len(mention), mention, start, start + len(sentence))
    when = (DateEstimate(day, day, day, inferred=inferred, evidence="test", precision="day")
            if day else DateEstimate.undated())
    return Event(article_id=article_id, title=title, sentence=sentence,
                 resolution=Resolution(m, place, confidence, alternatives, geo_precision),
                 published=when, date=when, url=url, event_type=event_type)


def make_events(n: int, seed: int = 7) -> list[Event]:
    """``n`` events over 120 days and a few places, jittered so they do not all stack."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        base = PLACES[i % len(PLACES)]
        place = Place(f"synthetic:{i}", f"{base.name} {i}", base.lat + rng.uniform(-2, 2),
                      base.lon + rng.uniform(-2, 2), base.country_code, "P", "PPL")
        day = date(2016, 6, 1) + timedelta(days=rng.randrange(120)) if i % 10 else None
        out.append(event(f"Report {i} on fighting near {base.name}", place, day,
                         sentence=f"Fighting was reported in {place.name} overnight, a monitoring group said "
                                  "citing residents and local officials who asked not to be named.",
                         article_id=f"synthetic-{i // 3:06d}", start=100 * (i % 3),
                         confidence=round(rng.uniform(0.3, 1.0), 3), event_type=TYPES[i % len(TYPES)],
                         url=f"https://example.org/news/{i // 3}"))
    return out
