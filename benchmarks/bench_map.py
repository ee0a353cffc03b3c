"""Server time for a filter change on the map, and what it sends to the browser.

For 1k, 10k and 50k synthetic events: filtering the frame, building the layers, and
streamlit-folium's conversion of base map + layers to the script it sends (what happens on
every filter change), plus the size of that script and of a standalone HTML page.
Run: python benchmarks/bench_map.py [sizes...]
"""
from __future__ import annotations

import platform
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
    m = mapview.base_map(mapview.data_bounds(full))
    script = _get_map_string(m)
    layers = mapview.event_layers(view, "event_type", mapview.palette(full, "event_type"), heatmap=heatmap)
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
        m = mapview.base_map(mapview.data_bounds(full))
        for layer in mapview.event_layers(view, "event_type", mapview.palette(full, "event_type")):
            layer.add_to(m)
        html = len(m.get_root().render().encode())
        flag = "" if t_change < TARGET_S else " (over target)"
        print(f"| {n:,} ({shown:,} shown) | {t_frame:.2f} s | {t_change:.2f} s{flag} | {t_heat:.2f} s | {t_play:.2f} s "
              f"| {sent / 1e6:.1f} MB | {html / 1e6:.1f} MB |")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [1_000, 10_000, 50_000])
