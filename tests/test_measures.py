"""Stage tests for the measure extractor: the quantulum3 wrapper (exact offsets, no logging
side effect), the unit inventory, the prefilter that decides which sentences quantulum3
sees, and the cross-type precedence that keeps money, percentages, dates and counts of
things, each apart from extraction (which the examples corpus
``pipeline/extractors/measures/examples_measure.jsonl`` covers end to end); offsets on
arbitrary text; every rule shown by an example."""

import logging
from decimal import Decimal

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.core.mentions import get_mentions, set_mentions
from pipeline.core.overlaps import resolve_overlaps
from pipeline.extractors.measures import engine, measures
from pipeline.extractors.measures.engine import _locate, quantities
from pipeline.extractors.measures.units import inventory

BLANK = spacy.blank("en")
BLANK.add_pipe("sentencizer")


def test_measures_engine_offsets_are_exact_in_the_document():
    text = "Intro. Over twenty-five thousand fans saw the two-kilometre race \u2014 then ran 5 km \u2013 10 km."
    found = quantities(text, 7, len(text))
    surfaces = [text[q.start : q.end] for q in found if q.unit.name == "kilometre"]
    assert surfaces == ["two-kilometre", "5 km", "10 km"]


def test_measures_engine_moves_a_drifted_surface_onto_the_text_or_drops_it():
    assert _locate("the 5 km run", "5 km", 4) == 4
    assert _locate("the 5 km run", "5 km", 7) == 4
    assert _locate("the 5 km run", "9 km", 4) is None
    assert _locate("the 5 km run", "", 0) is None


def test_measures_engine_leaves_the_root_logger_as_it_was():
    root = logging.getLogger()
    before = list(root.handlers)
    quantities("It is 5 km long.", 0, 16)
    assert root.handlers == before


@pytest.mark.parametrize("form", ["m", "K", "in", "am", "G", "A", "B", "bp"])
def test_measures_inventory_leaves_out_forms_that_are_no_unit_in_a_release(form):
    units = inventory()
    assert form not in units.symbols and form.lower() not in units.names
    assert not units.units_of(form, "")  # `K` is a unit only beside its context word


@pytest.mark.parametrize(
    "form, unit, dimension",
    [
        ("MW", "megawatt", "power"),
        ("hectares", "hectare", "area"),
        ("sqm", "square metre", "area"),
        ("MWh", "megawatt hour", "energy"),
        ("bpd", "barrel per day", "volumetric flow"),
        ("tons", "tonne", "mass"),
        ("Mtpa", "tonne per year", "mass flow"),
        ("bcm", "cubic metre", "volume"),
        ("tCO2e", "tonne", "mass"),
        ("boepd", "barrel per day", "volumetric flow"),
        ("MMBTU", "mega british thermal unit", "energy"),
    ],
)
def test_measures_inventory_names_units_as_quantulum3_does(form, unit, dimension):
    [found] = inventory().units_of(form, "")
    assert (found.name, found.dimension) == (unit, dimension)


@pytest.mark.parametrize(
    "form, factor",
    [
        ("Mtpa", 1000000),
        ("MTPA", 1000000),
        ("bcm", 1000000000),
        ("MtCO2e", 1000000),
        ("mboe", 1000),
        ("boe", 1),
        ("MW", 1),
        ("tonnes", 1),
    ],
)
def test_measures_inventory_gives_the_scale_a_form_writes(form, factor):
    assert inventory().factor(form) == factor


def test_measures_inventory_keeps_a_lower_case_form_marked_as_written_out_of_capitals():
    units = inventory()
    assert "boe" in units.symbol_forms() and "boe" not in units.name_forms()
    assert not units.units_of("BOE", "")  # the Bank of England


def test_measures_inventory_reads_a_context_word_and_a_us_release():
    units = inventory()
    assert units.context_unit("pounds", "9,500 pounds of thrust").name == "pound-force"
    assert units.context_unit("pounds", "a crate of 180 pounds") is None
    assert units.context_unit("K", "an 8K screen") is None
    assert units.in_us_release("tons").name == "short ton"


@pytest.mark.parametrize(
    "text, count",
    [
        ("The hall holds 300 guests. Prices rose 5% in 2023.", 0),
        ("The hall covers 5,000 square meters. It opened in May.", 1),
        ("The hall covers 5,000 square meters and 2 hectares. Another 40 MW come later.", 2),
    ],
)
def test_measures_quantulum3_sees_only_sentences_holding_a_unit_candidate(monkeypatch, text, count):
    calls = []

    def counting(text, start, end):
        calls.append(text[start:end])
        return quantities(text, start, end)

    monkeypatch.setattr(engine, "quantities", counting)
    measures.extract_measures(BLANK(text))
    assert len(calls) == count


def _resolved(text: str, **by_type: list[tuple[str, dict]]) -> dict[str, list[str]]:
    """Mentions (surface, fields) of each type over ``text``, resolved; their surfaces after."""
    doc = BLANK(text)
    for type_name, found in by_type.items():
        mentions = []
        for surface, fields in found:
            start = text.index(surface)
            mentions.append({"start": start, "end": start + len(surface), "text": surface, "rule": "", **fields})
        set_mentions(doc, type_name, mentions)
    resolve_overlaps(doc)
    return {t: [m["text"] for m in get_mentions(doc, t)] for t in by_type}


def test_measures_lose_to_money_and_percentages():
    text = "It raised 5 million pounds and 40% more."
    resolved = _resolved(
        text,
        money=[("5 million pounds", {})],
        percentage=[("40%", {})],
        measure=[("5 million pounds", {"unit_text": "pounds"}), ("40%", {"unit_text": "%"})],
    )
    assert resolved == {"money": ["5 million pounds"], "percentage": ["40%"], "measure": []}


def test_measures_win_over_a_count_of_their_unit_and_lose_to_a_count_of_things():
    text = "The mill ran at 540 tpd with 300 cups of tea."
    resolved = _resolved(
        text,
        count=[("540", {"unit": "tpd"}), ("300", {"unit": "cup"})],
        measure=[("540 tpd", {"unit_text": "tpd"}), ("300 cups", {"unit_text": "bowls"})],
    )
    assert resolved == {"count": ["300"], "measure": ["540 tpd"]}


def test_measures_and_percentages_inside_a_name_belong_to_the_name():
    text = "Runners joined the Quay 5K Fun Run and the 30% Club."
    resolved = _resolved(
        text,
        initiative=[("Quay 5K Fun Run", {}), ("30% Club", {})],
        measure=[("5K", {"unit_text": "K"})],
        percentage=[("30%", {})],
    )
    assert resolved["measure"] == [] and resolved["percentage"] == []


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789 .,-/kmgtMWhaLlbspero°C\n")), max_size=60))
def test_measures_offsets_hold_on_arbitrary_text(text):
    for mention in measures.extract_measures(BLANK(text)):
        assert text[mention["start"] : mention["end"]] == mention["text"]
        assert mention["unit"] and mention["qualifier"] in ("=", "~", ">", ">=", "<", "<=")
        Decimal(mention["value"])


def test_importing_quantulum3_leaves_typeguard_as_it_was_and_inflect_pluralises_as_before():
    import inflect
    import typeguard

    from pipeline.extractors.measures import engine

    assert engine.quantulum_parser is not None
    assert typeguard.typechecked.__qualname__ == "typechecked"  # restored after the import
    plurals = inflect.engine()
    assert [plurals.plural(w) for w in ("tonne", "square metre", "foot", "inch")] == [
        "tonnes",
        "square metres",
        "feet",
        "inches",
    ]
