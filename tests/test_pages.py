"""Every page against the site's properties (README: The tests), through the checks of glossary/checks.py (each of which
tests/test_checks_fail.py shows can fail).

P1/P2/P3: the blocks are extracted by pytest-codeblocks' own parser from each page after pymdownx.snippets has
expanded the includes with mkdocs.yml's settings, i.e. as the reader sees them. pytest-codeblocks' runner is
not used (it execs blocks in this process with __name__ == "builtins"): the build ran each block alone in a
fresh child with an empty cache, and the output under each block carries the content key of the code that
produced it, so "the output shown is what this code printed" is checked here, and "it prints the same again"
by the second build (test_build.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import (
    DOCS,
    NOTEBOOK,
    PAGE,
    TERMS,
    block_key,
    built_html,
    built_path,
    built_scan,
    markdown_pages,
    page_blocks,
    site_inventory,
    term_pages,
)

from glossary import checks, inventory

PAGES = [pytest.param(p, id=str(p.relative_to(DOCS))) for p in markdown_pages()]
TERM_PAGES = [pytest.param(p, id=p.stem) for p in term_pages()]
# Notebook pages too, for the checks that read the article (their Markdown cells are prose, their outputs
# are outputs).
ARTICLES = PAGES + ([] if PAGE else [pytest.param(NOTEBOOK, id=NOTEBOOK.name)])


def blocks_of(page):
    rel = page.relative_to(DOCS.parent).as_posix()
    return [b for b in site_inventory().blocks if b.page == rel]


@pytest.mark.parametrize("page", PAGES)
def test_only_plain_python_fences(page):
    """pytest-codeblocks (and the build) execute only fences whose info string is exactly `python`."""
    odd = [b.syntax for b in page_blocks(page) if b.syntax != "python"]
    assert odd == []


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_every_block_is_executed_and_shows_its_own_output(page, build):
    """P1, P3."""
    codes = [b.code for b in page_blocks(page)]
    assert [b.code for b in blocks_of(page)] == [inventory.normalise(c) for c in codes]
    assert checks.blocks_executed(built_scan(build, page), codes, [block_key(c) for c in codes]) == []


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_every_page_with_code_is_a_notebook(page, build):
    """The page as a notebook (tests/test_notebooks.py runs each one)."""
    codes = [b.code for b in page_blocks(page)]
    assert checks.notebook_matches(built_html(build, page), codes, page.stem) == []


@pytest.mark.build
@pytest.mark.parametrize("page", ARTICLES)
def test_math_is_clean_mathml(page, build):
    info = built_scan(build, page)
    assert checks.math(info, built_html(build, page)) == []
    source = page.read_text(encoding="utf-8")
    if "$" in source:
        assert info.math, "the page has $...$ but no MathML"


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_figures_come_from_the_pages_snippets(page, build):
    """P4."""
    assert checks.figures(built_scan(build, page)) == []


# Checks that read a built article: numbers in the prose come from outputs (P6); nothing is loaded from
# another origin (P9).
ARTICLE_CHECKS = {
    "numbers in prose come from outputs": checks.prose_numbers,
    "nothing loaded from outside": checks.external,
}


@pytest.mark.build
@pytest.mark.parametrize("check", list(ARTICLE_CHECKS))
@pytest.mark.parametrize("page", ARTICLES)
def test_article_property(page, check, build):
    assert ARTICLE_CHECKS[check](built_scan(build, page)) == []


@pytest.mark.parametrize("page", TERM_PAGES)
def test_every_term_page_has_exercises(page):
    """Every term page ends its teaching with exercises (README: Adding a term); their form is checked by
    checks.exercises in the template test, and their answers run at build."""
    source = page.read_text(encoding="utf-8")
    assert "## Exercises" in source
    assert checks.exercises(source, blocks_of(page)) == []


@pytest.mark.build
@pytest.mark.parametrize("page", TERM_PAGES)
def test_term_page_follows_the_template(page, build):
    """The page template."""
    assert checks.template(page.read_text(encoding="utf-8"), blocks_of(page)) == []
    assert checks.exercises(page.read_text(encoding="utf-8"), blocks_of(page)) == []
    info = built_scan(build, page)
    assert sum(len(o.figures) for o in info.outputs) >= 1, "no figure drawn by a snippet on the page"
    meta_related = next(t.related for t in TERMS if t.slug == page.stem)
    assert checks.related_links(info, meta_related) == []


@pytest.mark.parametrize("page", TERM_PAGES)
def test_pitfalls_and_conventions_show_their_claims(page):
    """P11 (the light check: see README)."""
    assert checks.claims(page.read_text(encoding="utf-8"), blocks_of(page)) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_placeholder_left(page):
    """`make new-term` writes TODO where the contributor has to write; none may reach the site."""
    texts = [page.read_text(encoding="utf-8"), *(b.code for b in blocks_of(page))]
    assert [t for t in texts if "TODO" in t] == []


@pytest.mark.parametrize(
    "command",
    [["check", "glossary", "snippets", "tests"], ["format", "--check", "glossary", "tests"]],
    ids=["lint", "format"],
)
def test_ruff_finds_nothing(command):
    """ruff lints the build, the snippets (88 columns: a line must fit the page beside both sidebars) and the
    tests, and checks the formatting of the build and the tests (snippets/ruff.toml says why not theirs)."""
    import subprocess
    import sys

    proc = subprocess.run([sys.executable, "-m", "ruff", *command], cwd=DOCS.parent, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout[-4000:] + proc.stderr[-2000:]


def test_every_copy_of_the_names_gpt_is_the_trained_one():
    inv = site_inventory()
    assert [b for b in inv.blocks if "names_gpt.safetensors" in b.code and b.file != "snippets/names-gpt/train.py"]
    assert checks.model_copies(inv.blocks, "snippets/names-gpt/train.py", "names_gpt.safetensors") == []


EXPLORER_BUDGET = 150 * 1024  # all explorer code and data of one page, gzip


@pytest.mark.build
@pytest.mark.parametrize("page", PAGES)
def test_explorer_code_and_data_stay_light(page, build):
    """The inline script and the data it links, as a server would send them (gzip). A page rendered alone
    (PAGE=...) has no downloads folder beside it: its data is read where the build cached it."""
    path = built_path(build, page)

    def read(href: str) -> bytes:
        if (path.parent / href).exists() or not PAGE:
            return (path.parent / href).read_bytes()
        name = Path(href).name
        writer = site_inventory().pages_of(site_inventory().artifacts[name])[0]
        return (build.cache / "artifacts" / block_key(writer.code) / name).read_bytes()

    assert checks.explorer_weight(path.read_text(encoding="utf-8"), EXPLORER_BUDGET, read) == []


# -- What each check catches (glossary/proof.py), copies guarded ------------------------------------------------
def check_blocks(page):
    """The asserting blocks of a term page's "Check against" section."""
    from glossary.checks import ASSERTS, blocks_in

    secs = [s for s in checks.sections(page.read_text(encoding="utf-8")) if s.title.startswith("Check against")]
    return [b for s in secs for b in blocks_in(s, blocks_of(page)) if ASSERTS.search(b.code)]


@pytest.mark.parametrize("page", TERM_PAGES)
def test_every_check_declares_three_caught_errors_and_its_region(page):
    """Every check shows at least three deliberate errors it caught, and marks the code it checks."""
    inv = site_inventory()
    assert checks.checks_declared(check_blocks(page), inv.checks) == []


@pytest.mark.build
@pytest.mark.parametrize("page", TERM_PAGES)
def test_the_page_lists_what_its_checks_caught(page, build):
    """Under each check, the list of its deliberate errors, each with the discrepancy that exposed it."""
    inv = site_inventory()
    html = built_html(build, page)
    for block in check_blocks(page):
        check = inv.check_of(block)
        assert check is not None
        for c in check.caught:
            assert f"<strong>{checks.html_escape(c.name)}</strong>" in html, c.name
    assert html.count('class="caught"') == sum(
        bool(inv.check_of(b) and inv.check_of(b).caught) for b in blocks_of(page)
    )


def test_copies_of_marked_regions_are_identical():
    """A snippet that repeats shown code marks it; every copy equals every other."""
    assert checks.region_copies(site_inventory().blocks) == []


def test_deliberate_errors_patch_the_checked_region():
    assert checks.caught_inside_regions(site_inventory().checks) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_line_is_swallowed_by_a_footnote(page):
    assert checks.swallowed_by_footnotes(page.read_text(encoding="utf-8")) == []


@pytest.mark.build
@pytest.mark.parametrize("page", TERM_PAGES)
def test_a_term_page_says_what_to_read_before_it(page, build):
    """At the top of each term page, one line of links: its prerequisites (front matter), each a page."""
    meta = next(t for t in TERMS if t.slug == page.stem)
    assert meta.prerequisites, "front matter: prerequisites (term slugs, or walkthrough.ipynb)"
    html = built_html(build, page)
    line = html[html.index('class="prerequisites"') :]
    line = line[: line.index("</p>")]
    assert line.count("<a ") == len(meta.prerequisites)
