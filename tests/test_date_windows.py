"""The date rules run paragraph by paragraph, only where they can match, and find exactly
what they find over the whole text."""

import json

from conftest import GOLD

from pipeline.extractors.dates.patterns import RULES, find_candidates, range_opening, windows


def whole_text_matches(text: str) -> list[tuple[int, str]]:
    """Where each rule's kept matches end over the whole text (a modifier may move a start),
    with the numbers opening a range such a match closes (`four` of `four to seven days`)."""
    lowered = text.lower()
    found = []
    for r in RULES:
        if r.opens_a_range or (r.needs and not any(word in lowered for word in r.needs)):
            continue
        for m in r.regex.finditer(text):
            if r.build(m, text) is not None:
                found.append((m.end(), r.name))
                if r.range_opener is not None:
                    found += [(c.end, c.rule.name) for c in range_opening(text, 0, m, r.range_opener, 0)]
    return found


def windowed_matches(text: str) -> list[tuple[int, str]]:
    return [(c.end, c.rule.name) for c in find_candidates(text)]


def gold_texts():
    for name in ("dev.jsonl", "holdout.jsonl", "holdout_b.jsonl", "real/real_dev.jsonl"):
        for line in GOLD.joinpath(name).read_text(encoding="utf-8").splitlines():
            yield json.loads(line)["text"]


def test_windows_find_every_candidate_the_whole_text_gives():
    for text in gold_texts():
        assert windowed_matches(text) == whole_text_matches(text), text[:80]


def test_a_paragraph_without_a_digit_or_calendar_word_is_skipped_by_rules_that_need_none():
    text = "The board met.\n\nIt will meet again this weekend.\n\nNothing else was said.\n"
    parts = windows(text, 0)
    assert [p.calendar for p in parts] == [False, True, False]
    assert [text[c.start : c.end] for c in find_candidates(text)] == ["this weekend"]


def test_a_date_right_before_a_blank_line_keeps_what_follows_it_in_view():
    text = "Sales rose in March\n\n2024 was a good year.\n"
    assert windowed_matches(text) == whole_text_matches(text) != []


def test_a_rule_that_names_a_month_runs_only_in_paragraphs_that_name_one():
    text = "Sales rose 4% last year.\n\nThe plant opens in May 2025, and the mayor spoke.\n"
    parts = windows(text, 0)
    assert [p.month for p in parts] == [False, True]
    assert ("month-year", text.index("May 2025")) in [(c.rule.name, c.start) for c in find_candidates(text)]
    assert windowed_matches(text) == whole_text_matches(text)
