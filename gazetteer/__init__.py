"""Place data for Dateline: GeoNames-format sources, an on-disk index and name lookup.

This package never imports ``geo``: the geoparser depends on the gazetteer, not the reverse.
"""
from gazetteer.aliases import save_alias
from gazetteer.build import ATTRIBUTION, open_default
from gazetteer.errors import GazetteerError, IndexMissing, SourceError
from gazetteer.index import SQLiteGazetteer
from gazetteer.lookup import Candidate, Gazetteer, NameIndex, lookup
from gazetteer.memory import MemoryGazetteer
from gazetteer.place import Place

__all__ = ["ATTRIBUTION", "Candidate", "Gazetteer", "GazetteerError", "IndexMissing", "MemoryGazetteer",
           "NameIndex", "Place", "SQLiteGazetteer", "SourceError", "lookup", "open_default",
           "save_alias"]
