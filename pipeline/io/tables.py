"""Turn processed documents into the contract's tables (pandas DataFrames).

Column order: the contract's columns first (reports and initiatives then carry
their ``entity_id``, see :mod:`pipeline.io.entities`), then ``sentence`` (the
text of the sentence holding the mention) and ``rule`` (the rule that produced
it). Every value is a string, as written to CSV, so numbers stay exact.
``entities`` and ``errors`` are tables of the whole batch, not of a document;
``texts`` holds each document's text as read or converted, so that every row's
``text[start:end]`` can be checked.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from pipeline.core.document import text_of
from pipeline.core.mentions import MENTION_TYPES, get_mentions
from pipeline.io.entities import ENTITY_COLUMNS, NAME_FIELD
from pipeline.io.reader import InputDocument

if TYPE_CHECKING:  # pandas is imported where a table is made: not at start-up
    import pandas as pd

DOCUMENT_COLUMNS = [
    "doc_id",
    "source",
    "date",
    "n_chars",
    "sha256",
    "date_source",
    "format",
    "title",
    "url",
    "period",
] + [f"n_{t.table}" for t in MENTION_TYPES.values()]
TEXT_COLUMNS = ["doc_id", "text"]  # the text each document was read or converted into
MENTION_EXTRA_COLUMNS = ["sentence", "rule"]
ERROR_COLUMNS = ["source", "line", "reason"]
TABLE_NAMES = ["documents"] + [t.table for t in MENTION_TYPES.values()]


def mention_columns(type_name: str) -> list[str]:
    entity = ["entity_id"] if type_name in NAME_FIELD else []
    return ["doc_id", "start", "end", "text", *MENTION_TYPES[type_name].fields, *entity, *MENTION_EXTRA_COLUMNS]


def document_rows(item: InputDocument, doc: Doc) -> dict[str, list[dict]]:
    """The rows one document contributes to each table, keyed by table name."""
    text = text_of(doc)  # joined from the tokens at each reading: once per document, not per row
    sentences = [(s.start_char, s.end_char) for s in doc.sents] if doc.has_annotation("SENT_START") else []
    starts = [s for s, _ in sentences]
    rows: dict[str, list[dict]] = {}
    counts = {}
    for mtype in MENTION_TYPES.values():
        table = []
        for m in get_mentions(doc, mtype.name):
            index = bisect_right(starts, m["start"]) - 1
            sentence = text[sentences[index][0] : sentences[index][1]] if index >= 0 else ""
            row = {"doc_id": item.doc_id, "start": m["start"], "end": m["end"], "text": m["text"]}
            row.update({f: m.get(f, "") for f in mtype.fields})
            row.update(sentence=" ".join(sentence.split()), rule=m.get("rule", ""))
            table.append(row)
        rows[mtype.table] = table
        counts[f"n_{mtype.table}"] = len(table)
    rows["documents"] = [
        {
            "doc_id": item.doc_id,
            "source": item.source,
            "date": item.date or "",
            "n_chars": len(item.text),
            "sha256": item.sha256,
            "date_source": item.date_source,
            "format": item.format,
            "title": item.title,
            "url": item.url,
            "period": doc._.pf_period or "",
            **counts,
        }
    ]
    return rows


def empty_tables() -> dict[str, list[dict]]:
    return {name: [] for name in TABLE_NAMES}


def columns_of(table: str) -> list[str]:
    if table == "documents":
        return DOCUMENT_COLUMNS
    if table == "errors":
        return ERROR_COLUMNS
    if table == "entities":
        return ENTITY_COLUMNS
    if table == "texts":
        return TEXT_COLUMNS
    type_name = next(t.name for t in MENTION_TYPES.values() if t.table == table)
    return mention_columns(type_name)


def error_rows(errors) -> list[dict]:
    """``errors.csv``: one row per input that could not be read (``line`` empty when not applicable)."""
    return [{"source": e.source, "line": "" if e.line is None else str(e.line), "reason": e.reason} for e in errors]


def to_frames(rows: dict[str, list[dict]]) -> dict[str, pd.DataFrame]:
    import pandas as pd

    frames = {}
    for table, table_rows in rows.items():
        columns = columns_of(table)
        frame = pd.DataFrame(table_rows, columns=columns)
        for column in columns:
            if column not in ("start", "end", "n_chars", "line") and not column.startswith("n_"):
                frame[column] = frame[column].astype(object)
        frames[table] = frame
    return frames
