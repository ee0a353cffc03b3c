"""Cutting the input into partitions: the unit of reading, of publication dating and of a Dask task.

A partition is a whole file, or a byte range of a large JSONL file. Planning looks only at
file names and sizes, so it is cheap wherever it runs; reading happens where the partition is
processed (a Dask worker reads its own). The single-process engine uses the same partitions,
which is why both engines give the same answer: a feed is dated within its partition, never
across two.

A range owns the records that *start* inside it: reading begins after the first newline at or
after ``start`` (unless ``start`` opens a line) and runs to the end of the line holding
``end - 1``, so neighbouring ranges neither share nor drop a line.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from geo.errors import InputNotFound
from geo.read import ReadResult, input_files, read_bytes, read_path

#: Large JSONL files are split into ranges of about this many bytes (~2,000 news articles):
#: big enough that a task's start-up cost vanishes, small enough to bound a reader's memory.
PARTITION_BYTES = 8 * 2**20
SPLITTABLE = (".jsonl", ".ndjson")
_BLOCK = 2**20


@dataclass(frozen=True)
class Partition:
    path: str
    index: int  # position in the plan: names the output part and orders the results
    start: int = 0  # byte range [start, end) of the file; end None: the whole file
    end: int | None = None


def plan(paths: Sequence[str | Path], partition_bytes: int = PARTITION_BYTES) -> list[Partition]:
    """Partitions of the files the paths name, in reading order."""
    parts: list[Partition] = []
    for path in input_files(paths):
        if not path.exists():
            raise InputNotFound(path, "no such file or folder; check the path")
        size = path.stat().st_size
        if path.suffix.lower() not in SPLITTABLE or size <= partition_bytes:
            parts.append(Partition(str(path), len(parts)))
            continue
        for start in range(0, size, partition_bytes):
            parts.append(Partition(str(path), len(parts), start, min(start + partition_bytes, size)))
    return parts


def read_partition(part: Partition) -> ReadResult:
    """The articles and read problems of one partition, with line numbers of the whole file."""
    if part.end is None:
        return read_path(part.path)
    with open(part.path, "rb") as f:
        start = _line_start(f, part.start)
        if start >= part.end:
            return ReadResult()  # a line longer than the range: the previous range owns it
        first_line = _count_newlines(f, start) + 1
        f.seek(start)
        data = f.read(part.end - start)
        if not data.endswith(b"\n"):
            data += f.readline()  # the line that starts in the range ends past it
    return read_bytes(data, part.path, first_line=first_line)


def _line_start(f: BinaryIO, offset: int) -> int:
    """The first line start at or after ``offset``."""
    if offset == 0:
        return 0
    f.seek(offset - 1)
    f.readline()  # the rest of the line the previous byte belongs to (just its newline, if it ends one)
    return f.tell()


def _count_newlines(f: BinaryIO, end: int) -> int:
    f.seek(0)
    count, left = 0, end
    while left > 0:
        block = f.read(min(_BLOCK, left))
        count += block.count(b"\n")
        left -= len(block)
    return count
