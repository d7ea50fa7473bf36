"""``entities.csv``: one row per named report and initiative of a batch, with stable ids."""

import pytest

from pipeline.cli import main
from pipeline.io.entities import build_entities, normalised
from pipeline.io.outputset import read_folder

TEXTS = {
    "a": "The Green Corridors Initiative (GCI) was launched on Monday by the ministry.",
    "b": "The GCI programme funded 40 towns in April.",
    "c": 'The "Green Corridors" programme reached 12 more regions.',
}
DATES = {"a": "2024-03-01", "b": "2024-04-02", "c": "2024-05-03"}


def row(doc_id, phrase, type_name="initiative", **fields):
    start = TEXTS[doc_id].index(phrase)
    key = "name" if type_name == "initiative" else "title"
    return {"doc_id": doc_id, "start": start, "end": start + len(phrase), "text": phrase, key: phrase, **fields}


def corridors_rows():
    return {
        "initiatives": [
            row("a", "Green Corridors Initiative", kind="program"),
            row("b", "GCI", kind="program"),
            row("c", "Green Corridors", kind="program"),
        ],
        "reports": [],
    }


def test_entities_join_a_defined_acronym_and_a_quoted_short_name():
    rows = corridors_rows()
    [entity] = build_entities(rows, TEXTS, DATES)
    assert entity["name"] == "Green Corridors Initiative" and entity["aliases"] == "GCI;Green Corridors"
    assert (entity["n_documents"], entity["n_mentions"]) == (3, 3)
    assert (entity["first_date"], entity["last_date"]) == ("2024-03-01", "2024-05-03")
    assert {r["entity_id"] for r in rows["initiatives"]} == {entity["entity_id"]}


@pytest.mark.parametrize(
    "text, alias",
    [
        ("the Harbour Link Fund, or HLF, opened.", "HLF"),
        ("the Northern Lights Festival, known as the Lights, opened.", "Lights"),
        ("the Northern Lights Festival (NLF) opened.", "NLF"),
    ],
)
def test_entities_read_the_aliases_the_text_defines(text, alias):
    name = text.split(",")[0].split(" (")[0].removeprefix("the ")
    start = text.index(name)
    rows = {"initiatives": [{"doc_id": "x", "start": start, "end": start + len(name), "name": name, "kind": "event"}]}
    [entity] = build_entities(rows, {"x": text}, {"x": "2024-01-01"})
    assert entity["aliases"] == alias


def test_entities_keep_editions_of_a_report_apart_and_name_unrelated_things_apart():
    texts = {"x": "The Tide Report 2023 and the Tide Report 2024 differ; the Tide Fund too."}
    rows = {
        "reports": [
            {"doc_id": "x", "start": 4, "end": 20, "title": "Tide Report 2023", "year": "2023"},
            {"doc_id": "x", "start": 29, "end": 45, "title": "Tide Report 2024", "year": "2024"},
        ],
        "initiatives": [{"doc_id": "x", "start": 58, "end": 67, "name": "Tide Fund", "kind": "fund"}],
    }
    entities = build_entities(rows, texts, {"x": "2024-06-01"})
    assert sorted((e["type"], e["name"], e["year"]) for e in entities) == [
        ("initiative", "Tide Fund", ""),
        ("report", "Tide Report 2023", "2023"),
        ("report", "Tide Report 2024", "2024"),
    ]
    assert len({e["entity_id"] for e in entities}) == 3


def test_entity_ids_survive_a_growing_batch_and_a_rebuild():
    first = build_entities(corridors_rows(), TEXTS, DATES)
    # later, only the acronym document is extracted again: the earlier table keeps the link
    rows = {"initiatives": [row("b", "GCI", kind="program"), row("c", "Green Corridors", kind="program")]}
    [again] = build_entities(rows, {}, DATES, earlier=first)
    assert again["entity_id"] == first[0]["entity_id"] and again["name"] == "Green Corridors"
    assert "GCI" in again["aliases"]
    assert build_entities(corridors_rows(), TEXTS, DATES)[0]["entity_id"] == first[0]["entity_id"]


def test_normalised_forms_ignore_case_quotes_spaces_and_a_leading_the():
    assert normalised(' The  "Green Corridors" ') == normalised("green corridors") == "green corridors"


@pytest.fixture
def releases(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for doc_id, text in TEXTS.items():
        (folder / f"{doc_id}.txt").write_text(f"date {DATES[doc_id]}\n{text}\n", encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["csv", "parquet", "duckdb"])
def test_every_run_writes_entities_and_an_incremental_run_keeps_the_ids(tmp_path, releases, fmt):
    out = tmp_path / "out"
    assert main(["run", str(releases), "--out", str(out), "--quiet", "--format", fmt]) == 0
    tables = read_folder(out, ["entities", "initiatives"])
    [entity] = tables["entities"].to_dict("records")
    assert entity["name"] == "Green Corridors Initiative" and entity["n_documents"] == 3
    assert set(tables["initiatives"]["entity_id"]) == {entity["entity_id"]}
    (releases / "d.txt").write_text("date 2024-06-04\nGCI grants and the Green Corridors Initiative were praised.\n")
    assert main(["run", str(releases), "--out", str(out), "--quiet", "--format", fmt]) == 0
    tables = read_folder(out, ["entities", "initiatives"])
    [grown] = tables["entities"].to_dict("records")
    assert grown["entity_id"] == entity["entity_id"]
    assert (grown["n_documents"], grown["n_mentions"], grown["last_date"]) == (4, 5, "2024-06-04")


def test_the_review_page_and_show_list_the_entities(tmp_path, releases, capsys):
    out = tmp_path / "out"
    assert main(["run", str(releases), "--out", str(out), "--quiet"]) == 0
    page = tmp_path / "review.html"
    assert main(["review", str(out), "-o", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    section = html[html.index('<section id="entities">') : html.index('<section id="charts">')]
    assert "Green Corridors Initiative" in section and "GCI; Green Corridors" in section
    capsys.readouterr()
    assert main(["show", str(releases / "a.txt")]) == 0
    shown = capsys.readouterr().out
    assert "named reports and initiatives" in shown and "GCI" in shown.split("named reports and initiatives")[1]
