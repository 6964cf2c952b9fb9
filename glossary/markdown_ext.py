"""The glossary's Python-Markdown extension (``glossary.markdown_ext`` in mkdocs.yml).

A Markdown extension rather than an MkDocs plugin or hook, so that it keeps working under any builder that
reads mkdocs.yml's ``markdown_extensions`` (Material's successor does; it reads no MkDocs hooks). It does
four things, each small:

1. **Executed snippets.** After pymdownx.snippets has expanded the ``--8<--`` includes, every fenced block
   whose info string is exactly ``python`` is run by ``glossary.runner`` (fresh-interpreter semantics, in an
   empty folder holding names.txt) and what it printed, and every figure it drew, is inserted under it.
   A snippet that raises, writes to stderr or draws an untitled figure fails the build. Results are cached
   by content (code, names.txt, runner and package versions) under ``.cache/snippets``, so a prose edit
   re-renders without running anything.
2. **Math at build time.** pymdownx.arithmatex (generic mode) finds ``$...$`` and ``$$...$$``; this
   extension replaces what it found with MathML from latex2mathml, which browsers render natively: no
   JavaScript, no CDN, no fonts.
3. **The glossary table.** A line ``[[glossary-table]]`` becomes the table of every term page (title link,
   summary from its front matter).
4. **Tooltips.** Each term's aliases become abbreviations whose title is the term's summary (Python-Markdown's
   abbr glossary); the browser shows the title on hover. Same front matter, one sentence.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import os
import re
import sys
import textwrap
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from glossary import mathml, runner, terms

FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})(?P<info>[^`]*)$")


class SnippetError(Exception):
    """A snippet shown on a page failed; the build stops."""


def _stamp(*paths: Path) -> tuple:
    """What identifies a file's current content cheaply: an edit changes its mtime or size."""
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in paths)


# MkDocs builds a Markdown instance, so this extension, for every page, and `mkdocs serve` rebuilds every page
# on each save: compute these once per process and file version rather than per page (0.6 s a build).
@functools.lru_cache(maxsize=4)
def _salt(names_path: str, stamp: tuple) -> str:
    # Every package a snippet's output can depend on (tokenizers: the tokenizer page trains BPE with it).
    versions = {p: metadata.version(p) for p in ("torch", "matplotlib", "numpy", "tokenizers")}
    names_hash = hashlib.sha256(Path(names_path).read_bytes()).hexdigest()
    return json.dumps([runner.RUNNER_VERSION, sys.version_info[:2], versions, names_hash])


@functools.lru_cache(maxsize=4)
def _terms(docs_dir: str, stamp: tuple) -> tuple[list, dict]:
    term_list = terms.load_terms(docs_dir)
    return term_list, terms.abbreviations(term_list)


class SnippetCache:
    """Runs snippets through one shared Runner, with results cached on disk by content."""

    _runner: runner.Runner | None = None  # one worker per process (mkdocs serve rebuilds reuse it)

    def __init__(self, names_path: str, cache_dir: str):
        self.names_path = Path(names_path)
        self.cache_dir = Path(os.environ.get("GLOSSARY_CACHE_DIR", cache_dir))
        self.salt = _salt(str(self.names_path.resolve()), _stamp(self.names_path))

    def key(self, code: str) -> str:
        return hashlib.sha256((self.salt + "\0" + code).encode()).hexdigest()[:32]

    def run(self, code: str) -> tuple[str, runner.Result]:
        key = self.key(code)
        path = self.cache_dir / f"{key}.json"
        if path.is_file():
            return key, runner.Result.from_json(json.loads(path.read_text(encoding="utf-8")))
        if SnippetCache._runner is None:
            SnippetCache._runner = runner.Runner(self.names_path)
        first_line = next((ln for ln in code.splitlines() if ln.strip()), "")
        result = SnippetCache._runner.run(code, label="snippet")
        if not result.ok:
            raise SnippetError(f"snippet starting {first_line!r} failed:\n{result.error}\n{result.stderr}")
        if result.stderr.strip():
            raise SnippetError(
                f"snippet starting {first_line!r} wrote to stderr (warnings reach readers too; fix the "
                f"snippet):\n{result.stderr}"
            )
        # Only successes are cached, so a failing snippet fails every build until it is fixed.
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(result.to_json()), encoding="utf-8")
        os.replace(tmp, path)
        return key, result


def output_html(key: str, result: runner.Result) -> str:
    """The output of one snippet: printed text, then its figures. ``no-copy``: Material puts no copy button."""
    parts = [f'<div class="exec-output no-copy" data-exec-key="{key}">']
    if result.stdout:
        parts.append('<p class="exec-output__label">Output</p>')
        parts.append(f'<pre class="exec-output__text"><code>{html.escape(result.stdout.rstrip())}</code></pre>')
    for fig in result.figures:
        data = base64.b64encode(fig.svg.encode("utf-8")).decode("ascii")
        parts.append(
            f'<figure class="exec-figure"><img src="data:image/svg+xml;base64,{data}" '
            f'alt="{html.escape(fig.alt, quote=True)}"></figure>'
        )
    parts.append("</div>")
    return "".join(parts)


class ExecPreprocessor(Preprocessor):
    def __init__(self, md, cache: SnippetCache):
        super().__init__(md)
        self.cache = cache

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        i = 0
        while i < len(lines):
            m = FENCE_OPEN.match(lines[i])
            if not m:
                out.append(lines[i])
                i += 1
                continue
            indent, fence, info = m.group("indent"), m.group("fence"), m.group("info").strip()
            j = i + 1
            while j < len(lines) and not (
                lines[j].strip().startswith(fence[0] * len(fence)) and lines[j].strip().strip(fence[0]) == ""
            ):
                j += 1
            block = lines[i : j + 1]
            out.extend(block)
            i = j + 1
            if info != "python":
                continue
            code = textwrap.dedent("\n".join(ln[len(indent):] if ln.startswith(indent) else ln
                                             for ln in block[1:-1])) + "\n"
            key, result = self.cache.run(code)
            placeholder = self.md.htmlStash.store(output_html(key, result))
            out.extend(["", indent + placeholder, ""])
        return out


class MathTreeprocessor(Treeprocessor):
    """Replace arithmatex's generic-mode elements by MathML rendered now, at build time."""

    WRAPS = ((r"\(", r"\)"), (r"\[", r"\]"))

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            if "arithmatex" not in (el.get("class") or "").split():
                continue
            tex = html.unescape(el.text or "").strip()
            display = "block" if el.tag == "div" else "inline"
            for left, right in self.WRAPS:
                if tex.startswith(left) and tex.endswith(right):
                    tex = tex[len(left) : -len(right)].strip()
            el.set("class", f"math math--{display}")
            el.text = self.md.htmlStash.store(mathml.render(tex, display))


class GlossaryTablePreprocessor(Preprocessor):
    MARKER = "[[glossary-table]]"

    def __init__(self, md, term_list: list[terms.Term]):
        super().__init__(md)
        self.terms = term_list

    def run(self, lines: list[str]) -> list[str]:
        if not any(ln.strip() == self.MARKER for ln in lines):
            return lines
        table = ["| Term | In one sentence |", "| --- | --- |"]
        for t in self.terms:
            table.append(f"| [{t.title}](terms/{t.slug}.md) | {t.summary.replace('|', '&#124;')} |")
        out = []
        for ln in lines:
            out.extend(["", *table, ""] if ln.strip() == self.MARKER else [ln])
        return out


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {
            "docs_dir": ["docs", "The MkDocs docs folder (term pages are docs_dir/terms/*.md)"],
            "names_path": ["docs/names.txt", "names.txt copied into every snippet's working folder"],
            "cache_dir": [".cache/snippets", "Content-keyed cache of snippet results"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md) -> None:
        docs_dir = self.getConfig("docs_dir")
        term_list, abbreviations = _terms(docs_dir, _stamp(*sorted(Path(docs_dir, "terms").glob("*.md"))))
        cache = SnippetCache(self.getConfig("names_path"), self.getConfig("cache_dir"))
        md.registerExtension(self)
        # After pymdownx.snippets (32) has expanded the includes and after normalize_whitespace (30), which
        # strips the STX/ETX bytes of stash placeholders; before superfences' fenced-code preprocessor (25).
        md.preprocessors.register(ExecPreprocessor(md, cache), "glossary_exec", 29)
        md.preprocessors.register(GlossaryTablePreprocessor(md, term_list), "glossary_table", 31.4)
        # After inline patterns (20) have produced arithmatex's elements, before abbr (7).
        md.treeprocessors.register(MathTreeprocessor(md), "glossary_math", 15)
        AbbrExtension(glossary=dict(abbreviations)).extendMarkdown(md)


def makeExtension(**kwargs):
    return GlossaryExtension(**kwargs)
