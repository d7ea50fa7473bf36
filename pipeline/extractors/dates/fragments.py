"""Shared pieces of the date rules: the rule record, regex fragments built from the word
lists in ``data/`` and the helpers that read matched groups into values (:mod:`.values`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pipeline.extractors.dates.lexicon import (
    DURATION_QUALIFIERS,
    FULL_MONTH_NAMES,
    FULL_WEEKDAY_NAMES,
    MONTHS,
    NEAR_WORDS,
    NUMBER_WORDS,
    UNITS,
    WEEKDAYS,
    alternation,
    plural_alternation,
    words,
)
from pipeline.extractors.dates.values import Base, Direction, MonthDay, ShiftedYear, Value, YearPart
from pipeline.extractors.numbers.numbers import ORDINALS


@dataclass(frozen=True)
class Rule:
    """A named regex and the builder of its value (None rejects the match). The flags say
    which token checks its matches need (:mod:`.context`) and how it takes part in
    picking reference dates (:mod:`.references`)."""

    name: str
    regex: re.Pattern
    build: Callable[[re.Match, str], Value | None]
    needs: tuple[str, ...] = ()  # lower-case words one of which the text must contain
    bare_year: bool = False  # `2023`: unless the tokens around say it is a count, an amount or in a name
    may_be_rate: bool = False  # `a day`, `one day`: a rate (`twice a day`) or some day (`could one day`)
    described_year: bool = False  # `this milestone year`: only with an adjective or noun in the middle
    may_be_title_or_generic: bool = False  # `Radio 4's Today programme`, `today's youth`
    may_be_count: bool = False  # `twenty ninety-nine problems`: numbers before a plural noun
    speech_time: bool = False  # `said Wednesday`, `today`: when it was said, never a reference
    reference_in_sentence: bool = False  # `a year ago`: counts only from a date in its own sentence
    reference_period: bool = False  # `the year-ago quarter`: counts from the last quarter or half mentioned
    # `the comparison period`: counts from the release's reporting period where it has one
    reporting_reference: bool = False
    # `World Harbour Day`: a date only in a release that marks the day `today` (see extract_dates)
    marked_day: bool = False
    # `Christmas Day`, `World Harbour Day`: names a day, which a bracket after it may state
    # (`World Harbour Day (4 Feb 2031)`: one mention)
    names_day: bool = False
    # a short label of a quarter or half (`Q2'24`, `H1 2031`): its year may be a fiscal year's,
    # as the release's stated period shows (reporting.fiscal_start, reporting.fiscal_label)
    period_label: bool = False
    # (head group, tail group): the match is two mentions, up to the end of the first group and
    # from the start of the second (`the quarter` + `Sept. 30`); the tail's value is the head's end
    split: tuple[str, str] | None = None
    month_named: bool = False  # a month's name stands in every match: run only where one is written
    # `four` of `four to seven days`: the rule reading the number that opens a range this rule's
    # match closes, tried only on the words right before such a match (see patterns.find_candidates)
    range_opener: Rule | None = None
    opens_a_range: bool = False  # this rule is such a reader: never run over the whole text


def rule(name: str, pattern: str, build: Callable[[re.Match, str], Value | None], **fields: Any) -> Rule:
    """A rule with its regex compiled; ``fields``: ``needs`` and the flags."""
    return Rule(name, re.compile(pattern), build, **fields)


ABBREVIATED_MONTHS = [name for name in MONTHS if name not in FULL_MONTH_NAMES]


# A month's name starts a word, or follows a dateline's capitals or a day's digits it was glued
# to when a page's markup was dropped (`DENVERNov. 8, 2031`, `31December, 2031`: the month in
# title case).
MONTH_START = r"(?:\b|(?:(?<=[A-Z]{2})|(?<=\d))(?=[A-Z][a-z]))"
GLUED_MONTH = r"(?=[A-Z][a-z])"  # a title-case month right after a day's digits (`31December`)


def month(group: str, full_only: bool = False) -> str:
    """A month name; an abbreviation keeps its period (`Nov.`), a full name does not."""
    if full_only:
        return rf"{MONTH_START}(?P<{group}>(?i:{alternation(FULL_MONTH_NAMES)}))\b"
    return (
        rf"{MONTH_START}(?P<{group}>(?i:{alternation(FULL_MONTH_NAMES)})\b|(?i:{alternation(ABBREVIATED_MONTHS)})\b\.?)"
    )


def day(group: str) -> str:
    return rf"(?P<{group}>[0-3]?\d)(?i:st|nd|rd|th)?(?!\d|:\d)"


def year(group: str) -> str:
    return rf"(?P<{group}>1\d\d\d|20\d\d|21\d\d)(?![\d%]|[.,]\d)"


WEEKDAY = rf"\b(?i:{alternation(WEEKDAYS)})\b\.?"
FULL_WEEKDAY = rf"(?P<weekday>(?i:{alternation(FULL_WEEKDAY_NAMES)}))\b"
NUMBER_WORD = alternation(NUMBER_WORDS)
TENS = alternation(w for w, n in NUMBER_WORDS.items() if n in range(20, 100, 10))
DIGIT_WORDS = alternation(w for w, n in NUMBER_WORDS.items() if n in range(1, 10) and w not in ("a", "an"))
# `twenty-eight (28)`: a number in words may repeat itself in digits, as contracts write it
NUM = (
    rf"(?P<num>\d{{1,3}}(?:,\d{{3}})*|(?i:(?:{TENS})[\s-](?:{DIGIT_WORDS})|{NUMBER_WORD})\b"
    rf"(?:[ \t]\(\d{{1,3}}\))?)"
)
TEENS = alternation(w for w, n in NUMBER_WORDS.items() if n in range(10, 20))
# A year said in words, as broadcast transcripts write it: `nineteen ninety-six`, `nineteen
# oh five`, `two thousand`, `two thousand and three`, `twenty twenty-one`.
SPOKEN_YEAR = (
    rf"(?i:(?:eighteen|nineteen|twenty)[\s-]+(?:(?:{TENS})(?:[\s-]+(?:{DIGIT_WORDS}))?|{TEENS}|oh[\s-]+(?:{DIGIT_WORDS})|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:(?:{TENS})(?:[\s-]+(?:{DIGIT_WORDS}))?|{TEENS}|{DIGIT_WORDS}))?)(?![\w-])"
    # (not a number going on: `two thousand seven hundred people`)
    rf"(?!\s+(?i:hundred|thousand|and|{TENS}|{TEENS}|{DIGIT_WORDS})\b)"
)
UNIT = rf"(?P<unit>(?i:{plural_alternation(UNITS)}))\b"
QUALIFIER = rf"(?P<qualifier>(?i:{alternation(DURATION_QUALIFIERS)})\s+)?"
ORDINAL_QUARTER = r"(?P<ordinal>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))"
RANGE_DASH = r"\s*(?:-|–|—|to|through\s+to|through|thru|until|till)\s*"  # `February 28 through to March 19`
RANGE_WORD = r"\s*(?:-|–|—|to|through\s+to|through|thru|until|till|and)\s*"
YEAR_RANGE_WORD = r"\s*(?:-|–|—|/|to|through|thru|until|till|and)\s*"
# `the` joins `the third quarter`, not `the third-quarter results` (it belongs to `results`)
THE_BEFORE_NOUN_PHRASE = r"(?i:the)\s+(?!(?:\w+\s+)?\w+-(?i:quarter|half)\b)"
REL_YEAR = r"(?P<relyear>(?i:this|last|next|the)\s+year)"
# `the previous year`, `the following year`: a year before or after the reference date's
ANCHORED_YEAR = r"(?P<anchoredyear>(?i:the)\s+(?i:previous|prior|preceding|following)\s+(?i:year))"
# `year-ago`, `the comparable year-earlier`: a year back from the period under discussion
YEAR_AGO = r"(?:(?i:the)\s+(?:(?i:comparable|corresponding)\s+)?)?(?i:year)-(?i:ago|earlier)"
# `this year's third quarter`: the possessive belongs to a longer date phrase here
REL_YEAR_POSSESSIVE = r"(?P<relyear0>(?i:this|last|next)\s+year)['’]s"
# A release that calls its periods fiscal (`fiscal 2031`, `Q3FY32`, `the financial year`).
CALLS_FISCAL = re.compile(r"(?i:\bfiscal\b|financial\s+year)|FY\s?'?\d\d")
LEFT = r"(?<![\w$€£¥#/.,:-])"  # a number starts here, not inside another number or code
LEFT_YEAR = (  # the same, but `mid-2024`, `end-2020` (a digit first: most positions fail at once)
    r"(?=\d)(?:(?<![\w$€£¥#/.,:-])|(?<=\b[Mm]id-)|(?<=\b[Pp]re-)|(?<=\b[Pp]ost-)|(?<=\b[Ee]nd-)|(?<=\b[Ss]tart-))"
)
END_OF_DATE = r"(?!\w|-\d)"  # not inside a longer number; `Jan. 15, 2024--` ends at the year


def month_number(match: re.Match, group: str, lower: bool = False) -> int | None:
    """The month of a matched name; None when it is written in lower case (`may`, `march`)
    unless ``lower`` (a full date around it says it is a month: `march 3 2015`)."""
    name = match[group]
    if not name or not (name[0].isupper() or lower):
        return None
    return MONTHS[name.lower().rstrip(".")]


def year_number(text: str) -> int:
    """A 4-digit year, or a 2-digit one in this century or the last (`'24` -> 2024)."""
    value = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 4:
        return value
    return 2000 + value if value < 70 else 1900 + value


def spoken_year(text: str) -> int | None:
    """`nineteen ninety-six` -> 1996, `two thousand and three` -> 2003, `nineteen oh five` -> 1905."""
    parts = [p for p in re.split(r"[\s-]+", words(text)) if p != "and"]
    if parts[:2] == ["two", "thousand"]:
        rest = parts[2:]
        century = 2000
    else:
        century, rest = NUMBER_WORDS[parts[0]] * 100, parts[1:]
    if rest == ["hundred"]:
        return century
    rest = [p for p in rest if p != "oh"]
    return century + sum(NUMBER_WORDS[p] for p in rest) if all(p in NUMBER_WORDS for p in rest) else None


def relative_year(text: str) -> ShiftedYear:
    """`this year` -> RY+0, `last year` -> RY-1, `the year` -> RY+0 (the document's year)."""
    return ShiftedYear(Base.DOCUMENT, NEAR_WORDS[words(text).split()[0]])


def anchored_shift(modifier: str) -> int:
    """`the following` -> +1; `the previous`, `prior`, `preceding` -> -1 (from the reference)."""
    return 1 if words(modifier).split()[-1] == "following" else -1


def anchored_year(text: str) -> ShiftedYear:
    """`the previous year` -> the reference date's year -1, `the following year` +1."""
    return ShiftedYear(Base.FOLLOWING, anchored_shift(words(text).rsplit(" ", 1)[0]))


def direction_of(near_word: str) -> Direction:
    """The way `last` / `this past` (before) or `next` / `the coming` (after) points; none for `this`, `the`."""
    offset = NEAR_WORDS.get(near_word, 0)
    return Direction.BEFORE if offset < 0 else Direction.AFTER if offset > 0 else Direction.NEAREST


def ordinal_number(text: str, last: int) -> int:
    """`third` / `3rd` -> 3; `final`, `last`, `latter` -> ``last``."""
    key = words(text)
    if key[0].isdigit():
        return int(key[:-2])
    return ORDINALS.get(key, last)


def valid_day(d: int, m: int) -> bool:
    return 1 <= d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)


def preceding_words(text: str, start: int, n: int = 2) -> list[str]:
    return words(text[max(0, start - 40) : start]).replace("(", " ").split()[-n:]


def is_preceded_by(text: str, start: int, options: set[str]) -> bool:
    before = preceding_words(text, start, 1)
    return bool(before) and before[0] in options


def is_and_without_between(m: re.Match, text: str) -> bool:
    """`May and July`, `2019 and 2020` without `between` before them: two dates, no range."""
    return "and" in words(m.group(0)).split() and not is_preceded_by(text, m.start(), {"between"})


def month_day(year: int | ShiftedYear | None, month: int, day: int) -> YearPart | None:
    """A day of a stated or unknown year; None for a day the month does not have (`February 30`)."""
    return YearPart(year, MonthDay(month, day)) if valid_day(day, month) else None


def stated_year(m: re.Match) -> int | None:
    """The matched `year` group, if the phrase states one."""
    return int(m["year"]) if m["year"] else None


def first_group(m: re.Match, *names: str) -> str | None:
    """The first of ``names`` that took part in the match (rules spell a year or a
    number in several places: `the 2024 first quarter`, `the first quarter of 2024`)."""
    groups = m.groupdict()
    return next((groups[n] for n in names if groups.get(n)), None)
