"""Properties of the built site as a whole (GUIDE §2: P6, P7, P8, P9; the glossary's index, nav, tooltips)."""

from __future__ import annotations

import filecmp
import re

import pytest
from conftest import DOCS, REPO, built_html, built_scan, markdown_pages, page_blocks
from glossary.htmlscan import css_urls, is_external, scan

from glossary.terms import load_terms

TERMS = load_terms(DOCS)
TERM_PAGES = [DOCS / "terms" / f"{t.slug}.md" for t in TERMS]
TEMPLATE = [  # GUIDE §1, in order; a heading may say more ("Plot: temperature", "Check against a library")
    "Definition", "The math", "From scratch", "Check against", "Plot", "PyTorch-isms and pitfalls",
    "Conventions", "In real models", "Related terms", "References",
]


def test_strict_build_has_no_warnings(build):
    lines = [ln for ln in build.log.splitlines() if "WARNING" in ln or "ERROR" in ln]
    assert lines == []


def test_two_clean_builds_are_identical(build, builds):
    """P7: a second build from an empty snippet cache gives byte-identical files."""
    second = builds[1]
    assert second.returncode == 0, second.log[-3000:]
    cmp = filecmp.dircmp(build.site, second.site)
    differing = []

    def walk(c, prefix=""):
        differing.extend(prefix + f for f in c.diff_files + c.left_only + c.right_only + c.funny_files)
        for name, sub in c.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(cmp)
    # dircmp compares shallowly by stat first; compare the contents of everything for real.
    for path in build.site.rglob("*"):
        if path.is_file():
            other = second.site / path.relative_to(build.site)
            if other.is_file() and path.read_bytes() != other.read_bytes():
                differing.append(str(path.relative_to(build.site)))
    assert sorted(set(differing)) == []


def all_built_files(build, suffix):
    return sorted(build.site.rglob(f"*{suffix}"))


def test_no_page_loads_anything_from_outside(build):
    """P9: no script, style, font or image from another origin (links to papers are fine: not loaded)."""
    offenders = []
    for html_file in all_built_files(build, ".html"):
        for url in scan(html_file.read_text(encoding="utf-8")).resources:
            if is_external(url):
                offenders.append(f"{html_file.relative_to(build.site)}: {url}")
    for css_file in all_built_files(build, ".css"):
        for url in css_urls(css_file.read_text(encoding="utf-8")):
            if is_external(url):
                offenders.append(f"{css_file.relative_to(build.site)}: {url}")
    assert offenders == []


def test_no_web_fonts_no_math_javascript(build):
    for html_file in all_built_files(build, ".html"):
        html = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert "mathjax" not in html.lower() and "katex" not in html.lower(), html_file


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_math_is_typeset_at_build_time(page, build):
    source = page.read_text(encoding="utf-8")
    html = built_html(build, page)
    info = built_scan(build, page)
    formulas = len(re.findall(r"\$\$.+?\$\$", source, re.S)) + len(re.findall(r"(?<![\$\\])\$[^$\n]+\$", source))
    assert info.math >= formulas
    assert "arithmatex" not in html
    for raw in ("\\(", "\\[", "$$", "\\frac"):
        assert raw not in info.prose, f"raw TeX {raw!r} visible on the page"


def test_index_is_the_glossary_table(build):
    html = (build.site / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table"):html.index("</table>")]
    for t in TERMS:
        assert f'href="terms/{t.slug}/"' in table, t.slug
        assert t.summary in scan(table).prose, t.slug


def test_navigation_lists_every_term(build):
    html = (build.site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"'):]
    for t in TERMS:
        assert f'href="terms/{t.slug}/"' in nav, t.slug


def test_tooltips_carry_the_front_matter_summary(build):
    """One source for the sentence: every <abbr> title is a term's summary, and each term's tooltip appears on
    some page other than its own."""
    summaries = {t.summary for t in TERMS}
    seen_elsewhere = set()
    for page in markdown_pages():
        for text, title in built_scan(build, page).abbrs:
            assert title in summaries, (page, text, title)
            for t in TERMS:
                if t.summary == title and page.stem != t.slug:
                    seen_elsewhere.add(t.slug)
    assert seen_elsewhere == {t.slug for t in TERMS}


def test_names_txt_is_downloadable_from_the_data_page(build):
    assert (build.site / "names.txt").read_bytes() == (DOCS / "names.txt").read_bytes()
    data_page = scan((build.site / "data" / "index.html").read_text(encoding="utf-8"))
    assert "../names.txt" in data_page.links
    assert "public domain" in data_page.prose and "MIT" in data_page.prose


@pytest.mark.parametrize("page", TERM_PAGES, ids=lambda p: p.stem)
def test_term_page_follows_the_template(page, build):
    headings = re.findall(r"^## (.+)$", page.read_text(encoding="utf-8"), re.M)
    positions = []
    for section in TEMPLATE:
        found = [i for i, h in enumerate(headings) if h.startswith(section)]
        assert found, f"section {section!r} missing"
        positions.append(found[0])
    assert positions == sorted(positions), "sections out of template order"
    blocks = page_blocks(page)
    assert any("assert" in b.code for b in blocks), "no check against PyTorch asserts anything"
    info = built_scan(build, page)
    assert sum(len(o.figures) for o in info.outputs) >= 1, "no figure drawn by a snippet on the page"
    assert all(alt for alt, _ in info.images if _.startswith("data:image/svg")), "a figure without alt text"
    slug_links = {t.slug for t in TERMS if any(f"../{t.slug}/" == h for h in info.links)}
    meta_related = next(t.related for t in TERMS if t.slug == page.stem)
    assert set(meta_related) <= slug_links, "a related term of the front matter is not linked"


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_decimal_numbers_in_prose_come_from_outputs(page, build):
    """P6: a measured-looking number in the text (one with a decimal point) appears in an output of the
    same page, so it was produced by running code. Version numbers (a.b.c) and references are not data."""
    info = built_scan(build, page)
    prose = info.prose.split("References")[0]
    outputs = " ".join(o.text for o in info.outputs)
    numbers = re.findall(r"(?<![\w.])(\d+\.\d+)(?![\w.]*\d)", prose)
    missing = [n for n in numbers if n not in outputs]
    assert missing == []


def test_snippet_lines_fit_the_page():
    """Lines over 88 characters (black's limit) scroll sideways in the content column."""
    long_lines = [
        f"{path.relative_to(REPO)}:{n}"
        for path in sorted((REPO / "snippets").rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if len(line) > 88
    ]
    assert long_lines == []
