"""The one runner: documents in, table rows out, for ``pipeline.extract()`` and ``pressfacts run``.

:func:`extract_documents` maps chunks of documents through an engine and
collects their rows in input order; :func:`extract_rows` is that in this
process, for the Python API; :func:`run_batch` adds what ``pressfacts run``
needs around it: it extracts what the output folder does not hold yet, then
writes it all.

The inputs are read as a stream. A document whose id, source, text sha256
and date match the folder's manifest (same pipeline version, configuration
and format, tables unchanged since) keeps its rows; the others go to the
engine. Row order: the documents already in the tables keep their places (a
changed one is replaced where it was), new documents follow in input order,
mentions in offset order; so a re-run on the same inputs writes the same
bytes. A document absent from the inputs keeps its rows unless ``prune``.
"""

from __future__ import annotations

import importlib.metadata
import shutil
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain
from pathlib import Path

import spacy
from spacy.language import Language
from tqdm import tqdm

from pipeline.batch.engines import Engine, LocalEngine, make_engine, runs_here
from pipeline.batch.extract import Extracted, PieceJoiner, chunked
from pipeline.core.config import Settings
from pipeline.io.entities import build_entities
from pipeline.io.formats import read_tables, write_tables
from pipeline.io.manifest import (
    MANIFEST_FILE,
    DocumentEntry,
    Manifest,
    file_sha256,
    load_manifest,
    pipeline_version,
    why_stale,
)
from pipeline.io.outputset import RunLock, current_set_dir, new_set_dir, remove_leftovers, switch_to
from pipeline.io.reader import InputDocument, ReadError, source_file
from pipeline.io.tables import TABLE_NAMES, empty_tables, error_rows


@dataclass
class BatchOptions:
    out: str | Path
    fmt: str = "csv"
    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    force: bool = False
    prune: bool = False
    progress: bool | None = None  # None: a bar only when stderr is a terminal
    wait: bool = False  # wait for another run holding the folder instead of failing
    raw_csv: bool = False  # CSV cells exactly as extracted, formula-like ones included

    @property
    def csv_cells(self) -> str:
        return "escaped" if self.fmt == "csv" and not self.raw_csv else "raw"


class DropRefused(RuntimeError):
    """Rows would be dropped while some input could not be read: nothing was written."""


@dataclass
class BatchResult:
    rows: dict[str, list[dict]] = field(default_factory=empty_tables)
    errors: list[ReadError] = field(default_factory=list)
    n_documents: int = 0  # in the tables
    n_extracted: int = 0
    n_reused: int = 0
    n_pruned: int = 0
    n_dropped: int = 0  # absent from the inputs, in tables that could not be reused
    stale: str | None = None  # why earlier tables could not be reused
    seconds: float = 0.0


def configuration_of(settings: Settings) -> str:
    """The settings' fingerprint with the versions of spaCy and of the model package."""
    try:
        model = importlib.metadata.version(settings.model)
    except importlib.metadata.PackageNotFoundError:
        model = "?"
    return f"{settings.fingerprint} {settings.model}=={model} spacy=={spacy.__version__}"


def documents_of(stream: Iterable[InputDocument | ReadError], errors: list[ReadError]) -> Iterator[InputDocument]:
    """The documents of ``stream``; its read errors go to ``errors``."""
    for item in stream:
        if isinstance(item, ReadError):
            errors.append(item)
        else:
            yield item


def extract_documents(
    engine: Engine,
    chunks: Iterable[list[InputDocument]],
    on_chunk: Callable[[Extracted], None] | None = None,
    joiner: PieceJoiner | None = None,
) -> tuple[dict[str, dict[str, list[dict]]], list[ReadError]]:
    """Each document's rows (doc_id -> table -> rows, in input order) and the component failures;
    ``joiner``: the one that spread long documents into the chunks as pieces."""
    fresh: dict[str, dict[str, list[dict]]] = {}
    failures: list[ReadError] = []
    for extracted in engine.map(chunks):
        fresh.update(joiner.join(extracted.rows) if joiner is not None else extracted.rows)
        failures.extend(extracted.errors)
        if on_chunk is not None:
            on_chunk(extracted)
    return fresh, failures


def add_entities(rows: dict[str, list[dict]], texts: dict[str, str], earlier: Iterable[dict] = ()) -> None:
    """``rows["entities"]``, one row per named report and initiative of the batch, and the
    ``entity_id`` of every report and initiative row (``texts``: the documents extracted now,
    whose text says which forms are aliases; ``earlier``: the last run's entities)."""
    dates = {row["doc_id"]: row["date"] for row in rows["documents"]}
    rows["entities"] = build_entities(rows, texts, dates, earlier)


def extract_rows(
    nlp: Language, stream: Iterable[InputDocument | ReadError], batch_size: int = 32
) -> tuple[dict[str, list[dict]], list[ReadError]]:
    """Every table's rows for ``stream``, extracted in this process with ``nlp``, and every
    error (unreadable inputs, then component failures)."""
    errors: list[ReadError] = []
    texts: dict[str, str] = {}

    def documents() -> Iterator[InputDocument]:
        for item in documents_of(stream, errors):
            texts[item.doc_id] = item.text
            yield item

    engine = LocalEngine(Settings(batch_size=batch_size), nlp=nlp)
    fresh, failures = extract_documents(engine, chunked(documents(), batch_size))
    rows = empty_tables()
    for document_rows in fresh.values():
        for table, table_rows in document_rows.items():
            rows[table].extend(table_rows)
    add_entities(rows, texts)
    return rows, errors + failures


def _rows_by_document(frames) -> dict[str, dict[str, list[dict]]]:
    rows: dict[str, dict[str, list[dict]]] = {}
    for table, frame in frames.items():
        for row in frame.to_dict("records"):
            rows.setdefault(row["doc_id"], empty_tables())[table].append(row)
    return rows


def _earlier_texts(previous_dir: Path, options: BatchOptions, reusable: Manifest | None) -> dict[str, str]:
    """The texts the reusable earlier set holds (a document kept without being read again keeps its text)."""
    if reusable is None:
        return {}
    frame = read_tables(previous_dir, ["texts"], options.fmt, reusable.csv_cells == "escaped")["texts"]
    return dict(zip(frame["doc_id"], frame["text"], strict=True))


def run_batch(
    settings: Settings, stream: Iterable[InputDocument | ReadError], options: BatchOptions, on_wait=None
) -> BatchResult:
    """Extract, merge with the reusable rows of ``options.out``, and switch in a new set of
    tables and manifest (:mod:`pipeline.io.outputset`), holding the folder's lock throughout."""
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    with RunLock(out, options.wait, on_wait):
        remove_leftovers(out)
        return _run_locked(settings, stream, options, out)


def _run_locked(
    settings: Settings, stream: Iterable[InputDocument | ReadError], options: BatchOptions, out: Path
) -> BatchResult:
    started = time.perf_counter()
    result = BatchResult()
    configuration = configuration_of(settings)
    previous_dir = current_set_dir(out) or out  # or the older in-place layout
    previous = load_manifest(previous_dir)
    result.stale = why_stale(previous, previous_dir, configuration, options.fmt, options.csv_cells)
    reusable = previous if previous is not None and not result.stale else None
    earlier = {e.doc_id: e for e in reusable.documents} if reusable else {}
    earlier_rows = (
        _rows_by_document(read_tables(previous_dir, TABLE_NAMES, options.fmt, reusable.csv_cells == "escaped"))
        if reusable and earlier
        else {}
    )

    current: dict[str, DocumentEntry] = {}
    read_errors: list[ReadError] = []
    fresh_texts: dict[str, str] = {}  # of the documents extracted now: where aliases are defined
    texts = _earlier_texts(previous_dir, options, reusable)  # every document's, written with the tables

    def to_extract() -> Iterator[InputDocument]:
        for item in documents_of(stream, read_errors):
            entry = DocumentEntry.of(item)
            before = earlier.get(item.doc_id)
            if before is not None and not options.force and source_file(before.source) != source_file(entry.source):
                read_errors.append(
                    ReadError(
                        entry.source,
                        None,
                        f"doc_id {item.doc_id!r} is already in the tables, "
                        f"read from {before.source}; skipped (rename it, or --force to replace)",
                    )
                )
                continue
            current[item.doc_id] = entry
            texts[item.doc_id] = item.text
            if not options.force and earlier.get(item.doc_id) == entry:
                result.n_reused += 1
                continue
            fresh_texts[item.doc_id] = item.text
            yield item

    fresh: dict[str, dict[str, list[dict]]] = {}
    failures: list[ReadError] = []
    # Workers elsewhere take a long document's pieces one by one, so one long document keeps
    # them all busy; in this process the pieces are cut and joined by extract_chunk itself.
    joiner = None if runs_here(options.engine, options.workers) else PieceJoiner()
    chunks = chunked(joiner.spread(to_extract()) if joiner else to_extract(), settings.batch_size)
    first = next(chunks, None)
    if first is not None:  # the model loads only when there is something to extract
        # Progress in characters: a batch of one long document moves as its pieces are done.
        bar = tqdm(
            unit="char",
            unit_scale=True,
            desc="pressfacts",
            leave=False,
            disable=None if options.progress is None else not options.progress,
        )
        engine = make_engine(settings, options.engine, options.workers, options.scheduler, on_chars=bar.update)

        def chunk_done(extracted: Extracted) -> None:
            if not isinstance(engine, LocalEngine):  # a local engine tells each piece itself
                bar.update(sum(rows["documents"][0]["n_chars"] for _, rows in extracted.rows))

        try:
            fresh, failures = extract_documents(engine, chain([first], chunks), chunk_done, joiner)
        finally:
            engine.close()
            bar.close()
    result.n_extracted = len(fresh)

    order = [doc_id for doc_id in earlier if doc_id in current or not options.prune]
    order += [doc_id for doc_id in current if doc_id not in earlier]
    result.n_pruned = sum(1 for doc_id in earlier if doc_id not in current) if options.prune else 0
    if previous is not None and result.stale:
        result.n_dropped = sum(1 for e in previous.documents if e.doc_id not in current)
    unread = [e for e in read_errors if e.lost]
    if (result.n_pruned or result.n_dropped) and unread and not options.force:
        gone = [e.doc_id for e in (previous.documents if previous else []) if e.doc_id not in current]
        shown = ", ".join(gone[:5]) + (f" and {len(gone) - 5} more" if len(gone) > 5 else "")
        raise DropRefused(
            f"{len(unread)} input(s) could not be read or matched nothing (first: {unread[0]}), and this "
            f"run would drop the rows of {len(gone)} earlier document(s) ({shown}); nothing was written. "
            "Fix the inputs, or pass --force to drop them"
        )
    entries: list[DocumentEntry] = []
    for doc_id in order:
        if doc_id in fresh:
            rows, entry = fresh[doc_id], current[doc_id]
        elif doc_id in earlier and (doc_id not in current or current[doc_id] == earlier[doc_id]):
            rows, entry = earlier_rows.get(doc_id, empty_tables()), earlier[doc_id]
        else:  # changed or new, and a component failed on it (in ``failures``)
            continue
        for table, table_rows in rows.items():
            result.rows[table].extend(table_rows)
        entries.append(entry)
    result.n_documents = len(entries)
    result.errors = read_errors + failures
    earlier_entities = (
        read_tables(previous_dir, ["entities"], options.fmt, reusable.csv_cells == "escaped")["entities"].to_dict(
            "records"
        )
        if reusable
        else []
    )
    add_entities(result.rows, fresh_texts, earlier_entities)
    result.rows["texts"] = [{"doc_id": e.doc_id, "text": texts[e.doc_id]} for e in entries]

    tables = {**result.rows, "errors": error_rows(result.errors)}

    def manifest(staged: dict[str, Path]) -> dict[str, bytes]:
        tables = {name: file_sha256(path) for name, path in staged.items()}
        record = Manifest(pipeline_version(), configuration, options.fmt, tables, entries, options.csv_cells)
        return {MANIFEST_FILE: record.to_bytes()}

    set_dir = new_set_dir(out)
    try:
        write_tables(tables, set_dir, options.fmt, manifest, escape_csv=options.csv_cells == "escaped")
        switch_to(out, set_dir)
    except BaseException:  # a failed or interrupted write leaves no staging behind
        if current_set_dir(out) != set_dir.resolve():
            shutil.rmtree(set_dir, ignore_errors=True)
        raise
    result.seconds = time.perf_counter() - started
    return result
