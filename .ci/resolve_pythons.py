"""The dependency set resolves on Python 3.12 and 3.13 too, without downloading a CUDA build.

For each interpreter (pyenv's, or PYTHON312 / PYTHON313 from the environment):

- `pip install --dry-run --report` of every dependency of pyproject.toml (with the test extras) but torch,
  into nothing, with that interpreter's pip: the markers are evaluated for that Python (mkdocs-jupyter differs).
- torch: `pip index versions torch` lists only the versions with a wheel for that interpreter; 2.13.0, the
  pin, must be one of them.

Why torch apart: the registry mirror here serves no separate wheel metadata (PEP 658), so pip's dry run
downloads every wheel to read its dependencies, and PyPI's Linux torch wheel for 3.12/3.13 is the CUDA build
(527 MB, plus about 1 GB of nvidia-* wheels). Checked as well: the machine received less than 300 MB during
the whole check (counted from /proc/net/dev), so no CUDA build was fetched.
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
LIMIT = 300 * 1024 * 1024


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


# Packages that require torch themselves: resolved without their dependencies (--no-deps), and their other
# requirements (read from this interpreter's installed copies) resolved with the rest. Otherwise the dry run
# would resolve torch for them and download the CUDA build.
NEEDS_TORCH = ("peft", "accelerate")


def _name(req: str) -> str:
    import re

    return re.split(r"[\s<>=!~;\[]", req, maxsplit=1)[0].lower()


def requirements() -> tuple[list[str], list[str]]:
    """(resolved with their dependencies, resolved alone)."""
    from importlib import metadata

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    reqs = [*project["dependencies"], *project["optional-dependencies"]["test"]]
    alone = [r for r in reqs if _name(r) in NEEDS_TORCH]
    if any(_name(r) == "peft" for r in reqs):
        alone.append(f"accelerate=={metadata.version('accelerate')}")
    extra = []
    for pkg in NEEDS_TORCH:
        for req in metadata.requires(pkg) or ():
            if "extra ==" not in req and _name(req) not in ("torch", *NEEDS_TORCH):
                extra.append(req.split(";")[0].strip())
    rest = [r for r in reqs if _name(r) != "torch" and _name(r) not in NEEDS_TORCH]
    return rest + sorted(set(extra)), alone


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
        if got > LIMIT:
            failures.append(f"Python {version}: {got / 1e6:.0f} MB received while resolving: a wheel was "
                            "downloaded (a CUDA torch build?)")
    for f in failures:
        print("FAIL:", f, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
