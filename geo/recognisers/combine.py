"""Combining a learned model's entities with the rules' mentions: pure, and model-free to test.

The rules find names the gazetteer holds; the model reads context. Each covers the other's
blind spot, so each decides where it is the better judge:

- a model place span (GPE, LOC, FAC) the rules did not take becomes a mention when the
  gazetteer knows the name: the model vouches it is a place, the gazetteer that it can be
  resolved ("Jordan" after "said", which the person rule drops);
- a rule mention the model reads as a person or an organisation is dropped ("Park" in "Park
  Geun-hye", "Kock" in "Kock Street Stores"): unless the rules are sure, because their own
  evidence is the kind the model is weakest on: the dateline ("KHAZIR, Iraq (Reuters)", which
  the model misses in capitals), abbreviations and demonyms, a spatial cue ("in Qayara",
  "near Khazir": the model takes many Arabic town names for persons), a container word, and
  apposition ("Paris, Texas"); and a name they are sure of once is sure throughout the article
  (one sense per discourse, as the rules' person names are): "Police in Clifton" keeps the
  "Clifton" the model calls a person elsewhere (WikToR-dev recall 0.807 -> 0.895, LGL F1 +0.005,
  GWN -0.002, TR-News +0.001).

An organisation vetoes a mention only when it is that name and no more: "Zimbabwe Tourism
Authority" still names Zimbabwe, and the dev sets annotate it. Nor does the model's word alone
unmake a country, a first-level area or a large city, as the rules' "Turkey said" does not: news
uses them for governments and teams ("Harare said", "Liverpool won"), the dev sets annotate them,
and the model labels them PERSON or ORG there (GWN-dev: 53 gold names vetoed before this rule,
Harare, Abuja, Seattle, Montana among them). Inside a longer person's name ("Jordan Smith",
"Paris Hilton") they are vetoed still.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer import Gazetteer
from gazetteer.normalise import fold, key
from geo.recognise import major_place  # one home for "a country, first-level area or large city"
from geo.records import Article, Mention, Rule
from geo.text import sentences

#: OntoNotes labels (spaCy's English models) that name a place: countries, cities and states;
#: other locations (rivers, regions); facilities (airports, bridges, bases).
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
#: Labels that, covering a rule mention, say it is not a place here.
PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG"})
#: Rules whose evidence the model cannot overrule (see the module docstring).
SURE_RULES = frozenset({Rule.DATELINE, Rule.ABBREVIATION, Rule.DEMONYM, Rule.CONTEXT})
#: A variant (transliteration key) match needs this many letters, as in the rules.
MIN_KEY_LETTERS = 5
_LEADING_ARTICLES = ("the ", "The ")


@dataclass(frozen=True)
class Entity:
    """A span a learned model labelled, by character offsets into the article text."""

    start: int
    end: int
    label: str  # OntoNotes: GPE, LOC, FAC, PERSON, ORG, NORP...


def combine(article: Article, rules: Sequence[Mention], entities: Sequence[Entity], lex: Gazetteer) -> list[Mention]:
    """The rules' mentions less those the model vetoes, plus the model's place spans the rules
    missed and the gazetteer knows; in text order, non-overlapping."""
    text = article.text
    rules = sorted(rules, key=lambda m: m.start)
    sure = _sure(text, rules)
    vetoes = _Vetoes(entities)
    kept = [m for m in rules if m in sure or not vetoes.veto(m, lex)]
    starts = [m.start for m in rules]
    new = [(s, e) for s, e in _place_spans(text, entities)
           if not _overlaps_any(s, e, rules, starts) and _known(text[s:e], lex)]
    spans = sentences(text) if new else []
    added = [_model_mention(text, s, e, spans) for s, e in new]
    return sorted(kept + added, key=lambda m: m.start)


def _sure(text: str, rules: Sequence[Mention]) -> set[Mention]:
    """Mentions (in text order) whose rule evidence stands against the model: see
    :data:`SURE_RULES`; a cue before the name; either side of an apposition ("Paris, Texas")."""
    sure = {m for m in rules if m.rule in SURE_RULES or m.kind == "demonym" or m.cue or m.vouched_by}
    for a, b in zip(rules, rules[1:]):
        if text[a.end:b.start] == ", ":
            sure |= {a, b}
    named = {fold(m.text) for m in sure if m.kind == "toponym"}
    return sure | {m for m in rules if fold(m.text) in named}  # one sense per article: "in Lincoln" vouches for "Lincoln"


class _Vetoes:
    """The model's person and organisation spans, looked up in log time: an article of 2,000,000
    characters has tens of thousands of mentions and entities."""

    def __init__(self, entities: Sequence[Entity]):
        self.exact = {(e.start, e.end) for e in entities if e.label in PERSON_LABELS | ORG_LABELS}
        self.persons = sorted((e.start, e.end) for e in entities if e.label in PERSON_LABELS)
        self.person_starts = [s for s, _ in self.persons]

    def veto(self, m: Mention, lex: Gazetteer) -> bool:
        if (m.start, m.end) in self.exact:
            return not major_place(m.text, lex)  # "Kerry", "Amnesty"; but "Turkey said", "Harare's council"
        k = bisect_right(self.person_starts, m.start) - 1  # entities do not overlap: only this one can cover m
        return k >= 0 and self.persons[k][1] >= m.end  # "Jordan" in "Jordan Smith", "Paris" in "Paris Hilton"


def _place_spans(text: str, entities: Sequence[Entity]) -> list[tuple[int, int]]:
    """Place entities as name spans: capitalised, and a leading "the" is not part of the name
    ("the Euphrates")."""
    out = []
    for e in entities:
        if e.label not in PLACE_LABELS:
            continue
        start = e.start
        if text.startswith(_LEADING_ARTICLES, start):
            start += 4
        if start < e.end and text[start].isupper():  # a name: not "metro", "the gulf"
            out.append((start, e.end))
    return out


def _overlaps_any(s: int, e: int, rules: Sequence[Mention], starts: Sequence[int]) -> bool:
    """Does [s, e) overlap a rule mention? They are sorted and do not overlap, so only the last
    one starting before ``e`` can."""
    k = bisect_left(starts, e) - 1
    return k >= 0 and rules[k].end > s


def _known(name: str, lex: Gazetteer) -> bool:
    return lex.has_fold(fold(name)) or (len(fold(name).replace(" ", "")) >= MIN_KEY_LETTERS and lex.has_key(key(name)))


def _model_mention(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> Mention:
    s, e = next(((s, e) for s, e in spans if s <= start < e), (start, end))
    return Mention(start, end, text[start:end], s, e, rule=Rule.MODEL)
