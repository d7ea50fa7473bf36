"""Mention types, their table columns, and how components store mentions on a Doc.

A mention is a plain dict (``start``, ``end``, ``text``, ``rule`` and the
type's normalised fields, all values ``str``) so that a Doc with its mentions
serialises with ``Doc.to_bytes`` (multiprocessing, Dask). Each extractor
writes one span group, ``doc.spans["pressfacts_<type>"]``: token-aligned
spans for spaCy users (displacy, rules), and the exact character-level
mentions, in the same order, in the group's ``attrs["mentions"]``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Doc


@dataclass(frozen=True)
class MentionType:
    name: str
    table: str
    fields: tuple[str, ...]

    @property
    def span_key(self) -> str:
        return f"pressfacts_{self.name}"


MENTION_TYPES: dict[str, MentionType] = {
    t.name: t
    for t in (
        MentionType("date", "dates", ("value", "begin", "end_date")),
        MentionType("count", "counts", ("value", "qualifier", "unit")),
        MentionType("money", "money", ("value", "currency", "qualifier")),
        MentionType("report", "reports", ("title", "year", "version")),
        MentionType("initiative", "initiatives", ("name", "kind")),
        MentionType("percentage", "percentages", ("value", "unit", "kind", "qualifier")),
        MentionType("measure", "measures", ("value", "unit", "dimension", "qualifier")),
    )
}


def make_mention(text: str, start: int, end: int, rule: str, **fields: object) -> dict:
    """A mention over ``text[start:end]``; field values become strings ('' for None)."""
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "rule": rule,
        **{k: "" if v is None else str(v) for k, v in fields.items()},
    }


def set_mentions(doc: Doc, type_name: str, mentions: Iterable[dict]) -> None:
    """Store ``mentions`` (sorted by offset) as the type's span group."""
    key = MENTION_TYPES[type_name].span_key
    ordered = sorted(mentions, key=lambda m: (m["start"], m["end"]))
    spans = []
    for m in ordered:
        span = doc.char_span(m["start"], m["end"], label=type_name, alignment_mode="expand")
        if span is None:  # a mention made only of white space cannot be a token span
            raise ValueError(f"{type_name} mention {m['text']!r} at {m['start']} has no tokens")
        spans.append(span)
    doc.spans[key] = spans
    doc.spans[key].attrs["mentions"] = ordered


def get_mentions(doc: Doc, type_name: str) -> list[dict]:
    key = MENTION_TYPES[type_name].span_key
    if key not in doc.spans:
        return []
    return list(doc.spans[key].attrs.get("mentions", []))


class MentionComponent:
    """A spaCy pipeline component that runs one extractor function over a Doc."""

    def __init__(self, type_name: str, extract: Callable[[Doc], list[dict]]):
        self.type_name = type_name
        self.extract = extract

    def __call__(self, doc: Doc) -> Doc:
        set_mentions(doc, self.type_name, self.extract(doc))
        return doc
