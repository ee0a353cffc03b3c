"""Great-circle distance in plain math: the resolver calls it per candidate pair, so it must
be cheap (geopy's ``great_circle`` builds objects per call), and the scorer must agree with
the reference ``metrics.py`` (haversine, R = 6371.0088 km)."""
from __future__ import annotations

import math

EARTH_R = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_R * math.asin(min(1.0, math.sqrt(a)))
