"""Token checks near date candidates (only there: the rules themselves run on the text).

- A bare 4-digit number is a year unless its neighbours say it is a count, an
  amount or part of a name (`2023 visitors`, `some 2000`, `Expo 2022`).
- `a day` after a count or `once`/`times` is a rate, not a duration, also when the count's
  material comes between (`2 million litres of water a day`).
- `this milestone year` is a year only when the middle word is an adjective or noun.
- A capitalised `Today` inside a sentence is a title (`Radio 4's Today programme`).
- A bare weekday points the way of the nearest verb: past tense or participle -> on or
  before the document date, `will` or a plan (`set to resume`) -> on or after, any
  other verb -> the nearest such day; a year-less date leans the same way, and ahead
  after a deadline word (`until 30 September`, `effective Feb. 1`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Doc, Token

from pipeline.core.document import document_date
from pipeline.core.sentences import Sentences
from pipeline.extractors.dates.lexicon import GENERIC_PRESENT_NOUNS, HOLIDAYS, MONTHS, SEASONS, WEEKDAYS, read_rows
from pipeline.extractors.dates.patterns import Candidate
from pipeline.extractors.dates.values import (
    Direction,
    Half,
    Interval,
    Quarter,
    Value,
    Weekday,
    YearPart,
    map_year_less,
    year_less,
)

# Words before a number that make it a count (`some 2000`), some only before a noun (`over 2000 people`).
COUNT_CUES = {word: when for word, when in read_rows("count_cues.txt")}
# Words before `a day` / `a year` that make it a rate (`twice a year`, `barrels a day`).
RATE_CUES = {row[0] for row in read_rows("rate_cues.txt")}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
# Verbs of planning whose `to` / `for` points ahead (`set to resume`, `scheduled for`).
FUTURE_CUES = {row[0] for row in read_rows("future_cues.txt")}
# Proper-noun tags whose word is itself a date word (`December 2023` is not a name).
DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(HOLIDAYS) | {"fiscal", "fy"}
# Years from the document's within which a year before a noun stays a year (`announces 2031 winners`).
NEAR_DOCUMENT_YEARS = 10
# Tags before a year followed by a noun that keep it a year (`the 2023 summit`, `in 2023 sales`).
YEAR_CUE_TAGS = {"DT", "PRP$", "POS", "IN", "TO", "JJ", ",", "-LRB-", "``", "''", ":", "HYPH"}


def _tokens(doc: Doc, candidate: Candidate) -> tuple[Token | None, Token | None]:
    """The tokens just before and just after the candidate."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return None, None
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return before, after


def _is_year(doc: Doc, candidate: Candidate) -> bool:
    before, after = _tokens(doc, candidate)
    noun_after = after is not None and after.tag_ in ("NN", "NNS") and after.is_lower
    if before is not None:
        cue = COUNT_CUES.get(before.lower_)
        if (
            cue == "always"
            or (cue == "before-noun" and noun_after)
            or before.text in ("$", "€", "£", "¥", "#", "No.", "No")
        ):
            return False
        if (
            before.tag_ in ("NNP", "NNPS")
            and before.text[:1].isupper()
            and not before.is_sent_start
            and before.lower_.rstrip(".") not in DATE_WORDS
        ):
            return False  # a year after a name belongs to it (`Expo 2022`, `Horizon 2020`)
    value = candidate.value
    if noun_after and isinstance(value, YearPart) and isinstance(value.year, int) and value.year < 1900:
        return False  # `in 1000 cases`: old years need no noun after them
    if after is not None:
        if after.lower_ in ("%", "percent", "per"):
            return False
        if noun_after and not _near_document_year(doc, value):
            if after.tag_ == "NNS" and (before is None or before.tag_ not in YEAR_CUE_TAGS):
                return False  # `1950 visitors`
            if before is not None and before.tag_ not in YEAR_CUE_TAGS:
                return False  # `spent 2000 yuan`
    return True


def _near_document_year(doc: Doc, value: object) -> bool:
    """A year within a few of the document's: before a noun it is the year (`announces 2031
    winners`, `over 2030 numbers`), as releases write counts of thousands with a separator
    (no count in the real gold is a bare number in the years around its release)."""
    anchor = document_date(doc)
    return (
        anchor is not None
        and isinstance(value, YearPart)
        and isinstance(value.year, int)
        and abs(value.year - anchor.year) <= NEAR_DOCUMENT_YEARS
    )


def _is_duration_not_rate(doc: Doc, text: str, candidate: Candidate) -> bool:
    """Not a rate (`twice a year`), nor `one day` meaning some day (`could one day become`)."""
    surface = text[candidate.start : candidate.end]
    before, after = _tokens(doc, candidate)
    if re.fullmatch(r"(?i)one\s+day", surface):
        return not (
            (before is not None and before.tag_ in ("MD", "PRP", "RB"))
            or (after is not None and after.tag_ in ("VB", "VBZ", "VBP", "VBD"))
        )
    if not re.match(r"(?i)an?\s", surface):
        return True
    if before is not None and before.lower_ == "in" and before.i > 0:
        before = before.nbor(-1)  # `once in a year`: the frequency word before `in`
        return before.lower_ not in RATE_CUES
    before = _quantity_before_material(before)
    return before is None or not (before.lower_ in RATE_CUES or before.tag_ in ("NNS", "CD"))


def _quantity_before_material(before: Token | None) -> Token | None:
    """The quantity's head where `before` ends its material (`2 million litres of water a
    day`: `litres`), so the rate is read from the quantity; otherwise `before` itself."""
    if before is None or before.tag_ not in ("NN", "NNP"):
        return before
    word = before
    for _ in range(3):  # `of crude oil`, `of treated waste water`
        if word.i == 0:
            return before
        word = word.nbor(-1)
        if word.lower_ == "of":
            head = word.nbor(-1) if word.i > 0 else None
            return head if head is not None and head.tag_ in ("NNS", "CD") else before
        if word.tag_ not in ("NN", "NNP", "JJ", "VBN"):
            return before
    return before


def is_kept(doc: Doc, text: str, candidate: Candidate) -> bool:
    """The token checks the candidate's rule asks for (see the flags of
    :class:`~pipeline.extractors.dates.fragments.Rule`). ``text`` is ``doc.text``, read
    once by the caller (spaCy rebuilds it on every access)."""
    rule = candidate.rule
    if candidate.modifier:
        return True  # a modifier already says it is a date (`mid-2023`, `early today`)
    if rule.bare_year:
        return _is_year(doc, candidate)
    if rule.may_be_rate:
        return _is_duration_not_rate(doc, text, candidate)
    if rule.described_year:
        return _describes_the_year(doc, candidate)
    if rule.may_be_title_or_generic:
        return _is_not_a_title(doc, text, candidate) and not _is_generic(doc, candidate)
    if rule.may_be_count:
        _, after = _tokens(doc, candidate)
        return after is None or after.tag_ != "NNS"
    return True


NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")


def _is_generic(doc: Doc, candidate: Candidate) -> bool:
    """`today's youth`, `many of today's personal computers`, `the engineers of tomorrow`:
    the present or the future in general, not a day. The head noun decides: plural, a
    proper noun or a word of ``data/generic_present_nouns.txt``; `today's ruling` is
    the day."""
    before, after = _tokens(doc, candidate)
    if after is not None and after.tag_ == "POS":
        head = None
        for token in doc[after.i + 1 :]:
            if token.tag_ in NOUN_TAGS:
                head = token
            elif not (token.tag_ in ("JJ", "VBN", "VBG") and head is None):
                break
        return head is not None and _is_generic_head(head)
    if before is not None and before.lower_ == "of" and before.i > 0 and (after is None or after.tag_ != "POS"):
        return _is_generic_head(doc[before.i - 1])
    return False


def _is_generic_head(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNP", "NNPS") or token.lemma_.lower() in GENERIC_PRESENT_NOUNS


def _is_not_a_title(doc: Doc, text: str, candidate: Candidate) -> bool:
    """A capitalised `Today` inside a sentence is a name (`Radio 4's Today programme`,
    the song `What Happens Tomorrow`); at a sentence start it is the day."""
    if not text[candidate.start].isupper():
        return True
    before, _ = _tokens(doc, candidate)
    return before is None or not any(ch.isalnum() for ch in before.text) or bool(doc[before.i + 1].is_sent_start)


def _describes_the_year(doc: Doc, candidate: Candidate) -> bool:
    """`this milestone year`: the middle word is a common adjective or noun."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return span is not None and len(span) == 3 and span[1].tag_ in ("JJ", "NN")


def tense(
    doc: Doc, sentences: Sentences, candidate: Candidate, reporting_period: bool = False, any_verb: bool = True
) -> Direction:
    """BEFORE when the verb nearest the candidate is past, AFTER when it points ahead, else NEAREST.

    Past: a past tense (`met Monday`) or a participle (`shares issued July 1`). Ahead: a
    future modal and its verb (`will end on Sunday`), a planning verb before `to` / `for`
    and its infinitive (`set to resume Monday`, `scheduled for Friday`), `will be` + a
    participle. Any other verb (`must follow from July 1`) leaves the nearest reading.
    For a quarter or half only past tenses and modals count: `expects to report
    third-quarter results` reports a past quarter."""
    if not doc.has_annotation("TAG"):
        return Direction.NEAREST
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return Direction.NEAREST
    plans = not reporting_period
    verbs = [
        t
        for t in sentences.span(candidate.start)
        if t.tag_ == "VBD" or is_future(t, plans) or (plans and any_verb and is_finite_or_participle(t))
    ]
    if not verbs:
        return Direction.NEAREST
    nearest = min(verbs, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end + 1)))
    if is_future(nearest, plans):
        return Direction.AFTER
    if nearest.tag_ == "VBN":
        auxiliary = nearest.nbor(-1) if nearest.i > 0 else None
        if auxiliary is not None and auxiliary.tag_ in ("VB", "VBZ", "VBP") and auxiliary.lemma_ == "be":
            # `is expected on Wednesday`, `to be discussed in June`, `will be named`
            future = auxiliary.i > 0 and is_future(auxiliary.nbor(-1), plans=False)
            return Direction.AFTER if future else Direction.NEAREST
        return Direction.BEFORE  # `shares issued July 1`, `was introduced in April`, `have fallen since May`
    return Direction.BEFORE if nearest.tag_ == "VBD" else Direction.NEAREST


def is_finite_or_participle(token: Token) -> bool:
    """A verb that carries the tense of its clause: present (`runs`, `must follow`) or a
    participle; not a gerund or an infinitive (`rose on Thursday following news`,
    `took to the streets on Thursday to protest`), nor `be` / `have` themselves."""
    if token.lemma_ in ("be", "have"):
        return False
    if token.tag_ in ("VBZ", "VBP", "VBN"):
        return True
    return token.tag_ == "VB" and token.i > 0 and token.nbor(-1).tag_ == "MD"


def is_future(token: Token, plans: bool = True) -> bool:
    """A future modal (`will`, `shall`) or the verb right after one; with ``plans``, a
    planning verb before `to` / `for` and the infinitive after it (`set to resume`, `is to
    resume`, `scheduled for`)."""
    if token.tag_ == "MD":
        return token.lower_ in FUTURE_MODALS
    if token.tag_ == "VB" and token.i > 0 and token.nbor(-1).lower_ in FUTURE_MODALS:
        return True
    if not plans:
        return False
    if token.tag_ == "VB" and token.i > 1 and token.nbor(-1).lower_ == "to":
        return is_plan(token.nbor(-2)) or token.nbor(-2).lemma_ == "be"
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return is_plan(token) and following is not None and following.lower_ in ("to", "for")


def is_plan(token: Token) -> bool:
    """A planning verb, not in the past perfect (`had been expected to win` looks back)."""
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    return token.lemma_ in FUTURE_CUES and before not in ("had", "been")


# `open until 30 September`, `effective Feb. 1`, `by February`: a deadline lies ahead (with a
# past verb nearby, unless the nearest reading is over two months past).
DEADLINE = re.compile(r"\b(?P<word>by|until|till|through|due|effective|payable)\s+\Z", re.IGNORECASE)
# An effective or due date lies ahead even after a past verb (`created a new office, effective
# Feb. 1`); `by` / `until` / `through` only with no tense (`sales fell through June`).
FIRM_DEADLINES = {"due", "effective", "payable"}


def deadline(text: str, candidate: Candidate) -> str:
    """'firm', 'weak' or '' for the word just before the candidate."""
    m = DEADLINE.search(text, max(0, candidate.start - 12), candidate.start)
    if m is None:
        return ""
    return "firm" if m["word"].lower() in FIRM_DEADLINES else "weak"


# The direction a tense gives: a weekday on or before / after the document date; a hint for a
# year-less date, strict for a quarter or half (told in the past tense, it has begun).
WEEKDAY_WAY = {Direction.BEFORE: Direction.ON_OR_BEFORE, Direction.AFTER: Direction.ON_OR_AFTER}
HINT = {Direction.BEFORE: Direction.HINT_BEFORE, Direction.AFTER: Direction.HINT_AFTER}
STRICT_HINT = {Direction.BEFORE: Direction.HINT_ON_OR_BEFORE, Direction.AFTER: Direction.HINT_ON_OR_AFTER}


def with_direction(doc: Doc, text: str, sentences: Sentences, candidate: Candidate) -> Value:
    """A bare weekday points the way of the tense (on or before / on or after the document
    date); a year-less date, month or quarter leans that way (see the resolver's hints)."""
    value = candidate.value
    first = value.start if isinstance(value, Interval) else value
    if isinstance(first, Weekday) and is_bare_weekdays(value):  # a weekday, or the first day of a range
        way = tense(doc, sentences, candidate, any_verb=False)  # see tense(): weekdays go by past tenses
        if not way:
            return value
        leaned = Weekday(first.number, WEEKDAY_WAY[way])
        return Interval(leaned, value.end) if isinstance(value, Interval) else leaned
    parts = year_less(value)
    if not parts or parts[0].direction:
        return value
    reporting_period = isinstance(parts[0].part, (Quarter, Half))
    way = tense(doc, sentences, candidate, reporting_period)
    if way and reporting_period:
        hint = STRICT_HINT[way]
    elif (kind := deadline(text, candidate)) and (kind == "firm" or not way):
        hint = Direction.HINT_AFTER if way else Direction.HINT_ON_OR_AFTER  # ahead unless long past
    else:
        hint = HINT[way] if way else Direction.NEAREST
    return map_year_less(value, lambda part: replace(part, direction=hint), first_only=True)


def is_bare_weekdays(value: Value) -> bool:
    """`Friday` or `Friday to Sunday` with no direction yet."""
    sides = (value.start, value.end) if isinstance(value, Interval) else (value,)
    return all(isinstance(side, Weekday) and not side.direction for side in sides)
