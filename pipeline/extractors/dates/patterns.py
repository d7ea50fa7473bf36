"""Phase one: find date expressions in text and give each an underspecified value.

Each rule is a readable name, a regex built from the word lists in ``data/``
(compiled once, named groups) and a builder that turns a match into a value
(:mod:`pipeline.extractors.dates.values`, or None to reject it).
The rules live by family in :mod:`.absolute`, :mod:`.relative` and :mod:`.periods`
(shared pieces in :mod:`.fragments`); this module puts them in order in ``RULES``.
Overlapping candidates are settled by :func:`select` (longest first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from enum import StrEnum

from pipeline.extractors.dates.absolute import CALENDAR_RULES
from pipeline.extractors.dates.forms import FORM_RULES
from pipeline.extractors.dates.fragments import MONTH_START, Rule
from pipeline.extractors.dates.lexicon import (
    MONTHS,
    UNITS,
    VAGUE_MODIFIERS,
    WEEKDAYS,
    alternation,
    plural_alternation,
    words,
)
from pipeline.extractors.dates.periods import EDGE_FISCAL_RULES, MONTHS_RESULTS_RULE, PERIOD_RULES
from pipeline.extractors.dates.relative import RELATIVE_RULES, UNIT_WORDS, WEEKDAY_MONTH_RULES
from pipeline.extractors.dates.values import (
    Base,
    Decade,
    Direction,
    Duration,
    Edge,
    Fiscal,
    Interval,
    LatestDecade,
    MonthDay,
    PeriodEnding,
    PeriodInYear,
    Relative,
    ShiftedYear,
    Side,
    Unit,
    Value,
    Weekday,
    YearPart,
    edge_of,
)


class Modifier(StrEnum):
    """A word before the expression that joins its span; it prefixes the rule's name."""

    NONE = ""
    VAGUE = "modifier"  # `mid-2024`, `early next year`: the value is kept
    START_OF = "start-of"  # `the beginning of 2024`: the first day
    END_OF = "end-of"  # `the end of 2025`: the last day


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: Rule
    value: Value  # underspecified, see values
    modifier: Modifier = Modifier.NONE
    cut: tuple[int, int] | None = None  # a split rule's head end and tail start (see Rule.split)
    tail: bool = False  # the stated day of a split period (`Sept. 30` of `the quarter ended Sept. 30`)
    note: str = ""  # a choice the rule made, shown in brackets (`numeric-date[day-first:default]`)

    @property
    def rule_name(self) -> str:
        """The name in the output's ``rule`` column: `year`, `modifier+year`, `end-of+month`,
        `numeric-date[month-first:us-release]`."""
        name = rule_name(self.rule, self.modifier)
        return f"{name}[{self.note}]" if self.note else name


def rule_name(rule: Rule, modifier: Modifier) -> str:
    return f"{modifier}+{rule.name}" if modifier else rule.name


# The order matters: on candidates of the same length the earlier rule wins (see select).
RULES: tuple[Rule, ...] = (
    *CALENDAR_RULES,  # dates, day/month/year ranges, years, decades, centuries
    *FORM_RULES,  # the other written forms, built from parts (`23-Sep-2020`, `Tuesday 19th`)
    MONTHS_RESULTS_RULE,  # `nine months net profit`: before the durations
    *RELATIVE_RULES,  # `yesterday`, `last month`, durations, `a year ago`
    *PERIOD_RULES,  # reporting periods, quarters, halves, seasons, holidays
    *WEEKDAY_MONTH_RULES,  # weekdays, bare month names
    *EDGE_FISCAL_RULES,  # `the week of`, period edges, fiscal years, `the quarter ended`
)
RULE_ORDER = {r.name: i for i, r in enumerate(RULES)}


# A vague modifier keeps the value and joins the span (`mid-2024`, `early next year`);
# `the end of` / `the beginning of` narrow the value to a day.
MODIFIER = re.compile(
    rf"(?:(?<!-)\b(?P<vague>(?i:{alternation(VAGUE_MODIFIERS)}))[\s-]+"
    # `the end of 2025`; in a list or heading without `the` (`Results announced - end of August 2009`)
    # `end-September`, `by end-2020`: the same edge written with a hyphen
    r"|\b(?P<edge>(?i:(?:the\s+)?(?:end|beginning|start|close)\s+of(?=\s)|(?<![\w-])(?:end|start)(?=-)))[\s-]+)\Z"
)


# `the last half of the '80s`: a part of a decade stays as vague as `the late 1980s`.
DECADE_PART = re.compile(r"\b(?i:the\s+(?:first|second|last|latter)\s+half\s+of\s+(?:the\s+)?)\Z")


def has_no_edges(value: Value) -> bool:
    """A day has no end to narrow to: `the end of May 5`, of `Friday` (or `Friday to Sunday`),
    of `today`."""
    first = value.start if isinstance(value, Interval) else value
    if isinstance(first, Weekday):
        return True
    if isinstance(value, YearPart):
        return isinstance(value.part, MonthDay) and not isinstance(value.year, ShiftedYear) and not value.direction
    return isinstance(value, Relative) and value.base is Base.DOCUMENT and value.unit is Unit.DAY


def is_now_or_just_before(value: Value) -> bool:
    """`this year`, `this week`, `yesterday`, a bare `Friday`: what `earlier` / `later` can join
    (`earlier this year`; not `the year-earlier quarter`)."""
    if isinstance(value, Relative):
        return value.base is Base.DOCUMENT and (value.shift == 0 or (value.unit is Unit.DAY and value.shift == -1))
    if isinstance(value, YearPart):
        return value.year == ShiftedYear(Base.DOCUMENT, 0) and value.part is None and not value.direction
    return isinstance(value, Weekday) and value.direction is Direction.NEAREST


def extend_with_modifier(text: str, candidate: Candidate, floor: int) -> Candidate:
    if isinstance(candidate.value, (Duration, Fiscal, Edge, PeriodInYear)):
        return candidate
    if isinstance(candidate.value, (Decade, LatestDecade)) and (
        part := DECADE_PART.search(text, max(floor, candidate.start - 40), candidate.start)
    ):
        return replace(candidate, start=part.start(), modifier=Modifier.VAGUE)
    match = MODIFIER.search(text, max(floor, candidate.start - 30), candidate.start)
    if match is None:
        return candidate
    if match["edge"]:
        if has_no_edges(candidate.value):
            return candidate
        side = Side.START if {"beginning", "start"} & set(words(match["edge"]).split()) else Side.END
        modifier = Modifier.START_OF if side is Side.START else Modifier.END_OF
        return replace(candidate, start=match.start(), value=edge_of(side, candidate.value), modifier=modifier)
    if words(match["vague"]) in ("earlier", "later") and not is_now_or_just_before(candidate.value):
        return candidate  # `earlier this year`, `later yesterday`; not `the year-earlier quarter`
    return replace(candidate, start=match.start(), modifier=Modifier.VAGUE)


# A rule without needed words matches only around a digit or a calendar word: a month or
# weekday name (or its abbreviation), a unit (`day`, `weeks`, `decade`) or a relative unit
# (`weekend`).
CALENDAR_CUE = re.compile(rf"\d|\b(?i:{alternation([*MONTHS, *WEEKDAYS, *UNIT_WORDS])}|{plural_alternation(UNITS)})\b")
MONTH_CUE = re.compile(rf"{MONTH_START}(?i:{alternation(MONTHS)})\b")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
# Characters a rule's lookahead may read past the end of its paragraph (`(?!\s*\d)`).
LOOKAHEAD_SLACK = 100


@dataclass(frozen=True)
class Window:
    """A paragraph, where rules are run or not: ``lowered`` for the needed-word tests."""

    start: int
    end: int
    lowered: str
    calendar: bool  # holds a calendar cue
    month: bool  # holds a month's name

    def may_hold(self, rule: Rule) -> bool:
        """A word the rule needs stands here (a calendar cue for a rule that names none, and a
        month's name for a rule in which one always stands)."""
        if rule.month_named and not self.month:
            return False
        return any(word in self.lowered for word in rule.needs) if rule.needs else self.calendar


def windows(text: str, start: int) -> list[Window]:
    """The paragraphs of ``text[start:]``, split at blank lines (no date runs over one)."""
    bounds = [start, *(m.end() for m in PARAGRAPH_BREAK.finditer(text, start)), len(text)]
    found: list[Window] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        month = MONTH_CUE.search(text, a, b) is not None
        found.append(Window(a, b, text[a:b].lower(), month or CALENDAR_CUE.search(text, a, b) is not None, month))
    return found


def find_candidates(text: str, start: int = 0) -> list[Candidate]:
    """Every rule's matches in ``text[start:]``, each with its underspecified value. A rule
    runs only in the paragraphs that may hold its match (:meth:`Window.may_hold`); a match is
    kept where it starts inside one, and may run on past it."""
    found = []
    parts = windows(text, start)
    for r in RULES:
        if r.opens_a_range:
            continue  # read only before its closing rule's matches, below
        for part in parts:
            if not part.may_hold(r):
                continue
            for m in r.regex.finditer(text, part.start, min(len(text), part.end + LOOKAHEAD_SLACK)):
                if m.start() >= part.end:
                    break
                value = r.build(m, text)
                if value is not None:
                    cut = (m.end(r.split[0]), m.start(r.split[1])) if r.split else None
                    found.append(extend_with_modifier(text, Candidate(m.start(), m.end(), r, value, cut=cut), start))
                    if r.range_opener is not None:
                        found += range_opening(text, part.start, m, r.range_opener, start)
    return found


WORD_START = re.compile(r"(?<!\S)\S")
RANGE_REACH = 40  # characters back from a match to the number opening its range


def range_opening(text: str, lower: int, closing: re.Match, opener: Rule, start: int) -> list[Candidate]:
    """The number opening a range that ``closing`` ends (`four` of `four to seven days`): the
    opener tried at the words just before the match, the first that reaches the match's unit."""
    at = closing.start()
    for word in list(WORD_START.finditer(text, max(lower, at - RANGE_REACH), at))[-3:]:
        m = opener.regex.match(text, word.start())
        if m is None or m.start("unit") != closing.start("unit"):
            continue
        value = opener.build(m, text)
        if value is not None:
            return [extend_with_modifier(text, Candidate(m.start(), m.end(), opener, value), start)]
    return []


def split(candidate: Candidate) -> list[Candidate]:
    """A period ending on a stated day is two mentions (contract v1.1, TimeML): `the quarter`
    (the period) and `Sept. 30, 2024` (its last day, or month)."""
    if candidate.cut is None or not isinstance(candidate.value, PeriodEnding):
        return [candidate]
    head_end, tail_start = candidate.cut
    return [
        replace(candidate, end=head_end, cut=None),
        Candidate(tail_start, candidate.end, candidate.rule, candidate.value.end, tail=True),
    ]


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the earlier rule in RULES."""
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), RULE_ORDER[c.rule.name], c.start))
    kept: list[Candidate] = []
    for c in ranked:
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted((piece for c in kept for piece in split(c)), key=lambda c: c.start)
