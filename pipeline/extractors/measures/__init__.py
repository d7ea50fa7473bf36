"""Measures: a number with a physical unit (`50,000 square meters`, `100 MW`, `30,000 barrels a
day`), its unit and dimension named as quantulum3 names them.

- ``units``: the unit inventory, quantulum3's own for the dimensions in ``data/`` less the forms
  that are no unit in a release, plus the forms it lacks;
- ``engine``: quantulum3, wrapped (exact offsets, only the sentences that hold a candidate);
- ``measures``: ``extract_measures(doc)`` and its rules (``RULES``): quantulum3's unit where it
  agrees with the text, a rule for each class of case it loses on.

Examples corpus: ``examples_measure.jsonl``.
"""

from pipeline.extractors.measures.measures import RULE_NAMES, extract_measures

__all__ = ["RULE_NAMES", "extract_measures"]
