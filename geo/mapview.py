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
from collections.abc import Sequence
from datetime import date
from typing import Any, ClassVar
from urllib.parse import urlsplit

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import HeatMap
from folium.template import Template

LEAFLET_MARKERCLUSTER = "https://cdnjs.cloudflare.com/ajax/libs/leaflet.markercluster/1.1.0/"
LEAFLET_TIMELINE = "https://cdn.jsdelivr.net/npm/leaflet.timeline@1.6.0/dist/leaflet.timeline.js"
GEONAMES_ATTRIBUTION = 'Places: <a href="https://www.geonames.org/">GeoNames</a> (CC BY 4.0)'
#: Colour-blind-safe-ish categorical palette (Tableau 10), then greys for the overflow.
PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
           "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac")
OTHER_COLOUR = "#7f7f7f"
#: Popup fields of a marker row, after lat, lon, colour (kept positional to keep 50k rows small).
POPUP_FIELDS = ("title", "date", "place", "before", "mention", "after", "url")
SNIPPET_CONTEXT = 160  # characters of sentence kept on each side of the highlighted mention
DAY_MS = 86_400_000


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


def safe_url(url: object) -> str | None:
    """Only absolute http(s) links may become an ``href``: no ``javascript:``, ``data:``, ...."""
    if not isinstance(url, str):
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def palette(df: pd.DataFrame, colour_by: str) -> dict[str, str]:
    """A colour per category of the whole data set (not the view), so filters never recolour."""
    return {c: PALETTE[i] if i < len(PALETTE) else OTHER_COLOUR
            for i, c in enumerate(sorted(set(_categories(df, colour_by))))}


def base_map(bounds: Sequence[Sequence[float]] | None = None, tiles: str | None = "OpenStreetMap") -> folium.Map:
    """The stable part of the map: tiles, attribution, plugin scripts, fitted to ``bounds``.

    ``bounds`` is ``[[south, west], [north, east]]`` of the whole data set, not of a filtered
    view, so that a filter change does not alter this map's script.
    """
    m = folium.Map(location=(20, 20), zoom_start=2, tiles=tiles, control_scale=True,
                   world_copy_jump=True)
    _Support().add_to(m)
    if bounds is not None:
        m.fit_bounds(bounds, padding=(20, 20), max_zoom=9)
    return m


def data_bounds(df: pd.DataFrame) -> list[list[float]] | None:
    lat, lon = df["lat"].dropna().astype(float), df["lon"].dropna().astype(float)
    if lat.empty:
        return None
    return [[lat.min(), lon.min()], [lat.max(), lon.max()]]


def event_layers(df: pd.DataFrame, colour_by: str, palette: dict[str, str], *, heatmap: bool = False,
                 playback: bool = False) -> list[folium.FeatureGroup]:
    """The layers for the rows in ``df`` (those with coordinates): markers or playback, heatmap."""
    df = df[df["lat"].notna() & df["lon"].notna()]
    markers = marker_rows(df, colour_by, palette)
    layers = []
    group = folium.FeatureGroup(name="Events")
    if playback:
        dated = [r + [_day_ms(d)] for r, d in zip(markers, df["event_date"]) if d is not None]
        _Playback(dated).add_to(group)
    else:
        _Markers(markers).add_to(group)
    _Legend([[c, palette.get(c, OTHER_COLOUR)] for c in sorted(set(_categories(df, colour_by)))]).add_to(group)
    layers.append(group)
    if heatmap and not df.empty:
        heat = folium.FeatureGroup(name="Heatmap")
        HeatMap(df[["lat", "lon"]].astype(float).values.tolist(), radius=18, blur=15, min_opacity=0.3).add_to(heat)
        layers.append(heat)
    return layers


def marker_rows(df: pd.DataFrame, colour_by: str, palette: dict[str, str]) -> list[list]:
    """``[lat, lon, colour, *POPUP_FIELDS]`` per row: what the browser needs to draw a popup."""
    out = []
    cols = ("lat", "lon", "title", "event_date", "date_inferred", "time_precision", "place", "country_code",
            "confidence", "geo_precision", "sentence", "mention_start", "mention_end", "url", "event_interval")
    for cat, (lat, lon, title, day, inferred, precision, place, cc, conf, geo_p, sentence, ms, me, url, span) in zip(
            _categories(df, colour_by), zip(*(df[c] for c in cols))):
        before, mention, after = _snippet(sentence or "", ms, me)
        out.append([round(float(lat), 6), round(float(lon), 6), palette.get(cat, OTHER_COLOUR),
                    title or "(untitled)", _date_label(day, inferred, precision, span),
                    _place_label(place, cc, conf, geo_p), before, mention, after, safe_url(url)])
    return out


def _categories(df: pd.DataFrame, colour_by: str) -> pd.Series:
    column = "country_code" if colour_by == "country" else "event_type"
    return df[column].fillna("(none)")


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
    """"2016-07-19, inferred", with the interval it may fall in when that is wider than the day."""
    if not day:
        return "undated"
    label = day if precision in (None, "day") else f"{day} ({precision})"
    if inferred is not True:
        return label
    wide = isinstance(interval, str) and interval != f"{day}/{day}"
    return f"{label}, inferred ({interval})" if wide else f"{label}, inferred"


def _place_label(place: str | None, cc: str | None, confidence: float, geo_precision: object) -> str:
    name = f"{place}, {cc}" if cc else (place or "?")
    if geo_precision not in (None, "exact"):
        name = f"{name} ({geo_precision})"
    return f"{name} · confidence {float(confidence):.2f}"


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
.dl-legend { background: rgba(255,255,255,.9); padding: 4px 8px; font: 12px sans-serif; border-radius: 4px; }
.dl-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%; margin-right: 4px; }
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
    el(box, "b", "dl-title", r[3]);
    el(box, "div", "dl-meta dl-date", r[4]);
    el(box, "div", "dl-meta dl-place", r[5]);
    var s = el(box, "div", "dl-sentence");
    s.appendChild(document.createTextNode(r[6]));
    el(s, "mark", null, r[7]);
    s.appendChild(document.createTextNode(r[8]));
    if (r[9]) {
      var a = el(box, "a", "dl-source", "Source article");
      a.href = r[9]; a.target = "_blank"; a.rel = "noopener noreferrer";
      el(box, "br");
    }
    el(box, "span", "dl-more", "Full text: see the article panel below the map.");
    return box;
  }
  L.dateline = {
    marker: function (r) {
      var m = L.circleMarker([r[0], r[1]], {radius: 7, weight: 1, color: "#222", fillColor: r[2], fillOpacity: 0.85});
      m.bindPopup(function () { return popup(r); }, {maxWidth: 360});
      return m;
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

    def render(self, **kwargs):
        # branca types get_root() as Element; under a map it is the Figure, which has .script
        self.get_root().script.add_child(_Script(self._template.module.script(self, kwargs)), name=self.get_name())  # type: ignore[attr-defined]


class _Markers(_DataLayer):
    """All markers in one marker-cluster group, added in chunks: fast with 50k events."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.markerClusterGroup({chunkedLoading: true, maxClusterRadius: 40});
{{ this.get_name() }}.addLayers({{ this.rows }}.map(L.dateline.marker));
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "EventMarkers"
        self.rows = js_literal(rows)


class _Playback(_DataLayer):
    """Leaflet.timeline with its slider: each event shows for its day while playback runs."""

    _template = Template("""
{% macro script(this, kwargs) %}
var {{ this.get_name() }} = L.timeline({type: "FeatureCollection", features: {{ this.rows }}.map(function (r) {
  return {type: "Feature", geometry: {type: "Point", coordinates: [r[1], r[0]]}, properties: {row: r}};
})}, {
  getInterval: function (f) { var t = f.properties.row[10]; return {start: t, end: t + {{ this.day_ms }} - 1}; },
  pointToLayer: function (f) { return L.dateline.marker(f.properties.row); }
});
{{ this.get_name() }}.addTo({{ this._parent.get_name() }});
var {{ this.get_name() }}_slider = L.timelineSliderControl({
  steps: 200, duration: 20000, showTicks: true, enableKeyboardControls: true,
  formatOutput: function (t) { return new Date(t).toISOString().slice(0, 10); }
});
L.dateline.follow({{ this._parent.get_name() }}, {{ this.get_name() }}_slider, function (slider) {
  slider.addTimelines({{ this.get_name() }});
});
{% endmacro %}
""")

    def __init__(self, rows: list[list]):
        super().__init__()
        self._name = "EventPlayback"
        self.rows = js_literal(rows)
        self.day_ms = DAY_MS


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
