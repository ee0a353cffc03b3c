"""Partitions: byte ranges of a JSONL file give back every record exactly once, with its real line."""
from __future__ import annotations

import json

import pytest

from geo.errors import InputNotFound
from geo.partition import plan, read_partition
from geo.read import read_path


def _jsonl(tmp_path, n: int = 40):
    lines = []
    for i in range(n):
        if i % 7 == 3:
            lines.append("")  # blank lines are skipped, but still count as lines
        if i % 11 == 5:
            lines.append("{not json")  # a broken record is a problem, in whichever range holds it
        text = "Fighting was reported in Mosul. " * (1 + (i * 37) % 40)  # lengths from 33 to 1,300 bytes
        lines.append(json.dumps({"id": f"r{i}", "title": f"Report {i}", "text": text}))
    path = tmp_path / "big.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _read_in_parts(path, size):
    """The partitions of ``path`` (more than one) and the articles and problems read from them, in order."""
    parts = plan([path], partition_bytes=size)
    assert len(parts) > 1
    read = [read_partition(p) for p in parts]
    return parts, [a for r in read for a in r.articles], [p for r in read for p in r.problems]


@pytest.mark.parametrize("size", [97, 997, 4096])
def test_ranges_of_a_jsonl_file_hold_every_record_once_with_its_line(tmp_path, size):
    path = _jsonl(tmp_path)
    whole = read_path(path)
    parts, articles, problems = _read_in_parts(path, size)
    assert [p.index for p in parts] == list(range(len(parts)))
    assert [(a.id, a.source, a.text) for a in articles] == [(a.id, a.source, a.text) for a in whole.articles]
    assert [(p.source, p.reason) for p in problems] == [(p.source, p.reason) for p in whole.problems]
    assert [a.feed_position for a in articles] == sorted(a.feed_position for a in articles)  # feed order kept


def test_small_files_and_other_formats_stay_whole(tmp_path):
    small, feed = tmp_path / "a.jsonl", tmp_path / "b.txt"
    small.write_text('{"title": "T", "text": "Clashes in Mosul."}\n', encoding="utf-8")
    feed.write_text("Clashes in Mosul.\n" * 500, encoding="utf-8")
    parts = plan([tmp_path], partition_bytes=64)
    assert [(p.path, p.end) for p in parts] == [(str(small), None), (str(feed), None)]


def test_a_missing_input_is_named_before_any_work(tmp_path):
    with pytest.raises(InputNotFound, match=r"missing\.jsonl"):
        plan([tmp_path / "missing.jsonl"])


def _csv(tmp_path, n: int = 40):
    import csv

    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "title", "text", "date"])
        for i in range(n):
            body = ("Fighting was reported in Mosul.\n" if i % 3 else 'He said "in Mosul, again"\n\n') * (1 + i % 9)
            w.writerow([f"c{i}", f'Report "{i}"', "" if i % 13 == 7 else body, "2016-07-0" + str(1 + i % 9)])
    return path


@pytest.mark.parametrize("size", [150, 1000, 5000])
def test_ranges_of_a_csv_file_split_only_between_records(tmp_path, size):
    path = _csv(tmp_path)
    whole = read_path(path)
    _, articles, problems = _read_in_parts(path, size)
    assert [(a.id, a.title, a.text, a.published, a.source) for a in articles] == \
        [(a.id, a.title, a.text, a.published, a.source) for a in whole.articles]
    assert [(p.source, p.reason) for p in problems] == [(p.source, p.reason) for p in whole.problems]
    assert len(articles) == 37 and len(problems) == 3  # rows 7, 20 and 33 have no text
