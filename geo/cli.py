"""The ``dateline`` command: a thin shell over :mod:`geo.pipeline`, :mod:`geo.evaluate` and the gazetteer.

Exit status: 0 done; 2 bad input (the message names file, line and field); 3 the run finished
but a stage failed on some articles (they are in the problems report); 1 a bug (``--debug``
shows the traceback). Heavy modules are imported inside the commands that need them, so
``dateline --help`` and ``dateline parse`` never load streamlit, folium or pandas.
"""
from __future__ import annotations

import argparse
import contextlib
import json
import logging
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gazetteer.errors import GazetteerError
from geo.errors import EXIT_BAD_INPUT, EXIT_BUG, EXIT_INTERRUPTED, EXIT_OK, EXIT_SOME_FAILED, DatelineError, InputError
from geo.partition import PARTITION_BYTES
from geo.settings import ENVIRONMENT, Settings

if TYPE_CHECKING:
    from geo.tally import Books

log = logging.getLogger("geo.cli")
_ENV_HELP = "environment:\n" + "\n".join(f"  {k:20} {v}" for k, v in ENVIRONMENT.items())


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    _logging(args.debug)
    if not getattr(args, "run", None):
        parser.print_help()
        return EXIT_BAD_INPUT
    try:
        return int(args.run(args) or EXIT_OK)
    except (InputError, GazetteerError) as e:
        print(f"dateline: {e}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except DatelineError as e:
        print(f"dateline: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
    except Exception as e:
        if args.debug:
            raise
        print(f"dateline: internal error: {type(e).__name__}: {e}\n"
              "dateline: this is a bug, not your input; rerun with --debug for the traceback and report it",
              file=sys.stderr)
        return EXIT_BUG


def _logging(debug: bool) -> None:
    """Dateline's own messages (index builds, failed articles) on stderr; others' only when debugging."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("dateline: %(message)s"))
    for name in ("geo", "gazetteer"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(logging.DEBUG if debug else logging.INFO)
        logger.propagate = False


def _command(sub: argparse._SubParsersAction, name: str, help: str, example: str) -> argparse.ArgumentParser:
    return sub.add_parser(name, help=help, description=help, formatter_class=argparse.RawDescriptionHelpFormatter,
                          epilog=f"example:\n  {example}\n\n{_ENV_HELP}")


def _recogniser_option(command: argparse.ArgumentParser) -> None:
    from geo.recognisers import NAMES

    command.add_argument("--recogniser", choices=NAMES, default=None,
                         help="rules: gazetteer and context rules, no model (default); spacy: the rules checked and "
                              'extended by spaCy\'s English NER (pip install "dateline[spacy]")')


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="dateline", description="News text -> geocoded, dated events.",
                                formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog=f"example:\n  dateline parse seeds/ -o events.geojson\n\n{_ENV_HELP}")
    p.add_argument("--version", action="version", version=f"dateline {_version()}")
    p.add_argument("--cache-dir", type=Path, help="where the gazetteer index lives (overrides DATELINE_CACHE_DIR)")
    p.add_argument("--online", action="store_true",
                   help="ask Nominatim (rate limited, cached) for names the local gazetteer lacks")
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug messages")
    sub = p.add_subparsers(metavar="COMMAND")

    parse = _command(sub, "parse", "geoparse articles and write events", "dateline parse seeds/ -o events.csv")
    parse.add_argument("paths", nargs="+", type=Path, help=".txt (Reuters feeds too), .csv, .jsonl files or folders")
    parse.add_argument("-o", "--output", type=Path,
                       help="output file (default: standard output); with --engine dask, a folder the workers write")
    parse.add_argument("--format", choices=("geojson", "csv", "jsonl", "geojsonl", "parquet"),
                       help="default: from -o's suffix, else geojson (with --engine dask: parquet)")
    parse.add_argument("--problems", type=Path, help="also write the articles that gave no events, as JSONL")
    parse.add_argument("--engine", choices=("local", "dask"), default="local",
                       help="local: stream in this process (default); dask: partitions on a Dask cluster")
    parse.add_argument("--scheduler", metavar="ADDRESS",
                       help="with --engine dask: the scheduler (tcp://host:8786); default: a LocalCluster here")
    parse.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    parse.add_argument("--partition-mb", type=float, default=PARTITION_BYTES / 2**20,
                       help="split JSONL and CSV files larger than this into partitions (default %(default)g)")
    parse.add_argument("--dask", metavar="ADDRESS", help="alias: --engine dask --scheduler ADDRESS ('local': a "
                                                         "LocalCluster)")
    _recogniser_option(parse)
    parse.set_defaults(run=_cmd_parse)

    app = _command(sub, "app", "open the map app on the seed corpus or your articles (streamlit run app.py)",
                   "dateline app my-articles.jsonl --port 8502")
    app.add_argument("paths", nargs="*", type=Path, help="articles to open instead of the seed corpus")
    app.add_argument("--port", type=int, help="port to serve on (default: Streamlit's, 8501)")
    app.set_defaults(run=_cmd_app)

    ann = _command(sub, "annotate", "predict toponyms for a gold JSONL file (eval format)",
                   "dateline annotate ../shared/eval/dev/gwn-dev.jsonl -o pred.jsonl")
    ann.add_argument("gold", type=Path)
    ann.add_argument("-o", "--output", type=Path, required=True)
    ann.add_argument("--demonyms", choices=("include", "exclude"), default="include",
                     help="predict demonyms ('Syrian') as toponyms (TR-News, LGL annotate them; GeoVirus does not)")
    _recogniser_option(ann)
    ann.set_defaults(run=_cmd_annotate)

    ev = _command(sub, "eval", "precision/recall/F1 and accuracy@161 km against gold JSONL",
                  "dateline eval ../shared/eval/dev/gwn-dev.jsonl --errors 20")
    ev.add_argument("gold", type=Path)
    ev.add_argument("--pred", type=Path, help="score this prediction file instead of annotating now")
    ev.add_argument("--match", choices=("exact", "overlap", "both"), default="both")
    ev.add_argument("--json", action="store_true", help="print the report as JSON")
    ev.add_argument("--errors", type=int, nargs="?", const=25, default=0, metavar="N",
                    help="list the N worst misses (gold vs predicted place)")
    _recogniser_option(ev)
    ev.set_defaults(run=_cmd_eval)

    gaz = _command(sub, "gazetteer", "inspect and extend the place index", "dateline gazetteer lookup 'Tel Keyf'")
    gsub = gaz.add_subparsers(metavar="ACTION")
    look = _command(gsub, "lookup", "ranked candidates for a name", "dateline gazetteer lookup Qayara --limit 5")
    look.add_argument("name")
    look.add_argument("--limit", type=int, default=10)
    look.set_defaults(run=_cmd_lookup)
    imp = _command(gsub, "import", "add GeoNames dump files (IQ.zip, allCountries.zip, .txt)",
                   "dateline gazetteer import IQ.zip SY.zip")
    imp.add_argument("files", nargs="+", type=Path)
    imp.set_defaults(run=_cmd_import)
    info = _command(gsub, "info", "index location, size, its sources with their licences (and the optional "
                    "ones it lacks), data attribution", "dateline gazetteer info")
    info.set_defaults(run=_cmd_info)
    return p


def _version() -> str:
    try:
        return metadata.version("dateline")
    except metadata.PackageNotFoundError:
        return "unknown (not installed; run pip install -e .)"


def _settings(args: argparse.Namespace) -> Settings:
    """The settings of this command; a recogniser whose extra is missing stops it here, before any work."""
    from geo.recognisers import check

    settings = Settings.from_env(cache_dir=args.cache_dir, online=args.online or None,
                                 recogniser=getattr(args, "recogniser", None))
    check(settings.recogniser)
    return settings


def _output_format(args: argparse.Namespace, default: str) -> str:
    from geo import export

    suffix = args.output.suffix.lstrip(".").lower() if args.output and args.output.suffix else ""
    fmt = args.format or suffix or default
    fmt = {"json": "geojson", "ndjson": "jsonl", "pq": "parquet"}.get(fmt, fmt)
    if fmt not in export.FILE_FORMATS:
        raise InputError(args.output, "cannot tell the output format from the suffix; add "
                                      f"--format {'|'.join(export.FILE_FORMATS)}")
    return fmt


def _cmd_parse(args: argparse.Namespace) -> int:
    if args.dask:
        args.engine, args.scheduler = "dask", None if args.dask == "local" else args.dask
    settings = _settings(args)
    if args.engine == "dask":
        return _parse_on_dask(args, settings)
    from gazetteer.cache import cached
    from geo.pipeline import open_gazetteer, progress_bar, stream_paths
    from geo.records import Problem
    from geo.tally import Books

    fmt = _output_format(args, "geojson")
    if fmt == "parquet" and not args.output:
        raise InputError("--format parquet", "Parquet is binary and cannot go to the terminal; add -o events.parquet")
    gazetteer = cached(open_gazetteer(settings))
    books = Books()
    bar = progress_bar()
    say = bar.write if bar is not None else (lambda line: print(line, file=sys.stderr))
    with _writer(args.output, fmt) as write, _problem_log(args.problems) as log_problem:
        for item in stream_paths(args.paths, settings, gazetteer, partition_bytes=int(args.partition_mb * 2**20)):
            books.count(item)
            problems = (item,) if isinstance(item, Problem) else item.problems
            if not isinstance(item, Problem):
                write(item.events)
                if bar is not None:
                    bar.update()
            for problem in problems:
                say(f"dateline: {problem.source}: {problem.reason}")
                log_problem(problem)
    if bar is not None:
        bar.close()
    return _report(books, args.output)


def _report(books: Books, output: Path | None) -> int:
    """The closing lines, and the exit status: some articles failed, or none did."""
    print(f"dateline: {books.events} events from {books.with_events} of {books.articles} articles"
          + (f" -> {output}" if output else ""), file=sys.stderr)
    print(f"dateline: {books.tally.summary()}", file=sys.stderr)
    if books.failed:
        print(f"dateline: {books.failed} of {books.articles} articles failed in a stage (a bug, not your input); "
              "the others were written; rerun with --debug for tracebacks", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


@contextlib.contextmanager
def _writer(output: Path | None, fmt: str) -> Iterator[Callable[[Sequence[Any]], None]]:
    """``write(events)`` into ``output`` (or stdout), chunk by chunk."""
    from geo import export

    with contextlib.ExitStack() as stack:
        if output is None:
            writer = export.open_writer(fmt, out=sys.stdout)
            stack.callback(writer.close)
        else:
            writer = stack.enter_context(export.file_writer(output, fmt))
        yield lambda events: writer.write(export.rows(events))


@contextlib.contextmanager
def _problem_log(path: Path | None) -> Iterator[Callable[[Any], object]]:
    if path is None:
        yield lambda problem: None
        return
    with path.open("w", encoding="utf-8") as f:
        yield lambda problem: f.write(json.dumps(problem.as_dict(), ensure_ascii=False) + "\n")


def _parse_on_dask(args: argparse.Namespace, settings: Settings) -> int:
    from geo.scale import run_dask

    if not args.output:
        raise InputError("--engine dask", "the workers write the output themselves; add -o FOLDER")
    if args.problems:
        raise InputError("--problems", "with --engine dask every article's outcome is in FOLDER/_manifest/; "
                                       "drop --problems")
    fmt = args.format or "parquet"
    summary = run_dask(args.paths, args.output, fmt, settings, scheduler=args.scheduler, workers=args.workers,
                       partition_bytes=int(args.partition_mb * 2**20))
    print(f"dateline: {summary.events} events from {summary.with_events} of {summary.articles} articles, "
          f"{summary.read_problems} unreadable records, in {summary.partitions} partitions -> {args.output}",
          file=sys.stderr)
    if summary.failed:
        print(f"dateline: {summary.failed} articles failed in a stage (a bug, not your input); see "
              f"{args.output / '_manifest'}", file=sys.stderr)
        return EXIT_SOME_FAILED
    return EXIT_OK


def _cmd_app(args: argparse.Namespace) -> int:
    import os
    import subprocess

    script = Path(__file__).resolve().parent.parent / "app.py"
    if not script.exists():
        raise InputError(script, "the map app runs from a source checkout; clone the repository and "
                                 "pip install -e . there")
    settings = _settings(args)
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    if args.port:
        command += ["--server.port", str(args.port)]
    env = {**os.environ, "DATELINE_CACHE_DIR": str(settings.cache_dir)}
    if args.paths:
        env["DATELINE_DATA"] = os.pathsep.join(str(p.resolve()) for p in args.paths)
    return subprocess.call(command, env=env)


def _cmd_annotate(args: argparse.Namespace) -> int:
    from gazetteer.cache import cached
    from geo.evaluate import load_jsonl, prediction
    from geo.pipeline import open_gazetteer, with_progress

    gold = load_jsonl(args.gold)
    settings = _settings(args)
    gaz = cached(open_gazetteer(settings))
    with args.output.open("w", encoding="utf-8") as f:
        for doc in with_progress(gold.values(), len(gold)):
            f.write(json.dumps(prediction(doc, gaz, settings, demonyms=args.demonyms == "include"),
                               ensure_ascii=False) + "\n")
    print(f"dateline: wrote predictions for {len(gold)} documents to {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_eval(args: argparse.Namespace) -> int:
    from gazetteer.cache import cached
    from geo.evaluate import format_report, load_jsonl, prediction, score, worst
    from geo.pipeline import open_gazetteer, with_progress

    gold = load_jsonl(args.gold)
    started = time.perf_counter()
    if args.pred:
        pred = load_jsonl(args.pred)
    else:
        settings = _settings(args)
        gaz = cached(open_gazetteer(settings))
        pred = {doc_id: prediction(doc, gaz, settings) for doc_id, doc in with_progress(gold.items(), len(gold))}
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
    return EXIT_OK


def _cmd_lookup(args: argparse.Namespace) -> int:
    from geo.pipeline import open_gazetteer

    cands = open_gazetteer(_settings(args)).candidates(args.name, args.limit)
    if not cands:
        print(f"no place called {args.name!r}; add one with an alias file or 'dateline gazetteer import'")
        return 1  # like grep: nothing found
    print(f"{'#':>2}  {'place':32} {'cc':2}  {'code':5} {'population':>11}  {'lat':>9} {'lon':>10}  match  id")
    for i, c in enumerate(cands, 1):
        p = c.place
        print(f"{i:>2}  {p.name[:32]:32} {p.country_code:2}  {p.feature_code:5} {p.population:>11,}  "
              f"{p.lat:>9.4f} {p.lon:>10.4f}  {c.match:5}  {p.id}")
    return EXIT_OK


def _cmd_import(args: argparse.Namespace) -> int:
    from gazetteer.build import import_dumps

    settings = _settings(args)
    n, rejected = import_dumps(args.files, settings.cache_dir, settings.aliases, gazetteer=settings.gazetteer)
    print(f"imported {n:,} places; they will be kept when the index is rebuilt"
          + (f"; {rejected:,} bad rows skipped (listed above with file and line)" if rejected else ""),
          file=sys.stderr)
    return EXIT_OK


def _cmd_info(args: argparse.Namespace) -> int:
    from gazetteer.build import source_statuses
    from geo.pipeline import open_gazetteer

    settings = _settings(args)
    gaz = open_gazetteer(settings)
    stats = gaz.stats()
    print(f"index:   {gaz.path} ({gaz.path.stat().st_size / 1e6:.0f} MB)")
    print(f"places:  {stats['places']:,}   names: {stats['names']:,}")
    print(f"aliases: {settings.aliases}")
    print("sources:")
    for s in source_statuses(gaz):
        state = f"{s.places:>9,} places" if s.places is not None else "      not active"
        print(f"  {s.label:32} {state}  {s.licence}" + (f"  [{s.note}]" if s.note else ""))
    print(stats.get("attribution", ""))
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
