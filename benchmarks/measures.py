"""Percentages and measures on a gold file: pressfacts against quantulum3 alone, from one run.

Usage: ``.venv/bin/python benchmarks/measures.py [GOLD]`` (default ``tests/gold/real/real_dev.jsonl``).

Rows, all scored by ``pipeline.evaluation.scoring.score`` (value F1: value, unit, kind and
qualifier for percentages; value, unit and qualifier for measures):

- ``pressfacts``: the pipeline as shipped (percentages and measures after cross-type resolution);
- ``quantulum3 alone``: ``quantulum3.parser.parse`` on each document's text after its header:
  every quantity whose dimension is not ``dimensionless``, ``currency`` or ``time`` is a measure
  (value and unit as it gives them, qualifier ``=``), and every ``percentage`` quantity a
  percentage (unit ``percent``, kind ``level``, qualifier ``=``);
- ``pressfacts, quantulum3 rule only``: pressfacts' measures of rule ``quantulum3`` alone, i.e.
  the engine's part without the rules for the cases it loses on.

Then, per measure rule, how many mentions it gave and how many of them match the gold's values:
what each class of cases quantulum3 loses on is worth.
"""

from __future__ import annotations

import sys
import time
import warnings
from collections import Counter
from decimal import Decimal

from common import ROOT, body_start, pressfacts_predictions

from pipeline.evaluation.scoring import GoldDocument, format_table, load_gold, score

DEFAULT_GOLD = ROOT / "tests" / "gold" / "real" / "real_dev.jsonl"
TYPES = ("percentage", "measure")
NOT_MEASURES = {"dimensionless", "currency", "time"}


def quantulum_alone(gold: list[GoldDocument]) -> tuple[dict[str, dict[str, list[dict]]], float]:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=UserWarning)
        from quantulum3 import parser

    started = time.perf_counter()
    predictions: dict[str, dict[str, list[dict]]] = {}
    for doc in gold:
        begin = body_start(doc.text)
        found: dict[str, list[dict]] = {"percentage": [], "measure": []}
        for q in parser.parse(doc.text[begin:]):
            start, end = q.span[0] + begin, q.span[1] + begin
            mention = {"start": start, "end": end, "text": doc.text[start:end], "qualifier": "="}
            value = str(Decimal(repr(q.value)).normalize())
            if q.unit.name == "percentage":
                found["percentage"].append({**mention, "value": value, "unit": "percent", "kind": "level"})
            elif q.unit.entity.name not in NOT_MEASURES:
                found["measure"].append(
                    {**mention, "value": value, "unit": q.unit.name, "dimension": q.unit.entity.name}
                )
        predictions[doc.doc_id] = found
    return predictions, time.perf_counter() - started


def rule_only(predictions: dict[str, dict[str, list[dict]]], rule: str) -> dict[str, dict[str, list[dict]]]:
    return {
        doc_id: {"percentage": [], "measure": [m for m in by_type["measure"] if m["rule"] == rule]}
        for doc_id, by_type in predictions.items()
    }


def per_rule(gold: list[GoldDocument], predictions: dict[str, dict[str, list[dict]]]) -> list[str]:
    scores = score(gold, predictions, ["measure"])
    given = Counter(m["rule"] for by_type in predictions.values() for m in by_type["measure"])
    right = Counter(o.pred["rule"] for o in scores.outcomes if o.kind == "match" and o.pred is not None)
    lines = [f"{'measure rule':<24} {'mentions':>8} {'right':>6}"]
    lines += [f"{rule:<24} {n:>8} {right[rule]:>6}" for rule, n in given.most_common()]
    return lines


def main(argv: list[str]) -> None:
    path = argv[0] if argv else str(DEFAULT_GOLD)
    gold = load_gold(path)
    ours, our_seconds = pressfacts_predictions(gold, TYPES)
    alone, alone_seconds = quantulum_alone(gold)
    print(f"{path}: {len(gold)} documents")
    for title, predictions, seconds in (
        ("pressfacts", ours, our_seconds),
        ("quantulum3 alone", alone, alone_seconds),
        ("pressfacts, quantulum3 rule only", rule_only(ours, "quantulum3"), our_seconds),
    ):
        print()
        print(format_table(score(gold, predictions, TYPES), f"{title}  [{seconds:.2f} s]"))
    print()
    print("\n".join(per_rule(gold, ours)))


if __name__ == "__main__":
    main(sys.argv[1:])
