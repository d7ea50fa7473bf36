"""The statistical model's components (tok2vec, tagger, attribute ruler, lemmatizer), run
over windows of bounded size instead of whole Docs.

tok2vec's cost per token grows with the tokens of the batch it is given (its arrays
outgrow the processor's caches): a 100,000-character piece of a long release tagged as one
Doc took twice as long as the same text in small Docs, and the batches of 32 ordinary
releases were slower than batches of a few thousand tokens. :class:`WindowedModel` gives
the components batches of at most :data:`BATCH_TOKENS` tokens, and cuts a Doc longer than
:data:`WINDOW_TOKENS` into windows whose tags, parts of speech, morphology and lemmas are
copied back into it.

The copy is exact. A token's vector depends on the tokens at most ``depth x window_size``
away (en_core_web_sm: 4 x 1; :func:`receptive_field` reads it from the model), the tagger
and the lemmatizer look at one token, and the attribute ruler's patterns span at most
:data:`MARGIN` tokens: each window is tagged with :data:`MARGIN` tokens of context on either
side that are not copied. ``tests/test_run.py`` compares the result with whole-Doc
tagging token by token.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import cast

import numpy
from spacy.attrs import LEMMA, MORPH, NORM, ORTH, POS, SPACY, TAG
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch
from thinc.types import Ints2d

from pipeline.core.speedups import fast_annotator

# The components of en_core_web_sm that annotate tokens, in pipeline order.
MODEL_COMPONENTS = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")
COPIED = [TAG, POS, MORPH, LEMMA]
WINDOW_ATTRS = [ORTH, SPACY, NORM]  # what a window is made of: the model reads no more
WINDOW_TOKENS = 1_000  # a longer Doc is tagged in windows of this many tokens
BATCH_TOKENS = 3_000  # tokens given to a component at once (a Doc longer than this alone)
MARGIN = 16  # context tokens on each side of a window, not copied: over the receptive field


def receptive_field(nlp: Language) -> int:
    """How far a token's vector looks on each side in ``nlp``'s tok2vec (0 when unknown)."""
    if "tok2vec" not in nlp.component_names:
        return 0
    encode = nlp.get_pipe_config("tok2vec").get("model", {}).get("encode", {})
    return int(encode.get("depth", 0)) * int(encode.get("window_size", 0))


class WindowedModel:
    """Runs the model's components on windows of each Doc, in token-bounded batches."""

    def __init__(self, nlp: Language, name: str, components: Iterable[str]):
        self.name = name
        self.components = [(component, fast_annotator(nlp.get_pipe(component))) for component in components]
        self.error_handler: Callable | None = None  # set by ``nlp.set_error_handler``
        field = receptive_field(nlp)
        if field > MARGIN:
            raise ValueError(f"tok2vec looks {field} tokens away, more than the margin of {MARGIN}")

    def __call__(self, doc: Doc) -> Doc:
        for done in self.pipe([doc]):
            return done
        return doc

    def set_error_handler(self, error_handler: Callable) -> None:
        self.error_handler = error_handler

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        """The Docs, annotated; a batch the model fails on goes to the error handler (when
        set, as spaCy's own components do) and is not yielded."""
        for batch in minibatch(docs, size=batch_size):
            try:
                annotated = self._annotate(batch)
            except Exception as exc:
                if self.error_handler is None:
                    raise
                self.error_handler(self.name, self, batch, exc)
                continue
            yield from annotated

    def _annotate(self, docs: list[Doc]) -> list[Doc]:
        """Tag every Doc of ``docs``: short ones as they are, long ones window by window."""
        short = [doc for doc in docs if len(doc) <= WINDOW_TOKENS]
        windows: list[Doc] = []
        places: list[tuple[Doc, int, int, int]] = []  # (doc, copied from, copied to, window start)
        for doc in docs:
            if len(doc) > WINDOW_TOKENS:
                tokens = doc.to_array(WINDOW_ATTRS)  # read once for all the Doc's windows
                for start in range(0, len(doc), WINDOW_TOKENS):
                    end = min(start + WINDOW_TOKENS, len(doc))
                    lo, hi = max(0, start - MARGIN), min(len(doc), end + MARGIN)
                    windows.append(_window(doc, tokens[lo:hi]))
                    places.append((doc, start, end, lo))
        units = short + windows
        for _, component in self.components:
            units = list(_in_batches(component, units))
        values: dict[int, numpy.ndarray] = {}
        for (doc, start, end, lo), window in zip(places, units[len(short) :], strict=True):
            if id(doc) not in values:
                values[id(doc)] = numpy.zeros((len(doc), len(COPIED)), dtype="uint64")
            values[id(doc)][start:end] = window.to_array(COPIED)[start - lo : end - lo]
        for doc in docs:
            if id(doc) in values:
                doc.from_array(COPIED, cast(Ints2d, values[id(doc)]))
        return docs


def _window(doc: Doc, tokens: numpy.ndarray) -> Doc:
    """A Doc of ``tokens`` (rows of :data:`WINDOW_ATTRS`): their words, spaces and norms, all
    the model reads (``Span.as_doc`` also copies every other attribute and looks up vectors,
    which made it a fifth of a long document's time)."""
    strings = doc.vocab.strings
    window = Doc(
        doc.vocab,
        words=[strings[orth] for orth in tokens[:, 0].tolist()],
        spaces=[bool(space) for space in tokens[:, 1].tolist()],
    )
    window.from_array([NORM], cast(Ints2d, tokens[:, 2:3]))
    return window


def _in_batches(component, units: list[Doc]) -> Iterator[Doc]:
    """``component.pipe`` over batches of at most :data:`BATCH_TOKENS` tokens."""
    batch: list[Doc] = []
    tokens = 0
    for unit in units:
        if batch and tokens + len(unit) > BATCH_TOKENS:
            yield from component.pipe(batch, batch_size=len(batch))
            batch, tokens = [], 0
        batch.append(unit)
        tokens += len(unit)
    if batch:
        yield from component.pipe(batch, batch_size=len(batch))
