"""Figures as the site shows them: deterministic SVG, alt text from the figure's own titles and labels, a
dark-scheme variant drawn from the same figure, and the HTML of the pair (with the links a figure's parts
carry). Used for the snippets' figures (glossary.runner, in the snippet's child process; the page's HTML in
glossary.markdown_ext) and the walkthrough notebook's (glossary.nbexec, in its kernel).
"""

from __future__ import annotations

import base64
import html
import re

SVG_HASH_SALT = "llm-glossary"


def alt_text(fig) -> str:
    """Describe a figure from its own titles and labels: the code that draws it is the one source."""
    parts = []
    sup = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if sup:
        parts.append(sup.strip().rstrip(".") + ".")
    for ax in fig.axes:
        title = " ".join(t for t in (ax.get_title("left"), ax.get_title(), ax.get_title("right")) if t)
        xl, yl = ax.get_xlabel(), ax.get_ylabel()
        if not (title or xl or yl):
            continue
        desc = title.strip().rstrip(".") if title else "Panel"
        axes = ", ".join(f"{k}: {v}" for k, v in (("x", xl), ("y", yl)) if v)
        parts.append(f"{desc} ({axes})." if axes else f"{desc}.")
    return " ".join(parts).replace("$", "")


# Colours of the dark variant: Material's slate background and a light ink with at least 7:1 contrast on it.
DARK_BG = "#1e2029"
DARK_INK = "#e3e5ec"
DARK_GRID = "#5a5e6e"


def _luminance(color) -> float:
    """WCAG relative luminance of a matplotlib colour (alpha ignored)."""
    from matplotlib.colors import to_rgb

    def lin(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (lin(c) for c in to_rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _is_ink(color) -> bool:
    """Black, dark grey or grey: the colours matplotlib (or a snippet) uses for text and lines on white."""
    try:
        from matplotlib.colors import to_rgba

        rgba = to_rgba(color)
    except (ValueError, TypeError):
        return False
    r, g, b, a = rgba
    return a > 0 and max(r, g, b) - min(r, g, b) < 0.08 and _luminance(color) < 0.25


def _is_grey(color) -> bool:
    try:
        from matplotlib.colors import to_rgb

        r, g, b = to_rgb(color)
    except (ValueError, TypeError):
        return False
    return max(r, g, b) - min(r, g, b) < 0.08


def _is_paper(color) -> bool:
    try:
        from matplotlib.colors import to_rgba

        return to_rgba(color)[3] > 0 and _luminance(color) > 0.85
    except (ValueError, TypeError):
        return False


def dark_variant(fig) -> None:
    """Recolour an already drawn figure for a dark page, in place: white paper becomes the page's dark
    background, black and grey ink (text, ticks, spines, black lines and edges) becomes light ink.

    Why not draw it again under a dark matplotlib style: a style applies when artists are created, so that
    would mean running the snippet a second time (and training its model again). Colours a snippet chose
    (tab:blue lines, colormaps, white labels on coloured dots) are kept. Text inside an axes that shows an
    image (a heatmap's cell labels, chosen for contrast with their cell) is left alone too.
    """
    from matplotlib.collections import QuadMesh
    from matplotlib.image import AxesImage

    def ink(artist, getter="get_color", setter="set_color"):
        try:
            if _is_ink(getattr(artist, getter)()):
                getattr(artist, setter)(DARK_INK)
        except (AttributeError, ValueError, TypeError):
            pass

    if _is_paper(fig.get_facecolor()):
        fig.set_facecolor(DARK_BG)
    for text in fig.texts:
        ink(text)
    if getattr(fig, "_suptitle", None) is not None:
        ink(fig._suptitle)
    for legend in fig.legends:
        _dark_legend(legend, ink)
    for ax in fig.axes:
        if _is_paper(ax.get_facecolor()):
            ax.set_facecolor(DARK_BG)
        for spine in ax.spines.values():
            ink(spine, "get_edgecolor", "set_edgecolor")
        for axis in (ax.xaxis, ax.yaxis):
            ink(axis.label)
            ticks = axis.get_major_ticks() + axis.get_minor_ticks()
            if ticks and _is_ink(ticks[0].label1.get_color()):
                # Also the default of the ticks matplotlib creates later, when it draws.
                axis.set_tick_params(which="both", colors=DARK_INK)
            for tick in ticks:
                for part in (tick.tick1line, tick.tick2line, tick.label1, tick.label2):
                    ink(part)
                if _is_grey(tick.gridline.get_color()):
                    tick.gridline.set_color(DARK_GRID)
            ink(axis.get_offset_text())
        for title in (ax.title, ax._left_title, ax._right_title):
            ink(title)
        has_image = any(isinstance(a, (AxesImage, QuadMesh)) for a in ax.get_children())
        for text in ax.texts:
            if not has_image:
                ink(text)
            arrow = getattr(text, "arrow_patch", None)
            if arrow is not None:
                ink(arrow, "get_edgecolor", "set_edgecolor")
                ink(arrow, "get_facecolor", "set_facecolor")
        for line in ax.lines:
            ink(line)
            ink(line, "get_markerfacecolor", "set_markerfacecolor")
            ink(line, "get_markeredgecolor", "set_markeredgecolor")
        for patch in ax.patches:
            ink(patch, "get_edgecolor", "set_edgecolor")
            ink(patch, "get_facecolor", "set_facecolor")
        for coll in ax.collections:
            if isinstance(coll, QuadMesh):
                continue
            try:
                edges = coll.get_edgecolor()
                if len(edges) and all(_is_ink(c) for c in edges):
                    coll.set_edgecolor(DARK_INK)
                faces = coll.get_facecolor()
                if len(faces) and all(_is_ink(c) for c in faces):
                    coll.set_facecolor(DARK_INK)
            except (AttributeError, ValueError, TypeError):
                pass
        if ax.get_legend() is not None:
            _dark_legend(ax.get_legend(), ink)


def _dark_legend(legend, ink) -> None:
    frame = legend.get_frame()
    if _is_paper(frame.get_facecolor()):
        frame.set_facecolor(DARK_BG)
    ink(frame, "get_edgecolor", "set_edgecolor")
    if _luminance(frame.get_edgecolor()) > 0.5:
        frame.set_edgecolor(DARK_GRID)
    for text in legend.get_texts():
        ink(text)
    if legend.get_title() is not None:
        ink(legend.get_title())


def svg(fig) -> str:
    import io

    import matplotlib

    buf = io.StringIO()
    # Text as <text> elements rather than glyph outlines: a third to a half smaller, and selectable; the
    # browser draws it with DejaVu Sans or its own sans-serif.
    with matplotlib.rc_context({"svg.hashsalt": SVG_HASH_SALT, "svg.fonttype": "none"}):
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight", facecolor=fig.get_facecolor())
    return buf.getvalue()


# -- the figure in the page's HTML ------------------------------------------------------------------------
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
        f'<img class="exec-figure__light" src="{_data_uri(svg)}" alt="{alt}"{_wh(size)}>',
    ]
    if svg_dark:
        parts.append(f'<img class="exec-figure__dark" src="{_data_uri(svg_dark)}" alt="{alt}"{_wh(size)}>')
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


def _data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
