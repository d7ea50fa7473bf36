"""The reporting period of a release (contract v1.1): the quarter, half, nine months or year
a results or statistics release reports on, read from its headline and first paragraph.

- Only a release with a results or statistics word near its start has one (``results``,
  ``reports``, ``profit``, ``revenue``, ``GDP``, ``figures``, ``statistics``, ``financial
  statements``, ``trading statement`` ...): a fair
  reporting its session's totals or a report launch has none.
- The first quarter, half, nine months or period ending on a stated day among the date
  mentions there wins (`reports fourth quarter results ... fiscal 2024 fourth quarter` ->
  ``FY2024-Q4``; `Half Year Results 2032 for the six months ended 31 December 2031` -> the
  six months); a month after `quarterly` is the quarter ending that month (`Quarterly
  Operations Update March 2031`).
- Failing those, a year or fiscal year stated beside a results word (`Full Year Results
  2024`, `2015 ICT figures`, `grew 18.9 percent in 2016`); failing that, the first month
  with its year that ended at most ten weeks before the document date (a monthly statistics
  release: `Flash estimate - September 2031`).
- The period has begun by the document date, and began at most three years before it.

``a year ago`` and the other anchored comparisons with no period in their sentence count
from it (see :func:`pipeline.extractors.dates.extract_dates`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from pipeline.extractors.dates.resolver import (
    Period,
    add_months,
    interval,
    is_calendar_unit,
    month_end,
    months_spanned,
    whole_months,
)
from pipeline.extractors.dates.values import (
    Base,
    Fiscal,
    Half,
    Interval,
    Month,
    PeriodEnding,
    Quarter,
    Value,
    YearPart,
    atoms,
    bases,
    day,
)

# How much of the text is the headline and first paragraph.
LEAD = 520
RESULTS = re.compile(
    r"\b(?:results?|report(?:s|ed)?|posts?|posted|earnings|profits?|revenues?|sales|turnover|net\s+income|"
    r"GDP|gross\s+domestic\s+product|figures|statistics|production|output|economy|key\s+figures|"
    r"financial\s+(?:statements|highlights)|trading\s+statement|operational\s+update|inflation|flash\s+estimate)\b",
    re.IGNORECASE,
)
# Before or after a bare year: it is the period reported on (`Full Year Results 2031`, `2027 broadband figures`).
YEAR_BEFORE = re.compile(
    r"(?:results|full[\s-]+year|annual|fiscal|financial\s+year|figures|statistics|(?:percent|per\s+cent|%)\s+in)\s+\Z",
    re.IGNORECASE,
)
YEAR_AFTER = re.compile(r"\A\s+(?:[A-Z]{2,5}\s+)?(?:results|figures|statistics|annual\s+results)\b", re.IGNORECASE)
# a line ending a sentence; not a code's or ticker's full stop (`JSE code: AFX.`)
SENTENCE_LINE_END = re.compile(r"(?<![A-Z]{2})[.!?][\"'”’)]?[ \t]*(?:\n|\Z)")
QUARTERLY = re.compile(r"\bquarterly\b", re.IGNORECASE)
OLDEST = dt.timedelta(days=3 * 366)
MONTHLY_LAG = dt.timedelta(days=75)  # statistics offices publish a month's figures within ten weeks
COMPARED = frozenset({Base.REFERENCE, Base.FOLLOWING})


def lead_end(text: str, start: int) -> int:
    """The end of the headline and first paragraph: the first blank line after 150
    characters, at most :data:`LEAD` characters in. A block of lines none of which ends a
    sentence (an issuer's name, registration number and codes, as on the JSE's news service)
    is no paragraph: the lead goes on past it."""
    end = min(len(text), start + LEAD)
    blank = text.find("\n\n", start + 150, end)
    while blank >= 0 and not SENTENCE_LINE_END.search(text, start, blank):
        blank = text.find("\n\n", blank + 2, end)
    return blank if blank >= 0 else end


def is_period(period: Period) -> bool:
    """A quarter, half, nine months or other months from a quarter's start (`the six months
    ended 31 December`), or a fiscal quarter or half."""
    value = period.value
    if isinstance(value, Fiscal):
        return value.part is not None
    if not isinstance(value, Interval) or period.begin is None or period.end is None:
        return False
    if not whole_months(period):
        return False
    months = months_spanned(period.begin, period.end)
    return months in (3, 6, 9) and (is_calendar_unit(period) or months == 9 or period.begin.month in (1, 4, 7, 10))


def quarter_ending(period: Period) -> Period | None:
    """The quarter ending with a month (`September 2024` after `quarterly`)."""
    value = period.value
    if not (isinstance(value, YearPart) and isinstance(value.part, Month) and period.end and period.begin):
        return None
    first = dt.date(period.begin.year, period.begin.month, 1)
    month = first.month - 2
    begin = dt.date(first.year, month, 1) if month >= 1 else dt.date(first.year - 1, month + 12, 1)
    return Period(Interval(day(begin), day(period.end)), begin, period.end)


def is_year(period: Period) -> bool:
    value = period.value
    if isinstance(value, Fiscal):
        return value.part is None
    return isinstance(value, YearPart) and isinstance(value.year, int) and value.part is None


def reporting_period(
    text: str, start: int, mentions: Sequence[tuple[int, int, Period, Value]], anchor: dt.date | None
) -> Period | None:
    """The period the release reports on, from the date mentions (start, end, period, value
    as the rule built it) in its headline and first paragraph; None when it reports on none."""
    end = lead_end(text, start)
    lead = text[start:end]
    if not RESULTS.search(lead):
        return None
    quarterly = bool(QUARTERLY.search(lead))
    in_lead = [(s, e, p, v) for s, e, p, v in mentions if start <= s < end]

    def recent(period: Period) -> bool:
        if anchor is None:
            return True
        if period.begin is None:  # a fiscal year of unstated days (`FY2005` of `Base 2004-05`)
            years = [a.year for a in atoms(period.value) if isinstance(a, Fiscal)]
            return all(anchor.year - 3 <= year <= anchor.year + 1 for year in years)
        return period.begin <= anchor and anchor - period.begin <= OLDEST

    month: Period | None = None
    for s, e, period, value in in_lead:  # the first period reported on, in reading order
        if bases(value) & COMPARED:
            continue  # `the nine-month period last year`: the period compared with, not reported on
        if isinstance(value, PeriodEnding) or is_period(period):
            if recent(period):
                return period
        elif quarterly and (quarter := quarter_ending(period)) is not None and recent(quarter):
            return quarter
        elif is_year(period) and recent(period):
            fiscal = any(isinstance(a, Fiscal) for a in atoms(period.value))
            if fiscal or YEAR_BEFORE.search(text, max(0, s - 30), s) or YEAR_AFTER.match(text[e : e + 30]):
                return period
        elif month is None and is_recent_month(period, anchor):
            month = period
    return month  # a monthly statistics release (`Flash estimate - September 2031`), failing the others


def is_recent_month(period: Period, anchor: dt.date | None) -> bool:
    """A calendar month with its year that ended before the document date, at most
    :data:`MONTHLY_LAG` before it: the month a monthly release reports on."""
    value = period.value
    if not (isinstance(value, YearPart) and isinstance(value.part, Month) and isinstance(value.year, int)):
        return False
    if anchor is None or period.end is None:
        return False
    return period.end < anchor and anchor - period.end <= MONTHLY_LAG


def fiscal_start(reported: Period | None, labels: Sequence[Value]) -> int | None:
    """The month a release's fiscal year starts in, where a short label names the period it
    reports on by a fiscal year (`Q2'24` for the quarter ended September 30, 2023: a year from
    April); None where a label names that period by the calendar (`Q3'23`), or none names it."""
    if reported is None or reported.begin is None or reported.end is None:
        return None
    months = months_spanned(reported.begin, reported.end)
    calendar = [v for v in labels if isinstance(v, YearPart) and v.year == reported.begin.year]
    if any(_label_months(v) == (reported.begin.month, months) for v in calendar):  # `Q3'23` itself
        return None
    for value in labels:
        label = _label_months(value)
        if label is None or label[1] != months or not isinstance(value, YearPart) or not isinstance(value.year, int):
            continue
        year_start = add_months(reported.begin, -(label[0] - 1))
        if add_months(year_start, 11).year == value.year and year_start.month != 1:
            return year_start.month
    return None


def fiscal_label(value: Value, start_month: int) -> Period | None:
    """A label's period in a fiscal year starting in ``start_month`` and named by the year it
    ends in: a quarter as ``FY2024-Q2`` with its days, a half as its days (GUIDELINE)."""
    label = _label_months(value)
    if label is None or not isinstance(value, YearPart) or not isinstance(value.year, int):
        return None
    first, size = label
    begin = add_months(dt.date(value.year, start_month, 1), first - 1 - 12)
    end = add_months(begin, size) - dt.timedelta(days=1)
    if isinstance(value.part, Quarter):
        return Period(Fiscal(value.year, value.part), begin, end)
    return interval(begin, end)


# A comparative figure's label in brackets: `(2021: R5.6 billion)`, `(2021 re-presented: ...)`.
LABEL_OPENS = re.compile(r"\([ \t]*\Z")
LABEL_CLOSES = re.compile(r"[ \t]*(?:(?i:re-?presented|restated)[ \t]*)?:")


def comparative_period(text: str, start: int, end: int, value: Value, reported: Period | None) -> Period | None:
    """A bare year labelling a comparative figure (`(2030: R5.6 billion)`) in a release that
    reports on a half-year, or on a year ending off the calendar's: the reported period in the
    labelled year, a year as that company's ``FY2030`` with its days, a half as its days
    (GUIDELINE, the fifteenth batch). A calendar year's label is the year as written."""
    if (
        reported is None
        or reported.begin is None
        or reported.end is None
        or not isinstance(value, YearPart)
        or value.part is not None
        or not isinstance(value.year, int)
        or LABEL_OPENS.search(text, max(0, start - 3), start) is None
        or LABEL_CLOSES.match(text, end) is None
    ):
        return None
    months = months_spanned(reported.begin, reported.end)
    if not whole_months(reported) or months not in (6, 12) or (months == 12 and reported.begin.month == 1):
        return None
    shift = 12 * (value.year - reported.end.year)
    begin, last = add_months(reported.begin, shift), month_end(reported.end.year + shift // 12, reported.end.month)
    return Period(Fiscal(value.year), begin, last) if months == 12 else interval(begin, last)


def _label_months(value: Value) -> tuple[int, int] | None:
    """(first month, length) of a quarter or half label in its year (`Q2` -> (4, 3)), counted
    from the year's first month."""
    if not isinstance(value, YearPart):
        return None
    part = value.part
    if isinstance(part, Quarter):
        return 3 * part.number - 2, 3
    if isinstance(part, Half):
        return 6 * part.number - 5, 6
    return None
