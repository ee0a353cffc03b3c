"""The gazetteer's error family: bad place data or a missing index.

``geo`` treats these as bad input (a clear message, exit status 2), never as a bug; each also
inherits the builtin it stands for, so callers that only know ``ValueError`` still catch it.
"""
from __future__ import annotations


class GazetteerError(Exception):
    """Base of every error the gazetteer package raises on purpose; the message names the fix."""


class SourceError(GazetteerError, ValueError):
    """A place-data file that cannot be read; the message names the file and line."""


class IndexMissing(GazetteerError, FileNotFoundError):
    """No index file where one was expected."""
