"""Names without a head noun: coined words with a descriptor (`ACME gadget show`), names
with their acronym after a verb, names in apposition with a descriptor (`X 2023, the
world's largest connectivity event`, `its developer platform, X, which`), names before a
kind noun (`the X Y scheme`), names opened by a naming word (`Project X`) and a word with
an edition year before an event verb (`VELOX 2025 closes`).
"""

from __future__ import annotations

import re
from itertools import takewhile

from pipeline.extractors.names import rules
from pipeline.extractors.names.candidates import Run, Token, tokenize
from pipeline.extractors.names.context import Context, Name
from pipeline.extractors.names.descriptors import VERB_WINDOW, apposition, is_descriptor_noun, verb_category
from pipeline.extractors.names.document_level import initials
from pipeline.extractors.names.heads import is_other_noun, report_year, strip_leading
from pipeline.extractors.names.lexicon import (
    AGENT_AFTER,
    APPOSITION_BEFORE,
    APPOSITION_BEFORE_END,
    DESCRIPTOR_AFTER,
    DESCRIPTORS,
    DETERMINER_BEFORE,
    EVENT_CUE_BEFORE,
    EVENT_VERB_AFTER,
    HOLIDAY_NAMES,
    INTRODUCTORY_BEFORE,
    JOB_WORDS,
    KIND_NOUNS,
    MEDIA_CUE,
    NAME_PREFIXES,
    NATIONALITY_WORDS,
    ORDINAL_EDITION_BEFORE,
    PUBLICATION_CUE,
    PUBLICATION_CUE_AFTER,
    YEAR_NAMES,
    descriptor_category,
)
from pipeline.extractors.numbers.numbers import SCALES

# `Phase I`, `Stage 2`, `Round Three`: a numbered stage or round, no name of its own
NUMBERED_STAGE = re.compile(r"(?:Phase|Stage|Round)[ \t-]+(?:[IVX]+|\d+|One|Two|Three|Four|Five)")
CAMEL_CASE = re.compile(r"[a-z][A-Z]")
DASHED_CAPITALS = re.compile(r"[A-Z]\w*[-–][A-Z]\w*")
SINGLE_WORD_NAME_END = (",", ".", ";")
COPULA_AFTER = re.compile(r"\s+(?:is|was)\s")
QUOTE_MARKS = '“”"‘’″«»„'


# A number right before a word: the word is its unit (`the 30 MWAC plant`), no coined name.
NUMBER_BEFORE = re.compile(r"\d[ \t]?\Z")
# A kind noun one title-cased word may name (`sole` in data/kind_nouns.tsv) right after a word:
# the cheap test before a single word is read as a name (`the Kestrel project`).
SOLE_KIND_AFTER = re.compile(rf"[ \t](?:{'|'.join(noun for noun, when in KIND_NOUNS.items() if when == 'sole')})\b")
# `the A, B and C projects`: a plural kind noun after the last of coordinated names.
PLURAL_KIND_NOUN = re.compile(r"^[ \t]+(?P<noun>[a-z]+)s\b")
COORDINATION_GAP = re.compile(r",[ \t]*(?:and[ \t]+)?|[ \t]+and[ \t]+")


def _coordinated_before_kind_noun(runs: list[Run], stripped: list[list[Token]], context: Context) -> list[Name]:
    """`the North Reef 2, Sand Bay and Cape Mill projects`: two or more names without a head,
    coordinated before a plural kind noun after a determiner, each a name of that kind;
    ``stripped``: each run's words without its leading ones (:func:`.heads.strip_leading`)."""
    names: list[Name] = []
    for i, run in enumerate(runs):
        noun = PLURAL_KIND_NOUN.match(context.after(run.end, 30))
        if noun is None or noun.group("noun") not in KIND_NOUNS:
            continue
        category = descriptor_category(noun.group("noun"))
        if category.cls != "initiative":
            continue
        first = i
        while first > 0 and COORDINATION_GAP.fullmatch(context.text[runs[first - 1].end : runs[first].start]):
            first -= 1
        listed = [part for tokens in stripped[first : i + 1] for part in _split_at_and(tokens)]
        # each of two words or more: single capitalised words may be common nouns (`the Trade
        # and Shipping programmes`)
        if len(listed) < 2 or any(len(part) < 2 for part in listed):
            continue
        if DETERMINER_BEFORE.search(context.before(listed[0][0].start, 40)) is None:
            continue
        names += [Name(t[0].start, t[-1].end, "initiative", category.kind, rules.NAME_KIND_NOUN.name) for t in listed]
    return names


# `four trade fairs of the year – A, B and C`, `events such as A and B`: a plural descriptor
# opening a list of names (a dash, a colon, `such as`, `including`)
LIST_OPENING = re.compile(
    r"\b(?P<noun>[a-z]+)s\b(?:[ \t]+of[ \t]+the[ \t]+year)?[ \t]*(?:[–—:]|,?[ \t]+(?:such[ \t]+as|including|namely))[ \t]+$"
)


def _listed_after_kind_noun(runs: list[Run], stripped: list[list[Token]], context: Context) -> list[Name]:
    """`the four first trade fairs of the year – NORVEX, TOP MARINE, PortWein and EuroDOCK –`:
    names listed after a plural descriptor, each a name of its kind; a single word only where
    its form makes it a name (capitals, camel case), as common words may be listed too."""
    names: list[Name] = []
    i = 0
    while i < len(runs):
        opening = LIST_OPENING.search(context.before(runs[i].start, 60))
        noun = opening.group("noun") if opening else ""
        if not noun or noun not in DESCRIPTORS or descriptor_category(noun).cls != "initiative":
            i += 1
            continue
        kind = descriptor_category(noun).kind
        last = i
        while last + 1 < len(runs) and COORDINATION_GAP.fullmatch(context.text[runs[last].end : runs[last + 1].start]):
            last += 1
        listed = [part for tokens in stripped[i : last + 1] for part in _split_at_and(tokens) if part]
        if len(listed) >= 2 and all(len(part) >= 2 or _is_coined(part[0]) for part in listed):
            names += [Name(t[0].start, t[-1].end, "initiative", kind, rules.LISTED_AFTER_KIND.name) for t in listed]
        i = last + 1
    return names


def _split_at_and(tokens: list[Token]) -> list[list[Token]]:
    """`Sand Bay and Cape Mill` -> `Sand Bay`, `Cape Mill` (a run joins names over `and`)."""
    parts: list[list[Token]] = [[]]
    for token in tokens:
        if token.text == "and":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def names_from_headless(runs: list[Run], context: Context) -> list[Name]:
    """Names without a head noun: a coined word used as the name of a thing of some kind
    everywhere it stands (`ACME gadget show`, `CloudHarvest AI platform`); a name with its
    acronym after a verb (`promoting Coastal Growth Compact (CGC)`); a name in
    apposition with a descriptor (`X 2023, the world's largest connectivity event`, `its
    developer platform, X, which`); a name before a kind noun (`the X Y scheme`)."""
    stripped = [strip_leading(run, context) for run in runs]
    names = _coordinated_before_kind_noun(runs, stripped, context) + _listed_after_kind_noun(runs, stripped, context)
    listed = {name.start for name in names}
    for run, tokens in zip(runs, stripped, strict=True):
        if tokens and tokens[0].start in listed:
            continue
        if not tokens or any(run.tokens.index(t) in run.quoted for t in tokens):
            continue
        start = tokens[0].start
        if context.acts_as_organisation(start) or context.before(start, 2).strip() in tuple(QUOTE_MARKS):
            continue
        # a name in capitals of several words is named as a whole (`HARBOUR WATCH initiative`),
        # not by its first word
        all_capitals = len(tokens) > 1 and all(t.text.isupper() for t in tokens)
        coined = None if all_capitals else _coined_with_descriptor(tokens[0], context)
        if coined is not None:
            names.append(coined)
            continue
        prefixed = name_with_prefix(tokens, context)
        if prefixed is not None:
            names.append(prefixed)
            continue
        if run.tokens.index(tokens[-1]) in run.bracketed:
            acronym, words = tokens[-1], tokens[:-1]
            verb = verb_category(context.before(start, VERB_WINDOW))
            if (
                words
                and words[-1].text not in JOB_WORDS  # `attended by Principal Secretary (PS)`: an office
                and verb is not None
                and verb.cls == "initiative"
                and initials(context.text[start : words[-1].end]) == acronym.text
            ):
                names.append(Name(start, words[-1].end, "initiative", verb.kind, rules.NAME_ACRONYM_VERB.name))
            elif (before_noun := _name_before_kind_noun(tokens, context)) is not None:
                names.append(before_noun)  # `the Powering Harbours Together (PHT) program`
            continue
        end = tokens[-1].end
        # (not an acronym: `the 20th edition of the CPI` may be an index's)
        if (
            ORDINAL_EDITION_BEFORE.search(context.before(start, 40))
            and not all(t.is_acronym for t in tokens)
            and _may_be_a_name(run, tokens, context)
        ):
            names.append(Name(start, end, "initiative", "event", rules.ORDINAL_EDITION.name))
            continue
        if (
            len(tokens) == 1
            and context.after(end, 1) not in SINGLE_WORD_NAME_END
            and not COPULA_AFTER.match(context.after(end, 5))
        ):
            # a single word is named only in an apposition (`X, the ... fair`, `X is a ...`, `its
            # platform, X.`) or before a kind noun that allows it (`the Kestrel project`)
            sole = _name_before_kind_noun(tokens, context) if SOLE_KIND_AFTER.match(context.after(end, 16)) else None
            if sole is not None:
                names.append(sole)
            continue
        if not _may_be_a_name(run, tokens, context):
            # `its flagship report, The Harbour Atlas 2031.`: a capital `The` in a sentence
            # belongs to a report's title.
            if run.tokens[0].text == "The":
                titled = _name_after_descriptor([run.tokens[0], *tokens], context)
                if titled is not None and titled.cls == "report":
                    names.append(titled)
            continue
        described = apposition(end, context, start=start) if all(t.text != "and" for t in tokens) else None
        if described is not None and described.cls in ("report", "initiative"):
            if not _opens_sentence_with_preposition(start, context):
                year = report_year(context.text[start:end]) if described.cls == "report" else ""
                names.append(Name(start, end, described.cls, described.kind, rules.NAME_APPOSITION.name, year))
            continue
        named = (
            _word_and_year(tokens)
            or _name_before_kind_noun(tokens, context)
            or _name_after_descriptor(tokens, context)
            or _edition_before_event_verb(tokens, context)
        )
        if named is not None:
            names.append(named)
    return names


def name_with_prefix(tokens: list[Token], context: Context) -> Name | None:
    """`Project Blue Reef`, `Operation Safe Harbour`: a naming word (`data/name_prefixes.tsv`)
    and capitalised words; the name ends before a headline verb (`Project X Opens`)."""
    kind = NAME_PREFIXES.get(tokens[0].text)
    if kind is None or len(tokens) < 2 or tokens[1].text in JOB_WORDS:
        return None
    end = 1
    while end < len(tokens) and tokens[end].is_capitalised and is_other_noun(tokens[end]):
        end += 1
    if end < 2 or context.acts_as_organisation(tokens[0].start):
        return None
    return Name(tokens[0].start, tokens[end - 1].end, "initiative", kind, rules.PREFIX_NAME.name)


def _word_and_year(tokens: list[Token]) -> Name | None:
    """`Vision 2035`, `Horizon 2040` (`data/year_names.tsv`): a programme named by its target year."""
    if len(tokens) != 2 or not tokens[1].is_year or tokens[0].text not in YEAR_NAMES:
        return None
    return Name(tokens[0].start, tokens[1].end, "initiative", YEAR_NAMES[tokens[0].text], rules.WORD_YEAR.name)


def _edition_before_event_verb(tokens: list[Token], context: Context) -> Name | None:
    """`VELOX 2024 closes with ...`, `Paris 2024 opened`: one or two words and an edition
    year before a verb of an event; a coined word and a year after an event cue (`unveiled
    at VELOX 2025 in Lisbon`, `data/event_cues_before.txt`)."""
    tokens = list(takewhile(lambda t: not t.is_function_word, tokens))
    if not 2 <= len(tokens) <= 3 or not tokens[-1].is_year or any(t.is_year or t.is_number for t in tokens[:-1]):
        return None
    start, end = tokens[0].start, tokens[-1].end
    if EVENT_VERB_AFTER.match(context.after(end, 30)) is not None:
        return Name(start, end, "initiative", "event", rules.EDITION_EVENT_VERB.name)
    coined = len(tokens) == 2 and _is_coined(tokens[0]) and len(tokens[0].text) >= 3
    if (coined or _recurring_two_words(tokens, context)) and EVENT_CUE_BEFORE.search(context.before(start, 30)):
        return Name(start, end, "initiative", "event", rules.EVENT_CUE_EDITION.name)
    return None


def _recurring_two_words(tokens: list[Token], context: Context) -> bool:
    """`attended Harbour Meets 2031 ... Harbour Meets offers`: two capitalised words before
    the edition year that the release writes again without it name the event, as a coined
    word does (a one-off `at Spring Review 2031` is left alone)."""
    if len(tokens) != 3 or not all(t.is_capitalised for t in tokens[:2]):
        return False
    return len(context.occurrences(context.text[tokens[0].start : tokens[1].end], exact=True)) >= 2


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


def _name_before_kind_noun(tokens: list[Token], context: Context) -> Name | None:
    """`the Clean Rivers Now programme`, `its earlier Green Roofs scheme`: a name of two or
    more words after `the` or a possessive and before a kind noun (`data/kind_nouns.tsv`)
    that ends the noun phrase (not `campaign group`), not a broadcast (`BBC Radio's X
    programme`). Before `campaign`, `plan` ... the name must read like a title (three or
    more words, a function word or a number: `Walk for Water`), unlike the party or team
    behind it (`the Liberal Party campaign`); before `report`, a publication cue stands. A
    run opening a sentence is cut after its last inner `the` (`Tickets for the X Y fair`)."""
    end = after = tokens[-1].end
    if (
        len(tokens) > 2
        and tokens[-1].is_acronym
        and context.text[tokens[-1].start - 1 : after + 1] == f"({tokens[-1].text})"
    ):
        # `the Powering Harbours Together (PHT) program`: the acronym defines the name
        tokens, after = tokens[:-1], after + 1
        end = tokens[-1].end
    inner_the = [i for i, t in enumerate(tokens[:-1]) if t.text == "the"]
    if inner_the and DETERMINER_BEFORE.search(context.before(tokens[0].start, 40)) is None:
        tokens = tokens[inner_the[-1] + 1 :]
    start = tokens[0].start
    match = DESCRIPTOR_AFTER.match(context.after(after))
    if match is None:
        return None
    noun = " ".join(match.group("descriptor").split())
    if noun not in KIND_NOUNS or not is_descriptor_noun(match, after, context):
        return None  # also a capitalised noun: `the Cape Coast international Conference Centre`
    if len(tokens) < 2 and not _sole_word_name(tokens[0], noun, context):
        return None
    following = tokenize(context.after(after + match.end(), 20))
    if (
        following
        and following[0].start == 1
        and following[0].text.islower()
        and context.pos(
            Token(after + match.end() + 1, after + match.end() + 1 + len(following[0].text), following[0].text)
        )
        == "NOUN"
    ):
        return None
    before = context.before(start, 40)
    if DETERMINER_BEFORE.search(before) is None or MEDIA_CUE.search(before):
        return None
    if KIND_NOUNS[noun] == "titled" and len(tokens) < 3 and not any(t.is_function_word or t.is_number for t in tokens):
        return None
    if NUMBERED_STAGE.fullmatch(context.text[start:end]):
        return None  # `the Phase I project`: a numbered stage of a scheme, no name (GUIDELINE)
    category = descriptor_category(noun)
    if category.cls == "report":
        published = PUBLICATION_CUE_AFTER.match(context.after(after + match.end(), 20)) is not None
        if PUBLICATION_CUE.search(before) is None and not published:
            return None
        return Name(start, end, "report", "", rules.NAME_KIND_NOUN.name, report_year(context.text[start:end]))
    return Name(start, end, "initiative", category.kind, rules.NAME_KIND_NOUN.name)


def _sole_word_name(token: Token, noun: str, context: Context) -> bool:
    """`the Kestrel project`, `Norvia's Brightwater scheme`: one title-cased word names it
    where its noun allows (`sole` in ``data/kind_nouns.tsv``), it is no acronym, number, place or people,
    and every use of the word in the release, in the same letters, stands before such a noun; a
    firm's or a common noun's word is also used alone (`the Acme project ... Acme said`,
    `the Healthcare initiative ... healthcare`)."""
    if KIND_NOUNS[noun] != "sole" or token.is_acronym or token.is_number or token.is_function_word:
        return False
    if not token.text[:1].isupper() or token.text.lower() in NATIONALITY_WORDS:
        return False  # `the Kenya programme`, `the Italian scheme`
    written = re.sub(r"['’]s?(?=\s)", "", " ".join((context.before(token.start, 30) + token.text).lower().split()))
    if any(written.endswith(holiday) for holiday in HOLIDAY_NAMES):
        return False  # `a New Year's Eve programme`
    for start, end in context.occurrences(token.text):
        following = DESCRIPTOR_AFTER.match(context.after(end))
        if context.text[start:end] != token.text or following is None:
            return False
        if following.group("mods") or " ".join(following.group("descriptor").split()) not in KIND_NOUNS:
            return False
    return True


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
        if not context.sentence_initial(match.start("the")) or context.after(end, 1) != ",":
            return None
    elif APPOSITION_BEFORE_END.match(context.after(end, 12)) is None:
        return None
    category = descriptor_category(match.group("descriptor"))
    if category.cls == "report":
        return Name(start, end, "report", "", rules.DESCRIPTOR_NAME.name, report_year(context.text[start:end]))
    if category.cls != "initiative":
        return None
    return Name(start, end, "initiative", category.kind, rules.DESCRIPTOR_NAME.name)


def _coined_with_descriptor(token: Token, context: Context) -> Name | None:
    """A coined word followed by a descriptor wherever it stands in the document, or by the
    same initiative descriptor at two or more of its occurrences and acting as nothing else
    (`the HarbourLink project ... deliver HarbourLink ... the HarbourLink project`)."""
    if not _is_coined(token) or (token.is_acronym and len(token.text) < 3):
        return None
    if NUMBER_BEFORE.search(context.before(token.start, 16)):
        return None  # `the 30 MWAC plant`: a unit after its number
    category = None
    described = undescribed = 0
    for start, end in context.occurrences(token.text, exact=True):
        descriptor = DESCRIPTOR_AFTER.match(context.after(end))
        if descriptor is None or not is_descriptor_noun(descriptor, end, context):
            if context.acts_as_organisation(start) or AGENT_AFTER.match(context.after(end, 30)):
                return None  # `..., said HarbourLink`, `HarbourLink announced`: a company
            undescribed += 1
            continue
        described += 1
        # `US investment fund Acme Capital`: the descriptor introduces another name.
        following = tokenize(context.after(end + descriptor.end(), 30))
        if following and following[0].start <= 1 and following[0].is_capitalised:
            return None
        noun = " ".join(descriptor.group("descriptor").lower().split())
        if noun.endswith("s") and noun[:-1] in DESCRIPTORS:  # `ACR awards`: given by ACR, not named
            return None
        if any(w.lower() in SCALES for w in descriptor.group("mods").split()):
            return None  # `AED40 million project`: an amount, not a name
        category = category or DESCRIPTORS[noun]
    if category is None or category.cls != "initiative" or (undescribed and described < 2):
        return None
    return Name(token.start, token.end, "initiative", category.kind, rules.COINED_DESCRIPTOR.name)


def _is_coined(token: Token) -> bool:
    """An acronym (`ACME`), a camel-case word (`CloudHarvest`) or a dashed capitalised word
    (`K–Bridge`): a name by its form, unlike a place or a person."""
    text = token.text
    return (
        token.is_acronym
        or (text[0].isupper() and CAMEL_CASE.search(text) is not None)
        or DASHED_CAPITALS.fullmatch(text) is not None
    )
