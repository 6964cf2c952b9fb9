"""Shared fixtures.

`make test` executes every snippet and every notebook once: one clean strict build (an empty cache), started
as soon as the session starts, on both cores. `make test-determinism` (CI) starts two clean builds side by
side, one core each, and compares them byte for byte (P7). The build runs each block alone in a fresh child
(glossary.runner), which is the reader's "copy and run" (P2), so no further run is needed.

`make test PAGE=softmax` (GLOSSARY_PAGE=softmax) checks one page instead: it renders that page's article
twice with the site's Markdown extensions (glossary.render), with empty caches, and runs the page-level
checks on it; site-level tests (navigation, index, two whole builds, the walkthrough) are deselected.

If a build fails, test_build.py::test_build_succeeds fails once with the snippet's traceback, and every test
that needs the build is skipped, instead of each of them erroring with the whole build log.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from pytest_codeblocks import extract_from_buffer

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
NAMES = DOCS / "names.txt"
NOTEBOOK = DOCS / "walkthrough.ipynb"
sys.path.insert(0, str(REPO))  # the glossary build package, also when it is not pip-installed
sys.path.insert(0, str(Path(__file__).parent))

from glossary import checks, inventory, render, site  # noqa: E402

# The browser tests' session fixtures (origin, offline_site, scheduled), defined once for both of their modules.
pytest_plugins = ["browser_support"]
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


@dataclass
class Build:
    site: Path  # the built site (full) or a folder with the rendered page (PAGE mode)
    cache: Path
    log: str
    returncode: int
    seconds: float


def _start(i: int, root: Path, workers: int = 1):
    out, cache_dir = root / f"build{i}", root / f"cache{i}"
    out.mkdir()
    env = dict(ENV, GLOSSARY_CACHE_DIR=str(cache_dir), GLOSSARY_WORKERS=str(workers))
    if PAGE:
        page = page_path(PAGE)
        cmd = [sys.executable, "-m", "glossary.render", str(page.relative_to(REPO)), "--out",
               str(out / "page.html")]
    else:
        # No -q: it would hide warnings from the strict counter.
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / "site")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    done: list[Build] = []

    def wait() -> Build:
        if not done:
            log, _ = proc.communicate()
            done.append(Build(out / ("site" if not PAGE else ""), cache_dir, log, proc.returncode,
                              time.perf_counter() - start))
        return done[0]

    wait.stop = lambda: proc.poll() is None and (proc.kill(), proc.communicate())
    return wait


_NEEDS_BUILD = {"flag": False, "second": False}


@pytest.fixture(scope="session", autouse=True)
def _builds_started(tmp_path_factory):
    """The builds start with the session (if a collected test needs them), so the tests that need no build
    run meanwhile; whatever is still running at the end of the session is stopped. Two builds, one core each,
    if a selected test compares them (`make test`); otherwise one, on both cores (`make test-browser`)."""
    if not _NEEDS_BUILD["flag"]:
        yield None
        return
    root = tmp_path_factory.mktemp("builds")
    two = _NEEDS_BUILD["second"]
    waits = [_start(0, root, workers=1 if two else 2)] + ([_start(1, root)] if two else [])
    yield waits
    for wait in waits:
        wait.stop()


@pytest.fixture(scope="session")
def started_builds(_builds_started) -> list[Build]:
    """Every build this session started (one, or two with `make test-determinism`), finished."""
    assert _builds_started is not None, "a test asked for the builds after collection (see _NEEDS_BUILD)"
    return [wait() for wait in _builds_started]


@pytest.fixture(scope="session")
def builds(_builds_started) -> tuple[Build, Build]:
    assert _builds_started is not None, "a test asked for the builds after collection (see _NEEDS_BUILD)"
    assert len(_builds_started) == 2, "a test asked for both builds after collection (see _NEEDS_BUILD)"
    return tuple(wait() for wait in _builds_started)


def build_error(b: Build) -> str:
    """What went wrong, without the build's progress lines: the glossary's one message (snippet file and
    line, page and line, the snippet's traceback) or whatever else MkDocs reported."""
    lines = b.log.splitlines()
    start = next((i for i, ln in enumerate(lines) if "ERROR" in ln or ln.startswith("error:")), 0)
    kept = [ln for ln in lines[start:] if not ln.startswith("INFO") and "Aborted with" not in ln]
    return "\n".join(kept).strip() or b.log[-3000:]


@pytest.fixture(scope="session")
def build(_builds_started) -> Build:
    assert _builds_started is not None, "a test asked for the build after collection (see _NEEDS_BUILD)"
    done = [wait() for wait in _builds_started]
    failed = [b for b in done if b.returncode != 0]
    if failed and len(done) == 2:
        pytest.skip("the build failed: tests/test_build.py::test_build_succeeds says why")
    if failed:  # test_build.py is not selected (make test-browser): every test fails with the reason
        pytest.fail("the build failed:\n" + build_error(failed[0]), pytrace=False)
    return done[0]


@cache
def site_inventory() -> inventory.Inventory:
    return site.load(REPO).inventory()


def block_key(code: str) -> str:
    """The content key under which the build runs and caches a block (and labels its output)."""
    return site.load(REPO).executor().key(inventory.normalise(code), site_inventory())


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
        md = markdown.Markdown(extensions=["pymdownx.snippets"],
                               extension_configs={"pymdownx.snippets": snippets_config()})
        lines = md.preprocessors["snippet"].run(page.read_text(encoding="utf-8").split("\n"))
    return "\n".join(lines)


@cache
def page_blocks(page: Path):
    """The page's code blocks as pytest-codeblocks extracts them (what a reader sees, includes expanded)."""
    return extract_from_buffer(io.StringIO(expand_includes(page)))


def built_path(build: Build, page: Path) -> Path:
    """Where MkDocs writes the HTML of a page (docs/x/y.md -> site/x/y/index.html)."""
    if PAGE:
        return build.site / "page.html"
    rel = page.relative_to(DOCS).with_suffix("")  # a notebook docs/x.ipynb is built as site/x/index.html
    return build.site / ("index.html" if rel.name == "index" else rel / "index.html")


def built_html(build: Build, page: Path) -> str:
    return built_path(build, page).read_text(encoding="utf-8")


@cache
def _scan_file(path: Path):
    return checks.parse(path.read_text(encoding="utf-8"), fragment=bool(PAGE))


def built_scan(build: Build, page: Path):
    """The parsed built page (parsed once per session: the built files do not change)."""
    return _scan_file(built_path(build, page))


@pytest.hookimpl(trylast=True)  # after `-m`/`-k` deselection: count only the tests that will run
def pytest_collection_modifyitems(config, items):
    """`make test PAGE=...` runs the checks of that one page: the build and page tests. The harness's own tests
    (runner, checks that can fail, names.txt script, walkthrough) need no page and run in `make test`.
    The builds are started only if a selected test needs them (`pytest tests/test_names.py` starts none)."""
    if PAGE:
        keep = [i for i in items if i.path.name in ("test_build.py", "test_pages.py")]
        if len(keep) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in keep])
            items[:] = keep
    needs = lambda item: bool({"build", "builds", "started_builds", "copy"} & set(getattr(item, "fixturenames", ())))
    _NEEDS_BUILD["flag"] = any(needs(i) for i in items)
    _NEEDS_BUILD["second"] = any("builds" in getattr(i, "fixturenames", ()) for i in items)
    # The tests that need no build run first, while the builds run (a stable sort keeps the file order).
    items.sort(key=needs)


def pytest_report_collectionfinish(config, items):
    if not _NEEDS_BUILD["flag"]:
        return "builds: none (no selected test needs one)"
    if _NEEDS_BUILD["second"]:
        return "builds: two clean builds side by side, one core each (one inspected, one compared with it)"
    return "builds: one clean build on both cores"


def site_only(reason: str = "checks the whole built site"):
    """Deselected by `make test PAGE=...`, which builds one page only."""
    return pytest.mark.skipif(bool(PAGE), reason=f"PAGE={PAGE}: {reason}")
