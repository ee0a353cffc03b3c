"""Counts in = counts out (issue 14): a file of every kind of bad record, through the whole
pipeline and the CLI, gives one article or one problem per record, and says so."""
from __future__ import annotations

import json

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
