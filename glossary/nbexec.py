"""Execute a notebook the way a reader runs it: a fresh kernel in a folder holding only the data it reads.

nbconvert runs a notebook in the notebook's own folder (for the site: docs/, which holds every page). This
preprocessor, named in glossary/jupyter/jupyter_nbconvert_config.json in place of nbconvert's own
ExecutePreprocessor (whose configuration, set by mkdocs-jupyter, it inherits), copies names.txt (and
names-1915.txt when the notebook names it) into a new empty folder and runs the kernel there. So the build's
execution is also the reader's: a notebook that needs anything else fails the build. It also gives the kernel
one torch thread, as every snippet gets (the same numbers on any machine, and no contention with the
snippet workers that run meanwhile).

Figures that follow the colour scheme: before the first cell, the kernel runs SETUP, which is not part of the
notebook (a reader's own run shows matplotlib's usual inline figures). It registers `figure_html` as the
HTML form of a matplotlib figure, which nbconvert prefers to the SVG form: each figure is drawn as on the term
pages, once for a light and once for a dark page (glossary.figures' dark_variant, applied to a copy), with
alt text from its titles.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

DATA = ("names.txt", "names-1915.txt")
SETUP = """\
from matplotlib.figure import Figure
from glossary.nbexec import figure_html


def _glossary_figures(*_):
    # Again before every cell and before figures are flushed: the inline backend's format selection
    # (at its start, and at each %config InlineBackend.figure_formats) drops every Figure formatter.
    get_ipython().display_formatter.formatters["text/html"].for_type(Figure, figure_html)


get_ipython().events.register("pre_run_cell", _glossary_figures)
get_ipython().events.register("post_execute", _glossary_figures)
import matplotlib.pyplot  # noqa: E402 - the inline backend starts with the first figure, now, not mid-cell
matplotlib.pyplot.close(matplotlib.pyplot.figure())
_glossary_figures()
"""


def figure_html(fig) -> str:
    """In the kernel: the figure as the site's light and dark pair of images."""
    import pickle

    import matplotlib.pyplot as plt

    from glossary import figures
    from glossary.markdown_ext import figure_html as pair

    light = figures.svg(fig)
    dark = pickle.loads(pickle.dumps(fig))  # a copy: the figure itself stays as the notebook drew it
    figures.dark_variant(dark)
    svg_dark = figures.svg(dark)
    plt.close(dark)
    return pair(light, svg_dark, figures.alt_text(fig) or "A figure of the walkthrough")


class ReaderExecutePreprocessor(ExecutePreprocessor):
    _setup_done = False

    def preprocess_cell(self, cell, resources, index):
        if not self._setup_done:
            self._setup_done = True
            # nbclient stores the cell it ran at its index: put the notebook's own cell back.
            own = self.nb.cells[index]
            self.execute_cell(nbformat.v4.new_code_cell(SETUP), index, store_history=False)
            self.nb.cells[index] = own
        return super().preprocess_cell(cell, resources, index)

    def preprocess(self, nb, resources=None, km=None):
        self._setup_done = False
        if not self.enabled:
            return nb, resources
        if resources is None:
            resources = {}
        # nbconvert's ResourcesDict answers None for missing keys, which later preprocessors rely on: change
        # the path in place and put it back, rather than copying the dict.
        meta = resources.setdefault("metadata", {})
        source_dir = Path(meta.get("path") or ".")
        text = "\n".join(c.source for c in nb.cells)
        with tempfile.TemporaryDirectory(prefix="notebook-reader-") as folder:
            for name in DATA:
                if (name == "names.txt" or name in text) and (source_dir / name).is_file():
                    shutil.copy(source_dir / name, Path(folder) / name)
            meta["path"] = folder
            previous = os.environ.get("OMP_NUM_THREADS")
            os.environ["OMP_NUM_THREADS"] = "1"  # inherited by the kernel started now
            try:
                nb, resources = super().preprocess(nb, resources, km)
            finally:
                meta["path"] = str(source_dir)
                if previous is None:
                    os.environ.pop("OMP_NUM_THREADS", None)
                else:
                    os.environ["OMP_NUM_THREADS"] = previous
        return nb, resources
