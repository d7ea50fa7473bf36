"""Regression reports: save one scoring run, compare a later run against it.

``pressfacts eval GOLD --save scores.json`` stores the figures and every
mention's outcome (match, wrong, missed, extra); ``--baseline scores.json``
prints the change in every figure and the mentions newly broken and newly
fixed, and fails when a value F1 drops by more than the tolerance. The file
holds no timestamp, so two runs with the same results write the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pipeline.evaluation.scoring import CONTRACT_FIELDS, Counts, GoldDocument, Scores

FORMAT = "pressfacts-scores/1"
EXIT_REGRESSION = 4
LEVELS = ("strict", "relaxed", "value")
CONTEXT_WIDTH = 50


def snippet(text: str, start: int, end: int, width: int = CONTEXT_WIDTH) -> str:
    """The mention in ``[[ ]]`` with ``width`` characters either side, white space collapsed."""
    return " ".join(
        (text[max(0, start - width) : start] + "[[" + text[start:end] + "]]" + text[end : end + width]).split()
    )


def _mention_record(type_name: str, mention: dict | None) -> dict | None:
    """The part of a gold or predicted mention worth keeping: offsets, text, fields, rule."""
    if mention is None:
        return None
    keys = ("start", "end", "text", *CONTRACT_FIELDS[type_name], "rule")
    record: dict[str, object] = {k: "" if mention.get(k) is None else str(mention[k]) for k in keys if k in mention}
    record["start"], record["end"] = int(mention["start"]), int(mention["end"])
    return record


def _shown(outcome: dict) -> dict:
    """An outcome record's gold mention, or its predicted one for an extra."""
    return outcome["gold"] if outcome["gold"] is not None else outcome["pred"]


def _file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def scores_record(scores: Scores, gold_docs: list[GoldDocument], gold_path: str | Path) -> dict:
    """Everything ``--baseline`` needs later, as plain JSON data."""
    texts = {g.doc_id: g.text for g in gold_docs}
    outcomes: list[dict] = []
    for o in scores.outcomes:
        shown = o.shown
        outcomes.append(
            {
                "type": o.type,
                "doc_id": o.doc_id,
                "kind": o.kind,
                "gold": _mention_record(o.type, o.gold),
                "pred": _mention_record(o.type, o.pred),
                "context": snippet(texts.get(o.doc_id, ""), int(shown["start"]), int(shown["end"])),
            }
        )
    outcomes.sort(key=lambda r: (r["doc_id"], r["type"], _shown(r)["start"], r["kind"]))
    return {
        "format": FORMAT,
        "gold": str(gold_path),
        "gold_sha256": _file_sha256(gold_path),
        "counts": {t: vars(c).copy() for t, c in scores.by_type.items()},
        "scores": scores.as_dict(),
        "outcomes": outcomes,
    }


def save_scores(record: dict, path: str | Path) -> None:
    Path(path).write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def load_scores(path: str | Path) -> dict:
    try:
        record = json.loads(Path(path).read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}: not a scores file (bad JSON: {exc.msg})") from exc
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(f"{path}: not a scores file written by `pressfacts eval --save` ({FORMAT})")
    return record


def _outcome_key(record: dict) -> tuple:
    """Identity of one scored mention across runs: the gold mention, or an extra's span and values."""
    if record["gold"] is not None:
        gold = record["gold"]
        return ("gold", record["type"], record["doc_id"], gold["start"], gold["end"])
    pred = record["pred"]
    fields = tuple(pred.get(f, "") for f in CONTRACT_FIELDS[record["type"]])
    return ("extra", record["type"], record["doc_id"], pred["start"], pred["end"], fields)


@dataclass(frozen=True)
class Change:
    """A mention whose outcome changed: ``before`` and ``after`` are outcome records (or None)."""

    broken: bool
    before: dict | None
    after: dict | None

    @property
    def shown(self) -> dict:
        """The outcome record after the change, or before it for an extra that went away."""
        record = self.after if self.after is not None else self.before
        assert record is not None, "a change holds an outcome before or after it"
        return record


@dataclass
class Comparison:
    baseline: dict
    current: dict
    types: list[str]
    changes: list[Change]
    regressions: list[tuple[str, float, float]]  # type, old value F1, new value F1

    @property
    def broken(self) -> list[Change]:
        return [c for c in self.changes if c.broken]

    @property
    def fixed(self) -> list[Change]:
        return [c for c in self.changes if not c.broken]


def _counts(record: dict, type_name: str) -> Counts:
    if type_name == "micro":
        total = Counts()
        for counts in record["counts"].values():
            total.add(Counts(**counts))
        return total
    return Counts(**record["counts"][type_name])


def compare(baseline: dict, current: dict, tolerance: float = 0.0) -> Comparison:
    """What changed between two scores records, over the types both scored."""
    types = [t for t in current["counts"] if t in baseline["counts"]]
    regressions = []
    for type_name in [*types, "micro"]:
        old, new = _counts(baseline, type_name), _counts(current, type_name)
        old_f1, new_f1 = old.prf(old.value)[2], new.prf(new.value)[2]
        if old_f1 - new_f1 > tolerance + 1e-12:  # float noise must not fail a run at tolerance 0
            regressions.append((type_name, old_f1, new_f1))

    def by_key(record: dict) -> dict[tuple, dict]:
        return {_outcome_key(o): o for o in record["outcomes"] if o["type"] in types}

    before, after = by_key(baseline), by_key(current)
    changes = []
    for key in sorted(set(before) | set(after), key=lambda k: (k[2], k[1], k[3], k[0])):
        was, now = before.get(key), after.get(key)
        if key[0] == "extra":  # an extra that appeared is broken, one that went away is fixed
            if (was is None) != (now is None):
                changes.append(Change(was is None, was, now))
        elif was is not None and now is not None and (was["kind"] == "match") != (now["kind"] == "match"):
            changes.append(Change(was["kind"] == "match", was, now))
    return Comparison(baseline, current, types, changes, regressions)


def _signed(value: float) -> str:
    return "=" if abs(value) < 5e-4 else f"{value:+.3f}"


def _signed_int(value: int) -> str:
    return "=" if value == 0 else f"{value:+d}"


def format_figures(comparison: Comparison) -> str:
    """Per type, each figure now and its change since the baseline."""
    header = f"{'type':<11} {'level':<8} {'P':>14} {'R':>14} {'F1':>14}"
    lines = [header, "-" * len(header)]
    for type_name in [*comparison.types, "micro"]:
        old, new = _counts(comparison.baseline, type_name), _counts(comparison.current, type_name)
        lines.append(
            f"{type_name:<11} gold {new.gold} ({_signed_int(new.gold - old.gold)}), "
            f"pred {new.pred} ({_signed_int(new.pred - old.pred)})"
        )
        for level in LEVELS:
            now, then = new.prf(getattr(new, level)), old.prf(getattr(old, level))
            cells = " ".join(f"{n:>7.3f} {_signed(n - t):>6}" for n, t in zip(now, then, strict=False))
            lines.append(f"{'':<11} {level:<8} {cells}")
    return "\n".join(lines)


def _describe(change: Change) -> str:
    shown = change.shown
    mention = shown["gold"] or shown["pred"]
    type_name = shown["type"]
    fields = CONTRACT_FIELDS[type_name]

    def values(m: dict | None) -> str:
        return ", ".join(f"{f}={m.get(f, '')}" for f in fields) if m else "-"

    if change.before is None or change.after is None:  # an extra that appeared or went away
        what = "new extra" if change.broken else "extra gone"
        detail = f"pred {values(shown['pred'])} rule={shown['pred'].get('rule', '')}"
    else:
        what = f"{change.before['kind']} -> {change.after['kind']}"
        detail = f"gold {values(shown['gold'])} | pred {values(change.after['pred'])}"
        if change.before["pred"] and change.after["pred"] != change.before["pred"]:
            detail += f" (was {values(change.before['pred'])})"
    label = "BROKEN" if change.broken else "FIXED"
    return (
        f"{label:<6} {type_name:<10} {shown['doc_id']}:{mention['start']}-{mention['end']} {what}: {detail}\n"
        f"       … {shown['context']} …"
    )


def format_comparison(comparison: Comparison, baseline_path: str, tolerance: float) -> str:
    lines = [f"\nAgainst baseline {baseline_path} (gold {comparison.baseline.get('gold', '?')}):"]
    if comparison.baseline.get("gold_sha256") != comparison.current.get("gold_sha256"):
        lines.append("warning: the gold file differs from the baseline's; mentions not in both are not compared")
    lines.append(format_figures(comparison))
    lines.append(f"\nNewly broken: {len(comparison.broken)}")
    lines += [_describe(c) for c in comparison.broken]
    lines.append(f"\nNewly fixed: {len(comparison.fixed)}")
    lines += [_describe(c) for c in comparison.fixed]
    if comparison.regressions:
        drops = ", ".join(f"{t} {old:.3f} -> {new:.3f}" for t, old, new in comparison.regressions)
        lines.append(f"\nREGRESSION: value F1 dropped by more than {tolerance:g}: {drops}")
    else:
        lines.append(f"\nNo value F1 dropped by more than {tolerance:g}.")
    return "\n".join(lines)
