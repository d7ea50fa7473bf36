"""Money mentions: an amount with its currency (ISO 4217), value in currency units.

Four patterns over ``doc.text``, each a compiled regex with named groups, built from the
currency forms of ``currencies`` (CLDR through Babel, and ``data/currencies.tsv``) and the
shared number fragments:

- ``symbol+amount``: `$2.5 million`, `US$57.83 billion`, `RMB 30 billion`, `KWD 42`, `₹1,500 crore`;
- ``amount+currency``: `100 billion yuan`, `11 bln USD`, `42 Kuwaiti dinars`, `20 €`, `a dollar`;
- ``amount+symbol``: a symbol right after the digits: `3.21p`, `20€`, `3.14US$`;
- ``name+amount``: a currency's name before a scaled or grouped amount: `Euro 5.2 million`,
  `Rupees 500 crore` (not `Euro 2024`);
- ``code-scale+amount``, ``amount+code-scale``: a code with a scale (``data/code_scales.txt``)
  before or after the amount: `DKKm 4,210`, `SEK bn 4.5`, `4,210 DKKm`;
- ``code-scale-header+amount``: the amounts right after a bracketed code with a scale, in its
  table row: `Revenue (DKKm) 4,210 3,980` (the header is a label: each span is the number);
- ``code-scale-header+table``: a header standing apart heads the flattened table after it, row
  by row, until a ratio, prose or a blank line: `Key figures (DKKm) Revenue 4,210 3,980 EBIT 512`;
- ``scale-code+amount``, ``amount+scale-code``: a scale letter glued before the code (`MEUR
  5.2`, `1 BSEK`, `850 kUSD`);
- ``bare-amount-after-money``: a scaled amount with no currency of its own, in the same or
  the next sentence after one with a currency, in the same paragraph (`831 billion
  dollars ... Of that, 647 billion`).

Candidates from all patterns are merged (leftmost, then longest wins). A form that is money
only in an amount-like context (`pounds`, `TOP`) needs a scale word or a cue word
(``data/money_cues.txt``) before it; ambiguous forms (`$`, `¥`, `dinars`, `R`) are resolved
once per document by ``currencies.CurrencyResolver``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from decimal import Decimal
from typing import NamedTuple

from spacy.tokens import Doc

from pipeline.core.document import body_start, text_of
from pipeline.core.mentions import make_mention
from pipeline.extractors.numbers.counts import NON_COUNT_UNITS
from pipeline.extractors.numbers.currencies import CURRENCIES, MONEY_CUES, Currency, CurrencyResolver, lookup
from pipeline.extractors.numbers.nouns import counted_noun
from pipeline.extractors.numbers.numbers import (
    DECIMAL_COMMA_NUMBER,
    DECIMAL_DIGITS,
    DIGITS,
    GROUPED,
    SCALE_ABBR,
    SCALE_WORD,
    SCALES,
    WORD_NUMBER,
    alternation,
    format_decimal,
    is_year,
    qualifier_before,
    qualifier_symbol,
    read_words,
    scaled_value,
    shared_scale,
    token_at,
)

__all__ = ["CURRENCIES", "RULE_NAMES", "CurrencyResolver", "extract_money"]


def _forms(where: str) -> str:
    """The alternation of the forms read in a position (prefix, suffix after a space or
    hyphen, attached right after the digits); names in any case."""
    forms = CURRENCIES.values()
    if where == "prefix":
        chosen = [c for c in forms if c.position in ("prefix", "both")]
    elif where == "suffix":
        chosen = [c for c in forms if c.position in ("suffix", "both")]
    else:
        chosen = [c for c in forms if c.attaches and c.position != "prefix"]
    names = alternation(c.form for c in chosen if c.kind == "name")
    signs = alternation(c.form for c in chosen if c.kind != "name")
    return "|".join(part for part in (f"(?i:{names})" if names else "", signs) if part)


PREFIX_FORMS = _forms("prefix")
SUFFIX_FORMS = _forms("suffix")
# A currency's name before a scaled or grouped amount (`Euro 5.2 million`, `Rupees 500 crore`,
# `naira 250,000`): no form of the other patterns, and no money without the scale or the groups
# (`Euro 2024` is a tournament).
NAMES = [c.form for c in CURRENCIES.values() if c.kind == "name" and c.form.replace(" ", "").isalpha()]
NAME_FORMS = alternation(NAMES)
ATTACHED_FORMS = _forms("attached")
SINGULAR_NAMES = alternation(c.form for c in CURRENCIES.values() if c.singular)
# The characters of symbols, which no number may follow or precede inside a longer token.
SIGN_CHARS = "".join(
    sorted({ch for c in CURRENCIES.values() if c.attaches for ch in c.form if unicodedata.category(ch) == "Sc"})
)

SIGN = r"(?P<sign>[-−])?"
# `million`, `lakh crore` after a space or hyphen (or glued: `over 4billion dollars`); an
# abbreviation after at most one space
# A footnote's digits may follow a scale word (`$2.7 billion1`): they are not in the span.
FOOTNOTE = r"(?=\d{1,2}(?![\w.,]))"
SCALE = (
    rf"(?:(?:\s+|-|(?<=\d))(?P<scale>(?:{SCALE_WORD})(?:\s+(?:{SCALE_WORD}))?)(?:(?![\w])|{FOOTNOTE})"
    rf"|\s?(?P<abbr>{SCALE_ABBR})(?![\w]))"
)
NOT_IN_NUMBER = rf"(?<![\w.,{re.escape(SIGN_CHARS)}])"
# The end of an amount right before a bracket: a word with a digit (`97p`), a scale word or a
# currency's name (`250 euros (£173)`, `1.47m yuan ($177,600)`).
AMOUNT_END_BEFORE = re.compile(rf"(?:\d[^\s(]*|(?<![\w])(?:{SCALE_WORD}|{SCALE_ABBR}|(?i:{NAME_FORMS})))[ \t\u00a0]*$")
# `a dollar`, `an Australian dollar`: the article as the number, before a singular name only.
ARTICLE = rf"\b(?i:an?)(?=\s+(?i:{SINGULAR_NAMES})(?![\w]))"

# Accounts write a loss in brackets, around the symbol and figure or the figure alone
# (`($6.7) million`, `$(0.14)`): a negative amount, the brackets in its span; not a
# conversion after another figure (`R5.06 ($0.30)`, `₹10 lakh ($12,000)`: see
# `_without_conversion_bracket`).
SYMBOL_AMOUNT = re.compile(
    rf"(?<![\w$])(?:(?P<bracket>\()?{SIGN}(?P<currency>{PREFIX_FORMS})\s?(?:(?P<sign_after>[-−])|(?P<bracket_after>\())?)"
    rf"(?P<number>{DECIMAL_DIGITS})(?!\d)(?(bracket)\)|(?(bracket_after)\)|)){SCALE}?"
    rf"(?:(?<=[a-z]){FOOTNOTE}|(?![\w%]|[.,]\d))"
)
AMOUNT_CURRENCY = re.compile(
    rf"{NOT_IN_NUMBER}{SIGN}(?P<number>{DECIMAL_DIGITS}|{WORD_NUMBER}|{ARTICLE}){SCALE}?"
    # a symbol after the amount is not the next amount's (`in 2023 € 5 million`)
    # (at most one line break between: a blank line ends the amount; `R'000` heads a column)
    rf"(?:[ \t\u00a0]+|[ \t\u00a0]*\n[ \t\u00a0]*|-)(?P<currency>{SUFFIX_FORMS})(?![\w$])(?!\s?\d)(?!['’]000)"
)
NAME_AMOUNT = re.compile(  # not the `cent` of `up 17 per cent 5.1 million passengers`
    rf"(?<![\w$])(?<![Pp]er ){SIGN}(?P<currency>(?i:{NAME_FORMS}))\s(?P<number>{DIGITS})(?!\d)(?:{SCALE}|(?<=,\d{{3}}))(?![\w%]|[.,]\d)"
)


# Digits in groups of three, decimals allowed (`5,239,207,000`, `3,673,000.00`), or a decimal
# figure (`ZAR0.11466` a share): not a bare integer (`COP28`)
DIGIT_GROUPS = re.compile(rf"{GROUPED.pattern}|\d+\.\d+")
OPENING_MARKS = "([\"'“‘-−"


class NameBeforeAmount:
    """Finds :data:`NAME_AMOUNT` where it can start: at one of the three words before a number
    that follows a letter and a space. The names' alternation tried at every position of a text
    took a second on 1,000 articles; at these few, a hundredth of that."""

    pattern = NAME_AMOUNT
    cue = re.compile(r"(?<=[^\W\d_])[ \t\u00a0](?=\d)")  # a space between a letter and a digit
    words_back = 3
    # the last word of every name: a cue's word must be one (`euros`, `dollars`, `naira`)
    last_words = frozenset(name.split()[-1].lower() for name in NAMES)

    def finditer(self, text: str, begin: int) -> Iterator[re.Match]:
        found = -1
        for cue in self.cue.finditer(text, begin):
            at = cue.start()
            word_start = max(text.rfind(" ", begin, at), text.rfind("\n", begin, at), begin - 1) + 1
            if text[word_start:at].lstrip(OPENING_MARKS).lower() not in self.last_words:
                continue
            starts = []
            for _ in range(self.words_back):
                at = max(text.rfind(" ", begin, at - 1), text.rfind("\n", begin, at - 1), begin - 1) + 1
                starts += [at, at + 1, at + 2]  # after a bracket or a sign (`(-euro 5 million`)
                if at <= begin:
                    break
            for start in sorted(set(starts)):  # the leftmost match: `Australian dollars 648m`
                match = self.pattern.match(text, start)
                if match is not None:
                    if match.start() > found:
                        found = match.start()
                        yield match
                    break


AMOUNT_SYMBOL = re.compile(
    rf"{NOT_IN_NUMBER}{SIGN}(?P<number>{DIGITS}){SCALE}?(?P<currency>{ATTACHED_FORMS})(?![\w$])(?!\s?\d)"
)
# A release that writes an amount with a decimal comma (`R48,7 million`, `12,5%`) writes its
# other commas so too: `R1,204 billion` is 1.204 billion there.
DECIMAL_COMMA_AMOUNT = re.compile(rf"{DECIMAL_COMMA_NUMBER}\s?(?:%|(?:{SCALE_WORD}|{SCALE_ABBR})(?![\w]))")
# A comparative figure in brackets right after an amount (`SEK 2,431 m (2,230)`, `EUR 14.2
# (12.9) million`, the bracket opening the next line too): the same currency, and the scale
# written before or after the bracket; `(neg: 3.9)` is a negative one.
COMPARATIVE = re.compile(
    rf"(?:[ \t]|\n[ \t]*)?\((?:(?P<neg>(?i:neg)[.:]?[ \t]*)|(?P<sign>[-−]))?(?P<number>{DECIMAL_DIGITS})\){SCALE}?(?![\w%])"
)
COMPARATIVE_RULE = "bracketed-comparative"
BARE_AMOUNT = re.compile(rf"{NOT_IN_NUMBER}{SIGN}(?P<number>{DIGITS}){SCALE}(?![\w%]|[.,]\d)")
# `DKKm`, `SEK bn`: an ISO code and a scale, glued or after one space (a scale of scales.tsv).
CODE_SCALES = read_words("code_scales.txt")
if not CODE_SCALES <= SCALES.keys():
    raise ValueError(f"code_scales.txt: not in scales.tsv: {sorted(CODE_SCALES - SCALES.keys())}")
CODE_SCALE = (
    rf"(?P<currency>{alternation(c.form for c in CURRENCIES.values() if c.kind == 'code')})"
    rf"\s?(?P<code_scale>{alternation(CODE_SCALES)})(?![\w$])"
)
CODE_SCALE_AMOUNT = re.compile(rf"(?<![\w$]){SIGN}{CODE_SCALE}\s?(?P<number>{DIGITS})(?!\d)(?![\w%]|[.,]\d)")
AMOUNT_CODE_SCALE = re.compile(rf"{NOT_IN_NUMBER}{SIGN}(?P<number>{DIGITS})(?:\s+|-){CODE_SCALE}(?!\s?\d)")
# `MEUR 5.2`, `1 BSEK`, `850 kUSD`: the Nordic and continental scale letter glued before an ISO
# code (M a million, B a billion, k a thousand: scales.tsv's `m`, `b`, `k`).
SCALE_CODE = (
    rf"(?P<code_scale>[MBkK])(?P<currency>{alternation(c.form for c in CURRENCIES.values() if c.kind == 'code')})"
    rf"(?![\w$])"
)
SCALE_CODE_AMOUNT = re.compile(
    rf"(?<![\w$]){SIGN}{SCALE_CODE}\s?(?P<sign_after>[-−])?(?P<number>{DIGITS})(?!\d)(?![\w%]|[.,]\d)"
)
AMOUNT_SCALE_CODE = re.compile(rf"{NOT_IN_NUMBER}{SIGN}(?P<number>{DIGITS})\s+{SCALE_CODE}(?!\s?\d)")
# `Revenue (DKKm) 4,210 3,980`: a header in brackets, then its row's amounts; also a symbol and
# a scale word (`(US$ million, unless stated otherwise)`).
SYMBOL_SCALE = (
    rf"(?P<symbol>{alternation(c.form for c in CURRENCIES.values() if c.kind == 'symbol')})"
    rf"\s?(?P<symbol_scale>{SCALE_WORD}|{SCALE_ABBR})"
)
CODE_SCALE_HEADER = re.compile(
    rf"\((?:{CODE_SCALE}|{SYMBOL_SCALE})(?:,\s+(?i:unless\s+(?:otherwise\s+)?stated(?:\s+otherwise)?))?\)"
)
# A table's column header line opening with a symbol and its scale (`R'000   2031   2030`,
# `R'm`, `£'bn`): the rows below it are that currency at that scale (results tables of South
# African, British and Australian issuers).
COLUMN_SCALE_HEADER = re.compile(
    rf"^[ \t]*(?P<symbol>{alternation(c.form for c in CURRENCIES.values() if c.kind == 'symbol')})['’](?P<scale>000|m|bn)\b[^\n]*\n(?:[ \t]*\n)*",
    re.MULTILINE,
)
BLANK_LINES = re.compile(r"\n\n+")
HEADER_SCALES = {"000": "thousand", "m": "million", "bn": "billion"}  # `R'000`, `R'm`, `£'bn`
# A row's label naming a sub-unit (`Earnings per share (US cents)`): its figures are in that unit.
SUB_UNIT_LABEL = re.compile(
    rf"\((?:[A-Z]{{1,3}}\s)?(?P<sub>{alternation(c.form for c in CURRENCIES.values() if c.fraction != 1 and c.kind == 'name')})\)",
    re.IGNORECASE,
)
ROW_GAP = re.compile(r"[ \t]+")
# a row's amount; in brackets a loss, the brackets in its span (`(454 175)`)
# (space-grouped with decimals too: `1 637.8`)
ROW_AMOUNT = re.compile(
    rf"(?P<bracket>\()?{SIGN}(?P<number>\d{{1,3}}(?:[ \u00a0]\d{{3}})+\.\d+|{DIGITS})(?![\w%]|[.,]\d)(?(bracket)\))"
)
# A flattened key-figures table after a header standing apart: its words, and what ends it.
TABLE_TOKEN = re.compile(r"\S+")
TABLE_STOP = re.compile(r"[.:;!?]$|[\"“”]")
TABLE_LABEL_WORDS = 10
# A currency form right after a bare amount: the amount is that currency's, or none.
CURRENCY_AFTER = re.compile(rf"(?:\s+|-)?(?:{SUFFIX_FORMS}|{ATTACHED_FORMS})(?![\w$])")
# The rules, as a row's `rule` column names them: one per pattern, and a bare amount's.
PATTERNS = (
    ("symbol+amount", SYMBOL_AMOUNT),
    ("amount+currency", AMOUNT_CURRENCY),
    ("amount+symbol", AMOUNT_SYMBOL),
    ("name+amount", NameBeforeAmount()),
    ("code-scale+amount", CODE_SCALE_AMOUNT),
    ("amount+code-scale", AMOUNT_CODE_SCALE),
    ("scale-code+amount", SCALE_CODE_AMOUNT),
    ("amount+scale-code", AMOUNT_SCALE_CODE),
)
HEADER_RULE = "code-scale-header+amount"
TABLE_RULE = "code-scale-header+table"
BARE_AMOUNT_RULE = "bare-amount-after-money"
RULE_NAMES = frozenset([*(rule for rule, _ in PATTERNS), HEADER_RULE, TABLE_RULE, BARE_AMOUNT_RULE, COMPARATIVE_RULE])
WORD_AFTER = re.compile(r"\s+(?P<word>[A-Za-z]+)")
CUE_WINDOW = 8  # tokens before an amount, in its sentence, that may hold a money cue
ONE = frozenset({"a", "an", "one"})
# A word after `a dollar` that makes it a modifier (`a dollar store`, `one euro coin`), and
# one after a capitalised name that makes it part of another name (`Euro zone`, `Dong Khoi`).
MODIFIER_POS = frozenset({"NOUN", "PROPN", "NUM"})
NAME_PART_POS = frozenset({"NOUN", "PROPN"})
VERB_POS = frozenset({"VERB", "AUX"})


class Amount(NamedTuple):
    """A matched amount with its currency, before it becomes a mention."""

    start: int  # the qualifier's start, else the match's
    match: re.Match
    rule: str
    code: str
    fraction: Decimal
    qualifier: str | None
    scale: str | None = None  # a scale written elsewhere: a header's (`(DKKm)`), after a comparative
    end: int | None = None  # where the mention ends, when not at the match's end (a comparative)


def extract_money(doc: Doc) -> list[dict]:
    text = text_of(doc)
    begin = body_start(doc)
    resolve = CurrencyResolver(text)
    amounts = []
    for rule, pattern in PATTERNS:
        for found in pattern.finditer(text, begin):
            match = _without_conversion_bracket(text, pattern, found)
            currency = lookup(match.group("currency"))
            if currency is None or not _reads_as_money(doc, match, currency):
                continue
            code = resolve(currency)
            if code is not None:
                amounts.append(_amount(text, begin, match, rule, code, currency.fraction))
    amounts += _header_amounts(text, begin, resolve)
    decimal_comma = DECIMAL_COMMA_AMOUNT.search(text, begin) is not None
    kept = _with_comparatives(text, _leftmost_longest(amounts))
    mentions = [_mention(text, amount, decimal_comma) for amount in kept]
    mentions += _bare_amounts(doc, text, begin, mentions, decimal_comma)
    return sorted(mentions, key=lambda m: (m["start"], m["end"]))


def _without_conversion_bracket(text: str, pattern, match: re.Match) -> re.Match:
    """`₹10 lakh ($12,000)`: a bracketed amount right after another is its conversion, not a
    loss; it is matched again inside the brackets."""
    if (
        not match.groupdict().get("bracket")
        or AMOUNT_END_BEFORE.search(text[max(0, match.start() - 20) : match.start()]) is None
    ):
        return match
    return pattern.match(text, match.start() + 1) or match


def _amount(text: str, begin: int, match: re.Match, rule: str, code: str, fraction: Decimal) -> Amount:
    qualifier = qualifier_before(text, match.start(), begin)
    if qualifier is None:
        return Amount(match.start(), match, rule, code, fraction, None)
    return Amount(qualifier.start(), match, rule, code, fraction, qualifier.group("qualifier"))


def _header_amounts(text: str, begin: int, resolve: CurrencyResolver) -> list[Amount]:
    """The amounts a bracketed code with a scale heads: its row's (`Revenue (DKKm) 4,210
    3,980`), else the table's after it (`(DKKm) Revenue 4,210 3,980 EBIT 512`); and the rows
    under a column header line in thousands (`R'000  2031  2030`)."""
    amounts = []
    for header in COLUMN_SCALE_HEADER.finditer(text, begin):
        currency = lookup(header.group("symbol"))
        code = resolve(currency) if currency is not None else None
        if code is not None:
            scale = HEADER_SCALES[header["scale"]]
            amounts += [
                _row_amount(row, TABLE_RULE, code, sub_unit, scale)
                for row, sub_unit in _spaced_rows(text, header.end())
            ]
    for header in CODE_SCALE_HEADER.finditer(text, begin):
        currency = lookup(header.group("currency") or header.group("symbol"))
        code = resolve(currency) if currency is not None else None
        if code is None:
            continue
        scale = header.group("code_scale") or header.group("symbol_scale")
        rows: list[tuple[re.Match, Decimal | None]] = [(row, None) for row in _row_amounts(text, header.end())]
        rule = HEADER_RULE
        if not rows:  # a header standing apart heads the table after it
            rows, rule = _table_amounts(text, header.end()), TABLE_RULE
        amounts += [_row_amount(row, rule, code, sub_unit, scale) for row, sub_unit in rows]
    return amounts


def _row_amount(row: re.Match, rule: str, code: str, sub_unit: Decimal | None, scale: str) -> Amount:
    """A table row's amount at its header's scale, or in the sub-unit its label names,
    unscaled (`Earnings per share (US cents) 28.26`)."""
    if sub_unit is not None:
        return Amount(row.start(), row, rule, code, sub_unit, None)
    return Amount(row.start(), row, rule, code, Decimal(1), None, scale)


def _row_amounts(text: str, at: int) -> list[re.Match]:
    """`(DKKm) 4,210 3,980`: the amounts right after a header, up to the first word, line end or
    year (`(DKKm) 2023 2022` heads columns)."""
    rows = []
    gap = ROW_GAP.match(text, at)
    while gap is not None and (row := ROW_AMOUNT.match(text, gap.end())) and not is_year(row.group("number")):
        rows.append(row)
        gap = ROW_GAP.match(text, row.end())
    return rows


def _spaced_rows(text: str, at: int) -> list[tuple[re.Match, Decimal | None]]:
    """The rows of a table under a column header line, also where a blank line stands between
    its rows: each further paragraph a single line that reads as a row (a label and amounts)."""
    rows = _table_amounts(text, at)
    while rows and (blank := BLANK_LINES.search(text, at)) is not None:
        at = blank.end()
        following = _table_amounts(text, at)
        paragraph_end = text.find("\n\n", at)
        if not following or (paragraph_end >= 0 and "\n" in text[at:paragraph_end]):
            break  # prose, or a paragraph of several lines: the table has ended
        rows += following
    return rows


def _table_amounts(text: str, at: int) -> list[tuple[re.Match, Decimal | None]]:
    """`Key figures (DKKm) Q1 2024 Q1 2023 Revenue 40,954 61,125 Gross profit 11,391 12,877
    Ratios Margin 41.0% ...`: a flattened table after a header standing apart, as rows of a
    label (capitalised; column years allowed) and its amounts, each with the fraction of the
    sub-unit its label names (`(US cents)`: 0.01), else None. A percentage right after a row's amounts is its change
    column; one after a label opens a ratio section and ends the table, as a label opening in
    lower case, a sentence's punctuation, a label of more than :data:`TABLE_LABEL_WORDS` words
    or a blank line do: prose is no table."""
    end = text.find("\n\n", at)
    rows: list[tuple[re.Match, Decimal | None]] = []
    label: list[str] = []
    sub_unit: Decimal | None = None
    stop = end if end >= 0 else len(text)
    pos = at
    while (token := TABLE_TOKEN.search(text, pos, stop)) is not None:
        word = token.group()
        pos = token.end()
        # an amount may hold spaces between its digit groups (`573 195`), so it is read from
        # the token's start and may end past it
        row = ROW_AMOUNT.match(text, token.start(), stop)
        if row is not None and (row.end() == stop or text[row.end()].isspace()):
            pos = row.end()
        else:
            row = None
        if row is not None and not is_year(row.group("number")):
            if not label and not rows:
                return []  # amounts right after the header: its own row (`_row_amounts`)
            if label:
                named = SUB_UNIT_LABEL.search(" ".join(label))
                sub_unit = _sub_unit_fraction(named.group("sub")) if named else None
            rows.append((row, sub_unit))
            label = []
            continue
        if "%" in word and not label and rows:
            continue  # `Revenue 449.9 547.0 (18%)`: the row's change column
        following = TABLE_TOKEN.search(text, pos, stop) if "%" in word and label else None
        if following is not None and ROW_AMOUNT.match(text, following.start()):
            continue  # `Revenue 28% 1 637.8 1 277.7`: the change column before the row's amounts
        if "%" in word or TABLE_STOP.search(word) or (not label and word[0].islower()):
            break  # a ratio, a sentence's end, or a word in lower case opening a label: prose
        label.append(word)
        if len(label) > TABLE_LABEL_WORDS:
            break
    return rows


def _sub_unit_fraction(form: str) -> Decimal | None:
    currency = lookup(form)
    return currency.fraction if currency is not None else None


def _label_digits(match: re.Match, currency: Currency) -> bool:
    """Digits that name or head something rather than count money: after a symbol that also
    labels things, a number neither scaled nor in digit groups (`N95` masks, `Section N5`; not
    `N250,000`, `N5 billion`); a year beside a code with a scale (`DKKm 2023 2022`: column years)."""
    number = match.group("number")
    if currency.grouped and not (_written_scale(match) or "," in number):
        return True
    return bool(match.groupdict().get("code_scale")) and is_year(number)


def _written_scale(match: re.Match) -> str | None:
    """The scale written with the amount (`5 million`, `4.2bn`) or its code (`DKKm`)."""
    groups = match.groupdict()
    return groups.get("scale") or groups.get("abbr") or groups.get("code_scale")


def _reads_as_money(doc: Doc, match: re.Match, currency: Currency) -> bool:
    """Whether the form reads as money where it stands: a form needing an amount-like
    context has one (`paid ten pounds`, `5 million pounds`; not `180 pounds`); a code glued
    to the digits has a scale, digit groups or decimals (`RMB30 billion`, `AED3,673,000.00`, `ZAR0.114`, not
    `COP28`); the digits are no label
    (:func:`_label_digits`); a capitalised name is no part of another name (`42 Dong Khoi
    Street`, `the 12 Euro zone states`, the singer `50 Cent`); `a dollar` is no modifier (`a
    dollar store`, `one-euro jobs`)."""
    scaled = _written_scale(match)
    if currency.cue and not (scaled or _cue_before(doc, match.start())):
        return False
    if currency.kind == "code" and match.end("currency") == match.start("number") and not scaled:
        if not DIGIT_GROUPS.fullmatch(match.group("number")):
            return False  # `COP28`; a code glued to digit groups or decimals is money (`AED5,239,207,000`)
    if _label_digits(match, currency):
        return False
    form = match.group("currency")
    name_after = match.start("currency") > match.start("number")  # not `Euro 5 million ...`
    if currency.kind == "name" and not name_after and doc[token_at(doc, match.start("currency"))].pos_ in VERB_POS:
        return False  # `she won 200m` is a race: a name before the amount is no verb
    if currency.kind == "name" and name_after and form[:1].isupper() and not form.isupper():
        if currency.fraction != 1 or _word_after(doc, match.end(), NAME_PART_POS):
            return False
    return not (match.group("number").lower() in ONE and not scaled and _word_after(doc, match.end(), MODIFIER_POS))


def _word_after(doc: Doc, end: int, pos: frozenset[str]) -> bool:
    """The token right after ``end`` (after white space only) has one of the tags ``pos``."""
    k = token_at(doc, end)
    while k < len(doc) and doc[k].idx < end:
        k += 1
    while k < len(doc) and doc[k].is_space:
        k += 1
    return k < len(doc) and doc[k].idx - end <= 1 and doc[k].pos_ in pos


def _cue_before(doc: Doc, char: int) -> bool:
    """A money word (``data/money_cues.txt``) among the words before ``char`` in its sentence."""
    k = token_at(doc, char)
    if k >= len(doc):
        return False
    start = max(doc[k].sent.start, k - CUE_WINDOW)
    return any(t.lemma_.lower() in MONEY_CUES or t.lower_ in MONEY_CUES for t in doc[start:k])


def _mention(text: str, amount: Amount, decimal_comma: bool = False) -> dict:
    groups = amount.match.groupdict()
    number = groups["number"]
    scale = amount.scale or _written_scale(amount.match) or shared_scale(text, amount.match.end(), number)
    value = scaled_value(number, scale, amount.fraction, decimal_comma)
    if any(groups.get(sign) for sign in ("sign", "sign_after", "neg", "bracket", "bracket_after")):
        value = -value
    return make_mention(
        text,
        amount.start,
        amount.end if amount.end is not None else amount.match.end(),
        amount.rule,
        value=format_decimal(value),
        currency=amount.code,
        qualifier=qualifier_symbol(amount.qualifier),
    )


def _with_comparatives(text: str, amounts: list[Amount]) -> list[Amount]:
    """Each amount, and the comparative figure in brackets right after it (`SEK 2,431 m
    (2,230)`, `EUR 3.12 (2.87)`) as money of the same currency, its span the figure alone; a
    scale after the bracket is both figures' (`EUR 14.2 (12.9) million`). A year in brackets
    (`$40 million (2022)`) labels the amount and is no figure."""
    found = []
    for amount in amounts:
        after = COMPARATIVE.match(text, amount.match.end())
        if after is None or is_year(after.group("number")):
            found.append(amount)
            continue
        scale = amount.scale or _written_scale(amount.match) or _written_scale(after)
        found.append(amount._replace(scale=scale))
        start = after.start("sign") if after.group("sign") else after.start("number")
        found.append(
            Amount(start, after, COMPARATIVE_RULE, amount.code, amount.fraction, None, scale, after.end("number"))
        )
    return found


def _leftmost_longest(amounts: list[Amount]) -> list[Amount]:
    kept, end = [], -1
    for amount in sorted(amounts, key=lambda a: (a.start, -a.match.end())):
        if amount.start >= end:
            kept.append(amount)
            end = amount.match.end()
    return kept


def _bare_amounts(doc: Doc, text: str, begin: int, mentions: list[dict], decimal_comma: bool = False) -> list[dict]:
    """Scaled amounts with no currency, after a money mention in the same paragraph and the
    same or the previous sentence, not followed by a noun of their own (`2 million visitors`
    is a count) nor by a currency form (`1,070 trillion rials` is never the pounds named
    before it)."""
    if not mentions:
        return []
    found = []
    for match in BARE_AMOUNT.finditer(text, mentions[0]["end"]):
        if any(m["start"] < match.end() and match.start() < m["end"] for m in mentions):
            continue
        if CURRENCY_AFTER.match(text, match.end()):
            continue
        since = _previous_sentence_start(doc, match.start())
        before = [
            m
            for m in mentions
            if since <= m["start"] and m["end"] <= match.start() and "\n" not in text[m["end"] : match.start()]
        ]
        if not before or _noun_follows(doc, text, match.end()):
            continue
        amount = _amount(text, begin, match, BARE_AMOUNT_RULE, before[-1]["currency"], Decimal(1))
        found.append(_mention(text, amount, decimal_comma))
    return found


def _previous_sentence_start(doc: Doc, char: int) -> int:
    """Where the sentence before the one holding ``char`` starts (a bare amount refers back
    at most that far: `831 billion dollars ... Of that, 647 billion`)."""
    k = token_at(doc, char)
    if k >= len(doc):
        return char
    sentence = doc[k].sent
    return doc[sentence.start - 1].sent.start_char if sentence.start > 0 else sentence.start_char


def _noun_follows(doc: Doc, text: str, end: int) -> bool:
    """A noun of its own (`2 million visitors`, `20 million fully diluted shares`), `of`
    (`5 million of its consoles`) or a unit symbol tagged a proper noun (`2 million MMBtu`,
    `2 million boe`: a measure) after the amount."""
    after = WORD_AFTER.match(text, end)
    if after is None:
        return False
    if after.group("word") == "of":
        return True
    start = token_at(doc, after.start("word"))
    if start < len(doc) and doc[start].pos_ == "PROPN" and doc[start].lower_ in NON_COUNT_UNITS:
        return True
    return start < len(doc) and counted_noun(doc, start) is not None
