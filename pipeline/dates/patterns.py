"""Phase one: find date expressions in text and give each an underspecified value.

Each rule is a readable name, a regex built from the word lists in ``data/``
(compiled once, named groups) and a builder that turns a match into a value
in the grammar of :mod:`pipeline.dates.resolver` (or None to reject it).
Overlapping candidates are settled by :func:`select` (longest first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Callable

from ..numbers.numbers import ORDINALS
from .lexicon import (
    DURATION_QUALIFIERS, FULL_MONTH_NAMES, FULL_WEEKDAY_NAMES, HOLIDAYS, MONTH_CUES, MONTHS,
    NOT_YEAR_MODIFIERS, NUMBER_WORDS, RELATIVE_DAYS, RELATIVE_WORDS, SEASON_CUES, SEASONS,
    UNITS, VAGUE_MODIFIERS, WEEKDAYS, alternation, number, plural_alternation, unit, words,
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    rule: str
    spec: str  # underspecified value, see resolver


# --- building blocks -------------------------------------------------------------------

ABBREVIATED_MONTHS = [name for name in MONTHS if name not in FULL_MONTH_NAMES]


def month(group: str, full_only: bool = False) -> str:
    """A month name; an abbreviation keeps its period (`Nov.`), a full name does not."""
    if full_only:
        return rf"\b(?P<{group}>(?i:{alternation(FULL_MONTH_NAMES)}))\b"
    return rf"\b(?P<{group}>(?i:{alternation(FULL_MONTH_NAMES)})\b|(?i:{alternation(ABBREVIATED_MONTHS)})\b\.?)"


def day(group: str) -> str:
    return rf"(?P<{group}>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d)"


def year(group: str) -> str:
    return rf"(?P<{group}>1\d\d\d|20\d\d|21\d\d)(?![\d%]|[.,]\d)"


WEEKDAY = rf"\b(?i:{alternation(WEEKDAYS)})\b\.?"
FULL_WEEKDAY = rf"(?P<weekday>(?i:{alternation(FULL_WEEKDAY_NAMES)}))\b"
NUMBER_WORD = alternation(NUMBER_WORDS)
TENS = alternation(w for w, n in NUMBER_WORDS.items() if n in range(20, 100, 10))
DIGIT_WORDS = alternation(w for w, n in NUMBER_WORDS.items() if n in range(1, 10) and w not in ("a", "an"))
NUM = rf"(?P<num>\d{{1,3}}(?:,\d{{3}})*|(?i:(?:{TENS})[\s-](?:{DIGIT_WORDS})|{NUMBER_WORD})\b)"
TEENS = alternation(w for w, n in NUMBER_WORDS.items() if n in range(10, 20))
# A year said in words, as broadcast transcripts write it: `nineteen ninety-six`, `nineteen
# oh five`, `two thousand`, `two thousand and three`, `twenty twenty-one`.
SPOKEN_YEAR = (
    rf"(?i:(?:eighteen|nineteen|twenty)[\s-]+(?:(?:{TENS})(?:[\s-]+(?:{DIGIT_WORDS}))?|{TEENS}|oh[\s-]+(?:{DIGIT_WORDS})|hundred)"
    rf"|two\s+thousand(?:\s+(?:and\s+)?(?:(?:{TENS})(?:[\s-]+(?:{DIGIT_WORDS}))?|{TEENS}|{DIGIT_WORDS}))?)(?![\w-])"
)
UNIT = rf"(?P<unit>(?i:{plural_alternation(UNITS)}))\b"
QUALIFIER = rf"(?P<qualifier>(?i:{alternation(DURATION_QUALIFIERS)})\s+)?"
ORDINAL_QUARTER = r"(?P<ordinal>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))"
RANGE_DASH = r"\s*(?:-|–|—|to|through|thru|until|till)\s*"
RANGE_WORD = r"\s*(?:-|–|—|to|through|thru|until|till|and)\s*"
YEAR_RANGE_WORD = r"\s*(?:-|–|—|/|to|through|thru|until|till|and)\s*"
# `the` joins `the third quarter`, not `the third-quarter results` (it belongs to `results`)
THE_BEFORE_NOUN_PHRASE = r"(?i:the)\s+(?!(?:\w+\s+)?\w+-(?i:quarter|half)\b)"
REL_YEAR = r"(?P<relyear>(?i:this|last|next|the)\s+year)"
# `this year's third quarter`: the possessive belongs to a longer date phrase here
REL_YEAR_POSSESSIVE = r"(?P<relyear0>(?i:this|last|next)\s+year)['’]s"
LEFT = r"(?<![\w$€£¥#/.,:-])"  # a number starts here, not inside another number or code
LEFT_YEAR = r"(?:(?<=\b[Mm]id-)|(?<=\b[Pp]re-)|(?<=\b[Pp]ost-)|(?<![\w$€£¥#/.,:-]))"  # the same, but `mid-2024`
END_OF_DATE = r"(?!\w|-\d)"  # not inside a longer number; `Jan. 15, 2024--` ends at the year


def month_number(match: re.Match, group: str) -> int | None:
    """The month of a matched name; None when it is written in lower case (`may`, `march`)."""
    name = match[group]
    if not name or not name[0].isupper():
        return None
    return MONTHS[name.lower().rstrip(".")]


def year_number(text: str) -> int:
    """A 4-digit year, or a 2-digit one in this century or the last (`'24` -> 2024)."""
    value = int(text.lstrip("'"))
    if len(text.lstrip("'")) == 4:
        return value
    return 2000 + value if value < 70 else 1900 + value


def spoken_year(text: str) -> int | None:
    """`nineteen ninety-six` -> 1996, `two thousand and three` -> 2003, `nineteen oh five` -> 1905."""
    parts = [p for p in re.split(r"[\s-]+", words(text)) if p != "and"]
    if parts[:2] == ["two", "thousand"]:
        rest = parts[2:]
        century = 2000
    else:
        century, rest = NUMBER_WORDS[parts[0]] * 100, parts[1:]
    if rest == ["hundred"]:
        return century
    rest = [p for p in rest if p != "oh"]
    return century + sum(NUMBER_WORDS[p] for p in rest) if all(p in NUMBER_WORDS for p in rest) else None


def build_spoken_year(m: re.Match, text: str) -> str | None:
    """`nineteen ninety-six`, `the year two thousand`, `January nineteen ninety-seven`."""
    y = spoken_year(m["spoken"])
    if y is None or not 1000 <= y <= 2199:
        return None
    mo = month_number(m, "month") if m["month"] else None
    if m["month"] and mo is None:
        return None
    return f"{y}-{mo:02d}" if mo else str(y)


def relative_year(text: str | None) -> str:
    """`this year` -> RY+0, `last year` -> RY-1, `the year` -> RY+0 (the document's year)."""
    word = words(text).split()[0]
    offset = {"this": 0, "the": 0, "last": -1, "next": 1}[word]
    return f"RY{offset:+d}"


def ordinal_number(text: str, last: int) -> int:
    """`third` / `3rd` -> 3; `final`, `last`, `latter` -> ``last``."""
    key = words(text)
    if key[0].isdigit():
        return int(key[:-2])
    return ORDINALS.get(key, last)


def valid_day(d: int, m: int) -> bool:
    return 1 <= d <= (29 if m == 2 else 30 if m in (4, 6, 9, 11) else 31)


def preceding_words(text: str, start: int, n: int = 2) -> list[str]:
    return words(text[max(0, start - 40):start]).replace("(", " ").split()[-n:]


def is_preceded_by(text: str, start: int, options: set[str]) -> bool:
    before = preceding_words(text, start, 1)
    return bool(before) and before[0] in options


def is_and_without_between(m: re.Match, text: str) -> bool:
    """`May and July`, `2019 and 2020` without `between` before them: two dates, no range."""
    return "and" in words(m.group(0)).split() and not is_preceded_by(text, m.start(), {"between"})


# --- builders: match -> underspecified value ---------------------------------------------

def build_iso(m: re.Match, text: str) -> str | None:
    y, mo, d = int(m["year"]), int(m["month"]), int(m["day"])
    return f"{y:04d}-{mo:02d}-{d:02d}" if 1 <= mo <= 12 and valid_day(d, mo) else None


def build_numeric(m: re.Match, text: str) -> str | None:
    """`03/07/2009`: day-first and month-first readings; the resolver keeps the one
    nearest the document date (day-first when there is none)."""
    a, b, y = int(m["a"]), int(m["b"]), year_number(m["year"])
    if len(m["year"]) == 2 and m["sep"] == "-":
        return None
    options = [f"{y:04d}-{mo:02d}-{d:02d}" for d, mo in ((a, b), (b, a)) if 1 <= mo <= 12 and valid_day(d, mo)]
    return "|".join(dict.fromkeys(options)) or None


def _ymd(y: int | None, mo: int, d: int) -> str | None:
    if not valid_day(d, mo):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}" if y else f"XXXX-{mo:02d}-{d:02d}"


def build_month_day(m: re.Match, text: str) -> str | None:
    mo = month_number(m, "month")
    if mo is None:
        return None
    return _ymd(int(m["year"]) if m["year"] else None, mo, int(m["day"]))


def build_month_year(m: re.Match, text: str) -> str | None:
    mo = month_number(m, "month")
    return f"{m['year']}-{mo:02d}" if mo else None


def build_month_relative_year(m: re.Match, text: str) -> str | None:
    mo = month_number(m, "month")
    return f"{relative_year(m['relyear'])}-{mo:02d}" if mo else None


def build_day_range(m: re.Match, text: str) -> str | None:
    """`Nov. 22 and 24`, `22-24 November 2023`, `the 23rd to 27th of May`."""
    mo = month_number(m, "month")
    d1, d2 = int(m["d1"]), int(m["d2"])
    if mo is None or d2 <= d1:
        return None
    y = int(m["year"]) if m["year"] else None
    left, right = _ymd(y, mo, d1), _ymd(y, mo, d2)
    return f"{left}/{right}" if left and right else None


def build_month_day_range(m: re.Match, text: str) -> str | None:
    """`Nov. 30 to Dec. 2`, `27 May to 1 June 2024`."""
    m1, m2 = month_number(m, "m1"), month_number(m, "m2")
    if m1 is None or m2 is None:
        return None
    y2 = int(m["year"]) if m["year"] else None
    y1 = (y2 - 1 if m1 > m2 else y2) if y2 else None
    left, right = _ymd(y1, m1, int(m["d1"])), _ymd(y2, m2, int(m["d2"]))
    return f"{left}/{right}" if left and right else None


def build_month_range(m: re.Match, text: str) -> str | None:
    """`January-March 2024`, `between May and July 2023`, `the July to September period`."""
    m1, m2 = month_number(m, "m1"), month_number(m, "m2")
    if m1 is None or m2 is None or m1 >= m2:
        return None
    if is_and_without_between(m, text):
        return None
    y = m["year"] or "XXXX"
    return f"{y}-{m1:02d}/{y}-{m2:02d}"


def build_month_year_range(m: re.Match, text: str) -> str | None:
    """`December 2023 to March 2024`."""
    m1, m2 = month_number(m, "m1"), month_number(m, "m2")
    if m1 is None or m2 is None or (m["y1"], m1) >= (m["y2"], m2):
        return None
    return f"{m['y1']}-{m1:02d}/{m['y2']}-{m2:02d}"


def build_year_range(m: re.Match, text: str) -> str | None:
    """`2014-2020` -> 2014/2020; `2019-20` -> FY2020 (a fiscal year labelled by its end)."""
    y1, tail = int(m["y1"]), m["y2"]
    y2 = int(tail) if len(tail) == 4 else y1 // 100 * 100 + int(tail)
    if y2 <= y1:
        return None
    if is_and_without_between(m, text):
        return None
    if len(tail) == 2 and y2 == y1 + 1 and m["sep"].strip() in ("-", "/", "–"):
        return f"FY{y2}"
    return f"{y1}/{y2}"


def build_year(m: re.Match, text: str) -> str | None:
    y = int(m["year"])
    if y < 1900 and not is_preceded_by(text, m.start(), {"in", "since", "of", "from", "until", "by", "before", "after", "year"}):
        return None
    return str(y)


def build_decade(m: re.Match, text: str) -> str | None:
    return m["decade"]


DECADE_WORDS = {w[:-1] + "ies": n // 10 for w, n in NUMBER_WORDS.items() if n in range(20, 100, 10)}


def build_decade_short(m: re.Match, text: str) -> str | None:
    """`the nineties`, `the '80s`: the latest such decade begun by the document date."""
    digit = int(m["digit"]) if m["digit"] else DECADE_WORDS[words(m["word"])]
    return f"DECADE:{digit}"


def build_century(m: re.Match, text: str) -> str | None:
    n = int(m["century"])
    return f"{n - 1:02d}" if 10 <= n <= 22 else None


def build_relative_day(m: re.Match, text: str) -> str | None:
    return f"RD{RELATIVE_DAYS[words(m.group(0))]:+d}"


UNIT_CODES = {"year": "Y", "month": "M", "week": "W", "weekend": "WE", "quarter": "Q"}


def build_relative_unit(m: re.Match, text: str) -> str | None:
    """`this year`, `last month`, `next week`; `the previous year` (the year before the
    sentence's reference date: `May 22, 1995 ... the following year` -> 1996); `past year`
    without `the` is a duration."""
    rel, name = words(m["rel"]), words(m["unitword"])
    if rel in ("past", "this past"):
        return "P1Y" if name == "year" else None
    code = UNIT_CODES[name]
    if rel in ("the previous", "the prior", "the following", "previous", "prior"):
        kind, offset = "N", (1 if rel == "the following" else -1)
    else:
        kind, offset = "R", RELATIVE_WORDS[rel]
    return f"{kind}{code}{offset:+d}"


def build_described_year(m: re.Match, text: str) -> str | None:
    """`this milestone year`, `last record year`: the year, described (the word is
    checked to be an adjective or noun near the candidate, see context)."""
    if m["described"] in NOT_YEAR_MODIFIERS:
        return None
    return relative_year(m["rel"])


def duration(n: int, unit_text: str) -> str:
    code, size = unit(unit_text)
    if code == "W" and size == 1:
        return f"P{n}W"
    return f"P{n * size}{code}"


def build_duration(m: re.Match, text: str) -> str | None:
    n = number(m["num"])
    if not n or (m.group(0)[m.end("num") - m.start():].lstrip()[:1] == "-" and words(m["unit"]).endswith("s")):
        return None  # `two-days` is not English; `2-years` mostly a code
    if re.match(r"[\s-]+olds?\b", text[m.end():m.end() + 7]):
        return None  # an age (`a 50-year-old firm`), not a duration
    if re.match(r"\s+of\b", text[m.end():m.end() + 4]) and words(m["unit"]).startswith("quarter"):
        return None  # a fraction (`a quarter of the market`)
    if is_preceded_by(text, m.start(), {"every", "each"}):
        return None  # a frequency (`every two years`), not a duration
    if first_group(m, "half", "andahalf"):
        return duration_and_a_half(n, m["unit"])
    return duration(n, m["unit"])


def duration_and_a_half(n: int, unit_text: str) -> str | None:
    """`2 1/2 years` -> P2Y6M, `a month and a half` -> P1M15D; a half day or week has no
    exact ISO form here and is not read."""
    code, size = unit(unit_text)
    if code == "Y":
        years, months = divmod(12 * n * size + 6 * size, 12)
        return f"P{years}Y{months}M" if months else f"P{years}Y"
    if code == "M" and size == 1:
        return f"P{n}M15D"
    return None


def build_the_relative_duration(m: re.Match, text: str) -> str | None:
    """`the past four decades` P40Y, `the next two weeks` P2W, `the last half-century`;
    `the first nine months (of 2023)` is the interval from January."""
    rel, name = words(m["rel"]), words(m["unit"])
    n = number(m["num"]) if m["num"] else 1
    if not m["num"] and unit_is_plural(name):
        return None  # `the coming months`, `the past years`: an unstated amount
    year_spec = m["year"] or (relative_year(m["relyear"]) if m["relyear"] else None)
    if rel == "last" and year_spec and not m["num"]:
        code, size = unit(name)  # `the last quarter of 2004`: the year's final one
        return {3: f"{year_spec}-Q4", 1: f"{year_spec}-12"}.get(size) if code == "M" else None
    if rel == "first":
        code, size = unit(name)
        months = n * size if code == "M" else None
        if not m["num"] or months is None or months > 12:
            return None
        y = m["year"] or (relative_year(m["relyear"]) if m["relyear"] else "RY+0")
        return f"{y}-01-01/END:{y}-{months:02d}"
    if not m["num"] and rel in ("previous", "prior", "following"):
        return None  # `the previous year` is anchored, see build_relative_unit
    return duration(n, name)


def unit_is_plural(name: str) -> bool:
    return name.endswith("s") or name.endswith("ies")


def build_compound_duration(m: re.Match, text: str) -> str | None:
    """`monthlong`, `year-long`: one unit."""
    return duration(1, m["unit"])


def build_half_century(m: re.Match, text: str) -> str | None:
    return {"century": "P50Y", "year": "P6M", "decade": "P5Y"}[words(m["unit"])]


def build_ago(m: re.Match, text: str) -> str | None:
    """`a year ago` (the previous year), `six weeks ago`, `a year earlier` (the reference
    date of the sentence shifted; a comparison `from a year ago` is anchored too)."""
    n = number(m["num"])
    direction = words(m["direction"])
    if words(m["unit"]).startswith("hour"):
        return "RD+0" if direction == "ago" else None
    if direction in ("before", "after") and not re.match(r"\s*(?:[,.;:)]|$)", text[m.end():m.end() + 2]):
        return None  # `two years after the war`: a duration before a clause, not an anchor
    sign = 1 if direction in ("later", "after") else -1
    anchored = direction != "ago" or is_comparison(text, m.start())
    code, size = unit(m["unit"])
    if words(m["unit"]).startswith("quarter"):
        code, size = "Q", 1
    return f"{'A' if anchored else 'R'}{code}{sign * n * size:+d}"


# `up from $10 million a year ago`, `higher than a year ago`: a comparison earlier in the sentence
COMPARISON = re.compile(r"\b(?:from|than|compared\s+(?:with|to)|versus|vs\.|against)\s", re.IGNORECASE)
# A sentence end: the comparison must stand in the same sentence (`Inc. said` also stops it: too short is safe)
SENTENCE_END = re.compile(r"[.!?;:]['\"”’]?\s+")


def is_comparison(text: str, start: int) -> bool:
    """`from $1.43 billion a year ago`: a comparison word earlier in the same sentence (up to
    120 characters back), or `over` / `with` just before."""
    if is_preceded_by(text, start, {"over", "with"}):
        return True
    window = text[max(0, start - 120):start]
    ends = list(SENTENCE_END.finditer(window))
    return bool(COMPARISON.search(window, ends[-1].end() if ends else 0))


def build_year_period(m: re.Match, text: str) -> str | None:
    """`the 1988 quarter`, `in the 1989 period`: the reporting period under discussion, in that year."""
    return f"PERIOD@{m['year']}"


def build_year_ago(m: re.Match, text: str) -> str | None:
    """`the year-ago quarter`, `year-earlier results`: the reference period a year back."""
    return "AY-1"


def first_group(m: re.Match, *names: str) -> str | None:
    """The first of ``names`` that took part in the match (rules spell a year or a
    number in several places: `the 2024 first quarter`, `the first quarter of 2024`)."""
    groups = m.groupdict()
    return next((groups[n] for n in names if groups.get(n)), None)


def quarter_year(m: re.Match) -> tuple[str, bool]:
    """The year spec of a quarter or half and whether it is fiscal."""
    fiscal = bool(first_group(m, "fiscal", "fiscal2", "fiscal3", "fy"))
    if y := first_group(m, "year", "fy", "year2"):
        return str(year_number(y)), fiscal
    if first_group(m, "yearago"):
        return "AY-1", fiscal
    if rel := first_group(m, "relyear", "relyear0"):
        return relative_year(rel), fiscal
    return "XXXX", fiscal


def year_part(m: re.Match, part: str, n: int | str) -> str:
    """The ``n``-th quarter (``part`` Q) or half (H) of the matched year: `2024-Q3`,
    `FY2024-Q4` (a fiscal year stated by number), `RY+0-H1`."""
    y, fiscal = quarter_year(m)
    if fiscal and y[0].isdigit():
        return f"FY{y}-{part}{n}"
    return f"{y}-{part}{n}"


def build_quarter(m: re.Match, text: str) -> str | None:
    """`the third quarter of 2024`, `fiscal 2024 fourth quarter`, `Q3 FY24`, `3Q24`."""
    return year_part(m, "Q", first_group(m, "q") or ordinal_number(m["ordinal"], last=4))


def build_month_quarter(m: re.Match, text: str) -> str | None:
    """`the September quarter`, `the June quarter 2020`: the calendar quarter ending that month."""
    mo = month_number(m, "month")
    if mo is None or mo % 3:
        return None
    return f"{m['year'] or 'XXXX'}-Q{mo // 3}"


def build_half(m: re.Match, text: str) -> str | None:
    """`the first half of 2024`, `H1 FY24`, `1H24`."""
    return year_part(m, "H", first_group(m, "h", "h2") or ordinal_number(m["ordinal"], last=2))


def build_season(m: re.Match, text: str) -> str | None:
    """`summer 2024`, `last winter` (the latest one ended before the document date)."""
    code = SEASONS[words(m["season"])][0]
    rel = words(m["rel"]) if m["rel"] else ""
    if m["year"] or m["spoken"]:
        return f"{m['year'] or spoken_year(m['spoken'])}-{code}"
    if m["season"][0].isupper() and re.match(r"\s+[A-Z]", text[m.end():m.end() + 2]):
        return None  # a name (`Summer Davos`, `Spring Festival`)
    if words(m["season"]) == "fall" and rel in ("", "the", "this") and re.match(r"\s+(?:in|of|to|from|by|was|is|has)\b", text[m.end():m.end() + 6]):
        return None  # a decline (`the fall in profits`)
    if not rel and not is_preceded_by(text, m.start(), SEASON_CUES):
        return None  # a bare season word only after a temporal word (`in summer`, `early spring`)
    if rel == "this":  # this year's; a winter runs into the next year, so the current or coming one
        return f"XXXX-{code}>=" if code == "WI" else f"RY+0-{code}"
    direction = {"last": "<", "this past": "<", "the past": "<", "next": ">", "this coming": ">", "the coming": ">"}.get(rel, "")
    return f"XXXX-{code}{direction}"


def build_holiday(m: re.Match, text: str) -> str | None:
    """`Christmas`, `last Easter`, `Easter 2024`; `Easter week` -> Monday to Sunday around it."""
    spec = holiday_spec(m)
    return f"WEEKOF:{spec}" if spec and m["week"] else spec


def holiday_spec(m: re.Match) -> str | None:
    name = words(m["holiday"])
    if not m["holiday"][0].isupper():
        return None
    rule = HOLIDAYS[name]
    if m["year"]:
        return f"{m['year']}-HOL-{rule}"
    rel = words(m["rel"] or "")
    if rel == "this":
        return f"RY+0-HOL-{rule}"  # `this Christmas`: the document year's, like `this summer`
    direction = {"last": "<", "next": ">"}.get(rel, "")
    return f"XXXX-HOL-{rule}{direction}"


def build_weekday(m: re.Match, text: str) -> str | None:
    if not m["weekday"][0].isupper():
        return None
    rel = words(m["rel"] or "")
    direction = {"last": "<", "this past": "<", "past": "<", "next": ">", "this coming": ">", "coming": ">", "this": ">="}.get(rel, "")
    return f"WD{WEEKDAYS[m['weekday'].lower()]}{direction}"


def build_month(m: re.Match, text: str) -> str | None:
    mo = month_number(m, "month")
    if mo is None:
        return None
    rel = words(m["rel"] or "")
    if mo == 5 and not rel and not is_preceded_by(text, m.start(), MONTH_CUES):
        return None
    if is_preceded_by(text, m.start(), {"the", "a", "annual"}) and re.match(r"\s+(?:for|of|on)\s+(?:the\s+)?[A-Z]", text[m.end():m.end() + 12]):
        return None  # a march (`the annual March for Life`, `a March on Washington`)
    if rel == "this":
        return f"RY+0-{mo:02d}"
    if rel in ("last", "this past", "past"):
        return f"XXXX-{mo:02d}<"
    if rel in ("next", "this coming", "coming"):
        return f"XXXX-{mo:02d}>"
    if is_preceded_by(text, m.start(), {"since"}):
        return f"XXXX-{mo:02d}<="
    return f"XXXX-{mo:02d}"


def build_weekday_range(m: re.Match, text: str) -> str | None:
    """`Friday to Sunday`: the first day as a bare weekday, the last the first such day on or after it."""
    if not (m["w1"][0].isupper() and m["w2"][0].isupper()):
        return None
    return f"WD{WEEKDAYS[m['w1'].lower()]}/WD{WEEKDAYS[m['w2'].lower()]}"


def build_month_range_period(m: re.Match, text: str) -> str | None:
    """`the October-December period`: three months from January, April, July or October are a
    quarter (a day interval, as the contract values quarters); other spans stay months."""
    spec = build_month_range(m, text)
    m1, m2 = month_number(m, "m1"), month_number(m, "m2")
    if spec and m2 - m1 == 2 and m1 % 3 == 1:
        return f"{m['year'] or 'XXXX'}-Q{m2 // 3}"
    return spec


def build_week_of(m: re.Match, text: str) -> str | None:
    mo = month_number(m, "month")
    d = _ymd(None, mo, int(m["day"])) if mo else None
    return f"WEEKOF:{d}" if d else None


def build_period_edge(m: re.Match, text: str) -> str | None:
    """`the end of the year`, `the beginning of next month`, `year-end`."""
    edge = "START" if words(m["edge"]) in ("beginning", "start") else "END"
    name = words(m["unitword"])
    rel = words(m["rel"] or "the")
    offset = {"the": 0, "this": 0, "last": -1, "next": 1}[rel]
    if name == "year":
        return f"{edge}:RY{offset:+d}"
    return f"{edge}:R{UNIT_CODES[name]}{offset:+d}"


def build_year_end(m: re.Match, text: str) -> str | None:
    y = m["year"] or m["year2"]
    return f"END:{y}" if y else "END:RY+0"


def build_fiscal(m: re.Match, text: str) -> str | None:
    """`FY2025`, `FY24`, `fiscal 2024`, `fiscal year 2019/20` (labelled by the end year)."""
    y = year_number(m["year"])
    if m["year2"]:
        y2 = year_number(m["year2"]) if len(m["year2"]) == 4 else y // 100 * 100 + int(m["year2"])
        if y2 != y + 1:
            return None
        y = y2
    return f"FY{y}"


PERIOD_MONTHS = {"quarter": 3, "half": 6, "year": 12, "period": 12}


def build_period_ending(m: re.Match, text: str) -> str | None:
    """`the quarter ended Sept. 30`, `the nine months ended 30 June 2024`, `the fiscal
    period ending June 2026`: the months up to the stated day (or month)."""
    name = words(m["period"])
    if name.endswith("months"):
        months = number(name.split()[0])
    elif name == "period" and not m["fiscal"]:
        return None  # `the period ended ...` says nothing of its length
    else:
        months = PERIOD_MONTHS[name]
    mo = month_number(m, "month") or month_number(m, "month2")
    d = m["day"] or m["day2"]
    if not months or months > 12 or mo is None:
        return None
    y = int(m["year"]) if m["year"] else None
    end = _ymd(y, mo, int(d)) if d else (f"{y}-{mo:02d}" if y else f"XXXX-{mo:02d}")
    return f"SPAN{months}:{end}" if end else None


@dataclass(frozen=True)
class Rule:
    name: str
    regex: re.Pattern
    build: Callable[[re.Match, str], str | None]
    needs: tuple[str, ...] = ()  # lower-case words one of which the text must contain


def rule(name: str, pattern: str, build, needs: tuple[str, ...] = ()) -> Rule:
    return Rule(name, re.compile(pattern), build, needs)


HOLIDAY_WORDS = tuple({name.split()[0].split("'")[0] for name in HOLIDAYS})
SEASON_WORDS = tuple(SEASONS)
RELATIVE_DAY_WORDS = tuple({name.split()[-1] for name in RELATIVE_DAYS})


MONTH_DAY_YEAR = rf"(?:(?:{WEEKDAY}),?\s+)?{month('month')}\s+{day('day')}(?:,?\s+{year('year')})?{END_OF_DATE}"
DAY_MONTH_YEAR = rf"(?:(?:{WEEKDAY}),?\s+)?{LEFT}{day('day')}\s+(?:of\s+)?{month('month')}(?:,?\s+{year('year')})?(?!\w)"
FISCAL_WORD = r"(?i:fiscal(?:\s+year)?|FY)"
YEAR_DIGITS = r"(?:1[5-9]\d\d|20\d\d)"
# `the third quarter of 2024`, `the 1988 second quarter`, `fiscal 2024 fourth quarter`,
# `the fourth quarter of fiscal 2024`, `this year's third quarter`, `the year-ago quarter`
QUARTER = (
    rf"\b(?:{THE_BEFORE_NOUN_PHRASE}|{REL_YEAR_POSSESSIVE}\s+)?"
    rf"(?:{year('year')}\s+|(?P<yearago>(?i:year-ago|year-earlier))\s+)?"
    rf"(?:(?P<fiscal>(?i:fiscal))[\s-]+(?:(?P<fy>{YEAR_DIGITS})\s+)?)?"
    rf"{ORDINAL_QUARTER}[\s-]+(?P<fiscal2>(?i:fiscal)[\s-]+)?(?i:quarter)"
    rf"(?:\s+(?:of\s+)?(?:(?P<fiscal3>{FISCAL_WORD})\s*)?(?:(?P<year2>{YEAR_DIGITS})\b|{REL_YEAR}))?"
)
# `the first half of 2023`, `the second half of next year`, `the first half of fiscal 2024`
HALF = (
    rf"\b(?:{THE_BEFORE_NOUN_PHRASE}|{REL_YEAR_POSSESSIVE}\s+)?"
    r"(?P<ordinal>(?i:first|second|latter|last))[\s-]+(?i:half)"
    rf"(?:\s+(?:of\s+)?(?:(?P<fiscal3>{FISCAL_WORD})\s*)?(?:{year('year')}|{REL_YEAR}))?(?![\w-])"
)
# `the quarter ended Sept. 30`, `the nine months ended 30 June 2024`, `the fiscal period ending June 2026`
PERIOD_ENDING = (
    r"\b(?:(?i:the)\s+)?(?P<fiscal>(?i:fiscal)\s+)?"
    r"(?P<period>(?i:quarter|half|year|period|(?:three|six|nine|twelve|3|6|9|12)\s+months))\s+"
    r"(?i:ended|ending|that\s+ended|that\s+ends|which\s+ends)\s+(?:(?i:on)\s+)?"
    rf"(?:{month('month')}(?:\s+{day('day')})?|{day('day2')}\s+{month('month2')})"
    rf"(?:,?\s+{year('year')})?{END_OF_DATE}"
)
# `this year`, `last month`, `next week`, `the previous year`, `past year` (not `a 10-year-old`)
RELATIVE_UNIT = (
    r"\b(?P<rel>(?i:this\s+past|this|current|last|next|coming|past|previous|prior"
    r"|the\s+current|the\s+previous|the\s+prior|the\s+following))\s+"
    r"(?P<unitword>(?i:year|month|weekend|week|quarter))\b(?![\s-]+(?:old|long)\b)"
)

RULES: tuple[Rule, ...] = (
    rule("iso-date",
         rf"{LEFT}(?P<year>\d{{4}})(?P<sep>[-/.])(?P<month>\d{{1,2}})(?P=sep)(?P<day>\d{{1,2}})(?![\w/-]|\.\d)",
         build_iso),
    rule("numeric-date",
         rf"{LEFT}(?P<a>\d{{1,2}}) ?(?P<sep>[./-]) ?(?P<b>\d{{1,2}}) ?(?P=sep) ?(?P<year>\d{{4}}|\d{{2}})(?![\w/-]|[.,]\d)",
         build_numeric),
    rule("month-day", MONTH_DAY_YEAR, build_month_day),
    rule("day-month", DAY_MONTH_YEAR, build_month_day),
    rule("the-day-of-month",
         rf"\b(?i:the|this)\s+{day('day')}\s+(?:(?i:day)\s+)?of\s+{month('month')}(?:,?\s+{year('year')})?",
         build_month_day),
    rule("month-year", rf"{month('month')},?\s+(?:of\s+)?{year('year')}", build_month_year),
    rule("month-relative-year", rf"{month('month', True)}\s+(?:of\s+)?{REL_YEAR}", build_month_relative_year),
    rule("month-day-range",
         rf"{month('month')}\s+{day('d1')}{RANGE_WORD}{day('d2')}(?:,?\s+{year('year')})?{END_OF_DATE}",
         build_day_range),
    rule("day-range-month",
         rf"{LEFT}(?:the\s+)?{day('d1')}{RANGE_WORD}{day('d2')}\s+(?:of\s+)?{month('month')}(?:,?\s+{year('year')})?",
         build_day_range),
    rule("month-day-to-month-day",
         rf"{month('m1')}\s+{day('d1')}{RANGE_WORD}{month('m2')}\s+{day('d2')}(?:,?\s+{year('year')})?{END_OF_DATE}",
         build_month_day_range),
    rule("day-month-to-day-month",
         rf"{LEFT}{day('d1')}\s+{month('m1')}{RANGE_WORD}{day('d2')}\s+{month('m2')}(?:,?\s+{year('year')})?",
         build_month_day_range),
    rule("month-range",
         rf"{month('m1', True)}{RANGE_WORD}{month('m2', True)}(?:,?\s+{year('year')})?{END_OF_DATE}",
         build_month_range),
    rule("month-range-period",
         rf"\b(?i:the)\s+{month('m1', True)}{RANGE_WORD}{month('m2', True)}(?:,?\s+{year('year')})?\s+(?i:period|quarter)\b",
         build_month_range_period, needs=("period", "quarter")),
    rule("month-year-range",
         rf"{month('m1')},?\s+{year('y1')}{RANGE_DASH}{month('m2')},?\s+{year('y2')}",
         build_month_year_range),
    rule("year-range",
         rf"{LEFT_YEAR}{year('y1')}(?P<sep>{YEAR_RANGE_WORD})(?P<y2>(?:1[5-9]|20|21)\d\d|\d\d)(?![\d%]|[.,]\d)",
         build_year_range),
    rule("year", rf"{LEFT_YEAR}{year('year')}", build_year),
    rule("spoken-year",
         rf"\b(?:{month('month', True)}\s+(?:of\s+)?|(?i:the\s+year)\s+)?(?P<spoken>{SPOKEN_YEAR})",
         build_spoken_year, needs=("teen", "twenty", "thousand")),
    rule("decade", rf"{LEFT_YEAR}(?P<decade>1[5-9]\d|20\d)0s\b", build_decade, needs=("0s",)),
    rule("decade-short",
         rf"(?:(?<=\b[Tt]he )|(?<=\b[Tt]he early )|(?<=\b[Tt]he late )|(?<=\b[Tt]he mid-))"
         rf"(?:['’](?P<digit>[1-9])0s|(?P<word>(?i:{alternation(DECADE_WORDS)})))\b",
         build_decade_short, needs=("0s", "ties")),
    rule("century",
         rf"{LEFT}(?P<century>\d\d)(?:st|nd|rd|th)[\s-]+(?i:century)\b",
         build_century, needs=("centur",)),
    rule("relative-day",
         rf"\b(?i:{alternation(RELATIVE_DAYS)})\b",
         build_relative_day, needs=RELATIVE_DAY_WORDS),
    rule("relative-described-year",
         r"\b(?P<rel>(?i:this|last|next))\s+(?P<described>[a-z]+)\s+year\b(?![\s-]+(?:old|long)\b)",
         build_described_year, needs=("year",)),
    rule("relative-unit", RELATIVE_UNIT, build_relative_unit),
    rule("the-relative-duration",
         rf"\b(?i:the)\s+(?P<rel>(?i:past|last|next|coming|previous|prior|following|first))\s+(?:{NUM}\s+)?{UNIT}(?:\s+of\s+(?:{year('year')}|{REL_YEAR}))?",
         build_the_relative_duration),
    rule("the-duration",
         rf"\b(?i:the)\s+{NUM}\s+{UNIT}(?![\s-]+(?:old|ago|earlier|later)\b)",
         build_duration),
    rule("duration",
         rf"\b{QUALIFIER}{NUM}(?P<half>\s+1/2|\s*½|\s+and\s+a\s+half)?[\s-]+"
         rf"(?:(?i:consecutive|straight|successive|full|more|additional)\s+)?{UNIT}"
         rf"(?P<andahalf>\s+and\s+a\s+half)?(?:\s+in\s+a\s+row)?",
         build_duration),
    rule("compound-duration",
         r"\b(?P<unit>(?i:day|week|month|year|decade))-?(?i:long)\b",
         build_compound_duration, needs=("long",)),
    rule("half-unit",
         r"\b(?i:(?:a\s+)?half(?:\s+a|-)\s*)(?P<unit>(?i:century|year|decade))\b",
         build_half_century, needs=("half",)),
    rule("ago",
         rf"\b{QUALIFIER}{NUM}\s+(?P<unit>(?i:{plural_alternation(UNITS)}|hours?))(?:\s+or\s+so)?\s+(?P<direction>(?i:ago))\b",
         build_ago, needs=("ago",)),
    rule("earlier-later",
         rf"\b{QUALIFIER}{NUM}\s+(?P<unit>(?i:{plural_alternation(UNITS)}))\s+(?P<direction>(?i:earlier|later|before|after|prior))\b",
         build_ago, needs=("earlier", "later", "before", "after", "prior")),
    rule("year-ago",
         r"\b(?:(?i:the)\s+(?:(?i:comparable|corresponding)\s+)?)?(?i:year)-(?i:ago|earlier)(?:\s+(?i:period))?\b",
         build_year_ago, needs=("year-",)),
    rule("year-period",
         rf"\b(?i:the)\s+{year('year')}\s+(?i:quarter|period|half)\b",
         build_year_period, needs=("quarter", "period", "half")),
    rule("year-ago-period",
         r"\b(?:(?i:the)\s+(?:(?i:comparable|corresponding)\s+)?)?(?i:year)-(?i:ago|earlier)\s+(?i:quarter|half)\b",
         build_year_ago, needs=("year-",)),
    rule("quarter", QUARTER, build_quarter, needs=("quarter",)),
    rule("q-quarter",
         rf"{LEFT}Q(?P<q>[1-4])(?:(?:\s*|-)(?P<fiscal>FY|(?i:fiscal))?\s*'?(?P<year>\d{{4}}|\d{{2}}))?(?![\w/])",
         build_quarter),
    rule("year-q-quarter", rf"{LEFT}(?P<year>\d{{4}})\s*-?\s*Q(?P<q>[1-4])(?!\w)", build_quarter),
    rule("nq-quarter", rf"{LEFT}(?P<q>[1-4])Q\s*'?(?P<year>\d{{4}}|\d{{2}})?(?!\w)", build_quarter),
    rule("month-quarter",
         rf"\b(?i:the)\s+{month('month', True)}\s+(?i:quarter)\b(?:\s+(?:of\s+)?{year('year')})?",
         build_month_quarter, needs=("quarter",)),
    rule("half", HALF, build_half, needs=("half",)),
    rule("h-half",
         rf"{LEFT}(?:H(?P<h>[12])(?:\s*(?P<fiscal>FY)?\s*'?(?P<year>\d{{4}}|\d{{2}}))?|(?P<h2>[12])H\s*'?(?P<year2>\d{{4}}|\d{{2}}))(?![\w-])",
         build_half),
    rule("season",
         rf"\b(?:(?P<rel>(?i:this\s+past|this\s+coming|the\s+past|the\s+coming|this|last|next|the))\s+)?(?P<season>(?i:{alternation(SEASONS)}))\b(?:\s+(?:of\s+)?(?:{year('year')}|(?P<spoken>{SPOKEN_YEAR})))?",
         build_season, needs=SEASON_WORDS),
    rule("holiday",
         rf"\b(?:(?P<rel>(?i:last|this|next))\s+)?(?P<holiday>(?i:{alternation(HOLIDAYS)}))(?!\w)(?:\s+{year('year')})?(?P<week>\s+week\b)?",
         build_holiday, needs=HOLIDAY_WORDS),
    rule("weekday",
         rf"\b(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming|past))\s+)?{FULL_WEEKDAY}(?!\w)",
         build_weekday, needs=("day",)),
    rule("weekday-range",
         rf"\b(?P<w1>(?i:{alternation(FULL_WEEKDAY_NAMES)})){RANGE_DASH}(?P<w2>(?i:{alternation(FULL_WEEKDAY_NAMES)}))\b",
         build_weekday_range, needs=("day",)),
    rule("month",
         rf"\b(?:(?P<rel>(?i:this\s+past|this\s+coming|last|next|this|coming|past))\s+)?{month('month', True)}(?![\w-]|\s+\d)",
         build_month),
    rule("week-of",
         rf"\b(?i:the\s+week\s+of)\s+{month('month')}\s+{day('day')}",
         build_week_of, needs=("week",)),
    rule("period-edge",
         r"\b(?i:the\s+)(?P<edge>(?i:end|beginning|start))\s+(?i:of)\s+(?P<rel>(?i:the|this|last|next))\s+(?P<unitword>(?i:year|month|week|quarter))\b",
         build_period_edge, needs=("end", "beginning", "start")),
    rule("year-end",
         rf"\b(?:{year('year')}\s+)?(?i:year)(?:[\s-]?|['’]s\s+)(?i:end)\b(?:\s+{year('year2')})?",
         build_year_end, needs=("end",)),
    rule("fy",
         rf"{LEFT}(?:FY|F\.Y\.)\s?'?(?P<year>\d{{4}}|\d{{2}})(?:\s*[-/]\s*(?P<year2>\d{{4}}|\d{{2}}))?(?![\w%])",
         build_fiscal, needs=("fy", "f.y.")),
    rule("fiscal-year",
         r"\b(?i:fiscal)(?:\s+(?i:year))?\s+(?P<year>\d{4})(?:\s*[-/]\s*(?P<year2>\d{4}|\d{2}))?(?![\w%])",
         build_fiscal, needs=("fiscal",)),
    rule("period-ending", PERIOD_ENDING, build_period_ending, needs=("ended", "ending", "ends")),
)


# A vague modifier keeps the value and joins the span (`mid-2024`, `early next year`);
# `the end of` / `the beginning of` narrow the value to a day.
MODIFIER = re.compile(
    rf"(?:(?<!-)\b(?P<vague>(?i:{alternation(VAGUE_MODIFIERS)}))[\s-]+"
    r"|\b(?P<edge>(?i:the\s+(?:end|beginning|start|close)\s+of))\s+)\Z"
)


# `the last half of the '80s`: a part of a decade stays as vague as `the late 1980s`.
DECADE_PART = re.compile(r"\b(?i:the\s+(?:first|second|last|latter)\s+half\s+of\s+(?:the\s+)?)\Z")
DECADE_SPEC = re.compile(r"\d{3}|DECADE:\d")


def extend_with_modifier(text: str, candidate: Candidate, floor: int) -> Candidate:
    if candidate.spec.startswith(("P", "FY", "END:", "START:")):
        return candidate
    if DECADE_SPEC.fullmatch(candidate.spec) and (part := DECADE_PART.search(text, max(floor, candidate.start - 40), candidate.start)):
        return replace(candidate, start=part.start(), rule=f"modifier+{candidate.rule}")
    match = MODIFIER.search(text, max(floor, candidate.start - 30), candidate.start)
    if match is None:
        return candidate
    if match["edge"]:
        if re.fullmatch(r"XXXX-\d\d-\d\d|\d{4}-\d\d-\d\d|WD\d.*|RD[+-]\d+", candidate.spec):
            return candidate  # a day has no end to narrow to
        edge = "START" if words(match["edge"]).split()[1] in ("beginning", "start") else "END"
        return replace(candidate, start=match.start(), spec=f"{edge}:{candidate.spec}", rule=f"{edge.lower()}-of+{candidate.rule}")
    if words(match["vague"]) in ("earlier", "later") and not re.fullmatch(r"R\w+\+0|RD-1|WD\d", candidate.spec):
        return candidate  # `earlier this year`, `later yesterday`; not `the year-earlier quarter`
    return replace(candidate, start=match.start(), rule=f"modifier+{candidate.rule}")


def find_candidates(text: str, start: int = 0) -> list[Candidate]:
    """Every rule's matches in ``text[start:]``, each with its underspecified value."""
    found = []
    lowered = text.lower()
    for r in RULES:
        if r.needs and not any(word in lowered for word in r.needs):
            continue  # a cheap test before the regex: most rules need one of a few words
        for m in r.regex.finditer(text, start):
            spec = r.build(m, text)
            if spec:
                found.append(extend_with_modifier(text, Candidate(m.start(), m.end(), r.name, spec), start))
    return found


def select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: the longest first, then the earlier rule in RULES."""
    order = {r.name: i for i, r in enumerate(RULES)}
    ranked = sorted(candidates, key=lambda c: (-(c.end - c.start), order.get(c.rule.split("+")[-1], 0), c.start))
    kept: list[Candidate] = []
    for c in ranked:
        if all(c.end <= k.start or k.end <= c.start for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c.start)
