"""Which earlier date an anchored expression counts from (the contract: "one anchored to
another date in the same sentence resolves against that date").

- `a year ago` counts from the document date, unless it follows a comparison word and a
  date stands earlier in its own sentence (`the end of 2018, up from a year ago`).
- `a year earlier`, `the previous year`, `year-earlier results` look back one
  sentence further (the comparison often follows the sentence that set the period,
  dev gold) when that date is within two years of the document date; failing that
  they count from the document date (`Compared with a year earlier, GDP fell.` after
  a sentence with no recent date -> last year).
- `the year-ago quarter`, `the year-earlier period`, `last year's quarter`, `the 1988
  quarter` count from the last quarter or half mentioned (they name a period, so they
  need one).
- A reporting date (`said Wednesday`, `today`), an anchored expression itself and a
  comparison period (`the same period of 2018`) are never the reference.
"""

from __future__ import annotations

import datetime as dt

from pipeline.core.sentences import Sentences
from pipeline.extractors.dates.patterns import Candidate
from pipeline.extractors.dates.resolver import Period
from pipeline.extractors.dates.values import (
    Base,
    Direction,
    Interval,
    MonthDay,
    PeriodInYear,
    ShiftedYear,
    Value,
    YearPart,
    YearToDate,
    bases,
)

RECENT = dt.timedelta(days=2 * 366)
NEAR = 60  # characters between a year and the year-less date it gives its year to


def is_relative_year(value: Value) -> bool:
    """`this year`, `next year`: a year from the document date's."""
    return (
        isinstance(value, YearPart)
        and isinstance(value.year, ShiftedYear)
        and value.year.base is Base.DOCUMENT
        and value.part is None
        and value.direction is Direction.NEAREST
    )


def is_comparison(value: Value) -> bool:
    """`a year earlier`, `the following year`, `the same period of 2018` (the period under
    discussion moved to another year): a comparison, which does not move the period under
    discussion (`... the same period of 2018, ... the prior year period` is 2018's too)."""
    return isinstance(value, PeriodInYear) or bool(bases(value) & {Base.REFERENCE, Base.FOLLOWING})


def is_reporting_period(value: Value) -> bool:
    """Days from the first of January, April, July or October (`2023-07-01/2023-09-30`; also
    `the first nine months`): a quarter, half or longer period a `year-ago quarter` counts from."""
    if not isinstance(value, Interval):
        return False
    start, end = value.start, value.end
    return (
        isinstance(start, YearPart)
        and isinstance(start.year, int)
        and isinstance(start.part, MonthDay)
        and start.part.day == 1
        and start.part.month in (1, 4, 7, 10)
        and isinstance(end, YearPart)
        and isinstance(end.year, int)
        and isinstance(end.part, MonthDay)
    )


class References:
    def __init__(self, sentences: Sentences, anchor: dt.date | None):
        self.sentences = sentences
        self.anchor = anchor
        self.last: tuple[int, Period] | None = None
        self.last_end = 0
        self.last_relative_year = False
        self.last_period: Period | None = None
        self.last_period_sentence = -1

    def sentence(self, offset: int) -> int:
        return self.sentences.index(offset)

    def for_candidate(self, candidate: Candidate) -> Period | None:
        if candidate.rule.reference_period:
            return self.last_period
        if self.last is not None:
            distance = self.sentence(candidate.start) - self.last[0]
            if distance == 0 or (
                distance == 1 and not candidate.rule.reference_in_sentence and self.is_recent(self.last[1])
            ):
                return self.last[1]
        return None  # the document date (the contract; a quarter two sentences back is no anchor)

    def period_out_of_sentence(self, candidate: Candidate) -> bool:
        """A `year-ago quarter` whose period was named before its own sentence: the release's
        reporting period, where it has one, is the period compared (`Q1 2031 results ...
        compared to 8% for Q1 2030. Costs fell from the same period last year.` -> Q1 2030)."""
        return candidate.rule.reference_period and self.last_period_sentence != self.sentence(candidate.start)

    def in_sentence(self, candidate: Candidate) -> bool:
        """A date stands earlier in the candidate's sentence."""
        return self.last is not None and self.last[0] == self.sentence(candidate.start)

    def sentence_year(self, candidate: Candidate) -> int | None:
        """The year of the last date before the candidate in its sentence, when that date is a
        relative year standing near (`Next year's fair will run from Oct. 16 to 19` -> next
        year's October). Not a stated year: `the 2004 results, due on 23 March` and `sales
        worst since 1981: retail sales fell in December` are this year's."""
        if (
            self.last is None
            or self.last[0] != self.sentence(candidate.start)
            or candidate.start - self.last_end > NEAR
            or not self.last_relative_year
        ):
            return None
        begin = self.last[1].begin
        return begin.year if begin else None

    def is_recent(self, period: Period) -> bool:
        """Within two years of the document date: `Founded in 1990. Sales rose from a year
        earlier.` compares with last year, not 1989."""
        if self.anchor is None or period.end is None:
            return True
        return abs(period.end - self.anchor) <= RECENT

    def add(self, candidate: Candidate, period: Period | None) -> None:
        # `late Friday` (a modifier) is a time of its own, which can be a reference
        speech_time = candidate.rule.speech_time and not candidate.modifier
        if candidate.tail:
            return  # the last day of a period just named: the period stays the one under discussion
        if period is None or period.begin is None or speech_time or is_comparison(candidate.value):
            return  # a comparison (`a year earlier`) does not move the period under discussion
        if isinstance(candidate.value, YearToDate):
            return  # read again from the reporting period once that is known: no reference before
        self.last = (self.sentence(candidate.start), period)
        self.last_end = candidate.end
        self.last_relative_year = is_relative_year(candidate.value)
        if is_reporting_period(period.value):
            self.last_period = period
            self.last_period_sentence = self.sentence(candidate.start)
