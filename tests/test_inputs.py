"""HTML pages, PDFs, Word files and e-mails as inputs (contract v1.1, "Documents"): each read
as its main text, dated by its metadata when the text has no header, and every file with no
text to give one error row while the others are read.

The fixtures are ``tests/fixtures/inputs/`` (``tests/fixtures/make_inputs.py`` writes them):
five releases in each format under ``good/``, the bad inputs under ``bad/``.
"""

import csv
import email.policy
import subprocess
import sys
from email.message import EmailMessage
from pathlib import Path

import pytest
from conftest import ROOT

from pipeline.cli import main
from pipeline.io import converters
from pipeline.io.converters import ConversionError, Line, Page, layout_text
from pipeline.io.outputset import read_folder
from pipeline.io.reader import InputDocument, ReadError, expand_inputs, read_inputs

sys.path.insert(0, str(ROOT / "tests" / "fixtures"))
import make_inputs  # noqa: E402

INPUTS = ROOT / "tests" / "fixtures" / "inputs"
GOOD, BAD = INPUTS / "good", INPUTS / "bad"
RELEASES = {r.doc_id: r for r in make_inputs.load_releases()}
FORMATS = ("html", "pdf", "docx", "eml")
DATE_SOURCES = {"html": "html-meta", "pdf": "pdf-metadata", "docx": "docx-metadata", "eml": "email-date"}


def squash(text: str) -> str:
    return " ".join(text.split())


def read_one(path: Path, date: str | None = None) -> InputDocument | ReadError:
    [item] = list(read_inputs([str(path)], date))
    return item


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("doc_id", sorted(RELEASES))
def test_each_format_reads_the_release_with_its_metadata(fmt, doc_id):
    release = RELEASES[doc_id]
    item = read_one(GOOD / f"{doc_id}_{fmt}.{fmt}")
    assert isinstance(item, InputDocument), item
    assert (item.doc_id, item.format, item.title) == (f"{doc_id}_{fmt}", fmt, release.headline)
    assert (item.date, item.date_source) == (release.date, DATE_SOURCES[fmt])
    assert item.url == (f"https://newsroom.example.org/releases/{doc_id}/" if fmt == "html" else "")
    # Every sentence of the release, the headline first (the PDF's one hyphenated line break
    # is kept as it is: undone here to compare).
    text = item.text.replace("-\n", "") if fmt == "pdf" else item.text
    assert text.startswith(release.headline + "\n\n")
    body = squash(text)
    for paragraph in release.paragraphs:
        if fmt == "pdf":
            paragraph = "".join(make_inputs.PDF_CHARS.get(ch, ch) for ch in paragraph)
        assert squash(paragraph) in body
    for boilerplate in ("cookies", "©", "Related articles", "Share:", "Press release", "Newsroom"):
        assert boilerplate not in item.text


def test_pdf_keeps_its_hyphenated_line_break_and_drops_header_and_page_number():
    item = read_one(GOOD / "dev019_pdf.pdf")
    assert isinstance(item, InputDocument)
    assert "prog-\nrammes" in item.text and item.text.count("\n") - item.text.count("\n\n") * 2 == 1
    assert "Newsroom" not in item.text and not item.text.rstrip().endswith("1")
    # Two columns in reading order: the first column's last line runs on into the second's first.
    assert "has helped create 40 million jobs" in item.text


def test_docx_keeps_the_table_text():
    item = read_one(GOOD / "dev013_docx.docx")
    assert isinstance(item, InputDocument)
    assert item.text.rstrip().endswith(squash(RELEASES["dev013"].paragraphs[-1]))
    assert "Notes to editors" in item.text


def test_html_only_email_goes_through_the_html_path():
    item = read_one(GOOD / "dev013_eml.eml")
    assert isinstance(item, InputDocument)
    assert "<p>" not in item.text and "=\n" not in item.text
    assert item.text.startswith("China's digital economy surges 18.9%, drives growth\n\n( Xinhua )")


def test_offsets_index_the_converted_text(nlp):
    """pipeline.extract on a converted document: every mention is its text's slice."""
    import pipeline

    item = read_one(GOOD / "dev021_html.html")
    assert isinstance(item, InputDocument)
    tables = pipeline.extract([item], nlp=nlp)
    money = tables["money"].to_dict("records")
    assert [m["text"] for m in money] == ["approximately €150 million", "€2 million"]
    for table in ("dates", "counts", "money", "reports", "initiatives"):
        for row in tables[table].to_dict("records"):
            assert item.text[row["start"] : row["end"]] == row["text"]


# --- the document date ------------------------------------------------------------------------


def page(head: str = "", article: str = "<p>Sales rose by 5 per cent this year, the company said.</p>") -> bytes:
    return f"<html><head>{head}</head><body><article><h1>Results</h1>{article}</article></body></html>".encode()


@pytest.mark.parametrize(
    ("html", "date"),
    [
        (page('<meta property="article:published_time" content="2021-03-04T23:30:00-05:00">'), "2021-03-04"),
        (page('<meta itemprop="datePublished" content="2021-03-05">'), "2021-03-05"),
        (
            page('<script type="application/ld+json">{"@graph": [{"datePublished": "2021-03-06T08:00:00Z"}]}</script>'),
            "2021-03-06",
        ),
        (
            page(article='<time datetime="2021-03-07">7 March</time><p>Sales rose by 5 per cent this year.</p>'),
            "2021-03-07",
        ),
        (page('<meta property="article:modified_time" content="2021-03-08">'), None),  # not a publication date
        (page(article="<p>Sales rose by 5 per cent in 2020, the company said.</p><footer>© 2024</footer>"), None),
    ],
)
def test_html_date_comes_from_the_page_metadata_only(tmp_path, html, date):
    path = tmp_path / "page.html"
    path.write_bytes(html)
    item = read_one(path)
    assert isinstance(item, InputDocument)
    assert (item.date, item.date_source) == ((date, "html-meta") if date else (None, "missing"))


def test_a_header_in_the_text_or_the_run_date_beats_the_metadata(tmp_path):
    message = EmailMessage(policy=email.policy.SMTP)
    message["Date"] = "Tue, 02 Feb 2021 10:00:00 +0000"
    message.set_content("date 2021-01-31\nSales rose by 5 per cent this year.\n")
    path = tmp_path / "headed.eml"
    path.write_bytes(message.as_bytes())
    item = read_one(path)
    assert isinstance(item, InputDocument) and (item.date, item.date_source) == ("2021-01-31", "header")
    item = read_one(GOOD / "dev019_pdf.pdf", date="2020-05-05")
    assert isinstance(item, InputDocument) and (item.date, item.date_source) == ("2020-05-05", "option")
    del message["Date"]
    message.set_content("Sales rose by 5 per cent this year.\n")
    path.write_bytes(message.as_bytes())
    item = read_one(path)
    assert isinstance(item, InputDocument) and (item.date, item.date_source) == (None, "missing")


def test_html_without_a_charset_is_read_as_utf8_and_a_declared_one_is_kept():
    body = "<article><p>The Café “Zur Post” raised €3 million in 2023 from 40 backers.</p></article>"
    plain = converters.html_to_text(f"<html><body>{body}</body></html>".encode())
    declared = converters.html_to_text(
        f'<html><head><meta charset="windows-1252"></head><body>{body}</body></html>'.encode("cp1252")
    )
    assert plain.text == declared.text == "The Café “Zur Post” raised €3 million in 2023 from 40 backers."


def test_email_date_is_the_day_as_written():
    data = (GOOD / "dev021_eml.eml").read_bytes().replace(b"09:00:00 +0800", b"23:30:00 -0500")
    assert converters.eml_to_text(data).date == "2023-10-16"


# --- bad inputs -------------------------------------------------------------------------------

BAD_REASONS = {
    "encrypted.pdf": "encrypted PDF",
    "scanned.pdf": "no text layer",
    "no_main_text.html": "no main text",
    "corrupt.docx": "corrupt .docx",
    "attachments_only.eml": "only attachments",
}


def test_bad_inputs_are_one_error_each_and_the_good_files_are_still_read():
    items = list(read_inputs([str(BAD), str(GOOD / "dev019_pdf.pdf"), str(GOOD / "dev019_html.html")]))
    errors = [i for i in items if isinstance(i, ReadError)]
    documents = [i for i in items if isinstance(i, InputDocument)]
    assert {Path(e.source).name: e.reason for e in errors}.keys() == BAD_REASONS.keys()
    for error in errors:
        assert BAD_REASONS[Path(error.source).name] in error.reason
        assert error.lost and str(BAD) in str(error)
    assert [d.doc_id for d in documents] == ["dev019_pdf", "dev019_html"]


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.pdf", b"", "empty file"),
        ("notpdf.pdf", b"<html>not a pdf</html>", "not a readable PDF"),
        ("text.docx", b"plain text, not a zip", "corrupt .docx"),
        ("blank.html", b"<html><body>   </body></html>", "no main text"),
        ("noheaders.eml", b"\n\njust a body", "not an e-mail"),
    ],
)
def test_other_unreadable_files_are_error_rows(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    item = read_one(path)
    assert isinstance(item, ReadError) and reason in item.reason and item.lost


def test_a_missing_converter_library_is_an_error_row_naming_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "mammoth", None)  # `import mammoth` now raises ImportError
    item = read_one(GOOD / "dev013_docx.docx")
    assert isinstance(item, ReadError) and "needs the package mammoth" in item.reason


def test_converter_crash_is_an_error_row_not_a_stopped_run(monkeypatch, tmp_path):
    def boom(data: bytes):
        raise RuntimeError("library bug")

    monkeypatch.setitem(converters.CONVERTERS, "html", boom)
    items = list(read_inputs([str(GOOD / "dev013_html.html"), str(GOOD / "dev013_eml.eml")]))
    assert isinstance(items[0], ReadError) and "RuntimeError: library bug" in items[0].reason
    assert isinstance(items[1], InputDocument)


# --- finding the files ------------------------------------------------------------------------


def test_folders_and_globs_find_every_format_in_any_case(tmp_path):
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "b.HTML", "sub/c.pdf", "d.Docx", "e.eml", "f.htm", "g.jsonl", "notes.md", "~$lock.docx"):
        (tmp_path / name).write_bytes(b"x")
    found = [p.name for p in expand_inputs([str(tmp_path)]) if isinstance(p, Path)]
    assert found == ["a.txt", "b.HTML", "d.Docx", "e.eml", "f.htm", "g.jsonl", "c.pdf"]
    found = [p.name for p in expand_inputs([str(tmp_path / "**" / "*.pdf")]) if isinstance(p, Path)]
    assert found == ["c.pdf"]
    [error] = expand_inputs([str(tmp_path / "*.xlsx")])
    assert isinstance(error, ReadError) and "matches no .txt or .jsonl file, nor any .html" in error.reason


@pytest.mark.slow
def test_a_txt_run_imports_no_converter_library():
    script = (
        "import sys; from pipeline.io.reader import read_inputs;"
        f"items = list(read_inputs([{str(ROOT / 'seeds')!r}]));"
        "assert len(items) == 2, items;"
        "loaded = {'trafilatura', 'lxml', 'pypdfium2', 'mammoth'} & set(sys.modules);"
        "assert not loaded, loaded"
    )
    subprocess.run([sys.executable, "-c", script], check=True, cwd=ROOT)


# --- the PDF layout rules, line by line -------------------------------------------------------


def line(text: str, baseline: float, x0: float = 50, x1: float = 300, size: float = 10, **kw) -> Line:
    return Line(text, x0, x1, baseline, size, **kw)


def test_layout_drops_running_headers_footers_and_page_numbers_across_pages():
    def one(number: int, body: list[str]) -> Page:
        lines = [line(f"ACME Corp annual review {2024}", 810, size=8)]
        lines += [line(text, 700 - 12 * i) for i, text in enumerate(body)]
        lines.append(line(f"Page {number} of 2", 30, x0=280, x1=320, size=8))
        return Page(lines, 842)

    text = layout_text(
        [one(1, ["Profit rose to $5 million in the", "first half of the year."]), one(2, ["It opened 12 stores."])]
    )
    assert text == "Profit rose to $5 million in the first half of the year.\n\nIt opened 12 stores."


def test_layout_keeps_a_big_headline_and_a_hyphenated_break_and_splits_paragraphs():
    lines = [
        line("Big results", 790, size=16, x1=200),  # the headline: bigger than the body, never furniture
        line("Sales rose in every market and eco-", 760, hyphenated=True),
        line("nomists expect more.", 748, x1=150),
        line("A second paragraph after a gap.", 720),
        line("indented", 708, x0=70, x1=150),
    ]
    text = layout_text([Page(lines, 842)])
    assert text.split("\n\n") == [
        "Big results",
        "Sales rose in every market and eco-\nnomists expect more.",
        "A second paragraph after a gap. indented",
    ]


def test_email_format_flowed_lines_are_rejoined():
    message = EmailMessage(policy=email.policy.SMTP)
    message["Subject"] = "Results"
    message["Date"] = "Tue, 02 Feb 2021 10:00:00 +0000"
    message.set_content("Sales rose by 5 per cent \nthis year.\n\nA second paragraph.\n")
    message.set_param("format", "flowed")
    converted = converters.eml_to_text(message.as_bytes())
    assert converted.text == "Results\n\nSales rose by 5 per cent this year.\n\nA second paragraph."


def test_conversion_errors_say_why():
    with pytest.raises(ConversionError, match="encrypted PDF"):
        converters.pdf_to_text((BAD / "encrypted.pdf").read_bytes())


# --- the fixtures and the command line --------------------------------------------------------


@pytest.mark.slow
def test_the_fixture_generator_writes_the_committed_fixtures(tmp_path):
    pytest.importorskip("reportlab")
    pytest.importorskip("docx")
    assert make_inputs.main(["--out", str(tmp_path / "inputs")]) == 0
    made = sorted(p.relative_to(tmp_path / "inputs") for p in (tmp_path / "inputs").rglob("*") if p.is_file())
    assert made == sorted(p.relative_to(INPUTS) for p in INPUTS.rglob("*") if p.is_file())
    for name in made:
        if name.parts[0] == "good":
            new, old = read_one(tmp_path / "inputs" / name), read_one(INPUTS / name)
            assert isinstance(new, InputDocument) and isinstance(old, InputDocument)
            assert (new.text, new.date, new.title) == (old.text, old.date, old.title), name
    assert all((INPUTS / name).stat().st_size < 8000 for name in made)  # small: a few KB each


@pytest.mark.slow
def test_cli_run_on_the_fixtures_folder(tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", str(INPUTS), "--out", str(out), "--quiet"]) == 1  # 1: some inputs had errors
    stderr = capsys.readouterr().err
    for name in BAD_REASONS:
        assert f"{BAD / name}: " in stderr

    def table(name: str) -> list[dict]:
        with open(out / f"{name}.csv", encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))

    documents = table("documents")
    assert len(documents) == len(RELEASES) * len(FORMATS)
    assert {d["date_source"] for d in documents} == set(DATE_SOURCES.values())
    assert all(d["date"] == RELEASES[d["doc_id"].rsplit("_", 1)[0]].date for d in documents)
    assert sorted(Path(e["source"]).name for e in table("errors")) == sorted(BAD_REASONS)
    texts = {i.doc_id: i.text for i in read_inputs([str(GOOD)]) if isinstance(i, InputDocument)}
    counts: dict[str, int] = {}
    for name in ("dates", "counts", "money", "reports", "initiatives"):
        for row in table(name):
            assert texts[row["doc_id"]][int(row["start"]) : int(row["end"])] == row["text"]
            counts[row["doc_id"]] = counts.get(row["doc_id"], 0) + 1
    # Every format gives a release the same mentions.
    for doc_id in RELEASES:
        assert len({counts[f"{doc_id}_{fmt}"] for fmt in FORMATS}) == 1, doc_id


def test_the_run_stores_each_text_so_every_offset_can_be_checked(tmp_path):
    out = tmp_path / "out"
    assert main(["run", str(GOOD), "--out", str(out), "--quiet"]) == 0
    tables = read_folder(out, ["documents", "texts", "dates", "counts", "money", "reports", "initiatives"])
    texts = dict(zip(tables["texts"]["doc_id"], tables["texts"]["text"], strict=True))
    assert set(texts) == set(tables["documents"]["doc_id"])
    for name in ("dates", "counts", "money", "reports", "initiatives"):
        for row in tables[name].to_dict("records"):
            assert texts[row["doc_id"]][row["start"] : row["end"]] == row["text"]
    html = tables["documents"].set_index("doc_id").loc["003_b1d13363e02ed9e3_html"]
    assert (html["format"], html["date_source"]) == ("html", "html-meta")
    assert html["title"] and html["url"].startswith("https://")
