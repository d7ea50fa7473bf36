"""Number parsing shared by the count and money extractors (and read by the date and name
extractors: cardinal and ordinal number words, ``parse_number``).

Language data (qualifiers, number words, ordinals, scales) lives in ``data/*.tsv``; this
module turns it into regex fragments (compiled by the extractors, once, at
import) and into the functions that give a matched number its value:
``parse_number`` (digits with separators and decimals, number words),
``scale_multiplier`` (``million``, ``bn``, ``lakh crore``), ``qualifier_symbol``
and ``format_decimal`` (plain decimal strings, no exponent, no ``.0``).
"""

from __future__ import annotations

import re
from decimal import Context, Decimal, localcontext

from spacy.tokens import Doc

from pipeline.core.lexicon import DataDir, alternation

DATA = DataDir(__file__)
read_rows, read_words = DATA.rows, DATA.words


# --- qualifiers -------------------------------------------------------------------
_QUALIFIER_ROWS = read_rows("qualifiers.tsv")
PREFIX_QUALIFIERS = {phrase: symbol for phrase, symbol, where in _QUALIFIER_ROWS if where == "prefix"}
SUFFIX_QUALIFIERS = {phrase: symbol for phrase, symbol, where in _QUALIFIER_ROWS if where == "suffix"}

# Regex fragments are case-insensitive where the words are (`Nearly`, `Ten`, `Bn`), so that the
# extractors' own patterns can stay case-sensitive (`RMB`, `won`).
# `more than 1,800`: the words and the white space after them; a sign may be glued (`~$180m`);
# a hard-wrapped line may break between them, its indent kept (`approximately\n    92,060`).
_QUALIFIER_WORDS = alternation(phrase for phrase in PREFIX_QUALIFIERS if phrase[0].isalpha())
_QUALIFIER_SIGNS = alternation(phrase for phrase in PREFIX_QUALIFIERS if not phrase[0].isalpha())
QUALIFIER = (
    rf"(?P<qualifier>\b(?i:{_QUALIFIER_WORDS})(?=\s){'|' + _QUALIFIER_SIGNS if _QUALIFIER_SIGNS else ''})"
    r"(?:[^\S\n]*\n[^\S\n]*|\s{0,3})"
)
_QUALIFIER_BEFORE = re.compile(rf"(?<![\w-]){QUALIFIER}\Z")
# After a verb of lying spread out or a change's noun, `over` is a preposition (`spread over 40
# hectares` is 40, `an increase over $5m` is $5m; `covers over 40 hectares` is more than 40).
_OVER_ROWS = read_rows("over_as_preposition.txt")
_FIGURE = r"\d[\d.,]*[ \t]*(?:%|(?i:percent|per[ \t]cent|points?)\b)?[ \t-]*"
_OVER_AS_PREPOSITION_AFTER = re.compile(
    rf"(?:\b(?i:{alternation(w for w, *where in _OVER_ROWS if not where)})"
    rf"|{_FIGURE}(?i:{alternation(w for w, *where in _OVER_ROWS if where)}))[ \t]+\Z"
)
_OVER_REACH = 40  # characters back from `over` to its verb or the change noun and its figure
_QUALIFIER_WINDOW = max(map(len, PREFIX_QUALIFIERS)) + 40  # the indent of a wrapped line


def qualifier_before(text: str, start: int, begin: int = 0) -> re.Match | None:
    """The qualifier words ending right before ``start`` (group ``qualifier``), not before
    ``begin``. Looked up behind each number rather than matched ahead of it: a leading
    optional alternation would be tried at every character of the text."""
    match = _QUALIFIER_BEFORE.search(text, max(begin, start - _QUALIFIER_WINDOW), start)
    if (
        match is not None
        and match.group("qualifier").lower() == "over"
        and _OVER_AS_PREPOSITION_AFTER.search(text, max(begin, match.start() - _OVER_REACH), match.start())
    ):
        return None  # `spread over 160,000 sq m`, `an increase over $208 million`: not more than
    return match


# `10-plus`, `10+`
QUALIFIER_SUFFIX = rf"(?P<suffix>{alternation(SUFFIX_QUALIFIERS)})"


def qualifier_symbol(prefix: str | None, suffix: str | None = None) -> str:
    """The contract's qualifier for the words before (``Nearly``) and after (``-plus``) a number."""
    if prefix:
        return PREFIX_QUALIFIERS[" ".join(prefix.lower().split())]
    if suffix:
        return SUFFIX_QUALIFIERS[suffix.lower()]
    return "="


# --- numbers ----------------------------------------------------------------------
_NUMBER_ROWS = read_rows("number_words.tsv")
NUMBER_WORDS = {word: int(value) for word, value, _ in _NUMBER_ROWS}
_UNIT_WORDS = [w for w, _, kind in _NUMBER_ROWS if kind == "unit"]
_TENS_WORDS = [w for w, _, kind in _NUMBER_ROWS if kind == "tens"]
_ONE_TO_NINE = [w for w in _UNIT_WORDS if NUMBER_WORDS[w] < 10]
# `third` -> 3: the English ordinal words, read by the date and name extractors.
ORDINALS = {word: int(value) for word, value in read_rows("ordinals.tsv")}

_SCALE_ROWS = read_rows("scales.tsv")
SCALES = {form.lower(): Decimal(multiplier) for form, multiplier, _ in _SCALE_ROWS}
SCALE_WORD = f"(?i:{alternation(form for form, _, kind in _SCALE_ROWS if kind == 'word')})"
SCALE_ABBR = f"(?i:{alternation(form for form, _, kind in _SCALE_ROWS if kind == 'abbr')})"

# 1,800 / 57.83 / 280000 / 40 000: thousands separators only in groups of three; a space (also
# a no-break or thin space, the SI and European style) separates them as a comma does.
SPACE_GROUPED = r"\d{1,3}(?:[ \u00a0\u202f]\d{3}(?![\d,.]\d))+(?![\d])"
# `1,800`, `40 000`, `57.83`; Indian grouping by lakh and crore (`1,97,45,021`, `80,04,414`)
DIGITS = rf"\d{{1,2}}(?:,\d{{2}})+,\d{{3}}(?![\d,])|\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|{SPACE_GROUPED}|\d+(?:\.\d+)?"
GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# `48,7`, `12,50`: a comma before one or two digits is no thousands separator but a decimal
# comma (South African, European usage); matched only where a scale, currency or percent sign
# makes the figure an amount (money, percentages), never in a bare list (`1,2 and 3`).
DECIMAL_COMMA_NUMBER = r"\d+,\d{1,2}(?![\d,])"
DECIMAL_COMMA = re.compile(DECIMAL_COMMA_NUMBER)
DECIMAL_DIGITS = rf"{DECIMAL_COMMA_NUMBER}|{DIGITS}"
# A comparative figure in brackets after a count or a percentage, a short label before it
# allowed (`(2022: 111)`, `(prior year: 9.1%)`), and the bracket closing after it.
LABELLED_BRACKET = r"[ \t]*\((?:[^()%\n]{1,25}:[ \t]*)?"
BRACKET_CLOSES = re.compile(r"[ \t]*\)")
# Years a four-digit number may be (`(2022)` after an amount, `DKKm 2023 2022`, `grew 5% in 2022`).
YEARS = range(1800, 2101)


def is_year(number: str) -> bool:
    """Four digits that may be a year (`2022`), not an amount."""
    return number.isdigit() and len(number) == 4 and int(number) in YEARS


# twenty-one / Ten / a, half a (only before a scale word: `a dozen`, `half a million`)
WORD_NUMBER = (
    rf"\b(?i:(?:{alternation(_TENS_WORDS)})(?:[-\s](?:{alternation(_ONE_TO_NINE)}))?"
    rf"|{alternation(_UNIT_WORDS)}|(?:half\s+)?a(?=\s+{SCALE_WORD}\b))\b"
)


# `between 200 and 250 million`, `$5-10 million`: a range writes its scale once, at its end.
SHARED_SCALE = re.compile(
    rf"\s*(?:[-–]|\s(?:and|to|or)\s)\s*[^\s\d]{{0,3}}(?:{DIGITS})"
    rf"(?:(?:\s+|-)(?P<scale>{SCALE_WORD})|(?P<abbr>{SCALE_ABBR}))(?![\w])"
)


def shared_scale(text: str, end: int, number: str = "") -> str | None:
    """The scale word of a range's second number, when the ``number`` ending at ``end`` has
    none; a number in digit groups is whole already (`between $250,000 and $2 million`)."""
    if GROUPED.fullmatch(number):
        return None
    match = SHARED_SCALE.match(text, end)
    return (match.group("scale") or match.group("abbr")) if match else None


def parse_number(text: str, decimal_comma: bool = False) -> Decimal:
    """``1,800`` -> 1800, ``57.83`` -> 57.83, ``twenty-one`` -> 21, ``a``/``an`` -> 1, ``half a`` -> 0.5;
    a comma before one or two digits is a decimal comma (``48,7``), and every comma is one in
    a release that writes them (``decimal_comma``: ``1,204`` -> 1.204)."""
    text = text.strip()
    if DECIMAL_COMMA.fullmatch(text) or (decimal_comma and text.count(",") == 1 and "." not in text):
        text = text.replace(",", ".")
    cleaned = text.replace(",", "")
    if cleaned[:1].isdigit():
        cleaned = "".join(cleaned.split())  # `40 000`
        return Decimal(cleaned)
    words = re.split(r"[-\s]+", cleaned.lower())
    if words[-1:] in (["a"], ["an"]):
        return Decimal("0.5") if words[0] == "half" else Decimal(1)
    return Decimal(sum(NUMBER_WORDS[word] for word in words))


# Values are promised exact: arithmetic on amounts runs with more digits than any written
# amount has (the default context rounds to 28 significant digits).
EXACT = Context(prec=200)


def scaled_value(
    number: str, scale: str | None, fraction: Decimal = Decimal(1), decimal_comma: bool = False
) -> Decimal:
    """``1.5`` ``billion`` -> 1500000000, exactly, times a sub-unit ``fraction`` (cents: 0.01)."""
    with localcontext(EXACT):
        return parse_number(number, decimal_comma) * scale_multiplier(scale) * fraction


def scale_multiplier(text: str | None) -> Decimal:
    """``million`` -> 10^6, ``Bn`` -> 10^9, ``lakh crore`` -> 10^12; none -> 1."""
    multiplier = Decimal(1)
    for word in re.split(r"[-\s]+", (text or "").strip().lower()):
        if word:
            multiplier *= SCALES[word]
    return multiplier


def token_at(doc: Doc, char: int) -> int:
    """Index of the token that contains character ``char`` (a number's first character),
    found by spaCy's own offset search instead of a walk over every token."""
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else len(doc)


def format_decimal(value: Decimal) -> str:
    """A plain decimal string: ``57830000000``, ``2.5``, ``0.0321`` (no exponent, no ``.0``)."""
    return format(value.normalize(EXACT), "f")
