"""``pressfacts diff OLD_OUT NEW_OUT`` on hand-made output folders."""

import pytest
from fake_outputs import TEXTS, baseline_mentions, mention, write_output

from pipeline.cli import main
from pipeline.core.mentions import MENTION_TYPES
from pipeline.evaluation.diff import diff_folders
from pipeline.io.formats import write_tables
from pipeline.io.outputset import read_folder


def changed_mentions():
    """One count widened and revalued, one money amount removed, one date added."""
    mentions = [m for m in baseline_mentions() if m["type"] != "money"]
    for i, m in enumerate(mentions):
        if m["type"] == "count" and m["doc_id"] == "b":
            mentions[i] = mention("b", "count", "40 grants", value="40", qualifier="=", unit="grant")
    mentions.append(mention("b", "date", "today", value="2024-03-06", begin="2024-03-06", end_date="2024-03-06"))
    return mentions


def test_diff_identical_folders(tmp_path, capsys):
    old = write_output(tmp_path / "old", baseline_mentions())
    new = write_output(tmp_path / "new", baseline_mentions())
    assert diff_folders(old, new).identical
    assert main(["diff", str(old), str(new)]) == 0
    assert "No differences." in capsys.readouterr().out


def test_diff_added_removed_changed(tmp_path):
    diff = diff_folders(
        write_output(tmp_path / "old", baseline_mentions()), write_output(tmp_path / "new", changed_mentions())
    )
    kinds = sorted((c.kind, c.type, c.doc_id) for c in diff.changes)
    assert kinds == [("added", "date", "b"), ("changed", "count", "b"), ("removed", "money", "a")]
    changed = next(c for c in diff.changes if c.kind == "changed")
    assert changed.differences == ["text: 40 -> 40 grants", f"end: {changed.old['end']} -> {changed.new['end']}"]
    assert diff.count("count", "changed") == 1 and diff.rows["money"] == (1, 0)


def test_diff_reports_a_value_change_on_the_same_span(tmp_path):
    old = baseline_mentions()
    new = [dict(m, unit="farmers") if m["type"] == "count" and m["doc_id"] == "a" else m for m in old]
    diff = diff_folders(write_output(tmp_path / "old", old), write_output(tmp_path / "new", new))
    assert [c.differences for c in diff.changes] == [["unit: farmer -> farmers"]]


def test_diff_documents_added_removed_and_changed(tmp_path):
    texts = dict(TEXTS, c="date 2024-01-01 Nothing to report.")
    old = write_output(tmp_path / "old", baseline_mentions(), texts)
    new_texts = {"a": TEXTS["a"] + " More.", "c": texts["c"], "d": "Another one."}
    new = write_output(tmp_path / "new", [m for m in baseline_mentions() if m["doc_id"] == "a"], new_texts)
    diff = diff_folders(old, new)
    assert diff.documents_added == ["d"]
    assert diff.documents_removed == ["b"]
    assert diff.documents_text_changed == ["a"]


def test_diff_cli_lists_rows_and_exits_1(tmp_path, capsys):
    old = write_output(tmp_path / "old", baseline_mentions())
    new = write_output(tmp_path / "new", changed_mentions())
    assert main(["diff", str(old), str(new)]) == 1
    out = capsys.readouterr().out
    assert "REMOVED  money      a:" in out and "'$3 million'" in out
    assert "ADDED    date       b:" in out
    assert "CHANGED  count      b:" in out and "text: 40 -> 40 grants" in out


def test_diff_cli_summary_and_types(tmp_path, capsys):
    old = write_output(tmp_path / "old", baseline_mentions())
    new = write_output(tmp_path / "new", changed_mentions())
    assert main(["diff", str(old), str(new), "--types", "report", "initiative"]) == 0
    assert main(["diff", str(old), str(new), "--summary"]) == 1
    out = capsys.readouterr().out
    assert "REMOVED" not in out
    assert "money" in out and "counts" in out


def test_diff_missing_folder_or_table_is_a_usage_error(tmp_path, capsys):
    old = write_output(tmp_path / "old", baseline_mentions())
    assert main(["diff", str(old), str(tmp_path / "nowhere")]) == 2
    assert "nowhere: no such output folder" in capsys.readouterr().err
    new = write_output(tmp_path / "new", baseline_mentions())
    (new / "money.csv").unlink()
    assert main(["diff", str(old), str(new)]) == 2
    assert "money.csv: no such table" in capsys.readouterr().err


@pytest.mark.parametrize("fmt", ["parquet", "duckdb"])
def test_diff_reads_every_output_format(tmp_path, fmt):
    csv_folder = write_output(tmp_path / "old", baseline_mentions())
    tables = ["documents", *(t.table for t in MENTION_TYPES.values())]
    write_tables({n: f.to_dict("records") for n, f in read_folder(csv_folder, tables).items()}, tmp_path / "new", fmt)
    assert diff_folders(csv_folder, tmp_path / "new").identical


def test_diff_shows_an_emptied_value_as_quotes(tmp_path):
    old = baseline_mentions()
    new = [dict(m, value="") if m["type"] == "date" and m["doc_id"] == "a" else m for m in old]
    diff = diff_folders(write_output(tmp_path / "old", old), write_output(tmp_path / "new", new))
    assert [c.differences for c in diff.changes] == [["value: 2024-03-04 -> ''"]]
