"""Output formats: csv, parquet and duckdb hold the same rows with the same types."""

import duckdb
import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_run import write_dev_corpus

from pipeline.cli import main
from pipeline.io.formats import DUCKDB_FILE
from pipeline.io.outputset import read_folder
from pipeline.io.tables import TABLE_NAMES, columns_of

pytestmark = pytest.mark.slow  # whole runs: `pytest -m 'not slow'` leaves them out

ALL_TABLES = TABLE_NAMES + ["entities", "texts", "errors"]


def run_in_every_format(tmp_path):
    corpus = write_dev_corpus(tmp_path / "in", n=6)
    (corpus / "broken.jsonl").write_text('{"id": "ok", "text": "Sales rose 5% in 2021."}\n{oops\n', encoding="utf-8")
    outs = {}
    for fmt in ("csv", "parquet", "duckdb"):
        outs[fmt] = tmp_path / fmt
        assert main(["run", str(corpus), "--out", str(outs[fmt]), "--format", fmt, "--quiet"]) == 1  # the bad line
    return outs


def test_every_format_holds_the_same_rows_and_types(tmp_path):
    outs = run_in_every_format(tmp_path)
    tables = {fmt: read_folder(out, ALL_TABLES) for fmt, out in outs.items()}
    for name in ALL_TABLES:
        csv_frame = tables["csv"][name]
        assert list(csv_frame.columns) == columns_of(name)
        for fmt in ("parquet", "duckdb"):
            pd.testing.assert_frame_equal(tables[fmt][name], csv_frame, check_dtype=True)
    assert len(tables["csv"]["documents"]) == 9 and len(tables["csv"]["errors"]) == 1
    assert tables["csv"]["errors"]["line"].tolist() == [2]


def test_parquet_and_duckdb_store_integers_as_integers(tmp_path):
    outs = run_in_every_format(tmp_path)
    schema = pq.read_schema(outs["parquet"] / "dates.parquet")
    assert str(schema.field("start").type) == "int64" and str(schema.field("text").type) == "string"
    assert sorted(p.name for p in (outs["duckdb"] / "current").iterdir()) == sorted([DUCKDB_FILE, "manifest.json"])
    with duckdb.connect(str(outs["duckdb"] / DUCKDB_FILE), read_only=True) as connection:
        names = {row[0] for row in connection.execute("SELECT table_name FROM information_schema.tables").fetchall()}
        types = dict(
            connection.execute(
                "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'documents'"
            ).fetchall()
        )
    assert names == set(ALL_TABLES)
    assert types["n_chars"] == "BIGINT" and types["doc_id"] == "VARCHAR"


@pytest.mark.parametrize("fmt", ["parquet", "duckdb"])
def test_a_rerun_in_a_binary_format_reuses_the_rows_and_rewrites_the_same_content(tmp_path, fmt):
    corpus = write_dev_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--format", fmt, "--quiet"]) == 0
    first = read_folder(out, ALL_TABLES)
    assert main(["run", str(corpus), "--out", str(out), "--format", fmt, "--quiet"]) == 0
    for name, frame in read_folder(out, ALL_TABLES).items():
        pd.testing.assert_frame_equal(frame, first[name])
