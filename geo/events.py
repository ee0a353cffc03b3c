"""From resolved mentions to events: what happened (ACLED type), where, when, how many died.

A sentence that reports something happening becomes one event at the place where it
happened; the other places it names stay available with role "mention" (a separate map
layer), as do places in sentences that report nothing. Demonyms ("Syrian") and rejected
mentions are never events. Rules are plain keyword patterns over the sentence, chosen to be
read and extended, and checked against real seed sentences in the tests.
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from geo.records import Article, DateEstimate, Event, GeoPrecision, Resolution, Role, Rule


@dataclass(frozen=True)
class EventRule:
    event_type: str
    sub_event_type: str
    pattern: re.Pattern[str]


def _rule(event_type: str, sub_event_type: str, words: str) -> EventRule:
    return EventRule(event_type, sub_event_type, re.compile(rf"\b(?:{words})", re.IGNORECASE))


#: First match wins, so the more specific rules come first (ACLED: an air strike that kills
#: civilians is Explosions/Remote violence, not Violence against civilians).
RULES = (
    _rule("Explosions/Remote violence", "Suicide bomb", r"suicide (?:bomb|attack|car bomb)"),
    _rule("Explosions/Remote violence", "Air/drone strike",
          r"air ?strikes?|airstrikes?|air raids?|drone strikes?|warplanes?|barrel bombs?|bombed|bombing raids?"),
    _rule("Explosions/Remote violence", "Shelling/artillery/missile attack",
          r"shell(?:ing|ed|s)\b|artillery|mortars?\b|rockets?\b|missiles?\b"),
    _rule("Explosions/Remote violence", "Remote explosive/landmine/IED",
          r"car bombs?|roadside bombs?|IEDs?\b|landmines?|planted mines|explosives?|blasts?\b|explosions?\b"),
    _rule("Battles", "Government regains territory", r"recaptur\w*|retak\w*|retook|regain\w*|liberat\w*"),
    _rule("Battles", "Non-state actor overtakes territory", r"overran|overrun|seiz\w* (?:control|the town|the city)"),
    _rule("Battles", "Armed clash",
          r"clash\w*|fighting\b|fought\b|battl\w*|offensive\b|assault\b|ambush\w*|firefight|gun ?battle|"
          r"advance[ds]?\b|captured|besieg\w*|under siege|siege\b|resistance from"),
    _rule("Violence against civilians", "Abduction/forced disappearance", r"abduct\w*|kidnap\w*|hostages?"),
    _rule("Violence against civilians", "Attack",
          r"execut\w*|massacre\w*|behead\w*|tortur\w*|snipers?|shot dead|stabb\w*|rammed|"
          r"attack(?:s|ed)? on civilians|killed civilians"),
    _rule("Riots", "Violent demonstration", r"riot\w*|mob\b"),
    _rule("Protests", "Peaceful protest", r"protest\w*|demonstrat(?:ion|ors|ed)\w*|rall(?:y|ies)\b|march(?:ed|ers)\b"),
    _rule("Strategic developments", "Agreement", r"ceasefire|cease-fire|truce|agreement|deal\b|accord\b|regime of calm"),
    _rule("Strategic developments", "Arrests", r"arrest\w*|detain\w*|in custody"),
    _rule("Strategic developments", "Headquarters or base established",
          r"(?:sending|send|sent|deploy\w*) (?:\w+ ){0,3}(?:troops|forces|soldiers)|set up (?:a )?base"),
    _rule("Strategic developments", "Other", r"displaced|fled\b|flee\w*|evacuat\w*|security (?:measures|was tightened)|"
                                              r"tightened security|concrete barriers"),
)

_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
_COUNT = r"(\d[\d,]*|" + "|".join(_NUMBER_WORDS) + r")"
_VICTIMS = r"(?:\w+ ){0,3}?(?:people|civilians|persons|fighters|militants|soldiers|troops|members|police(?:men)?|" \
           r"children|women|men|others|insurgents|rebels|worshippers|officers|guards|policemen|killed|dead)"
_FATALITIES = (
    re.compile(rf"\b(?:at least |more than |about |around |nearly |some |up to )?{_COUNT} {_VICTIMS}"
               rf"(?: \w+){{0,3}}? (?:were |have been |had been |was |are )?(?:killed|dead|died|slain)", re.IGNORECASE),
    re.compile(rf"\b(?:killing|killed|kills) (?:at least |more than |about |some )?{_COUNT}\b", re.IGNORECASE),
    re.compile(rf"\b(?:death toll|toll) (?:\w+ ){{0,3}}?(?:to|at|of) {_COUNT}\b", re.IGNORECASE),
)
_ACTORS = re.compile(
    r"\b(Islamic State|IS|ISIS|ISIL|al Qaeda|al-Qaeda|Nusra Front|Taliban|Hashid Shaabi|Peshmerga|Hezbollah|"
    r"Syria Democratic Forces|Syrian Democratic Forces|SDF|Syrian Arab Coalition|SAC|"
    r"U\.S\.-led coalition|U\.S\. coalition|coalition|Syrian (?:army|military|government forces)|"
    r"Iraqi (?:forces|troops|army|military)|Russian (?:jets|warplanes|military|forces)|"
    r"Turkish (?:forces|troops|military)|[A-Z][a-z]+ (?:militias?|rebels|insurgents|police))\b")
#: Cues that make a place the location of what happened, rather than its origin or destination.
_LOCATIVE_CUES = ("in", "at", "near", "outside", "inside", "around", "north of", "south of", "east of", "west of",
                  "northeast of", "northwest of", "southeast of", "southwest of", "the town of", "the city of",
                  "the village of", "the outskirts of", "outskirts of", "across", "into")
#: How specific a point is: an event goes to the most specific place its sentence names.
_FEATURE_RANK: dict[GeoPrecision, int] = {"exact": 3, "near": 3, "container": 2, "admin": 1, "region": 1, "country": 0}
#: "north of the besieged Islamic State-held city of Manbij": a direction a few words before.
_DIRECTION = re.compile(r"\b((?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|near|outside|"
                        r"on the outskirts of)\b(?: [\w’'.-]+){0,6} $", re.IGNORECASE)


def classify(sentence: str) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of a sentence that reports something happening, else None."""
    for rule in RULES:
        if rule.pattern.search(sentence):
            return rule.event_type, rule.sub_event_type
    return None


def fatalities(sentence: str) -> int | None:
    """The number killed, when the sentence states one ("at least 56 civilians were killed" -> 56)."""
    for pattern in _FATALITIES:
        m = pattern.search(sentence)
        if m:
            raw = m.group(1).lower().replace(",", "")
            return int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    return None


def actors(sentence: str) -> tuple[str, ...]:
    seen: list[str] = []
    for m in _ACTORS.finditer(sentence):
        if m.group(1) not in seen:
            seen.append(m.group(1))
    return tuple(seen)


def event_location(resolutions: Sequence[Resolution]) -> Resolution | None:
    """Where it happened, among the places of one sentence: a place the sentence puts the
    action in ("strikes north of Manbij", "said in Paris"), the most specific first; a dateline
    only when nothing else is named."""
    places = [r for r in resolutions if r.place is not None and r.mention.kind == "toponym"]
    if not places:
        return None
    body = [r for r in places if r.mention.rule != Rule.DATELINE] or places
    return max(body, key=lambda r: (r.mention.cue in _LOCATIVE_CUES, _FEATURE_RANK.get(r.geo_precision, 0),
                                    -r.mention.start))


def located(r: Resolution, sentence: str, sentence_start: int) -> Resolution:
    """Note "north of ..." even when words stand between the cue and the name."""
    if r.geo_precision != "exact":
        return r
    m = _DIRECTION.search(sentence[:r.mention.start - sentence_start])
    return replace(r, geo_precision="near", note=m.group(1).lower()) if m else r


def events_for(article: Article, resolutions: Sequence[Resolution], published: DateEstimate,
               dates: Mapping[int, DateEstimate]) -> list[Event]:
    """Events and mentions of one article, in text order; ``dates`` holds each sentence's
    date by its start offset (:func:`geo.dates.date_sentences`)."""
    by_sentence: dict[int, list[Resolution]] = {}
    for r in resolutions:
        if r.place is not None and r.mention.kind == "toponym":
            by_sentence.setdefault(r.mention.sentence_start, []).append(r)
    out = []
    for group in by_sentence.values():
        m0 = group[0].mention
        sentence = article.text[m0.sentence_start:m0.sentence_end]
        kind = classify(sentence)
        where = event_location(group) if kind else None
        when = dates[m0.sentence_start]
        for r in group:
            is_event = r is where
            if is_event:
                r = located(r, sentence, m0.sentence_start)
            role: Role = "event" if is_event else "mention"
            # an event location is only sought in a classified sentence, so ``kind`` is set for it
            event_type, sub_event_type = kind if is_event and kind is not None else ("", "")
            out.append(Event(
                article_id=article.id, title=article.title, sentence=sentence, resolution=r,
                published=published, date=when, url=article.url, role=role,
                event_type=event_type, sub_event_type=sub_event_type,
                fatalities=fatalities(sentence) if is_event else None,
                actors=actors(sentence) if is_event else (),
            ))
    return sorted(out, key=lambda e: e.resolution.mention.start)
