"""Cross-type resolution: one text span is one kind of fact.

Each extractor works alone; this filter, run after all of them, applies the
contract's precedence where their mentions overlap:

- money wins over count (``100 billion yuan`` is not a count of yuan);
- a date wins over a count (``2023``, ``ten consecutive years``);
- a date, count or money inside a report or initiative name belongs to the
  name (``Annual Ocean Health Report 2023``, ``Seaport 2030 Programme``);
- a report and an initiative over the same words: the longer name wins.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.core.mentions import MENTION_TYPES, get_mentions, set_mentions


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _inside(a: dict, b: dict) -> bool:
    return b["start"] <= a["start"] and a["end"] <= b["end"]


# (loser type, winner type, test of the loser against a winner)
PRECEDENCE = (
    ("count", "money", _overlaps),
    ("count", "date", _overlaps),
    ("date", "report", _inside),
    ("date", "initiative", _inside),
    ("count", "report", _inside),
    ("count", "initiative", _inside),
    ("money", "report", _inside),
    ("money", "initiative", _inside),
)


def resolve_overlaps(doc: Doc) -> Doc:
    mentions = {name: get_mentions(doc, name) for name in MENTION_TYPES}
    changed = set()
    for loser, winner, test in PRECEDENCE:
        kept = [m for m in mentions[loser] if not any(test(m, w) for w in mentions[winner])]
        if len(kept) != len(mentions[loser]):
            mentions[loser] = kept
            changed.add(loser)
    reports, initiatives = mentions["report"], mentions["initiative"]
    length = lambda m: m["end"] - m["start"]  # noqa: E731
    kept_reports = [r for r in reports if not any(_overlaps(r, i) and length(i) > length(r) for i in initiatives)]
    kept_initiatives = [
        i for i in initiatives if not any(_overlaps(i, r) and length(r) >= length(i) for r in kept_reports)
    ]
    if len(kept_reports) != len(reports):
        mentions["report"] = kept_reports
        changed.add("report")
    if len(kept_initiatives) != len(initiatives):
        mentions["initiative"] = kept_initiatives
        changed.add("initiative")
    for name in changed:
        set_mentions(doc, name, mentions[name])
    return doc
