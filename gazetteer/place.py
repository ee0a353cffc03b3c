"""The one record every gazetteer source produces."""
from __future__ import annotations

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
