"""The built site in a real browser: Playwright driving Debian's Chromium (issue: real-browser quality gate).

Every page of the strict build is served on 127.0.0.1 and visited once per colour scheme. Each visit records
what the tests below assert on: requests to other origins, console and page errors, images, visible raw TeX,
copy buttons and what they copy, axe-core violations, bytes loaded. Screenshots of every page in both schemes
go to screenshots/ (ignored by git) for review.

Outside CI, no Chromium means these tests skip with a loud reason; with CI=true it is a failure.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import nbformat
from conftest import DOCS, NOTEBOOK, REPO, markdown_pages, page_blocks

from glossary.terms import load_terms

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
SCREENSHOTS = REPO / "screenshots"
# Budget for everything a page makes the browser fetch on load, figures (inside the HTML) and the search
# index (fetched by Material's search worker at every load) included, counted as transferred by a server
# that gzips text as every static host does (GitHub Pages, nginx, Netlify). Uncompressed, Material's own
# CSS, JavaScript and the site-wide search index are already ~410 KB on every page; `make bench` prints
# both figures.
PAGE_BUDGET = 500 * 1024
SCHEMES = ("light", "dark")
CHROMIUM_ARGS = [  # as root, offline: no sandbox, and none of Chromium's own background traffic
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-default-apps", "--disable-domain-reliability",
]


def _missing_browser_reason() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as e:
        return f"Playwright or axe-playwright-python is not installed ({e}); run `make test`"
    if not CHROMIUM:
        return "no Chromium found (apt-get install chromium, or set CHROMIUM=/path/to/chromium)"
    return None


REASON = _missing_browser_reason()
if REASON and IN_CI:
    # Collected as a failing test rather than a collection error, so the rest of the suite still reports.
    def test_browser_is_available_in_ci():
        pytest.fail(f"CI=true but the browser tests cannot run: {REASON}")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(REASON is not None and not IN_CI, reason=f"BROWSER TESTS SKIPPED: {REASON}"),
]


def page_url(md: Path) -> str:
    rel = md.relative_to(DOCS).with_suffix("").as_posix()
    return "" if rel == "index" else f"{rel.removesuffix('/index')}/"


PAGES = [pytest.param(md, id=page_url(md) or "index") for md in [*markdown_pages(), NOTEBOOK]]


def shown_code(md: Path) -> list[str]:
    """The code a reader can copy from the page: the blocks of a Markdown page, the cells of a notebook."""
    if md.suffix == ".ipynb":
        return [c.source for c in nbformat.read(md, as_version=4).cells if c.cell_type == "code"]
    return [b.code for b in page_blocks(md)]


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like a static host: text compressed with gzip when the browser accepts it."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", "/")

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if ("gzip" not in self.headers.get("Accept-Encoding", "") or not os.path.isfile(path)
                or not self.path.split("?")[0].endswith(self.TEXT)):
            return super().do_GET()
        with open(path, "rb") as fh:
            body = gzip.compress(fh.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def origin(build):
    handler = functools.partial(_GzipHandler, directory=str(build.site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    if REASON:
        pytest.fail(REASON)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


# Recorded before the page's own scripts run: what Material's copy button puts on the clipboard.
CAPTURE_COPIES = """
window.__copies = [];
document.addEventListener('copy', () => window.__copies.push(String(document.getSelection())), true);
const write = navigator.clipboard && navigator.clipboard.writeText.bind(navigator.clipboard);
if (write) navigator.clipboard.writeText = (t) => { window.__copies.push(t); return write(t); };
"""

VISIBLE_TEXT_OUTSIDE_CODE = """() => {
  const body = document.querySelector('.md-content').cloneNode(true);
  body.querySelectorAll('pre, code, math, script, style').forEach(e => e.remove());
  return body.textContent;
}"""


@functools.cache
def _visit(browser, origin: str, url: str, scheme: str) -> dict:
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900},
                                  permissions=["clipboard-read", "clipboard-write"])
    context.add_init_script(CAPTURE_COPIES)
    page = context.new_page()
    report: dict = {"external": [], "console": [], "errors": [], "bytes": 0}

    def route(r):
        if r.request.url.startswith(origin + "/") or r.request.url.startswith("data:"):
            r.continue_()
        else:
            report["external"].append(r.request.url)
            r.abort()

    def on_finished(request):
        if request.url.startswith(origin):
            report["bytes"] += request.sizes()["responseBodySize"]   # as transferred (gzip)

    page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report["console"].append(m.text))
    page.on("pageerror", lambda e: report["errors"].append(str(e)))
    page.on("requestfinished", on_finished)
    # Material's search worker fetches the index on every load; wait for it so the count is the same
    # every time.
    with page.expect_response(lambda r: r.url.endswith("search/search_index.json")):
        page.goto(f"{origin}/{url}", wait_until="networkidle")
    page.wait_for_load_state("networkidle")

    report["scheme"] = page.evaluate("document.body.dataset.mdColorScheme")
    report["images"] = page.evaluate("""() => [...document.images].map(i => ({
        src: i.currentSrc.slice(0, 80), alt: i.getAttribute('alt'), ok: i.complete && i.naturalWidth > 0,
        figure: !!i.closest('.exec-figure'), bg: getComputedStyle(i).backgroundColor}))""")
    report["text"] = page.evaluate(VISIBLE_TEXT_OUTSIDE_CODE)
    # Markdown pages: Material's copy buttons on code blocks; the notebook: mkdocs-jupyter's, on code cells.
    report["code_blocks"] = page.locator(
        ".md-content pre:not(.exec-output__text) > code, .md-content .jp-CodeCell .jp-InputArea").count()
    buttons = page.locator(".md-content button.md-code__button[data-md-type=copy], .md-content clipboard-copy")
    report["copy_buttons"] = buttons.count()
    report["copied"] = []
    if scheme == "light":
        for i in range(buttons.count()):
            page.evaluate("window.__copies = []")
            buttons.nth(i).click()
            page.wait_for_function("window.__copies.length > 0", timeout=5000)
            report["copied"].append(page.evaluate("window.__copies[window.__copies.length - 1]"))
    axe = Axe().run(page)
    report["axe"] = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
                     for v in axe.response["violations"] if v["impact"] in ("serious", "critical")]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{(url.strip('/') or 'index').replace('/', '_')}-{scheme}.png"),
                    full_page=True)
    context.close()
    return report


@pytest.fixture
def visit(browser, origin):
    return lambda md, scheme: _visit(browser, origin, page_url(md), scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("md", PAGES)
def test_requests_nothing_outside_the_site(md, scheme, visit):
    assert visit(md, scheme)["external"] == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("md", PAGES)
def test_no_console_or_page_errors(md, scheme, visit):
    r = visit(md, scheme)
    assert (r["console"], r["errors"]) == ([], [])


@pytest.mark.parametrize("md", PAGES)
def test_images_decode_and_have_alt_text(md, visit):
    images = visit(md, "light")["images"]
    assert [i["src"] for i in images if not i["ok"]] == []
    assert [i["src"] for i in images if i["figure"] and not (i["alt"] or "").strip()] == []


@pytest.mark.parametrize("md", PAGES)
def test_no_raw_tex_is_visible(md, visit):
    text = visit(md, "light")["text"]
    assert [t for t in ("\\frac", "$$", "\\(", "\\[", "\\mathbf", "\\sum") if t in text] == []


@pytest.mark.parametrize("md", PAGES)
def test_every_code_block_has_a_copy_button_that_copies_the_snippet(md, visit):
    r = visit(md, "light")
    assert r["copy_buttons"] == r["code_blocks"]
    # What the button copies is exactly the block the test suite runs (test_codeblocks runs each alone).
    expected = [code.rstrip("\n") for code in shown_code(md)]
    assert [c.rstrip("\n") for c in r["copied"]] == expected


@pytest.mark.parametrize("md", PAGES)
def test_color_scheme_follows_the_system_and_figures_sit_on_white(md, visit):
    for scheme, material in (("light", "default"), ("dark", "slate")):
        r = visit(md, scheme)
        assert r["scheme"] == material
        # matplotlib draws dark text on a white figure; the figure keeps a white card in dark mode too.
        assert {i["bg"] for i in r["images"] if i["figure"]} <= {"rgb(255, 255, 255)"}


def test_the_toggle_switches_between_light_and_dark(browser, origin):
    context = browser.new_context(color_scheme="light")
    page = context.new_page()
    page.goto(f"{origin}/terms/softmax/")
    seen = [page.evaluate("document.body.dataset.mdColorScheme")]
    for _ in range(2):
        page.locator("form[data-md-component=palette] label:visible").first.click()
        page.wait_for_timeout(200)
        seen.append(page.evaluate("document.body.dataset.mdColorScheme"))
    context.close()
    assert seen == ["default", "slate", "default"]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("md", PAGES)
def test_no_serious_or_critical_accessibility_violations(md, scheme, visit):
    assert visit(md, scheme)["axe"] == []


@pytest.mark.parametrize("md", PAGES)
def test_page_weight_within_budget(md, visit):
    assert visit(md, "light")["bytes"] <= PAGE_BUDGET


@pytest.mark.parametrize("term", load_terms(DOCS), ids=lambda t: t.slug)
def test_search_finds_each_term_first(term, browser, origin):
    context = browser.new_context()
    page = context.new_page()
    page.goto(f"{origin}/", wait_until="networkidle")
    page.locator(".md-search__input").click()  # the header's search field (desktop width)
    # typed key by key: Material's search reacts to key events, which fill() does not send
    page.locator(".md-search__input").press_sequentially(term.title, delay=20)
    first = page.locator(".md-search-result__item a").first
    first.wait_for(timeout=10000)
    href = first.get_attribute("href")
    context.close()
    assert urlsplit(href).path.rstrip("/").endswith(f"terms/{term.slug}")
