"""Every page as a notebook, run as a reader runs it (`make test-notebooks`).

Each page with code blocks offers a notebook built from it (glossary/notebook.py; tests/test_pages.py checks
that the built page's link holds exactly that notebook). Here each notebook runs top to bottom in a fresh
Jupyter kernel, in a temporary folder that holds only the notebook and the files its first cell tells the
reader to put beside it: the data files its cells declare (`# needs:`), and the files other pages' notebooks
write where a cell loads them (the names GPT's weights, the names Llama, the models trained from it) — those
come from running the writing notebooks first, exactly as a reader without the site's downloads would get
them. Two notebooks run at a time (two cores); any error fails the page's test.
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

from glossary import notebook, site
from glossary.inventory import needs

pytestmark = pytest.mark.notebooks

CELL_TIMEOUT = 600  # seconds; the longest cells train the capstone models


def notebooks() -> dict[str, dict]:
    inv = site_inventory()
    out = {}
    for page in markdown_pages():
        nb = notebook.for_page(page, REPO, site.load(REPO).snippets_dir, inv)
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

    # The notebooks that write artifacts run one after another (the chain), each once what it reads exists, if
    # another notebook needs what they write (or they are run themselves); and the writers of what those read,
    # up the chain (names_llama -> names_chat -> names_sft -> names_dpo). mkdocs.yml's artifacts map is not in
    # chain order.
    inv = site_inventory()

    def writer_of(name: str) -> str | None:
        blocks = inv.pages_of(inv.artifacts[name])
        return Path(blocks[0].page).stem if blocks else None

    def notebook_of(stem: str) -> dict:
        return nbs.get(stem) or notebook.for_page(page_path(stem), REPO, site.load(REPO).snippets_dir, inv)

    def collect(folder: Path) -> bool:
        new = [n for n in inv.artifacts if (folder / n).exists() and n not in artifacts]
        artifacts.update({n: folder / n for n in new})
        return bool(new)

    def has(name: str) -> bool:
        return name in inv.data_files or name in artifacts

    todo = [writer_of(n) for nb in nbs.values() for n in needed(nb) if n in inv.artifacts]
    todo += [s for s in nbs if s in {writer_of(n) for n in inv.artifacts}]
    pending: set[str] = set()
    while todo:
        stem = todo.pop()
        if stem is not None and stem not in pending:
            pending.add(stem)
            todo += [writer_of(n) for n in needed(notebook_of(stem)) if n in inv.artifacts]
    free = [s for s in nbs if s not in pending and not any(n in inv.artifacts for n in needed(nbs[s]))]

    def run_chain() -> None:
        """The writers, one after another, each once what it reads exists."""
        while pending:
            ready = sorted(s for s in pending if all(map(has, needed(notebook_of(s)))))
            if ready:
                writer = ready[0]
                pending.remove(writer)
                writer_nb = notebook_of(writer)
                res = run(
                    writer_nb,
                    root / writer,
                    {n: data_path(n) if n in inv.data_files else artifacts[n] for n in needed(writer_nb)},
                )
                if writer in nbs:
                    out[writer] = res
                collect(root / writer)
                continue
            # Pages can need each other: the chat-template page writes the chat tokenizer and later shows the SFT
            # model, which the instruction-tuning page trains with that tokenizer. Then a page's cells run up to
            # the first that needs a file not yet written, for what they write; the page runs whole later.
            progressed = False
            for stem in sorted(pending):
                cells = []
                for cell in notebook_of(stem)["cells"]:
                    if cell["cell_type"] == "code" and not all(map(has, needs(cell["source"]))):
                        break
                    cells.append(cell)
                part = dict(notebook_of(stem), cells=cells)
                files = {n: data_path(n) if n in inv.data_files else artifacts[n] for n in needed(part) if has(n)}
                run(part, root / f"{stem}.part", files)
                if collect(root / f"{stem}.part"):
                    progressed = True
                    break
            if not progressed:
                for stem in pending:
                    lacking = ", ".join(n for n in needed(notebook_of(stem)) if not has(n))
                    out[stem] = (False, f"{lacking} is needed, but no notebook wrote it", 0.0)
                break

    # The chain runs on one thread while the notebooks that read no artifact run beside it; those that read one
    # run once the chain has written it.
    with ThreadPoolExecutor(max_workers=int(os.environ.get("GLOSSARY_WORKERS", "2"))) as pool:
        chain = pool.submit(run_chain)
        beside = [pool.submit(one, s) for s in free]
        chain.result()
        rest = [pool.submit(one, s) for s in nbs if s not in out and s not in free]
        for future in beside + rest:
            stem, res = future.result()
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
