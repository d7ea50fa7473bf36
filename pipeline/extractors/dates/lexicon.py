"""The date extractor's word lists, read once from ``data/`` (each file says its provenance);
the cardinal and ordinal number words and the number parser are the numbers package's."""

from __future__ import annotations

import re

from pipeline.core.lexicon import DataDir, alternation, matched_phrase  # noqa: F401 (alternation: used by the rules through here)
from pipeline.extractors.dates.values import HolidayRule, Unit, holiday_rule
from pipeline.extractors.numbers.numbers import NUMBER_WORDS as CARDINALS
from pipeline.extractors.numbers.numbers import parse_number

DATA = DataDir(__file__)
read_rows = DATA.rows  # tab-separated rows of a file in ``data/`` (comments and blank lines skipped)


def plural_alternation(words) -> str:
    """Like :func:`alternation`, each word also in its plural (`century` -> `centuries`)."""
    forms = []
    for w in sorted(set(words), key=lambda w: (-len(w), w)):
        stem = re.escape(w)
        if re.search(r"[^aeiou]y$", w):
            forms.append(stem[:-1] + "(?:y|ies)")
        else:
            forms.append(stem + "s?")
    return "|".join(forms)


def words(key: str) -> str:
    """Normalise a matched phrase for a table look-up: lower case, single spaces, `'`."""
    return matched_phrase(key.lower())


MONTHS: dict[str, int] = {name: int(n) for name, n in read_rows("months.tsv")}
WEEKDAYS: dict[str, int] = {name: int(n) for name, n in read_rows("weekdays.tsv")}
HOLIDAYS: dict[str, HolidayRule] = {name: holiday_rule(rule) for name, rule in read_rows("holidays.tsv")}
AMOUNT_WORDS: dict[str, int] = {name: int(n) for name, n in read_rows("amount_words.tsv")}
# Every word a duration's amount may be (`two`, `twenty`, `a`, `a couple of`).
NUMBER_WORDS: dict[str, int] = {**CARDINALS, **AMOUNT_WORDS}
UNITS: dict[str, tuple[Unit, int]] = {name: (Unit(code), int(n)) for name, code, n in read_rows("units.tsv")}
SEASONS: dict[str, tuple[str, int, int]] = {
    name: (code, int(a), int(b)) for name, code, a, b in read_rows("seasons.tsv")
}
RELATIVE_WORDS: dict[str, int] = {name: int(n) for name, n in read_rows("relative_words.tsv")}
# The offsets of words the rules read beside those of the file (`the year`, `this past March`,
# `the coming winter`); in the file they would make `the year` or `past year` a relative unit.
NEAR_WORDS: dict[str, int] = {
    **RELATIVE_WORDS,
    "the": 0,
    "past": -1,
    "this past": -1,
    "the past": -1,
    "this coming": 1,
    "the coming": 1,
}
VAGUE_MODIFIERS: list[str] = [row[0] for row in read_rows("vague_modifiers.txt")]
DURATION_QUALIFIERS: list[str] = [row[0] for row in read_rows("duration_qualifiers.txt")]
DURATION_MODIFIERS: list[str] = [row[0] for row in read_rows("duration_modifiers.txt")]
RESULTS_NOUNS: list[str] = [row[0] for row in read_rows("results_nouns.txt")]
OBSERVANCE_OPENERS: list[str] = [row[0] for row in read_rows("observance_openers.txt")]
RELATIVE_DAYS: dict[str, int] = {name: int(n) for name, n in read_rows("relative_days.tsv")}
ANCHORED_DAYS: dict[str, int] = {name: int(n) for name, n in read_rows("anchored_days.tsv")}
NOT_YEAR_MODIFIERS: set[str] = {row[0] for row in read_rows("not_year_modifiers.txt")}
GENERIC_PRESENT_NOUNS: set[str] = {row[0] for row in read_rows("generic_present_nouns.txt")}
MONTH_CUES: set[str] = {word for word, names in read_rows("temporal_cues.txt") if "month" in names}
SEASON_CUES: set[str] = {word for word, names in read_rows("temporal_cues.txt") if "season" in names}
# A full name is one that is not an abbreviation (a prefix) of another name of the same month.
FULL_MONTH_NAMES = [
    a for a, n in MONTHS.items() if not any(b != a and b.startswith(a) and MONTHS[b] == n for b in MONTHS)
]
FULL_WEEKDAY_NAMES = [name for name in WEEKDAYS if name.endswith("day")]


# Month names of other languages (`octubre`, `marzo`), from CLDR: data/cldr_months.tsv, which
# ../dates/cldr.py writes with Babel; read only in a whole date (absolute.py).
OTHER_LANGUAGE_MONTHS = {name: int(month) for name, month, _ in read_rows("cldr_months.tsv")}


def number(text: str) -> int:
    """A matched amount (``NUM`` in the rules): ``12``, ``1,000``, ``twenty-four``, ``a couple of``,
    ``twenty-eight (28)`` (the digits in brackets say it again)."""
    key = words(re.sub(r"\s*\(\d+\)$", "", text))
    if key in AMOUNT_WORDS:
        return AMOUNT_WORDS[key]
    return int(parse_number(key))


def unit(text: str) -> tuple[Unit, int]:
    """The unit and multiplier of a matched unit word (`decades` -> (`Y`, 10))."""
    key = words(text)
    for name, value in UNITS.items():
        if key == name or key == name + "s" or (name.endswith("y") and key == name[:-1] + "ies"):
            return value
    raise KeyError(text)
