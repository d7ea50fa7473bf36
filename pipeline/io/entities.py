"""``entities.csv``: each named report and initiative once for the whole batch (contract v1.1).

Takes the batch's report and initiative rows (with each document's text and date) and
gives one entity per named thing, and the ``entity_id`` each row carries:

- Forms of one thing are linked when the text says so: an acronym in brackets right
  after the name (``Green Corridors Initiative (GCI)``), ``, or GCI,``, ``known as GCI``
  or ``also called "..."``; when they differ only in case, quotes or a leading ``the``;
  and a short name whose words open a longer name of the same type, the rest being head
  nouns (``Green Corridors`` and ``Green Corridors Initiative``).
- Reports are one entity per title and year: the 2023 and the 2024 edition are two.
- ``name`` is the fullest form, ``aliases`` every other form as written (``;``-joined),
  ``kind`` the commonest kind; counts and the first and last document dates follow.
- The id is stable: an entity that shares a form with one of the earlier entities (an
  incremental run) keeps that entity's id; a new one gets ``E`` + a hash of its type,
  fullest form and year, so a rebuild from scratch gives the same ids too.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from pipeline.extractors.names.lexicon import HEADS

ENTITY_COLUMNS = [
    "entity_id",
    "type",
    "name",
    "kind",
    "year",
    "aliases",
    "n_documents",
    "n_mentions",
    "first_date",
    "last_date",
]
NAME_FIELD = {"report": "title", "initiative": "name"}
QUOTES = "\"'“”‘’«»"
# What the text says after a name to give another form of it.
ALIAS_AFTER = re.compile(
    r"""\s*(?:\(\s*(?P<bracket>[A-Z][A-Za-z0-9&'-]{1,15})\s*\)"""
    r"""|,\s*or\s+(?:the\s+)?(?P<or>[A-Z][A-Za-z0-9&'-]{1,15})\s*[,.;)]"""
    r"""|,?\s*(?:also\s+)?(?:known|referred\s+to)\s+as\s+(?:the\s+)?["'“‘]?(?P<known>[^"'”’,.;()\n]{2,60}?)["'”’]?(?=[,.;)\n]|\s+(?:and|which|is|was|has)\b))""",
)
HEAD_WORDS = frozenset(word.casefold() for words in HEADS for word in words)


def normalised(form: str) -> str:
    """``The "Green  Corridors"`` -> ``green corridors``: the form that says two are the same."""
    text = " ".join(form.split()).casefold()
    return (text[4:] if text.startswith("the ") else text).strip(QUOTES)


@dataclass
class _Entity:
    type: str
    year: str
    forms: Counter = field(default_factory=Counter)  # as written -> mentions
    kinds: Counter = field(default_factory=Counter)
    documents: set = field(default_factory=set)
    n_mentions: int = 0
    rows: list = field(default_factory=list)

    @property
    def name(self) -> str:
        """The fullest form written as a mention."""
        return max(self.forms, key=lambda f: (self.forms[f] > 0, len(normalised(f)), self.forms[f], f))

    @property
    def keys(self) -> set[str]:
        return {normalised(f) for f in self.forms}


class _Links:
    """Union-find over (type, year, normalised form)."""

    def __init__(self) -> None:
        self.parent: dict[tuple, tuple] = {}

    def find(self, node: tuple) -> tuple:
        self.parent.setdefault(node, node)
        while self.parent[node] != node:
            self.parent[node] = self.parent[self.parent[node]]
            node = self.parent[node]
        return node

    def join(self, a: tuple, b: tuple) -> None:
        self.parent[self.find(a)] = self.find(b)


def _year(type_name: str, row: dict) -> str:
    return str(row.get("year", "")) if type_name == "report" else ""


def _is_short_name(short: str, full: str) -> bool:
    """``green corridors`` opens ``green corridors initiative`` and only head nouns follow."""
    short_words, full_words = short.split(), full.split()
    rest = full_words[len(short_words) :]
    return (
        len(short_words) >= 2
        and bool(rest)
        and full_words[: len(short_words)] == short_words
        and all(w in HEAD_WORDS for w in rest)
    )


def build_entities(
    rows: dict[str, list[dict]],
    texts: dict[str, str],
    dates: dict[str, str],
    earlier: Iterable[dict] = (),
) -> list[dict]:
    """The entities of ``rows["reports"]`` and ``rows["initiatives"]``, sorted by id; sets
    ``entity_id`` on each of those rows. ``texts`` and ``dates`` are by doc_id; ``earlier``
    is a previous ``entities`` table whose ids are kept."""
    links = _Links()
    mentions: list[tuple[str, dict, tuple]] = []
    defined: list[tuple[tuple, str]] = []  # (node, an alias the text gives it)
    for type_name, table_name in (("report", "reports"), ("initiative", "initiatives")):
        for row in rows.get(table_name, []):
            form = str(row[NAME_FIELD[type_name]])
            node = (type_name, _year(type_name, row), normalised(form))
            links.find(node)
            mentions.append((type_name, row, node))
            said = ALIAS_AFTER.match(texts.get(row["doc_id"], ""), int(row["end"]))
            if said:
                alias = next(g for g in said.groups() if g)
                links.join((type_name, node[1], normalised(alias)), node)
                defined.append((node, alias))
    for record in earlier:  # what an earlier run linked stays linked (its texts are not read again)
        forms = [record["name"], *filter(None, str(record.get("aliases", "")).split(";"))]
        first = (record["type"], str(record.get("year", "")), normalised(forms[0]))
        for form in forms:
            links.join((record["type"], first[1], normalised(form)), first)
            defined.append((first, form))
    # A short name has two words or more and opens the longer one: only names of one type and
    # year that share their first two words need comparing (not every pair of the batch).
    groups: dict[tuple, list[tuple]] = defaultdict(list)
    for node in sorted(links.parent):
        groups[(*node[:2], *node[2].split()[:2])].append(node)
    for group in groups.values():
        for a in group:
            for b in group:
                if a != b and _is_short_name(a[2], b[2]):
                    links.join(a, b)

    entities: dict[tuple, _Entity] = {}
    for type_name, row, node in mentions:
        entity = entities.setdefault(links.find(node), _Entity(type_name, node[1]))
        entity.forms[str(row[NAME_FIELD[type_name]]).strip().strip(QUOTES)] += 1
        if type_name == "initiative":
            entity.kinds[row.get("kind", "")] += 1
        entity.documents.add(row["doc_id"])
        entity.n_mentions += 1
        entity.rows.append(row)
    for node, alias in defined:  # a defined acronym is an alias even when never used alone
        if links.find(node) in entities:
            entities[links.find(node)].forms[alias] += 0

    earlier_ids: dict[tuple[str, str, str], str] = {}
    for record in earlier:
        forms = [record["name"], *filter(None, str(record.get("aliases", "")).split(";"))]
        for form in forms:
            earlier_ids.setdefault((record["type"], str(record.get("year", "")), normalised(form)), record["entity_id"])

    table = []
    taken: set[str] = set()
    for entity in sorted(entities.values(), key=lambda e: (e.type, normalised(e.name), e.year)):
        reused = sorted(
            {
                earlier_ids[(entity.type, entity.year, key)]
                for key in entity.keys
                if (entity.type, entity.year, key) in earlier_ids
            }
        )
        entity_id = next((i for i in reused if i not in taken), None) or _new_id(entity, taken)
        taken.add(entity_id)
        for row in entity.rows:
            row["entity_id"] = entity_id
        days = sorted(dates[d] for d in entity.documents if dates.get(d))
        name = entity.name
        table.append(
            {
                "entity_id": entity_id,
                "type": entity.type,
                "name": name,
                "kind": entity.kinds.most_common(1)[0][0] if entity.kinds else "",
                "year": entity.year,
                "aliases": ";".join(sorted(f for f in entity.forms if f != name)),
                "n_documents": len(entity.documents),
                "n_mentions": entity.n_mentions,
                "first_date": days[0] if days else "",
                "last_date": days[-1] if days else "",
            }
        )
    return sorted(table, key=lambda r: r["entity_id"])


def _new_id(entity: _Entity, taken: set[str]) -> str:
    """``E`` + 12 hex digits of a hash of what the entity is: the same in every run (an entity
    split from one that keeps the id takes the next free hash)."""
    seed = f"{entity.type}\0{entity.year}\0{normalised(entity.name)}"
    while (entity_id := "E" + hashlib.sha1(seed.encode()).hexdigest()[:12]) in taken:
        seed += "\0"
    return entity_id
