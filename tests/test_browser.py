"""The built site in a real browser: Playwright driving Debian's Chromium (`make test-browser`).

Every page of the strict build is served on 127.0.0.1 (gzipped, like any static host) and visited once per
colour scheme, two pages at a time (tests/browser_support.py). Each visit records what the tests below check:
requests to other origins, console and page errors, images and what each displayed figure looks like,
visible raw TeX, copy buttons and what they copy, axe-core violations, bytes loaded. Then the offline copy
(downloads/glossary-offline.zip) is unzipped and every page opened from file://, and every alias of every
term is typed into the search box. Screenshots of every page in both schemes go to screenshots/ (ignored by
git), as JPEG at CSS-pixel scale.

Outside CI, no Chromium means these tests skip with a loud reason; with CI=true it is a failure.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest
from browser_support import (
    IN_CI,
    SCHEDULE,
    axis_text_colours,
    contrast,
    luminance,
    missing_browser_reason,
    results,
    run_all,
)
from conftest import DOCS, NOTEBOOK, PAGE, REPO, markdown_pages, page_blocks

from glossary.terms import load_terms

SCREENSHOTS = REPO / "screenshots"
# Budget for everything a page makes the browser fetch on load, figures (inside the HTML) and the search
# index (fetched by Material's search worker at every load) included, counted as transferred by a server
# that gzips text as every static host does (GitHub Pages, nginx, Netlify). `make bench` prints the figures.
PAGE_BUDGET = 500 * 1024
SCHEMES = ("light", "dark")
REASON = missing_browser_reason()

if REASON and IN_CI:
    # Collected as a failing test rather than a collection error, so the rest of the suite still reports.
    def test_browser_is_available_in_ci():
        pytest.fail(f"CI=true but the browser tests cannot run: {REASON}")


pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(REASON is not None and not IN_CI, reason=f"BROWSER TESTS SKIPPED: {REASON}"),
    pytest.mark.skipif(bool(PAGE), reason=f"PAGE={PAGE}: the browser tests visit the whole built site"),
]


def page_url(md: Path, html_suffix: bool = False) -> str:
    """The page's URL below the site root: directory URLs when served, .html files in the offline copy."""
    rel = md.relative_to(DOCS).with_suffix("").as_posix()
    if html_suffix:
        return f"{rel}.html"
    return "" if rel == "index" else f"{rel.removesuffix('/index')}/"


PAGE_FILES = [*markdown_pages(), NOTEBOOK]
PAGES = [pytest.param(md, id=page_url(md) or "index") for md in PAGE_FILES]


def shown_code(md: Path) -> list[str]:
    """The code a reader can copy from the page: the blocks of a Markdown page, the cells of a notebook."""
    if md.suffix == ".ipynb":
        return [c.source for c in nbformat.read(md, as_version=4).cells if c.cell_type == "code"]
    return [b.code for b in page_blocks(md)]


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

# Every image; for each figure the reader sees (the light or the dark rendering, whichever CSS shows), its
# source and the colour of its background, sampled from the decoded image at its four corners.
IMAGES = """async () => {
  const out = [];
  for (const i of document.images) {
    const shown = i.getClientRects().length > 0 && getComputedStyle(i).display !== 'none';
    const r = {src: i.currentSrc.slice(0, 80), alt: i.getAttribute('alt'), ok: i.complete && i.naturalWidth > 0,
               figure: !!i.closest('.exec-figure'), shown: shown, svg: null, corners: null};
    if (r.figure && shown && r.ok) {
      const c = document.createElement('canvas');
      c.width = i.naturalWidth; c.height = i.naturalHeight;
      const g = c.getContext('2d');
      g.drawImage(i, 0, 0);
      const at = (x, y) => Array.from(g.getImageData(x, y, 1, 1).data);
      const w = c.width - 3, h = c.height - 3;
      r.corners = [at(2, 2), at(w, 2), at(2, h), at(w, h)];
      r.svg = i.currentSrc;
    }
    out.push(r);
  }
  return out;
}"""


async def axe_violations(page, scheme: str, context: dict | None = None) -> list:
    """axe-core's serious and critical violations on the page. Only colours differ between the schemes (the
    same DOM, other CSS variables): every rule in light, the colour rules in dark.

    `context` is axe's: by default the whole page but its highlighted code. Each code token is a <span> whose
    contrast axe would compute one by one, most of its work on a long page; a token's colour comes from its
    class, the same on every page, so the code's colours are checked once per class instead
    (test_code_colours_have_enough_contrast)."""
    from axe_playwright_python.async_playwright import Axe

    options = {"resultTypes": ["violations"]}
    if scheme == "dark":
        options["runOnly"] = {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}
    # Left out, the tokens would still be walked: axe builds its tree of the whole page first. So for the run
    # each highlighted block holds its plain text, and its token <span>s are put back afterwards.
    flatten = context is None
    await page.evaluate(
        """(flatten) => { window.__tokens = !flatten ? [] : [...document.querySelectorAll('.highlight code')].map(
                     c => { const kids = [...c.childNodes]; c.textContent = c.textContent; return [c, kids]; }); }""",
        flatten,
    )
    try:
        axe = await Axe().run(page, context=context or {"exclude": [[".highlight"]]}, options=options)
    finally:
        await page.evaluate("() => window.__tokens.forEach(([c, kids]) => c.replaceChildren(...kids))")
    return [
        (v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5])
        for v in axe.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def names_the_failed_step(use):
    """A visit that fails says where it was: its page and scheme, and the last thing it had recorded before the
    step that failed (Playwright's own message then names the action and the element)."""
    import functools

    @functools.wraps(use)
    async def wrapped(browser, origin: str, md: Path, scheme: str, report: dict | None = None) -> dict:
        report = {} if report is None else report
        try:
            return await use(browser, origin, md, scheme, report)
        except Exception as e:
            after = f"after recording {list(report)[-1]!r}" if report else "before recording anything"
            raise AssertionError(
                f"{use.__name__} of {page_url(md) or 'index'} ({scheme}): a step failed {after}: {e}"
            ) from e

    return wrapped


@names_the_failed_step
async def visit(browser, origin: str, md: Path, scheme: str, report: dict) -> dict:
    context = await browser.new_context(
        color_scheme=scheme, viewport={"width": 1280, "height": 900}, permissions=["clipboard-read", "clipboard-write"]
    )
    await context.add_init_script(CAPTURE_COPIES)
    page = await context.new_page()
    report.update({"external": [], "console": [], "errors": [], "bytes": 0})

    async def route(r):
        if r.request.url.startswith(origin + "/") or r.request.url.startswith("data:"):
            await r.continue_()
        else:
            report["external"].append(r.request.url)
            await r.abort()

    async def on_finished(request):
        if request.url.startswith(origin):
            sizes = await request.sizes()
            report["bytes"] += sizes["responseBodySize"]  # as transferred (gzip)

    await page.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and report["console"].append(m.text))
    page.on("pageerror", lambda e: report["errors"].append(str(e)))
    page.on("requestfinished", on_finished)
    # Material's search worker fetches the index on every load: wait for it, so the byte count is complete.
    async with page.expect_response(lambda r: r.url.endswith("search/search_index.json")):
        await page.goto(f"{origin}/{page_url(md)}", wait_until="load")
    await page.wait_for_timeout(100)  # the last responses' "finished" events
    report["scheme"] = await page.evaluate("document.body.dataset.mdColorScheme")
    report["background"] = await page.evaluate(
        "getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3).map(Number)"
    )
    report["images"] = await page.evaluate(IMAGES)
    report["axe"] = await axe_violations(page, scheme)
    SCREENSHOTS.mkdir(exist_ok=True)
    name = (page_url(md).strip("/") or "index").replace("/", "_")
    # The first screen of the page: a full-page capture of the longest pages costs more than their checks.
    await page.screenshot(path=str(SCREENSHOTS / f"{name}-{scheme}.jpg"), type="jpeg", quality=70, scale="css")
    # Last: a copy shows Material's "Copied" dialog for two seconds, which axe and the screenshot would see.
    if scheme == "light":
        report["text"] = await page.evaluate(VISIBLE_TEXT_OUTSIDE_CODE)
        report["overflow"] = await page.evaluate(OVERFLOW)
        # Markdown pages: Material's copy buttons on code blocks; the notebook: mkdocs-jupyter's, on code cells.
        report["code_blocks"] = await page.locator(
            ".md-content pre:not(.exec-output__text) > code, .md-content .jp-CodeCell .jp-InputArea"
        ).count()
        buttons = page.locator(".md-content button.md-code__button[data-md-type=copy], .md-content clipboard-copy")
        report["copy_buttons"] = await buttons.count()
        # Answers to exercises sit in closed <details>: a reader opens one before copying its code.
        await page.evaluate("document.querySelectorAll('.md-content details').forEach(d => { d.open = true; })")
        # Each button pressed in turn, in one round trip: its click handler writes to the clipboard at once.
        report["copied"] = await page.evaluate(
            """(sel) => [...document.querySelectorAll(sel)].map(b => {
                 window.__copies = []; b.click(); return window.__copies[window.__copies.length - 1];
               })""",
            ".md-content button.md-code__button[data-md-type=copy], .md-content clipboard-copy",
        )
        if None in report["copied"]:  # a handler that copies later: press the buttons as a user would
            report["copied"] = []
            for i in range(report["copy_buttons"]):
                await page.evaluate("window.__copies = []")
                await buttons.nth(i).click()
                await page.wait_for_function("window.__copies.length > 0", timeout=5000)
                report["copied"].append(await page.evaluate("window.__copies[window.__copies.length - 1]"))
    await context.close()
    return report


# What is wider than the content column with nothing to show it. A box that scrolls sideways (overflow-x
# auto or scroll) and is wider than itself must carry scroll-hint.js's class (a visible hint under it, and
# keyboard focus); a box that clips (overflow-x hidden) must not hide content; and nothing else may stick out
# past the column's right edge. Each problem names the element.
OVERFLOW = """() => {
  const root = document.querySelector('.md-content__inner');
  // The column's edge: on a phone Material lets code blocks reach the screen's edges, past the text's margin.
  const edge = document.querySelector('.md-content').getBoundingClientRect().right + 1;
  const name = (el) => el.tagName.toLowerCase() + (el.className && typeof el.className === 'string'
      ? '.' + el.className.trim().split(/\\s+/).join('.') : '') + ' "' + el.textContent.trim().slice(0, 40) + '"';
  const problems = [];
  for (const el of root.querySelectorAll('*')) {
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || el.closest('details:not([open]), .md-dialog'))
      continue;
    const wider = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
    if (['auto', 'scroll'].includes(cs.overflowX)) {
      if (wider && !el.hasAttribute('data-scrolls-sideways')) problems.push('scrolls, no hint: ' + name(el));
      continue;
    }
    if (['hidden', 'clip'].includes(cs.overflowX) && wider && el.clientWidth > 8)
      problems.push('cut: ' + name(el));
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > edge) {
      let p = el.parentElement, inside = false;
      for (; p && p !== root; p = p.parentElement) {
        if (getComputedStyle(p).overflowX !== 'visible') { inside = true; break; }
      }
      if (!inside) problems.push(`sticks out by ${Math.round(r.right - edge)} px: ` + name(el));
    }
  }
  return problems.slice(0, 8);
}"""

PHONE = {"width": 390, "height": 844}

# Each figure as drawn on the phone: its SVG and its width on screen (the tick-label check needs both).
PHONE_FIGURES = """() => [...document.querySelectorAll('.exec-figure img')]
  .filter(i => i.getClientRects().length > 0 && getComputedStyle(i).display !== 'none')
  .map(i => ({svg: i.currentSrc, width: i.getBoundingClientRect().width}))"""


@names_the_failed_step
async def visit_phone(browser, origin: str, md: Path, scheme: str, report: dict) -> dict:
    """The page on a 390 px phone screen, loaded in the light scheme: its figures, what overflows, a
    screenshot; then switched to dark with the header's toggle, as a reader would, for a second screenshot
    (the checks read the light load; the dark scheme's own load is checked at desktop width)."""
    context = await browser.new_context(color_scheme=scheme, viewport=PHONE, is_mobile=True, has_touch=True)
    page = await context.new_page()
    await page.goto(f"{origin}/{page_url(md)}", wait_until="load")
    await page.evaluate("document.fonts.ready")
    await page.wait_for_timeout(50)  # scroll-hint.js marks boxes on load and in the next frame
    report["figures"] = await page.evaluate(PHONE_FIGURES)
    report["overflow"] = await page.evaluate(OVERFLOW)
    SCREENSHOTS.mkdir(exist_ok=True)
    name = (page_url(md).strip("/") or "index").replace("/", "_")
    await page.screenshot(path=str(SCREENSHOTS / f"{name}-phone-{scheme}.jpg"), type="jpeg", quality=70)
    await page.locator("form[data-md-component=palette] label:visible").first.tap()
    await page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'", timeout=5000)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}-phone-dark.jpg"), type="jpeg", quality=70)
    await context.close()
    return report


def every_page_in_both_schemes(visit_one):
    """A schedule entry: visit_one(browser, origin, page, scheme) for every page and scheme."""
    return lambda c: {
        (md, s): (lambda b, md=md, s=s: visit_one(b, c["origin"], md, s)) for md in PAGE_FILES for s in SCHEMES
    }


SCHEDULE["visits"] = every_page_in_both_schemes(visit)


@pytest.fixture(scope="session")
def visits(scheduled) -> dict:
    return results(scheduled, "visits")


@pytest.fixture
def seen(visits):
    def get(md, scheme):
        r = visits[(md, scheme)]
        if isinstance(r, Exception):
            pytest.fail(f"visiting {page_url(md) or 'index'} ({scheme}) failed: {r!r}")
        return r

    return get


SCHEDULE["phone"] = lambda c: {md: (lambda b, md=md: visit_phone(b, c["origin"], md, "light")) for md in PAGE_FILES}


@pytest.fixture(scope="session")
def phone_visits(scheduled) -> dict:
    return results(scheduled, "phone")


# Smallest text a figure may draw on a phone, in CSS pixels (Material's own smallest text, a code
# annotation, is 0.64rem of a 16 px root: about 10 px; a tick label a little under that still reads).
MIN_FIGURE_TEXT_PX = 8.0


def smallest_figure_text(fig: dict) -> float:
    """The smallest text of a figure as drawn, in CSS px: matplotlib writes each text's size in the SVG's
    own units (the viewBox's), which the page scales to the image's width on screen."""
    import re

    svg = base64.b64decode(fig["svg"].split(",", 1)[1]).decode("utf-8")
    view_width = float(re.search(r'viewBox="[\d.]+ [\d.]+ ([\d.]+)', svg)[1])
    sizes = [float(x) for x in re.findall(r"font-size: ?([\d.]+)px", svg)]
    return min(sizes, default=float("inf")) * fig["width"] / view_width


@pytest.mark.parametrize("md", PAGES)
def test_figure_text_is_readable_on_a_phone(md, phone_visits):
    r = phone_visits[md]
    if isinstance(r, Exception):
        pytest.fail(f"visiting {page_url(md) or 'index'} at 390 px failed: {r!r}")
    small = [(i + 1, round(smallest_figure_text(f), 1)) for i, f in enumerate(r["figures"])]
    assert [(i, px) for i, px in small if px < MIN_FIGURE_TEXT_PX] == []


@pytest.mark.parametrize("width", ["phone", "desktop"])
@pytest.mark.parametrize("md", PAGES)
def test_nothing_is_cut_at_the_right_edge_without_a_sign(md, width, phone_visits, seen):
    r = phone_visits[md] if width == "phone" else seen(md, "light")
    if isinstance(r, Exception):
        pytest.fail(f"visiting {page_url(md) or 'index'} at 390 px failed: {r!r}")
    assert r["overflow"] == []


def test_a_terms_definition_shows_on_hover_focus_and_tap(origin):
    """The first term link of the attention page: its summary shows on hover and on keyboard focus (desktop),
    Escape hides it; on a phone a first tap shows it without leaving the page, a second tap follows the link."""
    shown = "e => getComputedStyle(e.parentElement.querySelector('.term__tip')).display !== 'none'"

    async def job(browser):
        got = {}
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        await page.goto(f"{origin}/terms/attention/", wait_until="load")
        link = page.locator(".md-content .term__link").first
        got["before"] = await link.evaluate(shown)
        await link.hover()
        got["hover"] = await link.evaluate(shown)
        await page.mouse.move(0, 0)
        got["away"] = await link.evaluate(shown)
        await link.focus()
        got["focus"] = await link.evaluate(shown)
        await page.keyboard.press("Escape")
        got["escape"] = await link.evaluate(shown)
        got["described"] = await link.evaluate(
            "e => document.getElementById(e.getAttribute('aria-describedby')).textContent"
        )
        await context.close()
        context = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = await context.new_page()
        await page.goto(f"{origin}/terms/attention/", wait_until="load")
        link = page.locator(".md-content .term__link").first
        got["href"] = await link.get_attribute("href")
        await link.scroll_into_view_if_needed()
        await link.tap()
        got["tap"] = await link.evaluate(shown)
        got["tap_url"] = page.url
        got["tip_inside_screen"] = await link.evaluate(
            "e => { const r = e.parentElement.querySelector('.term__tip').getBoundingClientRect();"
            " return r.left >= 0 && r.right <= document.documentElement.clientWidth; }"
        )
        async with page.expect_navigation():
            await link.tap()
        got["second_tap_url"] = page.url
        await context.close()
        return got

    (got,) = run_all([job])
    assert (got["before"], got["hover"], got["away"], got["focus"], got["escape"]) == (False, True, False, True, False)
    assert got["described"] in {s for t in load_terms(DOCS) for s in t.summaries()}
    assert got["tap"] and got["tap_url"].endswith("/terms/attention/") and got["tip_inside_screen"]
    assert got["second_tap_url"].endswith("/terms/" + got["href"].strip("./").split("/")[-1] + "/")


def test_phone_checks_catch_a_shrunk_figure_and_an_unmarked_overflow(origin):
    """The two checks above can fail: a figure squeezed to the phone's column (the stylesheet's rule
    undone) draws its text too small, and a wide box without scroll-hint.js's mark, or one that clips, is
    reported."""

    async def job(browser):
        context = await browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        page = await context.new_page()
        await page.goto(f"{origin}/terms/softmax/", wait_until="load")
        await page.add_style_tag(content=".md-typeset .exec-figure img { width: 100% !important; }")
        figures = await page.evaluate(PHONE_FIGURES)
        await page.evaluate(
            """() => {
                 const marked = document.querySelectorAll('[data-scrolls-sideways]');
                 marked.forEach(e => e.removeAttribute('data-scrolls-sideways'));
                 const p = document.querySelector('.md-content__inner p');
                 p.style.overflowX = 'hidden'; p.style.whiteSpace = 'nowrap'; p.textContent = 'x'.repeat(400);
               }"""
        )
        overflow = await page.evaluate(OVERFLOW)
        await context.close()
        return figures, overflow

    ((figures, overflow),) = run_all([job])
    assert min(smallest_figure_text(f) for f in figures) < MIN_FIGURE_TEXT_PX
    assert any(p.startswith("scrolls, no hint") for p in overflow), overflow
    assert any(p.startswith("cut: p") for p in overflow), overflow


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("md", PAGES)
def test_requests_nothing_outside_the_site(md, scheme, seen):
    assert seen(md, scheme)["external"] == []


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("md", PAGES)
def test_no_console_or_page_errors(md, scheme, seen):
    r = seen(md, scheme)
    assert (r["console"], r["errors"]) == ([], [])


@pytest.mark.parametrize("md", PAGES)
def test_images_decode_and_have_alt_text(md, seen):
    images = seen(md, "light")["images"]
    assert [i["src"] for i in images if not i["ok"]] == []
    assert [i["src"] for i in images if i["figure"] and not (i["alt"] or "").strip()] == []


@pytest.mark.parametrize("md", PAGES)
def test_no_raw_tex_is_visible(md, seen):
    text = seen(md, "light")["text"]
    assert [t for t in ("\\frac", "$$", "\\(", "\\[", "\\mathbf", "\\sum") if t in text] == []


@pytest.mark.parametrize("md", PAGES)
def test_every_code_block_has_a_copy_button_that_copies_the_snippet(md, seen):
    r = seen(md, "light")
    assert r["copy_buttons"] == r["code_blocks"]
    # What the button copies is exactly the block the build runs alone.
    assert [c.rstrip("\n") for c in r["copied"]] == [code.rstrip("\n") for code in shown_code(md)]


@pytest.mark.parametrize("md", PAGES)
def test_color_scheme_follows_the_system(md, seen):
    assert [seen(md, s)["scheme"] for s in SCHEMES] == ["default", "slate"]


def figure_problems(r: dict) -> list[str]:
    """What a figure shown in this scheme gets wrong. In the dark scheme no figure is a light card
    (its background, sampled at the corners, must be dark: luminance under 0.2, where white is 1 and
    the page's slate about 0.015); in both, every axis text has at least 4.5:1 contrast on that background."""
    problems = []
    for i, img in enumerate(f for f in r["images"] if f["figure"] and f["shown"]):
        bg = [sum(c[k] for c in img["corners"]) / 4 for k in range(3)]
        if r["scheme"] == "slate" and luminance(bg) > 0.2:
            problems.append(f"figure {i + 1} is a light card in the dark scheme (background {bg})")
        svg = base64.b64decode(img["svg"].split(",", 1)[1]).decode("utf-8")
        low = sorted({round(contrast(c, bg), 2) for c in axis_text_colours(svg) if contrast(c, bg) < 4.5})
        if low:
            problems.append(f"figure {i + 1}: axis text at contrast {low} on its background {bg}")
    return problems


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("md", PAGES)
def test_figures_follow_the_scheme_with_readable_axes(md, scheme, seen):
    r = seen(md, scheme)
    assert sum(1 for f in r["images"] if f["figure"] and f["shown"]) == sum(1 for f in r["images"] if f["figure"]) / 2
    assert figure_problems(r) == []


def test_figure_checks_catch_a_light_card_and_faint_axis_text():
    """The check above can fail: a white figure in the dark scheme, and light-grey axis text on white."""

    def fig(fill: str, corner: list[int]) -> dict:
        svg = (
            f'<svg xmlns="http://www.w3.org/2000/svg"><g id="matplotlib.axis_1"><text style="fill: {fill}">1'
            "</text></g></svg>"
        )
        return {
            "figure": True,
            "shown": True,
            "corners": [corner + [255]] * 4,
            "svg": "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode(),
        }

    ok = {"scheme": "slate", "images": [fig("#e3e5ec", [30, 32, 41])]}
    assert figure_problems(ok) == []
    assert figure_problems({"scheme": "slate", "images": [fig("#000000", [255, 255, 255])]}) == [
        "figure 1 is a light card in the dark scheme (background [255.0, 255.0, 255.0])"
    ]
    assert figure_problems({"scheme": "default", "images": [fig("#bbbbbb", [255, 255, 255])]}) == [
        "figure 1: axis text at contrast [1.92] on its background [255.0, 255.0, 255.0]"
    ]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("md", PAGES)
def test_no_serious_or_critical_accessibility_violations(md, scheme, seen):
    assert seen(md, scheme)["axe"] == []


def test_accessibility_check_catches_faint_text_and_a_missing_alt(origin):
    """The check above can fail: faint text in either scheme, and (in light, where every rule runs) an image
    without alt text, are reported."""

    async def job(browser, scheme):
        context = await browser.new_context(color_scheme=scheme)
        page = await context.new_page()
        await page.goto(f"{origin}/terms/softmax/", wait_until="load")
        grey = "#444" if scheme == "dark" else "#ccc"
        await page.add_style_tag(content=f".md-typeset p {{ color: {grey} !important; }}")
        await page.evaluate("document.querySelector('.md-content img').removeAttribute('alt')")
        found = {rule for rule, _, _ in await axe_violations(page, scheme)}
        await context.close()
        return found

    light, dark = run_all([lambda b: job(b, "light"), lambda b: job(b, "dark")])
    assert {"color-contrast", "image-alt"} <= light, light
    assert "color-contrast" in dark, dark


CODE_TOKEN = re.compile(r'<span class="([a-z0-9]{1,3})">')


def pages_using_every_code_colour(site: Path) -> dict[str, set[str]]:
    """A few built pages whose highlighted code, together, uses every token class (Pygments' short names:
    k, nf, mi, ...) that any page uses: page URL -> its classes. Greedy: the page with the most classes not yet
    covered, until none is left."""
    found = {}
    for html_file in sorted(site.rglob("*.html")):
        text = html_file.read_text(encoding="utf-8")
        classes = {
            c
            for block in re.findall(r'<div class="highlight"[^>]*>(.*?)</div>', text, re.S)
            for c in CODE_TOKEN.findall(block)
        }
        if classes:
            found[html_file.relative_to(site).as_posix()] = classes
    left, chosen = set().union(*found.values()), {}
    while left:
        url = max(found, key=lambda u: (len(found[u] & left), u))
        chosen[url] = found[url]
        left -= found[url]
    return chosen


@pytest.mark.parametrize("scheme", SCHEMES)
def test_code_colours_have_enough_contrast(scheme, built_site, origin):
    """The highlighted code that the page visits leave out of axe: on the pages that together show every token
    class, in each scheme, axe's colour rules over the code blocks only."""
    chosen = pages_using_every_code_colour(built_site.site)
    assert len(chosen) <= 6, f"{len(chosen)} pages to cover every code colour: {sorted(chosen)}"

    async def job(browser, url):
        context = await browser.new_context(color_scheme=scheme)
        page = await context.new_page()
        await page.goto(f"{origin}/{url}", wait_until="load")
        found = await axe_violations(page, scheme, {"include": [[".highlight"]]})
        await context.close()
        return found

    found = run_all([lambda b, url=url: job(b, url) for url in chosen])
    assert [(url, f) for url, f in zip(chosen, found) if f] == []


def test_code_colour_check_catches_a_faint_token(origin, tmp_path):
    """The check above can fail: a keyword coloured light grey on the code's background is reported (in light,
    the scheme where light grey is faint); and the pages chosen cover every class, a class that only one page
    uses included."""

    async def job(browser):
        context = await browser.new_context(color_scheme="light")
        page = await context.new_page()
        await page.goto(f"{origin}/terms/softmax/", wait_until="load")
        await page.add_style_tag(content=".highlight .k, .highlight .kn { color: #dddddd !important; }")
        found = {rule for rule, _, _ in await axe_violations(page, "light", {"include": [[".highlight"]]})}
        await context.close()
        return found

    (found,) = run_all([job])
    assert "color-contrast" in found, found
    for name, classes in {"a": "k n mi", "b": "k n", "c": "nf", "d": "k sd"}.items():
        spans = "".join(f'<span class="{c}">x</span>' for c in classes.split())
        (tmp_path / f"{name}.html").write_text(f'<div class="highlight"><pre>{spans}</pre></div>')
    chosen = pages_using_every_code_colour(tmp_path)
    assert set().union(*chosen.values()) == {"k", "n", "mi", "nf", "sd"} and "b.html" not in chosen


@pytest.mark.parametrize("md", PAGES)
def test_page_weight_within_budget(md, seen):
    assert seen(md, "light")["bytes"] <= PAGE_BUDGET


def test_the_toggle_switches_between_light_and_dark(origin):
    async def job(browser):
        context = await browser.new_context(color_scheme="light")
        page = await context.new_page()
        await page.goto(f"{origin}/terms/softmax/")
        seen = [await page.evaluate("document.body.dataset.mdColorScheme")]
        for _ in range(2):
            await page.locator("form[data-md-component=palette] label:visible").first.click()
            await page.wait_for_timeout(200)
            seen.append(await page.evaluate("document.body.dataset.mdColorScheme"))
        await context.close()
        return seen

    assert run_all([job]) == [["default", "slate", "default"]]


# -- search: every alias puts its page first ---------------------------------------------------------------
TERMS = load_terms(DOCS)
ALIASES = [(t.slug, alias) for t in TERMS for alias in dict.fromkeys([t.title, *t.aliases])]


async def search_all(browser, url: str, queries: list[tuple[str, str]], suffix: str = "/") -> dict:
    """Put each query into Material's search box (then a key press: it searches on key events) and record where
    the first result points. Between queries the box is emptied and the results are seen to clear."""
    context = await browser.new_context()
    page = await context.new_page()
    await page.goto(url, wait_until="load")
    box = page.locator(".md-search__input")
    await box.click()
    found = {}
    for slug, query in queries:
        await box.fill("")
        await page.wait_for_function("!document.querySelector('.md-search-result__item')", timeout=10000)
        await box.fill(query)
        await box.press("End")  # a key event: Material searches on key events, which fill() does not send
        first = page.locator(".md-search-result__item a").first
        await first.wait_for(timeout=10000)
        want = f"terms/{slug}{suffix}"
        try:  # results may still be those of a shorter prefix of the query: wait for them to settle
            await page.wait_for_function(
                "(w) => { const a = document.querySelector('.md-search-result__item a');"
                " return a && new URL(a.href).pathname.endsWith(w); }",
                arg=want,
                timeout=3000,
            )
        except Exception:  # noqa: BLE001 - recorded: the test says which page came first instead
            pass
        found[(slug, query)] = urlsplit(await first.get_attribute("href")).path
    await context.close()
    return found


SCHEDULE["aliases"] = lambda c: {
    i: (lambda b, q=q: search_all(b, f"{c['origin']}/", q))
    for i, q in enumerate((ALIASES[: len(ALIASES) // 2], ALIASES[len(ALIASES) // 2 :]))
}


@pytest.fixture(scope="session")
def alias_results(scheduled) -> dict:
    out = {}
    for part in results(scheduled, "aliases").values():
        if isinstance(part, Exception):
            pytest.fail(f"searching failed: {part!r}")
        out.update(part)
    return out


@pytest.mark.parametrize(("slug", "alias"), ALIASES, ids=[f"{s}:{a}" for s, a in ALIASES])
def test_search_puts_the_page_first_for_each_alias(slug, alias, alias_results):
    assert alias_results[(slug, alias)].rstrip("/").endswith(f"terms/{slug}")


# -- the offline copy: unzipped, opened from file:// ------------------------------------------------------
async def visit_offline(browser, root: Path, md: Path) -> dict:
    context = await browser.new_context()
    page = await context.new_page()
    report: dict = {"external": [], "errors": [], "missing": []}
    page.on("console", lambda m: m.type == "error" and report["errors"].append(m.text))
    page.on("pageerror", lambda e: report["errors"].append(str(e)))
    page.on(
        "request",
        lambda r: r.url.split(":", 1)[0] not in ("file", "data", "blob", "about") and report["external"].append(r.url),
    )
    page.on("requestfailed", lambda r: report["missing"].append(r.url))
    url = (root / page_url(md, html_suffix=True)).as_uri()
    await page.goto(url, wait_until="load")
    report["math"] = await page.locator("math").count()
    report["images_broken"] = await page.evaluate(
        "[...document.images].filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src.slice(0, 80))"
    )
    # Every link inside the site must name a file of the copy (no directory URLs from disk).
    links = await page.evaluate(
        "[...document.querySelectorAll('a[href]')].map(a => a.href).filter(h => h.startsWith('file:'))"
    )
    # (The home page's link to the offline zip itself is the one exception: the copy does not contain itself.)
    report["dead_links"] = sorted(
        {
            h
            for h in links
            if not Path(unquote(urlsplit(h).path)).is_file() and not h.endswith("downloads/glossary-offline.zip")
        }
    )
    await context.close()
    return report


SCHEDULE["offline"] = lambda c: {md: (lambda b, md=md: visit_offline(b, c["offline_site"], md)) for md in PAGE_FILES}


@pytest.fixture(scope="session")
def offline_visits(scheduled) -> dict:
    return results(scheduled, "offline")


@pytest.mark.parametrize("md", PAGES)
def test_offline_copy_opens_from_disk_without_errors(md, offline_visits):
    r = offline_visits[md]
    assert not isinstance(r, Exception), repr(r)
    assert (r["errors"], r["external"], r["missing"], r["images_broken"], r["dead_links"]) == ([], [], [], [], [])
    if "$" in (md.read_text(encoding="utf-8") if md.suffix == ".md" else ""):
        assert r["math"] > 0


def test_offline_search_finds_terms_from_disk(offline_site):
    queries = [("fine-tuning", "LoRA"), ("positional-encoding", "RoPE"), ("softmax", "Softmax")]
    found = run_all([lambda b: search_all(b, (offline_site / "index.html").as_uri(), queries, ".html")])[0]
    assert not isinstance(found, Exception), repr(found)
    assert {k: v.endswith(f"terms/{k[0]}.html") for k, v in found.items()} == {q: True for q in queries}


def test_a_failed_visit_names_its_page_and_its_last_step():
    """names_the_failed_step, without a browser: the failure says which page, which scheme, how far it got."""
    import asyncio

    async def broken(browser, origin, md, scheme, report):
        report["scheme"] = scheme
        raise TimeoutError("locator.click: Timeout 30000ms exceeded")

    with pytest.raises(AssertionError, match=r"broken of terms/softmax/ \(dark\): a step failed after recording "):
        asyncio.run(names_the_failed_step(broken)(None, "", DOCS / "terms" / "softmax.md", "dark"))


FIGURE_LINKS = """() => [...document.querySelectorAll('.exec-figure__link')].map(a => {
    const img = [...a.closest('.exec-figure__map').querySelectorAll('img')]
      .find(i => getComputedStyle(i).display !== 'none');
    a.scrollIntoView({block: 'center', inline: 'center'});
    const r = a.getBoundingClientRect(), f = img.getBoundingClientRect();
    const pct = k => parseFloat(a.style[k]) / 100;
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return {href: a.getAttribute('href'), name: a.textContent.trim(),
            // how far the link lies from where its part is drawn, in CSS pixels (left, top, width, height)
            off: [r.left - (f.left + pct('left') * f.width), r.top - (f.top + pct('top') * f.height),
                  r.width - pct('width') * f.width, r.height - pct('height') * f.height],
            hit: hit === a || a.contains(hit)};
  })"""


def figure_link_problems(links: list[dict]) -> list[str]:
    """A figure link must lie over its part of the image (to 1.5 CSS pixels) and be the element a click there
    reaches."""
    return [
        f"{x['name']}: off by {[round(o, 1) for o in x['off']]} px" + ("" if x["hit"] else ", covered")
        for x in links
        if max(abs(o) for o in x["off"]) > 1.5 or not x["hit"]
    ]


def test_the_names_gpt_diagrams_boxes_open_their_pages(origin):
    """Each box of the names GPT's diagram is a link to its page, lying over the box at desktop and phone
    width in both schemes; a click (desktop) and a tap (phone) on the attention box open the attention page."""

    async def job(browser):
        got = {}
        for width, options in [
            ("desktop", {"viewport": {"width": 1280, "height": 900}}),
            ("phone", {"viewport": PHONE, "is_mobile": True, "has_touch": True}),
        ]:
            for scheme in SCHEMES:
                context = await browser.new_context(**options, color_scheme=scheme)
                page = await context.new_page()
                await page.goto(f"{origin}/names-gpt/", wait_until="load")
                got[width, scheme] = await page.evaluate(FIGURE_LINKS)
                if scheme == "light":
                    box = page.locator(".exec-figure__link", has_text="attention")
                    async with page.expect_navigation():
                        await (box.tap() if width == "phone" else box.click())
                    got[width, "opened"] = page.url
                await context.close()
        return got

    (got,) = run_all([job])
    for width in ("desktop", "phone"):
        for scheme in SCHEMES:
            links = got[width, scheme]
            assert [x["name"] for x in links] == ["tokenizer", "embedding", "attention", "feed forward", "logits"]
            assert [x["href"] for x in links] == [
                f"../terms/{s}/" for s in ("tokenizer", "embedding", "attention", "feed-forward", "logits")
            ]
            assert figure_link_problems(links) == [], (width, scheme)
        assert got[width, "opened"].endswith("/terms/attention/")


def test_figure_link_check_catches_a_link_beside_its_box(origin):
    """The check above can fail: anything in the box around the images that moves the image and not the links
    (here a margin of 2 rem above it, as a caption or a label inside the box would add) is reported."""

    async def job(browser):
        context = await browser.new_context(viewport={"width": 1280, "height": 900})
        page = await context.new_page()
        await page.goto(f"{origin}/names-gpt/", wait_until="load")
        await page.add_style_tag(content=".md-typeset .exec-figure__map img { margin-top: 2rem !important; }")
        links = await page.evaluate(FIGURE_LINKS)
        await context.close()
        return links

    (links,) = run_all([job])
    assert len(figure_link_problems(links)) == 5, links
