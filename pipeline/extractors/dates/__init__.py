"""The DATE extractor: regex rules over the text, token checks near candidates, one resolver.

Phase one (:mod:`.patterns`) finds expressions and gives each an underspecified
value; :mod:`.context` settles what only the surrounding tokens can tell (is a
bare ``2023`` a year, which way a weekday points); :mod:`.references` picks the
date an anchored expression (``a year earlier``, ``the year-ago quarter``)
counts from; phase two (:mod:`.resolver`) turns the value into ISO 8601
against the document date.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.core.document import body_start, document_date
from pipeline.core.mentions import make_mention
from pipeline.core.sentences import Sentences
from pipeline.extractors.dates.context import is_kept, with_direction
from pipeline.extractors.dates.patterns import find_candidates, select
from pipeline.extractors.dates.references import References
from pipeline.extractors.dates.resolver import resolve

__all__ = ["extract_dates"]

# A year-less part and its direction (`XXXX-10-16~<`), given a year from the sentence.
YEARLESS = re.compile(r"XXXX(?P<part>[^/|<>~]*)(?:~?[<>]=?)?")
CALENDAR_QUARTER = re.compile(r"(?P<year>\d{4})-Q(?P<q>[1-4])")
# Values relative to the document date: with no date they stay mentions with an empty value.
NEEDS_ANCHOR = re.compile(r"(?:^|[/|:])(?:R|A|N|WD|DECADE)|[<>]")


def extract_dates(doc: Doc) -> list[dict]:
    text = doc.text
    anchor = document_date(doc)
    candidates = select([c for c in find_candidates(text, body_start(doc)) if is_kept(doc, text, c)])
    sentences = Sentences(doc)
    references = References(sentences, anchor)
    mentions, fiscal_quarters = [], False
    for candidate in candidates:
        spec = with_direction(doc, text, sentences, candidate)
        if "XXXX" in spec and (year := references.sentence_year(candidate)):
            spec = YEARLESS.sub(year + r"\g<part>", spec)
        if spec.startswith("FY") and "-Q" in spec:
            fiscal_quarters = True
        elif fiscal_quarters and (m := CALENDAR_QUARTER.fullmatch(spec)):
            spec = f"FY{m['year']}-Q{m['q']}"  # the release said its quarters are fiscal
        resolved = resolve(spec, anchor, references.for_candidate(candidate))
        if not resolved.value and (anchor is not None or not NEEDS_ANCHOR.search(spec)):
            continue  # not a real calendar day (`February 30`)
        references.add(candidate, resolved)
        mentions.append(
            make_mention(
                text,
                candidate.start,
                candidate.end,
                candidate.rule,
                value=resolved.value,
                begin=resolved.begin,
                end_date=resolved.end_date,
            )
        )
    return mentions
