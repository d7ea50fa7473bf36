"""Currencies from CLDR: the generated data files match Babel (and ISO 3166-2's states and
provinces match pycountry), and every ISO 4217 code in
circulation is read as money in `N CODE`, `CODE N` and `N <English plural name>`, with its
code and value.

The cases are generated from ``cldr_currencies.tsv`` (itself checked against Babel below),
so a currency that CLDR adds is tested as soon as the data file is regenerated.
"""

from decimal import Decimal

import pytest

from pipeline.core.mentions import get_mentions
from pipeline.extractors.numbers import cldr
from pipeline.extractors.numbers.currencies import CIRCULATING, CLDR, CURRENCIES, CurrencyResolver


@pytest.mark.parametrize("name", sorted(cldr.GENERATED))
def test_currencies_cldr_files_are_what_babel_writes(name):
    written = (cldr.DATA / name).read_text(encoding="utf-8")
    assert written == cldr.GENERATED[name](), f"{name} is stale: python -m pipeline.extractors.numbers.cldr"


def test_currencies_subdivisions_file_is_what_pycountry_writes():
    from pipeline.extractors.numbers import subdivisions

    written = (subdivisions.DATA.path / subdivisions.FILE).read_text(encoding="utf-8")
    assert written == subdivisions.subdivision_rows(), "stale: python -m pipeline.extractors.numbers.subdivisions"


def test_currencies_a_state_or_province_makes_the_release_country_clear(nlp):
    text = "Saskatchewan Ministers\nThe Saskatchewan fund invested $100 million in Saskatchewan, and Saskatchewan won."
    doc = nlp(text)
    assert [m["currency"] for m in get_mentions(doc, "money")] == ["CAD"]
    text = "Acme Inc\nThe Acme fund invested $100 million, and Acme won."
    assert [m["currency"] for m in get_mentions(nlp(text), "money")] == ["USD"]


def test_currencies_a_country_name_broken_by_a_line_is_still_a_vote(nlp):
    # a hard-wrapped line may break a two-word name; its words still name the country
    text = "Harbourline Ltd\nHarbourline, of New\nZealand and New\nZealand, paid $5 million to New Zealand firms."
    assert [m["currency"] for m in get_mentions(nlp(text), "money")] == ["NZD"]


def test_currencies_cover_every_circulating_code():
    assert set(CIRCULATING) == set(cldr.circulating())
    assert {"USD", "EUR", "KWD", "GEL", "CRC", "ZAR"} <= set(CIRCULATING)


def _phrases(row):
    """(text, expected mention text, value) for the three forms of one code."""
    code, plural = row.code, row.plural
    return [
        (f"The company paid {code} 42 for the licence.", f"{code} 42", "42"),
        (f"The company paid 1.5 million {code} for the licence.", f"1.5 million {code}", "1500000"),
        (f"The company paid 42 {plural} for the licence.", f"42 {plural}", "42"),
    ]


@pytest.mark.parametrize("row", CLDR, ids=[row.code for row in CLDR])
def test_currencies_every_code_and_plural_name_is_money(nlp, row):
    cases = _phrases(row)
    for (text, span, value), doc in zip(cases, nlp.pipe(text for text, _, _ in cases), strict=True):
        found = [(m["text"], m["currency"], Decimal(m["value"])) for m in get_mentions(doc, "money")]
        assert found == [(span, row.code, Decimal(value))], text
        assert not get_mentions(doc, "count"), text


@pytest.mark.parametrize(
    "text, form, code",
    [
        # named explicitly: the release's own form wins
        ("The Australian miner, reporting in A$, earned $5 million.", "$", "AUD"),
        ("It cost C$5 million and $2 million more.", "$", "CAD"),
        # the release's own country, where it is clear
        ("OTTAWA, Ontario – Canada's ministry will spend $4 million on Canadian ports across Canada.", "$", "CAD"),
        ("The Ohio firm will sell in Canada and spend $4 million.", "$", "USD"),
        ("Mexico's bank said remittances to Mexico hit $9 billion, a Mexico record.", "$", "USD"),
        ("PRETORIA – South Africa's South African miner, a South Africa firm, paid R40 million.", "R", "ZAR"),
        ("The R40 model costs less.", "R", None),
        ("ABUJA, Nigeria – Nigeria's agency said Nigeria's roads get N5 billion.", "N", "NGN"),
        ("The Ghanaian fund said Nigeria's roads get N5 billion.", "N", None),
        # no default: only where the text says which
        ("The bank lent 5 million dinars to Jordan's builders.", "dinars", "JOD"),
        ("The stall charged 42 dinars.", "dinars", None),
        # a weak default yields to the country the text names most
        ("Sri Lanka's banks lost 3 billion rupees.", "rupees", "LKR"),
        ("The bank lost 3 billion rupees.", "rupees", "INR"),
    ],
)
def test_currencies_resolver_reads_ambiguous_forms_by_the_release(text, form, code):
    assert CurrencyResolver(text)(CURRENCIES[form]) == code


def test_currencies_names_are_never_counted_nouns():
    from pipeline.extractors.numbers.counts import NON_COUNT_UNITS

    assert {"dinar", "dinars", "rial", "rials", "yuan", "kroner"} <= NON_COUNT_UNITS
    assert not {"cup", "top", "pen", "all"} & NON_COUNT_UNITS  # codes are not nouns


def test_country_words_start_only_where_no_letter_digit_underscore_or_dot_comes_before():
    from pipeline.extractors.numbers.currencies import country_words

    text = "Canada and XCanada, _Canada, .Canada; Papua New Guinea and XPapua New Guinea"
    found = [(m.start(), m.group()) for m in country_words(text, 0)]
    assert found == [(0, "Canada"), (38, "Papua New Guinea"), (70, "Guinea")]  # `Guinea` after the refused one
