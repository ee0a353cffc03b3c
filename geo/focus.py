"""An article's focus: the country it is mainly about and its most specific main place.

After CLIFF's focus step: the country that gathers most of the article's place evidence is
its focus, and inside that country the place named most (or named in the dateline or title)
is the main place, the most specific one when two are named equally often. A place named once
in passing is not a focus: then the country itself is. "Articles about Syria" can then be
picked out even when Syria is named once and Aleppo ten times.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from gazetteer.place import Place
from geo.records import Article, Focus, Resolution, Rule

#: How much a mention counts towards the focus beside an ordinary one in the body.
DATELINE_WEIGHT = 2.0  # the wire's own "ALEPPO, Syria (Reuters) -"
TITLE_WEIGHT = 2.0  # the headline names what the story is about
DEMONYM_WEIGHT = 0.5  # "Syrian troops" speaks of Syria, but less than "in Syria"
#: A place becomes the main place when named this often (or in the dateline or title).
MIN_PLACE_MENTIONS = 2
#: More specific first: a city beats the province that holds it when both are named alike.
_SPECIFICITY = {"P": 0, "S": 0, "L": 1, "A": 2}


def focus(article: Article, resolutions: Sequence[Resolution]) -> Focus | None:
    """The article's focus, or None when no mention was placed."""
    placed = [(r, r.place, _weight(article, r)) for r in resolutions
              if r.place is not None and r.rejected is None and r.place.country_code]
    if not placed:
        return None
    by_country: defaultdict[str, float] = defaultdict(float)
    for _, p, w in placed:
        by_country[p.country_code] += w
    order = {p.country_code: k for k, (_, p, _) in reversed(list(enumerate(placed)))}
    cc = max(by_country, key=lambda c: (by_country[c], -order[c]))
    confidence = round(by_country[cc] / sum(by_country.values()), 3)
    return Focus(cc, _main_place(article, [(r, p, w) for r, p, w in placed if p.country_code == cc]), confidence)


def _weight(article: Article, r: Resolution) -> float:
    m = r.mention
    w = r.confidence * (DEMONYM_WEIGHT if m.kind == "demonym" else 1.0)
    title = article.section("title")
    if m.rule == Rule.DATELINE:
        w *= DATELINE_WEIGHT
    elif title and title.start <= m.start < title.end:
        w *= TITLE_WEIGHT
    return w


def _main_place(article: Article, placed: list[tuple[Resolution, Place, float]]) -> Place | None:
    """The most specific well-supported place of the focus country, else the country itself."""
    score: defaultdict[str, float] = defaultdict(float)
    count: defaultdict[str, int] = defaultdict(int)
    prominent: set[str] = set()
    places: dict[str, Place] = {}
    country: Place | None = None
    title = article.section("title")
    for r, p, w in placed:
        if p.is_country:
            country = country or p
            continue
        places[p.id] = p
        score[p.id] += w
        count[p.id] += 1
        if r.mention.rule == Rule.DATELINE or (title and title.start <= r.mention.start < title.end):
            prominent.add(p.id)
    supported = [pid for pid in places if count[pid] >= MIN_PLACE_MENTIONS or pid in prominent]
    if not supported:
        return country
    best = max(supported, key=lambda pid: (count[pid] + (pid in prominent), -_SPECIFICITY.get(places[pid].feature_class, 3),
                                           score[pid]))
    return places[best]
