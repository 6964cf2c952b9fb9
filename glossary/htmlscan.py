"""Read a built page: its code blocks, the executed outputs under them, its figures, abbreviations and the
resources it loads. Standard-library parser only, so the tests need nothing beyond what the site needs."""

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
    abbrs: list[tuple[str, str]] = field(default_factory=list)  # (text, title)
    resources: list[str] = field(default_factory=list)  # URLs the browser loads by itself
    prose: str = ""  # text outside code, outputs, math, scripts and styles
    links: list[str] = field(default_factory=list)  # <a href>
    math: int = 0


LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "prefetch", "apple-touch-icon"}
SKIP_TEXT = {"pre", "code", "script", "style", "math", "svg"}


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, dict]] = []
        self.pre_text: list[str] | None = None
        self.pre_is_output = False
        self.abbr: list | None = None
        self.prose: list[str] = []

    def _inside(self, tag: str = "", cls: str = "") -> bool:
        for t, a in self.stack:
            if (not tag or t == tag) and (not cls or cls in (a.get("class") or "").split()):
                return True
        return False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = (a.get("class") or "").split()
        if tag == "div" and "exec-output" in classes:
            self.page.outputs.append(Output(a.get("data-exec-key", "")))
        if tag == "pre":
            self.pre_text = []
            self.pre_is_output = "exec-output__text" in classes
        if tag == "img":
            self.page.images.append((a.get("alt"), a.get("src", "")))
            self.page.resources.append(a.get("src", ""))
            if self._inside("div", "exec-output"):
                self.page.outputs[-1].figures.append((a.get("alt") or "", a.get("src", "")))
        if tag == "script" and a.get("src"):
            self.page.resources.append(a["src"])
        if tag == "link" and set((a.get("rel") or "").split()) & LOADING_LINK_RELS:
            self.page.resources.append(a.get("href", ""))
        if tag in ("source", "iframe", "video", "audio", "embed") and a.get("src"):
            self.page.resources.append(a["src"])
        if tag == "object" and a.get("data"):
            self.page.resources.append(a["data"])
        if tag == "a" and a.get("href"):
            self.page.links.append(a["href"])
        if tag == "math":
            self.page.math += 1
        if tag == "abbr":
            self.abbr = [a.get("title") or "", []]
        if a.get("style"):
            self.page.resources.extend(css_urls(a["style"]))
        if tag not in ("img", "link", "meta", "br", "hr", "input", "source", "embed", "wbr", "col", "area", "base"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag):
        if tag == "pre" and self.pre_text is not None:
            text = "".join(self.pre_text)
            if self.pre_is_output:
                self.page.outputs[-1].text = text
            else:
                self.page.code_blocks.append(text)
            self.pre_text = None
        if tag == "abbr" and self.abbr is not None:
            self.page.abbrs.append(("".join(self.abbr[1]), self.abbr[0]))
            self.abbr = None
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.pre_text is not None:
            self.pre_text.append(data)
        if self.abbr is not None:
            self.abbr[1].append(data)
        if self._inside("style"):
            self.page.resources.extend(css_urls(data))
        if not any(t in SKIP_TEXT for t, _ in self.stack) and not self._inside("div", "exec-output"):
            self.prose.append(data)


def css_urls(css: str) -> list[str]:
    urls = [u.strip("'\" ") for u in re.findall(r"url\(([^)]*)\)", css)]
    urls += re.findall(r"@import\s+[\"']([^\"']+)[\"']", css)
    return urls


def scan(html: str) -> Page:
    s = _Scanner()
    s.feed(html)
    s.close()
    s.page.prose = re.sub(r"\s+", " ", "".join(s.prose))
    return s.page


def is_external(url: str) -> bool:
    """True for anything a browser would fetch from another origin (data: URIs are inside the page)."""
    u = url.strip().lower()
    return u.startswith(("http://", "https://", "//", "ftp://", "ws://", "wss://"))
