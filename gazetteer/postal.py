"""US postal towns: the place source of ``pip install "dateline[full]"``.

Local US news names towns below GeoNames cities500's population floor ("Rineyville",
"Lanexa, Virginia"); the ``zipcodes`` package (MIT) carries the USPS city name of every ZIP
code with a GeoNames postal point (CC BY 4.0). A town here is one (state, USPS city name);
its point is the median of its ZIP points, as for the committed US counties.

What is added is filtered, because every name in the index is also a name the recogniser
will find in text and the resolver will weigh against the places already there:

- the 50 states and DC only (territories have their own GeoNames country codes; APO/FPO
  military ZIPs are no towns), only STANDARD and PO BOX ZIPs (a UNIQUE ZIP is one
  organisation's: "Holtsville" for the IRS), and only ZIPs with a point (the data writes a
  missing one as 0, 0: "Apo, NJ");
- no town the index already holds: the same folded name within :data:`SAME_TOWN_KM`;
- no namesake of a well-known place: a name that is a country's, an admin-1 region's, a
  water body's or region's, or that of a place of :data:`MAJOR_POPULATION` or more
  ("Moscow", "Lebanon", "Jordan", "Paris"). Such a name in a world story means the big
  place; on the dev sets these towns reached no gold toponym the index missed;
- no one-word name that is a common English word or name ("Call", "Power", "Media",
  "Carter", "Emma"): its frequency in English text (``wordfreq``'s Zipf scale) is
  :data:`WORD_ZIPF` or more. Towns the index lacks are small, their names rare in text
  ("Lanexa", "Rineyville" are 0, "Flemington" 2.5); a town named like a word would be found
  in every headline that uses the word, and a wrong town in an article pulls the article's
  other names towards its state. Only the name's frequency is used; no word list enters the index.

Their population is unknown (0), so a resolver ranks them below any town with one.
"""
from __future__ import annotations

import re
import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping

from gazetteer.geometry import haversine_km
from gazetteer.normalise import fold
from gazetteer.place import Place, coordinate_problem
from gazetteer.sources import usable_names

#: The 50 states and DC; territories' places are not US places in GeoNames (PR, GU, VI...).
US_STATES = frozenset("AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH "
                      "NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY".split())
#: ZIP types that belong to a town (not UNIQUE: one organisation's; not MILITARY: APO/FPO).
TOWN_ZIP_TYPES = frozenset({"STANDARD", "PO BOX"})
#: An indexed place of the same name this close is the same town (a town's ZIPs spread a few km).
SAME_TOWN_KM = 25.0
#: A place this big owns its name: a postal namesake would only be a wrong answer.
MAJOR_POPULATION = 100_000
#: A one-word name this frequent in English (Zipf: log10 of uses per billion words) is a word or a
#: person's name first: "Barnett" 3.4, "Carter" 4.4, "Call" 5.5; the towns gained are below 3.
WORD_ZIPF = 3.0
#: USPS writes "Mc Lean", GeoNames and news "McLean".
_MC = re.compile(r"\bMc (?=[A-Z])")
#: USPS city names are letters, spaces, apostrophes, hyphens and periods; anything else
#: ("Wilkes Barre Pa S&Dc") is a mail-processing label, not a town.
_TOWN_NAME = re.compile(r"[A-Za-z][A-Za-z .'-]*")

#: The places already indexed under a folded name.
Indexed = Callable[[str], list[Place]]


def postal_towns(zips: Iterable[Mapping[str, object]], indexed: Indexed,
                 zipf: Callable[[str], float]) -> Iterator[Place]:
    """The filtered towns of ``zips`` (records as ``zipcodes.filter_by()`` gives them);
    ``zipf`` gives a word's frequency in English on the Zipf scale."""
    points: dict[tuple[str, str], list[tuple[float, float]]] = defaultdict(list)
    for z in zips:
        state, city = str(z.get("state") or ""), _MC.sub("Mc", str(z.get("city") or "").strip())
        if state in US_STATES and z.get("zip_code_type") in TOWN_ZIP_TYPES and _TOWN_NAME.fullmatch(city):
            lat, lon = _number(z.get("lat")), _number(z.get("long"))
            if lat is not None and lon is not None and (lat, lon) != (0, 0) and coordinate_problem(lat, lon) is None:
                points[(state, city)].append((lat, lon))
    for (state, city), pts in sorted(points.items()):
        lat, lon = round(statistics.median(p[0] for p in pts), 4), round(statistics.median(p[1] for p in pts), 4)
        folded = fold(city)
        if " " not in folded and zipf(folded) >= WORD_ZIPF:
            continue
        known = indexed(folded)
        if any(_owns_name(p) for p in known) or any(haversine_km(lat, lon, p.lat, p.lon) < SAME_TOWN_KM for p in known):
            continue
        yield Place(id=f"uspostal:{state}:{city}", name=city, lat=lat, lon=lon, country_code="US",
                    feature_class="P", feature_code="PPL", admin1=state, source="zipcodes",
                    alternate_names=usable_names(city, []))


def _owns_name(p: Place) -> bool:
    return p.is_country or p.feature_code in ("ADM1", "CONT") or p.is_region or p.population >= MAJOR_POPULATION


def _number(value: object) -> float | None:
    try:
        return float(str(value))
    except ValueError:
        return None


def iter_us_postal_towns(indexed: Indexed) -> Iterator[Place]:
    """:func:`postal_towns` over the ``zipcodes`` package, word frequencies from ``wordfreq``
    (both installed by the ``full`` extra)."""
    import zipcodes
    from wordfreq import zipf_frequency

    yield from postal_towns(zipcodes.filter_by(), indexed, lambda word: zipf_frequency(word, "en"))
