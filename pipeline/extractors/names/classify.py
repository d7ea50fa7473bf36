"""Deciding what each name candidate is: a report, an initiative of some kind, or nothing.

One pass per document, shared by the report and initiative extractors (cached on the Doc):

1. quotes: a theme or slogan is dropped; a title-cased quote takes its class from the
   descriptor after it (`" supercomputing center`), a report noun before it (`the report "`),
   its form (`Title: Subtitle`), its own head noun, a verb just before it, or `of` before it;
2. runs with a head noun: leading articles, ordinals and years are stripped, coordinated
   names split (`A Report 2020 and B Report 2020`), and the name is cut at its head noun
   (plus a year, or an `of`/`for`/`on` complement after it); organisations and venues go;
3. runs without one (:mod:`.headless`): a coined word with a descriptor, a name in
   apposition, before a kind noun or after a naming word;
4. document level (:mod:`.document_level`): acronyms, aliases, organisations by use,
   names found again, the longer of two overlapping names.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc

from pipeline.core.document import body_start, text_of
from pipeline.core.lexicon import alternation
from pipeline.extractors.names import rules
from pipeline.extractors.names.candidates import Quote, Run, Token, find_quotes, find_runs, tokenize
from pipeline.extractors.names.context import Context, Name
from pipeline.extractors.names.descriptors import VERB_WINDOW, apposition, is_descriptor_noun, verb_category
from pipeline.extractors.names.document_level import (
    longest,
    repeated,
    with_acronyms_and_aliases,
    with_kind_from_noun,
    with_report_acronyms,
    without_publishers,
)
from pipeline.extractors.names.headless import name_with_prefix, names_from_headless
from pipeline.extractors.names.heads import (
    final_head,
    first_preposition,
    head_of,
    is_other_noun,
    report_year,
    strip_leading,
)
from pipeline.extractors.names.lexicon import (
    ACTION_NOUNS,
    DESCRIPTOR_AFTER,
    DESCRIPTOR_BEFORE,
    DESCRIPTORS,
    FACILITY_CUE,
    FUNDRAISING_CUE,
    GENERIC_NAMES,
    HEADLINE_VERBS,
    HOLIDAY_NAMES,
    KIND_NOUNS,
    MARKET_CUE,
    MONTH_YEAR_AFTER,
    NAME_PREFIXES,
    OBSERVANCE_TIME_BEFORE,
    ORGANISATION_APPOSITION,
    PERIOD_AFTER,
    PERIOD_NOUN,
    PERIOD_NOUN_WORD,
    PLACE_LENGTHS,
    PLACE_NAMES,
    PUBLICATION_CUE,
    REPORT_TITLE_BEFORE,
    RESULTS_PERIOD_AFTER,
    ROLE_WORDS,
    SEPARATING_PREPOSITIONS,
    SUBTITLE,
    THEME_CUE,
    TITLED_BEFORE,
    VENUE_CUE,
    Category,
    descriptor_category,
)

CACHE_KEY = "pressfacts_names"
VERSION_AFTER = re.compile(r"^[”″\"’]?\s*\(\s*(?:version|ver\.?|v\.?)\s*(?P<version>\d+(?:\.\d+)*)\s*\)", re.IGNORECASE)
YEAR_OF_AFTER = re.compile(r"^\s+of\s+(?P<year>(?:19|20)\d\d)\b")
# `the 2015 edition of the Harbour Report`: the edition's year is the report's.
EDITION_YEAR_BEFORE = re.compile(r"\b(?i:the)\s+(?P<year>(?:19|20)\d\d)\s+edition\s+of\s+(?:the\s+)?$")
# Report years: `(2022)`, `(2021-2025)` after the title, `2022 ` before it, and inside the title at its
# end (`Report 2020-21`), at its start, or before its last word (`2023 Results`).
BRACKET_YEAR_AFTER = re.compile(r"^[ \t]*\((?P<year>(?:19|20)\d\d(?:[-–](?:(?:19|20)\d\d|\d\d))?)\)")
# `Harbour Openness Index (HOI) 2031`: the edition year after the title's acronym
ACRONYM_YEAR_AFTER = re.compile(r"^[ \t]*\([A-Z][A-Z0-9&]+\)[ \t]+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)")
LEADING_YEAR_BEFORE = re.compile(r"(?<![\w.,])(?P<year>(?:19|20)\d\d)[ \t]$")
THE_BEFORE = re.compile(r"\bThe[ \t]$")
QUOTES_COORDINATED = re.compile(r",?\s+and\s+|,\s+")  # `"A" and "B" ...`
INSIDE_LONGER_NAME = re.compile(r"^\)[ \t]+[A-Z]")
# A phase or stage after a programme's head stays in its name (`Rooftop Programme Phase-II`).
PHASE = re.compile(r"(?:Phase|Stage)(?:[-–](?:[IVX]+|\d+))?")
ROMAN_OR_NUMBER = re.compile(r"[IVX]+|\d+")
# A lower-case noun right after a name (one space): `the Delta Zone programme`, `the Harbour
# Games mascot`.
NOUN_AFTER = re.compile(r"^[ \t](?P<noun>[a-z][a-z-]*)\b")
# A name in brackets right after another name explains it (`the Delta Medal (Junior Prize)`).
NAME_BRACKET_BEFORE = re.compile(r"[A-Z][\w'’-]*[ \t]*\($")
# `(cat. no. 6202.0)`, `(Catalogue 5206.0)` after a statistics office's title.
COMMA_YEAR_AFTER = re.compile(r"^,[ \t]+(?:19|20)\d\d(?:[-–]\d\d)?\b")
CATALOGUE_AFTER = re.compile(r"^\s*\(\s*(?:cat\.|catalogue)\s*(?:no\.|number)?\s*\d[\w.-]*\s*\)", re.IGNORECASE)
TITLE_QUOTE_AFTER = re.compile(r"^[:,]?\s?[“\"‘«]")
# A quoted name with no head, descriptor or verb, after `of` (`the development of "..."`):
# a named programme or policy if it is short.
OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
DEFAULT_QUOTED_WORDS = 6
# A symbol or digit glued to a word (`US$`, `A$5`): the word belongs to an amount.
AMOUNT_GLUED_AFTER = re.compile(r"[$€£¥₹\d]")
FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
# `Outlook for the Quarter`: a title ending in `for the` and a period (not `Book of the Year`)
FOR_PERIOD_END = re.compile(rf"\b(?i:for)\s+(?i:the)\s+(?:\w+\s+)?{PERIOD_NOUN}$")
PERIOD_WORD = re.compile(rf"\b{PERIOD_NOUN}\b")
CAPITALISED_WORDS = re.compile(r"[ \t]*(?:[A-Z][\w'’-]*[ \t]+)*")
NEXT_DESCRIPTOR = re.compile(rf"[ \t](?P<descriptor>{alternation(DESCRIPTORS)})\b", re.IGNORECASE)


def find_names(doc: Doc) -> list[Name]:
    """Every report and initiative name in ``doc`` (cached on the Doc: both extractors use it)."""
    cached = doc.user_data.get(CACHE_KEY)
    if cached is None:
        cached = [vars(name) for name in _find_names(doc)]
        doc.user_data[CACHE_KEY] = cached
    return [Name(**name) for name in cached]


def _find_names(doc: Doc) -> list[Name]:
    text = text_of(doc)
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
    for run in find_runs(text, tokens, quotes, masked, context.is_plural_noun):
        for title in (_colon_title(run, context), _catalogued_title(run, previous, context)):
            if title is not None:
                names.append(title)
        before, previous = previous, run
        titled = _titled_name(run, context)
        if titled is not None:
            names.append(titled)
        elif _has_head(run):
            names.extend(_with_main_title(name, run, before, context) for name in _names_from_run(run, context))
        else:
            headless.append(run)
    names.extend(names_from_headless(headless, context))
    names = longest(names)
    names = with_report_acronyms(with_acronyms_and_aliases(names, quotes, context), context)
    names = with_kind_from_noun(longest(names + repeated(names, context)), context)
    return sorted(without_publishers(names, context), key=lambda n: (n.start, n.end))


# --- quotes -------------------------------------------------------------------------------


def _name_from_quote(quote: Quote, quotes: list[Quote], context: Context) -> list[Name]:
    if context.acts_as_organisation(quote.open):
        return []
    classified = _quote_category(quote, quotes, context)
    if classified is None:
        return []
    category, rule = classified
    if category.cls not in ("report", "initiative"):
        return []
    if category.cls == "report":
        year = report_year(quote.text)
        return [Name(quote.start, quote.end, "report", "", rule.name, year, _version_after(quote.close_end, context))]
    return [Name(quote.start, quote.end, "initiative", category.kind, rule.name)]


def _quote_category(quote: Quote, quotes: list[Quote], context: Context) -> tuple[Category, rules.Rule] | None:
    descriptor = _descriptor_after(quote, quotes, context)
    if descriptor is not None:
        return descriptor, rules.QUOTE_DESCRIPTOR
    if REPORT_TITLE_BEFORE.search(context.before(quote.open, 80)):
        return Category("report"), rules.DESCRIPTOR_QUOTE  # a report's theme after its title
    before = DESCRIPTOR_BEFORE.search(context.before(quote.open, 40))
    if before is not None:
        if before.group("titled"):
            return Category("report"), rules.TITLED_QUOTE
        return descriptor_category(before.group("descriptor")), rules.DESCRIPTOR_QUOTE
    # `"Title: Subtitle"` and `"Title" (version 2.0)` are written like documents.
    if ":" in quote.text or _version_after(quote.close_end, context):
        return Category("report"), rules.QUOTE_DOCUMENT_FORM
    words = tokenize(quote.text)
    head = head_of(words)
    if head is not None:
        if head[1] - head[0] == len(words) or is_generic(words):
            return None  # `(the "Index")`: a generic head alone names nothing
        return head[2], rules.QUOTE_HEAD
    # `"Title", a set of guidelines on ...` (the comma may stand inside the quote).
    comma = "," if "," in context.text[quote.end : quote.close_end] else ""
    described = apposition(quote.close_end, context, comma)
    if described is not None:
        return described, rules.QUOTE_APPOSITION
    verb = verb_category(context.before(quote.open, VERB_WINDOW))
    if verb is not None:
        return verb, rules.QUOTE_VERB
    if 2 <= len(quote.words) <= DEFAULT_QUOTED_WORDS and OF_BEFORE.search(context.before(quote.open, 8)):
        return Category("initiative", "program"), rules.OF_QUOTE
    return None


def _descriptor_after(quote: Quote, quotes: list[Quote], context: Context) -> Category | None:
    """The descriptor after the quote, or after the next quote it is coordinated with
    (`"A" and "B" cooperation mechanisms`)."""
    after = context.after(quote.close_end)
    match = DESCRIPTOR_AFTER.match(after)
    if match is not None and is_descriptor_noun(match, quote.close_end, context):
        # `" awards competition`: the last of two descriptors heads the phrase
        last = NEXT_DESCRIPTOR.match(after, match.end())
        return descriptor_category((last or match).group("descriptor"))
    following = [q for q in quotes if q.open > quote.close_end]
    if following and QUOTES_COORDINATED.fullmatch(context.text[quote.close_end : following[0].open]):
        return _descriptor_after(following[0], quotes, context)
    return None


# --- runs ---------------------------------------------------------------------------------


def _names_from_run(run: Run, context: Context):
    tokens = strip_leading(run, context)
    # `Acme Announces Fourth Quarter Results`: the name starts after the headline verb.
    head = head_of(tokens)
    # (an all-caps headline's too: `ACME ANNOUNCES ...`)
    verbs = [i for i, t in enumerate(tokens[: head[0] if head else 0]) if t.text.capitalize() in HEADLINE_VERBS]
    if verbs:
        tokens = tokens[verbs[-1] + 1 :]
    if not tokens:
        return
    final = final_head(tokens)
    if final is not None and final.kind == "facility" and VENUE_CUE.search(context.before(tokens[0].start, 20)):
        return  # `at the X Expo and Convention Centre`: a venue, the whole of it
    prefix_head = head_of(tokens) if tokens[0].text in NAME_PREFIXES else None  # a prefix is a head noun
    if prefix_head is not None and prefix_head[0] == 0:
        prefixed = name_with_prefix(tokens, context)  # `Project Blue Reef`: the head opens the name
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
    return head_of(run.tokens, skip) is not None


def _split_coordination(tokens: list[Token]) -> list[list[Token]]:
    """`A Report 2020 and B Report 2020` is two names: split at `and` when both sides end
    with a head noun, of the same class or with `the` after `and`, and the right side has
    words before its head (`Trade and Shipping Summit` stays one); `A Scheme and the
    Centre`: a lone head after `and the` is another thing, named apart."""
    for i, token in enumerate(tokens):
        if token.text != "and":
            continue
        left, right = tokens[:i], tokens[i + 1 :]
        joined_by_the = bool(right) and right[0].text == "the"  # `A Organisation and the B Programme`
        if joined_by_the:
            right = right[1:]
        left_head, right_head = final_head(left), final_head(right)
        if left_head is not None and left_head.cls == "organisation" and right_head is not None and not joined_by_the:
            return [left]  # `the Ocean Bank and International Reserve Fund`: two bodies, no fund
        same_class = left_head is not None and right_head is not None and left_head.cls == right_head.cls
        right_found = head_of(right)
        # `X Festival and Fun Run`: a bare head after `and` names nothing of its own
        right_named = right_found is not None and right_found[0] > 0
        # `A Partnership for Education and the B Compact`: the left name may end in a complement.
        the_apart = joined_by_the and right_found is not None and head_of(left) is not None
        if len(right) >= 2 and (right_named or joined_by_the) and (same_class or the_apart):
            return [left] + _split_coordination(right)
        if joined_by_the and len(right) == 1 and left_head is not None and right_head is not None:
            return [left, right]
    return [tokens]


def _without_article(tokens: list[Token]) -> list[Token]:
    """The words after a preposition without a leading `the` and ordinal (`in the 17th X`,
    `In Seventeenth X`)."""
    while tokens and (tokens[0].text.lower() == "the" or tokens[0].is_ordinal) and len(tokens) > 1:
        tokens = tokens[1:]
    return tokens


def _separates(tokens: list[Token], i: int) -> bool:
    """`in`/`at`/`with` start a new name (capitalised inside a Title-Case headline: `Runners
    Take Part In Delta Marathon Festival`), except `in` after a gerund opening the name
    (`Investing in Delta Infrastructure Program`: one name; not `Coinciding with the X Day`)."""
    word = tokens[i].text.lower() if i > 0 else tokens[i].text
    if word not in SEPARATING_PREPOSITIONS:
        return False
    if word == "in" and _award_field_after(tokens, i):
        return False
    return not (i == 1 and word == "in" and tokens[0].text.endswith("ing") and tokens[0].is_capitalised)


def _award_field_after(tokens: list[Token], i: int) -> bool:
    """`Harbour Prize in Astronomy`: an award's field after `in` names a prize of its own
    (GUIDELINE: a sub-prize is an award); not a place (`Harbour Prize in Norvia`)."""
    if i < 2 or i + 1 >= len(tokens) or not tokens[i + 1].is_capitalised:
        return False
    category = final_head(tokens[:i])
    if category is None or category.kind != "award":
        return False
    return not _place_length(tokens, i + 1)


def _role(words: tuple[str, ...]) -> bool:
    """An office, also in the plural (`Chief Executive Officers of the X Programme`)."""
    return words in ROLE_WORDS or (bool(words) and words[:-1] + (words[-1].removesuffix("s"),) in ROLE_WORDS)


def _split_at_separator(tokens: list[Token]) -> list[list[Token]]:
    """`Future Harbour Pavilion in Hall 3`: a name ending with its head before `in`/`at`/
    `with` is a name of its own; what follows the preposition is looked at apart."""
    for i, _ in enumerate(tokens):
        if _separates(tokens, i) and i >= 2 and final_head(tokens[:i]) is not None:
            rest = tokens[i + 1 :]
            return [tokens[:i]] + _split_at_separator(_without_article(rest))
    return [tokens]


def _name_from_tokens(tokens: list[Token], run: Run, context: Context) -> Name | None:
    skip = frozenset(i for i, t in enumerate(tokens) if run.tokens.index(t) in run.bracketed | run.quoted)
    head = head_of(tokens, skip)
    if head is None:
        return None
    h_start, h_end, category = head
    separator = max((i for i in range(h_start) if _separates(tokens, i)), default=None)
    if separator is not None:  # `Newcastle in FA Cup`: the name starts after `in`
        rest = tokens[separator + 1 :]
        return _name_from_tokens(_without_article(rest), run, context)
    preposition = first_preposition(tokens)
    if preposition is not None and preposition == h_end and _kind_of_named(tokens, preposition):
        return _name_from_tokens(tokens[preposition + 1 :], run, context)
    if preposition is not None and h_start > preposition:
        # `Secretary-General of the X`: a role in an organisation; `Blue Books for the X`,
        # `from Island to Central Park`: X is named apart; `Light of Harbour Expo`, `Nutrition
        # for Growth Compact`: one name.
        if any(_role(tuple(t.text for t in tokens[k:preposition])) for k in range(preposition)):
            return None  # `Director for Regulations`, `Agency Head of X`: an office
        rest = tokens[preposition + 1 :]
        measure = preposition == 1 and tokens[0].is_acronym and tokens[0].text.isalpha()  # `GDP of X New Area`
        # `Extension of Venue Support Scheme`, `Nominations for Harbour Prize`: an action done to
        # the programme named after `of` or `for`
        action = preposition == 1 and tokens[0].text in ACTION_NOUNS and tokens[1].text in ("of", "for")
        # `to` ends a route (`from Harbour Island to Central Park`) or a sentence's opening
        # capital (`Visitors to Expo 2031`), and `to the` names what follows (`Response to
        # the Harbour Review`); otherwise it is inside the name (`Access to Water Index`,
        # `Bridge to Work Fund`)
        to_apart = bool(rest) and (
            rest[0].text == "the"
            or context.sentence_initial(tokens[0].start)
            or FROM_BEFORE.search(context.before(tokens[0].start, 8)) is not None
        )
        if (
            (tokens[preposition].text == "to" and to_apart)
            or measure
            or action
            or (
                rest
                and rest[0].text == "the"
                and (_names_a_thing(tokens[:preposition]) or context.sentence_initial(tokens[0].start))
            )
        ):
            return _name_from_tokens(_without_article(rest), run, context)
        h_start = 0
    end = _name_end(tokens, h_end, preposition, run, category, context)
    if end == h_end:  # not after a year: `Expo 2031 Lagos` is `Expo 2031`
        end = _place_end(tokens, end, context)
    if (
        end == h_end
        and end < len(tokens)
        and is_other_noun(tokens[end])
        and run.tokens.index(tokens[end]) not in run.bracketed
        and "\n" not in context.text[tokens[end - 1].end : tokens[end].start]
    ):
        # `New Warehouse Construction`: the head noun modifies another noun (not after a year,
        # `Expo 2020 Dubai`, nor at a line end, `... Results\nRevenue rose`)
        return None
    end = _phase_end(tokens, end)
    name_tokens = tokens[:end]
    if not name_tokens:
        return None
    single = len(name_tokens) < 2 and not _run_is_quoted(name_tokens, run)
    # `Acme plc Results for half year ended 30 September 2031`: the headline's period completes it
    if single and not (
        category.cls == "report"
        and _results_period(context.text, name_tokens[0].start, name_tokens[0].end, context) is not None
    ):
        return None
    if INSIDE_LONGER_NAME.match(context.after(name_tokens[-1].end, 4)):
        return None  # `Health Act (Miscellaneous Provisions) Bill`: part of a longer name
    if context.tag(name_tokens[0]) == "JJS":
        return None  # `Australia's Largest Wind Farm`: a superlative describes, it names nothing
    if category.cls == "report":
        return _report_from_tokens(name_tokens, context)
    if category.cls != "initiative" or is_generic(name_tokens):
        return None  # `Press Conference`, `Media Centre`: nothing named
    start, stop = name_tokens[0].start, name_tokens[-1].end
    if context.acts_as_organisation(start) or ORGANISATION_APPOSITION.match(context.after(stop, 60)):
        return None  # `hosted by the X Forum`, `the X Awards, an organization dedicated to`
    if NAME_BRACKET_BEFORE.search(context.before(start, 30)):
        return None  # `the Delta Medal (Junior Prize)`: a category, not another award
    if category.is_day and OBSERVANCE_TIME_BEFORE.search(context.before(start, 40)):
        return None  # `launched on World Harbour Day`: the day as a time, a date
    noun_kind = _noun_after(stop, context)
    if category.kind == "facility" and not _is_established_facility(start, context):
        return None
    # `X Challenge, a 5km fundraising run`: the apposition says what the name is (not `X
    # Expo, an important platform for ...`: anything can be called a platform).
    described = apposition(stop, context)
    kind = category.kind
    if described is not None and described.cls == "initiative" and described.kind != "platform":
        kind = described.kind
    if kind == "competition" and FUNDRAISING_CUE.search(context.sentence(start)):
        kind = "event"  # `the X Swim Challenge raised £2m`: a fund-raising event, not a contest
    if noun_kind is not None:  # `the Delta Growth Zone programme`: a programme
        return Name(start, stop, "initiative", noun_kind, rules.TITLE_HEAD_KIND_NOUN.name)
    return Name(start, stop, "initiative", kind, rules.TITLE_HEAD.name)


def _kind_of_named(tokens: list[Token], preposition: int) -> bool:
    """`Sponsored Scheme of Clean Harbours Mission`: an initiative's head before `of` and one of
    the same kind ending three or more words after it: the words before `of` say what kind of
    scheme the named one is (not `Festival of Lights`, `Programme of Harbour Works`)."""
    left, right = final_head(tokens[:preposition]), final_head(tokens[preposition + 1 :])
    return (
        tokens[preposition].text == "of"
        and left is not None
        and right is not None
        and left.cls == right.cls == "initiative"
        and left.kind == right.kind
        and len(tokens) - preposition > 3
    )


def _noun_after(end: int, context: Context) -> str | None:
    """The kind a lower-case programme noun right after a name gives it (`programme`,
    `scheme`, `initiative` ...: `data/kind_nouns.tsv`): `the Delta Growth Zone
    programme` is a programme. Other nouns leave the name as it is (`Delta Award winners`:
    an award used attributively is still named)."""
    match = NOUN_AFTER.match(context.after(end, 30))
    if match is None or match.group("noun") not in KIND_NOUNS:
        return None
    category = descriptor_category(match.group("noun"))
    return category.kind if category.cls == "initiative" and category.kind == "program" else None


def _place_end(tokens: list[Token], end: int, context: Context) -> int:
    """`Brand Summit South Africa`, `Khalifa Industrial Zone Abu Dhabi`: a country or city
    right after the head stays in the name."""
    length = _place_length(tokens, end)
    # not the next line's dateline (`... Third Quarter Results\nMUSCAT, 1 Nov`)
    if not length or "\n" in context.text[tokens[end - 1].end : tokens[end].start]:
        return end
    return end + length


def _place_length(tokens: list[Token], start: int) -> int:
    """How many words from ``start`` name a country or city (the longest), else 0."""
    for length in PLACE_LENGTHS:
        words = tokens[start : start + length]
        if len(words) == length and " ".join(t.text for t in words).lower() in PLACE_NAMES:
            return length
    return 0


def _phase_end(tokens: list[Token], end: int) -> int:
    """`Rooftop Wind Programme Phase-II`, `... Plan Phase 2`: a phase after the head."""
    if end < len(tokens) and PHASE.fullmatch(tokens[end].text):
        if "-" in tokens[end].text or "–" in tokens[end].text:
            return end + 1
        if end + 1 < len(tokens) and ROMAN_OR_NUMBER.fullmatch(tokens[end + 1].text):
            return end + 2
    return end


def _names_a_thing(tokens: list[Token]) -> bool:
    """Words before `of the`/`for the` that name a thing of their own, so that the name
    after them starts anew (`Blue Books for the X Conference`): they end with a head noun or
    its plural. Otherwise one name (`Champions of the Sea Award`), unless they open the
    sentence (`Winners of the X Award`: a capital that says nothing)."""
    if not tokens:
        return False
    last = tokens[-1].text
    return final_head(tokens) is not None or (
        last.endswith("s") and final_head([tokens[-1]._replace(text=last[:-1])]) is not None
    )


def is_generic(tokens: list[Token]) -> bool:
    """The words are a generic phrase (`data/generic_names.txt`); with an edition year they
    name one edition (`the 2031 Annual Report`). A holiday is a date, with its year or without."""
    words = [t.text.lower() for t in tokens]
    undated = words[:-1] if words and words[-1].isdigit() else words  # `Christmas Day 2022` is the holiday
    return " ".join(words) in GENERIC_NAMES or " ".join(undated) in HOLIDAY_NAMES


def _run_is_quoted(tokens: list[Token], run: Run) -> bool:
    return any(run.tokens.index(t) in run.quoted for t in tokens)


def _name_end(
    tokens: list[Token], h_end: int, preposition: int | None, run: Run, category: Category, context: Context
) -> int:
    """How many of ``tokens`` the name keeps: the head, then an `of`/`for`/`on`/`to` complement
    right after it (an award's field after `in` too), or else a year or number after it. `to` after an award names who won it
    (`awarded the Harbour Medal to Lebanese actor ...`), and `to US$` an amount."""
    end = h_end
    to_recipient = (
        preposition == h_end
        and tokens[preposition].text == "to"
        and (category.kind == "award" or AMOUNT_GLUED_AFTER.match(context.after(tokens[-1].end, 2)) is not None)
    )
    if preposition is not None and preposition == h_end and not to_recipient:
        # `Partnership for Education and the X Compact`: `and the` starts another name.
        last = next(
            (i for i in range(h_end, len(tokens) - 1) if tokens[i].text == "and" and tokens[i + 1].text == "the"),
            len(tokens),
        )
        while last > end and (tokens[last - 1].is_function_word or run.tokens.index(tokens[last - 1]) in run.bracketed):
            last -= 1
        return last
    if end < len(tokens) and tokens[end].text == "in" and _award_field_after(tokens, end):
        return len(tokens)  # `Harbour Prize in Astronomy`: a prize of its own
    if (
        end + 1 < len(tokens)
        and run.tokens.index(tokens[end]) in run.bracketed
        and tokens[end].is_acronym
        and tokens[end + 1].is_year
    ):
        return end + 2  # `Norvia Water Prize (NWP) 2032`: the edition's year after the name's acronym
    while (
        end < len(tokens)
        and (tokens[end].is_number or tokens[end].is_year)
        and run.tokens.index(tokens[end]) not in run.bracketed
    ):
        end += 1
    return end


def _report_from_tokens(tokens: list[Token], context: Context) -> Name | None:
    text = context.text
    if len(tokens) > 2 and tokens[-1].is_number and not tokens[-1].is_year:
        # `Interim Report 1 January-30 September 2031`: the number opens the period after it
        if PERIOD_AFTER.match(text[tokens[-2].end : tokens[-2].end + 60]):
            tokens = tokens[:-1]
    start, end = tokens[0].start, tokens[-1].end
    after = context.after(end, 4)
    if TITLE_QUOTE_AFTER.match(after) and (is_generic(tokens) or not after.startswith(",")):
        # `Regional Report: 'Title'`, `Annual Review 'Title'`: the quote is the title; after a
        # comma it is the theme of a title of its own (`Harbour Report on Africa, "Theme"`)
        return None
    sentence = context.sentence(start)
    if any(t.text == "Index" for t in tokens):
        if MARKET_CUE.search(sentence) or any(t.is_number and not t.is_year for t in tokens):
            return None
    # `UNEF Ocean Health Report`: a publisher's acronym before two or more title words (not
    # years: `ESG Report 2023`, nor another acronym) stays out.
    title_words = [t for t in tokens[1:] if not t.is_year]
    named_by_acronyms = len(tokens) > 1 and tokens[1].text.isupper()  # `INTERREG VA Programme Guide`: one name
    # an acronym before a number names a thing (`KLP 40`, a licence or block), not a publisher
    publisher = (
        tokens[0].text.isalpha()
        and tokens[0].text.isupper()
        and len(tokens[0].text) >= 2
        and not (len(tokens) > 1 and tokens[1].is_number)
    )
    # `The 2031 HOA World Oil Outlook`: an edition year before the acronym keeps both in the title
    year_first = LEADING_YEAR_BEFORE.search(text[max(0, start - 6) : start]) is not None
    if publisher and len(title_words) >= 2 and not named_by_acronyms and not year_first:
        tokens = tokens[1:]
        start = tokens[0].start
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
    bracket_year = BRACKET_YEAR_AFTER.match(text[end : end + 12]) or ACRONYM_YEAR_AFTER.match(text[end : end + 20])
    if bracket_year:
        end += bracket_year.end()
        year = year or bracket_year.group("year")
    month_year = MONTH_YEAR_AFTER.match(text[end : end + 20]) if not year else None
    period = PERIOD_AFTER.match(text[end : end + 60]) if not year else None
    if month_year and not report_year(text[start:end]):  # `Activities Report September 2024`
        end += month_year.end()
        year = month_year.group("year")
    elif period:  # `Interim Report for 1 January - 30 June 2016`, `Interim Report Q1/2014`
        end += period.end()
        year = period.group("year") or period.group("year2") or period.group("year3") or ""
    elif (results := _results_period(text, start, end, context)) is not None:
        end += results.end()
        year = results.group("year")
    if not year and is_generic(tokens):
        return None  # `Annual Report`, `White Paper`: no title without its owner or edition
    if _is_period_heading(text, start, end, context):
        return None
    if not year and FOR_PERIOD_END.search(text, start, end) and _below_headline(start, context):
        return None  # `Outlook for the Quarter ending ...`: a section on a period, no title
    if not year:
        year = report_year(text[start:end])
    if not year:
        year_of = YEAR_OF_AFTER.match(text[end : end + 12]) or EDITION_YEAR_BEFORE.search(
            text[max(0, start - 40) : start]
        )
        year = year_of.group("year") if year_of else ""
    return Name(start, end, "report", "", rules.TITLE_REPORT_HEAD.name, year, _version_after(end, context))


def _with_main_title(name: Name, run: Run, before: Run | None, context: Context) -> Name:
    """`Harbours for People: A Decade of Port Statistics Review`: a report whose run follows
    `Title: ` takes the title before the colon (two or more words) in."""
    if name.cls != "report" or before is None or len(before.tokens) < 2:
        return name
    if (
        context.text[before.end : run.start] != ": "
        or name.start != (strip_leading(run, context) or run.tokens)[0].start
    ):
        return name
    tokens = strip_leading(before, context)
    return replace(name, start=tokens[0].start) if len(tokens) >= 2 else name


def _titled_name(run: Run, context: Context) -> Name | None:
    """`a report entitled Harbours and People in a World of Ten Ports`: an unquoted run of two
    or more words right after `entitled`/`titled`/`subtitled` is a report's title."""
    if len(run.tokens) < 2 or TITLED_BEFORE.search(context.before(run.start, 20)) is None:
        return None
    return Name(
        run.start, run.end, "report", "", rules.TITLED_NAME.name, report_year(context.text[run.start : run.end])
    )


def _colon_title(run: Run, context: Context) -> Name | None:
    """`available in Port Statistics: Harbours, Freight and Storage`: an unquoted
    `Title: Subtitle` after a publication cue is a report."""
    subtitle = SUBTITLE.match(context.after(run.end, 200))
    if subtitle is None or len(run.tokens) < 2:
        return None
    tokens = strip_leading(run, context)
    if not tokens:
        return None
    start, end = tokens[0].start, run.end + subtitle.end("subtitle")
    if (
        PUBLICATION_CUE.search(context.before(start, 40)) is None
        and CATALOGUE_AFTER.match(context.after(end, 40)) is None
    ):
        return None
    return Name(start, end, "report", "", rules.TITLE_SUBTITLE_CUE.name, report_year(context.text[start:end]))


def _catalogued_title(run: Run, previous: Run | None, context: Context) -> Name | None:
    """`Labour Force, Australia (cat. no. 6202.0)`, `Population Growth, 2019-20 (cat. no.
    3218.0)`: a title before a catalogue number is a report, with a run before it joined by
    a comma, or with a comma and its year."""
    end = run.end
    comma_year = COMMA_YEAR_AFTER.match(context.after(end, 12))
    if comma_year is not None:
        end += comma_year.end()
    if CATALOGUE_AFTER.match(context.after(end, 40)) is None:
        return None
    tokens = strip_leading(run, context)
    if previous is not None and context.text[previous.end : run.start] == ", ":
        tokens = strip_leading(previous, context) or tokens
    if len(tokens) > 1 and context.pos(tokens[0]) == "VERB":  # `See Building Activity (cat. ...)`
        tokens = tokens[1:]
    if not tokens:
        return None
    start = tokens[0].start
    return Name(start, end, "report", "", rules.TITLE_CATALOGUE.name, report_year(context.text[start:end]))


def _results_period(text: str, start: int, end: int, context: Context) -> re.Match | None:
    """The period after a results title in the release's headline (`Results for the nine
    months ended 30 June 2031`; `... Third Quarter` + ` ended September 30, 2031`); a section
    heading in the body (`Outlook for the Quarter ending ...`) is no title."""
    if _below_headline(start, context):  # the headline: the body's first line
        return None
    match = RESULTS_PERIOD_AFTER.match(text[end : end + 80])
    if match is None or not (match.group("period") or PERIOD_NOUN_WORD.search(text, start, end)):
        return None  # `Third Quarter Report to 31 March 2031`: a period noun names what ends
    return match


def _is_period_heading(text: str, start: int, end: int, context: Context) -> bool:
    """`Third Quarter 2031 Financial Results` on a line of its own below the headline: a
    section heading that names the period reported on, a date and no report (the headline's
    own results title is one)."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    # the line holds the title alone, after words of the heading the title left out (`Third`)
    alone = (
        CAPITALISED_WORDS.fullmatch(text, line_start, start) is not None
        and not text[end : len(text) if line_end < 0 else line_end].strip()
    )
    return alone and _below_headline(start, context) and PERIOD_WORD.search(text, start, end) is not None


def _below_headline(start: int, context: Context) -> bool:
    """``start`` is past the release's headline (the body's first line)."""
    return "\n" in context.text[body_start(context.doc) : start].strip()


def _version_after(offset: int, context: Context) -> str:
    match = VERSION_AFTER.match(context.after(offset, 30))
    return match.group("version") if match else ""


def _is_established_facility(start: int, context: Context) -> bool:
    """A named centre is an initiative when opened or established, not when it is a venue."""
    if VENUE_CUE.search(context.before(start, 20)):
        return False
    return FACILITY_CUE.search(context.sentence(start)) is not None


def category_of(text: str) -> Category | None:
    """The head-noun category of a name given on its own (leading articles, ordinals and
    years ignored): for candidates found by other means, such as a statistical NER."""
    tokens = tokenize(text)
    while tokens and (
        tokens[0].is_function_word or tokens[0].is_ordinal or tokens[0].is_number or tokens[0].text == "The"
    ):
        tokens.pop(0)
    head = head_of(tokens)
    return head[2] if head is not None else None
