"""The site's properties (README: The tests) as functions: each takes a page (its Markdown source, its
blocks, its built HTML) and returns the problems it finds, as sentences; an empty list means the property
holds.

The tests apply each check to every page of a real build, and tests/test_checks_fail.py breaks each property
on purpose (on a copy of a page, a snippet or the HTML) and asserts that the check reports it: a check that
cannot fail is no check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from glossary.htmlscan import Page, is_external, scan
from glossary.inventory import Block, needs

# The page template (README: Adding a term), in order; a heading may say more ("Plot: temperature",
# "Check against a library").
TEMPLATE = [
    "Definition",
    "The math",
    "From scratch",
    "Check against",
    "Plot",
    "PyTorch-isms and pitfalls",
    "Conventions",
    "In real models",
    "Where the name comes from",
    "Related terms",
    "References",
]

# A decimal number (not part of a version a.b.c, an identifier or a longer number).
DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d+)(?![\w.]*\d)")
# What precedes a decimal that is a label rather than a measurement: arXiv identifiers, section, table,
# figure and equation numbers of the papers cited.
LABEL_BEFORE = re.compile(
    r"(arXiv:|§\s?|\b(?:[Ss]ections?|[Tt]ables?|[Ff]ig(?:ure)?s?\.?|[Aa]ppendix|[Ee]q\.?|"
    r"[Ee]quations?|[Aa]lgorithm)\s)$"
)
ASSERTS = re.compile(r"^\s*assert\b|\bassert_close\(|\bassert_equal\(|torch\.testing\.assert", re.M)


@dataclass
class Section:
    title: str
    start: int  # 1-based line of the heading
    end: int  # last line of the section
    text: str  # the section's body (without the heading)


def sections(source: str) -> list[Section]:
    lines = source.splitlines()
    heads = [(i, ln[3:].strip()) for i, ln in enumerate(lines) if ln.startswith("## ")]
    out = []
    for k, (i, title) in enumerate(heads):
        j = heads[k + 1][0] if k + 1 < len(heads) else len(lines)
        out.append(Section(title, i + 1, j, "\n".join(lines[i + 1 : j])))
    return out


def blocks_in(section: Section, blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if section.start < b.line <= section.end]


# -- P6 ---------------------------------------------------------------------------------------------------
def prose_numbers(page: Page) -> list[str]:
    """P6: every decimal number in the article's prose appears in something executed code printed on the
    same page (term-page outputs, notebook outputs)."""
    problems = []
    for m in DECIMAL.finditer(page.prose):
        if LABEL_BEFORE.search(page.prose[max(0, m.start() - 12) : m.start()]):
            continue
        # As printed: not merely inside a longer number (0.763 is not 0.7632, 1.4 is not 1.4559).
        if not re.search(rf"(?<![\d.]){re.escape(m.group(1))}(?!\d)", page.output_text):
            context = page.prose[max(0, m.start() - 40) : m.end() + 20].strip()
            problems.append(f"{m.group(1)} is in the prose but no output on the page prints it: ...{context}...")
    return problems


# -- math ---------------------------------------------------------------------------------------------------
def math(page: Page, html: str) -> list[str]:
    """Math is MathML made at build time, and none of it is garbage: no backslash macro, no bare &, no raw
    TeX left in the prose, no arithmatex placeholder."""
    problems = []
    for m in page.math:
        inner = re.sub(r'aria-label="[^"]*"', "", m)
        text = re.sub(r"<[^>]+>", "", inner)
        if "\\" in text or "&" in text:
            problems.append(f"MathML with a TeX macro or a bare & in it: {m[:120]}")
    if "arithmatex" in html:
        problems.append("an arithmatex placeholder was not converted to MathML")
    for raw in ("\\(", "\\[", "$$", "\\frac", "\\mathbf", "\\sum", "\\operatorname"):
        if raw in page.prose:
            problems.append(f"raw TeX {raw!r} visible in the prose")
    return problems


# -- template -----------------------------------------------------------------------------------------------
def template(source: str, blocks: list[Block]) -> list[str]:
    """The template: every section, in order, each with content; the check section asserts; the plot section
    shows a snippet; the name's origin cites a source."""
    secs = sections(source)
    titles = [s.title for s in secs]
    problems, positions = [], []
    for want in TEMPLATE:
        found = [i for i, t in enumerate(titles) if t.startswith(want)]
        if not found:
            problems.append(f"section {want!r} is missing")
            continue
        positions.append(found[0])
        sec = secs[found[0]]
        if not re.sub(r"\s+", "", sec.text):
            problems.append(f"section {sec.title!r} is empty")
        if want == "Check against":
            checks = [b for b in blocks_in(sec, blocks) if ASSERTS.search(b.code)]
            if not checks:
                problems.append(f"section {sec.title!r} shows no snippet that asserts anything")
        if want == "Plot" and not any(blocks_in(s, blocks) for s in secs if s.title.startswith("Plot")):
            problems.append("no Plot section shows a snippet")
        if want == "Where the name comes from" and not re.search(r"\[\^[^\]]+\]|\]\(https?://", sec.text):
            problems.append(f"section {sec.title!r} cites no source (a footnote [^...] or a link)")
    if positions != sorted(positions):
        problems.append("sections out of template order: " + ", ".join(titles))
    return problems


# -- exercises ----------------------------------------------------------------------------------------------
ANSWER = re.compile(r'^\?\?\? \w+ "Answer[^"]*"$', re.M)  # a collapsed block (pymdownx.details), closed


def exercises(source: str, blocks: list[Block]) -> list[str]:
    """A page's exercises: a section "Exercises" right after "Where the name comes from", with two or three
    ``### Exercise ...`` headings, each a question followed by its answer in a collapsed block
    (``??? success "Answer"``) that shows a snippet that asserts. The build runs that snippet like any other,
    so an answer that stopped being true would stop the build. A page without the section passes here;
    `tests/test_pages.py` says which pages must have one."""
    secs = sections(source)
    titles = [s.title for s in secs]
    if "Exercises" not in titles:
        return []
    i = titles.index("Exercises")
    sec = secs[i]
    problems = []
    if not (
        i > 0 and titles[i - 1].startswith("Where the name comes from") and titles[i + 1 : i + 2] == ["Related terms"]
    ):
        problems.append("section 'Exercises' is not between 'Where the name comes from' and 'Related terms'")
    parts = re.split(r"^### Exercise\b.*$", sec.text, flags=re.M)[1:]
    if not 2 <= len(parts) <= 3:
        problems.append(f"{len(parts)} exercises, not 2 or 3")
    for k, part in enumerate(parts, 1):
        m = ANSWER.search(part)
        if not m:
            problems.append(f'exercise {k}: no collapsed answer (??? success "Answer")')
            continue
        if not re.sub(r"\s+", "", part[: m.start()]):
            problems.append(f"exercise {k}: no question before its answer")
        shown = re.findall(r'^\s+--8<-- "([^"]+)"', part[m.end() :], flags=re.M)
        if not any(ASSERTS.search(b.code) for b in blocks if b.name in shown):
            problems.append(f"exercise {k}: its answer shows no snippet that asserts")
    return problems


# -- P11 ----------------------------------------------------------------------------------------------------
def claims(source: str, blocks: list[Block]) -> list[str]:
    """P11, the light version: every bullet of "PyTorch-isms and pitfalls" shows a snippet (an indented
    include) or names one that the page shows (`softmax/stability.py` or `stability.py`), and the
    Conventions section shows or names one. It cannot tell whether that snippet really demonstrates the
    sentence; a reviewer can, because the bullet says where to look."""
    problems = []
    names = {b.name for b in blocks} | {b.name.split("/")[-1] for b in blocks}
    for sec in sections(source):
        if sec.title.startswith("PyTorch-isms and pitfalls"):
            bullets = re.split(r"^- ", sec.text, flags=re.M)[1:]
            for bullet in bullets:
                shown = "--8<--" in bullet or any(f"`{n}`" in bullet for n in names)
                if not shown:
                    problems.append(f"pitfall bullet shows or names no snippet of this page: {bullet[:90].strip()}...")
        if sec.title.startswith("Conventions"):
            if not blocks_in(sec, blocks) and not any(f"`{n}`" in sec.text for n in names):
                problems.append("the Conventions section shows or names no snippet that computes the difference")
    return problems


# -- P1, P3 -------------------------------------------------------------------------------------------------
def blocks_executed(page: Page, codes: list[str], keys: list[str]) -> list[str]:
    """P1/P3: the code blocks in the HTML are exactly the blocks pytest-codeblocks extracts from the page, in
    order, and under each is the output of that very code (its content key)."""
    problems = []
    shown = [c.rstrip("\n") for c in page.code_blocks]
    if len(shown) != len(codes):
        problems.append(
            f"{len(shown)} code blocks in the HTML but {len(codes)} extracted by pytest-codeblocks "
            "(a fence it skips: `py`, ~~~, an info string with attributes, an indented block...)"
        )
    if len(page.outputs) != len(shown):
        problems.append(f"{len(shown)} code blocks but {len(page.outputs)} executed outputs")
    for i, (html_code, code, key) in enumerate(zip(shown, codes, keys)):
        if html_code != code.rstrip("\n"):
            problems.append(f"block {i + 1}: the HTML shows other code than the page's source")
        if i < len(page.outputs) and page.outputs[i].key != key:
            problems.append(f"block {i + 1}: the output under it is not the output of its code")
    return problems


# -- P4 -----------------------------------------------------------------------------------------------------
def figures(page: Page) -> list[str]:
    """P4: every image in the article was drawn by a snippet on the page (an executed output's figure, both
    its light and dark rendering) and has alt text."""
    problems = []
    for alt, src, cls in page.article_images:
        if not cls.startswith("exec-figure__"):
            problems.append(f"an image that no snippet on the page drew: {src[:60]}")
        if not (alt or "").strip():
            problems.append(f"an image without alt text: {src[:60]}")
    return problems


# -- P9 -----------------------------------------------------------------------------------------------------
def external(page: Page) -> list[str]:
    """P9: nothing the browser loads by itself comes from another origin (links to papers are not loaded)."""
    return [f"loads {url}" for url in page.resources if is_external(url)]


def related_links(page: Page, related: tuple[str, ...]) -> list[str]:
    """Each related term of the front matter is linked by the author (built: ../slug/, bare Markdown: slug.md); a
    term link the build added to a mention does not count."""
    links = set(page.written_links)
    return [
        f"related term {slug!r} is not linked"
        for slug in related
        if f"../{slug}/" not in links and f"{slug}.md" not in links
    ]


MODEL_START, MODEL_END = "# --- the names GPT", "# --- end of the names GPT"


def model_region(code: str) -> str | None:
    start, end = code.find(MODEL_START), code.find(MODEL_END)
    return code[start:end] if start >= 0 and end > start else None


def model_copies(blocks: list[Block], writer_file: str, artifact: str) -> list[str]:
    """Snippets that load a trained model repeat its code (each runs alone): every copy must be the code
    that trained the weights, or a page would load them into a different model."""
    writer = next((b for b in blocks if b.file == writer_file), None)
    if writer is None or model_region(writer.code) is None:
        return [f"{writer_file} shows no model code between the markers"]
    trained = model_region(writer.code)
    return [
        f"{b.file}: its copy of the model differs from {writer_file}'s"
        for b in blocks
        if artifact in needs(b.code) and b.file != writer_file and model_region(b.code) != trained
    ]


def swallowed_by_footnotes(source: str) -> list[str]:
    """A line right after a footnote definition (or its indented continuation), with no blank line between,
    becomes part of that footnote: a reference bullet written there vanishes into the footnote above it."""
    problems = []
    lines = source.splitlines()
    in_note = False
    for n, line in enumerate(lines, 1):
        if re.match(r"^\[\^[^\]]+\]:", line):
            in_note = True
            continue
        if in_note and line.strip() and not line.startswith((" ", "\t")):
            problems.append(f"line {n} is swallowed by the footnote above it (add a blank line): {line[:70]}")
        if not line.strip():
            in_note = False
    return problems


def region_copies(blocks: list[Block]) -> list[str]:
    """A snippet that repeats code shown elsewhere (it must, to run alone) marks it between ``# --- <name>``
    and ``# --- end of <name>``: every region of the same name must be the same text in every snippet, so a
    copy cannot drift from the code the page shows."""
    from glossary.mutate import region_text, regions

    first: dict[str, tuple[str, str]] = {}
    problems = []
    for b in blocks:
        for name, _, _ in regions(b.code):
            text = region_text(b.code, name)
            if name not in first:
                first[name] = (b.file, text)
            elif first[name][1] != text and first[name][0] != b.file:
                problems.append(f"{b.file}: its region '{name}' differs from {first[name][0]}'s")
    return sorted(set(problems))


def caught_inside_regions(checks) -> list[str]:
    """A deliberate error patches the checked code: inside the check's marked region when it has one."""
    from glossary.mutate import regions

    problems = []
    for check in checks:
        spans = regions(check.block.code)
        for c in check.caught:
            if not spans:
                continue
            at = check.block.code.index(c.old)
            line = check.block.code.count("\n", 0, at) + 1
            if not any(first <= line <= last for _, first, last in spans):
                problems.append(
                    f"{check.block.file}: error {c.name!r} patches line {line}, outside the marked "
                    f"region(s) {[n for n, _, _ in spans]}"
                )
    return problems


def checks_declared(blocks: list[Block], checks, minimum: int = 3) -> list[str]:
    """Every term page's asserting check declares at least ``minimum`` deliberate errors it catches, and marks
    the code it checks (the region mutation testing mutates)."""
    from glossary.mutate import regions

    problems = []
    declared = {c.block.file: c for c in checks}
    for b in blocks:
        check = declared.get(b.file)
        if check is None:
            problems.append(f"{b.file}: a check with no deliberate errors declared (front matter: checks)")
            continue
        if len(check.caught) < minimum:
            problems.append(f"{b.file}: {len(check.caught)} deliberate errors declared, fewer than {minimum}")
        if not regions(b.code):
            problems.append(f"{b.file}: no marked region (# --- <name> ... # --- end of <name>) for the code it checks")
    return problems


NOTEBOOK_LINK = re.compile(r'<a class="exec-notebook__download" download="([^"]+)" href="data:[^;,]+;base64,([^"]+)"')


def page_notebook(html: str) -> tuple[str, dict] | None:
    """The notebook a built page offers for download: (file name, notebook), or None."""
    import base64
    import json

    m = NOTEBOOK_LINK.search(html)
    return (m.group(1), json.loads(base64.b64decode(m.group(2)))) if m else None


def notebook_matches(html: str, codes: list[str], stem: str) -> list[str]:
    """Every page with code blocks offers itself as a notebook: named after the page, its code cells exactly
    the page's blocks in page order, stored without outputs."""
    found = page_notebook(html)
    if not codes:
        return [] if found is None else ["a notebook link on a page without code blocks"]
    if found is None:
        return ["no 'Download as notebook' link"]
    name, nb = found
    problems = [] if name == f"{stem}.ipynb" else [f"notebook named {name}, not {stem}.ipynb"]
    # The page's blocks, and after a check with deliberate errors, the cell that runs them (glossary/proof.py).
    cells = [
        c
        for c in nb["cells"]
        if c["cell_type"] == "code" and "caught" not in (c.get("metadata") or {}).get("glossary", {})
    ]
    if [c["source"] for c in cells] != [c.rstrip("\n") for c in codes]:
        problems.append("the notebook's code cells are not the page's blocks in order")
    if any(c.get("outputs") or c.get("execution_count") for c in cells):
        problems.append("the notebook has stored outputs")
    return problems


EXPLORER_SCRIPT = re.compile(r'<script id="glossary-explorer">.*?</script>', re.S)
EXPLORER_DATA = re.compile(r"<a [^>]*data-explorer-data[^>]*>")


def explorer_weight(html: str, budget: int, read) -> list[str]:
    """A page with an explorer carries the explorers' script exactly once and links their data (scripts under
    downloads/, shared by every page with an explorer); the script and the data it links weigh at most
    `budget` bytes as a server sends them (gzip). `read(href)` gives the bytes of a linked file: the data is
    counted with every page, since the first page a reader opens loads it."""
    import gzip

    scripts = EXPLORER_SCRIPT.findall(html)
    links = [re.search(r'href="([^"]+)"', a).group(1) for a in EXPLORER_DATA.findall(html)]
    problems = []
    if '<div class="explorer"' in html:
        if len(scripts) != 1:
            problems.append(f"the explorers' script is on the page {len(scripts)} times, not once")
        if not links:
            problems.append("the explorers' data is not linked from the page")
    size = len(gzip.compress("".join(scripts).encode(), 9)) + sum(len(gzip.compress(read(h), 9)) for h in links)
    if size > budget:
        problems.append(f"explorer code and data weigh {size:,} bytes gzip, over {budget:,}")
    return problems


def html_escape(text: str) -> str:
    import html

    return html.escape(text)


def parse(html: str, fragment: bool = False) -> Page:
    return scan(html, fragment=fragment)
