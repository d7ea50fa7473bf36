"""Exact, faster stand-ins for two inner loops of the statistical model's components.

- en_core_web_sm's ``attribute_ruler`` maps each token's tag (and a few word
  forms) to its part of speech, morphology and lemma exceptions with about 180
  token patterns. spaCy's Matcher tries them all on every token, which took a
  fifth of pressfacts' time. :class:`IndexedMatcher` finds exactly the same
  matches by looking the candidate patterns up by the token's lower-case form
  or tag; the ruler then sets the attributes as before. A pattern form it does
  not know leaves the ruler as it is.
- The rule lemmatizer caches its result by (word, part of speech, morphology)
  only on its longest path; base forms (most tokens) were worked out again
  each time, and it visits every token as a Python object. :class:`ArrayLemmatizer`
  caches every result by the same key and reads and writes the Doc as arrays; its word
  index, lists searched one word at a time, becomes sets (:func:`index_as_sets`).

``tests/test_run.py`` checks that the matches and lemmas are the same as spaCy's.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable, Iterator
from typing import cast

from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from thinc.types import Ints2d

# What decides whether a pattern's first token matches (the attributes the patterns test).
SIGNATURE = [TAG, LOWER, DEP, IS_SPACE]
TOKEN_VALUES: dict[str, Callable[[Token], object]] = {
    "TAG": lambda t: t.tag_,
    "LOWER": lambda t: t.lower_,
    "DEP": lambda t: t.dep_,
    "IS_SPACE": lambda t: t.is_space,
}


def _value_test(spec: object) -> Callable[[object], bool]:
    if isinstance(spec, (str, bool)):
        return lambda value: value == spec
    if isinstance(spec, dict) and len(spec) == 1:
        ((operator, argument),) = spec.items()
        if operator == "IN":
            allowed = frozenset(argument)
            return lambda value: value in allowed
        if operator == "NOT_IN":
            excluded = frozenset(argument)
            return lambda value: value not in excluded
        if operator == "REGEX":
            regex = re.compile(argument)
            return lambda value: regex.search(value) is not None
    raise ValueError(f"unsupported token pattern value {spec!r}")


def _token_test(token_spec: dict) -> Callable[[Token], bool]:
    checks = []
    for attribute, spec in token_spec.items():
        if attribute not in TOKEN_VALUES:
            raise ValueError(f"unsupported token pattern attribute {attribute!r}")
        checks.append((TOKEN_VALUES[attribute], _value_test(spec)))
    return lambda token: all(test(value(token)) for value, test in checks)


def _index_keys(first: dict) -> tuple[str, list[str]] | None:
    """Where a pattern is filed: by its first token's LOWER, else TAG, values (None: tried everywhere)."""
    for attribute in ("LOWER", "TAG"):
        spec = first.get(attribute)
        if isinstance(spec, str):
            return attribute, [spec]
        if isinstance(spec, dict) and list(spec) == ["IN"]:
            return attribute, list(spec["IN"])
    return None


class _PatternIndex:
    """Patterns filed by their first token's lower-case form or tag."""

    def __init__(self):
        self.by_lower: dict[str, list] = {}
        self.by_tag: dict[str, list] = {}
        self.everywhere: list = []

    def add(self, compiled: tuple, first: dict) -> None:
        filed = _index_keys(first)
        if filed is None:
            self.everywhere.append(compiled)
            return
        table = self.by_lower if filed[0] == "LOWER" else self.by_tag
        for value in filed[1]:
            table.setdefault(value, []).append(compiled)

    def candidates(self, token: Token) -> tuple:
        return (*self.by_lower.get(token.lower_, ()), *self.by_tag.get(token.tag_, ()), *self.everywhere)


class IndexedMatcher:
    """``AttributeRuler.match`` through dictionaries: the same ``(rule, key, start, end)`` list.

    Whether a pattern's first token matches depends only on the token's tag, lower-case
    form, dependency label and white-space flag (the attributes the patterns test): the
    patterns whose first token matches are cached by those four values."""

    def __init__(self, ruler: AttributeRuler):
        self.index = _PatternIndex()
        self.cache: dict[tuple, list[tuple[int, int, list]]] = {}
        for rule, entry in enumerate(ruler.patterns):
            key = ruler.vocab.strings[str(rule)]
            patterns: list[list[dict]] = entry["patterns"]  # type: ignore[assignment]  # token patterns, by spaCy's contract
            for pattern in patterns:
                self.index.add((rule, key, [_token_test(spec) for spec in pattern]), pattern[0])

    def _starting_at(self, token: Token) -> list[tuple[int, int, list]]:
        """The patterns whose first token matches ``token``, with their other tokens' tests."""
        return [(rule, key, tests[1:]) for rule, key, tests in self.index.candidates(token) if tests[0](token)]

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found = set()
        n = len(doc)
        # The four attributes as integers (string ids and a flag), read as one array: a token
        # object is made only for a signature not seen before.
        for start, signature in enumerate(map(tuple, doc.to_array(SIGNATURE).tolist())):
            started = self.cache.get(signature)
            if started is None:
                started = self.cache[signature] = self._starting_at(doc[start])
            for rule, key, rest in started:
                end = start + 1 + len(rest)
                if end <= n and all(test(doc[start + 1 + k]) for k, test in enumerate(rest)):
                    found.add((rule, key, start, end))
        return sorted(found)


class ArrayLemmatizer:
    """The rule lemmatizer's pass over a Doc, through arrays: a token's lemma is looked up by
    the key spaCy's rule lemmatizer caches some results by (word, part of speech,
    morphology), and worked out by it on a key's first sight. Tokens that already have a
    lemma (from the attribute ruler) keep it, as with spaCy's ``overwrite = False``."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.cache: dict[tuple[int, int, int], int] = {}  # key -> lemma hash

    def __call__(self, doc: Doc) -> Doc:
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = values[:, 3].copy()
        overwrite = self.lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.cache.get(key)
            if found is None:
                found = self.cache[key] = doc.vocab.strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = found
        doc.from_array([LEMMA], cast(Ints2d, lemmas.reshape(-1, 1)))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)


def index_as_sets(lemmatizer: Lemmatizer) -> None:
    """The rule lemmatizer tests ``form in index`` against its word index, a list of up to
    57,528 words per part of speech (80 µs a test, 90% of its time): the same words as sets."""
    index = lemmatizer.lookups.get_table("lemma_index", {})
    for key, known in list(index.items()):
        if isinstance(known, list):
            index[key] = frozenset(known)


def fast_annotator(component: object) -> object:
    """``component``, or a faster stand-in that annotates the same (a rule lemmatizer)."""
    if isinstance(component, Lemmatizer) and component.mode == "rule":
        index_as_sets(component)
        return ArrayLemmatizer(component)
    return component


def speed_up(nlp: Language) -> None:
    """Give the pipeline's attribute ruler the indexed matcher, where it is there and takes
    the forms this module knows (the lemmatizer's stand-in is chosen by :func:`fast_annotator`)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        assert isinstance(ruler, AttributeRuler)
        try:
            ruler.match = IndexedMatcher(ruler)  # type: ignore[method-assign]  # the speed-up replaces the method
        except ValueError as exc:
            warnings.warn(f"attribute_ruler keeps spaCy's Matcher: {exc}", stacklevel=2)
