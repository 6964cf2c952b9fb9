"""The CI's Python 3.12/3.13 resolution check (.ci/resolve_pythons.py) leaves no torch-needing package to the
resolver. No network: only the split of the requirements is tested here, from the installed packages' metadata."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def resolve():
    spec = importlib.util.spec_from_file_location("resolve_pythons", ROOT / ".ci" / "resolve_pythons.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def torch_leaks(resolve, rest: list[str]) -> list[str]:
    """The requirements left to the resolver that would pull torch (and with it, on 3.12/3.13, CUDA)."""
    return [r for r in rest if resolve._name(r) == "torch" or resolve.needs_torch(resolve._name(r))]


def test_no_requirement_left_to_the_resolver_pulls_torch(resolve):
    rest, alone = resolve.requirements()
    assert torch_leaks(resolve, rest) == []
    # trl needs torch only through accelerate: a list written by hand misses it.
    assert {resolve._name(r) for r in alone} >= {"peft", "accelerate", "trl"}
    assert not any(resolve._name(r) == "torch" for r in rest + alone)


def test_a_hand_list_that_misses_trl_is_caught(resolve, monkeypatch):
    """A hand-written split (only peft and accelerate resolved alone) leaves trl to the resolver, which then
    fetches a CUDA torch: the check sees it."""
    monkeypatch.setattr(resolve, "needs_torch", lambda pkg, seen=None: pkg in ("peft", "accelerate"))
    rest, _ = resolve.requirements()
    monkeypatch.undo()
    assert [resolve._name(r) for r in torch_leaks(resolve, rest)] == ["trl"]
