"""pressfacts against plain spaCy, as whole processes in one run (issue 17).

    .venv/bin/python benchmarks/speed.py [CORPUS.jsonl] [--documents 1000] [--runs 3]

CORPUS defaults to ../shared/data/bbc_news.jsonl (never committed). Each figure is a whole
process, start-up, reading and writing included, timed by the operating system (wall time,
and peak RSS from ``wait4``):

- plain ``en_core_web_sm`` (every default component) loading and running ``nlp.pipe`` over
  the first N articles (``benchmarks/plain_spacy.py``);
- ``pressfacts run`` on the same articles (all seven tables, CSV), one process and
  ``--workers 2``;
- ``pressfacts run`` on the whole corpus (peak RSS);
- ``pressfacts run`` on one short document (start-up).

pressfacts' own modules are compiled to bytecode first, as an installed package's are.

The three N-article commands run in turn, ``--runs`` times, and medians are reported, so a
drift in the machine's speed falls on all of them. The time per stage is measured in process
by ``benchmarks/throughput.py``'s stage split on the same articles.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "bbc_news.jsonl"
BIN = Path(sys.executable).parent


def timed(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB, the largest process of the tree) of one whole process."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(
            f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:] if process.stderr else ''}"
        )
    return seconds, usage.ru_maxrss / 1024


def subset(corpus: Path, n: int | None, folder: Path) -> tuple[Path, int]:
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if line.strip()]
    lines = lines[:n] if n else lines
    path = folder / f"first-{len(lines)}.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path, sum(len(json.loads(line)["text"].split()) for line in lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--documents", type=int, default=1000, help="articles compared (default 1000)")
    parser.add_argument("--runs", type=int, default=3, help="runs of each command, in turn (default 3)")
    options = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="pressfacts-speed-"))
    try:
        report(Path(options.corpus), options.documents, options.runs, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(corpus: Path, n: int, runs: int, work: Path) -> None:
    # pressfacts' own modules as bytecode, like every installed package's (spaCy's included):
    # an editable install under PYTHONDONTWRITEBYTECODE would compile them in every process.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "pipeline")], check=True)
    articles, words = subset(corpus, n, work)
    whole, whole_words = subset(corpus, None, work)
    one = work / "one.txt"
    one.write_text(json.loads(articles.read_text(encoding="utf-8").splitlines()[0])["text"], encoding="utf-8")
    pressfacts = str(BIN / "pressfacts")
    commands = {
        "plain en_core_web_sm `nlp.pipe`": [sys.executable, str(ROOT / "benchmarks" / "plain_spacy.py"), str(articles)],
        "pressfacts run": [pressfacts, "run", str(articles), "--out", str(work / "out-1"), "--quiet"],
        "pressfacts run --workers 2": [
            pressfacts,
            *("run", str(articles), "--out", str(work / "out-2"), "--quiet", "--workers", "2"),
        ],
    }
    print(f"# pressfacts against plain spaCy: {corpus.name}, first {n} articles ({words:,} words)\n")
    print(
        f"{os.cpu_count()} CPUs; load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}; {runs} runs each, in turn\n"
    )
    figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            shutil.rmtree(work / "out-1", ignore_errors=True)
            shutil.rmtree(work / "out-2", ignore_errors=True)
            figures[name].append(timed(command))
    print("| whole process | median wall s (min-max) | words/s | peak RSS MB |")
    print("|---|---:|---:|---:|")
    median = {}
    for name, values in figures.items():
        seconds = [s for s, _ in values]
        median[name] = statistics.median(seconds)
        print(
            f"| {name} | {median[name]:.1f} ({min(seconds):.1f}-{max(seconds):.1f}) | "
            f"{words / median[name]:,.0f} | {max(r for _, r in values):.0f} |"
        )
    full_seconds, full_rss = timed([pressfacts, "run", str(whole), "--out", str(work / "out-full"), "--quiet"])
    start_seconds, start_rss = timed([pressfacts, "run", str(one), "--out", str(work / "out-one"), "--quiet"])
    plain, ours, two = (median[name] for name in commands)
    print("\n| figure | value | target |")
    print("|---|---:|---:|")
    print(f"| plain spaCy / pressfacts, whole process | {plain / ours:.2f} | >= 3.0 |")
    print(f"| pressfacts one process / `--workers 2` | {ours / two:.2f} | >= 1.8 |")
    print(
        f"| whole corpus ({whole_words:,} words): seconds, peak RSS MB | {full_seconds:.1f} s, {full_rss:.0f} | <= 800 MB |"
    )
    print(f"| one short document: seconds (start-up), peak RSS MB | {start_seconds:.2f} s, {start_rss:.0f} | |")
    stages = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "throughput.py"),
            "--measure",
            "stages",
            str(articles),
            str(work / "out-stages"),
            "",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    split = json.loads(stages.stdout.strip().splitlines()[-1])["stages"]
    total = sum(split.values())
    print(f"\nTime per stage, in process, same articles ({total:.1f} s):\n")
    print("| stage | seconds | share |")
    print("|---|---:|---:|")
    for stage, seconds in sorted(split.items(), key=lambda kv: -kv[1]):
        print(f"| {stage} | {seconds:.2f} | {100 * seconds / total:.1f}% |")


if __name__ == "__main__":
    main()
