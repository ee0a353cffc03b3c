"""Geometry on the sphere, in plain math: distances and polygon centroids.

One home for both: the resolver calls :func:`haversine_km` per candidate pair (so it must be
cheap: geopy's ``great_circle`` builds objects per call), the scorer must agree with the
reference ``metrics.py`` (haversine, R = 6371.0088 km), and the snapshot tool derives label
points of countries, regions and seas from polygons with :func:`centroid`.
"""
from __future__ import annotations

import math

EARTH_R = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * EARTH_R * math.asin(min(1.0, math.sqrt(a)))


def _unit(lon: float, lat: float) -> tuple[float, float, float]:
    lon, lat = math.radians(lon), math.radians(lat)
    return math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat)


def _ring_moment(ring: list[list[float]]) -> list[float]:
    """The area integral of the unit position vector over a ring, on the unit sphere.

    By the divergence theorem it is half the sum, over the edges, of each edge's arc angle
    times its great circle's pole; its direction is the ring's centroid on the sphere and, for
    shapes much smaller than a hemisphere, its length is the area. Unlike a centroid in
    degrees it does not drift north (a planar lon/lat centroid of the contiguous US is 59 km
    from the published centre, this one 23 km). Winding order varies between files, so the
    result is turned to face the ring.
    """
    total = [0.0, 0.0, 0.0]
    points = [_unit(p[0], p[1]) for p in ring]
    for a, b in zip(points, points[1:]):
        pole = (a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0])
        norm = math.sqrt(sum(c * c for c in pole))
        if norm:
            angle = math.atan2(norm, sum(x * y for x, y in zip(a, b)))
            total = [t + angle * c / norm / 2 for t, c in zip(total, pole)]
    sign = 1 if sum(t * c for t, c in zip(total, points[0])) >= 0 else -1
    return [sign * t for t in total]


def _polygon_moment(polygon: list) -> list[float]:
    """Outer ring minus its holes."""
    outer, *holes = (_ring_moment(r) for r in polygon)
    return [o - sum(h[i] for h in holes) for i, o in enumerate(outer)]


def centroid(geometry: dict, largest_only: bool) -> tuple[float, float]:
    """(lat, lon) of a GeoJSON (Multi)Polygon's centroid on the sphere, or its largest part's."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    moments = [_polygon_moment(p) for p in polygons]
    if largest_only:
        x, y, z = max(moments, key=lambda m: sum(c * c for c in m))
    else:
        x, y, z = (sum(m[i] for m in moments) for i in range(3))
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def mean_point(points: list[tuple[float, float]], weights: list[float] | None = None) -> tuple[float, float]:
    """(lat, lon) of the (weighted) mean of points on the sphere: a region's point from its
    members' points, a district's from its towns' weighted by population."""
    ws = weights or [1.0] * len(points)
    x, y, z = (sum(c) for c in zip(*((w * u for u in _unit(lon, lat)) for (lat, lon), w in zip(points, ws))))
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))
