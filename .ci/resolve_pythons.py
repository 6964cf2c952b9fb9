"""The dependency set resolves on Python 3.12 and 3.13 too, without downloading a CUDA build.

For each interpreter (pyenv's, or PYTHON312 / PYTHON313 from the environment):

- `pip install --dry-run --report` of every dependency of pyproject.toml (with the test extras) but torch,
  into nothing, with that interpreter's pip: the markers are evaluated for that Python (mkdocs-jupyter differs).
- torch: `pip index versions torch` lists only the versions with a wheel for that interpreter; 2.13.0, the
  pin, must be one of them.

Why torch apart: the registry mirror here serves no separate wheel metadata (PEP 658), so pip's dry run
downloads every wheel to read its dependencies, and PyPI's Linux torch wheel for 3.12/3.13 is the CUDA build
(527 MB, plus about 1 GB of nvidia-* wheels). Checked two ways that none was fetched: no torch, triton or
nvidia-* package is in pip's report, and the machine received less than 600 MB during the whole check (counted
from /proc/net/dev; the dependency set without torch is about 290 MB, torch's CUDA wheel alone 527 MB).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 600 * 1024 * 1024


def interpreter(version: str) -> str | None:
    env = os.environ.get(f"PYTHON{version.replace('.', '')}")
    if env:
        return env
    for base in (Path.home() / ".pyenv" / "versions", Path("/root/.pyenv/versions")):
        found = sorted(base.glob(f"{version}.*/bin/python"))
        if found:
            return str(found[-1])
    return shutil.which(f"python{version}")


def received() -> int:
    total = 0
    for line in Path("/proc/net/dev").read_text().splitlines()[2:]:
        name, data = line.split(":", 1)
        if name.strip() != "lo":
            total += int(data.split()[0])
    return total


def _name(req: str) -> str:
    import re

    return re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0].lower().replace("_", "-")


def _requires(pkg: str) -> list[str]:
    """The installed copy's unconditional requirements (extras left out), as written."""
    from importlib import metadata

    try:
        reqs = metadata.requires(pkg) or []
    except metadata.PackageNotFoundError:
        return []
    return [r.split(";")[0].strip() for r in reqs if "extra ==" not in r]


def needs_torch(pkg: str, seen: set[str] | None = None) -> bool:
    """Whether the installed copy of pkg requires torch, directly or through what it requires."""
    seen = set() if seen is None else seen
    if pkg in seen:
        return False
    seen.add(pkg)
    return any(_name(r) == "torch" or needs_torch(_name(r), seen) for r in _requires(pkg))


def requirements() -> tuple[list[str], list[str]]:
    """(resolved with their dependencies, resolved alone with --no-deps).

    Every package that requires torch, directly or through another (peft -> accelerate -> torch; trl ->
    accelerate -> torch), is resolved alone: left to the resolver it would pull torch, and for 3.12/3.13 that
    is the CUDA build. Which ones those are is read from this interpreter's installed copies, not listed by
    hand: a hand list missed trl once. Their own other requirements are resolved with the rest.
    """
    from importlib import metadata

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    heavy: dict[str, str] = {}  # name -> requirement, for every package in the closure that needs torch
    todo = [r for r in reqs if _name(r) != "torch"]
    while todo:
        req = todo.pop()
        name = _name(req)
        if name in heavy or not needs_torch(name):
            continue
        heavy[name] = req if any(req is r for r in reqs) else f"{name}=={metadata.version(name)}"
        todo.extend(_requires(name))
    extra = {r for pkg in heavy for r in _requires(pkg) if _name(r) != "torch" and _name(r) not in heavy}
    rest = [r for r in reqs if _name(r) != "torch" and _name(r) not in heavy]
    return rest + sorted(extra), sorted(heavy.values())


def torch_pin() -> str:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return next(r.split("==")[1].split(";")[0].strip() for r in project["dependencies"] if r.startswith("torch=="))


def main() -> int:
    failures = []
    for version in ("3.12", "3.13"):
        python = interpreter(version)
        if python is None:
            failures.append(f"Python {version}: no interpreter found (set PYTHON{version.replace('.', '')})")
            continue
        with tempfile.TemporaryDirectory() as tmp:
            report = Path(tmp, "report.json")
            before, start = received(), time.perf_counter()
            rest, alone = requirements()
            proc = subprocess.run([python, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
                                   "--no-cache-dir", "--report", str(report), *rest],
                                  capture_output=True, text=True)
            if proc.returncode == 0 and alone:
                proc = subprocess.run([python, "-m", "pip", "install", "--dry-run", "--ignore-installed",
                                       "--quiet", "--no-cache-dir", "--no-deps", *alone],
                                      capture_output=True, text=True)
            index = subprocess.run([python, "-m", "pip", "index", "versions", "torch"], capture_output=True,
                                   text=True)
            got, seconds = received() - before, time.perf_counter() - start
            if proc.returncode != 0:
                failures.append(f"Python {version}: pip cannot resolve the dependencies:\n{proc.stderr[-3000:]}")
                continue
            chosen = {i["metadata"]["name"].lower(): i["metadata"]["version"]
                      for i in json.loads(report.read_text())["install"]}
        versions = next((ln.split(":", 1)[1] for ln in index.stdout.splitlines()
                         if ln.startswith("Available versions:")), "")
        pin = torch_pin()
        print(f"Python {version} ({python}): {len(chosen)} packages resolve in {seconds:.0f} s, "
              f"{got / 1e6:.1f} MB received; torch {torch_pin()} has a wheel: "
              f"{pin in [v.strip() for v in versions.split(',')]}, "
              f"mkdocs-jupyter {chosen.get('mkdocs-jupyter')}, mkdocs-material {chosen.get('mkdocs-material')}")
        if pin not in [v.strip() for v in versions.split(",")]:
            failures.append(f"Python {version}: no torch {pin} wheel for this interpreter ({index.stdout.strip()})")
        cuda = sorted(n for n in chosen if n in ("torch", "triton") or n.startswith("nvidia-"))
        if cuda:
            failures.append(f"Python {version}: the resolution pulled {', '.join(cuda)}: some requirement needs "
                            "torch and was not resolved alone (see requirements())")
        if got > LIMIT:
            failures.append(f"Python {version}: {got / 1e6:.0f} MB received while resolving: a wheel was "
                            "downloaded (a CUDA torch build?)")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
