"""Phase one: find date expressions in text and give each an underspecified value.

Each rule is a readable name, a regex built from the word lists in ``data/``
(compiled once, named groups) and a builder that turns a match into a value
in the grammar of :mod:`pipeline.extractors.dates.resolver` (or None to reject it).
The rules live by family in :mod:`.absolute`, :mod:`.relative` and :mod:`.periods`
(shared pieces in :mod:`.fragments`); this module puts them in order in ``RULES``.
Overlapping candidates are settled by :func:`select` (longest first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.extractors.dates.absolute import CALENDAR_RULES
from pipeline.extractors.dates.fragments import Rule
from pipeline.extractors.dates.lexicon import VAGUE_MODIFIERS, alternation, words
from pipeline.extractors.dates.periods import EDGE_FISCAL_RULES, PERIOD_RULES
from pipeline.extractors.dates.relative import RELATIVE_RULES, WEEKDAY_MONTH_RULES


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: str
    spec: str  # underspecified value, see resolver


# The order matters: on candidates of the same length the earlier rule wins (see select).
RULES: tuple[Rule, ...] = (
    *CALENDAR_RULES,  # dates, day/month/year ranges, years, decades, centuries
    *RELATIVE_RULES,  # `yesterday`, `last month`, durations, `a year ago`
    *PERIOD_RULES,  # reporting periods, quarters, halves, seasons, holidays
    *WEEKDAY_MONTH_RULES,  # weekdays, bare month names
    *EDGE_FISCAL_RULES,  # `the week of`, period edges, fiscal years, `the quarter ended`
)


# A vague modifier keeps the value and joins the span (`mid-2024`, `early next year`);
# `the end of` / `the beginning of` narrow the value to a day.
MODIFIER = re.compile(
    rf"(?:(?<!-)\b(?P<vague>(?i:{alternation(VAGUE_MODIFIERS)}))[\s-]+"
    r"|\b(?P<edge>(?i:the\s+(?:end|beginning|start|close)\s+of))\s+)\Z"
)


# `the last half of the '80s`: a part of a decade stays as vague as `the late 1980s`.
DECADE_PART = re.compile(r"\b(?i:the\s+(?:first|second|last|latter)\s+half\s+of\s+(?:the\s+)?)\Z")
DECADE_SPEC = re.compile(r"\d{3}|DECADE:\d")


def extend_with_modifier(text: str, candidate: Candidate, floor: int) -> Candidate:
    if candidate.spec.startswith(("P", "FY", "END:", "START:")):
        return candidate
    if DECADE_SPEC.fullmatch(candidate.spec) and (
        part := DECADE_PART.search(text, max(floor, candidate.start - 40), candidate.start)
    ):
        return replace(candidate, start=part.start(), rule=f"modifier+{candidate.rule}")
    match = MODIFIER.search(text, max(floor, candidate.start - 30), candidate.start)
    if match is None:
        return candidate
    if match["edge"]:
        if re.fullmatch(r"XXXX-\d\d-\d\d|\d{4}-\d\d-\d\d|WD\d.*|RD[+-]\d+", candidate.spec):
            return candidate  # a day has no end to narrow to
        edge = "START" if words(match["edge"]).split()[1] in ("beginning", "start") else "END"
        return replace(
            candidate, start=match.start(), spec=f"{edge}:{candidate.spec}", rule=f"{edge.lower()}-of+{candidate.rule}"
        )
    if words(match["vague"]) in ("earlier", "later") and not re.fullmatch(r"R\w+\+0|RD-1|WD\d", candidate.spec):
        return candidate  # `earlier this year`, `later yesterday`; not `the year-earlier quarter`
    return replace(candidate, start=match.start(), rule=f"modifier+{candidate.rule}")


def find_candidates(text: str, start: int = 0) -> list[Candidate]:
    """Every rule's matches in ``text[start:]``, each with its underspecified value."""
    found = []
    lowered = text.lower()
    for r in RULES:
        if r.needs and not any(word in lowered for word in r.needs):
            continue  # a cheap test before the regex: most rules need one of a few words
        for m in r.regex.finditer(text, start):
            spec = r.build(m, text)
            if spec:
                found.append(extend_with_modifier(text, Candidate(m.start(), m.end(), r.name, spec), start))
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the earlier rule in RULES."""
    order = {r.name: i for i, r in enumerate(RULES)}
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), order.get(c.rule.split("+")[-1], 0), c.start))
    kept: list[Candidate] = []
    for c in ranked:
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)
