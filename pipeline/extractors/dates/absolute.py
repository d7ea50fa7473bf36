"""Calendar date rules: ISO and numeric dates, month/day/year forms, day, month and year
ranges, spoken years, decades and centuries.
"""

from __future__ import annotations

import re

from pipeline.extractors.dates.fragments import (
    ANCHORED_YEAR,
    CALLS_FISCAL,
    END_OF_DATE,
    GLUED_MONTH,
    LEFT,
    LEFT_YEAR,
    RANGE_DASH,
    RANGE_WORD,
    REL_YEAR,
    SPOKEN_YEAR,
    WEEKDAY,
    YEAR_RANGE_WORD,
    Rule,
    anchored_year,
    day,
    is_and_without_between,
    is_preceded_by,
    month,
    month_day,
    month_number,
    relative_year,
    rule,
    spoken_year,
    stated_year,
    valid_day,
    year,
    year_number,
)
from pipeline.extractors.dates.lexicon import NUMBER_WORDS, OTHER_LANGUAGE_MONTHS, alternation, words
from pipeline.extractors.dates.values import (
    Century,
    Decade,
    Fiscal,
    Half,
    Interval,
    LatestDecade,
    Month,
    MonthDay,
    Quarter,
    ShiftedYear,
    Value,
    YearPart,
    one_of,
)

# A weekday before the date joins it, also with the date in brackets (`Monday (March 2)`,
# `Thursday (13 June)`: one mention, as the guideline says).
WEEKDAY_BEFORE = rf"(?:(?:{WEEKDAY})(?:,?\s+|[ \t]+(?P<open>\()))?"
MONTH_DAY_YEAR = rf"{WEEKDAY_BEFORE}{month('month')}\s+{day('day')}(?:,?\s+{year('year')})?(?(open)\)){END_OF_DATE}"
DAY_MONTH_YEAR = rf"{WEEKDAY_BEFORE}{LEFT}{day('day')}(?:\s+(?:of\s+)?|{GLUED_MONTH}){month('month')}(?:,?\s+{year('year')})?(?(open)\))(?!\w)"


def build_iso(m: re.Match, text: str) -> Value | None:
    """`2023-11-10`, `2023/11/10`."""
    y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
    return month_day(y, mo, d) if 1 <= mo <= 12 else None


def build_numeric(m: re.Match, text: str) -> Value | None:
    """`03/07/2009`: the day-first and the month-first reading, in that order (the release
    chooses, see :func:`.forms.numeric_order`); one reading when a part is over 12."""
    a, b, y = int(m["a"]), int(m["b"]), year_number(m["year"])
    if len(m["year"]) == 2 and m["sep"] == "-":
        return None
    return one_of([YearPart(y, MonthDay(mo, d)) for d, mo in ((a, b), (b, a)) if 1 <= mo <= 12 and valid_day(d, mo)])


def build_month_day(m: re.Match, text: str) -> Value | None:
    """`November 10th`, `10 November 2023`, `the 23rd of May`; in lower case only with a year
    (`march 3 2015`)."""
    mo = month_number(m, "month", lower=bool(m["year"]))
    return month_day(stated_year(m), mo, int(m["day"])) if mo else None


def build_other_language_date(m: re.Match, text: str) -> Value | None:
    """`12 Octubre 2021`, `14 de marzo de 2022`: a whole date with another language's month."""
    return month_day(int(m["year"]), OTHER_LANGUAGE_MONTHS[m["month"].lower()], int(m["day"]))


def build_month_year(m: re.Match, text: str) -> Value | None:
    """`November 2023`, `May of 2024`."""
    mo = month_number(m, "month")
    return YearPart(int(m["year"]), Month(mo)) if mo else None


def build_month_relative_year(m: re.Match, text: str) -> Value | None:
    """`March next year`, `December of this year`, `March of the previous year` (the
    reference date's year before)."""
    mo = month_number(m, "month")
    year = relative_year(m["relyear"]) if m["relyear"] else anchored_year(m["anchoredyear"])
    return YearPart(year, Month(mo)) if mo else None


def build_day_range(m: re.Match, text: str) -> Value | None:
    """`Nov. 22 and 24`, `22-24 November 2023`, `the 23rd to 27th of May`."""
    mo = month_number(m, "month")
    d1, d2 = int(m["d1"]), int(m["d2"])
    if mo is None or d2 <= d1:
        return None
    y: int | ShiftedYear | None = stated_year(m)
    if m.groupdict().get("relyear"):
        y = relative_year(m["relyear"])  # `April 26 to 30 next year`
    left, right = month_day(y, mo, d1), month_day(y, mo, d2)
    return Interval(left, right) if left and right else None


def build_month_day_range(m: re.Match, text: str) -> Value | None:
    """`Nov. 30 to Dec. 2`, `27 May to 1 June 2024`."""
    m1, m2 = month_number(m, "m1"), month_number(m, "m2")
    if m1 is None or m2 is None or is_and_without_between(m, text):
        return None  # `on April 20 and April 27`: two days
    y2 = stated_year(m)
    y1 = (y2 - 1 if m1 > m2 else y2) if y2 else None
    left, right = month_day(y1, m1, int(m["d1"])), month_day(y2, m2, int(m["d2"]))
    return Interval(left, right) if left and right else None


def month_range(m: re.Match, text: str) -> tuple[int, int] | None:
    """The first and last month of `January-March`, `between May and July`; not `May and July`."""
    m1, m2 = month_number(m, "m1"), month_number(m, "m2")
    if m1 is None or m2 is None or m1 >= m2 or is_and_without_between(m, text):
        return None
    return m1, m2


def build_month_range(m: re.Match, text: str) -> Value | None:
    """`between May and July 2023`: months stay months; `January-March 2024`, `the
    October-December period`, `January-June 2021`: months that make a calendar quarter or
    half are that quarter or half (a day interval, as the contract values both)."""
    if not (months := month_range(m, text)):
        return None
    y = stated_year(m) if not m.groupdict().get("relyear") else relative_year(m["relyear"])
    first, last = months
    if last - first == 2 and first % 3 == 1:
        return YearPart(y, Quarter(last // 3))
    if last - first == 5 and first % 6 == 1:
        return YearPart(y, Half(last // 6))
    return Interval(YearPart(y, Month(first)), YearPart(y, Month(last)))


def build_full_date_range(m: re.Match, text: str) -> Value | None:
    """`July 1, 2009 through June 30, 2010`, `1 July 2009 - 30 June 2010`: two whole dates."""
    m1, m2 = month_number(m, "m1", lower=True), month_number(m, "m2", lower=True)
    if m1 is None or m2 is None:
        return None
    left, right = month_day(int(m["y1"]), m1, int(m["d1"])), month_day(int(m["y2"]), m2, int(m["d2"]))
    return Interval(left, right) if left and right else None


def build_month_year_range(m: re.Match, text: str) -> Value | None:
    """`December 2023 to March 2024`."""
    m1, m2 = month_number(m, "m1"), month_number(m, "m2")
    if m1 is None or m2 is None or (m["y1"], m1) >= (m["y2"], m2):
        return None
    return Interval(YearPart(int(m["y1"]), Month(m1)), YearPart(int(m["y2"]), Month(m2)))


SEASON_AFTER = re.compile(r"[ \t]+(?i:season)\b")


def build_year_range(m: re.Match, text: str) -> Value | None:
    """`2014-2020` -> 2014/2020; `2019-20` -> FY2020 (a fiscal year labelled by its end), and
    so `2019/2020` in a release that calls its periods fiscal."""
    y1, tail = int(m["y1"]), m["y2"]
    y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
    if y2 <= y1:
        return None
    if is_and_without_between(m, text):
        return None
    if SEASON_AFTER.match(text, m.end()):
        return Interval(YearPart(y1), YearPart(y2))  # `the 2030/31 season`: a sport's two years (GUIDELINE)
    if len(tail) == 2 and y2 == y1 + 1 and m["sep"].strip() in ("-", "/", "–"):
        return Fiscal(y2)
    if y2 == y1 + 1 and m["sep"].strip() == "/" and CALLS_FISCAL.search(text):
        return Fiscal(y2)  # `1999/2000` in a release that speaks of its financial years
    return Interval(YearPart(y1), YearPart(y2))


def build_year(m: re.Match, text: str) -> Value | None:
    """`2023`; a year before 1900 only after a word that introduces one (`in 1850`)."""
    y = int(m["year"])
    if y < 1900 and not is_preceded_by(
        text, m.start(), {"in", "since", "of", "from", "until", "by", "before", "after", "year"}
    ):
        return None
    return YearPart(y)


def build_spoken_year(m: re.Match, text: str) -> Value | None:
    """`nineteen ninety-six`, `the year two thousand`, `January nineteen ninety-seven`."""
    y = spoken_year(m["spoken"])
    if y is None or not 1000 <= y <= 2199:
        return None
    if not m["month"]:
        return YearPart(y)
    mo = month_number(m, "month")
    return YearPart(y, Month(mo)) if mo else None


def build_decade(m: re.Match, text: str) -> Value | None:
    """`the 1990s`, `1980s`."""
    return Decade(int(m["decade"]))


DECADE_WORDS = {w[:-1] + "ies": n // 10 for w, n in NUMBER_WORDS.items() if n in range(20, 100, 10)}


def build_decade_short(m: re.Match, text: str) -> Value | None:
    """`the nineties`, `the '80s`: the latest such decade begun by the document date."""
    return LatestDecade(int(m["digit"]) if m["digit"] else DECADE_WORDS[words(m["word"])])


def build_century(m: re.Match, text: str) -> Value | None:
    """`the 19th century` -> 18 (the 1800s)."""
    n = int(m["century"])
    return Century(n - 1) if 2 <= n <= 22 else None  # not the 1st: no year 0 in the calendar


# first in RULES (see patterns.py: the order matters)
CALENDAR_RULES: tuple[Rule, ...] = (
    rule(
        "iso-date",
        r"(?<![\w$€£¥#/.,-])(?P<year>\d{4})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})(?![\w/-]|\.\d)",
        build_iso,
    ),
    rule(
        "numeric-date",
        rf"{LEFT}(?P<a>\d{{1,2}}) ?(?P<sep>[./-]) ?(?P<b>\d{{1,2}}) ?(?P=sep) ?(?P<year>\d{{4}}|\d{{2}})(?![\w/-]|[.,]\d)",
        build_numeric,
    ),
    rule("month-day", MONTH_DAY_YEAR, build_month_day, month_named=True),
    rule("day-month", DAY_MONTH_YEAR, build_month_day, month_named=True),
    rule(
        "day-month-year-other-language",
        rf"{LEFT}{day('day')}\s+(?:(?i:de)\s+)?(?P<month>(?i:{alternation(OTHER_LANGUAGE_MONTHS)}))"
        rf"\s+(?:(?i:de)\s+)?{year('year')}",
        build_other_language_date,
        needs=tuple(OTHER_LANGUAGE_MONTHS),
    ),
    rule(
        "the-day-of-month",
        rf"\b(?i:the|this)\s+{day('day')}\s+(?:(?i:day)\s+)?of\s+{month('month')}(?:,?\s+{year('year')})?",
        build_month_day,
        month_named=True,
    ),
    rule("month-year", rf"{month('month')},?\s+(?:of\s+)?{year('year')}", build_month_year, month_named=True),
    rule(
        "month-relative-year",
        rf"{month('month', True)}\s+(?:of\s+)?(?:{REL_YEAR}|{ANCHORED_YEAR})",
        build_month_relative_year,
        month_named=True,
        # `March of the previous year` counts from a date in its own sentence, else from the
        # document date: a month compared is the month reported a year back, not a year before
        # a date the sentence before happened to name
        reference_in_sentence=True,
    ),
    rule(
        "month-day-range",
        rf"{month('month')}\s+{day('d1')}{RANGE_WORD}{day('d2')}(?:,?\s+{year('year')}|\s+{REL_YEAR})?{END_OF_DATE}",
        build_day_range,
        month_named=True,
    ),
    rule(
        "day-range-month",
        rf"{LEFT}(?:the\s+)?{day('d1')}{RANGE_WORD}{day('d2')}\s+(?:of\s+)?{month('month')}(?:,?\s+{year('year')})?",
        build_day_range,
        month_named=True,
    ),
    rule(
        "month-day-to-month-day",
        rf"{month('m1')}\s+{day('d1')}{RANGE_WORD}{month('m2')}\s+{day('d2')}(?:,?\s+{year('year')})?{END_OF_DATE}",
        build_month_day_range,
        month_named=True,
    ),
    rule(
        "day-month-to-day-month",
        rf"{LEFT}{day('d1')}\s+{month('m1')}{RANGE_WORD}{day('d2')}\s+{month('m2')}(?:,?\s+{year('year')})?",
        build_month_day_range,
        month_named=True,
    ),
    rule(
        "month-range",
        # `January to May last year`: the months of the year named after them
        rf"{month('m1', True)}{RANGE_WORD}{month('m2', True)}(?:,?\s+{year('year')}|\s+(?P<relyear>(?i:this|last|next)\s+year))?{END_OF_DATE}",
        build_month_range,
        month_named=True,
    ),
    # `Jan-Sep 2024`, `Jan.–Mar. 2024`: abbreviated names joined by a dash, read before a year,
    # or without one where both are capitalised abbreviations (`in Apr-Jun`; not `may-june`)
    rule(
        "abbreviated-month-range",
        rf"{month('m1')}[-–]{month('m2')}(?:,?\s+{year('year')}|(?<=[A-Z][a-z]{{2}}[-–][A-Z][a-z]{{2}}))?{END_OF_DATE}",
        build_month_range,
        month_named=True,
    ),
    # `April June 2016`: a range whose dash the copy lost, read only before a year
    rule(
        "month-month-year",
        rf"{month('m1', True)}[ \t]+{month('m2', True)},?\s+{year('year')}{END_OF_DATE}",
        build_month_range,
        month_named=True,
    ),
    rule(
        "month-range-period",
        rf"\b(?i:the)\s+{month('m1', True)}{RANGE_WORD}{month('m2', True)}(?:,?\s+{year('year')})?\s+(?i:period|quarter)\b",
        build_month_range,
        needs=("period", "quarter"),
    ),
    rule(
        "month-day-year-range",
        # a comma may close the first date (`from June 4, 2031, to December 15, 2031`)
        rf"{month('m1')}\s+{day('d1')},?\s+{year('y1')},?{RANGE_DASH}{month('m2')}\s+{day('d2')},?\s+{year('y2')}{END_OF_DATE}",
        build_full_date_range,
        month_named=True,
    ),
    rule(
        "day-month-year-range",
        rf"{LEFT}{day('d1')}\s+{month('m1')},?\s+{year('y1')},?{RANGE_DASH}{day('d2')}\s+{month('m2')},?\s+{year('y2')}(?!\w)",
        build_full_date_range,
        month_named=True,
    ),
    rule(
        "month-year-range",
        rf"{month('m1')},?\s+{year('y1')}{RANGE_DASH}{month('m2')},?\s+{year('y2')}",
        build_month_year_range,
        month_named=True,
    ),
    rule(
        "year-range",
        rf"{LEFT_YEAR}{year('y1')}(?P<sep>{YEAR_RANGE_WORD})(?P<y2>(?:1[5-9]|20|21)\d\d|\d\d)(?![\d%]|[.,]\d)",
        build_year_range,
    ),
    # `by the year 2020`: `the year` stays in the span (GUIDELINE: `the year 2016`); a
    # sentence's opening `The year 2030 is ...` keeps the year alone (examples)
    rule(
        "the-year",
        rf"\bthe\s+(?i:year)\s+{year('year')}(?![\w%/-]|[.,]\d)",
        build_year,
        needs=("year",),
    ),
    # `for calendar 2031`, `in calendar year 2031`: the calendar year, as against a fiscal one
    rule(
        "calendar-year",
        rf"\b(?i:calendar)\s+(?:(?i:year)\s+)?{year('year')}(?![\w%/-]|[.,]\d)",
        build_year,
        needs=("calendar",),
    ),
    # not a year: the number of a registration (`1994/000732/06`) or a telephone (`210 2040`),
    # nor the year of a law's name (`the Jobs Act of 2017`, `the Companies Act, 2013`: GUIDELINE)
    rule(
        "year",
        rf"{LEFT_YEAR}(?<!\d\d\d[ ])(?<!\bAct of )(?<!\bAct, ){year('year')}(?!/\d{{3}})",
        build_year,
        bare_year=True,
    ),
    rule(
        "spoken-year",
        rf"\b(?:{month('month', True)}\s+(?:of\s+)?|(?i:the\s+year)\s+)?(?P<spoken>{SPOKEN_YEAR})",
        build_spoken_year,
        needs=("teen", "twenty", "thousand"),
        may_be_count=True,
    ),
    rule("decade", rf"{LEFT_YEAR}(?P<decade>1[5-9]\d|20\d)0s\b", build_decade, needs=("0s",)),
    rule(
        "decade-short",
        # `the '80s`, `the 80s and 90s` (the second after the first decade and `and`/`or`)
        rf"(?:(?<=\b[Tt]he )|(?<=\b[Tt]he early )|(?<=\b[Tt]he late )|(?<=\b[Tt]he mid-)|(?<=0s and )|(?<=0s or ))"
        rf"(?:['’]?(?P<digit>[1-9])0s|(?P<word>(?i:{alternation(DECADE_WORDS)})))\b",
        build_decade_short,
        needs=("0s", "ties"),
    ),
    rule(
        "century", rf"{LEFT}(?P<century>\d{{1,2}})(?:st|nd|rd|th)[\s-]+(?i:century)\b", build_century, needs=("centur",)
    ),
)
