"""Run the spaCy pipeline over input documents and collect their table rows.

A document longer than :data:`MAX_PIECE_CHARS` is processed in pieces cut at
paragraph (else line, else word) boundaries: spaCy's tagger needs memory in
proportion to a Doc's length, and ``nlp.max_length`` guards against that. Its
rows are made piece by piece, offsets shifted into the whole text
(:func:`process` joins the pieces into one Doc for callers that want Docs). A
batch holds at most ``batch_size`` Docs and :data:`BATCH_CHARS` characters.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.core.document import NO_DATE, remember_text, text_of
from pipeline.core.mentions import MENTION_TYPES, get_mentions, set_mentions
from pipeline.io.reader import InputDocument, ReadError
from pipeline.io.tables import document_rows

MAX_PIECE_CHARS = 100_000
BATCH_CHARS = 400_000
MENTION_TABLES = [t.table for t in MENTION_TYPES.values()]
T = TypeVar("T")
# Where a long text may be cut, best first: each cut falls just after the separator.
PIECE_SEPARATORS = ("\n\n", "\n", " ")


@dataclass(frozen=True)
class Extracted:
    """What extraction made of a chunk of documents: each document's rows, in input order
    (a document a component failed on is absent), and the failures."""

    rows: list[tuple[str, dict[str, list[dict]]]]
    errors: list[ReadError]


@dataclass(frozen=True)
class DocumentPiece(InputDocument):
    """One piece of a long document, extracted on its own: with several workers, a batch that
    is one long document keeps them all busy (:class:`PieceJoiner` puts the rows together).
    ``text`` is the piece's; the whole's length and hash are kept for its documents row."""

    whole_id: str = ""
    offset: int = 0  # where the piece starts in the whole text
    count: int = 1  # pieces of the whole
    whole_chars: int = 0
    whole_sha256: str = ""


def spread_pieces(items: Iterable[InputDocument]) -> Iterator[InputDocument]:
    """``items``, a document longer than one piece given as its pieces (the same pieces
    :func:`extract_chunk` would cut, so the same rows)."""
    for item in items:
        bounds = piece_bounds(item.text)
        if len(bounds) == 1:
            yield item
            continue
        for index, (start, end) in enumerate(bounds):
            yield DocumentPiece(
                # NUL, which no file name holds: the piece's id cannot be another document's
                f"{item.doc_id}\x00{index}",
                item.source,
                item.text[start:end],
                item.date,
                item.date_source,
                item.format,
                item.title,
                item.url,
                whole_id=item.doc_id,
                offset=start,
                count=len(bounds),
                whole_chars=len(item.text),
                whole_sha256=item.sha256,
            )


class PieceJoiner:
    """The rows of whole documents from the rows of their pieces, as the pieces come back
    (in input order, possibly in different chunks); a document missing a failed piece is
    dropped (its failure is in the errors)."""

    def __init__(self) -> None:
        self.pieces: dict[str, DocumentPiece] = {}  # piece id -> piece, registered as spread
        self.waiting: dict[str, list[tuple[int, dict[str, list[dict]]]]] = {}

    def spread(self, items: Iterable[InputDocument]) -> Iterator[InputDocument]:
        for item in spread_pieces(items):
            if isinstance(item, DocumentPiece):
                self.pieces[item.doc_id] = item
            yield item

    def join(self, rows: list[tuple[str, dict[str, list[dict]]]]) -> list[tuple[str, dict[str, list[dict]]]]:
        whole: list[tuple[str, dict[str, list[dict]]]] = []
        for doc_id, doc_rows in rows:
            piece = self.pieces.pop(doc_id, None)
            if piece is None:
                whole.append((doc_id, doc_rows))
                continue
            parts = self.waiting.setdefault(piece.whole_id, [])
            if parts and parts[-1][0] >= piece.offset:  # an earlier piece failed: start again
                parts.clear()
            parts.append((piece.offset, _as_part_of(piece, doc_rows)))
            if len(parts) == piece.count:
                del self.waiting[piece.whole_id]
                joined = _join_rows(parts)
                joined["documents"][0].update(n_chars=piece.whole_chars, sha256=piece.whole_sha256)
                whole.append((piece.whole_id, joined))
        return whole


def _as_part_of(piece: DocumentPiece, rows: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """A piece's rows as rows of its whole document: its id, offsets into the whole text."""
    return {
        table: [{**row, "doc_id": piece.whole_id} for row in table_rows]
        for table, table_rows in _shifted(rows, piece.offset).items()
    }


def piece_bounds(text: str, max_chars: int | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of at most ``max_chars`` (default
    :data:`MAX_PIECE_CHARS`) covering ``text``."""
    max_chars = max_chars or MAX_PIECE_CHARS
    bounds, start = [], 0
    while len(text) - start > max_chars:
        limit = start + max_chars
        cut = limit  # no separator at all: a hard cut
        for separator in PIECE_SEPARATORS:
            found = text.rfind(separator, start + max_chars // 2, limit - len(separator) + 1)
            if found != -1:
                cut = found + len(separator)
                break
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def _join_pieces(item: InputDocument, pieces: list[tuple[int, Doc]]) -> Doc:
    """One Doc over the whole text, with every piece's mentions shifted to whole-text offsets."""
    doc = Doc.from_docs(  # type: ignore[call-arg]  # spaCy's stub lacks `exclude` (spaCy >= 3.5 has it)
        [piece for _, piece in pieces], ensure_whitespace=False, exclude=["spans", "user_data", "tensor"]
    )
    if doc.text != item.text:
        raise ValueError(f"{item.doc_id}: joined pieces do not give back the text")
    doc._.pf_doc_id = item.doc_id
    doc._.pf_date = pieces[0][1]._.pf_date
    doc._.pf_body_start = pieces[0][1]._.pf_body_start
    for type_name in MENTION_TYPES:
        shifted = [
            {**m, "start": m["start"] + offset, "end": m["end"] + offset}
            for offset, piece in pieces
            for m in get_mentions(piece, type_name)
        ]
        set_mentions(doc, type_name, shifted)
    return doc


def _join_rows(pieces: list[tuple[int, dict[str, list[dict]]]]) -> dict[str, list[dict]]:
    """One document's table rows from its pieces' rows (offsets already shifted)."""
    rows = {table: [row for _, piece in pieces for row in piece[table]] for table in pieces[0][1]}
    rows["documents"] = [
        {**pieces[0][1]["documents"][0], **{f"n_{t.table}": len(rows[t.table]) for t in MENTION_TYPES.values()}}
    ]
    return rows


def _batches(pieces: Iterable[tuple[Doc, T]], batch_size: int) -> Iterator[list[tuple[Doc, T]]]:
    """Lists of at most ``batch_size`` Docs and :data:`BATCH_CHARS` characters (but one Doc at least):
    the tagger's memory follows the characters of a batch, not its number of Docs."""
    batch: list[tuple[Doc, T]] = []
    chars = 0
    for doc, context in pieces:
        if batch and (len(batch) == batch_size or chars + len(text_of(doc)) > BATCH_CHARS):
            yield batch
            batch, chars = [], 0
        batch.append((doc, context))
        chars += len(text_of(doc))
    if batch:
        yield batch


def _pipe_pieces(
    nlp: Language, items: Iterable[InputDocument], batch_size: int, errors: list[ReadError] | None
) -> Iterator[tuple[InputDocument, int, int, Doc]]:
    """``(item, offset, n_pieces, doc)`` for every processed piece, in order; a piece a component
    fails on is reported in ``errors`` (when given, else the exception propagates) and skipped."""
    failed: list[ReadError] = errors if errors is not None else []

    def on_error(proc_name, proc, docs, exc):
        if errors is None:
            raise exc
        for doc in docs:
            failed.append(ReadError(doc._.pf_doc_id or "?", None, f"component {proc_name} failed: {exc!r}"))

    def make(item: InputDocument) -> Iterator[tuple[Doc, tuple[InputDocument, int, int]]]:
        bounds = piece_bounds(item.text)
        for start, end in bounds:
            text = item.text[start:end]
            doc = nlp.make_doc(text)
            remember_text(doc, text)
            doc._.pf_doc_id = item.doc_id
            doc._.pf_date = item.date or NO_DATE  # decided by the reader: the header is not read again
            if start > 0 or (isinstance(item, DocumentPiece) and item.offset > 0):
                doc._.pf_body_start = 0  # only the first piece can hold the header
            yield doc, (item, start, len(bounds))

    nlp.set_error_handler(on_error)
    for batch in _batches((piece for item in items for piece in make(item)), batch_size):
        # A piece of white space only (a long document's blank padding) holds no mention:
        # it skips the pipeline and keeps its place. A piece a component failed on is absent.
        to_run = [(doc, context) for doc, context in batch if not text_of(doc).isspace()]
        done = {id(context): doc for doc, context in nlp.pipe(to_run, as_tuples=True, batch_size=max(1, len(to_run)))}
        for doc, context in batch:
            processed = doc if text_of(doc).isspace() else done.get(id(context))
            if processed is not None:
                yield (*context, processed)


def _whole(pieces: Iterable[tuple[InputDocument, int, int, T]]) -> Iterator[tuple[InputDocument, list[tuple[int, T]]]]:
    """Group consecutive pieces by document; a document missing a (failed) piece is dropped."""
    current: InputDocument | None = None
    parts: list[tuple[int, T]] = []
    for item, offset, n_pieces, value in pieces:
        if item is not current:
            current, parts = item, []
        parts.append((offset, value))
        if len(parts) == n_pieces:
            yield item, parts
            current, parts = None, []


def process(
    nlp: Language, items: Iterable[InputDocument], batch_size: int = 32, errors: list[ReadError] | None = None
) -> Iterator[tuple[InputDocument, Doc]]:
    """Yield each document with its processed Doc; a document a component fails on is
    reported in ``errors`` (when given, else the exception propagates) and skipped."""
    for item, parts in _whole(_pipe_pieces(nlp, items, batch_size, errors)):
        yield item, parts[0][1] if len(parts) == 1 else _join_pieces(item, parts)


def _shifted(rows: dict[str, list[dict]], offset: int) -> dict[str, list[dict]]:
    """``rows`` with the mention rows' offsets moved by ``offset`` (a piece's into its whole's)."""
    if not offset:
        return rows
    return {
        table: [{**row, "start": row["start"] + offset, "end": row["end"] + offset} for row in table_rows]
        if table in MENTION_TABLES
        else table_rows
        for table, table_rows in rows.items()
    }


def _shifted_rows(item: InputDocument, offset: int, doc: Doc) -> dict[str, list[dict]]:
    return _shifted(document_rows(item, doc), offset)


def extract_chunk(
    nlp: Language, items: list[InputDocument], batch_size: int = 32, on_chars: Callable[[int], None] | None = None
) -> Extracted:
    """Table rows of each document in ``items``; component failures are collected, never raised.
    A long document's pieces become rows one by one: its whole Doc is never built.
    ``on_chars`` is told the length of each piece done (progress within a long document)."""
    errors: list[ReadError] = []

    def rows_of(item: InputDocument, offset: int, doc: Doc) -> dict[str, list[dict]]:
        if on_chars is not None:
            on_chars(len(text_of(doc)))
        return _shifted_rows(item, offset, doc)

    pieces = (
        (item, offset, n, rows_of(item, offset, doc))
        for item, offset, n, doc in _pipe_pieces(nlp, items, batch_size, errors)
    )
    rows = [(item.doc_id, parts[0][1] if len(parts) == 1 else _join_rows(parts)) for item, parts in _whole(pieces)]
    return Extracted(rows, errors)


def chunked(items: Iterable[InputDocument], size: int) -> Iterator[list[InputDocument]]:
    """Lists of at most ``size`` documents and :data:`MAX_PIECE_CHARS` characters (but one
    document at least): the unit a worker takes, so a long document's pieces go to all of them."""
    chunk: list[InputDocument] = []
    chars = 0
    for item in items:
        if chunk and (len(chunk) == size or chars + len(item.text) > MAX_PIECE_CHARS):
            yield chunk
            chunk, chars = [], 0
        chunk.append(item)
        chars += len(item.text)
    if chunk:
        yield chunk
