"""Execute a notebook the way a reader runs it: a fresh kernel in a folder holding only the data it reads.

nbconvert runs a notebook in the notebook's own folder (for the site: docs/, which holds every page). This
preprocessor, named in glossary/jupyter/jupyter_nbconvert_config.json in place of nbconvert's own
ExecutePreprocessor (whose configuration, set by mkdocs-jupyter, it inherits), copies names.txt (and
names-1915.txt when the notebook names it) into a new empty folder and runs the kernel there. So the build's
execution is also the reader's: a notebook that needs anything else fails the build. It also gives the kernel
one torch thread, as every snippet gets (the same numbers on any machine, and no contention with the
snippet workers that run meanwhile).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from nbconvert.preprocessors import ExecutePreprocessor

DATA = ("names.txt", "names-1915.txt")


class ReaderExecutePreprocessor(ExecutePreprocessor):
    def preprocess(self, nb, resources=None, km=None):
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
