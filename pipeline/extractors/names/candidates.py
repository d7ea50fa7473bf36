"""Finding name candidates in text: quoted titles and title-cased runs.

This stage only says where a name may stand; ``classify`` decides what it is.

- A *quote* is a span between any pair of quote marks (`"..."`, `“...”`, `‘...’`, a stray
  `″` closing a `“`), with its body stripped of trailing punctuation (`Program,”`).
- A *run* is a sequence of capitalised words (`Global Harbour Conference`), allowing inner
  lower-case function words (`Report on the State of the Ports`), hyphens, `·` and inner
  apostrophes in words (`Co-construction`, `Harbour·Lights`, `Xi'an`), `&` and a spaced en
  dash between words, numbers after a word (`Report 2023`), a bracketed acronym or year
  (`Conference (GHC) Lima Summit`, `Report (2022)`), a bracketed place word inside a name
  (`Delta (North) Pilot Zone`), and a quoted complement after a preposition (`Competition
  of “...”`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NamedTuple

from pipeline.extractors.names.lexicon import BREAKERS, FUNCTION_WORDS, OFFICE_TITLES, ORDINAL_WORDS, TITLE_WORDS

# A word: letters and digits, with `-`, `–`, `·`, `&`, `/` between two of them, `.`
# before a digit (`No.2`, `4.0`; not `6.jpgName`, `Xu.The`) and an apostrophe before two
# or more letters (`Pu'er`, `d'Azur`; not the possessive `Acme's` nor `don't`).
WORD = re.compile(r"[^\W_](?:[^\W_]|[-–·&/](?=[^\W_])|\.(?=\d)|['’](?=[^\W\d_]{2}))*")
YEAR = re.compile(r"(?:19|20)\d\d(?:[-–/]\d\d(?:\d\d)?)?")
NUMBER = re.compile(r"\d[\d.,]*")
ORDINAL = re.compile(r"\d+(?:st|nd|rd|th)", re.IGNORECASE)
# An acronym: two or more capitals (digits and `&` allowed, a plural `s` at the end).
ACRONYM = re.compile(r"[A-Z][A-Z0-9&]*[A-Z0-9](?:s)?")

# White space between two words of one name: spaces, at most one line break.
JOIN_GAP = re.compile(r"[ \t\u00a0]*\n?[ \t\u00a0]*")
# Also joining: `&`, a spaced en dash (`Congress – Ocean Science Forum`).
SYMBOL_GAP = re.compile(r"[ \t\u00a0]+(?:&|–)[ \t\u00a0]+")
# The plural possessive between two words of one name (`Farmers' Market`); `Women's` is two
# words and a `s` (see find_runs).
POSSESSIVE_GAP = re.compile(r"['’][ \t\u00a0]+")
BRACKET_OPEN = re.compile(r"[ \t\u00a0]*\($")
BRACKET_CLOSE = re.compile(r"^\)")
# After a bracketed word inside a name: the name goes on with a capitalised word.
INNER_BRACKET_CONTINUES = re.compile(r"[ \t]+[A-Z]")

OPENING_QUOTES = '“"‘«„'
QUOTE = re.compile(
    r"(?P<open>[“«„])(?P<body>[^“”″«»„\n]{1,250}?)(?P<close>[”″»“])"
    r"|(?<![\w])\"(?P<straight>[^\"\n]{1,250}?)\"(?![\w])"
    r"|(?<![\w])‘(?P<single>(?:[^‘’\n]|’(?=\w)){1,250}?)’(?!\w)"
)
TRAILING_PUNCTUATION = ",.;:!?™®"  # `™`, `®` stay out of every name (GUIDELINE)


class Token(NamedTuple):
    """A word with its offsets (a tuple: made for every word of a document, so cheap)."""

    start: int
    end: int
    text: str

    @property
    def is_capitalised(self) -> bool:
        first = self.text[0]
        if first.isdigit():  # `5G`, `3D`: a number with a capital letter is a name word
            return any(c.isupper() for c in self.text) and not ORDINAL.fullmatch(self.text)
        return first.isupper() and self.text not in BREAKERS

    @property
    def is_function_word(self) -> bool:
        return self.text in FUNCTION_WORDS

    @property
    def is_year(self) -> bool:
        return YEAR.fullmatch(self.text) is not None

    @property
    def is_number(self) -> bool:
        return NUMBER.fullmatch(self.text) is not None

    @property
    def is_ordinal(self) -> bool:
        return ORDINAL.fullmatch(self.text) is not None or self.text.lower() in ORDINAL_WORDS

    @property
    def is_acronym(self) -> bool:
        return ACRONYM.fullmatch(self.text) is not None and sum(c.isupper() for c in self.text) >= 2


@dataclass(frozen=True)
class Quote:
    open: int  # offset of the opening quote mark
    start: int  # the body, trailing punctuation stripped
    end: int
    close_end: int  # offset after the closing quote mark
    text: str

    @property
    def words(self) -> list[str]:
        return [m.group() for m in WORD.finditer(self.text)]

    @property
    def is_title_cased(self) -> bool:
        """First word capitalised, every other word capitalised, a number or a title word."""
        # A possessive `s` (`Norway's Polar Atlas`) is part of the word before it.
        words = [
            m.group()
            for m in WORD.finditer(self.text)
            if not (m.group() == "s" and self.text[m.start() - 1 : m.start()] in "'’")
        ]
        if not words or not (words[0][0].isupper() or words[0][0].isdigit()):
            return False
        return all(w[0].isupper() or w[0].isdigit() or w in TITLE_WORDS for w in words)


@dataclass
class Run:
    """Capitalised words in a row: ``tokens`` in order; a bracketed acronym or year is a
    token with ``bracketed`` set; a quoted complement is a token spanning the quote."""

    tokens: list[Token]
    bracketed: set[int] = field(default_factory=set)  # indices of bracketed tokens
    quoted: set[int] = field(default_factory=set)  # indices of quoted-complement tokens

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def tokenize(text: str, start: int = 0) -> list[Token]:
    return [Token(m.start(), m.end(), m.group()) for m in WORD.finditer(text, start)]


def find_quotes(text: str, start: int = 0) -> list[Quote]:
    quotes = []
    for match in QUOTE.finditer(text, start):
        group = next(g for g in ("body", "straight", "single") if match.group(g) is not None)
        body_start, body_end = match.span(group)
        body = text[body_start:body_end]
        stripped = body.rstrip(TRAILING_PUNCTUATION + " ")
        lead = len(body) - len(body.lstrip())
        if not stripped.strip():
            continue
        quotes.append(Quote(match.start(), body_start + lead, body_start + len(stripped), match.end(), stripped[lead:]))
    return quotes


def _gap(text: str, left: Token, right: Token) -> str:
    return text[left.end : right.start]


def _joins(gap: str) -> bool:
    return (bool(gap) and JOIN_GAP.fullmatch(gap) is not None) or SYMBOL_GAP.fullmatch(gap) is not None


def _ends_with_office(run: Run) -> bool:
    """The run so far ends with a public office (`the Prime Minister`'s Prize)."""
    words = tuple(token.text for token in run.tokens)
    return any(words[-len(office) :] == office for office in OFFICE_TITLES)


def find_runs(
    text: str,
    tokens: list[Token],
    quotes: list[Quote],
    masked: list[tuple[int, int]],
    plural_noun: Callable[[Token], bool] | None = None,
) -> list[Run]:
    """Title-cased runs over ``tokens``, skipping words inside ``masked`` spans; a run goes on
    over the possessive of a plural noun (``plural_noun``: `the FIFA Women's World Cup`, `the
    Farmers' Market Festival`) or of a public office (`the Prime Minister's Prize`); not
    `Acme's Growth Fund`, whose owner is a name."""
    quote_at = {q.open: q for q in quotes if q.is_title_cased}
    inside = _inside_checker(masked)
    runs: list[Run] = []
    i, n = 0, len(tokens)
    while i < n:
        token = tokens[i]
        if inside(token.start) or not _can_start(tokens, i, text):
            i += 1
            continue
        run = Run([token])
        j = i + 1
        while j < n:
            last = tokens[j - 1]
            nxt = tokens[j]
            if inside(nxt.start):
                break
            gap = _gap(text, last, nxt)
            if len(run.tokens) - 1 in run.bracketed:  # `(GHC) Lima Summit`: go on after the bracket
                if not gap.startswith(")") or not gap[1:]:
                    break
                gap = gap[1:]
            if "\n" in gap and _starts_new_line(run, nxt):
                break
            if "–" in gap and (all(t.text.isupper() for t in run.tokens) or nxt.text == "The"):
                break  # `SINGAPORE – The Harbour Water Week`, `Harbour City – The X`: a dateline's place, then the text
            if _joins(gap) and (nxt.is_capitalised or nxt.is_year or (nxt.is_number and not nxt.is_ordinal)):
                run.tokens.append(nxt)
                j += 1
                continue
            # the possessive's form first: the owner's test reads the tagger, so only where needed
            s_word = gap in ("'", "’") and nxt.text == "s" and j + 1 < n  # `Women's`: the `s` a word of its own
            plural_possessive = POSSESSIVE_GAP.fullmatch(gap) is not None and nxt.is_capitalised  # `Farmers' Market`
            possessive = s_word or plural_possessive
            if possessive and plural_noun is not None and (plural_noun(last) or _ends_with_office(run)):
                after_s = tokens[j + 1] if s_word else nxt
                if plural_possessive or (after_s.is_capitalised and _joins(_gap(text, nxt, after_s))):
                    run.tokens.append(after_s)
                    j += 2 if s_word else 1
                    continue
            bracket = _bracket(text, nxt, gap)
            if bracket is not None:
                run.bracketed.add(len(run.tokens))
                run.tokens.append(bracket)
                j += 1
                continue
            # a bare `the` joins no two names (`Ms Lane the Coastal Growth Fund`); `of the`,
            # `and the` may stand inside one
            if _joins(gap) and nxt.is_function_word and nxt.text != "the":
                k = j
                while (
                    k < n and k - j < 3 and tokens[k].is_function_word and _joins(_gap(text, tokens[k - 1], tokens[k]))
                ):
                    k += 1
                quote = _quote_after(text, tokens[k - 1], quote_at)
                if quote is not None:
                    run.tokens.extend(tokens[j:k])
                    run.quoted.add(len(run.tokens))
                    run.tokens.append(Token(quote.open, quote.close_end, text[quote.open : quote.close_end]))
                    while j < n and tokens[j].start < quote.close_end:
                        j += 1
                    break
                if (
                    k < n
                    and tokens[k].is_capitalised
                    and not inside(tokens[k].start)
                    and _joins(_gap(text, tokens[k - 1], tokens[k]))
                ):
                    run.tokens.extend(tokens[j : k + 1])
                    j = k + 1
                    continue
            break
        runs.append(run)
        i = max(j, i + 1)
    return runs


def _starts_new_line(run: Run, nxt: Token) -> bool:
    """A line break between ``run`` and ``nxt`` ends the run when the next line opens with a
    capital `The` (a new sentence), the run's line ends with a year (a title's edition: `...
    Yearbook 2031` / `Norvia, 8 November`), or the run's line is an all-capitals heading of two
    or more words and the next word is not in capitals (`FOR IMMEDIATE RELEASE` / `Delta
    Marathon ...`)."""
    if nxt.text == "The" or run.tokens[-1].is_year:
        return True
    words = [t.text for t in run.tokens if any(c.isalpha() for c in t.text)]
    heading = len(words) >= 2 and all(w.isupper() for w in words)
    return heading and not nxt.text.isupper()


def _can_start(tokens: list[Token], i: int, text: str) -> bool:
    token = tokens[i]
    if not (token.text[0].isupper() or token.text[0].isdigit()):
        return False
    if token.is_capitalised:
        return True
    # `2022 Open Budget Index`, `17th Andean Trade Expo`: a year or ordinal may
    # open a run when a capitalised word follows.
    if (token.is_year or token.is_ordinal) and i + 1 < len(tokens):
        nxt = tokens[i + 1]
        return nxt.is_capitalised and _joins(_gap(text, token, nxt))
    return False


def _bracket(text: str, token: Token, gap: str) -> Token | None:
    """``token`` if it is a bracketed acronym or year right after the previous word, or a
    bracketed capitalised word inside a name (`Lindau (Westbank) Energy Zone`: a district)."""
    if not BRACKET_OPEN.fullmatch(gap) or not BRACKET_CLOSE.match(text[token.end : token.end + 1]):
        return None
    if token.is_acronym or token.is_year:
        return token
    if token.is_capitalised and token.text.isalpha() and INNER_BRACKET_CONTINUES.match(text, token.end + 1):
        return token
    return None


def _quote_after(text: str, token: Token, quote_at: dict[int, Quote]) -> Quote | None:
    """A title-cased quote opening right after ``token`` (one space between)."""
    for offset in (token.end + 1, token.end):
        quote = quote_at.get(offset)
        if quote is not None and text[token.end : quote.open] in (" ", ""):
            return quote
    return None


def _inside_checker(spans: list[tuple[int, int]]):
    """A test whether an offset lies inside one of ``spans`` (which do not overlap)."""
    ordered = sorted(spans)
    starts = [start for start, _ in ordered]

    def inside(offset: int) -> bool:
        i = bisect_right(starts, offset) - 1
        return i >= 0 and offset < ordered[i][1]

    return inside
