"""Dateline's map: ``streamlit run app.py`` or ``dateline app [PATH...]``.

Widgets, layout and caching only; filtering lives in geo.filters and the map in geo.mapview.
Every filter widget is bound to the URL (``bind="query-params"``) and the map writes its view
there too, so a copied link reopens the same view.
"""
from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from gazetteer import ATTRIBUTION, Place, SQLiteGazetteer, save_alias
from geo import filters, mapview
from geo.errors import InputError
from geo.export import MEDIA_TYPES, render
from geo.filters import Corpus, Filters
from geo.pipeline import geoparse_articles, geoparse_paths, open_gazetteer
from geo.read import SUPPORTED_SUFFIXES, ReadResult, read_bytes
from geo.settings import Settings

SEEDS = Path(__file__).parent / "seeds"
MAX_UPLOAD_MB = 5  # also server.maxUploadSize in .streamlit/config.toml: geoparsing is per-article CPU
TABLE_COLUMNS = ["event_date", "date_inferred", "place", "country_code", "mention", "confidence",
                 "event_type", "title", "sentence", "url"]


@st.cache_resource
def settings() -> Settings:
    """Read once per server process (``dateline app PATH...`` passes its paths as DATELINE_DATA)."""
    return Settings.from_env()


@st.cache_data(show_spinner="Geoparsing the articles (the first start also builds the gazetteer)…")
def default_corpus(paths: tuple[Path, ...]) -> Corpus:
    return Corpus.from_batch(geoparse_paths(list(paths), settings(), gazetteer=gazetteer()))


@st.cache_resource
def gazetteer() -> SQLiteGazetteer:
    return open_gazetteer(settings())


def uploaded_corpus(files) -> Corpus | None:
    """Uploads are private, so they stay in this session's state rather than the shared cache."""
    key = tuple(f.file_id for f in files)
    if not key:
        return None
    if st.session_state.get("upload_key") != key:
        st.session_state.upload_key = key
        st.session_state.upload = parse_uploads(files)
        st.session_state.corrections = {}
        st.session_state.view = None  # new data: fit the map to it, not to the view in the URL
    return st.session_state.upload


def parse_uploads(files) -> Corpus | None:
    read = ReadResult()
    bar = st.progress(0.0, text="Reading…")
    for i, f in enumerate(files, 1):
        if f.size > MAX_UPLOAD_MB * 1024 * 1024:
            st.error(f"{f.name} is {f.size / 2**20:.1f} MB; the limit is {MAX_UPLOAD_MB} MB. Split it and upload the parts.")
            continue
        try:
            read.extend(read_bytes(f.getvalue(), f.name))
        except InputError as e:
            st.error(f"Could not read {f.name}: {e}")
        bar.progress(i / len(files) / 2, text=f"Read {f.name}")
    if not read.articles:
        bar.empty()
        if read.problems:
            st.error("No article could be read: " + "; ".join(f"{p.source}: {p.reason}" for p in read.problems[:5]))
        return None
    bar.progress(0.5, text=f"Geoparsing {len(read.articles)} articles…")
    batch = geoparse_articles(read.articles, settings(), gazetteer=gazetteer(), progress=lambda done, total: bar.progress(
        0.5 + done / total / 2, text=f"Geoparsed {done} of {total} articles"))
    batch.problems[:0] = read.problems
    bar.empty()
    return Corpus.from_batch(batch)


def sidebar_filters(df) -> tuple[Filters, str, bool, bool]:
    sb = st.sidebar
    sb.header("Filters")
    labels = filters.place_labels(df)
    countries = sb.multiselect("Country", filters.options(df, "country_code"), key="country", bind="query-params")
    places = sb.multiselect("Place", sorted(labels, key=labels.get), format_func=labels.get, key="place",
                            bind="query-params")
    types = sb.multiselect("Event type", sorted(filters.event_types(df).unique()), key="type", bind="query-params")
    text = sb.text_input("Search titles and sentences", key="q", bind="query-params")
    conf = sb.slider("Minimum confidence", 0.0, 1.0, 0.0, 0.05, key="conf", bind="query-params")
    bounds = filters.date_bounds(df)
    start = end = None
    if bounds:
        start, end = sb.slider("Event dates", min_value=bounds[0], max_value=bounds[1], value=bounds,
                               format="YYYY-MM-DD", key="dates", bind="query-params")
    else:
        sb.caption("No event in this data has a date.")
    undated = sb.checkbox("Show undated events on the map", value=True, key="undated", bind="query-params")
    recaps = sb.checkbox("Show background and planned events", value=False, key="recaps", bind="query-params",
                         help="Recaps of long-past events and plans or threats; always in the CLI exports.")
    sb.header("Map")
    colour_by = sb.radio("Colour by", ["event type", "country"], horizontal=True, key="colour", bind="query-params")
    heat = sb.toggle("Heatmap", key="heat", bind="query-params")
    play = sb.toggle("Playback through time", key="play", bind="query-params",
                     help="Replaces the markers with a time slider that steps day by day (dated events only).")
    f = Filters(tuple(countries), tuple(places), tuple(types), text, conf, start, end, undated, recaps)
    return f, ("country" if colour_by == "country" else "event_type"), heat, play


def show_map(full, view, colour_by: str, heat: bool, play: bool):
    palette = mapview.palette(full, colour_by)
    layers = mapview.event_layers(view, colour_by, palette, heatmap=heat, playback=play)
    if "view" not in st.session_state:  # the URL's view, once: passing it on later reruns would undo panning
        st.session_state.view = filters.parse_view(st.query_params)
    at = st.session_state.view
    out = st_folium(mapview.base_map(mapview.data_bounds(full)), key="map", height=560,
                    use_container_width=True, returned_objects=["last_object_clicked"],
                    feature_group_to_add=layers, center=(at.lat, at.lon) if at else None,
                    zoom=at.zoom if at else None)
    clicked = (out or {}).get("last_object_clicked")
    if clicked and clicked != st.session_state.get("last_click"):
        st.session_state.last_click = clicked
        here = filters.at_point(view, clicked["lat"], clicked["lng"])
        if not here.empty:
            st.session_state.event = here["event_id"].iloc[0]


def event_label(view):
    rows = view.set_index("event_id")
    return lambda eid: f"{rows.at[eid, 'place'] or rows.at[eid, 'mention']} · {rows.at[eid, 'event_date'] or 'undated'}" \
                       f" · {rows.at[eid, 'title']}"


def article_panel(corpus: Corpus, view):
    ids = list(view.sort_values(["place", "event_date"], na_position="last")["event_id"])
    if not ids:
        return
    eid = st.selectbox("Article of event (click a marker to pick one)", ids, index=None, format_func=event_label(view),
                       key="event", bind="query-params", placeholder="Click a marker or choose an event")
    if eid is None:
        return
    row = view.set_index("event_id").loc[eid]
    article = corpus.articles.get(row["article_id"])
    st.subheader(row["title"] or "(untitled)", anchor=False)
    date = row["event_date"] or "undated"
    st.caption(f"{date}{' (inferred)' if row['date_inferred'] else ''} · {row['place']}, {row['country_code']} · "
               f"confidence {row['confidence']:.2f} · mention “{row['mention']}”")
    if url := mapview.safe_url(row["url"]):
        st.link_button("Source article", url)
    with st.expander("Full article text", expanded=True):
        st.text(article.text if article else row["sentence"])
    correction_panel(corpus, eid, row["mention"])


def correction_panel(corpus: Corpus, eid: str, mention: str):
    corrections = st.session_state.setdefault("corrections", {})
    event = corpus.events[eid]
    with st.expander("Wrong place? Correct it"):
        query = st.text_input("Search the gazetteer", value=mention, key="correct_query")
        seen, candidates = set(), []
        found = [c.place for c in gazetteer().candidates(query, limit=20)]
        for p in (event.place, *event.resolution.alternatives, *found):
            if p is not None and p.id not in seen:
                seen.add(p.id)
                candidates.append(p)
        if not candidates:
            st.info(f"No place called “{query}” in the gazetteer.")
            return
        pick: Place = st.selectbox("Place", candidates, format_func=place_label, key="correct_pick")
        save = st.checkbox(f"Also save “{mention}” → this place as an alias for next time", key="correct_save")
        if st.button("Apply correction", key="correct_apply"):
            corrections[eid] = pick
            if save:
                path = save_alias(mention, pick, settings().aliases)
                st.toast(f"Alias saved to {path}")
            st.rerun()
        if eid in corrections and st.button("Undo correction", key="correct_undo"):
            del corrections[eid]
            st.rerun()


def place_label(p: Place) -> str:
    kind = p.feature_code or p.feature_class or p.source
    return f"{p.name}, {p.country_code or '?'} ({kind}, {p.lat:.3f}, {p.lon:.3f}) · {p.id}"


def downloads(view):
    rows = view.to_dict("records")
    left, right = st.columns(2)
    left.download_button("Download GeoJSON", data=lambda: render(rows, "geojson"), file_name="dateline-events.geojson",
                         mime=MEDIA_TYPES["geojson"], on_click="ignore", key="dl_geojson")
    right.download_button("Download CSV", data=lambda: render(rows, "csv"), file_name="dateline-events.csv",
                          mime=MEDIA_TYPES["csv"], on_click="ignore", key="dl_csv")


def main():
    st.set_page_config(page_title="Dateline", page_icon="🗺️", layout="wide")
    st.title("Dateline: what happened where, and when")
    files = st.sidebar.file_uploader(f"Your articles ({', '.join(SUPPORTED_SUFFIXES)}, up to {MAX_UPLOAD_MB} MB)",
                                     type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True,
                                     max_upload_size=MAX_UPLOAD_MB, key="upload_files")
    uploaded = uploaded_corpus(files)
    paths = settings().data or (SEEDS,)
    corpus = uploaded or default_corpus(paths)
    source = ("your upload" if uploaded else "the seed corpus (19 Reuters articles)" if paths == (SEEDS,)
              else ", ".join(p.name for p in paths))
    rows = filters.corrected_rows(corpus.rows, corpus.events, st.session_state.get("corrections", {}))
    full = filters.frame(rows)
    f, colour_by, heat, play = sidebar_filters(full)
    view = filters.apply(full, f)
    on_map = filters.mappable(view)
    st.caption(f"{len(on_map)} of {len(full)} events on the map, from {source}. "
               f"{len(filters.undated(view))} undated, listed below.")
    show_map(full, view, colour_by, heat, play)
    article_panel(corpus, view)
    downloads(view)
    table, chart, undated, problems = st.tabs(["Events", "Events per day", "Undated events",
                                                f"Problems ({len(corpus.problems)})"])
    table.dataframe(view[TABLE_COLUMNS], hide_index=True, key="table")
    chart.bar_chart(filters.per_day(view), y="events")
    undated.dataframe(filters.undated(view)[TABLE_COLUMNS], hide_index=True)
    problems.dataframe([{"source": p.source, "reason": p.reason} for p in corpus.problems], hide_index=True)
    st.caption(f"Map tiles © OpenStreetMap contributors. {ATTRIBUTION}")


main()
