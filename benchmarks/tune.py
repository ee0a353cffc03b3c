"""Coordinate search over the resolver's :class:`geo.resolve.Weights` on the dev sets.

    python3 benchmarks/tune.py [--rounds 2] [--wiktor 300]

Recognition runs once per document; only resolution is repeated per trial. The objective is
the mean over the corpora of end-to-end accuracy@161 km (exact spans), so a weight change must
help resolution without rejecting good mentions, and must help on average, not on one corpus.
Prints the best weights; copy the ones that are worth it into ``Weights`` by hand.
"""
from __future__ import annotations

import argparse
import dataclasses
import functools
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from gazetteer import Gazetteer
from geo.evaluate import gold_article, load_jsonl, predicted, score
from geo.pipeline import open_gazetteer
from geo.recognise import recognise
from geo.resolve import WEIGHTS, Weights, resolve
from geo.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl", "wiktor-dev")
STEPS = (0.5, 2.0)  # multiplicative steps tried per weight and round


class _CachedGazetteer:
    """The lookups resolve() makes, memoised: trials repeat them thousands of times."""

    def __init__(self, gazetteer: Gazetteer):
        self.candidates = functools.lru_cache(maxsize=None)(gazetteer.candidates)
        self.get = functools.lru_cache(maxsize=None)(gazetteer.get)
        self.admin1 = functools.lru_cache(maxsize=None)(gazetteer.admin1)
        self.has_fold = gazetteer.has_fold
        self.has_key = gazetteer.has_key


def _prepared(wiktor_docs: int) -> dict[str, tuple[dict, list]]:
    gaz = open_gazetteer(Settings.from_env())
    out = {}
    for name in CORPORA:
        gold = load_jsonl(DEV / f"{name}.jsonl")
        if name.startswith("wiktor"):
            gold = dict(list(gold.items())[:wiktor_docs])
        docs = []
        for doc_id, doc in gold.items():
            article = gold_article(doc)
            docs.append((doc_id, article, recognise(article, gaz)))
        out[name] = (gold, docs)
    return out


def objective(data: dict[str, tuple[dict, list]], gaz, weights: Weights) -> tuple[float, dict[str, float]]:
    per = {}
    for name, (gold, docs) in data.items():
        pred = {doc_id: predicted(doc_id, resolve(article, mentions, gaz, weights))
                for doc_id, article, mentions in docs}
        report, _ = score(gold, pred, "exact")
        per[name] = report["resolution"]["acc@161_end_to_end"]
    return sum(per.values()) / len(per), per


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--wiktor", type=int, default=300, help="WikToR documents to use (the set is large)")
    args = ap.parse_args()
    data = _prepared(args.wiktor)
    gaz = _CachedGazetteer(open_gazetteer(Settings.from_env()))
    best = WEIGHTS
    best_score, per = objective(data, gaz, best)
    print(f"start {best_score:.4f} {per}")
    for _ in range(args.rounds):
        for field in dataclasses.fields(Weights):
            if field.name.startswith("cal_"):
                continue  # the calibration is fitted by calibrate.py, and moves no answer
            for step in STEPS:
                trial = dataclasses.replace(best, **{field.name: getattr(best, field.name) * step})
                s, per = objective(data, gaz, trial)
                if s > best_score + 1e-4:
                    best, best_score = trial, s
                    print(f"{field.name} -> {getattr(trial, field.name):.3f}: {s:.4f} {per}")
    print(best)


if __name__ == "__main__":
    main()
