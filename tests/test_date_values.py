"""The date value grammar (``pipeline/extractors/dates/values.py``): every value reads back
from its text, and every value the rules build on the examples corpus has a text that
reads back to it."""

import json
from pathlib import Path

import pytest

from pipeline.extractors.dates.patterns import find_candidates
from pipeline.extractors.dates.values import (
    Base,
    Direction,
    Duration,
    Edge,
    Interval,
    MonthDay,
    ShiftedYear,
    Side,
    YearPart,
    edge_of,
    map_year_less,
    parse_value,
)

EXAMPLES = Path(__file__).resolve().parent.parent / "pipeline" / "extractors" / "dates" / "examples_date.jsonl"


@pytest.mark.parametrize(
    "text",
    [
        "2023-11-10",
        "2023-11",
        "2023",
        "XXXX-11-10",
        "XXXX-03~<",
        "XXXX-05<=",
        "XXXX-01-15~>=",
        "RY-1",
        "AY-1-Q3",
        "NY+1",
        "RY+0-SU",
        "XXXX-WI>=",
        "XXXX-HOL-nth:4:4:11<",
        "2024-HOL-easter:-2",
        "RY+0-HOL-12-25",
        "RD-1",
        "RWE+0",
        "NQ-1",
        "WD5<=",
        "P2D",
        "P2Y6M",
        "P1M15D",
        "FY2024",
        "FY2024-Q4",
        "FY2024-H1",
        "199",
        "19",
        "09",
        "DECADE:9",
        "PERIOD@1988",
        "WEEKOF:XXXX-HOL-easter",
        "SPAN12:2026-06",
        "SPAN3:XXXX-09-30~<",
        "END:RY+1",
        "START:NM+1",
        "RY+0-01-01/END:RY+0-09",
        "WD5<=/WD7",
        "2009-07-03|2009-03-07",
    ],
)
def test_values_read_back_from_their_text(text):
    assert str(parse_value(text)) == text


@pytest.mark.parametrize("text", ["", "P", "FY", "XXXX-13x", "WD8", "DECADE:", "2023-11-10/", "WEEKOF:P2D"])
def test_values_refuse_what_is_not_a_value(text):
    with pytest.raises(ValueError):
        parse_value(text)


def test_values_built_by_the_rules_read_back():
    for line in EXAMPLES.read_text(encoding="utf-8").splitlines():
        text = json.loads(line)["text"]
        for candidate in find_candidates(text):
            assert parse_value(str(candidate.value)) == candidate.value, text


def test_values_edge_of_an_interval_narrows_its_start():
    interval = Interval(YearPart(2014), YearPart(2020))
    assert edge_of(Side.END, interval) == Interval(Edge(Side.END, YearPart(2014)), YearPart(2020))
    assert str(edge_of(Side.END, interval)) == "END:2014/2020"


def test_values_map_year_less_reaches_nested_parts():
    value = parse_value("XXXX-11-22/XXXX-11-24")
    leaned = map_year_less(value, lambda p: YearPart(p.year, p.part, Direction.HINT_BEFORE), first_only=True)
    assert str(leaned) == "XXXX-11-22~</XXXX-11-24"
    stated = map_year_less(parse_value("WEEKOF:XXXX-11-01~<"), lambda p: YearPart(2024, p.part))
    assert str(stated) == "WEEKOF:2024-11-01"


def test_values_fields_say_what_the_text_says():
    assert parse_value("AY-1") == YearPart(ShiftedYear(Base.REFERENCE, -1))
    assert parse_value("XXXX-11-10~<") == YearPart(None, MonthDay(11, 10), Direction.HINT_BEFORE)
    assert parse_value("P2Y6M") == Duration(years=2, months=6)
