"""Written forms of a date, built from parts rather than one regex per form.

The parts: a day (`23`, `23rd`, `23RD`, `the twenty-third`), a month (a name or an
abbreviation in any letter case, or a number), a year (`2020`, `'24`), a weekday
(`Tuesday`, `Mon`) and a separator (`/ . -` or a space). :data:`FORM_RULES` joins them
into the forms the calendar rules of :mod:`.absolute` do not cover:

- `2020/Sep/23`, `23-Sep-2020`, `23.sep.20` (a named month between separators);
- `the second of March`, `the twenty-first of May 2024` (an ordinal word);
- `Tuesday 19th`, `Mon 13th`, `Saturday (19)` (a weekday and a day of the month: the one
  nearest the document date that falls on that weekday);
- `'24` after a month or a temporal word, `20240923` in a dateline;
- `1 October this year`; `the first Tuesday of October`, `the last Friday of May`;
- `two days after today`, `three weeks from now`; `in three years` (ahead, when the
  sentence speaks of the future: `will double in three years`); `the weekend`.

Numeric dates (`03/07/2009`) are read by :func:`numeric_order`: a part over 12 decides;
otherwise the release's other numeric dates, then its country's order in CLDR (`en_AU`
d/M/yy: day first), then its conventions (a US dateline or `$` amounts: month first), else
day first. The choice goes into the row's rule
(`numeric-date[month-first:us-release]`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from babel import Locale, UnknownLocaleError
from babel.dates import get_date_format

from pipeline.extractors.dates.fragments import (
    LEFT,
    NUM,
    REL_YEAR,
    Rule,
    month,
    month_day,
    relative_year,
    rule,
    year,
    year_number,
)
from pipeline.extractors.dates.lexicon import (
    FULL_WEEKDAY_NAMES,
    MONTHS,
    WEEKDAYS,
    alternation,
    number,
    words,
)
from pipeline.extractors.dates.values import (
    Alternatives,
    Base,
    Holiday,
    Interval,
    LastWeekday,
    Month,
    NthWeekday,
    Relative,
    Unit,
    Value,
    Weekday,
    WeekdayDay,
    YearPart,
    shifted,
)
from pipeline.extractors.numbers.currencies import release_territory
from pipeline.extractors.numbers.numbers import ORDINALS

# --- parts ------------------------------------------------------------------------------

MONTH_NAME = month("month")  # a full name, or an abbreviation and its period
ORDINAL_SUFFIX = r"(?i:st|nd|rd|th)"
TENS_ORDINALS = {"twenty": 20, "thirty": 30}
# `first` .. `thirty-first`: the ordinal words a day of the month is written in
DAY_WORDS: dict[str, int] = {w: n for w, n in ORDINALS.items() if 1 <= n <= 31} | {"thirtieth": 30}
for _tens, _n in TENS_ORDINALS.items():
    for _word, _unit in list(DAY_WORDS.items()):
        if 1 <= _unit <= 9 and _n + _unit <= 31:
            for _joint in ("-", " "):
                DAY_WORDS[f"{_tens}{_joint}{_word}"] = _n + _unit
DAY_WORD = rf"(?P<dayword>(?i:{alternation(DAY_WORDS)}))"
WEEKDAY_NAME = rf"(?P<weekday>{alternation(name.capitalize() for name in WEEKDAYS)})\.?"
SEP = r"(?P<sep>[-/.])"
APOSTROPHE_YEAR = r"['’](?P<short>\d\d)(?![\w'’])"
YEAR_CUES = ("in", "since", "of", "by", "until", "from", "before", "after", "class", "season", "summer", "winter")
UNIT_WORDS = {"day": Unit.DAY, "week": Unit.WEEK, "month": Unit.MONTH, "year": Unit.YEAR}
BASE_DAYS = {"today": 0, "now": 0, "tomorrow": 1, "yesterday": -1}
# A future in the sentence before `in three years`: a date ahead, not a duration.
FUTURE = re.compile(
    r"\b(?:will|shall|'ll|expects?|expected|plans?|planned|aims?|is\s+to|are\s+to|going\s+to|due)\b", re.IGNORECASE
)
CLAUSE_END = re.compile(r"[.!?;]\s")
SUPERLATIVE = re.compile(r"\b(?:first|time|since|\w+est|most|least|only)\b[^.;]{0,50}\b[Ii]n\s+\Z")


def month_of(m: re.Match) -> int:
    return MONTHS[m["month"].lower().rstrip(".")]


def day_of(m: re.Match) -> int:
    return DAY_WORDS[words(m["dayword"])] if m["dayword"] else int(m["day"])


def build_named_month_date(m: re.Match, text: str) -> Value | None:
    """`2020/Sep/23`, `23-Sep-2020`, `23.sep.20`."""
    y = year_number(m["year"])
    return month_day(y, month_of(m), int(m["day"]))


def build_day_word_of_month(m: re.Match, text: str) -> Value | None:
    """`the second of March`, `the twenty-first of May 2024`."""
    if not m["month"][0].isupper() and not m["year"]:
        return None  # `the first of may` is too weak without a capital or a year
    return month_day(int(m["year"]) if m["year"] else None, month_of(m), day_of(m))


def build_weekday_day(m: re.Match, text: str) -> Value | None:
    """`Tuesday 19th`, `Mon 13th`, `Saturday (19)`."""
    d = int(m["day"] or m["day2"])
    return WeekdayDay(WEEKDAYS[m["weekday"].lower().rstrip(".")], d) if 1 <= d <= 31 else None


def build_apostrophe_year(m: re.Match, text: str) -> Value | None:
    """`'24` after a temporal word (`in '24`) or a month (`Sept '24`, handled by the month rule)."""
    before = words(text[max(0, m.start() - 12) : m.start()]).split()
    if not before or before[-1] not in YEAR_CUES:
        return None
    return YearPart(year_number(m["short"]))


def build_month_apostrophe_year(m: re.Match, text: str) -> Value | None:
    """`Sept '24`, `March 3rd '19`."""
    if not m["month"][0].isupper():
        return None
    y = year_number(m["short"])
    return month_day(y, month_of(m), int(m["day"])) if m["day"] else YearPart(y, Month(month_of(m)))


def build_compact(m: re.Match, text: str) -> Value | None:
    """`20240923` in a dateline: near the start of a line, or after `date` / `dated`."""
    line_start = text.rfind("\n", 0, m.start()) + 1
    before = text[line_start : m.start()]
    dated = re.search(r"(?i:dated?|published|updated)\s*[:=]?\s*\Z", text[max(0, m.start() - 16) : m.start()])
    if not dated and not re.fullmatch(r"\s*(?:[A-Z][A-Za-z.'-]*(?:\s+[A-Z][A-Za-z.'-]*)*,\s*)?", before):
        return None  # only a dateline (`HALDEN, 20240923 --`) or the start of a line
    return month_day(int(m["year"]), int(m["mo"]), int(m["day"])) if 1 <= int(m["mo"]) <= 12 else None


def build_day_month_relative_year(m: re.Match, text: str) -> Value | None:
    """`1 October this year`, `October 1 next year`."""
    if not m["month"][0].isupper():
        return None
    return month_day(relative_year(m["relyear"]), month_of(m), int(m["day"]))


def build_nth_weekday(m: re.Match, text: str) -> Value | None:
    """`the first Tuesday of October`, `the last Friday of May 2024`: a holiday-like rule."""
    wd, mo = WEEKDAYS[m["weekday"].lower()], month_of(m)
    if not m["month"][0].isupper():
        return None
    nth = words(m["nth"])
    rule_: NthWeekday | LastWeekday
    if nth == "last":
        rule_ = LastWeekday(wd, mo)
    else:
        n = int(nth[0]) if nth[0].isdigit() else ORDINALS[nth]
        if not 1 <= n <= 5:
            return None
        rule_ = NthWeekday(n, wd, mo)
    return YearPart(int(m["year"]) if m["year"] else None, Holiday(rule_))


def build_offset_from(m: re.Match, text: str) -> Value | None:
    """`two days after today`, `three weeks from now`, `a month from today`."""
    n = number(m["num"])
    unit = UNIT_WORDS[words(m["unit"]).rstrip("s")]
    sign = -1 if words(m["way"]) == "before" else 1
    base = BASE_DAYS[words(m["base"])]
    if unit in (Unit.DAY, Unit.WEEK):
        return Relative(Base.DOCUMENT, Unit.DAY, base + sign * n * (7 if unit is Unit.WEEK else 1))
    return shifted(Base.DOCUMENT, unit, sign * n) if base == 0 else None


def build_in_future(m: re.Match, text: str) -> Value | None:
    """`will double in three years` -> the year three ahead; `the first time in three years` stays a duration."""
    sentence_start = max((e.end() for e in CLAUSE_END.finditer(text, max(0, m.start() - 120), m.start())), default=0)
    before = text[max(sentence_start, m.start() - 120) : m.start()]
    if not FUTURE.search(before) or SUPERLATIVE.search(before):
        return None  # `the first new plant in 40 years`, `its highest level in two years`: a duration
    n = number(m["num"])
    return shifted(Base.DOCUMENT, UNIT_WORDS[words(m["unit"]).rstrip("s")], n)


def build_the_weekend(m: re.Match, text: str) -> Value | None:
    """`the weekend`: Saturday and Sunday, the way the tense points (see context)."""
    return Interval(Weekday(6), Weekday(7))


WEEKDAY_FULL = rf"(?P<weekday>{alternation(name.capitalize() for name in FULL_WEEKDAY_NAMES)})"

# in RULES after the calendar rules (see patterns.py: the order matters)
FORM_RULES: tuple[Rule, ...] = (
    rule(
        "named-month-date",
        rf"{LEFT}(?:(?P<day>[0-3]?\d){SEP}{MONTH_NAME}(?P=sep)(?P<year>\d{{4}}|\d\d)"
        rf"|(?P<year2>\d{{4}})(?P<sep2>[-/.]){month('month2')}(?P=sep2)(?P<day2>[0-3]?\d))(?![\w/-]|\.\d)",
        lambda m, text: build_named_month_date(_merged(m), text),
    ),
    rule(
        "day-word-of-month",
        # `the second of March`, and without `the` (`until first of October 2031`)
        rf"\b(?:(?i:the)\s+)?{DAY_WORD}\s+(?:(?i:day)\s+)?(?i:of)\s+{MONTH_NAME}(?:,?\s+{year('year')})?(?!\w)",
        build_day_word_of_month,
        needs=("of",),
    ),
    rule(
        "weekday-day",
        rf"\b{WEEKDAY_NAME},?\s+(?:(?:the\s+)?(?P<day>[0-3]?\d){ORDINAL_SUFFIX}(?![\w-]|\s+(?:of\s+)?(?i:{alternation(MONTHS)})\b)"
        r"|\((?P<day2>[0-3]?\d)\))",
        build_weekday_day,
    ),
    rule("apostrophe-year", rf"(?<![\w'’]){APOSTROPHE_YEAR}", build_apostrophe_year, needs=("'", "’")),
    rule(
        "month-apostrophe-year",
        rf"\b{MONTH_NAME}(?:\s+(?P<day>[0-3]?\d){ORDINAL_SUFFIX}?,?)?\s+{APOSTROPHE_YEAR}",
        build_month_apostrophe_year,
        needs=("'", "’"),
    ),
    rule(
        "compact-date",
        r"(?<![\w$€£¥#/.,:-])(?P<year>(?:19|20)\d\d)(?P<mo>[01]\d)(?P<day>[0-3]\d)(?![\w/-]|[.,]\d)",
        build_compact,
    ),
    rule(
        "day-month-relative-year",
        rf"(?:{LEFT}(?P<day>[0-3]?\d){ORDINAL_SUFFIX}?\s+(?:of\s+)?{MONTH_NAME}"
        rf"|{month('month2')}\s+(?P<day2>[0-3]?\d){ORDINAL_SUFFIX}?,?)\s+(?:of\s+)?{REL_YEAR}",
        lambda m, text: build_day_month_relative_year(_merged(m), text),
        needs=("year",),
    ),
    rule(
        "nth-weekday-of-month",
        rf"\b(?i:the)\s+(?P<nth>(?i:first|second|third|fourth|fifth|last|1st|2nd|3rd|4th|5th))\s+"
        rf"(?P<weekday>(?i:{alternation(FULL_WEEKDAY_NAMES)}))\s+(?i:of|in)\s+{MONTH_NAME}(?:,?\s+{year('year')})?(?!\w)",
        build_nth_weekday,
    ),
    rule(
        "offset-from",
        rf"\b{NUM}\s+(?P<unit>(?i:days?|weeks?|months?|years?))\s+(?P<way>(?i:after|before|from))\s+"
        r"(?P<base>(?i:today|tomorrow|yesterday|now))\b",
        build_offset_from,
        needs=("today", "tomorrow", "yesterday", "now"),
    ),
    rule(
        "in-future",
        rf"(?<=\b[Ii]n\s){NUM}\s+(?P<unit>(?i:days|weeks|months|years))\b(?![\s-]+(?:old|time|ago)\b)",
        build_in_future,
    ),
    # not `the weekend of November 10-13`: the date after it names that weekend
    rule("the-weekend", r"\b(?i:the)\s+(?i:weekend)\b(?!\s+of\s)", build_the_weekend, needs=("weekend",)),
)


def _merged(m: re.Match) -> re.Match:
    """A match whose alternative groups (``year2``, ``month2``, ``day2``) are read as the first ones."""
    return _Merged(m)  # type: ignore[return-value]


class _Merged:
    def __init__(self, m: re.Match):
        self.m = m

    def __getitem__(self, name: str):
        return self.m[name] or (self.m[name + "2"] if name + "2" in self.m.re.groupindex else None)

    def start(self, *args):
        return self.m.start(*args)

    def end(self, *args):
        return self.m.end(*args)


# --- the order of a numeric date ---------------------------------------------------------

NUMERIC = re.compile(r"(?P<a>\d{1,2}) ?(?P<sep>[./-]) ?(?P<b>\d{1,2})")
US_DATELINE = re.compile(
    r"\b[A-Z][A-Za-z.]+(?:\s[A-Z][A-Za-z.]+)*,\s+(?:Calif|Mass|N\.Y|N\.J|Texas|Fla|Ill|Wash|Va|Md|Pa|Ga|Colo|Ariz"
    r"|Ore|Minn|Mich|Ohio|Conn|Tenn|Ind|Mo|Wis|Utah|Nev|N\.C|S\.C|D\.C|Del|Ky|La|Okla|Kan|Neb|Iowa|Ala|Ark)\b\.?"
    r"|\((?:BUSINESS WIRE|GLOBE NEWSWIRE)\)|/PRNewswire/",
)
DOLLARS = re.compile(r"(?<![A-Za-z])\$\s?\d")


class HasStart(Protocol):
    @property
    def start(self) -> int: ...


def numeric_order(text: str, numeric: Sequence[HasStart]) -> tuple[str, str]:
    """The release's order of numeric dates: ('day-first' or 'month-first', why)."""
    votes = {"day-first": 0, "month-first": 0}
    for c in numeric:
        m = NUMERIC.match(text, c.start)
        if m is None:
            continue
        a, b = int(m["a"]), int(m["b"])
        if a > 12 and b <= 12:
            votes["day-first"] += 1
        elif b > 12 and a <= 12:
            votes["month-first"] += 1
    if votes["day-first"] != votes["month-first"]:
        return max(votes, key=lambda k: votes[k]), "release-dates"
    territory = release_territory(text)
    order = territory_order(territory) if territory else None
    if order is not None:
        return order, "release-country"
    if US_DATELINE.search(text[:600]) or DOLLARS.search(text):
        return "month-first", "us-release"
    return "day-first", "default"


@cache
def territory_order(territory: str) -> str | None:
    """The order of day and month in the territory's short dates, by CLDR (through Babel):
    English there where CLDR has it (`en_AU` d/M/yy), else the territory's likely language
    (`ar_OM` d/M/y); None where the year comes first (`en_CA` y-MM-dd) or CLDR has nothing."""
    try:
        locale = Locale.parse(f"en_{territory}")
    except (UnknownLocaleError, ValueError):
        try:
            locale = Locale.parse(f"und_{territory}")
        except (UnknownLocaleError, ValueError):
            return None
    first = next((c for c in get_date_format("short", locale=locale).pattern if c in "dMy"), "")
    return {"d": "day-first", "M": "month-first"}.get(first)


def numeric_reading(value: Value, text: str, start: int, order: tuple[str, str]) -> tuple[Value, str]:
    """The reading of one numeric date and why: a part over 12 decides, else the release's ``order``."""
    if not isinstance(value, Alternatives):
        m = NUMERIC.match(text, start)
        first = "day-first" if m is None or int(m["a"]) > 12 else "month-first"
        return value, f"{first}:part>12"
    day_first, month_first = value.options[0], value.options[1]
    return (day_first if order[0] == "day-first" else month_first), f"{order[0]}:{order[1]}"
