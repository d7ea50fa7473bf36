"""Predicted mentions to score: the pipeline run on gold texts, or an output folder read back."""

from __future__ import annotations

from pathlib import Path

from pipeline.batch.extract import process
from pipeline.core.config import load_settings
from pipeline.core.document import decide_date
from pipeline.core.mentions import MENTION_TYPES, get_mentions
from pipeline.evaluation.scoring import GoldDocument
from pipeline.io.outputset import read_folder
from pipeline.io.reader import InputDocument


def read_predictions(folder: str | Path) -> dict[str, dict[str, list[dict]]]:
    """Mentions from an output folder (any ``--format``), as ``predictions[doc_id][type]``."""
    tables = read_folder(folder, [t.table for t in MENTION_TYPES.values()])
    predictions: dict[str, dict[str, list[dict]]] = {}
    for mtype in MENTION_TYPES.values():
        for row in tables[mtype.table].to_dict("records"):
            predictions.setdefault(row["doc_id"], {}).setdefault(mtype.name, []).append(row)
    return predictions


def gold_input(gold: GoldDocument) -> InputDocument:
    """A gold document as the pipeline's input, its date decided as a JSON line's would be."""
    decision = decide_date(gold.text, stated=gold.date)
    return InputDocument(gold.doc_id, "<gold>", gold.text, decision.date, decision.source)


def predict_gold(gold_docs, config: str | None = None, nlp=None) -> dict[str, dict[str, list[dict]]]:
    """Run the pipeline (``nlp``, else loaded from the settings) on the gold documents' texts and dates."""
    settings = load_settings(config)
    if nlp is None:
        from pipeline.nlp import load

        nlp = load(settings)
    items = (gold_input(g) for g in gold_docs)
    return {
        item.doc_id: {t: get_mentions(doc, t) for t in MENTION_TYPES}
        for item, doc in process(nlp, items, settings.batch_size)
    }
