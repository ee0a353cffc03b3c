"""False positives and false negatives of recognition on the dev sets, grouped by class.

    DATELINE_CACHE_DIR=... python3 benchmarks/recognition_errors.py [--corpora gwn-dev ...] [--show 5]
        [--save DIR] [--against DIR]

Overlap matching, as in the accuracy table. A false positive is put in the first class its
context fits (the classes are the recogniser's veto questions: is it a person, an
organisation, a word capitalised only by its position?), a false negative in the gold's own
class (GWN ``type``, LGL/TR-News ``fcode``). Each class lists its most frequent surface forms,
so a rule can be aimed at a class and checked against the true positives of every corpus.
``--save DIR`` writes the predictions; ``--against DIR`` prints the spans gained and lost
since a saved run, which is how a rule is checked for true positives it removes elsewhere.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo import lexicon
from geo.evaluate import load_jsonl, match_spans, prediction, score
from geo.pipeline import open_gazetteer
from geo.recognise import first_names
from geo.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl")
_WORD = re.compile(r"[\w'’.-]+")


def fp_class(text: str, t: dict) -> str:
    """The first context class a false positive fits: the question a veto would ask."""
    start, end = t["start"], t["end"]
    before = _WORD.findall(text[max(0, start - 40):start])
    after = _WORD.findall(text[end:end + 30])
    prev = before[-1] if before else ""
    line_start = text.rfind("\n", 0, start) + 1
    line = text[line_start:text.find("\n", end) if "\n" in text[end:] else len(text)]
    words = [w for w in _WORD.findall(line) if w[:1].isalpha()]
    if t["kind"] == "demonym":
        return "demonym"
    if t["rule"] in ("dateline", "abbreviation"):
        return t["rule"]
    if t["name"].lower() in lexicon.ORGANISATIONS:
        return "organisation list"
    if prev.lower().rstrip(".") in lexicon.PERSON_TITLES or prev.lower() in first_names():
        return "after title/first name"
    if after and after[0].lower() in lexicon.PERSON_VERBS:
        return "before said"
    if after and after[0][:1].isupper() and text[end:end + 1] == " ":
        return "head of a longer name"
    if prev[:1].isupper() and text[start - 1:start] == " " and not re.search(r"[.!?:]\s*$", text[:start]):
        return "tail of a longer name"
    if len(words) >= 3 and sum(w[:1].isupper() for w in words) / len(words) > 0.6:
        return "title-case line"
    if not text[line_start:start].strip() or re.search(r"[.!?:\"“]\s*$", text[:start]):
        return "sentence-initial"
    if t["rule"].startswith("context"):
        return "context rule"
    return "other"


def _predict(names: list[str], gaz) -> dict[str, dict[str, dict]]:
    out = {}
    for name in names:
        gold = load_jsonl(DEV / f"{name}.jsonl")
        out[name] = {doc_id: prediction(doc, gaz) for doc_id, doc in gold.items()}
    return out


def report(name: str, gold: dict, pred: dict, show: int) -> None:
    overlap, _ = score(gold, pred, "overlap")
    exact, _ = score(gold, pred, "exact")
    r = overlap["recognition"]
    print(f"\n## {name}: overlap P/R/F1 {r['precision']:.3f} / {r['recall']:.3f} / {r['f1']:.3f} "
          f"(fp {r['fp']}, fn {r['fn']}); acc@161 exact {exact['resolution']['acc@161']:.3f}")
    fps: dict[str, Counter] = defaultdict(Counter)
    fns: dict[str, Counter] = defaultdict(Counter)
    for doc_id, gdoc in gold.items():
        g, p = gdoc["toponyms"], pred[doc_id]["toponyms"]
        pairs = match_spans(g, p, "overlap")
        hit_g, hit_p = {i for i, _ in pairs}, {j for _, j in pairs}
        for j, t in enumerate(p):
            if j not in hit_p:
                fps[fp_class(gdoc["text"], t)][t["name"]] += 1
        for i, t in enumerate(g):
            if i not in hit_g:
                fns[str(t.get("type") or t.get("fcode") or "-")][t["name"]] += 1
    for title, groups in (("false positives", fps), ("false negatives", fns)):
        print(f"\n{title}:")
        for cls, names in sorted(groups.items(), key=lambda kv: -sum(kv[1].values())):
            top = ", ".join(f"{n} {c}" if c > 1 else n for n, c in names.most_common(show))
            print(f"  {sum(names.values()):4d} {cls}: {top}")


def _spans(pred: dict) -> set[tuple[str, int, int, str]]:
    return {(doc_id, t["start"], t["end"], t["name"]) for doc_id, doc in pred.items() for t in doc["toponyms"]}


def diff(name: str, gold: dict, pred: dict, old: dict) -> None:
    """Spans gained and lost since ``old``, each marked by whether the gold has it (overlap)."""
    def in_gold(doc_id: str, start: int, end: int) -> bool:
        return any(min(end, g["end"]) > max(start, g["start"]) for g in gold[doc_id]["toponyms"])

    now, before = _spans(pred), _spans(old)
    for label, changed in (("lost", before - now), ("gained", now - before)):
        rows = sorted(changed)
        good = sum(in_gold(d, s, e) for d, s, e, _ in rows)
        print(f"\n{name} {label}: {len(rows)} ({good} in the gold)")
        for d, s, e, n in rows:
            print(f"  {'GOLD' if in_gold(d, s, e) else '    '} {n!r} ... {gold[d]['text'][max(0, s - 40):e + 30]!r}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    ap.add_argument("--show", type=int, default=8, help="surface forms shown per class")
    ap.add_argument("--save", type=Path, help="write the predictions here, one JSON file per corpus")
    ap.add_argument("--against", type=Path, help="a --save folder of an earlier run to compare with")
    args = ap.parse_args()
    preds = _predict(args.corpora, open_gazetteer(Settings.from_env()))
    for name, pred in preds.items():
        gold = load_jsonl(DEV / f"{name}.jsonl")
        report(name, gold, pred, args.show)
        if args.against:
            diff(name, gold, pred, json.loads((args.against / f"{name}.json").read_text(encoding="utf-8")))
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"{name}.json").write_text(json.dumps(pred), encoding="utf-8")


if __name__ == "__main__":
    main()
