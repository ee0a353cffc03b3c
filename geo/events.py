"""From resolved mentions to events: one per place mention, dated by its sentence.

Demonyms ("Syrian") and mentions the resolver rejected are never events; a mention whose
name is not in any gazetteer and has no container stays out of the map but is reported.
"""
from __future__ import annotations

from collections.abc import Sequence

from geo.dates import event_date
from geo.records import Article, DateEstimate, Event, Resolution


def events_for(article: Article, resolutions: Sequence[Resolution], published: DateEstimate) -> list[Event]:
    events = []
    for r in resolutions:
        if r.place is None or r.mention.kind != "toponym":
            continue
        sentence = article.text[r.mention.sentence_start:r.mention.sentence_end]
        events.append(Event(
            article_id=article.id, title=article.title, sentence=sentence, resolution=r,
            published=published, date=event_date(sentence, published), url=article.url,
        ))
    return events
