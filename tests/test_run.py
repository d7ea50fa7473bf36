"""`pressfacts run` engines: the same tables from one process or a pool, in a deterministic order."""

import importlib
import json
import os

import pytest
import spacy
from conftest import GOLD, ROOT
from spacy.pipeline import AttributeRuler

from pipeline.batch.extract import PieceJoiner, chunked, extract_chunk, piece_bounds, process
from pipeline.cli import main
from pipeline.core.config import Settings
from pipeline.core.mentions import MENTION_TYPES
from pipeline.core.speedups import IndexedMatcher
from pipeline.core.tagging import MODEL_COMPONENTS, WINDOW_TOKENS
from pipeline.io.reader import InputDocument
from pipeline.io.tables import TABLE_NAMES

pytestmark = pytest.mark.slow  # whole runs: `pytest -m 'not slow'` leaves them out

TABLE_FILES = [f"{name}.csv" for name in TABLE_NAMES] + ["entities.csv", "errors.csv"]


def write_dev_corpus(folder, n=12):
    """The first ``n`` dev releases as a JSONL file, plus the two seed .txt files."""
    folder.mkdir()
    lines = GOLD.joinpath("dev.jsonl").read_text(encoding="utf-8").splitlines()[:n]
    records = [json.loads(line) for line in lines]
    (folder / "dev.jsonl").write_text(
        "".join(json.dumps({"id": r["doc_id"], "date": r["date"], "text": r["text"]}) + "\n" for r in records),
        encoding="utf-8",
    )
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        (folder / seed.name).write_bytes(seed.read_bytes())
    return folder


def table_bytes(folder):
    return {name: (folder / name).read_bytes() for name in TABLE_FILES}


def test_run_with_two_workers_writes_the_same_bytes_as_one_process(tmp_path):
    corpus = write_dev_corpus(tmp_path / "in")
    assert main(["run", str(corpus), "--out", str(tmp_path / "one"), "--quiet"]) == 0
    assert main(["run", str(corpus), "--out", str(tmp_path / "two"), "--quiet", "--workers", "2"]) == 0
    assert table_bytes(tmp_path / "one") == table_bytes(tmp_path / "two")


def test_run_twice_gives_byte_identical_tables_in_input_then_offset_order(tmp_path):
    corpus = write_dev_corpus(tmp_path / "in")
    assert main(["run", str(corpus), "--out", str(tmp_path / "a"), "--quiet"]) == 0
    assert main(["run", str(corpus), "--out", str(tmp_path / "b"), "--quiet", "--force"]) == 0
    assert table_bytes(tmp_path / "a") == table_bytes(tmp_path / "b")
    documents = (tmp_path / "a" / "documents.csv").read_text(encoding="utf-8").splitlines()[1:]
    order = [line.split(",")[0] for line in documents]
    # folder files in sorted order (the seeds sort before dev.jsonl), a JSONL file's lines in order
    assert order == sorted(p.stem for p in (ROOT / "seeds").glob("*.txt")) + [f"dev{i:03d}" for i in range(1, 13)]
    for mtype in MENTION_TYPES.values():
        rows = [
            line.split(",")
            for line in (tmp_path / "a" / f"{mtype.table}.csv").read_text(encoding="utf-8").splitlines()[1:]
        ]
        keys = [(order.index(r[0]), int(r[1]), int(r[2])) for r in rows]
        assert keys == sorted(keys)


@pytest.mark.parametrize(
    "text, max_chars",
    [
        ("one two three four five six seven eight nine ten " * 40, 64),
        ("para one.\n\npara two is longer.\nline\n\n" * 30, 50),
        ("x" * 1000, 64),  # no separator: hard cuts
    ],
)
def test_piece_bounds_cover_the_text_in_order_within_the_limit(text, max_chars):
    bounds = piece_bounds(text, max_chars)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a_end == b_start for (_, a_end), (b_start, _) in zip(bounds, bounds[1:], strict=False))
    assert all(0 < end - start <= max_chars for start, end in bounds)


def test_process_in_pieces_keeps_the_text_sentences_and_offsets(nlp, monkeypatch):
    seed = (ROOT / "seeds" / "003_b1d13363e02ed9e3.txt").read_text(encoding="utf-8")
    item = InputDocument("seed", "<test>", seed, "2020-11-28", "header")
    # `pipeline.batch.extract` the attribute is the run() function; the module is in sys.modules
    monkeypatch.setattr(importlib.import_module("pipeline.batch.extract"), "MAX_PIECE_CHARS", 300)
    assert len(piece_bounds(seed)) > 3
    [(_, doc)] = list(process(nlp, [item]))
    assert doc.text == seed
    assert doc._.pf_date == "2020-11-28" and doc._.pf_body_start == len(" date 2020-11-28")
    for type_name in MENTION_TYPES:
        for m in doc.spans[MENTION_TYPES[type_name].span_key].attrs["mentions"]:
            assert seed[m["start"] : m["end"]] == m["text"]
    assert list(doc.sents)


def test_extract_chunk_reports_a_failing_component_and_keeps_the_other_documents(nlp, monkeypatch):
    def explode(doc):
        if "boom" in doc.text:
            raise RuntimeError("boom")
        return []

    monkeypatch.setattr(nlp.get_pipe("pressfacts_dates_v1"), "extract", explode)
    items = [
        InputDocument("a", "<a>", "Sales rose.", None, "missing"),
        InputDocument("b", "<b>", "It went boom.", None, "missing"),
        InputDocument("c", "<c>", "Prices fell.", None, "missing"),
    ]
    extracted = extract_chunk(nlp, items)
    assert [doc_id for doc_id, _ in extracted.rows] == ["a", "c"]
    assert [(e.source, "boom" in e.reason) for e in extracted.errors] == [("b", True)]


CONTRACTIONS = (
    "Y'all ain't gonna believe it, but there's more: let's go, c'mon! They gotta see it. "
    "There are 5 of them. I said you'd come.  \n\n It's fine; we're done, aren't we?"
)


def speedup_test_texts():
    texts = [json.loads(line)["text"] for line in GOLD.joinpath("dev.jsonl").read_text(encoding="utf-8").splitlines()]
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    # Two long texts, tagged in windows (the second cut at a window's edge mid-sentence).
    long = ["\n\n".join(texts), " ".join(texts[:7])]
    return texts + seeds + [CONTRACTIONS] + long


def only_the_model(nlp):
    return [n for n in nlp.pipe_names if n != "pressfacts_tagging_v1"]


def test_the_indexed_attribute_ruler_finds_exactly_the_matches_of_spacys_matcher(nlp):
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, IndexedMatcher)
    plain = spacy.load(Settings().model, exclude=["parser", "ner", "senter", "attribute_ruler", "lemmatizer"])
    for doc in plain.pipe(speedup_test_texts()):
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc), doc.text[:60]


def test_the_windowed_model_gives_the_tags_parts_of_speech_morphology_and_lemmas_of_spacys(nlp):
    settings = Settings()
    plain = spacy.load(settings.model, exclude=list(settings.exclude))
    texts = speedup_test_texts()
    assert max(len(nlp.make_doc(t)) for t in texts) > 5 * WINDOW_TOKENS
    for fast, slow in zip(nlp.pipe(texts, disable=only_the_model(nlp)), plain.pipe(texts), strict=True):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in fast] == [
            (t.tag_, t.pos_, str(t.morph), t.lemma_) for t in slow
        ]


def test_the_model_runs_inside_the_windowed_component_only(nlp):
    assert nlp.pipe_names[0] == "pressfacts_tagging_v1"
    assert not set(MODEL_COMPONENTS) & set(nlp.pipe_names)
    assert set(MODEL_COMPONENTS) <= set(nlp.disabled)


def test_a_worker_that_dies_stops_the_run_with_an_error_and_writes_nothing(tmp_path, monkeypatch, capsys):
    corpus = write_dev_corpus(tmp_path / "in", n=3)
    (corpus / "killer.txt").write_text("This document kills its worker.", encoding="utf-8")
    real_extract_chunk = extract_chunk

    def dying(nlp, items, batch_size=32):
        if any("kills its worker" in item.text for item in items):
            os._exit(9)  # as the kernel's out-of-memory killer would
        return real_extract_chunk(nlp, items, batch_size)

    monkeypatch.setattr("pipeline.batch.engines.extract_chunk", dying)  # inherited by the forked workers
    out = tmp_path / "out"
    assert main(["run", str(corpus), "--out", str(out), "--quiet", "--workers", "2"]) == 2
    assert "a worker process died" in capsys.readouterr().err
    assert not out.exists() or not [p for p in out.iterdir() if p.name != ".pressfacts"]
    assert not (out / ".pressfacts" / "sets").exists() or not list((out / ".pressfacts" / "sets").iterdir())


def test_progress_within_a_long_document_is_told_piece_by_piece(nlp, monkeypatch):
    monkeypatch.setattr(importlib.import_module("pipeline.batch.extract"), "MAX_PIECE_CHARS", 300)
    text = "The fund opened on Nov. 24 with $5 million.\n\n" * 40
    item = InputDocument("long", "<test>", text, "2020-11-28", "option")
    told = []
    extracted = extract_chunk(nlp, [item], on_chars=told.append)
    assert len(told) == len(piece_bounds(text)) > 1 and sum(told) == len(text)
    assert extracted.rows[0][1]["documents"][0]["n_chars"] == len(text)


def test_the_lemmatizer_index_becomes_sets_with_the_same_words():
    from pipeline.core.speedups import index_as_sets

    plain = spacy.load(Settings().model, exclude=["parser", "ner", "senter"])
    lemmatizer = plain.get_pipe("lemmatizer")
    before = {key: list(words) for key, words in lemmatizer.lookups.get_table("lemma_index").items()}
    index_as_sets(lemmatizer)
    after = lemmatizer.lookups.get_table("lemma_index")
    assert before and all(
        isinstance(after[key], frozenset) and after[key] == set(words) for key, words in before.items()
    )


def test_a_piece_keeps_the_text_it_was_made_from_and_a_wrong_text_is_refused(nlp):
    from pipeline.core.document import remember_text, text_of

    doc = nlp.make_doc("Sales rose 5% in May.")
    remember_text(doc, "Sales rose 5% in May.")
    assert text_of(doc) == doc.text
    with pytest.raises(ValueError):
        remember_text(doc, "Sales rose.")
    other = nlp.make_doc("Another text altogether, longer.")
    other.user_data.update(doc.user_data)  # a cached text of another Doc is not taken
    assert text_of(other) == "Another text altogether, longer."


def test_the_command_line_starts_without_pandas_dask_duckdb_or_pyarrow():
    import subprocess
    import sys

    code = "import sys, pipeline.cli; print(sorted(m for m in ('pandas', 'dask', 'duckdb', 'pyarrow') if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"


def long_release(n_chars: int) -> str:
    texts = [json.loads(line)["text"] for line in GOLD.joinpath("dev.jsonl").read_text(encoding="utf-8").splitlines()]
    body = "\n\n".join(texts)
    return " date 2020-11-28\n\n" + (body + "\n\n") * (n_chars // len(body) + 1)


def test_a_long_document_spread_as_pieces_and_joined_gives_the_rows_of_the_whole(nlp, monkeypatch):
    monkeypatch.setattr(importlib.import_module("pipeline.batch.extract"), "MAX_PIECE_CHARS", 2_000)
    item = InputDocument("long", "<test>", long_release(9_000), "2020-11-28", "header")
    whole = extract_chunk(nlp, [item, InputDocument("short", "<test>", "It opened on May 2.", None, "missing")]).rows
    joiner = PieceJoiner()
    spread = list(joiner.spread([item, InputDocument("short", "<test>", "It opened on May 2.", None, "missing")]))
    assert [type(piece).__name__ for piece in spread].count("DocumentPiece") == len(piece_bounds(item.text)) > 4
    assert all(len(chunk) == 1 for chunk in chunked(spread[:-1], 32))  # a piece fills a chunk: one per worker
    joined = [row for chunk in chunked(spread, 32) for row in joiner.join(extract_chunk(nlp, chunk).rows)]
    assert joined == whole and whole[0][1]["documents"][0]["n_chars"] == len(item.text)


def test_a_long_document_missing_a_failed_piece_is_dropped_not_joined(nlp, monkeypatch):
    monkeypatch.setattr(importlib.import_module("pipeline.batch.extract"), "MAX_PIECE_CHARS", 2_000)
    item = InputDocument("long", "<test>", long_release(6_000), "2020-11-28", "header")
    joiner = PieceJoiner()
    pieces = list(joiner.spread([item]))
    rows = extract_chunk(nlp, pieces).rows
    assert joiner.join(rows[:1] + rows[2:]) == []  # the second piece failed


def test_two_workers_share_one_long_document_and_write_the_bytes_of_one_process(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "long.txt").write_text(long_release(250_000), encoding="utf-8")
    (corpus / "short.txt").write_text(
        " date 2021-03-01\n\nThe fund opened on March 2 with $5 million.", encoding="utf-8"
    )
    assert main(["run", str(corpus), "--out", str(tmp_path / "one"), "--quiet"]) == 0
    assert main(["run", str(corpus), "--out", str(tmp_path / "two"), "--quiet", "--workers", "2"]) == 0
    assert table_bytes(tmp_path / "one") == table_bytes(tmp_path / "two")
