"""Turn an HTML page, a PDF, a Word file or an e-mail into the plain text the pipeline reads.

The text a converter gives *is* the document text (offsets index into it). Each gives a
:class:`Converted`: the text, the title and URL where the file has them, and the date its
metadata states. A file with no text to give raises :class:`ConversionError` with the reason.

- HTML (``.html``, ``.htm``): the page's main text by trafilatura (precision settings: no
  navigation, cookie banner, share buttons, related articles, footer or script), the headline
  first. The date: ``article:published_time`` (or ``itemprop="datePublished"``), else JSON-LD
  ``datePublished``, else the ``<time datetime>`` of the article; the day as written, its
  time and time zone ignored. Title: the article's ``<h1>``, else ``og:title``, else ``<title>``;
  URL: the canonical link, else ``og:url``.
- PDF: the text layer by pypdfium2, in the order the file draws it (column by column for the
  usual writers). Running headers and footers and page numbers are left out (a line repeated
  at the top or bottom of the pages; a page number alone; a small line alone in the page's
  top or bottom margin); lines are joined into paragraphs (a space where a line wraps, a blank
  line between paragraphs) except a hyphenated line break, kept as it is (``eco-\\nnomy``:
  whether the hyphen is the word's own is not guessed). The date: the creation date.
- Word (``.docx``): mammoth's raw text (paragraphs, tables and text boxes; no page headers or
  footers). Title and date: the document's ``title`` and ``created`` properties.
- E-mail (``.eml``): the subject line, a blank line, then the text body (the standard
  library's ``email``, ``get_body(preferencelist=("plain", "html"))``; ``format=flowed``
  lines rejoined); an HTML-only body goes through the HTML converter. The date: ``Date:``.

The libraries are imported inside the converters: reading ``.txt`` and ``.jsonl`` needs none of them.
"""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
import re
import statistics
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pipeline.core.document import iso_date_or_none

# The file suffixes converted, and the format each names.
FORMATS = {".html": "html", ".htm": "html", ".pdf": "pdf", ".docx": "docx", ".eml": "eml"}
# Where a converted document's date came from (``InputDocument.date_source``), by format.
DATE_SOURCE = {"html": "html-meta", "pdf": "pdf-metadata", "docx": "docx-metadata", "eml": "email-date"}
# The package each format needs, for the message when it is not installed.
PACKAGES = {"html": "trafilatura", "pdf": "pypdfium2", "docx": "mammoth", "eml": "trafilatura"}


@dataclass(frozen=True)
class Converted:
    text: str
    title: str = ""
    url: str = ""
    date: str | None = None  # YYYY-MM-DD stated in the file's metadata
    date_source: str = "missing"  # one of DATE_SOURCE's values when ``date`` is set


class ConversionError(Exception):
    """The file gives no text; the message says why (it names no file: the reader does)."""


def convert(data: bytes, fmt: str) -> Converted:
    """``data`` of format ``fmt`` (a value of :data:`FORMATS`) as text; raises :class:`ConversionError`."""
    converter = CONVERTERS[fmt]
    try:
        return converter(data)
    except ImportError as exc:
        raise ConversionError(
            f"reading .{fmt} files needs the package {PACKAGES[fmt]} ({exc}); install it with pip"
        ) from exc


# --- HTML -------------------------------------------------------------------------------------

# Meta tags stating the publication date (property=, name= or itemprop=), best first.
PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished")
MIN_MAIN_WORDS = 3  # fewer words than this besides the headline: the page has no main text


def html_to_text(data: bytes | str, headline: bool = True) -> Converted:
    """The page's main text; ``headline``: put the page's headline first when the main text
    does not start with it (an e-mail's HTML body has its subject instead)."""
    import trafilatura

    tree = _parse_html(data)
    title, url, date = html_metadata(tree)
    # trafilatura cleans the tree it is given: it gets a copy, the metadata was read first.
    text = trafilatura.extract(
        copy.deepcopy(tree),
        output_format="txt",
        favor_precision=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )
    # One block a line in trafilatura's text; a blank line between blocks, as in the other formats
    # (a headline followed by a single line break would run on into the first sentence).
    text = "\n\n".join(line.strip() for line in (text or "").splitlines() if line.strip())
    text = _with_headline(text, title if headline else "")
    return Converted(text, title, url, date, "html-meta" if date else "missing")


def _parse_html(data: bytes | str):
    """The page's tree: bytes that are UTF-8 are read as UTF-8 (lxml would take a page that
    declares no charset for Latin-1), others as the page's ``<meta charset>`` says."""
    import lxml.html

    if isinstance(data, bytes):
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            pass
    try:
        tree = lxml.html.document_fromstring(data)
    except Exception as exc:  # lxml's errors on a document with no elements, or bytes that are no HTML
        raise ConversionError(f"not an HTML page: {exc}") from exc
    return tree


def _with_headline(text: str, title: str) -> str:
    """The main text with the headline before it, unless it already starts with it; an error if
    nothing but the headline (or a word or two) is left."""
    head = " ".join(title.split())
    lines = [line for line in text.split("\n") if line.strip()]
    if head and head in (" ".join(line.split()) for line in lines[:2]):
        body = "\n".join(line for line in lines if " ".join(line.split()) != head)
    else:
        body = text
    if len(body.split()) < MIN_MAIN_WORDS:
        raise ConversionError(
            "no main text: the page holds navigation, banners, footers or scripts only"
            + (f" (besides its headline {head[:60]!r})" if head else "")
        )
    return f"{title}\n\n{text}" if head and body == text else text


def html_metadata(tree) -> tuple[str, str, str | None]:
    """``(title, url, date)`` of a parsed page (``""`` or None where it has none)."""
    metas: dict[str, str] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        if key and key not in metas and meta.get("content"):
            metas[key] = meta.get("content").strip()
    # The article's headline, else the page's og:title, else its first <h1>, else its <title>.
    candidates = [h1.text_content() for h1 in tree.xpath("//article//h1")[:1]] + [metas.get("og:title", "")]
    candidates += [h1.text_content() for h1 in tree.xpath("//h1")[:1]] + [tree.findtext(".//title") or ""]
    title = next((" ".join(c.split()) for c in candidates if c.strip()), "")
    canonical = next((link.get("href") for link in tree.iter("link") if link.get("rel") == "canonical"), None)
    url = (canonical or metas.get("og:url") or "").strip()
    return title, url, _published(tree, metas)


def _published(tree, metas: dict[str, str]) -> str | None:
    for key in PUBLISHED_META:
        date = _leading_date(metas.get(key, ""))
        if date:
            return date
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content())
        except ValueError:
            continue
        for value in _json_values(data, "datePublished"):
            date = _leading_date(value)
            if date:
                return date
    for path in ("//article//time[@datetime]", "//main//time[@datetime]", "//time[@pubdate][@datetime]"):
        for time in tree.xpath(path):
            date = _leading_date(time.get("datetime", ""))
            if date:
                return date
    return None


def _json_values(data: Any, key: str) -> Iterable[str]:
    """Every string under ``key`` anywhere in a JSON-LD value (``@graph`` lists included)."""
    if isinstance(data, dict):
        for name, value in data.items():
            if name == key and isinstance(value, str):
                yield value
            else:
                yield from _json_values(value, key)
    elif isinstance(data, list):
        for item in data:
            yield from _json_values(item, key)


def _leading_date(value: str) -> str | None:
    """The calendar day a metadata value starts with (``2023-11-11T09:00:00+08:00`` -> ``2023-11-11``)."""
    match = re.match(r"\s*(\d{4})-?(\d{2})-?(\d{2})(?!\d)", value)
    return iso_date_or_none("-".join(match.groups())) if match else None


def _tidy(text: str) -> str:
    """Line ends as ``\\n``, no white space at the ends of the text."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


# --- PDF --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    """One line of a PDF page's text layer: PDF points, y upwards."""

    text: str
    x0: float
    x1: float
    baseline: float
    size: float  # font size
    hyphenated: bool = False  # ends in a hyphen the line break cut a word at (or may have)


@dataclass(frozen=True)
class Page:
    lines: list[Line]  # in the order the file draws them
    height: float


HYPHENS = ("-", "\u00ad", "\u2010")  # at a line end, followed by a letter: a hyphenated line break
MARGIN_BAND = 0.07  # the top and bottom 7% of a page: where running headers and footers sit
PAGE_NUMBER = re.compile(r"(?i)(?:page\s*)?[-–—]?\s*\d{1,4}\s*[-–—]?(?:\s*(?:of|/)\s*\d{1,4})?")


def pdf_to_text(data: bytes) -> Converted:
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ConversionError("encrypted PDF: it needs a password to open; no text read") from exc
        raise ConversionError(f"not a readable PDF ({exc})") from exc
    try:
        pages = [_pdfium_page(document[i]) for i in range(len(document))]
        metadata = document.get_metadata_dict(skip_empty=True)
    finally:
        document.close()
    if not any(line.text.strip() for page in pages for line in page.lines):
        raise ConversionError(
            f"no text layer: the PDF's {len(pages)} page(s) hold images only (a scan?); run OCR on it first"
        )
    text = layout_text(pages)
    title = " ".join(str(metadata.get("Title", "")).split())
    date = _pdf_date(str(metadata.get("CreationDate", "")))
    return Converted(
        text, "" if title.lower() == "untitled" else title, "", date, "pdf-metadata" if date else "missing"
    )


def _pdf_date(value: str) -> str | None:
    """``D:20231111090000+08'00'`` -> ``2023-11-11`` (the day as written)."""
    match = re.match(r"\s*(?:D:)?(\d{4})(\d{2})(\d{2})", value)
    return iso_date_or_none("-".join(match.groups())) if match else None


def _pdfium_page(page) -> Page:
    """A page's lines from pdfium's characters: pdfium marks where a line ends (generated
    ``\\r\\n``) and a hyphen at a line end (its character 2, with no line end after it)."""
    import ctypes

    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        lines: list[Line] = []
        chars: list[str] = []
        boxes: list[tuple[float, float, float]] = []  # x0, x1, baseline of each drawn character
        sizes: list[float] = []
        x, y = ctypes.c_double(), ctypes.c_double()

        def close(hyphenated: bool = False) -> None:
            text = "".join(chars).strip()
            if text and boxes:
                lines.append(
                    Line(
                        text,
                        min(b[0] for b in boxes),
                        max(b[1] for b in boxes),
                        statistics.median(b[2] for b in boxes),
                        Counter(sizes).most_common(1)[0][0],
                        hyphenated,
                    )
                )
            chars.clear()
            boxes.clear()
            sizes.clear()

        for i in range(textpage.count_chars()):
            code = raw.FPDFText_GetUnicode(textpage, i)
            generated = raw.FPDFText_IsGenerated(textpage, i) == 1
            if code in (0x0D, 0x0A) and generated:
                if code == 0x0A:
                    close()
                continue
            hyphen = code in (0x02, 0xFFFE) or raw.FPDFText_IsHyphen(textpage, i) == 1
            chars.append("-" if hyphen else chr(code))
            if not generated and not chr(code).isspace():
                left, _, right, _ = textpage.get_charbox(i)
                raw.FPDFText_GetCharOrigin(textpage, i, ctypes.byref(x), ctypes.byref(y))
                boxes.append((left, right, y.value))
                sizes.append(round(raw.FPDFText_GetFontSize(textpage, i), 1))
            if hyphen:
                close(hyphenated=True)
        close()
        return Page(lines, page.get_height())
    finally:
        textpage.close()


def layout_text(pages: list[Page]) -> str:
    """The pages' lines as text: furniture (running headers and footers, page numbers) left out,
    lines joined into paragraphs, a blank line between paragraphs."""
    paragraphs: list[list[Line]] = []
    previous: Line | None = None
    edge = 0.0  # the right edge of the previous line's column
    for page in _without_furniture(pages):
        edges = _right_edges(page.lines)
        for line in page.lines:
            if previous is None or _starts_paragraph(previous, line, edge):
                paragraphs.append([line])
            else:
                paragraphs[-1].append(line)
            previous, edge = line, edges[line]
    return "\n\n".join(_join_lines(paragraph) for paragraph in paragraphs).strip()


def _join_lines(lines: list[Line]) -> str:
    out = lines[0].text
    for before, line in zip(lines, lines[1:], strict=False):
        hyphen_break = (before.hyphenated or before.text.endswith(HYPHENS)) and line.text[:1].isalpha()
        out += ("\n" if hyphen_break else " ") + line.text
    return out


def _right_edges(lines: list[Line]) -> dict[Line, float]:
    """Each line's column's right edge: the farthest right end of the lines in the same font
    size starting where it starts."""
    return {
        line: max(o.x1 for o in lines if abs(o.x0 - line.x0) < 20 and abs(o.size - line.size) < 0.5) for line in lines
    }


def _ends_sentence(line: Line) -> bool:
    return not line.hyphenated and line.text.rstrip("”’\"')").endswith((".", "!", "?", ":"))


def _starts_paragraph(previous: Line, line: Line, previous_edge: float) -> bool:
    """Whether ``line`` starts a paragraph after ``previous`` (whose column ends at ``previous_edge``)."""
    step = previous.baseline - line.baseline
    size = max(previous.size, line.size)
    if abs(previous.size - line.size) > 1.5:  # a headline and its text, a caption
        return True
    if step <= 0:  # a new column or page: the paragraph goes on unless a sentence ended
        return _ends_sentence(previous)
    if step > 1.5 * size:  # the space between paragraphs
        return True
    if line.x0 > previous.x0 + size and previous.x1 < previous_edge - 2 * size:  # a short line, then an indent
        return True
    return _ends_sentence(previous) and previous.x1 < previous_edge - 4 * size


def _without_furniture(pages: list[Page]) -> list[Page]:
    """Pages less their running headers and footers and page numbers."""

    def shape(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))

    def ends(page: Page) -> list[Line]:
        """The two top and two bottom lines of a page."""
        ordered = sorted(page.lines, key=lambda line: -line.baseline)
        return ordered[:2] + ordered[-2:]

    repeated: set[str] = set()
    if len(pages) >= 2:
        counts = Counter(s for page in pages for s in {shape(line) for line in ends(page)})
        repeated = {s for s, n in counts.items() if n >= max(2, len(pages) // 2)}
    body = [line.size for page in pages for line in page.lines for _ in line.text]
    body_size = statistics.median(body) if body else 0.0
    kept = []
    for page in pages:
        if not page.lines:
            kept.append(page)
            continue
        top = max(page.lines, key=lambda line: line.baseline)
        bottom = min(page.lines, key=lambda line: line.baseline)
        dropped = {id(line) for line in ends(page) if shape(line) in repeated}
        for line in (top, bottom):
            others = [o.baseline for o in page.lines if o is not line]
            gap = min((abs(line.baseline - b) for b in others), default=float("inf"))
            in_margin = (
                line.baseline > page.height * (1 - MARGIN_BAND)
                if line is top
                else line.baseline < page.height * MARGIN_BAND
            )
            if PAGE_NUMBER.fullmatch(line.text.strip()) or (
                in_margin and line.size <= body_size and gap > 1.5 * max(line.size, body_size)
            ):
                dropped.add(id(line))
        kept.append(Page([line for line in page.lines if id(line) not in dropped], page.height))
    return kept


# --- DOCX -------------------------------------------------------------------------------------

CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
}


def docx_to_text(data: bytes) -> Converted:
    import mammoth

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise ConversionError("not a Word document: the .docx holds no word/document.xml")
            core = archive.read("docProps/core.xml") if "docProps/core.xml" in archive.namelist() else b""
        text = mammoth.extract_raw_text(io.BytesIO(data)).value
    except ConversionError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile) as exc:
        raise ConversionError(f"corrupt .docx: not a readable zip archive ({exc})") from exc
    except Exception as exc:  # mammoth's errors on a broken document.xml
        raise ConversionError(f"corrupt .docx: {type(exc).__name__}: {exc}") from exc
    text = _tidy(re.sub(r"\n{3,}", "\n\n", text))
    if not text:
        raise ConversionError("no text: the Word document is empty (or holds images only)")
    title, date = _docx_core(core)
    return Converted(text, title, "", date, "docx-metadata" if date else "missing")


def _docx_core(core: bytes) -> tuple[str, str | None]:
    """``(title, created day)`` from ``docProps/core.xml``."""
    if not core:
        return "", None
    from xml.etree import ElementTree

    try:
        root = ElementTree.fromstring(core)
    except ElementTree.ParseError:
        return "", None
    title = " ".join((root.findtext("dc:title", "", CORE_NS) or "").split())
    return title, _leading_date(root.findtext("dcterms:created", "", CORE_NS) or "")


# --- E-mail -----------------------------------------------------------------------------------


def eml_to_text(data: bytes) -> Converted:
    import email
    import email.policy

    message = email.message_from_bytes(data, policy=email.policy.default)
    if not message.keys():
        raise ConversionError("not an e-mail: no header lines")
    subject = " ".join(str(message.get("subject", "")).split())
    body = message.get_body(preferencelist=("plain", "html"))
    if body is None:
        names = [part.get_filename() or part.get_content_type() for part in message.iter_attachments()]
        raise ConversionError(
            "no text body: the e-mail holds only attachments" + (f" ({', '.join(names)})" if names else "")
        )
    try:
        content = body.get_content()
    except (LookupError, UnicodeError) as exc:
        raise ConversionError(f"e-mail body cannot be decoded: {exc}") from exc
    date = _email_date(message)
    if body.get_content_type() == "text/html":
        main = html_to_text(content, headline=False).text
        if subject and main.split("\n", 1)[0] == subject:  # the body repeats the subject as its headline
            main = main[len(subject) :].lstrip("\n")
        text = f"{subject}\n\n{main}" if subject else main
    else:
        if _param(body, "format") == "flowed":
            content = _unflow(content, _param(body, "delsp") == "yes")
        main = _tidy(content)
        if not main:
            raise ConversionError("no text: the e-mail's body is empty")
        text = f"{subject}\n\n{main}" if subject else main
    return Converted(text, subject, "", date, "email-date" if date else "missing")


def _param(part, name: str) -> str:
    value = part.get_param(name, "")
    return value.lower() if isinstance(value, str) else ""


def _email_date(message) -> str | None:
    header = message.get("date")
    when = getattr(header, "datetime", None)
    return when.date().isoformat() if isinstance(when, dt.datetime) else None


def _unflow(text: str, delsp: bool) -> str:
    """RFC 3676 ``format=flowed``: a line ending in a space goes on on the next line."""
    lines = text.replace("\r\n", "\n").split("\n")
    out: list[str] = []
    flowing = False
    for line in lines:
        if line.startswith(" "):  # space-stuffed
            line = line[1:]
        if flowing:
            out[-1] += line
        else:
            out.append(line)
        flowing = line.endswith(" ") and line != "-- "
        if flowing and delsp:
            out[-1] = out[-1][:-1]
    return "\n".join(out)


CONVERTERS: dict[str, Callable[[bytes], Converted]] = {
    "html": html_to_text,
    "pdf": pdf_to_text,
    "docx": docx_to_text,
    "eml": eml_to_text,
}
