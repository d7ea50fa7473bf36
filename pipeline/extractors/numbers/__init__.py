"""Counts and money amounts.

- ``numbers``: number parsing shared by both (digits, number words, scales, qualifiers),
  built from the word lists in ``data/``;
- ``nouns``: the counted noun after a number, from POS tags;
- ``currencies``: every currency form (CLDR's codes, names and symbols, read from
  ``data/cldr_*.tsv``, which ``cldr`` writes with Babel, and the project's additions) and
  the resolver of ambiguous ones (`$`, `dinars`, `R`) by the release's country;
- ``counts``: ``extract_counts(doc)``; ``money``: ``extract_money(doc)``.

Examples corpora: ``examples_count.jsonl``, ``examples_money.jsonl``.
"""

from pipeline.extractors.numbers.counts import RULE_NAMES as COUNT_RULE_NAMES
from pipeline.extractors.numbers.money import RULE_NAMES as MONEY_RULE_NAMES

# Every value of the `rule` column of counts and money.
RULE_NAMES: frozenset[str] = COUNT_RULE_NAMES | MONEY_RULE_NAMES

__all__ = ["RULE_NAMES"]
