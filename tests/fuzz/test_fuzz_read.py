"""Fuzzing the readers: arbitrary bytes never crash them, and every record of a well-formed
file comes back as exactly one article (with its text intact) or one problem."""
from __future__ import annotations

import csv
import io
import json

from hypothesis import given
from hypothesis import strategies as st

from geo.errors import InputError
from geo.read import read_bytes
from tests.fuzz.strategies import texts

SUFFIXES = ("x.txt", "x.csv", "x.jsonl")


@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES))
def test_arbitrary_bytes_read_or_fail_clearly(data, name):
    try:
        r = read_bytes(data, name)
    except InputError as e:
        assert str(e).startswith(name) and e.path == name  # names the file (and line, when it knows)
        return
    assert r.articles or r.problems  # even an empty file is accounted for
    assert len({a.id for a in r.articles}) == len(r.articles)
    assert all(p.source.startswith(f"{name}:") for p in r.problems)


records = st.lists(st.fixed_dictionaries({"title": texts, "text": texts}, optional={"id": st.sampled_from(["a", "b", ""]),
                                         "date": st.sampled_from(["2016-07-19", "2016-02-30", "99999-01-01", ""])}),
                   min_size=1, max_size=8)


def _check(records_, result) -> None:
    assert len(result.articles) + len(result.problems) == len(records_)  # one article or one problem each
    assert len({a.id for a in result.articles}) == len(result.articles)
    texts_back = [a.text for a in result.articles]
    expected = [r["text"] for r in records_ if r["text"].strip() and "\x00" not in r["text"]
                and "\x00" not in r["title"] and r.get("date") not in ("2016-02-30", "99999-01-01")]
    assert texts_back == expected


@given(records)
def test_jsonl_records_come_back_one_for_one(records_):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records_).encode("utf-8")
    _check(records_, read_bytes(data, "r.jsonl"))


@given(records)
def test_csv_records_come_back_one_for_one(records_):
    buf = io.StringIO(newline="")
    writer = csv.DictWriter(buf, fieldnames=["id", "title", "text", "date"], lineterminator="\r\n")
    writer.writeheader()
    for r in records_:
        writer.writerow({"id": "", "date": "", **r})
    result = read_bytes(buf.getvalue().encode("utf-8"), "r.csv")
    # The csv module does not round-trip a lone "\r" outside quotes; it quotes them, so it does.
    _check(records_, result)
