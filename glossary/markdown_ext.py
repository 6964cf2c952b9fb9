"""The glossary's Python-Markdown extension (``glossary.markdown_ext`` in mkdocs.yml).

A Markdown extension rather than an MkDocs plugin or hook, so that it keeps working under any builder that
reads mkdocs.yml's ``markdown_extensions`` (Material's successor does; it reads no MkDocs hooks). It does
six things:

1. **Executed snippets.** Every ```` ```python ```` block is one include of one file under ``snippets/``
   (:mod:`glossary.inventory`). The first time the extension is set up in a process it hands every block of
   every page to :mod:`glossary.execute`, which runs what is not cached on all cores in the background; each
   page then waits only for its own blocks. Under each block goes what it printed and its figures (a light
   and a dark rendering); above it, the file's name and a download link. A snippet that raises, writes to
   stderr or draws an untitled figure stops the build with one message: the snippet file and line, the
   page and line of the include, and the snippet's traceback.
2. **Math at build time.** pymdownx.arithmatex (generic mode) finds ``$...$`` and ``$$...$$``; this
   extension replaces what it found with MathML from latex2mathml (:mod:`glossary.mathml`), which browsers
   render natively: no JavaScript, no CDN, no fonts. A formula it cannot render faithfully stops the build.
3. **The glossary table.** A line ``[[glossary-table]]`` becomes the table of every term page.
4. **Tooltips.** Each term's aliases become abbreviations whose title is the term's summary.
5. **Notebooks.** Every page with code blocks gets a "Download as notebook" link (:mod:`glossary.notebook`).
6. **Explorables.** ``[[explorer next-letter]]`` and its kin (see ExplorerPreprocessor).
"""

from __future__ import annotations

import functools
import html
import os
import posixpath
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree as etree

from markdown import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from glossary import execute, inventory, mathml, notebook, proof, site, terms
from glossary.page_figures import FIGURE_LINKS, data_uri, figure_html, figure_links

try:  # MkDocs prints a BuildError as one clean message (no Python traceback of the build itself)
    from mkdocs.exceptions import BuildError as _BuildError
except ImportError:  # another builder
    _BuildError = Exception


class SnippetError(_BuildError):
    """A snippet shown on a page failed; the build stops."""


class PageMathError(_BuildError):
    """A formula on a page cannot be rendered faithfully; the build stops."""


@functools.lru_cache(maxsize=4)
def _terms(docs_dir: str, stamp: tuple) -> tuple[list, dict]:
    term_list = terms.load_terms(docs_dir)
    return term_list, terms.abbreviations(term_list)


TIMING_MARK = "# timing:"


def is_timing(code: str) -> bool:
    """A snippet whose first line is ``# timing: ...`` measures seconds on the machine that builds the site.
    Its output is the one thing that differs between two builds: it is labelled, the determinism test skips
    it, and no number in the prose may come from it."""
    return code.lstrip().startswith(TIMING_MARK)


def output_html(key: str, result, timing: bool = False) -> str:
    """The output of one snippet: printed text, then its figures, each drawn for a light and a dark page
    (CSS shows the one of the reader's colour scheme). ``no-copy``: Material puts no copy button there."""
    # Outputs stay out of the search index (Material skips data-search-exclude): numbers and tables would
    # crowd what a reader searches for, and every page load fetches the index.
    attrs = (
        'class="exec-output exec-output--timing no-copy" data-search-exclude'
        if timing
        else 'class="exec-output no-copy" data-search-exclude'
    )
    parts = [f'<div {attrs} data-exec-key="{key}">']
    if result.stdout:
        label = "Output, measured on the machine that built this page" if timing else "Output"
        parts.append(f'<p class="exec-output__label">{label}</p>')
        parts.append(f'<pre class="exec-output__text"><code>{html.escape(result.stdout.rstrip())}</code></pre>')
    for fig in result.figures:
        parts.append(figure_html(fig.svg, fig.svg_dark, fig.alt))
    parts.append("</div>")
    return "".join(parts)


def figure_links_markdown(links: list, indent: str = "") -> list[str]:
    """A figure's links (:func:`figure_links`) as one Markdown paragraph: each an empty-looking box laid over
    its part (extra.css), named by its page for a screen reader."""
    lines = []
    for href, (left, top, width, height) in links:
        name = posixpath.splitext(posixpath.basename(href.split("#")[0]))[0].replace("-", " ")
        style = f"left: {left}%; top: {top}%; width: {width}%; height: {height}%"
        lines.append(
            f'{indent}[<span class="exec-figure__name">{html.escape(name)}</span>]({href})'
            f'{{ .exec-figure__link style="{style}" title="{html.escape(name)}" }}'
        )
    return [*lines, f"{indent}{{: .exec-figure__links }}"] if lines else []


def source_html(block: inventory.Block) -> str:
    """Above a block: which file it is, and that file to download (a data: link works offline and from
    file://, and needs no file written into the site)."""
    name = Path(block.file).name
    href = data_uri("text/x-python", block.code.encode("utf-8"))
    return (
        f'<p class="exec-source" data-search-exclude><code>{html.escape(block.file)}</code> '
        f'<a class="exec-source__download" download="{html.escape(name)}" href="{href}" '
        f'title="Download {html.escape(block.file)}">download</a></p>'
    )


class ExecPreprocessor(Preprocessor):
    def __init__(self, md, ext: "GlossaryExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        inv, executor = self.ext.inventory(), self.ext.executor()
        out: list[str] = []
        pos = 0
        for i, j, indent, info in inventory.fenced(lines):
            out.extend(lines[pos:i])
            block = lines[i : j + 1]
            pos = j + 1
            if info != "python":
                out.extend(block)
                continue
            code = inventory.normalise(
                textwrap.dedent("\n".join(ln[len(indent) :] if ln.startswith(indent) else ln for ln in block[1:-1]))
            )
            found = inv.by_code(code)
            if not found:
                first = next((ln for ln in code.splitlines() if ln.strip()), "")
                raise SnippetError(
                    f"a ```python block starting {first!r} is not one include of a snippet file "
                    '(each block is --8<-- "<slug>/<file>.py" alone in its fence)'
                )
            key = executor.key(code, inv)
            result = executor.result(key, found[0], inv)
            if not result.ok or result.stderr.strip():
                raise SnippetError(execute.failure_message(found[0], found[1:], result))
            source = ["", indent + self.md.htmlStash.store(source_html(found[0])), "", *block]
            html_out = output_html(key, result, timing=is_timing(code))
            linked = [links for links in (figure_links(fig.svg) for fig in result.figures) if links]
            output: list[str] = []
            for n, piece in enumerate(html_out.split(FIGURE_LINKS)):
                output.extend(["", indent + self.md.htmlStash.store(piece), ""])
                if n < len(linked):
                    output.extend([*figure_links_markdown(linked[n], indent), ""])
            if found[0].file in inv.output_first:  # the figure first, its code folded under it
                title = f"The code that drew it: {found[0].name}"
                out.extend([*output, "", f'{indent}??? example "{title}"', ""])
                out.extend(f"{indent}    {ln[len(indent) :]}" if ln.strip() else ln for ln in source)
                out.append("")
            else:
                out.extend([*source, *output])
            check = inv.check_of(found[0])
            if check is not None and check.caught:
                verdicts = [proof.verdict(c, executor.variant_result(c, inv)) for c in check.caught]
                missed = [v for v in verdicts if not v.caught]
                if missed:
                    raise SnippetError(proof.missed_message(missed[0]))
                out.extend(["", indent + self.md.htmlStash.store(proof.caught_html(verdicts)), ""])
                ledger = Path(os.path.relpath(proof.LEDGER_PAGE, Path(found[0].page).parent)).as_posix()
                out.extend(
                    [
                        indent + f"Every check of the site, with what it caught: [the proof ledger]({ledger}).",
                        indent + "{: .caught-ledger }",
                        "",
                    ]
                )
        out.extend(lines[pos:])
        return out


class PagePreprocessor(Preprocessor):
    """First of all: which page this is (:meth:`glossary.site.Site.page_of`), for the processors after it."""

    def __init__(self, md, ext: "GlossaryExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        self.ext.page = self.ext.site().page_of("\n".join(lines))
        return lines


class PrerequisitesPreprocessor(Preprocessor):
    """Under a page's title, one line: what to read before it (front matter ``prerequisites``: term slugs, or
    pages such as ``walkthrough.ipynb``), each a link, each checked to exist."""

    def __init__(self, md, ext: "GlossaryExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        page = self.ext.page
        if page is None:
            return lines
        wanted = inventory.front_matter(Path(page)).get("prerequisites") or []
        if not wanted:
            return lines
        links = [prerequisite_link(item, page, self.ext.site().docs_dir) for item in wanted]
        title = next((i for i, ln in enumerate(lines) if ln.startswith("# ")), -1)
        line = "Before this: " + ", ".join(links) + "."
        return [*lines[: title + 1], "", line, "{: .prerequisites }", "", *lines[title + 1 :]]


def prerequisite_link(item: str, page: str, docs_dir: str) -> str:
    """A Markdown link to a prerequisite: a term's slug or a page's path under docs/."""
    import posixpath

    target = f"terms/{item}.md" if "." not in item else item
    path = Path(docs_dir, target)
    if not path.is_file():
        raise SnippetError(f"{page}: prerequisite {item!r} is no page ({path} does not exist)")
    title = terms.front_matter(path).get("title") if path.parent.name == "terms" else None
    if title is None:
        first = next((ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.startswith("# ")), "")
        title = first[2:].strip() or item
        if path.suffix == ".ipynb":
            title = "the bigram walkthrough" if "walkthrough" in item else item
    rel = posixpath.relpath(Path(docs_dir, target).as_posix(), posixpath.dirname(page))
    return f"[{title}]({rel})"


class NotebookPreprocessor(Preprocessor):
    """Before the includes are expanded: build the page's notebook (:mod:`glossary.notebook`) and put a
    "Download as notebook" link under the page's title."""

    def __init__(self, md, ext: "GlossaryExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        includes = [m.group("path") for ln in lines if (m := inventory.INCLUDE.match(ln))]
        page = self.ext.page
        if not includes or page is None:
            return lines
        inv = self.ext.inventory()
        nb = notebook.build(lines, Path("."), self.ext.site().snippets_dir, inv)
        if nb is None:
            return lines
        name = Path(page).stem + ".ipynb"
        href = data_uri("application/x-ipynb+json", notebook.dumps(nb).encode("utf-8"))
        # Not in the search index: a search result's preview shows the page's own first words instead.
        link = (
            f'<p class="exec-notebook" data-search-exclude><a class="exec-notebook__download" download="{name}" '
            f'href="{href}">'
            f"Download this page as a notebook</a> ({name}: its prose and every code block, in order, "
            "without outputs; its first cell says which data files to put beside it)</p>"
        )
        title = next((i for i, ln in enumerate(lines) if ln.startswith("# ")), -1)
        return [*lines[: title + 1], "", link, "", *lines[title + 1 :]]


EXPLORER = re.compile(r"^\[\[explorer (?P<kind>[a-z-]+)\]\]$")
EXPLORER_NAMES = {
    "next-letter": "Next-letter explorer",
    "attention": "Attention explorer",
    "softmax-temperature": "Softmax temperature explorer",
}


class ExplorerPreprocessor(Preprocessor):
    """A line ``[[explorer next-letter]]`` (or ``attention``, ``softmax-temperature``) becomes an empty,
    hidden ``<div>`` that glossary/explorers/explorer.js fills in the reader's browser; the first one on a page
    also brings the script, inline, and a hidden link to each data file the explorers on the page read
    (mkdocs.yml: ``explorers``, each an artifact, a script, that a snippet shown on the site writes and the
    build publishes under downloads/). The explorer's script loads them from those links: one file that the
    browser keeps for every page with an explorer, which loads from file:// too. The links are Markdown
    links, so that MkDocs writes their address right for directory URLs and for the offline build alike. With
    JavaScript off the div stays hidden: the static figure above it is what the reader sees."""

    def __init__(self, md, ext: "GlossaryExtension"):
        super().__init__(md)
        self.ext = ext

    def artifact(self, name: str) -> None:
        """The data file exists: its writer ran, without an error (else the build stops here)."""
        inv, executor = self.ext.inventory(), self.ext.executor()
        writers = inv.pages_of(inv.artifacts.get(name, ""))
        if not writers:
            raise SnippetError(f"an explorer needs {name}, but no snippet on a page writes it (mkdocs.yml: artifacts)")
        key = executor.key(writers[0].code, inv)
        result = executor.result(key, writers[0], inv)
        if not result.ok or result.stderr.strip():
            raise SnippetError(execute.failure_message(writers[0], writers[1:], result))
        if not executor.artifact_path(key, name).is_file():
            raise SnippetError(f"{writers[0].file} ran but wrote no {name}")

    def link(self, name: str) -> str:
        """A hidden Markdown link from this page to downloads/<name>."""
        import posixpath

        docs = self.ext.site().docs_dir
        page = self.ext.page or f"{docs}/index.md"  # docs/terms/sampling.md -> ../downloads/<name>
        href = posixpath.relpath(f"{docs}/downloads/{name}", posixpath.dirname(page))
        return f'[]({href}){{ data-explorer-data="" }}'

    def run(self, lines: list[str]) -> list[str]:
        kinds = [m.group("kind") for ln in lines if (m := EXPLORER.match(ln.strip()))]
        if not kinds:
            return lines
        explorers = dict(self.ext.site().explorers)
        unknown = [k for k in kinds if k not in EXPLORER_NAMES or k not in explorers]
        if unknown:
            raise SnippetError(
                f"[[explorer {unknown[0]}]]: no such explorer (mkdocs.yml explorers: {', '.join(explorers)})"
            )
        names = list(dict.fromkeys(explorers[k] for k in kinds))
        for name in names:
            self.artifact(name)
        out, first = [], True
        for ln in lines:
            m = EXPLORER.match(ln.strip())
            if not m:
                out.append(ln)
                continue
            kind = m.group("kind")
            parts = [
                f'<div class="explorer" data-explorer="{kind}" role="group" '
                f'aria-label="{EXPLORER_NAMES[kind]}" hidden></div>'
            ]
            if first:
                script = Path(self.ext.site().explorer_script)
                if not script.is_absolute():  # relative to the repository that holds this package
                    script = Path(__file__).resolve().parents[1] / script
                parts.append(f'<script id="glossary-explorer">{script.read_text(encoding="utf-8")}</script>')
                # The links first, in a hidden paragraph: the script runs as soon as it is parsed, and looks
                # for them in the document above it.
                out.extend(["", " ".join(self.link(n) for n in names), '{: hidden="" }'])
                first = False
            out.extend(["", self.md.htmlStash.store("".join(parts)), ""])
        return out


class MathTreeprocessor(Treeprocessor):
    """Replace arithmatex's generic-mode elements by MathML rendered now, at build time."""

    WRAPS = ((r"\(", r"\)"), (r"\[", r"\]"))

    def __init__(self, md, ext: "GlossaryExtension"):
        super().__init__(md)
        self.ext = ext

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
            if display == "block":  # it scrolls sideways on a narrow screen: keyboard users must reach it
                el.set("tabindex", "0")
            try:
                el.text = self.md.htmlStash.store(mathml.render(tex, display))
            except mathml.MathError as e:
                raise PageMathError(f"{e} (at {where_is(tex, self.ext.page)})") from None


def where_is(tex: str, page: str | None) -> str:
    """The page and line of a formula."""
    if page is None:
        return "an unknown page"
    text = Path(page).read_text(encoding="utf-8")
    pos = text.find(tex)
    return f"{page}:{text.count(chr(10), 0, pos) + 1}" if pos >= 0 else page


class LedgerPreprocessor(Preprocessor):
    """A line ``[[proof-ledger]]`` becomes the table of every check of the site (:func:`glossary.proof.ledger`),
    from the results of this build. Mutation scores appear when the build runs them (GLOSSARY_PROOFS=1, as
    ``make build`` and ``make test-proofs`` do): every check runs once per mutant, so the test builds leave them out."""

    MARKER = "[[proof-ledger]]"

    def __init__(self, md, ext: "GlossaryExtension"):
        super().__init__(md)
        self.ext = ext

    def run(self, lines: list[str]) -> list[str]:
        if not any(ln.strip() == self.MARKER for ln in lines):
            return lines
        inv, executor = self.ext.inventory(), self.ext.executor()
        rows = proof.ledger(inv, executor, proof.mutation_scores())
        table = proof.ledger_markdown(rows, self.ext.site().docs_dir, proof.LEDGER_PAGE)
        out = []
        for ln in lines:
            out.extend(
                ["", '<div class="ledger" markdown="1" data-search-exclude>', "", table, "", "</div>", ""]
                if ln.strip() == self.MARKER
                else [ln]
            )
        return out


# Where a term is never linked: headings, links, code, captions, output, the caught-error lists, the ledger,
# footnotes and the references (Python-Markdown's abbr marks every alias wherever it stands).
_NO_TERMS_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "caption", "figcaption", "sup", "math"}
_NO_TERMS_CLASSES = {"footnote", "caught", "ledger", "exec-output", "exec-source", "prerequisites", "exec-notebook"}


def link_terms(root: etree.Element, page_slug: str | None, slug_of: dict[str, str], href_of) -> None:
    """Each term's first mention in each section (a section starts at an h2) becomes a link to its page with
    its one-sentence summary as a tooltip, shown on hover, keyboard focus and tap (docs/javascripts/terms.js);
    every other <abbr> the abbr extension made is unwrapped to plain text: later mentions in the section,
    mentions of the page's own term, and any inside a heading, a link, code, a footnote, or the sections
    "Related terms" (already a list of links) and "References".
    `slug_of` maps a summary (the abbr's title) to its term's slug; `href_of(slug)` gives the link."""
    seen: set[str] = set()
    count = 0
    in_references = False  # "Related terms" and "References": no term links from there to the end

    def walk(parent: etree.Element, banned: bool) -> None:
        nonlocal seen, count, in_references
        for child in list(parent):
            if child.tag == "h2":
                seen = set()
                in_references = (
                    in_references
                    or child.get("id") in ("related-terms", "references")
                    or "".join(child.itertext()).strip() in ("Related terms", "References")
                )
            if child.tag == "abbr":
                slug = slug_of.get(child.get("title") or "")
                if banned or in_references or slug is None or slug == page_slug or slug in seen:
                    _unwrap(parent, child)
                    continue
                seen.add(slug)
                count += 1
                tip_id = f"term-tip-{count}"
                text, tail, summary = child.text or "", child.tail, child.get("title")
                child.clear()
                child.tag = "span"
                child.set("class", "term")
                link = etree.SubElement(child, "a")
                link.set("class", "term__link")
                link.set("href", href_of(slug))
                link.set("aria-describedby", tip_id)
                link.text = text
                tip = etree.SubElement(child, "span")
                tip.set("class", "term__tip")
                tip.set("role", "tooltip")
                tip.set("id", tip_id)
                tip.set("data-search-exclude", "")
                tip.text = summary
                child.tail = tail
                continue
            classes = set((child.get("class") or "").split())
            walk(child, banned or child.tag in _NO_TERMS_TAGS or bool(classes & _NO_TERMS_CLASSES))

    walk(root, False)


class TermLinkTreeprocessor(Treeprocessor):
    """The page's abbreviations become term links with tooltips (:func:`link_terms`)."""

    def __init__(self, md, ext: GlossaryExtension, term_list: list) -> None:
        super().__init__(md)
        self.ext = ext
        self.slug_of = {s: t.slug for t in term_list for s in t.summaries()}

    def run(self, root: etree.Element) -> None:
        import posixpath

        page = self.ext.page
        docs_dir = self.ext.site().docs_dir
        here = posixpath.dirname(page) if page else posixpath.join(docs_dir, "terms")
        slug = Path(page).stem if page and Path(page).parent.name == "terms" else None
        link_terms(
            root,
            slug,
            self.slug_of,
            lambda s: posixpath.relpath(posixpath.join(docs_dir, "terms", f"{s}.md"), here),
        )


def _unwrap(parent: etree.Element, child: etree.Element) -> None:
    """Replace an element by its text, keeping the text that followed it."""
    i = list(parent).index(child)
    text = (child.text or "") + (child.tail or "")
    if i == 0:
        parent.text = (parent.text or "") + text
    else:
        prev = parent[i - 1]
        prev.tail = (prev.tail or "") + text
    parent.remove(child)


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


class CodeSearchExcludePostprocessor(Postprocessor):
    """Code blocks stay out of the search index (Material skips data-search-exclude): every page load fetches
    the index, and code would be most of it. Search still finds a term by its prose and its aliases."""

    def run(self, text: str) -> str:
        return text.replace('<div class="highlight">', '<div class="highlight" data-search-exclude>')


class SectionSearchExcludeTreeprocessor(Treeprocessor):
    """The exercises (questions and answers: a search should not give an answer away) and the references (the
    sources' titles and footnotes) stay out of the search index too: the index is fetched on every page
    load. Material leaves out the section of a heading marked data-search-exclude, up to the
    next heading, so every heading of those sections is marked."""

    SECTIONS = ("Exercises", "References")

    def run(self, root: etree.Element) -> None:
        inside = False
        for el in root:
            if el.tag == "h2":
                # (toc has added its permalink by now, as a stashed placeholder after the title)
                inside = "".join(el.itertext()).split("\x02")[0].strip() in self.SECTIONS
            if inside and el.tag in ("h2", "h3", "h4"):
                el.set("data-search-exclude", "")


class GlossaryExtension(Extension):
    def __init__(self, **kwargs):
        d = site.DEFAULTS
        self.config = {
            "docs_dir": [d["docs_dir"], "The MkDocs docs folder (term pages are docs_dir/terms/*.md)"],
            "snippets_dir": [d["snippets_dir"], "Where the included snippet files live (pymdownx.snippets base_path)"],
            "names_path": [d["names_path"], "names.txt, copied into every snippet's working folder"],
            "data_files": [d["data_files"], "Other data files, copied into the folder of a snippet that needs them"],
            "artifacts": [d["artifacts"], "file name -> the snippet that writes it; snippets that need it read it"],
            "cache_dir": [d["cache_dir"], "Content-keyed cache of snippet results"],
            "explorers": [d["explorers"], "explorer kind -> the artifact (JSON) it reads, inlined into its pages"],
            "explorer_script": [d["explorer_script"], "The explorers' code (inlined in the page)"],
            "pages": [[], "Run only these pages' blocks ahead of rendering (glossary.render); all if empty"],
            # (Not None by default: Python-Markdown would turn the object into a bool.)
            "site": ["", "The build's Site, made once by its hooks (glossary/mkdocs_hooks.py: on_config)"],
        }
        super().__init__(**kwargs)

    page: str | None = None  # the page being rendered (PagePreprocessor), e.g. docs/terms/softmax.md

    def site(self) -> site.Site:
        """The build's Site; without MkDocs' hooks (glossary.render, a plain Markdown call), one made from
        these settings, once per extension."""
        given = self.getConfig("site")
        if not given:
            given = site.Site.from_config({k: v for k, v in self.getConfigs().items() if k != "site"}, ".")
            self.setConfig("site", given)
        return given

    def inventory(self) -> inventory.Inventory:
        try:
            return self.site().inventory()
        except inventory.InventoryError as e:
            raise SnippetError(str(e)) from None

    def executor(self) -> execute.Executor:
        return self.site().executor()

    def extendMarkdown(self, md) -> None:
        docs_dir = self.site().docs_dir
        term_list, abbreviations = _terms(docs_dir, inventory.stamp(sorted(Path(docs_dir, "terms").glob("*.md"))))
        # Every block of every page starts running now, on every core, unless cached or already queued
        # (glossary.render, which renders one page, limits this to that page with the `pages` setting).
        pages = self.getConfig("pages")
        self.executor().prefetch(self.inventory(), pages=set(pages) if pages else None)
        md.registerExtension(self)
        # After pymdownx.snippets (32) has expanded the includes and after normalize_whitespace (30), which
        # strips the STX/ETX bytes of stash placeholders; before superfences' fenced-code preprocessor (25).
        md.preprocessors.register(ExecPreprocessor(md, self), "glossary_exec", 29)
        md.preprocessors.register(ExplorerPreprocessor(md, self), "glossary_explorer", 29.5)
        # Before pymdownx.snippets (32): the notebook is built from the page's own lines, includes and all.
        md.preprocessors.register(PagePreprocessor(md, self), "glossary_page", 40)
        md.preprocessors.register(PrerequisitesPreprocessor(md, self), "glossary_prerequisites", 33.5)
        md.preprocessors.register(NotebookPreprocessor(md, self), "glossary_notebook", 33)
        md.preprocessors.register(GlossaryTablePreprocessor(md, term_list), "glossary_table", 31.4)
        md.preprocessors.register(LedgerPreprocessor(md, self), "glossary_ledger", 31.3)
        # After inline patterns (20) have produced arithmatex's elements, before abbr (7).
        md.treeprocessors.register(MathTreeprocessor(md, self), "glossary_math", 15)
        AbbrExtension(glossary=dict(abbreviations)).extendMarkdown(md)
        # Before toc (5), so that headings carry no term markup into the table of contents.
        md.treeprocessors.register(TermLinkTreeprocessor(md, self, term_list), "glossary_term_links", 5.5)
        md.postprocessors.register(CodeSearchExcludePostprocessor(md), "glossary_code_search", 5)
        md.treeprocessors.register(SectionSearchExcludeTreeprocessor(md), "glossary_section_search", 4)


def makeExtension(**kwargs):
    return GlossaryExtension(**kwargs)
