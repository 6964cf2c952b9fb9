"""Every check can fail: each test here breaks one property on purpose, on a temporary copy of the
softmax page and its snippets (rendered with the site's Markdown extensions) or of built HTML, and asserts
that the check that guards the property reports it. The unbroken copy passes the same check first, so each
test shows the check is what tells the two apart.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, expand_includes, snippets_config  # noqa: F401
from pytest_codeblocks import extract_from_buffer
from test_build import compare_trees, executed_files

from glossary import checks, inventory, markdown_ext, mathml, render, site

PAGE_REL = "docs/terms/softmax.md"


class SiteCopy:
    """A copy of the site's sources (pages, snippets, data, mkdocs.yml) in which the softmax page is broken on
    purpose and rendered with the site's Markdown extensions. Results are cached in the session's build cache
    (same code, same key: nothing runs again but what a test adds)."""

    def __init__(self, root: Path):
        self.root = root
        self.original = (REPO / PAGE_REL).read_text(encoding="utf-8")
        shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
        shutil.copytree(REPO / "docs", root / "docs")
        shutil.copytree(REPO / "snippets", root / "snippets")

    def write(self, text: str) -> str:
        (self.root / PAGE_REL).write_text(text, encoding="utf-8")
        return text

    def snippet(self, name: str, code: str) -> None:
        (self.root / "snippets" / "softmax" / name).write_text(code, encoding="utf-8")

    def render(self, text: str | None = None) -> str:
        if text is not None:
            self.write(text)
        return render.render(self.root / PAGE_REL, self.root)

    def blocks(self) -> list[inventory.Block]:
        return inventory.page_blocks(self.root / PAGE_REL, self.root)

    def extracted(self) -> list[str]:
        with contextlib.chdir(self.root):
            import markdown

            md = markdown.Markdown(
                extensions=["pymdownx.snippets"], extension_configs={"pymdownx.snippets": snippets_config()}
            )
            lines = md.preprocessors["snippet"].run((self.root / PAGE_REL).read_text().split("\n"))
        return [b.code for b in extract_from_buffer(io.StringIO("\n".join(lines)))]

    def site(self) -> site.Site:
        return site.Site.from_config(site.extension_config(self.root), self.root)

    def inventory(self) -> inventory.Inventory:
        return self.site().inventory()

    def keys(self, codes: list[str]) -> list[str]:
        inv = self.inventory()
        ex = self.site().executor()
        return [ex.key(inventory.normalise(c), inv) for c in codes]


@pytest.fixture(scope="module")
def _site_copy(tmp_path_factory, built_site):
    os.environ["GLOSSARY_CACHE_DIR"] = str(built_site.cache)
    site = SiteCopy(tmp_path_factory.mktemp("site-copy"))
    yield site
    os.environ.pop("GLOSSARY_CACHE_DIR", None)


@pytest.fixture
def copy(_site_copy, request):
    """The site's copy, its softmax page and snippets restored after each test whatever it broke (a failing
    test leaves nothing behind for the next)."""
    root = _site_copy.root
    before = {p: p.read_bytes() for part in ("docs", "snippets") for p in (root / part).rglob("*") if p.is_file()}
    try:
        yield _site_copy
    finally:
        for part in ("docs", "snippets"):
            for p in sorted((root / part).rglob("*"), reverse=True):  # files before their folders
                if p.is_file() and p not in before:
                    p.unlink()
                elif p.is_dir() and not any(p.iterdir()):
                    p.rmdir()
        for p, data in before.items():
            if not p.is_file() or p.read_bytes() != data:
                p.parent.mkdir(parents=True, exist_ok=True)
                p.write_bytes(data)


def parsed(html: str):
    return checks.parse(html, fragment=True)


# -- P6 -----------------------------------------------------------------------------------------------------
@pytest.mark.build
def test_a_wrong_number_in_the_prose_is_caught(copy):
    assert "just above 88.7," in copy.original
    assert checks.prose_numbers(parsed(copy.render(copy.original))) == []
    broken = copy.render(copy.original.replace("just above 88.7,", "just above 88.9,"))
    problems = checks.prose_numbers(parsed(broken))
    assert len(problems) == 1 and problems[0].startswith("88.9 is in the prose")


def test_numbers_outside_the_prose_are_not_prose():
    """Navigation, the table of contents, code, outputs and references are not read as prose."""
    html = (
        '<nav>1.5</nav><article class="md-content__inner"><p>We get 2.25 here.</p><pre><code>x = 3.5'
        '</code></pre><div class="exec-output"><pre class="exec-output__text"><code>2.25</code></pre></div>'
        '<h2 id="references">References</h2><p>arXiv:1706.03762, 7.7</p></article>'
    )
    assert checks.prose_numbers(checks.parse(html)) == []
    assert checks.prose_numbers(checks.parse(html.replace("2.25 here", "2.75 here"))) != []


def test_a_number_that_is_only_part_of_a_printed_one_is_caught():
    """A number cut short (2.2 of a printed 2.25) or the tail of one (.25, 12.25) is not what was printed: a
    stale number that happens to be inside a longer printed one (0.763 inside 0.7632) is still stale."""
    html = (
        '<article class="md-content__inner"><p>We get 2.25 here.</p><div class="exec-output">'
        '<pre class="exec-output__text"><code>loss 2.25, then 12.251</code></pre></div></article>'
    )
    assert checks.prose_numbers(checks.parse(html)) == []
    for stale in ("2.2 here", "2.251 here", "12.2 here", "2.5 here"):
        assert checks.prose_numbers(checks.parse(html.replace("2.25 here", stale))) != [], stale


# -- math ---------------------------------------------------------------------------------------------------
@pytest.mark.build
@pytest.mark.parametrize("tex", [r"\softmax(x)", r"\mathds{1}", r"\begin{aligned} a &= b \end{aligned}"])
def test_an_unrenderable_formula_stops_the_build_with_page_and_formula(copy, tex):
    with pytest.raises(mathml.MathError):
        mathml.render(tex)
    text = copy.original.replace("## The math\n", f"## The math\n\nBroken: ${tex}$.\n", 1)
    line = text[: text.index(tex)].count("\n") + 1
    with pytest.raises(markdown_ext.PageMathError) as err:
        copy.render(text)
    assert tex in str(err.value) and f"docs/terms/softmax.md:{line}" in str(err.value)


@pytest.mark.build
def test_garbage_mathml_in_a_built_page_is_caught(copy):
    html = copy.render(copy.original)
    assert checks.math(parsed(html), html) == []
    broken = html.replace("</article>", "") + "<p><math><mi>\\softmax</mi><mi>&amp;</mi></math></p>"
    assert checks.math(parsed(broken), broken) != []


# -- template -----------------------------------------------------------------------------------------------
def _without_block(text: str, name: str) -> str:
    return re.sub(r"```python\n--8<-- \"softmax/" + re.escape(name) + r"\"\n```\n", "", text)


@pytest.mark.build
def test_the_template_check_needs_an_asserting_block_in_its_section(copy):
    blocks = copy.blocks()
    base = checks.template(copy.original, blocks)
    broken = copy.write(_without_block(copy.original, "check_vs_pytorch.py"))
    problems = checks.template(broken, copy.blocks())
    assert "asserts anything" in " ".join(problems) and "asserts anything" not in " ".join(base)
    # an `assert` elsewhere on the page does not count
    assert any("assert" in b.code for b in copy.blocks())


@pytest.mark.build
def test_the_exercises_check_needs_questions_collapsed_asserting_answers_and_its_place(copy):
    blocks = copy.blocks()
    assert checks.exercises(copy.original, blocks) == []
    assert "## Exercises" in copy.original  # the softmax page has them
    # an answer whose snippet asserts nothing
    weak = copy.original.replace('--8<-- "softmax/exercise_jacobian.py"', '--8<-- "softmax/from_scratch.py"')
    assert "exercise 1: its answer shows no snippet that asserts" in checks.exercises(weak, blocks)
    # an answer left open (!!! instead of ???): the reader sees it before trying
    shown = copy.original.replace('??? success "Answer"', '!!! success "Answer"', 1)
    assert 'exercise 1: no collapsed answer (??? success "Answer")' in checks.exercises(shown, blocks)
    # one exercise only
    one = re.sub(r"### Exercise 2.*?(?=## Related terms)", "", copy.original, flags=re.S)
    assert "1 exercises, not 2 or 3" in checks.exercises(one, blocks)
    # the section in the wrong place
    i, j = copy.original.index("## Exercises"), copy.original.index("## Related terms")
    section = copy.original[i:j]
    moved = copy.original.replace(section, "").replace("## Conventions", section + "## Conventions")
    assert any("not between" in p for p in checks.exercises(moved, blocks))


def test_the_template_check_needs_content_and_order(copy):
    empty = re.sub(r"(## Conventions\n)(.*?)(\n## )", r"\1\n\3", copy.original, flags=re.S)
    assert "section 'Conventions' is empty" in checks.template(empty, copy.blocks())
    missing = copy.original.replace("## In real models", "## Elsewhere")
    assert "section 'In real models' is missing" in checks.template(missing, copy.blocks())
    swapped = (
        copy.original.replace("## Definition", "## Tmp")
        .replace("## The math", "## Definition")
        .replace("## Tmp", "## The math")
    )
    assert any("order" in p for p in checks.template(swapped, copy.blocks()))


# -- P11 ----------------------------------------------------------------------------------------------------
@pytest.mark.build
def test_a_pitfall_that_shows_nothing_is_caught(copy):
    blocks = copy.blocks()
    base = checks.claims(copy.original, blocks)
    at = copy.original.index("- **", copy.original.index("## PyTorch-isms and pitfalls"))
    added = copy.original[:at] + "- **A claim.** Nothing shows it.\n" + copy.original[at:]
    assert len(checks.claims(added, blocks)) == len(base) + 1


# -- P1 -----------------------------------------------------------------------------------------------------
@pytest.mark.build
def test_a_py_fence_is_caught(copy):
    html = copy.render(copy.original)
    codes = copy.extracted()
    assert checks.blocks_executed(parsed(html), codes, copy.keys(codes)) == []
    broken = copy.original.replace(
        '```python\n--8<-- "softmax/from_scratch.py"', '```py\n--8<-- "softmax/from_scratch.py"', 1
    )
    html = copy.render(broken)
    codes = copy.extracted()
    assert checks.blocks_executed(parsed(html), codes, copy.keys(codes)) != []


# -- P3 -----------------------------------------------------------------------------------------------------
@pytest.mark.build
def test_an_output_that_is_not_its_codes_is_caught(copy):
    html = copy.render(copy.original)
    codes = copy.extracted()
    keys = copy.keys(codes)
    info = parsed(html)
    other = info.outputs[0].key
    swapped = html.replace(f'data-exec-key="{other}"', 'data-exec-key="0000"', 1)
    assert "not the output of its code" in " ".join(checks.blocks_executed(parsed(swapped), codes, keys))
    at = html.index("<code>", html.index("<pre")) + len("<code>")
    edited = html[:at] + "# edited\n" + html[at:]
    assert "other code" in " ".join(checks.blocks_executed(parsed(edited), codes, keys))


# -- P4, P9 -------------------------------------------------------------------------------------------------
@pytest.mark.build
def test_a_committed_image_is_caught(copy):
    html = copy.render(copy.original.replace("## Conventions\n", "## Conventions\n\n![a chart](chart.png)\n", 1))
    assert [p for p in checks.figures(parsed(html)) if "chart.png" in p]
    assert checks.figures(parsed(copy.render(copy.original))) == []


@pytest.mark.build
def test_an_external_resource_is_caught(copy):
    html = copy.render(copy.original + '\n<script src="https://cdn.example.org/x.js"></script>\n')
    assert checks.external(parsed(html)) == ["loads https://cdn.example.org/x.js"]


# -- P2, P7, P8: a failing and an unseeded snippet ----------------------------------------------------------
@pytest.mark.build
def test_a_failing_snippet_names_file_line_and_page_line(copy):
    copy.snippet("broken.py", "import torch\n\nx = torch.zeros(2)\nx[5]\n")
    text = copy.original.replace("## Plot", '```python\n--8<-- "softmax/broken.py"\n```\n\n## Plot', 1)
    include_line = text[: text.index('--8<-- "softmax/broken.py"')].count("\n") + 1
    with pytest.raises(markdown_ext.SnippetError) as err:
        copy.render(text)
    message = str(err.value)
    assert message.startswith("snippet snippets/softmax/broken.py, line 4 failed")
    assert f"included at docs/terms/softmax.md:{include_line}" in message
    assert 'File "snippets/softmax/broken.py", line 4' in message and "IndexError" in message


@pytest.mark.build
def test_an_unseeded_snippet_differs_between_two_runs(copy, tmp_path):
    copy.snippet("unseeded.py", "import torch\n\nprint(torch.rand(3))\n")
    text = copy.original.replace("## Plot", '```python\n--8<-- "softmax/unseeded.py"\n```\n\n## Plot', 1)
    first = copy.render(text)
    ex = copy.site().executor()
    inv = copy.inventory()
    key = ex.key((copy.root / "snippets/softmax/unseeded.py").read_text(), inv)
    ex.result_path(key).unlink()  # as a second clean build would: run it again
    ex.futures.pop(key, None)
    second = copy.render(text)
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "page.html").write_text(first)
    (tmp_path / "b" / "page.html").write_text(second)
    assert compare_trees(tmp_path / "a", tmp_path / "b") == ["page.html"]


def test_only_timing_outputs_are_masked_in_pages_and_zips(tmp_path):
    """P7's comparison ignores the outputs of `# timing:` snippets and nothing else, also inside a zip."""
    from glossary.downloads import write_zip

    def page(seconds: str, text: str) -> bytes:
        return (
            f'<p>{text}</p><div class="exec-output exec-output--timing no-copy" data-search-exclude '
            f'data-exec-key="k"><pre><code>{seconds} s</code></pre><div>x</div></div><p>end</p>'
        ).encode()

    for side, seconds in (("a", "1.25"), ("b", "1.31")):
        (tmp_path / side).mkdir()
        (tmp_path / side / "page.html").write_bytes(page(seconds, "same"))
        write_zip(tmp_path / side / "site.zip", {"x/page.html": page(seconds, "same")})
    assert compare_trees(tmp_path / "a", tmp_path / "b") == []
    (tmp_path / "b" / "page.html").write_bytes(page("1.31", "other"))
    write_zip(tmp_path / "b" / "site.zip", {"x/page.html": page("1.31", "other")})
    assert compare_trees(tmp_path / "a", tmp_path / "b") == ["page.html", "site.zip:x/page.html"]


def test_a_prose_number_found_only_in_a_timing_output_is_caught():
    """Seconds measured at build time differ on the next machine: prose may not quote them."""

    def html(cls: str) -> str:
        return (
            f'<article class="md-content__inner"><p>It took 1.25 seconds.</p><div class="{cls}" '
            'data-exec-key="k"><pre class="exec-output__text"><code>1.25 s</code></pre></div></article>'
        )

    assert checks.prose_numbers(parsed(html("exec-output no-copy"))) == []
    problems = checks.prose_numbers(parsed(html("exec-output exec-output--timing no-copy")))
    assert len(problems) == 1 and problems[0].startswith("1.25 is in the prose")


@pytest.mark.build
def test_a_prose_edit_runs_nothing_and_a_snippet_edit_runs_one(copy):
    """P10: results are cached by content."""
    ex = copy.site().executor()
    copy.render(copy.original)
    before = len(ex.executed)
    copy.render(copy.original.replace("Exponentiating makes", "Exponentiation makes"))
    assert len(ex.executed) == before
    copy.snippet("real_models.py", (REPO / "snippets/softmax/real_models.py").read_text() + "print('edited')\n")
    copy.render(copy.original)
    assert [f for f, _ in ex.executed[before:]] == ["snippets/softmax/real_models.py"]


def test_the_run_record_counts_a_second_run():
    run = {"file": "snippets/a.py", "kind": "block", "key": "k", "ok": True, "seconds": 0.1, "cpu_seconds": 0.1}
    assert executed_files([run, dict(run)])["snippets/a.py"] == 2
    assert executed_files([run, dict(run, kind="deliberate error")])["snippets/a.py"] == 1


@pytest.mark.build
def test_related_terms_must_be_linked(copy):
    html = copy.render(copy.original)
    assert checks.related_links(parsed(html), ("sampling",)) == []
    unlinked = copy.render(copy.original.replace("](sampling.md)", "]"))
    assert checks.related_links(parsed(unlinked), ("sampling",)) != []


@pytest.mark.build
def test_one_failing_snippet_is_one_failing_test(copy, tmp_path):
    """The test suite reports a failing snippet once, with its traceback, not once per test with the log."""
    repo = tmp_path / "repo"
    shutil.copytree(copy.root, repo)
    for part in ("glossary", "tests"):
        shutil.copytree(REPO / part, repo / part, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(REPO / "pyproject.toml", repo / "pyproject.toml")  # the test markers
    (repo / "snippets/softmax/from_scratch.py").write_text("x = 1\n\nraise ValueError('boom')\n")
    env = dict(os.environ, GLOSSARY_PAGE="softmax")
    env.pop("GLOSSARY_CACHE_DIR", None)
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_build.py", "tests/test_pages.py"],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    summary = proc.stdout.strip().splitlines()[-1]
    assert re.search(r"\b1 failed\b", summary) and "error" not in summary, proc.stdout[-3000:]
    assert "snippet snippets/softmax/from_scratch.py, line 3 failed" in proc.stdout
    assert "ValueError: boom" in proc.stdout and "INFO" not in proc.stdout


@pytest.mark.build
def test_a_new_term_renders_at_once_and_is_flagged_until_written(copy):
    """`make new-term` gives a page whose snippets run and whose TODOs the placeholder test finds."""
    from glossary import new_term

    assert new_term.main(["example-term", "Example term", "--root", str(copy.root)]) == 0
    page = copy.root / "docs/terms/example-term.md"
    html = render.render(page, copy.root)
    info = parsed(html)
    assert len(info.code_blocks) == len(info.outputs) == 5
    assert sum(len(o.figures) for o in info.outputs) == 2 and checks.figures(info) == []  # light + dark
    assert "TODO" in page.read_text()
    blocks = inventory.page_blocks(page, copy.root)
    assert checks.template(page.read_text(), blocks) == []
    assert checks.claims(page.read_text(), blocks) == []
    assert checks.exercises(page.read_text(), blocks) == []
    assert new_term.main(["example-term", "Again", "--root", str(copy.root)]) == 1


@pytest.mark.build
def test_a_changed_copy_of_the_names_gpt_is_caught(copy):
    from conftest import site_inventory

    blocks = site_inventory().blocks
    assert checks.model_copies(blocks, "snippets/names-gpt/train.py", "names_gpt.safetensors") == []
    changed = [
        inventory.Block(b.page, b.line, b.file, b.code.replace("d_model=48", "d_model=64"))
        if b.file == "snippets/names-gpt/sample.py"
        else b
        for b in blocks
    ]
    assert checks.model_copies(changed, "snippets/names-gpt/train.py", "names_gpt.safetensors") == [
        "snippets/names-gpt/sample.py: its copy of the model differs from snippets/names-gpt/train.py's"
    ]


# -- Every page as a notebook -----------------------------------------------------------------------------
@pytest.mark.build
def test_a_missing_or_reordered_notebook_is_caught(copy):
    import base64
    import json

    html, codes = copy.render(copy.original), copy.extracted()
    assert checks.notebook_matches(html, codes, "softmax") == []
    assert checks.notebook_matches(
        re.sub(r'<p class="exec-notebook"[^>]*>.*?</p>', "", html, flags=re.S), codes, "softmax"
    ) == ["no 'Download as notebook' link"]
    name, nb = checks.page_notebook(html)
    code_cells = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    a, b = code_cells[:2]
    nb["cells"][a], nb["cells"][b] = nb["cells"][b], nb["cells"][a]
    nb["cells"][a]["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "typed by hand"}]
    swapped = base64.b64encode(json.dumps(nb).encode()).decode()
    broken = checks.NOTEBOOK_LINK.sub(lambda m: m.group(0).replace(m.group(2), swapped), html)
    assert checks.notebook_matches(broken, codes, "softmax") == [
        "the notebook's code cells are not the page's blocks in order",
        "the notebook has stored outputs",
    ]


# -- Explorers stay light -------------------------------------------------------------------------------------
def test_a_heavy_repeated_or_unlinked_explorer_is_caught():
    import os as _os

    def page(times: int = 1, links: int = 1) -> str:
        script = '<script id="glossary-explorer">/* code */</script>'
        link = '<a data-explorer-data="" hidden="" href="../downloads/data.js"></a>'
        return '<div class="explorer" data-explorer="attention" hidden></div>' + script * times + link * links

    light = lambda href: b"Object.assign(window.glossaryExplorerData ??= {}, {});"  # noqa: E731
    heavy = lambda href: _os.urandom(200 * 1024)  # noqa: E731
    assert checks.explorer_weight(page(), 150 * 1024, light) == []
    assert checks.explorer_weight(page(times=2), 150 * 1024, light) == [
        "the explorers' script is on the page 2 times, not once"
    ]
    assert checks.explorer_weight(page(links=0), 150 * 1024, light) == [
        "the explorers' data is not linked from the page"
    ]
    too_much = checks.explorer_weight(page(), 150 * 1024, heavy)
    assert len(too_much) == 1 and too_much[0].startswith("explorer code and data weigh")


# -- What each check catches --------------------------------------------------------------------------------
TINY_CHECK = """import torch

# --- tiny from scratch
def double(x):
    return 2 * x
# --- end of tiny from scratch


x = torch.arange(4.0)
torch.testing.assert_close(double(x), x + x)
print("equal")
"""


def _with_tiny_check(copy, errors: str) -> str:
    """The softmax page with a small check added under "Check against", declaring ``errors``."""
    copy.snippet("tiny_check.py", TINY_CHECK)
    text = copy.original.replace("## Plot", '```python\n--8<-- "softmax/tiny_check.py"\n```\n\n## Plot', 1)
    end = text.index("\n---\n", 4)
    declared = "checks:\n  tiny_check.py:\n    against: torch.testing.assert_close\n    catches:\n" + errors
    return text[:end] + "\n" + declared.rstrip("\n") + text[end:]


@pytest.mark.build
def test_a_declared_error_the_check_misses_stops_the_build(copy):
    caught = '      - error: times three\n        replace: "2 * x"\n        by: "3 * x"\n'
    html = copy.render(_with_tiny_check(copy, caught))
    assert "<strong>times three</strong>" in html and "max |Δ| 3 &gt; 1e-05" in html
    missed = caught + '      - error: harmless\n        replace: "2 * x"\n        by: "x * 2"\n'
    with pytest.raises(markdown_ext.SnippetError) as err:
        copy.render(_with_tiny_check(copy, missed))
    assert "does not catch the deliberate error 'harmless'" in str(err.value)
    assert "passed with this error in place" in str(err.value)


@pytest.mark.build
def test_an_error_that_only_crashes_is_not_caught(copy):
    crash = '      - error: a name error\n        replace: "2 * x"\n        by: "2 * y"\n'
    with pytest.raises(markdown_ext.SnippetError) as err:
        copy.render(_with_tiny_check(copy, crash))
    assert "crashed instead of asserting" in str(err.value) and "NameError" in str(err.value)


@pytest.mark.build
def test_an_error_whose_text_is_not_in_the_check_once_is_refused(copy):
    absent = '      - error: nowhere\n        replace: "4 * x"\n        by: "5 * x"\n'
    with pytest.raises(markdown_ext.SnippetError) as err:
        copy.render(_with_tiny_check(copy, absent))
    assert "occurs 0 times" in str(err.value)


def test_a_check_with_too_few_errors_or_no_region_is_caught():
    block = inventory.Block("docs/terms/x.md", 3, "snippets/x/check.py", TINY_CHECK)
    one = inventory.Check(block, "torch", (inventory.Caught(block, "times three", "2 * x", "3 * x"),))
    assert checks.checks_declared([block], [one]) == ["snippets/x/check.py: 1 deliberate errors declared, fewer than 3"]
    assert "no deliberate errors declared" in checks.checks_declared([block], [])[0]
    bare = inventory.Block("docs/terms/x.md", 3, "snippets/x/check.py", TINY_CHECK.replace("# --- ", "# "))
    three = inventory.Check(bare, "torch", (inventory.Caught(bare, "a", "2 * x", "3 * x"),) * 3)
    assert "no marked region" in checks.checks_declared([bare], [three])[0]


def test_a_drifted_copy_of_a_region_is_caught():
    a = inventory.Block("docs/terms/x.md", 3, "snippets/x/from_scratch.py", TINY_CHECK)
    b = inventory.Block("docs/terms/x.md", 9, "snippets/x/check.py", TINY_CHECK)
    assert checks.region_copies([a, b]) == []
    drifted = inventory.Block(b.page, b.line, b.file, TINY_CHECK.replace("return 2 * x", "return x + x"))
    assert checks.region_copies([a, drifted]) == [
        "snippets/x/check.py: its region 'tiny from scratch' differs from snippets/x/from_scratch.py's"
    ]


def test_an_error_outside_the_region_is_caught():
    block = inventory.Block("docs/terms/x.md", 3, "snippets/x/check.py", TINY_CHECK)
    inside = inventory.Check(block, "torch", (inventory.Caught(block, "in", "2 * x", "3 * x"),))
    outside = inventory.Check(block, "torch", (inventory.Caught(block, "out", "x + x", "x - x"),))
    assert checks.caught_inside_regions([inside]) == []
    assert "outside the marked region" in checks.caught_inside_regions([outside])[0]


def test_the_mutator_makes_the_mutants_people_make():
    from glossary import mutate

    code = (
        "import torch\n# --- r\ndef f(z):\n    e = (z - z.max(dim=-1, keepdim=True).values).exp()\n"
        "    return e / e.sum(dim=-1, keepdim=True)\n# --- end of r\nprint(f(torch.zeros(2)))\n"
    )
    found = {m.description for m in mutate.mutants(code)}
    for want in (
        "line 4: z - z.max(dim=-1, keepdim=True).values -> z",  # a dropped term
        "line 5: e / e.sum(dim=-1, keepdim=True) -> e * e.sum(dim=-1, keepdim=True)",  # an operator
        "line 5: e.sum(dim=-1, keepdim=True) -> e.mean(dim=-1, keepdim=True)",  # a reduction
        "line 5: e.sum(dim=-1, keepdim=True) -> e.sum(dim=0, keepdim=True)",  # a dim
        "line 5: True -> False",
    ):  # keepdim
        assert want in found, (want, sorted(found))
    assert not any("print" in d for d in found)  # outside the region: never mutated
    for m in mutate.mutants(code):
        compile(m.code, "mutant", "exec")  # every mutant is valid Python


def test_a_stale_equivalent_or_an_unlisted_survivor_fails_the_score():
    from glossary import mutate

    ms = [mutate.Mutant(f"line 1: m{i}", "") for i in range(10)]
    verdicts = [{"killed": i < 8} for i in range(10)]  # m8 and m9 survive
    ok = mutate.tally("p", "f", ms, verdicts, {"line 1: m8": "why", "line 1: m9": "why"})
    assert (ok.score, ok.survivors, ok.stale) == (1.0, [], [])
    unlisted = mutate.tally("p", "f", ms, verdicts, {"line 1: m8": "why"})
    assert unlisted.survivors == ["line 1: m9"] and unlisted.score == 8 / 9
    stale = mutate.tally("p", "f", ms, verdicts, {"line 1: m8": "why", "line 1: m9": "why", "line 1: m0": "x"})
    assert stale.stale == ["line 1: m0"]  # listed as equivalent, but the check kills it


def test_a_bullet_swallowed_by_a_footnote_is_caught():
    ok = "## References\n\n[^a]: A. Author,\n    *A paper* (2020).\n\n- PyTorch documentation.\n"
    assert checks.swallowed_by_footnotes(ok) == []
    swallowed = ok.replace("(2020).\n\n- PyTorch", "(2020).\n- PyTorch")
    assert checks.swallowed_by_footnotes(swallowed) == [
        "line 5 is swallowed by the footnote above it (add a blank line): - PyTorch documentation."
    ]


def test_a_prerequisite_that_is_no_page_is_refused(tmp_path):
    from glossary import terms

    (tmp_path / "terms").mkdir()
    page = "---\ntitle: A\nsummary: A is a term.\nrelated: []\nprerequisites: [{}]\n---\n# A\n"
    (tmp_path / "terms" / "a.md").write_text(page.format("a"))
    assert terms.load_terms(tmp_path)[0].prerequisites == ("a",)
    (tmp_path / "terms" / "a.md").write_text(page.format("no-such-term"))
    with pytest.raises(terms.TermError, match="prerequisites name no page"):
        terms.load_terms(tmp_path)
