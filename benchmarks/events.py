"""Event extraction on the dev gold: the issue-11 table, and the misses by class.

    DATELINE_CACHE_DIR=... PYTHONPATH=. python benchmarks/events.py [--out benchmarks/EVENTS.md]

Geoparses the seed feed the gold covers, scores it with the reference scorer
(``shared/eval/events_metrics.py``, imported, not copied, so the numbers are the scorer's own),
prints the table and writes ``benchmarks/EVENTS.md``: every core gold event missed, found at the
wrong place, of the wrong type or date, and every predicted event no gold event backs, each
filed under a class of error so the next rule fixes a class, not a sentence.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import platform
import sys
import time
from collections import defaultdict
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo import export  # noqa: E402
from geo.pipeline import geoparse_paths, open_gazetteer  # noqa: E402
from geo.settings import Settings  # noqa: E402

EVAL = ROOT.parent / "shared" / "eval"
GOLD = EVAL / "dev" / "seeds-events-000.jsonl"
FEED = ROOT / "seeds" / "000_4474610ca46a6ffc.txt"
TARGETS = {"recall": 0.85, "precision": 0.80, "located": 0.80, "type_accuracy": 0.90,
           "date_accuracy": 0.85, "fatalities_accuracy": 0.90}


def _scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("events_metrics", EVAL / "events_metrics.py")
    assert spec and spec.loader, f"no scorer at {EVAL / 'events_metrics.py'}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _classes(metrics: ModuleType, gold: list[dict], pred: list[dict]) -> dict[str, list[str]]:
    """Each core gold event that is not right on every count, and each unbacked prediction,
    under the first class of error it shows."""
    out: dict[str, list[str]] = defaultdict(list)
    for g in gold:
        g["_sents"] = [metrics.norm(g["sentence"])] + [metrics.norm(o["sentence"]) for o in g.get("other_sentences") or []]
        g["_title"] = metrics.norm(g["title"])
    for g in gold:
        if g.get("background") or g.get("caption") or g.get("planned"):
            continue
        hits = [p for p in pred if p["title"] == g["_title"] and metrics.same_sentence(p["sentence"], g["_sents"])]
        where = f"{g['article_id']} #{g['event_no']} {g['event_type']} at {g['location'].get('name')}"
        line = f"{where}: “{g['sentence'][:140]}”"
        if not hits:
            out["missed: no event predicted for its sentences"].append(line)
            continue
        got = "; ".join(sorted({f"{p['mention']}→{p['place']}" for p in hits}))
        if not any(metrics.at_place(p, g["location"]) for p in hits):
            out["found, wrong place"].append(f"{line} — predicted at {got}")
        if not any(p["event_type"] == g["event_type"] for p in hits):
            types = ", ".join(sorted({p["event_type"] for p in hits}))
            out["found, wrong type"].append(f"{line} — predicted {types}")
        if g.get("time_precision") == "day" and g.get("date") and \
                not any((p["event_date"] or "")[:10] == g["date"] for p in hits):
            dates = ", ".join(sorted({str(p["event_date"]) for p in hits}))
            out["found, wrong day"].append(f"{line} — gold {g['date']}, predicted {dates}")
        if g.get("fatalities") is not None and not any(p["fatalities"] == g["fatalities"] for p in hits):
            out["found, wrong fatalities"].append(f"{line} — gold {g['fatalities']}")
    for p in pred:
        backing = [g for g in gold if p["title"] == g["_title"] and metrics.same_sentence(p["sentence"], g["_sents"])]
        if not backing:
            out["false event: no gold event in its sentence"].append(
                f"{p['event_type']} at {p['mention']}→{p['place']}: “{p['sentence'][:140]}”")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "EVENTS.md")
    args = ap.parse_args()
    settings = Settings.from_env()
    gazetteer = open_gazetteer(settings)
    started = time.perf_counter()
    batch = geoparse_paths([FEED], settings, gazetteer=gazetteer)
    seconds = time.perf_counter() - started
    pred_path = args.out.with_suffix(".geojson.tmp")
    pred_path.write_text(export.render(batch.events, "geojson"), encoding="utf-8")
    metrics = _scorer()
    try:
        gold = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
        pred = metrics.load_pred(str(pred_path))
    finally:
        pred_path.unlink()
    result = metrics.score([dict(g) for g in gold], pred)
    table = ["| dev gold (25 core events) | now | target |", "|---|---|---|"]
    table += [f"| {k} | {result[k]} | {t} {'met' if (result[k] or 0) >= t else 'not met'} |" for k, t in TARGETS.items()]
    table.append(f"| predicted events / core gold | {result['predicted']} / {result['core_gold']} | |")
    print("\n".join(table))
    lines = ["# Events on the dev gold (`python benchmarks/events.py`)", "",
             f"Feed `{FEED.name}` ({len(batch.results)} articles) scored with `shared/eval/events_metrics.py` "
             f"against `{GOLD.name}`; {seconds:.1f} s on {platform.machine()} Python {platform.python_version()}.",
             "", *table, ""]
    for name, items in sorted(_classes(metrics, gold, pred).items()):
        lines += [f"## {name} ({len(items)})", "", *(f"- {i}" for i in items), ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"classes of error -> {args.out}")


if __name__ == "__main__":
    main()
