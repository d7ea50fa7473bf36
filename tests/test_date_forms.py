"""Every written form of a date, generated: the cross-product of the parts the grammar joins
(day as a number, with an ordinal suffix or as a word; month as a number, a name or an
abbreviation in any letter case; a 4-digit or apostrophe year; a weekday; the separators
``/ . -`` and space) over dates on both sides of the 12th, each run through the whole
pipeline and its value checked (``pipeline/extractors/dates/forms.py``)."""

import datetime as dt

import pytest

from pipeline.batch.extract import process
from pipeline.core.mentions import get_mentions
from pipeline.io.reader import InputDocument

DATES = [
    dt.date(2020, 9, 23),
    dt.date(2024, 3, 2),
    dt.date(2019, 12, 31),
    dt.date(2023, 1, 5),
    dt.date(2021, 7, 14),
    dt.date(2022, 11, 8),
    dt.date(2018, 6, 30),
    dt.date(2025, 4, 17),
    dt.date(2017, 10, 1),
    dt.date(2026, 2, 28),
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
MONTHS += ["November", "December"]
ABBREVIATIONS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
DAY_WORDS = {1: "first", 2: "second", 3: "third", 5: "fifth", 8: "eighth", 14: "fourteenth", 17: "seventeenth"}
DAY_WORDS |= {23: "twenty-third", 30: "thirtieth", 31: "thirty-first"}
CASES = {"title": str, "upper": str.upper, "lower": str.lower}


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def full_date_forms(d: dt.date) -> dict[str, str]:
    """Forms stating the year (a month name in ``{M}``, an abbreviation in ``{A}``)."""
    forms = {
        "iso": d.isoformat(),
        "iso-slash": f"{d.year}/{d.month:02d}/{d.day:02d}",
        "dotted-day-first": f"{d.day:02d}.{d.month:02d}.{d.year}",
        "year-abbr-day-slash": f"{d.year}/{{A}}/{d.day:02d}",
        "year-abbr-day-dash": f"{d.year}-{{A}}-{d.day}",
        "day-abbr-year-dash": f"{d.day}-{{A}}-{d.year}",
        "day-abbr-year-slash": f"{d.day:02d}/{{A}}/{d.year}",
        "day-abbr-short-year": f"{d.day}-{{A}}-{d.year % 100:02d}",
        "month-day-comma-year": f"{{M}} {d.day}, {d.year}",
        "month-day-year": f"{{M}} {d.day} {d.year}",
        "abbr-dot-day-year": f"{{A}}. {d.day}, {d.year}",
        "day-month-year": f"{d.day} {{M}} {d.year}",
        "ordinal-month-year": f"{ordinal(d.day)} {{M}} {d.year}",
        "ordinal-month-comma-year": f"{ordinal(d.day)} {{M}}, {d.year}",
        "month-ordinal-year": f"{{M}} {ordinal(d.day)}, {d.year}",
        "the-ordinal-of-month-year": f"the {ordinal(d.day)} of {{M}} {d.year}",
    }
    if d.day in DAY_WORDS:
        forms["the-word-of-month-year"] = f"the {DAY_WORDS[d.day]} of {{M}} {d.year}"
    if d.day > 12:  # the part over 12 decides
        forms["numeric-month-first"] = f"{d.month:02d}/{d.day:02d}/{d.year}"
        forms["numeric-day-first"] = f"{d.day}/{d.month}/{d.year}"
    return forms


def cases():
    for d in DATES:
        anchor = d + dt.timedelta(days=10)
        for name, form in full_date_forms(d).items():
            variants = CASES if "{" in form else {"-": str}
            for case, change in variants.items():
                text = form.format(M=change(MONTHS[d.month - 1]), A=change(ABBREVIATIONS[d.month - 1]))
                if case == "lower" and "the " in text and "{M}" in form and d.month == 5:
                    continue  # `the first of may` is no date without a capital
                yield pytest.param(text, anchor, d.isoformat(), id=f"{d}-{name}-{case}")
        # year-less forms: the occurrence nearest the document date
        for case in ("title", "upper"):
            change = CASES[case]
            month, abbr = change(MONTHS[d.month - 1]), change(ABBREVIATIONS[d.month - 1])
            for name, text in {
                "month-day": f"{month} {d.day}",
                "abbr-ordinal": f"{abbr} {ordinal(d.day)}",
                "the-ordinal-of-month": f"the {ordinal(d.day)} of {month}",
                "month-apostrophe-year": f"{month} {d.day}, '{d.year % 100:02d}",
            }.items():
                yield pytest.param(text, anchor, d.isoformat(), id=f"{d}-{name}-{case}")
        weekday = d.strftime("%A")
        for name, text in {
            "weekday-ordinal": f"{weekday} {ordinal(d.day)}",
            "weekday-abbr-ordinal": f"{weekday[:3]} {ordinal(d.day)}",
            "weekday-the-ordinal": f"{weekday} the {ordinal(d.day)}",
            "weekday-bracket": f"{weekday} ({d.day})",
            "weekday-month-day-year": f"{weekday}, {MONTHS[d.month - 1]} {d.day}, {d.year}",
        }.items():
            yield pytest.param(text, d + dt.timedelta(days=3), d.isoformat(), id=f"{d}-{name}")
        yield pytest.param(f"{d.year}{d.month:02d}{d.day:02d}", anchor, d.isoformat(), id=f"{d}-compact-dateline")


CASES_LIST = list(cases())


def test_there_are_at_least_500_forms():
    assert len(CASES_LIST) >= 500


@pytest.mark.parametrize("form, anchor, expected", CASES_LIST)
def test_form(nlp, form, anchor, expected):
    if form.isdigit():  # a compact date only in a dateline
        text = f"ARDEN, {form} -- The Arden council signed the pact."
    else:
        text = f"The Arden council signed the pact on {form} after a long debate."
    item = InputDocument("form", "<form>", text, anchor.isoformat(), "jsonl")
    [(_, doc)] = list(process(nlp, [item]))
    found = [(m["text"], m["value"]) for m in get_mentions(doc, "date")]
    assert found == [(form, expected)]
