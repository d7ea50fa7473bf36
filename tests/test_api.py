"""The Python API as the README and the package docstring show it."""

import doctest

import pytest

import pipeline
from pipeline.io.tables import columns_of


def test_api_package_docstring_examples_run():
    result = doctest.testmod(pipeline, verbose=False)
    assert result.attempted > 0 and result.failed == 0


def test_api_extract_returns_the_seven_tables_with_contract_columns():
    tables = pipeline.extract(
        [
            {"id": "a", "date": "2020-11-28", "text": "The Expo, held between Nov. 22 and 24, drew over 130 firms."},
            "An undated text: sales reached $2.5 million in 2021.",
        ]
    )
    assert set(tables) == {
        "documents",
        "dates",
        "counts",
        "money",
        "reports",
        "initiatives",
        "percentages",
        "measures",
        "entities",
    }
    for name, frame in tables.items():
        assert list(frame.columns) == columns_of(name)
    assert tables["documents"]["doc_id"].tolist() == ["a", "doc1"]
    assert tables["dates"][["doc_id", "text", "value"]].values.tolist()[0] == [
        "a",
        "Nov. 22 and 24",
        "2020-11-22/2020-11-24",
    ]
    assert tables["money"][["text", "value", "currency"]].values.tolist() == [["$2.5 million", "2500000", "USD"]]


def test_api_extract_names_the_document_with_an_impossible_date():
    with pytest.raises(ValueError, match=r"document 'x': date '2023-02-30'"):
        pipeline.extract([{"id": "x", "date": "2023-02-30", "text": "Opened today."}])


def test_extract_decides_the_date_as_the_readers_do(nlp):
    tables = pipeline.extract(
        ["date 2020-11-28 The Expo opened on Nov. 24.", {"id": "j", "text": "No date here."}], nlp
    )
    assert tables["documents"][["doc_id", "date", "date_source"]].values.tolist() == [
        ["doc0", "2020-11-28", "header"],
        ["j", "", "missing"],
    ]
    with pytest.raises(ValueError, match="'j': date '2020-02-30' is not a YYYY-MM-DD calendar date"):
        pipeline.extract([{"id": "j", "text": "Some text.", "date": "2020-02-30"}], nlp)
