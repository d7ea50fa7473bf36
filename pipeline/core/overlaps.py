"""Cross-type resolution: one text span is one kind of fact.

Each extractor works alone; this filter, run after all of them, applies the
contract's precedence where their mentions overlap:

- money wins over count (``100 billion yuan`` is not a count of yuan);
- a date wins over a count (``2023``, ``ten consecutive years``);
- a percentage wins over a count (the ``5`` of ``5 to 7 percent``);
- a measure wins over a count of its own unit (``610 tpd`` is no count of `tpd`:
  the count's unit is written in the measure), and loses to any other count
  (counts of things stay counts);
- money, a percentage and a date win over a measure (``5 million pounds`` is money), but a
  measure's own rate word is no date (the ``a year`` of ``14,000 tonnes of CO2 a year``);
- a date, count, money, percentage or measure inside a report or initiative name
  belongs to the name (``Annual Ocean Health Report 2023``, ``Seaport 2030 Programme``,
  the ``5K`` of a race's name);
- a report and an initiative over the same words: the longer name wins.
"""

from __future__ import annotations

from spacy.tokens import Doc

from pipeline.core.mentions import MENTION_TYPES, get_mentions, set_mentions


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _inside(a: dict, b: dict) -> bool:
    return b["start"] <= a["start"] and a["end"] <= b["end"]


def _counts_the_unit(count: dict, measure: dict) -> bool:
    """The count overlaps the measure and counted its unit as written (`610 tpd` -> 610
    `tpd`; `between 30,000 and 40,000 lbs` -> 30,000 `lbs`): the measure's ``unit_text``
    starts with the count's unit (`ounce` of `ounces`)."""
    unit = count.get("unit", "").lower()
    return bool(unit) and _overlaps(count, measure) and measure.get("unit_text", "").lower().startswith(unit)


def _rate_of(date: dict, measure: dict) -> bool:
    """The date is the rate word ending a rate measure (`a year` of `500 tonnes of CO2 a year`,
    unit `tonne per year`)."""
    return _inside(date, measure) and date["end"] == measure["end"] and " per " in measure.get("unit", "")


# (loser type, winner type, test of the loser against a winner)
# Applied in this order: a count that counted a measure's unit goes before any count wins over
# that measure, and a measure's rate word before any date wins over it.
PRECEDENCE = (
    ("count", "money", _overlaps),
    ("count", "date", _overlaps),
    ("count", "percentage", _overlaps),
    ("count", "measure", _counts_the_unit),
    ("date", "measure", _rate_of),
    ("measure", "count", _overlaps),
    ("measure", "money", _overlaps),
    ("measure", "percentage", _overlaps),
    ("measure", "date", _overlaps),
    ("date", "report", _inside),
    ("date", "initiative", _inside),
    ("count", "report", _inside),
    ("count", "initiative", _inside),
    ("money", "report", _inside),
    ("money", "initiative", _inside),
    ("percentage", "report", _inside),
    ("percentage", "initiative", _inside),
    ("measure", "report", _inside),
    ("measure", "initiative", _inside),
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
