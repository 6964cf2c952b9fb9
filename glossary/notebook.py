"""Every page as a Jupyter notebook: its prose as Markdown cells (math kept as TeX, which Jupyter renders),
each snippet as a code cell in page order, stored without outputs.

The Markdown extension builds it from the page's own lines (before the includes are expanded) and offers it
as a download link on the page (a data: URI: it works offline and from file://, and needs no file written
into the site). The notebook runs top to bottom in a folder holding only it and the data files its first cell
names; tests/test_notebooks.py does exactly that with every page's notebook.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat

from glossary.inventory import INCLUDE, Inventory, fenced, normalise

PAGE_LINK = re.compile(r"\[([^\]]+)\]\((?!https?://)[^)]*\)")  # a link to another page of the site
FOOTNOTE_REF = re.compile(r"\[\^([^\]]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^\[\^([^\]]+)\]:", re.M)


def _markdown(text: str) -> str:
    """Prose for a notebook: links to other pages of the site become plain text (they point nowhere from a
    downloaded notebook), footnote markers become [name]."""
    text = PAGE_LINK.sub(r"\1", text)
    text = FOOTNOTE_DEF.sub(r"- [\1]", text)
    return FOOTNOTE_REF.sub(r"[\1]", text).strip("\n")


def files_needed(codes: list[str], inv: Inventory) -> list[str]:
    """What the reader puts beside the notebook: the data files its code reads, and the artifacts it reads
    but does not write itself."""
    files = list(dict.fromkeys(n for c in codes for n in inv.data_read(c)))
    for name, writer in inv.artifacts.items():
        writes = any(b.file == writer and b.code in codes for b in inv.blocks)
        if any(name in inv.reads(c) for c in codes) and not writes:
            files.append(name)
    return files


def build(lines: list[str], root: Path, snippets_dir: str, inv: Inventory) -> dict | None:
    """The notebook of a page, or None for a page without code blocks."""
    cells, prose, codes = [], [], []
    pos = 0
    for i, j, _, info in fenced(lines):
        body = [ln for ln in lines[i + 1 : j] if ln.strip()]
        include = INCLUDE.match(body[0]) if info == "python" and len(body) == 1 else None
        prose.extend(lines[pos:i])
        pos = j + 1
        if not include:
            prose.extend(lines[i : j + 1])
            continue
        if "".join(prose).strip():
            cells.append(nbformat.v4.new_markdown_cell(_markdown("\n".join(prose))))
        prose = []
        code = normalise(Path(root, snippets_dir, include.group("path")).read_text(encoding="utf-8"))
        codes.append(code)
        cells.append(nbformat.v4.new_code_cell(code.rstrip("\n")))
        check = next((c for c in inv.checks if c.block.code == code and c.caught), None)
        if check is not None:
            cells.append(caught_cell(check))
    prose.extend(lines[pos:])
    if "".join(prose).strip():
        cells.append(nbformat.v4.new_markdown_cell(_markdown("\n".join(prose))))
    if not codes:
        return None
    needed = files_needed(codes, inv)
    where = []
    for name in needed:
        if name in inv.data_files:
            where.append(f"`{name}` (download it from the site's Data page)")
        else:
            writer = inv.pages_of(inv.artifacts[name])
            stem = Path(writer[0].page).stem if writer else "its writer"
            kind = "folder" if "." not in name else "file"
            where.append(
                f"the {kind} `{name}` (download it from the site's {stem} page, or run that page's "
                f"notebook, {stem}.ipynb, which writes it)"
            )
    intro = (
        "This notebook is a page of *The executable LLM glossary*, generated from the page when the site was "
        "built: its prose, and every code block of the page as a code cell, in order. Each code cell also "
        "runs on its own, exactly as on the page. Nothing here downloads anything: before running it, put "
        f"{' and '.join(where)} in the same folder as this notebook. It needs Python 3.11 to 3.13 with "
        "`torch`, `matplotlib`, `numpy`, `tokenizers` and `safetensors`."
    )
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell(intro), *cells])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.metadata["language_info"] = {"name": "python"}
    nb.metadata["glossary"] = {"files": needed}  # what the first cell asks for (tests/test_notebooks.py)
    # Cell ids are random by default: number them, so that two builds give the same file (P7).
    for n, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{n}"
    return nb


def caught_cell(check) -> dict:
    """A code cell after a check: the check run again with each deliberate error the page lists under it,
    each of which must make it fail (the build ran exactly these and showed the results)."""
    code = check.block.code
    literal = f"r'''\n{code}'''" if "'''" not in code and "\\" not in code else repr(code)
    errors = "".join(f"    ({c.name!r}, {c.old!r}, {c.new!r}),\n" for c in check.caught)
    source = (
        "# What the check above catches: the same check, run again with each deliberate error\n"
        "# patched into its code. Each run must fail on an assert.\n"
        "import contextlib\nimport io\n\n"
        f"check = {literal}\n"
        f"errors = [\n{errors}]\n"
        "for name, old, new in errors:\n"
        "    try:\n"
        "        with contextlib.redirect_stdout(io.StringIO()):\n"
        '            exec(check.replace(old, new, 1), {"__name__": "__main__"})\n'
        '        print(f"{name}: NOT caught")\n'
        "    except AssertionError as e:\n"
        "        lines = [ln for ln in str(e).splitlines() if ln.strip()]\n"
        '        print(f"{name}: caught:", " ".join(lines[-3:])[:150])\n'
    )
    cell = nbformat.v4.new_code_cell(source)
    cell.metadata["glossary"] = {"caught": check.block.file}
    return cell


def dumps(nb: dict) -> str:
    return json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def for_page(page: Path, root: Path, snippets_dir: str, inv: Inventory) -> dict | None:
    """The notebook of a page file, as the build makes it (MkDocs hands the Markdown extension the page
    without its front matter)."""
    from mkdocs.utils.meta import get_data

    text, _ = get_data(page.read_text(encoding="utf-8-sig"))
    return build(text.split("\n"), root, snippets_dir, inv)
