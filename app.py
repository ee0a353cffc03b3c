"""Dateline's map: ``streamlit run app.py [-- PATH...]`` or ``dateline app [PATH...]``.

Widgets, layout and caching only; filtering lives in geo.filters, the map in geo.mapview and
reading exports in geo.load. Every filter widget is bound to the URL (``bind="query-params"``)
and the map writes its view there too, so a copied link reopens the same view.

The corpus (and its frame) is one object per server process, shared by every visitor through
``st.cache_resource``; a visitor's uploads, corrections and aliases live in their session only.
"""
from __future__ import annotations

import logging
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from gazetteer import ATTRIBUTION, Place, SQLiteGazetteer, save_alias
from geo import filters, load, mapview
from geo.errors import InputError
from geo.export import MEDIA_TYPES, render
from geo.filters import Corpus, Filters, plain_markdown
from geo.pipeline import geoparse_articles, geoparse_paths, open_gazetteer
from geo.read import SUPPORTED_SUFFIXES, ReadResult, read_bytes
from geo.settings import Settings

SEEDS = Path(__file__).parent / "seeds"
#: Also server.maxUploadSize in .streamlit/config.toml. Streamlit counts a "MB" as 2**20 bytes,
#: and so does every message here: geoparsing is per-article CPU, keep uploads small.
MAX_UPLOAD_MB = 5
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024
UPLOAD_LIMIT = f"{MAX_UPLOAD_MB} MB ({MAX_UPLOAD_BYTES:,} bytes)"
#: The picker and the table list at most this many events (each visitor's page holds them);
#: the map, the filters and the downloads always cover the whole view.
MAX_LISTED = 2_000
UPLOAD_TYPES = sorted({s.lstrip(".") for s in (*SUPPORTED_SUFFIXES, *load.EXPORT_SUFFIXES)})
log = logging.getLogger("dateline.app")


@st.cache_resource
def settings() -> Settings:
    """Read once per server process. What to open comes from DATELINE_DATA (``dateline app
    PATH...`` sets it), not from ``sys.argv``: under AppTest that holds the test runner's own
    arguments, which would be taken for paths."""
    return Settings.from_env()


@st.cache_resource
def gazetteer() -> SQLiteGazetteer:
    return open_gazetteer(settings())


@st.cache_resource(show_spinner="Opening the data (the first start also builds the gazetteer)…")
def shared_corpus(paths: tuple[Path, ...]) -> tuple[Corpus, object]:
    """The corpus and its frame, once per process: a resource, so sessions share it, not copies."""
    exports, articles = load.split_paths(paths)
    loaded = load.load_paths(exports)
    batch = geoparse_paths(articles, settings(), gazetteer=gazetteer()) if articles else None
    corpus = Corpus.from_batch(batch, loaded.rows, loaded.problems)
    return corpus, filters.frame(corpus.rows)


@st.cache_resource(max_entries=4)
def shared_markers(paths: tuple[Path, ...], f: Filters, colour_by: str, palette: tuple[tuple[str, str], ...],
                   _events) -> str:
    """The marker layer's data for a view of the shared corpus, built once for every visitor.

    Every visitor opens on the same default view, and building its markers per session (50k
    rows of popup fields, then 15 MB of text, allocated and freed on every script run) is what
    made a second visitor's memory swing from -15 to +82 MB. Keyed by what decides the view;
    ``_events`` (not hashed) follows from them. Four views kept cost ~60 MB at 50k events.
    """
    return mapview.marker_js(_events, colour_by, dict(palette))


def uploaded_corpus(files) -> Corpus | None:
    """Uploads are private, so they stay in this session's state rather than the shared cache.

    A failure is remembered with the files, so reruns show the seed map instead of failing again.
    """
    key = tuple(f.file_id for f in files)
    if not key:
        return None
    if st.session_state.get("upload_key") != key:
        st.session_state.upload_key = key
        st.session_state.corrections = {}
        st.session_state.view = None  # new data: fit the map to it, not to the view in the URL
        try:
            st.session_state.upload = parse_uploads(files)
        except Exception:  # a bug on hostile input must not show the visitor a traceback
            log.exception("upload %s crashed the pipeline", [f.name for f in files])
            st.session_state.upload = None
            st.error("Dateline failed on this upload (an internal error, logged on the server). "
                     "The map shows the previous data; try other files.")
    return st.session_state.upload


def parse_uploads(files) -> Corpus | None:
    read, loaded = ReadResult(), load.Loaded()
    bar = st.progress(0.0, text="Reading…")
    for i, f in enumerate(files, 1):
        name = plain_markdown(f.name)
        if f.size > MAX_UPLOAD_BYTES:
            st.error(f"{name} is {f.size:,} bytes; the limit is {UPLOAD_LIMIT}. Split it and upload the parts.")
            continue
        data = f.getvalue()
        try:
            if load.is_export(f.name, data[:4096]):
                part = load.load_bytes(data, f.name)
                loaded.rows += part.rows
                loaded.problems += part.problems
            else:
                read.extend(read_bytes(data, f.name))
        except InputError as e:
            st.error(f"Could not read {name}: {plain_markdown(e)}")
        bar.progress(i / len(files) / 2, text=f"Read {f.name}")
    if not read.articles and not loaded.rows:
        bar.empty()
        problems = [*read.problems, *loaded.problems]
        if problems:
            st.error("Nothing could be read: " + plain_markdown("; ".join(f"{p.source}: {p.reason}"
                                                                            for p in problems[:5])))
        return None
    batch = None
    if read.articles:
        bar.progress(0.5, text=f"Geoparsing {len(read.articles)} articles…")
        batch = geoparse_articles(read.articles, settings(), gazetteer=gazetteer(), progress=lambda done, total: (
            bar.progress(0.5 + done / total / 2, text=f"Geoparsed {done} of {total} articles")))
        batch.problems[:0] = read.problems
    bar.empty()
    return Corpus.from_batch(batch, loaded.rows, loaded.problems if batch else [*read.problems, *loaded.problems])


def all_dates():
    st.session_state.dates = st.session_state.date_bounds


def sidebar_filters(df) -> tuple[Filters, dict]:
    sb = st.sidebar
    sb.header("Filters")
    labels = filters.place_labels(df)
    countries = sb.multiselect("Country", sorted(filters.options(df, "country_code"), key=filters.country_label),
                               format_func=filters.country_label,
                               key="country", bind="query-params")
    places = sb.multiselect("Place", sorted(labels, key=labels.get), format_func=labels.get, key="place",
                            bind="query-params", help="Type a name as the articles write it, e.g. Qayara.")
    types = sb.multiselect("Event type", sorted(filters.event_types(df).unique()), key="type", bind="query-params")
    text = sb.text_input("Search titles, sentences and place names", key="q", bind="query-params")
    conf = sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="conf", bind="query-params")
    bounds, window = filters.date_bounds(df), filters.date_window(df)
    start = end = None
    if bounds and window:
        st.session_state.date_bounds = bounds
        start, end = sb.slider("Event dates", min_value=bounds[0], max_value=bounds[1], value=window,
                               format="YYYY-MM-DD", key="dates", bind="query-params",
                               help="Opens on the span of the articles' publication dates.")
        if (start, end) != bounds:
            sb.button(f"All dates ({bounds[0]:%Y-%m-%d} to {bounds[1]:%Y-%m-%d})", on_click=all_dates,
                      key="all_dates")
    else:
        sb.caption("No event in this data has a date.")
    undated = sb.checkbox("Show undated events on the map", value=True, key="undated", bind="query-params")
    f = Filters(tuple(countries), tuple(places), tuple(types), text, conf, start, end, undated)
    return f, {"window": (start, end) if start and end else None}


def map_options(others: int) -> dict:
    sb = st.sidebar
    sb.header("Map")
    opts = {"others": sb.toggle(f"Other place mentions ({others:,})", key="others", bind="query-params",
                                help="Places merely named, background and planned events: small grey dots."),
            "colour_by": "country" if sb.radio("Colour by", ["event type", "country"], horizontal=True, key="colour",
                                               bind="query-params") == "country" else "event_type",
            "heatmap": sb.toggle("Heatmap", key="heat", bind="query-params"),
            "playback": sb.toggle("Playback through time", key="play", bind="query-params",
                                  help="Replaces the markers with a time slider (dated events only).")}
    return opts


def show_map(full, events, others, opts: dict, f: Filters, window, shared: tuple[Path, ...] | None):
    """``shared``: the paths of the shared corpus when ``full`` is its frame, unchanged by this
    session (no upload, corrections or aliases), so its markers can be shared too."""
    palette = mapview.palette(full[filters.is_event(full)], opts["colour_by"])
    if "view" not in st.session_state:  # the URL's view, once: passing it on later reruns would undo panning
        st.session_state.view = filters.parse_view(st.query_params)
        st.session_state.view_filters = f
    at = st.session_state.view
    play = {}
    if opts["playback"] and window:
        step = filters.playback_step(*window)
        days = st.slider("Playback: keep each event on the map for (days)", 1, 60, step, key="play_window")
        st.caption(f"Playback steps {step} day{'s' if step > 1 else ''} per frame over the selected dates.")
        play = {"step_days": step, "window_days": days}
    markers = (shared_markers(shared, f, opts["colour_by"], tuple(palette.items()), events)
               if shared and not opts["playback"] else None)
    layers = mapview.event_layers(events, opts["colour_by"], palette, others=others if opts["others"] else None,
                                  heatmap=opts["heatmap"], playback=opts["playback"],
                                  fit=not (at and st.session_state.view_filters == f), markers_js=markers, **play)
    bounds = filters.fit_bounds(full[filters.is_event(full)]) or filters.fit_bounds(full)
    out = st_folium(mapview.base_map(bounds), key="map", height=560, use_container_width=True,
                    returned_objects=["last_object_clicked_popup"], feature_group_to_add=layers,
                    center=(at.lat, at.lon) if at else None, zoom=at.zoom if at else None)
    clicked = (out or {}).get("last_object_clicked_popup")
    if isinstance(clicked, str) and clicked != st.session_state.get("last_click"):
        st.session_state.last_click = clicked
        eid = clicked.rsplit("\n", 1)[0]  # the event id, then a click count (see mapview's marker)
        if eid in set(events["event_id"]) | set(others["event_id"]):
            st.session_state.event = eid


def select_from_table():
    rows = st.session_state.table.selection.rows
    if rows:
        st.session_state.event = st.session_state.table_ids[rows[0]]


def article_panel(corpus: Corpus, view):
    labels = filters.event_labels(filters.listed(view, st.session_state.get("event"), MAX_LISTED))
    if not labels:
        return
    if st.session_state.get("event") not in labels:
        st.session_state.event = None
    eid = st.selectbox("Event (click a marker or a table row to pick one)", list(labels), index=None,
                       format_func=labels.get, key="event", bind="query-params",
                       placeholder="Click a marker or choose an event")
    if eid is None:
        return
    row = view.set_index("event_id").loc[eid]
    article = corpus.articles.get(row["article_id"])
    st.subheader(plain_markdown(row["title"] or "(untitled)"), anchor=False)
    date = row["event_date"] or "undated"
    what = ": ".join(x for x in (row["event_type"], row["sub_event_type"]) if x) or "event of unknown type"
    st.caption(plain_markdown(
        f"{what} · {date} ({row['time_precision']}{', inferred' if row['date_inferred'] else ''}) · "
        f"{row['place']}, {filters.country_label(row['country_code'] or '')} ({row['geo_precision']}) · "
        f"confidence {row['confidence']:.2f} · written “{row['mention']}”"))
    if url := mapview.safe_url(row["url"]):
        st.link_button("Source article", url)
    st.text(row["sentence"], help="The sentence this event was read from.")
    with st.expander("Full article text", expanded=False):
        st.text(article.text if article else row["sentence"])
    if eid in corpus.events:
        correction_panel(corpus, eid, row["mention"])
    else:
        st.caption("Opened from an export: correct places by opening the articles instead.")


def correction_panel(corpus: Corpus, eid: str, mention: str):
    corrections = st.session_state.setdefault("corrections", {})
    aliases = st.session_state.setdefault("aliases", {})
    event = corpus.events[eid]
    with st.expander("Wrong place? Correct it"):
        query = st.text_input("Search the gazetteer", value=mention, key="correct_query",
                              on_change=lambda: st.session_state.pop("correct_pick", None))  # a new search, a new pick
        seen, candidates = set(), []
        found = [c.place for c in gazetteer().candidates(query, limit=20)]
        current = (event.place, *event.resolution.alternatives)
        for p in ((*found, *current) if query != mention else (*current, *found)):  # what was searched first
            if p is not None and p.id not in seen:
                seen.add(p.id)
                candidates.append(p)
        if not candidates:
            st.info(f"No place called “{plain_markdown(query)}” in the gazetteer.")
            return
        pick: Place = st.selectbox("Place", candidates, format_func=place_label, key="correct_pick")
        shared = settings().shared_aliases
        save = st.checkbox(f"Also read “{mention}” as this place in every article"
                           f"{' (saved for every visitor)' if shared else ' (in this session)'}", key="correct_save")
        if st.button("Apply correction", key="correct_apply"):
            corrections[eid] = pick
            if save:
                aliases[mention] = pick
                if shared:
                    st.toast(f"Alias saved to {save_alias(mention, pick, settings().aliases)}")
            st.rerun()
        if eid in corrections and st.button("Undo correction", key="correct_undo"):
            del corrections[eid]
            aliases.pop(mention, None)
            st.rerun()


def place_label(p: Place) -> str:
    kind = p.feature_code or p.feature_class or p.source
    return f"{p.name}, {p.country_code or '?'} ({kind}, {p.lat:.3f}, {p.lon:.3f}) · {p.id}"


def downloads(full, f: Filters, others: bool, window):
    """The files are built on click, from the frame and this session's filters.

    Streamlit keeps a download's callable, and all it refers to, per session until the next
    rerun: a closure over the view's rows kept a copy of up to the whole corpus per visitor,
    where ``full`` is the one shared frame (unless this session has corrections).
    """
    def data(fmt: str):
        return lambda: render(listed(filters.apply(full, f), others).to_dict("records"), fmt)
    left, right = st.columns(2)
    left.download_button("Download GeoJSON", data=data("geojson"), file_name=filters.download_name(f, window, "geojson"),
                         mime=MEDIA_TYPES["geojson"], on_click="ignore", key="dl_geojson")
    right.download_button("Download CSV", data=data("csv"), file_name=filters.download_name(f, window, "csv"),
                          mime=MEDIA_TYPES["csv"], on_click="ignore", key="dl_csv")


def listed(view, others: bool):
    """What the panel, the table and the downloads list: the view's events, and its other place
    mentions when they are on the map."""
    return view if others else view[filters.is_event(view)]


def tables(corpus: Corpus, view):
    table, chart, undated, problems = st.tabs(["Events", "Events per day", "Undated events",
                                                f"Problems ({len(corpus.problems)})"])
    if len(view) > MAX_LISTED:
        table.caption(f"The first {MAX_LISTED:,} of {len(view):,} events; the downloads hold them all.")
    shown = filters.table(view.head(MAX_LISTED))
    st.session_state.table_ids = list(view["event_id"].head(MAX_LISTED))
    table.dataframe(shown, hide_index=True, key="table", on_select=select_from_table, selection_mode="single-row")
    chart.bar_chart(filters.per_day(view), y="events")
    rest = filters.per_precision(view)
    if not rest.empty:
        chart.caption(f"{rest['events'].sum()} events dated only to the week, month or year are counted here "
                      "at their precision, not on a day:")
        chart.dataframe(rest, hide_index=True)
    undated.dataframe(filters.table(filters.undated(view).head(MAX_LISTED)), hide_index=True)
    problems.dataframe([{"source": p.source, "reason": p.reason} for p in corpus.problems], hide_index=True)


def main():
    st.set_page_config(page_title="Dateline", page_icon="🗺️", layout="wide")
    st.title("Dateline: what happened where, and when")
    files = st.sidebar.file_uploader(f"Your articles or a `dateline parse` export ({', '.join(UPLOAD_TYPES)}; "
                                     f"up to {UPLOAD_LIMIT} each)", type=UPLOAD_TYPES, accept_multiple_files=True,
                                     max_upload_size=MAX_UPLOAD_MB, key="upload_files")
    uploaded = uploaded_corpus(files)
    paths = settings().data or (SEEDS,)
    corpus, full = (uploaded, None) if uploaded else shared_corpus(paths)
    source = ("your upload" if uploaded else "the seed corpus (19 Reuters articles)" if paths == (SEEDS,)
              else ", ".join(p.name for p in paths))
    corrections, aliases = st.session_state.get("corrections", {}), st.session_state.get("aliases", {})
    shared = None if uploaded or corrections or aliases else paths
    if shared is None:
        full = filters.frame(filters.corrected_rows(corpus.rows, corpus.events, corrections, aliases))
    f, extra = sidebar_filters(full)
    view = filters.apply(full, f)
    events, others = view[filters.is_event(view)], view[~filters.is_event(view)]
    opts = map_options(len(filters.mappable(others)))
    on_map, other_on_map = len(filters.mappable(events)), len(filters.mappable(others))
    st.caption(f"{on_map} events on the map ({other_on_map} other place mentions "
               f"{'shown as grey dots' if opts['others'] else 'hidden'}), from {plain_markdown(source)}. "
               f"{len(filters.undated(events))} undated events are listed below.")
    show_map(full, events, others, opts, f, extra["window"], shared)
    article_panel(corpus, listed(view, opts["others"]))
    downloads(full, f, opts["others"], extra["window"])
    tables(corpus, listed(view, opts["others"]))
    st.caption(f"Map tiles © OpenStreetMap contributors. {ATTRIBUTION}")


main()
