"""What each check catches: its deliberate errors judged, and shown under it.

A page declares, in its front matter, the errors a check must catch (``checks:``, see
:func:`glossary.inventory.page_checks`): each is one patch of the check's own code, the kind of mistake people
really make. The build runs the check once more with each patch (:mod:`glossary.execute`, cached by content
like any snippet) and requires it to fail on an ``assert``: an error that passes, or that only crashes, stops
the build. Under the check the page lists each error with the discrepancy that exposed it, taken from the
failure itself (``torch.testing.assert_close`` reports its greatest absolute difference and the tolerance; a
plain ``assert`` is quoted with its line).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from glossary.inventory import Caught

ASSERT_CLOSE = re.compile(r"Greatest absolute difference: (\S+) at index .*?\(up to (\S+) allowed\)")
MISMATCHED = re.compile(r"Mismatched elements: (\d+) / (\d+)")


@dataclass
class Verdict:
    caught_error: Caught
    caught: bool
    evidence: str  # "max |Δ| 6.7e-04 > 1e-05 (3 of 5 elements)" or the failing assert
    problem: str = ""  # why it does not count as caught

    @property
    def name(self) -> str:
        return self.caught_error.name


def _num(text: str) -> str:
    try:
        return f"{float(text):.2g}"
    except ValueError:
        return text


def evidence(error: str, code: str, label: str) -> str:
    """The discrepancy that exposed an error, from the check's failure (its traceback text)."""
    m = ASSERT_CLOSE.search(error)
    if m:
        out = f"max |Δ| {_num(m.group(1))} > {_num(m.group(2))}"
        mm = MISMATCHED.search(error)
        if mm:
            out += f" ({mm.group(1)} of {mm.group(2)} values)"
        return out
    last = error.strip().splitlines()[-1] if error.strip() else ""
    message = last.split(":", 1)[1].strip() if ":" in last else ""
    if message and not message.startswith("Tensor-likes"):
        return message[:160]
    lines = [int(n) for f, n in re.findall(r'File "([^"]+)", line (\d+)', error) if f == label]
    if lines:
        source = code.splitlines()[lines[-1] - 1].strip()
        return f"fails `{source[:120]}`"
    return last[:160] or "the check failed"


def verdict(caught: Caught, result) -> Verdict:
    """Caught means: the patched check raised an AssertionError (an assert, or assert_close)."""
    error = result.error or ""
    if result.ok:
        return Verdict(caught, False, "", "the check passed with this error in place")
    if "AssertionError" not in error:
        last = error.strip().splitlines()[-1] if error.strip() else "no traceback"
        return Verdict(caught, False, "", f"the check crashed instead of asserting: {last[:200]}")
    return Verdict(caught, True, evidence(error, caught.code, caught.block.file))


def missed_message(v: Verdict) -> str:
    c = v.caught_error
    return (f"the check {c.block.file} (included at {c.block.page}:{c.block.line}) does not catch the deliberate "
            f"error {c.name!r} ({c.old!r} -> {c.new!r}): {v.problem}. Make the check stronger, or declare an "
            "error it is meant to catch (front matter: checks).")


def caught_html(verdicts: list[Verdict]) -> str:
    """The list under a check: each deliberate error, its patch, and what exposed it."""
    items = []
    for v in verdicts:
        c = v.caught_error
        seen = (f' Seen in a public project: <a href="{html.escape(c.seen, quote=True)}">'
                f'{html.escape(_short(c.seen))}</a>.') if c.seen else ""
        items.append(
            f'<li><strong>{html.escape(c.name)}</strong>: <code class="caught__patch">{html.escape(c.old)}</code>'
            f' → <code class="caught__patch">{html.escape(c.new)}</code>. '
            f'<span class="caught__evidence">{html.escape(v.evidence)}: caught.</span>{seen}</li>')
    return ('<div class="caught" role="note" aria-label="What this check catches">'
            '<p class="caught__title">What this check catches</p>'
            '<p>When this page was built, the check above was run again with each of these deliberate errors '
            'patched into its code, and it failed every time:</p>'
            f'<ul>{"".join(items)}</ul></div>')


def _short(url: str) -> str:
    m = re.match(r"https?://github\.com/([^/]+/[^/]+)/(issues|pull)/(\d+)", url)
    if m:
        return f"{m.group(1)}#{m.group(3)}"
    return re.sub(r"^https?://", "", url)[:60]
