"""Cutting the input into partitions: the unit of reading, of publication dating and of a Dask task.

A partition is a whole file, or a byte range of a large JSONL or CSV file. Planning looks only at
file names and sizes, so it is cheap wherever it runs; reading happens where the partition is
processed (a Dask worker reads its own). The single-process engine uses the same partitions,
which is why both engines give the same answer: a feed is dated within its partition, never
across two.

A range owns the records that *start* inside it: it is read from the first record start at or
after ``start`` to the first at or after ``end``, so neighbouring ranges neither share nor drop
a record. In JSONL a record starts after any newline; in CSV only after a newline outside
quotes, which is one preceded by an even number of ``"`` since the start of the file (RFC 4180
doubles quotes inside fields, so the parity holds), so a quoted field may span lines.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from geo.errors import InputNotFound
from geo.read import ReadResult, input_files, read_bytes, read_path

#: Large JSONL and CSV files are split into ranges of about this many bytes (~2,000 news articles):
#: big enough that a task's start-up cost vanishes, small enough to bound a reader's memory.
PARTITION_BYTES = 8 * 2**20
SPLITTABLE = (".jsonl", ".ndjson", ".csv")
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
    quoted = Path(part.path).suffix.lower() == ".csv"
    with open(part.path, "rb") as f:
        header: list[str] | None = None
        start = _record_start(f, part.start, quoted)
        if quoted:
            header_end = _record_start(f, 1, quoted)
            f.seek(0)
            header = next(csv.reader(io.StringIO(f.read(header_end).decode("utf-8-sig", errors="replace"))), [])
            start = max(start, header_end)
        stop = _record_start(f, part.end, quoted)
        if start >= stop:
            return ReadResult()  # a record longer than the range: the range it starts in owns it
        first_line = _count(f, start, b"\n") + 1
        f.seek(start)
        data = f.read(stop - start)
    return read_bytes(data, part.path, first_line=first_line, header=header)


def _record_start(f: BinaryIO, offset: int, quoted: bool) -> int:
    """The first record start at or after ``offset`` (the end of the file if there is none)."""
    if offset == 0:
        return 0
    quotes = _count(f, offset - 1, b'"') if quoted else 0
    f.seek(offset - 1)
    position = offset - 1
    while block := f.read(_BLOCK):
        at = 0
        while (newline := block.find(b"\n", at)) >= 0:
            quotes += block.count(b'"', at, newline) if quoted else 0
            if quotes % 2 == 0:
                return position + newline + 1
            at = newline + 1
        quotes += block.count(b'"', at) if quoted else 0
        position += len(block)
    return position


def _count(f: BinaryIO, end: int, byte: bytes) -> int:
    """How often ``byte`` occurs in the file before ``end``."""
    f.seek(0)
    count, left = 0, end
    while left > 0:
        block = f.read(min(_BLOCK, left))
        if not block:
            break
        count += block.count(byte)
        left -= len(block)
    return count
