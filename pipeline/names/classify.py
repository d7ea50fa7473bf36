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
4. document level (:mod:`.document_level`): acronyms, aliases, organisations by use,
   names found again, the longer of two overlapping names.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from ..document import body_start
from .candidates import ACRONYM, YEAR, Quote, Run, Token, find_quotes, find_runs, tokenize
from .context import Context, Name
from .document_level import initials, longest, repeated, with_acronyms_and_aliases, without_publishers
from .lexicon import (
    COMPLEMENT_PREPOSITIONS,
    DESCRIPTOR_AFTER,
    DESCRIPTOR_BEFORE,
    DESCRIPTORS,
    APPOSITION,
    APPOSITION_BEFORE,
    APPOSITION_BEFORE_END,
    DETERMINER_BEFORE,
    INTRODUCTORY_BEFORE,
    EVENT_VERB_AFTER,
    FACILITY_CUE,
    FUNDRAISING_CUE,
    FUNCTION_WORDS,
    HEAD_LENGTHS,
    HEADLINE_VERBS,
    HEADS,
    INVITATION_VERBS,
    JOB_WORDS,
    NAME_PREFIXES,
    KIND_NOUNS,
    MARKET_CUE,
    MEDIA_CUE,
    PUBLICATION_CUE,
    ROLE_WORDS,
    SEPARATING_PREPOSITIONS,
    SUBTITLE,
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
# Report years: `(2022)`, `(2021-2025)` after the title, `2022 ` before it, and inside the title at its
# end (`Report 2020-21`), at its start, or before its last word (`2023 Results`).
BRACKET_YEAR_AFTER = re.compile(r"^[ \t]*\((?P<year>(?:19|20)\d\d(?:[-–](?:(?:19|20)\d\d|\d\d))?)\)")
LEADING_YEAR_BEFORE = re.compile(r"(?<![\w.,])(?P<year>(?:19|20)\d\d)[ \t]$")
YEAR_AT_END = re.compile(r"(?P<year>(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?)\)?\s*$")
YEAR_AT_START = re.compile(r"^(?P<year>(?:19|20)\d\d)\s")
YEAR_BEFORE_LAST_WORD = re.compile(r"\s(?P<year>(?:19|20)\d\d)\s+\S+$")
YEAR_INSIDE = re.compile(r"\b(?P<year>(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?)\b")
THE_BEFORE = re.compile(r"\bThe[ \t]$")
QUOTES_COORDINATED = re.compile(r",?\s+and\s+|,\s+")  # `"A" and "B" ...`
CAMEL_CASE = re.compile(r"[a-z][A-Z]")
INSIDE_LONGER_NAME = re.compile(r"^\)[ \t]+[A-Z]")
CLAUSE_END_AFTER = re.compile(r"^(?:[.,;:!?)]|$)")
# `(cat. no. 6202.0)`, `(Catalogue 5206.0)` after a statistics office's title.
CATALOGUE_AFTER = re.compile(r"^\s*\(\s*(?:cat\.|catalogue)\s*(?:no\.|number)?\s*\d[\w.-]*\s*\)", re.IGNORECASE)
SINGLE_WORD_NAME_END = (",", ".", ";")
DASHED_CAPITALS = re.compile(r"[A-Z]\w*[-–][A-Z]\w*")
VERB_ENDING = re.compile(r"(?:s|ed|ing)$")  # `Draws`, `Opened`, `Closing`
TITLE_QUOTE_AFTER = re.compile(r"^[:,]?\s?[“\"‘«]")
QUOTE_MARKS = "“”\"‘’″«»„"
# A quoted name with no head, descriptor or verb, after `of` (`the development of "..."`):
# a named programme or policy if it is short.
OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
DEFAULT_QUOTED_WORDS = 6
# How far before a quoted name a verb may tell its kind (`launched the "..."`).
VERB_WINDOW = 40


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
    context = Context(doc, tokens, text)
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
    previous: Run | None = None
    for run in find_runs(text, tokens, quotes, masked):
        for title in (_colon_title(run, context), _catalogued_title(run, previous, context)):
            if title is not None:
                names.append(title)
        previous = run
        if _has_head(run):
            names.extend(_names_from_run(run, context))
        else:
            headless.append(run)
    names.extend(_names_from_headless(headless, context))
    names = longest(names)
    names = with_acronyms_and_aliases(names, quotes, context)
    names = longest(names + repeated(names, context))
    return sorted(without_publishers(names, context), key=lambda n: (n.start, n.end))


# --- quotes -------------------------------------------------------------------------------


def _name_from_quote(quote: Quote, quotes: list[Quote], context: Context) -> list[Name]:
    if context.acts_as_organisation(quote.open):
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
    # `"Title", a set of guidelines on ...` (the comma may stand inside the quote).
    comma = "," if "," in context.text[quote.end : quote.close_end] else ""
    apposition = _apposition(quote.close_end, context, comma)
    if apposition is not None:
        return apposition, "quote+apposition"
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
    if tokens[0].text in NAME_PREFIXES and _head_of(tokens)[0] == 0:
        prefixed = _name_with_prefix(tokens, context)  # `Project Blue Reef`: the head opens the name
        if prefixed is not None:
            yield prefixed
            return
    for part in _split_coordination(tokens):
        for piece in _split_at_separator(part):
            name = _name_from_tokens(piece, run, context)
            if name is not None:
                yield name


def _has_head(run: Run) -> bool:
    skip = frozenset(run.bracketed | run.quoted)
    return _head_of(run.tokens, skip) is not None


def _strip_leading(run: Run, context: Context) -> list[Token]:
    """Drop leading articles, prepositions, ordinals and numbers (`The 6th ...`), and an
    invitation verb before a function word (`Join the ...`); an ordinal word before a report
    stays (`Fourth Quarter Results`)."""
    tokens = list(run.tokens)
    if len(tokens) > 2 and tokens[0].text in INVITATION_VERBS and tokens[1].is_function_word:
        tokens.pop(0)
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
    words before its head (`Business and Investment Summit` stays one); `A Scheme and the
    Centre`: a lone head after `and the` is another thing, named apart."""
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
        if joined_by_the and len(right) == 1 and left_head is not None and right_head is not None:
            return [left, right]
    return [tokens]


def _split_at_separator(tokens: list[Token]) -> list[list[Token]]:
    """`Future Harbour Pavilion in Hall 3`: a name ending with its head before `in`/`at`/
    `with` is a name of its own; what follows the preposition is looked at apart."""
    for i, token in enumerate(tokens):
        if token.text in SEPARATING_PREPOSITIONS and i >= 2 and _final_head(tokens[:i]) is not None:
            rest = tokens[i + 1 :]
            return [tokens[:i]] + _split_at_separator(rest[1:] if rest and rest[0].text == "the" else rest)
    return [tokens]


def _head_keys(tokens: list[Token]) -> list[str]:
    """The words to look heads up by: as written, or title-cased in an all-capitals run
    (`GREEN HYDROGEN SUMMIT OPENS`)."""
    words = [t.text for t in tokens]
    letters = [w for w in words if w.isalpha()]
    if len(letters) >= 2 and all(w.isupper() for w in letters):
        return [w.title() if w.isalpha() else w for w in words]
    return words


def _final_head(tokens: list[Token]) -> Category | None:
    """The head category if ``tokens`` end with a head noun (a year or acronym after it
    allowed: `Conference 2023`, `Forum (ACR)`)."""
    words = _head_keys(tokens)
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
    words = _head_keys(tokens)
    k = 0
    while k < len(tokens):
        if k not in skip:
            for length in HEAD_LENGTHS:
                key = tuple(words[k : k + length])
                if len(key) == length and key in HEADS:
                    heads.append((k, k + length, HEADS[key]))
                    k += length - 1  # `Safe Harbor Statement`: no shorter head inside a longer one
                    break
        k += 1
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
        # `Island to Central Park`: X is named apart; `Light of Harbour Expo`, `Nutrition
        # for Growth Compact`: one name.
        if tuple(t.text for t in tokens[:preposition]) in ROLE_WORDS:
            return None
        rest = tokens[preposition + 1 :]
        if tokens[preposition].text == "to" or (rest and rest[0].text == "the"):
            return _name_from_tokens(rest[1:] if rest and rest[0].text == "the" else rest, run, context)
        h_start = 0
    end = _name_end(tokens, h_end, preposition, run)
    if (
        end == h_end
        and end < len(tokens)
        and _is_other_noun(tokens[end])
        and run.tokens.index(tokens[end]) not in run.bracketed
        and "\n" not in context.text[tokens[end - 1].end : tokens[end].start]
    ):
        # `New Factory Construction`: the head noun modifies another noun (not after a year,
        # `Expo 2020 Dubai`, nor at a line end, `... Results\nRevenue rose`)
        return None
    name_tokens = tokens[:end]
    if len(name_tokens) < 2 and not _run_is_quoted(name_tokens, run):
        return None
    if INSIDE_LONGER_NAME.match(context.after(name_tokens[-1].end, 4)):
        return None  # `Health Act (Miscellaneous Provisions) Bill`: part of a longer name
    if category.cls == "report":
        return _report_from_tokens(name_tokens, context)
    if category.cls != "initiative":
        return None
    start, stop = name_tokens[0].start, name_tokens[-1].end
    if context.acts_as_organisation(start):
        return None
    if category.kind == "facility" and not _is_established_facility(start, context):
        return None
    # `X Challenge, a 5km fundraising run`: the apposition says what the name is.
    apposition = _apposition(stop, context)
    kind = apposition.kind if apposition is not None and apposition.cls == "initiative" else category.kind
    if kind == "competition" and FUNDRAISING_CUE.search(context.sentence(start)):
        kind = "event"  # `the X Swim Challenge raised £2m`: a fund-raising event, not a contest
    return Name(start, stop, "initiative", kind, "title+head")


def _is_other_noun(token: Token) -> bool:
    """A capitalised word after a head that is no headline verb (`Opens`, `Held`,
    `Concludes`): by its form a noun the name modifies."""
    text = token.text.title() if token.text.isupper() else token.text
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
    # `UNEF Ocean Health Report`: a publisher's acronym before two or more title words (not
    # years: `ESG Report 2023`) stays out.
    title_words = [t for t in tokens[1:] if not t.is_year]
    if len(title_words) >= 2 and tokens[0].text.isalpha() and tokens[0].text.isupper() and len(tokens[0].text) >= 2:
        tokens = tokens[1:]
        start = tokens[0].start
    rule = "title+report-head"
    before = text[:start]
    # A leading edition year is part of the title (`2022 Open Budget Index`).
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


def _colon_title(run: Run, context: Context) -> Name | None:
    """`available in National Accounts: Income, Expenditure and Product`: an unquoted
    `Title: Subtitle` after a publication cue is a report."""
    subtitle = SUBTITLE.match(context.after(run.end, 200))
    if subtitle is None or len(run.tokens) < 2:
        return None
    tokens = _strip_leading(run, context)
    if not tokens:
        return None
    start, end = tokens[0].start, run.end + subtitle.end("subtitle")
    if PUBLICATION_CUE.search(context.before(start, 40)) is None and CATALOGUE_AFTER.match(context.after(end, 40)) is None:
        return None
    return Name(start, end, "report", "", "title:subtitle+cue", _report_year(context.text[start:end]))


def _catalogued_title(run: Run, previous: Run | None, context: Context) -> Name | None:
    """`Labour Force, Australia (cat. no. 6202.0)`: a title before a catalogue number is a
    report, with a run before it joined by a comma."""
    if CATALOGUE_AFTER.match(context.after(run.end, 40)) is None:
        return None
    tokens = _strip_leading(run, context)
    if previous is not None and context.text[previous.end : run.start] == ", ":
        tokens = _strip_leading(previous, context) or tokens
    if len(tokens) > 1 and context.pos(tokens[0]) == "VERB":  # `See Building Activity (cat. ...)`
        tokens = tokens[1:]
    if not tokens:
        return None
    start = tokens[0].start
    return Name(start, run.end, "report", "", "title+catalogue", _report_year(context.text[start : run.end]))


def _report_year(title: str) -> str:
    """The edition year written in the title: at its end, in brackets, at its start, right
    before its last word (`Full Year 2023 Results`), else the last year inside it (`Fiscal
    2025 Financial Results`)."""
    match = YEAR_AT_END.search(title) or YEAR_AT_START.match(title) or YEAR_BEFORE_LAST_WORD.search(title)
    if match is None:
        match = next(reversed(list(YEAR_INSIDE.finditer(title))), None)
    return match.group("year") if match else ""


def _version_after(offset: int, context: Context) -> str:
    match = VERSION_AFTER.match(context.after(offset, 30))
    return match.group("version") if match else ""


def _is_established_facility(start: int, context: Context) -> bool:
    """A named centre is an initiative when opened or established, not when it is a venue."""
    if VENUE_CUE.search(context.before(start, 20)):
        return False
    return FACILITY_CUE.search(context.sentence(start)) is not None


# --- runs without a head noun ---------------------------------------------------------------


def _names_from_headless(runs: list[Run], context: Context) -> list[Name]:
    """Names without a head noun: a coined word used as the name of a thing of some kind
    everywhere it stands (`ACME gadget show`, `CloudHarvest AI platform`); a name with its
    acronym after a verb (`promoting Double Development Dynamic (DDD)`); a name in
    apposition with a descriptor (`X 2023, the world's largest connectivity event`, `its
    developer platform, X, which`); a name before a kind noun (`the X Y scheme`)."""
    names = []
    for run in runs:
        tokens = _strip_leading(run, context)
        if not tokens or any(run.tokens.index(t) in run.quoted for t in tokens):
            continue
        start = tokens[0].start
        if context.acts_as_organisation(start) or context.before(start, 2).strip() in tuple(QUOTE_MARKS):
            continue
        coined = _coined_with_descriptor(tokens[0], context)
        if coined is not None:
            names.append(coined)
            continue
        prefixed = _name_with_prefix(tokens, context)
        if prefixed is not None:
            names.append(prefixed)
            continue
        if run.tokens.index(tokens[-1]) in run.bracketed:
            acronym, words = tokens[-1], tokens[:-1]
            verb = _verb_category(context.before(start, VERB_WINDOW))
            if words and verb is not None and verb.cls == "initiative" and initials(
                context.text[start : words[-1].end]
            ) == acronym.text:
                names.append(Name(start, words[-1].end, "initiative", verb.kind, "name+acronym+verb"))
            continue
        end = tokens[-1].end
        if len(tokens) == 1 and context.after(end, 1) not in SINGLE_WORD_NAME_END:
            continue  # a single word is named only in an apposition (`X, the ... fair`, `its platform, X.`)
        if not _may_be_a_name(run, tokens, context):
            continue
        apposition = _apposition(end, context) if all(t.text != "and" for t in tokens) else None
        if apposition is not None and apposition.cls in ("report", "initiative"):
            if not _opens_sentence_with_preposition(start, context):
                year = _report_year(context.text[start:end]) if apposition.cls == "report" else ""
                names.append(Name(start, end, apposition.cls, apposition.kind, "name+apposition", year))
            continue
        named = (
            _name_before_kind_noun(tokens, context)
            or _name_after_descriptor(tokens, context)
            or _edition_before_event_verb(tokens, context)
        )
        if named is not None:
            names.append(named)
    return names


def _name_with_prefix(tokens: list[Token], context: Context) -> Name | None:
    """`Project Blue Reef`, `Operation Safe Harbour`: a naming word (`data/name_prefixes.tsv`)
    and capitalised words; the name ends before a headline verb (`Project X Opens`)."""
    kind = NAME_PREFIXES.get(tokens[0].text)
    if kind is None or len(tokens) < 2 or tokens[1].text in JOB_WORDS:
        return None
    end = 1
    while end < len(tokens) and tokens[end].is_capitalised and _is_other_noun(tokens[end]):
        end += 1
    if end < 2 or context.acts_as_organisation(tokens[0].start):
        return None
    return Name(tokens[0].start, tokens[end - 1].end, "initiative", kind, "prefix+name")


def _edition_before_event_verb(tokens: list[Token], context: Context) -> Name | None:
    """`VELOX 2024 closes with ...`, `Paris 2024 opened`: one or two words and an edition
    year before a verb of an event."""
    if not 2 <= len(tokens) <= 3 or not tokens[-1].is_year or any(t.is_year or t.is_number for t in tokens[:-1]):
        return None
    if EVENT_VERB_AFTER.match(context.after(tokens[-1].end, 30)) is None:
        return None
    return Name(tokens[0].start, tokens[-1].end, "initiative", "event", "edition+event-verb")


def _may_be_a_name(run: Run, tokens: list[Token], context: Context) -> bool:
    """Two or more words, or one coined word or proper noun (not `But`, `However`), and no
    capital `The` inside a sentence before it (`the voice of The Guide`: a work's title)."""
    first = run.tokens[0]
    if first.text == "The" and not context.sentence_initial(first.start):
        return False
    if len(tokens) >= 2:
        return True
    word = tokens[0]
    if _is_coined(word):
        return not (word.is_acronym and len(word.text) < 3)
    return context.pos(word) == "PROPN"


def _opens_sentence_with_preposition(start: int, context: Context) -> bool:
    """`At X, the ...`, `In the X, a ...`: the comma after the name ends an introductory
    phrase."""
    window = max(0, start - 30)
    match = INTRODUCTORY_BEFORE.search(context.text, window, start)
    if match is None or not context.sentence_initial(match.start("word")):
        return False
    return context.pos(Token(match.start("word"), match.end("word"), match.group("word"))) in ("ADP", "SCONJ")


def _apposition(offset: int, context: Context, prefix: str = "") -> Category | None:
    """The category of the descriptor heading an apposition at ``offset`` (`, an alliance of
    ...`), if its modifiers are plain words, `and` allowed (`, the largest and oldest trade
    fair`; not `, the head of the campaign`)."""
    match = APPOSITION.match(prefix + context.after(offset, 100))
    if match is None or any(w.lower() in FUNCTION_WORDS - {"and"} for w in match.group("mods").split()):
        return None
    return descriptor_category(match.group("descriptor"))


def _name_before_kind_noun(tokens: list[Token], context: Context) -> Name | None:
    """`the Clean Rivers Now programme`, `its earlier Green Roofs scheme`: a name of two or
    more words after `the` or a possessive and before a kind noun (`data/kind_nouns.tsv`)
    that ends the noun phrase (not `campaign group`), not a broadcast (`BBC Radio's X
    programme`). Before `campaign`, `plan` ... the name must read like a title (three or
    more words, a function word or a number: `Walk for Water`), unlike the party or team
    behind it (`the Liberal Party campaign`); before `report`, a publication cue stands. A
    run opening a sentence is cut after its last inner `the` (`Tickets for the X Y fair`)."""
    end = tokens[-1].end
    inner_the = [i for i, t in enumerate(tokens[:-1]) if t.text == "the"]
    if inner_the and DETERMINER_BEFORE.search(context.before(tokens[0].start, 40)) is None:
        tokens = tokens[inner_the[-1] + 1 :]
    start = tokens[0].start
    match = DESCRIPTOR_AFTER.match(context.after(end))
    if len(tokens) < 2 or match is None:
        return None
    noun = " ".join(match.group("descriptor").lower().split())
    if noun not in KIND_NOUNS or not _is_descriptor_noun(match, end, context):
        return None
    following = tokenize(context.after(end + match.end(), 20))
    if following and following[0].start == 1 and following[0].text.islower() and context.pos(
        Token(end + match.end() + 1, end + match.end() + 1 + len(following[0].text), following[0].text)
    ) == "NOUN":
        return None
    before = context.before(start, 40)
    if DETERMINER_BEFORE.search(before) is None or MEDIA_CUE.search(before):
        return None
    if KIND_NOUNS[noun] == "titled" and len(tokens) < 3 and not any(t.is_function_word or t.is_number for t in tokens):
        return None
    category = descriptor_category(noun)
    if category.cls == "report":
        if PUBLICATION_CUE.search(before) is None:
            return None
        return Name(start, end, "report", "", "name+kind-noun", _report_year(context.text[start:end]))
    return Name(start, end, "initiative", category.kind, "name+kind-noun")


def _name_after_descriptor(tokens: list[Token], context: Context) -> Name | None:
    """`the company's developer platform, Acme Forge, which ...`, `The report, Ocean Cities
    2050, was launched`: a name in apposition after a possessive descriptor phrase or a
    sentence-initial `The` and a descriptor."""
    start, end = tokens[0].start, tokens[-1].end
    window = max(0, start - 60)
    match = APPOSITION_BEFORE.search(context.text, window, start)
    if match is None:
        return None
    if match.group("the"):
        if not context.sentence_initial(match.start("the")) or not context.after(end, 1) == ",":
            return None
    elif APPOSITION_BEFORE_END.match(context.after(end, 12)) is None:
        return None
    category = descriptor_category(match.group("descriptor"))
    if category.cls == "report":
        return Name(start, end, "report", "", "descriptor+name", _report_year(context.text[start:end]))
    if category.cls != "initiative":
        return None
    return Name(start, end, "initiative", category.kind, "descriptor+name")


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
    acronyms (`AI platform`, not `Super Bowl halftime show`). A word the tagger calls a verb
    is a noun where punctuation follows it (`from the X programme.`)."""
    mods = descriptor.group("mods").split()
    if any(w in FUNCTION_WORDS or not (w.islower() or ACRONYM.fullmatch(w)) for w in mods):
        return False
    end = offset + descriptor.end("descriptor")
    last_word = descriptor.group("descriptor").split()[-1]
    pos = context.pos(Token(end - len(last_word), end, last_word))
    return pos in ("NOUN", "PROPN") or (pos == "VERB" and CLAUSE_END_AFTER.match(context.after(end, 2)) is not None)


def _is_coined(token: Token) -> bool:
    """An acronym (`ACME`), a camel-case word (`CloudHarvest`) or a dashed capitalised word
    (`K–Bridge`): a name by its form, unlike a place or a person."""
    text = token.text
    return (
        token.is_acronym
        or (text[0].isupper() and CAMEL_CASE.search(text) is not None)
        or DASHED_CAPITALS.fullmatch(text) is not None
    )


def category_of(text: str) -> Category | None:
    """The head-noun category of a name given on its own (leading articles, ordinals and
    years ignored): for candidates found by other means, such as a statistical NER."""
    tokens = tokenize(text)
    while tokens and (tokens[0].is_function_word or tokens[0].is_ordinal or tokens[0].is_number or tokens[0].text == "The"):
        tokens.pop(0)
    head = _head_of(tokens)
    return head[2] if head is not None else None
