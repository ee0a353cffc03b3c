"""Counts in = counts out (issue 14): a file of every kind of bad record, through the whole
pipeline and the CLI, gives one article or one problem per record, and says so."""
from __future__ import annotations

import json

import pytest

from geo.cli import main
from geo.pipeline import geoparse_paths
from geo.read import MAX_ARTICLE_CHARS
from geo.tally import tally

GOOD = {"title": "Clashes", "text": "Fighting broke out in Mosul on Tuesday."}
LINES = [
    json.dumps(GOOD),
    json.dumps(GOOD),  # a duplicate: a second article, with its own id
    json.dumps({"title": "Nothing", "text": "The weather was fine."}),  # no place: a problem
    json.dumps({"title": "Empty", "text": ""}),
    '{"title": "Truncated", "text": "In Raq',
    json.dumps({"title": "Bad date", "text": "In Aleppo.", "date": "2016-02-30"}),
    json.dumps({"title": "Huge", "text": "In Mosul. " * (MAX_ARTICLE_CHARS // 10 + 1)}),
    json.dumps({"title": "Sep", "text": "Strikes hit Aleppo\u2028on Monday\u0085, residents said."}),
    json.dumps(["not", "an", "object"]),
    json.dumps({"title": "Nul", "text": "In Mosul\u0000."}),
    json.dumps({"title": "\u202eRTL", "text": "\u202eAir strikes hit Aleppo\u200b on Tuesday."}),
]


def test_every_record_is_one_article_or_one_problem(tmp_path, small_gaz):
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    batch = geoparse_paths([src], gazetteer=small_gaz)
    books = tally(batch)
    assert books.records == len(LINES) and books.balanced
    assert books.with_events == 4  # the two good ones, Aleppo across U+2028, Aleppo after the RTL mark
    sources = sorted(int(p.source.rsplit(":", 1)[1]) for p in batch.problems)
    assert sources == [3, 4, 5, 6, 7, 9, 10]
    assert not batch.failed


def test_cli_summary_line_balances(tmp_path, small_cache, capsys):
    src = tmp_path / "mixed.jsonl"
    src.write_text("\n".join(LINES) + "\n", encoding="utf-8")
    assert main(["--cache-dir", str(small_cache), "parse", str(src), "-o", str(tmp_path / "out.csv")]) == 0
    err = capsys.readouterr().err
    assert f"{len(LINES)} records in = 4 articles with events + 7 problems" in err and "MISMATCH" not in err


SHAPES = {"capitals": "A", "capital words": "A ", "a name": "Mosul ", "initials": "A. ", "slashes": "AB/",
          "digits": "1", "commas": "Mosul, ", "ages": "Evans, 26, ", "dashes": "-", "quotes": '"', "newlines": "\n",
          "bylines": "By X\n", "parentheses": "(", "ago": "3 years ago ", "weekdays": "on Tuesday ",
          "datelines": "BEIRUT (Reuters) - ", "articles": "al-", "zero width": "\u200b", "rtl": "\u202eMosul "}


@pytest.mark.slow  # a stress test: long runs of each shape, seconds of CPU
def test_pathological_shapes_geoparse_without_failing(small_gaz):
    """Each shape repeated to 10,000 characters (benchmarks/RESULTS.md has the times at 128,000:
    a run of capitals took 12 s at 8,000 characters before a quadratic regex was fixed)."""
    from geo.pipeline import geoparse_articles
    from geo.records import Article

    articles = [Article(id=name, text=unit * (10_000 // len(unit)), title=name) for name, unit in SHAPES.items()]
    batch = geoparse_articles(articles, gazetteer=small_gaz)
    assert not batch.failed and tally(batch).balanced and tally(batch).records == len(SHAPES)
