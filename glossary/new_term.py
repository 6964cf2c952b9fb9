"""Start a new term page: the page from the template (README: Adding a term) and its first snippets, ready to edit.

    python -m glossary.new_term SLUG "Title"        (make new-term SLUG=layer-norm TITLE="Layer normalization")

It writes docs/terms/SLUG.md and snippets/SLUG/: from_scratch.py, check_vs_pytorch.py, plot.py and two
exercise answers. The page builds and its snippets run at once (`make serve`, `make test PAGE=SLUG`); the one
test it fails on purpose is the one that finds the TODO placeholders, until every section is written.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

PAGE = """---
title: {title}
summary: TODO one sentence that says what {title_lower} is.
related: []
aliases: [{title_lower}, {title}]
---

# {title}

## Definition

**TODO one bold sentence with the standard term.**

TODO the intuition in plain words, starting from what the [bigram walkthrough](../walkthrough.ipynb) shows.

## The math

TODO the formula, every symbol and shape named (symbols as on the [notation page](../notation.md)):

$$
y = x
$$

## From scratch

```python
--8<-- "{slug}/from_scratch.py"
```

## Check against PyTorch

```python
--8<-- "{slug}/check_vs_pytorch.py"
```

## Plot

```python
--8<-- "{slug}/plot.py"
```

## PyTorch-isms and pitfalls

- **TODO a pitfall.** Each bullet names the snippet that shows it, e.g. (`check_vs_pytorch.py`).

## Conventions

TODO where sources disagree: who uses which, what PyTorch does, and a snippet (named here, e.g.
`check_vs_pytorch.py`) that computes the difference.

## In real models

TODO the sizes in GPT-2 and Llama, with sources, computed by a snippet.

## Where the name comes from

TODO who named it, when, what the word meant there, and the accident that stuck[^origin].

## Exercises

### Exercise 1: TODO a short title

TODO a question a reader can answer with the page's code and a few lines of their own.

??? success "Answer"

    TODO the answer in a sentence or two; the snippet proves it with `assert`.

    ```python
    --8<-- "{slug}/exercise_1.py"
    ```

### Exercise 2: TODO a short title

TODO a second question.

??? success "Answer"

    TODO the answer.

    ```python
    --8<-- "{slug}/exercise_2.py"
    ```

## Related terms

- TODO links to other term pages (and list their slugs in `related` above).

## References

[^origin]: TODO author, *title*, venue or arXiv id (year), section.
"""

EXERCISE = """import torch

# TODO the answer in code: compute what the question asks, then assert it.
x = torch.tensor([1.0, 2.0, 3.0])
assert x.sum() == 6.0  # TODO the fact the reader was asked to find
print("TODO what the reader should see")
"""

FROM_SCRATCH = """import torch

g = torch.Generator().manual_seed(0)  # seed every random generator you use

x = torch.randn(2, 3, generator=g)  # (B, C): say what each axis is
y = x.clone()  # TODO the computation, with elementary tensor operations

print("x:", x.shape)
print(x)
print("y:", y.shape)
print(y)
"""

CHECK = """import torch

g = torch.Generator().manual_seed(0)
x = torch.randn(2, 3, generator=g)

mine = x.clone()  # TODO the hand-written version
theirs = x.clone()  # TODO PyTorch's own implementation
torch.testing.assert_close(mine, theirs)
print("hand-written == PyTorch:", torch.equal(mine, theirs))
"""

PLOT = """import matplotlib.pyplot as plt
import torch

x = torch.linspace(-3, 3, 101)

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(x.tolist(), x.tolist(), label="TODO")
ax.set_title("TODO a title: it becomes the figure's alt text")
ax.set_xlabel("x")
ax.set_ylabel("y")
ax.legend()
fig.tight_layout()
plt.show()
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("slug", help="lower-case words joined by hyphens, e.g. layer-norm")
    parser.add_argument("title", help='the page title, e.g. "Layer normalization"')
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.slug):
        print(f"error: slug {args.slug!r} must be lower-case words joined by hyphens", file=sys.stderr)
        return 2
    page = args.root / "docs" / "terms" / f"{args.slug}.md"
    folder = args.root / "snippets" / args.slug
    if page.exists() or folder.exists():
        print(f"error: {page} or {folder} exists already", file=sys.stderr)
        return 1
    folder.mkdir(parents=True)
    page.write_text(PAGE.format(slug=args.slug, title=args.title, title_lower=args.title.lower()), encoding="utf-8")
    files = [("from_scratch.py", FROM_SCRATCH), ("check_vs_pytorch.py", CHECK), ("plot.py", PLOT)]
    files += [("exercise_1.py", EXERCISE), ("exercise_2.py", EXERCISE)]
    for name, text in files:
        (folder / name).write_text(text, encoding="utf-8")
    print(f"wrote {page} and {folder}/{{from_scratch,check_vs_pytorch,plot}}.py")
    print(f"next: make serve (and open /terms/{args.slug}/), then make test PAGE={args.slug}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
