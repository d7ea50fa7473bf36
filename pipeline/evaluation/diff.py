"""Compare two output folders row by row, for when there is no gold to score against.

Rows of one type in one document are paired the way the scorer pairs gold
and predictions (overlapping spans, largest overlap first), so a widened
span or a new value shows as one changed row, not as a removal and an addition.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from pipeline.core.mentions import MENTION_TYPES
from pipeline.evaluation.scoring import score_document
from pipeline.io.outputset import read_folder

KINDS = ("added", "removed", "changed")


def _shown(value) -> str:
    """A field value as printed: ``''`` for an empty one, so that it cannot go unseen."""
    text = "" if value is None else str(value)
    return text if text else "''"


@dataclass(frozen=True)
class RowChange:
    kind: str  # added | removed | changed
    type: str
    doc_id: str
    old: dict | None
    new: dict | None

    @property
    def row(self) -> dict:
        """The new row, or the old one for a removed row."""
        row = self.new if self.new is not None else self.old
        assert row is not None, "a change holds an old or a new row"
        return row

    @property
    def differences(self) -> list[str]:
        """For a changed row: what differs, as ``name: old -> new``."""
        if self.old is None or self.new is None:
            return []
        names = ["text", "start", "end", *MENTION_TYPES[self.type].fields]
        return [
            f"{n}: {_shown(self.old.get(n))} -> {_shown(self.new.get(n))}"
            for n in names
            if _shown(self.old.get(n)) != _shown(self.new.get(n))
        ]


@dataclass
class FolderDiff:
    old_dir: str
    new_dir: str
    documents_added: list[str] = field(default_factory=list)
    documents_removed: list[str] = field(default_factory=list)
    documents_text_changed: list[str] = field(default_factory=list)
    rows: dict[str, tuple[int, int]] = field(default_factory=dict)  # type -> (old rows, new rows)
    changes: list[RowChange] = field(default_factory=list)

    @property
    def identical(self) -> bool:
        return not (self.changes or self.documents_added or self.documents_removed or self.documents_text_changed)

    def count(self, type_name: str, kind: str) -> int:
        return sum(1 for c in self.changes if c.type == type_name and c.kind == kind)


def _rows_by_document(frame: pd.DataFrame) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {}
    for row in frame.to_dict("records"):
        row["start"], row["end"] = int(row["start"]), int(row["end"])
        rows.setdefault(row["doc_id"], []).append(row)
    return rows


def _same(type_name: str, old: dict, new: dict) -> bool:
    names = ("start", "end", "text", *MENTION_TYPES[type_name].fields)
    return all(str(old.get(n, "")) == str(new.get(n, "")) for n in names)


def diff_folders(old_dir: str | Path, new_dir: str | Path, types=tuple(MENTION_TYPES)) -> FolderDiff:
    result = FolderDiff(str(old_dir), str(new_dir))
    tables = ["documents", *(MENTION_TYPES[t].table for t in types)]
    old_tables, new_tables = read_folder(old_dir, tables), read_folder(new_dir, tables)
    old_docs = dict(zip(old_tables["documents"]["doc_id"], old_tables["documents"]["sha256"], strict=False))
    new_docs = dict(zip(new_tables["documents"]["doc_id"], new_tables["documents"]["sha256"], strict=False))
    result.documents_added = [d for d in new_docs if d not in old_docs]
    result.documents_removed = [d for d in old_docs if d not in new_docs]
    result.documents_text_changed = [d for d in new_docs if d in old_docs and old_docs[d] != new_docs[d]]
    for type_name in types:
        table = MENTION_TYPES[type_name].table
        old_frame, new_frame = old_tables[table], new_tables[table]
        result.rows[type_name] = (len(old_frame), len(new_frame))
        old_rows, new_rows = _rows_by_document(old_frame), _rows_by_document(new_frame)
        for doc_id in sorted(set(old_rows) | set(new_rows)):
            _, outcomes = score_document(type_name, doc_id, old_rows.get(doc_id, []), new_rows.get(doc_id, []))
            for o in outcomes:
                if o.kind == "missed":
                    result.changes.append(RowChange("removed", type_name, doc_id, o.gold, None))
                elif o.kind == "extra":
                    result.changes.append(RowChange("added", type_name, doc_id, None, o.pred))
                elif o.gold is not None and o.pred is not None and not _same(type_name, o.gold, o.pred):
                    result.changes.append(RowChange("changed", type_name, doc_id, o.gold, o.pred))
    result.changes.sort(key=lambda c: (c.doc_id, c.row["start"], c.type, c.kind))
    return result


def _values(type_name: str, row: dict) -> str:
    return ", ".join(f"{f}={row.get(f, '')}" for f in MENTION_TYPES[type_name].fields)


def format_diff(diff: FolderDiff, summary_only: bool = False) -> str:
    lines = [f"pressfacts diff {diff.old_dir} -> {diff.new_dir}"]
    lines.append(
        f"documents: {len(diff.documents_added)} added, {len(diff.documents_removed)} removed, "
        f"{len(diff.documents_text_changed)} with a changed text (sha256)"
    )
    for label, ids in (
        ("added", diff.documents_added),
        ("removed", diff.documents_removed),
        ("text changed", diff.documents_text_changed),
    ):
        if ids and not summary_only:
            lines.append(f"  {label}: {', '.join(ids)}")
    header = f"{'table':<12} {'old':>7} {'new':>7} {'added':>7} {'removed':>7} {'changed':>7}"
    lines += ["", header, "-" * len(header)]
    for type_name, (old_n, new_n) in diff.rows.items():
        counts = " ".join(f"{diff.count(type_name, k):>7}" for k in KINDS)
        lines.append(f"{MENTION_TYPES[type_name].table:<12} {old_n:>7} {new_n:>7} {counts}")
    if summary_only or diff.identical:
        return "\n".join(lines + (["\nNo differences."] if diff.identical else []))
    if diff.changes:
        lines.append("")
    for c in diff.changes:
        row = c.row
        where = f"{c.doc_id}:{row['start']}-{row['end']}"
        if c.old is not None and c.new is not None:  # changed
            detail = "; ".join(c.differences)
            if c.old.get("rule") != c.new.get("rule"):
                detail += f" (rule {c.old.get('rule', '')} -> {c.new.get('rule', '')})"
        else:
            detail = f"{row['text']!r} {_values(c.type, row)} rule={row.get('rule', '')}"
        lines.append(f"{c.kind.upper():<8} {c.type:<10} {where} {detail}")
        if row.get("sentence"):
            lines.append(f"         … {row['sentence']} …")
    return "\n".join(lines)
