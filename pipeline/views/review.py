"""The review page: one self-contained HTML file showing where every row came from.

``pressfacts review OUT_DIR [--gold GOLD.jsonl]`` reads an output folder,
finds each document's text again (from its ``source``, checked against the
``sha256`` in documents.csv; from the gold file with ``--gold``) and writes
a page with a summary per type, charts (inline SVG), and every document
with its mentions highlighted. The documents travel as JSON inside the page
and a small script renders one page of them at a time, so a batch of
thousands of documents still opens quickly. No network, no timestamp: the
same folder gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from string import Template

import pandas as pd

from pipeline.core.mentions import MENTION_TYPES
from pipeline.evaluation.scoring import GoldDocument, Scores, load_gold, score
from pipeline.io.outputset import read_folder
from pipeline.io.reader import InputDocument, read_file, source_file
from pipeline.views.review_charts import counts_chart, money_chart, timeline_chart

ASSETS = Path(__file__).with_name("review_assets")
KINDS_WITH_GOLD = ("match", "wrong", "missed", "extra")
KIND_WITHOUT_GOLD = "found"
PAGE_SIZE = 20


@dataclass(frozen=True)
class Mark:
    """One highlighted span: a predicted mention, or with gold a scored one (a miss is the gold span)."""

    type: str
    kind: str  # found | match | wrong | missed | extra
    start: int
    end: int
    text: str
    values: str  # the normalised fields, for hover and the side list
    rule: str
    period: str = ""  # a date's ``begin/end_date`` when both are known, for the timeline's filter


@dataclass
class ReviewDocument:
    doc_id: str
    date: str
    source: str
    text: str | None  # None when the text could not be found again
    note: str = ""  # why the text is missing, or a warning about it
    marks: list[Mark] = field(default_factory=list)


@dataclass
class Review:
    out_dir: str
    gold_path: str | None
    documents: list[ReviewDocument]
    rows: dict[str, list[dict]]  # type -> every predicted row of the folder
    scores: Scores | None
    entities: list[dict] = field(default_factory=list)  # the folder's entities table (none in older folders)

    @property
    def kinds(self) -> tuple[str, ...]:
        """The outcomes on the page; with gold, ``found`` too when some documents are not in it."""
        present = {m.kind for d in self.documents for m in d.marks}
        if self.scores is None:
            return (KIND_WITHOUT_GOLD,)
        return KINDS_WITH_GOLD + ((KIND_WITHOUT_GOLD,) if KIND_WITHOUT_GOLD in present else ())


def _values(type_name: str, mention: dict) -> str:
    """One ``field=value`` per line."""
    return "\n".join(f"{f}={'' if mention.get(f) is None else mention[f]}" for f in MENTION_TYPES[type_name].fields)


def _mark(type_name: str, kind: str, mention: dict, gold: dict | None = None) -> Mark:
    values = _values(type_name, mention)
    if gold is not None:
        values += f"\ngold:\n{_values(type_name, gold)}"
    period = f"{mention['begin']}/{mention['end_date']}" if mention.get("begin") and mention.get("end_date") else ""
    return Mark(
        type_name,
        kind,
        int(mention["start"]),
        int(mention["end"]),
        str(mention["text"]),
        values,
        str(mention.get("rule", "")),
        period,
    )


def find_texts(documents: pd.DataFrame, stored: dict[str, str]) -> dict[str, tuple[str | None, str]]:
    """Each document's text: as the run stored it (``texts``), else read again from its source
    (a folder written before texts were stored) if its sha256 still matches; else why not."""
    texts: dict[str, tuple[str | None, str]] = {}
    read: dict[str, dict[str, tuple[str, str]]] = {}  # file -> source -> (text, sha256)
    for row in documents.to_dict("records"):
        if row["doc_id"] in stored:
            texts[row["doc_id"]] = (stored[row["doc_id"]], "")
            continue
        path = source_file(row["source"])
        if path not in read:
            read[path] = (
                {d.source: (d.text, d.sha256) for d in read_file(Path(path)) if isinstance(d, InputDocument)}
                if Path(path).is_file()
                else {}
            )
        found = read[path].get(row["source"])
        if found is None:
            texts[row["doc_id"]] = (None, f"text unavailable: {row['source']} cannot be read")
        elif found[1] != row["sha256"]:
            texts[row["doc_id"]] = (None, f"text unavailable: {row['source']} changed since the run (sha256 differs)")
        else:
            texts[row["doc_id"]] = (found[0], "")
    return texts


def _optional_table(out_dir: str | Path, table: str) -> list[dict]:
    """A table that folders written by older versions lack (then empty)."""
    try:
        return read_folder(out_dir, [table])[table].to_dict("records")
    except FileNotFoundError:
        return []


def _read_rows(out_dir: str | Path) -> tuple[pd.DataFrame, dict[str, list[dict]], list[dict]]:
    frames = read_folder(out_dir, ["documents", *(t.table for t in MENTION_TYPES.values())])
    rows = {}
    for mtype in MENTION_TYPES.values():
        rows[mtype.name] = frames[mtype.table].to_dict("records")
        for row in rows[mtype.name]:
            row["start"], row["end"] = int(row["start"]), int(row["end"])
    return frames["documents"], rows, _optional_table(out_dir, "entities")


def _gold_text(gold: GoldDocument, shas: dict[str, str]) -> tuple[str, str]:
    """The gold's text, with a note when the folder has no such document or another text."""
    if gold.doc_id not in shas:
        return gold.text, "not in the output folder: every gold mention counts as missed"
    if shas[gold.doc_id] != hashlib.sha256(gold.text.encode("utf-8")).hexdigest():
        return gold.text, "warning: the gold text differs from the text this folder was made from (sha256)"
    return gold.text, ""


def build_review(out_dir: str | Path, gold_path: str | Path | None = None) -> Review:
    documents, rows, entities = _read_rows(out_dir)
    predictions: dict[str, dict[str, list[dict]]] = {}
    for type_name, type_rows in rows.items():
        for row in type_rows:
            predictions.setdefault(row["doc_id"], {}).setdefault(type_name, []).append(row)
    texts = find_texts(documents, {r["doc_id"]: r["text"] for r in _optional_table(out_dir, "texts")})
    info = {r["doc_id"]: (r["date"], r["source"]) for r in documents.to_dict("records")}
    scores = None
    marks: dict[str, list[Mark]] = {}
    if gold_path is not None:
        gold_docs = load_gold(gold_path)
        shas = dict(zip(documents["doc_id"], documents["sha256"], strict=False))
        for g in gold_docs:  # gold-only documents come after the folder's
            texts[g.doc_id] = _gold_text(g, shas)
            info.setdefault(g.doc_id, (g.date or "", str(gold_path)))
        scores = score(gold_docs, predictions)
        for o in scores.outcomes:
            mention = o.pred if o.pred is not None else o.shown
            marks.setdefault(o.doc_id, []).append(_mark(o.type, o.kind, mention, o.gold if o.kind == "wrong" else None))
        scored = {g.doc_id for g in gold_docs}
        predictions = {d: by_type for d, by_type in predictions.items() if d not in scored}
    for doc_id, by_type in predictions.items():
        for type_name, type_rows in by_type.items():
            marks.setdefault(doc_id, []).extend(_mark(type_name, KIND_WITHOUT_GOLD, r) for r in type_rows)
    review_docs = []
    for doc_id, (date, source) in info.items():
        text, note = texts[doc_id]
        doc_marks = sorted(marks.get(doc_id, []), key=lambda m: (m.start, -m.end, m.type, m.kind))
        review_docs.append(ReviewDocument(doc_id, date, source, text, note, doc_marks))
    return Review(str(out_dir), str(gold_path) if gold_path else None, review_docs, rows, scores, entities)


def segments(marks: list[Mark]) -> list[tuple[int, int, list[int]]]:
    """Cut the marked text into pieces each covered by the same marks, so overlapping and
    nested mentions of different types all show: ``(start, end, [mark indices, outermost first])``."""
    bounds = sorted({m.start for m in marks} | {m.end for m in marks})
    pieces = []
    for start, end in zip(bounds, bounds[1:], strict=False):
        covering = [i for i, m in enumerate(marks) if m.start <= start and end <= m.end]
        if covering:
            covering.sort(key=lambda i: (-(marks[i].end - marks[i].start), marks[i].start, i))
            pieces.append((start, end, covering))
    return pieces


def _document_data(doc: ReviewDocument, types: list[str], kinds: tuple[str, ...]) -> dict:
    return {
        "id": doc.doc_id,
        "date": doc.date,
        "source": doc.source,
        "note": doc.note,
        "text": doc.text,
        "marks": [
            [m.start, m.end, types.index(m.type), kinds.index(m.kind), m.text, m.values, m.rule, m.period]
            for m in doc.marks
        ],
        "segs": [list(s) for s in segments(doc.marks)] if doc.text is not None else [],
    }


def _script_json(data: dict) -> str:
    """JSON that can sit inside <script>: no ``<``, ``>`` or ``&`` can end the element early."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _summary_table(review: Review) -> str:
    scores = review.scores
    with_gold = scores is not None
    head = ["type", "rows", "documents", "distinct values", "top rules"]
    if with_gold:
        head += ["gold", "match", "wrong", "missed", "extra", "value P", "value R", "value F1"]
    kinds = Counter((o.type, o.kind) for o in scores.outcomes) if scores is not None else Counter()
    lines = [
        '<table class="summary"><thead><tr>' + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
    ]
    for mtype in MENTION_TYPES.values():
        rows = review.rows[mtype.name]
        key_field = mtype.fields[0]
        rules = Counter(r.get("rule", "") for r in rows).most_common(3)
        cells = [
            f'<span class="swatch t-{mtype.name}"></span>{escape(mtype.table)}',
            str(len(rows)),
            str(len({r["doc_id"] for r in rows})),
            _plural(len({r.get(key_field, "") for r in rows}), escape(key_field)),
            escape(", ".join(f"{rule} ({n})" for rule, n in rules)),
        ]
        if scores is not None:
            counts = scores.by_type[mtype.name]
            p, r, f = counts.prf(counts.value)
            cells += [str(counts.gold)] + [str(kinds[(mtype.name, k)]) for k in KINDS_WITH_GOLD]
            cells += [f"{p:.3f}", f"{r:.3f}", f"{f:.3f}"]
        lines.append(f'<tr data-type="{mtype.name}">' + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    lines.append("</tbody></table>")
    return "".join(lines)


KIND_LABELS = {
    "found": "not scored (document not in the gold)",
    "match": "match (values agree with gold)",
    "wrong": "wrong value",
    "missed": "missed (gold only)",
    "extra": "extra (not in gold)",
}


def _entities_table(review: Review) -> str:
    """Each named report and initiative once, most documents first."""
    if not review.entities:
        return "<p>No named report or initiative.</p>"
    head = ["entity", "type", "kind", "year", "also written", "documents", "mentions", "first", "last"]
    lines = [
        '<table class="entities"><thead><tr>' + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr></thead><tbody>"
    ]
    for e in sorted(review.entities, key=lambda e: (-int(e["n_documents"]), -int(e["n_mentions"]), e["name"])):
        cells = [
            e["name"],
            e["type"],
            e["kind"],
            e["year"],
            e["aliases"].replace(";", "; "),
            e["n_documents"],
            e["n_mentions"],
            e["first_date"],
            e["last_date"],
        ]
        swatch = f'<span class="swatch t-{escape(e["type"])}"></span>'
        lines.append(
            f'<tr title="{escape(e["entity_id"])}"><td>{swatch}'
            + "</td><td>".join(escape(str(c)) for c in cells)
            + "</td></tr>"
        )
    return "\n".join([*lines, "</tbody></table>"])


def _legend(review: Review) -> str:
    types = "".join(
        f'<label class="legend-item" data-type="{t}"><input type="checkbox" data-filter="type" value="{t}" checked>'
        f'<span class="hl t-{t} k-{review.kinds[0] if review.scores is None else "match"}">{escape(MENTION_TYPES[t].table)}</span></label>'
        for t in MENTION_TYPES
    )
    kinds = ""
    if review.scores is not None:
        kinds = "".join(
            f'<label class="legend-item" data-kind="{k}"><input type="checkbox" data-filter="kind" value="{k}" checked>'
            f'<span class="hl t-date k-{k}">{escape(KIND_LABELS[k])}</span></label>'
            for k in review.kinds
        )
        kinds = f'<div class="legend-row"><b>Outcome</b>{kinds}</div>'
    return f'<div class="legend-row"><b>Type</b>{types}</div>{kinds}'


def render_page(review: Review) -> str:
    types = list(MENTION_TYPES)
    n_missing = sum(1 for d in review.documents if d.text is None)
    scope = f"{len(review.documents)} documents from {review.out_dir}"
    if review.gold_path:
        scope += f", scored against {review.gold_path}"
    missing = (
        (
            f'<p class="warning">{n_missing} documents are shown without their text '
            "(source not found or changed since the run): their rows are listed alone.</p>"
        )
        if n_missing
        else ""
    )
    data = {
        "types": types,
        "kinds": list(review.kinds),
        "fields": {t: list(m.fields) for t, m in MENTION_TYPES.items()},
        "pageSize": PAGE_SIZE,
        "documents": [_document_data(d, types, review.kinds) for d in review.documents],
    }
    page = Template((ASSETS / "page.html").read_text(encoding="utf-8"))
    return page.substitute(
        title=escape(f"pressfacts review: {review.out_dir}"),
        scope=escape(scope),
        missing=missing,
        style=(ASSETS / "review.css").read_text(encoding="utf-8"),
        script=(ASSETS / "review.js").read_text(encoding="utf-8"),
        summary=_summary_table(review),
        entities=_entities_table(review),
        legend=_legend(review),
        timeline=timeline_chart(review.rows["date"]),
        money=money_chart(review.rows["money"]),
        counts=counts_chart(review.rows["count"]),
        data=_script_json(data),
    )


def write_review(out_dir: str | Path, output: str | Path, gold_path: str | Path | None = None) -> Review:
    review = build_review(out_dir, gold_path)
    Path(output).write_text(render_page(review), encoding="utf-8")
    return review
