"""Read a built page: its code blocks, the executed outputs under them, its figures, abbreviations, the
resources it loads and the prose of its article. Standard-library parser only, so the tests need nothing
beyond what the site needs.

"Prose" is the text a reader reads as sentences: inside the page's ``<article>`` (not the navigation, the
header or the table of contents), outside code, executed outputs (a term page's and a notebook's), math,
scripts, styles, the source captions of code blocks and the footnotes, and before the References heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Output:
    key: str
    text: str = ""
    figures: list[tuple[str, str]] = field(default_factory=list)  # (alt, src)


@dataclass
class Page:
    code_blocks: list[str] = field(default_factory=list)  # <pre> a reader can copy (not outputs)
    outputs: list[Output] = field(default_factory=list)
    images: list[tuple[str | None, str]] = field(default_factory=list)  # every <img>: (alt, src)
    article_images: list[tuple[str | None, str, str]] = field(default_factory=list)  # (alt, src, class)
    abbrs: list[tuple[str, str]] = field(default_factory=list)  # (text, title)
    terms: list[tuple[str, str]] = field(default_factory=list)  # term links: (text, the summary in its tooltip)
    written_links: list[str] = field(default_factory=list)  # links the page's author wrote (not term links)
    resources: list[str] = field(default_factory=list)  # URLs the browser loads by itself
    prose: str = ""  # the article's prose (see the module docstring)
    output_text: str = ""  # what executed code printed on the page (term-page and notebook outputs), timings aside
    links: list[str] = field(default_factory=list)  # <a href>
    math: list[str] = field(default_factory=list)  # the inner markup of every <math> element
    has_article: bool = False


LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
SKIP_TEXT = {"pre", "code", "script", "style", "math", "svg", "sup"}
VOID = {
    "img",
    "link",
    "meta",
    "br",
    "hr",
    "input",
    "source",
    "embed",
    "wbr",
    "col",
    "area",
    "base",
    "mspace",
    "mprescripts",
    "none",
}
# Containers whose text is not prose: outputs of executed code (term pages; notebooks; the errors each check
# caught; the proof ledger), source captions, footnotes, notebook prompts.
NOT_PROSE = {
    "term__tip",
    "exec-output",
    "exec-source",
    "footnote",
    "jp-OutputArea",
    "jp-InputPrompt",
    "jp-OutputPrompt",
    "jp-InputArea",
    "caught",
    "ledger",
}
# What executed code produced: snippet outputs, notebook outputs, what each check caught, the proof ledger.
OUTPUT = {"exec-output", "jp-OutputArea", "caught", "ledger"}
TIMING = {"exec-output--timing"}  # outputs that differ from build to build (seconds measured)


class _Scanner(HTMLParser):
    def __init__(self, fragment: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, set[str]]] = []
        self.pre_text: list[str] | None = None
        self.pre_is_output = False
        self.abbr: list | None = None
        self.term: list[str] | None = None  # a term link's text, then its tooltip's (link_terms)
        self.tip: list[str] | None = None
        self.term_done = False
        self.prose: list[str] = []
        self.outputs: list[str] = []
        self.fragment = fragment  # a bare Markdown rendering: all of it is the article
        self.after_references = False
        self.math_depth = 0
        self.math_buf: list[str] = []

    def _has(self, cls: set[str]) -> bool:
        return any(c & cls for _, c in self.stack)

    def _in_article(self) -> bool:
        return self.fragment or any(t == "article" for t, _ in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "article":
            self.page.has_article = True
        if self.math_depth:
            self.math_buf.append(self.get_starttag_text() or "")
        if tag == "div" and "exec-output" in classes:
            self.page.outputs.append(Output(a.get("data-exec-key", "")))
        if tag == "h2" and self._in_article() and a.get("id") == "references":
            self.after_references = True
        if tag == "pre":
            self.pre_text = []
            self.pre_is_output = "exec-output__text" in classes
        if tag == "img":
            self.page.images.append((a.get("alt"), a.get("src", "")))
            self.page.resources.append(a.get("src", ""))
            if self._in_article():
                self.page.article_images.append((a.get("alt"), a.get("src", ""), a.get("class") or ""))
            if self._has({"exec-output"}):
                self.page.outputs[-1].figures.append((a.get("alt") or "", a.get("src", "")))
        if tag == "script" and a.get("src"):
            self.page.resources.append(a["src"])
        if tag == "link" and set((a.get("rel") or "").split()) & LOADING_LINK_RELS:
            self.page.resources.append(a.get("href", ""))
        if tag in ("source", "iframe", "video", "audio", "embed", "track") and a.get("src"):
            self.page.resources.append(a["src"])
        if tag == "object" and a.get("data"):
            self.page.resources.append(a["data"])
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
            if "term__link" not in classes:
                self.page.written_links.append(a["href"])
        if tag == "math":
            self.math_depth += 1
            self.math_buf = []
        if tag == "abbr":
            self.abbr = [a.get("title") or "", []]
        if tag == "a" and "term__link" in classes:
            self.term = []
        if tag == "span" and "term__tip" in classes:
            self.tip = []
        if a.get("style"):
            self.page.resources.extend(css_urls(a["style"]))
        if tag not in VOID:
            self.stack.append((tag, classes))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if tag == "math" and self.math_depth:
            self.math_depth -= 1
            if not self.math_depth:
                self.page.math.append("".join(self.math_buf))
        elif self.math_depth:
            self.math_buf.append(f"</{tag}>")
        if tag == "pre" and self.pre_text is not None:
            text = "".join(self.pre_text)
            if self.pre_is_output:
                self.page.outputs[-1].text = text
            else:
                self.page.code_blocks.append(text)
            self.pre_text = None
        if tag == "a" and self.term is not None and self.tip is None and not self.term_done:
            self.term_done = True
        if tag == "span" and self.tip is not None:
            self.page.terms.append(("".join(self.term or []), "".join(self.tip)))
            self.term, self.tip, self.term_done = None, None, False
        if tag == "abbr" and self.abbr is not None:
            self.page.abbrs.append(("".join(self.abbr[1]), self.abbr[0]))
            self.abbr = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.math_depth:
            self.math_buf.append(data)
        if self.pre_text is not None:
            self.pre_text.append(data)
        if self.abbr is not None:
            self.abbr[1].append(data)
        if self.tip is not None:
            self.tip.append(data)
        elif self.term is not None and not self.term_done:
            self.term.append(data)
        if any(t == "style" for t, _ in self.stack):
            self.page.resources.extend(css_urls(data))
        if self._has(OUTPUT) and not self._has(TIMING):
            self.outputs.append(data)
        if (
            self._in_article()
            and not self.after_references
            and not self._has(NOT_PROSE)
            and not any(t in SKIP_TEXT for t, _ in self.stack)
        ):
            self.prose.append(data)


def css_urls(css: str) -> list[str]:
    urls = [u.strip("'\" ") for u in re.findall(r"url\(([^)]*)\)", css)]
    urls += re.findall(r"@import\s+[\"']([^\"']+)[\"']", css)
    return urls


def scan(html: str, fragment: bool = False) -> Page:
    """Parse a built page (``fragment=True``: a bare Markdown rendering, all of which is the article)."""
    s = _Scanner(fragment)
    s.feed(html)
    s.close()
    s.page.prose = re.sub(r"\s+", " ", "".join(s.prose))
    s.page.output_text = "".join(s.outputs)
    return s.page


def is_external(url: str) -> bool:
    """True for anything a browser would fetch from another origin (data: URIs are inside the page)."""
    u = url.strip().lower()
    return u.startswith(("http://", "https://", "//", "ftp://", "ws://", "wss://"))
