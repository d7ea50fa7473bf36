"""Percentage mentions: a number with a percent or point unit, its kind and its sign.

Phase one, over ``doc.text``: one compiled regex finds a number (digits or words, a sign
attached) and the percent form after it (``data/forms.tsv``: `%`, `per cent`, `pct`,
`percentage points`, `bps` ...); the qualifier words before it come from the numbers
package (``qualifier_before``, its ``data/qualifiers.tsv``); a bare number opening a range
(`5-7%`, `between 5 and 7 percent`) takes the end's unit.
Phase two reads the words around each (no tags needed): a change word before it (`rose`,
`up`, `increased by`, `an increase of`), after it (`a 6% increase`, `7% year-on-year`) or
an attached sign makes it a ``change`` and gives its sign; otherwise it is a ``level``.
Bare `points` are percentage points only beside a change word in a sentence about a rate
(`the jobless rate fell 0.3 points`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, localcontext
from typing import NamedTuple

from spacy.tokens import Doc, Span

from pipeline.core.document import body_start, text_of
from pipeline.core.lexicon import DataDir, alternation
from pipeline.core.mentions import make_mention
from pipeline.core.sentences import Sentences
from pipeline.extractors.numbers.currencies import CIRCULATING, CURRENCIES
from pipeline.extractors.numbers.numbers import (
    BRACKET_CLOSES,
    DECIMAL_DIGITS,
    DIGITS,
    EXACT,
    LABELLED_BRACKET,
    SCALES,
    WORD_NUMBER,
    format_decimal,
    is_year,
    parse_number,
    qualifier_before,
    qualifier_symbol,
)

DATA = DataDir(__file__)

CHANGE, LEVEL = "change", "level"


@dataclass(frozen=True)
class Rule:
    """A rule: its name (a row's ``rule`` column) and the kind it gives; ``kind`` None: the
    kind of the range end it opens."""

    name: str
    kind: str | None


NUMBER_PERCENT = Rule("number+percent", LEVEL)  # `30% of exports`: no change word
SIGNED = Rule("signed+percent", CHANGE)  # `+19%`, `-0.6pps` (a table's change column)
CHANGE_WORD_BEFORE = Rule("change-word+percent", CHANGE)  # `rose 6%`, `up 9%`, `cut ... by 4%`
CHANGE_NOUN_OF = Rule("change-noun+of+percent", CHANGE)  # `an increase of 22 percent`
CHANGE_WORD_AFTER = Rule("percent+change-word", CHANGE)  # `a 12.5% increase`, `5% higher`
YEAR_ON_YEAR = Rule("percent+year-on-year", CHANGE)  # `7% year-on-year`
GROWTH = Rule("growth+percent", CHANGE)  # `growth eased to 2.7%`: a growth rate as a figure
COORDINATED = Rule("coordinated+percent", CHANGE)  # the `8%` of `rose 12% in Europe and 8% in Asia`
# `an increase of $19.6 million, or 10.6%`, `rose $557m (1%)`: the change an amount stated, as a percentage
RESTATED = Rule("change-amount+or+percent", CHANGE)
RANGE_START = Rule("range-start+percent", None)  # the `5` of `5-7%`
# `Revenue 449.9 547.0 (18%)`: a key-figures table's change column (a bracket is a fall)
TABLE_CHANGE = Rule("table-row+percent", CHANGE)
POINTS = Rule("points+change-word", CHANGE)  # `the jobless rate fell 0.3 points`
# `contributing 0.1 of a percentage point to the rate`: a point is the difference of two rates
POINT_DIFFERENCE = Rule("point+difference", CHANGE)
# `rose 12.5% (9.1%)`, `a margin of 21.4% (2023: -3.1%)`: the figure a year before, in brackets
# (a label before it allowed), is of the kind of the one it follows; its sign as written.
BRACKETED = Rule("bracketed-comparative+percent", None)
# `inflation was 2.1%, up from 2.0%`, `growth of 40%, followed by 31%`: a figure set against a
# change just given (`compared with`, `up from`, `followed by`) is the same change at another
# time or place, though `from` alone would make it a level; its sign as written.
COMPARED = Rule("compared+percent", CHANGE)
# `the increases in sales of its top products, namely, pumps (68.3%); valves (46.0%)`: a figure
# in brackets after an item of a list that a change noun introduces is that change
LISTED = Rule("listed-change+percent", CHANGE)
RULES = (
    NUMBER_PERCENT,
    SIGNED,
    CHANGE_WORD_BEFORE,
    CHANGE_NOUN_OF,
    CHANGE_WORD_AFTER,
    YEAR_ON_YEAR,
    GROWTH,
    COORDINATED,
    RESTATED,
    RANGE_START,
    TABLE_CHANGE,
    POINTS,
    POINT_DIFFERENCE,
    BRACKETED,
    COMPARED,
    LISTED,
)
RULE_NAMES = frozenset(rule.name for rule in RULES)


# --- language data ----------------------------------------------------------------
class Form(NamedTuple):
    unit: str  # `percent` or `point`
    factor: Decimal  # `bps` -> 0.01


_FORM_ROWS = DATA.rows("forms.tsv")
FORMS = {form.lower(): Form(unit, Decimal(factor)) for form, unit, factor, _ in _FORM_ROWS}
# `symbol` forms keep their case (`5pc`, not `11 PC`); words match in any case (`Per Cent`).
_SYMBOL_FORMS = [form for form, _, _, match in _FORM_ROWS if match == "symbol"]
_WORD_FORMS = [form for form, _, _, match in _FORM_ROWS if match != "symbol" and not form.endswith(".")]
# `per cent.`: the abbreviation's stop is the form's only where the sentence goes on after it
# (`up 12 per cent. on 2023`); before a capital or a line end it closes the sentence.
_DOTTED_FORMS = [form for form, _, _, match in _FORM_ROWS if match != "symbol" and form.endswith(".")]
SENTENCE_GOES_ON = r"(?=[,;:)]|[ \t]+[a-z])"


def _sign(written: str) -> int:
    """A data file's sign column: `-` a fall, else a rise."""
    return -1 if written == "-" else 1


CHANGE_BEFORE: dict[str, int] = {}
CHANGE_AFTER: dict[str, int] = {}
COMPARING_WORDS: list[str] = []  # `below`, `higher`: set a figure against another
for _word, _written_sign, _where, *_compares in DATA.rows("change_words.tsv"):
    if _where in ("before", "both"):
        CHANGE_BEFORE[_word] = _sign(_written_sign)
    if _where in ("after", "both"):
        CHANGE_AFTER[_word] = _sign(_written_sign)
    if _compares == ["compares"]:
        COMPARING_WORDS.append(_word)
SIGNED_MODIFIERS = {word: _sign(sign) for word, sign in DATA.rows("signed_modifiers.tsv")}
PARTICLE_VERBS = DATA.words("particle_verbs.txt")
MODIFIER_STOP_WORDS = DATA.words("modifier_stop_words.txt")
RATE_NOUNS = DATA.words("rate_nouns.txt")
_GROWTH_ROWS = DATA.rows("growth_nouns.txt")


def _growth_nouns(where: str) -> dict[str, int]:
    """The nouns of ``growth_nouns.txt`` of one scope (its third column), with their signs."""
    return {noun.lower(): _sign(sign) for noun, sign, scope in _GROWTH_ROWS if scope == where}


# a rate of change by its name (`inflation`): its figures are changes across commas too
# (`inflation, as reported in May, was 4.1%`)
SENTENCE_GROWTH_NOUNS = _growth_nouns("sentence")
GROWTH_NOUNS = _growth_nouns("clause") | SENTENCE_GROWTH_NOUNS
# What introduces a list of figures: a plural change noun (`the increases in ...`, `declines`) or
# a growth noun (`growth in ...`), with its sign
LIST_CHANGE_NOUNS = {w: sign for w, sign in CHANGE_AFTER.items() if w.endswith("s") and w != "less"} | GROWTH_NOUNS
# Nouns that make a change only as a copula's subject (`the decline in sales was 2.6%`).
SUBJECT_CHANGE_NOUNS = _growth_nouns("copula")
# Nouns that make a change only right after a word of a period (`the annual rate for bread`).
PERIOD_RATE_NOUNS = _growth_nouns("period")
PERIOD_WORDS = DATA.words("period_words.txt")
COPULAS = frozenset({"was", "were", "is", "are"})
COORDINATION_WORDS = DATA.words("coordination_words.txt")
# an article or `of` opens another noun phrase; a share verb makes the figure a share (a level)
GROWTH_STOPS = frozenset({"a", "an", "of"}) | DATA.words("share_verbs.txt")
PARTICLES = frozenset({"up", "down"})

NUMBER = rf"(?P<number>{DECIMAL_DIGITS}|{WORD_NUMBER})"
NOT_IN_NUMBER = r"(?<![\w.,:/+\-−–])"
# Not inside another number or word; a sign attached (`-6%`), or the end of a range (`5-7%`).
# an en dash glued to the number is a minus too (`(–5.5%)`, tables); after a digit it is a range
# Statistics offices bracket a sign before the figure (`(-)2.1%`, `(+)0.4%`)
SIGN = rf"(?:{NOT_IN_NUMBER}(?P<sign>[+\-−–]|\([+\-−–]\))|{NOT_IN_NUMBER}|(?<=\d[-–]))"
MINUS_SIGNS = ("-", "−", "–")
FORM = (
    rf"(?:\s?(?P<symbol>{alternation(_SYMBOL_FORMS)})(?![\w%])"
    rf"|(?:\s+|-)?(?P<word>(?i:{alternation(_DOTTED_FORMS)}){SENTENCE_GOES_ON}|(?i:{alternation(_WORD_FORMS)})(?![\w%])))"
)
PERCENT = re.compile(rf"{SIGN}{NUMBER}{FORM}")
# A comparative figure in brackets, after the percentage (`12.4 percent (11.9)`) or between
# its number and its form (`41.2 (39.8) percent`): a percentage of the same unit and kind.
COMPARATIVE = rf"[ \t]?\((?P<comparative_sign>[+\-−–])?(?P<comparative>{DECIMAL_DIGITS})\)"
# not the number of a percentage of its own (`(39.8) percent`, `(5)%`)
COMPARATIVE_AFTER = re.compile(rf"{COMPARATIVE}(?![ \t]?(?:%|(?i:per[ \t]?cent|percent|pct|pc)\b))")
COMPARATIVE_INSIDE = re.compile(rf"{SIGN}{NUMBER}{COMPARATIVE}{FORM}")
# Accounts write a negative figure in brackets before the sign (`(2.1)%`): not a comparative
# after another number (`41.2 (39.8) percent` above)
NEGATIVE_BRACKET = re.compile(rf"(?<![\d.,])(?<![\d.,][ \t])\((?P<number>{DECIMAL_DIGITS})\){FORM}")
# Where a bracket closes right after digits: only then can a comparative stand inside (a cheap
# search first, so the long pattern above runs on few texts).
BRACKETED_DIGITS = re.compile(r"\d\)")
# `half a percentage point`, `a quarter of a percentage point`, `0.1 of a percentage point`: a
# fraction of one point, in words or as a decimal
FRACTION_POINT = re.compile(
    r"(?<![\w.,-])(?:(?P<fraction>(?i:half|a\s+quarter\s+of|three\s+quarters\s+of))"
    rf"|(?P<number>{DECIMAL_DIGITS})\s+of)"
    r"\s+(?i:a)\s+(?P<word>(?i:percentage)[\s-]+(?i:point))\b"
)
FRACTIONS = {"half": "0.5", "a quarter of": "0.25", "three quarters of": "0.75"}
BARE_POINTS = re.compile(rf"{SIGN}(?P<number>{DIGITS})(?:\s+|-)(?P<word>points?)\b")
# A bare number and a range word right before a percentage: the range's start.
# A range's joint: a dash, `to` or `and` (`5-7%`, `5 to 7 percent`, `12.4% to 14.2%`).
RANGE_JOIN = r"\s*(?:[-–]|\s(?:to|and)\s)\s*"
RANGE_BEFORE = re.compile(rf"{SIGN}{NUMBER}{RANGE_JOIN}\Z")
_RANGE_WINDOW = 60
# `rented at 20% below market rent`: a figure set against another is a change, after `at` too
COMPARED_AFTER = re.compile(rf"\s+(?:{alternation(COMPARING_WORDS)})\s+(?:the\s+|a\s+|an\s+|its\s+|their\s+)?[a-z]")
YEAR_ON_YEAR_AFTER = re.compile(rf"\s*,?\s*(?i:{alternation(DATA.lines('year_on_year.txt'))})(?![\w/])")
# A key-figures table's row ending in its change: a label, this period's and the comparison's
# figures, then the percentage, the last cell of its line; an accounts' bracket around it is a
# fall and belongs to the span (`Revenue 449.9 547.0 (18%)`, `Capex 313.2 313.0 0.1%`).
TABLE_ROW = re.compile(r"[^\S\n]*[^\s\d][^\n]*?(?:[^\S\n]+\(?[-−–]?\d[\d,.]*\)?){2}[^\S\n]+(?P<open>\()?")
TABLE_ROW_END = re.compile(r"(?P<close>\))?[^\S\n]*(?:\n|\Z)")
# ... or its change column first, before the figures (`Revenue    28%    1 637.8    1 277.7`): a
# label of words, the percentage, then two or more figures to the line's end
TABLE_ROW_LABEL = re.compile(r"[^\S\n]*[^\W\d_][^\d\n]*[^\S\n]{2,}")
TABLE_FIGURES_AFTER = re.compile(
    r"(?:[^\S\n]{2,}\(?[-−–]?(?:\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d+)?|\d[\d.,]*)\)?){2,}[^\S\n]*(?:\n|\Z)"
)
# Words and punctuation marks, lower-cased by the readers below.
WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[^\w\s]")
# `rose to 5%`, `from 3% to 5%`: where it stands, a level; so is a share (`accounting for 54%`)
LEVEL_BEFORE = frozenset({"to", "from", "at", "for"})
_WINDOW = 120
_WORD_REACH = 20  # characters back to the word before a figure
MAX_ADVERBS = 2  # `rose sharply by 6%`, `climbed a further 4%`
ADVERBS = frozenset({"a", "some", "by"})
# Words right before a number that say nothing of its kind: skipped before the cues are read
# (`an increase of just 9%`, `fell by between 10% and 15%`, `rose a seasonally adjusted 0.5%`).
TRANSPARENT = frozenset({"just", "only", "between", "further", "another", "adjusted"})
# `growing at a rate of 20%`, `growth was at an annual rate of 4%`, `grew at rates of 7%`: the
# rate phrase is skipped too.
RATE_PHRASE_WORDS = frozenset({"at", "a", "an", "average"}) | PERIOD_WORDS
BY_REACH = 10  # words back from `by` to its verb: `reduced its share of the market by 4%`
IN_SUBJECT_REACH = 4  # words of a change's subject between `in` and `of`: `a fall in group sales of 3%`
LIST_OPENER = re.compile(r"(?i:\bnamely\b|\bincluding\b)|:(?!\d)")
_LIST_REACH = 400  # characters back from a figure to its sentence's start and list opener
LIST_NOUN_REACH = 16  # words back from a list's opener to the change noun that introduces it
# words back from a copula to its subject, which may say what changed and when (`the change in
# the price index between May 2031 and June 2031 was 0.4%`)
SUBJECT_REACH = 16
TARGET_NOUNS = frozenset({"target", "targets", "range", "objective", "mid-point", "midpoint"})
SENTENCE_BREAKS = frozenset(".!?;:|•·")
CLAUSE_BREAKS = frozenset(',;:()[]|•·.!?"“”')
SENTENCE_END = re.compile(r"[.!?](?:\s|\Z)|\n")
BRACKET_AFTER = re.compile(LABELLED_BRACKET)
# `increased by + 57%`: a plus written apart from the number is its sign (not in the span)
SPACED_PLUS_BEFORE = re.compile(r"(?<![\w.,%])\+[ \t]\Z")
# `a 12.4% to 14.2% increase`: a range of two percentages; the words after its end apply to both
RANGE_END_AFTER = re.compile(rf"{RANGE_JOIN}{SIGN}{NUMBER}{FORM}")
RANGE_GAP = re.compile(RANGE_JOIN)
COMPARED_LINK = re.compile(
    r"\b(?i:compared\s+(?:with|to)|as\s+against|against|versus|vs\.?|up\s+from|down\s+from|followed\s+by)\s*\Z"
)
PARALLEL_PREPOSITIONS = frozenset({"in", "for", "on", "at"})
_LINK_REACH = 60  # characters back from a figure to the previous one's end, for a link
# A name in quotes between two figures (`31% in 'Glass, tiles and bricks' and 12%`) is read as
# one word: its own lower-case words and commas do not part the figures.
QUOTED = re.compile(r"(?<!\w)(?:'[^'\n]{1,80}'|‘[^’\n]{1,80}’|\"[^\"\n]{1,80}\"|“[^”\n]{1,80}”)(?!\w)")


class Found(NamedTuple):
    """A number with its percent form, before its kind is read."""

    start: int  # the qualifier's start, else the sign's or number's
    end: int
    number: str
    sign: str  # `-`, `+` or ''
    form: Form
    qualifier: str | None


def extract_percentages(doc: Doc) -> list[dict]:
    text = text_of(doc)
    begin = body_start(doc)
    mentions: list[dict] = []
    taken: list[tuple[int, int]] = []
    for item, comparative in _found_with_comparatives(text, begin):
        opening = _range_start(text, begin, item, taken)
        cue_start = opening.start if opening is not None else item.start
        previous = mentions[-1] if mentions and not SENTENCE_END.search(text, mentions[-1]["end"], cue_start) else None
        if (
            previous is not None
            and BRACKET_AFTER.fullmatch(text, previous["end"], item.start)
            and BRACKET_CLOSES.match(text, item.end)
        ):
            mentions.append(_mention(text, item, BRACKETED, 1, previous["kind"]))
            taken.append((item.start, item.end))
            continue
        row = _table_row_change(text, item)
        if row is not None:
            mentions.append(_mention(text, row[0], TABLE_CHANGE, row[1]))
            taken.append((row[0].start, row[0].end))
            continue
        rule, sign = _kind(text, begin, cue_start, item, previous)
        if rule is NUMBER_PERCENT and _compared_with_change(text, cue_start, previous):
            rule, sign = COMPARED, 1
        elif rule is NUMBER_PERCENT and (listed := _listed_change(text, begin, item)) is not None:
            rule, sign = LISTED, listed
        mentions.append(_mention(text, item, rule, sign))
        taken.append((item.start, item.end))
        if opening is not None:
            mentions.append(_mention(text, opening, RANGE_START, sign if rule.kind == CHANGE else 1, rule.kind))
            taken.append((opening.start, opening.end))
        if comparative is not None:
            mentions.append(_mention(text, comparative, rule, sign))
            taken.append((comparative.start, comparative.end))
    for match in FRACTION_POINT.finditer(text, begin):
        fraction = match.group("fraction")
        number = FRACTIONS[" ".join(fraction.lower().split())] if fraction else match.group("number")
        item = Found(match.start(), match.end(), number, "", Form("point", Decimal(1)), None)
        rule, sign = _kind(text, begin, item.start, item)
        mentions.append(_mention(text, item, rule, sign))
    sentences: Sentences | None = None  # read only when bare points are found
    for match in BARE_POINTS.finditer(text, begin):
        item = _found(text, begin, match, Form("point", Decimal(1)))
        if any(s < item.end and item.start < e for s, e in taken):
            continue
        rule, sign = _kind(text, begin, item.start, item)
        sentences = sentences or Sentences(doc)
        # bare `points` need a change word: that a point is a difference says nothing here
        if rule.kind == CHANGE and rule != POINT_DIFFERENCE and _about_a_rate(sentences.span(item.start)):
            mentions.append(_mention(text, item, POINTS, sign))
    return sorted(mentions, key=lambda m: (m["start"], m["end"]))


def _compared_with_change(text: str, cue_start: int, previous: dict | None) -> bool:
    """The figure follows a change of the same sentence (not a bare signed one, as in a table)
    through a comparing link."""
    return (
        previous is not None
        and previous["kind"] == CHANGE
        and previous["rule"] != SIGNED.name
        and COMPARED_LINK.search(text, max(previous["end"], cue_start - _LINK_REACH), cue_start) is not None
    )


def _listed_change(text: str, begin: int, item: Found) -> int | None:
    """The sign of the change noun that introduces the list whose item the bracketed figure
    follows (`the increases in exports of ten products, namely, gold (46.0%)`), where the list
    opens with `namely`, `including` or a colon in the same sentence; None otherwise."""
    if text[item.start - 1 : item.start] != "(" or not BRACKET_CLOSES.match(text, item.end):
        return None
    ends = [m.end() for m in SENTENCE_END.finditer(text, max(begin, item.start - _LIST_REACH), item.start)]
    sentence_start = max([begin, *ends])
    openers = list(LIST_OPENER.finditer(text, sentence_start, item.start))
    if not openers:
        return None
    opener = openers[-1]
    words = [w.lower() for w in WORD.findall(text, max(sentence_start, opener.start() - _LIST_REACH), opener.start())]
    return next((LIST_CHANGE_NOUNS[w] for w in reversed(words[-LIST_NOUN_REACH:]) if w in LIST_CHANGE_NOUNS), None)


# Two bare figures right before a percentage, not years (`EPS 0.82 0.44 86%`, `1 341.3 1 302.9 3%`):
# a key-figures table flattened onto one line, the percentage its change column.
TWO_FIGURES_BEFORE = re.compile(r"(?<![\w.,%$€£¥])(?P<first>[-−]?\d[\d,.]*)[ \t]+(?P<second>[-−]?\d[\d,.]*)[ \t]+\Z")


def _after_two_figures(text: str, begin: int, item: Found) -> bool:
    match = TWO_FIGURES_BEFORE.search(text, max(begin, item.start - 40), item.start)
    return match is not None and not any(is_year(match.group(g)) for g in ("first", "second"))


def _table_row_change(text: str, item: Found) -> tuple[Found, int] | None:
    """The percentage, with its brackets, and its sign where it is a table row's change column."""
    if item.sign or item.qualifier:
        return None
    line_start = text.rfind("\n", 0, item.start) + 1
    if TABLE_ROW_LABEL.fullmatch(text, line_start, item.start) and TABLE_FIGURES_AFTER.match(text, item.end):
        return item, 1  # the change column before the figures
    row = TABLE_ROW.fullmatch(text, line_start, item.start)
    end = TABLE_ROW_END.match(text, item.end)
    if row is None or end is None or bool(row.group("open")) != bool(end.group("close")):
        return None
    if row.group("open"):
        return item._replace(start=item.start - 1, end=item.end + 1), -1
    return item, 1


def _about_a_rate(sentence: Span) -> bool:
    """The sentence is about a rate: a rate noun as a head, not a modifier (`the jobless rate`,
    not `the share index`)."""
    for token in sentence:
        if token.lower_ in RATE_NOUNS:
            following = token.nbor(1) if token.i + 1 < len(token.doc) else None
            if following is None or following.pos_ not in ("NOUN", "PROPN"):
                return True
    return False


def _found_with_comparatives(text: str, begin: int) -> list[tuple[Found, Found | None]]:
    """Each percentage, in text order, with the comparative figure in brackets beside it
    (`12.4 percent (11.9)`, `41.2 (39.8) percent`; not a year, `45% (2023)`)."""
    found: list[tuple[Found, Found | None]] = []
    for match in PERCENT.finditer(text, begin):
        item = _found(text, begin, match)
        found.append((item, _comparative(COMPARATIVE_AFTER.match(text, match.end()), item.form)))
    bracketed = BRACKETED_DIGITS.search(text, begin) is not None
    for match in COMPARATIVE_INSIDE.finditer(text, begin) if bracketed else ():
        item = _found(text, begin, match)._replace(end=match.end("number"))
        found.append((item, _comparative(match, item.form)))
    for match in NEGATIVE_BRACKET.finditer(text, begin) if bracketed else ():
        found.append((_found(text, begin, match)._replace(sign="-"), None))
    return sorted(found, key=lambda pair: pair[0].start)


def _comparative(match: re.Match | None, form: Form) -> Found | None:
    if match is None:
        return None
    number = match.group("comparative")
    if is_year(number):
        return None
    sign = match.group("comparative_sign") or ""
    start = match.start("comparative_sign") if sign else match.start("comparative")
    return Found(start, match.end("comparative"), number, _sign_as_written(sign), form, None)


def _found(text: str, begin: int, match: re.Match, form: Form | None = None) -> Found:
    written = match.group("symbol") if "symbol" in match.re.groupindex else None
    written = written or match.group("word")
    qualifier = qualifier_before(text, match.start(), begin)
    if qualifier is not None and _verb_up_to(text, begin, qualifier):
        qualifier = None
    return Found(
        qualifier.start() if qualifier else match.start(),
        match.end(),
        match.group("number"),
        _sign_as_written(match.groupdict().get("sign")),
        form or FORMS[" ".join(written.lower().split())],
        qualifier.group("qualifier") if qualifier else None,
    )


def _verb_up_to(text: str, begin: int, qualifier: re.Match) -> bool:
    """`inflation up to 2.1%`, a headline's `rose to`: `up` after a rate's noun is its verb, not
    the qualifier `up to` (`loans of up to 5%`)."""
    if " ".join(qualifier.group("qualifier").lower().split()) != "up to":
        return False
    before = WORD.findall(text, max(begin, qualifier.start() - _WORD_REACH), qualifier.start())
    return bool(before) and (before[-1].lower() in RATE_NOUNS or before[-1].lower() in GROWTH_NOUNS)


def _sign_as_written(sign: str | None) -> str:
    """`-` for a minus in any of its forms (`−`, `–`, `(-)`), `+` for a plus, else ''."""
    sign = (sign or "").strip("()")
    return "-" if sign in MINUS_SIGNS else sign


def _range_start(text: str, begin: int, end: Found, taken: list[tuple[int, int]]) -> Found | None:
    """The bare number opening a range that ``end`` closes (`5-7%`, `5 to 7 percent`); not a
    year (`grew 5% in 2022 and 7% in 2023`) nor a number already in a mention."""
    if end.qualifier or end.sign:
        return None
    match = RANGE_BEFORE.search(text, max(begin, end.start - _RANGE_WINDOW), end.start)
    if match is None or any(s < match.end() and match.start() < e for s, e in taken):
        return None
    number = match.group("number")
    if is_year(number):
        return None
    qualifier = qualifier_before(text, match.start(), begin)
    return Found(
        qualifier.start() if qualifier else match.start(),
        match.end("number"),
        number,
        _sign_as_written(match.group("sign")),
        end.form,
        qualifier.group("qualifier") if qualifier else None,
    )


def _kind(text: str, begin: int, cue_start: int, item: Found, previous: dict | None = None) -> tuple[Rule, int]:
    """The rule that decides the percentage's kind, and the sign of a change (+1 or -1);
    ``previous``: the percentage before it in the same sentence, if any."""
    if item.sign:
        return SIGNED, -1 if item.sign == "-" else 1
    if SPACED_PLUS_BEFORE.search(text, max(begin, item.start - 3), item.start):
        return SIGNED, 1
    if _after_two_figures(text, begin, item):
        return TABLE_CHANGE, 1  # `Net Sales 3,678.4 2,946.6 24.8%`: a flattened table's change column
    gap = RANGE_GAP.fullmatch(text, previous["end"], cue_start) if previous is not None else None
    if (
        gap is not None
        and previous is not None
        and previous["kind"] == CHANGE
        and previous["unit"] == item.form.unit
        # after a verb, `to` gives the new level (`edged up 0.1% to 4.7%`)
        and ("to" not in gap.group().split() or previous["rule"] != CHANGE_WORD_BEFORE.name)
    ):  # `an increase of 7.2% to 8.5%`, `a 2% to 3% rise`: the range's end
        return COORDINATED, -1 if previous["value"].startswith("-") else 1
    before = _without_transparent_words(
        [w.lower() for w in WORD.findall(text, max(begin, cue_start - _WINDOW), cue_start)]
    )
    decided = _cue_before(before)
    if decided is not None and decided[0].kind == CHANGE:
        return decided
    # `the highest annual rate (9.5%)`: a bracket opened for the figure leaves its noun before
    growth = _growth_before(before[:-1] if before[-1:] == ["("] else before)
    if growth is not None:
        return GROWTH, growth
    if decided is not None and previous is not None and _repeats_previous_word(text, begin, cue_start, previous):
        return COORDINATED, -1 if previous["value"].startswith("-") else 1
    if decided is not None and not COMPARED_AFTER.match(text, item.end):
        # `grew at 5% growth`, `stands at 3% higher`: a change word right after the figure says
        # what the figure is, whatever stood before it
        next_word = _word_after(text, item)
        if next_word in CHANGE_AFTER:
            return CHANGE_WORD_AFTER, CHANGE_AFTER[next_word]
        return decided
    restated = _restated_change(before)
    if restated is not None:
        return RESTATED, restated
    range_end = RANGE_END_AFTER.match(text, item.end)
    after_at = range_end.end() if range_end is not None else item.end
    after = [w.lower() for w in WORD.findall(text, after_at, after_at + _WINDOW)]
    if after[:1] == [")"]:
        after = after[1:]  # `a $54.7b (12%) increase`: the bracket around the figure closes first
    sign = _cue_after(after)
    if sign is not None:
        return CHANGE_WORD_AFTER, sign
    if YEAR_ON_YEAR_AFTER.match(text, item.end):
        return YEAR_ON_YEAR, 1
    if previous is not None and previous["kind"] == CHANGE and previous["rule"] != SIGNED.name:
        between = _words_between(text, previous["end"], cue_start)
        # `fell by 6% in the north, by 2% in the south`: `by` after a comma or `and` repeats
        # the verb left out; otherwise only coordinating words may stand between
        repeated_by = before[-2:] in ([",", "by"], ["and", "by"])
        if between and (repeated_by or _parallel(text, item, between) or all(_coordinating(w) for w in between)):
            return COORDINATED, -1 if previous["value"].startswith("-") else 1
    if item.form.unit == "point":
        return POINT_DIFFERENCE, 1
    return NUMBER_PERCENT, 1


def _repeats_previous_word(text: str, begin: int, cue_start: int, previous: dict) -> bool:
    """`growth in Norvia to 12% and in East Harbour to 9%`: the word before the figure is the
    word before the change just read (`to`, `at`), and only coordinating words stand between;
    the figure repeats the change's construction, so it is a change too."""
    if previous["kind"] != CHANGE:
        return False
    between = WORD.findall(text, previous["end"], cue_start)
    before_previous = WORD.findall(text, max(begin, previous["start"] - _WORD_REACH), previous["start"])
    return (
        len(between) > 1
        and between[-1:] == before_previous[-1:]
        and between[-1] in LEVEL_BEFORE
        and all(_coordinating(word) for word in between[:-1])
    )


def _parallel(text: str, item: Found, between: list[str]) -> bool:
    """`growth of 21% in output and 25% in sales`: the previous figure's preposition, then `and`
    or a comma, and the same preposition after this figure; the two share the change."""
    return (
        len(between) >= 3
        and between[0].lower() in PARALLEL_PREPOSITIONS
        and between[-1].lower() in ("and", ",")
        and not any(word in CLAUSE_BREAKS for word in between[1:-1])
        and _word_after(text, item) == between[0].lower()
    )


def _word_after(text: str, item: Found) -> str:
    """The word right after the figure and one space, lower-cased; '' where none stands there."""
    word = WORD.match(text, item.end + 1) if text[item.end : item.end + 1] == " " else None
    return word.group().lower() if word is not None else ""


def _words_between(text: str, start: int, end: int) -> list[str]:
    """The words from ``start`` to ``end``, a quoted name counted as one capitalised word."""
    return WORD.findall(QUOTED.sub(lambda quoted: "Q" * len(quoted.group()), text[start:end]))


def _restated_change(words: list[str]) -> int | None:
    """`Net income increased $3.6 million, or 43.7%`, `exports rose $446 million (11%)`: the
    sign of the change an amount right before `, or` or a bracket states."""
    if words[-2:] == [",", "or"]:
        k = len(words) - 2
    elif words[-1:] == ["("]:
        k = len(words) - 1
    else:
        return None
    opened = k
    # back over the amount: its digits, scale words (`million`, `bn`), symbols and a currency's
    # letters (`US$67 million`, `KES 5 billion`)
    while k > 0 and (
        words[k - 1][:1].isdigit()
        or words[k - 1] in SCALES
        or not words[k - 1][:1].isalnum()
        or _currency_letters(words, k - 1)
    ):
        if words[k - 1] in CLAUSE_BREAKS:
            return None
        k -= 1
    if k == opened:
        return None  # no amount before the comma or bracket
    decided = _cue_before(words[:k])
    return decided[1] if decided is not None and decided[0].kind == CHANGE else None


# a currency's letters with its sign, lower case as the words are (`us$`, `hk$`, `r$`)
SIGN_LETTERS = frozenset(
    form.lower()
    for form, currency in CURRENCIES.items()
    if currency.kind == "symbol" and form[:-1].isalpha() and not form[-1].isalnum()
)


def _currency_letters(words: list[str], k: int) -> bool:
    """``words[k]`` are a currency's letters before its amount: glued to a sign (`us` of
    `US$67`) or an ISO code before the digits (`kes` of `KES 5 billion`)."""
    word, following = words[k], words[k + 1] if k + 1 < len(words) else ""
    if following[:1].isdigit():
        return word.upper() in CIRCULATING
    return bool(following) and word + following in SIGN_LETTERS


def _growth_before(words: list[str]) -> int | None:
    """The sign of a growth noun earlier in the clause (`growth eased to 2.7%`), or of a change
    noun that is the subject of the copula right before the number (`the decline in net sales
    was 2.6%`), or of a rate right after a word of a period (`the annual rate for bread was
    2.2%`); not across an indefinite article or `of`, which open another noun phrase
    (`growth came from a 30% share`, `wage growth of the lowest-paid 20%`; `growth of 5%` is
    a change noun's)."""
    copula = bool(words) and words[-1] in COPULAS
    reach = words[-SUBJECT_REACH:] if copula else words[-BY_REACH:]
    for k in range(len(reach) - 1, -1, -1):
        word = reach[k]
        if word in CLAUSE_BREAKS or word in GROWTH_STOPS:
            break
        if word in GROWTH_NOUNS:
            return GROWTH_NOUNS[word]
        if copula and word in SUBJECT_CHANGE_NOUNS:
            return SUBJECT_CHANGE_NOUNS[word]
        if word in PERIOD_RATE_NOUNS and k > 0 and reach[k - 1] in PERIOD_WORDS:
            return PERIOD_RATE_NOUNS[word]
    scope = words[-2 * SUBJECT_REACH :]
    for k in range(len(scope) - 1, -1, -1):
        word = scope[k]
        # `the inflation target of 4.0 per cent`: the target's figure is the rate's own
        if word == "of" and k > 0 and scope[k - 1] in TARGET_NOUNS:
            continue
        if word in SENTENCE_BREAKS or word in GROWTH_STOPS or word[:1].isdigit():
            return None
        if word in SENTENCE_GROWTH_NOUNS:
            return SENTENCE_GROWTH_NOUNS[word]
    return None


def _coordinating(word: str) -> bool:
    """A word that may stand between two figures sharing one verb: a coordinating word, a
    comma, a capitalised word (`in Europe`) or a number (`in 2022`)."""
    return word.lower() in COORDINATION_WORDS or word == "," or word[:1].isupper() or word[:1].isdigit()


def _without_transparent_words(words: list[str]) -> list[str]:
    """The words before a number without the adverbs and rate phrase right before it."""
    end = len(words)
    while end and (words[end - 1] in TRANSPARENT or words[end - 1].endswith("ly")):
        end -= 1
    if end >= 4 and words[end - 1] == "of" and words[end - 2] == ")" and words[end - 4] == "(":
        words = [*words[: end - 4], "of"]  # `growth rate (CAGR) of 3.3%`: the bracketed acronym
        end = len(words)
    if end >= 4 and words[end - 4 : end] == ["by", "an", "average", "of"]:
        words, end = words[: end - 3], end - 3  # `boosted trade by an average of 140%`: as `by 140%`
    if end >= 2 and words[end - 2] in ("rate", "rates") and words[end - 1] == "of":
        end -= 2
        while end and words[end - 1] in RATE_PHRASE_WORDS:
            end -= 1
    return words[:end]


def _cue_before(words: list[str]) -> tuple[Rule, int] | None:
    """A change word before the number (`rose`, `up`, `increased by`, `an increase of`); a
    level where `to`, `from` or `at` stands right before it; None when the words say nothing."""
    if not words:
        return None
    last = words[-1]
    if last == "at":  # `grew at 13%`, `grew strongly at 9%`: the rate of the change
        verb = next((w for w in reversed(words[-3:-1]) if not w.endswith("ly")), "")
        if CHANGE_BEFORE.get(verb) and verb not in PARTICLES:
            return CHANGE_WORD_BEFORE, CHANGE_BEFORE[verb]
    if last in LEVEL_BEFORE:
        return NUMBER_PERCENT, 1
    if last == "of":
        noun_at = _change_noun_before_of(words)
        sign = CHANGE_AFTER.get(words[noun_at]) if noun_at is not None else None
        modifier = next((SIGNED_MODIFIERS[w] for w in reversed(words[-6:-2]) if w in SIGNED_MODIFIERS), None)
        return (CHANGE_NOUN_OF, modifier or sign) if sign is not None else None
    k = len(words) - 1
    by = False
    for _ in range(MAX_ADVERBS + 1):
        if k < 0:
            return None
        word = words[k]
        sign = CHANGE_BEFORE.get(word)
        if sign is not None and not (word in PARTICLES and k > 0 and words[k - 1] in PARTICLE_VERBS):
            return CHANGE_WORD_BEFORE, sign
        if word == "by":
            by = True
        if word not in ADVERBS:
            break
        k -= 1
    if by and words[k] in COMPARING_WORDS and words[k] in CHANGE_AFTER:
        return CHANGE_WORD_BEFORE, CHANGE_AFTER[words[k]]  # `lower by 10.7%`: the comparative's change
    if by:
        for word in reversed(words[max(0, k - BY_REACH) : k + 1]):
            if word in CLAUSE_BREAKS:
                break
            sign = CHANGE_BEFORE.get(word)
            if sign is not None and word not in PARTICLES:
                return CHANGE_WORD_BEFORE, sign
    return None


def _change_noun_before_of(words: list[str]) -> int | None:
    """Where the change noun of `an increase of`, or of `a fall in exports of` / `a decline in
    group sales of` (its subject between `in` and `of`), stands in ``words`` (ending in `of`)."""
    if len(words) > 1 and words[-2] in CHANGE_AFTER:
        return len(words) - 2
    for k in range(len(words) - 3, max(0, len(words) - 2 - IN_SUBJECT_REACH) - 1, -1):
        if words[k] in CLAUSE_BREAKS:
            return None
        if words[k] == "in":
            return k - 1 if k > 0 and words[k - 1] in CHANGE_AFTER else None
    return None


def _cue_after(words: list[str]) -> int | None:
    """The sign of a change word after the number (`a 6% increase`, `15 per cent increases`,
    `a 10% price rise`, `5% higher`), up to two modifier words between; a signed modifier
    gives the sign (`a 0.8% negative impact`)."""
    modifier = None
    for word in words[:3]:
        sign = CHANGE_AFTER.get(word)
        if sign is not None:
            return modifier or sign
        if word in MODIFIER_STOP_WORDS or not word[:1].isalpha():
            return None
        modifier = SIGNED_MODIFIERS.get(word, modifier)
    return None


def _mention(text: str, item: Found, rule: Rule, sign: int, kind: str | None = None) -> dict:
    with localcontext(EXACT):
        value = parse_number(item.number) * item.form.factor
        if item.sign == "-" or (item.sign == "" and sign < 0):
            value = -value
    return make_mention(
        text,
        item.start,
        item.end,
        rule.name,
        value=format_decimal(value),
        unit=item.form.unit,
        kind=rule.kind or kind or LEVEL,
        qualifier=qualifier_symbol(item.qualifier),
    )
