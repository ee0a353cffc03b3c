"""The ``dateline`` command: a thin shell over :mod:`geo.pipeline`, :mod:`geo.evaluate` and the gazetteer."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from geo.errors import DatelineError
from geo.settings import Settings


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except DatelineError as e:
        print(f"dateline: {e}", file=sys.stderr)
        return e.exit_code
    except (FileNotFoundError, ValueError) as e:  # gazetteer source errors name their file and line
        print(f"dateline: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dateline", description="News text -> geocoded, dated events.")
    p.add_argument("--cache-dir", type=Path, help="where the gazetteer index lives (default ~/.cache/dateline)")
    p.add_argument("--online", action="store_true",
                   help="ask Nominatim (rate limited, cached) for names the local gazetteer lacks")
    sub = p.add_subparsers(metavar="COMMAND")

    parse = sub.add_parser("parse", help="geoparse articles and write events")
    parse.add_argument("paths", nargs="+", type=Path, help=".txt (Reuters feeds too), .csv, .jsonl files or folders")
    parse.add_argument("-o", "--output", type=Path, help="output file (default: standard output)")
    parse.add_argument("--format", choices=("geojson", "csv", "jsonl"), help="default: from -o's suffix, else geojson")
    parse.add_argument("--problems", type=Path, help="also write the articles that gave no events, as JSONL")
    parse.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster ('local' starts one here)")
    parse.set_defaults(run=_cmd_parse)

    ann = sub.add_parser("annotate", help="predict toponyms for a gold JSONL file (eval format)")
    ann.add_argument("gold", type=Path)
    ann.add_argument("-o", "--output", type=Path, required=True)
    ann.set_defaults(run=_cmd_annotate)

    ev = sub.add_parser("eval", help="precision/recall/F1 and accuracy@161 km against gold JSONL")
    ev.add_argument("gold", type=Path)
    ev.add_argument("--pred", type=Path, help="score this prediction file instead of annotating now")
    ev.add_argument("--match", choices=("exact", "overlap", "both"), default="both")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--errors", type=int, nargs="?", const=25, default=0, metavar="N",
                    help="list the N worst misses (gold vs predicted place)")
    ev.set_defaults(run=_cmd_eval)

    gaz = sub.add_parser("gazetteer", help="inspect and extend the place index")
    gsub = gaz.add_subparsers(metavar="ACTION")
    look = gsub.add_parser("lookup", help="ranked candidates for a name")
    look.add_argument("name")
    look.add_argument("--limit", type=int, default=10)
    look.set_defaults(run=_cmd_lookup)
    imp = gsub.add_parser("import", help="add GeoNames dump files (IQ.zip, allCountries.zip, .txt)")
    imp.add_argument("files", nargs="+", type=Path)
    imp.set_defaults(run=_cmd_import)
    info = gsub.add_parser("info", help="index location, size and data attribution")
    info.set_defaults(run=_cmd_info)
    return p


def _settings(args: argparse.Namespace) -> Settings:
    return Settings(cache_dir=args.cache_dir, online=args.online)


def _cmd_parse(args: argparse.Namespace) -> int:
    from geo import export
    from geo.pipeline import geoparse_paths

    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "geojson")
    fmt = {"json": "geojson", "ndjson": "jsonl"}.get(fmt, fmt)
    if fmt not in export.FORMATS:
        raise DatelineError(f"cannot tell the format from '{args.output}'; add --format geojson|csv|jsonl")
    settings = _settings(args)
    if args.dask:
        from geo.scale import geoparse_paths_dask
        batch = geoparse_paths_dask(args.paths, args.dask, settings)
    else:
        batch = geoparse_paths(args.paths, settings, progress=True)
    text = export.render(batch.events, fmt)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    for problem in batch.problems:
        print(f"dateline: {problem.source}: {problem.reason}", file=sys.stderr)
    if args.problems:
        args.problems.write_text("".join(json.dumps(p.__dict__, ensure_ascii=False) + "\n" for p in batch.problems),
                                 encoding="utf-8")
    articles = len(batch.results)
    with_events = sum(1 for r in batch.results if r.events)
    print(f"dateline: {len(batch.events)} events from {with_events} of {articles} articles"
          + (f" -> {args.output}" if args.output else ""), file=sys.stderr)
    return 0


def _cmd_annotate(args: argparse.Namespace) -> int:
    from gazetteer import open_default
    from geo.evaluate import load_jsonl, prediction

    gold = load_jsonl(args.gold)
    gaz = open_default(args.cache_dir)
    settings = _settings(args)
    with args.output.open("w", encoding="utf-8") as f:
        for doc in gold.values():
            f.write(json.dumps(prediction(doc, gaz, settings), ensure_ascii=False) + "\n")
    print(f"dateline: wrote predictions for {len(gold)} documents to {args.output}", file=sys.stderr)
    return 0


def _cmd_eval(args: argparse.Namespace) -> int:
    from gazetteer import open_default
    from geo.evaluate import format_report, load_jsonl, prediction, score, worst

    gold = load_jsonl(args.gold)
    started = time.perf_counter()
    if args.pred:
        pred = load_jsonl(args.pred)
    else:
        gaz = open_default(args.cache_dir)
        settings = _settings(args)
        pred = {doc_id: prediction(doc, gaz, settings) for doc_id, doc in gold.items()}
    seconds = time.perf_counter() - started
    modes = ("exact", "overlap") if args.match == "both" else (args.match,)
    reports = []
    for mode in modes:
        report, misses = score(gold, pred, mode)
        report["docs"] = len(gold)
        if not args.pred:
            report["docs_per_second"] = round(len(gold) / seconds, 1) if seconds else None
        reports.append((report, misses))
    if args.json:
        out = [r for r, _ in reports]
        print(json.dumps(out[0] if len(out) == 1 else out, indent=2))
    else:
        for report, _ in reports:
            print(format_report(report))
        if not args.pred:
            print(f"{len(gold)} documents in {seconds:.1f} s")
    if args.errors:
        _, misses = reports[-1]
        print(f"\nworst {args.errors} of {len(misses)} gold toponyms with coordinates:")
        for m in worst(misses, args.errors):
            got = f"{m.predicted_place} ({m.error_km:.0f} km off)" if m.error_km is not None else "not recognised"
            print(f"  {m.doc_id} @{m.start} {m.name!r}: gold {m.gold[0]:.2f},{m.gold[1]:.2f} -> {got}")
    return 0


def _cmd_lookup(args: argparse.Namespace) -> int:
    from gazetteer import open_default

    gaz = open_default(args.cache_dir)
    cands = gaz.candidates(args.name, args.limit)
    if not cands:
        print(f"no place called {args.name!r}; add one with an alias file or 'dateline gazetteer import'")
        return 1
    print(f"{'#':>2}  {'place':32} {'cc':2}  {'code':5} {'population':>11}  {'lat':>9} {'lon':>10}  match  id")
    for i, c in enumerate(cands, 1):
        p = c.place
        print(f"{i:>2}  {p.name[:32]:32} {p.country_code:2}  {p.feature_code:5} {p.population:>11,}  "
              f"{p.lat:>9.4f} {p.lon:>10.4f}  {c.match:5}  {p.id}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from gazetteer.build import import_dumps

    def say(msg: str) -> None:
        print(msg, file=sys.stderr)

    n = import_dumps(args.files, args.cache_dir, log=say)
    print(f"imported {n:,} places; they will be kept when the index is rebuilt", file=sys.stderr)
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from gazetteer import ATTRIBUTION, open_default
    from gazetteer.aliases import default_alias_path

    gaz = open_default(args.cache_dir)
    stats = gaz.stats()
    print(f"index:   {gaz.path} ({gaz.path.stat().st_size / 1e6:.0f} MB)")
    print(f"places:  {stats['places']:,}   names: {stats['names']:,}")
    print(f"aliases: {default_alias_path(args.cache_dir)}")
    print(ATTRIBUTION)
    return 0


if __name__ == "__main__":
    sys.exit(main())
