"""Which snippet file each code block of each page shows, and at which line of the page it is included.

Every ```` ```python ```` block of the site is one include of one file under ``snippets/``::

    ```python
    --8<-- "softmax/from_scratch.py"
    ```

so a block's code is exactly a file's text, and an error in it can be reported as *that file, that line,
included at that page's line*. pymdownx.snippets does the expanding for the build and the tests; this module
only reads the page sources and the snippet files they include to know where each block comes from, so
the Markdown extension can scan every page before the first one is rendered and run all their snippets at
once, on every core.

Artifacts: a few snippets write a file (or a folder) that other snippets read (the names GPT's trained weights).
mkdocs.yml names each and the snippet that writes it (``artifacts:``); a snippet that declares it in its first
lines (``# needs: names_gpt.safetensors``) reads it, so it runs after the writer, in a folder that also holds it.
"""

from __future__ import annotations

import functools
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")
INCLUDE = re.compile(r"""^\s*-{1,}8<-{1,}\s+(?P<q>["'])(?P<path>[^"']+)(?P=q)\s*$""")


class InventoryError(ValueError):
    """A page's code block breaks the one-block-one-file rule; the message says where."""


@dataclass(frozen=True)
class Block:
    page: str  # the page's path relative to the repository, e.g. docs/terms/softmax.md
    line: int  # 1-based line of the page where the include stands
    file: str  # the snippet's path relative to the repository, e.g. snippets/softmax/from_scratch.py
    code: str  # the file's text as the page shows it (what pymdownx.snippets inserts)

    @property
    def name(self) -> str:
        """The include path as written on the page: softmax/from_scratch.py."""
        return self.file.split("/", 1)[1]


@dataclass(frozen=True)
class Caught:
    """A deliberate error that a check must catch: one patch of the check's own code (``old`` -> ``new``,
    ``old`` found exactly once), declared in the page's front matter under ``checks:``."""

    block: Block  # the check it patches
    name: str  # "bias correction off by one"
    old: str
    new: str
    seen: str = ""  # a public project that had this very bug (an issue or pull request)

    @property
    def code(self) -> str:
        return self.block.code.replace(self.old, self.new, 1)


@dataclass(frozen=True)
class Check:
    """A page's check (a block in its "Check against" section or named under ``checks:``): what it compares
    with, and the deliberate errors it was run against."""

    block: Block
    against: str  # "torch.optim.SGD, Adam and AdamW"
    caught: tuple[Caught, ...]
    equivalent: tuple[tuple[str, str], ...] = ()  # (mutant, why it cannot be caught)


@dataclass
class Inventory:
    blocks: list[Block] = field(default_factory=list)
    data_files: dict[str, str] = field(default_factory=dict)  # names.txt -> docs/names.txt
    artifacts: dict[str, str] = field(default_factory=dict)  # names_gpt.safetensors -> its writer's file
    checks: list[Check] = field(default_factory=list)
    output_first: set[str] = field(default_factory=set)  # blocks shown output first, their code folded
    keys: dict = field(default_factory=dict, compare=False, repr=False)  # site.content_key's memo
    _writers: dict = field(default_factory=dict, compare=False, repr=False)  # writer()'s memo

    def check_of(self, block: Block) -> Check | None:
        return next((c for c in self.checks if c.block == block), None)

    def variants(self) -> list[Caught]:
        return [e for c in self.checks for e in c.caught]

    def by_code(self, code: str) -> list[Block]:
        return [b for b in self.blocks if b.code == code]

    def pages_of(self, file: str) -> list[Block]:
        return [b for b in self.blocks if b.file == file]

    def reads(self, code: str) -> list[str]:
        """The artifacts a snippet reads: those its first lines declare (``# needs: names_gpt.safetensors``)."""
        return [name for name in needs(code) if name in self.artifacts]

    def writer(self, name: str) -> Block:
        """The block that writes an artifact (its first appearance, if its file is on several pages)."""
        if name not in self._writers:
            self._writers[name] = self.pages_of(self.artifacts[name])[0]
        return self._writers[name]

    def depth(self, block: Block) -> int:
        """Where a block sits in the artifact graph: 0 if it reads no artifact, else one more than the deepest
        writer it reads from (the executor runs the writers first)."""
        writers = [self.writer(n) for n in self.reads(block.code)]
        return 1 + max(map(self.depth, writers)) if writers else 0

    def writes(self, block: Block) -> list[str]:
        return [name for name, writer in self.artifacts.items() if writer == block.file]

    def data_read(self, code: str) -> list[str]:
        """Data files a snippet gets in its folder: names.txt always (the site's promise), the others it
        declares (``# needs: names-1915.txt``)."""
        declared = needs(code)
        return [name for name in self.data_files if name == "names.txt" or name in declared]

    def page_files(self, page: str) -> set[str]:
        """Every file a page's output depends on: its snippets, the data they read, the writers of the
        artifacts they read (for `mkdocs serve --dirty`: edit one, and the page is rebuilt)."""
        return set(self._page_files.get(page, ()))

    @functools.cached_property
    def _page_files(self) -> dict[str, set[str]]:
        # Once per inventory: `mkdocs serve --dirty` asks for every page at every rebuild.
        deps: dict[str, set[str]] = {}
        for b in self.blocks:
            page = deps.setdefault(b.page, set())
            page.add(b.file)
            page.update(self.data_files[n] for n in self.data_read(b.code))
            page.update(self.artifacts[n] for n in self.reads(b.code))
        return deps


NEEDS = re.compile(r"^# needs: (?P<names>.+)$")


def needs(code: str) -> list[str]:
    """The files a snippet declares it reads, in its first comment lines::

        # needs: names_gpt.safetensors, names-1915.txt

    The reader sees the same line: put these files beside the snippet. names.txt is always there. Nothing is
    inferred from the code itself (a comment that merely mentions a file does not make a reader)."""
    return list(_needs(code))


@functools.lru_cache(maxsize=4096)  # asked for every block's key, at every `mkdocs serve` rebuild
def _needs(code: str) -> tuple[str, ...]:
    out: list[str] = []
    for line in code.splitlines():
        if not line.startswith("#"):
            break
        m = NEEDS.match(line.strip())
        if m:
            out.extend(n.strip() for n in m.group("names").split(",") if n.strip())
    return tuple(out)


def normalise(text: str) -> str:
    """A file's text as a fenced block shows it: its lines without leading or trailing blank lines (the
    includes add one), one newline at the end."""
    lines = text.splitlines()
    while lines and not lines[-1].strip():
        lines.pop()
    while lines and not lines[0].strip():
        lines.pop(0)
    return "\n".join(lines) + "\n"


def closes(line: str, fence: str) -> bool:
    """CommonMark's rule: a closing fence is the same character, at least as many times, and nothing else."""
    stripped = line.strip()
    return len(stripped) >= len(fence) and set(stripped) == {fence[0]}


def fenced(lines: list[str]):
    """Each fenced block of a page as (i, j, indent, info): lines[i] opens it, lines[j] closes it (j ==
    len(lines) if it is never closed), indent is the opening fence's indentation, info its info string. The
    one fence parser of the site: the inventory, the Markdown extension and the notebooks all use it."""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        fence = m.group("fence")
        j = i + 1
        while j < len(lines) and not closes(lines[j], fence):
            j += 1
        yield i, j, m.group("indent"), m.group("info").strip()
        i = j + 1


def page_blocks(page: Path, root: Path, snippets_dir: str = "snippets", stamps: dict | None = None) -> list[Block]:
    """The python blocks of one page, in order. Raises InventoryError for a block that is not one include.
    ``stamps`` (path -> stamp() entry), when the caller has just taken them, spares a second look at files."""
    stamps = stamps or {}

    def current(path: Path) -> tuple:
        return stamps.get(str(path)) or stamp([path])[0]

    _, mtime, size = current(page)
    found = _page_blocks(str(page), str(root), snippets_dir, mtime, size)
    # A snippet file edited since: read again.
    if any((current(Path(root, b.file)),) != s for b, s in found):
        _page_blocks.cache_clear()
        found = _page_blocks(str(page), str(root), snippets_dir, mtime, size)
    return [b for b, _ in found]


@functools.lru_cache(maxsize=1024)
def _page_blocks(page_str: str, root_str: str, snippets_dir: str, _mtime: int, _size: int) -> tuple:
    """Parsed once per version of the page and of its snippets: `mkdocs serve` asks on every save."""
    page, root = Path(page_str), Path(root_str)
    rel = page.relative_to(root).as_posix()
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks = []
    for i, j, _, info in fenced(lines):
        body = [ln for ln in lines[i + 1 : j] if ln.strip()]
        includes = [INCLUDE.match(ln) for ln in body]
        if info == "python":
            if len(body) != 1 or not includes[0]:
                raise InventoryError(
                    f'{rel}:{i + 1}: a ```python block must hold exactly one line, --8<-- "<slug>/<file>.py" '
                    "(one block, one snippet file: readers download it and the tests name it in errors)"
                )
            path = includes[0].group("path")
            file = Path(root, snippets_dir, path)
            if not file.is_file():
                raise InventoryError(f"{rel}:{i + 2}: included snippet {snippets_dir}/{path} does not exist")
            blocks.append(
                (
                    Block(rel, i + 2, f"{snippets_dir}/{path}", normalise(file.read_text(encoding="utf-8"))),
                    stamp([file]),
                )
            )
    return tuple(blocks)


def front_matter(page: Path) -> dict:
    """The page's YAML front matter ({} if it has none). Parsed once per version of the file: after an edit
    the inventory is scanned again, and YAML would otherwise be parsed for every page, twice."""
    import copy

    st = Path(page).stat()
    return copy.deepcopy(_front_matter(str(page), st.st_mtime_ns, st.st_size))


@functools.lru_cache(maxsize=1024)
def _front_matter(page: str, _mtime: int, _size: int) -> dict:
    import yaml

    text = Path(page).read_text(encoding="utf-8")
    if not text.startswith("---\n"):
        return {}
    end = text.find("\n---\n", 4)
    meta = yaml.safe_load(text[4:end]) if end > 0 else None
    return meta if isinstance(meta, dict) else {}


def page_output_first(page: Path, root: Path, blocks: list[Block]) -> set[str]:
    """The blocks whose output (a figure) the page shows before their code, the code folded under it, so
    that a reader sees the picture first (on a phone, long code would push it screens down)::

    output_first: [diagram.py]
    """
    rel = page.relative_to(root).as_posix()
    out = set()
    for name in front_matter(page).get("output_first") or ():
        block = next((b for b in blocks if b.name == name or b.name.split("/")[-1] == name), None)
        if block is None:
            raise InventoryError(f"{rel}: front matter output_first: {name} is not a block of this page")
        out.add(block.file)
    return out


def page_checks(page: Path, root: Path, blocks: list[Block]) -> list[Check]:
    """The checks a page declares in its front matter::

    checks:
      check_vs_pytorch.py:
        against: torch.optim.Adam
        catches:
          - error: bias correction off by one
            replace: "1 - b1**t"
            by: "1 - b1**(t + 1)"
            seen: https://github.com/...    # optional: a project that had this very bug
        equivalent:                         # mutants no check can catch, each with its reason
          - mutant: "..."
            why: "..."
    """
    declared = front_matter(page).get("checks") or {}
    rel = page.relative_to(root).as_posix()
    out = []
    for name, spec in declared.items():
        block = next((b for b in blocks if b.name == name or b.name.split("/")[-1] == name), None)
        if block is None:
            raise InventoryError(f"{rel}: front matter checks: {name} is not a block of this page")
        spec = spec or {}
        caught = []
        for item in spec.get("catches") or ():
            old, new = str(item.get("replace", "")), str(item.get("by", ""))
            count = block.code.count(old) if old else 0
            if count != 1:
                raise InventoryError(
                    f"{rel}: checks: {name}: error {item.get('error')!r}: its text to replace occurs {count} "
                    f"times in {block.file}, not once: {old!r}"
                )
            caught.append(Caught(block, str(item["error"]), old, new, str(item.get("seen") or "")))
        equivalent = tuple((str(e["mutant"]), str(e["why"])) for e in spec.get("equivalent") or ())
        out.append(Check(block, str(spec.get("against") or ""), tuple(caught), equivalent))
    return out


def stamp(paths) -> tuple:
    """What identifies files' current content cheaply: an edit changes mtime or size."""
    out = []
    for p in paths:
        st = Path(p).stat()
        out.append((str(p), st.st_mtime_ns, st.st_size))
    return tuple(out)


@functools.lru_cache(maxsize=8)
def _scan(root: str, docs_dir: str, snippets_dir: str, data: tuple, artifacts: tuple, _stamp: tuple) -> Inventory:
    inv = Inventory(
        data_files=dict(data),
        artifacts={n: w if w.startswith(snippets_dir + "/") else f"{snippets_dir}/{w}" for n, w in artifacts},
    )
    stamps = {s[0]: s for s in _stamp}
    for page in sorted(Path(root, docs_dir).rglob("*.md")):
        blocks = page_blocks(page, Path(root), snippets_dir, stamps)
        _, mtime, size = stamps.get(str(page)) or stamp([page])[0]
        checks, output_first = _page_front(str(page), root, mtime, size, tuple(blocks))
        inv.blocks.extend(blocks)
        inv.checks.extend(checks)
        inv.output_first |= output_first
    known = set(inv.artifacts) | set(inv.data_files)
    for b in inv.blocks:
        unknown = [n for n in needs(b.code) if n not in known]
        if unknown:
            raise InventoryError(
                f"{b.page}:{b.line}: {b.file} needs {', '.join(unknown)}, which is neither a data "
                "file nor an artifact (mkdocs.yml: data_files, artifacts)"
            )
    for name, writer in inv.artifacts.items():
        readers = [b for b in inv.blocks if name in needs(b.code)]
        if readers and not inv.pages_of(writer):
            raise InventoryError(
                f"{readers[0].page}:{readers[0].line}: {readers[0].file} reads {name}, but "
                f"{writer}, which writes it (mkdocs.yml: artifacts), is on no page"
            )
    return inv


@functools.lru_cache(maxsize=1024)
def _page_front(page: str, root: str, _mtime: int, _size: int, blocks: tuple[Block, ...]) -> tuple:
    """A page's checks and output-first blocks, made once per version of the page and of its blocks: after an
    edit the whole inventory is scanned again."""
    checks = page_checks(Path(page), Path(root), list(blocks))
    return tuple(checks), frozenset(page_output_first(Path(page), Path(root), list(blocks)))


def scan(
    root: str | Path = ".",
    docs_dir: str = "docs",
    snippets_dir: str = "snippets",
    data_files: dict[str, str] | None = None,
    artifacts: dict[str, str] | None = None,
) -> Inventory:
    """Every page's blocks; re-read only when a page, a snippet or a data file changed (mkdocs serve asks per
    page). An inventory is a snapshot: after an edit, scan again (keys are memoised on it)."""
    root = Path(root).resolve()
    data = tuple(sorted((data_files or {}).items()))
    arts = tuple(sorted((artifacts or {}).items()))
    stamps = (
        *tree_stamp(root / docs_dir, ".md"),
        *tree_stamp(root / snippets_dir, ".py"),
        *(_data_stamp(root / path) for _, path in data),
    )
    return _scan(str(root), docs_dir, snippets_dir, data, arts, stamps)


def _data_stamp(path: Path) -> tuple:
    try:
        return stamp([path])[0]
    except OSError:  # missing: the key of a block that reads it says so
        return (str(path), None, None)


def tree_stamp(folder: Path, suffix: str) -> list[tuple]:
    """stamp() of every file under a folder with this suffix. os.walk, not Path.rglob: `mkdocs serve` stamps
    the whole site several times per rebuild, and rglob is several times slower."""
    out = []
    for parent, dirs, files in os.walk(folder):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(suffix):
                path = os.path.join(parent, name)
                st = os.stat(path)
                out.append((path, st.st_mtime_ns, st.st_size))
    return out
