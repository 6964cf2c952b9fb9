"""Run a snippet the way a reader would: alone, in a fresh interpreter, in an empty folder with names.txt.

A fresh ``python`` per snippet pays ``import torch`` (seconds) every time. Instead a worker process
imports torch, numpy, matplotlib and the libraries the checks compare with once, and forks a child per
snippet, several at once when the build's threads ask for them (one per core). The child gives the
snippet what a fresh interpreter run as ``python snippet.py`` in an empty folder would give it:

* a new temporary working directory holding only a copy of names.txt, which is also ``sys.path[0]``;
* ``__name__ == "__main__"`` and fresh globals; no ``__file__`` (a notebook cell has none either);
* random generators (torch, numpy, random) reseeded from the OS, so an unseeded snippet is not
  accidentally deterministic: the two-build comparison of the test suite then catches it;
* one torch intra-op thread, so results do not depend on the machine's core count;
* this build package (``glossary``) made unimportable, so no snippet can lean on a hidden helper;
* matplotlib's non-interactive Agg backend; ``plt.show()`` does nothing and every figure still open at
  the end is saved as deterministic SVG (fixed hash salt, no date, text as text) with alt text from its titles
  and axis labels (a figure without any is an error: it would reach the page without a description).

Each child also has limits, and every way it can fail ends in one message that names the snippet's line:
CPU seconds (``RLIMIT_CPU``: a busy machine does not fail a snippet, a busy loop does), a wall-clock net for
a snippet that waits without computing (the child is asked for its traceback, then killed), an address-space
cap (a runaway allocation fails that snippet, not the machine), a file-size cap (``RLIMIT_FSIZE``: printed
output stops at what a page can show, where the printing is, before it fills a disk), and a traceback on a
crash (faulthandler).

Nothing here is specific to MkDocs: the Markdown extension (build) and the test suite use the same
``Runner``. pytest-codeblocks runs blocks in-process with ``exec`` (``__name__`` is ``"builtins"``, state
leaks between blocks) and markdown-exec does the same at build time; neither forks. The standard library's
multiprocessing ``forkserver`` with ``set_forkserver_preload`` comes closest, but it is not used: each child it
starts re-imports the parent's main module as ``__mp_main__`` (here mkdocs' or pytest's command line, with
their imports), its preload takes module names only (the warm-ups below, a first optimizer, assert_close's
lazy imports, matplotlib's fonts, are code), and a child is handed a pickled function rather than
``__main__``-level code; the limits, the capture of output and figures and the traceback on a hang would
still be this module's.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

# Bump when the execution semantics or the result format change: it is part of every cache key.
RUNNER_VERSION = "6"


@dataclass
class Figure:
    svg: str  # drawn as the snippet draws it (light)
    alt: str
    svg_dark: str = ""  # the same figure recoloured for a dark page (see dark_variant)


@dataclass
class Result:
    ok: bool
    stdout: str = ""
    stderr: str = ""
    error: str = ""
    figures: list[Figure] = field(default_factory=list)
    seconds: float = 0.0  # wall time, fork to exit
    cpu_seconds: float = 0.0  # the child's CPU time (user + system): its work, whatever else runs beside it
    artifacts: dict[str, str] = field(default_factory=dict)  # file name -> sha256 of what the snippet wrote
    # Every torch.testing.assert_close the snippet made: {"line", "max_abs", "rtol", "atol", "passed"}
    comparisons: list[dict] = field(default_factory=list)

    @classmethod
    def from_json(cls, data: dict) -> "Result":
        figs = [Figure(**f) for f in data.pop("figures", [])]
        return cls(figures=figs, **data)

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "stdout": self.stdout,
            "stderr": self.stderr,
            "error": self.error,
            "figures": [{"svg": f.svg, "alt": f.alt, "svg_dark": f.svg_dark} for f in self.figures],
            "seconds": self.seconds,
            "cpu_seconds": self.cpu_seconds,
            "artifacts": self.artifacts,
            "comparisons": self.comparisons,
        }


class Runner:
    """Client side: starts the worker lazily and sends it snippets; several threads may call ``run`` at once.

    ``inputs`` maps file names to paths copied into the snippet's folder (names.txt is always there: the site's
    promise); ``outputs`` names files the snippet must write, which are moved to ``artifact_dir`` afterwards.
    ``filename`` is what tracebacks call the code (the snippet's path, so line numbers are the file's own).
    """

    def __init__(
        self,
        names_path: str | Path,
        timeout: float = 120.0,
        wall_timeout: float | None = None,
        memory: int = 6 << 30,
        max_output: int = 8 << 20,
    ):
        self.names_path = Path(names_path).resolve()
        self.timeout = timeout  # CPU seconds: a busy machine does not make a snippet fail
        # Wall seconds, for a snippet that waits without computing (a sleep, a lock, a read that never ends).
        self.wall_timeout = wall_timeout if wall_timeout is not None else max(600.0, 5 * timeout)
        self.memory = memory  # bytes of address space per snippet (RLIMIT_AS)
        self.max_output = max_output  # bytes of printed text a snippet may leave
        self._proc: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self._next_id = 0

    def _start(self) -> subprocess.Popen:
        if not self.names_path.is_file():
            raise FileNotFoundError(f"names.txt not found at {self.names_path}")
        # HF_HUB_OFFLINE: transformers and peft never reach for the Hugging Face hub from a snippet.
        env = dict(
            os.environ, MPLBACKEND="Agg", PYTHONHASHSEED="0", HF_HUB_OFFLINE="1", TRANSFORMERS_NO_ADVISORY_WARNINGS="1"
        )
        proc = subprocess.Popen(
            [sys.executable, "-m", "glossary.runner", str(self.names_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
        proc.pending = {}  # request id -> the Future of its result, set by the reader thread
        threading.Thread(target=self._read, args=(proc,), daemon=True, name="glossary-runner-reader").start()
        return proc

    def _read(self, proc: subprocess.Popen) -> None:
        """Hands each result line to the call waiting for it; if the worker dies, every waiting call fails."""
        for line in proc.stdout:
            data = json.loads(line)
            with self._lock:
                future = proc.pending.pop(data.pop("id"), None)
            if future is not None:
                future.set_result(Result.from_json(data))
        with self._lock:
            if self._proc is proc:
                self._proc = None
            waiting = list(proc.pending.values())
            proc.pending.clear()
        for future in waiting:
            future.set_exception(RuntimeError("the snippet runner worker died"))

    def run(
        self,
        code: str,
        label: str = "<snippet>",
        inputs: dict[str, str] | None = None,
        outputs: list[str] | None = None,
        artifact_dir: str | Path | None = None,
    ) -> Result:
        """Runs one snippet and waits for its result. Calls from several threads run side by side, each in its
        own child of the one worker process."""
        request = {
            "code": code,
            "label": label,
            "timeout": self.timeout,
            "wall_timeout": self.wall_timeout,
            "memory": self.memory,
            "max_output": self.max_output,
            "inputs": {k: str(Path(v).resolve()) for k, v in (inputs or {}).items()},
            "outputs": list(outputs or ()),
            "artifact_dir": str(artifact_dir) if artifact_dir else None,
        }
        future: Future = Future()
        with self._lock:
            if self._proc is None or self._proc.poll() is not None:
                self._proc = self._start()
            self._next_id += 1
            request["id"] = self._next_id
            self._proc.pending[self._next_id] = future
            try:
                self._proc.stdin.write(json.dumps(request) + "\n")
                self._proc.stdin.flush()
            except (BrokenPipeError, OSError):
                self._proc.pending.pop(self._next_id, None)
                self._proc = None
                raise RuntimeError("the snippet runner worker died") from None
        return future.result()

    def close(self) -> None:
        with self._lock:
            proc, self._proc = self._proc, None
        if proc is not None:
            proc.stdin.close()
            proc.wait(timeout=30)

    def __enter__(self) -> "Runner":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# ---------------------------------------------------------------------------------------------------------
# Worker side (python -m glossary.runner NAMES_PATH): one JSON request per line in, one result per line out.


class _BlockProjectImports:
    """A meta-path finder that refuses this build package inside a snippet."""

    def find_spec(self, name, path=None, target=None):
        if name == "glossary" or name.startswith("glossary."):
            raise ImportError(f"snippets may not import the site's build package ({name!r})")
        return None


def _child(request: dict, names_path: str, capdir: str) -> None:
    """Runs in the forked child; never returns."""
    import builtins
    import io
    import linecache
    import random
    import shutil
    import traceback

    import matplotlib.pyplot as plt
    import numpy as np
    import torch

    from glossary import figures

    code, label = request["code"], request.get("label") or "<snippet>"
    status = {"ok": False, "stdout": "", "stderr": "", "error": "", "figures": [], "artifacts": {}, "comparisons": []}
    try:
        original_cwd = os.getcwd()
        workdir = os.path.join(capdir, "work")  # removed with capdir by the worker
        os.mkdir(workdir)
        shutil.copy(names_path, os.path.join(workdir, "names.txt"))
        for name, path in (request.get("inputs") or {}).items():
            if os.path.isdir(path):  # an artifact that is a folder (a Hugging Face model folder)
                shutil.copytree(path, os.path.join(workdir, name))
            else:
                shutil.copy(path, os.path.join(workdir, name))
        os.chdir(workdir)
        out = os.open(os.path.join(capdir, "stdout"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        err = os.open(os.path.join(capdir, "stderr"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.stdin = io.StringIO("")
        _limits(request)

        # What a fresh interpreter started as `python snippet.py` in workdir would have.
        sys.argv = ["snippet.py"]
        sys.path[:] = [workdir] + [p for p in sys.path if p not in ("", original_cwd) and not _is_project_path(p)]
        for mod in [m for m in sys.modules if m == "glossary" or m.startswith("glossary.")]:
            del sys.modules[mod]
        sys.meta_path.insert(0, _BlockProjectImports())
        # One intra-op thread: the same floating-point reduction order on every machine whatever its core
        # count (outputs reproducible beyond this one), and no OpenMP spinning when two snippets run at once.
        torch.set_num_threads(1)
        torch.seed()
        np.random.seed()
        random.seed()
        plt.show = lambda *args, **kwargs: None
        _record_comparisons(torch, label, status["comparisons"])
        _loopback_only()

        # Tracebacks name the snippet's own file and line (the label is its path relative to the repo).
        linecache.cache[label] = (len(code), None, code.splitlines(True), label)
        compiled = compile(code, label, "exec")
        glb = {"__name__": "__main__", "__builtins__": builtins, "__doc__": None}
        try:
            exec(compiled, glb)
            status["ok"] = True
        except CPUTimeLimit:
            etype, value, tb = sys.exc_info()
            status["error"] = "".join(traceback.format_exception(etype, value, tb.tb_next))
        except SystemExit as e:
            status["ok"] = e.code in (None, 0)
            if not status["ok"]:
                status["error"] = f"SystemExit({e.code!r})"
        except BaseException:
            etype, value, tb = sys.exc_info()
            # Drop this module's own frame so the traceback starts in the snippet.
            status["error"] = "".join(traceback.format_exception(etype, value, tb.tb_next))
        if status["ok"]:
            for num in plt.get_fignums():
                fig = plt.figure(num)
                alt = figures.alt_text(fig)
                if not alt:
                    status["ok"] = False
                    status["error"] = f"figure {num} has no title, suptitle or axis label to derive its alt text from"
                    break
                light = figures.svg(fig)
                figures.dark_variant(fig)
                status["figures"].append({"svg": light, "alt": alt, "svg_dark": figures.svg(fig)})
            plt.close("all")
        if status["ok"]:
            for name in request.get("outputs") or ():
                path = os.path.join(workdir, name)
                if not os.path.exists(path):
                    status["ok"] = False
                    status["error"] = f"the snippet should have written {name} (mkdocs.yml: artifacts) but did not"
                    break
                dest_dir = request["artifact_dir"]
                os.makedirs(dest_dir, exist_ok=True)
                if os.path.isdir(path):  # replaces a damaged copy whole: no stray file is left in it
                    shutil.rmtree(os.path.join(dest_dir, name), ignore_errors=True)
                    shutil.copytree(path, os.path.join(dest_dir, name))
                else:
                    shutil.copy(path, os.path.join(dest_dir, name))
                status["artifacts"][name] = artifact_digest(path)
    except BaseException:
        status["ok"] = False
        status["error"] = "runner failure:\n" + traceback.format_exc()
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            import resource

            hard = resource.getrlimit(resource.RLIMIT_FSIZE)[1]
            resource.setrlimit(resource.RLIMIT_FSIZE, (hard, hard))  # the result (figures) is not the snippet's
            with open(os.path.join(capdir, "result.json"), "w") as fh:
                json.dump(status, fh)
            os._exit(0)


class CPUTimeLimit(BaseException):
    """Raised in a snippet that used up its CPU seconds (a BaseException: `except Exception` cannot hide it)."""


def _limits(request: dict) -> None:
    """In the child: its CPU seconds (SIGXCPU raises CPUTimeLimit where the snippet is; the hard limit, a few
    seconds later, kills it if it is stuck inside one long C call), its address space, and a Python traceback
    on stderr if it crashes (SIGSEGV) or if the parent asks before killing it on a wall-clock timeout
    (SIGUSR1): so every failure names the snippet's file and line."""
    import faulthandler
    import resource
    import signal

    cpu = max(1, int(request.get("timeout", 120)))

    def over(signum, frame):
        raise CPUTimeLimit(f"used more than {cpu} s of CPU time")

    signal.signal(signal.SIGXCPU, over)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    memory = int(request.get("memory") or 0)
    if memory:
        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    # No file the snippet writes, its printed output first, may grow past the output cap: a flood of print()
    # fails where it is (OSError: File too large, at the snippet's line) instead of filling the disk first.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    cap = int(request.get("max_output") or (8 << 20))
    resource.setrlimit(resource.RLIMIT_FSIZE, (cap, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    faulthandler.enable(file=sys.__stderr__ if sys.__stderr__ else sys.stderr, all_threads=False)
    faulthandler.register(signal.SIGUSR1, all_threads=False)


class NetworkRefused(PermissionError):
    """A snippet tried to reach another machine: nothing on the site may download anything."""


def _loopback_only() -> None:
    """In the child: sockets may connect to this machine only (a library that reaches for a hub, a model or a
    data set fails loudly, naming the host, instead of downloading it or hanging on a closed network)."""
    import ipaddress
    import socket

    def local(host) -> bool:
        if host in ("localhost", "", None):
            return True
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return False

    def check(address) -> None:
        if isinstance(address, tuple) and address and not local(address[0]):
            raise NetworkRefused(f"snippets may not use the network: a connection to {address[0]} was refused")

    connect, connect_ex, getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def guarded_connect(self, address):
        check(address)
        return connect(self, address)

    def guarded_connect_ex(self, address):
        check(address)
        return connect_ex(self, address)

    def guarded_getaddrinfo(host, *args, **kwargs):
        if not local(host) and not str(host).endswith(".localhost"):
            raise NetworkRefused(f"snippets may not use the network: looking up {host} was refused")
        return getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = guarded_connect, guarded_connect_ex
    socket.getaddrinfo = guarded_getaddrinfo


def _record_comparisons(torch, label: str, record: list) -> None:
    """Wrap torch.testing.assert_close so that each call also notes its largest absolute difference and its
    tolerances (the proof ledger prints them). It still calls the original and raises what it raises: the
    snippet sees the library's own function at work."""
    import traceback

    from torch.testing import _comparison
    from torch.utils._pytree import tree_leaves

    original = torch.testing.assert_close

    def assert_close(actual, expected, *args, **kwargs):
        entry = {"line": 0, "max_abs": None, "rtol": kwargs.get("rtol"), "atol": kwargs.get("atol"), "passed": False}
        for frame in reversed(traceback.extract_stack(limit=8)):
            if frame.filename == label:
                entry["line"] = frame.lineno
                break
        try:
            pairs = list(zip(tree_leaves(actual), tree_leaves(expected)))
            diffs = []
            for a, e in pairs:
                a, e = torch.as_tensor(a), torch.as_tensor(e)
                if entry["rtol"] is None and a.is_floating_point():
                    entry["rtol"], entry["atol"] = _comparison.default_tolerances(a, e)
                if a.shape == e.shape and a.numel():
                    diffs.append((a.double() - e.double()).abs().nan_to_num(float("inf")).max().item())
            entry["max_abs"] = max(diffs) if diffs else None
        except Exception:  # noqa: BLE001 - the record is a courtesy; the comparison below is what counts
            pass
        record.append(entry)
        original(actual, expected, *args, **kwargs)
        entry["passed"] = True

    torch.testing.assert_close = assert_close


def _is_project_path(p: str) -> bool:
    """The repository root (where the glossary package lives when run from a checkout)."""
    try:
        return (Path(p) / "glossary" / "runner.py").is_file()
    except OSError:
        return False


class _Child:
    """One snippet running in a forked child, with the folder its output is captured in."""

    def __init__(self, request: dict, names_path: str):
        self.id = request.get("id")
        self.timeout = request.get("wall_timeout") or max(600, 5 * request.get("timeout", 120))
        self.max_output = request.get("max_output") or (8 << 20)
        self.capture = tempfile.TemporaryDirectory(prefix="snippet-capture-")
        sys.stdout.flush()
        sys.stderr.flush()
        self.start = time.perf_counter()
        self.pid = os.fork()
        if self.pid == 0:
            _child(request, names_path, self.capture.name)
        self.deadline = self.start + self.timeout

    def exited(self) -> bool:
        return bool(os.waitid(os.P_PID, self.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT))

    def result(self, timed_out: bool = False) -> dict:
        """Reaps the child (killing it first if it timed out) and reads what it left."""
        capdir = self.capture.name
        try:
            if timed_out:
                import signal

                os.kill(self.pid, signal.SIGUSR1)  # faulthandler writes where it is to its stderr
                time.sleep(0.5)
                os.kill(self.pid, signal.SIGKILL)
                _, _, usage = os.wait4(self.pid, 0)
                return failed(
                    f"timed out: no result after {self.timeout:.0f} s of wall time (it used "
                    f"{usage.ru_utime + usage.ru_stime:.1f} s of CPU); where it was:\n"
                    + _tail(os.path.join(capdir, "stderr")),
                    self.timeout,
                )
            _, wstatus, usage = os.wait4(self.pid, 0)
            seconds = time.perf_counter() - self.start
            result_path = os.path.join(capdir, "result.json")
            if not os.path.exists(result_path):
                if os.WIFSIGNALED(wstatus):
                    import signal

                    what = f"was killed by {signal.Signals(os.WTERMSIG(wstatus)).name}"
                else:
                    what = f"exited with status {os.WEXITSTATUS(wstatus)} before reporting"
                return failed(
                    f"the snippet process {what}; its last words:\n" + _tail(os.path.join(capdir, "stderr")), seconds
                )
            with open(result_path) as fh:
                result = json.load(fh)
            size = os.path.getsize(os.path.join(capdir, "stdout"))
            if size >= self.max_output:  # the file-size limit stopped it at the cap (or it caught the error)
                where = f"; where it was stopped:\n{result['error']}" if result.get("error") else ""
                return failed(
                    f"it printed {self.max_output / 1e6:.0f} MB or more, the most a page can show; print less "
                    f"(nothing of it is kept){where}",
                    seconds,
                )
            for stream in ("stdout", "stderr"):
                with open(os.path.join(capdir, stream), encoding="utf-8", errors="replace") as fh:
                    result[stream] = fh.read()
            result["seconds"] = round(seconds, 4)
            result["cpu_seconds"] = round(usage.ru_utime + usage.ru_stime, 4)
            return result
        finally:
            self.capture.cleanup()


def failed(error: str, seconds: float) -> dict:
    return {"ok": False, "error": error, "stdout": "", "stderr": "", "figures": [], "seconds": round(seconds, 4)}


def _tail(path: str, limit: int = 4000) -> str:
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return ""
    return text[-limit:].strip() or "(nothing)"


def _serve(names_path: str, reply) -> None:
    """Reads requests (one JSON line each) from stdin and forks a child for each as it arrives, so the build's
    two executor threads share this one process (and its imports) and their snippets run side by side. Each
    pidfd wakes the loop exactly when its child exits: no polling, which would take CPU from the busy cores.
    Without pidfds (not Linux), one child at a time, polled."""
    import selectors

    concurrent = hasattr(os, "pidfd_open")
    sel = selectors.DefaultSelector()
    sel.register(0, selectors.EVENT_READ)
    running: dict[int, _Child] = {}  # pidfd -> child
    pending, eof = b"", False
    while not eof or running:
        deadline = min((c.deadline for c in running.values()), default=None)
        wait = None if deadline is None else max(0.0, deadline - time.perf_counter())
        for key, _ in sel.select(wait):
            if key.fd == 0:
                chunk = os.read(0, 1 << 16)
                if not chunk:
                    eof = True
                    sel.unregister(0)
                    continue
                pending += chunk
                while b"\n" in pending:
                    line, pending = pending.split(b"\n", 1)
                    if not line.strip():
                        continue
                    child = _Child(json.loads(line), names_path)
                    if concurrent:
                        fd = os.pidfd_open(child.pid)
                        running[fd] = child
                        sel.register(fd, selectors.EVENT_READ)
                        continue
                    while not child.exited() and time.perf_counter() < child.deadline:
                        time.sleep(0.002)
                    if not reply(child.id, child.result(timed_out=not child.exited())):
                        return
            else:
                child = running.pop(key.fd)
                sel.unregister(key.fd)
                os.close(key.fd)
                if not reply(child.id, child.result()):
                    return
        now = time.perf_counter()
        for fd, child in list(running.items()):
            if now > child.deadline:
                del running[fd]
                sel.unregister(fd)
                os.close(fd)
                if not reply(child.id, child.result(timed_out=True)):
                    return


def artifact_digest(path: str | os.PathLike) -> str:
    """SHA-256 of an artifact: a file's bytes, or a folder's files with their relative names (the executor
    checks a cached artifact against the digest its writer's result recorded)."""
    digest = hashlib.sha256()
    if os.path.isdir(path):
        for root, _, files in sorted(os.walk(path)):
            for f in sorted(files):
                full = os.path.join(root, f)
                digest.update(os.path.relpath(full, path).encode() + b"\0")
                with open(full, "rb") as fh:
                    digest.update(fh.read())
    else:
        with open(path, "rb") as fh:
            digest.update(fh.read())
    return digest.hexdigest()


def _worker(names_path: str) -> None:
    os.environ.setdefault("MPLBACKEND", "Agg")
    # Import once here so that every forked child gets them for free. Nothing else: the parent must not
    # run torch operations (their thread pools are not fork-safe).
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot  # noqa: F401
    import numpy  # noqa: F401
    import torch  # noqa: F401

    # torch.testing.assert_close imports these lazily on first use (sympy among them): time that
    # every checking snippet would otherwise pay again in its fresh child.
    import torch.distributed.tensor  # noqa: F401
    import torch.fx.experimental.symbolic_shapes  # noqa: F401
    import torch.nn.functional  # noqa: F401
    import torch.testing._comparison  # noqa: F401

    # The libraries the checks compare with: importing transformers' model classes costs seconds that every
    # snippet using them (and every deliberate error of their checks) would otherwise pay again. Importing
    # starts no thread and runs no tensor operation, so the children still fork cleanly.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    try:
        import peft  # noqa: F401
        import transformers  # noqa: F401
        from transformers import (  # noqa: F401
            GPT2LMHeadModel,
            LlamaForCausalLM,
            MistralForCausalLM,
            PreTrainedTokenizerFast,
            TopKLogitsWarper,
        )
    except ImportError:  # a reader's environment without them: the snippets that need them will say so
        pass
    try:  # trl's trainers (the DPO and GRPO checks): its import pulls in accelerate and datasets
        import trl.trainer.dpo_trainer  # noqa: F401
        import trl.trainer.grpo_trainer  # noqa: F401
    except ImportError:
        pass

    # Likewise the first optimizer pulls in torch._dynamo. Building one runs no tensor op.
    torch.optim.Adam([torch.nn.Parameter(torch.zeros(1))])

    # Warm matplotlib's font loading and SVG writer once (paid by every plotting snippet otherwise). This
    # runs no torch operation, and leaves no figure open for the children.
    import io

    fig = matplotlib.pyplot.figure()
    fig.gca().set_title("warm-up 0123456789")
    fig.savefig(io.StringIO(), format="svg")
    matplotlib.pyplot.close(fig)

    protocol_out = sys.stdout

    def reply(request_id, result: dict) -> bool:
        try:
            protocol_out.write(json.dumps(dict(result, id=request_id)) + "\n")
            protocol_out.flush()
            return True
        except BrokenPipeError:  # the build stopped (a failing page) while this snippet ran
            return False

    _serve(names_path, reply)


if __name__ == "__main__":
    _worker(sys.argv[1])
