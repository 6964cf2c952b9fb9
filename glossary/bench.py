"""Benchmark: prints figures, asserts nothing (timed assertions would make the suite flaky).

    python -m glossary.bench [--skip-tests]

1. cold build: `mkdocs build --strict` with an empty snippet cache (every snippet runs);
2. warm build: the same with the cache filled (what a prose edit costs);
3. serve: seconds from saving a prose edit to `mkdocs serve` serving the page that contains it;
4. the walkthrough notebook executed alone in a fresh kernel, in a folder holding only it and names.txt
   (kernel start included);
5. the test suite (`pytest -m "not browser"`), unless --skip-tests;
6. bytes a browser loads for each page: the HTML plus every local script, stylesheet, image and font it
   references (figures are inside the HTML as data: URIs), and the search worker and index that Material
   fetches on every load; raw and as gzip-compressed by a static host.
"""

from __future__ import annotations

import argparse
import gzip
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

from glossary.htmlscan import css_urls, is_external, scan

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")


def timed(cmd: list[str], **kw) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.perf_counter() - start


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", "replace")
    except OSError:
        return ""


def serve_rebuild_seconds(page_md: Path, url_path: str, search: bool, rounds: int = 3) -> list[float]:
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}"],
        env=dict(ENV, GLOSSARY_SEARCH=str(search).lower()), stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = page_md.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.time() + 300
        while "</html>" not in fetch(url):
            if time.time() > deadline:
                raise RuntimeError("mkdocs serve did not come up")
            time.sleep(0.2)
        for i in range(rounds):
            marker = f"benchmark-edit-{i}-{time.time_ns()}"
            time.sleep(1.5)  # let the file watcher settle after the previous round
            start = time.perf_counter()
            page_md.write_text(original + f"\n{marker}\n", encoding="utf-8")
            while marker not in fetch(url):
                if time.perf_counter() - start > 120:
                    raise RuntimeError("the edit never appeared")
                time.sleep(0.02)
            times.append(time.perf_counter() - start)
    finally:
        page_md.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    return times


def page_weights(site: Path) -> dict[str, tuple[int, int]]:
    """(raw bytes, gzip bytes) per page: the HTML, what it references, and the search worker and index that
    Material fetches on every load."""
    search = [*site.glob("assets/javascripts/workers/search.*.min.js"), site / "search/search_index.json"]
    weights = {}
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site).as_posix()
        base = "http://site/" + rel
        seen: set[str] = set()
        files = [html_file, *[p for p in search if p.is_file()]]
        queue = [urljoin(base, u) for u in scan(html_file.read_text(encoding="utf-8")).resources
                 if u and not u.startswith("data:") and not is_external(u)]
        while queue:
            url = queue.pop()
            path = site / urlparse(url).path.lstrip("/")
            if url in seen or not path.is_file():
                continue
            seen.add(url)
            files.append(path)
            if path.suffix == ".css":
                queue += [urljoin(url, u) for u in css_urls(path.read_text(encoding="utf-8"))
                          if not u.startswith("data:") and not is_external(u)]
        raw = sum(p.stat().st_size for p in files)
        gz = sum(len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0)) for p in files)
        weights[rel] = (raw, gz)
    return weights


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    try:
        cache = tmp / "cache"
        env = dict(ENV, GLOSSARY_CACHE_DIR=str(cache))
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")]
        print(f"cold build (empty snippet cache): {timed(build, env=env):6.2f} s")
        print(f"warm build (snippets cached):     {timed(build, env=env):6.2f} s")
        for search, label in ((False, "make serve (search off)"), (True, "with search indexing")):
            rebuilds = serve_rebuild_seconds(Path("docs/terms/softmax.md"), "terms/softmax/", search)
            print(f"serve, prose edit saved -> page served, {label}: "
                  + ", ".join(f"{t:.2f}" for t in rebuilds) + f" s (median {sorted(rebuilds)[1]:.2f} s)")
        reader = tmp / "reader"
        reader.mkdir()
        shutil.copy("docs/walkthrough.ipynb", reader)
        shutil.copy("docs/names.txt", reader)
        notebook = [sys.executable, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute",
                    "walkthrough.ipynb", "--output", "executed.ipynb"]
        print(f"walkthrough notebook, fresh kernel: {timed(notebook, env=ENV, cwd=reader):6.2f} s")
        if not args.skip_tests:
            suite = [sys.executable, "-m", "pytest", "-q", "-m", "not browser"]
            print(f"test suite (make test):           {timed(suite, env=ENV):6.2f} s")
        print("bytes a browser loads per page (HTML with its figures, CSS, JS, search worker and index):")
        print(f"  {'page':40} {'raw':>10} {'gzip':>10}")
        for page, (raw, gz) in page_weights(tmp / "site").items():
            print(f"  {page:40} {raw / 1024:6.1f} KiB {gz / 1024:6.1f} KiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
