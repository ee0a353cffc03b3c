"""The one record every gazetteer source produces."""
from __future__ import annotations

import math
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Place:
    """A named point from a gazetteer, in GeoNames terms.

    ``id`` is stable across sources (``geonames:99072``, ``airport:ORQW``) because not every
    source has a GeoNames id; ``geonameid`` is set only when the place really is a GeoNames row,
    so exports never invent one.
    """

    id: str
    name: str
    lat: float
    lon: float
    country_code: str = ""
    feature_class: str = ""  # GeoNames class: P populated place, A admin area, S spot (air base)...
    feature_code: str = ""  # GeoNames code: PPLC, PPLA, ADM1, PCLI, AIRB...
    population: int = 0
    admin1: str = ""  # GeoNames admin1 code, e.g. "15" for Nineveh in IQ
    geonameid: int | None = None
    source: str = "geonames"
    alternate_names: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def is_country(self) -> bool:
        return self.feature_code.startswith("PCL")

    @property
    def is_region(self) -> bool:
        """A water body or a named region ("Red Sea", "Middle East"): an area with no population."""
        return self.feature_class in ("H", "L", "T") and self.feature_code != "CONT"

    @property
    def is_admin(self) -> bool:
        return self.feature_class == "A" and not self.is_country


def coordinate_problem(lat: float, lon: float) -> str | None:
    """Why ``(lat, lon)`` is no WGS84 point (NaN, infinite, out of range), or None if it is one.

    Every source checks its rows with this before they reach the index, so a bad row is
    refused with its file and line instead of surfacing later as invalid GeoJSON.
    """
    if not (math.isfinite(lat) and math.isfinite(lon)):
        return f"coordinates ({lat}, {lon}) are not finite numbers"
    if not -90.0 <= lat <= 90.0:
        return f"latitude {lat} is outside -90..90"
    if not -180.0 <= lon <= 180.0:
        return f"longitude {lon} is outside -180..180"
    return None
