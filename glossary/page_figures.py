"""A figure in the page's HTML: the light and the dark drawing (glossary.figures) side by side for the site's
CSS to pick, sized for phones, with the links its parts carry. Used by the Markdown extension for the snippets'
figures and by the walkthrough's kernel (glossary.nbexec). Not part of a snippet's cache key: it runs when a
page is rendered, not when a snippet is.
"""

from __future__ import annotations

import base64
import html
import re


def figure_html(svg: str, svg_dark: str, alt: str) -> str:
    """One figure as the page shows it, drawn for a light and a dark page; the site's CSS shows the one of the
    reader's scheme. (The walkthrough notebook's figures use it too: glossary/nbexec.py.)

    A figure whose code gave some of its parts a link (matplotlib's ``artist.set_url("terms/attention.md")``)
    gets, over each such part, a link to that page: the images sit in an ``exec-figure__map`` box, and
    :data:`FIGURE_LINKS` marks where the links go (glossary.markdown_ext's ``figure_links_markdown`` writes them)."""
    alt = html.escape(alt, quote=True)
    size = _svg_size(svg)
    linked = bool(figure_links(svg))
    parts = [
        f'<figure class="exec-figure" style="--fig-w: {size[0]}px; --fig-min-w: {_phone_width(svg, size[0])}px">'
        if size
        else '<figure class="exec-figure">',
        '<div class="exec-figure__map">' if linked else "",
        f'<img class="exec-figure__light" src="{data_uri("image/svg+xml", svg.encode())}" alt="{alt}"{_wh(size)}>',
    ]
    if svg_dark:
        dark = data_uri("image/svg+xml", svg_dark.encode())
        parts.append(f'<img class="exec-figure__dark" src="{dark}" alt="{alt}"{_wh(size)}>')
    parts.append(f"{FIGURE_LINKS}</div></figure>" if linked else "</figure>")
    return "".join(parts)


# Where a linked figure's links go, between two pieces of raw HTML. They are written as Markdown links, not
# HTML, so that MkDocs resolves them like every other link of the page: checked by the strict build, and
# pointed at the right URL in the served site (directory URLs) and in the offline copy (.html files).
FIGURE_LINKS = "<!-- glossary: figure links -->"
_SVG_LINK = re.compile(r'<a xlink:href="([^"]+)"[^>]*>(.*?)</a>', re.S)
_SVG_PATH_D = re.compile(r'\bd="([^"]*)"')
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


def figure_links(svg: str) -> list[tuple[str, tuple[float, float, float, float]]]:
    """The links matplotlib wrote into a figure (``set_url`` on a patch), each with the box its paths cover:
    (href, (left, top, width, height)) in percent of the figure. matplotlib writes a path's points in the
    figure's own coordinates (the viewBox), already transformed, so their extent is the part's box."""
    view = re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg[:2000])
    if not view:
        return []
    W, H = float(view[1]), float(view[2])
    links = []
    for m in _SVG_LINK.finditer(svg):
        numbers = [float(n) for d in _SVG_PATH_D.findall(m[2]) for n in _NUMBER.findall(d)]
        xs, ys = numbers[0::2], numbers[1::2]
        if not xs:
            continue
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        box = (100 * x0 / W, 100 * y0 / H, 100 * (x1 - x0) / W, 100 * (y1 - y0) / H)
        links.append((html.unescape(m[1]), tuple(round(v, 2) for v in box)))
    return links


def _svg_size(svg: str) -> tuple[int, int] | None:
    """The figure's drawn size in CSS pixels, from the width and height matplotlib writes in points. The page
    states it (width/height attributes: no layout shift while loading) and the phone stylesheet reads it: on
    a narrow screen a figure keeps the width that draws its smallest text readably (_phone_width) and scrolls
    sideways (extra.css)."""
    m = re.search(r'<svg\b[^>]*?\bwidth="([\d.]+)pt"[^>]*?\bheight="([\d.]+)pt"', svg[:2000])
    return (round(float(m[1]) * 4 / 3), round(float(m[2]) * 4 / 3)) if m else None


# Smallest text a figure draws on a phone, in CSS px: the figure keeps the width that gives its smallest text
# this size (never more than its own width), and scrolls sideways when that is wider than the screen.
PHONE_MIN_TEXT_PX = 8.5


def _phone_width(svg: str, width: int) -> int:
    """The narrowest a figure may be drawn: matplotlib writes each text's size in points, the SVG's own unit."""
    sizes = [float(x) for x in re.findall(r"font-size: ?([\d.]+)px", svg)]
    if not sizes:
        return round(width * 0.5)
    return round(width * min(1.0, PHONE_MIN_TEXT_PX / (min(sizes) * 4 / 3)))


def _wh(size: tuple[int, int] | None) -> str:
    return f' width="{size[0]}" height="{size[1]}"' if size else ""


def data_uri(mime: str, data: bytes) -> str:
    """A file inlined in the page (works offline and from file://: nothing is written into the site)."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"
