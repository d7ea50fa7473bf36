"""Input formats: each candidate converter's text, run through the pipeline, scored against the
original release's gold.

Usage: ``.venv/bin/python benchmarks/inputs.py [--repeat N]`` (after
``.venv/bin/python tests/fixtures/make_inputs.py``, which writes the fixtures it reads).

The five releases of ``tests/fixtures/inputs/good/`` (two seeds, ``dev013``, ``dev019``,
``dev021``) exist as an HTML page, a PDF, a .docx and an e-mail. For every format and candidate
converter, the converted text is run through the pipeline with the date the file's metadata
states, and scored (value F1, ``pipeline.evaluation.scoring``) against the original ``.txt``
gold: each gold mention is found again in the converted text by its text (white space
free to differ) and order, since the offsets differ; a gold mention the text lost is a miss.

Candidates:

- HTML: ``trafilatura`` (shipped: ``pipeline.io.converters.html_to_text``, precision settings),
  ``trafilatura-default`` (its default settings, fall-back extractors included),
  ``readability-lxml`` (``Document.summary()``, block elements one a line, the headline put first
  as the shipped converter does), ``all-text`` (every text of the page but scripts and styles:
  what no boilerplate removal gives);
- PDF: ``pypdfium2`` (shipped: its characters, furniture left out, lines joined into
  paragraphs), ``pypdfium2-raw`` (``get_text_range()``), ``pypdf-raw`` (``extract_text()``),
  ``pdfplumber-raw`` (``extract_text()``), ``pdfplumber-lines`` (its lines through the shipped
  layout); plus the shipped converter on a second layout the fixtures do not use (one column,
  first-line indents, no space between paragraphs, A5 so the longer releases run to two pages,
  ``Page N of M`` footers): ``pypdfium2 (1-col)``;
- DOCX: ``mammoth`` (shipped: raw text, tables and text boxes kept) and ``python-docx``
  (``Document.paragraphs``: body paragraphs only);
- E-mail: the standard library's ``email`` (shipped);
- ``txt``: the original text, for reference.

Columns: value F1 per type; ``lost``: gold mentions the text does not hold; ``boiler``: mentions
found in text that is no part of the release (navigation, banners, footers, headers...), with
the mentions listed under the table; ``date``: documents whose metadata date is the gold date;
``ms/doc``: the converter's time per document (mean of ``--repeat`` runs after a warm-up; the
pipeline's time is not in it).

A second table compares the HTML publication date of the shipped reader (``html-meta``:
``article:published_time``, JSON-LD ``datePublished``, the article's ``<time datetime>``)
with htmldate's ``find_date`` (``extensive_search=False``, ``original_date=True``) on the
fixture pages and on variants of one page with the date stated in other places, or not at all.
"""

from __future__ import annotations

import argparse
import io
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "fixtures"))

import make_inputs

from pipeline.core.document import find_header
from pipeline.core.mentions import MENTION_TYPES
from pipeline.evaluation.predict import predict_gold
from pipeline.evaluation.scoring import GoldDocument, load_gold, score
from pipeline.io import converters
from pipeline.io.converters import Converted, Line, Page

GOOD = ROOT / "tests" / "fixtures" / "inputs" / "good"
TYPES = tuple(MENTION_TYPES)
SHIPPED = {"html": "trafilatura", "pdf": "pypdfium2", "docx": "mammoth", "eml": "email"}


# --- candidates -------------------------------------------------------------------------------

BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "br", "section", "article", "header"}


def _block_text(tree) -> str:
    """An lxml tree's text, one paragraph per block element (a blank line between them, as the
    shipped converter writes them)."""
    for element in tree.iter():
        if element.tag in BLOCKS:
            element.tail = "\n" + (element.tail or "")
    return _paragraphs(tree.text_content())


def _paragraphs(text: str) -> str:
    return "\n\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def html_trafilatura_default(data: bytes) -> Converted:
    import lxml.html
    import trafilatura

    tree = lxml.html.document_fromstring(data)
    title, url, date = converters.html_metadata(tree)
    text = trafilatura.extract(data.decode("utf-8"), output_format="txt", include_tables=True, deduplicate=False)
    return Converted(converters._with_headline(_paragraphs(text or ""), title), title, url, date)


def html_readability(data: bytes) -> Converted:
    import lxml.html
    from readability import Document

    title, url, date = converters.html_metadata(lxml.html.document_fromstring(data))
    summary = Document(data.decode("utf-8")).summary(html_partial=True)
    text = _block_text(lxml.html.fragment_fromstring(summary, create_parent="div"))
    return Converted(converters._with_headline(text, title), title, url, date)


def html_all_text(data: bytes) -> Converted:
    import lxml.html

    tree = lxml.html.document_fromstring(data)
    title, url, date = converters.html_metadata(tree)
    for element in tree.xpath("//script|//style|//head"):
        element.drop_tree()
    return Converted(_block_text(tree), title, url, date)


def _pdf_meta(data: bytes) -> Converted:
    """The shipped converter's title and date, for candidates that differ in their text only."""
    return converters.pdf_to_text(data)


def pdf_pdfium_raw(data: bytes) -> Converted:
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(data)
    try:
        text = "\n\n".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    finally:
        document.close()
    text = text.replace("\r\n", "\n").replace("\ufffe", "-\n").replace("\x02", "-\n")
    meta = _pdf_meta(data)
    return Converted(text.strip(), meta.title, "", meta.date)


def pdf_pypdf_raw(data: bytes) -> Converted:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(data))
    text = "\n\n".join(page.extract_text() for page in reader.pages)
    meta = _pdf_meta(data)
    return Converted(text.strip(), meta.title, "", meta.date)


def pdf_pdfplumber_raw(data: bytes) -> Converted:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        text = "\n\n".join(page.extract_text() or "" for page in pdf.pages)
    meta = _pdf_meta(data)
    return Converted(text.strip(), meta.title, "", meta.date)


def pdf_pdfplumber_lines(data: bytes) -> Converted:
    import pdfplumber

    pages = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            lines = [
                Line(
                    line["text"],
                    line["x0"],
                    line["x1"],
                    page.height - line["bottom"],
                    round(max(c["size"] for c in line["chars"]), 1),
                )
                for line in page.extract_text_lines(return_chars=True)
            ]
            pages.append(Page(lines, page.height))
    meta = _pdf_meta(data)
    return Converted(converters.layout_text(pages), meta.title, "", meta.date)


def docx_python_docx(data: bytes) -> Converted:
    import docx

    document = docx.Document(io.BytesIO(data))
    text = "\n\n".join(p.text for p in document.paragraphs if p.text.strip())
    created = document.core_properties.created
    return Converted(text, document.core_properties.title or "", "", created.date().isoformat() if created else None)


CANDIDATES: dict[str, dict[str, Callable[[bytes], Converted]]] = {
    "html": {
        "trafilatura": converters.html_to_text,
        "trafilatura-default": html_trafilatura_default,
        "readability-lxml": html_readability,
        "all-text": html_all_text,
    },
    "pdf": {
        "pypdfium2": converters.pdf_to_text,
        "pypdfium2-raw": pdf_pdfium_raw,
        "pypdf-raw": pdf_pypdf_raw,
        "pdfplumber-raw": pdf_pdfplumber_raw,
        "pdfplumber-lines": pdf_pdfplumber_lines,
    },
    "docx": {"mammoth": converters.docx_to_text, "python-docx": docx_python_docx},
    "eml": {"email": converters.eml_to_text},
}


# --- a second PDF layout ----------------------------------------------------------------------


def one_column_pdf(release: make_inputs.Release) -> bytes:
    """One column on A5, first-line indents, no space between paragraphs, a running header and a
    ``Page N of M`` footer on every page."""
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    width, height, margin, size, leading, indent = 420.0, 595.0, 40.0, 9.5, 11.5, 14.0
    lines: list[tuple[str, float]] = []  # text, x offset
    for paragraph in release.paragraphs:
        text = "".join(make_inputs.PDF_CHARS.get(ch, ch) for ch in paragraph)
        words, first = text.split(), True
        while words:
            room = width - 2 * margin - (indent if first else 0)
            line = words.pop(0)
            while words and stringWidth(f"{line} {words[0]}", "Helvetica", size) <= room:
                line += " " + words.pop(0)
            lines.append((line, indent if first else 0.0))
            first = False
    per_page = int((height - 2 * margin - 30) // leading)
    chunks = [lines[i : i + per_page] for i in range(0, len(lines), per_page)]
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=(width, height), invariant=1)
    pdf.setDateFormatter(lambda *_: f"D:{release.day:%Y%m%d}090000+08'00'")
    for number, chunk in enumerate(chunks, start=1):
        pdf.setFont("Helvetica", 7)
        pdf.drawString(margin, height - 22, f"Newsroom · {make_inputs.long_date(release.day)}")
        pdf.drawRightString(width - margin, 20, f"Page {number} of {len(chunks)}")
        y = height - margin
        if number == 1:
            pdf.setFont("Helvetica-Bold", 12)
            pdf.drawString(margin, y, release.headline)
            y -= 26
        pdf.setFont("Helvetica", size)
        for text, x in chunk:
            pdf.drawString(margin + x, y, text)
            y -= leading
        pdf.showPage()
    pdf.save()
    return out.getvalue()


# --- scoring ----------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return " ".join(text.split())


def remap(gold: GoldDocument, text: str, headline: str = "") -> tuple[list[dict], int]:
    """The gold mentions at their place in ``text`` (by text and order, from the release's
    headline on, else from the text's start after its header), and how many it lost."""
    mentions, lost = [], 0
    header = find_header(text)
    position = header.end if header else 0
    start = re.search(r"\s+".join(map(re.escape, headline.split())), text) if headline else None
    position = start.start() if start else position
    for mention in sorted(gold.mentions, key=lambda m: (m["start"], m["end"])):
        pattern = r"\s+".join(re.escape(part) for part in mention["text"].split())
        pattern = r"(?<!\w)" * mention["text"][0].isalnum() + pattern + r"(?!\w)" * mention["text"][-1].isalnum()
        found = re.compile(pattern).search(text, position)
        if found is None:
            mentions.append({**mention, "start": -1, "end": -1})
            lost += 1
            continue
        mentions.append({**mention, "start": found.start(), "end": found.end()})
        position = found.start() + 1
    return mentions, lost


def boilerplate(text: str, mention: dict, release_text: str) -> bool:
    """Whether a mention sits in text that is no part of the release: the mention with up to 15
    characters of its line on each side is not in the release (white space squashed)."""
    start, end = int(mention["start"]), int(mention["end"])
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    window = text[max(line_start, start - 15) : min(line_end, end + 15)]
    return _squash(window) not in release_text


BAD = {
    "html": ["no_main_text.html"],
    "pdf": ["encrypted.pdf", "scanned.pdf"],
    "docx": ["corrupt.docx"],
    "eml": ["attachments_only.eml"],
}


def refused(fmt: str, convert: Callable[[bytes], Converted]) -> str:
    """How many of the format's bad inputs give no text (an exception or an empty text, both an
    error row in the reader) rather than a text to extract from."""
    files = BAD.get(fmt, [])
    right = 0
    for name in files:
        try:
            right += not convert((GOOD.parent / "bad" / name).read_bytes()).text.strip()
        except Exception:
            right += 1
    return f"{right}/{len(files)}" if files else "-"


def measure(
    fmt: str,
    name: str,
    convert: Callable[[bytes], Converted],
    files: dict[str, bytes],
    gold: dict[str, GoldDocument],
    releases: dict[str, make_inputs.Release],
    nlp,
    repeat: int,
) -> dict:
    convert(next(iter(files.values())))  # warm-up: imports
    seconds = 0.0
    converted: dict[str, Converted] = {}
    for _ in range(repeat):
        for doc_id, data in files.items():
            started = time.perf_counter()
            converted[doc_id] = convert(data)
            seconds += time.perf_counter() - started
    docs, lost = [], 0
    for doc_id, result in converted.items():
        mentions, n_lost = remap(gold[doc_id], result.text, releases[doc_id].headline)
        lost += n_lost
        docs.append(GoldDocument(doc_id, result.date, result.text, mentions))
    predictions = predict_gold(docs, nlp=nlp)
    scores = score(docs, predictions, TYPES)
    extras = [o for o in scores.outcomes if o.kind == "extra"]
    boiler = []
    for outcome in extras:
        release = releases[outcome.doc_id]
        release_text = _squash(" ".join([release.headline, *release.paragraphs]))
        text = next(d.text for d in docs if d.doc_id == outcome.doc_id)
        assert outcome.pred is not None
        if boilerplate(text, outcome.pred, release_text):
            boiler.append(f"{outcome.doc_id}: {outcome.type} {outcome.pred['text']!r}")
    dates = sum(result.date == gold[doc_id].date for doc_id, result in converted.items())
    return {
        "name": name,
        "f1": {t: scores.by_type[t].prf(scores.by_type[t].value)[2] for t in TYPES},
        "gold": {t: scores.by_type[t].gold for t in TYPES},
        "lost": lost,
        "boiler": boiler,
        "dates": f"{dates}/{len(converted)}",
        "bad": refused(fmt, convert),
        "ms": 1000 * seconds / (repeat * len(files)),
    }


def _as_text(data: bytes) -> Converted:
    """An original release: its text, its header's date."""
    text = data.decode("utf-8")
    header = find_header(text)
    return Converted(text, "", "", header.date if header else None)


def html_date_table() -> list[str]:
    """The shipped HTML date reader against htmldate on the fixture pages and on variants."""
    import htmldate
    import lxml.html

    page = (GOOD / "dev019_html.html").read_text(encoding="utf-8")
    bare = re.sub(r'<meta property="article:published_time"[^>]*>\n', "", page)
    cases: list[tuple[str, str, str | None]] = [
        (path.name, path.read_text(encoding="utf-8"), make_inputs_date(path)) for path in sorted(GOOD.glob("*.html"))
    ]
    cases += [
        (
            "<time datetime> in the article",
            bare.replace("<h1>", '<time datetime="2013-09-18">18 Sep</time><h1>'),
            "2013-09-18",
        ),
        (
            "JSON-LD datePublished",
            bare.replace(
                "</head>",
                '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2013-09-17T08:00:00+08:00"}</script></head>',
            ),
            "2013-09-17",
        ),
        ("no date metadata (dates in the text, © 2024)", bare, None),
        (
            "article:modified_time only",
            bare.replace("</head>", '<meta property="article:modified_time" content="2015-01-01T00:00:00Z"></head>'),
            None,
        ),
        ("a date in the canonical URL only", bare.replace("releases/dev019/", "2013/09/16/dev019/"), None),
    ]
    lines = ["| page | expected | html-meta (shipped) | htmldate |", "|---|---|---|---|"]
    right = {"html-meta": 0, "htmldate": 0}
    for name, html, expected in cases:
        ours = converters.html_metadata(lxml.html.document_fromstring(html))[2]
        theirs = htmldate.find_date(html, original_date=True, extensive_search=False, outputformat="%Y-%m-%d")
        right["html-meta"] += ours == expected
        right["htmldate"] += theirs == expected
        lines.append(f"| {name} | {expected or '-'} | {ours or '-'} | {theirs or '-'} |")
    lines.append(f"| **right** | | {right['html-meta']}/{len(cases)} | {right['htmldate']}/{len(cases)} |")
    return lines


def make_inputs_date(path: Path) -> str:
    doc_id = path.stem.rsplit("_", 1)[0]
    return next(r.date for r in make_inputs.load_releases() if r.doc_id == doc_id)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3, help="conversions timed per document (default 3)")
    args = parser.parse_args()
    if not GOOD.is_dir():
        print(f"no fixtures in {GOOD}: run .venv/bin/python tests/fixtures/make_inputs.py first", file=sys.stderr)
        return 2
    import pipeline

    releases = {r.doc_id: r for r in make_inputs.load_releases()}
    gold = {
        d.doc_id: d
        for d in load_gold(ROOT / "tests" / "gold" / "seeds.jsonl") + load_gold(ROOT / "tests" / "gold" / "dev.jsonl")
        if d.doc_id in releases
    }
    nlp = pipeline.load()
    rows = []
    original = {doc_id: d.text.encode("utf-8") for doc_id, d in gold.items()}
    rows.append(("txt", measure("txt", "original", _as_text, original, gold, releases, nlp, args.repeat)))
    for fmt, candidates in CANDIDATES.items():
        files = {doc_id: (GOOD / f"{doc_id}_{fmt}.{fmt}").read_bytes() for doc_id in releases}
        for name, convert in candidates.items():
            rows.append((fmt, measure(fmt, name, convert, files, gold, releases, nlp, args.repeat)))
    one_column = {doc_id: one_column_pdf(r) for doc_id, r in releases.items()}
    rows.append(
        ("pdf", measure("-", "pypdfium2 (1-col)", converters.pdf_to_text, one_column, gold, releases, nlp, args.repeat))
    )

    gold_counts = rows[0][1]["gold"]
    print(f"{len(releases)} releases; gold mentions: " + ", ".join(f"{t} {gold_counts[t]}" for t in TYPES))
    print()
    print("| format | converter | " + " | ".join(TYPES) + " | lost | boiler | date | bad refused | ms/doc |")
    print("|---|---|" + "---:|" * (len(TYPES) + 5))
    for fmt, row in rows:
        shipped = " **(shipped)**" if SHIPPED.get(fmt) == row["name"] else ""
        f1 = " | ".join(f"{row['f1'][t]:.3f}" for t in TYPES)
        print(
            f"| {fmt} | {row['name']}{shipped} | {f1} | {row['lost']} | {len(row['boiler'])} | {row['dates']} | {row['bad']} | {row['ms']:.1f} |"
        )
    print()
    for fmt, row in rows:
        if row["boiler"]:
            print(f"- boilerplate mentions, {fmt} / {row['name']}: " + "; ".join(row["boiler"]))
    print()
    print("\n".join(html_date_table()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
