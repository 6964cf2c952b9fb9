"""The site's build facts in one place: mkdocs.yml's glossary extension settings, with their defaults.

Everything that needs to know where the pages, snippets, data, artifacts and caches are (the Markdown
extension, the hooks, the mutation tester, the bench, the tests) reads it from here, so a default is written
once.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

EXTENSION = "glossary.markdown_ext"

DEFAULTS = {
    "docs_dir": "docs",
    "snippets_dir": "snippets",
    "names_path": "docs/names.txt",
    "data_files": [],
    "artifacts": {},
    "cache_dir": ".cache/snippets",
    "explorers": {},
    "explorer_script": "glossary/explorers/explorer.js",
}


@dataclass(frozen=True)
class Site:
    root: Path
    docs_dir: str = DEFAULTS["docs_dir"]
    snippets_dir: str = DEFAULTS["snippets_dir"]
    names_path: str = DEFAULTS["names_path"]
    data_files: tuple[str, ...] = ()
    artifacts: dict = field(default_factory=dict)  # file name -> the snippet that writes it
    cache_dir: str = DEFAULTS["cache_dir"]
    explorers: dict = field(default_factory=dict)
    explorer_script: str = DEFAULTS["explorer_script"]

    @classmethod
    def from_config(cls, ext: dict, root: str | Path = ".") -> "Site":
        cfg = {**DEFAULTS, **(ext or {})}
        return cls(
            Path(root).resolve(),
            cfg["docs_dir"],
            cfg["snippets_dir"],
            cfg["names_path"],
            tuple(cfg["data_files"] or ()),
            dict(cfg["artifacts"] or {}),
            cfg["cache_dir"],
            dict(cfg["explorers"] or {}),
            cfg["explorer_script"],
        )

    @property
    def data(self) -> dict[str, str]:
        """Data file name -> its path in the repository (names.txt first)."""
        return {Path(p).name: p for p in [self.names_path, *self.data_files]}

    def inventory(self):
        from glossary import inventory

        return inventory.scan(self.root, self.docs_dir, self.snippets_dir, self.data, dict(self.artifacts))

    @property
    def cache_path(self) -> Path:
        """The snippet cache folder: GLOSSARY_CACHE_DIR if set (the tests' builds), else cache_dir under the root.
        Known without starting the executor (whose workers import torch)."""
        cache = Path(os.environ.get("GLOSSARY_CACHE_DIR") or self.cache_dir)
        return cache if cache.is_absolute() else self.root / cache

    def key(self, code: str, inv=None) -> str:
        """The cache key of a snippet's result on this site (see content_key)."""
        return content_key(self.root, code, inv if inv is not None else self.inventory())

    def executor(self):
        from glossary import execute

        return execute.get(self.root, self.cache_path, self.names_path)

    def page_of(self, markdown: str) -> str | None:
        """Which page (docs/...md, relative to the root) has this Markdown as its body. Python-Markdown does not
        say which page it renders; the body identifies it (MkDocs hands over the page without its front matter)."""
        from glossary import inventory

        docs = self.root / self.docs_dir
        return _bodies(str(docs), tuple(inventory.tree_stamp(docs, ".md"))).get(_digest(markdown))


# Every package a snippet's output can depend on.
PACKAGES = ("torch", "matplotlib", "numpy", "tokenizers", "safetensors", "transformers", "peft")


@functools.lru_cache(maxsize=16)
def _file_hash(path: str, _stamp: tuple) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def file_hash(path: str | Path) -> str:
    """A file's SHA-256, read again only when its modification time or size changed."""
    st = os.stat(path)
    return _file_hash(os.fspath(path), (st.st_mtime_ns, st.st_size))


@functools.cache
def salt() -> str:
    """What every result depends on besides its snippet: the runner's version and code, the code that draws
    figures, Python's version and the packages' versions."""
    from glossary import runner

    versions = {}
    for p in PACKAGES:
        try:
            versions[p] = metadata.version(p)
        except metadata.PackageNotFoundError:
            versions[p] = None
    here = Path(__file__).resolve().parent
    code = [hashlib.sha256((here / f).read_bytes()).hexdigest()[:16] for f in ("runner.py", "figures.py")]
    return json.dumps([runner.RUNNER_VERSION, code, sys.version_info[:2], versions])


def content_key(root: Path, code: str, inv) -> str:
    """A snippet's cache key: its code, the salt, the content of each data file it gets, and for each artifact
    it reads, its writer's key (so editing a writer re-runs its readers). A writer that reads, directly or
    not, what it writes itself is an error.

    Keys are kept on the inventory, which is a snapshot (inventory.scan() makes a new one whenever a page, a
    snippet or a data file changed): `mkdocs serve` asks for every block's key at each rebuild."""
    memo = inv.keys.setdefault(str(root), {})
    if code not in memo:
        memo[code] = _content_key(root, code, inv, inv.keys.setdefault(("data", str(root)), {}), ())
    return memo[code]


def _content_key(root: Path, code: str, inv, data: dict, seen: tuple) -> str:
    parts = [salt(), code]
    for name in inv.data_read(code):
        if name not in data:  # hashed once per inventory, when a block first reads it
            data[name] = file_hash(os.path.join(root, inv.data_files[name]))
        parts.append(f"data:{name}:{data[name]}")
    for name in inv.reads(code):
        writer = inv.writer(name)
        if writer.code in seen:
            raise ValueError(f"artifact {name}: its writer {writer.file} reads an artifact written after it")
        parts.append(f"artifact:{name}:{_content_key(root, writer.code, inv, data, (*seen, code))}")
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:32]


def _digest(markdown: str) -> str:
    return hashlib.sha256(markdown.strip().encode("utf-8")).hexdigest()


@functools.lru_cache(maxsize=8)
def _bodies(docs: str, stamp: tuple) -> dict[str, str]:
    """Body digest -> page path (relative to the repository root), for every page under docs/."""
    root = Path(docs).parent
    return {_body_digest(*s): Path(s[0]).relative_to(root).as_posix() for s in stamp}


@functools.lru_cache(maxsize=1024)
def _body_digest(page: str, _mtime: int, _size: int) -> str:
    """Once per version of a page: after an edit, only the page edited is read again."""
    from mkdocs.utils.meta import get_data

    body, _ = get_data(Path(page).read_text(encoding="utf-8-sig"))
    return _digest(body)


def extension_config(root: str | Path = ".") -> dict:
    """The glossary extension's settings in mkdocs.yml (without defaults)."""
    from glossary import render

    for ext in render.mkdocs_config(Path(root))["markdown_extensions"]:
        if isinstance(ext, dict) and EXTENSION in ext:
            return dict(ext[EXTENSION] or {})
    return {}


@functools.lru_cache(maxsize=4)
def _load(root: str) -> Site:
    return Site.from_config(extension_config(root), root)


def load(root: str | Path = ".") -> Site:
    """The site of the repository at ``root``, from its mkdocs.yml."""
    return _load(str(Path(root).resolve()))
