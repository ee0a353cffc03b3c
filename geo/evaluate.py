"""Measuring the geoparser on gold JSONL (format: ../shared/eval/README.md).

The scoring follows the reference ``metrics.py`` rule for rule (span matching, haversine
with R = 6371.0088 km, the Gritta et al. AUC), so the numbers agree on the same files; a test
checks that they do.
"""
from __future__ import annotations

import dataclasses
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gazetteer import Gazetteer
from gazetteer.geometry import haversine_km
from geo.errors import InputError
from geo.focus import focus
from geo.pipeline import locate
from geo.read import split_text
from geo.records import Article, Resolution
from geo.settings import Settings

MAX_ERROR_KM = 20039.0
ACC_KM = 161.0
#: Lower edges of the confidence buckets of the calibration table.
CONFIDENCE_EDGES = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
#: Equal-width bins of the expected calibration error.
ECE_BINS = 10


def load_jsonl(path: str | Path) -> dict[str, dict]:
    docs = {}
    path = Path(path)
    if not path.exists():
        raise InputError(path, "no such file; give a JSONL file in the format of shared/eval/README.md")
    with path.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                doc = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(path, f"not valid JSON ({e.msg})", line=lineno) from None
            if "id" not in doc:
                raise InputError(path, "document has no 'id'", line=lineno, field="id")
            docs[doc["id"]] = doc
    return docs


# --- predicting -------------------------------------------------------------------------------


def prediction(doc: dict, gazetteer: Gazetteer, settings: Settings | None = None, demonyms: bool = True) -> dict:
    """The prediction record of one gold document, with the article's focus beside its toponyms.
    Whether a demonym ("Syrian") is a toponym is the gold's convention, so ``demonyms`` says;
    the focus weighs them either way."""
    article = gold_article(doc)
    resolutions = locate(article, gazetteer, settings)
    main = focus(article, resolutions)
    kept = resolutions if demonyms else [r for r in resolutions if r.mention.kind != "demonym"]
    return predicted(doc["id"], kept) | {"focus": main.as_dict() if main else None}


def gold_article(doc: dict) -> Article:
    """The Article of a gold document, with the sections the reader finds in the same text
    (a dateline paragraph), so that ``annotate`` scores the rules ``parse`` runs. Gold offsets
    index the text as given, so the reader's article is taken only if its text is that text."""
    text, title = doc.get("text", ""), doc.get("title", "") or ""
    plain = Article(id=str(doc["id"]), text=text, title=title)
    read = split_text(text, str(doc["id"]))
    if len(read) != 1 or not read[0].sections or read[0].text.rstrip("\n") != text.rstrip("\n"):
        return plain
    return dataclasses.replace(read[0], id=plain.id, text=text, title=title or read[0].title, source="", feed="")


def predicted(doc_id: object, resolutions: Iterable[Resolution]) -> dict:
    """A prediction record of the evaluation format; rejected mentions are not predictions."""
    return {"id": doc_id, "toponyms": [toponym(r) for r in resolutions if r.rejected is None]}


def toponym(r: Resolution) -> dict:
    m, p = r.mention, r.place
    return {"start": m.start, "end": m.end, "name": m.text,
            "lat": round(p.lat, 5) if p else None, "lon": round(p.lon, 5) if p else None,
            "geonameid": p.geonameid if p else None, "place": p.name if p else None,
            "country_code": p.country_code if p else None, "confidence": r.confidence,
            "geo_precision": r.geo_precision, "kind": m.kind, "rule": m.rule_label}


# --- scoring --------------------------------------------------------------------------------


def auc(errors_km: Sequence[float]) -> float:
    if len(errors_km) < 2:
        return float("nan")
    xs = sorted(math.log(1 + e) for e in errors_km)
    area = sum((xs[i] + xs[i + 1]) / 2.0 for i in range(len(xs) - 1))
    return area / (math.log(MAX_ERROR_KM) * (len(xs) - 1))


def match_spans(gold: list[dict], pred: list[dict], mode: str = "exact") -> list[tuple[int, int]]:
    """One-to-one (gold, pred) pairs: identical offsets, or greedy by largest overlap."""
    pairs: list[tuple[int, int]] = []
    used_p: set[int] = set()
    if mode == "exact":
        by_span: dict[tuple[int, int], list[int]] = {}
        for j, p in enumerate(pred):
            by_span.setdefault((p["start"], p["end"]), []).append(j)
        for i, g in enumerate(gold):
            hit = next((j for j in by_span.get((g["start"], g["end"]), []) if j not in used_p), None)
            if hit is not None:
                used_p.add(hit)
                pairs.append((i, hit))
        return pairs
    overlaps = sorted((-(min(g["end"], p["end"]) - max(g["start"], p["start"])), i, j)
                      for i, g in enumerate(gold) for j, p in enumerate(pred)
                      if min(g["end"], p["end"]) > max(g["start"], p["start"]))
    used_g: set[int] = set()
    for _, i, j in overlaps:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return pairs


@dataclass(frozen=True)
class Miss:
    """One scored gold toponym, for error analysis (``dateline eval --errors``)."""

    doc_id: str
    name: str
    start: int
    gold: tuple[float, float]
    predicted_place: str | None
    error_km: float | None  # None: not recognised at all


def _has_point(t: dict) -> bool:
    return t.get("lat") is not None and t.get("lon") is not None


def score(gold_docs: dict[str, dict], pred_docs: dict[str, dict], mode: str = "exact") -> tuple[dict, list[Miss]]:
    tp = fp = fn = 0
    errors: list[float] = []
    confident: list[tuple[float, float]] = []  # (confidence, error km) of scored predictions
    n_gold_points = 0
    misses: list[Miss] = []
    for doc_id, gdoc in gold_docs.items():
        gold = gdoc["toponyms"]
        pred = pred_docs.get(doc_id, {"toponyms": []})["toponyms"]
        pairs = match_spans(gold, pred, mode)
        tp += len(pairs)
        fp += len(pred) - len(pairs)
        fn += len(gold) - len(pairs)
        n_gold_points += sum(1 for g in gold if _has_point(g))
        matched = dict(pairs)
        for i, g in enumerate(gold):
            if not _has_point(g):
                continue
            p = pred[matched[i]] if i in matched else None
            err = haversine_km(g["lat"], g["lon"], p["lat"], p["lon"]) if p and _has_point(p) else None
            if err is not None:
                assert p is not None  # an error is only measured against a prediction
                errors.append(err)
                if p.get("confidence") is not None:
                    confident.append((p["confidence"], err))
            misses.append(Miss(doc_id, g["name"], g["start"], (g["lat"], g["lon"]),
                               p.get("place") if p else None, err))
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
    n = len(errors)
    correct = sum(1 for e in errors if e < ACC_KM)
    resolution = {"n_scored": n, "acc@161": correct / n if n else float("nan"),
                  "mean_km": sum(errors) / n if n else float("nan"), "median_km": _median(errors),
                  "auc": auc(errors)}
    if n_gold_points:
        resolution["resolution_coverage"] = n / n_gold_points
        resolution["acc@161_end_to_end"] = correct / n_gold_points
    report: dict[str, object] = {"match": mode,
                                 "recognition": {"tp": tp, "fp": fp, "fn": fn, "precision": precision,
                                                 "recall": recall, "f1": f1},
                                 "resolution": resolution}
    if confident:
        report["calibration"] = calibration(confident)
        resolution["ece"] = expected_calibration_error(confident)
    return report, misses


def calibration(confident: Sequence[tuple[float, float]]) -> list[dict]:
    """Accuracy@161 per confidence bucket: a confidence is only useful if higher means righter."""
    rows = []
    edges = CONFIDENCE_EDGES + (float("inf"),)
    for low, high in zip(edges, edges[1:]):
        errs = [e for c, e in confident if low <= c < high]
        if errs:
            rows.append({"confidence": f"{low:.2f}-{min(high, 1.0):.2f}", "n": len(errs),
                         "acc@161": sum(1 for e in errs if e < ACC_KM) / len(errs)})
    return rows


def expected_calibration_error(confident: Sequence[tuple[float, float]], bins: int = ECE_BINS) -> float:
    """Mean gap between confidence and accuracy@161 over equal-width confidence bins, weighted by
    how many answers fall in each: 0 when a confidence of 0.8 is right 80% of the time."""
    if not confident:
        return float("nan")
    groups: dict[int, list[tuple[float, float]]] = {}
    for c, e in confident:
        groups.setdefault(min(int(c * bins), bins - 1), []).append((c, e))
    gap = sum(abs(sum(c for c, _ in g) - sum(1 for _, e in g if e < ACC_KM)) for g in groups.values())
    return gap / len(confident)


def _median(values: Iterable[float]) -> float:
    v = sorted(values)
    if not v:
        return float("nan")
    mid = len(v) // 2
    return v[mid] if len(v) % 2 else (v[mid - 1] + v[mid]) / 2.0


def worst(misses: list[Miss], n: int = 20) -> list[Miss]:
    """Largest errors first; unrecognised gold toponyms count as the worst."""
    return sorted(misses, key=lambda m: (m.error_km is not None, -(m.error_km or 0)))[:n] if n else []


def format_report(report: dict) -> str:
    rec, res = report["recognition"], report["resolution"]
    lines = [f"match: {report['match']}",
             f"recognition  P {rec['precision']:.3f}  R {rec['recall']:.3f}  F1 {rec['f1']:.3f}  "
             f"(tp {rec['tp']}, fp {rec['fp']}, fn {rec['fn']})",
             f"resolution   acc@161 {res['acc@161']:.3f}  AUC {res['auc']:.3f}  "
             f"mean {res['mean_km']:.0f} km  median {res['median_km']:.1f} km  (n {res['n_scored']})"]
    if "acc@161_end_to_end" in res:
        lines.append(f"end to end   acc@161 {res['acc@161_end_to_end']:.3f} over all gold toponyms with "
                     f"coordinates (coverage {res['resolution_coverage']:.3f})")
    if report.get("calibration"):
        buckets = "  ".join(f"{row['confidence']}: {row['acc@161']:.2f} (n {row['n']})" for row in report["calibration"])
        lines.append(f"calibration  ECE {res['ece']:.3f}  {buckets}")
    return "\n".join(lines)
