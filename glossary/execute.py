"""Run every snippet of the site on every core, once, before (and while) the pages are rendered.

MkDocs renders pages one after another, so running each page's snippets when that page is rendered would
use one core. Instead, the first time the Markdown extension is set up in a process it hands the whole
inventory (every block of every page, :mod:`glossary.inventory`) to an :class:`Executor`, which runs what is
not cached on ``GLOSSARY_WORKERS`` background threads (default: the number of cores, at most 2), which
share one runner process (each snippet in its own forked child, side by side), while MkDocs goes on (and
mkdocs-jupyter executes the notebooks meanwhile). Rendering a page then only waits for its own blocks'
results.

Results are cached by content under the cache folder: the key is the snippet's code, the content of every
file it gets in its folder (names.txt, names-1915.txt if it declares it with `# needs:`, and, for a snippet
that reads an artifact, the key of the snippet that writes it), the runner's version, Python's and the
packages' versions. Only successes are cached. Artifacts (files one snippet writes and others read) are kept
beside the results.

Progress goes to the ``mkdocs.glossary`` logger (INFO), which MkDocs prints: a cold build says what it runs.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import logging
import os
import queue
import threading
from concurrent.futures import Future
from pathlib import Path

from glossary import runner, site
from glossary.inventory import Block, Caught, Inventory

log = logging.getLogger("mkdocs.glossary")


def default_workers() -> int:
    env = os.environ.get("GLOSSARY_WORKERS")
    if env:
        return max(1, int(env))
    return max(1, min(2, os.cpu_count() or 1))


def write_entry(path: Path, data: dict) -> None:
    """A cache entry: the JSON, then a line with its SHA-256, written to a temporary file and renamed into
    place (a build killed mid-write leaves no half entry under the real name)."""
    payload = json.dumps(data, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_text(payload + "\n" + hashlib.sha256(payload.encode()).hexdigest() + "\n", encoding="utf-8")
    os.replace(tmp, path)


def read_entry(path: Path) -> dict | None:
    """A cache entry's data, or None if it is missing, truncated or corrupted (then it is removed, and the
    snippet runs again)."""
    try:
        payload, digest = path.read_text(encoding="utf-8").rstrip("\n").rsplit("\n", 1)
        if hashlib.sha256(payload.encode()).hexdigest() == digest:
            return json.loads(payload)
    except (OSError, ValueError, UnicodeDecodeError):
        if not path.exists():
            return None
    log.warning(f"glossary: a damaged cache entry, removed and run again: {path.name}")
    path.unlink(missing_ok=True)
    return None


def _stamps(paths: list[Path]) -> tuple:
    """What changes when a file is written or replaced, for files and every file in a folder (None for a
    missing path): its inode, size, modification time and change time (which no program can set back, so a
    rewrite within one tick of a coarse clock that restores the modification time still shows)."""
    out = []
    for path in paths:
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for f in files:
            try:
                st = f.stat()
                out.append((str(f), st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns))
            except OSError:
                out.append((str(f), None))
    return tuple(out)


class SnippetFailed(Exception):
    """A snippet raised, wrote to stderr, or did not write its artifact."""


class Executor:
    """Runs blocks on a pool of forking workers; one per process and cache folder (see :func:`get`)."""

    def __init__(self, root: Path, cache_dir: Path, workers: int, names_path: Path):
        self.root = root
        self.names_path = names_path
        self.cache_dir = cache_dir
        self.workers = workers
        self.futures: dict[str, Future] = {}
        self.lock = threading.Lock()
        self.queue: queue.Queue = queue.Queue()
        self.threads: list[threading.Thread] = []
        self.runner: runner.Runner | None = None  # one process, shared by the threads
        self.executed: list[tuple[str, float]] = []  # (file, seconds), in completion order
        # What this process ran, for the tests and the bench (written to runs_file(): runs.json in the cache
        # folder, or GLOSSARY_RUNS_FILE):
        # one {"file", "kind": "block" | "deliberate error", "key", "ok", "seconds", "cpu_seconds"} per run.
        self.record: list[dict] = []
        self.full_keys: set[str] | None = None  # every key of the last full inventory (for pruning)
        self.prefetched: dict = {}
        # key -> (the stamps of its entry and artifacts, its result) once read and found intact: `mkdocs serve`
        # asks for every block at each rebuild, and an unchanged entry needs no second reading.
        self.verified: dict[str, tuple[tuple, runner.Result]] = {}
        self.planning = threading.RLock()
        self.variant_keys: set[str] = set()  # deliberate errors: their failures are results, cached too
        self.planned = 0
        self.done = 0
        atexit.register(self.close)

    # -- keys ------------------------------------------------------------------------------------------------
    def key(self, code: str, inv: Inventory) -> str:
        return site.content_key(self.root, code, inv)

    def result_path(self, key: str) -> Path:
        return self.cache_dir / f"{key}.json"

    def artifact_path(self, key: str, name: str) -> Path:
        return self.cache_dir / "artifacts" / key / name

    def intact(self, key: str, result: runner.Result | None, names: list[str]) -> bool:
        """A cached result with every artifact it wrote still there, byte for byte as written (a damaged or
        missing artifact makes its writer run again)."""
        if result is None:
            return False
        for name in names:
            path = self.artifact_path(key, name)
            if not path.exists() or runner.artifact_digest(path) != result.artifacts.get(name):
                return False
        return True

    def cached(self, key: str) -> runner.Result | None:
        data = read_entry(self.result_path(key))
        return runner.Result.from_json(data) if data is not None else None

    def served(self, key: str, names: list[str]) -> runner.Result | None:
        """The cached result, if it is intact (see intact); read again only when the entry or an artifact
        changed on disk since it was last found intact."""
        stamp = _stamps([self.result_path(key), *(self.artifact_path(key, n) for n in names)])
        hit = self.verified.get(key)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        result = self.cached(key)
        if not self.intact(key, result, names):
            return None
        self.verified[key] = (stamp, result)  # stamped before reading: a write since then changes the stamp
        return result

    # -- running ---------------------------------------------------------------------------------------------
    def prefetch(self, inv: Inventory, pages: set[str] | None = None) -> None:
        """Queue every block (of ``pages``, if given: with the writers of the artifacts they read) that is
        neither cached nor already queued; writers of artifacts first, their readers last, so no worker sits
        waiting for an artifact while others could run."""
        # One planner at a time: a caller that finds the plan made must also find its futures queued.
        with self.planning:
            self._prefetch(inv, pages)

    def _prefetch(self, inv: Inventory, pages: set[str] | None) -> None:
        # `mkdocs serve` sets the extension up for every page it renders: the same inventory (scan() returns
        # the cached object while no file changed) needs no second look.
        memo = (id(inv), frozenset(pages) if pages is not None else None)
        if memo in self.prefetched:
            return
        self.prefetched[memo] = inv  # holding it keeps its id from being reused by another inventory
        if pages is None:
            codes = {b.code for b in inv.blocks} | {c.code for c in inv.variants()}
            self.full_keys = {self.key(code, inv) for code in codes}
        wanted = [b for b in inv.blocks if pages is None or b.page in pages]
        for block in wanted:  # the list grows: the writers of what a writer reads are wanted too, and so on
            for name in inv.reads(block.code):
                wanted.extend(w for w in [inv.writer(name)] if w not in wanted)
        todo: dict[str, Block] = {}
        served: set[tuple] = set()  # (key, what the block writes): the same code in two files, one a writer
        for block in wanted:
            key, writes = self.key(block.code, inv), inv.writes(block)
            if key in self.futures or key in todo or (key, tuple(writes)) in served:
                continue
            if self.served(key, writes) is not None:
                served.add((key, tuple(writes)))
                continue
            todo[key] = block
        # Each check's deliberate errors (inventory.Caught): the check's code with one patch, run like any
        # block; they go last, after every page's own blocks.
        wanted_set = set(wanted)
        variants: dict[str, Block] = {}
        codes: set[str] = set()
        for caught in inv.variants():
            if caught.block not in wanted_set or caught.code in codes:
                continue
            codes.add(caught.code)
            key = self.key(caught.code, inv)
            if key in self.futures or key in todo or key in variants or self.served(key, []) is not None:
                continue
            variants[key] = Block(caught.block.page, caught.block.line, caught.block.file, caught.code)
        self.variant_keys.update(variants)
        if not todo and not variants:
            return
        # Blocks that read an artifact go after its writer, also when they write one themselves
        # (names-gpt/export.py), and a chain of them in its order (names_llama -> names_chat -> names_sft ->
        # names_dpo): taken early, a reader would hold a worker idle while the writer it waits for still runs,
        # and with one worker, wait forever for a writer queued behind it.
        order = sorted(todo.items(), key=lambda kv: (inv.depth(kv[1]), 0 if inv.writes(kv[1]) else 1))
        order += list(variants.items())
        with self.lock:
            self.planned += len(order)
            for key, block in order:
                self.futures[key] = Future()
                self.queue.put((key, block, inv))
        log.info(
            f"glossary: running {len(order)} snippets on {self.workers} worker(s) "
            f"({len(wanted)} blocks wanted; the rest are cached)"
        )
        self._start_threads()

    def _start_threads(self) -> None:
        # One worker process for all threads: it imports torch once and forks each thread's snippets side by
        # side: a process per thread would pay those imports once per thread.
        # Daemon threads and a queue rather than concurrent.futures.ThreadPoolExecutor (whose Future the results
        # use): the pool's threads are joined when the interpreter exits, after every snippet still queued, so a
        # build stopped by a failing page would first run the rest of the site; these threads end with it.
        if self.runner is None:
            self.runner = runner.Runner(self.names_path)
        while len(self.threads) < self.workers:
            t = threading.Thread(
                target=self._work, args=(self.runner,), daemon=True, name=f"glossary-worker-{len(self.threads)}"
            )
            self.threads.append(t)
            t.start()

    def _work(self, r: runner.Runner) -> None:
        while True:
            key, block, inv = self.queue.get()
            future = self.futures[key]
            try:
                future.set_result(self._run(r, key, block, inv))
            except BaseException as e:  # noqa: BLE001 - reported to whoever waits for it
                future.set_exception(e)

    def inputs(self, block: Block, inv: Inventory) -> dict[str, str]:
        """The files a block gets in its folder besides names.txt: the data it names and the artifacts it reads
        (their writers run first if they have not)."""
        inputs = {
            name: str(self.root / inv.data_files[name]) for name in inv.data_read(block.code) if name != "names.txt"
        }
        for name in inv.reads(block.code):
            writer = inv.writer(name)
            wkey = self.key(writer.code, inv)
            wres = self.result(wkey, writer, inv)
            if not wres.ok:
                raise SnippetFailed(f"it reads {name}, and {writer.file}, which writes it, failed")
            inputs[name] = str(self.artifact_path(wkey, name))
        return inputs

    def _run(self, r: runner.Runner, key: str, block: Block, inv: Inventory) -> runner.Result:
        try:
            inputs = self.inputs(block, inv)
        except SnippetFailed as e:
            return runner.Result(ok=False, error=str(e))
        variant = key in self.variant_keys
        outputs = [] if variant else inv.writes(block)
        result = r.run(
            block.code,
            label=block.file,
            inputs=inputs,
            outputs=outputs,
            artifact_dir=self.cache_dir / "artifacts" / key if outputs else None,
        )
        with self.lock:
            self.done += 1
            self.executed.append((block.file, result.seconds))
            self.record.append(
                {
                    "file": block.file,
                    "kind": "deliberate error" if variant else "block",
                    "key": key,
                    "ok": result.ok,
                    "seconds": result.seconds,
                    "cpu_seconds": result.cpu_seconds,
                }
            )
            n, total = self.done, self.planned
        status = "" if result.ok else "  FAILED"
        # The snippet's own time (fork to exit), not the wait for a worker to start.
        if variant:
            log.info(f"glossary: deliberate error [{n}/{total}] {result.seconds:6.2f} s  {block.file}")
        else:
            log.info(f"glossary: [{n}/{total}] {result.seconds:6.2f} s  {block.file}{status}")
        settled = variant and not result.error.startswith(("timed out", "the snippet process", "runner"))
        if (result.ok and not result.stderr.strip()) or settled:
            # Only successes are cached, so a failing snippet fails every build until it is fixed; a deliberate
            # error's failure is its result (deterministic like any other), so it is cached too.
            write_entry(self.result_path(key), result.to_json())
        return result

    def result(self, key: str, block: Block, inv: Inventory) -> runner.Result:
        """The block's result: from the cache, from the queue (waiting for it), or run now."""
        with self.lock:
            future = self.futures.get(key)
        if future is None:
            cached = self.served(key, inv.writes(block))
            if cached is not None:
                return cached
            self.prefetch(inv, pages={block.page})
            with self.lock:
                future = self.futures.get(key)
            if future is None:  # not in the inventory's blocks (cannot happen for a page's own block)
                raise SnippetFailed(f"{block.file}: not found in the inventory")
        return future.result()

    def variant_result(self, caught: Caught, inv: Inventory) -> runner.Result:
        """The result of a check run with one deliberate error (from the cache, the queue, or run now)."""
        key = self.key(caught.code, inv)
        with self.lock:
            future = self.futures.get(key)
        if future is None:
            cached = self.served(key, [])
            if cached is not None:
                return cached
            self.prefetch(inv, pages={caught.block.page})
            with self.lock:
                future = self.futures.get(key)
            if future is None:
                raise SnippetFailed(f"{caught.block.file}: deliberate error {caught.name!r} was not queued")
        return future.result()

    def close(self) -> None:
        r, self.runner = self.runner, None
        if r is not None:
            try:
                r.close()
            except Exception:  # noqa: BLE001 - best effort at exit
                pass
        if self.record or self.cache_dir.is_dir():  # also when nothing ran: no record of an older build stays
            write_entry(runs_file(self.cache_dir), {"runs": self.record})
        self.prune()

    def prune(self) -> list[Path]:
        """After a full build: remove the cached results and artifacts that no block or deliberate error of
        it uses (edited snippets leave their old results behind; the cache would only grow)."""
        if self.full_keys is None or not self.cache_dir.is_dir():
            return []
        removed = []
        for path in self.cache_dir.glob("*.json"):
            if path.stem not in self.full_keys and path.name != "runs.json":
                path.unlink(missing_ok=True)
                removed.append(path)
        artifacts = self.cache_dir / "artifacts"
        for folder in artifacts.iterdir() if artifacts.is_dir() else ():
            if folder.name not in self.full_keys:
                import shutil

                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
        return removed


def runs_file(cache_dir: Path) -> Path:
    """Where a build writes what it ran: runs.json in its cache folder, or GLOSSARY_RUNS_FILE (the test
    session gives its build a file of its own: other sessions may build on the same cache at the same time)."""
    return Path(os.environ.get("GLOSSARY_RUNS_FILE") or Path(cache_dir) / "runs.json")


def runs(where: Path) -> list[dict]:
    """What the last build with this cache folder ran, oldest first; or what a record file (*.json) holds."""
    where = Path(where)
    data = read_entry(where if where.suffix == ".json" else runs_file(where))
    return data["runs"] if data else []


_EXECUTORS: dict[tuple, Executor] = {}
_LOCK = threading.Lock()


def get(root: str | Path, cache: Path, names_path: str | Path, workers: int | None = None) -> Executor:
    """The process's executor for this cache folder (glossary.site.Site.cache_path; mkdocs serve keeps it, and
    its warm workers, across rebuilds)."""
    root = Path(root).resolve()
    workers = workers or default_workers()
    with _LOCK:
        key = (root, cache, workers)
        if key not in _EXECUTORS:
            _EXECUTORS[key] = Executor(root, cache, workers, (root / names_path).resolve())
        return _EXECUTORS[key]


def publish_artifacts(s, dest: Path) -> list[Path]:
    """Copy every artifact the site's current snippets produce (from the cache) into ``dest`` (a folder artifact
    also as a zip of it). ``s`` is the build's glossary.site.Site."""
    import shutil

    inv, executor = s.inventory(), s.executor()
    written = []
    for name, writer_file in inv.artifacts.items():
        writers = inv.pages_of(writer_file)
        if not writers:
            continue
        source = executor.artifact_path(executor.key(writers[0].code, inv), name)
        if source.is_file():
            dest.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, dest / name)
            written.append(dest / name)
        elif source.is_dir():
            from glossary.downloads import write_zip

            if (dest / name).is_dir():
                shutil.rmtree(dest / name)
            shutil.copytree(source, dest / name)
            files = {f"{name}/{p.relative_to(source).as_posix()}": p for p in sorted(source.rglob("*")) if p.is_file()}
            written.append(write_zip(dest / f"{name}.zip", files))
    return written


def failure_message(block: Block, others: list[Block], result: runner.Result) -> str:
    """One message that names the snippet file, its line, and the page line that includes it, followed by
    the snippet's own traceback."""
    line = ""
    for frame_file, frame_line in _frames(result.error):
        if frame_file == block.file:
            line = f", line {frame_line}"
    where = "; ".join(f"{b.page}:{b.line}" for b in [block, *others])
    if result.error:
        what = result.error.rstrip()
    else:
        what = "it wrote to stderr (warnings reach readers too; fix the snippet):\n" + result.stderr.rstrip()
    return f"snippet {block.file}{line} failed (included at {where}):\n{what}"


def _frames(traceback_text: str):
    import re

    for m in re.finditer(r'File "([^"]+)", line (\d+)', traceback_text or ""):
        yield m.group(1), int(m.group(2))
