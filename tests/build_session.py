"""The builds a test session starts, decided by the markers of the tests it selected.

- ``@pytest.mark.build``: the test reads the built site (the ``build`` fixture): one strict build on both cores
  on the project's snippet cache (.cache/snippets, or GLOSSARY_CACHE_DIR), so only the blocks whose content
  key changed run again (in a fresh clone: all of them). It starts when the session starts, so the tests that
  need no build run meanwhile.
- ``@pytest.mark.determinism``: the test reads a clean build (``clean_build``): one build on both cores from an
  empty cache, so every block runs. It proves that every page builds from nothing; the test that kills a second
  build from nothing at random points compares its bytes with this one's.
- ``@pytest.mark.browser``: the browser tests read the build too (on the project's cache, like ``build``), or
  the build the last session kept, if it was built from the files as they are now (below).

Every full build on the project's cache is kept beside it (.cache/last-build) with a digest of the files it was
built from, the package versions and the build's settings, and marked clean if it found that cache empty
(`make test` in a fresh clone, as in CI). While the digest matches, a session of browser tests only reads the
kept build, and `make test-determinism` uses a kept clean one as its clean build. `make test` always builds:
it tests the build itself.

`make test PAGE=softmax` (GLOSSARY_PAGE) renders that one page's article (glossary.render) instead of the
site, on the project's cache too. A build that fails is reported once, by
tests/test_build.py::test_build_succeeds, with the snippet's file, line and traceback; the other tests that
need it skip. A test that asks for a build without its marker
fails at once and says so.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import ENV, PAGE, REPO, page_path

BUILD_MARKERS = ("build", "browser", "determinism")


@dataclass
class Build:
    site: Path  # the built site (full) or a folder with the rendered page (PAGE mode)
    cache: Path
    runs: Path  # what the build executed (glossary.execute.runs_file)
    clean: bool  # built from an empty cache: every block ran
    log: str
    returncode: int
    seconds: float


def project_cache() -> Path:
    """The snippet cache `mkdocs build` and `make serve` use (mkdocs.yml's cache_dir, or GLOSSARY_CACHE_DIR)."""
    from glossary import site

    return Path(os.environ.get("GLOSSARY_CACHE_DIR") or REPO / site.load(REPO).cache_dir)


def kept_folder() -> Path:
    """Where the last full build on the project's cache is kept: beside that cache (so a session on a cache of
    its own, as the bench's, keeps its build there)."""
    return project_cache().parent / "last-build"


def digested_files() -> list[str] | None:
    """The files a build can read: every file git knows of (tracked, or new and not ignored) but the tests;
    None outside a git checkout."""
    try:
        listed = subprocess.run(
            ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=REPO, capture_output=True, check=True
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    names = sorted(n.decode() for n in listed.split(b"\0") if n)
    return [n for n in names if not n.startswith("tests/") and (REPO / n).is_file()]


# Settings a build reads from the environment (mkdocs.yml's !ENV and the hooks): part of the digest.
BUILD_ENV = ("GLOSSARY_PROOFS", "GLOSSARY_SEARCH", "GLOSSARY_OFFLINE")


def sources_digest() -> str | None:
    """A digest of those files, of every installed package's version, of Python's, and of the settings a
    build takes from the environment."""
    from importlib import metadata

    names = digested_files()
    if names is None:
        return None
    packages = sorted(f"{d.metadata['Name']}=={d.version}" for d in metadata.distributions())
    digest = hashlib.sha256("\n".join([sys.version, *packages]).encode())
    digest.update(repr([(k, ENV.get(k)) for k in BUILD_ENV]).encode())
    for name in names:
        digest.update(name.encode() + b"\0" + hashlib.sha256((REPO / name).read_bytes()).digest())
    return digest.hexdigest()


def kept_build(clean: bool = False) -> Build | None:
    """The build a session kept (a clean one, if `clean`), if it was built from the files as they are now."""
    kept = kept_folder()
    if not (kept / "digest").is_file() or (kept / "digest").read_text() != sources_digest():
        return None
    was_clean = (kept / "clean").is_file()
    if clean and not was_clean:
        return None
    return Build(kept / "site", kept, kept / "runs.json", was_clean, (kept / "log").read_text(), 0, 0.0)


def _keep(build: Build, digest: str | None) -> None:
    """Copy the build beside the kept one, then swap it in: a session reading the kept build meanwhile, or
    another keeping its own, never sees a half-copied folder (its digest is written last)."""
    kept = kept_folder()
    if digest is None or digest != sources_digest():  # a file changed while it built: it is not kept
        return
    new = kept.with_name(f"{kept.name}.{os.getpid()}.new")
    old = kept.with_name(f"{kept.name}.{os.getpid()}.old")
    shutil.rmtree(new, ignore_errors=True)
    shutil.copytree(build.site, new / "site")
    shutil.copy(build.runs, new / "runs.json")
    (new / "log").write_text(build.log)
    if build.clean:
        (new / "clean").write_text("built from an empty cache")
    (new / "digest").write_text(digest)
    if kept.exists():
        os.replace(kept, old)
    os.replace(new, kept)
    shutil.rmtree(old, ignore_errors=True)


def _start(i: int, root: Path, workers: int = 1, clean: bool = True):
    out = root / f"build{i}"
    cache_dir = root / f"cache{i}" if clean else project_cache()
    # A full build on the project's cache is kept; it is clean too if that cache is empty (a fresh clone).
    keep = not clean and not PAGE
    empty = keep and not (cache_dir.is_dir() and any(cache_dir.iterdir()))
    digest = sources_digest() if keep else None
    out.mkdir()
    runs_file = root / f"runs{i}.json"  # what this build ran, whoever else builds on the same cache
    env = dict(ENV, GLOSSARY_CACHE_DIR=str(cache_dir), GLOSSARY_WORKERS=str(workers), GLOSSARY_RUNS_FILE=str(runs_file))
    if PAGE:
        page = page_path(PAGE)
        cmd = [sys.executable, "-m", "glossary.render", str(page.relative_to(REPO)), "--out", str(out / "page.html")]
    else:
        # No -q: it would hide warnings from the strict counter.
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out / "site")]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

    done: list[Build] = []

    def wait() -> Build:
        if not done:
            log, _ = proc.communicate()
            done.append(
                Build(
                    out / ("site" if not PAGE else ""),
                    cache_dir,
                    runs_file,
                    clean or empty,
                    log,
                    proc.returncode,
                    time.perf_counter() - start,
                )
            )
            if keep and proc.returncode == 0:
                _keep(done[0], digest)
        return done[0]

    wait.stop = lambda: proc.poll() is None and (proc.kill(), proc.communicate())
    return wait


def _needs(item) -> str | None:
    """'clean', 'one', 'read' or None: what a selected test needs, from its markers."""
    if item.get_closest_marker("determinism"):
        return "clean"
    if item.get_closest_marker("browser"):
        return "read"
    if any(item.get_closest_marker(m) for m in BUILD_MARKERS):
        return "one"
    return None


PLAN = {"build": None}  # None, "one" (on the project's cache) or "clean" (from an empty cache)


@pytest.hookimpl(trylast=True)  # after `-m`/`-k` deselection: count only the tests that will run
def pytest_collection_modifyitems(config, items):
    """`make test PAGE=...` runs the checks of that one page: the build and page tests. The builds are started
    only if a selected test is marked as needing them; those tests run last, the others while they build."""
    if PAGE:
        # (and `make test-notebooks PAGE=...` runs that page's notebook)
        keep = [i for i in items if i.path.name in ("test_build.py", "test_pages.py", "test_notebooks.py")]
        if len(keep) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in keep])
            items[:] = keep
    needs = [_needs(i) for i in items]
    PLAN["build"] = next((n for n in ("clean", "one", "read") if n in needs), None)
    items.sort(key=lambda i: _needs(i) is not None)  # a stable sort keeps the file order


def pytest_report_collectionfinish(config, items):
    return {
        None: "builds: none (no selected test needs one)",
        "one": "builds: one build on both cores, on the project's snippet cache",
        "read": "builds: one build on both cores, on the project's snippet cache (or the kept one, if current)",
        "clean": "builds: one clean build on both cores, from an empty snippet cache",
    }[PLAN["build"]]


@pytest.fixture(scope="session", autouse=True)
def _builds_started(tmp_path_factory):
    """The build starts with the session; if it is still running at its end, it is stopped."""
    if not PLAN["build"]:
        yield []
        return
    kept = kept_build(clean=True) if PLAN["build"] == "clean" else kept_build() if PLAN["build"] == "read" else None
    if kept is not None:
        yield [lambda: kept]
        return
    waits = [_start(0, tmp_path_factory.mktemp("builds"), workers=2, clean=PLAN["build"] == "clean")]
    yield waits
    for wait in waits:
        wait.stop()


def _marked(request, *markers: str) -> None:
    node = request.node
    if node.get_closest_marker is not None and not any(node.get_closest_marker(m) for m in markers):
        pytest.fail(f"{node.nodeid} uses the build but is not marked @pytest.mark.{markers[0]}", pytrace=False)


@pytest.fixture
def started_builds(_builds_started, request) -> list[Build]:
    """The build this session started, finished, in a list (empty if it started none)."""
    _marked(request, *BUILD_MARKERS)
    done = [wait() for wait in _builds_started]
    if (
        any(b.returncode != 0 for b in done)
        and SELECTED["test_build_succeeds"]
        and request.node.originalname != "test_build_succeeds"
    ):
        pytest.skip("the build failed: tests/test_build.py::test_build_succeeds says why")
    return done


@pytest.fixture
def clean_build(built_site, request) -> Build:
    """The session's build from an empty cache (`make test-determinism`)."""
    _marked(request, "determinism")
    assert built_site.clean, "the session's build used the project's cache"
    return built_site


@pytest.fixture(scope="session")
def built_site(_builds_started) -> Build:
    """The first build, finished (session scope, for the fixtures of other plugins: browser_support)."""
    from conftest import build_error

    if not _builds_started:
        pytest.fail("no build was started: mark the test @pytest.mark.build", pytrace=False)
    done = [wait() for wait in _builds_started]
    failed = [b for b in done if b.returncode != 0]
    if failed and SELECTED["test_build_succeeds"]:
        pytest.skip("the build failed: tests/test_build.py::test_build_succeeds says why")
    if failed:  # test_build.py is not selected (make test-browser): every test fails with the reason
        pytest.fail("the build failed:\n" + build_error(failed[0]), pytrace=False)
    return done[0]


SELECTED: dict = {"test_build_succeeds": False}


def pytest_collection_finish(session):
    SELECTED["test_build_succeeds"] = any(i.name == "test_build_succeeds" for i in session.items)


@pytest.fixture
def build(built_site, request) -> Build:
    _marked(request, *BUILD_MARKERS)
    return built_site
