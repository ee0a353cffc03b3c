"""Hypothesis strategies for hostile news input: arbitrary Unicode mixed with the things that
broke Dateline before (place names, date phrases, quotes, line separators, bidi controls)."""
from __future__ import annotations

from hypothesis import strategies as st

PLACES = ("Mosul", "Aleppo", "Raqqa", "Manbij", "Baghdad", "Syria", "Iraq", "Tripoli", "Sabratha", "Washington",
          "Ohio", "Kirkuk", "Damascus", "Tel Keyf", "Qayara", "U.S.", "Libya", "Turkey", "Erbil", "Homs")
PHRASES = ("3000 years ago", "99999999 days ago", "on Tuesday", "last week", "next year", "Feb. 29", "Feb. 30, 2016",
           "in March", "a decade ago", "2-1/2 years ago", "yesterday", "north of", "near", "the city of",
           "(Reuters) -", "BEIRUT (Reuters) –", "killed at least 56 people", "air strikes hit", "said on Monday",
           "in 1900", "in 2099", "New Year's Eve")
HOSTILE = ("\u202e", "\u202d", "\u2066", "\u2069", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2028", "\u2029",
           "\u0085", "\r", "\n", "\r\n", "\t", '"', "'", ",", "=", "+", "-", "@", "<script>", "${x}", "`", "\\",
           "\x1e", "\x0b", "\x0c", "\ud7ff", "\U0001f600", "é", "ı", "ß", "\u0301")

pieces = st.one_of(st.sampled_from(PLACES), st.sampled_from(PHRASES), st.sampled_from(HOSTILE),
                   st.text(max_size=12), st.just(" "), st.just(". "))
#: News-like hostile text: a few dozen pieces joined.
news_text = st.lists(pieces, max_size=40).map("".join)
#: Any text at all (surrogates excluded: they cannot be encoded, so no file can hold them).
any_text = st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=300)
texts = st.one_of(news_text, any_text)
