"""The document date: which date a document has, where it came from, and the Doc attributes.

:func:`decide_date` is the one place that decides a document's date, for both
readers, ``pipeline.extract()`` and evaluation: a date given for the whole run
(``--date``) wins, then a date stated beside the text (a JSON line's ``date``),
then the text's ``date YYYY-MM-DD`` header, then a date in a converted file's own
metadata (an HTML page's publication date, a PDF's or Word file's creation date,
an e-mail's ``Date:``). ``date_source`` says which (:data:`DATE_SOURCES`).

``doc._.pf_date`` (``YYYY-MM-DD``) anchors relative and year-less dates: None
means "not decided yet" (the :class:`DocumentDate` component then reads the
header, for a Doc made by ``nlp(text)``), :data:`NO_DATE` means "decided: no
date" (the header is not read again). ``doc._.pf_body_start`` is where the text
after the header begins, so that no extractor reports the header as a mention.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from spacy.tokens import Doc

# `date YYYY-MM-DD` at the very start, optionally after white space, then white space or end.
HEADER = re.compile(r"\A\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})(?=\s|\Z)")

# ``pf_period``: the release's reporting period as a date value (contract v1.1), "" for none;
# set by the date extractor (pipeline/extractors/dates/reporting.py).
for _name in ("pf_date", "pf_body_start", "pf_doc_id", "pf_period"):
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


# Where a document's date came from, best first.
DATE_SOURCES = ("option", "jsonl", "header", "html-meta", "pdf-metadata", "docx-metadata", "email-date", "missing")
NO_DATE = ""  # doc._.pf_date when the document was decided to have no date


@dataclass(frozen=True)
class DateDecision:
    date: str | None  # YYYY-MM-DD, or None: no usable date
    source: str  # one of DATE_SOURCES
    problem: str | None = None  # a stated date that is no calendar date (the document is read without one)


def decide_date(
    text: str, option: str | None = None, stated: object = None, metadata: DateDecision | None = None
) -> DateDecision:
    """The document's date: ``option`` (one date for every input), else ``stated`` (a JSON
    line's ``date``; an unusable one is a problem, not a fall-back to the header), else the
    text's header (an unusable one is a problem too), else ``metadata`` (the date a converted
    file's metadata states, with its source)."""
    if option is not None:
        return DateDecision(option, "option")
    if stated not in (None, ""):
        date = iso_date_or_none(str(stated))
        if date is None:
            return DateDecision(None, "missing", f"date {stated!r} is not a YYYY-MM-DD calendar date")
        return DateDecision(date, "jsonl")
    header = find_header(text)
    if header is None:
        return metadata if metadata is not None and metadata.date else DateDecision(None, "missing")
    if header.date is None:
        return DateDecision(None, "missing", f"header date {header.date_text!r} is not a calendar date")
    return DateDecision(header.date, "header")


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


TEXT_KEY = "pf_text"


def text_of(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token's text at each reading of
    ``Doc.text``, which each extractor and the row builder do (a second per thousand releases)."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str) or len(text) != _text_length(doc):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> None:
    """Give ``text_of`` the text ``doc`` was made from, so that it is never joined at all."""
    if len(text) != _text_length(doc):
        raise ValueError("the text is not the one the Doc was made from")
    doc.user_data[TEXT_KEY] = text


def _text_length(doc: Doc) -> int:
    """The length of ``doc.text``, from its last token (a cached text of another Doc is refused)."""
    return doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0


class DocumentDate:
    """Sets ``pf_body_start`` and, unless the caller set it, ``pf_date`` from the header."""

    def __call__(self, doc: Doc) -> Doc:
        header = find_header(text_of(doc))
        if doc._.pf_body_start is None:
            doc._.pf_body_start = header.end if header else 0
        if doc._.pf_date is None and header is not None:
            doc._.pf_date = header.date
        return doc


def document_date(doc: Doc) -> dt.date | None:
    return dt.date.fromisoformat(doc._.pf_date) if doc._.pf_date else None


def body_start(doc: Doc) -> int:
    return doc._.pf_body_start or 0
