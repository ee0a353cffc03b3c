"""Choosing one place per mention, using the whole article as context.

Each candidate gets a score from independent pieces of evidence (how well the name matched,
population, feature type, the article's countries and dateline, distance to the places the
article is sure about); the confidence is a logistic of the margin over the runner-up. The
evidence weights, and every other number that moves a confidence, live in :class:`Weights`
so ``benchmarks/tune.py`` can reach them all in one place.
"""
from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from gazetteer.geometry import EARTH_R, haversine_km
from gazetteer.lookup import Candidate, Gazetteer
from gazetteer.normalise import fold
from gazetteer.place import Place
from geo import lexicon
from geo.recognise import demonyms
from geo.records import Article, GeoPrecision, Mention, Rejection, Resolution, Rule

NEAR_CUES = frozenset(c for c in lexicon.SPATIAL_CUES if c.endswith(" of") or c in ("near", "outside", "around"))
#: Words after a name that say it is the airfield: "Qayyarah air base", "the Al Asad base".
AIRFIELD_WORDS = ("air base", "airbase", "airport", "airfield", "air field", "air strip", "airstrip", " base")


@dataclass(frozen=True)
class Weights:
    key_match: float = -1.2  # a transliteration-key match is weaker than a folded-name match
    alias: float = 3.0
    population: float = 0.35  # per decade of population
    country: float = 2.5
    continent: float = 2.0
    region: float = 3.5  # a bare sea or region name ("Red Sea", "Middle East") means it, not a namesake state or hamlet
    capital: float = 2.0
    admin1_vs_city: float = -0.4  # "Aleppo": the city, unless only the region matches
    admin1: float = 1.6
    admin2: float = 1.0  # "Butler County": the county, not a town that lists it as an alternate name
    airfield: float = -0.75  # an airport shares its town's name; prefer the town...
    airfield_cued: float = 3.0  # ...unless the text says "air base"
    context_country: float = 2.0  # share of the article's sure places in the candidate's country
    dateline_country: float = 1.0
    context_admin1: float = 2.0  # in a state/province the article names ("Calif.", "Kentucky")
    near_anchor: float = 1.2  # within 150 km of a sure place
    mid_anchor: float = 0.5  # within 500 km
    support: float = 0.5  # per other name of the article with a candidate within a degree or so
    max_support: int = 6
    alternate_name: float = -1.2  # matched an alternate name, not the place's own
    foreign: float = -1.0  # in a country the article names nowhere else
    min_score: float = 0.6  # below this the best candidate is too weak to claim the mention
    near_km: float = 150.0  # "near" a sure place: within a day's drive, same district or next
    mid_km: float = 500.0  # "mid": same region of a country
    airfield_window: int = 20  # characters after a name searched for "air base", "airport"
    demonym_country: float = 0.5  # "Syrian" counts half a "Syria" towards the article's countries
    sure_admin1_population: int = 1_000_000  # an ADM1 this big is the region, not a namesake
    dateline_population: int = 100_000  # an ambiguous dateline city this big still sets the country
    lone_margin: float = 4.0  # the margin over a runner-up when a name has one candidate only
    confidence_slope: float = 1.5  # logistic slope: score margin -> confidence
    key_match_cap: float = 0.75  # a transliteration-key match is never surer than this
    container_factor: float = 0.5  # an unknown name placed inside its host keeps half the host's confidence
    online_confidence: float = 0.5  # a Nominatim answer: right name, but no context was weighed


WEIGHTS = Weights()


def resolve(article: Article, mentions: Sequence[Mention], gazetteer: Gazetteer,
            weights: Weights = WEIGHTS) -> list[Resolution]:
    """One Resolution per mention, in the same order."""
    options = [_candidates(m, gazetteer) for m in mentions]
    context = _Context.of(mentions, options, weights)
    options = [_in_named_state(m, cands, context, gazetteer) for m, cands in zip(mentions, options)]
    out: list[Resolution | None] = []
    for m, cands in zip(mentions, options):
        cands = _plausible(cands, context)
        if not cands:
            out.append(None if m.rule == Rule.CONTEXT else
                       _rejected(m, Rejection.NO_CANDIDATE_IN_CONTEXT, "only transliteration matches abroad"))
            continue
        base = {c.place.id: _score(m, c, context, article, weights) for c in cands}
        scored = sorted(((base[c.place.id] + _coherence(m, c.place, context, weights), c) for c in cands),
                        key=lambda sc: (-sc[0], sc[1].place.id))
        best_score, best = scored[0]
        if base[best.place.id] < weights.min_score and m.rule != Rule.DATELINE and m.kind == "toponym":
            out.append(_rejected(m, Rejection.WEAK_EVIDENCE, f"{best.place.name} ({base[best.place.id]:.2f})"))
            continue
        runner = scored[1][0] if len(scored) > 1 else best_score - weights.lone_margin
        confidence = _confidence(best_score - runner, best.match, weights)
        precision = _precision(m, best.place)
        out.append(Resolution(m, best.place, confidence, tuple(c.place for _, c in scored[1:6]),
                              geo_precision=precision, note=m.cue))
    known = [r for r in out if r is not None and r.place is not None]
    return [r or _container(m, known, weights) or Resolution(m, None, 0.0, note="not in the gazetteer")
            for m, r in zip(mentions, out)]


def _plausible(cands: list[Candidate], ctx: _Context) -> list[Candidate]:
    """Transliteration-key matches are kept only inside the article's own countries."""
    if cands and cands[0].match == "key":
        return [c for c in cands if c.place.country_code in ctx.countries or c.place.country_code == ctx.dateline_cc]
    return cands


def _candidates(m: Mention, gazetteer: Gazetteer) -> list[Candidate]:
    if m.kind == "demonym":
        place = gazetteer.get(demonyms().get(fold(m.text), ""))
        return [Candidate(place, "alias", m.text)] if place else []
    if m.rule == Rule.ABBREVIATION:
        return _expanded(m.text, gazetteer)
    cands = gazetteer.candidates(m.text)
    if fold(m.text) in lexicon.ORGANISATIONS:  # "Hamas" is only an alternate name of Hamm
        cands = [c for c in cands if c.match == "alias" or (c.match == "fold" and fold(c.matched_name) == fold(c.place.name))]
    strong = [c for c in cands if c.match != "key"]
    return strong or cands or _head_candidates(m.text, gazetteer)


def _expanded(abbreviation: str, gazetteer: Gazetteer) -> list[Candidate]:
    """"U.S." -> the country United States, "Calif." -> the state: the area, never a town of that name."""
    name = lexicon.COUNTRY_ABBREVIATIONS.get(abbreviation) or lexicon.STATE_ABBREVIATIONS[abbreviation]
    areas = [c for c in gazetteer.candidates(name)
             if c.match != "key" and (c.place.is_country or c.place.is_admin or c.place.feature_code == "CONT")]
    return [Candidate(c.place, "alias", abbreviation) for c in areas[:1]]


def _head_candidates(name: str, gazetteer: Gazetteer) -> list[Candidate]:
    """"Karak District": outside the US the index has no second-level areas, so the head
    name's places stand in for the area (its seat or namesake town is usually inside it)."""
    head, _, tail = name.rpartition(" ")
    if not head or tail.lower() not in lexicon.ADMIN_TAILS:
        return []
    return [c for c in gazetteer.candidates(head) if c.match != "key" and c.place.feature_code not in ("AIRP", "AIRB")]


def _in_named_state(m: Mention, cands: list[Candidate], ctx: _Context, gazetteer: Gazetteer) -> list[Candidate]:
    """"Smith District" in a Kentucky article when the index has neither the district nor a
    Smith: the state itself is the nearest guess."""
    words = m.text.split()
    if cands or len(words) < 2 or words[-1].lower() not in lexicon.ADMIN_TAILS or not ctx.admin1s:
        return cands
    cc, code = max(ctx.admin1s, key=lambda a: (ctx.admin1s[a], a))
    state = gazetteer.admin1(cc, code)
    return [Candidate(state, "alias", m.text)] if state else cands


@dataclass(frozen=True)
class _Context:
    countries: dict[str, float]  # country code -> how often the article names it outright
    dateline_cc: str
    anchors: tuple[Place, ...]
    cities_by_name: frozenset[str]  # folded mention texts that match a populated place
    admin1s: Counter[tuple[str, str]]  # (country, admin1) of the states/provinces named outright: how often
    cells: dict[str, frozenset[tuple[int, int]]]  # folded name -> 1-degree cells of its local candidates
    regions: dict[str, frozenset[tuple[str, str]]]  # folded name -> (country, admin1) of those candidates
    # Inverted indexes of the two above and of the anchors, so scoring a candidate costs the
    # same however many names the article has (all-pairs work made a 20 KB list of places take
    # 27 s): the answers are exactly those of the pairwise loops.
    names_in_cell: dict[tuple[int, int], frozenset[str]]
    names_in_region: dict[tuple[str, str], frozenset[str]]
    anchor_bands: _Anchors

    def city_names_matched(self, m: Mention) -> bool:
        return fold(m.text) in self.cities_by_name

    @classmethod
    def of(cls, mentions: Sequence[Mention], options: list[list[Candidate]], w: Weights) -> _Context:
        """Places the article is sure about: countries named outright, unambiguous names and the dateline."""
        countries: defaultdict[str, float] = defaultdict(float)
        anchors: list[Place] = []
        dateline_cc = ""
        cities: set[str] = set()
        admin1s: Counter[tuple[str, str]] = Counter()
        for m, cands in zip(mentions, options):
            if not cands:
                continue
            if cands[0].place.feature_code == "ADM1" and (m.rule == Rule.ABBREVIATION or len(cands) == 1
                                                          or cands[0].place.population > w.sure_admin1_population):
                admin1s[(cands[0].place.country_code, cands[0].place.admin1)] += 1
            if any(c.place.feature_class == "P" and c.match == "fold" for c in cands):
                cities.add(fold(m.text))
            top = cands[0].place
            sure = top.is_country or top.feature_code == "CONT" or len({c.place.country_code for c in cands}) == 1
            if m.kind == "demonym":
                countries[top.country_code] += w.demonym_country
                continue
            if sure:
                countries[top.country_code] += 1
                if not top.is_country and top.feature_code != "CONT":
                    anchors.append(top)
            if m.rule == Rule.DATELINE and not dateline_cc:
                dateline_cc = top.country_code if (sure or top.population > w.dateline_population) else ""
        countries.pop("", None)
        cells: dict[str, frozenset[tuple[int, int]]] = {}
        regions: dict[str, frozenset[tuple[str, str]]] = {}
        for m, cands in zip(mentions, options):
            if m.kind == "toponym":
                local = [c.place for c in cands if not (c.place.is_country or c.place.feature_code in ("CONT", "ADM1"))]
                name = fold(m.text)
                cells[name] = cells.get(name, frozenset()) | frozenset(map(_cell, local))
                regions[name] = regions.get(name, frozenset()) | frozenset((p.country_code, p.admin1) for p in local)
        return cls(dict(countries), dateline_cc, tuple(anchors), frozenset(cities), admin1s, cells, regions,
                   _inverted(cells), _inverted(regions), _Anchors.of(anchors, w))

    def support(self, m: Mention, p: Place) -> int:
        """How many other names of the article could be places next to ``p``, or inside it if
        it is a state or province: spatial coherence without trusting any one resolution
        (Butler County, Hamilton and Middletown back each other in Ohio)."""
        own = fold(m.text)
        if p.feature_code == "ADM1":
            names = self.names_in_region.get((p.country_code, p.admin1), frozenset())
        else:
            lat, lon = _cell(p)
            names = frozenset().union(*(self.names_in_cell.get((lat + i, lon + j), ()) for i in (-1, 0, 1)
                                        for j in (-1, 0, 1)))
        return len(names) - (own in names)


def _cell(p: Place) -> tuple[int, int]:
    return math.floor(p.lat), math.floor(p.lon)


K = TypeVar("K")


def _inverted(by_name: dict[str, frozenset[K]]) -> dict[K, frozenset[str]]:
    """name -> keys, turned into key -> names."""
    out: defaultdict[K, set[str]] = defaultdict(set)
    for name, keys in by_name.items():
        for k in keys:
            out[k].add(name)
    return {k: frozenset(v) for k, v in out.items()}


@dataclass(frozen=True)
class _Grid:
    """Anchors bucketed in cubes of the unit sphere as wide as the chord of ``radius_km``, so
    every anchor within that distance of a point sits in the 27 cubes around it."""

    size: float
    cubes: dict[tuple[int, int, int], tuple[Place, ...]]

    @classmethod
    def of(cls, places: Sequence[Place], radius_km: float) -> _Grid:
        size = 2 * math.sin(min(math.pi / 2, 1.01 * radius_km / (2 * EARTH_R)))  # 1% margin for rounding
        cubes: defaultdict[tuple[int, int, int], dict[str, Place]] = defaultdict(dict)
        for p in places:
            cubes[_cube(p, size)].setdefault(p.id, p)
        return cls(size, {k: tuple(v.values()) for k, v in cubes.items()})

    def any_within(self, p: Place, km: float) -> bool:
        """Is an anchor other than ``p`` itself closer than ``km`` (at most the grid's radius)?"""
        x, y, z = _cube(p, self.size)
        return any(a.id != p.id and haversine_km(p.lat, p.lon, a.lat, a.lon) < km
                   for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)
                   for a in self.cubes.get((x + i, y + j, z + k), ()))


@dataclass(frozen=True)
class _Anchors:
    """How close a candidate is to the places the article is sure about: near (within near_km),
    mid (within mid_km) or neither, decided as the minimum distance would decide it, from two
    grids and remembered per place (a long article scores the same candidates many times)."""

    near: _Grid
    mid: _Grid
    near_km: float
    mid_km: float
    seen: dict[str, int]

    @classmethod
    def of(cls, anchors: Sequence[Place], w: Weights) -> _Anchors:
        return cls(_Grid.of(anchors, w.near_km), _Grid.of(anchors, w.mid_km), w.near_km, w.mid_km, {})

    def band(self, p: Place) -> int:
        """0 near, 1 mid, 2 neither (or no anchor but ``p``)."""
        band = self.seen.get(p.id)
        if band is None:
            band = 0 if self.near.any_within(p, self.near_km) else 1 if self.mid.any_within(p, self.mid_km) else 2
            self.seen[p.id] = band
        return band


def _cube(p: Place, size: float) -> tuple[int, int, int]:
    lat, lon = math.radians(p.lat), math.radians(p.lon)
    return (math.floor(math.cos(lat) * math.cos(lon) / size), math.floor(math.cos(lat) * math.sin(lon) / size),
            math.floor(math.sin(lat) / size))


def _score(m: Mention, c: Candidate, ctx: _Context, article: Article, w: Weights) -> float:
    p = c.place
    s = 0.0
    if c.match == "key":
        s += w.key_match
    elif c.match == "alias":
        s += w.alias
    s += w.population * math.log10(p.population + 1)
    if p.is_country:
        s += w.country
    elif p.feature_code == "CONT":
        s += w.continent
    elif p.is_region:
        s += w.region
    elif p.feature_code == "PPLC":
        s += w.capital
    elif p.feature_code == "ADM1":
        s += w.admin1
    elif p.feature_code == "ADM2":
        s += w.admin2
    if p.feature_code == "ADM1" and c.match == "fold" and ctx.city_names_matched(m):
        s += w.admin1_vs_city
    if c.match != "alias" and fold(c.matched_name) != fold(p.name):
        s += w.alternate_name
    total_countries = sum(ctx.countries.values())
    if total_countries and p.country_code and p.country_code not in ctx.countries and not p.is_country \
            and p.feature_code != "CONT":
        s += w.foreign
    if p.feature_code in ("AIRP", "AIRB"):
        around = article.text[m.start:m.end + w.airfield_window].lower()
        s += w.airfield_cued if any(word in around for word in AIRFIELD_WORDS) else w.airfield
    if total_countries and p.country_code:
        s += w.context_country * ctx.countries.get(p.country_code, 0) / total_countries
    if ctx.dateline_cc and p.country_code == ctx.dateline_cc:
        s += w.dateline_country
    if (p.country_code, p.admin1) in ctx.admin1s and p.feature_code != "ADM1":
        s += w.context_admin1
    if not p.is_country:
        s += (w.near_anchor, w.mid_anchor, 0.0)[ctx.anchor_bands.band(p)]
    return s


def _coherence(m: Mention, p: Place, ctx: _Context, w: Weights) -> float:
    """Ranks a name's candidates by their neighbours in the article; it never makes a weak
    name a place (the min_score test sees the score without it)."""
    if p.is_country or p.feature_code == "CONT":
        return 0.0
    return w.support * min(ctx.support(m, p), w.max_support)


def _rejected(m: Mention, why: Rejection, detail: str) -> Resolution:
    return Resolution(m, None, 0.0, note=f"{why.value}: {detail}", rejected=why)


def _confidence(margin: float, match: str, w: Weights) -> float:
    """Logistic of the score margin, capped lower for transliteration-key matches."""
    conf = 1.0 / (1.0 + math.exp(-w.confidence_slope * margin))
    return round(min(conf, w.key_match_cap) if match == "key" else conf, 3)


def _precision(m: Mention, place: Place) -> GeoPrecision:
    if place.is_country:
        return "country"
    if place.is_region:
        return "region"
    if place.is_admin:
        return "admin"
    return "near" if m.cue in NEAR_CUES else "exact"


def _container(m: Mention, known: Sequence[Resolution], w: Weights) -> Resolution | None:
    """An unknown name inside a known place: "the Wahda neighbourhood of Mosul", "Manbij's Hazawneh quarter"."""
    if m.rule != Rule.CONTEXT:
        return None
    same = [r for r in known if r.mention.sentence_start == m.sentence_start and r.mention.kind == "toponym"]
    after = [r for r in same if r.mention.start > m.end]
    before = [r for r in same if r.mention.end <= m.start]
    if not (after or before):
        return None
    host = min(after, key=lambda r: r.mention.start) if after else max(before, key=lambda r: r.mention.end)
    place = host.place
    assert place is not None  # ``known`` holds only resolved mentions
    precision: GeoPrecision = "country" if place.is_country else "admin" if place.is_admin else "container"
    return Resolution(m, place, round(w.container_factor * host.confidence, 3), geo_precision=precision,
                      note=f"inside {host.mention.text}")
