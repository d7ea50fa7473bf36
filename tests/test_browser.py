"""The review page of the seeds (scored against their gold) opened in headless Chromium.

Chromium runs the page's script, then ``--dump-dom`` gives the rendered DOM:
highlighted spans must be there, the legend must name the types of the
summary table, and neither the console nor the page's own error box may
report a script error. ``.ci/run`` installs Debian's ``chromium``, so CI
always runs these tests; elsewhere they skip, saying why.
"""

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fake_outputs import baseline_mentions, mention, write_gold, write_output

from pipeline.cli import main
from pipeline.core.mentions import MENTION_TYPES
from pipeline.views.review import write_review

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = next((p for p in map(shutil.which, ("chromium", "chromium-browser", "google-chrome")) if p), None)
pytestmark = [
    pytest.mark.slow,  # a browser per test: `pytest -m 'not slow'` leaves them out
    pytest.mark.skipif(
        CHROMIUM is None, reason="no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)"
    ),
]
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
]


@pytest.fixture(scope="module")
def seeds_page(tmp_path_factory):
    folder = tmp_path_factory.mktemp("browser")
    assert main(["run", str(ROOT / "seeds"), "--out", str(folder / "out"), "--quiet"]) == 0
    page = folder / "review.html"
    assert main(["review", str(folder / "out"), "--gold", str(ROOT / "tests/gold/seeds.jsonl"), "-o", str(page)]) == 0
    return page


def chromium(page: Path, profile: Path, *options: str, fragment: str = "") -> subprocess.CompletedProcess:
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *options, page.as_uri() + fragment],
        capture_output=True,
        text=True,
        timeout=120,
    )


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


class Elements(HTMLParser):
    """Every element's tag and attributes, in document order."""

    def __init__(self, html: str):
        super().__init__()
        self.elements: list[tuple[str, dict]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    def with_class(self, name: str) -> list[dict]:
        return [a for _, a in self.elements if name in (a.get("class") or "").split()]

    def attribute_values(self, attribute: str, tag: str) -> list[str]:
        return [a[attribute] for t, a in self.elements if t == tag and attribute in a]


def rendered(page: Path, profile: Path, fragment: str = "") -> tuple[Elements, subprocess.CompletedProcess]:
    result = chromium(page, profile, "--dump-dom", fragment=fragment)
    assert result.returncode == 0, result.stderr[-2000:]
    return Elements(result.stdout), result


def test_browser_renders_highlights_matching_the_legend(seeds_page, tmp_path):
    dom, result = rendered(seeds_page, tmp_path / "profile")
    assert console_messages(result.stderr) == []
    html_attrs = next(a for t, a in dom.elements if t == "html")
    assert "data-js-errors" not in html_attrs
    body = next(a for t, a in dom.elements if t == "body")
    highlights = [a for a in dom.with_class("hl") if "data-marks" in a]
    assert highlights and int(body["data-rendered"]) == len(highlights)
    legend_types = dom.attribute_values("data-type", "label")
    summary_types = dom.attribute_values("data-type", "tr")
    assert legend_types == summary_types == list(MENTION_TYPES)
    highlighted_types = {c[2:] for a in highlights for c in a["class"].split() if c.startswith("t-")}
    assert highlighted_types <= set(legend_types)
    assert dom.attribute_values("data-kind", "label") == ["match", "wrong", "missed", "extra"]
    # the page compares computed colours of legend, summary swatch and highlights per type
    assert body["data-legend-mismatch"] == ""
    filled = {
        c[2:] for a in highlights if "k-missed" not in a["class"] for c in a["class"].split() if c.startswith("t-")
    }
    assert filled and set(body["data-legend-checked"].split()) == filled
    assert len(dom.with_class("doc")) == 2


def test_browser_filters_by_type_and_outcome_from_the_address(seeds_page, tmp_path):
    dom, result = rendered(seeds_page, tmp_path / "profile", "#type=date&kind=missed,match,wrong")
    assert console_messages(result.stderr) == []
    classes = [a["class"].split() for a in dom.with_class("hl") if "data-marks" in a]
    assert classes and all("t-date" in c and "k-extra" not in c for c in classes)
    status = re.search(r'id="page-status">([^<]*)<', result.stdout).group(1)
    assert status.startswith("page 1 of 1")


def test_browser_screenshot_without_console_errors(seeds_page, tmp_path):
    shot = tmp_path / "review.png"
    result = chromium(seeds_page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000


def test_browser_orders_documents_by_problems_and_checks_a_hostile_address(tmp_path):
    predicted = [m for m in baseline_mentions() if m["doc_id"] == "a"]  # every mention of b missed
    predicted.append(mention("b", "count", "today", value="1", qualifier="=", unit="day"))
    page = tmp_path / "page.html"
    write_review(
        write_output(tmp_path / "out", predicted), page, write_gold(tmp_path / "gold.jsonl", baseline_mentions())
    )

    def order(dom):
        return [a["data-doc-id"] for t, a in dom.elements if t == "article"]

    dom, result = rendered(page, tmp_path / "profile")
    assert order(dom) == ["a", "b"]
    dom, result = rendered(page, tmp_path / "profile", "#order=problems")
    assert order(dom) == ["b", "a"] and console_messages(result.stderr) == []
    dom, result = rendered(page, tmp_path / "profile", '#order="]x&type=<b>&kind=')
    assert order(dom) == [] and console_messages(result.stderr) == []  # nothing selected, nothing listed


def test_browser_timeline_period_lists_the_documents_dated_within_it(seeds_page, tmp_path):
    dom, result = rendered(seeds_page, tmp_path / "profile", "#period=2020-11-01/2020-11-30")
    assert console_messages(result.stderr) == []
    assert [a["data-doc-id"] for t, a in dom.elements if t == "article"] == ["003_b1d13363e02ed9e3"]
    assert "hidden" not in next(a for t, a in dom.elements if a.get("id") == "period-filter")
    assert 'data-period="2020-11-01/2020-11-30"' in seeds_page.read_text()  # the bar that sets this filter


DRIVER = """<script>
/* Test driver: click like a reader would, then leave what happened in <body data-driven>. */
(function () {
  function listed() {
    return Array.prototype.map.call(document.querySelectorAll("article.doc"), function (a) { return a.dataset.docId; });
  }
  var seen = {};
  document.querySelector('#charts rect.point[data-period^="2020-11"]').dispatchEvent(new MouseEvent("click", { bubbles: true }));
  seen.afterBar = listed();
  seen.hashAfterBar = window.location.hash;
  document.getElementById("period-clear").click();
  seen.afterClear = listed();
  document.querySelector('input[data-filter="type"][value="date"]').click();
  seen.dateHighlights = document.querySelectorAll("#doc-list .hl.t-date").length;
  seen.otherHighlights = document.querySelectorAll("#doc-list .hl").length;
  document.querySelector("#doc-list tr[data-mark]").click();
  seen.flashed = document.querySelectorAll("#doc-list .hl.flash").length;
  document.body.dataset.driven = JSON.stringify(seen);
})();
</script>
</body>"""


def test_browser_clicks_on_timeline_filters_and_mention_list(seeds_page, tmp_path):
    driven = tmp_path / "driven.html"
    driven.write_text(seeds_page.read_text().replace("</body>", DRIVER), encoding="utf-8")
    dom, result = rendered(driven, tmp_path / "profile")
    assert console_messages(result.stderr) == []
    seen = json.loads(next(a for t, a in dom.elements if t == "body")["data-driven"])
    assert seen["afterBar"] == ["003_b1d13363e02ed9e3"]
    assert seen["hashAfterBar"] == "#period=2020-11-01%2F2020-11-30"
    assert seen["afterClear"] == ["000_7ed7c048745f2413", "003_b1d13363e02ed9e3"]
    assert seen["dateHighlights"] == 0 and seen["otherHighlights"] > 0
    assert seen["flashed"] >= 1
