"""pressfacts: dates, counts, money, named reports and named initiatives from press releases.

>>> import pipeline
>>> tables = pipeline.extract([{"id": "a", "date": "2020-11-28", "text": "The Expo opened on Nov. 24."}])
>>> tables["dates"][["text", "value"]].values.tolist()
[['Nov. 24', '2020-11-24']]
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from spacy.language import Language

from pipeline.batch.runner import extract_rows
from pipeline.core.config import Settings, load_settings
from pipeline.core.document import decide_date
from pipeline.io.reader import InputDocument, read_inputs
from pipeline.io.tables import to_frames
from pipeline.nlp import load
from pipeline.version import __version__

if TYPE_CHECKING:  # pandas is imported where a table is made: not at start-up
    import pandas as pd

__all__ = ["extract", "load", "load_settings", "Settings", "InputDocument", "read_inputs", "__version__"]


def as_input_document(item: InputDocument | Mapping | str, index: int) -> InputDocument:
    """A document from a text or an ``{"id", "text", "date"}`` mapping, its date decided as the
    readers decide it (``decide_date``); an unusable date is an error, not a silent None."""
    if isinstance(item, InputDocument):
        return item
    text = item if isinstance(item, str) else item["text"]
    doc_id = f"doc{index}" if isinstance(item, str) else str(item.get("id", item.get("doc_id", f"doc{index}")))
    decision = decide_date(text, stated=None if isinstance(item, str) else item.get("date"))
    if decision.problem:
        raise ValueError(f"document {doc_id!r}: {decision.problem}")
    return InputDocument(doc_id, "<api>", text, decision.date, decision.source)


def extract(docs: Iterable[InputDocument | Mapping | str], nlp: Language | None = None) -> dict[str, pd.DataFrame]:
    """The tables (``documents``, ``dates``, ``counts``, ``money``, ``reports``, ``initiatives``
    and ``entities``) for texts, ``{"id", "text", "date"}`` mappings or :class:`InputDocument`."""
    nlp = nlp or load()
    rows, errors = extract_rows(nlp, (as_input_document(d, i) for i, d in enumerate(docs)))
    if errors:
        raise ValueError("; ".join(str(e) for e in errors))
    return to_frames(rows)
