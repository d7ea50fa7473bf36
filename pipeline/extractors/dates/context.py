"""Token checks near date candidates (only there: the rules themselves run on the text).

- A bare 4-digit number is a year unless its neighbours say it is a count, an
  amount or part of a name (`2023 visitors`, `some 2000`, `Expo 2022`).
- `a day` after a count or `once`/`times` is a rate, not a duration.
- `this milestone year` is a year only when the middle word is an adjective or noun.
- A capitalised `Today` inside a sentence is a title (`Radio 4's Today programme`).
- A bare weekday points the way of the nearest verb: past tense or participle -> on or
  before the document date, `will` or a plan (`set to resume`) -> on or after, any
  other verb -> the nearest such day; a year-less date leans the same way, and ahead
  after a deadline word (`until 30 September`, `effective Feb. 1`).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from pipeline.core.sentences import Sentences
from pipeline.extractors.dates.lexicon import GENERIC_PRESENT_NOUNS, HOLIDAYS, MONTHS, SEASONS, WEEKDAYS, read_rows
from pipeline.extractors.dates.patterns import Candidate

# Words before a number that make it a count (`some 2000`), some only before a noun (`over 2000 people`).
COUNT_CUES = {word: when for word, when in read_rows("count_cues.txt")}
# Words before `a day` / `a year` that make it a rate (`twice a year`, `barrels a day`).
RATE_CUES = {row[0] for row in read_rows("rate_cues.txt")}
FUTURE_MODALS = {"will", "shall", "'ll", "wo"}
# Verbs of planning whose `to` / `for` points ahead (`set to resume`, `scheduled for`).
FUTURE_CUES = {row[0] for row in read_rows("future_cues.txt")}
# Proper-noun tags whose word is itself a date word (`December 2023` is not a name).
DATE_WORDS = set(MONTHS) | set(WEEKDAYS) | set(SEASONS) | set(HOLIDAYS) | {"fiscal", "fy"}
# Tags before a year followed by a noun that keep it a year (`the 2023 summit`, `in 2023 sales`).
YEAR_CUE_TAGS = {"DT", "PRP$", "POS", "IN", "TO", "JJ", ",", "-LRB-", "``", "''", ":", "HYPH"}


def _tokens(doc: Doc, candidate: Candidate) -> tuple[Token | None, Token | None]:
    """The tokens just before and just after the candidate."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return None, None
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) else None
    return before, after


def _is_year(doc: Doc, candidate: Candidate) -> bool:
    before, after = _tokens(doc, candidate)
    noun_after = after is not None and after.tag_ in ("NN", "NNS") and after.is_lower
    if before is not None:
        cue = COUNT_CUES.get(before.lower_)
        if (
            cue == "always"
            or (cue == "before-noun" and noun_after)
            or before.text in ("$", "€", "£", "¥", "#", "No.", "No")
        ):
            return False
        if (
            before.tag_ in ("NNP", "NNPS")
            and before.text[:1].isupper()
            and not before.is_sent_start
            and before.lower_.rstrip(".") not in DATE_WORDS
        ):
            return False  # a year after a name belongs to it (`Expo 2022`, `Horizon 2020`)
    if noun_after and int(candidate.spec[:4]) < 1900:
        return False  # `in 1000 cases`: old years need no noun after them
    if after is not None:
        if after.lower_ in ("%", "percent", "per"):
            return False
        if noun_after:
            if after.tag_ == "NNS" and (before is None or before.tag_ not in YEAR_CUE_TAGS):
                return False  # `2023 visitors`
            if before is not None and before.tag_ not in YEAR_CUE_TAGS:
                return False  # `spent 2000 yuan`
    return True


def _is_duration_not_rate(doc: Doc, text: str, candidate: Candidate) -> bool:
    """Not a rate (`twice a year`), nor `one day` meaning some day (`could one day become`)."""
    surface = text[candidate.start : candidate.end]
    before, after = _tokens(doc, candidate)
    if re.fullmatch(r"(?i)one\s+day", surface):
        return not (
            (before is not None and before.tag_ in ("MD", "PRP", "RB"))
            or (after is not None and after.tag_ in ("VB", "VBZ", "VBP", "VBD"))
        )
    if not re.match(r"(?i)an?\s", surface):
        return True
    return before is None or not (before.lower_ in RATE_CUES or before.tag_ in ("NNS", "CD"))


def is_kept(doc: Doc, text: str, candidate: Candidate) -> bool:
    """``text`` is ``doc.text``, read once by the caller (spaCy rebuilds it on every access)."""
    rule = candidate.rule
    if rule == "year":
        return _is_year(doc, candidate)
    if rule in ("duration", "the-duration"):
        return _is_duration_not_rate(doc, text, candidate)
    if rule == "relative-described-year":
        return _describes_the_year(doc, candidate)
    if rule == "relative-day":
        return _is_not_a_title(doc, text, candidate) and not _is_generic(doc, candidate)
    if rule == "spoken-year":  # `twenty ninety-nine problems`: numbers before a plural noun
        _, after = _tokens(doc, candidate)
        return after is None or after.tag_ != "NNS"
    return True


NOUN_TAGS = ("NN", "NNS", "NNP", "NNPS")


def _is_generic(doc: Doc, candidate: Candidate) -> bool:
    """`today's youth`, `many of today's personal computers`, `the engineers of tomorrow`:
    the present or the future in general, not a day. The head noun decides: plural, a
    proper noun or a word of ``data/generic_present_nouns.txt``; `today's ruling` is
    the day."""
    before, after = _tokens(doc, candidate)
    if after is not None and after.tag_ == "POS":
        head = None
        for token in doc[after.i + 1 :]:
            if token.tag_ in NOUN_TAGS:
                head = token
            elif not (token.tag_ in ("JJ", "VBN", "VBG") and head is None):
                break
        return head is not None and _is_generic_head(head)
    if before is not None and before.lower_ == "of" and before.i > 0 and (after is None or after.tag_ != "POS"):
        return _is_generic_head(doc[before.i - 1])
    return False


def _is_generic_head(token: Token) -> bool:
    return token.tag_ in ("NNS", "NNP", "NNPS") or token.lemma_.lower() in GENERIC_PRESENT_NOUNS


def _is_not_a_title(doc: Doc, text: str, candidate: Candidate) -> bool:
    """A capitalised `Today` inside a sentence is a name (`Radio 4's Today programme`,
    the song `What Happens Tomorrow`); at a sentence start it is the day."""
    if not text[candidate.start].isupper():
        return True
    before, _ = _tokens(doc, candidate)
    return before is None or not any(ch.isalnum() for ch in before.text) or doc[before.i + 1].is_sent_start


def _describes_the_year(doc: Doc, candidate: Candidate) -> bool:
    """`this milestone year`: the middle word is a common adjective or noun."""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    return span is not None and len(span) == 3 and span[1].tag_ in ("JJ", "NN")


def tense(
    doc: Doc, sentences: Sentences, candidate: Candidate, reporting_period: bool = False, any_verb: bool = True
) -> str:
    """`<` when the verb nearest the candidate is past, `>` when it points ahead, else ''.

    Past: a past tense (`met Monday`) or a participle (`shares issued July 1`). Ahead: a
    future modal and its verb (`will end on Sunday`), a planning verb before `to` / `for`
    and its infinitive (`set to resume Monday`, `scheduled for Friday`), `will be` + a
    participle. Any other verb (`must follow from July 1`) leaves the nearest reading.
    For a quarter or half only past tenses and modals count: `expects to report
    third-quarter results` reports a past quarter."""
    if not doc.has_annotation("TAG"):
        return ""
    span = doc.char_span(candidate.start, candidate.end, alignment_mode="expand")
    if span is None:
        return ""
    plans = not reporting_period
    verbs = [
        t
        for t in sentences.span(candidate.start)
        if t.tag_ == "VBD" or is_future(t, plans) or (plans and any_verb and is_finite_or_participle(t))
    ]
    if not verbs:
        return ""
    nearest = min(verbs, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end + 1)))
    if is_future(nearest, plans):
        return ">"
    if nearest.tag_ == "VBN":
        auxiliary = nearest.nbor(-1) if nearest.i > 0 else None
        if auxiliary is not None and auxiliary.tag_ in ("VB", "VBZ", "VBP") and auxiliary.lemma_ == "be":
            # `is expected on Wednesday`, `to be discussed in June`, `will be named`
            return ">" if auxiliary.i > 0 and is_future(auxiliary.nbor(-1), plans=False) else ""
        return "<"  # `shares issued July 1`, `was introduced in April`, `have fallen since May`
    return "<" if nearest.tag_ == "VBD" else ""


def is_finite_or_participle(token: Token) -> bool:
    """A verb that carries the tense of its clause: present (`runs`, `must follow`) or a
    participle; not a gerund or an infinitive (`rose on Thursday following news`,
    `took to the streets on Thursday to protest`), nor `be` / `have` themselves."""
    if token.lemma_ in ("be", "have"):
        return False
    if token.tag_ in ("VBZ", "VBP", "VBN"):
        return True
    return token.tag_ == "VB" and token.i > 0 and token.nbor(-1).tag_ == "MD"


def is_future(token: Token, plans: bool = True) -> bool:
    """A future modal (`will`, `shall`) or the verb right after one; with ``plans``, a
    planning verb before `to` / `for` and the infinitive after it (`set to resume`, `is to
    resume`, `scheduled for`)."""
    if token.tag_ == "MD":
        return token.lower_ in FUTURE_MODALS
    if token.tag_ == "VB" and token.i > 0 and token.nbor(-1).lower_ in FUTURE_MODALS:
        return True
    if not plans:
        return False
    if token.tag_ == "VB" and token.i > 1 and token.nbor(-1).lower_ == "to":
        return is_plan(token.nbor(-2)) or token.nbor(-2).lemma_ == "be"
    following = token.nbor() if token.i + 1 < len(token.doc) else None
    return is_plan(token) and following is not None and following.lower_ in ("to", "for")


def is_plan(token: Token) -> bool:
    """A planning verb, not in the past perfect (`had been expected to win` looks back)."""
    before = token.nbor(-1).lower_ if token.i > 0 else ""
    return token.lemma_ in FUTURE_CUES and before not in ("had", "been")


# `open until 30 September`, `effective Feb. 1`, `by February`: a deadline lies ahead (with a
# past verb nearby, unless the nearest reading is over two months past).
DEADLINE = re.compile(r"\b(?P<word>by|until|till|through|due|effective|payable)\s+\Z", re.IGNORECASE)
# An effective or due date lies ahead even after a past verb (`created a new office, effective
# Feb. 1`); `by` / `until` / `through` only with no tense (`sales fell through June`).
FIRM_DEADLINES = {"due", "effective", "payable"}


def deadline(text: str, candidate: Candidate) -> str:
    """'firm', 'weak' or '' for the word just before the candidate."""
    m = DEADLINE.search(text, max(0, candidate.start - 12), candidate.start)
    if m is None:
        return ""
    return "firm" if m["word"].lower() in FIRM_DEADLINES else "weak"


YEARLESS = re.compile(r"XXXX[^/|<>~]*")
REPORTING_PART = re.compile(r"-[QH]\d$")


def with_direction(doc: Doc, text: str, sentences: Sentences, candidate: Candidate) -> str:
    """A bare weekday points the way of the tense (on or before / on or after the document
    date); a year-less date, month or quarter leans that way (see the resolver's ``~<``)."""
    spec = candidate.spec
    if re.match(r"WD\d(?:/WD\d)?$", spec):  # a weekday, or the first day of a weekday range
        way = tense(doc, sentences, candidate, any_verb=False)  # see tense(): weekdays go by past tenses
        return spec[:3] + (way + "=" if way else "") + spec[3:]
    if (m := YEARLESS.search(spec)) and spec[m.end() : m.end() + 1] not in ("<", ">", "~"):
        reporting_period = bool(REPORTING_PART.search(m.group(0)))
        way = tense(doc, sentences, candidate, reporting_period)
        if way and reporting_period:
            marker = "~" + way + "="  # a quarter or half told in the past tense has begun
        elif (kind := deadline(text, candidate)) and (kind == "firm" or not way):
            marker = "~>" if way else "~>="  # ahead unless long past; `~`: no document date keeps `XXXX`
        else:
            marker = "~" + way if way else ""
        return spec[: m.end()] + marker + spec[m.end() :]
    return spec
