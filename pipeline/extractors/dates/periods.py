"""Period rules: reporting periods, quarters, halves, seasons, holidays, `the week of`,
period edges (`year-end`), fiscal years and `the quarter ended ...`.
"""

from __future__ import annotations

import re

from pipeline.extractors.dates.fragments import (
    CALLS_FISCAL,
    END_OF_DATE,
    GLUED_MONTH,
    LEFT,
    ORDINAL_QUARTER,
    REL_YEAR,
    REL_YEAR_POSSESSIVE,
    SPOKEN_YEAR,
    THE_BEFORE_NOUN_PHRASE,
    YEAR_AGO,
    Rule,
    day,
    direction_of,
    first_group,
    is_preceded_by,
    month,
    month_day,
    month_number,
    ordinal_number,
    relative_year,
    rule,
    spoken_year,
    stated_year,
    year,
    year_number,
)
from pipeline.extractors.dates.lexicon import (
    HOLIDAYS,
    NEAR_WORDS,
    OBSERVANCE_OPENERS,
    RESULTS_NOUNS,
    SEASON_CUES,
    SEASONS,
    alternation,
    number,
    words,
)
from pipeline.extractors.dates.relative import UNIT_WORDS
from pipeline.extractors.dates.values import (
    Base,
    Direction,
    Edge,
    Fiscal,
    Half,
    Holiday,
    Interval,
    Month,
    MonthDay,
    PeriodEnding,
    PeriodInYear,
    Quarter,
    Relative,
    Season,
    ShiftedYear,
    Side,
    Unit,
    Value,
    WeekOf,
    YearPart,
    YearToDate,
    first_months,
    shifted,
)

HOLIDAY_WORDS = tuple({name.split()[0].split("'")[0] for name in HOLIDAYS})
SEASON_WORDS = tuple(SEASONS)


FISCAL_WORD = r"(?i:fiscal(?:\s+year)?|FY)"
YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
# `the third quarter of 2024`, `the 1988 second quarter`, `fiscal 2024 fourth quarter`,
# `the fourth quarter of fiscal 2024`, `this year's third quarter`, `the year-ago quarter`
QUARTER = (
    # `2030/31's first quarter`: a fiscal year's pair, by the year it ends in
    rf"\b(?:{THE_BEFORE_NOUN_PHRASE}|{REL_YEAR_POSSESSIVE}\s+|{LEFT}(?P<pair>\d{{4}}[/-]\d{{2}})['’]s\s+)?"
    rf"(?:{year('year')}\s+|(?P<yearago>(?i:year-ago|year-earlier))\s+)?"
    rf"(?:(?P<fiscal>(?i:fiscal))[\s-]+(?:(?P<fy>{YEAR_DIGITS})\s+)?)?"
    rf"{ORDINAL_QUARTER}[\s-]+(?P<fiscal2>(?i:fiscal)[\s-]+)?(?i:quarter)"
    rf"(?:\s+(?:of\s+)?(?:(?P<fiscal3>{FISCAL_WORD})\s*)?(?:(?P<year2>{YEAR_DIGITS})\b|{REL_YEAR}))?"
)
# `the first half of 2023`, `the second half of next year`, `the first half of fiscal 2024`
HALF = (
    rf"\b(?:{THE_BEFORE_NOUN_PHRASE}|{REL_YEAR_POSSESSIVE}\s+)?"
    r"(?P<ordinal>(?i:first|second|latter|last))[\s-]+(?i:half)(?:[\s-](?i:year))?"  # `First half-year 2016`
    rf"(?:\s+(?:of\s+)?(?:(?P<fiscal3>{FISCAL_WORD})\s*)?(?:{year('year')}|{REL_YEAR}))?(?![\w-])"
)
# `the quarter ended Sept. 30`, `the nine months ended 30 June 2024`, `the fiscal period ending June 2026`,
# `the six months to 31 December` (British usage)
PERIOD_ENDING = (
    r"\b(?:(?i:the)\s+)?(?P<fiscal>(?i:fiscal)\s+)?"
    rf"(?:{ORDINAL_QUARTER}[\s-]+(?:(?i:fiscal)\s+)?(?=(?i:quarter|half)\b))?"  # `the third quarter ended Sept. 30`
    # `the nine months ended`, `the nine-month period ended`, `the twelve months period ended`,
    # `the six month period ended`, `the six month reporting period ended`
    r"(?P<period>(?i:half[\s-]+year|quarter|half|year|(?:reporting\s+)?period|(?:three|six|nine|twelve|3|6|9|12)(?:\s+months|[\s-]month)(?:\s+(?:reporting\s+)?period)?))[\s-]+"
    # `for the year end December 31, 2031` (an `ended` clipped) before a stated day only
    r"(?i:ended|ending|end|that\s+ended|that\s+ends|which\s+ends|to)\s+(?:(?i:on)\s+)?"
    rf"(?P<stated>(?:{month('month')}(?:\s+{day('day')})?|{day('day2')}(?:\s+|{GLUED_MONTH}){month('month2')})"
    rf"(?:,?\s+{year('year')})?){END_OF_DATE}"
)


def build_year_period(m: re.Match, text: str) -> Value | None:
    """`the 1988 quarter`, `in the 1989 period`, `the same period in 2017`: the reporting period
    under discussion, in that year."""
    return PeriodInYear(int(m["year"]))


def quarter_year(m: re.Match) -> tuple[int | ShiftedYear | None, bool]:
    """The year of a quarter or half (None: not stated) and whether it is fiscal."""
    fiscal = bool(first_group(m, "fiscal", "fiscal2", "fiscal3", "fy"))
    if pair := m.groupdict().get("pair"):
        first = int(pair[:4])
        return first // 100 * 100 + int(pair[-2:]), True
    if end := first_group(m, "pairend", "pairend2"):
        return int(m["year"]) // 100 * 100 + int(end), True
    if y := first_group(m, "year", "fy", "year2"):
        return year_number(y), fiscal
    if first_group(m, "yearago"):
        return ShiftedYear(Base.REFERENCE, -1), fiscal
    if rel := first_group(m, "relyear", "relyear0"):
        return relative_year(rel), fiscal
    return None, fiscal


def year_part(m: re.Match, part: Quarter | Half) -> Value:
    """The quarter or half of the matched year: `2024-Q3`, `FY2024-Q4` (a fiscal year
    stated by number), `RY+0-H1`."""
    y, fiscal = quarter_year(m)
    if fiscal and isinstance(y, int):
        return Fiscal(y, part)
    return YearPart(y, part)


def build_quarter(m: re.Match, text: str) -> Value | None:
    """`the third quarter of 2024`, `fiscal 2024 fourth quarter`, `Q3 FY24`, `3Q24`."""
    q = first_group(m, "q")
    return year_part(m, Quarter(int(q) if q else ordinal_number(m["ordinal"], last=4)))


def build_month_quarter(m: re.Match, text: str) -> Value | None:
    """`the September quarter`, `the June quarter 2020`, `the March 2031 quarter`, `the December
    half`: the calendar quarter or half ending that month."""
    mo = month_number(m, "month") or month_number(m, "month2")
    size = 6 if words(m["unit"]) == "half" else 3
    if mo is None or mo % size or (m["year2"] and m["year"]):
        return None
    y = year_number(m["year2"]) if m["year2"] else stated_year(m)
    return YearPart(y, Half(mo // 6) if size == 6 else Quarter(mo // 3))


def build_quarter_range(m: re.Match, text: str) -> Value | None:
    """`Q1-Q3 2031`: from the first quarter's first day to the last one's end."""
    q1, q2, y = int(m["q1"]), int(m["q2"]), int(m["year"])
    if q2 <= q1:
        return None
    return Interval(YearPart(y, MonthDay(3 * q1 - 2, 1)), Edge(Side.END, YearPart(y, Month(3 * q2))))


# `the first half of the race`, `the second half of the match`: half of a thing, no period
HALF_OF_A_THING = re.compile(
    r"\s+of\s+(?i:the|a|an|its|their|this|that)\s+(?![a-z-]*\s*(?i:year|decade|century|season|fiscal|financial|calendar)\b)"
)


def build_half(m: re.Match, text: str) -> Value | None:
    """`the first half of 2024`, `H1 FY24`, `1H24`; not `the first half of the race`."""
    if not first_group(m, "year", "year2") and HALF_OF_A_THING.match(text, m.end()):
        return None
    h = first_group(m, "h", "h2")
    return year_part(m, Half(int(h) if h else ordinal_number(m["ordinal"], last=2)))


def build_half_year(m: re.Match, text: str) -> Value | None:
    """`HY 22`, `HY2 2031`: the half-year a results table names, the first unless numbered."""
    return year_part(m, Half(int(m["h"] or 1)))


def build_months_to_date(m: re.Match, text: str) -> Value | None:
    """`9M 2024`, `9M24`, `6M'24`: the year's first nine or six months, like `the first nine
    months of 2024` (results tables write them so)."""
    y, _ = quarter_year(m)
    if not isinstance(y, int):
        return None
    return first_months(y, int(m["months"]))


def build_months_results(m: re.Match, text: str) -> Value | None:
    """`Harbour Air posts record nine months net profit`: the document year's first nine months."""
    return first_months(ShiftedYear(Base.DOCUMENT, 0), number(m["months"]))


def build_same_period_ago(m: re.Match, text: str) -> Value | None:
    """`the prior-year period`, `the same quarter last year`: the period under discussion a
    year back."""
    return PeriodInYear(ShiftedYear(Base.REFERENCE, -1))


def build_year_to_date(m: re.Match, text: str) -> Value | None:
    """`year to date`, `the year-to-date`, `YTD`: the reporting period's year so far."""
    return YearToDate()


def build_same_month_ago(m: re.Match, text: str) -> Value | None:
    """`the same month last year` in a monthly release: the month the sentence speaks of (else
    the document date's), twelve months back."""
    return Relative(Base.REFERENCE, Unit.MONTH, -12)


def build_same_time_ago(m: re.Match, text: str) -> Value | None:
    """`the same time last year`: the sentence's reference date a year back (with none in
    reach, the reporting period a year back, else last year), as `a year earlier`."""
    return shifted(Base.REFERENCE, Unit.YEAR, -1)


def build_months_period(m: re.Match, text: str) -> Value | None:
    """`the nine-month period`: the year's first nine months in a results release, the year
    of the period under discussion (`... last year`: a year back)."""
    months = number(m["months"])
    if months not in (3, 6, 9, 12):
        return None
    return first_months(ShiftedYear(Base.REFERENCE, -1 if m["ago"] else 0), months)


def build_season(m: re.Match, text: str) -> Value | None:
    """`summer 2024`, `last winter` (the latest one ended before the document date)."""
    season = Season(SEASONS[words(m["season"])][0])
    rel = words(m["rel"]) if m["rel"] else ""
    if m["year"]:
        return YearPart(int(m["year"]), season)
    if m["spoken"]:
        y = spoken_year(m["spoken"])
        return YearPart(y, season) if y else None
    if m["season"][0].isupper() and re.match(r"\s+[A-Z]", text[m.end() : m.end() + 2]):
        return None  # a name (`Summer Davos`, `Spring Festival`)
    if (
        words(m["season"]) == "fall"
        and rel in ("", "the", "this")
        and re.match(r"\s+(?:in|of|to|from|by|was|is|has)\b", text[m.end() : m.end() + 6])
    ):
        return None  # a decline (`the fall in profits`)
    if words(m["season"]) == "fall" and rel == "the" and not is_preceded_by(text, m.start(), SEASON_CUES):
        return None  # `Despite the fall, ...`: a decline, unless a temporal word leads (`in the fall`)
    if not rel and not is_preceded_by(text, m.start(), SEASON_CUES):
        return None  # a bare season word only after a temporal word (`in summer`, `early spring`)
    if rel == "this":  # this year's; a winter runs into the next year, so the current or coming one
        if season.code == "WI":
            return YearPart(None, season, Direction.ON_OR_AFTER)
        return YearPart(ShiftedYear(Base.DOCUMENT, 0), season)
    return YearPart(None, season, direction_of(rel))


def build_observance_day(m: re.Match, text: str) -> Value | None:
    """`World Harbour Day 2031` in a release that marks it: the document's day."""
    return Relative(Base.DOCUMENT, Unit.DAY, 0)


def build_holiday(m: re.Match, text: str) -> Value | None:
    """`Christmas`, `last Easter`, `Easter 2024`; `Easter week` -> Monday to Sunday around it."""
    holiday = holiday_day(m)
    return WeekOf(holiday) if holiday and m["week"] else holiday


def holiday_day(m: re.Match) -> YearPart | None:
    if not m["holiday"][0].isupper():
        return None
    holiday = Holiday(HOLIDAYS[words(m["holiday"])])
    if m["year"]:
        return YearPart(int(m["year"]), holiday)
    rel = words(m["rel"] or "")
    if rel == "this":
        return YearPart(
            ShiftedYear(Base.DOCUMENT, 0), holiday
        )  # `this Christmas`: the document year's, like `this summer`
    return YearPart(None, holiday, direction_of(rel))


def build_week_of(m: re.Match, text: str) -> Value | None:
    """`the week of March 4`: Monday to Sunday around the day."""
    mo = month_number(m, "month")
    d = month_day(None, mo, int(m["day"])) if mo else None
    return WeekOf(d) if d else None


WEEK_DAYS = {"first": (1, 7), "second": (8, 14), "third": (15, 21), "fourth": (22, 28)}


def build_week_of_month(m: re.Match, text: str) -> Value | None:
    """`the first week of October 2031`: its days 1 to 7 (the second 8 to 14 ...)."""
    mo = month_number(m, "month")
    if mo is None:
        return None
    first, last = WEEK_DAYS[words(m["nth"])]
    y = int(m["year"]) if m["year"] else None
    return Interval(YearPart(y, MonthDay(mo, first)), YearPart(y, MonthDay(mo, last)))


def build_period_edge(m: re.Match, text: str) -> Value | None:
    """`the end of the year`, `the beginning of next month`."""
    side = Side.START if words(m["edge"]) in ("beginning", "start") else Side.END
    offset = NEAR_WORDS[words(m["rel"] or "the")]
    return Edge(side, shifted(Base.DOCUMENT, UNIT_WORDS[words(m["unitword"])], offset))


def build_year_end(m: re.Match, text: str) -> Value | None:
    """`year-end`, `2024 year end`, `year's end`, `2024-end`."""
    y = m["year"] or m["year2"] or m["year3"]
    return Edge(Side.END, YearPart(int(y) if y else ShiftedYear(Base.DOCUMENT, 0)))


def build_fiscal(m: re.Match, text: str) -> Value | None:
    """`FY2025`, `FY24`, `fiscal 2024`, `fiscal year 2019/20` (labelled by the end year)."""
    y = year_number(m["year"])
    if m.groupdict().get("year2"):
        y2 = year_number(m["year2"]) if len(m["year2"]) == 4 else y // 100 * 100 + int(m["year2"])
        if y2 != y + 1:
            return None
        y = y2
    return Fiscal(y)


PERIOD_MONTHS = {"quarter": 3, "half": 6, "half year": 6, "half-year": 6, "year": 12, "period": 12}


def build_period_ending(m: re.Match, text: str) -> Value | None:
    """`the quarter ended Sept. 30`, `the nine months ended 30 June 2024`, `the fiscal
    period ending June 2026`: the months up to the stated day (or month). `the period ended
    30 June 2031` says nothing of its length: the release's reporting period where that ends
    on the day (``months`` 0, see :func:`pipeline.extractors.dates.extract_dates`)."""
    name = words(m["period"])
    if " month" in name or "-month" in name:
        months = number(re.split(r"[\s-]", name)[0])
    elif name == "period" and not m["fiscal"]:
        if not m.group().lower().startswith("the"):
            return None  # `the nine-month period ended`: the period is named before
        months = 0
    else:
        months = PERIOD_MONTHS[name]
    mo = month_number(m, "month") or month_number(m, "month2")
    d = m["day"] or m["day2"]
    if months is None or months > 12 or mo is None:
        return None
    y = stated_year(m)
    end = month_day(y, mo, int(d)) if d else YearPart(y, Month(mo))
    part: Quarter | Half | None = None  # named, in a release that calls its periods fiscal
    # a named quarter ending off the calendar's is the fiscal year's where the release calls its
    # periods fiscal (contract: `FY2024-Q4` where the release calls it fiscal)
    if m["ordinal"] and name in ("quarter", "half") and CALLS_FISCAL.search(text):
        part = Quarter(ordinal_number(m["ordinal"], 4)) if name == "quarter" else Half(ordinal_number(m["ordinal"], 2))
    return PeriodEnding(months, end, bool(m["fiscal"]), part) if end else None


# `last year`, `of the previous year`, `in the prior year`: after `the same quarter`, `the same month`
LAST_YEAR = r"(?:(?i:last)\s+(?i:year)|(?i:of|in)\s+(?:(?i:the)\s+)?(?i:previous|preceding|prior|last)\s+(?i:year))\b"


# `record nine months net profit`: the year's first months, this year's (data/results_nouns.txt);
# in RULES before the durations, which read the same words as a stretch of time
MONTHS_RESULTS_RULE = rule(
    "months-results",
    rf"\b(?P<months>(?i:three|six|nine|3|6|9))[\s-](?i:months?)(?=\s+(?i:{alternation(RESULTS_NOUNS)})\b)",
    build_months_results,
    needs=("month",),
)


# in RULES after the relative rules (see patterns.py: the order matters)
PERIOD_RULES: tuple[Rule, ...] = (
    rule(
        "year-period",
        rf"\b(?i:the)\s+{year('year')}\s+(?i:quarter|period|half)\b",
        build_year_period,
        needs=("quarter", "period", "half"),
        reference_period=True,
    ),
    rule(
        "same-period-year",
        rf"\b(?i:the)\s+(?i:same)\s+(?i:quarter|period|half)\s+(?i:in|of)\s+{year('year')}(?![\w-])",
        build_year_period,
        needs=("same",),
        reference_period=True,
    ),
    rule(
        "year-ago-period",
        # `the prior-year period`, also unhyphenated (`in the prior year period`)
        rf"\b(?:{YEAR_AGO}|(?i:the\s+)?(?i:prior|previous)[-\s](?i:year)|(?i:last)\s+year['’]s)"
        r"\s+(?i:quarter|half|period)\b",
        build_same_period_ago,
        needs=("year-", "-year", "year's", "year’s", "prior year", "previous year"),
        reference_period=True,
    ),
    rule(
        "same-period-last-year",
        # `the same period last year`, `the corresponding quarter of the previous year`
        rf"\b(?i:the)\s+(?i:same|corresponding|comparable)\s+(?i:quarter|period|half)\s+{LAST_YEAR}",
        build_same_period_ago,
        needs=("same", "corresponding", "comparable"),
        reference_period=True,
    ),
    rule(
        "comparison-period",
        # `the comparison period`, `the prior period`, `the previous corresponding period` of a
        # results release: its reporting period a year back (GUIDELINE, seventh to ninth batches)
        # (`the comparative period last year` says the same once more: one mention)
        r"\b(?i:the)\s+(?:(?i:comparison|comparative|prior|previous)\s+(?:(?i:corresponding)\s+)?|(?i:corresponding\s+prior)\s+)(?i:period)\b"
        rf"(?:\s+{LAST_YEAR})?",
        build_same_period_ago,
        needs=("comparison", "comparative", "prior", "previous", "corresponding"),
        reference_period=True,
        reporting_reference=True,
    ),
    rule(
        "year-to-date",
        # (the release's reporting period decides the days: GUIDELINE, thirty-first and second batches)
        r"\b(?:(?i:the)\s+)?(?i:year)[\s-]+(?i:to)[\s-]+(?i:date)\b|\bYTD\b",
        build_year_to_date,
        needs=("date", "ytd"),  # matched in lower case
        reference_period=True,
        reporting_reference=True,
    ),
    rule(
        "same-month-last-year",
        rf"\b(?i:the)\s+(?i:same|corresponding)\s+(?i:month)\s+{LAST_YEAR}",
        build_same_month_ago,
        needs=("same", "corresponding"),
    ),
    rule(
        "same-time-last-year",
        # `the same time last year`, `the same week in the preceding year`, `last year at the same
        # time`: the reference one year back, as `a year earlier` (GUIDELINE, anchored expressions)
        rf"\b(?:(?i:the)\s+(?i:same)\s+(?i:time|week|day)\s+(?:{LAST_YEAR}|(?i:a\s+year\s+(?:ago|earlier)))"
        r"|(?i:last)\s+(?i:year)\s+(?i:at)\s+(?i:the)\s+(?i:same)\s+(?i:time))",
        build_same_time_ago,
        needs=("same",),
    ),
    rule(
        "months-period",
        r"\b(?i:the)\s+(?P<months>(?i:three|six|nine|twelve|3|6|9|12))-(?i:month)\s+(?i:period)\b"
        r"(?P<ago>\s+(?i:last\s+year|a\s+year\s+(?:ago|earlier)))?",
        build_months_period,
        needs=("month period",),
        reference_period=True,
    ),
    rule("quarter", QUARTER, build_quarter, needs=("quarter",)),
    rule(
        "q-quarter",
        # `Q3 FY 2022-23`: a fiscal year's pair, labelled by the year it ends in
        rf"{LEFT}Q(?P<q>[1-4])(?:(?:\s+of\s+|\s+[-–]\s+(?=\d{{4}})|\s*|-)(?P<fiscal>FY|(?i:fiscal))?\s*'?(?P<year>\d{{4}}|\d{{2}})"
        rf"(?:(?<=FY\s\d{{4}})[-/–](?P<pairend>\d{{2}})|(?<=FY\d{{4}})[-/–](?P<pairend2>\d{{2}}))?)?(?![\w/])",
        build_quarter,
        period_label=True,
    ),
    rule("year-q-quarter", rf"{LEFT}(?P<year>\d{{4}})\s*-?\s*Q(?P<q>[1-4])(?!\w)", build_quarter),
    rule(
        "nq-quarter",
        rf"{LEFT}(?P<q>[1-4])Q\s*(?P<fiscal>FY)?\s*'?(?P<year>\d{{4}}|\d{{2}})?(?!\w)",
        build_quarter,
        period_label=True,
    ),
    rule(
        "month-quarter",
        # `the September quarter`, `the June quarter 2020`, `(the) March 2031 quarter`
        rf"\b(?:(?i:the)\s+{month('month', True)}\s+|(?:(?i:the)\s+)?{month('month2', True)}\s+{year('year2')}\s+)"
        rf"(?P<unit>(?i:quarter|half))\b(?:\s+(?:of\s+)?{year('year')})?",
        build_month_quarter,
        needs=("quarter", "half"),
    ),
    # `Q1-Q3 2031`: the quarters from the first's start to the last's end
    rule(
        "quarter-range",
        rf"{LEFT}Q(?P<q1>[1-4])\s*[-–]\s*Q(?P<q2>[1-4])\s+{year('year')}(?![\w/])",
        build_quarter_range,
    ),
    rule("half", HALF, build_half, needs=("half",)),
    rule(
        "h-half",
        rf"{LEFT}(?:H(?P<h>[12])(?:\s*(?P<fiscal>FY)?\s*'?(?P<year>\d{{4}}|\d{{2}}))?|(?P<h2>[12])H\s*(?P<fiscal2>FY)?\s*'?(?P<year2>\d{{4}}|\d{{2}}))(?![\w-])",
        build_half,
        period_label=True,
    ),
    # `HY 22`, `HY2031`: a results table's half-year, the first half (`HY2` the second)
    rule(
        "hy-half",
        rf"{LEFT}HY(?P<h>[12])?\s?'?(?P<year>\d{{4}}|\d{{2}})(?![\w/-])",
        build_half_year,
        needs=("hy",),
        period_label=True,
    ),
    # `9M 2024`, `9M24` (not `3M`, a company, nor `$9M`, an amount: LEFT and the year)
    rule(
        "months-to-date",
        rf"{LEFT}(?P<months>[69])M\s*'?(?P<year>\d{{4}}|\d{{2}})(?![\w/])",
        build_months_to_date,
        needs=("6m", "9m"),
    ),
    rule(
        "season",
        rf"\b(?:(?P<rel>(?i:this\s+past|this\s+coming|the\s+past|the\s+coming|this|last|next|the))\s+)?(?P<season>(?i:{alternation(SEASONS)}))\b(?:\s+(?:of\s+)?(?:{year('year')}|(?P<spoken>{SPOKEN_YEAR})))?",
        build_season,
        needs=SEASON_WORDS,
    ),
    rule(
        "holiday",
        rf"\b(?:(?P<rel>(?i:last|this|next))\s+)?(?P<holiday>(?i:{alternation(HOLIDAYS)}))(?!\w)(?:\s+{year('year')})?(?P<week>\s+week\b)?",
        build_holiday,
        needs=HOLIDAY_WORDS,
        names_day=True,
    ),
    # after the holidays: a day the calendar fixes is read as such (`International Women's Day`)
    rule(
        "observance-day",
        rf"\b(?:{alternation(OBSERVANCE_OPENERS)})(?:\s+(?:[A-Z][\w'’-]*|of|for|the|and)){{1,6}}?\s+Day(?:\s+(?P<year>\d{{4}}))?\b",
        build_observance_day,
        needs=("day",),
        marked_day=True,
        names_day=True,
    ),
)


# last in RULES, after the weekday and month rules (see patterns.py: the order matters)
EDGE_FISCAL_RULES: tuple[Rule, ...] = (
    rule("week-of", rf"\b(?i:the\s+week\s+of)\s+{month('month')}\s+{day('day')}", build_week_of, needs=("week",)),
    rule(
        "week-of-month",
        rf"\b(?:(?i:the)\s+)?(?P<nth>(?i:first|second|third|fourth))\s+(?i:week)\s+(?i:of)\s+{month('month')}"
        rf"(?:,?\s+{year('year')})?",
        build_week_of_month,
        needs=("week of",),
        month_named=True,
    ),
    rule(
        "period-edge",
        # `the end of the year`, and without `the` (`before end of the year`, GUIDELINE)
        r"\b(?:(?i:the)\s+)?(?P<edge>(?i:end|beginning|start))\s+(?i:of)\s+(?P<rel>(?i:the|this|last|next))\s+(?P<unitword>(?i:year|month|week|quarter))(?![\w-])",
        build_period_edge,
        needs=("end", "beginning", "start"),
    ),
    rule(
        "year-end",
        # `2024 year end`, `year-end`, `year's end 2024`, `2024-end`
        rf"\b(?:{year('year')}\s+)?(?i:year)(?:[\s-]?|['’]s\s+)(?i:end)\b(?:\s+{year('year2')})?"
        rf"|{LEFT}{year('year3')}-(?i:end)\b(?!-)",
        build_year_end,
        needs=("end",),
    ),
    rule(
        "fy",
        rf"{LEFT}(?:FY|F\.Y\.)\s?'?(?P<year>\d{{4}}|\d{{2}})(?:\s*[-/]\s*(?P<year2>\d{{4}}|\d{{2}}))?(?![\w%])",
        build_fiscal,
        needs=("fy", "f.y."),
    ),
    rule(
        "fiscal-year",
        # `fiscal 2024`, `fiscal year 2023`, `the financial year 2021` (`the` kept, as in `the year 2016`)
        r"\b(?:(?i:the)\s+)?(?:(?i:fiscal)(?:\s+(?i:year))?|(?i:financial\s+year))"
        r"\s+(?P<year>\d{4})(?:\s*[-/]\s*(?P<year2>\d{4}|\d{2}))?(?![\w%])",
        build_fiscal,
        needs=("fiscal", "financial"),
    ),
    rule(
        "year-fiscal-year",
        # `the 2019 financial year`, `early in the 2031 fiscal year`
        r"\b(?:(?i:the)\s+)?(?P<year>\d{4})\s+(?i:fiscal|financial)\s+(?i:year)\b",
        build_fiscal,
        needs=("fiscal", "financial"),
    ),
    rule(
        "year-pair-fiscal-year",
        # `the 07/08 financial year`, `the 2019-20 fiscal year`
        rf"\b(?:(?i:the)\s+)?{LEFT}(?P<year>\d{{4}}|\d{{2}})\s*[-/–]\s*(?P<year2>\d{{4}}|\d{{2}})"
        r"\s+(?i:fiscal|financial)\s+(?i:year)\b",
        build_fiscal,
        needs=("fiscal", "financial"),
    ),
    # two mentions (contract v1.1): the period (`the quarter`) and the stated day (`Sept. 30, 2024`)
    rule(
        "period-ending",
        PERIOD_ENDING,
        build_period_ending,
        needs=("ended", "ending", "ends", "months to", "year to", "quarter to", "half to", "year end", "quarter end"),
        split=("period", "stated"),
    ),
)
