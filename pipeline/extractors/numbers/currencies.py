"""Currency forms for the money extractor, and which currency an ambiguous one means.

From CLDR (``data/cldr_currencies.tsv`` and ``data/cldr_territories.tsv``, written by Babel:
see ``cldr.py``), for every ISO 4217 code in circulation: the code (`KWD`), its English
names, singular and plural, and their last word (`Kuwaiti dinar`, `Kuwaiti dinars`;
`dinar`, shared by eight codes), and its symbols in English and in the official languages
of the countries using it (`HK$`, `₾`, `R` in South Africa, `kr`). The project's data adds
what CLDR lacks and the rules for ambiguous forms:

- ``data/currencies.tsv``: forms CLDR lacks (`RMB`, `Tk`, `Mex$`, `U.S. dollars`, `cents`,
  `p`, `Shs`), each for a code or for a family of names (`cents`: the dollar's);
- ``data/currency_rules.tsv``: the default of an ambiguous form (`$` USD), forms that are
  money only in an amount-like context (`pounds`, codes that are English words: `TOP`),
  letter symbols read anywhere (`RM`, `Rp`; the others only in a release of their
  country), letter symbols read only with a scale or digit groups (`N`: `N95` masks),
  forms that are no currency in English text (`real`, `mark`);
- ``data/money_cues.txt``: the lemmas that make an amount-like context (`pay`, `cost`);
- ``data/country_words.tsv``: country names CLDR lacks (`U.S.`, `Britain`) and dateline
  cities (`Ottawa`), beside CLDR's territory names and time-zone cities.

A form that several codes share is resolved per document by :class:`CurrencyResolver`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache, cached_property
from typing import NamedTuple

from pipeline.core.document import find_header
from pipeline.core.lexicon import alternation, matched_phrase
from pipeline.extractors.numbers.numbers import SCALE_ABBR, SCALE_WORD, read_rows, read_words


class CldrCurrency(NamedTuple):
    """A row of ``cldr_currencies.tsv``."""

    code: str
    territories: frozenset[str]
    singular: str
    plural: str
    display: str
    symbols: tuple[str, ...]


CLDR = [
    CldrCurrency(code, frozenset(t.split(",")), one, other, display, tuple(filter(None, symbols.split("|"))))
    for code, t, one, other, display, symbols in read_rows("cldr_currencies.tsv")
]
TERRITORIES = {row.code: row.territories for row in CLDR}
CIRCULATING = tuple(TERRITORIES)
# territory -> its current codes
TERRITORY_CODES: dict[str, frozenset[str]] = {}
for _code, _territories in TERRITORIES.items():
    for _territory in _territories:
        TERRITORY_CODES[_territory] = TERRITORY_CODES.get(_territory, frozenset()) | {_code}


@dataclass(frozen=True)
class Currency:
    """One written form of one or more currencies."""

    form: str  # a code or symbol as written, or a name in lower case (names match in any case)
    codes: tuple[str, ...]  # the ISO codes it can stand for, sorted
    position: str  # prefix, suffix, both or attached (right after the digits: `3.21p`)
    kind: str  # code, symbol or name
    family: str = ""  # a name's last word, singular (`dinar`), shared by the codes of a family
    default: str = ""  # an ambiguous form's code where the release says nothing else
    weak_default: bool = False  # the default yields to the country the text names most (`¥`)
    fraction: Decimal = Decimal(1)  # a sub-unit: `cents` 0.01
    cue: bool = False  # money only in an amount-like context (`180 pounds` is a weight)
    home_only: bool = False  # only in a release from a country that uses it (`R` in South Africa)
    grouped: bool = False  # glued to digits, money only with a scale or digit groups (`N250,000`, not `N95`)
    singular: bool = False  # a singular name, read after `a`/`an`/`one` (`a dollar`)

    @property
    def code(self) -> str:
        """The code it stands for alone: its only one, or its default."""
        return self.default or self.codes[0]

    @property
    def ambiguous(self) -> bool:
        return len(self.codes) > 1

    @property
    def attaches(self) -> bool:
        """Written right after the digits (`3.21p`, `20€`, `3.14US$`): a symbol with a sign."""
        return self.position == "attached" or (self.kind == "symbol" and not _letters_only(self.form))


def _letters_only(form: str) -> bool:
    return all(ch.isalpha() or ch in ". /" for ch in form)


def _fold(text: str) -> str:
    """`króna` -> `krona`: without accents (and without any other letter outside ASCII)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _ascii_variants(name: str) -> set[str]:
    """`costa rican colóns` -> also `costa rican colons`; `&` -> `and`."""
    variants = {name, name.replace("&", "and")}
    for variant in list(variants):
        folded = _fold(variant)
        if len(folded) == len(unicodedata.normalize("NFC", variant)):  # only accents dropped
            variants.add(folded)
    return {" ".join(v.split()) for v in variants}


# --- the project's rules and additions ---------------------------------------------
_RULES: dict[str, dict[str, str]] = defaultdict(dict)
for _key, _name, *_value in read_rows("currency_rules.tsv"):
    _RULES[_key][_name] = _value[0] if _value else ""
MONEY_CUES = read_words("money_cues.txt")


def _rule(currency: Currency, rule: str) -> str | None:
    """A rule of ``currency_rules.tsv`` for the form, else for its family."""
    for key in (currency.form, currency.family):
        if key and rule in _RULES.get(key, {}):
            return _RULES[key][rule]
    return None


# --- CLDR forms ----------------------------------------------------------------------
SPACED_SIGN = re.compile(r"[A-Z]{2,3}\$")  # `NZ$`, `HK$`; not `A$` (`A $3 million grant`)


def _cldr_forms() -> list[Currency]:
    """Every code, English name and symbol CLDR has for the circulating codes, and the last
    words of the names (`dinars`: every code whose name ends so). One :class:`Currency` per
    form and code; forms shared by codes are merged later."""
    forms = []
    families: dict[str, set[str]] = defaultdict(set)  # family -> codes
    family_words: dict[str, tuple[str, bool]] = {}  # a family word as written -> (family, singular)
    for row in CLDR:
        code = row.code
        forms.append(Currency(code, (code,), "both", "code"))
        one, other, display = row.singular.lower(), row.plural.lower(), row.display.lower()
        family = _fold(one.split()[-1]) or one.split()[-1]
        families[family].add(code)
        for name, singular in ((other, False), (one, one != other), (display, one != other)):
            forms += [Currency(v, (code,), "suffix", "name", singular=singular) for v in _ascii_variants(name)]
            for word in _ascii_variants(name.split()[-1]):
                family_words[word] = (family, singular)
        forms += [Currency(symbol, (code,), "both", "symbol") for symbol in row.symbols]
        # `NZ $250 million`: a country's letters before the dollar sign are written apart too
        forms += [Currency(f"{s[:-1]} $", (code,), "prefix", "symbol") for s in row.symbols if SPACED_SIGN.fullmatch(s)]
        if any("$" in symbol for symbol in row.symbols):  # `CAD$5 million`: a dollar's code and sign
            forms.append(Currency(f"{code}$", (code,), "prefix", "symbol"))
    for word, (family, singular) in family_words.items():
        forms.append(Currency(word, tuple(sorted(families[family])), "suffix", "name", family, singular=singular))
    return forms


def _project_forms(codes_of_family: dict[str, tuple[str, ...]]) -> list[Currency]:
    """``currencies.tsv``: forms for a code (`RMB` CNY) or for a family (`cents`: dollar)."""
    forms = []
    for form, currency, kind, position, fraction, number in read_rows("currencies.tsv"):
        codes, family = ((currency,), "") if currency.isupper() else (codes_of_family[currency], currency)
        forms.append(
            Currency(
                form.lower() if kind == "name" else form,
                codes,
                position,
                kind,
                family,
                fraction=Decimal(fraction or 1),
                singular=number == "singular",
            )
        )
    return forms


def _merge(forms: list[Currency], families: dict[str, tuple[str, ...]]) -> dict[str, Currency]:
    """One entry per form: the codes of every row, the first row's other fields, then the
    rules of ``currency_rules.tsv``."""
    merged: dict[str, Currency] = {}
    for currency in forms:
        seen = merged.get(currency.form)
        if seen is None:
            merged[currency.form] = currency
        else:
            codes = tuple(sorted(set(seen.codes) | set(currency.codes)))
            merged[currency.form] = Currency(
                seen.form,
                codes,
                seen.position,
                seen.kind,
                seen.family or currency.family,
                fraction=seen.fraction,
                singular=seen.singular or currency.singular,
            )
    table = {}
    for form, currency in merged.items():
        if _rule(currency, "skip") is not None:
            continue
        family = _rule(currency, "family")
        if family:
            currency = replace(currency, codes=tuple(c for c in currency.codes if c in families[family]))
        default = _rule(currency, "default") or _rule(currency, "fallback") or ""
        letters = currency.kind == "symbol" and _letters_only(form)
        table[form] = Currency(
            form,
            currency.codes,
            currency.position,
            currency.kind,
            currency.family,
            default if default in currency.codes else "",
            _rule(currency, "fallback") is not None,
            currency.fraction,
            cue=_rule(currency, "cue") is not None,
            home_only=letters and _rule(currency, "anywhere") is None,
            grouped=_rule(currency, "grouped") is not None,
            singular=currency.singular,
        )
    return table


def _build() -> dict[str, Currency]:
    cldr = _cldr_forms()
    families = {c.family: c.codes for c in cldr if c.kind == "name" and c.form == c.family}  # `dollar`: its codes
    return _merge(cldr + _project_forms(families), families)


CURRENCIES: dict[str, Currency] = _build()


def lookup(form: str) -> Currency | None:
    """The currency of a form as matched (white space as written, names in any case)."""
    key = " ".join(form.split())
    found = CURRENCIES.get(key)
    if found is None:
        found = CURRENCIES.get(key.lower())
        if found is not None and found.kind != "name":
            return None
    return found


# Words that name a currency (`dinars`, `dinar`, `yuan`): an amount before one is never a count.
CURRENCY_WORDS = frozenset(c.form for c in CURRENCIES.values() if c.kind == "name" and c.form.isalpha())


# --- which country a release is from --------------------------------------------------
def _country_words() -> tuple[dict[str, str], dict[str, str]]:
    """(country word -> territory, dateline city -> territory): CLDR's English territory
    names, the qualifiers in the names of currencies (`Kuwaiti`, `Australian`: the country
    whose name it opens, of those using it) and its time-zone cities; the states and
    provinces of ``iso_subdivisions.tsv`` (ISO 3166-2, written by ``subdivisions.py``);
    ``country_words.tsv`` adds what CLDR lacks."""
    words: dict[str, str] = {}
    cities: dict[str, str] = {}
    names = {}
    for territory, name, zone_cities in read_rows("cldr_territories.tsv"):
        names[territory] = name
        for variant in _ascii_variants(re.sub(r"\s*\(.*\)", "", name)):
            words[variant] = territory
        for city in filter(None, zone_cities.split("|")):
            cities[city.lower()] = territory
    for row in CLDR:
        qualifier = " ".join(row.singular.split()[:-1])
        owners = [t for t in row.territories if len(row.territories) == 1 or names[t][:4] == qualifier[:4]]
        if qualifier[:1].isupper() and len(owners) == 1:
            words[qualifier] = owners[0]
    for name, territory in read_rows("iso_subdivisions.tsv"):  # `Tasmania`, `Ontario`
        for variant in _ascii_variants(name):
            words[variant] = territory
    for word, territory, kind in read_rows("country_words.tsv"):
        if kind == "city":
            cities[word.lower()] = territory
        else:
            words[word] = territory
    for word in list(words):
        if word.endswith("an"):
            words[word + "s"] = words[word]  # `Canadians`
        if len(word) > 3:
            words[word.upper()] = words[word]  # an all-capitals headline
    return words, cities


COUNTRY_WORDS, DATELINE_CITIES = _country_words()
# No lookbehind before the alternation: the regex engine then skips to the first letters of
# the words (six times faster); the word boundary before a match is checked by country_words.
COUNTRY = re.compile(rf"(?:{alternation(COUNTRY_WORDS)})(?![\w])")
# A dateline: a place opening one of the first lines, before a comma or dash (`OTTAWA, Ontario`,
# `JOHANNESBURG - The`).
DATELINE = re.compile(r"^[ \t]*(?P<place>[A-Z][A-Za-z.’' -]{1,30}?)[ \t]*(?:,|\(|--|–|—|-(?=[ \t]))", re.MULTILINE)
EXCHANGES = dict(read_rows("exchanges.tsv"))
# A listing: an exchange's abbreviation, a colon and the ticker (`(ASX: ABC)`, `JSE Code: ABC`,
# `ASX Code ABC`), an exchange's announcement (`ASX Announcement`), or the exchange a release is
# lodged with or the company is listed on (`released to the ASX`, `listed on the JSE`)
LISTING = re.compile(
    rf"\b(?P<exchange>{alternation(EXCHANGES)})(?:[ \t]+Code[ \t]*:?|[ \t]*:)[ \t]*[A-Z0-9]"
    rf"|\b(?P<announced>{alternation(EXCHANGES)})[ \t]+(?:Announcement|Release)\b"
    rf"|\b(?:to|with|on)[ \t]+the[ \t]+(?P<lodged>{alternation(EXCHANGES)})\b"
)
# An ISIN (ISO 6166) opens with its issuer's country code (`ISIN: ZAE000009932`, `ISIN code
# GB00B03MLX29`); a security's home country votes for the release's as a listing does. `XS`
# (international) and other codes of no territory are skipped where they are counted.
ISIN = re.compile(
    r"\bISIN(?:[ \t]+(?:[Cc]ode|[Nn]umber|[Nn]o\.?))?[ \t]*:?[ \t]*(?P<country>[A-Z]{2})[A-Z0-9]{1,9}[ \t]?[A-Z0-9]"
)
OPENING = 300  # characters after the header that hold a release's headline and dateline
OPENING_WEIGHT = 2  # a country named there (or in the dateline) counts twice
REPEATED_SYMBOL = 3  # a letter symbol before this many amounts is the release's currency
CLEAR_VOTES = 3  # the release's country: named at least this often (see home_codes)
CLEAR_MARGIN = 2  # ... and more than this many times as often as any other
LISTING_VOTES = CLEAR_VOTES  # a listing on a home exchange alone makes the country clear
DATELINE_VOTES = CLEAR_VOTES  # so does a dateline city (where the release was issued)


def country_words(text: str, begin: int) -> Iterator[re.Match]:
    """The country words of ``text[begin:]`` that no letter, digit, `_` or `.` opens."""
    at = begin
    while (match := COUNTRY.search(text, at)) is not None:
        before = text[match.start() - 1] if match.start() > 0 else " "
        if before.isalnum() or before in "_.":
            at = match.start() + 1  # `XSouth Africa` may still hold `Africa`
            continue
        yield match
        at = match.end()


@cache
def _named_forms(codes: tuple[str, ...], default: str) -> re.Pattern:
    """The forms that name one of ``codes`` in any text (`A$`, `AUD`, `Australian dollars`,
    and `C$`, CAD by default), for telling which of them a release names. An ambiguous form
    names its default, unless that is ``default`` (the resolved form's own: `dollars` says
    nothing about `$`)."""
    forms = [
        c
        for c in CURRENCIES.values()
        if c.code in codes
        and (not c.ambiguous or c.default not in ("", default))
        and not (c.cue or c.home_only)
        and c.fraction == 1
    ]
    names = alternation(c.form for c in forms if c.kind == "name")
    signs = alternation(c.form for c in forms if c.kind != "name")
    return re.compile(rf"(?<![\w$])(?:(?i:{names})|{signs})(?![A-Za-z])")


class CurrencyResolver:
    """The ISO code of a currency form in one document, or None where nothing decides.

    An ambiguous form (`$`, `¥`, `dollars`, `dinars`, `kr`) takes, in this order:

    1. the one of its codes the release names by another form: its default if the release
       names that (a text with `US$` keeps `$` for USD), else the one named most (`A$`
       makes `$` AUD);
    2. the currency of the release's own country, where the release makes that clear
       (:attr:`home_codes`): `$` in a Canadian ministry's release is CAD;
    3. its default (`$` USD, `pounds` GBP); a weak default (`¥` JPY, `rupees` INR) only
       after the code whose country the text names most (`¥` beside `Chinese` is CNY);
       a form with no default takes only that (`rials` beside `Iran`), or nothing.

    A letter symbol (`R`) is read only in a release from a country that uses it, or one that
    names its currency in full. The text is read only when such a form is met."""

    def __init__(self, text: str):
        self.text = text
        self._named: dict[tuple, Counter] = {}  # one scan of the text per ambiguous form, not per amount
        self._amounts_after: dict[str, int] = {}

    def __call__(self, currency: Currency) -> str | None:
        codes = set(currency.codes)
        home = self.home_codes & codes
        if currency.home_only:
            if len(home) == 1:
                return next(iter(home))
            # `RO 34.1 million ... RO 27.1 million ...`: a letter symbol the release uses again and
            # again before amounts is its currency, where the release names no home country
            if not self.home_codes and len(codes) == 1 and self.amounts_after(currency.form) >= REPEATED_SYMBOL:
                return currency.codes[0]
            # `... exceeding 400 million Jordanian dinars ... JD350 million`: the release names the
            # symbol's currency in full
            if len(codes) == 1 and self.named(currency)[currency.codes[0]]:
                return currency.codes[0]
            return None
        if not currency.ambiguous:
            return currency.codes[0]
        named = self.named(currency)
        if currency.default in named:
            return currency.default
        if named:
            [(top, votes), *rest] = named.most_common(2)
            if not rest or votes > rest[0][1]:
                return top
        if len(home) == 1:
            return next(iter(home))
        if currency.default and not currency.weak_default:
            return currency.default
        return self.most_named_country(codes) or currency.default or None

    def named(self, currency: Currency) -> Counter:
        """How often the text names each of the form's codes by another form."""
        key = (tuple(currency.codes), currency.default)
        if key not in self._named:
            found = _named_forms(currency.codes, currency.default).finditer(self.text, self.begin)
            self._named[key] = Counter(form.code for m in found if (form := lookup(m.group())) is not None)
        return self._named[key]

    def amounts_after(self, form: str) -> int:
        """How often ``form`` stands as a word before an amount in the text: a space and a number
        (`RO 12.4`), or a number and its scale (`N57.2 billion`; not `G7 ministers`, `D12`)."""
        if form not in self._amounts_after:
            pattern = re.compile(
                rf"(?<![\w.]){re.escape(form)}(?:[ \t\u00a0]\d|\d[\d,.]*[ \t\u00a0]?(?:{SCALE_WORD}|{SCALE_ABBR})\b)"
            )
            self._amounts_after[form] = sum(1 for _ in pattern.finditer(self.text, self.begin))
        return self._amounts_after[form]

    @cached_property
    def begin(self) -> int:
        header = find_header(self.text)
        return header.end if header else 0

    @cached_property
    def country_votes(self) -> Counter:
        """Territory -> how often the release names it (twice in its opening and dateline), and
        the territory of each exchange it is listed on (``data/exchanges.tsv``) and of each ISIN."""
        votes: Counter = Counter()
        opening = self.begin + OPENING
        for match in country_words(self.text, self.begin):
            votes[COUNTRY_WORDS[matched_phrase(match.group())]] += OPENING_WEIGHT if match.start() < opening else 1
        for match in DATELINE.finditer(self.text, self.begin, opening):
            city = DATELINE_CITIES.get(" ".join(match.group("place").split()).lower())
            if city:
                votes[city] += DATELINE_VOTES
        listed = LISTING.finditer(self.text, self.begin)
        for exchange in {m.group("exchange") or m.group("lodged") or m.group("announced") for m in listed}:
            votes[EXCHANGES[exchange]] += LISTING_VOTES
        for country in {m.group("country") for m in ISIN.finditer(self.text, self.begin)}:
            if country in TERRITORY_CODES:
                votes[country] += LISTING_VOTES
        return votes

    @cached_property
    def territory(self) -> str | None:
        """The release's own country (a CLDR territory), where the release makes it clear: named
        at least ``CLEAR_VOTES`` times and more than twice as often as any other country
        (the headline and dateline count twice; a news story about a country is not that
        country's release)."""
        ranked = self.country_votes.most_common(2)
        if (
            not ranked
            or ranked[0][1] < CLEAR_VOTES
            or (len(ranked) > 1 and ranked[0][1] <= CLEAR_MARGIN * ranked[1][1])
        ):
            return None
        return ranked[0][0]

    @cached_property
    def home_codes(self) -> frozenset[str]:
        """The currency codes of the release's own country (:attr:`territory`)."""
        return TERRITORY_CODES[self.territory] if self.territory else frozenset()

    def most_named_country(self, codes: set[str]) -> str | None:
        votes = Counter({code: sum(self.country_votes[t] for t in TERRITORIES[code]) for code in codes})
        ranked = votes.most_common(2)
        if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
            return ranked[0][0]
        return None


def release_territory(text: str) -> str | None:
    """The release's own country (a CLDR territory code), where the release makes it clear."""
    return CurrencyResolver(text).territory
