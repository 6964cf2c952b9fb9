"""The bigram walkthrough notebook: stored without outputs, executed by the build (mkdocs-jupyter), offered for
download, and runnable top to bottom in a fresh kernel in a folder holding only names.txt."""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from conftest import DOCS, NOTEBOOK

from glossary.htmlscan import scan

TERMS_USED = ["logits", "softmax", "cross-entropy", "one-hot", "embedding"]


def page(build) -> str:
    return (build.site / "walkthrough" / "index.html").read_text(encoding="utf-8")


def code_cells(nb):
    return [c for c in nb.cells if c.cell_type == "code"]


def test_stored_without_outputs():
    """Diff-friendly: outputs exist only on the built page, produced there."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert code_cells(nb)
    dirty = [i for i, c in enumerate(nb.cells)
             if c.cell_type == "code" and (c.outputs or c.execution_count is not None)]
    assert dirty == [], "clear the outputs before committing (Jupyter: Edit > Clear Outputs of All Cells)"
    assert "widgets" not in nb.metadata


def test_downloadable_copy_is_the_source(build):
    assert (build.site / "walkthrough" / "walkthrough.ipynb").read_bytes() == NOTEBOOK.read_bytes()
    links = scan(page(build)).links
    assert "walkthrough.ipynb" in links and "../names.txt" in links


def test_runs_top_to_bottom_in_a_fresh_kernel_beside_names_txt(walkthrough_run):
    """Run as a reader would: the notebook and names.txt alone in a folder, a new kernel (conftest starts it
    while the builds run). Its own assertions (the network matches the counts model) can fail it."""
    proc, out = walkthrough_run
    assert proc.returncode == 0, proc.stderr_text[-3000:]
    assert sorted(p.name for p in out.parent.iterdir()) == ["executed.ipynb", "names.txt", "walkthrough.ipynb"]
    nb = nbformat.read(out, as_version=4)
    errors = [o for c in code_cells(nb) for o in c.outputs if o.output_type == "error"]
    assert errors == []
    assert all(c.execution_count for c in code_cells(nb))
    figures = [o for c in code_cells(nb) for o in c.outputs if "image/svg+xml" in o.get("data", {})]
    assert len(figures) >= 3


def test_page_shows_every_cell_executed_with_its_figures(build):
    html = page(build)
    nb = nbformat.read(NOTEBOOK, as_version=4)
    prompts = re.findall(r'jp-InputPrompt[^>]*>In\xa0\[(\d+)\]:', html)
    assert [int(p) for p in prompts] == list(range(1, len(code_cells(nb)) + 1))
    assert html.count('data-mime-type="image/svg+xml"') >= 3
    assert 'jp-OutputArea-output" data-mime-type="application/vnd.jupyter.stderr' not in html


def test_page_links_the_glossary_terms_it_uses(build):
    links = scan(page(build)).links
    missing = [t for t in TERMS_USED if f"../terms/{t}/" not in links]
    assert missing == []


def test_math_is_mathml_and_no_mathjax(build):
    html = page(build)
    info = scan(html)
    assert info.math >= 1
    assert "mathjax" not in html.lower()
    assert not re.search(r"\$[^$\s][^$]*\$", info.prose), "unconverted $...$ math"


def test_numbers_in_the_prose_come_from_outputs(build):
    """P6 for the notebook: a decimal number in a Markdown cell appears in some output."""
    nb = nbformat.read(NOTEBOOK, as_version=4)
    prose = " ".join(c.source for c in nb.cells if c.cell_type == "markdown")
    outputs = scan(page(build)).prose  # includes the rendered outputs
    numbers = re.findall(r"(?<![\w.])(\d+\.\d+)(?![\w.]*\d)", prose)
    assert [n for n in numbers if n not in outputs] == []


@pytest.mark.parametrize("path", ["walkthrough.ipynb"])
def test_mkdocs_jupyter_picks_up_only_the_walkthrough(path, build):
    """Its default `include` executes every .py and .md under docs/ too."""
    from conftest import mkdocs_config

    plugin = next(p["mkdocs-jupyter"] for p in mkdocs_config()["plugins"] if isinstance(p, dict)
                  and "mkdocs-jupyter" in p)
    assert plugin["include"] == [path]
    assert plugin["execute"] is True and plugin["allow_errors"] is False
    timeout = json.loads((DOCS.parent / "glossary/jupyter/jupyter_nbconvert_config.json").read_text())
    assert timeout["NotebookClient"]["timeout"] > 0
