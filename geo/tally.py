"""Counts in = counts out: every input record is one article with events or one problem.

The CLI prints this in its summary line and tests assert it, so a record that vanishes (or
comes out twice) shows up as a mismatch instead of a quieter map.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

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
