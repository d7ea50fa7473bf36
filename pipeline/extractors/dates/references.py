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
- A reporting date (`said Wednesday`, `today`) and an anchored expression itself are
  never the reference.
"""

from __future__ import annotations

import datetime as dt
import re

from pipeline.core.sentences import Sentences
from pipeline.extractors.dates.patterns import Candidate
from pipeline.extractors.dates.resolver import Resolved

SPEECH_TIME_RULES = ("weekday", "relative-day")
SAME_SENTENCE_RULES = ("ago",)
PERIOD_RULES = ("year-ago-period", "year-period")
RECENT = dt.timedelta(days=2 * 366)
RELATIVE_YEAR = re.compile(r"RY[+-]\d+")
NEAR = 60  # characters between a year and the year-less date it gives its year to
ANCHORED = re.compile(r"(?:^|[/:])[AN]")
# A quarter or half: whole months, three or six of them.
REPORTING_PERIOD = re.compile(r"\d{4}-(?:01|04|07|10)-01/\d{4}-\d{2}-\d{2}")


class References:
    def __init__(self, sentences: Sentences, anchor: dt.date | None):
        self.sentences = sentences
        self.anchor = anchor
        self.last: tuple[int, Resolved] | None = None
        self.last_end = 0
        self.last_relative_year = False
        self.last_period: Resolved | None = None

    def sentence(self, offset: int) -> int:
        return self.sentences.index(offset)

    def for_candidate(self, candidate: Candidate) -> Resolved | None:
        rule = candidate.rule.split("+")[-1]
        if rule in PERIOD_RULES:
            return self.last_period
        if self.last is not None:
            distance = self.sentence(candidate.start) - self.last[0]
            if distance == 0 or (distance == 1 and rule not in SAME_SENTENCE_RULES and self.is_recent(self.last[1])):
                return self.last[1]
        return None  # the document date (the contract; a quarter two sentences back is no anchor)

    def sentence_year(self, candidate: Candidate) -> str | None:
        """The year of the last date before the candidate in its sentence, when that date is a
        relative year standing near (`Next year's fair will run from Oct. 16 to 19` -> next
        year's October). Not a stated year: `the 2004 results, due on 23 March` and `sales
        worst since 1981: retail sales fell in December` are this year's."""
        if (
            self.last is None
            or self.last[0] != self.sentence(candidate.start)
            or candidate.start - self.last_end > NEAR
        ):
            return None
        return self.last[1].value if self.last_relative_year else None

    def is_recent(self, resolved: Resolved) -> bool:
        """Within two years of the document date: `Founded in 1990. Sales rose from a year
        earlier.` compares with last year, not 1989."""
        if self.anchor is None:
            return True
        return abs(dt.date.fromisoformat(resolved.end_date) - self.anchor) <= RECENT

    def add(self, candidate: Candidate, resolved: Resolved) -> None:
        if not resolved.begin or candidate.rule in SPEECH_TIME_RULES or ANCHORED.search(candidate.spec):
            return  # a comparison (`a year earlier`) does not move the period under discussion
        self.last = (self.sentence(candidate.start), resolved)
        self.last_end = candidate.end
        self.last_relative_year = RELATIVE_YEAR.fullmatch(candidate.spec) is not None
        if REPORTING_PERIOD.fullmatch(resolved.value):
            self.last_period = resolved
