"""What the name classifier knows about a document: the ``Name`` it finds and the
``Context`` around a candidate (text windows, sentences, parts of speech, a word index).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from spacy.tokens import Doc
from spacy.tokens import Token as SpacyToken

from pipeline.core.document import text_of
from pipeline.core.sentences import Sentences
from pipeline.extractors.names.candidates import Token, tokenize
from pipeline.extractors.names.lexicon import ORGANISATION_CUE

# a sentence ends at its stop, a line end, an opening quote or bracket, and before a list's `|` or bullet
SENTENCE_END_BEFORE = re.compile(r"(?:^|[.!?:|•·]\s*|\n\s*|[\"“‘(]\s*)$")


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    cls: str  # report | initiative
    kind: str  # initiative kind, '' for reports
    rule: str  # a `rules.RULE_NAMES` value; a string, as the names are cached on the Doc
    year: str = ""
    version: str = ""


class Context:
    """What the classifier needs to know about the document besides one candidate."""

    def __init__(self, doc: Doc, tokens: list[Token], text: str | None = None):
        self.doc = doc
        self.text = text_of(doc) if text is None else text  # `Doc.text` joins every token: pass it once
        self.tokens = tokens  # the words of the body

    @cached_property
    def lowered(self) -> list[str]:
        return [token.text.lower() for token in self.tokens]

    @cached_property
    def positions(self) -> dict[str, list[int]]:
        """Indices in ``tokens`` of each word, lower-cased: finding a name again costs a
        lookup, not a scan of the text."""
        index: dict[str, list[int]] = {}
        for i, word in enumerate(self.lowered):
            index.setdefault(word, []).append(i)
        return index

    def occurrences(self, form: str, exact: bool = False) -> list[tuple[int, int]]:
        """Where the words of ``form`` stand in a row, with the same separators (any white
        space alike), compared case-insensitively unless ``exact``."""
        words = tokenize(form)
        if not words:
            return []
        lowered = [w.text.lower() for w in words]
        gaps = [separator(form[a.end : b.start]) for a, b in zip(words, words[1:], strict=False)]
        # Look the form up by its rarest word.
        anchor = min(range(len(words)), key=lambda k: len(self.positions.get(lowered[k], ())))
        found = []
        for p in self.positions.get(lowered[anchor], ()):
            i = p - anchor
            if i < 0 or self.lowered[i : i + len(words)] != lowered:
                continue
            run = self.tokens[i : i + len(words)]
            if exact and [t.text for t in run] != [w.text for w in words]:
                continue
            if all(separator(self.text[a.end : b.start]) == g for a, b, g in zip(run, run[1:], gaps, strict=False)):
                found.append((run[0].start, run[-1].end))
        return found

    @cached_property
    def sentences(self) -> Sentences:
        """Read only when a rule needs the sentence."""
        return Sentences(self.doc)

    def sentence(self, offset: int) -> str:
        starts, i = self.sentences.char_starts, self.sentences.index(offset)
        end = starts[i + 1] if i + 1 < len(starts) else len(self.text)
        return self.text[starts[i] : end]

    def before(self, offset: int, width: int = 60) -> str:
        return self.text[max(0, offset - width) : offset]

    def after(self, offset: int, width: int = 80) -> str:
        return self.text[offset : offset + width]

    def pos(self, token: Token) -> str:
        first = self._first_token(token)
        return first.pos_ if first is not None else ""

    def tag(self, token: Token) -> str:
        first = self._first_token(token)
        return first.tag_ if first is not None else ""

    def is_plural_noun(self, token: Token) -> bool:
        return self.tag(token) in ("NNS", "NNPS")

    def _first_token(self, token: Token) -> SpacyToken | None:
        """The spaCy token where the word ``token`` starts."""
        span = self.doc.char_span(token.start, token.end, alignment_mode="expand")
        return span[0] if span is not None and len(span) else None

    def sentence_initial(self, offset: int) -> bool:
        # the white space before the word may be long (`drugs?\n\n    The ...`)
        before = self.before(offset, 40).rstrip(" \t\u00a0")
        return SENTENCE_END_BEFORE.search(before[-2:]) is not None or offset in self.sentences.char_starts

    def acts_as_organisation(self, start: int) -> bool:
        """An organiser cue right before ``start`` (`hosted by the`, `Secretary-General of the`)."""
        return ORGANISATION_CUE.search(self.before(start)) is not None


def separator(gap: str) -> str:
    """Text between two words, any white space as one space."""
    return " ".join(gap.split()) if gap.strip() else " " if gap else ""
