"""Counts in = counts out: every input record is one article with events or one problem.

The CLI prints this in its summary line and tests assert it, so a record that vanishes (or
comes out twice) shows up as a mismatch instead of a quieter map.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from geo.records import ArticleResult, Problem

if TYPE_CHECKING:
    from geo.pipeline import Batch


@dataclass(frozen=True)
class Tally:
    records: int  # what came in: articles read plus records the readers refused
    with_events: int  # articles that gave at least one event
    problems: int  # records that gave none, each with its reason
    events: int

    @property
    def balanced(self) -> bool:
        return self.records == self.with_events + self.problems

    def summary(self) -> str:
        line = (f"{self.records:,} records in = {self.with_events:,} articles with events "
                f"+ {self.problems:,} problems; {self.events:,} events")
        return line if self.balanced else line + " (MISMATCH: a record was lost or doubled; this is a bug, please report it)"


def tally(batch: Batch) -> Tally:
    """The books of one run. Read problems are the ones no article result carries."""
    attached = sum(len(r.problems) for r in batch.results)
    return Tally(records=len(batch.results) + len(batch.problems) - attached,
                 with_events=sum(1 for r in batch.results if r.events),
                 problems=len(batch.problems), events=sum(len(r.events) for r in batch.results))


@dataclass
class Books:
    """Running counts of a streamed run, one input record at a time (the CLI's closing lines)."""

    articles: int = 0
    with_events: int = 0
    events: int = 0
    problems: int = 0
    read_problems: int = 0  # records the readers refused: no article came of them
    failed: int = 0  # articles a stage raised on

    def count(self, item: ArticleResult | Problem) -> None:
        if isinstance(item, Problem):
            self.problems += 1
            self.read_problems += 1
            self.failed += item.failed
            return
        self.articles += 1
        self.with_events += bool(item.events)
        self.events += len(item.events)
        self.problems += len(item.problems)
        self.failed += sum(p.failed for p in item.problems)

    @property
    def tally(self) -> Tally:
        return Tally(records=self.articles + self.read_problems, with_events=self.with_events,
                     problems=self.problems, events=self.events)
