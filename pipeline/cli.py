"""Command line: ``pressfacts run`` writes the tables, ``pressfacts eval`` scores against gold."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from pathlib import Path

from pipeline.batch.engines import ENGINES
from pipeline.batch.extract import process
from pipeline.core.config import load_settings
from pipeline.core.document import iso_date_or_none
from pipeline.core.mentions import MENTION_TYPES
from pipeline.evaluation.predict import predict_gold, read_predictions
from pipeline.evaluation.scoring import CONTRACT_FIELDS, GoldError, format_errors, format_table, load_gold, score
from pipeline.io.formats import FORMATS
from pipeline.io.reader import InputDocument, ReadError, read_inputs

EXIT_OK, EXIT_INPUT_ERRORS, EXIT_USAGE, EXIT_BELOW_FLOOR, EXIT_REFUSED, EXIT_INTERRUPTED = 0, 1, 2, 3, 5, 130


def _date_option(value: str) -> str:
    date = iso_date_or_none(value)
    if date is None:
        raise argparse.ArgumentTypeError(f"{value!r} is not a YYYY-MM-DD calendar date")
    return date


def _positive_int(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: expected a whole number >= 1")
    return int(value)


def _floor_option(value: str) -> tuple[str, float]:
    type_name, _, number = value.partition("=")
    if type_name not in (*MENTION_TYPES, "micro"):
        raise argparse.ArgumentTypeError(f"unknown type {type_name!r} (one of {', '.join(MENTION_TYPES)}, micro)")
    try:
        return type_name, float(number)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r}: expected TYPE=NUMBER, e.g. date=0.9") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="pressfacts", description=__doc__)
    parser.add_argument("--config", help="run configuration (default: configs/pressfacts.toml when present)")
    sub = parser.add_subparsers(dest="command", required=True)

    p_run = sub.add_parser("run", help="extract the tables from .txt and .jsonl inputs")
    p_run.add_argument("inputs", nargs="+", metavar="INPUT", help="files, folders or glob patterns")
    p_run.add_argument("--out", default="outputs", help="output folder (default: outputs/)")
    p_run.add_argument("--date", type=_date_option, help="document date for every input (YYYY-MM-DD)")
    p_run.add_argument("--quiet", action="store_true", help="no progress bar or summary")
    p_run.add_argument(
        "--format",
        choices=FORMATS,
        default="csv",
        help="csv (default: one file per table), parquet (one file per table) or duckdb (one database)",
    )
    p_run.add_argument(
        "--workers",
        type=_positive_int,
        metavar="N",
        help="worker processes (local engine, default 1) or LocalCluster workers (dask, default: one per CPU)",
    )
    p_run.add_argument(
        "--engine", choices=ENGINES, default="local", help="local (this machine, default) or dask (a Dask cluster)"
    )
    p_run.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a running scheduler (tcp://HOST:8786) instead of a LocalCluster",
    )
    p_run.add_argument(
        "--force",
        action="store_true",
        help="extract every input again, even those the output folder's manifest says are done",
    )
    p_run.add_argument(
        "--prune",
        action="store_true",
        help="drop the rows of documents that are no longer among the inputs (default: keep them)",
    )
    p_run.add_argument(
        "--wait",
        action="store_true",
        help="when another run holds the output folder, wait for it (default: fail at once)",
    )
    p_run.add_argument(
        "--raw-csv",
        action="store_true",
        help="write CSV cells exactly as extracted; by default a cell a spreadsheet would run as a "
        "formula (=, +, -, @, tab, CR) starts with '",
    )

    p_eval = sub.add_parser("eval", help="score extraction against gold JSONL")
    p_eval.add_argument("gold", help="gold JSONL (doc_id, date, text, mentions)")
    p_eval.add_argument("--pred", help="score this output folder instead of running the pipeline")
    p_eval.add_argument(
        "--types",
        nargs="+",
        choices=list(CONTRACT_FIELDS),
        default=list(MENTION_TYPES),
        help="mention types to score (default: every type the pipeline extracts)",
    )
    p_eval.add_argument("--errors", action="store_true", help="list misses, extras and wrong values with context")
    p_eval.add_argument("--json", action="store_true", help="print the scores as JSON")
    p_eval.add_argument(
        "--min-value-f1",
        nargs="+",
        type=_floor_option,
        default=[],
        metavar="TYPE=X",
        help="exit with status 3 when a type's value F1 is below X",
    )
    p_eval.add_argument("--save", metavar="SCORES.json", help="store the scores and every mention's outcome")
    p_eval.add_argument(
        "--baseline",
        metavar="SCORES.json",
        help="compare with scores stored by --save: changes, newly broken and fixed mentions",
    )
    p_eval.add_argument(
        "--tolerance",
        type=float,
        default=0.0,
        metavar="X",
        help="with --baseline, exit with status 4 when a value F1 drops by more than X (default 0)",
    )

    p_review = sub.add_parser("review", help="write an HTML page to review an output folder (optionally against gold)")
    p_review.add_argument("out_dir", metavar="OUT_DIR", help="output folder of `pressfacts run`")
    p_review.add_argument("--gold", help="gold JSONL: mark matches, wrong values, misses and extras")
    p_review.add_argument("-o", "--output", default="review.html", help="HTML file to write (default: review.html)")

    p_diff = sub.add_parser("diff", help="compare two output folders row by row (exit 1 when they differ)")
    p_diff.add_argument("old", metavar="OLD_OUT")
    p_diff.add_argument("new", metavar="NEW_OUT")
    p_diff.add_argument(
        "--types",
        nargs="+",
        choices=list(MENTION_TYPES),
        default=list(MENTION_TYPES),
        help="mention types to compare (default: all)",
    )
    p_diff.add_argument("--summary", action="store_true", help="only the counts, not every changed row")

    p_show = sub.add_parser("show", help="print one document with its mentions coloured by type")
    p_show.add_argument("file", metavar="FILE", help="a .txt file or a .jsonl file")
    p_show.add_argument("--doc-id", help="which document of a .jsonl file (default: the first)")
    p_show.add_argument("--date", type=_date_option, help="document date (YYYY-MM-DD)")
    p_show.add_argument(
        "--types",
        nargs="+",
        choices=list(MENTION_TYPES),
        default=list(MENTION_TYPES),
        help="mention types to show (default: all)",
    )
    return parser


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def command_run(args: argparse.Namespace) -> int:
    from pipeline.batch.runner import (  # spaCy loads only for the commands that need it
        BatchOptions,
        DropRefused,
        run_batch,
    )
    from pipeline.io.outputset import OutputError

    if args.scheduler and args.engine != "dask":
        _say("pressfacts: error: --scheduler needs --engine dask")
        return EXIT_USAGE
    settings = load_settings(args.config)
    options = BatchOptions(
        args.out,
        args.format,
        args.engine,
        args.workers,
        args.scheduler,
        args.force,
        args.prune,
        progress=False if args.quiet else None,
        wait=args.wait,
        raw_csv=args.raw_csv,
    )
    try:
        result = run_batch(
            settings,
            read_inputs(args.inputs, args.date),
            options,
            on_wait=lambda pid: _say(f"pressfacts: {args.out} is in use by pid {pid}; waiting"),
        )
    except KeyboardInterrupt:
        _say("pressfacts: interrupted; no table was written (earlier tables are untouched)")
        return EXIT_INTERRUPTED
    except (OutputError, DropRefused) as exc:
        _say(f"pressfacts: error: {exc}")
        return EXIT_REFUSED
    except OSError as exc:
        _say(f"pressfacts: error: cannot write tables to {args.out}: {exc.strerror or exc}")
        return EXIT_INPUT_ERRORS
    for error in result.errors:
        _say(f"pressfacts: error: {error}")
    if result.n_dropped:
        _say(
            f"pressfacts: warning: earlier tables not reusable ({result.stale}): the rows of {result.n_dropped} "
            "documents absent from these inputs were dropped"
        )
    if not args.quiet:
        extracted = result.n_extracted
        rate = extracted / result.seconds if result.seconds else 0.0
        per_type = ", ".join(f"{t.table} {len(result.rows[t.table])}" for t in MENTION_TYPES.values())
        reuse = f"{result.n_reused} unchanged, " if result.n_reused else ""
        if result.stale and result.stale != "no manifest":
            reuse += f"earlier tables not reused: {result.stale}; "
        pruned = f", {result.n_pruned} pruned" if result.n_pruned else ""
        speed = f" ({rate:.1f} documents/s)" if extracted else ""
        _say(
            f"pressfacts: {result.n_documents} documents ({reuse}{extracted} extracted{pruned}), {per_type}; "
            f"{len(result.errors)} errors; {result.seconds:.1f} s{speed} -> {Path(args.out)}/"
        )
    return EXIT_INPUT_ERRORS if result.errors else EXIT_OK


def command_eval(args: argparse.Namespace) -> int:
    gold_docs = load_gold(args.gold)
    predictions = read_predictions(args.pred) if args.pred else predict_gold(gold_docs, args.config)
    scores = score(gold_docs, predictions, args.types)
    if args.json:
        print(json.dumps(scores.as_dict(), indent=2))
    else:
        print(format_table(scores, f"{args.gold}: {len(gold_docs)} documents"))
    if args.errors:
        print(format_errors(scores, {g.doc_id: g.text for g in gold_docs}))
    status = EXIT_OK
    if args.save or args.baseline:
        status = _regression_report(args, scores, gold_docs)
    for type_name, floor in args.min_value_f1:
        counts = scores.micro if type_name == "micro" else scores.by_type.get(type_name)
        if counts is None:
            continue
        f1 = counts.prf(counts.value)[2]
        if f1 < floor:
            _say(f"pressfacts: {type_name} value F1 {f1:.3f} is below the floor {floor:.3f}")
            status = EXIT_BELOW_FLOOR
    return status


def _regression_report(args: argparse.Namespace, scores, gold_docs) -> int:
    """``eval --baseline`` (compare, before ``--save`` may overwrite the same file) and ``--save``."""
    from pipeline.evaluation.regression import (
        EXIT_REGRESSION,
        compare,
        format_comparison,
        load_scores,
        save_scores,
        scores_record,
    )

    record = scores_record(scores, gold_docs, args.gold)
    status = EXIT_OK
    if args.baseline:
        comparison = compare(load_scores(args.baseline), record, args.tolerance)
        print(
            format_comparison(comparison, args.baseline, args.tolerance), file=sys.stderr if args.json else sys.stdout
        )
        status = EXIT_REGRESSION if comparison.regressions else EXIT_OK
    if args.save:
        save_scores(record, args.save)
    return status


def command_review(args: argparse.Namespace) -> int:
    from pipeline.views.review import write_review

    review = write_review(args.out_dir, args.output, args.gold)
    missing = sum(1 for d in review.documents if d.text is None)
    _say(
        f"pressfacts: review of {len(review.documents)} documents -> {args.output}"
        + (f" ({missing} without their text: source not found or changed)" if missing else "")
    )
    return EXIT_OK


def command_diff(args: argparse.Namespace) -> int:
    from pipeline.evaluation.diff import diff_folders, format_diff

    diff = diff_folders(args.old, args.new, args.types)
    print(format_diff(diff, args.summary))
    return EXIT_OK if diff.identical else EXIT_INPUT_ERRORS


def command_show(args: argparse.Namespace) -> int:
    from rich.console import Console

    from pipeline.io.entities import build_entities
    from pipeline.io.tables import document_rows
    from pipeline.nlp import load
    from pipeline.views.show import show_document

    documents: list[InputDocument] = []
    errors: list[ReadError] = []
    for item in read_inputs([args.file], args.date):
        if isinstance(item, InputDocument):
            documents.append(item)
        else:
            errors.append(item)
    for error in errors:
        _say(f"pressfacts: error: {error}")
    if args.doc_id is not None:
        documents = [d for d in documents if d.doc_id == args.doc_id]
    if not documents:
        _say(
            f"pressfacts: error: no document {args.doc_id!r} in {args.file}"
            if args.doc_id
            else f"pressfacts: error: no document in {args.file}"
        )
        return EXIT_INPUT_ERRORS
    if len(documents) > 1:
        _say(
            f"pressfacts: {args.file} holds {len(documents)} documents; showing {documents[0].doc_id} (choose with --doc-id)"
        )
    settings = load_settings(args.config)
    item, doc = next(process(load(settings), documents[:1], settings.batch_size))
    rows = document_rows(item, doc)
    entities = build_entities(rows, {item.doc_id: item.text}, {item.doc_id: item.date or ""})
    show_document(item, doc, Console(), args.types, entities)
    return EXIT_OK


COMMANDS = {
    "run": command_run,
    "eval": command_eval,
    "review": command_review,
    "diff": command_diff,
    "show": command_show,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except (GoldError, FileNotFoundError, ValueError, RuntimeError) as exc:
        _say(f"pressfacts: error: {exc}")
        return EXIT_USAGE


def console() -> int:
    """The ``pressfacts`` command."""
    code = main()
    # The process ends next: the interpreter's last collection need not walk the model and
    # the tables' rows (0.1-0.3 s after a batch); memory goes back to the system either way.
    gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(console())
