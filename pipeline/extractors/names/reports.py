"""Named reports: titles of documents (reports, white papers, indices, frameworks ...).

Fields: ``title`` (as written, without quotes), ``year`` (the edition year written with
the title), ``version`` (`(version 4.0)` right after it). The names are found and
classified once per document by :mod:`pipeline.extractors.names.classify`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.core.document import text_of
from pipeline.core.mentions import make_mention
from pipeline.extractors.names.classify import find_names


def extract_reports(doc: Doc) -> list[dict]:
    text = text_of(doc)
    return [
        make_mention(text, n.start, n.end, n.rule, title=text[n.start : n.end], year=n.year, version=n.version)
        for n in find_names(doc)
        if n.cls == "report"
    ]
