"""Cross-type resolution: one text span is one kind of fact.

Each extractor works alone; this filter, run after all of them, applies the
contract's precedence where their mentions overlap:

- money wins over count (``100 billion yuan`` is not a count of yuan);
- a date wins over a count (``2023``, ``ten consecutive years``);
- a percentage wins over a count (the ``5`` of ``5 to 7 percent``);
- a measure wins over a count of its own unit (``610 tpd`` is no count of `tpd`:
  the count's unit is written in the measure) and over a count it runs past with its unit
  (``around 3,500 kms``, the count's noun taken from before it), and loses to any other count
  (counts of things stay counts);
- money, a percentage and a date win over a measure (``5 million pounds`` is money), but a
  measure's own rate word is no date (the ``a year`` of ``14,000 tonnes of CO2 a year``);
- a date over exactly an initiative's words is the date: a named day the release marks or
  the calendar fixes (``World Harbour Day`` marked `today`, ``World Environment Day``);
- a date, count, money, percentage or measure inside a report or initiative name
  belongs to the name (``Annual Ocean Health Report 2023``, ``Seaport 2030 Programme``,
  the ``5K`` of a race's name);
- a report and an initiative over the same words: the longer name wins.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from pipeline.core.document import text_of
from pipeline.core.mentions import MENTION_TYPES, get_mentions, set_mentions

NEXT_WORD = re.compile(r"[ \t\u00a0]+([^\W\d_]+)")


def _overlaps(a: dict, b: dict) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _inside(a: dict, b: dict) -> bool:
    return b["start"] <= a["start"] and a["end"] <= b["end"]


def _counts_the_unit(count: dict, measure: dict, text: str) -> bool:
    """The count overlaps the measure and counted its unit as written (`610 tpd` -> 610
    `tpd`; `between 30,000 and 40,000 lbs` -> 30,000 `lbs`): the measure's ``unit_text``
    starts with the count's unit (`ounce` of `ounces`)."""
    unit = count.get("unit", "").lower()
    return bool(unit) and _overlaps(count, measure) and measure.get("unit_text", "").lower().startswith(unit)


def _unit_after(count: dict, measure: dict, text: str) -> bool:
    """The measure runs on past the count with its unit, and the count's noun is written neither
    after the count nor after the measure (`around 3,500` counted as `sites` from the words
    before, in `2,800 sites and around 3,500 kms of fibre`; not `2 MT trucks`, a count of
    trucks)."""
    if not (_inside(count, measure) and count["end"] < measure["end"]):
        return False
    noun = count.get("unit", "")[:4].lower()
    after = (NEXT_WORD.match(text, at) for at in (count["end"], measure["end"]))
    return not any(word is not None and word.group(1).lower().startswith(noun) for word in after)


def _rate_of(date: dict, measure: dict, text: str) -> bool:
    """The date is the rate word ending a rate measure (`a year` of `500 tonnes of CO2 a year`,
    unit `tonne per year`)."""
    return _inside(date, measure) and date["end"] == measure["end"] and " per " in measure.get("unit", "")


def _same_span(a: dict, b: dict, text: str) -> bool:
    return a["start"] == b["start"] and a["end"] == b["end"]


def _overlapping(a: dict, b: dict, text: str) -> bool:
    return _overlaps(a, b)


def _within(a: dict, b: dict, text: str) -> bool:
    return _inside(a, b)


# (loser type, winner type, test of the loser against a winner in the text)
# Applied in this order: a count that counted a measure's unit goes before any count wins over
# that measure, and a measure's rate word before any date wins over it.
PRECEDENCE = (
    ("count", "money", _overlapping),
    ("count", "date", _overlapping),
    ("count", "percentage", _overlapping),
    ("count", "measure", _counts_the_unit),
    ("count", "measure", _unit_after),
    ("date", "measure", _rate_of),
    ("measure", "count", _overlapping),
    ("measure", "money", _overlapping),
    ("measure", "percentage", _overlapping),
    ("measure", "date", _overlapping),
    ("initiative", "date", _same_span),
    ("date", "report", _within),
    ("date", "initiative", _within),
    ("count", "report", _within),
    ("count", "initiative", _within),
    ("money", "report", _within),
    ("money", "initiative", _within),
    ("percentage", "report", _within),
    ("percentage", "initiative", _within),
    ("measure", "report", _within),
    ("measure", "initiative", _within),
)


def resolve_overlaps(doc: Doc) -> Doc:
    text = text_of(doc)
    mentions = {name: get_mentions(doc, name) for name in MENTION_TYPES}
    changed = set()
    for loser, winner, test in PRECEDENCE:
        kept = [m for m in mentions[loser] if not any(test(m, w, text) for w in mentions[winner])]
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
