"""Mutation testing of every check's from-scratch region: can the check tell a wrong implementation apart?

Each check snippet marks the code it checks between ``# --- <name>`` and ``# --- end of <name>``. This module
makes every small change to that region that people's real mistakes look like (mutants): an operator
swapped, a constant moved by one, a ``dim``/``keepdim`` changed, a term dropped, two arguments swapped, a
reduction swapped (sum/mean, max/min). It runs the check with each mutant in place; a mutant the check fails
on is *killed*. A page's score is killed / (mutants - those its front matter lists as equivalent, each with a
one-line reason: a change no check could catch, such as a print's format). Every survivor must be killed by a
stronger check or be listed; a listed one must really survive (else the list is stale).

    python -m glossary.mutate [--page SLUG] [--min-score 0.9]      (make test-proofs)

Why not a mutation library: mutmut 3 mutates only code inside functions (module-level code, most of a
snippet, is left alone) and runs a pytest suite per mutant; cosmic-ray mutates files in place and starts a
test command per mutant in a new process, paying ``import torch`` each time. Here a mutant is
just another snippet: the site's runner forks it from a warm process in a fresh folder, and
its verdict is cached by content like every snippet result.
"""

from __future__ import annotations

import argparse
import ast
import json
import math
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REGION_OPEN = re.compile(r"^# --- (?!end of )(?P<name>[^(\n]*?)\s*(?:\(.*)?(?:-{2,}.*)?$", re.M)

SWAPS = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.Pow: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.MatMult: ast.Mult,
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.And: ast.Or,
    ast.Or: ast.And,
}
METHODS = {
    "sum": "mean",
    "mean": "sum",
    "max": "min",
    "min": "max",
    "argmax": "argmin",
    "argmin": "argmax",
    "softmax": "log_softmax",
    "log_softmax": "softmax",
    "exp": "log",
    "log": "exp",
    "sqrt": "rsqrt",
    "rsqrt": "sqrt",
    "cumsum": "cumprod",
    "transpose": "permute",
    "tril": "triu",
    "triu": "tril",
    "sin": "cos",
    "cos": "sin",
    "masked_fill": "where",
}
DIM_KEYWORDS = {"dim", "axis", "dims"}
# Functions whose first two arguments can be swapped without any effect: swapping them makes no mutant.
SYMMETRIC = {
    "transpose",
    "swapaxes",
    "swapdims",
    "maximum",
    "minimum",
    "add",
    "mul",
    "hypot",
    "allclose",
    "isclose",
    "equal",
    "assert_close",
}


def _name(func: ast.AST) -> str:
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


@dataclass(frozen=True)
class Mutant:
    description: str  # "b1 ** t -> b1 * t": its name in front matter (equivalent:)
    code: str  # the whole check with the region mutated


def regions(code: str) -> list[tuple[str, int, int]]:
    """(name, first line, last line) of each marked region: the 1-based lines of the code between the markers,
    both included."""
    lines = code.splitlines()
    out = []
    for i, line in enumerate(lines):
        m = REGION_OPEN.match(line)
        if not m or not m.group("name"):
            continue
        name = m.group("name").strip()
        end = next((j for j in range(i + 1, len(lines)) if lines[j].startswith(f"# --- end of {name}")), None)
        if end is not None:
            out.append((name, i + 2, end))
    return out


def region_text(code: str, name: str) -> str | None:
    """The text between a region's markers (None if the code has no such region)."""
    for n, first, last in regions(code):
        if n == name:
            return "\n".join(code.splitlines()[first - 1 : last])
    return None


def _in_print_or_string(node: ast.AST, parents: dict) -> bool:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.JoinedStr):
            return True
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "print":
            return True
    return False


def _replacements(node: ast.AST):
    """(new node, short description) for each mutation of one node."""
    if isinstance(node, ast.BinOp) and type(node.op) in SWAPS:
        yield ast.BinOp(node.left, SWAPS[type(node.op)](), node.right), None
        if isinstance(node.op, (ast.Add, ast.Sub)):
            yield node.left, None  # the right-hand term dropped
    if isinstance(node, ast.BoolOp) and type(node.op) in SWAPS:
        yield ast.BoolOp(SWAPS[type(node.op)](), node.values), None
    if isinstance(node, ast.Compare) and len(node.ops) == 1 and type(node.ops[0]) in SWAPS:
        yield ast.Compare(node.left, [SWAPS[type(node.ops[0])]()], node.comparators), None
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.Not)):
        yield node.operand, None
    if isinstance(node, ast.Constant) and not isinstance(node.value, (str, bytes)) and node.value is not None:
        v = node.value
        if isinstance(v, bool):
            yield ast.Constant(not v), None
        elif isinstance(v, int):
            yield ast.Constant(v + 1), None
        elif isinstance(v, float):
            yield ast.Constant(v * 2 if v else 1.0), None
    if isinstance(node, ast.Call):
        if isinstance(node.func, ast.Attribute) and node.func.attr in METHODS:
            yield (
                ast.Call(ast.Attribute(node.func.value, METHODS[node.func.attr], ast.Load()), node.args, node.keywords),
                None,
            )
        if (
            len(node.args) >= 2
            and not any(isinstance(a, ast.Starred) for a in node.args[:2])
            and _name(node.func) not in SYMMETRIC
        ):
            yield ast.Call(node.func, [node.args[1], node.args[0], *node.args[2:]], node.keywords), None
        for k, kw in enumerate(node.keywords):
            if kw.arg in DIM_KEYWORDS:
                new = ast.Constant(0) if ast.unparse(kw.value) in ("-1",) else ast.Constant(-1)
                kws = [*node.keywords[:k], ast.keyword(kw.arg, new), *node.keywords[k + 1 :]]
                yield ast.Call(node.func, node.args, kws), None


def mutants(code: str, name: str | None = None) -> list[Mutant]:
    """Every mutant of the code's marked regions (or of one region)."""
    out: list[Mutant] = []
    seen: dict[str, int] = {}
    lines = code.splitlines(keepends=True)
    starts = [0]
    for ln in lines:
        starts.append(starts[-1] + len(ln))
    for region, first, last in regions(code):
        if name is not None and region != name:
            continue
        tree = ast.parse(code)
        parents = {child: parent for parent in ast.walk(tree) for child in ast.iter_child_nodes(parent)}
        for node in ast.walk(tree):
            if not hasattr(node, "lineno") or not (first <= node.lineno and node.end_lineno <= last):
                continue
            if _in_print_or_string(node, parents):
                continue
            for new, _ in _replacements(node):
                start = starts[node.lineno - 1] + _col(lines[node.lineno - 1], node.col_offset)
                end = starts[node.end_lineno - 1] + _col(lines[node.end_lineno - 1], node.end_col_offset)
                before, after = ast.unparse(node), ast.unparse(new)
                if before == after:
                    continue
                mutated = code[:start] + "(" + after + ")" + code[end:]
                desc = f"line {node.lineno}: {before} -> {after}"
                if len(desc) > 140:
                    desc = desc[:137] + "..."
                seen[desc] = seen.get(desc, 0) + 1
                if seen[desc] > 1:
                    desc = f"{desc} (#{seen[desc]})"
                out.append(Mutant(desc, mutated))
    return out


def _col(line: str, offset: int) -> int:
    """ast's col_offset counts UTF-8 bytes; the text counts characters."""
    return len(line.encode("utf-8")[:offset].decode("utf-8", errors="ignore"))


# -- running ----------------------------------------------------------------------------------------------
@dataclass
class PageScore:
    page: str
    check: str  # the check's file
    mutants: int
    killed: int
    equivalent: int
    survivors: list[str]  # unlisted survivors
    stale: list[str]  # listed as equivalent but killed (or no such mutant)
    cpu_seconds: float

    @property
    def score(self) -> float:
        n = self.mutants - self.equivalent
        return self.killed / n if n else 1.0


def tally(page: str, file: str, ms: list[Mutant], results: list[dict], equivalent: dict) -> PageScore:
    """A check's score from its mutants' verdicts; a mutant listed as equivalent must have survived."""
    killed = [m for m, v in zip(ms, results) if v["killed"]]
    alive = [m.description for m, v in zip(ms, results) if not v["killed"]]
    survivors = [d for d in alive if d not in equivalent]
    stale = [d for d in equivalent if d not in alive]
    return PageScore(
        page,
        file,
        len(ms),
        len(killed),
        len(equivalent) - len(stale),
        survivors,
        stale,
        sum(v.get("cpu", 0.0) for v in results),
    )


def cpu_limit(check_cpu: float | None, most: float = 30.0) -> float:
    """The CPU seconds a mutant of a check may use: five times what the check itself used at the last build,
    rounded up to a multiple of 5 s, at least 5 s, at most `most` (without a build, `most`). A mutant that
    loops (`i += 2` made `i -= 2`) is killed when it reaches it: it would never end."""
    if check_cpu is None:
        return most
    return min(most, max(5.0, 5.0 * math.ceil(check_cpu)))


def run(slugs: list[str] | None = None, workers: int = 2, timeout: float = 30.0, log=print) -> list[PageScore]:
    from glossary import execute, runner, site
    from glossary.inventory import Block

    s = site.load()
    inv, ex = s.inventory(), s.executor()
    cache = ex.cache_dir / "mutants"
    cache.mkdir(parents=True, exist_ok=True)
    r = runner.Runner(s.root / s.names_path, timeout=timeout)
    scores = []
    used: set[str] = set()  # the verdicts this run needs; after a run of every page, the others are pruned
    try:
        for check in inv.checks:
            slug = Path(check.block.page).stem
            if slugs and slug not in slugs:
                continue
            ms = mutants(check.block.code)
            equivalent = dict(check.equivalent)
            built = ex.cached(ex.key(check.block.code, inv))
            # Set before the check's mutants run and read by each run; the verdict's key includes it (a slower
            # limit could turn a verdict).
            r.timeout = cpu_limit(built.cpu_seconds if built is not None else None, timeout)

            def verdict(m: Mutant):
                key = ex.key(f"{m.code}\n# cpu limit: {r.timeout:g} s", inv)
                used.add(key)
                path = cache / f"{key}.json"
                data = execute.read_entry(path)
                if data is not None:
                    return data
                block = Block(check.block.page, check.block.line, check.block.file, m.code)
                result = r.run(m.code, label=check.block.file, inputs=ex.inputs(block, inv))
                data = {"killed": not result.ok, "cpu": result.cpu_seconds}
                execute.write_entry(path, data)
                return data

            start = time.perf_counter()
            with ThreadPoolExecutor(workers) as pool:
                results = list(pool.map(verdict, ms))
            score = tally(check.block.page, check.block.file, ms, results, equivalent)
            scores.append(score)
            log(
                f"{check.block.file}: {score.killed}/{score.mutants - score.equivalent} killed "
                f"({score.score:.0%}), {score.equivalent} listed equivalent, "
                f"{len(score.survivors)} unlisted survivors, {time.perf_counter() - start:.1f} s"
            )
    finally:
        r.close()
    if not slugs:
        prune(cache, used)
    return scores


def prune(cache: Path, used: set[str]) -> list[Path]:
    """Remove the verdicts no check of the site asks for any more (edited checks leave theirs behind)."""
    stale = [p for p in cache.glob("*.json") if p.stem not in used]
    for p in stale:
        p.unlink(missing_ok=True)
    return stale


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--page", action="append", help="only this page's checks (slug); repeatable")
    parser.add_argument("--min-score", type=float, default=0.9)
    parser.add_argument("--json", type=Path, help="write the scores here")
    parser.add_argument("--show-survivors", action="store_true")
    args = parser.parse_args(argv)
    scores = run(args.page)
    failed = False
    print(f"\n{'page':44} {'mutants':>7} {'killed':>6} {'equiv.':>6} {'score':>6} {'CPU s':>6}")
    for s in scores:
        bad = s.score < args.min_score or s.survivors or s.stale
        failed |= bool(bad)
        print(
            f"{s.page:44} {s.mutants:7d} {s.killed:6d} {s.equivalent:6d} {s.score:6.0%} {s.cpu_seconds:6.1f}"
            f"{'  FAIL' if bad else ''}"
        )
        if args.show_survivors or bad:
            for d in s.survivors:
                print(f"    survives: {d}")
            for d in s.stale:
                print(f"    listed as equivalent but killed or gone: {d}")
    print(f"CPU seconds of all mutants: {sum(s.cpu_seconds for s in scores):.1f}")
    if args.json:
        args.json.write_text(json.dumps([s.__dict__ | {"score": s.score} for s in scores], indent=1))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
