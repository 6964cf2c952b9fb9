"""What the browser tests share: Debian's Chromium driven by Playwright's async API, a static server that gzips
like a real host, and one Chromium for the session that visits two pages at a time (two cores).

The tests collect first and assert afterwards: one session-scoped fixture visits every page in both schemes
(and the offline copy, and the explorers) and records what it saw; each test then checks one property of one
record. A visit that raised is recorded as that exception, so only the tests of that page fail.
"""

from __future__ import annotations

import asyncio
import atexit
import concurrent.futures
import functools
import gzip
import http.server
import io
import os
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [  # as root, offline: no sandbox, and none of Chromium's own background traffic
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-default-apps",
    "--disable-domain-reliability",
]
PARALLEL = int(os.environ.get("GLOSSARY_BROWSER_PAGES", "2"))


def missing_browser_reason() -> str | None:
    try:
        import axe_playwright_python  # noqa: F401
        import playwright  # noqa: F401
    except ImportError as e:
        return f"Playwright or axe-playwright-python is not installed ({e}); run `make install`"
    if not CHROMIUM:
        return "no Chromium found (apt-get install chromium, or set CHROMIUM=/path/to/chromium)"
    return None


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like a static host: text compressed with gzip when the browser accepts it."""

    TEXT = (".html", ".css", ".js", ".json", ".svg", ".txt", ".xml", "/")

    def do_GET(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
        if (
            "gzip" not in self.headers.get("Accept-Encoding", "")
            or not os.path.isfile(path)
            or not self.path.split("?")[0].endswith(self.TEXT)
        ):
            return super().do_GET()
        body = _gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, _mtime: int) -> bytes:
    """Compressed once per file version: every visit fetches the same CSS, JavaScript and search index."""
    with open(path, "rb") as fh:
        return gzip.compress(fh.read(), compresslevel=6, mtime=0)


def serve(site: Path):
    handler = functools.partial(GzipHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}", server


class _Pool:
    """One Chromium for the whole session, driven by an event loop in a background thread, at most PARALLEL
    jobs at a time. Jobs can be queued long before anyone waits for them (see SCHEDULE), so the phases of the
    suite (visits, search, the offline copy, the explorers) follow each other without idle tails, and
    Chromium starts once instead of once per phase."""

    def __init__(self, parallel: int):
        self.parallel = parallel
        self.loop = asyncio.new_event_loop()
        threading.Thread(target=self.loop.run_forever, daemon=True, name="browser-pool").start()
        self._started = None  # the task that launches Chromium (once)
        self.playwright = self.browser = self.slots = None
        atexit.register(self.close)

    async def _launch(self):
        from playwright.async_api import async_playwright

        self.playwright = await async_playwright().start()
        self.browser = await self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.slots = asyncio.Semaphore(self.parallel)

    async def _one(self, job):
        if self._started is None:  # the loop runs in one thread: no two jobs get here at once
            self._started = asyncio.ensure_future(self._launch())
        await self._started
        async with self.slots:
            try:
                return await job(self.browser)
            except Exception as e:  # noqa: BLE001 - recorded, reported by the tests of that page
                return e

    def submit(self, job) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(self._one(job), self.loop)

    def close(self) -> None:
        async def stop():
            if self.browser is not None:
                await self.browser.close()
                await self.playwright.stop()

        if self.loop.is_running():
            try:
                asyncio.run_coroutine_threadsafe(stop(), self.loop).result(timeout=30)
            finally:
                self.loop.call_soon_threadsafe(self.loop.stop)


@functools.cache
def pool() -> _Pool:
    return _Pool(PARALLEL)


def run_all(jobs) -> list:
    """Run `jobs` (async functions taking the browser) in the session's Chromium, waiting for all of them; each
    result is the job's return value or the exception it raised."""
    return [f.result() for f in [pool().submit(j) for j in jobs]]


# name -> function(context) -> {key: job}: the test modules say here, at import, what the session visits; the
# `scheduled` fixture queues all of it at once, when the first visit is needed.
SCHEDULE: dict = {}


# -- session fixtures, defined once for both test modules (tests/conftest.py loads this file as a plugin: a
# fixture imported into a second module would be a second fixture, and run everything again) -------------
@pytest.fixture(scope="session")
def origin(built_site):
    url, server = serve(built_site.site)
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def offline_site(built_site, tmp_path_factory) -> Path:
    zip_path = built_site.site / "downloads" / "glossary-offline.zip"
    assert zip_path.is_file(), "the build wrote no downloads/glossary-offline.zip"
    root = tmp_path_factory.mktemp("offline")
    with zipfile.ZipFile(io.BytesIO(zip_path.read_bytes())) as zf:
        zf.extractall(root)
    return root / "llm-glossary"


@pytest.fixture(scope="session")
def scheduled(built_site, origin, offline_site) -> dict:
    """Everything the session visits (SCHEDULE), queued at once in the order the tests need it; each fixture
    of the test modules waits for its own part (`results`)."""
    reason = missing_browser_reason()
    if reason:
        pytest.fail(reason)
    context = {"build": built_site, "origin": origin, "offline_site": offline_site}
    return {name: {key: pool().submit(job) for key, job in make(context).items()} for name, make in SCHEDULE.items()}


def results(scheduled: dict, name: str) -> dict:
    return {key: future.result() for key, future in scheduled[name].items()}


def luminance(rgb) -> float:
    """WCAG relative luminance of an (r, g, b) in 0-255."""

    def lin(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def hex_rgb(value: str) -> tuple[int, int, int]:
    value = value.strip().lstrip("#")
    if len(value) == 3:
        value = "".join(c * 2 for c in value)
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def axis_text_colours(svg: str) -> list[tuple[int, int, int]]:
    """The fill colour of every piece of text of every axis (tick labels, axis labels) of a matplotlib SVG drawn
    with svg.fonttype "none" (text as <text>). The fill is inherited as in SVG: a <tspan>'s own, else its
    <text>'s, else the nearest enclosing group's (mathtext labels such as 10² carry it there); matplotlib
    omits it when it is black."""
    import re
    from xml.etree import ElementTree as ET

    def fill(el, inherited):
        m = re.search(r"fill:\s*(#[0-9a-fA-F]{3,6})", el.get("style") or "")
        return hex_rgb(m.group(1)) if m else inherited

    out: list[tuple[int, int, int]] = []

    def walk(el, inherited, in_axis):
        colour = fill(el, inherited)
        in_axis = in_axis or (el.get("id") or "").startswith("matplotlib.axis")
        tag = el.tag.rsplit("}", 1)[-1]
        if tag == "text" and in_axis:
            spans = [s for s in el if s.tag.rsplit("}", 1)[-1] == "tspan"]
            out.extend(fill(s, colour) for s in spans) if spans else out.append(colour)
            return
        for child in el:
            walk(child, colour, in_axis)

    walk(ET.fromstring(svg), (0, 0, 0), False)
    return out
