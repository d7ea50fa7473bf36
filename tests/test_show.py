"""``pressfacts show FILE``: the document with coloured mentions and a table of values."""

import json

import spacy
from fake_outputs import TEXTS, baseline_mentions
from rich.console import Console

from pipeline.cli import main
from pipeline.core.mentions import set_mentions
from pipeline.io.reader import InputDocument
from pipeline.views.show import STYLES, highlighted, show_document

SEED = "seeds/003_b1d13363e02ed9e3.txt"


def doc_with_mentions(doc_id="b"):
    doc = spacy.blank("en").make_doc(TEXTS[doc_id])
    for type_name in ("date", "count", "report"):
        set_mentions(
            doc, type_name, [m for m in baseline_mentions() if m["doc_id"] == doc_id and m["type"] == type_name]
        )
    return doc


def test_show_highlight_styles_each_mention_nested_on_top():
    doc = doc_with_mentions()
    text = highlighted(
        doc,
        [("report", m) for m in baseline_mentions() if m["type"] == "report"]
        + [("date", m) for m in baseline_mentions() if m["doc_id"] == "b" and m["type"] == "date"],
    )
    styled = [(text.plain[s.start : s.end], str(s.style)) for s in text.spans]
    assert styled == [("Annual Water Report 2023", STYLES["report"]), ("2023", STYLES["date"] + " underline")]


def test_show_document_prints_text_legend_and_values():
    console = Console(record=True, width=120, color_system="truecolor", force_terminal=True)
    item = InputDocument("b", "b.txt", TEXTS["b"], "2024-03-06", "header")
    show_document(item, doc_with_mentions(), console)
    plain = console.export_text(clear=False)
    assert "b · b.txt · date 2024-03-06" in plain
    assert "<b>today</b>" in plain  # shown as written, not interpreted
    assert "3 mentions: date 1, count 1, money 0, report 1, initiative 0" in plain
    assert "title=Annual Water Report 2023, year=2023, version=" in plain
    assert "\x1b[" in console.export_text(styles=True)


def test_show_cli_runs_the_pipeline_on_a_file(capsys):
    assert main(["show", SEED]) == 0
    out = capsys.readouterr().out
    assert "003_b1d13363e02ed9e3" in out and "mentions:" in out and "Light of Internet Expo" in out


def test_show_cli_picks_a_document_of_a_jsonl_file(tmp_path, capsys):
    batch = tmp_path / "batch.jsonl"
    batch.write_text("\n".join(json.dumps({"id": k, "text": v}) for k, v in TEXTS.items()) + "\n")
    assert main(["show", str(batch), "--doc-id", "b"]) == 0
    captured = capsys.readouterr()
    assert "Annual Water Report" in captured.out and "March 4" not in captured.out
    assert main(["show", str(batch)]) == 0
    assert "holds 2 documents; showing a" in capsys.readouterr().err
    assert main(["show", str(batch), "--doc-id", "zzz"]) == 1
    assert "no document 'zzz'" in capsys.readouterr().err
