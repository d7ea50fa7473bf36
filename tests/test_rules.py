"""Every rule an extractor package names in ``RULE_NAMES`` produces a mention in one of the
package's examples (``examples_*.jsonl`` beside its rules, loaded by ``test_examples``): a
rule no example shows is untested, or dead. And every rule the examples produce is named.
A package whose row ``rule`` may carry more than the rule's name (dates: `end-of+month`)
gives the rule back with ``base_rule``.
"""

import importlib
from pathlib import Path

import pytest
from test_examples import EXAMPLE_FILES, load_examples

from pipeline.batch.extract import process
from pipeline.core.mentions import get_mentions
from pipeline.io.reader import InputDocument

PACKAGES = [
    "pipeline.extractors.dates",
    "pipeline.extractors.numbers",
    "pipeline.extractors.names",
    "pipeline.extractors.percentages",
    "pipeline.extractors.measures",
]


@pytest.mark.parametrize("package_name", PACKAGES)
def test_rules_every_rule_fires_on_an_example(nlp, package_name):
    package = importlib.import_module(package_name)
    folder = Path(package.__file__).parent
    types = {path.stem.removeprefix("examples_") for path in EXAMPLE_FILES if path.parent == folder}
    examples = [param.values for param in load_examples() if param.values[0] in types]
    items = [
        InputDocument(str(i), "<example>", example["text"], example.get("date"), "jsonl")
        for i, (_, example) in enumerate(examples)
    ]
    base_rule = getattr(package, "base_rule", lambda rule: rule)
    produced = {
        base_rule(mention["rule"])
        for item, doc in process(nlp, items)
        for mention in get_mentions(doc, examples[int(item.doc_id)][0])
    }
    unshown = sorted(package.RULE_NAMES - produced)
    assert not unshown, f"{package_name}: no example produces the rules {unshown}"
    unnamed = sorted(produced - package.RULE_NAMES)
    assert not unnamed, f"{package_name}: RULE_NAMES misses the rules {unnamed}"
