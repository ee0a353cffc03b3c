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


@pytest.mark.parametrize(("text", "place"), [
    ("VICTORIA - The home of a family will be seized.", "VICTORIA"),
    ("(NEW YORK) — Police officers shot a man.", "NEW YORK"),
    ("HOLLIDAY, Mo. — A 25-year-old man was arrested.", "HOLLIDAY, Mo."),
    ("LONDON, Ky. (WKYT) - London Police arrested two people.", "LONDON, Ky."),
    ("Storm hits the coast\n\nMIAMI - Winds rose on Monday.", "MIAMI"),
    ("A plain sentence - with a dash.", None),
])
def test_a_wire_dateline_of_a_plain_text_article_is_its_dateline_section(text, place):
    """Other wires' datelines (AP style, local papers) mark a section; they never split the text."""
    [a] = split_text(text, "note.txt")
    assert a.dateline == place and a.text == text
    assert [s.name for s in a.sections] == (["dateline"] if place else [])


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


# --- hostile and broken input (issue 14) -------------------------------------------------------

def _rows(n: int) -> list[str]:
    return ["id,title,text"] + [f"r{i},Title {i},Clashes in Mosul number {i}." for i in range(n)]


def test_unclosed_csv_quote_costs_one_row_not_the_file():
    lines = _rows(100)
    lines[3] = 'r2,Title 2,"Clashes in Mosul, never closed'
    r = read_bytes("\n".join(lines).encode(), "x.csv")
    assert len(r.articles) == 99 and [p.source for p in r.problems] == ["x.csv:4"]
    assert "quote" in r.problems[0].reason
    lines[60] = 'r59,Title 59,"Fighting in Raqqa, Syria"'  # a later quote closes the bad one: strict RFC 4180 sees it
    r = read_bytes("\n".join(lines).encode(), "x.csv")
    assert len(r.articles) + len(r.problems) == 100 and len(r.problems) == 1


def test_quoted_newlines_and_wrong_field_counts():
    data = b'id,title,text\na,A,"two\nlines, quoted"\nb,B,too,many\nc,C\nd,D,fine\n'
    r = read_bytes(data, "q.csv")
    assert [(a.id, a.text) for a in r.articles] == [("a", "two\nlines, quoted"), ("d", "fine")]
    assert [p.source for p in r.problems] == ["q.csv:4", "q.csv:5"]
    assert "4 fields, the header has 3" in r.problems[0].reason and "2 fields" in r.problems[1].reason


def test_jsonl_splits_on_newline_only():
    text = "In Mosul\u2028clashes\u0085went on\u001eovernight."
    data = (json.dumps({"title": "A", "text": text}, ensure_ascii=False) + "\r\n").encode()
    [a] = read_bytes(data, "u.jsonl").articles
    assert a.text == text and a.source == "u.jsonl:1"


def test_every_record_is_one_article_or_one_problem_and_ids_are_unique():
    row = json.dumps({"title": "Same", "text": "Fighting in Mosul."})
    lines = [row, row, "{broken", json.dumps({"title": "x", "text": ""}), json.dumps(["list"]), row]
    r = read_bytes("\n".join(lines).encode(), "d.jsonl")
    assert len(r.articles) + len(r.problems) == len(lines)
    ids = [a.id for a in r.articles]
    assert len(set(ids)) == 3 and ids[1] == ids[0] + "~2" and ids[2] == ids[0] + "~3"
    assert read_bytes("\n".join(lines).encode(), "d.jsonl") == r  # stable across runs


def test_same_stem_in_two_folders_keeps_ids_apart(tmp_path):
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text("Fighting in Mosul.", encoding="utf-8")
    arts = read_paths([tmp_path / "a", tmp_path / "b"]).articles
    assert [a.id for a in arts] == ["x-000", "x-000~2"]


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks_are_honoured(encoding):
    data = "Kämpfe in Mosul.".encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    [a] = read_bytes(data, "bom.txt").articles
    assert a.text == "Kämpfe in Mosul."


@pytest.mark.parametrize(("data", "message"), [
    ("ok\nKämpfe".encode("cp1252"), r"b.txt:2: not UTF-8 \(byte 4: 0xe4\); probably cp1252 or latin-1"),
    ("Fighting in Mosul".encode("utf-16-le"), r"b.txt:1: NUL bytes \(first at byte 1\): UTF-16 without a byte order mark"),
    (bytes(range(256)), r"b.txt:2: not UTF-8 \(byte 128: 0x80\); UTF-16 without a byte order mark, or a binary file"),
])
def test_wrong_encodings_name_byte_and_line(data, message):
    with pytest.raises(InputError, match=message):
        read_bytes(data, "b.txt")


@pytest.mark.parametrize("name", ["e.txt", "e.csv", "e.jsonl"])
def test_empty_file_is_one_problem(name):
    r = read_bytes(b"  \n", name)
    assert not r.articles and [p.reason for p in r.problems] == ["the file is empty; nothing to geoparse"]


def test_nul_in_a_record_is_that_records_problem():
    r = read_bytes(b'title,text\nA,In Mosul\x00\nB,In Raqqa\n', "n.csv")
    assert [a.title for a in r.articles] == ["B"]
    [p] = r.problems
    assert p.source == "n.csv:2" and "field 'text' holds a NUL" in p.reason


def test_too_large_article_is_a_problem():
    from geo.read import MAX_ARTICLE_CHARS

    big = "Fighting in Mosul. " * (MAX_ARTICLE_CHARS // 19 + 1)
    r = read_bytes(json.dumps({"title": "Big", "text": big}).encode() + b"\n" +
                   json.dumps({"title": "Small", "text": "In Raqqa."}).encode(), "big.jsonl")
    assert [a.title for a in r.articles] == ["Small"]
    assert r.problems[0].source == "big.jsonl:1" and r.problems[0].reason.startswith("too large")
    r = read_bytes(big.encode(), "big.txt")
    assert not r.articles and r.problems[0].reason.startswith("too large")


@pytest.mark.parametrize("value", ["2016-02-30", "99999-01-01", "2016-13-01", "yesterday", "0001-01-01", "9999-12-31"])
def test_impossible_dates_are_a_problem_naming_the_field(value):
    row = json.dumps({"title": "A", "text": "In Mosul.", "date": value})
    [p] = read_bytes(row.encode(), "d.jsonl").problems
    assert p.source == "d.jsonl:1" and "field 'date' is not a date" in p.reason


def test_bidi_overrides_and_zero_width_characters_are_kept_verbatim():
    text = "\u202eFighting\u202c in\u200b Mosul\u2066 near\u2069 Raqqa\ufeff."
    [a] = read_bytes(json.dumps({"title": "\u202eA", "text": text}).encode(), "z.jsonl").articles
    assert a.text == text and a.title == "\u202eA"  # offsets refer to the text as written
