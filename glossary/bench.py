"""Benchmark: prints figures, asserts nothing (timed assertions would make the suite flaky).

    python -m glossary.bench [--skip-tests] [--skip-browser]      (make bench)

1. cold build: `mkdocs build --strict` with empty caches; its wall time next to the sum of the execution
   times of what it ran (every snippet's CPU time, from the build's cache, and each notebook executed alone), and the
   fixed cost of a build that executes nothing (the same build again, everything cached). Target: wall
   <= 0.6 x sum + fixed cost.
2. seconds of snippet execution per page (from the cold build's cache).
3. serve: seconds from saving a prose edit to `make serve` (mkdocs serve --dirty) serving the page that holds
   it, median of 5; the same on a synthetic copy of the site with three times the term pages, and the ratio.
4. the test suite (`make test`, and `make test PAGE=softmax`), the browser tests (`make test-browser`) and the
   notebooks (`make test-notebooks`), unless skipped.
5. bytes a browser loads for each page: the HTML plus every local script, stylesheet, image and font it
   references, and the search worker and index that Material fetches on every load; raw and gzip. Then the
   explorers' inline code and data per page, and the sizes of the downloads (the snippets zip, the offline
   site zip, the names GPT's weights).
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin, urlparse

from glossary import site
from glossary.htmlscan import css_urls, is_external, scan

ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1")
REPO = Path(__file__).resolve().parents[1]


def run(cmd: list[str], **kw) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)
    return time.perf_counter() - start, proc.stdout


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


def serve_rebuild_seconds(root: Path, page_md: Path, url_path: str, env: dict, rounds: int = 5) -> list[float]:
    """Seconds from writing a prose edit to the served page containing it, as `make serve` serves."""
    port = free_port()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "serve",
            "--dirty",
            "-f",
            "mkdocs.serve.yml",
            "--dev-addr",
            f"127.0.0.1:{port}",
        ],
        cwd=root,
        env=dict(env, GLOSSARY_SEARCH="false"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}/{url_path}"
    original = page_md.read_text(encoding="utf-8")
    times = []
    try:
        deadline = time.time() + 600
        while "</html>" not in fetch(url):
            if time.time() > deadline or proc.poll() is not None:
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
                time.sleep(0.01)
            times.append(time.perf_counter() - start)
    finally:
        page_md.write_text(original, encoding="utf-8")
        proc.terminate()
        proc.wait(timeout=30)
    return times


def synthetic_copy(dest: Path, factor: int = 3) -> int:
    """The site's sources with every term page present `factor` times (copies under new slugs and titles,
    including the same snippets, so their results come from the cache). Returns the number of term pages."""
    for name in ("mkdocs.yml", "mkdocs.serve.yml"):
        shutil.copy(REPO / name, dest / name)
    s = site.load(REPO)
    shutil.copytree(REPO / s.docs_dir, dest / s.docs_dir)
    shutil.copytree(REPO / s.snippets_dir, dest / s.snippets_dir)
    shutil.copytree(REPO / "glossary", dest / "glossary", ignore=shutil.ignore_patterns("__pycache__"))
    terms = sorted((dest / s.docs_dir / "terms").glob("*.md"))
    for page in terms:
        text = page.read_text(encoding="utf-8")
        for k in range(2, factor + 1):
            copy = re.sub(r"^title: (.*)$", rf"title: \1 (copy {k})", text, count=1, flags=re.M)
            copy = re.sub(r"^aliases: .*$", f"aliases: [{page.stem} copy {k}]", copy, count=1, flags=re.M)
            # The original's own aliases are gone, so their summaries go too (the mapping and its lines).
            copy = re.sub(r"^alias_summaries:\n(?:  .*\n)+", "", copy, count=1, flags=re.M)
            copy = re.sub(r"^summary: (.*)\.$", rf"summary: \1, copy {k}.", copy, count=1, flags=re.M)
            (page.parent / f"{page.stem}-copy{k}.md").write_text(copy, encoding="utf-8")
    return len(list((dest / s.docs_dir / "terms").glob("*.md")))


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
        queue = [
            urljoin(base, u)
            for u in scan(html_file.read_text(encoding="utf-8")).resources
            if u and not u.startswith("data:") and not is_external(u)
        ]
        while queue:
            url = queue.pop()
            path = site / urlparse(url).path.lstrip("/")
            if url in seen or not path.is_file():
                continue
            seen.add(url)
            files.append(path)
            if path.suffix == ".css":
                queue += [
                    urljoin(url, u)
                    for u in css_urls(path.read_text(encoding="utf-8"))
                    if not u.startswith("data:") and not is_external(u)
                ]
        raw = sum(p.stat().st_size for p in files)
        gz = sum(len(gzip.compress(p.read_bytes(), compresslevel=6, mtime=0)) for p in files)
        weights[rel] = (raw, gz)
    return weights


def notebook_seconds(tmp: Path) -> dict[str, float]:
    """Each executed notebook alone in a fresh kernel, in a folder holding only it and names.txt."""
    out = {}
    s = site.load(REPO)
    for nb in sorted((REPO / s.docs_dir).glob("*.ipynb")):
        reader = tmp / f"reader-{nb.stem}"
        reader.mkdir()
        shutil.copy(nb, reader)
        shutil.copy(REPO / s.names_path, reader)
        seconds, _ = run(
            [
                sys.executable,
                "-m",
                "jupyter",
                "nbconvert",
                "--to",
                "notebook",
                "--execute",
                nb.name,
                "--output",
                "executed.ipynb",
            ],
            env=ENV,
            cwd=reader,
        )
        out[nb.name] = seconds
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-tests", action="store_true", help="do not time make test")
    parser.add_argument("--skip-browser", action="store_true", help="do not time make test-browser")
    parser.add_argument("--skip-notebooks", action="store_true", help="do not time make test-notebooks")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="glossary-bench-"))
    try:
        cache = tmp / "cache"
        env = dict(ENV, GLOSSARY_CACHE_DIR=str(cache))
        build = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp / "site")]
        cold, log = run(build, env=env, cwd=REPO)
        from glossary import execute

        walls = [r["seconds"] for r in execute.runs(cache)]
        cpu = snippet_cpu_seconds(cache)
        warm, _ = run(build, env=env, cwd=REPO)
        notebooks = notebook_seconds(tmp)
        total = sum(cpu) + sum(notebooks.values())
        print(f"cold build (empty caches, {os.cpu_count()} cores): {cold:6.2f} s wall")
        # A snippet's work is its CPU time: its wall time inside the build grows with whatever shares the cores
        # with it (the other worker, the notebook's kernel, MkDocs), so a sum of those would flatter the ratio.
        print(
            f"  sum of execution times: {total:6.2f} s ({len(cpu)} snippets {sum(cpu):.2f} s of CPU time, "
            f"notebooks executed alone "
            + ", ".join(f"{k} {v:.2f} s" for k, v in notebooks.items())
            + f"; the snippets' wall time inside the build: {sum(walls):.2f} s)"
        )
        print(f"  fixed cost (the same build, everything cached): {warm:6.2f} s")
        print(
            f"  wall / (sum + fixed): target <= 0.6 x sum + fixed = {0.6 * total + warm:6.2f} s; "
            f"wall is {(cold - warm) / total:.2f} x sum + fixed"
        )
        capstone = capstone_figures(cache)
        if capstone:
            print(
                f"the names GPT (snippets/names-gpt/train.py): trained in {capstone[0]:.2f} s of CPU time, one thread; "
                f"validation loss {capstone[1]} nats per character"
            )
        print("snippet CPU seconds per page (cold build, deliberate errors included):")
        per_page = snippet_seconds_per_page(cache)
        for page, secs in sorted(per_page.items(), key=lambda kv: -kv[1]):
            print(f"  {page:45} {secs:6.2f} s")

        # What importing the libraries the checks compare with costs a reader's fresh interpreter (the site's
        # runner imports them once, before it forks its children).
        for module in ("torch", "transformers", "peft", "tokenizers"):
            code = f"import time; t = time.process_time(); import {module}; print(time.process_time() - t)"
            _, out = run_unchecked([sys.executable, "-c", code])
            print(
                f"import {module}: {out.strip().splitlines()[-1] if out.strip() else '?'} s of CPU (fresh interpreter)"
            )
        # Mutation testing (make test-proofs) on this build's cache: what the mutants cost, page by page.
        scores = tmp / "mutation.json"
        seconds, _ = run_unchecked([sys.executable, "-m", "glossary.mutate", "--json", str(scores)], env=env)
        if scores.is_file():
            rows = json.loads(scores.read_text())
            print(
                f"mutation testing (make test-proofs): {seconds:6.1f} s wall, "
                f"{sum(r['cpu_seconds'] for r in rows):.1f} s of CPU for {sum(r['mutants'] for r in rows)} mutants"
            )
            for r in rows:
                print(f"  {r['check']:50} {r['mutants']:4d} mutants {r['score']:5.0%} {r['cpu_seconds']:6.1f} s CPU")

        serve_env = dict(ENV, GLOSSARY_CACHE_DIR=str(cache))
        softmax = Path(site.load(REPO).docs_dir) / "terms" / "softmax.md"
        one = serve_rebuild_seconds(REPO, REPO / softmax, "terms/softmax/", serve_env)
        copy = tmp / "site3x"
        copy.mkdir()
        n_pages = synthetic_copy(copy)
        three = serve_rebuild_seconds(copy, copy / softmax, "terms/softmax/", serve_env)
        m1, m3 = statistics.median(one), statistics.median(three)
        print(
            "serve (make serve), prose edit saved -> page served: "
            + ", ".join(f"{t:.2f}" for t in one)
            + f" s, median {m1:.2f} s (target <= 0.5 s)"
        )
        print(
            f"  the same with {n_pages} term pages (3x): "
            + ", ".join(f"{t:.2f}" for t in three)
            + f" s, median {m3:.2f} s; ratio {m3 / m1:.2f} (target <= 1.2)"
        )
        # make test builds on the project's snippet cache (here the cold build's: a developer's run after a build,
        # nothing changed; a fresh clone executes every block first) and keeps its build beside that cache;
        # make test-browser then reads the kept build.
        warm_env = dict(ENV, GLOSSARY_CACHE_DIR=str(cache))
        if not args.skip_tests:
            unit = "not browser and not notebooks and not proofs and not determinism"
            seconds, out = run_unchecked([sys.executable, "-m", "pytest", "-q", "-m", unit], env=warm_env)
            print(f"make test:         {seconds:6.1f} s  ({last_line(out)}; on the build's cache) (target <= 150 s)")
            seconds, out = run_unchecked(
                [sys.executable, "-m", "pytest", "-q", "-m", unit], env=dict(warm_env, GLOSSARY_PAGE="softmax")
            )
            print(f"make test PAGE=softmax: {seconds:6.1f} s  ({last_line(out)}) (target <= 20 s)")
        if not args.skip_browser:
            seconds, out = run_unchecked([sys.executable, "-m", "pytest", "-q", "-m", "browser"], env=warm_env)
            print(f"make test-browser: {seconds:6.1f} s  ({last_line(out)}) (target <= 240 s)")
        if not args.skip_notebooks:
            report = tmp / "notebooks.xml"  # each test's record_property("seconds"), in pytest's JUnit XML
            seconds, out = run_unchecked(
                [
                    sys.executable,
                    "-m",
                    "pytest",
                    "-q",
                    "-m",
                    "notebooks",
                    f"--junitxml={report}",
                    "-o",
                    "junit_family=xunit1",
                ]
            )
            print(f"make test-notebooks: {seconds:6.1f} s  ({last_line(out)})")
            from xml.etree import ElementTree

            for case in ElementTree.parse(report).iter("testcase"):
                for prop in case.iter("property"):
                    if prop.get("name") == "seconds":
                        print(f"  {case.get('name'):60} {float(prop.get('value')):6.1f} s")
        print("bytes a browser loads per page (HTML with its figures, CSS, JS, search worker and index):")
        print(f"  {'page':40} {'raw':>10} {'gzip':>10}")
        for page, (raw, gz) in page_weights(tmp / "site").items():
            print(f"  {page:40} {raw / 1024:6.1f} KiB {gz / 1024:6.1f} KiB")
        print("explorers: inline code and the data it links, per page (target <= 150 KiB gzip):")
        for html_file in sorted((tmp / "site").rglob("index.html")):
            text = html_file.read_text(encoding="utf-8")
            code = "".join(re.findall(r'<script id="glossary-explorer">.*?</script>', text, flags=re.S)).encode()
            hrefs = [
                re.search(r'href="([^"]+)"', a).group(1) for a in re.findall(r"<a [^>]*data-explorer-data[^>]*>", text)
            ]
            data = b"".join((html_file.parent / h).read_bytes() for h in hrefs)
            if code:
                raw, gz = len(code) + len(data), len(gzip.compress(code, 9)) + len(gzip.compress(data, 9))
                print(
                    f"  {html_file.relative_to(tmp / 'site').as_posix():40} {raw / 1024:6.1f} KiB {gz / 1024:6.1f} KiB"
                )
        print("downloads:")
        for path in sorted((tmp / "site" / "downloads").iterdir()):
            print(f"  {path.name:40} {path.stat().st_size / 1024:8.1f} KiB")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def cached_results(cache: Path):
    """The site's blocks and, for each, where the cold build cached its result: (inventory, executor)."""
    from glossary import execute, site

    s = site.load(REPO)
    return s.inventory(), execute.get(REPO, cache, s.names_path)


def snippet_seconds_per_page(cache: Path) -> dict[str, float]:
    """CPU seconds of each page's blocks and of its checks' deliberate errors."""
    inv, ex = cached_results(cache)
    out: dict[str, float] = {}
    for page, code in [(b.page, b.code) for b in inv.blocks] + [(c.block.page, c.code) for c in inv.variants()]:
        result = ex.cached(ex.key(code, inv))
        if result is not None:
            out[page] = out.get(page, 0.0) + result.cpu_seconds
    return out


def snippet_cpu_seconds(cache: Path) -> list[float]:
    """The CPU time of every snippet the cold build ran (each block once, and each check's deliberate errors),
    from its cached result."""
    inv, ex = cached_results(cache)
    keys = {ex.key(b.code, inv) for b in inv.blocks} | {ex.key(c.code, inv) for c in inv.variants()}
    return [r.cpu_seconds for r in (ex.cached(k) for k in sorted(keys)) if r is not None]


def capstone_figures(cache: Path) -> tuple[float, str] | None:
    """The names GPT's training CPU seconds and final validation loss, from the cold build's cached result."""
    inv, ex = cached_results(cache)
    writer = next((b for b in inv.blocks if b.file == "snippets/names-gpt/train.py"), None)
    result = ex.cached(ex.key(writer.code, inv)) if writer else None
    if result is None:
        return None
    loss = re.search(r"validation loss ([\d.]+) nats", result.stdout)
    return result.cpu_seconds, loss.group(1) if loss else "?"


def run_unchecked(cmd: list[str], env: dict | None = None) -> tuple[float, str]:
    start = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env or ENV, cwd=REPO)
    return time.perf_counter() - start, proc.stdout


def last_line(out: str) -> str:
    lines = [ln for ln in out.strip().splitlines() if ln.strip()]
    return lines[-1].strip("= ") if lines else ""


if __name__ == "__main__":
    main()
