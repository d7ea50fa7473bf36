"""Phase two: resolve an underspecified value against the document date (and a reference date).

The patterns emit values in a small grammar (HeidelTime style); this module is
the only place that knows the calendar. Grammar (``n`` signed integers):

- final ISO values: ``2023-11-10``, ``2023-11``, ``2023``, ``199`` (a decade),
  ``19`` (a century), durations ``P2D``; fiscal ``FY2024``, ``FY2024-Q4``, ``FY2024-H1``;
- a year spec and an optional part: year ``2024``, ``XXXX`` (unknown: the year
  that puts the period nearest the document date), ``RY-1`` (the document
  date's year shifted), ``AY-1`` (the reference date's year shifted); part
  ``-11``, ``-11-10``, ``-Q3``, ``-H1``, a season ``-SU``, a holiday
  ``-HOL-<rule>`` (see ``data/holidays.tsv``);
- for ``XXXX`` a direction: ``<`` the latest occurrence ended before the
  document date (``last May``), ``<=`` the latest begun on or before it
  (``since May``), ``>`` / ``>=`` the mirror images (``next May``); ``~<`` /
  ``~>`` the nearest unless that lies more than two months on the other side
  (a past / future tense verb), ``~<=`` / ``~>=`` the same strictly (a quarter or
  half in the past tense has begun); with no document date the ``~`` forms keep
  ``XXXX``;
- ``R<unit><n>`` relative to the document date, unit ``D``, ``W`` (Monday to
  Sunday), ``WE`` (weekend), ``M``, ``Q``, ``H`` (``RD-1`` yesterday, ``RW+0``
  this week); ``A<unit><n>`` the same relative to the reference date
  (``a year earlier``), falling back to the document date; ``N<unit><n>`` the calendar
  unit ``n`` units from the one containing the reference date (``the following year``);
- ``WD5`` a weekday (ISO number), with a direction as above or none (nearest);
- ``WEEKOF:<value>`` the week containing a day; ``SPAN<n>:<value>`` the ``n`` months
  ending on its last day (``the quarter ended Sept. 30``; twelve months ending other
  than on 31 December are a fiscal year with its bounds: ``FY2026``);
- ``START:<value>`` / ``END:<value>`` the first / last day of a period;
- ``DECADE:<digit>`` the latest decade with that digit begun by the document date (``the
  nineties``);
- ``PERIOD@<year>`` the reference quarter or half in that year (``the 1988 quarter``),
  else the year;
- ``<left>/<right>`` an interval; ``<a>|<b>`` alternatives (``03/07/2009``
  day-first or month-first), the one nearest the document date wins.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from pipeline.extractors.dates.lexicon import SEASONS


@dataclass(frozen=True)
class Resolved:
    value: str
    begin: str = ""
    end_date: str = ""


@dataclass(frozen=True)
class Period:
    value: str
    begin: dt.date | None
    end: dt.date | None

    def resolved(self) -> Resolved:
        iso = lambda d: d.isoformat() if d else ""  # noqa: E731
        return Resolved(self.value, iso(self.begin), iso(self.end))


UNRESOLVED = Resolved("")
# How far the nearest reading may lie against the tense before the tense wins.
LEAN = dt.timedelta(days=62)
SEASON_MONTHS = {code: (first, last) for code, first, last in SEASONS.values()}

YEAR_PART = re.compile(
    r"(?P<year>\d{4}|XXXX|(?P<kind>[RAN])Y(?P<shift>[+-]\d+))"
    r"(?:-(?P<part>\d{2}(?:-\d{2})?|Q[1-4]|H[12]|SP|SU|FA|WI|HOL-[\w:-]+))?"
    r"(?P<dir>~<=|~>=|<=|>=|~<|~>|<|>)?"
)
RELATIVE = re.compile(r"(?P<kind>[RAN])(?P<unit>WE|D|W|M|Q|H)(?P<shift>[+-]\d+)")
WEEKDAY = re.compile(r"WD(?P<weekday>[1-7])(?P<dir><=|>=|<|>)?")
FISCAL = re.compile(r"FY(?P<year>\d{4})(?P<quarter>-Q[1-4]|-H[12])?")
PERIOD_ENDING = re.compile(r"SPAN(?P<months>\d+):(?P<end>.+)")
DECADE_OR_CENTURY = re.compile(r"\d{2,3}")


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def interval(begin: dt.date, end: dt.date) -> Period:
    return Period(f"{begin.isoformat()}/{end.isoformat()}", begin, end)


def holiday(year: int, rule: str) -> dt.date | None:
    """The day of a holiday rule from ``data/holidays.tsv`` in ``year``."""
    if re.fullmatch(r"\d{2}-\d{2}", rule):
        return dt.date(year, int(rule[:2]), int(rule[3:]))
    kind, *args = rule.split(":")
    if kind == "nth":
        nth, weekday, month = map(int, args)
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    if kind == "last":
        weekday, month = map(int, args)
        last = month_end(year, month)
        return last - dt.timedelta(days=(last.isoweekday() - weekday) % 7)
    if kind == "easter":
        return easter(year) + dt.timedelta(days=int(args[0]) if args else 0)
    return None


def easter(year: int) -> dt.date:
    """Western Easter Sunday (the anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def year_part(year: int, part: str | None) -> Period | None:
    """The period ``part`` of ``year`` (the whole year when ``part`` is None)."""
    try:
        if not part:
            return Period(f"{year:04d}", dt.date(year, 1, 1), dt.date(year, 12, 31))
        if re.fullmatch(r"\d{2}", part):
            month = int(part)
            return Period(f"{year:04d}-{part}", dt.date(year, month, 1), month_end(year, month))
        if re.fullmatch(r"\d{2}-\d{2}", part):
            day = dt.date(year, int(part[:2]), int(part[3:]))
            return Period(day.isoformat(), day, day)
        if part.startswith("HOL-"):
            day = holiday(year, part[4:])
            return Period(day.isoformat(), day, day) if day else None
        if part[0] == "Q":
            first = 3 * int(part[1]) - 2
            return interval(dt.date(year, first, 1), month_end(year, first + 2))
        if part[0] == "H":
            first = 6 * int(part[1]) - 5
            return interval(dt.date(year, first, 1), month_end(year, first + 5))
        if part in SEASON_MONTHS:
            first, last = SEASON_MONTHS[part]
            begin = dt.date(year - 1 if first > last else year, first, 1)
            return interval(begin, month_end(year, last))
    except ValueError:  # 29 February in a common year, day 31 of a short month
        return None
    return None


def _distance(period: Period, anchor: dt.date) -> int:
    if period.begin <= anchor <= period.end:
        return 0
    return min(abs((period.begin - anchor).days), abs((period.end - anchor).days))


def yearless_value(part: str | None) -> str:
    """The value of a year-less period with no document date: `XXXX-11-10`, `XXXX-Q3`,
    a fixed holiday's day (`XXXX-12-25`); a movable holiday keeps only `XXXX`."""
    if part and part.startswith("HOL-"):
        rule = part[4:]
        return f"XXXX-{rule}" if re.fullmatch(r"\d{2}-\d{2}", rule) else "XXXX"
    return f"XXXX-{part}" if part else "XXXX"


def choose_year(part: str | None, direction: str, anchor: dt.date) -> Period | None:
    """The occurrence of a year-less ``part`` that the direction selects around ``anchor``."""
    options = [p for y in range(anchor.year - 2, anchor.year + 3) if (p := year_part(y, part))]
    tests = {
        "<": lambda p: p.end < anchor,
        "<=": lambda p: p.begin <= anchor,
        ">": lambda p: p.begin > anchor,
        ">=": lambda p: p.end >= anchor,
    }
    if direction in ("~<=", "~>="):
        direction = direction[1:]  # told by the tense, strictly (a quarter in the past tense)
    nearest = min(options, key=lambda p: _distance(p, anchor), default=None)
    if direction == "~<" and nearest and nearest.begin > anchor + LEAN:
        direction = "<="  # told in the past tense: not months ahead
    if direction == "~>" and nearest and nearest.end < anchor - LEAN:
        direction = ">="
    if direction in ("<", "<="):
        fitting = [p for p in options if tests[direction](p)]
        return fitting[-1] if fitting else None
    if direction in (">", ">="):
        fitting = [p for p in options if tests[direction](p)]
        return fitting[0] if fitting else None
    return nearest


def shift(period: Period, unit: str, n: int) -> Period | None:
    """``period`` moved by ``n`` units, keeping its granularity (None when finer than it)."""
    months = {"Y": 12 * n, "H": 6 * n, "Q": 3 * n, "M": n}.get(unit)
    days = {"W": 7 * n, "D": n}.get(unit)
    value = period.value
    if re.fullmatch(r"\d{4}", value) and unit == "Y":
        return year_part(int(value) + n, None)
    if re.fullmatch(r"\d{4}-\d{2}", value) and months is not None:
        begin = add_months(period.begin, months)
        return Period(begin.isoformat()[:7], begin, month_end(begin.year, begin.month))
    if period.begin == period.end and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        day = add_months(period.begin, months) if months is not None else period.begin + dt.timedelta(days=days)
        return Period(day.isoformat(), day, day)
    if "/" in value and months is not None:
        if not is_calendar_unit(period):
            return year_part(period.begin.year + months // 12, None) if unit == "Y" else None
        begin = add_months(period.begin, months)
        end = add_months(period.end + dt.timedelta(days=1), months) - dt.timedelta(days=1)
        return interval(begin, end)
    return None


def is_calendar_unit(period: Period) -> bool:
    """A quarter, half or season (whole months, 3 or 6 long), not an arbitrary range."""
    if period.begin.day != 1 or period.end != month_end(period.end.year, period.end.month):
        return False
    months = (period.end.year - period.begin.year) * 12 + period.end.month - period.begin.month + 1
    return months in (3, 6)


def relative(unit: str, n: int, anchor: dt.date) -> Period:
    """The unit of time ``n`` units from the one containing ``anchor``."""
    if unit == "D":
        day = anchor + dt.timedelta(days=n)
        return Period(day.isoformat(), day, day)
    if unit in ("W", "WE"):
        monday = anchor - dt.timedelta(days=anchor.isoweekday() - 1) + dt.timedelta(days=7 * n)
        if unit == "WE":
            return interval(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        return interval(monday, monday + dt.timedelta(days=6))
    if unit == "M":
        first = add_months(anchor.replace(day=1), n)
        return Period(first.isoformat()[:7], first, month_end(first.year, first.month))
    size = {"Q": 3, "H": 6}[unit]
    first = add_months(dt.date(anchor.year, (anchor.month - 1) // size * size + 1, 1), size * n)
    return interval(first, add_months(first, size) - dt.timedelta(days=1))


def weekday(number: int, direction: str, anchor: dt.date) -> Period:
    back = (anchor.isoweekday() - number) % 7
    forward = (number - anchor.isoweekday()) % 7
    if direction == "<":
        back = back or 7
    if direction == ">":
        forward = forward or 7
    if direction in ("<", "<=") or (not direction and back <= forward):
        day = anchor - dt.timedelta(days=back)
    else:
        day = anchor + dt.timedelta(days=forward)
    return Period(day.isoformat(), day, day)


def _period(spec: str, anchor: dt.date | None, reference: Period | None) -> Period | None:
    """The period of one interval side; None when it cannot be resolved."""
    if spec.startswith(("START:", "END:")):
        inner = _period(spec.split(":", 1)[1], anchor, reference)
        if inner is None or inner.begin is None:
            return None
        day = inner.begin if spec.startswith("START:") else inner.end
        return Period(day.isoformat(), day, day)
    if spec.startswith("DECADE:"):  # `the nineties`: the latest such decade begun by the document date
        if anchor is None:
            return None
        first = anchor.year // 100 * 100 + 10 * int(spec[7:])
        first -= 100 if first > anchor.year else 0
        return Period(str(first // 10), dt.date(first, 1, 1), dt.date(first + 9, 12, 31))
    if spec.startswith("PERIOD@"):  # the reference quarter or half moved to a stated year
        y = int(spec[7:])
        if reference is not None and reference.begin and is_calendar_unit(reference):
            return shift(reference, "Y", y - reference.begin.year)
        return year_part(y, None)
    if m := PERIOD_ENDING.fullmatch(spec):
        end = _period(m["end"], anchor, reference)
        return _period_ending(int(m["months"]), end.end) if end and end.end else None
    if spec.startswith("WEEKOF:"):
        inner = _period(spec[7:], anchor, reference)
        if inner is None or inner.begin is None:
            return None
        return relative("W", 0, inner.begin)
    if spec.startswith("P") or spec.startswith("FY"):
        return _fiscal(spec) if spec.startswith("FY") else Period(spec, None, None)
    if DECADE_OR_CENTURY.fullmatch(spec):
        span = 10 ** (4 - len(spec))
        first = int(spec) * span
        return Period(spec, dt.date(first, 1, 1), dt.date(first + span - 1, 12, 31))
    if m := WEEKDAY.fullmatch(spec):
        return weekday(int(m["weekday"]), m["dir"] or "", anchor) if anchor else None
    if m := RELATIVE.fullmatch(spec):
        unit, n = m["unit"], int(m["shift"])
        if m["kind"] == "A" and reference is not None and (moved := shift(reference, unit, n)):
            return moved
        # `the next day` counts only from a day, not from a month or a year before it
        counts_from_reference = (
            m["kind"] == "N"
            and reference is not None
            and reference.begin is not None
            and (unit != "D" or reference.begin == reference.end)
        )
        base = reference.begin if counts_from_reference else anchor
        return relative(unit, n, base) if base else None
    if m := YEAR_PART.fullmatch(spec):
        part = m["part"]
        if m["kind"]:
            n = int(m["shift"])
            if m["kind"] == "A" and reference is not None and not part and (moved := shift(reference, "Y", n)):
                return moved
            base = reference.begin if m["kind"] in "AN" and reference and reference.begin else anchor
            return year_part(base.year + n, part) if base else None
        if m["year"] == "XXXX":
            if anchor is None:  # only a leaning direction (a verb's tense) leaves it a date
                if m["dir"] and not m["dir"].startswith("~"):
                    return None
                return Period(yearless_value(part), None, None)
            return choose_year(part, m["dir"] or "", anchor)
        return year_part(int(m["year"]), part)
    return None


def _fiscal(spec: str) -> Period | None:
    m = FISCAL.fullmatch(spec)
    return Period(f"FY{m['year']}{m['quarter'] or ''}", None, None) if m else None


def _period_ending(months: int, end: dt.date) -> Period:
    """The ``months`` up to ``end``: twelve of them are a year (``FY`` unless they end
    on 31 December), fewer an interval of days."""
    begin = add_months(end + dt.timedelta(days=1), -months)
    if months != 12:
        return interval(begin, end)
    if (end.month, end.day) == (12, 31):
        return year_part(end.year, None)
    return Period(f"FY{end.year}", begin, end)


def _interval(spec: str, anchor: dt.date | None, reference: Period | None) -> Period | None:
    if "/" not in spec:
        return _period(spec, anchor, reference)
    left_spec, right_spec = spec.split("/", 1)
    left = _period(left_spec, anchor, reference)
    if left is None:
        return None
    if right_spec.startswith(("XXXX", "WD")) and left.begin is not None and right_spec[-1] not in "<>=":
        right_spec += ">="  # a year-less end or a weekday is the first such day on or after the start
        right = _period(right_spec, left.begin, reference)
    else:
        right = _period(right_spec, anchor, reference)
    if right is None:
        return None
    return Period(f"{left.value}/{right.value}", left.begin, right.end)


def resolve(spec: str, anchor: dt.date | None, reference: Resolved | None = None) -> Resolved:
    """The value, first and last day of ``spec``; ``anchor`` is the document date
    (None: relative values stay unresolved); ``reference`` an earlier date in the sentence."""
    ref = None
    if reference and reference.begin:
        ref = Period(reference.value, dt.date.fromisoformat(reference.begin), dt.date.fromisoformat(reference.end_date))
    options = [p for alt in spec.split("|") if (p := _interval(alt, anchor, ref)) is not None]
    if not options:
        return UNRESOLVED
    if anchor is not None and len(options) > 1:
        dated = [p for p in options if p.begin]
        options = sorted(dated, key=lambda p: _distance(p, anchor)) or options
    return options[0].resolved()
