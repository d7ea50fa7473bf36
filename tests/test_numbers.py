"""Stage tests for the count and money extractors: number parsing, qualifier mapping,
currency resolution and counted-noun finding, each apart from extraction (which the
examples corpora ``pipeline/numbers/examples_*.jsonl`` cover end to end)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors.numbers.counts import COUNT, extract_counts
from pipeline.extractors.numbers.money import CURRENCIES, CurrencyResolver, extract_money
from pipeline.extractors.numbers.nouns import counted_noun, unit_lemma
from pipeline.extractors.numbers.numbers import (
    PREFIX_QUALIFIERS,
    format_decimal,
    parse_number,
    qualifier_before,
    qualifier_symbol,
    scale_multiplier,
    shared_scale,
)


@pytest.mark.parametrize(
    "text, value",
    [
        ("1,800", "1800"),
        ("280000", "280000"),
        ("57.83", "57.83"),
        ("1,204,560", "1204560"),
        ("Ten", "10"),
        ("twenty-one", "21"),
        ("ninety nine", "99"),
        ("a", "1"),
        ("half a", "0.5"),
        ("0.5", "0.5"),
    ],
)
def test_parse_number_digits_and_words(text, value):
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize(
    "scale, multiplier",
    [
        (None, 1),
        ("million", 10**6),
        ("Bn", 10**9),
        ("bln", 10**9),
        ("mio", 10**6),
        ("mn", 10**6),
        ("m", 10**6),
        ("crore", 10**7),
        ("lakh", 10**5),
        ("lakh crore", 10**12),
        ("dozen", 12),
        ("trillion", 10**12),
        ("K", 10**3),
    ],
)
def test_scale_multiplier(scale, multiplier):
    assert scale_multiplier(scale) == multiplier


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("57.83") * 10**9, "57830000000"),
        (Decimal("2.50"), "2.5"),
        (Decimal("1E+3"), "1000"),
        (Decimal("3.21") / 100, "0.0321"),
        (Decimal("-45") * 10**6, "-45000000"),
        (Decimal("12"), "12"),
    ],
)
def test_format_decimal_is_plain(value, text):
    assert format_decimal(value) == text


@pytest.mark.parametrize(
    "prefix, suffix, symbol",
    [
        ("more than", None, ">"),
        ("Over", None, ">"),
        ("just over", None, ">"),
        ("upwards of", None, ">"),
        ("at least", None, ">="),
        ("no less than", None, ">="),
        ("Nearly", None, "~"),
        ("an estimated", None, "~"),
        ("near", None, "~"),
        ("close to", None, "~"),
        ("fewer than", None, "<"),
        ("below", None, "<"),
        ("up to", None, "<="),
        ("as many as", None, "<="),
        ("no more than", None, "<="),
        (None, "-plus", ">"),
        (None, "+", ">"),
        (None, None, "="),
    ],
)
def test_qualifier_symbol(prefix, suffix, symbol):
    assert qualifier_symbol(prefix, suffix) == symbol


@pytest.mark.parametrize(
    "text, qualifier",
    [
        ("more than 1,800", "more than"),
        ("Nearly 800", "Nearly"),
        ("up to  £4bn", "up to"),
        ("a total of 5,600", None),
        ("moreover 5", None),
        ("surpassed 40,000", None),
        ("the 50", None),
    ],
)
def test_qualifier_before_the_number(text, qualifier):
    start = next(i for i, c in enumerate(text) if c.isdigit() or c == "£")
    found = qualifier_before(text, start)
    assert (found.group("qualifier") if found else None) == qualifier


@pytest.mark.parametrize(
    "text, end, scale",
    [
        ("between 200 and 250 million users", 11, "million"),
        ("$5-10 million", 2, "million"),
        ("2-3m people", 1, "m"),
        ("from 5 to 10 people", 6, None),
        ("$35 and $55 a night", 3, None),
    ],
)
def test_shared_scale_of_a_range(text, end, scale):
    assert shared_scale(text, end) == scale


def test_qualifier_table_is_the_contract():
    assert set(PREFIX_QUALIFIERS.values()) == {">", ">=", "~", "<", "<="}
    for not_a_qualifier in ("a total of", "a record", "surpassed", "top"):
        assert not_a_qualifier not in PREFIX_QUALIFIERS


@pytest.mark.parametrize(
    "text, number",
    [
        ("more than 1,800 guests", "1,800"),
        ("10-plus cities", "10"),
        ("almost a billion people", "a"),
        ("Ten projects", "Ten"),
        ("4.77 million developers", "4.77"),
    ],
)
def test_count_pattern_finds_the_number(text, number):
    assert COUNT.search(text).group("number") == number


@pytest.mark.parametrize(
    "text", ["5G", "COVID-19", "G20", "10:02", "8%", "a seven-step plan", "1,500-square-meter", "3rd"]
)
def test_count_pattern_skips_numbers_inside_tokens(text):
    match = COUNT.search(text)
    assert match is None or match.group("number").lower() not in {"5", "19", "20", "02", "8", "seven", "1,500", "3"}


@pytest.mark.parametrize(
    "text, code",
    [
        ("It cost $5 million.", "USD"),
        ("The Australian miner, reporting in A$, earned $5 million.", "AUD"),
        ("It cost A$5 million, or US$3.3 million; and $2 million more.", "USD"),
        ("It cost CA$5 million and $2 million more.", "CAD"),
        ("It cost US$5 million and $2 million more.", "USD"),
        ("The Chinese developer spent ¥3 billion.", "CNY"),
        ("The Japanese maker in Tokyo spent ¥3 billion.", "JPY"),
        ("Spent ¥3 billion.", "JPY"),
    ],
)
def test_currency_resolver_ambiguous_symbols(text, code):
    symbol = "¥" if "¥" in text else "$"
    assert CurrencyResolver(text)(CURRENCIES[symbol]) == code


def test_currency_table_codes_are_iso_shaped():
    for currency in CURRENCIES.values():
        assert len(currency.code) == 3 and currency.code.isupper(), currency.form
        assert currency.position in ("prefix", "suffix", "both", "attached"), currency.form


@pytest.mark.parametrize(
    "text, number, unit",
    [
        ("130 renowned enterprises and organizations", "130", "enterprise"),
        ("15 domestic and foreign experts", "15", "expert"),
        ("20 5G base stations", "20", "station"),
        ("280,000 people had visited", "280,000", "person"),
        ("200 women peace-builders from six countries", "200", "peace-builder"),
        ("15,000 zero-emission electric cars", "15,000", "car"),
        ("160,000 types of products", "160,000", "type"),
        ("150 trade and investment promotion activities", "150", "activity"),
    ],
)
def test_counted_noun_and_unit_lemma(nlp, text, number, unit):
    doc = nlp(text)
    [start] = [t.i + 1 for t in doc if t.text == number]
    head = counted_noun(doc, start)
    assert head is not None and unit_lemma(doc, head) == unit


# Fragments that the extractors react to, so that random texts reach their rules.
FRAGMENTS = [
    "more than",
    "about",
    "$",
    "US$",
    "A$",
    "€",
    "£",
    "¥",
    "₹",
    "Rs",
    "Tk",
    "RMB",
    "1,800",
    "2.5",
    "2023",
    "million",
    "bn",
    "crore",
    "lakh",
    "half a",
    "a dozen",
    "Ten",
    "seven",
    "yuan",
    "dollars",
    "pounds",
    "p",
    "cents",
    "people",
    "companies",
    "guests",
    "of them",
    "of the",
    "the number of",
    "one in",
    "the top",
    "and",
    "to",
    "from",
    "who",
    "-",
    "+",
    "-plus",
    "(",
    ")",
    "%",
    "per cent",
    "\n",
    ".",
    ",",
]


@settings(max_examples=80, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(FRAGMENTS), max_size=25).map(" ".join),
        st.text(
            alphabet=st.one_of(
                st.sampled_from(list("0123456789 ,.-+$€£¥₹%abcmnoptyuBMkK\n")),
                st.characters(exclude_categories=("Cs",)),
            ),
            max_size=80,
        ),
    )
)
def test_extractors_never_raise_and_offsets_hold(nlp, text):
    doc = nlp(text)
    for mention in extract_counts(doc) + extract_money(doc):
        assert doc.text[mention["start"] : mention["end"]] == mention["text"]
        Decimal(mention["value"])
