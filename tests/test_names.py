"""Report and initiative names, stage by stage.

- candidates: where a name may stand (words, quotes, title-cased runs), no classification;
- classification: what a candidate is (head noun, descriptor, cues, acronyms), on a Doc;
- language data: every data file documents its provenance and uses known classes and kinds.

End-to-end phrases with expected mentions live in ``pipeline/names/examples_*.jsonl``
(``tests/test_examples.py``).
"""

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extractors.names import candidates, lexicon
from pipeline.extractors.names.candidates import find_quotes, find_runs, tokenize
from pipeline.extractors.names.classify import _split_coordination, category_of, find_names
from pipeline.extractors.names.context import Context
from pipeline.extractors.names.document_level import initials

KINDS = {
    "program",
    "award",
    "zone",
    "facility",
    "mechanism",
    "competition",
    "event",
    "project",
    "platform",
    "alliance",
    "fund",
    "campaign",
    "case",
}
CLASSES = {"report", "initiative", "organisation", "venue", "none"}


def _runs(text):
    quotes = find_quotes(text)
    masked = [(q.open, q.close_end) for q in quotes if q.is_title_cased]
    return [text[r.start : r.end] for r in find_runs(text, tokenize(text), quotes, masked)]


# --- candidates ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, words",
    [
        ("Co-construction of Cloud·Internet", ["Co-construction", "of", "Cloud·Internet"]),
        ("the No.2 Plant, version 4.0.", ["the", "No.2", "Plant", "version", "4.0"]),
        ("6.jpgRiver Park", ["6", "jpgRiver", "Park"]),
        ("Acme’s K–Bridge", ["Acme", "s", "K–Bridge"]),
        ("Report 2020-21", ["Report", "2020-21"]),
        ("Lan'ya Tea and Acme's don't", ["Lan'ya", "Tea", "and", "Acme", "s", "don", "t"]),
    ],
)
def test_candidates_tokenize_keeps_inner_hyphens_dots_and_middle_dots(text, words):
    assert [t.text for t in tokenize(text)] == words


@pytest.mark.parametrize(
    "text, body",
    [
        ("the “World Report 2023″, and", "World Report 2023"),
        ("the inaugural “Young Leaders Program,” and", "Young Leaders Program"),
        ('the "Farm Link" platform', "Farm Link"),
        ("its report ‘Water’s Edge Today’ in", "Water’s Edge Today"),
    ],
)
def test_candidates_quotes_any_marks_trailing_punctuation_stripped(text, body):
    assert [q.text for q in find_quotes(text)] == [body]


@pytest.mark.parametrize(
    "body, titled",
    [
        ("Excellent Cases of Working Together to Build a Community", True),
        ("Lanterns over the River", True),
        ("within 20 days", False),
        ("Building an inclusive, resilient, and digital world", False),
    ],
)
def test_candidates_quote_title_case(body, titled):
    [quote] = find_quotes(f"“{body}”")
    assert quote.is_title_cased is titled


@pytest.mark.parametrize(
    "text, runs",
    [
        ("the Report on the State of the Ports called", ["Report on the State of the Ports"]),
        ("the World Forum (WF) Lima Summit opened", ["World Forum (WF) Lima Summit"]),
        ("the Water Conference – Climate Forum in", ["Water Conference – Climate Forum"]),
        ("the Exhibition & Convention Center", ["Exhibition & Convention Center"]),
        (
            "The Startup Competition of “Cities of Tomorrow” kicked off",
            ["The Startup Competition of “Cities of Tomorrow”"],
        ),
        ("the Summit on Monday", ["Summit"]),  # weekday and month names end a run
        ("The Asia Outlook 2024 lowers", ["The Asia Outlook 2024"]),
        ("the 2022 Peace Index shows", ["2022 Peace Index"]),
        ("Delta Expo\n\nThe River Forum", ["Delta Expo", "The River Forum"]),  # never across a blank line
        ("HBX\nLisbon is back", ["HBX\nLisbon"]),  # a wrapped line is one run
        # a line break ends a run before a capital `The` and after an all-capitals heading
        ("see Delta Hub\nThe River Outlook", ["Delta Hub", "The River Outlook"]),
        ("FOR IMMEDIATE RELEASE\nDelta Marathon Opens", ["FOR IMMEDIATE RELEASE", "Delta Marathon Opens"]),
        ("the Lindau (Westbank) Pilot Zone opened", ["Lindau (Westbank) Pilot Zone"]),  # a district inside
        ("the Lindau Pilot Zone (Westbank) opened", ["Lindau Pilot Zone", "Westbank"]),  # not at the end
    ],
)
def test_candidates_runs(text, runs):
    assert _runs(text) == runs


def test_candidates_runs_skip_masked_quotes():
    assert _runs("themed “Digital Future for All”, the Green Expo") == ["Green Expo"]


# --- classification -----------------------------------------------------------------------


def _names(nlp, text):
    doc = nlp(text)
    return [(text[n.start : n.end], n.cls, n.kind or n.year) for n in find_names(doc)]


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "the Regional Trade Report 2019 and Regional Investment Report 2019 were",
            ["Regional Trade Report 2019", "Regional Investment Report 2019"],
        ),
        ("the Business and Investment Summit", ["Business and Investment Summit"]),
        ("the Trade Organisation and the World Food Programme", ["Trade Organisation", "World Food Programme"]),
    ],
)
def test_classify_coordination_splits_only_between_two_heads(text, expected):
    tokens = tokenize(text)[1:]
    while tokens[-1].text in ("were",):
        tokens.pop()
    parts = _split_coordination(tokens)
    assert [text[p[0].start : p[-1].end] for p in parts] == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("Harbour Development Goals", "HDG"),
        ("UN Ocean Programme", "UNOP"),
        ("Andes-ASEAN Expo", "AASEANE"),
        ("Fair for Trade in Goods", "FTG"),
    ],
)
def test_document_level_initials(name, expected):
    assert initials(name) == expected


@pytest.mark.parametrize(
    "text, cls, kind",
    [
        ("the 6th Digital Trade Summit", "initiative", "event"),
        ("Blue Book on Smart Ports", "report", ""),
        ("Ministry of Science and Technology", "organisation", ""),
        ("Grand Plaza", "venue", ""),
        ("Global Wetlands Facility", "initiative", "fund"),
    ],
)
def test_classify_category_by_head_noun(text, cls, kind):
    category = category_of(text)
    assert (category.cls, category.kind) == (cls, kind)


def test_classify_no_head_noun_is_no_category():
    assert category_of("Digital Lindau") is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("It was hosted by the Delta Trade Forum.", []),
        ("Li, Secretary-General of the Delta Trade Forum, spoke.", []),
        ("The Delta Trade Forum opened.", [("Delta Trade Forum", "initiative", "event")]),
        ('The summit, themed "Green Growth for All", opened.', []),
        ("“Star of the Delta” supercomputing center", [("Star of the Delta", "initiative", "facility")]),
        ("The centre was built next to the Delta Data Center.", [("Delta Data Center", "initiative", "facility")]),
        ("They met at the Delta Data Center.", []),
        ("The S&P 500 Index rose.", []),
        # appositions: the descriptor heading them gives the kind
        ("After two days, VELOX, the trade fair for boats, closed.", [("VELOX", "initiative", "event")]),
        (
            "Join the Quay Swim Challenge, a 2km charity swim event, in May.",
            [("Quay Swim Challenge", "initiative", "event")],
        ),
        ("Lorna Smith, the head of the campaign, spoke.", []),
        # a name before a kind noun, not a broadcast nor a party's campaign
        ("The money comes from the Clean Rivers Now programme.", [("Clean Rivers Now", "initiative", "program")]),
        ("He told BBC Radio's Morning Brief programme.", []),
        ("The Liberal Democrat campaign stalled.", []),
        # a `... Programme` acting as an agency
        ("The Ocean Reef Programme (ORP) published its survey.", []),
        (
            "The Ocean Reef Programme (ORP) trained 90 divers. The ORP also mapped reefs.",
            [("Ocean Reef Programme", "initiative", "program"), ("ORP", "initiative", "program")],
        ),
        # an unquoted `Title: Subtitle` after a publication cue
        (
            "It is available in Harbour Accounts: Income and Trade (cat. no. 5.1).",
            [("Harbour Accounts: Income and Trade", "report", "")],
        ),
    ],
)
def test_classify_cues(nlp, text, expected):
    assert _names(nlp, text) == expected


def test_classify_acronym_defined_after_a_name_tags_later_mentions(nlp):
    text = "The Delta Import Expo (DIE) closed. Visitors to the DIE bought more. DIE"
    assert _names(nlp, text) == [
        ("Delta Import Expo", "initiative", "event"),
        ("DIE", "initiative", "event"),
        ("DIE", "initiative", "event"),
    ]


def test_classify_acronym_acting_as_organisation_drops_the_name(nlp):
    text = "The Delta Trade Conference (DTC) met. DTC Secretary-General Li spoke."
    assert _names(nlp, text) == []


def test_classify_report_year_and_version(nlp):
    text = "It released “Delta Data Report (2022)” (version 4.0) and the Delta Health Survey of 2019."
    assert [(text[n.start : n.end], n.year, n.version) for n in find_names(nlp(text))] == [
        ("Delta Data Report (2022)", "2022", "4.0"),
        ("Delta Health Survey", "2019", ""),
    ]


def test_classify_names_are_cached_on_the_doc(nlp):
    doc = nlp("The Delta Trade Forum opened.")
    assert find_names(doc) == find_names(doc)
    assert "pressfacts_names" in doc.user_data


PIECES = list('AB c“”"‘’″(),.–-·&\n') + ["2019", "Report", "Summit", "of the", "(ABC)", "known as", "ABC"]


@settings(max_examples=80, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_classify_never_raises_and_offsets_hold(nlp, text):
    doc = nlp(text)
    for name in find_names(doc):
        assert 0 <= name.start < name.end <= len(text)
        assert text[name.start : name.end].strip() == text[name.start : name.end]


# --- language data ------------------------------------------------------------------------

DATA_FILES = sorted((Path(candidates.__file__).parent / "data").iterdir())


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.name)
def test_data_files_state_their_provenance(path):
    header = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("#")]
    assert any("Provenance" in line for line in header), f"{path.name}: no provenance in the header"


def test_data_classes_and_kinds_are_known():
    for table in (lexicon.HEADS, lexicon.DESCRIPTORS, lexicon.VERBS):
        for category in table.values():
            assert category.cls in CLASSES
            assert (category.kind in KINDS) if category.cls == "initiative" else category.kind == ""


def test_classify_occurrences_compare_words_and_separators(nlp):
    text = "The Delta Expo (DE) Summit. DELTA EXPO (DE) SUMMIT and Delta\nExpo (DE) Summit, not Delta Expo DE Summit."
    doc = nlp(text)
    context = Context(doc, tokenize(text))
    found = [text[s:e] for s, e in context.occurrences("Delta Expo (DE) Summit")]
    assert found == ["Delta Expo (DE) Summit", "DELTA EXPO (DE) SUMMIT", "Delta\nExpo (DE) Summit"]
    assert len(context.occurrences("DE", exact=True)) == 4 and context.occurrences("De", exact=True) == []
