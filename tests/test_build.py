"""The build as a whole (determinism, strictness, nothing from outside, speed) and the site-level pages:
index, navigation, tooltips, data."""

from __future__ import annotations

import os
from collections import Counter

import pytest
from conftest import DOCS, PAGE, REPO, TERMS, build_error, markdown_pages, site_only

from glossary import checks
from glossary.htmlscan import css_urls, is_external, scan


@pytest.mark.build
def test_build_succeeds(started_builds):
    """P8: the session's build succeeds. If a snippet fails, this is the one failing test,
    and it shows the snippet's file and line, the page and line that include it, and the snippet's traceback."""
    for b in started_builds:
        if b.returncode != 0:
            pytest.fail(build_error(b), pytrace=False)


@site_only("collects the whole suite")
@pytest.mark.parametrize(
    ("select", "expected"),
    [
        ("browser", "builds: one build on both cores, on the project's snippet cache (or the kept one, if current)"),
        (
            "not browser and not notebooks and not proofs and not determinism",
            "builds: one build on both cores, on the project's snippet cache",
        ),
        ("determinism", "builds: one clean build on both cores, from an empty snippet cache"),
    ],
)
def test_a_session_starts_the_builds_its_selected_tests_need(select, expected):
    """`make test` and `make test-browser` need a build on the project's cache, `make test-determinism` one from
    an empty cache: decided after `-m` has deselected the rest (decided before it, a session would start a build
    its tests never read)."""
    import subprocess
    import sys

    from conftest import ENV, REPO

    out = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider", "-m", select, "tests"],
        cwd=REPO,
        env=ENV,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-2000:]
    assert expected in out.stdout


@pytest.mark.build
def test_strict_build_has_no_warnings(build):
    lines = [ln for ln in build.log.splitlines() if "WARNING" in ln or "ERROR" in ln]
    assert lines == []


def executed_files(runs: list[dict]) -> Counter:
    """How many times each snippet file ran as a block, from the executor's record (runs.json)."""
    return Counter(r["file"] for r in runs if r["kind"] == "block")


def runs_once(builds) -> None:
    """Each block is executed at most once per build, and so is each check's every deliberate error; a clean
    build (an empty cache) executed every snippet the pages show and every deliberate error, and a build on
    the project's cache executed whatever it did not find there (afterwards, every one has its entry)."""
    from conftest import block_key, site_inventory

    from glossary import execute

    inv = site_inventory()
    shown = {b.file for b in inv.blocks if not PAGE or b.page.endswith(f"/{PAGE}.md")}
    wanted = [c for c in inv.variants() if not PAGE or c.block.page.endswith(f"/{PAGE}.md")]
    for b in builds:
        record = execute.runs(b.runs)
        runs = executed_files(record)
        assert [f for f, n in runs.items() if n > 1] == []
        errors = Counter(r["key"] for r in record if r["kind"] == "deliberate error")
        assert [k for k, n in errors.items() if n > 1] == []
        if b.clean:
            assert shown - set(runs) == set()
            assert len(errors) == len({c.code for c in wanted})
        else:
            keys = {block_key(blk.code) for blk in inv.blocks if blk.file in shown}
            keys |= {block_key(c.code) for c in wanted}
            assert [k for k in keys if not (b.cache / f"{k}.json").exists()] == []


@pytest.mark.build
def test_each_snippet_runs_at_most_once_per_build(started_builds):
    runs_once(started_builds)


@pytest.mark.determinism
def test_a_clean_build_runs_every_snippet_once(clean_build):
    runs_once([clean_build])


def without_timings(data: bytes) -> bytes:
    """A page with the outputs of its timing snippets (seconds measured at build, marked `# timing:`) cut out:
    the only part of a page that may differ between two builds."""
    out, pos = [], 0
    marker = b'<div class="exec-output exec-output--timing no-copy" data-search-exclude'
    while (start := data.find(marker, pos)) >= 0:
        out.append(data[pos:start])
        depth, i = 0, start
        while True:  # skip to the matching </div>
            nxt_open, nxt_close = data.find(b"<div", i + 1), data.find(b"</div>", i + 1)
            if nxt_open != -1 and nxt_open < nxt_close:
                depth, i = depth + 1, nxt_open
            else:
                if depth == 0:
                    pos = nxt_close + len(b"</div>")
                    break
                depth, i = depth - 1, nxt_close
        out.append(b"[timing output]")
    out.append(data[pos:])
    return b"".join(out)


def comparable(path) -> dict[str, bytes]:
    """A file's bytes without timing outputs; for a zip (the offline site), each entry's, by name (a zip's own
    bytes would differ wherever a page inside it holds a timing output)."""
    data = path.read_bytes()
    if path.suffix != ".zip":
        return {"": without_timings(data)}
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        return {info.filename: without_timings(zf.read(info)) for info in zf.infolist()}


def compare_trees(a, b) -> list[str]:
    """Files that differ between two folders (present in one only, or with other bytes; timing outputs
    aside, see without_timings; inside a zip, the entries that differ)."""
    left = {p.relative_to(a).as_posix(): p for p in a.rglob("*") if p.is_file()}
    right = {p.relative_to(b).as_posix(): p for p in b.rglob("*") if p.is_file()}
    differing = sorted(set(left) ^ set(right))
    for k in sorted(set(left) & set(right)):
        x, y = comparable(left[k]), comparable(right[k])
        differing += [f"{k}:{name}" if name else k for name in sorted(set(x) | set(y)) if x.get(name) != y.get(name)]
    return differing


@site_only("only a full build is kept")
def test_a_kept_build_stands_in_only_for_the_files_it_was_built_from(tmp_path, monkeypatch):
    """The browser tests use the build the last session kept, and make test-determinism a clean one (a fresh
    clone's `make test`), only while every file it was built from is unchanged, and not a copy cut short (no
    digest written yet); a build on a warm cache is not taken for a clean one; a build during which a file
    changed is not kept."""
    import build_session

    monkeypatch.setattr(build_session, "kept_folder", lambda: tmp_path / "kept")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text("<p>built</p>")
    (tmp_path / "runs.json").write_text("{}")
    built = build_session.Build(tmp_path / "site", tmp_path, tmp_path / "runs.json", True, "log", 0, 1.0)
    monkeypatch.setattr(build_session, "sources_digest", lambda: "digest after an edit")
    build_session._keep(built, "digest of these files")  # edited while it built
    assert not (tmp_path / "kept").exists()
    monkeypatch.setattr(build_session, "sources_digest", lambda: "digest of these files")
    build_session._keep(built, "digest of these files")
    kept = build_session.kept_build(clean=True)
    assert kept is not None and kept.clean and (kept.site / "index.html").read_text() == "<p>built</p>"
    monkeypatch.setattr(build_session, "sources_digest", lambda: "digest after an edit")
    assert build_session.kept_build() is None
    monkeypatch.setattr(build_session, "sources_digest", lambda: "digest of these files")
    build_session._keep(build_session.Build(**{**vars(built), "clean": False}), "digest of these files")
    assert build_session.kept_build() is not None and build_session.kept_build(clean=True) is None
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept", "runs.json", "site"]  # nothing left over
    (tmp_path / "kept" / "digest").unlink()
    assert build_session.kept_build() is None


@site_only("only a full build is kept")
def test_the_kept_builds_digest_covers_every_file_but_the_tests():
    """An edited page, snippet, module or setting makes the kept build stale; a test does not."""
    import build_session

    names = build_session.digested_files()
    assert {"mkdocs.yml", "pyproject.toml", "docs/terms/softmax.md", "snippets/softmax/check_vs_pytorch.py"} <= set(
        names
    )
    assert "glossary/site.py" in names and not [n for n in names if n.startswith(("tests/", ".cache/", "site/"))]


@pytest.mark.build
@site_only()
def test_no_file_loads_anything_from_outside(build):
    """P9 for every built file: no script, style, font or image from another origin (links to papers are
    fine: they are not loaded)."""
    offenders = []
    for html_file in sorted(build.site.rglob("*.html")):
        offenders += [
            f"{html_file.relative_to(build.site)}: {p}"
            for p in checks.external(scan(html_file.read_text(encoding="utf-8")))
        ]
    for css_file in sorted(build.site.rglob("*.css")):
        offenders += [
            f"{css_file.relative_to(build.site)}: {u}"
            for u in css_urls(css_file.read_text(encoding="utf-8"))
            if is_external(u)
        ]
    # The offline copy of the site (a zip in downloads/): the same, page by page.
    for zip_file in sorted(build.site.rglob("*.zip")):
        for name, data in comparable(zip_file).items():
            if name.endswith(".html"):
                offenders += [f"{zip_file.name}:{name}: {p}" for p in checks.external(scan(data.decode("utf-8")))]
    assert offenders == []


@pytest.mark.build
@site_only()
def test_no_web_fonts_no_math_javascript(build):
    for html_file in sorted(build.site.rglob("*.html")):
        html = html_file.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert "mathjax" not in html.lower() and "katex" not in html.lower(), html_file


@pytest.mark.build
@site_only()
def test_index_is_the_glossary_table(build):
    html = (build.site / "index.html").read_text(encoding="utf-8")
    table = html[html.index("<table") : html.index("</table>")]
    for t in TERMS:
        assert f'href="terms/{t.slug}/"' in table, t.slug
        assert t.summary in scan(table, fragment=True).prose, t.slug


@pytest.mark.build
@site_only()
def test_navigation_lists_every_term(build):
    html = (build.site / "index.html").read_text(encoding="utf-8")
    nav = html[html.index('<nav class="md-nav md-nav--primary"') :]
    for t in TERMS:
        assert f'href="terms/{t.slug}/"' in nav, t.slug


@pytest.mark.build
@site_only()
def test_tooltips_carry_the_front_matter_summary(build):
    """One source for the sentence: every term link's tooltip is a term's summary, each term's tooltip appears
    on some page other than its own, and no bare <abbr> is left (link_terms turns or unwraps every one)."""
    from conftest import built_scan

    summaries = {s for t in TERMS for s in t.summaries()}
    seen_elsewhere = set()
    for page in markdown_pages():
        scanned = built_scan(build, page)
        assert scanned.abbrs == [], page
        for text, summary in scanned.terms:
            assert summary in summaries, (page, text, summary)
            for t in TERMS:
                if summary in t.summaries() and page.stem != t.slug:
                    seen_elsewhere.add(t.slug)
    assert seen_elsewhere == {t.slug for t in TERMS}


@pytest.mark.build
@site_only()
def test_names_txt_is_downloadable_from_the_data_page(build):
    assert (build.site / "names.txt").read_bytes() == (DOCS / "names.txt").read_bytes()
    data_page = scan((build.site / "data" / "index.html").read_text(encoding="utf-8"))  # prose: its article
    assert "../names.txt" in data_page.links and "../names-1915.txt" in data_page.links
    assert (build.site / "names-1915.txt").read_bytes() == (DOCS / "names-1915.txt").read_bytes()
    assert "public domain" in data_page.prose and "MIT" in data_page.prose


@site_only()
@pytest.mark.build
def test_search_previews_open_with_the_page_not_the_notebook_link(build):
    """Search results preview a page's first words: the "Download as notebook" line above them is left out of
    the index (it is on the pages, just not searched)."""
    import json

    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    texts = [d["text"] for d in index["docs"]]
    assert not [t for t in texts if "Download this page as a notebook" in t]
    assert "Download this page as a notebook" in (build.site / "terms" / "softmax" / "index.html").read_text()


@site_only()
@pytest.mark.determinism
def test_a_build_from_nothing_killed_at_five_random_points_gives_the_clean_builds_bytes(clean_build, tmp_path):
    """P7 and faults at once: a second build from an empty cache, killed with SIGKILL (the whole process group:
    MkDocs, the snippet runner and its children, the notebook's kernel) at five random moments, each time
    resumed on the same cache, and then finished, writes exactly the files of the session's clean build
    (timing outputs aside, zips compared entry by entry). Every block ran again for it, so two executions from
    nothing agree, and nothing half-written was served from the cache."""
    import os
    import random
    import signal
    import subprocess
    import sys
    import time

    from conftest import ENV, REPO

    cache, rng = tmp_path / "cache", random.Random(20261204)
    env = dict(ENV, GLOSSARY_CACHE_DIR=str(cache), GLOSSARY_WORKERS="2")
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "site")]
    moments = sorted(rng.uniform(2, 45) for _ in range(5))
    for moment in moments:
        proc = subprocess.Popen(
            cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        time.sleep(moment)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert compare_trees(clean_build.site, tmp_path / "site") == [], f"killed at {moments}"


def test_term_links_only_the_first_mention_per_section_and_never_in_headings_or_references():
    """link_terms on a small page: a term links once per section, not on its own page, not in a heading, a
    link, code or the references; the link names its tooltip. Each rule is then broken on purpose."""
    from xml.etree import ElementTree as etree

    from glossary.markdown_ext import link_terms

    def page() -> etree.Element:
        html = (
            "<div><h2>One</h2><p><abbr title='S.'>softmax</abbr> then <abbr title='S.'>softmax</abbr> and "
            "<abbr title='L.'>logits</abbr> <code><abbr title='S.'>softmax</abbr></code></p>"
            "<h3><abbr title='L.'>logits</abbr></h3>"
            "<h2>Two</h2><p><a href='x'><abbr title='S.'>softmax</abbr></a> <abbr title='S.'>softmax</abbr></p>"
            "<h2 id='references'>References</h2><ul><li><abbr title='S.'>softmax</abbr></li></ul></div>"
        )
        return etree.fromstring(html)

    def links(root):
        parent = {c: p for p in root.iter() for c in p}
        return [
            (s.find("a").text, s.find("a").get("href"), s.find("span").text, parent[s].tag)
            for s in root.iter("span")
            if s.get("class") == "term"
        ]

    root = page()
    link_terms(root, "logits", {"S.": "softmax", "L.": "logits"}, lambda slug: f"{slug}.md")
    assert links(root) == [("softmax", "softmax.md", "S.", "p"), ("softmax", "softmax.md", "S.", "p")]
    assert list(root.iter("abbr")) == []
    assert "".join(root.itertext()).count("softmax") == 6  # every mention's text is kept
    tip = next(s for s in root.iter("span") if s.get("class") == "term__tip")
    assert next(root.iter("a")).get("aria-describedby") == tip.get("id") and tip.get("role") == "tooltip"

    root = page()  # on another page, logits is linked too, once (not in the heading)
    link_terms(root, "softmax", {"S.": "softmax", "L.": "logits"}, lambda slug: f"{slug}.md")
    assert [text for text, _, _, _ in links(root)] == ["logits"]


def test_an_alias_of_its_own_gets_its_own_tooltip_and_a_wrong_one_is_refused(tmp_path):
    """`alias_summaries` gives an alias its own sentence in the tooltips; one naming no alias of the page, or
    longer than a sentence, stops the build."""
    from glossary.terms import TermError, abbreviations, load_terms

    def site(extra: str):
        (tmp_path / "terms").mkdir(exist_ok=True)
        (tmp_path / "terms" / "sampling.md").write_text(
            "---\ntitle: Sampling\nsummary: Sampling picks tokens.\nrelated: []\n"
            f"aliases: [sampling, temperature]\n{extra}---\n# Sampling\n",
            encoding="utf-8",
        )
        return tmp_path

    terms = load_terms(site('alias_summaries:\n  "temperature": "Temperature divides the logits."\n'))
    assert abbreviations(terms) == {
        "sampling": "Sampling picks tokens.",
        "temperature": "Temperature divides the logits.",
    }
    for bad in ('  "top-k": "Top-k keeps k."\n', '  "temperature": "Two. Sentences."\n'):
        with pytest.raises(TermError):
            load_terms(site("alias_summaries:\n" + bad))


@site_only()
@pytest.mark.build
def test_exercises_and_references_are_on_the_page_but_not_in_the_search_index(build):
    """A search must not give an answer away, and every page load fetches the index: the exercises (questions
    and answers) and the references are left out of it; the definitions are in it."""
    import json

    index = json.loads((build.site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = [d["location"] for d in index["docs"]]
    texts = " ".join(d["text"] for d in index["docs"])
    answer = "Its columns sum to 0 because the probabilities always sum to 1"
    question = "What does every column of it sum to, and why"
    assert answer not in texts and question not in texts
    assert not [x for x in locations if x.endswith(("#exercises", "#references")) or "#exercise-" in x]
    assert "terms/softmax/#definition" in locations
    page = (build.site / "terms" / "softmax" / "index.html").read_text(encoding="utf-8")
    assert answer in page and question in page


def test_the_hooks_make_one_site_and_the_extension_receives_it(monkeypatch):
    """The build's Site is made once, in the hooks' on_config, and every page's extension uses that object
    (not one of its own, made again from the same settings)."""
    from mkdocs.config import load_config

    from glossary import execute, markdown_ext, mkdocs_hooks, site

    class Idle:  # MkDocs' config check loads the extension, which would start every block running
        def prefetch(self, *args, **kwargs) -> None:
            pass

    monkeypatch.setattr(execute, "get", lambda *args, **kwargs: Idle())
    config = load_config(str(REPO / "mkdocs.yml"))
    mkdocs_hooks.on_config(config)
    made = config.mdx_configs[site.EXTENSION]["site"]
    assert isinstance(made, site.Site) and made.root == REPO.resolve()
    pages = [markdown_ext.makeExtension(**config.mdx_configs[site.EXTENSION]) for _ in range(2)]
    assert all(ext.site() is made for ext in pages)
    alone = markdown_ext.makeExtension(**{k: v for k, v in config.mdx_configs[site.EXTENSION].items() if k != "site"})
    assert alone.site() is not made and alone.site() == made and alone.site() is alone.site()


def test_make_serve_rebuilds_on_a_save_and_not_on_a_read(tmp_path):
    """`make serve` watches with the system's notifications (mkdocs_hooks.on_serve). Reading a file must not
    count as a change: every build reads the pages, and each build would start the next."""
    import time

    from mkdocs.livereload import LiveReloadServer

    from glossary import mkdocs_hooks

    page = tmp_path / "page.md"
    page.write_text("# a\n")
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    try:
        server.watch(str(tmp_path))
        server = mkdocs_hooks.on_serve(server, None, None)
        assert list(server._watched_paths) == [str(tmp_path)]
        assert type(server.observer).__name__ == "ChangesObserver"  # notifications, not MkDocs' polling
        server.observer.start()
        time.sleep(0.3)

        def rebuild_wanted(action) -> bool:
            server._want_rebuild = False
            action()
            deadline = time.time() + 2
            while time.time() < deadline and not server._want_rebuild:
                time.sleep(0.02)
            return server._want_rebuild

        assert not rebuild_wanted(page.read_text)
        assert rebuild_wanted(lambda: page.write_text("# b\n"))
        assert rebuild_wanted(lambda: (tmp_path / "new.md").write_text("# c\n"))
    finally:
        server.observer.stop()
        server.server_close()


def test_the_downloads_are_published_again_when_what_they_hold_changes(tmp_path, monkeypatch):
    """on_env publishes the artifacts, the snippets' zip and the proof ledger only when the digest of what they
    are made from changed (`mkdocs serve` comes there at every save): a snippet, a data file, what a check
    declares, the mutation scores. A prose edit changes nothing."""
    from conftest import NAMES

    from glossary import execute, inventory, mkdocs_hooks, site

    page = tmp_path / "docs" / "a.md"
    snippet = tmp_path / "snippets" / "a" / "check.py"
    snippet.parent.mkdir(parents=True)
    snippet.write_text("x = 1\nassert x == 1\n")
    page.parent.mkdir()
    (tmp_path / "docs" / "names.txt").write_text("ada\n")
    head = "---\nchecks:\n  check.py:\n    against: torch.add\n    catches:\n      - error: {error}\n"
    body = (
        '        replace: "x = 1"\n        by: "x = 2"\n---\n# a\n\n```python\n--8<-- "a/check.py"\n```\n\n'
        '```python\n--8<-- "a/plain.py"\n```\n'
    )
    (snippet.parent / "plain.py").write_text("print(1)\n")
    page.write_text(head.format(error="off by one") + body)
    ex = execute.Executor(tmp_path, tmp_path / "cache", workers=1, names_path=NAMES)

    def signature(scores=None) -> str:
        inv = inventory.scan(tmp_path, data_files={"names.txt": "docs/names.txt"})
        return mkdocs_hooks.published_signature(inv, ex, scores)

    def bump(path, text):
        st = path.stat()
        path.write_text(text)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))

    first = signature()
    assert signature() == first
    bump(page, page.read_text() + "\nMore prose.\n")
    assert signature() == first
    changed = []
    for change in (
        lambda: bump(page, head.format(error="one too many") + body),
        lambda: bump(snippet, "x = 1\nassert x == 1, x\n"),
        lambda: bump(snippet.parent / "plain.py", "print(2)\n"),
        lambda: bump(tmp_path / "docs" / "names.txt", "bob\n"),
    ):
        change()
        changed.append(signature())
    assert len({first, *changed}) == 5
    assert signature({"snippets/a/check.py": {"score": 1.0}}) != changed[-1]
    # What no file of the site shows: another torch or runner changes every key, so every result.
    monkeypatch.setattr(site, "salt", lambda: "another torch")
    inventory._scan.cache_clear()  # (a new process in real use: keys are memoised on the inventory)
    assert signature() != changed[-1]


def test_make_serve_rebuilds_a_page_when_a_file_its_snippets_use_changed(tmp_path, monkeypatch):
    """`mkdocs serve --dirty` rebuilds a page only when its Markdown is newer than its HTML; on_files also
    counts the page modified when one of its snippets, a data file they get or the writer of an artifact they
    read is newer. A file no snippet of the page uses leaves it alone."""
    from types import SimpleNamespace

    from glossary import mkdocs_hooks, site

    files_ = {
        "docs/names.txt": "ada\n",
        "snippets/w/w.py": "open('w.txt', 'w').write('1')\n",
        "snippets/r/r.py": "# needs: w.txt\nprint(open('w.txt').read())\n",
        "snippets/o/o.py": "print(2)\n",
        "docs/w.md": '# w\n\n```python\n--8<-- "w/w.py"\n```\n',
        "docs/r.md": '# r\n\n```python\n--8<-- "r/r.py"\n```\n',
        "docs/o.md": '# o\n\n```python\n--8<-- "o/o.py"\n```\n',
    }
    for rel, text in files_.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    built = {}
    for slug in "wro":
        built[slug] = tmp_path / "site" / slug / "index.html"
        built[slug].parent.mkdir(parents=True)
        built[slug].write_text("<html></html>")
        os.utime(built[slug], (1_000_000_000, 1_000_000_000))
    for rel in files_:
        os.utime(tmp_path / rel, (900_000_000, 900_000_000))  # every source older than every page
    s = site.Site(tmp_path, artifacts={"w.txt": "w/w.py"})
    config = SimpleNamespace(docs_dir=str(tmp_path / "docs"), mdx_configs={site.EXTENSION: {"site": s}})
    monkeypatch.chdir(tmp_path)
    monkeypatch.setitem(mkdocs_hooks._SERVE, "dirty", True)
    monkeypatch.setattr(mkdocs_hooks, "_register_downloads", lambda files, config: None)
    monkeypatch.setattr(mkdocs_hooks, "_walkthrough_first", lambda files: None)

    def modified_after(touched: str) -> set[str]:
        os.utime(tmp_path / touched, (1_100_000_000, 1_100_000_000))
        pages = [
            SimpleNamespace(src_path=f"{slug}.md", abs_dest_path=str(built[slug]), is_modified=lambda: False)
            for slug in "wro"
        ]
        mkdocs_hooks.on_files(SimpleNamespace(documentation_pages=lambda: pages), config)
        os.utime(tmp_path / touched, (900_000_000, 900_000_000))
        return {p.src_path for p in pages if p.is_modified()}

    assert modified_after("snippets/o/o.py") == {"o.md"}
    assert modified_after("snippets/w/w.py") == {"w.md", "r.md"}  # r.py reads what w.py writes
    assert modified_after("docs/names.txt") == {"w.md", "r.md", "o.md"}  # every snippet gets names.txt


def test_the_site_knows_which_page_a_markdown_body_is(tmp_path):
    """Python-Markdown does not say which page it renders; Site.page_of finds it by its body (MkDocs hands over
    the page without its front matter), also right after the page was edited, and None for a body no page has."""
    from glossary import site

    docs = tmp_path / "docs"
    (docs / "terms").mkdir(parents=True)
    (docs / "terms" / "a.md").write_text("---\ntitle: A\n---\n# A\n\nAlpha.\n")
    (docs / "b.md").write_text("# B\n\nBeta.\n")
    s = site.Site(tmp_path)
    assert s.page_of("# A\n\nAlpha.\n") == "docs/terms/a.md"
    assert s.page_of("# B\n\nBeta.") == "docs/b.md"
    (docs / "terms" / "a.md").write_text("---\ntitle: A\n---\n# A\n\nAlpha, edited.\n")
    assert s.page_of("# A\n\nAlpha, edited.\n") == "docs/terms/a.md"
    assert s.page_of("# A\n\nAlpha.\n") is None


def test_the_downloads_are_published_once_per_signature_and_again_after_a_cut(tmp_path):
    """downloads.publish_once: nothing is published again while the signature and the outputs stand; a new
    signature, a missing output, a publish cut short or one whose results may still change mean once more."""
    from glossary import downloads

    out = tmp_path / "glossary-snippets.zip"
    calls = []

    def publish(result=True, fail=False):
        def run():
            calls.append(1)
            out.write_text("zip")
            if fail:
                raise KeyboardInterrupt
            return result

        return run

    assert downloads.publish_once(tmp_path, "s0", [out], publish())
    assert not downloads.publish_once(tmp_path, "s0", [out], publish())
    assert downloads.publish_once(tmp_path, "s1", [out], publish())
    out.unlink()
    assert downloads.publish_once(tmp_path, "s1", [out], publish())
    with pytest.raises(KeyboardInterrupt):  # cut short, for a new signature
        downloads.publish_once(tmp_path, "s2", [out], publish(fail=True))
    assert downloads.publish_once(tmp_path, "s1", [out], publish())  # back to s1: the files are s2's
    assert downloads.publish_once(tmp_path, "s3", [out], publish(result=False))  # a result not cached
    assert downloads.publish_once(tmp_path, "s3", [out], publish())
    assert not downloads.publish_once(tmp_path, "s3", [out], publish())
    assert len(calls) == 7
