"""Counts and money amounts.

- ``numbers``: number parsing shared by both (digits, number words, scales, qualifiers),
  built from the word lists in ``data/``;
- ``nouns``: the counted noun after a number, from POS tags;
- ``counts``: ``extract_counts(doc)``; ``money``: ``extract_money(doc)``.

Examples corpora: ``examples_count.jsonl``, ``examples_money.jsonl``.
"""
