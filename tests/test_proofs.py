"""`make test-proofs`: mutation testing of every check's marked region (glossary/mutate.py).

Every check kills at least 90 % of the mutants of the code it checks that are not listed as equivalent in its
page's front matter; no survivor goes unlisted; every listed one really survives (it is run here again, alone,
and the check passes with it in place).
"""

from __future__ import annotations

import pytest
from conftest import site_inventory

from glossary import mutate

pytestmark = pytest.mark.proofs
MIN_SCORE = 0.9


@pytest.fixture(scope="module")
def scores():
    return {s.check: s for s in mutate.run(log=lambda line: print(line, flush=True))}


CHECKS = [pytest.param(c, id=c.block.file.split("/", 1)[1]) for c in site_inventory().checks]


@pytest.mark.parametrize("check", CHECKS)
def test_every_check_kills_its_mutants(check, scores):
    s = scores[check.block.file]
    assert s.survivors == [], f"{len(s.survivors)} survivors not listed as equivalent: kill them or list them"
    assert s.stale == [], "listed as equivalent, yet killed (or no longer a mutant): remove from the list"
    assert s.score >= MIN_SCORE, f"{s.score:.0%} < {MIN_SCORE:.0%}"


@pytest.fixture(scope="module")
def warm_runner():
    """One runner for every check's equivalents (its worker imports torch and the libraries once)."""
    from glossary import runner, site

    s = site.load()
    with runner.Runner(s.root / s.names_path) as r:
        yield r


@pytest.mark.parametrize("check", [c for c in CHECKS if c.values[0].equivalent])
def test_a_listed_equivalent_really_survives(check, warm_runner):
    from glossary import site

    s = site.load()
    inv, ex = s.inventory(), s.executor()
    by_name = {m.description: m for m in mutate.mutants(check.block.code)}
    for description, why in check.equivalent:
        assert description in by_name, f"no such mutant: {description}"
        m = by_name[description]
        block = type(check.block)(check.block.page, check.block.line, check.block.file, m.code)
        result = warm_runner.run(m.code, label=check.block.file, inputs=ex.inputs(block, inv))
        assert result.ok, f"{description} ({why}) is killed: {result.error[-300:]}"
