"""``eval --save`` / ``--baseline`` / ``--tolerance`` on hand-made gold and output folders."""

import json

import pytest
from fake_outputs import baseline_mentions, mention, write_gold, write_output

from pipeline.cli import main
from pipeline.evaluation.regression import EXIT_REGRESSION


@pytest.fixture
def gold(tmp_path):
    return write_gold(tmp_path / "gold.jsonl", baseline_mentions())


def evaluate(gold, folder, *options):
    return main(["eval", str(gold), "--pred", str(folder), *map(str, options)])


def worse_mentions():
    """The count in document a lost, and a wrong money value."""
    mentions = [m for m in baseline_mentions() if not (m["doc_id"] == "a" and m["type"] == "count")]
    for m in mentions:
        if m["type"] == "money":
            m["value"] = "3000"
    return mentions


def test_regression_save_stores_scores_and_every_outcome(tmp_path, gold):
    folder = write_output(tmp_path / "out", baseline_mentions()[1:])  # the date in a is missed
    saved = tmp_path / "scores.json"
    assert evaluate(gold, folder, "--save", saved) == 0
    record = json.loads(saved.read_text())
    assert record["scores"]["date"]["value"]["tp"] == 1
    kinds = sorted((o["type"], o["kind"]) for o in record["outcomes"])
    assert ("date", "missed") in kinds and kinds.count(("count", "match")) == 2
    missed = next(o for o in record["outcomes"] if o["kind"] == "missed")
    assert missed["context"].count("[[March 4]]") == 1


def test_regression_save_is_deterministic(tmp_path, gold):
    folder = write_output(tmp_path / "out", baseline_mentions())
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    evaluate(gold, folder, "--save", first)
    evaluate(gold, folder, "--save", second)
    assert first.read_bytes() == second.read_bytes()


def test_regression_baseline_unchanged_passes(tmp_path, gold, capsys):
    folder = write_output(tmp_path / "out", baseline_mentions())
    saved = tmp_path / "scores.json"
    evaluate(gold, folder, "--save", saved)
    capsys.readouterr()
    assert evaluate(gold, folder, "--baseline", saved) == 0
    out = capsys.readouterr().out
    assert "Newly broken: 0" in out and "Newly fixed: 0" in out
    assert "No value F1 dropped" in out


def test_regression_baseline_lists_broken_with_context_and_fails(tmp_path, gold, capsys):
    saved = tmp_path / "scores.json"
    evaluate(gold, write_output(tmp_path / "old", baseline_mentions()), "--save", saved)
    capsys.readouterr()
    status = evaluate(gold, write_output(tmp_path / "new", worse_mentions()), "--baseline", saved)
    out = capsys.readouterr().out
    assert status == EXIT_REGRESSION
    assert "Newly broken: 2" in out
    assert "BROKEN count      a:" in out and "match -> missed" in out
    assert "match -> wrong" in out and "[[$3 million]]" in out
    assert "REGRESSION" in out and "money 1.000 -> 0.000" in out


def test_regression_tolerance_allows_small_drops(tmp_path, gold):
    saved = tmp_path / "scores.json"
    evaluate(gold, write_output(tmp_path / "old", baseline_mentions()), "--save", saved)
    new = write_output(tmp_path / "new", worse_mentions())
    assert evaluate(gold, new, "--baseline", saved, "--tolerance", "0.5") == EXIT_REGRESSION  # money fell by 1
    assert evaluate(gold, new, "--baseline", saved, "--tolerance", "1") == 0


def test_regression_baseline_lists_fixed_and_new_extras(tmp_path, gold, capsys):
    saved = tmp_path / "scores.json"
    evaluate(gold, write_output(tmp_path / "old", worse_mentions()), "--save", saved)
    extra = mention("b", "count", "today", value="1", qualifier="=", unit="day")
    capsys.readouterr()
    status = evaluate(gold, write_output(tmp_path / "new", baseline_mentions() + [extra]), "--baseline", saved)
    out = capsys.readouterr().out
    assert "Newly fixed: 2" in out and "missed -> match" in out and "wrong -> match" in out
    assert "Newly broken: 1" in out and "new extra" in out and "[[today]]" in out
    assert status == 0  # the fixed count outweighs the extra one: count value F1 rises


def test_regression_baseline_then_save_to_the_same_file(tmp_path, gold, capsys):
    saved = tmp_path / "scores.json"
    evaluate(gold, write_output(tmp_path / "old", worse_mentions()), "--save", saved)
    new = write_output(tmp_path / "new", baseline_mentions())
    assert evaluate(gold, new, "--baseline", saved, "--save", saved) == 0
    capsys.readouterr()
    evaluate(gold, new, "--baseline", saved)
    assert "Newly fixed: 0" in capsys.readouterr().out


def test_regression_rejects_a_file_that_is_not_scores(tmp_path, gold, capsys):
    bogus = tmp_path / "bogus.json"
    bogus.write_text('{"date": 1}')
    assert evaluate(gold, write_output(tmp_path / "out", baseline_mentions()), "--baseline", bogus) == 2
    assert "not a scores file" in capsys.readouterr().err


def test_regression_json_keeps_stdout_for_the_scores(tmp_path, gold, capsys):
    folder = write_output(tmp_path / "out", baseline_mentions())
    saved = tmp_path / "scores.json"
    evaluate(gold, folder, "--save", saved)
    capsys.readouterr()
    assert evaluate(gold, folder, "--baseline", saved, "--json") == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["micro"]["value"]["f1"] == 1.0
    assert "Newly broken: 0" in captured.err


def test_regression_warns_when_the_gold_changed(tmp_path, gold, capsys):
    folder = write_output(tmp_path / "out", baseline_mentions())
    saved = tmp_path / "scores.json"
    evaluate(gold, folder, "--save", saved)
    fewer = write_gold(tmp_path / "fewer.jsonl", baseline_mentions()[1:])
    capsys.readouterr()
    evaluate(fewer, folder, "--baseline", saved)
    out = capsys.readouterr().out
    assert "the gold file differs from the baseline's" in out
    assert "Newly broken: 1" in out and "new extra" in out  # the date the gold no longer has
