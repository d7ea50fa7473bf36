"""Relative date rules: `yesterday`, `last month`, durations, `a year ago` / `two years
earlier`, weekdays and bare month names (`last March`).
"""

from __future__ import annotations

import re
from decimal import Decimal

from pipeline.extractors.dates.fragments import (
    FULL_WEEKDAY,
    NUM,
    NUMBER_WORD,
    QUALIFIER,
    RANGE_WORD,
    REL_YEAR,
    UNIT,
    YEAR_AGO,
    Rule,
    anchored_shift,
    direction_of,
    first_group,
    is_and_without_between,
    is_preceded_by,
    month,
    month_number,
    relative_year,
    rule,
    stated_year,
    year,
)
from pipeline.extractors.dates.lexicon import (
    ANCHORED_DAYS,
    DURATION_MODIFIERS,
    FULL_WEEKDAY_NAMES,
    MONTH_CUES,
    NOT_YEAR_MODIFIERS,
    RELATIVE_DAYS,
    RELATIVE_WORDS,
    UNITS,
    WEEKDAYS,
    alternation,
    number,
    plural_alternation,
    unit,
    words,
)
from pipeline.extractors.dates.values import (
    Base,
    Direction,
    Duration,
    Interval,
    Month,
    Quarter,
    Relative,
    ShiftedYear,
    Unit,
    Value,
    Weekday,
    YearPart,
    duration,
    first_months,
    shifted,
)

RELATIVE_DAY_WORDS = tuple({name.split()[-1] for name in RELATIVE_DAYS})
ANCHORED_DAY_WORDS = tuple({name.split()[-1] for name in ANCHORED_DAYS})


# Modifiers read by build_relative_unit itself, not by offset (data/relative_words.tsv):
# `past year` is a duration, `the previous year` counts from a reference date.
PAST_MODIFIERS = ("past", "this past")
ANCHORED_MODIFIERS = ("the previous", "the prior", "the preceding", "the following", "previous", "prior", "preceding")

# `this year`, `last month`, `next week`, `the previous year`, `past year` (not `a 10-year-old`)
RELATIVE_UNIT = (
    rf"\b(?P<rel>(?i:{alternation([*RELATIVE_WORDS, *PAST_MODIFIERS, *ANCHORED_MODIFIERS])}))\s+"
    r"(?P<unitword>(?i:year|month|weekend|week|quarter))\b(?![\s-]+(?:old|long)\b)"
)


def build_relative_day(m: re.Match, text: str) -> Value | None:
    """`yesterday`, `tonight`, `the day after tomorrow`."""
    return Relative(Base.DOCUMENT, Unit.DAY, RELATIVE_DAYS[words(m.group(0))])


UNIT_WORDS = {
    "year": Unit.YEAR,
    "month": Unit.MONTH,
    "week": Unit.WEEK,
    "weekend": Unit.WEEKEND,
    "quarter": Unit.QUARTER,
}


def build_relative_unit(m: re.Match, text: str) -> Value | None:
    """`this year`, `last month`, `next week`; `the previous year` (the year before the
    sentence's reference date: `May 22, 1995 ... the following year` -> 1996); `past year`
    without `the` is a duration."""
    rel, name = words(m["rel"]), words(m["unitword"])
    if rel in PAST_MODIFIERS:
        return Duration(years=1) if name == "year" else None
    if rel in ANCHORED_MODIFIERS:
        return shifted(Base.FOLLOWING, UNIT_WORDS[name], anchored_shift(rel))
    return shifted(Base.DOCUMENT, UNIT_WORDS[name], RELATIVE_WORDS[rel])


def build_described_year(m: re.Match, text: str) -> Value | None:
    """`this milestone year`, `last record year`: the year, described (the word is
    checked to be an adjective or noun near the candidate, see context)."""
    if m["described"] in NOT_YEAR_MODIFIERS:
        return None
    return YearPart(relative_year(m["rel"]))


def amount_of(n: int | Decimal, unit_text: str) -> Duration:
    """`two decades` -> P20Y."""
    code, size = unit(unit_text)
    return duration(code, n * size)


def build_anchored_day(m: re.Match, text: str) -> Value | None:
    """`the next day`, `the following morning`, `the day before`: a day after or before the
    sentence's reference day (the document date when there is none)."""
    phrase = words(m.group(0))
    if phrase.endswith(("before", "after")) and not re.match(r"\s*[,.;:)]", text[m.end() : m.end() + 2]):
        return None  # `the day after the election` names no date
    return Relative(Base.FOLLOWING, Unit.DAY, ANCHORED_DAYS[phrase])


AGE_AFTER = re.compile(r"[\s-]+olds?\b|\s+of\s+(?:age|life)\b|\s+anniversary\b")  # `30 years anniversary`


# `aged 18 years`, `the age of 30 years`, `between the ages of 18-35 years`: the words of an age
AGE_BEFORE = re.compile(r"\b(?i:aged|ages?)\s+(?:(?i:of)\s+)?(?:\d+\s*(?:[-–]|(?i:to|and))\s*)?\Z")
TO_DATE_AFTER = re.compile(r"[\s-]+(?i:to)[\s-]+(?i:date)\b")
ANCHORED_AFTER = re.compile(r"\s+(?i:ago|earlier|later)\b")
FRACTION_AFTER = re.compile(r"\s+(?:of|more|less|fewer)\b")


def build_duration(m: re.Match, text: str) -> Value | None:
    """`ten consecutive years`, `the two-day event`, `more than a decade`, `2 1/2 years`, `9.4 years`."""
    decimal = m.groupdict().get("decimal")
    n: int | Decimal = Decimal(decimal) if decimal else number(m["num"])
    amount_end = m.end("decimal") if decimal else m.end("num")
    if not n or (m.group(0)[amount_end - m.start() :].lstrip()[:1] == "-" and words(m["unit"]).endswith("s")):
        return None  # `two-days` is not English; `2-years` mostly a code
    if AGE_AFTER.match(text, m.end()):
        return None  # an age (`a 50-year-old firm`, `under five years of age`), not a duration
    if TO_DATE_AFTER.match(text, m.end()):
        return None  # `on a year to date basis`: the year so far, not a year's length
    if isinstance(n, Decimal) and ANCHORED_AFTER.match(text, m.end()):
        return None  # `5.7 years ago`: a time no calendar unit holds, not a duration
    if FRACTION_AFTER.match(text, m.end()) and words(m["unit"]).startswith("quarter"):
        return None  # a fraction (`a quarter of the market`, `a quarter more capacity`)
    if is_preceded_by(text, m.start(), {"every", "each"}):
        return None  # a frequency (`every two years`), not a duration
    # an age (`persons aged 18 years and above`, `the ages of 18-35 years`; GUIDELINE: ages are no dates)
    if AGE_BEFORE.search(text, max(0, m.start() - 40), m.start()):
        return None
    if first_group(m, "half", "andahalf"):
        return duration_and_a_half(n, m["unit"]) if isinstance(n, int) else None
    return amount_of(n, m["unit"])


def build_duration_range_start(m: re.Match, text: str) -> Value | None:
    """`four` of `four to seven days`, in the unit the range's end writes; `and` makes a range
    only after `between` (`four and nine years` may list two durations, each written whole)."""
    if words(m["joint"]) == "and" and not is_preceded_by(text, m.start(), {"between"}):
        return None
    if AGE_AFTER.match(text, m.end("unit")) or ANCHORED_AFTER.match(text, m.end("unit")):
        return None  # `18 - 24 year olds`: ages; `10-15 years ago`: a time, read whole or not at all
    return build_duration(m, text)


def duration_and_a_half(n: int, unit_text: str) -> Value | None:
    """`2 1/2 years` -> P2Y6M, `a month and a half` -> P1M15D; a half day or week has no
    exact ISO form here and is not read."""
    code, size = unit(unit_text)
    if code is Unit.YEAR:
        years, months = divmod(12 * n * size + 6 * size, 12)
        return Duration(years=years, months=months)
    if code is Unit.MONTH and size == 1:
        return Duration(months=n, days=15)
    return None


# Before `the next year`, words that make it a stretch of time (`over the next year`), not the
# calendar year after this one (`plans for the coming year`).
SPAN_WORDS = {"over", "within", "during", "throughout", "across"}


def build_the_relative_duration(m: re.Match, text: str) -> Value | None:
    """`the past four decades` P40Y, `the next two weeks` P2W, `the last half-century`;
    `the first nine months (of 2023)` is the interval from January."""
    rel, name = words(m["rel"]), words(m["unit"])
    n = number(m["num"]) if m["num"] else 1
    if not m["num"] and unit_is_plural(name):
        return None  # `the coming months`, `the past years`: an unstated amount
    stated: int | ShiftedYear | None = stated_year(m)
    if m["relyear"] and not stated:
        stated = relative_year(m["relyear"])
    if rel == "last" and stated and not m["num"]:
        code, size = unit(name)  # `the last quarter of 2004`: the year's final one
        if code is not Unit.MONTH or size not in (1, 3):
            return None
        return YearPart(stated, Quarter(4) if size == 3 else Month(12))
    if rel == "first":
        code, size = unit(name)
        months = n * size if code is Unit.MONTH else None
        if not m["num"] or months is None or months > 12:
            return None
        y = stated or ShiftedYear(Base.DOCUMENT, 0)
        return first_months(y, months)
    if not m["num"] and rel in ("previous", "prior", "preceding", "following"):
        return None  # `the previous year` is anchored, see build_relative_unit
    if (
        not m["num"]
        and rel in ("next", "coming", "upcoming")
        and name == "year"
        and not is_preceded_by(text, m.start(), SPAN_WORDS)
    ):
        return YearPart(ShiftedYear(Base.DOCUMENT, 1))  # `priorities for the coming year`: next year
    return amount_of(n, name)


def unit_is_plural(name: str) -> bool:
    return name.endswith("s") or name.endswith("ies")


def build_compound_duration(m: re.Match, text: str) -> Value | None:
    """`monthlong`, `year-long`: one unit."""
    return amount_of(1, m["unit"])


HALF_UNITS = {"century": Duration(years=50), "year": Duration(months=6), "decade": Duration(years=5)}


def build_half_century(m: re.Match, text: str) -> Value | None:
    """`half a century`, `a half-year`."""
    return HALF_UNITS[words(m["unit"])]


def build_ago(m: re.Match, text: str) -> Value | None:
    """`a year ago` (the previous year), `six weeks ago`, `a year earlier` (the reference
    date of the sentence shifted; a comparison `from a year ago` is anchored too)."""
    n = number(m["num"])
    direction = words(m["direction"])
    if words(m["unit"]).startswith("hour"):
        return Relative(Base.DOCUMENT, Unit.DAY, 0) if direction == "ago" else None
    if direction in ("before", "after") and not re.match(r"\s*(?:[,.;:)]|$)", text[m.end() : m.end() + 2]):
        return None  # `two years after the war`: a duration before a clause, not an anchor
    sign = 1 if direction in ("later", "after") else -1
    anchored = direction != "ago" or is_comparison(text, m.start())
    code, size = unit(m["unit"])
    if words(m["unit"]).startswith("quarter"):
        code, size = Unit.QUARTER, 1
    return shifted(Base.REFERENCE if anchored else Base.DOCUMENT, code, sign * n * size)


# `up from $10 million a year ago`, `higher than a year ago`: a comparison earlier in the sentence
COMPARISON = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.|against)\s", re.IGNORECASE)
# A sentence end: the comparison must stand in the same sentence (`Inc. said` also stops it: too short is safe)
SENTENCE_END = re.compile(r"[.!?;:]['\"”’]?\s+")


def is_comparison(text: str, start: int) -> bool:
    """`from $1.43 billion a year ago`: a comparison word earlier in the same sentence (up to
    120 characters back), or `over` / `with` just before."""
    if is_preceded_by(text, start, {"over", "with"}):
        return True
    window = text[max(0, start - 120) : start]
    ends = list(SENTENCE_END.finditer(window))
    return bool(COMPARISON.search(window, ends[-1].end() if ends else 0))


def build_year_ago(m: re.Match, text: str) -> Value | None:
    """`the year-ago quarter`, `year-earlier results`: the reference period a year back."""
    return YearPart(ShiftedYear(Base.REFERENCE, -1))


def build_weekday(m: re.Match, text: str) -> Value | None:
    """`Friday`, `last Monday`, `this coming Tuesday`; `this Friday` is on or after the document date."""
    if not m["weekday"][0].isupper():
        return None
    rel = words(m["rel"] or "")
    way = Direction.ON_OR_AFTER if rel == "this" else direction_of(rel)
    return Weekday(WEEKDAYS[m["weekday"].lower()], way)


def build_weekday_range(m: re.Match, text: str) -> Value | None:
    """`Friday to Sunday`, `between Wednesday and Friday`: the first day as a bare weekday, the
    last the first such day on or after it."""
    if not (m["w1"][0].isupper() and m["w2"][0].isupper()) or is_and_without_between(m, text):
        return None  # `Monday and Friday` without `between`: two days
    return Interval(Weekday(WEEKDAYS[m["w1"].lower()]), Weekday(WEEKDAYS[m["w2"].lower()]))


def build_month(m: re.Match, text: str) -> Value | None:
    """`March`, `last March`, `this May`, `since May`; a bare `May` only after a month cue
    (`in May`), not a march (`the annual March for Life`)."""
    mo = month_number(m, "month")
    if mo is None:
        return None
    rel = words(m["rel"] or "")
    if mo == 5 and not rel and not is_preceded_by(text, m.start(), MONTH_CUES):
        return None
    if is_preceded_by(text, m.start(), {"the", "a", "annual"}) and re.match(
        r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z]", text[m.end() : m.end() + 12]
    ):
        return None  # a march (`the annual March for Life`, `a March on Washington`)
    if rel == "this":
        return YearPart(ShiftedYear(Base.DOCUMENT, 0), Month(mo))
    if rel:
        return YearPart(None, Month(mo), direction_of(rel))
    if is_preceded_by(text, m.start(), {"since"}):
        return YearPart(None, Month(mo), Direction.ON_OR_BEFORE)
    return YearPart(None, Month(mo))


# `four to seven days`, `about 10 to 12 days`, `6-8 weeks`, `between four and 9 years`: a range
# of durations writes its unit once, and its first number is a duration too (GUIDELINE); read
# only before a duration's match (the duration rule's `range_opener`). Not `£100,000-a-year`: the
# range's end is a number, not an article.
DURATION_RANGE_START = rule(
    "duration-range-start",
    rf"\b(?<!\d[.,]){QUALIFIER}{NUM}(?=(?P<joint>\s*[-–]\s*|\s+(?i:to|and)\s+)"
    rf"(?!(?i:an?)\b)(?:\d{{1,3}}(?:,\d{{3}})*|(?i:{NUMBER_WORD}))\b[\s-]+{UNIT})",
    build_duration_range_start,
    may_be_rate=True,
    opens_a_range=True,
)


# in RULES after the calendar rules (see patterns.py: the order matters)
RELATIVE_RULES: tuple[Rule, ...] = (
    rule(
        "relative-day",
        rf"\b(?i:{alternation(RELATIVE_DAYS)})\b",
        build_relative_day,
        needs=RELATIVE_DAY_WORDS,
        may_be_title_or_generic=True,
        speech_time=True,
    ),
    rule("anchored-day", rf"\b(?i:{alternation(ANCHORED_DAYS)})\b", build_anchored_day, needs=ANCHORED_DAY_WORDS),
    rule(
        "relative-described-year",
        r"\b(?P<rel>(?i:this|last|next))\s+(?P<described>[a-z]+)\s+year\b(?![\s-]+(?:old|long)\b)",
        build_described_year,
        needs=("year",),
        described_year=True,
    ),
    rule("relative-unit", RELATIVE_UNIT, build_relative_unit),
    rule(
        "the-relative-duration",
        rf"\b(?i:the)\s+(?P<rel>(?i:past|last|next|coming|upcoming|previous|prior|preceding|following|first))\s+(?:{NUM}\s+)?{UNIT}(?:\s+of\s+(?:{year('year')}|{REL_YEAR}))?",
        build_the_relative_duration,
    ),
    rule(
        "the-duration",
        rf"\b(?i:the)\s+{NUM}\s+{UNIT}(?![\s-]+(?:old|ago|earlier|later)\b)",
        build_duration,
        may_be_rate=True,
    ),
    rule(
        "duration",
        # not the decimals of a number (`5.7 years`: no `7 years`), but a decimal whole (P5.7Y)
        rf"\b(?<!\d[.,]){QUALIFIER}(?:{NUM}|(?P<decimal>\d{{1,3}}\.\d+))(?P<half>\s+1/2|\s*½|\s+and\s+a\s+half)?[\s-]+"
        rf"(?:(?i:{alternation(DURATION_MODIFIERS)})\s+)?{UNIT}(?![-‐]on[-‐])"  # not `a month-on-month rise`
        rf"(?P<andahalf>\s+and\s+a\s+half)?(?:\s+in\s+a\s+row)?",
        build_duration,
        may_be_rate=True,
        range_opener=DURATION_RANGE_START,
    ),
    DURATION_RANGE_START,
    rule(
        "compound-duration",
        r"\b(?P<unit>(?i:day|week|month|year|decade))-?(?i:long)\b",
        build_compound_duration,
        needs=("long",),
    ),
    rule(
        "half-unit",
        r"\b(?i:(?:a\s+)?half(?:\s+a|-)\s*)(?P<unit>(?i:century|year|decade))\b",
        build_half_century,
        needs=("half",),
    ),
    rule(
        "ago",
        # (not the decimals of a number: `5.7 years ago` is no `7 years ago`)
        rf"\b(?<!\d[.,]){QUALIFIER}{NUM}\s+(?P<unit>(?i:{plural_alternation(UNITS)}|hours?))(?:\s+or\s+so)?\s+(?P<direction>(?i:ago))\b",
        build_ago,
        needs=("ago",),
        reference_in_sentence=True,
    ),
    rule(
        "earlier-later",
        # `five years earlier than expected` compares with an expectation: a duration, no date
        rf"\b(?<!\d[.,]){QUALIFIER}{NUM}\s+(?P<unit>(?i:{plural_alternation(UNITS)}))\s+(?P<direction>(?i:earlier|later|before|after|prior))\b(?!\s+than\b)",
        build_ago,
        needs=("earlier", "later", "before", "after", "prior"),
    ),
    rule("year-ago", rf"\b{YEAR_AGO}\b", build_year_ago, needs=("year-",)),
)


# `last`, `this coming` ... before a weekday or a month name (group `rel`).
NEAR_MODIFIER = r"(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming|past))\s+)?"


# in RULES after the period rules (see patterns.py: the order matters)
WEEKDAY_MONTH_RULES: tuple[Rule, ...] = (
    rule("weekday", rf"\b{NEAR_MODIFIER}{FULL_WEEKDAY}(?!\w)", build_weekday, needs=("day",), speech_time=True),
    rule(
        "weekday-range",
        rf"\b(?P<w1>(?i:{alternation(FULL_WEEKDAY_NAMES)})){RANGE_WORD}(?P<w2>(?i:{alternation(FULL_WEEKDAY_NAMES)}))\b",
        build_weekday_range,
        needs=("day",),
    ),
    rule("month", rf"\b{NEAR_MODIFIER}{month('month', True)}(?![\w-]|\s+\d)", build_month, month_named=True),
)
