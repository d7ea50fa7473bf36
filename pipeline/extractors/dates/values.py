"""Date values: the one place that knows the value grammar.

The rules build these values, :mod:`.context` and :mod:`.references` read their
fields, and :mod:`.resolver` turns an underspecified value into a final one of
the same types. ``str()`` of a value is its text in the grammar (HeidelTime
style); :func:`parse_value` reads that text back. Grammar (``n`` a signed integer):

- a year and an optional part (:class:`YearPart`): year ``2024``, ``XXXX``
  (not stated: the year that puts the period nearest the document date),
  ``RY-1`` / ``AY-1`` / ``NY+1`` (a shifted year, see :class:`Base`); part
  ``-11``, ``-11-10``, ``-Q3``, ``-H1``, a season ``-SU``, a holiday
  ``-HOL-<rule>`` (``data/holidays.tsv``); then a :class:`Direction` (``<``,
  ``<=``, ``~>`` ...), which only a year-less value reads;
- ``R<unit><n>`` / ``A<unit><n>`` / ``N<unit><n>`` (:class:`Relative`), unit ``D``,
  ``W`` (Monday to Sunday), ``WE`` (weekend), ``M``, ``Q``, ``H``; ``RD-1`` is
  yesterday, ``RW+0`` this week;
- ``WD5`` a weekday (ISO number) and a direction; ``WD2:19`` the Tuesday the 19th nearest
  the document date;
- durations ``P2D``, ``P2Y6M``; fiscal ``FY2024``, ``FY2024-Q4``, ``FY2024-H1``;
  ``199`` a decade, ``19`` a century; ``DECADE:9`` the latest decade with that digit
  begun by the document date (``the nineties``);
- ``PERIOD@1988`` the reference quarter, half or other whole months in that year (``the 1988
  quarter``), ``PERIOD@AY-1`` a year back from it (``the same period last year``), else the year;
- ``WEEKOF:<day>`` the week containing a day; ``SPAN<n>:<day or month>`` (``FISCALSPAN`` where called fiscal) the ``n``
  months ending on its last day (``the quarter ended Sept. 30``), ``SPAN3:Q3:<day>`` named a
  quarter or half (``the third quarter ended Dec. 31``: a fiscal one where the calendar's differs);
  ``START:<value>`` / ``END:<value>`` the first / last day of a period;
- ``<start>/<end>`` an interval; ``<a>|<b>`` alternatives (``03/07/2009`` read
  day-first or month-first), the one nearest the document date wins.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum


class Direction(StrEnum):
    """Which occurrence of a year-less date or a weekday is meant, around the document date.

    A hint (``~``) comes from the context (a verb's tense, a deadline word), not from
    the phrase: with no document date a hinted date keeps its value with the year unknown
    (`XXXX-03`), while `last March` has none."""

    NEAREST = ""
    BEFORE = "<"  # the latest ended before the document date (`last May`)
    ON_OR_BEFORE = "<="  # the latest begun on or before it (`since May`)
    AFTER = ">"  # `next May`
    ON_OR_AFTER = ">="  # `this Friday`
    HINT_BEFORE = "~<"  # a past tense: the nearest, unless more than two months ahead
    HINT_AFTER = "~>"  # a future tense: the nearest, unless more than two months past
    HINT_ON_OR_BEFORE = "~<="  # a quarter told in the past tense has begun (as strict as `<=`)
    HINT_ON_OR_AFTER = "~>="  # a deadline (`until 30 September`) lies ahead (as strict as `>=`)

    @property
    def is_hint(self) -> bool:
        return self in HINTS


HINTS = frozenset(
    {Direction.HINT_BEFORE, Direction.HINT_AFTER, Direction.HINT_ON_OR_BEFORE, Direction.HINT_ON_OR_AFTER}
)


class Base(StrEnum):
    """What a shifted year or a relative unit counts from."""

    DOCUMENT = "R"  # the document date (`last year`)
    REFERENCE = "A"  # the reference period shifted (`a year earlier`), else the document date
    FOLLOWING = "N"  # the calendar unit counted from the one holding the reference date (`the following year`)


class Unit(StrEnum):
    DAY = "D"
    WEEK = "W"
    WEEKEND = "WE"
    MONTH = "M"
    QUARTER = "Q"
    HALF = "H"
    YEAR = "Y"  # a shifted year is a YearPart (`RY-1`), see shifted()


class Side(StrEnum):
    START = "START"
    END = "END"


# --- the year and its parts -------------------------------------------------------------


@dataclass(frozen=True)
class ShiftedYear:
    """`RY-1`: the year of the base date, shifted."""

    base: Base
    shift: int

    def __str__(self) -> str:
        return f"{self.base}Y{self.shift:+d}"


@dataclass(frozen=True)
class Month:
    month: int

    def __str__(self) -> str:
        return f"{self.month:02d}"


@dataclass(frozen=True)
class MonthDay:
    month: int
    day: int

    def __str__(self) -> str:
        return f"{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True)
class Quarter:
    number: int

    def __str__(self) -> str:
        return f"Q{self.number}"


@dataclass(frozen=True)
class Half:
    number: int

    def __str__(self) -> str:
        return f"H{self.number}"


@dataclass(frozen=True)
class Season:
    code: str  # `SP`, `SU`, `FA`, `WI` (data/seasons.tsv)

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class NthWeekday:
    """`nth:4:4:11`: the fourth Thursday of November."""

    nth: int
    weekday: int
    month: int

    def __str__(self) -> str:
        return f"nth:{self.nth}:{self.weekday}:{self.month:02d}"


@dataclass(frozen=True)
class LastWeekday:
    """`last:1:05`: the last Monday of May."""

    weekday: int
    month: int

    def __str__(self) -> str:
        return f"last:{self.weekday}:{self.month:02d}"


@dataclass(frozen=True)
class Easter:
    """`easter:-2`: days from Western Easter Sunday."""

    days: int = 0

    def __str__(self) -> str:
        return f"easter:{self.days}" if self.days else "easter"


HolidayRule = MonthDay | NthWeekday | LastWeekday | Easter


@dataclass(frozen=True)
class Holiday:
    rule: HolidayRule

    def __str__(self) -> str:
        return f"HOL-{self.rule}"


Part = Month | MonthDay | Quarter | Half | Season | Holiday


@dataclass(frozen=True)
class YearPart:
    """A year or a part of one: `2023-11-10`, `XXXX-11<`, `RY+0-SU`, `AY-1`."""

    year: int | ShiftedYear | None  # None: not stated (`XXXX`)
    part: Part | None = None
    direction: Direction = Direction.NEAREST

    def __str__(self) -> str:
        year = "XXXX" if self.year is None else f"{self.year:04d}" if isinstance(self.year, int) else str(self.year)
        part = "" if self.part is None else f"-{self.part}"
        return f"{year}{part}{self.direction}"


# --- other atoms ------------------------------------------------------------------------


@dataclass(frozen=True)
class Weekday:
    number: int  # ISO: Monday 1
    direction: Direction = Direction.NEAREST

    def __str__(self) -> str:
        return f"WD{self.number}{self.direction}"


@dataclass(frozen=True)
class WeekdayDay:
    """`Tuesday 19th`, `Saturday (19)`: the day of the month with that weekday nearest the
    document date."""

    number: int  # ISO weekday
    day: int

    def __str__(self) -> str:
        return f"WD{self.number}:{self.day:02d}"


@dataclass(frozen=True)
class Relative:
    """`RD-1` yesterday, `AM-6` six months before the reference, `ND+1` the next day."""

    base: Base
    unit: Unit
    shift: int

    def __post_init__(self) -> None:
        if self.unit is Unit.YEAR:
            raise ValueError("a shifted year is a YearPart: use shifted()")

    def __str__(self) -> str:
        return f"{self.base}{self.unit}{self.shift:+d}"


@dataclass(frozen=True)
class Duration:
    # whole numbers, or a decimal as written (`5.7 years` -> P5.7Y, the guideline)
    years: int | Decimal = 0
    months: int | Decimal = 0
    weeks: int | Decimal = 0
    days: int | Decimal = 0

    def __str__(self) -> str:
        amounts = zip((self.years, self.months, self.weeks, self.days), "YMWD", strict=True)
        return "P" + "".join(f"{n}{code}" for n, code in amounts if n)


@dataclass(frozen=True)
class Fiscal:
    year: int  # labelled by its end
    part: Quarter | Half | None = None

    def __str__(self) -> str:
        return f"FY{self.year}" + ("" if self.part is None else f"-{self.part}")


@dataclass(frozen=True)
class Decade:
    number: int  # 199: the 1990s

    def __str__(self) -> str:
        return f"{self.number:03d}"


@dataclass(frozen=True)
class Century:
    number: int  # 19: the 1900s

    def __str__(self) -> str:
        return f"{self.number:02d}"


@dataclass(frozen=True)
class LatestDecade:
    """`the nineties`: the latest decade with this digit begun by the document date."""

    digit: int

    def __str__(self) -> str:
        return f"DECADE:{self.digit}"


@dataclass(frozen=True)
class YearToDate:
    """`year to date`: from the first of January of the reporting period's year to its last day."""

    def __str__(self) -> str:
        return "YTD"


@dataclass(frozen=True)
class PeriodInYear:
    """`the 1988 quarter`, `the same period last year`: the reporting period under discussion
    moved to that year (a year counted from it), else the year."""

    year: int | ShiftedYear

    def __str__(self) -> str:
        return f"PERIOD@{self.year:04d}" if isinstance(self.year, int) else f"PERIOD@{self.year}"


@dataclass(frozen=True)
class WeekOf:
    day: YearPart

    def __str__(self) -> str:
        return f"WEEKOF:{self.day}"


@dataclass(frozen=True)
class PeriodEnding:
    """`the nine months ended 30 June`: the months up to the last day of ``end``."""

    months: int
    end: YearPart
    fiscal: bool = False  # the release calls it fiscal: twelve months are a fiscal year
    part: Quarter | Half | None = None  # the quarter or half it is named (`the third quarter ended`)

    def __str__(self) -> str:
        part = f"{self.part}:" if self.part else ""
        return f"{'FISCAL' if self.fiscal else ''}SPAN{self.months}:{part}{self.end}"


@dataclass(frozen=True)
class Edge:
    """`the end of 2025`: the first or last day of a period."""

    side: Side
    of: Value  # an atom, see edge_of()

    def __str__(self) -> str:
        return f"{self.side}:{self.of}"


Atom = (
    YearPart
    | Weekday
    | WeekdayDay
    | Relative
    | Duration
    | Fiscal
    | Decade
    | Century
    | LatestDecade
    | PeriodInYear
    | YearToDate
    | WeekOf
    | PeriodEnding
    | Edge
)


@dataclass(frozen=True)
class Interval:
    start: Value  # an atom in a rule's value; a resolved quarter may stand here too
    end: Value

    def __str__(self) -> str:
        return f"{self.start}/{self.end}"


@dataclass(frozen=True)
class Alternatives:
    options: tuple[Value, ...]  # atoms or intervals

    def __str__(self) -> str:
        return "|".join(str(option) for option in self.options)


Value = Atom | Interval | Alternatives


# --- constructors -------------------------------------------------------------------------


def shifted(base: Base, unit: Unit, n: int) -> YearPart | Relative:
    """``n`` units from the base date: a year is a YearPart (`RY-1`), other units Relative (`RM-1`)."""
    if unit is Unit.YEAR:
        return YearPart(ShiftedYear(base, n))
    return Relative(base, unit, n)


def duration(unit: Unit, amount: int | Decimal) -> Duration:
    """`P3M` from (M, 3); a unit of ``data/units.tsv`` (Y, M, W, D). Months take the largest
    whole unit (contract v1.1): `12 months` and `four quarters` -> P1Y, `18 months` -> P18M;
    days and weeks stay as written; a decimal stays one (`1.5 decades` -> P15Y, `9.4 years` -> P9.4Y)."""
    if isinstance(amount, Decimal) and amount == amount.to_integral_value():
        amount = int(amount)
    if unit is Unit.MONTH and amount and amount % 12 == 0:
        return Duration(years=amount // 12)
    fields = {Unit.YEAR: "years", Unit.MONTH: "months", Unit.WEEK: "weeks", Unit.DAY: "days"}
    return Duration(**{fields[unit]: amount})


def first_months(year: int | ShiftedYear, months: int) -> Interval:
    """The year's first ``months`` months as days (`the first nine months of 2024`, `9M 2024`)."""
    return Interval(YearPart(year, MonthDay(1, 1)), Edge(Side.END, YearPart(year, Month(months))))


def day(date: dt.date) -> YearPart:
    return YearPart(date.year, MonthDay(date.month, date.day))


def one_of(options: list[Value]) -> Value | None:
    """The readings of a phrase, duplicates dropped: None, the one reading or Alternatives."""
    distinct = tuple(dict.fromkeys(options))
    if len(distinct) > 1:
        return Alternatives(distinct)
    return distinct[0] if distinct else None


def edge_of(side: Side, value: Value) -> Value:
    """`the end of <value>`; of an interval or alternatives, the first side's edge (the
    grammar read `END:2014/2020` as the end of 2014 to 2020)."""
    if isinstance(value, Interval):
        return Interval(edge_of(side, value.start), value.end)
    if isinstance(value, Alternatives):
        first, *rest = value.options
        return Alternatives((edge_of(side, first), *rest))
    return Edge(side, value)


# --- reading a value ----------------------------------------------------------------------


def atoms(value: Value) -> Iterator[Atom]:
    """The innermost atoms of ``value`` in reading order (inside intervals, alternatives,
    edges, `WEEKOF` and `SPAN`)."""
    if isinstance(value, Interval):
        yield from atoms(value.start)
        yield from atoms(value.end)
    elif isinstance(value, Alternatives):
        for option in value.options:
            yield from atoms(option)
    elif isinstance(value, Edge):
        yield from atoms(value.of)
    elif isinstance(value, WeekOf):
        yield value.day
    elif isinstance(value, PeriodEnding):
        yield value.end
    else:
        yield value


def bases(value: Value) -> set[Base]:
    """What the shifted years and relative units of ``value`` count from."""
    found = set()
    for atom in atoms(value):
        if isinstance(atom, Relative):
            found.add(atom.base)
        elif isinstance(atom, (YearPart, PeriodInYear)) and isinstance(atom.year, ShiftedYear):
            found.add(atom.year.base)
    return found


def year_less(value: Value) -> list[YearPart]:
    """The parts of ``value`` with no year stated (`XXXX-11-10`), in reading order."""
    return [a for a in atoms(value) if isinstance(a, YearPart) and a.year is None]


def map_year_less(value: Value, change: Callable[[YearPart], YearPart], first_only: bool = False) -> Value:
    """``value`` with ``change`` applied to its year-less parts (to the first one only)."""
    changed = False

    def visit_part(part: YearPart) -> YearPart:
        nonlocal changed
        if part.year is not None or (first_only and changed):
            return part
        changed = True
        return change(part)

    def visit(value: Value) -> Value:
        if isinstance(value, YearPart):
            return visit_part(value)
        if isinstance(value, Interval):
            return Interval(visit(value.start), visit(value.end))
        if isinstance(value, Alternatives):
            return Alternatives(tuple(visit(option) for option in value.options))
        if isinstance(value, Edge):
            return Edge(value.side, visit(value.of))
        if isinstance(value, WeekOf):
            return WeekOf(visit_part(value.day))
        if isinstance(value, PeriodEnding):
            return replace(value, end=visit_part(value.end))
        return value

    return visit(value)


# --- parsing the text of a value ------------------------------------------------------------

DIRECTION = r"(?P<direction>~?[<>]=?)?"
PART = r"(?:-(?P<part>\d\d(?:-\d\d)?|[QH][1-4]|SP|SU|FA|WI|HOL-[\w:-]+))?"
SHIFTED_YEAR = re.compile(r"(?P<base>[RAN])Y(?P<shift>[+-]\d+)")
YEAR_PART = re.compile(rf"(?P<year>\d{{4}}|XXXX|{SHIFTED_YEAR.pattern}){PART}{DIRECTION}")
RELATIVE = re.compile(r"(?P<base>[RAN])(?P<unit>WE|D|W|M|Q|H)(?P<shift>[+-]\d+)")
WEEKDAY = re.compile(rf"WD(?P<number>[1-7]){DIRECTION}")
WEEKDAY_DAY = re.compile(r"WD(?P<number>[1-7]):(?P<day>\d\d)")
DURATION = re.compile(r"P(?:(?P<years>[\d.]+)Y)?(?:(?P<months>[\d.]+)M)?(?:(?P<weeks>[\d.]+)W)?(?:(?P<days>[\d.]+)D)?")
FISCAL = re.compile(r"FY(?P<year>\d{4})(?:-(?P<part>[QH][1-4]))?")
WRAPPED = re.compile(
    r"(?P<kind>START|END|WEEKOF|(?P<fiscal>FISCAL)?SPAN(?P<months>\d+)):(?:(?P<part>[QH][1-4]):)?(?P<inner>.+)"
)


def holiday_rule(text: str) -> HolidayRule:
    """A rule of ``data/holidays.tsv``: `12-25`, `nth:4:4:11`, `last:1:05`, `easter`, `easter:-2`."""
    kind, *args = text.split(":")
    if kind == "nth":
        nth, weekday, month = map(int, args)
        return NthWeekday(nth, weekday, month)
    if kind == "last":
        weekday, month = map(int, args)
        return LastWeekday(weekday, month)
    if kind == "easter":
        return Easter(int(args[0]) if args else 0)
    if m := re.fullmatch(r"(\d\d)-(\d\d)", text):
        return MonthDay(int(m[1]), int(m[2]))
    raise ValueError(f"not a holiday rule: {text!r}")


def _quarter_or_half(text: str) -> Quarter | Half:
    return Quarter(int(text[1])) if text[0] == "Q" else Half(int(text[1]))


def _part(text: str) -> Part:
    if text.startswith("HOL-"):
        return Holiday(holiday_rule(text[4:]))
    if text[0] in "QH":
        return _quarter_or_half(text)
    if text[0].isdigit():
        month, *rest = map(int, text.split("-"))
        return MonthDay(month, rest[0]) if rest else Month(month)
    return Season(text)


def _atom(text: str) -> Atom:
    if m := WRAPPED.fullmatch(text):
        inner = _atom(m["inner"])
        if m["kind"] in ("START", "END"):
            return Edge(Side(m["kind"]), inner)
        if not isinstance(inner, YearPart):
            raise ValueError(f"not a date value: {text!r}")
        if m["kind"] == "WEEKOF":
            return WeekOf(inner)
        named = _quarter_or_half(m["part"]) if m["part"] else None
        return PeriodEnding(int(m["months"]), inner, bool(m["fiscal"]), named)
    if text.startswith("DECADE:"):
        return LatestDecade(int(text[7:]))
    if text == "YTD":
        return YearToDate()
    if text.startswith("PERIOD@"):
        shifted = SHIFTED_YEAR.fullmatch(text, 7)
        return PeriodInYear(ShiftedYear(Base(shifted["base"]), int(shifted["shift"])) if shifted else int(text[7:]))
    if re.fullmatch(r"\d{3}", text):
        return Decade(int(text))
    if re.fullmatch(r"\d{2}", text):
        return Century(int(text))
    if m := YEAR_PART.fullmatch(text):
        year: int | ShiftedYear | None = None
        if m["base"]:
            year = ShiftedYear(Base(m["base"]), int(m["shift"]))
        elif m["year"] != "XXXX":
            year = int(m["year"])
        part = _part(m["part"]) if m["part"] else None
        return YearPart(year, part, Direction(m["direction"] or ""))
    if m := RELATIVE.fullmatch(text):
        return Relative(Base(m["base"]), Unit(m["unit"]), int(m["shift"]))
    if m := WEEKDAY.fullmatch(text):
        return Weekday(int(m["number"]), Direction(m["direction"] or ""))
    if m := WEEKDAY_DAY.fullmatch(text):
        return WeekdayDay(int(m["number"]), int(m["day"]))
    if (m := DURATION.fullmatch(text)) and text != "P":
        return Duration(**{k: Decimal(v) if "." in v else int(v) for k, v in m.groupdict().items() if v})
    if m := FISCAL.fullmatch(text):
        return Fiscal(int(m["year"]), _quarter_or_half(m["part"]) if m["part"] else None)
    raise ValueError(f"not a date value: {text!r}")


def parse_value(text: str) -> Value:
    """The value written as ``text`` (``str(parse_value(t)) == t``)."""
    options: list[Value] = []
    for option in text.split("|"):
        start, slash, end = option.partition("/")
        options.append(Interval(_atom(start), _atom(end)) if slash else _atom(start))
    return options[0] if len(options) == 1 else Alternatives(tuple(options))
