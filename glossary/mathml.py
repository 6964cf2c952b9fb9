"""TeX to MathML at build time (latex2mathml): the one place both the term pages and the notebooks use.

latex2mathml never refuses input: an unknown macro becomes text inside the MathML (``\\softmax`` ->
``<mi>\\softmax</mi>``), an unknown macro with an argument silently disappears (``\\mathds{1}`` -> ``1``) and
an alignment ``&`` outside a matrix becomes a bare ``<mi>&</mi>``. Each of those reaches the reader as garbage,
so :func:`render` refuses them: every ``\\command`` must be one latex2mathml knows, and the MathML it returns
must hold no backslash, no bare ``&`` and no empty operator.
"""

from __future__ import annotations

import functools
import html
import re

import latex2mathml.commands as _commands
from latex2mathml import symbols_parser
from latex2mathml.converter import convert
from latex2mathml.tokenizer import tokenize


class MathError(ValueError):
    """A formula latex2mathml cannot render faithfully; the message names the formula and the problem."""


@functools.cache
def _known_commands() -> frozenset[str]:
    known: set[str] = set()
    for name in dir(_commands):
        value = getattr(_commands, name)
        items = value if isinstance(value, (dict, tuple, list, set, frozenset)) else (value,)
        known.update(k for k in items if isinstance(k, str) and k.startswith("\\"))
    return frozenset(known)


BARE_AMPERSAND = re.compile(r"&(?!#x?[0-9A-Fa-f]+;|[a-zA-Z]+;)")


def problems(tex: str) -> list[str]:
    """What is wrong with a formula, as latex2mathml would render it (empty: nothing)."""
    found = []
    for token in tokenize(tex):
        command = re.match(r"\\[A-Za-z]+\*?|\\.", token)
        if not command:
            continue
        name = command.group(0)
        if name.endswith("*") or (name not in _known_commands() and symbols_parser.convert_symbol(name) is None):
            found.append(f"unknown macro {name}")
    mathml = convert(tex.strip())
    if "\\" in mathml:
        found.append("a backslash reached the MathML")
    if BARE_AMPERSAND.search(mathml):
        found.append("a bare & reached the MathML (an alignment outside a matrix: `aligned` is not supported)")
    if "<mo />" in mathml or "<mi />" in mathml:
        found.append("an empty operator or identifier in the MathML")
    return sorted(set(found))


def render(tex: str, display: str = "inline") -> str:
    """MathML for `tex`, labelled with its source for screen readers that do not read MathML. Raises
    MathError for a formula that would not render faithfully."""
    tex = tex.strip()
    found = problems(tex)
    if found:
        raise MathError(f"formula ${tex}$: {'; '.join(found)}")
    mathml = convert(tex, display=display)
    return mathml.replace("<math ", f'<math aria-label="{html.escape(tex, quote=True)}" ', 1)
