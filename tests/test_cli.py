"""The command line as a user meets it: run writes the six tables, eval prints the scores."""

import csv
import json

from conftest import GOLD, ROOT

from pipeline.cli import main
from pipeline.core.mentions import MENTION_TYPES
from pipeline.io.tables import columns_of


def read_table(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_cli_run_on_seeds_writes_contract_tables_with_exact_offsets(tmp_path, capsys):
    assert main(["run", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet"]) == 0
    documents = read_table(tmp_path, "documents")
    assert [d["doc_id"] for d in documents] == ["000_7ed7c048745f2413", "003_b1d13363e02ed9e3"]
    assert [d["date"] for d in documents] == ["2023-11-11", "2020-11-28"]
    texts = {d["doc_id"]: (ROOT / "seeds" / f"{d['doc_id']}.txt").read_text(encoding="utf-8") for d in documents}
    for table in ["documents", "errors"] + [t.table for t in MENTION_TYPES.values()]:
        with open(tmp_path / f"{table}.csv", encoding="utf-8") as handle:
            assert handle.readline().rstrip("\n").split(",") == columns_of(table)
    for mtype in MENTION_TYPES.values():
        for row in read_table(tmp_path, mtype.table):
            assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["text"]
            assert row["rule"]
    assert read_table(tmp_path, "errors") == []


def test_cli_run_reports_bad_inputs_and_keeps_the_good_ones(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_text("date 2023-11-11\nThe Expo opened on Nov. 10.", encoding="utf-8")
    (inputs / "latin1.txt").write_bytes("Caf\xe9 opened in 2023.".encode("latin-1"))
    (inputs / "feb30.txt").write_text("date 2023-02-30\nIt opened in 2021.", encoding="utf-8")
    (inputs / "batch.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Sales rose in 2022.", "date": "2023-01-05"}) + "\n{not json\n",
        encoding="utf-8",
    )
    (tmp_path / "empty").mkdir()
    out = tmp_path / "out"
    status = main(["run", str(inputs), str(tmp_path / "empty"), "--out", str(out), "--quiet"])
    assert status == 1
    stderr = capsys.readouterr().err
    assert "latin1.txt:1: not UTF-8" in stderr
    assert "batch.jsonl:2: bad JSON" in stderr
    assert "feb30.txt:1: header date '2023-02-30'" in stderr
    assert "empty: folder holds no .txt or .jsonl file" in stderr
    errors = read_table(out, "errors")
    assert {(e["source"].rsplit("/", 1)[-1], e["line"]) for e in errors} == {
        ("latin1.txt", "1"),
        ("batch.jsonl", "2"),
        ("feb30.txt", "1"),
        ("empty", ""),
    }
    documents = {d["doc_id"]: d for d in read_table(out, "documents")}
    assert set(documents) == {"good", "feb30", "j1"}
    assert documents["feb30"]["date"] == "" and documents["feb30"]["date_source"] == "missing"
    assert documents["j1"]["date"] == "2023-01-05"


def test_cli_run_date_option_supplies_the_document_date(tmp_path):
    source = tmp_path / "undated.txt"
    source.write_text("The fair closed this year.", encoding="utf-8")
    assert main(["run", str(source), "--out", str(tmp_path / "a"), "--quiet"]) == 0
    assert read_table(tmp_path / "a", "documents")[0]["date_source"] == "missing"
    assert main(["run", str(source), "--out", str(tmp_path / "b"), "--quiet", "--date", "2021-06-01"]) == 0
    assert read_table(tmp_path / "b", "documents")[0]["date"] == "2021-06-01"


def test_cli_eval_prints_per_type_and_micro_scores_and_enforces_floors(capsys):
    status = main(["eval", str(GOLD / "seeds.jsonl"), "--json", "--min-value-f1", "micro=1.01"])
    data = json.loads(capsys.readouterr().out)
    assert set(data) == set(MENTION_TYPES) | {"micro"}
    assert data["micro"]["gold"] == 50
    assert {"strict", "relaxed", "value"} <= set(data["date"])
    assert status == 3


def test_cli_eval_scores_an_existing_output_folder(tmp_path, capsys):
    assert main(["run", str(ROOT / "seeds"), "--out", str(tmp_path), "--quiet"]) == 0
    capsys.readouterr()
    assert main(["eval", str(GOLD / "seeds.jsonl"), "--pred", str(tmp_path), "--json"]) == 0
    from_folder = json.loads(capsys.readouterr().out)
    assert main(["eval", str(GOLD / "seeds.jsonl"), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == from_folder


def test_cli_eval_names_the_line_of_a_malformed_gold_file(tmp_path, capsys):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"doc_id": "a", "text": "x", "mentions": []}\n{oops\n', encoding="utf-8")
    assert main(["eval", str(gold)]) == 2
    assert "gold.jsonl:2: bad JSON" in capsys.readouterr().err
