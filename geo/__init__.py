"""Dateline's geoparser: read articles, recognise and resolve place names, date them, make events.

Stages are pure functions over the records in :mod:`geo.records`; :mod:`geo.pipeline` is the
only module that composes them.
"""
