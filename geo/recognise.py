"""Finding place names in text with the gazetteer and context rules (no model download).

Candidates are runs of capitalised words; the longest run the gazetteer knows wins. Rules
then veto what a gazetteer over-matches (persons, organisations, common words) and admit
what it lacks but the sentence vouches for ("near Khazir", "the Wahda neighbourhood").
Finding is kept apart from deciding which place a name means (:mod:`geo.resolve`).
"""
from __future__ import annotations

import re
import weakref
from functools import lru_cache

from gazetteer.lookup import Gazetteer
from gazetteer.normalise import fold, key
from gazetteer.sources import DEMONYMS, FIRST_NAMES, data_file
from geo import lexicon
from geo.records import Article, Mention, MentionKind, Rule
from geo.text import ARABIC_ARTICLES, Token, sentences, tokens

MAX_NAME_TOKENS = 6
CONNECTORS = frozenset("of de del della di du la le bin ibn abu upon on and es ez ed".split()) | ARABIC_ARTICLES
#: Connectors that only ever join the parts of one name ("Ras al Ain", "Jisr ash Shughur"): a name cut
#: before one is not the place its head word alone would be.
NAME_JOINERS = ARABIC_ARTICLES  # not "bin": "Saeed bin Suroor" is a person
ENGLISH_ARTICLE_HOMOGRAPHS = frozenset("as at an ad".split())
#: A gazetteer name this populous, or a country or first-level area, is a place even before
#: "said": "Turkey said", "Texas told" (a person needs a first name or title in the text).
MAJOR_PLACE_POPULATION = 100_000
_DATELINE_HEAD = re.compile(r"\s*\(?(?P<place>[A-Z][A-Z.'’\- /]+?)(?:, (?P<region>[A-Z][\w.' ]+?))?\)?\s*[(–—-]")


def _alternatives(words: dict[str, str]) -> str:
    """A regex alternation of ``words``, longest first so "U.S.A." wins over "U.S."."""
    return "|".join(re.escape(a) for a in sorted(words, key=len, reverse=True))


_COUNTRY_ABBREVIATION = re.compile(rf"(?<![\w.])(?:{_alternatives(lexicon.COUNTRY_ABBREVIATIONS)})(?!\w|\.\w)")
_STATE_ABBREVIATION = re.compile(rf"(?:(?<=, )|(?<=[A-Z]-))(?:{_alternatives(lexicon.STATE_ABBREVIATIONS)})(?!\w)")
#: Cues that keep a name a place throughout an article that also uses it for a person:
#: "Andrew Jackson ... a rally in Jackson" (as does "of": "the Bishop of Lincoln").
PLACE_SENSE_CUES = frozenset(lexicon.UNKNOWN_NAME_CUES + ("in",))
#: "of" after a title or a place word makes a place ("the Bishop of Lincoln", "the people of Mosul"),
#: not after any word ("one example of Bautista showing some attitude").
_PLACE_OF_WORDS = lexicon.SETTLEMENT_WORDS | lexicon.ADMIN_TAILS | lexicon.DIRECTIONS | frozenset(
    "people residents citizens inhabitants population mayor history centre center part parts area outskirts".split())
_OF_A_PLACE = re.compile(rf"(?:\b[A-Z]\w*|\b(?:{'|'.join(sorted(_PLACE_OF_WORDS))})) of $")
#: "Gino D. Bassett", "Tyrise M. Bell": a capitalised word after a middle initial is a surname.
_AFTER_INITIAL = re.compile(r"(?<![\w.])[A-Z][a-z]+ [A-Z]\. ([A-Z][\w'’-]+)")
#: "Evans, 26, of Paris": a name followed by an age is a person.
#: Matched as a whole word run (one attempt per run, no backtracking) and cut at its first
#: capital, which is what ``([A-Z][\w'’-]+), \d{1,3},`` finds, in linear time: that pattern
#: retried at every capital of a long run of capitals, quadratically.
_BEFORE_AGE = re.compile(r"(?<![\w'’-])[\w'’-]++(?=, \d{1,3},)")
_CAPITAL = re.compile(r"[A-Z]")
#: "We're", "They'd": a contraction is never a place.
_CONTRACTION = re.compile(r"['’](?:re|d|ll|ve|m|t)$", re.IGNORECASE)
#: Area words that stay in the name even before an organisation: "Laurel County Sheriff's Office"
#: (but "Kentucky State Police", "Dublin City Council": the place is the first word).
COUNTY_TAILS = lexicon.ADMIN_TAILS - {"state", "region"}
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’]+\b")


@lru_cache(maxsize=1)
def demonyms() -> dict[str, str]:
    """Demonym (folded) -> place id: "syrian" -> geonames:163843. Plurals are folded too."""
    text = data_file(DEMONYMS).read_text(encoding="utf-8")
    out = {}
    for line in text.splitlines():
        dem, place_id = line.split("\t")
        out[fold(dem)] = place_id
        out[fold(dem) + "s"] = place_id
    return out


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common given names, lower-cased: before a capitalised word they make it a surname."""
    text = data_file(FIRST_NAMES).read_text(encoding="utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip())


def recognise(article: Article, lex: Gazetteer) -> list[Mention]:
    """All place-name mentions in an article, in text order, non-overlapping."""
    text = article.text
    found: list[Mention] = []
    taken: set[int] = set()
    dl = article.section("dateline")
    spans = sentences(text)
    persons = _person_names(text, spans, lex)
    common = frozenset(_LOWER_WORD.findall(text))
    named = frozenset(t.text for k, (s, e) in enumerate(spans) for t in tokens(text, s, e)[0 if k == 0 else 1:]
                      if t.capitalised)
    for s, e in spans:
        if dl and dl.start <= s < dl.end and not any(m.rule == Rule.DATELINE for m in found):
            found += _dateline_mentions(text, dl.start, dl.end, s, e, taken, lex)  # once: "LONDON, Ky. (WKYT)" is two
        found += _abbreviation_mentions(text, s, e, taken)
        found += _sentence_mentions(text, s, e, lex, taken, common, named if s > spans[0][0] else None)
    places = {fold(m.text) for m in found
              if (m.cue in PLACE_SENSE_CUES or _OF_A_PLACE.search(text, max(0, m.start - 40), m.start)
                  or _defines_a_settlement(text, m.end))  # "Milton is a city in Rock County", a poet or not
              and not text.startswith(("'s ", "’s "), m.end)}  # "in Trump's West Wing" is in the wing, not in Trump
    return sorted((m for m in found if m.kind == "demonym" or m.rule in (Rule.DATELINE, Rule.ABBREVIATION)
                   or fold(m.text) not in persons - places), key=lambda m: m.start)


def _person_names(text: str, spans: list[tuple[int, int]], lex: Gazetteer) -> set[str]:
    """Surnames the article uses for people: once "John Kerry" or "President Assad" is seen,
    a bare "Kerry" later in the same article is the person too (one sense per discourse)."""
    persons = set()
    for s, e in spans:
        toks = tokens(text, s, e)
        for k, (a, b) in enumerate(zip(toks, toks[1:])):
            if not (a.capitalised and b.capitalised and _adjacent(text, a, b)):
                continue
            first = a.text.lower().rstrip(".")
            if first in lexicon.PERSON_TITLES or first in first_names() or (
                    k > 0 and first not in lexicon.STOPWORDS and first not in lexicon.DIRECTIONS
                    and not lex.has_fold(fold(a.text)) and fold(a.text) not in demonyms()
                    and not a.text.isupper() and not major_place(b.text, lex)):
                persons.add(fold(b.text))  # "Education Minnesota" is no person: only a title or name makes one
        for a, b in zip(toks, toks[1:]):
            if a.capitalised and b.text.lower() in lexicon.PERSON_VERBS and _adjacent(text, a, b) \
                    and not major_place(a.text, lex):
                persons.add(fold(a.text))
            if a.text.lower() in lexicon.SPEECH_VERBS and b.capitalised and _SPEAKER_END.match(text, b.end) \
                    and text[a.end:b.start] == " " and not major_place(b.text, lex):
                persons.add(fold(b.text))  # "... a club,” said Keith, who"
        persons.update(_particle_surnames(text, toks))
    persons.update(fold(m.group(1)) for m in _AFTER_INITIAL.finditer(text))
    for m in _BEFORE_AGE.finditer(text):
        cap = _CAPITAL.search(m.group(0))
        if cap and cap.start() < len(m.group(0)) - 1:  # a capital and at least one more character
            persons.add(fold(m.group(0)[cap.start():]))
    return persons


#: What ends a speaker's name after a speech verb: "said Keith, who ...", "said Hammad."
_SPEAKER_END = re.compile(r"(?:,|\.(?!\w)|$)")


def _particle_surnames(text: str, toks: tuple[Token, ...]) -> set[str]:
    """Surnames after a particle: "Mike de Kock", "Philippe de Marigny de Mandeville". The
    name must open with a first name or title, as "a rally in Jackson" opens with nothing."""
    out = set()
    for k, tok in enumerate(toks):
        word = tok.text.lower().rstrip(".")
        if not (tok.capitalised and (word in first_names() or word in lexicon.PERSON_TITLES)):
            continue
        n = k + 1
        while n + 1 < len(toks) and toks[n].text in lexicon.NAME_PARTICLES and toks[n + 1].capitalised \
                and _adjacent(text, toks[n - 1], toks[n]) and _adjacent(text, toks[n], toks[n + 1]):
            out.add(fold(toks[n + 1].text))
            n += 2
    return out


#: Per gazetteer, the answers of major_place so far: the same names recur across a batch.
_MAJOR: weakref.WeakKeyDictionary[object, dict[str, bool]] = weakref.WeakKeyDictionary()


def major_place(name: str, lex: Gazetteer) -> bool:
    """A country, a first-level area or a large city by that exact name: speakers in news
    ("Turkey said", "Moscow denied") are governments, so the verb alone does not make a person."""
    memo = _MAJOR.setdefault(lex, {})
    if name not in memo:
        memo[name] = lex.has_fold(fold(name)) and _is_major(name, lex)
    return memo[name]


def _is_major(name: str, lex: Gazetteer) -> bool:
    return any(c.match == "fold" and (c.place.is_country or c.place.feature_code == "ADM1"
                                      or c.place.population >= MAJOR_PLACE_POPULATION)
               for c in lex.candidates(name, limit=5))


def _abbreviation_mentions(text: str, s: int, e: int, taken: set[int]) -> list[Mention]:
    """"U.S.", "UK", "EU" anywhere, and "Calif." or "W.Va." after a comma: the acronym veto and
    the tokeniser (which drops the final full stop) would lose them."""
    out = []
    for pattern in (_COUNTRY_ABBREVIATION, _STATE_ABBREVIATION):
        for m in pattern.finditer(text, s, e):
            if m.start() not in taken:
                out.append(Mention(m.start(), m.end(), m.group(0), s, e, rule=Rule.ABBREVIATION))
                taken.update(range(m.start(), m.end()))
    return out


def _defines_a_settlement(text: str, end: int) -> bool:
    """Does a clause after the name call it a town ("Milton is a city in Rock County")?"""
    clause = lexicon.DEFINING.match(text, end)
    return clause is not None and lexicon.calls_it_a_settlement(clause.group(0))


def _dateline_mentions(text: str, ds: int, de: int, s: int, e: int, taken: set[int], lex: Gazetteer) -> list[Mention]:
    """"BEIRUT/AMMAN (Reuters) –", "ERBIL, Iraq (Reuters)", "VICTORIA -": all-caps names the rules
    below skip. A name the gazetteer lacks is a place only when the dateline names its region
    ("KHAZIR, Iraq"); a bare unknown word is a wire's flag ("UPDATE -", "EXCLUSIVE -")."""
    m = _DATELINE_HEAD.match(text, ds, de)
    if not m:
        return []
    out = []
    pos = m.start("place")
    for part in m.group("place").split("/"):
        name = part.strip()
        if name.upper().startswith("NEAR "):
            name = name[5:]
        start = text.index(name, pos)
        if m.group("region") or lex.has_fold(fold(name)):
            out.append(Mention(start, start + len(name), name, s, e, rule=Rule.DATELINE))
        pos = start + len(name)
    if m.group("region") and m.group("region") not in lexicon.STATE_ABBREVIATIONS:  # "Mo.": the abbreviation rule's
        out.append(Mention(m.start("region"), m.end("region"), m.group("region"), s, e, rule=Rule.DATELINE))
    for mention in out:
        taken.update(range(mention.start, mention.end))
    return out


def _sentence_mentions(text: str, s: int, e: int, lex: Gazetteer, taken: set[int],
                       common: frozenset[str] = frozenset(), named: frozenset[str] | None = None) -> list[Mention]:
    """Gazetteer names and cued unknown names of one sentence. ``common`` holds the words the
    article writes in lower case: capitalised only by position, they are not names there.
    ``named`` holds the words it capitalises inside a sentence: a sentence's first word that
    is not among them has only its position to say it is a name (see :func:`_unattested`)."""
    toks = [t for t in tokens(text, s, e) if t.start not in taken]
    out: list[Mention] = []
    i = 0
    while i < len(toks):
        tok = toks[i]
        if not tok.capitalised:
            i += 1
            continue
        match = _longest_name(text, toks, i, lex)
        if match is None:
            unknown = _cued_unknown(text, toks, i, s, e)
            if unknown:
                out.append(unknown)
                i = _index_after(toks, unknown.end)
            else:
                i += 1
            continue
        j, rule, kind = match
        span_start, span_end = toks[i].start, toks[j - 1].end
        first = i == 0 or text[s:toks[i].start].strip(" \"“‘'(") == ""
        if kind == "toponym" and (_vetoed(text, toks, i, j, lex, first_in_sentence=first, rule=rule, common=common)
                                  or (first and j == i + 1 and (_sentence_word(toks[i], common) or (
                                      named is not None and _unattested(text, toks[i], named, lex))))):
            i = j
            continue
        cue = _cue_before(text, span_start, s)
        out.append(Mention(span_start, span_end, text[span_start:span_end], s, e, rule=rule, cue=cue, kind=kind))
        i = j
    return out


_Match = tuple[int, Rule, MentionKind]  # end token index, rule, kind


def _sentence_word(tok: Token, common: frozenset[str]) -> bool:
    """A sentence-initial word capitalised only by position: one the article writes in lower
    case elsewhere, a cue ("Near Bangor", "Around Manbij") or an -ing verb ("Recapturing Mosul")."""
    word = tok.text.lower()
    return word in common or word in lexicon.SENTENCE_OPENERS or (word.endswith("ing") and len(word) > 5)


def _unattested(text: str, tok: Token, named: frozenset[str], lex: Gazetteer) -> bool:
    """A sentence's first word that the article never capitalises inside a sentence, that is
    no country, state or large city, not written like a name ("DeKalb") and not followed by
    its state ("Decatur, Ga."): "Lack of transparency", "Cash levels", "Early in March".
    Capitalised only by its position, it gives no sign of being a name; a town the story is
    about is named again inside a sentence or in the headline (the article's first sentence,
    which is not asked: it may name its town only once, as its first word)."""
    return not (tok.text.isupper() or any(c.isupper() for c in tok.text[1:]) or tok.text in named
                or _STATE_AFTER.match(text, tok.end) or major_place(tok.text, lex))


_STATE_AFTER = re.compile(r", [A-Z]")


def _longest_name(text: str, toks: list[Token], i: int, lex: Gazetteer) -> _Match | None:
    """End index, rule and kind of the longest gazetteer name starting at token ``i``."""
    best: _Match | None = None
    joined = 0  # end of the longest run through an Arabic article or "bin": "Ras al Ain"
    one_name = True
    limit = min(len(toks), i + MAX_NAME_TOKENS)
    for j in range(i + 1, limit + 1):
        last = toks[j - 1]
        if j > i + 1 and not _adjacent(text, toks[j - 2], last):
            break
        if j > i + 1 and not last.capitalised and last.text.lower() not in CONNECTORS:
            break
        if not last.capitalised:
            one_name = one_name and last.text.lower() in NAME_JOINERS  # "Homs and Hama" are two
            continue
        if j > i + 1 and one_name and (_joins(toks, j - 2, i) or _has_article(last)) and not any(
                t.text.lower().rstrip(".") in lexicon.PERSON_TITLES for t in toks[i:j]):
            joined = j  # but "Prime Minister Haider al-Abadi" is a person
        surface = text[toks[i].start:last.end]
        f = fold(surface)
        if f in demonyms():
            best = (j, Rule.DEMONYM, "demonym")
        elif lex.has_fold(f):
            best = (j, Rule.GAZETTEER, "toponym")
        elif len(f.replace(" ", "")) >= 5 and lex.has_key(key(surface)):
            best = (j, Rule.VARIANT, "toponym")
    if best and joined > best[0]:
        return joined, Rule.CONTEXT, "toponym"  # the whole name, unknown: never its head alone
    if best and best[1] != Rule.DEMONYM:
        best = _with_feature_tail(toks, best, text)
    return best


def _joins(toks: list[Token], k: int, i: int) -> bool:
    """Does the Arabic article at ``k`` join the name that starts at ``i`` ("Ras al Ain",
    "Ras an Naqb")? One that is also an English word does not open a name ("As UNIAN
    reported") nor follow a common word ("Just as Petro")."""
    word = toks[k].text.lower()
    if word not in NAME_JOINERS:
        return False
    return word not in ENGLISH_ARTICLE_HOMOGRAPHS or (k > i and toks[i].text.lower() not in lexicon.STOPWORDS)


def _has_article(tok: Token) -> bool:
    head, dash, _ = tok.text.partition("-")
    return bool(dash) and head.lower() in ARABIC_ARTICLES


def _with_feature_tail(toks: list[Token], best: _Match, text: str) -> _Match:
    """Keep "Aleppo Governorate", "Orange County", "Qayyarah air base" in one span."""
    j, rule, kind = best
    for width in (2, 1):
        tail = toks[j:j + width]
        if len(tail) == width and all(_adjacent(text, a, b) for a, b in zip(toks[j - 1:j + width - 1], tail)):
            words = " ".join(t.text.lower() for t in tail)
            after = toks[j + width] if j + width < len(toks) else None
            if after and after.capitalised and _adjacent(text, tail[-1], after) and words not in COUNTY_TAILS:
                continue  # "Dublin City Council": the place is "Dublin"; but "Laurel County Sheriff's Office"
            if words in lexicon.FEATURE_TAILS and tail[0].capitalised:
                return j + width, rule, kind
    return best


def _adjacent(text: str, a: Token, b: Token) -> bool:
    gap = text[a.end:b.start]
    return gap in (" ", "-") or _abbreviated(gap, a)


def _abbreviated(gap: str, a: Token) -> bool:
    """"St. Thomas", "Ft. Worth", "Sault Ste. Marie": the full stop of a name's abbreviated first
    word is inside the name (the gazetteer folds "St." as it folds "St")."""
    return gap == ". " and a.text.lower() in lexicon.NAME_ABBREVIATIONS


def _vetoed(text: str, toks: list[Token], i: int, j: int, lex: Gazetteer, first_in_sentence: bool,
            rule: Rule, common: frozenset[str] = frozenset()) -> bool:
    """Persons, organisations and common words that happen to be gazetteer names. A country,
    state or large city inside a longer name is still annotated as the place ("Zimbabwe Tourism
    Authority", "Baseball Toronto", "Cyprus, Greece Italy"), unless a title or first name makes
    it a person's name or it names a newspaper (the dev sets annotate the former, not the latter)."""
    words = [t.text for t in toks[i:j]]
    lower = " ".join(words).lower()
    if j - i == 1 and lower in lexicon.STOPWORDS:
        return True
    if j - i == 1 and len(words[0]) <= 2:
        return True
    if j - i == 1 and words[0].isupper() and len(words[0]) <= 4 and "." not in words[0]:
        return True  # acronyms: "IS", "SDF", "NATO" (but "U.S." passes)
    if _CONTRACTION.search(words[-1]):
        return True
    if rule == Rule.VARIANT and first_in_sentence:
        return True
    prev = toks[i - 1] if i > 0 else None
    nxt = toks[j] if j < len(toks) else None
    if _named_thing(text, toks, i, j, lex) or (rule == Rule.CONTEXT and prev and prev.text in _PATRONYMIC):
        return True  # "Mohammed bin Rashid Al Maktoum"
    if rule == Rule.CONTEXT and (words[0].lower() in lexicon.NON_PLACE_HEADS or (
            prev is not None and prev.text.lower() in lexicon.PERSON_TITLES)):
        return True  # a feast, a group or a person: "Eid al-Fitr", "Ansar al Sharia", "leader Abu Bakr al-Baghdadi"
    prev_joined = bool(prev and prev.capitalised and _joined(text, prev, toks[i], lex))
    nxt_joined = bool(nxt and nxt.capitalised and _joined(text, toks[j - 1], nxt, lex))
    major = (prev_joined or nxt_joined) and words[0].lower() not in first_names() and major_place(
        text[toks[i].start:toks[j - 1].end], lex)
    if prev and prev_joined:
        word = prev.text.lower().rstrip(".")
        if " ".join(w.lower() for w in words) in lexicon.FEATURE_TAILS:
            return True  # "Pearson International Airport": a kind of place, the tail of a name the index lacks
        if word in lexicon.PERSON_TITLES or word in first_names():
            return True  # "President Assad", "Secretary Kerry", "Andrew Jackson"
        if not major and word not in lexicon.DIRECTIONS and not ((i - 1 == 0 and _sentence_word(prev, common))
                                                                 or word in lexicon.STOPWORDS):
            return True  # "Syrian Observatory" tail: part of a longer non-place name
    if nxt and nxt_joined and major:
        return nxt.text.lower() in lexicon.NEWSPAPER_TAILS  # "Washington Post" is no place; "Texas Rangers" name one
    if nxt and nxt_joined:
        following = nxt.text.lower()
        if following in lexicon.PLACE_MODIFIED or following in lexicon.CALENDAR_WORDS:
            return False  # "Texas Department of Transportation": the place it serves
        if following in lexicon.ORG_TAILS or following not in lexicon.FEATURE_TAILS:
            return True  # "Washington Post", "Amnesty International", "Tripoli Bosco"
    return False


def _named_thing(text: str, toks: list[Token], i: int, j: int, lex: Gazetteer) -> bool:
    """A name that stands for something other than the place: the government in its seat
    ("The White House declined", but "at the White House"), a weapon ("Apache helicopters"),
    a period ("the 19th Century"), a climate phenomenon ("El Niño")."""
    start, end = toks[i].start, toks[j - 1].end
    name = fold(text[start:end])
    nxt = toks[j] if j < len(toks) else None
    if name in lexicon.NAMED_THINGS or (_ORDINAL_BEFORE.search(text, max(0, start - 12), start) and not (
            nxt and nxt.capitalised and _adjacent(text, toks[j - 1], nxt))):
        return True  # but "the 10th Muscat International Film Festival" is in Muscat
    if name in lexicon.SEATS_OF_POWER:
        before = _WORD_BEFORE_THE.search(text, max(0, start - 20), start)
        return not (before and before.group(1).lower() in lexicon.LOCATIVE_PREPOSITIONS)
    return bool(nxt and nxt.text in lexicon.WEAPON_NOUNS and text[end:nxt.start] == " "
                and not major_place(text[start:end], lex))


_ORDINAL_BEFORE = re.compile(r"\b\d+(?:st|nd|rd|th) $")
_WORD_BEFORE_THE = re.compile(r"\b(\w+) the $")
_PATRONYMIC = frozenset(("bin", "ibn", "bint"))


def _joined(text: str, a: Token, b: Token, lex: Gazetteer) -> bool:
    """Are two tokens parts of one longer name? A space joins them; a hyphen does unless both
    sides are names themselves ("Amsterdam-London", "Syrian-Turkish"), so "Coca-Cola" stays one."""
    gap = text[a.end:b.start]
    if gap != "-":
        return gap == " " or _abbreviated(gap, a)
    return not all(lex.has_fold(fold(t.text)) or fold(t.text) in demonyms() for t in (a, b))


def _cue_before(text: str, start: int, sentence_start: int) -> str:
    before = text[max(sentence_start, start - 30):start].lower()
    best = ""
    for cue in lexicon.SPATIAL_CUES:
        if before.endswith(cue + " ") and len(cue) > len(best):
            best = cue
    return best


def _cued_unknown(text: str, toks: list[Token], i: int, s: int, e: int) -> Mention | None:
    """A name the gazetteer lacks, admitted by its context: "near Khazir", "Hazawneh quarter"."""
    j = i
    while j < len(toks) and j - i < 4 and toks[j].capitalised and (j == i or _adjacent(text, toks[j - 1], toks[j])):
        j += 1
    words = [t.text.lower() for t in toks[i:j]]
    if any(w in lexicon.STOPWORDS or w in lexicon.PERSON_TITLES for w in words) or any(
            t.text.isupper() for t in toks[i:j]):
        return None
    start, end = toks[i].start, toks[j - 1].end
    before = text[max(s, start - 30):start].lower()
    cue = next((c for c in lexicon.UNKNOWN_NAME_CUES if before.endswith(c + " ")), "")
    after = toks[j] if j < len(toks) else None
    tail = after.text.lower() if (after and _adjacent(text, toks[j - 1], after)) or (
        after and text[toks[j - 1].end:after.start] == " ") else ""
    if tail in lexicon.CONTAINER_WORDS:
        return Mention(start, end, text[start:end], s, e, rule=Rule.CONTEXT, cue=cue, vouched_by=tail)
    if cue and (j == len(toks) or not (toks[j].capitalised and _adjacent(text, toks[j - 1], toks[j]))):
        return Mention(start, end, text[start:end], s, e, rule=Rule.CONTEXT, cue=cue, vouched_by=cue)
    return None


def _index_after(toks: list[Token], end: int) -> int:
    return next((k for k, t in enumerate(toks) if t.start >= end), len(toks))
