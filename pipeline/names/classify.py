"""Deciding what each name candidate is: a report, an initiative of some kind, or nothing.

One pass per document, shared by the report and initiative extractors (cached on the Doc):

1. quotes: a theme or slogan is dropped; a title-cased quote takes its class from the
   descriptor after it (`" supercomputing center`), a report noun before it (`the report "`),
   its form (`Title: Subtitle`), its own head noun, a verb just before it, or `of` before it;
2. runs with a head noun: leading articles, ordinals and years are stripped, coordinated
   names split (`A Report 2020 and B Report 2020`), and the name is cut at its head noun
   (plus a year, or an `of`/`for`/`on` complement after it); organisations and venues go;
3. runs without one: a coined word with a descriptor (`ACME gadget show`), a name with its
   acronym after a verb, a name in apposition with an event;
4. document level: acronyms defined after an initiative (`(ACR)`, `, or ACR,`) and aliases
   (`known as the ...`) tag their other mentions; a name acting as an organisation anywhere
   goes everywhere; names found once are found again (all-caps headlines, without a trailing
   year); a longer name wins over the names inside it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property

import numpy
from spacy.attrs import SENT_START
from spacy.tokens import Doc

from ..document import body_start
from .candidates import (
    ACRONYM,
    WORD,
    YEAR,
    Quote,
    Run,
    Token,
    find_quotes,
    find_runs,
    tokenize,
)
from .lexicon import (
    AGENT_AFTER,
    EDITION_BEFORE,
    ALIAS_CUE,
    COMPLEMENT_PREPOSITIONS,
    DESCRIPTOR_AFTER,
    DESCRIPTORS,
    FUNCTION_WORDS,
    EVENT_APPOSITION,
    FACILITY_CUE,
    HEAD_LENGTHS,
    HEADLINE_VERBS,
    HEADS,
    MARKET_CUE,
    ORGANISATION_CUE,
    DESCRIPTOR_BEFORE,
    ROLE_AFTER,
    ROLE_WORDS,
    SEPARATING_PREPOSITIONS,
    THEME_CUE,
    VENUE_CUE,
    VERB_CUE,
    VERBS,
    Category,
    descriptor_category,
)

CACHE_KEY = "pressfacts_names"
# Parts of speech that never open a name (`According to the ...`, `The`, `In`).
LEADING_POS = frozenset({"ADP", "DET", "PRON", "SCONJ", "CCONJ", "ADV", "AUX", "PART", "INTJ"})
VERSION_AFTER = re.compile(r"^[”″\"’]?\s*\(\s*(?:version|ver\.?|v\.?)\s*(?P<version>\d+(?:\.\d+)*)\s*\)", re.IGNORECASE)
YEAR_OF_AFTER = re.compile(r"^\s+of\s+(?P<year>(?:19|20)\d\d)\b")
OR_ACRONYM_AFTER = re.compile(r"^,\s+or\s+(?P<acronym>[A-Z][A-Z0-9&]+),")
BRACKET_ACRONYM_AFTER = re.compile(r"^\s*\((?P<acronym>[A-Z][A-Za-z0-9&]*[A-Z0-9]s?)\)")
# A name inside a longer capitalised run (`X Bureau`, `the Y X`) is not that name.
CAPITALISED_AFTER = re.compile(r"^[ \t]?[A-Z]")
CAPITALISED_BEFORE = re.compile(r"[A-Z]\w*[ \t]$")
# Before a name or acronym `said (the)` with the sentence ending after it (`..., said the ACR.`).
SAID_BEFORE = re.compile(r"\bsaid\s+(?:the\s+)?$")
SAID_NAME_END = re.compile(r"^(?=\s*[.,;]|\s+(?:on|in)\b)")
# Report years: `(2022)` after the title, `2022 ` before it, and inside the title at its
# end (`Report 2020-21`), at its start, or before its last word (`2023 Results`).
BRACKET_YEAR_AFTER = re.compile(r"^[ \t]*\((?P<year>(?:19|20)\d\d(?:-\d\d)?)\)")
LEADING_YEAR_BEFORE = re.compile(r"(?<![\w.,])(?P<year>(?:19|20)\d\d)[ \t]$")
YEAR_AT_END = re.compile(r"(?P<year>(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?)\)?\s*$")
YEAR_AT_START = re.compile(r"^(?P<year>(?:19|20)\d\d)\s")
YEAR_BEFORE_LAST_WORD = re.compile(r"\s(?P<year>(?:19|20)\d\d)\s+\S+$")
YEAR_AFTER = re.compile(r"^[ \t](?:19|20)\d\d\b(?![-–/]?\d)")
TRAILING_YEAR = re.compile(r"\s+(?:19|20)\d\d$")
THE_BEFORE = re.compile(r"\bThe[ \t]$")
QUOTES_COORDINATED = re.compile(r",?\s+and\s+|,\s+")  # `"A" and "B" ...`
CAMEL_CASE = re.compile(r"[a-z][A-Z]")
DASHED_CAPITALS = re.compile(r"[A-Z]\w*[-–][A-Z]\w*")
DASHES = re.compile(r"[-–]")
CAPITALISED_WORDS = re.compile(r"(?:[A-Z][\w-]*(?:[ \t]+|$))+")
VERB_ENDING = re.compile(r"(?:s|ed|ing)$")  # `Draws`, `Opened`, `Closing`
POSSESSIVE_AFTER = re.compile(r"^['’]s\s+")
TITLE_QUOTE_AFTER = re.compile(r"^[:,]?\s?[“\"‘«]")
SENTENCE_END_BEFORE = re.compile(r"(?:^|[.!?:]\s*|\n\s*|[\"“‘(]\s*)$")
QUOTE_MARKS = "“”\"‘’″«»„"
# A quoted name with no head, descriptor or verb, after `of` (`the development of "..."`):
# a named programme or policy if it is short.
OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
DEFAULT_QUOTED_WORDS = 6
# How far before a quoted name a verb may tell its kind (`launched the "..."`).
VERB_WINDOW = 40


@dataclass(frozen=True)
class Name:
    start: int
    end: int
    cls: str  # report | initiative
    kind: str  # initiative kind, '' for reports
    rule: str
    year: str = ""
    version: str = ""


class Context:
    """What the classifier needs to know about the document besides one candidate."""

    def __init__(self, doc: Doc, tokens: list[Token]):
        self.doc = doc
        self.text = doc.text
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
        gaps = [_separator(form[a.end : b.start]) for a, b in zip(words, words[1:])]
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
            if all(_separator(self.text[a.end : b.start]) == g for a, b, g in zip(run, run[1:], gaps)):
                found.append((run[0].start, run[-1].end))
        return found

    @cached_property
    def sentence_starts(self) -> list[int]:
        """Character offsets where sentences start (read only when a rule needs the sentence)."""
        if not self.doc.has_annotation("SENT_START"):
            return [0]
        flags = self.doc.to_array([SENT_START])
        return [0] + [self.doc[int(i)].idx for i in numpy.flatnonzero(flags == 1) if i > 0]

    def sentence(self, offset: int) -> str:
        i = bisect_right(self.sentence_starts, offset) - 1
        start = self.sentence_starts[i] if i >= 0 else 0
        end = self.sentence_starts[i + 1] if i + 1 < len(self.sentence_starts) else len(self.text)
        return self.text[start:end]

    def before(self, offset: int, width: int = 60) -> str:
        return self.text[max(0, offset - width) : offset]

    def after(self, offset: int, width: int = 80) -> str:
        return self.text[offset : offset + width]

    def pos(self, token: Token) -> str:
        span = self.doc.char_span(token.start, token.end, alignment_mode="expand")
        return span[0].pos_ if span is not None and len(span) else ""

    def sentence_initial(self, offset: int) -> bool:
        return SENTENCE_END_BEFORE.search(self.before(offset, 4)) is not None or offset in self.sentence_starts


def find_names(doc: Doc) -> list[Name]:
    """Every report and initiative name in ``doc`` (cached on the Doc: both extractors use it)."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is None:
        cached = [vars(name) for name in _find_names(doc)]
        doc.user_data[CACHE_KEY] = cached
    return [Name(**name) for name in cached]


def _find_names(doc: Doc) -> list[Name]:
    text = doc.text
    lo = body_start(doc)
    tokens = tokenize(text, lo)
    context = Context(doc, tokens)
    quotes = find_quotes(text, lo)
    names: list[Name] = []
    masked: list[tuple[int, int]] = []
    for quote in quotes:
        if context.before(quote.open, 1) == "(":  # `small companies ("SMEs")` defines a term
            continue
        if THEME_CUE.search(context.before(quote.open)):
            masked.append((quote.open, quote.close_end))
        elif quote.is_title_cased:
            masked.append((quote.open, quote.close_end))
            names.extend(_name_from_quote(quote, quotes, context))
    headless: list[Run] = []
    for run in find_runs(text, tokens, quotes, masked):
        if _has_head(run):
            names.extend(_names_from_run(run, context))
        else:
            headless.append(run)
    names.extend(_names_from_headless(headless, context))
    names = _longest(names)
    names = _with_acronyms_and_aliases(names, quotes, context)
    names = _longest(names + _repeated(names, context))
    return sorted(_without_publishers(names, context), key=lambda n: (n.start, n.end))


# --- quotes -------------------------------------------------------------------------------


def _name_from_quote(quote: Quote, quotes: list[Quote], context: Context) -> list[Name]:
    if ORGANISATION_CUE.search(context.before(quote.open)):
        return []
    category, rule = _quote_category(quote, quotes, context)
    if category is None or category.cls not in ("report", "initiative"):
        return []
    if category.cls == "report":
        year = _report_year(quote.text)
        return [Name(quote.start, quote.end, "report", "", rule, year, _version_after(quote.close_end, context))]
    return [Name(quote.start, quote.end, "initiative", category.kind, rule)]


def _quote_category(quote: Quote, quotes: list[Quote], context: Context) -> tuple[Category | None, str]:
    descriptor = _descriptor_after(quote, quotes, context)
    if descriptor is not None:
        return descriptor, "quote+descriptor"
    before = DESCRIPTOR_BEFORE.search(context.before(quote.open, 40))
    if before is not None:
        if before.group("titled"):
            return Category("report"), "titled+quote"
        return descriptor_category(before.group("descriptor")), "descriptor+quote"
    # `"Title: Subtitle"` and `"Title" (version 2.0)` are written like documents.
    if ":" in quote.text or _version_after(quote.close_end, context):
        return Category("report"), "quote+document-form"
    head = _head_of(tokenize(quote.text))
    if head is not None:
        return head[2], "quote+head"
    verb = _verb_category(context.before(quote.open, VERB_WINDOW))
    if verb is not None:
        return verb, "quote+verb"
    if 2 <= len(quote.words) <= DEFAULT_QUOTED_WORDS and OF_BEFORE.search(context.before(quote.open, 8)):
        return Category("initiative", "program"), "of+quote"
    return None, ""


def _descriptor_after(quote: Quote, quotes: list[Quote], context: Context) -> Category | None:
    """The descriptor after the quote, or after the next quote it is coordinated with
    (`"A" and "B" cooperation mechanisms`)."""
    match = DESCRIPTOR_AFTER.match(context.after(quote.close_end))
    if match is not None and _is_descriptor_noun(match, quote.close_end, context):
        return descriptor_category(match.group("descriptor"))
    following = [q for q in quotes if q.open > quote.close_end]
    if following and QUOTES_COORDINATED.fullmatch(context.text[quote.close_end : following[0].open]):
        return _descriptor_after(following[0], quotes, context)
    return None


def _verb_category(before: str) -> Category | None:
    """The category of the verb nearest before a name (`launched the`, `promoting`)."""
    matches = list(VERB_CUE.finditer(before))
    if not matches:
        return None
    return VERBS[" ".join(matches[-1].group("verb").lower().split())]


# --- runs ---------------------------------------------------------------------------------


def _names_from_run(run: Run, context: Context):
    tokens = _strip_leading(run, context)
    # `Acme Announces Fourth Quarter Results`: the name starts after the headline verb.
    head = _head_of(tokens)
    verbs = [i for i, t in enumerate(tokens[: head[0] if head else 0]) if t.text in HEADLINE_VERBS]
    if verbs:
        tokens = tokens[verbs[-1] + 1 :]
    if not tokens:
        return
    for part in _split_coordination(tokens):
        name = _name_from_tokens(part, run, context)
        if name is not None:
            yield name


def _has_head(run: Run) -> bool:
    skip = frozenset(run.bracketed | run.quoted)
    return _head_of(run.tokens, skip) is not None


def _strip_leading(run: Run, context: Context) -> list[Token]:
    """Drop leading articles, prepositions, ordinals and numbers (`The 6th ...`); an
    ordinal word before a report stays (`Fourth Quarter Results`)."""
    tokens = list(run.tokens)
    final = _final_head(tokens)
    keep_ordinal_words = final is not None and final.cls == "report"
    while tokens:
        first = tokens[0]
        ordinal = first.is_ordinal and not (keep_ordinal_words and first.text.isalpha())
        if first.is_function_word or ordinal or (first.is_number and len(tokens) > 1):
            tokens.pop(0)
        elif len(tokens) > 1 and context.pos(first) in LEADING_POS:
            tokens.pop(0)
        else:
            break
    return tokens


def _split_coordination(tokens: list[Token]) -> list[list[Token]]:
    """`A Report 2020 and B Report 2020` is two names: split at `and` when both sides end
    with a head noun, of the same class or with `the` after `and`, and the right side has
    words before its head (`Business and Investment Summit` stays one)."""
    for i, token in enumerate(tokens):
        if token.text != "and":
            continue
        left, right = tokens[:i], tokens[i + 1 :]
        joined_by_the = bool(right) and right[0].text == "the"  # `A Organisation and the B Programme`
        if joined_by_the:
            right = right[1:]
        left_head, right_head = _final_head(left), _final_head(right)
        same_class = left_head is not None and right_head is not None and left_head.cls == right_head.cls
        # `A Partnership for Education and the B Compact`: the left name may end in a complement.
        the_apart = joined_by_the and _head_of(right) is not None and _head_of(left) is not None
        if len(right) >= 2 and (same_class or the_apart):
            return [left] + _split_coordination(right)
    return [tokens]


def _final_head(tokens: list[Token]) -> Category | None:
    """The head category if ``tokens`` end with a head noun (a year or acronym after it
    allowed: `Conference 2023`, `Forum (ACR)`)."""
    words = [t.text for t in tokens]
    while words and (YEAR.fullmatch(words[-1]) or ACRONYM.fullmatch(words[-1])):
        words.pop()
    for length in HEAD_LENGTHS:
        if len(words) >= length and tuple(words[-length:]) in HEADS:
            return HEADS[tuple(words[-length:])]
    return None


def _head_of(tokens: list[Token], skip: frozenset[int] = frozenset()) -> tuple[int, int, Category] | None:
    """(start, end, category) of the head noun: the last head before the first complement
    preposition, else the last head of all."""
    heads = []
    for k in range(len(tokens)):
        if k in skip:
            continue
        for length in HEAD_LENGTHS:
            key = tuple(t.text for t in tokens[k : k + length])
            if len(key) == length and key in HEADS:
                heads.append((k, k + length, HEADS[key]))
                break
    if not heads:
        return None
    preposition = _first_preposition(tokens)
    before = [h for h in heads if preposition is None or h[1] <= preposition]
    return max(before or heads, key=lambda h: h[1])


def _first_preposition(tokens: list[Token]) -> int | None:
    return next((i for i, t in enumerate(tokens) if t.text in COMPLEMENT_PREPOSITIONS), None)


def _name_from_tokens(tokens: list[Token], run: Run, context: Context) -> Name | None:
    skip = frozenset(i for i, t in enumerate(tokens) if run.tokens.index(t) in run.bracketed | run.quoted)
    head = _head_of(tokens, skip)
    if head is None:
        return None
    h_start, h_end, category = head
    separator = max((i for i, t in enumerate(tokens[:h_start]) if t.text in SEPARATING_PREPOSITIONS), default=None)
    if separator is not None:  # `Newcastle in FA Cup`: the name starts after `in`
        rest = tokens[separator + 1 :]
        return _name_from_tokens(rest[1:] if rest and rest[0].text == "the" else rest, run, context)
    preposition = _first_preposition(tokens)
    if preposition is not None and h_start > preposition:
        # `Secretary-General of the X`: a role in an organisation; `Blue Books for the X`,
        # `Island to Central Park`: X is named apart; `Light of Internet Expo`, `Nutrition
        # for Growth Compact`: one name.
        if tuple(t.text for t in tokens[:preposition]) in ROLE_WORDS:
            return None
        rest = tokens[preposition + 1 :]
        if tokens[preposition].text == "to" or (rest and rest[0].text == "the"):
            return _name_from_tokens(rest[1:] if rest and rest[0].text == "the" else rest, run, context)
        h_start = 0
    end = _name_end(tokens, h_end, preposition, run)
    if end < len(tokens) and _is_other_noun(tokens[end]) and run.tokens.index(tokens[end]) not in run.bracketed:
        return None  # `New Factory Construction`: the head noun is a modifier of another noun
    name_tokens = tokens[:end]
    if len(name_tokens) < 2 and not _run_is_quoted(name_tokens, run):
        return None
    if category.cls == "report":
        return _report_from_tokens(name_tokens, context)
    if category.cls != "initiative":
        return None
    start, stop = name_tokens[0].start, name_tokens[-1].end
    if _acts_as_organisation(start, context):
        return None
    if category.kind == "facility" and not _is_established_facility(start, context):
        return None
    return Name(start, stop, "initiative", category.kind, "title+head")


def _is_other_noun(token: Token) -> bool:
    """A capitalised word after a head that is no headline verb (`Opens`, `Held`,
    `Concludes`): by its form a noun the name modifies."""
    text = token.text
    return (
        text.isalpha()
        and token.is_capitalised
        and text not in HEADLINE_VERBS
        and not VERB_ENDING.search(text)
    )


def _run_is_quoted(tokens: list[Token], run: Run) -> bool:
    return any(run.tokens.index(t) in run.quoted for t in tokens)


def _name_end(tokens: list[Token], h_end: int, preposition: int | None, run: Run) -> int:
    """How many of ``tokens`` the name keeps: the head, then an `of`/`for`/`on` complement
    right after it, or else a year or number after it."""
    end = h_end
    if preposition is not None and preposition == h_end:
        # `Partnership for Education and the X Compact`: `and the` starts another name.
        last = next((i for i in range(h_end, len(tokens) - 1) if tokens[i].text == "and" and tokens[i + 1].text == "the"), len(tokens))
        while last > end and (tokens[last - 1].is_function_word or run.tokens.index(tokens[last - 1]) in run.bracketed):
            last -= 1
        return last
    while end < len(tokens) and (tokens[end].is_number or tokens[end].is_year) and run.tokens.index(tokens[end]) not in run.bracketed:
        end += 1
    return end


def _report_from_tokens(tokens: list[Token], context: Context) -> Name | None:
    text = context.text
    start, end = tokens[0].start, tokens[-1].end
    if TITLE_QUOTE_AFTER.match(context.after(end, 4)):  # `Regional Report: 'Title'`: the quote is the title
        return None
    sentence = context.sentence(start)
    if any(t.text == "Index" for t in tokens):
        if MARKET_CUE.search(sentence) or any(t.is_number and not t.is_year for t in tokens):
            return None
    # `UNDP Human Development Report`: a publisher's acronym before the title stays out.
    if len(tokens) >= 3 and tokens[0].text.isalpha() and tokens[0].text.isupper() and len(tokens[0].text) >= 2:
        tokens = tokens[1:]
        start = tokens[0].start
    rule = "title+report-head"
    before = text[:start]
    # A leading edition year is part of the title (`2022 Corruption Perceptions Index`).
    leading_year = LEADING_YEAR_BEFORE.search(before[-6:] if len(before) >= 6 else before)
    year = ""
    if leading_year:
        start -= len(leading_year.group(0))
        year = leading_year.group("year")
    # A capital `The` inside a sentence belongs to the title; a sentence-initial one does not.
    the = THE_BEFORE.search(text[max(0, start - 4) : start])
    if the and not context.sentence_initial(start - 4):
        start -= 4
    bracket_year = BRACKET_YEAR_AFTER.match(text[end : end + 12])
    if bracket_year:
        end += bracket_year.end()
        year = year or bracket_year.group("year")
    if not year:
        year = _report_year(text[start:end])
    if not year:
        year_of = YEAR_OF_AFTER.match(text[end : end + 12])
        year = year_of.group("year") if year_of else ""
    return Name(start, end, "report", "", rule, year, _version_after(end, context))


def _report_year(title: str) -> str:
    """The edition year written in the title: at its end, in brackets, at its start, or
    right before its last word (`Full Year 2023 Results`)."""
    match = YEAR_AT_END.search(title) or YEAR_AT_START.match(title) or YEAR_BEFORE_LAST_WORD.search(title)
    return match.group("year") if match else ""


def _version_after(offset: int, context: Context) -> str:
    match = VERSION_AFTER.match(context.after(offset, 30))
    return match.group("version") if match else ""


def _acts_as_organisation(start: int, context: Context) -> bool:
    return ORGANISATION_CUE.search(context.before(start)) is not None


def _is_established_facility(start: int, context: Context) -> bool:
    """A named centre is an initiative when opened or established, not when it is a venue."""
    if VENUE_CUE.search(context.before(start, 20)):
        return False
    return FACILITY_CUE.search(context.sentence(start)) is not None


# --- runs without a head noun ---------------------------------------------------------------


def _names_from_headless(runs: list[Run], context: Context) -> list[Name]:
    """Names without a head noun: a coined word used as the name of a thing of some kind
    everywhere it stands (`ACME gadget show`, `PaddlePaddle AI platform`); a name with its
    acronym after a verb (`promoting Double Development Dynamic (DDD)`); a name in
    apposition with an event (`X 2023, the world's largest connectivity event`)."""
    names = []
    for run in runs:
        tokens = _strip_leading(run, context)
        if not tokens or any(run.tokens.index(t) in run.quoted for t in tokens):
            continue
        start = tokens[0].start
        if _acts_as_organisation(start, context) or context.before(start, 2).strip() in tuple(QUOTE_MARKS):
            continue
        coined = _coined_with_descriptor(tokens[0], context)
        if coined is not None:
            names.append(coined)
            continue
        if run.tokens.index(tokens[-1]) in run.bracketed:
            acronym, words = tokens[-1], tokens[:-1]
            verb = _verb_category(context.before(start, VERB_WINDOW))
            if words and verb is not None and verb.cls == "initiative" and _initials(
                context.text[start : words[-1].end]
            ) == acronym.text:
                names.append(Name(start, words[-1].end, "initiative", verb.kind, "name+acronym+verb"))
            continue
        end = tokens[-1].end
        if all(t.text != "and" for t in tokens) and EVENT_APPOSITION.match(context.after(end)):
            names.append(Name(start, end, "initiative", "event", "name+event-apposition"))
    return names


def _coined_with_descriptor(token: Token, context: Context) -> Name | None:
    """A coined word followed by a descriptor wherever it stands in the document."""
    if not _is_coined(token) or (token.is_acronym and len(token.text) < 3):
        return None
    category = None
    for _, end in context.occurrences(token.text, exact=True):
        descriptor = DESCRIPTOR_AFTER.match(context.after(end))
        if descriptor is None or not _is_descriptor_noun(descriptor, end, context):
            return None
        # `US investment fund Acme Capital`: the descriptor introduces another name.
        following = tokenize(context.after(end + descriptor.end(), 30))
        if following and following[0].start <= 1 and following[0].is_capitalised:
            return None
        noun = " ".join(descriptor.group("descriptor").lower().split())
        if noun.endswith("s") and noun[:-1] in DESCRIPTORS:  # `ACR awards`: given by ACR, not named
            return None
        category = category or DESCRIPTORS[noun]
    if category is None or category.cls != "initiative":
        return None
    return Name(token.start, token.end, "initiative", category.kind, "coined+descriptor")


def _is_descriptor_noun(descriptor: re.Match, offset: int, context: Context) -> bool:
    """The descriptor is a noun (`fund`, not `agreed to fund`) after lower-case words or
    acronyms (`AI platform`, not `Super Bowl halftime show`)."""
    mods = descriptor.group("mods").split()
    if any(w in FUNCTION_WORDS or not (w.islower() or ACRONYM.fullmatch(w)) for w in mods):
        return False
    end = offset + descriptor.end("descriptor")
    last_word = descriptor.group("descriptor").split()[-1]
    return context.pos(Token(end - len(last_word), end, last_word)) in ("NOUN", "PROPN")


def _is_coined(token: Token) -> bool:
    """An acronym (`CES`), a camel-case word (`PaddlePaddle`) or a dashed capitalised word
    (`N–Peace`): a name by its form, unlike a place or a person."""
    text = token.text
    return (
        token.is_acronym
        or (text[0].isupper() and CAMEL_CASE.search(text) is not None)
        or DASHED_CAPITALS.fullmatch(text) is not None
    )


# --- document level -----------------------------------------------------------------------


def _longest(names: list[Name]) -> list[Name]:
    """Drop names inside or overlapping a longer one (the longer name wins)."""
    kept: list[Name] = []
    spans: list[tuple[int, int]] = []  # the kept names' spans, in text order, never overlapping
    for name in sorted(names, key=lambda n: (-(n.end - n.start), n.start)):
        i = bisect_right(spans, (name.start, name.end))
        clash_before = i > 0 and spans[i - 1][1] > name.start
        clash_after = i < len(spans) and spans[i][0] < name.end
        if not (clash_before or clash_after):
            spans.insert(i, (name.start, name.end))
            kept.append(name)
    return kept


def _is_definition(start: int, context: Context) -> bool:
    """An acronym or alias defined right after a name: `Name (ACR)`, `Name, or ACR,`."""
    return context.before(start, 1) == "(" or context.before(start, 5) == ", or "


def _with_acronyms_and_aliases(names: list[Name], quotes: list[Quote], context: Context) -> list[Name]:
    text = context.text
    acronyms: dict[str, str] = {}
    dropped: set[Name] = set()
    extra: list[Name] = []
    for name in names:
        if name.cls != "initiative":
            continue
        after = context.after(name.end, 40)
        defined = BRACKET_ACRONYM_AFTER.match(after) or OR_ACRONYM_AFTER.match(after)
        own = [defined.group("acronym")] if defined else []
        initials = _initials(text[name.start : name.end])
        initials = [initials, initials + "s"] if len(initials) >= 3 else []
        if _acts_as_organisation_anywhere(name, own, initials, context) and not _has_edition(name, context):
            dropped.add(name)
            continue
        own += initials
        # `ACR Barcelona 2023, the ... event`: the acronym opening a name with no head noun
        # is the short name (`ACR convened ...`).
        first = WORD.match(text, name.start)
        if name.rule.startswith("name+event") and first and ACRONYM.fullmatch(first.group()) and first.end() < name.end:
            own.append(first.group())
        for acronym in own:
            acronyms.setdefault(acronym, name.kind)
        alias = _alias_after(name, quotes, context)
        if alias is not None:
            extra.append(alias)
    names = [n for n in names if n not in dropped] + extra
    for acronym, kind in acronyms.items():
        for start, end in context.occurrences(acronym, exact=True):
            after = context.after(end, 40)
            if _is_definition(start, context) or _acts_as_organisation(start, context):
                continue
            if ROLE_AFTER.match(after) or AGENT_AFTER.match(after):  # `ACR Secretary-General Li`
                continue
            year = YEAR_AFTER.match(after)  # `ACR 2023`: a year after a name stays in it
            names.append(Name(start, end + (year.end() if year else 0), "initiative", kind, "acronym"))
    return names


def _has_edition(name: Name, context: Context) -> bool:
    """Whether an occurrence of the name has a year or ordinal before it (`the 2023 X`,
    `the Second X`): then it names an event, even where it also acts as its organiser."""
    text = context.text
    surface = text[name.start : name.end]
    return any(EDITION_BEFORE.search(text[max(0, start - 16) : start]) for start, _ in context.occurrences(surface))


def _without_publishers(names: list[Name], context: Context) -> list[Name]:
    """`the X Forum's Global Risks Report`: a name owning a report is its publisher, an
    organisation."""
    report_starts = {n.start for n in names if n.cls == "report"}
    return [
        n for n in names
        if not (n.cls == "initiative" and (m := POSSESSIVE_AFTER.match(context.after(n.end, 4))) and n.end + m.end() in report_starts)
    ]


def _initials(name: str) -> str:
    """`Sustainable Development Goals` -> `SDG`; an acronym word keeps all its letters
    (`UN Development Programme` -> `UNDP`)."""
    letters = []
    for word in WORD.findall(name):
        for piece in DASHES.split(word):
            if not piece or not piece[0].isupper():
                continue
            letters.append(piece if ACRONYM.fullmatch(piece) else piece[0])
    return "".join(letters)


def _acts_as_organisation_anywhere(name: Name, defined: list[str], initials: list[str], context: Context) -> bool:
    """A name that acts as an organisation somewhere in the document, itself or by the
    acronym defined after it (`ACR Secretary-General`, `ACR's President`, `the ACR said`,
    `..., said the ACR.`), or a `... Programme` referred to by its acronym again (`UN
    Development Programme` is an agency, contract "More decisions")."""
    text = context.text
    surface = text[name.start : name.end]
    for form, exact in [(surface, False)] + [(a, True) for a in defined]:
        for start, end in context.occurrences(form, exact):
            after = text[end : end + 40]
            if ROLE_AFTER.match(after) or AGENT_AFTER.match(after):
                return True
            if SAID_BEFORE.search(text[max(0, start - 12) : start]) and SAID_NAME_END.match(after):
                return True
    if surface.split()[-1] in ("Programme", "Program"):
        return any(len(context.occurrences(a, exact=True)) >= 2 for a in defined + initials)  # the definition and another use
    return False


def _alias_after(name: Name, quotes: list[Quote], context: Context) -> Name | None:
    """`X, known as the Canton Fair` / `X (DDD), also known as "dual circulation"`."""
    match = ALIAS_CUE.match(context.after(name.end, 80))
    if match is None:
        return None
    start = name.end + match.end()
    for quote in quotes:
        if quote.open == start:
            return Name(quote.start, quote.end, "initiative", name.kind, "alias")
    words = CAPITALISED_WORDS.match(context.text[start : start + 80])
    if words is None:
        return None
    stop = start + len(words.group().rstrip())
    return Name(start, stop, "initiative", name.kind, "alias")


def _repeated(names: list[Name], context: Context) -> list[Name]:
    """A name found once is a mention wherever it stands again as a whole name (not inside
    a longer capitalised run), also in an all-caps headline and without its trailing year
    (`X 2023` ... `X`)."""
    text = context.text
    extra = []
    seen = set()
    for name in names:
        if name.rule.startswith("coined"):  # found wherever it stands already
            continue
        surface = text[name.start : name.end]
        forms = {surface}
        if name.cls == "initiative":
            without_year = TRAILING_YEAR.sub("", surface)
            if without_year != surface and len(without_year.split()) >= 2:
                forms.add(without_year)
        for form in forms:
            if (form, name.cls) in seen:
                continue
            seen.add((form, name.cls))
            for start, end in context.occurrences(form):
                found = text[start:end]
                headline = found.isupper() and not form.isupper()
                if " ".join(found.split()) != " ".join(form.split()) and not headline:
                    continue
                if not headline and (CAPITALISED_AFTER.match(text[end : end + 3]) or CAPITALISED_BEFORE.search(text[max(0, start - 3) : start])):
                    continue
                if _is_definition(start, context) or _acts_as_organisation(start, context):
                    continue
                extra.append(replace(name, start=start, end=end, rule=name.rule + "+repeated"))
    return extra


def _separator(gap: str) -> str:
    """Text between two words, any white space as one space."""
    return " ".join(gap.split()) if gap.strip() else " " if gap else ""


def category_of(text: str) -> Category | None:
    """The head-noun category of a name given on its own (leading articles, ordinals and
    years ignored): for candidates found by other means, such as a statistical NER."""
    tokens = tokenize(text)
    while tokens and (tokens[0].is_function_word or tokens[0].is_ordinal or tokens[0].is_number or tokens[0].text == "The"):
        tokens.pop(0)
    head = _head_of(tokens)
    return head[2] if head is not None else None
