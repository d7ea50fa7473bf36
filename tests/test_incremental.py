"""Incremental runs: the output folder's manifest says what is done; only the rest is extracted."""

import json

import pytest
from test_run import table_bytes, write_dev_corpus

from pipeline.cli import main
from pipeline.io.manifest import MANIFEST_FILE, load_manifest

pytestmark = pytest.mark.slow  # whole runs: `pytest -m 'not slow'` leaves them out


def documents_column(out, column="doc_id"):
    lines = (out / "documents.csv").read_text(encoding="utf-8").splitlines()
    index = lines[0].split(",").index(column)
    return [line.split(",")[index] for line in lines[1:]]


def extraction_forbidden(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded although nothing needed extracting")

    monkeypatch.setattr("pipeline.batch.runner.make_engine", refuse)


def test_a_rerun_extracts_nothing_and_leaves_identical_tables(tmp_path, monkeypatch, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=5)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    first = table_bytes(out)
    manifest = load_manifest(out)
    assert [e.doc_id for e in manifest.documents] == documents_column(out)
    assert all(len(e.sha256) == 64 and e.source for e in manifest.documents)
    capsys.readouterr()
    extraction_forbidden(monkeypatch)
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    assert "7 unchanged, 0 extracted" in capsys.readouterr().err
    assert table_bytes(out) == first


def test_a_changed_document_is_extracted_again_and_its_rows_replaced_in_place(tmp_path, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=5)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    order = documents_column(out)
    seed = sorted(corpus.glob("*.txt"))[0]
    seed.write_text(seed.read_text(encoding="utf-8") + "\nThe fund reached $5 million in 2021.", encoding="utf-8")
    capsys.readouterr()
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    assert "6 unchanged, 1 extracted" in capsys.readouterr().err
    assert documents_column(out) == order
    assert documents_column(out, "n_chars")[0] == str(len(seed.read_text(encoding="utf-8")))
    assert main(["run", str(corpus), "--out", str(tmp_path / "fresh")]) == 0
    assert table_bytes(out) == table_bytes(tmp_path / "fresh")


def test_a_removed_document_keeps_its_rows_unless_pruned(tmp_path, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=5)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    removed = sorted(corpus.glob("*.txt"))[0]
    removed.unlink()
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert removed.stem in documents_column(out)
    assert removed.stem in [e.doc_id for e in load_manifest(out).documents]
    assert main(["run", str(corpus), "--out", str(out), "--prune"]) == 0
    assert "1 pruned" in capsys.readouterr().err
    assert removed.stem not in documents_column(out)
    assert main(["run", str(corpus), "--out", str(tmp_path / "fresh"), "--quiet"]) == 0
    assert table_bytes(out) == table_bytes(tmp_path / "fresh")


def test_new_documents_are_appended_after_the_earlier_ones(tmp_path):
    corpus = write_dev_corpus(tmp_path / "in", n=5)
    out = tmp_path / "out"
    batch = tmp_path / "batch2.jsonl"
    batch.write_text(
        json.dumps({"id": "aaa-new", "date": "2024-01-02", "text": "Exports rose 3% last year."}) + "\n",
        encoding="utf-8",
    )
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    before = documents_column(out)
    assert main(["run", str(batch), "--out", str(out), "--quiet"]) == 0
    assert documents_column(out) == before + ["aaa-new"]


def test_force_extracts_everything_again(tmp_path, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    first = table_bytes(out)
    capsys.readouterr()
    assert main(["run", str(corpus), "--out", str(out), "--force"]) == 0
    assert "(5 extracted)" in capsys.readouterr().err
    assert table_bytes(out) == first


@pytest.mark.parametrize("change", ["pipeline version", "configuration", "date option", "edited table", "format"])
def test_what_invalidates_earlier_rows(tmp_path, monkeypatch, capsys, change):
    corpus = write_dev_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    capsys.readouterr()
    args = ["run", str(corpus), "--out", str(out)]
    if change == "pipeline version":
        monkeypatch.setattr("pipeline.io.manifest.pipeline_version", lambda: "9.9.9+other")
    elif change == "configuration":
        config = tmp_path / "other.toml"
        config.write_text("[pipeline]\nbatch_size = 7\n", encoding="utf-8")
        args = ["--config", str(config)] + args
    elif change == "date option":
        args += ["--date", "2024-02-29"]
    elif change == "edited table":
        with open(out / "dates.csv", "a", encoding="utf-8") as handle:
            handle.write("x,1,2,y,,,,,\n")
    elif change == "format":
        args += ["--format", "parquet"]
    assert main(args) == 0
    err = capsys.readouterr().err
    assert "5 extracted)" in err and "unchanged" not in err


def test_an_unreadable_manifest_means_a_full_run(tmp_path, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=2)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    (out / MANIFEST_FILE).write_text("{half a manif", encoding="utf-8")
    assert main(["run", str(corpus), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "4 extracted)" in err and "unchanged" not in err
    assert load_manifest(out) is not None
