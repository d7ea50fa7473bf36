"""Count mentions: a cardinal number saying how many of something there are.

Phase 1, over ``doc.text``: one compiled regex finds number (+ scale, ``-plus``)
candidates, with look-arounds that keep out numbers inside other tokens (``5G``,
``COVID-19``, ``10:02``, ``1,500-square-meter``, ``8%``); the qualifier words
(``more than``) are looked up right behind each.
Phase 2, on the spaCy tokens near each candidate: the counted noun (POS-based,
the parser is not loaded) gives the unit; candidates that are labels, years,
measurements or durations are dropped; a number with no noun of its own takes
the unit it refers back to (``increased from more than 40 to nearly 700``).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from pipeline.core.document import body_start, text_of
from pipeline.core.mentions import make_mention
from pipeline.extractors.numbers.currencies import CURRENCY_WORDS, MONEY_CUES
from pipeline.extractors.numbers.nouns import IRREGULAR_LEMMAS, counted_noun, next_word, previous_word, unit_lemma
from pipeline.extractors.numbers.numbers import (
    BRACKET_CLOSES,
    DECIMAL_COMMA_NUMBER,
    DIGITS,
    LABELLED_BRACKET,
    QUALIFIER_SUFFIX,
    SCALE_ABBR,
    SCALE_WORD,
    SCALES,
    WORD_NUMBER,
    format_decimal,
    is_year,
    parse_number,
    qualifier_before,
    qualifier_symbol,
    read_rows,
    read_words,
    scaled_value,
    shared_scale,
    token_at,
)

# Currency names are money's units (`100 million yuan`, `42 Kuwaiti dinars`), never counted nouns.
NON_COUNT_UNITS = read_words("non_count_units.txt") | CURRENCY_WORDS
LABEL_WORDS = read_words("not_count_before.txt")

# The rules, as a row's `rule` column names them.
NOUN_RULE = "number+noun"  # the counted noun after the number gives the unit
ANTECEDENT_RULE = "number+antecedent"  # a bare number takes the unit it refers to
COMPARATIVE_RULE = "bracketed-comparative"  # `118 staff (2022: 111)`: the figure before's unit
RULE_NAMES = frozenset({NOUN_RULE, ANTECEDENT_RULE, COMPARATIVE_RULE})
# A comparative in brackets right after a count and its noun (`118 staff (2022: 111)`, `40 stores (35)`).
BRACKET_OPENS = re.compile(rf"(?:[ \t]+[^\W\d_][\w'’-]*){{0,3}}{LABELLED_BRACKET}")
# European thousands separators (GUIDELINE: `22.000 visitors` are thousands)
DOT_GROUPED = re.compile(r"\d{1,3}(?:\.\d{3})+")
# `381 exhibitors (347 in 2030 at the same date)`: the figure and its year, then the bracket closes
YEAR_COMPARATIVE_CLOSES = re.compile(r"[ \t]+in[ \t]+(?:1[89]|20)\d\d\b[^()\n]{0,40}?\)")

COUNT = re.compile(
    # not inside a word, a number, a date, a time or after a currency symbol
    rf"(?<![\w.,:/$€£¥₹+#-])(?<!\w-)"
    # a decimal comma only before a spelled-out scale (`7,8 million people`; `7,800` is grouped)
    rf"(?P<number>{DECIMAL_COMMA_NUMBER}(?=(?:\s+|-)(?:{SCALE_WORD})\b)|{DIGITS}|{WORD_NUMBER})"
    # a spelled-out scale after a space or hyphen (`4.77 million`), an abbreviation attached (`2bn`)
    rf"(?:(?:\s+|-)(?P<scale>(?:{SCALE_WORD})(?:\s+(?:{SCALE_WORD}))?)\b|(?P<abbr>{SCALE_ABBR})\b)?"
    rf"{QUALIFIER_SUFFIX}?"
    # not followed by more of a token: `8%`, `1.5x`, `seven-step`, `3,5`, `24/7`
    r"(?![\w%]|[.,:/]\d|-\w)",
    re.IGNORECASE,
)

UNSEPARATED_THOUSANDS = re.compile(r"\d{4,}")
ZEROS_ONLY = re.compile(r"0{2,}")
PROPORTION_MAX = 1000  # `one in five`, `1 in 1,000`
# A bare number (no noun after it) refers back when it continues a comparison or a list.
CONTINUING_BEFORE = frozenset({"from", "to", "and", "or", "between"})
RANGE_WORDS = frozenset({"and", "or", "to"})
CONTINUING_AFTER = frozenset({"to", "more", "fewer", "less", "out"})
ANAPHORA = frozenset({"them", "these", "those", "whom", "which"})
# Words right before a figure that the clause's subject reaches (`reached 978 million`).
REACHING_WORDS = read_words("reaching_words.txt")
CLAUSE_BREAKS = frozenset(";:()[]")
PERCENT_FORMS = frozenset({"%", "percent", "per", "cent", "pc"})
GROUPED = re.compile(r"\d[, \u00a0]\d{3}")
COLLECTIVE_NOUNS = {noun: unit for noun, unit in read_rows("collective_nouns.tsv")}
TRANSPARENT_HEADS = {noun: preposition for noun, preposition in read_rows("transparent_heads.tsv")}
# `passenger numbers`, `visitor figures`: a noun of quantity (`the number of`) says the noun
# before it is counted
COUNT_NOUNS = frozenset(noun for noun, preposition in TRANSPARENT_HEADS.items() if preposition == "of")
DETERMINERS_OF = frozenset({"the", "these", "those", "its", "their", "our", "his", "her"})


class Candidate(NamedTuple):
    """A number found by ``COUNT``, with the qualifier words before it and its tokens."""

    match: re.Match
    qualifier: str | None  # `more than`, or None
    start: int  # span start: the qualifier's, else the number's
    first: int  # index of the number's first token
    after: int  # index of the first token after the match

    @property
    def number(self) -> str:
        return self.match.group("number")

    @property
    def is_one(self) -> bool:
        return self.number.lower() in ("one", "1") and not (self.match.group("scale") or self.match.group("abbr"))


def extract_counts(doc: Doc) -> list[dict]:
    text = text_of(doc)
    begin = body_start(doc)
    mentions: list[dict] = []
    units: list[tuple[Span, str]] = []  # (sentence, unit) of every count so far, for bare numbers
    for match in COUNT.finditer(text, begin):
        candidate = _candidate(doc, text, match, begin)
        found = _comparative(text, candidate, match, mentions, units) or (
            _count(doc, candidate, units) if candidate.first < len(doc) else None
        )
        if found is None:
            continue
        unit, rule, sentence = found
        units.append((sentence, unit))
        scale = match.group("scale") or match.group("abbr") or shared_scale(text, match.end(), candidate.number)
        number = candidate.number
        if not scale and DOT_GROUPED.fullmatch(number):
            number = number.replace(".", "")  # `188.409 visitors`: things are whole, the dots group thousands
        value = scaled_value(number, scale)
        qualifier = qualifier_symbol(candidate.qualifier, match.group("suffix"))
        mentions.append(
            make_mention(
                text, candidate.start, match.end(), rule, value=format_decimal(value), qualifier=qualifier, unit=unit
            )
        )
    return mentions


def _comparative(
    text: str, candidate: Candidate, match: re.Match, mentions: list[dict], units: list
) -> tuple[str, str, Span] | None:
    """`Headcount rose to 118 (2022: 111)`, `381 exhibitors (347 in 2030)`: the bracketed figure
    counts what the one before it counts."""
    if not mentions or not units or candidate.qualifier or is_year(match.group("number") or ""):
        return None
    closes = BRACKET_CLOSES.match(text, match.end()) or YEAR_COMPARATIVE_CLOSES.match(text, match.end())
    if BRACKET_OPENS.fullmatch(text, mentions[-1]["end"], candidate.start) and closes:
        return mentions[-1]["unit"], COMPARATIVE_RULE, units[-1][0]
    return None


def _candidate(doc: Doc, text: str, match: re.Match, begin: int) -> Candidate:
    qualifier = qualifier_before(text, match.start(), begin)
    first = token_at(doc, match.start())
    after = first + 1
    while after < len(doc) and doc[after].idx < match.end():
        after += 1
    return Candidate(
        match,
        qualifier.group("qualifier") if qualifier else None,
        qualifier.start() if qualifier else match.start(),
        first,
        after,
    )


def _count(doc: Doc, candidate: Candidate, units: list) -> tuple[str, str, Span] | None:
    """(unit, rule, sentence) when the candidate is a count, else None."""
    first, after = candidate.first, candidate.after
    sentence = doc[first].sent
    before = previous_word(doc, token_at(doc, candidate.start))
    if (before is not None and _is_label(doc, before, candidate)) or _is_name_part(doc, candidate):
        return None
    if _is_year(candidate):
        return None  # `2001 winners`: a bare year-like number is a year far more often than a count
    if ZEROS_ONLY.fullmatch(candidate.number):
        return None  # `(000's of tonnes)`, `R'000`: a column's scale written in zeros
    following = next_word(doc, after)
    if following is not None and _is_non_count(following):
        return None
    if _is_proportion(doc, first, after):
        return None
    head = counted_noun(doc, after, plural=not candidate.is_one)
    if head is not None and head.tag_ == "NN" and not candidate.is_one and head.lower_ not in IRREGULAR_LEMMAS:
        head = None  # `800 million suffer`: a singular noun after a plural number is a mis-tagged verb
    if head is not None and head.text[:1].isdigit():
        return None  # `10k and 5k`: another figure, no noun, follows (a list of distances or codes)
    unit: str | None
    if head is not None:
        unit, rule = unit_lemma(doc, head), NOUN_RULE
    elif candidate.is_one:
        return None  # `one of the ...`, `no one`: a pronoun, not a count
    elif UNSEPARATED_THOUSANDS.fullmatch(candidate.number):
        return None  # `the 3230 and 7710`: a bare long number without separators is a code or model
    else:
        # the clause's own subject first (`..., while passenger numbers rose to 5.64 million`)
        unit = _reached_subject(doc, candidate, before, sentence) or _unit_referred_to(
            doc, after, before, following, sentence, units
        )
        rule = ANTECEDENT_RULE
    if not unit or unit in NON_COUNT_UNITS or (head is not None and _is_non_count(head)):
        return None  # `1,850 French francs`: a currency or unit word
    if _in_rate(doc, before, head):
        return None  # `83 deaths per 1,000 live births`: a rate, neither number a count
    return unit, rule, sentence


def _unit_referred_to(
    doc: Doc, after: int, before: Token | None, following: Token | None, sentence: Span, units: list
) -> str | None:
    """The unit of a bare number: `170,000 who` (person), `a crowd of 14,900` (person, by
    ``data/collective_nouns.tsv``), `two of the seven states`,
    `500 of them` / `from 5.3 billion to 7.3 billion` (the count before, same sentence),
    `the number of enterprises ... from 40 to 700` (the noun after `number of`)."""
    if before is not None and before.lower_ == "of" and (group := previous_word(doc, before.i)) is not None:
        if group.lower_ in COLLECTIVE_NOUNS:
            return COLLECTIVE_NOUNS[group.lower_]  # `a crowd of 14,900`: people
    if following is None:
        return None
    if following.lower_ == "who":
        return "person"
    if following.lower_ == "of":
        determiner = next_word(doc, following.i + 1)
        head = None
        if determiner is not None and determiner.lower_ in DETERMINERS_OF:
            noun_start = determiner.i + 1
            if noun_start < len(doc) and doc[noun_start].like_num:
                noun_start += 1  # `two of the seven partner states`
                while noun_start < len(doc) and doc[noun_start].lower_ in SCALES:
                    noun_start += 1  # `19 million of the 35 million residents`
            head = counted_noun(doc, noun_start)
        if head is not None:
            return unit_lemma(doc, head)
        if determiner is not None and determiner.lower_ in ANAPHORA:
            return _first_unit(sentence, units)  # `800 officials ..., with 500 of them`: the subject
        return None
    named = _number_of_noun(doc, sentence, after) or _range_end_noun(doc, following)
    if named:
        return named
    if (
        (before is not None and before.lower_ in CONTINUING_BEFORE)
        or following.lower_ in CONTINUING_AFTER
        or _range_start(doc, following)
    ):
        return _previous_unit(sentence, units)
    return None


def _in_rate(doc: Doc, before: Token | None, head: Token | None) -> bool:
    """The number is a rate's: its noun is followed by `per` and a number, or `per` stands right
    before it (`3 doctors per 1,000 people`). A rate in time stays a count (`5,000 bicycles a
    day`, `330 fairs per year`), as the gold sets count them."""
    if before is not None and before.lower_ == "per":
        return True
    if head is None:
        return False
    following = next_word(doc, head.i + 1)
    after = next_word(doc, following.i + 1) if following is not None else None
    return following is not None and following.lower_ == "per" and after is not None and after.like_num


def _reached_subject(doc: Doc, candidate: Candidate, before: Token | None, sentence: Span) -> str | None:
    """`international arrivals reached 978 million`, `subscribers grew 6% to 41.5 million`,
    `world population will reach 9 billion`: a bare figure in millions or digit groups that the
    clause's plural (or collective: ``collective_nouns.tsv``) subject reaches counts that
    subject (the nearest plural noun before it outside a prepositional phrase and brackets,
    over a percentage between; not across a clause break or another count, nor a money noun's
    figure: `exports reached 4 billion`)."""
    if not (candidate.match.group("scale") or candidate.match.group("abbr") or GROUPED.search(candidate.number)):
        return None  # a figure in millions or in digit groups (`rose 4.7% to 94,770`), not `to 12`
    if before is None or before.lower_ not in REACHING_WORDS:
        return None
    k = before.i - 1
    while k >= sentence.start:
        token = doc[k]
        if token.text == ")":  # `arrivals (overnight visitors) reached ...`: an aside
            while k > sentence.start and doc[k].text != "(":
                k -= 1
        elif token.text in CLAUSE_BREAKS or (token.like_num and not _is_percent(doc, k)):
            return None
        elif _is_percent(doc, k - 1):
            pass  # `rose 4.7% to ...`: the percentage's sign or word, passed over
        elif token.pos_ in ("NOUN", "PROPN") and not _in_prepositional_phrase(doc, k, sentence):
            if token.lemma_.lower() in COUNT_NOUNS and k > sentence.start and doc[k - 1].pos_ == "NOUN":
                token = doc[k - 1]  # `passenger numbers rose to 5.64 million`: passengers are counted
            elif token.lower_ in COLLECTIVE_NOUNS:
                return COLLECTIVE_NOUNS[token.lower_]  # `world population is set to reach 9 billion`: people
            elif token.tag_ not in ("NNS", "NNPS"):
                return None
            unit = unit_lemma(doc, token)
            if _is_non_count(token) or unit in NON_COUNT_UNITS:
                return None
            return None if unit in MONEY_CUES else unit
        k -= 1
    return None


def _in_prepositional_phrase(doc: Doc, k: int, sentence: Span) -> bool:
    """The noun at ``k`` ends a phrase opened by a preposition (`of 30 stores`, `in Asia`)."""
    j = k - 1
    while j >= sentence.start and doc[j].pos_ in ("ADJ", "NOUN", "PROPN", "NUM", "DET", "PART", "PUNCT"):
        if doc[j].text in CLAUSE_BREAKS:
            return False
        j -= 1
    if not (j >= sentence.start and doc[j].pos_ == "ADP"):
        return False
    # `the volume of visitors`, `an increase in subscribers`: the complement is what is counted
    head = previous_word(doc, j)
    return head is None or TRANSPARENT_HEADS.get(head.lemma_.lower()) != doc[j].lower_


def _is_percent(doc: Doc, k: int) -> bool:
    """`grew by 6.1% to ...`: the token after ``k`` is a percentage's sign or word, after a
    number or `per` (`6.1%`, `6 per cent`)."""
    return (
        0 <= k
        and k + 1 < len(doc)
        and doc[k + 1].lower_ in PERCENT_FORMS
        and (doc[k].like_num or doc[k].lower_ == "per")
    )


def _range_end(doc: Doc, following: Token) -> Token | None:
    """The number after a range word (`and`, `to`) that follows a number: the range's end."""
    if following.lower_ not in RANGE_WORDS:
        return None
    end = next_word(doc, following.i + 1)
    return end if end is not None and end.like_num else None


def _range_start(doc: Doc, following: Token) -> bool:
    """`1,200 and 550 will go`: the number opens a range or list of bare numbers."""
    return _range_end(doc, following) is not None


def _range_end_noun(doc: Doc, following: Token) -> str | None:
    """`between 150,000 and 300,000 registered patents`: the noun after the range's end."""
    end = _range_end(doc, following)
    if end is None:
        return None
    k = end.i + 1
    while k < len(doc) and doc[k].lower_ in SCALES:
        k += 1
    head = counted_noun(doc, k)
    return unit_lemma(doc, head) if head is not None and not _is_non_count(head) else None


def _number_of_noun(doc: Doc, sentence: Span, end: int) -> str | None:
    """The counted noun of `the number of <noun>` earlier in the sentence."""
    for k in range(sentence.start, min(end, sentence.end) - 1):
        if doc[k].lower_ == "number" and doc[k + 1].lower_ == "of":
            head = counted_noun(doc, k + 2)
            if head is not None:
                return unit_lemma(doc, head)
    return None


def _previous_unit(sentence: Span, units: list) -> str | None:
    if units and units[-1][0] == sentence:
        return units[-1][1]
    return None


def _first_unit(sentence: Span, units: list) -> str | None:
    return next((unit for unit_sentence, unit in units if unit_sentence == sentence), None)


def _is_proportion(doc: Doc, first: int, after: int) -> bool:
    """`one in five people`, `four out of five people` (a noun after: a proportion; a bare
    `14 out of 78` is two counts; `2,350 in five years` is not a proportion)."""
    words = [t.lower_ for t in doc[max(0, first - 3) : first]]
    if words[-1:] == ["in"] and first >= 2 and _smaller_part(doc, first - 2, first):
        return True
    if words[-2:] == ["out", "of"] and first >= 3 and doc[first - 3].like_num:
        return counted_noun(doc, after) is not None
    nxt = [t.lower_ for t in doc[after : after + 3]]
    if nxt[:1] == ["in"] and len(nxt) > 1 and _smaller_part(doc, first, after + 1):
        return True
    if nxt[:2] == ["out", "of"] and len(nxt) > 2 and doc[after + 2].like_num:
        return counted_noun(doc, after + 3) is not None
    return False


def _smaller_part(doc: Doc, part: int, whole: int) -> bool:
    """`one in five`, `1 in 100`: two small whole numbers, the part the smaller, and no unit
    such as `years` after (`2,350 in five years`, `5.1 million in 2023` are not proportions)."""
    part_value, whole_value = _token_value(doc[part]), _token_value(doc[whole])
    if (
        part_value is None
        or whole_value is None
        or not part_value < whole_value <= PROPORTION_MAX
        or part + 1 < whole - 1
    ):
        return False
    unit = next_word(doc, whole + 1)
    return unit is None or not _is_non_count(unit)


def _token_value(token: Token) -> Decimal | None:
    try:
        return parse_number(token.text)
    except (KeyError, ArithmeticError):
        return None


def _is_label(doc: Doc, token: Token, candidate: Candidate) -> bool:
    """`Level 4`, `Boeing 777`, `Fortune 500`, `No. 1`, `aged 30`, `Nov. 22`, `Report 2023`;
    not a title-case headline verb tagged as a proper noun (`Expo Draws 1,800 Guests`)."""
    if token.lower_ in LABEL_WORDS:
        return True
    if candidate.qualifier or token.pos_ != "PROPN" or not token.text[:1].isupper():
        return False  # `... Western Australia More than 1,000 homes`: a label takes no qualifier
    return not _headline_verb(doc, token, candidate)


def _headline_verb(doc: Doc, token: Token, candidate: Candidate) -> bool:
    """`Draws`, `Opens`, `Attracts` before a number and a plural noun, in a title-case line."""
    word = token.text
    if not (word.endswith("s") and not word.endswith("ss") and word[1:].islower()):
        return False
    head = counted_noun(doc, candidate.after)
    previous = previous_word(doc, token.i)
    return head is not None and head.tag_ in ("NNS", "NNPS") and previous is not None and previous.text[:1].isupper()


def _is_name_part(doc: Doc, candidate: Candidate) -> bool:
    """`Six Nations`, `the Big Four`: a capitalised number word inside a sentence, before a
    capitalised word, belongs to a name."""
    number = candidate.number
    if candidate.qualifier or not number[:1].isupper() or number[:1].isdigit() or doc[candidate.first].is_sent_start:
        return False
    following = next_word(doc, candidate.after)
    return following is not None and following.text[:1].isupper()


def _is_non_count(token: Token) -> bool:
    """A unit word as written (`km`, `%`), or a noun whose lemma is one (`metres`, `olds`);
    not an adjective (`older`)."""
    return token.lower_ in NON_COUNT_UNITS or (token.pos_ == "NOUN" and token.lemma_.lower() in NON_COUNT_UNITS)


def _is_year(candidate: Candidate) -> bool:
    number, match = candidate.number, candidate.match
    return is_year(number) and not match.group("scale") and not candidate.qualifier
