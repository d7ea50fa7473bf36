"""Run the spaCy pipeline over input documents and collect their table rows."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from tqdm import tqdm

from .reader import InputDocument, ReadError
from .tables import document_rows, empty_tables


@dataclass
class RunResult:
    rows: dict[str, list[dict]] = field(default_factory=empty_tables)
    errors: list[ReadError] = field(default_factory=list)
    n_documents: int = 0
    seconds: float = 0.0


def process(nlp: Language, items: Iterable[InputDocument], batch_size: int = 32,
            errors: list[ReadError] | None = None) -> Iterator[tuple[InputDocument, Doc]]:
    """Yield each document with its processed Doc; a document a component fails on is
    reported in ``errors`` (when given, else the exception propagates) and skipped."""
    failed: list[ReadError] = errors if errors is not None else []

    def on_error(proc_name, proc, docs, exc):
        if errors is None:
            raise exc
        for doc in docs:
            failed.append(ReadError(doc._.pf_doc_id or "?", None, f"component {proc_name} failed: {exc!r}"))

    def make(item: InputDocument) -> tuple[Doc, InputDocument]:
        doc = nlp.make_doc(item.text)
        doc._.pf_doc_id = item.doc_id
        doc._.pf_date = item.date or ""  # "" = known to have no date: do not read the header
        return doc, item

    nlp.set_error_handler(on_error)
    for doc, item in nlp.pipe((make(i) for i in items), as_tuples=True, batch_size=batch_size):
        yield item, doc


def run(nlp: Language, stream: Iterable[InputDocument | ReadError], batch_size: int = 32,
        progress: bool | None = None, total: int | None = None) -> RunResult:
    """Process every document in ``stream``; read errors are collected, never raised."""
    result = RunResult()
    started = time.perf_counter()

    def documents() -> Iterator[InputDocument]:
        for item in stream:
            if isinstance(item, ReadError):
                result.errors.append(item)
            else:
                yield item

    # progress=None: a bar only when stderr is a terminal.
    bar = tqdm(total=total, unit="doc", desc="pressfacts", leave=False,
               disable=None if progress is None else not progress)
    for item, doc in process(nlp, documents(), batch_size, result.errors):
        for table, table_rows in document_rows(item, doc).items():
            result.rows[table].extend(table_rows)
        result.n_documents += 1
        bar.update(1)
    bar.close()
    result.seconds = time.perf_counter() - started
    return result
