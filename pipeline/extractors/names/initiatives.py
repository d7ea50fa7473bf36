"""Named initiatives: programmes, awards, zones, facilities, mechanisms, competitions,
events, projects, platforms, alliances, funds, campaigns and case collections.

Fields: ``name`` (as written, without quotes, white space as in the text) and ``kind``.
The names are found and classified once per document by :mod:`pipeline.extractors.names.classify`.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.core.document import text_of
from pipeline.core.mentions import make_mention
from pipeline.extractors.names.classify import find_names


def extract_initiatives(doc: Doc) -> list[dict]:
    text = text_of(doc)
    return [
        make_mention(text, n.start, n.end, n.rule, name=text[n.start : n.end], kind=n.kind)
        for n in find_names(doc)
        if n.cls == "initiative"
    ]
