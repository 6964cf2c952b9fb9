"""Shared fixtures: one strict build per test session, one snippet runner, and the pages' code blocks as
pytest-codeblocks extracts them after pymdownx.snippets has expanded the includes with mkdocs.yml's settings."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import markdown
import pytest
import yaml
from pytest_codeblocks import extract_from_buffer

REPO = Path(__file__).resolve().parents[1]
DOCS = REPO / "docs"
NAMES = DOCS / "names.txt"
sys.path.insert(0, str(REPO))  # the glossary build package, also when it is not pip-installed
sys.path.insert(0, str(Path(__file__).parent))


@dataclass
class Build:
    site: Path
    log: str
    returncode: int
    seconds: float


def mkdocs_build(dest: Path, cache_dir: Path) -> Build:
    """`mkdocs build --strict` (no -q: it would hide warnings) from the repo root, with an empty snippet cache
    so every snippet really runs."""
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(cache_dir), NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=REPO, env=env, capture_output=True, text=True,
    )
    return Build(dest, proc.stdout + proc.stderr, proc.returncode, time.perf_counter() - start)


@pytest.fixture(scope="session")
def build(tmp_path_factory) -> Build:
    b = mkdocs_build(tmp_path_factory.mktemp("build") / "site", tmp_path_factory.mktemp("cache"))
    if b.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{b.log[-6000:]}")
    return b


@pytest.fixture(scope="session")
def runner():
    from glossary.runner import Runner

    with Runner(NAMES) as r:
        yield r


@cache
def mkdocs_config() -> dict:
    # mkdocs.yml uses no custom YAML tags; a plain load keeps this independent of MkDocs' config machinery.
    return yaml.safe_load((REPO / "mkdocs.yml").read_text())


@cache
def snippets_config() -> dict:
    for ext in mkdocs_config()["markdown_extensions"]:
        if isinstance(ext, dict) and "pymdownx.snippets" in ext:
            return dict(ext["pymdownx.snippets"])
    raise AssertionError("mkdocs.yml does not configure pymdownx.snippets")


def markdown_pages() -> list[Path]:
    return sorted(DOCS.rglob("*.md"))


def expand_includes(page: Path) -> str:
    """The page's Markdown with its --8<-- includes expanded by pymdownx.snippets, configured exactly as in
    mkdocs.yml (relative base paths resolve against the repo root, where the build runs)."""
    cfg = snippets_config()
    cwd = os.getcwd()
    os.chdir(REPO)
    try:
        md = markdown.Markdown(extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": cfg})
        lines = md.preprocessors["snippet"].run(page.read_text(encoding="utf-8").split("\n"))
    finally:
        os.chdir(cwd)
    return "\n".join(lines)


@cache
def page_blocks(page: Path):
    return extract_from_buffer(io.StringIO(expand_includes(page)))


def built_html(build: Build, page: Path) -> str:
    rel = page.relative_to(DOCS).with_suffix("")
    path = build.site / ("index.html" if rel.name == "index" else rel / "index.html")
    return path.read_text(encoding="utf-8")
