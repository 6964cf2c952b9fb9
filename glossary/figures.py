"""Figures as the site draws them: deterministic SVG, alt text from the figure's own titles and labels, and a
dark-scheme variant drawn from the same figure. Used for the snippets' figures (glossary.runner, in the
snippet's child process) and the walkthrough notebook's (glossary.nbexec, in its kernel); their HTML on a page
is glossary.page_figures.
"""

from __future__ import annotations

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
