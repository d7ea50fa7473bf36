"""Read input releases: ``.txt`` files (optional ``date`` header) and ``.jsonl`` lines.

Every problem becomes a :class:`ReadError` naming the source and line; it
never stops the other documents. A document whose date is unusable is still
read (its text is good data) with an error beside it and no date.
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

from pipeline.core.document import decide_date

INPUT_SUFFIXES = (".txt", ".jsonl")


@dataclass(frozen=True)
class InputDocument:
    doc_id: str
    source: str  # file path, with `:LINE` for a JSON line
    text: str
    date: str | None  # YYYY-MM-DD, the anchor for relative dates
    date_source: str  # where the date came from: one of pipeline.core.document.DATE_SOURCES

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


def expand_inputs(inputs: Iterable[str]) -> Iterator[Path | ReadError]:
    """Files, folders (searched recursively) and globs, in a stable order."""
    for item in inputs:
        if any(ch in item for ch in "*?["):
            matches = sorted(glob.glob(item, recursive=True))
            files = [Path(m) for m in matches if Path(m).is_file() and m.endswith(INPUT_SUFFIXES)]
            if not files:
                yield ReadError(item, None, "pattern matches no .txt or .jsonl file")
            yield from files
        elif os.path.isdir(item):
            files = sorted(p for p in Path(item).rglob("*") if p.is_file() and p.suffix in INPUT_SUFFIXES)
            if not files:
                yield ReadError(item, None, "folder holds no .txt or .jsonl file")
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
        reader = read_jsonl if path.suffix == ".jsonl" else read_txt
        for item in reader(path, date):
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
    yield InputDocument(path.stem, str(path), text, decision.date, decision.source)


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
        yield InputDocument(str(doc_id), source, body, decision.date, decision.source)
