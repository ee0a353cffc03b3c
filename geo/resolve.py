"""Choosing one place per mention, using the whole article as context.

Each candidate gets a score from independent pieces of evidence (how well the name matched,
population, feature type, the article's countries and dateline, distance to the places the
article is sure about); the confidence is a calibrated logistic of the margin over the
runner-up and a few facts about the answer (:class:`Evidence`), fitted by
``benchmarks/calibrate.py`` so that it reads as P(within 161 km). The evidence weights, the
calibration and every other number that moves a confidence live in :class:`Weights` so
``benchmarks/tune.py`` can reach them all in one place.
"""
from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from gazetteer.geometry import EARTH_R, haversine_km
from gazetteer.lookup import Candidate, Gazetteer
from gazetteer.normalise import fold, key
from gazetteer.place import Place
from geo import lexicon
from geo.recognise import demonyms
from geo.records import Article, GeoPrecision, Mention, Rejection, Resolution, Rule

#: Cues that put the event beside the place, not in it: "north of", "the outskirts of", "near";
#: not "the city of", which names the place itself.
NEAR_CUES = frozenset(c for c in lexicon.SPATIAL_CUES
                      if c.split()[0] in lexicon.DIRECTIONS or "outskirts" in c or c in ("near", "outside", "around"))
#: Words after a name that say it is the airfield: "Qayyarah air base", "the Al Asad base".
#: A bracketed gloss after a name: "Santa Maria (formerly Imelda)", "Aurora (pronounced ...)".
_GLOSS = re.compile(r" \([^()]{1,80}\)")
AIRFIELD_WORDS = ("air base", "airbase", "airport", "airfield", "air field", "air strip", "airstrip", " base")


@dataclass(frozen=True)
class Weights:
    key_match: float = -1.2  # a transliteration-key match is weaker than a folded-name match
    alias: float = 3.0
    population: float = 0.35  # per decade of population
    country: float = 2.5
    continent: float = 2.0
    region: float = 3.5  # a bare sea or region name ("Red Sea", "Middle East") means it, not a namesake state or hamlet
    region_context: float = 1.0  # ...and the one beside the article's countries, of two seas of one name
    region_km: float = 1500.0  # a sea this close to a country's point is beside it
    capital: float = 2.0
    named_capital: float = 1.5  # "in France ... Paris": the capital of a country the article names, not Paris, Ky.
    admin1_vs_city: float = -0.4  # "Aleppo": the city, unless only the region matches
    admin1: float = 1.6
    apposition: float = 3.0  # "Paris, Texas": the town inside the area named next to it, and that area
    county_km: float = 80.0  # a place "in X County" lies this close to the county's point (counties are small)
    admin2: float = 1.0  # "Butler County": the county, not a town that lists it as an alternate name
    airfield: float = -0.75  # an airport shares its town's name; prefer the town...
    airfield_cued: float = 3.0  # ...unless the text says "air base"
    context_country: float = 2.0  # share of the article's sure places in the candidate's country
    dateline_country: float = 1.0
    context_admin1: float = 2.0  # in a state/province the article names ("Calif.", "Kentucky")
    renamed_admin1: float = 2.0  # a state the article also names in another form ("Wash.", "Calif.")
    dwarfed: int = 100  # ...unless the name's biggest town is this many times bigger (and no clause says)
    near_anchor: float = 1.2  # within 150 km of a sure place
    mid_anchor: float = 0.5  # within 500 km
    support: float = 0.5  # per other name of the article with a candidate within a degree or so
    max_support: int = 6
    support_candidates: int = 3  # a name backs a place only through its first few candidates
    alternate_name: float = -1.2  # matched an alternate name, not the place's own
    foreign: float = -1.0  # in a country the article names nowhere else
    min_score: float = 0.6  # below this the best candidate is too weak to claim the mention
    near_km: float = 150.0  # "near" a sure place: within a day's drive, same district or next
    mid_km: float = 500.0  # "mid": same region of a country
    airfield_window: int = 20  # characters after a name searched for "air base", "airport"
    demonym_country: float = 0.5  # "Syrian" counts half a "Syria" towards the article's countries
    weak_anchor_population: int = 10_000  # an unambiguous place smaller than this needs another sign of its country
    sure_admin1_population: int = 1_000_000  # an ADM1 this big is the region, not a namesake
    dateline_population: int = 100_000  # an ambiguous dateline city this big still sets the country
    lone_margin: float = 4.0  # the margin over a runner-up when a name has one candidate only
    online_confidence: float = 0.5  # a Nominatim answer: right name, but no context was weighed
    # Calibration: logit P(within 161 km) = cal_intercept + sum of cal_<fact> * fact (see Evidence).
    # Fitted by benchmarks/calibrate.py on the four dev sets, each corpus weighted alike; tune.py skips them.
    cal_intercept: float = -0.748
    cal_margin: float = -0.2
    cal_lone: float = -0.189
    cal_country: float = -0.479
    cal_admin: float = -0.641
    cal_key: float = 0.033
    cal_unknown: float = -1.004
    cal_demonym: float = -0.794
    cal_population: float = 1.417
    cal_candidates: float = -1.134
    cal_score: float = 1.978
    cal_in_country: float = 0.013
    cal_support: float = 1.359
    cal_margin_within_1: float = 0.399
    cal_margin_within_2_5: float = 0.817


WEIGHTS = Weights()
#: Evidence facts, in the order of their ``cal_`` weights.
CALIBRATION_FACTS = ("margin", "lone", "country", "admin", "key", "unknown", "demonym", "population", "candidates",
                     "score", "in_country", "support", "margin_within_1", "margin_within_2_5")
MAX_MARGIN = 8.0  # a margin beyond this adds no certainty: the logistic is flat there anyway


@dataclass(frozen=True)
class Evidence:
    """What the confidence of one answer is computed from: the score margin over the runner-up
    (clipped at MAX_MARGIN) and facts the margin alone misjudges, e.g. a lone candidate is often
    a namesake the gazetteer happens to hold once."""

    margin: float
    lone: float  # 1: the name had one candidate
    country: float  # 1: a country or continent
    admin: float  # 1: a first- or second-level area
    key: float  # 1: matched by transliteration key only
    unknown: float  # 1: a name the gazetteer lacks, placed inside its host ("the Wahda neighbourhood")
    demonym: float  # 1: "Syrian" -> Syria
    population: float  # log10(population + 1) / 7: big places are more often the one meant
    candidates: float  # log10 of the number of candidates
    score: float  # the answer's own score / 10, clipped to [-1, 2]: how much evidence there is at all
    in_country: float  # share of the article's outright countries that are the answer's
    support: float  # other names of the article near (or inside) the answer, / max_support

    @property
    def margin_within_1(self) -> float:
        """With the next one, bends the margin's line: the first point of margin means far more
        than the sixth (a straight logistic was over-sure at small margins, unsure at large)."""
        return min(self.margin, 1.0)

    @property
    def margin_within_2_5(self) -> float:
        return min(self.margin, 2.5)

    def facts(self) -> tuple[float, ...]:
        return tuple(getattr(self, name) for name in CALIBRATION_FACTS)


def calibrated(evidence: Evidence, w: Weights = WEIGHTS) -> float:
    """P(within 161 km) of an answer, from its evidence and the committed calibration."""
    z = w.cal_intercept + sum(getattr(w, f"cal_{name}") * x for name, x in zip(CALIBRATION_FACTS, evidence.facts()))
    return round(1.0 / (1.0 + math.exp(-z)), 3)


def resolve(article: Article, mentions: Sequence[Mention], gazetteer: Gazetteer,
            weights: Weights = WEIGHTS) -> list[Resolution]:
    """One Resolution per mention, in the same order."""
    return [r for r, _ in resolve_with_evidence(article, mentions, gazetteer, weights)]


def resolve_with_evidence(article: Article, mentions: Sequence[Mention], gazetteer: Gazetteer,
                          weights: Weights = WEIGHTS) -> list[tuple[Resolution, Evidence | None]]:
    """Each mention's Resolution beside the evidence its confidence came from (None when
    nothing was placed): what ``benchmarks/calibrate.py`` fits the calibration on."""
    options = [_candidates(m, gazetteer) for m in mentions]
    context = _Context.of(mentions, options, weights)
    options = [_in_named_state(m, cands, context, gazetteer) for m, cands in zip(mentions, options)]
    beside = _apposition(mentions, options, article.text, weights)
    out: list[tuple[Resolution, Evidence | None] | None] = []
    quarters: dict[int, Resolution] = {}  # a town's part the gazetteer lacks: its town if the sentence names one
    for k, (m, cands) in enumerate(zip(mentions, options)):
        cands = _plausible(cands, context)
        if not cands:
            out.append(None if m.rule == Rule.CONTEXT else
                       (_rejected(m, Rejection.NO_CANDIDATE_IN_CONTEXT, "only transliteration matches abroad"), None))
            continue
        quarter = _quarter_word(m, article.text)
        if quarter:
            inside = _part_of_town(cands, context)
            if not inside:
                quarters[k] = _rejected(m, Rejection.PART_OF_TOWN, f"a {quarter}, not {cands[0].place.name}")
                out.append(None)
                continue
            cands = inside
        cands = _dateline_city(m, _country_or_alternate(_city_or_province(m, cands, article.text)), weights)
        extra = beside.bonus.get(k) or beside.bonus.get(fold(m.text), {})
        name = _Name(fold(m.text) not in beside.clauses,
                     max((c.place.population for c in cands if c.place.feature_class == "P"), default=0))
        base = {c.place.id: _score(m, c, context, article, weights, name) + extra.get(c.place.id, 0.0) for c in cands}
        scored = sorted(((base[c.place.id] + _coherence(m, c.place, context, weights), c) for c in cands),
                        key=lambda sc: (-sc[0], sc[1].place.id))
        best_score, best = scored[0]
        if base[best.place.id] < weights.min_score and m.rule != Rule.DATELINE and m.kind == "toponym":
            out.append((_rejected(m, Rejection.WEAK_EVIDENCE, f"{best.place.name} ({base[best.place.id]:.2f})"), None))
            continue
        runner = scored[1][0] if len(scored) > 1 else best_score - weights.lone_margin
        evidence = _evidence(m, best, (best_score, runner), len(scored), context, weights)
        precision = _precision(m, best.place)
        out.append((Resolution(m, best.place, calibrated(evidence, weights), tuple(c.place for _, c in scored[1:6]),
                               geo_precision=precision, note=m.cue), evidence))
    out = [_defined_in(m, r, beside.hosts_of(k, m), out, weights) or r for k, (m, r) in enumerate(zip(mentions, out))]
    known = [pair for pair in out if pair is not None and pair[0].place is not None]
    return [r or _container(m, known, weights, k in quarters)
            or (quarters.get(k) or Resolution(m, None, 0.0, note="not in the gazetteer"), None)
            for k, (m, r) in enumerate(zip(mentions, out))]


def _evidence(m: Mention, best: Candidate, scores: tuple[float, float], n_candidates: int, ctx: _Context,
              w: Weights) -> Evidence:
    p = best.place
    total = sum(ctx.countries.values())
    return Evidence(margin=min(max(scores[0] - scores[1], 0.0), MAX_MARGIN), lone=float(n_candidates == 1),
                    country=float(p.is_country or p.feature_code == "CONT"),
                    admin=float(p.feature_code in ("ADM1", "ADM2")), key=float(best.match == "key"),
                    unknown=0.0, demonym=float(m.kind == "demonym"),
                    population=math.log10(p.population + 1) / 7, candidates=math.log10(n_candidates),
                    score=min(max(scores[0] / 10, -1.0), 2.0),
                    in_country=ctx.countries.get(p.country_code, 0.0) / total if total else 0.0,
                    support=min(ctx.support(m, p), w.max_support) / w.max_support)


def _city_or_province(m: Mention, cands: list[Candidate], text: str) -> list[Candidate]:
    """A name that is both a city and the province named after it ("Homs", "Hama", "Basra": the
    city's own name, in transliteration, is the mention) means the city, unless the text goes
    on "province", "governorate", "region", or names the province's government ("Quebec Health
    Minister", "Ontario Premier"); then the province. Not "Oklahoma": the state's
    city is "Oklahoma City"."""
    provinces = {(c.place.country_code, c.place.admin1) for c in cands if c.place.feature_code == "ADM1"}
    own = key(m.text)
    seats = {(c.place.country_code, c.place.admin1) for c in cands
             if c.place.feature_class == "P" and key(c.place.name) == own} & provinces
    if not seats:
        return cands
    after = text[m.end:m.end + 24].lower().split()
    province_meant = bool(after) and (after[0] in lexicon.ADMIN_TAILS
                                      or not lexicon.GOVERNMENT_WORDS.isdisjoint(after[:2]))
    return [c for c in cands if (c.place.country_code, c.place.admin1) not in seats
            or (c.place.feature_code == "ADM1") == province_meant]


#: Beside a name, a word that makes it a part of a town: "the Palestine district" (of Mosul), "the district of Sada";
#: lower case, as "the U.S. District Court" is a court of the country.
_NEXT_WORD = re.compile(r" ([a-z]+)\b")
#: "The northern district of Sada" names the district; "the business district of Eureka", its town.
_QUARTER_OF = re.compile(r"\b(?:(?:north|south)?(?:east|west)ern|northern|southern|central) "
                         rf"({'|'.join(sorted(lexicon.QUARTER_WORDS))}) of (?:the )?$")


def _quarter_word(m: Mention, text: str) -> str:
    after = _NEXT_WORD.match(text, m.end)
    if after and after.group(1) in lexicon.QUARTER_WORDS:
        return after.group(1)
    before = _QUARTER_OF.search(text, max(0, m.start - 40), m.start)
    return before.group(1) if before else ""


def _part_of_town(cands: list[Candidate], ctx: _Context) -> list[Candidate]:
    """"The Palestine district" (of Mosul): a town's quarter named after a country or province
    is neither, nor a namesake town far (``Weights.mid_km``) from the other places the article
    is sure of (Palestine, Texas), when it is sure of some; nor the one place of its name in a
    country the article names nowhere else ("Giza's Haram district" is not Haram in Norway)."""
    left = [c for c in cands if not (c.place.is_country or c.place.feature_code == "ADM1")]
    sure = {a.id for a in ctx.anchors}  # an unambiguous name is sure of itself, in a country named besides it
    return [c for c in left if ctx.anchor_bands.band(c.place) <= 1 or sure == {c.place.id}
            or (c.place.id in sure and ctx.countries.get(c.place.country_code, 0) > 1)]


def _country_or_alternate(cands: list[Candidate]) -> list[Candidate]:
    """"Mexico" is the country, not Mexico City, which GeoNames also calls "Mexico": when the
    name is a country's own, the places of that country that have it only as an alternate
    name are not what it means (Kuwait City, Panama City, Guatemala City alike)."""
    own = {c.place.country_code for c in cands if c.place.is_country and _own_name(c)}
    if not own:
        return cands
    return [c for c in cands if c.place.is_country or c.place.country_code not in own or _own_name(c)]


def _dateline_city(m: Mention, cands: list[Candidate], w: Weights) -> list[Candidate]:
    """A dateline names the city the story was filed from ("NEW YORK (AP) -", "VICTORIA -"), not
    the state or province of that name, when a city of the name is big enough to file from."""
    if m.rule != Rule.DATELINE or not any(c.place.feature_class == "P" and c.place.population >= w.dateline_population
                                          for c in cands):
        return cands
    return [c for c in cands if not c.place.is_admin]


def _own_name(c: Candidate) -> bool:
    return c.match != "key" and key(c.matched_name) == key(c.place.name)


@dataclass(frozen=True)
class _Appositions:
    """What the names beside each other say: ``bonus`` lifts the readings that fit together
    ("Paris, Texas"), ``hosts`` names the areas a name is defined in when none of its readings
    lies there ("Aurora is a town in Taylor County, Wisconsin", and the index has no Aurora in
    Wisconsin): the area is the answer, not an Aurora elsewhere. Both are keyed by mention
    index, and by folded name when the clause is at the name's first mention."""

    bonus: dict[int | str, dict[str, float]]
    hosts: dict[int | str, _Hosts]
    clauses: frozenset[str]  # the folded names an area follows anywhere in the article, lifted or not

    def hosts_of(self, k: int, m: Mention) -> _Hosts | None:
        """A repeat takes its first mention's hosts unless it has a clause of its own."""
        if k in self.hosts or k in self.bonus:
            return self.hosts.get(k)
        return self.hosts.get(fold(m.text)) if m.kind == "toponym" else None


@dataclass(frozen=True)
class _Hosts:
    """The mentions naming the area a name is in, most specific first. After a defining clause
    ("is a town in") a county holds it; after a bare comma only a state or country does, as
    "Hinton, Plymouth County, Dallas County" is as often a list."""

    mentions: tuple[int, ...]
    defining: bool


def _apposition(mentions: Sequence[Mention], options: list[list[Candidate]], text: str,
                w: Weights) -> _Appositions:
    """"Arlington, Va.", "Paris, Texas", "Athens, Georgia", "Paris in Texas", and the defining
    clause "Lancaster is a town in Coos County, New Hampshire" or "Qayara, a town in Iraq": a
    name followed by the area holding it restricts both, the town to that area and the area to
    one holding such a town; when no reading of the name lies in any reading of the area, the
    name is in that area all the same (a village the index lacks). One sense per article: the
    defining clause comes once, "Lancaster" twenty times, so it holds for the repeats that have
    no clause of their own; a later "named after Lancaster, England" is about another place.
    Not inside a list of areas ("Georgia, Texas, Ohio"): a state name is not a town there."""
    out: dict[int | str, dict[str, float]] = defaultdict(dict)
    hosts: dict[int | str, _Hosts] = {}
    clauses: set[str] = set()
    first: dict[str, int] = {}
    for k, m in enumerate(mentions):
        first.setdefault(fold(m.text), k)
    for k in range(len(mentions) - 1):
        a = mentions[k]
        if a.kind != "toponym":
            continue
        holders, defining = _holders(mentions, k, text)
        if holders:
            clauses.add(fold(a.text))
        area_name = any(_is_area(c.place) and c.match != "key" for c in options[k])
        if area_name and not defining:
            continue
        held = False
        for j in holders:
            if area_name:  # "Sada is a village in Nineveh": not Yemen's Sa'dah province, but no town to lift either
                held = held or any(x.place.country_code == y.place.country_code for x in options[k] for y in options[j])
                continue
            pairs = [(x.place, y.place) for x in options[k] for y in options[j] if _holds(y.place, x.place, w)]
            held = held or bool(pairs)
            for i, (x, y) in itertools.product((k, j), pairs):
                out[i][(x if i == k else y).id] = w.apposition
                if first[fold(mentions[i].text)] == i:
                    out[fold(mentions[i].text)] = out[i]
        if holders and not held and _hostable(options[k], text[a.end:mentions[holders[0]].start], defining):
            hosts[k] = _Hosts(tuple(holders), defining)
            if first[fold(a.text)] == k:
                hosts[fold(a.text)] = hosts[k]
    return _Appositions(dict(out), hosts, frozenset(clauses))


def _hostable(options: list[Candidate], between: str, defining: bool) -> bool:
    """May the area after a name (its readings ``options``) stand for it? After a clause that
    calls it a settlement ("is a town in"), yes; after a bare comma ("Holliday, Mo."), only when
    no reading is an area itself (lists of counties); never after "in" ("Trump in New York")."""
    if any(c.place.feature_code == "CONT" or c.place.is_region for c in options):
        return False  # "the Far East, the Middle East, Italy" is a list of areas
    if defining:
        return lexicon.calls_it_a_settlement(between)
    return between == ", " and not any(c.place.is_admin for c in options)


def _holders(mentions: Sequence[Mention], k: int, text: str) -> tuple[list[int], bool]:
    """The mentions that name the area holding mention ``k``: the next one after ", " or " in ",
    the one after the next in "X and Y, State", or after a defining clause ("is a town in", ", a
    village in the"), and the state after that one when it is a county ("in Coos County, New
    Hampshire"); and whether a defining clause says so. A gloss in brackets after the name is
    skipped with the names inside it: "Santa Maria (formerly Imelda) is a municipality in"."""
    a = mentions[k]
    gloss = _GLOSS.match(text, a.end)
    end = gloss.end() if gloss else a.end
    j = next((i for i in range(k + 1, len(mentions)) if mentions[i].start >= end and mentions[i].kind == "toponym"),
             None)  # not "the Honduran department of Lempira": the department holds it
    if j is None or a.sentence_start != mentions[j].sentence_start:
        return [], False
    b = mentions[j]
    between = text[end:b.start]
    if between in (", ", " in ") and j == k + 1:
        return [j], False
    if between == " and " and j == k + 1 and j + 1 < len(mentions) \
            and mentions[j + 1].sentence_start == b.sentence_start and text[b.end:mentions[j + 1].start] == ", ":
        return [j + 1], False  # "Nashville and Cordova, Tennessee": the state holds both
    if not lexicon.DEFINING.fullmatch(between):
        return [], False
    nxt = j + 1
    if nxt < len(mentions) and mentions[nxt].sentence_start == b.sentence_start \
            and text[b.end:mentions[nxt].start] == ", ":
        return [j, nxt], True
    return [j], True


def _holds(area: Place, x: Place, w: Weights) -> bool:
    """Can ``area`` (a country, state, or county) hold the non-area place ``x``?"""
    if _is_area(x) or x.country_code != area.country_code:
        return False
    if area.is_country:
        return True
    if area.feature_code == "ADM1":
        return x.admin1 == area.admin1
    return area.feature_code == "ADM2" and x.feature_code != "ADM2" and x.admin1 == area.admin1 \
        and haversine_km(area.lat, area.lon, x.lat, x.lon) < w.county_km


def _is_area(p: Place) -> bool:
    return p.is_country or p.feature_code == "ADM1"


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
    if fold(m.text) in lexicon.SEATS_OF_POWER:  # "at the White House": Washington, not Whitehouse, Ohio
        capital = lexicon.SEATS_OF_POWER[fold(m.text)]
        return [Candidate(c.place, "alias", m.text) for c in gazetteer.candidates(capital)
                if c.place.feature_code == "PPLC"][:1]
    cands = gazetteer.candidates(m.text)
    if fold(m.text) in lexicon.ORGANISATIONS:  # "Hamas" is only an alternate name of Hamm
        cands = [c for c in cands if c.match == "alias" or (c.match == "fold" and fold(c.matched_name) == fold(c.place.name))]
    strong = [c for c in cands if c.match != "key"]
    found = strong or cands
    if not found or m.text.rpartition(" ")[2].lower() in lexicon.DISTRICT_TAILS:
        ids = {c.place.id for c in found}
        found = found + [c for c in _head_candidates(m.text, gazetteer) if c.place.id not in ids]
    return found


def _expanded(abbreviation: str, gazetteer: Gazetteer) -> list[Candidate]:
    """"U.S." -> the country United States, "Calif." -> the state: the area, never a town of that name."""
    name = lexicon.COUNTRY_ABBREVIATIONS.get(abbreviation) or lexicon.STATE_ABBREVIATIONS[abbreviation]
    areas = [c for c in gazetteer.candidates(name)
             if c.match != "key" and (c.place.is_country or c.place.is_admin or c.place.feature_code == "CONT")]
    return [Candidate(c.place, "alias", abbreviation) for c in areas[:1]]


def _head_candidates(name: str, gazetteer: Gazetteer) -> list[Candidate]:
    """"Karak District": where the index lacks the area (or holds only a namesake abroad), the
    head name's places stand in for it (its seat or namesake town is usually inside it)."""
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
    admin1_by: dict[tuple[str, str], frozenset[str]]  # (country, admin1) named outright -> the folded names naming it
    country_places: dict[str, Place]  # the countries named outright or by a demonym, by code (not by a state)

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
        admin1_by: defaultdict[tuple[str, str], frozenset[str]] = defaultdict(frozenset)
        country_places: dict[str, Place] = {}
        weak: list[Place] = []
        for m, cands in zip(mentions, options):
            if not cands:
                continue
            if cands[0].place.is_country:
                country_places[cands[0].place.country_code] = cands[0].place
            sure_state = cands[0].place.feature_code == "ADM1" and (
                m.rule == Rule.ABBREVIATION or len(cands) == 1 or cands[0].place.population > w.sure_admin1_population)
            if sure_state:
                admin1s[(cands[0].place.country_code, cands[0].place.admin1)] += 1
                admin1_by[(cands[0].place.country_code, cands[0].place.admin1)] |= {fold(m.text)}
            if any(c.place.feature_class == "P" and c.match == "fold" for c in cands):
                cities.add(fold(m.text))
            top = cands[0].place
            sure = top.is_country or top.feature_code == "CONT" or len({c.place.country_code for c in cands}) == 1
            if m.kind == "demonym":
                countries[top.country_code] += w.demonym_country
                continue
            if sure and not (top.is_country or top.is_admin or top.feature_code == "CONT") \
                    and top.population < w.weak_anchor_population:
                weak.append(top)  # a village is sure of itself only in a country the article names anyway
            elif sure or sure_state:  # "Texas" names the US too, though a Mexican village is also called Texas
                countries[top.country_code] += 1
                if sure and not top.is_country and top.feature_code != "CONT":
                    anchors.append(top)
            if m.rule == Rule.DATELINE and not dateline_cc:
                dateline_cc = top.country_code if (sure or top.population > w.dateline_population) else ""
        named = set(countries) - {""}
        weak_votes = Counter(p.country_code for p in weak)
        for p in weak:  # "Yorkshire" of a Premier League report: only US villages, and the US is named nowhere
            if p.country_code in named or (not named and weak_votes[p.country_code] > 1):
                countries[p.country_code] += 1
                anchors.append(p)
        countries.pop("", None)
        cells: dict[str, frozenset[tuple[int, int]]] = {}
        regions: dict[str, frozenset[tuple[str, str]]] = {}
        for m, cands in zip(mentions, options):
            if m.kind == "toponym":
                # only a name's likeliest few: every common name has some hamlet near any US town
                local = [c.place for c in cands
                         if not (c.place.is_country or c.place.feature_code in ("CONT", "ADM1"))][:w.support_candidates]
                name = fold(m.text)
                cells[name] = cells.get(name, frozenset()) | frozenset(map(_cell, local))
                regions[name] = regions.get(name, frozenset()) | frozenset((p.country_code, p.admin1) for p in local)
        return cls(dict(countries), dateline_cc, tuple(anchors), frozenset(cities), admin1s, cells, regions,
                   _inverted(cells), _inverted(regions), _Anchors.of(anchors, w), dict(admin1_by), country_places)

    def near_countries(self, p: Place, km: float) -> float:
        """The share of the article's country mentions whose country's point lies within ``km`` of ``p``."""
        total = sum(self.countries.values())
        near = sum(n for cc, n in self.countries.items() if cc in self.country_places
                   and haversine_km(p.lat, p.lon, self.country_places[cc].lat, self.country_places[cc].lon) < km)
        return near / total if total else 0.0

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
        """Is an anchor other than ``p`` itself or a namesake closer than ``km`` (at most the
        grid's radius)? A namesake is a rival reading of the anchor's own name (the district
        "Mosul" at its city's point), not a second place vouching for it."""
        x, y, z = _cube(p, self.size)
        return any(a.id != p.id and fold(a.name) != fold(p.name) and haversine_km(p.lat, p.lon, a.lat, a.lon) < km
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


@dataclass(frozen=True)
class _Name:
    """What a name's readings share. ``bare``: no clause anywhere in the article says which place
    of the name it means ("Paris, Kentucky"); then the capital of a country the article names
    is the likeliest, and a state named elsewhere does not lift a town ``Weights.dwarfed`` times
    smaller than the name's biggest ("the Texas Rangers" beside the Buffalo Bisons: Buffalo, N.Y.)."""

    bare: bool = True
    biggest: int = 0  # population of the name's most populous town


def _score(m: Mention, c: Candidate, ctx: _Context, article: Article, w: Weights, name: _Name = _Name()) -> float:
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
    elif p.is_region:  # "the Gulf" of an article about the Emirates is the Persian Gulf, not Mexico's
        s += w.region + w.region_context * ctx.near_countries(p, w.region_km)
    elif p.feature_code == "PPLC":
        s += w.capital + (w.named_capital if name.bare and p.country_code in ctx.country_places else 0.0)
    elif p.feature_code == "ADM1":
        s += w.admin1
    elif p.feature_code == "ADM2":
        s += w.admin2
    if p.feature_code == "ADM1" and c.match == "fold" and ctx.city_names_matched(m):
        s += w.admin1_vs_city
    if c.match == "key" or (c.match == "fold" and key(c.matched_name) != key(p.name) and not p.is_region):
        s += w.alternate_name  # not for "Hama", a transliteration of Ḩamāh's own name, nor "the Atlantic", whose
        # short names are Dateline's own list (region_definitions.tsv), not a GeoNames alternate of a hamlet
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
    if p.feature_code == "ADM1" and ctx.admin1_by.get((p.country_code, p.admin1), frozenset()) - {fold(m.text)}:
        s += w.renamed_admin1  # "CAMP MURRAY, Wash." makes the article's "Washington" the state
    if (p.country_code, p.admin1) in ctx.admin1s and p.feature_code != "ADM1" \
            and ctx.admin1_by[(p.country_code, p.admin1)] - {fold(m.text)} \
            and (p.population * w.dwarfed >= name.biggest or not name.bare):  # not "Oklahoma" -> Oklahoma City
        s += w.context_admin1 * max(ctx.admin1s[(p.country_code, p.admin1)] / sum(ctx.admin1s.values()), 0.5)
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


def _precision(m: Mention, place: Place) -> GeoPrecision:
    if place.is_country:
        return "country"
    if place.is_region:
        return "region"
    if place.is_admin:
        return "admin"
    if fold(m.text) in lexicon.SEATS_OF_POWER:
        return "container"  # the White House is in Washington; the point is the city's
    return "near" if m.cue in NEAR_CUES else "exact"


def _container(m: Mention, known: Sequence[tuple[Resolution, Evidence | None]],
               w: Weights, quarter: bool = False) -> tuple[Resolution, Evidence] | None:
    """An unknown name inside a known place: "the Wahda neighbourhood of Mosul", "Manbij's Hazawneh quarter",
    "the northern district of Sada" (not Sa'dah in Yemen) told beside Mosul."""
    if m.rule != Rule.CONTEXT and not quarter:
        return None
    same = [pair for pair in known if pair[0].mention.sentence_start == m.sentence_start
            and pair[0].mention.kind == "toponym" and pair[1] is not None]
    after = [pair for pair in same if pair[0].mention.start > m.end]
    before = [pair for pair in same if pair[0].mention.end <= m.start]
    if not (after or before):
        return None
    host = (min(after, key=lambda pair: pair[0].mention.start) if after
            else max(before, key=lambda pair: pair[0].mention.end))
    return _inside(m, host, w)


def _defined_in(m: Mention, own: tuple[Resolution, Evidence | None] | None, hosts: _Hosts | None,
                out: Sequence[tuple[Resolution, Evidence | None] | None],
                w: Weights) -> tuple[Resolution, Evidence] | None:
    """"Aurora is a town in Taylor County, Wisconsin" when no Aurora of the index is there: the
    first of the named areas that was placed as an area holds it. A name too weak to be a place
    alone is one when a defining clause calls it a town; after a bare comma it must be one."""
    if hosts is None or own is None or (own[0].place is None and not (
            hosts.defining and own[0].rejected == Rejection.WEAK_EVIDENCE)):
        return None
    for pair in (out[j] for j in hosts.mentions):
        place = pair[0].place if pair is not None and pair[1] is not None else None
        if pair is not None and place is not None and (place.is_country or place.feature_code == "ADM1"
                                                       or (hosts.defining and place.is_admin)):
            return _inside(m, pair, w)
    return None


def _inside(m: Mention, host: tuple[Resolution, Evidence | None], w: Weights) -> tuple[Resolution, Evidence]:
    """``m`` placed at its host's place, as a container: as sure as the host, less what an unknown name costs."""
    resolution, host_evidence = host
    place = resolution.place
    assert place is not None and host_evidence is not None  # hosts are resolved mentions
    evidence = dataclasses.replace(host_evidence, unknown=1.0, demonym=0.0)
    precision: GeoPrecision = "country" if place.is_country else "admin" if place.is_admin else "container"
    return (Resolution(m, place, calibrated(evidence, w), geo_precision=precision,
                       note=f"inside {resolution.mention.text}"), evidence)
