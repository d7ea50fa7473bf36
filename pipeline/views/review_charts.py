"""Inline SVG charts for the review page: a timeline of dates, money by currency, counts by unit.

Pure functions from table rows (dicts of strings) to SVG markup: no
JavaScript, no fonts or files to fetch, the same rows always give the same bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections import Counter, defaultdict
from decimal import Decimal, InvalidOperation
from html import escape

WIDTH = 900
BAR_HEIGHT = 20
MAX_BARS = 15
MAX_YEARS_BY_MONTH = 6  # beyond this span the timeline counts years, not months
OUTLIER_SHARE = 0.02  # dates beyond these quantiles are pooled into "earlier" and "later"


def _decimal(value: str) -> Decimal | None:
    try:
        number = Decimal(value)
    except (InvalidOperation, ValueError):
        return None
    return number if number.is_finite() else None


def human_number(value: Decimal) -> str:
    """``57830000000`` -> ``57.83 bn``: short enough for a chart label."""
    for size, suffix in ((Decimal(10) ** 12, " tn"), (Decimal(10) ** 9, " bn"), (Decimal(10) ** 6, " m")):
        if abs(value) >= size:
            return f"{(value / size).quantize(Decimal('0.01')).normalize():f}{suffix}"
    return f"{value.quantize(Decimal('0.01')).normalize():,f}"


def _mentions(n: int) -> str:
    return f"{n} mention" if n == 1 else f"{n} mentions"


def _empty(message: str) -> str:
    return (
        f'<svg class="chart" role="img" width="{WIDTH}" height="30" viewBox="0 0 {WIDTH} 30">'
        f'<text x="0" y="20" class="empty">{escape(message)}</text></svg>'
    )


def _bar_chart(bars: list[tuple[str, float, str, str]], css_class: str, note: str) -> str:
    """Horizontal bars: (label, length 0..1, text after the bar, tooltip)."""
    label_width, bar_space = 180, WIDTH - 180 - 260
    height = BAR_HEIGHT * len(bars) + 24
    parts = [
        f'<svg class="chart {css_class}" role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">'
    ]
    for i, (label, length, after, tip) in enumerate(bars):
        y = i * BAR_HEIGHT
        width = max(1.0, length * bar_space)
        parts.append(
            f"<g><title>{escape(tip)}</title>"
            f'<text x="{label_width - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 3}" width="{width:.1f}" height="{BAR_HEIGHT - 6}"/>'
            f'<text x="{label_width + width + 6:.1f}" y="{y + 14}">{escape(after)}</text></g>'
        )
    parts.append(f'<text x="{label_width}" y="{height - 6}" class="note">{escape(note)}</text></svg>')
    return "".join(parts)


def money_chart(rows: list[dict]) -> str:
    """Total amount per currency; bar length on a log scale, since currencies differ by orders of magnitude."""
    totals: dict[str, Decimal] = defaultdict(Decimal)
    mentions: Counter = Counter()
    for row in rows:
        value = _decimal(row.get("value", ""))
        if value is not None and value >= 0:
            currency = row.get("currency") or "?"
            totals[currency] += value
            mentions[currency] += 1
    if not totals:
        return _empty("No money amount with a value.")
    top = sorted(totals, key=lambda c: (-mentions[c], c))[:MAX_BARS]
    largest = math.log10(float(max(totals[c] for c in top)) + 1) or 1.0
    bars = [
        (
            c,
            math.log10(float(totals[c]) + 1) / largest,
            f"{human_number(totals[c])} ({_mentions(mentions[c])})",
            f"{c}: total {totals[c]:f} over {_mentions(mentions[c])}",
        )
        for c in top
    ]
    note = "bar length: total amount, log scale" + (
        f"; {len(totals) - len(top)} more currencies" if len(totals) > len(top) else ""
    )
    return _bar_chart(bars, "money", note)


def counts_chart(rows: list[dict]) -> str:
    """Mentions per counted unit (the most frequent units), with the sum of their values."""
    sums: dict[str, Decimal] = defaultdict(Decimal)
    mentions: Counter = Counter()
    for row in rows:
        unit = row.get("unit") or "(no unit)"
        mentions[unit] += 1
        value = _decimal(row.get("value", ""))
        if value is not None:
            sums[unit] += value
    if not mentions:
        return _empty("No count.")
    top = sorted(mentions, key=lambda u: (-mentions[u], u))[:MAX_BARS]
    most = mentions[top[0]]
    bars = [
        (
            u,
            mentions[u] / most,
            f"{_mentions(mentions[u])}, sum {human_number(sums[u])}",
            f"{u}: {_mentions(mentions[u])}, values summing to {sums[u]:f}",
        )
        for u in top
    ]
    note = "bar length: number of mentions" + (
        f"; {len(mentions) - len(top)} more units" if len(mentions) > len(top) else ""
    )
    return _bar_chart(bars, "counts", note)


def _day(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return None


class _Buckets:
    """Months or years between two dates, each with an index on the time axis."""

    def __init__(self, low: dt.date, high: dt.date):
        self.by_month = high.year - low.year <= MAX_YEARS_BY_MONTH
        self.low, self.high = self.key(low), self.key(high)

    def key(self, day: dt.date) -> int:
        return day.year * 12 + day.month - 1 if self.by_month else day.year

    def label(self, key: int) -> str:
        return f"{key // 12}-{key % 12 + 1:02d}" if self.by_month else str(key)

    def period(self, key: int) -> str:
        """The bucket's first and last day, ``YYYY-MM-DD/YYYY-MM-DD``."""
        if not self.by_month:
            return f"{key}-01-01/{key}-12-31"
        year, month = divmod(key, 12)
        month += 1
        return f"{year}-{month:02d}-01/{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"

    def __len__(self) -> int:
        return self.high - self.low + 1


def timeline_chart(rows: list[dict]) -> str:
    """Dates across the batch: a bar per month (or year) for dates that fit in it, and a
    lighter band for longer periods (a whole year, a quarter, a range) covering it."""
    spans = [
        (b, e, r)
        for b, e, r in ((_day(r.get("begin", "")), _day(r.get("end_date", "")), r) for r in rows)
        if b and e and b <= e
    ]
    if not spans:
        return _empty("No date with calendar days (durations and unresolved dates are not drawn).")
    begins, ends = sorted(b for b, _, _ in spans), sorted(e for _, e, _ in spans)
    cut = int(len(spans) * OUTLIER_SHARE)
    buckets = _Buckets(begins[cut], ends[len(ends) - 1 - cut])
    points: Counter = Counter()
    cover: Counter = Counter()
    examples: dict[int, list[str]] = defaultdict(list)
    earlier = later = 0
    for begin, end, row in spans:
        first, last = buckets.key(begin), buckets.key(end)
        if last < buckets.low:
            earlier += 1
        elif first > buckets.high:
            later += 1
        elif first == last:
            points[first] += 1
            if len(examples[first]) < 5:
                examples[first].append(row.get("text", ""))
        else:
            for key in range(max(first, buckets.low), min(last, buckets.high) + 1):
                cover[key] += 1
    left, right, top, plot_height = 40, 30, 10, 140  # room on the right for the last axis label
    plot_width = WIDTH - left - right
    step = plot_width / len(buckets)
    highest = max([1, *points.values(), *cover.values()])
    height = top + plot_height + 60
    parts = [
        f'<svg class="chart timeline" role="img" width="{WIDTH}" height="{height}" viewBox="0 0 {WIDTH} {height}">',
        f'<text x="{left - 4}" y="{top + 10}" text-anchor="end">{highest}</text>',
        f'<text x="{left - 4}" y="{top + plot_height}" text-anchor="end">0</text>',
        f'<line x1="{left}" y1="{top + plot_height}" x2="{WIDTH - right}" y2="{top + plot_height}" class="axis"/>',
    ]
    label_every = max(1, math.ceil(len(buckets) / 12))
    for i in range(len(buckets)):
        key = buckets.low + i
        x = left + i * step
        label = buckets.label(key)
        if cover[key]:
            h = cover[key] / highest * plot_height
            parts.append(
                f'<rect class="cover" x="{x:.1f}" y="{top + plot_height - h:.1f}" width="{step:.1f}" height="{h:.1f}">'
                f"<title>{escape(label)}: covered by {cover[key]} longer periods</title></rect>"
            )
        if points[key]:
            h = points[key] / highest * plot_height
            tip = f"{label}: {_mentions(points[key])}, e.g. " + "; ".join(examples[key]) + " (click: the documents)"
            parts.append(
                f'<rect class="point" data-period="{buckets.period(key)}" x="{x + step * 0.15:.1f}" '
                f'y="{top + plot_height - h:.1f}" width="{step * 0.7:.1f}" height="{h:.1f}">'
                f"<title>{escape(tip)}</title></rect>"
            )
        if i % label_every == 0:
            parts.append(f'<text x="{x:.1f}" y="{top + plot_height + 16}">{escape(label)}</text>')
    pooled = []
    if earlier:
        pooled.append(f"{earlier} earlier")
    if later:
        pooled.append(f"{later} later")
    note = (
        f"dark bars: dates within one {'month' if buckets.by_month else 'year'}; light band: longer periods covering it"
        + (f"; not drawn: {', '.join(pooled)}" if pooled else "")
    )
    parts.append(f'<text x="{left}" y="{height - 8}" class="note">{escape(note)}</text></svg>')
    return "".join(parts)
