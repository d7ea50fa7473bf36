"""Every pressfacts spaCy component, registered in one place with versioned names.

``tests/test_factories.py`` compares this registry with a committed list, so a
component cannot silently drop out.
"""

from __future__ import annotations

from spacy.language import Language

from .dates import extract_dates
from .document import DocumentDate
from .mentions import MentionComponent
from .names.initiatives import extract_initiatives
from .names.reports import extract_reports
from .numbers.counts import extract_counts
from .numbers.money import extract_money
from .resolve import resolve_overlaps

EXTRACTORS = {
    "date": extract_dates,
    "count": extract_counts,
    "money": extract_money,
    "report": extract_reports,
    "initiative": extract_initiatives,
}

# Pipeline order: document date first, extractors, then the cross-type filter.
COMPONENTS = (
    "pressfacts_document_v1",
    "pressfacts_dates_v1",
    "pressfacts_counts_v1",
    "pressfacts_money_v1",
    "pressfacts_reports_v1",
    "pressfacts_initiatives_v1",
    "pressfacts_resolve_v1",
)


@Language.factory("pressfacts_document_v1")
def make_document_date(nlp: Language, name: str) -> DocumentDate:
    return DocumentDate()


@Language.factory("pressfacts_dates_v1")
def make_dates(nlp: Language, name: str) -> MentionComponent:
    return MentionComponent("date", extract_dates)


@Language.factory("pressfacts_counts_v1")
def make_counts(nlp: Language, name: str) -> MentionComponent:
    return MentionComponent("count", extract_counts)


@Language.factory("pressfacts_money_v1")
def make_money(nlp: Language, name: str) -> MentionComponent:
    return MentionComponent("money", extract_money)


@Language.factory("pressfacts_reports_v1")
def make_reports(nlp: Language, name: str) -> MentionComponent:
    return MentionComponent("report", extract_reports)


@Language.factory("pressfacts_initiatives_v1")
def make_initiatives(nlp: Language, name: str) -> MentionComponent:
    return MentionComponent("initiative", extract_initiatives)


@Language.factory("pressfacts_resolve_v1")
def make_resolver(nlp: Language, name: str):
    def resolve(doc):
        return resolve_overlaps(doc)

    return resolve
