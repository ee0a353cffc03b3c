"""The gazetteer's error family: bad place data or a missing index.

``geo`` treats these as bad input (a clear message, exit status 2), never as a bug; each also
inherits the builtin it stands for, so callers that only know ``ValueError`` still catch it.
"""
from __future__ import annotations

import logging
from collections.abc import Callable

log = logging.getLogger("gazetteer")


class GazetteerError(Exception):
    """Base of every error the gazetteer package raises on purpose; the message names the fix."""


class SourceError(GazetteerError, ValueError):
    """A place-data file that cannot be read; the message names the file and line."""


class IndexMissing(GazetteerError, FileNotFoundError):
    """No index file where one was expected."""


#: What a source does with a bad row: None raises it; a callable receives it and the source goes on.
OnReject = Callable[[SourceError], None] | None


def reject_or_raise(error: SourceError, on_reject: OnReject) -> None:
    if on_reject is None:
        raise error
    on_reject(error)


class RejectLog:
    """Counts rejected rows and logs the first ``limit`` with their file and line: a 13-million
    row dump with a systematic fault must not flood the terminal, nor hide that rows were skipped."""

    def __init__(self, limit: int = 20):
        self.count, self.limit = 0, limit

    def __call__(self, error: SourceError) -> None:
        self.count += 1
        if self.count <= self.limit:
            log.warning("%s; row skipped", error)
        elif self.count == self.limit + 1:
            log.warning("more rows rejected; only the first %d are listed", self.limit)
