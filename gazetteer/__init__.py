"""Place data for Dateline: GeoNames-format sources, an on-disk index and name lookup.

This package never imports ``geo``: the geoparser depends on the gazetteer, not the reverse.
"""
from gazetteer.place import Place

__all__ = ["Place"]
