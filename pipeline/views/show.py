"""``pressfacts show FILE``: one document in the terminal, its mentions coloured by type,
then a table of their values (rich). The colours are the review page's."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text
from spacy.tokens import Doc

from pipeline.core.mentions import MENTION_TYPES, get_mentions
from pipeline.io.reader import InputDocument

STYLES = {
    "date": "black on #a9d6f5",
    "count": "black on #bfe8b0",
    "money": "black on #ffe08a",
    "report": "black on #f7b8d2",
    "initiative": "black on #d5c6f5",
    "percentage": "black on #ffc9a8",
    "measure": "black on #a8e6df",
}


def _mentions(doc: Doc, types) -> list[tuple[str, dict]]:
    found = [(t, m) for t in types for m in get_mentions(doc, t)]
    return sorted(found, key=lambda tm: (tm[1]["start"], -tm[1]["end"], tm[0]))


def highlighted(doc: Doc, mentions: list[tuple[str, dict]]) -> Text:
    """The text with each mention styled; longer spans first, so a nested mention shows on top,
    underlined to say that it sits inside another."""
    text = Text(doc.text)
    for type_name, m in sorted(mentions, key=lambda tm: tm[1]["start"] - tm[1]["end"]):
        inside = any(o is not m and o["start"] <= m["start"] and m["end"] <= o["end"] for _, o in mentions)
        text.stylize(STYLES[type_name] + (" underline" if inside else ""), m["start"], m["end"])
    return text


def values_table(mentions: list[tuple[str, dict]]) -> Table:
    table = Table(show_lines=False, header_style="bold")
    for column in ("type", "offsets", "text", "values", "rule"):
        table.add_column(column, overflow="fold")
    for type_name, m in mentions:
        values = ", ".join(f"{f}={m.get(f, '')}" for f in MENTION_TYPES[type_name].fields)
        table.add_row(
            Text(type_name, style=STYLES[type_name]), f"{m['start']}-{m['end']}", m["text"], values, m.get("rule", "")
        )
    return table


def entities_table(entities: Sequence[dict]) -> Table:
    table = Table(title="named reports and initiatives", show_lines=False, header_style="bold")
    for column in ("entity", "type", "kind", "year", "also written", "mentions"):
        table.add_column(column, overflow="fold")
    for e in entities:
        table.add_row(
            e["name"],
            Text(e["type"], style=STYLES[e["type"]]),
            e["kind"],
            e["year"],
            e["aliases"],
            str(e["n_mentions"]),
        )
    return table


def show_document(
    item: InputDocument, doc: Doc, console: Console, types=tuple(MENTION_TYPES), entities: Sequence[dict] = ()
) -> None:
    mentions = _mentions(doc, types)
    console.rule(Text(f"{item.doc_id} · {item.source} · {'date ' + item.date if item.date else 'no date'}"))
    legend = Text("  ").join(Text(f" {t} ", style=STYLES[t]) for t in types)
    console.print(legend)
    console.print(highlighted(doc, mentions))
    console.print()
    per_type = ", ".join(f"{t} {sum(1 for mt, _ in mentions if mt == t)}" for t in types)
    console.print(f"{len(mentions)} mentions: {per_type}", highlight=False)
    if mentions:
        console.print(values_table(mentions))
    if entities:
        console.print(entities_table(entities))
