"""Sentences and word tokens with character offsets: the shared ground of every stage."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property, lru_cache

#: Abbreviations that end with a full stop but not a sentence (news style).
ABBREVIATIONS = frozenset(
    "mr mrs ms dr gen lt col maj capt sgt st jan feb mar apr jun jul aug sep sept oct nov dec "
    "u.s u.n u.k e.u no vs inc corp co ltd jr sr gov sen rep rev prof mt ft ste pt".split())
_SENT_END = re.compile(r"[.!?…]+[”\"’')]*(?=\s+[“\"‘'(]?[A-Z0-9])|\n\s*\n|\n(?=\S)")
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_](?:[\w'’]|-(?=[^\W\d_]))*", re.UNICODE)
#: Arabic article forms, the assimilated ones too ("ash-Shughur", "an-Nu'man", "ar-Raqqa"):
#: before a hyphen they stay on the name they introduce, which they make capitalised.
ARABIC_ARTICLES = frozenset("al el az ar as ash ad at an adh ath".split())
_ARTICLE_PREFIX = re.compile(rf"(?:{'|'.join(sorted(ARABIC_ARTICLES, key=len, reverse=True))})-(?=\w)",
                             re.IGNORECASE)


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @cached_property  # asked several times per token by the recogniser's passes
    def capitalised(self) -> bool:
        t = self.text
        prefix = _ARTICLE_PREFIX.match(t)
        return t[prefix.end()].isupper() if prefix else t[0].isupper()


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans, trimmed of surrounding white space. Paragraph breaks always end one."""
    spans, start = [], 0
    for m in _SENT_END.finditer(text):
        if m.group(0).startswith(".") and _is_abbreviation(text, m.start()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def _is_abbreviation(text: str, dot: int) -> bool:
    word = re.search(r"([\w.]+)$", text[max(0, dot - 12):dot])
    if not word:
        return False
    w = word.group(1).lower()
    return w in ABBREVIATIONS or (len(w) == 1 and w.isalpha())


@lru_cache(maxsize=256)
def tokens(text: str, start: int = 0, end: int | None = None) -> tuple[Token, ...]:
    """Word tokens; a possessive 's is cut off ("Manbij’s" -> "Manbij"), and a hyphenated word
    is split at its hyphens ("anti-Russian", "made-in-China", "Amsterdam-London") so each part
    can be a name; the recogniser joins parts again where the gazetteer knows the whole
    ("Winston-Salem"). An Arabic article stays on its name ("al-Bab", "ash-Shughur").

    Cached (a few hundred recent spans): the recogniser's passes tokenise each sentence of an
    article in turn, and the answer is immutable."""
    out = []
    for m in _TOKEN.finditer(text, start, len(text) if end is None else end):
        s, t = m.start(), m.group(0)
        if t.endswith(("'s", "’s")):
            t = t[:-2]
        elif t.endswith(("s'", "s’")):
            t = t[:-1]
        out += _hyphen_parts(s, t)
    return tuple(out)


def _hyphen_parts(start: int, word: str) -> list[Token]:
    parts: list[Token] = []
    pos = 0
    while pos < len(word):
        prefix = _ARTICLE_PREFIX.match(word, pos)
        stop = word.find("-", prefix.end() if prefix else pos)
        stop = len(word) if stop < 0 else stop
        if stop > pos:
            parts.append(Token(start + pos, start + stop, word[pos:stop]))
        pos = stop + 1
    return parts
