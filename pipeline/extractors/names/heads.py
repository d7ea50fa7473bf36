"""Head nouns and the words around a name: which head a run of words has, the leading
words a name drops (`The 6th ...`), whether a capitalised word after a head is another noun,
and the edition year written in a report's title.
"""

from __future__ import annotations

import re

from pipeline.extractors.names.candidates import ACRONYM, YEAR, Run, Token
from pipeline.extractors.names.context import Context
from pipeline.extractors.names.lexicon import (
    COMPANY_SUFFIXES,
    COMPLEMENT_PREPOSITIONS,
    EDITION_NOUNS,
    HEAD_LENGTHS,
    HEADLINE_VERBS,
    HEADS,
    INVITATION_VERBS,
    NAMING_VERBS,
    Category,
)
from pipeline.extractors.numbers.numbers import SCALES

# Parts of speech that never open a name (`According to the ...`, `The`, `In`).
LEADING_POS = frozenset({"ADP", "DET", "PRON", "SCONJ", "CCONJ", "ADV", "AUX", "PART", "INTJ"})
YEAR_AT_END = re.compile(r"(?P<year>(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?)\)?\s*$")
YEAR_AT_START = re.compile(r"^(?P<year>(?:19|20)\d\d)\s")
YEAR_BEFORE_LAST_WORD = re.compile(r"\s(?P<year>(?:19|20)\d\d)\s+\S+$")
YEAR_INSIDE = re.compile(r"\b(?P<year>(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?)\b")
VERB_ENDING = re.compile(r"(?:s|ed|ing)$")  # `Draws`, `Opened`, `Closing`
# A participle compound before a name says who leads or funds it (`Delta-led`, `EU-funded`).
LEADING_PARTICIPLE = re.compile(r"\w[\w-]*-(?:led|based|funded|backed|owned|run|sponsored|supported)$")


def _is_scale_word(token: Token) -> bool:
    return token.text.lower() in SCALES and token.text[:1].isupper() and len(token.text) > 3


def strip_leading(run: Run, context: Context) -> list[Token]:
    """Drop leading articles, prepositions, ordinals and numbers (`The 6th ...`), and an
    invitation verb before a function word (`Join the ...`); an ordinal word before a report
    stays (`Fourth Quarter Results`)."""
    tokens = list(run.tokens)
    # `Acme Corporation Interim Report`: the company's name is no part of the title
    suffixes = [i for i, t in enumerate(tokens[:-1]) if t.text.lower() in COMPANY_SUFFIXES]
    if suffixes:
        tokens = tokens[suffixes[-1] + 1 :]
    if len(tokens) > 2 and tokens[0].text in INVITATION_VERBS and tokens[1].is_function_word:
        tokens.pop(0)
    # `Entitled X, the ... programme`, `Delta-led Harbour Projects`: no part of the name.
    while len(tokens) > 1 and (tokens[0].text.lower() in NAMING_VERBS or LEADING_PARTICIPLE.match(tokens[0].text)):
        tokens.pop(0)
    # `Government To Roll Out A Shs 33 Billion Social Inclusion Programme`: an amount inside a
    # run ends what comes before the name; the name starts after its scale word, written as a
    # word (`Billion`), not a letter (`Cecil B DeMille`)
    scales = [i for i, t in enumerate(tokens[:-1]) if _is_scale_word(t)]
    if scales:
        tokens = tokens[scales[-1] + 1 :]
    # an ordinal word stays before a report's head, also one followed by its subject
    # (`Fourth Quarter Results`, `2031 Annual Economic Report on Norvia`)
    keep_ordinal_words = any(
        (head := final_head(tokens[: k + 1])) is not None and head.cls == "report" for k in range(len(tokens))
    )
    while tokens:
        first = tokens[0]
        ordinal = first.is_ordinal and not (keep_ordinal_words and first.text.isalpha())
        # a sentence's opening `The` is no part of a name, whatever its tag (`nation."The X Fund`)
        opening_the = first.text == "The" and len(tokens) > 1 and context.sentence_initial(first.start)
        if first.is_function_word or ordinal or opening_the or (first.is_number and len(tokens) > 1):
            tokens.pop(0)
        elif len(tokens) > 2 and first.text.lower() in EDITION_NOUNS and tokens[1].text == "of":
            del tokens[:2]  # `41st Edition of the X Fair`: the edition is no part of the name
        elif len(tokens) > 1 and context.pos(first) in LEADING_POS:
            tokens.pop(0)
        else:
            break
    return tokens


def _head_keys(tokens: list[Token]) -> list[str]:
    """The words to look heads up by: as written, or title-cased in an all-capitals run
    (`GREEN HYDROGEN SUMMIT OPENS`)."""
    words = [t.text for t in tokens]
    letters = [w for w in words if w.isalpha()]
    if len(letters) >= 2 and all(w.isupper() for w in letters):
        return [w.title() if w.isalpha() else w for w in words]
    return words


def final_head(tokens: list[Token]) -> Category | None:
    """The head category if ``tokens`` end with a head noun (a year or acronym after it
    allowed: `Conference 2023`, `Forum (ACR)`)."""
    words = _head_keys(tokens)
    while words and (YEAR.fullmatch(words[-1]) or ACRONYM.fullmatch(words[-1])):
        words.pop()
    for length in HEAD_LENGTHS:
        if len(words) >= length and tuple(words[-length:]) in HEADS:
            return HEADS[tuple(words[-length:])]
    return None


def head_of(tokens: list[Token], skip: frozenset[int] = frozenset()) -> tuple[int, int, Category] | None:
    """(start, end, category) of the head noun: the last head before the first complement
    preposition, else the last head of all."""
    heads = []
    words = _head_keys(tokens)
    k = 0
    while k < len(tokens):
        if k not in skip:
            for length in HEAD_LENGTHS:
                key = tuple(words[k : k + length])
                if len(key) == length and key in HEADS and _enough_before(tokens, k, k + length, HEADS[key]):
                    heads.append((k, k + length, HEADS[key]))
                    k += length - 1  # `Safe Harbor Statement`: no shorter head inside a longer one
                    break
        k += 1
    if not heads:
        return None
    preposition = first_preposition(tokens)
    before = [h for h in heads if preposition is None or h[1] <= preposition]
    return max(before or heads, key=lambda h: h[1])


def _enough_before(tokens: list[Token], start: int, end: int, category: Category) -> bool:
    """The head has the capitalised words right before it its category asks for (`Green` of `Nelly
    and Green Day` is one), or a complement after it."""
    if end < len(tokens) and tokens[end].text in COMPLEMENT_PREPOSITIONS:
        return True
    before = 0
    while before < start and tokens[start - before - 1].text[:1].isupper():
        before += 1
    return before >= category.words_before


def first_preposition(tokens: list[Token]) -> int | None:
    return next((i for i, t in enumerate(tokens) if t.text in COMPLEMENT_PREPOSITIONS), None)


def is_other_noun(token: Token) -> bool:
    """A capitalised word after a head that is no headline verb (`Opens`, `Held`,
    `Concludes`): by its form a noun the name modifies."""
    text = token.text.title() if token.text.isupper() else token.text
    return text.isalpha() and token.is_capitalised and text not in HEADLINE_VERBS and not VERB_ENDING.search(text)


def report_year(title: str) -> str:
    """The edition year written in the title: at its end, in brackets, at its start, right
    before its last word (`Full Year 2023 Results`), else the last year inside it (`Fiscal
    2025 Financial Results`)."""
    match = YEAR_AT_END.search(title) or YEAR_AT_START.match(title) or YEAR_BEFORE_LAST_WORD.search(title)
    if match is None:
        match = next(reversed(list(YEAR_INSIDE.finditer(title))), None)
    return match.group("year") if match else ""
