"""pressfacts: dates, counts, money, named reports and named initiatives from press releases.

>>> import pipeline
>>> tables = pipeline.extract([{"id": "a", "date": "2020-11-28", "text": "The Expo opened on Nov. 24."}])
>>> tables["dates"][["text", "value"]].values.tolist()
[['Nov. 24', '2020-11-24']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import pandas as pd
from spacy.language import Language

from pipeline.batch.runner import extract_rows
from pipeline.core.config import Settings, load_settings
from pipeline.core.document import iso_date_or_none
from pipeline.io.reader import InputDocument, read_inputs
from pipeline.io.tables import to_frames
from pipeline.nlp import load
from pipeline.version import __version__

__all__ = ["extract", "load", "load_settings", "Settings", "InputDocument", "read_inputs", "__version__"]


def as_input_document(item: InputDocument | Mapping | str, index: int) -> InputDocument:
    if isinstance(item, InputDocument):
        return item
    if isinstance(item, str):
        return InputDocument(f"doc{index}", "<api>", item, None, "missing")
    doc_id = str(item.get("id", item.get("doc_id", f"doc{index}")))
    date = item.get("date") or None
    if date is not None and iso_date_or_none(str(date)) is None:
        raise ValueError(f"document {doc_id!r}: date {date!r} is not a YYYY-MM-DD calendar date")
    return InputDocument(doc_id, "<api>", item["text"], date, "jsonl" if date else "missing")


def extract(docs: Iterable[InputDocument | Mapping | str], nlp: Language | None = None) -> dict[str, pd.DataFrame]:
    """The six tables (``documents``, ``dates``, ``counts``, ``money``, ``reports``,
    ``initiatives``) for texts, ``{"id", "text", "date"}`` mappings or :class:`InputDocument`."""
    nlp = nlp or load()
    rows, errors = extract_rows(nlp, (as_input_document(d, i) for i, d in enumerate(docs)))
    if errors:
        raise ValueError("; ".join(str(e) for e in errors))
    return to_frames(rows)
