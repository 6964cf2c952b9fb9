"""The snippet runner gives each block what a fresh `python snippet.py` in an empty folder would give it."""

from __future__ import annotations

import os

import pytest
from conftest import NAMES

from glossary.figures import DARK_BG, _luminance
from glossary.runner import Runner


@pytest.fixture(scope="module")
def runner():
    """A worker that has imported torch; it forks a fresh child per run."""
    with Runner(NAMES) as r:
        yield r


def test_main_module_fresh_folder_and_argv(runner):
    r = runner.run(
        "import os, sys\n"
        "assert __name__ == '__main__'\n"
        "assert sorted(os.listdir('.')) == ['names.txt'], os.listdir('.')\n"
        "assert sys.path[0] == os.getcwd()\n"
        "assert '__file__' not in globals()\n"
        "print(len(open('names.txt').read().splitlines()))\n"
    )
    assert r.ok, r.error
    assert int(r.stdout) > 30000


def test_globals_do_not_leak_between_blocks(runner):
    assert runner.run("leak = 1").ok
    r = runner.run("print(leak)")
    assert not r.ok and "NameError" in r.error


def test_files_written_by_one_block_are_gone_for_the_next(runner):
    assert runner.run("open('scratch.txt', 'w').write('x')").ok
    r = runner.run("import os; print(sorted(os.listdir('.')))")
    assert r.stdout.strip() == "['names.txt']"


def test_exception_fails_with_the_snippet_traceback(runner):
    r = runner.run("x = 1\nraise ValueError('boom')\n", label="page.md:3")
    assert not r.ok
    assert "ValueError: boom" in r.error and 'File "page.md:3", line 2' in r.error


def test_sys_exit_nonzero_fails_zero_passes(runner):
    assert not runner.run("import sys; sys.exit(3)").ok
    assert runner.run("import sys; sys.exit(0)").ok


def test_stderr_is_captured_separately(runner):
    r = runner.run("import sys; print('out'); print('err', file=sys.stderr)")
    assert (r.stdout, r.stderr) == ("out\n", "err\n")


def test_the_build_package_is_not_importable(runner):
    r = runner.run("import glossary.terms")
    assert not r.ok and "may not import" in r.error


def test_unseeded_randomness_is_not_accidentally_reproducible(runner):
    code = "import torch, random, numpy\nprint(torch.rand(1).item(), random.random(), numpy.random.rand())"
    assert runner.run(code).stdout != runner.run(code).stdout


def test_seeded_figures_are_byte_identical_and_described(runner):
    code = (
        "import matplotlib.pyplot as plt, torch\n"
        "g = torch.Generator().manual_seed(0)\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot(torch.randn(50, generator=g).tolist())\n"
        "ax.set_title('Noise'); ax.set_xlabel('step'); ax.set_ylabel('value')\n"
        "plt.show()\n"
    )
    a, b = runner.run(code), runner.run(code)
    assert a.ok, a.error
    assert len(a.figures) == 1 and a.figures[0].svg == b.figures[0].svg
    assert a.figures[0].alt == "Noise (x: step, y: value)."
    assert "<dc:date>" not in a.figures[0].svg


def test_a_figure_without_any_text_fails(runner):
    r = runner.run("import matplotlib.pyplot as plt\nplt.plot([1, 2])\n")
    assert not r.ok and "alt text" in r.error


def test_calls_from_two_threads_run_side_by_side_and_get_their_own_results(runner, tmp_path):
    """The build's two threads share one worker: each waits (up to 20 s) for a file the other's snippet writes,
    so both finish with True only if the two children ran at the same time (one after the other, the first
    would give up and print False)."""
    from concurrent.futures import ThreadPoolExecutor

    def code(me: str, other: str) -> str:
        return (
            f"import os, time\nopen({str(tmp_path / me)!r}, 'w').close()\n"
            f"for _ in range(2000):\n    if os.path.exists({str(tmp_path / other)!r}):\n        break\n"
            f"    time.sleep(0.01)\nprint({me!r}, os.path.exists({str(tmp_path / other)!r}))\n"
        )

    with ThreadPoolExecutor(2) as pool:
        a, b = pool.map(lambda pair: runner.run(code(*pair)), [("a", "b"), ("b", "a")])
    assert (a.stdout, b.stdout) == ("a True\n", "b True\n")


@pytest.mark.parametrize("code", ["import os; os._exit(0)", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"])
def test_a_dying_child_is_reported(runner, code):
    r = runner.run(code)
    assert not r.ok and ("killed by SIGKILL" in r.error or "exited with status 0 before reporting" in r.error)


def test_inputs_are_copied_and_outputs_collected(runner, tmp_path):
    (tmp_path / "in.txt").write_text("hello")
    r = runner.run(
        "import os\nprint(sorted(os.listdir('.')))\nopen('model.bin', 'wb').write(b'w' * 3)\n",
        inputs={"in.txt": tmp_path / "in.txt"},
        outputs=["model.bin"],
        artifact_dir=tmp_path / "art",
    )
    assert r.ok, r.error
    assert r.stdout.strip() == "['in.txt', 'names.txt']"
    assert (tmp_path / "art" / "model.bin").read_bytes() == b"www"
    assert set(r.artifacts) == {"model.bin"}


def test_a_missing_output_fails(runner, tmp_path):
    r = runner.run("print('forgot to save')", outputs=["model.bin"], artifact_dir=tmp_path)
    assert not r.ok and "model.bin" in r.error


def test_every_figure_has_a_dark_variant_with_light_ink(runner):
    r = runner.run(
        "import matplotlib.pyplot as plt\n"
        "fig, ax = plt.subplots()\n"
        "ax.plot([1, 2], color='tab:blue', label='a')\n"
        "ax.text(1, 1.5, 'note')\n"
        "ax.legend(); ax.set_title('T'); ax.set_xlabel('x')\n"
    )
    assert r.ok, r.error
    fig = r.figures[0]
    assert fig.svg != fig.svg_dark
    assert "fill: #ffffff" in fig.svg and f"fill: {DARK_BG}" in fig.svg_dark
    # matplotlib writes black text without a fill; in the dark variant every text has a light fill
    import re

    fills = re.findall(r'<text style="[^"]*?fill: (#[0-9a-f]{6})', fig.svg_dark)
    texts = fig.svg_dark.count("<text ")
    assert texts >= 4 and len(fills) == texts
    assert all(_luminance(c) > 0.6 for c in fills)
    assert "#1f77b4" in fig.svg_dark  # the snippet's own colours are kept


# -- Faults: every way a snippet can go wrong ends in one message that names its file and line --------------
@pytest.fixture(scope="module")
def strict():
    """A runner with small limits: 1 s of CPU, 8 s of wall time, 1 GiB of address space, 1 MB of output."""
    with Runner(NAMES, timeout=1, wall_timeout=8, memory=1 << 30, max_output=1 << 20) as r:
        yield r


def test_a_busy_loop_stops_at_its_cpu_seconds_and_names_its_line(strict):
    r = strict.run("x = 0\nwhile True:\n    x += 1\n", label="snippets/x/busy.py")
    assert not r.ok
    assert "CPUTimeLimit: used more than 1 s of CPU time" in r.error
    assert strict.run("print('still alive')").stdout == "still alive\n"
    assert 'File "snippets/x/busy.py", line 3' in r.error or 'File "snippets/x/busy.py", line 2' in r.error


def test_a_snippet_that_catches_exception_cannot_hide_the_cpu_limit(strict):
    r = strict.run("try:\n    while True:\n        pass\nexcept Exception:\n    print('hidden')\n")
    assert not r.ok and "CPUTimeLimit" in r.error and r.stdout == ""


def test_a_hang_without_cpu_times_out_on_the_wall_clock_with_its_line(strict):
    r = strict.run("import time\n\ntime.sleep(3600)\n", label="snippets/x/hang.py")
    assert not r.ok
    assert r.error.startswith("timed out: no result after 8 s of wall time")
    assert 'File "snippets/x/hang.py", line 3' in r.error


def test_a_segfault_is_one_message_with_its_line(strict):
    r = strict.run("import ctypes\n\nctypes.string_at(0)\n", label="snippets/x/crash.py")
    assert not r.ok
    assert "killed by SIGSEGV" in r.error and 'File "snippets/x/crash.py", line 3' in r.error


def test_memory_exhaustion_fails_the_snippet_not_the_machine(strict):
    r = strict.run("import torch\n\nx = torch.empty(2**31)\n", label="snippets/x/memory.py")
    assert not r.ok
    assert "can't allocate memory" in r.error and 'File "snippets/x/memory.py", line 3' in r.error
    assert strict.run("print('still here')").stdout == "still here\n"


def test_a_flood_of_output_fails_at_its_line_and_leaves_nothing(strict, tmp_path):
    """100 MB of print() stops at the 1 MB cap (a file-size limit: nothing bigger reaches the disk), with one
    message naming the line; a snippet that catches the error is failed all the same; a file the snippet
    writes is capped likewise."""
    r = strict.run("for i in range(1_000_000):\n    print('x' * 100)\n", label="snippets/x/flood.py")
    assert not r.ok and r.error.startswith("it printed 1 MB or more, the most a page can show")
    assert 'File "snippets/x/flood.py", line 2' in r.error and "File too large" in r.error
    assert r.stdout == "" and r.figures == []
    hidden = strict.run("try:\n    for i in range(10**6):\n        print('x' * 100)\nexcept OSError:\n    pass\n")
    assert not hidden.ok and hidden.error.startswith("it printed 1 MB or more") and hidden.stdout == ""
    r = strict.run("open('big.bin', 'wb').write(bytes(2 << 20))\n", label="snippets/x/big.py")
    assert not r.ok and 'File "snippets/x/big.py", line 1' in r.error and "File too large" in r.error
    assert strict.run("print('fine')").stdout == "fine\n"


def test_a_damaged_cache_entry_is_detected_and_run_again(tmp_path, monkeypatch):
    """A truncated or corrupted result in the cache is not served: it is removed and the snippet is queued to
    run again."""
    from glossary import execute, inventory

    (tmp_path / "snippets" / "a").mkdir(parents=True)
    (tmp_path / "snippets" / "a" / "x.py").write_text("print(2.0941)\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text('# a\n\n```python\n--8<-- "a/x.py"\n```\n')
    inv = inventory.scan(tmp_path)
    ex = execute.Executor(tmp_path, tmp_path / "cache", workers=1, names_path=NAMES)
    monkeypatch.setattr(ex, "_start_threads", lambda: None)  # plan only: look at the queue
    path = ex.result_path(ex.key(inv.blocks[0].code, inv))
    execute.write_entry(path, {"ok": True, "stdout": "2.0941\n"})
    assert execute.read_entry(path) == {"ok": True, "stdout": "2.0941\n"}
    good = path.read_text()

    def queued_after(damaged: str) -> list[str]:
        path.write_text(damaged)
        ex.prefetched.clear()
        ex.futures.clear()
        while not ex.queue.empty():
            ex.queue.get_nowait()
        ex.prefetch(inv)
        return [ex.queue.get_nowait()[1].file for _ in range(ex.queue.qsize())]

    assert queued_after(good) == []  # intact: served from the cache
    assert queued_after(good[: len(good) // 2]) == ["snippets/a/x.py"]  # truncated (killed mid-write, disk full)
    assert not path.exists()
    assert queued_after(good.replace("2.0941", "2.0947")) == ["snippets/a/x.py"]  # corrupted, still valid JSON
    assert not path.exists()


def test_a_snippet_cannot_reach_another_machine(runner):
    """Nothing may download anything: a connection to anything but this machine fails loudly, with the host."""
    r = runner.run(
        "import urllib.request\n\nurllib.request.urlopen('https://huggingface.co/gpt2', timeout=5)\n",
        label="snippets/x/download.py",
    )
    assert not r.ok and "snippets may not use the network" in r.error and "huggingface.co" in r.error
    r = runner.run("import socket\n\nsocket.socket().connect(('93.184.215.14', 80))\n")
    assert not r.ok and "a connection to 93.184.215.14 was refused" in r.error
    # This machine stays reachable (a snippet may serve and fetch a page on loopback).
    r = runner.run(
        "import socket\n\ns = socket.socket()\ns.bind(('127.0.0.1', 0))\ns.listen()\n"
        "c = socket.create_connection(s.getsockname(), timeout=5)\nprint('loopback ok')\n"
    )
    assert r.ok and r.stdout == "loopback ok\n", r.error


def test_a_damaged_artifact_makes_its_writer_run_again(tmp_path, monkeypatch):
    """An artifact in the cache that is missing or no longer has the bytes its writer's result recorded is not
    handed to its readers: the writer is queued to run again."""
    from glossary import execute, inventory, runner

    (tmp_path / "snippets" / "a").mkdir(parents=True)
    (tmp_path / "snippets" / "a" / "x.py").write_text("open('one.txt', 'w').write('1')\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text('# a\n\n```python\n--8<-- "a/x.py"\n```\n')
    inv = inventory.scan(tmp_path, artifacts={"one.txt": "a/x.py"})
    ex = execute.Executor(tmp_path, tmp_path / "cache", workers=1, names_path=NAMES)
    monkeypatch.setattr(ex, "_start_threads", lambda: None)  # plan only: look at the queue
    key = ex.key(inv.blocks[0].code, inv)
    artifact = ex.artifact_path(key, "one.txt")
    artifact.parent.mkdir(parents=True)
    artifact.write_text("1")
    result = runner.Result(ok=True, artifacts={"one.txt": runner.artifact_digest(artifact)})
    execute.write_entry(ex.result_path(key), result.to_json())

    def queued_after(change) -> list[str]:
        change()
        ex.prefetched.clear()
        ex.futures.clear()
        ex.prefetch(inv)
        return [ex.queue.get_nowait()[1].file for _ in range(ex.queue.qsize())]

    assert queued_after(lambda: None) == []  # intact: served from the cache
    assert queued_after(lambda: artifact.write_text("2")) == ["snippets/a/x.py"]  # other bytes

    def same_size_same_time():  # other bytes of the same size, the modification time set back
        st = artifact.stat()
        artifact.write_text("3")
        os.utime(artifact, ns=(st.st_atime_ns, st.st_mtime_ns))

    assert queued_after(lambda: None) == ["snippets/a/x.py"]  # (still damaged: "2")
    artifact.write_text("1")
    assert queued_after(lambda: None) == []
    assert queued_after(same_size_same_time) == ["snippets/a/x.py"]
    assert queued_after(lambda: artifact.unlink()) == ["snippets/a/x.py"]  # gone


def test_a_chain_of_artifacts_is_queued_writers_first(tmp_path, monkeypatch):
    """One page asked for (make test PAGE=c) whose snippet reads an artifact whose writer reads another: every
    writer up the chain is queued, each before its reader: with one worker, a reader queued before its
    writer would take the worker and wait forever for a writer that never runs."""
    from glossary import execute, inventory

    for slug, code in {
        "a": "open('one.txt', 'w').write('1')\n",
        "b": "# needs: one.txt\nopen('two.txt', 'w').write(open('one.txt').read() + '2')\n",
        "c": "# needs: two.txt\nprint(open('two.txt').read())\n",
    }.items():
        (tmp_path / "snippets" / slug).mkdir(parents=True)
        (tmp_path / "snippets" / slug / "x.py").write_text(code)
        (tmp_path / "docs").mkdir(exist_ok=True)
        (tmp_path / "docs" / f"{slug}.md").write_text(f'# {slug}\n\n```python\n--8<-- "{slug}/x.py"\n```\n')
    inv = inventory.scan(tmp_path, artifacts={"one.txt": "a/x.py", "two.txt": "b/x.py"})
    ex = execute.Executor(tmp_path, tmp_path / "cache", workers=1, names_path=NAMES)
    monkeypatch.setattr(ex, "_start_threads", lambda: None)  # plan only: look at the queue
    ex.prefetch(inv, {"docs/c.md"})
    queued = [ex.queue.get_nowait()[1].file for _ in range(ex.queue.qsize())]
    assert queued == ["snippets/a/x.py", "snippets/b/x.py", "snippets/c/x.py"]


def test_a_build_that_runs_nothing_leaves_no_older_record(tmp_path):
    """runs.json says what the last build on a cache ran: after a build that found everything cached it is
    empty, not the record of the build before (a build's record is what the bench and the tests read)."""
    from glossary import execute

    cache = tmp_path / "cache"
    execute.write_entry(cache / "runs.json", {"runs": [{"kind": "block", "file": "old.py", "key": "k"}]})
    ex = execute.Executor(tmp_path, cache, workers=1, names_path=NAMES)
    ex.close()
    assert execute.runs(cache) == []


def test_a_comment_that_names_a_file_does_not_make_a_reader():
    """What a snippet reads is declared in its first comment lines (`# needs: ...`), never guessed: a comment
    further down, or a string, that names an artifact gives the snippet nothing."""
    from glossary import inventory

    declared = "# needs: names_gpt.safetensors\nimport torch\n"
    mentioned = "import torch\n# the weights are in names_gpt.safetensors\nprint('names_gpt.safetensors')\n"
    assert inventory.needs(declared) == ["names_gpt.safetensors"]
    assert inventory.needs(mentioned) == []
    inv = inventory.Inventory(blocks=[], artifacts={"names_gpt.safetensors": "names-gpt/train.py"})
    assert inv.reads(declared) == ["names_gpt.safetensors"] and inv.reads(mentioned) == []


def test_a_fence_closes_only_on_its_own_character_at_least_as_long():
    """The one fence parser follows CommonMark: a four-backtick fence is not closed by three backticks inside
    it, nor by tildes; it is closed by four or more backticks alone on a line."""
    from glossary import inventory

    lines = ["````markdown", "```python", "x = 1", "```", "~~~~", "`````", "after"]
    assert list(inventory.fenced(lines)) == [(0, 5, "", "markdown")]
    assert inventory.closes("  ````  ", "````") and not inventory.closes("```", "````")
    assert not inventory.closes("```` x", "````")


def test_the_caches_keep_only_what_the_last_full_run_used(tmp_path):
    """A full build prunes the results and artifacts it did not use, and a full mutation run the verdicts it
    did not ask for: edited snippets leave old entries behind, and the caches would only grow."""
    from glossary import execute, mutate

    cache = tmp_path / "cache"
    for key in ("kept", "stale"):
        execute.write_entry(cache / f"{key}.json", {"ok": True})
        (cache / "artifacts" / key).mkdir(parents=True)
    ex = execute.Executor(tmp_path, cache, workers=1, names_path=NAMES)
    assert ex.prune() == []  # no full build yet: nothing is known to be stale
    ex.full_keys = {"kept"}
    assert sorted(p.name for p in ex.prune()) == ["stale", "stale.json"]
    assert (cache / "kept.json").exists() and (cache / "artifacts" / "kept").is_dir()
    verdicts = tmp_path / "mutants"
    verdicts.mkdir()
    for key in ("asked", "old"):
        (verdicts / f"{key}.json").write_text("{}")
    assert [p.name for p in mutate.prune(verdicts, {"asked"})] == ["old.json"]
    assert [p.name for p in verdicts.iterdir()] == ["asked.json"]


def test_a_mutants_cpu_limit_follows_its_checks_cost():
    """A mutant may use five times its check's CPU, a multiple of 5 s from 5 to 30 s (the runner's CPU limit
    itself is tested above): one that turns a loop into an endless one is stopped there, not at 30 s."""
    from glossary import mutate

    assert [mutate.cpu_limit(c) for c in (None, 0.04, 1.0, 1.21, 2.51, 9.0)] == [30.0, 5.0, 5.0, 10.0, 15.0, 30.0]


def test_figure_links_lie_over_the_parts_they_name():
    """A patch given a link (set_url) becomes a link box at matplotlib's own extent of the patch, in percent of
    the figure; a figure with none has no links, and a link box moved by a point would be seen here."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyBboxPatch, Rectangle

    from glossary.markdown_ext import figure_links_markdown
    from glossary.page_figures import figure_links

    fig, ax = plt.subplots(figsize=(4.8, 3.2))
    ax.set(xlim=(0, 10), ylim=(0, 10))
    patches = {
        "terms/attention.md": FancyBboxPatch((1, 1), 4, 2, boxstyle="round,pad=0.05"),
        "terms/logits.md#top": Rectangle((6, 5), 3, 4),
    }
    for url, patch in patches.items():
        patch.set_url(url)
        ax.add_patch(patch)
    ax.add_patch(Rectangle((0, 8), 1, 1))  # no link
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    W, H = fig.bbox.width, fig.bbox.height  # display pixels, y up
    links = figure_links(buf.getvalue())
    assert [href for href, _ in links] == list(patches)
    for (href, box), patch in zip(links, patches.values()):
        e = patch.get_window_extent()
        expected = (100 * e.x0 / W, 100 * (H - e.y1) / H, 100 * e.width / W, 100 * e.height / H)
        assert max(abs(a - b) for a, b in zip(box, expected)) < 0.05, (href, box, expected)
    md = figure_links_markdown(figure_links(buf.getvalue()))
    assert md[0].startswith(
        '[<span class="exec-figure__name">attention</span>](terms/attention.md){ .exec-figure__link'
    )
    assert md[1].startswith('[<span class="exec-figure__name">logits</span>](terms/logits.md#top)')
    assert md[-1] == "{: .exec-figure__links }"
    plt.close(fig)

    fig, ax = plt.subplots()
    ax.add_patch(Rectangle((0, 0), 1, 1))
    buf = io.StringIO()
    fig.savefig(buf, format="svg")
    assert figure_links(buf.getvalue()) == [] and figure_links_markdown(figure_links(buf.getvalue())) == []
    plt.close(fig)


def test_a_key_follows_its_code_its_data_and_its_writers(tmp_path):
    """A snippet's cache key changes when its own code, a data file it gets or the writer of an artifact it
    reads changes, and only then: keys are memoised on the inventory, which scan() makes anew after an edit
    (a memo that outlived an edit would serve a result computed from the old data)."""
    import os

    from glossary import inventory, site

    files = {
        "docs/names.txt": "ada\n",
        "docs/old.txt": "1915\n",
        "snippets/a/w.py": "open('w.txt', 'w').write('1')\n",
        "snippets/a/r.py": "# needs: w.txt\nprint(open('w.txt').read())\n",
        "snippets/a/o.py": "# needs: old.txt\nprint(open('old.txt').read())\n",
        "docs/a.md": '# a\n\n```python\n--8<-- "a/w.py"\n```\n\n```python\n--8<-- "a/r.py"\n```\n\n'
        '```python\n--8<-- "a/o.py"\n```\n',
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    data = {"names.txt": "docs/names.txt", "old.txt": "docs/old.txt"}

    def keys() -> dict[str, str]:
        inv = inventory.scan(tmp_path, data_files=data, artifacts={"w.txt": "a/w.py"})
        return {b.name: site.content_key(tmp_path, b.code, inv) for b in inv.blocks}

    def after(rel: str, text: str) -> set[str]:
        before = keys()
        path = tmp_path / rel
        st = path.stat()
        path.write_text(text)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))  # a later save, even on a coarse clock
        now = keys()
        return {name for name in now if now[name] != before[name]}

    assert keys() == keys()
    assert after("docs/old.txt", "1916\n") == {"a/o.py"}  # only the block that declares it
    assert after("docs/names.txt", "bob\n") == {"a/w.py", "a/r.py", "a/o.py"}  # every block gets names.txt
    assert after("snippets/a/w.py", "open('w.txt', 'w').write('2')\n") == {"a/w.py", "a/r.py"}  # and its reader
    assert after("docs/a.md", files["docs/a.md"] + "\nprose\n") == set()  # prose alone
    (tmp_path / "docs/old.txt").unlink()  # a data file being rewritten: only its readers wait for it
    inv = inventory.scan(tmp_path, data_files=data, artifacts={"w.txt": "a/w.py"})
    assert [site.content_key(tmp_path, b.code, inv) for b in inv.blocks if b.name != "a/o.py"]
    with pytest.raises(FileNotFoundError):
        site.content_key(tmp_path, next(b.code for b in inv.blocks if b.name == "a/o.py"), inv)
