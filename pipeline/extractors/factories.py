"""Every pressfacts spaCy component, registered in one place with versioned names.

``tests/test_factories.py`` compares the live registry with a committed list,
so a component cannot silently drop out.
"""

from __future__ import annotations

from spacy.language import Language

from pipeline.core.document import DocumentDate
from pipeline.core.mentions import MentionComponent
from pipeline.core.overlaps import resolve_overlaps
from pipeline.extractors.dates import extract_dates
from pipeline.extractors.names.initiatives import extract_initiatives
from pipeline.extractors.names.reports import extract_reports
from pipeline.extractors.numbers.counts import extract_counts
from pipeline.extractors.numbers.money import extract_money

# Factory name -> (mention type, extractor), in pipeline order.
EXTRACTORS = {
    "pressfacts_dates_v1": ("date", extract_dates),
    "pressfacts_counts_v1": ("count", extract_counts),
    "pressfacts_money_v1": ("money", extract_money),
    "pressfacts_reports_v1": ("report", extract_reports),
    "pressfacts_initiatives_v1": ("initiative", extract_initiatives),
}

# Pipeline order: the document date first, the extractors, then the cross-type filter.
COMPONENTS = ("pressfacts_document_v1", *EXTRACTORS, "pressfacts_resolve_v1")


@Language.factory("pressfacts_document_v1")
def make_document_date(nlp: Language, name: str) -> DocumentDate:
    return DocumentDate()


@Language.factory("pressfacts_resolve_v1")
def make_resolver(nlp: Language, name: str):
    return resolve_overlaps


def _register_extractor(factory_name: str, type_name: str, extract) -> None:
    def make(nlp: Language, name: str) -> MentionComponent:
        return MentionComponent(type_name, extract)

    Language.factory(factory_name, func=make)


for _factory_name, (_type_name, _extract) in EXTRACTORS.items():
    _register_extractor(_factory_name, _type_name, _extract)
