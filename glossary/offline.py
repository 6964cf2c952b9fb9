"""The site to read from disk: a zip of a build that works when unzipped and opened from ``file://``.

Material's offline plugin does the site's part (mkdocs.yml: ``offline``, on when GLOSSARY_OFFLINE=true): page
links end in ``.html`` instead of directory URLs, and the search index is also written as a script
(``search/search_index.js``) because a page opened from disk may not fetch JSON. Its search still runs in a
Web Worker, which browsers do not start from ``file://``; the plugin then adds the ``iframe-worker`` shim,
from unpkg.com unless ``extra.polyfills`` already lists a URL containing "iframe-worker" (a CDN script: the
site loads nothing from outside). mkdocs.offline.yml lists a copy served by the site itself, which this script
installs from the npm registry at build time (``npm pack``, pinned version, checked against the registry's
integrity hash; kept in .cache/npm) and copies into the offline site. The served site is unchanged: it is a
separate build.

Called after every full build by glossary/mkdocs_hooks.py (on_post_build), which puts the zip in the site as
``downloads/glossary-offline.zip`` (linked from the home page); by hand::

    python -m glossary.offline site/downloads/glossary-offline.zip
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from glossary.downloads import write_zip

SHIM_PACKAGE = "iframe-worker@1.0.4"
SHIM_IN_PACKAGE = "package/shim/index.js"
SHIM_IN_SITE = "assets/javascripts/iframe-worker-shim.js"  # mkdocs.offline.yml: extra.polyfills
OFFLINE_ZIP = "glossary-offline.zip"
FOLDER = "llm-glossary"  # what unzipping creates; open llm-glossary/index.html


def shim(root: Path = Path(".")) -> Path:
    """The iframe-worker shim, from the npm registry the first time (then from .cache/npm)."""
    cache = root / ".cache" / "npm" / SHIM_PACKAGE.replace("@", "-")
    target = cache / "shim.js"
    if target.is_file():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(
            "glossary.offline: npm is needed once, to install the iframe-worker shim from the npm "
            "registry (apt-get install npm)"
        )
    cache.mkdir(parents=True, exist_ok=True)
    out = subprocess.run(
        [npm, "pack", SHIM_PACKAGE, "--cache", str(cache / "npm-cache")], cwd=cache, capture_output=True, text=True
    )
    if out.returncode != 0:
        raise SystemExit(f"glossary.offline: npm pack {SHIM_PACKAGE} failed:\n{out.stderr}")
    tgz = cache / out.stdout.strip().splitlines()[-1]
    with tarfile.open(tgz) as tar:
        data = tar.extractfile(SHIM_IN_PACKAGE).read()
    target.write_bytes(data)
    return target


def build_site(out: Path, root: Path = Path(".")) -> Path:
    """Build the offline variant of the site into ``out`` (snippet results come from the usual cache)."""
    env = dict(os.environ, GLOSSARY_OFFLINE="true", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", "mkdocs.offline.yml", "--site-dir", str(out)],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
    )
    if proc.returncode != 0:
        raise SystemExit(f"glossary.offline: the offline build failed:\n{proc.stdout}\n{proc.stderr}")
    dest = out / SHIM_IN_SITE
    dest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shim(root), dest)
    # The home page links the offline zip itself; inside the zip that file is an empty stand-in: drop it.
    (out / "downloads" / OFFLINE_ZIP).unlink(missing_ok=True)
    return out


def build_zip(dest: Path, root: Path = Path(".")) -> Path:
    with tempfile.TemporaryDirectory(prefix="glossary-offline-") as tmp:
        site = build_site(Path(tmp) / "site", root)
        entries = {
            f"{FOLDER}/{p.relative_to(site).as_posix()}": p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()
        }
    return write_zip(dest, entries)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dest", type=Path, help="where to write the zip")
    args = parser.parse_args(argv)
    path = build_zip(args.dest)
    print(f"{path}: {path.stat().st_size / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
