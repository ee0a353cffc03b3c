"""Fit the resolver's confidence calibration on the dev sets, cross-validated across corpora.

    DATELINE_CACHE_DIR=... python3 benchmarks/calibrate.py [--png benchmarks/reliability.png]

Every exact-span answer of the four dev sets that has coordinates on both sides gives one
example: the facts of its :class:`geo.resolve.Evidence` and whether it lies within 161 km.
A logistic regression (each corpus weighted alike, so WikToR's thousands of answers do not
outvote GWN) is fitted leaving one corpus out at a time, to show what a corpus the fit never
saw gets; the fit on all four gives the ``cal_`` constants to copy into ``Weights``. The
expected calibration error (ECE) is printed per corpus for the confidences the committed
weights give now, the held-out fits and the fit on all four, and the reliability diagram of
the committed weights is written as a PNG (needs the ``bench`` extra: matplotlib).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.evaluate import ACC_KM, expected_calibration_error, gold_article, haversine_km, load_jsonl, match_spans, toponym
from geo.pipeline import open_gazetteer
from geo.recognise import recognise
from geo.resolve import CALIBRATION_FACTS, WEIGHTS, resolve_with_evidence
from geo.settings import Settings

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
CORPORA = ("gwn-dev", "trnews-dev", "lgl", "wiktor-dev")
L2 = 10.0  # ridge (in answers): keeps rare facts (key matches, unknown names) from running off


def examples(name: str, gaz) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(facts, within 161 km, committed confidence) of one corpus's scored answers."""
    facts, right, conf = [], [], []
    for doc in load_jsonl(DEV / f"{name}.jsonl").values():
        article = gold_article(doc)
        pairs = [(r, ev) for r, ev in resolve_with_evidence(article, recognise(article, gaz), gaz)
                 if r.rejected is None]
        pred = [toponym(r) for r, _ in pairs]
        for i, j in match_spans(doc["toponyms"], pred, "exact"):
            g, (r, ev) = doc["toponyms"][i], pairs[j]
            if g.get("lat") is None or r.place is None or ev is None:
                continue
            facts.append(ev.facts())
            right.append(haversine_km(g["lat"], g["lon"], r.place.lat, r.place.lon) < ACC_KM)
            conf.append(r.confidence)
    return np.array(facts), np.array(right, dtype=float), np.array(conf)


def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Weighted, lightly ridged logistic regression by Newton's method: [intercept, coefficients...]."""
    a = np.hstack([np.ones((len(x), 1)), x])
    beta = np.zeros(a.shape[1])
    ridge = L2 * np.eye(a.shape[1])
    ridge[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-a @ beta))
        grad = a.T @ (weight * (p - y)) + ridge @ beta
        hess = (a * (weight * p * (1 - p))[:, None]).T @ a + ridge
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return beta


def predict(beta: np.ndarray, x: np.ndarray) -> np.ndarray:
    return np.round(1.0 / (1.0 + np.exp(-(beta[0] + x @ beta[1:]))), 3)


def ece(conf: np.ndarray, right: np.ndarray) -> float:
    return expected_calibration_error([(float(c), 0.0 if r else 2 * ACC_KM) for c, r in zip(conf, right)])


def pooled(data: dict, names: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    x = np.vstack([data[n][0] for n in names])
    y = np.concatenate([data[n][1] for n in names])
    w = np.concatenate([np.full(len(data[n][1]), len(y) / (len(names) * len(data[n][1]))) for n in names])
    return x, y, w


def reliability_png(path: Path, data: dict) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5.5, 5.5))
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="perfect")
    edges = np.linspace(0, 1, 11)
    for name, (_, right, conf) in data.items():
        idx = np.minimum((conf * 10).astype(int), 9)
        xs, ys, ns = [], [], []
        for b in range(10):
            sel = idx == b
            if sel.sum() >= 5:
                xs.append(conf[sel].mean())
                ys.append(right[sel].mean())
                ns.append(sel.sum())
        ax.plot(xs, ys, marker="o", label=f"{name} (ECE {ece(conf, right):.3f}, n {len(conf)})")
    ax.set_xticks(edges[::2])
    ax.set_xlabel("confidence (committed calibration)")
    ax.set_ylabel("share within 161 km")
    ax.set_title("Reliability on the dev sets (bins of 0.1, n >= 5)")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpora", nargs="+", default=list(CORPORA))
    ap.add_argument("--png", type=Path, default=Path(__file__).resolve().parent / "reliability.png")
    args = ap.parse_args()
    gaz = open_gazetteer(Settings.from_env())
    data = {name: examples(name, gaz) for name in args.corpora}
    print("| corpus | answers | acc@161 | mean confidence | ECE committed | ECE held out | ECE fit on all |")
    print("|---|---|---|---|---|---|---|")
    x, y, w = pooled(data, list(data))
    beta = fit(x, y, w)
    for name, (fx, right, conf) in data.items():
        others = [n for n in data if n != name]
        held = fit(*pooled(data, others)) if others else beta
        print(f"| {name} | {len(right)} | {right.mean():.3f} | {conf.mean():.3f} | {ece(conf, right):.3f} | "
              f"{ece(predict(held, fx), right):.3f} | {ece(predict(beta, fx), right):.3f} |")
    print("\nfit on all corpora (copy into geo/resolve.py Weights):")
    print(f"    cal_intercept: float = {beta[0]:.3f}")
    for name, b in zip(CALIBRATION_FACTS, beta[1:]):
        print(f"    cal_{name}: float = {b:.3f}")
    print(f"\ncommitted: intercept {WEIGHTS.cal_intercept}, "
          + ", ".join(f"{n} {getattr(WEIGHTS, 'cal_' + n)}" for n in CALIBRATION_FACTS))
    reliability_png(args.png, data)
    print(f"wrote {args.png}")


if __name__ == "__main__":
    main()
