"""Reading: the seed feeds split into their 19 articles; tables and bad files fail clearly."""
from __future__ import annotations

import json
from datetime import date

import pytest

from geo.errors import InputError, InputNotFound
from geo.read import read_bytes, read_path, read_paths, split_text
from tests.conftest import SEEDS


def test_seed_feeds_split_into_19_articles(seed_articles):
    per_feed = {}
    for a in seed_articles:
        per_feed[a.feed] = per_feed.get(a.feed, 0) + 1
    assert sorted(per_feed.values()) == [9, 10]
    assert len({a.id for a in seed_articles}) == 19


def test_sections_keep_title_caption_byline_dateline_and_offsets(seed_articles):
    a = next(a for a in seed_articles if a.title.startswith("Aleppo Rebels brace"))
    assert a.section_text("caption").startswith("People walk on the rubble")
    assert a.section_text("byline") == "By Tom Perry and Suleiman Al-Khalidi"
    assert a.dateline == "BEIRUT/AMMAN"
    assert a.section_text("dateline").startswith("BEIRUT/AMMAN (Reuters)")
    assert a.section_text("body").startswith("Rebel areas of Aleppo")
    assert a.section_text("credits").startswith("(Additional reporting by Michelle Nichols")


def test_article_without_caption_or_credits(seed_articles):
    london = next(a for a in seed_articles if a.dateline == "LONDON")
    assert london.section("caption") is None and london.section_text("byline") == "By Lin Taylor"
    khazir = next(a for a in seed_articles if a.dateline == "KHAZIR, Iraq")
    assert khazir.section("credits") is None  # this one ends without "(Reporting by ...)"
    assert khazir.text.rstrip().endswith("nobody knows me.”")


def test_every_seed_character_lands_in_exactly_one_article(seed_articles):
    for path in sorted(SEEDS.iterdir()):
        feed = path.read_text(encoding="utf-8")
        parts = [a.text for a in seed_articles if a.feed == str(path) or a.feed.endswith(path.name)]
        assert "".join("".join(p.split()) for p in parts) == "".join(feed.split())


def test_plain_text_without_dateline_is_one_article():
    [a] = split_text("Fighting near Mosul\n\nClashes were reported.", "note.txt")
    assert a.title == "Fighting near Mosul" and a.text.startswith("Fighting")


def test_csv_with_ids_dates_and_urls(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text('id,title,text,date,url\nx1,Mosul,"Clashes in Mosul, Iraq.",2016-12-30,https://e.org/1\n'
                 'x2,Empty,,2016-12-30,\n', encoding="utf-8")
    r = read_path(p)
    [a] = r.articles
    assert (a.id, a.published, a.url) == ("x1", date(2016, 12, 30), "https://e.org/1")
    [problem] = r.problems
    assert problem.source == f"{p}:3" and "'text'" in problem.reason


def test_jsonl_bad_line_is_reported_not_fatal(tmp_path):
    p = tmp_path / "in.jsonl"
    rows = [{"title": "A", "text": "In Aleppo."}, "not json", {"title": "B", "text": "In Raqqa.", "published": "soon"}]
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows), encoding="utf-8")
    r = read_path(p)
    assert [a.title for a in r.articles] == ["A"]
    assert [pr.source for pr in r.problems] == [f"{p}:2", f"{p}:3"]
    assert "not a date" in r.problems[1].reason


def test_missing_column_names_file_line_and_field(tmp_path):
    p = tmp_path / "in.csv"
    p.write_text("headline,text\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read_path(p)
    assert e.value.field == "title" and e.value.line == 1 and str(p) in str(e.value)


def test_non_utf8_and_missing_files():
    with pytest.raises(InputError, match=r"x.txt:2: not UTF-8"):
        read_bytes("ok\n\xe9t\xe9".encode("latin-1"), "x.txt")
    with pytest.raises(InputNotFound):
        read_paths(["/no/such/file.txt"])
    with pytest.raises(InputError, match="unsupported file type"):
        read_bytes(b"x", "a.pdf")
