"""Descriptors: the common nouns that say what a name is when its own words do not (an
apposition `, the trade fair for ...`, a noun after a quote or coined word) and the verb
before a quoted name as the last resort.
"""

from __future__ import annotations

import re

from pipeline.extractors.names.candidates import ACRONYM, Token
from pipeline.extractors.names.context import Context
from pipeline.extractors.names.lexicon import (
    APPOSITION,
    FUNCTION_WORDS,
    VERB_CUE,
    VERBS,
    Category,
    descriptor_category,
)

CLAUSE_END_AFTER = re.compile(r"^(?:[.,;:!?)]|$)")
# How far before a quoted name a verb may tell its kind (`launched the "..."`).
VERB_WINDOW = 40


def verb_category(before: str) -> Category | None:
    """The category of the verb nearest before a name (`launched the`, `promoting`)."""
    matches = list(VERB_CUE.finditer(before))
    if not matches:
        return None
    return VERBS[" ".join(matches[-1].group("verb").lower().split())]


def apposition(offset: int, context: Context, prefix: str = "", start: int | None = None) -> Category | None:
    """The category of the descriptor heading an apposition at ``offset`` (`, an alliance of
    ...`), if its modifiers are plain words, `and` allowed (`, the largest and oldest trade
    fair`; not `, the head of the campaign`); after `is`/`was` only where the name starting at
    ``start`` opens its sentence (`HarbourStart is a programme that ...`)."""
    match = APPOSITION.match(prefix + context.after(offset, 100))
    if match is None or any(w.lower() in FUNCTION_WORDS - {"and"} for w in match.group("mods").split()):
        return None
    if match.group("copula") and (start is None or not context.sentence_initial(start)):
        return None
    return descriptor_category(match.group("descriptor"))


def is_descriptor_noun(descriptor: re.Match, offset: int, context: Context) -> bool:
    """The descriptor is a noun (`fund`, not `agreed to fund`) after lower-case words or
    acronyms (`AI platform`, not `Super Bowl halftime show`), not the first part of a compound
    (`fund-raising`). A word the tagger calls a verb is a noun where punctuation follows it
    (`from the X programme.`)."""
    mods = descriptor.group("mods").split()
    if any(w in FUNCTION_WORDS or not (w.islower() or ACRONYM.fullmatch(w)) for w in mods):
        return False
    end = offset + descriptor.end("descriptor")
    if context.after(end, 1) in ("-", "–"):  # `fund-raising`, `award-winning`: no noun
        return False
    last_word = descriptor.group("descriptor").split()[-1]
    pos = context.pos(Token(end - len(last_word), end, last_word))
    return pos in ("NOUN", "PROPN") or (pos == "VERB" and CLAUSE_END_AFTER.match(context.after(end, 2)) is not None)
