"""Server time for a filter change on the map, what it sends, and the app's memory per visitor.

For 1k, 10k and 50k synthetic events: filtering the frame, building the layers, and
streamlit-folium's conversion of base map + layers to the script it sends (what happens on
every filter change), plus the size of that script and of a standalone HTML page.

``--server N [K]``: writes N events as a ``dateline parse`` GeoJSON, starts ``streamlit run app.py``
with DATELINE_DATA pointing at it, opens K (default 5) headless-Chromium sessions one after
another and reports the server's RSS after each (what each next session adds, their median and
the least-squares slope), the time to each map, a search in the second session (a filter change)
until its map caption changes, and any JavaScript page or console error.
Run: python benchmarks/bench_map.py [sizes...] | python benchmarks/bench_map.py --server 50000 [5]
"""
from __future__ import annotations

import platform
import re
import sys
import time
from pathlib import Path

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent.parent / "tests")]

from streamlit_folium import _get_feature_group_string, _get_map_string  # noqa: E402
from synthetic import make_events  # noqa: E402

from geo import filters, mapview  # noqa: E402
from geo.export import rows  # noqa: E402

TARGET_S = 1.5


def best_of(n: int, fn):
    times, out = [], None
    for _ in range(n):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return min(times), out


def filter_change(full, f: filters.Filters, heatmap: bool = False):
    """What app.py does on a filter change, minus Streamlit: filter, layers, script strings."""
    view = filters.apply(full, f)
    events = view[filters.is_event(view)]
    m = mapview.base_map(filters.fit_bounds(full))
    script = _get_map_string(m)
    layers = mapview.event_layers(events, "event_type", mapview.palette(full, "event_type"), heatmap=heatmap)
    groups = "".join(_get_feature_group_string(g, m, i) for i, g in enumerate(layers))
    return len(view), len(script) + len(groups)


def main(sizes: list[int]) -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {platform.system()}, "
          f"Python {platform.python_version()}")
    print("| events | frame build | filter change (markers) | + heatmap | playback | sent to browser | standalone HTML |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for n in sizes:
        event_rows = rows(make_events(n))
        t_frame, full = best_of(1, lambda: filters.frame(event_rows))
        f = filters.Filters(min_confidence=0.4)
        t_change, (shown, sent) = best_of(3, lambda: filter_change(full, f))
        t_heat, _ = best_of(3, lambda: filter_change(full, f, heatmap=True))
        view = filters.apply(full, f)

        def playback():
            return mapview.event_layers(view, "event_type", mapview.palette(full, "event_type"), playback=True)
        t_play, _ = best_of(3, playback)
        m = mapview.base_map(filters.fit_bounds(full))
        for layer in mapview.event_layers(view, "event_type", mapview.palette(full, "event_type")):
            layer.add_to(m)
        html = len(m.get_root().render().encode())
        flag = "" if t_change < TARGET_S else " (over target)"
        print(f"| {n:,} ({shown:,} shown) | {t_frame:.2f} s | {t_change:.2f} s{flag} | {t_heat:.2f} s | {t_play:.2f} s "
              f"| {sent / 1e6:.1f} MB | {html / 1e6:.1f} MB |")


def rss_mb(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / 2**20


def slope(ys: list[float]) -> float:
    """Least-squares MB per extra session over sessions 1..K: one difference of RSS measures the
    allocator's high-water mark of a script run as much as what a session keeps; a slope over
    several sessions averages that out."""
    xs = range(1, len(ys) + 1)
    mx, my = sum(xs) / len(ys), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def server(n: int, sessions: int = 5) -> None:
    """``sessions`` real browser sessions, one after another, on ``n`` exported events opened
    through DATELINE_DATA; the server's RSS 2 s after each session's map shows."""
    import os
    import statistics
    import subprocess
    import tempfile

    from playwright.sync_api import sync_playwright
    from test_browser import CHROMIUM, CHROMIUM_FLAGS, ROOT, Page, _free_port

    from geo.export import render

    folder = Path(tempfile.mkdtemp(prefix="dateline-bench-"))
    data = folder / f"events-{n}.geojson"
    data.write_text(render(rows(make_events(n)), "geojson"), encoding="utf-8")
    port = _free_port()
    env = {**os.environ, "DATELINE_DATA": str(data)}
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless", "true",
                             "--server.port", str(port), "--server.address", "127.0.0.1",
                             "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        time.sleep(5)
        idle = rss_mb(proc.pid)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
            pages, rss, times = [], [], []
            for _ in range(sessions):
                t = time.perf_counter()
                pages.append(Page(browser, f"http://127.0.0.1:{port}"))
                pages[-1].wait_map()
                times.append(time.perf_counter() - t)
                time.sleep(2)  # a rerun the map's first answer causes ends
                rss.append(rss_mb(proc.pid))
            first, second = pages[0], pages[1 % sessions]
            caption = first.page.get_by_text(re.compile(r"^[\d,]+ events on the map")).first.inner_text()
            t = time.perf_counter()
            search = second.page.get_by_label("Search titles, sentences and place names")
            search.fill("Mosul")  # a filter change: a sixth of the synthetic events
            search.press("Enter")
            shown = re.match(r"[\d,]+", caption)[0]
            second.page.get_by_text(re.compile(rf"^(?!{shown} )[\d,]+ events on the map")).wait_for(timeout=300_000)
            second.wait_idle()
            t_filter = time.perf_counter() - t
            errors = [e for p in pages for e in p.errors + p.console]
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    adds = [b - a for a, b in zip(rss, rss[1:])]
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, {platform.system()}, "
          f"Python {platform.python_version()}, load average {os.getloadavg()[0]:.1f}")
    print(f"{n:,} events from {data.name} ({data.stat().st_size / 1e6:.0f} MB): {caption}")
    print("| server RSS idle | after 1st session | each next session adds | median | slope (MB/session) | "
          "first map | next maps | filter change in the browser | JS errors |")
    print("|---:|---:|---|---:|---:|---:|---|---:|---|")
    print(f"| {idle:.0f} MB | {rss[0]:.0f} MB | {', '.join(f'{a:.0f}' for a in adds)} MB "
          f"| {statistics.median(adds) if adds else 0:.0f} MB | {slope(rss) if sessions > 1 else 0:.1f} "
          f"| {times[0]:.1f} s | {', '.join(f'{t:.0f}' for t in times[1:])} s | {t_filter:.1f} s | {errors or 'none'} |")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--server"]:
        server(*(int(a) for a in sys.argv[2:4]) if len(sys.argv) > 2 else (50_000,))
    else:
        main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 50_000])
