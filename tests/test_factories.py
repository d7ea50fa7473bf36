"""Every pressfacts component is registered, under its versioned name, and runs in a user's own nlp."""

import spacy
from spacy import registry

from pipeline.core.config import Settings
from pipeline.core.mentions import get_mentions
from pipeline.extractors import factories

REGISTERED = [
    "pressfacts_counts_v1",
    "pressfacts_dates_v1",
    "pressfacts_document_v1",
    "pressfacts_initiatives_v1",
    "pressfacts_measures_v1",
    "pressfacts_money_v1",
    "pressfacts_percentages_v1",
    "pressfacts_reports_v1",
    "pressfacts_resolve_v1",
    "pressfacts_tagging_v1",
]


def test_factories_registry_matches_snapshot():
    live = sorted(name for name in registry.factories.get_all() if name.startswith("pressfacts_"))
    assert live == REGISTERED
    assert sorted([factories.MODEL, *factories.COMPONENTS]) == REGISTERED


def test_factories_pipeline_has_every_component(nlp):
    assert [n for n in nlp.pipe_names if n.startswith("pressfacts_")] == [factories.MODEL, *factories.COMPONENTS]


TEXT = " date 2023-11-11 The Expo drew more than 1,800 guests on Nov. 10 and raised $2 million."


def found(doc, type_name, *fields):
    return [(m["text"], *(m[f] for f in fields)) for m in get_mentions(doc, type_name)]


def test_factories_in_a_blank_pipeline_rules_without_tags_work_and_the_rest_is_declared_missing():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    for name in factories.COMPONENTS:
        nlp.add_pipe(name)
    doc = nlp(TEXT)
    assert doc._.pf_date == "2023-11-11"
    assert found(doc, "date", "value") == [("Nov. 10", "2023-11-10")]
    assert found(doc, "money", "value", "currency") == [("$2 million", "2000000", "USD")]
    # counts read part-of-speech tags: a blank pipeline has none, and spaCy says so
    assert found(doc, "count") == []
    problems = nlp.analyze_pipes()["problems"]
    assert problems["pressfacts_counts_v1"] == ["token.tag", "token.pos", "token.lemma"]
    assert problems["pressfacts_money_v1"] == [] and problems["pressfacts_resolve_v1"] == []


def test_factories_in_a_users_own_tagged_pipeline_find_every_type():
    settings = Settings()
    nlp = spacy.load(settings.model, exclude=list(settings.exclude))
    nlp.add_pipe("sentencizer")
    for name in factories.COMPONENTS:
        nlp.add_pipe(name)
    # the model's attribute_ruler sets token.pos without declaring it: only that may be "missing"
    assert {attr for attrs in nlp.analyze_pipes()["problems"].values() for attr in attrs} <= {"token.pos"}
    doc = nlp(TEXT)
    assert found(doc, "date", "value") == [("Nov. 10", "2023-11-10")]
    assert found(doc, "count", "value", "qualifier", "unit") == [("more than 1,800", "1800", ">", "guest")]
    assert found(doc, "money", "value", "currency") == [("$2 million", "2000000", "USD")]
