"""Whatever the input, the user sees what went wrong and no data is lost or corrupted.

Each test asserts what the user sees (exit status, message, ``errors.csv``)
and that every good document still reaches the tables with exact offsets.
"""

import csv
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from test_run import table_bytes, write_dev_corpus

from pipeline.batch.extract import extract_chunk
from pipeline.cli import main
from pipeline.core.mentions import MENTION_TYPES
from pipeline.io.reader import InputDocument

pytestmark = pytest.mark.slow  # whole runs: `pytest -m 'not slow'` leaves them out

SEED = ROOT / "seeds" / "003_b1d13363e02ed9e3.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")
PRESSFACTS = Path(sys.executable).parent / "pressfacts"


def read_table(folder, name):
    with open(folder / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def mention_rows(folder):
    return {t.table: read_table(folder, t.table) for t in MENTION_TYPES.values()}


def assert_offsets_hold(folder, texts):
    """Every mention's offsets select its text in the document as read (``texts``: doc_id -> text)."""
    for table, rows in mention_rows(folder).items():
        for row in rows:
            assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["text"], (table, row)


def errors_by_file(folder):
    return {(Path(e["source"]).name, e["line"]): e["reason"] for e in read_table(folder, "errors")}


def no_staged_files(folder):
    """Nothing staged is left: no temporary file, and no set but the current one."""
    folder = Path(folder)
    sets = folder / ".pressfacts" / "sets"
    current = (folder / "current").resolve() if (folder / "current").is_symlink() else None
    strays = [p for p in folder.iterdir() if p.name.startswith(".") and p.name != ".pressfacts"]
    return not strays and all(s.resolve() == current for s in (sets.iterdir() if sets.is_dir() else []))


# --- encodings and line ends ------------------------------------------------------------


def test_a_file_with_non_utf8_bytes_is_reported_and_the_others_are_kept(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(SEED.read_bytes())
    (inputs / "cp1252.txt").write_bytes("date 2023-01-02\nThe caf\xe9 raised \u20ac5 million.".encode("cp1252"))
    lines = [
        json.dumps({"id": "j1", "text": "Sales rose in 2021."}).encode(),
        b'{"id": "j2", "text": "caf\xe9 in 2020"}',
        json.dumps({"id": "j3", "text": "Exports fell in 2019."}).encode(),
    ]
    (inputs / "batch.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 1
    assert "cp1252.txt:2: not UTF-8: byte 0xe9" in capsys.readouterr().err
    errors = errors_by_file(out)
    assert set(errors) == {("cp1252.txt", "2"), ("batch.jsonl", "2")}
    assert [d["doc_id"] for d in read_table(out, "documents")] == ["j1", "j3", "good"]


def test_a_utf8_bom_is_not_part_of_the_text_and_the_rows_match_the_file_without_it(tmp_path):
    plain, bom = tmp_path / "plain" / "seed.txt", tmp_path / "bom" / "seed.txt"
    for path, prefix in ((plain, b""), (bom, b"\xef\xbb\xbf")):
        path.parent.mkdir()
        path.write_bytes(prefix + SEED.read_bytes())
        assert main(["run", str(path), "--out", str(path.parent / "out"), "--quiet"]) == 0
    assert read_table(bom.parent / "out", "documents")[0]["n_chars"] == str(len(SEED_TEXT))
    assert read_table(bom.parent / "out", "documents")[0]["date"] == "2020-11-28"
    assert mention_rows(bom.parent / "out") == mention_rows(plain.parent / "out")


def test_utf16_with_a_bom_is_decoded_to_the_same_rows_as_utf8(tmp_path):
    outs = {}
    for encoding in ("utf-8", "utf-16-le", "utf-16-be"):
        path = tmp_path / encoding / "seed.txt"
        path.parent.mkdir()
        bom = {"utf-8": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[encoding]
        path.write_bytes(bom + SEED_TEXT.encode(encoding))
        outs[encoding] = path.parent / "out"
        assert main(["run", str(path), "--out", str(outs[encoding]), "--quiet"]) == 0
    assert mention_rows(outs["utf-16-le"]) == mention_rows(outs["utf-8"]) == mention_rows(outs["utf-16-be"])
    jsonl = tmp_path / "batch.jsonl"
    jsonl.write_bytes(b"\xff\xfe" + (json.dumps({"id": "u16", "text": SEED_TEXT}) + "\r\n").encode("utf-16-le"))
    assert main(["run", str(jsonl), "--out", str(tmp_path / "j"), "--quiet"]) == 0
    assert read_table(tmp_path / "j", "documents")[0]["n_chars"] == str(len(SEED_TEXT))


def test_crlf_line_ends_are_kept_and_offsets_count_them(tmp_path):
    crlf_bytes = SEED.read_bytes().replace(b"\n", b"\r\n")
    assert b"\r\n" in crlf_bytes
    path = tmp_path / "crlf.txt"
    path.write_bytes(crlf_bytes)
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "--quiet"]) == 0
    text = crlf_bytes.decode("utf-8")
    assert read_table(out, "documents")[0]["n_chars"] == str(len(text))
    assert_offsets_hold(out, {"crlf": text})
    assert sum(len(rows) for rows in mention_rows(out).values()) > 0


# --- files that are not documents --------------------------------------------------------


def test_empty_and_binary_files_are_reported_not_extracted(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_bytes(b"")
    (inputs / "empty.jsonl").write_bytes(b"\n\n")
    (inputs / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    (inputs / "good.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 1
    stderr = capsys.readouterr().err
    assert "empty.txt: empty file" in stderr and "image.txt: binary file" in stderr
    assert set(errors_by_file(out)) == {("empty.txt", ""), ("empty.jsonl", ""), ("image.txt", "")}
    assert [d["doc_id"] for d in read_table(out, "documents")] == ["good"]


def test_a_malformed_jsonl_line_amid_good_ones_loses_only_itself(tmp_path, capsys):
    good = [json.dumps({"id": f"d{i}", "date": "2024-03-01", "text": f"Revenue rose {i}% in 2023."}) for i in range(4)]
    lines = [
        good[0],
        good[1],
        '{"id": "d9", "text": "unterminated',
        good[2],
        "[1, 2]",
        good[3],
        json.dumps({"id": "d8"}),
        json.dumps({"id": "d7", "text": "x", "date": "2023-02-30"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "--quiet"]) == 1
    assert [d["doc_id"] for d in read_table(out, "documents")] == ["d0", "d1", "d2", "d3", "d7"]
    assert set(errors_by_file(out)) == {
        ("batch.jsonl", "3"),
        ("batch.jsonl", "5"),
        ("batch.jsonl", "7"),
        ("batch.jsonl", "8"),
    }
    assert "batch.jsonl:3: bad JSON" in capsys.readouterr().err


def test_an_impossible_header_date_is_reported_and_the_document_extracted_without_a_date(tmp_path):
    path = tmp_path / "feb30.txt"
    path.write_text("date 2023-02-30\nThe plant opened on March 3, 2021, with 40 workers.", encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "--quiet"]) == 1
    assert errors_by_file(out) == {
        ("feb30.txt", "1"): "header date '2023-02-30' is not a calendar date; document read without a date"
    }
    [document] = read_table(out, "documents")
    assert (document["doc_id"], document["date"], document["date_source"]) == ("feb30", "", "missing")


def test_a_duplicate_document_id_is_reported_and_the_first_one_kept(tmp_path):
    path = tmp_path / "batch.jsonl"
    path.write_text(
        json.dumps({"id": "same", "text": "First text in 2020."})
        + "\n"
        + json.dumps({"id": "same", "text": "Second text in 2021."})
        + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "--quiet"]) == 1
    assert [(d["doc_id"], d["n_chars"]) for d in read_table(out, "documents")] == [("same", "19")]
    assert "duplicate doc_id 'same'" in errors_by_file(out)[("batch.jsonl", "2")]


def test_an_unreadable_file_is_reported_and_the_others_are_kept(tmp_path, monkeypatch):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "good.txt").write_bytes(SEED.read_bytes())
    locked = inputs / "locked.txt"
    locked.write_text("Secret sales of 5 units.", encoding="utf-8")
    locked.chmod(0)
    if os.geteuid() == 0:  # root reads anything: make the read fail as it does for a user
        original = Path.read_bytes

        def read_bytes(self):
            if self.name == "locked.txt":
                raise PermissionError(13, "Permission denied", str(self))
            return original(self)

        monkeypatch.setattr(Path, "read_bytes", read_bytes)
    out = tmp_path / "out"
    assert main(["run", str(inputs), "--out", str(out), "--quiet"]) == 1
    assert errors_by_file(out) == {("locked.txt", ""): "cannot read: Permission denied"}
    assert [d["doc_id"] for d in read_table(out, "documents")] == ["good"]


# --- output problems and interruptions ---------------------------------------------------


def test_an_output_folder_that_cannot_be_written_is_an_error_and_nothing_is_half_written(tmp_path, monkeypatch, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=2)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    assert main(["run", str(corpus), "--out", str(blocker / "out"), "--quiet"]) == 1
    assert "cannot write tables to" in capsys.readouterr().err
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    earlier = table_bytes(out) | {"manifest.json": (out / "manifest.json").read_bytes()}
    written = []

    def disk_full(columns, rows, escape, path):
        if written:
            raise OSError(28, "No space left on device")
        written.append(path)
        path.write_text("partial", encoding="utf-8")

    monkeypatch.setattr("pipeline.io.formats._write_csv", disk_full)
    assert main(["run", str(corpus), "--out", str(out), "--quiet", "--force"]) == 1
    assert "No space left on device" in capsys.readouterr().err
    assert table_bytes(out) | {"manifest.json": (out / "manifest.json").read_bytes()} == earlier
    assert no_staged_files(out)


def test_ctrl_c_while_writing_leaves_the_earlier_tables_and_a_rerun_completes(tmp_path, monkeypatch, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=3)
    out = tmp_path / "out"
    assert main(["run", str(sorted(corpus.glob("*.txt"))[0]), "--out", str(out), "--quiet"]) == 0
    earlier = table_bytes(out)
    import pipeline.io.formats

    original = pipeline.io.formats._write_csv
    calls = []

    def interrupted(columns, rows, escape, path):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        original(columns, rows, escape, path)

    monkeypatch.setattr("pipeline.io.formats._write_csv", interrupted)
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 130
    assert "interrupted" in capsys.readouterr().err
    assert table_bytes(out) == earlier and no_staged_files(out)
    monkeypatch.setattr("pipeline.io.formats._write_csv", original)
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert main(["run", str(corpus), "--out", str(tmp_path / "fresh"), "--quiet"]) == 0
    assert len(read_table(out, "documents")) == 5
    assert mention_rows(out) == mention_rows(tmp_path / "fresh")


def interrupt_mid_run(tmp_path, extra_args):
    """Start ``pressfacts run`` on a corpus and a FIFO; once it is reading the FIFO (the model is
    loaded, documents are in flight), press Ctrl-C: SIGINT to its whole process group."""
    corpus = write_dev_corpus(tmp_path / "in", n=8)
    fifo = tmp_path / "slow.txt"
    os.mkfifo(fifo)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [str(PRESSFACTS), "run", str(corpus), str(fifo), "--out", str(out), *extra_args],
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        cwd=ROOT,
    )
    with open(fifo, "w", encoding="utf-8"):  # blocks until pressfacts opens it; kept open while it exits
        os.killpg(process.pid, signal.SIGINT)
        _, stderr = process.communicate(timeout=60)
    return corpus, out, process.returncode, stderr


@pytest.mark.parametrize("workers", ["1", "2"])
def test_ctrl_c_mid_run_writes_nothing_and_a_rerun_completes(tmp_path, workers):
    corpus, out, status, stderr = interrupt_mid_run(tmp_path, ["--workers", workers])
    assert status == 130, stderr
    assert "interrupted; no table was written" in stderr and "Traceback" not in stderr
    assert not out.exists() or not [p for p in out.iterdir() if p.name != ".pressfacts"]
    assert not out.exists() or no_staged_files(out)
    assert main(["run", str(corpus), "--out", str(out), "--quiet"]) == 0
    assert len(read_table(out, "documents")) == 10


# --- a very long document ----------------------------------------------------------------


def test_a_20_mb_document_is_extracted_to_its_end_with_exact_offsets(tmp_path, nlp):
    body = SEED_TEXT.replace(" date 2020-11-28", "", 1)
    # 20 one-megabyte blocks: a line of text, then blank padding (pieces of white space only
    # skip the pipeline, which keeps this test fast; prose costs the same per character as
    # in the throughput benchmark).
    filler = "".join(f"Appendix part {i} of the data dump.\n\n" + (" " * 999 + "\n") * 1000 for i in range(20))
    text = SEED_TEXT + "\n\n" + filler + "\n\n" + body
    assert len(text.encode("utf-8")) > 20_000_000
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(path), "--out", str(out), "--quiet", "--workers", "2"]) == 0
    assert_offsets_hold(out, {"big": text})
    # the tail's mentions are those of the same paragraphs in a short document, shifted
    short = "date 2020-11-28\n\n" + body
    [(_, expected)] = extract_chunk(nlp, [InputDocument("short", "-", short, "2020-11-28", "header")]).rows
    shift = len(text) - len(short)
    for table, rows in mention_rows(out).items():
        tail = [(int(r["start"]), r["text"], r["rule"]) for r in rows if int(r["start"]) >= len(text) - len(body)]
        assert tail == [
            (r["start"] + shift, r["text"], r["rule"]) for r in expected[table] if r["start"] >= len(short) - len(body)
        ], table
    assert sum(len(expected[t.table]) for t in MENTION_TYPES.values()) > 0


# --- any text ------------------------------------------------------------------------------

TRICKY = st.sampled_from(
    [
        "2023",
        "Nov. 24",
        "1,000",
        "$5.2 billion",
        "€3m",
        "¥",
        "per cent",
        "Report",
        "Initiative",
        "the 2023 World Report",
        "Q3",
        "last year",
        "\r\n",
        "\n\n",
        "\t",
        "\u2028",
        "\ufeff",
        "\x85",
        "-",
        "–",
        ".",
        ",",
        "  ",
        "½",
        "٣",
        "١٢",
        "date 2023-02-30",
        "date 2021-01-01 ",
        "(",
        ")",
        '"',
        "“",
        "%",
        "one hundred",
        "twenty-five",
        "10th",
        "mid-2020",
    ]
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.one_of(TRICKY, st.text(max_size=20)), max_size=40).map(" ".join), st.sampled_from([None, "2020-11-28"])
)
def test_no_extractor_raises_on_any_text_and_every_offset_holds(nlp, text, date):
    item = InputDocument("any", "<hypothesis>", text, date, "option" if date else "missing")
    extracted = extract_chunk(nlp, [item])
    assert extracted.errors == []
    [(_, rows)] = extracted.rows
    for mtype in MENTION_TYPES.values():
        for row in rows[mtype.table]:
            assert 0 <= row["start"] < row["end"] <= len(text)
            assert text[row["start"] : row["end"]] == row["text"]
        assert rows["documents"][0][f"n_{mtype.table}"] == len(rows[mtype.table])
