"""The scorer, on hand-made gold and predictions: each figure the contract defines."""

import json

import pytest

from pipeline.evaluation.scoring import GoldDocument, GoldError, load_gold, score, values_agree


def mention(type_name, start, end, **fields):
    return {"type": type_name, "start": start, "end": end, "text": "x" * (end - start), **fields}


def test_scoring_strict_relaxed_and_value_are_counted_separately():
    gold = [
        GoldDocument(
            "d",
            None,
            "",
            [
                mention("count", 0, 10, value=1800, qualifier=">", unit="guest"),
                mention("count", 20, 23, value=126, qualifier="=", unit="country"),
                mention("count", 40, 42, value=15, qualifier="=", unit="expert"),
            ],
        )
    ]
    pred = {
        "d": {
            "count": [
                {"start": 0, "end": 10, "value": "1800", "qualifier": ">", "unit": "guest"},  # strict, value ok
                {"start": 19, "end": 23, "value": "126", "qualifier": "=", "unit": "nation"},  # relaxed, wrong unit
                {"start": 60, "end": 62, "value": "3", "qualifier": "=", "unit": "x"},  # extra
            ]
        }
    }
    counts = score(gold, pred, ["count"]).by_type["count"]
    assert (counts.gold, counts.pred, counts.strict, counts.relaxed, counts.value) == (3, 3, 1, 2, 1)
    assert counts.prf(counts.relaxed) == pytest.approx((2 / 3, 2 / 3, 2 / 3))


def test_scoring_relaxed_pairs_are_greedy_by_largest_overlap():
    gold = [GoldDocument("d", None, "", [mention("date", 0, 10, value="a"), mention("date", 8, 20, value="b")])]
    pred = {"d": {"date": [{"start": 5, "end": 20, "value": "b"}]}}
    scores = score(gold, pred, ["date"])
    [match] = [o for o in scores.outcomes if o.kind == "match"]
    assert match.gold["start"] == 8  # overlap 12 beats overlap 5
    assert scores.by_type["date"].relaxed == 1


def test_scoring_one_gold_mention_matches_at_most_one_prediction():
    gold = [GoldDocument("d", None, "", [mention("date", 0, 10, value="2023")])]
    pred = {"d": {"date": [{"start": 0, "end": 10, "value": "2023"}, {"start": 0, "end": 10, "value": "2023"}]}}
    counts = score(gold, pred, ["date"]).by_type["date"]
    assert (counts.strict, counts.relaxed, counts.value, counts.pred) == (1, 1, 1, 2)


@pytest.mark.parametrize(
    "type_name, gold, pred, agree",
    [
        (
            "money",
            {"value": 57830000000, "currency": "USD", "qualifier": "="},
            {"value": "57830000000.00000001", "currency": "usd", "qualifier": "="},
            True,
        ),
        (
            "money",
            {"value": 100, "currency": "USD", "qualifier": "="},
            {"value": "101", "currency": "USD", "qualifier": "="},
            False,
        ),
        (
            "count",
            {"value": 2.5, "qualifier": "~", "unit": "guest"},
            {"value": "2.50", "qualifier": "~", "unit": "guest"},
            True,
        ),
        (
            "report",
            {"title": "World  Report", "year": "2023", "version": ""},
            {"title": "world report", "year": "2023", "version": ""},
            True,
        ),
        (
            "report",
            {"title": "World Report", "year": 2023, "version": None},
            {"title": "World Report", "year": "2023", "version": ""},
            True,
        ),
        ("initiative", {"name": "Expo", "kind": "event"}, {"name": "Expo", "kind": "program"}, False),
        ("date", {"value": "P1Y"}, {"value": "P1Y"}, True),
    ],
)
def test_scoring_value_agreement(type_name, gold, pred, agree):
    assert values_agree(type_name, gold, pred) is agree


def test_scoring_gold_loader_names_file_and_line_of_a_bad_mention(tmp_path):
    path = tmp_path / "gold.jsonl"
    good = {
        "doc_id": "a",
        "text": "On Nov. 24",
        "mentions": [{"type": "date", "start": 3, "end": 10, "text": "Nov. 24"}],
    }
    bad = {"doc_id": "b", "text": "On Nov. 24", "mentions": [{"type": "date", "start": 0, "end": 2, "text": "Nov"}]}
    path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n", encoding="utf-8")
    with pytest.raises(GoldError, match=r"gold.jsonl:2: mention 'Nov'"):
        load_gold(path)


def test_scoring_reads_the_v1_1_types_and_values_percentages_and_measures(tmp_path):
    text = "Sales rose 6% on 50,000 square meters."
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc_id": "a",
                "date": "2024-01-02",
                "text": text,
                "mentions": [
                    {
                        "type": "percentage",
                        "start": 11,
                        "end": 13,
                        "text": "6%",
                        "value": 6,
                        "unit": "percent",
                        "kind": "change",
                        "qualifier": "=",
                    },
                    {
                        "type": "measure",
                        "start": 17,
                        "end": 37,
                        "text": "50,000 square meters",
                        "value": 50000,
                        "unit": "square metre",
                        "dimension": "area",
                        "qualifier": "=",
                    },
                ],
            }
        )
        + "\n"
    )
    docs = load_gold(gold)
    right = {"a": {"percentage": [dict(docs[0].mentions[0])], "measure": [dict(docs[0].mentions[1], unit="metre")]}}
    scores = score(docs, right, ["percentage", "measure"])
    assert scores.by_type["percentage"].value == 1
    assert scores.by_type["measure"].relaxed == 1 and scores.by_type["measure"].value == 0
