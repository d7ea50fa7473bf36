"""Percentages: a number with a percent or point unit, a ``change`` (signed by its verb) or a
``level``.

- ``percentages``: ``extract_percentages(doc)``, its rules (``RULES``, each a readable name and
  the kind it gives) and the word lists in ``data/`` it is built from; qualifiers and number
  parsing are the numbers package's.

Examples corpus: ``examples_percentage.jsonl``.
"""

from pipeline.extractors.percentages.percentages import RULE_NAMES, extract_percentages

__all__ = ["RULE_NAMES", "extract_percentages"]
