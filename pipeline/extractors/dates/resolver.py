"""Phase two: resolve an underspecified value against the document date (and a reference period).

The rules emit values of :mod:`pipeline.extractors.dates.values` (the grammar is described
there); this module is the only place that knows the calendar. A resolved value is a
:class:`Period`: the final value, of the same types (`2023-11-10`, `2023-07-01/2023-09-30`,
`199`, `P2D`, `FY2024-Q4`), and its first and last day.

Year-less values (`XXXX`) take the year their :class:`~.values.Direction` selects:
``<`` the latest occurrence ended before the document date (``last May``), ``<=`` the
latest begun on or before it (``since May``), ``>`` / ``>=`` the mirror images
(``next May``); the hints ``~<`` / ``~>`` the nearest unless that lies more than two
months on the other side (a past / future tense verb), ``~<=`` / ``~>=`` the same
strictly (a quarter or half in the past tense has begun); with no document date the
hints keep ``XXXX``. Twelve months ending other than on 31 December are a fiscal year
with its bounds (``the year ended June 30, 2026`` -> ``FY2026``).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass, replace

from pipeline.extractors.dates.lexicon import SEASONS
from pipeline.extractors.dates.values import (
    Alternatives,
    Base,
    Century,
    Decade,
    Direction,
    Duration,
    Edge,
    Fiscal,
    Half,
    Holiday,
    HolidayRule,
    Interval,
    LastWeekday,
    LatestDecade,
    Month,
    MonthDay,
    NthWeekday,
    Part,
    PeriodEnding,
    PeriodInYear,
    Quarter,
    Relative,
    ShiftedYear,
    Side,
    Unit,
    Value,
    Weekday,
    WeekdayDay,
    WeekOf,
    YearPart,
    YearToDate,
    day,
)


@dataclass(frozen=True)
class Period:
    """A resolved value and its first and last day (None for a duration, a fiscal period
    stated by name, or a year-less date with no document date)."""

    value: Value
    begin: dt.date | None
    end: dt.date | None

    def bounds(self) -> tuple[dt.date, dt.date]:
        if self.begin is None or self.end is None:
            raise ValueError(f"{self.value} has no days")
        return self.begin, self.end


# How far the nearest reading may lie against the tense before the tense wins.
LEAN = dt.timedelta(days=62)
SEASON_MONTHS = {code: (first, last) for code, first, last in SEASONS.values()}
# A hint told strictly (`~<=`) selects as the plain direction does, given a document date.
STRICT = {Direction.HINT_ON_OR_BEFORE: Direction.ON_OR_BEFORE, Direction.HINT_ON_OR_AFTER: Direction.ON_OR_AFTER}


def month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(date: dt.date, months: int) -> dt.date:
    index = date.year * 12 + date.month - 1 + months
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def one_day(date: dt.date) -> Period:
    return Period(day(date), date, date)


def interval(begin: dt.date, end: dt.date) -> Period:
    return Period(Interval(day(begin), day(end)), begin, end)


def whole_year(year: int) -> Period:
    return Period(YearPart(year), dt.date(year, 1, 1), dt.date(year, 12, 31))


def whole_month(year: int, month: int) -> Period:
    return Period(YearPart(year, Month(month)), dt.date(year, month, 1), month_end(year, month))


def holiday(year: int, rule: HolidayRule) -> dt.date:
    """The day of a holiday rule from ``data/holidays.tsv`` in ``year``."""
    if isinstance(rule, MonthDay):
        return dt.date(year, rule.month, rule.day)
    if isinstance(rule, NthWeekday):
        first = dt.date(year, rule.month, 1)
        return first + dt.timedelta(days=(rule.weekday - first.isoweekday()) % 7 + 7 * (rule.nth - 1))
    if isinstance(rule, LastWeekday):
        last = month_end(year, rule.month)
        return last - dt.timedelta(days=(last.isoweekday() - rule.weekday) % 7)
    return easter(year) + dt.timedelta(days=rule.days)


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
    month, day_of_month = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day_of_month + 1)


def period_of(year: int, part: Part | None) -> Period | None:
    """The period ``part`` of ``year`` (the whole year when ``part`` is None)."""
    try:
        if part is None:
            return whole_year(year)
        if isinstance(part, Month):
            return whole_month(year, part.month)
        if isinstance(part, MonthDay):
            return one_day(dt.date(year, part.month, part.day))
        if isinstance(part, Holiday):
            return one_day(holiday(year, part.rule))
        if isinstance(part, Quarter):
            first = 3 * part.number - 2
            return interval(dt.date(year, first, 1), month_end(year, first + 2))
        if isinstance(part, Half):
            first = 6 * part.number - 5
            return interval(dt.date(year, first, 1), month_end(year, first + 5))
        if part.code in SEASON_MONTHS:
            first, last = SEASON_MONTHS[part.code]
            begin = dt.date(year - 1 if first > last else year, first, 1)
            return interval(begin, month_end(year, last))
    except ValueError:  # 29 February in a common year, day 31 of a short month
        return None
    return None


def _distance(period: Period, anchor: dt.date) -> int:
    begin, end = period.bounds()
    if begin <= anchor <= end:
        return 0
    return min(abs((begin - anchor).days), abs((end - anchor).days))


def year_less_value(part: Part | None) -> YearPart:
    """The value of a year-less period with no document date: `XXXX-11-10`, `XXXX-Q3`,
    a fixed holiday's day (`XXXX-12-25`); a movable holiday keeps only `XXXX`."""
    if isinstance(part, Holiday):
        return YearPart(None, part.rule) if isinstance(part.rule, MonthDay) else YearPart(None)
    return YearPart(None, part)


def choose_year(part: Part | None, direction: Direction, anchor: dt.date) -> Period | None:
    """The occurrence of a year-less ``part`` that the direction selects around ``anchor``."""
    options = [p for y in range(anchor.year - 2, anchor.year + 3) if (p := period_of(y, part))]
    tests = {
        Direction.BEFORE: lambda p: p.bounds()[1] < anchor,
        Direction.ON_OR_BEFORE: lambda p: p.bounds()[0] <= anchor,
        Direction.AFTER: lambda p: p.bounds()[0] > anchor,
        Direction.ON_OR_AFTER: lambda p: p.bounds()[1] >= anchor,
    }
    direction = STRICT.get(direction, direction)
    nearest = min(options, key=lambda p: _distance(p, anchor), default=None)
    if direction is Direction.HINT_BEFORE and nearest and nearest.bounds()[0] > anchor + LEAN:
        direction = Direction.ON_OR_BEFORE  # told in the past tense: not months ahead
    if direction is Direction.HINT_AFTER and nearest and nearest.bounds()[1] < anchor - LEAN:
        direction = Direction.ON_OR_AFTER
    if direction in (Direction.BEFORE, Direction.ON_OR_BEFORE):
        fitting = [p for p in options if tests[direction](p)]
        return fitting[-1] if fitting else None
    if direction in (Direction.AFTER, Direction.ON_OR_AFTER):
        fitting = [p for p in options if tests[direction](p)]
        return fitting[0] if fitting else None
    return nearest


def _plain(value: Value, part: type[Month] | type[MonthDay] | None) -> bool:
    """A stated year with no part (``part`` None), a month or a day of one, as resolved."""
    return (
        isinstance(value, YearPart)
        and isinstance(value.year, int)
        and (value.part is None if part is None else isinstance(value.part, part))
        and not value.direction
    )


def shift(period: Period, unit: Unit, n: int, whole_period: bool = False) -> Period | None:
    """``period`` moved by ``n`` units, keeping its granularity (None when finer than it);
    with ``whole_period`` any run of whole months moves as it is (`the nine months ended 30
    September ... the same period last year`), not only a quarter or half."""
    months = {Unit.YEAR: 12 * n, Unit.HALF: 6 * n, Unit.QUARTER: 3 * n, Unit.MONTH: n}.get(unit)
    days = {Unit.WEEK: 7 * n, Unit.DAY: n}.get(unit)
    value = period.value
    if isinstance(value, Fiscal) and period.begin is None:  # `FY2024-Q2` a year back: `FY2023-Q2`
        return Period(Fiscal(value.year + n, value.part), None, None) if unit is Unit.YEAR else None
    begin, end = period.bounds()
    if _plain(value, None) and unit is Unit.YEAR:
        return period_of(begin.year + n, None)
    if _plain(value, Month) and months is not None:
        moved = add_months(begin, months)
        return whole_month(moved.year, moved.month)
    if begin == end and _plain(value, MonthDay):
        if months is not None:
            return one_day(add_months(begin, months))
        return one_day(begin + dt.timedelta(days=days)) if days is not None else None
    if isinstance(value, Interval) and months is not None:
        if not (is_calendar_unit(period) or (whole_period and whole_months(period))):
            return period_of(begin.year + months // 12, None) if unit is Unit.YEAR else None
        return interval(
            add_months(begin, months), add_months(end + dt.timedelta(days=1), months) - dt.timedelta(days=1)
        )
    return None


def whole_months(period: Period) -> bool:
    """The period's days are whole calendar months (from a first to a last day)."""
    begin, end = period.bounds()
    return begin.day == 1 and end == month_end(end.year, end.month)


def months_spanned(begin: dt.date, end: dt.date) -> int:
    """The calendar months from ``begin``'s to ``end``'s, both counted (April to June: 3)."""
    return (end.year - begin.year) * 12 + end.month - begin.month + 1


def is_calendar_unit(period: Period) -> bool:
    """A quarter, half or season (whole months, 3 or 6 long), not an arbitrary range."""
    begin, end = period.bounds()
    if not whole_months(period):
        return False
    return months_spanned(begin, end) in (3, 6)


def relative(unit: Unit, n: int, anchor: dt.date) -> Period:
    """The unit of time ``n`` units from the one containing ``anchor``."""
    if unit is Unit.DAY:
        return one_day(anchor + dt.timedelta(days=n))
    if unit in (Unit.WEEK, Unit.WEEKEND):
        monday = anchor - dt.timedelta(days=anchor.isoweekday() - 1) + dt.timedelta(days=7 * n)
        if unit is Unit.WEEKEND:
            return interval(monday + dt.timedelta(days=5), monday + dt.timedelta(days=6))
        return interval(monday, monday + dt.timedelta(days=6))
    if unit is Unit.MONTH:
        first = add_months(anchor.replace(day=1), n)
        return whole_month(first.year, first.month)
    size = {Unit.QUARTER: 3, Unit.HALF: 6}[unit]
    first = add_months(dt.date(anchor.year, (anchor.month - 1) // size * size + 1, 1), size * n)
    return interval(first, add_months(first, size) - dt.timedelta(days=1))


def weekday(number: int, direction: Direction, anchor: dt.date) -> Period:
    back = (anchor.isoweekday() - number) % 7
    forward = (number - anchor.isoweekday()) % 7
    if direction is Direction.BEFORE:
        back = back or 7
    if direction is Direction.AFTER:
        forward = forward or 7
    if direction in (Direction.BEFORE, Direction.ON_OR_BEFORE) or (not direction and back <= forward):
        return one_day(anchor - dt.timedelta(days=back))
    return one_day(anchor + dt.timedelta(days=forward))


def weekday_day(value: WeekdayDay, anchor: dt.date) -> Period | None:
    """The day numbered ``value.day`` that falls on the weekday, nearest ``anchor`` (a tie goes back)."""
    for distance in range(0, 400):
        for sign in (-1, 1):
            date = anchor + dt.timedelta(days=sign * distance)
            if date.day == value.day and date.isoweekday() == value.number:
                return one_day(date)
    return None


def _period(value: Value, anchor: dt.date | None, reference: Period | None) -> Period | None:
    """The period of one interval side; None when it cannot be resolved."""
    if isinstance(value, YearPart):
        return _year_part(value, anchor, reference)
    if isinstance(value, Edge):
        inner = _period(value.of, anchor, reference)
        if inner is None or inner.begin is None:
            return None
        begin, end = inner.bounds()
        return one_day(begin if value.side is Side.START else end)
    if isinstance(value, LatestDecade):  # `the nineties`: the latest such decade begun by the document date
        if anchor is None:
            return None
        first = anchor.year // 100 * 100 + 10 * value.digit
        first -= 100 if first > anchor.year else 0
        return Period(Decade(first // 10), dt.date(first, 1, 1), dt.date(first + 9, 12, 31))
    if isinstance(value, PeriodInYear):  # the reporting period under discussion, in another year
        if reference is not None and reference.begin and whole_months(reference):
            year = value.year if isinstance(value.year, int) else reference.begin.year + value.year.shift
            return shift(reference, Unit.YEAR, year - reference.begin.year, whole_period=True)
        return _year_part(YearPart(value.year), anchor, reference)
    if isinstance(value, YearToDate):  # the reporting period's year so far, else the document date's
        so_far = reference.end if reference is not None and reference.end is not None else anchor
        return interval(dt.date(so_far.year, 1, 1), so_far) if so_far else None
    if isinstance(value, PeriodEnding):
        last = _period(value.end, anchor, reference)
        return _period_ending(value.months, last.end, value.fiscal, value.part) if last and last.end else None
    if isinstance(value, WeekOf):
        inner = _period(value.day, anchor, reference)
        if inner is None or inner.begin is None:
            return None
        return relative(Unit.WEEK, 0, inner.begin)
    if isinstance(value, (Duration, Fiscal)):
        return Period(value, None, None)
    if isinstance(value, (Decade, Century)):
        span = 10 if isinstance(value, Decade) else 100
        first = value.number * span
        return Period(value, dt.date(first, 1, 1), dt.date(first + span - 1, 12, 31))
    if isinstance(value, Weekday):
        return weekday(value.number, value.direction, anchor) if anchor else None
    if isinstance(value, WeekdayDay):
        return weekday_day(value, anchor) if anchor else None
    if isinstance(value, Relative):
        return _relative(value, anchor, reference)
    return None


def _relative(value: Relative, anchor: dt.date | None, reference: Period | None) -> Period | None:
    if value.base is Base.REFERENCE and reference is not None and (moved := shift(reference, value.unit, value.shift)):
        return moved
    base = anchor
    # `the next day` counts only from a day, not from a month or a year before it
    if value.base is Base.FOLLOWING and reference is not None and reference.begin is not None:
        if value.unit is not Unit.DAY or reference.begin == reference.end:
            base = reference.begin
    return relative(value.unit, value.shift, base) if base else None


def _year_part(value: YearPart, anchor: dt.date | None, reference: Period | None) -> Period | None:
    year, part = value.year, value.part
    if isinstance(year, ShiftedYear):
        if (
            year.base is Base.REFERENCE
            and reference is not None
            and part is None
            and (moved := shift(reference, Unit.YEAR, year.shift))
        ):
            return moved
        base = anchor
        if year.base is not Base.DOCUMENT and reference is not None and reference.begin:
            base = reference.begin
        return period_of(base.year + year.shift, part) if base else None
    if year is None:
        if anchor is None:  # only a hint (a verb's tense) leaves it a date
            if value.direction and not value.direction.is_hint:
                return None
            return Period(year_less_value(part), None, None)
        return choose_year(part, value.direction, anchor)
    return period_of(year, part)


def _period_ending(months: int, end: dt.date, fiscal: bool, part: Quarter | Half | None = None) -> Period | None:
    """The ``months`` up to ``end``: twelve ending on 31 December are that year, twelve the
    release calls fiscal its fiscal year (``FY``); any other an interval of days (GUIDELINE:
    `the year ended 28 February 2011` -> `2010-03-01/2011-02-28`). A named quarter or half
    that is not the calendar's one ending there is a fiscal one, labelled by the year its
    fiscal year ends in, with its days (`the third quarter ended 31 December 2031` ->
    `FY2032-Q3`, October to December 2031)."""
    if not months:
        return None  # `the period ended ...`: the reporting period's length, known only later
    begin = add_months(end + dt.timedelta(days=1), -months)
    if months == 12 and (end.month, end.day) == (12, 31):
        return period_of(end.year, None)
    if months == 12 and fiscal:
        return Period(Fiscal(end.year), begin, end)
    if part is not None:
        size = 3 if isinstance(part, Quarter) else 6
        if months == size and (end.month - 1) // size + 1 != part.number:
            year_end = add_months(end, size * (12 // size - part.number))
            return Period(Fiscal(year_end.year, part), begin, end)
    return interval(begin, end)


def _interval(value: Value, anchor: dt.date | None, reference: Period | None) -> Period | None:
    if not isinstance(value, Interval):
        return _period(value, anchor, reference)
    left = _period(value.start, anchor, reference)
    if left is None:
        return None
    opened = _open_end(value.end) if left.begin is not None else None
    if opened is not None:
        right = _period(opened, left.begin, reference)
    else:
        right = _period(value.end, anchor, reference)
    if right is None:
        return None
    return Period(Interval(left.value, right.value), left.begin, right.end)


def _open_end(end: Value) -> Weekday | YearPart | None:
    """A year-less end or a weekday, with no direction, is the first such day on or after the start."""
    if isinstance(end, Weekday) and not end.direction:
        return replace(end, direction=Direction.ON_OR_AFTER)
    if isinstance(end, YearPart) and end.year is None and not end.direction:
        return replace(end, direction=Direction.ON_OR_AFTER)
    return None


def resolve(value: Value, anchor: dt.date | None, reference: Period | None = None) -> Period | None:
    """The period of ``value``; ``anchor`` is the document date (None: relative values stay
    unresolved); ``reference`` an earlier dated period in the sentence. None when it cannot
    be resolved (`February 30`)."""
    options = value.options if isinstance(value, Alternatives) else (value,)
    periods = [p for option in options if (p := _interval(option, anchor, reference)) is not None]
    if anchor is not None and len(periods) > 1:
        dated = [p for p in periods if p.begin]
        periods = sorted(dated, key=lambda p: _distance(p, anchor)) or periods
    return periods[0] if periods else None
