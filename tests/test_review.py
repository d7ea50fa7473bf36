"""The review page, read as text (the browser test opens it for real)."""

import hashlib
import json
import re

from fake_outputs import TEXTS, baseline_mentions, mention, write_gold, write_output

from pipeline.cli import main
from pipeline.core.mentions import MENTION_TYPES
from pipeline.io.formats import write_tables
from pipeline.io.outputset import read_folder
from pipeline.views.review import Mark, build_review, render_page, segments, write_review
from pipeline.views.review_charts import counts_chart, money_chart, timeline_chart


def page_data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


def mark(start, end, type_name="date"):
    return Mark(type_name, "found", start, end, "", "", "")


def test_review_segments_split_overlapping_spans():
    marks = [mark(0, 10, "report"), mark(5, 15, "count")]
    assert segments(marks) == [(0, 5, [0]), (5, 10, [0, 1]), (10, 15, [1])]


def test_review_segments_nested_span_listed_outermost_first():
    marks = [mark(5, 9, "date"), mark(0, 20, "report")]
    assert segments(marks) == [(0, 5, [1]), (5, 9, [1, 0]), (9, 20, [1])]


def test_review_segments_leave_gaps_and_touching_spans_apart():
    assert segments([mark(0, 3), mark(3, 6), mark(8, 9)]) == [(0, 3, [0]), (3, 6, [1]), (8, 9, [2])]


def test_review_page_is_self_contained_and_escaped(tmp_path):
    folder = write_output(tmp_path / "out", baseline_mentions())
    html = render_page(build_review(folder))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html and "@import" not in html
    assert "<b>today</b>" not in html  # document text is data, never markup
    data = page_data(html)
    assert [d["text"] for d in data["documents"]] == [TEXTS["a"], TEXTS["b"]]
    assert html.count("<svg") == 3


def test_review_page_data_cannot_close_its_script(tmp_path):
    texts = {"a": TEXTS["a"], "b": TEXTS["b"] + " </script><script>alert(1)</script> <!--"}
    folder = write_output(tmp_path / "out", baseline_mentions(), texts)
    html = render_page(build_review(folder))
    assert "alert(1)</script>" not in html and "<!--" not in html.split('id="review-data">')[1]
    assert page_data(html)["documents"][1]["text"] == texts["b"]


def test_review_page_is_deterministic(tmp_path):
    folder = write_output(tmp_path / "out", baseline_mentions())
    gold = write_gold(tmp_path / "gold.jsonl", baseline_mentions())
    first, second = tmp_path / "1.html", tmp_path / "2.html"
    write_review(folder, first, gold)
    write_review(folder, second, gold)
    assert first.read_bytes() == second.read_bytes()


def test_review_without_gold_marks_every_row_found(tmp_path):
    review = build_review(write_output(tmp_path / "out", baseline_mentions()))
    assert review.kinds == ("found",)
    a = review.documents[0]
    assert [(m.type, m.text) for m in a.marks][:2] == [("date", "March 4"), ("count", "1,200")]
    assert "value=1200\nqualifier==\nunit=farmer" in a.marks[1].values


def test_review_with_gold_marks_and_counts_each_outcome(tmp_path):
    gold = write_gold(tmp_path / "gold.jsonl", baseline_mentions())
    predicted = [m for m in baseline_mentions() if m["type"] != "report"]  # report missed
    predicted = [dict(m, unit="grants") if m["type"] == "count" and m["doc_id"] == "b" else m for m in predicted]
    predicted.append(mention("b", "count", "today", value="1", qualifier="=", unit="day"))
    review = build_review(write_output(tmp_path / "out", predicted), gold)
    kinds = {(m.type, m.kind) for d in review.documents for m in d.marks}
    assert {("report", "missed"), ("count", "wrong"), ("count", "extra"), ("money", "match")} <= kinds
    wrong = next(m for d in review.documents for m in d.marks if m.kind == "wrong")
    assert "unit=grants" in wrong.values and "gold:\nvalue=40\nqualifier==\nunit=grant" in wrong.values
    html = render_page(review)
    counts_row = re.search(r'<tr data-type="count">(.*?)</tr>', html).group(1)
    cells = re.findall(r"<td>(.*?)</td>", counts_row)
    assert cells[5:10] == ["2", "1", "1", "0", "1"]  # gold, match, wrong, missed, extra


def test_review_reads_text_from_a_json_line_source(tmp_path):
    folder = write_output(tmp_path / "out", baseline_mentions())
    lines = tmp_path / "batch.jsonl"
    lines.write_text("\n".join(json.dumps({"id": k, "text": v}) for k, v in TEXTS.items()) + "\n")
    documents = (folder / "documents.csv").read_text()
    documents = documents.replace(str(folder / "sources" / "a.txt"), f"{lines}:1")
    documents = documents.replace(str(folder / "sources" / "b.txt"), f"{lines}:2")
    (folder / "documents.csv").write_text(documents)
    review = build_review(folder)
    assert [d.text for d in review.documents] == [TEXTS["a"], TEXTS["b"]]


def test_review_without_text_when_source_is_gone_or_changed(tmp_path):
    folder = write_output(tmp_path / "out", baseline_mentions())
    (folder / "sources" / "a.txt").unlink()
    (folder / "sources" / "b.txt").write_text(TEXTS["b"] + " Edited.")
    review = build_review(folder)
    a, b = review.documents
    assert a.text is None and "cannot be read" in a.note and len(a.marks) == 4
    assert b.text is None and "sha256 differs" in b.note
    html = render_page(review)
    assert "2 documents are shown without their text" in html
    assert page_data(html)["documents"][0]["segs"] == []


def test_review_gold_text_wins_and_gold_only_documents_are_shown(tmp_path):
    only_a = [m for m in baseline_mentions() if m["doc_id"] == "a"]
    folder = write_output(tmp_path / "out", only_a, {"a": TEXTS["a"]})
    (folder / "sources" / "a.txt").unlink()
    gold = write_gold(tmp_path / "gold.jsonl", baseline_mentions())
    review = build_review(folder, gold)
    assert [d.doc_id for d in review.documents] == ["a", "b"]
    assert review.documents[0].text == TEXTS["a"]
    assert "not in the output folder" in review.documents[1].note
    assert {m.kind for m in review.documents[1].marks} == {"missed"}


def test_review_cli_writes_the_page(tmp_path, capsys):
    folder = write_output(tmp_path / "out", baseline_mentions())
    gold = write_gold(tmp_path / "gold.jsonl", baseline_mentions())
    output = tmp_path / "page.html"
    assert main(["review", str(folder), "--gold", str(gold), "-o", str(output)]) == 0
    assert "review of 2 documents" in capsys.readouterr().err
    html = output.read_text()
    assert html.startswith("<!DOCTYPE html>") and hashlib.sha256(html.encode()).hexdigest()
    assert main(["review", str(tmp_path / "nowhere"), "-o", str(output)]) == 2


def date_row(begin, end, text="x"):
    return {"begin": begin, "end_date": end, "text": text}


def test_review_timeline_counts_months_and_bands_longer_periods():
    rows = [
        date_row("2023-11-10", "2023-11-10", "November 10"),
        date_row("2023-01-01", "2023-12-31", "2023"),
        {"begin": "", "end_date": "", "text": "two years"},
    ]
    svg = timeline_chart(rows)
    assert "2023-11: 1 mention, e.g. November 10" in svg
    assert svg.count('class="cover"') == 12  # the whole year covers each month
    assert "dates within one month" in svg


def test_review_timeline_counts_years_for_long_spans_and_pools_outliers():
    rows = [date_row(f"{year}-06-01", f"{year}-06-01") for year in range(1990, 2021) for _ in range(3)]
    rows.append(date_row("1066-10-14", "1066-10-14"))
    svg = timeline_chart(rows)
    assert "dates within one year" in svg and "1 earlier" in svg and ">1066<" not in svg
    assert timeline_chart([]).count("No date with calendar days") == 1


def test_review_money_and_count_charts_total_per_currency_and_unit():
    money = [
        {"value": "2500000000", "currency": "USD"},
        {"value": "500000000", "currency": "USD"},
        {"value": "12.5", "currency": "EUR"},
        {"value": "", "currency": "GBP"},
    ]
    svg = money_chart(money)
    assert "3 bn (2 mentions)" in svg and "12.5 (1 mention)" in svg and "GBP" not in svg
    counts = [{"value": "3", "unit": "country"}, {"value": "4", "unit": "country"}, {"value": "1", "unit": ""}]
    svg = counts_chart(counts)
    assert "country: 2 mentions, values summing to 7" in svg and "(no unit)" in svg
    assert "No count." in counts_chart([])


def test_review_reads_a_parquet_folder(tmp_path):
    csv_folder = write_output(tmp_path / "out", baseline_mentions())
    tables = ["documents", *(t.table for t in MENTION_TYPES.values())]
    write_tables(
        {n: f.to_dict("records") for n, f in read_folder(csv_folder, tables).items()}, tmp_path / "parquet", "parquet"
    )
    review = build_review(tmp_path / "parquet")
    assert [d.text for d in review.documents] == [TEXTS["a"], TEXTS["b"]]
    same_page = render_page(review).replace(str(tmp_path / "parquet"), str(csv_folder))
    assert same_page == render_page(build_review(csv_folder))


def test_review_with_gold_keeps_documents_the_gold_lacks(tmp_path):
    gold = write_gold(tmp_path / "gold.jsonl", baseline_mentions(), {"a": TEXTS["a"]})
    review = build_review(write_output(tmp_path / "out", baseline_mentions()), gold)
    assert review.kinds == ("match", "wrong", "missed", "extra", "found")
    assert {m.kind for m in review.documents[1].marks} == {"found"}
    assert page_data(render_page(review))["kinds"][-1] == "found"
