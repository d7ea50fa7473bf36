"""Every extractor's examples corpus: phrase (in context), document date, expected mentions.

Each ``pipeline/**/examples_<type>.jsonl`` line is
``{"text", "date", "expect": [{"text", <field>: <value>, ...}], "xfail"?}``:
the full pipeline runs on ``text`` anchored at ``date`` and the mentions of
``<type>`` must be exactly ``expect`` (in order; only the fields given are
compared). ``"expect": []`` is a negative example. ``xfail`` marks a known
gap as a strict xfail: it fails the suite once it starts passing.
"""

import json
from pathlib import Path

import pytest

from pipeline.batch.extract import process
from pipeline.core.mentions import MENTION_TYPES, get_mentions
from pipeline.io.reader import InputDocument

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
EXAMPLE_FILES = sorted(PACKAGE.rglob("examples_*.jsonl"))


def load_examples():
    for path in EXAMPLE_FILES:
        type_name = path.stem.removeprefix("examples_")
        assert type_name in MENTION_TYPES, f"{path}: no mention type {type_name!r}"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                example = json.loads(line)
                assert isinstance(example["text"], str) and isinstance(example["expect"], list)
            except (json.JSONDecodeError, KeyError, AssertionError) as exc:
                raise AssertionError(f"{path}:{number}: malformed example: {exc!r}") from exc
            marks = [pytest.mark.xfail(reason=example["xfail"], strict=True)] if example.get("xfail") else []
            yield pytest.param(type_name, example, id=f"{type_name}:{example['text'][:70]}", marks=marks)


def test_every_type_has_an_examples_corpus():
    assert {p.stem.removeprefix("examples_") for p in EXAMPLE_FILES} == set(MENTION_TYPES)


@pytest.mark.parametrize("type_name, example", list(load_examples()))
def test_example(nlp, type_name, example):
    item = InputDocument("example", "<example>", example["text"], example.get("date"), "jsonl")
    [(_, doc)] = list(process(nlp, [item]))
    expected = [{k: "" if v is None else str(v) for k, v in e.items()} for e in example["expect"]]
    found = []
    for i, mention in enumerate(get_mentions(doc, type_name)):
        keys = expected[i].keys() if i < len(expected) else ("text", "rule")  # an extra shows its rule
        found.append({key: mention.get(key, "") for key in keys})
    assert found == expected
