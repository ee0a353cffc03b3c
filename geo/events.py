"""From resolved mentions to events: what happened (ACLED type), where, when, how many died.

A sentence reports an event when a trigger (a verb in any form, "shelled", "was recaptured",
or a nominalisation, "the recapture of", "a car bomb attack on") says something happened, and
nothing negates it ("denied", "failed to"). Each trigger takes the places after it in its
clause (the object of "in/at/near X", the captured town), or, when none follows, the places
before it ("Makhmour ... when it was shelled"); a sentence with two happenings at two places
gives two events. A sentence that names no place but says "the city" or "the Iraqi capital"
is placed by coreference with the article. The same happening told in the title, the caption
and the body is one event with its supporting sentences. Plans and threats ("will meet",
"vowed to retake") are events flagged ``planned``; recaps of things long past are flagged
``background``; both stay in the exports and off the default map.

The other places stay available with role "mention" (a separate map layer). Demonyms
("Syrian") and rejected mentions are never events. Rules are plain patterns, chosen to be
read and extended, and checked against real seed sentences in the tests; each event names
the phrase and the rule that fired (``trigger``).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta

from gazetteer.place import Place
from geo.dates import event_date, find_date_expressions
from geo.records import Article, DateEstimate, Event, GeoPrecision, Mention, Resolution, Role, Rule
from geo.text import sentences


@dataclass(frozen=True)
class EventRule:
    event_type: str
    sub_event_type: str
    pattern: re.Pattern[str]


def _rule(event_type: str, sub_event_type: str, words: str) -> EventRule:
    return EventRule(event_type, sub_event_type, re.compile(rf"\b(?:{words})", re.IGNORECASE))


#: Earlier rules win a phrase two rules match, so the more specific come first (ACLED: an air
#: strike that kills civilians is Explosions/Remote violence, not Violence against civilians).
#: Verbs are listed in their inflected forms and their nominalisations.
RULES = (
    _rule("Explosions/Remote violence", "Suicide bomb", r"suicide (?:bomb|attack|car bomb)\w*"),
    _rule("Explosions/Remote violence", "Air/drone strike",
          r"air ?strikes?|airstrikes?|air raids?|air attacks?|drone strikes?|warplanes?|barrel bombs?|"
          r"bombing raids?|raids?\b(?=.{0,80}?\b(?:aircraft|warplanes|jets|planes)\b)"),
    _rule("Explosions/Remote violence", "Shelling/artillery/missile attack",
          r"shell(?:ing|ed|s)\b|bombard\w*|artillery|mortars?\b|rockets?\b|missiles?\b"),
    _rule("Explosions/Remote violence", "Remote explosive/landmine/IED",
          r"car bombs?|roadside bombs?|bomb attacks?|bombings?\b|bombed\b|IEDs?\b|landmines?|planted mines|"
          r"explosives?\b|blasts?\b|explosions?\b|exploded\b"),
    _rule("Violence against civilians", "Attack",
          r"execut\w*|massacre\w*|behead\w*|tortur\w*|snipers?|shot dead|stabb\w*|rammed|beaten\b|"
          r"attacks? on (?:civilians|tourists|worshippers|a (?:museum|beach|church|mosque|market))|killed civilians"),
    _rule("Battles", "Government regains territory",
          r"recaptur\w*|retak\w*|retook|regain\w*|liberat\w*|recover(?:ed|y) (?:of )?the|lost parts? of"),
    _rule("Battles", "Non-state actor overtakes territory",
          r"overran|overrun|seiz\w*|took (?:full )?control|taken (?:almost )?(?:complete )?control|captur\w*|"
          r"taken by|toppled"),
    _rule("Battles", "Armed clash",
          r"clash\w*|fighting\b|fought\b|battles?\b|battled|battling|offensive\b|assault\b|ambush\w*|firefight|"
          r"gun ?battle|advance[ds]?\b|advancing|(?<!the )besieg\w*|under siege|siege\b|resistance from|counter-?attack\w*|"
          r"attack(?:ed|ing)? (?:the )?(?:town|city|village|positions?|district|area)|operations against|"
          r"military campaign"),
    _rule("Violence against civilians", "Abduction/forced disappearance", r"abduct\w*|kidnap\w*|hostages?"),
    _rule("Riots", "Violent demonstration", r"riot\w*|mob\b"),
    _rule("Protests", "Peaceful protest", r"protest\w*|demonstrat(?:ion|ors|ed)\w*|rall(?:y|ies)\b|march(?:ed|ers)\b"),
    _rule("Strategic developments", "Agreement",
          r"ceasefire|cease-fire|truce|agreement|deal\b|accord\b|regime of calm|cessation of hostilities|"
          r"talks\b|meet(?:s|ing)? (?:in|at)\b|met (?:in|at)\b"),
    _rule("Strategic developments", "Arrests", r"arrest\w*|detain\w*|in custody|handed over to"),
    _rule("Strategic developments", "Headquarters or base established",
          r"(?:sending|send|sent|deploy\w*) (?:\w+ ){0,3}(?:troops|forces|soldiers)|set up (?:a )?base"),
    _rule("Strategic developments", "Other", r"displaced|fled\b|flee\w*|evacuat\w*|security (?:measures|was tightened)|"
                                              r"tightened security|concrete barriers|visit to|"
                                              r"improv\w* (?:the )?[\w’']+ (?:perimeter|defen[cs]es)|fortif\w*"),
)


@dataclass(frozen=True)
class Trigger:
    """A phrase of the sentence that says something happened, and the rule that read it so."""

    start: int  # offsets into the sentence
    end: int
    phrase: str
    rule: EventRule
    planned: bool = False

    @property
    def label(self) -> str:
        return f"{self.phrase} [rule {self.rule.sub_event_type}{', planned' if self.planned else ''}]"


#: Words a few words before a trigger that deny it happened.
_NEGATION = re.compile(r"\b(?:not|no|never|n['’]t|denied|denies|deny|failed to|without|rather than|instead of|"
                       r"does not expect|refused to|nor)\b", re.IGNORECASE)
#: ... or that make it a plan, threat, pledge or hypothesis rather than a happening.
_MODAL = re.compile(r"\b(?:will|would|could|might|may|shall|plans?|planned|planning|pledged|pledges|vow(?:ed|s|ing)|"
                    r"threaten(?:ed|s|ing)?|(?:aims?|intends?|expected|preparing|prepares?|going|wants?|ready|seeks?|sought|"
                    r"hopes?|efforts?|attempts?) to|calls? for|called for|in case of|to be|would-be)\b|['’]ll\b|\bto$",
                    re.IGNORECASE)
#: A clause boundary: modality and negation do not reach across it, nor does a trigger's object.
_CLAUSE = re.compile(r"[;:—–]|,\s+(?:but|while|although|though|and|which|who|where)\b|\b(?:said|says|told)\b")
#: How far back (in words) negation governs a trigger.
_SCOPE_WORDS = 8


#: "cooperation with Russia in fighting Islamic State", "nothing to do with fighting Islamic
#: State": a gerund that takes an object after a preposition names an activity, not a happening
#: ("killed in fighting near Manbij" is one).
_ACTIVITY_BEFORE = re.compile(r"\b(?:in|with|for|of|on|about)\s+$", re.IGNORECASE)
_ACTIVITY_OBJECT = re.compile(r"\s+(?:the\s+)?(?:[A-Z]|militants\b|insurgents\b|jihadists\b|terroris)")


def _activity(sentence: str, start: int, end: int) -> bool:
    return (sentence[start:end].lower().endswith("ing") and bool(_ACTIVITY_BEFORE.search(sentence[:start]))
            and bool(_ACTIVITY_OBJECT.match(sentence, end)))


def triggers(sentence: str) -> list[Trigger]:
    """Every trigger of a sentence, left to right, without overlaps. Negated ones are left
    out, and so are plans in a sentence that names no time ("pledged to retake Mosul"): a wish
    is not a happening until it is scheduled ("will visit Moscow on Thursday")."""
    found: list[tuple[int, int, int, EventRule]] = []
    for rank, rule in enumerate(RULES):
        for m in rule.pattern.finditer(sentence):
            found.append((m.start(), -m.end(), rank, rule))
    found.sort(key=lambda f: (f[0], f[2]))
    out: list[Trigger] = []
    taken = -1
    for start, neg_end, _, rule in found:
        if start < taken:
            continue
        taken = -neg_end
        clause = _clause(sentence, start)
        if _NEGATION.search(" ".join(clause.split()[-_SCOPE_WORDS:])) or _activity(sentence, start, -neg_end):
            continue
        out.append(Trigger(start, -neg_end, sentence[start:-neg_end], rule, planned=bool(_MODAL.search(clause))))
    if any(t.planned for t in out) and not _dated(sentence):
        out = [t for t in out if not t.planned]
    return [] if _summary(sentence) else out


#: A toll over a period ("have died from air strikes since the start of the offensive",
#: "between Sept. 10, 2015 and Feb. 2, 2016, strikes killed 20"): a statistic, not one happening.
_CUMULATIVE = re.compile(r"\b(?:have|has) (?:been )?(?:died|killed)\b.*\bsince\b|\bsince\b.*\b(?:have|has) (?:been )?"
                         r"(?:died|killed)\b", re.IGNORECASE)


def _summary(sentence: str) -> bool:
    if _CUMULATIVE.search(sentence):
        return True
    found = find_date_expressions(sentence)
    return any(sentence[:a.start].rstrip().lower().endswith("between") and sentence[a.end:b.start].strip() == "and"
               for a, b in zip(found, found[1:]))


def _dated(sentence: str) -> bool:
    return any(m.lead not in ("since", "until", "till", "by") for m in find_date_expressions(sentence))


def _clause(sentence: str, start: int) -> str:
    """The clause before ``start``: a modal anywhere in it governs the trigger ("will be
    presented ... during a visit to Moscow"); negation only reaches a few words back."""
    before = sentence[:start]
    cuts = list(_CLAUSE.finditer(before))
    return (before[cuts[-1].end():] if cuts else before).strip()


def classify(sentence: str) -> tuple[str, str] | None:
    """(event_type, sub_event_type) of a sentence that reports something happening, else None:
    the most specific rule among its triggers."""
    found = triggers(sentence)
    if not found:
        return None
    best = min(found, key=lambda t: RULES.index(t.rule)).rule
    return best.event_type, best.sub_event_type


_NUMBER_WORDS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty".split())}
#: Vague amounts read as ACLED codes them: the stated lower bound ("dozens" -> 12).
_VAGUE = {"a dozen": 12, "dozens": 12, "dozens of": 12, "a hundred": 100, "hundreds": 100, "hundreds of": 100,
          "scores": 20, "scores of": 20, "a thousand": 1000, "thousands": 1000, "thousands of": 1000}
_COUNT = r"(\d[\d,]*|" + "|".join(sorted(_VAGUE, key=len, reverse=True)) + "|" + "|".join(_NUMBER_WORDS) + r")"
_VICTIMS = r"(?:\w+ ){0,3}?(?:people|civilians|persons|fighters|militants|soldiers|troops|members|police(?:men)?|" \
           r"children|women|men|others|insurgents|rebels|worshippers|officers|guards|policemen|killed|dead)"
_FATALITIES = (
    re.compile(rf"\b(?:at least |more than |over |about |around |nearly |almost |some |up to )?{_COUNT} {_VICTIMS}"
               rf"(?: \w+){{0,3}}? (?:were |have been |had been |was |are )?(?:killed|dead|died|slain)", re.IGNORECASE),
    re.compile(rf"\b(?:killing|killed|kills|kill) (?:at least |more than |over |about |some )?{_COUNT}\b",
               re.IGNORECASE),
    re.compile(rf"\b(?:death toll|toll) (?:\w+ ){{0,3}}?(?:to|at|of) {_COUNT}\b", re.IGNORECASE),
)


def fatalities_phrase(sentence: str) -> tuple[int, str] | None:
    """The number killed and the words it was read from, when the sentence states one
    ("at least 56 civilians were killed" -> 56; "dozens of people were killed" -> 12)."""
    for pattern in _FATALITIES:
        m = pattern.search(sentence)
        if m:
            raw = m.group(1).lower().replace(",", "")
            n = int(raw) if raw.isdigit() else _VAGUE.get(raw, _NUMBER_WORDS.get(raw))
            if n is not None:
                return n, m.group(0)
    return None


def fatalities(sentence: str) -> int | None:
    """The number killed, when the sentence states one ("at least 56 civilians were killed" -> 56)."""
    found = fatalities_phrase(sentence)
    return found[0] if found else None


_ACTORS = re.compile(
    r"\b(Islamic State|IS|ISIS|ISIL|Daesh|al Qaeda|al-Qaeda|Nusra Front|Taliban|Hashid Shaabi|Peshmerga|Hezbollah|"
    r"Syria Democratic Forces|Syrian Democratic Forces|SDF|Syrian Arab Coalition|SAC|"
    r"U\.S\.-led coalition|U\.S\. coalition|coalition|Syrian (?:army|military|government forces)|"
    r"Iraqi (?:forces|troops|army|military)|Russian (?:jets|warplanes|military|forces|air force)|"
    r"Turkish (?:forces|troops|military)|[A-Z][a-z]+ (?:militias?|rebels|insurgents|police))\b")
#: One name per actor, so an article's "IS", "ISIS" and "Islamic State" are one actor.
_ACTOR_NAMES = {
    "IS": "Islamic State", "ISIS": "Islamic State", "ISIL": "Islamic State", "Daesh": "Islamic State",
    "al-Qaeda": "al Qaeda", "SDF": "Syrian Democratic Forces", "Syria Democratic Forces": "Syrian Democratic Forces",
    "SAC": "Syrian Arab Coalition", "U.S. coalition": "U.S.-led coalition", "coalition": "U.S.-led coalition",
    "Syrian military": "Syrian army", "Syrian government forces": "Syrian army",
    "Iraqi troops": "Iraqi forces", "Iraqi army": "Iraqi forces", "Iraqi military": "Iraqi forces",
    "Russian jets": "Russian military", "Russian warplanes": "Russian military", "Russian forces": "Russian military",
    "Russian air force": "Russian military", "Turkish troops": "Turkish forces", "Turkish military": "Turkish forces",
}


def actors(sentence: str) -> tuple[str, ...]:
    """The named actors of a sentence, each under its one normalised name."""
    seen: list[str] = []
    for m in _ACTORS.finditer(sentence):
        name = _ACTOR_NAMES.get(m.group(1), m.group(1))
        if name not in seen:
            seen.append(name)
    return tuple(seen)


#: How specific a point is: an event goes to the most specific places its trigger names.
_FEATURE_RANK: dict[GeoPrecision, int] = {"exact": 3, "near": 3, "container": 2, "coreference": 2, "admin": 1,
                                          "region": 1, "country": 0}
#: "north of the besieged Islamic State-held city of Manbij": a direction a few words before.
_DIRECTION = re.compile(r"\b((?:north|south|east|west|northeast|northwest|southeast|southwest)(?:ern)? of|near|outside|"
                        r"on the outskirts of)\b(?: [\w’'.-]+){0,6} $", re.IGNORECASE)
#: An older happening than this, before publication, is background to the news, not news.
BACKGROUND_AFTER = timedelta(days=28)


def _places(resolutions: Sequence[Resolution], sentence: str, sentence_start: int) -> list[Resolution]:
    """The sentence's resolved toponyms that can locate a happening; the dateline only when
    the sentence names nothing else; a name used for an actor ("U.S.-led", "U.S. officials",
    "Tripoli's Special Deterrence Force") never."""
    places = [r for r in resolutions if r.place is not None and r.mention.kind == "toponym"
              and not _ATTRIBUTIVE.match(sentence, r.mention.end - sentence_start)
              and not (r.place.is_country and _COUNTRY_AS_ACTOR.match(sentence, r.mention.end - sentence_start))]
    return [r for r in places if r.mention.rule != Rule.DATELINE] or places


#: After a place name: it modifies an actor rather than locating anything.
_ATTRIBUTIVE = re.compile(r"-(?:led|backed|based|allied|trained|supported)\b|['’]s [A-Z]\w+ (?:[A-Z]\w+ )*(?:Force|Forces|"
                          r"Army|Ministry|Council|Front|Brigade|Brigades|Police|Guard|Agency)\b|"
                          r"['’]s (?:request|behalf|government|army|military|forces|president|prime minister|ministry|"
                          r"speaker|parliament|envoy|ambassador)\b|"
                          r" (?:officials?|forces|troops|military|army|soldiers|commanders?|marines?|Marines?|"
                          r"government|president|President|embassy|Embassy|media|spokesman|jets|warplanes|aircraft|"
                          r"Defense|Defence|Secretary|State Department|envoy|diplomats?)\b")


#: After a country's name, what says the country acts rather than hosts: "U.S. coalition air
#: strikes", "a U.S. air strike in Libya". A town's name before such words is where it happened
#: ("Aleppo air strikes"), so this holds for countries only.
_COUNTRY_AS_ACTOR = re.compile(r" (?:coalition|air ?strikes?|drones?(?: strikes?)?|special forces|special operations|"
                               r"warships?|navy|air force|Air Force|bombers|fighter jets|helicopters|-made)\b")


def located(r: Resolution, sentence: str, sentence_start: int) -> Resolution:
    """Note "north of ..." even when words stand between the cue and the name."""
    if r.geo_precision != "exact":
        return r
    m = _DIRECTION.search(sentence[:r.mention.start - sentence_start])
    return replace(r, geo_precision="near", note=m.group(1).lower()) if m else r


def happenings(sentence: str, sentence_start: int,
               resolutions: Sequence[Resolution]) -> list[tuple[Trigger, Resolution]]:
    """The (trigger, place) pairs of one sentence: each trigger takes the places after it in its
    clause up to the next trigger, or the places before it when none follows; of those, the
    most specific ("Manbij", not "northern Syria"), leaving out a landmark that only locates
    another place ("the town of Maydaa ... east of Damascus")."""
    found = triggers(sentence)
    places = sorted(_places(resolutions, sentence, sentence_start), key=lambda r: r.mention.start)
    owned: dict[int, list[Resolution]] = {}
    for r in places:
        at = r.mention.start - sentence_start
        before = [i for i, t in enumerate(found) if t.end <= at and not _CLAUSE.search(sentence[t.end:at])]
        if before:
            owned.setdefault(before[-1], []).append(r)
    out: list[tuple[Trigger, Resolution]] = []
    claimed = {id(r) for rs in owned.values() for r in rs}
    for i, t in enumerate(found):
        mine = owned.get(i) or [r for r in places if id(r) not in claimed and r.mention.end - sentence_start <= t.start
                                and _attaches_back(sentence[r.mention.end - sentence_start:t.start])]
        for r in _most_specific(mine, sentence, sentence_start):
            out.append((t, r))
    return out


#: "Qayara air base, which Iraqi forces recaptured": the relative clause's object is the name before it.
_RELATIVE = re.compile(r"^[^,;:—–]{0,20},\s+(?:which|where)\b")


def _attaches_back(between: str) -> bool:
    """Can a trigger take a place that comes before it, with ``between`` in between?"""
    relative = _RELATIVE.match(between)
    if relative:
        between = between[relative.end():]
    return not _CLAUSE.search(between)


def _most_specific(places: list[Resolution], sentence: str, sentence_start: int) -> list[Resolution]:
    if not places:
        return []
    top = max(_FEATURE_RANK.get(r.geo_precision, 0) for r in places)
    best = [located(r, sentence, sentence_start) for r in places if _FEATURE_RANK.get(r.geo_precision, 0) == top]
    return best[:1] + [r for r in best[1:] if r.geo_precision != "near"]


#: "the city", "the besieged northern city", "the Iraqi capital", "the country": a place the
#: sentence leaves to the article.
_ANAPHOR = re.compile(r"\bthe (?:(?!the\b|of\b)[\w’'-]+ ){0,3}?(city|town|village|capital|country)\b", re.IGNORECASE)


def coreferent(sentence: str, sentence_start: int, earlier: Sequence[Resolution],
               demonyms: Sequence[Resolution]) -> Resolution | None:
    """The article's place a sentence means by "the city" (the last city named before it), "the
    Iraqi capital" (a capital of that country the article names), "the country" (the country
    of the sentence's demonym, else the last country named); with ``geo_precision``
    "coreference" and a note saying what it stood for."""
    m = _ANAPHOR.search(sentence)
    if not m:
        return None
    noun = m.group(1).lower()
    phrase = sentence[m.start():m.end()]
    inside = {d.place.country_code for d in demonyms
              if d.place is not None and m.start() <= d.mention.start - sentence_start < m.end()}
    candidates: list[tuple[Resolution, Place]]
    if noun == "capital":
        candidates = [(r, r.place) for r in earlier if r.place is not None and r.place.feature_code == "PPLC"
                      and (not inside or r.place.country_code in inside)]
    elif noun == "country":
        candidates = [(r, r.place) for r in [*earlier, *demonyms] if r.place is not None and r.place.is_country]
    else:
        candidates = [(r, r.place) for r in earlier if r.place is not None and r.place.feature_class == "P"]
    if not candidates:
        return None
    source, place = candidates[-1]
    start = sentence_start + m.start()
    mention = Mention(start, start + len(phrase), phrase, sentence_start, sentence_start + len(sentence),
                      rule=Rule.COREFERENCE, vouched_by=source.mention.text)
    return Resolution(mention, place, source.confidence, geo_precision="coreference",
                      note=f"{phrase} → {source.mention.text}")


def events_for(article: Article, resolutions: Sequence[Resolution], published: DateEstimate,
               dates: Mapping[int, DateEstimate]) -> list[Event]:
    """Events and mentions of one article, in text order; ``dates`` holds each sentence's
    date by its start offset (:func:`geo.dates.date_sentences`), which the mentions carry;
    an event is dated by the expression nearest its trigger."""
    by_sentence: dict[int, list[Resolution]] = {}
    for r in resolutions:
        by_sentence.setdefault(r.mention.sentence_start, []).append(r)
    events: list[Event] = []
    earlier: list[Resolution] = []
    focus = _focus(resolutions)
    for s, e in sentences(article.text):
        group = [r for r in by_sentence.get(s, ()) if r.place is not None]
        sentence = article.text[s:e]
        pairs = happenings(sentence, s, group) if group else []
        if not pairs:
            pairs = _by_coreference(sentence, s, earlier, [r for r in group if r.mention.kind == "demonym"])
        if not pairs and focus is not None and not _places(group, sentence, s):
            pairs = _by_continuity(sentence, s, focus)
        seen_places: set[str] = set()
        for trigger, r in pairs:
            if r.place is None or r.place.id in seen_places:
                continue
            seen_places.add(r.place.id)
            events.append(_event(article, sentence, s, trigger, r, published))
        earlier += [r for r in group if r.mention.kind == "toponym" and not _where_said(article.text, r)]
    events = _merge(article, events)
    kept = {e.resolution.mention.start for e in events}
    mentions = [_mention(article, r, published, dates) for r in resolutions
                if r.place is not None and r.mention.kind == "toponym" and r.mention.start not in kept]
    return sorted(events + mentions, key=lambda ev: ev.resolution.mention.start)


#: "Shaghati said in an interview ... in the Kurdish capital of Erbil": where someone spoke.
_SPEECH_PLACE = re.compile(r"\b(?:said|says|told|interview|speaking|spoke|briefing|conference|statement)\b"
                           r"[^,;.]{0,50}\b(?:in|at)\b[^,;.]{0,30}$", re.IGNORECASE)


def _where_said(text: str, r: Resolution) -> bool:
    """Is the place only where someone spoke? Then "the city" later does not mean it."""
    return bool(_SPEECH_PLACE.search(text, r.mention.sentence_start, r.mention.start))


def _by_coreference(sentence: str, s: int, earlier: Sequence[Resolution],
                    demonyms: Sequence[Resolution]) -> list[tuple[Trigger, Resolution]]:
    found = triggers(sentence)
    if not found:
        return []
    r = coreferent(sentence, s, earlier, demonyms)
    return [(found[0], r)] if r is not None else []


#: A statement of how things usually are or are called: with no place of its own, it is not
#: taken to happen where the story's last event did.
_GENERIC = re.compile(r"\b(?:often|usually|typically|generally|uses|describes|regards|the term|covers|"
                      r"have supported|has supported)\b", re.IGNORECASE)


#: A trigger told as something done: a past form ("fled", "beaten", "fought") or a progressive
#: ("are fighting back"); a bare noun ("car bombs", "executions") with no time may be generic.
_IRREGULAR_PAST = frozenset({"fought", "fled", "took", "retook", "overran", "shot", "struck", "hit", "lost", "won",
                             "taken", "held"})
_PROGRESSIVE = re.compile(r"\b(?:is|are|was|were|been|be)\s+(?:\w+\s+)?$", re.IGNORECASE)


def _told_as_done(sentence: str, t: Trigger) -> bool:
    word = t.phrase.split()[0].lower()
    if word.endswith(("ed", "en")) or word in _IRREGULAR_PAST:
        return True
    return word.endswith("ing") and bool(_PROGRESSIVE.search(sentence[:t.start]))


def _focus(resolutions: Sequence[Resolution]) -> Resolution | None:
    """The town the story is about: the one it names most often (the first, on a tie); the
    dateline says where the reporter was, not what the story is about."""
    towns = [r for r in resolutions if r.place is not None and r.mention.kind == "toponym"
             and r.place.feature_class == "P" and r.mention.rule != Rule.DATELINE]
    counts = Counter(r.place.id for r in towns if r.place is not None)
    return max(towns, key=lambda r: counts[r.place.id] if r.place else 0) if towns else None


def _by_continuity(sentence: str, s: int, focus: Resolution) -> list[tuple[Trigger, Resolution]]:
    """A happening told with no place at all ("They fled south towards the desert") is taken
    to be in the town the story is about, with ``geo_precision`` "coreference"."""
    found = [t for t in triggers(sentence) if not t.planned and (_told_as_done(sentence, t) or _dated(sentence))]
    if not found or _GENERIC.search(sentence):
        return []
    t = found[0]
    mention = Mention(s + t.start, s + t.end, t.phrase, s, s + len(sentence), rule=Rule.COREFERENCE,
                      vouched_by=focus.mention.text)
    r = Resolution(mention, focus.place, focus.confidence, geo_precision="coreference",
                   note=f"no place named: the story's town ({focus.mention.text})")
    return [(t, r)]


def _event(article: Article, sentence: str, s: int, trigger: Trigger, r: Resolution,
           published: DateEstimate) -> Event:
    when = event_date(sentence, published, near=r.mention.start - s)
    fat = fatalities_phrase(sentence)
    return Event(
        article_id=article.id, title=article.title, sentence=sentence, resolution=r,
        published=published, date=when, url=article.url, role="event",
        event_type=trigger.rule.event_type, sub_event_type=trigger.rule.sub_event_type,
        fatalities=fat[0] if fat else None, actors=actors(sentence),
        background=_is_background(when, published), planned=trigger.planned, trigger=trigger.label,
        fatalities_phrase=fat[1] if fat else "",
    )


def _is_background(when: DateEstimate, published: DateEstimate) -> bool:
    """A happening dated only to a year, or ending well before the article was written."""
    if when.value is None or published.value is None or when is published:
        return False
    if when.precision == "year":
        return True
    end = when.latest or when.value
    start = published.earliest or published.value
    return end < start - BACKGROUND_AFTER


def _merge(article: Article, events: list[Event]) -> list[Event]:
    """One event per happening: the same type at the same place, told in the title or a
    caption and in the body, becomes the event of its first body sentence; two body sentences
    are one happening only when each dates it, to the same date. The others are listed as its
    supporting sentences."""
    groups: dict[tuple[object, ...], list[Event]] = {}
    leads: dict[tuple[object, ...], tuple[object, ...]] = {}
    for e in sorted(events, key=lambda e: not _in_body(article, e)):  # body first: it leads
        assert e.place is not None  # events are only made at a place
        what = (e.event_type, e.place.id, e.planned)
        if not _in_body(article, e):
            key: tuple[object, ...] = leads.get(what, (*what, "head"))
        elif e.date.evidence.startswith("publication date"):
            key = (*what, "undated", e.resolution.mention.start)
        else:
            key = (*what, e.date.value, e.date.precision)
        leads.setdefault(what, key)
        groups.setdefault(key, []).append(e)
    out = []
    for group in groups.values():
        lead = next((e for e in group if _in_body(article, e)), group[0])
        others = tuple(dict.fromkeys(e.sentence for e in group if e.sentence != lead.sentence))
        out.append(replace(lead, supporting=others, fatalities=lead.fatalities if lead.fatalities is not None
                           else next((e.fatalities for e in group if e.fatalities is not None), None)))
    return out


def _in_body(article: Article, event: Event) -> bool:
    body = article.section("body")
    return body is None or body.start <= event.resolution.mention.start < body.end


def _mention(article: Article, r: Resolution, published: DateEstimate, dates: Mapping[int, DateEstimate]) -> Event:
    m = r.mention
    role: Role = "mention"
    return Event(article_id=article.id, title=article.title, sentence=article.text[m.sentence_start:m.sentence_end],
                 resolution=r, published=published, date=dates.get(m.sentence_start, published), url=article.url,
                 role=role)
