"""Every pressfacts component is registered, under its versioned name, and runs in a user's own nlp."""

import spacy
from spacy import registry

from pipeline.core.mentions import MENTION_TYPES, get_mentions
from pipeline.extractors import factories

REGISTERED = [
    "pressfacts_counts_v1",
    "pressfacts_dates_v1",
    "pressfacts_document_v1",
    "pressfacts_initiatives_v1",
    "pressfacts_money_v1",
    "pressfacts_reports_v1",
    "pressfacts_resolve_v1",
]


def test_factories_registry_matches_snapshot():
    live = sorted(name for name in registry.factories.get_all() if name.startswith("pressfacts_"))
    assert live == REGISTERED
    assert sorted(factories.COMPONENTS) == REGISTERED


def test_factories_pipeline_has_every_component(nlp):
    assert [n for n in nlp.pipe_names if n.startswith("pressfacts_")] == list(factories.COMPONENTS)


def test_factories_components_work_in_a_users_own_blank_pipeline():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in factories.COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(" date 2023-11-11 The Expo drew more than 1,800 guests on Nov. 10.")
    assert doc._.pf_date == "2023-11-11"
    for type_name in MENTION_TYPES:
        for m in get_mentions(doc, type_name):
            assert doc.text[m["start"] : m["end"]] == m["text"]
            assert m["start"] >= doc._.pf_body_start
