"""Sentence lookup for a Doc, read once from its token arrays (cheaper than ``doc.sents``);
shared by the date and name extractors."""

from __future__ import annotations

import bisect

import numpy
from spacy.attrs import IDX, SENT_START
from spacy.tokens import Doc, Span


class Sentences:
    """Which sentence a character offset is in, and that sentence's tokens; the whole
    text is one sentence when the Doc has no sentence boundaries."""

    def __init__(self, doc: Doc):
        self.doc = doc
        if doc.has_annotation("SENT_START") and len(doc):
            starts = numpy.flatnonzero(doc.to_array(SENT_START) == 1)
            self.token_starts = [int(i) for i in starts] or [0]
            offsets = doc.to_array(IDX)
            self.char_starts = [int(offsets[i]) for i in self.token_starts]
        else:
            self.token_starts, self.char_starts = [0], [0]

    def index(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self.char_starts, offset) - 1)

    def span(self, offset: int) -> Span:
        i = self.index(offset)
        end = self.token_starts[i + 1] if i + 1 < len(self.token_starts) else len(self.doc)
        return self.doc[self.token_starts[i] : end]
