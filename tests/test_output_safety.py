"""Faults injected into runs: after each, the output folder holds the old set or the new one,
complete and matching its manifest, never a mix; and nothing the user did not ask for is dropped.

The kills are real ``kill -9``s of a ``pressfacts run`` subprocess, at each phase of writing.
"""

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_run import write_dev_corpus

from pipeline.cli import main
from pipeline.io.formats import escape_cell, unescape_cell
from pipeline.io.outputset import OutputError, RunLock, open_output, read_folder

pytestmark = pytest.mark.slow  # whole runs: `pytest -m 'not slow'` leaves them out

PYTHON = sys.executable

# A driver that runs the CLI with one function wrapped to SIGKILL the process at its n-th call.
KILL_DRIVER = textwrap.dedent("""
    import os, signal, sys
    import {module} as target
    original = getattr(target, {name!r})
    calls = []

    def killing(*args, **kwargs):
        calls.append(1)
        if len(calls) == {call} and {before}:
            os.kill(os.getpid(), signal.SIGKILL)
        result = original(*args, **kwargs)
        if len(calls) == {call} and not {before}:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    setattr(target, {name!r}, killing)
    from pipeline.cli import main
    sys.exit(main(sys.argv[1:]))
""")

# module, function, which call, kill before (True) or after (False) it
PHASES = {
    "while-writing-tables": ("pipeline.io.formats", "_write_csv", 3, True),
    "tables-written-before-manifest": ("pipeline.io.formats", "_staged_path", 8, True),
    "before-the-switch": ("pipeline.io.outputset", "_fsync_dir", 1, False),
    "after-the-switch-before-links": ("pipeline.io.outputset", "_replace_with_symlink", 1, False),
    "while-removing-the-old-set": ("pipeline.io.outputset", "remove_leftovers", 1, True),
}


def run_killed(phase, args, tmp_path):
    module, name, call, before = PHASES[phase]
    driver = tmp_path / f"driver_{phase}.py"
    driver.write_text(KILL_DRIVER.format(module=module, name=name, call=call, before=before), encoding="utf-8")
    return subprocess.run([PYTHON, str(driver), *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def documents_in(out):
    tables = read_folder(out, ["documents", "dates", "counts", "money"])
    return sorted(tables["documents"]["doc_id"]), tables


def assert_consistent(out):
    """The folder's set matches its manifest, and every mention row belongs to a listed document
    whose n_<type> counts agree with the rows: no mixed set."""
    found = open_output(out)
    assert found.manifest is not None
    ids, tables = documents_in(out)
    assert ids == sorted(e.doc_id for e in found.manifest.documents)
    for table, column in (("dates", "n_dates"), ("counts", "n_counts"), ("money", "n_money")):
        per_doc = tables[table]["doc_id"].value_counts().to_dict()
        for row in tables["documents"].to_dict("records"):
            assert per_doc.get(row["doc_id"], 0) == row[column], (table, row["doc_id"])
    return ids


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    base = tmp_path_factory.mktemp("corpora")
    big = write_dev_corpus(base / "big", n=6)
    small = sorted(big.glob("*.txt"))[0]  # one file of the big corpus, by the same path
    return small, big


@pytest.mark.parametrize("phase", list(PHASES))
def test_kill_9_at_any_phase_leaves_the_old_set_or_the_new_one(tmp_path, corpora, phase):
    small, big = corpora
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet"]) == 0
    old_ids = assert_consistent(out)
    killed = run_killed(phase, ["run", str(big), "--out", str(out), "--quiet"], tmp_path)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    ids = assert_consistent(out)
    assert ids in (old_ids, sorted(ids)) and (ids == old_ids or len(ids) == 8)
    assert main(["run", str(big), "--out", str(out), "--quiet"]) == 0  # the next run cleans up and completes
    assert len(assert_consistent(out)) == 8
    sets = list((out / ".pressfacts" / "sets").iterdir())
    assert len(sets) == 1 and not list(out.glob(".*.tmp")) and not list(out.glob(".*.link"))


def test_a_folder_in_the_way_of_a_table_refuses_the_run_and_keeps_the_old_set(tmp_path, corpora, capsys):
    small, big = corpora
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet"]) == 0
    old_ids = assert_consistent(out)
    (out / "money.csv").unlink()
    (out / "money.csv").mkdir()
    assert main(["run", str(big), "--out", str(out), "--quiet"]) == 5
    assert "money.csv: a folder is in the way" in capsys.readouterr().err
    assert assert_consistent(out) == old_ids
    assert [p.name for p in (out / ".pressfacts" / "sets").iterdir()] == [(out / "current").resolve().name]


def test_a_hand_edited_table_is_refused_by_every_reader(tmp_path, corpora, capsys):
    small, _ = corpora
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet"]) == 0
    with open(out / "dates.csv", "a", encoding="utf-8") as handle:
        handle.write("x,1,2,y,2020,,,,\n")
    with pytest.raises(OutputError, match="dates.csv does not match its manifest"):
        open_output(out)
    assert main(["diff", str(out), str(out)]) == 2
    assert main(["review", str(out), "-o", str(tmp_path / "r.html")]) == 2
    assert "does not match its manifest" in capsys.readouterr().err


def test_a_second_run_fails_at_once_naming_the_holder_or_waits(tmp_path, corpora, capsys):
    small, _ = corpora
    out = tmp_path / "out"
    with RunLock(out):
        assert main(["run", str(small), "--out", str(out), "--quiet"]) == 5
        assert f"in use by another pressfacts run (pid {os.getpid()})" in capsys.readouterr().err
    lock = RunLock(out).__enter__()
    threading.Timer(1.0, lock.__exit__, (None, None, None)).start()
    started = time.monotonic()
    assert main(["run", str(small), "--out", str(out), "--quiet", "--wait"]) == 0
    assert time.monotonic() - started >= 0.9
    assert f"in use by pid {os.getpid()}; waiting" in capsys.readouterr().err


def test_two_concurrent_runs_lose_no_document(tmp_path, corpora):
    _, big = corpora
    halves = [tmp_path / "a", tmp_path / "b"]
    for half in halves:
        half.mkdir()
    for i, path in enumerate(sorted(big.iterdir())):
        (halves[i % 2] / path.name).write_bytes(path.read_bytes())
    out = tmp_path / "out"
    runs = [
        subprocess.Popen(
            [PYTHON, "-m", "pipeline.cli", "run", str(h), "--out", str(out), "--quiet", "--wait"],
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for h in halves
    ]
    for run in runs:
        assert run.wait(timeout=300) == 0, run.stderr.read()
    assert len(assert_consistent(out)) == 8


def test_prune_with_a_mistyped_path_is_refused_unless_forced(tmp_path, corpora, capsys):
    _, big = corpora
    out = tmp_path / "out"
    assert main(["run", str(big), "--out", str(out), "--quiet"]) == 0
    before = (out / "documents.csv").read_bytes()
    assert main(["run", str(tmp_path / "no-such-folder"), "--out", str(out), "--quiet", "--prune"]) == 5
    err = capsys.readouterr().err
    assert "would drop the rows of 8 earlier document(s)" in err and "nothing was written" in err
    assert (out / "documents.csv").read_bytes() == before
    assert main(["run", str(tmp_path / "no-such-folder"), "--out", str(out), "--quiet", "--prune", "--force"]) == 1
    assert assert_consistent(out) == []


def test_a_stale_rebuild_with_a_mistyped_path_does_not_empty_the_tables(tmp_path, corpora, capsys):
    _, big = corpora
    out = tmp_path / "out"
    assert main(["run", str(big), "--out", str(out), "--quiet"]) == 0
    assert main(["run", str(tmp_path / "typo"), "--out", str(out), "--quiet", "--raw-csv"]) == 5  # CSV cells changed
    assert "nothing was written" in capsys.readouterr().err
    assert len(assert_consistent(out)) == 8


def test_changing_the_format_removes_the_other_formats_tables(tmp_path, corpora):
    small, _ = corpora
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet"]) == 0
    assert main(["run", str(small), "--out", str(out), "--quiet", "--format", "parquet"]) == 0
    assert not list(out.glob("*.csv")) and (out / "documents.parquet").exists()
    assert open_output(out).manifest.format == "parquet"
    assert main(["run", str(small), "--out", str(out), "--quiet", "--format", "duckdb"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [".pressfacts", "current", "manifest.json", "pressfacts.duckdb"]
    assert main(["eval", str(ROOT / "tests" / "gold" / "seeds.jsonl"), "--pred", str(out), "--json"]) == 0


def test_a_file_name_that_is_not_utf8_is_an_error_row_and_the_rest_is_read(tmp_path, corpora, capsys):
    small, _ = corpora
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / small.name).write_bytes(small.read_bytes())
    bad = os.path.join(os.fsencode(inputs), b"caf\xe9.txt")
    with open(bad, "wb") as handle:
        handle.write(b"date 2024-01-02 The fair opened on Jan. 2.")
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 1
    assert "caf\\xe9.txt: file name is not valid UTF-8" in capsys.readouterr().err
    with open(out / "errors.csv", encoding="utf-8") as handle:
        assert "caf\\xe9.txt" in handle.read()
    assert len(assert_consistent(out)) == 1


def test_workers_die_with_their_parent(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    text = (ROOT / "seeds" / "003_b1d13363e02ed9e3.txt").read_text(encoding="utf-8")
    with open(corpus / "many.jsonl", "w", encoding="utf-8") as handle:
        for i in range(3000):
            handle.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
    parent = subprocess.Popen(
        [PYTHON, "-m", "pipeline.cli", "run", str(corpus), "--out", str(tmp_path / "out"), "--quiet", "--workers", "2"],
        cwd=ROOT,
        stderr=subprocess.DEVNULL,
    )
    children = []
    deadline = time.monotonic() + 120
    while len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.5)
        children = _children_of(parent.pid)
    assert len(children) >= 2, "the workers did not start"
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 20
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not [pid for pid in children if _alive(pid)]


def _children_of(pid):
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid):
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.parametrize(
    "cell, stored",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("@Risk Report 2021", "'@Risk Report 2021"),
        ("+44 20", "'+44 20"),
        ("-$12 million", "'-$12 million"),
        ("\tx", "'\tx"),
        ("'=x", "''=x"),
        ("-12.5", "-12.5"),
        ("=", "="),
        ("'24", "'24"),
        ("Expo 2024", "Expo 2024"),
        (">=", ">="),
    ],
)
def test_formula_cells_are_escaped_reversibly(cell, stored):
    assert escape_cell(cell) == stored
    assert unescape_cell(stored) == cell


def test_csv_cells_are_safe_by_default_exact_with_raw_csv_and_in_parquet(tmp_path):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(
        json.dumps(
            {
                "id": '=HYPERLINK("http://x")',
                "date": "2024-01-02",
                "text": "@Risk: the fund raised $5 million on Jan. 2.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    for args, expected in (([], "'=HYPERLINK"), (["--raw-csv"], "=HYPERLINK")):
        out = tmp_path / f"out{len(args)}"
        assert main(["run", str(inputs), "--out", str(out), "--quiet", *args]) == 0
        with open(out / "documents.csv", encoding="utf-8", newline="") as handle:
            assert next(csv.DictReader(handle))["doc_id"].startswith(expected)
        assert read_folder(out, ["documents"])["documents"]["doc_id"][0] == '=HYPERLINK("http://x")'
    out = tmp_path / "parquet"
    assert main(["run", str(inputs), "--out", str(out), "--quiet", "--format", "parquet"]) == 0
    assert read_folder(out, ["documents"])["documents"]["doc_id"][0] == '=HYPERLINK("http://x")'


def test_a_doc_id_reused_by_another_file_is_an_error_not_a_replacement(tmp_path, capsys):
    first, second = tmp_path / "a", tmp_path / "b"
    first.mkdir()
    second.mkdir()
    (first / "release.txt").write_text("date 2024-01-02 The fair opened on Jan. 2.", encoding="utf-8")
    (second / "release.txt").write_text("date 2024-02-02 Another text on Feb. 1.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(first), "--out", str(out), "--quiet"]) == 0
    assert main(["run", str(second), "--out", str(out), "--quiet"]) == 1
    assert "doc_id 'release' is already in the tables, read from" in capsys.readouterr().err
    assert read_folder(out, ["documents"])["documents"]["date"].tolist() == ["2024-01-02"]
    assert main(["run", str(second), "--out", str(out), "--quiet", "--force"]) == 0
    assert read_folder(out, ["documents"])["documents"]["date"].tolist() == ["2024-02-02"]


@pytest.mark.parametrize(
    "line, reason",
    [
        ({"id": "a", "text": ""}, "empty 'text'"),
        ({"id": {"x": 1}, "text": "Some text."}, "'id' must be a non-empty string or a whole number"),
        ({"id": True, "text": "Some text."}, "'id' must be a non-empty string or a whole number"),
    ],
)
def test_jsonl_lines_with_an_empty_text_or_an_object_id_are_errors(tmp_path, capsys, line, reason):
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(
        json.dumps(line) + "\n" + json.dumps({"id": "ok", "text": "Sales rose in 2021."}) + "\n", encoding="utf-8"
    )
    assert main(["run", str(inputs), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    assert reason in capsys.readouterr().err
    assert read_folder(tmp_path / "out", ["documents"])["documents"]["doc_id"].tolist() == ["ok"]


def test_amounts_keep_every_significant_digit():
    import pipeline

    tables = pipeline.extract(
        [
            {
                "id": "a",
                "date": "2020-01-01",
                "text": "The fund holds $123,456,789,012,345,678,901,234,567,890.12 in reserve.",
            }
        ]
    )
    assert tables["money"]["value"].tolist() == ["123456789012345678901234567890.12"]


def test_a_set_written_before_a_table_existed_reads_it_as_empty(tmp_path, corpora):
    small, _ = corpora
    out = tmp_path / "out"
    assert main(["run", str(small), "--out", str(out), "--quiet"]) == 0
    manifest_path = out / "current" / "manifest.json"
    record = json.loads(manifest_path.read_text(encoding="utf-8"))
    del record["tables"]["measures.csv"]  # as an older version's manifest would be
    (out / "current" / "measures.csv").unlink()
    manifest_path.write_text(json.dumps(record), encoding="utf-8")
    tables = read_folder(out, ["documents", "measures"])
    assert len(tables["documents"]) == 1 and tables["measures"].empty
    assert list(tables["measures"].columns)[:4] == ["doc_id", "start", "end", "text"]
