"""The counted noun after a number, from POS tags (the parser is not loaded).

Shared by counts (the unit) and money (a bare amount followed by a noun of its own
is a count, not money).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from pipeline.extractors.numbers.numbers import read_rows

IRREGULAR_LEMMAS = {plural: lemma for plural, lemma in read_rows("irregular_lemmas.tsv")}

# The counted noun phrase: at most this many tokens after the number.
MAX_PHRASE = 8
QUOTES = frozenset("\"'“”‘’«»")
MODIFIER_TAGS = frozenset({"VBN", "VBG"})  # `honored guests`, `leading achievements`


def counted_noun(doc: Doc, start: int, plural: bool = True) -> Token | None:
    """The head noun of the noun phrase starting at token ``start``: modifiers
    (adjectives, participles, numbers, hyphenated compounds, `A and B` adjective
    coordination, quotes) are skipped; the last noun of the first run of nouns is
    the head; a conjunction after a noun ends the phrase (first conjunct only)."""
    head = None
    head_in_compound = False  # `zero-emission electric cars`: the compound is a modifier
    for k in range(start, min(len(doc), start + MAX_PHRASE)):
        token = doc[k]
        if token.is_space or token.text in QUOTES:
            continue
        if inner_hyphen(doc, k):
            continue
        joined = inner_hyphen(doc, k - 1) if k > start else False
        if k == start and token.like_num and token.whitespace_:
            break  # `up from 900 two years before`: another number, not a noun phrase
        if token.tag_ == "POS":
            head = None  # `two of the world's biggest suppliers`: the noun before `'s` is a determiner
            continue
        if token.pos_ == "NOUN" or (token.pos_ == "PROPN" and token.tag_ == "NNPS"):
            head, head_in_compound = token, joined or inner_hyphen(doc, k + 1)
            continue
        if head is not None and token.pos_ == "CCONJ" and head.tag_ == "NN" and plural:
            head = None  # `150 trade and investment promotion activities`: nouns as modifiers
            continue
        if head is not None and plural and head.tag_ == "NN" and head.is_title and token.is_title:
            continue  # `15 Global Maritime Outstanding ... Innovations`: a title-case run goes on
        if head is not None and not (joined or head_in_compound):
            break
        if token.pos_ in ("ADJ", "NUM", "PROPN") or token.tag_ in MODIFIER_TAGS or joined or _acronym(token):
            continue  # an acronym modifies, whatever its tag (`211 crore COVID vaccination doses`)
        if token.pos_ == "ADV" and k + 1 < len(doc) and (doc[k + 1].pos_ == "ADJ" or doc[k + 1].tag_ in MODIFIER_TAGS):
            continue  # `the 50 most promising innovators`
        if token.pos_ == "CCONJ" and head is None:
            continue
        if token.text == "," and head is None and k > start and _modifier(doc[k - 1]) and k + 1 < len(doc):
            if _modifier(doc[k + 1]) or doc[k + 1].pos_ == "ADV":
                continue  # `650 cultural, artistic and educational events`: modifiers in a list
        if head is None and _inside_proper_name(doc, k, start):
            continue  # `15 University of Harbourtown research projects`: a name as the modifier
        break
    return head


def _acronym(token: Token) -> bool:
    return len(token.text) >= 2 and token.text.isalpha() and token.text.isupper()


def _modifier(token: Token) -> bool:
    """An adjective or participle that modifies the counted noun (`new`, `externally-funded`)."""
    return token.pos_ == "ADJ" or token.tag_ in MODIFIER_TAGS


def _inside_proper_name(doc: Doc, k: int, start: int) -> bool:
    """`of` (or `of the`) between two capitalised words of one name, after the number."""
    if doc[k].lower_ not in ("of", "the") or k == start:
        return False
    before, after = doc[k - 1], doc[k + 1] if k + 1 < len(doc) else None
    if doc[k].lower_ == "the":
        return before.lower_ == "of" and after is not None and after.pos_ == "PROPN"
    return before.pos_ == "PROPN" and after is not None and (after.pos_ == "PROPN" or after.lower_ == "the")


def unit_lemma(doc: Doc, head: Token) -> str:
    """Lower-case singular lemma of the head noun; a hyphenated compound keeps its first part
    (`peace-builders` -> `peace-builder`)."""
    lower = head.lower_
    lemma = IRREGULAR_LEMMAS.get(lower) or (head.lemma_.lower() if head.pos_ == "NOUN" else _singular(lower))
    if head.i >= 2 and inner_hyphen(doc, head.i - 1) and doc[head.i - 2].is_alpha:
        lemma = f"{doc[head.i - 2].lower_}-{lemma}"
    return lemma


def _singular(plural: str) -> str:
    """A title-case plural that spaCy tags as a proper noun (`Guests`, `Companies`), which its
    lemmatizer leaves as it is."""
    if plural.endswith("ies"):
        return plural[:-3] + "y"
    if plural.endswith(("sses", "xes", "zes", "ches", "shes")):
        return plural[:-2]
    return plural.removesuffix("s")


def inner_hyphen(doc: Doc, k: int) -> bool:
    """Token ``k`` is a hyphen joining two words with no space (`high-tech`)."""
    return (
        0 < k < len(doc) - 1
        and doc[k].text in ("-", "‑", "–")
        and not doc[k - 1].whitespace_
        and not doc[k].whitespace_
    )


def previous_word(doc: Doc, k: int) -> Token | None:
    for j in range(k - 1, max(-1, k - 4), -1):
        if not doc[j].is_space:
            return doc[j]
    return None


def next_word(doc: Doc, k: int) -> Token | None:
    for j in range(k, min(len(doc), k + 3)):
        if not doc[j].is_space:
            return doc[j]
    return None
