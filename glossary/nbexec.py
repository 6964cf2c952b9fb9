"""Execute a notebook the way a reader runs it: a fresh kernel in a folder holding only the data it reads.

nbconvert runs a notebook in the notebook's own folder (for the site: docs/, which holds every page). This
preprocessor, named in glossary/jupyter/jupyter_nbconvert_config.json in place of nbconvert's own
ExecutePreprocessor (whose configuration, set by mkdocs-jupyter, it inherits), copies names.txt, and the data
files its first code cell declares as a snippet does (``# needs: names-1915.txt``; the site's data files are
listed in mkdocs.yml), into a new empty folder and runs the kernel there. So the build's execution is also
the reader's: a notebook that needs anything else fails the build. It also gives the kernel
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
from traitlets import Integer

SETUP = """\
from matplotlib.figure import Figure
from glossary.nbexec import figure_html


def _glossary_figures(*_):
    # Again before every cell and before figures are flushed: the inline backend's format selection
    # (at its start, and at each %config InlineBackend.figure_formats) drops every Figure formatter.
    get_ipython().display_formatter.formatters["text/html"].for_type(Figure, figure_html)


get_ipython().events.register("pre_run_cell", _glossary_figures)
get_ipython().events.register("post_execute", _glossary_figures)


import resource as _resource  # noqa: E402
import signal as _signal  # noqa: E402


def _glossary_cpu_limit(*_):
    # Each cell may use CELL_CPU_SECONDS of CPU from its start (a busy machine does not fail a cell, a busy
    # loop does): the kernel's soft CPU limit moves up before every cell, and SIGXCPU fails the cell.
    used = _resource.getrusage(_resource.RUSAGE_SELF)
    _resource.setrlimit(
        _resource.RLIMIT_CPU,
        (int(used.ru_utime + used.ru_stime) + 1 + CELL_CPU_SECONDS, _resource.getrlimit(_resource.RLIMIT_CPU)[1]),
    )


def _glossary_cpu_exceeded(*_):
    raise TimeoutError("this cell used more than CELL_CPU_SECONDS s of CPU (glossary.nbexec)")


_signal.signal(_signal.SIGXCPU, _glossary_cpu_exceeded)
get_ipython().events.register("pre_run_cell", _glossary_cpu_limit)
import matplotlib.pyplot  # noqa: E402 - the inline backend starts with the first figure, now, not mid-cell
matplotlib.pyplot.close(matplotlib.pyplot.figure())
_glossary_figures()
"""


def figure_html(fig) -> str:
    """In the kernel: the figure as the site's light and dark pair of images."""
    import pickle

    import matplotlib.pyplot as plt

    from glossary import figures
    from glossary.page_figures import figure_html as pair

    light = figures.svg(fig)
    dark = pickle.loads(pickle.dumps(fig))  # a copy: the figure itself stays as the notebook drew it
    figures.dark_variant(dark)
    svg_dark = figures.svg(dark)
    plt.close(dark)
    return pair(light, svg_dark, figures.alt_text(fig) or "A figure of the walkthrough")


def reader_data(nb, root: str | Path = ".") -> dict[str, Path]:
    """The files a reader puts beside the notebook: names.txt and those its first code cell declares
    (``# needs: ...``, the snippets' syntax), each resolved through the site's data files."""
    from glossary import inventory, site

    s = site.load(root)
    first = next((c.source for c in nb.cells if c.cell_type == "code"), "")
    declared = inventory.needs(first)
    unknown = [n for n in declared if n not in s.data]
    if unknown:
        raise ValueError(f"the notebook needs {', '.join(unknown)}, which is not a data file (mkdocs.yml: data_files)")
    return {name: s.root / s.data[name] for name in dict.fromkeys(["names.txt", *declared])}


class ReaderExecutePreprocessor(ExecutePreprocessor):
    """nbconvert's executor in a reader's folder, with each cell's time counted in CPU seconds
    (``cell_cpu_seconds``); the configured ``timeout`` (wall time) stays as a net for a cell that waits."""

    cell_cpu_seconds = Integer(120, help="CPU seconds a cell may use").tag(config=True)
    _setup_done = False

    def preprocess_cell(self, cell, resources, index):
        if not self._setup_done:
            self._setup_done = True
            # nbclient stores the cell it ran at its index: put the notebook's own cell back.
            own = self.nb.cells[index]
            setup = SETUP.replace("CELL_CPU_SECONDS", str(int(self.cell_cpu_seconds)))
            self.execute_cell(nbformat.v4.new_code_cell(setup), index, store_history=False)
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
        data = reader_data(nb)
        with tempfile.TemporaryDirectory(prefix="notebook-reader-") as folder:
            for name, path in data.items():
                shutil.copy(path, Path(folder) / name)
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
