"""Money mentions: an amount with its currency (ISO 4217), value in currency units.

Four patterns over ``doc.text``, each a compiled regex with named groups, built
from ``data/currencies.tsv`` and the shared number fragments:

- ``symbol+amount``: `$2.5 million`, `US$57.83 billion`, `RMB 30 billion`, `₹1,500 crore`, `€26m`;
- ``amount+currency``: `100 billion yuan`, `11 bln USD`, `2-trillion-yen`, `50 cents`;
- ``amount+pence``: `3.21p`;
- ``bare-amount-after-money``: a scaled amount with no currency of its own, in the same or
  the next sentence after one with a currency, in the same paragraph (`831 billion
  dollars ... Of that, 647 billion`).

Candidates from all patterns are merged (leftmost, then longest wins). Ambiguous
symbols (`$`, `¥`) are resolved once per document from the currencies it names.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from functools import cached_property
from typing import NamedTuple

from spacy.tokens import Doc

from pipeline.core.document import body_start
from pipeline.core.mentions import make_mention
from pipeline.extractors.numbers.nouns import counted_noun
from pipeline.extractors.numbers.numbers import (
    DIGITS,
    SCALE_ABBR,
    SCALE_WORD,
    WORD_NUMBER,
    alternation,
    format_decimal,
    qualifier_before,
    qualifier_symbol,
    read_rows,
    scaled_value,
    shared_scale,
    token_at,
)


class Currency:
    """One written form of a currency (a row of ``currencies.tsv``)."""

    def __init__(self, form: str, code: str, position: str, ambiguous: str = "", fraction: str = ""):
        self.form, self.code, self.position, self.ambiguous = form, code, position, ambiguous
        self.fraction = Decimal(fraction) if fraction else Decimal(1)


CURRENCIES = {row[0]: Currency(*row) for row in read_rows("currencies.tsv")}
_CONTEXT_WORDS: dict[str, list[str]] = {}
for _family, _code, _word in read_rows("currency_context.tsv"):
    _CONTEXT_WORDS.setdefault(_code, []).append(_word)
# One pass counts the context words of every code: group name = ISO code.
CONTEXT = re.compile("|".join(rf"\b(?P<{code}>{alternation(words)})\b" for code, words in _CONTEXT_WORDS.items()))
# The forms that name a dollar currency explicitly (`A$`, `AUD`, `Australian dollars`), by code;
# a dollar currency is one with a name containing `dollar`.
_DOLLAR_CODES = {c.code for c in CURRENCIES.values() if "dollar" in c.form}
_EXPLICIT_FORMS: dict[str, list[str]] = {}
for _currency in CURRENCIES.values():
    if _currency.code in _DOLLAR_CODES and not _currency.ambiguous:
        _EXPLICIT_FORMS.setdefault(_currency.code, []).append(_currency.form)
# Whole forms only: `S$` inside `US$` and `A$` inside `CA$` do not count.
EXPLICIT_DOLLARS = {
    code: re.compile(rf"(?<![\w$])(?:{alternation(forms)})(?![A-Za-z])") for code, forms in _EXPLICIT_FORMS.items()
}

PREFIX_FORMS = alternation(c.form for c in CURRENCIES.values() if c.position in ("prefix", "both"))
SUFFIX_FORMS = alternation(c.form for c in CURRENCIES.values() if c.position in ("suffix", "both"))
ATTACHED_FORMS = alternation(c.form for c in CURRENCIES.values() if c.position == "attached")

SIGN = r"(?P<sign>[-−])?"
# `million`, `lakh crore` after a space or hyphen; an abbreviation after at most one space
SCALE = (
    rf"(?:(?:\s+|-)(?P<scale>(?:{SCALE_WORD})(?:\s+(?:{SCALE_WORD}))?)(?![\w])"
    rf"|\s?(?P<abbr>{SCALE_ABBR})(?![\w]))"
)
NOT_IN_NUMBER = r"(?<![\w.,$€£¥₹])"

SYMBOL_AMOUNT = re.compile(
    rf"(?<![\w$])(?:{SIGN}(?P<currency>{PREFIX_FORMS})\s?(?P<sign_after>[-−])?)"
    rf"(?P<number>{DIGITS})(?!\d){SCALE}?(?![\w]|[.,]\d)"
)
AMOUNT_CURRENCY = re.compile(
    rf"{NOT_IN_NUMBER}{SIGN}(?P<number>{DIGITS}|{WORD_NUMBER}){SCALE}?"
    rf"(?:\s+|-)(?P<currency>{SUFFIX_FORMS})(?![\w$])"
)
AMOUNT_PENCE = re.compile(rf"{NOT_IN_NUMBER}{SIGN}(?P<number>\d+(?:\.\d+)?)(?P<currency>{ATTACHED_FORMS})\b")
BARE_AMOUNT = re.compile(rf"{NOT_IN_NUMBER}{SIGN}(?P<number>{DIGITS}){SCALE}(?![\w%]|[.,]\d)")
# The rules, as a row's `rule` column names them: one per pattern, and a bare amount's.
PATTERNS = (("symbol+amount", SYMBOL_AMOUNT), ("amount+currency", AMOUNT_CURRENCY), ("amount+pence", AMOUNT_PENCE))
BARE_AMOUNT_RULE = "bare-amount-after-money"
RULE_NAMES = frozenset([*(rule for rule, _ in PATTERNS), BARE_AMOUNT_RULE])
# `180 pounds` is a weight; `5 million pounds` (with a scale) is money.
WEIGHT_FORMS = frozenset({"pound", "pounds"})
WORD_AFTER = re.compile(r"\s+(?P<word>[A-Za-z]+)")


class Amount(NamedTuple):
    """A matched amount with its currency, before it becomes a mention."""

    start: int  # the qualifier's start, else the match's
    match: re.Match
    rule: str
    code: str
    fraction: Decimal
    qualifier: str | None


def extract_money(doc: Doc) -> list[dict]:
    text = doc.text
    begin = body_start(doc)
    resolve = CurrencyResolver(text)
    amounts = []
    for rule, pattern in PATTERNS:
        for match in pattern.finditer(text, begin):
            currency = _currency_of(match)
            if currency is not None:
                amounts.append(_amount(text, begin, match, rule, resolve(currency), currency.fraction))
    mentions = [_mention(text, amount) for amount in _leftmost_longest(amounts)]
    mentions += _bare_amounts(doc, text, begin, mentions)
    return sorted(mentions, key=lambda m: (m["start"], m["end"]))


def _amount(text: str, begin: int, match: re.Match, rule: str, code: str, fraction: Decimal) -> Amount:
    qualifier = qualifier_before(text, match.start(), begin)
    if qualifier is None:
        return Amount(match.start(), match, rule, code, fraction, None)
    return Amount(qualifier.start(), match, rule, code, fraction, qualifier.group("qualifier"))


class CurrencyResolver:
    """Maps a currency form to its ISO code in one document: `$` is USD unless the text
    names exactly one other dollar currency and no US one; `¥` follows the Chinese or
    Japanese context that the text names more often. The text is read only when an
    ambiguous form is met."""

    def __init__(self, text: str):
        self.text = text

    def __call__(self, currency: Currency) -> str:
        if currency.ambiguous == "dollar":
            return self.dollar
        if currency.ambiguous == "yen":
            return self.yen
        return currency.code

    @cached_property
    def dollar(self) -> str:
        named = {code for code, pattern in EXPLICIT_DOLLARS.items() if pattern.search(self.text)}
        others = named - {"USD"}
        return others.pop() if len(others) == 1 and "USD" not in named else "USD"

    @cached_property
    def yen(self) -> str:
        votes = Counter(match.lastgroup for match in CONTEXT.finditer(self.text))
        return "CNY" if votes["CNY"] > votes["JPY"] else "JPY"


def _currency_of(match: re.Match) -> Currency | None:
    form = match.group("currency")
    currency = CURRENCIES.get(" ".join(form.split()))
    if currency is None:
        return None
    if currency.form in WEIGHT_FORMS and not (match.groupdict().get("scale") or match.groupdict().get("abbr")):
        return None
    return currency


def _mention(text: str, amount: Amount) -> dict:
    groups = amount.match.groupdict()
    scale = groups.get("scale") or groups.get("abbr") or shared_scale(text, amount.match.end())
    value = scaled_value(groups["number"], scale, amount.fraction)
    if groups["sign"] or groups.get("sign_after"):
        value = -value
    return make_mention(
        text,
        amount.start,
        amount.match.end(),
        amount.rule,
        value=format_decimal(value),
        currency=amount.code,
        qualifier=qualifier_symbol(amount.qualifier),
    )


def _leftmost_longest(amounts: list[Amount]) -> list[Amount]:
    kept, end = [], -1
    for amount in sorted(amounts, key=lambda a: (a.start, -a.match.end())):
        if amount.start >= end:
            kept.append(amount)
            end = amount.match.end()
    return kept


def _bare_amounts(doc: Doc, text: str, begin: int, mentions: list[dict]) -> list[dict]:
    """Scaled amounts with no currency, after a money mention in the same paragraph and the
    same or the previous sentence, not followed by a noun of their own (`2 million visitors`
    is a count)."""
    if not mentions:
        return []
    found = []
    for match in BARE_AMOUNT.finditer(text, mentions[0]["end"]):
        if any(m["start"] < match.end() and match.start() < m["end"] for m in mentions):
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
        found.append(_mention(text, amount))
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
    """A noun of its own (`2 million visitors`, `20 million fully diluted shares`) or `of`
    (`5 million of its consoles`) after the amount."""
    after = WORD_AFTER.match(text, end)
    if after is None:
        return False
    if after.group("word") == "of":
        return True
    start = token_at(doc, after.start("word"))
    return start < len(doc) and counted_noun(doc, start) is not None
