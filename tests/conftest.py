"""Shared fixtures: one strict build per test session, one snippet runner, and the pages' code blocks as
pytest-codeblocks extracts them after pymdownx.snippets has expanded the includes with mkdocs.yml's settings."""

from __future__ import annotations

import io
import os
import shutil
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
NOTEBOOK = DOCS / "walkthrough.ipynb"
sys.path.insert(0, str(REPO))  # the glossary build package, also when it is not pip-installed
sys.path.insert(0, str(Path(__file__).parent))


@dataclass
class Build:
    site: Path
    log: str
    returncode: int
    seconds: float


def start_build(dest: Path, cache_dir: Path):
    """`mkdocs build --strict` (no -q: it would hide warnings) from the repo root, with an empty snippet cache
    so every snippet really runs. Returns a function that waits for it."""
    env = dict(os.environ, GLOSSARY_CACHE_DIR=str(cache_dir), NO_MKDOCS_2_WARNING="1")
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )

    def wait() -> Build:
        log, _ = proc.communicate()
        return Build(dest, log, proc.returncode, time.perf_counter() - start)

    return wait


@pytest.fixture(scope="session")
def executed(tmp_path_factory):
    """All the snippet work of the session at once, sharing the two cores: two clean builds (the first is
    the one the tests inspect, the second is compared with it byte for byte, P7) and, meanwhile, every code
    block run alone on two runners (P2, P3)."""
    waits = [start_build(tmp_path_factory.mktemp(f"build{i}") / "site", tmp_path_factory.mktemp(f"cache{i}"))
             for i in range(2)]
    notebook = start_walkthrough(tmp_path_factory.mktemp("reader"))
    from glossary.runner import Runner

    runners = [Runner(NAMES), Runner(NAMES)]
    runs = run_all([(block_id(page, block), block.code) for page, block in all_blocks()], runners)
    runners[1].close()
    return (waits[0](), waits[1]()), runs, notebook(), runners[0]


def start_walkthrough(folder: Path):
    """The walkthrough notebook run as a reader runs it: alone with names.txt in a folder, a fresh kernel."""
    shutil.copy(NOTEBOOK, folder / NOTEBOOK.name)
    shutil.copy(NAMES, folder / "names.txt")
    out = folder / "executed.ipynb"
    proc = subprocess.Popen(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", NOTEBOOK.name,
         "--output", out.name, "--ExecutePreprocessor.timeout=120", "--ExecutePreprocessor.kernel_name=python3"],
        cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )

    def wait():
        proc.stderr_text = proc.communicate()[1]
        return proc, out

    return wait


@pytest.fixture(scope="session")
def walkthrough_run(executed):
    return executed[2]


@pytest.fixture(scope="session")
def builds(executed) -> tuple[Build, Build]:
    return executed[0]


@pytest.fixture(scope="session")
def fresh_runs(executed) -> dict:
    """Every block's result when run alone, keyed by block_id()."""
    return executed[1]


@pytest.fixture(scope="session")
def build(builds) -> Build:
    b = builds[0]
    if b.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{b.log[-6000:]}")
    return b


@pytest.fixture(scope="session")
def runner(executed):
    """A runner whose worker has already imported torch (one of the two that ran every block)."""
    yield executed[3]
    executed[3].close()


def run_all(items: list[tuple[str, str]], runners) -> dict:
    """Run (key, code) pairs on the runners at once (each a worker process forking per snippet)."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(len(runners)) as pool:
        futures = {key: pool.submit(runners[i % len(runners)].run, code, key)
                   for i, (key, code) in enumerate(items)}
        return {key: f.result() for key, f in futures.items()}


@cache
def mkdocs_config() -> dict:
    """mkdocs.yml as MkDocs reads it (its loader resolves the !ENV tags), without validating it."""
    from mkdocs.utils.yaml import get_yaml_loader

    return yaml.load((REPO / "mkdocs.yml").read_text(), Loader=get_yaml_loader())


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


def all_blocks():
    return [(page, block) for page in markdown_pages() for block in page_blocks(page)]


def block_id(page: Path, block) -> str:
    return f"{page.relative_to(DOCS)}:{block.lineno}"


def built_path(build: Build, page: Path) -> Path:
    """Where MkDocs writes the HTML of a page (docs/x/y.md -> site/x/y/index.html)."""
    rel = page.relative_to(DOCS).with_suffix("")
    return build.site / ("index.html" if rel.name == "index" else rel / "index.html")


def built_html(build: Build, page: Path) -> str:
    return built_path(build, page).read_text(encoding="utf-8")


@cache
def _scan_file(path: Path):
    from glossary.htmlscan import scan

    return scan(path.read_text(encoding="utf-8"))


def built_scan(build: Build, page: Path):
    """The parsed built page (parsed once per session: the built files do not change)."""
    return _scan_file(built_path(build, page))
