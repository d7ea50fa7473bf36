"""Measure mentions: a number with a physical unit, the unit and dimension as quantulum3 names them.

Phase one, over ``doc.text``: one regex, built from the unit inventory (:mod:`.units`), finds
each number written with a unit form after it (`50,000 square meters`, `2,400MW`, `4.0 grams
per tonne`, `1.8 million tonnes annually`); the qualifier words before it come from the
numbers package. It is also the prefilter: only the sentences holding such a candidate are
given to quantulum3 (:mod:`.engine`).
Phase two names each candidate's unit. Where quantulum3 found a quantity there whose unit is
one the form may stand for, its unit is taken (rule ``quantulum3``). Where it found none, or
another (a unit it lacks, a rate word it leaves out, modifier words between number and
unit ...), a rule names the unit from the inventory, each rule one class of cases
quantulum3 loses on. The value is always read from the text, exactly (quantulum3 gives
floats, and a range's midpoint).
Which of two types an overlapping span is (a count of `tpd`, money in `pounds`) is
:mod:`pipeline.core.overlaps`'s decision.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, localcontext
from functools import cache

from spacy.tokens import Doc, Span

from pipeline.core.document import body_start, text_of
from pipeline.core.lexicon import DataDir, alternation
from pipeline.core.mentions import make_mention
from pipeline.core.sentences import Sentences
from pipeline.extractors.measures import engine
from pipeline.extractors.measures.units import Inventory, Unit, inventory
from pipeline.extractors.numbers.numbers import (
    DECIMAL_COMMA_NUMBER,
    DECIMAL_DIGITS,
    DIGITS,
    EXACT,
    LABELLED_BRACKET,
    NUMBER_WORDS,
    SCALE_ABBR,
    SCALE_WORD,
    SCALES,
    WORD_NUMBER,
    format_decimal,
    qualifier_before,
    qualifier_symbol,
    scaled_value,
)

DATA = DataDir(__file__)


@dataclass(frozen=True)
class Rule:
    """A rule: its name, a row's ``rule`` column. Each but ``quantulum3`` is a class of cases
    quantulum3 loses on."""

    name: str


QUANTULUM = Rule("quantulum3")  # quantulum3's quantity, its unit one the form may stand for
RANGE_START = Rule("range-start")  # the `9,000` of `9,000-11,000 oz`: the end's unit
COMPARATIVE = Rule("bracketed-comparative")  # the `43.4` of `46.5 ktonnes (43.4)`: the figure before's unit
ABBREVIATION = Rule("defined-abbreviation")  # `long tons ("dwt") ... 38,500 dwt`
RATE = Rule("unit+rate-word")  # `1.8 million tonnes annually`, `30,000 barrels a day`
MODIFIER = Rule("number+modifier+unit")  # `2,300 gold equivalent ounces`
HYPHENATED = Rule("number-hyphen-unit")  # `a 1,500-square-meter hall`
CONTEXT = Rule("unit-by-context")  # `9,500 pounds` of thrust (pound-force)
US_RELEASE = Rule("us-release-unit")  # `tons` in a US release: short tons
NUMBER_UNIT = Rule("number+unit")  # any other: a form quantulum3 lacks (`hectares`, `sqm`) or misreads
RULES = (
    QUANTULUM,
    RANGE_START,
    COMPARATIVE,
    ABBREVIATION,
    RATE,
    MODIFIER,
    HYPHENATED,
    CONTEXT,
    US_RELEASE,
    NUMBER_UNIT,
)
RULE_NAMES = frozenset(rule.name for rule in RULES)

RATE_WORDS = {" ".join(words.lower().split()): time for words, time in DATA.rows("rate_words.tsv")}
UNIT_SUFFIXES = alternation(DATA.lines("unit_suffixes.txt"))  # `tonnes [of CO2 equivalent]`
# A unit written as an acronym (`BCM`, `MTPA`) after a year is an organisation's or event's name
# (`the 2024 BCM congress`), not a measure.
ACRONYM = re.compile(r"[A-Z]{3,}")
# Words that cannot stand between a number and its unit (`2 of the ounces`, `5 in square`).
NOT_MODIFIERS = frozenset(
    {"of", "in", "on", "at", "for", "to", "from", "and", "or", "the", "a", "an", "by", "with", "per", "than"}
    | set(NUMBER_WORDS)
    | set(SCALES)
)
# A product's label in capitals between a number and a unit name (`154,400 4E ounces`,
# `4.5 million PGM ounces`): a modifier like `gold equivalent`.
LABEL = r"[A-Z0-9]*[A-Z][A-Z0-9]*"
NOT_IN_NUMBER = r"(?<![\w.,:/+\-−])"
# Not inside another number or word; a sign attached (`-5°C`), or the end of a range (`2-3 km`).
# `100 MW/400 MWh`: a storage plant's power and energy, the second after a unit's slash
# A minus glued to the number or the word `minus` makes the value negative (`-540 Gt`, `minus 70
# degrees Celsius`); a plus glued to it is in the span only (`+115 Gt`).
SIGN = rf"(?:{NOT_IN_NUMBER}(?P<sign>[\-−]|\b(?i:minus)[ \t]+)|{NOT_IN_NUMBER}\+(?=\d)|{NOT_IN_NUMBER}|(?<=\d-)|(?<=[A-Za-z]/))"
SCALE = rf"(?:(?:\s+|-)(?P<scale>(?:{SCALE_WORD})(?:\s+(?:{SCALE_WORD}))?)|(?P<abbr>{SCALE_ABBR})(?=\s))"
RANGE_BEFORE = re.compile(
    rf"{SIGN}(?P<number>{DIGITS})(?:(?:\s+|-)(?P<scale>{SCALE_WORD}))?\s*(?:[-–]|\s(?:to|and)\s)\s*\Z"
)
_RANGE_WINDOW = 60
# `long tons ("dwt")`: an abbreviation defined in brackets right after a measure.
ABBREVIATION_DEFINED = re.compile(r"\s*\(\s*[\"“'‘]?(?P<abbr>[A-Za-z][A-Za-z/.]{0,7})[\"”'’]?\s*\)")
# `cubic feet (MMcf) per day`: the abbreviation defined between a unit and its rate
DEFINED_BEFORE_RATE = r"(?:\s*\([A-Za-z]{2,8}\))"
YEARS = range(1800, 2101)
LETTERS_SCALE_BELOW = 100_000  # a number this large carries no scale in its unit's letters
# Quotation marks that are also inch marks (unit_context.tsv), each with the mark that opens a
# quotation it closes.
QUOTE_OPENERS = {'"': '"', "”": "“"}
IDENTIFIER_LABEL = re.compile(r"\b(?i:number|no\.|ref\.?)[ \t]*:?[ \t]*\Z")
US_CUES = re.compile(rf"(?<![\w.])(?:{alternation(DATA.lines('us_cues.txt'))})(?![\w])")
US_CUES_UPPER = re.compile(rf"(?<![\w.])(?:{alternation(w.upper() for w in DATA.lines('us_cues.txt'))})(?![\w])")
OPENING = 400  # characters of a release that hold its dateline
# A context word (`thrust`) decides a unit within this many characters of the measure.
NEAR_BEFORE, NEAR_AFTER = 60, 30
BRACKETED_AFTER = re.compile(rf"{LABELLED_BRACKET}(?P<number>{DECIMAL_DIGITS})[ \t]*\)")
# a list of short phrases: items joined by commas, `and` or `or`
LIST_JOINT = re.compile(r",[ \t]+(?:and[ \t]+|or[ \t]+)?|[ \t]+(?:and|or)[ \t]+")
LIST_JOINT_BEFORE = re.compile(rf"(?:{LIST_JOINT.pattern})\Z")
MAX_LIST_ITEM_WORDS = 3
CLAUSE_BREAK = re.compile(r"[,;:](?=\s)|[()]")  # not the comma of `8,000`
NEXT_CAPITALISED = re.compile(r"[ \t]+[A-Z][a-z]")
# a capitalised name ending with a race's word (`Harbour Half Marathon`, `Acme City Run`)
RACE_NAME_AFTER = re.compile(rf"(?:\s+[A-Z][\w'’&-]*){{0,4}}?\s+(?:{alternation(DATA.lines('race_heads.txt'))})\b")
PREVIOUS_WORD = re.compile(r"[A-Z][\w'’.-]*[ \t]+\Z")
PLACE_BEFORE_NOUN = re.compile(r"[ \t]+[A-Z][\w'’&-]*[ \t]+[a-z]")  # `73-acre Kestrel property`


def _forms(forms: list[str], hyphens: bool = False) -> str:
    pattern = alternation(forms)
    return pattern.replace(r"\s+", r"[\s-]+") if hyphens else pattern


@cache
def candidate_pattern() -> re.Pattern:
    """A number, its scale, then a unit form (a name may follow modifier words and be
    hyphenated: `1,500-square-meter`), its power (`km2`), a second unit after `per` or `/`, or
    a rate word (built on first use: the inventory is quantulum3's)."""
    units = inventory()
    symbols = _forms(units.symbol_forms())
    names = _forms(units.name_forms(), hyphens=True)
    per_forms = _forms([*units.denominators, *units.name_forms(), *units.time_forms])
    rates = alternation(RATE_WORDS)
    return re.compile(
        # a decimal comma before a unit too (`a 90,2km distance`: South African usage)
        # (a plus glued after the number is a qualifier: `1,000+ tpd`)
        rf"{SIGN}(?P<number>{DECIMAL_COMMA_NUMBER}|{DIGITS}|{WORD_NUMBER}){SCALE}?(?P<plus>\+)?(?P<sep>\s*|-)"
        # (`per` is no modifier: `5 mg per kg` is a unit per a unit)
        rf"(?:(?P<modifiers>(?:(?:(?!per\s)[a-z][a-z-]*|{LABEL})\s+){{1,3}}?)??(?P<name>(?i:{names}))|(?P<symbol>{symbols}))"
        rf"(?P<power>[2²3³](?!\d))?(?![\w°])(?:\s+(?P<suffix>{UNIT_SUFFIXES})(?![\w]))?"
        # (the unit's abbreviation may be defined before its rate: `158.9 million cubic feet (MMcf) per day`)
        rf"(?:{DEFINED_BEFORE_RATE}?(?P<per_sep>\s*/\s*|\s+per\s+)(?P<per>{per_forms})(?P<per_power>[2²3³](?!\d))?(?![\w°])"
        rf"|{DEFINED_BEFORE_RATE}?\s+(?P<rate>(?i:{rates}))(?![\w]))?"
    )


@dataclass
class Candidate:
    match: re.Match
    start: int  # the qualifier's start, else the number's
    qualifier: str | None

    @property
    def end(self) -> int:
        return self.match.end()

    @property
    def form(self) -> str:
        form = self.match.group("symbol") or " ".join(self.match.group("name").replace("-", " ").split())
        power = self.match.group("power")
        # `m²`: a symbol of its own (square metres), whatever `m` alone may be (a million)
        return form + power if power and form + power in inventory().added else form

    @property
    def unit_text(self) -> str:
        """The unit as written (`lbs`, `square meters`)."""
        return self.match.group("symbol") or self.match.group("name")


class DocumentUnits:
    """What one document says about units: abbreviations it defines (`("dwt")`), and whether
    it comes from the United States (its opening names the US: read when first asked)."""

    def __init__(self, text: str, begin: int) -> None:
        self.abbreviations: dict[str, Unit] = {}
        self._opening = text[begin : begin + OPENING]
        self._from_us: bool | None = None

    @property
    def from_us(self) -> bool:
        if self._from_us is None:
            self._from_us = bool(US_CUES.search(self._opening) or US_CUES_UPPER.search(self._opening))
        return self._from_us


def extract_measures(doc: Doc) -> list[dict]:
    text = text_of(doc)
    begin = body_start(doc)
    candidates = []
    for match in candidate_pattern().finditer(text, begin):
        candidate = _candidate(text, begin, match)
        if candidate is not None:
            candidates.append(candidate)
    if not candidates:
        return []
    units = inventory()
    sentences = Sentences(doc)
    found = _quantities(text, sentences, candidates)
    known = DocumentUnits(text, begin)
    mentions: list[dict] = []
    for candidate in candidates:
        named = _unit(units, known, candidate, text, sentences.span(candidate.start), found)
        if named is None:
            continue
        unit, rule = named
        measure = _mention(text, candidate, unit, rule)
        mentions.append(measure)
        opening = _range_start(text, begin, candidate, mentions)
        if opening is not None:
            mentions.append(opening)
        comparative = _comparative(text, candidate, measure)
        if comparative is not None:
            mentions.append(comparative)
        defined = ABBREVIATION_DEFINED.match(text, candidate.end)
        if defined is not None:
            known.abbreviations[defined.group("abbr")] = unit
    return sorted(mentions, key=lambda m: (m["start"], m["end"]))


def _candidate(text: str, begin: int, match: re.Match) -> Candidate | None:
    if _opened_by_currency_sign(text, match.start(), begin):
        return None  # `£600m`, `US$5m`: an amount of money (money takes precedence), never parsed
    number = match.group("number")
    if not number[:1].isdigit() and (match.group("symbol") or not match.group("name").islower()):
        return None  # `one mile`, not `One Foot` nor `a MW`
    modifiers = (match.group("modifiers") or "").split()
    if any(word in NOT_MODIFIERS for word in modifiers):
        return None
    if IDENTIFIER_LABEL.search(text, max(begin, match.start() - 12), match.start()):
        return None  # `RNS Number : 3777V`: an identifier, not 3,777 volts
    if number.isdigit() and len(number) == 4 and int(number) in YEARS:
        if not match.group("sep") or ACRONYM.fullmatch(match.group("symbol") or match.group("name")):
            return None  # `2023Q1`-like codes, `the 2024 BCM congress`
    if match.group("symbol") in QUOTE_OPENERS and (match.group("sep") or _closes_quotation(text, match)):
        return None  # `the "Route 66" tour`: a quotation mark, not an inch mark
    qualifier = qualifier_before(text, match.start(), begin)
    return Candidate(
        match, qualifier.start() if qualifier else match.start(), qualifier.group("qualifier") if qualifier else None
    )


def _closes_quotation(text: str, match: re.Match) -> bool:
    """The mark after the number closes a quotation opened earlier on its line."""
    mark = match.group("symbol")
    opener = QUOTE_OPENERS[mark]
    line = text[text.rfind("\n", 0, match.start()) + 1 : match.start()]
    return line.count(opener) % 2 == 1 if opener == mark else line.count(opener) > line.count(mark)


def _opened_by_currency_sign(text: str, start: int, begin: int) -> bool:
    """A currency sign (Unicode category Sc: `$`, `£`, `€`, `₦` ...) right before the number."""
    return start > begin and unicodedata.category(text[start - 1]) == "Sc"


def _quantities(text: str, sentences: Sentences, candidates: list[Candidate]) -> list[engine.Quantity]:
    """quantulum3's quantities in the sentences that hold a candidate (a candidate running
    into the next sentence takes it along), each sentence parsed once."""
    windows: list[tuple[int, int]] = []
    for candidate in candidates:
        start = sentences.span(candidate.start).start_char
        end = sentences.span(max(candidate.start, candidate.end - 1)).end_char
        if windows and start < windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], end))
        else:
            windows.append((start, end))
    return [q for start, end in windows for q in engine.quantities(text, start, end)]


def _unit(
    units: Inventory,
    known: DocumentUnits,
    candidate: Candidate,
    text: str,
    sentence: Span,
    found: list[engine.Quantity],
) -> tuple[Unit, Rule] | None:
    """The candidate's unit and the rule that names it; None when its form is no unit here
    (a context-only form without its word within a few words, or inside a name)."""
    context = sentence.text
    sentence_start = sentence.start_char
    near = _clause(text, max(sentence_start, candidate.start - NEAR_BEFORE), candidate, candidate.end + NEAR_AFTER)
    match = candidate.match
    form = candidate.form
    if form in units.name_parts and _after_capitalised_word(text, sentence_start, candidate):
        return None  # `the Quay 5K`: a race's name
    if _before_a_name(text, candidate):
        return None  # `the Five-hundred-meter Aperture Telescope`
    by_context = units.context_unit(form, near) or units.context_unit(
        form, _listed_with(text, sentence_start, candidate)
    )
    if by_context is not None and (match.group("modifiers") or _value(candidate) < units.least_by_context(form)):
        return None  # `5,000 housing units`, a station's `six units` beside `electricity`: things
    bases = [by_context] if by_context is not None else units.units_of(form, context)
    if not bases:
        return None
    unit, rule = _named(units, candidate, bases, context, found)
    if by_context is not None and rule is not QUANTULUM:
        rule = CONTEXT
    in_us = units.in_us_release(form)
    if in_us is not None and known.from_us:
        unit, rule = _composed(units, in_us, match, context), US_RELEASE
    defined = known.abbreviations.get(form)
    if defined is not None:
        by_definition = _composed(units, defined, match, context)
        if by_definition != unit:
            return by_definition, ABBREVIATION
    return unit, rule


def _after_capitalised_word(text: str, sentence_start: int, candidate: Candidate) -> bool:
    """A capitalised word, not the sentence's first, right before the number (`Quay 5K`)."""
    previous = PREVIOUS_WORD.search(text, max(sentence_start, candidate.start - NEAR_BEFORE), candidate.start)
    return previous is not None and previous.start() > sentence_start


def _clause(text: str, start: int, candidate: Candidate, end: int) -> str:
    """The words around the candidate, from ``start`` to ``end``, within its clause (not
    across `,` `;` `:` or brackets): `9,500 pounds of thrust, and the crate weighed 180 pounds`."""
    before = text[start : candidate.start]
    after = text[candidate.end : end]
    cut = CLAUSE_BREAK.search(after)
    return (
        CLAUSE_BREAK.split(before)[-1]
        + text[candidate.start : candidate.end]
        + (after[: cut.start()] if cut else after)
    )


def _listed_with(text: str, sentence_start: int, candidate: Candidate) -> str:
    """The items listed before the candidate when it is an item of a list of short phrases (`a
    marathon, half marathon, team relay, 10k and 5k`): the context word of a race distance may
    be another item's; '' when the candidate is no list item."""
    before = text[sentence_start : candidate.start]
    if LIST_JOINT_BEFORE.search(before) is None:
        return ""
    items = LIST_JOINT.split(before)
    if not items[-1].strip():
        items.pop()  # the candidate follows a joint: nothing after it
    listed = []
    for item in reversed(items):
        if len(item.split()) > MAX_LIST_ITEM_WORDS:
            listed.append(" ".join(item.split()[-MAX_LIST_ITEM_WORDS:]))  # the list's first item
            break
        listed.append(item)
    return " ".join(listed) if len(listed) > 1 else ""


def _before_a_name(text: str, candidate: Candidate) -> bool:
    """A hyphenated lower-case measure right before a capitalised word is part of a name
    (`the 500-meter Aperture Telescope`; not `the 500-meter title`, nor a race's length:
    `the 26.2-mile Harbour Marathon`, nor one place word before a common noun: `the 73-acre
    Kestrel property`)."""
    match = candidate.match
    return (
        match.group("sep") == "-"
        and bool(match.group("name"))
        and match.group("name").islower()
        and NEXT_CAPITALISED.match(text, candidate.end) is not None
        and RACE_NAME_AFTER.match(text, candidate.end) is None
        and PLACE_BEFORE_NOUN.match(text, candidate.end) is None
    )


def _named(
    units: Inventory, candidate: Candidate, bases: list[Unit], context: str, found: list[engine.Quantity]
) -> tuple[Unit, Rule]:
    """quantulum3's unit where it found the candidate with a unit the form may stand for;
    else the inventory's, and the rule for the class of case."""
    match = candidate.match
    quantity = _quantity_at(found, match)
    if quantity is not None:
        given = units.named(quantity.unit)
        if given.name in {_composed(units, base, match, context).name for base in bases}:
            return given, QUANTULUM
    unit = _composed(units, units.choose(bases, context), match, context)
    if match.group("rate"):
        return unit, RATE
    if match.group("modifiers"):
        return unit, MODIFIER
    if match.group("sep") == "-" and match.group("name") and " " in candidate.form:
        return unit, HYPHENATED
    return unit, NUMBER_UNIT


def _composed(units: Inventory, base: Unit, match: re.Match, context: str) -> Unit:
    """The base unit with the candidate's power (`km2`), second unit (`per tonne`, `/h`) or
    rate word (`annually`)."""
    power = match.group("power")
    per = match.group("per")
    rate = match.group("rate")
    if power and " " not in base.name:
        return units.compound([(base.name, 2 if power in "2²" else 3)], context)
    if per:
        denominator = units.denominator(per, context)
        per_power = match.groupdict().get("per_power")
        if denominator and per_power:  # `35 µg/m3`: per cubic metre
            return units.compound([(base.name, 1), (denominator, -2 if per_power in "2²" else -3)], context)
        if denominator:
            return units.compound([(base.name, 1), (denominator, -1)], context)
    if rate:
        return units.compound([(base.name, 1), (RATE_WORDS[" ".join(rate.lower().split())], -1)], context)
    return base


def _quantity_at(found: list[engine.Quantity], match: re.Match) -> engine.Quantity | None:
    """quantulum3's quantity holding the candidate's number."""
    number = match.start("number")
    for quantity in found:
        if quantity.start <= number < quantity.end:
            return quantity
    return None


def _mention(text: str, candidate: Candidate, unit: Unit, rule: Rule) -> dict:
    match = candidate.match
    return make_mention(
        text,
        candidate.start,
        candidate.end,
        rule.name,
        value=format_decimal(_value(candidate)),
        unit=unit.name,
        dimension=unit.dimension,
        qualifier=qualifier_symbol(candidate.qualifier, match.group("plus")),
        unit_text=candidate.unit_text,
    )


def _value(candidate: Candidate) -> Decimal:
    """The candidate's number, scaled and signed: `5 Mtpa` is 5 million tonnes a year."""
    match = candidate.match
    with localcontext(EXACT):
        scale = match.group("scale") or match.group("abbr")
        value = _letters_scaled(scaled_value(match.group("number"), scale), scale, candidate.form)
    return -value if match.group("sign") else value


def _letters_scaled(value: Decimal, scale: str | None, form: str) -> Decimal:
    """``value`` times the scale a form's letters write (`5 Mtpa`: 5 million tonnes a year),
    except after a scale word (`2.1 million bcm`) or a number of six digits or more (`1,574,000
    Bcm`): there the letters name the unit alone, as a mine's bank cubic metres; no release
    writes a million billion cubic metres."""
    if scale or value >= LETTERS_SCALE_BELOW:
        return value
    return value * inventory().factor(form)


def _comparative(text: str, candidate: Candidate, measure: dict) -> dict | None:
    """The bracketed figure right after a measure, a label before it allowed (`46.5 ktonnes
    (43.4)`, `12 tonnes (2030: 10.5)`): the same quantity a period before, in its unit and
    scale; not a year (`12 tonnes (2031)`)."""
    match = BRACKETED_AFTER.match(text, candidate.end)
    if match is None:
        return None
    number = match.group("number")
    if number.isdigit() and len(number) == 4 and int(number) in YEARS:
        return None
    with localcontext(EXACT):
        scale = candidate.match.group("scale") or candidate.match.group("abbr")
        value = _letters_scaled(scaled_value(number, scale), scale, candidate.form)
    return make_mention(
        text,
        match.start("number"),
        match.end("number"),
        COMPARATIVE.name,
        value=format_decimal(value),
        unit=measure["unit"],
        dimension=measure["dimension"],
        qualifier="=",
        unit_text=measure["unit_text"],
    )


def _range_start(text: str, begin: int, end: Candidate, mentions: list[dict]) -> dict | None:
    """The bare number opening a range the candidate closes (`9,000-11,000 oz`, `from 6,500
    to 7,200 pounds`, `between 30,000 and 40,000 lbs`): the end's unit, and its scale when it
    has none (`between 2 and 3 million tonnes`). Not a year, nor a number already taken."""
    if end.qualifier:
        return None
    match = RANGE_BEFORE.search(text, max(begin, end.start - _RANGE_WINDOW), end.start)
    if match is None or any(m["start"] < match.end() and match.start() < m["end"] for m in mentions[:-1]):
        return None
    number = match.group("number")
    if number.isdigit() and len(number) == 4 and int(number) in YEARS:
        return None
    closing = mentions[-1]
    scale = match.group("scale") or end.match.group("scale") or end.match.group("abbr")
    with localcontext(EXACT):
        value = _letters_scaled(scaled_value(number, scale), scale, end.form)
        if match.group("sign"):
            value = -value
    qualifier = qualifier_before(text, match.start(), begin)
    return make_mention(
        text,
        qualifier.start() if qualifier else match.start(),
        match.end("scale") if match.group("scale") else match.end("number"),
        RANGE_START.name,
        value=format_decimal(value),
        unit=closing["unit"],
        dimension=closing["dimension"],
        qualifier=qualifier_symbol(qualifier.group("qualifier") if qualifier else None),
        unit_text=closing["unit_text"],
    )
