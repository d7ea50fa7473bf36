"""Read input releases: ``.txt`` files (optional ``date`` header), ``.jsonl`` lines, and
HTML pages, PDFs, Word files and e-mails (``.html``/``.htm``, ``.pdf``, ``.docx``, ``.eml``),
each turned into plain text first (:mod:`pipeline.io.converters`; that text is the document text).

Every problem becomes a :class:`ReadError` naming the source and line; it
never stops the other documents. A document whose date is unusable is still
read (its text is good data) with an error beside it and no date. A converted file with no
text to give (an encrypted or scanned PDF, a page with no main text, a corrupt .docx, an
e-mail with only attachments) is an error, never an empty document. Its date: the text's
``date`` header if it has one, else the date its metadata states (``date_source``
``html-meta``, ``pdf-metadata``, ``docx-metadata`` or ``email-date``).
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from pipeline.core.document import DateDecision, decide_date
from pipeline.io.converters import FORMATS, ConversionError, convert

INPUT_SUFFIXES = (".txt", ".jsonl", *FORMATS)  # matched in any case: `REPORT.PDF` too
_NO_INPUT = "no .txt or .jsonl file, nor any " + ", ".join(FORMATS)


@dataclass(frozen=True)
class InputDocument:
    doc_id: str
    source: str  # file path, with `:LINE` for a JSON line
    text: str
    date: str | None  # YYYY-MM-DD, the anchor for relative dates
    date_source: str  # where the date came from: one of pipeline.core.document.DATE_SOURCES
    format: str = "txt"  # what the text was read from: txt, jsonl, html, pdf, docx or eml
    title: str = ""  # the page's headline, the PDF's or .docx's title, the e-mail's subject
    url: str = ""  # an HTML page's canonical URL

    @cached_property  # a long text is hashed once
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ReadError:
    source: str
    line: int | None
    reason: str
    lost: bool = True  # False when the document was still read (e.g. without its date)

    def __str__(self) -> str:
        where = f"{self.source}:{self.line}" if self.line else self.source
        return f"{where}: {self.reason}"


def _is_input(path: Path) -> bool:
    """An input file by its suffix (any case); an office lock file (``~$name.docx``) is none."""
    return path.suffix.lower() in INPUT_SUFFIXES and not path.name.startswith("~$") and path.is_file()


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path | ReadError]:
    """Files, folders (searched recursively) and globs, in a stable order."""
    for item in inputs:
        if any(ch in item for ch in "*?["):
            files = [Path(m) for m in sorted(glob.glob(item, recursive=True)) if _is_input(Path(m))]
            if not files:
                yield ReadError(item, None, f"pattern matches {_NO_INPUT}")
            yield from files
        elif os.path.isdir(item):
            files = sorted(p for p in Path(item).rglob("*") if _is_input(p))
            if not files:
                yield ReadError(item, None, f"folder holds {_NO_INPUT}")
            yield from files
        elif os.path.exists(item):
            yield Path(item)
        else:
            yield ReadError(item, None, "no such file or folder")


def printable_path(path: str | Path) -> str:
    """A path as UTF-8 text: bytes that are no UTF-8 (a file name from another system) are
    shown as ``\\xe9`` escapes, so the name can still be reported."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def read_inputs(inputs: Iterable[str], date: str | None = None) -> Iterator[InputDocument | ReadError]:
    """Documents and errors from every input, in order; ``date`` overrides every document's date."""
    seen: dict[str, str] = {}
    for path in expand_inputs(inputs):
        if isinstance(path, ReadError):
            yield path
            continue
        if not _is_unicode(str(path)):
            yield ReadError(
                printable_path(path),
                None,
                "file name is not valid UTF-8 (its doc_id could not be written); skipped: rename the file",
            )
            continue
        for item in read_file(path, date):
            if isinstance(item, InputDocument):
                if item.doc_id in seen:
                    yield ReadError(
                        str(path),
                        _line_of(item.source),
                        f"duplicate doc_id {item.doc_id!r}, first read from {seen[item.doc_id]}; skipped",
                    )
                    continue
                seen[item.doc_id] = item.source
            yield item


def read_file(path: Path, date: str | None = None) -> Iterator[InputDocument | ReadError]:
    """One input file's documents and errors, read by its suffix: ``.jsonl`` lines, a converted
    format (:data:`pipeline.io.converters.FORMATS`), else plain text."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        return read_jsonl(path, date)
    if suffix in FORMATS:
        return read_converted(path, date)
    return read_txt(path, date)


def source_file(source: str) -> str:
    """The file a source names: a JSON line's source is ``path:LINE``."""
    path, _, line = source.rpartition(":")
    return path if line.isdigit() and path.lower().endswith(".jsonl") else source


def _line_of(source: str) -> int | None:
    tail = source.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


def _decode(data: bytes, source: str, line: int | None = None) -> str | ReadError:
    """Text exactly as stored: no newline translation (offsets count a CRLF as two characters);
    a byte-order mark is an encoding mark, not text, and is dropped (UTF-8 and UTF-16)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            return ReadError(source, line or data[: exc.start].count(b"\n") + 1, f"invalid UTF-16: {exc.reason}")
    if b"\x00" in data[:4096]:
        return ReadError(source, line, "binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        where = line or data[: exc.start].count(b"\n") + 1
        return ReadError(source, where, f"not UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start}")


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _read_bytes(path: Path) -> bytes | ReadError:
    try:
        return path.read_bytes()
    except OSError as exc:
        return ReadError(str(path), None, f"cannot read: {exc.strerror or exc}")


def read_txt(path: Path, date: str | None = None) -> Iterator[InputDocument | ReadError]:
    data = _read_bytes(path)
    if isinstance(data, ReadError):
        yield data
        return
    text = _decode(data, str(path))
    if isinstance(text, ReadError):
        yield text
        return
    if not text:
        yield ReadError(str(path), None, "empty file: no text to extract")
        return
    decision = decide_date(text, option=date)
    if decision.problem:
        yield ReadError(str(path), 1, f"{decision.problem}; document read without a date", lost=False)
    yield InputDocument(path.stem, str(path), text, decision.date, decision.source, "txt")


def read_converted(path: Path, date: str | None = None) -> Iterator[InputDocument | ReadError]:
    """An HTML page, PDF, Word file or e-mail as one document: its text as the converter gives
    it; a file with no text to give is one error (``lost``)."""
    fmt = FORMATS[path.suffix.lower()]
    data = _read_bytes(path)
    if isinstance(data, ReadError):
        yield data
        return
    if not data:
        yield ReadError(str(path), None, "empty file: no text to extract")
        return
    try:
        converted = convert(data, fmt)
    except ConversionError as exc:
        yield ReadError(str(path), None, str(exc))
        return
    except Exception as exc:  # a converter library failing on a file it cannot handle must not stop the run
        yield ReadError(str(path), None, f"cannot convert the .{fmt} file: {type(exc).__name__}: {exc}")
        return
    text = converted.text
    if not text.strip():
        yield ReadError(str(path), None, f"no text: the .{fmt} file gives an empty text")
        return
    if not _is_unicode(text):
        yield ReadError(str(path), None, "the converted text holds a lone surrogate (not Unicode text)")
        return
    metadata = DateDecision(converted.date, converted.date_source) if converted.date else None
    decision = decide_date(text, option=date, metadata=metadata)
    if decision.problem:
        yield ReadError(str(path), None, f"{decision.problem}; document read without a date", lost=False)
    yield InputDocument(path.stem, str(path), text, decision.date, decision.source, fmt, converted.title, converted.url)


def read_jsonl(path: Path, date: str | None = None) -> Iterator[InputDocument | ReadError]:
    data = _read_bytes(path)
    if isinstance(data, ReadError):
        yield data
        return
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 lines cannot be split as bytes
        text = _decode(data, str(path))
        if isinstance(text, ReadError):
            yield text
            return
        data = text.encode("utf-8")
    if not data.strip():
        yield ReadError(str(path), None, "empty file: no JSON lines")
        return
    if b"\x00" in data[:4096]:
        yield ReadError(str(path), None, "binary file (NUL bytes), not text")
        return
    # Split the bytes on "\n" only: a bad byte spoils one line, not the file, and the
    # separators str.splitlines() would also split on (U+2028, \x85...) are valid inside JSON strings.
    for number, raw_line in enumerate(data.split(b"\n"), start=1):
        if not raw_line.strip():
            continue
        line = _decode(raw_line, str(path), number)
        if isinstance(line, ReadError):
            yield line
            continue
        source = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield ReadError(str(path), number, f"bad JSON: {exc.msg} at column {exc.colno}")
            continue
        if not isinstance(record, dict):
            yield ReadError(str(path), number, "a JSON line must be an object with 'id' and 'text'")
            continue
        doc_id = record.get("id", record.get("doc_id"))
        body = record.get("text")
        if doc_id is None or not isinstance(body, str):
            yield ReadError(str(path), number, "missing 'id' or string 'text'")
            continue
        if isinstance(doc_id, bool) or not isinstance(doc_id, (str, int)) or str(doc_id) == "":
            yield ReadError(
                str(path), number, f"'id' must be a non-empty string or a whole number, not {json.dumps(doc_id)[:40]}"
            )
            continue
        if not body:
            yield ReadError(str(path), number, "empty 'text': no text to extract")
            continue
        if not _is_unicode(body) or not _is_unicode(str(doc_id)):
            yield ReadError(str(path), number, "'id' or 'text' holds a lone surrogate escape (not Unicode text)")
            continue
        decision = decide_date(body, option=date, stated=record.get("date"))
        if decision.problem:
            yield ReadError(str(path), number, f"{decision.problem}; document read without a date", lost=False)
        yield InputDocument(str(doc_id), source, body, decision.date, decision.source, "jsonl")
