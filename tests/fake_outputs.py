"""Small hand-made output folders and gold files, so that the review, diff and regression
tests do not depend on how well the extractors do."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd

from pipeline.core.mentions import MENTION_TYPES
from pipeline.io.tables import DOCUMENT_COLUMNS, ERROR_COLUMNS, mention_columns

TEXTS = {
    "a": "date 2024-03-05 The agency said on March 4 that 1,200 farmers received $3 million under the Green Fields Program.",
    "b": "date 2024-03-06 Officials published the Annual Water Report 2023 <b>today</b> & gave out 40 grants.",
}


def mention(doc_id: str, type_name: str, phrase: str, occurrence: int = 0, **fields) -> dict:
    """A row for ``phrase`` (its ``occurrence``-th appearance) in ``TEXTS[doc_id]``; fields default to ''."""
    text = TEXTS[doc_id]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    row = {"doc_id": doc_id, "start": start, "end": start + len(phrase), "text": phrase, "rule": "test"}
    row.update({f: str(fields.get(f, "")) for f in MENTION_TYPES[type_name].fields})
    return {"type": type_name, **row}


def baseline_mentions() -> list[dict]:
    return [
        mention("a", "date", "March 4", value="2024-03-04", begin="2024-03-04", end_date="2024-03-04"),
        mention("a", "count", "1,200", value="1200", qualifier="=", unit="farmer"),
        mention("a", "money", "$3 million", value="3000000", currency="USD", qualifier="="),
        mention("a", "initiative", "Green Fields Program", name="Green Fields Program", kind="program"),
        mention("b", "report", "Annual Water Report 2023", title="Annual Water Report 2023", year="2023"),
        mention("b", "date", "2023", value="2023", begin="2023-01-01", end_date="2023-12-31"),
        mention("b", "count", "40", value="40", qualifier="=", unit="grant"),
    ]


def write_output(folder: Path, mentions: list[dict], texts: dict[str, str] = TEXTS) -> Path:
    """An output folder as ``pressfacts run`` writes it, with the texts saved as its sources."""
    folder.mkdir(parents=True, exist_ok=True)
    sources = folder / "sources"
    sources.mkdir(exist_ok=True)
    documents = []
    for doc_id, text in texts.items():
        path = sources / f"{doc_id}.txt"
        path.write_text(text, encoding="utf-8")
        counts = {
            f"n_{t.table}": sum(1 for m in mentions if m["doc_id"] == doc_id and m["type"] == t.name)
            for t in MENTION_TYPES.values()
        }
        documents.append(
            {
                "doc_id": doc_id,
                "source": str(path),
                "date": text[5:15],
                "n_chars": len(text),
                "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                "date_source": "header",
                **counts,
            }
        )
    pd.DataFrame(documents, columns=DOCUMENT_COLUMNS).to_csv(folder / "documents.csv", index=False)
    for t in MENTION_TYPES.values():
        rows = [{**m, "sentence": ""} for m in mentions if m["type"] == t.name]
        pd.DataFrame(rows, columns=mention_columns(t.name)).to_csv(folder / f"{t.table}.csv", index=False)
    pd.DataFrame([], columns=ERROR_COLUMNS).to_csv(folder / "errors.csv", index=False)
    return folder


def write_gold(path: Path, mentions: list[dict], texts: dict[str, str] = TEXTS) -> Path:
    lines = []
    for doc_id, text in texts.items():
        gold = [{k: v for k, v in m.items() if k not in ("doc_id", "rule")} for m in mentions if m["doc_id"] == doc_id]
        lines.append(json.dumps({"doc_id": doc_id, "date": text[5:15], "text": text, "mentions": gold}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
