"""Every rule of the name extractors: its name (a row's ``rule`` column) and the behaviour
the document-level passes read from it, so that no code tests what a rule is called.

A name found once and found again elsewhere (:func:`.document_level.repeated`) is written
with its rule's ``repeated_name``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Rule:
    name: str
    # The rule itself finds the name wherever it stands as written: only copies in capitals
    # (`HARBOURSTART`) are looked for again, unless ``capitals_found`` (a title-cased name's
    # capitals are a title-cased run the title rules read themselves).
    found_everywhere: bool = False
    capitals_found: bool = False
    # The name has no head noun: an acronym opening it is its short name (`ACR Lima 2023,
    # the ... event` -> `ACR`).
    opening_acronym_is_short_name: bool = False

    @property
    def repeated_name(self) -> str:
        return f"{self.name}+repeated"


# A title-cased quote (:mod:`.classify`), classified by ...
QUOTE_DESCRIPTOR = Rule("quote+descriptor")  # a descriptor after it (`" supercomputing center`)
TITLED_QUOTE = Rule("titled+quote")  # `titled`/`entitled` before it: a document's title
DESCRIPTOR_QUOTE = Rule("descriptor+quote")  # a descriptor before it (`the report "`)
QUOTE_DOCUMENT_FORM = Rule("quote+document-form")  # its form (`Title: Subtitle`, `" (version 2.0)`)
QUOTE_HEAD = Rule("quote+head")  # its own head noun
QUOTE_APPOSITION = Rule("quote+apposition")  # an apposition after it (`", a set of guidelines`)
QUOTE_VERB = Rule("quote+verb")  # the verb before it (`launched the "`)
OF_QUOTE = Rule("of+quote")  # a short name after `of` (`the development of "`)

# A title-cased run with a head noun (:mod:`.classify`).
TITLE_HEAD = Rule("title+head")  # an initiative head (`Delta Trade Forum`)
# a programme noun after it (`Delta Zone programme`); its other occurrences are `title+head`
# runs, given its kind by `document_level.with_kind_from_noun`
TITLE_HEAD_KIND_NOUN = Rule("title+head+kind-noun", found_everywhere=True, capitals_found=True)
TITLE_REPORT_HEAD = Rule("title+report-head")  # a report head (`Ocean Health Report 2023`)
TITLE_SUBTITLE_CUE = Rule("title:subtitle+cue")  # `Title: Subtitle` after a publication cue
TITLE_CATALOGUE = Rule("title+catalogue")  # a title before a catalogue number (`(cat. no. 6202.0)`)

# A title-cased run without a head noun (:mod:`.headless`).
COINED_DESCRIPTOR = Rule("coined+descriptor", found_everywhere=True)  # `ACME gadget show`
PREFIX_NAME = Rule("prefix+name")  # a naming word opens it (`Project Blue Reef`)
NAME_ACRONYM_VERB = Rule("name+acronym+verb")  # `promoting Coastal Growth Compact (CGC)`
NAME_APPOSITION = Rule("name+apposition", opening_acronym_is_short_name=True)  # `X, the ... fair`
NAME_KIND_NOUN = Rule("name+kind-noun")  # before a kind noun (`the Clean Rivers Now programme`)
DESCRIPTOR_NAME = Rule("descriptor+name")  # `its developer platform, X, which`
WORD_YEAR = Rule("word+year", found_everywhere=True)  # a programme named by its target year (`Vision 2035`)
TITLED_NAME = Rule("titled+name")  # an unquoted title after `entitled` (`entitled Harbours of Tomorrow`)
EDITION_EVENT_VERB = Rule("edition+event-verb")  # `VELOX 2024 closes`
EVENT_CUE_EDITION = Rule("event-cue+edition")  # `unveiled at VELOX 2025`
ORDINAL_EDITION = Rule("ordinal-edition+name")  # `the 24th edition of Portexpo`
LISTED_AFTER_KIND = Rule("kind-noun+list")  # `four trade fairs – NORVEX, PortWein and EuroDOCK`

# Another mention of an initiative found (:mod:`.document_level`).
ACRONYM = Rule("acronym")  # its acronym, defined after it or made of its initials
ALIAS = Rule("alias")  # its second name (`, also known as the Spring Fair`)

RULES: dict[str, Rule] = {
    rule.name: rule
    for rule in (
        QUOTE_DESCRIPTOR,
        TITLED_QUOTE,
        DESCRIPTOR_QUOTE,
        QUOTE_DOCUMENT_FORM,
        QUOTE_HEAD,
        QUOTE_APPOSITION,
        QUOTE_VERB,
        OF_QUOTE,
        TITLE_HEAD,
        TITLE_HEAD_KIND_NOUN,
        TITLE_REPORT_HEAD,
        TITLE_SUBTITLE_CUE,
        TITLE_CATALOGUE,
        COINED_DESCRIPTOR,
        PREFIX_NAME,
        NAME_ACRONYM_VERB,
        NAME_APPOSITION,
        NAME_KIND_NOUN,
        DESCRIPTOR_NAME,
        WORD_YEAR,
        TITLED_NAME,
        EDITION_EVENT_VERB,
        EVENT_CUE_EDITION,
        ORDINAL_EDITION,
        LISTED_AFTER_KIND,
        ACRONYM,
        ALIAS,
    )
}

# Every value of the `rule` column of reports and initiatives.
RULE_NAMES: frozenset[str] = frozenset(RULES) | frozenset(
    rule.repeated_name for rule in RULES.values() if not (rule.found_everywhere and rule.capitals_found)
)
