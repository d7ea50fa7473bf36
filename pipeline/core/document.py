"""The document date: the header convention of the contract and the Doc attributes.

``doc._.pf_date`` (``YYYY-MM-DD`` or None) anchors relative and year-less
dates; ``doc._.pf_body_start`` is where the text after the header begins, so
that no extractor reports the header as a mention.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

# `date YYYY-MM-DD` at the very start, optionally after white space, then white space or end.
HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})(?=\s|\Z)")

for _name in ("pf_date", "pf_body_start", "pf_doc_id"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@dataclass(frozen=True)
class Header:
    date_text: str  # as written, maybe not a real calendar date
    end: int  # offset just after the header's date

    @property
    def date(self) -> str | None:
        """The header date if it is a real calendar date."""
        return iso_date_or_none(self.date_text)


def find_header(text: str) -> Header | None:
    match = HEADER.match(text)
    if match is None:
        return None
    return Header(match.group("date"), match.end())


def iso_date_or_none(value: str) -> str | None:
    try:
        return dt.date.fromisoformat(value).isoformat() if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    except ValueError:
        return None


class DocumentDate:
    """Sets ``pf_body_start`` and, unless the caller set it, ``pf_date`` from the header."""

    def __call__(self, doc: Doc) -> Doc:
        header = find_header(doc.text)
        if doc._.pf_body_start is None:
            doc._.pf_body_start = header.end if header else 0
        if doc._.pf_date is None and header is not None:
            doc._.pf_date = header.date
        return doc


def document_date(doc: Doc) -> dt.date | None:
    return dt.date.fromisoformat(doc._.pf_date) if doc._.pf_date else None


def body_start(doc: Doc) -> int:
    return doc._.pf_body_start or 0
