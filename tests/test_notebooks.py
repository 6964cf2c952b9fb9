"""Every page as a notebook, run as a reader runs it (`make test-notebooks`).

Each page with code blocks offers a notebook built from it (glossary/notebook.py; tests/test_pages.py checks
that the built page's link holds exactly that notebook). Here each notebook runs top to bottom in a fresh
Jupyter kernel, in a temporary folder that holds only the notebook and the files its first cell tells the
reader to put beside it: names.txt, names-1915.txt where a cell reads it, and the names GPT's weights where
a cell loads them — those come from running the names GPT notebook first, exactly as a reader without the
site's download would get them. Two notebooks run at a time (two cores); any error fails the page's test.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest
from conftest import REPO, markdown_pages, page_path, site_inventory

from glossary import notebook

pytestmark = pytest.mark.notebooks

CELL_TIMEOUT = 600  # seconds; the longest cells train the capstone models


def notebooks() -> dict[str, dict]:
    inv = site_inventory()
    out = {}
    for page in markdown_pages():
        nb = notebook.for_page(page, REPO, "snippets", inv)
        if nb is not None:
            out[page.stem] = nb
    return out


def run(nb: dict, folder: Path, files: dict[str, Path]) -> tuple[bool, str, float]:
    """Execute one notebook in `folder` with a fresh kernel, as `jupyter nbconvert --execute` does; return
    (ok, the error, seconds)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, src in files.items():
        if Path(src).is_dir():  # a folder artifact (a Hugging Face model folder)
            shutil.copytree(src, folder / name)
        else:
            shutil.copy(src, folder / name)
    path = folder / "page.ipynb"
    path.write_text(notebook.dumps(nb), encoding="utf-8")
    env = dict(os.environ, OMP_NUM_THREADS="1", MKL_NUM_THREADS="1", PYTHONHASHSEED="0")
    start = time.perf_counter()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbconvert",
            "--to",
            "notebook",
            "--execute",
            "--inplace",
            f"--ExecutePreprocessor.timeout={CELL_TIMEOUT}",
            "--ExecutePreprocessor.kernel_name=python3",
            str(path),
        ],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    return proc.returncode == 0, proc.stderr[-4000:], seconds


def needed(nb: dict) -> list[str]:
    return nb["metadata"]["glossary"]["files"]


def data_path(name: str) -> Path:
    return REPO / site_inventory().data_files[name]


@cache
def results() -> dict[str, tuple[bool, str, float]]:
    nbs = notebooks()
    root = Path(tempfile.mkdtemp(prefix="glossary-notebooks-"))
    out: dict[str, tuple[bool, str, float]] = {}
    artifacts: dict[str, Path] = {}

    def one(stem: str):
        nb = nbs[stem]
        files = {}
        for name in needed(nb):
            if name in site_inventory().data_files:
                files[name] = data_path(name)
            elif name in artifacts:
                files[name] = artifacts[name]
            else:
                return stem, (False, f"{name} is needed, but no notebook wrote it", 0.0)
        return stem, run(nb, root / stem, files)

    # The notebooks that write artifacts first (the pages of mkdocs.yml's artifact writers, in the order they
    # are listed there), if another notebook needs what they write (or they are run themselves).
    inv = site_inventory()
    wanted = {n for nb in nbs.values() for n in needed(nb) if n in inv.artifacts}
    while True:  # and what the pages that write them need, up the chain (names_dpo <- names_sft <- names_chat ...)
        writer_pages = {
            Path(inv.pages_of(inv.artifacts[n])[0].page).stem for n in wanted if inv.pages_of(inv.artifacts[n])
        }
        more = {
            n
            for w in writer_pages
            for n in needed(nbs.get(w) or notebook.for_page(page_path(w), REPO, "snippets", inv))
            if n in inv.artifacts
        } - wanted
        if not more:
            break
        wanted |= more
    for writer in dict.fromkeys(Path(inv.pages_of(w)[0].page).stem for w in inv.artifacts.values() if inv.pages_of(w)):
        if writer not in nbs and not any(
            Path(inv.pages_of(w)[0].page).stem == writer
            for n, w in inv.artifacts.items()
            if n in wanted and inv.pages_of(w)
        ):
            continue
        writer_nb = nbs.get(writer) or notebook.for_page(page_path(writer), REPO, "snippets", inv)
        files = {}
        for n in needed(writer_nb):
            files[n] = data_path(n) if n in inv.data_files else artifacts.get(n, root / "missing" / n)
        res = run(writer_nb, root / writer, files)
        if writer in nbs:
            out[writer] = res
        for name in inv.artifacts:
            if (root / writer / name).exists() and name not in artifacts:
                artifacts[name] = root / writer / name
    with ThreadPoolExecutor(max_workers=int(os.environ.get("GLOSSARY_WORKERS", "2"))) as pool:
        for stem, res in pool.map(one, [s for s in nbs if s not in out]):
            out[stem] = res
    shutil.rmtree(root, ignore_errors=True)
    return out


@pytest.mark.parametrize("stem", sorted(notebooks()))
def test_the_notebook_runs_top_to_bottom(stem, record_property):
    ok, error, seconds = results()[stem]
    record_property("seconds", round(seconds, 1))
    print(f"{stem}.ipynb ran in {seconds:.1f} s")
    assert ok, f"{stem}.ipynb failed:\n{error}"


def test_a_failing_cell_fails_the_notebook(tmp_path):
    """The runner above reports a cell that raises (the check can fail)."""
    import nbformat

    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("print('fine')"),
            nbformat.v4.new_code_cell("raise ValueError('broken on purpose')"),
        ]
    )
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    ok, error, _ = run(nb, tmp_path / "nb", {})
    assert not ok and "broken on purpose" in error


def test_a_notebook_cannot_read_what_it_was_not_given(tmp_path):
    """The folder holds only what the first cell names: a cell reading another file fails."""
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("open('names.txt').read()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    ok, error, _ = run(nb, tmp_path / "nb", {})
    assert not ok and "names.txt" in error
