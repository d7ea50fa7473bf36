"""Every pressfacts spaCy component, registered in one place with versioned names.

``tests/test_factories.py`` compares the live registry with a committed list,
so a component cannot silently drop out.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from pipeline.core.document import DocumentDate
from pipeline.core.mentions import MentionComponent
from pipeline.core.overlaps import resolve_overlaps
from pipeline.core.tagging import WindowedModel
from pipeline.extractors.dates import extract_dates
from pipeline.extractors.measures import extract_measures
from pipeline.extractors.names.initiatives import extract_initiatives
from pipeline.extractors.names.reports import extract_reports
from pipeline.extractors.numbers.counts import extract_counts
from pipeline.extractors.numbers.money import extract_money
from pipeline.extractors.percentages import extract_percentages

# Factory name -> (mention type, extractor, token attributes it reads), in pipeline order.
# Every extractor writes doc.spans["pressfacts_<type>"] (spaCy declares span groups as a whole,
# `doc.spans`) and reads the document date and
# sentence starts; the taggers' attributes it needs are declared so that spaCy's
# `nlp.analyze_pipes()` names what a user's own pipeline lacks.
EXTRACTORS = {
    "pressfacts_dates_v1": ("date", extract_dates, ["token.tag", "token.lemma"]),
    "pressfacts_counts_v1": ("count", extract_counts, ["token.tag", "token.pos", "token.lemma"]),
    "pressfacts_money_v1": ("money", extract_money, []),
    "pressfacts_reports_v1": ("report", extract_reports, ["token.pos"]),
    "pressfacts_initiatives_v1": ("initiative", extract_initiatives, ["token.pos"]),
    "pressfacts_percentages_v1": ("percentage", extract_percentages, ["token.pos"]),
    "pressfacts_measures_v1": ("measure", extract_measures, []),
}

# Pipeline order: the document date first, the extractors, then the cross-type filter.
COMPONENTS = ("pressfacts_document_v1", *EXTRACTORS, "pressfacts_resolve_v1")
DOCUMENT_DATE = ["doc._.pf_date", "doc._.pf_body_start"]
# Before them all: the statistical model's components, run in windows (pipeline/core/tagging.py).
MODEL = "pressfacts_tagging_v1"


@Language.factory(MODEL, assigns=["token.tag", "token.pos", "token.morph", "token.lemma"])
def make_windowed_model(nlp: Language, name: str, components: list[str]) -> WindowedModel:
    return WindowedModel(nlp, name, components)


@Language.factory("pressfacts_document_v1", assigns=DOCUMENT_DATE)
def make_document_date(nlp: Language, name: str) -> DocumentDate:
    return DocumentDate()


@Language.factory("pressfacts_resolve_v1", assigns=["doc.spans"], requires=["doc.spans"])
def make_resolver(nlp: Language, name: str) -> Callable[[Doc], Doc]:
    return resolve_overlaps


def _register_extractor(factory_name: str, type_name: str, extract, reads: list[str]) -> None:
    def make(nlp: Language, name: str) -> MentionComponent:
        return MentionComponent(type_name, extract)

    requires = [*DOCUMENT_DATE, "token.is_sent_start", *reads]
    Language.factory(factory_name, func=make, assigns=["doc.spans"], requires=requires)


for _factory_name, (_type_name, _extract, _reads) in EXTRACTORS.items():
    _register_extractor(_factory_name, _type_name, _extract, _reads)
