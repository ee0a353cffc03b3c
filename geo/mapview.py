"""Folium layers for the event map; the only module that imports folium.

The map is built in two parts because streamlit-folium remounts the map (resetting the view)
whenever the base map's script changes: :func:`base_map` depends only on the data set, while
:func:`event_layers` (markers, heatmap, playback) changes with every filter and is sent to the
page as separate feature groups.

Article text never becomes HTML. It reaches the browser only through :func:`js_literal`, as
data inside a JSON literal, and the popup is assembled in the browser with ``textContent``; so
``<img onerror>``, ``${...}``, backticks and backslashes in a title are just characters.
"""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from datetime import date
from functools import lru_cache
from typing import Any, ClassVar
from urllib.parse import urlsplit

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import HeatMap
from folium.template import Template

from geo import filters

LEAFLET_MARKERCLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
LEAFLET_TIMELINE = "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.js"
GEONAMES_ATTRIBUTION = 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
#: Colour-blind-safe-ish categorical palette (Tableau 10, its grey left for "other").
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f")
OTHER_COLOUR = "#7f7f7f"
MENTION_COLOUR = "#9a9a9a"
#: Popup fields of a marker row, after lat, lon, colour (kept positional to keep 50k rows small).
POPUP_FIELDS = ("id", "title", "what", "date", "place", "before", "mention", "after", "url")
SNIPPET_CONTEXT = 160  # characters of sentence kept on each side of the highlighted mention
DAY_MS = 86_400_000
FRAME_MS = 500  # playback: time on screen per step
#: How a place is phrased in a popup, by geo_precision.
PLACE_PHRASES = {"exact": "in {}", "near": "near {}", "container": "in {} (the spot itself is not in the gazetteer)",
                 "admin": "in {} (the region as a whole)", "country": "somewhere in {} (country only)",
                 "region": "in the {} (a sea or region: its label point)",
                 "coreference": "in {} (the article's \"the city\")"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


#: Characters that mean something to an HTML parser, a template literal or Jinja, as JS escapes.
_JS_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"), ("`", "\\u0060"),
               ("$", "\\u0024"), ("{", "\\u007b"), ("}", "\\u007d"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def js_literal(value: object) -> str:
    """The one escaping helper: strings, numbers, None and lists of them as a JavaScript literal
    that is inert in every context (not dicts: their own braces would be escaped too).

    JSON string escapes are valid JavaScript, so ``\\u003c`` for ``<`` keeps ``</script>`` out of
    an inline script, and ``\\u0060``/``\\u0024`` stop a backtick or ``${`` from closing or
    interpolating a template literal. Braces are escaped because folium (via branca) compiles
    every rendered script as a Jinja template: a ``{{ ... }}`` in a title would otherwise be run
    on the server, or crash the page with a TemplateSyntaxError.
    """
    text = json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    for char, escape in _JS_ESCAPES:  # str.replace, not translate: 20x faster on 50k markers
        text = text.replace(char, escape)
    return text


@lru_cache(maxsize=65536)  # an article's events share its URL: 0.5 s less per 50k-event filter change
def safe_url(url: object) -> str | None:
    """Only absolute http(s) links may become an ``href``: no ``javascript:``, ``data:``, ...."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def palette(df: pd.DataFrame, colour_by: str) -> dict[str, str]:
    """A colour per category of the whole data set (not the view), so filters never recolour.

    Event types take the palette in name order; countries take it by frequency, the most
    frequent first, and every other country shares the grey of "other".
    """
    if colour_by == "country":
        top = filters.country_categories(df, len(PALETTE)).value_counts()
        names = [c for c in top.index if c != filters.OTHER_COUNTRIES]
        return {**{c: PALETTE[i] for i, c in enumerate(names)}, filters.OTHER_COUNTRIES: OTHER_COLOUR}
    return {c: PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR
            for i, c in enumerate(sorted(set(_categories(df, colour_by, {}))))}


def base_map(bounds: Sequence[Sequence[float]] | None = None, tiles: str | None = "OpenStreetMap") -> folium.Map:
    """The stable part of the map: tiles, attribution, plugin scripts, fitted to ``bounds``.

    ``bounds`` frames the whole data set's events (:func:`geo.filters.fit_bounds`), not a
    filtered view, so that a filter change does not alter this map's script.
    """
    m = folium.Map(location=(20, 20), zoom_start=2, tiles=tiles, control_scale=True,
                   world_copy_jump=True)
    _Support().add_to(m)
    if bounds is not None:
        m.fit_bounds(bounds, padding=(20, 20), max_zoom=9)
    return m


def event_layers(df: pd.DataFrame, colour_by: str, palette: dict[str, str], *, others: pd.DataFrame | None = None,
                 heatmap: bool = False, playback: bool = False, fit: bool = True, step_days: int = 1,
                 window_days: int = 1, markers_js: str | None = None) -> list[folium.FeatureGroup]:
    """The layers for the events in ``df`` (those with coordinates) and, if given, the ``others``
    (mentions, background, planned) as small grey dots.

    ``fit`` re-fits the map to what is drawn when the layers arrive (the app turns it off while
    the URL's view stands). Playback steps ``step_days`` per frame and keeps an event on the map
    for ``window_days``. ``markers_js`` is :func:`marker_js` of the same ``df``, colouring and
    palette, when the caller keeps it (the app shares it across sessions).
    """
    df = filters.mappable(df)
    group = folium.FeatureGroup(name="Events")
    if playback:
        dated = [r + [_day_ms(d)] for r, d in zip(marker_rows(df, colour_by, palette), df["event_date"])
                 if d is not None]
        _Playback(dated, step_days, window_days).add_to(group)
    else:
        _Markers(marker_js(df, colour_by, palette) if markers_js is None else markers_js).add_to(group)
    legend = [[_legend_label(c, colour_by), palette.get(c, OTHER_COLOUR)]
              for c in sorted(set(_categories(df, colour_by, palette)), key=_legend_order(palette))]
    layers = [group]
    if others is not None:
        others = filters.mappable(others)
        mentions = folium.FeatureGroup(name="Other place mentions")
        _Mentions(marker_rows(others, colour_by, {}, colour=MENTION_COLOUR)).add_to(mentions)
        layers.append(mentions)
        legend.append(["other place mention", MENTION_COLOUR])
    _Legend(legend).add_to(group)
    shown = pd.concat([df, others]) if others is not None else df
    _Fit(filters.fit_bounds(shown) if fit else None, "" if len(shown) else "No events match these filters.",
         ).add_to(group)
    if heatmap and not df.empty:
        heat = folium.FeatureGroup(name="Heatmap")
        HeatMap(df[["lat", "lon"]].astype(float).values.tolist(), radius=18, blur=15, min_opacity=0.3).add_to(heat)
        layers.append(heat)
    return layers


def marker_js(df: pd.DataFrame, colour_by: str, palette: dict[str, str]) -> str:
    """The marker layer's data, the mappable rows of ``df`` as one JavaScript literal.

    A string because it is what a session's script run spends most on (50k lists of popup
    fields, then 15 MB of text): one string can be kept and shared by every visitor who sees
    the same view, where the folium objects around it cannot (st_folium mutates them).
    """
    return js_literal(marker_rows(filters.mappable(df), colour_by, palette))


def marker_rows(df: pd.DataFrame, colour_by: str, palette: dict[str, str], colour: str | None = None) -> list[list]:
    """``[lat, lon, colour, *POPUP_FIELDS]`` per row: what the browser needs to draw a popup."""
    out = []
    cols = ("lat", "lon", "event_id", "title", "event_type", "sub_event_type", "fatalities", "actors", "role",
            "event_date", "date_inferred", "time_precision", "place", "country_code", "confidence",
            "geo_precision", "sentence", "mention_start", "mention_end", "url", "event_interval", "trigger")
    for cat, (lat, lon, eid, title, kind, sub, dead, actors, role, day, inferred, precision, place, cc, conf, geo_p,
              sentence, ms, me, url, span, trigger) in zip(_categories(df, colour_by, palette),
                                                          zip(*(df[c] for c in cols))):
        before, mention, after = _snippet(sentence or "", ms, me)
        out.append([round(float(lat), 6), round(float(lon), 6), colour or palette.get(cat, OTHER_COLOUR), eid,
                    title or "(untitled)", _what(kind, sub, dead, actors, role, trigger),
                    _date_label(day, inferred, precision, span), _place_label(place, cc, conf, geo_p), before, mention,
                    after, safe_url(url)])
    return out


def _categories(df: pd.DataFrame, colour_by: str, palette: dict[str, str]) -> pd.Series:
    if colour_by == "country":
        return df["country_code"].where(df["country_code"].isin(palette.keys()), filters.OTHER_COUNTRIES)
    return df["event_type"].fillna("(no type)")


def _legend_label(category: str, colour_by: str) -> str:
    return filters.country_label(category) if colour_by == "country" and category != filters.OTHER_COUNTRIES \
        else category


def _legend_order(palette: dict[str, str]) -> Callable[[str], int]:
    order = {c: i for i, c in enumerate(palette)}
    return lambda c: order.get(c, len(order))


def _what(kind: object, sub: object, dead: object, actors: object, role: object, trigger: object = None) -> str:
    """"Battles: Armed clash · 12 killed · Islamic State; SDF · why: clashes [rule Armed clash]", or
    why it is not drawn as an event. The trigger lets an analyst see what made it an event."""
    parts = [": ".join(str(x) for x in (kind, sub) if x) or "Event of unknown type"]
    if role != filters.EVENT_ROLE:
        parts = [f"Place {role or 'mention'} (not an event here)"]
    if dead not in (None, "") and not (isinstance(dead, float) and math.isnan(dead)):
        parts.append(f"{int(str(dead))} killed")
    if actors:
        parts.append(f"actors: {actors}")
    if isinstance(trigger, str) and trigger:
        parts.append(f"why: {trigger}")
    return " · ".join(parts)


def _snippet(sentence: str, start: Any, end: Any) -> tuple[str, str, str]:
    # start/end are frame cells, whatever pandas holds (int, float NaN, None): int() is the check
    try:
        s, e = int(start), int(end)
    except (TypeError, ValueError):
        s = e = 0
    if not 0 <= s <= e <= len(sentence):
        s = e = 0
    before, after = sentence[:s], sentence[e:]
    if len(before) > SNIPPET_CONTEXT:
        before = "…" + before[-SNIPPET_CONTEXT:]
    if len(after) > SNIPPET_CONTEXT:
        after = after[:SNIPPET_CONTEXT] + "…"
    return before, sentence[s:e], after


def _date_label(day: str | None, inferred: object, precision: object, interval: object = None) -> str:
    """The date at its precision: "2016-07-19", "week of 2016-07-18", "July 2016", "2016"; an
    inferred one with the interval it may fall in when that is wider than the day."""
    if not day:
        return "undated"
    if precision == "year":
        label = day[:4]
    elif precision == "month":
        label = f"{MONTHS[int(day[5:7]) - 1]} {day[:4]}"
    elif precision == "week":
        label = f"week of {day}"
    else:
        label = day
    if inferred is not True:
        return label
    wide = isinstance(interval, str) and interval != f"{day}/{day}"
    return f"{label}, inferred from the text ({interval})" if wide else f"{label}, inferred from the text"


@lru_cache(maxsize=65536)
def _place_label(place: str | None, cc: str | None, confidence: object, geo_precision: object) -> str:
    country = filters.country_label(cc) if cc else ""
    name = (f"{place}, {country}" if country and country != place else (place or country or "?"))
    phrase = PLACE_PHRASES.get(str(geo_precision), "in {}")
    if geo_precision == "country":
        name = country or place or "?"
    return f"{phrase.format(name)} · confidence {float(confidence):.2f}"  # type: ignore[arg-type]


def _day_ms(day: str) -> int:
    return (date.fromisoformat(day) - date(1970, 1, 1)).days * DAY_MS


class _Support(JSCSSMixin, MacroElement):
    """Plugin scripts, popup styling and the browser-side popup builder, loaded once per map.

    streamlit-folium loads scripts only when the map mounts, so every plugin a later feature
    group may use is declared here. The popup builder uses ``textContent`` only.
    """

    # folium declares these on JSCSSMixin without ClassVar; they are class-level constants here.
    default_js: ClassVar[list[tuple[str, str]]] = [  # type: ignore[misc]
        ("markerclusterjs", LEAFLET_MARKERCLUSTER + "leaflet.markercluster.js"),
        ("leaflet-heat.js", HeatMap.default_js[0][1]),
        ("leaflet-timeline", LEAFLET_TIMELINE),
    ]
    default_css: ClassVar[list[tuple[str, str]]] = [  # type: ignore[misc]
        ("markerclustercss", LEAFLET_MARKERCLUSTER + "MarkerCluster.css"),
        ("markerclusterdefaultcss", LEAFLET_MARKERCLUSTER + "MarkerCluster.Default.css"),
    ]
    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.dl-popup { font: 13px/1.4 sans-serif; max-width: 340px; }
.dl-popup .dl-title { display: block; font-size: 14px; margin-bottom: 4px; }
.dl-popup .dl-meta { color: #555; }
.dl-popup .dl-sentence { margin: 6px 0; }
.dl-popup mark { background: #ffe066; padding: 0 1px; }
.dl-popup .dl-more { color: #555; font-style: italic; }
.dl-legend, .dl-note { background: rgba(255,255,255,.92); padding: 4px 8px; font: 12px sans-serif; border-radius: 4px; }
.dl-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
.dl-note { font-size: 15px; padding: 8px 12px; box-shadow: 0 1px 4px rgba(0,0,0,.3); }
.dl-cluster { background: rgba(40,40,40,.25); border-radius: 50%; }
.dl-cluster div { background: #333; color: #fff; border-radius: 50%; width: 30px; height: 30px; margin: 5px;
  text-align: center; font: bold 12px/30px sans-serif; }
.leaflet-control.timecontrol { background: rgba(255,255,255,.95); padding: 6px 10px; border-radius: 6px;
  font: 14px sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,.35); }
.leaflet-control.timecontrol button { font-size: 16px; min-width: 30px; min-height: 28px; cursor: pointer; }
.leaflet-control.timecontrol output { font-weight: bold; margin-left: 8px; }
.leaflet-control.timecontrol input[type=range] { width: 420px; vertical-align: middle; }
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function (map) {
  map.attributionControl.addAttribution({{ this.attribution }});
  function el(parent, tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function popup(r) {
    var box = el(null, "div", "dl-popup");
    el(box, "b", "dl-title", r[4]);
    el(box, "div", "dl-meta dl-what", r[5]);
    el(box, "div", "dl-meta dl-date", r[6]);
    el(box, "div", "dl-meta dl-place", r[7]);
    var s = el(box, "div", "dl-sentence");
    s.appendChild(document.createTextNode(r[8]));
    el(s, "mark", null, r[9]);
    s.appendChild(document.createTextNode(r[10]));
    if (r[11]) {
      var a = el(box, "a", "dl-source", "Source article");
      a.href = r[11]; a.target = "_blank"; a.rel = "noopener noreferrer";
      el(box, "br");
    }
    el(box, "span", "dl-more", "Full text: see the article panel below the map.");
    return box;
  }
  var clicks = 0;
  var LOAD_BATCH = 2000;  // markers per addLayers call: about 0.1 s of a loaded 2-core machine
  L.dateline = {
    // streamlit-folium returns the clicked layer's popup content's innerText; the content is
    // this function, so its innerText is set to the event id (and a click count, so clicking
    // the same marker again after picking another event still reaches the app).
    marker: function (r, style) {
      var m = L.circleMarker([r[0], r[1]], style || {radius: 7, weight: 1, color: "#222", fillColor: r[2], fillOpacity: 0.85});
      var content = function () { return popup(r); };
      content.innerText = r[3] + "\\n0";
      m.bindPopup(content, {maxWidth: 360});
      m.on("click", function () { clicks += 1; content.innerText = r[3] + "\\n" + clicks; });
      return m;
    },
    // Neutral cluster bubbles: the legend's colours stay for event types (or countries).
    // The rows go in by batches, each one whole ``addLayers`` call, between which the cluster
    // tree is complete. markercluster 1.1.0's own chunkedLoading leaves the clusters it has
    // made so far without bounds until its last chunk, so a zoom or move in between fails in
    // ``_recursively`` ("reading 'lat'", upstream issue #743; the base map's first fitBounds ends
    // during a large load), and a removal in between makes later chunks fail (issue #1017, open
    // in 1.5.3). So: no batch during a zoom animation, none while the group is off the map
    // (a filter change removed it; a re-add goes on where it stopped).
    cluster: function (rows) {
      var group = L.markerClusterGroup({maxClusterRadius: 40, iconCreateFunction: function (c) {
        var box = el(null, "div"); el(box, "div", null, String(c.getChildCount()));
        return L.divIcon({html: box.outerHTML, className: "marker-cluster dl-cluster", iconSize: L.point(40, 40)});
      }});
      var next = 0, waiting = false;
      function load() {
        waiting = false;
        var map = group._map;
        if (!map || next >= rows.length) { return; }
        if (map._animatingZoom || group._inZoomAnimation) { waiting = true; setTimeout(load, 50); return; }
        group.unspiderfy();  // markers added to a spiderfied cluster would leave its legs behind
        var batch = rows.slice(next, next + LOAD_BATCH).map(function (r) { return L.dateline.marker(r); });
        next += batch.length;
        group.addLayers(batch);
        if (next < rows.length) { waiting = true; setTimeout(load, 0); }
      }
      group.on("add", function () { if (!waiting) { waiting = true; setTimeout(load, 0); } });
      return group;
    },
    note: function (text) {
      var c = L.control({position: "topright"});
      c.onAdd = function () { return el(null, "div", "dl-note", text); };
      return c;
    },
    // A control that lives as long as the feature group carrying it, so replacing the layers
    // on a filter change does not leave an old legend or time slider on the map.
    follow: function (group, control, ready) {
      group.on("add", function () { control.addTo(group._map); if (ready) { ready(control); } });
      group.on("remove", function () { control.remove(); });
    },
    legend: function (items) {
      var c = L.control({position: "bottomright"});
      c.onAdd = function () {
        var box = el(null, "div", "dl-legend");
        items.forEach(function (it) {
          var row = el(box, "div");
          el(row, "i").style.background = it[1];
          row.appendChild(document.createTextNode(it[0]));
        });
        return box;
      };
      return c;
    }
  };
  // The view goes into the page URL without a rerun, so a copied link reopens it.
  map.on("moveend", function () {
    var c = map.getCenter();
    [window.parent, window.top].forEach(function (w) {
      try {
        var u = new URL(w.location.href);
        u.searchParams.set("lat", c.lat.toFixed(5));
        u.searchParams.set("lon", c.lng.toFixed(5));
        u.searchParams.set("zoom", String(map.getZoom()));
        w.history.replaceState(w.history.state, "", u.toString());
      } catch (e) { /* a cross-origin host page keeps its own URL */ }
    });
  });
})({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self):
        super().__init__()
        self._name = "DatelineSupport"
        self.attribution = js_literal(GEONAMES_ATTRIBUTION)


class _Script(Element):
    """Script text added to the page as it is."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs: object) -> str:
        return self.text


class _DataLayer(MacroElement):
    """A layer whose script carries article data.

    branca's MacroElement would wrap the rendered script in a new Jinja template (compiling
    13 MB of text for 50k events, about half the time of a filter change, and a second chance
    for template syntax in the data); this adds the rendered script as plain text instead.
    """

    def render(self, **kwargs: object) -> None:  # type: ignore[override]
        self.get_root().script.add_child(  # type: ignore[attr-defined]  # the root is a Figure
            _Script(self._template.module.script(self, kwargs)), name=self.get_name())


class _Markers(_DataLayer):
    """All events in one marker-cluster group, added in batches: fast with 50k events.

    Markers on one point form a cluster that spiderfies on click, so each stays clickable.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
L.dateline.cluster({{ this.rows }}).addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, rows_js: str):
        """``rows_js``: :func:`marker_js` of the events."""
        super().__init__()
        self._name = "EventMarkers"
        self.rows = rows_js


class _Mentions(_DataLayer):
    """Places merely named (and background or planned events): small grey dots on one canvas."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }}_canvas = L.canvas({padding: 0.3});
{{ this.rows }}.forEach(function (r) {
  L.dateline.marker(r, {renderer: {{ this.get_name() }}_canvas, radius: 3, weight: 0, fillColor: r[2],
                        fillOpacity: 0.7}).addTo({{ this._parent.get_name() }});
});
{% endmacro %}
""")

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "MentionMarkers"
        self.rows = js_literal(rows)


class _Playback(_DataLayer):
    """Leaflet.timeline with its slider: each event shows for a window from its day.

    The slider steps ``step_days`` per frame (a day over weeks, a week over years), so playback
    takes about the same time per step whatever the range.
    """

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.timeline({type: "FeatureCollection", features: {{ this.rows }}.map(function (r) {
  return {type: "Feature", geometry: {type: "Point", coordinates: [r[1], r[0]]}, properties: {row: r}};
})}, {
  getInterval: function (f) { var t = f.properties.row[12]; return {start: t, end: t + {{ this.window_ms }} - 1}; },
  pointToLayer: function (f) { return L.dateline.marker(f.properties.row); }
});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
var {{ this.get_name() }}_slider = L.timelineSliderControl({
  steps: {{ this.steps }}, duration: {{ this.duration }}, showTicks: false, enableKeyboardControls: true,
  formatOutput: function (t) { return new Date(t).toISOString().slice(0, 10); }
});
L.dateline.follow({{ this._parent.get_name() }}, {{ this.get_name() }}_slider, function (slider) {
  slider.addTimelines({{ this.get_name() }});
});
{% endmacro %}
""")

    def __init__(self, rows: list[list], step_days: int = 1, window_days: int = 1):
        super().__init__()
        self._name = "EventPlayback"
        self.rows = js_literal(rows)
        times = [r[-1] for r in rows]
        span_days = (max(times) - min(times)) // DAY_MS + window_days if times else 1
        self.steps = max(1, span_days // max(1, step_days))
        self.duration = self.steps * FRAME_MS
        self.window_ms = max(1, window_days) * DAY_MS


class _Fit(_DataLayer):
    """Fits the map to what the layers draw when they arrive, and says so when nothing is left."""

    _template = Template("""
{% macro script(this, kwargs) %}
{% if this.bounds != "null" %}{{ this._parent.get_name() }}.on("add", function () {
  this._map.fitBounds({{ this.bounds }}, {padding: [20, 20], maxZoom: 9});
});{% endif %}
{% if this.note != '""' %}L.dateline.follow({{ this._parent.get_name() }}, L.dateline.note({{ this.note }}));{% endif %}
{% endmacro %}
""")

    def __init__(self, bounds: list[list[float]] | None, note: str):
        super().__init__()
        self._name = "EventFit"
        self.bounds = js_literal(bounds)
        self.note = js_literal(note)


class _Legend(_DataLayer):
    _template = Template("""
{% macro script(this, kwargs) %}
L.dateline.follow({{ this._parent.get_name() }}, L.dateline.legend({{ this.items }}));
{% endmacro %}
""")

    def __init__(self, items: list[list[str]]):
        super().__init__()
        self._name = "EventLegend"
        self.items = js_literal(items)
