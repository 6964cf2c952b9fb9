"""The bigram walkthrough notebook: stored without outputs, executed by the build (mkdocs-jupyter), offered for
download, and runnable top to bottom in a fresh kernel in a folder holding only names.txt."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from conftest import DOCS, NAMES, NOTEBOOK, PAGE

from glossary.htmlscan import scan

pytestmark = pytest.mark.skipif(bool(PAGE), reason=f"PAGE={PAGE}: the walkthrough is not that page")

TERMS_USED = ["logits", "softmax", "cross-entropy", "one-hot", "embedding"]


def page(build) -> str:
    return (build.site / "walkthrough" / "index.html").read_text(encoding="utf-8")


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_stored_without_outputs():
    """Diff-friendly: outputs exist only on the built page, produced there."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert code_cells(nb)
    dirty = [
        i for i, c in enumerate(nb.cells) if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    assert dirty == [], "clear the outputs before committing (Jupyter: Edit > Clear Outputs of All Cells)"
    assert "widgets" not in nb.metadata


@pytest.mark.build
def test_downloadable_copy_is_the_source(build):
    assert (build.site / "walkthrough" / "walkthrough.ipynb").read_bytes() == NOTEBOOK.read_bytes()
    links = scan(page(build)).links
    assert "walkthrough.ipynb" in links and "../names.txt" in links


def test_the_build_executes_notebooks_as_a_reader_would(tmp_path):
    """The build runs each notebook through glossary.nbexec.ReaderExecutePreprocessor: a fresh kernel in an
    empty folder holding only names.txt (so the build's execution is the reader's run, P2 for notebooks). Shown
    on a two-cell notebook that lists its folder and fails if run anywhere else."""
    from glossary.nbexec import ReaderExecutePreprocessor

    config = json.loads((DOCS.parent / "glossary/jupyter/jupyter_nbconvert_config.json").read_text())
    assert "glossary.nbexec.ReaderExecutePreprocessor" in config["HTMLExporter"]["default_preprocessors"]
    assert "nbconvert.preprocessors.ExecutePreprocessor" not in config["HTMLExporter"]["default_preprocessors"]
    (tmp_path / "names.txt").write_bytes(NAMES.read_bytes())
    (tmp_path / "other.txt").write_text("not for the reader")
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_code_cell("import os, torch\nprint(sorted(os.listdir('.')), torch.get_num_threads())"),
            nbformat.v4.new_code_cell("assert len(open('names.txt').read().split()) > 30000"),
        ]
    )
    ep = ReaderExecutePreprocessor(enabled=True, timeout=60, kernel_name="python3")
    nb, _ = ep.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert [o.get("text") for o in nb.cells[0].outputs] == ["['names.txt'] 1\n"], nb.cells[0].outputs
    assert all(c.execution_count for c in nb.cells)


def test_a_notebook_gets_the_data_it_declares_and_nothing_it_merely_names():
    """Its first code cell declares its data as a snippet does; a file it only mentions is not given to it
    (nothing is inferred from the code), and a declared name that is no data file of the site fails."""
    from glossary.nbexec import reader_data

    def nb(first: str):
        return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(first)])

    assert sorted(reader_data(nb("# needs: names-1915.txt\nimport torch"))) == ["names-1915.txt", "names.txt"]
    assert sorted(reader_data(nb("print(open('names-1915.txt').read())"))) == ["names.txt"]
    with pytest.raises(ValueError, match="names-2025.txt, which is not a data file"):
        reader_data(nb("# needs: names-2025.txt"))


def test_a_cell_is_limited_in_cpu_seconds_not_wall_seconds(tmp_path):
    """A cell that waits (3 s asleep) passes a 1 s CPU limit; a busy loop fails it, with a message that says
    why, and the cells after it do not run."""
    from nbconvert.preprocessors import CellExecutionError

    from glossary.nbexec import ReaderExecutePreprocessor

    (tmp_path / "names.txt").write_bytes(NAMES.read_bytes())
    cells = ["import time\ntime.sleep(3)", "while True:\n    pass", "print('after')"]
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    ep = ReaderExecutePreprocessor(enabled=True, timeout=60, kernel_name="python3", cell_cpu_seconds=1)
    with pytest.raises(CellExecutionError, match="used more than 1 s of CPU"):
        ep.preprocess(nb, {"metadata": {"path": str(tmp_path)}})
    assert nb.cells[0].execution_count and not nb.cells[2].get("outputs")


@pytest.mark.build
def test_page_shows_every_cell_executed_with_its_figures(build):
    html = page(build)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    prompts = re.findall(r"jp-InputPrompt[^>]*>In\xa0\[(\d+)\]:", html)
    assert [int(p) for p in prompts] == list(range(1, len(code_cells(nb)) + 1))
    # Each figure as the site draws figures (glossary/nbexec.py): a light and a dark SVG, with alt text.
    figures = re.findall(r'<figure class="exec-figure"[^>]*>(.*?)</figure>', html, flags=re.S)
    assert len(figures) >= 3
    for fig in figures:
        assert 'class="exec-figure__light"' in fig and 'class="exec-figure__dark"' in fig
        assert 'src="data:image/svg+xml;base64,' in fig and 'alt="No description' not in fig
    assert 'jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr' not in html


@pytest.mark.build
def test_page_links_the_glossary_terms_it_uses(build):
    links = scan(page(build)).links
    missing = [t for t in TERMS_USED if f"../terms/{t}/" not in links]
    assert missing == []


@pytest.mark.build
def test_math_is_mathml_and_no_mathjax(build):
    html = page(build)
    info = scan(html)
    assert len(info.math) >= 1
    assert "mathjax" not in html.lower()
    assert not re.search(r"\$[^$\s][^$]*\$", info.prose), "unconverted $...$ math"


@pytest.mark.build
@pytest.mark.parametrize("path", ["walkthrough.ipynb"])
def test_mkdocs_jupyter_picks_up_only_the_walkthrough(path, build):
    """Its default `include` executes every .py and .md under docs/ too."""
    from glossary.render import mkdocs_config

    plugin = next(
        p["mkdocs-jupyter"]
        for p in mkdocs_config(DOCS.parent)["plugins"]
        if isinstance(p, dict) and "mkdocs-jupyter" in p
    )
    assert plugin["include"] == [path]
    assert plugin["execute"] is True and plugin["allow_errors"] is False
    timeout = json.loads((DOCS.parent / "glossary/jupyter/jupyter_nbconvert_config.json").read_text())
    assert timeout["NotebookClient"]["timeout"] > 0
