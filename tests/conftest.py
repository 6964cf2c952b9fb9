"""Shared helpers of the test suite: where the repository, its pages and their blocks are.

The builds a session starts are decided by the markers of its selected tests (tests/build_session.py); the
browser tests' fixtures are in tests/browser_support.py. `make test PAGE=softmax` (GLOSSARY_PAGE) checks one
page: the build is that page's article, rendered on the project's snippet cache (glossary.render); the tests of
other files are deselected and the site-level tests (navigation, index, the walkthrough) skip.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from functools import cache
from pathlib import Path

import pytest
from pytest_codeblocks import extract_from_buffer

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # the glossary build package, also when it is not pip-installed
sys.path.insert(0, str(Path(__file__).parent))
from glossary import checks, inventory, render, site  # noqa: E402 - after the path above

DOCS = REPO / site.load(REPO).docs_dir
NAMES = REPO / site.load(REPO).names_path
NOTEBOOK = DOCS / "walkthrough.ipynb"

# The builds a session starts (build_session) and the browser tests' fixtures (browser_support), each defined
# once for every module.
pytest_plugins = ["build_session", "browser_support"]
from glossary.terms import load_terms  # noqa: E402

PAGE = os.environ.get("GLOSSARY_PAGE", "").strip()
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", GLOSSARY_WORKERS="1")


def page_path(slug: str) -> Path:
    for candidate in (DOCS / "terms" / f"{slug}.md", DOCS / f"{slug}.md", DOCS / slug):
        if candidate.is_file():
            return candidate
    raise pytest.UsageError(f"PAGE={slug}: no docs/terms/{slug}.md or docs/{slug}.md")


def markdown_pages() -> list[Path]:
    if PAGE:
        return [page_path(PAGE)]
    return sorted(DOCS.rglob("*.md"))


def term_pages() -> list[Path]:
    return [p for p in markdown_pages() if p.parent.name == "terms"]


TERMS = load_terms(DOCS)


def build_error(b) -> str:
    """What went wrong, without the build's progress lines: the glossary's one message (snippet file and
    line, page and line, the snippet's traceback) or whatever else MkDocs reported."""
    lines = b.log.splitlines()
    start = next((i for i, ln in enumerate(lines) if "ERROR" in ln or ln.startswith("error:")), 0)
    kept = [ln for ln in lines[start:] if not ln.startswith("INFO") and "Aborted with" not in ln]
    return "\n".join(kept).strip() or b.log[-3000:]


@cache
def site_inventory() -> inventory.Inventory:
    return site.load(REPO).inventory()


def block_key(code: str) -> str:
    """The content key under which the build runs and caches a block (and labels its output)."""
    return site.load(REPO).key(inventory.normalise(code), site_inventory())


@cache
def snippets_config() -> dict:
    for ext in render.mkdocs_config(REPO)["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            return dict(ext["pymdownx.snippets"])
    raise AssertionError("mkdocs.yml does not configure pymdownx.snippets")


def expand_includes(page: Path) -> str:
    """The page's Markdown with its --8<-- includes expanded by pymdownx.snippets, configured exactly as in
    mkdocs.yml (relative base paths resolve against the repo root, where the build runs)."""
    import markdown

    with contextlib.chdir(REPO):
        md = markdown.Markdown(
            extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": snippets_config()}
        )
        lines = md.preprocessors["snippet"].run(page.read_text(encoding="utf-8").split("\n"))
    return "\n".join(lines)


@cache
def page_blocks(page: Path):
    """The page's code blocks as pytest-codeblocks extracts them (what a reader sees, includes expanded)."""
    return extract_from_buffer(io.StringIO(expand_includes(page)))


def built_path(build, page: Path) -> Path:
    """Where MkDocs writes the HTML of a page (docs/x/y.md -> site/x/y/index.html)."""
    if PAGE:
        return build.site / "page.html"
    rel = page.relative_to(DOCS).with_suffix("")  # a notebook docs/x.ipynb is built as site/x/index.html
    return build.site / ("index.html" if rel.name == "index" else rel / "index.html")


def built_html(build, page: Path) -> str:
    return built_path(build, page).read_text(encoding="utf-8")


@cache
def _scan_file(path: Path):
    return checks.parse(path.read_text(encoding="utf-8"), fragment=bool(PAGE))


def built_scan(build, page: Path):
    """The parsed built page (parsed once per session: the built files do not change)."""
    return _scan_file(built_path(build, page))


def site_only(reason: str = "checks the whole built site"):
    """Skipped by `make test PAGE=...`, which builds one page only."""
    return pytest.mark.skipif(bool(PAGE), reason=f"PAGE={PAGE}: {reason}")
