"""Score predicted mentions against gold, exactly as the contract's Scoring section says.

Per type: strict (same start and end) and relaxed (overlap; pairs taken
greedily, largest overlap first, each mention used once) precision, recall
and F1; value F1 counts a relaxed pair as correct only where the normalised
fields agree.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

from pipeline.core.mentions import MENTION_TYPES

# Every type of the contract (v1.1) with its normalised fields: gold may hold any of them,
# and only the types asked for are scored. The pipeline extracts every one (MENTION_TYPES).
CONTRACT_FIELDS: dict[str, tuple[str, ...]] = {t.name: t.fields for t in MENTION_TYPES.values()}


class GoldError(ValueError):
    """A malformed gold file: names the file and line."""


@dataclass(frozen=True)
class GoldDocument:
    doc_id: str
    date: str | None
    text: str
    mentions: list[dict]


def load_gold(path: str | Path) -> list[GoldDocument]:
    """Gold documents from JSONL; any malformed line or mention raises :class:`GoldError`."""
    docs = []
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise GoldError(f"{where}: bad JSON: {exc.msg}") from exc
            for key in ("doc_id", "text", "mentions"):
                if key not in record:
                    raise GoldError(f"{where}: missing {key!r}")
            text = record["text"]
            for m in record["mentions"]:
                if m.get("type") not in CONTRACT_FIELDS:
                    raise GoldError(f"{where}: unknown mention type {m.get('type')!r}")
                if text[m["start"] : m["end"]] != m["text"]:
                    raise GoldError(f"{where}: mention {m['text']!r} does not match text[{m['start']}:{m['end']}]")
            docs.append(GoldDocument(str(record["doc_id"]), record.get("date") or None, text, record["mentions"]))
    return docs


def _text(value) -> str:
    return " ".join(str("" if value is None else value).split()).casefold()


def _decimal(value) -> Decimal | None:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None


def _same_number(a, b, relative: bool = False) -> bool:
    x, y = _decimal(a), _decimal(b)
    if x is None or y is None:
        return False
    if not relative:
        return x == y
    return abs(x - y) <= Decimal("1e-9") * max(abs(x), abs(y)) if (x or y) else True


def values_agree(type_name: str, gold: dict, pred: dict) -> bool:
    if type_name == "date":
        return _text(gold.get("value")) == _text(pred.get("value"))
    if type_name == "count":
        return (
            _same_number(gold.get("value"), pred.get("value"))
            and _text(gold.get("qualifier")) == _text(pred.get("qualifier"))
            and _text(gold.get("unit")) == _text(pred.get("unit"))
        )
    if type_name == "money":
        return (
            _same_number(gold.get("value"), pred.get("value"), relative=True)
            and _text(gold.get("currency")) == _text(pred.get("currency"))
            and _text(gold.get("qualifier")) == _text(pred.get("qualifier"))
        )
    if type_name == "report":
        return all(_text(gold.get(f)) == _text(pred.get(f)) for f in ("title", "year", "version"))
    if type_name == "initiative":
        return all(_text(gold.get(f)) == _text(pred.get(f)) for f in ("name", "kind"))
    if type_name == "percentage":
        return _same_number(gold.get("value"), pred.get("value")) and all(
            _text(gold.get(f)) == _text(pred.get(f)) for f in ("unit", "kind", "qualifier")
        )
    if type_name == "measure":
        return _same_number(gold.get("value"), pred.get("value"), relative=True) and all(
            _text(gold.get(f)) == _text(pred.get(f)) for f in ("unit", "qualifier")
        )
    raise ValueError(f"unknown mention type {type_name!r}")


@dataclass
class Counts:
    gold: int = 0
    pred: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0

    def add(self, other: Counts) -> None:
        for name in ("gold", "pred", "strict", "relaxed", "value"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def prf(self, hits: int) -> tuple[float, float, float]:
        p = hits / self.pred if self.pred else 0.0
        r = hits / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict:
        out: dict[str, object] = {"gold": self.gold, "pred": self.pred}
        for name in ("strict", "relaxed", "value"):
            p, r, f = self.prf(getattr(self, name))
            out[name] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": getattr(self, name)}
        return out


@dataclass(frozen=True)
class Outcome:
    """One scored mention: ``match`` (relaxed pair, values agree), ``wrong`` (values differ),
    ``missed`` (gold, no pair) or ``extra`` (predicted, no pair)."""

    type: str
    doc_id: str
    kind: str
    gold: dict | None
    pred: dict | None

    @property
    def shown(self) -> dict:
        """The gold mention, or the predicted one for an extra."""
        mention = self.gold if self.gold is not None else self.pred
        assert mention is not None, "an outcome holds a gold or a predicted mention"
        return mention


@dataclass
class Scores:
    by_type: dict[str, Counts] = field(default_factory=dict)
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def micro(self) -> Counts:
        total = Counts()
        for counts in self.by_type.values():
            total.add(counts)
        return total

    def as_dict(self) -> dict:
        data = {t: c.as_dict() for t, c in self.by_type.items()}
        data["micro"] = self.micro.as_dict()
        return data


def _overlap(a: dict, b: dict) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def score_document(type_name: str, doc_id: str, gold: list[dict], pred: list[dict]) -> tuple[Counts, list[Outcome]]:
    counts = Counts(gold=len(gold), pred=len(pred))
    strict_pred: dict[tuple[int, int], list[int]] = {}
    for i, p in enumerate(pred):
        strict_pred.setdefault((int(p["start"]), int(p["end"])), []).append(i)
    for g in gold:
        candidates = strict_pred.get((g["start"], g["end"]))
        if candidates:
            candidates.pop()
            counts.strict += 1
    pairs = sorted(
        (
            (_overlap(g, p), -g["start"], -int(p["start"]), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if _overlap(g, p) > 0
        ),
        reverse=True,
    )
    used_gold, used_pred, outcomes = set(), set(), []
    for _, _, _, gi, pi in pairs:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        counts.relaxed += 1
        agree = values_agree(type_name, gold[gi], pred[pi])
        counts.value += agree
        outcomes.append(Outcome(type_name, doc_id, "match" if agree else "wrong", gold[gi], pred[pi]))
    outcomes += [Outcome(type_name, doc_id, "missed", g, None) for gi, g in enumerate(gold) if gi not in used_gold]
    outcomes += [Outcome(type_name, doc_id, "extra", None, p) for pi, p in enumerate(pred) if pi not in used_pred]
    return counts, outcomes


def score(
    gold_docs: Iterable[GoldDocument],
    predictions: dict[str, dict[str, list[dict]]],
    types: Iterable[str] = tuple(MENTION_TYPES),
) -> Scores:
    """``predictions[doc_id][type]`` holds predicted mentions (dicts with offsets and fields).
    Only documents in the gold are scored."""
    scores = Scores(by_type={t: Counts() for t in types})
    for doc in gold_docs:
        for type_name in scores.by_type:
            gold = [m for m in doc.mentions if m["type"] == type_name]
            pred = predictions.get(doc.doc_id, {}).get(type_name, [])
            counts, outcomes = score_document(type_name, doc.doc_id, gold, pred)
            scores.by_type[type_name].add(counts)
            scores.outcomes.extend(outcomes)
    return scores


def format_table(scores: Scores, title: str = "") -> str:
    header = f"{'type':<11} {'gold':>5} {'pred':>5} | {'strict P':>8} {'R':>6} {'F1':>6} | {'relaxed P':>9} {'R':>6} {'F1':>6} | {'value P':>7} {'R':>6} {'F1':>6}"
    lines = [title] if title else []
    lines += [header, "-" * len(header)]
    rows = list(scores.by_type.items()) + [("micro", scores.micro)]
    for name, c in rows:
        sp, sr, sf = c.prf(c.strict)
        rp, rr, rf = c.prf(c.relaxed)
        vp, vr, vf = c.prf(c.value)
        lines.append(
            f"{name:<11} {c.gold:>5} {c.pred:>5} | {sp:>8.3f} {sr:>6.3f} {sf:>6.3f} | {rp:>9.3f} {rr:>6.3f} {rf:>6.3f} | {vp:>7.3f} {vr:>6.3f} {vf:>6.3f}"
        )
    return "\n".join(lines)


def _fields(type_name: str, m: dict) -> str:
    return ", ".join(f"{f}={m.get(f, '')!s}" for f in CONTRACT_FIELDS[type_name])


def format_errors(scores: Scores, texts: dict[str, str], width: int = 50) -> str:
    """Misses, extras and wrong values, each with the surrounding text."""
    lines = []
    for o in scores.outcomes:
        if o.kind == "match":
            continue
        start, end = int(o.shown["start"]), int(o.shown["end"])
        text = texts.get(o.doc_id, "")
        context = " ".join(
            (text[max(0, start - width) : start] + "[[" + text[start:end] + "]]" + text[end : end + width]).split()
        )
        if o.gold is not None and o.pred is not None:  # a wrong value
            detail = (
                f"gold {o.gold['text']!r} {_fields(o.type, o.gold)} | pred {o.pred['text']!r} {_fields(o.type, o.pred)}"
            )
        elif o.gold is not None:
            detail = f"gold {_fields(o.type, o.gold)}"
        else:
            detail = f"pred {_fields(o.type, o.shown)} rule={o.shown.get('rule', '')}"
        lines.append(f"{o.kind.upper():<6} {o.type:<10} {o.doc_id}:{start}-{end} {detail}\n       … {context} …")
    return "\n".join(lines)
