"""P1, P2, P3: every code block a reader sees is executed, alone, and shows what it prints.

The blocks are extracted by pytest-codeblocks' own parser from each page after pymdownx.snippets has
expanded the includes with mkdocs.yml's settings, i.e. as the reader sees them. pytest-codeblocks' runner
is not used: it execs blocks in this process with __name__ == "builtins". Each block instead runs in
glossary.runner's forked child: a fresh interpreter's semantics, in an empty folder holding only names.txt.
"""

from __future__ import annotations

import base64

import pytest
from conftest import DOCS, all_blocks, block_id, built_scan, markdown_pages, page_blocks

from glossary.markdown_ext import SnippetCache

BLOCKS = [pytest.param(page, block, id=block_id(page, block)) for page, block in all_blocks()]
CACHE_KEYS = SnippetCache(str(DOCS / "names.txt"), "unused")  # only its key function


def test_there_are_blocks_to_run():
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("page, block", BLOCKS)
def test_block_runs_alone_and_shows_its_output(page, block, fresh_runs, build):
    assert block.syntax == "python", (
        f"info string {block.syntax!r}: only plain ```python fences are executed, both by the build and by "
        "pytest-codeblocks; pages show no other code"
    )
    assert "--8<--" not in block.code, "an include was not expanded"
    result = fresh_runs[block_id(page, block)]  # run alone, in a fresh child (see conftest.executed)
    assert result.ok, result.error
    assert result.stderr == "", f"wrote to stderr:\n{result.stderr}"

    # P3: what the built page shows under the block is what running it alone prints now.
    shown = {o.key: o for o in built_scan(build, page).outputs}
    key = CACHE_KEYS.key(block.code)
    assert key in shown, "the built page has no executed output for this block"
    assert shown[key].text == result.stdout.rstrip()
    # P4/P7: the figures on the page are the ones this code draws now, byte for byte.
    fresh = [(f.alt, "data:image/svg+xml;base64," + base64.b64encode(f.svg.encode()).decode()) for f in result.figures]
    assert shown[key].figures == fresh


@pytest.mark.parametrize("page", markdown_pages(), ids=lambda p: str(p.relative_to(DOCS)))
def test_every_block_in_the_html_was_executed(page, build):
    """P1: none skipped silently. Code blocks in the built HTML == blocks pytest-codeblocks extracts ==
    executed outputs on the page."""
    html = built_scan(build, page)
    extracted = page_blocks(page)
    assert len(html.code_blocks) == len(extracted), (
        f"{len(html.code_blocks)} code blocks in the HTML but pytest-codeblocks extracts {len(extracted)} "
        "(a fence it skips: `py`, ~~~, an info string with attributes, an indented code block...)"
    )
    assert len(html.outputs) == len(extracted), "every block has an executed output under it"
