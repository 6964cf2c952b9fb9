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

import functools
import html
import re
import textwrap
from dataclasses import dataclass

from glossary.inventory import Caught

LEDGER_PAGE = "docs/proofs.md"

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
    return (
        f"the check {c.block.file} (included at {c.block.page}:{c.block.line}) does not catch the deliberate "
        f"error {c.name!r} ({c.old!r} -> {c.new!r}): {v.problem}. Make the check stronger, or declare an "
        "error it is meant to catch (front matter: checks)."
    )


def _shown(code: str) -> str:
    """A patch as the list shows it: without the indentation it has in the file (in a narrow column, twelve
    leading spaces push a one-line patch past the right edge)."""
    lines = code.strip("\n").splitlines() or [""]
    rest = textwrap.dedent("\n".join(lines[1:])).splitlines()
    return "\n".join([lines[0].strip(), *rest]).rstrip()


def caught_html(verdicts: list[Verdict]) -> str:
    """The list under a check: each deliberate error, its patch, and what exposed it."""
    items = []
    for v in verdicts:
        c = v.caught_error
        seen = (
            (
                f' Seen in a public project: <a href="{html.escape(c.seen, quote=True)}">'
                f"{html.escape(_short(c.seen))}</a>."
            )
            if c.seen
            else ""
        )
        items.append(
            f"<li><strong>{html.escape(c.name)}</strong>: "
            f'<code class="caught__patch">{html.escape(_shown(c.old))}</code>'
            f' → <code class="caught__patch">{html.escape(_shown(c.new))}</code>. '
            f'<span class="caught__evidence">{html.escape(v.evidence)}: caught.</span>{seen}</li>'
        )
    return (
        '<div class="caught" role="note" aria-label="What this check catches" data-search-exclude>'
        '<p class="caught__title">What this check catches</p>'
        "<p>When this page was built, the check above was run again with each of these deliberate errors "
        "patched into its code, and it failed every time:</p>"
        f"<ul>{''.join(items)}</ul></div>"
    )


def _short(url: str) -> str:
    m = re.match(r"https?://github\.com/([^/]+/[^/]+)/(issues|pull)/(\d+)", url)
    if m:
        return f"{m.group(1)}#{m.group(3)}"
    return re.sub(r"^https?://", "", url)[:60]


# -- the proof ledger ---------------------------------------------------------------------------------------
@functools.lru_cache(maxsize=None)  # asked for every check at every `mkdocs serve` rebuild
def library_versions(against: str) -> str:
    """'torch.optim.Adam, peft.LoraConfig' -> 'torch 2.13.0, peft 0.21.2' (the packages named, as installed)."""
    from importlib import metadata

    names = dict.fromkeys(m.group(1) for m in re.finditer(r"\b([a-z_][a-z0-9_]*)\.[A-Za-z_]", against))
    out = []
    for name in names:
        try:
            out.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return ", ".join(out)


def _tolerance(c: dict) -> str:
    if c.get("rtol") is None and c.get("atol") is None:
        return "exact"
    return f"rtol {c['rtol']:.2g}, atol {c['atol']:.2g}"


def ledger(inv, executor, scores: dict | None = None) -> list[dict]:
    """One row per check: page, what it compares with (and the library's version), its tolerances, the largest
    difference it measured at build, the deliberate errors it caught and, when measured, its mutation score."""
    rows = []
    for check in inv.checks:
        block = check.block
        result = executor.result(executor.key(block.code, inv), block, inv)
        comparisons = [c for c in result.comparisons if c.get("passed")]
        measured = [c["max_abs"] for c in comparisons if c.get("max_abs") is not None]
        tolerances = sorted({_tolerance(c) for c in comparisons})
        caught = [verdict(c, executor.variant_result(c, inv)) for c in check.caught]
        score = (scores or {}).get(block.file)
        rows.append(
            {
                "page": block.page,
                "check": block.file,
                "against": check.against,
                "versions": library_versions(check.against),
                "comparisons": len(comparisons),
                "tolerances": tolerances,
                "largest_difference": max(measured) if measured else None,
                "caught": [
                    {
                        "error": v.name,
                        "replace": v.caught_error.old,
                        "by": v.caught_error.new,
                        "evidence": v.evidence,
                        "caught": v.caught,
                        "seen": v.caught_error.seen,
                    }
                    for v in caught
                ],
                "mutation": score,
            }
        )
    return rows


def ledger_markdown(rows: list[dict], docs_dir: str, page: str) -> str:
    """The ledger as a Markdown table (links relative to the page that shows it)."""
    import os

    here = os.path.dirname(page)
    lines = [
        "| Page | Check | Compared with | Tolerance | Largest difference at build | Deliberate errors caught | "
        "Mutation score |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in rows:
        link = os.path.relpath(r["page"], here).replace(os.sep, "/")
        title = os.path.splitext(os.path.basename(r["page"]))[0].replace("-", " ")
        largest = (
            "0 (exact)"
            if r["largest_difference"] == 0
            else (f"{r['largest_difference']:.1e}" if r["largest_difference"] is not None else "(asserts only)")
        )
        errors = "; ".join(f"{c['error']} ({c['evidence']})" for c in r["caught"] if c["caught"]) or "none"
        m = r["mutation"]
        mutation = (
            (f"{m['killed']}/{m['mutants'] - m['equivalent']} = {m['score']:.0%} ({m['equivalent']} equivalent)")
            if m
            else "not measured in this build"
        )
        against = r["against"] + (f" ({r['versions']})" if r["versions"] else "")
        cells = [
            f"[{title}]({link})",
            f"`{r['check'].split('/', 1)[1]}`",
            against,
            "; ".join(r["tolerances"]) or "(asserts)",
            largest,
            f"{len(r['caught'])}: {errors}",
            mutation,
        ]
        lines.append("| " + " | ".join(c.replace("|", "&#124;") for c in cells) + " |")
    return "\n".join(lines)


def mutation_scores() -> dict | None:
    """Mutation scores by check file, when this build measures them (GLOSSARY_PROOFS=1), else None."""
    import os

    if os.environ.get("GLOSSARY_PROOFS", "").lower() not in ("1", "true", "yes"):
        return None
    from glossary import mutate

    return {
        s.check: {
            "mutants": s.mutants,
            "killed": s.killed,
            "equivalent": s.equivalent,
            "score": s.score,
            "survivors": s.survivors,
        }
        for s in mutate.run(log=lambda *_: None)
    }
