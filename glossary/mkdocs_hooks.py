"""MkDocs hooks (mkdocs.yml `hooks:`): the build's Site (made once, handed to every page's extension), build
and serve speed, the walkthrough notebook's configuration and its math, the downloads (artifacts, the
snippets zip with the proof ledger, the offline copy), search tags from the aliases, and one accessibility fix
to Material's HTML.

MkDocs creates a new Jinja environment for every build, and `mkdocs serve` rebuilds everything on each save,
so Material's templates are compiled again every time (most of a prose-edit rebuild).
Jinja's own bytecode cache keeps the compiled templates on disk, keyed by template name and checksum of the
source, so an edited template is recompiled. A builder that ignores MkDocs hooks loses only the speed.
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import shutil
import sys
from importlib import metadata
from pathlib import Path

import jinja2

HERE = Path(__file__).resolve().parent
NOTEBOOK_HOOKS_VERSION = "6"  # bump when the notebook post-processing or its nbconvert config changes

MARKDOWN_CELL = re.compile(r'(<div class="[^"]*jp-RenderedMarkdown[^"]*"[^>]*>)(.*?)(</div>)', re.S)
CODE = re.compile(r"(<(code|pre)\b.*?</\2>)", re.S)
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.S)
INLINE_MATH = re.compile(r"(?<![\\$])\$(?!\s)([^$\n]+?)(?<!\s)\$(?!\d)")


def on_config(config):
    """Configure mkdocs-jupyter where its own options cannot.

    * nbconvert reads its settings only from the Jupyter config path, so the repo's glossary/jupyter folder
      is put first on it: a cell timeout; consecutive stream outputs merged after execution (otherwise how
      the kernel happens to chunk stdout changes the HTML from one build to the next; nbclient's own
      coalesce_streams is not configurable, and nbconvert runs its coalescer before execution by default);
      the kernel's own log at ERROR (ipykernel 7 warns on every local TCP kernel).
    * mkdocs-jupyter keys its cache on the notebook's bytes and its options alone, so an edit of names.txt or
      a new torch would serve stale outputs. The cache folder is named after those too; a fresh clone (CI)
      has no cache, and `make test-determinism` points GLOSSARY_CACHE_DIR at empty folders, so it executes
      the notebook fresh.
    """
    from glossary import site

    # The build's Site, made once from mkdocs.yml's settings, for these hooks and for the Markdown extension
    # (it receives it as its `site` setting) on every page.
    s = site.Site.from_config(_glossary_config(config))
    config.mdx_configs.setdefault(site.EXTENSION, {})["site"] = s
    paths = [str(HERE / "jupyter"), *filter(None, os.environ.get("JUPYTER_CONFIG_PATH", "").split(os.pathsep))]
    os.environ["JUPYTER_CONFIG_PATH"] = os.pathsep.join(dict.fromkeys(paths))
    plugin = config.plugins.get("mkdocs-jupyter")
    if plugin is not None:
        # One fingerprint scheme with the snippets' cache: the same salt (package versions, the runner's and
        # figures' code), the data's content, and what runs the notebook and turns it into HTML.
        parts = [
            site.salt(),
            NOTEBOOK_HOOKS_VERSION,
            *(site.file_hash(s.root / path) for path in s.data.values()),
            *(f"{package}={metadata.version(package)}" for package in ("nbconvert", "mkdocs-jupyter", "ipykernel")),
            *(
                site.file_hash(HERE / f)
                for f in (
                    "jupyter/jupyter_nbconvert_config.json",
                    "jupyter/jupyter_nbconvert_config.py",
                    "jupyter/templates/lab/mathjax.html.j2",
                    "jupyter/templates/lab/mermaidjs.html.j2",
                    "nbexec.py",
                    "page_figures.py",
                )
            ),
        ]
        digest = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]
        root = s.cache_path / "notebooks"
        # Only the current fingerprint's folder is kept: the others are outputs of older code or data.
        for old in root.iterdir() if root.is_dir() else ():
            if old.is_dir() and old.name != digest:
                shutil.rmtree(old, ignore_errors=True)
        plugin.config["cache_dir"] = str(root / digest)
    return config


# Only on_startup is told whether this is `mkdocs serve` (and --dirty); the hooks that run later read it here.
_SERVE = {"dirty": False, "serve": False}


def on_startup(command, dirty):
    _SERVE["dirty"] = bool(dirty)
    _SERVE["serve"] = command == "serve"


def on_files(files, config):
    """`mkdocs serve --dirty` rebuilds a page only when its Markdown file is newer than its HTML. A page's
    output also depends on the snippets it includes (and the data and model files they read): when one of
    those is newer than the page's HTML, the page counts as modified too."""
    _register_downloads(files, config)
    _walkthrough_first(files)
    if not _SERVE["dirty"]:
        return files
    from glossary import inventory as inv_mod

    try:
        inv = _site(config).inventory()
    except inv_mod.InventoryError:
        return files  # the page's rendering reports it
    here, docs = Path.cwd().resolve(), Path(config.docs_dir).resolve()
    mtimes: dict[str, float] = {}  # a snippet or data file is shared by pages: one look each

    def mtime(path: str) -> float:
        if path not in mtimes:
            mtimes[path] = os.path.getmtime(path) if os.path.isfile(path) else 0.0
        return mtimes[path]

    for file in files.documentation_pages():
        if not file.src_path.endswith(".md") or not os.path.isfile(file.abs_dest_path):
            continue
        built = os.path.getmtime(file.abs_dest_path)
        page = Path(os.path.relpath(docs / file.src_path, here)).as_posix()
        if any(mtime(dep) > built for dep in inv.page_files(page)):
            file.is_modified = lambda: True
    return files


def _walkthrough_first(files) -> None:
    """The walkthrough notebook right after the home page in MkDocs' list of files. MkDocs renders the pages
    in this order, so the notebook's kernel runs at the start, while the snippet workers are busy, instead of
    alone at the end (make bench shows the cold build's time). In the navigation it comes before the term
    pages, where a newcomer starts anyway."""
    order = list(files)
    notebooks = [f for f in order if f.src_uri.endswith(".ipynb") and "/" not in f.src_uri]
    index = next((i for i, f in enumerate(order) if f.src_uri == "index.md"), None)
    if index is None or not notebooks:
        return
    rest = [f for f in order if f not in notebooks]
    index = rest.index(order[index])
    ordered = rest[: index + 1] + notebooks + rest[index + 1 :]
    for f in ordered:  # Files keeps them in insertion order: take each out and put it back, in this order
        files.remove(f)
        files.append(f)


def _glossary_config(config) -> dict:
    from glossary import site

    return dict((config.mdx_configs or {}).get(site.EXTENSION) or {})


def _site(config):
    """The build's Site (made once, in on_config)."""
    return _glossary_config(config)["site"]


def _jinja_cache(env: jinja2.Environment) -> jinja2.Environment:
    cache = Path(".cache/jinja")
    cache.mkdir(parents=True, exist_ok=True)
    env.bytecode_cache = jinja2.FileSystemBytecodeCache(str(cache))
    return env


def on_serve(server, config, builder):
    """Watch for saved files with the system's notifications (watchdog's native observer: inotify on Linux,
    FSEvents on macOS) instead of MkDocs' polling every 0.5 s, and wait 0.05 s (not 0.1 s) for a save's writes
    to settle: the page is served sooner after a save, and nothing reads the tree ten times a second.

    Only changes count. watchdog also reports files opened and closed unwritten, and every build opens the
    pages it reads: without the filter each build would start the next. MkDocs offers no option for any of
    this, so the watches already registered move to the new observer. MkDocs' own stays if its internals
    differ, if the system refuses notifications (too many watches), or with GLOSSARY_POLL=1 (a file system
    without notifications, such as some network mounts)."""
    if os.environ.get("GLOSSARY_POLL", "").lower() in ("1", "true", "yes"):
        return server
    try:
        paths = dict(server._watched_paths)  # path -> how many watch() calls asked for it
    except AttributeError:
        return server
    import logging

    from watchdog.events import FileSystemEventHandler

    # Set up and started once on its own first: if the system refuses (too many watches or instances), the
    # error would otherwise come from server.serve() and stop `mkdocs serve`.
    probe = changes_observer()
    try:
        for path in paths:
            probe.schedule(FileSystemEventHandler(), path, recursive=True)
        probe.start()
    except OSError as e:
        logging.getLogger("mkdocs.glossary").warning(
            f"glossary: no file notifications here ({e}); MkDocs' polling stays"
        )
        return server
    finally:
        if probe.is_alive():
            probe.stop()
            probe.join()
    server._watched_paths.clear()
    server._watch_refs.clear()
    server.observer = changes_observer()
    server.build_delay = 0.05
    for path, count in paths.items():
        server.watch(path)
        server._watched_paths[path] = count
    return server


def changes_observer():
    """watchdog's native observer, reporting files created, written, moved or deleted (and no other event)."""
    from watchdog import events
    from watchdog.observers import Observer

    changes = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileMovedEvent,
        events.FileDeletedEvent,
        events.FileClosedEvent,  # closed after writing
    ]

    class ChangesObserver(Observer):
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=changes)

    return ChangesObserver()


def _downloads(config) -> Path:
    """Where the files under site/downloads/ are prepared (beside the snippet cache of this build)."""
    return _site(config).cache_path / "downloads"


def _offline_build() -> bool:
    return os.environ.get("GLOSSARY_OFFLINE", "").lower() in ("1", "true", "yes")


def _register_downloads(files, config) -> None:
    """The files the pages link under downloads/: the artifacts (the names GPT's weights), the zip of every
    snippet, the offline site. Registered as files of the site, so that a Markdown link to them is checked
    and written right for directory URLs and for the offline build's .html URLs alike. Their content is
    made once the pages have run (on_env); the offline zip, last of all (on_post_build)."""
    from mkdocs.structure.files import File

    from glossary import downloads, offline

    ext = _glossary_config(config)
    folder = _downloads(config)
    # An artifact whose name has no extension is a folder (a Hugging Face model folder): offered as a zip.
    names = [n if "." in n else f"{n}.zip" for n in (ext.get("artifacts") or {})]
    for name in [*names, downloads.SNIPPETS_ZIP]:
        files.append(File.generated(config, f"downloads/{name}", abs_src_path=str(folder / name)))
    files.append(File.generated(config, f"downloads/{offline.OFFLINE_ZIP}", content=b""))


def on_env(env, config, files):
    """After every page has run its snippets: publish the artifacts and zip the snippets (see
    _register_downloads); and a Jinja bytecode cache (see _jinja_cache)."""
    import json

    from glossary import downloads, execute, proof

    folder = _downloads(config)
    s = _site(config)
    inv, executor = s.inventory(), s.executor()
    scores = proof.mutation_scores()

    def publish() -> bool:
        execute.publish_artifacts(s, folder)
        rows = proof.ledger(inv, executor, scores)
        ledger = json.dumps(rows, indent=1, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n"
        downloads.snippets_zip(inv, Path("."), folder, extra={"proofs.json": ledger})
        # A result that was not cached (a failure, run again at every build) may differ next time.
        keys = {executor.key(c.block.code, inv) for c in inv.checks} | {
            executor.key(v.code, inv) for v in inv.variants()
        }
        return all(executor.result_path(k).is_file() for k in keys)

    # `mkdocs serve` comes here at every save: publish only what its sources changed.
    zips = [f"{n}.zip" for n in inv.artifacts if "." not in n]  # a folder artifact is offered as a zip too
    outputs = [folder / n for n in [downloads.SNIPPETS_ZIP, *inv.artifacts, *zips]]
    downloads.publish_once(folder, published_signature(inv, executor, scores), outputs, publish)
    return _jinja_cache(env)


def published_signature(inv, executor, scores: dict | None) -> str:
    """A digest of everything on_env publishes from: each block's snippet file (as written) and cache key
    (its code, its data, its writers'), the deliberate errors' keys, what the checks declare, the data files,
    the mutation scores, and the code that publishes (this module, the ledger's, the zip's, the executor's)."""
    import hashlib
    import json

    from glossary import downloads, execute, proof, site

    files = [(f, os.stat(executor.root / f)) for f in sorted({b.file for b in inv.blocks})]
    parts = {
        "blocks": sorted({(file, executor.key(code, inv)) for file, code in {(b.file, b.code) for b in inv.blocks}}),
        "files": [(f, st.st_mtime_ns, st.st_size) for f, st in files],
        "variants": sorted({executor.key(code, inv) for code in {c.code for c in inv.variants()}}),
        "checks": [
            [c.block.page, c.block.file, c.against, [[v.name, v.old, v.new, v.seen] for v in c.caught]]
            for c in inv.checks
        ],
        "data": sorted((n, p, site.file_hash(executor.root / p)) for n, p in inv.data_files.items()),
        "artifacts": sorted(inv.artifacts.items()),
        "scores": scores,
        "code": [site.file_hash(m.__file__) for m in (sys.modules[__name__], downloads, execute, proof)],
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def on_post_build(config):
    """A full build (not `mkdocs serve`, not the offline build itself) also writes the site as a zip to read
    from disk (glossary/offline.py) over the empty stand-in at site/downloads/glossary-offline.zip."""
    if _SERVE["serve"] or _offline_build():
        return
    from glossary import offline

    offline.build_zip(Path(config.site_dir) / "downloads" / offline.OFFLINE_ZIP)


SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def on_post_page(output: str, page, config) -> str:
    """Material's search overlay has role="dialog" but no accessible name (axe-core: aria-dialog-name,
    serious). Name it, as its input is named. The browser tests fail if the markup changes and this stops
    matching."""
    return output.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">', 1)


def _typeset(fragment: str) -> str:
    """$$...$$ and $...$ in rendered Markdown (outside code) to MathML."""
    from glossary import mathml

    parts = CODE.split(fragment)
    out = []
    for i, part in enumerate(parts):
        if i % 3 == 0:  # text between code elements
            part = DISPLAY_MATH.sub(lambda m: mathml.render(html.unescape(m.group(1)), "block"), part)
            part = INLINE_MATH.sub(lambda m: mathml.render(html.unescape(m.group(1))), part)
            out.append(part)
        elif i % 3 == 1:  # the code element itself
            out.append(part)
    return "".join(out)


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Search that knows the aliases: a term's aliases (front matter) become the page's search tags, which
    Material's search plugin indexes with a boost of 10^6 (title 10^3, text 1), so typing RoPE or LoRA puts
    that page first. Without the tags plugin, Material shows no tags on the page. (A builder without hooks
    loses the boost, not the page.)"""
    aliases = page.meta.get("aliases")
    if isinstance(aliases, list) and "tags" not in page.meta:
        # Once each: the aliases list both cases (Softmax, softmax) for the tooltips; search ignores case, and
        # a page with its alias twice would outrank the rest on every query that shares a word with it.
        page.meta["tags"] = list(dict.fromkeys(str(a).lower() for a in aliases))
    return markdown


def on_page_content(content: str, page, config, files) -> str:
    """Notebook pages: math typeset at build time like the rest of the site, code cells focusable, and links
    pointed at .html files in the offline copy. nbconvert's Markdown renderer leaves $...$ for MathJax, and
    MkDocs does not rewrite a notebook's links; no option of either changes that. (MathJax itself is kept out
    by glossary/jupyter/templates.)"""
    if not page.file.src_uri.endswith(".ipynb"):
        return content
    # Code cells scroll sideways; a region that scrolls must take keyboard focus (axe: scrollable-region-
    # focusable), as Material's own code blocks do.
    content = content.replace(
        '<div class="highlight-ipynb', '<div tabindex="0" data-search-exclude class="highlight-ipynb'
    )
    if not config.use_directory_urls:
        served = page.file.src_uri.rsplit(".", 1)[0] + "/"  # walkthrough.ipynb is served at walkthrough/
        content = HREF.sub(lambda m: m.group(1) + _file_url(m.group(2), served, page.url) + m.group(3), content)
    return MARKDOWN_CELL.sub(lambda m: m.group(1) + _typeset(m.group(2)) + m.group(3), content)


HREF = re.compile(r'(<a\b[^>]*\bhref=")(\.\./[^"#?]*)((?:#[^"]*)?")')


def _file_url(href: str, served: str, page_url: str) -> str:
    """The offline build (no directory URLs): a notebook's Markdown links to other pages are written for the
    served site, relative to its directory URL (walkthrough/ -> ../terms/logits/); point them at the .html
    files instead, relative to this page's own URL (walkthrough.html -> terms/logits.html). MkDocs rewrites
    the links of Markdown pages itself; nbconvert's HTML it leaves alone."""
    import posixpath

    target = posixpath.normpath(posixpath.join(served, href)).strip("/")
    if href.endswith("/"):  # a page; anything else is a file (names.txt) and keeps its name
        target = target + ".html" if target not in ("", ".") else "index.html"
    return posixpath.relpath(target, posixpath.dirname(page_url) or ".")
