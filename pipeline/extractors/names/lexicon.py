"""The language data of the name extractors, read once from ``data/`` at import time.

Each file has a header (lines starting with ``#``) saying where its words come from.
Patterns built from the word lists are compiled here, once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.core.lexicon import DataDir, alternation
from pipeline.extractors.dates.lexicon import HOLIDAYS
from pipeline.extractors.numbers.currencies import COUNTRY_WORDS, DATELINE_CITIES
from pipeline.extractors.numbers.numbers import ORDINALS
from pipeline.extractors.numbers.numbers import read_rows as number_rows

DATA = DataDir(__file__)
_lines, _rows = DATA.lines, DATA.rows


@dataclass(frozen=True)
class Category:
    """What a head noun, descriptor or verb says a name is."""

    cls: str  # report | initiative | organisation | venue
    kind: str = ""  # the initiative kind ('' for the other classes)
    # words a name needs before the head unless a complement follows it (`World Population Day`,
    # `Day of Caring`; not a band's or a person's `Green Day`)
    words_before: int = 0
    # a day of the calendar too: used as a time (`to mark World Harbour Day`) it is a date, not an
    # initiative (GUIDELINE: a named observance day)
    is_day: bool = False


def _categories(name: str) -> dict[str, Category]:
    return {
        row[0]: Category(
            row[1],
            row[2] if len(row) > 2 else "",
            int(row[3]) if len(row) > 3 and row[3] else 0,
            len(row) > 4 and row[4] == "day",
        )
        for row in _rows(name)
    }


# Head nouns, keyed by their words (case-sensitive): ("White", "Paper") -> report.
HEADS: dict[tuple[str, ...], Category] = {tuple(k.split()): v for k, v in _categories("heads.tsv").items()}
HEAD_LENGTHS = sorted({len(k) for k in HEADS}, reverse=True)

DESCRIPTORS: dict[str, Category] = {k.lower(): v for k, v in _categories("descriptors.tsv").items()}
# A report's title, then a comma, right before a quote: the quote is the report's theme, a title
# too (`the Harbour Report on Africa, "Trading through Ports"`).
REPORT_TITLE_BEFORE = re.compile(
    rf"\b(?:{alternation(' '.join(k) for k, v in HEADS.items() if v.cls == 'report')})"
    r"(?:[ \t]+(?:[A-Z][\w'’-]*|of|on|for|the|and|in|(?:19|20)\d\d))*,[ \t]*$"
)


def descriptor_category(phrase: str) -> Category:
    """The category of a descriptor as matched in text (any case, any white space)."""
    return DESCRIPTORS[" ".join(phrase.lower().split())]


VERBS: dict[str, Category] = _categories("verbs.tsv")

FUNCTION_WORDS = frozenset(_lines("function_words.txt"))
TITLE_WORDS = FUNCTION_WORDS | frozenset(_lines("title_words.txt"))  # lower case inside a quoted title
COMPLEMENT_PREPOSITIONS = frozenset(_lines("complement_prepositions.txt"))
SEPARATING_PREPOSITIONS = frozenset(_lines("separating_prepositions.txt"))
# Ordinal words, and words used like them (`inaugural`), before an event name.
ORDINAL_WORDS = frozenset(ORDINALS) | DATA.words("edition_words.txt")
EDITION_NOUNS = DATA.words("edition_nouns.txt")
# A year or ordinal right before a name: an edition of an event (`the 2023 X`, `the 6th X`).
ORDINAL = rf"\b(?:\d+(?:st|nd|rd|th)|{alternation(ORDINAL_WORDS)})"  # `24th`, `third`
# `the 24th edition of X`, `the third session of X`: X is an event, whatever its form
ORDINAL_EDITION_BEFORE = re.compile(rf"{ORDINAL}\s+(?:{alternation(EDITION_NOUNS)})\s+of\s+(?:the\s+)?$", re.IGNORECASE)
EDITION_BEFORE = re.compile(rf"(?:\b(?:19|20)\d\d|{ORDINAL})\s+$", re.IGNORECASE)
BREAKERS = frozenset(_lines("breakers.txt"))
# `the Prime Minister's Prize`: an office's possessive stays inside the name (by words, as written)
OFFICE_TITLES = frozenset(tuple(line.split()) for line in _lines("office_titles.txt"))
# A month and year right after a report's title: its edition (`Quarterly Report September 2024`).
MONTH_YEAR_AFTER = re.compile(
    rf"^[ \t]+(?:{alternation(w for w in BREAKERS if not w.endswith('day'))})\.?[ \t]+(?P<year>(?:19|20)\d\d)\b(?![-–/]\d)"
)
_MONTH = rf"(?i:{alternation(w for w in BREAKERS if not w.endswith('day'))})\.?"
# The period a report covers, written after its head: its edition (`Interim Report for 1
# January - 30 June 2016`, `Interim Report 1 January-30 September 2016`, `Interim Report
# Q1/2014`, `INTERIM REPORT, JANUARY-MARCH 2014`).
PERIOD_AFTER = re.compile(
    rf"^(?:[ \t]+(?:(?i:for)[ \t]+)?(?:\d{{1,2}}[ \t]+{_MONTH}[ \t]*[-–]?[ \t]*)?\d{{1,2}}[ \t]+{_MONTH}"
    rf"(?:[ \t]+(?P<year>(?:19|20)\d\d))?"
    rf"|[ \t]+Q[1-4]/(?P<year2>(?:19|20)\d\d)"
    rf"|,[ \t]+{_MONTH}[ \t]*[-–]?[ \t]*{_MONTH}[ \t]+(?P<year3>(?:19|20)\d\d))(?![\w/-])"
)
# A results headline's period after its title (contract v1.1 guideline: the period stays in the
# title, with no date mentions inside): `Results for the twelve months ended 31 December 2031`,
# `Unaudited Results for the Third Quarter ended September 30, 2031` (the run ends at `Quarter`),
# `Interim Results for the six months to 30 June 2031`, `Third Quarter Report to 31 March 2031`.
_ENDED_DAY = (
    rf"(?i:ended|ending|to)[ \t]+(?:\d{{1,2}}(?:st|nd|rd|th)?[ \t]+{_MONTH}|{_MONTH}[ \t]+\d{{1,2}}(?:st|nd|rd|th)?)"
    rf",?[ \t]+(?P<year>(?:19|20)\d\d)(?![\w/-])"
)
RESULTS_PERIOD_AFTER = re.compile(
    r"^[ \t]+(?P<period>(?i:for)[ \t]+(?:(?i:the)[ \t]+)?(?i:(?:three|six|nine|twelve|3|6|9|12)[ \t]+months|"
    r"(?:first|second|third|fourth)[ \t]+quarter|(?:first|second)[ \t]+half|year|quarter|half[ \t-]year|period)[ \t]+)?"
    + _ENDED_DAY
)
# The nouns of a reporting period (`the Quarter`, `Nine Months`), one fragment for every test.
PERIOD_NOUN = r"(?i:quarter|half|year|period|months)"
PERIOD_NOUN_WORD = re.compile(rf"\b{PERIOD_NOUN}\b")
HEADLINE_VERBS = frozenset(_lines("headline_verbs.txt"))
# Countries and cities (CLDR's territory names and time-zone cities, and the datelines' capitals,
# as the money extractor reads them), lower case: a place after a name's head stays in the name
# (`Brand Summit South Africa`, `Khalifa Industrial Zone Abu Dhabi`).
PLACE_NAMES = frozenset(name.lower() for _, name, _ in number_rows("cldr_territories.tsv")) | frozenset(DATELINE_CITIES)
PLACE_LENGTHS = sorted({len(place.split()) for place in PLACE_NAMES}, reverse=True)
# Words of a people or a place, lower case: CLDR's one-word language names (`Italian`, `Welsh`)
# and the money extractor's country words (`Kenyan`, `Ontario`); `the Italian scheme` is a
# country's scheme, not one named `Italian`.
NATIONALITY_WORDS = (
    frozenset(name.lower() for _, name in number_rows("cldr_languages.tsv"))
    | frozenset(word.lower() for word in COUNTRY_WORDS)
    | PLACE_NAMES
)
INVITATION_VERBS = frozenset(_lines("invitation_verbs.txt"))
# `Project Blue Reef`: a first word that opens a name, with the name's kind.
NAME_PREFIXES: dict[str, str] = {row[0]: row[1] for row in _rows("name_prefixes.tsv")}
JOB_WORDS = frozenset(_lines("job_words.txt"))
ACTION_NOUNS = frozenset(_lines("action_nouns.txt"))
OBSERVANCE_TIME_BEFORE = re.compile(  # `on the 7th Harbour Day` too
    rf"(?:^|\W)(?:{alternation(_lines('observance_time_cues.txt'))})\s+(?:the\s+)?(?:\d+(?:st|nd|rd|th)\s+)?$",
    re.IGNORECASE,
)


def observance_day(name: str) -> bool:
    """The name ends with a head of a calendar day (`World Harbour Day`), a year after it allowed."""
    words = [w for w in name.split() if not w.isdigit()]
    return bool(words) and (category := HEADS.get((words[-1],))) is not None and category.is_day


EXECUTIVE_BEFORE = re.compile(rf"\b(?:{alternation(_lines('executive_roles.txt'))})(?:,|\s+of(?:\s+the)?)\s+$")
# The legal form that ends a company's name (`Corporation`, `Limited`), compared in lower case.
COMPANY_SUFFIXES = frozenset(line.lower() for line in _lines("company_suffixes.txt"))
# Phrases that name nothing on their own (`Press Conference`, `Media Centre`), compared in lower case.
GENERIC_NAMES = frozenset(line.lower() for line in _lines("generic_names.txt"))
# The holidays the date extractor reads (`Labour Day`, `Earth Day 2024`) are dates, not named events.
# Compared without possessives, as a name's tokens come (`International Women Day`).
HOLIDAY_NAMES = frozenset(re.sub(r"['’]s?(?=\s|$)", "", name) for name in HOLIDAYS)
NAMING_VERBS = frozenset(_lines("naming_verbs.txt"))
# A word and a year that name a programme (`Vision 2035`, `Horizon 2040`).
YEAR_NAMES: dict[str, str] = {row[0]: row[1] for row in _rows("year_names.tsv")}
ROLE_WORDS = frozenset(tuple(w.split()) for w in _lines("role_words.txt"))
# After a name or acronym: an office (`ACR Secretary-General`, `ACR's President`) or a
# reporting verb (`ACR said`): the name acts as an organisation.
ROLE_AFTER = re.compile(rf"^(?:['’]s)?\s+(?:{alternation(' '.join(words) for words in ROLE_WORDS)})\b")
AGENT_AFTER = re.compile(rf"^\s+(?:has\s+|also\s+)?(?:{alternation(_lines('agent_verbs.txt'))})\b")
# After a `... Programme` or `... Alliance`: a verb of an agency (`published`, `celebrates`).
AGENCY_AFTER = re.compile(
    rf"^\s+(?:has\s+|also\s+)?(?:[a-z]+ly\s+)?(?:{alternation(_lines('agency_verbs.txt'))})\b", re.IGNORECASE
)
AGENCY_HEADS = frozenset({"Programme", "Program", "Alliance", "Coalition"})
# An apposition saying the name is an organisation (`X Awards, an organization dedicated to`).
ORGANISATION_APPOSITION = re.compile(
    rf"^[ \t]?,\s+(?:the|a|an)\s+(?:[a-z][\w'’-]*\s+){{0,3}}?(?:{alternation(_lines('organisation_nouns.txt'))})\b"
)
# A bracketed acronym right after a name (`X Programme (XP) said`): skipped before the cues.
BRACKET_AFTER = re.compile(r"^\s*\([^()\n]{1,20}\)")

# `... hosted by the` right before a name: the name acts as an organisation.
ORGANISATION_CUE = re.compile(
    rf"(?:^|\W)(?:{alternation(_lines('organisation_cues.txt'))})\s+(?:the\s+)?$", re.IGNORECASE
)
# `themed "` / `on the theme of "` right before an opening quote.
THEME_CUE = re.compile(rf"(?:^|\W)(?:{alternation(_lines('theme_cues.txt'))})\s*[:,]?\s*$", re.IGNORECASE)
# `at the` right before a named centre: a venue.
VENUE_CUE = re.compile(rf"(?:^|\W)(?:{alternation(_lines('venue_cues.txt'))})\s+(?:the\s+)?$", re.IGNORECASE)
FACILITY_CUE = re.compile(rf"\b(?:{alternation(_lines('facility_cues.txt'))})", re.IGNORECASE)
MARKET_CUE = re.compile(rf"\b(?:{alternation(_lines('market_cues.txt'))})", re.IGNORECASE)
# A stem with a verb's ending (`signed`, `establishment`), not another word (`significant`).
VERB_CUE = re.compile(rf"\b(?P<verb>{alternation(VERBS)})(?=(?:e|es|ed|d|s|ing|ment|ion|ions)?\b)", re.IGNORECASE)
# `, also known as the` between a name and its second name.
ALIAS_CUE = re.compile(
    rf"^\s*(?:\([^()\n]{{1,20}}\)\s*)?,?\s*(?:{alternation(_lines('alias_cues.txt'))})\s+(?:the\s+)?",
    re.IGNORECASE,
)
# A descriptor noun phrase right after a quoted or acronym name: up to three modifier words
# and the descriptor (`" supercomputing center`, `" cooperation mechanisms`).
DESCRIPTOR_AFTER = re.compile(
    rf"^[ \t]?(?P<mods>(?:[\w-]+[ \t]){{0,3}}?)(?P<descriptor>{alternation(DESCRIPTORS)})\b",
    re.IGNORECASE,
)
# A descriptor right before a quoted name (`the report "`, `Annual Review: '`, `the
# campaign "`, `the exhibition, titled "`, `a campaign dubbed "`), or `titled`/`entitled` alone
# (a document's title).
DESCRIPTOR_BEFORE = re.compile(
    rf"(?:\b(?P<descriptor>{alternation(DESCRIPTORS)})[\s,]*(?:(?:{alternation(_lines('naming_verbs.txt'))})\s+)?"
    rf"|\b(?P<titled>titled|entitled))[\s:,]*$",
    re.IGNORECASE,
)
# An apposition after a name, headed by a descriptor (`, the world's largest connectivity
# event`, `, an alliance of nine marathons`, `, a set of guidelines on ...`; also after `is` or
# `was`: `X is a programme that ...`, where the caller checks the name opens its sentence): the descriptor
# ends the noun phrase or a complement follows it; its modifiers are lower-case words
# (`, the Gartner report` is another name). Function words among them are checked by the caller.
APPOSITION = re.compile(
    rf"^(?:,\s+|\s+(?P<copula>is|was)\s+)(?:the|a|an)\s+(?P<mods>(?:(?-i:[a-z0-9])[\w'’-]*\s+){{0,8}}?)(?:set\s+of\s+)?(?P<descriptor>{alternation(DESCRIPTORS)})"
    # a complement, or a participle and its agent (`, a platform sponsored by ...`)
    rf"(?=\s*[,.;:)]|\s*$|\s+(?:{alternation(_lines('apposition_complements.txt'))})\b|\s+[a-z]+\s+by\b)",
    re.IGNORECASE,
)
# The same apposition before a name, after a possessive (`its developer platform, X, which`)
# or a sentence-initial `The` (`The report, X, was launched`).
APPOSITION_BEFORE = re.compile(
    rf"(?:\b(?:[Ii]ts|[Tt]heir|[Oo]ur|[Hh]is|[Hh]er)|['’]s|\b(?P<the>The))\s+(?P<mods>(?:[a-z][\w-]*\s+){{0,3}}?)(?P<descriptor>{alternation(DESCRIPTORS)}),\s+$"
)
APPOSITION_BEFORE_END = re.compile(r"^(?:\s*[.;]|,\s+(?:which|where|that|who)\b)")
# Words before a title-cased name that make a following `programme`, `series` or `show` a
# broadcast (`BBC Radio's X programme`, `the hit X show`): no initiative.
MEDIA_CUE = re.compile(rf"\b(?:{alternation(_lines('media_cues.txt'))})\b")
# The nouns that make a title-cased name before them an initiative (`the X Y scheme`), with
# their condition ('titled': the name must read like a title).
KIND_NOUNS: dict[str, str] = {row[0]: (row[1] if len(row) > 1 else "") for row in _rows("kind_nouns.tsv")}
# A determiner or possessive (`Norvia's`, `the Rangers'`; and up to two lower-case words) before such a name.
DETERMINER_BEFORE = re.compile(r"(?:\b(?:[Tt]he|its|their|our|this)|['’]s|\ws['’])\s+(?:[a-z][\w-]*\s+){0,2}$")
# A name after a sentence-initial preposition (`In the X, ...`, `At X, ...`): its comma ends
# an introductory phrase, not an apposition.
INTRODUCTORY_BEFORE = re.compile(r"\b(?P<word>[A-Z][a-z]+)\s+(?:the\s+)?$")
# `entitled`, `titled`, `subtitled` right before an unquoted title (`a report entitled X`).
TITLED_BEFORE = re.compile(r"\b(?:entitled|titled|subtitled)[ \t]*[:,]?[ \t]*$")
# A publication cue before an unquoted `Title: Subtitle` (`available in`, `released the`).
PUBLICATION_CUE = re.compile(
    rf"\b(?:{alternation(_lines('publication_cues.txt'))})\s+(?:(?:the|its|their|a|an)\s+)?$", re.IGNORECASE
)
# After a report noun: a verb of publishing or saying (`... report released today`, `... report shows`).
PUBLICATION_CUE_AFTER = re.compile(rf"^[ \t]+(?:{alternation(_lines('publication_cues_after.txt'))})\b")
# After `Title:` the subtitle: capitalised words, joined by spaces, commas, `and` or a
# lower-case function word (`Harbours, Freight and Storage`), then an edition year.
SUBTITLE = re.compile(
    rf"^:[ \t]+(?P<subtitle>[A-Z][\w'’-]*(?:(?:,[ \t]+|[ \t]+(?:(?:{alternation(_lines('function_words.txt'))})[ \t]+){{0,2}})[A-Z][\w'’-]*)*(?:[ \t]+(?:19|20)\d\d(?:[-–]\d\d)?)?)"
)
# After a word and an edition year (`VELOX 2024 closes`): a verb that makes the name an event.
# Before a coined word and an edition year (`at VELOX 2025`): a cue that it is an event.
EVENT_CUE_BEFORE = re.compile(rf"\b(?:{alternation(_lines('event_cues_before.txt'))})\s+(?:the\s+)?$", re.IGNORECASE)
EVENT_VERB_AFTER = re.compile(rf"^\s+(?:has\s+|will\s+)?(?:{alternation(_lines('event_verbs.txt'))})\b", re.IGNORECASE)
# In the sentence of a named challenge or cup: it raises money (a fund-raising event).
FUNDRAISING_CUE = re.compile(rf"\b(?:{alternation(_lines('fundraising_cues.txt'))})", re.IGNORECASE)
# After a name: it is (set up as) an organisation (`X was established as an international
# organization.`, `X is a non-profit body that ...`).
ORGANISATION_PREDICATE = re.compile(
    rf"^\s+(?:is|was|has\s+become|became)\s+(?:(?:established|registered|founded|set\s+up)\s+as\s+)?(?:an?|the)\s+"
    rf"(?:[\w-]+\s+){{0,3}}?(?:{alternation(_lines('organisation_nouns.txt'))})"
    rf"(?=\s*[,.;]|\s+(?:that|which|of|for|with|in|on|based|headquartered|whose)\b)"
)
