"""Stage tests for the percentage extractor: the forms and their units, the words that make a
percentage a change and give its sign, each apart from extraction (which the examples corpus
``pipeline/extractors/percentages/examples_percentage.jsonl`` covers end to end); offsets on
arbitrary text; every rule shown by an example."""

from decimal import Decimal

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors.percentages.percentages import (
    CHANGE_NOUN_OF,
    CHANGE_WORD_BEFORE,
    FORMS,
    NUMBER_PERCENT,
    PERCENT,
    _cue_after,
    _cue_before,
    _growth_before,
    extract_percentages,
)

BLANK = spacy.blank("en")


@pytest.mark.parametrize(
    "form, unit, factor",
    [
        ("%", "percent", 1),
        ("per cent", "percent", 1),
        ("pct", "percent", 1),
        ("percentage points", "point", 1),
        ("pps", "point", 1),
        ("basis points", "point", Decimal("0.01")),
        ("bps", "point", Decimal("0.01")),
        ("pc", "percent", 1),
        ("pc points", "point", 1),
        ("％", "percent", 1),
        ("per cent.", "percent", 1),
    ],
)
def test_percentages_forms_give_unit_and_factor(form, unit, factor):
    assert FORMS[form] == (unit, factor)


@pytest.mark.parametrize(
    "text, found",
    [
        ("rose 6% in May", "6%"),
        ("a 100%-owned unit", "100%"),
        ("up 50 bps", "50 bps"),
        ("down 0.4pps", "0.4pps"),
        ("Ten Percent of it", "Ten Percent"),
        ("table: -6% |", "-6%"),
        ("5-7%", "7%"),
        ("rose 5pc on Monday", "5pc"),
        ("a 3.5 pc rise", "3.5 pc"),
        ("grew 12％ in May", "12％"),
        ("up 12 per cent. on 2023", "12 per cent."),
        ("up 12 per cent., against", "12 per cent."),
        ("up 12 per cent. Sales fell", "12 per cent"),
        ("up 12 per cent.", "12 per cent"),
        ("up 12 per cent.\nSales", "12 per cent"),
    ],
)
def test_percentages_pattern_finds_number_and_form(text, found):
    assert [m.group(0) for m in PERCENT.finditer(text)] == [found]


@pytest.mark.parametrize(
    "text",
    [
        "COVID-19%",
        "a third of voters",
        "half the members",
        "5G networks",
        "v2.5%x",
        "a new PC",
        "11 PC stations",
        "5 pcs",
        "the pc club",
        "the ％ key",
    ],
)
def test_percentages_pattern_finds_no_percentage(text):
    assert [m.group(0) for m in PERCENT.finditer(text)] == []


@pytest.mark.parametrize(
    "words, decided",
    [
        (["revenue", "rose"], (CHANGE_WORD_BEFORE, 1)),
        (["costs", "fell", "sharply", "by"], (CHANGE_WORD_BEFORE, -1)),
        (["reduced", "its", "share", "of", "the", "market", "by"], (CHANGE_WORD_BEFORE, -1)),
        (["an", "increase", "of"], (CHANGE_NOUN_OF, 1)),
        (["a", "decline", "of"], (CHANGE_NOUN_OF, -1)),
        (["rose", "to"], (NUMBER_PERCENT, 1)),
        (["volunteers", "make", "up"], None),
        (["unemployment", "of"], None),
        ([], None),
    ],
)
def test_percentages_cue_before_decides_kind_and_sign(words, decided):
    assert _cue_before(words) == decided


@pytest.mark.parametrize(
    "words, sign",
    [
        (["increase", "in"], 1),
        (["annual", "rise"], 1),
        (["price", "drop"], -1),
        (["lower", "than"], -1),
        (["of", "the", "increase"], None),
        ([",", "up"], None),
    ],
)
def test_percentages_cue_after_gives_sign(words, sign):
    assert _cue_after(words) == sign


@pytest.mark.parametrize(
    "words, sign",
    [
        (["regional", "growth", "eased", "to"], 1),
        (["the", "contraction", "deepened", "to"], -1),
        (["growth", "came", "from", "a"], None),
        (["wage", "growth", "of", "the", "lowest-paid"], None),
        (["growth", ",", "then"], None),
    ],
)
def test_percentages_growth_noun_makes_a_change(words, sign):
    assert _growth_before(words) == sign


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,-+%aptbsperctnoufldwi\n")), max_size=80))
def test_percentages_offsets_hold_on_arbitrary_text(text):
    doc = BLANK(text)
    for mention in extract_percentages(doc):
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["kind"] in ("change", "level") and mention["unit"] in ("percent", "point")
        Decimal(mention["value"])
