"""Reports and initiatives: named documents and named programmes, events, funds ...

- ``candidates``: where a name may stand (quotes, title-cased runs);
- ``classify``: what each candidate is, once per document (``heads``, ``descriptors``,
  ``headless`` for names without a head noun, ``document_level`` for acronyms, aliases and
  repeated names), built on the word lists in ``data/`` (``lexicon``);
- ``rules``: every rule, with the behaviour the code reads from it;
- ``reports``: ``extract_reports(doc)``; ``initiatives``: ``extract_initiatives(doc)``.

Examples corpora: ``examples_report.jsonl``, ``examples_initiative.jsonl``.
"""

from pipeline.extractors.names.rules import RULE_NAMES

__all__ = ["RULE_NAMES"]
