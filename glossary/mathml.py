"""TeX to MathML at build time (latex2mathml): the one place both the term pages and the notebook use."""

from __future__ import annotations

import html

from latex2mathml.converter import convert


def render(tex: str, display: str = "inline") -> str:
    """MathML for `tex`, labelled with its source for screen readers that do not read MathML."""
    mathml = convert(tex.strip(), display=display)
    return mathml.replace("<math ", f'<math aria-label="{html.escape(tex.strip(), quote=True)}" ', 1)
