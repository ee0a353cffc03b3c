"""Place data for Dateline: GeoNames-format sources, an on-disk index and name lookup.

This package never imports ``geo``: the geoparser depends on the gazetteer, not the reverse.
"""
from gazetteer.aliases import save_alias
from gazetteer.build import ATTRIBUTION, open_default
from gazetteer.index import Candidate, Gazetteer
from gazetteer.place import Place

__all__ = ["ATTRIBUTION", "Candidate", "Gazetteer", "Place", "open_default", "save_alias"]
