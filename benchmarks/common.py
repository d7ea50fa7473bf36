"""What the benchmark scripts share: pressfacts' own predictions on gold documents, the
text after a document's header, mention overlap, corpus texts and the score tables.

Imported by the scripts as a sibling module (``from common import ...``): a script run as
``.venv/bin/python benchmarks/X.py`` has ``benchmarks/`` on ``sys.path``. Importing it
puts the repository root there too, so that ``pipeline`` is found without an install.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline
from pipeline.core.document import find_header
from pipeline.evaluation.predict import predict_gold
from pipeline.evaluation.scoring import GoldDocument, format_table, score

DEV_GOLD = ROOT / "tests" / "gold" / "dev.jsonl"


def pressfacts_predictions(gold: list[GoldDocument], types) -> tuple[dict[str, dict[str, list[dict]]], float]:
    """The pipeline as shipped: ``{doc_id: {type: mentions}}`` for ``types``, and the seconds
    spent processing the documents (model loading excluded)."""
    nlp = pipeline.load()
    started = time.perf_counter()
    predictions = predict_gold(gold, nlp=nlp)
    seconds = time.perf_counter() - started
    return {doc_id: {t: by_type[t] for t in types} for doc_id, by_type in predictions.items()}, seconds


def body_start(text: str) -> int:
    """Where the text after the ``date YYYY-MM-DD`` header begins (0 without a header):
    a peer's mentions before it are dropped, as pressfacts drops its own."""
    header = find_header(text)
    return header.end if header else 0


def overlaps(a: dict, b: dict) -> bool:
    """Whether two mentions share a character."""
    return a["start"] < b["end"] and b["start"] < a["end"]


def read_texts(path: str | Path, limit: int | None = None) -> list[str]:
    """The ``text`` of each line of a JSONL corpus (the first ``limit`` ones)."""
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle if line.strip()][:limit]


def print_score_tables(path: str, gold: list[GoldDocument], rows, types) -> None:
    """A table of scores for each ``(title, predictions, seconds)`` row."""
    print(f"{path}: {len(gold)} documents")
    for title, predictions, seconds in rows:
        print()
        print(format_table(score(gold, predictions, types), f"{title}  [{seconds:.2f} s]"))
