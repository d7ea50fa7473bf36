"""The DATE extractor: regex rules over the text, token checks near candidates, one resolver.

Phase one (:mod:`.patterns`) finds expressions and gives each an underspecified
value (:mod:`.values`, the one owner of the value grammar); :mod:`.context`
settles what only the surrounding tokens can tell (is a bare ``2023`` a year,
which way a weekday points); :mod:`.references` picks the date an anchored
expression (``a year earlier``, ``the year-ago quarter``) counts from; phase two
(:mod:`.resolver`) turns the value into ISO 8601 against the document date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from spacy.tokens import Doc

from pipeline.core.document import body_start, document_date, text_of
from pipeline.core.mentions import make_mention
from pipeline.core.sentences import Sentences
from pipeline.extractors.dates.context import is_kept, with_direction
from pipeline.extractors.dates.forms import numeric_order, numeric_reading
from pipeline.extractors.dates.patterns import RULES, Candidate, Modifier, find_candidates, select
from pipeline.extractors.dates.references import References
from pipeline.extractors.dates.reporting import comparative_period, fiscal_label, fiscal_start, reporting_period
from pipeline.extractors.dates.resolver import Period, months_spanned, resolve
from pipeline.extractors.dates.values import (
    Base,
    Direction,
    Fiscal,
    LatestDecade,
    PeriodEnding,
    PeriodInYear,
    Quarter,
    ShiftedYear,
    Unit,
    Value,
    Weekday,
    WeekdayDay,
    YearPart,
    YearToDate,
    atoms,
    bases,
    map_year_less,
    shifted,
    year_less,
)

__all__ = ["RULE_NAMES", "base_rule", "extract_dates"]

# Every rule's name. A row's `rule` column holds it alone or after a modifier that joined
# the span (`modifier+year`, `end-of+month`): `base_rule` gives the rule back.
RULE_NAMES: frozenset[str] = frozenset(rule.name for rule in RULES)


def base_rule(row_rule: str) -> str:
    """``end-of+month`` -> ``month``, ``numeric-date[day-first:default]`` -> ``numeric-date``:
    the rule of a row, without the modifier before it or the choice after it."""
    row_rule = row_rule.split("[", 1)[0]
    modifier, _, name = row_rule.rpartition("+")
    return name if modifier in {m.value for m in Modifier if m} else row_rule


def needs_document_date(value: Value) -> bool:
    """Relative to the document date (`last year`, `Friday`, `the nineties`, `last May`):
    with none it stays a mention with an empty value."""
    return bool(bases(value)) or any(
        isinstance(atom, (Weekday, WeekdayDay, LatestDecade)) or (isinstance(atom, YearPart) and atom.direction)
        for atom in atoms(value)
    )


def as_fiscal_quarter(value: Value) -> Fiscal | None:
    """`2024-Q2` as `FY2024-Q2`."""
    if isinstance(value, YearPart) and isinstance(value.year, int) and isinstance(value.part, Quarter):
        return Fiscal(value.year, value.part) if not value.direction else None
    return None


def is_anchored(candidate: Candidate) -> bool:
    """`a year ago` in a comparison, `a year earlier`, `the year-ago quarter`, `the prior-year
    period`: a period one year back from the one being compared."""
    return candidate.rule.reference_period or Base.REFERENCE in bases(candidate.value)


# `a year ago` with no comparison word (`had net income of $1 million a year ago`): the
# period being compared is still the release's (contract v1.1), when its sentence names none.
PLAIN_YEAR_AGO = shifted(Base.DOCUMENT, Unit.YEAR, -1)  # `a year ago` as first read: last year
YEAR_BACK = shifted(Base.REFERENCE, Unit.YEAR, -1)


def is_plain_year_ago(candidate: Candidate, references: References) -> bool:
    return candidate.rule.name == "ago" and candidate.value == PLAIN_YEAR_AGO and not references.in_sentence(candidate)


# `the previous year` with no date in its own sentence, in a release that reports on a year (a
# calendar or financial one): that year one back, with its days (GUIDELINE: the prior financial
# year in a release that counts in financial years), not the year before a date the sentence
# before happened to name.
THE_PREVIOUS_YEAR = shifted(Base.FOLLOWING, Unit.YEAR, -1)
REPORTED_YEAR_BACK = PeriodInYear(ShiftedYear(Base.REFERENCE, -1))  # its days kept: `FY2030` back is `FY2029`


def is_previous_year_out_of_sentence(candidate: Candidate, references: References) -> bool:
    return candidate.value == THE_PREVIOUS_YEAR and not references.in_sentence(candidate)


def spans_a_year(period: Period) -> bool:
    return period.begin is not None and period.end is not None and months_spanned(period.begin, period.end) == 12


def extract_dates(doc: Doc) -> list[dict]:
    text = text_of(doc)
    anchor = document_date(doc)
    start = body_start(doc)
    sentences = Sentences(doc)
    candidates = select([c for c in find_candidates(text, start) if is_kept(doc, text, c)])
    candidates = _marked_days(sentences, text, candidates)
    numeric = [c for c in candidates if c.rule.name == "numeric-date"]
    if numeric:  # one order for the release's numeric dates (`03/07/2009`)
        order = numeric_order(text, numeric)
        chosen = {id(c): numeric_reading(c.value, text, c.start, order) for c in numeric}
        candidates = [
            replace(c, value=chosen[id(c)][0], note=chosen[id(c)][1]) if id(c) in chosen else c for c in candidates
        ]
    references = References(sentences, anchor)
    found: list[tuple[Candidate, Value, Period | None, bool]] = []
    fiscal_quarters = False
    unsized: list[tuple[Candidate, Value, dt.date]] = []  # `the period ended ...`, with its last day
    for candidate in candidates:
        value = with_direction(doc, text, sentences, candidate)
        if year_less(value) and (year := references.sentence_year(candidate)):
            value = map_year_less(value, lambda part: replace(part, year=year, direction=Direction.NEAREST))
        if isinstance(value, Fiscal) and isinstance(value.part, Quarter):
            fiscal_quarters = True
        elif fiscal_quarters and (fiscal := as_fiscal_quarter(value)):
            value = fiscal  # the release said its quarters are fiscal
        reference = references.for_candidate(candidate)
        period = resolve(value, anchor, reference)
        if isinstance(value, PeriodEnding) and not value.months:
            stated = resolve(value.end, anchor, reference)
            if stated is not None and stated.end is not None:
                unsized.append((candidate, value, stated.end))
            continue
        if period is None and (anchor is not None or not needs_document_date(value)):
            continue  # not a real calendar day (`February 30`)
        if is_plain_year_ago(candidate, references):
            value, unanchored = YEAR_BACK, True
        elif is_previous_year_out_of_sentence(candidate, references):
            value, unanchored = REPORTED_YEAR_BACK, True
        else:
            unanchored = (
                (reference is None and is_anchored(candidate))
                or candidate.rule.reporting_reference
                or references.period_out_of_sentence(candidate)
            )
        references.add(candidate, period)
        found.append((candidate, value, period, unanchored))
    reported = reporting_period(
        text,
        start,
        # (the year so far is read from the reporting period, never the reporting period itself)
        [(c.start, c.end, p, c.value) for c, _, p, _ in found if p is not None and not isinstance(c.value, YearToDate)],
        anchor,
    )
    doc._.pf_period = str(reported.value) if reported else ""
    if reported is not None and reported.begin is not None:  # `the period ended 30 June 2031`: the reporting period
        found += [(c, v, reported, False) for c, v, end in unsized if end == reported.end]
        found.sort(key=lambda item: item[0].start)
    found = [(c, v, comparative_period(text, c.start, c.end, v, reported) or p, u) for c, v, p, u in found]
    labels = [c.value for c, _, _, _ in found if c.rule.period_label]
    start_month = fiscal_start(reported, labels) if labels else None
    if start_month is not None:  # `Q2'24` for the quarter ended 30 September 2023: fiscal labels
        found = [
            (c, v, fiscal_label(c.value, start_month) or p, u) if c.rule.period_label else (c, v, p, u)
            for c, v, p, u in found
        ]
    spans: list[tuple[int, int, str, Period | None]] = []
    previous: Candidate | None = None
    for candidate, value, period, unanchored in found:
        # no period in reach: the release's, a year back (`the previous year` only from a year's)
        if unanchored and reported is not None and (candidate.value != THE_PREVIOUS_YEAR or spans_a_year(reported)):
            period = resolve(value, anchor, reported) or period
        start_at, name = candidate.start, candidate.rule_name
        if (
            spans
            and previous is not None
            and not candidate.rule.speech_time
            and (day := _bracketed_after_day(text, spans[-1], previous.rule.names_day, candidate))
        ):
            # `has today (10th October 2031) announced`: one mention, the day stated in brackets
            start_at, name = spans.pop()[0], f"{name}[{day}]"
        spans.append(
            (start_at, _bracket_end(text, candidate.end) if start_at < candidate.start else candidate.end, name, period)
        )
        previous = candidate
    return [
        make_mention(
            text,
            a,
            b,
            name,
            value=period.value if period else None,
            begin=period.begin if period else None,
            end_date=period.end if period else None,
        )
        for a, b, name, period in spans
    ]


TODAY = re.compile(r"\b(?i:today)\b")
YEAR_AFTER_NAME = re.compile(r"\s+\d{4}$")


def _marked_days(sentences: Sentences, text: str, candidates: list[Candidate]) -> list[Candidate]:
    """Observance days only where the release marks the day: a sentence holding one of the
    day's mentions says `today` (`joins the world today in marking World Harbour Day`); then
    every mention of that day is the document's day, else none is."""
    days = [c for c in candidates if c.rule.marked_day]
    if not days:
        return candidates
    marked = {
        _day_name(text, c)
        for c in days
        if TODAY.search(text, sentences.span(c.start).start_char, sentences.span(c.start).end_char)
    }
    return [c for c in candidates if not c.rule.marked_day or _day_name(text, c) in marked]


def _day_name(text: str, candidate: Candidate) -> str:
    """The day's name as written, without its year (`World Harbour Day 2031` -> `World Harbour Day`)."""
    return YEAR_AFTER_NAME.sub("", " ".join(text[candidate.start : candidate.end].split()))


TODAY_BRACKET = re.compile(r"(?i:today|yesterday|tomorrow)[ \t]*\($")
OPEN_BRACKET = re.compile(r"[ \t]*\(")


def _bracketed_after_day(
    text: str, previous: tuple[int, int, str, Period | None], names_day: bool, candidate: Candidate
) -> str:
    """`today (` or a named day (``names_day``: its rule names one) and `(` right before the
    candidate, which its bracket closes: the words the bracket states the day of (``today``,
    ``world harbour day``), else '' (`World Harbour Day (4 Feb 2031)`: one mention, the day
    the bracket states)."""
    a, b, _, _ = previous
    if not text.startswith(")", candidate.end):
        return ""
    named_day = names_day and OPEN_BRACKET.fullmatch(text, b, candidate.start) is not None
    if not TODAY_BRACKET.match(text, a, candidate.start) and not named_day:
        return ""
    return " ".join(text[a:b].lower().split())


def _bracket_end(text: str, end: int) -> int:
    return end + 1 if text.startswith(")", end) else end
