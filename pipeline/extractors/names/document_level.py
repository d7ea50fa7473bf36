"""Document-level passes over the names found one by one.

- the longer of two overlapping names wins;
- acronyms defined after an initiative (`(ACR)`, `, or ACR,`) or made of its initials tag
  the acronym's other stand-alone mentions; aliases (`known as the ...`) are mentions too;
- a name acting as an organisation somewhere (`ACR Secretary-General`, `the X said`) is no
  initiative anywhere, unless an edition year or ordinal marks it as an event;
- a name found once is a mention wherever it stands again (all-caps headlines, without its
  trailing year); a name owning a report (`X's ... Report`) is its publisher.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from pipeline.extractors.names import rules
from pipeline.extractors.names.candidates import ACRONYM, WORD, Quote
from pipeline.extractors.names.context import Context, Name
from pipeline.extractors.names.lexicon import (
    AGENCY_AFTER,
    AGENCY_HEADS,
    AGENT_AFTER,
    ALIAS_CUE,
    BRACKET_AFTER,
    EDITION_BEFORE,
    EXECUTIVE_BEFORE,
    JOB_WORDS,
    OBSERVANCE_TIME_BEFORE,
    ORGANISATION_PREDICATE,
    ROLE_AFTER,
    observance_day,
)

OR_ACRONYM_AFTER = re.compile(r"^,\s+or\s+(?P<acronym>[A-Z][A-Z0-9&]+),")
# A part of a scheme after a dash, then the acronym with the part's initial (`Yojana- Urban
# (PMAY-U)`, `Mission - Gramin (SBM-G)`), as governments name a scheme's urban or rural arm.
PART_ACRONYM_AFTER = re.compile(
    r"^\s?[-–]\s?(?P<part>[A-Z][a-z]+)(?=\s*\((?P<acronym>[A-Z][A-Za-z0-9&]*[-–](?P<letter>[A-Z]))\))"
)
BRACKET_ACRONYM_AFTER = re.compile(r"^\s*\((?P<acronym>[A-Z][A-Za-z0-9&-]*[A-Za-z0-9])\)")
# A name inside a longer capitalised run (`X Bureau`, `the Y X`) is not that name.
CAPITALISED_AFTER = re.compile(r"^[ \t]?[A-Z]")
CAPITALISED_BEFORE = re.compile(r"[A-Z]\w*[ \t]$")
# Before a name or acronym `said (the)` with the sentence ending after it (`..., said the ACR.`).
SAID_BEFORE = re.compile(r"\bsaid\s+(?:the\s+)?$")
SAID_NAME_END = re.compile(r"^(?=\s*[.,;]|\s+(?:on|in)\b)")
DIRECTED_KINDS = frozenset({"event", "award", "competition"})
COMPLEMENT_BEFORE = re.compile(r"\b(?P<office>[A-Za-z]+(?:\s+[A-Za-z]+)?)\s+of\s+(?:the\s+)?$")
YEAR_AFTER = re.compile(r"^[ \t](?:19|20)\d\d\b(?![-–/]?\d)")
TRAILING_YEAR = re.compile(r"\s+(?:19|20)\d\d$")
DASHES = re.compile(r"[-–]")
CAPITALISED_WORDS = re.compile(r"(?:[A-Z][\w-]*(?:[ \t]+|$))+")
# `the X Programme's (XP) 2031 Harbour Report`: an acronym in brackets may follow the possessive
POSSESSIVE_AFTER = re.compile(r"^['’]s\s+(?:\([A-Z][A-Z0-9&]*\)\s+)?")
# `(the "ACR", or the "Index")` after a title: its acronym, quoted.
QUOTED_ACRONYM_AFTER = re.compile(r"^\s*\((?:the\s+)?[“\"‘](?P<acronym>[A-Z][A-Za-z0-9&-]*[A-Za-z0-9])[”\"’]")
QUOTED_DEFINITION = re.compile(r"\((?:the\s+)?[“\"‘]$")
YEAR_EDITION_AFTER = re.compile(r"^[ \t](?P<year>(?:19|20)\d\d(?:[-–/](?:19|20)?\d\d)?)\b(?![-–/]?\d)")
YEAR_EDITION_BEFORE = re.compile(r"(?<![\w.,])(?P<year>(?:19|20)\d\d)[ \t]$")


def longest(names: list[Name]) -> list[Name]:
    """Drop names inside or overlapping a longer one (the longer name wins)."""
    kept: list[Name] = []
    spans: list[tuple[int, int]] = []  # the kept names' spans, in text order, never overlapping
    for name in sorted(names, key=lambda n: (-(n.end - n.start), n.start)):
        i = bisect_right(spans, (name.start, name.end))
        clash_before = i > 0 and spans[i - 1][1] > name.start
        clash_after = i < len(spans) and spans[i][0] < name.end
        if not (clash_before or clash_after):
            spans.insert(i, (name.start, name.end))
            kept.append(name)
    return kept


def _is_definition(start: int, context: Context) -> bool:
    """An acronym or alias defined right after a name: `Name (ACR)`, `Name, or ACR,`,
    `Name (the "ACR")`."""
    return (
        context.before(start, 1) == "("
        or context.before(start, 5) == ", or "
        or QUOTED_DEFINITION.search(context.before(start, 8)) is not None
    )


def with_report_acronyms(names: list[Name], context: Context) -> list[Name]:
    """A report's acronym, defined after it (`(the "HTO")`, `(HTO)`) or made of its title's
    initials (three or more letters: `Harbour Trade Outlook` -> `HTO`), is the title wherever
    it stands alone later, with an edition year before or after it (`the 2021 HTO`, `HTO
    2024/2025`), as the contract's v1.1 report acronyms."""
    text = context.text
    acronyms: set[str] = set()
    for name in names:
        if name.cls != "report":
            continue
        defined = QUOTED_ACRONYM_AFTER.match(context.after(name.end, 40)) or BRACKET_ACRONYM_AFTER.match(
            context.after(name.end, 40)
        )
        if defined and _has_two_capitals(defined.group("acronym")):
            acronyms.add(defined.group("acronym"))
        letters = initials(TRAILING_YEAR.sub("", text[name.start : name.end]))
        if len(letters) >= 3:
            acronyms.add(letters)
    extra = []
    for acronym in acronyms:
        for start, end in context.occurrences(acronym, exact=True):
            if _is_definition(start, context) or CAPITALISED_AFTER.match(text[end : end + 3]):
                continue
            if CAPITALISED_BEFORE.search(text[max(0, start - 3) : start]):
                continue
            after = YEAR_EDITION_AFTER.match(text[end : end + 12])
            before = YEAR_EDITION_BEFORE.search(text[max(0, start - 6) : start])
            year = ""
            if after:
                end, year = end + after.end(), after.group("year")
            elif before:
                start, year = start - len(before.group(0)), before.group("year")
            extra.append(Name(start, end, "report", "", rules.ACRONYM.name, year))
    return names + extra


def with_acronyms_and_aliases(names: list[Name], quotes: list[Quote], context: Context) -> list[Name]:
    text = context.text
    acronyms: dict[str, str] = {}
    dropped: set[Name] = set()
    extra: list[Name] = []
    for name in names:
        if name.cls != "initiative":
            continue
        after = context.after(name.end, 40)
        part = PART_ACRONYM_AFTER.match(after)
        if part and part.group("letter") == part.group("part")[0]:
            # `Awas Yojana- Urban (AY-U)`: the scheme's urban part is the name its acronym stands for
            extended = replace(name, end=name.end + part.end("part"))
            names = [extended if n is name else n for n in names]
            name, after = extended, context.after(extended.end, 40)
        defined = BRACKET_ACRONYM_AFTER.match(after) or OR_ACRONYM_AFTER.match(after)
        own = [defined.group("acronym")] if defined and _has_two_capitals(defined.group("acronym")) else []
        letters = initials(text[name.start : name.end])
        by_initials = [letters, letters + "s"] if len(letters) >= 3 else []
        if _acts_as_organisation_anywhere(name, own, by_initials, context) and not _has_edition(name, context):
            dropped.add(name)
            continue
        own += by_initials
        # `ACR Barcelona 2023`, a name with no head noun: `ACR` is its short name (`ACR convened`).
        first = WORD.match(text, name.start)
        if (
            rules.RULES[name.rule].opening_acronym_is_short_name
            and first
            and ACRONYM.fullmatch(first.group())
            and first.end() < name.end
        ):
            own.append(first.group())
        for acronym in own:
            acronyms.setdefault(acronym, name.kind)
        alias = _alias_after(name, quotes, context)
        if alias is not None:
            extra.append(alias)
    names = [n for n in names if n not in dropped] + extra
    for acronym, kind in acronyms.items():
        for start, end in context.occurrences(acronym, exact=True):
            after = context.after(end, 40)
            if _is_definition(start, context) or context.acts_as_organisation(start):
                continue
            if ROLE_AFTER.match(after) or AGENT_AFTER.match(after):  # `ACR Secretary-General Li`
                continue
            year = YEAR_AFTER.match(after)  # `ACR 2023`: a year after a name stays in it
            names.append(Name(start, end + (year.end() if year else 0), "initiative", kind, rules.ACRONYM.name))
    return names


def _has_two_capitals(word: str) -> bool:
    """An acronym (`HIEE`, `UN-Sea`, `GRGs`), not a bracketed place word (`(Westbank)`)."""
    return sum(c.isupper() for c in word) >= 2


def _has_edition(name: Name, context: Context) -> bool:
    """Whether an occurrence of the name as a whole (not `the 2023 X Summit`) has a year or
    ordinal before it (`the 2023 X`, `the Second X`): then it names an event, even where it
    also acts as its organiser."""
    text = context.text
    surface = text[name.start : name.end]
    return any(
        EDITION_BEFORE.search(text[max(0, start - 16) : start]) and not CAPITALISED_AFTER.match(text[end : end + 3])
        for start, end in context.occurrences(surface)
    )


def without_publishers(names: list[Name], context: Context) -> list[Name]:
    """`the X Forum's Global Risks Report`: a name owning a report is its publisher, an
    organisation."""
    report_starts = {n.start for n in names if n.cls == "report"}
    return [
        n
        for n in names
        if not (
            n.cls == "initiative"
            and (m := POSSESSIVE_AFTER.match(context.after(n.end, 4)))
            and n.end + m.end() in report_starts
        )
    ]


def initials(name: str) -> str:
    """`Harbour Development Goals` -> `HDG`; an acronym word keeps all its letters
    (`UN Ocean Programme` -> `UNOP`)."""
    letters = []
    for word in WORD.findall(name):
        for piece in DASHES.split(word):
            if not piece or not piece[0].isupper():
                continue
            letters.append(piece if ACRONYM.fullmatch(piece) else piece[0])
    return "".join(letters)


def _acts_as_organisation_anywhere(name: Name, defined: list[str], by_initials: list[str], context: Context) -> bool:
    """A name that acts as an organisation somewhere in the document, itself or by the
    acronym defined after it (`ACR Secretary-General`, `ACR's President`, `the ACR (ACR)
    said`, `..., said the ACR.`); a `... Programme` or `... Alliance` (or its acronym)
    doing what an agency does (`UN Ocean Programme (UNOP) published`, `UNOP celebrates`:
    contract "More decisions")."""
    text = context.text
    surface = text[name.start : name.end]
    agency = surface.split()[-1] in AGENCY_HEADS
    forms = [(surface, False)] + [(a, True) for a in defined + (by_initials if agency else [])]
    for form, exact in forms:
        for start, end in context.occurrences(form, exact):
            after = text[end : end + 60]
            bracket = BRACKET_AFTER.match(after)
            if bracket is not None:
                after = after[bracket.end() :]
            # `the director general of the X said`: the office holder speaks, not X (a person
            # `of the X` still speaks for it)
            office = COMPLEMENT_BEFORE.search(text[max(0, start - 40) : start])
            holder = office is not None and any(w.capitalize() in JOB_WORDS for w in office.group("office").split())
            speaker = AGENT_AFTER.match(after) and not holder
            if ROLE_AFTER.match(after) or speaker or (agency and AGENCY_AFTER.match(after)):
                return True
            if ORGANISATION_PREDICATE.match(after):  # `X was established as an international organization`
                return True
            # `Jane Roe, Chief Executive, X Fund`: a fund or alliance with a chief executive is a
            # body (festivals and prizes have directors too)
            if name.kind not in DIRECTED_KINDS and EXECUTIVE_BEFORE.search(text[max(0, start - 40) : start]):
                return True
            if SAID_BEFORE.search(text[max(0, start - 12) : start]) and SAID_NAME_END.match(after):
                return True
    return False


def _alias_after(name: Name, quotes: list[Quote], context: Context) -> Name | None:
    """`X, known as the Spring Fair` / `X (ABC), also known as "green growth"`."""
    match = ALIAS_CUE.match(context.after(name.end, 80))
    if match is None:
        return None
    start = name.end + match.end()
    for quote in quotes:
        if quote.open == start:
            return Name(quote.start, quote.end, "initiative", name.kind, rules.ALIAS.name)
    words = CAPITALISED_WORDS.match(context.text[start : start + 80])
    if words is None:
        return None
    stop = start + len(words.group().rstrip())
    return Name(start, stop, "initiative", name.kind, rules.ALIAS.name)


def with_kind_from_noun(names: list[Name], context: Context) -> list[Name]:
    """A name written once before a programme noun (`the ARC's Delta Grants scheme`) is a
    programme at its every occurrence (`nine new Delta Grants`)."""
    text = context.text
    kinds = {
        " ".join(text[n.start : n.end].lower().split()): n.kind
        for n in names
        if n.rule == rules.TITLE_HEAD_KIND_NOUN.name
    }
    return [
        replace(n, kind=kinds.get(" ".join(text[n.start : n.end].lower().split()), n.kind))
        if n.cls == "initiative"
        else n
        for n in names
    ]


def repeated(names: list[Name], context: Context) -> list[Name]:
    """A name found once is a mention wherever it stands again as a whole name (not inside
    a longer capitalised run), also in capitals (a headline, `HARBOURSTART`) and without its
    trailing year (`X 2023` ... `X`)."""
    text = context.text
    extra = []
    seen = set()
    for name in names:
        rule = rules.RULES[name.rule]
        # a rule that finds its names wherever they stand misses only their all-caps copies
        # (`the HarbourStart programme` ... `HARBOURSTART will ...`)
        if rule.found_everywhere and (rule.capitals_found or name.cls != "initiative"):
            continue
        surface = text[name.start : name.end]
        forms = {surface}
        if name.cls == "initiative":
            without_year = TRAILING_YEAR.sub("", surface)
            if without_year != surface and len(without_year.split()) >= 2:
                forms.add(without_year)
        elif ": " in surface and len(surface.split(": ")[0].split()) >= 2:
            forms.add(surface.split(": ")[0])  # `Harbours for People: A Review` ... `Harbours for People`
        for form in forms:
            if (form, name.cls) in seen:
                continue
            seen.add((form, name.cls))
            for start, end in context.occurrences(form):
                found = text[start:end]
                headline = found.isupper() and not form.isupper()
                if " ".join(found.split()) != " ".join(form.split()) and not headline:
                    continue
                if rule.found_everywhere and not headline:
                    continue  # found there already
                if not headline and (
                    CAPITALISED_AFTER.match(text[end : end + 3])
                    or CAPITALISED_BEFORE.search(text[max(0, start - 3) : start])
                ):
                    continue
                if _is_definition(start, context) or context.acts_as_organisation(start):
                    continue
                if observance_day(form) and OBSERVANCE_TIME_BEFORE.search(context.before(start, 40)):
                    continue  # `on the Harbour Day`: the day as a time, a date (as where first found)
                extra.append(replace(name, start=start, end=end, rule=rule.repeated_name))
    return extra
