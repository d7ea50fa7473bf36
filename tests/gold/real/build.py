"""Build the real gold set from the annotators' drafts, and split it.

Annotators write one draft per release, ``drafts/<doc_id>.json``, naming each
mention by its surface text and its occurrence (``nth``) instead of offsets;
this script turns drafts into the contract's gold JSONL with offsets into
``texts/<doc_id>.txt``, and checks every field the contract defines.

    python3 tests/gold/real/build.py check real001 real002   # check drafts, print problems
    python3 tests/gold/real/build.py split                    # write SOURCES.tsv, real_dev.jsonl, real_test.jsonl

    python3 tests/gold/real/build.py added OUT.jsonl [h11 ...]  # the gold of the dev-only batches alone

Batches annotated after the split was sealed (``sources_dev_*.tsv``) go to
``real_dev`` only.

It uses the standard library only and never imports the extractors: the
annotators run it without seeing them.
"""

from __future__ import annotations

import json
import random
import re
import sys
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

HERE = Path(__file__).resolve().parent
QUALIFIERS = {"=", "~", ">", ">=", "<", "<="}
KINDS = {
    "program",
    "award",
    "zone",
    "facility",
    "mechanism",
    "competition",
    "event",
    "project",
    "platform",
    "alliance",
    "fund",
    "campaign",
    "case",
}
FIELDS = {
    "date": ("value", "begin", "end_date"),
    "count": ("value", "qualifier", "unit"),
    "money": ("value", "currency", "qualifier"),
    "percentage": ("value", "unit", "kind", "qualifier"),
    "measure": ("value", "unit", "dimension", "qualifier"),
    "report": ("title", "year", "version"),
    "initiative": ("name", "kind"),
}
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_VALUE = re.compile(
    r"(?:[\dX]{1,4}(?:-[\dX]{2}(?:-[\dX]{2})?|-Q[1-4]|-H[12]|-W\d{2}|-(?:SP|SU|FA|WI))?"
    r"|FY\d{4}(?:-Q[1-4]|-H[12])?|P[\dYMWDT.]+)"
    r"(?:/(?:[\dX]{1,4}(?:-[\dX]{2}(?:-[\dX]{2})?)?|FY\d{4}(?:-Q[1-4])?))?"
)
SEED = 20261204
TEST_SHARE = 1 / 3


def _number(value) -> bool:
    if isinstance(value, bool):
        return False
    try:
        Decimal(str(value))
    except InvalidOperation:
        return False
    return isinstance(value, (int, float)) or bool(re.fullmatch(r"-?\d+(\.\d+)?", str(value)))


def field_problems(m: dict) -> list[str]:
    """What is wrong with one mention's type fields, by the contract."""
    kind = m.get("type")
    if kind not in FIELDS:
        return [f"unknown type {kind!r}"]
    problems = [f"missing field {f!r}" for f in FIELDS[kind] if f not in m]
    if problems:
        return problems
    if kind == "date":
        if not DATE_VALUE.fullmatch(str(m["value"])):
            problems.append(f"date value {m['value']!r} is not a contract value")
        for f in ("begin", "end_date"):
            if m[f] and not DAY.fullmatch(m[f]):
                problems.append(f"{f} {m[f]!r} is not YYYY-MM-DD or empty")
        if bool(m["begin"]) != bool(m["end_date"]):
            problems.append("begin and end_date: both or neither")
        if m["begin"] and m["end_date"] and m["begin"] > m["end_date"]:
            problems.append("begin after end_date")
    if kind in ("count", "money", "percentage", "measure"):
        if not _number(m["value"]):
            problems.append(f"value {m['value']!r} is not a plain number")
        if m["qualifier"] not in QUALIFIERS:
            problems.append(f"qualifier {m['qualifier']!r} not in {sorted(QUALIFIERS)}")
    if kind == "count" and (not m["unit"] or m["unit"] != m["unit"].lower()):
        problems.append(f"count unit {m['unit']!r} must be a lower-case lemma")
    if kind == "money" and not re.fullmatch(r"[A-Z]{3}", str(m["currency"])):
        problems.append(f"currency {m['currency']!r} is not an ISO 4217 code")
    if kind == "percentage":
        if m["unit"] not in ("percent", "point"):
            problems.append(f"percentage unit {m['unit']!r} not percent/point")
        if m["kind"] not in ("change", "level"):
            problems.append(f"percentage kind {m['kind']!r} not change/level")
    if kind == "measure" and (not m["unit"] or not m["dimension"]):
        problems.append("measure needs unit and dimension")
    if kind == "initiative" and m["kind"] not in KINDS:
        problems.append(f"initiative kind {m['kind']!r} not in the contract's list")
    if kind == "report" and not m["title"]:
        problems.append("report needs a title")
    if kind == "initiative" and not m["name"]:
        problems.append("initiative needs a name")
    return problems


def read_text(doc_id: str) -> str:
    with open(HERE / "texts" / f"{doc_id}.txt", encoding="utf-8", newline="") as handle:
        return handle.read()


def header_date(text: str) -> str:
    found = re.match(r"\s*date (\d{4}-\d{2}-\d{2})\s", text)
    if not found:
        raise ValueError("text does not start with a 'date YYYY-MM-DD' header")
    return found.group(1)


def build_document(doc_id: str) -> tuple[dict | None, list[str]]:
    """The gold record of one draft, with offsets, and the problems found."""
    try:
        draft = json.loads((HERE / "drafts" / f"{doc_id}.json").read_text(encoding="utf-8"))
        text = read_text(doc_id)
        date = header_date(text)
    except (OSError, ValueError) as exc:
        return None, [f"{doc_id}: {exc}"]
    problems = []
    if draft.get("doc_id") != doc_id:
        problems.append(f"{doc_id}: draft doc_id is {draft.get('doc_id')!r}")
    period = draft.get("period", "")
    if period and not DATE_VALUE.fullmatch(period):
        problems.append(f"{doc_id}: period {period!r} is not a contract value")
    header_end = re.match(r"\s*date \d{4}-\d{2}-\d{2}", text).end()
    mentions = []
    for number, m in enumerate(draft.get("mentions", []), start=1):
        where = f"{doc_id} mention {number} ({m.get('type')} {m.get('text')!r})"
        problems += [f"{where}: {p}" for p in field_problems(m)]
        surface, nth = m.get("text", ""), m.get("nth", 1)
        if not surface or not isinstance(nth, int) or nth < 1:
            problems.append(f"{where}: needs a text and an nth >= 1")
            continue
        start = -1
        for _ in range(nth):
            start = text.find(surface, start + 1)
            if start < 0:
                break
        if start < 0:
            found = text.count(surface)
            problems.append(f"{where}: occurrence {nth} not found (the text holds {found})")
            continue
        if start < header_end:
            problems.append(f"{where}: inside the date header, which is never a mention")
        record = {k: v for k, v in m.items() if k != "nth"}
        record.update(start=start, end=start + len(surface))
        mentions.append(record)
    by_type = defaultdict(list)
    for m in mentions:
        by_type[m["type"]].append(m)
    for kind, group in by_type.items():
        group.sort(key=lambda m: (m["start"], m["end"]))
        for a, b in zip(group, group[1:], strict=False):
            if b["start"] < a["end"]:
                problems.append(
                    f"{doc_id}: {kind} mentions overlap: {a['text']!r}@{a['start']} and {b['text']!r}@{b['start']}"
                )
    mentions.sort(key=lambda m: (m["start"], m["end"], m["type"]))
    record = {"doc_id": doc_id, "date": date, "period": period, "text": text, "mentions": mentions}
    return record, problems


def read_sources() -> list[dict]:
    """Every ``sources_*.tsv`` line an annotator wrote, as dicts.

    A batch in ``sources_dev_*.tsv`` was added after the split was sealed: its
    releases are ``real_dev`` only (``dev_only``), so that adding releases never
    moves one between the splits.
    """
    columns = ("id", "address", "publisher", "genre", "date", "china_related")
    rows = []
    for path in sorted(HERE.glob("sources_*.tsv")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = dict(zip(columns, line.split("\t"), strict=False))
                row["dev_only"] = path.name.startswith("sources_dev_")
                row["batch"] = path.stem.rsplit("_", 1)[-1]
                rows.append(row)
    return rows


def split(rows: list[dict]) -> set[str]:
    """The ids of ``real_test``: a seeded shuffle within each genre, a third of each.

    Only the sealed batches take part; a dev-only batch never enters the shuffle.
    """
    by_genre = defaultdict(list)
    for row in sorted((r for r in rows if not r["dev_only"]), key=lambda r: r["id"]):
        by_genre[row["genre"]].append(row["id"])
    rng = random.Random(SEED)
    test: set[str] = set()
    carry = 0.0
    for genre in sorted(by_genre):
        ids = by_genre[genre]
        rng.shuffle(ids)
        carry += len(ids) * TEST_SHARE
        take = round(carry)
        carry -= take
        test.update(ids[:take])
    return test


def write_split() -> int:
    rows = read_sources()
    seen_addresses: dict[str, str] = {}
    problems = []
    for row in rows:
        if row["address"] in seen_addresses:
            problems.append(f"{row['id']}: address also used by {seen_addresses[row['address']]}")
        seen_addresses[row["address"]] = row["id"]
    records = {}
    for row in rows:
        record, found = build_document(row["id"])
        problems += found
        if record:
            if record["date"] != row["date"]:
                problems.append(f"{row['id']}: SOURCES date {row['date']} but header {record['date']}")
            records[row["id"]] = record
    for line in problems:
        print(line)
    test = split(rows)
    with open(HERE / "SOURCES.tsv", "w", encoding="utf-8") as out:
        out.write("id\taddress\tpublisher\tgenre\tdate\tchina_related\tsplit\n")
        for row in sorted(rows, key=lambda r: r["id"]):
            out.write(
                "\t".join(
                    [
                        *(row[c] for c in ("id", "address", "publisher", "genre", "date", "china_related")),
                        "test" if row["id"] in test else "dev",
                    ]
                )
                + "\n"
            )
    for name, keep in (("real_dev", lambda i: i not in test), ("real_test", lambda i: i in test)):
        with open(HERE / f"{name}.jsonl", "w", encoding="utf-8") as out:
            for doc_id in sorted(records):
                if keep(doc_id):
                    out.write(json.dumps(records[doc_id], ensure_ascii=False) + "\n")
    print(
        f"{len(records)} documents: {len(records) - len(test & set(records))} real_dev, "
        f"{len(test & set(records))} real_test; {len(problems)} problems"
    )
    return 1 if problems else 0


def write_added(out: Path, batches: list[str]) -> int:
    """The gold of the batches added after the split was sealed (``sources_dev_*.tsv``; only
    ``batches`` when named, `h11`), read from ``real_dev.jsonl``: their first measurement,
    apart from the releases tuned on before."""
    added = {row["id"] for row in read_sources() if row["dev_only"] and (not batches or row["batch"] in batches)}
    with open(HERE / "real_dev.jsonl", encoding="utf-8") as source, open(out, "w", encoding="utf-8") as target:
        for line in source:
            if json.loads(line)["doc_id"] in added:
                target.write(line)
    print(f"{len(added)} documents -> {out}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["check"] and argv[1:]:
        total = 0
        for doc_id in argv[1:]:
            record, problems = build_document(doc_id)
            for line in problems:
                print(line)
            total += len(problems)
            if record:
                counts = defaultdict(int)
                for m in record["mentions"]:
                    counts[m["type"]] += 1
                print(f"{doc_id}: {len(record['mentions'])} mentions {dict(counts)}; {len(problems)} problems")
        return 1 if total else 0
    if argv == ["split"]:
        return write_split()
    if argv[:1] == ["added"] and len(argv) >= 2:
        return write_added(Path(argv[1]), argv[2:])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
